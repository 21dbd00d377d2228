"""The ``screen`` command: a click group whose default command is ``scan``.

``screen 草稿.docx`` is ``screen scan 草稿.docx``. A file literally named like a command
(``batch``) must be written ``screen scan batch``. One module per command, named in
:data:`COMMANDS` and imported only when that command runs (or ``--help`` lists them): a drafter's
``screen 草稿.docx`` does not load the signing, ledger and HTTP code.
"""

from __future__ import annotations

import sys

import click

from ..policy import EXIT_ERROR

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


#: command name → (module in this package, attribute): the command's click object
COMMANDS: dict[str, tuple[str, str]] = {
    "scan": ("scan", "scan"),
    "batch": ("batch", "batch"),
    "sanitize": ("sanitize_cmd", "sanitize"),
    "review": ("review_cmd", "review"),
    "gate": ("gate_cmd", "gate"),
    "record": ("record_cmd", "record"),
    "keys": ("keys_cmd", "keys"),
    "roster": ("roster_cmd", "roster"),
    "ledger": ("ledger_cmd", "ledger"),
    "archive": ("archive_cmd", "archive"),
    "serve": ("serve_cmd", "serve"),
    "plugins": ("plugins_cmd", "plugins"),
}


class DefaultGroup(click.Group):
    """A group that runs ``default_command`` when the first argument is not a command name, and
    imports a command's module the first time the command is asked for."""

    default_command = "scan"

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in COMMANDS and args[0] not in ("-h", "--help", "--version"):
            args = [self.default_command, *args]
        return super().parse_args(ctx, args)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in self.commands and name in COMMANDS:
            import importlib

            module, attr = COMMANDS[name]
            self.add_command(getattr(importlib.import_module(f"{__name__}.{module}"), attr), name)
        return self.commands.get(name)


EPILOG = """\b
退出码 Exit codes（多个文件取最严重者 the worst file decides）:
  0 通过 pass · 1 不得发布 blocked · 3 需人工审查 needs review
  4 无法审查（文件不存在、无法读取、格式不支持、检测出错）could not be screened
  2 用法错误 usage error
"""


@click.group(name="screen", cls=DefaultGroup, context_settings=CONTEXT_SETTINGS, epilog=EPILOG)
@click.version_option(package_name="screening", prog_name="screen")
def cli() -> None:
    """政府信息公开前保密审查：检查草稿中的密级标志、个人信息、商业秘密、内部信息和隐藏内容。

    Pre-publication secrecy screening of government drafts (.docx, .pdf, text).

    \b
    常用 Examples:
      screen 草稿.docx                  检查一个文件（等同 screen scan 草稿.docx）
      screen 草稿.docx --lang en        English output
      screen 草稿.docx --format json    JSON Lines，供 OA 系统使用
      screen batch 文件夹/              检查整个文件夹，可出 HTML/CSV 报告
      screen sanitize 草稿.docx -o 公开版.docx   遮盖个人信息、去除隐藏内容（区分处理）
      screen review 草稿.docx --as drafter …    拟稿人、分管领导、信息公开审查人依次签署
      screen gate 公开版.docx           发布前把关：有完整审查记录才放行（OA 调用）
      screen plugins                   列出已加载的插件、读取器、检测器和词表
      screen review --help             每个命令都有 --help：全部选项 every command has --help
    """


def main() -> None:
    """Console-script entry point: click's exit codes, internal errors → 4 (never a traceback)."""
    try:
        cli.main(prog_name="screen", standalone_mode=True)
    except SystemExit:
        raise
    except Exception as exc:  # pragma: no cover - last line of defence
        click.echo(f"内部错误 internal error: {type(exc).__name__}: {exc}", err=True)
        sys.exit(EXIT_ERROR)
