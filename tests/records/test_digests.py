"""SHA-256 and SM3 digests: standard vectors, streamed files, clear errors."""

from __future__ import annotations

import hashlib

import pytest

from screening.errors import RecordError, UnreadableDocument
from screening.records.digests import CHUNK, Digests, digest_bytes, digest_file

ABC = Digests(
    sha256="ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",   # FIPS 180-2
    sm3="66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0",      # GB/T 32905 A.1
)
# GB/T 32905-2016 Annex A.2: "abcd" repeated 16 times (512 bits)
SM3_ABCD16 = "debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732"


def test_standard_vectors():
    assert digest_bytes(b"abc") == ABC
    assert digest_bytes(b"abcd" * 16).sm3 == SM3_ABCD16
    assert ABC.to_dict() == {"sha256": ABC.sha256, "sm3": ABC.sm3}


def test_file_is_streamed_in_chunks_and_equals_bytes(tmp_path):
    data = bytes(range(256)) * (CHUNK // 256 * 2 + 7)       # > 2 chunks, not a multiple
    path = tmp_path / "草稿.pdf"
    path.write_bytes(data)
    got = digest_file(path)
    assert got == digest_bytes(data)
    assert got.sha256 == hashlib.sha256(data).hexdigest()
    path.write_bytes(data[:-1] + b"\x00")
    assert digest_file(path).sm3 != got.sm3                   # one changed byte


def test_unreadable_files(tmp_path):
    with pytest.raises(UnreadableDocument, match="找不到文件"):
        digest_file(tmp_path / "missing.docx")
    with pytest.raises(UnreadableDocument, match="文件夹"):
        digest_file(tmp_path)


def test_from_dict_validates():
    assert Digests.from_dict(ABC.to_dict()) == ABC
    for bad in (None, {}, {"sha256": ABC.sha256}, {"sha256": ABC.sha256.upper(), "sm3": ABC.sm3},
                {"sha256": ABC.sha256, "sm3": ABC.sm3[:-1]}, {"sha256": 1, "sm3": ABC.sm3}):
        with pytest.raises(RecordError):
            Digests.from_dict(bad)
