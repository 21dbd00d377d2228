"""Names of people in running text, found by their context (shared by person_name and
special_category).

A surname alone proves nothing in Chinese text (高, 金, 向, 于 are everyday words), and jieba's
person tags alone call 申请人 and 公开监督 names. So a name is looked for only where a context
word says one stands:

* after a role label: ``申请人：王建国``, ``联系人 李秀英``, ``户主张志强``;
* before an honorific: ``王建国同志``, ``陈丽华女士``;
* before a gender: ``王建国，男，``, ``李秀英（女）``;
* before an ID number or phone: ``王建国，身份证号码…``, ``张志强 13800138000``;
* in a list after ``名单如下：`` (two or more names separated by 、);
* tied to special-category data: ``王建国（尿毒症）``, ``低保户王建国``;
* pseudonyms and masked names (``张某``, ``张某某``, ``王某甲``, ``张*``): already de-identified.

The context decides where a name ends (or begins) when punctuation does not. Where a Han run leaves
two readings (``由李明同志``: 李明 or 由李明), jieba's words decide when ``use_jieba`` is on; without
it a small grammar of function words does. Either way the candidate must have a name's shape
(:meth:`people.NameWords.shape`) and must not be a common word (``全体同志``, ``党员同志``).

Offsets are in the normalised text the caller passes (``screening.normalize(block.text).text``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

import regex

from screening import Config, Document, Lexicon, Normalized

from screening import CompiledCache
from .people import (HAN, IDENTIFIER, IS_HAN, NameWords, SpecialWords,
                     build_name_words, build_special_words, common_word, lexicon, segment, shared)

#: Characters that, standing before a surname, are more likely a word of their own (由李明 → 李明).
FUNCTION_CHARS = frozenset("由对向和与及请任将把给被让派经为是的于在同跟找叫称令使免选推聘授予谢致问慰并")

_LIST_ITEM = re.compile(r"[^、,;。 ]+")
# (find() runs _GENDER only on a text with 男 or 女, _IDENTIFIER_CUE only with 身份, 电话 or 手机,
# _LIST_CUE only where _LIST_CUE_HINT finds one of its words: keep those gates in step with the
# patterns)
_GENDER = re.compile(r"[,、( ] ?(?:性别:? ?)?[男女] ?(?=[,、);; ]|$)")
_IDENTIFIER_CUE = re.compile(
    r"(?:公民身份号码|身份证号码|身份证号|身份证|联系电话|电话|手机号码|手机):? ?(?=\d)")
_LIST_CUE = re.compile(r"(?:名单|名册|人员|对象|如下|的有)(?:为|是)? ?:|分别是|分别为")
#: one of these stands in every match of _LIST_CUE (a literal alternation: ``re`` skips to its
#: first characters, half the cost of seven ``in`` tests)
_LIST_CUE_HINT = re.compile("名单|名册|人员|对象|如下|的有|分别")
#: a 某 or ``*`` after a character that may end a surname (a Han one; not after a digit or a
#: ``*``: 110105********0014 is a masked number, and each of its * would be looked at in vain)
_PSEUDONYM_ANCHOR = re.compile(r"(?<=[^\x00-\x7f])[某*]")
#: the tail of a pseudonym or masked name, and what may follow a single 某 (张某驾驶, not 某些)
_PSEUDONYM = regex.compile(
    r"(?:某某|某[甲乙丙丁戊己庚辛壬癸]|某\d{1,2}|\*{1,3}(?![\p{Han}*])|某(?=[^\p{Han}]|$|同志|先生|女士"
    r"|等|与|和|及|因|系|在|于|的|为|称|向|将|被|诉|男|女|驾|明知|持|家|住|无|未|多|私|擅|违))")
_ROW = regex.compile(r"^ *(?:\d{1,4}[.、)]?|\(\d{1,4}\))? *(\p{Han}{2,4})(?=[ \t,、])")
#: _ROW with any non-ASCII character for a Han one (so it accepts whatever _ROW accepts), in
#: ``re``: a line it refuses is refused in a third of _ROW's time (most lines of a list are)
_ROW_HINT = re.compile(r" *(?:\d{1,4}[.、)]?|\(\d{1,4}\))? *[^\x00-\x7f]{2,4}[ \t,、]")
_SENTENCE_END = re.compile(r"[。;!?\n]")
#: a special-category term tied to a name: 王建国（尿毒症）, 低保户王建国, 李秀英患有精神障碍
_BRACKET_BEFORE = re.compile(r"\( ?$")
_PERSON_SUFFIX = re.compile(r"户|对象|人员|患者|患儿|家庭|老人|儿童")
_PERSON_END = frozenset("户人者员象儿")  # 低保户, 残疾人, 感染者, 吸毒人员, 低保对象, 孤儿
_PREDICATE = re.compile(r"患有|身患|患|确诊为|确诊|诊断为|系|属于|属|被认定为|认定为|享受|纳入")
_PREDICATE_WINDOW = 10
_CLAUSE_BREAK = re.compile(r"[。;,!?\n]")
_LONG_NUMBER = re.compile(r"\d{7}")


class NameHit(NamedTuple):
    """A name at ``text[start:end]`` (normalised offsets; a named tuple: thousands are made per
    document).

    :param form: ``name``, ``pseudonym`` (张某) or ``masked`` (张*).
    :param tier: the surname's tier (A, B, C) or ``?``.
    :param cue: ``role``, ``honorific``, ``gender``, ``identifier``, ``row``, ``list``,
        ``special`` or ``pseudonym``.
    :param word: the context word (申请人, 同志, 尿毒症 …).
    :param sure: the boundary was given by punctuation or a single reading, not guessed.
    """

    start: int
    end: int
    form: str
    tier: str
    cue: str
    word: str
    sure: bool


class NameFinder:
    """Finds names in normalised running text (see the module docstring)."""

    def __init__(self, words: NameWords, special: SpecialWords, *, use_jieba: bool = True):
        self.words = words
        self.special = special
        self.use_jieba = use_jieba
        p = words.patterns
        self._role = re.compile(
            rf"(?P<w>{p['role'].pattern})(?:姓名)?(?:\([^)]{{1,6}}\))?(?P<sep> ?: ?| +)?")
        self._honorific = p["honorific"]
        self._after = p["after"]
        self._roles = words.of("role")

    # -- the cues --------------------------------------------------------------------------------

    def names_in(self, document: Document) -> DocumentNames:
        """The name hits of a document's blocks, found once per document (and per block text)
        and shared by the detectors that ask (person_name and special_category)."""
        held, found = shared(document, ("names", self.use_jieba), lambda: (self, {}))
        return DocumentNames(self, found if held is self else {})

    def find(self, text: str) -> list[NameHit]:
        """Every name hit of ``text``, one per span (the most certain cue wins), in order."""
        return self.find_with_terms(text)[0]

    def find_with_terms(self, text: str) -> tuple[list[NameHit], list[tuple[int, int, str]] | None]:
        """:meth:`find`, and the special-category terms of ``text`` as ``(start, end, term)``
        (found on the way; ``None`` when the text was not searched for them)."""
        if not HAN.search(text):
            return [], None
        hits: dict[tuple[int, int], NameHit] = {}
        terms = []
        # One scan per cue kind: ``re`` scans a literal alternation fast, but one alternation
        # of every cue together is twenty times slower (measured). Where a cue cannot match
        # without a certain character or word, an ``in`` test (much faster than a scan) skips it.
        for m in self._role.finditer(text):
            hit = self._after_cue(text, m.end(), "role", m.group("w"), loose=bool(m.group("sep")))
            if hit is not None:
                _add(hits, hit)
        for m in self._honorific.finditer(text):  # a literal alternation: as cheap as a gate
            if _decided(hits, m.start(), "honorific"):
                continue
            hit = self._before_cue(text, m.start(), "honorific", m.group())
            if hit is not None:
                _add(hits, hit)
        if "男" in text or "女" in text:
            for m in _GENDER.finditer(text):
                if _decided(hits, m.start(), "gender"):
                    continue  # 姓名:王建国,性别:男 — the label found him
                hit = self._before_cue(text, m.start(), "gender", m.group().strip(",、( "))
                if hit is not None:
                    _add(hits, hit)
        if "身份" in text or "电话" in text or "手机" in text:
            for m in _IDENTIFIER_CUE.finditer(text):
                end = m.start()
                while end > 0 and text[end - 1] in ",、 ":
                    end -= 1
                if _decided(hits, end, "identifier"):
                    continue
                hit = self._before_cue(text, end, "identifier", "")
                if hit is not None:
                    _add(hits, hit)
        for m in self.special.term.finditer(text):
            terms.append((m.start(), m.end(), m.group()))
            for hit in self._special(text, m.start(), m.end()):
                if hit is not None:
                    _add(hits, hit)
        if "某" in text or "*" in text:
            for m in _PSEUDONYM_ANCHOR.finditer(text):
                hit = self._pseudonym(text, m.start())
                if hit is not None:
                    _add(hits, hit)
        for hit in self._rows(text):
            _add(hits, hit)
        if _LIST_CUE_HINT.search(text):
            for hit in self._lists(text, list(_LIST_CUE.finditer(text))):
                _add(hits, hit)
        if not hits:
            return [], terms
        # by span: start and end lead a hit and are unique here (the dict's key), so the tuples
        # sort as their spans, without a key function called per hit
        return sorted(hits.values()), terms

    def _special(self, text: str, start: int, end: int) -> Iterator[NameHit | None]:
        """Names tied to the special-category term at ``text[start:end]``: 王建国（尿毒症）,
        低保户王建国 / 尿毒症患者王建国, 李秀英患有精神障碍 / 王建国，系低保户."""
        term = text[start:end]
        bracket = _BRACKET_BEFORE.search(text, max(0, start - 2), start)
        if bracket:
            yield self._before_cue(text, bracket.start(), "special", term)
        suffix = _PERSON_SUFFIX.match(text, end)
        if suffix or term[-1] in _PERSON_END:
            yield self._after_cue(text, suffix.end() if suffix else end, "special", term,
                                  loose=False)
        for m in _PREDICATE.finditer(text, max(0, start - _PREDICATE_WINDOW), start):
            if not _CLAUSE_BREAK.search(text, m.end(), start):  # same clause as the term
                e = m.start()
                while e > 0 and text[e - 1] in ", ":
                    e -= 1
                yield self._before_cue(text, e, "special", term)
                break

    def _pseudonym(self, text: str, at: int) -> NameHit | None:
        """``张某``, ``张某某``, ``王某甲``, ``欧阳某``, ``张*`` standing on their own (not 某些,
        not inside a longer word); ``at`` is the position of its 某 or ``*``."""
        m = _PSEUDONYM.match(text, at)
        if m is None:
            return None
        for n in (2, 1):
            start = at - n
            length, tier = self.words.surname_at(text, start) if start >= 0 else (0, "")
            if length != n or tier not in ("A", "B"):
                continue
            if start == 0 or not IS_HAN[text[start - 1]] or text[start - 1] in FUNCTION_CHARS \
                    or self._label_ends_at(text, start):
                shape = self.words.shape(text[start:m.end()])
                if shape and shape[0] != "name":
                    return NameHit(start, m.end(), shape[0], tier, "pseudonym", "", True)
            return None
        return None

    def _rows(self, text: str) -> list[NameHit]:
        """A line that starts with a name and carries an ID number or phone, in a text with a run
        of seven digits somewhere (a phone written ``138 0013 8000`` alone makes no row)."""
        out = []
        pos = 0
        long_number = None  # searched for once, and only when a line starts like a row: the
        # anchored _ROW_HINT refuses most lines for less than a search of the whole text costs
        for line in text.split("\n"):
            m = _ROW.match(line) if _ROW_HINT.match(line) else None
            if m and long_number is None:
                long_number = _LONG_NUMBER.search(text) is not None
            if m and long_number and IDENTIFIER.search(line, m.end()):
                shape = self.words.shape(m.group(1))
                if shape and shape[0] == "name" and not self._common(m.group(1), delimited=True):
                    out.append(NameHit(pos + m.start(1), pos + m.end(1), "name", shape[1], "row",
                                       "", True))
            pos += len(line) + 1
        return out

    def _lists(self, text: str, cues: list[re.Match[str]]) -> list[NameHit]:
        """``名单如下：王建国、李秀英、张志强`` — two or more names in a row."""
        out = []
        for cue in cues:
            end = _SENTENCE_END.search(text, cue.end())
            stop = end.start() if end else len(text)
            items = []
            for m in _LIST_ITEM.finditer(text, cue.end(), stop):
                shape = self.words.shape(m.group())
                if shape and shape[0] == "name" and shape[1] in "AB" \
                        and not self._common(m.group(), delimited=True):
                    items.append(NameHit(m.start(), m.end(), "name", shape[1], "list",
                                         cue.group().rstrip(": "), True))
            if len(items) >= 2:
                out.extend(items)
        return out

    # -- boundaries ------------------------------------------------------------------------------

    def _after_cue(self, text: str, p: int, cue: str, word: str, *, loose: bool) -> NameHit | None:
        """A name that starts at ``p``. ``loose``: the label was followed by a colon or space, so
        a name may be guessed when nothing marks its end."""
        n, tier = self.words.surname_at(text, p)
        if n == 0 or (not loose and tier == "C"):
            return None
        e = p
        while e < len(text) and e - p < 8 and IS_HAN[text[e]]:
            e += 1
        length, sure, delimited = None, True, False
        if n + 1 <= e - p <= n + 2:
            length, delimited = e - p, loose  # 申请人：高丽，— punctuation on both sides
        else:
            for k in (n + 1, n + 2):
                if p + k < e and self._after.match(text, p + k):
                    length = k
                    break
            if length is None and self.use_jieba and e - p > n:
                # (a run no longer than the surname, 申请人：苏*, is no name by jieba's words)
                length = self._jieba_after(text[p:e], n)
            if length is None and loose and e - p > n + 2:
                # 申请人：王建国申… — most names have three characters; never past the Han run
                # (申请人：苏* is a masked name, found as such)
                length, sure = n + 2, False
        if length is None:
            return None
        return self._hit(text, p, p + length, cue, word, sure, delimited=delimited)

    def _before_cue(self, text: str, e: int, cue: str, word: str) -> NameHit | None:
        """A name that ends at ``e``: which of its readings (2, 3 or 4 characters) begins it."""
        s = e
        while s > 0 and e - s < 6 and IS_HAN[text[s - 1]]:
            s -= 1
        if e - s < 2:
            return None  # no reading fits
        readings = []
        shapes = {}
        single, compound = self.words.single, self.words.compound
        for k in (2, 3, 4):
            if e - k < s:
                break
            if text[e - k] not in single and text[e - k:e - k + 2] not in compound:
                continue  # no surname begins it: no name's shape (the run is Han only)
            shape = self._valid_shape(text[e - k:e])
            if shape is not None:
                readings.append(e - k)
                shapes[e - k] = shape
        if not readings:
            return None
        start, sure = self._choose(text, s, e, readings)
        if start > s and self.use_jieba and self._crossed(text, s, start) \
                and self._inside_jieba_name(text[s:e], start - s):
            return None  # 王建国家庭属于…: 国家庭 starts inside the name 王建国
        # ``start`` is one of the readings, whose shape is known and which is no common word
        form, tier = shapes[start]
        return NameHit(start, e, form, tier, cue, word, sure)

    def _choose(self, text: str, s: int, e: int, readings: list[int]) -> tuple[int, bool]:
        """``(start, sure)`` among the readings of a name ending at ``e`` in the run ``[s, e)``."""
        longest = readings[-1]
        if len(readings) == 1 or self._label_ends_at(text, longest) or (
                longest == s and text[s] not in FUNCTION_CHARS):
            # one reading, or the longest one fills the run (钱强琪 after a comma) or follows a
            # role label (当事人赵国浩): no doubt where the name begins
            return longest, True
        short, long_ = readings[0], readings[1]
        if self.use_jieba:
            start = self._jieba_before(text[s:e], e - s)
            if start is not None and s + start in readings:
                return s + start, False
        if text[long_] in FUNCTION_CHARS or self.words.surname_at(text, long_)[1] == "C":
            return short, False
        return long_, False

    def _valid(self, candidate: str) -> bool:
        return self._valid_shape(candidate) is not None

    def _valid_shape(self, candidate: str) -> tuple[str, str] | None:
        """The shape of a candidate that may be a name (not masked, not a common word)."""
        shape = self.words.shape(candidate)
        if not shape or shape[0] == "masked" or self._common(candidate):
            return None
        return shape

    def _hit(self, text: str, start: int, end: int, cue: str, word: str,
             sure: bool, *, delimited: bool = False) -> NameHit | None:
        candidate = text[start:end]
        shape = self.words.shape(candidate)
        if not shape or self._common(candidate, delimited=delimited):
            return None
        return NameHit(start, end, shape[0], shape[1], cue, word, sure)

    def _common(self, candidate: str, *, delimited: bool = False) -> bool:
        """A word, not a name: in ``not_name``, or (with jieba) a frequent dictionary word of
        two characters (党员, 干部; longer ones may be famous names such as 诸葛亮, names all the
        same). A candidate ``delimited`` by a label and punctuation (姓名：高丽，) is a name even
        if it is also a word."""
        if candidate in self.words.rejected:
            return True
        return not delimited and self.use_jieba and len(candidate) == 2 and common_word(candidate)

    def _jieba_after(self, run: str, n: int) -> int | None:
        """Length of the name at the start of ``run`` by jieba's words, or ``None``."""
        tokens = segment(run)
        first = tokens[0]
        if n + 1 <= len(first) <= n + 2:
            return len(first)
        if len(first) == n and len(tokens) > 1 and 1 <= len(tokens[1]) <= 2 \
                and not common_word(tokens[1]):
            return n + len(tokens[1])
        return None

    def _label_ends_at(self, text: str, pos: int) -> bool:
        roles = self._roles
        for x in range(max(0, pos - 5), pos - 1):
            if text[x:pos] in roles:
                return True
        return False

    def _crossed(self, text: str, s: int, start: int) -> bool:
        """Whether a name could also stand across ``start`` (王建国|家庭: 国家庭 starts inside
        王建国), so that jieba must say where words end."""
        return any(self._valid(text[x:y]) for x in range(max(s, start - 3), start)
                   for y in range(start + 1, min(start + 3, x + 5)))

    def _inside_jieba_name(self, run: str, start: int) -> bool:
        """Whether ``run[start]`` stands inside a word of jieba's that is itself a name."""
        pos = 0
        for token in segment(run):
            if pos < start < pos + len(token):
                return self._valid(token)
            pos += len(token)
        return False

    def _jieba_before(self, run: str, end: int) -> int | None:
        """Offset in ``run`` where the name ending at ``end`` starts, by jieba's words."""
        tokens = segment(run)
        pos = len(run)
        for i in range(len(tokens) - 1, -1, -1):
            pos -= len(tokens[i])
            if 2 <= end - pos <= 4 and self._valid(run[pos:end]):
                return pos
            if end - pos > 4:
                break
        return None


