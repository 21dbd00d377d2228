"""Text hidden by formatting or geometry: ``hidden_text`` (block; glossary review), ``white_text``,
``tiny_text``, ``invisible_text``, ``offpage_text`` (review), ``covered_text`` (block).

.docx signals go through the whole pipeline on built files; PDF signals are checked on documents
that follow the PDF reader's block contract (part ``hidden`` with the flag saying how)."""

from __future__ import annotations

import pytest
from screening_plugins.hidden_content.stored_text import KINDS, StoredTextDetector

from tests.conftest import make_document
from tests.docbuild.docx import build_docx, para, run, table, textbox

from .helpers import findings, hidden, summary
from .helpers import run as run_detector

SECRET = "该项目拟暂缓拨付资金"


# -- .docx -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("body, styles", [
    ([para("公开内容", run(SECRET, vanish=True))], {}),
    ([para("公开内容", run(SECRET, style="Note"))],
     {"char_styles": {"Base": {"vanish": True}, "Note": {"based_on": "Base"}}}),
    ([para(SECRET, style="Draft")], {"para_styles": {"Draft": {"vanish": True}}}),
    ([para(textbox(SECRET, hidden=True))], {}),
], ids=["direct", "character-style", "paragraph-style", "hidden-shape"])
def test_vanished_text_is_hidden_text_at_block(screener, tmp_path, body, styles):
    report = screener.scan(build_docx(tmp_path / "h.docx", body=["通知", *body], **styles))
    assert hidden(report) == [("hidden_text", "hidden", SECRET, "block")]
    assert "隐藏" in findings(report, "hidden_text")[0].explanation
    assert report.verdict.value == "block"


def test_hidden_text_in_a_header(screener, tmp_path):
    path = build_docx(tmp_path / "h.docx", body=["正文"],
                      headers={"default": [para("页眉", run("页眉里藏的字", vanish=True))]})
    assert hidden(screener.scan(path)) == [("hidden_text", "hidden", "页眉里藏的字", "block")]


@pytest.mark.parametrize("fmt, kind", [({"color": "FFFFFF"}, "white_text"),
                                       ({"color": "F5F5F5"}, "white_text"),
                                       ({"size_pt": 1}, "tiny_text"),
                                       ({"size_pt": 2}, "tiny_text")])
def test_white_and_tiny_text_are_review(screener, tmp_path, fmt, kind):
    path = build_docx(tmp_path / "w.docx", body=[para("完成情况良好。", run("实际仅完成六成", **fmt))])
    report = screener.scan(path)
    assert hidden(report) == [(kind, "hidden", "实际仅完成六成", "review")]
    assert report.verdict.value == "review"


def test_white_text_in_a_light_table_cell(screener, tmp_path):
    path = build_docx(tmp_path / "w.docx", body=[
        table([["项目", "完成率"], ["植树", run("仅六成", color="FFFFFF")]], shading="FFFFCC")])
    assert hidden(screener.scan(path)) == [("white_text", "hidden", "仅六成", "review")]


def test_text_hidden_three_ways_is_one_hidden_text_finding(screener, tmp_path):
    path = build_docx(tmp_path / "w.docx",
                      body=[para("正文", run("三重隐藏", vanish=True, color="FFFFFF", size_pt=1))])
    report = screener.scan(path)
    assert hidden(report) == [("hidden_text", "hidden", "三重隐藏", "block")]
    assert "同时为白色、极小字号" in findings(report, "hidden_text")[0].explanation


def test_glossary_building_block_is_review_and_a_placeholder_is_nothing(screener, tmp_path):
    path = build_docx(tmp_path / "g.docx", body=["正文"],
                      glossary=["单击或点击此处输入文字。", "上次会议纪要：选址方案暂不公布"])
    report = screener.scan(path)
    assert hidden(report) == [("hidden_text", "hidden", "上次会议纪要：选址方案暂不公布", "review")]
    assert "glossary" in findings(report, "hidden_text")[0].explanation


