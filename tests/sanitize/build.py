"""Shared helpers of the sanitize tests: sanitize a built .docx and read what came out."""

from __future__ import annotations

import zipfile
from pathlib import Path

from screening.sanitize.api import SanitizeOptions, SanitizeResult, sanitize_file

#: Values planted in the test documents (tests grep outputs and stored JSON for them).
ID = "110105198001011238"
PHONE = "13912345678"
BASIS = "某保〔2024〕3号解密决定"


def sanitize(screener, src: Path, **options) -> tuple[Path, SanitizeResult]:
    dst = src.with_name(src.stem + "-out.docx")
    return dst, sanitize_file(src, dst, SanitizeOptions(**options), screener)


def all_bytes(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist()}


def texts(screener, path: Path, *parts: str) -> list[str]:
    doc = screener.read(path)
    return [b.text for b in doc.blocks if not parts or b.part in parts]
