"""``screen gate`` decisions on one ledger: time per decision and ledger growth.

    python bench/gate.py                       # 1,000 decisions, SM2 keys
    python bench/gate.py --scheme ed25519 --decisions 1000 --cases 20

Builds an office (administrator + drafter, leader, officer; a roster of 4 versions) and a ledger
with ``--cases`` complete three-step reviews of small notices (text files; each review = 3 review
entries + 3 checkpoints), then makes ``--decisions`` gate decisions in one process (what
``screen serve`` does): 90 % on reviewed files (allowed), 10 % on unknown files (denied).
Each decision scans the file afresh, verifies the chain (3 signatures against the roster in force,
roles at the ledger's time, links) and appends a ``gate`` entry, so the ledger grows by one entry
per decision.

Printed side by side: the median and 95th percentile per decision, and, for the same files, the
fresh scan alone and the chain verification alone (so the gate's own overhead is visible as a
ratio), the ledger's entries before and after, its database size, and the size of a gate entry.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _ledger_bytes(root: Path) -> int:
    return sum(p.stat().st_size for p in root.glob("ledger.sqlite*"))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--decisions", type=int, default=1000)
    ap.add_argument("--cases", type=int, default=20)
    ap.add_argument("--scheme", choices=["sm2", "ed25519"], default="sm2")
    args = ap.parse_args(argv)

    from screening import Config
    from screening.pipeline import Screener
    from screening.plugins import get_plugin_manager
    from screening.records.chain import latest_chain, verify_chain
    from screening.records.gate import builtin_detectors, decide
    from tests.records.people import CLEAN, make_office, write_doc

    screener = Screener(Config(), pm=get_plugin_manager(entrypoints=False))
    builtin_detectors()  # once per process, like a service
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        t0 = time.perf_counter()
        office = make_office(root / "office", screener, scheme=args.scheme)
        docs = [write_doc(root / "docs" / f"通知{i:03d}.txt", CLEAN + f"第 {i} 号\n")
                for i in range(args.cases)]
        for d in docs:
            office.review(d)
        unknown = [write_doc(root / "docs" / f"未审{i:03d}.txt", CLEAN + f"未审 {i}\n")
                   for i in range(10)]
        setup = time.perf_counter() - t0
        entries0 = office.ledger.size()

        times, allowed = [], 0
        for n in range(args.decisions):
            path = unknown[n // 10 % 10] if n % 10 == 9 else docs[n % len(docs)]
            t = time.perf_counter()
            dec = decide(path, screener=screener, ledger=office.ledger, settings=office.settings)
            times.append(time.perf_counter() - t)
            allowed += dec.allow
        entries1 = office.ledger.size()
        gate_body = [len(e.body) for e in office.ledger.entries(kind="gate")]

        scan_t, chain_t = [], []
        from screening.records.digests import digest_file
        for d in docs * 5:
            t = time.perf_counter()
            screener.scan(d)
            scan_t.append(time.perf_counter() - t)
            t = time.perf_counter()
            verify_chain(office.ledger, latest_chain(office.ledger, digest_file(d).sha256),
                         office.settings)
            chain_t.append(time.perf_counter() - t)
        office.close()
        db_bytes = _ledger_bytes(root / "office")  # closed: the WAL is folded in

    ms = [t * 1000 for t in times]
    med = statistics.median(ms)
    p95 = statistics.quantiles(ms, n=20)[18]
    scan_ms = statistics.median(scan_t) * 1000
    chain_ms = statistics.median(chain_t) * 1000
    print(f"gate bench — {args.scheme}, {args.cases} reviewed cases, {args.decisions} decisions "
          f"({allowed} allowed), setup {setup:.1f} s")
    print(f"{'':34}{'median ms':>10}{'p95 ms':>9}{'× scan':>8}")
    print(f"{'gate decision (scan+verify+log)':34}{med:>10.2f}{p95:>9.2f}{med / scan_ms:>8.2f}")
    print(f"{'  fresh scan alone':34}{scan_ms:>10.2f}{'':>9}{1.0:>8.2f}")
    print(f"{'  chain verification alone':34}{chain_ms:>10.2f}{'':>9}{chain_ms / scan_ms:>8.2f}")
    print(f"decisions per second: {1000 / statistics.mean(ms):.1f}; "
          f"total {sum(times):.1f} s")
    print(f"ledger: {entries0} entries before, {entries1} after; database {db_bytes / 1024:.0f} KiB "
          f"after; gate entry body {statistics.mean(gate_body):.0f} bytes on average")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
