"""The ``screen`` group: help, version, no arguments, the console script itself."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

import screening
from screening.cli import cli


def test_help_explains_commands_and_exit_codes():
    result = CliRunner().invoke(cli, ["--help"])
    assert result.exit_code == 0
    out = result.output
    assert "政府信息公开前保密审查" in out and "Pre-publication secrecy screening" in out
    for text in ("scan", "plugins", "退出码 Exit codes", "0 通过 pass", "1 不得发布 blocked",
                 "3 需人工审查 needs review", "4 无法审查", "2 用法错误 usage error"):
        assert text in out, text
    assert CliRunner().invoke(cli, ["-h"]).output == out


def test_scan_help_lists_options_exit_codes_and_examples():
    result = CliRunner().invoke(cli, ["scan", "--help"])
    assert result.exit_code == 0
    out = result.output
    for text in ("--format [text|json]", "--lang [zh|en]", "SCREENING_LANG", "--config FILE",
                 "--show-suppressed", "0  通过 pass", "1  不得发布（阻止）blocked",
                 "3  需人工审查 needs review", "4  无法审查", "文件不存在",
                 "screen samples/notice-mark-line2.docx"):
        assert text in out, text


def test_version():
    result = CliRunner().invoke(cli, ["--version"])
    assert result.exit_code == 0
    assert result.output == f"screen, version {screening.__version__}\n"


def test_no_arguments_shows_usage():
    result = CliRunner().invoke(cli, [])
    assert result.exit_code == 2
    assert "Usage: screen [OPTIONS] COMMAND [ARGS]..." in result.output
    assert "scan" in result.output


def test_console_script_runs_as_a_module(tmp_path):
    """``python -m screening`` is the same program as the ``screen`` script (same exit codes)."""
    env = {**os.environ, "SCREENING_LOAD_PLUGINS": ""}
    missing = subprocess.run([sys.executable, "-m", "screening", str(tmp_path / "x.docx")],
                             capture_output=True, text=True, env=env, cwd=tmp_path)
    assert missing.returncode == 4
    assert "找不到文件" in missing.stdout
    assert missing.stderr == ""
    usage = subprocess.run([sys.executable, "-m", "screening", "scan"], capture_output=True,
                           text=True, env=env, cwd=tmp_path)
    assert usage.returncode == 2
    assert Path(screening.__file__).exists()
