"""Word .docx → :class:`~screening.model.Document`, with every place text can hide.

The package is opened with :mod:`.safezip` (limits checked before anything is parsed) and each
part is parsed with lxml (no entities, no network, no huge trees); python-docx is not used, so
nothing it drops (text boxes, content controls, smart tags, simple fields, tracked insertions,
sanitize.md §1) is dropped here. Relationships are resolved from the ``_rels/*.rels`` parts.

Blocks, in this order:

1. the body, in document order: paragraphs (``body``) and table cell paragraphs (``table``, with
   ``table=(number, row, grid column)``; nested tables get their own number). Right after each
   paragraph come the blocks of what it carries: its hidden/white/tiny runs (``hidden``), tracked
   deletions and move sources (``revision``), field codes (``hidden``/``field_code``), text boxes
   (``textbox``), image alt text (``hidden``/``alt_text``). A visible character is in exactly one
   block: text in a text box is not part of the anchoring paragraph; a text box Word stores twice
   (``mc:Choice`` and ``mc:Fallback``) is read once (the fallback is reported only when it differs);
2. headers and footers referenced by the sections (each part once; unreferenced ones too), with
   watermarks (``v:textpath``) flagged ``watermark``;
3. footnotes, endnotes, comments (label = author), the glossary (``hidden``, label ``glossary``);
4. metadata: ``docProps/core.xml``, ``app.xml``, ``custom.xml``, ``customXml/item*.xml``,
   document variables and the attached template from ``settings.xml``, labelled by key
   (``core:title``, ``custom:密级``, ``docVar:…``) and also in ``Document.metadata``; dates and
   counts (``core:created``, ``app:Words`` …) are in ``Document.metadata`` only;
5. embedded objects, altChunk targets and macros (``attachment``/``embedded``; text = member
   name), each followed by its text when it is a .docx/.xlsx/PDF/text (``attachment``/
   ``attachment_text``, read by :mod:`.docx_embedded`; macros are never read).

Pages: body text starts on page 1; a hard page break, a page-type section break, and (when the
page already has text) ``w:pageBreakBefore`` and Word's ``w:lastRenderedPageBreak`` start a new
page. Several breaks with no text between them count once, except consecutive hard breaks.
A paragraph that crosses a page break becomes one block per page. ``line`` counts the non-empty
body/table blocks of a page. Other blocks have ``page`` ``None`` (text boxes, hidden runs and
revisions carry the page of their paragraph).

Formatting: ``w:vanish``, colour and size come from direct formatting, the character style, the
paragraph style and the document defaults (``w:basedOn`` chains followed; the nearest value wins —
toggle-property XOR is not modelled). White means every channel ≥ 0xF0 and no dark shading or
highlight behind it (run, paragraph, table cell, page background); tiny means ``w:sz`` ≤ 4
half-points.

A part that cannot be parsed (or a missing referenced header) becomes a ``Document.problems``
entry (the pipeline then gives the verdict ``error``); a broken ``word/document.xml`` raises
:class:`UnreadableDocument`; a zip that is not a Word document raises :class:`UnsupportedFormat`
saying what it is. The walk itself is in :mod:`.docx_story`, run formatting in
:mod:`.docx_styles`, package helpers in :mod:`.ooxml`.

Cost: about half of what python-docx needs to open the same file and read its paragraphs,
tables, headers and footers (20-page Chinese document: ~15 ms against ~27 ms, best of 15).
"""

from __future__ import annotations

import re
from pathlib import Path
from types import MappingProxyType

from lxml import etree

from ..config import Limits
from ..errors import UnreadableDocument, UnsupportedFormat
from ..model import BlockList, Document
from . import sniff_format
from .docx_embedded import read_objects
from .docx_story import W_SECTPR, W_TYPE, W_VAL, Context, Pages, Spec, Story
from .docx_styles import Styles, dark
from .ooxml import (NOT_TEXT, PartError, R, Rel, W, content_types, describe_package,
                    document_properties, parse_part, relationships)
