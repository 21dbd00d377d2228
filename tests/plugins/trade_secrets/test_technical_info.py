"""``trade_secrets.technical_info``: strong terms alone; weak ones with a number, the company's
voice, a second term or mark position; look-alikes (测土配方) never."""

from __future__ import annotations

import pytest
from screening_plugins.trade_secrets import TechnicalInfoDetector

from tests.conftest import make_document

from .helpers import body, run, summary

T = "保护第三方合法权益"


def test_strong_terms(config):
    doc = make_document(*body("该企业提交的工艺规程和源代码已单独封存。"))
    assert summary(run(TechnicalInfoDetector(), doc, config)) == [
        ("technical_info", "body", "工艺规程", "review", T),
        ("technical_info", "body", "源代码", "review", T)]


@pytest.mark.parametrize("line, term", [
    ("原料配比为甲组分35%、乙组分65%。", "原料配比"),
    ("反应温度控制在180℃，保温2小时。", "反应温度"),
    ("我公司生产工艺已申请专利保护之外的保密措施。", "生产工艺"),
])
def test_weak_term_with_support(config, line, term):
    assert summary(run(TechnicalInfoDetector(), make_document(*body(line)), config)) == [
        ("technical_info", "body", term, "review", T)]


@pytest.mark.parametrize("line", [
    "企业应当优化生产工艺，提高资源利用效率。",
    "推广测土配方施肥技术，全县配方肥施用面积达到35%。",
    "鼓励企业开放源代码，参与开源社区建设。",
])
def test_weak_alone_and_lookalikes_are_nothing(config, line):
    assert run(TechnicalInfoDetector(), make_document(*body(line)), config) == []


def test_two_weak_terms_of_the_same_basis_support_each_other(config):
    doc = make_document(*body("请提供工艺流程和实验数据。"))
    assert summary(run(TechnicalInfoDetector(), doc, config)) == [
        ("technical_info", "body", "工艺流程", "review", T),
        ("technical_info", "body", "实验数据", "review", T)]


def test_weak_term_in_mark_position(config):
    doc = make_document({"text": "设计图纸", "part": "header"}, "某厂房改造说明")
    assert summary(run(TechnicalInfoDetector(), doc, config)) == [
        ("technical_info", "header", "设计图纸", "review", T)]
