"""classification_marks.disclosure_attribute: 公开属性 marks (domain.md §1.5, §5 rows 19–20)."""

from __future__ import annotations

import pytest

from screening import Severity
from screening_plugins.classification_marks.disclosure_attribute import \
    DisclosureAttributeDetector
from tests.conftest import make_document

from .helpers import FILLER, run, summary

DETECTOR = DisclosureAttributeDetector()

# 附注 position: the line under the 成文日期, in brackets (domain.md §1.5).
ANNEX = ("XX市人民政府办公室", "2026年3月1日")


@pytest.mark.parametrize("mark,severity", [
    ("（此件不予公开）", "block"), ("（此件不公开）", "block"), ("（不予公开）", "block"),
    ("免于公开", "block"), ("不公开发布", "block"), ("（此件依申请公开）", "review"),
    ("依申请公开", "review"), ("（此件公开发布）", "info"), ("（此件主动公开）", "info"),
])
def test_annex_line(mark, severity, config):
    findings = run(DETECTOR, make_document(*FILLER, *ANNEX, mark), config)
    assert summary(findings) == [("disclosure_attribute", "body", mark, severity)]
    f = findings[0]
    assert f.detector == "classification_marks.disclosure_attribute"
    assert f.basis == ""
    assert f.location.block == 12


def test_block_explanation_tells_what_to_do(config):
    [f] = run(DETECTOR, make_document("（此件不予公开）"), config)
    assert "不得发布" in f.explanation and "重新进行保密审查" in f.explanation


@pytest.mark.parametrize("text,mark,severity", [
    ("经研究，此件不予公开，请各单位遵照执行。", "此件不予公开", "block"),
    ("此件依申请公开，不在政府网站发布。", "此件依申请公开", "review"),
    ("此件公开发布。", "此件公开发布", "info"),
])
def test_this_document_forms_count_anywhere(text, mark, severity, config):
    assert summary(run(DETECTOR, make_document(*FILLER, text), config)) == [
        ("disclosure_attribute", "body", mark, severity)]


@pytest.mark.parametrize("text,mark,severity", [
    ("公开属性：不予公开", "不予公开", "block"), ("公开方式：依申请公开", "依申请公开", "review"),
    ("公开属性：主动公开", "主动公开", "info"), ("公开方式：主动公开", "主动公开", "info"),
    ("信息公开选项：免于公开", "免于公开", "block"),
])
def test_field_values(text, mark, severity, config):
    assert summary(run(DETECTOR, make_document(*FILLER, text), config)) == [
        ("disclosure_attribute", "body", mark, severity)]


def test_property_and_header(config):
    doc = make_document({"text": "不予公开", "part": "metadata", "label": "custom:公开属性"},
                        {"text": "此件不予公开", "part": "header"})
    assert summary(run(DETECTOR, doc, config)) == [
        ("disclosure_attribute", "metadata", "不予公开", "block"),
        ("disclosure_attribute", "header", "此件不予公开", "block")]


@pytest.mark.parametrize("text", [
    "对涉及国家秘密的信息不予公开。", "依申请公开的政府信息，按照申请办理。",
    "行政机关决定不予公开的，应当告知申请人并说明理由。", "免于公开的事项由办公室汇总。",
    "公开属性：主动公开、依申请公开或者不予公开。", "市政府召开新闻公开发布会。",
])
def test_regulation_language_is_nothing(text, config):
    assert run(DETECTOR, make_document(*FILLER, text), config) == []


def test_quoted_requirement_is_info(config):
    [f] = run(DETECTOR, make_document(*FILLER, "在附注处标注“（此件公开发布）”。"), config)
    assert (f.text, f.severity) == ("此件公开发布", Severity.INFO)
