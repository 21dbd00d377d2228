"""personal_data.mobile_phone: allocated prefixes, country codes, spaced and hyphenated forms,
lists of named people (block), public lines (info), masked values and archive-number decoys."""

from __future__ import annotations

import pytest

from screening import Severity
from screening.config import config_from_dict
from screening.plugins import collect
from tests.conftest import make_document

from .identifier_helpers import ID_FJ, LEAD, kinds, run, summary


def test_mobile_in_running_text_is_review(config):
    doc = make_document(f"{LEAD}联系人王先生，电话13812345678。")
    (f,) = run(doc, config)
    assert summary([f]) == [("mobile_phone", "body", "13812345678", "review", "138****5678")]
    assert f.explanation == "号段已分配的手机号码"


@pytest.mark.parametrize("written, masked", [
    ("+86 138 1234 5678", "+86 138 **** 5678"),
    ("+86-13812345678", "+86-138****5678"),
    ("+8613812345678", "+86138****5678"),
    ("0086 13812345678", "0086 138****5678"),
    ("008613812345678", "0086138****5678"),
    ("(86)13812345678", "(86)138****5678"),
    ("（86）13812345678", "（86）138****5678"),
    ("138 1234 5678", "138 **** 5678"),
    ("138-1234-5678", "138-****-5678"),
    ("138.1234.5678", "138.****.5678"),
    ("138\u30001234\u30005678", "138\u3000****\u30005678"),
    ("１３８１２３４５６７８", "１３８****５６７８"),
    ("1381234 5678", "138**** 5678"),
])
def test_written_forms(config, written, masked):
    doc = make_document(f"联系方式{written}，谢谢")
    assert summary(run(doc, config)) == [("mobile_phone", "body", written, "review", masked)]


@pytest.mark.parametrize("prefix", ["130", "134", "145", "150", "162", "166", "170", "175", "181",
                                    "192", "199"])
def test_allocated_prefixes(config, prefix):
    number = prefix + "12345678"
    assert kinds(run(make_document(f"手机{number}"), config)) == [
        ("mobile_phone", number, "review")]


@pytest.mark.parametrize("decoy", [
    "10012345678", "11012345678", "12012345678",   # archive numbers: no mobile network starts 10–12
    "15412345678", "14012345678", "19412345678",   # unallocated network numbers
    "213812345678", "138123456789",                # part of a longer digit run
    "13 812 345 678",                              # statistics, not a phone grouping
    "1381234567.8",                                # an amount
])
def test_decoys_are_silent(config, decoy):
    doc = make_document(f"档案编号{decoy}号卷。")
    assert run(doc, config) == []


def test_boundaries_letters_and_han(config):
    doc = make_document("编号A13812345678", "编号13812345678B", "手机13812345678号")
    assert [(f.location.block, f.text) for f in run(doc, config)] == [(2, "13812345678")]


def cells(rows, table=0):
    return [{"text": t, "part": "table", "table": (table, r, c)}
            for r, row in enumerate(rows) for c, t in enumerate(row) if t]


def test_list_of_named_people_blocks(config):
    doc = make_document(*cells([["序号", "户主姓名", "联系电话"],
                                ["1", "王某某", "13812345678"]]),
                        *cells([["项目", "联系电话"], ["维修热线值班", "13912345678"]], table=1))
    assert kinds(run(doc, config)) == [("mobile_phone", "13812345678", "block"),
                                       ("mobile_phone", "13912345678", "review")]


def test_same_line_as_a_resident_id_or_a_name_label_blocks(config):
    doc = make_document(f"1 王某某 男 {ID_FJ} 13812345678",
                        "姓名：李某 手机：13912345678",
                        "请在表中填写姓名、手机号码；咨询请拨13712345678")
    found = run(doc, config)
    assert kinds(found) == [("resident_id", ID_FJ, "block"),
                            ("mobile_phone", "13812345678", "block"),
                            ("mobile_phone", "13912345678", "block"),
                            ("mobile_phone", "13712345678", "review")]
    assert "与身份证号码同在一行" in found[1].explanation
    assert "与\u201c姓名\u201d同在一行" in found[2].explanation


@pytest.mark.parametrize("label", ["监督电话：", "举报电话 ", "政策咨询电话：", "投诉举报电话：",
                                   "服务热线"])
def test_public_labels_make_it_info(config, label):
    (f,) = run(make_document(f"{label}13812345678"), config)
    assert (f.severity, f.masked) == (Severity.INFO, "13812345678")


def test_reporter_is_not_a_hotline(config):
    doc = make_document("举报人龙某先生（手机15547428229）反映")
    assert kinds(run(doc, config)) == [("mobile_phone", "15547428229", "review")]


def test_private_label_wins_over_public_words(config):
    (f,) = run(make_document("服务对象家庭电话13812345678"), config)
    assert f.severity is Severity.REVIEW


def test_office_numbers_from_config(pm):
    config = collect(pm, config_from_dict(
        {"personal_data": {"office_numbers": ["138-1234-5678"]}})).config
    doc = make_document("联系人：办公室 13812345678", "联系人：张先生 13912345678")
    assert kinds(run(doc, config)) == [("mobile_phone", "13812345678", "info"),
                                       ("mobile_phone", "13912345678", "review")]


@pytest.mark.parametrize("masked", ["138****1234", "138＊＊＊＊1234", "138xxxx1234", "1381****234"])
def test_masked_is_info(config, masked):
    (f,) = run(make_document(f"联系电话{masked}"), config)
    assert (f.kind, f.text, f.severity, f.masked) == ("mobile_phone", masked, Severity.INFO, masked)
