"""Run untrusted-PDF parsing in a child process with a memory bound and a timeout.

A 398 KiB PDF can make pdfium or pdfminer allocate ~830 MiB (a Flate bomb, sanitize.md §7), and
a crafted file can crash or hang a C parser. So every parse of a PDF runs in a forked child:

* the child sets ``RLIMIT_AS`` to ``limits.pdf_memory_bytes`` before touching the file;
* the parent waits at most ``limits.pdf_timeout_seconds`` in all, then kills the child;
* the child streams plain data (tuples, lists, dicts of str/int/float) through a pipe, one
  message at a time, so neither side holds more than the parent's result;
* a child killed by a signal, out of memory or out of time becomes
  ``UnreadableDocument(code="limit")`` in the parent; an error the task raises
  (:class:`~screening.errors.ScreeningError`) is re-raised in the parent with its code.

``os.fork`` is used directly rather than :class:`multiprocessing.Process`: it starts in a few
milliseconds, needs no pickling of the task, and works inside daemonic pool workers (which may
not start ``multiprocessing`` children). Where fork is unavailable or ``RLIMIT_AS`` is not
enforced (anything but Linux), the task runs in-process: the page cap and text limits still
apply, the memory bound and timeout do not.
"""

from __future__ import annotations

import ctypes
import errno
import os
import signal
import sys
import time
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, Pipe
from typing import Any

from ..config import Limits
from ..errors import ScreeningError, UnreadableDocument

MiB = 1024 * 1024

#: Messages a task yields are tuples whose first item names them; these two are the worker's own.
_END = "__end__"
_FAILED = "__failed__"

ISOLATED = sys.platform.startswith("linux") and hasattr(os, "fork")
#: True in a worker child: it ends with ``os._exit``, so freeing parser structures one by one
#: (closing a 100-page document costs ~10 % of reading it) is left to the kernel.
IN_CHILD = False


@dataclass(frozen=True, slots=True)
class WorkerStats:
    """What one child used: peak resident memory (``VmHWM``) and wall time. Zero in-process."""

    peak_rss_bytes: int = 0
    start_rss_bytes: int = 0
    seconds: float = 0.0
    isolated: bool = False


def run_isolated(task: Callable[..., Iterator[tuple]], *args: Any, memory_bytes: int,
                 timeout: float, stats: list[WorkerStats] | None = None) -> Iterator[tuple]:
    """Yield the messages of ``task(*args)``, run in a memory-bounded child with a timeout.

    Closing the iterator early (the parent gave up) kills the child. If ``stats`` is given, the
    child's :class:`WorkerStats` is appended to it when the task ends normally.
    """
    if not ISOLATED:
        started = time.monotonic()
        yield from task(*args)
        if stats is not None:
            stats.append(WorkerStats(seconds=time.monotonic() - started))
        return
    started = time.monotonic()
    receiver, sender = Pipe(duplex=False)
    for stream in (sys.stdout, sys.stderr):  # a child must not flush the parent's buffers again
        try:
            stream.flush()
        except (AttributeError, OSError, ValueError):
            pass
    with warnings.catch_warnings():  # Python ≥ 3.12 warns about fork in threaded parents
        warnings.simplefilter("ignore", DeprecationWarning)
        pid = os.fork()
    if pid == 0:  # the child never returns from here
        receiver.close()
        _child(sender, task, args, memory_bytes)
    sender.close()
    try:
        deadline = started + timeout
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not receiver.poll(remaining):
                raise _timeout(timeout)
            try:
                message = receiver.recv()
            except (EOFError, OSError):
                status, pid = _reap(pid), 0
                raise _died(status, memory_bytes) from None
            if message[0] == _END:
                if stats is not None:
                    peak, start = message[1]
                    stats.append(WorkerStats(peak, start, time.monotonic() - started, True))
                return
            if message[0] == _FAILED:
                _, code, text, text_en = message
                raise UnreadableDocument(text, message_en=text_en, code=code)
            yield message
    finally:
        receiver.close()
        if pid:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            _reap(pid)


