"""The one normaliser: NFKC per character with a map back to the original offsets.

Detectors match on ``Normalized.text`` and report offsets in the block's original text through
``Normalized.span()``. Full-width digits and letters become ASCII (``１０`` → ``10``, ``＊`` → ``*``),
the ideographic space and the other exotic spaces become a plain space. Characters that NFKC
expands (``㈠`` → ``(一)``) map every output character to the one input character.

Number joining (``normalize(text, join_numbers=True)`` or :func:`join_numbers`) is a second view
for identifier detectors: the separators people and layout put *inside* numbers are dropped, so
``110105 1949 1231 002X``, ``138-1234-5678``, ``6222.0202.0011``, ``138１２３４\\n5678`` (a line
break inside one table cell or PDF line) read as one digit run. A separator is dropped only between
two digits: one to three spaces (any kind: U+3000, NBSP … are spaces after NFKC), one hyphen or
dash (``-`` ``‐`` ``‑`` ``‒`` ``–`` ``—`` ``―`` ``−``; full-width ``－`` is ``-`` after NFKC)
with at most one space on each side, a dot when the number has two or more (``138.1234.5678``;
the decimal point of ``514814837.32`` stays), or a line break with spaces around it. The joined
view records where it joined (:attr:`Normalized.joins`), so a detector can ask how a match was
written (:meth:`Normalized.groups`: ``(6, 4, 4, 4)`` for a grouped ID) and refuse shapes that are
not a number of its kind (``2024.03.01`` joins to ``20240301``, no identifier's grouping). Two
numbers that merely stand side by side (``110105194912310029 13812345678``) also join in this view,
which is why detectors run on the plain view as well.

Every detector normalises the same blocks: :func:`block_texts` gives the normalised text of each
block of a document, made once per document and shared by all detectors that screen it. It lives
in the one per-document memo (:func:`document_memo`), which the pipeline drops (:func:`forget`)
when the detectors are done with the document.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import regex

from .model import _slot_constructor

if TYPE_CHECKING:
    from .model import Block, Document

#: Spaces found inside marks and numbers: ASCII space, U+3000, NBSP, U+2002–U+200B, tab.
SPACE_CLASS = r"[ \t\u00a0\u2002-\u200b\u3000]"
_SPACES = regex.compile(SPACE_CLASS)
#: A separator inside a number (see the module docstring); only between two ASCII digits.
NUMBER_GAP = regex.compile(
    r"(?<=[0-9])(?: {1,3}| ?[\-\u2010-\u2015\u2212] ?| *\r?\n *"
    r"|\.(?=[0-9]+\.[0-9])|(?<=[0-9]\.[0-9]+)\.)(?=[0-9])")


@dataclass(frozen=True, slots=True)
class Normalized:
    """Normalised text and, for each of its characters, the offset in the original.

    :param origin: ``origin[i]`` is the offset in the original text of ``text[i]`` (a ``range``
        when nothing moved).
    :param joins: for a number-joined view, ``(position, separator)`` for every separator dropped:
        ``text[position]`` is the digit that followed it. Empty for a plain view.
    """

    text: str
    origin: Sequence[int]
    original_length: int
    joins: tuple[tuple[int, str], ...] = ()

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original ``[start, end)`` for normalised ``[start, end)``."""
        if start >= end:
            pos = self.origin[start] if start < len(self.origin) else self.original_length
            return pos, pos
        return self.origin[start], self.origin[end - 1] + 1

    def separators(self, start: int, end: int) -> list[str]:
        """The separators this view dropped inside ``[start, end)``, in order."""
        return [sep for pos, sep in self.joins if start < pos < end]

    def groups(self, start: int, end: int) -> tuple[int, ...]:
        """How ``text[start:end]`` was written: the lengths of its pieces between dropped
        separators (``(6, 4, 4, 4)`` for ``110105 1949 1231 002X``; ``(11,)`` if none)."""
        cuts = [pos for pos, _ in self.joins if start < pos < end]
        bounds = [start, *cuts, end]
        return tuple(b - a for a, b in zip(bounds, bounds[1:], strict=False))


