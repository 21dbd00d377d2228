"""Lexicon-driven phrase marks: the shared engine of ``work_secret`` and ``disclosure_attribute``.

Each lexicon entry says where its phrase counts (``scope`` in the note, see
``lexicons/work_secret_marks.txt``) and how much (``severity``, else the detector's default):

* ``anywhere`` — in mark position as a mark; in running text too, unless quoted, an example, quiz
  text, a definition or a regulation's own text (then ``info``);
* ``mark`` — only on a line of its own, as a separate segment of a header/footer/text box, or as the
  value of one of the lexicon's ``field`` names (``密级：内部``, ``公开属性：不予公开``);
* ``top`` — like ``mark``, but only at the top of the document (English marks).

A phrase inside a longer look-alike word (内部 in 内部控制) never counts.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import regex

from screening import (Block, Category, Config, Document, Entry, Finding, Lexicon, Severity,
                       __version__, normalize)
from screening import CompiledCache
from screening import block_texts

from .candidates import MARK, Candidate, emit
from .gate import block_gate
from .position import (Context, DocumentView, Fields, in_mark_part, in_top_lines, in_top_position,
                       is_standalone, may_stand_alone, short_top_block, where, with_brackets)
from .terms import alternation, confidence_of, key_chars, lexicon, raw_pattern, severity_option

_GAPS = regex.compile(r"[ ,、]")


def _key(text: str) -> str:
    return _GAPS.sub("", normalize(text).text).casefold()


@dataclass(frozen=True)
class PhraseMarks:
    """The compiled lexicon of one phrase detector."""

    pattern: regex.Pattern[str]
    entries: dict[str, Entry]
    anywhere: regex.Pattern[str] | None
    marks: regex.Pattern[str] | None
    keys: frozenset[str] | None
    fields: Fields
    companions: regex.Pattern[str]
    context: Context

    @classmethod
    def build(cls, marks: Lexicon, secret_marks: Lexicon, look_alikes: Lexicon) -> PhraseMarks:
        entries = {_key(e.term): e for e in marks.entries if e.kind != "field"}
        fields = marks.terms("field")
        anywhere = [e.term for e in entries.values()
                    if e.options().get("scope") == "anywhere"] + fields
        mark = [e.term for e in entries.values() if e.options().get("scope", "mark") == "mark"]
        anywhere_raw, mark_raw = raw_pattern(anywhere), raw_pattern(mark)
        return cls(
            pattern=regex.compile(alternation(e.term for e in entries.values()),
                                  regex.IGNORECASE),
            entries=entries,
            anywhere=anywhere_raw,
            marks=mark_raw,
            # None when either test is missing: _may_hold passes every block then
            keys=(key_chars(anywhere + mark)
                  if anywhere_raw is not None and mark_raw is not None else None),
            fields=Fields(fields),
            companions=regex.compile(alternation(secret_marks.terms("companion"))),
            context=Context(look_alikes),
        )


class PhraseMarkDetector:
    """Base class: subclasses set the names, the defaults and :meth:`noun`/:meth:`advice`."""

    name = ""
    kind = ""
    lexicon_name = ""
    default_severity = Severity.REVIEW
    default_basis = ""
    version = __version__
    category = Category.CLASSIFICATION_MARK

    def __init__(self) -> None:
        self._marks: CompiledCache[PhraseMarks] = CompiledCache(PhraseMarks.build)

    def noun(self) -> str:
        raise NotImplementedError

    def advice(self, severity: Severity) -> str:
        raise NotImplementedError

    def detect(self, document: Document, config: Config) -> Iterator[Finding]:
        marks = self._marks.get(lexicon(config, self.lexicon_name),
                                lexicon(config, "secret_level_marks"),
                                lexicon(config, "mark_false_positives"))
        view = DocumentView(document, marks.context)
        texts = block_texts(document)
        for block in block_gate(document).blocks(marks.keys):  # a superset of _may_hold's
            if not self._may_hold(block, marks):
                continue
            norm = texts.of(block)
            found = list(self._phrases(block, norm.text, marks, view))
            found += self._fields(block, norm.text, marks, view)
            yield from emit(self, self.kind, block, norm, found, config)

    @staticmethod
    def _may_hold(block: Block, marks: PhraseMarks) -> bool:
        """A quick test on the raw text, so that only blocks that may hold a mark are
        normalised: top-of-document short blocks (English marks), blocks with an ``anywhere``
        phrase or a field name, and blocks that can stand alone and hold a ``mark`` phrase."""
        if short_top_block(block):
            return True
        if marks.anywhere is None or marks.marks is None:
            return True  # a term the raw test cannot handle (an office's Latin mark)
        # the mark search before may_stand_alone: both are pure, and the search is the cheaper
        # (may_stand_alone measures the text without spaces) and rarely succeeds
        return bool(marks.anywhere.search(block.text) or (
            marks.marks.search(block.text) and may_stand_alone(block)))

    def _phrases(self, block: Block, text: str, marks: PhraseMarks, view: DocumentView
                 ) -> Iterator[Candidate]:
        for m in marks.pattern.finditer(text):
            s, e = m.span()
            entry = marks.entries.get(_key(m.group()))
            if entry is None or marks.context.inside_lookalike(text, s, e):
                continue
            scope = entry.options().get("scope", "mark")
            standalone = is_standalone(text, s, e, block, marks.companions)
            if scope == "top" and not (standalone and in_top_position(block)):
                continue
            if standalone:
                reason = ("引号内" if marks.context.quoted(text, s, e) and not in_mark_part(block)
                          else marks.context.lead_in(block, view))
                if reason:
                    yield self._cancelled(block, s, e, entry, reason)
                else:
                    s, e = with_brackets(text, s, e)
                    yield self._found(s, e, entry, self._standalone_place(block))
            elif scope == "anywhere":
                if in_mark_part(block):
                    yield self._found(s, e, entry, f"{where(block)}中")
                    continue
                reason = marks.context.reason(text, s, e, view)
                if reason:
                    yield self._cancelled(block, s, e, entry, reason)
                else:
                    yield self._found(s, e, entry, f"{where(block)}的正文中",
                                      running=True)

    def _fields(self, block: Block, text: str, marks: PhraseMarks, view: DocumentView
                ) -> Iterator[Candidate]:
        for name_start, vs, ve in marks.fields.values(block, text, view):
            m = marks.pattern.match(text, vs, ve)
            if m is None or (m.end() < ve and text[m.end()] != " "):
                continue
            entry = marks.entries.get(_key(m.group()))
            if entry is None:
                continue
            s, e = m.span()
            inline = name_start != vs and not in_mark_part(block)
            reason = marks.context.reason(text, name_start, e, view) if inline and not \
                is_standalone(text, name_start, e, block, marks.companions) else None
            if reason:
                yield self._cancelled(block, s, e, entry, reason)
            else:
                field = text[name_start:vs].rstrip(" :=") or "字段"
                yield self._found(s, e, entry, f"{where(block)}的“{field}”字段值")

    @staticmethod
    def _standalone_place(block: Block) -> str:
        if in_top_lines(block):
            return f"位于{where(block)}的独立行（标志位置）"
        if in_mark_part(block):
            return f"{where(block)}中"
        return f"位于{where(block)}的独立行"

    def _found(self, s: int, e: int, entry: Entry, place: str, *,
               running: bool = False) -> Candidate:
        severity = severity_option(entry, self.default_severity)
        confidence = confidence_of(entry) * (0.8 if running else 1.0)
        doubt = "，未处于标志位置，需人工确认" if running and severity is not Severity.INFO else ""
        explanation = f"{place}出现{self.noun()}“{MARK}”{doubt}。{self.advice(severity)}"
        return Candidate(s, e, severity, round(confidence, 3), explanation,
                         entry.basis or self.default_basis)

    def _cancelled(self, block: Block, s: int, e: int, entry: Entry, reason: str) -> Candidate:
        return Candidate(s, e, Severity.INFO, 0.3,
                         f"{where(block)}的“{MARK}”出现在{reason}，视为示例或引用，不作为标志",
                         entry.basis or self.default_basis)
