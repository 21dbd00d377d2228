"""Regenerate the sample drafts in this folder (synthetic people only).

    python samples/make_samples.py

Needs the dev extra (python-docx is a runtime dependency; reportlab is in ``.[dev]``). The files are
committed so that a new user can try ``screen samples/notice-mark-line2.docx`` at once.

| file | what it shows | ``screen`` exits |
|---|---|---|
| notice-clean.docx | an ordinary notice | 0 |
| notice-mark-line2.docx | 份号 on line 1, ``机密★1年`` on line 2 (GB/T 9704-2012 layout) | 1 |
| notice-mark-header.docx | ``秘密★5年`` only in the first-page header | 1 |
| notice-declassified.docx | a declassified notice that still carries its mark (strip it with a basis) | 1 |
| list-of-people.docx | a 公示 list with ID numbers and phones (synthetic) | see README |
| notice-mark.pdf | a PDF with ``机密★1年`` on line 2 of page 1 | 1 |
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

HERE = Path(__file__).resolve().parent
FIXED_DATE = date(2026, 11, 2)

TITLE = "关于开展2026年度冬季安全生产大检查的通知"
BODY = [
    "各乡镇人民政府，县直各有关单位：",
    "为切实做好冬季安全生产工作，有效防范和遏制各类生产安全事故，经县政府同意，决定在全县范围内开展"
    "2026年度冬季安全生产大检查。现将有关事项通知如下：",
    "一、检查时间。2026年12月1日至2027年1月31日。",
    "二、检查范围。全县各类生产经营单位，重点是危险化学品、燃气、建筑施工、道路交通和人员密集场所。",
    "三、工作要求。各单位要高度重视，落实属地管理责任和企业主体责任，对检查中发现的隐患要建立台账、"
    "限期整改。检查情况请于2027年2月5日前报县应急管理局。",
    "联系电话：12345。",
]
SIGNATURE = ["某县人民政府办公室", "2026年11月2日"]


def _fixed_properties(doc) -> None:
    """Deterministic document properties (no machine user name, fixed dates)."""
    from datetime import datetime

    props = doc.core_properties
    props.author = "某县人民政府办公室"
    props.last_modified_by = "某县人民政府办公室"
    props.title = ""
    props.comments = ""
    props.created = datetime(2026, 11, 2, 9, 0, 0)
    props.modified = datetime(2026, 11, 2, 9, 0, 0)
    props.revision = 1


def _notice(doc, *, top_lines: list[str] = (), note: str | None = None) -> None:
    for line in top_lines:
        p = doc.add_paragraph()
        run = p.add_run(line)
        run.font.size = Pt(16)
    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.add_run(TITLE).bold = True
    for text in BODY:
        doc.add_paragraph(text)
    for text in SIGNATURE:
        p = doc.add_paragraph(text)
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if note:
        doc.add_paragraph(note)


def notice_clean(path: Path) -> None:
    doc = Document()
    _notice(doc, note="（此件公开发布）")
    _fixed_properties(doc)
    doc.save(path)


def notice_mark_line2(path: Path) -> None:
    doc = Document()
    _notice(doc, top_lines=["000012", "机密★1年", "特急"])
    _fixed_properties(doc)
    doc.save(path)


def notice_mark_header(path: Path) -> None:
    doc = Document()
    section = doc.sections[0]
    section.different_first_page_header_footer = True
    section.first_page_header.paragraphs[0].text = "秘密★5年"
    _notice(doc)
    _fixed_properties(doc)
    doc.save(path)


def notice_declassified(path: Path) -> None:
    doc = Document()
    _notice(doc, top_lines=["秘密★1年"],
            note="（本件已于2026年10月20日经某县保密委员会决定解密，去除密级标志后可公开。）")
    _fixed_properties(doc)
    doc.save(path)


PEOPLE = [
    # synthetic names and numbers: the ID numbers carry valid check digits but belong to nobody
    ("王建国", "男", "110105196703150014", "13800138000", "城关镇东街社区"),
    ("李秀英", "女", "350423198812050023", "13912345678", "城关镇西门村"),
    ("张志强", "男", "440106197501010037", "13588886666", "南岭乡南岭村"),
    ("陈丽华", "女", "320102199203140040", "18605916789", "北山镇北山村"),
]


def list_of_people(path: Path) -> None:
    doc = Document()
    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.add_run("2026年度城乡居民最低生活保障对象名单公示").bold = True
    doc.add_paragraph("根据《社会救助暂行办法》有关规定，经个人申请、乡镇审核、县民政局审批，下列人员"
                      "纳入2026年度城乡居民最低生活保障范围，现予公示。公示期为2026年11月3日至11月9日。")
    table = doc.add_table(rows=1, cols=5)
    for cell, text in zip(table.rows[0].cells, ["姓名", "性别", "身份证号码", "联系电话", "住址"]):
        cell.text = text
    for person in PEOPLE:
        row = table.add_row()
        for cell, text in zip(row.cells, person):
            cell.text = text
    doc.add_paragraph("公示期间如有异议，请向县民政局反映。监督电话：12345。")
    _fixed_properties(doc)
    doc.save(path)


def notice_mark_pdf(path: Path) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    c.setAuthor("某县人民政府办公室")
    width, height = A4
    y = height - 72
    for line in ["000012", "机密★1年", "", TITLE, *BODY, *SIGNATURE]:
        c.setFont("STSong-Light", 14)
        c.drawString(72, y, line[:36])
        rest = line[36:]
        y -= 22
        while rest:
            c.drawString(72, y, rest[:36])
            rest = rest[36:]
            y -= 22
    c.showPage()
    c.save()


SAMPLES = {
    "notice-clean.docx": notice_clean,
    "notice-mark-line2.docx": notice_mark_line2,
    "notice-mark-header.docx": notice_mark_header,
    "notice-declassified.docx": notice_declassified,
    "list-of-people.docx": list_of_people,
    "notice-mark.pdf": notice_mark_pdf,
}


def main(out: Path = HERE) -> None:
    for name, make in SAMPLES.items():
        make(out / name)
        print(out / name)


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE)
