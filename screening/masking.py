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

import functools
import hashlib
import hmac
import re
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
#: what a _COUNTRY_CODE match starts with (an area code 0598… or (0598)… does not)
_COUNTRY_CODE_LEADS = ("+", "0086", "(86)", "（86）")


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
        keep = self.keep.get(kind)
        first, last = keep if keep is not None else self.keep["default"]
        if kind in ("mobile_phone", "landline_phone") and text.startswith(_COUNTRY_CODE_LEADS):
            m = _COUNTRY_CODE.match(text)
            if m:
                return m.group() + _mask_alnum(text[m.end():], first, last, self.char)
        return _mask_alnum(text, first, last, self.char)


def _mask_alnum(text: str, first: int, last: int, char: str) -> str:
    if text.isascii():
        if text.isalnum():  # the common case, without a scan
            n = len(text)
            if first + last >= n:
                first, last = min(first, 1), 0
            return text[:first] + char * (n - first - last) + text[n - last:]
        # in ASCII, the letters and digits of _ALNUM are exactly what str.isalnum accepts
        positions = [i for i, ch in enumerate(text) if ch.isalnum()]
    else:
        positions = [m.start() for m in _ALNUM.finditer(text)]
    if not positions:
        return text
    if first + last >= len(positions):  # too short to keep anything: mask all but the first
        first, last = min(first, 1), 0
    if first >= len(positions) - last:
        return text
    # every letter and digit from the first hidden to the last hidden one
    a, b = positions[first], positions[len(positions) - last - 1] + 1
    table = _ascii_alnum_table(char) if text.isascii() else _mask_table(_ALNUM, char)
    return text[:a] + text[a:b].translate(table) + text[b:]


class _MaskTable(dict):
    """``str.translate`` table: every character ``pattern`` matches → the mask character, any
    other character → itself (filled on first use)."""

    def __init__(self, pattern: regex.Pattern[str], char: str):
        super().__init__()
        self.pattern = pattern
        self.char = char

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        found = self[code] = self.char if self.pattern.fullmatch(ch) else ch
        return found


@functools.lru_cache(maxsize=16)
def _mask_table(pattern: regex.Pattern[str], char: str) -> _MaskTable:
    return _MaskTable(pattern, char)


@functools.lru_cache(maxsize=8)
def _ascii_alnum_table(char: str) -> dict[int, str]:
    return str.maketrans({ch: char for ch in
                          "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"})


#: literals only: ``re`` finds them with a cheaper call than ``regex``
_EMAIL_AT = re.compile(r"@|＠|\[at\]|\(at\)|#")


def _split_email(text: str) -> tuple[str, str, str]:
    m = _EMAIL_AT.search(text)
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


#: a run of details (88号3栋2单元501室): one match, one call of the function of ``sub``, where a
#: match per detail took 30 % more time. Each repetition matches what a new match would at
#: that place, so the run masks the same numerals as its details one by one.
_ADDRESS_DETAILS = regex.compile(
    r"(?:(?:\p{Nd}+(?:\s*[-－‐–—]\s*\p{Nd}+)*|[一二三四五六七八九十百零〇]+)\s*"
    r"(?:号楼|号院|号|栋|幢|单元|层|楼|室|户|组|弄|巷)"
    # a room number written without 室 after the unit (2单元501), or 3-2-501 on its own
    r"|(?<=单元|栋|幢|号楼|座)\p{Nd}+(?!\p{Nd})|(?<!\p{Nd})\p{Nd}+(?:[-－]\p{Nd}+){2,3}(?!\p{Nd}))+")
_ADDRESS_NUMERAL = regex.compile(r"[\p{Nd}一二三四五六七八九十百零〇]")


def mask_address(address: str, char: str = "*") -> str:
    """Mask the house, building, unit and room numbers of an address (keeps the place names and
    the hyphens of ``88-1号``, ``3-2-501``)."""
    table = _mask_table(_ADDRESS_NUMERAL, char)
    return _ADDRESS_DETAILS.sub(lambda m: m.group().translate(table), address)


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
