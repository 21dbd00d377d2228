"""Hidden content in PDFs: what a viewer does not show but the file carries, as blocks.

Each test builds its PDF (reportlab STSong-Light, pikepdf for document structures) and asserts the
exact blocks: part, flags, text, page, and that hidden characters left the body lines (every
character is in exactly one block).
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pikepdf
import pypdfium2 as pdfium
import pytest

from screening import Limits, Verdict
from screening.readers import pdf_hidden
from screening.readers.pdf import READER
from tests.docbuild.docx import docx_bytes, para, zip_bomb
from tests.docbuild.pdf import (A4, BLACK, WHITE, add_file_annotation, add_javascript, add_stamp,
                                baseline, box, build_pdf, incremental_update, span, text)

ID = "身份证号：110105196703150014"
HEIGHT = A4[1]


def read(path, **limits):
    return READER.read(Path(path), Limits(**limits))


def body(document, page=None):
    return [b.text for b in document.blocks if b.part == "body" and page in (None, b.page)]


def hidden(document):
    """``(text, flags, page, label)`` of the hidden blocks."""
    return [(b.text, set(b.flags), b.page, b.label) for b in document.parts("hidden")]


def top_down(rect):
    """``span()``'s ``(x0, y0, x1, y1)`` as a block bbox ``(x0, top, x1, bottom)``."""
    x0, y0, x1, y1 = rect
    return pytest.approx((x0, HEIGHT - y1, x1, HEIGHT - y0), abs=0.02)


def layer_text(path):
    """Every non-space character of the text layer, as pdfium extracts it (page 1)."""
    pdf = pdfium.PdfDocument(str(path))
    try:
        return sorted("".join(pdf[0].get_textpage().get_text_range().split()))
    finally:
        pdf.close()


def block_text(document, page=1):
    return sorted("".join("".join(b.text.split()) for b in document.blocks
                          if b.page == page and b.part in ("body", "hidden")))


# -- text hidden by its colour, mode, size, place -------------------------------------------------

def test_white_text_is_a_hidden_block_and_leaves_the_body(tmp_path):
    path = build_pdf(tmp_path / "w.pdf", [[
        text("关于加强政府信息公开工作的通知", line=0),
        text("联系人张三", line=1, color=WHITE),
        text("请各单位认真落实", line=2),
    ]])
    document = read(path)
    assert body(document) == ["关于加强政府信息公开工作的通知", "请各单位认真落实"]
    assert hidden(document) == [("联系人张三", {"white"}, 1, "白色文字 white text")]
    block = document.parts("hidden").__next__()
    assert block.source == "page 1" and block.line is None
    assert block.bbox == pytest.approx((72, HEIGHT - baseline(1) - 10.3, 132, HEIGHT - baseline(1)
                                        + 3.1), abs=1.5)
    assert [b.line for b in document.parts("body")] == [0, 1]
    assert block_text(document) == layer_text(path)


def test_near_white_text_counts_as_white(tmp_path):
    path = build_pdf(tmp_path / "w.pdf", [[text("几乎白色", line=0, color=(0.97, 0.97, 0.97)),
                                           text("浅灰可见", line=1, color=(0.8, 0.8, 0.8))]])
    document = read(path)
    assert hidden(document) == [("几乎白色", {"white"}, 1, "白色文字 white text")]
    assert body(document) == ["浅灰可见"]


def test_white_text_on_a_black_box_is_a_visible_label(tmp_path):
    path = build_pdf(tmp_path / "label.pdf", [[
        box(span("内部资料", line=0)),
        text("内部资料", line=0, color=WHITE),
    ]])
    document = read(path)
    assert hidden(document) == []
    assert body(document) == ["内部资料"]


def test_render_mode_3_is_invisible_and_does_not_leak_into_later_text(tmp_path):
    path = build_pdf(tmp_path / "tr3.pdf", [[
        text("机密★1年", line=0, mode=3),
        text("关于某某事项的通知", line=1),
    ]])
    document = read(path)
    assert hidden(document) == [("机密★1年", {"invisible"}, 1, "不可见文字 invisible text")]
    assert body(document) == ["关于某某事项的通知"]


def test_text_with_fill_alpha_0_is_invisible(tmp_path):
    document = read(build_pdf(tmp_path / "a0.pdf", [[text("透明的字", line=0, alpha=0),
                                                      text("正文", line=1)]]))
    assert hidden(document) == [("透明的字", {"invisible"}, 1, "不可见文字 invisible text")]
    assert body(document) == ["正文"]


