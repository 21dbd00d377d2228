"""Helpers for the hidden-content tests: screen a built file, summarise hidden-content findings."""

from __future__ import annotations

from screening import Category, Config, Document, Finding, Report


def hidden(report: Report) -> list[tuple[str, str, str, str]]:
    """``(kind, part, text, severity)`` of the report's hidden-content findings, in order."""
    return [(f.kind, f.location.part, f.text, f.severity.value) for f in report.findings
            if f.category is Category.HIDDEN_CONTENT]


def findings(report: Report, kind: str) -> list[Finding]:
    return [f for f in report.findings if f.kind == kind]


def run(detector, document: Document, config: Config) -> list[Finding]:
    """Run one detector; every finding covers a whole block and points at its own text."""
    out = list(detector.detect(document, config))
    for f in out:
        block = document.blocks[f.location.block]
        assert (f.location.start, f.location.end) == (0, len(block.text))
        assert f.text == block.text and f.explanation
        assert f.location.part == block.part and f.location.page == block.page
        assert f.location.bbox == block.bbox
        assert f.detector == detector.name and f.category is Category.HIDDEN_CONTENT
    return out


def summary(found: list[Finding]) -> list[tuple[str, str, str, str]]:
    return [(f.kind, f.location.part, f.text, f.severity.value) for f in found]
