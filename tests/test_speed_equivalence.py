"""The speed work of the personal-data scan changed how some things are computed, never what: each
faster form is checked here against the plain form it replaced (seeded random inputs, and every
code point where a character class was spelled out)."""

from __future__ import annotations

import itertools
import operator
import random
import re

import pytest
import regex

from screening import Normalized, normalize
from screening.masking import _ALNUM, _mask_alnum, mask_address
from screening.model import Block, BlockList, Category, Finding, Location, Severity
from screening.text import _GAP_HINT, NUMBER_GAP, BlockTexts, block_texts, join_numbers
from screening_plugins.classification_marks.terms import _RAW_SPACE
from screening_plugins.personal_data import validators as v
from screening_plugins.personal_data.email import _ANCHOR, _SIGN
from screening_plugins.personal_data.identifiers import PREFILTER, resolve
from screening_plugins.personal_data.license_plate import PROVINCES
from screening_plugins.personal_data.people import HAN, IS_HAN
from screening_plugins.personal_data.recognizer import Candidate, Recognizer
from tests.conftest import make_document

ALL_CHARS = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)


def strings(alphabet: str, n: int, longest: int, seed: int = 1) -> list[str]:
    rnd = random.Random(seed)
    return ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, longest)))
            for _ in range(n)]


# -- character classes spelled out for re -------------------------------------------------------

def test_raw_space_class_is_regex_whitespace_and_zero_width_space():
    assert re.findall(_RAW_SPACE, ALL_CHARS) == regex.findall(r"[\s\u200b]", ALL_CHARS)


def test_han_table_agrees_with_the_han_pattern():
    sample = ALL_CHARS[:0x10000] + ALL_CHARS[0x1F000:0x32400]
    assert [ch for ch in sample if IS_HAN[ch]] == HAN.findall(sample)


# -- the identifier prefilter --------------------------------------------------------------------

#: the prefilter as it was written before its first character was hoisted into one class
PLAIN_PREFILTER = re.compile(
    r"\d{5}|\d[ \-.\u00a0\u2010-\u2015\u3000\uff0d\n]{1,3}\d|[@＠#]|[\[(（［](?i:at)[\])）］]"
    r"|\d[*＊●○×xX]|[*＊●○×][\d*＊●○×]"
    rf"|[{PROVINCES}][A-Za-zＡ-Ｚａ-ｚ]")


def test_prefilter_passes_exactly_what_the_plain_alternation_passes():
    alphabet = "0123456789 -.\u3000\n@＠#[(（［at]AT)）］*＊●○×xX京沪闽AbＡｚ张的１٣"
    for text in strings(alphabet, 60000, 10):
        assert bool(PREFILTER.search(text)) == bool(PLAIN_PREFILTER.search(text)), text


# -- number joining -------------------------------------------------------------------------------

def _plain_join(norm: Normalized) -> Normalized:
    """The number-joined view as it was built before (a tuple of every offset)."""
    gaps = list(NUMBER_GAP.finditer(norm.text))
    if not gaps:
        return norm
    out, mapped, joins, pos, length = [], [], [], 0, 0
    for m in gaps:
        out.append(norm.text[pos:m.start()])
        mapped.extend(norm.origin[pos:m.start()])
        length += m.start() - pos
        joins.append((length, m.group()))
        pos = m.end()
    out.append(norm.text[pos:])
    mapped.extend(norm.origin[pos:])
    return Normalized("".join(out), tuple(mapped), norm.original_length, tuple(joins))


def test_gap_hint_is_found_wherever_a_gap_is():
    for text in strings("0123456789 .-\n\r\u2010\u2212x,", 60000, 12, seed=2):
        assert _GAP_HINT.search(text) or not NUMBER_GAP.search(text), text


def test_joined_view_and_its_offsets_are_those_of_the_plain_construction():
    for text in strings("0123456789 .-\n１２㈠、甲\u3000", 20000, 15, seed=4):
        norm = normalize(text)
        fast, plain = join_numbers(norm), _plain_join(norm)
        assert (fast.text, fast.joins, fast.original_length) == \
            (plain.text, plain.joins, plain.original_length)
        assert tuple(fast.origin) == tuple(plain.origin) and fast == plain
        assert fast.origin[-1:] == plain.origin[-1:] if fast.text else True
        for i, j in itertools.combinations_with_replacement(range(len(fast.text) + 1), 2):
            assert fast.span(i, j) == plain.span(i, j)


# -- masking and check digits ---------------------------------------------------------------------

