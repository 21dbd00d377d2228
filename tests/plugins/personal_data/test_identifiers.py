"""personal_data.identifiers: one span one finding (the conflict order), registration, the
prefilter, and real .docx / PDF / text files through the whole pipeline."""

from __future__ import annotations

import random

from screening import Severity, Verdict
from screening_plugins.personal_data.identifiers import (PREFILTER, RECOGNIZERS,
                                                          IdentifierDetector)
from screening_plugins.personal_data.recognizer import Pattern, Recognizer
from screening_plugins.personal_data.validators import card_scheme, luhn_valid
from tests.conftest import make_document
from tests.docbuild.docx import build_docx, line_break, para, table
from tests.docbuild.pdf import build_pdf

from .identifier_helpers import (CARD_UNIONPAY, ID_FJ, ID_X, card, kinds, resident_id, run,
                                 wrong_check)

#: A valid ID (甘肃) that is also a Luhn-valid 18-digit UnionPay number.
ID_AND_CARD = "620102198511201059"
MY_KINDS = {"resident_id", "bank_card", "mobile_phone", "landline_phone", "email", "passport",
            "travel_permit", "license_plate", "social_security", "org_code"}


def mine(report):
    return [(f.kind, f.location.part, f.text, f.severity.value) for f in report.findings
            if f.kind in MY_KINDS]


# -- conflicts --------------------------------------------------------------------------------

def test_an_id_that_passes_luhn_too_is_only_an_id(config):
    assert resident_id(ID_AND_CARD[:17]) == ID_AND_CARD
    assert luhn_valid(ID_AND_CARD) and card_scheme(ID_AND_CARD) == "银联"
    doc = make_document(f"卡号{ID_AND_CARD}")
    assert kinds(run(doc, config)) == [("resident_id", ID_AND_CARD, "block")]


def test_id_column_beats_a_card_but_not_a_credit_code(config):
    rows = [["姓名", "证件号码"], ["甲", "913501001234000301"],
            ["乙", wrong_check("62010219851120105")]]
    doc = make_document(*[{"text": t, "part": "table", "table": (0, r, c)}
                          for r, row in enumerate(rows) for c, t in enumerate(row)])
    assert kinds(run(doc, config)) == [
        ("org_code", "913501001234000301", "info"),
        ("resident_id", wrong_check("62010219851120105"), "review")]


def test_disability_number_beats_the_account_it_also_is(config):
    doc = make_document(f"账号：{ID_X}42")
    assert kinds(run(doc, config)) == [("resident_id", ID_X + "42", "block")]


def test_overlapping_forms_keep_one_finding(config):
    # a grouped mobile written next to its country code; a landline whose digits also fit a
    # context account; a plate next to a passport-like code
    doc = make_document("+86 138 1234 5678", "账号：05988705050", "粤B·D12345 E12345678")
    assert kinds(run(doc, config)) == [
        ("mobile_phone", "+86 138 1234 5678", "review"),
        ("landline_phone", "05988705050", "review"),
        ("license_plate", "粤B·D12345", "review"),
        ("passport", "E12345678", "review")]


def test_two_numbers_side_by_side_are_two_findings(config):
    doc = make_document(f"{ID_FJ} 13812345678 {CARD_UNIONPAY}")
    assert kinds(run(doc, config)) == [("resident_id", ID_FJ, "block"),
                                       ("mobile_phone", "13812345678", "block"),
                                       ("bank_card", CARD_UNIONPAY, "block")]


# -- the detector ----------------------------------------------------------------------------

def test_a_text_pattern_marked_joined_also_runs_on_the_joined_view(config):
    # no built-in text pattern is joined; a recognizer may declare one
    class Numbered(Recognizer):
        name = "personal_data.numbered"
        kind = "numbered"
        priority = 5
        PATTERNS = (Pattern("numbered", r"编号(?P<value>\d{8})", joined=True),)

        def judge(self, scan, view, m, pattern, valid):
            start, end = m.span("value")
            return self.candidate(scan, view, start, end, Severity.REVIEW, 0.5, "编号")

    doc = make_document("编号1234\n5678；编号87654321；编号1234 5678")
    found = list(IdentifierDetector([Numbered()]).detect(doc, config))
    # wrapped inside a line: the joined view; written whole: the plain view, once; a spaced
    # number has no grouping of this kind
    assert [f.text for f in found] == ["1234\n5678", "87654321"]


