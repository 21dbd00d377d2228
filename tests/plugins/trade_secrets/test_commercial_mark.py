"""``trade_secrets.commercial_mark``: 中央企业 marks (owner + level + ▲ + period) and an enterprise's
confidentiality claims; 商业秘密 as a legal concept is nothing."""

from __future__ import annotations

from screening_plugins.trade_secrets import CommercialMarkDetector

from tests.conftest import make_document

from .helpers import body, run, summary

T = "保护第三方合法权益"


def test_mark_on_its_line_with_owner_and_period(config):
    doc = make_document("株机公司普通商密▲5年", "关于某型机车配件的技术说明")
    assert summary(run(CommercialMarkDetector(), doc, config)) == [
        ("commercial_mark", "body", "株机公司普通商密▲5年", "review", T)]


def test_mark_in_a_header_and_in_running_text(config):
    doc = make_document({"text": "核心商密▲长期", "part": "header"},
                        *body("附件2：设备清单（核心商密▲公布前）。"))
    assert summary(run(CommercialMarkDetector(), doc, config)) == [
        ("commercial_mark", "header", "核心商密▲长期", "review", T),
        ("commercial_mark", "body", "核心商密▲公布前", "review", T)]


def test_enterprise_claims(config):
    doc = make_document(*body("本文件含商业秘密，请勿对外提供。",
                              "经研究，我公司不同意公开上述材料。",
                              "CONFIDENTIAL - Prepared for the bureau"))
    assert summary(run(CommercialMarkDetector(), doc, config)) == [
        ("commercial_mark", "body", "本文件含商业秘密", "review", T),
        ("commercial_mark", "body", "不同意公开", "review", T),
        ("commercial_mark", "body", "CONFIDENTIAL", "review", T)]


def test_concept_and_law_quote(config):
    doc = make_document(*body(
        "不得公开涉及国家秘密、商业秘密、个人隐私的政府信息。",
        "行政机关认为申请公开的政府信息含有商业秘密的，应当书面征求第三方的意见。",
        "confidentiality is a concept here"))
    assert summary(run(CommercialMarkDetector(), doc, config)) == [
        ("commercial_mark", "body", "含有商业秘密", "info", T)]
