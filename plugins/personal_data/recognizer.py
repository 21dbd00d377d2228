"""What every identifier recognizer shares: patterns, the per-block :class:`Scan`, candidates.

A *recognizer* is a small class per kind (``resident_id.py``, ``mobile_phone.py`` …) in the style
of Presidio's: declarative ``PATTERNS`` and ``CONTEXT`` as class constants, a tri-state
``validate(value) -> True | False | None`` and a ``judge`` that turns a validated match into a
:class:`Candidate` (severity, confidence, a Chinese explanation) or nothing. The detector in
:mod:`.identifiers` runs them all over a block and keeps one candidate per span.

Patterns run on the block's normalised text (:func:`screening.normalize`: NFKC, every space a
``" "``) and, where ``Pattern.joined`` says so, on its number-joined view
(:func:`screening.join_numbers`: ``110105 1949 1231 002X`` → one run). A match in the joined view
counts only if it spans a dropped separator (otherwise the plain view has it) and if the way it was
written is a grouping of its kind (``Pattern.groupings``; a line break inside a table cell or PDF
line may split a number anywhere). Boundaries are digit/letter lookarounds (:data:`L`, :data:`R`),
never ``\\b``: Python counts Han characters as word characters. Most identifiers are *token*
patterns, matched against whole tokens (:data:`TOKEN`: a maximal letter/digit run), so their
boundaries are implied.

A recognizer's ``priority`` is the highest its candidates carry (the conflict order of
:mod:`.identifiers`); a candidate may carry a lower one (a mistyped ID found only by its column).

Context words are data (``lexicons/pd_identifier_context.txt``, one ``kind`` per group); a
``{cue:KIND}`` in a pattern stands for that group's words. :class:`Settings` compiles everything
once per configuration.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import itertools
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import ClassVar, NamedTuple

from screening import (Block, Category, Config, Document, Lexicon, Normalized, Severity,
                       TableIndex, __version__, join_numbers, load_builtin, normalize)
from screening import block_texts

from .people import table_index

#: Left and right boundaries of a number or code: no digit or Latin letter next to it.
L = r"(?<![0-9A-Za-z])"
R = r"(?![0-9A-Za-z])"
#: Characters that stand for a masked digit (after NFKC: ``＊`` is ``*``).
MASK = "*●○×xX"
#: The shortest token (see :class:`Pattern`); shorter numbers are no identifier of ours.
TOKEN_MIN = 7
#: A maximal run of letters, digits and mask characters, 7 long or more, starting with a letter or
#: digit (a run that starts with mask characters, ``●138…``, starts after them). Only tokens with
#: a digit among their first three characters are used. (Standard ``re``: twice as fast here.)
TOKEN = re.compile(rf"[0-9A-Za-z][0-9A-Za-z*●○×]{{{TOKEN_MIN - 1},}}")
_DIGIT_AHEAD = re.compile(r"[A-Za-z]{0,2}[0-9]")  # at a token's start (done by hand in Scan.tokens)
_DIGITS = frozenset("0123456789")
_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")

LEXICONS = ("pd_identifier_context", "pd_public_numbers", "pd_area_codes", "pd_regions",
            "pd_email_domains")

#: A grouping check: the lengths of the pieces a joined-view match was written in → accepted?
Groupings = Callable[[tuple[int, ...]], bool]


@dataclass(frozen=True)
class Pattern:
    """One regular expression of a recognizer.

    :param source: the expression; it must have a group ``value`` (the identifier itself);
        ``{cue:KIND}`` is replaced by the context words of ``KIND``.
    :param token: match the whole of each *token* (:data:`TOKEN`: a run of 7 or more letters,
        digits and mask characters with a digit near its start) instead of searching the text:
        the text is scanned once for tokens and every token pattern only checks the few tokens
        of its ``lengths``. Boundaries are implied (a token is a maximal run).
    :param lengths: the token lengths this pattern can match (inclusive).
    :param joined: also match on the number-joined view.
    :param groupings: which ways of writing a joined-view match are accepted (``None``: only
        line breaks, i.e. a number wrapped inside a cell or PDF line).
    :param needs: characters (a string) or strings (a tuple) of which one must occur in the text
        for the pattern to run (a cheap gate for rare forms: ``*`` for masked values, ``E1`` for
        Excel's ``1.10105E+17``). A pattern that starts with ``{cue:KIND}`` is gated by the first
        characters of those words without saying so.
    :param joined_only: a token pattern for the joined view only (a form that exists only with
        a separator, ``60003734-1``).
    """

    name: str
    source: str
    needs: str | tuple[str, ...] = ""
    token: bool = False
    joined_only: bool = False
    lengths: tuple[int, int] = (TOKEN_MIN, 64)
    joined: bool = False
    groupings: Groupings | None = None


class Candidate(NamedTuple):
    """A possible finding at ``block.text[start:end]`` before conflicts are resolved (a named
    tuple: thousands are made per document)."""

    recognizer: Recognizer
    start: int
    end: int
    severity: Severity
    confidence: float
    explanation: str
    priority: int
    masked: str | None = None


def groups_of(*shapes: tuple[int, ...]) -> Groupings:
    """A grouping check accepting exactly these shapes."""
    accepted = frozenset(shapes)
    return lambda groups: groups in accepted


class Recognizer:
    """Base class of the per-kind recognizers (see the module docstring)."""

    name: ClassVar[str]
    kind: ClassVar[str]
    #: Conflict order (domain.md §6): the higher wins a span.
    priority: ClassVar[int]
    category: ClassVar[Category] = Category.PERSONAL_DATA
    version: ClassVar[str] = __version__
    PATTERNS: ClassVar[tuple[Pattern, ...]] = ()
    #: Context-word groups (``kind`` column of ``pd_identifier_context``) this recognizer reads.
    CONTEXT: ClassVar[tuple[str, ...]] = ()

    def validate(self, value: str) -> bool | None:
        """True: the value is confirmed (check digit, allocation); False: drop it; None: the
        format alone cannot tell."""
        return None

    def judge(self, scan: Scan, view: Normalized, match: re.Match[str], pattern: Pattern,
              valid: bool | None) -> Candidate | None:
        """A candidate for one match, or nothing; ``valid`` is :meth:`validate` of its value.
        The tables call it for every match, of the joined view only if
        :meth:`Scan.accept_joined` accepts it (a call per match less than a method doing both)."""
        raise NotImplementedError

    def find(self, scan: Scan) -> Iterator[Candidate]:
        """Candidates a recognizer finds by its own means, instead of its text patterns being
        run by :class:`TextTable` (the e-mail recognizer anchors on ``@``). Token patterns are
        always run by :class:`TokenTable`."""
        return iter(())

    def candidate(self, scan: Scan, view: Normalized, start: int, end: int, severity: Severity,
                  confidence: float, explanation: str, *, priority: int | None = None,
                  masked: str | None = None) -> Candidate:
        """A candidate for the normalised span ``[start, end)`` of ``view``."""
        s, e = view.span(start, end)
        return Candidate(self, s, e, severity, confidence, explanation,
                         self.priority if priority is None else priority, masked)


class TokenTable:
    """The token patterns of a set of recognizers by token length: a block's tokens are found
    once (:meth:`Scan.tokens`) and each is tried only against the patterns of its length."""

    def __init__(self, recognizers: Iterable[Recognizer]):
        plain: dict[int, list[tuple[Recognizer, Pattern]]] = {}
        joined: dict[int, list[tuple[Recognizer, Pattern]]] = {}
        for r in recognizers:
            for p in r.PATTERNS:
                if not p.token:
                    continue
                for n in range(p.lengths[0], p.lengths[1] + 1):
                    if not p.joined_only:
                        plain.setdefault(n, []).append((r, p))
                    if p.joined or p.joined_only:
                        joined.setdefault(n, []).append((r, p))
        # highest priority first: once a token gave a candidate, the rest would lose its span
        order = {n: sorted(v, key=lambda rp: -rp[0].priority) for n, v in plain.items()}
        self.plain = {n: tuple(v) for n, v in order.items()}
        self.joined = {n: tuple(sorted(v, key=lambda rp: -rp[0].priority))
                       for n, v in joined.items()}
        self._for: tuple[Settings, dict, dict] | None = None

    def _compiled(self, settings: Settings) -> tuple[dict, dict]:
        entry = self._for
        if entry is None or entry[0] is not settings:
            def compile_all(table):
                return {n: tuple((r, p, settings.compiled(p).fullmatch) for r, p in v)
                        for n, v in table.items()}
            entry = self._for = (settings, compile_all(self.plain), compile_all(self.joined))
        return entry[1], entry[2]

    def find(self, scan: Scan) -> list[Candidate]:
        plain, joined = self._compiled(scan.settings)
        views = [(scan.plain, plain)]
        if joined and scan.joined.joins:
            views.append((scan.joined, joined))
        found: list[Candidate] = []
        for view, table in views:
            text = view.text
            get = table.get
            joins = view.joins
            for s, e in scan.tokens(view):
                best = -1
                for recognizer, pattern, fullmatch in get(e - s, ()):
                    if recognizer.priority <= best:
                        break  # whatever it finds would lose the span to what was found
                    m = fullmatch(text, s, e)
                    if m is not None and (not joins or scan.accept_joined(view, m, pattern)):
                        candidate = recognizer.judge(scan, view, m, pattern,
                                                     recognizer.validate(m["value"]))
                        if candidate is not None:
                            if candidate.priority > best:
                                best = candidate.priority
                            found.append(candidate)
        return found


class TextTable:
    """The text (not token) patterns of a set of recognizers as one flat list, run over a block
    in one loop, each behind a cheap character gate; a recognizer that overrides
    :meth:`Recognizer.find` is asked instead."""

    def __init__(self, recognizers: Iterable[Recognizer]):
        recognizers = tuple(recognizers)
        self.custom = tuple(r for r in recognizers if type(r).find is not Recognizer.find)
        self.patterns = tuple((r, p) for r in recognizers if r not in self.custom
                              for p in r.PATTERNS if not p.token)
        #: (settings, every pattern compiled, those also run on the joined view)
        self._for: tuple[Settings, tuple, tuple] | None = None

    def find(self, scan: Scan) -> list[Candidate]:
        entry = self._for
        if entry is None or entry[0] is not scan.settings:
            gates = [scan.settings.gate(p) for _, p in self.patterns]
            compiled = tuple((r, p, scan.settings.compiled(p).finditer, tuple(g) if g else None)
                             for (r, p), g in zip(self.patterns, gates, strict=True))
            entry = self._for = (scan.settings, compiled,
                                 tuple(c for c in compiled if c[1].joined))
        found: list[Candidate] = []
        self._run(entry[1], scan, scan.plain, found)
        if entry[2] and scan.joined.joins:
            self._run(entry[2], scan, scan.joined, found)
        for recognizer in self.custom:
            found.extend(recognizer.find(scan))
        return found

    @staticmethod
    def _run(patterns: tuple, scan: Scan, view: Normalized, found: list[Candidate]) -> None:
        """Every pattern whose gate passes over one view of the block."""
        text = view.text
        joins = view.joins
        for recognizer, pattern, finditer, gate in patterns:
            if gate is not None:
                for ch in gate:  # one of them occurs (``in`` tests, inline: faster than a search)
                    if ch in text:
                        break
                else:
                    continue
            for m in finditer(text):
                if joins and not scan.accept_joined(view, m, pattern):
                    continue
                candidate = recognizer.judge(scan, view, m, pattern,
                                             recognizer.validate(m["value"]))
                if candidate is not None:
                    found.append(candidate)


# -- configuration ---------------------------------------------------------------------------

@functools.cache
def _builtin(name: str) -> Lexicon:
    return load_builtin(name)


def lexicon(config: Config, name: str) -> Lexicon:
    """The merged lexicon ``name``; the built-in one when the configuration carries none."""
    lex = config.lexicons.get(name)
    return lex if lex is not None else _builtin(name)


def digits_of(text: str) -> str:
    return "".join(ch for ch in normalize(text).text if ch.isdigit())


def _alternation(words: list[str]) -> str:
    words = sorted({w for w in words if w}, key=len, reverse=True)
    return "(?:" + "|".join(re.escape(normalize(w).text) for w in words) + ")" if words \
        else "(?!)"


@dataclass
class Settings:
    """Everything compiled from the lexicons and ``[personal_data]`` of one configuration."""

    context: Mapping[str, str]                   # kind → regex alternation of its words
    provinces: Mapping[str, str]                 # "35" → 福建省; "9" → 外国人永久居留身份证
    area_codes: Mapping[str, str]                # "0598" → 福建省三明市
    public_short: frozenset[str]                 # 12345 …
    public_prefixes: tuple[str, ...]             # 400 800 95 96
    email_personal: frozenset[str]
    email_public: tuple[str, ...]
    office_numbers: frozenset[str]               # digits only
    today: dt.date
    words_of: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # kind → words
    email_public_set: frozenset[str] = frozenset()       # email_public, for ``in``
    email_public_under: tuple[str, ...] = ()             # "." + each of email_public
    _compiled: dict[str, re.Pattern[str]] = field(default_factory=dict)
    _gates: dict[str, str | tuple[str, ...]] = field(default_factory=dict)
    _near: dict[str, re.Pattern[str]] = field(default_factory=dict)

    def compiled(self, pattern: Pattern) -> re.Pattern[str]:
        key = pattern.source
        found = self._compiled.get(key)
        if found is None:
            source = re.sub(r"\{cue:(\w+)\}", lambda m: self.context.get(m[1], "(?!)"),
                            pattern.source)
            found = self._compiled[key] = re.compile(source)
        return found

    def gate(self, pattern: Pattern) -> str | tuple[str, ...]:
        """Characters (or strings) of which one must occur for ``pattern`` to match: its
        ``needs``, or, for a pattern that starts with a context word, the first characters of
        those words."""
        key = "gate:" + pattern.source
        found = self._gates.get(key)
        if found is None:
            lead = re.match(r"(?:\(\?P<\w+>)?\{cue:(\w+)\}", pattern.source)
            if pattern.needs:
                found = pattern.needs
            elif lead:
                found = "".join(sorted({w[0] for w in self.words_of.get(lead[1], ())}))
            else:
                found = ""
            self._gates[key] = found
        return found

    def words(self, kind: str) -> re.Pattern[str]:
        """A pattern finding any context word of ``kind``."""
        found = self._near.get(kind)
        if found is None:
            found = self._near[kind] = re.compile(self.context.get(kind, "(?!)"))
        return found

    def label(self, kind: str) -> re.Pattern[str]:
        """A pattern finding a context word of ``kind`` used as a label (``姓名:``)."""
        key = "label:" + kind
        found = self._near.get(key)
        if found is None:
            found = self._near[key] = re.compile(self.context.get(kind, "(?!)") + " ?:")
        return found

    def is_office_number(self, number: str) -> bool:
        """One of the office's own numbers (``[personal_data] office_numbers``); a number
        written without its area code matches the configured one with it."""
        if not self.office_numbers:
            return False
        digits = "".join(ch for ch in number if ch.isdigit())
        return len(digits) >= 5 and any(
            n == digits or (n.endswith(digits) and len(n) - len(digits) in (3, 4))
            for n in self.office_numbers)

    def province(self, value: str) -> str | None:
        return self.provinces.get(value[:2]) or self.provinces.get(value[:1])


class _SettingsCache:
    def __init__(self) -> None:
        self._entry: tuple[tuple[object, ...], Settings] | None = None

    def get(self, config: Config) -> Settings:
        lexicons = tuple(lexicon(config, name) for name in LEXICONS)
        office = tuple(str(n) for n in dict(config.raw.get("personal_data", {}))
                       .get("office_numbers", []))
        key = (*lexicons, office, dt.date.today())
        entry = self._entry
        if entry is not None and len(entry[0]) == len(key) and all(
                a is b or a == b for a, b in zip(entry[0], key, strict=True)):
            return entry[1]
        settings = _build(*lexicons, office=office)
        self._entry = (key, settings)
        return settings


def _build(context: Lexicon, public: Lexicon, areas: Lexicon, regions: Lexicon,
           domains: Lexicon, *, office: tuple[str, ...]) -> Settings:
    kinds: dict[str, list[str]] = {}
    for e in (*context.entries, *public.entries):
        kinds.setdefault(e.kind, []).append(e.term)
    return Settings(
        context={k: _alternation(v) for k, v in kinds.items()},
        words_of={k: tuple(normalize(w).text for w in v if w) for k, v in kinds.items()},
        provinces={e.term: e.note for e in regions.entries},
        area_codes={e.term: e.note for e in areas.by_kind("area")},
        public_short=frozenset(public.terms("short")),
        public_prefixes=tuple(public.terms("prefix")),
        email_personal=frozenset(t.lower() for t in domains.terms("personal")),
        email_public=tuple(t.lower() for t in domains.terms("public")),
        email_public_set=frozenset(t.lower() for t in domains.terms("public")),
        email_public_under=tuple("." + t.lower() for t in domains.terms("public")),
        office_numbers=frozenset(digits_of(n) for n in office if digits_of(n)),
        today=dt.date.today())


settings_for = _SettingsCache().get


# -- one document, one block -----------------------------------------------------------------

class DocumentContext:
    """Table context of one document, computed on first use."""

    def __init__(self, document: Document, settings: Settings, config: Config):
        self.document = document
        self.settings = settings
        self.config = config
        self.texts = block_texts(document)
        self._tables: TableIndex | None = None
        self._named: set[int] | None = None

    @property
    def tables(self) -> TableIndex:
        if self._tables is None:
            self._tables = table_index(self.document)
        return self._tables

    def header(self, block: Block) -> str | None:
        """The normalised header of the column ``block`` stands in."""
        if block.table is None:
            return None
        header = self.tables.header_of(block)
        return normalize(header).text.replace(" ", "") if header else None

    def named_list(self, block: Block) -> bool:
        """``block`` is a cell of a table whose header row names people (姓名, 户主 …)."""
        if block.table is None:
            return False
        if self._named is None:
            self._named = self._named_tables()
        return block.table[0] in self._named

    def _named_tables(self) -> set[int]:
        index = self.tables
        header_rows = {b.table[0]: index.header_row(b.table[0])
                       for b in self.document.blocks if b.table is not None}
        words = self.settings.words("named_header")
        named = set()
        for b in self.document.blocks:
            if (b.table is not None and b.table[1] == header_rows[b.table[0]]
                    and words.search(self.texts.of(b).text.replace(" ", ""))):
                named.add(b.table[0])
        return named


class Scan:
    """One block, prepared for the recognizers: its normalised views and its context."""

    __slots__ = ("_cues", "_header", "_joined", "_name_label", "_tokens", "block", "config",
                 "document", "plain", "settings")

    def __init__(self, block: Block, document: DocumentContext):
        self.block = block
        self.document = document
        self.settings = document.settings
        self.config = document.config
        self.plain = document.texts.of(block)
        self._joined: Normalized | None = None
        self._header: str | None | bool = False
        self._tokens: dict[int, list[tuple[int, int]]] = {}
        #: context words by kind (the plain view) or by (kind, id(view)): (end, start, word)
        self._cues: dict[str | tuple[str, int], list[tuple[int, int, str]]] = {}
        self._name_label: str | None | bool = False

    @property
    def joined(self) -> Normalized:
        if self._joined is None:
            self._joined = join_numbers(self.plain)
        return self._joined

    def tokens(self, view: Normalized) -> list[tuple[int, int]]:
        """The token spans of a view; of the joined view, only those holding a join (the plain
        view has the others)."""
        found = self._tokens.get(id(view))
        if found is None:
            text = view.text
            found = []
            for m in TOKEN.finditer(text):
                s, e = m.span()
                # _DIGIT_AHEAD.match(text, s), by hand: a digit within the first three characters,
                # after letters only (a token is at least 7 long, so s + 2 is inside it)
                if text[s] in _DIGITS or text[s + 1] in _DIGITS or (
                        text[s + 1] in _LETTERS and text[s + 2] in _DIGITS):
                    found.append((s, e))
            if view.joins:
                cuts = [pos for pos, _ in view.joins]
                found = [(s, e) for s, e in found
                         if bisect.bisect_right(cuts, s) < bisect.bisect_left(cuts, e)]
            self._tokens[id(view)] = found
        return found

    @property
    def header(self) -> str | None:
        """The normalised header of this cell's column (``None`` outside tables)."""
        if self._header is False:
            self._header = self.document.header(self.block)
        return self._header  # type: ignore[return-value]

    def accept_joined(self, view: Normalized, m: re.Match[str], pattern: Pattern) -> bool:
        start, end = m.span("value")
        inside = [(pos, sep) for pos, sep in view.joins if start < pos < end]  # one pass
        if not inside:
            return False  # the plain view has it
        if all("\n" in sep for _, sep in inside):
            return True   # wrapped inside one cell or PDF line
        if pattern.groupings is None:
            return False
        # view.groups(start, end): the lengths of the pieces between the dropped separators
        bounds = [start, *(pos for pos, _ in inside), end]
        return pattern.groupings(tuple(b - a for a, b in itertools.pairwise(bounds)))

    def before(self, view: Normalized, start: int, width: int) -> str:
        return view.text[max(0, start - width):start]

    def cue(self, kind: str, view: Normalized, start: int, width: int = 12, *,
            header: bool = True) -> str | None:
        """A context word of ``kind`` within the ``width`` characters before ``start`` (the
        nearest), or (with ``header``) one in the column header; the word, else ``None``."""
        words = self.settings.words(kind)
        # the block's words (read left to right, below) can end in the window only if some word
        # stands inside it; most windows hold none, and then the block's words are not listed
        if words.search(view.text, max(0, start - width), start) is not None:
            key = kind if view is self.plain else (kind, id(view))
            found = self._cues.get(key)
            if found is None:
                found = self._cues[key] = [(m.end(), m.start(), m.group())
                                           for m in words.finditer(view.text)]
            # the nearest word ending at or before start (at start: it ends there)
            i = bisect.bisect_right(found, (start, start, "\uffff"))
            if i and found[i - 1][1] >= start - width:
                return found[i - 1][2]
        if header and self.header:
            header = words.search(self.header)
            if header:
                return header.group()
        return None

    def header_cue(self, kind: str) -> str | None:
        if not self.header:
            return None
        found = self.settings.words(kind).search(self.header)
        return self.header if found else None

    def name_label(self) -> str | None:
        """A label such as ``姓名:`` in this block (the line is a person's record)."""
        if self._name_label is False:
            m = self.settings.label("name_label").search(self.plain.text)
            self._name_label = m.group().rstrip(": ") if m else None
        return self._name_label  # type: ignore[return-value]

    def in_named_list(self) -> bool:
        return self.document.named_list(self.block)
