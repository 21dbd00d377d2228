"""Build .docx test files by hand, with every place text can hide (sanitize.md §1).

A document is assembled from small XML helpers and written with :func:`build_docx`::

    from tests.docbuild.docx import build_docx, dele, para, run, table, textbox

    build_docx(tmp_path / "d.docx",
               body=[para(run("机", bold=True), run("密", color="FF0000"), run("★1年")),
                     para("正文", textbox("框内文字"), dele("删掉的字")),
                     table([["姓名", "身份证号码"], ["张三", "110105198001011234"]])],
               headers={"first": ["机密★1年"]}, watermark="内部资料",
               core={"title": "关于……的通知"}, custom={"密级": "机密"})

Helpers return :class:`InlineXml` (goes inside a paragraph: runs, fields, text boxes …) or
:class:`BlockXml` (a paragraph, table, block-level content control). Wherever content is expected,
a plain ``str`` means "a run with this text" inside a paragraph and "a paragraph with this text" at
block level. ``"\\t"`` and ``"\\n"`` in run text become ``w:tab`` and ``w:br``.

Every file built here opens in python-docx (tested on a kitchen-sink document). The hostile-zip
helpers at the end (:func:`zip_bomb`, :func:`lying_header`, …) make the packages the zip limits
must refuse.
"""

from __future__ import annotations

import itertools
import re
import struct
import warnings
import zipfile
import zlib
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

DATE = "2024-03-01T09:00:00Z"
MiB = 1024 * 1024

NS = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "pic": "http://schemas.openxmlformats.org/drawingml/2006/picture",
    "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "v": "urn:schemas-microsoft-com:vml",
    "o": "urn:schemas-microsoft-com:office:office",
    "w10": "urn:schemas-microsoft-com:office:word",
}
_XMLNS = " ".join(f'xmlns:{p}="{u}"' for p, u in NS.items())
_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml."
_IMAGE_RID = "rIdImage1"


class InlineXml(str):
    """WordprocessingML that goes inside a paragraph (runs, fields, text boxes …)."""


class BlockXml(str):
    """WordprocessingML at block level (paragraphs, tables, block content controls)."""


_ids = itertools.count(1)
#: Parts that inline helpers need (rId → rel type, target under word/, content type, data);
#: build_docx adds the ones its document refers to.
_PENDING_PARTS: dict[str, tuple[str, str, str, bytes]] = {}


def _attr(value: str) -> str:
    return quoteattr(value, {"\n": "&#10;"})


# -- runs and inline content ---------------------------------------------------------------------

def _rpr(*, bold=False, color=None, size_pt=None, vanish=False, style=None, font=None,
         highlight=None, shading=None) -> str:
    props = []
    if style:
        props.append(f'<w:rStyle w:val="{style}"/>')
    if font:
        props.append(f'<w:rFonts w:ascii="{font}" w:hAnsi="{font}"/>')
    if bold:
        props.append("<w:b/>")
    if vanish:
        props.append("<w:vanish/>")
    if color:
        props.append(f'<w:color w:val="{color}"/>')
    if size_pt is not None:
        props.append(f'<w:sz w:val="{round(size_pt * 2)}"/>')
    if highlight:
        props.append(f'<w:highlight w:val="{highlight}"/>')
    if shading:
        props.append(f'<w:shd w:val="clear" w:color="auto" w:fill="{shading}"/>')
    return f"<w:rPr>{''.join(props)}</w:rPr>" if props else ""


def _text_children(text: str, tag: str = "w:t") -> str:
    out = []
    for i, line in enumerate(text.split("\n")):
        if i:
            out.append("<w:br/>")
        for j, piece in enumerate(line.split("\t")):
            if j:
                out.append("<w:tab/>")
            if piece:
                out.append(f'<{tag} xml:space="preserve">{escape(piece)}</{tag}>')
    return "".join(out)


def run(text: str, **fmt) -> InlineXml:
    """A run. ``fmt``: ``bold``, ``color`` ("FFFFFF"), ``size_pt``, ``vanish``, ``style`` (a
    character style id), ``font``, ``highlight`` ("black"), ``shading`` (fill hex)."""
    return InlineXml(f"<w:r>{_rpr(**fmt)}{_text_children(text)}</w:r>")


def _inline(items: Iterable) -> str:
    out = []
    for item in items:
        if isinstance(item, BlockXml):
            raise TypeError("block content (paragraph/table) inside a paragraph")
        if isinstance(item, (list, tuple)):
            out.append(_inline(item))
        elif isinstance(item, InlineXml):
            out.append(item)
        else:
            out.append(run(str(item)))
    return "".join(out)


def sym(char_hex: str, font: str = "Wingdings") -> InlineXml:
    """A ``w:sym`` symbol character, e.g. ``sym("F0AB")`` (Wingdings ★)."""
    return InlineXml(f'<w:r><w:sym w:font="{font}" w:char="{char_hex}"/></w:r>')


def tab() -> InlineXml:
    return InlineXml("<w:r><w:tab/></w:r>")


def line_break() -> InlineXml:
    return InlineXml("<w:r><w:br/></w:r>")


def no_break_hyphen() -> InlineXml:
    return InlineXml("<w:r><w:noBreakHyphen/></w:r>")


def page_break_run() -> InlineXml:
    """A hard page break inside a paragraph."""
    return InlineXml('<w:r><w:br w:type="page"/></w:r>')


