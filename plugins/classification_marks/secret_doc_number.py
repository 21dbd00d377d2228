"""``secret_doc_number``: a 发文字号 with 密 in it (``X办密〔2020〕3号``, ``X委密电〔2019〕12号``,
``厅密字〔2021〕5号``, ``[2020]``/``（2020）`` brackets) and telegram names such as ``市委密电``.

A 密 in the 发文字号 means the document was issued as a secret one; a scanned 转发 of a 市委密电 with no
visible mark turned out to be 秘密级 (domain.md §1.4). Citing or forwarding it in a document meant for
publication needs a person to check: ``review``, kind ``secret_level``, basis 属于国家秘密.

Decision: 密 preceded by 保 is not counted. ``X保密办〔2020〕3号``/``市保密〔2020〕3号`` are 文号 of the
secrecy office (保密办, 保密委, 保密局), whose ordinary documents are often published; the same holds
for 涉密/解密/加密/机密/泄密 (words, not an issuing code). Example and quiz contexts (例如, 标注为, 选择题)
lower a candidate to ``info``; quotation marks and brackets do not (文号 are cited in brackets).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import regex

from screening import Basis, Category, Config, Document, Finding, Lexicon, Severity, __version__
from screening import CompiledCache
from screening import block_texts

from .candidates import MARK, Candidate, emit
from .gate import block_gate
from .position import Context, where
from .terms import alternation, lexicon

_NOT_ISSUING = "保涉解加机秘绝泄失窃"
_NUMBERED = regex.compile(
    rf"(?P<org>\p{{Han}}{{1,8}})(?<![{_NOT_ISSUING}])密(?:电|字|函|发|件|便)?"
    r" ?[〔\[(【] ?(?:19|20)\d{2} ?[〕\])】] ?(?:第 ?)?\d{1,5} ?号")
_TELEGRAM = regex.compile(rf"(?P<org>\p{{Han}}{{0,6}}(?:委|办|府|厅))(?<![{_NOT_ISSUING}])密电(?!码)")
#: Raw-text test before normalising a block: a 密 right before a bracket, or 委/办 + 密电.
_MAYBE = regex.compile(r"密[电字函发件便]?[\s\u200b]{0,2}[〔\[［(（【﹝]|[委办府厅]密电")
#: What every text :data:`_MAYBE` passes holds (:mod:`.gate`).
_MAYBE_KEYS = frozenset("密")
#: Characters that never belong to an issuing organ's abbreviation (they end a phrase before it).
_PHRASE_END = "的、和及与在对将把按是为以即"


@dataclass(frozen=True)
class DocNumberGrammar:
    leads: regex.Pattern[str]
    context: Context

    @classmethod
    def build(cls, marks: Lexicon, look_alikes: Lexicon) -> DocNumberGrammar:
        leads = marks.terms("citation_lead") + look_alikes.terms("example_cue")
        return cls(leads=regex.compile(alternation(leads)),
                   context=Context(look_alikes))


class SecretDocNumberDetector:
    """文号 containing 密: a document issued as secret is cited or forwarded."""

    name = "classification_marks.secret_doc_number"
    version = __version__
    category = Category.CLASSIFICATION_MARK
    kind = "secret_level"

    def __init__(self) -> None:
        self._grammar: CompiledCache[DocNumberGrammar] = CompiledCache(DocNumberGrammar.build)

    def detect(self, document: Document, config: Config) -> Iterator[Finding]:
        g = self._grammar.get(lexicon(config, "secret_level_marks"),
                              lexicon(config, "mark_false_positives"))
        texts = block_texts(document)
        for block in block_gate(document).blocks(_MAYBE_KEYS, top=False):
            if not _MAYBE.search(block.text):
                continue
            norm = texts.of(block)
            text = norm.text
            found = []
            for pattern, what in ((_NUMBERED, "发文字号"), (_TELEGRAM, "密电")):
                for m in pattern.finditer(text):
                    s = self._organ_start(text, m.start("org"), m.end("org"), g)
                    e = m.end()
                    if s >= m.end("org") and what == "密电":
                        continue  # "密电" with no issuing organ: an ordinary word
                    reason = g.context.reason(text, s, e, quotes=False, regulation=False)
                    found.append(self._candidate(block, s, e, text, what, reason))
            yield from emit(self, self.kind, block, norm, found, config)

    @staticmethod
    def _organ_start(text: str, start: int, end: int, g: DocNumberGrammar) -> int:
        """Where the issuing organ's abbreviation begins: after any lead-in word (根据, 转发,
        例如 …) or phrase-ending character that the greedy Han run took in."""
        s = start
        for m in g.leads.finditer(text, start, end):
            s = max(s, m.end())
        for i in range(end - 1, s - 1, -1):
            if text[i] in _PHRASE_END:
                return i + 1
        return s

    @staticmethod
    def _candidate(block, s: int, e: int, text: str, what: str, reason: str | None
                   ) -> Candidate:
        if reason:
            return Candidate(s, e, Severity.INFO, 0.3,
                             f"{where(block)}的“{MARK}”出现在{reason}，视为示例",
                             Basis.STATE_SECRET.value)
        return Candidate(
            s, e, Severity.REVIEW, 0.8,
            f"{where(block)}出现带“密”字的{what}“{MARK}”：该文件按涉密公文发文，"
            "引用或转发其内容须确认已解密或不涉密后方可公开", Basis.STATE_SECRET.value)
