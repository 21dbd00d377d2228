"""Throwaway third-party distributions, made on the fly for the plugin-loading tests.

``fake_dist(dist, module, source)`` writes ``<module>.py`` and a ``<dist>-<version>.dist-info``
(METADATA, ``entry_points.txt`` with ``[screening]\\n<entry> = <module>``, top_level.txt) into a
temporary folder and puts it on ``sys.path``: to ``importlib.metadata`` it is an installed
distribution, exactly what ``pip install`` of a plugin package leaves behind.
"""

from __future__ import annotations

import importlib
import sys
import textwrap
from pathlib import Path

import pytest

#: a plugin that flags the word NEEDLE (review, internal process information)
NEEDLE_PLUGIN = '''
from screening import Category, Severity, hookimpl, make_finding


class NeedleDetector:
    name = "myplug.needle"
    version = "1.0"
    category = Category.RESTRICTED_INFO

    def detect(self, document, config):
        for block in document.blocks:
            start = block.text.find("NEEDLE")
            if start >= 0:
                yield make_finding(self, block, start, start + 6, kind="internal_process",
                                   severity=Severity.REVIEW, basis="属于三类内部事务信息",
                                   confidence=0.9, explanation="myplug 测试词", config=config)


@hookimpl
def screening_register_detectors(register, config):
    register(NeedleDetector())
'''

#: the same with a misspelled hook name (pluggy's check_pending must catch it)
MISSPELLED_PLUGIN = '''
from screening import hookimpl


@hookimpl
def screening_register_detektors(register, config):
    pass
'''

BROKEN_PLUGIN = '''
raise ImportError("this plugin needs a library that is not installed")
'''


@pytest.fixture
def fake_dist(tmp_path, monkeypatch):
    """Factory: ``fake_dist(dist="myplug", module="myplug_mod", source=NEEDLE_PLUGIN)``."""
    made: list[str] = []

    def make(dist: str = "myplug", module: str = "myplug_mod", source: str = NEEDLE_PLUGIN,
             entry: str | None = None, version: str = "1.0") -> Path:
        root = tmp_path / f"site-{dist}"
        root.mkdir()
        (root / f"{module}.py").write_text(textwrap.dedent(source), encoding="utf-8")
        info = root / f"{dist.replace('-', '_')}-{version}.dist-info"
        info.mkdir()
        (info / "METADATA").write_text(
            f"Metadata-Version: 2.1\nName: {dist}\nVersion: {version}\n", encoding="utf-8")
        (info / "entry_points.txt").write_text(
            f"[screening]\n{entry or dist} = {module}\n", encoding="utf-8")
        (info / "top_level.txt").write_text(f"{module}\n", encoding="utf-8")
        (info / "RECORD").write_text(f"{module}.py,,\n", encoding="utf-8")
        monkeypatch.syspath_prepend(str(root))
        made.append(module)
        return root

    yield make
    for module in made:
        sys.modules.pop(module, None)
    importlib.invalidate_caches()