def rendered_page_break() -> InlineXml:
    """Word's ``w:lastRenderedPageBreak`` marker (where the last layout started a new page)."""
    return InlineXml("<w:r><w:lastRenderedPageBreak/></w:r>")


def ins(*content, author: str = "审稿人", date: str = DATE) -> InlineXml:
    """A tracked insertion (visible text)."""
    return InlineXml(f'<w:ins w:id="{next(_ids)}" w:author={_attr(author)} w:date="{date}">'
                     f"{_inline(content)}</w:ins>")


def dele(text: str, *, author: str = "审稿人", date: str = DATE, **fmt) -> InlineXml:
    """A tracked deletion: ``w:del`` with the text in ``w:delText``."""
    return InlineXml(f'<w:del w:id="{next(_ids)}" w:author={_attr(author)} w:date="{date}">'
                     f"<w:r>{_rpr(**fmt)}{_text_children(text, 'w:delText')}</w:r></w:del>")


def move_from(text: str, *, author: str = "审稿人", date: str = DATE) -> InlineXml:
    """The source of a tracked move (not shown in the final text)."""
    return InlineXml(f'<w:moveFrom w:id="{next(_ids)}" w:author={_attr(author)} w:date="{date}">'
                     f"<w:r>{_text_children(text, 'w:t')}</w:r></w:moveFrom>")


def move_to(*content, author: str = "审稿人", date: str = DATE) -> InlineXml:
    """The destination of a tracked move (visible)."""
    return InlineXml(f'<w:moveTo w:id="{next(_ids)}" w:author={_attr(author)} w:date="{date}">'
                     f"{_inline(content)}</w:moveTo>")


def smart_tag(*content, element: str = "place") -> InlineXml:
    return InlineXml(f'<w:smartTag w:uri="urn:schemas-microsoft-com:office:smarttags" '
                     f'w:element="{element}">{_inline(content)}</w:smartTag>')


def hyperlink(*content, anchor: str = "_top") -> InlineXml:
    """An internal hyperlink (to a bookmark; needs no relationship)."""
    return InlineXml(f'<w:hyperlink w:anchor="{anchor}">{_inline(content)}</w:hyperlink>')


def fld_simple(instr: str, result: str) -> InlineXml:
    """``w:fldSimple``: the instruction is an attribute, the result is visible text."""
    return InlineXml(f"<w:fldSimple w:instr={_attr(instr)}>{run(result)}</w:fldSimple>")


