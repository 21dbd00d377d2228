"""Classification marks planted in every hiding place, variants of the mark grammar, and the
look-alikes of domain.md §1.7 that must not fire."""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.shared import Pt, RGBColor

from . import Planted, case

REGULATION = Path(__file__).resolve().parents[2] / "samples" / "regulation-secrecy-review.txt"

NOTICE = [
    "关于做好2026年度防汛防台风工作的通知",
    "各乡镇人民政府，县直各有关单位：",
    "为切实做好今年防汛防台风工作，保障人民群众生命财产安全，现就有关事项通知如下。",
    "一、压实防汛责任，落实各级防汛责任人。",
    "二、加强隐患排查，及时消除各类风险隐患。",
    "某县人民政府办公室",
]


def mark(text: str, part: str = "body", kind: str = "secret_level", severity: str = "block",
         category: str = "classification_mark") -> Planted:
    return Planted(category, kind, text, part, severity)


def _docx(path: Path, top: list[str] = (), body: list[str] = NOTICE, *, doc=None) -> None:
    doc = doc or Document()
    for line in [*top, *body]:
        doc.add_paragraph(line)
    doc.save(path)


# -- the grammar's variants, each as line 2 of page 1 (份号 on line 1) ---------------------------

VARIANTS = [
    "秘密★1年", "秘密★5年", "机密★10年", "机密★20年", "绝密★长期", "绝密★30年", "秘密★6个月",
    "机密★", "秘密★", "机密★2025年12月31日前", "秘密★会议开始前", "绝密★启用前", "秘密★开标前",
    "绝密★考试结束前", "秘　密", "绝　密", "机　密★10年", "秘密 ★ 1年", "秘密★1 年", "秘　密★一年",
    "机密★二十年", "秘密*1年", "机密＊10年", "秘密☆5年", "秘密⭐1年", "机密·10年", "机密(10年)",
    "★秘密", "秘密★５年", "机密★１０年", "机密★1年　指人专办", "秘密※3年",
]

for i, variant in enumerate(VARIANTS):
    case(f"mark-variant-{i:02d}", ".docx", planted=[mark(variant)], group="marks")(
        lambda path, v=variant: _docx(path, top=["000001", v]))


# -- hiding places reachable with python-docx ---------------------------------------------------

@case("mark-first-page-header", ".docx", planted=[mark("秘密★5年", "header")], group="marks")
def _first_page_header(path: Path) -> None:
    doc = Document()
    doc.sections[0].different_first_page_header_footer = True
    doc.sections[0].first_page_header.paragraphs[0].text = "秘密★5年"
    _docx(path, doc=doc)


@case("mark-default-header", ".docx", planted=[mark("机密★10年", "header")], group="marks")
def _default_header(path: Path) -> None:
    doc = Document()
    doc.sections[0].header.paragraphs[0].text = "机密★10年"
    _docx(path, doc=doc)


@case("mark-footer", ".docx", planted=[mark("秘密★1年", "footer")], group="marks")
def _footer(path: Path) -> None:
    doc = Document()
    doc.sections[0].footer.paragraphs[0].text = "秘密★1年"
    _docx(path, doc=doc)


@case("mark-run-split", ".docx", planted=[mark("机密★1年")], group="marks")
def _run_split(path: Path) -> None:
    doc = Document()
    doc.add_paragraph("000003")
    p = doc.add_paragraph()
    p.add_run("机").bold = True
    p.add_run("密").font.color.rgb = RGBColor(0xC0, 0, 0)
    p.add_run("★1年").font.size = Pt(16)
    _docx(path, doc=doc)


@case("mark-table-top", ".docx", planted=[mark("秘密★3年", "table")], group="marks")
def _table_top(path: Path) -> None:
    doc = Document()
    t = doc.add_table(rows=1, cols=2)
    t.cell(0, 0).text = "秘密★3年"
    t.cell(0, 1).text = "特急"
    _docx(path, doc=doc)


@case("mark-hidden-run", ".docx", planted=[mark("机密★5年", "hidden")], group="marks")
def _hidden_run(path: Path) -> None:
    doc = Document()
    p = doc.add_paragraph()
    p.add_run("机密★5年").font.hidden = True
    _docx(path, doc=doc)


@case("mark-core-keywords", ".docx", planted=[mark("机密★10年", "metadata")], group="marks")
def _core_keywords(path: Path) -> None:
    doc = Document()
    doc.core_properties.keywords = "机密★10年"
    _docx(path, doc=doc)


@case("mark-comment", ".docx", planted=[mark("秘密★1年", "comment")], group="marks")
def _comment(path: Path) -> None:
    doc = Document()
    for line in NOTICE:
        p = doc.add_paragraph(line)
    doc.add_comment(p.runs, text="秘密★1年", author="审核人")
    doc.save(path)


