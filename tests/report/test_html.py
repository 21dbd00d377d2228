"""The HTML batch report: self-contained, escaped, masked, with the summary an officer reads.

:func:`sample_items` builds the batch the HTML, CSV and browser tests share: real scans of files
built here (a .docx with a secrecy mark, a clean PDF, a truncated PDF, a text file whose name holds
markup) and reports built as the pipeline would (a list of people with IDs and phones planted, a
partly unreadable file), each turned into a batch item the way the runner does it.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import lxml.html
import pytest

from screening import Basis, Category, Config, Severity
from screening.batch.model import BatchItem, mask_report
from screening.model import ErrorInfo, Report
from screening.report import html
from screening.report.rows import finding_rows
from tests.conftest import make_document
from tests.docbuild.docx import build_docx, table
from tests.docbuild.pdf import build_pdf, truncated_pdf
from tests.report.build import finding, report


MASK = Config().masking
GENERATED = datetime(2024, 11, 5, 9, 30)
#: the parts of the runner's summary the report shows (screening.batch.summary.summarize)
SUMMARY = {"workers": 2, "seconds": 3.25, "skipped": {"not_document": 3, "hidden": 1},
           "roots": ["D:/公开目录"]}

#: raw personal values planted in the people list; none may reach a report
RAW = ("110105196703150014", "13812345678", "6222021234567890123", "44030419850612002X",
       "张三丰", "13900001111")
MASKED = ("110105********0014", "138****5678", "***************0123", "440304********002X",
          "张**", "139****1111")
XSS_NAME = "名单/<script>alert('路径')</script><img src=x onerror=alert(1)>.docx"
XSS_TEXT = "<script>alert('正文')</script>"
MARKED_NAME = "内部资料<img src=x onerror=alert(2)>.txt"  # a real file name with markup


def as_item(rep: Report, *, seconds: float = 0.25, cached: bool = False,
            lang: str = "zh") -> BatchItem:
    """What the runner keeps of a scan: the masked JSON object, and the rows."""
    obj, _ = mask_report(rep.to_dict())
    return BatchItem(path=rep.path, report=obj, rows=finding_rows(rep, lang), seconds=seconds,
                     cached=cached)


def _personal(doc, block, text, kind, severity=Severity.BLOCK):
    return finding(doc, block, text, category=Category.PERSONAL_DATA, kind=kind,
                   severity=severity, basis=Basis.THIRD_PARTY.value,
                   masked=MASK.mask(kind, text), explanation=f"校验通过的号码 {text}")


def people_report(path: str = "名单/2024年第三季度城乡低保对象名单.docx") -> Report:
    """A list of people as a detector set would report it (IDs, phones, a bank card, a name,
    a comment repeating an ID, and one suppressed phone)."""
    doc = make_document(
        "2024年第三季度城乡低保对象名单",
        f"户主张三丰，身份证号码110105196703150014，联系电话13812345678，{XSS_TEXT}",
        "开户银行卡号6222021234567890123，配偶身份证44030419850612002X。",
        "咨询电话13900001111（已公开的办事电话）",
        {"text": "请核对110105196703150014的户籍", "part": "comment", "label": "王五"})
    fs = [_personal(doc, 1, "张三丰", "person_name", Severity.REVIEW),
          _personal(doc, 1, "110105196703150014", "resident_id"),
          _personal(doc, 1, "13812345678", "mobile_phone", Severity.REVIEW),
          _personal(doc, 2, "6222021234567890123", "bank_card"),
          _personal(doc, 2, "44030419850612002X", "resident_id"),
          _personal(doc, 4, "110105196703150014", "resident_id"),
          finding(doc, 4, "请核对110105196703150014的户籍", category=Category.HIDDEN_CONTENT,
                  kind="comment", severity=Severity.BLOCK,
                  explanation="批注会随文件一起公开")]
    hotline = replace(_personal(doc, 3, "13900001111", "mobile_phone", Severity.REVIEW),
                      suppressed_by="allow-list")
    return report(doc, fs, path=path, suppressed=[hotline])


def incomplete_report() -> Report:
    doc = make_document("征求意见稿", "关于调整公交票价的方案（征求意见稿）", format="docx")
    f = finding(doc, 1, "征求意见稿", category=Category.RESTRICTED_INFO, kind="process_draft",
                severity=Severity.REVIEW, basis=Basis.PROCESS_INFO.value)
    rep = report(doc, [f], path="方案/公交票价调整方案.docx",
                 error=ErrorInfo("incomplete", "以下部分未能读取，审查不完整：word/footer1.xml"))
    return rep


def sample_items(folder: Path, screener, lang: str = "zh") -> list[BatchItem]:
    """The shared batch: 7 files — block ×3, review ×1, pass ×1, error ×2 (one partly read)."""
    (folder / "通知").mkdir(parents=True, exist_ok=True)
    (folder / "公开").mkdir(exist_ok=True)
    (folder / "损坏").mkdir(exist_ok=True)
    notice = build_docx(folder / "通知" / "关于开展冬季安全生产大检查的通知.docx",
                        ["000012", "机密★1年", "特急", "关于开展冬季安全生产大检查的通知",
                         "各区县人民政府，市政府各部门：", "现将有关事项通知如下。"])
    clean = build_pdf(folder / "公开" / "2024年工作要点.pdf",
                      [["2024年工作要点", "一、深化政务公开", "二、优化营商环境"]])
    broken = truncated_pdf(folder / "损坏" / "下载中断.pdf")
    marked = folder / MARKED_NAME
    marked.write_text("内部资料 注意保存\n关于2024年度预算安排的说明\n", encoding="utf-8")
    return [as_item(screener.scan(notice), seconds=0.31, lang=lang),
            as_item(people_report(), seconds=0.12, lang=lang),
            as_item(screener.scan(clean), seconds=0.08, cached=True, lang=lang),
            as_item(screener.scan(marked), seconds=0.02, lang=lang),
            as_item(screener.scan(broken), seconds=0.05, lang=lang),
            as_item(incomplete_report(), seconds=0.4, lang=lang),
            as_item(people_report(path=XSS_NAME), seconds=0.07, lang=lang)]


@pytest.fixture(scope="module")
def items(tmp_path_factory, screener):
    return sample_items(tmp_path_factory.mktemp("batch"), screener)


@pytest.fixture(scope="module")
def page(items):
    return html.render(items, generated=GENERATED,
                       summary=SUMMARY)


def tree(text: str):
    return lxml.html.fromstring(text)


def texts(nodes) -> list[str]:
    """Each node's text, its pieces joined by single spaces."""
    return [" ".join(" ".join(n.itertext()).split()) for n in nodes]


