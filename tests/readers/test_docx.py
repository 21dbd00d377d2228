"""The .docx reader: each hiding place of sanitize.md §1 / domain.md §1.6 becomes the right block."""

from __future__ import annotations

import time
import zipfile
from collections import Counter

import docx as python_docx
import pytest

from screening import Limits, UnreadableDocument, UnsupportedFormat
from screening.readers.docx import READER
from tests.docbuild import docx as build
from tests.docbuild.docx import (InlineXml, build_docx, complex_field, dele, empty_zip,
                                 fld_simple, hyperlink, image_with_alt, ins, line_break,
                                 move_from, move_to, no_break_hyphen, page_break, page_break_run,
                                 para, plain_zip, rendered_page_break, rewrite_members, run, sdt,
                                 section_break, smart_tag, sym, tab, table, textbox,
                                 vml_image_with_alt, xlsx_like)


def read(tmp_path, name="d.docx", **kwargs):
    return READER.read(build_docx(tmp_path / name, **kwargs), Limits())


def texts(doc, *parts):
    return [b.text for b in doc.parts(*parts)] if parts else [b.text for b in doc.blocks]


def only(doc, part):
    blocks = list(doc.parts(part))
    assert len(blocks) == 1, blocks
    return blocks[0]


# -- body, runs, pages -----------------------------------------------------------------------------

def test_mark_split_across_three_differently_formatted_runs_reads_as_one(tmp_path):
    doc = read(tmp_path, body=[para(run("机", bold=True), run("密", color="FF0000"),
                                    run("★1年")), "正文"])
    first = doc.blocks[0]
    assert (first.text, first.part, first.page, first.line) == ("机密★1年", "body", 1, 0)
    assert (doc.blocks[1].text, doc.blocks[1].line) == ("正文", 1)
    assert doc.format == "docx" and doc.pages == 1 and doc.problems == ()


def test_empty_paragraphs_are_not_lines(tmp_path):
    doc = read(tmp_path, body=["一", "", "  ", "二"])
    assert [(b.text, b.line) for b in doc.blocks] == [("一", 0), ("二", 1)]


def test_tab_breaks_and_no_break_hyphen_inside_the_paragraph(tmp_path):
    doc = read(tmp_path, body=[para("甲", tab(), "乙", line_break(), "丙", no_break_hyphen(), "丁",
                                    run("戊\t己\n庚"))])
    assert texts(doc) == ["甲\t乙\n丙-丁戊\t己\n庚"]


def test_hard_page_break_starts_a_new_page_and_line_count(tmp_path):
    doc = read(tmp_path, body=["第一页甲", "第一页乙", page_break(), "第二页甲"])
    assert [(b.text, b.page, b.line) for b in doc.blocks] == [
        ("第一页甲", 1, 0), ("第一页乙", 1, 1), ("第二页甲", 2, 0)]
    assert doc.pages == 2


def test_two_hard_breaks_leave_a_blank_page(tmp_path):
    doc = read(tmp_path, body=["一", page_break(), page_break(), "三"])
    assert [(b.text, b.page) for b in doc.blocks] == [("一", 1), ("三", 3)]


def test_paragraph_crossing_a_page_break_is_split(tmp_path):
    doc = read(tmp_path, body=[para("前半", page_break_run(), "后半"), "下一段"])
    assert [(b.text, b.page, b.line) for b in doc.blocks] == [
        ("前半", 1, 0), ("后半", 2, 0), ("下一段", 2, 1)]


def test_page_break_before(tmp_path):
    doc = read(tmp_path, body=[para("标题", page_break_before=True), "一",
                               para("二", page_break_before=True)])
    assert [(b.text, b.page) for b in doc.blocks] == [("标题", 1), ("一", 1), ("二", 2)]


def test_section_breaks_next_page_and_continuous(tmp_path):
    doc = read(tmp_path, body=["一", section_break("nextPage"), "二", section_break("continuous"),
                               "仍是二", section_break("oddPage"), "三"])
    assert [(b.text, b.page) for b in doc.blocks] == [("一", 1), ("二", 2), ("仍是二", 2),
                                                      ("三", 3)]
    assert doc.pages == 3


def test_last_rendered_page_break_counts_once_after_a_hard_break(tmp_path):
    doc = read(tmp_path, body=["一", para(rendered_page_break(), "二"), page_break(),
                               para(rendered_page_break(), "三")])
    assert [(b.text, b.page) for b in doc.blocks] == [("一", 1), ("二", 2), ("三", 3)]


