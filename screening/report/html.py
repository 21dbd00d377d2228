"""The batch report an officer opens in a browser: ONE self-contained HTML file.

What it holds, top to bottom: the summary (files by verdict, findings by category and kind,
unreadable files with the reason and what to do, when and with which tool and plugins), then a
table of files that sorts by any column (click the heading) and filters by verdict, category and
file name; each file unfolds into its findings: severity, category and kind, place, masked text, a
masked context excerpt, basis with its article, why, and what to do. Chinese by default, English
with ``lang="en"``.

Contracts:

* Nothing is loaded from anywhere: the style sheet and the script are inline, no fonts, no images.
  A Content-Security-Policy allows exactly that style sheet and that script (by hash), so even a
  ``<script>`` smuggled past escaping would not run and nothing can call out.
* Every value is escaped (paths, document text and plugin output are untrusted).
* No raw personal value: findings come from the items' ``rows`` (:mod:`.rows`, masked while the
  document was in memory); without rows, from the report's ``masked`` fields — never ``text``.
  File paths are shown as they are (the officer needs them to find the file).

An *item* is anything with the attributes of ``screening.batch.model.BatchItem``: ``path``,
``report`` (the DESIGN §4 object), ``rows`` (from :func:`.rows.finding_rows`), ``seconds`` and
``cached``. ``summary`` (the batch's summary dict) adds what only the runner knows (folders,
workers, wall time); the counts are always computed from the items themselves.
"""

from __future__ import annotations

import base64
import hashlib
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from html import escape
from pathlib import Path
from typing import Any

from ..model import Category
from . import _html_assets as assets
from .names import basis_words, category_name, error_advice, kind_name, severity_word, verdict_word
from .rows import rows_from_dict

VERDICTS = ("pass", "review", "block", "error")
_RANK = {"pass": 0, "review": 1, "block": 2, "error": 3}
SEVERITIES = ("block", "review", "info")
#: findings listed per file; the CSV report has all of them
MAX_ROWS_PER_FILE = 500


def write(items: Iterable[Any], path: str | Path, *, lang: str = "zh",
          summary: Mapping[str, Any] | None = None, title: str | None = None,
          generated: datetime | None = None) -> Path:
    """Render the report and write it to ``path`` (UTF-8). Returns the path."""
    path = Path(path)
    path.write_text(render(items, lang=lang, summary=summary, title=title, generated=generated),
                    encoding="utf-8")
    return path


def render(items: Iterable[Any], *, lang: str = "zh", summary: Mapping[str, Any] | None = None,
           title: str | None = None, generated: datetime | None = None) -> str:
    """The whole report as one HTML string."""
    files = [_File(item, lang) for item in items]
    t = _Words(lang)
    title = title or t.raw("title")
    body = "\n".join([
        _masthead(title, files, summary or {}, generated or datetime.now().astimezone(), t),
        _overview(files, summary or {}, t),
        _kinds(files, t, lang),
        _errors(files, t, lang),
        _file_table(files, t, lang),
        f'<footer>{t("footer")} · screening {escape(_tool(files).get("version", ""))}</footer>',
    ])
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{"en" if lang == "en" else "zh-CN"}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{csp()}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="referrer" content="no-referrer">\n'
        f"<title>{escape(title)}</title>\n<style>{assets.CSS}</style>\n</head>\n<body>\n"
        f"{body}\n<script>{assets.SCRIPT}</script>\n</body>\n</html>\n")


def csp() -> str:
    """The Content-Security-Policy of the report: its own style sheet and script, nothing else."""
    return ("default-src 'none'; "
            f"style-src '{_sha256(assets.CSS)}'; script-src '{_sha256(assets.SCRIPT)}'; "
            "img-src data:; base-uri 'none'; form-action 'none'")


