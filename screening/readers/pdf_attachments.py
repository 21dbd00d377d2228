"""The text inside files attached to a PDF (the EmbeddedFiles tree, file-attachment annotations).

The worker hands over each attachment's bytes (decoded under the caps of
:mod:`.pdf_structure`); :func:`attachment_blocks` reads them in the parent, by content, not by
name:

* a PDF → :func:`screening.readers.pdf.read_pdf` (its own limited worker); attachments of an
  attached PDF are read down to :data:`MAX_DEPTH` levels, deeper ones only named;
* a zip → a .xlsx gives its worksheet rows, anything else goes to the .docx reader (its size
  checks first: a zip bomb is refused there); a zip that is neither (.pptx, a plain .zip) is only
  named;
* text → its lines (UTF-8/UTF-16/GB18030, as the text reader decodes them);
* anything else (pictures, OLE files) is only named.

Blocks: ``attachment``, flag ``attachment_text``, ``label`` = the attachment's name (the text of
its ``embedded`` name block), as the .docx reader does for embedded objects (the text and
worksheet helpers are shared with :mod:`.docx_embedded`). Inside a read attachment, a file it
carries in turn is listed as an ``embedded`` block whose text is the path ``outer.pdf/inner.docx``,
and text read from that one keeps its own name as label (source = the path). An attachment that
cannot be read although its format is one we read (damaged, a limit broken, problems inside it)
raises :class:`~screening.errors.ScreeningError`; the PDF reader records it in
``Document.problems``.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path

from ..config import Limits
from ..errors import UnsupportedFormat
from . import HEAD_BYTES, sniff_format

MAX_DEPTH = 2


def attachment_blocks(name: str, data: bytes, limits: Limits, depth: int
                      ) -> Iterator[tuple[str, str, str, frozenset[str]]]:
    """``(text, source, label, flags)`` of the text inside attachment ``name``."""
    from .docx_embedded import nested_blocks, plain_text_blocks

    kind = sniff_format(data[:HEAD_BYTES])
    if kind == "text":
        yield from plain_text_blocks(data, name, name)
        return
    if kind not in ("zip", "pdf"):
        return
    with tempfile.TemporaryDirectory(prefix="screening-attachment-") as tmp:
        path = Path(tmp) / ("attachment.pdf" if kind == "pdf" else "attachment.zip")
        path.write_bytes(data)
        del data
        if kind == "pdf":
            from .pdf import read_pdf

            document = read_pdf(path, limits, depth=depth + 1)[0]
        else:
            rows = _workbook(path, limits)
            if rows is not None:
                for row in rows:
                    yield row, name, name, _TEXT
                return
            from .docx import READER

            try:
                document = READER.read(path, limits)
            except UnsupportedFormat:
                return  # a zip, but not a Word document: named only
        yield from nested_blocks(document, name, name)


_TEXT = frozenset({"attachment_text"})


def _workbook(path: Path, limits: Limits) -> list[str] | None:
    """The rows of a .xlsx (``None`` when the zip is not a workbook)."""
    from .docx_embedded import workbook_rows
    from .safezip import open_package

    with open_package(path, limits) as pkg:
        if not pkg.find("xl/workbook.xml"):
            return None
        return list(workbook_rows(pkg))
