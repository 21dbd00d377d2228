"""Shared fixtures. Tests build the documents they need (see ``tests/docbuild``)."""

from __future__ import annotations

import pytest

from screening import Block, Config, Document
from screening.pipeline import Screener
from screening.plugins import collect, get_plugin_manager


@pytest.fixture(autouse=True)
def _private_records_home(tmp_path_factory, monkeypatch):
    """No test reads or appends to the user's own ledger: the default records home
    ($SCREENING_HOME, else $XDG_DATA_HOME/screening) is a fresh folder per test. Tests of the
    home resolution itself set or delete these variables as they need."""
    home = tmp_path_factory.mktemp("records-home")
    monkeypatch.setenv("SCREENING_HOME", str(home / "screening"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "xdg"))


@pytest.fixture(scope="session")
def pm():
    """A plugin manager with the built-ins only (no third-party entry points)."""
    return get_plugin_manager(entrypoints=False)


@pytest.fixture(scope="session")
def screener(pm):
    return Screener(Config(), pm=pm)


@pytest.fixture(scope="session")
def config(pm):
    """The default configuration with the built-in lexicons merged in."""
    return collect(pm, Config()).config


def make_document(*blocks: dict | str, format: str = "docx") -> Document:
    """A Document from block specs: a string is a body paragraph; a dict gives Block fields.

    Body blocks get page 1 and consecutive line numbers unless given.
    """
    out = []
    line = 0
    for spec in blocks:
        fields = {"text": spec} if isinstance(spec, str) else dict(spec)
        fields.setdefault("part", "body")
        if fields["part"] == "body":
            fields.setdefault("page", 1)
            fields.setdefault("line", line)
            line += 1
        out.append(Block(index=len(out), **fields))
    return Document(path="test." + format, format=format, blocks=tuple(out))
