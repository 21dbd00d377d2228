"""The PDF sanitizer: glyphs really removed (three extractors), nothing else moves (pixel diff),
whole parts dropped, full rewrite, fallback and refusals."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import numpy as np
import pdfplumber
import pikepdf
import pypdf
import pypdfium2
import pytest

from screening.config import Limits
from screening.errors import SanitizeError, UnreadableDocument
from screening.model import Document
from screening.readers.pdf import read_pdf
from screening.sanitize.pdf import sanitize_pdf, verify_pdf
from tests.docbuild.pdf import (
    WHITE,
    add_file_annotation,
    add_javascript,
    box,
    build_pdf,
    incremental_update,
    span,
    text,
    xmp_packet,
)
from tests.sanitize.pdfbuild import (
    block_with,
    embedded_truetype_pdf,
    justified,
    mask,
    plan_of,
    remove_block,
    shared_form_pdf,
    sign,
    table,
    type3_pdf,
)

LIMITS = Limits()
ID = "110105196703150014"
ID2 = "440305198802290023"
PHONE = "13812345678"


def squash(value: str) -> str:
    return "".join(value.split())


def extracted(path: Path, page: int = 1) -> dict[str, str]:
    """The page's text by the three extractors, whitespace removed."""
    with pdfplumber.open(path) as pdf:
        plumber = "".join(c["text"] for c in pdf.pages[page - 1].chars)
    doc = pypdfium2.PdfDocument(path)
    pdfium = doc[page - 1].get_textpage().get_text_range()
    doc.close()
    pdf_ = pypdf.PdfReader(path).pages[page - 1].extract_text()
    return {"pdfplumber": squash(plumber), "pypdfium2": squash(pdfium), "pypdf": squash(pdf_)}


def render(path: Path, page: int = 1) -> np.ndarray:
    doc = pypdfium2.PdfDocument(path)
    try:
        return np.asarray(doc[page - 1].render(scale=2).to_pil().convert("RGB"))
    finally:
        doc.close()


def run(src: Path, tmp_path: Path, *actions, remove_hidden: bool = True, name: str = "out.pdf"):
    document = read_pdf(src, LIMITS)[0]
    built = [a(document) if callable(a) else a for a in actions]
    plan = plan_of(*built, remove_hidden=remove_hidden)
    dst = tmp_path / name
    before = hashlib.sha256(src.read_bytes()).hexdigest()
    outcome = sanitize_pdf(src, dst, document, plan, limits=LIMITS)
    assert hashlib.sha256(src.read_bytes()).hexdigest() == before, "the original was modified"
    return dst, plan, outcome, document


def assert_masked(dst: Path, value: str, keep: tuple[int, int] = (6, 4), page: int = 1) -> None:
    first, last = keep
    hidden = value[first:len(value) - last]
    for name, got in extracted(dst, page).items():
        assert hidden not in got, f"{name} still returns the masked digits"
        assert value not in got, name
        assert value[:first] in got and value[len(value) - last:] in got, (name, got)


# -- masking in page text --------------------------------------------------------------------------


def test_id_in_body_line_masked_nothing_else_moves(tmp_path):
    line = f"身份证号：{ID}，符合申请条件。"
    src = build_pdf(tmp_path / "id.pdf", [["关于某某同志的情况说明", line, "其他内容保持不变"]])
    dst, plan, outcome, _ = run(src, tmp_path, lambda d: mask(d, ID))
    assert len(outcome.applied) == 1 and not outcome.skipped and not outcome.rasterised_pages
    assert_masked(dst, ID)
    texts = extracted(dst)
    assert "符合申请条件。其他内容保持不变" in texts["pypdfium2"]
    assert verify_pdf(dst, src, plan, outcome) == []
    # the box really is drawn over the removed digits (pixels changed there, black)
    before, after = render(src), render(dst)
    changed = np.any(before != after, axis=2)
    assert changed.sum() > 500
    (x0, y0, x1, y1), = outcome.extra["regions"][1]
    middle = after[int((842 - (y0 + y1) / 2) * 2), int((x0 + x1) / 2 * 2)]
    assert tuple(middle) == (0, 0, 0)