def complex_field(instr: str, result: str) -> InlineXml:
    """A complex field: begin, ``w:instrText``, separate, result runs, end."""
    return InlineXml(
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r><w:instrText xml:space="preserve">{escape(instr)}</w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        f"{run(result)}"
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>')


def sdt(*content, alias: str = "密级", tag: str = "secret") -> InlineXml | BlockXml:
    """A content control: block-level if given paragraphs/tables, else inline."""
    pr = f'<w:sdtPr><w:alias w:val={_attr(alias)}/><w:tag w:val={_attr(tag)}/></w:sdtPr>'
    if any(isinstance(c, BlockXml) for c in content):
        return BlockXml(f"<w:sdt>{pr}<w:sdtContent>{_blocks(content)}</w:sdtContent></w:sdt>")
    return InlineXml(f"<w:sdt>{pr}<w:sdtContent>{_inline(content)}</w:sdtContent></w:sdt>")


def textbox(*paras, fallback: bool = True, hidden: bool = False) -> InlineXml:
    """A floating text box. With ``fallback`` (Word's way) it is stored twice: DrawingML in
    ``mc:Choice`` and VML in ``mc:Fallback``; without, as a lone VML ``v:textbox``.
    ``hidden`` marks the shape invisible (``wp:docPr/@hidden``, VML ``visibility:hidden``)."""
    n = next(_ids)
    content = f"<w:txbxContent>{_blocks(paras)}</w:txbxContent>"
    visibility = ";visibility:hidden" if hidden else ""
    vml = (f'<w:pict><v:shape id="TextBox{n}" o:spid="_x0000_s{1024 + n}" type="#_x0000_t202" '
           f'style="position:absolute;width:144pt;height:36pt{visibility}">'
           f"<v:textbox>{content}</v:textbox></v:shape></w:pict>")
    if not fallback:
        return InlineXml(f"<w:r>{vml}</w:r>")
    hidden_attr = ' hidden="1"' if hidden else ""
    drawing = (
        '<w:drawing><wp:anchor distT="0" distB="0" distL="114300" distR="114300" simplePos="0" '
        'relativeHeight="251659264" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1">'
        '<wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="column"><wp:posOffset>0'
        '</wp:posOffset></wp:positionH><wp:positionV relativeFrom="paragraph"><wp:posOffset>0'
        '</wp:posOffset></wp:positionV><wp:extent cx="1828800" cy="457200"/>'
        f'<wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapNone/>'
        f'<wp:docPr id="{n}" name="TextBox {n}"{hidden_attr}/><wp:cNvGraphicFramePr/>'
        '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/'
        'wordprocessingShape"><wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr><a:xfrm>'
        '<a:off x="0" y="0"/><a:ext cx="1828800" cy="457200"/></a:xfrm><a:prstGeom prst="rect">'
        f"<a:avLst/></a:prstGeom></wps:spPr><wps:txbx>{content}</wps:txbx><wps:bodyPr/>"
        "</wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing>")
    return InlineXml(f'<w:r><mc:AlternateContent><mc:Choice Requires="wps">{drawing}</mc:Choice>'
                     f"<mc:Fallback>{vml}</mc:Fallback></mc:AlternateContent></w:r>")


def image_with_alt(descr: str = "", title: str = "") -> InlineXml:
    """An inline picture (a 1×1 PNG) with alt text in ``wp:docPr/@descr`` and ``@title``."""
    n = next(_ids)
    return InlineXml(
        '<w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0">'
        '<wp:extent cx="95250" cy="95250"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
        f'<wp:docPr id="{n}" name="Picture {n}" descr={_attr(descr)} title={_attr(title)}/>'
        '<wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect="1"/></wp:cNvGraphicFramePr>'
        '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
        f'<pic:pic><pic:nvPicPr><pic:cNvPr id="0" name="image1.png"/><pic:cNvPicPr/></pic:nvPicPr>'
        f'<pic:blipFill><a:blip r:embed="{_IMAGE_RID}"/><a:stretch><a:fillRect/></a:stretch>'
        '</pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="95250" cy="95250"/>'
        '</a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic>'
        "</a:graphicData></a:graphic></wp:inline></w:drawing></w:r>")


def vml_image_with_alt(alt: str) -> InlineXml:
    """A legacy VML picture with ``v:shape/@alt``."""
    n = next(_ids)
    return InlineXml(f'<w:r><w:pict><v:shape id="Picture{n}" alt={_attr(alt)} '
                     'style="width:7.5pt;height:7.5pt">'
                     f'<v:imagedata r:id="{_IMAGE_RID}" o:title=""/></v:shape></w:pict></w:r>')


def ruby(base: str, annotation: str) -> InlineXml:
    """A phonetic guide (``w:ruby``): ``annotation`` shown above ``base``."""
    return InlineXml(f"<w:r><w:ruby><w:rubyPr/><w:rt>{run(annotation)}</w:rt>"
                     f"<w:rubyBase>{run(base)}</w:rubyBase></w:ruby></w:r>")


def smartart(*texts: str) -> InlineXml:
    """A SmartArt diagram whose nodes hold ``texts`` (in its own diagram data part)."""
    n = next(_ids)
    rid = f"rIdDm{n}"
    dgm = "http://schemas.openxmlformats.org/drawingml/2006/diagram"
    points = "".join(f'<dgm:pt modelId="{{{n}-{i}}}"><dgm:prSet/><dgm:spPr/><dgm:t><a:bodyPr/>'
                     f"<a:p><a:r><a:t>{escape(t)}</a:t></a:r></a:p></dgm:t></dgm:pt>"
                     for i, t in enumerate(texts, start=1))
    data = (f'{_DECL}<dgm:dataModel xmlns:dgm="{dgm}" xmlns:a="{NS["a"]}"><dgm:ptLst>'
            f'<dgm:pt modelId="{{{n}-0}}" type="doc"><dgm:prSet/><dgm:spPr/></dgm:pt>{points}'
            "</dgm:ptLst></dgm:dataModel>")
    _PENDING_PARTS[rid] = ("diagramData", f"diagrams/data{n}.xml",
                           "application/vnd.openxmlformats-officedocument.drawingml."
                           "diagramData+xml", data.encode())
    return InlineXml(
        '<w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0">'
        f'<wp:extent cx="5486400" cy="3200400"/><wp:docPr id="{n}" name="Diagram {n}"/>'
        f'<a:graphic><a:graphicData uri="{dgm}"><dgm:relIds xmlns:dgm="{dgm}" r:dm="{rid}"/>'
        "</a:graphicData></a:graphic></wp:inline></w:drawing></w:r>")


def footnote_ref(n: int) -> InlineXml:
    return InlineXml(f'<w:r><w:footnoteReference w:id="{n}"/></w:r>')


def endnote_ref(n: int) -> InlineXml:
    return InlineXml(f'<w:r><w:endnoteReference w:id="{n}"/></w:r>')


# -- block content ---------------------------------------------------------------------------------

def para(*content, style: str | None = None, page_break_before: bool = False,
         shading: str | None = None) -> BlockXml:
    """A paragraph with ``style`` (a paragraph style id) and paragraph ``shading`` (fill hex)."""
    ppr = []
    if style:
        ppr.append(f'<w:pStyle w:val="{style}"/>')
    if page_break_before:
        ppr.append("<w:pageBreakBefore/>")
    if shading:
        ppr.append(f'<w:shd w:val="clear" w:color="auto" w:fill="{shading}"/>')
    props = f"<w:pPr>{''.join(ppr)}</w:pPr>" if ppr else ""
    return BlockXml(f"<w:p>{props}{_inline(content)}</w:p>")


def page_break() -> BlockXml:
    """A paragraph holding only a hard page break."""
    return para(page_break_run())


def section_break(kind: str = "nextPage") -> BlockXml:
    """An empty paragraph that ends a section; the section after it starts as ``kind``
    (``nextPage``, ``continuous``, ``oddPage``, ``evenPage``).

    OOXML stores how a section starts in that section's own ``sectPr`` (the next one in the
    file); :func:`build_docx` moves ``kind`` there."""
    return BlockXml(f'<w:p><w:pPr><w:sectPr><!--next:{kind}--><w:pgSz w:w="11906" w:h="16838"/>'
                    "</w:sectPr></w:pPr></w:p>")


def _section_types(doc: str) -> tuple[str, str | None]:
    """Write each :func:`section_break` kind into the following ``sectPr``; return the body
    and the kind for the final (body-level) ``sectPr``."""
    pieces = re.split(r"<!--next:(\w+)-->", doc)
    out, prev = [pieces[0]], None
    for kind, text in zip(pieces[1::2], pieces[2::2]):
        out.append(f'<w:type w:val="{prev}"/>' if prev else "")
        out.append(text)
        prev = kind
    return "".join(out), prev


def _cell(content, shading: str | None) -> str:
    items = content if isinstance(content, (list, tuple)) else [content]
    blocks = []
    inline: list = []
    for item in items:
        if isinstance(item, InlineXml):
            inline.append(item)
            continue
        if inline:
            blocks.append(para(*inline))
            inline = []
        blocks.append(item if isinstance(item, BlockXml) else para(item))
    if inline or not blocks or blocks[-1].startswith("<w:tbl>"):
        blocks.append(para(*inline))  # a cell must end with a paragraph
    tcpr = f'<w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="{shading}"/></w:tcPr>' \
        if shading else ""
    return f"<w:tc>{tcpr}{''.join(blocks)}</w:tc>"


def table(rows: Sequence[Sequence], *, shading: str | None = None) -> BlockXml:
    """A table. A cell is a ``str`` (a paragraph), inline XML (one paragraph), block XML (a
    nested :func:`table` too) or a list of those (each ``str`` its own paragraph; consecutive
    inline items share one)."""
    cols = max((len(r) for r in rows), default=1)
    grid = "".join('<w:gridCol w:w="2000"/>' for _ in range(cols))
    body = "".join(f"<w:tr>{''.join(_cell(c, shading) for c in r)}</w:tr>" for r in rows)
    return BlockXml(f'<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr>'
                    f"<w:tblGrid>{grid}</w:tblGrid>{body}</w:tbl>")


def alt_chunk(rid: str = "rIdChunk1") -> BlockXml:
    return BlockXml(f'<w:altChunk r:id="{rid}"/>')


def _blocks(items: Iterable) -> str:
    out = []
    for item in items:
        if isinstance(item, BlockXml):
            out.append(item)
        elif isinstance(item, (list, tuple)):
            out.append(_blocks(item))
        else:
            out.append(para(item))
    return "".join(out)


def watermark_paragraph(text: str) -> BlockXml:
    """Word's text watermark: a VML WordArt shape with ``v:textpath/@string`` in the header."""
    return BlockXml(
        '<w:p><w:r><w:pict><v:shapetype id="_x0000_t136" coordsize="21600,21600" o:spt="136" '
        'adj="10800" path="m@7,l@8,m@5,21600l@6,21600e"><v:textpath on="t" fitshape="t"/>'
        '</v:shapetype><v:shape id="PowerPlusWaterMarkObject1" o:spid="_x0000_s2049" '
        'type="#_x0000_t136" style="position:absolute;margin-left:0;margin-top:0;width:415pt;'
        'height:138pt;rotation:315;z-index:-251657216" o:allowincell="f" fillcolor="silver" '
        'stroked="f"><v:fill opacity=".5"/><v:textpath style="font-family:&quot;SimSun&quot;;'
        f'font-size:1pt" string={_attr(text)}/></v:shape></w:pict></w:r></w:p>')


# -- the package -----------------------------------------------------------------------------------

_HF_ROOT = {"header": "hdr", "footer": "ftr"}
_CORE_NS = {"title": "dc", "subject": "dc", "creator": "dc", "description": "dc",
            "identifier": "dc", "language": "dc", "keywords": "cp", "lastModifiedBy": "cp",
            "category": "cp", "contentStatus": "cp", "revision": "cp", "version": "cp",
            "lastPrinted": "cp", "created": "dcterms", "modified": "dcterms"}


def _rpr_of(spec: Mapping) -> str:
    return _rpr(bold=spec.get("bold", False), color=spec.get("color"),
                size_pt=spec.get("size_pt"), vanish=spec.get("vanish", False),
                font=spec.get("font"), highlight=spec.get("highlight"),
                shading=spec.get("shading"))


def _styles_xml(char_styles: Mapping, para_styles: Mapping, doc_defaults: Mapping | None,
                extra: str) -> str:
    styles = ['<w:style w:type="paragraph" w:default="1" w:styleId="Normal">'
              '<w:name w:val="Normal"/></w:style>',
              '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
              '<w:name w:val="Default Paragraph Font"/></w:style>']
    for kind, specs in (("character", char_styles), ("paragraph", para_styles)):
        for sid, spec in specs.items():
            based = f'<w:basedOn w:val="{spec["based_on"]}"/>' if spec.get("based_on") else ""
            styles.append(f'<w:style w:type="{kind}" w:styleId="{sid}"><w:name w:val="{sid}"/>'
                          f"{based}{_rpr_of(spec)}</w:style>")
    defaults = _rpr_of(doc_defaults or {}) or "<w:rPr/>"
    return (f"{_DECL}<w:styles {_XMLNS}><w:docDefaults><w:rPrDefault>{defaults}</w:rPrDefault>"
            f"<w:pPrDefault/></w:docDefaults>{''.join(styles)}{extra}</w:styles>")


def _notes_xml(kind: str, notes: Sequence) -> str:
    tag = "footnote" if kind == "footnotes" else "endnote"
    out = [f'<w:{tag} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:{tag}>',
           f'<w:{tag} w:type="continuationSeparator" w:id="0"><w:p><w:r>'
           f"<w:continuationSeparator/></w:r></w:p></w:{tag}>"]
    for i, note in enumerate(notes, start=1):
        items = note if isinstance(note, (list, tuple)) else [note]
        out.append(f'<w:{tag} w:id="{i}">{_blocks(items)}</w:{tag}>')
    return f"{_DECL}<w:{kind} {_XMLNS}>{''.join(out)}</w:{kind}>"


def _png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data)))
    ihdr = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr)
            + chunk(b"IDAT", zlib.compress(b"\x00\x00")) + chunk(b"IEND", b""))


