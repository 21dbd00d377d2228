"""``trade_secrets.business_info``: 客户名单 alone; 成本 with an amount or the company's voice;
jieba word boundaries (进价 inside 推进价格); award notices; the company's voice over law cues."""

from __future__ import annotations

import pytest
from screening_plugins.trade_secrets import BusinessInfoDetector

from tests.conftest import make_document

from .helpers import body, run, summary

T = "保护第三方合法权益"


def test_strong_term(config):
    doc = make_document(*body("附件3为该公司的客户名单及供货渠道。"))
    assert summary(run(BusinessInfoDetector(), doc, config)) == [
        ("business_info", "body", "客户名单", "review", T),
        ("business_info", "body", "供货渠道", "review", T)]


def test_cost_with_an_amount(config):
    doc = make_document(*body("经核算，该产品单位成本为12.5元/件，进价为8.3元。"))
    assert summary(run(BusinessInfoDetector(), doc, config)) == [
        ("business_info", "body", "单位成本", "review", T),
        ("business_info", "body", "进价", "review", T)]


@pytest.mark.parametrize("line", [
    "各地要降低成本，提高效率。",
    "深入推进价格改革，2026年居民用水价格上调0.3元。",    # 进价 inside 推进|价格 (jieba)
    "合同价款为356万元，付款条件见合同。",                 # in an award notice, see below
])
def test_not_findings(config, line):
    doc = make_document("某项目中标结果公告", *body(line))
    assert run(BusinessInfoDetector(), doc, config) == []


def test_company_voice_is_not_a_law_quote(config):
    doc = make_document(*body("我公司的成本构成和客户资料属于商业秘密，不得公开。",
                              "企业的成本构成和客户资料属于商业秘密，依法不得公开。"))
    assert summary(run(BusinessInfoDetector(), doc, config)) == [
        ("business_info", "body", "成本构成", "review", T),
        ("business_info", "body", "客户资料", "review", T),
        ("business_info", "body", "客户资料", "info", T)]
