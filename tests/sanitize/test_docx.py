"""The .docx sanitizer: every copy goes, formatting of neighbours stays, nothing else changes."""

from __future__ import annotations

import hashlib
import shutil
import subprocess

import docx as python_docx
import pytest
from lxml import etree

from screening.readers.ooxml import W
from tests.docbuild.docx import (
    build_docx,
    dele,
    footnote_ref,
    ins,
    para,
    run,
    table,
    textbox,
)

from .build import BASIS, ID, PHONE, all_bytes, sanitize, texts

BODY = ["关于做好防汛工作的通知", "各乡镇人民政府：", "现就有关事项通知如下。", "某县人民政府办公室"]


def _xml(path, member="word/document.xml"):
    return etree.fromstring(all_bytes(path)[member])


def test_run_split_mark_goes_and_neighbours_keep_their_formatting(tmp_path, screener):
    src = build_docx(tmp_path / "d.docx", body=[
        para(run("秘", bold=True), run("密", color="FF0000"), run("★1年", size_pt=16)),
        para(run("正文", bold=True), run("第二段", color="0000FF")), *BODY])
    before = hashlib.sha256(src.read_bytes()).hexdigest()
    out, result = sanitize(screener, src, declassified=BASIS)
    assert result.exit_code == 0, result.problems
    assert hashlib.sha256(src.read_bytes()).hexdigest() == before      # IN never modified
    body = texts(screener, out, "body")
    assert body == ["正文第二段", *BODY]
    root = _xml(out)
    runs = [(r.findtext(W + "t"), etree.tostring(r.find(W + "rPr")).decode())
            for r in root.iter(W + "r") if r.find(W + "rPr") is not None]
    assert runs[0][0] == "正文" and "<w:b/>" in runs[0][1]
    assert runs[1][0] == "第二段" and 'w:val="0000FF"' in runs[1][1]
    assert "秘密" not in all_bytes(out)["word/document.xml"].decode()
    assert [a.op for a in result.outcome.applied] == ["strip_mark"]


def test_mark_inside_a_longer_run_keeps_the_rest_of_the_run(tmp_path, screener):
    src = build_docx(tmp_path / "d.docx", body=[para(run("密级：机密★5年", bold=True)), *BODY])
    out, result = sanitize(screener, src, declassified=BASIS)
    assert result.exit_code == 0, result.problems
    assert texts(screener, out, "body")[0] in ("密级：", "")
    assert texts(screener, out, "body")[-4:] == BODY


def test_text_box_both_copies(tmp_path, screener):
    src = build_docx(tmp_path / "d.docx", body=[para("正文", textbox("机密★10年")), *BODY])
    out, result = sanitize(screener, src, declassified=BASIS)
    assert result.exit_code == 0, result.problems
    xml = all_bytes(out)["word/document.xml"].decode()
    assert "机密" not in xml and "★10年" not in xml
    root = _xml(out)
    assert len(list(root.iter(W + "txbxContent"))) == 2        # both copies are still there
    assert result.outcome.extra["fallback_paragraphs"] == 1


def test_text_box_personal_data_masked_in_both_copies(tmp_path, screener):
    src = build_docx(tmp_path / "d.docx", body=[
        para("附件", textbox(f"申请人身份证号码：{ID}")), *BODY])
    out, result = sanitize(screener, src)
    assert result.exit_code == 0, result.problems
    xml = all_bytes(out)["word/document.xml"].decode()
    assert ID not in xml and xml.count("110105********1238") == 2


def test_headers_footers_and_watermark(tmp_path, screener):
    src = build_docx(tmp_path / "d.docx", body=BODY, headers={"first": ["机密★1年"],
                     "default": ["秘密★5年"]}, footers={"default": ["机密"]},
                     watermark="机密")
    out, result = sanitize(screener, src, declassified=BASIS)
    assert result.exit_code == 0, result.problems
    members = all_bytes(out)
    for name, data in members.items():
        if name.startswith(("word/header", "word/footer")):
            text = data.decode()
            assert "机密" not in text and "秘密" not in text, name
            assert "PowerPlusWaterMarkObject" not in text
    assert texts(screener, out, "body") == BODY
    assert not [f for f in screener.scan(out).findings if f.kind == "secret_level"]


def test_without_basis_marks_stay_and_the_result_says_why(tmp_path, screener):
    src = build_docx(tmp_path / "d.docx", body=["机密★1年", *BODY], headers={"default": ["机密"]})
    out, result = sanitize(screener, src)
    assert result.exit_code == 0
    assert texts(screener, out, "body")[0] == "机密★1年"
    assert "机密" in all_bytes(out)["word/header1.xml"].decode()
    assert "没有解密依据" in result.plan.notes[0]
    assert {r["kind"] for r in result.plan.for_person} == {"secret_level"}