def test_tiny_text_by_font_size_by_scale_and_inside_a_form(tmp_path):
    document = read(build_pdf(tmp_path / "tiny.pdf", [[
        text("正文第一行", line=0),
        text("半磅小字", line=1, size=0.5),
        text("缩放小字", line=2, scale=0.04),
        text("表单小字", line=3, scale=0.1, form=True),
        text("表单正常", line=4, form=True),
        text("两磅以上", line=5, size=2.5),
    ]]))
    assert hidden(document) == [
        ("半磅小字", {"tiny"}, 1, "极小文字 tiny text"),
        ("缩放小字", {"tiny"}, 1, "极小文字 tiny text"),
        ("表单小字", {"tiny"}, 1, "极小文字 tiny text"),
    ]
    assert body(document) == ["正文第一行", "表单正常", "两磅以上"]


def test_text_outside_the_crop_box_is_offpage(tmp_path):
    # the crop box shows x 0–400; a line starts at 375 and runs out of it; one is left of the page
    path = build_pdf(tmp_path / "off.pdf", [[
        text("可见的标题", line=0),
        text("左侧页外", line=1, x=-300),
        text("右边跨出页面的字", line=2, x=375),
    ]], crop_box=(0, 0, 400, HEIGHT))
    document = read(path)
    assert hidden(document) == [
        ("左侧页外", {"offpage"}, 1, "页面外文字 off-page text"),
        ("跨出页面的字", {"offpage"}, 1, "页面外文字 off-page text"),
    ]
    assert body(document) == ["可见的标题", "右边"]
    assert document.parts("hidden").__next__().bbox[0] == pytest.approx(-300, abs=1)


def test_text_in_a_layer_that_is_off_by_default(tmp_path):
    path = build_pdf(tmp_path / "ocg.pdf", [[
        text("正文", line=0),
        text("机密★1年", line=1, layer="oc1"),
        text("可见图层", line=2, layer="oc2"),
    ]], layers={"oc1": ("内部层", False), "oc2": ("公开层", True)})
    document = read(path)
    assert hidden(document) == [
        ("机密★1年", {"layer_hidden"}, 1, "隐藏图层 hidden layer：内部层")]
    assert body(document) == ["正文", "可见图层"]


def test_several_ways_at_once_give_one_block_with_all_flags(tmp_path):
    document = read(build_pdf(tmp_path / "both.pdf", [[
        text("又白又小", line=0, color=WHITE, size=1),
        text("正文", line=1)]]))
    assert hidden(document) == [
        ("又白又小", {"white", "tiny"}, 1, "白色文字 white text；极小文字 tiny text")]


# -- covered text (failed redactions) -------------------------------------------------------------

def test_a_black_box_over_an_id_number_hides_recoverable_text(tmp_path):
    cover = span(ID, 5, line=1)
    path = build_pdf(tmp_path / "redacted.pdf", [[
        text("申请人信息", line=0),
        text(ID, line=1),
        box(cover),
        text("办理结果：同意", line=2),
    ]])
    document = read(path)
    assert hidden(document) == [
        ("110105196703150014", {"covered"}, 1, "被遮盖文字 covered text")]
    covered = document.parts("hidden").__next__()
    assert covered.bbox == top_down(cover)
    assert body(document) == ["申请人信息", "身份证号：", "办理结果：同意"]
    assert block_text(document) == layer_text(path)


@pytest.mark.parametrize("rotate", [90, 180, 270])
def test_covered_text_on_a_rotated_cropped_page(tmp_path, rotate):
    """The pixel check maps the box through the page's rotation and crop box."""
    path = build_pdf(tmp_path / "rot.pdf", [[
        text(ID, line=1), box(span(ID, 5, line=1)),
        text("旧的文字", line=3), box(span("旧的文字", line=3)), text("新标签", line=3, color=WHITE),
    ]], crop_box=(20, 30, 580, 800))
    with pikepdf.open(path, allow_overwriting_input=True) as doc:
        doc.pages[0].obj.Rotate = rotate
        doc.save(path)
    document = read(path)
    assert hidden(document) == [
        ("110105196703150014", {"covered"}, 1, "被遮盖文字 covered text")]
    assert sorted(body(document)) == sorted(["身份证号：", "旧的文字 新标签"])


