"""What a PDF holds besides its page content, read with pdfminer in the PDF worker.

pdfium has no general access to the object tree, so pdfminer (already a dependency, through
pdfplumber) reads: custom Info keys and the XMP packet; the optional-content groups that are off
by default (``/OCProperties/D``); JavaScript (``/OpenAction``, the ``/Names/JavaScript`` tree,
``/AA`` of the catalog, of pages and of annotations, annotations' ``/A``, ``/Next`` chains); and
the bytes of attached files (the ``/EmbeddedFiles`` tree and ``/FileAttachment`` annotations).

Pages are looked up one by one through the page tree (``/Count`` lets whole subtrees be skipped),
and only the pages the pdfium pass named (links, scripts, attached files, stamps): resolving
every page object with pdfminer costs a fifth of pdfium's whole text pass.

Streams (XMP, scripts, attachments) are decoded with a cap: Flate output is inflated at most to
the cap; a declared or raw size above it is refused, not read. Every read problem is collected in
:attr:`Structure.problems` (Chinese, for ``Document.problems``) instead of raised.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from typing import Any

XMP_MAX_BYTES = 5 * 1000 * 1000
SCRIPT_MAX_BYTES = 1000 * 1000
#: Script text kept in a block.
SCRIPT_MAX_CHARS = 2000
#: Entries read from one name tree, and its depth (hostile trees loop or explode).
NAME_TREE_MAX_ENTRIES = 1000
TREE_MAX_DEPTH = 32
#: Actions followed through /Next from one trigger.
ACTION_CHAIN_MAX = 50

_DOC_TRIGGERS = {"WC": "关闭文档前", "WS": "保存文档前", "DS": "保存文档后", "WP": "打印前",
                 "DP": "打印后"}
_PAGE_TRIGGERS = {"O": "打开页面时", "C": "关闭页面时"}
_ANNOT_TRIGGERS = {"E": "鼠标移入时", "X": "鼠标移出时", "D": "按下鼠标时", "U": "松开鼠标时",
                   "Fo": "获得焦点时", "Bl": "失去焦点时", "PO": "所在页面打开时",
                   "PC": "所在页面关闭时", "PV": "所在页面显示时", "PI": "所在页面隐藏时",
                   "K": "输入时", "F": "格式化时", "V": "校验时", "C": "计算时"}


class StreamTooLarge(Exception):
    pass


class Structure:
    """pdfminer's view of one file, opened once. ``document`` is ``None`` when pdfminer cannot
    parse it (then every method returns nothing and :attr:`problems` says so)."""

    def __init__(self, path: str):
        from pdfminer.pdfdocument import PDFDocument
        from pdfminer.pdfparser import PDFParser

        self.problems: list[str] = []
        self._fh = open(path, "rb")  # noqa: SIM115 (closed by close())
        try:
            self.document: Any = PDFDocument(PDFParser(self._fh))
        except Exception as exc:  # pdfminer raises many kinds; pdfium read the pages
            self.document = None
            self.problems.append(f"文档属性、XMP 元数据、脚本和附件无法读取（{type(exc).__name__}），"
                                 "其中的内容未经审查")

    def close(self) -> None:
        self._fh.close()

    # -- metadata ---------------------------------------------------------------------------

    def metadata(self, known_info: set[str]) -> tuple[list[tuple[str, str]],
                                                        list[tuple[str, str]]]:
        """``(info, xmp)``: Info keys not in ``known_info`` and the XMP properties."""
        if self.document is None:
            return [], []
        info: list[tuple[str, str]] = []
        packet = None
        try:
            info = [(k, v) for k, v in _info_items(self.document) if k not in known_info]
            packet = _xmp_packet(self.document)
        except StreamTooLarge:
            self.problems.append(f"XMP 元数据超过 {XMP_MAX_BYTES // 1000 // 1000} MB，未读取")
        except Exception as exc:
            self.problems.append(f"文档属性和 XMP 元数据无法读取（{type(exc).__name__}）")
        xmp: list[tuple[str, str]] = []
        if packet:
            try:
                xmp = parse_xmp(packet)
            except Exception as exc:
                self.problems.append(f"XMP 元数据无法解析（{type(exc).__name__}: {exc}）")
        return info, xmp

    # -- layers -------------------------------------------------------------------------------

    def off_layers(self) -> frozenset[bytes]:
        """Raw /Name bytes of the optional-content groups off in the default configuration
        (``/D /OFF``, or every group not in ``/D /ON`` under ``/BaseState /OFF``)."""
        from pdfminer.pdftypes import resolve1

        if self.document is None:
            return frozenset()
        try:
            properties = resolve1(self.document.catalog.get("OCProperties"))
            if not isinstance(properties, dict):
                return frozenset()
            default = resolve1(properties.get("D")) or {}
            groups = _refs(properties.get("OCGs"))
            if _name(default.get("BaseState")) == "OFF":
                on = {id(g) for g in _refs(default.get("ON"))}
                off = [g for g in groups if id(g) not in on]
            else:
                off = _refs(default.get("OFF"))
            names = set()
            for group in off:
                value = resolve1(group.get("Name")) if isinstance(group, dict) else None
                if isinstance(value, bytes) and value:
                    names.add(value)
            return frozenset(names)
        except Exception as exc:
            self.problems.append(f"可选内容图层无法读取（{type(exc).__name__}），隐藏图层未检查")
            return frozenset()

    # -- scripts ------------------------------------------------------------------------------

    def scripts(self, pages: set[int]) -> list[tuple[int | None, str, str]]:
        """``[(page, label, script)]``: document-level scripts, then those of the 0-based
        ``pages`` (their /AA and their annotations' /A and /AA) as 1-based pages."""
        from pdfminer.pdftypes import resolve1

        out: list[tuple[int | None, str, str]] = []
        if self.document is None:
            return out
        try:
            catalog = self.document.catalog
            for script in _scripts(catalog.get("OpenAction")):
                out.append((None, "打开文档时运行 /OpenAction", script))
            for trigger, script in _triggered(catalog.get("AA"), _DOC_TRIGGERS):
                out.append((None, trigger, script))
            names = resolve1(catalog.get("Names"))
            if isinstance(names, dict):
                for key, action in _name_tree(names.get("JavaScript")):
                    for script in _scripts(action):
                        out.append((None, f"文档级脚本“{key}”", script))
            for index in sorted(pages):
                page = self._page(index)
                if page is None:
                    continue
                for trigger, script in _triggered(page.get("AA"), _PAGE_TRIGGERS):
                    out.append((index + 1, trigger, script))
                for annot in _refs(page.get("Annots")):
                    subtype = _name(annot.get("Subtype")) or "Annot"
                    for script in _scripts(annot.get("A")):
                        out.append((index + 1, f"点击 {subtype} 注释时运行", script))
                    for trigger, script in _triggered(annot.get("AA"), _ANNOT_TRIGGERS):
                        out.append((index + 1, f"{subtype} 注释{trigger}", script))
        except Exception as exc:
            self.problems.append(f"JavaScript 脚本无法完整读取（{type(exc).__name__}），请人工检查")
        return out

    # -- stamps -------------------------------------------------------------------------------

    def stamp_texts(self, index: int) -> list[tuple[str, str]]:
        """``[(author, text)]``: the text the appearance streams of the /Stamp annotations of
        0-based page ``index`` show (pdfium exposes their objects but cannot decode text outside
        the page's text layer), where it differs from the stamp's /Contents."""
        from io import StringIO

        from pdfminer.converter import TextConverter
        from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
        from pdfminer.pdfpage import PDFPage
        from pdfminer.pdftypes import PDFStream, resolve1

        out: list[tuple[str, str]] = []
        if self.document is None:
            return out
        try:
            page = self._page(index)
            for annot in _refs(page.get("Annots") if page else None):
                if _name(annot.get("Subtype")) != "Stamp":
                    continue
                shown = resolve1(annot.get("AP"))
                shown = resolve1(shown.get("N")) if isinstance(shown, dict) else None
                if isinstance(shown, dict):  # appearance states: the one selected by /AS
                    shown = resolve1(shown.get(_name(annot.get("AS"))))
                if not isinstance(shown, PDFStream):
                    continue
                form = PDFPage(self.document, "stamp", {
                    "MediaBox": resolve1(shown.attrs.get("BBox")) or [0, 0, 1000, 1000],
                    "Resources": shown.attrs.get("Resources", {}), "Contents": shown}, None)
                buffer = StringIO()
                manager = PDFResourceManager()
                device = TextConverter(manager, buffer, laparams=None)
                PDFPageInterpreter(manager, device).process_page(form)
                device.close()
                text = buffer.getvalue().strip()
                contents = _text(resolve1(annot.get("Contents")))
                if text and "".join(text.split()) != "".join(contents.split()):
                    out.append((_text(resolve1(annot.get("T"))).strip(), text))
        except Exception as exc:
            self.problems.append(f"第 {index + 1} 页印章注释的外观文字无法读取（{type(exc).__name__}），"
                                 "请人工核对")
        return out

    # -- attached files ---------------------------------------------------------------------

    def embedded_files(self, max_bytes: int) -> list[tuple[str, bytes | None, str]]:
        """``[(name, data, problem)]`` of the /EmbeddedFiles tree, in tree order; ``data`` is
        ``None`` (and ``problem`` says why) when the file was not read."""
        from pdfminer.pdftypes import resolve1

        if self.document is None:
            return []
        try:
            names = resolve1(self.document.catalog.get("Names"))
            tree = names.get("EmbeddedFiles") if isinstance(names, dict) else None
            return [_file(spec, key, max_bytes) for key, spec in _name_tree(tree)]
        except Exception as exc:
            self.problems.append(f"附件无法读取（{type(exc).__name__}），其内容未经审查")
            return []

    def annotation_files(self, index: int, max_bytes: int) -> list[tuple[str, bytes | None, str]]:
        """The files of the /FileAttachment annotations of 0-based page ``index``, in order."""
        if self.document is None:
            return []
        try:
            page = self._page(index)
            if page is None:
                return []
            return [_file(annot.get("FS"), "", max_bytes) for annot in _refs(page.get("Annots"))
                    if _name(annot.get("Subtype")) == "FileAttachment"]
        except Exception as exc:
            self.problems.append(f"第 {index + 1} 页的附件无法读取（{type(exc).__name__}），"
                                 "其内容未经审查")
            return []

    def _page(self, index: int) -> dict | None:
        """The page dictionary of 0-based ``index``, walking the page tree by /Count (pdfminer
        caches what it resolved, so looking up many pages costs one pass over the tree)."""
        from pdfminer.pdftypes import resolve1

        node = resolve1(self.document.catalog.get("Pages"))
        for _ in range(TREE_MAX_DEPTH):
            if not isinstance(node, dict):
                return None
            kids = resolve1(node.get("Kids"))
            if not isinstance(kids, list):
                return node if index == 0 else None
            for kid in kids:
                kid = resolve1(kid)
                if not isinstance(kid, dict):
                    continue
                size = resolve1(kid.get("Count")) if "Kids" in kid else 1
                size = size if isinstance(size, int) and size >= 0 else 0
                if index < size:
                    node = kid
                    break
                index -= size
            else:
                return None
            if "Kids" not in node:
                return node if index == 0 else None
        return None


# -- helpers: trees, actions, files ---------------------------------------------------------

def _refs(value: Any) -> list[dict]:
    """The dictionaries of an array (or a single dictionary), resolved."""
    from pdfminer.pdftypes import resolve1

    value = resolve1(value)
    if isinstance(value, dict):
        return [value]
    if not isinstance(value, list):
        return []
    items = (resolve1(v) for v in value[:NAME_TREE_MAX_ENTRIES])
    return [v for v in items if isinstance(v, dict)]


def _name(value: Any) -> str:
    from pdfminer.pdftypes import resolve1

    value = resolve1(value)
    name = getattr(value, "name", value)
    if isinstance(name, bytes):
        return name.decode("latin-1")
    return name if isinstance(name, str) else ""


def _text(value: Any) -> str:
    from pdfminer.utils import decode_text

    if isinstance(value, bytes):
        return decode_text(value)
    return value if isinstance(value, str) else ""


def _name_tree(root: Any) -> Iterator[tuple[str, Any]]:
    """``(key, value)`` of a name tree in order, bounded in entries and depth, loops cut."""
    from pdfminer.pdftypes import resolve1

    seen: set[int] = set()
    count = 0

    def walk(node: Any, depth: int) -> Iterator[tuple[str, Any]]:
        nonlocal count
        node = resolve1(node)
        if not isinstance(node, dict) or depth > TREE_MAX_DEPTH or id(node) in seen:
            return
        seen.add(id(node))
        names = resolve1(node.get("Names"))
        if isinstance(names, list):
            for i in range(0, len(names) - 1, 2):
                if count >= NAME_TREE_MAX_ENTRIES:
                    return
                count += 1
                yield _text(resolve1(names[i])), names[i + 1]
        kids = resolve1(node.get("Kids"))
        if isinstance(kids, list):
            for kid in kids:
                yield from walk(kid, depth + 1)

    yield from walk(root, 0)


def _triggered(aa: Any, triggers: dict[str, str]) -> Iterator[tuple[str, str]]:
    """``(description, script)`` of an additional-actions dictionary."""
    from pdfminer.pdftypes import resolve1

    aa = resolve1(aa)
    if not isinstance(aa, dict):
        return
    for key, action in aa.items():
        when = triggers.get(str(key), "事件")
        for script in _scripts(action):
            yield f"{when}运行 /AA /{key}", script


def _scripts(action: Any) -> Iterator[str]:
    """The JavaScript of an action and of its /Next chain (bounded, loops cut)."""
    from pdfminer.pdftypes import PDFStream, resolve1

    todo = [action]
    seen: set[int] = set()
    while todo and len(seen) < ACTION_CHAIN_MAX:
        item = resolve1(todo.pop(0))
        if isinstance(item, list):
            todo[:0] = item
            continue
        if not isinstance(item, dict) or id(item) in seen:
            continue
        seen.add(id(item))
        if _name(item.get("S")) == "JavaScript":
            code = resolve1(item.get("JS"))
            if isinstance(code, PDFStream):
                try:
                    code = stream_bytes(code, SCRIPT_MAX_BYTES)
                except StreamTooLarge:
                    code = f"（脚本超过 {SCRIPT_MAX_BYTES // 1000 // 1000} MB，未读取）".encode(
                        "utf-16-be")
                    code = b"\xfe\xff" + code
            script = _text(code).strip() if isinstance(code, bytes | str) else ""
            if len(script) > SCRIPT_MAX_CHARS:
                script = script[:SCRIPT_MAX_CHARS] + "…（已截断）"
            yield script
        nxt = item.get("Next")
        if nxt is not None:
            todo.append(nxt)


def _file(spec: Any, key: str, max_bytes: int) -> tuple[str, bytes | None, str]:
    """``(name, data, problem)`` of a file specification."""
    from pdfminer.pdftypes import PDFStream, resolve1

    spec = resolve1(spec)
    if not isinstance(spec, dict):
        return key or "（未命名附件）", None, "附件不是有效的文件说明"
    name = next((_text(resolve1(spec.get(k))) for k in ("UF", "F", "Unix", "Mac", "DOS")
                 if _text(resolve1(spec.get(k)))), key) or "（未命名附件）"
    ef = resolve1(spec.get("EF"))
    stream = None
    if isinstance(ef, dict):
        stream = resolve1(ef.get("UF")) or resolve1(ef.get("F"))
    if not isinstance(stream, PDFStream):
        return name, None, ""  # a reference to an outside file: nothing inside to read
    params = resolve1(stream.attrs.get("Params"))
    declared = resolve1(params.get("Size")) if isinstance(params, dict) else None
    limit = f"附件“{name}”超过 {max_bytes // (1024 * 1024)} MiB，其内容未读取、未经审查"
    if isinstance(declared, int) and declared > max_bytes:
        return name, None, limit
    try:
        return name, stream_bytes(stream, max_bytes), ""
    except StreamTooLarge:
        return name, None, limit
    except Exception as exc:
        return name, None, f"附件“{name}”无法解码（{type(exc).__name__}），其内容未经审查"


def stream_bytes(stream: Any, cap: int) -> bytes:
    """A pdfminer stream's decoded data, at most ``cap`` bytes (else :class:`StreamTooLarge`).
    Flate is inflated incrementally up to the cap; rarer filters are left to pdfminer (bounded
    by the worker's memory limit)."""
    if stream.data is not None:
        data = stream.data
    else:
        data = stream.rawdata or b""
        if len(data) > cap:
            raise StreamTooLarge
        if stream.decipher is not None:
            data = stream.decipher(stream.objid, stream.genno, data, stream.attrs)
        filters = [getattr(f, "name", f) for f, _ in stream.get_filters()]
        if filters in (["FlateDecode"], ["Fl"]):
            inflater = zlib.decompressobj()
            data = inflater.decompress(data, cap + 1)
        elif filters:
            data = stream.get_data()
    if len(data) > cap:
        raise StreamTooLarge
    return bytes(data)


# -- Info and XMP ---------------------------------------------------------------------------

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
    from pdfminer.pdftypes import PDFStream, resolve1

    stream = resolve1(document.catalog.get("Metadata"))
    if not isinstance(stream, PDFStream):
        return None
    return stream_bytes(stream, XMP_MAX_BYTES)


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
