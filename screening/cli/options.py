"""Options shared by several commands, and the mapping of errors to messages and exit codes."""

from __future__ import annotations

import os

import click

from ..config import Config, load_config
from ..errors import ScreeningError
from ..policy import EXIT_ERROR


def lang_option(f):
    return click.option(
        "--lang", type=click.Choice(["zh", "en"]), default=None,
        help="输出语言（默认中文；也可设环境变量 SCREENING_LANG）。Output language.")(f)


def config_option(f):
    return click.option(
        "--config", "config_path", type=click.Path(exists=True, dir_okay=False), default=None,
        help="办公室配置文件（默认当前目录下的 screening.toml）。Office configuration file.")(f)


def resolve_lang(lang: str | None) -> str:
    return lang or os.environ.get("SCREENING_LANG", "zh")


def get_config(config_path: str | None, lang: str) -> Config:
    try:
        return load_config(config_path, lang=lang)
    except ScreeningError as exc:
        fail(exc, lang)
        raise  # unreachable


def fail(exc: ScreeningError, lang: str) -> None:
    """Print a ScreeningError for a person and exit 4."""
    prefix = "错误：" if lang == "zh" else "error: "
    click.echo(prefix + exc.text(lang), err=True)
    raise SystemExit(EXIT_ERROR)
