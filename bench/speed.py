"""How fast ``screen`` is, as ratios measured side by side in one run (DESIGN.md §8, issue 8).

    python bench/speed.py                 # every line; ~1–2 minutes
    python bench/speed.py --runs 7        # median of 7 timed runs after one warm-up (≥ 5)
    python bench/speed.py --only b,c,e    # some lines
    python bench/speed.py --json          # one JSON object instead of the table

One table, one line per comparison; each ratio comes from two measurements taken in this run on
the same inputs, generated in a temporary folder by the test builders (``tests/docbuild``):

(a) text throughput of ``screen`` vs the Presidio peer — from ``bench/pii_bench.py`` (needs
    presidio-analyzer; otherwise "skipped");
(b) .docx: ``Screener.scan`` (hash, read every part, detect, filter, verdict) vs python-docx
    opening the same files and reading paragraphs, table cells, headers and footers — target ≤ 3×;
(c) PDF first pass: our reader (``read_pdf``: the pypdfium2 pass in its memory-bounded worker,
    lines with boxes, annotations, metadata) vs a plain pypdfium2 text pass (open, every page's
    text, close) on text-only PDFs, in pages/s — target ≤ 2×;
(d) batch of 200 mixed files with 1 and 2 workers, and a second cached run — the real
    ``screen batch`` command, with ``bench/batch.py``'s documents and runner (one run each, as
    there; its ``speed_lines(runs)`` instead if it grows one; "skipped" without the module);
(e) peak memory of screening a 300-page PDF: a fresh process scans it and reports, from
    ``resource.getrusage``, its own peak RSS and its reaped children's (the PDF worker) —
    target ≤ 400 MB each;
(f) cold ``screen FILE`` on a one-page .docx (a new interpreter each time) vs
    ``python -c "import docx"`` — the price of starting up; the target is under a second.

Times are medians of ``--runs`` runs after one warm-up, the two sides of a line alternating run by
run (so a machine that gets busy slows both alike). Nothing here asserts: a slow machine gives
slow numbers, and the table says which targets were met.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.installed import installed_env  # noqa: E402

MB = 1024 * 1024


@dataclass
class Line:
    """One line of the table. ``ratio`` is ours / theirs (lower is better) unless ``higher``."""

    key: str
    what: str
    ours: str = ""
    theirs: str = ""
    ratio: float | None = None
    target: str = ""
    met: bool | None = None
    note: str = ""


def medians(*fns: Callable[[], object], runs: int) -> list[float]:
    """Median wall time of each of ``fns`` over ``runs`` timed calls, after one warm-up call each.
    The calls alternate (a b c a b c …), so a machine that gets busier mid-run slows all alike."""
    for fn in fns:
        fn()
    times: list[list[float]] = [[] for _ in fns]
    for _ in range(runs):
        for fn, bucket in zip(fns, times):
            started = time.perf_counter()
            fn()
            bucket.append(time.perf_counter() - started)
    return [statistics.median(t) for t in times]


def _screener():
    from screening import Config
    from screening.pipeline import Screener
    from screening.plugins import get_plugin_manager

    return Screener(Config(), pm=get_plugin_manager(entrypoints=False))


# -- (b) .docx vs python-docx ----------------------------------------------------------------------

def docx_files(folder: Path, n: int = 12) -> list[Path]:
    """``n`` notices of growing length: body paragraphs, a table of people, headers, footers, a
    comment and document properties (what an office sends for publication)."""
    from tests.docbuild.docx import build_docx, para, table

    folder.mkdir(parents=True, exist_ok=True)
    files = []
    for i in range(n):
        paragraphs = [f"第{p + 1}条 为进一步做好政府信息公开工作，根据《中华人民共和国政府信息公开条例》，"
                      f"结合本市实际，现就第{i + 1}批事项通知如下，请各单位认真贯彻落实。"
                      for p in range(40 + 30 * i)]
        people = [["序号", "姓名", "身份证号码", "联系电话", "住址"]]
        people += [[str(r + 1), f"王{'一二三四五六七八九'[r % 9]}", f"11010519670315{r % 10}01{r % 10}",
                    f"1381234{r:04d}", f"北京市东城区某某街道{r + 1}号"] for r in range(10 + 5 * i)]
        body = ["关于做好政府信息公开工作的通知", *paragraphs[: len(paragraphs) // 2],
                table(people), *paragraphs[len(paragraphs) // 2:],
                para("联系人：办公室 电话：010-12345678")]
        files.append(build_docx(
            folder / f"通知{i + 1:02d}.docx", body,
            headers={"default": [f"某市人民政府办公厅 第{i + 1}号"]},
            footers={"default": ["— 1 —"]},
            comments=[("审稿人", "请核对第三段的数字", "第三段")],
            core={"title": f"通知{i + 1}", "creator": "办公室"}))
    return files


def python_docx_read(path: Path) -> int:
    """Open with python-docx and read what it offers: paragraphs, table cells, headers, footers."""
    import docx

    doc = docx.Document(str(path))
    chars = sum(len(p.text) for p in doc.paragraphs)
    for t in doc.tables:
        for row in t.rows:
            for cell in row.cells:
                chars += len(cell.text)
    for section in doc.sections:
        for part in (section.header, section.footer):
            chars += sum(len(p.text) for p in part.paragraphs)
    return chars


def line_b(folder: Path, runs: int) -> list[Line]:
    screener = _screener()
    files = docx_files(folder / "docx")
    size = sum(f.stat().st_size for f in files)
    for f in files:
        report = screener.scan(f)
        if report.verdict.value == "error":
            raise RuntimeError(f"{f.name}: {report.error}")
    ours, read, theirs = medians(lambda: [screener.scan(f) for f in files],
                                 lambda: [screener.read(f) for f in files],
                                 lambda: [python_docx_read(f) for f in files], runs=runs)
    ratio = ours / theirs
    note = (f"{len(files)} files, {size // 1024} KiB; read only {read * 1000:.0f} ms "
            f"({read / theirs:.2f}×)")
    return [Line("b", ".docx scan vs python-docx open+read", f"{ours * 1000:.0f} ms",
                 f"{theirs * 1000:.0f} ms", ratio, "≤ 3×", ratio <= 3.0, note)]


# -- (c) PDF first pass vs pypdfium2 ---------------------------------------------------------------

def pdf_files(folder: Path) -> list[Path]:
    from tests.docbuild.pdf import many_pages_pdf

    folder.mkdir(parents=True, exist_ok=True)
    return [many_pages_pdf(folder / f"{n}页.pdf", n) for n in (10, 50, 100)]


def pypdfium2_text(path: Path) -> int:
    """A plain text pass: open, every page's text, close."""
    import pypdfium2

    pdf = pypdfium2.PdfDocument(str(path))
    try:
        chars = 0
        for i in range(len(pdf)):
            page = pdf[i]
            textpage = page.get_textpage()
            chars += len(textpage.get_text_range())
            textpage.close()
            page.close()
        return chars
    finally:
        pdf.close()


