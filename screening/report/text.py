"""The report for a person at a terminal (Chinese by default, English with ``lang="en"``).

Per file: a one-line summary (path, verdict in words, counts by severity), then every finding
numbered with its severity, what it is, the text as it stands in the document (the drafter needs it
to find the place), where it is, the legal basis with its article, why the detector fired, and what
to do. A file that could not be screened says why and what to do next.

``color=True`` adds ANSI colours (the CLI passes it only when writing to a terminal); the default
output has no control characters, so it is safe for pipes, files and tests.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence

import click

from ..model import Category, Finding, Report
from . import where
from .names import (advice, basis_words, category_name, error_advice, kind_name, severity_word,
                    verdict_word)

_COLOURS = {"block": "red", "error": "magenta", "review": "yellow", "info": "cyan",
            "pass": "green"}
_SEVERITY_ORDER = ("block", "review", "info")

_LABELS = {
    "text": ("原文", "text"), "where": ("位置", "where"), "basis": ("依据", "basis"),
    "why": ("说明", "why"), "todo": ("处理", "what to do"), "reason": ("原因", "reason"),
    "filtered_by": ("过滤原因", "suppressed by"),
}


def _label(key: str, lang: str) -> str:
    zh, en = _LABELS[key]
    return f"{en}: " if lang == "en" else f"{zh}："


def _paint(text: str, key: str, color: bool, bold: bool = False) -> str:
    if not color:
        return text
    return click.style(text, fg=_COLOURS.get(key), bold=bold)


def severity_counts(findings: Iterable[Finding], lang: str = "zh") -> str:
    """``阻止 1 项，需审查 2 项，提示 0 项`` / ``1 block, 2 review, 0 info``."""
    counts = Counter(f.severity.value for f in findings)
    if lang == "en":
        return ", ".join(f"{counts[s]} {severity_word(s, lang)}" for s in _SEVERITY_ORDER)
    return "，".join(f"{severity_word(s, lang)} {counts[s]} 项" for s in _SEVERITY_ORDER)


def headline(report: Report, lang: str = "zh", color: bool = False) -> str:
    """The one-line summary of a file."""
    verdict = _paint(verdict_word(report.verdict.value, lang), report.verdict.value, color, True)
    sep = ": " if lang == "en" else "："
    line = f"{report.path}{sep}{verdict}"
    if report.error is not None and not report.findings:
        return line
    if not report.findings:
        return line + (" — nothing found" if lang == "en" else " — 未发现问题")
    return f"{line} — {severity_counts(report.findings, lang)}"


def render_finding(number: int, finding: Finding, report: Report, lang: str = "zh",
                   color: bool = False, indent: str = "  ") -> list[str]:
    sev = finding.severity.value
    word = severity_word(sev, lang)
    tag = f"[{word}]" if lang == "en" else f"【{word}】"
    what = f"{category_name(finding.category.value, lang)} · {kind_name(finding.kind, lang)}"
    pad = indent + " " * (len(str(number)) + 2)
    space = " " if lang == "en" else ""
    place = where.describe(finding, report.document, lang, report.format)
    lines = [f"{indent}{number}. {_paint(tag, sev, color, True)}{space}{what}",
             f"{pad}{_label('text', lang)}{finding.text}",
             f"{pad}{_label('where', lang)}{place}",
             f"{pad}{_label('basis', lang)}{basis_words(finding.basis, lang)}"]
    if finding.explanation:
        lines.append(f"{pad}{_label('why', lang)}{finding.explanation}")
    lines.append(f"{pad}{_label('todo', lang)}{advice(finding, lang)}")
    if finding.suppressed_by:
        lines.append(f"{pad}{_label('filtered_by', lang)}{finding.suppressed_by}")
    return lines


def render(report: Report, *, lang: str = "zh", show_suppressed: bool = False,
           color: bool = False) -> str:
    """The report of one file, as lines of text (no trailing newline)."""
    lines = [headline(report, lang, color)]
    if report.error is not None:
        lines.append(f"  {_label('reason', lang)}{_error_message(report, lang)}")
        lines.append(f"  {_label('todo', lang)}{error_advice(report.error.code, lang)}")
    for number, finding in enumerate(report.findings, 1):
        lines.extend(render_finding(number, finding, report, lang, color))
    if report.suppressed:
        n = len(report.suppressed)
        if show_suppressed:
            lines.append(f"  Suppressed ({n}, not counted):" if lang == "en"
                         else f"  已过滤 {n} 项（不计入结论）：")
            for number, finding in enumerate(report.suppressed, 1):
                lines.extend(render_finding(number, finding, report, lang, False, indent="    "))
        else:
            lines.append(f"  {n} more suppressed by the allow-list or filters "
                         "(--show-suppressed lists them)" if lang == "en" else
                         f"  另有 {n} 项已被允许清单等过滤，不计入结论"
                         "（加 --show-suppressed 查看）")
    return "\n".join(lines)


def _error_message(report: Report, lang: str) -> str:
    error = report.error
    assert error is not None
    if lang == "en":
        return error.message_en or error.message
    return error.message


def render_summary(reports: Sequence[Report], *, lang: str = "zh", color: bool = False) -> str:
    """Several files: how many per verdict, and the findings by category and kind."""
    en = lang == "en"
    verdicts = Counter(r.verdict.value for r in reports)
    parts = [f"{_paint(verdict_word(v, lang), v, color)} {verdicts[v]}"
             for v in ("pass", "review", "block", "error")]
    head = (f"{len(reports)} files screened: " if en else f"共检查 {len(reports)} 个文件：")
    lines = [head + " · ".join(parts)]
    kinds = Counter((f.category.value, f.kind) for r in reports for f in r.findings)
    if kinds:
        lines.append("Findings by kind:" if en else "发现（按类别和种类）：")
        names = {key: f"{category_name(key[0], lang)} · {kind_name(key[1], lang)}" for key in kinds}
        width = max(_width(n) for n in names.values())
        order = {c.value: i for i, c in enumerate(Category)}
        for key, count in sorted(kinds.items(),
                                 key=lambda kv: (-kv[1], order.get(kv[0][0], 99), kv[0])):
            name = names[key]
            lines.append(f"  {name}{' ' * (width - _width(name))}  {count}")
    failed = [r.path for r in reports if r.verdict.value == "error"]
    if failed:
        sep = ", " if en else "，"
        lines.append(("Not screened: " if en else "未能审查：") + sep.join(failed))
    return "\n".join(lines)


def _width(text: str) -> int:
    """Display width: CJK characters take two columns."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
