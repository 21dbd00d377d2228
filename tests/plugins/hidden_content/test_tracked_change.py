"""``tracked_change``: deleted text and move sources that survive in the file (block); an
insertion alone is visible text and no finding."""

from __future__ import annotations

from tests.docbuild.docx import build_docx, dele, ins, move_from, move_to, para

from .helpers import findings, hidden


def test_deletion_is_a_block_finding_with_author_and_date(screener, tmp_path):
    path = build_docx(tmp_path / "t.docx", body=[
        para("补助标准：", dele("每亩三百元", author="王建国", date="2025-11-03T10:00:00Z"),
             ins("按上级文件执行"), "。")])
    report = screener.scan(path)
    assert hidden(report) == [("tracked_change", "revision", "每亩三百元", "block")]
    (finding,) = findings(report, "tracked_change")
    assert "修订中删除的文字仍保存在文件中" in finding.explanation
    assert "王**" in finding.explanation and "2025-11-03" in finding.explanation
    assert "王建国" not in finding.explanation
    assert finding.location.page == 1


def test_move_source_is_a_finding_and_its_destination_is_not(screener, tmp_path):
    path = build_docx(tmp_path / "t.docx", body=[para(move_from("经费从应急资金列支")),
                                                 para("经费：", move_to("经费从应急资金列支"))])
    report = screener.scan(path)
    assert hidden(report) == [("tracked_change", "revision", "经费从应急资金列支", "block")]
    assert "移走" in findings(report, "tracked_change")[0].explanation


def test_insertion_alone_is_no_finding(screener, tmp_path):
    path = build_docx(tmp_path / "t.docx", body=[para("活动时间", ins("调整为3月12日"), "。")])
    report = screener.scan(path)
    assert hidden(report) == [] and report.verdict.value == "pass"
