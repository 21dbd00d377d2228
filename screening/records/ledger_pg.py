"""The PostgreSQL ledger, for offices with several servers: the SQLite schema on a shared server.

URL: ``postgresql://user:password@host:port/database`` (``postgres://`` too). Optional query
parameters: ``schema=NAME`` (tables in that schema, created when missing; default the role's
search path, normally ``public``), ``sslmode=disable|require|verify-full`` (``require``
encrypts without checking the certificate, ``verify-full`` checks it against the system CAs),
``host=/run/postgresql`` (a Unix socket directory instead of TCP).

Append-only: ``BEFORE UPDATE OR DELETE`` row triggers and a ``BEFORE TRUNCATE`` statement trigger
raise ``entry is append-only``, and ``UPDATE, DELETE, TRUNCATE`` are revoked from PUBLIC; give the
application a role with ``INSERT, SELECT`` only (the table owner and superusers can still drop the
triggers — the hash chain and signed checkpoints make that detectable). Appends take a
transaction-scoped advisory lock, so ``seq`` stays gap-free with any number of writers.
``recorded_at`` is the database server's clock (one clock for all application servers).

Driver: pg8000 (pure Python, BSD-3), the optional dependency ``screening[postgresql]``.
"""

from __future__ import annotations

import ssl
from collections.abc import Sequence
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from ..errors import RecordError
from .ledger import APPEND_ONLY, Clock, Entry, Ledger, next_entry
from .settings import check_postgres_url, redact_url

SCHEMA_VERSION = "1"
GUARDED = ("entries", "entry_digests", "ledger_meta")
LOCK_NAMESPACE = 0x5C12EE17        # pg_advisory_xact_lock(namespace, table oid): appends
SCHEMA_LOCK = (LOCK_NAMESPACE, 0)  # schema creation

SCHEMA = [
    """CREATE TABLE IF NOT EXISTS ledger_meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS entries (
        seq BIGINT PRIMARY KEY CHECK (seq >= 1),
        kind TEXT NOT NULL,
        body BYTEA NOT NULL,
        year INTEGER NOT NULL,
        recorded_at TEXT NOT NULL,
        leaf_hash TEXT NOT NULL,
        chain_hash TEXT NOT NULL)""",
    "CREATE INDEX IF NOT EXISTS entries_kind ON entries (kind, seq)",
    "CREATE INDEX IF NOT EXISTS entries_year ON entries (year, seq)",
    """CREATE TABLE IF NOT EXISTS entry_digests (
        sha256 TEXT NOT NULL,
        seq BIGINT NOT NULL,
        pos INTEGER NOT NULL,
        PRIMARY KEY (sha256, seq))""",
    "CREATE INDEX IF NOT EXISTS entry_digests_seq ON entry_digests (seq, pos)",
    f"""CREATE OR REPLACE FUNCTION screening_append_only() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION '{APPEND_ONLY}' USING ERRCODE = 'insufficient_privilege';
        END $$""",
]

_SELECT = """
SELECT e.seq, e.kind, e.body, e.year, e.recorded_at, e.leaf_hash, e.chain_hash,
       ARRAY(SELECT d.sha256 FROM entry_digests d WHERE d.seq = e.seq ORDER BY d.pos)
FROM entries e
"""


def _row(row: Sequence[Any]) -> Entry:
    seq, kind, body, year, recorded_at, leaf, chain, digests = row
    return Entry(seq=int(seq), kind=kind, body=bytes(body), digests=tuple(digests or ()),
                 year=int(year), recorded_at=recorded_at, leaf_hash=leaf, chain_hash=chain)


