"""The fixed parts of the HTML report: its words (Chinese, English), style sheet and script.

Kept as Python constants so the package needs no data files. The report allows exactly this style
sheet and this script by their SHA-256 in its Content-Security-Policy (see :mod:`.html`): nothing
else runs or loads in it, not even a ``<script>`` that escaping somehow missed.
"""

from __future__ import annotations

#: key → (zh, en)
LABELS: dict[str, tuple[str, str]] = {
    "title": ("保密审查批量检查报告", "Batch screening report"),
    "subtitle": ("政府信息公开前保密审查", "Pre-publication secrecy screening"),
    "generated": ("生成时间", "Generated"),
    "tool": ("审查工具", "Tool"),
    "plugins": ("检测插件", "Detector plugins"),
    "roots": ("检查范围", "Folders"),
    "workers": ("并行进程", "Workers"),
    "elapsed": ("总用时", "Wall time"),
    "cached": ("缓存", "cached"),
    "cached_files": ("未改动（取自缓存）", "Unchanged (from cache)"),
    "masking_note": (
        "本报告中的个人信息（身份证号码、手机号码、姓名等）均已按遮盖规则处理，不含原值。"
        "请按“位置”在原文件中查找并处理。",
        "Personal data in this report (ID numbers, phone numbers, names …) is masked; the "
        "report holds no original values. Use “where” to find each place in the file."),
    "s_overview": ("一、总体情况", "1. Overview"),
    "s_kinds": ("二、发现问题分类统计", "2. Findings by category and kind"),
    "s_errors": ("三、无法审查的文件", "3. Files that could not be screened"),
    "s_files": ("四、文件清单及发现明细", "4. Files and findings"),
    "files": ("文件总数", "Files"),
    "skipped": ("未检查（已跳过）", "Not screened (skipped)"),
    "findings": ("发现总数", "Findings"),
    "category": ("类别", "Category"),
    "kind": ("种类", "Kind"),
    "count": ("发现数", "Findings"),
    "file_count": ("涉及文件数", "Files"),
    "none_found": ("未发现问题。", "Nothing was found."),
    "no_errors": ("无。所有文件均已完成审查。", "None. Every file was screened."),
    "path": ("文件", "File"),
    "reason": ("原因", "Reason"),
    "todo": ("处理建议", "What to do"),
    "filters": ("筛选", "Filter"),
    "verdict": ("结论", "Verdict"),
    "all_categories": ("全部类别", "All categories"),
    "search": ("按文件名查找", "Find by file name"),
    "expand_all": ("全部展开", "Expand all"),
    "collapse_all": ("全部收起", "Collapse all"),
    "shown": ("显示 {shown} / {total} 个文件", "Showing {shown} of {total} files"),
    "no": ("序号", "No."),
    "format": ("格式", "Format"),
    "seconds": ("用时（秒）", "Seconds"),
    "severity": ("严重程度", "Severity"),
    "what": ("类别 · 种类", "Category · kind"),
    "where": ("位置", "Where"),
    "masked": ("内容（已遮盖）", "Text (masked)"),
    "excerpt": ("上下文", "Context"),
    "basis": ("依据", "Basis"),
    "explanation": ("说明", "Why"),
    "nothing": ("未发现问题", "nothing found"),
    "more_rows": ("另有 {n} 项未列出（见 CSV 报告）", "{n} more not listed (see the CSV report)"),
    "toggle": ("展开或收起本文件的发现", "Show or hide this file's findings"),
    "footer": ("本报告为离线文件，不引用任何外部资源。", "This report is a self-contained offline "
               "file; it loads nothing from the network."),
}


