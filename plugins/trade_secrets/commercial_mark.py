"""``commercial_mark``: trade-secret marks and confidentiality claims (domain.md §1.4, §4.2 rows
1–5, 60–61).

中央企业 marks (《中央企业商业秘密保护暂行规定》 Arts. 13–15) are 权属 + level + ▲ + period:
``株机公司普通商密▲5年``, ``核心商密▲长期``. The finding covers the whole mark: the owner when the
mark starts its line, the ▲ and the period. Claims in an enterprise's submission (本文件含商业秘密,
涉及商业秘密，不同意公开, CONFIDENTIAL) are the same kind: the owner asks that it not be published.
"""

from __future__ import annotations

import regex

from screening import Block

from .detector import LexiconDetector
from .spec import TRADE_SECRETS

_PERIOD = regex.compile(
    r" ?▲? ?(?:\d{1,3} ?(?:年|个月)|[一二三四五六七八九十]{1,3}年|长期|永久|公布前|[^\s,。;]{0,12}前)?")
_OWNER = regex.compile(r"(?:^|[\s(:【\[])([\p{Han}A-Za-z0-9]{1,12}?(?:公司|集团|企业|厂|院|所))$")


class CommercialMarkDetector(LexiconDetector):
    name = "trade_secrets.commercial_mark"
    kind = "commercial_mark"
    noun = "商业秘密标志或保密声明"
    spec = TRADE_SECRETS

    def widen(self, text: str, start: int, end: int, block: Block) -> tuple[int, int]:
        if "商密" not in text[start:end] and not text[start:end].endswith("▲"):
            return start, end
        m = _PERIOD.match(text, end)
        if m and m.group().strip():
            end = m.end()
            while end > start and text[end - 1] == " ":
                end -= 1
        owner = _OWNER.search(text, max(0, start - 13), start)
        if owner:
            start = owner.start(1)
        return start, end
