"""``restricted_info.process_draft`` and ``request_to_superior``: 讨论记录 alone; 会议纪要 weak;
征求意见稿 never; 讨论稿 not in a document published for consultation; a 请示 to a superior."""

from __future__ import annotations

import pytest
from screening_plugins.restricted_info import (
    ProcessDraftDetector,
    RequestToSuperiorDetector,
)

from tests.conftest import make_document
from tests.plugins.trade_secrets.helpers import body, run, summary

P = "属于四类过程性信息"


def test_strong_terms(config):
    doc = make_document(*body("根据专题会议讨论记录和领导批示，该方案尚未定稿。"))
    assert summary(run(ProcessDraftDetector(), doc, config)) == [
        ("process_draft", "body", "讨论记录", "review", P),
        ("process_draft", "body", "领导批示", "review", P),
        ("process_draft", "body", "尚未定稿", "review", P)]


@pytest.mark.parametrize("lines", [
    ("关于印发《2026年第3次常务会议纪要》的通知",),
    ("现将《某县城市更新条例（征求意见稿）》公开征求意见。",),
    ("经请示市政府同意，现将有关事项通知如下。",),
])
def test_not_findings(config, lines):
    assert run(ProcessDraftDetector(), make_document(*body(*lines)), config) == []


def test_weak_terms_of_one_basis_in_one_paragraph(config):
    doc = make_document(*body("会议纪要（送审稿）请各位领导审阅。"))
    assert summary(run(ProcessDraftDetector(), doc, config)) == [
        ("process_draft", "body", "会议纪要", "review", P),
        ("process_draft", "body", "送审稿", "review", P)]


def test_draft_qualifier_at_the_top(config):
    doc = make_document("某县乡村振兴三年行动方案（修改稿）", "一、总体要求")
    assert summary(run(ProcessDraftDetector(), doc, config)) == [
        ("process_draft", "body", "修改稿", "review", P)]


def test_consultation_draft_is_not_process_information(config):
    doc = make_document("关于公开征求《某县物业管理办法（讨论稿）》意见的公告",
                        *body("附件：某县物业管理办法（讨论稿）"))
    assert {(f.text, f.severity.value) for f in run(ProcessDraftDetector(), doc, config)} == {
        ("讨论稿", "info")}


def test_request_addressed_to_a_superior(config):
    doc = make_document("某县自然资源局", "关于调整2026年度用地计划的请示", "县人民政府：",
                        "现将有关情况请示如下。")
    assert summary(run(RequestToSuperiorDetector(), doc, config)) == [
        ("process_draft", "body", "请示", "review", P)]


def test_a_notice_to_subordinates_is_not_a_request(config):
    doc = make_document("关于转发上级请示的通知", "各乡镇人民政府：", "现转发如下。")
    assert run(RequestToSuperiorDetector(), doc, config) == []
    doc = make_document("关于调整用地计划的请示", "各乡镇人民政府：", "现转发如下。")
    assert run(RequestToSuperiorDetector(), doc, config) == []
