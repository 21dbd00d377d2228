"""Text and JSON renderings of review chains and ledger checks."""

from __future__ import annotations

import json

from screening.records.checkpoint import LedgerCheck
from screening.records.view import (chain_to_dict, findings_summary, ledger_check_to_dict,
                                    record_to_dict, render_chain, render_ledger_check,
                                    render_record, step_facts)

from .views_build import FP, SAN_SHA, SHA, SM3, synthetic_check


def test_step_facts_read_the_statement_fields():
    check = synthetic_check()
    drafter, leader, officer = (step_facts(s) for s in check.steps)
    assert (drafter.role, drafter.name, drafter.seq, drafter.date) == ("drafter", "李拟稿", 4,
                                                                       "2026-03-05")
    assert (drafter.classification, drafter.decision, drafter.basis) == (
        "非密", "部分公开", ("保护第三方合法权益",))
    assert (leader.decision, leader.approve, leader.opinion) == ("同意", True, "同意")
    assert (officer.decision, officer.case_id, officer.roster_version) == (
        "部分公开", "case-2026-0001", 2)
    assert officer.findings.by_severity == {"block": 1, "review": 2}
    assert officer.findings.items[0].masked == "138****5678"
    assert officer.envelope_sha256 == "8" * 64


def test_findings_of_several_subjects_are_added_up():
    one = {"counts": [{"category": "personal_data", "kind": "email", "severity": "review",
                       "count": 2}], "block": []}
    summary = findings_summary([one, one])
    assert summary.by_kind == {"email": 4} and summary.total == 4
    assert findings_summary(None).total == 0


def test_render_chain_in_chinese():
    text = render_chain(synthetic_check())
    lines = text.splitlines()
    assert lines[:6] == ["审查记录: 有效、完整，结论允许发布", "  记录编号: case-2026-0001",
                         "  信息名称: 关于某某事项的通知", "  文号: 某府办发〔2026〕12号",
                         "  审查结论: 部分公开",
                         "  [承办人（拟稿人）] 李拟稿  账本第 4 条  2026-03-05T10:00:00.000000+08:00"]
    assert "      定密意见: 非密" in lines
    assert "      依据: 保护第三方合法权益 — 《政府信息公开条例》第十五条" in lines
    assert "      自动检测: 发现 3 项：阻止 1 · 需审查 2" in lines
    assert "        阻止：手机号码 “138****5678”，处理：已脱敏" in lines
    assert "  [分管领导] 赵领导  账本第 6 条  2026-03-07T10:00:00.000000+08:00" in lines
    assert "      审核意见: 同意" in lines
    assert f"      密钥: sha256:{'1' * 12}…{'1' * 8}" in lines
    assert f"      SHA-256 {SAN_SHA}" in lines
    assert "问题" not in text


def test_render_chain_in_english():
    lines = render_chain(synthetic_check(), lang="en").splitlines()
    assert lines[0] == "Record: valid, complete, publication allowed"
    assert "  Conclusion: disclose in part (部分公开)" in lines
    assert "      Review: approved (同意)" in lines
    assert "      Classification: not classified" in lines
    assert "        block: mobile phone number “138****5678” — disposition: 已脱敏" in lines


def test_unfinished_and_failed_chains():
    text = render_chain(synthetic_check(roles=("drafter",)))
    assert text.splitlines()[0] == "审查记录: 签名有效，但审查尚未完成"
    assert "  [分管领导] 尚未签署" in text and "  [信息公开审查人] 尚未签署" in text
    failed = render_chain(synthetic_check(ok=False))
    assert failed.splitlines()[0] == "审查记录: 未通过验证（记录不可信）"
    assert failed.splitlines()[-2:] == ["  问题：", "    - 第 6 条记录的签名无效"]


def test_render_record_without_a_record():
    text = render_record("a.docx", SHA, SM3, [])
    assert text.splitlines() == ["文件: a.docx", f"  SHA-256 {SHA}", f"  SM3     {SM3}",
                                 "没有这个文件（此内容）的审查记录。"]
    assert render_record("a.docx", SHA, SM3, [], lang="en").endswith(
        "No review record for this file (this exact content).")


def test_json_of_a_record():
    data = record_to_dict("a.docx", SHA, SM3, [synthetic_check()])
    json.dumps(data)                       # serialisable
    assert data["ok"] is True and data["schema"] == "screening.record/1"
    record = data["records"][0]
    assert record["conclusion"] == "部分公开" and record["allows_publication"] is True
    assert [s["role"] for s in record["steps"]] == ["drafter", "leader", "officer"]
    assert record["steps"][0]["fingerprint"] == FP["drafter"]
    assert record["steps"][0]["findings"]["items"][0]["masked"] == "138****5678"
    assert record["steps"][2]["envelope"] == {"sha256": "8" * 64, "sm3": "e8" * 32}
    assert chain_to_dict(synthetic_check(ok=False))["problems"] == ["第 6 条记录的签名无效"]
    assert record_to_dict("a.docx", SHA, SM3, [])["ok"] is False


def test_ledger_check_rendering():
    good = LedgerCheck(ok=True, size=12, checkpoints=3, problems=[])
    assert render_ledger_check(good) == "账本完整：共 12 条记录，3 个签名检查点验证通过"
    bad = LedgerCheck(ok=False, size=12, checkpoints=2,
                      problems=["第 5 条记录的哈希不符（记录被改动）"])
    url = "postgresql://screening:secret@db:5432/screening"
    assert render_ledger_check(bad, url=url).splitlines() == [
        "账本被改动（postgresql://screening:***@db:5432/screening）：共 12 条记录，发现 1 个问题",
        "  - 第 5 条记录的哈希不符（记录被改动）"]
    assert render_ledger_check(good, lang="en").startswith("Ledger intact: 12 entries")
    data = ledger_check_to_dict(bad, url=url)
    assert data["ok"] is False and data["ledger"] == "postgresql://screening:***@db:5432/screening"
    assert "secret" not in json.dumps(data)
