"""The text inside objects embedded in a .docx (``word/embeddings/*``, altChunk targets).

Word keeps an embedded workbook, document or PDF as a member of the package; whoever gets the
published file can open it. :func:`read_objects` reads the text of each object whose content is
itself a format we read, decided by sniffing its bytes (not its name):

* a .docx → the .docx reader (every part; its own embedded objects in turn, see depth below);
* a .xlsx → each worksheet row as one block (cells joined by tabs: shared strings, inline
  strings, formula results and numbers), then shared strings no cell uses (text left behind by
  deleted cells);
* a PDF → the PDF reader (in its limited worker process);
* plain text → its lines (UTF-8/UTF-16/GB18030 as the text reader decodes them); an HTML altChunk
  without its tags.

Each piece of text becomes an ``attachment`` block with flag ``attachment_text``, ``source`` = the
object's member and ``label`` = its name (``Microsoft_Excel_Worksheet1.xlsx``). Blocks of a nested
object keep their own object's name: ``source`` is the path through the objects
(``word/embeddings/a.docx/word/embeddings/b.xlsx``), and a nested object is listed as an
``embedded`` block with that path as its text.

Objects of other formats (OLE ``oleObject*.bin`` — reading compound files needs olefile, which is
not a dependency — pictures, .pptx) are only listed: the hidden-content detectors report that
their content was not screened. Depth: objects inside objects are read down to
:data:`MAX_DEPTH` levels; deeper ones are only listed.

Limits: every object is inflated under the host's zip limits, and opened (from a private
temporary file) under the same :class:`~screening.config.Limits` as a file of its own. An object
that breaks a limit or is damaged (a zip bomb inside) becomes a ``Document.problems`` entry (verdict
``error``), never an exception out of the reader; an object that is simply another format is
listed, not a problem.
"""

from __future__ import annotations

import html
import posixpath
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from lxml import etree

from ..errors import ScreeningError, UnsupportedFormat
from ..model import Document
from . import sniff_format
from .docx_story import Spec
from .ooxml import PartError, parse_part, relationships
from .safezip import SafeZip, open_package

if TYPE_CHECKING:
    from .docx import _DocxRead

MAX_DEPTH = 2

_X = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_TAG = re.compile(r"<[^>]*>")
_LINE_TAG = re.compile(r"(?i)<(?:br\b[^>]*|/(?:p|div|tr|li|h[1-6]|table|title)\s*)>")
_CELL_TAG = re.compile(r"(?i)</t[dh]\s*>")
_SKIPPED = re.compile(r"(?is)<(script|style)\b.*?</\1\s*>")
_TEXT_FLAGS = frozenset({"attachment_text"})
_OBJECT_FLAGS = frozenset({"embedded"})


def read_objects(host: _DocxRead, members: list[str]) -> None:
    """Read the objects ``members`` of ``host`` (a .docx being read) into its blocks and
    problems. Macros (``vbaProject.bin``) are never read."""
    if host.depth >= MAX_DEPTH:
        return
    for member in members:
        if member.lower().endswith("vbaproject.bin"):
            continue
        name = posixpath.basename(member)
        try:
            for text, source, label, flags in _object_text(host, member, name):
                host.ctx.emit(Spec(text, "attachment", source=source, label=label, flags=flags))
        except UnsupportedFormat:
            continue
        except ScreeningError as exc:
            host.problems.append(f"嵌入对象 {name}（{member}）无法读取：{exc.message}"
                                 "。其中的内容未经审查")
        except (PartError, etree.LxmlError, ValueError, OSError) as exc:
            host.problems.append(f"嵌入对象 {name}（{member}）无法读取：{exc}。其中的内容未经审查")


def _object_text(host: _DocxRead, member: str, name: str) -> Iterator[tuple]:
    data = host.pkg.read(member)
    kind = sniff_format(data[:8192])
    if kind == "text":
        yield from plain_text_blocks(data, member, name)
        return
    if kind not in ("zip", "pdf"):
        return  # OLE, pictures …: listed by the reader, not read
    with tempfile.TemporaryDirectory(prefix="screening-object-") as tmp:
        path = Path(tmp) / ("object.pdf" if kind == "pdf" else "object.zip")
        path.write_bytes(data)
        del data
        if kind == "pdf":
            from .pdf import read_pdf

            document = read_pdf(path, host.limits, depth=host.depth + 1)[0]
        else:
            with open_package(path, host.limits) as pkg:
                if pkg.find("xl/workbook.xml"):
                    for row in workbook_rows(pkg):
                        yield row, member, name, _TEXT_FLAGS
                    return
                document = _nested_docx(host, pkg, path)
        yield from nested_blocks(document, member, name)


