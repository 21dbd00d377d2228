"""``screen batch DIR``: a folder of mixed and hostile files, JSON Lines equal to single-file scans,
the cache (second run reads nothing), timeouts and crashes of single files, globs, reports and the
summary table.

The CLI gets the built-ins plus :mod:`tests.batch.plugin` (planted personal values, a scan log,
trigger words that hang or kill a worker) through the click context; forked workers inherit it.
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from screening.cli import cli
from screening.pipeline import Screener
from screening.report import json as json_report
from tests.batch.folder import EXPECTED, PLANTED, RESIDENT_ID, mixed_folder
from tests.batch.plugin import LOG_ENV, log_lines, plugin_manager
from tests.report.schema import check_report


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return mixed_folder(tmp_path_factory.mktemp("batch") / "待发布")


@pytest.fixture
def log(tmp_path, monkeypatch):
    path = tmp_path / "scans.log"
    monkeypatch.setenv(LOG_ENV, str(path))
    return path


def run(*args, pm=True):
    return CliRunner().invoke(cli, ["batch", *map(str, args)],
                              obj={"pm": plugin_manager()} if pm else None)


def lines(result) -> list[dict]:
    return [json.loads(line) for line in result.stdout.splitlines()]


def rel(folder: Path, path: str) -> str:
    return Path(path).relative_to(folder).as_posix()


def masked(report: dict) -> dict:
    """What a cached run shows for a report: personal values masked in text and explanation."""
    out = json.loads(json.dumps(report))
    for finding in out["findings"]:
        if finding["text"] != finding["masked"]:
            finding["explanation"] = finding["explanation"].replace(finding["text"],
                                                                    finding["masked"])
            finding["text"] = finding["masked"]
    return out


def test_mixed_folder_finishes_with_the_hostile_files_as_errors(folder, tmp_path, log):
    result = run(folder, "--format", "json", "--cache-dir", tmp_path / "cache", "-j", "2")
    assert result.exit_code == 4, result.output
    reports = lines(result)
    assert [rel(folder, r["path"]) for r in reports] == sorted(EXPECTED)
    for report in reports:
        check_report(report)
        verdict, code = EXPECTED[rel(folder, report["path"])]
        assert (report["verdict"], report["error"] and report["error"]["code"]) == (verdict, code)
    people = next(r for r in reports if r["path"].endswith("people.pdf"))
    assert [(f["kind"], f["text"], f["masked"]) for f in people["findings"]
            if f["detector"] == "batch_test.planted"] == [
        ("resident_id", RESIDENT_ID, "110105********1238"),
        ("mobile_phone", "13812345678", "138****5678")]
    assert "无法审查的文件（3 个）：" in result.stderr
    assert result.stderr.endswith(
        "\n未检查（已跳过）：隐藏文件或文件夹 1 个，临时文件（如 ~$ 开头的 Office 锁定文件） 1 个，"
        "不是文档（图片等） 1 个，空文件 1 个\n")


def test_json_lines_equal_single_file_scans(folder, tmp_path):
    result = run(folder, "--format", "json", "--no-cache", "--cache-dir", tmp_path / "cache")
    screener = Screener(pm=plugin_manager())
    expected = [json_report.render(screener.scan(os.path.join(folder, name)))
                for name in sorted(EXPECTED)]
    assert result.stdout.splitlines() == expected


def test_second_run_is_served_from_the_cache_and_no_cache_reads_again(folder, tmp_path, log):
    cache = tmp_path / "cache"
    first = run(folder, "--format", "json", "--cache-dir", cache)
    readable = sum(1 for verdict, _ in EXPECTED.values() if verdict != "error")
    assert len(log_lines(log)) == readable
    second = run(folder, "--format", "json", "--cache-dir", cache)
    assert len(log_lines(log)) == readable, "the second run read files again"
    assert second.exit_code == first.exit_code == 4
    assert f"其中 {len(EXPECTED)} 个未改动，使用上次的结果" in second.stderr
    assert lines(second) == [masked(r) for r in lines(first)]
    assert RESIDENT_ID not in second.stdout
    forced = run(folder, "--format", "json", "--cache-dir", cache, "--no-cache")
    assert len(log_lines(log)) == 2 * readable
    assert forced.stdout == first.stdout
    assert "未改动" not in forced.stderr


def test_a_changed_setup_or_file_is_screened_again(folder, tmp_path, log):
    work = tmp_path / "work"
    work.mkdir()
    (work / "a.txt").write_text("电话 13812345678\n", encoding="utf-8")
    (work / "b.txt").write_text("各单位：请按时报送。\n", encoding="utf-8")
    cache = tmp_path / "cache"
    assert run(work, "--cache-dir", cache).exit_code == 3
    assert len(log_lines(log)) == 2
    (work / "b.txt").write_text("各单位：请按时报送材料。\n", encoding="utf-8")
    assert run(work, "--cache-dir", cache).exit_code == 3
    assert [name for _, _, name in log_lines(log)][2:] == ["b.txt"]
    config = tmp_path / "screening.toml"
    config.write_text('[severity]\n"personal_data.mobile_phone" = "block"\n', encoding="utf-8")
    assert run(work, "--cache-dir", cache, "--config", config).exit_code == 1
    assert sorted(name for _, _, name in log_lines(log)[3:]) == ["a.txt", "b.txt"]
    assert run(work, "--cache-dir", cache, "--lang", "en").exit_code == 3  # rows are in words
    assert len(log_lines(log)) == 7


def test_the_cache_holds_no_raw_personal_values(folder, tmp_path):
    cache = tmp_path / "cache"
    result = run(folder, "--cache-dir", cache)
    assert result.exit_code == 4
    db = cache / "batch.sqlite3"
    assert oct(db.stat().st_mode & 0o777) == "0o600"
    assert oct(cache.stat().st_mode & 0o777) == "0o700"
    with sqlite3.connect(db) as conn:
        stored = [row[0] for row in conn.execute("SELECT item FROM entries")]
    assert len(stored) == len(EXPECTED)
    everything = "\n".join(stored)
    assert "110105********1238" in everything and "139****4321" in everything
    for value in PLANTED:
        assert value not in everything
    for file in cache.iterdir():
        for value in PLANTED:
            assert value.encode() not in file.read_bytes(), file


def test_one_screener_per_worker(folder, tmp_path, log):
    run(folder, "--no-cache", "--cache-dir", tmp_path / "cache", "-j", "2")
    scans = log_lines(log)
    by_pid: dict[int, set[int]] = {}
    for pid, detector, _ in scans:
        by_pid.setdefault(pid, set()).add(detector)
    assert os.getpid() not in by_pid
    assert 1 <= len(by_pid) <= 2
    assert all(len(ids) == 1 for ids in by_pid.values())


@pytest.fixture
def hazards(tmp_path):
    root = tmp_path / "hazards"
    root.mkdir()
    for name in ("a.txt", "c.txt", "d.txt", "e.txt"):
        (root / name).write_text(f"{name} 各单位：请按时报送。\n", encoding="utf-8")
    return root


def test_a_file_that_hangs_is_stopped_and_the_batch_goes_on(hazards, tmp_path):
    (hazards / "b.txt").write_text("SLEEPFOREVER\n", encoding="utf-8")
    started = time.monotonic()
    result = run(hazards, "--format", "json", "--timeout", "1", "-j", "2", "--cache-dir",
                 tmp_path / "cache")
    assert time.monotonic() - started < 20
    assert result.exit_code == 4
    reports = {Path(r["path"]).name: r for r in lines(result)}
    assert sorted(reports) == ["a.txt", "b.txt", "c.txt", "d.txt", "e.txt"]
    assert reports["b.txt"]["verdict"] == "error"
    assert reports["b.txt"]["error"]["code"] == "timeout"
    assert reports["b.txt"]["error"]["message"].startswith("检查超过 1 秒仍未完成，已停止")
    assert all(r["verdict"] == "pass" for name, r in reports.items() if name != "b.txt")
    with sqlite3.connect(tmp_path / "cache" / "batch.sqlite3") as conn:
        assert conn.execute("SELECT COUNT(*) FROM entries").fetchone()[0] == 4  # not the timeout


def test_a_worker_that_dies_costs_one_file_only(hazards, tmp_path):
    (hazards / "b.txt").write_text("CRASHNOW\n", encoding="utf-8")
    result = run(hazards, "--format", "json", "-j", "1", "--no-cache", "--cache-dir",
                 tmp_path / "cache")
    assert result.exit_code == 4
    reports = {Path(r["path"]).name: r for r in lines(result)}
    assert len(reports) == 5
    assert reports["b.txt"]["error"]["code"] == "crash"
    assert "退出状态 3" in reports["b.txt"]["error"]["message"]
    assert all(r["verdict"] == "pass" for name, r in reports.items() if name != "b.txt")
    en = run(hazards, "--lang", "en", "-j", "1", "--no-cache", "--cache-dir", tmp_path / "cache")
    assert "the worker process died while screening this file (exit status 3)" in en.stdout


@pytest.mark.parametrize("args, names", [
    (["--include", "*.docx"], ["bomb.docx", "clean.docx", "mark.docx", "truncated.docx"]),
    (["--include", "*.txt", "--include", "*.pdf"],
     ["encrypted.pdf", "people.pdf", "sub/deeper/plain.txt", "sub/gb18030.txt"]),
    (["--exclude", "sub"], ["bomb.docx", "clean.docx", "encrypted.pdf", "mark.docx",
                            "people.pdf", "truncated.docx"]),
    (["--exclude", "sub/deeper/*", "--exclude", "*.docx"],
     ["encrypted.pdf", "people.pdf", "sub/gb18030.txt"]),
    (["--include", "sub/*"], ["sub/deeper/plain.txt", "sub/gb18030.txt"]),
])
def test_include_and_exclude_globs(folder, tmp_path, args, names):
    result = run(folder, "--format", "json", "--cache-dir", tmp_path / "cache", *args)
    assert [rel(folder, r["path"]) for r in lines(result)] == names


def test_summary_table_in_chinese_and_english(folder, tmp_path):
    zh = run(folder, "--cache-dir", tmp_path / "cache")
    out = zh.stdout.splitlines()
    assert out[:3] == ["不得发布（阻止）（2 个）：", f"  {folder / 'mark.docx'}  密级标志 1",
                       f"  {folder / 'people.pdf'}  身份证号码 1，手机号码 1"]
    assert out[3:6] == ["需人工审查（1 个）：", f"  {folder / 'sub' / 'gb18030.txt'}  手机号码 1",
                        ""]
    assert out[6].startswith("共检查 8 个文件，用时 ")
    assert out[7:12] == ["  结论              文件数",
                         "  通过                   2",
                         "  需人工审查             1",
                         "  不得发布（阻止）       2",
                         "  无法审查               3"]
    assert out[13] == "发现问题共 4 项（阻止 2 项，需审查 2 项，提示 0 项）"
    assert out[14:18] == ["  类别 · 种类            数量",
                          "  个人信息 · 手机号码       2",
                          "  密级等标志 · 密级标志     1",
                          "  个人信息 · 身份证号码     1"]
    reasons = out[out.index("无法审查的文件（3 个）："):]
    assert reasons[1] == f"  {folder / 'bomb.docx'}"
    assert reasons[7] == f"  {folder / 'truncated.docx'}"
    assert reasons[6].startswith("    处理：请提供未加密（无打开密码）的文件")
    en = run(folder, "--cache-dir", tmp_path / "cache", "--lang", "en").stdout.splitlines()
    assert en[0] == "must not be published (blocked) (2):"
    assert en[7] == "  Verdict                          Files"
    assert "Could not be screened (3):" in en


def test_json_report_on_disk_is_masked(folder, tmp_path):
    out = tmp_path / "结果.json"
    result = run(folder, "--report", out, "--cache-dir", tmp_path / "cache")
    assert result.exit_code == 4
    stored = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [rel(folder, r["path"]) for r in stored] == sorted(EXPECTED)
    for report in stored:
        check_report(report)
    text = out.read_text(encoding="utf-8")
    for value in PLANTED:
        assert value not in text
    assert "110105********1238" in text


@pytest.mark.parametrize("suffix, module", [(".html", "html"), (".csv", "csv")])
def test_html_and_csv_reports_hold_no_raw_values(folder, tmp_path, suffix, module):
    pytest.importorskip(f"screening.report.{module}")
    out = tmp_path / f"报告{suffix}"
    result = run(folder, "--report", out, "--cache-dir", tmp_path / "cache")
    assert result.exit_code == 4, result.output
    data = out.read_bytes()
    assert "people.pdf".encode() in data
    for value in PLANTED:
        assert value.encode() not in data


@pytest.mark.parametrize("args, message", [
    (["--send-bytes"], "--send-bytes 只能与 --scheduler 一起使用"),
    (["--report", "out.txt"], "报告只能是 .html、.csv 或 .json 文件"),
    (["--workers", "0"], "--workers"),
])
def test_usage_errors(folder, args, message):
    result = run(folder, *args)
    assert result.exit_code == 2
    assert message in result.stderr


def test_a_file_named_on_the_command_line_is_always_screened(folder, tmp_path):
    result = run(folder / "picture.png", folder / "mark.docx", "--format", "json",
                 "--cache-dir", tmp_path / "cache")
    assert result.exit_code == 4
    reports = lines(result)
    assert [(Path(r["path"]).name, r["verdict"]) for r in reports] == [
        ("mark.docx", "block"), ("picture.png", "error")]
    assert reports[1]["error"]["code"] == "unsupported_format"


def test_an_empty_folder_passes(tmp_path):
    (tmp_path / "empty").mkdir()
    result = run(tmp_path / "empty", "--cache-dir", tmp_path / "cache")
    assert result.exit_code == 0
    assert result.stdout.startswith("共检查 0 个文件")


def test_without_a_usable_cache_the_batch_still_runs(folder, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    result = run(folder / "mark.docx", "--cache-dir", blocker / "cache")
    assert result.exit_code == 1
    assert result.stderr.startswith("提示：无法使用缓存")


def test_nothing_on_disk_holds_a_raw_value_with_the_built_in_detectors(folder, tmp_path):
    """The real personal-data detectors (not the planted one): stdout of a fresh scan shows the
    raw values (the drafter needs them), the cache and every report on disk never do."""
    from screening.plugins import get_plugin_manager

    def invoke(*args):
        return CliRunner().invoke(cli, ["batch", *map(str, args)],
                                  obj={"pm": get_plugin_manager(entrypoints=False)})

    cache = tmp_path / "cache"
    fresh = invoke(folder, "--format", "json", "--cache-dir", cache)
    people = next(r for r in lines(fresh) if r["path"].endswith("people.pdf"))
    found = {f["text"] for f in people["findings"] if f["category"] == "personal_data"}
    assert {RESIDENT_ID, "13812345678"} <= found
    reports = [tmp_path / "r.json"]
    for suffix, module in ((".html", "html"), (".csv", "csv")):
        try:
            __import__(f"screening.report.{module}")
        except ImportError:
            continue
        reports.append(tmp_path / f"r{suffix}")
    cached = invoke(folder, "--cache-dir", cache, *(a for r in reports for a in ("--report", r)))
    assert cached.exit_code == fresh.exit_code == 4
    assert f"其中 {len(EXPECTED)} 个未改动" in cached.stdout
    for path in [*cache.iterdir(), *reports]:
        data = path.read_bytes()
        for value in PLANTED:
            assert value.encode() not in data, (path.name, value)


def test_a_report_that_cannot_be_written_is_an_error(folder, tmp_path):
    result = run(folder / "clean.docx", "--report", tmp_path / "missing" / "r.json",
                 "--cache-dir", tmp_path / "cache")
    assert result.exit_code == 4
    assert result.stderr.startswith(f"错误：无法写入报告 {tmp_path / 'missing' / 'r.json'}")


def test_an_unreachable_scheduler_is_an_error(folder, tmp_path, monkeypatch):
    pytest.importorskip("distributed")
    monkeypatch.setattr("screening.batch.dask_runner.CONNECT_SECONDS", 1)
    result = run(folder / "clean.docx", "--scheduler", "tcp://127.0.0.1:9",
                 "--cache-dir", tmp_path / "cache")
    assert result.exit_code == 4
    assert result.stderr.startswith("错误：无法连接 Dask 集群 tcp://127.0.0.1:9")