def test_tracked_changes_deletion_removed_insertion_accepted(tmp_path, screener):
    src = build_docx(tmp_path / "d.docx", body=[
        para("经研究，", dele("原定由王五负责"), ins(run("由办公室负责")), "。"), *BODY])
    out, result = sanitize(screener, src)
    assert result.exit_code == 0, result.problems
    xml = all_bytes(out)["word/document.xml"].decode()
    assert "王五" not in xml and "w:del " not in xml and "<w:ins " not in xml
    assert texts(screener, out, "body")[0] == "经研究，由办公室负责。"
    assert not [f for f in screener.scan(out).findings if f.kind == "tracked_change"]


def test_comments_go_with_their_anchors(tmp_path, screener):
    src = build_docx(tmp_path / "d.docx", body=BODY,
                     comments=[("李四", f"请核对{ID}", "批注所在的正文")])
    out, result = sanitize(screener, src)
    assert result.exit_code == 0, result.problems
    members = all_bytes(out)
    assert not [n for n in members if "comments" in n]
    for name in ("word/document.xml", "word/_rels/document.xml.rels", "[Content_Types].xml"):
        assert b"comment" not in members[name], name
    assert "批注所在的正文" in texts(screener, out, "body")
    assert not any(ID.encode() in data for data in members.values())


def test_hidden_white_and_tiny_text_removed(tmp_path, screener):
    src = build_docx(tmp_path / "d.docx", body=[
        para("可见的开头", run("隐藏的话", vanish=True), run("白色的字", color="FFFFFF"),
             run("极小的字", size_pt=1), "可见的结尾"), *BODY])
    out, result = sanitize(screener, src)
    assert result.exit_code == 0, result.problems
    xml = all_bytes(out)["word/document.xml"].decode()
    for gone in ("隐藏的话", "白色的字", "极小的字"):
        assert gone not in xml
    assert texts(screener, out, "body")[0] == "可见的开头可见的结尾"
    assert not [f for f in screener.scan(out).findings
                if f.category.value == "hidden_content"]


def test_properties_and_custom_xml_removed(tmp_path, screener):
    src = build_docx(tmp_path / "d.docx", body=BODY,
                     core={"title": "关于做好防汛工作的通知", "creator": "王小明",
                           "lastModifiedBy": "李大华"},
                     app={"Company": "某某科技有限公司", "Manager": "赵经理"},
                     custom={"拟稿人": "王小明"},
                     custom_xml=["<oa><drafter>王小明</drafter><docNo>某办〔2024〕3号</docNo></oa>"])
    out, result = sanitize(screener, src)
    assert result.exit_code == 0, result.problems
    members = all_bytes(out)
    assert "docProps/custom.xml" not in members
    assert not [n for n in members if n.lower().startswith("customxml/")]
    for value in ("王小明", "李大华", "某某科技有限公司", "赵经理"):
        assert not any(value.encode() in data for data in members.values()), value
    assert "关于做好防汛工作的通知" in members["docProps/core.xml"].decode()
    assert not [f for f in screener.scan(out).findings
                if f.category.value == "hidden_content"]


def test_mark_in_properties_stripped_with_basis(tmp_path, screener):
    src = build_docx(tmp_path / "d.docx", body=BODY, core={"title": "机密★1年 关于防汛的通知"},
                     custom={"密级": "机密"})
    out, result = sanitize(screener, src, declassified=BASIS, remove_hidden=False)
    assert result.exit_code == 0, result.problems
    members = all_bytes(out)
    core, custom = (members[f"docProps/{n}.xml"].decode() for n in ("core", "custom"))
    assert "机密" not in core and "关于防汛的通知" in core     # the value is edited in place
    assert "机密" not in custom and "密级" in custom
    assert "creator" in core or "dc:title" in core
    out, result = sanitize(screener, src, declassified=BASIS)
    assert result.exit_code == 0, result.problems
    members = all_bytes(out)
    assert "机密" not in members["docProps/core.xml"].decode()
    assert "docProps/custom.xml" not in members


def test_masked_id_and_phone_in_a_table(tmp_path, screener):
    src = build_docx(tmp_path / "d.docx", body=[
        "公示名单如下：", table([["姓名", "身份证号码", "联系电话"], ["张三", ID, PHONE]]), *BODY])
    out, result = sanitize(screener, src)
    assert result.exit_code == 0, result.problems
    cells = texts(screener, out, "table")
    assert cells == ["姓名", "身份证号码", "联系电话", "张*", "110105********1238", "139****5678"]
    members = all_bytes(out)
    assert not any(v.encode() in d for d in members.values() for v in (ID, PHONE, "张三"))
    after = screener.scan(out)
    assert not [f for f in after.findings
                if f.category.value == "personal_data" and f.severity.value == "block"]


