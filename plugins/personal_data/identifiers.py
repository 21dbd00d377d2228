"""``personal_data.identifiers``: every Chinese personal identifier, one finding per span.

The detector runs one recognizer per kind (:data:`RECOGNIZERS`; each module documents its rules
and severities) over every block of the document, then resolves conflicts: **one span, one
finding**. The recognizer with the higher priority wins an overlapping span (domain.md §6):

    valid resident ID (100) > a value in a 身份证号码 column with a bad check digit but an ID's
    birth date and province (95) > 统一社会信用代码/组织机构代码 (90) > other values in that
    column (88) > ID + 2 digits, e.g. 残疾人证号 (85) > mobile (70) > landline (65) >
    e-mail (60) > passport / travel permit (50) > licence plate (40) > bank card (30) >
    社保卡号 by context (10)

so an 18-digit ID that also passes Luhn is only a ``resident_id``, and a credit code is never a
card. Ties go to the more confident, then the longer candidate.

One rule needs the whole block: a mobile number on the same line as a valid resident ID (a row
of a 花名册 in a PDF, where tables are lines) sits in a list of named people and becomes a block.

Speed: a block is looked at only if a cheap prefilter finds something an identifier could be made
of (a run of 5 digits, digits split by a separator, ``@``/``#``/``at``, a masked digit, a
province character followed by a letter); only then is it normalised. Its *tokens* (maximal
letter/digit runs of 7 or more) are found once per view and each is tried only against the token
patterns of its length, highest priority first, stopping at the first that claims it
(:class:`~.recognizer.TokenTable`); the few text patterns (landlines with brackets, plates, labelled
values) run as one flat list, each behind a cheap character gate (:class:`~.recognizer.TextTable`).
Patterns are compiled once per configuration with the standard ``re`` module (about twice as fast
as ``regex`` for these ASCII patterns). No phone library is used: validation is a prefix table
and an area-code list.

Findings: ``Finding.detector`` is the recognizer's name (``personal_data.resident_id`` …),
``masked`` comes from the office's masking policy (``config.masking``); an ``info`` finding (a
public or an already masked value) is shown as it stands. ``basis`` is 保护第三方合法权益.
"""

from __future__ import annotations

import itertools
import operator
from collections.abc import Iterable, Iterator

import re

from screening import (Basis, Category, Config, Document, Finding, Severity, __version__,
                       make_finding)

from .bank_card import BankCardRecognizer
from .email import EmailRecognizer
from .landline_phone import LandlinePhoneRecognizer
from .license_plate import PROVINCES, LicensePlateRecognizer
from .mobile_phone import MobilePhoneRecognizer
from .org_code import OrganisationCodeRecognizer
from .passport import PassportRecognizer
from .recognizer import (Candidate, DocumentContext, Recognizer, Scan, TextTable, TokenTable,
                         settings_for)
from .resident_id import ResidentIdRecognizer
from .social_security import SocialSecurityRecognizer
from .travel_permit import TravelPermitRecognizer

RECOGNIZERS: tuple[Recognizer, ...] = (
    ResidentIdRecognizer(), OrganisationCodeRecognizer(), MobilePhoneRecognizer(),
    LandlinePhoneRecognizer(), EmailRecognizer(), PassportRecognizer(), TravelPermitRecognizer(),
    LicensePlateRecognizer(), BankCardRecognizer(), SocialSecurityRecognizer(),
)

