"""Screening one file of a batch, the same way in a local worker process and on a Dask worker.

:func:`from_cache` hashes files and takes what the cache has (those files are not read
further). :func:`screen_file` screens one file with the worker's one
:class:`~screening.pipeline.Screener`, computes the display rows while the document is in memory,
and splits the report into the masked :class:`~screening.batch.model.BatchItem` and the raw-text
patches. The result is an :class:`Outcome`: plain data that pickles (it crosses a pipe or the
network).
"""

from __future__ import annotations

import os
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from ..model import REPORT_SCHEMA, Block, Document, Report
from ..pipeline import Screener
from .cache import Cache, cacheable, entry_key, file_sha256
from .model import BatchItem, RawText, mask_report


@dataclass(frozen=True)
class Outcome:
    """What a worker sends back for one file.

    :param item: the masked item.
    :param patches: the raw-text patches of a fresh scan (see :func:`~screening.batch.model.
        report_json`); ``None`` when the item came from the cache or the file failed in the worker.
    :param key: the cache key to store the item under; ``None`` when it must not be stored (it
        came from the cache, or its error depends on the moment).
    :param setup: the fingerprint of the worker's screener, when it was checked (Dask workers).
    """

    item: BatchItem
    patches: tuple[RawText, ...] | None = None
    key: str | None = None
    setup: str | None = None


def from_cache(cache: Cache, setup: str, paths: Sequence[str]
               ) -> tuple[list[Outcome], list[str]]:
    """``(outcomes of the files the cache has, the paths it has not)``. Each file is hashed
    (SHA-256, the only read of a cached file); the order of ``paths`` is kept."""
    hits, misses = [], []
    for path in paths:
        started = time.perf_counter()
        sha256 = file_sha256(path)
        item = cache.get(entry_key(setup, sha256, os.path.basename(path)), path) if sha256 else None
        if item is None:
            misses.append(path)
        else:
            hits.append(Outcome(replace(item, seconds=time.perf_counter() - started)))
    return hits, misses


def screen_file(screener: Screener, path: str, *, lang: str, setup: str,
                name: str | None = None) -> Outcome:
    """Screen ``path``. ``name`` is the file's name for the cache key when ``path`` is a
    temporary copy (Dask ``--send-bytes``)."""
    started = time.perf_counter()
    name = name or os.path.basename(path)
    report = screener.scan(path)
    report_dict = report.to_dict()
    if report.error is not None:
        report_dict["error"]["message_en"] = report.error.message_en or report.error.message
    masked, patches = mask_report(report_dict)
    item = BatchItem(path=path, report=masked, rows=finding_rows(report, lang),
                     seconds=time.perf_counter() - started)
    keep = bool(report.sha256) and cacheable(item, screener.config.limits.pdf_timeout_seconds)
    key = entry_key(setup, report.sha256, name) if keep else None
    return Outcome(item, patches, key)


#: a small trusted document that makes the detectors load what they load on first use
_WARM_UP = Document(path="warm-up.txt", format="text", blocks=(
    Block("关于张三同志的通知", "body", 0, line=0),
    Block("联系电话 13800000000，地址：北京市东城区某某路1号", "body", 1, line=1),
))


def warm_up(screener: Screener) -> None:
    """Load, once and before the workers fork, what the first file would load in every worker:
    the built-in readers' modules (they are imported lazily, see :mod:`screening.readers`) and
    whatever detectors load on first use (word lists, segmenters). Forked workers inherit it.
    Best effort: a failure here is the first file's to report, not the batch's."""
    for reader in screener.registry.readers:
        load = getattr(reader, "preload", None)  # the built-in readers import lazily
        if callable(load):
            try:
                load()
            except Exception:  # noqa: BLE001 - best effort
                pass
    try:
        screener.detect(_WARM_UP)
    except Exception:  # noqa: BLE001 - best effort
        pass


def finding_rows(report: Report, lang: str) -> list[dict[str, Any]]:
    """:func:`screening.report.rows.finding_rows`, or ``[]`` while that module is not there."""
    try:
        from ..report.rows import finding_rows as rows_of
    except ImportError:
        return []
    return rows_of(report, lang)


def failed(path: str, code: str, message: str, message_en: str, tool: dict[str, Any],
           seconds: float = 0.0) -> Outcome:
    """The outcome of a file that failed outside the screener (timeout, crash, lost worker)."""
    report = {
        "schema": REPORT_SCHEMA, "path": path, "format": None, "sha256": None,
        "sm3": None, "verdict": "error", "findings": [],
        "error": {"code": code, "message": message, "message_en": message_en}, "tool": tool,
    }
    return Outcome(BatchItem(path=path, report=report, rows=[], seconds=seconds))