def test_id_split_over_runs_is_masked_in_place(tmp_path, screener):
    src = build_docx(tmp_path / "d.docx", body=[
        para("身份证号码：", run(ID[:8], bold=True), run(ID[8:], color="FF0000")), *BODY])
    out, result = sanitize(screener, src)
    assert result.exit_code == 0, result.problems
    root = _xml(out)
    got = [(r.findtext(W + "t"), r.find(W + "rPr") is not None) for r in root.iter(W + "r")]
    assert ("110105**", True) in got and ("******1238", True) in got


def test_footnote_masked(tmp_path, screener):
    src = build_docx(tmp_path / "d.docx", body=[para("正文", footnote_ref(1)), *BODY],
                     footnotes=[f"联系人手机：{PHONE}"])
    out, result = sanitize(screener, src)
    assert result.exit_code == 0, result.problems
    assert PHONE.encode() not in all_bytes(out)["word/footnotes.xml"]
    assert "139****5678" in " ".join(texts(screener, out, "footnote"))


def test_nothing_else_changes(tmp_path, screener):
    body = [f"第{i}段：为切实做好今年防汛防台风工作，现就有关事项通知如下。" for i in range(12)]
    body[5] = f"联系人：张三，电话{PHONE}。"
    src = build_docx(tmp_path / "d.docx", body=["机密★1年", *body],
                     headers={"default": ["某县人民政府办公室文件"]})
    out, result = sanitize(screener, src, declassified=BASIS)
    assert result.exit_code == 0, result.problems
    before = screener.read(src).blocks
    after = screener.read(out).blocks
    old = [b.text for b in before if b.part in ("body", "header")]
    new = [b.text for b in after if b.part in ("body", "header")]
    assert old[0] == "机密★1年" and new[0] == old[1]
    touched = {6}
    assert [t for i, t in enumerate(old[1:], 1) if i not in touched] == \
           [t for i, t in enumerate(new, 1) if i not in touched]
    assert "139****5678" in new[5]
    # members nobody had to touch are byte-identical
    a, b = all_bytes(src), all_bytes(out)
    for name in ("word/styles.xml", "word/header1.xml"):
        assert a[name] == b[name]


def test_output_opens_in_python_docx(tmp_path, screener):
    src = build_docx(tmp_path / "d.docx", body=[
        para(run("秘", bold=True), run("密★1年")), para("正文", textbox("机密★10年")),
        para("经研究，", dele("原定"), ins(run("由办公室")), "负责。"),
        table([["姓名", "身份证号码"], ["张三", ID]]), *BODY],
        headers={"default": ["机密"]}, watermark="机密", comments=[("李四", "改", "锚")],
        core={"creator": "王小明"}, custom={"密级": "机密"})
    out, result = sanitize(screener, src, declassified=BASIS)
    assert result.exit_code == 0, result.problems
    document = python_docx.Document(str(out))
    assert [p.text for p in document.paragraphs][-5:] == [*BODY, "锚"]


@pytest.mark.skipif(shutil.which("libreoffice") is None and shutil.which("soffice") is None,
                    reason="LibreOffice 未安装（libreoffice/soffice 不在 PATH 上）：跳过渲染检查 "
                           "LibreOffice is not installed; rendering check skipped")
def test_output_converts_in_libreoffice(tmp_path, screener):
    src = build_docx(tmp_path / "d.docx", body=[
        para(run("秘", bold=True), run("密★1年")), para("正文", textbox("机密★10年")),
        table([["姓名", "身份证号码"], ["张三", ID]]), *BODY], watermark="机密")
    out, result = sanitize(screener, src, declassified=BASIS)
    assert result.exit_code == 0, result.problems
    office = shutil.which("libreoffice") or shutil.which("soffice")
    subprocess.run([office, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path),
                    str(out)], check=True, timeout=120, capture_output=True)
    pdf = out.with_suffix(".pdf")
    assert pdf.exists() and pdf.stat().st_size > 0
    import pdfplumber
    with pdfplumber.open(pdf) as doc:
        text = "".join(page.extract_text() or "" for page in doc.pages)
    assert "机密" not in text and "秘密" not in text and ID not in text
    assert "110105********1238" in "".join(text.split())    # (a narrow cell wraps it)