def line_c(folder: Path, runs: int) -> list[Line]:
    from screening import Config
    from screening.readers.pdf import read_pdf

    limits = Config().limits
    files = pdf_files(folder / "pdf")
    pages = sum((10, 50, 100))
    ours, theirs = medians(lambda: [read_pdf(f, limits) for f in files],
                           lambda: [pypdfium2_text(f) for f in files], runs=runs)
    ratio = ours / theirs
    return [Line("c", "PDF first pass vs plain pypdfium2 text", f"{pages / ours:.0f} pages/s",
                 f"{pages / theirs:.0f} pages/s", ratio, "≤ 2×", ratio <= 2.0,
                 "text-only PDFs of 10, 50, 100 pages, 30 lines each")]


# -- (e) memory on a 300-page PDF ------------------------------------------------------------------

_MEMORY_PROBE = """
import json, resource, sys, time
from screening import Config
from screening.pipeline import Screener
from screening.plugins import get_plugin_manager
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
screener = Screener(Config(), pm=get_plugin_manager(entrypoints=False))
loaded = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
started = time.perf_counter()
report = screener.scan(sys.argv[1])
seconds = time.perf_counter() - started
print(json.dumps({
    "verdict": report.verdict.value, "pages": report.document.pages if report.document else None,
    "error": report.error.code if report.error else None, "seconds": seconds,
    "start_kib": before, "loaded_kib": loaded,
    "parent_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
    "children_kib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}))
"""


