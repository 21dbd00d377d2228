"""Lexicon entries → compiled patterns, built once per lexicon and reused for every document.

Detectors read their lexicons through :func:`lexicon` (the merged one from the configuration: built-in
entries, then plugins', then the office's files) and keep what they compiled in a
:class:`screening.CompiledCache` keyed by the identity of those lexicon objects, so a new configuration (an
office lexicon) recompiles and the same configuration never does.

Patterns run on text normalised by :func:`screening.normalize` (NFKC: full-width digits, letters,
brackets and punctuation become ASCII; every kind of space becomes ``" "``).
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterable

import regex

from screening import Config, Entry, Lexicon, Severity, compact, load_builtin, normalize

#: Up to two spaces may stand between the characters of a mark (1999 style "秘　密", "内　部").
INNER_SPACE = " {0,2}"
#: A space written inside a lexicon term matches any run of spaces, commas or 、 (内部资料，注意保存).
TERM_GAP = "[ ,、]*"
_RANGE = regex.compile(r"U\+([0-9A-Fa-f]{4,6})(?:\.\.U\+([0-9A-Fa-f]{4,6}))?")


def lexicon(config: Config, name: str) -> Lexicon:
    """The merged lexicon ``name`` from the configuration; the built-in one if the configuration
    carries none (a detector run outside the plugin manager must not silently find nothing)."""
    lex = config.lexicons.get(name)
    return lex if lex is not None else _builtin(name)


@functools.cache
def _builtin(name: str) -> Lexicon:
    return load_builtin(name)


def severity_option(entry: Entry, default: Severity) -> Severity:
    value = entry.options().get("severity")
    return Severity(value) if value else default


def confidence_of(entry: Entry) -> float:
    """Strong entries are near-certain marks; weak ones need a person more often."""
    return 0.9 if entry.strength != "W" else 0.7


def term_source(term: str) -> str:
    """Regex source matching ``term`` in normalised text: spaces allowed between characters, a space
    in the term matches :data:`TERM_GAP`."""
    text = normalize(term.strip()).text
    pieces: list[str] = []
    for word in text.split(" "):
        if word:
            pieces.append(INNER_SPACE.join(regex.escape(ch) for ch in word))
    return TERM_GAP.join(pieces)


def alternation(terms: Iterable[str]) -> str:
    """``(?:t1|t2|…)`` with longer terms first, so the longest term wins at a position."""
    unique = sorted({t.strip() for t in terms if t.strip()}, key=lambda t: (-len(t), t))
    return "(?:" + "|".join(term_source(t) for t in unique) + ")" if unique else "(?!)"


def char_class(terms: Iterable[str]) -> str:
    """A character class of single characters and ``U+XXXX..U+YYYY`` ranges (for star glyphs)."""
    items: list[str] = []
    for term in terms:
        m = _RANGE.fullmatch(term.strip())
        if m:
            lo = int(m.group(1), 16)
            hi = int(m.group(2) or m.group(1), 16)
            items.append(f"\\U{lo:08x}-\\U{hi:08x}" if hi != lo else f"\\U{lo:08x}")
        else:
            for ch in normalize(term.strip()).text:
                items.append(regex.escape(ch))
    return "[" + "".join(items) + "]" if items else "(?!)"


#: ``regex``'s ``[\s\u200b]`` (Unicode White_Space and U+200B) spelled out for ``re``, whose own
#: ``\s`` also takes U+001C–U+001F (tests/test_speed_equivalence.py checks the two agree).
_RAW_SPACE = r"[\t\n\x0b\x0c\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\u200b]"


def _han_terms(terms: Iterable[str]) -> list[str] | None:
    """The normalised ``terms`` if each is Han characters and spaces, else ``None`` (what
    :func:`raw_pattern` and :func:`key_chars` can handle)."""
    texts = []
    for term in terms:
        text = normalize(term.strip()).text
        if not text or not regex.fullmatch(r"[\p{Han} ]+", text):
            return None
        texts.append(text)
    return texts


def raw_pattern(terms: Iterable[str]) -> re.Pattern[str] | None:
    """A quick test on *raw* block text for blocks that may hold one of ``terms``: normalising costs
    about a microsecond a character, a regex search a hundred times less. Han characters are left
    alone by NFKC, so for terms of Han characters (and spaces) this finds every block the
    normalised patterns can match. ``None`` when a term holds anything else (no shortcut then).
    Compiled with ``re``: these literal alternations run on every block, and ``re`` scans them
    two to three times faster than ``regex``."""
    texts = _han_terms(terms)
    if texts is None:
        return None
    sources = set()
    for text in texts:
        words = [f"{_RAW_SPACE}{{0,2}}".join(word) for word in text.split(" ") if word]
        sources.add(f"{_RAW_SPACE.rstrip(']')},，、]*".join(words))
    return re.compile("|".join(sorted(sources))) if sources else None


def key_chars(terms: Iterable[str]) -> frozenset[str] | None:
    """A few characters one of which stands in every text that :func:`raw_pattern` of ``terms``
    matches: it matches a term's Han characters literally (only spaces and commas may come
    between them), so a block holding none of these characters cannot pass it. Chosen greedily,
    the character of the most terms first (``密`` alone covers every level word and 密级 field),
    so that a document is searched for few of them (:mod:`.gate`). ``None`` (no such
    characters: every block may pass) when :func:`raw_pattern` is ``None`` or a term is only
    spaces."""
    texts = _han_terms(terms)
    if not texts:
        return None
    left = [set(text.replace(" ", "")) for text in texts]
    if not all(left):
        return None  # a term of spaces only: raw_pattern matches every text
    chosen: set[str] = set()
    while left:
        counts = Counter(ch for chars in left for ch in chars)
        best = min(counts, key=lambda ch: (-counts[ch], ch))
        chosen.add(best)
        left = [chars for chars in left if best not in chars]
    return frozenset(chosen)


def compact_key(text: str) -> str:
    """How two short mark texts are compared: normalised, no spaces, case-folded."""
    return compact(normalize(text).text).casefold()
