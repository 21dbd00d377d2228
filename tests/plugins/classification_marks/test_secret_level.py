"""classification_marks.secret_level: every variant of domain.md §1.3, each position, fields,
English marks."""

from __future__ import annotations

import pytest

from screening import Basis, Category, Severity
from screening_plugins.classification_marks.secret_level import SecretLevelMarkDetector
from tests.conftest import make_document

from .helpers import FILLER, run, summary

DETECTOR = SecretLevelMarkDetector()

# domain.md §1.3, in its order. Each stands as line 2 of page 1 (GB/T 9704: under the 份号).
VARIANTS = [
    # standard
    "秘密★1年", "秘密★5年", "机密★10年", "机密★20年", "绝密★长期", "绝密★30年", "秘密★6个月",
    "机密★5年",
    # bare level + star (default maximum period)
    "机密★", "秘密★",
    # decryption time or condition
    "机密★2025年12月31日前", "秘密★2026年12月31日止", "秘密★会议开始前", "机密★会议开始前",
    "秘密★公布前", "绝密★启用前", "机密★启用前", "秘密★启用前", "绝密★考试结束前", "秘密★开标前",
    # spacing, pre-2012 style
    "秘　密", "绝　密", "机　密★10年", "秘密 ★ 1年", "秘密★1 年", "秘　密★一年", "机密★二十年",
    # star substitutes
    "秘密*1年", "机密＊10年", "秘密☆5年", "秘密⭐1年", "秘密⭐\ufe0f1年", "机密·10年", "秘密✩1年",
    "机密✭", "秘密✮2年", "秘密✯3年", "机密※10年", "秘密•1年", "机密\uf0ab10年",
    "机密(10年)", "机密（10年）",
    # star misplaced or lost in extraction
    "★秘密", "秘密1年", "机密*",
    # full-width digits
    "秘密★５年", "机密★１０年",
    # 指人专办
    "机密★1年　指人专办",
    # paragraph-level marks standing alone
    "（秘密）", "【机密】", "(机密★5年)",
]


@pytest.mark.parametrize("mark", VARIANTS)
def test_variant_on_line_two_of_page_one_blocks(mark, config):
    doc = make_document("000001", mark, "特急", "关于进一步做好防汛抗旱工作的通知")
    findings = run(DETECTOR, doc, config)
    assert summary(findings) == [("secret_level", "body", mark, "block")]
    f = findings[0]
    assert f.detector == "classification_marks.secret_level"
    assert f.category is Category.CLASSIFICATION_MARK
    assert f.basis == Basis.STATE_SECRET.value == "属于国家秘密"
    assert f.confidence >= 0.9
    assert f.location.block == 1 and f.location.page == 1
    assert (f.location.start, f.location.end) == (0, len(mark))


def test_explanation_names_the_position(config):
    [f] = run(DETECTOR, make_document("000001", "秘密★1年"), config)
    assert f.explanation.startswith("位于第1页第2行的独立行，符合 GB/T 9704 密级标志位置")
    assert f.confidence == 0.99


def test_serial_mark_and_urgency_on_one_line(config):
    [f] = run(DETECTOR, make_document("000001　　秘密★1年　　特急"), config)
    assert (f.text, f.severity, f.location.start, f.location.end) == (
        "秘密★1年", Severity.BLOCK, 8, 13)


def test_text_file_has_no_pages(config):
    doc = make_document({"text": "标题", "page": None, "line": 0},
                        {"text": "机密★10年", "page": None, "line": 1}, format="text")
    [f] = run(DETECTOR, doc, config)
    assert (f.text, f.severity, f.location.page) == ("机密★10年", Severity.BLOCK, None)
    assert "第2行" in f.explanation


# -- positions ------------------------------------------------------------------------------------

@pytest.mark.parametrize("part", ["header", "footer", "textbox", "annotation"])
def test_mark_in_header_textbox_and_stamp_blocks(part, config):
    doc = make_document({"text": "XX市人民政府办公室　　机密★１年", "part": part, "page": 1})
    [f] = run(DETECTOR, doc, config)
    assert (f.location.part, f.text, f.severity) == (part, "机密★１年", Severity.BLOCK)
    assert (f.location.start, f.location.end) == (12, 17)


def test_header_explanation(config):
    [f] = run(DETECTOR, make_document({"text": "机密★1年", "part": "header"}), config)
    assert f.explanation.startswith("页眉中的密级标志“机密★1年”")


