"""What the ledger costs (issue 7): append rate, checkpoint and full verification of 10,000
entries, and the bytes each entry takes — SQLite, and PostgreSQL when a server is configured.

    python bench/ledger.py                     # 10,000 entries, SQLite (+ PostgreSQL if set)
    python bench/ledger.py --entries 2000
    SCREENING_TEST_POSTGRES_URL=postgresql://… python bench/ledger.py
    python bench/ledger.py --json

Bodies are ~1.4 KB JSON (the size of a DSSE review envelope, signing.md §2.3) with one file
digest. Per backend:

* ``appends/s``: ``--appends`` (1,000) entries appended one at a time, each in its own durable
  transaction, as ``screen review`` and ``screen gate`` do.
* the ledger is then filled to ``--entries`` (10,000) with a signed checkpoint after every 10
  entries (rows computed exactly as ``append`` would, inserted in one transaction to keep the
  bench short);
* ``make_checkpoint``: one more checkpoint at full size — it replays the whole ledger first (it
  refuses to sign a tampered one), so this is the cost a review step adds;
* ``verify_ledger``: everything (leaf + chain hashes, Merkle roots, meta hashes, every checkpoint
  signature and consistency proof);
* ``bytes/entry``: the SQLite file (after a WAL checkpoint) or the PostgreSQL relations
  (``pg_total_relation_size`` of the three tables), divided by the entries.

signing.md §2.3 measured a prototype at 3,681–4,301 appends/s and a 9–14 ms replay of 2,000
entries on this kind of machine; nothing asserts, the table shows the numbers.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

ENV = "SCREENING_TEST_POSTGRES_URL"
CHECKPOINT_EVERY = 10


def body(i: int) -> bytes:
    payload = hashlib.sha256(str(i).encode()).hexdigest() * 18        # ~1.2 KB of payload
    return json.dumps({"payload": payload, "payloadType": "application/vnd.screening.review+json",
                       "signatures": [{"keyid": "sha256:" + "ab" * 32, "sig": "c2ln" * 24}]},
                      sort_keys=True, separators=(",", ":")).encode()


def fill(ledger, count: int, every: int, signer) -> None:
    """Add ``count`` entries with a signed checkpoint after every ``every`` — rows computed as
    append() would and inserted in one transaction (the append rate is measured separately)."""
    from screening.records.checkpoint import meta_line_hash, note_body, signature_line
    from screening.records.ledger import ZERO_HASH, next_entry
    from screening.records.merkle import Tree

    tree, meta = Tree(), ZERO_HASH
    for e in ledger.entries():
        tree.append(bytes.fromhex(e.leaf_hash))
        meta = meta_line_hash(meta, e)
    previous, rows = ledger.last(), []
    now = previous.recorded_datetime if previous else ledger.clock()
    for i in range(count):
        kind, data, digests = "gate", body(i), (hashlib.sha256(str(i).encode()).hexdigest(),)
        if every and (len(tree) + 1) % (every + 1) == 0:
            note = note_body("bench ledger", len(tree), tree.root(), meta)
            kind, data, digests = "checkpoint", (note + "\n" + signature_line(note, signer)).encode(), ()
        e = next_entry(kind, data, digests, previous, now)
        rows.append(e)
        tree.append(bytes.fromhex(e.leaf_hash))
        meta = meta_line_hash(meta, e)
        previous = e
    insert = ("INSERT INTO entries (seq, kind, body, year, recorded_at, leaf_hash, chain_hash) "
              "VALUES ({})")
    if hasattr(ledger, "path"):                                   # SQLite
        db = ledger._db
        db.execute("BEGIN IMMEDIATE")
        db.executemany(insert.format("?, ?, ?, ?, ?, ?, ?"),
                       [(e.seq, e.kind, e.body, e.year, e.recorded_at, e.leaf_hash, e.chain_hash)
                        for e in rows])
        db.executemany("INSERT INTO entry_digests (sha256, seq, pos) VALUES (?, ?, 0)",
                       [(e.digests[0], e.seq) for e in rows if e.digests])
        db.execute("COMMIT")
    else:                                                         # PostgreSQL
        db = ledger._db
        db.run("START TRANSACTION")
        for e in rows:
            db.run(insert.format(":s, :k, :b, :y, :r, :l, :c"), s=e.seq, k=e.kind, b=e.body,
                   y=e.year, r=e.recorded_at, l=e.leaf_hash, c=e.chain_hash)
            if e.digests:
                db.run("INSERT INTO entry_digests (sha256, seq, pos) VALUES (:d, :s, 0)",
                       d=e.digests[0], s=e.seq)
        db.run("COMMIT")


def run(url: str, appends: int, entries: int, label: str, size_of) -> dict:
    from screening.records.checkpoint import make_checkpoint, verify_ledger
    from screening.records.ledger import open_ledger
    from tests.records.ledger_build import TestSigner

    signer = TestSigner()
    out: dict = {"backend": label}
    with open_ledger(url) as ledger:
        t0 = time.perf_counter()
        for i in range(appends):
            ledger.append("review", body(i), [hashlib.sha256(str(i).encode()).hexdigest()])
        out["append_per_s"] = appends / (time.perf_counter() - t0)
        fill(ledger, entries - appends - 1, CHECKPOINT_EVERY, signer)
        t0 = time.perf_counter()
        make_checkpoint(ledger, signer, "bench ledger")
        out["checkpoint_ms"] = (time.perf_counter() - t0) * 1000
        t0 = time.perf_counter()
        check = verify_ledger(ledger, lambda cp, entry: [signer.public_key])
        out["verify_ms"] = (time.perf_counter() - t0) * 1000
        if not check.ok:
            raise SystemExit(f"bench ledger does not verify: {check.problems[:3]}")
        out["entries"], out["checkpoints"] = check.size, check.checkpoints
        out["bytes_per_entry"] = size_of() / check.size
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--entries", type=int, default=10_000, help="ledger size for checkpoint/verify")
    ap.add_argument("--appends", type=int, default=1_000, help="appends timed one by one")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "ledger.sqlite"

        def sqlite_size() -> int:
            import sqlite3
            db = sqlite3.connect(path)
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            db.close()
            return path.stat().st_size

        rows.append(run("sqlite://" + str(path), args.appends, args.entries, "SQLite", sqlite_size))
    base = os.environ.get(ENV)
    if base:
        from tests.records.pg import admin_connection, with_database
        admin = admin_connection(base)
        name = "screening_bench_ledger"
        try:
            admin.run(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            admin.run(f'CREATE DATABASE "{name}"')
            url = with_database(base, name)

            def pg_size() -> int:
                db = admin_connection(url)
                try:
                    return int(db.run("SELECT pg_total_relation_size('entries') + "
                                      "pg_total_relation_size('entry_digests') + "
                                      "pg_total_relation_size('ledger_meta')")[0][0])
                finally:
                    db.close()

            rows.append(run(url, args.appends, args.entries, "PostgreSQL", pg_size))
        finally:
            admin.run(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            admin.close()
    if args.json:
        print(json.dumps(rows, indent=1))
        return 0
    print(f"ledger bench: {args.appends:,} appends of {len(body(0)):,}-byte bodies, one transaction "
          f"each; then {args.entries:,} entries with a checkpoint every {CHECKPOINT_EVERY}"
          + ("" if base else f"  (PostgreSQL skipped: set {ENV})"))
    print(f"{'backend':<11} {'appends/s':>10} {'make_checkpoint':>16} {'verify_ledger':>14}"
          f" {'checkpoints':>12} {'bytes/entry':>12}")
    for r in rows:
        print(f"{r['backend']:<11} {r['append_per_s']:>10,.0f} {r['checkpoint_ms']:>14,.0f}ms"
              f" {r['verify_ms']:>12,.0f}ms {r['checkpoints']:>12,} {r['bytes_per_entry']:>12,.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
