"""One Aho-Corasick automaton per term lexicon: every term of a block found in one pass.

Shared by the ``trade_secrets`` and ``restricted_info`` plugins (the latter imports it from here).
A :class:`TermMatcher` is compiled from the merged lexicons (built-in entries, then plugins', then
the office's files) once per tuple of :class:`~screening.Lexicon` objects and kept in a small cache
keyed by their identity: the same configuration never recompiles, a new one (an office lexicon)
does. Hundreds of terms cost about what ten cost (``bench/lexicon_matcher.py``).

Matching is on text normalised by :func:`screening.normalize` (NFKC, spaces unified) with ASCII
letters lower-cased (``CONFIDENTIAL`` = ``Confidential``); a Latin term must stand between
non-letters. At one place the longest term wins (产权交易底价 over 底价). A term inside an ``allow``
term of the allow lexicon (招标控制价, 征求意见稿) or inside a longer ``lookalike`` (测土配方 holds
配方) is dropped. Short terms (two characters or fewer, or ``boundary=word`` in the note) are
checked against jieba's words by :func:`crosses_word` when the detector is about to report them
(进价 inside 推进价格 is not a term).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import ahocorasick

from screening import Entry, Lexicon, jieba_tokenizer, normalize

#: The supports a weak term may have (see :mod:`.analysis`).
SUPPORTS = frozenset({"amount", "voice", "pair", "mark"})
#: Terms this short are checked against jieba's word boundaries unless ``boundary=none``.
SHORT_TERM = 2

_ASCII_UPPER = re.compile("[A-Z]+")
_ASTRAL = re.compile("[\U00010000-\U0010FFFF]")


def hex_units(text: str) -> str:
    """``text`` as four hexadecimal digits per character (its UTF-16 code unit; a character
    outside the BMP becomes U+FFFD first, so offsets stay ``4 × character``). Two C calls.

    Why: pyahocorasick finds a node's child by a linear scan of its children, so over Chinese text
    a root with hundreds of first characters costs hundreds of comparisons per character. Over hex
    digits no node has more than 16 children, and 1,000 terms cost about what 10 cost
    (``bench/lexicon_matcher.py``)."""
    raw = text.encode("utf-16-be")
    if len(raw) != 2 * len(text):
        raw = _ASTRAL.sub("\ufffd", text).encode("utf-16-be")
    return raw.hex()


def fold(text: str) -> str:
    """How terms and texts are compared: normalised, ASCII letters lower-cased (same length as the
    normalised text, so offsets carry over)."""
    return ascii_lower(normalize(text).text)


def ascii_lower(text: str) -> str:
    """``text`` with ASCII letters lower-cased and nothing else changed (``str.lower`` may change
    the length of some non-ASCII letters; a translate table costs a dictionary lookup for every
    Chinese character)."""
    if text.isascii():
        return text.lower()
    return _ASCII_UPPER.sub(_lower, text)


def _lower(m: re.Match[str]) -> str:
    return m.group().lower()


@dataclass(frozen=True, slots=True)
class Term:
    """One lexicon term as the detectors use it.

    :param text: the term as written in the lexicon.
    :param kind: the finding kind (``bid_price``, ``process_draft`` …).
    :param strong: ``S``: a finding on its own; else it needs one of ``needs``.
    :param basis: the legal ground (the entry's, else the kind's default).
    :param needs: the supports that count for a weak term (:data:`SUPPORTS`).
    :param unless: context kinds that cancel this term (``award``, ``consultation`` …).
    :param boundary: whether jieba's word boundaries are checked.
    """

    text: str
    kind: str
    strong: bool
    basis: str
    needs: frozenset[str]
    unless: frozenset[str]
    boundary: bool


@dataclass(frozen=True, slots=True)
class Hit:
    """A term at ``text[start:end]`` of a block's folded text."""

    start: int
    end: int
    term: Term


_ALLOW, _LOOKALIKE = "allow", "lookalike"


