"""Open Packaging Conventions helpers shared by the OOXML readers (.docx now, .xlsx later).

Parts are parsed with one hardened lxml configuration (:func:`parse_part`: no entity expansion,
no network, no huge trees, and a DTD is refused outright: OOXML never has one). Relationships and
content types are read from the package itself. :func:`document_properties` lists the package
properties (``docProps/core.xml``, ``app.xml``, ``custom.xml``, ``customXml/item*.xml``), which
every Office format has.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from urllib.parse import unquote

from lxml import etree

from .safezip import SafeZip

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
V = "{urn:schemas-microsoft-com:vml}"
O = "{urn:schemas-microsoft-com:office:office}"  # noqa: E741 (the VML "o:" namespace)
M = "{http://schemas.openxmlformats.org/officeDocument/2006/math}"
_RELATIONSHIP = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_OVERRIDE = "{http://schemas.openxmlformats.org/package/2006/content-types}Override"

#: Properties that hold counts, dates or switches rather than text: they go into
#: ``Document.metadata`` but not into blocks (nothing to screen in them).
NOT_TEXT = frozenset({
    "core:created", "core:modified", "core:lastPrinted", "core:revision", "app:TotalTime",
    "app:Pages", "app:Words", "app:Characters", "app:Lines", "app:Paragraphs",
    "app:CharactersWithSpaces", "app:DocSecurity", "app:ScaleCrop", "app:LinksUpToDate",
    "app:SharedDoc", "app:HyperlinksChanged", "app:AppVersion", "app:HeadingPairs",
    "app:Application"})


class PartError(Exception):
    """A part could not be parsed (the message is Chinese, for ``Document.problems``)."""


def parse_part(pkg: SafeZip, name: str) -> etree._Element:
    """Parse member ``name`` (read under the zip limits) with the hardened parser."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False,
                             load_dtd=False, remove_comments=True, remove_pis=True)
    try:
        root = etree.fromstring(pkg.read(name), parser)
    except etree.XMLSyntaxError as exc:
        raise PartError(f"XML 格式错误：{exc}") from exc
    if root.getroottree().docinfo.internalDTD is not None:
        raise PartError("含有 DTD（Office 文件不应含有），可能是恶意构造")
    return root


@dataclass(frozen=True, slots=True)
class Rel:
    """A relationship: ``type`` is the last segment of its type URI (``header``, ``image`` …);
    ``target`` the member it points to, ``None`` for an external target; ``raw`` as written."""

    type: str
    target: str | None
    raw: str


def relationships(pkg: SafeZip, part: str) -> dict[str, Rel]:
    """Relationships of ``part`` (``""`` for the package) by id; :class:`PartError` if broken."""
    folder, base = posixpath.split(part)
    name = posixpath.join(folder, "_rels", base + ".rels")
    if name not in pkg:
        return {}
    rels = {}
    for rel in parse_part(pkg, name).iter(_RELATIONSHIP):
        raw = rel.get("Target") or ""
        member = None
        if rel.get("TargetMode") != "External":
            path = raw.lstrip("/") if raw.startswith("/") else posixpath.join(folder, raw)
            member = posixpath.normpath(path)
            if member not in pkg and unquote(member) in pkg:
                member = unquote(member)
            member = pkg.find(member) or member
        rels[rel.get("Id") or ""] = Rel((rel.get("Type") or "").rsplit("/", 1)[-1], member, raw)
    return rels


def content_types(pkg: SafeZip) -> dict[str, str]:
    """Override content types by lower-case member name (``[Content_Types].xml``)."""
    if "[Content_Types].xml" not in pkg:
        return {}
    try:
        root = parse_part(pkg, "[Content_Types].xml")
    except PartError:
        return {}
    return {(o.get("PartName") or "").lstrip("/").lower(): o.get("ContentType") or ""
            for o in root.iter(_OVERRIDE)}


def describe_package(pkg: SafeZip, types: str = "") -> tuple[str, str]:
    """What a zip is, in Chinese and English (for "this is not a …" messages)."""
    names = {n.lower() for n in pkg.names}
    if "spreadsheetml" in types or "xl/workbook.xml" in names:
        return "Excel 工作簿（.xlsx）", "an Excel workbook (.xlsx)"
    if "presentationml" in types or "ppt/presentation.xml" in names:
        return "PowerPoint 演示文稿（.pptx）", "a PowerPoint presentation (.pptx)"
    if "wordprocessingml" in types or "word/document.xml" in names:
        return "Word 文档", "a Word document"
    if "ofd.xml" in names:
        return "OFD 版式文件", "an OFD document"
    if "mimetype" in names and "content.xml" in names:
        return "OpenDocument 文档（.odt/.ods）", "an OpenDocument file"
    if not names:
        return "空的 ZIP 压缩包", "an empty zip archive"
    return f"ZIP 压缩包（含 {len(names)} 个文件）", f"a zip archive ({len(names)} files)"


@dataclass(frozen=True, slots=True)
class Property:
    """One document property: ``key`` like ``core:title``; ``display`` the block text."""

    key: str
    value: str
    source: str
    display: str
    custom: bool = False


def document_properties(pkg: SafeZip, package_rels: dict[str, Rel],
                        parse: Callable[[str, str], etree._Element | None]) -> Iterator[Property]:
    """The package properties in file order. ``parse(what, member)`` parses an optional part
    and records a problem when it cannot (returns ``None``)."""
    targets = {r.type: r.target for r in package_rels.values() if r.target}
    core = targets.get("core-properties") or "docProps/core.xml"
    root = parse("文档属性 core properties", core)
    for el in _elements(root):
        yield _prop(f"core:{etree.QName(el).localname}", el.text or "", core)
    app = targets.get("extended-properties") or "docProps/app.xml"
    root = parse("扩展属性 app properties", app)
    for el in _elements(root):
        text = "\n".join(t.strip() for t in el.itertext() if t.strip())
        yield _prop(f"app:{etree.QName(el).localname}", text, app)
    custom = targets.get("custom-properties") or "docProps/custom.xml"
    root = parse("自定义属性 custom properties", custom)
    for el in _elements(root):
        name, value = el.get("name") or "", "".join(el.itertext()).strip()
        yield _prop(f"custom:{name}", value, custom, display=f"{name}：{value}", custom=True)
    items = [n for n in pkg.names if re.fullmatch(r"customXml/item\d+\.xml", n, re.I)]
    for member in sorted(items, key=lambda n: int(re.sub(r"\D", "", n) or 0)):
        root = parse("自定义 XML 数据 custom XML", member)
        if root is not None:
            yield _prop(f"customXml:{posixpath.basename(member)}", xml_lines(root), member,
                        custom=True)


def _elements(root: etree._Element | None) -> Iterator[etree._Element]:
    return (el for el in (root if root is not None else ()) if isinstance(el.tag, str))


def _prop(key: str, value: str, source: str, *, display: str | None = None,
          custom: bool = False) -> Property:
    value = value.strip()
    return Property(key, value, source, display if display is not None else value, custom)


def xml_lines(root: etree._Element) -> str:
    """Every text node and attribute value of an XML item as ``name: value`` lines."""
    lines = []
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        name = etree.QName(el).localname
        for attr, value in el.attrib.items():
            if value.strip():
                lines.append(f"{name}@{etree.QName(attr).localname}: {value.strip()}")
        if el.text and el.text.strip():
            lines.append(f"{name}: {el.text.strip()}")
    return "\n".join(lines)
