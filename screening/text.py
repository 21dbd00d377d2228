"""The one normaliser: NFKC per character with a map back to the original offsets.

Detectors match on ``Normalized.text`` and report offsets in the block's original text through
``Normalized.span()``. Full-width digits and letters become ASCII (``１０`` → ``10``, ``＊`` → ``*``),
the ideographic space and the other exotic spaces become a plain space. Characters that NFKC
expands (``㈠`` → ``(一)``) map every output character to the one input character.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

import regex

#: Spaces found inside marks and numbers: ASCII space, U+3000, NBSP, U+2002–U+200B, tab.
SPACE_CLASS = r"[ \t\u00a0\u2002-\u200b\u3000]"
_SPACES = regex.compile(SPACE_CLASS)


@dataclass(frozen=True, slots=True)
class Normalized:
    """Normalised text and, for each of its characters, the offset in the original."""

    text: str
    origin: tuple[int, ...]
    original_length: int

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original ``[start, end)`` for normalised ``[start, end)``."""
        if start >= end:
            pos = self.origin[start] if start < len(self.origin) else self.original_length
            return pos, pos
        return self.origin[start], self.origin[end - 1] + 1


def normalize(text: str) -> Normalized:
    """NFKC each character, turn every kind of space into ``" "``; keep an offset map."""
    if text.isascii():
        return Normalized(text.replace("\t", " "), tuple(range(len(text))), len(text))
    out: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(text):
        n = unicodedata.normalize("NFKC", ch) if not ch.isascii() else ch
        if _SPACES.fullmatch(ch) or (n and _SPACES.fullmatch(n)):
            n = " "
        for c in n:
            out.append(c)
            origin.append(i)
    return Normalized("".join(out), tuple(origin), len(text))


def compact(text: str) -> str:
    """The text with every kind of space removed (for comparing short lines such as marks)."""
    return _SPACES.sub("", text)