from .safezip import SafeZip, open_package

WORD_MAIN_TYPES = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
    "application/vnd.ms-word.document.macroEnabled.main+xml",
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
}
_HEADER_LABELS = {
    ("header", "first"): "首页页眉 first-page header", ("header", "default"): "页眉 default header",
    ("header", "even"): "偶数页页眉 even-page header", ("footer", "first"): "首页页脚 first-page footer",
    ("footer", "default"): "页脚 default footer", ("footer", "even"): "偶数页页脚 even-page footer",
}
_HF_ORDER = {"first": 0, "default": 1, "even": 2}
_OBJECT_RELS = ("oleObject", "package", "aFChunk")


def main_part(pkg: SafeZip) -> str:
    """The main document member (found through the package relationships and content types),
    or :class:`UnsupportedFormat` saying what the zip is instead."""
    types = content_types(pkg)
    try:
        package_rels = relationships(pkg, "")
    except PartError:
        package_rels = {}
    office = [r.target for r in package_rels.values() if r.type == "officeDocument"]
    target = next((t for t in office if t and t in pkg), None)
    if target is None and "word/document.xml" in pkg:
        target = pkg.find("word/document.xml")
    if target is not None and types.get(target.lower(), "") in WORD_MAIN_TYPES | {""}:
        return target
    what, en = describe_package(pkg, " ".join(types.values()))
    raise UnsupportedFormat(
        f"这是{what}，不是 Word 文档（.docx），暂不支持。请另存为 .docx 或 PDF，或解压后逐个检查",
        message_en=f"this is {en}, not a Word document (.docx); save it as .docx or PDF",
        code="unsupported_zip")


