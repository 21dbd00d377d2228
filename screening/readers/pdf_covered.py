"""Covered text: the x-ray bad-redaction rule (Free Law Project; sanitize.md §3.1–3.2) on pdfium
page objects, for :mod:`.pdf_hidden`.

1. Candidate boxes (:func:`find_covers`): opaque filled paths (fill alpha 1, no soft mask or
   blend) whose closed subpaths are axis-aligned rectangles wider and taller than
   :data:`MIN_BOX_POINTS` (an ``re`` and a closed ``m l l l h`` path alike: pdfminer turns both
   into a rectangle, x-ray saw only the first), painted after a text object they touch, or of
   that text's colour.
2. A character is covered when a candidate painted after it (or of its colour) covers at least
   :data:`COVER_SHARE` of its loose box; it belongs to the topmost such box.
3. Per box (:func:`confirm_covers`): its text must not be whitespace, one repeated character
   (XXXX), free of letters and digits, or a date; and the box must render as one colour with
   anti-aliasing off (:func:`one_colour`): something visible drawn on it (a white label) means it
   is not a failed redaction. Visible text painted on the box already rules it out in step 1,
   without pixels (a label in a CJK font that is neither embedded nor installed renders as
   nothing).
"""

from __future__ import annotations

import ctypes
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pypdfium2.raw as pdfium_c

from .pdf_geometry import Matrix, Rect, Slots, apply, compose, intersects, matrix_of, near
from .pdf_lines import HiddenRun, Key

COVER_SHARE = 0.8
#: Boxes thinner than this (points) are lines, underlines, table rules: they cover nothing.
MIN_BOX_POINTS = 4.0
#: Pixels per point when checking that a box renders as one colour.
PIXEL_SCALE = 2.0
LABEL = "被遮盖文字 covered text"
_DATE = re.compile(r"[\d〇零一二三四五六七八九十]{1,4}\s*[年/.\-]\s*[\d〇零一二三四五六七八九十]{1,2}\s*"
                   r"(?:[月/.\-]\s*[\d〇零一二三四五六七八九十]{1,4}\s*日?|月)")
_WORDISH = re.compile(r"\w")
#: A text object as the object pass records it: (paint order, handle, bounds, fill colour).
TextObject = tuple[int, Any, Rect, tuple[int, int, int]]


@dataclass(slots=True)
class Fill:
    """A filled path, image or shading in paint order (``seq``); ``matrix`` maps the form it
    sits in to the page (``None`` on the page itself)."""

    seq: int
    handle: Any
    rect: Rect
    rgb: tuple[int, int, int] | None  # None: an image or shading (a background, never a cover)
    opaque: bool
    matrix: Matrix | None


@dataclass(slots=True)
class Cover:
    """A candidate box (page space) with its paint order and fill colour."""

    seq: int
    rect: Rect
    rgb: tuple[int, int, int]


def find_covers(texts: list[TextObject], fills: list[Fill], out: Slots,
                invisible: frozenset[int] = frozenset()) -> list[Cover]:
    """Opaque filled rectangles painted over text (or of the text's colour) that touch it, and
    carry no label: visible text of another colour painted after the box with its middle on it
    makes it a label (the pixel check says the same, but only where the label's font can be
    rendered: a CJK font that is neither embedded nor installed draws nothing).
    ``invisible``: paint orders of text objects that show nothing."""
    covers: list[Cover] = []
    for f in fills:
        if f.rgb is None or not f.opaque:
            continue
        under = [rect for seq, _, rect, rgb in texts if (seq < f.seq or rgb == f.rgb)
                 and intersects(rect, f.rect)]
        if not under:
            continue
        above = [rect for seq, _, rect, rgb in texts
                 if seq > f.seq and rgb != f.rgb and seq not in invisible]
        for box in _rectangles(f, out):
            if any(intersects(rect, box) for rect in under) \
                    and not any(_middle_inside(rect, box) for rect in above):
                covers.append(Cover(f.seq, box, f.rgb))
    return covers


def _middle_inside(rect: Rect, box: Rect) -> bool:
    x = (rect[0] + rect[2]) / 2
    y = (rect[1] + rect[3]) / 2
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


def _rectangles(f: Fill, out: Slots) -> Iterator[Rect]:
    """The axis-aligned rectangles among a path's closed subpaths (``re``, or ``m l l l h``),
    in page space."""
    path = f.handle
    own = matrix_of(path, out)
    to_page = own if f.matrix is None else compose(own, f.matrix)
    points: list[tuple[float, float]] = []
    kinds_ok = True

    def flush() -> Iterator[Rect]:
        if kinds_ok:
            rect = _axis_rectangle(points)
            if rect is not None:
                yield rect

    for i in range(pdfium_c.FPDFPath_CountSegments(path)):
        segment = pdfium_c.FPDFPath_GetPathSegment(path, i)
        kind = pdfium_c.FPDFPathSegment_GetType(segment)
        pdfium_c.FPDFPathSegment_GetPoint(segment, out.x, out.y)
        point = apply(to_page, out.x.value, out.y.value)
        if kind == pdfium_c.FPDF_SEGMENT_MOVETO:
            yield from flush()
            points, kinds_ok = [point], True
            continue
        if kind != pdfium_c.FPDF_SEGMENT_LINETO:
            kinds_ok = False
        points.append(point)
    yield from flush()


