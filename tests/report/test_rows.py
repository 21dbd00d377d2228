"""Display rows of findings: words, place, masked text and a masked context excerpt."""

from __future__ import annotations

import json
from dataclasses import replace

from screening import Basis, Category, Config, Severity
from screening.report import rows as rows_module
from screening.report.rows import CONTEXT, MAX_TEXT, finding_rows, rows_from_dict
from tests.conftest import make_document
from tests.report.build import finding, report

MASK = Config().masking
ID, PHONE, CARD = "110105196703150014", "13812345678", "6222021234567890123"


def personal(doc, block, text, kind, severity=Severity.BLOCK, explanation=""):
    return finding(doc, block, text, category=Category.PERSONAL_DATA, kind=kind,
                   severity=severity, basis=Basis.THIRD_PARTY.value,
                   masked=MASK.mask(kind, text), explanation=explanation)


def mark(doc, block, text, kind="secret_level", category=Category.CLASSIFICATION_MARK,
         severity=Severity.BLOCK, basis=Basis.STATE_SECRET.value):
    return finding(doc, block, text, category=category, kind=kind, severity=severity,
                   basis=basis)


def test_a_personal_finding_row_in_full():
    doc = make_document("2024年低保名单", f"户主张三，身份证号码{ID}，联系电话{PHONE}。")
    f = personal(doc, 1, ID, "resident_id", explanation="校验位正确的身份证号码")
    (row,) = finding_rows(report(doc, [f]))
    assert row == {
        "id": f.id, "detector": "personal_data.resident_id", "confidence": 0.99,
        "severity": "block", "severity_words": "阻止",
        "category": "personal_data", "category_words": "个人信息",
        "kind": "resident_id", "kind_words": "身份证号码",
        "part": "body", "page": 1, "where": "正文第1页第2段",
        "masked": "110105********0014",
        "excerpt": "户主张三，身份证号码110105********0014，联系电话13*******78…",
        "excerpt_parts": ["户主张三，身份证号码", "110105********0014", "，联系电话13*******78…"],
        "basis": "保护第三方合法权益",
        "basis_words": "保护第三方合法权益 — 《政府信息公开条例》第十五条",
        "advice": "身份证号码不得公开。请删除，或按规定遮盖（如 110105********0014）；处理后重新检查",
        "explanation": "校验位正确的身份证号码",
    }
    # the phone is no finding here: the long-number safety net masks it (2 + 2 digits kept),
    # whole although the window edge falls inside it; the name is not found and stays
    json.dumps(row, ensure_ascii=False)


def test_found_values_show_their_own_mask_in_each_others_context():
    doc = make_document(f"户主张三，身份证号码{ID}，联系电话{PHONE}。")
    rows = finding_rows(report(doc, [personal(doc, 0, ID, "resident_id"),
                                     personal(doc, 0, PHONE, "mobile_phone", Severity.REVIEW),
                                     personal(doc, 0, "张三", "person_name", Severity.REVIEW)]))
    assert [r["excerpt_parts"] for r in rows] == [
        ["户主张*，身份证号码", "110105********0014", "，联系电话138****5678…"],
        ["…110105********0014，联系电话", "138****5678", "。"],
        ["户主", "张*", "，身份证号码110105********0014…"],
    ]


def test_the_window_is_cut_with_ellipses():
    before, after = "甲" * 40, "乙" * 40
    doc = make_document(f"{before}机密★1年{after}")
    (row,) = finding_rows(report(doc, [mark(doc, 0, "机密★1年")]))
    assert row["excerpt_parts"] == ["…" + "甲" * CONTEXT, "机密★1年", "乙" * CONTEXT + "…"]
    assert row["excerpt"] == "…" + "甲" * CONTEXT + "机密★1年" + "乙" * CONTEXT + "…"


def test_a_value_across_the_window_edge_is_shown_whole_and_masked():
    # the phone starts 20 characters before the mark: the window edge (15) falls inside it
    text = f"电话{PHONE}甲乙丙丁戊己庚辛壬机密★1年"
    doc = make_document(text)
    start = text.index("机密")
    assert text.index(PHONE) < start - CONTEXT < text.index(PHONE) + len(PHONE)
    (row, _) = finding_rows(report(doc, [mark(doc, 0, "机密★1年"),
                                         personal(doc, 0, PHONE, "mobile_phone")]))
    assert row["excerpt_parts"] == ["…138****5678甲乙丙丁戊己庚辛壬", "机密★1年", ""]


def test_a_mark_keeps_its_text_but_a_value_inside_it_is_masked():
    doc = make_document("x", {"text": f"请核对{ID}的户籍", "part": "comment", "label": "王五"})
    comment = mark(doc, 1, f"请核对{ID}的户籍", kind="comment", category=Category.HIDDEN_CONTENT,
                   basis="")
    rows = finding_rows(report(doc, [personal(doc, 1, ID, "resident_id"), comment]))
    assert rows[1]["masked"] == "请核对110105********0014的户籍"
    assert rows[1]["excerpt_parts"] == ["", "请核对110105********0014的户籍", ""]
    assert rows[1]["where"] == "批注（王*）"
    assert rows[1]["basis_words"] == "无（如不公开，须在审查记录中写明依据）"


def test_a_suppressed_value_is_masked_in_the_context_of_others():
    doc = make_document(f"机密★1年 热线{PHONE}")
    hotline = replace(personal(doc, 0, PHONE, "mobile_phone", Severity.REVIEW),
                      suppressed_by="allow-list")
    (row,) = finding_rows(report(doc, [mark(doc, 0, "机密★1年")], suppressed=[hotline]))
    assert row["excerpt"] == "机密★1年 热线138****5678"


