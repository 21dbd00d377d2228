"""What a detector is, and the small helpers every detector uses to make findings.

A detector is any object with ``name``, ``version``, ``category`` and
``detect(document, config) -> Iterable[Finding]``. Detector modules are plain classes with no hook
implementation; the category package's ``__init__`` registers them.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol, runtime_checkable

from .config import Config
from .model import Block, Category, Document, Finding, Location, Severity, _slot_constructor


@runtime_checkable
class Detector(Protocol):
    name: str
    version: str
    category: Category

    def detect(self, document: Document, config: Config) -> Iterable[Finding]: ...


def make_finding(detector: Detector, block: Block, start: int, end: int, *, kind: str,
                 severity: Severity, basis: str, confidence: float, explanation: str,
                 config: Config, masked: str | None = None) -> Finding:
    """A finding at ``block.text[start:end]``.

    The office's severity override (``[severity]`` in screening.toml) is applied here, to findings
    the detector reported at ``review`` or ``block``. An ``info`` finding stays ``info``: it is what
    the detector judged not to be a finding (a quoted example, an already-masked value), so raising a
    kind's severity never turns quiz text into a block.
    """
    text = block.text[start:end]
    if severity is not _INFO and config.severity:  # no override: nothing to look up
        severity = config.severity_for(detector.category.value, kind, severity)
    if not 0.0 <= confidence <= 1.0:  # Finding.__post_init__, which _new_finding skips
        raise ValueError(f"confidence {confidence} outside 0..1")
    return _new_finding(detector.name, detector.category, kind, severity, text,
                        text if masked is None else masked, basis, confidence, explanation,
                        _new_location(block.part, block.page, block.index, start, end, block.bbox),
                        None)


_new_finding = _slot_constructor(Finding, post_init_checked=True)  # confidence: make_finding
_new_location = _slot_constructor(Location)
#: a global: reading ``Severity.INFO`` goes through ``EnumType.__getattr__``'s hook in 3.11 (~90 ns)
_INFO = Severity.INFO
