"""The terminal report: what a drafter reads, in Chinese and English."""

from __future__ import annotations

import re

import pytest

from screening import Basis, Block, Category, Document, Severity
from screening.model import ErrorInfo
from screening.report import text
from tests.conftest import make_document
from tests.report.build import finding, report

CJK = re.compile(r"[\u3400-\u9fff\u3000-\u303f\uff00-\uffef]")
ANSI = "\x1b["

NOTICE = make_document("000012", "机密★1年", "特急", "关于开展冬季安全生产大检查的通知")
MARK = finding(NOTICE, 1, "机密★1年", category=Category.CLASSIFICATION_MARK, kind="secret_level",
               severity=Severity.BLOCK, basis=Basis.STATE_SECRET.value,
               explanation="GB/T 9704 版头第1页第2行的密级标志")


def test_block_report_in_chinese_exactly():
    out = text.render(report(NOTICE, [MARK], path="草稿.docx"))
    assert out == "\n".join([
        "草稿.docx：不得发布（阻止） — 阻止 1 项，需审查 0 项，提示 0 项",
        "  1. 【阻止】密级等标志 · 密级标志",
        "     原文：机密★1年",
        "     位置：正文第1页第2段",
        "     依据：属于国家秘密 — 《政府信息公开条例》第十四条",
        "     说明：GB/T 9704 版头第1页第2行的密级标志",
        "     处理：涉密文件不得公开。确已解密的，须取得解密依据（解密决定文号、保密期限届满或正式公布即解密）并记录后，去除全部密级标志再公开",
    ])


def test_block_report_in_english_exactly():
    out = text.render(report(NOTICE, [MARK], path="draft.docx"), lang="en")
    assert out == "\n".join([
        "draft.docx: must not be published (blocked) — 1 block, 0 review, 0 info",
        "  1. [block] classification marking · secrecy level mark",
        "     text: 机密★1年",
        "     where: body, page 1, paragraph 2",
        "     basis: state secret (属于国家秘密) — Regulations on Open Government Information, Art. 14",
        "     why: GB/T 9704 版头第1页第2行的密级标志",
        "     what to do: A classified document must not be published. If it has been declassified,"
        " record the basis (decision number, expired period, or declassified on publication) and"
        " remove every mark before publishing",
    ])


def test_english_has_no_chinese_but_the_documents_own_words():
    doc = make_document("张三 身份证 110105196703150014", {"text": "批注内容", "part": "comment",
                                                       "label": "李四"})
    fs = [finding(doc, 0, "110105196703150014", category=Category.PERSONAL_DATA,
                  kind="resident_id", severity=Severity.BLOCK, basis=Basis.THIRD_PARTY.value,
                  explanation="校验位正确的身份证号码"),
          finding(doc, 1, "批注内容", category=Category.HIDDEN_CONTENT, kind="comment",
                  severity=Severity.BLOCK, explanation="批注会随文件公开")]
    out = text.render(report(doc, fs, path="list.docx"), lang="en")
    for own in ("110105196703150014", "批注内容", "校验位正确的身份证号码", "批注会随文件公开",
                "(保护第三方合法权益)", "李*"):
        assert own in out
        out = out.replace(own, "")
    assert not CJK.search(out), out


def test_pass_without_findings():
    assert text.render(report(NOTICE, [])) == "草稿.docx：通过 — 未发现问题"
    assert text.render(report(NOTICE, []), lang="en") == "草稿.docx: pass — nothing found"


def test_info_findings_do_not_change_a_pass():
    doc = make_document("联系电话：12345")
    f = finding(doc, 0, "12345", category=Category.PERSONAL_DATA, kind="landline_phone",
                severity=Severity.INFO)
    out = text.render(report(doc, [f]))
    assert out.splitlines()[0] == "草稿.docx：通过 — 阻止 0 项，需审查 0 项，提示 1 项"
    assert "  1. 【提示】个人信息 · 固定电话号码" in out