def test_watermark_shape_in_header(config):
    doc = make_document({"text": "绝密", "part": "header", "flags": frozenset({"watermark"})})
    [f] = run(DETECTOR, doc, config)
    assert (f.text, f.severity) == ("绝密", Severity.BLOCK)
    assert "水印" in f.explanation


@pytest.mark.parametrize("part", ["header", "textbox"])
def test_bare_level_in_header_or_textbox(part, config):
    [f] = run(DETECTOR, make_document({"text": "机　密", "part": part}), config)
    assert (f.location.part, f.text, f.severity) == (part, "机　密", Severity.BLOCK)


def test_bare_level_below_the_top_is_nothing(config):
    assert run(DETECTOR, make_document(*FILLER, "秘密"), config) == []
    assert run(DETECTOR, make_document({"text": "秘密", "page": 2, "line": 0}), config) == []


def test_standalone_full_mark_on_an_attachment_page(config):
    doc = make_document(*FILLER, "附件1", {"text": "秘密★5年", "page": 3, "line": 0})
    [f] = run(DETECTOR, doc, config)
    assert (f.text, f.severity, f.location.page) == ("秘密★5年", Severity.BLOCK, 3)
    assert "独立行" in f.explanation


def test_full_mark_in_running_text_is_review(config):
    doc = make_document(*FILLER, "本次会议材料属机密★10年，请妥善保管，不得带离会场。")
    [f] = run(DETECTOR, doc, config)
    assert summary([f]) == [("secret_level", "body", "机密★10年", "review")]
    assert (f.location.block, f.location.start, f.location.end) == (10, 7, 13)
    assert "未处于标志位置，需人工确认" in f.explanation


def test_mark_on_top_line_with_other_text_is_review(config):
    [f] = run(DETECTOR, make_document("机密★1年关于调整部分干部职务的通知"), config)
    assert (f.text, f.severity) == ("机密★1年", Severity.REVIEW)


def test_weak_star_without_period_in_running_text_is_nothing(config):
    assert run(DETECTOR, make_document(*FILLER, "涉及秘密*的事项另行通知。"), config) == []


def test_paragraph_level_mark_at_paragraph_start(config):
    doc = make_document(*FILLER, "（秘密）本段所列储备粮库点及数量不得对外提供。",
                        "【机密】二、行动部署如下。", "(机密★5年)三、警力部署。")
    assert summary(run(DETECTOR, doc, config)) == [
        ("secret_level", "body", "（秘密）", "block"),
        ("secret_level", "body", "【机密】", "block"),
        ("secret_level", "body", "(机密★5年)", "block")]


def test_paragraph_mark_in_the_middle_is_nothing(config):
    assert run(DETECTOR, make_document(*FILLER, "标有（机密）字样的文件应当妥善保管。"),
               config) == []


# -- examples, quotations, quizzes ----------------------------------------------------------------

def test_quiz_answer_is_info(config):
    doc = make_document("一份文件为机密级，保密期限10年，应标注为：机密★10年")
    [f] = run(DETECTOR, doc, config)
    assert (f.text, f.severity) == ("机密★10年", Severity.INFO)
    assert "应标注" in f.explanation


def test_quiz_options_are_info_at_most(config):
    doc = make_document("A.秘密10年 B.秘密* C.秘密*10年")
    assert summary(run(DETECTOR, doc, config)) == [("secret_level", "body", "秘密*10年", "info")]


def test_option_paragraphs_and_lead_in(config):
    doc = make_document("下列密级标注正确的是（ ）", "A.秘密10年", "B.秘密*", "C.秘密★10年",
                        "规范的标注格式为：", "机密★10年")
    assert summary(run(DETECTOR, doc, config)) == [
        ("secret_level", "body", "秘密★10年", "info"),
        ("secret_level", "body", "机密★10年", "info")]


@pytest.mark.parametrize("text", [
    "文件首页应当标注“机密★10年”字样。",
    "例如机密★10年表示保密期限为十年。",
    "本办法所称密级标志，是指绝密★30年等标志。",
    "第六条　涉密文件标注为机密★10年的，按规定管理。",
])
def test_cancelling_context_gives_info(text, config):
    findings = run(DETECTOR, make_document(*FILLER, text), config)
    assert findings and all(f.severity is Severity.INFO for f in findings)


def test_quoted_standalone_line_is_info(config):
    [f] = run(DETECTOR, make_document(*FILLER, "“机密★10年”"), config)
    assert f.severity is Severity.INFO


