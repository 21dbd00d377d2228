"""What a sanitized copy changes: a :class:`Plan` of :class:`Action` s, each tied to a finding.

A plan is made from a :class:`~screening.model.Report` (``make_plan``) and applied by the format's
sanitizer (:mod:`screening.sanitize.docx`, :mod:`screening.sanitize.pdf`). It holds raw text only
in memory (``Action.text`` is never written anywhere); ``to_dict`` gives the masked form.

Operations:

* ``mask`` — personal data: the characters of the span that the masking policy hides disappear
  (``hide`` ranges); a .docx gets ``replacement`` in their place, a PDF loses those glyphs under
  an opaque box, so the kept characters (first 6 and last 4 of an ID) stay readable.
* ``remove`` — hidden content: the span (or the whole part: a comment, an annotation, a
  property, an attachment) goes, with no replacement.
* ``strip_mark`` — a classification mark of a declassified document: every copy goes.
* ``redact`` — a span a person named (``--redact-span`` or a plan file): removed like ``remove``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Literal

import regex

from ..config import Config
from ..errors import SanitizeError
from ..model import Finding, Location, Report

Op = Literal["mask", "remove", "strip_mark", "redact"]


@dataclass(frozen=True, slots=True)
class Action:
    """One change to the copy.

    :param op: see the module docstring.
    :param finding_id: the :attr:`Finding.id` it answers ("" for a person's ``redact``).
    :param category: the finding's category (``personal_data`` …).
    :param kind: the finding's kind (``resident_id``, ``comment`` …).
    :param location: where, as the reader reported it (part, page, block, start, end, bbox).
    :param text: the raw span (memory only; never serialised).
    :param masked: the span as it may be shown and stored.
    :param replacement: what a .docx gets instead of the span ("" = delete).
    :param hide: ranges ``(start, end)`` relative to ``text`` that must disappear (for ``mask``
        the masked characters; for the other ops the whole span ``((0, len(text)),)``).
    :param whole_part: the action removes the whole container (a comment, an annotation, a
        property, an attachment, a PDF JavaScript action …), not only the span.
    :param reason: a short Chinese reason for the plan listing.
    """

    op: Op
    finding_id: str
    category: str
    kind: str
    location: Location
    text: str
    masked: str
    replacement: str
    hide: tuple[tuple[int, int], ...]
    whole_part: bool = False
    reason: str = ""
    reason_en: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"op": self.op, "finding": self.finding_id, "category": self.category,
                "kind": self.kind, "masked": self.masked, "whole_part": self.whole_part,
                "reason": self.reason, "location": self.location.to_dict()}


@dataclass(frozen=True, slots=True)
class Plan:
    """Everything a sanitizer will do to one file, and what it leaves for a person.

    :param actions: the changes, in document order.
    :param for_person: findings listed but not changed (trade secrets, restricted information,
        marks without a declassification basis) as ``(finding_id, category, kind, masked,
        reason)`` rows.
    :param declassified: the declassification basis given (``--declassified``), or ``None``.
    :param notes: sentences for the user (why marks stay, which pages were rasterised …).
    """

    actions: tuple[Action, ...]
    for_person: tuple[dict[str, Any], ...] = ()
    declassified: str | None = None
    notes: tuple[str, ...] = ()
    notes_en: tuple[str, ...] = ()
    remove_hidden: bool = True
    mask: bool = True
    basis_type: str | None = None       # expiry | publication | decision (parse_basis)

    def to_dict(self) -> dict[str, Any]:
        return {"actions": [a.to_dict() for a in self.actions], "for_person": list(self.for_person),
                "declassified": self.declassified, "basis_type": self.basis_type,
                "notes": list(self.notes),
                "mask": self.mask, "remove_hidden": self.remove_hidden}


@dataclass(frozen=True, slots=True)
class Outcome:
    """What a format sanitizer did: applied actions, pages it rasterised, warnings."""

    applied: tuple[Action, ...]
    skipped: tuple[tuple[Action, str], ...] = ()       # (action, why) — the command fails on any
    rasterised_pages: tuple[int, ...] = ()
    warnings: tuple[str, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict)


# -- making a plan -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class SanitizeOptions:
    """What ``screen sanitize`` was asked to do (the command line, or a caller of the API).

    :param declassified: the declassification basis (``--declassified``); see :func:`parse_basis`.
    :param redact_spans: literal texts a person named (``--redact-span``): removed everywhere.
    :param plan_file: a JSON file ``{"findings": [ids], "spans": [texts]}`` naming findings (of
        any category: trade secrets, restricted information …) and texts to remove.
    """

    mask: bool = True
    remove_hidden: bool = True
    declassified: str | None = None
    redact_spans: tuple[str, ...] = ()
    plan_file: Path | None = None


#: Hidden-content kinds a sanitizer removes (``image_only_page`` cannot be removed: a person).
REMOVABLE_HIDDEN = frozenset({
    "comment", "tracked_change", "hidden_text", "white_text", "tiny_text", "covered_text",
    "invisible_text", "offpage_text", "metadata", "custom_xml", "embedded_object", "annotation",
    "attachment", "javascript", "prior_revision"})
#: Hidden-content kinds whose action removes the whole container.
WHOLE_PART_KINDS = frozenset({"comment", "custom_xml", "embedded_object", "annotation",
                              "attachment", "javascript", "prior_revision"})
#: Detectors whose marks are stripped with a declassification basis (the 密 of a 发文字号 is part
#: of the number and stays for a person).
STRIPPED_MARKS = frozenset({"classification_marks.secret_level",
                            "classification_marks.work_secret"})

_EXPIRY = regex.compile(r"(?:保密)?期限.{0,4}(?:届满|已满|到期|已过)|已过.{0,4}保密期限|自行解密")
_PUBLICATION = regex.compile(r"(?:正式|依法)?(?:公布|发布|公开)(?:时|后)?即(?:视为)?解密")
_DECISION = regex.compile(
    r"[〔\[［(（【]\s*(?:19|20)\d{2}\s*[〕\]］)）】]\s*(?:第\s*)?\d{1,5}\s*号"
    r"|(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?"
    r"|(?:19|20)\d{2}[-./]\d{1,2}[-./]\d{1,2}")
_FUTURE_DATE = regex.compile(r"((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日)?")
_LONG_TERM = "长期"


def parse_basis(text: str) -> str:
    """The type of a declassification basis (domain.md §1.8): ``expiry`` (保密期限届满 — never for
    a 长期 mark), ``publication`` (正式公布即解密), ``decision`` (a 解密决定 with its 文号 or date).
    Anything else is refused (:class:`SanitizeError`): a mark is only stripped on a stated ground."""
    t = (text or "").strip()
    if _EXPIRY.search(t):
        return "expiry"
    if _PUBLICATION.search(t):
        return "publication"
    if _DECISION.search(t):
        return "decision"
    raise SanitizeError(
        f"解密依据「{t}」无法识别。请写明解密决定的文号或日期（如“某保〔2024〕3号”“2024年5月10日解密决定”）、"
        "“保密期限届满”或“正式公布即解密”",
        message_en=f"declassification basis {t!r} not recognised: give the decision's number or "
                   "date, \"保密期限届满\" (period expired) or \"正式公布即解密\" (declassified on "
                   "publication)", code="bad_basis")


def _expired_date_left(text: str, today: date) -> bool:
    """A mark whose period ends on a date after ``today`` (``秘密★2030年12月31日前``)."""
    for m in _FUTURE_DATE.finditer(text):
        year, month, day = int(m.group(1)), int(m.group(2)), int(m.group(3) or 1)
        try:
            if date(year, month, day) > today:
                return True
        except ValueError:
            continue
    return False


def _hide_ranges(text: str, masked: str) -> tuple[tuple[int, int], ...]:
    """The ranges where ``masked`` differs from ``text`` (same length), else all of it."""
    if len(masked) != len(text):
        return ((0, len(text)),)
    ranges: list[tuple[int, int]] = []
    for i, (a, b) in enumerate(zip(text, masked)):
        if a != b:
            if ranges and ranges[-1][1] == i:
                ranges[-1] = (ranges[-1][0], i + 1)
            else:
                ranges.append((i, i + 1))
    return tuple(ranges)


def mask_for_copy(kind: str, text: str, masked: str, policy: Any) -> str:
    """What a personal value becomes in the copy: the finding's masked text, else the policy's;
    a value the policy leaves unchanged (a diagnosis, a welfare status) is hidden entirely."""
    if masked == text:
        masked = policy.mask(kind, text)
    if masked == text:
        masked = "".join(ch if ch.isspace() else policy.char for ch in text)
    return masked


def load_plan_file(path: Path) -> tuple[frozenset[str], tuple[str, ...]]:
    """``(finding ids, spans)`` from a plan file; a bad file is a :class:`SanitizeError`."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        ids = data.get("findings", []) if isinstance(data, dict) else None
        spans = data.get("spans", []) if isinstance(data, dict) else None
        if not isinstance(ids, list) or not isinstance(spans, list) or \
                not all(isinstance(v, str) for v in ids + spans):
            raise ValueError("findings/spans must be lists of strings")
    except (OSError, ValueError) as exc:
        raise SanitizeError(
            f"处理清单文件 {path} 无法读取：{exc}。格式应为 {{\"findings\": [编号…], \"spans\": [文字…]}}",
            message_en=f"plan file {path} unreadable: {exc}; expected "
                       "{\"findings\": [ids], \"spans\": [texts]}", code="bad_plan_file") from exc
    return frozenset(ids), tuple(s for s in spans if s.strip())


def _row(f: Finding, reason: str, reason_en: str) -> dict[str, Any]:
    return {"finding": f.id, "category": f.category.value, "kind": f.kind, "masked": f.masked,
            "severity": f.severity.value, "location": f.location.to_dict(), "reason": reason,
            "reason_en": reason_en}


def make_plan(report: Report, options: SanitizeOptions, config: Config,
              today: date | None = None) -> Plan:
    """The plan for one screened document (module docstring; DESIGN.md §5, domain.md §1.8)."""
    document = report.document
    if document is None:
        raise SanitizeError("文件未能完成审查，无法制定处理方案",
                            message_en="the file was not screened; no plan", code="no_document")
    basis_type = parse_basis(options.declassified) if options.declassified is not None else None
    named_ids: frozenset[str] = frozenset()
    spans = tuple(s for s in options.redact_spans if s.strip())
    if options.plan_file is not None:
        named_ids, more = load_plan_file(options.plan_file)
        spans += more
    today = today or date.today()
    policy = config.masking
    actions: list[Action] = []
    person: list[dict[str, Any]] = []
    notes: list[str] = []
    kept_marks = 0
    for f in report.findings:
        cat = f.category.value
        whole = (0, len(f.text))
        block = document.blocks[f.location.block]
        if f.id in named_ids:
            actions.append(Action("redact", f.id, cat, f.kind, f.location, f.text, f.masked, "",
                                  (whole,), reason="人工指定删除", reason_en="named for removal"))
        elif cat == "personal_data":
            if f.severity.value == "info":
                continue
            if not options.mask:
                person.append(_row(f, "未去标识化（--no-mask），请人工确认",
                                   "not de-identified (--no-mask); a person decides"))
                continue
            masked = mask_for_copy(f.kind, f.text, f.masked, policy)
            actions.append(Action("mask", f.id, cat, f.kind, f.location, f.text, masked, masked,
                                  _hide_ranges(f.text, masked), reason="个人信息去标识化",
                                  reason_en="personal data de-identified"))
        elif cat == "hidden_content":
            if f.kind not in REMOVABLE_HIDDEN:
                person.append(_row(f, "无法自动处理，请人工检查", "cannot be handled automatically"))
                continue
            if not options.remove_hidden:
                person.append(_row(f, "保留隐藏内容（--keep-hidden），请人工确认",
                                   "hidden content kept (--keep-hidden); a person decides"))
                continue
            whole_part = f.kind in WHOLE_PART_KINDS or block.part in ("metadata", "attachment")
            actions.append(Action("remove", f.id, cat, f.kind, f.location, f.text, f.masked, "",
                                  (whole,), whole_part=whole_part, reason="删除隐藏内容",
                                  reason_en="hidden content removed"))
        elif cat == "classification_mark":
            if f.severity.value == "info":
                continue
            if f.detector not in STRIPPED_MARKS:
                why = (("发文字号中的“密”字是文号的一部分，不自动删除；请人工确认",
                        "the 密 in a document number is part of the number; a person decides")
                       if f.detector.endswith("secret_doc_number") else
                       ("公开属性标注须由人工修改", "a disclosure attribute is changed by a person")
                       if f.kind == "disclosure_attribute" else ("请人工处理", "for a person"))
                person.append(_row(f, *why))
                continue
            if basis_type is None:
                kept_marks += 1
                person.append(_row(f, "未提供解密依据，标志保留",
                                   "no declassification basis given: the mark stays"))
                continue
            if basis_type == "expiry" and _LONG_TERM in f.text:
                kept_marks += 1
                person.append(_row(f, "保密期限为“长期”，不会因期限届满自行解密；须有解密决定才能去除",
                                   "a 长期 (indefinite) mark never expires; it needs a decision"))
                continue
            if basis_type == "expiry" and _expired_date_left(f.text, today):
                kept_marks += 1
                person.append(_row(f, "标志所载解密时间尚未到来，期限未届满；须有解密决定才能去除",
                                   "the mark's period has not ended; it needs a decision"))
                continue
            actions.append(Action("strip_mark", f.id, cat, f.kind, f.location, f.text, f.masked,
                                  "", (whole,), reason=f"已解密（依据：{options.declassified}）",
                                  reason_en=f"declassified (basis: {options.declassified})"))
        else:
            person.append(_row(f, "商业秘密、内部或过程性信息不自动删除；请人工判断，"
                                  "需删除的用 --redact-span 或处理清单文件指明",
                               "trade secrets and internal information are not removed "
                               "automatically; name what goes with --redact-span or a plan file"))
    for span in spans:
        for block in document.blocks:
            start = block.text.find(span)
            while start >= 0:
                loc = Location.of(block, start, start + len(span))
                actions.append(Action("redact", "", "redact", "span", loc, span, "〔人工指定〕", "",
                                      ((0, len(span)),), reason="人工指定删除",
                                      reason_en="named for removal"))
                start = block.text.find(span, start + len(span))
    notes_en: list[str] = []
    if kept_marks and basis_type is None:
        notes.append(f"文件中有 {kept_marks} 处国家秘密（或工作秘密）标志未去除：没有解密依据，去除标志本身就是泄密"
                     "（擅自隐去保密标识）。确已解密的，请用 --declassified 写明解密决定文号/日期、"
                     "“保密期限届满”或“正式公布即解密”")
        notes_en.append(f"{kept_marks} secrecy (or work-secret) mark(s) kept: without a "
                        "declassification basis, removing a mark is itself a leak. If the item was "
                        "declassified, give --declassified with the decision's number or date, "
                        "保密期限届满 or 正式公布即解密")
    elif kept_marks:
        notes.append(f"有 {kept_marks} 处标志未去除（见“需人工处理”）：保密期限届满不适用于“长期”或尚未到期的标志")
        notes_en.append(f"{kept_marks} mark(s) kept (see 'for a person'): expiry does not apply "
                        "to 长期 marks or to marks whose period has not ended")
    if not options.mask:
        notes.append("已按 --no-mask 保留个人信息，未作去标识化处理")
        notes_en.append("personal data kept as it is (--no-mask)")
    if not options.remove_hidden:
        notes.append("已按 --keep-hidden 保留批注、修订、隐藏文字和文档属性")
        notes_en.append("comments, tracked changes, hidden text and properties kept (--keep-hidden)")
    actions.sort(key=lambda a: (a.location.block, a.location.start, a.location.end))
    return Plan(actions=tuple(actions), for_person=tuple(person),
                declassified=options.declassified, notes=tuple(notes), notes_en=tuple(notes_en),
                remove_hidden=options.remove_hidden, mask=options.mask, basis_type=basis_type)
