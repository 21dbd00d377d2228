"""classification_marks.work_secret: 工作秘密 and 内部 marks (domain.md §1.4, §5 rows 11–18)."""

from __future__ import annotations

import pytest

from screening import Basis, Severity
from screening_plugins.classification_marks.work_secret import WorkSecretMarkDetector
from tests.conftest import make_document

from .helpers import FILLER, run, summary

DETECTOR = WorkSecretMarkDetector()

MARKS = ["内部", "内　部", "内部资料　注意保存", "内部资料，注意保存", "内部事项　注意保管", "内部资料",
         "内部文件", "内部事项", "工作秘密", "警务工作秘密", "内部使用", "仅供内部使用", "内部参考",
         "内部刊物", "内部发行", "不得外传", "严禁外传", "请勿外传", "注意保密", "会后收回", "阅后退回",
         "用后收回", "此件发至县级", "发至乡镇"]


@pytest.mark.parametrize("mark", MARKS)
def test_mark_as_top_line(mark, config):
    findings = run(DETECTOR, make_document("000001", mark, "关于召开全市安全生产会议的通知"), config)
    assert summary(findings) == [("work_secret", "body", mark, "review")]
    f = findings[0]
    assert f.detector == "classification_marks.work_secret"
    assert f.basis == Basis.LAW_PROHIBITS.value == "其他法律行政法规禁止公开"
    assert "第六十四条" in f.explanation


@pytest.mark.parametrize("mark", ["内部", "内部资料", "工作秘密"])
def test_mark_in_header_segment(mark, config):
    doc = make_document({"text": f"XX市应急管理局　　{mark}　　第1页", "part": "header"})
    [f] = run(DETECTOR, doc, config)
    assert (f.location.part, f.text, f.location.start) == ("header", mark, 10)


def test_bracketed_and_with_urgency(config):
    doc = make_document("（内部）", "内部　特急", "【内部资料】")
    assert summary(run(DETECTOR, doc, config)) == [
        ("work_secret", "body", "（内部）", "review"), ("work_secret", "body", "内部", "review"),
        ("work_secret", "body", "【内部资料】", "review")]


@pytest.mark.parametrize("text,mark", [
    ("本材料仅供内部使用，请勿外传。", ["仅供内部使用", "请勿外传"]),
    ("会议材料会后收回，请与会人员妥善保管。", ["会后收回"]),
    ("本册为内部资料，注意保存。", ["内部资料，注意保存"]),
    ("（此件发至县级）", ["（此件发至县级）"]),
])
def test_anywhere_phrases_in_running_text_are_review(text, mark, config):
    findings = run(DETECTOR, make_document(*FILLER, text), config)
    assert [f.text for f in findings] == mark
    assert all(f.severity is Severity.REVIEW and f.location.block == 10 for f in findings)


@pytest.mark.parametrize("text", [
    "各单位要依法保护工作秘密，防止泄露。", "本刊为内部资料，仅供参考。", "各部门要注意保密。",
    "要加强内部控制和内部审计。", "内部装修工程已完工。", "体制内部", "车辆内部", "内部控制",
    "内部使用的办公用房面积", "请阅读内部刊物管理规定",
])
def test_mark_scope_words_in_running_text_are_nothing(text, config):
    assert run(DETECTOR, make_document(*FILLER, text), config) == []
    assert run(DETECTOR, make_document(text), config) == []


def test_field_value(config):
    doc = make_document(*FILLER, "密级：内部", "密级：机密", "密级：公开")
    assert summary(run(DETECTOR, doc, config)) == [("work_secret", "body", "内部", "review")]


def test_custom_property(config):
    doc = make_document({"text": "内部", "part": "metadata", "label": "custom:密级"})
    [f] = run(DETECTOR, doc, config)
    assert (f.location.part, f.text, f.severity) == ("metadata", "内部", Severity.REVIEW)


@pytest.mark.parametrize("text", ["FOR INTERNAL USE ONLY", "Internal Use Only", "INTERNAL"])
def test_english_top_line(text, config):
    assert summary(run(DETECTOR, make_document(text), config)) == [
        ("work_secret", "body", text, "review")]


def test_english_below_the_top_is_nothing(config):
    assert run(DETECTOR, make_document(*FILLER, "FOR INTERNAL USE ONLY"), config) == []


def test_quoted_or_regulation_article_is_info(config):
    doc = make_document(*FILLER, "标注“内部资料　注意保存”的材料，由办公室统一保管。",
                        "第七条　会议材料需要会后收回的，应当在首页注明。")
    findings = run(DETECTOR, doc, config)
    assert [(f.text, f.severity) for f in findings] == [
        ("内部资料　注意保存", Severity.INFO), ("会后收回", Severity.INFO)]