#: On the raw block text (full-width digits are ``\d`` too): a block is looked at if it holds
#: ``\d{5}``, digits split by one to three separators, ``[@＠#]``, ``[at]``/``(at)``, a digit
#: before a mask character, two mask characters or a mask and a digit, or a province character
#: before a letter. Written with the first character as one class and the rest after a
#: lookbehind, so that ``re`` can skip to the possible starts (twice as fast as the plain
#: alternation, which it must try at every character).
PREFILTER = re.compile(
    rf"[\d@＠#\[(（［*＊●○×{PROVINCES}]"
    r"(?:(?<=\d)(?:\d{4}|[ \-.\u00a0\u2010-\u2015\u3000\uff0d\n]{1,3}\d|[*＊●○×xX])"
    r"|(?<=[@＠#])"
    r"|(?<=[\[(（［])(?i:at)[\])）］]"
    r"|(?<=[*＊●○×])[\d*＊●○×]"
    rf"|(?<=[{PROVINCES}])[A-Za-zＡ-Ｚａ-ｚ])")


#: Globals: reading ``Severity.X`` goes through ``EnumType.__getattr__``'s hook in 3.11 (~90 ns),
#: and every finding reads one or two.
_INFO = Severity.INFO
_REVIEW = Severity.REVIEW
_BLOCK = Severity.BLOCK

#: Personal data is withheld to protect the third party (《政府信息公开条例》 第十五条).
BASIS = Basis.THIRD_PARTY.value


class IdentifierDetector:
    """Chinese personal identifiers (see the module docstring)."""

    name = "personal_data.identifiers"
    version = __version__
    category = Category.PERSONAL_DATA

    def __init__(self, recognizers: Iterable[Recognizer] = RECOGNIZERS):
        self.recognizers = tuple(recognizers)
        self.tokens = TokenTable(self.recognizers)
        self.texts = TextTable(self.recognizers)

    def detect(self, document: Document, config: Config) -> Iterator[Finding]:
        context = DocumentContext(document, settings_for(config), config)
        for block in document.blocks:
            if not PREFILTER.search(block.text):
                continue
            scan = Scan(block, context)
            candidates = self.tokens.find(scan)
            candidates += self.texts.find(scan)
            if not candidates:
                continue
            for c in promote_named_rows(resolve(candidates)):
                yield self.finding(c, scan, config)

    def finding(self, c: Candidate, scan: Scan, config: Config) -> Finding:
        kind = c.recognizer.kind
        if c.masked is not None:
            masked = c.masked
        elif c.severity is _INFO:  # public, or already masked: shown as it stands
            masked = None  # make_finding shows the text
        else:
            masked = config.masking.mask(kind, scan.block.text[c.start:c.end])
        return make_finding(c.recognizer, scan.block, c.start, c.end, kind=kind,
                            severity=c.severity, basis=BASIS,
                            confidence=c.confidence, explanation=c.explanation, config=config,
                            masked=masked)


def resolve(candidates: list[Candidate]) -> list[Candidate]:
    """One span, one finding: the best candidate of every overlapping group, in text order."""
    if len(candidates) < 2:
        return list(candidates)
    by_start = sorted(candidates, key=_START)
    for a, b in itertools.pairwise(by_start):
        if b.start <= a.start or b.start < a.end:
            break  # two overlap (or start together): choose below
    else:
        return by_start  # no two overlap: every candidate is kept
    ordered = sorted(candidates, key=lambda c: (-c.priority, -c.confidence,
                                                -(c.end - c.start), c.start))
    kept: list[Candidate] = []
    for c in ordered:
        if all(c.end <= k.start or k.end <= c.start for k in kept):
            kept.append(c)
    return sorted(kept, key=_START)


_START = operator.attrgetter("start")  # a sort key in C: resolve sorts every block's candidates


def promote_named_rows(candidates: list[Candidate]) -> list[Candidate]:
    """A mobile number in the same block as a valid resident ID is in a list of named people."""
    for c in candidates:
        if c.severity is _BLOCK and c.recognizer.kind == "resident_id":
            break
    else:
        return candidates
    out = []
    for c in candidates:
        if c.recognizer.kind == "mobile_phone" and c.severity is _REVIEW:
            c = Candidate(c.recognizer, c.start, c.end, _BLOCK, 0.9,
                          c.explanation + "，与身份证号码同在一行（名单）", c.priority, c.masked)
        out.append(c)
    return out