def line_e(folder: Path, runs: int) -> list[Line]:
    from tests.docbuild.pdf import many_pages_pdf

    path = many_pages_pdf(folder / "300页.pdf", 300)
    done = subprocess.run([sys.executable, "-c", _MEMORY_PROBE, str(path)], capture_output=True,
                          text=True, timeout=600, cwd=ROOT)
    if done.returncode != 0:
        return [Line("e", "peak memory, 300-page PDF", note="failed: " + done.stderr[-300:])]
    m = json.loads(done.stdout.strip().splitlines()[-1])
    parent, worker = m["parent_kib"] * 1024, m["children_kib"] * 1024
    peak = max(parent, worker)
    note = (f"{path.stat().st_size // 1024} KiB, {m['pages']} pages, verdict {m['verdict']}"
            f"{', error ' + m['error'] if m['error'] else ''}, scan {m['seconds']:.1f} s; parent "
            f"after loading plugins {m['loaded_kib'] // 1024} MB")
    return [Line("e", "peak RSS screening a 300-page PDF (parent / PDF worker)",
                 f"{parent / MB:.0f} / {worker / MB:.0f} MB", "", peak / (400 * MB), "≤ 400 MB",
                 peak <= 400 * MB and not m["error"], note)]


# -- (f) cold start --------------------------------------------------------------------------------

def _screen_command() -> list[str]:
    script = Path(sys.executable).with_name("screen")
    return [str(script)] if script.exists() else [sys.executable, "-m", "screening"]


def line_f(folder: Path, runs: int) -> list[Line]:
    from tests.docbuild.docx import build_docx

    path = build_docx(folder / "cold.docx", ["000012", "机密★1年", "关于开展冬季安全生产大检查的通知",
                                             "各区县人民政府：现将有关事项通知如下。"])
    env = installed_env(folder, NO_COLOR="1")  # from compiled bytecode, as installed

    def run(cmd: list[str]) -> Callable[[], object]:
        return lambda: subprocess.run(cmd, capture_output=True, env=env, cwd=folder, timeout=120)

    screen = _screen_command() + [str(path)]
    check = subprocess.run(screen, capture_output=True, text=True, env=env, cwd=folder)  # compiles
    if check.returncode not in (0, 1, 3):
        return [Line("f", "cold screen FILE", note=f"failed ({check.returncode}): "
                     + check.stderr[-300:])]
    ours, theirs, bare = medians(run(screen), run([sys.executable, "-c", "import docx"]),
                                 run([sys.executable, "-c", "pass"]), runs=runs)
    return [Line("f", "cold `screen FILE` vs python -c 'import docx'", f"{ours * 1000:.0f} ms",
                 f"{theirs * 1000:.0f} ms", ours / theirs, "< 1 s", ours < 1.0,
                 f"one-page .docx; bare interpreter start {bare * 1000:.0f} ms")]


# -- (a), (d): the other benchmarks' lines ---------------------------------------------------------

def line_a(folder: Path, runs: int) -> list[Line]:
    try:
        from bench import pii_bench
        from bench.pii_peer import PresidioMissing
    except ImportError as exc:
        return [Line("a", "text throughput vs Presidio", note=f"skipped: {exc}")]
    try:
        result = pii_bench.run(runs=runs, peers="B")
    except PresidioMissing as exc:
        return [Line("a", "text throughput vs Presidio", note=f"skipped: {exc}")]
    speed, ratio = result.throughput_kb_s, result.ratio.get("scan/Presidio-B")
    return [Line("a", "text throughput screen vs Presidio-B (higher is better)",
                 f"{speed['screen scan']:.0f} KB/s", f"{speed.get('Presidio-B', 0):.0f} KB/s",
                 ratio, "≥ 2×", None if ratio is None else ratio >= 2.0,
                 f"{result.corpus['bytes'] // 1024} KiB corpus; detect only "
                 f"{speed['screen detect']:.0f} KB/s")]


def line_d(folder: Path, runs: int) -> list[Line]:
    """The batch benchmark's lines: ``bench/batch.py`` exposes ``speed_lines(runs) -> list of
    dicts`` with the fields of :class:`Line` (``key``, ``what``, ``ours``, ``theirs``, ``ratio``,
    ``target``, ``met``, ``note``)."""
    if not (ROOT / "bench" / "batch.py").exists():
        return [Line("d", "batch, 1 vs 2 workers", note="skipped: bench/batch.py is not there")]
    try:
        from bench import batch
    except ImportError as exc:  # a dependency of that benchmark
        return [Line("d", "batch, 1 vs 2 workers", note=f"skipped: bench/batch.py: {exc}")]
    lines = getattr(batch, "speed_lines", None)
    try:
        if lines is not None:
            return [Line(**{k: v for k, v in line.items() if k in Line.__dataclass_fields__})
                    for line in lines(runs)]
        if hasattr(batch, "build") and hasattr(batch, "screen_batch"):
            return _batch_lines(batch, folder)
    except (ImportError, SystemExit) as exc:  # a dependency, or the command failed
        return [Line("d", "batch, 1 vs 2 workers", note=f"skipped: {exc}")]
    return [Line("d", "batch, 1 vs 2 workers",
                 note="skipped: bench/batch.py has neither speed_lines() nor build()")]


