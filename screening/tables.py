"""Table context for detectors: which column a cell stands in and what its header says.

A column headed 姓名 makes its cells names; one headed 身份证号码 makes any 18-character value a
resident ID (domain.md §6, the personal-data issue). Readers give every table-cell block
``table=(table, row, column)``; :class:`TableIndex` groups them once per document.

The header row of a table is its first row with at least two non-empty cells none of which holds a
digit (so a title row merged across the table, or a dated caption, is passed over); failing that,
row 0. The header of a column is that row's cell in the column.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

import regex

from .model import Block, Document

_DIGIT = regex.compile(r"\p{Nd}")


class TableIndex:
    """Cells of every table of a document, by ``(table, row, column)``."""

    def __init__(self, document: Document):
        cells: dict[tuple[int, int, int], list[Block]] = defaultdict(list)
        for block in document.blocks:
            if block.table is not None:
                cells[block.table].append(block)
        self._cells = dict(cells)
        self._header_rows: dict[int, int | None] = {}

    def cell_blocks(self, table: int, row: int, column: int) -> list[Block]:
        """The blocks (paragraphs) of one cell, in order."""
        return self._cells.get((table, row, column), [])

    def cell_text(self, table: int, row: int, column: int, sep: str = "") -> str:
        return sep.join(b.text for b in self.cell_blocks(table, row, column))

    def header_of(self, block: Block) -> str | None:
        """The header text of the column ``block`` stands in, or ``None`` (not a table cell, or it
        is itself in or above the header row)."""
        if block.table is None:
            return None
        table, row, column = block.table
        header_row = self.header_row(table)
        if header_row is None or header_row >= row:
            return None
        return self.cell_text(table, header_row, column).strip() or None

    def header_row(self, table: int) -> int | None:
        """The row number of a table's header row (see the module docstring)."""
        if table not in self._header_rows:
            rows: dict[int, list[str]] = defaultdict(list)
            for (t, r, c) in self._cells:
                if t == table:
                    rows[r].append(self.cell_text(t, r, c).strip())
            found = None
            for r in sorted(rows):
                texts = [t for t in rows[r] if t]
                if len(texts) >= 2 and not any(_DIGIT.search(t) for t in texts):
                    found = r
                    break
            if found is None and rows:
                found = min(rows)
            self._header_rows[table] = found
        return self._header_rows[table]

    def column(self, table: int, column: int) -> Iterator[Block]:
        """Every block of a column, row by row."""
        for (t, r, c) in sorted(self._cells):
            if t == table and c == column:
                yield from self._cells[(t, r, c)]
