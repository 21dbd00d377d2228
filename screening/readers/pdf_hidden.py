"""The text of one PDF page, split into what a viewer shows and what it hides (sanitize.md §3).

Runs in the PDF worker on raw pdfium page handles. :func:`page_text` returns the page's visible
lines and its hidden runs; every character of the text layer is in exactly one of them.

How it stays fast: one cheap pass over the page objects (four or five pdfium calls per object:
type, render mode, fill colour, bounds) decides whether the page needs any per-character work.
Only a page with a suspicious text object, or with an opaque box painted over text, gets it (and
only the suspect objects' characters are looked at); a text-only page goes straight to the line
split. The pixel check renders only the box's own area.

What is hidden (flags of :data:`screening.model.FLAGS`):

* ``invisible``: render mode 3 or 7 (neither filled nor stroked), or a fill alpha of 0 — pdfplumber
  cannot see either, pdfium can;
* ``white``: filled in white or near-white, with nothing dark painted under it (white text on a
  dark box is a visible label, not hidden text);
* ``tiny``: font size × the text and form matrices' scale ≤ :data:`TINY_POINTS`;
* ``offpage``: a character whose box centre lies outside the crop box;
* ``layer_hidden``: drawn inside ``/OC … BDC`` of an optional-content group that is off by default
  (matched by the layer's /Name; a membership dictionary /OCMD is not evaluated);
* ``covered``: the x-ray bad-redaction rule (Free Law Project), on pdfium objects: an opaque filled
  rectangle (an ``re`` or a closed path of four line segments) painted after the text, or of the
  text's own colour, covers at least 80 % of a character's box; the box renders as one colour
  (anti-aliasing off), so nothing visible is drawn on it; and its text is not
  whitespace, one repeated character (XXXX) or a date. One run per box, ``bbox`` = the box.

Why pdfium and not pdfplumber (whose port of x-ray matched x-ray on its 28 test files,
sanitize.md §3.2): the body lines come from pdfium's text layer, and removing hidden characters
from them needs pdfium's character indices (matching pdfplumber's characters back to them would
be guesswork); pdfium also sees what pdfplumber cannot (render mode, alpha); paint order is the
order of the page objects (form XObjects flattened in place); and pdfminer's ``m l l l h`` →
rectangle rule is applied here to the path segments. ``Document.geometry`` still offers
pdfplumber per page for detectors that want it.

Coordinates: ``bbox`` is ``(x0, top, x1, bottom)`` in points with ``top`` measured down from the
MediaBox top, as pdfplumber and the body lines use.
"""

from __future__ import annotations

import ctypes
import math
from dataclasses import dataclass, field
from typing import Any

import pypdfium2.raw as pdfium_c

from .pdf_covered import LABEL as COVERED_LABEL
from .pdf_covered import (COVER_SHARE, MIN_BOX_POINTS, Cover, Fill, TextObject, confirm_covers,
                          find_covers)
from .pdf_geometry import (Box, Matrix, Rect, Slots, address, char_rect, compose, intersects,
                           matrix_of, page_box, scale, share, text_range, transform_rect)
from .pdf_lines import LINE_BREAK, HiddenRun, Key, hidden_runs, visible_lines

__all__ = ["HiddenRun", "PageText", "decode_pdf_text", "page_text"]

TINY_POINTS = 2.0
#: A fill component at or above this (of 255) counts as white (0.95).
WHITE_LEVEL = 242
#: Object bounds thinner than this get the exact effective font size check.
_TINY_BOUNDS = 2 * TINY_POINTS

LABELS = {
    "covered": COVERED_LABEL,
    "layer_hidden": "隐藏图层 hidden layer",
    "invisible": "不可见文字 invisible text",
    "white": "白色文字 white text",
    "tiny": "极小文字 tiny text",
    "offpage": "页面外文字 off-page text",
}
_FILL_MODES = frozenset({0, 2, 4, 6})
_STROKE_MODES = frozenset({1, 2, 5, 6})


@dataclass(frozen=True, slots=True)
class PageText:
    """One page's text layer: ``lines`` (visible, ``[(text, bbox | None)]``), ``hidden`` runs,
    ``originals``: the full text of each line that lost hidden characters (what the line was
    before; earlier revisions are compared with it), and ``chars``: pdfium's character count."""

    lines: list[tuple[str, Box | None]]
    hidden: list[HiddenRun]
    originals: list[str]
    chars: int = 0


