"""``screen batch DIR…``: screen every document in folders, in parallel, with a summary at the end.

Which files count, how the pool, cache and Dask run work: see :mod:`screening.batch`. This module
only wires the options to them. stdout carries the result (the summary table, or JSON Lines with
``--format json``); the progress line and, with ``--format json``, the summary go to stderr.
Exit code: the worst file decides, as for ``screen scan`` (error 4 > block 1 > review 3 > pass 0).
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator, Sequence
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from ..policy import EXIT_ERROR
from .options import (config_option, format_option, get_config, lang_option, make_screener,
                      resolve_lang)

if TYPE_CHECKING:
    from ..batch.cache import Cache
    from ..batch.model import BatchItem
    from ..batch.progress import Progress
    from ..batch.work import Outcome
    from ..pipeline import Screener

HELP = """检查一个或多个文件夹中的全部文档（含子文件夹），并行处理，最后给出汇总表。

Screen every document under FOLDERS (recursively, in parallel) and print a summary: files by
verdict, findings by category and kind, files that could not be screened and why.

\b
哪些文件会被检查：按内容识别 .docx、PDF、文本文件；旧版 .doc/.wps 等会报告为"无法审查"；
图片、空文件、隐藏文件和 ~$ 开头的临时文件跳过（汇总表中列出跳过的数量）。
Files count by content; images, empty, hidden and ~$ lock files are skipped and counted.

\b
未改动的文件不会重新读取：结果按文件内容和检测器/词表版本缓存（只存遮盖后的结果）。
Unchanged files are served from a cache of masked results (--no-cache re-reads everything).

\b
退出码 Exit codes（取最严重的文件 the worst file decides）:
  0 全部通过 pass · 1 有不得发布的文件 blocked · 3 有需人工审查的文件 needs review
  4 有无法审查的文件 could not be screened · 2 用法错误 usage error

\b
示例 Examples:
  screen batch 待发布/
  screen batch 待发布/ --report 审查报告.html --report 审查结果.csv
  screen batch 门户网站/ --include "*.pdf" --exclude "归档/*" --workers 4
  screen batch 待发布/ --format json > 结果.jsonl
  screen batch /mnt/档案 --scheduler tcp://10.0.0.5:8786