class _Package:
    """Collects members, content-type overrides and relationships while a document is built."""

    def __init__(self) -> None:
        self.members: dict[str, bytes] = {}
        self.overrides: dict[str, str] = {}
        self.defaults = {"rels": "application/vnd.openxmlformats-package.relationships+xml",
                         "xml": "application/xml", "png": "image/png",
                         "bin": "application/vnd.openxmlformats-officedocument.oleObject",
                         "html": "text/html"}
        self.root_rels: list[tuple[str, str, str]] = []
        self.doc_rels: list[tuple[str, str, str]] = []

    def add(self, name: str, data: str | bytes, content_type: str | None = None) -> None:
        self.members[name] = data.encode("utf-8") if isinstance(data, str) else data
        if content_type:
            self.overrides[name] = content_type

    def doc_rel(self, rel_type: str, target: str, rid: str | None = None) -> str:
        rid = rid or f"rId{len(self.doc_rels) + 1}"
        self.doc_rels.append((rid, _REL + rel_type if "/" not in rel_type else rel_type, target))
        return rid

    def write(self, path: Path) -> None:
        types = "".join(f'<Default Extension="{e}" ContentType="{t}"/>'
                        for e, t in self.defaults.items())
        types += "".join(f'<Override PartName="/{n}" ContentType="{t}"/>'
                         for n, t in self.overrides.items())
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
            zf.writestr("[Content_Types].xml", f'{_DECL}<Types xmlns="http://schemas.'
                        f'openxmlformats.org/package/2006/content-types">{types}</Types>')
            zf.writestr("_rels/.rels", _rels_xml(self.root_rels))
            zf.writestr("word/_rels/document.xml.rels", _rels_xml(self.doc_rels))
            for name, data in self.members.items():
                zf.writestr(name, data)


