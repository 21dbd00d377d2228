"""The printable 政府信息公开保密审查记录 (.docx) for the paper file, rendered from a verified
review chain and never the other way round (signing.md §1.7, §4.4; domain.md §7.2–7.3).

The form holds: title, 文号 or content summary, the drafter's classification opinion, the
proposed disclosure decision and the officer's conclusion, the basis and reason for anything
withheld, the masked findings summary, the sanitize result, three signature blocks (role, name,
opinion, ledger date, key fingerprint), the digests (SHA-256 and SM3) of every reviewed file, the
record id and ledger positions, and a line saying the electronic record is authoritative.

Only a chain whose every signature, digest and roster check holds (``check.ok``) is rendered:
:func:`write_form` raises :class:`~screening.errors.RecordError` otherwise. Page A4; font names
(仿宋_GB2312-style 仿宋, 黑体 for the title, SimSun for tables) are set in the XML, so no font
file is needed to make the file and Word/WPS/LibreOffice substitute what they have.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from docx import Document as new_docx
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from ..errors import RecordError
from ..files import replaced_atomically
from ..report.names import basis_words
from .ledger import SHANGHAI
from .view import ROLE_ORDER, StepFacts, findings_lines, step_facts

TITLE = "政府信息公开保密审查记录"
AUTHORITATIVE = ("本表由电子审查记录生成，内容以账本中经数字签名验证的电子记录为准；"
                 "核验命令：screen record verify 文件")
BODY_FONT = "仿宋"
TITLE_FONT = "黑体"
TABLE_FONT = "宋体"
LATIN_FONT = "Times New Roman"
MONO_FONT = "Courier New"

#: role → (block heading, label of the decision line)
SIGNATURE_BLOCKS = {
    "drafter": ("承办人（拟稿人）意见", "拟公开意见"),
    "leader": ("分管领导审核意见", "审核意见"),
    "officer": ("信息公开审查人审查结论", "审查结论"),
}


@dataclass(frozen=True)
class FormData:
    """Everything printed on the form, taken from verified statements only."""

    case_id: str
    title: str
    doc_number: str
    summary: str
    classification: str
    proposed: str
    conclusion: str
    withheld_basis: tuple[str, ...]
    withheld_reason: str
    findings: tuple[str, ...]
    sanitize: str
    steps: tuple[StepFacts, ...]
    subjects: tuple[dict, ...]
    ledger_seqs: tuple[int, ...]
    complete: bool


def form_data(check: Any) -> FormData:
    """The facts of a verified chain. RecordError when the chain did not verify."""
    if not check.ok:
        problems = "；".join(check.problems) or "签名或名册检查未通过"
        raise RecordError(f"审查记录未通过验证，不能生成审查表：{problems}",
                          message_en="the review record does not verify; no form is made: "
                                     f"{problems}")
    steps = tuple(step_facts(s) for s in check.steps)
    if not steps:
        raise RecordError("没有审查步骤，不能生成审查表。",
                          message_en="the record has no review step; no form is made")
    by_role = {s.role: s for s in steps}
    first = by_role.get("drafter", steps[0])
    officer = by_role.get("officer")
    conclusion = check.conclusion or (officer.decision if officer else "")
    # what is withheld in the end: the officer's conclusion decides; before it, the proposal
    decider = officer or first
    basis: tuple[str, ...] = ()
    reason = ""
    if decider.decision in ("不予公开", "部分公开"):
        basis, reason = decider.basis, decider.opinion
    sanitize = next((s.sanitize for s in steps if s.sanitize), None)
    return FormData(
        case_id=first.case_id, title=first.title, doc_number=first.doc_number,
        summary=first.summary, classification=first.classification,
        proposed=first.decision, conclusion=conclusion,
        withheld_basis=basis, withheld_reason=reason,
        findings=tuple(findings_lines(_latest_findings(steps))),
        sanitize=_sanitize_line(sanitize), steps=steps,
        subjects=tuple(dict(s) for s in check.subjects),
        ledger_seqs=tuple(s.seq for s in steps), complete=bool(check.complete))


def _latest_findings(steps: Sequence[StepFacts]):
    """The summary of the last step that recorded one (each step runs a fresh scan)."""
    for step in reversed(steps):
        if step.findings.total or step.findings.items:
            return step.findings
    return steps[0].findings


def _sanitize_line(result: dict | None) -> str:
    if not result:
        return "无"
    from .view import _sanitize_text  # one wording for terminal and paper
    return _sanitize_text(result, "zh")


# ---------------------------------------------------------------------------------------------
# .docx

def _set_fonts(run, east_asia: str, latin: str = LATIN_FONT, size: float | None = None,
               bold: bool = False) -> None:
    run.font.name = latin
    rpr = run._element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.insert(0, fonts)
    fonts.set(qn("w:eastAsia"), east_asia)
    fonts.set(qn("w:ascii"), latin)
    fonts.set(qn("w:hAnsi"), latin)
    if size:
        run.font.size = Pt(size)
    run.font.bold = bold


def _para(container, text: str, *, font: str = BODY_FONT, size: float = 12, bold=False,
          align=None, latin: str = LATIN_FONT):
    paragraph = container.add_paragraph()
    if align is not None:
        paragraph.alignment = align
    _set_fonts(paragraph.add_run(text), font, latin, size, bold)
    return paragraph


def _cell(cell, lines: Sequence[str], *, bold=False, size: float = 10.5, mono=False) -> None:
    cell.paragraphs[0].text = ""
    for i, line in enumerate(lines):
        paragraph = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
        latin = MONO_FONT if mono else LATIN_FONT
        _set_fonts(paragraph.add_run(line), TABLE_FONT, latin, size, bold)


def _row(table, label: str, lines: Sequence[str] | str, **kw) -> None:
    cells = table.add_row().cells
    _cell(cells[0], [label], bold=True)
    _cell(cells[1], [lines] if isinstance(lines, str) else list(lines) or ["—"], **kw)


def _document_defaults(doc) -> None:
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(25), Mm(20)
    section.left_margin, section.right_margin = Mm(25), Mm(20)
    style = doc.styles["Normal"]
    style.font.name = LATIN_FONT
    style.font.size = Pt(12)
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.insert(0, fonts)
    fonts.set(qn("w:eastAsia"), BODY_FONT)
    doc.core_properties.title = TITLE
    doc.core_properties.author = ""
    doc.core_properties.comments = ""
    doc.core_properties.last_modified_by = ""


def build_docx(data: FormData, *, generated_at: datetime | None = None):
    """A python-docx Document of the form."""
    doc = new_docx()
    _document_defaults(doc)
    _para(doc, TITLE, font=TITLE_FONT, size=18, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(doc, f"记录编号：{data.case_id or '—'}　　账本序号：{_seqs(data.ledger_seqs)}",
          size=10.5, align=WD_ALIGN_PARAGRAPH.CENTER)
    if not data.complete:
        _para(doc, "本记录尚未完成三级审查，不能作为发布依据。", size=12, bold=True,
              align=WD_ALIGN_PARAGRAPH.CENTER)

    table = doc.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _row(table, "信息名称", data.title or "—")
    if data.doc_number:
        _row(table, "文号", data.doc_number)
    if data.summary or not data.doc_number:
        _row(table, "内容摘要", data.summary or "—")
    _row(table, "定密意见", data.classification or "—")
    _row(table, "拟公开意见", data.proposed or "—")
    _row(table, "审查结论", data.conclusion or "（尚未作出）")
    if data.withheld_basis or data.withheld_reason:
        lines = [basis_words(b, "zh") for b in data.withheld_basis]
        if data.withheld_reason:
            lines.append(f"理由：{data.withheld_reason}")
        _row(table, "不予公开（部分公开）的依据和理由", lines)
    _row(table, "自动检测摘要", list(data.findings))
    _row(table, "区分处理", data.sanitize)

    by_role = {s.role: s for s in data.steps}
    for role in ROLE_ORDER:
        heading, label = SIGNATURE_BLOCKS[role]
        step = by_role.get(role)
        if step is None:
            _row(table, heading, ["（尚未签署）"])
            continue
        lines = [f"{label}：{step.decision or '—'}"]
        if step.opinion:
            lines.append(f"意见：{step.opinion}")
        if role != "drafter" and step.basis:
            lines.append("依据：" + "；".join(step.basis))
        lines += [f"签署人：{step.name}",
                  f"日期：{_date(step.recorded_at)}（账本第 {step.seq} 条）",
                  f"密钥指纹：{step.fingerprint}", "手写签字：", ""]
        _row(table, heading, lines)

    subject_lines = []
    for subject in data.subjects:
        digest = subject.get("digest") or {}
        subject_lines += [str(subject.get("name", "")),
                          f"SHA-256：{digest.get('sha256', '—')}",
                          f"SM3：{digest.get('sm3', '—')}"]
    _row(table, "审查对象摘要", subject_lines, size=8, mono=True)
    table.autofit = False
    for column, width in zip(table.columns, (Mm(42), Mm(123))):
        column.width = width                        # w:gridCol, what LibreOffice reads
        for cell in column.cells:
            cell.width = width                      # w:tcW, what Word reads

    _para(doc, AUTHORITATIVE, size=10.5)
    when = (generated_at or datetime.now(SHANGHAI)).strftime("%Y-%m-%d %H:%M")
    _para(doc, f"生成时间：{when}", size=10.5)
    return doc


def _seqs(seqs: Sequence[int]) -> str:
    return "、".join(str(s) for s in seqs) or "—"


def _date(recorded_at: str) -> str:
    """``2026-11-28T14:08:00+08:00`` → ``2026年11月28日``."""
    try:
        moment = datetime.fromisoformat(recorded_at)
    except ValueError:
        return recorded_at
    return f"{moment.year}年{moment.month}月{moment.day}日"


def write_form(check: Any, out: Path | str, *, generated_at: datetime | None = None) -> Path:
    """Write the form of a verified chain to ``out`` (atomically). RecordError if the chain does
    not verify."""
    out = Path(out)
    doc = build_docx(form_data(check), generated_at=generated_at)
    out.parent.mkdir(parents=True, exist_ok=True)
    with replaced_atomically(out, prefix=".form-", suffix=".docx") as fh:
        doc.save(fh)
    return out


def docx_text(path: Path | str) -> list[str]:
    """Every paragraph of the form, body and table cells, in order (for tests and checks)."""
    from docx import Document as open_docx

    doc = open_docx(str(path))
    lines = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                lines.extend(p.text for p in cell.paragraphs)
    return lines
