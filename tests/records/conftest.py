"""Fixtures of the records tests: an office (three people's keys, a roster, a ledger) and a
clean notice to review (see :mod:`tests.records.people`)."""

from __future__ import annotations

import pytest

from .people import CLEAN, make_office, write_doc


@pytest.fixture
def office(tmp_path, screener):
    o = make_office(tmp_path, screener)
    yield o
    o.close()


@pytest.fixture
def doc(tmp_path):
    return write_doc(tmp_path / "通知.txt", CLEAN)
