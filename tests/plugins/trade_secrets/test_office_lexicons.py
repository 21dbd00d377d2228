"""An office adds terms without code: a lexicon file named in screening.toml ([lexicons]) or its own
plugin registering a lexicon of the same name; the compiled automaton follows the lexicon objects."""

from __future__ import annotations

from screening_plugins.restricted_info import ProcessDraftDetector
from screening_plugins.trade_secrets import BusinessInfoDetector, TechnicalInfoDetector
from screening_plugins.trade_secrets.analysis import compiled
from screening_plugins.trade_secrets.spec import LEXICONS, TRADE_SECRETS

from screening import Config, Entry, Lexicon, hookimpl
from screening.config import config_from_dict
from screening.plugins import collect, get_plugin_manager
from tests.conftest import make_document

from .helpers import body, run, summary

T = "保护第三方合法权益"


class OfficeTerms:
    """What an office's own plugin would contain."""

    @hookimpl
    def screening_register_lexicons(self, register):
        register(Lexicon(name="trade_secrets", source="office", entries=(
            Entry("烟叶收购底册", "business_info", "S", "", "本局烟草专卖用语"),
            Entry("收购等级比例", "business_info", "W", "", "needs=amount"),
        )))


def test_builtin_lexicons_are_registered(config):
    for name in LEXICONS:
        assert config.lexicon(name).entries, name
    assert config.lexicon("trade_secrets").source == "screening_lexicons/trade_secrets.txt"


def test_office_plugin_adds_terms(config):
    pm = get_plugin_manager(entrypoints=False)
    pm.register(OfficeTerms(), name="office-terms")
    office = collect(pm, Config()).config
    doc = make_document(*body("附件为烟叶收购底册。", "收购等级比例为上等烟45%。", "另附客户名单。"))
    detector = BusinessInfoDetector()
    assert summary(run(detector, doc, office)) == [
        ("business_info", "body", "烟叶收购底册", "review", T),
        ("business_info", "body", "收购等级比例", "review", T),
        ("business_info", "body", "客户名单", "review", T)]  # built-in terms are still there
    # the same detector with the default configuration: recompiled, the office's terms gone
    doc = make_document(*body("附件为烟叶收购底册。", "收购等级比例为上等烟45%。", "另附客户名单。"))
    assert summary(run(detector, doc, config)) == [
        ("business_info", "body", "客户名单", "review", T)]


def test_office_lexicon_files_from_config(tmp_path, pm):
    (tmp_path / "office_trade.txt").write_text(
        "# 本局商业秘密用语\n种子亲本来源\ttechnical_info\tS\t\t\n", encoding="utf-8")
    (tmp_path / "office_allow.txt").write_text("技术秘密公开承诺书\tallow\n", encoding="utf-8")
    (tmp_path / "office_restricted.txt").write_text(
        "局务会研究意见\tprocess_draft\tS\t\t\n", encoding="utf-8")
    (tmp_path / "screening.toml").write_text(
        '[lexicons]\ntrade_secrets = "office_trade.txt"\ntrade_secrets_allow = "office_allow.txt"\n'
        'restricted_info = "office_restricted.txt"\n', encoding="utf-8")
    from screening import load_config

    office = collect(pm, load_config(tmp_path / "screening.toml")).config
    doc = make_document(*body("该品种的种子亲本来源见附件。", "企业签署了技术秘密公开承诺书。",
                              "另附技术秘密说明。", "附：局务会研究意见。"))
    assert summary(run(TechnicalInfoDetector(), doc, office)) == [
        ("technical_info", "body", "种子亲本来源", "review", T),
        ("technical_info", "body", "技术秘密", "review", T)]
    assert summary(run(ProcessDraftDetector(), doc, office)) == [
        ("process_draft", "body", "局务会研究意见", "review", "属于四类过程性信息")]
    default = collect(pm, Config()).config
    assert summary(run(TechnicalInfoDetector(), doc, default)) == [
        ("technical_info", "body", "技术秘密", "review", T),
        ("technical_info", "body", "技术秘密", "review", T)]


def test_compiled_once_per_lexicon_objects(config, pm):
    assert compiled(TRADE_SECRETS, config) is compiled(TRADE_SECRETS, config)
    other = collect(pm, config_from_dict({})).config
    assert compiled(TRADE_SECRETS, other).matcher is not compiled(TRADE_SECRETS, config).matcher


def test_detector_without_merged_lexicons_uses_the_builtin_ones():
    doc = make_document(*body("本项目标底为356万元。"))
    from screening_plugins.trade_secrets import BidPriceDetector

    assert [f.text for f in run(BidPriceDetector(), doc, Config())] == ["标底"]
