"""The document-level gate (:mod:`screening_plugins.classification_marks.gate`): the detectors look
only at the blocks holding a key character of their raw tests (and the short blocks in top
position), and find exactly what a test of every block finds."""

from __future__ import annotations

from dataclasses import replace

import pytest

from screening_plugins.classification_marks.disclosure_attribute import DisclosureAttributeDetector
from screening_plugins.classification_marks.gate import BlockGate, block_gate
from screening_plugins.classification_marks.secret_doc_number import SecretDocNumberDetector
from screening_plugins.classification_marks.secret_level import SecretLevelMarkDetector
from screening_plugins.classification_marks.terms import key_chars, lexicon
from screening_plugins.classification_marks.work_secret import WorkSecretMarkDetector
from tests.conftest import make_document

from .helpers import FILLER, run, summary

DETECTORS = (SecretLevelMarkDetector(), SecretDocNumberDetector(), WorkSecretMarkDetector(),
             DisclosureAttributeDetector())


def test_key_chars_of_the_level_words_and_fields_is_mi(config):
    marks = lexicon(config, "secret_level_marks")
    assert key_chars(marks.terms("level") + marks.terms("field")) == {"密"}


@pytest.mark.parametrize("name", ["work_secret_marks", "disclosure_attribute_marks"])
def test_every_phrase_term_holds_a_key_char(config, name):
    terms = [e.term for e in lexicon(config, name).entries
             if e.options().get("scope") != "top"]  # English marks: looked at in top position
    keys = key_chars(terms)
    assert keys and all(keys & set(term) for term in terms)
    assert len(keys) < len(terms)


def test_no_key_chars_where_the_raw_test_cannot_be_made():
    assert key_chars(["机密", "SECRET"]) is None
    assert key_chars([]) is None
    assert key_chars(["内部资料　注意保存"]) in ({ch} for ch in "内部资料注意保存")


def test_blocks_holding_a_key_char_at_any_edge():
    doc = make_document("密", {"text": "", "part": "body"}, "甲乙", "乙密", "密乙密", "丙丁", "丙",
                        *FILLER, "丁密")
    gate = block_gate(doc)
    assert [b.index for b in gate.blocks(frozenset("密"), top=False)] == [0, 3, 4, 17]
    assert [b.index for b in gate.blocks(frozenset("丙甲"), top=False)] == [2, 5, 6]
    # with top: the short blocks of the first six lines too, whatever their text
    assert [b.index for b in gate.blocks(frozenset("丁"))] == [0, 1, 2, 3, 4, 5, 17]
    assert gate.blocks(None) is doc.blocks
    assert block_gate(doc) is gate  # made once per document


def test_short_blocks_in_mark_parts_pass_whatever_their_text():
    doc = make_document(*FILLER, {"text": "INTERNAL", "part": "header"}, "INTERNAL",
                        {"text": "水印", "part": "body", "flags": frozenset({"watermark"})},
                        {"text": "x" * 81, "part": "footer"})
    # the first six lines of page 1 are short too; the 81-character footer is not
    assert [b.index for b in BlockGate(doc).blocks(frozenset("密"))] == [0, 1, 2, 3, 4, 5, 10, 12]


def test_a_memo_carried_over_to_other_blocks_is_not_reused():
    doc = make_document("机密★1年")
    gate = block_gate(doc)
    other = replace(doc, blocks=make_document("正文", "秘密★5年").blocks)
    assert other.memo is doc.memo and block_gate(other) is not gate
    assert [b.index for b in block_gate(other).blocks(frozenset("密"), top=False)] == [1]


#: Marks at the very start and end of blocks, next to blocks whose edges would complete a mark
#: if the blocks ran together (秘|密★, 注意保|密, 不予公|开), English marks in top position.
EDGES = (
    "TOP SECRET", "INTERNAL USE ONLY", "关于做好有关工作的通知",
    *FILLER,
    "机密★1年",
    "内部",
    "（此件不予公开）",
    "现将国办密〔2020〕3号文件精神传达如下，请遵照执行市委密电",
    "本段最后一个字是秘",
    "密★长期后面是正文的内容，这里写一段较长的文字说明有关工作的要求和安排，不是标志位置。",
    "请各单位注意保",
    "密工作",
    "对于不予公",
    "开的信息另行处理",
    {"text": "秘密★10年", "part": "header"},
    "此件发至县级",
)


def _ungated(monkeypatch):
    """Make every detector look at every block, as before the gate."""
    monkeypatch.setattr(BlockGate, "blocks", lambda self, chars, top=True: self._blocks)


def test_marks_at_block_edges(config):
    doc = make_document(*EDGES)
    assert [summary(run(d, doc, config)) for d in DETECTORS] == [
        [("secret_level", "body", "TOP SECRET", "block"),
         ("secret_level", "body", "机密★1年", "block"),
         ("secret_level", "header", "秘密★10年", "block")],
        [("secret_level", "body", "国办密〔2020〕3号", "review"),
         ("secret_level", "body", "市委密电", "review")],
        [("work_secret", "body", "INTERNAL USE ONLY", "review"),
         ("work_secret", "body", "内部", "review"),
         ("work_secret", "body", "此件发至县级", "review")],
        [("disclosure_attribute", "body", "（此件不予公开）", "block")],
    ]


def test_the_gate_finds_what_a_test_of_every_block_finds(config, monkeypatch):
    docs = [make_document(*EDGES), make_document(*EDGES[3:]), make_document(*reversed(EDGES[3:]))]
    gated = [[run(d, doc, config) for d in DETECTORS] for doc in docs]
    _ungated(monkeypatch)
    assert [[run(d, replace(doc, memo={}), config) for d in DETECTORS] for doc in docs] == gated