def _rels_xml(rels: Iterable[tuple[str, str, str]]) -> str:
    items = "".join(f'<Relationship Id="{rid}" Type="{t}" Target={_attr(target)}/>'
                    for rid, t, target in rels)
    return (f'{_DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
            f'relationships">{items}</Relationships>')


def build_docx(path: str | Path, body: Sequence = (), *,
               headers: Mapping[str, Sequence] | None = None,
               footers: Mapping[str, Sequence] | None = None,
               footnotes: Sequence = (), endnotes: Sequence = (),
               comments: Sequence[tuple[str, str, str | None]] = (),
               core: Mapping[str, str] | None = None, app: Mapping[str, str] | None = None,
               custom: Mapping[str, str] | None = None, custom_xml: Sequence[str] = (),
               embeddings: Mapping[str, bytes] | None = None,
               alt_chunks: Mapping[str, bytes] | None = None,
               watermark: str | None = None, styles_xml_extra: str = "",
               char_styles: Mapping[str, Mapping] | None = None,
               para_styles: Mapping[str, Mapping] | None = None,
               doc_defaults: Mapping | None = None,
               title_page: bool | None = None,
               glossary: Sequence = (), settings_extra: str = "",
               background: str | None = None,
               extra_parts: Mapping[str, str | bytes] | None = None) -> Path:
    """Write a .docx and return its path.

    :param body: block items (``str`` = a paragraph); inline items are wrapped in a paragraph.
    :param headers: ``{"default"|"first"|"even": [items]}``; ``footers`` likewise. A ``first``
        header turns on ``w:titlePg`` unless ``title_page`` says otherwise; an ``even`` one turns on
        ``w:evenAndOddHeaders``.
    :param comments: ``(author, text, anchor_text)``; the anchor paragraph is appended to the body
        (``anchor_text`` ``None``: no anchor).
    :param core: ``docProps/core.xml`` fields (``title``, ``creator``, ``lastModifiedBy`` …);
        ``app``: ``docProps/app.xml`` (``Company``, ``Manager``, ``Template`` …); ``custom``:
        ``docProps/custom.xml`` name → text value; ``custom_xml``: ``customXml/itemN.xml`` bodies.
    :param embeddings: ``word/embeddings/<name>`` members, related from the document.
    :param alt_chunks: ``word/<name>`` altChunk targets, each with a ``w:altChunk`` in the body.
    :param watermark: text of a VML watermark in the default header (created if absent).
    :param char_styles: ``{styleId: {"vanish": True, "color": …, "size_pt": …, "based_on": …}}``;
        ``para_styles`` likewise; ``doc_defaults``: the same keys for ``w:rPrDefault``.
    :param glossary: paragraphs of a building block in ``word/glossary/document.xml``.
    :param settings_extra: raw XML appended to ``w:settings`` (e.g. ``w:docVars``).
    :param background: ``w:background/@w:color`` of the document.
    :param extra_parts: raw members added as they are (e.g. an unreferenced header).
    """
    path = Path(path)
    pkg = _Package()
    pkg.root_rels.append(("rId1", _REL + "officeDocument", "word/document.xml"))
    pkg.add("word/styles.xml", _styles_xml(char_styles or {}, para_styles or {}, doc_defaults,
                                           styles_xml_extra), _CT + "styles+xml")
    pkg.doc_rel("styles", "styles.xml")

    headers = {k: list(v) for k, v in (headers or {}).items()}
    footers = dict(footers or {})
    if watermark is not None:
        headers.setdefault("default", []).insert(0, watermark_paragraph(watermark))
    even = "even" in headers or "even" in footers
    pkg.add("word/settings.xml", f"{_DECL}<w:settings {_XMLNS}>"
            f"{'<w:evenAndOddHeaders/>' if even else ''}{settings_extra}</w:settings>",
            _CT + "settings+xml")
    pkg.doc_rel("settings", "settings.xml")

    refs = []
    for kind, parts in (("header", headers), ("footer", footers)):
        root = _HF_ROOT[kind]
        for i, (hf_type, items) in enumerate(parts.items(), start=1):
            name = f"{kind}{i}.xml"
            pkg.add(f"word/{name}", f"{_DECL}<w:{root} {_XMLNS}>{_blocks(items)}</w:{root}>",
                    _CT + f"{kind}+xml")
            rid = pkg.doc_rel(kind, name)
            refs.append(f'<w:{kind}Reference w:type="{hf_type}" r:id="{rid}"/>')
    if title_page is None:
        title_page = "first" in headers or "first" in footers

    for kind, notes in (("footnotes", footnotes), ("endnotes", endnotes)):
        if notes:
            pkg.add(f"word/{kind}.xml", _notes_xml(kind, notes), _CT + f"{kind}+xml")
            pkg.doc_rel(kind, f"{kind}.xml")

    body_xml = [_blocks([b if not isinstance(b, InlineXml) else para(b) for b in body])]
    if comments:
        entries = []
        for i, (author, text, anchor) in enumerate(comments):
            entries.append(f'<w:comment w:id="{i}" w:author={_attr(author)} w:date="{DATE}" '
                           f'w:initials="XX">{_blocks([text])}</w:comment>')
            if anchor is not None:
                body_xml.append(f'<w:p><w:commentRangeStart w:id="{i}"/>{run(anchor)}'
                                f'<w:commentRangeEnd w:id="{i}"/><w:r><w:commentReference '
                                f'w:id="{i}"/></w:r></w:p>')
        pkg.add("word/comments.xml", f"{_DECL}<w:comments {_XMLNS}>{''.join(entries)}"
                "</w:comments>", _CT + "comments+xml")
        pkg.doc_rel("comments", "comments.xml")
    for i, (name, data) in enumerate((alt_chunks or {}).items(), start=1):
        rid = pkg.doc_rel("aFChunk", name, rid=f"rIdChunk{i}")
        pkg.add(f"word/{name}", data)
        body_xml.append(alt_chunk(rid))
    for name, data in (embeddings or {}).items():
        pkg.add(f"word/embeddings/{name}", data)
        pkg.doc_rel("oleObject" if name.endswith(".bin") else "package", f"embeddings/{name}")

    doc, final_type = _section_types("".join(body_xml))
    section = "".join(refs)
    if final_type:
        section += f'<w:type w:val="{final_type}"/>'
    section += '<w:pgSz w:w="11906" w:h="16838"/>' + ("<w:titlePg/>" if title_page else "")
    bg = f'<w:background w:color="{background}"/>' if background else ""
    pkg.add("word/document.xml", f"{_DECL}<w:document {_XMLNS}>{bg}<w:body>{doc}"
            f"<w:sectPr>{section}</w:sectPr></w:body></w:document>", _CT + "document.main+xml")
    for rid, (rel_type, target, content_type, data) in _PENDING_PARTS.items():
        if f'"{rid}"' in doc:
            pkg.add(f"word/{target}", data, content_type)
            pkg.doc_rel(rel_type, target, rid=rid)
    if _IMAGE_RID in doc or any(_IMAGE_RID in h for v in headers.values() for h in v):
        pkg.add("word/media/image1.png", _png())
        pkg.doc_rel("image", "media/image1.png", rid=_IMAGE_RID)

    if glossary:
        pkg.add("word/glossary/document.xml",
                f"{_DECL}<w:glossaryDocument {_XMLNS}><w:docParts><w:docPart><w:docPartPr>"
                '<w:name w:val="Part1"/></w:docPartPr><w:docPartBody>'
                f"{_blocks(glossary)}</w:docPartBody></w:docPart></w:docParts>"
                "</w:glossaryDocument>", _CT + "document.glossary+xml")
        pkg.doc_rel("glossaryDocument", "glossary/document.xml")

    _props(pkg, core, app, custom)
    for i, item in enumerate(custom_xml, start=1):
        pkg.add(f"customXml/item{i}.xml", item)
        pkg.add(f"customXml/itemProps{i}.xml",
                f'{_DECL}<ds:datastoreItem ds:itemID="{{0000000{i}-0000-0000-0000-000000000000}}" '
                'xmlns:ds="http://schemas.openxmlformats.org/officeDocument/2006/customXml">'
                "<ds:schemaRefs/></ds:datastoreItem>",
                "application/vnd.openxmlformats-officedocument.customXmlProperties+xml")
        pkg.add(f"customXml/_rels/item{i}.xml.rels",
                _rels_xml([("rId1", _REL + "customXmlProps", f"itemProps{i}.xml")]))
        pkg.doc_rel("customXml", f"../customXml/item{i}.xml")
    for name, data in (extra_parts or {}).items():
        pkg.add(name, data)
    pkg.write(path)
    return path


