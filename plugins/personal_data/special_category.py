"""``special_category``: health, disability, welfare and status data tied to named people
(domain.md §6.12, §3.3's Yunnan sweep list, §9's 低保/医疗救助/贫困户 lists).

The terms (``lexicons/pd_special_category.txt``: 尿毒症, 精神障碍, 残疾类别, 低保, 建档立卡贫困户,
刑满释放, 社区矫正, 孕情, 计生措施, 婚姻状况 …) are ordinary policy words; they matter only when
they say something about a person. So this detector reports **block** only when a term is tied to
named (or numbered) people:

* in a list of people (a table with a name or ID column): every value under a column headed 病种,
  诊断, 残疾类别, 致贫原因, 婚姻状况 … (values such as 无 or 健康 reveal nothing and are skipped),
  and a term in any other cell of the list (a 备注 cell saying 尿毒症);
* in a form about one person (``姓名 | 王建国 | 病种 | 尿毒症``): the value right of such a label;
* in running text, a term tied to a name found by :mod:`.name_finder`: in brackets right after it
  (``王建国（尿毒症）``), right before it (``低保户王建国``, ``尿毒症患者王建国``), after a
  predicate (``王建国，系建档立卡贫困户``, ``李秀英患有精神障碍``), or in a list line that starts
  with the name (``王建国　男　尿毒症``).

Mentioned as policy (做好低保工作, 残疾人保障法) or in a list's title alone (2026年度低保对象名单),
a term gives nothing here; the title makes the names of the list sensitive, which the person_name
detector says. A term tied to a pseudonym (``张某（尿毒症）``) is info: the person is not named.

Basis 保护第三方合法权益. The finding's text is the term or the cell value; its explanation names the
person only in masked form.
"""

from __future__ import annotations

from collections.abc import Generator, Iterator

import regex

from screening import (Basis, Block, Category, Config, Document, Finding, Lexicon, Normalized,
                       Severity, make_finding)

from .name_finder import NameFinder, NameHit, name_finder
from .people import PeopleIndex, SpecialWords, block_texts, builtin_lexicons, people_index

KIND_WORDS = {"health": "健康状况", "disability": "残疾状况", "welfare": "社会救助身份",
              "status": "特定身份", "family": "婚姻家庭状况", "reproductive": "生育状况"}
_PREDICATE = regex.compile(r"系|是|为|属|属于|患|患有|身患|确诊|诊断为|因|享受|纳入|被认定为|"
                           r"认定为|办理|列为|评定为|持有")
_MASKED_ONLY = regex.compile(r"[*●×]+")
_LINE_START = regex.compile(r"(?:^|\n) *(?:\d{1,4}[.、)]|\(\d{1,4}\))? *$")
_GAP = 12


