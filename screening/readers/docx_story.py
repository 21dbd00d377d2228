"""The .docx story walker: one story (the body, a header, a footnote, a text box …) → blocks.

:class:`Story` walks block content (paragraphs, tables, content controls), paragraphs collect
their visible text in a :class:`Para`, and everything a paragraph carries but does not show
(hidden/white/tiny runs, deletions, field codes, alt text, text boxes) becomes a side block that
follows it. The contracts (order, pages, flags) are stated in :mod:`screening.readers.docx`.

Origins (for the sanitizer, :mod:`screening.sanitize.docx`): every :class:`Spec` the walk makes
carries ``origin``, the pieces its characters come from, in order — ``(node, attr, offset, length)``
means ``length`` characters taken from ``node.text`` (``attr`` ``None``) or from the attribute
``attr`` of ``node``, starting at ``offset``; ``attr`` ``"#"`` means the characters stand for the
element itself (a tab, a break, a symbol). A piece with ``node`` ``None`` cannot be traced back.
The lengths add up to ``len(text)``; readers ignore ``origin``.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from lxml import etree

from .docx_styles import (Props, Styles, fill, flag_label, hiding_flags, is_wingdings, on,
                          on_attr, run_props, symbol, wingdings_text)
from .ooxml import MC, M, O, R, V, W, WP, Rel
from .safezip import SafeZip

W_P, W_R, W_T, W_TBL, W_TR, W_TC = (W + t for t in ("p", "r", "t", "tbl", "tr", "tc"))
W_PPR, W_RPR, W_TCPR, W_SECTPR = (W + t for t in ("pPr", "rPr", "tcPr", "sectPr"))
W_VAL, W_TYPE = W + "val", W + "type"
_TRANSPARENT = {W + t for t in ("hyperlink", "smartTag", "ins", "moveTo", "customXml", "dir",
                                "bdo", "sdtContent")}
_BLOCK_WRAPPERS = {W + "customXml", W + "sdtContent"}
_TEXT_BREAKS = {W + "tab": "\t", W + "ptab": "\t", W + "cr": "\n", W + "noBreakHyphen": "-"}
_OBJECTS = {W + "drawing", W + "pict", W + "object", MC + "AlternateContent"}
_PAGE_SECTIONS = {"nextPage", "oddPage", "evenPage"}
_DGM = "{http://schemas.openxmlformats.org/drawingml/2006/diagram}"
_A_T = "{http://schemas.openxmlformats.org/drawingml/2006/main}t"


#: One origin piece: (node, attr, offset, length); see the module docstring.
Piece = tuple
SELF = "#"


def slice_origin(origin: tuple, start: int, end: int) -> tuple:
    """The pieces of ``origin`` that cover characters ``start``..``end`` of their text."""
    out, pos = [], 0
    for node, attr, offset, length in origin:
        a, b = max(start, pos), min(end, pos + length)
        if a < b:
            if attr == SELF and (a > pos or b < pos + length):
                out.append((None, None, 0, b - a))  # part of a synthetic element
            else:
                out.append((node, attr, offset + a - pos, b - a))
        pos += length
        if pos >= end:
            break
    return tuple(out)


def _stripped(text: str, origin: tuple) -> tuple[str, tuple]:
    """``text.strip()`` with its origin."""
    lead = len(text) - len(text.lstrip())
    stripped = text.strip()
    return stripped, slice_origin(origin, lead, lead + len(stripped))


class Context:
    """What the stories of one document share: styles, the page colour, the table counter, the
    list blocks go to (swapped while a text box is read), embedded objects seen so far, and
    ``parse(what, member)`` for parts a story refers to (a failure becomes a problem)."""

    def __init__(self, pkg: SafeZip, styles: Styles,
                 parse: Callable[[str, str], etree._Element | None], background: str | None = None):
        self.pkg = pkg
        self.styles = styles
        self.parse = parse
        self.background = background
        self.tables = itertools.count()
        self.sink: list[Spec] = []
        self.objects: list[str] = []

    def emit(self, spec: Spec) -> None:
        self.sink.append(spec)

    def note_object(self, rel: Rel | None) -> None:
        """An embedded object or altChunk target (listed once, as an attachment block)."""
        if rel is not None and rel.target and rel.target in self.pkg and \
                rel.target not in self.objects:
            self.objects.append(rel.target)


@dataclass(frozen=True, slots=True)
class Spec:
    """A block to be: :class:`~screening.model.BlockList` numbers them at the end. ``line``:
    counts as a line of its page."""

    text: str
    part: str
    page: int | None = None
    line: bool = False
    source: str = ""
    label: str = ""
    flags: frozenset[str] = frozenset()
    table: tuple[int, int, int] | None = None
    origin: tuple = ()


class Pages:
    """Body page counting from explicit breaks. Hard breaks (``w:br type=page``, page-type
    section breaks) count each; soft ones (``w:pageBreakBefore``, ``w:lastRenderedPageBreak``)
    only when the page already has content, and not on top of a hard break. Breaks apply when
    the next content arrives, so a trailing break adds no page."""

    def __init__(self) -> None:
        self.page = 1
        self.has_content = False
        self.hard = 0
        self.soft = False

    def hard_break(self) -> None:
        self.hard += 1

    def soft_break(self) -> None:
        if self.has_content:
            self.soft = True

    @property
    def pending(self) -> bool:
        return bool(self.hard or self.soft)

    def advance(self) -> None:
        self.page += max(self.hard, 1 if self.soft else 0)
        self.hard, self.soft, self.has_content = 0, False, False


class Para:
    """Collects one paragraph: visible text, and the side blocks that follow it."""

    __slots__ = (
        "background",
        "base",
        "base_flags",
        "cell",
        "seg",
        "seg_key",
        "side",
        "sorigin",
        "story",
        "visible",
        "vorigin",
    )

    def __init__(self, story: Story, cell: tuple[int, int, int] | None, base: Props,
                 background: str | None):
        self.story, self.cell, self.base, self.background = story, cell, base, background
        self.base_flags = hiding_flags(base, background)
        self.visible: list[str] = []
        self.side: list[Spec] = []
        self.seg: list[str] = []
        self.seg_key: tuple | None = None
        self.vorigin: list[Piece] = []
        self.sorigin: list[Piece] = []

    def text(self, s: str, origin: tuple = ()) -> None:
        self.story.touch(self)
        if self.seg:
            self.close()
        self.visible.append(s)
        self.vorigin.extend(origin or ((None, None, 0, len(s)),))

    def side_text(self, s: str, part: str, flags: frozenset[str], label: str,
                  origin: tuple = ()) -> None:
        """Text that is not shown: consecutive pieces with the same kind form one block."""
        self.story.touch(self)
        key = (part, flags, label)
        if key != self.seg_key:
            self.close()
            self.seg_key = key
        self.seg.append(s)
        self.sorigin.extend(origin or ((None, None, 0, len(s)),))

    def close(self) -> None:
        if self.seg:
            part, flags, label = self.seg_key  # type: ignore[misc]
            self.side.append(self.story.spec("".join(self.seg), part, flags=flags, label=label,
                                             origin=tuple(self.sorigin)))
        self.seg, self.seg_key, self.sorigin = [], None, []

    def side_block(self, spec: Spec) -> None:
        self.close()
        self.side.append(spec)

    def flush(self) -> None:
        """Emit the paragraph (so far) and its side blocks."""
        self.close()
        story = self.story
        if self.visible:
            story.emit(story.para_spec("".join(self.visible), self.cell, tuple(self.vorigin)))
        for spec in self.side:
            story.emit(spec)
        self.visible, self.side, self.vorigin = [], [], []


# -- reading stories -------------------------------------------------------------------------------

class Story:
    """Walks one story (the body, a header, a footnote, a text box …) and emits its blocks."""

    def __init__(self, ctx: Context, part: str, source: str, *, label: str = "",
                 rels: dict[str, Rel] | None = None, pages: Pages | None = None,
                 page_of: Callable[[], int | None] | None = None, in_header: bool = False,
                 flags: frozenset[str] = frozenset()):
        self.ctx = ctx
        self.part = part
        self.source = source
        self.label = label
        self.rels = rels or {}
        self.pages = pages
        self.page_of = page_of
        self.in_header = in_header
        self.flags = flags
        self.fields: list[list] = []   # complex fields: [state, instruction pieces]
        self.code_depth = 0
        self.section_after: dict[etree._Element, str] = {}

    # -- pages and emission ----------------------------------------------------------------------

    @property
    def page(self) -> int | None:
        if self.pages is not None:
            return self.pages.page
        return self.page_of() if self.page_of else None

    def touch(self, para: Para) -> None:
        """Content is about to be added: apply pending page breaks first."""
        pages = self.pages
        if pages is None:
            return
        if pages.pending:
            para.flush()
            pages.advance()
        pages.has_content = True

    def spec(self, text: str, part: str, *, flags: frozenset[str] = frozenset(),
             label: str = "", origin: tuple = ()) -> Spec:
        return Spec(text, part, page=self.page, source=self.source, label=label, flags=flags,
                    origin=origin)

    def para_spec(self, text: str, cell: tuple[int, int, int] | None,
                  origin: tuple = ()) -> Spec:
        part = "table" if cell is not None and self.part == "body" else self.part
        return Spec(text, part, page=self.page, line=self.pages is not None, source=self.source,
                     label=self.label, flags=self.flags, table=cell, origin=origin)

    def emit(self, spec: Spec) -> None:
        self.ctx.emit(spec)

    # -- block level -----------------------------------------------------------------------------

    def blocks(self, parent: etree._Element, cell: tuple[int, int, int] | None = None,
               background: str | None = None) -> None:
        for c in parent:
            tag = c.tag
            if tag == W_P:
                self.paragraph(c, cell, background)
            elif tag == W_TBL:
                self.table(c)
            elif tag == W + "sdt":
                content = c.find(W + "sdtContent")
                if content is not None:
                    self.blocks(content, cell, background)
            elif tag in _BLOCK_WRAPPERS:
                self.blocks(c, cell, background)
            elif tag == W + "altChunk":
                self.ctx.note_object(self.rels.get(c.get(R + "id") or ""))
            elif tag == MC + "AlternateContent":
                chosen = c.find(MC + "Choice")
                chosen = chosen if chosen is not None else c.find(MC + "Fallback")
                if chosen is not None:
                    self.blocks(chosen, cell, background)

    def table(self, tbl: etree._Element) -> None:
        number = next(self.ctx.tables)
        for row_no, tr in enumerate(_children(tbl, W_TR)):
            col = 0
            trpr = tr.find(W + "trPr")
            if trpr is not None:
                col = _int_val(trpr.find(W + "gridBefore"), 0)
            for tc in _children(tr, W_TC):
                span, background = 1, None
                tcpr = tc.find(W_TCPR)
                if tcpr is not None:
                    span = _int_val(tcpr.find(W + "gridSpan"), 1)
                    shd = tcpr.find(W + "shd")
                    background = fill(shd) if shd is not None else None
                self.blocks(tc, (number, row_no, col), background or self.ctx.background)
                col += max(span, 1)

    def paragraph(self, p: etree._Element, cell: tuple[int, int, int] | None,
                  background: str | None) -> None:
        pstyle = section = None
        ppr = p.find(W_PPR)
        if ppr is not None:
            for c in ppr:
                tag = c.tag
                if tag == W + "pStyle":
                    pstyle = c.get(W_VAL)
                elif tag == W + "shd":
                    background = fill(c) or background
                elif tag == W + "pageBreakBefore" and self.pages is not None and on(c):
                    self.pages.soft_break()
                elif tag == W_SECTPR:
                    section = c
        para = Para(self, cell, self.ctx.styles.paragraph_base(pstyle),
                     background or self.ctx.background)
        self.inline(p, para)
        para.flush()
        if section is not None and self.pages is not None and \
                self.section_after.get(section, "nextPage") in _PAGE_SECTIONS:
            self.pages.hard_break()

    # -- inline level ----------------------------------------------------------------------------

    def inline(self, parent: etree._Element, para: Para) -> None:
        for c in parent:
            tag = c.tag
            if tag == W_R:
                self.run(c, para)
            elif tag in _TRANSPARENT:
                self.inline(c, para)
            elif tag == W + "sdt":
                content = c.find(W + "sdtContent")
                if content is not None:
                    self.inline(content, para)
            elif tag == W + "fldSimple":
                instr = c.get(W + "instr") or ""
                self.field_code(instr, para, ((c, W + "instr", 0, len(instr)),))
                self.inline(c, para)
            elif tag == W + "del":
                self.revision(c, para, "deleted")
            elif tag == W + "moveFrom":
                self.revision(c, para, "moved")
            elif tag == MC + "AlternateContent":
                self.alternate(c, para, lambda node: self.inline(node, para))
            elif tag == M + "oMathPara" or tag == M + "oMath":
                nodes = [t for t in c.iter(M + "t") if t.text]
                text = "".join(t.text for t in nodes)
                if text:
                    para.text(text, tuple((t, None, 0, len(t.text)) for t in nodes))

    def run(self, r: etree._Element, para: Para) -> None:
        props, flags = para.base, para.base_flags
        if len(r) and r[0].tag == W_RPR:
            direct, rstyle = run_props(r[0])
            if direct or rstyle:
                props = {**props, **self.ctx.styles.resolved(rstyle), **direct}
                flags = hiding_flags(props, para.background)
        wingdings = is_wingdings(props)
        pages = self.pages
        for c in r:
            tag = c.tag
            if tag == W_T or tag == W + "delText":
                text = c.text
                if not text:
                    continue
                if wingdings:
                    text = wingdings_text(text)
                origin = ((c, None, 0, len(text)),)
            elif tag in _TEXT_BREAKS:
                text = _TEXT_BREAKS[tag]
                origin = ((c, SELF, 0, 1),)
            elif tag == W + "br":
                kind = c.get(W_TYPE)
                if kind == "page":
                    if pages is not None:
                        pages.hard_break()
                    continue
                text = "\n"
                origin = ((c, SELF, 0, 1),)
            elif tag == W + "sym":
                try:
                    code = int(c.get(W + "char") or "0", 16)
                except ValueError:
                    code = 0
                text = symbol(c.get(W + "font"), code)
                origin = ((c, SELF, 0, len(text)),)
            elif tag == W + "instrText":
                self.instruction(c.text or "", para, ((c, None, 0, len(c.text or "")),))
                continue
            elif tag == W + "fldChar":
                self.field_char(c, para)
                continue
            elif tag == W + "lastRenderedPageBreak":
                if pages is not None:
                    pages.soft_break()
                continue
            elif tag in _OBJECTS:
                self.objects(c, para, hidden=False)
                continue
            elif tag == W + "ruby":
                self.ruby(c, para)
                continue
            else:
                continue
            if self.code_depth:
                self.instruction(text, para, origin)
            elif flags:
                para.side_text(text, "hidden", flags, flag_label(flags), origin)
            else:
                para.text(text, origin)

    # -- fields ------------------------------------------------------------------------------------

    def field_char(self, c: etree._Element, para: Para) -> None:
        kind = c.get(W + "fldCharType")
        if kind == "begin":
            self.fields.append(["code", [], []])
            self.code_depth += 1
            ff = c.find(W + "ffData")
            if ff is not None:
                for name in ("helpText", "statusText"):
                    el = ff.find(W + name)
                    if el is not None and el.get(W_VAL):
                        value = el.get(W_VAL) or ""
                        self.field_code(value, para, ((el, W_VAL, 0, len(value)),))
        elif kind in ("separate", "end") and self.fields:
            frame = self.fields[-1]
            if frame[0] == "code":
                frame[0] = "result"
                self.code_depth -= 1
                self.field_code("".join(frame[1]), para, tuple(frame[2]))
            if kind == "end":
                self.fields.pop()

    def instruction(self, text: str, para: Para, origin: tuple = ()) -> None:
        for frame in reversed(self.fields):
            if frame[0] == "code":
                frame[1].append(text)
                frame[2].extend(origin or ((None, None, 0, len(text)),))
                return
        self.field_code(text, para, origin)

    def field_code(self, instr: str, para: Para, origin: tuple = ()) -> None:
        instr, origin = _stripped(instr, origin or ((None, None, 0, len(instr)),))
        if instr:
            para.side_block(self.spec(instr, "hidden", flags=frozenset({"field_code"}),
                                      label="域代码 field code", origin=origin))

    # -- revisions ---------------------------------------------------------------------------------

    def revision(self, el: etree._Element, para: Para, flag: str) -> None:
        pieces, origin = [], []
        for c in el.iter():
            tag = c.tag
            if tag in (W_T, W + "delText", W + "delInstrText", W + "instrText"):
                piece = c.text or ""
                origin.append((c, None, 0, len(piece)))
            elif tag in _TEXT_BREAKS:
                piece = _TEXT_BREAKS[tag]
                origin.append((c, SELF, 0, 1))
            elif tag == W + "br" and c.get(W_TYPE) != "page":
                piece = "\n"
                origin.append((c, SELF, 0, 1))
            elif tag == W + "sym":
                try:
                    piece = symbol(c.get(W + "font"), int(c.get(W + "char") or "0", 16))
                except ValueError:
                    continue
                origin.append((c, SELF, 0, len(piece)))
            else:
                continue
            pieces.append(piece)
        text = "".join(pieces)
        if text.strip():
            what = "删除 deleted" if flag == "deleted" else "移走 moved from"
            who = " ".join(v for v in (el.get(W + "author"), el.get(W + "date")) if v)
            para.side_text(text, "revision", frozenset({flag}), f"{what}：{who or '未署名'}",
                           tuple(origin))

    # -- drawings, text boxes, watermarks, alt text ------------------------------------------------

    def alternate(self, el: etree._Element, para: Para,
                  read: Callable[[etree._Element], None]) -> None:
        """``mc:AlternateContent``: read the first Choice; the Fallback is a second copy and is
        reported only if its text differs (a scanner and a viewer must not see different text)."""
        choice = el.find(MC + "Choice")
        fallback = el.find(MC + "Fallback")
        if choice is None:
            if fallback is not None:
                read(fallback)
            return
        read(choice)
        if fallback is not None:
            extra, origin = _all_text(fallback, traced=True)
            if extra and _squash(extra) != _squash(_all_text(choice)[0]):
                para.side_block(self.spec(extra, "hidden", flags=frozenset({"hidden"}),
                                          label="备用副本（与主副本不同）mc:Fallback copy",
                                          origin=origin))

    def objects(self, node: etree._Element, para: Para, hidden: bool) -> None:
        tag = node.tag
        if tag == MC + "AlternateContent":
            self.alternate(node, para, lambda n: self.objects(n, para, hidden))
            return
        if tag == W + "txbxContent":
            self.textbox(node, para, hidden)
            return
        if tag in (WP + "anchor", WP + "inline"):
            pr = node.find(WP + "docPr")
            if pr is not None:
                hidden = hidden or on_attr(pr.get("hidden"))
                self.alt_text(pr.get("descr"), "图片说明 alt text (descr)", para, (pr, "descr"))
                self.alt_text(pr.get("title"), "图片标题 alt text (title)", para, (pr, "title"))
        elif tag == O + "OLEObject":
            self.ctx.note_object(self.rels.get(node.get(R + "id") or ""))
        elif tag == _DGM + "relIds":
            self.smartart(self.rels.get(node.get(R + "dm") or ""), para)
        elif tag.startswith(V):
            style = (node.get("style") or "").replace(" ", "")
            hidden = hidden or "visibility:hidden" in style
            self.alt_text(node.get("alt"), "图片说明 alt text (VML)", para, (node, "alt"))
            if tag == V + "imagedata":
                self.alt_text(node.get(O + "title"), "图片标题 alt text (VML)", para,
                              (node, O + "title"))
            elif tag == V + "textpath" and node.get("string"):
                self.wordart(node.get("string") or "", para, node)
        for c in node:
            if isinstance(c.tag, str):
                self.objects(c, para, hidden)

    def ruby(self, el: etree._Element, para: Para) -> None:
        """Phonetic guide: the base is paragraph text, the annotation above it a block of its
        own (``textbox``: shown, but outside the line of text)."""
        base = el.find(W + "rubyBase")
        if base is not None:
            self.inline(base, para)
        rt = el.find(W + "rt")
        nodes = [t for t in rt.iter(W_T) if t.text] if rt is not None else []
        text = "".join(t.text for t in nodes)
        if text.strip():
            para.side_block(self.spec(text, self.box_part, label="注音 ruby annotation",
                                      origin=tuple((t, None, 0, len(t.text)) for t in nodes)))

    def smartart(self, rel: Rel | None, para: Para) -> None:
        """A SmartArt diagram: its text lives in the diagram data part, one block per node."""
        if rel is None or not rel.target:
            return
        root = self.ctx.parse("SmartArt 图形 diagram", rel.target)
        if root is None:
            return
        for point in root.iter(_DGM + "pt"):
            nodes = [t for t in point.iter(_A_T) if t.text]
            text = "".join(t.text for t in nodes)
            if text.strip():
                para.side_block(Spec(text, self.box_part, page=self.page, source=rel.target,
                                     label="SmartArt 图形文字 diagram text",
                                     origin=tuple((t, None, 0, len(t.text)) for t in nodes)))

    def alt_text(self, text: str | None, label: str, para: Para,
                 where: tuple = (None, None)) -> None:
        if text and text.strip():
            node, attr = where
            para.side_block(self.spec(text, "hidden", flags=frozenset({"alt_text"}), label=label,
                                      origin=((node, attr, 0, len(text)),)))

    def wordart(self, text: str, para: Para, node: etree._Element | None = None) -> None:
        origin = ((node, "string", 0, len(text)),)
        if self.in_header:
            para.side_block(self.spec(text, self.part, flags=frozenset({"watermark"}),
                                      label="水印 watermark", origin=origin))
        else:
            para.side_block(self.spec(text, self.box_part, label="艺术字 WordArt", origin=origin))

    @property
    def box_part(self) -> str:
        return "textbox" if self.part in ("body", "table", "textbox") else self.part

    def textbox(self, content: etree._Element, para: Para, hidden: bool) -> None:
        self.touch(para)
        sub = Story(self.ctx, "hidden" if hidden else self.box_part, self.source,
                     label="隐藏的文本框 hidden text box" if hidden else "文本框 text box",
                     rels=self.rels, page_of=lambda: self.page, in_header=self.in_header,
                     flags=frozenset({"hidden"}) if hidden else self.flags)
        para.close()
        saved, self.ctx.sink = self.ctx.sink, []
        try:
            sub.blocks(content)
        finally:
            captured, self.ctx.sink = self.ctx.sink, saved
        para.side.extend(captured)


def _children(parent: etree._Element, tag: str) -> Iterator[etree._Element]:
    """Rows of a table / cells of a row, looking through content controls and customXml."""
    for c in parent:
        if c.tag == tag:
            yield c
        elif c.tag == W + "sdt":
            content = c.find(W + "sdtContent")
            if content is not None:
                yield from _children(content, tag)
        elif c.tag == W + "customXml":
            yield from _children(c, tag)


def _int_val(el: etree._Element | None, default: int) -> int:
    if el is None:
        return default
    try:
        return int(el.get(W_VAL) or default)
    except ValueError:
        return default


def _all_text(node: etree._Element, traced: bool = False) -> tuple[str, tuple]:
    """All text of ``node`` (``w:t``/``w:delText``, then WordArt strings), with its origin when
    ``traced``."""
    nodes = [t for t in node.iter(W_T, W + "delText") if t.text]
    arts = [t for t in node.iter(V + "textpath") if t.get("string")]
    text = "".join(t.text for t in nodes) + "".join(t.get("string") for t in arts)
    if not traced:
        return text, ()
    return text, tuple([(t, None, 0, len(t.text)) for t in nodes]
                       + [(t, "string", 0, len(t.get("string"))) for t in arts])


def _squash(text: str) -> str:
    return "".join(text.split())
