"""``trade_secrets.bid_price``: 标底 alone; 投标报价 with an amount; allow terms and award notices
never; law quotes, definitions and titles of 办法 only as info; table cells."""

from __future__ import annotations

import pytest
from screening_plugins.trade_secrets import BidPriceDetector

from tests.conftest import make_document

from .helpers import body, run, summary

T = "保护第三方合法权益"


def test_strong_term_fires_alone(config):
    doc = make_document(*body("经核实，本项目标底已报送财政部门备案。"))
    assert summary(run(BidPriceDetector(), doc, config)) == [
        ("bid_price", "body", "标底", "review", T)]


def test_weak_term_with_amount(config):
    doc = make_document(*body("第二名投标人的投标报价为3,560,000元，第三名为358.6万元。"))
    [f] = run(BidPriceDetector(), doc, config)
    assert (f.text, f.severity.value, f.basis) == ("投标报价", "review", T)
    assert "3,560,000元" in f.explanation


def test_weak_term_alone_is_nothing(config):
    doc = make_document(*body("投标人应当按照招标文件的要求编制投标报价。"))
    assert run(BidPriceDetector(), doc, config) == []


@pytest.mark.parametrize("line", [
    "本项目招标控制价为400万元，最高投标限价为398万元。",
    "中标金额：356万元；成交金额以合同为准。",
    "中标价格为356.20万元，预算金额为400万元。",
    "本项目不设标底，评标办法为综合评分法。",
])
def test_allow_terms_never_fire(config, line):
    assert run(BidPriceDetector(), make_document(*body(line)), config) == []


def test_award_notice_publishes_the_winning_price(config):
    doc = make_document("某县政府采购项目中标公告", "一、项目编号：XZCG-2026-018",
                        *body("中标人投标报价为356万元，报价明细见附件。"))
    assert run(BidPriceDetector(), doc, config) == []


@pytest.mark.parametrize("line, cue", [
    ("招标人设有标底的，标底必须保密。", "必须保密"),
    ("依照《中华人民共和国招标投标法》第二十二条，标底不得泄露。", "依照《"),
    ("本办法所称标底，是指招标人根据招标项目编制的预期价格。", "本办法所称"),
    ("任何单位和个人不得泄露标底。", "不得泄露"),
])
def test_law_quotes_and_definitions_are_info(config, line, cue):
    found = run(BidPriceDetector(), make_document(*body(line)), config)
    assert {(f.text, f.severity.value) for f in found} == {("标底", "info")}
    assert all(cue in f.explanation for f in found)


def test_title_of_a_regulation_is_info_and_its_body_too(config):
    doc = make_document("某县建设工程标底管理办法", "第一条　为规范标底编制工作，制定本办法。",
                        "标底由招标人委托具有资质的机构编制。")
    assert summary(run(BidPriceDetector(), doc, config)) == [
        ("bid_price", "body", "标底", "info", T)] * 3


def test_strong_term_in_a_table_cell_fires(config):
    doc = make_document(
        {"text": "项目", "part": "table", "table": (0, 0, 0)},
        {"text": "说明", "part": "table", "table": (0, 0, 1)},
        {"text": "道路改造工程", "part": "table", "table": (0, 1, 0)},
        {"text": "评标专家名单附后", "part": "table", "table": (0, 1, 1)})
    assert summary(run(BidPriceDetector(), doc, config)) == [
        ("bid_price", "table", "评标专家名单", "review", T)]


def test_table_heading_with_amounts_in_its_column(config):
    doc = make_document(
        {"text": "投标人", "part": "table", "table": (0, 0, 0)},
        {"text": "投标报价（元）", "part": "table", "table": (0, 0, 1)},
        {"text": "某建设有限公司", "part": "table", "table": (0, 1, 0)},
        {"text": "3560000元", "part": "table", "table": (0, 1, 1)})
    assert summary(run(BidPriceDetector(), doc, config)) == [
        ("bid_price", "table", "投标报价", "review", T)]