def test_registered_once_with_every_recognizer(screener):
    names = [d.name for d in screener.registry.detectors]
    assert names.count("personal_data.identifiers") == 1
    assert sorted(r.kind for r in RECOGNIZERS) == sorted(MY_KINDS)
    assert all(r.name == f"personal_data.{r.kind}" for r in RECOGNIZERS)


def test_prefilter_skips_blocks_with_nothing_to_find():
    assert not PREFILTER.search("各单位要高度重视，于2024年3月1日前报送。第12条")
    for text in ("13812345678", "１３８１２", "138 1234", "a@b", "x(at)y", "138****1234",
                 "苏D4***0", "京A12345", "6222 ●●●● ●●●● 3256"):
        assert PREFILTER.search(text), text


def test_every_part_is_screened(config):
    doc = make_document({"text": f"作者 {ID_FJ}", "part": "metadata", "label": "core:creator"},
                        {"text": "13812345678", "part": "comment"},
                        {"text": f"{ID_X}", "part": "hidden", "flags": frozenset({"hidden"})},
                        {"text": f"名单_{ID_FJ}.docx", "part": "filename"})
    assert [(f.location.part, f.kind) for f in run(doc, config)] == [
        ("metadata", "resident_id"), ("comment", "mobile_phone"), ("hidden", "resident_id"),
        ("filename", "resident_id")]


def test_office_severity_override_applies(pm):
    from screening.config import config_from_dict
    from screening.plugins import collect
    config = collect(pm, config_from_dict(
        {"severity": {"personal_data.mobile_phone": "block"}})).config
    doc = make_document("电话13812345678", "138****1234")
    assert [f.severity for f in IdentifierDetector().detect(doc, config)] == [
        Severity.BLOCK, Severity.INFO]


# -- real files through the pipeline ----------------------------------------------------------

def test_docx_list_with_a_table_header_and_comment(tmp_path, screener):
    path = tmp_path / "补贴发放名单.docx"
    build_docx(path, body=[
        para("2024年度耕地地力保护补贴发放名单"),
        table([["序号", "户主姓名", "身份证号码", "联系电话", "惠农卡账号"],
               ["1", "王某某", ID_FJ, "13812345678", CARD_UNIONPAY],
               ["2", "李某某", para(ID_X[:10], line_break(), ID_X[10:]), "138 1234 5679",
                "35001650000052505678"],
               ["3", "赵某某", wrong_check("35042319900101123"), "138****1234",
                "6222 **** **** 3256"]]),
        para("监督电话：0598-8705050"),
    ], headers={"default": ["联系人手机 13912345678"]},
        comments=[("审核人", "请核对 E12345678 的护照信息", "附注")])
    report = screener.scan(path)
    assert report.verdict is Verdict.BLOCK
    assert mine(report) == [
        ("resident_id", "table", ID_FJ, "block"),
        ("mobile_phone", "table", "13812345678", "block"),
        ("bank_card", "table", CARD_UNIONPAY, "block"),
        ("resident_id", "table", ID_X[:10] + "\n" + ID_X[10:], "block"),
        ("mobile_phone", "table", "138 1234 5679", "block"),
        ("bank_card", "table", "35001650000052505678", "block"),
        ("resident_id", "table", wrong_check("35042319900101123"), "review"),
        ("mobile_phone", "table", "138****1234", "info"),
        ("bank_card", "table", "6222 **** **** 3256", "info"),
        ("landline_phone", "body", "0598-8705050", "info"),
        ("mobile_phone", "header", "13912345678", "review"),
        ("passport", "comment", "E12345678", "review"),
    ]
    by_text = {f.text: f for f in report.findings}
    assert by_text[ID_FJ].masked == ID_FJ[:6] + "********" + ID_FJ[-4:]
    assert by_text["13812345678"].masked == "138****5678"