def test_review_headline_and_numbering():
    doc = make_document("请示：关于某事项的讨论稿", "联系人手机 13800138000")
    fs = [finding(doc, 0, "讨论稿", category=Category.RESTRICTED_INFO, kind="process_draft",
                  severity=Severity.REVIEW, basis=Basis.PROCESS_INFO.value),
          finding(doc, 1, "13800138000", category=Category.PERSONAL_DATA, kind="mobile_phone",
                  severity=Severity.REVIEW, basis=Basis.THIRD_PARTY.value)]
    out = text.render(report(doc, fs))
    lines = out.splitlines()
    assert lines[0] == "草稿.docx：需人工审查 — 阻止 0 项，需审查 2 项，提示 0 项"
    assert "  1. 【需审查】内部信息 · 过程性信息" in lines
    assert "  2. 【需审查】个人信息 · 手机号码" in lines
    assert "     依据：保护第三方合法权益 — 《政府信息公开条例》第十五条" in lines
    assert "     依据：属于四类过程性信息 — 《政府信息公开条例》第十六条第二款" in lines


def test_personal_data_shows_the_text_not_the_masked_value():
    doc = make_document("王建国 110105196703150014")
    f = finding(doc, 0, "110105196703150014", category=Category.PERSONAL_DATA, kind="resident_id",
                severity=Severity.BLOCK, basis=Basis.THIRD_PARTY.value,
                masked="110105********0014")
    out = text.render(report(doc, [f]))
    assert "     原文：110105196703150014" in out.splitlines()
    assert "110105********0014" in out  # only as the example in the advice


def _where(block: dict, fmt: str = "docx", lang: str = "zh") -> str:
    b = Block(index=0, **block)
    doc = Document(path="x", format=fmt, blocks=(b,))
    f = finding(doc, 0, b.text, category=Category.CLASSIFICATION_MARK, kind="secret_level",
                severity=Severity.BLOCK, basis=Basis.STATE_SECRET.value)
    line = next(ln for ln in text.render(report(doc, [f]), lang=lang).splitlines()
                if ln.strip().startswith(("位置：", "where: ")))
    return line.split("：", 1)[1] if lang == "zh" else line.split(": ", 1)[1]


@pytest.mark.parametrize("block, fmt, zh, en", [
    ({"text": "机密", "part": "body", "page": 1, "line": 1}, "docx", "正文第1页第2段",
     "body, page 1, paragraph 2"),
    ({"text": "机密", "part": "body", "page": 3, "line": 4}, "pdf", "PDF 第3页第5行",
     "PDF page 3, line 5"),
    ({"text": "机密", "part": "body", "line": 1}, "text", "第2行", "line 2"),
    ({"text": "机密", "part": "header", "label": "first-page header",
      "source": "word/header2.xml"}, "docx", "页眉（首页）", "header (first page)"),
    ({"text": "机密", "part": "footer", "label": "even-page footer"}, "docx", "页脚（偶数页）",
     "footer (even pages)"),
    ({"text": "机密", "part": "header"}, "docx", "页眉", "header"),
    ({"text": "机密", "part": "textbox"}, "docx", "文本框", "text box"),
    ({"text": "机密", "part": "table", "table": (0, 2, 1)}, "docx", "表格第1个表第3行第2列",
     "table 1, row 3, column 2"),
    ({"text": "机密", "part": "comment", "label": "张三"}, "docx", "批注（张*）",
     "comment (张*)"),
    ({"text": "机密", "part": "revision", "flags": frozenset({"deleted"})}, "docx",
     "修订（删除的文字）", "tracked change (deleted text)"),
    ({"text": "机密", "part": "revision", "flags": frozenset({"inserted"})}, "docx",
     "修订（插入的文字）", "tracked change (inserted text)"),
    ({"text": "机密", "part": "metadata", "label": "core:title", "source": "docProps/core.xml"},
     "docx", "文档属性 core:title", "document properties core:title"),
    ({"text": "机密", "part": "hidden", "flags": frozenset({"hidden"})}, "docx",
     "隐藏文字（隐藏）", "hidden text (hidden)"),
    ({"text": "机密", "part": "body", "page": 1, "line": 0, "flags": frozenset({"white"})},
     "docx", "正文第1页第1段（白色文字）", "body, page 1, paragraph 1 (white)"),
    ({"text": "机密", "part": "page", "page": 3, "flags": frozenset({"image_only"})}, "pdf",
     "PDF 第3页（仅有图片）", "PDF page 3 (image only)"),
    ({"text": "机密", "part": "annotation", "page": 2}, "pdf", "PDF 第2页注释",
     "annotation on PDF page 2"),
    ({"text": "机密", "part": "header", "label": "首页页眉 first-page header"}, "docx",
     "页眉（首页）", "header (first page)"),
    ({"text": "机密", "part": "textbox", "label": "隐藏的文本框 hidden text box"}, "docx",
     "隐藏的文本框", "hidden text box"),
    ({"text": "机密", "part": "textbox", "label": "艺术字 WordArt"}, "docx", "文本框（艺术字）",
     "text box (WordArt)"),
    ({"text": "机密", "part": "comment", "label": "未署名 anonymous"}, "docx", "批注（未署名）",
     "comment (anonymous)"),
    ({"text": "机密", "part": "footnote"}, "docx", "脚注", "footnote"),
    ({"text": "机密", "part": "filename"}, "docx", "文件名", "file name"),
])
def test_where_in_words(block, fmt, zh, en):
    assert _where(block, fmt) == zh
    assert _where(block, fmt, "en") == en


