"""``address``: a personal address below the level that may be published (domain.md §3.3–3.4).

The permitted level is 乡镇/街道 (村 in rural 公示): ``南岭乡南岭村`` passes. What must go is the
detail: house number, building, unit, room, 村民小组 — ``城关镇东街88号3栋2单元501室``,
``南岭乡南岭村3组12号``. So an address is found from its numbered detail (``88号``, ``3栋``,
``2单元``, ``501室``, ``3组``, ``3-2-501``) back to the place names before it (a Han run ending in a
road, place or housing-estate suffix of ``lexicons/pd_address.txt``), cut after the last label
(住址：, 家住, 户籍地址为 …).

Whose address it is decides the severity:

* a personal label (住址, 家庭住址, 现住址, 户籍地址, 居住地, 家住 …), an address column of a list of
  people, or the cell right of such a label in a form → review, confidence 0.9;
* no label, but a residential detail (单元, 村民小组/组, 户) or a person in the same sentence (an ID
  number, a phone, 户主, 申请人 …) → review, lower confidence;
* an agency's address is public: an office label (办公地址, 单位地址, 受理地点 …), an organisation
  named right after it (…88号县民政局, （县政府大楼）), or a company's 住所 → info;
* otherwise (a venue in a notice) → nothing. Already-masked details (``东街**号``) → info.

Basis 保护第三方合法权益; masked by the masking policy (numbers of the detail become ``*``).
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import regex

from screening import (Basis, Block, Category, Config, Document, Finding, Lexicon, Normalized,
                       Severity, compact, make_finding)
from screening import CompiledCache
from screening import BlockTexts

from .people import (PeopleIndex, alternation, block_texts, builtin_lexicons,
                     lexicon, people_index, sentence_start)

_NUMERALS = "一二三四五六七八九十百零〇两"
# Literal patterns use ``re`` (a call costs less than with ``regex``); ``regex`` is kept where a
# pattern needs it: \p{Han}, backwards search (?r), and \d as ``regex`` defines it.
_NUM = rf"(?:\d{{1,5}}(?:-\d{{1,4}})?|[{_NUMERALS}]{{1,4}}|\*{{1,5}})"
_PERSON = re.compile(r"户主|申请人|当事人|本人|家住|住在|居住|户籍|村民|居民|之子|之女|其父|其母")
_COMPANY = re.compile(r"公司|企业|厂|店|合作社|经营部|商行|门市|个体工商户|中心")
#: the run of place names that ends right before a detail
_STREET = regex.compile(r"(?r)\p{Han}[\p{Han}A-Za-z0-9]{0,29}")  # searched backwards
#: verbs after which an address begins (县民政局位于…): the street part is cut after them
_VERBS = re.compile(r"位于|坐落于|坐落在|地处|迁至|搬至|迁往|迁入|设在|设于|住在|居住在")
#: an ID number or a mobile number (a landline may be an office's): a person is near
_PERSONAL = regex.compile(r"(?<!\d)(?:\d{17}[\dXx]|1[3-9]\d{9})(?!\d)")
_NUMBER_CHARS = frozenset(_NUMERALS + "*-")
_SENTENCE_END = re.compile(r"[。;!?\n]")
_NEARBY = 3
_LEADS = re.compile(r"(?:为|是|在|于|:| )+")
_BASIS = Basis.THIRD_PARTY.value


@dataclass(frozen=True)
class AddressWords:
    """Compiled vocabulary of ``pd_address``."""

    detail: Any         # the numbered detail: 88号3栋2单元501室, 3组12号, 3-2-501
    anchor: Any         # where a detail may be, from the character after its number (_anchor)
    street_end: tuple[str, ...]  # the street part before it ends in a road, place or estate suffix
    labels: Any         # every label (personal and office), to cut the street part after
    strong: frozenset[str]
    weak: frozenset[str]
    office: frozenset[str]
    residential: Any    # a detail that only homes have (单元, 组 …)
    residence_end: tuple[str, ...]  # the street part ends in a housing-estate suffix (幸福小区5栋501室)
    organisation: Any   # an organisation named right after the address
    header: Any         # a personal-address column header


def _build(lex: Lexicon) -> AddressWords:
    def terms(kind: str, strength: str | None = None) -> list[str]:
        return [e.term for e in lex.by_kind(kind) if strength is None or e.strength == strength]

    units = alternation(terms("unit"))
    detail = (rf"(?<![\d*-])(?:(?:{_NUM} ?(?:{units}))+(?:{_NUM}(?![\d*]))?"
              rf"|\d{{1,4}}(?:-\d{{1,4}}){{2,3}}(?:室|号)?)")
    personal = terms("label")
    strong = frozenset(e.term for e in lex.by_kind("label") if e.strength != "W")
    return AddressWords(
        detail=regex.compile(detail),
        anchor=re.compile(_anchor(terms("unit"))),
        # suffixes for ``str.endswith`` (one C call; a ``(?:…)$`` search tries every position)
        street_end=tuple(t for t in terms("place") + terms("road") + terms("residence") if t),
        labels=re.compile(alternation(personal + terms("office_label"))),
        strong=strong, weak=frozenset(personal) - strong,
        office=frozenset(terms("office_label")),
        residential=re.compile(alternation(terms("unit", "R"))),
        residence_end=tuple(t for t in terms("residence") if t),
        organisation=regex.compile(rf" ?\(? ?[\p{{Han}}]{{0,10}}?(?:{alternation(terms('organisation'))})"),
        header=re.compile(alternation(personal)))


def _anchor(units: list[str]) -> str:
    """Where a detail may be: ``[0-9…*] ?(?:unit)`` or ``\\d-\\d{1,4}-\\d`` at a number, written
    to match from the character after the number (the number is ``match.start() - 1``; the match
    ends where that anchor ends).

    Details are found from their unit words (号, 栋, 室 …, rare in running text), not from every
    digit: a text full of ID and phone numbers would make the detail pattern try each digit. For
    the same reason the scan starts on a space, a unit's first character or a hyphen and looks
    back one character for the number: a pattern starting at the number is tried at every digit
    (a third of the characters of such a text). Measured on the 200 KB benchmark text: the
    anchors of every block in 1.0 ms instead of 3.5 ms. Each unit is split into its first
    character and the rest, the rests in the order of :func:`alternation`, so the same unit wins
    as in one alternation of the units."""
    num = rf"[0-9{_NUMERALS}*]"
    rests: dict[str, list[str]] = {}
    for unit in {u for u in units if u}:
        rests.setdefault(unit[0], []).append(unit[1:])
    branches = [rf"(?<={num} )(?:{alternation(units)})"]  # 2 单元: a space, then the unit
    for first in sorted(rests):
        rest = "|".join(re.escape(r) for r in sorted(rests[first], key=lambda r: (-len(r), r)))
        branches.append(rf"(?<={num}{re.escape(first)})(?:{rest})")
    branches.append(r"(?<=\d-)\d{1,4}-\d")  # 3-2-501, after the unit words as before
    starts = re.escape("".join(sorted(rests)))
    return rf"[ {starts}-](?<=[0-9{_NUMERALS}*\d].)(?:{'|'.join(branches)})"


_WORDS = CompiledCache(_build)


class _Nearby:
    """The text of the few paragraphs before the block being screened (joined by line breaks),
    made on first use: most addresses are judged without it. One per document: ``blocks`` is the
    detector's window of recent paragraphs, which does not move while a block is screened."""

    __slots__ = ("_blocks", "_text", "_texts")

    def __init__(self, texts: BlockTexts, blocks: deque[Block]):
        self._texts = texts
        self._blocks = blocks
        self._text: str | None = None

    def moved(self) -> None:
        """Another block is screened now: forget the text made for the one before."""
        self._text = None

    @property
    def text(self) -> str:
        if self._text is None:
            self._text = "\n".join(self._texts.of(b).text for b in self._blocks)
        return self._text


