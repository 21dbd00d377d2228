"""PDF annotations (review), scripts (review) and earlier revisions (block); annotations and
attachments come from the PDF reader, scripts and revisions follow its block contract."""

from __future__ import annotations

from screening_plugins.hidden_content.pdf_objects import (
    AnnotationDetector,
    JavaScriptDetector,
    PriorRevisionDetector,
)

from tests.conftest import make_document
from tests.docbuild import pdf as pdfbuild

from .helpers import findings, hidden, run, summary

BODY = ["关于开展春季义务植树活动的通知", "各单位要合理安排时间。"]


def test_note_and_free_text_annotations_are_review(screener, tmp_path):
    path = pdfbuild.build_pdf(tmp_path / "a.pdf", [BODY], annotations=[
        (1, "此处数字与财政局口径不一致"), (1, "待定：活动经费来源", "FreeText")])
    report = screener.scan(path)
    assert hidden(report) == [
        ("annotation", "annotation", "此处数字与财政局口径不一致", "review"),
        ("annotation", "annotation", "待定：活动经费来源", "review")]
    note, free = findings(report, "annotation")
    assert note.location.page == 1 and "第 1 页的注释（Text" in note.explanation
    assert "FreeText" in free.explanation


def test_annotation_author_is_masked(config):
    document = make_document("正文", {"text": "请核实", "part": "annotation", "page": 3,
                                      "label": "Text/李晓红"}, format="pdf")
    (finding,) = run(AnnotationDetector(), document, config)
    assert "作者：李**" in finding.explanation and "李晓红" not in finding.explanation


def test_javascript_is_review(config):
    document = make_document("正文", {"text": "app.alert('hello');", "part": "hidden",
                                      "label": "OpenAction", "flags": frozenset({"javascript"})},
                             format="pdf")
    (finding,) = run(JavaScriptDetector(), document, config)
    assert summary([finding]) == [("javascript", "hidden", "app.alert('hello');", "review")]
    assert "OpenAction" in finding.explanation


def test_prior_revision_is_block(config):
    document = make_document("正文", {"text": "补助标准为每人每月800元", "part": "hidden", "page": 1,
                                      "label": "第 1 版", "flags": frozenset({"prior_revision"})},
                             format="pdf")
    (finding,) = run(PriorRevisionDetector(), document, config)
    assert summary([finding]) == [("prior_revision", "hidden", "补助标准为每人每月800元", "block")]
    assert "早期版本（第 1 版）" in finding.explanation


def test_a_plain_pdf_has_none_of_these(screener, tmp_path):
    report = screener.scan(pdfbuild.build_pdf(tmp_path / "p.pdf", [BODY]))
    assert hidden(report) == [] and report.verdict.value == "pass"
