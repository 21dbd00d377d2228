"""Personal data on the same Chinese text: ``screen`` side by side with the Presidio peer.

    pip install -e '.[bench]'          # presidio-analyzer/-anonymizer >= 2.2.364 (tests need none)
    python bench/pii_bench.py           # ~200 KB, seed 20240601, median of 21 timed runs
    python bench/pii_bench.py --json    # one JSON object instead of the tables
    python bench/pii_bench.py --peers AB --runs 7 --size 400000 --keep corpus.txt
    python bench/pii_bench.py --screen-only

One run generates the corpus (``bench/pii_corpus.py``: gold spans and decoys), then

* **recall per kind** for both tools: a gold item is found when a reported span of a matching kind
  overlaps it (``screen``: findings at review/block only; Presidio: every result it returns, its
  ``PHONE_NUMBER`` standing for both mobile and landline), also broken down by how the value is
  written (grouped, ``+86``, lower-case ``x`` …);
* **decoys hit**: look-alikes (bad check digits, Luhn-failing serials, amounts, 文号, USCC, masked
  values, hotlines, officials' names …) covered by a reported span; **wrong spans**: reports that
  overlap a gold item of another kind, or nothing planted at all;
* **throughput** in KB/s of UTF-8 (median of ``--runs`` after one warm-up): ``screen`` scanning the
  text as a .txt file (``Screener.scan``: read + detect + filter + verdict), its read and
  detect+filter costs separately (the detectors on an in-memory ``Document`` of the same lines),
  and Presidio-B analysing the whole text in one call; the ratio screen/Presidio-B (target ≥ 2×).
  The tools take turns within each round, so a busy machine slows them alike; a second column
  gives the same in CPU time of this process (steadier on a shared machine), and the cost of each
  screen detector is listed, slowest first (:func:`detector_seconds`: all detectors in pipeline
  order on a fresh document, so work one shares with the others counts once, where it is done).

Timings are measurements, not assertions: nothing here fails on a slow machine.
"""

from __future__ import annotations

import argparse
import bisect
import gc
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.pii_corpus import PiiCorpus, generate  # noqa: E402

TARGET_RATIO = 2.0
COUNTED = ("review", "block")


@dataclass(frozen=True)
class Hit:
    """A span one tool reported, in whole-text offsets, with the kinds it stands for."""

    start: int
    end: int
    kinds: tuple[str, ...]
    label: str


@dataclass
class ToolScore:
    found: dict[str, int] = field(default_factory=dict)             # kind -> gold items found
    found_forms: dict[str, int] = field(default_factory=dict)       # "kind/form" -> found
    decoys_hit: dict[str, int] = field(default_factory=dict)        # decoy kind -> spans hit
    wrong_kind: int = 0          # reports over a gold item of another kind (an ID called a card)
    wrong_other: int = 0         # reports over nothing planted and no decoy
    reported: int = 0
    examples: list[str] = field(default_factory=list)               # a few wrong spans, for people

    @property
    def decoys_total(self) -> int:
        return sum(self.decoys_hit.values())


def score(corpus: PiiCorpus, hits: Iterable[Hit], examples: int = 8) -> ToolScore:
    """Match one tool's reports against the corpus (gold and decoy spans never overlap)."""
    s = ToolScore()
    gold = sorted(corpus.gold, key=lambda g: g.start)
    decoys = sorted(corpus.decoys, key=lambda d: d.start)
    gold_starts = [g.start for g in gold]
    decoy_starts = [d.start for d in decoys]
    found: set[int] = set()
    decoys_hit: set[int] = set()
    for h in hits:
        s.reported += 1
        over = _overlapping(gold, gold_starts, h)
        match = [i for i in over if gold[i].kind in h.kinds]
        if match:
            found.update(match)
            continue
        dec = _overlapping(decoys, decoy_starts, h)
        if dec:
            decoys_hit.update(dec)
        elif over:
            s.wrong_kind += 1
        else:
            s.wrong_other += 1
        if len(s.examples) < examples:
            s.examples.append(f"{h.label} {corpus.text[h.start:h.end]!r}"
                              + (f" (诱饵 decoy: {decoys[dec[0]].kind})" if dec else
                                 f" (埋点 planted: {gold[over[0]].kind})" if over else ""))
    for i in found:
        g = gold[i]
        s.found[g.kind] = s.found.get(g.kind, 0) + 1
        key = f"{g.kind}/{g.form}"
        s.found_forms[key] = s.found_forms.get(key, 0) + 1
    for i in decoys_hit:
        s.decoys_hit[decoys[i].kind] = s.decoys_hit.get(decoys[i].kind, 0) + 1
    return s