CARDS = "//section[@id='overview']//div[contains(concat(' ', @class, ' '), ' card ')]"


# -- the items are what the runner makes -----------------------------------------------------------

def test_the_sample_batch_has_the_verdicts_the_tests_rely_on(items):
    assert [i.report["verdict"] for i in items] == [
        "block", "block", "pass", "review", "error", "error", "block"]
    json.dumps([i.rows for i in items], ensure_ascii=False)  # rows are plain data


# -- self-contained and safe ---------------------------------------------------------------------

def test_nothing_is_loaded_from_anywhere(page):
    doc = tree(page)
    assert doc.xpath("//link | //img | //iframe | //object | //embed | //base") == []
    assert doc.xpath("//*[@src] | //*[@href] | //*[@srcset] | //*[@action]") == []
    for needle in ("http:", "https:", "//fonts.", "@import", "url(", "@font-face"):
        assert needle not in page.lower().replace("http-equiv", ""), needle
    assert len(doc.xpath("//script")) == 1 and len(doc.xpath("//style")) == 1


def test_the_content_security_policy_allows_exactly_the_inline_style_and_script(page):
    doc = tree(page)
    policy = doc.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")[0]
    style = doc.xpath("//style")[0].text
    script = doc.xpath("//script")[0].text

    def digest(text):
        return "sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()

    assert policy == (f"default-src 'none'; style-src '{digest(style)}'; "
                      f"script-src '{digest(script)}'; img-src data:; base-uri 'none'; "
                      "form-action 'none'")
    # the meta element comes before anything it governs
    assert page.index("Content-Security-Policy") < page.index("<style>") < page.index("<script>")


