"""``screen FILE…`` / ``screen scan FILE…``: reports, formats, languages, configuration and exit
codes (the worst file decides: error 4 > block 1 > review 3 > pass 0).

Most tests use the keyword test plugin (its own ``.lines`` reader and ASCII trigger words) so that
they assert exact findings whatever the built-in detectors do; the last ones run the built-ins on
real files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from screening.cli import cli
from tests.cli.keyword_plugin import plugin_manager
from tests.report.schema import check_report

CONTENT = {
    "clean": "关于开展冬季安全生产大检查的通知\n各单位：现将有关事项通知如下。\n",
    "info": "正文\n属性 INFOWORD\n",
    "review": "正文\n请示稿 REVIEWWORD\n",
    "block": "BLOCKWORD\n正文\n",
    "boom": "正文\nBOOM\n",
}
EXIT = {"clean": 0, "info": 0, "review": 3, "block": 1, "boom": 4, "missing": 4}


@pytest.fixture
def files(tmp_path):
    out = {}
    for name, content in CONTENT.items():
        path = tmp_path / f"{name}.lines"
        path.write_text(content, encoding="utf-8")
        out[name] = str(path)
    out["missing"] = str(tmp_path / "不存在.docx")
    return out


def run(*args, env=None, pm=True):
    runner = CliRunner()
    return runner.invoke(cli, list(args), obj={"pm": plugin_manager()} if pm else None, env=env)


@pytest.mark.parametrize("name", list(EXIT))
def test_exit_code_of_one_file(files, name):
    result = run(files[name])
    assert result.exit_code == EXIT[name], result.output


@pytest.mark.parametrize("names, code", [
    (["clean", "info"], 0),
    (["clean", "review"], 3),
    (["review", "block"], 1),
    (["block", "review", "clean"], 1),
    (["block", "missing"], 4),
    (["missing", "clean"], 4),
    (["review", "boom"], 4),
    (["boom", "block"], 4),
])
def test_the_worst_file_decides(files, names, code):
    result = run(*(files[n] for n in names))
    assert result.exit_code == code
    json_result = run("--format", "json", *(files[n] for n in names))
    assert json_result.exit_code == code
    lines = json_result.output.splitlines()
    assert len(lines) == len(names)
    for line in lines:
        check_report(json.loads(line))


def test_scan_is_the_default_command(files):
    assert run(files["block"]).output == run("scan", files["block"]).output
    assert run("--lang", "en", files["block"]).output == run("scan", files["block"], "--lang",
                                                              "en").output


def test_block_file_in_chinese(files):
    result = run(files["block"])
    lines = result.output.splitlines()
    assert lines[0] == f"{files['block']}：不得发布（阻止） — 阻止 1 项，需审查 0 项，提示 0 项"
    assert lines[1:5] == ["  1. 【阻止】密级等标志 · 密级标志", "     原文：BLOCKWORD",
                          "     位置：第1行",
                          "     依据：属于国家秘密 — 《政府信息公开条例》第十四条"]
    assert "\x1b[" not in result.output  # not a terminal: no colour codes


def test_english_by_option_and_by_environment(files):
    head = f"{files['review']}: needs review — 0 block, 1 review, 0 info"
    assert run(files["review"], "--lang", "en").output.splitlines()[0] == head
    assert run(files["review"], env={"SCREENING_LANG": "en"}).output.splitlines()[0] == head
    assert run(files["review"], env={"SCREENING_LANG": "en_US.UTF-8"}).output.splitlines()[0] \
        == head
    # the option wins over the environment; anything else is Chinese
    zh = f"{files['review']}：需人工审查 — 阻止 0 项，需审查 1 项，提示 0 项"
    assert run(files["review"], "--lang", "zh", env={"SCREENING_LANG": "en"}).output \
        .splitlines()[0] == zh
    assert run(files["review"], env={"SCREENING_LANG": "fr"}).output.splitlines()[0] == zh


def test_missing_file_is_unreadable_input_not_a_usage_error(files):
    result = run(files["missing"])
    assert result.exit_code == 4
    assert result.output.splitlines() == [
        f"{files['missing']}：无法审查",
        f"  原因：找不到文件 {files['missing']}，请检查路径和文件名",
        "  处理：请核对路径和文件名（含空格的文件名须加引号）"]
    en = run(files["missing"], "--lang", "en")
    assert f"file not found: {files['missing']}" in en.output
    obj = json.loads(run(files["missing"], "--format", "json").output)
    check_report(obj)
    assert obj["error"]["code"] == "not_found" and obj["verdict"] == "error"
    assert obj["sha256"] is None


def test_folder_is_refused_with_advice(tmp_path):
    result = run(str(tmp_path))
    assert result.exit_code == 4
    assert "是文件夹" in result.output and "screen batch" in result.output


def test_crashing_detector_makes_the_file_error_never_pass(files):
    result = run(files["boom"])
    assert result.exit_code == 4
    lines = result.output.splitlines()
    assert lines[0] == f"{files['boom']}：无法审查"
    assert lines[1].startswith("  原因：检测器 keyword_test.boom 出错（RuntimeError: kaboom）")
    assert lines[2].startswith("  处理：检测插件出错，本文件未完成审查")
    obj = json.loads(run(files["boom"], "--format", "json").output)
    assert (obj["verdict"], obj["error"]["code"], obj["findings"]) == ("error", "plugin_error", [])


def test_json_lines_match_the_schema(files):
    result = run("--format", "json", files["block"], files["review"], files["clean"])
    assert result.exit_code == 1
    objs = [json.loads(line) for line in result.output.splitlines()]
    for obj in objs:
        check_report(obj)
    assert [o["verdict"] for o in objs] == ["block", "review", "pass"]
    block = objs[0]["findings"][0]
    assert (block["kind"], block["text"], block["location"]) == (
        "secret_level", "BLOCKWORD", {"part": "body", "page": None, "block": 0, "start": 0,
                                      "end": 9})
    assert {"name": "keyword_test", "version": "unknown"} in objs[0]["tool"]["plugins"]


def test_several_files_end_with_a_summary(files):
    result = run(files["block"], files["clean"], files["missing"])
    out = result.output
    assert "\n\n共检查 3 个文件：通过 1 · 需人工审查 0 · 不得发布（阻止） 1 · 无法审查 1\n" in out
    assert "  密级等标志 · 密级标志  1" in out
    assert out.rstrip().endswith(f"未能审查：{files['missing']}")
    assert "共检查" not in run(files["block"]).output


def test_config_changes_severity(files, tmp_path):
    toml = tmp_path / "screening.toml"
    toml.write_text('[severity]\n"restricted_info.process_draft" = "block"\n', encoding="utf-8")
    result = run(files["review"], "--config", str(toml))
    assert result.exit_code == 1
    assert "  1. 【阻止】内部信息 · 过程性信息" in result.output


def test_config_allow_list_and_show_suppressed(files, tmp_path):
    toml = tmp_path / "screening.toml"
    toml.write_text('[allow]\ntexts = ["BLOCKWORD"]\n', encoding="utf-8")
    result = run(files["block"], "--config", str(toml))
    assert result.exit_code == 0
    assert result.output.splitlines() == [
        f"{files['block']}：通过 — 未发现问题",
        "  另有 1 项已被允许清单等过滤，不计入结论（加 --show-suppressed 查看）"]
    shown = run(files["block"], "--config", str(toml), "--show-suppressed")
    assert shown.exit_code == 0
    assert "    1. 【阻止】密级等标志 · 密级标志" in shown.output
    assert "       过滤原因：allow-list" in shown.output


def test_screening_toml_in_the_current_folder_is_used(files, tmp_path, monkeypatch):
    (tmp_path / "screening.toml").write_text('[allow]\ntexts = ["BLOCKWORD"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert run(files["block"]).exit_code == 0


def test_invalid_config_exits_4_with_a_message(files, tmp_path):
    toml = tmp_path / "bad.toml"
    toml.write_text('[severity]\n"restricted_info.process_draft" = "urgent"\n', encoding="utf-8")
    result = run(files["review"], "--config", str(toml))
    assert result.exit_code == 4
    assert result.stderr.startswith("错误：配置 [severity] 只能取 block、review、info")
    assert result.stdout == ""
    en = run(files["review"], "--config", str(toml), "--lang", "en")
    assert en.stderr.startswith("error: [severity] values must be block, review or info")


def test_missing_config_file_is_a_usage_error(files, tmp_path):
    result = run(files["clean"], "--config", str(tmp_path / "nope.toml"))
    assert result.exit_code == 2


def test_no_file_is_a_usage_error():
    result = run("scan")
    assert result.exit_code == 2
    assert "Missing argument 'FILES...'" in result.output


def test_invalid_choice_is_a_usage_error(files):
    assert run(files["clean"], "--format", "xml").exit_code == 2
    assert run(files["clean"], "--lang", "fr").exit_code == 2


# -- the built-in readers and detectors, end to end -------------------------------------------

def test_builtin_secret_mark_in_a_text_file(tmp_path):
    path = tmp_path / "通知.txt"
    path.write_text("机密★1年\n关于开展冬季安全生产大检查的通知\n各单位：\n", encoding="utf-8")
    result = run(str(path), "--format", "json", pm=False)
    obj = json.loads(result.output)
    check_report(obj)
    assert result.exit_code == 1, obj
    marks = [f for f in obj["findings"] if f["kind"] == "secret_level"]
    assert [(f["text"], f["severity"], f["basis"], f["location"]["block"]) for f in marks] == [
        ("机密★1年", "block", "属于国家秘密", 0)]
    text = run(str(path), pm=False).output
    assert "【阻止】密级等标志 · 密级标志" in text and "位置：第1行" in text


def test_builtin_clean_text_file_passes(tmp_path):
    path = tmp_path / "通知.txt"
    path.write_text("关于开展冬季安全生产大检查的通知\n各单位：现将有关事项通知如下。\n",
                    encoding="utf-8")
    result = run(str(path), pm=False)
    assert result.exit_code == 0, result.output
    assert result.output == f"{path}：通过 — 未发现问题\n"


def test_builtin_legacy_doc_gets_advice(tmp_path):
    path = tmp_path / "旧.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    result = run(str(path), pm=False)
    assert result.exit_code == 4
    assert "  处理：请在 Word 或 WPS 中打开，另存为 .docx 后再检查" in result.output.splitlines()


def test_colours_only_on_a_terminal(files, monkeypatch):
    import io

    from screening.cli import options

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setattr("sys.stdout", Terminal())
    assert options.use_color() is True
    monkeypatch.setenv("NO_COLOR", "1")
    assert options.use_color() is False
    monkeypatch.setattr("sys.stdout", io.StringIO())
    monkeypatch.delenv("NO_COLOR")
    assert options.use_color() is False


def test_terminal_output_is_coloured(files, monkeypatch):
    import re

    monkeypatch.setattr("screening.cli.scan.use_color", lambda: True)
    coloured = run(files["block"], files["clean"])
    assert "\x1b[31m" in coloured.output  # the block verdict and severity in red
    plain = re.sub(r"\x1b\[[0-9;]*m", "", coloured.output)
    monkeypatch.setattr("screening.cli.scan.use_color", lambda: False)
    assert plain == run(files["block"], files["clean"]).output
    json_out = run("--format", "json", files["block"]).output
    assert "\x1b[" not in json_out


SAMPLES = Path(__file__).resolve().parents[2] / "samples"


@pytest.mark.parametrize("sample, place_zh, place_en", [
    ("notice-mark-line2.docx", "正文第1页第2段", "body, page 1, paragraph 2"),
    ("notice-mark-header.docx", "页眉（首页）", "header (first page)"),
    ("notice-mark.pdf", "PDF 第1页第2行", "PDF page 1, line 2"),
])
def test_builtin_samples_say_where_the_mark_is(sample, place_zh, place_en):
    path = SAMPLES / sample
    if not path.exists():
        pytest.skip(f"samples/{sample} is not generated yet (python samples/make_samples.py)")
    zh = run(str(path), pm=False)
    assert zh.exit_code == 1
    assert f"     位置：{place_zh}" in zh.output.splitlines()
    assert "     依据：属于国家秘密 — 《政府信息公开条例》第十四条" in zh.output.splitlines()
    en = run(str(path), "--lang", "en", pm=False)
    assert f"     where: {place_en}" in en.output.splitlines()
