"""``screen plugins``: what is loaded — plugins with their distributions and versions, readers,
detectors and lexicons. What this prints is what every scan in this environment runs with."""

from __future__ import annotations

import json

import click

from .. import __version__
from ..plugins import plugin_version
from .options import (config_option, format_option, get_config, lang_option, make_screener,
                      resolve_lang)


@click.command(short_help="列出已加载的插件。List plugins, readers, detectors, lexicons.")
@format_option("text 或 json。text or json.")
@lang_option
@config_option
def plugins(fmt, lang, config_path):
    """列出已加载的插件（含发行包和版本）、读取器、检测器和词表。

    List the loaded plugins (with distribution and version), readers, detectors and lexicons.
    Third-party plugins load from the entry-point group ``screening``; set
    SCREENING_LOAD_PLUGINS=dist1,dist2 to load only those distributions (empty: none).
    """
    lang = resolve_lang(lang)
    screener = make_screener(get_config(config_path, lang), lang)
    data = inventory(screener)
    if fmt == "json":
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    click.echo(render(data, lang))


def inventory(screener) -> dict:
    """Everything the plugins registered, as plain data (the ``--format json`` output)."""
    reg = screener.registry
    plugins = []
    for info in reg.plugins:
        dist, version = plugin_version(screener.pm, info.name)
        plugins.append({"name": info.name, "distribution": dist, "version": version})
    return {
        "version": __version__,
        "plugins": plugins,
        "readers": [{"format": r.format, "priority": r.priority,
                     "version": getattr(r, "version", "") or __version__} for r in reg.readers],
        "detectors": [{"name": d.name, "category": d.category.value, "version": d.version}
                      for d in reg.detectors],
        "lexicons": [{"name": lx.name, "entries": len(lx.entries), "source": lx.source,
                      "version": lx.version} for lx in reg.lexicons.values()],
    }


def render(data: dict, lang: str) -> str:
    zh = lang != "en"
    lines = [f"screening {data['version']}"]
    lines.append(f"插件 Plugins ({len(data['plugins'])}):" if zh else
                 f"Plugins ({len(data['plugins'])}):")
    for p in data["plugins"]:
        lines.append(f"  {p['name']:<24} {p['distribution'] or '-':<20} {p['version']}")
    lines.append(f"读取器 Readers ({len(data['readers'])}):" if zh else
                 f"Readers ({len(data['readers'])}):")
    for r in data["readers"]:
        lines.append(f"  {r['format']:<24} {r['version']}")
    lines.append(f"检测器 Detectors ({len(data['detectors'])}):" if zh else
                 f"Detectors ({len(data['detectors'])}):")
    for d in data["detectors"]:
        lines.append(f"  {d['name']:<44} {d['category']:<20} {d['version']}")
    lines.append(f"词表 Lexicons ({len(data['lexicons'])}):" if zh else
                 f"Lexicons ({len(data['lexicons'])}):")
    unit = "条" if zh else "entries"
    for lx in data["lexicons"]:
        lines.append(f"  {lx['name']:<28} {lx['entries']:>5} {unit}  {lx['source']}")
    return "\n".join(lines)
