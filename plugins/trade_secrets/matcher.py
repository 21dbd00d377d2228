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

The automaton reads the UTF-8 bytes of a text, one byte a step (:func:`utf8_units`), and the
blocks of a document are matched in one automaton call over all of them
(:meth:`MultiMatcher.scan_blocks`), each block's hits then selected on that block alone: exactly
what :meth:`MultiMatcher.scan` of each block gives. On the 200 KB personal-data bench text (978
lines, no trade-secret term; CPU, min of 15) ``restricted_info.internal_process``, which runs this
pass for both plugins, went from 7.1–7.4 ms to 3.3–3.4 ms; the pass itself from 6.1–6.4 ms
(per line: a fold, a hexadecimal UTF-16 view and an automaton call) to 2.7–3.0 ms.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass

import ahocorasick

from screening import Entry, Lexicon, jieba_tokenizer, normalize

#: The supports a weak term may have (see :mod:`.analysis`).
SUPPORTS = frozenset({"amount", "voice", "pair", "mark"})
#: Terms this short are checked against jieba's word boundaries unless ``boundary=none``.
SHORT_TERM = 2


def utf8_units(text: str) -> str:
    """``text`` as its UTF-8 bytes, one character per byte (Latin-1): what the automaton reads.

    Why: pyahocorasick finds a node's child by a linear scan of its children, so over Chinese text
    a root with hundreds of first characters costs hundreds of comparisons per character. Over
    bytes the root has a few children (the lead bytes of CJK characters, the first letters of
    Latin terms), and 1,000 terms cost about what 10 cost (``bench/lexicon_matcher.py``).
    UTF-8 rather than the hexadecimal UTF-16 view used before: 1 step for an ASCII character and
    3 for a CJK one instead of 4 for each (the bench text's automaton pass: 1.3 ms instead of
    2.5 ms; half its characters are digits and Latin letters). A match always starts and ends at
    a character boundary (a term's first byte is a lead byte, and no other byte of a character
    is), so none is dropped. A character outside the BMP is itself here (the UTF-16 view made
    every one U+FFFD, so a term holding one matched any other; no built-in term does). A lone
    surrogate raises ``UnicodeEncodeError``, as it did in the UTF-16 view."""
    return text.encode("utf-8").decode("latin-1")


def fold(text: str) -> str:
    """How terms and texts are compared: normalised, ASCII letters lower-cased (same length as the
    normalised text, so offsets carry over)."""
    return ascii_lower(normalize(text).text)


def ascii_lower(text: str) -> str:
    """``text`` with ASCII letters lower-cased and nothing else changed (``str.lower`` may change
    the length of some non-ASCII letters; a translate table costs a dictionary lookup for every
    Chinese character). ``bytes.lower`` changes only the bytes ``A``–``Z``, and in UTF-8 (lone
    surrogates passed through) those bytes are ASCII letters and nothing else: two C calls, 0.7 ms
    for the bench text's 978 lines instead of 1.2 ms for a ``[A-Z]+`` substitution.
    :meth:`MultiMatcher.scan_blocks` folds a whole document the same way."""
    if text.isascii():
        return text.lower()
    return text.encode("utf-8", "surrogatepass").lower().decode("utf-8", "surrogatepass")


