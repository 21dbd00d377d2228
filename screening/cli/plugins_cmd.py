"""``screen plugins``: what is loaded — readers, detectors and lexicons, with versions."""

from __future__ import annotations

import json

import click

from ..errors import ScreeningError
from ..pipeline import Screener
from .options import config_option, fail, get_config, lang_option, resolve_lang


@click.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
@lang_option
@config_option
def plugins(fmt, lang, config_path):
    """列出已加载的插件、读取器、检测器和词表（含版本）。List plugins, readers, detectors, lexicons."""
    lang = resolve_lang(lang)
    try:
        reg = Screener(get_config(config_path, lang)).registry
    except ScreeningError as exc:
        fail(exc, lang)
    data = {
        "plugins": [p.to_dict() for p in reg.plugins],
        "readers": [{"format": r.format, "priority": r.priority} for r in reg.readers],
        "detectors": [{"name": d.name, "category": d.category.value, "version": d.version}
                      for d in reg.detectors],
        "lexicons": [{"name": lx.name, "entries": len(lx.entries), "source": lx.source,
                      "version": lx.version} for lx in reg.lexicons.values()],
    }
    if fmt == "json":
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    zh = lang == "zh"
    click.echo("插件 Plugins:" if zh else "Plugins:")
    for p in data["plugins"]:
        click.echo(f"  {p['name']:<24} {p['version']}")
    click.echo("读取器 Readers:" if zh else "Readers:")
    for r in data["readers"]:
        click.echo(f"  {r['format']}")
    click.echo("检测器 Detectors:" if zh else "Detectors:")
    for d in data["detectors"]:
        click.echo(f"  {d['name']:<44} {d['category']:<20} {d['version']}")
    click.echo("词表 Lexicons:" if zh else "Lexicons:")
    for lx in data["lexicons"]:
        click.echo(f"  {lx['name']:<28} {lx['entries']:>4} {'条' if zh else 'entries'}  {lx['source']}")
