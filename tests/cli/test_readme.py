"""Every command README.md shows runs as shown and exits with the code it documents.

A command is a ``$ screen …`` line in a ``console`` code block, with its exit code in the comment
(``# 退出码 1`` or ``# exit 1``). The commands of one block run in order in one fresh folder (a
walk-through builds on its earlier steps: keys, roster, review, gate) holding ``samples/`` and the
TOML files the README shows (a ``toml`` block whose first line is ``# <file name>``), exactly as a
user who copied them would have them; ``> FILE`` at the end of a command writes its output to
FILE there. The samples are committed: a command on a missing sample fails (regenerate them with
``python samples/make_samples.py``).
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner

from screening.cli import cli

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"
CI_RUN = ROOT / ".ci" / "run"

_BLOCK = re.compile(r"^```(\w*)\n(.*?)^```", re.M | re.S)
_EXIT = re.compile(r"#\s*(?:退出码|exit)\s*(\d)")


def code_blocks(lang: str) -> list[str]:
    return [body for kind, body in _BLOCK.findall(README.read_text(encoding="utf-8"))
            if kind == lang]


def readme_blocks() -> list[list[tuple[str, int | None]]]:
    """The ``$`` commands of each console block, with their documented exit codes."""
    blocks = []
    for body in code_blocks("console"):
        commands = []
        for line in body.splitlines():
            if line.startswith("$ "):
                m = _EXIT.search(line)
                commands.append((line[2:].split("#")[0].strip(),
                                 int(m.group(1)) if m else None))
        if commands:
            blocks.append(commands)
    return blocks


def readme_commands() -> list[tuple[str, int | None]]:
    return list(dict.fromkeys(c for block in readme_blocks() for c in block))


def readme_files() -> dict[str, str]:
    """``{name: content}`` of the toml blocks that start with ``# <name>``."""
    files = {}
    for body in code_blocks("toml"):
        first = body.splitlines()[0]
        m = re.fullmatch(r"#\s*(\S+\.toml)", first.strip())
        if m:
            files[m.group(1)] = body
    return files


def test_readme_has_runnable_commands_with_exit_codes():
    commands = readme_commands()
    assert len(commands) >= 10
    missing = [c for c, code in commands if code is None]
    assert not missing, f"document the exit code of: {missing}"
    assert all(c.split()[0] == "screen" or "=" in c.split()[0] for c, _ in commands)
    assert "screening.toml" in readme_files()


@pytest.mark.parametrize("block", readme_blocks(), ids=lambda b: b[0][0][:60])
def test_readme_block(block, tmp_path, monkeypatch):
    (tmp_path / "samples").symlink_to(ROOT / "samples")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))  # screen batch's cache
    for command, code in block:
        _run(command, code, tmp_path)


def _run(command: str, code: int | None, folder: Path) -> None:
    words = shlex.split(command)
    output_file = None
    if len(words) > 2 and words[-2] == ">":
        output_file = words[-1]
        words = words[:-2]
    env = {}
    while "=" in words[0]:
        name, _, value = words.pop(0).partition("=")
        env[name] = value
    assert words[0] == "screen"
    for word in words:
        if word.startswith("samples/"):
            assert (ROOT / word).exists(), f"{word} is missing: python samples/make_samples.py"
    for name, content in readme_files().items():
        if name in words:
            (folder / name).write_text(content, encoding="utf-8")
    result = CliRunner().invoke(cli, words[1:], env=env)
    assert result.exit_code == code, f"$ {command}\n" + result.output + (result.stderr or "")
    assert result.output.strip(), f"$ {command} printed nothing"
    if output_file:
        (folder / output_file).write_text(result.stdout, encoding="utf-8")


def test_install_and_test_commands_match_ci():
    bash = "\n".join(code_blocks("bash"))
    assert "pip install -e '.[dev]'" in bash
    assert re.search(r"^pytest$", bash, re.M)
    ci = CI_RUN.read_text(encoding="utf-8")
    assert "pip install -e '.[dev]'" in ci
    assert re.search(r"^\s*(python -m )?pytest\b", ci, re.M)