def test_pdf_roster_lines(tmp_path, screener):
    path = tmp_path / "名单.pdf"
    build_pdf(path, [[
        "城乡居民最低生活保障对象名单",
        f"1  王某某  {ID_FJ}  13812345678",
        f"2  李某某  {wrong_check('35042319900101123')}  13912345678",
        "咨询电话：0598-8705050    电子邮箱：mzj@sm.gov.cn",
        "联系人：张某 邮箱 zhangmou@163.com",
    ]])
    report = screener.scan(path)
    assert report.verdict is Verdict.BLOCK
    found = [(f.kind, f.text, f.severity.value, f.location.page) for f in report.findings
             if f.kind in MY_KINDS]
    assert found == [
        ("resident_id", ID_FJ, "block", 1),
        ("mobile_phone", "13812345678", "block", 1),
        ("mobile_phone", "13912345678", "review", 1),
        ("landline_phone", "0598-8705050", "info", 1),
        ("email", "mzj@sm.gov.cn", "info", 1),
        ("email", "zhangmou@163.com", "review", 1),
    ]
    pdf_finding = next(f for f in report.findings if f.text == ID_FJ)
    assert pdf_finding.location.bbox is not None


def test_regulation_with_public_hotlines_has_nothing_to_withhold(tmp_path, screener):
    path = tmp_path / "办法.txt"
    path.write_text(
        "第二十条 公民、法人或者其他组织认为行政机关在政府信息公开工作中侵犯其合法权益的，"
        "可以向上一级行政机关或者政府信息公开工作主管部门投诉、举报。\n"
        "投诉举报电话：0598-12345，政务服务便民热线12345，消费者投诉举报电话12315。\n"
        "政策咨询电话：（0598）8224567；监督电话：0598-8705050；服务热线400-600-1234。\n"
        "信息公开邮箱：xxgk@sm.gov.cn。统一社会信用代码：91110000600037341L。\n"
        "本办法自2024年3月1日起施行，文号三政办〔2024〕12号，资金514814837.32元。\n",
        encoding="utf-8")
    report = screener.scan(path)
    assert [f for f in report.findings if f.kind in MY_KINDS and f.severity is not Severity.INFO
            ] == []
    assert {f.kind for f in report.findings if f.kind in MY_KINDS} == {
        "landline_phone", "email", "org_code"}


def test_speed_sanity_on_a_long_list(config):
    """About 200 KB of list lines: every planted value is found once (no timing assertion)."""
    rng = random.Random(11)
    lines, planted = [], []
    for i in range(1500):
        body = f"3504231{rng.randint(950, 999)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
        pid = resident_id((body + f"{rng.randint(0, 999):03d}")[:17])
        mobile = f"13{rng.randint(0, 9)}{rng.randint(10000000, 99999999)}"
        number = card("6217", 19)[:-4] + f"{i:03d}"
        number = number + next(d for d in "0123456789" if luhn_valid(number + d))
        lines.append(f"{i + 1} 某某某 男 {pid} {mobile} 开户行某银行 账号{number} "
                     f"备注：按时发放，资金{rng.randint(100, 9999)}.{rng.randint(10, 99)}元。")
        planted += [pid, mobile, number]
    doc = make_document(*lines)
    assert len("\n".join(lines).encode()) > 150_000
    found = run(doc, config)
    assert sorted(f.text for f in found) == sorted(planted)
    assert {f.severity for f in found} == {Severity.BLOCK}


def test_mistyped_id_in_the_id_column_beats_a_chance_credit_code(config):
    # 110108197305114117: a wrong GB 11643 check digit, but by chance a valid GB 32100 code
    from screening_plugins.personal_data.validators import id_checksum_valid, uscc_valid
    value = "110108197305114117"
    assert uscc_valid(value) and not id_checksum_valid(value)
    rows = [["姓名", "身份证号码"], ["某某", value]]
    doc = make_document(*[{"text": t, "part": "table", "table": (0, r, c)}
                          for r, row in enumerate(rows) for c, t in enumerate(row)])
    assert kinds(run(doc, config)) == [("resident_id", value, "review")]
    assert kinds(run(make_document(f"代码{value}"), config)) == [("org_code", value, "info")]
