"""special_category: health, disability, welfare and status data blocks when tied to named
people (list columns, list cells, forms, sentences); policy words and list titles give nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from screening import Severity
from screening_plugins.personal_data.special_category import SpecialCategoryDetector
from tests.conftest import make_document

ROOT = Path(__file__).resolve().parents[3]


def cell(text: str, t: int, r: int, c: int) -> dict:
    return {"text": text, "part": "table", "table": (t, r, c)}


def table(rows: list[list[str]], t: int = 0) -> list[dict]:
    return [cell(text, t, r, c) for r, row in enumerate(rows) for c, text in enumerate(row)]


def special(document, config, *, use_jieba: bool = True):
    findings = list(SpecialCategoryDetector(use_jieba=use_jieba).detect(document, config))
    for f in findings:
        block = document.blocks[f.location.block]
        assert block.text[f.location.start:f.location.end] == f.text
        assert f.explanation and f.basis == "保护第三方合法权益"
        assert f.detector == "personal_data.special_category" and f.kind == "special_category"
    return findings


def summary(findings):
    return [(f.kind, f.location.part, f.text, f.severity.value, f.masked) for f in findings]


def counting(findings):
    return [f.text for f in findings if f.severity is not Severity.INFO]


def test_special_column_of_a_list_of_people(config):
    doc = make_document(
        "2026年第三季度医疗救助对象名单",
        *table([["序号", "姓名", "病种", "救助金额（元）", "备注"],
                ["1", "王建国", "尿毒症", "5000", ""],
                ["2", "李秀英", "无", "3000", ""],
                ["3", "张志强", "肺癌（晚期）", "8000", ""],
                ["4", "陈丽华", "", "2000", "精神分裂症，监护人代领"]]))
    found = special(doc, config)
    assert summary(found) == [
        ("special_category", "table", "尿毒症", "block", "尿毒症"),
        ("special_category", "table", "肺癌（晚期）", "block", "肺癌（晚期）"),
        ("special_category", "table", "精神分裂症", "block", "精神分裂症"),
    ]
    assert "病种" in found[0].explanation and "健康状况" in found[0].explanation
    assert found[0].confidence == 0.95
    assert "名单" in found[2].explanation
    assert found[2].location.to_dict() == {"part": "table", "page": None, "block": 25,
                                           "start": 0, "end": 5}


def test_disability_list_by_id_column_only(config):
    doc = make_document(*table([["身份证号码", "残疾类别", "残疾等级"],
                                ["110105196703150014", "肢体残疾", "二级"]]))
    assert counting(special(doc, config)) == ["肢体残疾", "二级"]


def test_form_about_one_person(config):
    doc = make_document(*table([["姓名", "王建国", "性别", "男"],
                                ["致贫原因", "因病", "健康状况", "健康"]]))
    # 健康 reveals nothing; 因病 under 致贫原因 does
    assert counting(special(doc, config)) == ["因病"]


def test_a_table_without_people_is_not_tied(config):
    doc = make_document(*table([["病种", "定点医院", "报销比例"],
                                ["尿毒症", "县人民医院", "90%"],
                                ["恶性肿瘤", "县人民医院", "85%"]]))
    assert special(doc, config) == []


@pytest.mark.parametrize("text, term, how", [
    ("王建国（尿毒症）、李秀英（肺癌）", "尿毒症", "括号"),
    ("低保户刘桂兰家庭人口3人。", "低保户", "修饰"),
    ("尿毒症患者胡德顺已纳入医疗救助。", "尿毒症", "修饰"),
    ("王建国，男，系建档立卡贫困户。", "建档立卡贫困户", "描述"),
    ("李秀英患有精神障碍，由其子代为申请。", "精神障碍", "描述"),
    ("王建国　男　尿毒症", "尿毒症", "同列一行"),
    ("刑满释放人员郝建设已纳入安置帮教。", "刑满释放", "修饰"),
])
def test_sentence_naming_a_person_with_the_term(config, text, term, how):
    found = special(make_document(text), config)
    assert found[0].text == term and found[0].severity is Severity.BLOCK
    assert how in found[0].explanation
    assert "王建国" not in found[0].explanation and "李秀英" not in found[0].explanation  # masked


@pytest.mark.parametrize("text, tied", [
    ("王建国\t男\t尿毒症", True), ("王建国 男 尿毒症", True),
    ("王建国男尿毒症", False), ("王建国，男，尿毒症", False), ("王建国　男\n尿毒症", False),
])
def test_same_line_needs_a_space_or_tab_between(config, text, tied):
    # a list line ties the term to the name only through a gap of spaces or tabs on one line
    found = special(make_document(text), config)
    assert [(f.text, f.severity.value) for f in found] == ([("尿毒症", "block")] if tied else [])
    assert all("同列一行" in f.explanation for f in found)


def test_both_bracketed_terms_block(config):
    found = special(make_document("王建国（尿毒症）、李秀英（肺癌）"), config)
    assert summary(found) == [("special_category", "body", "尿毒症", "block", "尿毒症"),
                              ("special_category", "body", "肺癌", "block", "肺癌")]
    assert "王**" in found[0].explanation and "李**" in found[1].explanation


def test_pseudonymised_person_is_info(config):
    found = special(make_document("张某（尿毒症）申请医疗救助。"), config)
    assert summary(found) == [("special_category", "body", "尿毒症", "info", "尿毒症")]


@pytest.mark.parametrize("text", [
    "要做好低保工作，确保应保尽保。",
    "根据《中华人民共和国残疾人保障法》有关规定。",
    "2026年度城乡居民最低生活保障对象名单",
    "全县共有建档立卡贫困户1234户、残疾人567人。",
    "王建国同志要求做好低保工作。",
    "县长王建国带队慰问尿毒症患者。",
    "加强严重精神障碍患者服务管理。",
    "社区矫正工作由司法所负责。",
])
def test_policy_mentions_give_nothing(config, text):
    assert counting(special(make_document(text), config)) == []


def test_list_title_alone_gives_nothing(config):
    doc = make_document("2026年度低保对象名单公示",
                        *table([["姓名", "家庭人口", "保障金额"], ["王建国", "3", "1200"]]))
    assert special(doc, config) == []


def test_regulation_sample_gives_nothing(config):
    text = (ROOT / "samples" / "regulation-secrecy-review.txt").read_text(encoding="utf-8")
    doc = make_document(*[line for line in text.splitlines() if line.strip()], format="text")
    assert special(doc, config) == []


def test_docx_disability_list_read_by_the_screener(tmp_path, screener, config):
    from tests.docbuild.docx import build_docx, table as docx_table

    path = build_docx(tmp_path / "残疾人补贴.docx", body=[
        "2026年度困难残疾人生活补贴发放名单",
        docx_table([["姓名", "残疾证号", "残疾类别", "残疾等级", "补贴金额"],
                    ["李秀英", "35042319881205002342", "肢体残疾", "二级", "100"],
                    ["司马云飞", "11010519670315001411", "视力残疾", "一级", "200"]]),
        "监督电话：0591-12345678。"])
    found = special(screener.read(path), config)
    # the certificate number is the identifier detectors' (an ID inside a 20-digit number)
    assert summary(found) == [
        ("special_category", "table", "肢体残疾", "block", "肢体残疾"),
        ("special_category", "table", "二级", "block", "二级"),
        ("special_category", "table", "视力残疾", "block", "视力残疾"),
        ("special_category", "table", "一级", "block", "一级"),
    ]


def test_a_masked_value_under_a_special_header_reveals_nothing(config):
    # what `screen sanitize` leaves in a disability list: masked names, masked categories
    cells = [["姓名", "残疾类别", "身份证号码"],
             ["王**", "******", "110105********0014"],
             ["李**", "听力残疾三级", "350423********0023"]]
    doc = make_document(*[{"text": t, "part": "table", "table": (0, r, c)}
                          for r, row in enumerate(cells) for c, t in enumerate(row)])
    found = list(SpecialCategoryDetector().detect(doc, config))
    assert [(f.kind, f.location.part, f.text, f.severity.value) for f in found] == [
        ("special_category", "table", "听力残疾三级", "block")]
