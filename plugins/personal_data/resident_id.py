"""``resident_id``: 居民身份证号码 (GB 11643-1999) in every form a published list shows it.

=====================================================  =========  =========================
what                                                   severity   note
=====================================================  =========  =========================
18 characters, check digit (MOD 11-2) and birth date   block      0.99 with a known province,
(1900 … today) right; ``x`` = ``X``; grouped                      0.9 without (never rejects)
``110105 1949 1231 002X``, hyphens, full width,
wrapped in a cell; ``G`` + ID (学籍号)
20 digits whose first 18 are a valid ID (第二代残疾人证号  block      priority below USCC
= ID + 残疾类别 + 残疾等级)
20 digits after 残疾人证 with a wrong check digit      review
15-digit old ID: date (19YY) and province right, not   block      with an ID cue (0.85)
an 工商注册号 (MOD 11,10 check or a 注册号 cue)          review     without (0.6)
any 18-character value in a 身份证号码/证件号码 column  review     a typo still leaks the birth
with a wrong check digit or date                                  date and the region
18 digits ending in ``000``, date and province right,   review     Excel keeps 15 significant
wrong check digit                                                 digits
``1.10105E+17`` (Excel scientific notation)            review     the source .xlsx may still
                                                                  hold the full number
already masked, birth date hidden                      info       ``350423********1234``,
(``35*************123``)                                          ``35*************123``
masked but birth date (partly) visible                 review     ``35042319900101****``
18 digits with a wrong check digit in running text     nothing    a decoy, not an ID
=====================================================  =========  =========================

Explanations never repeat the value (they may be stored): they say what validated.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import ClassVar

import re

from screening import Normalized, Severity

from .recognizer import MASK, Candidate, L, Pattern, R, Recognizer, Scan, groups_of
from .validators import (birth_date, id_check_char, id_checksum_valid, mod11_10_valid,
                         old_id_birth_date)

#: globals: reading ``Severity.X`` goes through ``EnumType.__getattr__``'s hook in 3.11 (~90 ns)
_BLOCK, _REVIEW, _INFO = Severity.BLOCK, Severity.REVIEW, Severity.INFO

#: How grouped IDs are written: 6-8-4, 6-4-4-4, 6-8-3-1, 3-3-4-4-4, 4-4-4-4-2, 6-12.
ID_GROUPINGS = groups_of((6, 8, 4), (6, 4, 4, 4), (6, 8, 3, 1), (3, 3, 4, 4, 4),
                         (4, 4, 4, 4, 2), (6, 12))


class ResidentIdRecognizer(Recognizer):
    name = "personal_data.resident_id"
    kind = "resident_id"
    priority = 100
    PATTERNS = (
        Pattern("id18", r"G?(?P<value>\d{17}[\dXx])", token=True, lengths=(18, 19),
                joined=True, groupings=ID_GROUPINGS),
        Pattern("id20", r"(?P<value>\d{17}[\dXx]\d{2})", token=True, lengths=(20, 20),
                joined=True, groupings=groups_of((18, 2), (6, 8, 4, 2), (6, 4, 4, 4, 2))),
        Pattern("id15", r"(?P<value>\d{15})", token=True, lengths=(15, 15)),
        Pattern("masked", rf"(?=(?:\d*[{MASK}]){{3}})(?P<value>\d[\d{MASK}]{{16}}[\dXx{MASK}])",
                token=True,
                lengths=(18, 18)),
        Pattern("excel", needs=("E1", "e1", "E+1", "e+1"),
                source=rf"{L}(?P<value>[1-9]\.\d{{4,16}}[Ee]\+?(?P<exp>17|14)){R}"),
    )
    CONTEXT = ("resident_id", "id_column", "disability", "registration")
    #: Priorities inside the conflict order: USCC 90 sits between a valid ID and the rest.
    DERIVED_PRIORITY: ClassVar[int] = 85
    COLUMN_PRIORITY: ClassVar[int] = 88
    SHAPED_COLUMN_PRIORITY: ClassVar[int] = 95
    _judges: ClassVar[dict[str, Callable[..., Candidate | None]]]

    def validate(self, value: str) -> bool | None:
        first17 = value[:17]
        if len(value) == 18 and first17.isdigit():
            return id_check_char(first17) == value[17].upper()  # id_checksum_valid, shape known
        return None

    def judge(self, scan: Scan, view: Normalized, m: re.Match[str], pattern: Pattern,
              valid: bool | None) -> Candidate | None:
        return self._judges[pattern.name](self, scan, view, m, valid)

    def _id18(self, scan: Scan, view: Normalized, m: re.Match[str],
              valid: bool | None) -> Candidate | None:
        value = m["value"].upper()
        column = scan.header_cue("id_column")
        if not (valid or column or value.endswith("000")):
            return None  # a wrong check digit in running text: a decoy, not an ID
        start, end = m.span("value")
        born = birth_date(value, scan.settings.today)
        province = scan.settings.province(value)
        if valid and born:
            confidence = 0.99 if province else 0.9
            why = _checked(province)
            if m.start() < start:
                why += "；前缀 G：学籍号（G+身份证号码）"
            if column:
                why += f"；位于\u201c{column}\u201d列"
            if view.joins and view.separators(start, end):
                why += "；分组书写"
            return self.candidate(scan, view, start, end, _BLOCK, confidence, why)
        if column:
            problem = "校验位不符" if born else "出生日期无效"
            # shaped like an ID (date and province right): an ID typo even if it happens to
            # pass the credit-code check (1 in 31); otherwise a credit code in the column wins
            shaped = born and scan.settings.provinces.get(value[:2])
            return self.candidate(
                scan, view, start, end, _REVIEW, 0.7,
                f"位于\u201c{column}\u201d列的18位号码，{problem}（可能是笔误），"
                "但仍暴露出生日期和地区",
                priority=self.SHAPED_COLUMN_PRIORITY if shaped else self.COLUMN_PRIORITY)
        if born and province and value.endswith("000"):
            return self.candidate(
                scan, view, start, end, _REVIEW, 0.6,
                "末三位为000、出生日期和地区码有效：可能是被 Excel 截断的身份证号码，"
                "原件可能仍含完整号码", priority=self.COLUMN_PRIORITY)
        return None

    def _id20(self, scan: Scan, view: Normalized, m: re.Match[str],
              valid: bool | None) -> Candidate | None:
        value = m["value"].upper()
        start, end = m.span("value")
        cue = scan.cue("disability", view, start)
        if id_checksum_valid(value[:18]) and birth_date(value[:18], scan.settings.today):
            what = "残疾人证号" if cue else "含身份证号码的20位编号（如残疾人证号）"
            return self.candidate(
                scan, view, start, end, _BLOCK, 0.95 if cue else 0.85,
                f"{what}：前18位{_checked(scan.settings.province(value))}",
                priority=self.DERIVED_PRIORITY)
        if cue and birth_date(value[:18], scan.settings.today):
            return self.candidate(
                scan, view, start, end, _REVIEW, 0.6,
                f"\u201c{cue}\u201d后的20位号码，前18位出生日期有效但校验位不符",
                priority=self.DERIVED_PRIORITY)
        return None

    def _id15(self, scan: Scan, view: Normalized, m: re.Match[str],
              valid: bool | None) -> Candidate | None:
        value = m["value"]
        start, end = m.span("value")
        province = scan.settings.provinces.get(value[:2])
        if not (province and old_id_birth_date(value, scan.settings.today)):
            return None
        if scan.cue("registration", view, start):
            return None
        cue = scan.cue("resident_id", view, start) or scan.header_cue("id_column")
        if cue:
            return self.candidate(scan, view, start, end, _BLOCK, 0.85,
                                  f"15位旧身份证号码：出生日期和地区码（{province}）有效，"
                                  f"前有\u201c{cue}\u201d")
        if mod11_10_valid(value):
            return None  # more likely a 15-digit 工商注册号
        return self.candidate(scan, view, start, end, _REVIEW, 0.6,
                              f"可能是15位旧身份证号码：出生日期和地区码（{province}）有效")

    def _masked(self, scan: Scan, view: Normalized, m: re.Match[str],
                valid: bool | None) -> Candidate | None:
        value = m["value"]
        start, end = m.span("value")
        hidden = [i for i, ch in enumerate(value[:17]) if ch in MASK]
        visible = sum(ch.isdigit() for ch in value)
        if len(hidden) < 3 or visible < 2 or not scan.settings.province(value):
            return None
        date_part = value[6:14]
        if all(ch in MASK for ch in date_part):
            return self.candidate(scan, view, start, end, _INFO, 0.8,
                                  "已遮盖的身份证号码（出生日期已隐藏）")
        if date_part.isdigit() and not birth_date(value, scan.settings.today):
            return None
        char = scan.config.masking.char
        masked = view.text[start:start + 6] + char * 8 + view.text[start + 14:end]
        return self.candidate(scan, view, start, end, _REVIEW, 0.8,
                              "遮盖不充分：身份证号码的出生日期（第7至14位）仍可见",
                              masked=masked)

    def _excel(self, scan: Scan, view: Normalized, m: re.Match[str],
               valid: bool | None) -> Candidate | None:
        mantissa = m["value"].split("E")[0].split("e")[0].replace(".", "")
        if mantissa[:2] not in scan.settings.provinces:
            return None
        start, end = m.span("value")
        digits = 18 if m["exp"] == "17" else 15
        return self.candidate(scan, view, start, end, _REVIEW, 0.7,
                              f"Excel 科学计数法损坏的身份证号（{digits}位），原件可能仍含完整号码")


ResidentIdRecognizer._judges = {p.name: getattr(ResidentIdRecognizer, "_" + p.name)
                                for p in ResidentIdRecognizer.PATTERNS}


@functools.cache  # a few dozen provinces, hundreds of IDs a document
def _checked(province: str | None) -> str:
    region = f"地区码属{province}" if province else "地区码未在省级代码表中（不影响判断）"
    return f"校验位正确，出生日期有效，{region}"
