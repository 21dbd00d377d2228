"""The labelled evaluation corpus: documents built on the fly with planted items and look-alikes.

A :class:`Case` is one document: how to build it, the items planted in it (what a detector must
find: category, kind, text, and the part it hides in), and its look-alikes (texts that must not be
reported at review or block). Case modules (``marks.py`` …; later issues add ``personal_data.py``
and others) register cases with :func:`case`; ``bench/quality.py`` builds them all and scores the
detectors.

Scoring rules (``score``):

* a planted item is *found* when a finding of its kind at ``review`` or ``block``, in the part the
  item hides in, covers its text (same text after removing spaces, or one contains the other) —
  ``info`` does not count;
* any finding at ``review``/``block`` that matches no planted item of its document is a
  *false positive* (look-alike documents have no planted items at all).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import regex


@dataclass(frozen=True)
class Planted:
    category: str
    kind: str
    text: str
    part: str = ""          # where it hides (informational: body, header, textbox, comment …)
    severity: str = ""      # expected severity where the contract fixes it ("block")


@dataclass(frozen=True)
class Case:
    name: str               # file name without suffix, unique
    suffix: str             # ".docx", ".pdf", ".txt"
    build: Callable[[Path], None]
    planted: tuple[Planted, ...] = ()
    lookalikes: tuple[str, ...] = ()
    group: str = ""         # "marks", "lookalike", "regulation" …

    @property
    def filename(self) -> str:
        return self.name + self.suffix


CASES: list[Case] = []


def case(name: str, suffix: str, *, planted=(), lookalikes=(), group: str = ""):
    """Decorator: register ``build(path)`` as a corpus case."""

    def register(build: Callable[[Path], None]) -> Callable[[Path], None]:
        if any(c.name == name for c in CASES):
            raise ValueError(f"duplicate corpus case {name}")
        CASES.append(Case(name, suffix, build, tuple(planted), tuple(lookalikes), group))
        return build

    return register


def load_cases() -> list[Case]:
    """Import every case module (registration happens on import)."""
    from . import hidden, marks, personal_data, restricted, trade_secrets  # noqa: F401

    return CASES


def build_all(out: Path, cases: list[Case] | None = None) -> list[tuple[Case, Path]]:
    out.mkdir(parents=True, exist_ok=True)
    built = []
    for c in cases or load_cases():
        path = out / c.filename
        c.build(path)
        built.append((c, path))
    return built


_SPACE = regex.compile(r"[\s\u3000]+")


def _same(a: str, b: str) -> bool:
    a, b = _SPACE.sub("", a), _SPACE.sub("", b)
    return bool(a) and bool(b) and (a == b or a in b or b in a)


@dataclass
class Score:
    planted: dict[str, int] = field(default_factory=dict)        # "category/kind" -> count
    found: dict[str, int] = field(default_factory=dict)
    severity_ok: dict[str, int] = field(default_factory=dict)
    missed: list[tuple[str, Planted]] = field(default_factory=list)
    false_positives: list[tuple[str, str, str, str]] = field(default_factory=list)  # file, kind, text, severity
    errors: list[tuple[str, str]] = field(default_factory=list)


def score(results: list[tuple[Case, object]]) -> Score:
    """Score reports (``screening.model.Report``) against their cases."""
    s = Score()
    for c, report in results:
        if report.verdict.value == "error":
            s.errors.append((c.filename, report.error.message if report.error else ""))
        counted = [f for f in report.findings if f.severity.value in ("review", "block")]
        used: set[int] = set()
        for item in c.planted:
            key = f"{item.category}/{item.kind}"
            s.planted[key] = s.planted.get(key, 0) + 1
            hit = next((i for i, f in enumerate(counted)
                        if f.kind == item.kind and _same(f.text, item.text)
                        and (not item.part or f.location.part == item.part)), None)
            if hit is None:
                s.missed.append((c.filename, item))
                continue
            s.found[key] = s.found.get(key, 0) + 1
            if not item.severity or counted[hit].severity.value == item.severity:
                s.severity_ok[key] = s.severity_ok.get(key, 0) + 1
            # every finding for the same planted text counts as matched (one mark, one place)
            used.update(i for i, f in enumerate(counted) if _same(f.text, item.text))
        for i, f in enumerate(counted):
            if i not in used:
                s.false_positives.append((c.filename, f.kind, f.text, f.severity.value))
    return s
