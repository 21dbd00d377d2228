"""The incremental cache: a file whose content, name and screening setup are unchanged is not
read again (only hashed), its last result is reused.

Key = SHA-256 of (the setup :func:`fingerprint`, the file's SHA-256, the file's name). The name is
part of the key because readers and detectors may look at it (the suffix picks a reader; a file
name can carry a mark). The path is not: a copied or moved file is a hit, and the cached report
gets the new path.

The fingerprint covers everything that changes a result: the tool and plugin versions, every
detector's and reader's name and version, every lexicon's entries and source, the office
configuration (severities, allow-list, masking policy, limits, plugin sections), the report
language (the rows are in words) and the rows module's version.

Stored: the **masked** :class:`~screening.batch.model.BatchItem` (its report and rows), never a
raw personal value. Entries live in one SQLite file, ``<cache dir>/batch.sqlite3``, created
``0600`` in a ``0700`` folder. The default folder is ``$XDG_CACHE_HOME/screening`` or
``~/.cache/screening``. Only the process that runs ``screen batch`` reads and writes it: it hashes
each file and looks it up before any worker starts (a fully cached run starts no worker at all),
and stores results as they arrive, committing every :data:`COMMIT_EVERY`, so an interrupted batch
resumes where it stopped. Results that depend on the moment are not stored (the next run tries
again): the batch's own ``timeout`` and ``crash``, an ``internal`` error, and a reader's ``limit``
refusal that took about as long as the PDF time limit (a busy machine may have cut it short).
Other ``limit`` refusals (a zip bomb, too many pages) depend on the file alone and are stored.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import time
from collections.abc import Mapping
from dataclasses import asdict
from pathlib import Path
from typing import Any

from ..config import user_cache_dir
from ..pipeline import Screener
from .model import BatchItem

#: bump when the stored shape or the meaning of an entry changes
CACHE_SCHEMA = "screening.batch-cache/1"
FILE_NAME = "batch.sqlite3"
COMMIT_EVERY = 50
#: entries of other fingerprints older than this are removed when a run ends
STALE_SECONDS = 30 * 24 * 3600
#: error codes whose results are not cached (they may come out differently next time)
NOT_CACHED = frozenset({"timeout", "crash", "internal", "worker_mismatch"})

_HASH_CHUNK = 1024 * 1024


def default_dir() -> Path:
    """The default cache folder (:func:`screening.config.user_cache_dir`)."""
    return user_cache_dir()


def fingerprint(screener: Screener, lang: str) -> str:
    """A hex digest of everything in ``screener`` (and the language) that changes a result."""
    registry, config = screener.registry, screener.config
    parts: dict[str, Any] = {
        "schema": CACHE_SCHEMA,
        "tool": screener.tool.to_dict(),
        "detectors": sorted((d.name, str(getattr(d, "version", ""))) for d in registry.detectors),
        "readers": [(r.format, str(getattr(r, "version", "")), r.priority, type(r).__qualname__)
                    for r in registry.readers],
        "lexicons": {name: [lex.source, lex.version,
                            [(e.term, e.kind, e.strength, e.basis, e.note) for e in lex.entries]]
                     for name, lex in sorted(config.lexicons.items())},
        "severity": sorted((k, v.value) for k, v in config.severity.items()),
        "allow": sorted(config.allow_texts),
        "masking": [sorted(config.masking.keep.items()), config.masking.char],
        "limits": asdict(config.limits),
        "raw": plain(config.raw),
        "lang": lang,
        "rows": rows_version(),
    }
    blob = json.dumps(parts, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def rows_version() -> str:
    """The version of :mod:`screening.report.rows` (``none`` while it is not installed)."""
    try:
        from ..report import rows
    except ImportError:
        return "none"
    return str(getattr(rows, "VERSION", "1"))


def plain(value: Any) -> Any:
    """``value`` with mappings as dicts and sequences as lists (JSON- and pickle-friendly)."""
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    return value


def file_sha256(path: str | Path) -> str | None:
    """SHA-256 of a file's bytes, ``None`` if it cannot be opened."""
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as fh:
            while chunk := fh.read(_HASH_CHUNK):
                digest.update(chunk)
    except OSError:
        return None
    return digest.hexdigest()


def entry_key(setup: str, sha256: str, name: str) -> str:
    return hashlib.sha256(f"{setup}\0{sha256}\0{name}".encode()).hexdigest()


def cacheable(item: BatchItem, time_limit: float) -> bool:
    """Whether ``item`` may be stored: not an error of :data:`NOT_CACHED`, and not a ``limit``
    refusal that took 90 % or more of ``time_limit`` (the reader's time limit)."""
    code = item.error_code
    if item.report.get("sha256") is None or code in NOT_CACHED:
        return False
    return not (code == "limit" and item.seconds >= 0.9 * time_limit)


class Cache:
    """One SQLite cache file, used by one process (a connection does not survive a fork)."""

    def __init__(self, folder: str | Path):
        self.folder = Path(folder)
        self.path = self.folder / FILE_NAME
        self._pending = 0
        self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        if not self.path.exists():
            os.close(os.open(self.path, os.O_CREAT | os.O_WRONLY, 0o600))
        self._db = sqlite3.connect(self.path, timeout=30)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS entries (key TEXT PRIMARY KEY, setup TEXT NOT NULL, "
            "sha256 TEXT NOT NULL, name TEXT NOT NULL, item TEXT NOT NULL, stored REAL NOT NULL)")
        self._db.commit()

    def get(self, key: str, path: str) -> BatchItem | None:
        """The stored item for ``key``, with ``path`` as its path; ``None`` on a miss."""
        try:
            row = self._db.execute("SELECT item FROM entries WHERE key = ?", (key,)).fetchone()
        except sqlite3.Error:
            return None  # a cache that cannot be read is a miss, never a failure
        if row is None:
            return None
        stored = json.loads(row[0])
        report = stored["report"]
        report["path"] = path
        return BatchItem(path=path, report=report, rows=stored["rows"], seconds=0.0, cached=True)

    def put(self, key: str, setup: str, item: BatchItem) -> None:
        """Store ``item`` (masked already: see :class:`BatchItem`) under ``key``."""
        report = dict(item.report)
        report["path"] = None  # the path is not part of the key: set again on every hit
        blob = json.dumps({"report": report, "rows": item.rows}, ensure_ascii=False)
        self._db.execute(
            "INSERT OR REPLACE INTO entries (key, setup, sha256, name, item, stored) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (key, setup, report["sha256"], os.path.basename(item.path), blob, time.time()))
        self._pending += 1
        if self._pending >= COMMIT_EVERY:
            self.commit()

    def commit(self) -> None:
        self._db.commit()
        self._pending = 0

    def prune(self, setup: str, older_than: float = STALE_SECONDS) -> int:
        """Remove entries of other setups stored more than ``older_than`` seconds ago."""
        cur = self._db.execute("DELETE FROM entries WHERE setup != ? AND stored < ?",
                               (setup, time.time() - older_than))
        self._db.commit()
        return cur.rowcount

    def __len__(self) -> int:
        return self._db.execute("SELECT COUNT(*) FROM entries").fetchone()[0]

    def close(self) -> None:
        try:
            self._db.commit()
        finally:
            self._db.close()
