"""Character edits in a .docx without collapsing formatting (sanitize.md §5).

A block's characters come from XML nodes (the reader's ``origin``: ``w:t`` text, attribute values,
tabs and breaks). An edit says, per character of a block, what it becomes: ``""`` (deleted) or a
replacement (a mask character). Edits are collected for all actions first, then each node's text
is rebuilt once — every run keeps its own ``w:rPr``, so the neighbours of a mark split over three
differently formatted runs keep their formatting. Runs left without text are removed.

A text box Word stores twice (``mc:Choice`` and ``mc:Fallback``, sanitize.md §1) is read once; an
edit in a ``mc:Choice`` paragraph is repeated, character for character, in the matching paragraph
of the ``mc:Fallback`` copy when the two held the same text.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from lxml import etree

from ..readers.docx_story import SELF, W_P, W_R, W_RPR, W_T
from ..readers.ooxml import MC, W

_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_RUN_KEEP = {W_RPR}


@dataclass
class NodeEdit:
    node: etree._Element
    attr: str | None
    ops: dict[int, str] = field(default_factory=dict)


class TextEditor:
    """Collects character edits over traced blocks, then applies them node by node."""

    def __init__(self) -> None:
        self.edits: dict[tuple[int, str | None], NodeEdit] = {}
        self.drop: dict[int, etree._Element] = {}   # synthetic elements (tabs, breaks) to delete

    # -- collecting --------------------------------------------------------------------------------

    @staticmethod
    def _starts(origin: tuple) -> list[int]:
        starts, pos = [], 0
        for piece in origin:
            starts.append(pos)
            pos += piece[3]
        return starts

    def untraceable(self, origin: tuple, text_len: int, positions: dict[int, str]) -> bool:
        """Some position cannot be mapped back to the XML (the edit would be incomplete)."""
        if sum(p[3] for p in origin) != text_len:
            return True
        starts = self._starts(origin)
        for pos in positions:
            i = bisect.bisect_right(starts, pos) - 1
            if i < 0 or origin[i][0] is None:
                return True
        return False

    def add(self, origin: tuple, positions: dict[int, str]) -> None:
        """``positions``: block offset → new text for that character (``""`` deletes it)."""
        starts = self._starts(origin)
        for pos, new in positions.items():
            i = bisect.bisect_right(starts, pos) - 1
            node, attr, offset, _ = origin[i]
            if attr == SELF:
                self.drop[id(node)] = node
                continue
            key = (id(node), attr)
            edit = self.edits.get(key)
            if edit is None:
                edit = self.edits[key] = NodeEdit(node, attr)
            at = offset + pos - starts[i]
            if edit.ops.get(at) == "":
                continue  # a deletion wins over a replacement
            edit.ops[at] = new

    # -- applying ----------------------------------------------------------------------------------

    def mirror_fallbacks(self) -> int:
        """Repeat edits of ``mc:Choice`` text-box paragraphs in their ``mc:Fallback`` copies.
        Returns the number of fallback paragraphs edited."""
        by_para: dict[int, tuple[etree._Element, list[NodeEdit]]] = {}
        for edit in list(self.edits.values()):
            if edit.attr is not None or edit.node.tag != W_T:
                continue
            p = _nearest(edit.node, W_P)
            if p is not None:
                by_para.setdefault(id(p), (p, []))[1].append(edit)
        mirrored = 0
        for p, edits in by_para.values():
            twin = _fallback_twin(p)
            if twin is None:
                continue
            src_map, dst_map = para_map(p), para_map(twin)
            if _map_text(src_map) != _map_text(dst_map):
                continue
            index = {(id(n), off): k for k, (n, off) in enumerate(src_map)}
            for edit in edits:
                for off, new in edit.ops.items():
                    k = index.get((id(edit.node), off))
                    if k is None:
                        continue
                    node, at = dst_map[k]
                    key = (id(node), None)
                    target = self.edits.get(key) or self.edits.setdefault(key, NodeEdit(node, None))
                    if target.ops.get(at) != "":
                        target.ops[at] = new
            mirrored += 1
        return mirrored

    def apply(self) -> set[etree._Element]:
        """Rewrite every edited node; returns the roots of the trees that changed."""
        roots: set[etree._Element] = set()
        emptied: list[etree._Element] = []
        for edit in self.edits.values():
            node, attr = edit.node, edit.attr
            old = (node.text or "") if attr is None else (node.get(attr) or "")
            new = "".join(edit.ops.get(i, ch) for i, ch in enumerate(old))
            roots.add(node.getroottree().getroot())
            if attr is None:
                node.text = new
                if new != new.strip() and node.tag == W_T:
                    node.set(_XML_SPACE, "preserve")
                if not new:
                    emptied.append(node)
            else:
                node.set(attr, new)
                if not new.strip() and attr == "string":
                    emptied.append(node)   # a watermark or WordArt with no text left
        for node in self.drop.values():
            roots.add(node.getroottree().getroot())
            emptied.append(node)
        for node in emptied:
            _remove_empty(node)
        return roots


def _nearest(node: etree._Element, tag: str) -> etree._Element | None:
    for anc in node.iterancestors():
        if anc.tag == tag:
            return anc
    return None


def para_map(p: etree._Element) -> list[tuple[etree._Element, int]]:
    """Every character of the ``w:t`` nodes whose nearest paragraph is ``p``: (node, offset)."""
    out = []
    for t in p.iter(W_T):
        if _nearest(t, W_P) is p and t.text:
            out.extend((t, i) for i in range(len(t.text)))
    return out


def _map_text(chars: list[tuple[etree._Element, int]]) -> str:
    return "".join((n.text or "")[i] for n, i in chars)


def _fallback_twin(p: etree._Element) -> etree._Element | None:
    """The paragraph of the ``mc:Fallback`` copy that matches ``p`` in a ``mc:Choice``."""
    choice = None
    for anc in p.iterancestors():
        if anc.tag == MC + "Choice":
            choice = anc
            break
    if choice is None:
        return None
    alternate = choice.getparent()
    fallback = alternate.find(MC + "Fallback") if alternate is not None else None
    if fallback is None:
        return None
    mine = list(choice.iter(W_P))
    theirs = list(fallback.iter(W_P))
    if len(mine) != len(theirs):
        return None
    return theirs[mine.index(p)]


def _remove_empty(node: etree._Element) -> None:
    """Remove an emptied text node (or a deleted tab/break, or a watermark shape with no text)
    and the run that held it when nothing but its properties is left."""
    run = node if node.tag == W_R else _nearest(node, W_R)
    if node.tag not in (W_T, W + "delText", W + "instrText") and node.get("string") is not None:
        if run is not None and run.getparent() is not None:   # watermark / WordArt: the shape
            run.getparent().remove(run)
        return
    parent = node.getparent()
    if parent is None:
        return
    parent.remove(node)
    if run is not None and run.getparent() is not None and \
            all(c.tag in _RUN_KEEP for c in run if isinstance(c.tag, str)):
        run.getparent().remove(run)
