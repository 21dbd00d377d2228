"""The PDF reader: lines, pages, metadata, annotations, attachments, image-only pages, encrypted
and damaged files, and the worker's limits (memory, time, pages, characters)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pikepdf
import pytest

from screening import Config, Limits, ScreeningError, UnreadableDocument, Verdict
from screening.pipeline import Screener
from screening.readers import Reader, pdfworker
from screening.readers.pdf import READER, read_pdf
from tests.docbuild.pdf import (A4, LEADING, TOP, build_pdf, corrupt_pdf, flate_bomb_pdf,
                                many_pages_pdf, raw_pdf, truncated_pdf, xmp_packet)

MiB = 1024 * 1024
PAGE_1 = ["关于加强政府信息公开工作的通知", "机密★1年", "各区县人民政府："]
PAGE_2 = ["一、总体要求", "二、工作措施"]


def body(document):
    return [(b.text, b.page, b.line, b.source) for b in document.blocks if b.part == "body"]


def read(path, **limits):
    return READER.read(Path(path), Limits(**limits))


def rss(field: str = "VmRSS") -> int:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith(field + ":"):
                return int(line.split()[1]) * 1024
    raise AssertionError(field)


# -- text --------------------------------------------------------------------------------------

def test_two_chinese_pages_line_by_line(tmp_path):
    document = read(build_pdf(tmp_path / "通知.pdf", [PAGE_1, PAGE_2]))
    assert document.format == "pdf"
    assert document.pages == 2
    assert body(document) == [
        ("关于加强政府信息公开工作的通知", 1, 0, "page 1"),
        ("机密★1年", 1, 1, "page 1"),
        ("各区县人民政府：", 1, 2, "page 1"),
        ("一、总体要求", 2, 0, "page 2"),
        ("二、工作措施", 2, 1, "page 2"),
    ]
    assert [b.index for b in document.blocks] == list(range(len(document.blocks)))
    assert document.problems == ()


def test_the_star_of_a_mark_comes_back_as_a_star(tmp_path):
    # STSong-Light (Adobe-GB1) has ★ as a CID: pdfium maps it back to U+2605, not a lookalike
    mark = read(build_pdf(tmp_path / "m.pdf", [PAGE_1])).blocks[1]
    assert mark.text == "机密★1年"
    assert [hex(ord(c)) for c in mark.text] == ["0x673a", "0x5bc6", "0x2605", "0x31", "0x5e74"]


def test_the_mark_on_line_2_is_found_by_the_pipeline(tmp_path, screener):
    report = screener.scan(build_pdf(tmp_path / "通知.pdf", [PAGE_1, PAGE_2]))
    marks = [(f.kind, f.text, f.location.page, f.location.block) for f in report.findings
             if f.kind == "secret_level"]
    assert marks == [("secret_level", "机密★1年", 1, 1)]
    assert report.verdict is Verdict.BLOCK


def test_line_bbox_holds_the_baseline(tmp_path):
    document = read(build_pdf(tmp_path / "b.pdf", [PAGE_1]))
    page_height = A4[1]
    for line, block in enumerate(document.blocks[:3]):
        x0, top, x1, bottom = block.bbox
        baseline = page_height - (TOP - line * LEADING)  # measured down from the top
        assert x0 == pytest.approx(72, abs=0.5)
        assert top < baseline <= bottom
        assert bottom - top == pytest.approx(12, abs=1.5)  # the 12 pt font's ascent+descent
        assert x1 - x0 == pytest.approx(12 * len(block.text), abs=8)  # CJK glyphs are 1 em


def test_a_blank_page_gives_no_block(tmp_path):
    document = read(build_pdf(tmp_path / "blank.pdf", [["第一页"], [], ["第三页"]]))
    assert document.pages == 3
    assert [(b.text, b.part, b.page) for b in document.blocks] == [
        ("第一页", "body", 1), ("第三页", "body", 3)]


def test_text_outside_the_page_is_read(tmp_path):
    # a hiding place: viewers and pdftotext do not show text beyond the MediaBox
    content = (b"BT /F1 12 Tf 72 700 Td (Visible line) Tj ET "
               b"BT /F1 12 Tf -400 600 Td (Hidden 2024) Tj ET")
    path = raw_pdf(tmp_path / "off.pdf", [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ])
    lines = {b.text: b.bbox for b in read(path).blocks}
    assert set(lines) == {"Visible line", "Hidden 2024"}
    assert lines["Hidden 2024"][0] < 0  # left of the page


def test_a_pdf_without_pages_is_damaged(tmp_path):
    path = raw_pdf(tmp_path / "none.pdf", [b"<< /Type /Catalog /Pages 2 0 R >>",
                                           b"<< /Type /Pages /Kids [] /Count 0 >>"])
    with pytest.raises(UnreadableDocument) as info:
        read(path)
    assert info.value.code == "damaged"


def test_image_only_page(tmp_path):
    document = read(build_pdf(tmp_path / "scan.pdf", [["第一页"], [], ["第三页"]],
                              image_only_pages=[2]))
    page_blocks = [b for b in document.blocks if b.part == "page"]
    assert [(b.text, b.page, b.line, b.flags, b.source) for b in page_blocks] == [
        ("第 2 页（无文字层）", 2, None, frozenset({"image_only"}), "page 2")]
    assert [b.part for b in document.blocks] == ["body", "page", "body"]


def test_image_only_page_through_the_pipeline(tmp_path, screener):
    path = build_pdf(tmp_path / "scan.pdf", [["会议纪要"], []], image_only_pages=[2])
    report = screener.scan(path)
    hits = [f for f in report.findings if f.kind == "image_only_page"]
    assert [(f.severity.value, f.location.part, f.location.page, f.text) for f in hits] == [
        ("review", "page", 2, "第 2 页（无文字层）")]
    assert report.verdict in (Verdict.REVIEW, Verdict.BLOCK)
    assert report.format == "pdf"


# -- metadata, annotations, attachments ----------------------------------------------------------

def test_info_and_xmp_metadata(tmp_path):
    xmp = xmp_packet({"dc:title": "关于人事调整的请示（征求意见稿）", "dc:creator": "张三",
                      "dc:description": "内部讨论", "pdf:Keywords": "机密; 人事",
                      "xmp:CreatorTool": "WPS 文字"},
                     custom={"Reviewer": "李四"})
    path = build_pdf(tmp_path / "meta.pdf", [["正文"]],
                     info={"Title": "内部讨论稿", "Author": "王五", "Department": "人事处"},
                     xmp=xmp)
    document = read(path)
    assert [(b.label, b.text, b.source, b.page) for b in document.parts("metadata")] == [
        ("info:Title", "内部讨论稿", "Info", None),
        ("info:Author", "王五", "Info", None),
        ("info:Department", "人事处", "Info", None),
        ("xmp:office:Reviewer", "李四", "XMP /Metadata", None),
        ("xmp:dc:title", "关于人事调整的请示（征求意见稿）", "XMP /Metadata", None),
        ("xmp:dc:creator", "张三", "XMP /Metadata", None),
        ("xmp:dc:description", "内部讨论", "XMP /Metadata", None),
        ("xmp:pdf:Keywords", "机密; 人事", "XMP /Metadata", None),
        ("xmp:xmp:CreatorTool", "WPS 文字", "XMP /Metadata", None),
    ]
    assert dict(document.metadata) == {
        "info:Title": "内部讨论稿", "info:Author": "王五", "info:Department": "人事处",
        "xmp:office:Reviewer": "李四", "xmp:dc:title": "关于人事调整的请示（征求意见稿）",
        "xmp:dc:creator": "张三", "xmp:dc:description": "内部讨论",
        "xmp:pdf:Keywords": "机密; 人事", "xmp:xmp:CreatorTool": "WPS 文字"}
    # metadata follows the pages
    assert [b.part for b in document.blocks][:1] == ["body"]


def test_xmp_with_entities_is_not_expanded(tmp_path):
    hostile = ('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/hostname">]>'
               '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
               'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description '
               'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:format>&e;</dc:format>'
               '<dc:rights>公开</dc:rights></rdf:Description></rdf:RDF></x:xmpmeta>')
    document = read(build_pdf(tmp_path / "xxe.pdf", [["正文"]], xmp=hostile))
    assert [(b.label, b.text) for b in document.parts("metadata")] == [("xmp:dc:rights", "公开")]


def test_unparsable_xmp_makes_the_document_incomplete(tmp_path, screener):
    path = build_pdf(tmp_path / "badxmp.pdf", [["正文"]], xmp="<x:xmpmeta><unclosed>")
    document = read(path)
    assert document.problems and "XMP" in document.problems[0]
    assert body(document) == [("正文", 1, 0, "page 1")]
    report = screener.scan(path)
    assert report.verdict is Verdict.ERROR
    assert report.error.code == "incomplete"


def test_annotations_and_attachments(tmp_path):
    path = build_pdf(tmp_path / "notes.pdf", [["第一页"], ["第二页"]],
                     annotations=[(1, "此处数据请核实"), (2, "内部资料", "FreeText"),
                                  (2, "已审", "Stamp")],
                     attachments={"人员名单.xlsx": b"PK fake", "说明.txt": "密".encode()})
    document = read(path)
    assert [(b.part, b.page, b.label, b.text, b.flags) for b in document.blocks
            if b.part in ("annotation", "attachment")] == [
        ("annotation", 1, "Text/审核人", "此处数据请核实", frozenset()),
        ("annotation", 2, "FreeText/审核人", "内部资料", frozenset()),
        ("annotation", 2, "Stamp/审核人", "已审", frozenset()),
        ("attachment", None, "EmbeddedFile", "人员名单.xlsx", frozenset({"embedded"})),
        # content decides, not the name: these bytes are text (tests/readers/test_pdf_hidden.py
        # reads real .docx/.xlsx attachments)
        ("attachment", None, "人员名单.xlsx", "PK fake", frozenset({"attachment_text"})),
        ("attachment", None, "EmbeddedFile", "说明.txt", frozenset({"embedded"})),
        ("attachment", None, "说明.txt", "密", frozenset({"attachment_text"})),
    ]
    # each page's annotations follow that page's lines
    assert [(b.part, b.page) for b in document.blocks][:4] == [
        ("body", 1), ("annotation", 1), ("body", 2), ("annotation", 2)]


def test_a_form_field_value_is_read(tmp_path):
    path = build_pdf(tmp_path / "form.pdf", [["申请表"]])
    with pikepdf.open(path, allow_overwriting_input=True) as doc:
        field = doc.make_indirect(pikepdf.Dictionary(
            Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Widget, FT=pikepdf.Name.Tx,
            T=pikepdf.String("name"), V=pikepdf.String("张三 13800138000"),
            Rect=pikepdf.Array([100, 600, 300, 620]), P=doc.pages[0].obj))
        doc.pages[0].obj.Annots = doc.make_indirect(pikepdf.Array([field]))
        doc.Root.AcroForm = pikepdf.Dictionary(Fields=pikepdf.Array([field]))
        doc.save(path)
    assert [(b.part, b.page, b.label, b.text) for b in read(path).parts("annotation")] == [
        ("annotation", 1, "Widget", "张三 13800138000")]


# -- encrypted and damaged files -----------------------------------------------------------------

def test_a_pdf_that_needs_a_password_is_an_error(tmp_path, screener):
    path = build_pdf(tmp_path / "密.pdf", [["机密★1年"]], encrypt_user_password="1234")
    with pytest.raises(UnreadableDocument) as info:
        read(path)
    assert info.value.code == "encrypted"
    assert info.value.message == "PDF 文件已加密，需要密码，无法审查。请提供未加密的文件"
    report = screener.scan(path)
    assert report.verdict is Verdict.ERROR
    assert (report.error.code, report.format) == ("encrypted", None)


def test_an_owner_password_alone_does_not_stop_reading(tmp_path):
    xmp = xmp_packet({"dc:title": "受限文件"})
    path = build_pdf(tmp_path / "owner.pdf", [["机密★1年"]], info={"Title": "标题"}, xmp=xmp,
                     encrypt_owner_password="owner")
    document = read(path)
    assert body(document) == [("机密★1年", 1, 0, "page 1")]
    assert dict(document.metadata) == {"info:Title": "标题", "xmp:dc:title": "受限文件"}
    assert document.problems == ()


@pytest.mark.parametrize("build", [truncated_pdf, corrupt_pdf])
def test_a_damaged_pdf_is_an_error(tmp_path, screener, build):
    path = build(tmp_path / "坏.pdf")
    with pytest.raises(UnreadableDocument) as info:
        read(path)
    assert info.value.code == "damaged"
    assert "重新" in info.value.message
    report = screener.scan(path)
    assert (report.verdict, report.error.code) == (Verdict.ERROR, "damaged")


def test_padding_after_the_end_marker_is_not_truncation(tmp_path):
    path = build_pdf(tmp_path / "pad.pdf", [["正文"]])
    path.write_bytes(path.read_bytes() + b"\r\n" + b"\x00" * 4096)
    assert body(read(path)) == [("正文", 1, 0, "page 1")]
    path.write_bytes(path.read_bytes() + b"x" * 2048)  # 2 KiB of junk after %%EOF: cut or not?
    with pytest.raises(UnreadableDocument) as info:
        read(path)
    assert info.value.code == "damaged"


def test_cli_exit_code_4_for_an_encrypted_pdf(tmp_path):
    path = build_pdf(tmp_path / "密.pdf", [["机密★1年"]], encrypt_user_password="1234")
    result = subprocess.run([sys.executable, "-m", "screening", str(path)], capture_output=True,
                            text=True, encoding="utf-8", timeout=60,
                            cwd=Path(__file__).parents[2])
    assert result.returncode == 4, result.stderr
    assert "PDF 文件已加密，需要密码，无法审查" in result.stdout + result.stderr


def test_cli_json_error_for_an_encrypted_pdf(tmp_path):
    path = build_pdf(tmp_path / "密.pdf", [["机密★1年"]], encrypt_user_password="1234")
    result = subprocess.run([sys.executable, "-m", "screening", str(path), "--format", "json"],
                            capture_output=True, text=True, encoding="utf-8", timeout=60,
                            cwd=Path(__file__).parents[2])
    assert result.returncode == 4
    report = json.loads(result.stdout.splitlines()[0])
    assert report["verdict"] == "error"
    assert report["error"]["code"] == "encrypted"


# -- limits ---------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def bomb(tmp_path_factory):
    path = flate_bomb_pdf(tmp_path_factory.mktemp("bomb") / "bomb.pdf", inflated_mib=400)
    assert path.stat().st_size < 500 * 1024
    return path


def test_flate_bomb_hits_the_memory_limit(bomb):
    with pytest.raises(UnreadableDocument) as info:
        read(bomb, pdf_memory_bytes=256 * MiB)
    assert info.value.code == "limit"
    assert "内存上限（256 MiB）" in info.value.message


@pytest.mark.skipif(not pdfworker.ISOLATED, reason="needs the Linux worker process")
def test_flate_bomb_with_default_limits_leaves_the_parent_small(bomb):
    read_pdf(build_pdf(bomb.with_name("warm.pdf"), [["预热"]]), Limits())  # imports loaded
    clear_peak = Path("/proc/self/clear_refs")
    try:
        clear_peak.write_text("5")  # reset this process's VmHWM
    except OSError:
        pytest.skip("cannot reset the peak RSS")
    before = rss()
    try:
        document, stats = read_pdf(bomb, Limits())
    except UnreadableDocument as exc:  # refused by the limit: also fine
        assert exc.code == "limit"
        stats = None
    else:
        assert document.blocks == ()  # 400 MiB of spaces: nothing to screen
        print(f"\nflate bomb read in the worker: peak {stats.peak_rss_bytes // MiB} MiB, "
              f"{stats.seconds:.2f} s")
        assert stats.peak_rss_bytes > 300 * MiB  # the work really happened over there
    grown = rss("VmHWM") - before
    print(f"parent peak grew by {grown // MiB} MiB")
    assert grown < 64 * MiB


def test_timeout(bomb):
    started = time.monotonic()
    with pytest.raises(UnreadableDocument) as info:
        read(bomb, pdf_timeout_seconds=0.3)
    assert time.monotonic() - started < 20  # stopped, not waited for
    assert info.value.code == "limit"
    assert "时间上限（0.3 秒）" in info.value.message


def test_page_cap(tmp_path):
    path = many_pages_pdf(tmp_path / "4.pdf", 4, lines_per_page=2)
    with pytest.raises(UnreadableDocument) as info:
        read(path, max_pdf_pages=3)
    assert info.value.code == "limit"
    assert "共 4 页，超过上限 3 页" in info.value.message
    assert read(path, max_pdf_pages=4).pages == 4


def test_text_limit(tmp_path):
    path = many_pages_pdf(tmp_path / "3.pdf", 3, lines_per_page=10)
    with pytest.raises(UnreadableDocument) as info:
        read(path, max_text_chars=500)
    assert info.value.code == "limit"


@pytest.fixture(scope="module")
def pdf_300(tmp_path_factory):
    return many_pages_pdf(tmp_path_factory.mktemp("big") / "300.pdf", 300, lines_per_page=30)


@pytest.fixture(scope="module")
def pdf_30(tmp_path_factory):
    return many_pages_pdf(tmp_path_factory.mktemp("small") / "30.pdf", 30, lines_per_page=30)


def test_300_pages_page_by_page(pdf_300, pdf_30):
    started = time.perf_counter()
    document, stats = read_pdf(pdf_300, Limits())
    elapsed = time.perf_counter() - started
    lines = body(document)
    assert document.pages == 300
    assert len(lines) == 300 * 30
    assert lines[0] == ("第 1 页第 1 行：关于加强政府信息公开工作的通知正文内容", 1, 0, "page 1")
    assert lines[-1] == ("第 300 页第 30 行：关于加强政府信息公开工作的通知正文内容", 300, 29,
                         "page 300")
    assert [line for _, page, line, _ in lines if page == 150] == list(range(30))
    if pdfworker.ISOLATED:
        grown = stats.peak_rss_bytes - stats.start_rss_bytes
        _, small = read_pdf(pdf_30, Limits())
        grown_30 = small.peak_rss_bytes - small.start_rss_bytes
        print(f"\n300 pages: {elapsed:.2f} s, worker peak {stats.peak_rss_bytes / MiB:.0f} MiB "
              f"(+{grown / MiB:.1f} MiB over its start; 30 pages: +{grown_30 / MiB:.1f} MiB)")
        assert stats.isolated
        # Pages are closed as we go, so ten times the pages costs about the same memory: keeping
        # all 300 pages and text pages open costs +42 MiB (measured). Compared with a 30-page
        # read, because what pdfium loads once (a system CJK font for STSong-Light: ~28 MiB where
        # one is installed) depends on the machine.
        assert grown - grown_30 < 15 * MiB


# -- geometry -----------------------------------------------------------------------------------

def test_lazy_geometry_returns_the_chars_of_a_page(tmp_path):
    path = build_pdf(tmp_path / "g.pdf", [PAGE_1, PAGE_2, []], image_only_pages=[3])
    document = read(path)
    geometry = document.geometry(2)
    assert geometry["page"] == 2
    assert (geometry["width"], geometry["height"]) == pytest.approx(A4)
    assert "".join(c["text"] for c in geometry["chars"]) == "".join(PAGE_2)
    first = geometry["chars"][0]
    assert first["fontname"].endswith("STSongStd-Light")
    assert first["x0"] == pytest.approx(72)
    assert first["top"] < A4[1] - TOP <= first["bottom"]
    assert [c["seq"] for c in geometry["chars"]] == sorted(c["seq"] for c in geometry["chars"])
    json.dumps(geometry)  # plain data only
    assert len(document.geometry(3)["images"]) == 1
    assert document.geometry(2) is geometry  # cached
    with pytest.raises(ValueError):
        document.geometry(4)
    with pytest.raises(ValueError):
        document.geometry(0)


def test_geometry_applies_the_limits(bomb):
    document = read(bomb)
    document = type(document)(**{**{f: getattr(document, f) for f in
                                    ("path", "format", "blocks", "pages", "metadata")},
                                 "geometry": type(document.geometry)(
                                     bomb, 1, Limits(pdf_memory_bytes=256 * MiB))})
    with pytest.raises(UnreadableDocument) as info:
        document.geometry(1)
    assert info.value.code == "limit"


# -- the worker ----------------------------------------------------------------------------------

def _task(kind):
    yield ("one", 1)
    if kind == "screening":
        raise UnreadableDocument("测试错误", message_en="test error", code="custom")
    if kind == "crash":
        raise ValueError("boom")
    if kind == "die":
        os._exit(3)
    yield ("two", [2, "二"])


@pytest.mark.skipif(not pdfworker.ISOLATED, reason="needs the Linux worker process")
@pytest.mark.parametrize("kind, code, words", [
    ("screening", "custom", "测试错误"),
    ("crash", "unreadable", "ValueError: boom"),
    ("die", "limit", "退出码 3"),
])
def test_worker_failures_come_back_as_errors(kind, code, words):
    messages = []
    with pytest.raises(ScreeningError) as info:
        for message in pdfworker.run_isolated(_task, kind, memory_bytes=1024 * MiB, timeout=10):
            messages.append(message)
    assert messages == [("one", 1)]
    assert info.value.code == code
    assert words in info.value.message


def test_worker_streams_messages_and_reports_its_use():
    stats = []
    messages = list(pdfworker.run_isolated(_task, "ok", memory_bytes=1024 * MiB, timeout=10,
                                           stats=stats))
    assert messages == [("one", 1), ("two", [2, "二"])]
    assert len(stats) == 1
    assert stats[0].isolated is pdfworker.ISOLATED


def test_in_process_fallback(tmp_path, monkeypatch):
    monkeypatch.setattr(pdfworker, "ISOLATED", False)
    document, stats = read_pdf(build_pdf(tmp_path / "in.pdf", [PAGE_1]), Limits())
    assert body(document)[1] == ("机密★1年", 1, 1, "page 1")
    assert stats.isolated is False
    with pytest.raises(UnreadableDocument) as info:
        read(many_pages_pdf(tmp_path / "4.pdf", 4, lines_per_page=1), max_pdf_pages=3)
    assert info.value.code == "limit"


@pytest.mark.skipif(not pdfworker.ISOLATED, reason="needs the Linux worker process")
def test_one_page_costs_little(tmp_path):
    path = build_pdf(tmp_path / "one.pdf", [PAGE_1])
    read_pdf(path, Limits())  # imports loaded once per process
    timings = []
    for _ in range(5):
        started = time.perf_counter()
        read_pdf(path, Limits())
        timings.append(time.perf_counter() - started)
    print(f"\none-page PDF through the worker: best {min(timings) * 1000:.1f} ms")
    assert min(timings) < 0.25


# -- the reader -------------------------------------------------------------------------------

def test_reader_protocol():
    assert isinstance(READER, Reader)
    assert READER.format == "pdf"
    assert "pypdfium2" in READER.version
    assert READER.sniff(b"%PDF-1.7\n", ".docx")
    assert not READER.sniff(b"PK\x03\x04", ".pdf")


def test_screener_reads_pdf_with_the_config_limits(tmp_path, pm):
    path = many_pages_pdf(tmp_path / "5.pdf", 5, lines_per_page=1)
    screener = Screener(Config(limits=Limits(max_pdf_pages=2)), pm=pm)
    report = screener.scan(path)
    assert (report.verdict, report.error.code) == (Verdict.ERROR, "limit")
