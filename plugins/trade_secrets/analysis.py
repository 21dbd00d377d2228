"""One pass over a document for a plugin's terms: every hit decided once, shared by the plugin's
detectors through the per-document memo (:func:`screening.text.document_memo`).

The automaton (:mod:`.matcher`) gives each block's hits, in one call over the whole document
(:meth:`.matcher.MultiMatcher.scan_blocks`: on the 200 KB personal-data bench text, 978 lines,
``restricted_info.internal_process`` went from 7.1–7.4 ms to 3.3–3.4 ms CPU); a block's folded
text is made only when it has a match, or when the checks below read it. Each hit is then

1. cancelled by its context (:meth:`.context.Cues.cancel`, the document being a regulation or
   training text, the term's ``unless`` cues) → ``info`` for a strong term, nothing for a weak one;
2. a finding at ``review`` when strong;
3. for a weak term, a finding at ``review`` only with a support its entry accepts: ``mark``
   position, an ``amount`` nearby, the company's ``voice`` in the paragraph, or a ``pair`` — another
   uncancelled term of the same basis (a different word) in the paragraph, or for a table cell in
   its row;
4. dropped when jieba reads a short term as part of a longer word (checked last, so clean text
   never loads jieba).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field

from screening import Block, Config, Document, Lexicon, Severity, load_builtin
from screening import CompiledCache
from screening import block_texts, document_memo

from .context import ARTICLE, Cues, in_mark_part, in_top_lines, mark_position, sentence
from .matcher import (Hit, MultiMatcher, TermMatcher, ascii_lower,
                      crosses_word, fold)

_SUPPORT_WORDS = {"amount": "附近有金额或数值", "voice": "以企业自身口吻陈述",
                  "pair": "同段另有同类用语", "mark": "位于标志位置"}


@dataclass(frozen=True, eq=False)
class Spec:
    """What one plugin matches: its lexicon names, default basis per kind and default supports."""

    plugin: str
    terms: str
    allow: str
    default_basis: Mapping[str, str]
    default_needs: frozenset[str]
    context: str = "secrecy_context"


@dataclass(frozen=True, slots=True)
class Decision:
    """A hit that is reported: where, how serious, and why (offsets into the folded text)."""

    block: Block
    start: int
    end: int
    kind: str
    term: str
    severity: Severity
    basis: str
    confidence: float
    reason: str          # why it counts ("强词", "弱词，附近有金额…") or why it was cancelled
    cancelled: bool = False


@dataclass
class Compiled:
    matcher: TermMatcher
    cues: Cues


_BUILTIN: dict[str, Lexicon] = {}


def lexicon(config: Config, name: str) -> Lexicon:
    """The merged lexicon from the configuration; the built-in one if the configuration carries
    none (a detector run outside the plugin manager must not silently find nothing)."""
    lex = config.lexicons.get(name)
    if lex is not None:
        return lex
    if name not in _BUILTIN:
        _BUILTIN[name] = load_builtin(name)
    return _BUILTIN[name]


_CACHES: dict[Spec, CompiledCache] = {}


def compiled(spec: Spec, config: Config) -> Compiled:
    """The automaton and cues for ``spec`` under ``config``, compiled once per lexicon objects."""
    cache = _CACHES.get(spec)
    if cache is None:
        cache = _CACHES.setdefault(spec, CompiledCache(
            lambda terms, allow, ctx: Compiled(
                TermMatcher(terms, allow, default_basis=spec.default_basis,
                            default_needs=spec.default_needs), Cues.build(ctx))))
    return cache.get(lexicon(config, spec.terms), lexicon(config, spec.allow),
                     lexicon(config, spec.context))


@dataclass
class _DocumentContext:
    regulation: bool = False
    training: str | None = None
    consultation: bool = False
    award: bool = False
    announcement: bool = False
    rows: dict[tuple[int, int], list[Block]] = field(default_factory=dict)
    columns: dict[tuple[int, int], list[Block]] = field(default_factory=dict)


def analyse(document: Document, config: Config, spec: Spec) -> list[Decision]:
    """The decisions of ``spec``'s terms for ``document``, made once and kept in its memo."""
    comp = compiled(spec, config)
    memo = document_memo(document)
    key = ("lexicon_terms", spec.plugin)
    held = memo.get(key)
    if held is not None and held[0] is comp:
        return held[1]
    analysis = _Analysis(document, comp)
    decisions = analysis.run(_term_hits(document, config, spec, comp, analysis))
    memo[key] = (comp, decisions)
    return decisions


#: Every spec analysed in this process, in order: one pass over a document finds the terms of all
#: of them (:func:`_term_hits`); the combined automata by their matchers (a few configurations).
_SEEN: list[Spec] = []
_MULTI: dict[tuple[int, ...], tuple[tuple[TermMatcher, ...], MultiMatcher]] = {}


