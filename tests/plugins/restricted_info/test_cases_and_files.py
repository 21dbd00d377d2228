"""``restricted_info.ongoing_case`` and ``law_enforcement``: an open case and its files; a
published 处罚决定书 that lists its evidence is not a file."""

from __future__ import annotations

from screening_plugins.restricted_info import (
    LawEnforcementDetector,
    OngoingCaseDetector,
)

from tests.conftest import make_document
from tests.plugins.trade_secrets.helpers import body, run, summary

E = "属于行政执法案卷"


def test_open_case(config):
    doc = make_document(*body("该线索目前正在核查，专案组已调取相关资料。"))
    assert summary(run(OngoingCaseDetector(), doc, config)) == [
        ("ongoing_case", "body", "正在核查", "review", E),
        ("ongoing_case", "body", "专案组", "review", E)]


def test_published_penalty_decision(config):
    doc = make_document("行政处罚决定书", *body(
        "我局于2026年3月1日对当事人立案调查。",
        "以上事实有现场检查笔录、当事人询问笔录、证人证言等证据证实。"))
    assert run(OngoingCaseDetector(), doc, config) == []  # 立案调查 is weak: nothing
    assert summary(run(LawEnforcementDetector(), doc, config)) == [  # strong, cancelled: info
        ("law_enforcement", "body", "询问笔录", "info", E),
        ("law_enforcement", "body", "证人证言", "info", E)]


def test_case_file_in_a_report(config):
    doc = make_document(*body("附件：询问笔录（王某）、证人证言三份。"))
    assert summary(run(LawEnforcementDetector(), doc, config)) == [
        ("law_enforcement", "body", "询问笔录", "review", E),
        ("law_enforcement", "body", "证人证言", "review", E)]


def test_weak_terms_need_a_pair(config):
    doc = make_document(*body("举报人反映的问题已转办。", "请将卷宗和举报人信息一并移交。"))
    assert summary(run(LawEnforcementDetector(), doc, config)) == [
        ("law_enforcement", "body", "卷宗", "review", E),
        ("law_enforcement", "body", "举报人", "review", E)]
