"""The one table of names: every category, kind, basis and error code of DESIGN.md §4 has words in
both languages, and the advice a drafter gets is the one for its kind."""

from __future__ import annotations

import re

import pytest

from screening import Basis, Category, Severity
from screening.model import Verdict
from screening.report import names
from tests.conftest import make_document
from tests.report.build import finding

CJK = re.compile(r"[\u3400-\u9fff\uff00-\uffef\u3000-\u303f]")

#: DESIGN.md §4, categories and kinds
DESIGN_KINDS = {
    "classification_mark": ["secret_level", "work_secret", "disclosure_attribute"],
    "personal_data": ["resident_id", "mobile_phone", "landline_phone", "bank_card", "email",
                      "passport", "travel_permit", "license_plate", "social_security",
                      "person_name", "address", "special_category"],
    "trade_secret": ["commercial_mark", "technical_info", "business_info", "bid_price"],
    "restricted_info": ["internal_process", "process_draft", "ongoing_case", "law_enforcement",
                        "personnel", "security"],
    "hidden_content": ["comment", "tracked_change", "hidden_text", "white_text", "tiny_text",
                       "covered_text", "invisible_text", "offpage_text", "metadata",
                       "custom_xml", "embedded_object", "annotation", "attachment",
                       "javascript", "prior_revision", "image_only_page"],
}

#: error codes the core and the built-in readers raise
CORE_ERROR_CODES = ["not_found", "is_directory", "empty", "too_large", "legacy_office",
                    "unsupported_zip", "unsupported_format", "plugin_error", "internal", "limit",
                    "incomplete", "unreadable", "corrupt", "damaged", "encrypted", "encoding"]


def test_every_error_code_raised_in_the_sources_has_its_own_advice():
    """A reader that adds a code should add its advice to names.ERROR_ADVICE (or match an alias)."""
    import pathlib

    root = pathlib.Path(names.__file__).resolve().parents[2]
    codes = set()
    for folder in ("screening", "plugins"):
        for py in (root / folder).rglob("*.py"):
            codes |= set(re.findall(r'code="([a-z_]+)"', py.read_text(encoding="utf-8")))
    assert codes, "no error codes found: the scan is broken"
    unexplained = sorted(c for c in codes if c not in names.ERROR_ADVICE
                         and names.error_advice(c) == names.ERROR_ADVICE["unreadable"][0]
                         and c != "unreadable")
    assert not unexplained, f"add advice for {unexplained} to screening/report/names.py"


def _bilingual(words: tuple[str, str]) -> None:
    zh, en = words
    assert CJK.search(zh), f"{zh!r} has no Chinese"
    assert en and not CJK.search(en), f"{en!r} is not plain English"


@pytest.mark.parametrize("category", [c.value for c in Category])
def test_every_category_has_names_and_advice(category):
    _bilingual(names.CATEGORIES[category])
    _bilingual(names.CATEGORY_ADVICE[category])


@pytest.mark.parametrize("kind", [k for ks in DESIGN_KINDS.values() for k in ks])
def test_every_design_kind_has_names(kind):
    _bilingual(names.KINDS[kind])


def test_design_kinds_cover_the_table_of_categories():
    assert set(DESIGN_KINDS) == {c.value for c in Category}


@pytest.mark.parametrize("basis", list(Basis))
def test_every_basis_names_its_article(basis):
    zh = names.basis_words(basis.value, "zh")
    en = names.basis_words(basis.value, "en")
    assert zh.startswith(basis.value + " — 《政府信息公开条例》第")
    assert "Regulations on Open Government Information, Art. " in en
    assert f"({basis.value})" in en  # the annual-report term stays, for the record
    assert not CJK.search(en.replace(f"({basis.value})", ""))


@pytest.mark.parametrize("basis, article", [
    (Basis.STATE_SECRET, "第十四条"), (Basis.LAW_PROHIBITS, "第十四条"),
    (Basis.SECURITY_STABILITY, "第十四条"), (Basis.THIRD_PARTY, "第十五条"),
    (Basis.INTERNAL_AFFAIRS, "第十六条第一款"), (Basis.PROCESS_INFO, "第十六条第二款"),
    (Basis.ENFORCEMENT_FILE, "第十六条第二款"),
])
def test_basis_articles(basis, article):
    assert names.basis_words(basis.value).endswith(article)


def test_no_basis_says_the_record_must_state_one():
    assert "审查记录中写明依据" in names.basis_words("")
    assert "record must state" in names.basis_words("", "en")


@pytest.mark.parametrize("table", [names.SEVERITIES, names.VERDICTS])
def test_severities_and_verdicts_are_named(table):
    keys = {s.value for s in Severity} if table is names.SEVERITIES else {v.value for v in Verdict}
    assert set(table) == keys
    for words in table.values():
        _bilingual(words)


def test_verdict_words_for_the_drafter():
    assert [names.verdict_word(v) for v in ("pass", "review", "block", "error")] == \
        ["通过", "需人工审查", "不得发布（阻止）", "无法审查"]


@pytest.mark.parametrize("code", CORE_ERROR_CODES)
def test_every_core_error_code_has_advice(code):
    zh, en = names.error_advice(code), names.error_advice(code, "en")
    assert CJK.search(zh) and not CJK.search(en)


@pytest.mark.parametrize("code, expected", [
    ("encrypted", "请提供未加密"), ("pdf_encrypted", "请提供未加密"), ("password", "请提供未加密"),
    ("legacy_office", "另存为 .docx"), ("zip_bomb", "恶意结构"), ("too_large", "恶意结构"),
    ("pdf_timeout", "恶意结构"), ("limit", "恶意结构"), ("something_new", "文件可能已损坏"),
])
def test_error_advice_by_code(code, expected):
    assert expected in names.error_advice(code)


def test_unknown_kind_and_category_fall_back_to_identifier():
    assert names.kind_name("new_kind_from_a_plugin") == "new_kind_from_a_plugin"
    assert names.category_name("classification_mark", "en") == "classification marking"


DOC = make_document("机密★1年", "此件不予公开", "依申请公开", "某某公开")


@pytest.mark.parametrize("block, text, expected_zh, expected_en", [
    (1, "此件不予公开", "此件标注为不予公开，不能按主动公开发布，请重新审定公开属性",
     "marked as not to be disclosed"),
    (2, "依申请公开", "此件标注为依申请公开，不能按主动公开发布", "on request only"),
    (3, "公开", "请核对公开属性标注与发布方式是否一致", "matches how the document"),
])
def test_disclosure_attribute_advice_depends_on_the_mark(block, text, expected_zh, expected_en):
    f = finding(DOC, block, text, category=Category.CLASSIFICATION_MARK,
                kind="disclosure_attribute", severity=Severity.BLOCK)
    assert names.advice(f).startswith(expected_zh)
    assert expected_en in names.advice(f, "en")


def test_secret_level_advice_asks_for_a_declassification_basis():
    f = finding(DOC, 0, "机密★1年", category=Category.CLASSIFICATION_MARK, kind="secret_level",
                severity=Severity.BLOCK)
    assert names.advice(f) == ("涉密文件不得公开。确已解密的，须取得解密依据（解密决定文号、"
                               "保密期限届满或正式公布即解密）并记录后，去除全部密级标志再公开")


def test_kind_without_advice_gets_its_category_default():
    f = finding(DOC, 3, "某某", category=Category.PERSONAL_DATA, kind="email",
                severity=Severity.REVIEW)
    assert names.advice(f) == names.CATEGORY_ADVICE["personal_data"][0]