def test_phone_in_table_masked(tmp_path):
    rows = [["姓名", "联系电话", "备注"], ["张某", PHONE, "无"]]
    src = build_pdf(tmp_path / "table.pdf", [["附表", table(rows)]])
    dst, plan, outcome, _ = run(src, tmp_path,
                                lambda d: mask(d, PHONE, (3, 4), kind="mobile_phone"))
    assert len(outcome.applied) == 1 and not outcome.rasterised_pages
    assert_masked(dst, PHONE, (3, 4))
    assert verify_pdf(dst, src, plan, outcome) == []


def test_two_ids_on_one_line(tmp_path):
    line = f"甲：{ID} 乙：{ID2}"
    src = build_pdf(tmp_path / "two.pdf", [[line]])
    dst, plan, outcome, _ = run(src, tmp_path, lambda d: mask(d, ID), lambda d: mask(d, ID2))
    assert len(outcome.applied) == 2 and outcome.extra["counts"]["glyphs_removed"] == 16
    assert_masked(dst, ID)
    assert_masked(dst, ID2)
    assert len(outcome.extra["regions"][1]) == 2
    assert verify_pdf(dst, src, plan, outcome) == []


def test_same_id_twice_on_a_line_second_only(tmp_path):
    line = f"原号码 {ID} 现号码 {ID}"
    src = build_pdf(tmp_path / "twice.pdf", [[line]])
    dst, plan, outcome, _ = run(src, tmp_path, lambda d: mask(d, ID, occurrence=1))
    for name, got in extracted(dst).items():
        assert got.count(ID) == 1, name  # the first copy stays, the second is masked
    assert verify_pdf(dst, src, plan, outcome) == []


def test_justified_latin_text_keeps_every_glyph_in_place(tmp_path):
    """Tc, Tw and Tz compensated: a cut that includes spaces leaves the rest pixel-identical."""
    value = "Case 2024 secret code AB 7731 was closed on time."
    src = build_pdf(tmp_path / "latin.pdf", [[justified(value, line=0, horizontal_scale=90)]])
    document = read_pdf(src, LIMITS)[0]
    block = block_with(document, "secret")
    start = block.text.index("secret code AB 7731")
    action = remove_block(block, op="redact", kind="redact_span", category="restricted_info")
    action = type(action)("redact", "", "restricted_info", "redact_span",
                          type(action.location)(block.part, block.page, block.index, start,
                                                start + 19, block.bbox),
                          "secret code AB 7731", "", "", ((0, 19),))
    dst, plan, outcome, _ = run(src, tmp_path, action)
    for name, got in extracted(dst).items():
        assert "secretcodeAB7731" not in got and "7731" not in got, name
        assert got.startswith("Case2024") and got.endswith("wasclosedontime."), (name, got)
    assert verify_pdf(dst, src, plan, outcome) == []


def test_embedded_truetype_subset_font(tmp_path):
    src = embedded_truetype_pdf(tmp_path / "vera.pdf", [
        f"ID number {ID} belongs to the applicant.", f"Phone {PHONE} and more text."])
    dst, plan, outcome, _ = run(src, tmp_path, lambda d: mask(d, ID),
                                lambda d: mask(d, PHONE, (3, 4), kind="mobile_phone"))
    assert len(outcome.applied) == 2 and not outcome.rasterised_pages
    assert_masked(dst, ID)
    assert_masked(dst, PHONE, (3, 4))
    assert verify_pdf(dst, src, plan, outcome) == []


# -- shared form XObjects --------------------------------------------------------------------------