# -- tables ----------------------------------------------------------------------------------------

def test_table_cells_are_blocks_with_coordinates(tmp_path):
    doc = read(tmp_path, body=["前言", table([["姓名", "身份证号码"],
                                              ["张三", ["110105198001011234", "备注"]]])])
    assert [(b.text, b.part, b.table, b.line) for b in doc.blocks] == [
        ("前言", "body", None, 0),
        ("姓名", "table", (0, 0, 0), 1), ("身份证号码", "table", (0, 0, 1), 2),
        ("张三", "table", (0, 1, 0), 3), ("110105198001011234", "table", (0, 1, 1), 4),
        ("备注", "table", (0, 1, 1), 5)]


def test_nested_table_gets_its_own_number(tmp_path):
    doc = read(tmp_path, body=[table([["外", table([["内甲", "内乙"]])], ["外二", "外三"]])])
    assert [(b.text, b.table) for b in doc.blocks] == [
        ("外", (0, 0, 0)), ("内甲", (1, 0, 0)), ("内乙", (1, 0, 1)), ("外二", (0, 1, 0)),
        ("外三", (0, 1, 1))]


# -- inline containers python-docx drops -----------------------------------------------------------

def test_content_controls_block_and_inline(tmp_path):
    doc = read(tmp_path, body=[sdt(para("控件段落")), para("前", sdt("控件内文字"), "后")])
    assert texts(doc) == ["控件段落", "前控件内文字后"]
    assert {b.part for b in doc.blocks} == {"body"}


def test_smart_tag_and_hyperlink_text_is_visible(tmp_path):
    doc = read(tmp_path, body=[para(smart_tag("北京市"), "的", hyperlink("链接"))])
    assert texts(doc) == ["北京市的链接"]


def test_simple_field_result_visible_and_instruction_hidden(tmp_path):
    doc = read(tmp_path, body=[para("作者：", fld_simple("AUTHOR \\* MERGEFORMAT", "张三"))])
    body = only(doc, "body")
    assert body.text == "作者：张三"
    code = only(doc, "hidden")
    assert (code.text, code.flags, code.page) == ("AUTHOR \\* MERGEFORMAT", {"field_code"}, 1)
    assert code.index == body.index + 1


def test_complex_field_result_visible_and_code_hidden(tmp_path):
    doc = read(tmp_path, body=[para("见", complex_field(
        'INCLUDETEXT "C:\\\\内部\\\\机密.docx"', "附件"), "。")])
    assert only(doc, "body").text == "见附件。"
    code = only(doc, "hidden")
    assert code.text == 'INCLUDETEXT "C:\\\\内部\\\\机密.docx"'
    assert code.flags == {"field_code"}


def test_form_field_help_text_is_field_code(tmp_path):
    field = InlineXml(
        '<w:r><w:fldChar w:fldCharType="begin"><w:ffData><w:name w:val="Text1"/>'
        '<w:helpText w:type="text" w:val="内部联系人 13800138000"/><w:textInput/></w:ffData>'
        '</w:fldChar></w:r><w:r><w:instrText> FORMTEXT </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>填写处</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>')
    doc = read(tmp_path, body=[para(field)])
    assert texts(doc, "body") == ["填写处"]
    assert [(b.text, b.flags) for b in doc.parts("hidden")] == [
        ("内部联系人 13800138000", {"field_code"}), ("FORMTEXT", {"field_code"})]


def test_tracked_insertion_is_part_of_the_visible_paragraph_only(tmp_path):
    doc = read(tmp_path, body=[para("原文", ins("插入的机密"), "结尾")])
    assert texts(doc) == ["原文插入的机密结尾"]


def test_tracked_deletion_is_a_revision_block_not_paragraph_text(tmp_path):
    doc = read(tmp_path, body=[para("保留", dele("删掉的机密★1年", author="李四",
                                                 date="2024-05-06T07:08:00Z"), "文字")])
    assert only(doc, "body").text == "保留文字"
    rev = only(doc, "revision")
    assert (rev.text, rev.flags, rev.page, rev.line) == ("删掉的机密★1年", {"deleted"}, 1, None)
    assert "李四" in rev.label and "2024-05-06T07:08:00Z" in rev.label


def test_move_from_is_a_revision_and_move_to_is_visible(tmp_path):
    doc = read(tmp_path, body=[para("甲", move_from("挪走的字", author="王五")),
                               para(move_to("挪来的字", author="王五"))])
    assert texts(doc, "body") == ["甲", "挪来的字"]
    rev = only(doc, "revision")
    assert (rev.text, rev.flags) == ("挪走的字", {"moved"})
    assert "王五" in rev.label


