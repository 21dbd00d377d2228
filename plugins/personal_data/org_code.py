"""Organisation codes (统一社会信用代码, 组织机构代码): public registry data, reported as ``info``.

They are recognised so that they win their span: an 18-character 统一社会信用代码 can look like a
resident ID, a bank card or an account number, and must never be reported as one (domain.md §6.3,
§6.4; the conflict order puts it right after a valid ID).

* 统一社会信用代码 (GB 32100-2015): 18 characters of ``0-9A-HJ-NPQRTUWXY``, digits 3–8 a region
  code, the last a MOD 31 check; lower case accepted. ``92…`` (个体工商户) is info with a note: the
  business is public registry data, but it belongs to a natural person.
* 组织机构代码 (GB 11714-1997): ``XXXXXXXX-C`` with its MOD 11 check (only the hyphenated form
  with a digit before the hyphen: a bare 9-character code is too short to tell from other
  serials).

Nothing here is ever ``review`` or ``block``.
"""

from __future__ import annotations

import re

from screening import Normalized, Severity

from .recognizer import Candidate, Pattern, Recognizer, Scan, groups_of
from .validators import org_code_valid, uscc_valid

_C = "0-9A-HJ-NPQRTUWXYa-hj-npqrtuwxy"


class OrganisationCodeRecognizer(Recognizer):
    name = "personal_data.org_code"
    kind = "org_code"
    priority = 90
    PATTERNS = (
        Pattern("uscc", rf"(?P<value>[{_C}]{{2}}\d{{6}}[{_C}]{{10}})", token=True,
                lengths=(18, 18), joined=True),
        Pattern("org", r"(?P<value>[0-9A-Z]{8}[0-9X])", token=True, lengths=(9, 9),
                joined_only=True, groupings=groups_of((8, 1))),
    )

    def validate(self, value: str) -> bool | None:
        code = value.upper().replace("-", "")
        return uscc_valid(code) if len(code) == 18 else org_code_valid(code)

    def judge(self, scan: Scan, view: Normalized, m: re.Match[str], pattern: Pattern,
              valid: bool | None) -> Candidate | None:
        if not valid:
            return None
        start, end = m.span("value")
        text = view.text[start:end]
        if pattern.name == "org":
            why = "组织机构代码（GB 11714 校验位正确），属公开登记信息"
        elif text.startswith("92"):
            why = ("统一社会信用代码（GB 32100 校验位正确），个体工商户：登记信息公开，"
                   "但与经营者个人相关，勿同时公开其身份证号、住址等")
        else:
            why = "统一社会信用代码（GB 32100 校验位正确），属公开登记信息"
        return self.candidate(scan, view, start, end, Severity.INFO, 0.95, why)