def test_shared_form_xobject_edited_once_boxed_on_both_pages(tmp_path):
    src = shared_form_pdf(tmp_path / "form.pdf", f"经办人身份证号 {ID}")
    dst, plan, outcome, _ = run(src, tmp_path, lambda d: mask(d, ID, page=1))
    assert outcome.extra["counts"]["shared_forms"] == 1
    assert outcome.extra["counts"]["streams_edited"] == 1
    assert sorted(outcome.extra["regions"]) == [1, 2]
    for page in (1, 2):
        assert_masked(dst, ID, page=page)
    with pikepdf.open(dst) as pdf:
        forms = {p.Resources.XObject[k].objgen for p in pdf.pages for k in p.Resources.XObject}
        assert len(forms) == 1  # still one form object, drawn by both pages
    assert verify_pdf(dst, src, plan, outcome) == []


# -- hidden text -------------------------------------------------------------------------------------


def test_white_tiny_and_covered_text_removed(tmp_path):
    covered = "被遮盖的内容甲乙丙"
    src = build_pdf(tmp_path / "hidden.pdf", [[
        "正文第一行可见",
        text(f"白色秘密{ID}", line=2, color=WHITE),
        text("极小文字内部资料", line=3, scale=0.04),
        text(covered, line=5), box(span(covered, line=5)),
    ]])
    document = read_pdf(src, LIMITS)[0]
    hidden = [b for b in document.blocks if b.part == "hidden"]
    assert {next(iter(b.flags)) for b in hidden} == {"white", "tiny", "covered"}
    dst, plan, outcome, _ = run(src, tmp_path, *[remove_block(b) for b in hidden])
    assert len(outcome.applied) == 3 and not outcome.rasterised_pages
    for name, got in extracted(dst).items():
        for gone in ("白色秘密", ID, "极小文字内部资料", covered):
            assert gone not in got, (name, gone)
        assert "正文第一行可见" in got
    assert verify_pdf(dst, src, plan, outcome) == []
    assert not [b for b in read_pdf(dst, LIMITS)[0].blocks if b.part == "hidden"]


# -- whole parts ------------------------------------------------------------------------------------


def test_annotation_attachment_and_javascript_removed(tmp_path):
    src = build_pdf(tmp_path / "parts.pdf", [["正文"]],
                    annotations=[(1, f"审核意见：身份证{ID}")],
                    attachments={"名单.txt": f"张三 {ID}".encode()})
    add_javascript(src, "app.alert('hi')")
    add_javascript(src, "this.print()", where="link")
    add_file_annotation(src, 1, "附件2.txt", b"hello")
    document = read_pdf(src, LIMITS)[0]
    targets = [b for b in document.blocks if b.part in ("annotation", "attachment")
               or "javascript" in b.flags]
    dst, plan, outcome, _ = run(src, tmp_path,
                                *[remove_block(b, whole_part=True, kind=b.part) for b in targets],
                                remove_hidden=False)
    assert len(outcome.applied) == len(targets) and not outcome.skipped
    with pikepdf.open(dst) as pdf:
        assert len(pdf.attachments) == 0
        assert "/OpenAction" not in pdf.Root
        annots = pdf.pages[0].obj.get("/Annots", [])
        assert [str(a.Subtype) for a in annots] == ["/Link"]  # the link stays, its script goes
        assert "/A" not in annots[0]
    after = read_pdf(dst, LIMITS)[0]
    assert not [b for b in after.blocks if b.part in ("annotation", "attachment")
                or "javascript" in b.flags]
    assert verify_pdf(dst, src, plan, outcome) == []


def test_incremental_update_rewritten_with_one_eof(tmp_path):
    src = build_pdf(tmp_path / "inc.pdf", [["初稿：拟同意张三调动"]], info={"Title": "内部讨论稿"})
    incremental_update(src, info={"Title": "正式稿"}, pages={1: ["正式稿：同意调动"]})
    assert src.read_bytes().count(b"%%EOF") == 2
    document = read_pdf(src, LIMITS)[0]
    prior = [b for b in document.blocks if "prior_revision" in b.flags]
    assert prior
    dst, plan, outcome, _ = run(src, tmp_path, *[remove_block(b, kind="prior_revision")
                                                 for b in prior], remove_hidden=False)
    data = dst.read_bytes()
    assert data.count(b"%%EOF") == 1 and outcome.extra["eof_markers"] == 1
    with pikepdf.open(dst) as pdf:
        everything = b"".join(_stream_bytes(o) for o in pdf.objects)
    for old in ("初稿：拟同意张三调动", "内部讨论稿"):
        assert old.encode("utf-16-be") not in everything and old.encode("utf-16-be") not in data
    assert not [b for b in read_pdf(dst, LIMITS)[0].blocks if "prior_revision" in b.flags]
    assert verify_pdf(dst, src, plan, outcome) == []


