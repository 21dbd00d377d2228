"""The summary dict, the files list, and the progress line (only on a terminal)."""

from __future__ import annotations

import io
from datetime import datetime, timedelta, timezone

from screening.batch.model import BatchItem
from screening.batch.progress import Progress
from screening.batch.summary import render_files, summarize
from screening.batch.work import failed

TOOL = {"version": "0", "plugins": []}


def finding(category: str, kind: str, severity: str) -> dict:
    return {"category": category, "kind": kind, "severity": severity, "text": "x", "masked": "x"}


def item(path: str, verdict: str, *findings: dict, cached: bool = False,
         seconds: float = 0.5) -> BatchItem:
    report = {"path": path, "verdict": verdict, "findings": list(findings), "error": None}
    return BatchItem(path=path, report=report, seconds=seconds, cached=cached)


ITEMS = [
    item("b/通知.docx", "block", finding("classification_mark", "secret_level", "block"),
         finding("personal_data", "mobile_phone", "review")),
    item("a/名单.pdf", "review", finding("personal_data", "mobile_phone", "review"),
         finding("personal_data", "mobile_phone", "review"),
         finding("personal_data", "email", "info"), cached=True),
    item("c.txt", "pass"),
    failed("d.pdf", "encrypted", "PDF 文件已加密", "the PDF is encrypted", TOOL, 0.25).item,
]


def test_summary_dict():
    started = datetime(2026, 3, 1, 9, 0, tzinfo=timezone(timedelta(hours=8)))
    summary = summarize(ITEMS, skipped={"hidden": 2}, workers=2, seconds=0.5, started=started)
    assert summary == {
        "files": 4,
        "verdicts": {"pass": 1, "review": 1, "block": 1, "error": 1},
        "worst": "error",
        "exit_code": 4,
        "findings": {
            "total": 5,
            "by_severity": {"block": 1, "review": 3, "info": 1},
            "by_category": {"classification_mark": 1, "personal_data": 4},
            "by_kind": [
                {"category": "personal_data", "kind": "mobile_phone", "count": 3},
                {"category": "classification_mark", "kind": "secret_level", "count": 1},
                {"category": "personal_data", "kind": "email", "count": 1}],
        },
        "unreadable": [{"path": "d.pdf", "code": "encrypted", "message": "PDF 文件已加密",
                        "message_en": "the PDF is encrypted"}],
        "skipped": {"hidden": 2},
        "cached": 1,
        "workers": 2,
        "seconds": 0.5,
        "scan_seconds": 1.75,
        "files_per_second": 8.0,
        "started": "2026-03-01T09:00:00+08:00",
    }


def test_no_files_pass():
    summary = summarize([], seconds=0.0)
    assert (summary["worst"], summary["exit_code"], summary["files_per_second"]) == ("pass", 0,
                                                                                    None)


def test_files_that_need_attention():
    assert render_files(ITEMS).splitlines() == [
        "不得发布（阻止）（1 个）：",
        "  b/通知.docx  密级标志 1，手机号码 1",
        "需人工审查（1 个）：",
        "  a/名单.pdf  手机号码 2",
    ]
    assert render_files(ITEMS, lang="en").splitlines()[1] == (
        "  b/通知.docx  secrecy level mark 1, mobile phone number 1")
    assert render_files(ITEMS[2:]) == ""


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_on_a_terminal(monkeypatch):
    monkeypatch.setenv("TERM", "xterm")
    stream = Terminal()
    progress = Progress(2, stream=stream)
    progress.start("报告/二月/通知.docx")
    first = "[0/2] 通过 0 · 需审查 0 · 阻止 0 · 无法审查 0 · 缓存 0 | 报告/二月/通知.docx"
    assert stream.getvalue() == "\r" + first
    progress.done(ITEMS[0])  # within a tenth of a second: not drawn
    progress.done(ITEMS[1])  # the last one is always drawn, over the whole first line
    last = "[2/2] 通过 0 · 需审查 1 · 阻止 1 · 无法审查 0 · 缓存 1"
    assert stream.getvalue() == "\r" + first + "\r" + last + " " * 22
    progress.close()
    assert stream.getvalue().endswith("\r" + " " * 54 + "\r")


def test_progress_is_silent_in_a_pipe_or_when_quiet(monkeypatch):
    monkeypatch.setenv("TERM", "xterm")
    pipe = io.StringIO()
    progress = Progress(1, stream=pipe)
    progress.start("a.docx")
    progress.done(ITEMS[2])
    progress.close()
    assert pipe.getvalue() == ""
    quiet = Terminal()
    Progress(1, stream=quiet, enabled=False).done(ITEMS[2])
    assert quiet.getvalue() == ""


def test_progress_keeps_the_end_of_a_long_path(monkeypatch):
    monkeypatch.setenv("COLUMNS", "71")
    stream = Terminal()
    progress = Progress(3, stream=stream, lang="en")
    progress.start("very/long/folder/name/that/does/not/fit/通知.docx")
    assert stream.getvalue() == ("\r[0/3] pass 0 · review 0 · block 0 · error 0 · cached 0 | "
                                 "…it/通知.docx")  # 70 columns
    narrow = Terminal()
    monkeypatch.setenv("COLUMNS", "21")
    Progress(3, stream=narrow, lang="en").start("a.docx")
    assert narrow.getvalue() == "\r[0/3] pass 0 · revie"