@pytest.mark.parametrize("code, font, expected", [
    ("F0AB", "Wingdings", "★"), ("00AB", "Wingdings", "★"), ("F0B6", "Wingdings", "\u2730"),
    ("F06E", "Wingdings 2", "\uf06e"), ("F02A", "Symbol", "\uf02a"), ("002A", "Foo", "\uf02a")])
def test_symbol_characters(tmp_path, code, font, expected):
    doc = read(tmp_path, body=[para("机密", sym(code, font), "1年")])
    assert texts(doc) == [f"机密{expected}1年"]


def test_wingdings_font_text_maps_to_the_star(tmp_path):
    doc = read(tmp_path, body=[para("秘密", run("\u00ab", font="Wingdings"),
                                    run("\uf0ab", font="Wingdings"), "5年")])
    assert texts(doc) == ["秘密★★5年"]


def test_math_text_is_visible(tmp_path):
    omath = InlineXml('<m:oMath xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/'
                      'math"><m:r><m:t>x=1</m:t></m:r></m:oMath>')
    assert texts(read(tmp_path, body=[para("公式", omath)])) == ["公式x=1"]


def test_ruby_base_is_paragraph_text_and_annotation_its_own_block(tmp_path):
    doc = read(tmp_path, body=[para("注音：", build.ruby("机密", "jī mì"), "。")])
    assert texts(doc, "body") == ["注音：机密。"]
    note = only(doc, "textbox")
    assert (note.text, note.page) == ("jī mì", 1) and "ruby" in note.label


def test_smartart_node_text_follows_its_paragraph(tmp_path):
    doc = read(tmp_path, body=[para("组织结构：", build.smartart("局长 张三", "办公室 李四")),
                               "下一段"])
    assert [(b.text, b.part, b.page) for b in doc.blocks] == [
        ("组织结构：", "body", 1), ("局长 张三", "textbox", 1), ("办公室 李四", "textbox", 1),
        ("下一段", "body", 1)]
    assert doc.blocks[1].source.startswith("word/diagrams/data")


# -- hidden, white, tiny ---------------------------------------------------------------------------

def test_direct_vanish_moves_text_to_a_hidden_block(tmp_path):
    doc = read(tmp_path, body=[para("公开", run("机密★1年", vanish=True), "内容"), "下一段"])
    body = list(doc.parts("body"))
    assert [b.text for b in body] == ["公开内容", "下一段"]
    hidden = only(doc, "hidden")
    assert (hidden.text, hidden.flags, hidden.page, hidden.line) == (
        "机密★1年", {"hidden"}, 1, None)
    assert hidden.index == body[0].index + 1 and "隐藏" in hidden.label


def test_hidden_runs_across_formatting_join_into_one_block(tmp_path):
    doc = read(tmp_path, body=[para(run("机", vanish=True, bold=True), run("密", vanish=True),
                                    "正文", run("另一处", vanish=True))])
    assert texts(doc, "hidden") == ["机密", "另一处"]


def test_vanish_through_character_style_and_based_on_chain(tmp_path):
    doc = read(tmp_path, body=[para("甲", run("样式隐藏", style="Secret"), "乙")],
               char_styles={"Base": {"vanish": True}, "Middle": {"based_on": "Base"},
                            "Secret": {"based_on": "Middle", "bold": True}})
    assert texts(doc, "body") == ["甲乙"]
    assert [(b.text, b.flags) for b in doc.parts("hidden")] == [("样式隐藏", {"hidden"})]


def test_vanish_through_paragraph_style_and_defaults(tmp_path):
    doc = read(tmp_path, body=[para("整段隐藏", style="HiddenPara"), "可见"],
               para_styles={"HiddenPara": {"vanish": True}})
    assert texts(doc, "body") == ["可见"]
    assert texts(doc, "hidden") == ["整段隐藏"]
    doc = read(tmp_path, "defaults.docx", body=["默认隐藏"], doc_defaults={"vanish": True})
    assert texts(doc, "hidden") == ["默认隐藏"] and texts(doc, "body") == []


def test_direct_formatting_can_unhide_a_hidden_style(tmp_path):
    unhidden = InlineXml('<w:r><w:rPr><w:rStyle w:val="Secret"/><w:vanish w:val="0"/></w:rPr>'
                         "<w:t>又显示了</w:t></w:r>")
    doc = read(tmp_path, body=[para(unhidden)], char_styles={"Secret": {"vanish": True}})
    assert texts(doc, "body") == ["又显示了"] and texts(doc, "hidden") == []


