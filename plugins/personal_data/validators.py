"""Check digits, dates and allocated prefixes of Chinese identifiers (domain.md §6).

Pure functions over normalised values (ASCII digits, upper-case letters); no I/O. The recognizers
turn their answers into the tri-state ``validate`` of STYLE.md §4.

* :func:`id_check_char` — GB 11643 / ISO 7064 MOD 11-2 (``11010519491231002X``). Written here,
  not taken from python-stdnum: its ``cn.ric`` also requires the county code to have existed in
  the birth year and rejects about half of real IDs (pii-peers.md §4.1).
* :func:`birth_date`, :func:`old_id_birth_date` — the YYYYMMDD of an 18-digit ID (1900 … today),
  the YYMMDD of a 15-digit one (19YY).
* :func:`luhn_valid`, :func:`card_scheme` — bank cards: Luhn and the issuer's BIN.
* :func:`mod11_10_valid` — the check digit of an old 15-digit 工商注册号 (tells it from an old ID).
* :func:`uscc_check_char`, :func:`org_code_check_char` — GB 32100 统一社会信用代码 and GB 11714
  组织机构代码.
* :func:`mobile_prefix_allocated` — MIIT allocation as of March 2023.
"""

from __future__ import annotations

import datetime as dt
import operator

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"


#: Σ weight × ord("0"): what the ASCII codes add to the weighted sum of the digit values
_ID_ZERO = sum(_ID_WEIGHTS) * ord("0")


def id_check_char(first17: str) -> str:
    """The GB 11643 check character of the first 17 digits."""
    if len(first17) != 17:
        raise ValueError("17 digits expected")
    if first17.isascii():  # the usual case: the weighted sum over the ASCII codes, in C
        return _ID_CHECK[(sum(map(operator.mul, first17.encode(), _ID_WEIGHTS)) - _ID_ZERO) % 11]
    return _ID_CHECK[sum(map(operator.mul, map(int, first17), _ID_WEIGHTS)) % 11]


def id_checksum_valid(value: str) -> bool:
    """An 18-character resident ID (``x`` accepted for ``X``) whose check character is right."""
    if len(value) != 18 or not value[:17].isdigit():
        return False
    return id_check_char(value[:17]) == value[17].upper()


def _date(year: int, month: int, day: int, today: dt.date | None) -> dt.date | None:
    try:
        d = dt.date(year, month, day)
    except ValueError:
        return None
    if d.year < 1900 or d > (today or dt.date.today()):
        return None
    return d


