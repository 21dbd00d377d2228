"""What the PDF hidden-content checks cost (issue 5): the reader with every check vs a plain
pypdfium2 text pass over the same file.

    python bench/pdf_hidden.py              # median of 7 runs after one warm-up
    python bench/pdf_hidden.py --runs 11
    python bench/pdf_hidden.py --json

Two generated 100-page Chinese PDFs (``tests/docbuild/pdf.py``, in a temporary folder):

* ``text-only``: 30 lines a page, nothing hidden. The target: the full reader (``read_pdf``: its
  forked, memory-bounded worker, the object pass on every page, line boxes, annotations,
  metadata, scripts, layers, revisions, attachments) costs ≤ 1.5× the plain pass (open, every
  page's ``get_textpage().get_text_range()``, close).
* ``5 boxed pages``: the same, but pages 10, 30, 50, 70, 90 have an opaque box painted over an ID
  number: only those pages get the per-character pass and the pixel check (the reader must find
  exactly 5 covered blocks, or the line says so).
* ``embedded font`` (information): the same 30 lines a page in Latin with an embedded TrueType
  font (reportlab's Vera). pdfium's cheapest case: no font to look up, so the plain pass is at its
  fastest and the reader's fixed costs (the worker, line boxes, blocks) weigh most. STSong-Light
  is not embedded: pdfium substitutes a system CJK font when the machine has one (Noto CJK makes
  its pages several times slower) and a built-in one otherwise.

Each line: median wall time of both sides (alternating run by run, so a machine that gets busy
slows both alike), their ratio, and the same ratio on CPU time (the reader's includes its worker
process's, from ``getrusage(RUSAGE_CHILDREN)``), which a busy machine disturbs less. Nothing
asserts: a slow machine gives slow numbers, and the table says whether the target was met.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PAGES = 100
BOXED = (10, 30, 50, 70, 90)
TARGET = 1.5
ID = "身份证号：110105196703150014"


def build(folder: Path) -> dict[str, Path]:
    from tests.docbuild.pdf import box, build_pdf, many_pages_pdf, span, text

    plain = many_pages_pdf(folder / "text-only.pdf", PAGES)
    pages = []
    for p in range(1, PAGES + 1):
        lines = [f"第 {p} 页第 {i + 1} 行：关于加强政府信息公开工作的通知正文内容" for i in range(30)]
        if p in BOXED:
            items = [text(line, line=i) for i, line in enumerate(lines[:29])]
            items += [text(ID, line=29), box(span(ID, 5, line=29))]
            pages.append(items)
        else:
            pages.append(lines)
    return {"text-only": plain, "5 boxed pages": build_pdf(folder / "boxed.pdf", pages),
            "embedded font": _embedded_font_pdf(folder / "embedded.pdf")}


def _embedded_font_pdf(path: Path) -> Path:
    import reportlab
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    font = Path(reportlab.__file__).parent / "fonts" / "Vera.ttf"
    pdfmetrics.registerFont(TTFont("Vera", str(font)))
    pdf = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    for p in range(1, PAGES + 1):
        pdf.setFont("Vera", 12)
        for i in range(30):
            pdf.drawString(72, 770 - 20 * i,
                           f"Page {p} line {i + 1}: notice on government information disclosure")
        pdf.showPage()
    pdf.save()
    return path


def plain_pass(path: Path) -> int:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    chars = 0
    try:
        for index in range(len(pdf)):
            page = pdf[index]
            textpage = page.get_textpage()
            chars += len(textpage.get_text_range())
            textpage.close()
            page.close()
    finally:
        pdf.close()
    return chars


def full_reader(path: Path) -> int:
    from screening.config import Limits
    from screening.readers.pdf import read_pdf

    document = read_pdf(path, Limits())[0]
    return sum("covered" in b.flags for b in document.blocks)


def _cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def measure(path: Path, runs: int) -> dict[str, float | int]:
    sides = {"plain": plain_pass, "full": full_reader}
    wall: dict[str, list[float]] = {k: [] for k in sides}
    cpu: dict[str, list[float]] = {k: [] for k in sides}
    covered = full_reader(path)  # warm-up (imports, page cache) and the sanity count
    plain_pass(path)
    for _ in range(runs):
        for name, side in sides.items():
            c0, t0 = _cpu(), time.perf_counter()
            side(path)
            wall[name].append(time.perf_counter() - t0)
            cpu[name].append(_cpu() - c0)
    med = {f"{k}_{n}": statistics.median(v) for k, d in (("wall", wall), ("cpu", cpu))
           for n, v in d.items()}
    return {**med, "ratio": med["wall_full"] / med["wall_plain"],
            "cpu_ratio": med["cpu_full"] / med["cpu_plain"], "covered": covered}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="timed runs per side (≥ 5)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    runs = max(5, args.runs)
    with tempfile.TemporaryDirectory(prefix="bench-pdf-hidden-") as tmp:
        files = build(Path(tmp))
        results = {name: measure(path, runs) for name, path in files.items()}
    if args.json:
        print(json.dumps(results, ensure_ascii=False, indent=2))
        return 0
    print(f"PDF hidden-content checks, {PAGES} pages, median of {runs} runs "
          f"(target: text-only ≤ {TARGET}×)")
    print(f"{'file':<15} {'plain pypdfium2':>16} {'full reader':>12} {'ratio':>7} "
          f"{'CPU ratio':>10}  note")
    for name, r in results.items():
        if name == "text-only":
            note = "met" if r["ratio"] <= TARGET else "NOT met"
        elif name == "embedded font":
            note = "information (no target)"
        else:
            expected = len(BOXED)
            note = (f"{r['covered']} covered blocks" if r["covered"] == expected else
                    f"WRONG: {r['covered']} covered blocks, expected {expected}")
        print(f"{name:<15} {r['wall_plain'] * 1000:>13.1f} ms {r['wall_full'] * 1000:>9.1f} ms "
              f"{r['ratio']:>6.2f}× {r['cpu_ratio']:>9.2f}×  {note}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