def _stream_bytes(obj) -> bytes:
    if isinstance(obj, pikepdf.Stream):
        try:
            return obj.read_bytes()
        except pikepdf.PdfError:
            return obj.read_raw_bytes()
    if isinstance(obj, (pikepdf.Dictionary, pikepdf.Array)):
        return repr(obj).encode("utf-8", "replace") + b"".join(
            bytes(v) for v in (obj.values() if isinstance(obj, pikepdf.Dictionary) else obj)
            if isinstance(v, pikepdf.String))
    return b""


def test_metadata_cleaned_with_remove_hidden(tmp_path):
    src = build_pdf(tmp_path / "meta.pdf", [["正文"]], info={"Title": "内部讨论稿", "Author": "王五"},
                    xmp=xmp_packet({"dc:title": "内部讨论稿", "dc:creator": "王五"}))
    document = read_pdf(src, LIMITS)[0]
    meta = [b for b in document.blocks if b.part == "metadata"]
    dst, plan, outcome, _ = run(src, tmp_path, *[remove_block(b, kind="metadata",
                                                              whole_part=True) for b in meta])
    with pikepdf.open(dst) as pdf:
        assert "/Info" not in pdf.trailer or len(pdf.trailer.Info) == 0
        assert "/Metadata" not in pdf.Root
    assert "王五".encode("utf-16-be") not in dst.read_bytes()
    assert not [b for b in read_pdf(dst, LIMITS)[0].blocks if b.part == "metadata"]
    assert verify_pdf(dst, src, plan, outcome) == []


def test_metadata_without_remove_hidden_only_named_keys(tmp_path):
    src = build_pdf(tmp_path / "meta2.pdf", [["正文"]], info={"Title": "机密文件", "Author": "办公室"})
    document = read_pdf(src, LIMITS)[0]
    title = block_with(document, "机密文件", part="metadata")
    dst, plan, outcome, _ = run(src, tmp_path, remove_block(title, op="strip_mark",
                                                            kind="mark", whole_part=True),
                                remove_hidden=False)
    with pikepdf.open(dst) as pdf:
        assert "/Title" not in pdf.trailer.Info
        assert str(pdf.trailer.Info.Author) == "办公室"
    assert verify_pdf(dst, src, plan, outcome) == []


# -- fallback ---------------------------------------------------------------------------------------


def test_type3_page_rasterised_and_reported(tmp_path):
    src = type3_pdf(tmp_path / "t3.pdf", f"ID{ID}")
    document = read_pdf(src, LIMITS)[0]
    dst, plan, outcome, _ = run(src, tmp_path, mask(document, ID))
    assert outcome.rasterised_pages == (1,)
    assert any("第 1 页已转为图片" in w and "Type3" in w for w in outcome.warnings)
    assert len(outcome.applied) == 1
    for name, got in extracted(dst).items():
        assert got == "", (name, got)  # an image-only page
    with pikepdf.open(dst) as pdf:
        assert list(pdf.pages[0].Resources.XObject.keys()) == ["/Im0"]
    assert verify_pdf(dst, src, plan, outcome) == []


