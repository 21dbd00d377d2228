"""screening.text: the one normaliser (NFKC with an offset map) and its number-joined view."""

from __future__ import annotations

import unicodedata

import pytest

from screening import Normalized, compact, join_numbers, normalize
from screening.text import normalize_all


def original(norm: Normalized, source: str, start: int, end: int) -> str:
    s, e = norm.span(start, end)
    return source[s:e]


# -- normalize --------------------------------------------------------------------------------

def test_ascii_is_copied_and_tabs_become_spaces():
    n = normalize("ab\tc 1")
    assert n.text == "ab c 1"
    assert list(n.origin) == [0, 1, 2, 3, 4, 5]
    assert n.joins == ()


def test_full_width_digits_letters_and_punctuation_become_ascii():
    source = "身份证：１１０１０５１９４９１２３１００２Ｘ，（０５９８）"
    n = normalize(source)
    assert n.text == "身份证:11010519491231002X,(0598)"
    assert len(n.text) == len(source)
    assert original(n, source, 4, 22) == "１１０１０５１９４９１２３１００２Ｘ"


@pytest.mark.parametrize("space", ["\u3000", "\u00a0", "\u2002", "\u2009", "\u200b", "\t"])
def test_every_kind_of_space_is_one_space(space):
    assert normalize(f"秘{space}密").text == "秘 密"


def test_expanding_characters_map_back_to_their_source_character():
    source = "第㈠项１０"
    n = normalize(source)
    assert n.text == "第(一)项10"
    assert [n.origin[i] for i in range(len(n.text))] == [0, 1, 1, 1, 2, 3, 4]
    assert original(n, source, 1, 4) == "㈠"
    assert original(n, source, 5, 7) == "１０"


def test_empty_span_maps_to_a_position():
    n = normalize("ab")
    assert n.span(1, 1) == (1, 1)
    assert n.span(2, 2) == (2, 2)


def test_same_as_per_character_nfkc_on_a_mixed_text():
    source = "Ｈｅｌｌｏ　世界①２③ ㎡ ﬁ ＊ｘ×"
    n = normalize(source)
    expected = "".join(" " if c in "\u3000" else unicodedata.normalize("NFKC", c) for c in source)
    assert n.text == expected
    for i, ch in enumerate(n.text):
        assert ch in unicodedata.normalize("NFKC", source[n.origin[i]]) or ch == " "


@pytest.mark.parametrize("source", [
    "姓名：王建国，电话：１３８　１２３４　５６７８；住址：（略）。，，：：",   # one for one, repeated
    "Ａ＊Ｂ　ｘ×１\t２\u00a0３\u200b４＠ｑｑ．ｃｏｍ",
    "㈠、㈡（１）㎡",                                                     # expansions: offsets move
])
def test_each_character_is_normalised_on_its_own(source):
    n = normalize(source)
    per_char = [" " if unicodedata.normalize("NFKC", c) in (" ", "\u200b", "\t") or c in "\t\u200b"
                else unicodedata.normalize("NFKC", c) for c in source]
    assert n.text == "".join(per_char)
    assert [source[n.origin[i]] for i in range(len(n.text))] == [
        c for c, out in zip(source, per_char) for _ in out]


@pytest.mark.parametrize("texts", [
    ["姓名：王建国，电话：１３８　１２３４　５６７８", "plain ascii\tline", "", "住址：（略）。"],
    ["一行\n两行：１２", "Ａ＊Ｂ　ｘ×", "㈠、㈡（１）㎡"],   # an expansion in one: offsets move
    [],
])
def test_normalising_a_document_at_once_is_normalising_each_text(texts):
    together = normalize_all(texts)
    assert [(n.text, tuple(n.origin), n.original_length) for n in together] == [
        (n.text, tuple(n.origin), n.original_length) for n in map(normalize, texts)]


def test_compact_removes_every_space():
    assert compact("机\u3000密 ★\u00a01年") == "机密★1年"


# -- number joining ---------------------------------------------------------------------------

@pytest.mark.parametrize("written, groups", [
    ("110105 1949 1231 002X", (6, 4, 4, 4)),
    ("110105\u30001949\u30001231\u3000002X", (6, 4, 4, 4)),
    ("110105\u00a019491231\u00a0002X", (6, 8, 4)),
    ("110105-19491231-002X", (6, 8, 4)),
    ("１１０１０５－１９４９１２３１－００２Ｘ", (6, 8, 4)),
    ("110105 — 19491231 — 002X", (6, 8, 4)),
    ("110105.19491231.002X", (6, 8, 4)),
    ("1101051949\n1231002X", (10, 8)),
    ("110105  1949   1231 002X", (6, 4, 4, 4)),
])
def test_separators_inside_a_number_are_dropped(written, groups):
    source = f"号码{written}。"
    n = normalize(source, join_numbers=True)
    assert n.text == "号码11010519491231002X。"
    assert n.groups(2, 20) == groups
    assert original(n, source, 2, 20) == written


def test_joined_view_keeps_the_plain_one_for_text_without_gaps():
    plain = normalize("电话13812345678。")
    assert join_numbers(plain) is plain


def test_only_separators_between_two_digits_are_dropped():
    n = normalize("第 3 页 共12页，A 1，2024年 3月，1 -", join_numbers=True)
    assert n.text == "第 3 页 共12页,A 1,2024年 3月,1 -"
    n = normalize("138 1234 5678 和 0598-8705050", join_numbers=True)
    assert n.text == "13812345678 和 05988705050"
    assert n.separators(0, 11) == [" ", " "]
    assert n.separators(14, 25) == ["-"]


def test_a_decimal_point_is_no_separator():
    assert normalize("金额514814837.32元", join_numbers=True).text == "金额514814837.32元"
    assert normalize("138.1234.5678", join_numbers=True).text == "13812345678"
    assert normalize("1.2.3", join_numbers=True).text == "123"


def test_gaps_are_found_after_words_and_a_first_decimal():
    # the search for gaps starts at the first digit followed by a separator; what stands before
    # it still decides (a dot is a separator only in a number with two or more)
    n = normalize("编号:1.2.3,金额6000.00元,电话 138.1234.5678", join_numbers=True)
    assert n.text == "编号:123,金额6000.00元,电话 13812345678"
    assert n.joins == ((4, "."), (5, "."), (24, "."), (28, "."))


def test_four_spaces_or_two_dashes_do_not_join():
    assert normalize("1234    5678", join_numbers=True).text == "1234    5678"
    assert normalize("1234--5678", join_numbers=True).text == "1234--5678"


def test_line_break_inside_a_cell_joins_and_is_recorded():
    source = "6222 0202\n0011 2233 445"
    n = normalize(source, join_numbers=True)
    assert n.text == "6222020200112233445"
    assert n.groups(0, 19) == (4, 4, 4, 4, 3)
    assert n.separators(0, 19) == [" ", "\n", " ", " "]
    assert original(n, source, 0, 19) == source


def test_joined_offsets_of_a_piece_in_the_middle():
    source = "甲：１３８ １２３４ ５６７８，乙"
    n = normalize(source, join_numbers=True)
    i = n.text.index("13812345678")
    assert original(n, source, i, i + 11) == "１３８ １２３４ ５６７８"
    assert original(n, source, i + 3, i + 7) == "１２３４"
