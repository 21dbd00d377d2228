"""The CSV batch report: one row per finding and per file without findings, for Excel."""

from __future__ import annotations

import csv
import io

import pytest

from screening import Category, Severity
from screening.report import csv as csv_report
from tests.conftest import make_document
from tests.report.build import finding, report
from tests.report.test_html import RAW, as_item, sample_items

HEADER_ZH = ["文件", "结论", "格式", "序号", "严重程度", "类别", "种类", "位置", "页码",
             "内容（已遮盖）", "上下文（已遮盖）", "依据", "处理建议", "说明", "检测器", "发现编号",
             "错误代码", "无法审查的原因", "错误处理建议", "用时（秒）", "取自缓存"]


@pytest.fixture(scope="module")
def items(tmp_path_factory, screener):
    return sample_items(tmp_path_factory.mktemp("batch"), screener)


def read(path) -> list[dict[str, str]]:
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf"), "UTF-8 byte-order mark for Excel"
    text = data[3:].decode("utf-8")
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_header_bom_and_line_ends(tmp_path, items):
    out = csv_report.write(items, tmp_path / "结果.csv")
    assert out == tmp_path / "结果.csv"
    data = out.read_bytes()
    assert data.startswith("\ufeff文件,结论,格式,序号,".encode("utf-8"))
    first_line = data[3:].split(b"\r\n")[0].decode("utf-8")
    assert first_line.split(",") == HEADER_ZH
    assert data.endswith(b"\r\n") and data.count(b"\r\n") == 1 + 19  # header + rows
    assert b"\n" not in data.replace(b"\r\n", b"")  # no bare LF (no multi-line cells either)


def test_one_row_per_finding_and_per_file_without_findings(tmp_path, items):
    rows = read(csv_report.write(items, tmp_path / "r.csv"))
    per_file = {}
    for row in rows:
        per_file.setdefault(row["文件"], []).append(row)
    assert list(per_file) == [i.path for i in items]
    assert [len(per_file[i.path]) for i in items] == [1, 7, 1, 1, 1, 1, 7]
    assert len(rows) == 19
    clean = per_file[items[2].path][0]
    assert (clean["结论"], clean["格式"], clean["序号"], clean["种类"], clean["取自缓存"],
            clean["用时（秒）"]) == ("通过", "pdf", "", "", "是", "0.080")


def test_a_finding_row_in_words(tmp_path, items):
    rows = read(csv_report.write(items, tmp_path / "r.csv"))
    row = [r for r in rows if r["文件"] == items[1].path][1]
    assert {k: v for k, v in row.items() if k not in ("发现编号", "说明")} == {
        "文件": "名单/2024年第三季度城乡低保对象名单.docx", "结论": "不得发布（阻止）",
        "格式": "docx", "序号": "2", "严重程度": "阻止", "类别": "个人信息", "种类": "身份证号码",
        "位置": "正文第1页第2段", "页码": "1", "内容（已遮盖）": "110105********0014",
        "上下文（已遮盖）": "户主张**，身份证号码110105********0014，联系电话138****5678…",
        "依据": "保护第三方合法权益 — 《政府信息公开条例》第十五条",
        "处理建议": "身份证号码不得公开。请删除，或按规定遮盖（如 110105********0014）；处理后重新检查",
        "检测器": "personal_data.resident_id", "错误代码": "", "无法审查的原因": "",
        "错误处理建议": "", "用时（秒）": "0.120", "取自缓存": ""}
    assert row["发现编号"] == items[1].rows[1]["id"]
    assert row["说明"] == "校验通过的号码 110105********0014"


def test_unreadable_and_partly_read_files_carry_the_reason(tmp_path, items):
    rows = read(csv_report.write(items, tmp_path / "r.csv"))
    broken = [r for r in rows if r["文件"] == items[4].path]
    assert len(broken) == 1 and broken[0]["结论"] == "无法审查" and broken[0]["序号"] == ""
    assert broken[0]["错误代码"] == items[4].report["error"]["code"]
    assert broken[0]["无法审查的原因"] == items[4].report["error"]["message"]
    partly = [r for r in rows if r["文件"] == "方案/公交票价调整方案.docx"]
    assert [(r["序号"], r["种类"], r["错误代码"], r["错误处理建议"]) for r in partly] == [
        ("1", "过程性信息", "incomplete",
         "未能读取的部分须人工检查，或修复文件（另存一份）后重新检查")]


def test_no_raw_personal_value(tmp_path, items):
    text = csv_report.write(items, tmp_path / "r.csv").read_text(encoding="utf-8-sig")
    assert [raw for raw in RAW if raw in text] == []
    assert "110105********0014" in text and "138****5678" in text


def test_english_columns_and_words(tmp_path, screener):
    items = sample_items(tmp_path / "batch", screener, lang="en")
    out = csv_report.write(items, tmp_path / "r.csv", lang="en")
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"), newline="")))
    assert rows[0] == ["file", "verdict", "format", "no", "severity", "category", "kind", "where",
                       "page", "text (masked)", "context (masked)", "basis", "what to do", "why",
                       "detector", "finding id", "error code", "why not screened",
                       "what to do about the error", "seconds", "from cache"]
    second = rows[3]  # the people list, its second finding
    assert second[1:9] == ["must not be published (blocked)", "docx", "2", "block",
                           "personal data", "resident ID number", "body, page 1, paragraph 2", "1"]
    assert second[11] == ("protects a third party's lawful rights (保护第三方合法权益) — Regulations "
                          "on Open Government Information, Art. 15")
    assert second[12].startswith("Resident ID numbers must not be published")


def test_cells_excel_would_run_as_formulas_stay_text(tmp_path):
    doc = make_document("=HYPERLINK(\"http://x\",\"点我\") 机密★1年", "+1 内部资料", "@SUM(A1)")
    fs = [finding(doc, 0, "=HYPERLINK(\"http://x\",\"点我\") 机密★1年",
                  category=Category.CLASSIFICATION_MARK, kind="secret_level",
                  severity=Severity.BLOCK),
          finding(doc, 1, "+1 内部资料", category=Category.CLASSIFICATION_MARK, kind="work_secret",
                  severity=Severity.REVIEW),
          finding(doc, 2, "@SUM(A1)", category=Category.HIDDEN_CONTENT, kind="hidden_text",
                  severity=Severity.BLOCK)]
    item = as_item(report(doc, fs, path="-2+3.docx"))
    rows = read(csv_report.write([item], tmp_path / "r.csv"))
    assert [r["内容（已遮盖）"] for r in rows] == [
        "'=HYPERLINK(\"http://x\",\"点我\") 机密★1年", "'+1 内部资料", "'@SUM(A1)"]
    assert [r["上下文（已遮盖）"][:2] for r in rows] == ["'=", "'+", "'@"]
    assert {r["文件"] for r in rows} == {"'-2+3.docx"}


def test_an_empty_batch_is_just_the_header(tmp_path):
    out = csv_report.write([], tmp_path / "r.csv")
    assert out.read_bytes() == ("\ufeff" + ",".join(HEADER_ZH) + "\r\n").encode("utf-8")
