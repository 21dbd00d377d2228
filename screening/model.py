"""The data model every reader, detector, filter and renderer shares.

A :class:`Document` is an ordered tuple of :class:`Block` s: pieces of text with where they came
from. Detectors turn blocks into :class:`Finding` s; the pipeline turns findings into a
:class:`Report`. Everything here is a frozen dataclass: detectors cannot change what they were given.

Invariant kept by the readers: every character of text in a file appears in exactly one block
(a text box stored twice by Word is read once; hidden, white, deleted text goes into its own block
with its flags instead of into the paragraph around it). So one finding has one place.
"""

from __future__ import annotations

import dataclasses
import hashlib
import types
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from enum import Enum
from operator import attrgetter
from types import MappingProxyType
from typing import Any


class Severity(str, Enum):
    """How serious a finding is: ``block`` must not be published as it is, ``review`` needs a
    person to decide, ``info`` is reported but never changes the verdict."""

    INFO = "info"
    REVIEW = "review"
    BLOCK = "block"

    @property
    def rank(self) -> int:
        return _SEVERITY_RANK[self]


_SEVERITY_RANK = {Severity.INFO: 0, Severity.REVIEW: 1, Severity.BLOCK: 2}


class Category(str, Enum):
    """The five finding categories of DESIGN.md §4. Names are persisted: never rename one."""

    CLASSIFICATION_MARK = "classification_mark"
    PERSONAL_DATA = "personal_data"
    TRADE_SECRET = "trade_secret"
    RESTRICTED_INFO = "restricted_info"
    HIDDEN_CONTENT = "hidden_content"


class Verdict(str, Enum):
    """The verdict of one document. ``error``: it could not be read completely (never a pass)."""

    PASS = "pass"
    REVIEW = "review"
    BLOCK = "block"
    ERROR = "error"


class Basis(str, Enum):
    """Legal grounds for withholding: the reason categories of the annual disclosure report
    (《政府信息公开条例》 Arts. 14–16), so records and the annual report compile from them."""

    STATE_SECRET = "属于国家秘密"
    LAW_PROHIBITS = "其他法律行政法规禁止公开"
    SECURITY_STABILITY = "危及\u201c三安全一稳定\u201d"
    THIRD_PARTY = "保护第三方合法权益"
    INTERNAL_AFFAIRS = "属于三类内部事务信息"
    PROCESS_INFO = "属于四类过程性信息"
    ENFORCEMENT_FILE = "属于行政执法案卷"
    ADMIN_QUERY = "属于行政查询事项"


#: Where a block came from (DESIGN.md §3). Readers use these names and no others.
PARTS = (
    "body", "table", "header", "footer", "footnote", "endnote", "comment", "revision",
    "textbox", "hidden", "metadata", "page", "annotation", "attachment", "filename",
)

_PART_SET = frozenset(PARTS)

#: How a block's text was stored. ``hidden``: w:vanish (directly or by style); ``white``: white
#: or near-white text; ``tiny``: ≤ 2 pt; ``deleted``: a tracked deletion; ``inserted``: a tracked
#: insertion (its text is also part of the visible paragraph); ``moved``: a tracked move source;
#: ``field_code``: a field instruction (w:instrText, fldSimple/@instr); ``alt_text``: an image's
#: description; ``custom_xml``: customXml/ item or docProps/custom.xml; ``watermark``: a header
#: watermark shape; ``image_only``: a PDF page without a text layer; ``covered`` (text under an
#: opaque box), ``offpage`` (outside the crop box), ``invisible`` (PDF render mode 3): PDF signals;
#: ``embedded``: the name of an embedded object or attachment; ``attachment_text``: text read from
#: inside an embedded object or attachment (label = its name); ``javascript``: a PDF script;
#: ``prior_revision``: text of an earlier revision kept by a PDF incremental update;
#: ``layer_hidden``: text in a PDF optional-content layer that is off by default.
FLAGS = frozenset({
    "hidden", "white", "tiny", "covered", "deleted", "inserted", "moved", "offpage", "invisible",
    "field_code", "alt_text", "custom_xml", "watermark", "image_only", "embedded",
    "attachment_text", "javascript", "prior_revision", "layer_hidden",
})


