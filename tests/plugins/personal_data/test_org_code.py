"""personal_data.org_code: 统一社会信用代码 and 组织机构代码 are public registry data: info, and
they win their span against cards and accounts."""

from __future__ import annotations

import pytest

from screening import Severity
from tests.conftest import make_document

from .identifier_helpers import counting, kinds, run


def test_credit_code_is_info(config):
    (f,) = run(make_document("统一社会信用代码：91110000600037341L"), config)
    assert (f.kind, f.text, f.severity, f.masked) == ("org_code", "91110000600037341L",
                                                      Severity.INFO, "91110000600037341L")
    assert "GB 32100" in f.explanation


def test_lower_case_and_sole_trader(config):
    doc = make_document("代码91110000600037341l", "个体工商户92350402MA31U0QJ6H")
    found = run(doc, config)
    assert kinds(found) == [("org_code", "91110000600037341l", "info"),
                            ("org_code", "92350402MA31U0QJ6H", "info")]
    assert "个体工商户" in found[1].explanation


def test_wrong_check_character_is_nothing(config):
    assert run(make_document("代码91110000600037341M"), config) == []


def test_organisation_code_with_hyphen(config):
    doc = make_document("组织机构代码：60003734-1", "编号60003734-2", "编号600037341")
    assert kinds(run(doc, config)) == [("org_code", "60003734-1", "info")]


#: An all-digit credit code whose last digit also passes Luhn (BIN 91: no card scheme).
ALL_DIGITS = "913501001234000301"


@pytest.mark.parametrize("label", ["", "账号", "卡号：", "证件号码"])
def test_all_digit_credit_code_is_never_a_card_or_account(config, label):
    found = run(make_document(f"{label}{ALL_DIGITS}"), config)
    assert counting(found) == []
    assert kinds(found) == [("org_code", ALL_DIGITS, "info")]
