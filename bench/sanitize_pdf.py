"""What a sanitized PDF copy costs (issue 6) next to screening the same file.

    python bench/sanitize_pdf.py              # one timed run after a warm-up (~35 s)
    python bench/sanitize_pdf.py --runs 3     # median of 3
    python bench/sanitize_pdf.py --json

The file: 50 pages of 30 Chinese lines (reportlab, STSong-Light), 4 of them a page carrying a
resident ID number (200 IDs in all). Steps timed, each the median wall time:

* ``scan``: ``Screener.scan`` (the reader's worker + every detector) — the reference;
* ``plan``: ``make_plan`` from that report (200 mask actions);
* ``sanitize_pdf``: glyph surgery on the 50 pages, boxes, full rewrite (its worker process);
* ``verify_pdf``: three extractors on the changed pages, and a pixel diff of every page;
* ``sanitize_file``: the whole command's work (scan, plan, sanitize, verify, re-scan).

Each line gives the time and its ratio to ``scan``. Nothing asserts; the table is the result.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PAGES = 50
LINES = 30
IDS_PER_PAGE = 4


def build(path: Path) -> Path:
    from tests.docbuild.pdf import build_pdf

    pages = []
    serial = 0
    for p in range(1, PAGES + 1):
        lines = []
        for i in range(LINES):
            if i % (LINES // IDS_PER_PAGE) == 3 and sum(
                    1 for line in lines if "身份证" in line) < IDS_PER_PAGE:
                serial += 1
                lines.append(f"申请人身份证号码：{_id(serial)}，已核实。")
            else:
                lines.append(f"第 {p} 页第 {i + 1} 行：关于加强政府信息公开工作的通知正文内容")
        pages.append(lines)
    return build_pdf(path, pages)


def _id(serial: int) -> str:
    """A valid resident ID (checksum right) with a serial in the birth date and sequence."""
    body = f"110105{1960 + serial % 40:04d}{1 + serial % 12:02d}{1 + serial % 28:02d}" \
           f"{serial % 1000:03d}"
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    check = "10X98765432"[sum(int(d) * w for d, w in zip(body, weights)) % 11]
    return body + check


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    from screening.config import Config
    from screening.pipeline import Screener
    from screening.plugins import get_plugin_manager
    from screening.sanitize.api import sanitize_file
    from screening.sanitize.pdf import sanitize_pdf, verify_pdf
    from screening.sanitize.plan import SanitizeOptions, make_plan

    screener = Screener(Config(), pm=get_plugin_manager(entrypoints=False))
    options = SanitizeOptions()
    times: dict[str, list[float]] = {k: [] for k in
                                     ("scan", "plan", "sanitize_pdf", "verify_pdf",
                                      "sanitize_file")}
    info: dict[str, object] = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        src = build(folder / "bench.pdf")
        for run in range(args.runs + 1):
            started = time.perf_counter()
            report = screener.scan(src)
            t_scan = time.perf_counter() - started
            started = time.perf_counter()
            plan = make_plan(report, options, screener.config)
            t_plan = time.perf_counter() - started
            dst = folder / f"out{run}.pdf"
            started = time.perf_counter()
            outcome = sanitize_pdf(src, dst, report.document, plan,
                                   limits=screener.config.limits)
            t_sanitize = time.perf_counter() - started
            started = time.perf_counter()
            problems = verify_pdf(dst, src, plan, outcome)
            t_verify = time.perf_counter() - started
            started = time.perf_counter()
            result = sanitize_file(src, folder / f"file{run}.pdf", options, screener)
            t_file = time.perf_counter() - started
            if run == 0:
                info = {"actions": len(plan.actions), "applied": len(outcome.applied),
                        "glyphs_removed": outcome.extra["counts"].get("glyphs_removed", 0),
                        "rasterised": list(outcome.rasterised_pages),
                        "verify_problems": len(problems), "exit_code": result.exit_code,
                        "size_in": src.stat().st_size, "size_out": dst.stat().st_size}
                continue  # warm-up
            for key, value in (("scan", t_scan), ("plan", t_plan), ("sanitize_pdf", t_sanitize),
                               ("verify_pdf", t_verify), ("sanitize_file", t_file)):
                times[key].append(value)
    medians = {k: statistics.median(v) for k, v in times.items()}
    if args.json:
        print(json.dumps({"pages": PAGES, "ids": PAGES * IDS_PER_PAGE, "median_seconds": medians,
                          "ratio_to_scan": {k: v / medians["scan"] for k, v in medians.items()},
                          **info}, ensure_ascii=False, indent=2))
        return
    print(f"{PAGES} pages, {PAGES * IDS_PER_PAGE} IDs; median of {args.runs} runs "
          f"(after a warm-up)")
    print(f"{'step':<15} {'seconds':>9} {'× scan':>8} {'pages/s':>9}")
    for key, value in medians.items():
        print(f"{key:<15} {value:>9.3f} {value / medians['scan']:>8.2f} {PAGES / value:>9.1f}")
    print(f"actions {info['actions']}, applied {info['applied']}, glyphs removed "
          f"{info['glyphs_removed']}, rasterised pages {info['rasterised'] or 'none'}, "
          f"verify problems {info['verify_problems']}, sanitize_file exit {info['exit_code']}, "
          f"size {info['size_in']} → {info['size_out']} bytes")


if __name__ == "__main__":
    main()
