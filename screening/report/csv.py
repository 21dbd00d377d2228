"""The batch report as a spreadsheet: one row per finding, one row per file without findings.

Written for Excel on a Chinese Windows as much as for scripts: UTF-8 with a byte-order mark (so
Excel does not read it as GBK), CRLF line ends, every field quoted where needed, column names in
Chinese (English with ``lang="en"``). A file without findings (pass, or unreadable) still has its
row, so the sheet lists every file of the batch; an unreadable file's row carries the error code,
the reason and what to do, and a partly read file carries them on each of its rows.

Safety: findings come from the items' masked ``rows`` (:mod:`.rows`) — never a raw personal
value — or, without rows, from the report's ``masked`` fields. A field that Excel would take for a
formula (starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return) gets a leading
apostrophe: document text and file names are untrusted, and a cell like ``=HYPERLINK(…)`` must
stay text (OWASP "CSV injection").

Items are duck-typed like ``screening.batch.model.BatchItem`` (``path``, ``report``, ``rows``,
``seconds``, ``cached``).
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from .names import (basis_words, category_name, error_advice, kind_name, severity_word,
                    verdict_word)
from .rows import rows_from_dict

#: column key → (zh, en), in order
COLUMNS: tuple[tuple[str, tuple[str, str]], ...] = (
    ("path", ("文件", "file")),
    ("verdict", ("结论", "verdict")),
    ("format", ("格式", "format")),
    ("number", ("序号", "no")),
    ("severity", ("严重程度", "severity")),
    ("category", ("类别", "category")),
    ("kind", ("种类", "kind")),
    ("where", ("位置", "where")),
    ("page", ("页码", "page")),
    ("masked", ("内容（已遮盖）", "text (masked)")),
    ("excerpt", ("上下文（已遮盖）", "context (masked)")),
    ("basis", ("依据", "basis")),
    ("advice", ("处理建议", "what to do")),
    ("explanation", ("说明", "why")),
    ("detector", ("检测器", "detector")),
    ("finding_id", ("发现编号", "finding id")),
    ("error_code", ("错误代码", "error code")),
    ("error", ("无法审查的原因", "why not screened")),
    ("error_advice", ("错误处理建议", "what to do about the error")),
    ("seconds", ("用时（秒）", "seconds")),
    ("cached", ("取自缓存", "from cache")),
)

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def header(lang: str = "zh") -> list[str]:
    return [words[1] if lang == "en" else words[0] for _, words in COLUMNS]


def records(items: Iterable[Any], lang: str = "zh") -> list[dict[str, str]]:
    """The rows of the sheet as ``{column key: text}`` (before formula protection)."""
    out = []
    en = lang == "en"
    for item in items:
        report: Mapping[str, Any] = getattr(item, "report", None) or {}
        rows = list(getattr(item, "rows", None) or rows_from_dict(report, lang))
        verdict = str(report.get("verdict", "error"))
        base = {
            "path": str(getattr(item, "path", "") or report.get("path", "")),
            "verdict": verdict_word(verdict, lang),
            "format": str(report.get("format") or ""),
            "seconds": f"{float(getattr(item, 'seconds', 0.0) or 0.0):.3f}",
            "cached": ("yes" if en else "是") if getattr(item, "cached", False) else "",
        }
        error = report.get("error")
        if isinstance(error, Mapping):
            code = str(error.get("code") or "internal")
            message = (en and error.get("message_en")) or error.get("message") or ""
            base.update(error_code=code, error=str(message), error_advice=error_advice(code, lang))
        if not rows:
            out.append(base)
        for number, row in enumerate(rows, 1):
            record = dict(base)
            record.update(
                number=str(number),
                severity=severity_word(str(row.get("severity", "")), lang),
                category=category_name(str(row.get("category", "")), lang),
                kind=kind_name(str(row.get("kind", "")), lang),
                where=str(row.get("where", "")),
                page="" if row.get("page") is None else str(row.get("page")),
                masked=str(row.get("masked", "")),
                excerpt=str(row.get("excerpt", "")),
                basis=basis_words(str(row.get("basis", "")), lang),
                advice=str(row.get("advice", "")),
                explanation=str(row.get("explanation", "")),
                detector=str(row.get("detector", "")),
                finding_id=str(row.get("id", "")),
            )
            out.append(record)
    return out


def write(items: Iterable[Any], path: str | Path, *, lang: str = "zh") -> Path:
    """Write the sheet to ``path`` (UTF-8 with BOM, CRLF). Returns the path."""
    path = Path(path)
    keys = [key for key, _ in COLUMNS]
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh, dialect="excel")
        writer.writerow(header(lang))
        for record in records(items, lang):
            writer.writerow([_cell(record.get(key, "")) for key in keys])
    return path


def _cell(value: str) -> str:
    """Text as Excel must show it: a leading apostrophe keeps a would-be formula as text."""
    return "'" + value if value.startswith(_FORMULA_START) else value
