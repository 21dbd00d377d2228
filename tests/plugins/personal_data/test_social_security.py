"""personal_data.social_security: 社保卡号/医保卡号 by their label; an ID or a bank card under the
same label is reported as what it is."""

from __future__ import annotations

import pytest

from tests.conftest import make_document

from .identifier_helpers import CARD_UNIONPAY, ID_FJ, kinds, run


@pytest.mark.parametrize("text, value", [
    ("社保卡号：A12345678", "A12345678"),
    ("社会保障卡号 123456789", "123456789"),
    ("医保卡号为BZ0012345", "BZ0012345"),
    ("社保卡号码:35012345678", "35012345678"),
])
def test_labelled_numbers(config, text, value):
    found = run(make_document(text), config)
    assert kinds(found) == [("social_security", value, "review")]
    assert found[0].masked == "*" * (len(value) - 4) + value[-4:]


def test_an_id_or_a_card_wins(config):
    doc = make_document(f"社会保障号码：{ID_FJ}", f"社保卡号：{CARD_UNIONPAY}")
    assert kinds(run(doc, config)) == [("resident_id", ID_FJ, "block"),
                                       ("bank_card", CARD_UNIONPAY, "block")]


def test_no_label_no_finding(config):
    assert run(make_document("社保缴费基数调整为A12345678元以下"), config) == []
