"""The ledger contract (run on SQLite and, when configured, PostgreSQL) and SQLite specifics:
WAL, STRICT tables, append-only triggers, gap-free seq with two processes appending."""

from __future__ import annotations

import hashlib
import multiprocessing
import sqlite3
from datetime import datetime, timedelta, timezone

import pytest

from screening.errors import RecordError
from screening.records.checkpoint import verify_ledger
from screening.records.ledger import KINDS, Entry, LedgerConflict, open_ledger
from screening.records.settings import RecordsSettings
from tests.records.ledger_build import ledger_target, pg_url, sql  # noqa: F401

D1 = hashlib.sha256(b"draft one").hexdigest()
D2 = hashlib.sha256(b"draft two").hexdigest()


def fixed_clock(*moments: datetime):
    it = iter(moments)
    return lambda: next(it)


def test_append_sets_seq_hashes_time_and_year(ledger_target):
    t1 = datetime(2025, 12, 31, 16, 30, tzinfo=timezone.utc)            # 2026-01-01 00:30 in Beijing
    with open_ledger(ledger_target, clock=fixed_clock(t1, t1 + timedelta(seconds=1))) as ledger:
        e1 = ledger.append("review", b'{"step":1}', [D1.upper(), D2, D1])
        e2 = ledger.append("gate", b'{"allow":false}')
    assert (e1.seq, e1.kind, e1.body, e1.digests) == (1, "review", b'{"step":1}', (D1, D2))
    assert e1.recorded_at == "2026-01-01T00:30:00.000000+08:00"
    assert e1.year == 2026
    leaf1 = hashlib.sha256(b"\x00" + b'{"step":1}').digest()
    assert e1.leaf_hash == leaf1.hex()
    assert e1.chain_hash == hashlib.sha256(bytes(32) + leaf1).hexdigest()
    leaf2 = hashlib.sha256(b"\x00" + b'{"allow":false}').digest()
    assert e2.seq == 2 and e2.digests == ()
    assert e2.chain_hash == hashlib.sha256(bytes.fromhex(e1.chain_hash) + leaf2).hexdigest()


def test_what_is_stored_is_what_append_returned(ledger_target):
    with open_ledger(ledger_target) as ledger:
        made = [ledger.append(kind, f"body {i}".encode(), [D1] if i % 2 else [D2])
                for i, kind in enumerate(KINDS)]
    with open_ledger(ledger_target) as ledger:                          # reopened
        assert list(ledger.entries()) == made
        assert ledger.size() == len(KINDS) and ledger.last() == made[-1]
        assert ledger.get(3) == made[2] and ledger.get(0) is None and ledger.get(99) is None
        assert list(ledger.entries(kind="gate")) == [made[2]]
        assert list(ledger.entries(start=5)) == made[4:]
        assert list(ledger.entries(year=made[0].year)) == made
        assert list(ledger.entries(year=1999)) == []
        assert ledger.by_digest(D1) == [e for e in made if e.seq % 2 == 0]
        assert ledger.by_digest(D2.upper(), kind="gate") == [made[2]]
        assert ledger.by_digest(D2, kind="roster") == [made[0]]
        assert ledger.by_digest("not a digest") == []


def test_entries_reads_in_batches_past_512(ledger_target):
    with open_ledger(ledger_target) as ledger:
        for i in range(1100):
            ledger.append("gate", str(i).encode())
        seqs = [e.seq for e in ledger.entries()]
        assert seqs == list(range(1, 1101))
        assert [e.seq for e in ledger.entries(start=1000)] == list(range(1000, 1101))


def test_recorded_time_never_goes_back(ledger_target):
    late = datetime(2026, 3, 2, 9, 0, tzinfo=timezone(timedelta(hours=8)))
    with open_ledger(ledger_target, clock=fixed_clock(late, late - timedelta(hours=1))) as ledger:
        a = ledger.append("gate", b"a")
        b = ledger.append("gate", b"b")              # the clock stepped back an hour
    assert a.recorded_at == b.recorded_at == "2026-03-02T09:00:00.000000+08:00"


@pytest.mark.parametrize(("kind", "body", "digests", "words"), [
    ("approval", b"x", (), "未知的账本记录类型"),
    ("review", b"", (), "非空的字节串"),
    ("review", "text", (), "非空的字节串"),
    ("review", b"x", ["abc"], "64 位十六进制"),
    ("review", b"x", D1, "摘要的列表"),
])
def test_bad_appends_are_refused(ledger_target, kind, body, digests, words):
    with open_ledger(ledger_target) as ledger:
        with pytest.raises(RecordError) as err:
            ledger.append(kind, body, digests)
        assert words in err.value.message
        assert ledger.size() == 0


def test_expect_size_refuses_a_stale_append(ledger_target):
    with open_ledger(ledger_target) as ledger:
        ledger.append("gate", b"a")
        with pytest.raises(LedgerConflict):
            ledger.append("checkpoint", b"cp", expect_size=0)
        assert ledger.append("gate", b"b", expect_size=1).seq == 2


