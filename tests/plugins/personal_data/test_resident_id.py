"""personal_data.resident_id: GB 11643 IDs in every written form, old 15-digit IDs, 残疾人证号,
the 身份证号码 column rule, masked values, Excel damage and the decoys that must stay silent."""

from __future__ import annotations

import pytest

from screening import Severity
from screening.config import config_from_dict
from screening.plugins import collect
from tests.conftest import make_document

from .identifier_helpers import ID_FJ, ID_X, LEAD, kinds, resident_id, run, summary, wrong_check


def test_gb11643_reference_value_blocks(config):
    doc = make_document(f"{LEAD}张三，身份证号码{ID_X}，现住某村。")
    (f,) = run(doc, config)
    assert summary([f]) == [("resident_id", "body", "11010519491231002X", "block",
                             "110105********002X")]
    assert f.confidence == 0.99
    assert "校验位正确" in f.explanation and "北京市" in f.explanation
    assert f.location.start == len(LEAD) + 8


@pytest.mark.parametrize("written, masked", [
    ("11010519491231002x", "110105********002x"),                       # lower-case x
    ("110105 1949 1231 002X", "110105 **** **** 002X"),                 # grouped 6-4-4-4
    ("110105 19491231 002X", "110105 ******** 002X"),                   # grouped 6-8-4
    ("110105-19491231-002X", "110105-********-002X"),                   # hyphens
    ("１１０１０５１９４９１２３１００２Ｘ", "１１０１０５********００２Ｘ"),   # full width
    ("110105\u30001949\u30001231\u3000002X", "110105\u3000****\u3000****\u3000002X"),
    ("110105\u00a019491231\u00a0002X", "110105\u00a0********\u00a0002X"),
    ("1101 0519 4912 3100 2X", "1101 05** **** **00 2X"),               # fours, like a card
])
def test_written_forms(config, written, masked):
    doc = make_document(f"公民身份号码{written}，性别男")
    assert summary(run(doc, config)) == [("resident_id", "body", written, "block", masked)]


def test_han_on_both_sides_and_other_boundaries(config):
    doc = make_document(f"号码{ID_FJ}男", f"（{ID_FJ}）", f"'{ID_FJ}", f"A{ID_FJ}",
                        f"{ID_FJ}1", f"9{ID_FJ}")
    found = run(doc, config)
    assert [(f.location.block, f.text) for f in found] == [(0, ID_FJ), (1, ID_FJ), (2, ID_FJ)]


def test_student_number_is_g_plus_the_id(config):
    doc = make_document(f"学籍号G{ID_FJ}")
    (f,) = run(doc, config)
    assert (f.text, f.severity) == (ID_FJ, Severity.BLOCK)
    assert "学籍号" in f.explanation


def test_unknown_region_never_rejects_but_lowers_confidence(config):
    value = resident_id("99010519800101123")
    (f,) = run(make_document(f"证件号码：{value}"), config)
    assert (f.severity, f.confidence) == (Severity.BLOCK, 0.99)  # 9: foreign permanent resident
    value = resident_id("00010519800101123")
    (f,) = run(make_document(f"证件号码：{value}"), config)
    assert (f.severity, f.confidence) == (Severity.BLOCK, 0.9)
    assert "地区码未在省级代码表中" in f.explanation


@pytest.mark.parametrize("decoy", [
    wrong_check("11010519491231002"),          # bad check digit in running text
    wrong_check("35042319900101123"),
    resident_id("11010519491231002")[:17],     # 17 digits
    "11010519491331002" + "1",                 # month 13 (check digit irrelevant)
    "110105" + "21000101" + "0011",            # born in the future
    "110105" + "18991231" + "0011",            # before 1900
])
def test_decoys_in_running_text_are_not_findings(config, decoy):
    doc = make_document(f"登记流水号{decoy}，已归档。")
    assert run(doc, config) == []


def test_future_and_pre_1900_dates_fail_even_with_a_right_check_digit(config):
    for first17 in ("11010521000101001", "11010518991231001"):
        assert run(make_document(f"流水号{resident_id(first17)}"), config) == []


def test_old_15_digit_id(config):
    doc = make_document("旧身份证号码110105491231003", "编号110105491231003",
                        "注册号110105491231003", "编号110105491331003", "编号990105491231003")
    found = run(doc, config)
    assert [(f.location.block, f.text, f.severity.value) for f in found] == [
        (0, "110105491231003", "block"), (1, "110105491231003", "review")]
    assert "15位旧身份证号码" in found[0].explanation
    assert found[0].masked == "110105*****1003"


