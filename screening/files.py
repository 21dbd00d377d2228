"""Writing a file so that readers never see half of it.

Sanitized copies, record forms and the grouped jieba dictionary are written through
:func:`replaced_atomically`: into a temporary file in the destination's folder, renamed over the
destination only once everything is written. A failure (a full disk, a crash in the middle, an
exception) leaves the destination as it was and no temporary file behind.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO


@contextmanager
def replaced_atomically(dst: str | Path, *, prefix: str, suffix: str = "") -> Iterator[BinaryIO]:
    """A binary file that becomes ``dst`` when the ``with`` block ends without an error.

    It is made in ``dst``'s folder (``prefix`` and ``suffix`` name it, e.g. ``.sanitize-`` and
    ``.docx``; readable by its owner only, as :func:`tempfile.mkstemp` makes it) and moved over
    ``dst`` with :func:`os.replace`, which is atomic on one file system. On any error it is
    removed and the error goes on.
    """
    fd, tmp = tempfile.mkstemp(prefix=prefix, suffix=suffix, dir=Path(dst).parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            yield fh
        os.replace(tmp, dst)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