def test_a_box_drawn_as_a_closed_line_path_covers_too(tmp_path):
    cover = span("联系电话13800138000", line=0)
    document = read(build_pdf(tmp_path / "lines.pdf", [[
        text("联系电话13800138000", line=0),
        box(cover, as_lines=True),
        text("其他内容", line=1),
    ]]))
    assert hidden(document) == [("联系电话13800138000", {"covered"}, 1, "被遮盖文字 covered text")]
    assert body(document) == ["其他内容"]


def test_a_box_painted_before_text_of_its_own_colour_covers_it(tmp_path):
    document = read(build_pdf(tmp_path / "same.pdf", [[
        box(span("黑底黑字的姓名", line=0)),
        text("黑底黑字的姓名", line=0),
        text("正文", line=1),
    ]]))
    assert hidden(document) == [("黑底黑字的姓名", {"covered"}, 1, "被遮盖文字 covered text")]


def test_a_real_redaction_has_nothing_under_it(tmp_path):
    document = read(build_pdf(tmp_path / "real.pdf", [[
        text("身份证号：", line=0),
        box((130, baseline(0) - 4, 240, baseline(0) + 10)),
    ]]))
    assert hidden(document) == []
    assert body(document) == ["身份证号："]


@pytest.mark.parametrize("name, items", [
    ("a coloured table header", [box(span("序号 姓名 职务", line=0), color=(0.75, 0.85, 1.0)),
                                 text("序号 姓名 职务", line=0)]),
    ("a highlight painted before the text", [box(span("重点内容", line=0), color=(1, 1, 0)),
                                             text("重点内容", line=0)]),
    ("a box at alpha 0.3 over the text", [text("重点内容", line=0),
                                          box(span("重点内容", line=0), alpha=0.3)]),
    ("a box with a visible white label on it", [text("旧的文字", line=0),
                                                box(span("旧的文字", line=0)),
                                                text("新标签", line=0, color=WHITE)]),
    ("a box with a white stripe drawn on it (the pixel check)",
     [text("旧的文字", line=0), box(span("旧的文字", line=0)),
      box((80, baseline(0) + 2, 110, baseline(0) + 4), color=WHITE)]),
    ("a date under a box", [text("2024年3月1日", line=0), box(span("2024年3月1日", line=0))]),
    ("one repeated character under a box", [text("XXXXXXXX", line=0),
                                            box(span("XXXXXXXX", line=0))]),
    ("a thin rule through the text", [text("删除线文字", line=0),
                                      box((72, baseline(0) + 3, 140, baseline(0) + 4.5))]),
])
def test_not_covered_text(tmp_path, name, items):
    document = read(build_pdf(tmp_path / "neg.pdf", [items]))
    assert hidden(document) == [], name
    assert body(document)


def test_the_visible_label_and_the_text_under_it_stay_in_the_body(tmp_path):
    document = read(build_pdf(tmp_path / "label2.pdf", [[
        text("旧的文字", line=0), box(span("旧的文字", line=0)),
        text("新标签", line=0, color=WHITE)]]))
    assert body(document) == ["旧的文字 新标签"]


def test_only_pages_with_suspects_get_the_character_pass(tmp_path, monkeypatch):
    """The object pass decides; a text-only page never reaches the per-character work."""
    pages = [[f"第 {p} 页正文"] for p in range(1, 6)]
    pages[2] = [text(ID, line=0), box(span(ID, 5, line=0))]
    path = build_pdf(tmp_path / "five.pdf", pages)
    calls = []
    original = pdf_hidden._classify
    monkeypatch.setattr(pdf_hidden, "_classify", lambda tp, n, *a: calls.append(n) or
                        original(tp, n, *a))
    pdf = pdfium.PdfDocument(str(path))
    try:
        texts = []
        for index in range(len(pdf)):
            page = pdf[index]
            textpage = page.get_textpage()
            texts.append(pdf_hidden.page_text(page.raw, textpage.raw))
            textpage.close()
            page.close()
    finally:
        pdf.close()
    assert calls == [len(ID)]
    assert [t.hidden for t in texts if t.hidden] == [[pdf_hidden.HiddenRun(
        "110105196703150014", ("covered",), texts[2].hidden[0].bbox, "被遮盖文字 covered text")]]
    assert texts[2].originals == [ID]
    assert [t.originals for i, t in enumerate(texts) if i != 2] == [[]] * 4