def _overlapping(spans, starts, h: Hit) -> list[int]:
    i = max(0, bisect.bisect_right(starts, h.start) - 1)
    out = []
    while i < len(spans) and spans[i].start < h.end:
        if spans[i].end > h.start:
            out.append(i)
        i += 1
    return out


# -- screen ----------------------------------------------------------------------------------------

def line_offsets(text: str) -> list[tuple[int, str]]:
    """``(offset, line)`` of every non-empty line: the blocks the text reader makes, in order."""
    out, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            out.append((pos, line))
        pos += len(line) + 1
    return out


def text_document(text: str, path: str = "bench.txt"):
    """The :class:`screening.Document` the text reader makes of ``text`` (one block per line)."""
    from screening import Document
    from screening.model import BlockList

    blocks = BlockList()
    for number, line in enumerate(text.split("\n"), 1):
        blocks.add(line, "body", counts_as_line=True, source=f"line {number}")
    return Document(path=path, format="text", blocks=tuple(blocks.blocks))


def screen_hits(corpus: PiiCorpus, document, findings) -> list[Hit]:
    """Findings at review/block in whole-text offsets (block i is the i-th non-empty line)."""
    lines = line_offsets(corpus.text)
    body = [b for b in document.blocks if b.part == "body"]
    if [b.text for b in body] != [line for _, line in lines]:
        raise RuntimeError("the text reader's blocks are not the corpus lines")
    where = {b.index: off for b, (off, _) in zip(body, lines)}
    hits = []
    for f in findings:
        if f.severity.value not in COUNTED or f.location.block not in where:
            continue
        base = where[f.location.block]
        hits.append(Hit(base + f.location.start, base + f.location.end, (f.kind,), f.kind))
    return hits


def peer_hits(results) -> list[Hit]:
    from bench.pii_peer import KINDS

    return [Hit(r.start, r.end, KINDS.get(r.entity, ()), r.entity) for r in results]


# -- timing ----------------------------------------------------------------------------------------

def fresh(document):
    """A new :class:`screening.Document` with the same blocks and an empty memo: what the
    detectors share about a document (normalised texts, tables, names) is kept in its memo, so
    timing one object again and again would time those memos warm, which no real scan sees."""
    return replace(document, memo={})


#: the row of :func:`detector_seconds` for the normalised block texts every detector shares
SHARED = "(共享 shared: normalize)"


def detector_seconds(screener, document, runs: int,
                     clock: Callable[[], float] = time.perf_counter) -> dict[str, float]:
    """Median time of each detector over ``runs`` rounds after a warm-up, each round a fresh
    document screened as the pipeline does: every detector in order on the same document, so what
    one detector computes for the others (names for special_category, the lexicon terms of both
    lexicon plugins) is counted once, at the detector that asks first. The normalised block texts
    that all of them read are made first and shown as their own row (:data:`SHARED`)."""
    from screening.text import block_texts, forget

    times: dict[str, list[float]] = {}
    for n in range(runs + 1):
        doc = fresh(document)
        gc.collect()
        t0 = clock()
        texts = block_texts(doc)
        for block in doc.blocks:
            texts.of(block)
        row = [(SHARED, clock() - t0)]
        for det in screener.registry.detectors:
            t0 = clock()
            for _ in det.detect(doc, screener.config):
                pass
            row.append((det.name, clock() - t0))
        forget(doc)
        if n:                                                # the first round is the warm-up
            for name, t in row:
                times.setdefault(name, []).append(t)
    return {name: statistics.median(t) for name, t in times.items()}


def _detect(screener, document):
    return screener.filter(screener.detect(document), document)