# -- fields and properties ------------------------------------------------------------------------

@pytest.mark.parametrize("text,mark", [
    ("密级：机密", "机密"), ("密级: 秘密★5年", "秘密★5年"), ("文件密级：绝密★长期", "绝密★长期"),
    ("密级和保密期限：机密★10年　紧急程度：特急", "机密★10年"),
])
def test_field_value_is_block(text, mark, config):
    doc = make_document(*FILLER, text)
    assert summary(run(DETECTOR, doc, config)) == [("secret_level", "body", mark, "block")]


@pytest.mark.parametrize("text", ["密级：公开", "密级：无", "密级：非密", "非密", "不涉密",
                                  "密级：内部", "密级：分为绝密、机密、秘密三级"])
def test_non_secret_field_values_are_nothing(text, config):
    assert run(DETECTOR, make_document(text), config) == []


def test_custom_property_named_miji(config):
    doc = make_document({"text": "机密", "part": "metadata", "label": "custom:密级",
                         "source": "docProps/custom.xml"},
                        {"text": "公开", "part": "metadata", "label": "custom:公开密级"},
                        {"text": "公开", "part": "metadata", "label": "custom:密级"},
                        # the docx reader shows a custom property as "name：value"
                        {"text": "密级：秘密★5年", "part": "metadata", "label": "custom:密级"},
                        {"text": "密级：非密", "part": "metadata", "label": "custom:密级"})
    findings = run(DETECTOR, doc, config)
    assert [(f.location.block, f.text, f.severity.value) for f in findings] == [
        (0, "机密", "block"), (3, "秘密★5年", "block")]
    assert "custom:密级" in findings[0].explanation and "密级字段值" in findings[0].explanation
    assert (findings[1].location.start, findings[1].location.end) == (3, 8)


def test_property_holding_the_mark(config):
    doc = make_document({"text": "秘密★1年", "part": "metadata", "label": "core:title"},
                        {"text": "机密;公文;通知", "part": "metadata", "label": "core:keywords"},
                        {"text": "密级=机密", "part": "metadata", "label": "custom"},
                        {"text": "机密计算;隐私保护", "part": "metadata", "label": "core:keywords"})
    assert summary(run(DETECTOR, doc, config)) == [
        ("secret_level", "metadata", "秘密★1年", "block"),
        ("secret_level", "metadata", "机密", "block"),
        ("secret_level", "metadata", "机密", "block")]


def test_table_field_beside_and_under_heading(config):
    doc = make_document(
        {"text": "密级", "part": "table", "table": (0, 0, 0)},
        {"text": "机密", "part": "table", "table": (0, 0, 1)},
        {"text": "题名", "part": "table", "table": (1, 0, 0)},
        {"text": "密级", "part": "table", "table": (1, 0, 1)},
        {"text": "关于防汛工作的通知", "part": "table", "table": (1, 1, 0)},
        {"text": "秘密", "part": "table", "table": (1, 1, 1)},
        {"text": "公开", "part": "table", "table": (1, 2, 1)})
    findings = run(DETECTOR, doc, config)
    assert [(f.location.block, f.text, f.severity.value) for f in findings] == [
        (1, "机密", "block"), (5, "秘密", "block")]


# -- English --------------------------------------------------------------------------------------

@pytest.mark.parametrize("text,severity", [
    ("TOP SECRET", "block"), ("SECRET", "block"), ("Secret", "block"),
    ("CONFIDENTIAL", "review"), ("RESTRICTED", "review"),
])
def test_english_top_line(text, severity, config):
    assert summary(run(DETECTOR, make_document(text, "Annual report"), config)) == [
        ("secret_level", "body", text, severity)]


def test_english_in_header(config):
    doc = make_document({"text": "ACME Bureau    CONFIDENTIAL", "part": "header"})
    assert summary(run(DETECTOR, doc, config)) == [
        ("secret_level", "header", "CONFIDENTIAL", "review")]


@pytest.mark.parametrize("text", ["The secret of success is hard work.", "Secretary General",
                                  "TOP SECRET"])
def test_english_elsewhere_is_nothing(text, config):
    assert run(DETECTOR, make_document(*FILLER, text), config) == []


def test_lexicon_is_compiled_once_per_configuration(config):
    detector = SecretLevelMarkDetector()
    doc = make_document("秘密★1年")
    run(detector, doc, config)
    first = detector._grammar._entries[0][1]
    run(detector, doc, config)
    assert detector._grammar._entries[0][1] is first