def _props(pkg: _Package, core, app, custom) -> None:
    core = dict(core or {})
    core.setdefault("created", DATE)
    fields = []
    for key, value in core.items():
        prefix = _CORE_NS.get(key, "cp")
        typ = ' xsi:type="dcterms:W3CDTF"' if prefix == "dcterms" else ""
        fields.append(f"<{prefix}:{key}{typ}>{escape(value)}</{prefix}:{key}>")
    pkg.add("docProps/core.xml",
            f'{_DECL}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
            'metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
            'xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/'
            'dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            f"{''.join(fields)}</cp:coreProperties>",
            "application/vnd.openxmlformats-package.core-properties+xml")
    pkg.root_rels.append(("rId2", "http://schemas.openxmlformats.org/package/2006/relationships/"
                          "metadata/core-properties", "docProps/core.xml"))
    vt = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
    if app is not None:
        fields = "".join(f"<{k}>{escape(v)}</{k}>" for k, v in app.items())
        pkg.add("docProps/app.xml",
                f'{_DECL}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
                f'extended-properties" xmlns:vt="{vt}">{fields}</Properties>',
                "application/vnd.openxmlformats-officedocument.extended-properties+xml")
        pkg.root_rels.append(("rId3", _REL + "extended-properties", "docProps/app.xml"))
    if custom is not None:
        props = "".join(
            f'<property fmtid="{{D5CDD505-2E9C-101B-9397-08002B2CF9AE}}" pid="{i}" '
            f"name={_attr(k)}><vt:lpwstr>{escape(v)}</vt:lpwstr></property>"
            for i, (k, v) in enumerate(custom.items(), start=2))
        pkg.add("docProps/custom.xml",
                f'{_DECL}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
                f'custom-properties" xmlns:vt="{vt}">{props}</Properties>',
                "application/vnd.openxmlformats-officedocument.custom-properties+xml")
        pkg.root_rels.append(("rId4", _REL + "custom-properties", "docProps/custom.xml"))


