"""Term lists as data. A lexicon is a tab-separated text file, one entry a line.

File format (``lexicons/*.txt``, UTF-8)::

    # comment lines and blank lines are ignored
    # columns: term <TAB> kind <TAB> strength <TAB> basis <TAB> note   (only ``term`` is required)
    机密	secret_level	S	属于国家秘密	level word

Columns after the term are optional; missing ones are ``""``. A line may carry ``key=value`` fields
in the note column for detector-specific options. Built-in lexicons live in the package
``screening_lexicons``; an office adds its own through a plugin (``screening_register_lexicons``)
or a file named in ``screening.toml``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Generic, TypeVar

from .errors import ConfigError


@dataclass(frozen=True, slots=True)
class Entry:
    term: str
    kind: str = ""
    strength: str = ""
    basis: str = ""
    note: str = ""

    def options(self) -> dict[str, str]:
        """The ``key=value`` words of the note (``scope=mark``, ``needs=voice,pair``)."""
        out = {}
        for word in self.note.split():
            key, sep, value = word.partition("=")
            if sep and key.isascii():
                out[key] = value
        return out


@dataclass(frozen=True, slots=True)
class Lexicon:
    """A named list of entries with the version of where it came from."""

    name: str
    entries: tuple[Entry, ...]
    source: str = ""
    version: str = ""

    def terms(self, kind: str | None = None) -> list[str]:
        return [e.term for e in self.entries if kind is None or e.kind == kind]

    def by_kind(self, kind: str) -> list[Entry]:
        return [e for e in self.entries if e.kind == kind]


T = TypeVar("T")


class CompiledCache(Generic[T]):
    """What ``build(*lexicons)`` made (a matcher, a grammar, compiled patterns), kept while the
    same lexicon objects come back: they are made once per configuration and frozen, so identity
    decides. The last ``size`` builds are kept, so two configurations in one process do not
    rebuild each other's; publishing a build is one assignment, safe between threads (two threads
    may build the same thing once each, never see half of one)."""

    def __init__(self, build: Callable[..., T], size: int = 4):
        self._build = build
        self._size = size
        self._entries: tuple[tuple[tuple[Lexicon, ...], T], ...] = ()

    def get(self, *lexicons: Lexicon) -> T:
        for held, value in self._entries:
            if len(held) == len(lexicons) and all(a is b for a, b in zip(held, lexicons)):
                return value
        value = self._build(*lexicons)
        self._entries = ((lexicons, value), *self._entries)[: self._size]
        return value


def parse_lexicon(name: str, lines: Iterable[str], *, source: str = "",
                  version: str = "") -> Lexicon:
    entries = []
    for number, raw in enumerate(lines, 1):
        line = raw.rstrip("\r\n")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cols = [c.strip() for c in line.split("\t")]
        if not cols[0]:
            raise ConfigError(f"词表 {source or name} 第 {number} 行缺少词条",
                              message_en=f"lexicon {source or name} line {number}: empty term")
        cols += [""] * (5 - len(cols))
        entries.append(Entry(*cols[:5]))
    return Lexicon(name=name, entries=tuple(entries), source=source, version=version)


def load_file(path: str | Path, name: str | None = None) -> Lexicon:
    """Load a lexicon file; its name defaults to the file's stem."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"无法读取词表文件 {p}：{exc}",
                          message_en=f"cannot read lexicon file {p}: {exc}") from exc
    return parse_lexicon(name or p.stem, text.splitlines(), source=str(p))


def load_builtin(name: str) -> Lexicon:
    """Load ``<name>.txt`` from the installed ``screening_lexicons`` package."""
    from . import __version__

    ref = resources.files("screening_lexicons").joinpath(f"{name}.txt")
    text = ref.read_text(encoding="utf-8")
    return parse_lexicon(name, text.splitlines(), source=f"screening_lexicons/{name}.txt",
                         version=__version__)


def merge(lexicons: Iterable[Lexicon]) -> dict[str, Lexicon]:
    """Merge lexicons by name, in order (later entries extend earlier ones)."""
    merged: dict[str, Lexicon] = {}
    for lex in lexicons:
        if lex.name in merged:
            old = merged[lex.name]
            merged[lex.name] = Lexicon(
                name=lex.name, entries=old.entries + lex.entries,
                source=f"{old.source}+{lex.source}", version=old.version)
        else:
            merged[lex.name] = lex
    return merged