@pytest.mark.parametrize("body", [
    [table([[run("地块", color="FFFFFF", bold=True), run("面积", color="FFFFFF")],
            ["东山坡", "120亩"]], shading="1F3864")],
    [table([["负责单位", "完成时限"], ["林业站", "3月底前"]], shading="D9E2F3")],
    [para("请", run("务必于3月10日前", highlight="yellow"), "报送。")],
    [para(run("重点任务", color="FFFFFF", highlight="black"))],
    [para(run("注意事项", color="FFFFFF"), shading="C00000")],
    [para("正文", run("小字", size_pt=2.5))],
], ids=["white-on-dark-header", "coloured-header", "highlight", "white-on-black-highlight",
        "white-on-dark-shading", "small-but-readable"])
def test_visible_formatting_is_no_finding(screener, tmp_path, body):
    report = screener.scan(build_docx(tmp_path / "n.docx", body=body))
    assert hidden(report) == [] and report.verdict.value == "pass"


# -- PDF block contract ----------------------------------------------------------------------------

def _pdf(*hidden_blocks):
    return make_document("第一行", *hidden_blocks, format="pdf")


def _detect(document, config):
    out = []
    for kind in KINDS:
        out += run_detector(StoredTextDetector(kind), document, config)
    return out


BOX = (100.0, 200.5, 260.0, 214.0)


@pytest.mark.parametrize("flags, kind, severity", [
    ({"covered"}, "covered_text", "block"),
    ({"layer_hidden"}, "hidden_text", "block"),
    ({"white"}, "white_text", "review"),
    ({"tiny"}, "tiny_text", "review"),
    ({"invisible"}, "invisible_text", "review"),
    ({"offpage"}, "offpage_text", "review"),
])
def test_each_pdf_signal_is_its_kind_with_page_and_box(config, flags, kind, severity):
    document = _pdf({"text": "身份证号：110105196703150014", "part": "hidden", "page": 2,
                     "bbox": BOX, "flags": frozenset(flags), "source": "page 2"})
    (finding,) = _detect(document, config)
    assert summary([finding]) == [(kind, "hidden", "身份证号：110105196703150014", severity)]
    assert finding.location.page == 2 and finding.location.bbox == BOX
    assert finding.masked == "身份证号：110105********0014"
    assert finding.detector == f"hidden_content.{kind}"


def test_covered_text_says_the_box_can_be_copied_out(config):
    document = _pdf({"text": "张三", "part": "hidden", "page": 1, "bbox": BOX,
                     "flags": frozenset({"covered"})})
    (finding,) = _detect(document, config)
    assert "黑框下的文字仍可复制" in finding.explanation


def test_combined_pdf_flags_give_one_finding_of_the_first_kind(config):
    document = _pdf({"text": "白色小字", "part": "hidden", "page": 1,
                     "flags": frozenset({"white", "tiny", "offpage"})})
    (finding,) = _detect(document, config)
    assert (finding.kind, finding.severity.value) == ("white_text", "review")
    assert "同时为极小字号、位于页面之外" in finding.explanation


def test_blocks_of_other_detectors_and_visible_blocks_are_not_hidden_text(config):
    document = make_document(
        "正文", {"text": "机密", "part": "header", "flags": frozenset({"watermark"})},
        {"text": "PAGE", "part": "hidden", "flags": frozenset({"field_code"})},
        {"text": "图片说明", "part": "hidden", "flags": frozenset({"alt_text"})},
        {"text": "app.alert(1)", "part": "hidden", "flags": frozenset({"javascript"})},
        {"text": "旧版本文字", "part": "hidden", "flags": frozenset({"prior_revision"})},
        {"text": "插入的字", "part": "revision", "flags": frozenset({"inserted"})})
    assert _detect(document, config) == []


def test_unknown_kind_is_refused():
    with pytest.raises(ValueError):
        StoredTextDetector("purple_text")


def test_offpage_tail_of_a_visible_line_is_info(config):
    document = make_document(
        {"text": "为切实做好今年防汛工作，现就有关事项通知如", "page": 1, "bbox": (72.0, 156.1, 590.0, 171.56)},
        {"text": "下。", "part": "hidden", "page": 1, "bbox": (590.0, 156.42, 618.0, 171.56),
         "flags": frozenset({"offpage"})},
        {"text": "另起一处", "part": "hidden", "page": 1, "bbox": (640.0, 300.0, 700.0, 314.0),
         "flags": frozenset({"offpage"})}, format="pdf")
    tail, alone = _detect(document, config)
    assert (tail.text, tail.severity.value) == ("下。", "info") and "排版溢出" in tail.explanation
    assert (alone.text, alone.severity.value) == ("另起一处", "review")