def _plain_mask_alnum(text: str, first: int, last: int, char: str) -> str:
    if text.isascii() and text.isalnum():
        n = len(text)
        if first + last >= n:
            first, last = min(first, 1), 0
        return text[:first] + char * (n - first - last) + text[n - last:]
    positions = [m.start() for m in _ALNUM.finditer(text)]
    if not positions:
        return text
    if first + last >= len(positions):
        first, last = min(first, 1), 0
    hidden = set(positions[first:len(positions) - last])
    return "".join(char if i in hidden else ch for i, ch in enumerate(text))


def test_mask_alnum_is_the_plain_masking():
    rnd = random.Random(5)
    for text in strings("0123456789abcXYZ-_ .@()+#*●１２张éＡ٣\u3000＠", 20000, 14, seed=5):
        first, last = rnd.randint(0, 7), rnd.randint(0, 5)
        for char in ("*", "X", "●"):
            assert _mask_alnum(text, first, last, char) == \
                _plain_mask_alnum(text, first, last, char), (text, first, last)


def test_mask_address_hides_every_kind_of_numeral():
    assert mask_address("城关镇东街88号3栋2单元501室") == "城关镇东街**号*栋*单元***室"
    assert mask_address("南岭村三组１２号", "#") == "南岭村#组##号"


def test_check_digits_are_those_of_the_textbook_formulas():
    rnd = random.Random(7)
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    for _ in range(20000):
        body = "".join(rnd.choice("0123456789") for _ in range(17))
        assert v.id_check_char(body) == \
            "10X98765432"[sum(map(operator.mul, map(int, body), weights)) % 11]
        digits = "".join(rnd.choice("0123456789") for _ in range(rnd.randint(0, 25)))
        plain = (digits.isdigit() and (sum(map(int, digits[-1::-2])) + sum(
            (2 * int(d)) - 9 * (int(d) > 4) for d in digits[-2::-2])) % 10 == 0)
        assert v.luhn_valid(digits) == plain, digits
        code = "".join(rnd.choice(v._USCC_ALPHABET + "IOZ") for _ in range(17))
        values = [v._USCC_VALUE.get(c) for c in code]
        expected = None if None in values else v._USCC_ALPHABET[
            (31 - sum(a * b for a, b in zip(values, v._USCC_WEIGHTS)) % 31) % 31]
        assert v.uscc_check_char(code) == expected
    assert v.id_check_char("１１０１０５１９４９１２３１００２") == "X"   # not ASCII: the old way


# -- e-mail anchors and conflicts -----------------------------------------------------------------

def test_without_an_at_word_the_email_anchors_are_the_signs():
    for text in strings("ab@#[(]) tA.1张", 30000, 10, seed=8):
        lower = text.lower()
        if "(at)" not in lower and "[at]" not in lower:
            assert [m.span() for m in _SIGN.finditer(text)] == \
                [m.span() for m in _ANCHOR.finditer(text)], text


class _Stub(Recognizer):
    name, kind, priority = "stub", "stub", 1


def _plain_resolve(candidates: list[Candidate]) -> list[Candidate]:
    ordered = sorted(candidates, key=lambda c: (-c.priority, -c.confidence,
                                                -(c.end - c.start), c.start))
    kept: list[Candidate] = []
    for c in ordered:
        if all(c.end <= k.start or k.end <= c.start for k in kept):
            kept.append(c)
    return sorted(kept, key=lambda c: c.start)


def test_resolve_keeps_what_the_plain_resolution_keeps():
    rnd = random.Random(9)
    for _ in range(20000):
        found = []
        for _ in range(rnd.randint(0, 5)):
            start = rnd.randint(0, 30)
            found.append(Candidate(_Stub(), start, start + rnd.randint(0, 8), Severity.REVIEW,
                                   rnd.choice((0.5, 0.9)), "", rnd.choice((30, 70, 100))))
        assert resolve(list(found)) == _plain_resolve(list(found))


# -- the per-document memo and the model ----------------------------------------------------------

def test_block_texts_are_made_once_per_document_and_not_shared_across_documents():
    doc = make_document("电话：１３８ １２３４ ５６７８", "第二行")
    texts = block_texts(doc)
    assert block_texts(doc) is texts
    first = texts.of(doc.blocks[0])
    assert first is texts.of(doc.blocks[0]) and first == normalize(doc.blocks[0].text)
    other = make_document("电话：１３８ １２３４ ５６７８", "第二行")
    assert block_texts(other) is not texts
    stranger = Block("ｘ１", "body", 0)             # not the document's block 0
    assert BlockTexts(doc).of(stranger).text == "x1"


