"""The plain-text reader: encodings, lines and their ordinals, limits."""

from __future__ import annotations

import codecs

import pytest

from screening import Limits, UnreadableDocument
from screening.readers import Reader
from screening.readers.text import READER, decode

REGULATION = "国家秘密的密级分为绝密、机密、秘密三级。\r\n\r\n第二条  本办法所称国家秘密\n  \n机密★1年\n"
EXPECTED = [
    # (text, line ordinal, source)
    ("国家秘密的密级分为绝密、机密、秘密三级。", 0, "line 1"),
    ("第二条  本办法所称国家秘密", 1, "line 3"),
    ("机密★1年", 2, "line 5"),
]


def read(tmp_path, data: bytes, name: str = "规定.txt", limits: Limits | None = None):
    path = tmp_path / name
    path.write_bytes(data)
    return READER.read(path, limits or Limits())


def shape(document):
    return [(b.text, b.line, b.source) for b in document.blocks]


@pytest.mark.parametrize("encoding, data", [
    ("utf-8", REGULATION.encode("utf-8")),
    ("utf-8-sig", codecs.BOM_UTF8 + REGULATION.encode("utf-8")),
    ("utf-16 LE with BOM", codecs.BOM_UTF16_LE + REGULATION.encode("utf-16-le")),
    ("utf-16 BE with BOM", codecs.BOM_UTF16_BE + REGULATION.encode("utf-16-be")),
    ("gb18030", REGULATION.encode("gb18030")),
    ("gbk", REGULATION.replace("★", "*").encode("gbk")),
])
def test_encodings_give_the_same_blocks(tmp_path, encoding, data):
    document = read(tmp_path, data)
    expected = EXPECTED if encoding != "gbk" else [
        (t.replace("★", "*"), n, s) for t, n, s in EXPECTED]
    assert shape(document) == expected
    assert document.format == "text"
    assert document.pages is None
    assert all(b.part == "body" and b.page is None and b.flags == frozenset()
               for b in document.blocks)
    assert [b.index for b in document.blocks] == [0, 1, 2]


def test_decode_names_the_encoding():
    assert decode("国家秘密".encode("gb18030")) == ("国家秘密", "gb18030")
    assert decode("国家秘密".encode("utf-8")) == ("国家秘密", "utf-8")
    assert decode(codecs.BOM_UTF8 + "秘密".encode("utf-8")) == ("秘密", "utf-8-sig")


def test_utf16_without_bom_is_recognised_by_its_nul_bytes(tmp_path):
    text = "Document No. 2024-17\nSecret: 内部资料 注意保存\n"
    assert shape(read(tmp_path, text.encode("utf-16-le"))) == [
        ("Document No. 2024-17", 0, "line 1"), ("Secret: 内部资料 注意保存", 1, "line 2")]
    assert shape(read(tmp_path, text.encode("utf-16-be"))) == [
        ("Document No. 2024-17", 0, "line 1"), ("Secret: 内部资料 注意保存", 1, "line 2")]


def test_line_breaks_of_every_kind_and_empty_lines(tmp_path):
    document = read(tmp_path, "一\r二\r\n\r\n三\n\n\n四".encode())
    assert shape(document) == [("一", 0, "line 1"), ("二", 1, "line 2"), ("三", 2, "line 4"),
                               ("四", 3, "line 7")]
    # without a carriage return (the fast path) only "\n" breaks a line; what str.splitlines
    # would also take (U+2028, vertical tab, form feed) stays inside the line
    document = read(tmp_path, "一\u2028二\x0b三\n\n四\x0c五".encode())
    assert shape(document) == [("一\u2028二\x0b三", 0, "line 1"), ("四\x0c五", 1, "line 3")]


def test_leading_spaces_are_kept_as_written(tmp_path):
    # offsets of findings refer to the line as it stands in the file
    assert shape(read(tmp_path, "\u3000\u3000第一条 为了加强管理".encode())) == [
        ("\u3000\u3000第一条 为了加强管理", 0, "line 1")]


def test_undecodable_bytes_are_refused(tmp_path):
    # 0x80 and 0xFF are invalid in UTF-8 and in GB18030
    with pytest.raises(UnreadableDocument) as info:
        read(tmp_path, b"abc \x80\xff\x80\xff def")
    assert info.value.code == "encoding"
    assert "UTF-8" in info.value.message and "另存为" in info.value.message


def test_control_garbage_is_not_text(tmp_path):
    with pytest.raises(UnreadableDocument) as info:
        read(tmp_path, bytes(range(1, 9)) * 50 + "机密".encode())
    assert info.value.code == "unsupported_format"
    assert "不是文本" in info.value.message


def test_text_limit(tmp_path):
    data = ("国家秘密" * 30).encode("utf-8")  # 120 characters, 360 bytes
    with pytest.raises(UnreadableDocument) as info:
        read(tmp_path, data, limits=Limits(max_text_chars=100))
    assert info.value.code == "limit"
    # over four bytes per allowed character: refused before decoding
    with pytest.raises(UnreadableDocument) as info:
        read(tmp_path, data, limits=Limits(max_text_chars=80))
    assert info.value.code == "limit"
    assert len(read(tmp_path, data, limits=Limits(max_text_chars=120)).blocks) == 1


def test_reader_protocol():
    assert isinstance(READER, Reader)
    assert READER.format == "text"
    assert READER.sniff("机密".encode("gb18030"), ".txt")
    assert READER.sniff(b"plain", "")
    assert not READER.sniff(b"%PDF-1.7\n", ".txt")
    assert not READER.sniff(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", ".txt")
