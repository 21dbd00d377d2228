"""``passport``: PRC passport numbers and the HKSAR/MSAR ones (domain.md §6.8). No check digit
exists, so the format decides and a 护照 cue raises confidence.

=====================================================  =========  ================================
what                                                   severity   note
=====================================================  =========  ================================
``E`` + 8 digits (to 2017), ``E`` + letter (not I/O)   review     0.6 alone, 0.9 after 护照 /
+ 7 digits (from 2017-04), ``G`` + 8 digits                       Passport No. or in a 护照 column
公务普通 ``P``/``PE``, 公务 ``S``/``SE`` (+7 or         review     only with a 护照 cue: too close
``S`` + 8), 外交 ``D``/``DE``, HKSAR ``K`` + 8, MSAR                to other serials on their own
``MA`` + 7, old ``14``/``15`` + 7 digits
=====================================================  =========  ================================
"""

from __future__ import annotations

import re

from screening import Normalized, Severity

from .recognizer import Candidate, Pattern, Recognizer, Scan


class PassportRecognizer(Recognizer):
    name = "personal_data.passport"
    kind = "passport"
    priority = 50
    PATTERNS = (
        Pattern("ordinary", r"(?P<value>E\d{8}|E[A-HJ-NP-Z]\d{7}|G\d{8})", token=True,
                lengths=(9, 9)),
        Pattern("cued", r"(?P<value>(?:PE|SE|DE|MA)\d{7}|[PSD]\d{7}|[SK]\d{8}|1[45]\d{7})",
                token=True, lengths=(8, 9)),
    )
    CONTEXT = ("passport",)

    def judge(self, scan: Scan, view: Normalized, m: re.Match[str], pattern: Pattern,
              valid: bool | None) -> Candidate | None:
        start, end = m.span("value")
        cue = scan.cue("passport", view, start)
        if cue:
            return self.candidate(scan, view, start, end, Severity.REVIEW, 0.9,
                                  f"护照号码格式，前有\u201c{cue}\u201d")
        if pattern.name == "cued":
            return None
        return self.candidate(scan, view, start, end, Severity.REVIEW, 0.6,
                              "符合中国普通护照号码格式（E/G 开头）")