# -- editing a built package -----------------------------------------------------------------------

def rewrite_members(path: str | Path, replace: Mapping[str, bytes | str | None]) -> Path:
    """Rewrite a package, replacing members (``None`` removes one; new names are added)."""
    path = Path(path)
    with zipfile.ZipFile(path) as zf:
        members = [(i, zf.read(i)) for i in zf.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for info, data in members:
            if info.filename in replace:
                data = replace[info.filename]
                if data is None:
                    continue
            zf.writestr(info.filename, data)
        for name, data in replace.items():
            if data is not None and name not in {i.filename for i, _ in members}:
                zf.writestr(name, data)
    return path


# -- hostile packages ------------------------------------------------------------------------------

def _minimal(path: Path) -> Path:
    return build_docx(path, body=["正文"])


def zip_bomb(path: str | Path, member: str = "word/document.xml", size: int = 300 * MiB) -> Path:
    """A .docx whose ``member`` inflates to ``size`` bytes of blanks (about 1 000:1)."""
    path = Path(path)
    _minimal(path)
    with zipfile.ZipFile(path) as zf:
        members = [(i.filename, zf.read(i)) for i in zf.infolist() if i.filename != member]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for name, data in members:
            zf.writestr(name, data)
        with zf.open(member, "w") as fh:
            head = f"{_DECL}<w:document {_XMLNS}><w:body>".encode()
            fh.write(head)
            chunk = b" " * MiB
            left = size - len(head)
            while left > 0:
                fh.write(chunk[:left])
                left -= len(chunk)
    return path


def duplicate_member(path: str | Path, member: str = "word/document.xml",
                     text: str = "机密★10年") -> Path:
    """A valid .docx with a second ``member`` appended (a viewer may show either copy)."""
    path = _minimal(Path(path))
    second = (f"{_DECL}<w:document {_XMLNS}><w:body>{para(text)}<w:sectPr/></w:body>"
              "</w:document>")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with zipfile.ZipFile(path, "a") as zf:
            zf.writestr(member, second)
    return path


def bad_name(path: str | Path, name: str) -> Path:
    """A valid .docx plus one member with the given (hostile) name."""
    path = _minimal(Path(path))
    with zipfile.ZipFile(path, "a") as zf:
        zf.writestr(zipfile.ZipInfo(name), b"<x/>")
    return path


def traversal(path: str | Path) -> Path:
    return bad_name(path, "word/../../evil.xml")


def absolute_name(path: str | Path) -> Path:
    return bad_name(path, "/etc/evil.xml")


def truncated(path: str | Path, keep: float = 0.5) -> Path:
    """A valid .docx cut short (the central directory is gone)."""
    path = _minimal(Path(path))
    data = path.read_bytes()
    path.write_bytes(data[: int(len(data) * keep)])
    return path


def corrupt_member(path: str | Path, member: str = "word/document.xml") -> Path:
    """A .docx whose directory is intact but whose ``member`` data is garbage (CRC/inflate)."""
    path = _minimal(Path(path))
    with zipfile.ZipFile(path) as zf:
        info = zf.getinfo(member)
    data = bytearray(path.read_bytes())
    start = info.header_offset + 30 + len(info.filename.encode()) + 4
    for i in range(start, min(start + 16, start + info.compress_size - 4)):
        data[i] ^= 0x5A
    path.write_bytes(bytes(data))
    return path


def patch_headers(path: Path, member: str, *, file_size: int | None = None,
                   set_flags: int = 0) -> None:
    """Patch a member's uncompressed size and general-purpose flags in both the local header
    and the central directory (what a crafted bomb does)."""
    with zipfile.ZipFile(path) as zf:
        info = zf.getinfo(member)
        cd_offset = zf.start_dir
    data = bytearray(path.read_bytes())
    local = info.header_offset
    assert data[local:local + 4] == b"PK\x03\x04"
    pos = cd_offset
    while data[pos:pos + 4] == b"PK\x01\x02":
        n, m, k = struct.unpack_from("<3H", data, pos + 28)
        if bytes(data[pos + 46:pos + 46 + n]).decode("utf-8") == member:
            break
        pos += 46 + n + m + k
    else:
        raise KeyError(member)
    if file_size is not None:
        struct.pack_into("<L", data, local + 22, file_size)
        struct.pack_into("<L", data, pos + 24, file_size)
    if set_flags:
        for off in (local + 6, pos + 8):
            struct.pack_into("<H", data, off, struct.unpack_from("<H", data, off)[0] | set_flags)
    path.write_bytes(bytes(data))


def lying_header(path: str | Path, actual: int = 5 * MiB, declared: int = 2000) -> Path:
    """A .docx whose ``word/document.xml`` declares ``declared`` bytes in the local header and
    the central directory, but whose deflate stream inflates to ``actual`` bytes."""
    path = zip_bomb(path, size=actual)
    patch_headers(path, "word/document.xml", file_size=declared)
    return path


def encrypted_member(path: str | Path, member: str = "word/document.xml") -> Path:
    """A .docx whose ``member`` carries the "encrypted" flag."""
    path = _minimal(Path(path))
    patch_headers(path, member, set_flags=0x1)
    return path


def many_entries(path: str | Path, n: int = 1001) -> Path:
    """A .docx with ``n`` members in all."""
    path = _minimal(Path(path))
    with zipfile.ZipFile(path) as zf:
        have = len(zf.infolist())
    with zipfile.ZipFile(path, "a") as zf:
        for i in range(n - have):
            zf.writestr(f"word/media/extra{i}.txt", b"")
    return path


def xlsx_like(path: str | Path) -> Path:
    """A minimal .xlsx package (a zip that is not a Word document)."""
    path = Path(path)
    sheet_ct = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml",
                    f'{_DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/'
                    'content-types"><Default Extension="rels" ContentType="application/'
                    'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" '
                    f'ContentType="application/xml"/><Override PartName="/xl/workbook.xml" '
                    f'ContentType="{sheet_ct}"/></Types>')
        zf.writestr("_rels/.rels", _rels_xml([("rId1", _REL + "officeDocument",
                                                "xl/workbook.xml")]))
        zf.writestr("xl/workbook.xml",
                    f'{_DECL}<workbook xmlns="http://schemas.openxmlformats.org/'
                    'spreadsheetml/2006/main"><sheets/></workbook>')
    return path


