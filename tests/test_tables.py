"""TableIndex: the header of a cell's column, also below a title row; not for the header itself."""

from screening import TableIndex
from tests.conftest import make_document


def cell(text, t, r, c):
    return {"text": text, "part": "table", "table": (t, r, c)}


def test_header_of_each_column():
    doc = make_document(
        cell("2026年低保对象名单", 0, 0, 0),
        cell("姓名", 0, 1, 0), cell("身份证号码", 0, 1, 1),
        cell("王建国", 0, 2, 0), cell("110105196703150014", 0, 2, 1),
        cell("李秀英", 0, 3, 0), cell("350423198812050023", 0, 3, 1),
        "正文段落",
    )
    idx = TableIndex(doc)
    assert idx.header_row(0) == 1                          # the dated title row is passed over
    assert idx.header_of(doc.blocks[3]) == "姓名"
    assert idx.header_of(doc.blocks[4]) == "身份证号码"
    assert idx.header_of(doc.blocks[6]) == "身份证号码"
    assert idx.header_of(doc.blocks[2]) is None            # the header cell itself
    assert idx.header_of(doc.blocks[0]) is None            # the title above it
    assert idx.header_of(doc.blocks[7]) is None            # not in a table
    assert [b.text for b in idx.column(0, 1)] == ["身份证号码", "110105196703150014",
                                                  "350423198812050023"]


def test_cell_with_several_paragraphs():
    doc = make_document(cell("联系电话", 1, 0, 0), cell("138 0013", 1, 1, 0), cell("8000", 1, 1, 0))
    idx = TableIndex(doc)
    assert idx.cell_text(1, 1, 0) == "138 00138000"
    assert [b.index for b in idx.cell_blocks(1, 1, 0)] == [1, 2]
