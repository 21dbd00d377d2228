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
import os
import re
import signal
import sys
import time
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, Pipe
from typing import Any

from ..errors import ScreeningError, UnreadableDocument

MiB = 1024 * 1024

#: Messages a task yields are tuples whose first item names them; these two are the worker's own.
_END = "__end__"
_FAILED = "__failed__"

ISOLATED = sys.platform.startswith("linux") and hasattr(os, "fork")


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
    """True if ``exc`` or what caused it is a :class:`MemoryError` (pdfminer wraps them)."""
    seen = 0
    while exc is not None and seen < 20:
        if isinstance(exc, MemoryError):
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


# -- what runs in the worker: pypdfium2 first pass, pdfminer for XMP and custom Info keys -------

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
XMP_MAX_BYTES = 5 * 1000 * 1000
_LINE_BREAK = re.compile(r"\r\n|\r|\n")

Box = tuple[float, float, float, float]


def extract_document(path: str, max_pages: int, max_chars: int) -> Iterator[tuple]:
    """The first pass, page by page. Yields, in order:

    * ``("doc", pages, info, attachments)``: page count, Info dict items ``[(key, value)]``
      (standard keys via pdfium), embedded file names ``[name]``;
    * per page that has anything: ``("page", page_no, lines, image_only, annotations)`` with
      ``lines = [(text, bbox | None)]`` (bbox ``(x0, top, x1, bottom)``, top measured down from
      the MediaBox top as pdfplumber does), ``annotations = [(subtype, text)]`` and
      ``[("FileAttachment", name)]`` entries for files attached to the page;
    * ``("extra", info, xmp, problems)``: custom Info keys and XMP properties ``[(name, value)]``
      read with pdfminer, and what could not be read.

    Raises :class:`UnreadableDocument` (codes ``encrypted``, ``damaged``, ``limit``).
    """
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(path)
    except pdfium.PdfiumError as exc:
        raise _open_error(exc) from exc
    try:
        pages = len(pdf)
        if pages == 0:
            raise UnreadableDocument(
                "PDF 文件中找不到任何页面，可能已损坏。请从原始系统重新导出后再检查",
                message_en="the PDF has no pages; it is probably damaged", code="damaged")
        if pages > max_pages:
            raise UnreadableDocument(
                f"PDF 共 {pages} 页，超过上限 {max_pages} 页，未审查。请拆分文件，或由管理员调整 "
                "[limits] max_pdf_pages", message_en=f"the PDF has {pages} pages, over the limit "
                f"of {max_pages}", code="limit")
        info = [(k, v) for k, v in pdf.get_metadata_dict(skip_empty=True).items()
                if v.strip()]
        yield ("doc", pages, info, _attachment_names(pdf))
        chars = 0
        for index in range(pages):
            page_message = _read_page(pdf, index)
            chars += sum(len(text) for text, _ in page_message[2])
            if chars > max_chars:
                raise UnreadableDocument(
                    f"PDF 文字超过 {max_chars} 字符的上限，未审查完。请拆分文件",
                    message_en=f"the PDF has more than {max_chars} characters", code="limit")
            if page_message[2] or page_message[3] or page_message[4]:
                yield page_message
    finally:
        pdf.close()
    yield ("extra", *_read_extra(path, {k for k, _ in info}))


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


def _read_page(pdf: Any, index: int) -> tuple:
    """``("page", page_no, lines, image_only, annotations)`` of one page; frees the page."""
    page = pdf[index]
    try:
        textpage = page.get_textpage()
        try:
            lines = _lines(textpage, page.get_mediabox()[3])
        finally:
            textpage.close()
        image_only = not lines and _has_pictures(page)
        annotations = _annotations(page)
    finally:
        page.close()
    return ("page", index + 1, lines, image_only, annotations)


def _lines(textpage: Any, top: float) -> list[tuple[str, Box | None]]:
    """The page's text split into lines, each with its bbox when char and text indices agree."""
    count = textpage.count_chars()
    if count <= 0:
        return []
    # get_text_range, not get_text_bounded: the bounded call drops text outside the page box,
    # a known hiding place (sanitize.md §3.3)
    text = textpage.get_text_range()
    aligned = len(text) == count
    out: list[tuple[str, Box | None]] = []
    pos = 0
    for match in _LINE_BREAK.finditer(text + "\n"):
        line = text[pos:match.start()]
        stripped = line.strip()
        if stripped:
            first = pos + line.index(stripped[0])
            last = pos + line.rindex(stripped[-1])
            out.append((line, _line_box(textpage, first, last, top) if aligned else None))
        pos = match.end()
    return out


