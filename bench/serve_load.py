"""``screen serve`` under load: 50 concurrent clients × 20 requests of mixed documents, 2 workers.

    python bench/serve_load.py                       # 50 clients × 20 requests, 2 workers
    python bench/serve_load.py --clients 10 --requests 5 --workers 1 --scheme ed25519

What it does:

1. builds a small office in a temporary folder (roster, three reviewers, SQLite ledger — the
   helpers of ``tests/records/people.py``) and a mixed set of documents: reviewed files that the
   gate allows (a text notice, a .docx, the sanitized rendition of a 部分公开 case), and files it
   denies (the reviewed original of that case, a reviewed file changed by one character, an
   unreviewed .docx with a secrecy mark and an ID number, an unreviewed PDF, an empty file,
   a zip bomb named .docx);
2. asks the CLI, ``screen gate FILE --format json``, for each file's decision (allow + reason codes)
   and ``screen scan`` for its verdict (in-process);
3. starts ``screen serve --workers N`` (a subprocess) and runs ``--clients`` threads, each sending
   ``--requests`` requests over its own connection: three of four ``POST /v1/gate``, one of four
   ``POST /v1/scan``, documents in a shuffled round-robin;
4. checks every request was answered with HTTP 200, that each gate answer equals the CLI's decision
   for the same file and each scan verdict equals the CLI's, and prints latency percentiles.

Exit code 0 when every request was answered correctly, 1 otherwise. The machine may be shared with
other work: the latencies are what this machine gave at that moment, not a property of the code.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TOKEN = "bench-token-3c9f1a7e5d2b8064"


def build(root: Path, scheme: str) -> tuple[Path, dict[str, Path]]:
    """The office, the configuration and the documents (name → path)."""
    from screening.model import Severity
    from screening.pipeline import Screener
    from tests.docbuild.docx import build_docx, para, zip_bomb
    from tests.docbuild.pdf import build_pdf
    from tests.records.people import (
        CLEAN,
        SANITIZED,
        WITH_PII,
        make_office,
        resident_id,
        write_doc,
    )

    home = root / "home"
    screener = Screener()
    office = make_office(home, screener, scheme=scheme)
    d = root / "docs"
    docs = {
        "notice.txt": write_doc(d / "notice.txt", CLEAN),
        "reviewed.docx": build_docx(d / "reviewed.docx", body=[
            para("关于做好春季防汛工作的通知"), para("各乡镇人民政府：请认真做好春季防汛准备工作。")]),
        "pii.txt": write_doc(d / "pii.txt", WITH_PII),
        "pii-sanitized.txt": write_doc(d / "pii-sanitized.txt", SANITIZED),
        "changed.txt": None,
        "marked.docx": build_docx(d / "marked.docx", body=[
            para("关于开展安全检查的通知"), para("机密★1年"),
            para(f"联系人身份证号码：{resident_id('11010519800101123')}。")]),
        "unreviewed.pdf": build_pdf(d / "unreviewed.pdf", [["关于开展安全检查的通知", "正文内容。"] * 5]),
        "empty.docx": d / "empty.docx",
        "bomb.docx": zip_bomb(d / "bomb.docx"),
    }
    office.review(docs["notice.txt"])
    office.review(docs["reviewed.docx"])
    report = screener.scan(docs["pii.txt"])
    dispositions = {f.id: "已脱敏" for f in report.findings if f.severity is Severity.BLOCK}
    office.review(docs["pii.txt"], publish=[docs["pii-sanitized.txt"]], decision="部分公开",
                  basis=["保护第三方合法权益"], dispositions=dispositions)
    changed = d / "changed" / "notice.txt"   # the reviewed name, one character different
    changed.parent.mkdir()
    changed.write_text(CLEAN.replace("确保", "务必"), encoding="utf-8")
    docs["changed.txt"] = changed
    docs["empty.docx"].write_bytes(b"")
    office.close()
    config = root / "screening.toml"
    config.write_text(f'[service.tokens]\nbench = "{TOKEN}"\n[records]\nhome = "home"\n',
                      encoding="utf-8")
    return config, {k: Path(v) for k, v in docs.items()}


def cli_expectations(config: Path, docs: dict[str, Path]) -> dict[str, dict]:
    """What ``screen gate --format json`` decides and ``screen scan`` finds, per document."""
    from screening.config import load_config
    from screening.pipeline import Screener

    screener = Screener(load_config(config))
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = {}
    for key, path in docs.items():
        r = subprocess.run([sys.executable, "-m", "screening", "gate", str(path), "--format",
                            "json", "--config", str(config)], capture_output=True, text=True,
                           env=env, timeout=300, check=False)
        decision = json.loads(r.stdout)
        out[key] = {"gate": (decision["allow"], tuple(x["code"] for x in decision["reasons"])),
                    "exit": r.returncode, "verdict": screener.scan(path).verdict.value}
    return out


def start_server(config: Path, workers: int, log: Path) -> tuple[subprocess.Popen, str]:
    import socket

    import httpx

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-m", "screening", "serve", "--port", str(port),
                             "--workers", str(workers), "--config", str(config)],
                            stdout=log.open("wb"), stderr=subprocess.STDOUT, env=env,
                            cwd=config.parent)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    ready: set[int] = set()
    while time.monotonic() < deadline and proc.poll() is None:
        try:  # wait until both workers answer (each reports its pid)
            r = httpx.get(url + "/v1/health", headers={"Authorization": f"Bearer {TOKEN}"},
                          timeout=5)
            if r.status_code == 200:
                ready.add(r.json()["pid"])
                if len(ready) >= workers or workers == 1:
                    return proc, url
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    proc.kill()
    raise SystemExit(f"screen serve did not start:\n{log.read_text(errors='replace')}")


def load(url: str, docs: dict[str, Path], clients: int, requests: int, timeout: float) -> list[dict]:
    import httpx

    names = sorted(docs)
    data = {k: docs[k].read_bytes() for k in names}
    results: list[dict] = []
    lock = threading.Lock()
    barrier = threading.Barrier(clients)

    def client(i: int) -> None:
        rng = random.Random(i)
        order = names[:]
        rng.shuffle(order)
        mine = []
        with httpx.Client(base_url=url, timeout=timeout,
                          headers={"Authorization": f"Bearer {TOKEN}"}) as c:
            barrier.wait()
            for j in range(requests):
                key = order[(i + j) % len(order)]
                endpoint = "/v1/scan" if (i + j) % 4 == 3 else "/v1/gate"
                started = time.perf_counter()
                try:
                    r = c.post(endpoint, files={"file": (docs[key].name, data[key])})
                    status, body = r.status_code, (r.json() if r.status_code == 200 else r.text)
                except Exception as exc:  # noqa: BLE001 - counted, reported
                    status, body = None, f"{type(exc).__name__}: {exc}"
                mine.append({"endpoint": endpoint, "doc": key, "status": status, "body": body,
                             "seconds": time.perf_counter() - started})
        with lock:
            results.extend(mine)

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    values = sorted(values)
    k = max(0, min(len(values) - 1, round(p / 100 * (len(values) - 1))))
    return values[k]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--requests", type=int, default=20)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--scheme", choices=["sm2", "ed25519"], default="sm2")
    ap.add_argument("--timeout", type=float, default=300.0, help="per request, seconds")
    args = ap.parse_args()

    with tempfile.TemporaryDirectory(prefix="serve-load-") as tmp:
        root = Path(tmp)
        t0 = time.perf_counter()
        config, docs = build(root, args.scheme)
        expected = cli_expectations(config, docs)
        setup = time.perf_counter() - t0
        proc, url = start_server(config, args.workers, root / "serve.log")
        try:
            t1 = time.perf_counter()
            results = load(url, docs, args.clients, args.requests, args.timeout)
            wall = time.perf_counter() - t1
        finally:
            proc.send_signal(signal.SIGINT)
            try:
                proc.wait(30)
            except subprocess.TimeoutExpired:
                proc.kill()
        log = (root / "serve.log").read_text(errors="replace")

    total = args.clients * args.requests
    errors = [r for r in results if r["status"] != 200]
    mismatches = []
    for r in results:
        if r["status"] != 200:
            continue
        want = expected[r["doc"]]
        if r["endpoint"] == "/v1/gate":
            got = (r["body"]["allow"], tuple(x["code"] for x in r["body"]["reasons"]))
            if got != want["gate"]:
                mismatches.append((r["doc"], "gate", got, want["gate"]))
        elif r["body"]["verdict"] != want["verdict"]:
            mismatches.append((r["doc"], "scan", r["body"]["verdict"], want["verdict"]))

    print(f"screen serve --workers {args.workers}: {args.clients} clients × {args.requests} "
          f"requests, {len(docs)} documents, signatures {args.scheme}")
    print(f"setup (office, documents, CLI decisions): {setup:.1f} s; load: {wall:.1f} s, "
          f"{len(results) / wall:.1f} requests/s")
    print()
    print(f"{'document':<20} {'CLI gate (allow, codes)':<46} exit  scan verdict")
    for key in sorted(docs):
        allow, codes = expected[key]["gate"]
        print(f"{key:<20} {str(allow) + ' ' + ','.join(codes):<46} {expected[key]['exit']:>4}  "
              f"{expected[key]['verdict']}")
    print()
    print(f"{'endpoint':<10} {'requests':>8} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    for endpoint in ("/v1/gate", "/v1/scan", "all"):
        secs = [r["seconds"] * 1000 for r in results
                if endpoint == "all" or r["endpoint"] == endpoint]
        print(f"{endpoint:<10} {len(secs):>8} {percentile(secs, 50):>8.0f} "
              f"{percentile(secs, 95):>8.0f} {max(secs, default=float('nan')):>8.0f}")
    print()
    per_doc = {k: statistics.median([r["seconds"] * 1000 for r in results
                                     if r["doc"] == k and r["endpoint"] == "/v1/gate"] or [0])
               for k in sorted(docs)}
    print("gate median by document (ms): " + ", ".join(f"{k} {v:.0f}" for k, v in per_doc.items()))
    print(f"answered: {len(results)}/{total}; HTTP errors or failures: {len(errors)}; "
          f"decisions different from the CLI: {len(mismatches)}; "
          f"server log lines with 'internal error': {log.count('internal error')}")
    for e in errors[:5]:
        print("  error:", e["endpoint"], e["doc"], e["status"], str(e["body"])[:200])
    for m in mismatches[:5]:
        print("  mismatch:", m)
    ok = len(results) == total and not errors and not mismatches
    print("OK" if ok else "FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