def _is_word_char(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


class TermMatcher:
    """The compiled automaton of a term lexicon and its allow lexicon.

    :param terms: entries ``term kind S|W basis note`` (kinds other than ``kinds`` are ignored,
        so one file may serve several detectors).
    :param allow: entries of kind ``allow`` or ``lookalike``.
    :param default_basis: basis by kind, for entries whose basis column is empty.
    :param default_needs: supports a weak term accepts when its note says nothing.
    """

    def __init__(self, terms: Lexicon, allow: Lexicon, *, default_basis: Mapping[str, str],
                 default_needs: frozenset[str]):
        self.automaton = ahocorasick.Automaton()
        table: dict[str, tuple[str, Term | None]] = {}
        for entry in terms.entries:
            if entry.kind not in default_basis:
                continue
            key = fold(entry.term)
            if not key.strip():
                continue
            opts = entry.options()
            needs = frozenset(w for w in opts.get("needs", "").split(",") if w) or default_needs
            boundary = opts.get("boundary")
            table[key] = ("term", Term(
                text=entry.term, kind=entry.kind, strong=entry.strength.upper() == "S",
                basis=entry.basis or default_basis[entry.kind], needs=needs & SUPPORTS,
                unless=frozenset(w for w in opts.get("unless", "").split(",") if w),
                boundary=(boundary == "word" or (boundary != "none" and len(key) <= SHORT_TERM
                                                 and not key.isascii()))))
        for entry in allow.entries:
            if entry.kind in (_ALLOW, _LOOKALIKE):
                key = fold(entry.term)
                if key.strip() and (entry.kind == _ALLOW or key not in table):
                    table[key] = (entry.kind, None)
        #: hex view of each key → what the automaton holds for it (:class:`MultiMatcher` reads it)
        self.words: dict[str, tuple[int, str, Term | None]] = {
            hex_units(key): (len(key), what, term) for key, (what, term) in table.items()}
        for word, value in self.words.items():
            self.automaton.add_word(word, value)
        self.size = len(table)
        if table:
            self.automaton.make_automaton()

    def scan(self, text: str) -> list[Hit]:
        """The terms of ``text`` (already :func:`fold` ed): longest at each place, none inside an
        allow term or a longer look-alike, Latin terms only between non-letters; in text order."""
        if not self.size:
            return []
        return self.select(text, self.automaton.iter(hex_units(text)))

    def select(self, text: str, found: Iterable[tuple[int, tuple[int, str, Term | None]]]
               ) -> list[Hit]:
        """:meth:`scan`'s hits from the automaton's matches ``(end in the hex view, value)``."""
        hits: list[Hit] = []
        covers: list[tuple[int, int, str]] = []
        for end, (length, what, term) in found:
            end += 1
            if end & 3:
                continue  # a match across character boundaries of the hex view
            end = (end >> 2) - 1
            start = end + 1 - length
            if what == "term":
                if term.text.isascii() and (
                        (start > 0 and _is_word_char(text[start - 1]))
                        or (end + 1 < len(text) and _is_word_char(text[end + 1]))):
                    continue
                hits.append(Hit(start, end + 1, term))
            else:
                covers.append((start, end + 1, what))
        if not hits:
            return []
        if covers:
            hits = [h for h in hits if not any(
                s <= h.start and h.end <= e and (what == _ALLOW or e - s > h.end - h.start)
                for s, e, what in covers)]
        if len(hits) > 1:
            kept: list[Hit] = []
            for h in sorted(hits, key=lambda h: (h.start - h.end, h.start)):
                if all(h.end <= k.start or h.start >= k.end for k in kept):
                    kept.append(h)
            hits = sorted(kept, key=lambda h: h.start)
        return hits


class MultiMatcher:
    """Several :class:`TermMatcher` s in one automaton: one pass over a text gives each matcher's
    :meth:`TermMatcher.scan` (the trade_secrets and restricted_info lexicons are matched over the
    same blocks; one pass instead of two)."""

    def __init__(self, matchers: tuple[TermMatcher, ...]):
        self.matchers = matchers
        merged: dict[str, list[tuple[int, tuple[int, str, Term | None]]]] = {}
        for i, matcher in enumerate(matchers):
            for word, value in matcher.words.items():
                merged.setdefault(word, []).append((i, value))
        self.automaton = ahocorasick.Automaton()
        for word, values in merged.items():
            self.automaton.add_word(word, tuple(values))
        self.size = len(merged)
        if merged:
            self.automaton.make_automaton()

    def scan(self, text: str) -> list[list[Hit]]:
        """``[m.scan(text) for m in self.matchers]``, in one pass."""
        found: list[list[tuple[int, tuple[int, str, Term | None]]]] = [[] for _ in self.matchers]
        if self.size:
            for end, values in self.automaton.iter(hex_units(text)):
                if (end + 1) & 3:
                    continue  # across character boundaries (select would drop it too)
                for i, value in values:
                    found[i].append((end, value))
        return [m.select(text, f) if f else [] for m, f in zip(self.matchers, found)]


# -- jieba word boundaries ------------------------------------------------------------------------

#: How much text around a short term jieba segments (a clause is enough to decide a boundary).
_WINDOW = 12


def crosses_word(text: str, start: int, end: int) -> bool:
    """Whether jieba reads ``text[start:end]`` as part of other words: one of its words overlaps
    the span partly (推进|价格 for 进价, 朋友圈|阅读 for 圈阅), or holds it in its middle. A word
    that begins or ends with the term is a compound of it and still counts (储备库, 产品成本), and
    a term that jieba splits inside (标|底) is still a term."""
    lo, hi = max(0, start - _WINDOW), min(len(text), end + _WINDOW)
    a = lo
    for word in jieba_tokenizer().cut(text[lo:hi], HMM=False):
        b = a + len(word)
        if a < end and b > start:  # the word overlaps the span
            inside = start <= a and b <= end
            holds = a <= start and end <= b and (a == start or b == end)
            if not (inside or holds):
                return True
        if a >= end:
            break
        a = b
    return False


def build_lexicon(name: str, terms: Iterable[str], kind: str, strength: str = "S") -> Lexicon:
    """A lexicon of plain terms (used by the bench and by tests)."""
    return Lexicon(name=name, entries=tuple(Entry(t, kind, strength) for t in terms))