def _batch_lines(batch, folder: Path, files: int = 200) -> list[Line]:
    """bench/batch.py's measurement, one run each as it does: the real ``screen batch`` command
    over ``files`` mixed documents with 1 and 2 workers (no cache), then 2 workers again with the
    cache the second run filled."""
    docs, cache = folder / "docs", folder / "cache"
    kinds = batch.build(docs, files)
    one, one_phase, _ = batch.screen_batch(docs, cache, "-j", "1", "--no-cache")
    two, two_phase, _ = batch.screen_batch(docs, cache, "-j", "2", "--no-cache")
    cached, cached_phase, _ = batch.screen_batch(docs, cache, "-j", "2")
    mix = ", ".join(f"{k} {n}" for k, n in kinds.items())
    return [
        Line("d", f"batch of {files} mixed files: 1 vs 2 workers (higher is better)",
             f"{two:.1f} s", f"{one:.1f} s", one / two, "≥ 1.8×", one / two >= 1.8,
             f"{mix}; whole command incl. start-up; batch phase {one_phase:.1f} → "
             f"{two_phase:.1f} s ({one_phase / two_phase:.2f}×); {os.cpu_count()} CPUs"),
        Line("d", "second, cached run vs first, 2 workers (higher is better)",
             f"{cached:.2f} s", f"{two:.1f} s", two / cached, "≥ 10×", two / cached >= 10,
             f"batch phase {two_phase:.1f} → {cached_phase:.2f} s "
             f"({two_phase / max(cached_phase, 1e-3):.0f}×)"),
    ]


LINES: dict[str, Callable[[Path, int], list[Line]]] = {
    "a": line_a, "b": line_b, "c": line_c, "d": line_d, "e": line_e, "f": line_f}


# -- output ----------------------------------------------------------------------------------------

def table(lines: list[Line]) -> str:
    rows = [["", "what", "ours", "reference", "ratio", "target", "met"]]
    for ln in lines:
        met = "" if ln.met is None else ("yes" if ln.met else "NO")
        ratio = "" if ln.ratio is None else f"{ln.ratio:.2f}×"
        rows.append([f"({ln.key})", ln.what, ln.ours, ln.theirs, ratio, ln.target, met])
    widths = [max(_width(r[i]) for r in rows) for i in range(len(rows[0]))]
    out = ["  ".join(c + " " * (w - _width(c)) for c, w in zip(r, widths)).rstrip() for r in rows]
    out.insert(1, "-" * (sum(widths) + 2 * (len(widths) - 1)))
    notes = [f"({ln.key}) {ln.note}" for ln in lines if ln.note]
    return "\n".join(out + ([""] + notes if notes else []))


def _width(text: str) -> int:
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--runs", type=int, default=5, help="timed runs per measurement (median; ≥ 5)")
    ap.add_argument("--only", default="abcdef", help="which lines, e.g. b,c,e")
    ap.add_argument("--json", action="store_true", help="print one JSON object")
    args = ap.parse_args(argv)
    runs = max(5, args.runs)
    keys = [k for k in "abcdef" if k in args.only.lower()]
    lines: list[Line] = []
    with tempfile.TemporaryDirectory(prefix="screening-speed-") as tmp:
        for key in keys:
            folder = Path(tmp) / key
            folder.mkdir()
            try:
                lines.extend(LINES[key](folder, runs))
            except Exception as exc:  # one broken line must not hide the others
                lines.append(Line(key, LINES[key].__name__, note=f"failed: {type(exc).__name__}: "
                                                                f"{exc}"))
            if not args.json:
                print(f"  measured ({key})", file=sys.stderr)
    if args.json:
        print(json.dumps({"runs": runs, "python": sys.version.split()[0],
                          "cpus": os.cpu_count(), "lines": [asdict(ln) for ln in lines]},
                         ensure_ascii=False, indent=1))
    else:
        print(f"screening speed — median of {runs} runs after a warm-up, "
              f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs")
        print(table(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
