"""``landline_phone``: fixed-line numbers with an area code, or after a 电话 label (domain.md §6.6).

=====================================================  =========  ================================
what                                                   severity   note
=====================================================  =========  ================================
area code from ``pd_area_codes`` (010, 02X: 8-digit    review     ``0598-8705050``,
local; 03xx–09xx: 7 or 8) + a local number not                    ``（0598）8705050``,
starting with 0/1; extension ``-1234``, ``转1234``,               ``0598—8705050``,
``分机1234``                                                       ``05988705050``
7–8 digits right after a 电话/Tel/☎ label             review     ``电话：8705050``
labelled 咨询/监督/举报/投诉/办公/服务/热线 … in the 10   info       a public line
characters before; the office's own numbers
(``[personal_data] office_numbers``)
400/800 hotlines; an area code + a public short        info       ``400-810-1234``,
number (``0598-12345``, 95xxx, 96xxx)                             ``0598-12345``
家庭电话/住宅电话 label                                  review     never info
=====================================================  =========  ================================

Bare short numbers (110, 12345, 95588) are no identifier and produce nothing.
"""

from __future__ import annotations

import re

from screening import Normalized, Severity

from .mobile_phone import LABEL_WINDOW, published_line
from .recognizer import Candidate, Pattern, R, Recognizer, Scan

#: globals: reading ``Severity.X`` goes through ``EnumType.__getattr__``'s hook in 3.11 (~90 ns)
_REVIEW, _INFO = Severity.REVIEW, Severity.INFO

_DASH = r"(?: ?[\-\u2010-\u2015] ?| {1,2})"
_EXT = r"(?P<ext>(?: ?(?:-|转|分机|ext\.?|EXT\.?) ?)\d{1,5})"


class LandlinePhoneRecognizer(Recognizer):
    name = "personal_data.landline_phone"
    kind = "landline_phone"
    priority = 65
    PATTERNS = (
        Pattern("number", rf"(?=[(048])(?<![0-9A-Za-z])(?P<value>"
                          rf"(?P<hotline>[48]00{_DASH}?\d{{3}}{_DASH}?\d{{4}})(?![0-9A-Za-z])"
                          rf"|(?:\((?P<a3>0\d{{2,3}})\) ?|(?P<a4>0\d{{2,3}}){_DASH}?)"
                          rf"(?P<short>1\d{{2,4}}|9[56]\d{{3}})(?![0-9A-Za-z])"
                          rf"|\((?P<a1>0\d{{2,3}})\) ?(?P<l1>[2-9]\d{{6,7}})"
                          rf"|(?P<a2>0\d{{2,3}}){_DASH}?(?P<l2>[2-9]\d{{6,7}})){_EXT}?{R}"),
        Pattern("labelled", rf"{{cue:landline}}(?:号码)? ?:? ?(?P<value>[2-9]\d{{6,7}}){_EXT}?{R}"),
    )
    CONTEXT = ("landline", "label", "private")

    def judge(self, scan: Scan, view: Normalized, m: re.Match[str], pattern: Pattern,
              valid: bool | None) -> Candidate | None:
        start, end = m.span("value")
        g = m.groupdict()
        if g.get("hotline"):
            return self.candidate(scan, view, start, end, _INFO, 0.9,
                                  "400/800 服务热线，属公开号码")
        if g.get("short"):
            area = g["a3"] or g["a4"]
            short = g["short"]
            if area not in scan.settings.area_codes or not (
                    short in scan.settings.public_short
                    or any(short.startswith(p) and len(short) == 5
                           for p in scan.settings.public_prefixes)):
                return None
            return self.candidate(scan, view, start, end, _INFO, 0.9,
                                  "区号加公共服务号码，属公开号码")
        if g["ext"]:
            end = m.end("ext")
        if pattern.name == "number":
            place = self._area(scan, m)
            if place is None:
                return None
            what = f"区号属{place}"
        else:
            what = "\u201c电话\u201d标注后的号码"
        # a private label (家庭电话 …) wins over everything, as in public_line: asked once, first
        private = scan.cue("private", view, start, LABEL_WINDOW, header=False)
        if private:
            return self.candidate(scan, view, start, end, _REVIEW, 0.85,
                                  f"固定电话（{what}），标注为\u201c{private}\u201d")
        public = published_line(scan, view, start, m["value"])
        if public:
            return self.candidate(scan, view, start, end, _INFO, 0.7, public)
        return self.candidate(scan, view, start, end, _REVIEW, 0.7,
                              f"固定电话（{what}）；如为单位公开电话，可在配置中列为本机关号码")

    def _area(self, scan: Scan, m: re.Match[str]) -> str | None:
        """The place of the area code, trying both splits when none was written."""
        areas = scan.settings.area_codes
        if m["a1"] is not None:
            return _place(areas, m["a1"], m["l1"])
        value = m["value"]
        if value[len(m["a2"]):len(m["a2"]) + 1].isdigit():  # written without a separator
            digits = m["a2"] + m["l2"]
            for n in (3, 4):
                place = _place(areas, digits[:n], digits[n:])
                if place:
                    return place
            return None
        return _place(areas, m["a2"], m["l2"])


def _place(areas: dict[str, str], area: str, local: str) -> str | None:
    place = areas.get(area)
    if place is None or local[:1] in ("0", "1"):
        return None
    if len(area) == 3 and len(local) != 8:
        return None
    if len(local) not in (7, 8):
        return None
    return place
