"""Readers: file → :class:`~screening.model.Document` with every part, within safety limits.

The format is decided by content (:func:`sniff_format`), not by the suffix: a PDF named ``.docx``
is read as a PDF, a legacy ``.doc``/``.wps`` renamed ``.docx`` gets a clear "unsupported" error.
The built-in readers are registered by this module's hook implementation; their modules are
imported only when a file of their format is read (cold start stays fast).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from ..hookspecs import hookimpl

if TYPE_CHECKING:
    from ..config import Limits
    from ..model import Document

HEAD_BYTES = 8192

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"


@runtime_checkable
class Reader(Protocol):
    format: str
    version: str
    priority: int

    def sniff(self, head: bytes, suffix: str) -> bool: ...

    def read(self, path: Path, limits: Limits) -> Document: ...


def sniff_format(head: bytes) -> str:
    """Classify a file by its first bytes: ``pdf``, ``zip``, ``ole``, ``empty``, ``binary`` or
    ``text``. (Whether a zip is a .docx is decided by the docx reader from its members.)"""
    if not head:
        return "empty"
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(ZIP_MAGIC) or head.startswith(b"PK\x05\x06"):
        return "zip"
    if head.startswith(OLE_MAGIC):
        return "ole"
    if head.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return "text"
    if b"\x00" in head:
        # UTF-16 without a BOM has NULs in every other byte; anything else with NULs is binary.
        even, odd = head[0::2], head[1::2]
        if even.count(0) > len(even) * 0.3 or odd.count(0) > len(odd) * 0.3:
            nul_free = odd if even.count(0) > odd.count(0) else even
            if nul_free.count(0) == 0:
                return "text"
        return "binary"
    return "text"


class _Lazy:
    """A built-in reader whose implementation module is imported on first use."""

    def __init__(self, format: str, module: str, priority: int, accepts: tuple[str, ...]):
        self.format = format
        self.version = ""
        self.priority = priority
        self._module = module
        self._accepts = accepts
        self._impl: Reader | None = None

    def preload(self) -> None:
        """Import the implementation now (a batch does this once before forking its workers)."""
        self._load()

    def _load(self) -> Reader:
        if self._impl is None:
            import importlib

            self._impl = importlib.import_module(self._module, __name__).READER
        return self._impl

    def sniff(self, head: bytes, suffix: str) -> bool:
        kind = sniff_format(head)
        if kind not in self._accepts:
            return False
        if kind == "zip":
            return True  # the docx reader checks the members and says what else it is
        return True

    def read(self, path: Path, limits: Limits) -> Document:
        return self._load().read(path, limits)


@hookimpl
def screening_register_readers(register):
    register(_Lazy("pdf", ".pdf", 10, ("pdf",)))
    register(_Lazy("docx", ".docx", 20, ("zip",)))
    register(_Lazy("text", ".text", 90, ("text",)))