def test_target_not_in_content_stream_rasterises_the_page(tmp_path):
    """A block whose text the content stream does not show where the reader saw it (here a
    tampered block) is never silently skipped: the page becomes a picture."""
    src = build_pdf(tmp_path / "odd.pdf", [[f"号码 {ID}"], ["第二页不变"]])
    document = read_pdf(src, LIMITS)[0]
    block = document.blocks[0]
    forged = type(block)(text=f"号码 {ID2}", part=block.part, index=block.index, page=1,
                         line=0, source=block.source, bbox=block.bbox)
    document = Document(path=document.path, format="pdf",
                        blocks=(forged,) + document.blocks[1:], pages=2)
    plan = plan_of(mask(document, ID2))
    dst = tmp_path / "odd.out.pdf"
    outcome = sanitize_pdf(src, dst, document, plan, limits=LIMITS)
    assert outcome.rasterised_pages == (1,)
    assert extracted(dst, 2)["pypdfium2"] == "第二页不变"
    assert verify_pdf(dst, src, plan, outcome) == []


# -- refusals and hostile input ---------------------------------------------------------------------


def test_signed_pdf_refused(tmp_path):
    src = sign(build_pdf(tmp_path / "signed.pdf", [[f"身份证号 {ID}"]]))
    document = read_pdf(src, LIMITS)[0]
    with pytest.raises(SanitizeError) as err:
        sanitize_pdf(src, tmp_path / "out.pdf", document, plan_of(mask(document, ID)),
                     limits=LIMITS)
    assert "签名" in err.value.message and err.value.code == "signed_pdf"
    assert not (tmp_path / "out.pdf").exists()


def test_encrypted_pdf_refused(tmp_path):
    src = build_pdf(tmp_path / "enc.pdf", [[f"身份证号 {ID}"]], encrypt_user_password="secret")
    document = Document(path=str(src), format="pdf", blocks=())
    with pytest.raises(UnreadableDocument) as err:
        sanitize_pdf(src, tmp_path / "out.pdf", document, plan_of(), limits=LIMITS)
    assert err.value.code == "encrypted" and "加密" in err.value.message
    assert not list(tmp_path.glob("out*")) and not list(tmp_path.glob(".sanitize-*"))


def test_output_must_not_be_input(tmp_path):
    src = build_pdf(tmp_path / "same.pdf", [[f"身份证号 {ID}"]])
    document = read_pdf(src, LIMITS)[0]
    before = src.read_bytes()
    with pytest.raises(SanitizeError):
        sanitize_pdf(src, src, document, plan_of(mask(document, ID)), limits=LIMITS)
    assert src.read_bytes() == before


def test_flate_bomb_fails_closed(tmp_path):
    from screening.model import Block
    from tests.docbuild.pdf import flate_bomb_pdf

    src = flate_bomb_pdf(tmp_path / "bomb.pdf", 300)
    # as if the reader had seen an ID on the page: glyph work must parse the 300 MiB stream
    block = Block(text=f"号码 {ID}", part="body", index=0, page=1, line=0,
                  bbox=(72.0, 60.0, 300.0, 75.0))
    document = Document(path=str(src), format="pdf", blocks=(block,), pages=1)
    limits = Limits(pdf_memory_bytes=256 * 1024 * 1024)
    with pytest.raises(UnreadableDocument) as err:
        sanitize_pdf(src, tmp_path / "out.pdf", document, plan_of(mask(document, ID)),
                     limits=limits)
    assert err.value.code == "limit"
    assert not list(tmp_path.glob("out*")) and not list(tmp_path.glob(".sanitize-*"))


# -- verification catches what it must -------------------------------------------------------------


