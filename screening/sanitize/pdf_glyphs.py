"""Glyph surgery on PDF content streams (sanitize.md §4, method R3: 0/27 collateral changes).

:class:`PageGlyphs` walks a page's content streams, and the form XObjects they draw, with a small
interpreter (``q/Q/cm``, ``BT/ET``, ``Tf Tc Tw Tz TL Ts Tr``, ``Td TD Tm T*``, ``Tj TJ ' "``,
``Do``) and lists every glyph it shows: its Unicode text, its box on the page and *where it is
stored* — ``(stream, instruction, array item, byte range)``. A stream is identified by its
object number, so a form XObject drawn by several pages (a letterhead) is one stream: removing a
glyph from it removes it everywhere, and each page that shows it gets its box.

:func:`rewrite_stream` removes chosen glyphs from one stream's instructions: each removed run of
bytes in a ``Tj``/``TJ``/``'``/``"`` string becomes a ``TJ`` number equal to the run's advance
(``-(w0·Tfs + Tc + Tw)·1000 / Tfs``; the horizontal scale cancels), so every glyph after it is
drawn exactly where it was. Nothing else in the stream changes. Marked-content property lists
around a removed glyph lose ``/ActualText``, ``/Alt`` and ``/E`` (they would carry the removed
text to extractors).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import pikepdf
from pdfminer.pdfinterp import PDFResourceManager

from ..readers.pdf_geometry import Matrix, Rect, compose, transform_rect
from .pdf_fonts import Font, load_font

IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
#: Form XObjects nested deeper than this are not followed (the page becomes unreliable).
MAX_FORM_DEPTH = 12
#: Marked-content keys that carry a replacement text for extractors.
TEXT_KEYS = ("/ActualText", "/Alt", "/E")

StreamKey = tuple[int, int]
#: Where a glyph is stored: (stream, instruction index, TJ item index (0 for Tj), byte start).
GlyphKey = tuple[StreamKey, int, int, int]


@dataclass(slots=True)
class Glyph:
    """One shown glyph: ``text`` (Unicode, may be ``""``), ``box`` on the page (user space),
    ``end`` (byte end), ``adjust`` (the TJ number that replaces it), ``reliable``."""

    key: GlyphKey
    end: int
    text: str
    box: Rect
    adjust: float
    reliable: bool
    marks: tuple[int, ...] = ()   # instruction indices of the open BDC operators (same stream)


@dataclass(slots=True)
class _TextState:
    font: Font | None = None
    size: float = 0.0
    char_space: float = 0.0
    word_space: float = 0.0
    scale: float = 1.0
    leading: float = 0.0
    rise: float = 0.0
    mode: int = 0

    def copy(self) -> _TextState:
        return _TextState(self.font, self.size, self.char_space, self.word_space, self.scale,
                          self.leading, self.rise, self.mode)


@dataclass
class Streams:
    """The parsed instructions of every stream met so far (shared by all pages of a document)
    and the fonts by object. One per document."""

    pdf: pikepdf.Pdf
    parsed: dict[StreamKey, list[Any]] = field(default_factory=dict)
    objects: dict[StreamKey, Any] = field(default_factory=dict)
    fonts: dict[Any, Font] = field(default_factory=dict)
    manager: PDFResourceManager = field(default_factory=lambda: PDFResourceManager(caching=False))
    forms_used_by: dict[StreamKey, set[int]] = field(default_factory=dict)

    def instructions(self, stream: Any) -> tuple[StreamKey, list[Any]]:
        key = stream_key(stream)
        if key not in self.parsed:
            self.parsed[key] = list(pikepdf.parse_content_stream(stream))
            self.objects[key] = stream
        return key, self.parsed[key]

    def font(self, obj: Any) -> Font:
        key = stream_key(obj) if obj.is_indirect else id(obj)
        if key not in self.fonts:
            self.fonts[key] = load_font(obj, self.manager)
        return self.fonts[key]


def stream_key(obj: Any) -> StreamKey:
    if obj.is_indirect:
        return obj.objgen
    return (-id(obj), 0)


class PageGlyphs:
    """Every glyph a page shows, in content order (``glyphs``), and why the page cannot be
    edited exactly, if it cannot (``problems``: Chinese reasons; glyphs of unreliable fonts are
    listed with ``reliable=False``)."""

    def __init__(self, streams: Streams, page: pikepdf.Page, number: int):
        self.streams = streams
        self.number = number
        self.glyphs: list[Glyph] = []
        self.problems: list[str] = []
        self.forms: set[StreamKey] = set()
        obj = page.obj
        resources = obj.get("/Resources", pikepdf.Dictionary())
        contents = obj.get("/Contents")
        if contents is None:
            return
        parts = list(contents) if isinstance(contents, pikepdf.Array) else [contents]
        self._ctm: Matrix = IDENTITY
        self._state = _TextState()
        self._stack: list[tuple[Matrix, _TextState]] = []
        for part in parts:
            if not isinstance(part, pikepdf.Stream):
                continue
            try:
                key, instructions = streams.instructions(part)
            except pikepdf.PdfError as exc:
                self.problems.append(f"页面内容无法解析（{exc}）")
                return
            self._run(key, instructions, resources, 0, (key,))

    # -- the interpreter ----------------------------------------------------------------------

    def _run(self, key: StreamKey, instructions: list[Any], resources: Any, depth: int,
             path: tuple[StreamKey, ...]) -> None:
        tm = tlm = IDENTITY
        marks: list[int] = []
        for index, inst in enumerate(instructions):
            if isinstance(inst, pikepdf.ContentStreamInlineImage):
                continue
            op = str(inst.operator)
            args = inst.operands
            try:
                if op == "q":
                    self._stack.append((self._ctm, self._state.copy()))
                elif op == "Q":
                    if self._stack:
                        self._ctm, self._state = self._stack.pop()
                elif op == "cm":
                    self._ctm = compose(_matrix(args), self._ctm)
                elif op == "BT":
                    tm = tlm = IDENTITY
                elif op == "Tf":
                    self._state.font = self._font(resources, args[0])
                    self._state.size = float(args[1])
                elif op == "Tc":
                    self._state.char_space = float(args[0])
                elif op == "Tw":
                    self._state.word_space = float(args[0])
                elif op == "Tz":
                    self._state.scale = float(args[0]) / 100.0
                elif op == "TL":
                    self._state.leading = float(args[0])
                elif op == "Ts":
                    self._state.rise = float(args[0])
                elif op == "Tr":
                    self._state.mode = int(args[0])
                elif op in ("Td", "TD"):
                    tx, ty = float(args[0]), float(args[1])
                    if op == "TD":
                        self._state.leading = -ty
                    tm = tlm = compose((1.0, 0.0, 0.0, 1.0, tx, ty), tlm)
                elif op == "Tm":
                    tm = tlm = _matrix(args)
                elif op == "T*":
                    tm = tlm = compose((1.0, 0.0, 0.0, 1.0, 0.0, -self._state.leading), tlm)
                elif op == "Tj":
                    tm = self._show(key, index, 0, bytes(args[0]), tm, marks)
                elif op == "'":
                    tm = tlm = compose((1.0, 0.0, 0.0, 1.0, 0.0, -self._state.leading), tlm)
                    tm = self._show(key, index, 0, bytes(args[0]), tm, marks)
                elif op == '"':
                    self._state.word_space = float(args[0])
                    self._state.char_space = float(args[1])
                    tm = tlm = compose((1.0, 0.0, 0.0, 1.0, 0.0, -self._state.leading), tlm)
                    tm = self._show(key, index, 0, bytes(args[2]), tm, marks)
                elif op == "TJ":
                    for item, element in enumerate(args[0]):
                        if isinstance(element, pikepdf.String):
                            tm = self._show(key, index, item, bytes(element), tm, marks)
                        else:
                            shift = -float(element) / 1000.0 * self._state.size * self._state.scale
                            tm = compose((1.0, 0.0, 0.0, 1.0, shift, 0.0), tm)
                elif op in ("BDC", "BMC"):
                    marks.append(index)
                elif op == "EMC":
                    if marks:
                        marks.pop()
                elif op == "Do":
                    self._form(resources, args[0], depth, path)
                elif op == "gs":
                    self._ext_font(resources, args[0])
            except (IndexError, TypeError, ValueError, ZeroDivisionError) as exc:
                self.problems.append(f"内容流指令 {op} 无法解读（{type(exc).__name__}）")

    def _font(self, resources: Any, name: Any) -> Font | None:
        fonts = resources.get("/Font") if isinstance(resources, pikepdf.Dictionary) else None
        obj = fonts.get(str(name)) if isinstance(fonts, pikepdf.Dictionary) else None
        if obj is None:
            self.problems.append(f"找不到字体资源 {name}")
            return None
        return self.streams.font(obj)

    def _ext_font(self, resources: Any, name: Any) -> None:
        states = resources.get("/ExtGState") if isinstance(resources, pikepdf.Dictionary) else None
        state = states.get(str(name)) if isinstance(states, pikepdf.Dictionary) else None
        if isinstance(state, pikepdf.Dictionary) and "/Font" in state:
            ref = state["/Font"]
            self._state.font = self.streams.font(ref[0])
            self._state.size = float(ref[1])

    def _show(self, key: StreamKey, index: int, item: int, data: bytes, tm: Matrix,
              marks: list[int]) -> Matrix:
        state = self._state
        font = state.font
        if font is None or not font.reliable:
            reason = font.reason if font is not None else "未设置字体"
            if reason not in self.problems:
                self.problems.append(reason)
            # positions after this string are unknown: later glyphs of this text object too
            self.glyphs.append(Glyph((key, index, item, 0), len(data), "", _far(), 0.0, False))
            return tm
        codes = font.split(data)
        if codes is None:
            self.problems.append("字符串不符合字体编码")
            self.glyphs.append(Glyph((key, index, item, 0), len(data), "", _far(), 0.0, False))
            return tm
        size, th = state.size, state.scale
        reliable = size != 0 and th != 0 and state.mode < 4
        trm_base = compose(tm, self._ctm)
        for start, end, code in codes:
            width, text = font.glyph(code)
            trm = compose((size * th, 0.0, 0.0, size, 0.0, state.rise), trm_base)
            box = transform_rect(trm, (0.0, font.descent, width, font.ascent))
            advance = width * size + state.char_space
            if code == b" ":
                advance += state.word_space
            adjust = -advance * 1000.0 / size if size else 0.0
            self.glyphs.append(Glyph((key, index, item, start), end, text, box, adjust,
                                     reliable, tuple(marks)))
            shift = advance * th
            tm = compose((1.0, 0.0, 0.0, 1.0, shift, 0.0), tm)
            trm_base = compose(tm, self._ctm)
        return tm

    def _form(self, resources: Any, name: Any, depth: int, path: tuple[StreamKey, ...]) -> None:
        xobjects = resources.get("/XObject") if isinstance(resources, pikepdf.Dictionary) else None
        xobj = xobjects.get(str(name)) if isinstance(xobjects, pikepdf.Dictionary) else None
        if not isinstance(xobj, pikepdf.Stream) or xobj.get("/Subtype") != "/Form":
            return
        key = stream_key(xobj)
        if key in path or depth >= MAX_FORM_DEPTH:
            self.problems.append("表单对象嵌套过深或循环引用")
            return
        try:
            key, instructions = self.streams.instructions(xobj)
        except pikepdf.PdfError as exc:
            self.problems.append(f"表单对象内容无法解析（{exc}）")
            return
        self.forms.add(key)
        self.streams.forms_used_by.setdefault(key, set()).add(self.number)
        saved = (self._ctm, self._state.copy(), len(self._stack))
        matrix = _matrix(xobj.get("/Matrix", pikepdf.Array([1, 0, 0, 1, 0, 0])))
        self._ctm = compose(matrix, self._ctm)
        inner = xobj.get("/Resources", resources)
        self._run(key, instructions, inner, depth + 1, path + (key,))
        self._ctm, self._state = saved[0], saved[1]
        del self._stack[saved[2]:]


def _matrix(args: Any) -> Matrix:
    values = [float(v) for v in args]
    if len(values) != 6:
        raise ValueError("matrix")
    return (values[0], values[1], values[2], values[3], values[4], values[5])


def _far() -> Rect:
    return (-1e9, -1e9, -1e9, -1e9)


# -- surgery --------------------------------------------------------------------------------------

def rewrite_stream(instructions: list[Any], removals: dict[int, dict[int, list[tuple[int, int,
                   float]]]], marks: set[int]) -> list[Any]:
    """The instructions with the glyphs in ``removals`` cut out.

    :param removals: ``{instruction: {item: [(byte start, byte end, adjust), …]}}``.
    :param marks: indices of ``BDC`` instructions whose property list loses its text keys.
    """
    out: list[Any] = []
    for index, inst in enumerate(instructions):
        if isinstance(inst, pikepdf.ContentStreamInlineImage):
            out.append(inst)
            continue
        if index in marks:
            out.append(_strip_marked(inst))
            continue
        cuts = removals.get(index)
        if not cuts:
            out.append(inst)
            continue
        op = str(inst.operator)
        args = list(inst.operands)
        if op == "TJ":
            items: list[Any] = []
            for item, element in enumerate(args[0]):
                if item in cuts and isinstance(element, pikepdf.String):
                    items.extend(_pieces(bytes(element), cuts[item]))
                else:
                    items.append(element)
            out.append(pikepdf.ContentStreamInstruction([_merge(items)], pikepdf.Operator("TJ")))
            continue
        data = bytes(args[-1])
        array = _merge(_pieces(data, cuts.get(0, [])))
        if op == "'":
            out.append(pikepdf.ContentStreamInstruction([], pikepdf.Operator("T*")))
        elif op == '"':
            out.append(pikepdf.ContentStreamInstruction([args[0]], pikepdf.Operator("Tw")))
            out.append(pikepdf.ContentStreamInstruction([args[1]], pikepdf.Operator("Tc")))
            out.append(pikepdf.ContentStreamInstruction([], pikepdf.Operator("T*")))
        out.append(pikepdf.ContentStreamInstruction([array], pikepdf.Operator("TJ")))
    return out


def _pieces(data: bytes, cuts: list[tuple[int, int, float]]) -> list[Any]:
    items: list[Any] = []
    pos = 0
    for start, end, adjust in sorted(cuts):
        if start > pos:
            items.append(pikepdf.String(data[pos:start]))
        items.append(adjust)
        pos = max(pos, end)
    if pos < len(data):
        items.append(pikepdf.String(data[pos:]))
    return items


def _merge(items: list[Any]) -> pikepdf.Array:
    """Adjacent numbers added into one (kept exact to 1/10000 of a thousandth of an em)."""
    merged: list[Any] = []
    pending: float | None = None
    for item in items:
        if isinstance(item, pikepdf.String):
            if pending is not None:
                merged.append(_number(pending))
                pending = None
            merged.append(item)
        else:
            pending = (pending or 0.0) + float(item)
    if pending is not None:
        merged.append(_number(pending))
    return pikepdf.Array(merged)


def _number(value: float) -> Decimal:
    return Decimal(f"{value:.4f}").normalize() if value else Decimal(0)


def _strip_marked(inst: Any) -> Any:
    args = list(inst.operands)
    if len(args) == 2 and isinstance(args[1], pikepdf.Dictionary):
        props = pikepdf.Dictionary({k: v for k, v in args[1].items() if k not in TEXT_KEYS})
        return pikepdf.ContentStreamInstruction([args[0], props], inst.operator)
    return inst
