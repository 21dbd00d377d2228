"""``screen gate FILE [--format json]``: exit 0 allow, 1 deny (Chinese reasons; English with
--lang en), 4 unreadable; once through the installed ``screen`` executable."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from click.testing import CliRunner

from screening.cli import cli
from tests.records.people import CLEAN, make_office, write_doc


@pytest.fixture
def office(tmp_path, screener, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("SCREENING_LANG", raising=False)
    o = make_office(tmp_path / "home", screener)
    yield o
    o.close()


@pytest.fixture
def run(office, pm):
    def run(*args):
        return CliRunner().invoke(cli, ["gate", *map(str, args), "--home", str(office.root)],
                                  obj={"pm": pm})
    return run


@pytest.fixture
def reviewed(office, tmp_path):
    doc = write_doc(tmp_path / "通知.txt", CLEAN)
    office.review(doc)
    return doc


def test_allowed(run, reviewed):
    r = run(reviewed)
    assert r.exit_code == 0, r.output
    lines = r.stdout.splitlines()
    assert lines[0] == "通知.txt：允许发布"
    assert lines[1].endswith("结论 公开，签名人：张明（拟稿人）、李华（分管领导）、赵芳（信息公开审查人）")
    assert lines[2].startswith("决定编号 ")
    out = json.loads(run(reviewed, "--format", "json").stdout)
    assert (out["allow"], out["code"], out["reasons"]) == (True, "ALLOW", [])
    assert len(out["decision_id"]) == 32 and out["record_id"] == out["record"]["caseId"]


def test_denied(run, office, tmp_path):
    doc = write_doc(tmp_path / "未审.txt", CLEAN)
    r = run(doc)
    assert r.exit_code == 1
    assert r.stdout.splitlines()[:2] == ["未审.txt：不得发布",
                                         "  [NO_VALID_RECORD] 未找到该文件有效的保密审查记录"]
    r = run(doc, "--format", "json")
    assert r.exit_code == 1
    out = json.loads(r.stdout)
    assert (out["allow"], out["code"], out["message"]) == \
        (False, "NO_VALID_RECORD", "未找到该文件有效的保密审查记录")
    assert r.stderr == "未找到该文件有效的保密审查记录\n"
    r = run(doc, "--lang", "en")
    assert r.stdout.splitlines()[:2] == ["未审.txt: DENIED",
                                         "  [NO_VALID_RECORD] no valid review record for this file"]


def test_incomplete_record(run, office, tmp_path):
    doc = write_doc(tmp_path / "通知.txt", CLEAN)
    office.draft(doc)
    r = run(doc)
    assert r.exit_code == 1
    assert "  [CHAIN_INCOMPLETE] 审查未完成：缺少分管领导、信息公开审查人的签名步骤" in r.stdout


def test_unreadable(run, tmp_path):
    r = run(tmp_path / "无此文件.docx")
    assert r.exit_code == 4 and "[UNREADABLE] 无法读取文件" in r.stdout


def test_bad_ledger_is_4(run, reviewed, office, pm):
    r = CliRunner().invoke(cli, ["gate", str(reviewed), "--ledger",
                                 "postgresql://u:p@127.0.0.1:1/none"], obj={"pm": pm})
    assert r.exit_code == 4 and r.stderr.startswith("错误：")


def test_installed_executable(reviewed, office, tmp_path):
    exe = os.path.join(os.path.dirname(sys.executable), "screen")
    if not os.path.exists(exe):
        exe = "screen"
    env = {**os.environ, "SCREENING_LOAD_PLUGINS": ""}
    env.pop("SCREENING_LANG", None)
    ok = subprocess.run([exe, "gate", str(reviewed), "--home", str(office.root), "--format",
                         "json"], capture_output=True, text=True, env=env, timeout=120, check=False)
    assert ok.returncode == 0, ok.stderr
    assert json.loads(ok.stdout)["allow"] is True
    reviewed.write_text(CLEAN + "改\n", encoding="utf-8")
    bad = subprocess.run([exe, "gate", str(reviewed), "--home", str(office.root)],
                         capture_output=True, text=True, env=env, timeout=120, check=False)
    assert bad.returncode == 1 and "[FILE_CHANGED]" in bad.stdout
