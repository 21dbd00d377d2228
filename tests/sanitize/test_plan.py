"""make_plan: what a sanitized copy changes, and what it leaves for a person (domain.md §1.8)."""

from __future__ import annotations

import json
from datetime import date

import pytest

from screening.errors import SanitizeError
from screening.sanitize.plan import SanitizeOptions, make_plan, parse_basis
from tests.docbuild.docx import build_docx, run, table

from .build import BASIS, ID, PHONE


def plan_of(screener, path, today=None, **options):
    report = screener.scan(path)
    return make_plan(report, SanitizeOptions(**options), screener.config, today=today), report


@pytest.mark.parametrize("text,kind", [
    ("某保〔2024〕3号解密决定", "decision"), ("2024年5月10日解密决定", "decision"),
    ("保密期限届满", "expiry"), ("保密期限已届满，自行解密", "expiry"),
    ("正式公布即解密", "publication"), ("公布即视为解密", "publication"),
])
def test_basis_types(text, kind):
    assert parse_basis(text) == kind


@pytest.mark.parametrize("text", ["", "  ", "领导同意", "已解密"])
def test_basis_without_ground_is_refused(text):
    with pytest.raises(SanitizeError) as exc:
        parse_basis(text)
    assert "解密依据" in exc.value.message


def test_personal_data_is_masked_with_the_hidden_characters(tmp_path, screener):
    path = build_docx(tmp_path / "d.docx", body=[
        "公示名单如下：", table([["姓名", "身份证号码", "联系电话"], ["张三", ID, PHONE]])])
    plan, _ = plan_of(screener, path)
    by_kind = {a.kind: a for a in plan.actions}
    rid = by_kind["resident_id"]
    assert (rid.op, rid.replacement, rid.hide) == ("mask", "110105********1238", ((6, 14),))
    phone = by_kind["mobile_phone"]
    assert (phone.replacement, phone.hide) == ("139****5678", ((3, 7),))
    assert by_kind["person_name"].replacement == "张*"
    dumped = json.dumps(plan.to_dict(), ensure_ascii=False)
    assert ID not in dumped and PHONE not in dumped and "张三" not in dumped


def test_no_mask_leaves_personal_data_for_a_person(tmp_path, screener):
    path = build_docx(tmp_path / "d.docx", body=[
        "公示名单如下：", table([["姓名", "身份证号码"], ["张三", ID]])])
    plan, _ = plan_of(screener, path, mask=False)
    assert not [a for a in plan.actions if a.category == "personal_data"]
    assert {r["kind"] for r in plan.for_person} >= {"resident_id"}
    assert any("--no-mask" in n for n in plan.notes)


def test_hidden_content_is_removed_whole(tmp_path, screener):
    path = build_docx(tmp_path / "d.docx", body=["正文。", run("隐藏的话", vanish=True)],
                      comments=[("李四", "这段要改", "批注所在的正文")])
    plan, _ = plan_of(screener, path)
    ops = sorted((a.op, a.kind, a.whole_part) for a in plan.actions
                 if a.category == "hidden_content")
    assert ops == [("remove", "comment", True), ("remove", "hidden_text", False)]


def test_keep_hidden_lists_hidden_content_for_a_person(tmp_path, screener):
    path = build_docx(tmp_path / "d.docx", body=["正文。", run("隐藏的话", vanish=True)])
    plan, _ = plan_of(screener, path, remove_hidden=False)
    assert not plan.actions
    assert [r["kind"] for r in plan.for_person] == ["hidden_text"]


def test_marks_without_basis_stay_and_the_plan_says_why(tmp_path, screener):
    path = build_docx(tmp_path / "d.docx", body=["机密★10年", "关于做好防汛工作的通知"])
    plan, _ = plan_of(screener, path)
    assert not plan.actions
    assert [(r["kind"], r["reason"]) for r in plan.for_person] == [
        ("secret_level", "未提供解密依据，标志保留")]
    assert "没有解密依据" in plan.notes[0] and "--declassified" in plan.notes[0]


def test_decision_basis_strips_marks_even_long_term(tmp_path, screener):
    path = build_docx(tmp_path / "d.docx", body=["绝密★长期", "关于做好防汛工作的通知"])
    plan, _ = plan_of(screener, path, declassified=BASIS)
    assert [(a.op, a.text, a.hide) for a in plan.actions] == [
        ("strip_mark", "绝密★长期", ((0, 5),))]
    assert plan.basis_type == "decision" and plan.declassified == BASIS


def test_expiry_never_strips_a_long_term_mark(tmp_path, screener):
    path = build_docx(tmp_path / "d.docx", body=["绝密★长期", "关于做好防汛工作的通知"])
    plan, _ = plan_of(screener, path, declassified="保密期限届满")
    assert not plan.actions
    assert "长期" in plan.for_person[0]["reason"]


def test_expiry_does_not_strip_a_mark_whose_date_is_ahead(tmp_path, screener):
    path = build_docx(tmp_path / "d.docx", body=["秘密★2030年12月31日前", "关于做好防汛工作的通知"])
    plan, _ = plan_of(screener, path, declassified="保密期限届满", today=date(2026, 1, 1))
    assert not plan.actions and "尚未到来" in plan.for_person[0]["reason"]
    later, _ = plan_of(screener, path, declassified="保密期限届满", today=date(2031, 1, 1))
    assert [a.op for a in later.actions] == ["strip_mark"]


def test_secret_doc_number_is_left_for_a_person(tmp_path, screener):
    path = build_docx(tmp_path / "d.docx", body=["转发市委办密〔2020〕3号文件的通知"])
    plan, _ = plan_of(screener, path, declassified=BASIS)
    assert not [a for a in plan.actions if a.category == "classification_mark"]
    assert any("文号" in r["reason"] for r in plan.for_person)


def test_redact_spans_name_every_occurrence(tmp_path, screener):
    path = build_docx(tmp_path / "d.docx", body=["甲公司报价为一百万元。", "乙方重申：甲公司报价为一百万元。"])
    plan, _ = plan_of(screener, path, redact_spans=("甲公司报价为一百万元",))
    assert [(a.op, a.location.block, a.location.start, a.location.end) for a in plan.actions] == [
        ("redact", 0, 0, 10), ("redact", 1, 5, 15)]


def test_plan_file_names_findings_and_spans(tmp_path, screener):
    path = build_docx(tmp_path / "d.docx", body=["正文。", "核心商密▲10年", "某段需删除的文字。"])
    report = screener.scan(path)
    trade = [f for f in report.findings if f.category.value == "trade_secret"]
    assert trade, "the trade-secret mark must be found for this test"
    plain = make_plan(report, SanitizeOptions(), screener.config)
    assert not [a for a in plain.actions if a.category == "trade_secret"]
    assert any(r["category"] == "trade_secret" for r in plain.for_person)
    plan_path = tmp_path / "plan.json"
    plan_path.write_text(json.dumps({"findings": [trade[0].id], "spans": ["需删除的文字"]}),
                         encoding="utf-8")
    plan = make_plan(report, SanitizeOptions(plan_file=plan_path), screener.config)
    assert sorted((a.op, a.category) for a in plan.actions) == [
        ("redact", "redact"), ("redact", "trade_secret")]


def test_a_broken_plan_file_is_refused(tmp_path, screener):
    path = build_docx(tmp_path / "d.docx", body=["正文。"])
    bad = tmp_path / "plan.json"
    bad.write_text('{"findings": "x"}', encoding="utf-8")
    with pytest.raises(SanitizeError):
        make_plan(screener.scan(path), SanitizeOptions(plan_file=bad), screener.config)
