"""The printable 政府信息公开保密审查记录: exact texts, A4, font names in the XML, refusal of an
unverified chain, and a LibreOffice conversion when LibreOffice is installed."""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from datetime import datetime, timedelta, timezone

import pytest
from docx import Document

from screening.errors import RecordError
from screening.records.form import AUTHORITATIVE, TITLE, docx_text, form_data, write_form

from .views_build import FP, SAN_SHA, SAN_SM3, SHA, SM3, synthetic_check

WHEN = datetime(2026, 3, 10, 9, 30, tzinfo=timezone(timedelta(hours=8)))


@pytest.fixture
def form_path(tmp_path):
    return write_form(synthetic_check(), tmp_path / "审查表.docx", generated_at=WHEN)


def _rows(path) -> dict[str, list[str]]:
    doc = Document(str(path))
    table = doc.tables[0]
    return {row.cells[0].text: [p.text for p in row.cells[1].paragraphs] for row in table.rows}


def test_form_has_the_record_fields(form_path):
    doc = Document(str(form_path))
    paragraphs = [p.text for p in doc.paragraphs]
    assert paragraphs[0] == TITLE
    assert paragraphs[1] == "记录编号：case-2026-0001　　账本序号：4、6、8"
    assert AUTHORITATIVE in paragraphs
    assert "生成时间：2026-03-10 09:30" in paragraphs
    rows = _rows(form_path)
    assert rows["信息名称"] == ["关于某某事项的通知"]
    assert rows["文号"] == ["某府办发〔2026〕12号"]
    assert "内容摘要" not in rows          # 文号 given: no summary row
    assert rows["定密意见"] == ["非密"]
    assert rows["拟公开意见"] == ["部分公开"]
    assert rows["审查结论"] == ["部分公开"]
    assert rows["不予公开（部分公开）的依据和理由"] == [
        "保护第三方合法权益 — 《政府信息公开条例》第十五条", "理由：涉及个人信息的部分不予公开"]
    assert rows["自动检测摘要"] == [
        "发现 3 项：阻止 1 · 需审查 2", "按种类：姓名 2；手机号码 1",
        "阻止：手机号码 “138****5678”，处理：已脱敏"]
    assert rows["区分处理"] == ["无"]


def test_form_signature_blocks(form_path):
    rows = _rows(form_path)
    assert rows["承办人（拟稿人）意见"] == [
        "拟公开意见：部分公开", "意见：删去个人手机号后公开", "签署人：李拟稿",
        "日期：2026年3月5日（账本第 4 条）", f"密钥指纹：{FP['drafter']}", "手写签字：", ""]
    assert rows["分管领导审核意见"] == [
        "审核意见：同意", "意见：同意", "签署人：赵领导", "日期：2026年3月7日（账本第 6 条）",
        f"密钥指纹：{FP['leader']}", "手写签字：", ""]
    assert rows["信息公开审查人审查结论"] == [
        "审查结论：部分公开", "意见：涉及个人信息的部分不予公开", "依据：保护第三方合法权益",
        "签署人：王审查", "日期：2026年3月9日（账本第 8 条）", f"密钥指纹：{FP['officer']}",
        "手写签字：", ""]
    assert rows["审查对象摘要"] == [
        "通知.docx", f"SHA-256：{SHA}", f"SM3：{SM3}",
        "通知-脱敏.docx", f"SHA-256：{SAN_SHA}", f"SM3：{SAN_SM3}"]


def test_form_is_a4_with_chinese_font_names_in_the_xml(form_path):
    doc = Document(str(form_path))
    section = doc.sections[0]
    assert [round(c.width.mm) for c in doc.tables[0].columns] == [42, 123]
    assert (section.page_width.twips, section.page_height.twips) == (11906, 16838)  # A4
    with zipfile.ZipFile(form_path) as z:
        document = z.read("word/document.xml").decode("utf-8")
        styles = z.read("word/styles.xml").decode("utf-8")
    assert 'w:eastAsia="黑体"' in document          # title
    assert 'w:eastAsia="宋体"' in document          # table
    assert 'w:eastAsia="仿宋"' in document          # body lines
    assert 'w:eastAsia="仿宋"' in styles            # Normal style


def test_incomplete_chain_says_so_and_leaves_blocks_unsigned(tmp_path):
    check = synthetic_check(roles=("drafter", "leader"))
    path = write_form(check, tmp_path / "f.docx", generated_at=WHEN)
    texts = docx_text(path)
    assert "本记录尚未完成三级审查，不能作为发布依据。" in texts
    assert _rows(path)["信息公开审查人审查结论"] == ["（尚未签署）"]
    assert _rows(path)["审查结论"] == ["（尚未作出）"]


def test_summary_row_when_no_document_number(tmp_path):
    check = synthetic_check()
    for s in check.steps:
        s.statement["predicate"]["document"] = {"title": "某事项公告", "docNumber": None,
                                                "summary": "关于某事项的公告"}
    rows = _rows(write_form(check, tmp_path / "f.docx", generated_at=WHEN))
    assert "文号" not in rows
    assert rows["内容摘要"] == ["关于某事项的公告"]


def test_unverified_chain_is_refused_and_nothing_written(tmp_path):
    out = tmp_path / "f.docx"
    with pytest.raises(RecordError) as info:
        write_form(synthetic_check(ok=False), out)
    assert info.value.message == "审查记录未通过验证，不能生成审查表：第 6 条记录的签名无效"
    assert not out.exists()
    assert list(tmp_path.iterdir()) == []


def test_withheld_row_follows_the_officers_conclusion(tmp_path):
    data = form_data(synthetic_check(conclusion="公开"))
    assert (data.proposed, data.conclusion) == ("部分公开", "公开")
    assert (data.withheld_basis, data.withheld_reason) == ((), "")
    rows = _rows(write_form(synthetic_check(conclusion="公开"), tmp_path / "f.docx"))
    assert "不予公开（部分公开）的依据和理由" not in rows
    data = form_data(synthetic_check(roles=("drafter",)))
    assert data.withheld_basis == ("保护第三方合法权益",)
    assert data.withheld_reason == "删去个人手机号后公开"
    assert data.ledger_seqs == (4,)


def _soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.skipif(_soffice() is None,
                    reason="LibreOffice (soffice) is not installed: apt-get install -y "
                           "--no-install-recommends libreoffice-writer-nogui")
def test_libreoffice_converts_the_form_to_pdf(form_path, tmp_path):
    out = tmp_path / "pdf"
    profile = tmp_path / "lo-profile"
    result = subprocess.run(
        [_soffice(), f"-env:UserInstallation=file://{profile}", "--headless",
         "--convert-to", "pdf", "--outdir", str(out), str(form_path)],
        check=False, capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, result.stderr
    pdf = out / "审查表.pdf"
    assert pdf.read_bytes()[:5] == b"%PDF-"
    import pypdfium2
    document = pypdfium2.PdfDocument(str(pdf))
    assert len(document) >= 1
    text = "".join(document[i].get_textpage().get_text_range() for i in range(len(document)))
    assert "case-2026-0001" in text and SHA in text.replace("\r", "").replace("\n", "")