@dataclass(slots=True)
class _Text:
    seq: int
    handle: Any
    rect: Rect
    rgb: tuple[int, int, int]
    flags: set[str] = field(default_factory=set)
    white: bool = False
    offpage: bool = False
    layer: str = ""


@dataclass(slots=True)
class _Suspects:
    """What the object pass found on a page: text objects worth a per-character look (by
    address) and boxes that may cover text."""

    texts: dict[int, _Text]
    covers: list[Cover]


def page_text(page: Any, textpage: Any, off_layers: frozenset[bytes] = frozenset()) -> PageText:
    """The text of one page (raw pdfium handles: ``FPDF_PAGE``, ``FPDF_TEXTPAGE``).

    Lines are the non-empty lines of the visible text; a line's bbox spans the loose boxes of its
    first and last visible characters (``None`` where pdfium's text and character indices
    disagree). Hidden runs come in text order, covered runs last. ``off_layers``: the raw /Name
    bytes of the optional-content groups that are off by default.
    """
    out = Slots()
    count = pdfium_c.FPDFText_CountChars(textpage)
    if count <= 0:
        return PageText([], [], [], 0)
    text = text_range(textpage, count)
    aligned = len(text) == count
    crop = page_box(page, pdfium_c.FPDFPage_GetCropBox)
    media_top = page_box(page, pdfium_c.FPDFPage_GetMediaBox)[3]
    suspects = _scan(page, crop, off_layers, out)
    if suspects is None:
        lines = visible_lines(text if aligned else None, text, textpage, media_top, None, out)
        return PageText(lines, [], [], count)
    if not aligned:  # per-character work needs one str item per pdfium character
        text = "".join(chr(pdfium_c.FPDFText_GetUnicode(textpage, i)) for i in range(count))
    keys = _classify(textpage, count, suspects, crop, out)
    covered = confirm_covers(page, text, keys, suspects.covers, media_top)
    lines = visible_lines(text, text, textpage, media_top, keys, out)
    hidden = hidden_runs(text, textpage, keys, media_top, out)
    hidden.extend(covered)
    originals = []
    pos = 0
    for match in LINE_BREAK.finditer(text + "\n"):
        if any(i in keys for i in range(pos, match.start())):
            originals.append(text[pos:match.start()].strip())
        pos = match.end()
    return PageText(lines, hidden, originals, count)


# -- the object pass ----------------------------------------------------------------------------

def _scan(page: Any, crop: Rect, off_layers: frozenset[bytes], out: Slots) -> _Suspects | None:
    texts: list[TextObject] = []
    marked: list[_Text] = []
    fills: list[Fill] = []
    _collect(page, pdfium_c.FPDFPage_CountObjects(page), pdfium_c.FPDFPage_GetObject, None,
             crop, off_layers, out, texts, marked, fills)
    if not texts:
        return None
    suspects: dict[int, _Text] = {}
    for t in marked:
        if t.white and not _on_background(t, fills):
            t.flags.add("white")
        if t.flags or t.offpage:
            suspects[address(t.handle)] = t
    covers: list[Cover] = []
    if fills:
        invisible = frozenset(t.seq for t in marked if "invisible" in t.flags)
        covers = sorted(find_covers(texts, fills, out, invisible), key=lambda c: -c.seq)
    for seq, handle, rect, rgb in texts if covers else ():
        if any(intersects(rect, c.rect) for c in covers):
            suspects.setdefault(address(handle), _Text(seq, handle, rect, rgb))
    if not suspects:
        return None
    return _Suspects(suspects, covers)