#: ``Normalized(...)`` without the frozen ``__init__`` (half the cost; one or two per block)
_new_normalized = _slot_constructor(Normalized)


def normalize(text: str, *, join_numbers: bool = False) -> Normalized:
    """NFKC each character, turn every kind of space into ``" "``; keep an offset map.

    With ``join_numbers`` the result is the number-joined view (see the module docstring).
    """
    norm = _normalize(text)
    return _join(norm) if join_numbers else norm


def join_numbers(norm: Normalized) -> Normalized:
    """The number-joined view of an already normalised text (same original offsets)."""
    return _join(norm)


class _CharTable(dict):
    """``ord(ch)`` → per-character NFKC of ``ch`` (spaces → ``" "``), filled on first use; a
    ``str.translate`` table, so normalising a text is one pass in C."""

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        n = unicodedata.normalize("NFKC", ch) if code > 127 else ch
        if _SPACES.fullmatch(ch) or (n and _SPACES.fullmatch(n)):
            n = " "
        self[code] = n
        return n


_TABLE = _CharTable()
#: The characters the table may change: all but ASCII (save the tab) and the CJK Unified
#: Ideographs U+4E00–U+9FFF, which NFKC leaves alone. Mapping only these (a few in a line of
#: Chinese) is faster than translating every character.
_MAY_CHANGE = re.compile(r"[^\x00-\x08\x0a-\x7f\u4e00-\u9fff]")


def _normalize(text: str) -> Normalized:
    if text.isascii():
        return _new_normalized(text.replace("\t", " "), range(len(text)), len(text), ())
    # = text.translate(_TABLE): each distinct character that may change is replaced everywhere
    # at once (str.replace, in C; a line of Chinese holds a handful of distinct ones: ，：（）。).
    # The table's values are fixed points (NFKC is idempotent and spaces become " "), so one
    # replacement never feeds another.
    out = text
    for ch in set(_MAY_CHANGE.findall(text)):
        n = _TABLE[ord(ch)]
        if len(n) != 1:
            break  # an expansion (㈠ → (一)): offsets move, see below
        out = out.replace(ch, n)
    else:  # NFKC never drops a character: one for one, offsets stay
        return _new_normalized(out, range(len(text)), len(text), ())
    pieces: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(text):
        n = _TABLE[ord(ch)]
        pieces.append(n)
        origin.extend([i] * len(n))
    return _new_normalized("".join(pieces), tuple(origin), len(text), ())


#: What every NUMBER_GAP starts with: a digit and the first character of a separator (a cheap
#: ``re`` test first: many texts have none; where there is one, no gap starts before it).
_GAP_HINT = re.compile(r"[0-9][ \-\u2010-\u2015\u2212\r\n.]")


def _join(norm: Normalized) -> Normalized:
    hint = _GAP_HINT.search(norm.text)
    if hint is None:
        return norm
    # from the hint's separator on (NUMBER_GAP's lookbehinds still see the text before it): a
    # line of a list often holds words before its first number, and ``regex`` tries every one
    gaps = list(NUMBER_GAP.finditer(norm.text, hint.end() - 1))
    if not gaps:
        return norm
    text = norm.text
    out: list[str] = []
    joins: list[tuple[int, str]] = []
    cuts: list[int] = []
    shifts: list[int] = []
    pos = 0
    length = 0
    for m in gaps:
        start = m.start()
        out.append(text[pos:start])
        length += start - pos
        joins.append((length, m.group()))
        cuts.append(length)
        shifts.append(m.end() - length)  # characters dropped so far
        pos = m.end()
    out.append(text[pos:])
    joined = "".join(out)
    origin = _JoinedOrigin(norm.origin, tuple(cuts), tuple(shifts), len(joined))
    return _new_normalized(joined, origin, norm.original_length, tuple(joins))