def empty_zip(path: str | Path) -> Path:
    path = Path(path)
    with zipfile.ZipFile(path, "w"):
        pass
    return path


def plain_zip(path: str | Path, members: Mapping[str, bytes] | None = None) -> Path:
    path = Path(path)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in (members or {"readme.txt": b"hello"}).items():
            zf.writestr(name, data)
    return path


def docx_bytes(**kwargs) -> bytes:
    """:func:`build_docx` into memory (for fuzzing and benchmarks)."""
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        p = build_docx(Path(tmp) / "d.docx", **kwargs)
        return p.read_bytes()


__all__ = [
    "InlineXml", "BlockXml", "run", "sym", "tab", "line_break", "no_break_hyphen",
    "page_break_run", "rendered_page_break", "ins", "dele", "move_from", "move_to", "smart_tag",
    "hyperlink", "fld_simple", "complex_field", "sdt", "textbox", "image_with_alt",
    "vml_image_with_alt", "ruby", "smartart", "footnote_ref", "endnote_ref", "para", "page_break",
    "section_break", "table", "alt_chunk", "watermark_paragraph", "build_docx", "rewrite_members",
    "zip_bomb", "duplicate_member", "bad_name", "traversal", "absolute_name", "truncated",
    "corrupt_member", "patch_headers", "lying_header", "encrypted_member", "many_entries", "xlsx_like",
    "empty_zip", "plain_zip", "docx_bytes",
]