def _collect(container: Any, count: int, get: Any, matrix: Matrix | None, crop: Rect,
             off_layers: frozenset[bytes], out: Slots, texts: list[TextObject],
             marked: list[_Text], fills: list[Fill]) -> None:
    """Append the text objects (``texts``; those with a sign of hiding also to ``marked``) and
    the fill objects of ``container`` in paint order (forms recursively; ``matrix`` maps a
    form's space to the page). Runs on every object of every page: kept tight."""
    get_type, get_bounds = pdfium_c.FPDFPageObj_GetType, pdfium_c.FPDFPageObj_GetBounds
    get_mode, get_fill = pdfium_c.FPDFTextObj_GetTextRenderMode, pdfium_c.FPDFPageObj_GetFillColor
    text_type, path_type = pdfium_c.FPDF_PAGEOBJ_TEXT, pdfium_c.FPDF_PAGEOBJ_PATH
    r, g, b, a = out.r, out.g, out.b, out.a
    left, bottom, right, top = out.left, out.bottom, out.right, out.top
    c_left, c_bottom, c_right, c_top = crop
    for index in range(count):
        obj = get(container, index)
        kind = get_type(obj)
        if kind == text_type:
            mode = get_mode(obj)
            get_fill(obj, r, g, b, a)
            get_bounds(obj, left, bottom, right, top)
            rect = (left.value, bottom.value, right.value, top.value)
            if matrix is not None:
                rect = transform_rect(matrix, rect)
            rgb = (r.value, g.value, b.value)
            seq = len(texts) + len(fills)
            texts.append((seq, obj, rect, rgb))
            flags: set[str] = set()
            white = offpage = False
            layer = None
            if mode == 0 and a.value:  # plain filled text: only white can hide it
                white = rgb[0] >= WHITE_LEVEL and rgb[1] >= WHITE_LEVEL and rgb[2] >= WHITE_LEVEL
            elif not ((mode in _FILL_MODES and a.value)
                      or (mode in _STROKE_MODES and _stroke_alpha(obj, out))):
                flags.add("invisible")
            elif mode in _FILL_MODES and mode not in _STROKE_MODES:
                white = min(rgb) >= WHITE_LEVEL
            if (rect[2] - rect[0] < _TINY_BOUNDS or rect[3] - rect[1] < _TINY_BOUNDS) \
                    and _font_points(obj, matrix, out) <= TINY_POINTS:
                flags.add("tiny")
            if rect[0] < c_left - 0.5 or rect[1] < c_bottom - 0.5 or rect[2] > c_right + 0.5 \
                    or rect[3] > c_top + 0.5:
                offpage = True
            if off_layers and pdfium_c.FPDFPageObj_CountMarks(obj):
                layer = _hidden_layer(obj, off_layers)
                if layer is not None:
                    flags.add("layer_hidden")
            if flags or white or offpage:
                marked.append(_Text(seq, obj, rect, rgb, flags, white, offpage, layer or ""))
        elif kind == path_type:
            pdfium_c.FPDFPath_GetDrawMode(obj, out.fill_mode, out.stroke)
            if out.fill_mode.value == 0:
                continue
            get_bounds(obj, left, bottom, right, top)
            rect = (left.value, bottom.value, right.value, top.value)
            if matrix is not None:
                rect = transform_rect(matrix, rect)
            if rect[2] - rect[0] <= MIN_BOX_POINTS or rect[3] - rect[1] <= MIN_BOX_POINTS:
                continue
            get_fill(obj, r, g, b, a)
            opaque = a.value == 255 and not pdfium_c.FPDFPageObj_HasTransparency(obj)
            if off_layers and pdfium_c.FPDFPageObj_CountMarks(obj) \
                    and _hidden_layer(obj, off_layers) is not None:
                continue  # a box in a hidden layer is not shown
            fills.append(Fill(len(texts) + len(fills), obj, rect, (r.value, g.value, b.value),
                               opaque, matrix))
        elif kind == pdfium_c.FPDF_PAGEOBJ_FORM:
            form = matrix_of(obj, out)
            inner = form if matrix is None else compose(form, matrix)
            _collect(obj, pdfium_c.FPDFFormObj_CountObjects(obj), pdfium_c.FPDFFormObj_GetObject,
                     inner, crop, off_layers, out, texts, marked, fills)
        elif kind in (pdfium_c.FPDF_PAGEOBJ_IMAGE, pdfium_c.FPDF_PAGEOBJ_SHADING):
            get_bounds(obj, left, bottom, right, top)
            rect = (left.value, bottom.value, right.value, top.value)
            if matrix is not None:
                rect = transform_rect(matrix, rect)
            fills.append(Fill(len(texts) + len(fills), obj, rect, None, False, matrix))


def _stroke_alpha(obj: Any, out: Slots) -> int:
    pdfium_c.FPDFPageObj_GetStrokeColor(obj, out.r, out.g, out.b, out.a)
    return out.a.value


