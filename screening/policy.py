"""Verdicts and exit codes (DESIGN.md §4). The gate uses the same policy.

Exit codes for every command: 0 pass/allowed · 1 blocked/denied · 2 usage error (click's) ·
3 needs review (scan) · 4 unreadable input, unsupported format or internal error.
A set of documents exits with the worst of them: error > block > review > pass.
"""

from __future__ import annotations

from collections.abc import Iterable

from .model import Finding, Severity, Verdict

EXIT_PASS = 0
EXIT_BLOCK = 1
EXIT_USAGE = 2
EXIT_REVIEW = 3
EXIT_ERROR = 4

_EXIT = {Verdict.PASS: EXIT_PASS, Verdict.BLOCK: EXIT_BLOCK, Verdict.REVIEW: EXIT_REVIEW,
         Verdict.ERROR: EXIT_ERROR}
_WORST = {Verdict.PASS: 0, Verdict.REVIEW: 1, Verdict.BLOCK: 2, Verdict.ERROR: 3}


def verdict_of(findings: Iterable[Finding], *, complete: bool = True) -> Verdict:
    """The highest severity among the (unsuppressed) findings; ``error`` if not read completely."""
    if not complete:
        return Verdict.ERROR
    top = max((f.severity.rank for f in findings), default=Severity.INFO.rank)
    if top >= Severity.BLOCK.rank:
        return Verdict.BLOCK
    if top >= Severity.REVIEW.rank:
        return Verdict.REVIEW
    return Verdict.PASS


def worst(verdicts: Iterable[Verdict]) -> Verdict:
    return max(verdicts, key=_WORST.__getitem__, default=Verdict.PASS)


def exit_code(verdict: Verdict) -> int:
    return _EXIT[verdict]
