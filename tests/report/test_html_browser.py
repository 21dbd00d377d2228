"""The HTML report in a real browser: headless Chromium (Debian's ``chromium`` package).

Nothing is downloaded: Chromium opens the report from disk with networking features off; the
report's own Content-Security-Policy forbids any request. A copy of the report gets one extra
script (allowed by adding its hash to the policy) that clicks the column headings, the verdict
boxes, the category list, the search box and the expand buttons, and writes what it saw into the
page; ``--dump-dom`` returns the page and the test reads the results back. Screenshots of the
report as opened and with two files unfolded go to ``tests/out/html_report/`` (git-ignored) for
people to look at; the test checks they show the report's colours (the style sheet applied).

Skipped, with the reason, when no Chromium is installed (``apt-get install -y chromium``).
"""

from __future__ import annotations

import base64
import hashlib
import html as htmllib
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from screening.report import html
from tests.report.test_html import (GENERATED, MARKED_NAME, RAW, SUMMARY, XSS_NAME,
                                    sample_items)

CHROMIUM = next((p for p in (shutil.which("chromium"), shutil.which("chromium-browser"),
                             "/usr/bin/chromium") if p and Path(p).exists()), None)

pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="headless Chromium is not installed (Debian: apt-get install -y "
                             "chromium); the HTML report was not tested in a browser")

OUT = Path(__file__).resolve().parents[1] / "out" / "html_report"
WIDTH, HEIGHT = 1366, 2200
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-default-apps", "--disable-extensions", "--hide-scrollbars", "--mute-audio")


def chromium(url: Path, *args: str, profile: Path) -> str:
    """Run headless Chromium on a file with a fresh profile; its stdout."""
    done = subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *args, url.as_uri()],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def with_script(page: str, script: str) -> str:
    """The report with ``script`` appended and allowed by its hash in the policy."""
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    allowed = page.replace("script-src '", f"script-src 'sha256-{digest}' '", 1)
    assert allowed != page
    return allowed.replace("</body>", f"<script>{script}</script>\n</body>", 1)


#: clicks through the report and writes what it saw into <pre id="test-result">
EXERCISE = """
(function () {
  var out = {}, table = document.getElementById("files-table");
  function list(nodes) { return Array.prototype.slice.call(nodes); }
  function shown(el) { return !el.hidden && el.getClientRects().length > 0; }
  function path(b) { return b.getAttribute("data-path"); }
  function order() { return list(table.tBodies).map(path); }
  function visible() { return list(table.tBodies).filter(shown).map(path); }
  function th(n) { return table.tHead.rows[0].cells[n]; }
  function count() { return document.getElementById("shown-count").textContent; }
  function verdict(v) { return document.querySelector("input[name=verdict][value=" + v + "]"); }
  function detail(i) { return table.tBodies[i].querySelector("tr.detail"); }
  out.initial = visible(); out.count = count();
  out.detailsShown = list(table.querySelectorAll("tr.detail")).filter(shown).length;
  th(2).click(); out.verdictAsc = order(); out.ariaAsc = th(2).getAttribute("aria-sort");
  th(2).click(); out.verdictDesc = order(); out.ariaDesc = th(2).getAttribute("aria-sort");
  th(3).click(); th(3).click(); out.blockDesc = order();
  th(7).click(); out.secondsAsc = order();
  th(1).click(); out.pathAsc = order();
  th(0).click(); out.numberAsc = order(); out.ariaOthers = th(2).getAttribute("aria-sort");
  verdict("pass").click(); verdict("error").click();
  out.noPassNoError = visible(); out.countFiltered = count();
  var select = document.getElementById("filter-category");
  select.value = "personal_data"; select.dispatchEvent(new Event("change"));
  out.personalAndVerdicts = visible();
  verdict("pass").click(); verdict("error").click();
  out.personal = visible();
  var people = table.tBodies[1];
  people.querySelector("button.toggle").click();
  out.personalRowsShown = list(people.querySelectorAll("tr.finding")).filter(shown)
    .map(function (r) { return r.getAttribute("data-category"); });
  select.value = ""; select.dispatchEvent(new Event("change"));
  out.allRowsShown = list(people.querySelectorAll("tr.finding")).filter(shown).length;
  function state() {
    return [shown(detail(1)), people.querySelector("button.toggle").getAttribute("aria-expanded")];
  }
  out.expanded = state();
  people.querySelector("button.toggle").click();
  out.collapsed = state();
  var search = document.getElementById("filter-path");
  search.value = "低保"; search.dispatchEvent(new Event("input"));
  out.search = visible(); out.countSearch = count();
  search.value = ""; search.dispatchEvent(new Event("input"));
  document.getElementById("expand-all").click();
  out.expandAll = list(table.querySelectorAll("tr.detail")).filter(shown).length;
  document.getElementById("collapse-all").click();
  out.collapseAll = list(table.querySelectorAll("tr.detail")).filter(shown).length;
  out.images = document.images.length; out.title = document.title;
  out.fontFamily = getComputedStyle(document.body).fontFamily;
  var pre = document.createElement("pre"); pre.id = "test-result";
  pre.textContent = JSON.stringify(out); document.body.appendChild(pre);
})();
"""

UNFOLD = """
var bodies = document.getElementById("files-table").tBodies;
bodies[0].querySelector("button.toggle").click();
bodies[1].querySelector("button.toggle").click();
"""


