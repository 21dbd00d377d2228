"""Character codes of a PDF font: how a shown string splits into glyphs, each glyph's width and
its Unicode text (for :mod:`.pdf_glyphs`).

pdfminer's font classes do the decoding (ToUnicode, predefined CJK CMaps such as reportlab's
``UniGB-UCS2-H``, simple-font encodings, the standard-14 metrics; sanitize.md §4.1); this module
feeds them pikepdf objects and adds what pdfminer does not give: the **byte boundaries** of each
character code in the string, which glyph surgery needs to cut exactly those bytes.

A font is *unreliable* (the page falls back to rasterising) when glyphs cannot be cut and
measured exactly: a Type3 font (its glyphs are drawings), vertical writing (``-V`` CMaps), an
encoding CMap we cannot read, or bytes outside the CMap's code space.
"""

from __future__ import annotations

import io
import logging
import unicodedata
from dataclasses import dataclass, field
from typing import Any

import pikepdf
from pdfminer.cmapdb import (
    CMap,
    CMapParser,
    FileUnicodeMap,
    IdentityCMap,
    IdentityCMapByte,
)
from pdfminer.pdffont import PDFCIDFont, PDFFont, PDFType3Font, PDFUnicodeNotDefined
from pdfminer.pdfinterp import PDFResourceManager
from pdfminer.pdftypes import PDFStream
from pdfminer.psparser import LIT

#: How deep a font dictionary is copied (fonts are shallow; this only stops hostile nesting).
_MAX_DEPTH = 10
#: Font-file streams are large and not needed, except a TrueType one that is the only way to
#: get Unicode for an ``Identity`` CID font without /ToUnicode.
_SKIP_KEYS = frozenset({"/FontFile", "/FontFile3", "/CIDSet", "/CharSet", "/Parent"})

logging.getLogger("pdfminer").setLevel(logging.ERROR)


@dataclass(slots=True)
class Font:
    """One font resource as glyph surgery sees it.

    :param reliable: codes can be cut and measured exactly (else ``reason`` says why).
    :param ascent, descent: in text space units per unit font size (``0.88``, ``-0.12``).
    """

    reliable: bool
    reason: str = ""
    ascent: float = 0.8
    descent: float = -0.2
    _font: PDFFont | None = None
    _cmap: Any = None            # CID fonts: code → CID (pdfminer CMap / IdentityCMap)
    _to_unicode: dict[int, str] | None = None
    _cache: dict[bytes, tuple[float, str]] = field(default_factory=dict)

    def split(self, data: bytes) -> list[tuple[int, int, bytes]] | None:
        """``(start, end, code bytes)`` per character code; ``None`` if a byte is outside the
        code space (the string cannot be cut reliably)."""
        cmap = self._cmap
        if cmap is None or isinstance(cmap, IdentityCMapByte):
            return [(i, i + 1, data[i:i + 1]) for i in range(len(data))]
        if isinstance(cmap, IdentityCMap):
            if len(data) % 2:
                return None
            return [(i, i + 2, data[i:i + 2]) for i in range(0, len(data), 2)]
        out: list[tuple[int, int, bytes]] = []
        table = cmap.code2cid
        start, node = 0, table
        for i, byte in enumerate(data):
            value = node.get(byte)
            if value is None:
                return None
            if isinstance(value, int):
                out.append((start, i + 1, data[start:i + 1]))
                start, node = i + 1, table
            else:
                node = value
        return out if start == len(data) else None

    def glyph(self, code: bytes) -> tuple[float, str]:
        """``(width, text)`` of one code: the advance width in text space units per unit font
        size (0.5 for a half-width glyph) and its Unicode text (``""`` when unknown)."""
        got = self._cache.get(code)
        if got is not None:
            return got
        font = self._font
        assert font is not None
        number = int.from_bytes(code, "big")
        cid = number
        if self._cmap is not None and not isinstance(self._cmap, IdentityCMap):
            decoded = list(self._cmap.decode(code))
            cid = decoded[0] if decoded else number
        width = font.char_width(cid)
        text = ""
        if self._to_unicode is not None and number in self._to_unicode:
            text = self._to_unicode[number]
        else:
            try:
                text = font.to_unichr(cid)
            except (PDFUnicodeNotDefined, KeyError, IndexError, TypeError, ValueError):
                text = ""
        got = (width, text)
        self._cache[code] = got
        return got


def load_font(obj: Any, manager: PDFResourceManager | None = None) -> Font:
    """The :class:`Font` for a pikepdf font dictionary (never raises: a font pdfminer cannot
    read is returned as unreliable)."""
    manager = manager or PDFResourceManager(caching=False)
    try:
        if not isinstance(obj, pikepdf.Dictionary):
            return Font(False, "字体不是字典")
        subtype = str(obj.get("/Subtype", ""))
        if subtype == "/Type3":
            return Font(False, "Type3 字体（字形为图形绘制）")
        spec = _convert(obj, 0)
        font = manager.get_font(None, spec)
        if isinstance(font, PDFType3Font):
            return Font(False, "Type3 字体（字形为图形绘制）")
        cmap = None
        to_unicode = None
        if isinstance(font, PDFCIDFont):
            if font.is_vertical():
                return Font(False, "竖排文字（纵向 CMap）")
            cmap = font.cmap
            encoding = obj.get("/Encoding")
            if isinstance(encoding, pikepdf.Stream):
                cmap = CMap()
                CMapParser(cmap, io.BytesIO(encoding.read_bytes())).run()
                if cmap.is_vertical():
                    return Font(False, "竖排文字（纵向 CMap）")
            if not isinstance(cmap, IdentityCMap) and not getattr(cmap, "code2cid", None):
                return Font(False, "无法读取字体的编码（CMap）")
            unicode_map = getattr(font, "unicode_map", None)
            if isinstance(unicode_map, FileUnicodeMap):
                to_unicode = unicode_map.cid2unichr  # /ToUnicode maps codes, not CIDs
        ascent = font.get_ascent() if font.ascent else 0.8
        descent = font.get_descent() if font.descent else -0.2
        if ascent <= descent:
            ascent, descent = 0.8, -0.2
        return Font(True, "", ascent, descent, font, cmap, to_unicode)
    except Exception as exc:  # noqa: BLE001 - a broken font makes the page unreliable
        return Font(False, f"字体无法解析（{type(exc).__name__}）")


def _convert(value: Any, depth: int) -> Any:
    """A pikepdf object as pdfminer's parser would have produced it (resolved)."""
    if depth > _MAX_DEPTH:
        return None
    if isinstance(value, pikepdf.Stream):
        attrs = {str(k)[1:]: _convert(v, depth + 1) for k, v in value.items()
                 if k not in ("/Filter", "/DecodeParms", "/Length")}
        return PDFStream(attrs, value.read_bytes())
    if isinstance(value, pikepdf.Dictionary):
        return {str(k)[1:]: _convert(v, depth + 1) for k, v in value.items()
                if k not in _SKIP_KEYS}
    if isinstance(value, pikepdf.Array):
        return [_convert(v, depth + 1) for v in value]
    if isinstance(value, pikepdf.Name):
        return LIT(str(value)[1:])
    if isinstance(value, pikepdf.String):
        return bytes(value)
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return value
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def fold(char: str) -> str:
    """One character as text comparisons see it: NFKC when that keeps it one character
    (full-width digits, Kangxi radicals), else itself."""
    folded = unicodedata.normalize("NFKC", char)
    return folded if len(folded) == 1 else char
