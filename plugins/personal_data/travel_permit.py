"""``travel_permit``: 港澳/台湾 travel permits (domain.md §6.9). No check digit; the format and a
cue decide.

=====================================================  =========  ================================
what                                                   severity   note
=====================================================  =========  ================================
港澳居民来往内地通行证 (回乡证): ``H``/``M`` + 8 or 10    review     0.6 alone, 0.9 with a cue
digits (10 = lifetime number + replacement count)
往来港澳通行证 ``C`` + 8 digits; 往来台湾通行证 ``L`` +  review     only with a 通行证/港澳/证件号
8 digits                                                          cue
台胞证 8 digits (10 with an old booklet, optional       review     only right after 台胞证 /
``(A)`` suffix)                                                   台湾居民来往大陆通行证
=====================================================  =========  ================================
"""

from __future__ import annotations

import re

from screening import Normalized, Severity

from .recognizer import Candidate, Pattern, R, Recognizer, Scan


class TravelPermitRecognizer(Recognizer):
    name = "personal_data.travel_permit"
    kind = "travel_permit"
    priority = 50
    PATTERNS = (
        Pattern("home_return", r"(?P<value>[HM]\d{8}(?:\d{2})?)", token=True, lengths=(9, 11)),
        Pattern("exit_permit", r"(?P<value>[CL]\d{8})", token=True, lengths=(9, 9)),
        Pattern("taiwan", rf"{{cue:taiwan_permit}}(?:号码|号)? ?:? ?"
                          rf"(?P<value>\d{{8}}(?:\d{{2}})?(?:\([A-Z]\))?){R}"),
    )
    CONTEXT = ("travel_permit", "taiwan_permit")

    def judge(self, scan: Scan, view: Normalized, m: re.Match[str], pattern: Pattern,
              valid: bool | None) -> Candidate | None:
        start, end = m.span("value")
        if pattern.name == "taiwan":
            return self.candidate(scan, view, start, end, Severity.REVIEW, 0.85,
                                  "台湾居民来往大陆通行证（台胞证）号码")
        cue = scan.cue("travel_permit", view, start) or scan.cue("taiwan_permit", view, start)
        if cue:
            return self.candidate(scan, view, start, end, Severity.REVIEW, 0.9,
                                  f"通行证号码格式，前有\u201c{cue}\u201d")
        if pattern.name == "exit_permit":
            return None
        return self.candidate(scan, view, start, end, Severity.REVIEW, 0.6,
                              "符合港澳居民来往内地通行证（回乡证）号码格式（H/M 开头）")