class DocumentNames:
    """:meth:`NameFinder.find_with_terms` of each block text of one document, made on first use
    and kept by the text: blocks that repeat a line (a list's 男 and 女 cells, a notice's
    boilerplate) are searched once."""

    __slots__ = ("_finder", "_found")

    def __init__(self, finder: NameFinder,
                 found: dict[str, tuple[list[NameHit], list[tuple[int, int, str]] | None]]):
        self._finder = finder
        self._found = found

    def _of(self, norm: Normalized) -> tuple[list[NameHit], list[tuple[int, int, str]] | None]:
        found = self._found.get(norm.text)
        if found is None:
            found = self._found[norm.text] = self._finder.find_with_terms(norm.text)
        return found

    def of(self, norm: Normalized) -> list[NameHit]:
        """The hits of a block's normalised text ``norm``. Do not change the list (blocks of the
        same text share it)."""
        return self._of(norm)[0]

    def terms(self, norm: Normalized) -> list[tuple[int, int, str]]:
        """The special-category terms of a block's normalised text ``norm`` as ``(start, end,
        term)``, in order: those :meth:`of` found on the way, else a search of their own (no
        names are looked for)."""
        found = self._found.get(norm.text)
        if found is not None and found[1] is not None:
            return found[1]
        return [(m.start(), m.end(), m.group())
                for m in self._finder.special.term.finditer(norm.text)]


