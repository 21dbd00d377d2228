"""Where a finding is, in words a drafter can follow: ``正文第1页第2段``, ``页眉（首页）``,
``表格第1个表第3行第2列``, ``批注（张三）``, ``修订（删除的文字）``, ``PDF 第3页第5行``.

Uses the block the finding points at when the report still carries its document (a fresh scan);
otherwise (a report read back from JSON) only the location's part and page.
"""

from __future__ import annotations

import re

from ..masking import mask_name
from ..model import Block, Document, Finding
from .names import flag_word, part_name

#: flags worth saying next to the place (how the text hides); ``inserted`` text is visible.
_SHOWN_FLAGS = ("hidden", "white", "tiny", "covered", "offpage", "invisible", "watermark",
                "field_code", "alt_text", "custom_xml", "embedded", "image_only")

#: readers' English header/footer labels → (zh, en) qualifier
_HEADER_KINDS = (("first", ("首页", "first page")), ("even", ("偶数页", "even pages")),
                 ("default", ("各页", "all pages")), ("odd", ("奇数页", "odd pages")))


_BILINGUAL = re.compile(r"^(.*?[^\x00-\x7f])\s*([A-Za-z][\x00-\x7f]*)$")


def block_of(finding: Finding, document: Document | None) -> Block | None:
    """The block ``finding`` points at, if the document is at hand and agrees."""
    if document is None:
        return None
    i = finding.location.block
    if 0 <= i < len(document.blocks) and document.blocks[i].index == i:
        return document.blocks[i]
    return None


def describe(finding: Finding, document: Document | None, lang: str = "zh",
             fmt: str | None = None) -> str:
    """The place of ``finding`` in words (Chinese, or English with ``lang="en"``).

    :param fmt: the document's format when ``document`` is not at hand (``Report.format``).
    """
    block = block_of(finding, document)
    fmt = document.format if document is not None else (fmt or "")
    if block is None:
        return _bare(finding.location.part, finding.location.page, fmt, lang)
    place = _place(block, fmt, lang)
    flags = [flag_word(f, lang) for f in _SHOWN_FLAGS if f in block.flags]
    if flags:
        sep = "、" if lang != "en" else ", "
        place += f"（{sep.join(flags)}）" if lang != "en" else f" ({sep.join(flags)})"
    return place


def _place(b: Block, fmt: str, lang: str) -> str:
    en = lang == "en"
    part = b.part
    if part == "body":
        return _line(b.page, b.line, fmt, lang)
    if part == "table" and b.table is not None:
        t, r, c = (n + 1 for n in b.table)
        return f"table {t}, row {r}, column {c}" if en else f"表格第{t}个表第{r}行第{c}列"
    if part in ("header", "footer"):
        qualifier = _header_kind(b.label, lang)
        name = part_name(part, lang)
        if not qualifier:
            return name
        return f"{name} ({qualifier})" if en else f"{name}（{qualifier}）"
    if part == "revision":
        what = next((flag_word(f, lang) for f in ("deleted", "inserted", "moved") if f in b.flags),
                    b.label)
        return _with(part_name(part, lang), what, en)
    if part == "metadata":
        key = label_in(b.label, lang) or b.source
        return f"{part_name(part, lang)} {key}".rstrip()
    if part in ("page", "annotation") and b.page is not None:
        if part == "page":
            return f"PDF page {b.page}" if en else f"PDF 第{b.page}页"
        return f"annotation on PDF page {b.page}" if en else f"PDF 第{b.page}页注释"
    if part == "comment":  # the label is the author: a person, shown masked like any name
        author = b.label if b.label == "未署名 anonymous" else mask_author(b.label)
        return _with(part_name(part, lang), author, en)
    name = part_name(part, lang)
    if part in ("textbox", "hidden") and b.page is not None and fmt == "pdf":
        name = (f"{name} on page {b.page}" if en else f"第{b.page}页{name}")
    return _with(name, b.label, en)


def mask_author(author: str) -> str:
    """A comment author as reports show it: ``王五`` → ``王*``, ``wangwu`` → ``w*****``."""
    author = author.strip()
    if not author:
        return ""
    if author.isascii():
        return author[0] + "*" * (len(author) - 1)
    return mask_name(author)


def _line(page: int | None, line: int | None, fmt: str, lang: str) -> str:
    en = lang == "en"
    unit_zh, unit_en = ("段", "paragraph") if fmt == "docx" else ("行", "line")
    if fmt == "pdf":
        head_zh, head_en = "PDF ", "PDF "
    elif fmt == "text":
        head_zh, head_en = "", ""
    else:
        head_zh, head_en = "正文", "body, "
    parts_zh, parts_en = [], []
    if page is not None:
        parts_zh.append(f"第{page}页")
        parts_en.append(f"page {page}")
    if line is not None:
        parts_zh.append(f"第{line + 1}{unit_zh}")
        parts_en.append(f"{unit_en} {line + 1}")
    if en:
        return (head_en + ", ".join(parts_en)) if parts_en else "body"
    return (head_zh + "".join(parts_zh)) if parts_zh else "正文"


def _bare(part: str, page: int | None, fmt: str, lang: str) -> str:
    if part == "body":
        return _line(page, None, fmt, lang)
    name = part_name(part, lang)
    if page is None:
        return name
    return f"{name}, page {page}" if lang == "en" else f"第{page}页{name}"


def _header_kind(label: str, lang: str) -> str:
    lowered = label.lower()
    for needle, words in _HEADER_KINDS:
        if needle in lowered:
            return words[1] if lang == "en" else words[0]
    return label_in(label, lang)


def label_in(label: str, lang: str) -> str:
    """One language of a reader's bilingual label: ``"首页页眉 first-page header"`` → ``首页页眉``
    or ``first-page header``. A label in one language (an author's name) is kept whole."""
    m = _BILINGUAL.match(label)
    if not m:
        return label
    return m.group(2) if lang == "en" else m.group(1)


def _with(name: str, detail: str, en: bool) -> str:
    detail = label_in(detail, "en" if en else "zh")
    if not detail or detail == name:
        return name
    if name in detail:  # "隐藏的文本框" says more than "文本框"
        return detail
    return f"{name} ({detail})" if en else f"{name}（{detail}）"