class AddressDetector:
    """Personal addresses down to house number, building, unit, room or 村民小组."""

    name = "personal_data.address"
    version = "1"
    category = Category.PERSONAL_DATA
    kind = "address"

    @staticmethod
    def lexicons() -> list[Lexicon]:
        return builtin_lexicons()

    def detect(self, document: Document, config: Config) -> Iterator[Finding]:
        words = _WORDS.get(lexicon(config, "pd_address"))
        people = people_index(document, config) \
            if any(b.table is not None for b in document.blocks) else None
        texts = block_texts(document)
        recent: deque[Block] = deque(maxlen=_NEARBY)
        nearby = _Nearby(texts, recent)
        search = words.anchor.search
        for block, norm in zip(document.blocks, texts.all(), strict=True):
            anchor = search(norm.text)
            if anchor is not None:
                column = self._column(block, people, words) if people is not None else None
                nearby.moved()
                yield from self._block(block, norm, words, column, nearby, config, anchor)
            if block.table is None:
                recent.append(block)

    @staticmethod
    def _column(block: Block, people: PeopleIndex, words: AddressWords) -> tuple[str, bool] | None:
        """``(header, personal)`` when the cell stands under an address header or right of an
        address label (a form)."""
        if block.table is None:
            return None
        roles = people.roles(block.table[0])
        header = people.tables.header_of(block)
        if header is None or not words.header.search(compact(header)):
            header = people.label_of(block)
            if not header or not words.header.search(header):
                return None
        header = compact(header)
        m = words.labels.search(header)
        label = m.group() if m else header
        if label in words.office:
            return header, False
        return header, roles.people or label in words.strong

    def _block(self, block: Block, norm: Normalized, words: AddressWords,
               column: tuple[str, bool] | None, nearby: _Nearby, config: Config,
               anchor: re.Match[str] | None) -> Iterator[Finding]:
        """Addresses of one block; ``nearby`` is the text of the few paragraphs before it,
        ``anchor`` its first anchor."""
        text = norm.text
        suffixes = words.street_end
        detail = words.detail.match
        search = words.anchor.search
        pos = 0  # where the last detail ended
        while anchor is not None:
            number = anchor.start() - 1  # the anchor's number
            # the next anchor starts at or after this one's end (as ``finditer`` would find them)
            anchor = search(text, anchor.end() + 1)
            if number < pos:
                continue
            at = number
            while at > pos and (text[at - 1].isdigit() or text[at - 1] in _NUMBER_CHARS):
                at -= 1
            if anchor is None and not text.endswith(suffixes, 0, at) \
                    and not text.endswith(suffixes, 0, number):
                break  # the block's last detail (no later one needs its end) has no street
            m = detail(text, at)
            if m is None and at < number:
                m = detail(text, number)
            if m is None:
                continue
            at, pos = m.start(), m.end()
            # the street part must end in a suffix right before the detail: most details that
            # are not addresses (a phone number, a date) fail here, before the street is matched
            if not text.endswith(suffixes, 0, at):
                continue
            street = _STREET.match(text, max(0, at - 30), at)
            if street is None or street.end() != at or not street.group().endswith(suffixes):
                continue
            start, end = street.start(), m.end()
            label = ""
            for lm in words.labels.finditer(text, start, at):
                label, start = lm.group(), lm.end()  # cut after the last label
            for vm in _VERBS.finditer(text, start, at):
                start = vm.end()
            lead = _LEADS.match(text, start, at)
            if lead:
                start = lead.end()
            if at - start < 2 or not text.endswith(suffixes, start, at):
                continue
            if not label:
                label = self._label_before(text, start, words)
            verdict = self._judge(text, start, end, m.group(), label, column, nearby, words)
            if verdict is None:
                continue
            severity, confidence, why = verdict
            s, e = norm.span(start, end)
            yield self._finding(block, s, e, severity, confidence, why, config)

    @staticmethod
    def _label_before(text: str, start: int, words: AddressWords) -> str:
        """A label just before the address (``住址：``, ``家住``), across a colon or space."""
        before = text[max(0, start - 8):start].rstrip(": ")
        found = ""
        for lm in words.labels.finditer(before):
            if lm.end() == len(before):
                found = lm.group()
        return found

    @staticmethod
    def _judge(text: str, start: int, end: int, detail: str, label: str,
               column: tuple[str, bool] | None, nearby: _Nearby, words: AddressWords
               ) -> tuple[Severity, float, str] | None:
        """``(severity, confidence, explanation)`` of the address ``text[start:end]``, or
        ``None`` when it is not reported (a venue in a notice)."""
        if "*" in detail:
            return Severity.INFO, 0.8, "地址的门牌等信息已遮盖，无需再处理"
        if words.organisation.match(text, end, end + 14):
            return Severity.INFO, 0.7, "地址后注明了机关或单位，属于单位公开的办公地址"
        if label in words.office:
            return Severity.INFO, 0.8, f"\u201c{label}\u201d后为单位地址，一般依法公开"
        if label in ("住所", "住所地") and (_COMPANY.search(text, sentence_start(text, start), start)
                                           or _COMPANY.search(nearby.text)):
            return Severity.INFO, 0.6, "企业等单位的住所，一般依法公开"
        if column is not None:
            header, personal = column
            if not personal:
                return Severity.INFO, 0.6, f"表格\u201c{header}\u201d列为单位地址，一般依法公开"
            return Severity.REVIEW, 0.9, f"个人住址写到门牌、楼栋或房号（表格\u201c{header}\u201d列）"
        if label in words.strong:
            return Severity.REVIEW, 0.9, f"个人住址写到门牌、楼栋或房号（前有\u201c{label}\u201d）"
        residential = bool(words.residential.search(detail)
                           or text.endswith(words.residence_end, start, end - len(detail)))
        begins = sentence_start(text, start)  # not before: most addresses have a label
        before = text[begins:start]
        stop = _SENTENCE_END.search(text, end)
        sentence = text[begins:stop.start() if stop else len(text)]
        if _PERSONAL.search(sentence) or _PERSON.search(before):
            why = "地址写到门牌、楼栋或房号，且同句涉及个人"
            return Severity.REVIEW, 0.75, (f"\u201c{label}\u201d后的" if label else "") + why
        if label and (_PERSONAL.search(nearby.text) or _PERSON.search(nearby.text)):
            return Severity.REVIEW, 0.7, (f"\u201c{label}\u201d后的地址写到门牌、楼栋或房号，"
                                          "前文为个人的身份信息")
        if residential:
            return Severity.REVIEW, 0.6, "住宅地址写到单元、房号或村民小组"
        return None

    def _finding(self, block: Block, start: int, end: int, severity: Severity,
                 confidence: float, why: str, config: Config) -> Finding:
        masked = config.masking.mask("address", block.text[start:end])
        if severity is not Severity.INFO:
            why += "。个人住址公开时只应写到乡镇（街道）或村，请删除门牌、楼栋、单元、房号和组号"
        return make_finding(self, block, start, end, kind=self.kind, severity=severity,
                            basis=_BASIS, confidence=confidence,
                            explanation=why, config=config, masked=masked)
