"""Atomic replacement: the destination changes only when the whole file was written."""

from __future__ import annotations

import pytest

from screening.files import replaced_atomically


def test_the_destination_is_replaced_when_the_block_ends(tmp_path):
    dst = tmp_path / "out.docx"
    dst.write_bytes(b"old")
    with replaced_atomically(dst, prefix=".t-", suffix=".docx") as fh:
        fh.write(b"new ")
        assert dst.read_bytes() == b"old"  # not yet
        fh.write(b"content")
    assert dst.read_bytes() == b"new content"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.docx"]


def test_an_error_leaves_the_destination_and_no_temporary_file(tmp_path):
    dst = tmp_path / "out.txt"
    dst.write_bytes(b"old")
    with pytest.raises(RuntimeError, match="disk full"):
        with replaced_atomically(dst, prefix=".t-") as fh:
            fh.write(b"half")
            raise RuntimeError("disk full")
    assert dst.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.txt"]