def test_overlapping_values_become_one_masked_span():
    # a bank card number that a second detector also reads as an ID in its first 18 digits
    doc = make_document(f"卡号{CARD}止")
    card = personal(doc, 0, CARD, "bank_card")
    also = personal(doc, 0, CARD[:18], "resident_id")
    rows = finding_rows(report(doc, [card, also]))
    assert rows[0]["excerpt_parts"] == ["卡号", "***************0123", "止"]
    # the shorter one is shown as the span they share, never with digits of the other visible
    assert rows[1]["excerpt_parts"] == ["卡号", "***************0123", "止"]
    assert rows[1]["masked"] == MASK.mask("resident_id", CARD[:18])


def test_raw_values_quoted_anywhere_are_scrubbed():
    doc = make_document(f"身份证{ID}", f"另见{ID}号档案 机密★1年")
    f = personal(doc, 0, ID, "resident_id", explanation=f"号码 {ID} 校验位正确")
    m = mark(doc, 1, "机密★1年")
    rows = finding_rows(report(doc, [f, m]))
    assert rows[0]["explanation"] == "号码 110105********0014 校验位正确"
    # the mark's block repeats the number, not found there: it gets the found value's mask
    assert rows[1]["excerpt"] == "…110105********0014号档案 机密★1年"
    assert ID not in json.dumps(rows, ensure_ascii=False)


def test_long_numbers_nobody_claimed_are_masked_in_shown_text():
    text = "机密★1年 卡号 6222 0212 3456 7890 123，户号 0101-2345-6789-01，文号 2024123"
    doc = make_document(text, {"text": f"附言 {ID[:17]}x 请勿外传", "part": "comment"})
    rows = finding_rows(report(doc, [
        mark(doc, 0, "机密★1年"),
        mark(doc, 1, f"附言 {ID[:17]}x 请勿外传", kind="comment",
             category=Category.HIDDEN_CONTENT, basis="")]))
    assert rows[0]["excerpt_parts"] == ["", "机密★1年", " 卡号 62** **** **** **** *23…"]
    assert rows[1]["masked"] == "附言 11**************1x 请勿外传"
    # full-width digits are digits
    doc = make_document("机密★1年 电话：１３８１２３４５６７８")
    (row,) = finding_rows(report(doc, [mark(doc, 0, "机密★1年")]))
    assert row["excerpt"] == "机密★1年 电话：１３*******７８"
    # short numbers (a document number, a year) stay
    doc = make_document("国办发〔2024〕12号 机密★1年 电话 2345678")
    (row,) = finding_rows(report(doc, [mark(doc, 0, "机密★1年")]))
    assert row["excerpt"] == "国办发〔2024〕12号 机密★1年 电话 2345678"


def test_without_the_document_the_place_is_part_and_page_and_the_excerpt_is_masked():
    doc = make_document("封面", f"身份证{ID}", format="pdf")
    f = personal(doc, 1, ID, "resident_id")
    (row,) = finding_rows(replace(report(doc, [f]), document=None))
    assert row["where"] == "PDF 第1页"
    assert row["excerpt_parts"] == ["", "110105********0014", ""]


def test_line_breaks_become_spaces_and_long_text_is_cut():
    hidden = "第一行\n第二行\t" + "长" * 300
    doc = make_document({"text": hidden, "part": "hidden"})
    f = mark(doc, 0, hidden, kind="hidden_text", category=Category.HIDDEN_CONTENT, basis="")
    (row,) = finding_rows(report(doc, [f]))
    assert row["masked"] == ("第一行 第二行 " + "长" * 300)[:MAX_TEXT - 1] + "…"
    assert len(row["masked"]) == MAX_TEXT
    assert row["excerpt_parts"] == ["", row["masked"], ""]


def test_english_words():
    doc = make_document(f"身份证{ID}")
    (row,) = finding_rows(report(doc, [personal(doc, 0, ID, "resident_id")]), lang="en")
    assert (row["severity_words"], row["category_words"], row["kind_words"], row["where"]) == (
        "block", "personal data", "resident ID number", "body, page 1, paragraph 1")
    assert row["basis_words"] == ("protects a third party's lawful rights (保护第三方合法权益) — "
                                  "Regulations on Open Government Information, Art. 15")
    assert row["advice"].startswith("Resident ID numbers must not be published")


def test_rows_from_a_report_object_use_masked_never_text():
    doc = make_document(f"身份证{ID}", "机密★1年")
    obj = report(doc, [personal(doc, 0, ID, "resident_id"), mark(doc, 1, "机密★1年")]).to_dict()
    obj["findings"].append({"category": "no such category"})  # left out, not a crash
    rows = rows_from_dict(obj)
    assert [(r["kind"], r["masked"], r["excerpt"], r["where"]) for r in rows] == [
        ("resident_id", "110105********0014", "110105********0014", "正文第1页"),
        ("secret_level", "机密★1年", "机密★1年", "正文第1页")]
    assert rows[0]["id"] == obj["findings"][0]["id"]
    assert ID not in json.dumps(rows, ensure_ascii=False)
    fresh = finding_rows(report(doc, [personal(doc, 0, ID, "resident_id")]))
    assert rows[0].keys() == fresh[0].keys()


def test_the_rows_version_is_there_for_the_cache_key():
    assert rows_module.VERSION == "1"