def test_where_without_the_document_uses_the_location():
    """A report read back from JSON has no document: part and page are still said."""
    f = MARK
    r = report(None, [f])
    assert "     位置：正文第1页" in text.render(r).splitlines()
    header = Block(text="秘密★5年", part="header", index=0, label="first-page header")
    doc = Document(path="x", format="docx", blocks=(header,))
    fh = finding(doc, 0, "秘密★5年", category=Category.CLASSIFICATION_MARK, kind="secret_level",
                 severity=Severity.BLOCK, basis=Basis.STATE_SECRET.value)
    assert "     位置：页眉" in text.render(report(None, [fh])).splitlines()


@pytest.mark.parametrize("error, zh_lines, en_lines", [
    (ErrorInfo("legacy_office", "这是旧版 Word/WPS 文件（.doc/.wps，OLE 格式），暂不支持",
               "this is a legacy Word/WPS file"),
     ["  原因：这是旧版 Word/WPS 文件（.doc/.wps，OLE 格式），暂不支持",
      "  处理：请在 Word 或 WPS 中打开，另存为 .docx 后再检查"],
     ["  reason: this is a legacy Word/WPS file",
      "  what to do: Open it in Word or WPS, save it as .docx and screen it again"]),
    (ErrorInfo("encrypted", "文件已加密", "the file is encrypted"),
     ["  原因：文件已加密", "  处理：请提供未加密（无打开密码）的文件"],
     ["  reason: the file is encrypted",
      "  what to do: Provide the file without encryption or password"]),
    (ErrorInfo("zip_ratio", "压缩比异常（1000:1）", "suspicious compression ratio"),
     ["  原因：压缩比异常（1000:1）",
      "  处理：文件可能已损坏或含恶意结构，已拒绝读取。请从原始来源重新获取；如确为正常的大文件，请管理员调整"
      " screening.toml 的 [limits]"],
     ["  reason: suspicious compression ratio"]),
])
def test_error_report_says_why_and_what_to_do(error, zh_lines, en_lines):
    r = report(None, [], path="旧.doc", error=error)
    zh = text.render(r).splitlines()
    assert zh[0] == "旧.doc：无法审查"
    assert zh[1:] == zh_lines
    en = text.render(r, lang="en").splitlines()
    assert en[0] == "旧.doc: could not be screened"
    assert en[1:len(en_lines) + 1] == en_lines
    assert not CJK.search("\n".join(en).replace("旧.doc", ""))