@pytest.mark.parametrize("color", ["FFFFFF", "F5F5F5", "F0F0F0"])
def test_white_text_is_a_hidden_block(tmp_path, color):
    doc = read(tmp_path, body=[para("正文", run("白色机密", color=color))])
    assert texts(doc, "body") == ["正文"]
    white = only(doc, "hidden")
    assert (white.text, white.flags) == ("白色机密", {"white"})


@pytest.mark.parametrize("fmt, para_kw", [
    ({"color": "auto"}, {}), ({"color": "EFEFEF"}, {}),
    ({"color": "FFFFFF", "highlight": "black"}, {}),
    ({"color": "FFFFFF", "shading": "1F3864"}, {}),
    ({"color": "FFFFFF"}, {"shading": "000000"})])
def test_white_text_on_a_dark_background_is_visible(tmp_path, fmt, para_kw):
    doc = read(tmp_path, body=[para("正文", run("看得见", **fmt), **para_kw)])
    assert texts(doc) == ["正文看得见"]


def test_white_text_in_a_dark_table_cell_is_visible_but_not_in_a_light_one(tmp_path):
    doc = read(tmp_path, body=[table([[run("表头", color="FFFFFF")]], shading="1F3864"),
                               table([[run("藏字", color="FFFFFF")]], shading="FFFF99")])
    assert [(b.text, b.part) for b in doc.blocks] == [("表头", "table"), ("藏字", "hidden")]


def test_white_text_style_and_page_background(tmp_path):
    doc = read(tmp_path, body=[para(run("样式白字", style="WhiteStyle"))],
               char_styles={"WhiteStyle": {"color": "FFFFFF"}})
    assert [(b.text, b.flags) for b in doc.blocks] == [("样式白字", {"white"})]
    doc = read(tmp_path, "bg.docx", body=[para(run("深色背景", color="FFFFFF"))],
               background="000080")
    assert [(b.text, b.part) for b in doc.blocks] == [("深色背景", "body")]


@pytest.mark.parametrize("size, tiny", [(1, True), (2, True), (2.5, False), (10.5, False)])
def test_tiny_text(tmp_path, size, tiny):
    doc = read(tmp_path, body=[para("正文", run("小字", size_pt=size))])
    if tiny:
        assert texts(doc, "body") == ["正文"]
        assert [(b.text, b.flags) for b in doc.parts("hidden")] == [("小字", {"tiny"})]
    else:
        assert texts(doc) == ["正文小字"]


def test_tiny_through_style_and_combined_flags(tmp_path):
    doc = read(tmp_path, body=[para(run("组合", style="Tiny", vanish=True, color="FFFFFF"))],
               char_styles={"Tiny": {"size_pt": 1}})
    assert [(b.text, b.flags) for b in doc.blocks] == [("组合", {"hidden", "white", "tiny"})]


def test_hidden_text_in_a_header_is_a_hidden_block_from_that_part(tmp_path):
    doc = read(tmp_path, body=["正文"], headers={"default": [para("页眉", run("藏", vanish=True))]})
    hidden = only(doc, "hidden")
    assert (hidden.text, hidden.source, hidden.page) == ("藏", "word/header1.xml", None)
    assert texts(doc, "header") == ["页眉"]


# -- text boxes, drawings --------------------------------------------------------------------------

def test_text_box_is_read_once_after_its_anchor(tmp_path):
    doc = read(tmp_path, body=["第一段", page_break(),
                               para("锚定段落", textbox("框内机密★1年", "第二行")), "后一段"])
    assert [(b.text, b.part, b.page, b.line) for b in doc.blocks] == [
        ("第一段", "body", 1, 0), ("锚定段落", "body", 2, 0),
        ("框内机密★1年", "textbox", 2, None), ("第二行", "textbox", 2, None),
        ("后一段", "body", 2, 1)]


def test_text_box_without_alternate_content_is_read(tmp_path):
    doc = read(tmp_path, body=[para("锚", textbox("旧式文本框", fallback=False))])
    assert [(b.text, b.part) for b in doc.blocks] == [("锚", "body"), ("旧式文本框", "textbox")]


def test_text_box_with_table_and_hidden_run(tmp_path):
    doc = read(tmp_path, body=[para("锚", textbox(table([["框中表格"]]),
                                                   para("框", run("藏", vanish=True))))])
    assert [(b.text, b.part, b.table, b.flags) for b in doc.blocks] == [
        ("锚", "body", None, set()), ("框中表格", "textbox", (0, 0, 0), set()),
        ("框", "textbox", None, set()), ("藏", "hidden", None, {"hidden"})]


