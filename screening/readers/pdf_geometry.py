"""Small geometry and pdfium helpers shared by the PDF page readers (:mod:`.pdf_hidden`,
:mod:`.pdf_lines`, :mod:`.pdf_covered`).

``Rect`` is PDF user space ``(left, bottom, right, top)``; ``Box`` is what blocks carry:
``(x0, top, x1, bottom)`` with ``top`` measured down from the MediaBox top, like pdfplumber.
Matrices are PDF's ``(a, b, c, d, e, f)`` (row vectors: ``p' = p × M``).
"""

from __future__ import annotations

import ctypes
import math
from typing import Any

import pypdfium2.raw as pdfium_c

Box = tuple[float, float, float, float]
Rect = tuple[float, float, float, float]
Matrix = tuple[float, float, float, float, float, float]


class Slots:
    """Reusable ctypes output slots (allocating them per call costs more than the call)."""

    def __init__(self) -> None:
        self.r, self.g, self.b, self.a = (ctypes.c_uint() for _ in range(4))
        self.left, self.bottom, self.right, self.top = (ctypes.c_float() for _ in range(4))
        self.size = ctypes.c_float()
        self.fill_mode, self.stroke = ctypes.c_int(), ctypes.c_int()
        self.matrix = pdfium_c.FS_MATRIX()
        self.rectf = pdfium_c.FS_RECTF()
        self.x, self.y = ctypes.c_float(), ctypes.c_float()


def text_range(textpage: Any, count: int) -> str:
    """The page's text, one str item per pdfium character (UTF-16 surrogates aside)."""
    buffer = ctypes.create_string_buffer((count + 1) * 2)
    pdfium_c.FPDFText_GetText(textpage, 0, count,
                              ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort)))
    return buffer.raw[:count * 2].decode("utf-16-le", errors="ignore")


def page_box(page: Any, getter: Any) -> Rect:
    """The page's crop (or media) box; the MediaBox when it has none; normalised."""
    values = [ctypes.c_float() for _ in range(4)]
    if not getter(page, *values):
        if getter is pdfium_c.FPDFPage_GetMediaBox or \
                not pdfium_c.FPDFPage_GetMediaBox(page, *values):
            return (0.0, 0.0, float(pdfium_c.FPDF_GetPageWidthF(page)),
                    float(pdfium_c.FPDF_GetPageHeightF(page)))
    left, bottom, right, top = (v.value for v in values)
    return (min(left, right), min(bottom, top), max(left, right), max(bottom, top))


def line_box(textpage: Any, first: int, last: int, media_top: float, out: Slots) -> Box:
    """The union of the loose boxes (font ascent to descent) of a line's first and last visible
    characters: cheap (two calls a line) and right for ordinary lines. Tight boxes are useless
    here: pdfium gives CJK glyphs of a non-embedded font zero height."""
    rectf = out.rectf
    pdfium_c.FPDFText_GetLooseCharBox(textpage, first, rectf)
    x0, x1, y0, y1 = rectf.left, rectf.right, rectf.bottom, rectf.top
    if last != first:
        pdfium_c.FPDFText_GetLooseCharBox(textpage, last, rectf)
        x0, x1 = min(x0, rectf.left), max(x1, rectf.right)
        y0, y1 = min(y0, rectf.bottom), max(y1, rectf.top)
    return (round(x0, 2), round(media_top - y1, 2), round(x1, 2), round(media_top - y0, 2))


def char_rect(textpage: Any, index: int, out: Slots) -> Rect | None:
    rectf = out.rectf
    if not pdfium_c.FPDFText_GetLooseCharBox(textpage, index, rectf):
        return None
    return (rectf.left, min(rectf.bottom, rectf.top), rectf.right, max(rectf.bottom, rectf.top))


def union(rects: list[Rect], media_top: float) -> Box | None:
    if not rects:
        return None
    left = min(r[0] for r in rects)
    bottom = min(r[1] for r in rects)
    right = max(r[2] for r in rects)
    top = max(r[3] for r in rects)
    return (round(left, 2), round(media_top - top, 2), round(right, 2),
            round(media_top - bottom, 2))


def address(handle: Any) -> int:
    return ctypes.cast(handle, ctypes.c_void_p).value or 0


def matrix_of(obj: Any, out: Slots) -> Matrix:
    m = out.matrix
    if not pdfium_c.FPDFPageObj_GetMatrix(obj, m):
        return (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def compose(inner: Matrix, outer: Matrix) -> Matrix:
    """``inner`` then ``outer`` (PDF row-vector convention: p' = p × inner × outer)."""
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D,
            e * A + f * C + E, e * B + f * D + F)


def apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    return (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])


def transform_rect(m: Matrix, rect: Rect) -> Rect:
    points = [apply(m, x, y) for x in (rect[0], rect[2]) for y in (rect[1], rect[3])]
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    return (min(xs), min(ys), max(xs), max(ys))


def scale(m: Matrix) -> float:
    return math.sqrt(abs(m[0] * m[3] - m[1] * m[2]))


def intersects(a: Rect, b: Rect) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def share(char: Rect, cover: Rect) -> float:
    """How much of ``char`` (area) lies inside ``cover``."""
    area = (char[2] - char[0]) * (char[3] - char[1])
    if area <= 0:
        return 0.0
    w = min(char[2], cover[2]) - max(char[0], cover[0])
    h = min(char[3], cover[3]) - max(char[1], cover[1])
    return max(0.0, w) * max(0.0, h) / area


def near(p: tuple[float, float], q: tuple[float, float]) -> bool:
    return abs(p[0] - q[0]) < 0.05 and abs(p[1] - q[1]) < 0.05