def test_verify_reports_text_left_and_pixels_moved(tmp_path):
    line = f"身份证号：{ID}，符合申请条件。"
    src = build_pdf(tmp_path / "v.pdf", [[line]])
    dst, plan, outcome, _ = run(src, tmp_path, lambda d: mask(d, ID))
    # a "sanitizer" that only painted a box: the digits are still in the text layer
    lazy = tmp_path / "lazy.pdf"
    with pikepdf.open(src) as pdf:
        page = pdf.pages[0]
        (x0, y0, x1, y1), = outcome.extra["regions"][1]
        page.contents_add(pdf.make_stream(
            f"q 0 g {x0} {y0} {x1 - x0} {y1 - y0} re f Q".encode()))
        pdf.save(lazy)
    problems = verify_pdf(lazy, src, plan, outcome)
    assert len([p for p in problems if "仍能提取" in p]) == 3  # all three extractors
    # a cut without compensation: the rest of the line moves left
    shifted = tmp_path / "shifted.pdf"
    with pikepdf.open(dst) as pdf:
        for stream in pdf.pages[0].obj.Contents:
            data = stream.read_bytes()
            if b"TJ" in data:
                stream.write(re.sub(rb"\] TJ", b"] TJ", re.sub(rb" -\d+(\.\d+)? <", b" <", data)))
        pdf.save(shifted)
    problems = verify_pdf(shifted, src, plan, outcome)
    assert any("像素" in p for p in problems)
    assert not any(ID[6:14] in p for p in problems)  # problems never quote the removed text


def test_invisible_offpage_and_hidden_layer_text_removed(tmp_path):
    src = build_pdf(tmp_path / "more.pdf", [[
        "可见正文",
        text(f"不可见{ID}", line=2, mode=3),
        text("页面之外的内部意见", line=3, x=-400),
        text("图层中的内部意见", line=4, layer="L1"),
    ]], layers={"L1": ("批注层", False)})
    document = read_pdf(src, LIMITS)[0]
    hidden = [b for b in document.blocks if b.part == "hidden"]
    assert {f for b in hidden for f in b.flags} == {"invisible", "offpage", "layer_hidden"}
    dst, plan, outcome, _ = run(src, tmp_path, *[remove_block(b) for b in hidden])
    assert len(outcome.applied) == 3 and not outcome.rasterised_pages
    for name, got in extracted(dst).items():
        for gone in (ID, "页面之外的内部意见", "图层中的内部意见"):
            assert gone not in got, (name, gone)
        assert "可见正文" in got
    assert verify_pdf(dst, src, plan, outcome) == []


# -- through the API (scan → plan → sanitize_pdf → verify → re-scan) --------------------------------


def test_sanitize_file_pdf_end_to_end(tmp_path, screener):
    from screening.sanitize.api import sanitize_file
    from screening.sanitize.plan import SanitizeOptions

    src = build_pdf(tmp_path / "api.pdf", [
        ["关于某某同志的情况说明", f"身份证号：{ID}，手机 {PHONE}。",
         text(f"白色{ID2}", line=3, color=WHITE)]],
        info={"Title": "内部讨论稿", "Author": "王五"}, annotations=[(1, "请核实")],
        attachments={"名单.txt": f"张三 {ID}".encode()})
    add_javascript(src, "app.alert('hi')")
    dst = tmp_path / "api.out.pdf"
    result = sanitize_file(src, dst, SanitizeOptions(), screener)
    assert result.exit_code == 0, result.problems
    assert result.outcome is not None and not result.outcome.rasterised_pages
    assert_masked(dst, ID)
    assert_masked(dst, PHONE, (3, 4))
    for name, got in extracted(dst).items():
        assert ID2 not in got and "白色" not in got, name
    after = screener.scan(dst)
    assert not [f for f in after.findings if f.category.value in ("personal_data",
                                                                  "hidden_content")
                and f.severity.value != "info"]
    stored = repr(result.to_dict())
    assert ID not in stored and PHONE not in stored and ID2 not in stored


def test_sanitize_file_refuses_signed_pdf(tmp_path, screener):
    from screening.sanitize.api import sanitize_file
    from screening.sanitize.plan import SanitizeOptions

    src = sign(build_pdf(tmp_path / "signed.pdf", [[f"身份证号 {ID}"]]))
    with pytest.raises(SanitizeError) as err:
        sanitize_file(src, tmp_path / "out.pdf", SanitizeOptions(), screener)
    assert "签名" in err.value.message
    assert not (tmp_path / "out.pdf").exists()