def test_markup_in_a_path_and_in_the_document_is_shown_as_text(page):
    doc = tree(page)
    assert page.count("<script") == 1  # ours
    assert "<img" not in page
    assert ("&lt;script&gt;alert(&#x27;路径&#x27;)&lt;/script&gt;"
            "&lt;img src=x onerror=alert(1)&gt;") in page
    paths = doc.xpath("//tbody[@class]/@data-path")
    assert XSS_NAME in paths and MARKED_NAME in [Path(p).name for p in paths]
    excerpts = texts(doc.xpath("//tbody[@data-path=$p]//td[@class='excerpt']", p=XSS_NAME))
    assert any("，<script>alert(…" in e for e in excerpts), excerpts


def test_no_raw_personal_value_anywhere_in_the_file(page, items):
    for raw in RAW:
        assert raw not in page, raw
        assert raw not in page.replace("&#x27;", "'"), raw
    digits = set(re.findall(r"\d{11,}", page))
    assert not digits & {r for r in RAW}
    for masked in MASKED[:5]:
        assert masked in page, masked
    # the rows the runner keeps hold none either (they go into caches and JSON)
    kept = json.dumps([i.rows for i in items], ensure_ascii=False)
    assert not [raw for raw in RAW if raw in kept]


# -- the summary ---------------------------------------------------------------------------------

def test_masthead_says_when_with_which_tool_and_plugins(page):
    doc = tree(page)
    assert doc.xpath("//h1")[0].text == "保密审查批量检查报告"
    assert doc.xpath("//title")[0].text == "保密审查批量检查报告"
    meta = " ".join(texts(doc.xpath("//div[@class='meta']")))
    assert "生成时间： 2024-11-05 09:30" in meta
    assert "审查工具： screening 0.1.0" in meta
    assert "检查范围： D:/公开目录" in meta and "并行进程： 2" in meta and "总用时： 3.2 s" in meta
    skipped = texts(tree(page).xpath("//p[@class='skipped']"))
    assert skipped == ["未检查（已跳过）：不是文档（图片等） 3 个，隐藏文件或文件夹 1 个"]
    assert re.search(r"检测插件： classification_marks 0\.1\.0", meta)


def test_files_by_verdict(page):
    cards = texts(tree(page).xpath(CARDS))
    assert cards == ["7 文件总数", "1 通过", "1 需人工审查", "3 不得发布（阻止）", "2 无法审查",
                     "17 发现总数", "1 未改动（取自缓存）"]


def test_findings_by_category_and_kind(page, items):
    rows = texts(tree(page).xpath("//section[@id='kinds']//tbody/tr"))
    assert rows == [
        "密级等标志 密级标志 1 1",
        "密级等标志 工作秘密标志 1 1",
        "个人信息 身份证号码 6 2",
        "个人信息 银行卡号 2 2",
        "个人信息 手机号码 2 2",
        "个人信息 姓名 2 2",
        "内部信息 过程性信息 1 1",
        "隐藏内容 批注 2 2",
    ]
    assert sum(len(i.rows) for i in items) == 17


def test_unreadable_files_with_reason_and_what_to_do(page):
    rows = tree(page).xpath("//section[@id='errors']//tbody/tr")
    cells = [[" ".join(td.text_content().split()) for td in tr.xpath("td")] for tr in rows]
    assert [Path(c[0]).name for c in cells] == ["下载中断.pdf", "公交票价调整方案.docx"]
    assert cells[1] == ["方案/公交票价调整方案.docx",
                        "以下部分未能读取，审查不完整：word/footer1.xml incomplete",
                        "未能读取的部分须人工检查，或修复文件（另存一份）后重新检查"]
    assert cells[0][2] in {"请从原始系统重新导出或重新下载后再检查",
                           "文件可能已损坏。请用 Word/WPS 打开后另存一份，再检查",
                           "请从原始来源重新获取，或在 Word/WPS 中打开并重新保存后再检查"}


def test_a_batch_without_findings_or_errors_says_so():
    doc = tree(html.render([], generated=GENERATED))
    assert texts(doc.xpath("//section[@id='kinds']/p")) == ["未发现问题。"]
    assert texts(doc.xpath("//section[@id='errors']/p")) == ["无。所有文件均已完成审查。"]
    assert doc.xpath("//table[@id='files-table']/tbody") == []


# -- the table of files and their findings -------------------------------------------------------

