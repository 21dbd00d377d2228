"""Display-ready rows of findings for the reports people read (HTML, CSV): no raw personal value.

:func:`finding_rows` is computed while ``report.document`` is still in memory (the batch worker
calls it right after the scan) and returns plain, JSON-serialisable dicts that the batch keeps,
caches and renders later, when the document is long gone. One row per finding of
``report.findings`` (suppressed findings are not rows), in report order::

    {"id": "1764758aefcf30be", "detector": "personal_data.resident_id", "confidence": 0.99,
     "severity": "block", "severity_words": "阻止",
     "category": "personal_data", "category_words": "个人信息",
     "kind": "resident_id", "kind_words": "身份证号码",
     "part": "body", "page": 1, "where": "正文第1页第2段",
     "masked": "110105********0014",
     "excerpt": "…申请人张*，身份证号码110105********0014，联系电话138****5678…",
     "excerpt_parts": ["…申请人张*，身份证号码", "110105********0014", "，联系电话138****5678…"],
     "basis": "保护第三方合法权益", "basis_words": "保护第三方合法权益 — 《政府信息公开条例》第十五条",
     "advice": "身份证号码不得公开。…", "explanation": "…"}

The promise kept here: **every personal-data finding of the report (kept or suppressed) appears
only masked, in every field.** The excerpt is a window of about :data:`CONTEXT` characters either
side of the finding, cut from the block's text, in which every personal-data span of the same block
is replaced by its ``masked`` value (a window edge that falls inside such a span widens to take the
whole span); the finding itself is ``excerpt_parts[1]``. A non-personal finding (a mark, a comment)
shows its own text, with any personal value inside it masked. Finally every string field is scrubbed
of the raw text of every personal-data finding of the report (a comment's text, an explanation or a
label that repeats a number elsewhere in the file).

A safety net for what no detector claimed: in the text an excerpt shows, every run of
:data:`LONG_NUMBER_DIGITS` or more digits (spaces or hyphens between groups allowed, a final ``X``
included, full-width digits too) is masked as well — phones, resident IDs, bank cards and social security numbers are all
that long, and nothing an officer needs from the context is. A run equal to a found value gets
that value's mask; any other keeps its first and last two digits (``13*******78``). Names and
addresses no detector found cannot be recognised here: for them the rows are as safe as the
detectors are complete.

Long values are cut to :data:`MAX_TEXT` characters (a hidden block can hold pages of text).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from ..masking import MaskingPolicy
from ..model import Block, Category, Finding, Location, Report, Severity
from . import where
from .names import advice, basis_words, category_name, kind_name, severity_word

#: bump when the rows change shape or meaning (the batch cache key includes it)
VERSION = "1"
#: characters of context either side of a finding in its excerpt
CONTEXT = 15
#: digits from which an unclaimed number in shown text is masked anyway
LONG_NUMBER_DIGITS = 11
#: the longest finding text (``masked``, the finding inside the excerpt) shown in a row
MAX_TEXT = 120

# \d is any decimal digit (full-width ones too, as drafts often have them)
_LONG_NUMBER = re.compile(rf"(?<![\dA-Za-z])\d(?:[ \-－‐]?\d){{{LONG_NUMBER_DIGITS - 1},}}"
                          r"[XxＸｘ]?(?![\dA-Za-z])")
_NUMBER_MASK = MaskingPolicy()
_ELLIPSIS = "…"
_CONTROL = str.maketrans({c: " " for c in "\t\n\r\v\f\x0b\x1c\x1d\x1e\x85\u2028\u2029"})

Span = tuple[int, int, str]  # (start, end, replacement) in block-text offsets


def finding_rows(report: Report, lang: str = "zh") -> list[dict[str, Any]]:
    """The display rows of ``report``'s findings (Chinese words, or English with ``lang="en"``).

    Uses ``report.document`` for the place in words and the context excerpt; without it (a report
    rebuilt from JSON) ``where`` names only part and page, and the excerpt is the masked text.
    """
    personal = [f for f in (*report.findings, *report.suppressed)
                if f.category is Category.PERSONAL_DATA]
    found: dict[int, list[Span]] = {}
    for f in personal:
        loc = f.location
        if loc.end > loc.start:
            found.setdefault(loc.block, []).append((loc.start, loc.end, f.masked))
    known = {f.text.strip(): f.masked.strip() for f in personal}
    spans: dict[int, list[Span]] = {}
    scrub = _scrubber(personal)

    rows = []
    for f in report.findings:
        block = where.block_of(f, report.document)
        if block is None:
            parts = ["", _cut(_flat(f.masked)), ""]
        else:
            if block.index not in spans:
                spans[block.index] = _block_spans(block, found.get(block.index, []), known)
            parts = list(_excerpt(block, f, spans[block.index]))
        masked = f.masked if f.category is Category.PERSONAL_DATA else parts[1]
        place = where.describe(f, report.document, lang, report.format)
        rows.append(_row(f, place, masked, parts, lang, scrub))
    return rows


def rows_from_dict(report: Mapping[str, Any], lang: str = "zh") -> list[dict[str, Any]]:
    """Rows from a DESIGN §4 report object when no rows were kept (a report read back from JSON).

    Built from ``masked`` only (never ``text``): the excerpt is the masked text, and ``where``
    names part and page. A finding object that does not parse is left out.
    """
    rows = []
    for d in report.get("findings") or ():
        try:
            loc = d.get("location") or {}
            f = Finding(
                detector=str(d.get("detector", "")), category=Category(d["category"]),
                kind=str(d.get("kind", "")), severity=Severity(d["severity"]),
                text=str(d.get("masked", "")), masked=str(d.get("masked", "")),
                basis=str(d.get("basis", "")), confidence=float(d.get("confidence", 0.0)),
                explanation=str(d.get("explanation", "")),
                location=Location(part=str(loc.get("part", "body")), page=loc.get("page"),
                                  block=int(loc.get("block", 0)), start=int(loc.get("start", 0)),
                                  end=int(loc.get("end", 0))))
        except (AttributeError, KeyError, ValueError, TypeError):
            continue
        masked = _cut(_flat(f.masked))
        place = where.describe(f, None, lang, report.get("format"))
        row = _row(f, place, masked, ["", masked, ""], lang, lambda v: v)
        row["id"] = str(d.get("id") or row["id"])
        rows.append(row)
    return rows


def _row(f: Finding, place: str, masked: str, parts: list[str], lang: str,
         scrub: Callable[[str], str]) -> dict[str, Any]:
    parts = [scrub(p) for p in parts]
    return {
        "id": f.id,
        "detector": f.detector,
        "confidence": round(f.confidence, 3),
        "severity": f.severity.value,
        "severity_words": severity_word(f.severity.value, lang),
        "category": f.category.value,
        "category_words": category_name(f.category.value, lang),
        "kind": f.kind,
        "kind_words": kind_name(f.kind, lang),
        "part": f.location.part,
        "page": f.location.page,
        "where": scrub(place),
        "masked": scrub(_cut(_flat(masked))),
        "excerpt": "".join(parts),
        "excerpt_parts": parts,
        "basis": f.basis,
        "basis_words": basis_words(f.basis, lang),
        "advice": scrub(advice(f, lang)),
        "explanation": scrub(f.explanation),
    }


# -- the excerpt ---------------------------------------------------------------------------------

def _block_spans(block: Block, found: list[Span], known: Mapping[str, str]) -> list[Span]:
    """The spans of ``block`` shown masked: the found personal values (merged where they
    overlap), then every long number none of them covers."""
    merged = _merge(found)
    numbers = [(m.start(), m.end(), known.get(m.group()) or _NUMBER_MASK.mask("default", m.group()))
               for m in _LONG_NUMBER.finditer(block.text)
               if not any(s < m.end() and m.start() < e for s, e, _ in merged)]
    return sorted([*merged, *numbers])


def _excerpt(block: Block, finding: Finding, spans: list[Span]) -> tuple[str, str, str]:
    """(before, finding, after) around ``finding`` in ``block``; ``spans`` are the block's
    masked spans (:func:`_block_spans`), each shown as its masked value."""
    text = block.text
    own = (_clamp(finding.location.start, text), _clamp(finding.location.end, text))
    start, end = _widen(*own, spans)
    if finding.category is Category.PERSONAL_DATA and (start, end) == own:
        match = finding.masked
    else:  # a mark or hidden text shows itself, personal values inside it masked
        match = _render(text, start, end, spans)
    left = _widen(max(0, start - CONTEXT), len(text), spans)[0]
    right = _widen(0, min(len(text), end + CONTEXT), spans)[1]
    before = (_ELLIPSIS if left > 0 else "") + _flat(_render(text, left, start, spans))
    after = _flat(_render(text, end, right, spans)) + (_ELLIPSIS if right < len(text) else "")
    return before, _cut(_flat(match)), after


def _clamp(offset: int, text: str) -> int:
    return max(0, min(offset, len(text)))


def _widen(start: int, end: int, spans: Iterable[Span]) -> tuple[int, int]:
    """``[start, end)`` grown until no span crosses its edges (spans do not overlap)."""
    for s, e, _ in spans:
        if s < start < e:
            start = s
        if s < end < e:
            end = e
    return start, end


def _merge(spans: Iterable[Span]) -> list[Span]:
    """Sorted, non-overlapping spans. Overlapping ones become one span shown as the masked value
    of the longest, with a mask character for every other character of the union."""
    out: list[Span] = []
    groups: list[list[Span]] = []
    for span in sorted(spans):
        if groups and span[0] < max(e for _, e, _ in groups[-1]):
            groups[-1].append(span)
        else:
            groups.append([span])
    for group in groups:
        start = min(s for s, _, _ in group)
        end = max(e for _, e, _ in group)
        s, e, masked = max(group, key=lambda sp: (sp[1] - sp[0], -sp[0]))
        out.append((start, end, "*" * (s - start) + masked + "*" * (end - e)))
    return out


def _render(text: str, start: int, end: int, spans: Iterable[Span]) -> str:
    """``text[start:end]`` with every span inside it replaced (spans lie wholly in or out)."""
    pieces, pos = [], start
    for s, e, masked in spans:
        if e <= start or s >= end:
            continue
        pieces.append(text[pos:max(pos, s)])
        pieces.append(masked)
        pos = max(pos, e)
    pieces.append(text[pos:end] if pos < end else "")
    return "".join(pieces)


# -- safety and display --------------------------------------------------------------------------

def _scrubber(personal: list[Finding]) -> Callable[[str], str]:
    """A function replacing the raw text of every personal-data finding by its masked value."""
    pairs = sorted({(f.text.strip(), f.masked.strip()) for f in personal
                    if len(f.text.strip()) >= 2 and f.text.strip() != f.masked.strip()},
                   key=lambda p: -len(p[0]))

    def scrub(value: str) -> str:
        for raw, masked in pairs:
            if raw in value:
                value = value.replace(raw, masked)
        return value

    return scrub


def _flat(value: str) -> str:
    """One line: control characters (line and page breaks, tabs) become spaces."""
    return value.translate(_CONTROL)


def _cut(value: str, limit: int = MAX_TEXT) -> str:
    return value if len(value) <= limit else value[:limit - 1] + _ELLIPSIS
