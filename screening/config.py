"""Office configuration (``screening.toml``), frozen and passed to every detector and filter.

Nothing reads configuration globally: the CLI loads it once (``--config FILE``, else
``./screening.toml`` when present, else defaults) and hands the :class:`Config` down.

Example ``screening.toml``::

    [severity]                       # change a kind's severity: "block" | "review" | "info"
    "classification_mark.work_secret" = "block"

    [allow]                          # exact texts that are never findings (e.g. the office's hotline)
    texts = ["0591-12345678"]

    [lexicons]                       # extra lexicon files: name = path (merged into the built-in list)
    work_secret_marks = "office_marks.txt"

    [limits]                         # reader safety limits (defaults in Limits below)
    max_pdf_pages = 2000

    [masking]                        # how personal values are masked (screening/masking.py)
    resident_id = [6, 4]
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from types import MappingProxyType
from typing import Any

from .errors import ConfigError
from .lexicons import Lexicon
from .masking import MaskingPolicy, policy_from_config
from .model import Severity

MiB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class Limits:
    """Safety limits for untrusted files (sanitize.md §7). Exceeding one fails closed (exit 4)."""

    max_file_bytes: int = 512 * MiB        # any input file
    zip_max_entries: int = 1000
    zip_max_entry_bytes: int = 64 * MiB    # one member, uncompressed
    zip_max_total_bytes: int = 256 * MiB   # all members, uncompressed
    zip_max_ratio: int = 100               # compression ratio, checked above the grace size
    zip_ratio_grace_bytes: int = 100 * 1024
    max_pdf_pages: int = 5000
    pdf_memory_bytes: int = 2048 * MiB     # RLIMIT_AS of the PDF worker process
    pdf_timeout_seconds: float = 120.0
    max_text_chars: int = 50_000_000       # all blocks of one document


@dataclass(frozen=True, slots=True)
class Config:
    """The frozen office configuration.

    :param severity: overrides ``{"<category>.<kind>": Severity}``.
    :param allow_texts: exact texts that are never findings.
    :param lexicon_files: extra lexicon files ``{name: path}``, merged after the plugins' lexicons.
    :param lexicons: all lexicons by name, filled by the plugin manager (see ``plugins.configure``).
    :param masking: the masking policy for personal values (``[masking]``).
    :param lang: ``zh`` or ``en`` for messages.
    :param raw: the whole TOML table, for plugins with their own sections.
    """

    severity: Mapping[str, Severity] = field(default_factory=lambda: MappingProxyType({}))
    allow_texts: frozenset[str] = frozenset()
    lexicon_files: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    lexicons: Mapping[str, Lexicon] = field(default_factory=lambda: MappingProxyType({}))
    limits: Limits = field(default_factory=Limits)
    masking: MaskingPolicy = field(default_factory=MaskingPolicy)
    lang: str = "zh"
    source: str = ""
    raw: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))

    def lexicon(self, name: str) -> Lexicon:
        """The merged lexicon ``name``; an empty one if nothing registered it."""
        return self.lexicons.get(name) or Lexicon(name=name, entries=())

    def severity_for(self, category: str, kind: str, default: Severity) -> Severity:
        return self.severity.get(f"{category}.{kind}", default)

    def with_lexicons(self, lexicons: Mapping[str, Lexicon]) -> Config:
        return replace(self, lexicons=MappingProxyType(dict(lexicons)))


def load_config(path: str | Path | None = None, *, lang: str | None = None) -> Config:
    """Load ``path``, or ``./screening.toml`` if it exists, or the defaults."""
    if path is None:
        default = Path("screening.toml")
        if not default.is_file():
            return Config(lang=lang or "zh")
        path = default
    p = Path(path)
    try:
        data = tomllib.loads(p.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"配置文件 {p} 无法读取：{exc}",
                          message_en=f"cannot read configuration {p}: {exc}") from exc
    return config_from_dict(data, source=str(p), base=p.parent, lang=lang)


def config_from_dict(data: Mapping[str, Any], *, source: str = "", base: Path | None = None,
                     lang: str | None = None) -> Config:
    try:
        severity = {str(k): Severity(v) for k, v in dict(data.get("severity", {})).items()}
    except ValueError as exc:
        raise ConfigError(f"配置 [severity] 只能取 block、review、info：{exc}",
                          message_en=f"[severity] values must be block, review or info: {exc}")
    allow = frozenset(str(t) for t in dict(data.get("allow", {})).get("texts", []))
    lexicon_files = {}
    for name, file in dict(data.get("lexicons", {})).items():
        fp = Path(file)
        if base is not None and not fp.is_absolute():
            fp = base / fp
        lexicon_files[str(name)] = str(fp)
    limit_names = {f.name for f in fields(Limits)}
    limit_values = dict(data.get("limits", {}))
    unknown = set(limit_values) - limit_names
    if unknown:
        raise ConfigError(f"配置 [limits] 中有未知项：{sorted(unknown)}",
                          message_en=f"unknown [limits] keys: {sorted(unknown)}")
    return Config(
        severity=MappingProxyType(severity),
        allow_texts=allow,
        lexicon_files=MappingProxyType(lexicon_files),
        limits=Limits(**limit_values),
        masking=policy_from_config(data),
        lang=lang or str(data.get("lang", "zh")),
        source=source,
        raw=MappingProxyType(dict(data)),
    )


def user_cache_dir() -> Path:
    """Where screening keeps what it can make again (the batch cache, the grouped jieba
    dictionary): ``$XDG_CACHE_HOME/screening``, else ``~/.cache/screening``. A relative
    ``$XDG_CACHE_HOME`` is ignored, as the XDG specification says."""
    base = os.environ.get("XDG_CACHE_HOME", "")
    if not os.path.isabs(base):
        base = os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "screening"
