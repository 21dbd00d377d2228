"""Check a sanitized PDF after writing (sanitize.md §4.3 step 4). Problems come back as Chinese
sentences; an empty list means the copy is clean.

* **Three extractors**: on every page an action changed, pdfplumber (pdfminer), pypdfium2 and
  pypdf must no longer return the removed text: each hide range's characters when they are at
  least :data:`MIN_CHARS` long (an ID's middle digits), else the whole span (a two-character
  name). Whitespace is ignored (extractors insert their own). A string the page still shows
  elsewhere may remain as often as it is still shown: the copy must have at least as many fewer
  occurrences as actions removed it.
* **Pixels**: every page of the original and the copy is rendered by pdfium at :data:`SCALE`;
  pixels may differ only inside the changed regions the sanitizer reported
  (``Outcome.extra["regions"]``: the boxes, the cut glyphs, removed annotations) plus
  :data:`MARGIN_PX`. A pixel counts as changed only if it differs both with text anti-aliasing on
  and off (measured: an embedded TrueType font's anti-aliased edges depend on how a ``TJ`` string
  is split, by up to 75/255 on a few kept glyphs that do not move; without smoothing, a
  substituted CJK font's removed glyph can ink a few pixels beyond its PDF advance. Each artefact
  shows in one mode only; a glyph that really moves shows in both). Rasterised pages are not compared (resampling changes every pixel; the
  output lists them).
* **Structure**: exactly one ``%%EOF`` (a full rewrite); removed annotations, attachments,
  scripts and metadata are really gone.

The extractors and the renderer run in the memory-bounded PDF worker.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from ..config import Limits
from ..readers.pdfworker import run_isolated
from .plan import Action, Outcome, Plan

MIN_CHARS = 4
SCALE = 2.0
MARGIN_PX = 2
_PAGE_PARTS = frozenset({"body", "table", "header", "footer", "hidden", "textbox"})


def removed_strings(action: Action) -> list[str]:
    """What must no longer be extractable after ``action`` (whitespace removed)."""
    span = "".join(action.text.split())
    out: list[str] = []
    for a, b in action.hide:
        piece = "".join(action.text[a:b].split())
        value = piece if len(piece) >= MIN_CHARS else span
        if value and value not in out:
            out.append(value)
    return out


def verify(dst: Path, src: Path, plan: Plan, outcome: Outcome,
           limits: Limits | None = None) -> list[str]:
    limits = limits or Limits()
    problems: list[str] = []
    data = dst.read_bytes()
    eofs = data.count(b"%%EOF")
    if eofs != 1:
        problems.append(f"输出文件含 {eofs} 个 %%EOF 标记（应为 1 个）：不是完整重写，早期版本可能仍在")
    del data
    for message in run_isolated(_verify_task, str(dst), str(src), plan, outcome,
                                memory_bytes=limits.pdf_memory_bytes,
                                timeout=limits.pdf_timeout_seconds):
        if message[0] == "problem":
            problems.append(message[1])
    return problems


def _verify_task(dst: str, src: str, plan: Plan, outcome: Outcome):
    for problem in _text_problems(dst, src, outcome):
        yield ("problem", problem)
    for problem in _structure_problems(dst, plan, outcome):
        yield ("problem", problem)
    for problem in _pixel_problems(dst, src, outcome):
        yield ("problem", problem)


# -- text ------------------------------------------------------------------------------------------


def _text_problems(dst: str, src: str, outcome: Outcome) -> list[str]:
    needed: dict[int, Counter[str]] = {}
    for action in outcome.applied:
        loc = action.location
        if loc.part not in _PAGE_PARTS or not loc.page:
            continue
        for value in removed_strings(action):
            needed.setdefault(loc.page, Counter())[value] += 1
    if not needed:
        return []
    after = _extract(dst, sorted(needed))
    suspect = sorted({page for page, wanted in needed.items() for name in after
                      if any(v in after[name].get(page, "") for v in wanted)})
    if not suspect:  # the usual case: nothing left, the original need not be read
        return []
    before = _extract(src, suspect)
    problems = []
    for page in suspect:
        wanted = needed[page]
        for name in ("pdfplumber", "pypdfium2", "pypdf"):
            old = before[name].get(page, "")
            new = after[name].get(page, "")
            for value, removed in wanted.items():
                left = new.count(value)
                if left > max(0, old.count(value) - removed):
                    problems.append(f"第 {page} 页：{name} 仍能提取出已删除的文字"
                                    f"（{_hint(value)}，{left} 处）")
    return problems


def _hint(value: str) -> str:
    """A removed string as a problem may name it: never in full (it is what was removed)."""
    if len(value) <= 2:
        return value[0] + "*" * (len(value) - 1)
    return value[0] + "*" * (len(value) - 2) + value[-1]


def _extract(path: str, pages: list[int]) -> dict[str, dict[int, str]]:
    import pdfplumber
    import pypdf
    import pypdfium2

    out: dict[str, dict[int, str]] = {"pdfplumber": {}, "pypdfium2": {}, "pypdf": {}}
    with pdfplumber.open(path) as pdf:
        for n in pages:
            if n <= len(pdf.pages):
                out["pdfplumber"][n] = _squash("".join(c["text"] for c in pdf.pages[n - 1].chars))
    doc = pypdfium2.PdfDocument(path)
    try:
        for n in pages:
            if n <= len(doc):
                out["pypdfium2"][n] = _squash(doc[n - 1].get_textpage().get_text_range())
    finally:
        doc.close()
    reader = pypdf.PdfReader(path)
    for n in pages:
        if n <= len(reader.pages):
            try:
                out["pypdf"][n] = _squash(reader.pages[n - 1].extract_text() or "")
            except Exception as exc:  # noqa: BLE001 - pypdf gives up on odd fonts; say so
                out["pypdf"][n] = f"\0{type(exc).__name__}"
    return out


def _squash(text: str) -> str:
    from .pdf_fonts import fold

    return "".join(fold(c) for c in text if not c.isspace())


# -- structure -------------------------------------------------------------------------------------


def _structure_problems(dst: str, plan: Plan, outcome: Outcome) -> list[str]:
    import pikepdf

    from .pdf_glyphs import Streams
    from .pdf_parts import annotation_texts

    problems: list[str] = []
    with pikepdf.open(dst) as pdf:
        streams = Streams(pdf)
        kinds = {a.kind for a in outcome.applied}
        if ("javascript" in kinds or plan.remove_hidden) and _scripts(pdf):
            problems.append("输出文件仍含 JavaScript 脚本")
        if plan.remove_hidden:
            if "/Info" in pdf.trailer and len(pdf.trailer.Info):
                problems.append("输出文件仍含文档信息字典（Info）")
            if "/Metadata" in pdf.Root:
                problems.append("输出文件仍含 XMP 元数据")
            if len(pdf.attachments):
                problems.append(f"输出文件仍含 {len(pdf.attachments)} 个附件")
        for action in outcome.applied:
            loc = action.location
            if loc.part == "annotation" and loc.page and loc.page <= len(pdf.pages):
                wanted = "".join(action.text.split())
                annots = pdf.pages[loc.page - 1].obj.get("/Annots")
                for annot in annots if isinstance(annots, pikepdf.Array) else []:
                    if isinstance(annot, pikepdf.Dictionary) and wanted and any(
                            wanted in t for t in annotation_texts(annot, streams)):
                        problems.append(f"第 {loc.page} 页仍有应删除的注释")
                        break
            elif loc.part == "attachment" and action.text in pdf.attachments:
                problems.append("输出文件仍含应删除的附件")
    return problems


def _scripts(pdf: Any) -> bool:
    import pikepdf

    names = pdf.Root.get("/Names")
    if isinstance(names, pikepdf.Dictionary) and "/JavaScript" in names:
        return True
    action = pdf.Root.get("/OpenAction")
    if isinstance(action, pikepdf.Dictionary) and (action.get("/S") == "/JavaScript"
                                                    or "/JS" in action):
        return True
    for holder in [pdf.Root, *(p.obj for p in pdf.pages)]:
        if "/AA" in holder:
            return True
    for page in pdf.pages:
        annots = page.obj.get("/Annots")
        for annot in annots if isinstance(annots, pikepdf.Array) else []:
            if not isinstance(annot, pikepdf.Dictionary):
                continue
            act = annot.get("/A")
            if "/AA" in annot or (isinstance(act, pikepdf.Dictionary)
                                  and (act.get("/S") == "/JavaScript" or "/JS" in act)):
                return True
    return False


# -- pixels ----------------------------------------------------------------------------------------


def _pixel_problems(dst: str, src: str, outcome: Outcome) -> list[str]:
    import numpy as np
    import pypdfium2

    regions = _regions(outcome)
    skip = set(outcome.rasterised_pages)
    problems: list[str] = []
    a_doc, b_doc = pypdfium2.PdfDocument(src), pypdfium2.PdfDocument(dst)
    try:
        if len(a_doc) != len(b_doc):
            return [f"页数不同：原文件 {len(a_doc)} 页，输出文件 {len(b_doc)} 页"]
        for n in range(1, len(a_doc) + 1):
            if n in skip:
                continue
            page = b_doc[n - 1]
            outside = _outside(a_doc[n - 1], page, regions.get(n, []), False)
            if outside is not None and outside.any():
                # a change only one rendering mode shows is hinting or anti-aliasing, not content
                sharp = _outside(a_doc[n - 1], page, regions.get(n, []), True)
                outside = outside & sharp if sharp is not None else outside
            if outside is None:
                problems.append(f"第 {n} 页尺寸改变")
            elif outside.any():
                problems.append(f"第 {n} 页有 {int(np.count_nonzero(outside))} 个像素在删除区域"
                                "之外发生了变化")
    finally:
        a_doc.close()
        b_doc.close()
    return problems


def _outside(before: Any, after: Any, rects: list[tuple[float, ...]], sharp: bool) -> Any:
    """Pixels of page ``after`` that differ from ``before`` outside ``rects`` (+ the margin), as
    a boolean array; ``None`` when the pages differ in size. ``sharp``: text anti-aliasing off."""
    import numpy as np

    a = np.asarray(before.render(scale=SCALE, no_smoothtext=sharp).to_pil().convert("RGB"))
    b = np.asarray(after.render(scale=SCALE, no_smoothtext=sharp).to_pil().convert("RGB"))
    if a.shape != b.shape:
        return None
    changed = np.any(a != b, axis=2)
    if not changed.any():
        return changed
    height, width = changed.shape
    for rect in rects:
        x0, y0, x1, y1 = _device_box(after, (width, height), rect)
        changed[max(0, y0 - MARGIN_PX):min(height, y1 + MARGIN_PX + 1),
                max(0, x0 - MARGIN_PX):min(width, x1 + MARGIN_PX + 1)] = False
    return changed


def _regions(outcome: Outcome) -> dict[int, list[tuple[float, float, float, float]]]:
    raw = outcome.extra.get("regions", {}) if outcome.extra else {}
    return {int(k): [tuple(float(v) for v in r) for r in rs] for k, rs in raw.items()}


def _device_box(page: Any, size: tuple[int, int], rect: tuple[float, ...]
                ) -> tuple[int, int, int, int]:
    import ctypes

    import pypdfium2.raw as pdfium_c

    xs, ys = [], []
    dx, dy = ctypes.c_int(), ctypes.c_int()
    for x in (rect[0], rect[2]):
        for y in (rect[1], rect[3]):
            pdfium_c.FPDF_PageToDevice(page.raw, 0, 0, size[0], size[1], 0, ctypes.c_double(x),
                                       ctypes.c_double(y), dx, dy)
            xs.append(dx.value)
            ys.append(dy.value)
    return min(xs), min(ys), max(xs), max(ys)
