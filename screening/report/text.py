"""Human-readable report (placeholder; see the report issue work)."""

from __future__ import annotations

from ..model import Report


def render(report: Report, *, lang: str = "zh", show_suppressed: bool = False) -> str:
    lines = [f"{report.path}: {report.verdict.value}"]
    if report.error:
        lines.append(f"  {report.error.message}")
    for f in report.findings:
        lines.append(f"  [{f.severity.value}] {f.kind} {f.text} ({f.location.part})")
    return "\n".join(lines)


def render_summary(reports, *, lang: str = "zh") -> str:
    return f"{len(reports)} files"
