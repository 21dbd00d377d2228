"""Sanitized copies of plain-text files: the same decoding and the same lines as the reader.

The text reader (:mod:`screening.readers.text`) makes one block per non-empty line, so block *i*
is the *i*-th line that is not blank; actions edit those lines by the offsets the detectors
reported, and the copy is written in the encoding the original used (a byte-order mark stays),
with its own line breaks. ``mask`` puts the masked text in place of the span; the other
operations delete the span.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from ..config import Limits
from ..errors import SanitizeError
from ..files import replaced_atomically
from ..model import Document
from ..readers.text import _LINE_BREAK, _read_bytes, decode
from .plan import Action, Outcome, Plan

_CHANGED = ("文件在检查之后被修改，未写出副本；请重新执行",
            "the file changed after it was screened; nothing was written, run again")


def sanitize_text(src: Path, dst: Path, document: Document, plan: Plan, *,
                  limits: Limits) -> Outcome:
    """Write the sanitized copy of ``src`` to ``dst`` (``src`` is only read)."""
    data = _read_bytes(Path(src), limits)
    text, encoding = decode(data)
    pieces = _LINE_BREAK.split(text)
    breaks = _LINE_BREAK.findall(text) + [""]
    lines = [i for i, line in enumerate(pieces) if line and line.strip()]
    if len(lines) != len(document.blocks) or \
            any(pieces[i] != b.text for i, b in zip(lines, document.blocks)):
        raise SanitizeError(_CHANGED[0], message_en=_CHANGED[1], code="changed")
    applied: list[Action] = []
    skipped: list[tuple[Action, str]] = []
    by_block: dict[int, list[Action]] = {}
    for action in plan.actions:
        by_block.setdefault(action.location.block, []).append(action)
    for block, actions in by_block.items():
        if not 0 <= block < len(lines):
            skipped.extend((a, "位置不在文件中") for a in actions)
            continue
        line = pieces[lines[block]]
        taken_from = len(line) + 1
        # from the end of the line backwards, so earlier offsets stay valid
        for action in sorted(actions, key=lambda a: (a.location.start, a.location.end),
                             reverse=True):
            start, end = action.location.start, action.location.end
            if end > taken_from or line[start:end] != action.text:
                skipped.append((action, "与另一处理重叠或文字不符"))
                continue
            new = action.replacement if action.op == "mask" else ""
            line = line[:start] + new + line[end:]
            taken_from = start
            applied.append(action)
        pieces[lines[block]] = line
    out = "".join(p + b for p, b in zip(pieces, breaks))
    _write(Path(dst), _encode(out, encoding, data))
    return Outcome(applied=tuple(applied), skipped=tuple(skipped))


def _encode(text: str, encoding: str, original: bytes) -> bytes:
    if encoding == "utf-16":  # decoded through its byte-order mark: keep that order
        if original.startswith(codecs.BOM_UTF16_BE):
            return codecs.BOM_UTF16_BE + text.encode("utf-16-be")
        return codecs.BOM_UTF16_LE + text.encode("utf-16-le")
    return text.encode(encoding)


def _write(dst: Path, data: bytes) -> None:
    """Through a temporary file in the same folder, so a failure leaves no half-written copy."""
    with replaced_atomically(dst, prefix=".sanitize-") as fh:
        fh.write(data)