"""

REPORT_SUFFIXES = (".html", ".htm", ".csv", ".json", ".jsonl")


@click.command(help=HELP, short_help="检查文件夹中的全部文档。Screen whole folders in parallel.")
@click.argument("folders", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--include", multiple=True, metavar="GLOB",
              help="只检查匹配的文件（可多次给出），如 \"*.docx\"。Only files matching GLOB.")
@click.option("--exclude", multiple=True, metavar="GLOB",
              help="跳过匹配的文件或文件夹（可多次给出），如 \"归档/*\"。Skip matching paths.")
@click.option("--workers", "-j", type=click.IntRange(min=1), default=None,
              help="并行的工作进程数，默认为 CPU 核数。Worker processes (default: CPU count).")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=120.0,
              show_default=True,
              help="单个文件的时限（秒），超时记为无法审查。Per-file time limit in seconds.")
@format_option("text：汇总表；json：每个文件一行 JSON（JSON Lines，按路径排序；取自缓存的文件，"
               "个人信息的 text 为遮盖后的值，要原文请加 --no-cache）。text: a summary table; "
               "json: one JSON object per file, sorted by path (files served from the cache show "
               "personal values masked in text; --no-cache for the raw text).")
@click.option("--report", "reports", multiple=True, type=click.Path(dir_okay=False),
              help="另存报告：.html（可在浏览器中筛选）、.csv 或 .json，可多次给出；"
                   "报告中个人信息均已遮盖。Write a report (.html, .csv, .json; repeatable); "
                   "personal values masked.")
@click.option("--cache-dir", type=click.Path(file_okay=False), default=None,
              help="缓存位置，默认 $XDG_CACHE_HOME/screening 或 ~/.cache/screening。Cache folder.")
@click.option("--no-cache", is_flag=True,
              help="不使用缓存，重新读取全部文件（结果仍写入缓存）。Re-read every file.")
@click.option("--scheduler", metavar="tcp://HOST:PORT", default=None,
              help="在已有的 Dask 集群上运行（工作节点需安装 screening）。Run on a Dask cluster.")
@click.option("--send-bytes", is_flag=True,
              help="与 --scheduler 同用：把文件内容发给集群，而不是让工作节点按相同路径读取。"
                   "With --scheduler: send file contents instead of paths.")
@click.option("--quiet", "-q", is_flag=True,
              help="不显示进度（输出不是终端时本就不显示）。No progress line.")
@lang_option
@config_option
def batch(folders, include, exclude, workers, timeout, fmt, reports, cache_dir, no_cache,
          scheduler, send_bytes, quiet, lang, config_path):
    from ..batch.cache import fingerprint
    from ..batch.discover import discover
    from ..batch.model import report_json
    from ..batch.progress import Progress
    from ..batch.runner import BatchError
    from ..batch.summary import render, render_files, summarize
    from ..pipeline import cpu_count

    lang = resolve_lang(lang)
    if send_bytes and not scheduler:
        raise click.UsageError("--send-bytes 只能与 --scheduler 一起使用 "
                               "(--send-bytes needs --scheduler)")
    writers = [(Path(p), _writer(p, lang)) for p in reports]
    config = get_config(config_path, lang)
    screener = make_screener(config, lang)
    workers = workers or cpu_count()
    found = discover(folders, include=include, exclude=exclude)
    setup = fingerprint(screener, lang)
    cache = _open_cache(cache_dir, lang)
    progress = Progress(len(found.files), lang=lang, enabled=None if not quiet else False)
    items: list[BatchItem] = []
    patches: dict[str, Any] = {}
    started, clock = datetime.now().astimezone(), time.monotonic()
    try:
        for outcome in _outcomes(found.files, screener, config, lang, setup, workers, timeout,
                                 cache, no_cache, scheduler, send_bytes, progress):
            progress.done(outcome.item)
            items.append(outcome.item)
            patches[outcome.item.path] = outcome.patches
            if cache is not None and outcome.key is not None:
                cache.put(outcome.key, setup, outcome.item)
    except KeyboardInterrupt:
        click.echo("已中断。已完成的文件结果已存入缓存，再次运行会从中断处继续。"
                   if lang != "en" else "Interrupted. Finished files are cached; run again to "
                   "continue where it stopped.", err=True)
        raise SystemExit(EXIT_ERROR) from None
    except BatchError as exc:
        click.echo(("错误：" if lang != "en" else "error: ") + str(exc), err=True)
        raise SystemExit(EXIT_ERROR) from None
    finally:
        progress.close()
        if cache is not None:
            cache.prune(setup)
            cache.close()
    items.sort(key=lambda item: item.path)
    summary = summarize(items, skipped=found.skipped, seconds=time.monotonic() - clock,
                        workers=None if scheduler else min(workers, max(1, len(found.files))),
                        started=started)
    table = render(summary, lang=lang)
    files = render_files(items, lang=lang)
    if fmt == "json":
        for item in items:
            click.echo(_json_line(report_json(item, patches.get(item.path))))
        if not quiet:
            click.echo(table, err=True)
    else:
        if files:
            click.echo(files)
            click.echo("")
        click.echo(table)
    for path, write in writers:
        try:
            write(items, path, summary)
        except OSError as exc:
            click.echo(f"错误：无法写入报告 {path}（{exc.strerror or exc}），请检查路径和权限"
                       if lang != "en" else f"error: cannot write the report {path} "
                       f"({exc.strerror or exc}); check the path and permissions", err=True)
            raise SystemExit(EXIT_ERROR) from None
    raise SystemExit(summary["exit_code"])


def _outcomes(files: Sequence[str], screener: Screener, config: Any, lang: str, setup: str,
              workers: int, timeout: float, cache: Cache | None, no_cache: bool,
              scheduler: str | None, send_bytes: bool, progress: Progress) -> Iterator[Outcome]:
    """Every file's outcome: first what the cache has, then the rest from the pool or cluster."""
    from ..batch.runner import run_local
    from ..batch.work import from_cache, warm_up

    tool = screener.tool.to_dict()
    if scheduler:
        from ..batch.dask_runner import ScreenerSpec, run_dask

        yield from run_dask(files, scheduler=scheduler, spec=ScreenerSpec.of(config, lang),
                            setup=setup, tool=tool, timeout=timeout,
                            cache=None if no_cache else cache, send_bytes=send_bytes,
                            on_start=progress.start)
        return
    misses = list(files)
    if cache is not None and not no_cache:
        hits, misses = from_cache(cache, setup, files)
        yield from hits
    if misses:
        warm_up(screener)
        factory = partial(_inherited, screener)  # built and warmed here; each worker keeps it
        yield from run_local(misses, factory, workers=workers, timeout=timeout, lang=lang,
                             setup=setup, tool=tool, on_start=progress.start)


def _inherited(screener: Screener) -> Screener:
    return screener


def _open_cache(cache_dir: str | None, lang: str) -> Cache | None:
    import sqlite3

    from ..batch.cache import Cache, default_dir

    folder = Path(cache_dir) if cache_dir else default_dir()
    try:
        return Cache(folder)
    except (OSError, sqlite3.Error) as exc:  # a read-only home …: run without the cache
        click.echo(f"提示：无法使用缓存 {folder}（{exc}），本次不使用缓存" if lang != "en" else
                   f"note: cannot use the cache {folder} ({exc}); running without it", err=True)
        return None


def _writer(path: str, lang: str):
    """The writer for a ``--report`` path, by suffix; checked before the batch starts."""
    suffix = Path(path).suffix.lower()
    if suffix not in REPORT_SUFFIXES:
        raise click.BadParameter(
            f"{path}：报告只能是 .html、.csv 或 .json 文件 (a report must end in .html, .csv or "
            ".json)", param_hint="--report")
    if suffix in (".json", ".jsonl"):
        return _write_jsonl
    module = "html" if suffix in (".html", ".htm") else "csv"
    try:
        if module == "html":
            from ..report import html as writer
        else:
            from ..report import csv as writer
    except ImportError:
        click.echo(f"错误：此版本尚不能生成 {suffix} 报告" if lang != "en" else
                   f"error: this version cannot write {suffix} reports yet", err=True)
        raise SystemExit(EXIT_ERROR) from None
    if module == "html":
        return lambda items, out, summary: writer.write(items, out, lang=lang, summary=summary)
    return lambda items, out, summary: writer.write(items, out, lang=lang)


def _write_jsonl(items: Sequence[BatchItem], path: Path, summary: dict[str, Any]) -> None:
    """A stored report: the masked §4 objects, one a line (never the raw values)."""
    from ..batch.model import report_json

    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "w", encoding="utf-8") as fh:
        for item in items:
            fh.write(_json_line(report_json(item)) + "\n")
    os.replace(tmp, path)


def _json_line(obj: dict[str, Any]) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))

