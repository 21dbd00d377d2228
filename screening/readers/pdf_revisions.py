"""Earlier revisions kept by incremental updates (sanitize.md §3.3).

A viewer that "saves" a PDF often appends the changes (new objects, a new xref section and
trailer, another ``%%EOF``) and leaves the old objects in place: cutting the file after an earlier
``%%EOF`` gives back the earlier document, deleted lines and old title included.

* In the worker, :func:`earlier_revisions` finds the revisions with pdfium
  (``FPDF_GetTrailerEnds``), opens each earlier one from the bytes up to its end and yields its
  text lines and Info values. At most :data:`MAX_REVISIONS` (the oldest ones; more is a problem).
  A part that pdfium cannot open on its own (the first section of a linearized file ends with a
  ``%%EOF`` too) is not a revision and is skipped.
* In the parent, :func:`prior_revision_blocks` keeps what the final document no longer says:
  lines and Info values whose text (spaces ignored) is in no block of the final document, each
  once, labelled ``第 N 版（早期修订）`` with N counted from the oldest revision (1) and, when several
  revisions had it, the newest of them.
"""

from __future__ import annotations

import ctypes
import re
from collections.abc import Iterable, Iterator
from typing import Any

from ..model import BlockList

MAX_REVISIONS = 10
#: Info keys whose old values are text a person wrote (dates and producer names are not).
INFO_KEYS = ("Title", "Author", "Subject", "Keywords")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def has_updates(path: str) -> bool:
    """Cheap test first: fewer than two ``%%EOF`` in the bytes means one revision (pdfium's own
    count re-parses the file: ~2 ms per 100 KB). Read in chunks: constant memory."""
    seen = 0
    tail = b""
    with open(path, "rb") as fh:
        while chunk := fh.read(_CHUNK):
            data = tail + chunk
            seen += data.count(b"%%EOF") - tail.count(b"%%EOF")
            if seen >= 2:
                return True
            tail = data[-4:]
    return False


_CHUNK = 1024 * 1024


def trailer_ends(pdf: Any) -> list[int]:
    """Byte offsets just after each ``%%EOF`` that ends a revision, ascending."""
    import pypdfium2.raw as pdfium_c

    count = pdfium_c.FPDF_GetTrailerEnds(pdf.raw, None, 0)
    if count <= 0:
        return []
    ends = (ctypes.c_uint * count)()
    pdfium_c.FPDF_GetTrailerEnds(pdf.raw, ends, count)
    return sorted(set(ends))


def earlier_revisions(ends: list[int], path: str, max_chars: int) -> Iterator[tuple]:
    """Yield ``("revision", n, lines, info)`` per earlier revision (``lines``: ``[(page, text)]``,
    ``info``: ``[(key, value)]``), then ``("revisions_skipped", k)`` if more than
    :data:`MAX_REVISIONS` were left unread. ``ends``: :func:`trailer_ends` of the file;
    ``max_chars`` bounds the text read in all."""
    import pypdfium2 as pdfium

    ends = ends[:-1]
    if not ends:
        return
    with open(path, "rb") as fh:
        data = fh.read(ends[min(len(ends), MAX_REVISIONS) - 1])
    chars = 0
    for number, end in enumerate(ends[:MAX_REVISIONS], 1):
        try:
            old = pdfium.PdfDocument(data[:end])
        except pdfium.PdfiumError:
            continue
        try:
            lines: list[tuple[int, str]] = []
            for index in range(len(old)):
                page = old[index]
                try:
                    textpage = page.get_textpage()
                    text = textpage.get_text_range()
                    textpage.close()
                finally:
                    page.close()
                chars += len(text)
                if chars > max_chars:
                    return
                lines.extend((index + 1, line) for line in _LINE_BREAK.split(text)
                             if line.strip())
            metadata = old.get_metadata_dict(skip_empty=True)
            info = [(key, metadata[key]) for key in INFO_KEYS if metadata.get(key, "").strip()]
        finally:
            old.close()
        yield ("revision", number, lines, info)
    if len(ends) > MAX_REVISIONS:
        yield ("revisions_skipped", len(ends) - MAX_REVISIONS)


def prior_revision_blocks(blocks: BlockList, final: Iterable[str],
                          revisions: list[tuple[int, list[tuple[int, str]], list[tuple[str, str]]]]
                          ) -> None:
    """Add the text of ``revisions`` (``(n, lines, info)``) that no text of the final document
    (``final``: every block's text, and the full text of lines that lost hidden characters)
    has."""
    known = {_key(text) for text in final}
    for number, lines, info in sorted(revisions, key=lambda r: -r[0]):
        label = f"第 {number} 版（早期修订）"
        for page, text in lines:
            key = _key(text)
            if key and key not in known:
                known.add(key)
                blocks.add(text.strip(), "hidden", page=page, label=label,
                           source=f"revision {number} page {page}",
                           flags=frozenset({"prior_revision"}))
        for name, value in info:
            key = _key(value)
            if key and key not in known:
                known.add(key)
                blocks.add(value.strip(), "hidden", source=f"revision {number} Info",
                           label=f"{label} info:{name}", flags=frozenset({"prior_revision"}))


def _key(text: str) -> str:
    return "".join(text.split())
