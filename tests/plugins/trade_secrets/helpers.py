"""Helpers for the lexicon-detector tests: run one detector, summarise its findings."""

from __future__ import annotations

from screening import Config, Document, Finding

#: Ten ordinary lines, so that what follows stands at line 10 of page 1 (running text, not the top).
FILLER = tuple(f"第{i + 1}段：各单位要按照有关要求，认真做好本行业本领域的相关工作。" for i in range(10))


def run(detector, document: Document, config: Config) -> list[Finding]:
    findings = list(detector.detect(document, config))
    for f in findings:  # every finding points at its own text and names its detector's kind
        block = document.blocks[f.location.block]
        assert block.text[f.location.start:f.location.end] == f.text
        assert f.masked == f.text and f.explanation and f.kind == detector.kind
        assert f.category == detector.category
    return findings


def summary(findings: list[Finding]) -> list[tuple[str, str, str, str, str]]:
    """``(kind, part, text, severity, basis)`` of each finding, in order."""
    return [(f.kind, f.location.part, f.text, f.severity.value, f.basis) for f in findings]


def body(*lines: str) -> tuple[str, ...]:
    """Lines after the filler: running text, not the top of page 1."""
    return (*FILLER, *lines)