@dataclass(frozen=True, slots=True)
class Block:
    """One piece of text and where it stands.

    :param text: the text as read (not normalised; see :mod:`screening.text`).
    :param part: one of :data:`PARTS`.
    :param index: position of the block in its document (0-based, document order).
    :param page: 1-based page where known (PDF pages; .docx body pages counted from explicit page
        breaks; ``None`` for headers, metadata and files without pages).
    :param line: 0-based ordinal of this block among the non-empty lines/paragraphs of its page
        (PDF, .docx body) or of the file (text). ``None`` where the idea does not apply. Detectors
        use it for "the first lines of page 1", where GB/T 9704 puts the secrecy mark.
    :param source: the member or object the text came from, e.g. ``word/header2.xml``,
        ``docProps/core.xml``, ``page 3``.
    :param label: a short human description: ``first-page header``, ``title``, a comment's author.
    :param flags: subset of :data:`FLAGS`.
    :param table: ``(table, row, column)`` for a table cell (0-based; nested tables get their own
        table number), else ``None``.
    :param bbox: ``(x0, top, x1, bottom)`` in PDF points where known.
    """

    text: str
    part: str
    index: int
    page: int | None = None
    line: int | None = None
    source: str = ""
    label: str = ""
    flags: frozenset[str] = frozenset()
    table: tuple[int, int, int] | None = None
    bbox: tuple[float, float, float, float] | None = None

    def __post_init__(self) -> None:
        _check_block(self.part, self.flags)


def _check_block(part: str, flags: frozenset[str]) -> None:
    """What a block's part and flags must be (:class:`Block` and :meth:`BlockList.add`)."""
    if not (type(part) is str and part in _PART_SET) and part not in PARTS:
        raise ValueError(f"unknown block part {part!r}")
    if flags and not flags <= FLAGS:
        raise ValueError(f"unknown block flags {sorted(flags - FLAGS)!r}")


@dataclass(frozen=True, slots=True)
class Document:
    """A file as the readers saw it: every part, in document order.

    :param path: the path as given by the user.
    :param format: ``docx``, ``pdf``, ``text`` (a reader's format name).
    :param blocks: the blocks, ``blocks[i].index == i``.
    :param pages: number of pages where known.
    :param metadata: document properties as ``{"core:title": "…"}`` (also present as blocks).
    :param problems: parts that could not be read. A document with problems is never ``pass``.
    :param geometry: for PDFs, a callable ``geometry(page) -> PageGeometry`` that opens the page
        with pdfplumber on demand (chars, rects, curves). Detectors call it only for pages that
        need it; it is expensive.
    :param memo: what the detectors screening this document share about it (normalised block
        texts, a table index …), through :func:`screening.text.document_memo`; emptied by the
        pipeline when detection ends. It lives and dies with the document: no global cache, no
        lock (the detectors of one document run one after the other).
    """

    path: str
    format: str
    blocks: tuple[Block, ...]
    pages: int | None = None
    metadata: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    problems: tuple[str, ...] = ()
    geometry: Callable[[int], Any] | None = field(default=None, compare=False, repr=False)
    memo: dict[Any, Any] = field(default_factory=dict, compare=False, repr=False)

    def __iter__(self) -> Iterator[Block]:
        return iter(self.blocks)

    def parts(self, *parts: str) -> Iterator[Block]:
        """The blocks of the given parts, in order."""
        by_part = self._part_index()[0]
        if len(parts) == 1:
            return iter(by_part.get(parts[0], ()))
        return iter(sorted((b for p in set(parts) for b in by_part.get(p, ())), key=_INDEX))

    def flagged(self) -> Iterator[Block]:
        """The blocks with any flag (hidden, white, deleted … text), in order."""
        return iter(self._part_index()[1])

    def _part_index(self) -> tuple[dict[str, tuple[Block, ...]], tuple[Block, ...]]:
        """The blocks by part and the flagged blocks, made once per document in :attr:`memo`:
        a document's detectors look for its few comment, metadata or hidden blocks among
        thousands of body lines (one pass instead of one per detector)."""
        entry = self.memo.get(_PART_INDEX)
        if entry is None or entry[0] is not self.blocks:  # a copy made with other blocks
            by_part: dict[str, list[Block]] = {}
            for b in self.blocks:
                by_part.setdefault(b.part, []).append(b)
            entry = self.memo[_PART_INDEX] = (
                self.blocks, {p: tuple(bs) for p, bs in by_part.items()},
                tuple(b for b in self.blocks if b.flags))
        return entry[1], entry[2]