def _term_hits(document: Document, config: Config, spec: Spec, comp: Compiled,
               analysis: _Analysis) -> dict[int, list[Hit]]:
    """The hits of ``spec``'s terms in each block (by position in ``document.blocks``; blocks
    without any left out). The first spec asked for a document scans it once for the terms of
    every spec seen so far whose lexicons the configuration carries, and keeps the others' hits in
    the document's memo for them (trade_secrets and restricted_info: one pass, not two). The pass
    is one automaton call over all the blocks (:meth:`MultiMatcher.scan_blocks`), which gives
    each block what :meth:`MultiMatcher.scan` of its folded text gives."""
    memo = document_memo(document)
    held = memo.get(("term_hits", spec.plugin))
    if held is not None and held[0] is comp:
        return held[1]
    if spec not in _SEEN:
        _SEEN.append(spec)
    specs, comps = [spec], [comp]
    for other in _SEEN:
        # another plugin's spec joins the pass when this configuration carries its lexicons
        # (registered by its plugin: it screens this document too) and it has not had its pass
        if other is not spec and other.plugin != spec.plugin \
                and ("term_hits", other.plugin) not in memo and all(
                    config.lexicons.get(name) is not None
                    for name in (other.terms, other.allow, other.context)):
            specs.append(other)
            comps.append(compiled(other, config))
    matchers = tuple(c.matcher for c in comps)
    key = tuple(id(m) for m in matchers)
    entry = _MULTI.get(key)
    if entry is None or any(a is not b for a, b in zip(entry[0], matchers)):
        if len(_MULTI) > 8:
            _MULTI.clear()
        entry = _MULTI[key] = (matchers, MultiMatcher(matchers))
    multi = entry[1]
    per: list[dict[int, list[Hit]]] = [{} for _ in specs]
    blocks = document.blocks
    # a block's folded text (kept for the decisions) is made only when the automaton found a term
    found_in = multi.scan_blocks([norm.text for norm in analysis.texts.all()],
                                 lambda position: analysis._folded(blocks[position]))
    for position, by_spec in found_in.items():
        for found, hits in zip(per, by_spec):
            if hits:
                found[position] = hits
    for s, c, found in zip(specs, comps, per):
        memo[("term_hits", s.plugin)] = (c, found)
    return per[0]


