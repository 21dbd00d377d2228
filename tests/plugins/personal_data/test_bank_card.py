"""personal_data.bank_card: Luhn + BIN cards in every written form, accounts by context, an
organisation's receiving account, masked cards, and serials that must stay silent."""

from __future__ import annotations

import pytest

from screening import Severity
from tests.conftest import make_document

from .identifier_helpers import (CARD_UNIONPAY, CARD_VISA, ID_FJ, LEAD, card, kinds,
                                 luhn_failing, run, summary)


def test_unionpay_debit_card_after_han_blocks(config):
    # Presidio misses this: no \\b between 卡号 and the digits, and 19 digits exceed its regex.
    doc = make_document(f"{LEAD}银行卡号{CARD_UNIONPAY}，开户行某银行")
    (f,) = run(doc, config)
    assert summary([f]) == [("bank_card", "body", CARD_UNIONPAY, "block",
                             "***************" + CARD_UNIONPAY[-4:])]
    assert "Luhn 校验通过" in f.explanation and "银联" in f.explanation


@pytest.mark.parametrize("number", [
    card("622202", 16), card("622848", 17), card("621700", 18), card("625807", 19),
    CARD_VISA, card("5105", 16), card("2221", 16), card("3530", 16),
])
def test_known_bins_without_context(config, number):
    doc = make_document(f"资金已转入{number}。")
    assert kinds(run(doc, config)) == [("bank_card", number, "block")]


@pytest.mark.parametrize("written", [
    " ".join(CARD_UNIONPAY[i:i + 4] for i in range(0, 19, 4)),
    "-".join(CARD_UNIONPAY[i:i + 4] for i in range(0, 19, 4)),
    "\u3000".join(CARD_UNIONPAY[i:i + 4] for i in range(0, 19, 4)),
    CARD_UNIONPAY[:6] + " " + CARD_UNIONPAY[6:],
    "".join(chr(ord(c) + 0xFEE0) for c in CARD_UNIONPAY),  # full width
])
def test_written_forms(config, written):
    doc = make_document(f"收款人卡号：{written}")
    (f,) = run(doc, config)
    assert (f.kind, f.text, f.severity) == ("bank_card", written, Severity.BLOCK)
    assert f.masked.endswith(written[-4:]) and "*" in f.masked


def test_card_grouped_oddly_without_context_is_silent(config):
    odd = " ".join([CARD_UNIONPAY[:3], CARD_UNIONPAY[3:10], CARD_UNIONPAY[10:]])
    assert run(make_document(f"统计数 {odd}"), config) == []


def test_luhn_failing_serials_without_context_are_silent(config):
    doc = make_document(f"设备序列号{luhn_failing('622202')}，批次{luhn_failing('4111', 16)}",
                        f"编号{card('9880', 19)}")  # Luhn right, no known BIN
    assert run(doc, config) == []


@pytest.mark.parametrize("cue", ["账号", "银行账号", "开户行", "户名", "代发", "一卡通", "惠农卡",
                                 "存折", "帐号"])
def test_account_numbers_by_context(config, cue):
    account = "35001650000052505678"  # 20 digits, no check digit
    doc = make_document(f"{cue}：{account}")
    (f,) = run(doc, config)
    assert (f.kind, f.text, f.severity) == ("bank_card", account, Severity.BLOCK)
    assert f.masked == "*" * 16 + "5678"
    assert cue in f.explanation


def test_account_cue_must_be_near(config):
    account = "35001650000052505678"
    doc = make_document(f"账号管理办法已于本年度印发，其中第{account}")
    assert run(doc, config) == []


def test_account_cue_window_is_twelve_characters(config):
    account = "35001650000052505678"
    filler = "请注意查收本月发放的补助资金"
    near = make_document(f"账号{filler[:10]}{account}")   # 账 12 characters before: context
    far = make_document(f"账号{filler[:11]}{account}")    # 13 characters: too far
    assert kinds(run(near, config)) == [("bank_card", account, "block")]
    assert run(far, config) == []
    # the words are read left to right: 银行卡 (starting 13 characters before) is the word here,
    # not the 卡号 inside it that would start within the window
    assert run(make_document(f"银行卡号{filler[:9]}{account}"), config) == []


def test_account_column_header_is_context(config):
    rows = [["户主姓名", "惠农一卡通账号"], ["王某", "1407012345678901234"]]
    doc = make_document(*[{"text": t, "part": "table", "table": (0, r, c)}
                          for r, row in enumerate(rows) for c, t in enumerate(row)])
    (f,) = run(doc, config)
    assert (f.kind, f.text, f.severity, f.location.part) == (
        "bank_card", "1407012345678901234", Severity.BLOCK, "table")


def test_organisation_receiving_account_is_review(config):
    doc = make_document("收款单位：某某建设工程有限公司，开户银行：某银行某支行，"
                        "账号：35001650000052505678。")
    (f,) = run(doc, config)
    assert (f.text, f.severity) == ("35001650000052505678", Severity.REVIEW)
    assert "单位收款账户" in f.explanation


@pytest.mark.parametrize("masked", ["6222 **** **** **** 3256", "622202*********3256",
                                    "6222********3256", "6222 ●●●● ●●●● 3256"])
def test_masked_cards_are_info(config, masked):
    (f,) = run(make_document(f"卡号{masked}"), config)
    assert (f.kind, f.text, f.severity, f.masked) == ("bank_card", masked, Severity.INFO, masked)


def test_id_shaped_run_is_not_a_card(config):
    # 18 digits with a birth date and a province but a wrong check digit: a mistyped ID that
    # happens to pass Luhn with the 62 BIN — silent in running text.
    from .identifier_helpers import luhn_valid
    for seq in range(1000):
        v = f"62010219851120{seq:03d}" + "0"
        v = v[:17] + next(d for d in "0123456789" if luhn_valid(v[:17] + d))
        from screening_plugins.personal_data.validators import id_checksum_valid
        if not id_checksum_valid(v):
            break
    assert run(make_document(f"编号{v}"), config) == []
    (f,) = run(make_document(f"卡号{v}"), config)  # with a card cue it is a card
    assert (f.kind, f.severity) == ("bank_card", Severity.BLOCK)


def test_valid_id_beats_the_card_it_also_is(config):
    doc = make_document(f"卡号{ID_FJ}")
    assert kinds(run(doc, config)) == [("resident_id", ID_FJ, "block")]
