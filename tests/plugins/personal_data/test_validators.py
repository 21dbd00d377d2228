"""personal_data.validators: GB 11643, dates, Luhn and BINs, GB 32100, GB 11714, MOD 11,10,
allocated mobile prefixes."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from screening_plugins.personal_data import validators as v


def test_gb11643_reference_value():
    assert v.id_check_char("11010519491231002") == "X"          # domain.md §6.1
    assert v.id_checksum_valid("11010519491231002X")
    assert v.id_checksum_valid("11010519491231002x")
    assert not v.id_checksum_valid("110105194912310021")
    assert not v.id_checksum_valid("11010519491231002")           # 17 characters
    assert not v.id_checksum_valid("1101051949123100AX")


def test_gb11643_detects_every_single_digit_error():
    rng = random.Random(7)
    for _ in range(200):
        body = "".join(rng.choice("0123456789") for _ in range(17))
        good = body + v.id_check_char(body)
        assert v.id_checksum_valid(good)
        i = rng.randrange(17)
        wrong = str((int(body[i]) + rng.randint(1, 9)) % 10)
        assert not v.id_checksum_valid(body[:i] + wrong + body[i + 1:] + good[17])


def test_birth_dates():
    today = dt.date(2026, 6, 1)
    assert v.birth_date("11010519491231002X", today) == dt.date(1949, 12, 31)
    assert v.birth_date("110105200002290011", today) == dt.date(2000, 2, 29)
    assert v.birth_date("110105190002290011", today) is None      # 1900 was no leap year
    assert v.birth_date("110105189912310011", today) is None      # before 1900
    assert v.birth_date("110105202606020011", today) is None      # after today
    assert v.birth_date("110105202606010011", today) == today
    assert v.birth_date("110105199013010011", today) is None
    assert v.old_id_birth_date("110105491231002", today) == dt.date(1949, 12, 31)
    assert v.old_id_birth_date("110105490230002", today) is None


@pytest.mark.parametrize("number, ok", [
    ("4111111111111111", True), ("79927398713", True), ("79927398710", False),
    ("6222020200112233445", False), ("1234abcd", False),
])
def test_luhn(number, ok):
    assert v.luhn_valid(number) is ok


@pytest.mark.parametrize("number, scheme", [
    ("6222020200112233445", "银联"), ("6217000000000000", "银联"), ("4111111111111111", "Visa"),
    ("5500000000000004", "Mastercard"), ("2221000000000009", "Mastercard"),
    ("3530111333300000", "JCB"), ("4111111111111", None),            # 13-digit Visa: not ours
    ("5500000000000000004", None), ("9880000000000000000", None), ("3400000000000000", None),
])
def test_card_schemes(number, scheme):
    assert v.card_scheme(number) == scheme


def test_gb32100_credit_code():
    assert v.uscc_check_char("91110000600037341") == "L"           # domain.md §6.3
    assert v.uscc_valid("91110000600037341L")
    assert not v.uscc_valid("91110000600037341M")
    assert not v.uscc_valid("9111000060003734IL")                  # I is not in the alphabet
    assert not v.uscc_valid("91AB0000600037341L")                  # region must be digits
    assert v.uscc_check_char("9111000060003734O") is None


def test_gb11714_organisation_code():
    assert v.org_code_check_char("60003734") == "1"                # domain.md §6.4
    assert v.org_code_valid("600037341")
    assert not v.org_code_valid("600037342")
    assert v.org_code_check_char("6000373a") is None


def test_iso7064_mod_11_10():
    rng = random.Random(3)
    for _ in range(100):
        body = "".join(rng.choice("0123456789") for _ in range(14))
        valid = [d for d in "0123456789" if v.mod11_10_valid(body + d)]
        assert len(valid) == 1                                     # exactly one check digit
    assert not v.mod11_10_valid("12345a")


@pytest.mark.parametrize("number, ok", [
    ("13812345678", True), ("13412345678", True), ("14512345678", True), ("16212345678", True),
    ("17412345678", True), ("19212345678", True), ("19912345678", True),
    ("15412345678", False), ("14012345678", False), ("19412345678", False),
    ("12012345678", False), ("1381234567", False), ("1381234567a", False),
])
def test_mobile_prefixes(number, ok):
    assert v.mobile_prefix_allocated(number) is ok