def _axis_rectangle(points: list[tuple[float, float]]) -> Rect | None:
    if len(points) == 5 and near(points[0], points[4]):
        points = points[:4]
    if len(points) != 4:
        return None
    xs = sorted({round(x, 1) for x, _ in points})
    ys = sorted({round(y, 1) for _, y in points})
    if len(xs) != 2 or len(ys) != 2:
        return None
    corners = {(round(x, 1), round(y, 1)) for x, y in points}
    if corners != {(xs[0], ys[0]), (xs[0], ys[1]), (xs[1], ys[0]), (xs[1], ys[1])}:
        return None
    if xs[1] - xs[0] <= MIN_BOX_POINTS or ys[1] - ys[0] <= MIN_BOX_POINTS:
        return None
    return (min(x for x, _ in points), min(y for _, y in points),
            max(x for x, _ in points), max(y for _, y in points))


def confirm_covers(page: Any, text: str, keys: dict[int, Key], covers: list[Cover],
                    media_top: float) -> list[HiddenRun]:
    """One run per box whose characters pass x-ray's filters; characters under a box that fails
    go back to the visible text."""
    groups: dict[int, list[int]] = {}
    for i, key in keys.items():
        if key[2] >= 0:
            groups.setdefault(key[2], []).append(i)
    runs: list[HiddenRun] = []
    for number, indices in sorted(groups.items()):
        cover = covers[number]
        value = "".join(text[i] for i in sorted(indices) if text[i] not in "\r\n")
        if not worth_reporting(value) or not one_colour(page, cover.rect):
            for i in indices:
                del keys[i]
            continue
        left, bottom, right, top = cover.rect
        runs.append(HiddenRun(value.strip(), ("covered",),
                              (round(left, 2), round(media_top - top, 2), round(right, 2),
                               round(media_top - bottom, 2)), LABEL))
    return runs


def worth_reporting(value: str) -> bool:
    """x-ray's text filters: not whitespace, not one repeated character, not a date."""
    compact = "".join(value.split())
    if not compact or not _WORDISH.search(compact) or len(set(compact)) == 1:
        return False
    return _DATE.fullmatch(compact) is None


def one_colour(page: Any, rect: Rect) -> bool:
    """True if ``rect`` renders as a single colour (no anti-aliasing; one pixel inset)."""
    width = pdfium_c.FPDF_GetPageWidthF(page) * PIXEL_SCALE
    height = pdfium_c.FPDF_GetPageHeightF(page) * PIXEL_SCALE
    size_x, size_y = round(width), round(height)
    xs, ys = [], []
    dx, dy = ctypes.c_int(), ctypes.c_int()
    for x, y in ((rect[0], rect[1]), (rect[2], rect[3])):
        pdfium_c.FPDF_PageToDevice(page, 0, 0, size_x, size_y, 0, x, y, dx, dy)
        xs.append(dx.value)
        ys.append(dy.value)
    x0, x1 = min(xs) + 1, max(xs) - 1
    y0, y1 = min(ys) + 1, max(ys) - 1
    w, h = x1 - x0, y1 - y0
    if w <= 0 or h <= 0:
        return True
    bitmap = pdfium_c.FPDFBitmap_CreateEx(w, h, pdfium_c.FPDFBitmap_BGR, None, 0)
    if not bitmap:
        return True
    try:
        pdfium_c.FPDFBitmap_FillRect(bitmap, 0, 0, w, h, 0xFFFFFFFF)
        flags = (pdfium_c.FPDF_RENDER_NO_SMOOTHTEXT | pdfium_c.FPDF_RENDER_NO_SMOOTHIMAGE
                 | pdfium_c.FPDF_RENDER_NO_SMOOTHPATH)
        pdfium_c.FPDF_RenderPageBitmap(bitmap, page, -x0, -y0, size_x, size_y, 0, flags)
        stride = pdfium_c.FPDFBitmap_GetStride(bitmap)
        data = ctypes.string_at(pdfium_c.FPDFBitmap_GetBuffer(bitmap), stride * h)
    finally:
        pdfium_c.FPDFBitmap_Destroy(bitmap)
    row = data[:3] * w
    return all(data[y * stride:y * stride + 3 * w] == row for y in range(h))
