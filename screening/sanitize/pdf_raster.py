"""The reported fallback: a page whose glyphs cannot be cut exactly becomes a picture of itself
with the targets painted over (sanitize.md §4.1, R4).

The page is rendered from the original file by pdfium (annotations left out: those that stay are
still annotations), boxes are painted over the targets' characters in the picture, and the page's
content is replaced by that picture alone (lossless Flate; the page keeps its boxes, rotation and
remaining annotations). All text on the page is gone from the text layer, which the output
reports.
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from typing import Any

import pikepdf
import pypdfium2
import pypdfium2.raw as pdfium_c
from PIL import ImageDraw

from ..readers.pdf_geometry import Rect

#: Resolution of a rasterised page (the brief asks for at least 150 dpi).
DPI = 200


def char_boxes(pdfium_page: Any) -> tuple[list[str], list[Rect]]:
    """pdfium's characters of a page and their loose boxes (user space)."""
    textpage = pdfium_page.get_textpage()
    count = textpage.count_chars()
    texts: list[str] = []
    boxes: list[Rect] = []
    for i in range(count):
        texts.append(chr(pdfium_c.FPDFText_GetUnicode(textpage, i)))
        left, bottom, right, top = textpage.get_charbox(i, loose=True)
        boxes.append((left, min(bottom, top), right, max(bottom, top)))
    return texts, boxes


def rasterise_page(pdf: pikepdf.Pdf, pdfium_doc: pypdfium2.PdfDocument, page_no: int,
                   covers: Sequence[tuple[Rect, tuple[int, int, int]]]) -> None:
    """Replace page ``page_no`` of ``pdf`` by a picture of the same page of ``pdfium_doc`` (the
    original), with ``covers`` ((user-space rect, RGB)) painted over."""
    source = pdfium_doc[page_no - 1]
    scale = DPI / 72.0
    bitmap = source.render(scale=scale, draw_annots=False, may_draw_forms=False,
                           rotation=0)
    image = bitmap.to_pil().convert("RGB")
    draw = ImageDraw.Draw(image)
    for rect, rgb in covers:
        corners = [_device(source, image.size, x, y) for x in (rect[0], rect[2])
                   for y in (rect[1], rect[3])]
        xs = [c[0] for c in corners]
        ys = [c[1] for c in corners]
        draw.rectangle([min(xs) - 1, min(ys) - 1, max(xs) + 1, max(ys) + 1], fill=rgb)
    width, height = image.size
    page = pdf.pages[page_no - 1].obj
    crop = [float(v) for v in page.get("/CropBox", page.MediaBox)]
    media = [float(v) for v in page.MediaBox]
    x0 = max(min(crop[0], crop[2]), min(media[0], media[2]))
    y0 = max(min(crop[1], crop[3]), min(media[1], media[3]))
    x1 = min(max(crop[0], crop[2]), max(media[0], media[2]))
    y1 = min(max(crop[1], crop[3]), max(media[1], media[3]))
    rotate = int(page.get("/Rotate", 0)) % 360
    if rotate:  # pdfium rendered the page as shown: give the page that orientation
        del page["/Rotate"]
        if rotate in (90, 270):
            x1, y1 = x0 + (y1 - y0), y0 + (x1 - x0)
        page.MediaBox = pikepdf.Array([x0, y0, x1, y1])
        if "/CropBox" in page:
            del page["/CropBox"]
    picture = pdf.make_stream(zlib.compress(image.tobytes(), 6), Type=pikepdf.Name.XObject,
                              Subtype=pikepdf.Name.Image, Width=width, Height=height,
                              ColorSpace=pikepdf.Name.DeviceRGB, BitsPerComponent=8,
                              Filter=pikepdf.Name.FlateDecode)
    page.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(Im0=picture))
    content = f"q {x1 - x0:.4f} 0 0 {y1 - y0:.4f} {x0:.4f} {y0:.4f} cm /Im0 Do Q\n"
    page.Contents = pdf.make_stream(content.encode("ascii"))
    for key in ("/Thumb", "/PieceInfo", "/Group"):
        if key in page:
            del page[key]


def _device(page: Any, size: tuple[int, int], x: float, y: float) -> tuple[int, int]:
    import ctypes

    dx, dy = ctypes.c_int(), ctypes.c_int()
    pdfium_c.FPDF_PageToDevice(page.raw, 0, 0, size[0], size[1], 0, ctypes.c_double(x),
                               ctypes.c_double(y), dx, dy)
    return dx.value, dy.value
