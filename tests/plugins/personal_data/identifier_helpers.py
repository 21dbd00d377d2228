"""Helpers for the identifier tests: make valid values, run the detector, summarise findings."""

from __future__ import annotations

from screening import Basis, Category, Config, Document, Finding, Severity
from screening_plugins.personal_data.identifiers import IdentifierDetector
from screening_plugins.personal_data.validators import id_check_char, luhn_valid

DETECTOR = IdentifierDetector()

#: Filler so that values stand in running text.
LEAD = "经审核，现将有关情况公示如下："


def resident_id(first17: str) -> str:
    """An 18-character ID with the right GB 11643 check character."""
    assert len(first17) == 17 and first17.isdigit()
    return first17 + id_check_char(first17)


def wrong_check(first17: str) -> str:
    """The same ID with a wrong check character."""
    good = id_check_char(first17)
    return first17 + ("1" if good != "1" else "2")


def card(prefix: str, length: int = 19) -> str:
    """A card number of ``length`` digits with the right Luhn digit."""
    body = (prefix + "0123456789" * 3)[:length - 1]
    for d in "0123456789":
        if luhn_valid(body + d):
            return body + d
    raise AssertionError("unreachable")


def luhn_failing(prefix: str, length: int = 19) -> str:
    good = card(prefix, length)
    return good[:-1] + str((int(good[-1]) + 1) % 10)


#: Fixed, valid values used across the tests.
ID_X = resident_id("11010519491231002")          # 11010519491231002X (domain.md §6.1)
ID_FJ = resident_id("35042319900101123")          # 福建省, born 1990-01-01
ID_GS = resident_id("62010219851120004")          # 甘肃省: starts like a UnionPay card
CARD_UNIONPAY = card("622202", 19)
CARD_VISA = card("4111", 16)


def run(document: Document, config: Config) -> list[Finding]:
    """The detector's findings, after checking what every finding must satisfy."""
    findings = list(DETECTOR.detect(document, config))
    for f in findings:
        block = document.blocks[f.location.block]
        assert block.text[f.location.start:f.location.end] == f.text
        assert f.detector == f"personal_data.{f.kind}"
        assert f.category is Category.PERSONAL_DATA
        assert f.basis == Basis.THIRD_PARTY.value
        assert f.explanation
        if f.severity is Severity.INFO:
            assert f.masked == f.text or f.kind == "resident_id"
    spans = [(f.location.block, f.location.start, f.location.end) for f in findings]
    for i, a in enumerate(spans):  # one span, one finding
        for b in spans[i + 1:]:
            assert a[0] != b[0] or a[2] <= b[1] or b[2] <= a[1], (a, b)
    return findings


def summary(findings: list[Finding]) -> list[tuple[str, str, str, str, str]]:
    """``(kind, part, text, severity, masked)`` of each finding, in order."""
    return [(f.kind, f.location.part, f.text, f.severity.value, f.masked) for f in findings]


def counting(findings: list[Finding]) -> list[Finding]:
    """The findings at review or block."""
    return [f for f in findings if f.severity is not Severity.INFO]


def kinds(findings: list[Finding]) -> list[tuple[str, str, str]]:
    """``(kind, text, severity)`` of each finding."""
    return [(f.kind, f.text, f.severity.value) for f in findings]