def test_fallback_that_differs_from_the_choice_is_reported(tmp_path):
    box = textbox("一样的")
    head, sep, tail = box.rpartition("一样的")          # the copy in mc:Fallback
    assert "<mc:Fallback>" in head
    doc = read(tmp_path, body=[para("锚", InlineXml(head + "暗藏内容" + tail))])
    assert texts(doc, "textbox") == ["一样的"]
    extra = only(doc, "hidden")
    assert (extra.text, extra.flags) == ("暗藏内容", {"hidden"})
    assert "Fallback" in extra.label


def test_fallback_only_alternate_content_is_read(tmp_path):
    box = textbox("仅备用")
    start, end = box.index("<mc:Choice"), box.index("</mc:Choice>") + len("</mc:Choice>")
    doc = read(tmp_path, body=[para("锚", InlineXml(box[:start] + box[end:]))])
    assert texts(doc, "textbox") == ["仅备用"]


def test_hidden_shape_text_box_is_hidden(tmp_path):
    doc = read(tmp_path, body=[para("锚", textbox("隐形框", hidden=True))])
    block = only(doc, "hidden")
    assert (block.text, block.flags) == ("隐形框", {"hidden"})


def test_image_alt_text(tmp_path):
    doc = read(tmp_path, body=[para("图：", image_with_alt("张三身份证照片", "机密文件截图")),
                               para(vml_image_with_alt("旧式图片说明"))])
    assert texts(doc, "body") == ["图："]
    assert [(b.text, b.flags, b.page) for b in doc.parts("hidden")] == [
        ("张三身份证照片", {"alt_text"}, 1), ("机密文件截图", {"alt_text"}, 1),
        ("旧式图片说明", {"alt_text"}, 1)]


# -- headers, footers, notes, comments -------------------------------------------------------------

def test_mark_only_in_the_first_page_header(tmp_path):
    doc = read(tmp_path, body=["正文"], headers={"first": ["机密★1年"], "default": ["单位名称"]},
               footers={"default": ["第 1 页"]})
    assert texts(doc, "body") == ["正文"]
    headers = list(doc.parts("header"))
    assert [(b.text, b.page, b.source) for b in headers] == [
        ("机密★1年", None, "word/header1.xml"), ("单位名称", None, "word/header2.xml")]
    assert headers[0].label == "首页页眉 first-page header"
    assert headers[1].label == "页眉 default header"
    footer = only(doc, "footer")
    assert (footer.text, footer.label) == ("第 1 页", "页脚 default footer")


def test_even_header_and_each_part_read_once(tmp_path):
    path = build_docx(tmp_path / "d.docx", body=["一", section_break(), "二"],
                      headers={"even": ["偶数页眉"]})
    with zipfile.ZipFile(path) as zf:
        xml = zf.read("word/document.xml").decode()
    start = xml.index("<w:headerReference")
    ref = xml[start:xml.index("/>", start) + 2]
    xml = xml.replace("<w:sectPr><w:pgSz", f"<w:sectPr>{ref}<w:pgSz", 1)  # section 1 too
    rewrite_members(path, {"word/document.xml": xml})
    assert xml.count("<w:headerReference") == 2
    doc = READER.read(path, Limits())
    header = only(doc, "header")
    assert header.text == "偶数页眉"
    assert header.label == "偶数页页眉 even-page header（第 1 节）"


def test_unreferenced_header_is_read(tmp_path):
    orphan = ('<w:hdr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
              "<w:p><w:r><w:t>旧页眉 秘密</w:t></w:r></w:p></w:hdr>")
    doc = read(tmp_path, body=["正文"], extra_parts={"word/header9.xml": orphan})
    header = only(doc, "header")
    assert (header.text, header.source) == ("旧页眉 秘密", "word/header9.xml")
    assert header.label.startswith("未引用的页眉")


def test_watermark_in_the_header(tmp_path):
    doc = read(tmp_path, body=["正文"], watermark="内部资料 注意保存")
    mark = only(doc, "header")
    assert (mark.text, mark.flags, mark.page) == ("内部资料 注意保存", {"watermark"}, None)
    assert mark.source == "word/header1.xml" and "水印" in mark.label


