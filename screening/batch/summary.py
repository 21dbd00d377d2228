"""The summary of a batch: the dict the report writers get (its shape is documented in
:mod:`screening.batch.model`) and the table ``screen batch`` prints at the end, in Chinese or
English: files by verdict, findings by category and kind, unreadable files with the reason and
what to do, and what was skipped.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from ..model import Category, Verdict
from ..policy import exit_code, worst
from ..report.names import category_name, error_advice, kind_name, severity_word, verdict_word
from .model import BatchItem

VERDICT_ORDER = ("pass", "review", "block", "error")
SEVERITY_ORDER = ("block", "review", "info")

#: words for the skip reasons of :class:`~screening.batch.discover.Discovery`
SKIP_REASONS: dict[str, tuple[str, str]] = {
    "hidden": ("隐藏文件或文件夹", "hidden files or folders"),
    "temporary": ("临时文件（如 ~$ 开头的 Office 锁定文件）", "temporary or lock files"),
    "excluded": ("被 --exclude 排除", "excluded by --exclude"),
    "not_included": ("不符合 --include", "not matched by --include"),
    "not_document": ("不是文档（图片等）", "not documents (images and other binaries)"),
    "empty": ("空文件", "empty files"),
    "unreadable": ("无法进入的文件夹", "folders that could not be entered"),
    "link_loop": ("重复的链接文件夹", "folders reached again through a link"),
    "broken_link": ("失效的链接", "broken links"),
}


def summarize(items: Sequence[BatchItem], *, skipped: Mapping[str, int] | None = None,
              workers: int | None = 1, seconds: float = 0.0, started: datetime | None = None
              ) -> dict[str, Any]:
    """The summary dict of ``items`` (see :mod:`screening.batch.model` for its shape)."""
    verdicts = Counter(item.verdict for item in items)
    top = worst(Verdict(item.verdict) for item in items)
    findings = [f for item in items for f in item.report["findings"]]
    categories = Counter(f["category"] for f in findings)
    kinds = Counter((f["category"], f["kind"]) for f in findings)
    order = {c.value: i for i, c in enumerate(Category)}
    unreadable = [
        {"path": item.path, "code": item.report["error"]["code"],
         "message": item.report["error"]["message"],
         "message_en": item.report["error"].get("message_en") or item.report["error"]["message"]}
        for item in sorted(items, key=lambda i: i.path)
        if item.verdict == "error" and item.report.get("error")]
    scan_seconds = sum(item.seconds for item in items)
    return {
        "files": len(items),
        "verdicts": {v: verdicts[v] for v in VERDICT_ORDER},
        "worst": top.value,
        "exit_code": exit_code(top),
        "findings": {
            "total": len(findings),
            "by_severity": {s: sum(1 for f in findings if f["severity"] == s)
                            for s in SEVERITY_ORDER},
            "by_category": {c: categories[c] for c in sorted(categories,
                                                             key=lambda c: order.get(c, 99))},
            "by_kind": [{"category": c, "kind": k, "count": n} for (c, k), n in
                        sorted(kinds.items(),
                               key=lambda kv: (-kv[1], order.get(kv[0][0], 99), kv[0]))],
        },
        "unreadable": unreadable,
        "skipped": dict(sorted((skipped or {}).items())),
        "cached": sum(1 for item in items if item.cached),
        "workers": workers,
        "seconds": round(seconds, 3),
        "scan_seconds": round(scan_seconds, 3),
        "files_per_second": round(len(items) / seconds, 1) if seconds > 0 else None,
        "started": (started or datetime.now().astimezone()).isoformat(timespec="seconds"),
    }


def render(summary: Mapping[str, Any], *, lang: str = "zh") -> str:
    """The summary table for a terminal (no colours, no trailing newline)."""
    en = lang == "en"
    lines = [_headline(summary, en)]
    rows = [(verdict_word(v, lang), str(summary["verdicts"][v])) for v in VERDICT_ORDER]
    lines += _table(("Verdict", "Files") if en else ("结论", "文件数"), rows)
    findings = summary["findings"]
    if findings["total"]:
        severities = ", ".join(f"{findings['by_severity'][s]} {severity_word(s, lang)}"
                               for s in SEVERITY_ORDER) if en else "，".join(
            f"{severity_word(s, lang)} {findings['by_severity'][s]} 项" for s in SEVERITY_ORDER)
        lines.append("")
        lines.append(f"Findings: {findings['total']} ({severities})" if en
                     else f"发现问题共 {findings['total']} 项（{severities}）")
        rows = [(f"{category_name(k['category'], lang)} · {kind_name(k['kind'], lang)}",
                 str(k["count"])) for k in findings["by_kind"]]
        lines += _table(("Category · kind", "Findings") if en else ("类别 · 种类", "数量"), rows)
    if summary["unreadable"]:
        lines.append("")
        lines.append(f"Could not be screened ({len(summary['unreadable'])}):" if en
                     else f"无法审查的文件（{len(summary['unreadable'])} 个）：")
        for entry in summary["unreadable"]:
            message = entry["message_en"] if en else entry["message"]
            lines.append(f"  {entry['path']}")
            lines.append(f"    {'reason: ' if en else '原因：'}{message}")
            lines.append(f"    {'what to do: ' if en else '处理：'}"
                         f"{error_advice(entry['code'], lang)}")
    order = {reason: i for i, reason in enumerate(SKIP_REASONS)}
    skipped = {k: n for k, n in sorted(summary["skipped"].items(),
                                       key=lambda kv: (order.get(kv[0], 99), kv[0])) if n}
    if skipped:
        words = [(SKIP_REASONS.get(k, (k, k))[1 if en else 0], n) for k, n in skipped.items()]
        lines.append("")
        lines.append(("Not screened (skipped): " + ", ".join(f"{w} {n}" for w, n in words)) if en
                     else "未检查（已跳过）：" + "，".join(f"{w} {n} 个" for w, n in words))
    return "\n".join(lines)


def render_files(items: Sequence[BatchItem], *, lang: str = "zh") -> str:
    """The files that need someone's attention (block, then review), one line each with what was
    found: ``  报告/通知.docx  不得发布（阻止）：密级标志 1，身份证号码 2``. Empty when none."""
    en = lang == "en"
    lines = []
    for verdict in ("block", "review"):
        chosen = [item for item in items if item.verdict == verdict]
        if not chosen:
            continue
        word = verdict_word(verdict, lang)
        lines.append(f"{word} ({len(chosen)}):" if en else f"{word}（{len(chosen)} 个）：")
        for item in sorted(chosen, key=lambda i: i.path):
            kinds = Counter(f["kind"] for f in item.report["findings"]
                            if f["severity"] != "info")
            what = (", " if en else "，").join(f"{kind_name(k, lang)} {n}"
                                               for k, n in kinds.most_common())
            lines.append(f"  {item.path}  {what}")
    return "\n".join(lines)


def _headline(summary: Mapping[str, Any], en: bool) -> str:
    n, cached, workers = summary["files"], summary["cached"], summary["workers"]
    seconds, rate = summary["seconds"], summary["files_per_second"]
    if en:
        text = f"{n} files screened in {seconds:.1f} s"
        if rate:
            text += f" ({rate:g} files/s, " + (f"{workers} workers)" if workers else "Dask)")
        if cached:
            text += f"; {cached} unchanged, taken from the cache"
        return text
    text = f"共检查 {n} 个文件，用时 {seconds:.1f} 秒"
    if rate:
        text += f"（每秒 {rate:g} 个，" + (f"{workers} 个工作进程）" if workers else "Dask 集群）")
    if cached:
        text += f"；其中 {cached} 个未改动，使用上次的结果"
    return text


def _table(header: tuple[str, str], rows: Sequence[tuple[str, str]]) -> list[str]:
    """Two columns: names left-aligned, numbers right-aligned under their heading."""
    name_width = max(_width(r[0]) for r in (header, *rows))
    count_width = max(_width(r[1]) for r in (header, *rows))
    return [f"  {name}{' ' * (name_width - _width(name))}  "
            f"{' ' * (count_width - _width(value))}{value}" for name, value in (header, *rows)]


def _width(text: str) -> int:
    """Display width: CJK characters take two columns."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
