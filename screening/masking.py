"""The one masker: how personal values are shown in ``Finding.masked``, records and sanitized files.

Defaults follow domain.md §3.4 and DESIGN.md §5; an office changes them in ``screening.toml``::

    [masking]
    resident_id = [6, 4]     # keep the first 6 and last 4 characters: 110105********0014
    mobile_phone = [3, 4]    # 138****1234
    char = "*"

Only letters and digits are masked; separators (spaces, hyphens, ``@`` and the domain of an email)
stay, so a masked value keeps its shape. A resident ID policy that would leave any of the 8 birth-
date digits (positions 7–14) visible is refused: a masking that shows the date of birth is not a
masking (domain.md §3.4, §6).

Stored things (records, caches, logs) also keep a keyed hash of the normalised value
(:func:`value_hash`), never the value.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

import regex

from .errors import ConfigError

#: (keep first, keep last) alphanumeric characters per kind.
DEFAULT_KEEP: Mapping[str, tuple[int, int]] = MappingProxyType({
    "resident_id": (6, 4),
    "bank_card": (0, 4),
    "mobile_phone": (3, 4),
    "landline_phone": (4, 2),      # area code + last 2 (an area code of 3 digits keeps one more)
    "passport": (1, 2),
    "travel_permit": (1, 2),
    "social_security": (0, 4),
    "license_plate": (2, 1),       # province + office letter … last character
    "email": (1, 0),               # first character of the local part; the domain stays
    "person_name": (1, 0),         # the surname (compound surnames: see mask_name)
    "default": (2, 2),
})

#: Two-character surnames kept whole in a masked name (domain.md §3.4).
COMPOUND_SURNAMES = frozenset(
    "欧阳 司马 诸葛 上官 东方 皇甫 尉迟 公孙 慕容 长孙 宇文 司徒 夏侯 轩辕 令狐 钟离 端木 南宫 "
    "西门 百里 呼延 独孤 澹台 公冶 宗政 濮阳 太史 申屠 闻人 赫连 万俟 拓跋 第五 单于".split())

_ALNUM = regex.compile(r"[\p{Nd}\p{Latin}]")
_COUNTRY_CODE = regex.compile(r"(?:\+\s*86|0086|\(86\)|（86）)[\s\-]*")


@dataclass(frozen=True, slots=True)
class MaskingPolicy:
    keep: Mapping[str, tuple[int, int]] = field(default_factory=lambda: DEFAULT_KEEP)
    char: str = "*"

    def mask(self, kind: str, text: str) -> str:
        """``text`` masked by the policy of ``kind`` (unknown kinds use ``default``)."""
        if kind == "person_name":
            return mask_name(text, self.char)
        if kind == "email":
            local, at, domain = _split_email(text)
            if at:
                return _mask_alnum(local, 1, 0, self.char) + at + domain
        if kind == "address":
            return mask_address(text, self.char)
        first, last = self.keep.get(kind, self.keep["default"])
        prefix = ""
        if kind in ("mobile_phone", "landline_phone"):
            m = _COUNTRY_CODE.match(text)
            if m:
                prefix, text = m.group(), text[m.end():]
        return prefix + _mask_alnum(text, first, last, self.char)


def _mask_alnum(text: str, first: int, last: int, char: str) -> str:
    positions = [m.start() for m in _ALNUM.finditer(text)]
    if not positions:
        return text
    if first + last >= len(positions):  # too short to keep anything: mask all but the first
        first, last = min(first, 1), 0
    hidden = set(positions[first:len(positions) - last])
    return "".join(char if i in hidden else ch for i, ch in enumerate(text))


def _split_email(text: str) -> tuple[str, str, str]:
    m = regex.search(r"@|＠|\[at\]|\(at\)|#", text)
    if not m:
        return text, "", ""
    return text[:m.start()], m.group(), text[m.end():]


def mask_name(name: str, char: str = "*") -> str:
    """``张*``, ``张**``, ``欧阳*``; a ``·`` name keeps its first segment (``阿卜杜拉·*``)."""
    name = name.strip()
    if "·" in name or "•" in name:
        sep = "·" if "·" in name else "•"
        first, *rest = name.split(sep)
        return first + sep + sep.join(char * max(1, len(r)) for r in rest)
    keep = 2 if name[:2] in COMPOUND_SURNAMES and len(name) > 2 else 1
    return name[:keep] + char * max(1, len(name) - keep)


_ADDRESS_DETAIL = regex.compile(
    r"(\p{Nd}+|[一二三四五六七八九十百零〇]+)\s*(号楼|号院|号|栋|幢|单元|层|楼|室|户|组|弄|巷)")


def mask_address(address: str, char: str = "*") -> str:
    """Mask the house, building, unit and room numbers of an address (keeps the place names)."""
    return _ADDRESS_DETAIL.sub(lambda m: char * len(m.group(1)) + m.group(2), address)


def policy_from_config(raw: Mapping[str, Any]) -> MaskingPolicy:
    """Build the policy from the ``[masking]`` table of screening.toml."""
    table = dict(raw.get("masking", {}))
    char = str(table.pop("char", "*"))
    keep = dict(DEFAULT_KEEP)
    for kind, value in table.items():
        try:
            first, last = (int(v) for v in value)
        except (TypeError, ValueError) as exc:
            raise ConfigError(f"[masking] {kind} 应为 [保留前几位, 保留后几位]，例如 [6, 4]",
                              message_en=f"[masking] {kind} must be [keep_first, keep_last]") from exc
        keep[str(kind)] = (first, last)
    first, last = keep["resident_id"]
    if first > 6 or last > 4:
        raise ConfigError(
            "[masking] resident_id 的设置会露出出生日期（第7至14位），不允许；最多保留前6位和后4位",
            message_en="[masking] resident_id would leave the birth date (digits 7-14) visible; "
                       "keep at most the first 6 and last 4")
    return MaskingPolicy(keep=MappingProxyType(keep), char=char)


def value_hash(value: str, key: bytes) -> str:
    """Keyed hash (HMAC-SHA-256) of a normalised value: what stored things keep instead of it."""
    return hmac.new(key, value.encode("utf-8"), hashlib.sha256).hexdigest()