def _font_points(obj: Any, matrix: Matrix | None, out: Slots) -> float:
    """The font size as shown: size × the scale of the text matrix (which includes the CTM) and
    of the enclosing forms."""
    if not pdfium_c.FPDFTextObj_GetFontSize(obj, out.size):
        return math.inf
    factor = scale(matrix_of(obj, out))
    if matrix is not None:
        factor *= scale(matrix)
    return out.size.value * factor


def _hidden_layer(obj: Any, off_layers: frozenset[bytes]) -> str | None:
    """The name of the off-by-default layer ``obj`` is drawn in, if any (``/OC`` marks carry the
    group's dictionary; its /Name is compared as raw bytes)."""
    name_buf = (ctypes.c_ubyte * 64)()
    length = ctypes.c_ulong()
    for i in range(pdfium_c.FPDFPageObj_CountMarks(obj)):
        mark = pdfium_c.FPDFPageObj_GetMark(obj, i)
        if not mark or not pdfium_c.FPDFPageObjMark_GetName(
                mark, ctypes.cast(name_buf, ctypes.POINTER(pdfium_c.FPDF_WCHAR)), 64, length):
            continue
        if bytes(name_buf)[:max(0, length.value - 2)].decode("utf-16-le", "replace") != "OC":
            continue
        if not pdfium_c.FPDFPageObjMark_GetParamBlobValue(mark, b"Name", None, 0, length):
            continue
        raw = (ctypes.c_ubyte * length.value)()
        pdfium_c.FPDFPageObjMark_GetParamBlobValue(mark, b"Name", raw, length.value, length)
        value = bytes(raw)[:length.value]
        if value in off_layers:
            return decode_pdf_text(value)
    return None


def decode_pdf_text(value: bytes) -> str:
    """A PDF text string: UTF-16BE with a byte-order mark, UTF-8 with one, else PDFDocEncoding
    (Latin-1 is close enough for names)."""
    if value.startswith(b"\xfe\xff"):
        return value[2:].decode("utf-16-be", "replace")
    if value.startswith(b"\xef\xbb\xbf"):
        return value[3:].decode("utf-8", "replace")
    return value.decode("latin-1")


def _on_background(t: _Text, fills: list[Fill]) -> bool:
    """True if something not white is painted under the middle of ``t`` (white text on a dark
    box or a picture is a visible label)."""
    x = (t.rect[0] + t.rect[2]) / 2
    y = (t.rect[1] + t.rect[3]) / 2
    for f in fills:
        if f.seq > t.seq:
            break
        if f.rect[0] <= x <= f.rect[2] and f.rect[1] <= y <= f.rect[3] \
                and (f.rgb is None or min(f.rgb) < WHITE_LEVEL):
            return True
    return False


# -- the character pass (suspect pages only) ---------------------------------------------------


def _classify(textpage: Any, count: int, suspects: _Suspects, crop: Rect, out: Slots
              ) -> dict[int, Key]:
    keys: dict[int, Key] = {}
    covers = suspects.covers
    by_address = suspects.texts
    for i in range(count):
        obj = pdfium_c.FPDFText_GetTextObject(textpage, i)
        if not obj:
            continue
        t = by_address.get(address(obj))
        if t is None:
            continue
        flags = set(t.flags)
        box = None
        if t.offpage or (not flags and covers):
            box = char_rect(textpage, i, out)
        if t.offpage and box is not None:
            x, y = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
            if not (crop[0] <= x <= crop[2] and crop[1] <= y <= crop[3]):
                flags.add("offpage")
        if flags:
            ordered = tuple(f for f in LABELS if f in flags)
            label = "；".join(LABELS[f] + (f"：{t.layer}" if f == "layer_hidden" else "")
                             for f in ordered)
            keys[i] = (ordered, label, -1)
            continue
        if box is None:
            continue
        for number, cover in enumerate(covers):
            if (cover.seq > t.seq or cover.rgb == t.rgb) and share(box, cover.rect) >= COVER_SHARE:
                keys[i] = (("covered",), LABELS["covered"], number)
                break
    return keys


# -- lines and runs -----------------------------------------------------------------------------


# -- small geometry -----------------------------------------------------------------------------


