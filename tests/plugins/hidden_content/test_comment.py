"""``comment``: every comment is a block finding with its text; the author is named, masked."""

from __future__ import annotations

from tests.docbuild.docx import build_docx

from .helpers import findings, hidden


def test_each_comment_is_a_block_finding_with_its_text(screener, tmp_path):
    path = build_docx(tmp_path / "c.docx", body=["关于植树活动的通知"],
                      comments=[("张三", "这段表述与上级文件不一致", "一、组织安排"),
                                ("李四", "同意", None)])
    report = screener.scan(path)
    assert hidden(report) == [("comment", "comment", "这段表述与上级文件不一致", "block"),
                              ("comment", "comment", "同意", "block")]
    first, second = findings(report, "comment")
    assert "张*" in first.explanation and "张三" not in first.explanation
    assert "李*" in second.explanation
    assert first.masked == first.text and first.location.page is None
    assert report.verdict.value == "block"


def test_anonymous_comment(screener, tmp_path):
    path = build_docx(tmp_path / "c.docx", body=["正文"], comments=[("", "无人署名的批注", None)])
    (finding,) = findings(screener.scan(path), "comment")
    assert finding.text == "无人署名的批注" and "未署名" in finding.explanation


def test_no_comment_no_finding(screener, tmp_path):
    path = build_docx(tmp_path / "c.docx", body=["正文没有批注"])
    report = screener.scan(path)
    assert hidden(report) == [] and report.verdict.value == "pass"


def test_comment_severity_follows_the_office_config(pm, tmp_path):
    from screening import Config
    from screening.config import config_from_dict
    from screening.pipeline import Screener

    config = config_from_dict({"severity": {"hidden_content.comment": "review"}})
    assert isinstance(config, Config)
    path = build_docx(tmp_path / "c.docx", body=["正文"], comments=[("王五", "请核实", None)])
    report = Screener(config, pm=pm).scan(path)
    assert hidden(report) == [("comment", "comment", "请核实", "review")]
