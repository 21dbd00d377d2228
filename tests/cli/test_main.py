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


def test_every_command_is_listed_and_a_scan_loads_only_what_it_needs(tmp_path):
    """`screen --help` lists every command; `screen FILE` (a drafter's check, which should take
    well under a second) does not import the signing, ledger, sanitize or HTTP code (only the
    built-in signer plugin's own small module, which registers the hook, and the file digests)."""
    from screening.cli import COMMANDS

    out = CliRunner().invoke(cli, ["--help"]).output
    for name in COMMANDS:
        assert f"  {name} " in out, name
    doc = tmp_path / "通知.txt"
    doc.write_text("关于做好春季防汛工作的通知\n", encoding="utf-8")
    probe = ("import sys\nfrom screening.cli import main\nsys.argv = ['screen', sys.argv[1]]\n"
             "try:\n    main()\nexcept SystemExit as exc:\n    code = exc.code\n"
             "heavy = sorted(m for m in sys.modules if m.startswith(('screening.records', "
             "'screening.sanitize', 'screening.service', 'fastapi', 'uvicorn', 'pikepdf')) "
             "and m not in ('screening.records', 'screening.records.signers', "
             "'screening.records.digests'))\n"
             "print('CODE', code, 'HEAVY', heavy)\n")
    run = subprocess.run([sys.executable, "-c", probe, str(doc)], capture_output=True, text=True,
                         timeout=120)
    assert "CODE 0 HEAVY []" in run.stdout, run.stdout + run.stderr
