"""personal_data.travel_permit: 回乡证 (H/M), 往来港澳/台湾 permits (C/L, with a cue), 台胞证."""

from __future__ import annotations

import pytest

from screening import Severity
from tests.conftest import make_document

from .identifier_helpers import kinds, run


@pytest.mark.parametrize("number", ["H1234567800", "M1234567801", "H12345678"])
def test_home_return_permits(config, number):
    (f,) = run(make_document(f"证件{number}已核验"), config)
    assert (f.kind, f.text, f.severity, f.confidence) == ("travel_permit", number,
                                                          Severity.REVIEW, 0.6)
    (f,) = run(make_document(f"回乡证号码{number}"), config)
    assert f.confidence == 0.9
    assert f.masked == number[0] + "*" * (len(number) - 3) + number[-2:]


@pytest.mark.parametrize("number", ["C12345678", "L12345678"])
def test_exit_permits_need_a_cue(config, number):
    assert kinds(run(make_document(f"往来港澳通行证{number}"), config)) == [
        ("travel_permit", number, "review")]
    assert run(make_document(f"型号{number}"), config) == []


@pytest.mark.parametrize("text, number", [
    ("台胞证12345678", "12345678"),
    ("台胞证号码：12345678", "12345678"),
    ("台湾居民来往大陆通行证 0123456789", "0123456789"),
    ("台胞证号1234567890(B)", "1234567890(B)"),
])
def test_taiwan_compatriot_permit(config, text, number):
    assert kinds(run(make_document(text), config)) == [("travel_permit", number, "review")]


def test_bare_eight_digits_are_nothing(config):
    assert run(make_document("编号12345678"), config) == []
