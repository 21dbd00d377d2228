"""A tiny plugin for CLI and plugin-system tests, written as a third party would write one.

It reads ``*.lines`` files (one body block per line, its own reader so that these tests do not
depend on the built-in readers) and flags three ASCII words, one per severity, which no built-in
detector ever flags. A line containing ``BOOM`` makes the ``keyword_test.boom`` detector raise.
"""

from __future__ import annotations

from pathlib import Path

from screening import (Basis, BlockList, Category, Document, Severity, hookimpl, make_finding)

NAME = "keyword_test"

#: word → (category detector, kind, severity, basis)
WORDS = {
    "BLOCKWORD": (Category.CLASSIFICATION_MARK, "secret_level", Severity.BLOCK,
                  Basis.STATE_SECRET.value),
    "REVIEWWORD": (Category.RESTRICTED_INFO, "process_draft", Severity.REVIEW,
                   Basis.PROCESS_INFO.value),
    "INFOWORD": (Category.HIDDEN_CONTENT, "metadata", Severity.INFO, ""),
}


class LinesReader:
    format = "lines"
    version = "test"
    priority = 0

    def sniff(self, head: bytes, suffix: str) -> bool:
        return suffix == ".lines"

    def read(self, path: Path, limits) -> Document:
        blocks = BlockList()
        for line in path.read_text(encoding="utf-8").splitlines():
            blocks.add(line, "body", counts_as_line=True)
        return Document(path=str(path), format="text", blocks=tuple(blocks.blocks))


class _WordDetector:
    version = "test"

    def __init__(self, category: Category):
        self.category = category
        self.name = f"{NAME}.{category.value}"

    def detect(self, document, config):
        for block in document.blocks:
            for word, (category, kind, severity, basis) in WORDS.items():
                if category is not self.category:
                    continue
                start = block.text.find(word)
                while start >= 0:
                    yield make_finding(self, block, start, start + len(word), kind=kind,
                                       severity=severity, basis=basis, confidence=1.0,
                                       explanation=f"测试词 {word}", config=config)
                    start = block.text.find(word, start + 1)


class BoomDetector:
    name = f"{NAME}.boom"
    version = "test"
    category = Category.HIDDEN_CONTENT

    def detect(self, document, config):
        if any("BOOM" in b.text for b in document.blocks):
            raise RuntimeError("kaboom")
        return []


class KeywordPlugin:
    """Register with ``pm.register(KeywordPlugin(), name=NAME)``."""

    @hookimpl
    def screening_register_readers(self, register):
        register(LinesReader())

    @hookimpl
    def screening_register_detectors(self, register, config):
        for category in dict.fromkeys(c for c, *_ in WORDS.values()):
            register(_WordDetector(category))
        register(BoomDetector())


def plugin_manager():
    """A fresh manager: the built-ins plus this plugin, no entry points."""
    from screening.plugins import get_plugin_manager

    pm = get_plugin_manager(entrypoints=False)
    pm.register(KeywordPlugin(), name=NAME)
    return pm
