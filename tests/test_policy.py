"""Verdicts and exit codes (DESIGN.md §4): the highest unsuppressed severity decides a document,
the worst document decides a run: error > block > review > pass (4 > 1 > 3 > 0)."""

from __future__ import annotations

import itertools

import pytest

from screening import Category, Severity
from screening.model import Verdict
from screening.policy import (EXIT_BLOCK, EXIT_ERROR, EXIT_PASS, EXIT_REVIEW, EXIT_USAGE,
                              exit_code, verdict_of, worst)
from tests.conftest import make_document
from tests.report.build import finding

DOC = make_document("甲", "乙", "丙")


def _f(severity: Severity):
    return finding(DOC, 0, "甲", category=Category.RESTRICTED_INFO, kind="internal_process",
                   severity=severity)


def test_exit_codes_are_the_documented_numbers():
    assert (EXIT_PASS, EXIT_BLOCK, EXIT_USAGE, EXIT_REVIEW, EXIT_ERROR) == (0, 1, 2, 3, 4)
    assert [exit_code(v) for v in (Verdict.PASS, Verdict.BLOCK, Verdict.REVIEW, Verdict.ERROR)] \
        == [0, 1, 3, 4]


@pytest.mark.parametrize("severities, verdict", [
    ([], Verdict.PASS),
    ([Severity.INFO], Verdict.PASS),
    ([Severity.INFO, Severity.REVIEW], Verdict.REVIEW),
    ([Severity.REVIEW, Severity.BLOCK, Severity.INFO], Verdict.BLOCK),
    ([Severity.BLOCK], Verdict.BLOCK),
    ([Severity.REVIEW, Severity.INFO, Severity.INFO], Verdict.REVIEW),
    ([Severity.INFO, Severity.REVIEW, Severity.INFO, Severity.BLOCK], Verdict.BLOCK),
])
def test_highest_severity_decides(severities, verdict):
    assert verdict_of([_f(s) for s in severities]) is verdict


@pytest.mark.parametrize("severities", [[], [Severity.INFO], [Severity.BLOCK]])
def test_incomplete_reading_is_never_a_pass(severities):
    assert verdict_of([_f(s) for s in severities], complete=False) is Verdict.ERROR


ORDER = [Verdict.PASS, Verdict.REVIEW, Verdict.BLOCK, Verdict.ERROR]  # least to most severe


@pytest.mark.parametrize("verdicts", [c for n in (1, 2, 3) for c in
                                      itertools.product(ORDER, repeat=n)])
def test_worst_document_decides(verdicts):
    expected = max(verdicts, key=ORDER.index)
    assert worst(verdicts) is expected
    assert exit_code(worst(verdicts)) == {Verdict.PASS: 0, Verdict.REVIEW: 3, Verdict.BLOCK: 1,
                                          Verdict.ERROR: 4}[expected]


def test_no_documents_is_a_pass():
    assert worst([]) is Verdict.PASS
