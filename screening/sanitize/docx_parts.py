"""Whole-part cleaning of a .docx copy (``--remove-hidden``): revisions accepted, comments with their
anchors, personal document properties, custom XML, document variables, the thumbnail.

Revisions are accepted the way Word's "接受所有修订" does: deleted and moved-away content goes,
inserted and moved-to content stays (its wrapper goes), formatting-change records go; a deleted
table row goes with its row. Comments go with every trace: ``comments.xml``, ``commentsExtended``,
``commentsIds``, ``commentsExtensible``, ``people.xml``, and the ``commentRangeStart/End`` and
``commentReference`` runs in every story.
"""

from __future__ import annotations

import re

from lxml import etree

from ..readers.docx_story import W_R, W_RPR
from ..readers.ooxml import W
from .docx_package import PackageEdit

_DROP = {W + t for t in (
    "del", "moveFrom", "moveFromRangeStart", "moveFromRangeEnd", "moveToRangeStart",
    "moveToRangeEnd", "rPrChange", "pPrChange", "sectPrChange", "tblPrChange", "trPrChange",
    "tcPrChange", "tblPrExChange", "tblGridChange", "numberingChange", "customXmlDelRangeStart",
    "customXmlDelRangeEnd", "customXmlMoveFromRangeStart", "customXmlMoveFromRangeEnd",
    "customXmlInsRangeStart", "customXmlInsRangeEnd", "customXmlMoveToRangeStart",
    "customXmlMoveToRangeEnd", "cellIns", "cellMerge")}
_UNWRAP = {W + "ins", W + "moveTo"}
_MARKERS = {W + "commentRangeStart", W + "commentRangeEnd"}
_STORY = re.compile(r"word/(document\d*|header\d*|footer\d*|footnotes|endnotes|comments"
                    r"|glossary/document)\.xml$", re.IGNORECASE)
_COMMENT_PARTS = re.compile(r"word/(comments\w*|people)\.xml$", re.IGNORECASE)
#: Document properties that name people or organisations: always removed with --remove-hidden.
PERSONAL_CORE = ("creator", "lastModifiedBy", "lastPrinted")
PERSONAL_APP = ("Company", "Manager", "HyperlinkBase")


def story_members(edit: PackageEdit) -> list[str]:
    return [n for n in edit.members() if _STORY.match(n)]


def accept_revisions(edit: PackageEdit) -> int:
    """Accept every tracked change in every story; returns how many revision marks went."""
    count = 0
    for member in story_members(edit):
        if not _has(edit, member, (b":del ", b":del>", b":ins ", b":ins>", b":moveFrom",
                                   b":moveTo", b"PrChange", b":cellIns", b":cellDel")):
            continue
        root = edit.tree(member)
        if root is None:
            continue
        changed = 0
        for el in list(root.iter(W + "del", W + "cellDel")):
            parent = el.getparent()
            if parent is not None and parent.tag == W + "trPr":   # a deleted row
                row = parent.getparent()
                if row is not None and row.getparent() is not None:
                    row.getparent().remove(row)
                    changed += 1
                    continue
            if el.tag == W + "cellDel":
                cell = parent.getparent() if parent is not None else None
                if cell is not None and cell.getparent() is not None:
                    cell.getparent().remove(cell)
                    changed += 1
                    continue
        for el in list(root.iter(*_DROP)):
            if el.getparent() is not None:
                el.getparent().remove(el)
                changed += 1
        for el in list(root.iter(*_UNWRAP)):
            parent = el.getparent()
            if parent is None:
                continue
            if parent.tag in (W_RPR, W + "trPr", W + "tcPr"):
                parent.remove(el)     # an inserted paragraph mark / row: accepted as it is
            else:
                _unwrap(el)
            changed += 1
        if changed:
            edit.touch(member)
            count += changed
    return count


def _unwrap(el: etree._Element) -> None:
    parent = el.getparent()
    index = parent.index(el)
    for child in reversed(list(el)):
        parent.insert(index, child)
    parent.remove(el)   # (tails between OOXML elements are insignificant whitespace)


def remove_comments(edit: PackageEdit) -> int:
    """Remove all comments and their anchors; returns the number of comment parts removed."""
    for member in story_members(edit):
        if not _has(edit, member, (b"comment",)):
            continue
        root = edit.tree(member)
        if root is None:
            continue
        changed = False
        for el in list(root.iter(*_MARKERS)):
            el.getparent().remove(el)
            changed = True
        for ref in list(root.iter(W + "commentReference")):
            run = ref.getparent()
            if run is not None and run.tag == W_R and run.getparent() is not None:
                run.getparent().remove(run)
            elif run is not None:
                run.remove(ref)
            changed = True
        if changed:
            edit.touch(member)
    parts = [n for n in edit.members() if _COMMENT_PARTS.match(n)]
    for member in parts:
        edit.remove_part(member)
    return len(parts)


def clean_properties(edit: PackageEdit) -> list[str]:
    """Remove personal properties, custom properties, custom XML items, document variables and
    the thumbnail. Returns what went (``core:creator``, ``customXml/item1.xml`` …)."""
    gone: list[str] = []
    for member, names, prefix in (("docProps/core.xml", PERSONAL_CORE, "core"),
                                  ("docProps/app.xml", PERSONAL_APP, "app")):
        root = edit.tree(member) if member in edit.pkg else None
        if root is None:
            continue
        for el in list(root):
            if isinstance(el.tag, str) and etree.QName(el).localname in names:
                root.remove(el)
                edit.touch(member)
                gone.append(f"{prefix}:{etree.QName(el).localname}")
    for member in edit.members():
        lower = member.lower()
        if lower == "docprops/custom.xml" or re.fullmatch(r"customxml/item\d+\.xml", lower) \
                or lower.startswith("docprops/thumbnail"):
            edit.remove_part(member)
            gone.append(member)
    for member in [n for n in edit.members() if re.fullmatch(r"customxml/itemprops\d+\.xml",
                                                              n.lower())]:
        edit.remove_part(member)
    settings = next((n for n in edit.members() if n.lower() == "word/settings.xml"), None)
    if settings:
        root = edit.tree(settings)
        if root is not None:
            for el in list(root.iter(W + "docVars")):
                el.getparent().remove(el)
                edit.touch(settings)
                gone.append("docVars")
    return gone


def _has(edit: PackageEdit, member: str, needles: tuple[bytes, ...]) -> bool:
    if member in edit.trees:
        return True
    data = edit.pkg.read(member)
    return any(n in data for n in needles)
