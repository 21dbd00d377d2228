"""``screen scan FILE…`` (the default command): screen files and report what must not go out."""

from __future__ import annotations

import click

from ..errors import ScreeningError
from ..pipeline import Screener
from ..policy import exit_code, worst
from ..report import json as json_report
from ..report import text as text_report
from .options import config_option, fail, get_config, lang_option, resolve_lang


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=True))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="text：给人看的报告；json：每个文件一行 JSON（JSON Lines）。")
@click.option("--show-suppressed", is_flag=True, help="同时列出被允许清单等过滤掉的发现。")
@lang_option
@config_option
def scan(files, fmt, show_suppressed, lang, config_path):
    """检查文件，列出不得公开的内容、位置、依据和处理办法。

    Screen FILES and report every finding with its place, legal basis and what to do.
    Exit code: the worst file decides (0 pass, 1 block, 3 review, 4 unreadable).
    """
    lang = resolve_lang(lang)
    config = get_config(config_path, lang)
    try:
        screener = Screener(config)
    except ScreeningError as exc:
        fail(exc, lang)
    reports = []
    for path in files:
        report = screener.scan(path)
        reports.append(report)
        if fmt == "json":
            click.echo(json_report.render(report))
        else:
            click.echo(text_report.render(report, lang=lang, show_suppressed=show_suppressed))
    if fmt == "text" and len(reports) > 1:
        click.echo(text_report.render_summary(reports, lang=lang))
    raise SystemExit(exit_code(worst(r.verdict for r in reports)))
