"""The shared position and context rules of the classification-mark detectors."""

from __future__ import annotations

import pytest
import regex

from screening import Block, normalize
from screening_plugins.classification_marks.position import (Context, DocumentView, Fields,
                                                             in_top_position, is_standalone, where)
from tests.conftest import make_document

COMPANIONS = regex.compile("特急|加急|指人专办")


def block(text="", part="body", **fields):
    return Block(text=text, part=part, index=0, **fields)


@pytest.mark.parametrize("b,expected", [
    (block(page=1, line=1), "第1页第2行"), (block(page=None, line=0), "第1行"),
    (block(part="header"), "页眉"), (block(part="header", page=2), "第2页的页眉"),
    (block(part="textbox", page=1), "第1页的文本框"),
    (block(part="header", flags=frozenset({"watermark"})), "水印"),
    (block(part="metadata", label="custom:密级"), "文档属性（custom:密级）"),
    (block(part="table", page=1), "第1页的表格"),
])
def test_where(b, expected):
    assert where(b) == expected


@pytest.mark.parametrize("b,top", [
    (block(page=1, line=5), True), (block(page=1, line=6), False), (block(page=2, line=0), False),
    (block(page=None, line=0), True), (block(part="table", page=1, line=2), True),
    (block(part="header"), True), (block(part="footnote", page=1), False),
    (block(part="hidden", page=1, line=0), False),
])
def test_top_position(b, top):
    assert in_top_position(b) is top


@pytest.mark.parametrize("text,standalone", [
    ("秘密★1年", True), ("000001 秘密★1年 特急", True), ("（秘密★1年）", True),
    ("No.0012 秘密★1年", True), ("秘密★1年 指人专办", True), ("秘密★1年关于调整的通知", False),
    ("第3页 秘密★1年", False), ("关于" + "很长的标题" * 8 + "\n秘密★1年", True),
])
def test_standalone_body_line(text, standalone):
    t = normalize(text).text
    s = t.index("秘密")
    assert is_standalone(t, s, s + 5, block(t), COMPANIONS) is standalone


def test_header_segments_are_separated_by_wide_spaces():
    t = normalize("XX市人民政府办公室　　秘密★1年　　第1页").text
    s = t.index("秘密")
    assert is_standalone(t, s, s + 5, block(t, "header"), COMPANIONS)
    assert not is_standalone(t, s, s + 5, block(t, "body", page=1, line=0), COMPANIONS)


@pytest.fixture(scope="module")
def context(config):
    return Context(config.lexicon("mark_false_positives"))


@pytest.mark.parametrize("text,reason", [
    ("文件应标注为：机密★10年", "“应标注”之后"), ("格式如“机密★10年”。", "引号或书名号内"),
    ("A.秘密10年 B.机密★10年", "试题选项中"), ("判断题：机密★10年的写法正确。", "试题或培训材料中"),
    ("本办法所称密级标志，是指机密★10年等。", "定义条款中"),
    ("第五条　机密★10年的文件由专人保管。", "制度、办法的条文中"),
    ("本次会议材料属机密★10年，请妥善保管。", None),
    ("规定标注密级。本材料属机密★10年。", None),  # the cue is in another sentence
])
def test_context_reason(text, reason, context):
    t = normalize(text).text
    s = t.index("★") - 2
    found = context.reason(t, s, s + 6)
    assert (found if found is None else found[:len(reason)]) == reason


def test_look_alike(context):
    t = "加强内部控制"
    assert context.inside_lookalike(t, 2, 4)
    assert not context.inside_lookalike("内部", 0, 2)


def test_regulation_document(context):
    assert DocumentView(make_document("XX局政府信息公开保密审查制度", "第一条"), context).regulation
    assert DocumentView(make_document("关于印发《XX局保密管理办法（试行）》的通知"), context).regulation
    assert not DocumentView(make_document("关于做好防汛工作的通知"), context).regulation
    assert not DocumentView(make_document(*["正文"] * 8, "XX制度"), context).regulation


def test_fields():
    fields = Fields(["密级", "文件密级"])
    doc = make_document("文件密级：机密，保密期限：10年　　密级 : 秘密")
    t = normalize(doc.blocks[0].text).text
    # a value runs to a comma, a semicolon or a wide space; detectors match the mark at its start
    assert [(t[f:v], t[v:e]) for f, v, e in fields.values(doc.blocks[0], t, None)] == [
        ("文件密级:", "机密"), ("密级 : ", "秘密")]
    t = "密级:绝密、机密"
    assert list(fields.values(block(t), t, None)) == []