def _nested_docx(host: _DocxRead, pkg: SafeZip, path: Path) -> Document:
    from .docx import _DocxRead

    nested = _DocxRead(pkg, path, host.limits)
    nested.depth = host.depth + 1
    return nested.run()  # not a Word document: UnsupportedFormat (listed only)


def nested_blocks(document: Document, member: str, name: str) -> Iterator[tuple]:
    """The blocks of an embedded object's or a PDF attachment's own document as ``(text, source,
    label, flags)``; problems of the nested document are raised as the object's problem. Used by
    the .docx reader (embedded objects) and the PDF reader (attachments)."""
    if document.problems:
        raise IncompleteObject("；".join(document.problems))
    for block in document.blocks:
        if "embedded" in block.flags:  # a nested object: its text is its member or file name
            path = f"{member}/{block.text.strip()}"
            yield path, path, block.label, _OBJECT_FLAGS
        elif "attachment_text" in block.flags:
            yield block.text, f"{member}/{block.source}", block.label, _TEXT_FLAGS
        else:
            yield block.text, member, name, _TEXT_FLAGS


class IncompleteObject(ScreeningError):
    """An embedded document or attachment with unread parts (its problems become the host's)."""

    def __init__(self, problems: str):
        super().__init__(f"其中部分内容未能读取（{problems}）",
                         message_en=f"some of its parts could not be read ({problems})",
                         code="incomplete")


def plain_text_blocks(data: bytes, member: str, name: str) -> Iterator[tuple]:
    from .text import decode

    try:
        text = decode(data)[0]
    except ScreeningError:
        return  # not text after all: listed only
    if text.lstrip()[:1] == "<":
        text = _markup_text(text)  # an HTML altChunk: its text, not its markup
    for line in text.splitlines():
        if line.strip():
            yield line.strip(), member, name, _TEXT_FLAGS


def _markup_text(text: str) -> str:
    """The text of HTML: a line per paragraph, row or break, cells separated by tabs, entities
    decoded, scripts and styles left out."""
    text = _SKIPPED.sub("", text)
    text = _CELL_TAG.sub("\t", _LINE_TAG.sub("\n", text))
    return html.unescape(_TAG.sub("", text))


# -- .xlsx -----------------------------------------------------------------------------------------

def workbook_rows(pkg: SafeZip) -> Iterator[str]:
    """Every non-empty row of every worksheet (cells joined by tabs), then the shared strings no
    cell refers to."""
    shared = _shared_strings(pkg)
    used: set[int] = set()
    for member in _sheets(pkg):
        root = parse_part(pkg, member)
        for row in root.iter(_X + "row"):
            cells = [_cell(c, shared, used) for c in row.iter(_X + "c")]
            line = "\t".join(c for c in cells if c.strip())
            if line:
                yield line
    for i, text in enumerate(shared):
        if i not in used and text.strip():
            yield text


def _shared_strings(pkg: SafeZip) -> list[str]:
    member = pkg.find("xl/sharedStrings.xml")
    if member is None:
        return []
    root = parse_part(pkg, member)
    return [_rich_text(si) for si in root.iter(_X + "si")]


def _rich_text(el: etree._Element) -> str:
    """The text of a string item, without phonetic guides (``rPh``)."""
    return "".join(t.text or "" for t in el.iter(_X + "t")
                   if t.getparent() is not None and t.getparent().tag != _X + "rPh")


def _cell(c: etree._Element, shared: list[str], used: set[int]) -> str:
    kind = c.get("t")
    if kind == "inlineStr":
        item = c.find(_X + "is")
        return _rich_text(item) if item is not None else ""
    value = c.find(_X + "v")
    text = (value.text or "").strip() if value is not None else ""
    if kind == "s":
        try:
            index = int(text)
        except ValueError:
            return ""
        used.add(index)
        return shared[index] if 0 <= index < len(shared) else ""
    return text


def _sheets(pkg: SafeZip) -> list[str]:
    """Worksheet members in workbook order (through the workbook's relationships), then any
    other ``xl/worksheets/*.xml``."""
    ordered: list[str] = []
    workbook = pkg.find("xl/workbook.xml")
    if workbook is not None:
        try:
            rels = relationships(pkg, workbook)
            root = parse_part(pkg, workbook)
        except PartError:
            rels, root = {}, None
        r_id = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
        if root is not None:
            for sheet in root.iter(_X + "sheet"):
                rel = rels.get(sheet.get(r_id) or "")
                if rel is not None and rel.target and rel.target in pkg:
                    ordered.append(pkg.find(rel.target) or rel.target)
    for name in pkg.names:
        if re.fullmatch(r"xl/worksheets/[^/]+\.xml", name, re.IGNORECASE) and name not in ordered:
            ordered.append(name)
    return ordered