def test_fast_constructors_keep_defaults_checks_and_keywords():
    loc = Location("body", None, 3, 1, 5)
    assert loc.bbox is None and loc == Location(part="body", page=None, block=3, start=1, end=5)
    f = Finding("d", Category.PERSONAL_DATA, "k", Severity.REVIEW, "t", "m", "b", 0.5, "e", loc)
    assert f.suppressed_by is None
    with pytest.raises(ValueError, match="outside 0..1"):
        Finding("d", Category.PERSONAL_DATA, "k", Severity.REVIEW, "t", "m", "b", 1.5, "e", loc)
    with pytest.raises(ValueError, match="unknown block part"):
        Block("t", "nowhere", 0)
    with pytest.raises(ValueError, match=r"unknown block flags \['zzz'\]"):
        Block("t", "body", 0, flags=frozenset({"hidden", "zzz"}))
    assert Block(text="t", part="body", index=2, line=1).line == 1


def test_block_list_makes_the_blocks_block_would_and_checks_them_alike():
    blocks = BlockList()
    assert blocks.add("  ", "body") is None
    made = [blocks.add("第一行", "body", counts_as_line=True, source="line 1"),
            blocks.add("页眉", "header", page=2, counts_as_line=True, label="first-page header"),
            blocks.add("单元格", "table", page=2, counts_as_line=True, table=(0, 1, 2),
                       flags=frozenset({"white"}), bbox=(1.0, 2.0, 3.0, 4.0))]
    assert made == [Block("第一行", "body", 0, None, 0, "line 1"),
                    Block("页眉", "header", 1, 2, 0, label="first-page header"),
                    Block("单元格", "table", 2, 2, 1, flags=frozenset({"white"}), table=(0, 1, 2),
                          bbox=(1.0, 2.0, 3.0, 4.0))]
    assert blocks.blocks == made and hash(made[0]) == hash(Block("第一行", "body", 0, None, 0,
                                                                 "line 1"))
    with pytest.raises(ValueError, match="unknown block part"):
        blocks.add("t", "nowhere")
    with pytest.raises(ValueError, match=r"unknown block flags \['zzz'\]"):
        blocks.add("t", "body", flags=frozenset({"hidden", "zzz"}))
    with pytest.raises(TypeError):
        blocks.add("t", "body", colour="red")       # no field of that name
    assert len(blocks.blocks) == 3                  # nothing half-added


def test_the_pipeline_drops_what_detectors_shared_about_a_document(screener):
    from screening import text

    doc = make_document("联系人：王建国，电话13812345678")
    findings = screener.detect(doc)
    assert {f.kind for f in findings} >= {"person_name", "mobile_phone"}
    assert doc.memo == {}                       # emptied when detection ended
    assert block_texts(doc) is not None and doc.memo != {}
    text.forget(doc)
    assert doc.memo == {}
    other = make_document("另一个文件")
    assert text.document_memo(other) is other.memo is not doc.memo


def test_characters_the_normaliser_skips_are_left_alone_by_its_table():
    from screening.text import _MAY_CHANGE, _TABLE

    skipped = _MAY_CHANGE.sub("", ALL_CHARS)
    assert len(skipped) == 0x80 - 1 + 0x9FFF - 0x4E00 + 1
    assert all(_TABLE[ord(ch)] == ch for ch in skipped)
    for text in strings("a\tb 中文，（１）㈠\u3000\u00a0ｘ．ﬁ", 5000, 12, seed=10):
        assert normalize(text).text == text.translate(_TABLE)


def test_sentence_start_spelled_out_finds_what_the_plain_form_finds():
    from screening_plugins.personal_data.people import SENTENCE_ENDS, sentence_start

    rnd = random.Random(11)
    for _ in range(3000):
        text = "".join(rnd.choice("王建国。;!?\n，1 ") for _ in range(rnd.randint(0, 24)))
        pos = rnd.randint(0, len(text))
        assert sentence_start(text, pos) == max(text.rfind(ch, 0, pos) for ch in SENTENCE_ENDS) + 1


def test_the_row_hint_refuses_only_lines_the_row_pattern_refuses():
    from screening_plugins.personal_data.name_finder import _ROW, _ROW_HINT

    rnd = random.Random(5)
    pieces = ["王", "建国", "李", "、", ",", " ", "\t", "12", "1.", "(3)", "3)", "a", "é", "丨", ":",
              "〇", "\U00020000"]
    for _ in range(20000):
        line = "".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 8)))
        if _ROW.match(line):
            assert _ROW_HINT.match(line), line