def _line_box(textpage: Any, first: int, last: int, top: float) -> Box:
    """The union of the loose boxes (font ascent to descent) of a line's first and last visible
    characters: cheap (two calls a line) and right for ordinary lines. Tight boxes are useless
    here: pdfium gives CJK glyphs of a non-embedded font zero height."""
    x0, y0, x1, y1 = textpage.get_charbox(first, loose=True)
    if last != first:
        a, b, c, d = textpage.get_charbox(last, loose=True)
        x0, y0, x1, y1 = min(x0, a), min(y0, b), max(x1, c), max(y1, d)
    return (round(x0, 2), round(top - y1, 2), round(x1, 2), round(top - y0, 2))


def _has_pictures(page: Any) -> bool:
    """True if a text-less page shows an image (also inside form XObjects) or many paths."""
    import pypdfium2.raw as raw

    paths = 0
    for obj in page.get_objects(filter=[raw.FPDF_PAGEOBJ_IMAGE, raw.FPDF_PAGEOBJ_PATH]):
        if obj.type == raw.FPDF_PAGEOBJ_IMAGE:
            return True
        paths += 1
        if paths >= PATHS_LIKE_IMAGE:
            return True
    return False


def _annotations(page: Any) -> list[tuple[str, str]]:
    """``[(subtype, text)]``: /Contents of every annotation (a widget's value /V), and the file
    name of file-attachment annotations as ``("FileAttachment", name)``. Popups are skipped."""
    import pypdfium2.raw as raw

    out: list[tuple[str, str]] = []
    for i in range(raw.FPDFPage_GetAnnotCount(page.raw)):
        annot = raw.FPDFPage_GetAnnot(page.raw, i)
        if not annot:
            continue
        try:
            subtype = ANNOT_SUBTYPES.get(raw.FPDFAnnot_GetSubtype(annot), "Unknown")
            if subtype == "Popup":
                continue
            for key in (b"Contents", b"V") if subtype == "Widget" else (b"Contents",):
                value = _annot_string(annot, key)
                if value.strip():
                    out.append((subtype, value))
            if subtype == "FileAttachment":
                attachment = raw.FPDFAnnot_GetFileAttachment(annot)
                name = _attachment_name(attachment) if attachment else ""
                if name:
                    out.append(("FileAttachment", name))
        finally:
            raw.FPDFPage_CloseAnnot(annot)
    return out


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


def _read_extra(path: str, known_info: set[str]) -> tuple[list, list, list[str]]:
    """Custom Info keys and XMP properties, read with pdfminer (pdfium exposes neither)."""
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfparser import PDFParser

    problems: list[str] = []
    info: list[tuple[str, str]] = []
    xmp: list[tuple[str, str]] = []
    with open(path, "rb") as fh:
        try:
            document = PDFDocument(PDFParser(fh))
            for key, value in _info_items(document):
                if key not in known_info:
                    info.append((key, value))
            packet = _xmp_packet(document)
        except _XmpTooLarge:
            problems.append(f"XMP 元数据超过 {XMP_MAX_BYTES // 1000 // 1000} MB，未读取")
            packet = None
        except Exception as exc:  # pdfminer raises many kinds; the pages were read by pdfium
            problems.append(f"文档属性和 XMP 元数据无法读取（{type(exc).__name__}）")
            packet = None
    if packet:
        try:
            xmp = parse_xmp(packet)
        except Exception as exc:
            problems.append(f"XMP 元数据无法解析（{type(exc).__name__}: {exc}）")
    return info, xmp, problems


class _XmpTooLarge(Exception):
    pass


