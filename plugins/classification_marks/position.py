"""Where a candidate mark stands, and whether its context makes it an example instead of a mark.

Shared by every detector of this plugin (say it once). All offsets are into *normalised* block text
(:func:`screening.normalize`); detectors map them back with ``Normalized.span``.

Position (domain.md §0.1, §1.2; GB/T 9704-2012 §7.2):

* **mark part** — a header, footer, text box, watermark, PDF annotation (stamp), document property or
  the file name. A mark there is a mark whatever stands beside it.
* **top lines** — a body or table block on page 1 (or on no page, for text files) with ``line`` < 6:
  where 份号, 密级和保密期限 and 紧急程度 stand (1999 style: top right, same lines).
* **standalone** — the mark is the whole of its line (or of a segment of a header separated by wide
  spaces), apart from brackets, punctuation, a 份号 and companion words (特急, 加急, 指人专办 …). A
  standalone line anywhere counts as mark position (the first line of an attachment page).
* everything else is **running text**: the weakest evidence, and the place where context words
  (例如, 标注为, quotes, quiz text, definitions, a regulation's own articles) cancel a candidate.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from screening import Block, Document, Lexicon, block_texts, compact, normalize

from .terms import alternation, compact_key

MARK_PARTS = frozenset({"header", "footer", "textbox", "metadata", "annotation", "filename"})
TOP_LINES = 6
#: Longest line (characters without spaces) that can still be "a mark on a line of its own".
MAX_STANDALONE = 40
#: Longest block in top position that a detector looks at whatever its text (English marks).
MAX_TOP_BLOCK = 80

_PART_NAMES = {
    "body": "正文", "table": "表格", "header": "页眉", "footer": "页脚", "footnote": "脚注",
    "endnote": "尾注", "comment": "批注", "revision": "修订内容", "textbox": "文本框",
    "hidden": "隐藏文字", "metadata": "文档属性", "page": "页面", "annotation": "PDF 注释",
    "attachment": "附件", "filename": "文件名",
}

# Segments: a header line often holds several items separated by wide spaces or tabs; document
# properties hold lists (keywords). Body lines are one segment each.
_WIDE_SEPARATORS = regex.compile(r"[\n\r\t]| {2,}")
_LIST_SEPARATORS = regex.compile(r"[\n\r\t;,、]| {2,}")
_LINE_SEPARATORS = regex.compile(r"[\n\r]")
# What may stand beside a mark on its line: brackets, quotes, punctuation, a 份号.
_FILLER = regex.compile(r"[\s()\[\]【】〔〕<>《》〈〉「」『』“”‘’\"':;,.、。!?\-—_/|]+")
_SERIAL = regex.compile(r"(?i)(?:No\. ?|第 ?)?\d{1,8}(?: ?号)?")

_QUOTES = (("“", "”"), ("‘", "’"), ("「", "」"), ("『", "』"), ("《", "》"), ("〈", "〉"))
_CLAUSE_END = "。!?;\n"
_OPTION_BEFORE = regex.compile(r"(?:^|[\s(])[A-Fa-f] ?[.、)] ?$")
_OPTIONS = regex.compile(r"(?:^|[\s(])([A-F]) ?[.、]")
_ARTICLE = regex.compile(r"^\s*第[一二三四五六七八九十百零〇\d]{1,5}条")
_TITLE_QUALIFIER = r"(?:\((?:试行|暂行|修订|修订稿|征求意见稿|草案|送审稿)\))?"
_CUE_WINDOW = 24


def in_mark_part(block: Block) -> bool:
    return block.part in MARK_PARTS or "watermark" in block.flags


def in_top_lines(block: Block) -> bool:
    return (block.part in ("body", "table") and block.page in (None, 1)
            and block.line is not None and block.line < TOP_LINES)


def in_top_position(block: Block) -> bool:
    """Header, text box, watermark, properties … or the first lines of page 1."""
    return in_mark_part(block) or in_top_lines(block)


def short_top_block(block: Block) -> bool:
    """A short block in top position: it may hold a mark no raw-text test looks for (``TOP SECRET``,
    ``INTERNAL``)."""
    return in_top_position(block) and len(block.text) <= MAX_TOP_BLOCK


def may_stand_alone(block: Block) -> bool:
    """Whether the block can hold a line of its own (cheap, on the raw text): it is short, has
    several lines, or is a header-like part whose segments count."""
    text = block.text
    return (in_mark_part(block) or "\n" in text or "\r" in text
            or len(compact(text)) <= MAX_STANDALONE)


def where(block: Block) -> str:
    """A clerk's description of the block's place: ``第1页第2行``, ``页眉``, ``文档属性（custom:密级）``."""
    name = "水印" if "watermark" in block.flags else _PART_NAMES.get(block.part, block.part)
    if block.part == "metadata" and (block.label or block.source):
        return f"{name}（{block.label or block.source}）"
    if block.part == "body" and block.line is not None:
        return f"第{block.page}页第{block.line + 1}行" if block.page else f"第{block.line + 1}行"
    if block.page and block.part != "filename":
        return f"第{block.page}页的{name}"
    return name


def _separators(block: Block) -> regex.Pattern[str]:
    if block.part == "metadata":
        return _LIST_SEPARATORS
    if in_mark_part(block):
        return _WIDE_SEPARATORS
    return _LINE_SEPARATORS


def segment(text: str, start: int, end: int, block: Block) -> tuple[int, int]:
    """The line (or header segment, or list item) around ``text[start:end]``."""
    seps = _separators(block)
    s = 0
    for m in seps.finditer(text, 0, start):
        s = m.end()
    m = seps.search(text, end)
    return s, (m.start() if m else len(text))


def is_standalone(text: str, start: int, end: int, block: Block,
                  companions: regex.Pattern[str]) -> bool:
    """Whether ``text[start:end]`` is the whole of its line or segment, apart from brackets,
    punctuation, a 份号 and companion words."""
    s, e = segment(text, start, end, block)
    if len(compact(text[s:e])) > MAX_STANDALONE:
        return False
    rest = text[s:start] + " " + text[end:e]
    rest = companions.sub(" ", rest)
    rest = _SERIAL.sub(" ", rest)
    return not _FILLER.sub("", rest)


def strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    """``[start, end)`` without surrounding spaces, brackets and punctuation."""
    while start < end and _FILLER.fullmatch(text[start]):
        start += 1
    while end > start and _FILLER.fullmatch(text[end - 1]):
        end -= 1
    return start, end


_BRACKETS = {"(": ")", "【": "】", "[": "]", "〔": "〕"}


def with_brackets(text: str, start: int, end: int) -> tuple[int, int]:
    """``[start, end)`` widened by a bracket pair right around it: （此件不予公开）, 【内部】."""
    if start > 0 and end < len(text) and _BRACKETS.get(text[start - 1]) == text[end]:
        return start - 1, end + 1
    return start, end


def _inside_quotes(text: str, start: int, end: int) -> bool:
    before, after = text[:start], text[end:]
    for opening, closing in _QUOTES:
        if before.count(opening) > before.count(closing) and closing in after:
            return True
    return before.count('"') % 2 == 1 and '"' in after


def _clause_start(text: str, start: int) -> int:
    return max(text.rfind(ch, 0, start) for ch in _CLAUSE_END) + 1


def _sentence(text: str, start: int, end: int) -> str:
    stops = [i for i in (text.find(ch, end) for ch in _CLAUSE_END) if i >= 0]
    return text[_clause_start(text, start):min(stops, default=len(text))]


class Context:
    """The look-alike words and the context cues of ``mark_false_positives`` (compiled once)."""

    def __init__(self, lexicon: Lexicon):
        def pattern(kind: str) -> regex.Pattern[str]:
            return regex.compile(alternation(lexicon.terms(kind)), regex.IGNORECASE)

        self.lookalikes = pattern("lookalike")
        self.example = pattern("example_cue")
        self.quiz = pattern("quiz_cue")
        self.definition = pattern("definition_cue")
        titles = alternation(lexicon.terms("regulation_title"))
        self._title_end = regex.compile(f"{titles}{_TITLE_QUALIFIER}$")
        self._quoted_title = regex.compile(f"《[^》]*{titles}{_TITLE_QUALIFIER}》")

    def inside_lookalike(self, text: str, start: int, end: int) -> bool:
        """Whether ``text[start:end]`` is part of a longer look-alike word (内部 in 内部控制)."""
        lo, hi = max(0, start - 12), min(len(text), end + 12)
        for m in self.lookalikes.finditer(text, lo, hi, overlapped=True):
            if m.start() < end and m.end() > start and (m.start() < start or m.end() > end):
                return True
        return False

    def is_regulation_title(self, text: str) -> bool:
        """A short line naming a regulation: ``XX局保密审查制度``, ``关于印发《…办法》的通知``."""
        c = compact(normalize(text).text).rstrip(":")
        if not c or len(c) > 60 or c.endswith("。"):
            return False
        return bool(self._title_end.search(c) or self._quoted_title.search(c))

    def reason(self, text: str, start: int, end: int, view: DocumentView | None = None, *,
               quotes: bool = True, regulation: bool = True) -> str | None:
        """Why the candidate ``text[start:end]`` of running text is an example, a quotation or a
        concept rather than a mark (a Chinese phrase for the explanation), or ``None``.

        :param view: the document; when it is a regulation, its running text cancels too.
        :param quotes: whether quotation marks cancel (not for 文号, which are cited in brackets).
        :param regulation: whether a regulation's title and articles cancel.
        """
        if quotes and _inside_quotes(text, start, end):
            return "引号或书名号内"
        window_start = max(_clause_start(text, start), start - _CUE_WINDOW)
        cues = list(self.example.finditer(text, window_start, start))
        if cues:
            return f"“{cues[-1].group()}”之后（示例或标注要求）"
        if _OPTION_BEFORE.search(text, max(0, start - 6), start) or \
                len({m.group(1) for m in _OPTIONS.finditer(text)}) >= 2:
            return "试题选项中"
        cue = self.quiz.search(text)
        if cue:
            return f"试题或培训材料中（“{cue.group()}”）"
        cue = self.definition.search(_sentence(text, start, end))
        if cue:
            return f"定义条款中（“{cue.group()}”）"
        if not regulation:
            return None
        if self.is_regulation_title(text):
            return "制度、办法的标题中"
        if _ARTICLE.match(text):
            return "制度、办法的条文中"
        if view is not None and view.regulation:
            return "制度、办法的正文中"
        return None

    def quoted(self, text: str, start: int, end: int) -> bool:
        return _inside_quotes(text, start, end)

    def lead_in(self, block: Block, view: DocumentView) -> str | None:
        """For a line of its own in the body: the reason when the paragraph before it introduces
        an example (``格式为：``, a quiz question ending in a colon)."""
        if in_mark_part(block):
            return None
        prev = view.previous(block)
        if prev is None:
            return None
        text = view.texts.of(prev).text.rstrip()
        if not text.endswith(":"):
            return None
        cue = self.example.search(text) or self.quiz.search(text)
        return f"上一段以“{cue.group()}”引出的示例" if cue else None


class DocumentView:
    """What the detectors look up around a block: neighbours, table headings, and whether the
    document itself is a regulation (its text then names marks as concepts)."""

    def __init__(self, document: Document, context: Context):
        self.document = document
        #: the normalised block texts, shared with every detector screening the document
        self.texts = block_texts(document)
        self._context = context
        self._regulation: bool | None = None
        self._cells: dict[tuple[int, int, int], Block] | None = None

    @property
    def regulation(self) -> bool:
        """Whether a top line of the document names a regulation. Looked at on first use only:
        most documents have no running-text candidate that asks."""
        if self._regulation is None:
            self._regulation = any(
                in_top_lines(b) and b.part == "body" and self._context.is_regulation_title(b.text)
                for b in self.document.blocks[:64])
        return self._regulation

    def previous(self, block: Block) -> Block | None:
        """The block before ``block`` in the same part (the lead-in line of an example)."""
        i = block.index - 1
        blocks = self.document.blocks
        if 0 <= i < len(blocks) and blocks[i].part == block.part:
            return blocks[i]
        return None

    def heading_cells(self, block: Block) -> Iterator[Block]:
        """For a table cell: the cell on its left and the first cell of its column."""
        if block.table is None:
            return
        if self._cells is None:
            self._cells = {b.table: b for b in self.document.blocks if b.table is not None}
        t, r, c = block.table
        for key in ((t, r, c - 1), (t, 0, c)):
            cell = self._cells.get(key)
            if cell is not None and cell is not block:
                yield cell


class Fields:
    """``名称：值`` fields whose name is one of a lexicon's ``field`` terms (密级, 公开属性 …)."""

    def __init__(self, names: list[str]):
        self._names = {compact_key(n) for n in names}
        names_re = alternation(names)
        self._inline = regex.compile(
            rf"(?m)(?:(?P<name>{names_re}) ?[:=] ?|^ *(?P<name>{names_re}) +)"
            r"(?P<value>[^,;。\n]*?)(?= {2,}|[,;。\n]|$)") if names else None

    def is_name(self, text: str) -> bool:
        return compact_key(text).rstrip(":") in self._names

    def values(self, block: Block, text: str, view: DocumentView
               ) -> Iterator[tuple[int, int, int]]:
        """``(field_start, value_start, value_end)`` of field values in ``text`` (the normalised
        block text): every ``名称：值`` in the text; failing that, the whole block when it is a
        document property named like a field (label ``custom:密级``) or a table cell beside or
        under a field-name cell. A list (``绝密、机密``) is not a value."""
        if self._inline is None:
            return
        inline = False
        for m in self._inline.finditer(text):
            inline = True
            s, e = strip_span(text, m.start("value"), m.end("value"))
            if s < e and "、" not in text[s:e]:
                yield m.start("name"), s, e
        if inline:
            return  # a property shown as "密级：机密" (how the docx reader shows custom properties)
        whole = False
        if block.part == "metadata":
            label = regex.split(r"[:/\s]", block.label or block.source)[-1]
            whole = bool(label) and self.is_name(label)
        elif block.table is not None:
            whole = any(self.is_name(cell.text) for cell in view.heading_cells(block))
        if whole:
            s, e = strip_span(text, 0, len(text))
            if s < e and "、" not in text[s:e]:
                yield s, s, e