#: the key of :meth:`Document._part_index` in ``Document.memo``
_PART_INDEX = object()
_INDEX = attrgetter("index")


def _slot_constructor(cls: type, *, post_init_checked: bool = False) -> Callable[..., Any]:
    """A constructor of the frozen, slotted dataclass ``cls`` taking every field positionally
    (defaults included): what its ``__init__`` does, in a third of the time (thousands of
    findings and blocks are made per document). ``__post_init__`` is not called: the caller
    checks what it checks. The result is a ``cls``, equal to, hashing and printing like one made
    by ``cls(...)``, and as frozen.

    How: a frozen dataclass's ``__init__`` sets each field through ``object.__setattr__``. The
    object is made instead as an instance of a private *twin* class with the same ``__slots__``
    and no ``__setattr__`` of its own, whose fields are plain attribute stores, and then becomes
    a ``cls`` by ``__class__`` assignment, which Python allows between classes of the same slot
    layout (and checks: a class it would refuse is refused here, when the constructor is made).
    """
    names = [f.name for f in dataclasses.fields(cls)]
    if hasattr(cls, "__post_init__") and not post_init_checked:
        raise TypeError(f"{cls.__name__} has a __post_init__ this constructor would skip")
    if not all(isinstance(getattr(cls, n, None), types.MemberDescriptorType) for n in names):
        raise TypeError(f"{cls.__name__} is not a slotted dataclass")
    twin = type(f"_{cls.__name__}Fields", (), {"__slots__": cls.__slots__})
    object.__setattr__(object.__new__(twin), "__class__", cls)  # TypeError if not compatible
    body = "".join(f"    o.{n} = {n}\n" for n in names)
    source = (f"def new({', '.join(names)}):\n    o = _new(_twin)\n{body}"
              f"    _set(o, '__class__', _cls)\n    return o\n")
    namespace: dict[str, Any] = {"_new": object.__new__, "_twin": twin, "_cls": cls,
                                 "_set": object.__setattr__}
    exec(source, namespace)  # noqa: S102 — generated from the dataclass's own field names
    return namespace["new"]


_new_block = _slot_constructor(Block, post_init_checked=True)  # checks: _check_block