# -- scripts ------------------------------------------------------------------------------------

def test_javascript_everywhere_it_can_hide(tmp_path):
    path = build_pdf(tmp_path / "js.pdf", [["正文"]])
    add_javascript(path, "app.alert('已打开');")
    add_javascript(path, "this.print({bUI: false});", where="names")
    add_javascript(path, "this.submitForm('http://example.invalid/');", where="page")
    add_javascript(path, "app.launchURL('http://example.invalid/');", where="link")
    document = read(path)
    assert [(b.text, set(b.flags), b.page, b.label) for b in document.blocks
            if "javascript" in b.flags] == [
        ("app.alert('已打开');", {"javascript"}, None, "打开文档时运行 /OpenAction"),
        ("this.print({bUI: false});", {"javascript"}, None, "文档级脚本“init”"),
        ("this.submitForm('http://example.invalid/');", {"javascript"}, 1,
         "打开页面时运行 /AA /O"),
        ("app.launchURL('http://example.invalid/');", {"javascript"}, 1, "点击 Link 注释时运行"),
    ]
    assert all(b.part == "hidden" for b in document.blocks if "javascript" in b.flags)
    assert body(document) == ["正文"]


def test_a_long_script_is_cut(tmp_path):
    path = build_pdf(tmp_path / "long.pdf", [["正文"]])
    add_javascript(path, "var a = 1;\n" * 500)
    script = [b.text for b in read(path).blocks if "javascript" in b.flags]
    assert len(script) == 1 and script[0].endswith("…（已截断）")
    assert len(script[0]) == 2000 + len("…（已截断）")


# -- earlier revisions --------------------------------------------------------------------------

def test_an_incremental_update_keeps_the_old_line_and_title(tmp_path):
    path = build_pdf(tmp_path / "rev.pdf", [["关于人事调整的通知", "拟任命张三为处长", "特此通知"],
                                            ["第二页不变"]],
                     info={"Title": "内部讨论稿", "Author": "王五"})
    incremental_update(path, info={"Title": "关于人事调整的通知", "Author": "王五"},
                       pages={1: ["关于人事调整的通知", "拟任命李四为处长", "特此通知"]})
    document = read(path)
    assert body(document) == ["关于人事调整的通知", "拟任命李四为处长", "特此通知", "第二页不变"]
    assert [(b.part, b.text, set(b.flags), b.page, b.label, b.source) for b in document.blocks
            if "prior_revision" in b.flags] == [
        ("hidden", "拟任命张三为处长", {"prior_revision"}, 1, "第 1 版（早期修订）",
         "revision 1 page 1"),
        ("hidden", "内部讨论稿", {"prior_revision"}, None, "第 1 版（早期修订） info:Title",
         "revision 1 Info"),
    ]
    assert document.problems == ()


def test_an_unchanged_page_with_hidden_text_is_not_a_prior_revision(tmp_path):
    path = build_pdf(tmp_path / "rev2.pdf", [[text(ID, line=0), box(span(ID, 5, line=0))],
                                             ["旧的第二页"]], info={"Title": "标题"})
    incremental_update(path, pages={2: ["新的第二页"]})
    document = read(path)
    assert [(b.text, b.label) for b in document.blocks if "prior_revision" in b.flags] == [
        ("旧的第二页", "第 1 版（早期修订）")]
    assert hidden(document)[0] == ("110105196703150014", {"covered"}, 1, "被遮盖文字 covered text")


def test_many_revisions_are_capped_and_the_rest_is_a_problem(tmp_path):
    path = build_pdf(tmp_path / "many.pdf", [["第 0 稿"]])
    for n in range(1, 13):
        incremental_update(path, pages={1: [f"第 {n} 稿"]})
    document = read(path)
    assert body(document) == ["第 12 稿"]
    assert [(b.text, b.label) for b in document.blocks if "prior_revision" in b.flags] == [
        (f"第 {n} 稿", f"第 {n + 1} 版（早期修订）") for n in range(9, -1, -1)]
    assert document.problems == (
        "文件经过多次增量保存，另有 2 个早期版本未读取、未经审查。请从原始文件重新完整导出 PDF",)


def test_a_single_revision_file_has_no_prior_revision_blocks(tmp_path):
    document = read(build_pdf(tmp_path / "one.pdf", [["正文"]], info={"Title": "标题"}))
    assert not [b for b in document.blocks if "prior_revision" in b.flags]


