"""``person_name``: names of private persons (domain.md §3; the personal-data issue).

Where a name is found:

* **a name column** of a table (headed 姓名, 户主, 申请人, 联系人, 监护人 … or any header ending in
  姓名), and a form-like table's cell right of a 姓名 label — review;
* **running text**, only next to a context word (:mod:`.name_finder`): a role label before it
  (申请人：…), an honorific after it (同志, 先生, 女士, 老师), a gender (，男，), an ID number or
  phone after it, a list after 名单如下：, special-category data tied to it — review.

What it is not:

* ``张某``, ``张某某``, ``王某甲`` are pseudonyms and ``张*`` is masked: info (already de-identified);
* officials are public by design: in a paragraph with an appointment word (拟任, 现任, 任免 …), in
  a document whose title is a 任前公示 or 行政处罚决定, or right next to a 职务 word (县长王建国,
  王建国局长), names found by an honorific or a gender are not reported, and in the first two
  cases a role label (当事人：…) gives info — unless an ID number or phone stands in the same
  sentence; a table with 职务 columns and no ID or phone column (a 任前公示 table) gives info;
* labels whose person is public by design (法定代表人, 负责人, 签发人) are not role labels.

A name in a list whose title names a 低保/救助/贫困/残疾 … topic is still ``review``, with an
explanation that the list itself reveals that status (the special_category detector blocks the
status data itself). A name in the same row as an ID number or phone says so; the identifier
detectors decide those values' severity.

Basis 保护第三方合法权益; masked by the office's masking policy (``张*``, ``欧阳*``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import regex

from screening import (Basis, Block, Category, Config, Document, Finding, Lexicon, Normalized,
                       Severity, make_finding, normalize)

from .name_finder import NameFinder, NameHit, name_finder
from .people import (IDENTIFIER, NameWords, PeopleIndex, block_texts, builtin_lexicons,
                     people_index, sentence_start, title_lines_before)

_CUE_WORDS = {
    "role": "前有身份标签\u201c{word}\u201d",
    "honorific": "后有称谓\u201c{word}\u201d",
    "gender": "后注明性别",
    "identifier": "后紧跟身份证号码或电话",
    "row": "与身份证号码或电话同在一行",
    "list": "列在\u201c{word}\u201d之后的人员名单中",
    "special": "与敏感个人信息\u201c{word}\u201d相连",
}
_CUE_CONFIDENCE = {"role": 0.9, "row": 0.9, "identifier": 0.9, "special": 0.85, "list": 0.85,
                   "gender": 0.8, "honorific": 0.75}
_SPLIT = regex.compile(r"[^、,;/\n]+")  # the names of one cell (张志强、李秀英)
_TITLE_WINDOW = 4
_SENTENCE_END = re.compile("[。;!?\n]")
_BOOK_TITLE = regex.compile(r"《[^》]*》")
#: cues of a list of people: the list's topic (低保, 残疾 …) makes their names sensitive
_LIST_CUES = frozenset({"list", "row", "gender", "identifier", "special"})
_ADVICE = "如无公开依据，请删除或遮盖为\u201c{masked}\u201d"
_BASIS = Basis.THIRD_PARTY.value  # (an enum's .value costs a property call per finding)


class PersonNameDetector:
    """Names of private persons in name columns and next to context words."""

    name = "personal_data.person_name"
    version = "1"
    category = Category.PERSONAL_DATA
    kind = "person_name"

    def __init__(self, *, use_jieba: bool = True):
        #: decide ambiguous boundaries with jieba's words (else with a function-word grammar)
        self.use_jieba = use_jieba

    @staticmethod
    def lexicons() -> list[Lexicon]:
        """The built-in lexicons this detector (and its siblings) read."""
        return builtin_lexicons()

    def detect(self, document: Document, config: Config) -> Iterator[Finding]:
        finder = name_finder(config, use_jieba=self.use_jieba)
        people = people_index(document, config) \
            if any(b.table is not None for b in document.blocks) else None
        texts = block_texts(document)
        names = finder.names_in(document)
        public_document = self._public_document(document, finder)
        for block, norm in zip(document.blocks, texts.all(), strict=True):
            if block.table is not None and people is not None:
                header = self._name_header(block, people)
                if header:
                    yield from self._cell(block, norm, header, people, config)
                    continue
            hits = names.of(norm)
            if hits:
                yield from self._running(block, norm, hits, finder, public_document, document,
                                         config)

    # -- name columns ----------------------------------------------------------------------------

    @staticmethod
    def _name_header(block: Block, people: PeopleIndex) -> str | None:
        t, _, c = block.table
        roles = people.roles(t)
        if roles.names:  # a list: its name columns, below the header row
            return people.tables.header_of(block) if c in roles.names else None
        label = people.label_of(block)  # a form: the cell right of a 姓名 label
        return label if label and people.names.is_name_header(label) else None

    def _cell(self, block: Block, norm: Normalized, header: str, people: PeopleIndex,
              config: Config) -> Iterator[Finding]:
        t, r, _ = block.table
        roles = people.roles(t)
        for m in _SPLIT.finditer(norm.text):
            piece = m.group()
            lead = len(piece) - len(piece.lstrip())
            start, end = m.start() + lead, m.start() + len(piece.rstrip())
            if start >= end:
                continue
            shape = people.names.shape(norm.text[start:end], need_surname=False)
            if shape is None:
                continue
            form, tier = shape
            s, e = norm.span(start, end)
            where = f"表格\u201c{_short(header)}\u201d列中的姓名"
            if form != "name":
                yield self._deidentified(block, s, e, form, where, config)
                continue
            if roles.officials:
                yield self._finding(block, s, e, Severity.INFO, 0.6, config,
                                    where + "，该表为干部任职等依法公开的名单，一般可以公开")
                continue
            parts = [where]
            if roles.topic:
                parts.append(_topic_words(roles.topic))
            identifier = people.row_identifier(t, r)
            if identifier:
                parts.append(f"同一行有{identifier}")
            confidence = {"A": 0.95, "B": 0.95, "C": 0.9}.get(tier, 0.8)
            yield self._finding(block, s, e, Severity.REVIEW, confidence, config, "；".join(parts))

    # -- running text ----------------------------------------------------------------------------

    def _running(self, block: Block, norm: Normalized, hits: list[NameHit], finder: NameFinder,
                 public_document: bool, document: Document, config: Config) -> Iterator[Finding]:
        words = finder.words
        # whether the block is about appointments or penalties: asked only for a name with no ID
        # or phone in its sentence (in a list of applicants, few)
        public_block: bool | None = True if public_document else None
        topic = None
        sentences: dict[int, bool] = {}  # sentence start → whether it holds an ID or phone
        for hit in hits:
            s, e = norm.span(hit.start, hit.end)
            what = _what(hit.cue, hit.word)
            if hit.form != "name":
                yield self._deidentified(block, s, e, hit.form, what, config)
                continue
            identifier = _identifier_in_sentence(norm.text, hit.start, sentences)
            if not identifier:
                if public_block is None:
                    public_block = bool(words.patterns["appoint"].search(norm.text))
                if hit.cue != "role" and (
                        public_block or _titled(norm.text, hit.start, hit.end, words)):
                    continue  # an official in an appointment notice, a speech, a penalty decision
                if hit.cue == "role" and public_block:
                    yield self._finding(block, s, e, Severity.INFO, 0.5, config,
                                        what + "，位于任免公示或行政处罚决定中，一般依法公开")
                    continue
            parts = [what]
            if hit.cue in _LIST_CUES and topic is None:
                topic = self._topic(document, block, finder) or ""
            if hit.cue in _LIST_CUES and topic:
                parts.append(_topic_words(topic))
            if identifier and hit.cue not in ("row", "identifier"):
                parts.append("同一句中有身份证号码或电话")
            confidence = _CUE_CONFIDENCE.get(hit.cue, 0.7)
            if not hit.sure:
                confidence -= 0.2
            if hit.tier == "C":
                confidence -= 0.1
            yield self._finding(block, s, e, Severity.REVIEW, round(confidence, 2), config,
                                "；".join(parts))

    @staticmethod
    def _public_document(document: Document, finder: NameFinder) -> bool:
        """A 任前公示, 任免通知 or 行政处罚决定: the title (first body lines) says so."""
        titles = [b.text for b in document.blocks[:12] if b.part == "body"][:4]
        return any(finder.words.patterns["appoint"].search(normalize(t).text) for t in titles)

    @staticmethod
    def _topic(document: Document, block: Block, finder: NameFinder) -> str | None:
        """The 低保/救助/残疾 … topic of the list a running-text name stands in: in the block
        itself (outside 《…》 titles of laws) or in the title lines above it."""
        own = _BOOK_TITLE.sub("", block_texts(document).of(block).text)
        for line in [own] + [normalize(t).text for t in title_lines_before(document, block.index)]:
            m = finder.special.topic.search(line)
            if m:
                return m.group()
        return None

    # -- findings --------------------------------------------------------------------------------

    def _finding(self, block: Block, start: int, end: int, severity: Severity, confidence: float,
                 config: Config, why: str) -> Finding:
        masked = config.masking.mask("person_name", block.text[start:end])
        if severity is not Severity.INFO:
            why += "。" + _ADVICE.format(masked=masked)
        return make_finding(self, block, start, end, kind=self.kind, severity=severity,
                            basis=_BASIS, confidence=confidence,
                            explanation=why, config=config, masked=masked)

    def _deidentified(self, block: Block, start: int, end: int, form: str, where: str,
                      config: Config) -> Finding:
        how = "已作化名处理（如\u201c张某\u201d）" if form == "pseudonym" else "已遮盖"
        return self._finding(block, start, end, Severity.INFO, 0.9, config,
                             f"{where}，{how}，无需再处理")


_WHAT: dict[tuple[str, str], str] = {}


def _what(cue: str, word: str) -> str:
    """``姓名`` and how its cue found it (the words are the lexicons': a bounded set, so the
    texts are kept once made)."""
    key = (cue, word)
    what = _WHAT.get(key)
    if what is None:
        what = _WHAT[key] = "姓名" + _CUE_WORDS.get(cue, "").format(word=word)
    return what


def _topic_words(topic: str) -> str:
    return f"所在名单涉及\u201c{topic}\u201d，列入名单本身即揭示其{topic}身份（敏感个人信息）"


def _titled(text: str, start: int, end: int, words: NameWords) -> bool:
    """A 职务 word right before or after a name (县长王建国, 王建国局长, 王建国同志任局长):
    an official. Only a few characters around count: 湖里区长安路 far away is an address."""
    office = words.patterns["office"]
    return bool(office.search(text, max(0, start - _TITLE_WINDOW), start)
                or office.search(text, end, end + _TITLE_WINDOW + 2))


def _identifier_in_sentence(text: str, pos: int, seen: dict[int, bool]) -> bool:
    """Whether the sentence around ``pos`` (from after the last sentence end before it to the next
    one) holds an ID number or a phone; ``seen`` keeps the answer by the sentence's start for the
    other names of the block."""
    start = sentence_start(text, pos)
    found = seen.get(start)
    if found is None:
        after = _SENTENCE_END.search(text, pos)
        found = seen[start] = IDENTIFIER.search(text, start, after.start() if after else len(text)) \
            is not None
    return found


def _short(text: str, limit: int = 12) -> str:
    text = "".join(text.split())
    return text if len(text) <= limit else text[:limit] + "…"
