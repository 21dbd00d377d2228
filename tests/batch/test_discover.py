"""Which files a batch screens: by content, globs, hidden and lock files, link loops."""

from __future__ import annotations

import os
from pathlib import Path

from screening.batch.discover import discover
from tests.batch.folder import EXPECTED, SKIPPED, mixed_folder
from tests.docbuild.docx import build_docx, plain_zip


def names(root: Path, files: list[str]) -> list[str]:
    return [Path(f).relative_to(root).as_posix() for f in files]


def test_mixed_folder(tmp_path):
    root = mixed_folder(tmp_path / "f")
    found = discover([root])
    assert names(root, found.files) == sorted(EXPECTED)
    assert dict(found.skipped) == SKIPPED


def test_files_count_by_content_not_by_name(tmp_path):
    build_docx(tmp_path / "看起来是图片.jpg", body=["正文"])
    (tmp_path / "说明").write_text("没有扩展名的文本\n", encoding="utf-8")
    (tmp_path / "旧版.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    plain_zip(tmp_path / "归档.zip")
    (tmp_path / "图片.docx").write_bytes(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR" + b"\0" * 40)
    found = discover([tmp_path])
    assert names(tmp_path, found.files) == sorted(
        ["旧版.doc", "归档.zip", "看起来是图片.jpg", "说明"])
    assert dict(found.skipped) == {"not_document": 1}


def test_hidden_temporary_and_junk(tmp_path):
    for name in ("a.txt", ".b.txt", "~$c.docx", "~WRL0001.tmp", "d.txt~", "Thumbs.db",
                 "desktop.ini", ".~lock.e.docx#"):
        (tmp_path / name).write_text("正文\n", encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "config").write_text("x\n")
    found = discover([tmp_path])
    assert names(tmp_path, found.files) == ["a.txt"]
    assert dict(found.skipped) == {"hidden": 5, "temporary": 3}


def test_globs_match_the_relative_path_or_the_name(tmp_path):
    for rel in ("a.docx", "b.txt", "sub/c.docx", "sub/d.txt", "archive/e.txt", "archive/x/f.txt"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("正文\n", encoding="utf-8")
    assert names(tmp_path, discover([tmp_path], include=["*.txt"]).files) == [
        "archive/e.txt", "archive/x/f.txt", "b.txt", "sub/d.txt"]
    assert names(tmp_path, discover([tmp_path], include=["sub/*.docx"]).files) == ["sub/c.docx"]
    pruned = discover([tmp_path], exclude=["archive"])
    assert names(tmp_path, pruned.files) == ["a.docx", "b.txt", "sub/c.docx", "sub/d.txt"]
    assert pruned.skipped == {"excluded": 1}  # the folder, once: it is not entered
    both = discover([tmp_path], include=["*.txt"], exclude=["archive/x/*"])
    assert names(tmp_path, both.files) == ["archive/e.txt", "b.txt", "sub/d.txt"]
    assert both.skipped == {"excluded": 1, "not_included": 2}


def test_link_loops_end_and_links_are_followed(tmp_path):
    root = tmp_path / "root"
    (root / "sub").mkdir(parents=True)
    (root / "sub" / "a.txt").write_text("正文\n", encoding="utf-8")
    os.symlink(root, root / "sub" / "loop")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "b.txt").write_text("正文\n", encoding="utf-8")
    os.symlink(outside, root / "linked")
    os.symlink(root / "missing.txt", root / "broken.txt")
    found = discover([root])
    assert names(root, found.files) == ["linked/b.txt", "sub/a.txt"]
    assert found.skipped == {"link_loop": 1, "broken_link": 1}


def test_named_files_are_always_screened_once(tmp_path):
    (tmp_path / "pic.png").write_bytes(b"\x89PNG\r\n\x1a\n\0\0")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "a.txt").write_text("正文\n", encoding="utf-8")
    found = discover([tmp_path / "pic.png", tmp_path / "empty.txt", tmp_path, tmp_path / "a.txt"])
    assert names(tmp_path, found.files) == ["a.txt", "empty.txt", "pic.png"]
    assert found.skipped == {"not_document": 1, "empty": 1}