# -- attachments and annotations ------------------------------------------------------------------

def _xlsx(rows: list[list[str]]) -> bytes:
    """A minimal workbook: one sheet with inline strings."""
    import io

    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    cells = "".join(
        "<row>" + "".join(f'<c t="inlineStr"><is><t>{v}</t></is></c>' for v in row) + "</row>"
        for row in rows)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml",
                    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                    '<Default Extension="xml" ContentType="application/xml"/></Types>')
        zf.writestr("xl/workbook.xml",
                    f'<workbook xmlns="{main}" xmlns:r="{rel}"><sheets>'
                    '<sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>')
        zf.writestr("xl/_rels/workbook.xml.rels",
                    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
                    f'relationships"><Relationship Id="rId1" Type="{rel}/worksheet" '
                    'Target="worksheets/sheet1.xml"/></Relationships>')
        zf.writestr("xl/worksheets/sheet1.xml",
                    f'<worksheet xmlns="{main}"><sheetData>{cells}</sheetData></worksheet>')
    return buffer.getvalue()


def test_the_text_inside_attached_files_is_read(tmp_path):
    inner = build_pdf(tmp_path / "inner.pdf", [["附件正文：机密★1年"]])
    path = build_pdf(tmp_path / "att.pdf", [["正文"]], attachments={
        "说明.txt": "会议记录：王五 13800138000\n第二行".encode(),
        "名单.docx": docx_bytes(body=[para("张三 110105196703150014")]),
        "人员.xlsx": _xlsx([["姓名", "电话"], ["李四", "13900139000"]]),
        "原件.pdf": inner.read_bytes(),
        "照片.png": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
    })
    document = read(path)
    # in the order of the EmbeddedFiles name tree (sorted by name), each name then its text
    assert [(b.text, b.label, set(b.flags), b.page) for b in document.parts("attachment")] == [
        ("人员.xlsx", "EmbeddedFile", {"embedded"}, None),
        ("姓名\t电话", "人员.xlsx", {"attachment_text"}, None),
        ("李四\t13900139000", "人员.xlsx", {"attachment_text"}, None),
        ("原件.pdf", "EmbeddedFile", {"embedded"}, None),
        ("附件正文：机密★1年", "原件.pdf", {"attachment_text"}, None),
        ("名单.docx", "EmbeddedFile", {"embedded"}, None),
        ("张三 110105196703150014", "名单.docx", {"attachment_text"}, None),
        ("照片.png", "EmbeddedFile", {"embedded"}, None),
        ("说明.txt", "EmbeddedFile", {"embedded"}, None),
        ("会议记录：王五 13800138000", "说明.txt", {"attachment_text"}, None),
        ("第二行", "说明.txt", {"attachment_text"}, None),
    ]
    assert document.problems == ()


def test_a_file_attachment_annotation_is_read_on_its_page(tmp_path):
    path = build_pdf(tmp_path / "annot.pdf", [["第一页"], ["第二页"]])
    add_file_annotation(path, 2, "记录.txt", "会议记录：王五".encode())
    document = read(path)
    assert [(b.part, b.text, b.label, set(b.flags), b.page) for b in document.blocks
            if b.page == 2] == [
        ("body", "第二页", "", set(), 2),
        ("attachment", "记录.txt", "FileAttachment", {"embedded"}, 2),
        ("attachment", "会议记录：王五", "记录.txt", {"attachment_text"}, 2),
    ]


def test_a_zip_bomb_attachment_is_a_problem_not_a_crash(tmp_path, screener):
    bomb = zip_bomb(tmp_path / "bomb.docx").read_bytes()
    path = build_pdf(tmp_path / "bomb.pdf", [["正文"]],
                     attachments={"材料.docx": bomb, "说明.txt": "说明文字".encode()})
    document = read(path)
    assert body(document) == ["正文"]
    assert [(b.text, set(b.flags)) for b in document.parts("attachment")] == [
        ("材料.docx", {"embedded"}), ("说明.txt", {"embedded"}),
        ("说明文字", {"attachment_text"})]
    assert len(document.problems) == 1
    assert document.problems[0].startswith("附件“材料.docx”无法读取：")
    assert "压缩炸弹" in document.problems[0] and document.problems[0].endswith("其中的内容未经审查")
    assert screener.scan(path).verdict is Verdict.ERROR


