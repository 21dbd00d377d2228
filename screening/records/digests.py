"""SHA-256 and SM3 digests of files and bytes, through ``cryptography`` (OpenSSL, C speed).

Every subject of a review record carries both (signing.md §0): SHA-256 for the world's tools, SM3
for the national standard. Pure-Python SM3 runs at 0.2–0.3 MB/s (signing.md §3.3), so it is never
used here.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import hashes

from ..errors import RecordError, UnreadableDocument

CHUNK = 1024 * 1024
_HEX64 = re.compile(r"[0-9a-f]{64}")


@dataclass(frozen=True)
class Digests:
    """Lower-case hex SHA-256 and SM3 of the same bytes."""

    sha256: str
    sm3: str

    def to_dict(self) -> dict[str, str]:
        return {"sha256": self.sha256, "sm3": self.sm3}

    @classmethod
    def from_dict(cls, data: Any) -> Digests:
        """Parse ``{"sha256": hex, "sm3": hex}`` (e.g. an in-toto subject's ``digest``);
        :class:`RecordError` unless both are 64 lower-case hex digits."""
        if not isinstance(data, dict):
            raise RecordError("摘要格式不对（需要 sha256 和 sm3）。",
                              message_en="malformed digests (need sha256 and sm3)")
        sha, sm = data.get("sha256"), data.get("sm3")
        if not (isinstance(sha, str) and _HEX64.fullmatch(sha)
                and isinstance(sm, str) and _HEX64.fullmatch(sm)):
            raise RecordError("摘要格式不对（sha256、sm3 须为 64 位小写十六进制）。",
                              message_en="malformed digests (sha256 and sm3 must be 64 lower-case "
                                         "hex digits)")
        return cls(sha256=sha, sm3=sm)


def _hashers() -> tuple[hashes.Hash, hashes.Hash]:
    return hashes.Hash(hashes.SHA256()), hashes.Hash(hashes.SM3())


def digest_bytes(data: bytes) -> Digests:
    sha, sm = _hashers()
    sha.update(data)
    sm.update(data)
    return Digests(sha256=sha.finalize().hex(), sm3=sm.finalize().hex())


def digest_file(path: str | os.PathLike) -> Digests:
    """Digests of a file's bytes, read in 1 MiB chunks. :class:`UnreadableDocument` (exit 4) when
    the file cannot be read."""
    path = Path(path)
    sha, sm = _hashers()
    try:
        with open(path, "rb") as fh:
            while chunk := fh.read(CHUNK):
                sha.update(chunk)
                sm.update(chunk)
    except FileNotFoundError:
        raise UnreadableDocument(f"找不到文件：{path}", message_en=f"file not found: {path}")
    except IsADirectoryError:
        raise UnreadableDocument(f"这是一个文件夹，不是文件：{path}",
                                 message_en=f"this is a folder, not a file: {path}")
    except OSError as exc:
        raise UnreadableDocument(f"无法读取文件 {path}：{exc.strerror}",
                                 message_en=f"cannot read {path}: {exc.strerror}")
    return Digests(sha256=sha.finalize().hex(), sm3=sm.finalize().hex())