def connect_args(url: str) -> tuple[dict[str, Any], str | None]:
    """pg8000 connection arguments and the schema from a ``postgresql://`` URL."""
    try:
        check_postgres_url(url)
    except Exception as exc:
        raise RecordError(getattr(exc, "message", str(exc)),
                          message_en=getattr(exc, "message_en", str(exc))) from exc
    parts = urlsplit(url)
    query = {k: v[-1] for k, v in parse_qs(parts.query).items()}
    args: dict[str, Any] = {
        "user": unquote(parts.username or ""),
        "password": unquote(parts.password) if parts.password is not None else None,
        "database": unquote(parts.path.lstrip("/")),
        "port": parts.port or 5432,
        "application_name": "screening-ledger",
        "timeout": 30,
    }
    host = query.get("host") or unquote(parts.hostname or "")
    if host.startswith("/"):
        args["unix_sock"] = f"{host.rstrip('/')}/.s.PGSQL.{args['port']}"
    else:
        args["host"] = host
    mode = query.get("sslmode", "disable")
    if mode == "require":
        ctx = ssl.create_default_context()
        ctx.check_hostname = False
        ctx.verify_mode = ssl.CERT_NONE
        args["ssl_context"] = ctx
    elif mode in ("verify-full", "verify-ca"):
        args["ssl_context"] = ssl.create_default_context()
    elif mode not in ("disable", "allow", "prefer"):
        raise RecordError(f"PostgreSQL 地址的 sslmode 无效：{mode}",
                          message_en=f"invalid sslmode in the PostgreSQL URL: {mode}")
    if not args["user"]:
        raise RecordError(f"PostgreSQL 地址缺少用户名：{redact_url(url)}",
                          message_en=f"PostgreSQL URL without a user name: {redact_url(url)}")
    return args, query.get("schema")


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