CSS = """
:root {
  --ink: #1f2328; --muted: #5b6470; --line: #d8dde3; --paper: #ffffff; --bg: #f4f5f7;
  --red: #b3261e; --red-bg: #fdecea; --amber: #8a5a00; --amber-bg: #fff4d6;
  --green: #1e6b3a; --green-bg: #e6f4ea; --purple: #6a1b9a; --purple-bg: #f3e5f5;
  --blue: #2f5d8a; --blue-bg: #e8f0f8; --head: #f0f2f5;
  --sans: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Hiragino Sans GB",
          "Microsoft YaHei", "微软雅黑", "WenQuanYi Micro Hei", "SimHei", "黑体", system-ui,
          "Segoe UI", Arial, sans-serif;
  --serif: "FZXiaoBiaoSong-B05S", "方正小标宋简体", "STZhongsong", "华文中宋", "Noto Serif CJK SC",
           "Source Han Serif SC", "Songti SC", "SimSun", "宋体", serif;
}
* { box-sizing: border-box; }
[hidden] { display: none !important; }
html { background: var(--bg); }
body { margin: 0 auto; max-width: 1280px; padding: 24px 28px 40px; background: var(--paper);
       color: var(--ink); font: 14px/1.6 var(--sans); }
header.masthead { text-align: center; border-bottom: 3px solid var(--red); padding-bottom: 10px;
                  margin-bottom: 4px; }
header.masthead .subtitle { color: var(--red); letter-spacing: .3em; font-size: 13px; }
h1 { font: 700 26px/1.4 var(--serif); color: var(--red); margin: 4px 0 0; letter-spacing: .08em; }
.rule2 { border-top: 1px solid var(--red); margin: 0 0 14px; }
.meta { color: var(--muted); font-size: 12.5px; display: flex; flex-wrap: wrap;
        gap: 4px 22px; justify-content: center; margin: 8px 0 6px; }
.meta b { color: var(--ink); font-weight: 600; }
h2 { font: 700 17px/1.5 var(--sans); margin: 26px 0 10px; padding-left: 10px;
     border-left: 4px solid var(--red); }
.note { background: var(--blue-bg); border: 1px solid #c9d9ea; color: #23425f; padding: 8px 12px;
        border-radius: 4px; font-size: 13px; margin: 10px 0; }
.skipped { color: var(--muted); font-size: 13px; margin: 8px 0 0; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(140px, 1fr)); gap: 10px; }
.card { border: 1px solid var(--line); border-radius: 6px; padding: 10px 12px;
        background: #fafbfc; }
.card .n { font-size: 26px; font-weight: 700; line-height: 1.2;
           font-variant-numeric: tabular-nums; }
.card .l { color: var(--muted); font-size: 12.5px; }
.card.v-pass .n { color: var(--green); } .card.v-review .n { color: var(--amber); }
.card.v-block .n { color: var(--red); } .card.v-error .n { color: var(--purple); }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid var(--line); padding: 6px 8px; text-align: left; vertical-align: top; }
th { background: var(--head); font-weight: 600; white-space: nowrap; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
table.stats { width: auto; min-width: 520px; }
.badge { display: inline-block; padding: 0 8px; border-radius: 10px; font-size: 12.5px;
         white-space: nowrap; border: 1px solid transparent; }
.badge.v-pass { background: var(--green-bg); color: var(--green); border-color: #b7dfc3; }
.badge.v-review, .badge.s-review { background: var(--amber-bg); color: var(--amber);
                                   border-color: #f0d48a; }
.badge.v-block, .badge.s-block { background: var(--red-bg); color: var(--red);
                                 border-color: #f3b8b2; }
.badge.v-error { background: var(--purple-bg); color: var(--purple); border-color: #dcc0e6; }
.badge.s-info { background: var(--blue-bg); color: var(--blue); border-color: #c9d9ea; }
body:not(.js) .filters, body:not(.js) #files-table th.sortable::after { display: none; }
.filters { display: flex; flex-wrap: wrap; gap: 8px 18px; align-items: center; padding: 10px 12px;
           border: 1px solid var(--line); background: #fafbfc; border-radius: 6px;
           margin-bottom: 10px; }
.filters fieldset { border: 0; margin: 0; padding: 0; display: flex; gap: 10px;
                    align-items: center; }
.filters legend { float: left; margin-right: 6px; font-weight: 600; }
.filters label { white-space: nowrap; cursor: pointer; }
.filters input[type=search], .filters select { font: inherit; padding: 3px 6px;
           border: 1px solid #b9c0c8;
           border-radius: 4px; background: #fff; }
.filters button { font: inherit; padding: 3px 10px; border: 1px solid #b9c0c8; border-radius: 4px;
                  background: #fff; cursor: pointer; }
.filters .count { margin-left: auto; color: var(--muted); }
#files-table th.sortable { cursor: pointer; user-select: none; }
#files-table th.sortable::after { content: " \\2195"; color: #a0a7b0; font-size: 11px; }
#files-table th[aria-sort=ascending]::after { content: " \\25B2"; color: var(--ink); }
#files-table th[aria-sort=descending]::after { content: " \\25BC"; color: var(--ink); }
#files-table tr.file-row:hover td { background: #f7f9fb; }
#files-table tbody.v-block tr.file-row td:first-child { box-shadow: inset 4px 0 0 var(--red); }
#files-table tbody.v-review tr.file-row td:first-child { box-shadow: inset 4px 0 0 #e0a800; }
#files-table tbody.v-error tr.file-row td:first-child { box-shadow: inset 4px 0 0 var(--purple); }
button.toggle { all: unset; cursor: pointer; color: #1a4f8b; word-break: break-all; }
button.toggle::before { content: "\\25B8 "; color: var(--muted); }
button.toggle[aria-expanded=true]::before { content: "\\25BE "; }
button.toggle:focus-visible { outline: 2px solid #1a4f8b; }
tr.detail > td { background: #fbfcfd; padding: 10px 12px 14px 28px; }
table.findings th, table.findings td { font-size: 13px; }
table.findings .c-what { min-width: 8.5em; } table.findings .c-where { min-width: 9em; }
table.findings .c-masked { min-width: 13em; } table.findings .c-excerpt { min-width: 16em; }
table.findings .c-basis { min-width: 11em; } table.findings .c-todo { min-width: 18em; }
table.findings td.masked { font-family: ui-monospace, "Cascadia Mono", Consolas, monospace;
                           white-space: pre-wrap; word-break: break-all; }
.excerpt { color: var(--muted); word-break: break-all; }
.excerpt mark { background: #ffe58f; color: var(--ink); padding: 0 1px; }
.why { color: var(--muted); font-size: 12.5px; margin-top: 4px; }
.error-box { border-left: 4px solid var(--purple); background: var(--purple-bg); padding: 6px 10px;
             margin-bottom: 8px; }
.tag { font-size: 11.5px; color: var(--muted); border: 1px solid var(--line); border-radius: 3px;
       padding: 0 4px; margin-left: 4px; }
footer { margin-top: 30px; padding-top: 10px; border-top: 1px solid var(--line);
         color: var(--muted);
         font-size: 12px; text-align: center; }
@media print {
  html, body { background: #fff; } body { max-width: none; padding: 0; }
  .filters { display: none; } tr.detail[hidden] { display: table-row !important; }
  button.toggle::before { content: ""; }
}
"""