def _info_items(document: Any) -> Iterator[tuple[str, str]]:
    from pdfminer.pdftypes import resolve1
    from pdfminer.psparser import PSLiteral
    from pdfminer.utils import decode_text

    for key, value in (resolve1(document.info[0]) if document.info else {}).items():
        value = resolve1(value)
        if isinstance(value, bytes):
            value = decode_text(value)
        elif isinstance(value, PSLiteral):
            value = str(value.name)
        elif not isinstance(value, str | int | float):
            continue
        text = str(value)
        if text.strip():
            yield str(key), text


def _xmp_packet(document: Any) -> bytes | None:
    """The catalog's /Metadata stream, decoded, at most :data:`XMP_MAX_BYTES`."""
    import zlib

    from pdfminer.pdftypes import PDFStream, resolve1

    stream = resolve1(document.catalog.get("Metadata"))
    if not isinstance(stream, PDFStream):
        return None
    if stream.data is not None:
        data = stream.data
    else:
        data = stream.rawdata or b""
        if len(data) > XMP_MAX_BYTES:
            raise _XmpTooLarge
        if stream.decipher is not None:
            data = stream.decipher(stream.objid, stream.genno, data, stream.attrs)
        filters = [getattr(f, "name", f) for f, _ in stream.get_filters()]
        if filters in (["FlateDecode"], ["Fl"]):
            data = zlib.decompressobj().decompress(data, XMP_MAX_BYTES + 1)
        elif filters:  # rare filters: pdfminer decodes, bounded by the worker's memory limit
            data = stream.get_data()
    if len(data) > XMP_MAX_BYTES:
        raise _XmpTooLarge
    return bytes(data)


def parse_xmp(packet: bytes) -> list[tuple[str, str]]:
    """XMP properties as ``[("dc:title", "…")]``: every simple property, attribute-form property
    and array (``rdf:Alt``/``Seq``/``Bag``: the items joined by "; "), custom namespaces included
    under their own prefix. No entities, no network, no huge trees."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False,
                             remove_comments=True, remove_pis=True)
    root = etree.fromstring(packet.strip().strip(b"\x00"), parser)
    out: list[tuple[str, str]] = []
    for description in root.iter(f"{{{_RDF}}}Description"):
        for name, value in description.attrib.items():
            prefixed = _prefixed(description, name)
            if prefixed and not name.startswith(f"{{{_RDF}}}"):
                if value.strip():
                    out.append((prefixed, value))
        for prop in description:
            if not isinstance(prop.tag, str):
                continue
            out.extend(_property(prop, _prefixed(prop, prop.tag)))
    return out


_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_PREFIXES = {
    "http://purl.org/dc/elements/1.1/": "dc", "http://ns.adobe.com/xap/1.0/": "xmp",
    "http://ns.adobe.com/pdf/1.3/": "pdf", "http://ns.adobe.com/xap/1.0/mm/": "xmpMM",
    "http://ns.adobe.com/xap/1.0/rights/": "xmpRights",
    "http://ns.adobe.com/photoshop/1.0/": "photoshop", "http://ns.adobe.com/pdfx/1.3/": "pdfx",
}


def _prefixed(element: Any, tag: str) -> str:
    if not tag.startswith("{"):
        return tag
    uri, local = tag[1:].split("}", 1)
    prefix = _PREFIXES.get(uri)
    if prefix is None:
        prefix = next((p for p, u in element.nsmap.items() if u == uri and p), None) or uri
    return f"{prefix}:{local}"


def _property(prop: Any, name: str) -> list[tuple[str, str]]:
    """One property element: an array's items joined, a struct's fields as ``name/field``."""
    items = [li for li in prop.iter(f"{{{_RDF}}}li")]
    if items:
        values = []
        for li in items:
            text = "".join(li.itertext()).strip()
            if text and text not in values:
                values.append(text)
        return [(name, "; ".join(values))] if values else []
    children = [c for c in prop if isinstance(c.tag, str)]
    if children:  # a struct (rdf:parseType="Resource" or a nested rdf:Description)
        out = []
        for child in children:
            if child.tag == f"{{{_RDF}}}Description":
                for field in child:
                    if isinstance(field.tag, str):
                        out.extend(_property(field, f"{name}/{_prefixed(field, field.tag)}"))
            else:
                out.extend(_property(child, f"{name}/{_prefixed(child, child.tag)}"))
        return out
    text = (prop.text or "").strip()
    return [(name, text)] if text else []


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