def _child(sender: Connection, task: Callable[..., Iterator[tuple]], args: tuple,
           memory_bytes: int) -> None:
    code = 0
    try:
        global IN_CHILD
        IN_CHILD = True
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        import faulthandler
        import resource

        faulthandler.disable()  # a parser killed by the limit is reported by the parent

        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard != resource.RLIM_INFINITY:
            memory_bytes = min(memory_bytes, hard)
        resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, hard))
        start = _rss("VmRSS")
        for message in task(*args):
            sender.send(message)
        sender.send((_END, (_rss("VmHWM"), start)))
    except ScreeningError as exc:
        code = _send_failure(sender, exc.code, exc.message, exc.message_en)
    except BaseException as exc:  # anything else: report it, never return into the caller
        if _out_of_memory(exc):
            code = _send_failure(
                sender, "limit", f"PDF 解析超出内存上限（{memory_bytes // MiB} MiB），已拒绝。"
                "文件可能含有恶意构造的压缩数据，请核实来源",
                f"PDF parsing exceeded the memory limit ({memory_bytes // MiB} MiB); refused")
        else:
            code = _send_failure(
                sender, "unreadable", f"PDF 文件无法解析（{type(exc).__name__}: {exc}），可能已损坏",
                f"the PDF cannot be parsed ({type(exc).__name__}: {exc}); it may be damaged")
    finally:
        try:
            sender.close()
        finally:
            os._exit(code)


def _out_of_memory(exc: BaseException | None) -> bool:
    """True if ``exc`` or what caused it is a :class:`MemoryError` (pdfminer wraps them) or an
    ``ENOMEM`` :class:`OSError` (``mmap`` and friends under ``RLIMIT_AS``)."""
    seen = 0
    while exc is not None and seen < 20:
        if isinstance(exc, MemoryError):
            return True
        if isinstance(exc, OSError) and exc.errno == errno.ENOMEM:
            return True
        exc = exc.__cause__ or exc.__context__
        seen += 1
    return False


def _send_failure(sender: Connection, code: str, text: str, text_en: str) -> int:
    try:
        sender.send((_FAILED, code, text, text_en))
        return 0
    except BaseException:
        return 1


def _reap(pid: int) -> int:
    """Wait for the child; its exit code (negative: killed by that signal)."""
    try:
        _, status = os.waitpid(pid, 0)
    except ChildProcessError:
        return 0
    return os.waitstatus_to_exitcode(status)


