"""Context around a lexicon hit: what cancels it, and what supports a weak term.

The words are data (``lexicons/secrecy_context.txt``; see its header for each kind). All offsets are
into a block's folded text (:func:`.matcher.fold`). Rules (domain.md §1.7 and the end of §5):

* **cancel** — a law or regulation quote or a prohibition (不得公开涉及…商业秘密, 不得泄露标底), a
  definition (本制度所称…是指), a regulation's title and its own body and articles (…保密审查制度,
  第六条…), a title in 《》, quiz and training text, a term named in quotes (“标底”); per term also
  a document published for consultation, a sentence listing evidence, an award notice, a 公示.
  A paragraph in the company's own voice (我公司…) is not a quote: law cues do not cancel there.
* **support** — an amount or measurement near the term in its sentence (for a table cell: in its row
  or, for a heading cell, its column), the company's voice, mark position.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from screening import Block, Lexicon, compact, normalize

from .matcher import fold

MARK_PARTS = frozenset({"header", "footer", "textbox", "annotation", "metadata"})
TOP_LINES = 6
_SENTENCE_END = "。!?;\n"
_CLAUSE_END = "。!?;,:\n、"
#: How far before a term a rule verb (泄露, 保护 …) or a concept verb may stand in its clause.
_VERB_WINDOW = 10
#: The longest regulation title (characters, spaces removed) the title rules look at.
_TITLE_MAX = 60
#: How far around a term an amount supports it (in its sentence).
AMOUNT_BEFORE, AMOUNT_AFTER = 16, 40
ARTICLE = regex.compile(r"^\s*第[一二三四五六七八九十百零〇\d]{1,5}条")
_QUALIFIER = r"(?:\((?:试行|暂行|修订|修订稿|征求意见稿|草案|送审稿)\))?"
_FILLER = regex.compile(r"[\s()\[\]【】〔〕<>《》〈〉「」『』“”‘’\"':;,.、。!?\-—_/|]+")
_OPEN_CLOSE = {"(": ")", "[": "]", "【": "】", "〔": "〕", "<": ">", "〈": "〉"}


def _alternation(terms: list[str]) -> str:
    keys = sorted({fold(t) for t in terms if t.strip()}, key=lambda t: (-len(t), t))
    return "(?:" + "|".join(regex.escape(k) for k in keys) + ")" if keys else "(?!)"


def in_mark_part(block: Block) -> bool:
    return block.part in MARK_PARTS or "watermark" in block.flags


def in_top_lines(block: Block) -> bool:
    return (block.part in ("body", "table") and block.page in (None, 1)
            and block.line is not None and block.line < TOP_LINES)


def sentence(text: str, start: int, end: int, stops: str = _SENTENCE_END) -> tuple[int, int]:
    """``[s, e)`` of the sentence (or clause, with ``stops``) around ``text[start:end]``."""
    s = max(text.rfind(ch, 0, start) for ch in stops) + 1
    ends = [i for i in (text.find(ch, end) for ch in stops) if i >= 0]
    return s, min(ends, default=len(text))


@dataclass(frozen=True)
class Cues:
    """The compiled context words."""

    law: regex.Pattern[str]
    rule_verb: regex.Pattern[str]
    concept_verb: regex.Pattern[str]
    definition: regex.Pattern[str]
    quiz: regex.Pattern[str]
    training: regex.Pattern[str]
    consultation: regex.Pattern[str]
    evidence: regex.Pattern[str]
    award: regex.Pattern[str]
    announcement: regex.Pattern[str]
    voice: regex.Pattern[str]
    modal: regex.Pattern[str]
    amount: regex.Pattern[str]
    upward: regex.Pattern[str]
    downward: regex.Pattern[str]
    title_end: regex.Pattern[str]
    quoted_title: regex.Pattern[str]

    @classmethod
    def build(cls, lexicon: Lexicon) -> Cues:
        def pattern(kind: str) -> regex.Pattern[str]:
            return regex.compile(_alternation(lexicon.terms(kind)))

        titles = _alternation(lexicon.terms("regulation_title"))
        units = _alternation(lexicon.terms("unit"))
        return cls(
            law=pattern("law_cue"), rule_verb=pattern("rule_verb"),
            concept_verb=pattern("concept_verb"), definition=pattern("definition_cue"),
            quiz=pattern("quiz_cue"), training=pattern("training_title"),
            consultation=pattern("consultation_cue"), evidence=pattern("evidence_cue"),
            award=pattern("award_cue"), announcement=pattern("announcement_cue"),
            voice=pattern("company_voice"), modal=pattern("rule_modal"),
            # a number (with thousands separators and decimals) and a unit, or a currency sign
            amount=regex.compile(rf"(?:[¥$]\s?\d|\d(?:[\d,]*\d)?(?:\.\d+)?\s?(?:[万亿千百])?{units})"),
            upward=regex.compile(rf"{_alternation(lexicon.terms('upward_doctype'))}$"),
            downward=regex.compile(rf"^{_alternation(lexicon.terms('downward_prefix'))}"),
            title_end=regex.compile(f"{titles}{_QUALIFIER}$"),
            quoted_title=regex.compile(f"《[^》]*{titles}{_QUALIFIER}》"),
        )

    # -- document-level --------------------------------------------------------------------------

    def is_regulation_title(self, text: str) -> bool:
        """A short line naming a regulation: ``XX局保密审查制度``, ``关于印发《…办法》的通知``."""
        if len(text) > 4 * _TITLE_MAX:
            return False  # a paragraph, not a title (spaces could not make it that long)
        c = compact(fold(text)).rstrip(":")
        if not c or len(c) > _TITLE_MAX or c.endswith("。"):
            return False
        return bool(self.title_end.search(c) or self.quoted_title.search(c))

    # -- per hit ---------------------------------------------------------------------------------

    def cancel(self, text: str, start: int, end: int, *, voice: bool) -> str | None:
        """Why the hit ``text[start:end]`` of running text is a concept, a quote or an example
        (a Chinese phrase for the explanation), or ``None``. ``voice``: the paragraph speaks as
        the company."""
        if self.quiz.search(text):
            return f"试题或培训材料中（“{self.quiz.search(text).group()}”）"
        if self._in_book_title(text, start, end):
            return "书名号内（文件或法规名称）"
        if self._named_in_quotes(text, start, end):
            return "引号内（作为词语提及）"
        s, e = sentence(text, start, end)
        cue = self.definition.search(text, s, e)
        if cue:
            return f"定义条款中（“{cue.group()}”）"
        if not voice:
            cue = self.law.search(text, s, e)
            if cue:
                return f"法律法规引文或禁止性规定中（“{cue.group()}”）"
        cs, ce = sentence(text, start, end, _CLAUSE_END)
        if not voice and text[ce - 1:ce] == "的" and ce < e and text[ce] == ",":
            modal = self.modal.search(text, ce, e)
            if modal:
                return f"条件句“…的，{modal.group()}…”中（规定的适用条件）"
        lo = max(cs, start - _VERB_WINDOW)
        verbs = list(self.rule_verb.finditer(text, lo, start))
        if verbs:
            return f"“{verbs[-1].group()}”之后（作为概念提及）"
        if not voice:
            verbs = list(self.concept_verb.finditer(text, lo, start))
            if verbs and "的" in text[end:end + 4]:
                return f"“{verbs[-1].group()}…的”之中（作为概念提及）"
        return None

    @staticmethod
    def _in_book_title(text: str, start: int, end: int) -> bool:
        before = text[:start]
        return before.count("《") > before.count("》") and "》" in text[end:]

    @staticmethod
    def _named_in_quotes(text: str, start: int, end: int) -> bool:
        """The term alone in quotes: “标底”."""
        return (start > 0 and end < len(text) and text[start - 1] in "“‘\"'「『"
                and text[end] in "”’\"'」』")

    def has_amount(self, text: str, start: int, end: int) -> str | None:
        """An amount or measurement near ``text[start:end]`` in its sentence."""
        s, e = sentence(text, start, end)
        m = self.amount.search(text, max(s, start - AMOUNT_BEFORE), min(e, end + AMOUNT_AFTER))
        return m.group() if m else None


def mark_position(block: Block, text: str, start: int, end: int) -> str | None:
    """Where a weak term stands as a mark: a header, footer, text box, watermark, PDF annotation or
    document property; or at the top of page 1 on a line of its own or in brackets after a title
    (``XX方案（讨论稿）``). A phrase for the explanation, or ``None``."""
    if in_mark_part(block):
        return "页眉、页脚、文本框或文档属性中（标志位置）"
    if not in_top_lines(block):
        return None
    ls, le = sentence(text, start, end, "\n")
    if not _FILLER.sub("", text[ls:start] + text[end:le]):
        return "首页顶部的独立行（标志位置）"
    if start > 0 and end < len(text) and _OPEN_CLOSE.get(text[start - 1]) == text[end]:
        return "首页顶部标题后的括注（标志位置）"
    return None


def normalised_lines(blocks: list[Block]) -> list[str]:
    return [compact(normalize(b.text).text) for b in blocks]
