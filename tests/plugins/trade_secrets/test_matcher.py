"""The term automaton: several lexicons matched in one pass (:class:`MultiMatcher`) give each
lexicon exactly what its own :class:`TermMatcher` gives, and the two plugins share that pass."""

from __future__ import annotations

from screening_plugins.restricted_info.spec import RESTRICTED_INFO
from screening_plugins.trade_secrets.analysis import analyse
from screening_plugins.trade_secrets.matcher import (
    MultiMatcher,
    TermMatcher,
    ascii_lower,
    fold,
)
from screening_plugins.trade_secrets.spec import TRADE_SECRETS

from screening import Entry, Lexicon, document_memo, normalize
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


# -- a document in one pass (MultiMatcher.scan_blocks) ---------------------------------------------

def _blocks_matchers() -> tuple[TermMatcher, TermMatcher]:
    one = _matcher([("底价", "a"), ("产权交易底价", "a"), ("bom", "b"), ("bid price", "b"),
                    ("底\x00价", "a"), ("x", "b")], allow=[("招标控制价", "allow")])
    two = _matcher([("底价", "b"), ("拟办意见", "a"), ("交易", "a"), ("draft", "a")],
                   allow=[("产权交易底价", "lookalike")])
    return one, two


#: Blocks where joining them could go wrong: terms at both edges, a term split over two blocks
#: (产权交易 | 底价), Latin terms at an edge next to a Latin letter of the neighbouring block
#: (…bom | a…, …b | om…), upper case, characters of 1–4 UTF-8 bytes before a hit, empty blocks,
#: a block with only an allow term, a term holding NUL whose halves end and begin two blocks.
EDGES = ["底价在前，产权交易", "底价在后", "", "BOM", "abom", "bomb", "xbom", "bom", "a",
         "𠀀é拟办意见𠀀DRAFT", "招标控制价", "bid", "price", "bid price", "b", "om", "", "",
         "X", "ｘ：bom、Bid Price。", "产权交易底价", "末尾底", "价开头"]


def test_a_document_in_one_pass_gives_each_block_its_own_scan():
    one, two = _blocks_matchers()
    multi = MultiMatcher((one, two))
    folded = [fold(t) for t in EDGES]
    asked: list[int] = []

    def fold_of(i: int) -> str:
        asked.append(i)
        return folded[i]

    got = multi.scan_blocks([normalize(t).text for t in EDGES], fold_of)
    assert {i: [_spans(h) for h in hits] for i, hits in got.items()} == {
        0: [[(0, 2, "底价")], [(0, 2, "底价"), (7, 9, "交易")]],
        1: [[(0, 2, "底价")], [(0, 2, "底价")]],
        3: [[(0, 3, "bom")], []],
        7: [[(0, 3, "bom")], []],
        9: [[], [(2, 6, "拟办意见"), (7, 12, "draft")]],
        13: [[(0, 9, "bid price")], []],
        18: [[(0, 1, "x")], []],
        19: [[(0, 1, "x"), (2, 5, "bom"), (6, 15, "bid price")], []],
        20: [[(0, 6, "产权交易底价")], []],
    }
    # and exactly each block's own scan, in block order
    assert list(got) == sorted(got)
    for i, text in enumerate(folded):
        want = [_spans(h) for h in multi.scan(text)]
        assert [_spans(h) for h in got.get(i, [[], []])] == want, text
    # only blocks where the automaton matched a term were folded, once (abom, bomb, xbom: matched,
    # then dropped by select; 招标控制价: an allow term only, never folded)
    assert asked == [0, 1, 3, 4, 5, 6, 7, 9, 13, 18, 19, 20]


def test_a_block_holding_nul_is_scanned_on_its_own():
    one, two = _blocks_matchers()
    multi = MultiMatcher((one, two))
    texts = ["末尾底", "价开头", "底\x00价", "bom"]
    got = multi.scan_blocks(texts, lambda i: fold(texts[i]))
    assert {i: [_spans(h) for h in hits] for i, hits in got.items()} == {
        2: [[(0, 3, "底\x00价")], []],
        3: [[(0, 3, "bom")], []],
    }


def test_one_pass_equals_block_by_block_on_random_blocks():
    import random

    one, two = _blocks_matchers()
    multi = MultiMatcher((one, two))
    pieces = ["底", "价", "产权", "交易", "bom", "B", "o", "m", "x", " ", "、", "draft", "拟办意见",
              "招标控制价", "bid", " price", "𠀀", "é", "9", "\x00"]
    rng = random.Random(20240601)
    for _ in range(200):
        texts = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 6)))
                 for _ in range(rng.randint(1, 8))]
        if rng.random() < 0.7:
            texts = [t.replace("\x00", "") for t in texts]
        folded = [fold(t) for t in texts]
        got = multi.scan_blocks([normalize(t).text for t in texts], folded.__getitem__)
        want = {i: hits for i, hits in enumerate(multi.scan(t) for t in folded) if any(hits)}
        assert {i: [_spans(h) for h in hits] for i, hits in got.items()} == \
            {i: [_spans(h) for h in hits] for i, hits in want.items()}, texts


def test_ascii_lower_changes_ascii_letters_only():
    assert ascii_lower("BOM Ω Ä Σ 𝐀 Ⅸ z\udc80Q，ＡＢ") == "bom Ω Ä Σ 𝐀 Ⅸ z\udc80q，ＡＢ"
    assert ascii_lower("BID Price") == "bid price"


def test_the_documents_pass_gives_each_block_what_its_scan_gives(config):
    texts = ["本单位拟办意见如下。", "投标报价为100万元。", "底价", "BOM表与DRAFT稿",
             "招标控制价为200万元。", "会议纪要", "产权交易底价"]
    document = make_document(*texts)
    analyse(document, config, RESTRICTED_INFO)
    analyse(document, config, TRADE_SECRETS)
    memo = document_memo(document)
    for spec in (RESTRICTED_INFO, TRADE_SECRETS):
        comp, held = memo[("term_hits", spec.plugin)]
        want = {i: hits for i, hits in enumerate(comp.matcher.scan(fold(t)) for t in texts)
                if hits}
        assert {i: _spans(h) for i, h in held.items()} == {i: _spans(h) for i, h in want.items()}
        assert held  # the lexicons do have terms in these blocks
