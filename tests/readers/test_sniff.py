"""The format is decided by content, not by the suffix (through ``Screener.read`` / ``scan``).

Decisions written down here:

* a PDF named ``.docx`` is read as a PDF;
* a legacy OLE file (.doc/.wps) renamed ``.docx`` is refused with ``legacy_office`` and told to
  save it as .docx;
* a text file named ``.docx`` (not a zip) is read as text: the content decides, and refusing
  it would leave a readable file unscreened;
* a PNG named ``.pdf`` is ``unsupported_format``; an empty file is ``empty``.
"""

from __future__ import annotations

import pytest

from screening import UnsupportedFormat, Verdict
from screening.readers import OLE_MAGIC
from tests.docbuild.pdf import build_pdf

PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00"
       b"\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N"
       b"\x00\x00\x00\x00IEND\xaeB`\x82")


def test_a_pdf_named_docx_is_read_as_pdf(tmp_path, screener):
    path = build_pdf(tmp_path / "通知.docx", [["关于加强管理的通知", "机密★1年"]])
    document = screener.read(path)
    assert document.format == "pdf"
    assert [(b.text, b.page, b.line) for b in document.blocks] == [
        ("关于加强管理的通知", 1, 0), ("机密★1年", 1, 1)]
    assert screener.scan(path).format == "pdf"


def test_a_legacy_doc_renamed_docx_is_refused(tmp_path, screener):
    path = tmp_path / "旧文件.docx"
    path.write_bytes(OLE_MAGIC + b"\x00" * 504 + b"\xff" * 512)
    with pytest.raises(UnsupportedFormat) as info:
        screener.read(path)
    assert info.value.code == "legacy_office"
    report = screener.scan(path)
    assert report.verdict is Verdict.ERROR
    assert report.error.code == "legacy_office"
    assert "另存为 .docx" in report.error.message


def test_an_empty_file(tmp_path, screener):
    path = tmp_path / "空.pdf"
    path.write_bytes(b"")
    report = screener.scan(path)
    assert (report.verdict, report.error.code) == (Verdict.ERROR, "empty")
    assert "为空" in report.error.message


def test_a_png_named_pdf_is_unsupported(tmp_path, screener):
    path = tmp_path / "扫描件.pdf"
    path.write_bytes(PNG)
    report = screener.scan(path)
    assert (report.verdict, report.error.code) == (Verdict.ERROR, "unsupported_format")
    assert ".pdf" in report.error.message


def test_a_text_file_named_docx_is_read_as_text(tmp_path, screener):
    path = tmp_path / "说明.docx"
    path.write_text("第一行\n\n机密★1年\n", encoding="utf-8")
    document = screener.read(path)
    assert document.format == "text"
    assert [(b.text, b.line, b.source) for b in document.blocks] == [
        ("第一行", 0, "line 1"), ("机密★1年", 1, "line 3")]


def test_a_text_file_without_a_suffix(tmp_path, screener):
    path = tmp_path / "README"
    path.write_bytes("内部资料 注意保存".encode("gb18030"))
    assert [b.text for b in screener.read(path).blocks] == ["内部资料 注意保存"]


def test_a_gb18030_file_is_read_correctly(tmp_path, screener):
    text = "国家秘密的范围\r\n第九条  下列涉及国家安全和利益的事项……\r\n"
    path = tmp_path / "保密法.txt"
    path.write_bytes(text.encode("gb18030"))
    document = screener.read(path)
    assert document.format == "text"
    assert [b.text for b in document.blocks] == [
        "国家秘密的范围", "第九条  下列涉及国家安全和利益的事项……"]
    report = screener.scan(path)
    assert report.error is None
    assert report.format == "text"


def test_utf16_with_bom_named_pdf_is_text(tmp_path, screener):
    path = tmp_path / "导出.pdf"
    path.write_bytes("\ufeff工作秘密\n".encode("utf-16-le"))
    assert [(b.text, b.part) for b in screener.read(path).blocks] == [("工作秘密", "body")]
