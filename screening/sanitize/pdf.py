"""Sanitized copies of PDFs: the glyphs really go, the copy is written whole (DESIGN.md §5).

What :func:`sanitize_pdf` does to a PDF, action by action (a :class:`~.plan.Plan`):

* **Text on a page** (body lines; white, tiny, invisible, off-page, covered or hidden-layer text):
  the characters of each action's ``hide`` ranges are found as glyphs in the content streams
  (:mod:`.pdf_locate`, :mod:`.pdf_glyphs`) and cut out of their ``Tj``/``TJ`` strings, each cut
  replaced by a ``TJ`` number equal to its advance, so every kept glyph stays exactly where it
  was (sanitize.md §4: 0/27 collateral changes). Visible text also gets an opaque box over the
  cut (black; white where a classification mark is stripped). Masking keeps the unmasked
  characters: an ID keeps its first 6 and last 4 digits. A form XObject drawn by several pages
  is edited once; every page that shows it gets the box.
* **Annotations** (with their pop-ups and replies), **attached files** (the EmbeddedFiles tree
  and /FileAttachment annotations), **JavaScript** (names tree, /OpenAction, /AA, link actions):
  removed. With ``plan.remove_hidden`` every script and every attached file goes, and the
  **metadata** (Info, XMP, page /Metadata, /PieceInfo, thumbnails) is removed; without it only
  the Info keys the plan names (and the XMP packet when a plan names an XMP key).
* **Earlier revisions**: the copy is a full rewrite (pikepdf/qpdf), never an incremental update:
  one ``%%EOF``, the objects of earlier revisions are not written.
* **Fallback**: a page where the glyphs of a target cannot be found or cut exactly (Type3 fonts,
  vertical writing, codes a font cannot map, text that is not where the reader saw it) is
  rasterised (:mod:`.pdf_raster`, 200 dpi) with the targets painted over; it is listed in
  ``Outcome.rasterised_pages`` and a warning.
* **Refused**: signed PDFs (:class:`~screening.errors.SanitizeError` — an edit breaks the
  signature), PDFs that need a password, damaged ones, and ones over the limits
  (:class:`~screening.errors.UnreadableDocument`). The work runs in the memory-bounded PDF worker
  process of the reader (:func:`~screening.readers.pdfworker.run_isolated`).

:func:`verify_pdf` checks a written copy (:mod:`.pdf_verify`).
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pikepdf

from ..config import Limits
from ..errors import SanitizeError, UnreadableDocument
from ..model import Block, Document
from ..readers.pdf_geometry import Rect
from ..readers.pdfworker import run_isolated
from .pdf_glyphs import Glyph, GlyphKey, PageGlyphs, Streams, rewrite_stream
from .pdf_locate import locate, user_rect
from .plan import Action, Outcome, Plan

__all__ = ["sanitize_pdf", "verify_pdf"]

BLACK = (0.0, 0.0, 0.0)
WHITE = (1.0, 1.0, 1.0)
#: Padding (points) of a box around the cut glyphs: across, and above/below.
PAD_X = 0.3
PAD_Y = 0.6
#: Parts whose actions are glyph surgery on a page.
_PAGE_PARTS = frozenset({"body", "table", "header", "footer", "hidden", "textbox"})
_WHOLE_FLAGS = frozenset({"javascript", "prior_revision"})


def sanitize_pdf(src: Path, dst: Path, document: Document, plan: Plan, *,
                 limits: Limits) -> Outcome:
    """Write the sanitized copy of ``src`` (read as ``document``) to ``dst``; ``src`` is never
    written. Raises :class:`SanitizeError` (signed PDF, ``dst`` is ``src``) or
    :class:`UnreadableDocument` (password, damaged, limits)."""
    src, dst = Path(src), Path(dst)
    if dst.exists() and src.exists() and os.path.samefile(src, dst):
        raise SanitizeError("输出文件不能与原文件相同（原文件不得修改）",
                            message_en="the output must not be the input file")
    size = src.stat().st_size
    if size > limits.max_file_bytes:
        raise UnreadableDocument(
            f"文件过大（{size} 字节，上限 {limits.max_file_bytes} 字节），已拒绝",
            message_en=f"the file is too large ({size} bytes)", code="limit")
    dst.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=".sanitize-", suffix=".pdf", dir=dst.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    result: dict[str, Any] = {}
    try:
        for message in run_isolated(_sanitize_task, str(src), str(tmp), document, plan, limits,
                                    memory_bytes=limits.pdf_memory_bytes,
                                    timeout=limits.pdf_timeout_seconds):
            if message[0] == "outcome":
                result = message[1]
        if not result:
            raise UnreadableDocument("PDF 脱敏进程未返回结果", message_en="no result", code="limit")
        os.replace(tmp, dst)
    except UnreadableDocument as exc:
        if exc.code in ("sanitize_error", "signed_pdf"):
            raise SanitizeError(exc.message, message_en=exc.message_en, code=exc.code) from None
        raise
    finally:
        if tmp.exists():
            tmp.unlink()
    actions = plan.actions
    return Outcome(
        applied=tuple(actions[i] for i in result["applied"]),
        skipped=tuple((actions[i], why) for i, why in result["skipped"]),
        rasterised_pages=tuple(result["rasterised"]),
        warnings=tuple(result["warnings"]),
        extra=result["extra"])


def verify_pdf(dst: Path, src: Path, plan: Plan, outcome: Outcome) -> list[str]:
    """Problems (Chinese) with a written copy; ``[]`` when it is clean. See :mod:`.pdf_verify`."""
    from .pdf_verify import verify

    return verify(Path(dst), Path(src), plan, outcome)


# -- the work (in the limited worker process) ---------------------------------------------------


@dataclass
class _Target:
    """Glyph work of one action: its index, the block, and the chosen glyphs."""

    index: int
    action: Action
    block: Block
    colour: tuple[float, float, float] | None


@dataclass
class _Work:
    applied: list[int] = field(default_factory=list)
    skipped: list[tuple[int, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    regions: dict[int, list[Rect]] = field(default_factory=dict)
    raster: dict[int, list[str]] = field(default_factory=dict)        # page → reasons
    raster_targets: dict[int, list[_Target]] = field(default_factory=dict)
    removed: dict[GlyphKey, tuple[Glyph, tuple[float, float, float] | None]] = \
        field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)

    def count(self, key: str, n: int = 1) -> None:
        self.counts[key] = self.counts.get(key, 0) + n


def _sanitize_task(src: str, tmp: str, document: Document, plan: Plan, limits: Limits):
    try:
        pdf = pikepdf.open(src)
    except pikepdf.PasswordError:
        raise UnreadableDocument(
            "PDF 已加密，需要密码才能打开，无法制作脱敏副本。请提供未加密的文件",
            message_en="the PDF is encrypted (a password is needed); no copy can be made",
            code="encrypted") from None
    except pikepdf.PdfError as exc:
        raise UnreadableDocument(f"PDF 文件无法解析（{exc}），可能已损坏",
                                 message_en=f"the PDF cannot be parsed ({exc})",
                                 code="damaged") from None
    with pdf:
        from .pdf_parts import check_signatures

        check_signatures(pdf)
        if len(pdf.pages) > limits.max_pdf_pages:
            raise UnreadableDocument(
                f"PDF 页数（{len(pdf.pages)}）超过上限 {limits.max_pdf_pages}，已拒绝",
                message_en=f"too many pages ({len(pdf.pages)})", code="limit")
        work = _Work()
        if pdf.is_encrypted:
            work.warnings.append("原文件设有权限密码（无需密码即可打开），脱敏副本不再加密")
        streams = Streams(pdf)
        _apply(pdf, document, plan, streams, work, src)
        pdf.save(tmp, fix_metadata_version=False, compress_streams=True,
                 object_stream_mode=pikepdf.ObjectStreamMode.preserve)
    data_tail = Path(tmp).read_bytes()
    eofs = data_tail.count(b"%%EOF")
    yield ("outcome", {
        "applied": sorted(set(work.applied)),
        "skipped": work.skipped,
        "rasterised": sorted(work.raster),
        "warnings": work.warnings,
        "extra": {"regions": {p: [list(r) for r in rs] for p, rs in work.regions.items()},
                  "eof_markers": eofs, "counts": work.counts,
                  "raster_reasons": {p: r for p, r in work.raster.items()}},
    })


def _apply(pdf: pikepdf.Pdf, document: Document, plan: Plan, streams: Streams, work: _Work,
           src: str) -> None:
    from . import pdf_parts as parts

    by_page: dict[int, list[_Target]] = {}
    scripts: list[int] = []
    for index, action in enumerate(plan.actions):
        loc = action.location
        block = document.blocks[loc.block] if 0 <= loc.block < len(document.blocks) else None
        if block is None:
            work.skipped.append((index, "找不到该位置对应的文本块"))
            continue
        flags = block.flags
        if "javascript" in flags:
            scripts.append(index)
        elif "prior_revision" in flags:
            work.applied.append(index)  # the full rewrite drops earlier revisions
        elif block.part == "metadata":
            _metadata(pdf, plan, block, index, work)
        elif block.part == "annotation":
            _annotation(pdf, block, index, streams, work)
        elif block.part == "attachment":
            _attachment(pdf, block, index, work)
        elif block.part in _PAGE_PARTS and block.page and "image_only" not in flags:
            colour = None
            if block.part != "hidden":
                colour = WHITE if action.op == "strip_mark" else BLACK
            by_page.setdefault(block.page, []).append(_Target(index, action, block, colour))
        else:
            work.skipped.append((index, ("无法在 PDF 中定位这段文字（页面无文字层或位置未知），"
                                         "请人工处理")))
    if scripts or plan.remove_hidden:
        work.count("scripts", parts.remove_javascript(pdf))
        work.applied.extend(scripts)
    if plan.remove_hidden:
        names, rects = parts.remove_attachments(pdf, None)
        work.count("attachments", len(names))
        for page, rs in rects.items():
            work.regions.setdefault(page, []).extend(rs)
        work.count("metadata", parts.clean_metadata(pdf))
    _glyph_work(pdf, streams, by_page, work)
    if work.raster:
        _rasterise(pdf, src, work)


def _metadata(pdf: pikepdf.Pdf, plan: Plan, block: Block, index: int, work: _Work) -> None:
    from . import pdf_parts as parts

    prefix, _, key = block.label.partition(":")
    if prefix == "info":
        parts.remove_info_key(pdf, key)
    elif prefix == "xmp":
        parts.remove_xmp(pdf)
    else:
        work.skipped.append((index, f"未知的元数据项“{block.label}”"))
        return
    work.applied.append(index)


def _annotation(pdf: pikepdf.Pdf, block: Block, index: int, streams: Streams,
                work: _Work) -> None:
    from . import pdf_parts as parts

    if not block.page:
        work.skipped.append((index, "注释所在页未知"))
        return
    subtype = block.label.partition("/")[0]
    rects = parts.remove_annotations(pdf, block.page, block.text, subtype, streams)
    if not rects and not _annotation_gone(pdf, block.page, block.text, streams):
        work.skipped.append((index, f"第 {block.page} 页未找到这条注释"))
        return
    work.regions.setdefault(block.page, []).extend(rects)
    work.count("annotations", len(rects))
    work.applied.append(index)


def _annotation_gone(pdf: pikepdf.Pdf, page: int, text: str, streams: Streams) -> bool:
    """True if no annotation of the page shows ``text`` any more (an earlier action of the same
    plan removed it)."""
    from .pdf_parts import annotation_texts

    wanted = "".join(text.split())
    annots = pdf.pages[page - 1].obj.get("/Annots")
    if not isinstance(annots, pikepdf.Array):
        return True
    return not any(isinstance(a, pikepdf.Dictionary) and wanted in annotation_texts(a, streams)
                   for a in annots)


def _attachment(pdf: pikepdf.Pdf, block: Block, index: int, work: _Work) -> None:
    from . import pdf_parts as parts

    if "attachment_text" in block.flags:
        name = block.label.split("/")[0]
    else:
        name = block.text
    removed, rects = parts.remove_attachments(pdf, name)
    if not removed:
        if not pdf.attachments and not _file_annots(pdf):
            work.applied.append(index)  # already removed by an earlier action
            return
        removed, rects = parts.remove_attachments(pdf, None)  # unnamed: all of them
        work.warnings.append(f"附件“{name}”无法按名称定位，已删除全部附件")
    for page, rs in rects.items():
        work.regions.setdefault(page, []).extend(rs)
    work.count("attachments", len(removed))
    work.applied.append(index)


def _file_annots(pdf: pikepdf.Pdf) -> bool:
    for page in pdf.pages:
        annots = page.obj.get("/Annots")
        if isinstance(annots, pikepdf.Array) and any(
                isinstance(a, pikepdf.Dictionary) and a.get("/Subtype") == "/FileAttachment"
                for a in annots):
            return True
    return False


# -- glyphs ---------------------------------------------------------------------------------------


def _glyph_work(pdf: pikepdf.Pdf, streams: Streams, by_page: dict[int, list[_Target]],
                work: _Work) -> None:
    walked: dict[int, PageGlyphs] = {}
    for page_no, targets in sorted(by_page.items()):
        if not 1 <= page_no <= len(pdf.pages):
            for t in targets:
                work.skipped.append((t.index, f"第 {page_no} 页不存在"))
            continue
        page = pdf.pages[page_no - 1]
        glyphs = PageGlyphs(streams, page, page_no)
        walked[page_no] = glyphs
        media_top = max(float(page.MediaBox[1]), float(page.MediaBox[3]))
        texts = [g.text for g in glyphs.glyphs]
        boxes = [g.box for g in glyphs.glyphs]
        for t in targets:
            loc = t.action.location
            area = user_rect(t.block.bbox, media_top) if t.block.bbox else None
            found = locate(texts, boxes, t.block.text, area, loc.start, t.action.hide)
            why = None
            if found is None:
                why = "未能在内容流中找到这段文字的字形" + (
                    f"（{'；'.join(glyphs.problems[:2])}）" if glyphs.problems else "")
            elif not found:
                why = "要删除的字符为空"
            elif any(not glyphs.glyphs[i].reliable for i in found):
                why = "字形无法精确删除（" + ("；".join(glyphs.problems[:2]) or "字号或渲染模式特殊") + "）"
            if why is not None:
                work.raster.setdefault(page_no, []).append(why)
                continue
            for i in found:
                g = glyphs.glyphs[i]
                previous = work.removed.get(g.key)
                colour = t.colour if previous is None or previous[1] is None else previous[1]
                work.removed[g.key] = (g, colour)
            work.applied.append(t.index)
        if page_no in work.raster:  # the picture is made from the original: paint every target
            work.raster_targets[page_no] = targets
    if not work.removed:
        return
    edited = {key[0] for key in work.removed}
    # pages that show an edited form XObject but had no target of their own get boxes too
    shared = {k for k in edited if k in streams.forms_used_by}
    if shared:
        for number, page in enumerate(pdf.pages, 1):
            if number not in walked and number not in work.raster:
                glyphs = PageGlyphs(streams, page, number)
                if glyphs.forms & shared:
                    walked[number] = glyphs
        work.count("shared_forms", sum(1 for k in shared if len(streams.forms_used_by[k]) > 1))
    for key in edited:
        removals: dict[int, dict[int, list[tuple[int, int, float]]]] = {}
        marks: set[int] = set()
        for (stream, op, item, start), (g, _) in work.removed.items():
            if stream != key:
                continue
            removals.setdefault(op, {}).setdefault(item, []).append((start, g.end, g.adjust))
            marks.update(g.marks)
        new = rewrite_stream(streams.parsed[key], removals, marks)
        streams.objects[key].write(pikepdf.unparse_content_stream(new))
    work.count("streams_edited", len(edited))
    work.count("glyphs_removed", len(work.removed))
    for number, glyphs in walked.items():
        if number in work.raster:
            continue
        _boxes(pdf, number, glyphs, work)


def _boxes(pdf: pikepdf.Pdf, number: int, glyphs: PageGlyphs, work: _Work) -> None:
    """Draw the opaque boxes of page ``number`` and record its changed regions."""
    runs: list[tuple[Rect, tuple[float, float, float] | None]] = []
    last = -2
    for i, g in enumerate(glyphs.glyphs):
        hit = work.removed.get(g.key)
        if hit is None:
            continue
        colour = hit[1]
        box = (g.box[0] - PAD_X, g.box[1] - PAD_Y, g.box[2] + PAD_X, g.box[3] + PAD_Y)
        if runs and last == i - 1 and runs[-1][1] == colour and _touches(runs[-1][0], box):
            r = runs[-1][0]
            runs[-1] = ((min(r[0], box[0]), min(r[1], box[1]), max(r[2], box[2]),
                         max(r[3], box[3])), colour)
        else:
            runs.append((box, colour))
        last = i
    if not runs:
        return
    work.regions.setdefault(number, []).extend(r for r, _ in runs)
    painted = [(r, c) for r, c in runs if c is not None]
    page = pdf.pages[number - 1]
    if "/Thumb" in page.obj:
        del page.obj["/Thumb"]  # a thumbnail still shows the removed text
    if not painted:
        return
    ops = ["Q", "q"]
    for (x0, y0, x1, y1), (r, g_, b) in painted:
        ops.append(f"{r:g} {g_:g} {b:g} rg {x0:.3f} {y0:.3f} {x1 - x0:.3f} {y1 - y0:.3f} re f")
    ops.append("Q")
    page.contents_add(pdf.make_stream(b"q\n"), prepend=True)
    page.contents_add(pdf.make_stream(("\n".join(ops) + "\n").encode("ascii")), prepend=False)


def _touches(a: Rect, b: Rect) -> bool:
    return b[0] <= a[2] + 1.0 and a[0] <= b[2] + 1.0 and b[1] <= a[3] and a[1] <= b[3]


def _rasterise(pdf: pikepdf.Pdf, src: str, work: _Work) -> None:
    import pypdfium2

    from .pdf_raster import char_boxes, rasterise_page

    source = pypdfium2.PdfDocument(src)
    try:
        for page_no, reasons in sorted(work.raster.items()):
            page = source[page_no - 1]
            media_top = max(float(pdf.pages[page_no - 1].MediaBox[1]),
                            float(pdf.pages[page_no - 1].MediaBox[3]))
            texts, boxes = char_boxes(page)
            covers: list[tuple[Rect, tuple[int, int, int]]] = []
            for t in work.raster_targets.get(page_no, []):
                loc = t.action.location
                area = user_rect(t.block.bbox, media_top) if t.block.bbox else None
                found = locate(texts, boxes, t.block.text, area, loc.start, t.action.hide)
                rgb = (255, 255, 255) if t.colour == WHITE else (0, 0, 0)
                if found:
                    rects = [boxes[i] for i in found]
                elif area is not None:
                    rects = [area]
                    work.warnings.append(f"第 {page_no} 页：未能逐字定位，已遮盖整行")
                else:
                    work.skipped.append((t.index, f"第 {page_no} 页无法定位要删除的文字"))
                    work.applied = [i for i in work.applied if i != t.index]
                    continue
                if t.colour is not None:
                    covers.extend((r, rgb) for r in rects)
                work.applied.append(t.index)
            rasterise_page(pdf, source, page_no, covers)
            why = "；".join(dict.fromkeys(reasons))
            work.warnings.append(f"第 {page_no} 页已转为图片（{why}），该页文字不可再复制或搜索")
            work.regions.pop(page_no, None)
    finally:
        source.close()