@case("mark-page-3-attachment", ".docx", planted=[mark("机密★20年")], group="marks")
def _attachment_page(path: Path) -> None:
    """A marked attachment after the covering notice: the mark is a standalone line on page 2."""
    doc = Document()
    for line in NOTICE:
        doc.add_paragraph(line)
    doc.add_page_break()
    doc.add_paragraph("附件")
    doc.add_paragraph("机密★20年")
    doc.add_paragraph("关于某项工作的实施方案")
    doc.save(path)


@case("work-secret-mark", ".docx",
      planted=[mark("内部资料　注意保存", kind="work_secret", severity="review")], group="marks")
def _work_secret(path: Path) -> None:
    _docx(path, top=["内部资料　注意保存"])


@case("work-secret-bare", ".docx",
      planted=[mark("内部", kind="work_secret", severity="review")], group="marks")
def _work_secret_bare(path: Path) -> None:
    _docx(path, top=["内部"])


@case("disclosure-not-public", ".docx",
      planted=[mark("此件不予公开", kind="disclosure_attribute", severity="block")], group="marks")
def _not_public(path: Path) -> None:
    _docx(path, body=[*NOTICE, "2026年11月2日", "（此件不予公开）"])


@case("disclosure-on-request", ".docx",
      planted=[mark("此件依申请公开", kind="disclosure_attribute", severity="review")], group="marks")
def _on_request(path: Path) -> None:
    _docx(path, body=[*NOTICE, "2026年11月2日", "（此件依申请公开）"])


@case("secret-doc-number", ".docx",
      planted=[mark("县委办密〔2020〕3号", severity="review")], group="marks")
def _doc_number(path: Path) -> None:
    _docx(path, top=["县委办密〔2020〕3号"])


# -- text and PDF -------------------------------------------------------------------------------

@case("mark-text-utf8", ".txt", planted=[mark("机密★1年")], group="marks")
def _text_utf8(path: Path) -> None:
    path.write_text("\n".join(["机密★1年", *NOTICE]), encoding="utf-8")


@case("mark-text-gb18030", ".txt", planted=[mark("秘密★5年")], group="marks")
def _text_gb(path: Path) -> None:
    path.write_bytes("\r\n".join(["000002", "秘密★5年", *NOTICE]).encode("gb18030"))


def _pdf(path: Path, lines: list[str]) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    y = A4[1] - 72
    for line in lines:
        c.setFont("STSong-Light", 14)
        c.drawString(72, y, line)
        y -= 24
    c.showPage()
    c.save()


@case("mark-pdf-line2", ".pdf", planted=[mark("机密★1年")], group="marks")
def _pdf_line2(path: Path) -> None:
    _pdf(path, ["000001", "机密★1年", *NOTICE])


# -- look-alikes: nothing here may be reported at review or block --------------------------------

LOOKALIKES = [
    "县政府秘书长主持召开专题会议，研究部署秋冬季森林防火工作。",
    "数据的机密性、完整性和可用性是信息安全的三个基本属性。",
    "企业应当建立商业秘密保护制度，防止商业秘密泄露。",
    "揭开宇宙的秘密——县科技馆科普讲座本周六举行。",
    "坚持就是成功的秘密。",
    "本次选举采用无记名秘密投票方式进行。",
    "电影《绝密行动》将于国庆期间在县影剧院上映。",
    "该酒店被评为★★★★★级，服务质量优良。",
    "★重点任务：完成全县安全生产隐患排查。",
    "新印章启用前，原印章继续有效。",
    "各单位要健全内部控制制度，加强内部审计监督。",
    "办公楼内部装修工程已于上月完工。",
    "保密知识测试题：一份文件为机密级、保密期限10年，应标注为：机密★10年。",
    "选择题：下列标注正确的是（ ）A.秘密10年 B.秘密* C.秘密★10年 D.秘密10",
    "关于印发《某县政府信息公开保密审查制度》的通知",
    "不得公开涉及国家秘密、商业秘密、个人隐私的政府信息。",
    "数据加密与解密技术培训班报名通知",
    "护照加急办理须提供相关证明材料。",
    "对涉及国家秘密的信息不予公开，依申请公开的政府信息按规定办理。",
    "县保密办〔2026〕3号文件要求加强保密宣传教育。",
]


@case("lookalikes", ".docx", lookalikes=LOOKALIKES, group="lookalike")
def _lookalikes_docx(path: Path) -> None:
    _docx(path, body=LOOKALIKES)


