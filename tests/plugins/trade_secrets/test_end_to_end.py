"""Through the whole pipeline: a .docx with terms in prose and tables, the regulation-style sample
(which names 商业秘密, 国家秘密, 工作秘密 and 讨论记录 as concepts) and a mark that belongs to the
classification_marks plugin (one mark, one finding)."""

from __future__ import annotations

from pathlib import Path

from docx import Document

SAMPLES = Path(__file__).resolve().parents[3] / "samples"


def _counting(report):
    return [(f.category.value, f.kind, f.location.part, f.text, f.severity.value, f.basis)
            for f in report.findings if f.severity.value != "info"]


def test_docx_prose_and_table(screener, tmp_path):
    path = tmp_path / "情况说明.docx"
    doc = Document()
    for line in ["关于某项目评标情况的说明", "县财政局：", "现将有关情况报告如下。",
                 "本项目标底为356万元，评标委员会成员名单见附件。"]:
        doc.add_paragraph(line)
    table = doc.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "材料"
    table.cell(0, 1).text = "说明"
    table.cell(1, 0).text = "企业提交材料"
    table.cell(1, 1).text = "专有技术说明书"
    doc.save(path)
    report = screener.scan(path)
    assert report.verdict.value == "review"
    assert _counting(report) == [
        ("trade_secret", "bid_price", "body", "标底", "review", "保护第三方合法权益"),
        ("trade_secret", "bid_price", "body", "评标委员会成员名单", "review", "保护第三方合法权益"),
        ("trade_secret", "technical_info", "table", "专有技术", "review", "保护第三方合法权益")]


def test_regulation_sample_passes(screener):
    report = screener.scan(SAMPLES / "regulation-secrecy-review.txt")
    assert report.verdict.value == "pass" and _counting(report) == []
    # the strong terms it names as concepts are reported as info, for the reviewer to see why
    assert {(f.kind, f.text) for f in report.findings if f.category.value == "restricted_info"} \
        == {("process_draft", "讨论记录"), ("process_draft", "不宜公开")}


def test_clean_notice_passes(screener):
    assert screener.scan(SAMPLES / "notice-clean.docx").verdict.value == "pass"


def test_a_mark_is_reported_once(screener, tmp_path):
    path = tmp_path / "会议材料.txt"
    path.write_text("会后收回\n关于某项工作的汇报材料\n一、基本情况\n", encoding="utf-8")
    assert [(c, k, t) for c, k, _, t, _, _ in _counting(screener.scan(path))] == [
        ("classification_mark", "work_secret", "会后收回")]