class SpecialCategoryDetector:
    """Health, disability, welfare and status terms tied to named people."""

    name = "personal_data.special_category"
    version = "1"
    category = Category.PERSONAL_DATA
    kind = "special_category"

    def __init__(self, *, use_jieba: bool = True):
        self.use_jieba = use_jieba

    @staticmethod
    def lexicons() -> list[Lexicon]:
        return builtin_lexicons()

    def detect(self, document: Document, config: Config) -> Iterator[Finding]:
        finder = name_finder(config, use_jieba=self.use_jieba)
        special = finder.special
        people = people_index(document, config) \
            if any(b.table is not None for b in document.blocks) else None
        texts = block_texts(document)
        names = finder.names_in(document)
        for block, norm in zip(document.blocks, texts.all(), strict=True):
            if block.table is not None and people is not None:
                handled = yield from self._cell(block, norm, people, special, config)
                if handled:
                    continue
            terms = names.terms(norm)
            if not terms:
                continue  # no term: no need to look for names (keeps clean text cheap)
            yield from self._running(block, norm, names.of(norm), terms, finder, config)

    # -- lists and forms -------------------------------------------------------------------------

    def _cell(self, block: Block, norm: Normalized, people: PeopleIndex, special: SpecialWords,
              config: Config) -> Generator[Finding, None, bool]:
        """Findings of a cell of a list of people or a form; returns whether the cell was one."""
        t, r, c = block.table
        roles = people.roles(t)
        header_row = people.tables.header_row(t)
        if roles.people and header_row is not None and r > header_row:
            header = roles.special.get(c)
            if header:
                yield from self._value(block, norm, special, config,
                                       f"名单\u201c{header}\u201d列的内容，与同行的姓名或身份证号码相连")
            else:
                yield from self._terms(block, norm, special, config,
                                       "出现在列有姓名或身份证号码的名单中")
            return True
        if not roles.names and people.form_has_name(t):
            label = people.label_of(block)
            m = special.header.search(label) if label else None
            if m:
                yield from self._value(block, norm, special, config,
                                       f"个人信息表中\u201c{label}\u201d一栏的内容")
                return True
        return False

    def _value(self, block: Block, norm: Normalized, special: SpecialWords, config: Config,
               why: str) -> Iterator[Finding]:
        """The whole value of a cell under a special header (unless it reveals nothing)."""
        value = norm.text.strip()
        if not value or value in special.neutral or _MASKED_ONLY.fullmatch(value):
            return  # nothing, a neutral word (无, 否), or a value already masked (******)
        lead = len(norm.text) - len(norm.text.lstrip())
        start, end = norm.span(lead, lead + len(value))
        m = special.term.search(value)
        kind = special.kinds.get(m.group(), "") if m else ""
        yield self._finding(block, start, end, 0.95, config, _what(kind) + why)

    def _terms(self, block: Block, norm: Normalized, special: SpecialWords, config: Config,
               why: str) -> Iterator[Finding]:
        for m in special.term.finditer(norm.text):
            s, e = norm.span(m.start(), m.end())
            yield self._finding(block, s, e, 0.9, config,
                                _what(special.kinds.get(m.group(), "")) + why)

    # -- running text ----------------------------------------------------------------------------

    def _running(self, block: Block, norm: Normalized, hits: list[NameHit],
                 terms: list[tuple[int, int, str]], finder: NameFinder,
                 config: Config) -> Iterator[Finding]:
        text = norm.text
        names = [h for h in hits if h.form in ("name", "pseudonym")]
        if not names:
            return
        special = finder.special
        for start, end, term in terms:
            if term in special.weak:
                continue
            tie = _tie(text, start, end, names)
            if tie is None:
                continue
            hit, how = tie
            s, e = norm.span(start, end)
            masked = config.masking.mask("person_name", text[hit.start:hit.end])
            why = _what(special.kinds.get(term, "")) + how.format(name=masked)
            if hit.form == "pseudonym":
                yield self._finding(block, s, e, 0.8, config,
                                    why + "，但姓名已作化名处理，无需再处理", Severity.INFO)
            else:
                yield self._finding(block, s, e, 0.9, config, why)

    def _finding(self, block: Block, start: int, end: int, confidence: float, config: Config,
                 why: str, severity: Severity = Severity.BLOCK) -> Finding:
        text = block.text[start:end]
        if severity is not Severity.INFO:
            why += "。此类敏感个人信息不得公开，请删除（或删除对应人员的姓名等身份信息）"
        return make_finding(self, block, start, end, kind=self.kind, severity=severity,
                            basis=Basis.THIRD_PARTY.value, confidence=confidence,
                            explanation=why, config=config,
                            masked=config.masking.mask(self.kind, text))


def _what(kind: str) -> str:
    return f"{KIND_WORDS[kind]}（敏感个人信息），" if kind in KIND_WORDS else "敏感个人信息，"


def _tie(text: str, start: int, end: int, names: list[NameHit]) -> tuple[NameHit, str] | None:
    """The name a term at ``text[start:end]`` is said of, and how, or ``None``."""
    for hit in names:
        between = text[hit.end:start]
        if hit.end <= start and between.startswith("(") and ")" not in between \
                and len(between) <= _GAP:
            return hit, "写在姓名\u201c{name}\u201d后的括号中"  # 王建国（尿毒症）
        if end <= hit.start and _SUFFIXED.fullmatch(text[end:hit.start]):
            return hit, "直接修饰姓名\u201c{name}\u201d"  # 低保户王建国
        if hit.end <= start and len(between) <= _GAP and _PREDICATE.search(between) \
                and not _SENTENCE_BREAK.search(between) \
                and not any(h is not hit and hit.end <= h.start < start for h in names):
            return hit, "用于描述姓名\u201c{name}\u201d"  # 王建国，系建档立卡贫困户
        # ``in`` tests for the gap: ``regex.search`` with a pattern string looks it up in the
        # module's cache on every call, 4 µs against 20 ns (measured)
        if hit.end <= start and _LINE_START.search(text, 0, hit.start) \
                and "\n" not in between and (" " in between or "\t" in between):
            return hit, "与姓名\u201c{name}\u201d同列一行"  # 王建国　男　尿毒症
    return None


_SUFFIXED = regex.compile(r"(?:户|对象|人员|患者|家庭|老人|儿童)?")
_SENTENCE_BREAK = regex.compile(r"[。;!?\n]")
