"""personal_data.passport: E/G ordinary passports alone, the other series only after 护照."""

from __future__ import annotations

import pytest

from screening import Severity
from tests.conftest import make_document

from .identifier_helpers import kinds, run, summary


@pytest.mark.parametrize("number", ["E12345678", "EA1234567", "EH7654321", "G12345678"])
def test_ordinary_passports(config, number):
    (f,) = run(make_document(f"持证人{number}出境"), config)
    assert (f.kind, f.text, f.severity, f.confidence) == ("passport", number, Severity.REVIEW,
                                                          0.6)
    (f,) = run(make_document(f"护照号码：{number}"), config)
    assert f.confidence == 0.9
    assert summary([f])[0][4] == number[0] + "******" + number[-2:]


@pytest.mark.parametrize("number", ["P1234567", "PE1234567", "S1234567", "SE1234567",
                                    "S12345678", "D1234567", "DE1234567", "K12345678",
                                    "MA1234567", "141234567"])
def test_other_series_need_a_cue(config, number):
    assert kinds(run(make_document(f"护照 {number}"), config)) == [
        ("passport", number, "review")]
    assert run(make_document(f"型号{number}"), config) == []


def test_passport_column_is_a_cue(config):
    rows = [["姓名", "护照号"], ["某某", "K12345678"]]
    doc = make_document(*[{"text": t, "part": "table", "table": (0, r, c)}
                          for r, row in enumerate(rows) for c, t in enumerate(row)])
    assert kinds(run(doc, config)) == [("passport", "K12345678", "review")]


@pytest.mark.parametrize("decoy", ["EI1234567", "EO1234567", "E1234567", "E123456789",
                                   "XE12345678", "E12345678A"])
def test_decoys(config, decoy):
    assert run(make_document(f"护照{decoy}"), config) == []