class _DocxRead:
    """One reading of one package."""

    def __init__(self, pkg: SafeZip, path: Path, limits: Limits):
        self.pkg = pkg
        self.path = path
        self.limits = limits
        self.problems: list[str] = []
        self.metadata: dict[str, str] = {}
        self.ctx = Context(pkg, Styles(), self.part)
        self.depth = 0  # how deep this document is embedded in another (docx_embedded)

    # -- parts -------------------------------------------------------------------------------------

    def part(self, what: str, member: str | None) -> etree._Element | None:
        """Parse an optional part; a failure is recorded as a problem and gives ``None``."""
        if member is None or member not in self.pkg:
            return None
        try:
            return parse_part(self.pkg, member)
        except PartError as exc:
            self.problems.append(f"{what}（{member}）无法解析：{exc}。其中的内容未经审查")
            return None

    def rels(self, member: str) -> dict[str, Rel]:
        """Relationships of ``member``; a broken rels part is a problem (targets unknown)."""
        try:
            return relationships(self.pkg, member)
        except PartError as exc:
            self.problems.append(f"{member} 的关系部件无法解析：{exc}。部分内容未经审查")
            return {}

    def story(self, member: str, part: str, label: str = "") -> Story:
        return Story(self.ctx, part, member, label=label, rels=self.rels(member),
                     in_header=part in ("header", "footer"))

    # -- the whole document ----------------------------------------------------------------------

    def run(self) -> Document:
        main = main_part(self.pkg)
        try:
            root = parse_part(self.pkg, main)
        except PartError as exc:
            raise UnreadableDocument(
                f"Word 正文（{main}）已损坏，无法解析：{exc}。请在 Word/WPS 中打开并重新保存后再检查",
                message_en=f"the main document part {main} is damaged: {exc}",
                code="corrupt") from exc
        body = root.find(W + "body")
        if root.tag != W + "document" or body is None:
            raise UnsupportedFormat(
                "Word 文件的正文格式无法识别（可能是 Strict Open XML 格式），请另存为标准 .docx 后检查",
                message_en="unrecognised main document (Strict Open XML?); "
                           "save it as a standard .docx",
                code="unsupported_format")
        rels = self.rels(main)
        by_type: dict[str, list[str]] = {}
        for rel in rels.values():
            if rel.target:
                by_type.setdefault(rel.type, []).append(rel.target)
        self.ctx.styles = Styles(self.part("样式 styles", _first(by_type, "styles")))
        background = root.find(W + "background")
        color = background.get(W + "color") if background is not None else None
        self.ctx.background = color if dark(color) else None

        pages = Pages()
        story = Story(self.ctx, "body", main, rels=rels, pages=pages)
        sections = [s for s in body.iter(W_SECTPR) if _is_section(s)]
        for this, after in zip(sections, sections[1:]):
            kind = after.find(W_TYPE)
            story.section_after[this] = kind.get(W_VAL, "nextPage") if kind is not None \
                else "nextPage"
        story.blocks(body)
        self.headers_footers(sections, rels, by_type)
        self.notes(_first(by_type, "footnotes"), "footnote", "脚注")
        self.notes(_first(by_type, "endnotes"), "endnote", "尾注")
        self.comments(_first(by_type, "comments"))
        self.glossary(_first(by_type, "glossaryDocument"))
        self.properties()
        self.settings(_first(by_type, "settings"))
        self.attachments(rels)
        return self.document(pages.page)

    def document(self, pages: int) -> Document:
        blocks = BlockList()
        chars = 0
        for s in self.ctx.sink:
            chars += len(s.text)
            if chars > self.limits.max_text_chars:
                raise UnreadableDocument(
                    f"文件文字超过上限（{self.limits.max_text_chars} 字），已拒绝读取",
                    message_en=f"the text exceeds the limit of {self.limits.max_text_chars} "
                               "characters", code="limit")
            blocks.add(s.text, s.part, page=s.page, counts_as_line=s.line, source=s.source,
                       label=s.label, flags=s.flags, table=s.table)
        return Document(path=str(self.path), format="docx", blocks=tuple(blocks.blocks),
                        pages=pages, metadata=MappingProxyType(dict(self.metadata)),
                        problems=tuple(self.problems))

    # -- headers, footers, notes, comments, glossary -----------------------------------------------

    def headers_footers(self, sections: list[etree._Element], rels: dict[str, Rel],
                        by_type: dict[str, list[str]]) -> None:
        """Every header/footer the sections reference (each part once), then the others."""
        seen: set[str] = set()
        for number, sect in enumerate(sections, start=1):
            refs = [(kind, ref.get(W_TYPE) or "default", ref.get(R + "id") or "")
                    for kind in ("header", "footer") for ref in sect.iter(W + kind + "Reference")]
            refs.sort(key=lambda r: (r[0] != "header", _HF_ORDER.get(r[1], 3)))
            for kind, hf_type, rid in refs:
                rel = rels.get(rid)
                member = rel.target if rel else None
                what = "页眉" if kind == "header" else "页脚"
                if member is None or member not in self.pkg:
                    self.problems.append(f"{what}引用 {rid} 指向的部件不存在，文件不完整")
                    continue
                label = _HEADER_LABELS.get((kind, hf_type), what)
                if len(sections) > 1:
                    label += f"（第 {number} 节）"
                if member not in seen:
                    seen.add(member)
                    self.read_header(member, kind, label)
        others = by_type.get("header", []) + by_type.get("footer", []) + [
            n for n in self.pkg.names if re.fullmatch(r"word/(header|footer)\d*\.xml", n, re.I)]
        for member in others:
            if member not in seen and member in self.pkg:
                seen.add(member)
                kind = "footer" if "footer" in member.lower() else "header"
                self.read_header(member, kind, "未引用的页眉 unreferenced header"
                                 if kind == "header" else "未引用的页脚 unreferenced footer")

    def read_header(self, member: str, kind: str, label: str) -> None:
        root = self.part("页眉" if kind == "header" else "页脚", member)
        if root is not None:
            self.story(member, kind, label).blocks(root)

    def notes(self, member: str | None, tag: str, what: str) -> None:
        root = self.part(what, member)
        if root is None or member is None:
            return
        story = self.story(member, tag)
        for note in root.iter(W + tag):
            if note.get(W_TYPE) in ("separator", "continuationSeparator", "continuationNotice"):
                continue
            story.label = f"{what} {note.get(W + 'id', '')}".strip()
            story.blocks(note)

    def comments(self, member: str | None) -> None:
        root = self.part("批注", member)
        if root is None or member is None:
            return
        story = self.story(member, "comment")
        for comment in root.iter(W + "comment"):
            story.label = comment.get(W + "author") or "未署名 anonymous"
            story.blocks(comment)

    def glossary(self, member: str | None) -> None:
        root = self.part("构建基块 glossary", member)
        if root is None or member is None:
            return
        story = self.story(member, "hidden", "glossary")
        for body in root.iter(W + "docPartBody"):
            story.blocks(body)

    # -- metadata and attachments ------------------------------------------------------------------

    def meta(self, key: str, value: str, source: str, display: str,
             flags: frozenset[str] = frozenset()) -> None:
        if not value:
            return
        self.metadata[key] = value
        if key not in NOT_TEXT:
            self.ctx.emit(Spec(display, "metadata", source=source, label=key, flags=flags))

    def properties(self) -> None:
        custom = frozenset({"custom_xml"})
        for prop in document_properties(self.pkg, self.rels(""), self.part):
            self.meta(prop.key, prop.value, prop.source, prop.display,
                      custom if prop.custom else frozenset())

    def settings(self, member: str | None) -> None:
        """Document variables (OA systems keep 密级 and 文号 there) and the template path."""
        root = self.part("文档设置 settings", member)
        if root is None or member is None:
            return
        for var in root.iter(W + "docVar"):
            name, value = var.get(W + "name") or "", (var.get(W_VAL) or "").strip()
            self.meta(f"docVar:{name}", value, member, f"{name}：{value}",
                      frozenset({"custom_xml"}))
        template = root.find(W + "attachedTemplate")
        if template is not None:
            rel = self.rels(member).get(template.get(R + "id") or "")
            if rel is not None:
                self.meta("settings:attachedTemplate", rel.raw.strip(), member, rel.raw.strip())

    def attachments(self, rels: dict[str, Rel]) -> None:
        for rel in rels.values():
            if rel.type in _OBJECT_RELS:
                self.ctx.note_object(rel)
        objects = self.ctx.objects
        for name in self.pkg.names:
            lower = name.lower()
            if (lower.startswith("word/embeddings/") or lower.endswith("vbaproject.bin")) \
                    and name not in objects:
                objects.append(name)
        for name in objects:
            lower = name.lower()
            label = ("altChunk 合并内容 merged chunk" if "afchunk" in lower else
                     "宏代码 VBA macros" if lower.endswith("vbaproject.bin") else
                     "嵌入对象 embedded object")
            self.ctx.emit(Spec(name, "attachment", source=name, label=label,
                               flags=frozenset({"embedded"})))
            read_objects(self, [name])


def _first(by_type: dict[str, list[str]], kind: str) -> str | None:
    return (by_type.get(kind) or [None])[0]


def _is_section(sect: etree._Element) -> bool:
    """A real section: body-level, or in a paragraph's own properties (not in a revision)."""
    parent = sect.getparent()
    if parent is None:
        return False
    if parent.tag == W + "body":
        return True
    grand = parent.getparent()
    return parent.tag == W + "pPr" and grand is not None and grand.tag == W + "p"


class DocxReader:
    """The .docx reader (``READER``): content-sniffed zip → :class:`Document`."""

    format = "docx"
    version = "1"
    priority = 20

    def sniff(self, head: bytes, suffix: str) -> bool:
        return sniff_format(head) == "zip"

    def read(self, path: Path, limits: Limits) -> Document:
        with open_package(path, limits) as pkg:
            return _DocxRead(pkg, Path(path), limits).run()


READER = DocxReader()