def test_one_body_per_file_with_what_the_filters_and_sorting_use(page, items):
    bodies = tree(page).xpath("//table[@id='files-table']/tbody")
    assert [b.get("data-path") for b in bodies] == [i.path for i in items]
    assert [b.get("data-verdict") for b in bodies] == [i.report["verdict"] for i in items]
    assert bodies[1].get("data-categories") == "hidden_content personal_data"
    assert bodies[5].get("data-categories") == "restricted_info"
    first = bodies[1].xpath("tr[@class='file-row']/td")
    assert [td.get("data-key") for td in first] == ["2", items[1].path, "2", "5", "2", "0", None,
                                                    "0.120000"]
    assert texts(first)[2:] == ["不得发布（阻止）", "5", "2", "0", "docx", "0.12"]
    cached = bodies[2].xpath("tr[@class='file-row']/td")
    assert texts(cached)[-1] == "0.08 缓存"
    headings = texts(tree(page).xpath("//table[@id='files-table']/thead//th"))
    assert headings == ["序号", "文件", "结论", "阻止", "需审查", "提示", "格式", "用时（秒）"]


def test_each_finding_with_place_masked_text_context_basis_and_advice(page):
    body = tree(page).xpath("//tbody[@data-path='名单/2024年第三季度城乡低保对象名单.docx']")[0]
    detail = body.xpath("tr[@class='detail']")[0]
    assert detail.get("hidden") is not None  # collapsed until clicked
    rows = detail.xpath(".//tr[@class='finding']")
    cells = [[" ".join(td.text_content().split()) for td in tr.xpath("td")] for tr in rows]
    assert cells[1] == [
        "2", "阻止", "个人信息 · 身份证号码", "正文第1页第2段", "110105********0014",
        "户主张**，身份证号码110105********0014，联系电话138****5678…",
        "保护第三方合法权益 — 《政府信息公开条例》第十五条",
        "身份证号码不得公开。请删除，或按规定遮盖（如 110105********0014）；处理后重新检查"
        "说明：校验通过的号码 110105********0014"]
    assert rows[1].xpath(".//mark")[0].text == "110105********0014"
    assert cells[6][:6] == ["7", "阻止", "隐藏内容 · 批注", "批注（王*）",
                            "请核对110105********0014的户籍", "请核对110105********0014的户籍"]
    assert cells[6][6] == "无（如不公开，须在审查记录中写明依据）"
    assert [r.get("data-category") for r in rows] == ["personal_data"] * 6 + ["hidden_content"]


def test_a_partly_unread_file_shows_its_reason_and_its_findings(page):
    body = tree(page).xpath("//tbody[@data-path='方案/公交票价调整方案.docx']")[0]
    box = texts(body.xpath(".//div[@class='error-box']"))
    assert box == ["原因 ：以下部分未能读取，审查不完整：word/footer1.xml incomplete "
                   "处理建议 ：未能读取的部分须人工检查，或修复文件（另存一份）后重新检查"]
    assert len(body.xpath(".//tr[@class='finding']")) == 1


def test_a_clean_file_says_nothing_was_found(page):
    body = tree(page).xpath("//tbody[@data-verdict='pass']")[0]
    assert texts(body.xpath(".//tr[@class='detail']//p")) == ["未发现问题。"]


def test_filters_offer_every_verdict_and_the_categories_present(page):
    doc = tree(page)
    assert doc.xpath("//input[@name='verdict']/@value") == ["pass", "review", "block", "error"]
    assert all(cb.get("checked") is not None for cb in doc.xpath("//input[@name='verdict']"))
    assert doc.xpath("//select[@id='filter-category']/option/@value") == [
        "", "classification_mark", "personal_data", "restricted_info", "hidden_content"]
    assert texts(doc.xpath("//span[@id='shown-count']")) == ["显示 7 / 7 个文件"]


def test_long_findings_lists_are_cut_with_a_pointer_to_the_csv():
    doc = make_document(*[f"联系人电话1381234{n:04d}" for n in range(html.MAX_ROWS_PER_FILE + 3)])
    fs = [_personal(doc, n, f"1381234{n:04d}", "mobile_phone", Severity.REVIEW)
          for n in range(len(doc.blocks))]
    page = html.render([as_item(report(doc, fs))], generated=GENERATED)
    rows = tree(page).xpath("//table[@class='findings']/tbody/tr")
    assert len(rows) == html.MAX_ROWS_PER_FILE + 1
    assert texts(rows[-1:]) == ["另有 3 项未列出（见 CSV 报告）"]


