"""PDF reader: a fast pypdfium2 first pass, page by page, in a memory-bounded worker process.

What a PDF becomes (blocks in this order):

* per page, one ``body`` block per non-empty line of visible text (``page`` 1-based, ``line`` =
  ordinal of the line on its page, ``source`` ``"page N"``, ``bbox`` ``(x0, top, x1, bottom)`` in
  points, top measured down from the MediaBox top like pdfplumber);
* then the page's hidden text (:mod:`.pdf_hidden`): ``hidden`` blocks with flag ``white``,
  ``invisible``, ``tiny``, ``offpage``, ``layer_hidden`` or ``covered`` (one block per run, one
  per box for covered text; ``bbox``; label ``白色文字 white text`` …). Their characters are not
  in the body lines: every character is in exactly one block. No ``line`` ordinal;
* a page without text that shows an image (or many vector paths: outlined text) becomes one
  ``page`` block ``第 N 页（无文字层）`` with flag ``image_only``: its content was not screened.
  A truly blank page yields nothing;
* then the page's annotations: /Contents (a form field's value) as ``annotation`` blocks
  labelled ``subtype`` or ``subtype/author`` (``Text/审核人``, ``FreeText``, ``Stamp/…``; the
  text a stamp's appearance shows too, when it is not its /Contents: source ``page N /AP``) and
  files attached to the page as ``attachment`` blocks (flag ``embedded``, label
  ``FileAttachment``), each followed by the text
  read from inside it;
* then the document properties: the Info dictionary (``info:Title`` …, custom keys included) and
  the XMP packet (``xmp:dc:title``, ``xmp:pdf:Keywords``, custom namespaces under their prefix) as
  ``metadata`` blocks labelled with that key, also in :attr:`Document.metadata`;
* then the embedded files (the EmbeddedFiles tree): each name as an ``attachment`` block (flag
  ``embedded``), followed by the text inside it when it is a PDF, .docx, .xlsx or text
  (``attachment`` blocks, flag ``attachment_text``, label = the name; :mod:`.pdf_attachments`);
* then JavaScript: one ``hidden`` block per script (flag ``javascript``, text = the script, cut
  at 2000 characters; label = when it runs: ``打开文档时运行 /OpenAction``, ``文档级脚本“init”``,
  ``打开页面时运行 /AA /O``, ``点击 Link 注释时运行`` …; ``page`` for page and annotation
  scripts);
* then text of earlier revisions kept by incremental updates that the final document no longer
  has: ``hidden`` blocks, flag ``prior_revision``, label ``第 N 版（早期修订）``
  (:mod:`.pdf_revisions`).

Parsing runs in :mod:`~screening.readers.pdfworker` (``RLIMIT_AS`` = ``limits.pdf_memory_bytes``,
``limits.pdf_timeout_seconds``); the worker sends plain data and this module builds the blocks.
Errors (:class:`~screening.errors.UnreadableDocument`): ``encrypted`` (a user password is needed;
an owner-password-only PDF opens and is read), ``damaged`` (corrupt, or truncated: no ``%%EOF``
near the end), ``limit`` (pages, characters, memory, time, a crashed parser). An attachment that
cannot be read, a script or layer table pdfminer cannot parse, more earlier revisions than are
read: ``Document.problems`` entries (the verdict is never ``pass``).

``Document.geometry`` is a :class:`PdfGeometry`: pdfplumber on one page, on demand, under the
same limits.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

import pypdfium2

from .. import __version__
from ..config import Limits
from ..errors import ScreeningError, UnreadableDocument
from ..model import BlockList, Document
from . import sniff_format
from .pdfworker import WorkerStats, extract_document, extract_geometry, run_isolated

#: ``%%EOF`` must stand within the last KiB (as Acrobat requires), not counting trailing
#: whitespace and NUL padding; otherwise the file was cut short.
_EOF_WINDOW = 1024
_TAIL_BYTES = 64 * 1024


class PdfReader:
    """The built-in PDF reader (``format = "pdf"``)."""

    format = "pdf"
    version = f"{__version__} (pypdfium2 {pypdfium2.version.PYPDFIUM_INFO})"
    priority = 10

    def sniff(self, head: bytes, suffix: str) -> bool:
        return sniff_format(head) == "pdf"

    def read(self, path: Path, limits: Limits) -> Document:
        return read_pdf(path, limits)[0]


READER = PdfReader()


@dataclass
class _Messages:
    """What the worker sent, sorted by kind."""

    pages: int = 0
    info: list[tuple[str, str]] = field(default_factory=list)
    xmp: list[tuple[str, str]] = field(default_factory=list)
    attachments: list[str] = field(default_factory=list)
    page_messages: list[tuple] = field(default_factory=list)
    scripts: list[tuple[int | None, str, str]] = field(default_factory=list)
    stamps: dict[int, list[tuple[str, str]]] = field(default_factory=dict)
    files: dict[tuple[int | None, int], tuple[str, bytes | None, str]] = \
        field(default_factory=dict)
    revisions: list[tuple[int, list, list]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def read_pdf(path: str | Path, limits: Limits, *, depth: int = 0
             ) -> tuple[Document, WorkerStats | None]:
    """Read ``path`` into a :class:`Document`; also what the worker process used (for bench and
    tests; ``None`` if it ended abnormally, which raised anyway). ``depth``: how deep this PDF is
    attached inside others (attachments are read down to ``pdf_attachments.MAX_DEPTH``)."""
    from .pdf_attachments import MAX_DEPTH

    path = Path(path)
    _check_complete(path)
    _preload()
    stats: list[WorkerStats] = []
    got = _Messages()
    blocks = BlockList()
    problems: list[str] = []
    built = 0  # pages turned into blocks while the worker goes on (the machine has two cores)
    for message in run_isolated(extract_document, str(path), limits, depth < MAX_DEPTH,
                                memory_bytes=limits.pdf_memory_bytes,
                                timeout=limits.pdf_timeout_seconds, stats=stats):
        _sort(got, message)
        while built < len(got.page_messages) and not got.page_messages[built][7]:
            _add_page(blocks, got, limits, depth, problems, *got.page_messages[built][1:6])
            built += 1
    for message in got.page_messages[built:]:  # from the first page whose files or stamps
        _add_page(blocks, got, limits, depth, problems, *message[1:6])  # came after the pages
    problems[:0] = got.problems
    metadata: dict[str, str] = {}
    for prefix, items, source in (("info", got.info, "Info"), ("xmp", got.xmp, "XMP /Metadata")):
        for key, value in items:
            label = f"{prefix}:{key}"
            if blocks.add(value, "metadata", source=source, label=label):
                metadata.setdefault(label, value)
    for i, name in enumerate(got.attachments):
        blocks.add(name, "attachment", source="EmbeddedFiles", label="EmbeddedFile",
                   flags=frozenset({"embedded"}))
        _add_file(blocks, got.files.get((None, i)), name, None, limits, depth, problems)
    for page, label, script in got.scripts:
        blocks.add(script or label, "hidden", page=page, label=label,
                   source=f"page {page}" if page else "Catalog", flags=frozenset({"javascript"}))
    if got.revisions:
        from .pdf_revisions import prior_revision_blocks

        final = [b.text for b in blocks.blocks] + [t for m in got.page_messages for t in m[6]]
        prior_revision_blocks(blocks, final, got.revisions)
    document = Document(
        path=str(path), format="pdf", blocks=tuple(blocks.blocks), pages=got.pages,
        metadata=MappingProxyType(metadata), problems=tuple(problems),
        geometry=PdfGeometry(path, got.pages, limits))
    return document, (stats[0] if stats else None)


def _sort(got: _Messages, message: tuple) -> None:
    kind = message[0]
    if kind == "doc":
        _, got.pages, got.info, got.attachments = message
    elif kind == "pages":
        got.page_messages.extend(message[1])
    elif kind == "extra":
        got.info = got.info + message[1]
        got.xmp = message[2]
    elif kind == "stamp":
        got.stamps.setdefault(message[1], []).append(message[2:])
    elif kind == "script":
        got.scripts.append(message[1:])
    elif kind == "file":
        _, page, index, name, data, problem = message
        got.files[(page, index)] = (name, data, problem)
    elif kind == "revision":
        got.revisions.append(message[1:])
    elif kind == "revisions_skipped":
        got.problems.append(f"文件经过多次增量保存，另有 {message[1]} 个早期版本未读取、未经审查。"
                            "请从原始文件重新完整导出 PDF")
    elif kind == "problems":
        got.problems.extend(message[1])


def _add_page(blocks: BlockList, got: _Messages, limits: Limits, depth: int,
              problems: list[str], page: int, lines: list, hidden: list, image_only: bool,
              annotations: list[tuple[str, str, str]]) -> None:
    source = f"page {page}"
    for text, bbox in lines:
        blocks.add(text, "body", page=page, counts_as_line=True, source=source, bbox=bbox)
    for text, flags, bbox, label in hidden:
        blocks.add(text, "hidden", page=page, source=source, label=label, bbox=bbox,
                   flags=frozenset(flags))
    if image_only:
        blocks.add(f"第 {page} 页（无文字层）", "page", page=page, source=source,
                   label="无文字层", flags=frozenset({"image_only"}))
    files = 0
    for subtype, text, author in annotations:
        if subtype == "FileAttachment":
            blocks.add(text, "attachment", page=page, source=source, label=subtype,
                       flags=frozenset({"embedded"}))
            _add_file(blocks, got.files.get((page, files)), text, page, limits, depth, problems)
            files += 1
        else:
            blocks.add(text, "annotation", page=page, source=source,
                       label=f"{subtype}/{author}" if author else subtype)
    while (page, files) in got.files:  # attached files pdfium listed without a name
        name = got.files[(page, files)][0]
        blocks.add(name, "attachment", page=page, source=source, label="FileAttachment",
                   flags=frozenset({"embedded"}))
        _add_file(blocks, got.files[(page, files)], name, page, limits, depth, problems)
        files += 1
    for author, text in got.stamps.get(page, []):
        blocks.add(text, "annotation", page=page, source=f"{source} /AP",
                   label=f"Stamp/{author}" if author else "Stamp")


def _add_file(blocks: BlockList, file: tuple[str, bytes | None, str] | None, name: str,
              page: int | None, limits: Limits, depth: int, problems: list[str]) -> None:
    """The text inside one attached file (``file`` from the worker: name, data, problem)."""
    from .pdf_attachments import attachment_blocks

    if file is None:
        return
    _, data, problem = file
    if problem:
        problems.append(problem)
    if data is None:
        return
    try:
        found = list(attachment_blocks(name, data, limits, depth))
    except ScreeningError as exc:
        problems.append(f"附件“{name}”无法读取：{exc.message.rstrip('。')}。其中的内容未经审查")
        return
    for text, source, label, flags in found:
        blocks.add(text, "attachment", page=page, source=source, label=label, flags=flags)


def _check_complete(path: Path) -> None:
    """A PDF ends with ``%%EOF``; a file cut short (an interrupted download) does not. pdfium
    would open it anyway and silently lose what was cut, so refuse it."""
    try:
        with path.open("rb") as fh:
            size = fh.seek(0, 2)
            fh.seek(max(0, size - _TAIL_BYTES))
            tail = fh.read().rstrip(b"\x00\t\n\f\r ")
    except OSError as exc:
        raise UnreadableDocument(f"无法打开文件 {path}：{exc.strerror or exc}",
                                 message_en=f"cannot open {path}: {exc.strerror or exc}") from exc
    if b"%%EOF" not in tail[-_EOF_WINDOW:]:
        raise UnreadableDocument(
            "PDF 文件不完整（缺少文件结束标记），可能在下载或复制时被截断。请重新获取完整文件后再检查",
            message_en="the PDF is incomplete (no end-of-file marker); it was probably cut short "
                       "during a download or copy", code="damaged")


def _preload() -> None:
    """Import what the worker uses here, once, so each forked worker starts with it loaded."""
    import pdfminer.pdfdocument  # noqa: F401
    import pdfminer.pdfparser  # noqa: F401
    import pdfminer.pdftypes  # noqa: F401
    import pdfminer.utils  # noqa: F401
    import pypdfium2.raw  # noqa: F401
    from lxml import etree  # noqa: F401

    from . import pdf_hidden, pdf_revisions, pdf_structure  # noqa: F401


class PdfGeometry:
    """``geometry(page_no) -> dict``: one page read with pdfplumber, in the limited worker.

    The contract (later detectors rely on it; the values are plain data)::

        {"page": 3, "width": 595.3, "height": 841.9, "bbox": (x0, top, x1, bottom),
         "chars":  [{"text", "x0", "top", "x1", "bottom", "fontname", "size", "upright",
                     "non_stroking_color", "stroking_color", "matrix", "seq", …}],
         "rects":  [{"x0", "top", "x1", "bottom", "fill", "stroke", "linewidth",
                     "non_stroking_color", "stroking_color", "seq", …}],
         "curves": [… "pts", "path" …], "lines": […], "images": […]}

    Keys are pdfplumber's (top-down coordinates in points); parser objects are left out; ``seq``
    is the object's position in the page's content-stream order (paint order: a rect with a
    higher ``seq`` than a char is painted over it). ``page_no`` is 1-based; outside
    ``1..pages`` → :class:`ValueError`. The last few pages are cached. Raises
    :class:`UnreadableDocument` (code ``limit``) when the worker exceeds the limits.
    """

    CACHE_PAGES = 4

    def __init__(self, path: str | Path, pages: int, limits: Limits):
        self.path = str(path)
        self.pages = pages
        self.limits = limits
        self._cache: OrderedDict[int, dict[str, Any]] = OrderedDict()

    def __call__(self, page_no: int) -> dict[str, Any]:
        if not 1 <= page_no <= self.pages:
            raise ValueError(f"page {page_no} outside 1..{self.pages}")
        if page_no in self._cache:
            self._cache.move_to_end(page_no)
            return self._cache[page_no]
        import pdfplumber  # noqa: F401  (loaded once here, shared by every forked worker)

        result: dict[str, Any] = {}
        for _, result in run_isolated(extract_geometry, self.path, page_no,
                                      memory_bytes=self.limits.pdf_memory_bytes,
                                      timeout=self.limits.pdf_timeout_seconds):
            pass
        self._cache[page_no] = result
        if len(self._cache) > self.CACHE_PAGES:
            self._cache.popitem(last=False)
        return result

    def __repr__(self) -> str:
        return f"PdfGeometry({self.path!r}, pages={self.pages})"