def median_seconds(fns: dict[str, Callable[[], object]], runs: int,
                   clock: Callable[[], float] = time.perf_counter) -> dict[str, float]:
    """Median time of each function over ``runs`` rounds after one warm-up each. The tools take
    turns within a round, so a busy machine slows them alike and the ratio stays fair.
    ``clock=time.process_time`` measures this process's CPU time instead of wall time.

    Each call starts after a full garbage collection (not timed): with both tools loaded a full
    collection walks every object of both (about 80 ms here) and would otherwise fall on
    whichever call happens to be running when the collector's counters run over."""
    for fn in fns.values():
        fn()                                                 # warm-up
    times: dict[str, list[float]] = {name: [] for name in fns}
    for _ in range(runs):
        for name, fn in fns.items():
            gc.collect()
            t0 = clock()
            fn()
            times[name].append(clock() - t0)
    return {name: statistics.median(t) for name, t in times.items()}


@dataclass
class Result:
    corpus: dict
    detectors: list[str]
    planted: dict[str, int]
    planted_forms: dict[str, int]
    decoys: dict[str, int]
    tools: dict[str, dict]
    throughput_kb_s: dict[str, float]
    throughput_cpu_kb_s: dict[str, float]
    ratio: dict[str, float]
    runs: int
    detector_ms: dict[str, float] = field(default_factory=dict)


def run(seed: int = 20240601, size: int = 200_000, runs: int = 21, peers: str = "B",
        keep: Path | None = None, screener=None) -> Result:
    """Generate the corpus, run ``screen`` and the peers over it, time them. ``peers=""`` runs
    the screen side only. Raises :class:`bench.pii_peer.PresidioMissing`."""
    from screening.pipeline import Screener
    from screening.plugins import get_plugin_manager

    loaded = {}
    if peers:
        from bench import pii_peer

        loaded = pii_peer.load(peers)
    corpus = generate(seed, size)
    kb = corpus.size_bytes / 1024
    screener = screener or Screener(pm=get_plugin_manager(entrypoints=False))
    tools: dict[str, ToolScore] = {}

    document = text_document(corpus.text)
    with tempfile.TemporaryDirectory(prefix="pii-bench-") as tmp:
        path = Path(keep) if keep else Path(tmp) / "corpus.txt"
        path.write_text(corpus.text, encoding="utf-8")
        report = screener.scan(path)
        if report.verdict.value == "error":
            raise RuntimeError(f"screen could not read the corpus: {report.error}")
        tools["screen"] = score(corpus, screen_hits(corpus, report.document, report.findings))
        for peer in loaded.values():
            peer.analyze(corpus.text[:2000])                 # warm-up as in pii-peers.md §6
            tools[peer.name] = score(corpus, peer_hits(peer.analyze(corpus.text)))
        fns: dict[str, Callable[[], object]] = {
            "screen scan": lambda: screener.scan(path),
            "screen read": lambda: screener.read(path),
            "screen detect": lambda: _detect(screener, fresh(document))}
        for peer in loaded.values():
            fns[peer.name] = lambda p=peer: p.analyze(corpus.text)
        speed = {name: kb / t for name, t in median_seconds(fns, runs).items()}
        cpu = {name: kb / t for name, t in
               median_seconds(fns, runs, time.process_time).items() if t > 0}
    per_detector = detector_seconds(screener, document, runs)

    ratio = {}
    if "Presidio-B" in speed:
        ratio = {"scan/Presidio-B": speed["screen scan"] / speed["Presidio-B"],
                 "detect/Presidio-B": speed["screen detect"] / speed["Presidio-B"]}
        if "Presidio-B" in cpu:
            ratio["scan/Presidio-B (CPU)"] = cpu["screen scan"] / cpu["Presidio-B"]
    planted = corpus.counts()
    forms: dict[str, int] = {}
    for g in corpus.gold:
        forms[f"{g.kind}/{g.form}"] = forms.get(f"{g.kind}/{g.form}", 0) + 1
    decoys: dict[str, int] = {}
    for d in corpus.decoys:
        decoys[d.kind] = decoys.get(d.kind, 0) + 1
    info = {"seed": seed, "bytes": corpus.size_bytes, "chars": len(corpus.text),
            "lines": len(line_offsets(corpus.text)), "md5": corpus.md5}
    if loaded:
        from bench.pii_peer import version

        info["presidio_analyzer"] = version()
    return Result(info, [d.name for d in screener.registry.detectors], planted, forms, decoys,
                  {k: {**asdict(v), "decoys_total": v.decoys_total} for k, v in tools.items()},
                  speed, cpu, ratio, runs,
                  {k: round(v * 1000, 2) for k, v in sorted(per_detector.items(),
                                                            key=lambda kv: -kv[1])})


