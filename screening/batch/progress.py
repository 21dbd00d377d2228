"""The one-line progress display of ``screen batch`` on stderr.

``[37/200] 通过 30 · 需审查 4 · 阻止 2 · 无法审查 1 · 缓存 12 | 报告/二月/通知.docx``

Redrawn in place (``\\r``) at most ten times a second, and only when stderr is a terminal and
``--quiet`` was not given: in a pipe, a log or a test it prints nothing at all.
"""

from __future__ import annotations

import os
import shutil
import sys
import time
import unicodedata
from collections import Counter
from typing import TextIO

from .model import BatchItem

#: short words: the line must fit a terminal (the summary at the end uses the full ones)
_WORDS = {"zh": ("通过", "需审查", "阻止", "无法审查", "缓存"),
          "en": ("pass", "review", "block", "error", "cached")}
_VERDICTS = ("pass", "review", "block", "error")
_INTERVAL = 0.1


class Progress:
    """Counts by verdict and the file being screened. Call :meth:`start` when a file is handed to
    a worker, :meth:`done` when its result arrives, :meth:`close` at the end."""

    def __init__(self, total: int, *, lang: str = "zh", stream: TextIO | None = None,
                 enabled: bool | None = None):
        self.total = total
        self.lang = lang
        self.stream = stream or sys.stderr
        self.enabled = _is_terminal(self.stream) if enabled is None else enabled
        self.verdicts: Counter[str] = Counter()
        self.cached = 0
        self.finished = 0
        self.current = ""
        self._drawn = 0.0
        self._width = 0

    def start(self, path: str) -> None:
        self.current = path
        self._draw()

    def done(self, item: BatchItem) -> None:
        self.finished += 1
        self.verdicts[item.verdict] += 1
        self.cached += item.cached
        self._draw(force=self.finished == self.total)

    def line(self) -> str:
        words = _WORDS["en" if self.lang == "en" else "zh"]
        counts = [self.verdicts[v] for v in _VERDICTS] + [self.cached]
        text = " · ".join(f"{w} {n}" for w, n in zip(words, counts))
        return f"[{self.finished}/{self.total}] {text}"

    def close(self) -> None:
        if self.enabled and self._width:
            self.stream.write("\r" + " " * self._width + "\r")
            self.stream.flush()
        self._width = 0

    def _draw(self, force: bool = False) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if not force and now - self._drawn < _INTERVAL:
            return
        self._drawn = now
        text = self.line()
        if self.current and self.finished < self.total:
            text += " | " + self.current
        columns = shutil.get_terminal_size((100, 20)).columns - 1
        text = _fit(text, columns)
        width = _width(text)
        self.stream.write("\r" + text + " " * max(0, self._width - width))
        self.stream.flush()
        self._width = width


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty() and os.environ.get("TERM") != "dumb"
    except (AttributeError, ValueError):
        return False


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _fit(text: str, columns: int) -> str:
    """Cut ``text`` to ``columns`` display columns, keeping its end (the file name) after "…"."""
    if _width(text) <= columns:
        return text
    head, _, tail = text.partition(" | ")
    room = columns - _width(head) - 4
    if room <= 0:
        return _cut(head, columns)
    kept = ""
    for ch in reversed(tail):
        if _width(kept) + _width(ch) > room:
            break
        kept = ch + kept
    return f"{head} | …{kept}"


def _cut(text: str, columns: int) -> str:
    out = ""
    for ch in text:
        if _width(out) + _width(ch) > columns:
            break
        out += ch
    return out
