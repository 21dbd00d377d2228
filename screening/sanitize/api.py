"""``sanitize_file``: scan → plan → a new file → verify → re-scan (DESIGN.md §5).

The source is never written: the copy goes to another path (the same path, or another name of
the same file, is refused), through a temporary file moved into place. After writing, the copy is
screened again with the same screener; any finding left of a detector and kind the plan was to
remove (or of one the plan *had* to act on at ``block``) is an error (exit 1) with the list.

:meth:`SanitizeResult.to_dict` is what the review record cites: digests (SHA-256 and SM3) of the
input and the output, the plan's actions in masked form, the basis for stripped marks, and what
was left for a person. It never holds a raw value.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import SanitizeError, ScreeningError
from ..model import Finding, Report, Verdict
from ..pipeline import Screener, file_digests
from ..policy import EXIT_BLOCK, EXIT_ERROR, EXIT_PASS
from ..report.names import category_name, kind_name, part_name
from .plan import Outcome, Plan, SanitizeOptions, make_plan

SCHEMA = "screening.sanitize/1"

__all__ = [
    "SanitizeOptions",
    "SanitizeResult",
    "make_plan",
    "plan_file",
    "same_file",
    "sanitize_file",
]


@dataclass
class SanitizeResult:
    """What one ``sanitize`` did. ``exit_code``: 0 clean copy, 1 something remains or could not be
    done, 4 error (nothing written)."""

    input: dict[str, Any]
    output: dict[str, Any] | None
    plan: Plan
    outcome: Outcome | None
    remaining: list[Finding] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    exit_code: int = EXIT_PASS

    def to_dict(self) -> dict[str, Any]:
        outcome = self.outcome
        return {
            "schema": SCHEMA,
            "input": self.input,
            "output": self.output,
            "declassified": self.plan.declassified,
            "basis_type": self.plan.basis_type,
            "mask": self.plan.mask,
            "remove_hidden": self.plan.remove_hidden,
            "actions": [a.to_dict() for a in (outcome.applied if outcome else self.plan.actions)],
            "skipped": [{**a.to_dict(), "why": why} for a, why in (outcome.skipped
                                                                   if outcome else ())],
            "stripped_marks": [{"finding": a.finding_id, "masked": a.masked,
                                "location": a.location.to_dict(), "basis": self.plan.declassified}
                               for a in (outcome.applied if outcome else ())
                               if a.op == "strip_mark"],
            "for_person": list(self.plan.for_person),
            "notes": list(self.plan.notes),
            "rasterised_pages": list(outcome.rasterised_pages) if outcome else [],
            "warnings": list(outcome.warnings) if outcome else [],
            "remaining": [{"finding": f.id, "category": f.category.value, "kind": f.kind,
                           "severity": f.severity.value, "masked": f.masked,
                           "location": f.location.to_dict()} for f in self.remaining],
            "problems": list(self.problems),
            "exit_code": self.exit_code,
        }


def same_file(a: Path, b: Path) -> bool:
    """``a`` and ``b`` are one file (same resolved path, or the same inode)."""
    if Path(os.path.abspath(a)).resolve() == Path(os.path.abspath(b)).resolve():
        return True
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _digests(path: Path) -> dict[str, Any]:
    sha256, sm3 = file_digests(path)
    return {"path": str(path), "sha256": sha256, "sm3": sm3}


def _scan_or_fail(src: Path, screener: Screener) -> Report:
    report = screener.scan(src)
    if report.verdict is Verdict.ERROR or report.document is None:
        err = report.error
        raise SanitizeError(
            f"无法处理 {src}：{err.message if err else '文件无法读取'}",
            message_en=f"cannot sanitize {src}: {err.message_en or err.message if err else ''}",
            code=err.code if err else "unreadable")
    return report


def plan_file(src: Path, options: SanitizeOptions, screener: Screener) -> tuple[Report, Plan]:
    """Scan ``src`` and make its plan (``--plan``: nothing is written)."""
    report = _scan_or_fail(Path(src), screener)
    return report, make_plan(report, options, screener.config)


def _format_sanitizer(fmt: str):
    if fmt == "docx":
        from .docx import sanitize_docx
        return sanitize_docx, None
    if fmt == "pdf":
        from . import pdf
        return pdf.sanitize_pdf, pdf.verify_pdf
    if fmt == "text":
        from .text import sanitize_text
        return sanitize_text, None
    raise SanitizeError(
        f"暂不支持对 {fmt} 格式生成处理后的副本（支持 .docx、.pdf 和文本文件）",
        message_en=f"sanitizing {fmt} files is not supported (.docx, .pdf and text are)",
        code="unsupported_format")


def _targets(plan: Plan) -> set[tuple[str, str]]:
    """(category, kind) pairs the plan removes: none of them may be found in the copy."""
    return {(a.category, a.kind) for a in plan.actions if a.op != "redact"}


_STRIPPED = ("classification_marks.secret_level", "classification_marks.work_secret")


def _remaining(report: Report, plan: Plan) -> list[Finding]:
    targets = _targets(plan)
    stripped = any(a.op == "strip_mark" for a in plan.actions)
    left = []
    for f in report.findings:
        key = (f.category.value, f.kind)
        if f.severity.value == "info":
            continue
        if f.category.value == "personal_data" and plan.mask and f.severity.value == "block":
            left.append(f)   # personal data at block never stays in a sanitized copy
        elif key in targets and (f.category.value == "personal_data"
                                 or (f.category.value == "hidden_content" and plan.remove_hidden)):
            left.append(f)
        elif stripped and key in targets and f.detector in _STRIPPED \
                and not any(p["finding"] == f.id for p in plan.for_person):
            left.append(f)
    return left


def sanitize_file(src: Path, dst: Path, options: SanitizeOptions,
                  screener: Screener) -> SanitizeResult:
    """Scan ``src``, make the plan, write the copy to ``dst``, verify and re-scan it.

    Raises :class:`SanitizeError` (exit 4, nothing written) when ``dst`` is ``src``, ``src``
    cannot be read, the format has no sanitizer, or the format sanitizer refuses (a signed PDF)."""
    src, dst = Path(src), Path(dst)
    if dst.exists() and dst.is_dir():
        raise SanitizeError(f"输出路径 {dst} 是文件夹，请给出文件名",
                            message_en=f"output {dst} is a folder; give a file name",
                            code="bad_output")
    if same_file(src, dst):
        raise SanitizeError("输出文件不能与原文件相同：原文件不得修改，请用 -o 指定另一个文件名",
                            message_en="the output would overwrite the input; the original is "
                                       "never modified, give another -o path", code="same_file")
    if not dst.parent.is_dir():
        raise SanitizeError(f"输出目录 {dst.parent} 不存在",
                            message_en=f"output folder {dst.parent} does not exist",
                            code="bad_output")
    report, plan = plan_file(src, options, screener)
    before = _digests(src)
    if report.sha256 and before["sha256"] != report.sha256:
        raise SanitizeError("文件在检查过程中被修改，未写出副本；请重新执行",
                            message_en="the file changed while it was screened; run again",
                            code="changed")
    sanitize, verify = _format_sanitizer(report.document.format)
    try:
        outcome = sanitize(src, dst, report.document, plan, limits=screener.config.limits)
    except ScreeningError:
        raise
    except (OSError, ValueError) as exc:
        raise SanitizeError(f"写出副本失败：{exc}", message_en=f"writing the copy failed: {exc}",
                            code="write_failed") from exc
    if file_digests(src)[0] != before["sha256"]:   # belt and braces: the original is untouched
        raise SanitizeError("内部错误：原文件被改动", message_en="internal error: input changed",
                            code="internal")
    problems = [f"未能处理：{a.masked}（{a.location.part}）— {why}" for a, why in outcome.skipped]
    if verify is not None:
        problems += list(verify(dst, src, plan, outcome))
    after = screener.scan(dst)
    if after.verdict is Verdict.ERROR:
        problems.append("处理后的副本无法重新检查：" + (after.error.message if after.error else ""))
    remaining = _remaining(after, plan)
    problems += [f"副本中仍有{category_name(f.category.value)}/{kind_name(f.kind)}：{f.masked}"
                 f"（{part_name(f.location.part)}）" for f in remaining]
    return SanitizeResult(input=before, output=_digests(dst), plan=plan, outcome=outcome,
                          remaining=remaining, problems=problems,
                          exit_code=EXIT_BLOCK if problems else EXIT_PASS)


EXIT_CODES = {"ok": EXIT_PASS, "remains": EXIT_BLOCK, "error": EXIT_ERROR}
