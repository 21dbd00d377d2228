"""The zip safety limits: checked on the central directory first, enforced again while inflating."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import pytest

from screening import Limits, UnreadableDocument, Verdict
from screening.readers.safezip import open_package
from tests.docbuild import docx as build

MiB = 1024 * 1024


def refused(path: Path, limits: Limits | None = None, member: str | None = None
            ) -> UnreadableDocument:
    with pytest.raises(UnreadableDocument) as info:
        with open_package(path, limits or Limits()) as pkg:
            pkg.read(member or "word/document.xml")
    return info.value


@pytest.fixture(scope="module")
def bomb(tmp_path_factory) -> Path:
    """A .docx whose word/document.xml inflates to 300 MB (built once: about a second)."""
    return build.zip_bomb(tmp_path_factory.mktemp("bomb") / "bomb.docx", size=300 * MiB)


def run_in_child(code: str) -> dict:
    """Run ``code`` in a fresh interpreter; it prints a JSON dict. Adds the child's peak RSS.

    The peak is the child's own ``VmHWM`` (reset by exec). ``getrusage(RUSAGE_SELF).ru_maxrss``
    would carry over the forked pytest process's peak and measure the test runner, not the read.
    """
    script = textwrap.dedent(code) + textwrap.dedent("""
        import resource, json as _j
        try:
            with open("/proc/self/status") as _f:
                _hwm = next(l for l in _f if l.startswith("VmHWM:"))
            result["maxrss_mib"] = int(_hwm.split()[1]) / 1024
        except (OSError, StopIteration):
            result["maxrss_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(_j.dumps(result))
    """)
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         timeout=120, cwd=Path(__file__).resolve().parents[2])
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout.strip().splitlines()[-1])


_READ_IN_CHILD = """
    import sys, time
    from screening import Limits, UnreadableDocument
    from screening.readers.docx import READER
    result = {{}}
    start = time.perf_counter()
    try:
        READER.read({path!r}, Limits())
        result["code"] = None
    except UnreadableDocument as exc:
        result["code"] = exc.code
        result["message"] = exc.message
    result["seconds"] = time.perf_counter() - start
"""


def test_valid_package_reads_like_zipfile(tmp_path):
    path = build.build_docx(tmp_path / "ok.docx", body=["正文"])
    with zipfile.ZipFile(path) as zf, open_package(path, Limits()) as pkg:
        assert pkg.names == [i.filename for i in zf.infolist()]
        for name in pkg.names:
            assert pkg.read(name) == zf.read(name)


def test_member_names_are_found_case_insensitively(tmp_path):
    path = build.build_docx(tmp_path / "ok.docx", body=["正文"])
    with open_package(path, Limits()) as pkg:
        assert pkg.find("/Word/Document.XML") == "word/document.xml"
        assert "WORD/styles.xml" in pkg
        with pytest.raises(KeyError):
            pkg.read("word/missing.xml")


def test_stored_members_are_read(tmp_path):
    path = tmp_path / "stored.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as zf:
        zf.writestr("a.txt", "机密★1年".encode())
    with open_package(path, Limits()) as pkg:
        assert pkg.read("a.txt").decode() == "机密★1年"


def test_zip_bomb_is_refused_quickly_with_bounded_memory(bomb):
    result = run_in_child(_READ_IN_CHILD.format(path=str(bomb)))
    assert result["code"] == "limit"
    assert "word/document.xml" in result["message"]
    assert result["seconds"] < 10
    assert result["maxrss_mib"] < 200


def test_zip_bomb_with_lying_header_is_stopped_while_inflating(bomb, tmp_path):
    lying = tmp_path / "lying_bomb.docx"
    lying.write_bytes(bomb.read_bytes())
    build.patch_headers(lying, "word/document.xml", file_size=2000)
    result = run_in_child(_READ_IN_CHILD.format(path=str(lying)))
    assert result["code"] == "limit"
    assert "超过其声明的大小 2000 字节" in result["message"]
    assert result["maxrss_mib"] < 200


def test_zip_bomb_through_the_pipeline_is_an_error_report(screener, bomb):
    report = screener.scan(bomb)
    assert report.verdict is Verdict.ERROR
    assert report.error.code == "limit"
    assert "word/document.xml" in report.error.message
    assert "超过单个部件上限 64.0 MiB" in report.error.message


def test_declared_ratio_limit_names_the_member_and_ratio(tmp_path):
    error = refused(build.zip_bomb(tmp_path / "ratio.docx", size=10 * MiB))  # under 64 MiB
    assert error.code == "limit"
    assert "word/document.xml" in error.message and "压缩比" in error.message


def test_lying_header_is_caught_while_inflating(tmp_path):
    path = build.lying_header(tmp_path / "lying.docx", actual=5 * MiB, declared=2000)
    with open_package(path, Limits()) as pkg:   # the directory looks harmless
        with pytest.raises(UnreadableDocument) as info:
            pkg.read("word/document.xml")
    assert info.value.code == "limit"
    assert "声明的大小 2000 字节" in info.value.message


def test_duplicate_member_is_refused(tmp_path):
    error = refused(build.duplicate_member(tmp_path / "dup.docx"))
    assert error.code == "limit"
    assert "部件名重复" in error.message and "word/document.xml" in error.message


def test_duplicate_differing_only_in_case_is_refused(tmp_path):
    path = build.bad_name(tmp_path / "case.docx", "Word/Document.xml")
    assert "部件名重复" in refused(path).message


@pytest.mark.parametrize("name", ["word/../../evil.xml", "/etc/evil.xml", "word\\..\\evil.xml",
                                  "C:/evil.xml", "word//evil.xml"])
def test_hostile_member_names_are_refused(tmp_path, name):
    error = refused(build.bad_name(tmp_path / "bad.docx", name))
    assert error.code == "limit"
    assert "不合法" in error.message


def test_traversal_and_absolute_helpers(tmp_path):
    assert refused(build.traversal(tmp_path / "t.docx")).code == "limit"
    assert refused(build.absolute_name(tmp_path / "a.docx")).code == "limit"


def test_more_than_the_entry_limit_is_refused(tmp_path):
    path = build.many_entries(tmp_path / "many.docx", n=1001)
    error = refused(path)
    assert error.code == "limit"
    assert "1001 个部件" in error.message and "1000" in error.message
    with open_package(build.many_entries(tmp_path / "ok.docx", n=1000), Limits()):
        pass


def test_member_over_the_entry_size_limit(tmp_path):
    path = build.build_docx(tmp_path / "big.docx", body=["正文" * 2000])
    error = refused(path, Limits(zip_max_entry_bytes=4000))
    assert error.code == "limit" and "单个部件上限" in error.message


def test_total_size_limit(tmp_path):
    path = build.build_docx(tmp_path / "total.docx", body=["正文" * 2000])
    error = refused(path, Limits(zip_max_total_bytes=5000))
    assert error.code == "limit" and "解压总量" in error.message


def test_ratio_applies_only_above_the_grace_size(tmp_path):
    path = build.zip_bomb(tmp_path / "small.docx", size=90 * 1024)   # 90 KiB of blanks
    with open_package(path, Limits()) as pkg:
        assert len(pkg.read("word/document.xml")) == 90 * 1024
    assert refused(path, Limits(zip_ratio_grace_bytes=1024)).code == "limit"


def test_truncated_zip_is_damaged(tmp_path):
    error = refused(build.truncated(tmp_path / "cut.docx"))
    assert error.code == "corrupt"
    assert error.message.startswith("文件已损坏或不完整")


def test_corrupt_member_data_is_damaged(tmp_path):
    error = refused(build.corrupt_member(tmp_path / "crc.docx"))
    assert error.code == "corrupt"
    assert "word/document.xml" in error.message


def test_encrypted_member_is_refused(tmp_path):
    error = refused(build.encrypted_member(tmp_path / "enc.docx"))
    assert error.code == "encrypted"
    assert "已加密" in error.message


def test_not_a_zip_is_damaged(tmp_path):
    path = tmp_path / "x.docx"
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    assert refused(path).code == "corrupt"
