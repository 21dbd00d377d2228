"""The plugin manager factory and the registry of what the plugins contributed.

``get_plugin_manager()`` builds a fresh manager: no import-time side effects, no global. Built-in
plugins are registered explicitly from :data:`BUILTIN_PLUGINS`; then third-party plugins load from
the entry-point group ``screening``. ``SCREENING_LOAD_PLUGINS=dist1,dist2`` restricts which
distributions' entry points load (empty: none). Blocking a name removes a plugin entirely, which is
why the gate checks required detectors itself.
"""

from __future__ import annotations

import functools
import importlib
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import metadata

import pluggy

from . import hookspecs
from .config import Config
from .detector import Detector
from .errors import PluginError
from .lexicons import Lexicon, load_file, merge
from .model import PluginInfo
from .readers import Reader

#: (name, module) of the built-in plugins, in registration order. The names equal the entry-point
#: names in pyproject.toml so that entry-point loading skips them.
BUILTIN_PLUGINS: tuple[tuple[str, str], ...] = (
    ("readers", "screening.readers"),
    ("signers", "screening.records.signers"),
    ("classification_marks", "screening_plugins.classification_marks"),
    ("personal_data", "screening_plugins.personal_data"),
    ("hidden_content", "screening_plugins.hidden_content"),
    ("trade_secrets", "screening_plugins.trade_secrets"),
    ("restricted_info", "screening_plugins.restricted_info"),
)

ENTRYPOINT_GROUP = "screening"
LOAD_PLUGINS_ENV = "SCREENING_LOAD_PLUGINS"


def get_plugin_manager(*, entrypoints: bool = True, only: Sequence[str] | None = None,
                       blocked: Sequence[str] = ()) -> pluggy.PluginManager:
    """Build a plugin manager.

    :param entrypoints: also load third-party plugins from entry points (tests pass ``False``).
    :param only: load entry points only from these distributions; default from
        ``SCREENING_LOAD_PLUGINS`` (unset: all).
    :param blocked: plugin names never to register (built-in or not).
    """
    pm = pluggy.PluginManager("screening")
    pm.add_hookspecs(hookspecs)
    for name in blocked:
        pm.set_blocked(name)
    for name, module in BUILTIN_PLUGINS:
        if pm.is_blocked(name):
            continue
        pm.register(importlib.import_module(module), name=name)
    if entrypoints:
        _load_entrypoints(pm, only)
    pm.check_pending()
    return pm


def _load_entrypoints(pm: pluggy.PluginManager, only: Sequence[str] | None) -> None:
    if only is None:
        env = os.environ.get(LOAD_PLUGINS_ENV)
        if env is not None:
            only = [d.strip() for d in env.split(",") if d.strip()]
    allowed = None if only is None else {_canon(d) for d in only}
    for ep in metadata.entry_points(group=ENTRYPOINT_GROUP):
        if pm.get_plugin(ep.name) is not None or pm.is_blocked(ep.name):
            continue
        dist = ep.dist.name if ep.dist else ""
        if _canon(dist) == "screening":
            continue  # our own built-ins, registered above
        if allowed is not None and _canon(dist) not in allowed:
            continue
        try:
            plugin = ep.load()
        except Exception as exc:  # a broken third-party plugin must not pass silently
            raise PluginError(f"插件 {ep.name}（{dist}）无法加载：{exc}",
                              message_en=f"plugin {ep.name} ({dist}) failed to load: {exc}") from exc
        pm.register(plugin, name=ep.name)


def _canon(name: str) -> str:
    return name.lower().replace("_", "-")


def _packages_distributions() -> dict[str, list[str]]:
    """importlib's map of top-level modules to distributions (slow: ~0.4 s), once per
    ``sys.path``."""
    return _packages_distributions_on(tuple(sys.path))


@functools.lru_cache(maxsize=4)
def _packages_distributions_on(path: tuple[str, ...]) -> dict[str, list[str]]:
    return metadata.packages_distributions()


def plugin_version(pm: pluggy.PluginManager, name: str) -> tuple[str, str]:
    """``(distribution, version)`` of a registered plugin."""
    from . import __version__

    if name in dict(BUILTIN_PLUGINS):
        return "screening", __version__
    plugin = pm.get_plugin(name)
    module = getattr(plugin, "__name__", "") or type(plugin).__module__
    top = module.split(".")[0]
    for dist in _packages_distributions().get(top, []):
        try:
            return dist, metadata.version(dist)
        except metadata.PackageNotFoundError:
            continue
    return "", "unknown"


@dataclass(frozen=True)
class Registry:
    """Everything the plugins registered, collected once per process."""

    readers: tuple[Reader, ...]
    detectors: tuple[Detector, ...]
    lexicons: dict[str, Lexicon]
    plugins: tuple[PluginInfo, ...]
    config: Config


def collect(pm: pluggy.PluginManager, config: Config) -> Registry:
    """Ask every plugin for its lexicons, then detectors and readers; return the registry and the
    configuration with the merged lexicons (built-in, plugins, then the office's files)."""
    lexicons: list[Lexicon] = []
    pm.hook.screening_register_lexicons(register=lexicons.append)
    for name, file in config.lexicon_files.items():
        lexicons.append(load_file(file, name))
    config = config.with_lexicons(merge(lexicons))

    readers: list[Reader] = []
    pm.hook.screening_register_readers(register=readers.append)
    readers.sort(key=lambda r: r.priority)

    detectors: list[Detector] = []
    pm.hook.screening_register_detectors(register=detectors.append, config=config)
    seen: set[str] = set()
    for det in detectors:
        if det.name in seen:
            raise PluginError(f"检测器名称重复：{det.name}",
                              message_en=f"duplicate detector name {det.name}")
        seen.add(det.name)

    plugins = []
    for name, plugin in sorted(pm.list_name_plugin(), key=lambda np: np[0]):
        if plugin is None:
            continue  # a blocked name: pluggy lists it, but it never ran
        dist, version = plugin_version(pm, name)
        plugins.append(PluginInfo(name=name, version=version))
    return Registry(readers=tuple(readers), detectors=tuple(detectors),
                    lexicons=dict(config.lexicons), plugins=tuple(plugins), config=config)
