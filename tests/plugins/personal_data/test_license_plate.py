"""personal_data.license_plate: ordinary and new-energy plates, separators, special suffixes,
masked plates."""

from __future__ import annotations

import pytest

from screening import Severity
from tests.conftest import make_document

from .identifier_helpers import kinds, run, summary


@pytest.mark.parametrize("plate, masked", [
    ("京A12345", "京A1***5"),
    ("京A·12345", "京A·1***5"),
    ("京A•12345", "京A•1***5"),
    ("粤B 1Q2W3", "粤B 1***3"),
    ("闽G·7K520", "闽G·7***0"),
    ("粤BD12345", "粤BD****5"),          # new energy, small
    ("粤B·D12345", "粤B·D****5"),
    ("粤B 12345D", "粤B 1****D"),        # new energy, large
    ("粤Z·1234港", "粤Z·1**4港"),
    ("苏E1234学", "苏E1**4学"),
    ("冀E·1GB7F", "冀E·1***F"),
    ("京Ａ１２３４５", "京Ａ１***５"),
])
def test_plates(config, plate, masked):
    doc = make_document(f"车牌号为{plate}的货车")
    assert summary(run(doc, config)) == [("license_plate", "body", plate, "review", masked)]


@pytest.mark.parametrize("decoy", ["京A1234", "京I12345", "京A123456", "京AABCDE", "京A12345B6",
                                   "新型ABC12"])
def test_decoys(config, decoy):
    assert run(make_document(f"编号{decoy}。"), config) == []


def test_masked_plate_is_info(config):
    (f,) = run(make_document("车辆苏D4***0已处理"), config)
    assert (f.kind, f.text, f.severity, f.masked) == ("license_plate", "苏D4***0",
                                                      Severity.INFO, "苏D4***0")


def test_several_in_one_line(config):
    doc = make_document("涉事车辆：京A12345、粤B·D12345。")
    assert kinds(run(doc, config)) == [("license_plate", "京A12345", "review"),
                                       ("license_plate", "粤B·D12345", "review")]
