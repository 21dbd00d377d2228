"""Apply a :class:`~screening.sanitize.plan.Plan` to a .docx: a new package with every copy of the
planned spans gone (DESIGN.md §5, sanitize.md §1, §5).

How a finding's place is found again: the package is walked a second time by the reader itself
(:class:`screening.readers.docx._DocxRead`), which records for each block where its characters
came from (``Spec.origin``: ``w:t`` nodes, attribute values, tabs). Block ``i`` of that walk is
block ``i`` of the screened document (checked: same count, same texts — otherwise the file changed
since it was screened and nothing is written). So an action's ``(block, start, end)`` maps to
exactly the XML characters the detectors saw: body, tables, headers/footers, text boxes (the
``mc:Fallback`` copy is edited too, :mod:`.docx_text`), watermarks (``v:textpath``), footnotes,
endnotes, comments, field codes, alt text.

Other places, by part:

* ``metadata`` blocks (``core:title``, ``custom:密级``, ``docVar:…``): the property value is edited
  (mask, mark) or the property removed (hidden content); ``customXml`` items and
  ``attachedTemplate`` go whole;
* ``attachment`` (embedded objects): the member goes, with its relationship and the ``w:object``
  that shows it; findings inside an embedded file are settled by removing that file;
* comments, revisions, personal properties, custom XML, document variables and the thumbnail
  are cleaned as whole parts with ``--remove-hidden`` (:mod:`.docx_parts`).

An action that cannot be applied completely (a character without a traceable origin) is
*skipped* with the reason: the command then fails (exit 1) rather than claim a clean copy.
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from ..config import Limits
from ..errors import SanitizeError
from ..model import Document
from ..readers.docx import _DocxRead
from ..readers.ooxml import R, W
from ..readers.safezip import open_package
from .docx_package import PackageEdit
from .docx_parts import accept_revisions, clean_properties, remove_comments
from .docx_text import TextEditor
from .plan import Action, Outcome, Plan

_CHANGED = ("文件在检查之后已被修改（内容与检查结果不一致），未写出副本；请重新执行",
            "the file changed since it was screened; nothing written, run again")


def positions(action: Action) -> dict[int, str]:
    """Block offset → what the character becomes (``""``: deleted)."""
    start, text = action.location.start, action.text
    out: dict[int, str] = {}
    if action.op == "mask" and len(action.replacement) == len(text):
        for a, b in action.hide:
            for i in range(a, b):
                out[start + i] = action.replacement[i]
        return out
    for a, b in action.hide:
        for i in range(a, b):
            out[start + i] = ""
    if action.op == "mask" and action.hide:   # a replacement of another length: at the start
        out[start + action.hide[0][0]] = action.replacement
    return out


class _Apply:
    def __init__(self, edit: PackageEdit, specs: list, plan: Plan):
        self.edit = edit
        self.specs = specs
        self.plan = plan
        self.text = TextEditor()
        self.applied: list[Action] = []
        self.skipped: list[tuple[Action, str]] = []
        self.removed_objects: set[str] = set()
        self.pending_inside: list[tuple[Action, str]] = []   # actions inside embedded files
        self.meta_removed: list[str] = []
        self.comments = False

    def action(self, a: Action) -> None:
        spec = self.specs[a.location.block]
        if spec.part == "metadata":
            self.metadata(a, spec)
        elif spec.part == "attachment":
            if "embedded" in spec.flags and a.whole_part:
                self.edit.remove_part(spec.source or spec.text.strip())
                self.removed_objects.add(spec.source or spec.text.strip())
                self.applied.append(a)
            else:
                self.pending_inside.append((a, spec.source))
        elif a.kind == "comment" and a.whole_part:
            self.comments = True
            self.applied.append(a)
        else:
            pos = positions(a)
            if self.text.untraceable(spec.origin, len(spec.text), pos):
                self.skipped.append((a, "该处文字无法对应到文件中的具体位置，未能删除"))
                return
            self.text.add(spec.origin, pos)
            self.applied.append(a)

    def finish_inside(self) -> None:
        for a, source in self.pending_inside:
            if source in self.removed_objects:
                self.applied.append(a)
            else:
                self.skipped.append((a, "内容位于嵌入文件中，无法就地修改；请删除该嵌入对象或人工处理"))

    # -- document properties -----------------------------------------------------------------------

    def metadata(self, a: Action, spec) -> None:
        key = spec.label
        prefix, _, name = key.partition(":")
        member = spec.source
        if key in self.meta_removed or (self.edit.pkg.find(member) or member) in self.edit.removed:
            self.applied.append(a)   # already gone with the whole property or part
            return
        root = self.edit.tree(member)
        if root is None:
            self.skipped.append((a, f"找不到属性所在部件 {member}"))
            return
        if prefix == "customXml":
            self.edit.remove_part(member)
            self.applied.append(a)
            return
        if prefix == "settings":   # the attached template: element and relationship
            for el in list(root.iter(W + "attachedTemplate")):
                self.edit.drop_references(member, el.get(R + "id") or "")
                if el.getparent() is not None:
                    el.getparent().remove(el)
            self.edit.touch(member)
            self.applied.append(a)
            return
        target, attr, value_at = self._property(root, prefix, name)
        if target is None:
            self.skipped.append((a, f"找不到属性 {key}"))
            return
        self.edit.touch(member)
        hits_name = a.location.start < value_at
        if a.op in ("remove", "redact") or hits_name or \
                (attr is None and len(target) and prefix == "app"):
            parent = target.getparent()
            if parent is not None:
                parent.remove(target)
            self.meta_removed.append(key)
            self.applied.append(a)
            return
        holder = target if attr is not None else _value_node(target)
        old = holder.get(attr) if attr is not None else (holder.text or "")
        lead = len(old) - len(old.lstrip())
        value = old.strip()
        chars = list(value)
        for pos, new in sorted(positions(a).items(), reverse=True):
            i = pos - value_at
            if 0 <= i < len(chars):
                chars[i] = new
        new_value = old[:lead] + "".join(chars)
        if attr is not None:
            holder.set(attr, new_value)
        else:
            holder.text = new_value
        self.applied.append(a)

    @staticmethod
    def _property(root: etree._Element, prefix: str, name: str
                  ) -> tuple[etree._Element | None, str | None, int]:
        """(element, attribute holding the value or None for text, offset of the value in the
        block's display text)."""
        if prefix in ("core", "app"):
            for el in root:
                if isinstance(el.tag, str) and etree.QName(el).localname == name:
                    return el, None, 0
        elif prefix == "custom":
            for el in root:
                if isinstance(el.tag, str) and el.get("name") == name:
                    return el, None, len(name) + 1
        elif prefix == "docVar":
            for el in root.iter(W + "docVar"):
                if el.get(W + "name") == name:
                    return el, W + "val", len(name) + 1
        return None, None, 0


def _value_node(el: etree._Element) -> etree._Element:
    """The element holding a property's text (a custom property keeps it in a vt:* child)."""
    for child in el.iter():
        if child.text and child.text.strip():
            return child
    return el


def sanitize_docx(src: Path, dst: Path, document: Document, plan: Plan, *,
                  limits: Limits) -> Outcome:
    """Write the sanitized copy of ``src`` to ``dst`` (``src`` is only read)."""
    with open_package(Path(src), limits) as pkg:
        walk = _DocxRead(pkg, Path(src), limits)
        walk.run()
        specs = [s for s in walk.ctx.sink if s.text and s.text.strip()]
        if len(specs) != len(document.blocks) or \
                any(s.text != b.text for s, b in zip(specs, document.blocks)):
            raise SanitizeError(_CHANGED[0], message_en=_CHANGED[1], code="changed")
        edit = PackageEdit(pkg)
        for spec in specs:
            if spec.part == "attachment":
                continue
            for node, *_ in spec.origin:
                if node is not None:
                    edit.adopt(spec.source, node.getroottree().getroot())
                    break
        run = _Apply(edit, specs, plan)
        for action in plan.actions:
            run.action(action)
        run.finish_inside()
        mirrored = run.text.mirror_fallbacks()
        roots = run.text.apply()
        by_root = {id(root): member for member, root in edit.trees.items()}
        for root in roots:
            member = by_root.get(id(root))
            if member is None:
                raise SanitizeError("内部错误：修改的内容不属于任何部件，未写出副本",
                                    message_en="internal error: edited nodes outside any part",
                                    code="internal")
            edit.touch(member)
        extra: dict = {"fallback_paragraphs": mirrored}
        if plan.remove_hidden:
            extra["revisions_accepted"] = accept_revisions(edit)
            extra["comment_parts_removed"] = remove_comments(edit)
            extra["properties_removed"] = clean_properties(edit) + run.meta_removed
        elif run.comments:
            extra["comment_parts_removed"] = remove_comments(edit)
        if any(a.op == "strip_mark" for a in run.applied):
            for member in edit.members():   # a picture of page 1, mark included
                if member.lower().startswith("docprops/thumbnail"):
                    edit.remove_part(member)
        extra["removed_parts"] = sorted(edit.removed)
        edit.write(Path(dst))
    return Outcome(applied=tuple(run.applied), skipped=tuple(run.skipped), extra=extra)