def test_15_digit_registration_number_check_is_not_an_old_id(config):
    # 110108000000016: region 110108, "date" 000000 invalid anyway; build one that passes both
    # the date test and ISO 7064 MOD 11,10 (a 工商注册号 check) — without an ID cue it stays silent.
    from screening_plugins.personal_data.validators import mod11_10_valid
    body = "11010549123100"
    value = next(body + d for d in "0123456789" if mod11_10_valid(body + d))
    assert run(make_document(f"编号{value}"), config) == []
    assert [f.severity for f in run(make_document(f"身份证{value}"), config)] == [Severity.BLOCK]


def test_disability_certificate_number(config):
    doc = make_document(f"残疾人证号：{ID_X}42", f"编号{ID_X}11",
                        f"残疾人证号：{wrong_check('11010519491231002')}42",
                        f"编号{wrong_check('11010519491231002')}42")
    found = run(doc, config)
    assert [(f.location.block, f.kind, f.text, f.severity.value) for f in found] == [
        (0, "resident_id", ID_X + "42", "block"),
        (1, "resident_id", ID_X + "11", "block"),
        (2, "resident_id", wrong_check("11010519491231002") + "42", "review"),
    ]
    assert "残疾人证号" in found[0].explanation


def table(rows: list[list[str]], **fields) -> list[dict]:
    return [{"text": text, "part": "table", "table": (0, r, c), **fields}
            for r, row in enumerate(rows) for c, text in enumerate(row) if text]


def test_id_column_makes_a_bad_check_digit_a_review(config):
    bad = wrong_check("35042319900101123")
    doc = make_document(*table([["序号", "姓 名", "公民身份号码"],
                                ["1", "王某某", bad],
                                ["2", "李某某", ID_FJ],
                                ["3", "赵某某", "11010519491332002X"]]))
    found = run(doc, config)
    assert kinds(found) == [("resident_id", bad, "review"), ("resident_id", ID_FJ, "block"),
                            ("resident_id", "11010519491332002X", "review")]
    assert "位于\u201c公民身份号码\u201d列" in found[0].explanation
    assert "校验位不符" in found[0].explanation
    assert "出生日期无效" in found[2].explanation
    assert found[0].masked == bad[:6] + "********" + bad[14:]


def test_bad_check_digit_under_another_column_is_silent(config):
    bad = wrong_check("35042319900101123")
    doc = make_document(*table([["序号", "项目编号"], ["1", bad]]))
    assert run(doc, config) == []


def test_id_wrapped_inside_a_cell(config):
    doc = make_document(*table([["姓名", "身份证号码"], ["张三", ID_FJ[:10] + "\n" + ID_FJ[10:]]]))
    (f,) = run(doc, config)
    assert (f.text, f.severity, f.location.part) == (ID_FJ[:10] + "\n" + ID_FJ[10:],
                                                     Severity.BLOCK, "table")


@pytest.mark.parametrize("masked, severity, shown", [
    ("350423********1234", "info", "350423********1234"),
    ("35*************123", "info", "35*************123"),
    ("110************01X", "info", "110************01X"),
    ("350423××××××××1234", "info", "350423××××××××1234"),
    ("350423＊＊＊＊＊＊＊＊1234", "info", "350423＊＊＊＊＊＊＊＊1234"),
    ("35042319900101****", "review", "350423************"),
    ("3504231990******34", "review", "350423**********34"),
])
def test_already_masked_values(config, masked, severity, shown):
    (f,) = run(make_document(f"身份证号码：{masked}"), config)
    assert (f.kind, f.text, f.severity.value, f.masked) == ("resident_id", masked, severity, shown)


def test_masked_with_an_impossible_visible_date_is_not_an_id(config):
    assert run(make_document("编号35042319901301****"), config) == []


def test_excel_scientific_notation(config):
    doc = make_document("身份证号码 1.10105E+17", "金额 1.5E+17 元", "旧证 3.50423E+14",
                        "总量 9.99999E+17")
    found = run(doc, config)
    assert [(f.location.block, f.text, f.severity.value) for f in found] == [
        (0, "1.10105E+17", "review"), (2, "3.50423E+14", "review")]
    assert "Excel 科学计数法" in found[0].explanation


def test_excel_scientific_notation_in_lower_case_without_plus(config):
    (f,) = run(make_document("身份证号码 1.10105e17"), config)
    assert (f.text, f.severity.value) == ("1.10105e17", "review")


def test_office_masking_policy_is_applied(pm):
    config = collect(pm, config_from_dict({"masking": {"resident_id": [3, 2]}})).config
    (f,) = run(make_document(f"身份证{ID_X}"), config)
    assert f.masked == "110*************2X"


def test_explanation_never_repeats_the_value(config):
    (f,) = run(make_document(f"身份证{ID_FJ}"), config)
    assert ID_FJ not in f.explanation and "19900101" not in f.explanation
