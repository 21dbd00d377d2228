"""``social_security``: 社会保障卡号 / 医保卡号 by context (domain.md §6.11).

The card number has no public check digit; only a label right before it (社保卡号, 社会保障卡号,
医保卡号, 社会保障号码 …) makes a 6–20-character value one. What else the value is wins by the
conflict order: a valid resident ID (the 社会保障号码 *is* the ID number) is a ``resident_id``, a
62… card with a right Luhn digit a ``bank_card``. Severity ``review``.
"""

from __future__ import annotations

import re

from screening import Normalized, Severity

from .recognizer import Candidate, Pattern, R, Recognizer, Scan


class SocialSecurityRecognizer(Recognizer):
    name = "personal_data.social_security"
    kind = "social_security"
    priority = 10
    PATTERNS = (
        Pattern("labelled", rf"(?P<cue>{{cue:social_security}})(?:号码|号)? ?(?:[:为是] ?)?"
                            rf"(?P<value>(?=[A-Za-z]{{0,3}}\d)[0-9A-Za-z]{{6,20}}){R}"),
    )
    CONTEXT = ("social_security",)

    def judge(self, scan: Scan, view: Normalized, m: re.Match[str], pattern: Pattern,
              valid: bool | None) -> Candidate | None:
        start, end = m.span("value")
        return self.candidate(scan, view, start, end, Severity.REVIEW, 0.8,
                              f"\u201c{m['cue']}\u201d后的号码")
