"""Editing an OOXML package for a sanitized copy: parsed parts kept in memory, parts removed with
everything that points to them (relationships, content types, referring elements), and the new zip
written next to the destination and moved into place (the source is only read).

Members nobody edited are copied with their bytes unchanged; an edited part is serialised from its
lxml tree (UTF-8, with the XML declaration Word writes).
"""

from __future__ import annotations

import posixpath
import zipfile
from pathlib import Path
from urllib.parse import unquote

from lxml import etree

from ..errors import SanitizeError
from ..files import replaced_atomically
from ..readers.ooxml import MC, PartError, R, W, parse_part
from ..readers.safezip import SafeZip

_RELS_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_CT_NS = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_CONTENT_TYPES = "[Content_Types].xml"


def rels_name(part: str) -> str:
    """The relationships member of ``part`` (``""``: the package)."""
    folder, base = posixpath.split(part)
    return posixpath.join(folder, "_rels", base + ".rels")


def source_of(rels_member: str) -> str:
    """The part a ``_rels/*.rels`` member belongs to (``""`` for the package's)."""
    folder, base = posixpath.split(rels_member)
    owner = posixpath.dirname(folder)
    return posixpath.join(owner, base[:-len(".rels")]) if base != ".rels" else ""


class PackageEdit:
    """One package being turned into a sanitized copy."""

    def __init__(self, pkg: SafeZip):
        self.pkg = pkg
        self.trees: dict[str, etree._Element] = {}
        self.dirty: set[str] = set()
        self.removed: set[str] = set()

    # -- parts -------------------------------------------------------------------------------------

    def adopt(self, member: str, root: etree._Element) -> None:
        """A tree the reader's walk parsed (its nodes are the origins of the blocks)."""
        known = self.trees.get(member)
        if known is not None and known is not root:
            raise SanitizeError(f"部件 {member} 被读取了两次，无法确定应修改哪一份，已停止",
                                message_en=f"part {member} was parsed twice; refusing to edit",
                                code="ambiguous_part")
        self.trees[member] = root

    def tree(self, member: str) -> etree._Element | None:
        """The parsed part (cached); ``None`` when absent or removed."""
        member = self.pkg.find(member) or member
        if member in self.removed or member not in self.pkg:
            return None
        if member not in self.trees:
            try:
                self.trees[member] = parse_part(self.pkg, member)
            except PartError as exc:
                raise SanitizeError(f"部件 {member} 无法解析：{exc}",
                                    message_en=f"part {member} cannot be parsed: {exc}",
                                    code="unreadable_part") from exc
        return self.trees[member]

    def touch(self, member: str) -> None:
        self.dirty.add(member)

    def members(self) -> list[str]:
        return [n for n in self.pkg.names if n not in self.removed]

    # -- removing parts ----------------------------------------------------------------------------

    def remove_part(self, member: str) -> None:
        """Remove ``member``, its own relationships part, its content-type override, every
        relationship pointing to it, and the elements that used those relationships."""
        member = self.pkg.find(member) or member
        if member in self.removed or member not in self.pkg:
            return
        self.removed.add(member)
        own = self.pkg.find(rels_name(member))
        if own:
            self.removed.add(own)
        types = self.tree(_CONTENT_TYPES)
        if types is not None:
            for o in list(types.iter(_CT_NS + "Override")):
                if (o.get("PartName") or "").lstrip("/").lower() == member.lower():
                    o.getparent().remove(o)
                    self.touch(_CONTENT_TYPES)
        for rels in [n for n in self.pkg.names if n.lower().endswith(".rels")]:
            if rels in self.removed:
                continue
            root = self.tree(rels)
            if root is None:
                continue
            owner = source_of(rels)
            for rel in list(root.iter(_RELS_NS + "Relationship")):
                if rel.get("TargetMode") == "External":
                    continue
                if self._target(owner, rel.get("Target") or "") == member.lower():
                    root.remove(rel)
                    self.touch(rels)
                    self.drop_references(owner, rel.get("Id") or "")

    def _target(self, owner: str, raw: str) -> str:
        folder = posixpath.dirname(owner)
        path = raw.lstrip("/") if raw.startswith("/") else posixpath.join(folder, raw)
        path = posixpath.normpath(unquote(path))
        return (self.pkg.find(path) or path).lower()

    def drop_references(self, owner: str, rid: str) -> None:
        """Remove the elements of ``owner`` that use relationship ``rid`` (an embedded object's
        ``w:object``, an ``w:altChunk``, the template reference …)."""
        if not owner or not rid or not owner.lower().endswith(".xml"):
            return
        root = self.tree(owner)
        if root is None:
            return
        hits = [el for el in root.iter() if isinstance(el.tag, str)
                and any(k.startswith(R) and v == rid for k, v in el.attrib.items())]
        for el in hits:
            target = el
            for anc in el.iterancestors():
                if anc.tag in (W + "object", W + "pict", W + "drawing"):
                    target = anc
                if anc.tag in (W + "r", W + "p", MC + "AlternateContent"):
                    break
            parent = target.getparent()
            if parent is not None:
                parent.remove(target)
                self.touch(owner)

    # -- writing -----------------------------------------------------------------------------------

    def data(self, member: str) -> bytes:
        if member in self.dirty and member in self.trees:
            return etree.tostring(self.trees[member], xml_declaration=True, encoding="UTF-8",
                                  standalone=True)
        return self.pkg.read(member)

    def write(self, dst: Path) -> None:
        """Write the new package to ``dst`` (through a temporary file in the same folder)."""
        dst = Path(dst)
        with replaced_atomically(dst, prefix=".sanitize-", suffix=".docx") as fh, \
                zipfile.ZipFile(fh, "w", zipfile.ZIP_DEFLATED) as out:
            for member in self.members():
                info = zipfile.ZipInfo(member, date_time=(1980, 1, 1, 0, 0, 0))
                info.compress_type = zipfile.ZIP_DEFLATED
                out.writestr(info, self.data(member))