def profile(seed: int = 20240601, size: int = 200_000, runs: int = 5, top: int = 40) -> str:
    """cProfile of ``runs`` scans of the corpus (after a warm-up scan): the ``top`` functions by
    own time, then by cumulative time. Profiling slows Python code several times over, the regex
    engines not: read the shares, not the times."""
    import cProfile
    import io
    import pstats

    from screening.pipeline import Screener
    from screening.plugins import get_plugin_manager

    corpus = generate(seed, size)
    screener = Screener(pm=get_plugin_manager(entrypoints=False))
    with tempfile.TemporaryDirectory(prefix="pii-bench-") as tmp:
        path = Path(tmp) / "corpus.txt"
        path.write_text(corpus.text, encoding="utf-8")
        screener.scan(path)                                  # warm-up: lexicons, patterns, jieba
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(runs):
            screener.scan(path)
        profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.strip_dirs().sort_stats("tottime").print_stats(top)
    stats.sort_stats("cumulative").print_stats(top)
    return f"{runs} scans of {corpus.size_bytes} bytes (seed {seed})\n" + out.getvalue()


# -- output ----------------------------------------------------------------------------------------

KIND_ORDER = ("resident_id", "bank_card", "mobile_phone", "landline_phone", "email", "passport",
              "travel_permit", "license_plate", "person_name", "address", "secret_level")


def tables(r: Result, lang: str = "zh") -> str:
    zh = lang == "zh"
    names = list(r.tools)
    out = []
    c = r.corpus
    out.append((f"语料：{c['bytes']} 字节 UTF-8，{c['chars']} 字，{c['lines']} 行，种子 {c['seed']}，"
                f"md5 {c['md5']}" if zh else
                f"corpus: {c['bytes']} bytes UTF-8, {c['chars']} chars, {c['lines']} lines, "
                f"seed {c['seed']}, md5 {c['md5']}")
               + (f"；presidio-analyzer {c['presidio_analyzer']}"
                  if "presidio_analyzer" in c else ""))
    out.append(("screen 检测器（" if zh else "screen detectors (") + str(len(r.detectors)) + "): "
               + ", ".join(r.detectors))
    out.append("")
    head = ["种类" if zh else "kind", "埋点" if zh else "planted"] + \
        [f"{n} {'检出' if zh else 'found'}" for n in names]
    rows = [head]
    kinds = [k for k in KIND_ORDER if k in r.planted] + sorted(set(r.planted) - set(KIND_ORDER))
    for k in kinds:
        n = r.planted[k]
        rows.append([k, str(n)] + [_ratio(r.tools[t]["found"].get(k, 0), n) for t in names])
    total = sum(r.planted.values())
    rows.append(["合计" if zh else "total", str(total)]
                + [_ratio(sum(r.tools[t]["found"].values()), total) for t in names])
    rows.append(["诱饵命中" if zh else "decoys hit", str(sum(r.decoys.values()))]
                + [str(r.tools[t]["decoys_total"]) for t in names])
    rows.append(["错种类" if zh else "wrong kind", ""]
                + [str(r.tools[t]["wrong_kind"]) for t in names])
    rows.append(["其他错误片段" if zh else "other wrong spans", ""]
                + [str(r.tools[t]["wrong_other"]) for t in names])
    out.append(_grid(rows))

    out.append("")
    out.append("按写法" if zh else "by form")
    rows = [["种类/写法" if zh else "kind/form", "埋点" if zh else "planted"] + names]
    for key in sorted(r.planted_forms, key=lambda k: (_kind_rank(k.split("/")[0]), k)):
        if key.endswith("/plain") and len([f for f in r.planted_forms
                                            if f.startswith(key.split("/")[0] + "/")]) == 1:
            continue
        n = r.planted_forms[key]
        rows.append([key, str(n)] + [_ratio(r.tools[t]["found_forms"].get(key, 0), n)
                                     for t in names])
    out.append(_grid(rows))

    out.append("")
    out.append("诱饵（不应报为 review/block）" if zh else "decoys (must not be reported)")
    rows = [["诱饵" if zh else "decoy", "数量" if zh else "count"] + names]
    for key in sorted(r.decoys):
        rows.append([key, str(r.decoys[key])] + [str(r.tools[t]["decoys_hit"].get(key, 0))
                                                 for t in names])
    out.append(_grid(rows))
    for t in names:
        if r.tools[t]["examples"]:
            out.append(f"  {t} " + ("误报示例：" if zh else "wrong spans, e.g.: ")
                       + "; ".join(r.tools[t]["examples"][:5]))

    out.append("")
    out.append((f"吞吐量（KB/s，{r.runs} 次中位数，预热一次）" if zh else
                f"throughput (KB/s, median of {r.runs} runs after a warm-up)"))
    rows = [["", "KB/s", "KB/s CPU"]] + [
        [k, f"{v:,.0f}", f"{r.throughput_cpu_kb_s[k]:,.0f}" if k in r.throughput_cpu_kb_s else "-"]
        for k, v in r.throughput_kb_s.items()]
    out.append(_grid(rows))
    slow = [(k, v) for k, v in r.detector_ms.items()][:5]
    if slow:
        out.append(("  最耗时的检测器（毫秒/全文）：" if zh else "  slowest detectors (ms per text): ")
                   + "; ".join(f"{k} {v:.1f}" for k, v in slow))
    for k, v in r.ratio.items():
        ok = "达标" if v >= TARGET_RATIO else "未达标"
        out.append(f"  {k} = {v:.2f}×  " + (f"（目标 ≥ {TARGET_RATIO:.0f}×，{ok}）" if zh else
                                              f"(target ≥ {TARGET_RATIO:.0f}×, "
                                              f"{'met' if v >= TARGET_RATIO else 'missed'})"))
    return "\n".join(out)