class PostgresLedger(Ledger):
    """A ledger in a PostgreSQL database (schema created on first use)."""

    def __init__(self, url: str, clock: Clock | None = None):
        super().__init__(redact_url(url), clock)
        self._server_clock = clock is None
        try:
            import pg8000.native
        except ImportError as exc:                       # pragma: no cover - installed with [postgresql]
            raise RecordError("使用 PostgreSQL 账本需要安装 pg8000：pip install 'screening[postgresql]'",
                              message_en="a PostgreSQL ledger needs pg8000: "
                                         "pip install 'screening[postgresql]'") from exc
        args, self.schema = connect_args(url)
        try:
            self._db = pg8000.native.Connection(**args)
        except Exception as exc:                         # socket errors, auth failures, …
            raise RecordError(f"无法连接 PostgreSQL 账本 {self.url}：{_reason(exc)}",
                              message_en=f"cannot connect to the PostgreSQL ledger {self.url}: "
                                         f"{_reason(exc)}") from exc
        try:
            self._setup()
        except RecordError:
            self._db.close()
            raise
        except Exception as exc:
            self._db.close()
            raise RecordError(f"PostgreSQL 账本 {self.url} 无法使用：{_reason(exc)}",
                              message_en=f"the PostgreSQL ledger {self.url} is unusable: "
                                         f"{_reason(exc)}") from exc

    # -- schema -------------------------------------------------------------------------------

    def _setup(self) -> None:
        db = self._db
        if self.schema:
            db.run(f"SET search_path TO {_ident(self.schema)}")
        if not self._schema_complete():
            db.run("START TRANSACTION")
            try:
                db.run("SELECT pg_advisory_xact_lock(:a, :b)", a=SCHEMA_LOCK[0], b=SCHEMA_LOCK[1])
                if self.schema:
                    db.run(f"CREATE SCHEMA IF NOT EXISTS {_ident(self.schema)}")
                if not self._schema_complete():
                    self._create_schema()
                db.run("COMMIT")
            except BaseException:
                db.run("ROLLBACK")
                raise
        version = db.run("SELECT value FROM ledger_meta WHERE key = 'schema'")
        if not version or version[0][0] != SCHEMA_VERSION:
            raise RecordError(f"PostgreSQL 账本的结构版本未知：{version}",
                              message_en=f"unknown ledger schema version {version}")
        self._lock_key = int(db.run("SELECT 'entries'::regclass::oid::int")[0][0])

    def _triggers(self) -> set[str]:
        rows = self._db.run(
            "SELECT t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
            "WHERE c.oid IN (SELECT to_regclass(x) FROM unnest(CAST(:tables AS text[])) AS x) "
            "AND NOT t.tgisinternal", tables=list(GUARDED))
        return {r[0] for r in rows}

    def _expected_triggers(self) -> set[str]:
        return {f"{t}_{op}" for t in GUARDED for op in ("no_update_delete", "no_truncate")}

    def _schema_complete(self) -> bool:
        have = self._db.run("SELECT to_regclass('ledger_meta') IS NOT NULL AND "
                            "to_regclass('entries') IS NOT NULL AND "
                            "to_regclass('entry_digests') IS NOT NULL")[0][0]
        return bool(have) and self._expected_triggers() <= self._triggers()

    def _create_schema(self) -> None:
        db = self._db
        for stmt in SCHEMA:
            db.run(stmt)
        have = self._triggers()
        for table in GUARDED:
            if f"{table}_no_update_delete" not in have:
                db.run(f"CREATE TRIGGER {table}_no_update_delete BEFORE UPDATE OR DELETE ON {table} "
                       "FOR EACH ROW EXECUTE FUNCTION screening_append_only()")
            if f"{table}_no_truncate" not in have:
                db.run(f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
                       "FOR EACH STATEMENT EXECUTE FUNCTION screening_append_only()")
            db.run(f"REVOKE UPDATE, DELETE, TRUNCATE ON {table} FROM PUBLIC")
        db.run("INSERT INTO ledger_meta (key, value) VALUES ('schema', :v) ON CONFLICT DO NOTHING",
               v=SCHEMA_VERSION)

    # -- storage ------------------------------------------------------------------------------

    def _append(self, kind: str, body: bytes, digests: tuple[str, ...],
                expect_size: int | None) -> Entry:
        db = self._db
        try:
            db.run("START TRANSACTION")
        except Exception as exc:
            raise self._error("写入", exc) from exc
        try:
            db.run("SELECT pg_advisory_xact_lock(:a, :b)", a=LOCK_NAMESPACE, b=self._lock_key)
            previous = self._last()
            self._check_expected(previous, expect_size)
            now = (db.run("SELECT clock_timestamp()")[0][0] if self._server_clock
                   else self.clock())
            entry = next_entry(kind, body, digests, previous, now)
            db.run("INSERT INTO entries (seq, kind, body, year, recorded_at, leaf_hash, chain_hash) "
                   "VALUES (:seq, :kind, :body, :year, :at, :leaf, :chain)",
                   seq=entry.seq, kind=entry.kind, body=entry.body, year=entry.year,
                   at=entry.recorded_at, leaf=entry.leaf_hash, chain=entry.chain_hash)
            for pos, d in enumerate(digests):
                db.run("INSERT INTO entry_digests (sha256, seq, pos) VALUES (:d, :seq, :pos)",
                       d=d, seq=entry.seq, pos=pos)
            db.run("COMMIT")
        except BaseException as exc:
            try:
                db.run("ROLLBACK")
            except Exception:
                pass
            if isinstance(exc, RecordError) or not isinstance(exc, Exception):
                raise
            raise self._error("写入", exc) from exc
        return entry

    def _error(self, action: str, exc: Exception) -> RecordError:
        en = {"写入": "write to", "读取": "read"}[action]
        return RecordError(f"无法{action} PostgreSQL 账本 {self.url}：{_reason(exc)}",
                           message_en=f"cannot {en} the PostgreSQL ledger {self.url}: {_reason(exc)}")

    def _query(self, sql: str, **params: Any) -> list[Entry]:
        try:
            return [_row(r) for r in self._db.run(sql, **params)]
        except Exception as exc:
            raise self._error("读取", exc) from exc

    def _fetch(self, start: int, kind: str | None, year: int | None, limit: int) -> list[Entry]:
        where = ["e.seq >= :start"]
        params: dict[str, Any] = {"start": start, "limit": limit}
        if kind is not None:
            where.append("e.kind = :kind")
            params["kind"] = kind
        if year is not None:
            where.append("e.year = :year")
            params["year"] = year
        return self._query(_SELECT + " WHERE " + " AND ".join(where) + " ORDER BY e.seq LIMIT :limit",
                           **params)

    def _by_digest(self, sha256: str, kind: str | None) -> list[Entry]:
        sql = _SELECT + " WHERE e.seq IN (SELECT seq FROM entry_digests WHERE sha256 = :d)"
        params: dict[str, Any] = {"d": sha256}
        if kind is not None:
            sql += " AND e.kind = :kind"
            params["kind"] = kind
        return self._query(sql + " ORDER BY e.seq", **params)

    def _last(self) -> Entry | None:
        rows = self._query(_SELECT + " ORDER BY e.seq DESC LIMIT 1")
        return rows[0] if rows else None

    def close(self) -> None:
        try:
            self._db.close()
        except Exception:
            pass


def _reason(exc: Exception) -> str:
    """The server's message of a pg8000 error (its args hold a dict), else str(exc)."""
    if exc.args and isinstance(exc.args[0], dict):
        info = exc.args[0]
        return str(info.get("M", info))
    return str(exc) or type(exc).__name__

