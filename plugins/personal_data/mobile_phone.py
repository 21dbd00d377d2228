"""``mobile_phone``: 11-digit mobile numbers with an allocated network number (domain.md §6.5).

=====================================================  =========  ================================
what                                                   severity   note
=====================================================  =========  ================================
``1[3-9]`` + 9 digits, allocated prefix (MIIT 2023);   review     ``+86``, ``0086``, ``(86)``,
spaced ``138 1234 5678``, hyphenated, dotted, full                 ``86`` in front are part of it
width, wrapped in a cell
… in a list of named people: a table whose header row  block      公示/花名册 with names and phones
has 姓名/户主/申请人 …, or a line that also holds a                 is the leak the rules criticise
valid resident ID or a 姓名 label
… labelled 监督/举报/咨询/办公/服务/热线 电话 in the 10   info       a line published on purpose
characters before; one of the office's own numbers
already masked ``138****1234``                         info
unallocated prefix (154, 140–144, 194 …), part of a    nothing    archive numbers, serials, dates
longer digit run
=====================================================  =========  ================================

The line rule (a resident ID in the same block) is applied by :mod:`.identifiers`, which sees all
candidates of a block.
"""

from __future__ import annotations

import re

from screening import Normalized, Severity

from .recognizer import MASK, Candidate, Pattern, Recognizer, Scan, groups_of
from .validators import mobile_prefix_allocated

#: globals: reading ``Severity.X`` goes through ``EnumType.__getattr__``'s hook in 3.11 (~90 ns)
_BLOCK, _REVIEW, _INFO = Severity.BLOCK, Severity.REVIEW, Severity.INFO

#: A country code written before the number's token: +86, (86), (+86), 0086 or 86 — with an
#: optional space or hyphen.
COUNTRY_BEFORE = re.compile(r"(?:\+ ?86|\(\+?86\)|(?<![0-9A-Za-z])0086|(?<![0-9A-Za-z+])86)[ \-]?$")
#: What can stand right before a number that follows a country code.
_BEFORE_CC = frozenset(" -)6")
#: Public lines: a label word in the 10 characters before the number (lexicon pd_public_numbers).
LABEL_WINDOW = 10


class MobilePhoneRecognizer(Recognizer):
    name = "personal_data.mobile_phone"
    kind = "mobile_phone"
    priority = 70
    PATTERNS = (
        Pattern("number", r"(?P<cc>0086|86)?(?P<value>1[3-9]\d{9})", token=True,
                lengths=(11, 15), joined=True, groupings=groups_of((3, 4, 4), (3, 8), (7, 4))),
        Pattern("masked", rf"(?=(?:\d*[{MASK}]){{3}})(?P<value>1[3-9][\d{MASK}]{{9}})", token=True,
                lengths=(11, 11)),
    )
    CONTEXT = ("name_label", "label", "private")

    def validate(self, value: str) -> bool | None:
        if not value.isdigit():
            return None
        return mobile_prefix_allocated(value)

    def judge(self, scan: Scan, view: Normalized, m: re.Match[str], pattern: Pattern,
              valid: bool | None) -> Candidate | None:
        start, end = m.span("value")
        if pattern.name == "masked":
            if sum(ch in MASK for ch in m["value"]) < 3 or not m["value"][:3].isdigit():
                return None
            return self.candidate(scan, view, start, end, _INFO, 0.8, "已遮盖的手机号码")
        if not valid:
            return None
        if m["cc"]:
            start = m.start("cc") - (view.text[m.start("cc") - 1:m.start("cc")] == "+")
        elif view.text[start - 1:start] in _BEFORE_CC:
            cc = COUNTRY_BEFORE.search(scan.before(view, start, 8))
            if cc:
                start -= len(cc.group())
        public = public_line(scan, view, start, m["value"])
        if public:
            return self.candidate(scan, view, start, end, _INFO, 0.7, public)
        if scan.in_named_list():
            return self.candidate(scan, view, start, end, _BLOCK, 0.95,
                                  "号段已分配的手机号码，位于列有姓名的名单表格中")
        label = scan.name_label()
        if label:
            return self.candidate(scan, view, start, end, _BLOCK, 0.9,
                                  f"号段已分配的手机号码，与\u201c{label}\u201d同在一行")
        return self.candidate(scan, view, start, end, _REVIEW, 0.85,
                              "号段已分配的手机号码")


def public_line(scan: Scan, view: Normalized, start: int, value: str) -> str | None:
    """Why a phone number is a public line (an explanation), or ``None``.

    A private label (家庭电话 …) before the number wins over everything; then the office's own
    numbers (``[personal_data] office_numbers``), then a public label (监督电话 …).
    """
    if scan.cue("private", view, start, LABEL_WINDOW, header=False):
        return None
    return published_line(scan, view, start, value)


def published_line(scan: Scan, view: Normalized, start: int, value: str) -> str | None:
    """:func:`public_line` for a number already known to have no private label before it."""
    if scan.settings.is_office_number(value):
        return "本机关公开的办公电话（配置 [personal_data] office_numbers）"
    label = scan.cue("label", view, start, LABEL_WINDOW, header=False)
    if label is not None:
        return f"标注为\u201c{label}\u201d的公开电话"
    return None
