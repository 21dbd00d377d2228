"""``screen record show|verify|form`` on a real ledger (three people, SM2)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from screening.cli import cli
from screening.records.dsse import Envelope
from screening.records.form import docx_text
from tests.records.ledger_build import drop_guards, sql
from tests.records.people import PLANTED
from tests.records.views_build import two_years

OUTPUTS: list[str] = []     # every command output, grepped for planted values at the end


@pytest.fixture(scope="module")
def world(tmp_path_factory, screener):
    ty = two_years(tmp_path_factory.mktemp("record"), screener)
    ty.office.ledger.close()
    yield ty


def run(world, *args, pm=None):
    result = CliRunner().invoke(cli, [*args, "--ledger", world.office.settings.ledger_url],
                                obj={"pm": pm} if pm else None)
    OUTPUTS.append(result.output)
    return result


def test_show_in_chinese(world):
    result = run(world, "record", "show", str(world.doc_c))
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == f"文件: {world.doc_c}"
    assert lines[4] == "审查记录: 有效、完整，结论允许发布"
    assert "  审查结论: 部分公开" in lines
    names = world.office.members
    assert any(line.startswith(f"  [承办人（拟稿人）] {names['drafter'].name}  账本第 17 条  "
                               "2026-01-05T09:00:") for line in lines)
    assert any(line.startswith(f"  [分管领导] {names['leader'].name}  账本第 19 条") for line in lines)
    assert any(line.startswith(f"  [信息公开审查人] {names['officer'].name}  账本第 21 条")
               for line in lines)
    assert "      依据: 保护第三方合法权益 — 《政府信息公开条例》第十五条" in lines
    assert "        阻止：手机号码 “139****5678”，处理：已脱敏" in lines
    assert "    通知C-脱敏.txt" in lines


def test_show_in_english_and_json(world):
    result = run(world, "record", "show", str(world.doc_b), "--lang", "en")
    assert result.exit_code == 0
    assert "Record: valid, complete, publication allowed" in result.output
    assert "  [drafter] 张明  ledger #11  2025-12-30T09:00:" in result.output
    result = run(world, "record", "show", str(world.doc_c), "--format", "json")
    data = json.loads(result.output)
    assert data["ok"] is True and data["sha256"] == data["records"][0]["subjects"][0][
        "digest"]["sha256"]
    assert [s["seq"] for s in data["records"][0]["steps"]] == [17, 19, 21]


def test_show_and_verify_without_a_record(world):
    for verb in ("show", "verify"):
        result = run(world, "record", verb, str(world.unreviewed))
        assert result.exit_code == 1
        assert "没有这个文件（此内容）的审查记录。" in result.output


def test_missing_file_is_exit_4(world, tmp_path):
    result = run(world, "record", "verify", str(tmp_path / "无.docx"))
    assert result.exit_code == 4
    assert result.output.startswith("错误：")


def test_verify_ok(world):
    result = run(world, "record", "verify", str(world.doc_c))
    assert result.exit_code == 0
    assert result.output.splitlines()[-1] == "验证结论：全部签名、摘要、名册和环节检查均通过。"


def test_form_writes_the_docx_and_a_ledger_entry(world, tmp_path):
    out = tmp_path / "审查表.docx"
    result = run(world, "record", "form", str(world.doc_c), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"已生成审查表：{out}（SHA-256 ")
    texts = docx_text(out)
    assert texts[0] == "政府信息公开保密审查记录"
    assert "关于做好春季防汛工作的通知" in texts and "某县政办发〔2026〕3号" in texts
    assert "阻止：手机号码 “139****5678”，处理：已脱敏" in texts
    with open(out, "rb") as f:
        data = f.read()
    import zipfile
    with zipfile.ZipFile(out) as z:
        xml = b"".join(z.read(n) for n in z.namelist())
    for value in PLANTED.values():
        assert value.encode() not in data and value.encode() not in xml
        assert all(value not in t for t in texts)
    from screening.records.ledger import open_ledger
    with open_ledger(world.office.settings) as led:
        entry = list(led.entries(kind="form"))[-1]
    body = json.loads(entry.body)
    assert body["steps"] == [17, 19, 21] and body["name"] == "审查表.docx"


def test_form_refusals(world, tmp_path):
    result = run(world, "record", "form", str(world.unreviewed), "-o", str(tmp_path / "a.docx"))
    assert result.exit_code == 1 and "这个文件没有审查记录，未生成审查表。" in result.output
    result = run(world, "record", "form", str(world.doc_c), "-o", str(world.doc_c))
    assert result.exit_code == 2


def test_verify_fails_on_an_altered_envelope(world, tmp_path_factory, screener):
    """An insider edits the officer's envelope in the database: verify says no (exit 1)."""
    ty = two_years(tmp_path_factory.mktemp("altered"), screener)
    ty.office.ledger.close()
    url = ty.office.settings.ledger_url
    [[body]] = sql(url, "SELECT body FROM entries WHERE seq = 21")
    env = Envelope.from_json(bytes(body))
    (keyid, sig), = env.signatures
    changed = Envelope(env.payload, env.payload_type,
                       ((keyid, sig[:-1] + bytes([sig[-1] ^ 1])),)).to_json()
    sql(url, *drop_guards(url),
        f"UPDATE entries SET body = X'{changed.hex()}' WHERE seq = 21")
    result = run(ty, "record", "verify", str(ty.doc_c))
    assert result.exit_code == 1
    assert "审查记录: 未通过验证（记录不可信）" in result.output
    assert result.output.splitlines()[-1] == "验证结论：未通过（见上面列出的问题）。"


def test_no_output_holds_a_planted_value():
    assert OUTPUTS
    for output in OUTPUTS:
        for value in PLANTED.values():
            assert value not in output
