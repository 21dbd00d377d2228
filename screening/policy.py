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
    review = False
    for f in findings:  # the first block decides (a list of thousands often starts with one)
        if f.severity is _BLOCK:
            return Verdict.BLOCK
        review = review or f.severity is _REVIEW
    return Verdict.REVIEW if review else Verdict.PASS


_BLOCK, _REVIEW = Severity.BLOCK, Severity.REVIEW  # (an Enum member lookup costs a call in 3.11)


def worst(verdicts: Iterable[Verdict]) -> Verdict:
    return max(verdicts, key=_WORST.__getitem__, default=Verdict.PASS)


def exit_code(verdict: Verdict) -> int:
    return _EXIT[verdict]
