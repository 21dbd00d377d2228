"""``screen scan FILE…`` (the default command): screen files and report what must not go out.

Exit code: the worst file decides, error > block > review > pass (4 > 1 > 3 > 0). A file that
does not exist, cannot be read, has an unsupported format, or whose screening failed (a detector
raised) is ``error`` → 4: unreadable input is never a pass and never click's usage error 2.
"""

from __future__ import annotations

import click

from ..policy import exit_code, worst
from ..report import json as json_report
from ..report import text as text_report
from .options import (config_option, format_option, get_config, lang_option, make_screener,
                      resolve_lang, use_color)

HELP = """检查文件，列出不得公开的内容：是什么、在哪里、依据哪一条、怎么处理。

Screen FILES (.docx, .pdf, text) and report every finding with its place, legal basis and what
to do.

\b
退出码 Exit codes（多个文件时取最严重者 the worst file decides）:
  0  通过 pass
  1  不得发布（阻止）blocked
  3  需人工审查 needs review
  4  无法审查：文件不存在、无法读取、格式不支持或检测出错 could not be screened
  2  用法错误 usage error

\b
示例 Examples:
  screen samples/notice-mark-line2.docx
  screen a.docx b.pdf --format json
  screen 草稿.docx --lang en
  screen 草稿.docx --config screening.toml --show-suppressed
"""


@click.command(help=HELP, short_help="检查文件（默认命令）。Screen files (the default command).")
@click.argument("files", nargs=-1, required=True, type=click.Path())
@format_option("text：给人看的报告；json：每个文件一行 JSON（JSON Lines，供 OA 系统使用）。"
               "text for people; json: one JSON object per file per line.")
@click.option("--show-suppressed", is_flag=True,
              help="同时列出被允许清单等过滤掉的发现（不计入结论）。Also list suppressed findings.")
@lang_option
@config_option
def scan(files, fmt, show_suppressed, lang, config_path):
    lang = resolve_lang(lang)
    screener = make_screener(get_config(config_path, lang), lang)
    color = fmt == "text" and use_color()
    reports = []
    for i, path in enumerate(files):
        report = screener.scan(path)
        reports.append(report)
        if fmt == "json":
            click.echo(json_report.render(report))
            continue
        if i:
            click.echo("")
        click.echo(text_report.render(report, lang=lang, show_suppressed=show_suppressed,
                                      color=color), color=color)
    if fmt == "text" and len(reports) > 1:
        click.echo("")
        click.echo(text_report.render_summary(reports, lang=lang, color=color), color=color)
    raise SystemExit(exit_code(worst(r.verdict for r in reports)))