def test_an_attachment_over_the_size_limit_is_not_read(tmp_path):
    path = build_pdf(tmp_path / "big.pdf", [["正文"]],
                     attachments={"大文件.txt": "很长的文字\n".encode() * 200_000})
    document = read(path, zip_max_entry_bytes=1024 * 1024)
    assert [b.text for b in document.parts("attachment")] == ["大文件.txt"]
    assert document.problems == ("附件“大文件.txt”超过 1 MiB，其内容未读取、未经审查",)


def test_attachments_of_an_attached_pdf_are_named_but_not_read_deeper(tmp_path):
    innermost = build_pdf(tmp_path / "c.pdf", [["最内层"]], attachments={"d.txt": b"deep"})
    middle = build_pdf(tmp_path / "b.pdf", [["中间层"]],
                       attachments={"c.pdf": innermost.read_bytes()})
    outer = build_pdf(tmp_path / "a.pdf", [["外层"]], attachments={"b.pdf": middle.read_bytes()})
    document = read(outer)
    assert [(b.text, b.label, b.source, set(b.flags)) for b in document.parts("attachment")] == [
        ("b.pdf", "EmbeddedFile", "EmbeddedFiles", {"embedded"}),
        ("中间层", "b.pdf", "b.pdf", {"attachment_text"}),
        ("b.pdf/c.pdf", "EmbeddedFile", "b.pdf/c.pdf", {"embedded"}),
        ("最内层", "c.pdf", "b.pdf/c.pdf", {"attachment_text"}),
        # two levels down: named, not read ("deep" is not in any block)
        ("b.pdf/c.pdf/d.txt", "EmbeddedFile", "b.pdf/c.pdf/d.txt", {"embedded"}),
    ]
    assert document.problems == ()


def test_a_stamp_shows_its_appearance_text_with_the_author(tmp_path):
    path = build_pdf(tmp_path / "stamp.pdf", [["正文"]], annotations=[(1, "请核实", "Text")])
    add_stamp(path, 1, "内部审核专用章", author="李四")
    add_stamp(path, 1, "已审", contents="已审", author="王五")
    document = read(path)
    assert [(b.text, b.label, b.source) for b in document.parts("annotation")] == [
        ("请核实", "Text/审核人", "page 1"),
        ("已审", "Stamp/王五", "page 1"),
        ("内部审核专用章", "Stamp/李四", "page 1 /AP"),
    ]


def test_a_stamp_on_a_page_without_text_is_read(tmp_path):
    path = build_pdf(tmp_path / "stamp2.pdf", [["正文"], []])
    add_stamp(path, 2, "只有印章")
    assert [(b.part, b.page, b.text, b.label) for b in read(path).blocks] == [
        ("body", 1, "正文", ""), ("annotation", 2, "只有印章", "Stamp/审核人")]


# -- the kitchen sink keeps every character in one block -------------------------------------------

def test_every_character_is_in_exactly_one_block(tmp_path):
    path = build_pdf(tmp_path / "sink.pdf", [[
        text("标题", line=0),
        text("白字", line=1, color=WHITE),
        text("模式三", line=2, mode=3),
        text("小字", line=3, size=0.5),
        text(ID, line=4), box(span(ID, 5, line=4)),
        text("图层", line=5, layer="oc1"),
        text("页外", line=6, x=-200),
        box(span("标签", line=7)), text("标签", line=7, color=WHITE),
        text("结尾", line=8, color=BLACK),
    ]], layers={"oc1": ("草稿层", False)})
    document = read(path)
    assert block_text(document) == layer_text(path)
    assert body(document) == ["标题", "身份证号：", "标签", "结尾"]
    assert sorted((t, tuple(sorted(f))) for t, f, _, _ in hidden(document)) == sorted([
        ("白字", ("white",)), ("模式三", ("invisible",)), ("小字", ("tiny",)),
        ("110105196703150014", ("covered",)), ("图层", ("layer_hidden",)),
        ("页外", ("offpage",))])


def test_pikepdf_sees_the_same_layer_state_we_do(tmp_path):
    """The builder's OFF layer really is in /OCProperties/D/OFF (guards the fixture)."""
    path = build_pdf(tmp_path / "l.pdf", [[text("x", line=0, layer="oc1")]],
                     layers={"oc1": ("层", False)})
    with pikepdf.open(path) as doc:
        assert [str(g.Name) for g in doc.Root.OCProperties.D.OFF] == ["层"]