class BlockList:
    """Helper for readers: numbers blocks as they are added and counts lines per page."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self._lines: dict[int | None, int] = {}

    def add(self, text: str, part: str, *, page: int | None = None, counts_as_line: bool = False,
            source: str = "", label: str = "", flags: frozenset[str] = frozenset(),
            table: tuple[int, int, int] | None = None,
            bbox: tuple[float, float, float, float] | None = None) -> Block | None:
        """Append a block (empty or whitespace-only text is skipped and returns ``None``).

        With ``counts_as_line`` the block gets the next line ordinal of its page. The block is
        checked as :class:`Block` checks itself, then made without its ``__init__`` (half the
        cost; a text file of thousands of lines makes thousands of blocks).
        """
        if not text or not text.strip():
            return None
        _check_block(part, flags)
        line = None
        if counts_as_line:
            line = self._lines.get(page, 0)
            self._lines[page] = line + 1
        block = _new_block(text, part, len(self.blocks), page, line, source, label, flags, table,
                           bbox)
        self.blocks.append(block)
        return block

    def add_lines(self, lines: Iterable[str], part: str) -> None:
        """:meth:`add` of each line with ``counts_as_line`` and ``source`` ``"line N"`` (N its
        1-based number among ``lines``, blank ones included): the blocks of a text file, the
        part checked once instead of per line (a list of thousands of lines)."""
        _check_block(part, frozenset())
        blocks = self.blocks
        line = self._lines.get(None, 0)
        for number, text in enumerate(lines, 1):
            if text and not text.isspace():  # = add()'s text.strip(), without the copy
                blocks.append(_new_block(text, part, len(blocks), None, line, f"line {number}",
                                         "", _NO_FLAGS, None, None))
                line += 1
        self._lines[None] = line


_NO_FLAGS: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Location:
    """Where a finding is: the block's part, page and index, and character offsets into
    ``Block.text`` (``end`` exclusive). ``bbox`` in PDF points where known."""

    part: str
    page: int | None
    block: int
    start: int
    end: int
    bbox: tuple[float, float, float, float] | None = None

    @classmethod
    def of(cls, block: Block, start: int, end: int) -> Location:
        return cls(part=block.part, page=block.page, block=block.index, start=start, end=end,
                   bbox=block.bbox)

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"part": self.part, "page": self.page, "block": self.block,
                             "start": self.start, "end": self.end}
        if self.bbox is not None:
            d["bbox"] = [round(v, 2) for v in self.bbox]
        return d


@dataclass(frozen=True, slots=True)
class Finding:
    """Something that must not go out, or that a person must look at.

    :param detector: stable detector id, ``<plugin>.<detector>`` (persisted: never rename).
    :param text: the matched text as it stands in the document. Never stored on disk.
    :param masked: the same with personal values masked; what records and caches keep.
    :param basis: a :class:`Basis` value, or ``""`` when a finding has no withholding ground of
        its own (a disclosure-attribute mark: the record must state the ground).
    :param explanation: why it fired (pattern, position, context), in Chinese.
    :param suppressed_by: set by the pipeline when a filter suppressed the finding.
    """

    detector: str
    category: Category
    kind: str
    severity: Severity
    text: str
    masked: str
    basis: str
    confidence: float
    explanation: str
    location: Location
    suppressed_by: str | None = None

    def __post_init__(self) -> None:
        if not 0.0 <= self.confidence <= 1.0:
            raise ValueError(f"confidence {self.confidence} outside 0..1")

    @property
    def id(self) -> str:
        """Deterministic id from detector, kind and location (never from the raw value)."""
        loc = self.location
        key = f"{self.detector}|{self.kind}|{loc.part}|{loc.block}|{loc.start}|{loc.end}"
        return hashlib.sha256(key.encode()).hexdigest()[:16]

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "detector": self.detector,
            "category": self.category.value,
            "kind": self.kind,
            "severity": self.severity.value,
            "text": self.text,
            "masked": self.masked,
            "basis": self.basis,
            "confidence": round(self.confidence, 3),
            "explanation": self.explanation,
            "location": self.location.to_dict(),
        }




@dataclass(frozen=True, slots=True)
class ErrorInfo:
    """Why a document could not be screened: a stable ``code`` and a message for a clerk.
    ``message_en`` is the English message for ``--lang en`` (not part of the JSON schema)."""

    code: str
    message: str
    message_en: str = ""

    def to_dict(self) -> dict[str, str]:
        return {"code": self.code, "message": self.message}


@dataclass(frozen=True, slots=True)
class PluginInfo:
    name: str
    version: str

    def to_dict(self) -> dict[str, str]:
        return {"name": self.name, "version": self.version}


@dataclass(frozen=True, slots=True)
class ToolInfo:
    version: str
    plugins: tuple[PluginInfo, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"version": self.version, "plugins": [p.to_dict() for p in self.plugins]}


REPORT_SCHEMA = "screening.report/1"


@dataclass(frozen=True, slots=True)
class Report:
    """The result for one document (DESIGN.md §4). ``findings`` are the ones that count;
    ``suppressed`` are kept for audit and for ``--show-suppressed``."""

    path: str
    format: str | None
    sha256: str | None
    sm3: str | None
    verdict: Verdict
    findings: tuple[Finding, ...]
    tool: ToolInfo
    error: ErrorInfo | None = None
    suppressed: tuple[Finding, ...] = ()
    document: Document | None = field(default=None, compare=False, repr=False)

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": REPORT_SCHEMA,
            "path": self.path,
            "format": self.format,
            "sha256": self.sha256,
            "sm3": self.sm3,
            "verdict": self.verdict.value,
            "findings": [f.to_dict() for f in self.findings],
            "error": self.error.to_dict() if self.error else None,
            "tool": self.tool.to_dict(),
        }
