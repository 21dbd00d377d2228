"""Which files a batch screens.

Folders are walked recursively (symbolic links followed, each real folder entered once, so a
link loop ends). A file counts by its **content**, not its name: the first bytes are sniffed with
:func:`screening.readers.sniff_format`, and PDFs, zip packages (.docx, but also .xlsx and plain
archives, which get a clear "unsupported" error rather than silence), legacy OLE files (.doc/.wps:
reported as unsupported, never skipped quietly) and text files count. Images and other binary
files and empty files are skipped and counted.

Never screened, and counted as skipped:

* hidden files and folders (``.git``, ``.DS_Store``), Office lock and temporary files
  (``~$报告.docx``, ``~WRL0001.tmp``), editor backups (``a.txt~``), ``Thumbs.db``, ``desktop.ini``;
* files a ``--exclude`` glob matches, and — when ``--include`` globs are given — files none of them
  matches. A glob is matched (``fnmatch``, case-sensitive on Linux) against the path relative to
  the folder given (``sub/a.docx``, with ``/``) and against the bare name, so ``*.docx`` and
  ``sub/*`` both work; a folder an exclude glob matches is not entered.

A file named on the command line (not a folder) is always screened, whatever it contains: the
user asked for it.
"""

from __future__ import annotations

import fnmatch
import os
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..readers import HEAD_BYTES, sniff_format

#: sniffed kinds that are screened (see the module docstring)
DOCUMENT_KINDS = frozenset({"pdf", "zip", "ole", "text"})

_JUNK_NAMES = frozenset({"thumbs.db", "desktop.ini"})


@dataclass
class Discovery:
    """The files to screen (sorted by path) and how many were skipped, by reason:
    ``hidden``, ``temporary``, ``excluded``, ``not_included``, ``not_document``, ``empty``,
    ``unreadable`` (could not be opened to sniff), ``link_loop``, ``broken_link``."""

    files: list[str] = field(default_factory=list)
    skipped: Counter[str] = field(default_factory=Counter)


def discover(roots: Sequence[str | Path], *, include: Sequence[str] = (),
             exclude: Sequence[str] = ()) -> Discovery:
    """Walk ``roots`` (folders or files) and return the files a batch screens."""
    found = Discovery()
    seen: set[str] = set()
    for root in roots:
        root_str = os.fspath(root)
        if not os.path.isdir(root_str):
            _add(found, seen, root_str)  # named on the command line: always screened
            continue
        for path, rel in _walk(root_str, exclude, found.skipped):
            reason = _skip_reason(path, rel, include, exclude)
            if reason is None:
                reason = _content_reason(path)
            if reason:
                found.skipped[reason] += 1
            else:
                _add(found, seen, path)
    found.files.sort()
    return found


def _add(found: Discovery, seen: set[str], path: str) -> None:
    if path not in seen:
        seen.add(path)
        found.files.append(path)


def _walk(root: str, exclude: Sequence[str], skipped: Counter[str]) -> Iterable[tuple[str, str]]:
    """``(path, relative path)`` of every file under ``root``, in name order, each real folder
    once. Hidden and excluded folders are pruned (and counted once each)."""
    visited: set[tuple[int, int]] = set()
    for folder, dirs, files in os.walk(root, followlinks=True):
        try:
            st = os.stat(folder)
        except OSError:
            skipped["unreadable"] += 1
            dirs[:] = []
            continue
        if (st.st_dev, st.st_ino) in visited:
            skipped["link_loop"] += 1
            dirs[:] = []
            continue
        visited.add((st.st_dev, st.st_ino))
        rel_folder = os.path.relpath(folder, root)
        rel_folder = "" if rel_folder == "." else rel_folder.replace(os.sep, "/") + "/"
        kept = []
        for name in sorted(dirs):
            if _hidden(name):
                skipped["hidden"] += 1
            elif _matches(rel_folder + name, name, exclude):
                skipped["excluded"] += 1
            else:
                kept.append(name)
        dirs[:] = kept
        for name in sorted(files):
            yield os.path.join(folder, name), rel_folder + name


def _skip_reason(path: str, rel: str, include: Sequence[str], exclude: Sequence[str]
                 ) -> str | None:
    name = os.path.basename(path)
    if _hidden(name):
        return "hidden"
    if _temporary(name):
        return "temporary"
    if _matches(rel, name, exclude):
        return "excluded"
    if include and not _matches(rel, name, include):
        return "not_included"
    return None


def _content_reason(path: str) -> str | None:
    if os.path.islink(path) and not os.path.exists(path):
        return "broken_link"
    try:
        with open(path, "rb") as fh:
            head = fh.read(HEAD_BYTES)
    except OSError:
        return None  # screened anyway: the reader says why it cannot be opened (never silent)
    kind = sniff_format(head)
    if kind == "empty":
        return "empty"
    if kind not in DOCUMENT_KINDS:
        return "not_document"
    return None


def _hidden(name: str) -> bool:
    return name.startswith(".") or name.lower() in _JUNK_NAMES


def _temporary(name: str) -> bool:
    return name.startswith("~") or name.endswith("~")


def _matches(rel: str, name: str, globs: Sequence[str]) -> bool:
    return any(fnmatch.fnmatchcase(rel, g) or fnmatch.fnmatchcase(name, g) for g in globs)