def _sha256(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode()


# -- the files, as the report sees them ------------------------------------------------------------

class _File:
    """One item, read defensively (duck typing over BatchItem)."""

    def __init__(self, item: Any, lang: str):
        report: Mapping[str, Any] = getattr(item, "report", None) or {}
        self.path = str(getattr(item, "path", "") or report.get("path", ""))
        self.report = report
        self.verdict = str(report.get("verdict", "error"))
        self.format = report.get("format") or ""
        self.seconds = float(getattr(item, "seconds", 0.0) or 0.0)
        self.cached = bool(getattr(item, "cached", False))
        rows = getattr(item, "rows", None)
        self.rows: list[Mapping[str, Any]] = (list(rows) if rows
                                              else rows_from_dict(report, lang))
        self.error: Mapping[str, Any] | None = report.get("error")
        self.severities = Counter(str(r.get("severity")) for r in self.rows)


class _Words:
    def __init__(self, lang: str):
        self.en = lang == "en"

    def raw(self, key: str) -> str:
        zh, en = assets.LABELS[key]
        return en if self.en else zh

    def __call__(self, key: str, **fmt: Any) -> str:
        """The words for ``key``, filled in and escaped for HTML."""
        text = self.raw(key)
        return escape(text.format(**fmt) if fmt else text)


def _tool(files: Sequence[_File]) -> Mapping[str, Any]:
    return next((f.report["tool"] for f in files if isinstance(f.report.get("tool"), Mapping)), {})


# -- sections ------------------------------------------------------------------------------------

def _masthead(title: str, files: Sequence[_File], summary: Mapping[str, Any],
              generated: datetime, t: _Words) -> str:
    tool = _tool(files)
    plugins = ", ".join(f"{p.get('name', '')} {p.get('version', '')}".strip()
                        for p in tool.get("plugins", ()) if isinstance(p, Mapping))
    meta = [(t("generated"), generated.strftime("%Y-%m-%d %H:%M")),
            (t("tool"), f"screening {tool.get('version', '')}".strip())]
    roots = summary.get("roots") or summary.get("dirs")
    if roots:
        meta.append((t("roots"), "、".join(map(str, roots)) if not isinstance(roots, str)
                     else roots))
    if summary.get("workers"):
        meta.append((t("workers"), str(summary["workers"])))
    elapsed = summary.get("seconds")
    if isinstance(elapsed, (int, float)) and not isinstance(elapsed, bool):
        meta.append((t("elapsed"), f"{elapsed:.1f} s"))
    if plugins:
        meta.append((t("plugins"), plugins))
    sep = ": " if t.en else "："
    spans = "".join(f"<span>{label}{sep}<b>{escape(value)}</b></span>" for label, value in meta)
    return (f'<header class="masthead"><div class="subtitle">{t("subtitle")}</div>'
            f"<h1>{escape(title)}</h1></header>\n"
            f'<div class="meta">{spans}</div>')


def _overview(files: Sequence[_File], summary: Mapping[str, Any], t: _Words) -> str:
    lang = "en" if t.en else "zh"
    verdicts = Counter(f.verdict for f in files)
    cards = [("", t("files"), len(files))]
    cards += [(f"v-{v}", escape(verdict_word(v, lang)), verdicts[v]) for v in VERDICTS]
    cards.append(("", t("findings"), sum(len(f.rows) for f in files)))
    cached = sum(f.cached for f in files)
    if cached:
        cards.append(("", t("cached_files"), cached))
    html = "".join(f'<div class="card {cls}" id="count-{i}"><div class="n">{n}</div>'
                   f'<div class="l">{label}</div></div>' for i, (cls, label, n) in enumerate(cards))
    return (f'<section id="overview"><h2>{t("s_overview")}</h2>'
            f'<div class="cards">{html}</div>{_skipped(summary, t)}'
            f'<p class="note">{t("masking_note")}</p></section>')


def _skipped(summary: Mapping[str, Any], t: _Words) -> str:
    """What discovery left out (``summary["skipped"]``: reason → count), in words."""
    skipped = summary.get("skipped")
    if not isinstance(skipped, Mapping):
        return ""
    counts = {str(k): n for k, n in skipped.items() if isinstance(n, int) and n > 0}
    if not counts:
        return ""
    try:
        from ..batch.summary import SKIP_REASONS
    except ImportError:  # the runner's words; without them the reason codes
        SKIP_REASONS = {}
    words = [(SKIP_REASONS.get(k, (k, k))[1 if t.en else 0], n) for k, n in counts.items()]
    listed = (", " if t.en else "，").join(
        f"{w} {n}" if t.en else f"{w} {n} 个" for w, n in words)
    sep = ": " if t.en else "："
    return f'<p class="skipped">{t("skipped")}{sep}{escape(listed)}</p>'



def _kinds(files: Sequence[_File], t: _Words, lang: str) -> str:
    counts: Counter[tuple[str, str]] = Counter()
    file_counts: Counter[tuple[str, str]] = Counter()
    for f in files:
        keys = [(str(r.get("category")), str(r.get("kind"))) for r in f.rows]
        counts.update(keys)
        file_counts.update(set(keys))
    if not counts:
        return f'<section id="kinds"><h2>{t("s_kinds")}</h2><p>{t("none_found")}</p></section>'
    order = {c.value: i for i, c in enumerate(Category)}
    rows = []
    for (cat, kind), n in sorted(counts.items(),
                                 key=lambda kv: (order.get(kv[0][0], 99), -kv[1], kv[0][1])):
        rows.append(f'<tr data-category="{escape(cat)}"><td>{escape(category_name(cat, lang))}</td>'
                    f"<td>{escape(kind_name(kind, lang))}</td><td class=\"num\">{n}</td>"
                    f'<td class="num">{file_counts[(cat, kind)]}</td></tr>')
    head = (f'<tr><th>{t("category")}</th><th>{t("kind")}</th><th class="num">{t("count")}</th>'
            f'<th class="num">{t("file_count")}</th></tr>')
    return (f'<section id="kinds"><h2>{t("s_kinds")}</h2><table class="stats">'
            f"<thead>{head}</thead><tbody>{''.join(rows)}</tbody></table></section>")


def _errors(files: Sequence[_File], t: _Words, lang: str) -> str:
    failed = [f for f in files if f.verdict == "error" or f.error]
    if not failed:
        return f'<section id="errors"><h2>{t("s_errors")}</h2><p>{t("no_errors")}</p></section>'
    rows = []
    for f in failed:
        code, message = _error_of(f, t.en)
        rows.append(f"<tr><td>{escape(f.path)}</td><td>{escape(message)}"
                    f' <span class="tag">{escape(code)}</span></td>'
                    f"<td>{escape(error_advice(code, lang))}</td></tr>")
    head = f'<tr><th>{t("path")}</th><th>{t("reason")}</th><th>{t("todo")}</th></tr>'
    return (f'<section id="errors"><h2>{t("s_errors")}</h2><table class="stats">'
            f"<thead>{head}</thead><tbody>{''.join(rows)}</tbody></table></section>")


def _error_of(f: _File, en: bool = False) -> tuple[str, str]:
    error = f.error if isinstance(f.error, Mapping) else {}
    message = (en and error.get("message_en")) or error.get("message") or ""
    return str(error.get("code") or "internal"), str(message)


def _filters(files: Sequence[_File], t: _Words, lang: str) -> str:
    boxes = "".join(f'<label><input type="checkbox" name="verdict" value="{v}" checked> '
                    f"{escape(verdict_word(v, lang))}</label>" for v in VERDICTS)
    present = {str(r.get("category")) for f in files for r in f.rows}
    template = t("shown", shown="{shown}", total="{total}")  # the script fills in the numbers
    options = "".join(f'<option value="{c.value}">{escape(category_name(c.value, lang))}</option>'
                      for c in Category if c.value in present)
    return (f'<div class="filters" role="search">'
            f'<fieldset id="filter-verdict"><legend>{t("verdict")}</legend>{boxes}</fieldset>'
            f'<label>{t("category")} <select id="filter-category">'
            f'<option value="">{t("all_categories")}</option>{options}</select></label>'
            f'<label><input type="search" id="filter-path" placeholder="{t("search")}"'
            f' aria-label="{t("search")}"></label>'
            f'<button type="button" id="expand-all">{t("expand_all")}</button>'
            f'<button type="button" id="collapse-all">{t("collapse_all")}</button>'
            f'<span class="count" id="shown-count" data-template="{template}">'
            f'{t("shown", shown=len(files), total=len(files))}</span></div>')


def _file_table(files: Sequence[_File], t: _Words, lang: str) -> str:
    # (sort as, right-aligned, label)
    heads = [("num", True, t("no")), ("text", False, t("path")), ("num", False, t("verdict"))]
    heads += [("num", True, escape(severity_word(s, lang))) for s in SEVERITIES]
    heads += [("text", False, t("format")), ("num", True, t("seconds"))]
    head = "".join(f'<th class="sortable{" num" if right else ""}" data-type="{kind}"'
                   f' tabindex="0" scope="col">{label}</th>' for kind, right, label in heads)
    bodies = "\n".join(_file_body(i, f, t, lang, len(heads)) for i, f in enumerate(files, 1))
    return (f'<section id="files"><h2>{t("s_files")}</h2>{_filters(files, t, lang)}'
            f'<table id="files-table"><thead><tr>{head}</tr></thead>\n{bodies}\n</table></section>')


def _file_body(i: int, f: _File, t: _Words, lang: str, columns: int) -> str:
    categories = " ".join(sorted({escape(str(r.get("category"))) for r in f.rows}))
    verdict = escape(f.verdict)
    seconds = f"{f.seconds:.2f}" + (f' <span class="tag">{t("cached")}</span>' if f.cached else "")
    counts = "".join(f'<td class="num" data-key="{f.severities[s]}">{f.severities[s]}</td>'
                     for s in SEVERITIES)
    row = (f'<tr class="file-row"><td class="num" data-key="{i}">{i}</td>'
           f'<td data-key="{escape(f.path)}"><button type="button" class="toggle"'
           f' aria-expanded="false" aria-controls="detail-{i}" title="{t("toggle")}">'
           f"{escape(f.path)}</button></td>"
           f'<td data-key="{_RANK.get(f.verdict, 3)}"><span class="badge v-{verdict}">'
           f"{escape(verdict_word(f.verdict, lang))}</span></td>{counts}"
           f"<td>{escape(str(f.format or '—'))}</td>"
           f'<td class="num" data-key="{f.seconds:.6f}">{seconds}</td></tr>')
    detail = (f'<tr class="detail" id="detail-{i}" hidden><td colspan="{columns}">'
              f"{_detail(f, t, lang)}</td></tr>")
    return (f'<tbody class="file v-{verdict}" data-verdict="{verdict}"'
            f' data-categories="{categories}" data-path="{escape(f.path)}">{row}{detail}</tbody>')


def _detail(f: _File, t: _Words, lang: str) -> str:
    parts = []
    if f.error:
        code, message = _error_of(f, t.en)
        sep = ": " if t.en else "："
        parts.append(f'<div class="error-box"><b>{t("reason")}</b>{sep}{escape(message)}'
                     f' <span class="tag">{escape(code)}</span><br><b>{t("todo")}</b>{sep}'
                     f"{escape(error_advice(code, lang))}</div>")
    if not f.rows:
        if not f.error:
            parts.append(f"<p>{t('none_found')}</p>")
        return "".join(parts)
    head = "".join(f'<th class="c-{k}">{t(k)}</th>' for k in
                   ("no", "severity", "what", "where", "masked", "excerpt", "basis", "todo"))
    rows = [_finding_row(n, r, t, lang) for n, r in enumerate(f.rows[:MAX_ROWS_PER_FILE], 1)]
    more = len(f.rows) - MAX_ROWS_PER_FILE
    if more > 0:
        rows.append(f'<tr><td colspan="8">{t("more_rows", n=more)}</td></tr>')
    parts.append(f'<table class="findings"><thead><tr>{head}</tr></thead>'
                 f"<tbody>{''.join(rows)}</tbody></table>")
    return "".join(parts)


def _finding_row(n: int, r: Mapping[str, Any], t: _Words, lang: str) -> str:
    severity = str(r.get("severity", ""))
    category, kind = str(r.get("category", "")), str(r.get("kind", ""))
    before, match, after = (list(r.get("excerpt_parts") or ["", r.get("masked", ""), ""])
                            + ["", "", ""])[:3]
    excerpt = f"{escape(str(before))}<mark>{escape(str(match))}</mark>{escape(str(after))}"
    why = str(r.get("explanation") or "")
    sep = ": " if t.en else "："
    why_html = f'<div class="why">{t("explanation")}{sep}{escape(why)}</div>' if why else ""
    return (f'<tr class="finding" data-category="{escape(category)}"'
            f' data-id="{escape(str(r.get("id", "")))}"><td class="num">{n}</td>'
            f'<td><span class="badge s-{escape(severity)}">{escape(severity_word(severity, lang))}'
            f"</span></td>"
            f"<td>{escape(category_name(category, lang))} · {escape(kind_name(kind, lang))}</td>"
            f"<td>{escape(str(r.get('where', '')))}</td>"
            f'<td class="masked">{escape(str(r.get("masked", "")))}</td>'
            f'<td class="excerpt">{excerpt}</td>'
            f"<td>{escape(basis_words(str(r.get('basis', '')), lang))}</td>"
            f"<td>{escape(str(r.get('advice', '')))}{why_html}</td></tr>")
