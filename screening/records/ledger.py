"""The append-only, hash-chained ledger of review steps, roster versions, gate decisions and checkpoints.

Every entry gets a gap-free ``seq`` (1, 2, 3 …), the time the ledger recorded it (Asia/Shanghai,
ISO 8601 with offset — the trusted order and time; never earlier than the entry before), its
RFC 9162 leaf hash ``SHA-256(0x00 ‖ body)`` and a chain hash
``SHA-256(previous chain hash ‖ leaf hash)`` (32 zero bytes before entry 1). Signed checkpoints
(:mod:`.checkpoint`) commit to the Merkle root of entries 1..n; :func:`.checkpoint.verify_ledger`
replays everything (signing.md §2).

Storage: SQLite by default (:mod:`.ledger_sqlite`), PostgreSQL for offices with several servers
(:mod:`.ledger_pg`). Both refuse UPDATE and DELETE with triggers; appends are serialised so ``seq``
stays gap-free with several processes writing.

Bodies hold envelopes or masked JSON only — never raw personal values (the callers' duty; the
ledger stores bytes as given).
"""

from __future__ import annotations

import hashlib
import re
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import RecordError

if TYPE_CHECKING:
    from .settings import RecordsSettings

KINDS = ("roster", "review", "gate", "checkpoint", "sanitize", "form")
SHANGHAI = timezone(timedelta(hours=8), "Asia/Shanghai")   # China has kept +08:00 since 1991
ZERO_HASH = bytes(32)
APPEND_ONLY = "entry is append-only"
MAX_BODY_BYTES = 64 * 1024 * 1024
_SHA256_HEX = re.compile(r"[0-9a-f]{64}")

Clock = Callable[[], datetime]


@dataclass(frozen=True)
class Entry:
    """One ledger entry (see the module docstring for the hashes)."""

    seq: int
    kind: str
    body: bytes
    digests: tuple[str, ...]
    year: int
    recorded_at: str
    leaf_hash: str
    chain_hash: str

    @property
    def recorded_datetime(self) -> datetime:
        """``recorded_at`` as an aware datetime."""
        return datetime.fromisoformat(self.recorded_at)


def entry_leaf_hash(body: bytes) -> bytes:
    """``SHA-256(0x00 ‖ body)`` (RFC 9162 leaf), raw bytes."""
    return hashlib.sha256(b"\x00" + body).digest()


def entry_chain_hash(previous_chain: bytes, leaf: bytes) -> bytes:
    """``SHA-256(previous chain hash ‖ leaf hash)``, raw bytes."""
    return hashlib.sha256(previous_chain + leaf).digest()


def format_time(moment: datetime) -> str:
    """ISO 8601 in Asia/Shanghai with microseconds, e.g. ``2026-03-02T09:30:00.000000+08:00``."""
    if moment.tzinfo is None:
        raise ValueError("the ledger clock must return an aware datetime")
    return moment.astimezone(SHANGHAI).isoformat(timespec="microseconds")


def system_clock() -> datetime:
    return datetime.now(SHANGHAI)


def check_append(kind: str, body: bytes, digests: Sequence[str]) -> tuple[str, ...]:
    """Validate an append's arguments; return the digests lower-cased, de-duplicated, in order."""
    if kind not in KINDS:
        raise RecordError(f"未知的账本记录类型：{kind!r}（可用：{'、'.join(KINDS)}）",
                          message_en=f"unknown ledger entry kind {kind!r} (known: {', '.join(KINDS)})")
    if not isinstance(body, (bytes, bytearray)) or not body:
        raise RecordError("账本记录内容必须是非空的字节串",
                          message_en="a ledger entry body must be non-empty bytes")
    if len(body) > MAX_BODY_BYTES:
        raise RecordError(f"账本记录过大（{len(body)} 字节）",
                          message_en=f"ledger entry too large ({len(body)} bytes)")
    if isinstance(digests, str):
        raise RecordError("digests 必须是摘要的列表", message_en="digests must be a list of digests")
    out = []
    for d in digests:
        low = d.lower() if isinstance(d, str) else ""
        if not _SHA256_HEX.fullmatch(low):
            raise RecordError(f"文件摘要必须是 64 位十六进制的 SHA-256：{d!r}",
                              message_en=f"a file digest must be 64 hex digits of SHA-256: {d!r}")
        out.append(low)
    return tuple(dict.fromkeys(out))


def next_entry(kind: str, body: bytes, digests: tuple[str, ...], previous: Entry | None,
               now: datetime) -> Entry:
    """The entry that follows ``previous``: next seq, chained hash, a time not before the
    previous entry's (clocks step backwards; the ledger's order does not)."""
    if previous is None:
        seq, prev_chain, moment = 1, ZERO_HASH, now
    else:
        seq, prev_chain = previous.seq + 1, bytes.fromhex(previous.chain_hash)
        moment = max(now, previous.recorded_datetime)
    leaf = entry_leaf_hash(bytes(body))
    recorded_at = format_time(moment)
    return Entry(seq=seq, kind=kind, body=bytes(body), digests=digests,
                 year=int(recorded_at[:4]), recorded_at=recorded_at, leaf_hash=leaf.hex(),
                 chain_hash=entry_chain_hash(prev_chain, leaf).hex())


