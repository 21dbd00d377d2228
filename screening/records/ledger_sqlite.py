"""The SQLite ledger (the default): one file, WAL, STRICT tables, append-only triggers.

Appends run in one ``BEGIN IMMEDIATE`` transaction (the database's single writer lock), so
``seq`` stays gap-free with several processes appending; a busy writer is waited for up to
:data:`BUSY_TIMEOUT` seconds. The triggers make edits hard, not impossible (anyone with the file
can drop them); the hash chain and signed checkpoints make them detectable.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from ..errors import RecordError
from .ledger import APPEND_ONLY, Clock, Entry, Ledger, next_entry

BUSY_TIMEOUT = 60.0
SCHEMA_VERSION = "1"
GUARDED = ("entries", "entry_digests", "ledger_meta")

SCHEMA = """
CREATE TABLE IF NOT EXISTS ledger_meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;
CREATE TABLE IF NOT EXISTS entries (
    seq INTEGER PRIMARY KEY CHECK (seq >= 1),
    kind TEXT NOT NULL,
    body BLOB NOT NULL,
    year INTEGER NOT NULL,
    recorded_at TEXT NOT NULL,
    leaf_hash TEXT NOT NULL,
    chain_hash TEXT NOT NULL
) STRICT;
CREATE INDEX IF NOT EXISTS entries_kind ON entries (kind, seq);
CREATE INDEX IF NOT EXISTS entries_year ON entries (year, seq);
CREATE TABLE IF NOT EXISTS entry_digests (
    sha256 TEXT NOT NULL,
    seq INTEGER NOT NULL,
    pos INTEGER NOT NULL,
    PRIMARY KEY (sha256, seq)
) STRICT, WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS entry_digests_seq ON entry_digests (seq, pos);
"""

_TRIGGER = """
CREATE TRIGGER IF NOT EXISTS {table}_no_{op} BEFORE {OP} ON {table}
BEGIN SELECT RAISE(ABORT, '{msg}'); END;
"""

_SELECT = """
SELECT e.seq, e.kind, e.body, e.year, e.recorded_at, e.leaf_hash, e.chain_hash,
       (SELECT group_concat(sha256, ',') FROM
            (SELECT sha256 FROM entry_digests d WHERE d.seq = e.seq ORDER BY pos))
FROM entries e
"""


def _row(row: tuple) -> Entry:
    seq, kind, body, year, recorded_at, leaf, chain, digests = row
    return Entry(seq=seq, kind=kind, body=bytes(body), digests=tuple(digests.split(",")) if digests else (),
                 year=year, recorded_at=recorded_at, leaf_hash=leaf, chain_hash=chain)


class SqliteLedger(Ledger):
    """A ledger in one SQLite file (created with its directory on first use)."""

    def __init__(self, path: Path, clock: Clock | None = None):
        super().__init__("sqlite://" + str(path), clock)
        self.path = path
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT, isolation_level=None,
                                       check_same_thread=False)
        except (OSError, sqlite3.Error) as exc:
            raise RecordError(f"无法打开账本 {path}：{exc}",
                              message_en=f"cannot open the ledger {path}: {exc}") from exc
        try:
            self._setup()
        except sqlite3.DatabaseError as exc:
            self._db.close()
            raise RecordError(f"账本 {path} 无法使用（不是账本文件或已损坏）：{exc}",
                              message_en=f"the ledger {path} is unusable (not a ledger or "
                                         f"damaged): {exc}") from exc

    def _setup(self) -> None:
        db = self._db
        db.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT * 1000)}")
        mode = db.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if str(mode).lower() != "wal":
            raise sqlite3.DatabaseError(f"journal_mode is {mode}, not wal")
        db.execute("PRAGMA synchronous = FULL")
        triggers = {f"{t}_no_{op}" for t in GUARDED for op in ("update", "delete")}
        present = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
        if not triggers <= present:
            self._create_schema()
        version = db.execute("SELECT value FROM ledger_meta WHERE key = 'schema'").fetchone()
        if not version or version[0] != SCHEMA_VERSION:
            raise sqlite3.DatabaseError(f"unknown ledger schema version {version}")

    def _create_schema(self) -> None:
        """Create the tables and (re-)install the append-only triggers, in one transaction."""
        db = self._db
        db.execute("BEGIN IMMEDIATE")
        try:
            for stmt in SCHEMA.split(";"):
                if stmt.strip():
                    db.execute(stmt)
            for table in GUARDED:
                for op in ("update", "delete"):
                    db.execute(_TRIGGER.format(table=table, op=op, OP=op.upper(), msg=APPEND_ONLY))
            db.execute("INSERT OR IGNORE INTO ledger_meta (key, value) VALUES ('schema', ?)",
                       (SCHEMA_VERSION,))
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise

    def _append(self, kind: str, body: bytes, digests: tuple[str, ...],
                expect_size: int | None) -> Entry:
        db = self._db
        try:
            db.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise RecordError(f"账本正忙或无法写入：{exc}",
                              message_en=f"the ledger is busy or not writable: {exc}") from exc
        try:
            previous = self._last()
            self._check_expected(previous, expect_size)
            entry = next_entry(kind, body, digests, previous, self.clock())
            db.execute("INSERT INTO entries (seq, kind, body, year, recorded_at, leaf_hash, chain_hash)"
                       " VALUES (?, ?, ?, ?, ?, ?, ?)",
                       (entry.seq, entry.kind, entry.body, entry.year, entry.recorded_at,
                        entry.leaf_hash, entry.chain_hash))
            db.executemany("INSERT INTO entry_digests (sha256, seq, pos) VALUES (?, ?, ?)",
                           [(d, entry.seq, i) for i, d in enumerate(digests)])
            db.execute("COMMIT")
        except BaseException as exc:
            if db.in_transaction:
                db.execute("ROLLBACK")
            if isinstance(exc, sqlite3.Error):
                raise RecordError(f"无法写入账本：{exc}",
                                  message_en=f"cannot write to the ledger: {exc}") from exc
            raise
        return entry

    def _query(self, sql: str, params: tuple) -> list[Entry]:
        try:
            return [_row(r) for r in self._db.execute(sql, params)]
        except sqlite3.Error as exc:
            raise RecordError(f"无法读取账本：{exc}",
                              message_en=f"cannot read the ledger: {exc}") from exc

    def _fetch(self, start: int, kind: str | None, year: int | None, limit: int) -> list[Entry]:
        where, params = ["e.seq >= ?"], [start]
        if kind is not None:
            where.append("e.kind = ?")
            params.append(kind)
        if year is not None:
            where.append("e.year = ?")
            params.append(year)
        return self._query(_SELECT + " WHERE " + " AND ".join(where) + " ORDER BY e.seq LIMIT ?",
                           (*params, limit))

    def _by_digest(self, sha256: str, kind: str | None) -> list[Entry]:
        sql = _SELECT + " WHERE e.seq IN (SELECT seq FROM entry_digests WHERE sha256 = ?)"
        params: tuple = (sha256,)
        if kind is not None:
            sql += " AND e.kind = ?"
            params += (kind,)
        return self._query(sql + " ORDER BY e.seq", params)

    def _last(self) -> Entry | None:
        rows = self._query(_SELECT + " ORDER BY e.seq DESC LIMIT 1", ())
        return rows[0] if rows else None

    def close(self) -> None:
        self._db.close()
