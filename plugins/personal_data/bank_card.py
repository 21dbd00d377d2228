"""``bank_card``: bank card numbers and, by context, bank account numbers (domain.md §6.7).

=====================================================  =========  ================================
what                                                   severity   note
=====================================================  =========  ================================
16–19 digits, Luhn right and a known BIN (62 银联,     block      plain or grouped by fours
4 Visa, 51–55/2221–2720 Mastercard, 3528–3589 JCB)                (``6222 0202 0011 2233 4``)
10–25 digits within 12 characters after 账号, 卡号,     block      citizens' accounts (补贴花名册,
开户行, 户名, 代发, 一卡通, 惠农卡 … or under such a                 代发: the top leak source)
column header
the same with an organisation word (公司, 单位, 有限,   review     an organisation's receiving
采购人, 基本户 …) in the 40 characters before                      account in a procurement or tax
                                                                  notice is usually meant to be
                                                                  public; courts still delete it
already masked (``6222 **** **** 3256``)               info
Luhn-failing serials without context                   nothing
an 18-digit run shaped like an ID (date + province)    nothing    a mistyped ID, not a card
without account context
=====================================================  =========  ================================
"""

from __future__ import annotations

import re

from screening import Normalized, Severity

from .recognizer import MASK, Candidate, Pattern, R, Recognizer, Scan
from .validators import birth_date, card_scheme, luhn_valid

#: globals: reading ``Severity.X`` goes through ``EnumType.__getattr__``'s hook in 3.11 (~90 ns)
_BLOCK, _REVIEW, _INFO = Severity.BLOCK, Severity.REVIEW, Severity.INFO


def card_grouping(groups: tuple[int, ...]) -> bool:
    """Fours with a shorter last group (``6222 0202 0011 2233 445``), or 6 + the rest."""
    if len(groups) == 2 and groups[0] == 6:
        return True
    return len(groups) >= 3 and all(g == 4 for g in groups[:-1]) and 1 <= groups[-1] <= 4


def account_grouping(groups: tuple[int, ...]) -> bool:
    """Accounts are written in groups of 3 to 8 digits (only counted after an account cue)."""
    return all(3 <= g <= 8 for g in groups[:-1]) and groups[-1] >= 1


class BankCardRecognizer(Recognizer):
    name = "personal_data.bank_card"
    kind = "bank_card"
    priority = 30
    PATTERNS = (
        Pattern("number", r"(?P<value>\d{10,25})", token=True, lengths=(10, 25), joined=True,
                groupings=lambda g: card_grouping(g) or account_grouping(g)),
        Pattern("masked", needs="*●○×",
                source=rf"(?=\d{{4}})(?<![0-9A-Za-z])(?P<value>\d{{4,6}}(?: ?[{MASK}]){{4,13}}"
                       rf"(?: ?\d){{3,4}}){R}"),
    )
    CONTEXT = ("bank_account", "organisation", "social_security")

    def validate(self, value: str) -> bool | None:
        if not value.isdigit():
            return None
        return bool(16 <= len(value) <= 19 and card_scheme(value) and luhn_valid(value))

    def judge(self, scan: Scan, view: Normalized, m: re.Match[str], pattern: Pattern,
              valid: bool | None) -> Candidate | None:
        start, end = m.span("value")
        if pattern.name == "masked":
            return self._masked(scan, view, m)
        value = m["value"]
        cue = scan.cue("bank_account", view, start)
        if not valid and not cue:
            return None  # the common case: a phone, an ID, a serial
        if valid and not _id_shaped(scan, value) and (cue or _card_like(view, start, end)):
            scheme = card_scheme(value)
            why = f"Luhn 校验通过，发卡机构识别码属{scheme}"
            if cue:
                why += f"，前有\u201c{cue}\u201d"
            return self.candidate(scan, view, start, end, _BLOCK, 0.95, why)
        if not cue or scan.cue("social_security", view, start):
            return None  # a serial, an amount, a mistyped ID …; 社保卡号 is social_security
        org = scan.settings.words("organisation").search(scan.before(view, start, 40))
        if org:
            return self.candidate(
                scan, view, start, end, _REVIEW, 0.6,
                f"\u201c{cue}\u201d后的账号，上下文有\u201c{org.group()}\u201d："
                "可能是单位收款账户（通常可公开），请核实是否为个人账户")
        return self.candidate(scan, view, start, end, _BLOCK, 0.8,
                              f"\u201c{cue}\u201d后的{len(value)}位账号（无校验位，按上下文判断）")

    def _masked(self, scan: Scan, view: Normalized, m: re.Match[str]) -> Candidate | None:
        start, end = m.span("value")
        text = m["value"].replace(" ", "")
        if not 12 <= len(text) <= 25:
            return None
        return self.candidate(scan, view, start, end, _INFO, 0.7,
                              "已遮盖的银行卡号")


def _card_like(view: Normalized, start: int, end: int) -> bool:
    """Written as a card is: in one piece (or wrapped), or in a card's grouping."""
    separators = view.separators(start, end)
    return (not separators or all("\n" in s for s in separators)
            or card_grouping(view.groups(start, end)))


def _id_shaped(scan: Scan, value: str) -> bool:
    """An 18-digit run with a birth date and a province: a mistyped resident ID, not a card."""
    return (len(value) == 18 and scan.settings.provinces.get(value[:2]) is not None
            and birth_date(value, scan.settings.today) is not None)
