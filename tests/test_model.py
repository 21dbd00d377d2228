"""The document model: blocks by part and flagged blocks."""

from __future__ import annotations

import dataclasses

from screening import Block, Document
from screening.model import BlockList


def _document() -> Document:
    return Document(path="d.docx", format="docx", blocks=(
        Block("正文一", "body", 0),
        Block("批注一", "comment", 1, label="张三"),
        Block("隐藏的字", "body", 2, flags=frozenset({"hidden"})),
        Block("正文二", "body", 3),
        Block("批注二", "comment", 4),
        Block("作者：张三", "metadata", 5, label="core:creator"),
        Block("白色的字", "body", 6, flags=frozenset({"white"})),
    ))


def test_parts_are_the_blocks_of_those_parts_in_document_order():
    doc = _document()
    assert [b.index for b in doc.parts("comment")] == [1, 4]
    assert [b.index for b in doc.parts("metadata", "comment")] == [1, 4, 5]
    assert [b.index for b in doc.parts("body")] == [0, 2, 3, 6]
    assert list(doc.parts("footnote")) == []


def test_flagged_are_the_blocks_with_any_flag_in_document_order():
    doc = _document()
    assert [b.text for b in doc.flagged()] == ["隐藏的字", "白色的字"]


def test_a_copy_with_other_blocks_is_indexed_anew():
    doc = _document()
    assert [b.index for b in doc.parts("comment")] == [1, 4]  # indexed, in doc.memo
    # dataclasses.replace hands the copy the same memo dict: the index must notice the blocks
    copy = dataclasses.replace(doc, blocks=(Block("只有正文", "body", 0),))
    assert copy.memo is doc.memo
    assert list(copy.parts("comment")) == []
    assert list(copy.flagged()) == []
    assert [b.index for b in doc.parts("comment")] == [1, 4]


def test_adding_lines_at_once_makes_the_blocks_adding_each_makes():
    lines = ["第一行", "", "  \u3000", "第四行\t有制表符", "\u2003第五行"]
    one_by_one, at_once = BlockList(), BlockList()
    one_by_one.add("标题", "body", counts_as_line=True)
    at_once.add("标题", "body", counts_as_line=True)
    for number, line in enumerate(lines, 1):
        one_by_one.add(line, "body", counts_as_line=True, source=f"line {number}")
    at_once.add_lines(lines, "body")
    assert at_once.blocks == one_by_one.blocks
    assert [(b.index, b.line, b.source) for b in at_once.blocks] == [
        (0, 0, ""), (1, 1, "line 1"), (2, 2, "line 4"), (3, 3, "line 5")]
