"""``restricted_info.internal_process``, ``personnel`` and ``security``: internal forms alone; pairs
of weak terms; a 任前公示; look-alikes such as 统计口径; tables; the regulation-style text."""

from __future__ import annotations

from screening_plugins.restricted_info import (
    InternalProcessDetector,
    PersonnelDetector,
    SecurityDetector,
)

from tests.conftest import make_document
from tests.plugins.trade_secrets.helpers import body, run, summary

I, S = "属于三类内部事务信息", "属于国家秘密"


def test_internal_forms(config):
    doc = make_document(*body("附件：签报及拟办意见。", "审核意见：同意。", "请核稿后报审核意见。"))
    assert summary(run(InternalProcessDetector(), doc, config)) == [
        ("internal_process", "body", "签报", "review", I),
        ("internal_process", "body", "拟办意见", "review", I),
        ("internal_process", "body", "核稿", "review", I),
        ("internal_process", "body", "审核意见", "review", I)]


def test_personnel(config):
    doc = make_document(*body("附件为考察材料和任免建议。"))
    assert summary(run(PersonnelDetector(), doc, config)) == [
        ("personnel", "body", "考察材料", "review", I),
        ("personnel", "body", "任免建议", "review", I)]
    notice = make_document("干部任前公示", *body("经民主测评、组织考察，拟任以下同志为副局长。"))
    assert run(PersonnelDetector(), notice, config) == []


def test_security(config):
    doc = make_document(*body("请按答问口径回应，安保方案另行下发。",
                              "按照统计口径，全县常住人口52万人。",
                              "做好维稳工作。",
                              "粮食储备数量为3.2万吨，库点坐标为东经119.32度、北纬26.08度。"))
    assert summary(run(SecurityDetector(), doc, config)) == [
        ("security", "body", "答问口径", "review", S),
        ("security", "body", "安保方案", "review", S),
        ("security", "body", "储备", "review", S),
        ("security", "body", "坐标", "review", S)]


def test_strong_term_in_a_table_cell(config):
    doc = make_document(
        {"text": "事项", "part": "table", "table": (0, 0, 0)},
        {"text": "备注", "part": "table", "table": (0, 0, 1)},
        {"text": "领导调研", "part": "table", "table": (0, 1, 0)},
        {"text": "领导行程见附件", "part": "table", "table": (0, 1, 1)})
    assert summary(run(SecurityDetector(), doc, config)) == [
        ("security", "table", "领导行程", "review", S)]
