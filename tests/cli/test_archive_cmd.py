"""``screen archive export|verify`` as an auditor runs them."""

from __future__ import annotations

import json
import shutil

import pytest
from click.testing import CliRunner

from screening.cli import cli
from tests.records.people import PLANTED
from tests.records.views_build import two_years


@pytest.fixture(scope="module")
def world(tmp_path_factory, screener):
    root = tmp_path_factory.mktemp("archive_cmd")
    ty = two_years(root, screener)
    ty.office.ledger.close()
    return ty, root


def invoke(*args):
    return CliRunner().invoke(cli, list(args))


@pytest.fixture(scope="module")
def exported(world):
    ty, root = world
    out = root / "归档-2026"
    result = invoke("archive", "export", "--year", "2026", "-o", str(out),
                    "--key", str(ty.office.officer.key_path),
                    "--cosign-key", str(ty.office.admin.key_path),
                    "--ledger", ty.office.settings.ledger_url)
    assert result.exit_code == 0, result.output
    return ty, out, result.output


def test_export_message(exported):
    ty, out, output = exported
    assert output == (f"已导出 2026 年度归档到 {out}：账本记录 13 条（审查步骤 5、发布判定 2、检查点 6）；"
                      f"清单签名人：{ty.office.officer.name}、名册管理员\n")


def test_verify_ok_with_trust(exported):
    ty, out, _ = exported
    result = invoke("archive", "verify", str(out), "--trust", ty.office.admin.fingerprint)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == f"归档核验通过：{out}（2026 年度）"
    assert lines[1] == "  账本记录 13 条，审查记录 2 份（完成三级审查 2 份），检查点验证通过 7 个"
    assert lines[2] == f"  清单签名人：{ty.office.officer.name}（信息公开审查人）、名册管理员"
    assert lines[3] == "  信任根已用 --trust 核对：是"
    data = json.loads(invoke("archive", "verify", str(out), "--format", "json",
                             "--trust", ty.office.admin.fingerprint).output)
    assert data["ok"] is True and data["year"] == 2026 and data["trust_pinned"] is True
    english = invoke("archive", "verify", str(out), "--lang", "en")
    assert english.exit_code == 0
    assert english.output.startswith(f"Archive verified: {out} (year 2026)")


def test_verify_fails_on_a_changed_byte(exported, tmp_path):
    _, out, _ = exported
    copy = tmp_path / "copy"
    shutil.copytree(out, copy)
    data = bytearray((copy / "decisions.jsonl").read_bytes())
    data[data.index(b"true")] = ord("T")
    (copy / "decisions.jsonl").write_bytes(bytes(data))
    result = invoke("archive", "verify", str(copy))
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == f"归档核验未通过：{copy}，发现 2 个问题"
    assert "    - 文件 decisions.jsonl 与清单中的摘要不符（文件被改动）" in result.output
    assert "    - decisions.jsonl 与账本记录不一致" in result.output


def test_refusals_and_unreadable(world, exported, tmp_path):
    ty, _ = world
    _, out, _ = exported
    again = invoke("archive", "export", "--year", "2026", "-o", str(out), "--key",
                   str(ty.office.officer.key_path), "--ledger", ty.office.settings.ledger_url)
    assert again.exit_code == 4 and "输出目录已存在且不为空" in again.output
    drafter = invoke("archive", "export", "--year", "2026", "-o", str(tmp_path / "x"), "--key",
                     str(ty.office.drafter.key_path), "--ledger", ty.office.settings.ledger_url)
    assert drafter.exit_code == 4 and "没有 officer 角色" in drafter.output
    missing = invoke("archive", "verify", str(tmp_path / "无此目录"))
    assert missing.exit_code == 4 and "归档目录不存在" in missing.output
    assert invoke("archive", "export", "-o", str(tmp_path / "y"), "--key", "k").exit_code == 2


def test_independent_checkpoint_option(exported, tmp_path):
    _, out, _ = exported
    note = (out / "ledger" / "checkpoints.txt").read_text("utf-8").split("\n# ")[-1]
    copy = tmp_path / "cp.txt"
    copy.write_text("# " + note if not note.startswith("# ") else note, "utf-8")
    result = invoke("archive", "verify", str(out), "--checkpoint", str(copy))
    assert result.exit_code == 0, result.output
    assert "与独立副本的检查点（前 24 条）一致" in result.output


def test_no_planted_value_in_outputs_or_bundle(exported):
    _, out, output = exported
    outputs = [output, invoke("archive", "verify", str(out)).output]
    for value in PLANTED.values():
        assert all(value not in o for o in outputs)
        for path in out.rglob("*"):
            if path.is_file():
                assert value.encode() not in path.read_bytes()
