"""What the person_name, address and special_category detectors share: their vocabularies (data in
``lexicons/pd_*.txt``), the shape of a Chinese name, lists of named people, and jieba.

*Lists of named people.* :class:`PeopleIndex` looks at every table of a document once: which columns
hold names (headed 姓名, 户主, 申请人 … or any header ending in 姓名), ID numbers, phones,
addresses or special-category data (病种, 残疾类别 …); which rows carry an ID or phone; whether the
table lists officials (职务 columns of a 任前公示: public by design); and the list's topic — a
低保/救助/贫困/残疾 word in the title lines above the table, which makes every name in it sensitive.
Form-like tables (``姓名 | 王建国 | 性别 | 男``) are handled through :meth:`PeopleIndex.label_of`.

*Name shape* (:meth:`NameWords.shape`): a surname from ``pd_surnames`` (compound ones first) and a
given name of one or two characters, or a ``·`` name; ``张某``/``张某某``/``王某甲`` are
pseudonyms and ``张*`` is masked (both already de-identified: info).

*jieba* is loaded lazily, once per process, and only when a running-text candidate has an ambiguous
boundary (:func:`segment`); a document with no candidate never loads it. It ships its dictionary:
nothing is downloaded (it writes its own dictionary cache into the temporary directory).

All matching runs on text normalised by :func:`screening.normalize` (NFKC: ``：`` → ``:``,
``（`` → ``(``, ``，`` → ``,``, full-width digits → ASCII).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

import regex

from screening import (Block, Config, Document, Lexicon, TableIndex, compact, load_builtin,
                       normalize)
from screening import CompiledCache
from screening import block_texts, document_memo  # noqa: F401  (block_texts: shared)
from screening import jieba_loaded, jieba_tokenizer  # noqa: F401  (jieba_loaded: tests)

#: The lexicons of this module's detectors (register them with ``screening_register_lexicons``).
LEXICONS = ("pd_surnames", "pd_name_context", "pd_address", "pd_special_category")

T = TypeVar("T")

HAN = regex.compile(r"\p{Han}")
HAN_RUN = regex.compile(r"\p{Han}+")


class _HanTable(dict):
    """``ch`` → whether it is a Han character (``HAN.match``), filled on first use: a dict
    lookup instead of a regex call per character in the loops that walk a Han run."""

    def __missing__(self, ch: str) -> bool:
        found = self[ch] = HAN.match(ch) is not None
        return found


#: ``IS_HAN[ch]``: whether the one character ``ch`` is Han.
IS_HAN = _HanTable()
#: Characters that never stand in a given name (function words, place and office suffixes).
STOP_GIVEN = frozenset("的了是在和与及等为对将从向于或并且其之也就都而被把让给由以因所这那个们者"
                       "县市省区镇乡村局委办府部厅处科院站号路街某室司厂店社校馆队组团")
#: what separates several names in one cell or list (张志强、李秀英)
NAME_SEPARATORS = re.compile(r"[、,;/\n]+")
NAME_DOT = regex.compile(r"[·•・．]")
_DOTS = frozenset("·•・．")
MASK_CHARS = "*×xX○●"
PSEUDONYM_TAIL = regex.compile(r"某(?:某|[甲乙丙丁戊己庚辛壬癸]|\d{1,2})?")
#: Loose look for an ID number or a phone in a row or a line (the identifier detectors validate).
#: In ``re``, led by ``(?=\d)`` (every match starts with a digit, and any other position is
#: refused at once): the search asked for every name's sentence takes half the time it takes in
#: ``regex`` (measured). ``\d`` is Python's own: digits of scripts newer than its Unicode table
#: (14.0 in 3.11; Kawi, Garay …), which ``regex``'s newer table knows, do not count.
IDENTIFIER = re.compile(
    r"(?=\d)(?<![0-9A-Za-z])(?:(?P<id>\d{17}[\dXx]|\d{15})|(?P<phone>1[3-9]\d[ -]?\d{4}[ -]?\d{4}"
    r"|0\d{2,3}-\d{7,8}))(?![0-9A-Za-z])")
_ID_HEADER = regex.compile(r"身份证|身份号码|证件号")
_PHONE_HEADER = regex.compile(r"电话|手机|联系方式")
_TITLE_LINE = regex.compile(r"名单|名册|花名册|公示|一览表|情况表|统计表|明细|汇总表|登记表|审批表")


#: what ends a sentence (for the sentence around a name or an address; :func:`sentence_start`
#: spells them out)
SENTENCE_ENDS = "。;!?\n"


def sentence_start(text: str, pos: int) -> int:
    """Where the sentence holding ``text[pos]`` starts: after the last of :data:`SENTENCE_ENDS`
    before ``pos`` (0 if none). Five ``rfind`` calls: cheaper than a backwards regex search, and
    written out (a generator over :data:`SENTENCE_ENDS` doubles the cost; asked for every name
    and address)."""
    find = text.rfind
    return max(find("。", 0, pos), find(";", 0, pos), find("!", 0, pos), find("?", 0, pos),
               find("\n", 0, pos)) + 1


def lexicon(config: Config, name: str) -> Lexicon:
    """The merged lexicon ``name``; the built-in one when the configuration carries none (a
    detector run outside the plugin manager must not silently find nothing)."""
    lex = config.lexicons.get(name)
    return lex if lex is not None else _builtin(name)


@functools.cache
def _builtin(name: str) -> Lexicon:
    return load_builtin(name)


def builtin_lexicons() -> list[Lexicon]:
    return [load_builtin(name) for name in LEXICONS]


def alternation(terms: Iterable[str]) -> str:
    """A regex alternation of literal terms, longest first."""
    unique = sorted({t for t in terms if t}, key=lambda t: (-len(t), t))
    return "|".join(re.escape(t) for t in unique) or "(?!)"


def literal(terms: Iterable[str]) -> re.Pattern[str]:
    """A compiled alternation of literal terms. The standard ``re`` module scans a large literal
    alternation about ten times faster than ``regex`` does (measured on 200 KB of text), so
    vocabulary patterns use it; patterns with Unicode properties (the Han script) use ``regex``."""
    return re.compile(alternation(terms))


# -- names ----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class NameWords:
    """The vocabulary of names (``pd_surnames`` and ``pd_name_context``)."""

    single: Mapping[str, str]        # surname → tier (A common, B in use, C rare)
    compound: Mapping[str, str]
    words: Mapping[str, frozenset[str]]  # kind → terms
    patterns: Mapping[str, Any] = field(repr=False)  # kind → compiled alternation
    #: words that are never a name although they look like one (not_name, role, header words)
    rejected: frozenset[str] = frozenset()
    #: what a given name may not be: a 职务 word or an honorific (张科长, 王总, 李老师)
    not_given: frozenset[str] = frozenset()

    def of(self, kind: str) -> frozenset[str]:
        return self.words.get(kind, frozenset())

    def surname_at(self, text: str, i: int = 0) -> tuple[int, str]:
        """``(length, tier)`` of the surname at ``text[i]`` (compound first), ``(0, "")`` if none."""
        tier = self.compound.get(text[i:i + 2])
        if tier and len(text) > i + 2:
            return 2, tier
        tier = self.single.get(text[i:i + 1])
        return (1, tier) if tier else (0, "")

    def is_name_header(self, header: str) -> bool:
        h = compact(normalize(header).text).strip(":")
        return bool(h) and (h in self.of("header") or h.endswith("姓名"))

    def shape(self, text: str, *, need_surname: bool = True) -> tuple[str, str] | None:
        """``(form, tier)`` of a candidate in normalised text (spaces are ignored): form
        ``name``, ``pseudonym`` (张某) or ``masked`` (张*); ``None`` if it is not a name. Without
        ``need_surname`` an unknown surname is accepted with tier ``?`` (under a 姓名 column)."""
        t = text.replace(" ", "") if " " in text else text
        if len(t) < 2 or t in self.rejected:
            return None
        if not _DOTS.isdisjoint(t):
            parts = NAME_DOT.split(t)
            if all(p and HAN_RUN.fullmatch(p) for p in parts) and 3 <= len(t) <= 20:
                return "name", "A"
            return None
        # self.surname_at(t), inline (called for every reading of every candidate)
        tier = self.compound.get(t[:2])
        if tier and len(t) > 2:
            n = 2
        else:
            tier = self.single.get(t[0])
            n = 1 if tier else 0
        if n == 0:
            if need_surname or len(t) > 4 or not HAN_RUN.fullmatch(t):
                return None
            n, tier = 1, "?"
        given = t[n:]
        if not 1 <= len(given) <= 3:
            return None
        if given[0] in MASK_CHARS:
            return ("masked", tier) if not given.strip(MASK_CHARS) else None
        if given[0] == "某":
            return ("pseudonym", tier) if PSEUDONYM_TAIL.fullmatch(given) else None
        if len(given) == 3:
            return None
        for ch in t:  # HAN_RUN.fullmatch(t), by the table (t has at most four characters here)
            if not IS_HAN[ch]:
                return None
        if not STOP_GIVEN.isdisjoint(given):
            return None
        if given in self.not_given or given[-1] in self.not_given:
            return None
        return "name", tier


def build_name_words(surnames: Lexicon, context: Lexicon) -> NameWords:
    single = {e.term: e.strength or "B" for e in surnames.entries if e.kind != "compound"}
    compound = {e.term: e.strength or "B" for e in surnames.entries if e.kind == "compound"}
    words: dict[str, set[str]] = {}
    for e in context.entries:
        words.setdefault(e.kind, set()).add(compact(normalize(e.term).text))
    frozen = {k: frozenset(v) for k, v in words.items()}
    patterns = {k: literal(v) for k, v in frozen.items()}
    # 职务 words that make a paragraph about officials (not the weak 总, 工 of 张总, 王工)
    patterns["office"] = literal(
        compact(normalize(e.term).text) for e in context.by_kind("title") if e.strength != "W")
    for kind in ("title", "role", "honorific", "appoint", "after", "public_role",
                 "official_header"):
        patterns.setdefault(kind, literal(()))
    rejected = frozen.get("not_name", frozenset()) | frozen.get("role", frozenset()) \
        | frozen.get("header", frozenset())
    not_given = frozen.get("title", frozenset()) | frozen.get("honorific", frozenset())
    return NameWords(single, compound, frozen, patterns, rejected, not_given)


_NAMES = CompiledCache(build_name_words)


def name_words(config: Config) -> NameWords:
    return _NAMES.get(lexicon(config, "pd_surnames"), lexicon(config, "pd_name_context"))


# -- special categories ---------------------------------------------------------------------------

@dataclass(frozen=True)
class SpecialWords:
    """The vocabulary of special-category data (``pd_special_category``)."""

    kinds: Mapping[str, str]             # term → kind (health, disability, welfare …)
    weak: frozenset[str]                 # terms that count only inside a list cell
    headers: frozenset[str]
    neutral: frozenset[str]
    term: Any = field(repr=False)        # compiled alternation of the terms
    topic: Any = field(repr=False)
    header: Any = field(repr=False)


_DATA_KINDS = ("health", "disability", "welfare", "status", "family", "reproductive")


def build_special_words(lex: Lexicon) -> SpecialWords:
    kinds = {normalize(e.term).text: e.kind for e in lex.entries if e.kind in _DATA_KINDS}
    weak = frozenset(normalize(e.term).text for e in lex.entries
                     if e.kind in _DATA_KINDS and e.strength == "W")
    headers = frozenset(normalize(e.term).text for e in lex.by_kind("header"))
    return SpecialWords(
        kinds=kinds, weak=weak, headers=headers,
        neutral=frozenset(normalize(e.term).text for e in lex.by_kind("neutral")),
        term=literal(kinds),
        topic=literal(normalize(e.term).text for e in lex.by_kind("topic")),
        header=literal(headers))


_SPECIAL = CompiledCache(build_special_words)


def special_words(config: Config) -> SpecialWords:
    return _SPECIAL.get(lexicon(config, "pd_special_category"))


# -- lists of named people ------------------------------------------------------------------------

@dataclass
class TableRoles:
    """What the columns of one table hold (column numbers)."""

    names: set[int] = field(default_factory=set)
    ids: set[int] = field(default_factory=set)
    phones: set[int] = field(default_factory=set)
    special: dict[int, str] = field(default_factory=dict)   # column → the header's term
    officials: bool = False
    topic: str | None = None

    @property
    def people(self) -> bool:
        """A list of people: a name column or an ID column."""
        return bool(self.names or self.ids)


class PeopleIndex:
    """Tables of a document read as lists of people (see the module docstring)."""

    def __init__(self, document: Document, config: Config):
        self.document = document
        self.tables = table_index(document)
        self.names = name_words(config)
        self.special = special_words(config)
        self._roles: dict[int, TableRoles] = {}
        self._forms: dict[int, bool] = {}
        self._row_ids: dict[tuple[int, int], str | None] = {}
        self._first_block: dict[int, int] = {}
        self._cells: dict[int, set[tuple[int, int]]] = {}
        for block in document.blocks:
            if block.table is not None:
                t, r, c = block.table
                self._first_block.setdefault(t, block.index)
                self._cells.setdefault(t, set()).add((r, c))

    def roles(self, table: int) -> TableRoles:
        if table not in self._roles:
            self._roles[table] = self._read_roles(table)
        return self._roles[table]

    def _read_roles(self, table: int) -> TableRoles:
        roles = TableRoles()
        header_row = self.tables.header_row(table)
        if header_row is None:
            return roles
        for col in self._columns(table):
            header = compact(normalize(self.tables.cell_text(table, header_row, col)).text)
            if not header:
                continue
            if self.names.is_name_header(header) and self._has_names(table, header_row, col):
                roles.names.add(col)
            if _ID_HEADER.search(header):
                roles.ids.add(col)
            if _PHONE_HEADER.search(header):
                roles.phones.add(col)
            m = self.special.header.search(header)
            if m:
                roles.special[col] = m.group()
            if self.names.patterns["official_header"].search(header):
                roles.officials = True
        if roles.ids or roles.phones:
            roles.officials = False   # an officials' table with IDs or phones is a leak all the same
        roles.topic = self._topic(table, header_row)
        return roles

    def _has_names(self, table: int, header_row: int, col: int) -> bool:
        """Whether a column holds at least one name below its header (a form's 姓名 label
        column holds other labels instead)."""
        rows = sorted({r for (r, c) in self._cells.get(table, ()) if c == col and r > header_row})
        return any(self._holds_name(table, r, col, masked_too=True) for r in rows)

    def _holds_name(self, table: int, row: int, col: int, *, masked_too: bool = False) -> bool:
        """Whether a cell holds a name (alone or in a list: 张志强、李秀英); with ``masked_too``
        a masked or pseudonymised one (王**, 张某) counts: a sanitized list is still a list."""
        text = normalize(self.tables.cell_text(table, row, col)).text
        forms = ("name", "masked", "pseudonym") if masked_too else ("name",)
        return any((self.names.shape(piece) or ("",))[0] in forms
                   for piece in NAME_SEPARATORS.split(text))

    def _columns(self, table: int) -> list[int]:
        return sorted({c for (_, c) in self._cells.get(table, ())})

    def _topic(self, table: int, header_row: int) -> str | None:
        """A 低保/救助/残疾 … word in the title rows of the table or the title lines above it."""
        lines = [self.tables.cell_text(table, r, c)
                 for (r, c) in self._cells_above(table, header_row)]
        lines += title_lines_before(self.document, self._first_block.get(table, 0))
        for line in lines:
            m = self.special.topic.search(normalize(line).text)
            if m:
                return m.group()
        return None

    def _cells_above(self, table: int, header_row: int) -> list[tuple[int, int]]:
        return sorted(rc for rc in self._cells.get(table, ()) if rc[0] < header_row)

    def label_of(self, block: Block) -> str:
        """The text of the cell left of ``block`` when it is a short label (form-like tables:
        ``姓名 | 王建国``), normalised and without spaces; ``""`` otherwise."""
        if block.table is None or block.table[2] == 0:
            return ""
        t, r, c = block.table
        left = compact(normalize(self.tables.cell_text(t, r, c - 1)).text).strip(":")
        if not left or len(left) > 10 or any(ch.isdigit() for ch in left):
            return ""
        return left

    def form_has_name(self, table: int) -> bool:
        """Whether a form-like table names a person: a 姓名 label with a name right of it."""
        if table not in self._forms:
            self._forms[table] = any(
                self.names.is_name_header(self.tables.cell_text(table, r, c))
                and self._holds_name(table, r, c + 1)
                for (r, c) in self._cells.get(table, ()))
        return self._forms[table]

    def row_identifier(self, table: int, row: int) -> str | None:
        """``身份证号码`` or ``电话号码`` when the row carries one (by header or by shape)."""
        key = (table, row)
        if key not in self._row_ids:
            self._row_ids[key] = self._row_identifier(table, row)
        return self._row_ids[key]

    def _row_identifier(self, table: int, row: int) -> str | None:
        roles = self.roles(table)
        for col in self._columns(table):
            text = normalize(self.tables.cell_text(table, row, col)).text
            if not text.strip():
                continue
            if col in roles.ids:
                return "身份证号码"
            if col in roles.phones:
                return "电话号码"
            m = IDENTIFIER.search(text)
            if m:
                return "身份证号码" if m.group("id") else "电话号码"
        return None

    def row_names(self, table: int, row: int) -> list[str]:
        """The names in the name columns of a row (for the identifier detectors: a phone number
        in a row that names a person is in a list of named people; see :func:`named_row`)."""
        out = []
        for col in self.roles(table).names:
            text = normalize(self.tables.cell_text(table, row, col)).text
            if self.names.shape(text, need_surname=False):
                out.append(compact(text))
        return out


def title_lines_before(document: Document, index: int, look: int = 4) -> list[str]:
    """Up to ``look`` title-like lines (名单, 公示, 一览表 … and no sentence end) before block
    ``index``, outside tables, nearest first."""
    out = []
    seen = 0
    for block in reversed(document.blocks[:index]):
        if block.table is not None or block.part not in ("body", "header", "textbox"):
            continue
        seen += 1
        text = block.text.strip()
        if _TITLE_LINE.search(text) and len(text) <= 60 and not text.endswith("。"):
            out.append(text)
        if seen >= look:
            break
    return out


def shared(document: Document, key: Any, make: Callable[[], T]) -> T:
    """What the detectors of this package share about a document (in the core per-document
    memo, :func:`screening.text.document_memo`), made by ``make`` on first use."""
    memo = document_memo(document)
    key = ("personal_data", key)
    if key not in memo:
        memo[key] = make()
    return memo[key]


def table_index(document: Document) -> TableIndex:
    """The :class:`TableIndex` of a document, built once and shared by the detectors."""
    return shared(document, "tables", lambda: TableIndex(document))


def people_index(document: Document, config: Config) -> PeopleIndex:
    """The :class:`PeopleIndex` of a document, shared by the detectors that screen it."""
    held, index = shared(document, ("people", id(config)),
                          lambda: (config, PeopleIndex(document, config)))
    return index if held is config else PeopleIndex(document, config)


def named_row(document: Document, config: Config, block: Block) -> bool:
    """Whether ``block`` is a table cell in a row that names a person (a list of named people)."""
    if block.table is None:
        return False
    index = people_index(document, config)
    t, r, _ = block.table
    return bool(index.row_names(t, r))


# -- jieba ----------------------------------------------------------------------------------------

def segment(text: str) -> list[str]:
    """jieba's words of ``text`` (HMM on, so unknown names come out as one word)."""
    return jieba_tokenizer().lcut(text, HMM=True)


def common_word(word: str, threshold: int = 50) -> bool:
    """A frequent word of jieba's dictionary (党员, 干部, 黄河): not a person's name."""
    return jieba_tokenizer().frequency(word) >= threshold
