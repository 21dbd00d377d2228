"""Find the glyphs of a block's characters on a page (for :mod:`.pdf`).

The reader gave a block (its text as pdfium read it and its box); glyph surgery needs the glyphs
in the content stream. :func:`locate` takes the page's glyphs (or pdfium's characters, for the
rasterised fallback) whose centres lie in the block's box, joins their text, and finds the block's
span in it — the whole line when both agree, else the occurrence of the span with the same rank
(whitespace is ignored on both sides: pdfium inserts spaces and line breaks of its own). It
gives up (``None``) rather than guess.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..readers.pdf_geometry import Rect
from .pdf_fonts import fold

#: How far (points) a glyph's centre may lie outside the block's box.
TOLERANCE = 2.0


def user_rect(bbox: tuple[float, float, float, float], media_top: float) -> Rect:
    """A block's ``(x0, top, x1, bottom)`` (top measured down) as PDF user space."""
    x0, top, x1, bottom = bbox
    return (x0, media_top - bottom, x1, media_top - top)


def locate(texts: Sequence[str], boxes: Sequence[Rect], block_text: str,
           area: Rect | None, start: int, hide: Sequence[tuple[int, int]]
           ) -> list[int] | None:
    """Indices (into ``texts``/``boxes``) of the glyphs that show the characters
    ``block_text[start + a:start + b]`` for each ``(a, b)`` in ``hide``; ``None`` when the span
    cannot be found unambiguously. ``area``: the block's box in user space (``None``: the whole
    page)."""
    chosen = [i for i, box in enumerate(boxes) if area is None or _inside(box, area)]
    # the glyphs' text with whitespace left out: (character, glyph index)
    glyph_chars: list[tuple[str, int]] = []
    for i in chosen:
        for char in texts[i]:
            if not char.isspace():
                glyph_chars.append((fold(char), i))
    seen = "".join(c for c, _ in glyph_chars)
    solid = [i for i, c in enumerate(block_text) if not c.isspace()]
    wanted = "".join(fold(block_text[i]) for i in solid)

    def rank(pos: int) -> int:  # block offset → offset among the non-space characters
        lo, hi = 0, len(solid)
        while lo < hi:
            mid = (lo + hi) // 2
            if solid[mid] < pos:
                lo = mid + 1
            else:
                hi = mid
        return lo

    span_end = start + max((b for _, b in hide), default=0)
    first, last = rank(start), rank(span_end)
    if seen == wanted:
        offset = 0
    else:
        target = wanted[first:last]
        if not target:
            return None
        in_seen = _occurrences(seen, target)
        in_block = _occurrences(wanted, target)
        if first not in in_block:
            return None
        if len(in_seen) == len(in_block):
            offset = in_seen[in_block.index(first)] - first
        elif len(in_seen) == 1 and area is not None:
            offset = in_seen[0] - first
        else:
            return None
    found: list[int] = []
    for a, b in hide:
        for n in range(rank(start + a), rank(start + b)):
            k = n + offset
            if not 0 <= k < len(glyph_chars):
                return None
            index = glyph_chars[k][1]
            if not found or found[-1] != index:
                found.append(index)
    return sorted(set(found))


def _occurrences(text: str, target: str) -> list[int]:
    out = []
    pos = text.find(target)
    while pos >= 0:
        out.append(pos)
        pos = text.find(target, pos + 1)
    return out


def _inside(box: Rect, area: Rect) -> bool:
    x = (box[0] + box[2]) / 2
    y = (box[1] + box[3]) / 2
    return (area[0] - TOLERANCE <= x <= area[2] + TOLERANCE
            and area[1] - TOLERANCE <= y <= area[3] + TOLERANCE)
