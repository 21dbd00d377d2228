"""``embedded_object`` (.docx) and ``attachment`` (PDF): each carried file is named (review), and
the explanation says whether its text was screened with the document."""

from __future__ import annotations

from screening_plugins.hidden_content.embedded import (
    AttachmentDetector,
    EmbeddedObjectDetector,
)

from tests.conftest import make_document
from tests.docbuild import pdf as pdfbuild
from tests.docbuild.docx import build_docx, docx_bytes

from .helpers import findings, hidden, run, summary

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)


def test_readable_and_unreadable_objects_are_named(screener, tmp_path):
    inner = docx_bytes(body=["植树活动选址方案"])
    path = build_docx(tmp_path / "e.docx", body=["正文"],
                      embeddings={"Microsoft_Word_Document.docx": inner, "oleObject1.bin": OLE})
    report = screener.scan(path)
    assert hidden(report) == [
        ("embedded_object", "attachment", "word/embeddings/Microsoft_Word_Document.docx",
         "review"),
        ("embedded_object", "attachment", "word/embeddings/oleObject1.bin", "review")]
    read, unread = findings(report, "embedded_object")
    assert "Microsoft_Word_Document.docx" in read.explanation and "已一并审查" in read.explanation
    assert "未能自动审查" in unread.explanation
    assert report.verdict.value == "review"


def test_macros_and_alt_chunks_are_named_for_what_they_are(config):
    document = make_document(
        "正文",
        {"text": "word/vbaProject.bin", "part": "attachment", "label": "宏代码 VBA macros",
         "source": "word/vbaProject.bin", "flags": frozenset({"embedded"})},
        {"text": "word/afchunk1.html", "part": "attachment",
         "label": "altChunk 合并内容 merged chunk", "source": "word/afchunk1.html",
         "flags": frozenset({"embedded"})},
        {"text": "机密", "part": "attachment", "label": "afchunk1.html",
         "source": "word/afchunk1.html", "flags": frozenset({"attachment_text"})})
    macro, chunk = run(EmbeddedObjectDetector(), document, config)
    assert "宏代码" in macro.explanation and "altChunk" in chunk.explanation
    assert "已一并审查" in chunk.explanation
    assert run(AttachmentDetector(), document, config) == []


def test_pdf_attachments_are_attachment_findings(screener, tmp_path):
    path = pdfbuild.build_pdf(tmp_path / "a.pdf", [["正文"]],
                              attachments={"选址测量数据.txt": "东山坡 120 亩".encode()})
    report = screener.scan(path)
    assert [h for h in hidden(report) if h[0] == "attachment"] == [
        ("attachment", "attachment", "选址测量数据.txt", "review")]
    assert findings(report, "embedded_object") == []


def test_pdf_attachment_text_is_linked_by_name(config):
    document = make_document(
        "正文", {"text": "名单.xlsx", "part": "attachment", "label": "EmbeddedFile",
                 "source": "EmbeddedFiles", "flags": frozenset({"embedded"})},
        {"text": "张三\t男", "part": "attachment", "label": "名单.xlsx",
         "flags": frozenset({"attachment_text"})},
        {"text": "扫描件.tif", "part": "attachment", "page": 2, "label": "FileAttachment",
         "flags": frozenset({"embedded"})}, format="pdf")
    read, unread = run(AttachmentDetector(), document, config)
    assert summary([read, unread]) == [
        ("attachment", "attachment", "名单.xlsx", "review"),
        ("attachment", "attachment", "扫描件.tif", "review")]
    assert "已一并审查" in read.explanation
    assert "第 2 页的附件注释" in unread.explanation and "未能自动审查" in unread.explanation
    assert run(EmbeddedObjectDetector(), document, config) == []
