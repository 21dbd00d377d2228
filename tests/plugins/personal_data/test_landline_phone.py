"""personal_data.landline_phone: area codes, separators and brackets, extensions, numbers after
a 电话 label, public hotlines and labelled office lines (info), the office's own numbers."""

from __future__ import annotations

import pytest

from screening import Severity
from screening.config import config_from_dict
from screening.plugins import collect
from tests.conftest import make_document

from .identifier_helpers import kinds, run, summary


@pytest.mark.parametrize("written, masked", [
    ("0598-8705050", "0598-*****50"),
    ("（0598）8705050", "（0598）*****50"),
    ("(0598)87050500", "(0598)******00"),
    ("0598－8705050", "0598－*****50"),
    ("0598—8705050", "0598—*****50"),
    ("0598 8705050", "0598 *****50"),
    ("05988705050", "0598*****50"),
    ("010-62345678", "010-6*****78"),
    ("01062345678", "0106*****78"),
    ("021-53456789", "021-5*****89"),
    ("0598-8705050-1234", "0598-*******-**34"),
    ("0598-8705050转1234", "0598-*******转**34"),
    ("0598-8705050分机12", "0598-*******分机12"),
])
def test_written_forms(config, written, masked):
    doc = make_document(f"王某某，住某村，电话{written}。")
    (f,) = run(doc, config)
    assert summary([f]) == [("landline_phone", "body", written, "review", masked)]
    assert "区号属" in f.explanation


def test_area_code_names_the_place(config):
    (f,) = run(make_document("电话0598-8705050"), config)
    assert "福建省三明市" in f.explanation


@pytest.mark.parametrize("decoy", [
    "0100-1234567",      # 0100 is no area code
    "010-2345678",       # Beijing needs 8 digits
    "0598-1705050",      # a local number never starts with 1
    "0598-0705050",
    "05981234567",       # …and this is 0598 + 1234567
    "20240301",          # a date
    "0598-87050501234",  # too long
])
def test_decoys_are_silent(config, decoy):
    assert run(make_document(f"编号{decoy}。"), config) == []


def test_local_number_after_a_phone_label(config):
    doc = make_document("联系电话：8705050", "电话 87050501", "Tel:8705050", "电话费8705050元",
                        "编号8705050")
    assert [(f.location.block, f.text, f.severity.value) for f in run(doc, config)] == [
        (0, "8705050", "review"), (1, "87050501", "review"), (2, "8705050", "review")]


@pytest.mark.parametrize("text, found", [
    ("监督电话：0598-8705050", "0598-8705050"),
    ("政策咨询电话：（0598）8705050", "（0598）8705050"),
    ("投诉举报电话 0591-87654321", "0591-87654321"),
    ("办公电话：0598-8705050", "0598-8705050"),
    ("值班电话0598-8705050", "0598-8705050"),
    ("传真：0598-8705050", "0598-8705050"),
    ("客服电话400-810-1234", "400-810-1234"),
    ("全国服务热线 4008101234", "4008101234"),
    ("免费电话800-820-8820", "800-820-8820"),
    ("拨打0598-12345反映", "0598-12345"),
    ("拨打（0591）12315投诉", "（0591）12315"),
    ("拨打0591-96345", "0591-96345"),
])
def test_public_lines_are_info(config, text, found):
    (f,) = run(make_document(text), config)
    assert (f.kind, f.text, f.severity, f.masked) == ("landline_phone", found, Severity.INFO,
                                                      found)


def test_bare_short_numbers_are_nothing(config):
    doc = make_document("请拨打110、119、120或12345、12315、95588热线")
    assert run(doc, config) == []


def test_private_label_is_review_even_near_a_public_word(config):
    (f,) = run(make_document("服务对象家庭电话0598-8705050"), config)
    assert f.severity is Severity.REVIEW and "家庭电话" in f.explanation


def test_office_numbers_from_config(pm):
    config = collect(pm, config_from_dict(
        {"personal_data": {"office_numbers": ["0598-8705050"]}})).config
    doc = make_document("联系电话：0598-8705050", "联系电话：（0598）8705050",
                        "联系电话：8705050", "联系电话：0598-8705051")
    assert kinds(run(doc, config)) == [
        ("landline_phone", "0598-8705050", "info"), ("landline_phone", "（0598）8705050", "info"),
        ("landline_phone", "8705050", "info"), ("landline_phone", "0598-8705051", "review")]


def test_in_a_list_of_named_people_stays_review(config):
    rows = [["姓名", "住宅电话"], ["王某某", "0598-8705050"]]
    doc = make_document(*[{"text": t, "part": "table", "table": (0, r, c)}
                          for r, row in enumerate(rows) for c, t in enumerate(row)])
    assert kinds(run(doc, config)) == [("landline_phone", "0598-8705050", "review")]
