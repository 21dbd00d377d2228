"""Options shared by several commands, and the mapping of errors to messages and exit codes.

Commands get their plugin manager from :func:`make_screener`: the one a caller put into the click
context object (``cli.main(obj={"pm": pm})`` — an embedding application or a test with its own
plugins), else a fresh :func:`~screening.plugins.get_plugin_manager` with entry points.
"""

from __future__ import annotations

import os
import sys
from typing import NoReturn

import click
import pluggy

from ..config import Config, load_config
from ..errors import PluginError, ScreeningError
from ..pipeline import Screener
from ..policy import EXIT_ERROR

LANG_ENV = "SCREENING_LANG"


def lang_option(f):
    return click.option(
        "--lang", type=click.Choice(["zh", "en"]), default=None,
        help=f"输出语言，默认中文（也可设环境变量 {LANG_ENV}=en）。Output language "
             f"(default zh; or set {LANG_ENV}).")(f)


def config_option(f):
    return click.option(
        "--config", "config_path", type=click.Path(exists=True, dir_okay=False), default=None,
        help="办公室配置文件，默认当前目录下的 screening.toml。Office configuration file "
             "(default: ./screening.toml when present).")(f)


def format_option(help_text: str):
    def decorate(f):
        return click.option("--format", "fmt", type=click.Choice(["text", "json"]),
                            default="text", show_default=True, help=help_text)(f)
    return decorate


def resolve_lang(lang: str | None) -> str:
    """``--lang`` wins; else ``SCREENING_LANG`` (``en``, ``en_US`` … → en); else Chinese."""
    if lang:
        return lang
    env = os.environ.get(LANG_ENV, "").strip().lower()
    return "en" if env.startswith("en") else "zh"


def use_color() -> bool:
    """Colours only on a terminal, and never with ``NO_COLOR`` set."""
    return sys.stdout.isatty() and "NO_COLOR" not in os.environ


def get_config(config_path: str | None, lang: str) -> Config:
    try:
        return load_config(config_path, lang=lang)
    except ScreeningError as exc:
        fail(exc, lang)


def make_screener(config: Config, lang: str) -> Screener:
    """A screener with the context's plugin manager (see the module docstring). A broken plugin
    is reported like any other error and exits 4: screening never runs with it half-loaded."""
    ctx = click.get_current_context(silent=True)
    obj = ctx.find_object(dict) if ctx is not None else None
    pm = obj.get("pm") if obj else None
    try:
        return Screener(config, pm=pm)
    except ScreeningError as exc:
        fail(exc, lang)
    except pluggy.PluginValidationError as exc:
        fail(PluginError(f"插件有误，无法加载（请报告管理员）：{exc}",
                         message_en=f"a plugin is invalid and cannot be loaded: {exc}"), lang)


def fail(exc: ScreeningError, lang: str) -> NoReturn:
    """Print a ScreeningError for a person (stderr) and exit 4."""
    prefix = "错误：" if lang != "en" else "error: "
    click.echo(prefix + exc.text(lang), err=True)
    raise SystemExit(EXIT_ERROR)