def _rss(field: str) -> int:
    """``VmRSS`` / ``VmHWM`` of this process in bytes (0 where /proc is missing)."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith(field + ":"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _timeout(seconds: float) -> UnreadableDocument:
    return UnreadableDocument(
        f"PDF 解析超过时间上限（{seconds:g} 秒），已中止。文件可能过大或被恶意构造；"
        "可拆分文件后重试，或由管理员调整 [limits] pdf_timeout_seconds",
        message_en=f"PDF parsing exceeded the time limit ({seconds:g} s) and was stopped",
        code="limit")


def _died(status: int, memory_bytes: int) -> UnreadableDocument:
    how, how_en = ((f"信号 {-status}", f"signal {-status}") if status < 0
                   else (f"退出码 {status}", f"exit code {status}"))
    return UnreadableDocument(
        f"PDF 解析进程异常终止（{how}），多半是超出内存上限（{memory_bytes // MiB} MiB）或文件"
        "被恶意构造，已拒绝。请核实文件来源；确需检查的大文件可由管理员调整 [limits] pdf_memory_bytes",
        message_en=f"the PDF parser process died ({how_en}); probably over the memory limit "
                   f"({memory_bytes // MiB} MiB) or a crafted file", code="limit")


# -- what runs in the worker: pypdfium2 first pass, pdfminer for the document structures --------

#: Annotation subtypes by pdfium's number (FPDF_ANNOT_*). Popups repeat their parent's text.
ANNOT_SUBTYPES = {
    1: "Text", 2: "Link", 3: "FreeText", 4: "Line", 5: "Square", 6: "Circle", 7: "Polygon",
    8: "PolyLine", 9: "Highlight", 10: "Underline", 11: "Squiggly", 12: "StrikeOut", 13: "Stamp",
    14: "Caret", 15: "Ink", 16: "Popup", 17: "FileAttachment", 18: "Sound", 19: "Movie",
    20: "Widget", 21: "Screen", 22: "PrinterMark", 23: "TrapNet", 24: "Watermark", 25: "3D",
    26: "RichMedia", 27: "XFAWidget", 28: "Redact",
}
#: A text-less page with at least this many vector paths is treated like an image (outlined text).
PATHS_LIKE_IMAGE = 50
#: Pages sent together (one pipe message per page cost more than a short page's text).
PAGES_PER_MESSAGE = 16


def extract_document(path: str, limits: Limits, read_attachments: bool = True
                     ) -> Iterator[tuple]:
    """The first pass, page by page, then the document structures. Yields, in order:

    * ``("doc", pages, info, attachments)``: page count, Info dict items ``[(key, value)]``
      (standard keys via pdfium), embedded file names ``[name]``;
    * ``("pages", [page message, …])``, :data:`PAGES_PER_MESSAGE` at a time, a page message per
      page that has anything: ``("page", page_no, lines, hidden, image_only, annotations,
      originals, late)`` with ``lines = [(text, bbox | None)]`` (bbox ``(x0, top, x1, bottom)``, top
      measured down from the MediaBox top as pdfplumber does), ``hidden = [(text, flags, bbox,
      label)]`` (see :mod:`.pdf_hidden`), ``annotations = [(subtype, text, author)]``
      (``("FileAttachment", name, author)`` for a file attached to the page), ``originals``: the
      full text of lines that lost hidden characters (only when the file has earlier revisions),
      ``late``: later messages (``file``, ``stamp``) belong to this page;
    * ``("extra", info, xmp)``: custom Info keys and XMP properties ``[(name, value)]``;
    * ``("stamp", page, author, text)``: what a stamp's appearance shows, when it is not its
      /Contents;
    * ``("script", page, label, script)`` per JavaScript action;
    * ``("file", page, index, name, data, problem)`` per attached file whose content was asked
      for (``read_attachments``): ``page`` ``None`` for the EmbeddedFiles tree, else the page of
      the ``index``-th file-attachment annotation; ``data`` ``None`` when not read;
    * ``("revision", n, lines, info)`` per earlier revision, ``("revisions_skipped", k)``
      (:mod:`.pdf_revisions`);
    * ``("problems", [text])``: what could not be read.

    Raises :class:`UnreadableDocument` (codes ``encrypted``, ``damaged``, ``limit``).
    """
    import pypdfium2 as pdfium

    from .pdf_revisions import earlier_revisions, has_updates, trailer_ends
    from .pdf_structure import Structure

    try:
        pdf = pdfium.PdfDocument(path)
    except pdfium.PdfiumError as exc:
        raise _open_error(exc) from exc
    structure = None
    try:
        pages = len(pdf)
        if pages == 0:
            raise UnreadableDocument(
                "PDF 文件中找不到任何页面，可能已损坏。请从原始系统重新导出后再检查",
                message_en="the PDF has no pages; it is probably damaged", code="damaged")
        if pages > limits.max_pdf_pages:
            raise UnreadableDocument(
                f"PDF 共 {pages} 页，超过上限 {limits.max_pdf_pages} 页，未审查。请拆分文件，或由"
                "管理员调整 [limits] max_pdf_pages", message_en=f"the PDF has {pages} pages, over "
                f"the limit of {limits.max_pdf_pages}", code="limit")
        info = [(k, v) for k, v in pdf.get_metadata_dict(skip_empty=True).items()
                if v.strip()]
        structure = Structure(path)
        off_layers = structure.off_layers()
        ends = trailer_ends(pdf) if has_updates(path) else []
        revised = len(ends) > 1
        yield ("doc", pages, info, _attachment_names(pdf))
        budget = _CharBudget(limits.max_text_chars)
        script_pages: set[int] = set()
        file_pages: set[int] = set()
        stamp_pages: list[int] = []
        batch: list[tuple] = []
        for index in range(pages):
            message, flags, chars = _read_page(pdf, index, off_layers, revised)
            budget.spend(chars)
            if flags.actions:
                script_pages.add(index)
            if flags.files:
                file_pages.add(index)
            if flags.stamps:
                stamp_pages.append(index)
            if message[2] or message[3] or message[4] or message[5] or message[7]:
                batch.append(message)
            if len(batch) >= PAGES_PER_MESSAGE:
                yield ("pages", batch)
                batch = []
        if batch:
            yield ("pages", batch)
        yield ("extra", *structure.metadata({k for k, _ in info}))
        for index in stamp_pages:
            for author, text in structure.stamp_texts(index):
                yield ("stamp", index + 1, author, text)
        for page_no, label, script in structure.scripts(script_pages):
            yield ("script", page_no, label, script)
        if read_attachments:
            yield from _files(structure, file_pages, limits)
        yield from earlier_revisions(ends, path, budget.left)
        yield ("problems", structure.problems)
    finally:
        if structure is not None:
            structure.close()
        if not IN_CHILD:
            pdf.close()


class _CharBudget:
    def __init__(self, max_chars: int):
        self.max_chars = max_chars
        self.left = max_chars

    def spend(self, chars: int) -> None:
        self.left -= chars
        if self.left < 0:
            raise UnreadableDocument(
                f"PDF 文字超过 {self.max_chars} 字符的上限，未审查完。请拆分文件",
                message_en=f"the PDF has more than {self.max_chars} characters", code="limit")


def _files(structure: Any, file_pages: set[int], limits: Limits) -> Iterator[tuple]:
    """The attached files, each at most ``zip_max_entry_bytes``, all together at most
    ``zip_max_total_bytes`` (the limits of a .docx's members)."""
    total = limits.zip_max_total_bytes
    listed = [(None, i, f) for i, f in
              enumerate(structure.embedded_files(limits.zip_max_entry_bytes))]
    for index in sorted(file_pages):
        listed += [(index + 1, i, f) for i, f in
                   enumerate(structure.annotation_files(index, limits.zip_max_entry_bytes))]
    for page_no, i, (name, data, problem) in listed:
        if data is not None and len(data) > total:
            data, problem = None, (f"附件总量超过 {limits.zip_max_total_bytes // MiB} MiB，"
                                   f"附件“{name}”的内容未读取、未经审查")
        if data is not None:
            total -= len(data)
        yield ("file", page_no, i, name, data, problem)


def _open_error(exc: Exception) -> UnreadableDocument:
    import pypdfium2.raw as raw

    code = getattr(exc, "err_code", None)
    if code == raw.FPDF_ERR_PASSWORD:
        return UnreadableDocument(
            "PDF 文件已加密，需要密码，无法审查。请提供未加密的文件",
            message_en="the PDF is encrypted and needs a password; provide an unencrypted file",
            code="encrypted")
    if code == raw.FPDF_ERR_SECURITY:
        return UnreadableDocument(
            "PDF 文件使用了不支持的加密方式，无法审查。请提供未加密的文件",
            message_en="the PDF uses an unsupported security handler; provide an unencrypted file",
            code="encrypted")
    return UnreadableDocument(
        "PDF 文件已损坏或不完整，无法打开。请从原始系统重新导出或重新下载后再检查",
        message_en="the PDF is damaged or incomplete and cannot be opened; export it again",
        code="damaged")


def _read_page(pdf: Any, index: int, off_layers: frozenset[bytes], revised: bool
               ) -> tuple[tuple, _PageFlags, int]:
    """``(message, flags, chars)`` of one page (see :func:`extract_document`); the flags say
    what the structure pass must look at on it, ``chars`` is the size of its text layer. Raw
    pdfium handles (the wrappers' finalizers cost more than the text of a simple page); the
    page is freed before returning."""
    import pypdfium2.raw as raw

    from .pdf_hidden import page_text

    page = raw.FPDF_LoadPage(pdf.raw, index)
    if not page:
        raise UnreadableDocument(
            f"PDF 第 {index + 1} 页已损坏，无法读取。请从原始系统重新导出后再检查",
            message_en=f"page {index + 1} of the PDF is damaged and cannot be read",
            code="damaged")
    try:
        textpage = raw.FPDFText_LoadPage(page)
        try:
            text = page_text(page, textpage, off_layers)
        finally:
            raw.FPDFText_ClosePage(textpage)
        annotations, flags = _annotations(page)
        image_only = not text.lines and not text.hidden and _has_pictures(page)
        if not flags.actions and any(raw.FPDF_GetPageAAction(page, kind) for kind in
                                     (raw.FPDFPAGE_AACTION_OPEN, raw.FPDFPAGE_AACTION_CLOSE)):
            flags = _PageFlags(True, flags.files, flags.stamps)
    finally:
        raw.FPDF_ClosePage(page)
    hidden = [(h.text, h.flags, h.bbox, h.label) for h in text.hidden]
    originals = text.originals if revised else []
    late = flags.files or flags.stamps
    return (("page", index + 1, text.lines, hidden, image_only, annotations, originals, late),
            flags, text.chars)


def _has_pictures(page: Any) -> bool:
    """True if a text-less page shows an image (also inside form XObjects) or many paths."""
    import pypdfium2.raw as raw

    paths = 0
    todo = [(page, raw.FPDFPage_CountObjects, raw.FPDFPage_GetObject, 0)]
    while todo:
        container, count, get, depth = todo.pop()
        for i in range(count(container)):
            obj = get(container, i)
            kind = raw.FPDFPageObj_GetType(obj)
            if kind == raw.FPDF_PAGEOBJ_IMAGE:
                return True
            if kind == raw.FPDF_PAGEOBJ_PATH:
                paths += 1
                if paths >= PATHS_LIKE_IMAGE:
                    return True
            elif kind == raw.FPDF_PAGEOBJ_FORM and depth < 15:
                todo.append((obj, raw.FPDFFormObj_CountObjects, raw.FPDFFormObj_GetObject,
                             depth + 1))
    return False


@dataclass(frozen=True, slots=True)
class _PageFlags:
    """What the structure pass must look at on a page: actions (/AA, annotations' /A or /AA),
    file-attachment annotations, stamps with an appearance stream."""

    actions: bool = False
    files: bool = False
    stamps: bool = False


def _annotations(page: Any) -> tuple[list[tuple[str, str, str]], _PageFlags]:
    """``([(subtype, text, author)], flags)`` of a raw ``FPDF_PAGE``: /Contents of every
    annotation (a widget's value /V) and the file name of file-attachment annotations as
    ``("FileAttachment", name, author)``. ``author`` is /T of markup annotations (a widget's /T
    is a field name, not an author). Popups are skipped: they repeat their parent's text."""
    import pypdfium2.raw as raw

    out: list[tuple[str, str, str]] = []
    actions = files = stamps = False
    for i in range(raw.FPDFPage_GetAnnotCount(page)):
        annot = raw.FPDFPage_GetAnnot(page, i)
        if not annot:
            continue
        try:
            subtype = ANNOT_SUBTYPES.get(raw.FPDFAnnot_GetSubtype(annot), "Unknown")
            actions = actions or bool(raw.FPDFAnnot_HasKey(annot, b"A")
                                      or raw.FPDFAnnot_HasKey(annot, b"AA"))
            if subtype == "Popup":
                continue
            author = "" if subtype == "Widget" else _annot_string(annot, b"T").strip()
            for key in (b"Contents", b"V") if subtype == "Widget" else (b"Contents",):
                value = _annot_string(annot, key)
                if value.strip():
                    out.append((subtype, value, author))
            if subtype == "Stamp" and raw.FPDFAnnot_HasKey(annot, b"AP"):
                stamps = True
            if subtype == "FileAttachment":
                files = True
                attachment = raw.FPDFAnnot_GetFileAttachment(annot)
                name = _attachment_name(attachment) if attachment else ""
                if name:
                    out.append(("FileAttachment", name, author))
        finally:
            raw.FPDFPage_CloseAnnot(annot)
    return out, _PageFlags(actions, files, stamps)


def _annot_string(annot: Any, key: bytes) -> str:
    import pypdfium2.raw as raw

    if not raw.FPDFAnnot_HasKey(annot, key):
        return ""
    size = raw.FPDFAnnot_GetStringValue(annot, key, None, 0)
    if size <= 2:
        return ""
    buffer = (ctypes.c_ubyte * size)()
    raw.FPDFAnnot_GetStringValue(annot, key, ctypes.cast(buffer, ctypes.POINTER(raw.FPDF_WCHAR)),
                                 size)
    return bytes(buffer)[:size - 2].decode("utf-16-le", errors="replace")


def _attachment_names(pdf: Any) -> list[str]:
    import pypdfium2.raw as raw

    names = []
    for i in range(raw.FPDFDoc_GetAttachmentCount(pdf.raw)):
        attachment = raw.FPDFDoc_GetAttachment(pdf.raw, i)
        names.append(_attachment_name(attachment) if attachment else "")
    return [n or "（未命名附件）" for n in names]


def _attachment_name(attachment: Any) -> str:
    import pypdfium2.raw as raw

    size = raw.FPDFAttachment_GetName(attachment, None, 0)
    if size <= 2:
        return ""
    buffer = (ctypes.c_ubyte * size)()
    raw.FPDFAttachment_GetName(attachment, ctypes.cast(buffer, ctypes.POINTER(raw.FPDF_WCHAR)),
                               size)
    return bytes(buffer)[:size - 2].decode("utf-16-le", errors="replace")


def extract_geometry(path: str, page_no: int) -> Iterator[tuple]:
    """Yield ``("geometry", {...})`` for one page, read with pdfplumber (see
    :class:`screening.readers.pdf.PdfGeometry` for the contract)."""
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        page = pdf.pages[page_no - 1]
        kinds: dict[str, list[dict[str, Any]]] = {}
        for seq, obj in enumerate(page.iter_layout_objects(list(page.layout))):
            kind = obj.get("object_type")
            if kind == "anno":
                continue
            plain = {k: v for k, v in ((k, _plain(v)) for k, v in obj.items())
                     if v is not _DROP}
            plain["seq"] = seq
            kinds.setdefault(kind, []).append(plain)
        yield ("geometry", {
            "page": page_no, "width": float(page.width), "height": float(page.height),
            "bbox": tuple(float(v) for v in page.bbox),
            "chars": kinds.get("char", []), "rects": kinds.get("rect", []),
            "curves": kinds.get("curve", []), "lines": kinds.get("line", []),
            "images": kinds.get("image", []),
        })


_DROP = object()


def _plain(value: Any) -> Any:
    """``value`` as plain data (numbers, text, tuples), or ``_DROP`` for parser objects."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, list | tuple):
        items = [_plain(v) for v in value]
        return _DROP if any(v is _DROP for v in items) else tuple(items)
    name = getattr(value, "name", None)  # pdfminer PSLiteral / colour-space objects
    if isinstance(name, str):
        return name
    if isinstance(name, bytes):
        return name.decode("latin-1")
    return _DROP
