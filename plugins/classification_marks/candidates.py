"""Candidates → findings, the same way for every detector of this plugin.

A detector collects :class:`Candidate` s for one block (offsets into the normalised text), keeps
the best of any overlapping ones (:func:`resolve`) and turns them into findings with the original
offsets (:func:`emit`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from screening import (Block, Config, Detector, Finding, Normalized, Severity, make_finding)

#: Placeholder in a candidate's explanation for the mark as it stands in the original text.
MARK = "{mark}"


@dataclass(frozen=True, slots=True)
class Candidate:
    """A mark found in ``normalised_text[start:end]`` and what it means. :data:`MARK` in the
    explanation is replaced by the original text of the span (full-width digits and all)."""

    start: int
    end: int
    severity: Severity
    confidence: float
    explanation: str
    basis: str


def resolve(candidates: Iterable[Candidate]) -> list[Candidate]:
    """The non-overlapping candidates, preferring the higher severity, then the longer span; in
    text order."""
    kept: list[Candidate] = []
    for c in sorted(candidates, key=lambda c: (-c.severity.rank, c.start - c.end, c.start)):
        if all(c.end <= k.start or c.start >= k.end for k in kept):
            kept.append(c)
    return sorted(kept, key=lambda c: c.start)


def emit(detector: Detector, kind: str, block: Block, norm: Normalized,
         candidates: Iterable[Candidate], config: Config) -> Iterator[Finding]:
    """Findings for the resolved candidates of one block, at their original offsets.

    Marks are not personal data, so ``masked`` is the text itself. The office's severity override
    is applied by ``make_finding`` (an ``info`` finding stays ``info`` there).
    """
    for c in resolve(candidates):
        start, end = norm.span(c.start, c.end)
        explanation = c.explanation.replace(MARK, block.text[start:end])
        yield make_finding(
            detector, block, start, end, kind=kind, severity=c.severity, basis=c.basis,
            confidence=c.confidence, explanation=explanation, config=config)