def test_text_box_in_a_header_is_header_text(tmp_path):
    doc = read(tmp_path, body=["正文"], headers={"default": [para(textbox("页眉框 秘密"))]})
    assert [(b.text, b.part) for b in doc.blocks[1:]] == [("页眉框 秘密", "header")]


def test_footnotes_endnotes_skip_separators(tmp_path):
    doc = read(tmp_path, body=[para("正文", build.footnote_ref(1), build.endnote_ref(1))],
               footnotes=["脚注里的身份证号", ["脚注二甲", "脚注二乙"]], endnotes=["尾注内容"])
    assert texts(doc, "footnote") == ["脚注里的身份证号", "脚注二甲", "脚注二乙"]
    assert [b.label for b in doc.parts("footnote")] == ["脚注 1", "脚注 2", "脚注 2"]
    assert [(b.text, b.label, b.source) for b in doc.parts("endnote")] == [
        ("尾注内容", "尾注 1", "word/endnotes.xml")]


def test_comments_are_labelled_with_their_author(tmp_path):
    doc = read(tmp_path, body=["正文"], comments=[("张三", "此处涉密，建议删除", "锚文字"),
                                                  ("李四", "同意", None)])
    assert texts(doc, "body") == ["正文", "锚文字"]
    assert [(b.text, b.label, b.page) for b in doc.parts("comment")] == [
        ("此处涉密，建议删除", "张三", None), ("同意", "李四", None)]


def test_glossary_is_hidden(tmp_path):
    doc = read(tmp_path, body=["正文"], glossary=["构建基块里的机密"])
    block = only(doc, "hidden")
    assert (block.text, block.label, block.source) == (
        "构建基块里的机密", "glossary", "word/glossary/document.xml")


# -- metadata, embedded objects --------------------------------------------------------------------

def test_core_app_custom_and_custom_xml_metadata(tmp_path):
    item = ('<oa:record xmlns:oa="urn:example:oa" oa:level="机密"><oa:docno>闽政〔2024〕1号'
            "</oa:docno><oa:attr>不予公开</oa:attr></oa:record>")
    doc = read(tmp_path, body=["正文"],
               core={"title": "关于机密事项的通知", "creator": "张三", "lastModifiedBy": "李四",
                     "keywords": "内部", "description": "备注", "subject": "主题",
                     "category": "类别", "contentStatus": "草稿"},
               app={"Company": "某某局", "Manager": "王五", "Template": "公文.dotm",
                    "HyperlinkBase": "\\\\server\\内部"},
               custom={"密级": "机密", "公开属性": "不予公开"}, custom_xml=[item])
    meta = {b.label: (b.text, b.flags, b.source) for b in doc.parts("metadata")}
    assert meta["core:title"] == ("关于机密事项的通知", set(), "docProps/core.xml")
    for key, value in [("core:creator", "张三"), ("core:lastModifiedBy", "李四"),
                       ("core:keywords", "内部"), ("core:description", "备注"),
                       ("core:subject", "主题"), ("core:category", "类别"),
                       ("core:contentStatus", "草稿"), ("app:Company", "某某局"),
                       ("app:Manager", "王五"), ("app:Template", "公文.dotm"),
                       ("app:HyperlinkBase", "\\\\server\\内部")]:
        assert meta[key][0] == value
        assert doc.metadata[key] == value
    assert meta["custom:密级"] == ("密级：机密", {"custom_xml"}, "docProps/custom.xml")
    assert doc.metadata["custom:密级"] == "机密"
    assert meta["custom:公开属性"][0] == "公开属性：不予公开"
    xml_text, flags, source = meta["customXml:item1.xml"]
    assert xml_text == "record@level: 机密\ndocno: 闽政〔2024〕1号\nattr: 不予公开"
    assert (flags, source) == ({"custom_xml"}, "customXml/item1.xml")
    assert doc.metadata["core:created"] == build.DATE and "core:created" not in meta
    assert all(b.page is None for b in doc.parts("metadata"))


def test_document_variables_and_attached_template(tmp_path):
    settings = ('<w:docVars><w:docVar w:name="密级" w:val="秘密"/></w:docVars>')
    doc = read(tmp_path, body=["正文"], settings_extra=settings)
    var = only(doc, "metadata")
    assert (var.text, var.label, var.flags) == ("密级：秘密", "docVar:密级", {"custom_xml"})


