"""PDF hidden content through the whole pipeline, on PDFs the tests draw
(``tests/docbuild/pdf.py``): each signal the PDF reader surfaces gives its finding with page and
box, and boxes and colours that hide nothing give none."""

from __future__ import annotations

import pytest

from tests.docbuild import pdf as p

from .helpers import findings, hidden

TITLE = "关于开展春季义务植树活动的通知"
LINE = "补助金额：每户三千元"


def scan(screener, tmp_path, *items, **kwargs):
    return screener.scan(p.build_pdf(tmp_path / "d.pdf", [[TITLE, *items]], **kwargs))


@pytest.mark.parametrize("painter, kind, severity", [
    (p.text("内部掌握：完成率仅六成", line=3, color=p.WHITE), "white_text", "review"),
    (p.text("内部掌握：完成率仅六成", line=3, scale=0.1), "tiny_text", "review"),
    (p.text("内部掌握：完成率仅六成", line=3, mode=3), "invisible_text", "review"),
    (p.text("内部掌握：完成率仅六成", line=3, x=640), "offpage_text", "review"),
], ids=["white", "tiny", "invisible", "offpage"])
def test_text_hidden_by_colour_size_mode_or_position(screener, tmp_path, painter, kind, severity):
    report = scan(screener, tmp_path, painter)
    assert hidden(report) == [(kind, "hidden", "内部掌握：完成率仅六成", severity)]
    (finding,) = findings(report, kind)
    assert finding.location.page == 1 and finding.location.bbox is not None
    assert report.verdict.value == "review"


@pytest.mark.parametrize("as_lines", [False, True], ids=["re", "closed-path"])
def test_text_under_a_black_box_is_covered_text_at_block(screener, tmp_path, as_lines):
    rect = p.span(LINE, 5, line=1)
    report = scan(screener, tmp_path, LINE, p.box(rect, as_lines=as_lines))
    assert hidden(report) == [("covered_text", "hidden", "每户三千元", "block")]
    (finding,) = findings(report, "covered_text")
    x0, top, x1, bottom = finding.location.bbox
    assert x0 < x1 and top < bottom and finding.location.page == 1
    assert "黑框下的文字仍可复制" in finding.explanation
    assert report.verdict.value == "block"


def test_text_in_a_layer_that_is_off_is_hidden_text(screener, tmp_path):
    report = scan(screener, tmp_path, p.text("草稿意见：暂缓", line=3, layer="OC1"),
                  layers={"OC1": ("草稿", False)})
    assert hidden(report) == [("hidden_text", "hidden", "草稿意见：暂缓", "block")]


def test_script_and_earlier_revision(screener, tmp_path):
    path = p.build_pdf(tmp_path / "d.pdf", [[TITLE, "补助标准为每亩三百元"]])
    p.add_javascript(path, "app.alert('x');")
    p.incremental_update(path, pages={1: [TITLE, "补助标准按上级文件执行"]})
    assert sorted(hidden(screener.scan(path))) == [
        ("javascript", "hidden", "app.alert('x');", "review"),
        ("prior_revision", "hidden", "补助标准为每亩三百元", "block")]


def test_attachment_text_is_screened_and_the_attachment_named(screener, tmp_path):
    path = p.build_pdf(tmp_path / "d.pdf", [[TITLE]],
                       attachments={"名单.txt": "机密★1年\n东山坡 120 亩".encode()})
    report = screener.scan(path)
    assert [(f.kind, f.location.part, f.text, f.severity.value) for f in report.findings] == [
        ("attachment", "attachment", "名单.txt", "review"),
        ("secret_level", "attachment", "机密★1年", "block")]
    assert "已一并审查" in findings(report, "attachment")[0].explanation


@pytest.mark.parametrize("items", [
    ["补助金额：", p.box(p.span(LINE, 5, line=1))],
    [p.box((p.LEFT - 2, p.baseline(3) - 5, p.LEFT + 80, p.baseline(3) + 15), color=(0.75, 0, 0)),
     p.text("附件1", line=3, color=p.WHITE)],
    [p.box((p.LEFT - 2, p.baseline(3) - 5, 420, p.baseline(3) + 15), color=(0.12, 0.22, 0.39)),
     p.text("地块　面积　负责单位", line=3, color=p.WHITE),
     p.box((p.LEFT - 2, p.baseline(4) - 5, 420, p.baseline(4) + 15), color=(0.85, 0.89, 0.95)),
     p.text("东山坡　120亩　林业站", line=4)],
    [p.box(p.span("请务必于3月10日前报送", 3, 11, line=3), color=(1, 1, 0)),
     p.text("请务必于3月10日前报送", line=3)],
], ids=["real-redaction", "white-label-on-a-box", "coloured-table-header", "highlight"])
def test_boxes_and_colours_that_hide_nothing(screener, tmp_path, items):
    report = scan(screener, tmp_path, *items)
    assert hidden(report) == [] and report.verdict.value == "pass"