class LedgerConflict(RecordError):
    """``append(expect_size=n)`` found the ledger at another size (someone appended first)."""

    code = "ledger_conflict"


class Ledger:
    """The ledger interface. Subclasses implement the storage methods marked below.

    A ledger is a context manager; :meth:`close` releases the connection.
    """

    url: str

    def __init__(self, url: str, clock: Clock | None = None):
        self.url = url
        self.clock: Clock = clock or system_clock
        self._lock = threading.RLock()     # one connection: one operation at a time (screen serve)

    # -- public API ---------------------------------------------------------------------------

    def append(self, kind: str, body: bytes, digests: Sequence[str] = (), *,
               expect_size: int | None = None) -> Entry:
        """Append one entry atomically and return it as stored.

        ``digests``: SHA-256 hex of the files the entry is about (for :meth:`by_digest`).
        ``expect_size``: append only if the ledger holds exactly that many entries, else raise
        :class:`LedgerConflict` (used by checkpoints, whose body depends on the size).
        """
        clean = check_append(kind, body, digests)
        with self._lock:
            return self._append(kind, bytes(body), clean, expect_size)

    def entries(self, kind: str | None = None, start: int = 1,
                year: int | None = None) -> Iterator[Entry]:
        """Entries with ``seq >= start`` in seq order, optionally only one kind / archive year.

        Read in batches, so appending while iterating is safe (new entries may be seen)."""
        if kind is not None and kind not in KINDS:
            raise RecordError(f"未知的账本记录类型：{kind!r}",
                              message_en=f"unknown ledger entry kind {kind!r}")
        at = max(1, start)
        while True:
            with self._lock:
                batch = self._fetch(at, kind, year, 512)
            yield from batch
            if len(batch) < 512:
                return
            at = batch[-1].seq + 1

    def by_digest(self, sha256: str, kind: str | None = None) -> list[Entry]:
        """Entries about the file with this SHA-256 (hex), in seq order."""
        low = sha256.lower() if isinstance(sha256, str) else ""
        if not _SHA256_HEX.fullmatch(low):
            return []
        with self._lock:
            return self._by_digest(low, kind)

    def get(self, seq: int) -> Entry | None:
        """The entry ``seq``, or None."""
        if seq < 1:
            return None
        with self._lock:
            batch = self._fetch(seq, None, None, 1)
        return batch[0] if batch and batch[0].seq == seq else None

    def last(self) -> Entry | None:
        """The entry with the highest seq, or None for an empty ledger."""
        with self._lock:
            return self._last()

    def size(self) -> int:
        """The number of entries (= the highest seq in an intact ledger)."""
        last = self.last()
        return last.seq if last else 0

    def close(self) -> None:
        raise NotImplementedError

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.url}>"

    # -- storage, implemented by the backends -------------------------------------------------

    def _append(self, kind: str, body: bytes, digests: tuple[str, ...],
                expect_size: int | None) -> Entry:
        raise NotImplementedError

    def _fetch(self, start: int, kind: str | None, year: int | None, limit: int) -> list[Entry]:
        raise NotImplementedError

    def _by_digest(self, sha256: str, kind: str | None) -> list[Entry]:
        raise NotImplementedError

    def _last(self) -> Entry | None:
        raise NotImplementedError

    def _check_expected(self, previous: Entry | None, expect_size: int | None) -> None:
        have = previous.seq if previous else 0
        if expect_size is not None and have != expect_size:
            raise LedgerConflict(f"账本已有 {have} 条记录，不是预期的 {expect_size} 条（有人同时写入），请重试",
                                 message_en=f"the ledger holds {have} entries, not the expected "
                                            f"{expect_size} (a concurrent append); retry")


def open_ledger(target: RecordsSettings | str | Path, *, clock: Clock | None = None) -> Ledger:
    """Open (and on first use create) the ledger named by settings, a URL or a path.

    ``clock`` replaces the ledger's clock (tests); it returns aware datetimes. Raises
    :class:`RecordError` when the ledger cannot be opened or reached.
    """
    from .settings import RecordsSettings, ledger_url

    if isinstance(target, RecordsSettings):
        url = target.ledger_url
    elif isinstance(target, (str, Path)):
        try:
            url = ledger_url(str(target), Path.cwd())
        except Exception as exc:                    # ConfigError → the ledger cannot be opened
            msg = getattr(exc, "message", str(exc))
            raise RecordError(f"账本地址无效：{msg}",
                              message_en=f"invalid ledger address: "
                                         f"{getattr(exc, 'message_en', str(exc))}") from exc
    else:
        raise TypeError(f"open_ledger needs RecordsSettings, a URL or a path, not {type(target)!r}")
    if url.startswith("sqlite://"):
        from .ledger_sqlite import SqliteLedger
        return SqliteLedger(Path(url[len("sqlite://"):]), clock=clock)
    from .ledger_pg import PostgresLedger
    return PostgresLedger(url, clock=clock)
