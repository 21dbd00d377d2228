"""PDF reader: a fast pypdfium2 first pass, page by page, in a memory-bounded worker process.

What a PDF becomes (blocks in this order):

* per page, one ``body`` block per non-empty text line (``page`` 1-based, ``line`` = ordinal of
  the line on its page, ``source`` ``"page N"``, ``bbox`` ``(x0, top, x1, bottom)`` in points,
  top measured down from the MediaBox top like pdfplumber), then the page's annotations: their
  /Contents (a form field's value) as ``annotation`` blocks labelled with the subtype
  (``Text``, ``FreeText``, ``Stamp`` …) and files attached to the page as ``attachment`` blocks
  (flag ``embedded``, label ``FileAttachment``);
* a page without text that shows an image (or many vector paths: outlined text) becomes one
  ``page`` block ``第 N 页（无文字层）`` with flag ``image_only``: its content was not screened.
  A truly blank page yields nothing;
* then the document properties: the Info dictionary (``info:Title`` …, custom keys included) and
  the XMP packet (``xmp:dc:title``, ``xmp:pdf:Keywords``, custom namespaces under their prefix) as
  ``metadata`` blocks labelled with that key, also in :attr:`Document.metadata`;
* then the names of embedded files (the EmbeddedFiles tree) as ``attachment`` blocks, flag
  ``embedded``.

Parsing runs in :mod:`~screening.readers.pdfworker` (``RLIMIT_AS`` = ``limits.pdf_memory_bytes``,
``limits.pdf_timeout_seconds``); the worker sends plain data and this module builds the blocks.
Errors (:class:`~screening.errors.UnreadableDocument`): ``encrypted`` (a user password is needed;
an owner-password-only PDF opens and is read), ``damaged`` (corrupt, or truncated: no ``%%EOF``
near the end), ``limit`` (pages, characters, memory, time, a crashed parser).

``Document.geometry`` is a :class:`PdfGeometry`: pdfplumber on one page, on demand, under the
same limits.
"""

from __future__ import annotations

from collections import OrderedDict
from pathlib import Path
from types import MappingProxyType
from typing import Any

import pypdfium2

from .. import __version__
from ..config import Limits
from ..errors import UnreadableDocument
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


def read_pdf(path: str | Path, limits: Limits) -> tuple[Document, WorkerStats | None]:
    """Read ``path`` into a :class:`Document`; also what the worker process used (for bench and
    tests; ``None`` if it ended abnormally, which raised anyway)."""
    path = Path(path)
    _check_complete(path)
    _preload()
    stats: list[WorkerStats] = []
    blocks = BlockList()
    info: list[tuple[str, str]] = []
    xmp: list[tuple[str, str]] = []
    attachments: list[str] = []
    problems: list[str] = []
    pages = 0
    for message in run_isolated(extract_document, str(path), limits.max_pdf_pages,
                                limits.max_text_chars, memory_bytes=limits.pdf_memory_bytes,
                                timeout=limits.pdf_timeout_seconds, stats=stats):
        kind = message[0]
        if kind == "doc":
            _, pages, info, attachments = message
        elif kind == "page":
            _add_page(blocks, *message[1:])
        elif kind == "extra":
            _, extra_info, xmp, problems = message
            info = info + extra_info
    metadata: dict[str, str] = {}
    for prefix, items, source in (("info", info, "Info"), ("xmp", xmp, "XMP /Metadata")):
        for key, value in items:
            label = f"{prefix}:{key}"
            if blocks.add(value, "metadata", source=source, label=label):
                metadata.setdefault(label, value)
    for name in attachments:
        blocks.add(name, "attachment", source="EmbeddedFiles", label="EmbeddedFile",
                   flags=frozenset({"embedded"}))
    document = Document(
        path=str(path), format="pdf", blocks=tuple(blocks.blocks), pages=pages,
        metadata=MappingProxyType(metadata), problems=tuple(problems),
        geometry=PdfGeometry(path, pages, limits))
    return document, (stats[0] if stats else None)


def _add_page(blocks: BlockList, page: int, lines: list, image_only: bool,
              annotations: list[tuple[str, str]]) -> None:
    source = f"page {page}"
    for text, bbox in lines:
        blocks.add(text, "body", page=page, counts_as_line=True, source=source, bbox=bbox)
    if image_only:
        blocks.add(f"第 {page} 页（无文字层）", "page", page=page, source=source,
                   label="无文字层", flags=frozenset({"image_only"}))
    for subtype, text in annotations:
        if subtype == "FileAttachment":
            blocks.add(text, "attachment", page=page, source=source, label=subtype,
                       flags=frozenset({"embedded"}))
        else:
            blocks.add(text, "annotation", page=page, source=source, label=subtype)


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
    import pypdfium2.raw  # noqa: F401
    from lxml import etree  # noqa: F401


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
