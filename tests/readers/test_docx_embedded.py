"""Objects embedded in a .docx are read when they are .docx/.xlsx/PDF/text (docx_embedded): their
text as ``attachment``/``attachment_text`` blocks after the object's own block; other formats are
listed; a hostile object is a problem of the document, never a crash."""

from __future__ import annotations

import io
import zipfile

import pytest

from screening import Limits
from screening.readers.docx import READER
from screening.readers.docx_embedded import MAX_DEPTH
from tests.docbuild import docx as build
from tests.docbuild.docx import build_docx, docx_bytes
from tests.docbuild.pdf import build_pdf

X = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)


def xlsx(sheets: dict[str, str], shared: list[str] = ()) -> bytes:
    """A workbook: ``sheets`` = name → ``<sheetData>`` content, related in this order."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", '<Types xmlns="http://schemas.openxmlformats.org/'
                    'package/2006/content-types"/>')
        entries = "".join(f'<sheet name="{n}" sheetId="{i}" r:id="rId{i}"/>'
                          for i, n in enumerate(sheets, 1))
        zf.writestr("xl/workbook.xml", f'<workbook {X} xmlns:r="{R}"><sheets>{entries}</sheets>'
                                       "</workbook>")
        rels = "".join(f'<Relationship Id="rId{i}" Type="{R}/worksheet" '
                       f'Target="worksheets/sheet{len(sheets) + 1 - i}.xml"/>'
                       for i in range(1, len(sheets) + 1))
        zf.writestr("xl/_rels/workbook.xml.rels", '<Relationships xmlns="http://schemas.'
                    f'openxmlformats.org/package/2006/relationships">{rels}</Relationships>')
        for i, data in enumerate(sheets.values(), 1):
            zf.writestr(f"xl/worksheets/sheet{len(sheets) + 1 - i}.xml",
                        f"<worksheet {X}><sheetData>{data}</sheetData></worksheet>")
        if shared:
            items = "".join(f"<si>{s}</si>" for s in shared)
            zf.writestr("xl/sharedStrings.xml", f"<sst {X}>{items}</sst>")
    return out.getvalue()


def read(tmp_path, **kwargs):
    return READER.read(build_docx(tmp_path / "host.docx", body=["正文"], **kwargs), Limits())


def attachments(doc):
    return [(b.text, sorted(b.flags), b.label, b.source) for b in doc.parts("attachment")]


def test_embedded_docx_text_follows_its_object_block(tmp_path):
    inner = docx_bytes(body=["附件正文"], comments=[("张三", "附件里的批注", None)],
                       core={"creator": "王五"})
    doc = read(tmp_path, embeddings={"Microsoft_Word_Document.docx": inner})
    member = "word/embeddings/Microsoft_Word_Document.docx"
    assert attachments(doc) == [
        (member, ["embedded"], "嵌入对象 embedded object", member),
        ("附件正文", ["attachment_text"], "Microsoft_Word_Document.docx", member),
        ("附件里的批注", ["attachment_text"], "Microsoft_Word_Document.docx", member),
        ("王五", ["attachment_text"], "Microsoft_Word_Document.docx", member)]
    assert doc.problems == () and all(b.page is None for b in doc.parts("attachment"))


def test_embedded_workbook_rows_in_sheet_order_and_unused_shared_strings(tmp_path):
    sheet1 = ('<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>'
              '<row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2" t="inlineStr"><is><t>11010519'
              '8001011234</t></is></c><c r="C2"><v>13800138000</v></c>'
              '<c r="D2" t="str"><f>A2</f><v>张三</v></c></row><row r="3"/>')
    sheet2 = ('<row r="1"><c r="A1" t="inlineStr"><is><r><t>第二</t></r><r><t>张表</t></r>'
              "</is></c></row>")
    shared = ["<t>姓名</t>", "<t>身份证号码</t>",
              "<r><t>张</t></r><r><t>三</t></r><rPh><t>zhang</t></rPh>", "<t>删掉的单元格</t>"]
    doc = read(tmp_path, embeddings={"名单.xlsx": xlsx({"花名册": sheet1, "附表": sheet2}, shared)})
    assert [b.text for b in doc.parts("attachment")] == [
        "word/embeddings/名单.xlsx", "姓名\t身份证号码",
        "张三\t110105198001011234\t13800138000\t张三", "第二张表", "删掉的单元格"]
    assert {b.label for b in doc.parts("attachment")} == {"嵌入对象 embedded object", "名单.xlsx"}


def test_embedded_pdf_and_text_are_read_and_ole_and_pictures_listed(tmp_path):
    pdf = build_pdf(tmp_path / "in.pdf", [["PDF附件第一行", "第二行"]]).read_bytes()
    doc = read(tmp_path, embeddings={
        "附件.pdf": pdf, "说明.txt": "文本附件\r\n第二行".encode("gb18030"),
        "oleObject1.bin": OLE, "image.png": build._png()})
    assert [(b.text, sorted(b.flags)) for b in doc.parts("attachment")] == [
        ("word/embeddings/附件.pdf", ["embedded"]),
        ("PDF附件第一行", ["attachment_text"]), ("第二行", ["attachment_text"]),
        ("word/embeddings/说明.txt", ["embedded"]),
        ("文本附件", ["attachment_text"]), ("第二行", ["attachment_text"]),
        ("word/embeddings/oleObject1.bin", ["embedded"]),
        ("word/embeddings/image.png", ["embedded"])]
    assert doc.problems == ()


def test_content_is_sniffed_not_the_name(tmp_path):
    doc = read(tmp_path, embeddings={"package.bin": docx_bytes(body=["名字是 bin 的 docx"]),
                                     "fake.docx": b"\x89PNG\r\n\x1a\n" + bytes(32)})
    assert [b.text for b in doc.parts("attachment")] == [
        "word/embeddings/package.bin", "名字是 bin 的 docx", "word/embeddings/fake.docx"]
    assert doc.problems == ()


def test_html_alt_chunk_is_read_without_its_tags(tmp_path):
    doc = read(tmp_path, alt_chunks={
        "afchunk1.html": "<html><body><p>合并进来的</p><p>机密★1年</p></body></html>".encode()})
    assert [b.text for b in doc.parts("attachment")] == [
        "word/afchunk1.html", "合并进来的", "机密★1年"]


def test_nesting_is_read_to_the_depth_limit_and_then_listed(tmp_path):
    assert MAX_DEPTH == 2
    level3 = docx_bytes(body=["第三层"])
    level2 = docx_bytes(body=["第二层"], embeddings={"c.docx": level3})
    level1 = docx_bytes(body=["第一层"], embeddings={"b.docx": level2})
    doc = read(tmp_path, embeddings={"a.docx": level1})
    a = "word/embeddings/a.docx"
    b = f"{a}/word/embeddings/b.docx"
    c = f"{b}/word/embeddings/c.docx"
    assert attachments(doc) == [
        (a, ["embedded"], "嵌入对象 embedded object", a),
        ("第一层", ["attachment_text"], "a.docx", a),
        (b, ["embedded"], "嵌入对象 embedded object", b),
        ("第二层", ["attachment_text"], "b.docx", b),
        (c, ["embedded"], "嵌入对象 embedded object", c)]
    assert doc.problems == ()


@pytest.mark.parametrize("maker, words", [
    (build.zip_bomb, "安全限制"), (build.truncated, "损坏"), (build.duplicate_member, "安全检查")])
def test_a_hostile_object_is_a_problem_not_a_crash(tmp_path, maker, words):
    bad = maker(tmp_path / "bad.docx").read_bytes()
    doc = read(tmp_path, embeddings={"evil.docx": bad})
    assert len(doc.problems) == 1
    assert doc.problems[0].startswith("嵌入对象 evil.docx（word/embeddings/evil.docx）无法读取")
    assert words in doc.problems[0]
    assert [b.text for b in doc.parts("body")] == ["正文"]
    assert [b.text for b in doc.parts("attachment")] == ["word/embeddings/evil.docx"]


def test_a_bomb_inside_makes_the_scan_an_error(screener, tmp_path):
    bad = build.zip_bomb(tmp_path / "bad.docx").read_bytes()
    report = screener.scan(build_docx(tmp_path / "host.docx", body=["正文"],
                                      embeddings={"evil.docx": bad}))
    assert report.verdict.value == "error" and report.error.code == "incomplete"
    assert "evil.docx" in report.error.message


def test_an_object_with_a_broken_part_makes_the_host_incomplete(tmp_path):
    inner = build_docx(tmp_path / "inner.docx", body=["正文"], headers={"default": ["页眉"]})
    build.rewrite_members(inner, {"word/header1.xml": "<w:hdr"})
    doc = read(tmp_path, embeddings={"inner.docx": inner.read_bytes()})
    assert len(doc.problems) == 1 and "inner.docx" in doc.problems[0]
    assert "页眉" in doc.problems[0]


def test_an_xlsx_with_a_broken_sheet_is_a_problem(tmp_path):
    doc = read(tmp_path, embeddings={"bad.xlsx": xlsx({"表": "<row><c"})})
    assert len(doc.problems) == 1 and "bad.xlsx" in doc.problems[0]


def test_a_pptx_is_listed_not_read(tmp_path):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr("[Content_Types].xml", '<Types xmlns="http://schemas.openxmlformats.org/'
                    'package/2006/content-types"/>')
        zf.writestr("ppt/presentation.xml", "<p:presentation xmlns:p='urn:p'/>")
    doc = read(tmp_path, embeddings={"slides.pptx": out.getvalue()})
    assert attachments(doc) == [("word/embeddings/slides.pptx", ["embedded"],
                                 "嵌入对象 embedded object", "word/embeddings/slides.pptx")]
    assert doc.problems == ()


def test_embedded_text_counts_towards_the_text_limit(tmp_path):
    from screening import UnreadableDocument

    path = build_docx(tmp_path / "host.docx", body=["正文"],
                      embeddings={"big.txt": ("长" * 200).encode()})
    with pytest.raises(UnreadableDocument):
        READER.read(path, Limits(max_text_chars=100))


def test_a_pdf_with_an_attachment_inside_a_docx(tmp_path):
    pdf = build_pdf(tmp_path / "in.pdf", [["PDF正文"]],
                    attachments={"名单.txt": "附件的附件".encode()}).read_bytes()
    doc = read(tmp_path, embeddings={"附件.pdf": pdf})
    member = "word/embeddings/附件.pdf"
    assert [(b.text, sorted(b.flags), b.source) for b in doc.parts("attachment")] == [
        (member, ["embedded"], member),
        ("PDF正文", ["attachment_text"], member),
        (f"{member}/名单.txt", ["embedded"], f"{member}/名单.txt"),
        ("附件的附件", ["attachment_text"], f"{member}/名单.txt")]
