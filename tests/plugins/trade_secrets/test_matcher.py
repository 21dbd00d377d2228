"""The term automaton: several lexicons matched in one pass (:class:`MultiMatcher`) give each
lexicon exactly what its own :class:`TermMatcher` gives, and the two plugins share that pass."""

from __future__ import annotations

from screening_plugins.restricted_info.spec import RESTRICTED_INFO
from screening_plugins.trade_secrets.analysis import analyse
from screening_plugins.trade_secrets.matcher import MultiMatcher, TermMatcher, fold
from screening_plugins.trade_secrets.spec import TRADE_SECRETS

from screening import Entry, Lexicon, document_memo
from tests.conftest import make_document

BASIS = {"a": "甲", "b": "乙"}


def _matcher(terms: list[tuple[str, str]], allow: list[tuple[str, str]] = ()) -> TermMatcher:
    return TermMatcher(Lexicon("t", tuple(Entry(t, k, "S") for t, k in terms)),
                       Lexicon("allow", tuple(Entry(t, k) for t, k in allow)),
                       default_basis=BASIS, default_needs=frozenset())


TEXTS = ["本项目的投标报价和产权交易底价均已确定", "底价、标底、招标控制价", "BID PRICE: bid price",
         "审核意见与拟办意见", "", "无关内容", "产权交易底价底价底价"]


def _spans(hits):
    return [(h.start, h.end, h.term.text) for h in hits]


def test_one_pass_gives_what_each_matcher_gives():
    one = _matcher([("底价", "a"), ("产权交易底价", "a"), ("标底", "a"), ("bid price", "b")],
                   allow=[("招标控制价", "allow")])
    two = _matcher([("底价", "b"), ("审核意见", "b"), ("拟办意见", "a"), ("交易", "a")],
                   allow=[("产权交易底价", "lookalike")])
    empty = _matcher([])
    multi = MultiMatcher((one, two, empty))
    for text in TEXTS:
        folded = fold(text)
        got = multi.scan(folded)
        assert [_spans(h) for h in got] == [_spans(one.scan(folded)), _spans(two.scan(folded)), []]
    assert _spans(multi.scan(fold("产权交易底价"))[0]) == [(0, 6, "产权交易底价")]
    assert _spans(multi.scan(fold("产权交易底价"))[1]) == []      # inside a longer look-alike


def test_the_first_plugin_scans_once_for_both(config):
    document = make_document("本单位拟办意见如下。", "投标报价为100万元。")
    analyse(document, config, TRADE_SECRETS)
    analyse(document, config, RESTRICTED_INFO)   # seen: both are in the one pass from now on
    document.memo.clear()
    analyse(document, config, RESTRICTED_INFO)
    memo = document_memo(document)
    assert ("term_hits", "trade_secrets") in memo      # found in restricted_info's pass
    held = memo[("term_hits", "trade_secrets")][1]
    analyse(document, config, TRADE_SECRETS)
    assert memo[("term_hits", "trade_secrets")][1] is held  # and used, not scanned again