@pytest.fixture(scope="module")
def report_files(tmp_path_factory, screener):
    items = sample_items(tmp_path_factory.mktemp("batch"), screener)
    page = html.render(items, generated=GENERATED,
                       summary=SUMMARY)
    OUT.mkdir(parents=True, exist_ok=True)
    report = OUT / "report.html"
    report.write_text(page, encoding="utf-8")
    return items, page, report


def exercise(page: str, tmp_path: Path) -> dict:
    copy = tmp_path / "exercise.html"
    copy.write_text(with_script(page, EXERCISE), encoding="utf-8")
    dom = chromium(copy, "--dump-dom", profile=tmp_path / "profile")
    m = re.search(r'<pre id="test-result">(.*?)</pre>', dom, re.S)
    assert m, "the test script did not run: " + dom[-500:]
    return json.loads(htmllib.unescape(m.group(1)))


def test_sorting_filters_and_folding_work_in_chromium(report_files, tmp_path):
    items, page, _ = report_files
    paths = [i.path for i in items]
    r = exercise(page, tmp_path)
    by = dict(zip(paths, items))

    def verdict_rank(p):
        return {"pass": 0, "review": 1, "block": 2, "error": 3}[by[p].report["verdict"]]

    assert r["initial"] == paths and r["count"] == "显示 7 / 7 个文件"
    assert r["detailsShown"] == 0
    # verdict sorts by severity (pass < review < block < error), ties keep the batch order
    assert r["verdictAsc"] == sorted(paths, key=verdict_rank) and r["ariaAsc"] == "ascending"
    assert r["verdictDesc"] == sorted(paths, key=lambda p: -verdict_rank(p))
    assert r["ariaDesc"] == "descending"
    blocks = [sum(x["severity"] == "block" for x in by[p].rows) for p in paths]
    assert r["blockDesc"] == [p for _, p in sorted(zip(blocks, paths), key=lambda t: -t[0])]
    assert r["secondsAsc"] == sorted(paths, key=lambda p: by[p].seconds)
    # file names sort in Chinese (pinyin) order: 公开 gōng, 内部 nèi, 损坏 sǔn, 通知 tōng …
    root = Path(paths[0]).parents[1]
    assert [Path(p).relative_to(root).parts[0] if p.startswith("/") else p.split("/")[0]
            for p in r["pathAsc"]] == ["公开", MARKED_NAME, "损坏", "通知", "方案", "名单", "名单"]
    assert r["pathAsc"][5:] == [XSS_NAME, paths[1]]
    assert r["numberAsc"] == paths and r["ariaOthers"] is None
    # verdict boxes and the category list
    assert r["noPassNoError"] == [p for p in paths
                                  if by[p].report["verdict"] in ("block", "review")]
    assert r["countFiltered"] == "显示 4 / 7 个文件"
    personal = [p for p in paths if any(x["category"] == "personal_data" for x in by[p].rows)]
    assert personal == [paths[1], XSS_NAME]
    assert r["personalAndVerdicts"] == personal and r["personal"] == personal
    assert r["personalRowsShown"] == ["personal_data"] * 6  # the comment row is hidden
    assert r["allRowsShown"] == 7
    assert r["expanded"] == [True, "true"] and r["collapsed"] == [False, "false"]
    assert r["search"] == [paths[1]] and r["countSearch"] == "显示 1 / 7 个文件"
    assert r["expandAll"] == 7 and r["collapseAll"] == 0
    # markup in file names and text stayed text
    assert r["images"] == 0 and r["title"] == "保密审查批量检查报告"
    assert "Noto Sans CJK SC" in r["fontFamily"]


def test_a_script_smuggled_into_the_report_does_not_run(report_files, tmp_path):
    _, page, _ = report_files
    evil = page.replace("</body>", '<script>document.title = "pwned";</script></body>', 1)
    copy = tmp_path / "evil.html"
    copy.write_text(evil, encoding="utf-8")
    dom = chromium(copy, "--dump-dom", profile=tmp_path / "profile")
    assert "<title>保密审查批量检查报告</title>" in dom
    assert "pwned</title>" not in dom
    # and the report's own script did run under the same policy
    assert '<body class="js">' in dom


def test_screenshots_for_people_to_look_at(report_files, tmp_path):
    from PIL import Image

    _, page, report = report_files
    shots = {"report.png": report}
    unfolded = OUT / "report-unfolded.html"
    unfolded.write_text(with_script(page, UNFOLD), encoding="utf-8")
    shots["report-unfolded.png"] = unfolded
    for name, source in shots.items():
        target = OUT / name
        target.unlink(missing_ok=True)
        chromium(source, f"--screenshot={target}", f"--window-size={WIDTH},{HEIGHT}",
                 profile=tmp_path / f"profile-{name}")
        assert target.exists(), name
        with Image.open(target) as image:
            assert image.size == (WIDTH, HEIGHT)
            colours = image.convert("RGB").getcolors(maxcolors=1 << 20)
        red = sum(n for n, (r, g, b) in colours if r > 150 and g < 70 and b < 70)
        assert red > 2000, f"{name}: the red masthead is missing (style sheet not applied?)"
        print(f"screenshot: {target}")
    # the screenshots' page holds no raw value either
    assert not [raw for raw in RAW if raw in report.read_text(encoding="utf-8")]