def _char_ends(data: bytes, found: Iterable[tuple[int, object]]) -> Iterator[tuple[int, object]]:
    """The automaton's matches ``(index of the last byte, value)`` over ``data`` (UTF-8) as
    ``(character offset just past the match, value)``. Matches come in order of their end, so
    each stretch of bytes is decoded once to count its characters."""
    byte = char = 0
    for end, value in found:
        end += 1
        if end != byte:
            char += len(data[byte:end].decode("utf-8"))
            byte = end
        yield char, value


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
        #: UTF-8 view of each key → (its length in characters, what it is, the term), the
        #: automaton's value for it (:class:`MultiMatcher` reads it)
        self.words: dict[str, tuple[int, str, Term | None]] = {
            utf8_units(key): (len(key), what, term) for key, (what, term) in table.items()}
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
        data = text.encode("utf-8")
        return self.select(text, _char_ends(data, self.automaton.iter(data.decode("latin-1"))))

    def select(self, text: str, found: Iterable[tuple[int, tuple[int, str, Term | None]]]
               ) -> list[Hit]:
        """:meth:`scan`'s hits from the automaton's matches ``(character offset just past the
        match in text, value)``. ``text`` is all the select sees: at its edges a Latin term's
        neighbour is nothing."""
        hits: list[Hit] = []
        covers: list[tuple[int, int, str]] = []
        for end, (length, what, term) in found:
            start = end - length
            if what == "term":
                if term.text.isascii() and (
                        (start > 0 and _is_word_char(text[start - 1]))
                        or (end < len(text) and _is_word_char(text[end]))):
                    continue
                hits.append(Hit(start, end, term))
            else:
                covers.append((start, end, what))
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
            # with the key's length in bytes (where a match starts) and whether it is a term of
            # some matcher (a text with allow or look-alike keys only has no hits): scan_blocks
            self.automaton.add_word(word, (len(word), tuple(values),
                                           any(what == "term" for _, (_, what, _) in values)))
        self.size = len(merged)
        if merged:
            self.automaton.make_automaton()

    def scan(self, text: str) -> list[list[Hit]]:
        """``[m.scan(text) for m in self.matchers]``, in one pass."""
        found: list[list[tuple[int, tuple[int, str, Term | None]]]] = [[] for _ in self.matchers]
        if self.size:
            data = text.encode("utf-8")
            for end, (_, values, _) in _char_ends(data,
                                                  self.automaton.iter(data.decode("latin-1"))):
                for i, value in values:
                    found[i].append((end, value))
        return [m.select(text, f) if f else [] for m, f in zip(self.matchers, found)]

    def scan_blocks(self, texts: Sequence[str], folded: Callable[[int], str]
                    ) -> dict[int, list[list[Hit]]]:
        """:meth:`scan` of each of ``texts`` (a document's blocks, normalised but not folded),
        for those with a hit: ``{i: self.scan(folded(i))}``, in order of ``i``. ``folded(i)``
        must be ``ascii_lower(texts[i])`` (the caller keeps them for its own use); only the texts
        where the automaton matched a term ask for it.

        One automaton call over all the texts joined by NUL and folded as bytes, instead of one
        fold, one encoding and one call per text, and no Python work for a text without a
        match: the bench text's 978 lines cost 2.7–3.0 ms instead of 6.1–6.4 ms (1.3 ms of it
        the automaton, 0.3 ms joining and encoding). Exactly what the text-by-text scan gives:
        a match is placed in its text by counting the NULs before its end; one that begins in an
        earlier text (it holds a NUL) is no match; each text's matches are selected on that text
        alone (at its edges a Latin term's neighbour is nothing, not the next text's letter). The
        automaton's state carried over a NUL only adds such crossing matches, reported before
        the ones a text-by-text scan reports at the same place, in the same order. When a text
        holds a NUL itself, every text is scanned on its own."""
        out: dict[int, list[list[Hit]]] = {}
        if not self.size or not texts:
            return out
        joined = "\x00".join(texts)
        if joined.count("\x00") != len(texts) - 1:
            for i in range(len(texts)):
                hits = self.scan(folded(i))
                if any(hits):
                    out[i] = hits
            return out
        data = joined.encode("utf-8").lower()  # = the folded texts (ascii_lower), joined
        at = 0            # the text that holds the bytes before ``counted``
        first = 0         # where that text begins in data
        counted = 0       # data[:counted] has had its NULs counted
        found: list[list[tuple[int, tuple[int, str, Term | None]]]] | None = None
        terms = False     # whether found holds a term (else the text has no hit: not selected)
        for end, (size, values, term) in self.automaton.iter(data.decode("latin-1")):
            end += 1      # matches come in order of their end: count the NULs since the last one
            nuls = data.count(0, counted, end)
            if nuls:
                if terms:
                    self._select(out, at, found, folded)  # type: ignore[arg-type]
                found, terms = None, False
                at += nuls
                first = data.rfind(0, counted, end) + 1
            counted = end
            if end - size < first:
                continue  # begins in an earlier text
            if found is None:
                found = [[] for _ in self.matchers]
            char_end = len(data[first:end].decode("utf-8"))
            for i, value in values:
                found[i].append((char_end, value))
            terms = terms or term
        if terms:
            self._select(out, at, found, folded)  # type: ignore[arg-type]
        return out

    def _select(self, out: dict[int, list[list[Hit]]], at: int,
                found: list[list[tuple[int, tuple[int, str, Term | None]]]],
                folded: Callable[[int], str]) -> None:
        """Each matcher's hits of text ``at`` from its matches there, into ``out`` if any."""
        text = folded(at)
        hits = [m.select(text, f) if f else [] for m, f in zip(self.matchers, found)]
        if any(hits):
            out[at] = hits


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