def test_embedded_object_and_alt_chunk_are_listed(tmp_path):
    doc = read(tmp_path, body=["正文"], embeddings={"oleObject1.bin": b"\xd0\xcf\x11\xe0",
                                                     "花名册.xlsx": b"PK"},
               alt_chunks={"afchunk1.html": "<html><body>机密</body></html>".encode()})
    # what is read from inside the objects: tests/readers/test_docx_embedded.py
    assert [(b.text, b.flags, b.source) for b in doc.parts("attachment")
            if "embedded" in b.flags] == [
        ("word/afchunk1.html", {"embedded"}, "word/afchunk1.html"),
        ("word/embeddings/oleObject1.bin", {"embedded"}, "word/embeddings/oleObject1.bin"),
        ("word/embeddings/花名册.xlsx", {"embedded"}, "word/embeddings/花名册.xlsx")]


# -- broken and unsupported input ------------------------------------------------------------------

def test_broken_header_is_a_problem_and_the_rest_is_read(tmp_path):
    path = build_docx(tmp_path / "d.docx", body=["正文"], headers={"default": ["页眉"]},
                      footers={"default": ["页脚"]})
    rewrite_members(path, {"word/header1.xml": b"<w:hdr><w:p>unclosed"})
    doc = READER.read(path, Limits())
    assert texts(doc) == ["正文", "页脚"]
    assert len(doc.problems) == 1
    assert "word/header1.xml" in doc.problems[0] and "页眉" in doc.problems[0]


def test_broken_header_makes_the_scan_an_error(screener, tmp_path):
    path = build_docx(tmp_path / "d.docx", body=["正文"], headers={"default": ["页眉"]})
    rewrite_members(path, {"word/header1.xml": b"not xml"})
    report = screener.scan(path)
    assert report.verdict.value == "error" and report.error.code == "incomplete"


def test_missing_header_part_is_a_problem(tmp_path):
    path = build_docx(tmp_path / "d.docx", body=["正文"], headers={"default": ["页眉"]})
    rewrite_members(path, {"word/header1.xml": None})
    doc = READER.read(path, Limits())
    assert texts(doc) == ["正文"] and "不存在" in doc.problems[0]


def test_broken_main_document_is_unreadable(tmp_path):
    path = build_docx(tmp_path / "d.docx", body=["正文"])
    rewrite_members(path, {"word/document.xml": b"<w:document>"})
    with pytest.raises(UnreadableDocument) as info:
        READER.read(path, Limits())
    assert info.value.code == "corrupt" and "word/document.xml" in info.value.message


def test_dtd_is_refused(tmp_path):
    path = build_docx(tmp_path / "d.docx", body=["正文"], headers={"default": ["页眉"]})
    dtd = ('<?xml version="1.0"?><!DOCTYPE w:hdr [<!ENTITY m "机密">]>'
           '<w:hdr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
           "<w:p><w:r><w:t>&m;</w:t></w:r></w:p></w:hdr>")
    rewrite_members(path, {"word/header1.xml": dtd})
    doc = READER.read(path, Limits())
    assert "DTD" in doc.problems[0]
    rewrite_members(path, {"word/document.xml": dtd.replace("w:hdr", "w:document")})
    with pytest.raises(UnreadableDocument):
        READER.read(path, Limits())


def test_text_limit(tmp_path):
    path = build_docx(tmp_path / "d.docx", body=["一二三四五", "六七八九十"])
    with pytest.raises(UnreadableDocument) as info:
        READER.read(path, Limits(max_text_chars=8))
    assert info.value.code == "limit" and "8" in info.value.message


def test_xlsx_is_unsupported_and_named(tmp_path):
    with pytest.raises(UnsupportedFormat) as info:
        READER.read(xlsx_like(tmp_path / "book.docx"), Limits())
    assert "Excel" in info.value.message and info.value.code == "unsupported_zip"


@pytest.mark.parametrize("maker, words", [(empty_zip, "空的 ZIP"), (plain_zip, "ZIP 压缩包")])
def test_empty_and_plain_zip_are_unsupported(tmp_path, maker, words):
    with pytest.raises(UnsupportedFormat) as info:
        READER.read(maker(tmp_path / "x.docx"), Limits())
    assert words in info.value.message


# -- the whole thing -------------------------------------------------------------------------------

MARKERS = ["标记甲", "标记乙", "标记丙", "标记丁", "标记戊", "标记己", "标记庚", "标记辛", "标记壬",
           "标记癸", "标记子", "标记丑", "标记寅", "标记卯", "标记辰", "标记巳", "标记午", "标记未",
           "标记申", "标记酉", "标记戌", "标记亥", "标记天", "标记地", "标记玄", "标记黄"]