def test_without_rows_the_report_object_gives_masked_findings_only(items):
    obj = json.loads(json.dumps(items[1].report))
    for f in obj["findings"]:
        f["text"] = "RAW-" + f["id"]  # the renderer must never show `text`
    page = html.render([BatchItem(path=items[1].path, report=obj, rows=[], seconds=0.1,
                                  cached=False)], generated=GENERATED)
    assert "RAW-" not in page
    cells = texts(tree(page).xpath("//tr[@class='finding'][2]/td"))
    assert cells[:6] == ["2", "阻止", "个人信息 · 身份证号码", "正文第1页", "110105********0014",
                         "110105********0014"]


# -- English, and writing the file ---------------------------------------------------------------

def test_english(tmp_path, screener):
    items = sample_items(tmp_path, screener, lang="en")
    page = html.render(items, lang="en", generated=GENERATED)
    doc = tree(page)
    assert doc.get("lang") == "en"
    assert doc.xpath("//h1")[0].text == "Batch screening report"
    assert texts(doc.xpath("//table[@id='files-table']/thead//th")) == [
        "No.", "File", "Verdict", "block", "review", "info", "Format", "Seconds"]
    cards = texts(doc.xpath(CARDS))
    assert cards[:5] == ["7 Files", "1 pass", "1 needs review",
                         "3 must not be published (blocked)", "2 could not be screened"]
    assert texts(doc.xpath("//span[@id='shown-count']")) == ["Showing 7 of 7 files"]
    kinds = texts(doc.xpath("//section[@id='kinds']//tbody/tr"))
    assert kinds[0] == "classification marking secrecy level mark 1 1"
    people = doc.xpath("//tbody[@data-path='名单/2024年第三季度城乡低保对象名单.docx']")[0]
    cells = [" ".join(td.text_content().split())
             for td in people.xpath(".//tr[@class='finding'][2]/td")]
    assert cells[:5] == ["2", "block", "personal data · resident ID number",
                         "body, page 1, paragraph 2", "110105********0014"]
    assert cells[6] == ("protects a third party's lawful rights (保护第三方合法权益) — "
                        "Regulations on Open Government Information, Art. 15")
    errors = texts(doc.xpath("//section[@id='errors']//tbody/tr[2]/td[3]"))
    assert errors == ["Check the unread parts by eye, or repair the file (save a new copy) and "
                      "retry"]


def test_write_creates_one_utf8_file_and_a_title(tmp_path, items):
    out = html.write(items[:2], tmp_path / "报告.html", title="2024年第四季度 <公开前> 检查",
                     generated=GENERATED)
    assert out == tmp_path / "报告.html"
    text = out.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>")
    assert "<title>2024年第四季度 &lt;公开前&gt; 检查</title>" in text
    assert tree(text).xpath("//h1")[0].text == "2024年第四季度 <公开前> 检查"


def test_a_real_scan_of_a_list_of_people_leaks_nothing(tmp_path, screener):
    """The detectors of this build on a .docx with IDs and phones in the body, a table and a
    comment: the report shows every place, and no value unmasked."""
    ids = ("110105196703150014", "350423198512120023", "44010619900307108X")
    phones = ("13812345678", "15900001111")
    path = build_docx(
        tmp_path / "低保名单.docx",
        ["2024年第三季度城乡低保对象名单", f"户主身份证号码{ids[0]}，联系电话{phones[0]}。",
         table([["序号", "身份证号码", "联系电话"], ["1", ids[1], phones[1]], ["2", ids[2], ""]])],
        comments=[("审稿人", f"请核对{ids[0]}的户籍", "核对")])
    item = as_item(screener.scan(path))
    page = html.render([item], generated=GENERATED)
    assert item.report["verdict"] == "block"
    assert [v for v in (*ids, *phones) if v in page] == []
    kinds = {r["kind"] for r in item.rows}
    assert {"resident_id", "mobile_phone"} <= kinds
    masked = {r["masked"] for r in item.rows if r["category"] == "personal_data"}
    assert {"110105********0014", "350423********0023", "440106********108X",
            "138****5678"} <= masked
