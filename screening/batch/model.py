"""What a batch produces: one :class:`BatchItem` per file, and the summary of the whole run.

A :class:`BatchItem` is what the batch keeps, caches and hands to the report writers
(:mod:`screening.report.html`, :mod:`screening.report.csv`). It never holds a raw personal value:

* ``report`` is the DESIGN.md §4 JSON object of the file with every finding's ``text`` replaced
  by its ``masked`` value (marks are not masked, so for them ``text == masked`` as in a single-file
  scan) and the raw value, where a detector quoted it, replaced in ``explanation`` too. An
  ``error`` object may carry ``message_en`` besides ``code`` and ``message`` (for ``--lang en``);
  :func:`report_json` strips it again.
* ``rows`` are the display-ready, masked rows of :func:`screening.report.rows.finding_rows`,
  computed in the worker while the document was still in memory (the context excerpt needs the
  text).

The raw values of a fresh scan travel next to the item, never inside it, as :class:`RawText`
patches (one per finding, only the fields that were masked). ``screen batch --format json`` puts
them back so that its lines equal ``screen FILE --format json`` — for files scanned in this run.
A file served from the cache has no raw text any more: its JSON line shows the masked value in
``text``. Run with ``--no-cache`` when the raw text is needed (the equality tests do).

Summary (:func:`screening.batch.summary.summarize` builds it; the writers receive it)::

    {
      "files": 200,                       # files screened (cached ones included)
      "verdicts": {"pass": 150, "review": 30, "block": 17, "error": 3},
      "worst": "error",                   # policy.worst over all files ("pass" for no files)
      "exit_code": 4,                     # policy.exit_code(worst)
      "findings": {
        "total": 412,
        "by_severity": {"block": 40, "review": 360, "info": 12},
        "by_category": {"personal_data": 380, "classification_mark": 32},      # count > 0 only
        "by_kind": [{"category": "personal_data", "kind": "mobile_phone", "count": 200}, …],
      },                                  # by_kind: most frequent first, then category order
      "unreadable": [{"path": "a/b.pdf", "code": "encrypted", "message": "…", "message_en": "…"}],
      "skipped": {"not_document": 12, "hidden": 3, "excluded": 5, …},   # discover.py reasons
      "cached": 180,                      # items served from the cache
      "workers": 2,                       # local worker processes; None on a Dask cluster
      "seconds": 12.5,                    # wall time of the run
      "scan_seconds": 23.1,               # sum of the per-file times
      "files_per_second": 16.0,           # None when no time passed
      "started": "2026-03-01T09:00:00+08:00",                               # local time, ISO 8601
    }

``unreadable`` lists every file with verdict ``error``, sorted by path; ``message`` is Chinese,
``message_en`` English (equal to ``message`` when the reader gave no English text).
"""

from __future__ import annotations

import copy
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

#: A patch per finding: the raw values of the fields that were masked (``text``, ``explanation``).
RawText = Mapping[str, str]


@dataclass(frozen=True)
class BatchItem:
    """One file of a batch.

    :param path: the path as discovered (``DIR/sub/file.docx``), the same string as
        ``report["path"]``.
    :param report: the DESIGN.md §4 object, masked (see the module docstring).
    :param rows: :func:`~screening.report.rows.finding_rows` of the file (``[]`` when the rows
        module is not installed).
    :param seconds: time spent on this file in its worker (hashing, cache look-up, screening).
    :param cached: ``True`` when the result came from the cache and the file was not read again
        (only hashed).
    """

    path: str
    report: dict[str, Any]
    rows: list[dict[str, Any]] = field(default_factory=list)
    seconds: float = 0.0
    cached: bool = False

    @property
    def verdict(self) -> str:
        return str(self.report["verdict"])

    @property
    def error_code(self) -> str | None:
        error = self.report.get("error")
        return error["code"] if error else None


def mask_report(report: Mapping[str, Any]) -> tuple[dict[str, Any], tuple[dict[str, str], ...]]:
    """Split a §4 report object into the masked copy the batch keeps and the raw-text patches.

    For each finding: ``text`` becomes ``masked``; an ``explanation`` that quotes the raw value
    gets the masked value instead. The patches hold what was replaced.
    """
    masked = copy.deepcopy(dict(report))
    patches = []
    for finding in masked["findings"]:
        raw, safe = finding["text"], finding["masked"]
        patch: dict[str, str] = {}
        if raw != safe:
            patch["text"] = raw
            finding["text"] = safe
            if raw and raw in finding.get("explanation", ""):
                patch["explanation"] = finding["explanation"]
                finding["explanation"] = finding["explanation"].replace(raw, safe)
        patches.append(patch)
    return masked, tuple(patches)


def report_json(item: BatchItem, patches: Sequence[RawText] | None = None) -> dict[str, Any]:
    """The §4 object of ``item`` for ``--format json``: the raw values put back where ``patches``
    has them (a fresh scan), ``message_en`` removed from ``error``."""
    out = copy.deepcopy(item.report)
    if out.get("error"):
        out["error"] = {"code": out["error"]["code"], "message": out["error"]["message"]}
    if patches:
        for finding, patch in zip(out["findings"], patches):
            finding.update(patch)
    return out