def kitchen_sink(path):
    m = iter(MARKERS)
    return build_docx(
        path,
        body=[para(run(next(m), bold=True), run("★", color="FF0000")),
              para(sdt(next(m)), smart_tag(next(m)), hyperlink(next(m))),
              sdt(para(next(m))),
              para(fld_simple("AUTHOR", next(m)), complex_field("TITLE", next(m))),
              para(ins(next(m)), dele(next(m)), move_from(next(m)), move_to(next(m))),
              para(run(next(m), vanish=True), run(next(m), color="FFFFFF"),
                   run(next(m), size_pt=1)),
              para("锚", textbox(next(m)), image_with_alt(next(m), next(m))),
              table([[next(m), table([[next(m)]])]]),
              para(build.ruby("注音", "zhù yīn"), build.smartart("图形文字")),
              page_break(), next(m)],
        headers={"first": [next(m)], "default": [next(m)]}, watermark=next(m),
        footnotes=[next(m)], comments=[("审稿人", next(m), None)],
        core={"title": next(m)}, custom={"密级": "机密"}, custom_xml=["<a>x</a>"],
        embeddings={"oleObject1.bin": b"x"}, glossary=["词条"])


def test_every_marker_is_in_exactly_one_block(tmp_path):
    doc = READER.read(kitchen_sink(tmp_path / "sink.docx"), Limits())
    counts = Counter()
    for block in doc.blocks:
        for marker in MARKERS:
            counts[marker] += block.text.count(marker)
    assert counts == Counter({m: 1 for m in MARKERS})
    assert doc.problems == () and doc.pages == 2
    where = {m: (b.part, b.flags) for b in doc.blocks for m in MARKERS if m in b.text}
    assert where["标记甲"] == ("body", set()) and where["标记乙"] == ("body", set())
    assert where["标记壬"] == ("revision", {"deleted"})
    assert where["标记癸"] == ("revision", {"moved"})
    assert where["标记丑"] == ("hidden", {"hidden"}) and where["标记寅"] == ("hidden", {"white"})
    assert where["标记卯"] == ("hidden", {"tiny"}) and where["标记辰"] == ("textbox", set())
    assert where["标记巳"] == ("hidden", {"alt_text"}) and where["标记申"] == ("table", set())
    assert where["标记戌"] == ("header", set()) and where["标记天"] == ("header", {"watermark"})
    assert where["标记地"] == ("footnote", set()) and where["标记玄"] == ("comment", set())
    assert where["标记黄"] == ("metadata", set())
    indexes = [b.index for b in doc.blocks]
    assert indexes == list(range(len(doc.blocks)))


def test_kitchen_sink_opens_in_python_docx_which_misses_what_we_read(tmp_path):
    path = kitchen_sink(tmp_path / "sink.docx")
    seen = "".join(p.text for p in python_docx.Document(path).paragraphs)
    assert "标记甲" in seen and "标记丑" in seen   # hidden text, unflagged (sanitize.md §1.2)
    for dropped in ("标记乙", "标记丙", "标记戊", "标记己", "标记辛", "标记辰"):
        assert dropped not in seen                 # content controls, smart tags, fields …


def test_through_the_pipeline(screener, tmp_path):
    path = build_docx(tmp_path / "通知.docx", body=["机密★1年", "正文"])
    doc = screener.read(path)
    assert doc.format == "docx" and texts(doc) == ["机密★1年", "正文"]


def test_reading_costs_no_more_than_python_docx_times_three(tmp_path):
    body = []
    for page in range(20):
        body += [para(run("关于进一步加强政府信息公开工作的"), run("通知", bold=True),
                      "联系电话13800138000") for _ in range(22)]
        if page % 4 == 0:
            body.append(table([["张三", "13800138000", "备注", "无"]] * 5))
        body.append(page_break())
    path = build_docx(tmp_path / "bench.docx", body=body, headers={"default": ["页眉"]},
                      footers={"default": ["页脚"]})

    def python_docx_read():
        d = python_docx.Document(path)
        out = [p.text for p in d.paragraphs]
        out += [c.text for t in d.tables for r in t.rows for c in r.cells]
        for s in d.sections:
            out += [p.text for p in s.header.paragraphs + s.footer.paragraphs]

    def best(fn):
        fn()
        times = []
        for _ in range(5):
            start = time.perf_counter()
            fn()
            times.append(time.perf_counter() - start)
        return min(times)

    assert READER.read(path, Limits()).pages == 20
    assert best(lambda: READER.read(path, Limits())) < 3 * best(python_docx_read)