def birth_date(value: str, today: dt.date | None = None) -> dt.date | None:
    """The birth date of an 18-digit ID (characters 7–14), or ``None`` if it is not a real date
    between 1900-01-01 and today."""
    digits = value[6:14]
    if len(digits) != 8 or not digits.isdigit():
        return None
    n = int(digits)  # one conversion, then arithmetic: cheaper than three slices and ints
    return _date(n // 10000, n // 100 % 100, n % 100, today)


def old_id_birth_date(value: str, today: dt.date | None = None) -> dt.date | None:
    """The birth date of a 15-digit old ID (characters 7–12, year 19YY)."""
    digits = value[6:12]
    if len(digits) != 6 or not digits.isdigit():
        return None
    return _date(1900 + int(digits[:2]), int(digits[2:4]), int(digits[4:]), today)


def mod11_10_valid(digits: str) -> bool:
    """ISO 7064 MOD 11,10 on the last digit: the check of a 15-digit 工商注册号 (not of an ID)."""
    if not digits.isdigit():
        return False
    product = 10
    for ch in digits[:-1]:
        total = (int(ch) + product) % 10 or 10
        product = total * 2 % 11
    return (11 - product) % 10 == int(digits[-1])


_DOUBLED = (0, 2, 4, 6, 8, 1, 3, 5, 7, 9)  # 2d, minus 9 above 9
_DOUBLED_CODE = (0,) * ord("0") + _DOUBLED  # the same, by the digit's ASCII code


def luhn_valid(digits: str) -> bool:
    """The Luhn (mod 10) check of a card number."""
    if not (digits.isascii() and digits.isdigit()):
        return False
    codes = digits.encode()  # ASCII digits: code - 48 is the digit
    total = (sum(codes[-1::-2]) - 48 * len(codes[-1::-2])
             + sum(map(_DOUBLED_CODE.__getitem__, codes[-2::-2])))
    return total % 10 == 0


#: (prefix range, lengths, scheme) — domain.md §6.7. Checked in order; the first match wins.
_BINS: tuple[tuple[int, int, tuple[int, ...], str], ...] = (
    (62, 62, (16, 17, 18, 19), "银联"),
    (4, 4, (16, 19), "Visa"),
    (51, 55, (16,), "Mastercard"),
    (2221, 2720, (16,), "Mastercard"),
    (3528, 3589, (16, 17, 18, 19), "JCB"),
)
_BIN_LEADS = frozenset(str(low)[0] for low, *_ in _BINS)
#: _BINS with the width of each prefix, worked out once (card_scheme runs per candidate)
_BINS_WIDE = tuple((len(str(low)), low, high, lengths, scheme)
                   for low, high, lengths, scheme in _BINS)


def card_scheme(digits: str) -> str | None:
    """The card scheme whose BIN range and length fit ``digits``, else ``None``."""
    if digits[:1] not in _BIN_LEADS:
        return None
    length = len(digits)
    for width, low, high, lengths, scheme in _BINS_WIDE:
        if length in lengths and low <= int(digits[:width]) <= high:
            return scheme
    return None


_USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_VALUE = {c: i for i, c in enumerate(_USCC_ALPHABET)}
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def uscc_check_char(first17: str) -> str | None:
    """The GB 32100 check character of the first 17 characters (``None``: a character outside
    the code's alphabet, which has no I, O, S, V, Z)."""
    try:
        if len(first17) == len(_USCC_WEIGHTS):
            total = sum(map(operator.mul, map(_USCC_VALUE.__getitem__, first17), _USCC_WEIGHTS))
        else:  # the error of a wrong length, as before
            total = sum(_USCC_VALUE[c] * w for c, w in zip(first17, _USCC_WEIGHTS, strict=True))
    except KeyError:
        return None
    return _USCC_ALPHABET[(31 - total % 31) % 31]


def uscc_valid(code: str) -> bool:
    """An 18-character 统一社会信用代码 with a right check character (upper case)."""
    return (len(code) == 18 and code[2:8].isdigit()
            and uscc_check_char(code[:17]) == code[17])


_ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)


def org_code_check_char(body8: str) -> str | None:
    """The GB 11714 check character of an 8-character organisation-code body."""
    total = 0
    for c, w in zip(body8, _ORG_WEIGHTS, strict=True):
        if c.isdigit():
            v = int(c)
        elif "A" <= c <= "Z":
            v = ord(c) - ord("A") + 10
        else:
            return None
        total += v * w
    r = 11 - total % 11
    return "X" if r == 10 else "0" if r == 11 else str(r)


def org_code_valid(code9: str) -> bool:
    """A 9-character 组织机构代码 (body + check, without the hyphen) with a right check."""
    return len(code9) == 9 and org_code_check_char(code9[:8]) == code9[8]


#: Allocated mobile network numbers (MIIT, March 2023; domain.md §6.5). 140–144 are 13-digit
#: IoT numbers; 154 and 194 are not allocated.
_MOBILE_PREFIXES = frozenset(
    [str(p) for p in range(130, 140)]
    + ["145", "146", "147", "148", "149"]
    + ["150", "151", "152", "153", "155", "156", "157", "158", "159"]
    + ["162", "165", "166", "167"]
    + [str(p) for p in range(170, 179)]
    + [str(p) for p in range(180, 190)]
    + ["190", "191", "192", "193", "195", "196", "197", "198", "199"])


def mobile_prefix_allocated(number: str) -> bool:
    """An 11-digit number whose network number (digits 1–3) is allocated to mobiles."""
    return len(number) == 11 and number.isdigit() and number[:3] in _MOBILE_PREFIXES