def test_incomplete_document_shows_error_and_findings():
    err = ErrorInfo("incomplete", "以下部分未能读取，审查不完整：word/header1.xml",
                    "some parts could not be read; screening incomplete: word/header1.xml")
    r = report(NOTICE, [MARK], error=err)
    lines = text.render(r).splitlines()
    assert lines[0] == "草稿.docx：无法审查 — 阻止 1 项，需审查 0 项，提示 0 项"
    assert lines[1] == "  原因：以下部分未能读取，审查不完整：word/header1.xml"
    assert lines[2].startswith("  处理：未能读取的部分须人工检查")
    assert "  1. 【阻止】密级等标志 · 密级标志" in lines


def test_suppressed_findings_are_counted_and_shown_on_request():
    from dataclasses import replace

    doc = make_document("监督电话：0591-12345678")
    f = finding(doc, 0, "0591-12345678", category=Category.PERSONAL_DATA, kind="landline_phone",
                severity=Severity.REVIEW)
    r = report(doc, [], suppressed=[replace(f, suppressed_by="allow-list")])
    hidden = text.render(r).splitlines()
    assert hidden == ["草稿.docx：通过 — 未发现问题",
                      "  另有 1 项已被允许清单等过滤，不计入结论（加 --show-suppressed 查看）"]
    shown = text.render(r, show_suppressed=True).splitlines()
    assert shown[1] == "  已过滤 1 项（不计入结论）："
    assert shown[2] == "    1. 【需审查】个人信息 · 固定电话号码"
    assert "       过滤原因：allow-list" in shown
    en = text.render(r, lang="en", show_suppressed=True)
    assert "Suppressed (1, not counted):" in en and "suppressed by: allow-list" in en


def test_no_colour_unless_asked():
    r = report(NOTICE, [MARK])
    assert ANSI not in text.render(r)
    assert ANSI not in text.render_summary([r])
    coloured = text.render(r, color=True)
    assert ANSI in coloured
    assert re.sub(r"\x1b\[[0-9;]*m", "", coloured) == text.render(r)


def test_summary_counts_files_by_verdict_and_findings_by_kind():
    doc = make_document("机密★1年", "王建国 110105196703150014 13800138000")
    ids = finding(doc, 1, "110105196703150014", category=Category.PERSONAL_DATA,
                  kind="resident_id", severity=Severity.BLOCK, basis=Basis.THIRD_PARTY.value)
    phone = finding(doc, 1, "13800138000", category=Category.PERSONAL_DATA, kind="mobile_phone",
                    severity=Severity.REVIEW, basis=Basis.THIRD_PARTY.value)
    mark = finding(doc, 0, "机密★1年", category=Category.CLASSIFICATION_MARK,
                   kind="secret_level", severity=Severity.BLOCK, basis=Basis.STATE_SECRET.value)
    reports = [report(doc, [mark, ids], path="a.docx"), report(doc, [ids, phone], path="b.docx"),
               report(doc, [], path="c.docx"),
               report(None, [], path="d.doc", error=ErrorInfo("legacy_office", "旧版"))]
    assert text.render_summary(reports).splitlines() == [
        "共检查 4 个文件：通过 1 · 需人工审查 0 · 不得发布（阻止） 2 · 无法审查 1",
        "发现（按类别和种类）：",
        "  个人信息 · 身份证号码  2",
        "  密级等标志 · 密级标志  1",
        "  个人信息 · 手机号码    1",
        "未能审查：d.doc",
    ]
    en = text.render_summary(reports, lang="en").splitlines()
    assert en[0] == ("4 files screened: pass 1 · needs review 0 · "
                     "must not be published (blocked) 2 · could not be screened 1")
    assert re.fullmatch(r"  personal data · resident ID number +2", en[2])
    assert len({len(line) for line in en[2:5]}) == 1  # counts aligned
    assert en[-1] == "Not screened: d.doc"
