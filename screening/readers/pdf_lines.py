"""The lines and hidden runs of a PDF page's text layer (see :mod:`.pdf_hidden`).

:func:`visible_lines` splits the text at line breaks and leaves out the characters a key marks
as hidden; :func:`hidden_runs` joins the hidden ones into runs. Together they place every
character in exactly one block. Runs on every page of every PDF: kept tight.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import pypdfium2.raw as pdfium_c

from .pdf_geometry import Box, Slots, char_rect, line_box, union

LINE_BREAK = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True, slots=True)
class HiddenRun:
    """Hidden characters: ``text``, ``flags``, ``bbox`` and a label naming how they are hidden
    (with the optional-content group's name for ``layer_hidden``)."""

    text: str
    flags: tuple[str, ...]
    bbox: Box | None
    label: str


#: A hidden character's key: (flags, label, group) — equal keys join into one run.
Key = tuple[tuple[str, ...], str, int]


def visible_lines(text: str | None, chars: str, textpage: Any, media_top: float,
                  keys: dict[int, Key] | None, out: Slots) -> list[tuple[str, Box | None]]:
    """The visible lines. ``text`` is ``None`` when indices are unreliable (no bboxes then).
    Runs on every page of every PDF: kept tight (the boxes inline, see :func:`line_box`)."""
    if keys is None and text is not None \
            and chars.count("\r") == chars.count("\n") == chars.count("\r\n"):
        return _crlf_lines(chars, textpage, media_top, out)
    lines: list[tuple[str, Box | None]] = []
    get_box, rectf = pdfium_c.FPDFText_GetLooseCharBox, out.rectf
    pos = 0
    for match in LINE_BREAK.finditer(chars + "\n"):
        end = match.start()
        if keys is None or not any(i in keys for i in range(pos, end)):
            line = chars[pos:end]
            stripped = line.strip()
            if stripped:
                box = None
                if text is not None:
                    get_box(textpage, pos + line.index(stripped[0]), rectf)
                    x0, x1, y0, y1 = rectf.left, rectf.right, rectf.bottom, rectf.top
                    get_box(textpage, pos + line.rindex(stripped[-1]), rectf)
                    left, right, bottom, top = rectf.left, rectf.right, rectf.bottom, rectf.top
                    box = (round(x0 if x0 < left else left, 2),
                           round(media_top - (y1 if y1 > top else top), 2),
                           round(x1 if x1 > right else right, 2),
                           round(media_top - (y0 if y0 < bottom else bottom), 2))
                lines.append((line, box))
        else:
            visible = [i for i in range(pos, end) if i not in keys]
            solid = [i for i in visible if not chars[i].isspace()]
            if solid:  # spaces pdfium put between the hidden and the visible text go too
                line = "".join(chars[i] for i in visible if solid[0] <= i <= solid[-1])
                lines.append((line, line_box(textpage, solid[0], solid[-1], media_top, out)))
        pos = match.end()
    return lines


def _crlf_lines(chars: str, textpage: Any, media_top: float, out: Slots
                ) -> list[tuple[str, Box | None]]:
    """:func:`visible_lines` of a page with nothing hidden whose only breaks are pdfium's
    ``\\r\\n`` (the usual case): a plain split, no regex."""
    lines: list[tuple[str, Box | None]] = []
    get_box, rectf = pdfium_c.FPDFText_GetLooseCharBox, out.rectf
    pos = 0
    for line in chars.split("\r\n"):
        stripped = line.strip()
        if stripped:
            get_box(textpage, pos + line.index(stripped[0]), rectf)
            x0, x1, y0, y1 = rectf.left, rectf.right, rectf.bottom, rectf.top
            get_box(textpage, pos + line.rindex(stripped[-1]), rectf)
            left, right, bottom, top = rectf.left, rectf.right, rectf.bottom, rectf.top
            lines.append((line, (round(x0 if x0 < left else left, 2),
                                 round(media_top - (y1 if y1 > top else top), 2),
                                 round(x1 if x1 > right else right, 2),
                                 round(media_top - (y0 if y0 < bottom else bottom), 2))))
        pos += len(line) + 2
    return lines


def hidden_runs(chars: str, textpage: Any, keys: dict[int, Key], media_top: float,
                out: Slots) -> list[HiddenRun]:
    """Runs of hidden characters (not covered ones) with the same key, within a line. A space
    between two characters of one run (pdfium inserts them) belongs to the run."""
    runs: list[HiddenRun] = []
    current: list[int] = []
    current_key: Key | None = None

    def flush() -> None:
        if current and current_key is not None:
            value = "".join(chars[i] for i in current).strip()
            if value:
                boxes = [b for b in (char_rect(textpage, i, out) for i in current
                                     if not chars[i].isspace()) if b is not None]
                runs.append(HiddenRun(value, current_key[0], union(boxes, media_top),
                                      current_key[1]))

    pending: list[int] = []
    for i, char in enumerate(chars):
        key = keys.get(i)
        if key is not None and key[2] >= 0:
            key = None  # covered characters are reported per box
        if key is not None and key == current_key:
            current.extend(pending)
            current.append(i)
            pending = []
        elif key is not None:
            flush()
            current, current_key, pending = [i], key, []
        elif char in "\r\n" or not char.isspace():
            flush()
            current, current_key, pending = [], None, []
        elif current:
            pending.append(i)
    flush()
    return runs