class _Analysis:
    def __init__(self, document: Document, comp: Compiled):
        self.document = document
        self.matcher = comp.matcher
        self.cues = comp.cues
        self.texts = block_texts(document)
        self.folded: dict[int, str] = document_memo(document).setdefault("folded_texts", {})
        self.ctx = self._document_context()

    def _folded(self, block: Block) -> str:
        """The block's normalised text, ASCII lower-cased; made once per document for both
        plugins (kept in the document's memo)."""
        text = self.folded.get(block.index)
        if text is None:
            text = self.folded[block.index] = ascii_lower(self.texts.of(block).text)
        return text

    def _document_context(self) -> _DocumentContext:
        ctx = _DocumentContext()
        cues = self.cues
        for block in self.document.blocks[:64]:
            top = in_top_lines(block) and block.part == "body"
            if not (top or block.part == "metadata"):
                continue
            text = self._folded(block)
            if top and cues.is_regulation_title(text):
                ctx.regulation = True
            if top and len(text) <= 80:
                m = cues.training.search(text)
                if m and ctx.training is None:
                    ctx.training = m.group()
                ctx.award = ctx.award or bool(cues.award.search(text))
                ctx.announcement = ctx.announcement or bool(cues.announcement.search(text))
            ctx.consultation = ctx.consultation or bool(cues.consultation.search(text))
        if any(b.table is not None for b in self.document.blocks):
            for b in self.document.blocks:
                if b.table is not None:
                    t, r, c = b.table
                    ctx.rows.setdefault((t, r), []).append(b)
                    ctx.columns.setdefault((t, c), []).append(b)
        return ctx

    def run(self, hits_of: Mapping[int, list[Hit]]) -> list[Decision]:
        """The decisions for the blocks' hits (``hits_of``: position of the block → its hits)."""
        out: list[Decision] = []
        blocks = self.document.blocks
        for position, hits in hits_of.items():
            block = blocks[position]
            out.extend(self._block(block, self._folded(block), hits))
        return out

    # -- one block -------------------------------------------------------------------------------

    def _block(self, block: Block, text: str, hits: list[Hit]) -> list[Decision]:
        voice = bool(self.cues.voice.search(text))
        if not voice and block.table is not None:
            voice = any(self.cues.voice.search(self._folded(b)) for b in self._row(block))
        live = _Reasons(self, block, text, hits, voice)
        out = []
        for i, hit in enumerate(hits):
            term = hit.term
            if term.strong:
                reason = live.reason(i)
                if reason is not None:
                    if self._is_word(text, hit):
                        out.append(self._decision(block, hit, Severity.INFO, 0.3,
                                                  f"出现在{reason}", cancelled=True))
                elif self._is_word(text, hit):
                    out.append(self._decision(block, hit, Severity.REVIEW, 0.85, "强词，单独即需审查"))
                continue
            # a weak term counts only uncancelled and supported: the support is looked for first
            # (most weak terms have none), its own context only then (both are pure lookups)
            support = self._support(block, text, hit, voice, live)
            if support and live.reason(i) is None and self._is_word(text, hit):
                out.append(self._decision(block, hit, Severity.REVIEW, 0.6,
                                          f"弱词，{_SUPPORT_WORDS[support[0]]}{support[1]}"))
        return out

    def _cancel(self, block: Block, text: str, hit: Hit, voice: bool) -> str | None:
        ctx, cues = self.ctx, self.cues
        if ctx.training and not in_mark_part(block):
            return f"培训或测试材料中（标题含“{ctx.training}”）"
        running = block.part in ("body", "footnote", "endnote", "comment", "revision", "hidden")
        if running and cues.is_regulation_title(text):
            return "制度、办法的标题中"
        if block.part == "body" and (ctx.regulation or _is_article(text)):
            return "制度、办法的正文或条文中"
        unless = hit.term.unless
        if unless:
            s, e = hit.start, hit.end
            if "consultation" in unless and (ctx.consultation or cues.consultation.search(text)):
                return "公开征求意见的文件中"
            if "evidence" in unless and cues.evidence.search(text):
                return "处罚决定等列举证据的句子中"
            if "award" in unless and (ctx.award or cues.award.search(text, *_around(text, s, e))):
                return "中标、成交结果公告中（依法公开）"
            if "announcement" in unless and ctx.announcement:
                return "公示、公告或通报中（依规公开）"
        if in_mark_part(block) and block.part != "metadata":
            return None
        return cues.cancel(text, hit.start, hit.end, voice=voice)

    def _support(self, block: Block, text: str, hit: Hit, voice: bool,
                 live: _Reasons) -> tuple[str, str] | None:
        needs = hit.term.needs
        if "mark" in needs:
            where = mark_position(block, text, hit.start, hit.end)
            if where:
                return "mark", f"（{where}）"
        if "amount" in needs:
            amount = self.cues.has_amount(text, hit.start, hit.end)
            if amount is None and block.table is not None:
                amount = self._table_amount(block)
            if amount:
                return "amount", f"（“{amount}”）"
        if "voice" in needs and voice:
            return "voice", ""
        if "pair" in needs:
            basis = hit.term.basis
            for i, other in enumerate(live.hits):
                if other is not hit and other.term.basis == basis \
                        and fold(other.term.text) != fold(hit.term.text) and live.reason(i) is None:
                    return "pair", f"（“{other.term.text}”）"
            if block.table is not None:
                for cell in self._row(block):
                    if cell is block:
                        continue
                    ctext = self._folded(cell)
                    for other in self.matcher.scan(ctext):
                        if other.term.basis == basis and other.term.text != hit.term.text \
                                and self._cancel(cell, ctext, other, voice) is None:
                            return "pair", f"（同行“{other.term.text}”）"
        return None

    def _row(self, block: Block) -> list[Block]:
        t, r, _ = block.table  # type: ignore[misc]
        return self.ctx.rows.get((t, r), [])

    def _table_amount(self, block: Block) -> str | None:
        """An amount in the cell's row, or for a heading cell (row 0) anywhere in its column."""
        t, r, c = block.table  # type: ignore[misc]
        cells = self.ctx.columns.get((t, c), []) if r == 0 else self._row(block)
        for cell in cells:
            if cell is not block:
                m = self.cues.amount.search(self._folded(cell))
                if m:
                    return m.group()
        return None

    def _is_word(self, text: str, hit: Hit) -> bool:
        return not hit.term.boundary or not crosses_word(text, hit.start, hit.end)

    @staticmethod
    def _decision(block: Block, hit: Hit, severity: Severity, confidence: float, reason: str,
                  *, cancelled: bool = False) -> Decision:
        return Decision(block, hit.start, hit.end, hit.term.kind, hit.term.text, severity,
                        hit.term.basis, confidence, reason, cancelled)


class _Reasons:
    """Why each hit of a block is cancelled (:meth:`_Analysis._cancel`; ``None``: it is not),
    found on first use: a weak term without support never needs its own."""

    __slots__ = ("_analysis", "_block", "_known", "_text", "_voice", "hits")

    def __init__(self, analysis: _Analysis, block: Block, text: str, hits: list[Hit],
                 voice: bool):
        self._analysis = analysis
        self._block = block
        self._text = text
        self._voice = voice
        self.hits = hits
        self._known: dict[int, str | None] = {}

    def reason(self, i: int) -> str | None:
        if i not in self._known:
            self._known[i] = self._analysis._cancel(self._block, self._text, self.hits[i],
                                                    self._voice)
        return self._known[i]


def _around(text: str, start: int, end: int) -> tuple[int, int]:
    return sentence(text, start, end)


def _is_article(text: str) -> bool:
    return bool(ARTICLE.match(text))


def by_kind(decisions: list[Decision]) -> dict[str, list[Decision]]:
    out: dict[str, list[Decision]] = defaultdict(list)
    for d in decisions:
        out[d.kind].append(d)
    return out