class _JoinedOrigin(Sequence[int]):
    """The ``origin`` of a number-joined view, without a list of every offset: joined position
    ``i`` is position ``i + shift`` of the view it was joined from, where ``shift`` counts the
    separator characters dropped at or before ``i``. Compares like the tuple it stands for."""

    __slots__ = ("_base", "_cuts", "_len", "_shifts")

    def __init__(self, base: Sequence[int], cuts: tuple[int, ...], shifts: tuple[int, ...],
                 length: int):
        self._base = base
        self._cuts = cuts        # joined position of each join
        self._shifts = shifts    # characters dropped up to and including each join
        self._len = length

    def __len__(self) -> int:
        return self._len

    def __getitem__(self, i):  # type: ignore[override]
        if isinstance(i, slice):
            return tuple(self[j] for j in range(*i.indices(self._len)))
        if i < 0:
            i += self._len
        if not 0 <= i < self._len:
            raise IndexError("origin index out of range")
        k = bisect.bisect_right(self._cuts, i)
        return self._base[i + self._shifts[k - 1] if k else i]

    def __iter__(self):
        return (self[i] for i in range(self._len))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (_JoinedOrigin, tuple, list, range)):
            return tuple(self) == tuple(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return repr(tuple(self))


#: the same class for ``re``, which removes it about twice as fast as ``regex`` does
_SPACES_RE = re.compile(SPACE_CLASS)


def compact(text: str) -> str:
    """The text with every kind of space removed (for comparing short lines such as marks)."""
    return _SPACES_RE.sub("", text)


class BlockTexts:
    """The normalised text of each block of one document (:func:`normalize` of ``block.text``),
    all made on first use (:func:`normalize_all`: every detector of the pipeline reads most
    blocks). A block that is not the document's own (a detector's synthetic block) is normalised
    every time."""

    __slots__ = ("_blocks", "_texts")

    def __init__(self, document: Document):
        self._blocks = document.blocks
        self._texts: list[Normalized] | None = None

    def of(self, block: Block) -> Normalized:
        i = block.index
        if 0 <= i < len(self._blocks) and self._blocks[i] is block:
            return (self._texts or self.all())[i]
        return normalize(block.text)

    def all(self) -> list[Normalized]:
        """The normalised text of every block, in document order: for a detector that walks
        every block. Do not change the list."""
        if self._texts is None:
            self._texts = normalize_all([b.text for b in self._blocks])
        return self._texts


def normalize_all(texts: Sequence[str]) -> list[Normalized]:
    """:func:`normalize` of each text, done for all of them at once: each distinct character that
    may change is replaced in the texts joined together (a document of a thousand lines holds a
    few dozen distinct ones), then the result is cut back into the texts (a fifth less time than
    one :func:`normalize` per line of a 200 KB list). Falls back to one call per text when a
    character expands (``㈠`` → ``(一)``: offsets move)."""
    joined = "\n".join(texts)
    out = joined
    for ch in set(_MAY_CHANGE.findall(joined)):
        n = _TABLE[ord(ch)]
        if len(n) != 1:
            return [_normalize(t) for t in texts]
        out = out.replace(ch, n)
    found = []
    pos = 0
    for t in texts:
        k = len(t)
        found.append(_new_normalized(out[pos:pos + k], range(k), k, ()))
        pos += k + 1
    return found


def document_memo(document: Document) -> dict[Any, Any]:
    """The one per-document memo: what the detectors screening ``document`` share about it
    (:func:`block_texts`; a plugin may keep its own things under keys of its own). It is
    ``Document.memo``, and the pipeline empties it with :func:`forget` once the detectors are
    done: nothing outlives the screening of a document."""
    return document.memo


def forget(document: Document) -> None:
    """Empty the memo of ``document`` (see :func:`document_memo`)."""
    document.memo.clear()


def block_texts(document: Document) -> BlockTexts:
    """The normalised block texts of ``document``, shared by every detector that screens it.
    Call it once per ``detect`` and use :meth:`BlockTexts.of` for each block."""
    memo = document_memo(document)
    texts = memo.get(BlockTexts)
    if texts is None:
        texts = memo.setdefault(BlockTexts, BlockTexts(document))
    return texts


