"""``license_plate``: motor-vehicle plates (GA 36-2018; domain.md §6.10).

=====================================================  =========  ================================
what                                                   severity   note
=====================================================  =========  ================================
province abbreviation + office letter + 5 characters   review     ``京A·12345``, ``粤B 1Q2W3``;
(digits, letters without I/O; at least one digit)                  separators ``·`` ``•`` ``.``
                                                                  ``-`` or a space
new-energy: 6 characters (``D``/``F`` + letter or      review     ``粤B D12345``, ``粤B 12345D``
digit + 4 digits, or 5 digits + ``D``/``F``)
the last character 学/警/挂/领/港/澳                    review     ``粤Z·1234港``
already masked ``苏D4***0``                            info
=====================================================  =========  ================================

Plates are personal data when linked to a person (courts delete them); an agency's 公车 list is
usually public, which a person decides.
"""

from __future__ import annotations

import re

from screening import Normalized, Severity

from .recognizer import MASK, Candidate, Pattern, R, Recognizer, Scan

PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼"
_A = "A-HJ-NP-Z"
_SEP = r"(?: ?[·•.\-] ?| )?"


class LicensePlateRecognizer(Recognizer):
    name = "personal_data.license_plate"
    kind = "license_plate"
    priority = 40
    PATTERNS = (
        Pattern("plate", rf"(?P<value>[{PROVINCES}][{_A}]{_SEP}"
                         rf"(?:(?P<tail>[DF][{_A}0-9]\d{{4}}|\d{{5}}[DF]"
                         rf"|[{_A}0-9]{{5}}|[{_A}0-9]{{4}}[学警挂领港澳])"
                         rf"|(?P<masked>[{_A}0-9]{{0,3}}[{MASK}]{{2,4}}[{_A}0-9]{{0,2}}))){R}"),
    )

    def judge(self, scan: Scan, view: Normalized, m: re.Match[str], pattern: Pattern,
              valid: bool | None) -> Candidate | None:
        start, end = m.span("value")
        tail = m["tail"]
        if tail is None:
            if len(m["masked"]) not in (5, 6):
                return None
            return self.candidate(scan, view, start, end, Severity.INFO, 0.7, "已遮盖的车牌号码")
        if not any(ch.isdigit() for ch in tail):
            return None
        what = "新能源汽车号牌" if len(tail) == 6 else "机动车号牌"
        return self.candidate(scan, view, start, end, Severity.REVIEW, 0.8,
                              f"{what}格式（省份简称+发牌机关代号+序号）")
