"""``screen review FILE --as drafter|leader|officer`` through the real click command: the three
forms of the issue, refusals (exit 1, nothing recorded), usage (2) and errors (4)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from screening.cli import cli
from screening.records.ledger import open_ledger
from tests.records.people import (CLEAN, DOC_NUMBER, SANITIZED, TITLE, WITH_PII, make_office,
                                  write_doc)


@pytest.fixture
def office(tmp_path, screener, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("SCREENING_LANG", raising=False)
    o = make_office(tmp_path / "home", screener)
    o.close()  # the CLI opens the ledger itself
    return o


@pytest.fixture
def run(office, pm):
    def run(*args):
        return CliRunner().invoke(cli, ["review", *map(str, args), "--home", str(office.root)],
                                  obj={"pm": pm})
    return run


def size(office) -> int:
    with open_ledger(office.settings) as led:
        return led.size()


def drafter_args(office, doc, *more):
    return (doc, "--as", "drafter", "--key", office.drafter.key_path, "--title", TITLE,
            "--doc-number", DOC_NUMBER, "--classification", "非密", *more)


def test_three_steps(office, run, tmp_path):
    doc = write_doc(tmp_path / "通知.txt", CLEAN)
    r = run(*drafter_args(office, doc, "--decision", "公开", "--opinion", "拟主动公开"))
    assert r.exit_code == 0, r.output
    lines = r.stdout.splitlines()
    assert lines[0].startswith("已记录拟稿人 张明 的审查步骤：公开（账本第 5 条，案件编号 ")
    assert lines[1].startswith("  通知.txt  SHA-256 ")
    assert lines[2] == "下一步：分管领导 screen review FILE --as leader --key … --approve"
    r = run(doc, "--as", "leader", "--key", office.leader.key_path, "--approve",
            "--opinion", "同意")
    assert r.exit_code == 0 and r.stdout.startswith("已记录分管领导 李华 的审查步骤：同意（账本第 7 条")
    r = run(doc, "--as", "officer", "--key", office.officer.key_path, "--conclude", "公开",
            "--format", "json")
    assert r.exit_code == 0, r.output
    out = json.loads(r.stdout)
    assert (out["role"], out["name"], out["seq"], out["decision"]) == \
        ("officer", "赵芳", 9, "公开")
    assert out["subjects"][0]["name"] == "通知.txt"


def test_drafter_refusal_then_partial(office, run, tmp_path, screener):
    doc = write_doc(tmp_path / "名单.txt", WITH_PII)
    san = write_doc(tmp_path / "名单-脱敏.txt", SANITIZED)
    before = size(office)
    r = run(*drafter_args(office, doc, "--decision", "公开"))
    assert r.exit_code == 1 and size(office) == before
    assert r.stderr.startswith("被拒绝，未记录：仍有 2 项阻止级发现未处理，不能公开：")
    assert "11010519491231002X" not in r.output and "110105********002X" in r.stderr
    ids = [f.id for f in screener.scan(doc).findings if f.severity.value == "block"]
    result = tmp_path / "sanitize.json"
    result.write_text(json.dumps({"input": {"sha256": screener.scan(doc).sha256},
                                  "output": {"sha256": screener.scan(san).sha256}}),
                      encoding="utf-8")
    r = run(*drafter_args(office, doc, "--decision", "部分公开", "--basis", "保护第三方合法权益",
                          "--publish", san, "--sanitize-result", result,
                          *[a for i in ids for a in ("--disposition", f"{i}=已脱敏")]))
    assert r.exit_code == 0, r.output
    assert "名单-脱敏.txt  SHA-256" in r.stdout


def test_name_given_must_match_key(office, run, tmp_path):
    doc = write_doc(tmp_path / "通知.txt", CLEAN)
    r = run(*drafter_args(office, doc, "--decision", "公开", "--name", "李华"))
    assert r.exit_code == 1 and "密钥不属于此人" in r.stderr


def test_key_not_in_roster(office, run, tmp_path, pm):
    CliRunner().invoke(cli, ["keys", "new", "outsider", "--no-passphrase", "--dir", "k"],
                       obj={"pm": pm})
    doc = write_doc(tmp_path / "通知.txt", CLEAN)
    r = run(doc, "--as", "leader", "--key", "k/outsider.key", "--approve")
    assert r.exit_code == 1 and "此密钥不在名册中" in r.stderr


def test_leader_without_drafter(office, run, tmp_path):
    doc = write_doc(tmp_path / "通知.txt", CLEAN)
    r = run(doc, "--as", "leader", "--key", office.leader.key_path, "--reject", "--lang", "en")
    assert r.exit_code == 1
    assert r.stderr.startswith("refused, nothing recorded: no drafter step for 通知.txt")


@pytest.mark.parametrize(("args", "message"), [
    (("--as", "leader", "--decision", "公开", "--approve"), "--as leader 不能使用 --decision"),
    (("--as", "officer"), "--as officer 须给出 --conclude"),
    (("--as", "leader"), "--as leader 须给出 --approve 或 --reject"),
    (("--as", "drafter", "--title", "T", "--classification", "非密", "--decision", "公开"),
     "--doc-number 或 --summary"),
    (("--as", "drafter", "--title", "T", "--summary", "S", "--classification", "非密",
      "--decision", "公开", "--disposition", "abc"), "--disposition 应为 编号=处理"),
    (("--as", "officer", "--conclude", "同意"), "Invalid value for '--conclude'"),
])
def test_usage_errors(office, run, tmp_path, args, message):
    doc = write_doc(tmp_path / "通知.txt", CLEAN)
    r = run(doc, "--key", office.leader.key_path, *args)
    assert r.exit_code == 2 and message in r.stderr


def test_errors_exit_4(office, run, tmp_path):
    r = run(*drafter_args(office, tmp_path / "无此文件.txt", "--decision", "公开"))
    assert r.exit_code == 4 and r.stderr.startswith("错误：")
    doc = write_doc(tmp_path / "通知.txt", CLEAN)
    r = run(doc, "--as", "leader", "--key", tmp_path / "none.key", "--approve")
    assert r.exit_code == 4
    r = run(*drafter_args(office, doc, "--decision", "公开", "--sanitize-result", "{broken"))
    assert r.exit_code == 4 and "--sanitize-result 不是有效的 JSON" in r.stderr