def _kind_rank(kind: str) -> int:
    return KIND_ORDER.index(kind) if kind in KIND_ORDER else len(KIND_ORDER)


def _ratio(found: int, n: int) -> str:
    return f"{found} ({found / n:.3f})" if n else str(found)


def _w(text: str) -> int:
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)


def _grid(rows: list[list[str]]) -> str:
    widths = [max(_w(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(c + " " * (w - _w(c)) for c, w in zip(r, widths)).rstrip() for r in rows]
    lines.insert(1, "-" * (sum(widths) + 2 * (len(widths) - 1)))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--seed", type=int, default=20240601)
    ap.add_argument("--size", type=int, default=200_000, help="corpus size in UTF-8 bytes")
    ap.add_argument("--runs", type=int, default=21,
                    help="timed runs per tool (median; 21 by default: on a shared machine the\n"
                         "median of 5 or 9 moves the ratio by ±0.2)")
    ap.add_argument("--peers", default="B", help="Presidio configs to run: B (default) or AB")
    ap.add_argument("--screen-only", action="store_true", help="no Presidio (recall of screen)")
    ap.add_argument("--keep", type=Path, default=None, help="write the corpus text here")
    ap.add_argument("--json", action="store_true", help="print one JSON object")
    ap.add_argument("--lang", choices=["zh", "en"], default="zh")
    ap.add_argument("--profile", type=int, nargs="?", const=40, default=None, metavar="N",
                    help="profile screen's scan of the corpus (cProfile, --runs scans) and print\n"
                         "the N functions with the most own time (default 40); no Presidio")
    args = ap.parse_args(argv)
    if args.profile is not None:
        print(profile(args.seed, args.size, max(1, args.runs), args.profile))
        return 0
    from bench.pii_peer import PresidioMissing

    try:
        result = run(args.seed, args.size, max(1, args.runs),
                     "" if args.screen_only else args.peers.upper(), args.keep)
    except PresidioMissing as exc:
        print(exc, file=sys.stderr)
        print("（只测 screen 一方：python bench/pii_bench.py --screen-only）"
              "\n(screen side only: python bench/pii_bench.py --screen-only)", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(asdict(result), ensure_ascii=False, indent=1))
    else:
        print(tables(result, args.lang))
    return 0


if __name__ == "__main__":
    sys.exit(main())
