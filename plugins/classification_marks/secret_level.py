"""``secret_level``: 国家秘密标志 (绝密/机密/秘密 marks) in all their real-world variants.

Grammar (domain.md §1.2): ``LEVEL SP? STAR SP? TERM? (SP* 指人专办)?`` where LEVEL is 绝/机/秘 +
spaces + 密, STAR is ★ or a substitute (lexicon ``secret_level_marks``), TERM a period (``10年``,
``６个月``, ``二十年``, ``长期``), a date (``2026年12月31日前``) or a condition (``启用前``,
``会议开始前``). Also accepted: ``机密(10年)``, the misplaced ``★秘密``, a lost star
(``秘密1年``), the bare level, paragraph marks ``（秘密）``/``【机密】``, field values
``密级：机密`` and standalone English marks.

How much a candidate counts depends on where it stands (:mod:`.position`):

=====================================================  ==========================================
full mark (level + star) on a line of its own, or in   ``block`` (0.99; 0.95 elsewhere standalone)
a header, text box, watermark, property, file name
full mark with a weak star (``*``, ``·``) and no       only on a line of its own → ``block``
period; ``★秘密``; lost star ``秘密1年``
bare level ``秘密`` / ``秘　密``                        only standalone in top position → ``block``
paragraph mark ``（秘密）`` at a paragraph's start      ``block``
field value ``密级：秘密★5年`` (text, property, table)  ``block``
full mark in running text                              ``review``; ``info`` when quoted, an example,
                                                       quiz text, a definition or a regulation
``TOP SECRET``/``SECRET`` top line                     ``block``; ``CONFIDENTIAL``/``RESTRICTED``
                                                       ``review``
=====================================================  ==========================================

Basis: 属于国家秘密 (《政府信息公开条例》 第十四条; a marked carrier is a state secret until
declassified, and stripping the mark without a 解密 record is itself a leak).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import regex

from screening import (Basis, Block, Category, Config, Document, Finding, Lexicon, Severity,
                       __version__, normalize)
from screening import CompiledCache
from screening import block_texts

from .candidates import MARK, Candidate, emit
from .gate import block_gate
from .position import (Context, DocumentView, Fields, in_mark_part, in_top_lines, in_top_position,
                       is_standalone, short_top_block, where)
from .terms import alternation, char_class, key_chars, lexicon, raw_pattern, severity_option

_NUM = r"(?:\d{1,2}|[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九两半])"
_DATE = (r"(?:\d{4} ?年 ?\d{1,2} ?月(?: ?\d{1,2} ?日)?|\d{4}[.\-/]\d{1,2}[.\-/]\d{1,2})"
         r"(?: ?(?:以前|前|止))?")
#: 保密期限 | 解密时间 | 解密条件.
TERM = rf"(?:{_DATE}|{_NUM} ?(?:个月|年|月)|长期|\p{{Han}}{{1,7}}?前)"
_SP = " {0,2}"
_BLOCK_ADVICE = "该文件带有国家秘密标志，不得公开；确已解密的，须办理解密手续、记录依据后方可去除标志"
_REVIEW_ADVICE = "请核实本文件是否涉密；如为引用示例，可忽略"


@dataclass(frozen=True)
class MarkGrammar:
    """The compiled mark patterns for one set of lexicons."""

    full: regex.Pattern[str]
    paren: regex.Pattern[str]
    standalone_only: regex.Pattern[str]
    bare: regex.Pattern[str]
    paragraph: regex.Pattern[str]
    value: regex.Pattern[str]
    english: regex.Pattern[str]
    english_severity: dict[str, Severity]
    strong_star: regex.Pattern[str]
    companions: regex.Pattern[str]
    prefilter: regex.Pattern[str] | None
    prefilter_keys: frozenset[str] | None
    fields: Fields
    context: Context

    @classmethod
    def build(cls, marks: Lexicon, look_alikes: Lexicon) -> MarkGrammar:
        level = alternation(marks.terms("level"))
        stars = [e.term for e in marks.by_kind("star")]
        star_chars = char_class(stars)
        strong = char_class(e.term for e in marks.by_kind("star") if e.strength != "W")
        star = rf"(?P<star>{star_chars})\ufe0f?(?!{star_chars})"
        term = rf"(?P<term>{TERM})"
        zhiren = r"(?: *指人专办)?"
        english = marks.by_kind("english")
        return cls(
            full=regex.compile(rf"{level}{_SP}{star}{_SP}{term}?{zhiren}"),
            paren=regex.compile(rf"{level} ?\( ?{TERM} ?\){zhiren}"),
            standalone_only=regex.compile(
                rf"{star_chars}\ufe0f?{_SP}{level}(?:{_SP}{TERM})?|{level}{_SP}{TERM}{zhiren}"),
            bare=regex.compile(level),
            paragraph=regex.compile(
                rf"^ *(?P<mark>[(【\[] *{level}(?:{_SP}{star_chars}\ufe0f?)?(?:{_SP}{TERM})?"
                r" *[)】\]])"),
            value=regex.compile(
                rf"{level}(?:{_SP}(?:{star_chars}\ufe0f?{_SP}{TERM}?|\( ?{TERM} ?\)|{TERM}))?"
                rf"{zhiren}"),
            english=regex.compile(alternation(e.term for e in english), regex.IGNORECASE),
            english_severity={_upper(e.term): severity_option(e, Severity.REVIEW)
                              for e in english},
            strong_star=regex.compile(strong),
            companions=regex.compile(alternation(marks.terms("companion"))),
            prefilter=raw_pattern(marks.terms("level") + marks.terms("field")),
            prefilter_keys=key_chars(marks.terms("level") + marks.terms("field")),
            fields=Fields(marks.terms("field")),
            context=Context(look_alikes),
        )


def _upper(text: str) -> str:
    return " ".join(normalize(text).text.upper().split())


class SecretLevelMarkDetector:
    """绝密/机密/秘密 marks; see the module docstring for what counts where."""

    name = "classification_marks.secret_level"
    version = __version__
    category = Category.CLASSIFICATION_MARK
    kind = "secret_level"

    def __init__(self) -> None:
        self._grammar: CompiledCache[MarkGrammar] = CompiledCache(MarkGrammar.build)

    def detect(self, document: Document, config: Config) -> Iterator[Finding]:
        g = self._grammar.get(lexicon(config, "secret_level_marks"),
                              lexicon(config, "mark_false_positives"))
        view = DocumentView(document, g.context)
        texts = block_texts(document)
        # the blocks with a key character of the prefilter, and the short ones in top position
        for block in block_gate(document).blocks(g.prefilter_keys):
            english = short_top_block(block)
            if not english and g.prefilter is not None and not g.prefilter.search(block.text):
                continue  # no level word and no 密级 field: nothing to normalise
            norm = texts.of(block)
            found = list(self._fields(block, norm.text, g, view))  # first: wins a tie
            found += self._marks(block, norm.text, g, view)
            if english:
                found += self._english(block, norm.text, g)
            yield from emit(self, self.kind, block, norm, found, config)

    # -- the kinds of candidate ------------------------------------------------------------------

    def _marks(self, block: Block, text: str, g: MarkGrammar, view: DocumentView
               ) -> Iterator[Candidate]:
        m = g.paragraph.match(text)
        if m:
            s, e = m.span("mark")
            if is_standalone(text, s, e, block, g.companions):
                yield self._standalone(block, s, e, text, g, view)
            else:
                reason = g.context.reason(text, s, e, view)
                yield (_cancelled(block, s, e, reason) if reason else
                       _block(s, e, 0.95, f"{where(block)}段首的段落密级标志“{MARK}”"
                              "（1990 年《国家秘密文件、资料和其他物品标志的规定》）"))
        for m in (*g.full.finditer(text), *g.paren.finditer(text)):
            s, e = m.span()
            if g.context.inside_lookalike(text, s, e):
                continue
            standalone = is_standalone(text, s, e, block, g.companions)
            star, term = m.groupdict().get("star"), m.groupdict().get("term")
            weak = star is not None and not g.strong_star.fullmatch(star) and not term
            if standalone:
                yield self._standalone(block, s, e, text, g, view)
            elif weak:
                continue  # "秘密*" in a sentence: a footnote asterisk, a quiz option
            elif in_mark_part(block):
                yield _block(s, e, 0.97, f"{where(block)}中的密级标志“{MARK}”")
            else:
                yield self._running(block, s, e, text, g, view)
        for m in g.standalone_only.finditer(text):
            s, e = m.span()
            if is_standalone(text, s, e, block, g.companions):
                yield self._standalone(block, s, e, text, g, view)
        if in_top_position(block):
            for m in g.bare.finditer(text):
                s, e = m.span()
                if is_standalone(text, s, e, block, g.companions) and not g.context.quoted(
                        text, s, e):
                    yield _block(s, e, 0.9,
                                 f"单独标注的密级“{MARK}”（无★），{_located(block)}，按密级标志处理")

    def _standalone(self, block: Block, s: int, e: int, text: str, g: MarkGrammar,
                    view: DocumentView) -> Candidate:
        reason = ("引号内" if g.context.quoted(text, s, e) and not in_mark_part(block)
                  else g.context.lead_in(block, view))
        if reason:
            return _cancelled(block, s, e, reason)
        if in_top_lines(block):
            return _block(s, e, 0.99,
                          f"位于{where(block)}的独立行，符合 GB/T 9704 密级标志位置：“{MARK}”")
        if in_mark_part(block):
            return _block(s, e, 0.99, f"{where(block)}中的密级标志“{MARK}”")
        example = "（如附件首页）" if block.part == "body" else ""
        return _block(s, e, 0.95, f"位于{where(block)}的独立行{example}的密级标志“{MARK}”")

    def _running(self, block: Block, s: int, e: int, text: str, g: MarkGrammar,
                 view: DocumentView) -> Candidate:
        reason = g.context.reason(text, s, e, view)
        if reason:
            return _cancelled(block, s, e, reason)
        return Candidate(s, e, Severity.REVIEW, 0.6,
                         f"{where(block)}的正文中出现密级标志“{MARK}”，未处于标志位置，"
                         f"需人工确认。{_REVIEW_ADVICE}", Basis.STATE_SECRET.value)

    def _fields(self, block: Block, text: str, g: MarkGrammar, view: DocumentView
                ) -> Iterator[Candidate]:
        for name_start, vs, ve in g.fields.values(block, text, view):
            m = g.value.match(text, vs, ve)
            if m is None or (m.end() < ve and text[m.end()] != " "):
                continue  # 密级：公开 / 无 / 非密 / 不涉密 — not a level
            s, e = m.span()
            inline = name_start != vs and not in_mark_part(block)
            reason = g.context.reason(text, name_start, e, view) if inline and not \
                is_standalone(text, name_start, e, block, g.companions) else None
            yield (_cancelled(block, s, e, reason) if reason else
                   _block(s, e, 0.95, f"{where(block)}中的密级字段值“{MARK}”"))

    def _english(self, block: Block, text: str, g: MarkGrammar) -> Iterator[Candidate]:
        for m in g.english.finditer(text):
            s, e = m.span()
            if not is_standalone(text, s, e, block, g.companions):
                continue
            severity = g.english_severity.get(_upper(m.group()), Severity.REVIEW)
            yield Candidate(s, e, severity, 0.9 if severity is Severity.BLOCK else 0.7,
                            f"英文密级标志“{MARK}”，{_located(block)}"
                            + (f"。{_BLOCK_ADVICE}" if severity is Severity.BLOCK
                               else "，需人工确认是否涉密"),
                            Basis.STATE_SECRET.value)


def _cancelled(block: Block, s: int, e: int, reason: str) -> Candidate:
    return Candidate(s, e, Severity.INFO, 0.3,
                     f"{where(block)}的“{MARK}”出现在{reason}，视为示例或引用，不作为本文件的密级标志",
                     Basis.STATE_SECRET.value)


def _located(block: Block) -> str:
    return f"位于{where(block)}" + ("的独立行" if block.part in ("body", "table") else "")


def _block(s: int, e: int, confidence: float, explanation: str) -> Candidate:
    return Candidate(s, e, Severity.BLOCK, confidence, f"{explanation}。{_BLOCK_ADVICE}",
                     Basis.STATE_SECRET.value)