@pytest.mark.parametrize("statement", [
    "UPDATE entries SET kind = 'gate' WHERE seq = 1",
    "UPDATE entries SET recorded_at = '2020-01-01T00:00:00.000000+08:00'",
    "DELETE FROM entries WHERE seq = 1",
    "DELETE FROM entry_digests",
    "UPDATE entry_digests SET sha256 = 'x'",
    "DELETE FROM ledger_meta",
])
def test_update_and_delete_are_refused(ledger_target, statement):
    with open_ledger(ledger_target) as ledger:
        ledger.append("review", b'{"step":1}', [D1])
    with pytest.raises(Exception, match="entry is append-only"):
        sql(ledger_target, statement)
    with open_ledger(ledger_target) as ledger:
        assert [(e.seq, e.body, e.digests) for e in ledger.entries()] == [(1, b'{"step":1}', (D1,))]


def test_open_with_settings(tmp_path):
    s = RecordsSettings(home=tmp_path / "home", ledger_url="sqlite://" + str(tmp_path / "a" / "b.sqlite"))
    with open_ledger(s) as ledger:
        assert ledger.url == "sqlite://" + str(tmp_path / "a" / "b.sqlite")
        ledger.append("gate", b"x")
    assert (tmp_path / "a" / "b.sqlite").is_file()


def test_sqlite_uses_wal_and_strict_tables(tmp_path):
    path = tmp_path / "ledger.sqlite"
    open_ledger(str(path)).close()
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    ddl = {name: text for name, text in db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'")}
    assert set(ddl) == {"entries", "entry_digests", "ledger_meta"}
    assert all(text.rstrip().endswith(("STRICT", "WITHOUT ROWID")) and "STRICT" in text for text in ddl.values())
    with pytest.raises(sqlite3.IntegrityError):                  # STRICT: a text seq is refused
        db.execute("INSERT INTO entries VALUES ('x', 'gate', X'00', 2026, 't', 'l', 'c')")


def test_dropped_triggers_come_back_when_the_ledger_is_opened(tmp_path):
    url = "sqlite://" + str(tmp_path / "ledger.sqlite")
    open_ledger(url).close()
    sql(url, "DROP TRIGGER entries_no_update", "DROP TRIGGER entries_no_delete")
    open_ledger(url).close()
    names = {r[0] for r in sql(url, "SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    assert {"entries_no_update", "entries_no_delete"} <= names


def test_a_file_that_is_not_a_ledger_is_refused(tmp_path):
    bad = tmp_path / "ledger.sqlite"
    bad.write_bytes(b"this is not a database" * 100)
    with pytest.raises(RecordError, match="无法使用"):
        open_ledger(str(bad))


def test_an_unwritable_place_is_refused(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(RecordError, match="无法打开账本"):
        open_ledger(str(blocker / "sub" / "ledger.sqlite"))


def test_an_invalid_address_is_a_record_error():
    with pytest.raises(RecordError, match="账本地址无效"):
        open_ledger("mysql://u:p@h/db")


def _append_many(url: str, tag: str, count: int, start_event) -> None:
    start_event.wait(30)
    with open_ledger(url) as ledger:
        for i in range(count):
            ledger.append("gate", f"{tag}-{i}".encode())


def run_two_writers(url: str, count: int = 60) -> list[Entry]:
    """Two processes append ``count`` entries each at the same time; return all entries."""
    open_ledger(url).close()                                     # schema made before the race
    ctx = multiprocessing.get_context("fork")
    go = ctx.Event()
    procs = [ctx.Process(target=_append_many, args=(url, tag, count, go)) for tag in ("A", "B")]
    for p in procs:
        p.start()
    go.set()
    for p in procs:
        p.join(120)
        assert p.exitcode == 0
    with open_ledger(url) as ledger:
        return list(ledger.entries())


def test_two_processes_appending_keep_seq_gap_free(tmp_path):
    url = "sqlite://" + str(tmp_path / "ledger.sqlite")
    entries = run_two_writers(url)
    assert [e.seq for e in entries] == list(range(1, 121))
    bodies = {e.body.decode() for e in entries}
    assert bodies == {f"{t}-{i}" for t in "AB" for i in range(60)}
    tags = "".join(e.body.decode()[0] for e in entries)
    assert "AB" in tags or "BA" in tags                          # they really interleaved or queued
    with open_ledger(url) as ledger:
        check = verify_ledger(ledger, lambda cp, e: [])
    assert check.ok and check.size == 120, check.problems


def test_threads_sharing_one_ledger_keep_seq_gap_free(ledger_target):
    import threading

    with open_ledger(ledger_target) as ledger:
        def work(tag: str) -> None:
            for i in range(40):
                ledger.append("gate", f"{tag}-{i}".encode())
                ledger.size()

        threads = [threading.Thread(target=work, args=(t,)) for t in "ABCD"]
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
        entries = list(ledger.entries())
        check = verify_ledger(ledger, lambda cp, e: [])
    assert [e.seq for e in entries] == list(range(1, 161))
    assert check.ok, check.problems
