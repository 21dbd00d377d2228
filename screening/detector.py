"""What a detector is, and the small helpers every detector uses to make findings.

A detector is any object with ``name``, ``version``, ``category`` and
``detect(document, config) -> Iterable[Finding]``. Detector modules are plain classes with no hook
implementation; the category package's ``__init__`` registers them.
"""

from __future__ import annotations

import dataclasses
import types
from collections.abc import Callable, Iterable
from typing import Any, Protocol, runtime_checkable

from .config import Config
from .model import Block, Category, Document, Finding, Location, Severity


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
    if severity is not Severity.INFO and config.severity:  # no override: nothing to look up
        severity = config.severity_for(detector.category.value, kind, severity)
    if not 0.0 <= confidence <= 1.0:  # Finding.__post_init__, which _new_finding skips
        raise ValueError(f"confidence {confidence} outside 0..1")
    return _new_finding(detector.name, detector.category, kind, severity, text,
                        text if masked is None else masked, basis, confidence, explanation,
                        _new_location(block.part, block.page, block.index, start, end, block.bbox),
                        None)


def _slot_constructor(cls: type, *, post_init_checked: bool = False) -> Callable[..., Any]:
    """A constructor of the frozen, slotted dataclass ``cls`` taking every field positionally
    (defaults included) that fills its slots directly: what its ``__init__`` does, about twice as
    fast (a frozen dataclass sets each field through ``object.__setattr__``; thousands of findings
    are made per document). ``__post_init__`` is not called: the caller checks what it checks.
    The result is equal to, hashes and prints like one made by ``cls(...)``."""
    names = [f.name for f in dataclasses.fields(cls)]
    if hasattr(cls, "__post_init__") and not post_init_checked:
        raise TypeError(f"{cls.__name__} has a __post_init__ this constructor would skip")
    if not all(isinstance(getattr(cls, n, None), types.MemberDescriptorType) for n in names):
        raise TypeError(f"{cls.__name__} is not a slotted dataclass")
    setters = {f"_set_{n}": getattr(cls, n).__set__ for n in names}  # slot descriptors
    body = "".join(f"    _set_{n}(o, {n})\n" for n in names)
    source = (f"def new({', '.join(names)}):\n    o = _new(_cls)\n{body}    return o\n")
    namespace: dict[str, Any] = {"_new": object.__new__, "_cls": cls, **setters}
    exec(source, namespace)  # noqa: S102 — generated from the dataclass's own field names
    return namespace["new"]


_new_finding = _slot_constructor(Finding, post_init_checked=True)  # confidence: make_finding
_new_location = _slot_constructor(Location)