SCRIPT = """
(function () {
  "use strict";
  var table = document.getElementById("files-table");
  if (!table) { return; }
  document.body.classList.add("js");  // filters and sorting work: show them
  function each(list, fn) { Array.prototype.forEach.call(list, fn); }
  function bodies() { return Array.prototype.slice.call(table.tBodies); }

  function applyFilters() {
    var verdicts = {};
    each(document.querySelectorAll("input[name=verdict]"), function (cb) {
      if (cb.checked) { verdicts[cb.value] = true; }
    });
    var cat = document.getElementById("filter-category").value;
    var q = document.getElementById("filter-path").value.trim().toLowerCase();
    var shown = 0;
    bodies().forEach(function (tb) {
      var cats = (tb.getAttribute("data-categories") || "").split(" ");
      var ok = !!verdicts[tb.getAttribute("data-verdict")] &&
               (cat === "" || cats.indexOf(cat) >= 0) &&
               (q === "" || tb.getAttribute("data-path").toLowerCase().indexOf(q) >= 0);
      tb.hidden = !ok;
      if (ok) { shown += 1; }
      each(tb.querySelectorAll("tr.finding"), function (tr) {
        tr.hidden = cat !== "" && tr.getAttribute("data-category") !== cat;
      });
    });
    var count = document.getElementById("shown-count");
    count.textContent = count.getAttribute("data-template")
      .replace("{shown}", String(shown)).replace("{total}", String(bodies().length));
  }

  function sortBy(th) {
    var index = Array.prototype.indexOf.call(th.parentNode.children, th);
    var numeric = th.getAttribute("data-type") === "num";
    var dir = th.getAttribute("aria-sort") === "ascending" ? -1 : 1;
    each(table.tHead.querySelectorAll("th"), function (h) { h.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", dir === 1 ? "ascending" : "descending");
    var rows = bodies().map(function (tb, i) {
      var cell = tb.rows[0].cells[index];
      var key = cell.getAttribute("data-key");
      if (key === null) { key = cell.textContent; }
      var number = parseFloat(tb.rows[0].cells[0].getAttribute("data-key"));
      return { tb: tb, key: numeric ? parseFloat(key) : key, n: isNaN(number) ? i : number };
    });
    rows.sort(function (a, b) {  // ties keep the batch order
      var c = numeric ? a.key - b.key : String(a.key).localeCompare(String(b.key), "zh-CN");
      return c !== 0 ? c * dir : a.n - b.n;
    });
    rows.forEach(function (r) { table.appendChild(r.tb); });
  }

  function setOpen(tb, open) {
    var button = tb.querySelector("button.toggle");
    var detail = tb.querySelector("tr.detail");
    if (!button || !detail) { return; }
    detail.hidden = !open;
    button.setAttribute("aria-expanded", open ? "true" : "false");
  }

  each(table.tHead.querySelectorAll("th.sortable"), function (th) {
    th.addEventListener("click", function () { sortBy(th); });
    th.addEventListener("keydown", function (e) {
      if (e.key === "Enter" || e.key === " ") { e.preventDefault(); sortBy(th); }
    });
  });
  each(table.querySelectorAll("button.toggle"), function (button) {
    button.addEventListener("click", function () {
      var tb = button.closest("tbody");
      setOpen(tb, button.getAttribute("aria-expanded") !== "true");
    });
  });
  each(document.querySelectorAll("input[name=verdict], #filter-category, #filter-path"),
    function (el) {
      el.addEventListener("input", applyFilters);
      el.addEventListener("change", applyFilters);
    });
  document.getElementById("expand-all").addEventListener("click", function () {
    bodies().forEach(function (tb) { if (!tb.hidden) { setOpen(tb, true); } });
  });
  document.getElementById("collapse-all").addEventListener("click", function () {
    bodies().forEach(function (tb) { setOpen(tb, false); });
  });
  window.screeningReport = { applyFilters: applyFilters, sortBy: sortBy, setOpen: setOpen };
  applyFilters();
})();
"""