#: how certain a cue makes a hit, lowest first
_CUE_ORDER = {cue: i for i, cue in enumerate(
    ("pseudonym", "honorific", "gender", "identifier", "special", "role", "row", "list"))}


def _rank(hit: NameHit) -> int:
    return _CUE_ORDER[hit.cue] * 2 + hit.sure


def _decided(hits: dict[tuple[int, int], NameHit], end: int, cue: str) -> bool:
    """Whether a hit of a cue at least as certain as any ``cue`` can give already ends at
    ``end``: then the name before ``cue`` is that one, and it is not looked for again (the same
    span would lose to it in :func:`_add`; another reading of the same run would be a second,
    overlapping name for one person). Saves a third of the boundary work on a list of records
    (姓名:王建国,性别:男,身份证号…: the label found him before the gender and the ID)."""
    best = _CUE_ORDER[cue] * 2 + 1
    for (_, e), hit in hits.items():
        if e == end and _rank(hit) >= best:
            return True
    return False


def _add(hits: dict[tuple[int, int], NameHit], hit: NameHit) -> None:
    """Keep ``hit`` unless a hit of the same span has a more certain cue."""
    key = (hit.start, hit.end)
    held = hits.get(key)
    if held is None or _rank(hit) > _rank(held):
        hits[key] = hit


def _build_finders(surnames: Lexicon, context: Lexicon,
                   special_lexicon: Lexicon) -> dict[bool, NameFinder]:
    words, special = build_name_words(surnames, context), build_special_words(special_lexicon)
    return {flag: NameFinder(words, special, use_jieba=flag) for flag in (True, False)}


_FINDERS = CompiledCache(_build_finders)


def name_finder(config: Config, *, use_jieba: bool = True) -> NameFinder:
    """The finder for the configuration's lexicons (compiled once per set of lexicons)."""
    return _FINDERS.get(lexicon(config, "pd_surnames"), lexicon(config, "pd_name_context"),
                        lexicon(config, "pd_special_category"))[use_jieba]