@case("lookalikes-standalone", ".docx", lookalikes=LOOKALIKES, group="lookalike")
def _lookalikes_top(path: Path) -> None:
    """The same look-alikes as standalone lines at the top of page 1 (the strongest position)."""
    _docx(path, body=["商业秘密", "秘书处", "机密性", "内部控制", "★★★★★", *LOOKALIKES])


@case("regulation-docx", ".docx", group="regulation")
def _regulation_docx(path: Path) -> None:
    _docx(path, body=REGULATION.read_text(encoding="utf-8").splitlines())


@case("regulation-utf8", ".txt", group="regulation")
def _regulation_utf8(path: Path) -> None:
    path.write_text(REGULATION.read_text(encoding="utf-8"), encoding="utf-8")


@case("regulation-gb18030", ".txt", group="regulation")
def _regulation_gb(path: Path) -> None:
    path.write_bytes(REGULATION.read_text(encoding="utf-8").encode("gb18030"))


# -- hiding places python-docx cannot write: built as raw OOXML (tests/docbuild/docx.py) ---------

def _raw(path: Path, top=(), **parts) -> None:
    from tests.docbuild.docx import build_docx

    build_docx(path, body=[*top, *NOTICE], **parts)


def _raw_case(name: str, planted: Planted, build) -> None:
    case(name, ".docx", planted=[planted], group="marks")(build)


def _hiding_places() -> None:
    from tests.docbuild import docx as d

    places = {
        "mark-textbox": (mark("机密★10年", "textbox"),
                         lambda p: _raw(p, top=[d.para(d.textbox("机密★10年"))])),
        "mark-sym-star": (mark("秘密\u26051年", "body"),
                          lambda p: _raw(p, top=["000004", d.para(d.run("秘密"), d.sym("F0AB"),
                                                                  d.run("1年"))])),
        "mark-watermark": (mark("机密", "header"), lambda p: _raw(p, watermark="机密")),
        "mark-even-header": (mark("秘密★1年", "header"),
                             lambda p: _raw(p, headers={"even": ["秘密★1年"]})),
        "mark-content-control": (mark("绝密★30年", "body"),
                                 lambda p: _raw(p, top=[d.sdt(d.para("绝密★30年"))])),
        "mark-smart-tag": (mark("机密★5年", "body"),
                           lambda p: _raw(p, top=[d.para(d.smart_tag(d.run("机密★5年")))])),
        "mark-simple-field": (mark("秘密★2年", "body"),
                              lambda p: _raw(p, top=[d.para(d.fld_simple("DOCPROPERTY 密级",
                                                                          "秘密★2年"))])),
        "mark-tracked-insertion": (mark("机密★3年", "body"),
                                   lambda p: _raw(p, top=[d.para(d.ins(d.run("机密★3年")))])),
        "mark-tracked-deletion": (mark("秘密★1年", "revision"),
                                  lambda p: _raw(p, top=[d.para(d.dele("秘密★1年"))])),
        "mark-white-text": (mark("机密★1年", "hidden"),
                            lambda p: _raw(p, top=[d.para(d.run("机密★1年", color="FFFFFF"))])),
        "mark-tiny-text": (mark("秘密★1年", "hidden"),
                           lambda p: _raw(p, top=[d.para(d.run("秘密★1年", size_pt=1))])),
        "mark-style-hidden": (mark("绝密★长期", "hidden"),
                              lambda p: _raw(p, top=[d.para(d.run("绝密★长期", style="Secret"))],
                                             char_styles={"Secret": {"vanish": True}})),
        "mark-footnote": (mark("机密★10年", "footnote"),
                          lambda p: _raw(p, top=[d.para("正文", d.footnote_ref(1))],
                                         footnotes=["机密★10年"])),
        "mark-endnote": (mark("秘密★5年", "endnote"),
                         lambda p: _raw(p, top=[d.para("正文", d.endnote_ref(1))],
                                        endnotes=["秘密★5年"])),
        "mark-custom-property": (mark("机密", "metadata"),
                                 lambda p: _raw(p, custom={"密级": "机密"})),
        "mark-core-title": (mark("秘密★1年", "metadata"),
                            lambda p: _raw(p, core={"title": "秘密★1年"})),
        "mark-custom-xml": (mark("机密★5年", "metadata"),
                            lambda p: _raw(p, custom_xml=[
                                '<oa:fields xmlns:oa="urn:example:oa"><oa:密级>机密★5年</oa:密级>'
                                '</oa:fields>'])),
        "mark-nested-table": (mark("秘密★3年", "table"),
                              lambda p: _raw(p, top=[d.table([[d.table([["秘密★3年"]]), "特急"]])])),
    }
    for name, (planted, build) in places.items():
        _raw_case(name, planted, build)


_hiding_places()
