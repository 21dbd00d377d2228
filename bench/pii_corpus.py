"""A seeded generator of Chinese 公文-style text with planted personal data, gold spans and decoys.

Pure standard library, deterministic for a seed: ``generate(seed, target_bytes)`` returns a
:class:`PiiCorpus` whose ``text`` is about ``target_bytes`` of UTF-8 (one paragraph per line) and
whose ``gold`` and ``decoys`` are exact character spans of that text (``text[s.start:s.end] ==
s.text``, tested). The bench (``bench/pii_bench.py``) runs ``screen`` and the Presidio peer over it;
the quality corpus (``bench/corpus/personal_data.py``) borrows the value generators.

Gold kinds are the DESIGN §4 kind names (``resident_id``, ``mobile_phone``, ``landline_phone``,
``email``, ``bank_card``, ``passport``, ``travel_permit``, ``license_plate``, ``person_name``,
``address``) plus ``secret_level`` for the 30 密级标志 planted as standalone lines. Each gold span
carries a ``form`` (``plain``, ``grouped``, ``x-lower``, ``+86`` …) so recall can be broken down by
how a value is written. Decoys are look-alikes that must not be reported at review or block:
IDs with a bad check digit, Luhn-failing serials, 文号, amounts, dates, valid USCC credit codes,
11-digit archive numbers, masked values, public hotlines, an office's published address, the
officials named in an appointment notice and a penalised company (domain.md §1.7, §6).
"""

from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass

# -- validators (the specs of domain.md §6; used by the tests to prove gold and decoys) -----------

_RIC_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)


def ric_check(first17: str) -> str:
    """GB 11643 check character (ISO 7064 MOD 11-2) of the first 17 digits."""
    return "10X98765432"[sum(int(c) * w for c, w in zip(first17, _RIC_WEIGHTS)) % 11]


def ric_valid(value: str) -> bool:
    """An 18-character resident ID with a correct check character (upper or lower x)."""
    v = value.upper()
    return len(v) == 18 and v[:17].isdigit() and ric_check(v[:17]) == v[17]


def luhn_valid(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def luhn_digit(body: str) -> str:
    """The digit that makes ``body + digit`` pass Luhn."""
    return next(str(d) for d in range(10) if luhn_valid(body + str(d)))


def org_code_check(body8: str) -> str:
    """GB 11714 check character of an 8-character organisation code body."""
    total = sum(int(c, 36) * w for c, w in zip(body8, _ORG_WEIGHTS))
    c = 11 - total % 11
    return {10: "X", 11: "0"}.get(c, str(c))


def uscc_valid(value: str) -> bool:
    """GB 32100 unified social credit code with a correct check character."""
    if len(value) != 18 or any(c not in _USCC_ALPHABET for c in value):
        return False
    total = sum(_USCC_ALPHABET.index(c) * w for c, w in zip(value, _USCC_WEIGHTS))
    return _USCC_ALPHABET[(31 - total % 31) % 31] == value[17]


# -- value generators ------------------------------------------------------------------------------

REGIONS = ("110105", "110108", "310104", "320106", "330106", "350102", "350103", "350104",
           "350105", "350111", "350203", "350206", "350402", "350403", "350423", "350424",
           "350481", "350502", "350583", "350702", "440106", "440305", "420106", "510107",
           "610113", "370202", "430104", "500103")
SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶"
            "程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏付方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾"
            "毛郝龚邵万钱严武戴莫孔汤")
COMPOUND_SURNAMES = ("欧阳", "司马", "诸葛", "上官", "东方", "慕容", "司徒", "令狐")
GIVEN = ("伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂英华建国志红玉梅春晓文斌海燕俊峰"
         "丹辉鹏宇浩然子涵欣怡雨轩思远佳琪梓萱晨阳凤兰德胜金花淑珍永福丽萍")
MOBILE_PREFIXES = ("130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151",
                   "152", "155", "156", "157", "158", "159", "166", "177", "180", "181", "182",
                   "183", "185", "186", "187", "188", "189", "191", "198", "199")
#: (area code, local length, allowed first digits of the local number)
AREAS = (("010", 8, "68"), ("021", 8, "56"), ("020", 8, "38"), ("025", 8, "58"),
         ("027", 8, "58"), ("028", 8, "68"), ("0591", 8, "28"), ("0592", 7, "2568"),
         ("0571", 8, "8"), ("0598", 7, "8"), ("0595", 8, "2"), ("0755", 8, "28"))
BINS_16 = ("622588", "625965", "622155", "628288")
BINS_19 = ("622202", "622848", "621700", "621226", "623668", "622908")
BANKS = ("中国工商银行", "中国农业银行", "中国建设银行", "中国银行", "农村信用社", "邮政储蓄银行")
EMAIL_DOMAINS = ("163.com", "126.com", "qq.com", "sina.com", "foxmail.com", "gmail.com",
                 "139.com", "hotmail.com", "yeah.net")
PINYIN = ("wang", "li", "zhang", "liu", "chen", "yang", "huang", "zhao", "wu", "zhou", "lin", "xu",
          "sun", "ma", "zhu", "hu", "guo", "he", "gao", "luo", "zheng", "xie", "fang", "wei")
PINYIN_GIVEN = ("wei", "fang", "na", "min", "jing", "qiang", "lei", "jun", "yang", "yong", "yan",
                "jie", "tao", "ming", "chao", "xia", "ping", "gang", "hua", "hong", "mei", "feng")
CITIES = (("福州市", ("鼓楼区", "台江区", "仓山区", "晋安区")), ("三明市", ("三元区", "沙县区")),
          ("厦门市", ("思明区", "湖里区")), ("泉州市", ("丰泽区", "鲤城区")),
          ("永安市", ("燕东街道", "燕西街道")))
ROADS = ("五四路", "杨桥中路", "工业路", "东街", "列东街", "新华路", "湖东路", "鼓屏路", "江滨中大道",
         "长安路", "解放路", "人民路", "建设路", "和平街", "文化路")
TOWNS = (("永安市", "小陶镇", "洪田"), ("沙县区", "夏茂镇", "俞邦"), ("尤溪县", "西城镇", "麻洋"),
         ("大田县", "均溪镇", "许思坑"), ("清流县", "嵩溪镇", "青山"), ("宁化县", "石壁镇", "陈塘"))
COMMUNITIES = ("阳光城", "金色家园", "江南水都", "融侨锦江", "梅峰新村", "翠湖花园")
PLATE_PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼"
PLATE_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"          # no I, no O
SECRET_MARKS = ("机密★1年", "秘密★6个月", "绝密★长期", "机密★", "秘密", "机密★2025年12月31日",
                "秘密★5年", "机密★10年", "绝密★30年", "秘密★1年")


def birth_date(rng: random.Random, start: int = 1940, end: int = 2012) -> str:
    year = rng.randint(start, end)
    month = rng.randint(1, 12)
    day = rng.randint(1, 28 if month == 2 else 30 if month in (4, 6, 9, 11) else 31)
    return f"{year}{month:02d}{day:02d}"


def resident_id(rng: random.Random, *, x: bool | None = None) -> str:
    """A GB 11643-valid 18-character ID (real county code, valid date). ``x=True`` forces an
    ``X`` check character, ``x=False`` a digit."""
    while True:
        body = rng.choice(REGIONS) + birth_date(rng) + f"{rng.randint(0, 999):03d}"
        c = ric_check(body)
        if x is None or (c == "X") == x:
            return body + c


def bad_resident_id(rng: random.Random) -> str:
    """ID-shaped (region, date, sequence) with a wrong check digit."""
    good = resident_id(rng, x=False)
    return good[:17] + rng.choice([d for d in "0123456789" if d != good[17]])


def bank_card(rng: random.Random, length: int = 19) -> str:
    """A Luhn-valid UnionPay card number of ``length`` (16 or 19) digits."""
    bins = BINS_19 if length == 19 else BINS_16
    body = rng.choice(bins) + "".join(rng.choice("0123456789") for _ in range(length - 7))
    return body + luhn_digit(body)


def luhn_failing_serial(rng: random.Random, length: int = 19) -> str:
    """Card-shaped (62 prefix, 16/19 digits) but failing Luhn."""
    good = bank_card(rng, length)
    return good[:-1] + rng.choice([d for d in "0123456789" if d != good[-1]])


def mobile(rng: random.Random) -> str:
    return rng.choice(MOBILE_PREFIXES) + f"{rng.randint(0, 99999999):08d}"


def landline(rng: random.Random) -> tuple[str, str]:
    """``(area code, local number)`` of a plausible fixed line."""
    area, n, first = rng.choice(AREAS)
    return area, rng.choice(first) + "".join(rng.choice("0123456789") for _ in range(n - 1))


def person_name(rng: random.Random) -> str:
    surname = rng.choice(COMPOUND_SURNAMES) if rng.random() < 0.06 else rng.choice(SURNAMES)
    given = rng.choice(GIVEN) + (rng.choice(GIVEN) if rng.random() < 0.7 else "")
    return surname + given


def email(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.2:
        local = str(rng.randint(10000, 9999999999))                      # a QQ number
    elif roll < 0.6:
        local = rng.choice(PINYIN) + rng.choice(PINYIN_GIVEN) + str(rng.randint(1960, 2005))
    else:
        local = rng.choice(PINYIN) + rng.choice("._") + rng.choice(PINYIN_GIVEN) + \
            str(rng.randint(1, 99))
    domain = "qq.com" if local.isdigit() else rng.choice(EMAIL_DOMAINS)
    return f"{local}@{domain}"


def address(rng: random.Random) -> str:
    """A personal address down to the house number, building, unit or room."""
    city, districts = rng.choice(CITIES)
    district = rng.choice(districts)
    roll = rng.random()
    if roll < 0.45:
        return (f"{city}{district}{rng.choice(ROADS)}{rng.randint(1, 399)}号{rng.randint(1, 30)}栋"
                f"{rng.randint(1, 4)}单元{rng.randint(1, 28)}{rng.randint(1, 4):02d}室")
    if roll < 0.75:
        county, town, village = rng.choice(TOWNS)
        return f"三明市{county}{town}{village}村{rng.randint(1, 12)}组{rng.randint(1, 99)}号"
    if roll < 0.9:
        return (f"{city}{district}{rng.choice(COMMUNITIES)}小区{rng.randint(1, 40)}号楼"
                f"{rng.randint(1, 33)}{rng.randint(1, 6):02d}室")
    return f"{city}{district}{rng.choice(ROADS)}{rng.randint(1, 200)}弄{rng.randint(1, 60)}号"


def passport(rng: random.Random) -> str:
    if rng.random() < 0.5:
        return "E" + f"{rng.randint(10000000, 99999999)}"
    return "E" + rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZ") + f"{rng.randint(1000000, 9999999)}"


def travel_permit(rng: random.Random) -> tuple[str, str]:
    """``(label, number)``: 往来港澳通行证 ``C`` + 8 digits or 回乡证 ``H``/``M`` + 10 digits."""
    if rng.random() < 0.6:
        return "往来港澳通行证", "C" + f"{rng.randint(10000000, 99999999)}"
    return "港澳居民来往内地通行证", rng.choice("HM") + f"{rng.randint(10000000, 99999999)}0" + \
        str(rng.randint(0, 2))


def license_plate(rng: random.Random) -> str:
    prov, office = rng.choice(PLATE_PROVINCES), rng.choice(PLATE_LETTERS)
    if rng.random() < 0.25:                                                # new energy, small car
        return f"{prov}{office}{rng.choice('DF')}{rng.randint(10000, 99999)}"
    chars = "0123456789" * 3 + "ABCDEFGHJKLMNPQRSTUVWXYZ"
    tail = "".join(rng.choice(chars) for _ in range(5))
    return f"{prov}{office}{rng.choice(['', '·'])}{tail}"


def uscc(rng: random.Random) -> str:
    """A valid GB 32100 code of an enterprise (``91`` + region + organisation code)."""
    while True:
        body8 = "".join(rng.choice("0123456789ABCDEFGHJKLMNPQRTUWXY") for _ in range(8))
        org = body8 + org_code_check(body8)
        code17 = "91" + rng.choice(REGIONS) + org
        if any(c not in _USCC_ALPHABET for c in code17):
            continue
        total = sum(_USCC_ALPHABET.index(c) * w for c, w in zip(code17, _USCC_WEIGHTS))
        return code17 + _USCC_ALPHABET[(31 - total % 31) % 31]


def archive_number(rng: random.Random) -> str:
    """An 11-digit archive/serial number that is not a mobile number (starts with 2 or 10-12)."""
    head = rng.choice(("2023", "2024", "2025", "10", "11", "12"))
    return head + "".join(rng.choice("0123456789") for _ in range(11 - len(head)))


def doc_number(rng: random.Random) -> str:
    org = rng.choice(("三政办", "闽政", "明政文", "永政综", "榕民", "厦人社", "县财"))
    return f"{org}〔{rng.randint(2019, 2026)}〕{rng.randint(1, 180)}号"


def amount(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.4:
        return f"{rng.randint(100000, 999999999)}.{rng.randint(0, 99):02d}"
    if roll < 0.7:
        return f"{rng.randint(1, 99999999):,}.00"
    return str(rng.randint(1000, 99999999))


def date(rng: random.Random) -> str:
    d = birth_date(rng, 2015, 2026)
    y, m, dd = d[:4], int(d[4:6]), int(d[6:])
    return rng.choice((f"{y}年{m}月{dd}日", f"{y}-{m:02d}-{dd:02d}", d, f"{y}.{m:02d}.{dd:02d}"))


def group4(digits: str, sep: str = " ") -> str:
    return sep.join(digits[i:i + 4] for i in range(0, len(digits), 4))


def fullwidth(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


# -- the corpus ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Span:
    start: int
    end: int
    kind: str
    text: str
    form: str = "plain"


@dataclass(frozen=True)
class PiiCorpus:
    text: str
    gold: tuple[Span, ...]
    decoys: tuple[Span, ...]
    seed: int

    @property
    def size_bytes(self) -> int:
        return len(self.text.encode("utf-8"))

    @property
    def md5(self) -> str:
        return hashlib.md5(self.text.encode("utf-8")).hexdigest()

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for s in self.gold:
            out[s.kind] = out.get(s.kind, 0) + 1
        return out


class _Builder:
    def __init__(self) -> None:
        self.chunks: list[str] = []
        self.pos = 0
        self.gold: list[Span] = []
        self.decoys: list[Span] = []
        self.bytes = 0

    def add(self, *pieces: str) -> None:
        for piece in pieces:
            self.chunks.append(piece)
            self.pos += len(piece)
            self.bytes += len(piece.encode("utf-8"))

    def gold_(self, kind: str, text: str, form: str = "plain") -> None:
        self.gold.append(Span(self.pos, self.pos + len(text), kind, text, form))
        self.add(text)

    def decoy(self, kind: str, text: str) -> None:
        self.decoys.append(Span(self.pos, self.pos + len(text), kind, text))
        self.add(text)

    def line(self) -> None:
        self.add("\n")


def _id(b: _Builder, rng: random.Random) -> None:
    roll = rng.random()
    if roll < 0.06:
        b.gold_("resident_id", resident_id(rng, x=True)[:17] + "x", "x-lower")
    elif roll < 0.12:
        v = resident_id(rng)
        b.gold_("resident_id", f"{v[:6]} {v[6:10]} {v[10:14]} {v[14:]}", "grouped")
    elif roll < 0.15:
        b.gold_("resident_id", fullwidth(resident_id(rng)), "fullwidth")
    else:
        b.gold_("resident_id", resident_id(rng))


def _mobile(b: _Builder, rng: random.Random) -> None:
    v, roll = mobile(rng), rng.random()
    if roll < 0.06:
        b.gold_("mobile_phone", f"+86 {v[:3]} {v[3:7]} {v[7:]}", "+86")
    elif roll < 0.10:
        b.gold_("mobile_phone", f"0086-{v}", "0086")
    elif roll < 0.16:
        b.gold_("mobile_phone", f"{v[:3]}-{v[3:7]}-{v[7:]}", "hyphenated")
    elif roll < 0.20:
        b.gold_("mobile_phone", f"{v[:3]} {v[3:7]} {v[7:]}", "spaced")
    else:
        b.gold_("mobile_phone", v)


def _landline(b: _Builder, rng: random.Random) -> None:
    area, local = landline(rng)
    form = rng.random()
    if form < 0.15:
        b.gold_("landline_phone", f"（{area}）{local}", "parenthesised")
    else:
        b.gold_("landline_phone", f"{area}-{local}")


def _card(b: _Builder, rng: random.Random) -> None:
    v = bank_card(rng, rng.choice((16, 19, 19)))
    if rng.random() < 0.12:
        b.gold_("bank_card", group4(v), "grouped")
    else:
        b.gold_("bank_card", v, f"{len(v)}-digit")


def _email(b: _Builder, rng: random.Random, glued: bool) -> None:
    v = email(rng)
    if rng.random() < 0.04:
        b.gold_("email", v.replace("@", "＠"), "fullwidth-at")
    else:
        b.gold_("email", v, "glued" if glued else "plain")


def _p_list_row(b: _Builder, rng: random.Random, i: int) -> None:
    b.add(f"{i % 50 + 1}．姓名：")
    b.gold_("person_name", person_name(rng))
    b.add(f"，性别：{rng.choice('男女')}，身份证号码：")
    _id(b, rng)
    b.add("，联系电话：")
    _mobile(b, rng)
    b.add("，家庭住址：")
    b.gold_("address", address(rng))
    b.add(f"，开户银行：{rng.choice(BANKS)}，银行卡号：")
    _card(b, rng)
    b.add(f"，核定保障人数{rng.randint(1, 5)}人。")


def _p_applicant(b: _Builder, rng: random.Random, i: int) -> None:
    b.add("申请人")
    b.gold_("person_name", person_name(rng))
    b.add("（公民身份号码")
    _id(b, rng)
    b.add("）于")
    b.decoy("date", date(rng))
    b.add(f"通过{rng.choice(('信函', '网络平台', '当面'))}提出政府信息公开申请，联系电话")
    _mobile(b, rng)
    b.add("，要求公开本单位2023年度征地补偿安置方案及相关会议纪要，并通过电子邮箱")
    _email(b, rng, glued=True)
    b.add("接收答复。")


def _p_contact(b: _Builder, rng: random.Random, i: int) -> None:
    b.add("本次补助资金申报材料的联系人：")
    b.gold_("person_name", person_name(rng))
    b.add("，家庭电话：")
    _landline(b, rng)
    b.add("，个人邮箱：")
    _email(b, rng, glued=False)
    b.add("，请于")
    b.decoy("date", date(rng))
    b.add("前报送。")


def _p_comrade(b: _Builder, rng: random.Random, i: int) -> None:
    b.gold_("person_name", person_name(rng))
    b.add("同志家住")
    b.gold_("address", address(rng))
    b.add("，因病致贫，经村（居）委会评议、乡镇审核，拟给予临时救助")
    b.decoy("amount", f"{rng.randint(5, 60) * 100}.00")
    b.add(f"元，资金打入其本人{rng.choice(BANKS)}账户")
    _card(b, rng)
    b.add("。")


def _p_report(b: _Builder, rng: random.Random, i: int) -> None:
    b.add("举报人")
    b.gold_("person_name", person_name(rng))
    b.add("先生（手机")
    _mobile(b, rng)
    b.add("）反映，车牌号为")
    b.gold_("license_plate", license_plate(rng))
    b.add("的货车长期占用消防通道。经办人：")
    b.gold_("person_name", person_name(rng))
    b.add("，住宅电话")
    _landline(b, rng)
    b.add("。")


def _p_travel(b: _Builder, rng: random.Random, i: int) -> None:
    b.gold_("person_name", person_name(rng))
    b.add("女士因私出境探亲，护照号码")
    b.gold_("passport", passport(rng))
    label, permit = travel_permit(rng)
    b.add(f"，{label}号码")
    b.gold_("travel_permit", permit)
    b.add("，联系邮箱")
    _email(b, rng, glued=True)
    b.add("联系。")


def _p_party(b: _Builder, rng: random.Random, i: int) -> None:
    b.add("当事人")
    b.gold_("person_name", person_name(rng))
    b.add("，身份证号")
    _id(b, rng)
    b.add("，住址：")
    b.gold_("address", address(rng))
    b.add("，手机")
    _mobile(b, rng)
    b.add("，邮箱")
    _email(b, rng, glued=True)
    b.add("。")


def _p_decoys(b: _Builder, rng: random.Random, i: int) -> None:
    b.add("根据《关于进一步加强项目资金管理的通知》（")
    b.decoy("doc_number", doc_number(rng))
    b.add("）要求，")
    b.decoy("date", date(rng))
    b.add("前全县共拨付资金")
    b.decoy("amount", amount(rng))
    b.add("元，档案编号")
    b.decoy("archive_number", archive_number(rng))
    b.add("，登记流水号")
    b.decoy("bad_resident_id", bad_resident_id(rng))
    b.add("，设备序列号")
    b.decoy("luhn_failing_serial", luhn_failing_serial(rng, rng.choice((16, 19))))
    b.add("，中标单位统一社会信用代码")
    b.decoy("uscc", uscc(rng))
    b.add("，合同金额")
    b.decoy("amount", amount(rng))
    b.add("元。")


def _p_public(b: _Builder, rng: random.Random, i: int) -> None:
    roll = i % 3
    if roll == 0:
        b.add("经脱敏处理，申请人")
        b.decoy("masked_name", rng.choice(SURNAMES) + "*")
        b.add("（身份证号码")
        v = resident_id(rng)
        b.decoy("masked_id", v[:6] + "********" + v[14:])
        b.add("，联系电话")
        m = mobile(rng)
        b.decoy("masked_mobile", m[:3] + "****" + m[7:])
        b.add("）的申请已按期答复。")
    elif roll == 1:
        b.add("如对本公示有异议，请拨打政务服务便民热线")
        b.decoy("hotline", "12345")
        b.add("、消费者投诉举报电话")
        b.decoy("hotline", "12315")
        b.add("或政策咨询电话：")
        b.decoy("hotline", "0591-87654321")
        b.add("，也可拨打客服电话")
        b.decoy("hotline", "400-600-1234")
        b.add("。办公地址：")
        b.decoy("office_address", "福州市鼓楼区鼓屏路58号")
        b.add("，邮政编码350003。")
    else:
        b.add("经研究决定：任命")
        b.decoy("official_name", person_name(rng))
        b.add("同志为县交通运输局局长；免去")
        b.decoy("official_name", person_name(rng))
        b.add("同志的县交通运输局局长职务。")


FILLER = (
    "为深入贯彻落实党中央、国务院关于保障和改善民生的决策部署，进一步规范社会救助工作，切实兜住兜牢基本民生底线，现就有关事项通知如下。",
    "各乡镇人民政府、街道办事处要高度重视，明确分管领导和具体经办人员，认真组织开展排查，确保政策落实到位。",
    "坚持公开、公平、公正原则，严格执行个人申请、入户调查、民主评议、审核审批和公示程序，主动接受社会监督。",
    "对审核中发现的问题，要及时核实处理，并将处理结果向申请人反馈；对弄虚作假骗取救助资金的，依法依规追回。",
    "各地要加强部门间信息共享，依托社会救助信息系统开展家庭经济状况核对，提高审核确认工作的准确性。",
    "本通知自印发之日起施行，此前有关规定与本通知不一致的，以本通知为准。",
    "各单位要加强政府信息公开前的保密审查，依法保护个人隐私，防止公民个人信息泄露。",
    "请各地于每季度末将工作进展情况报送县民政局社会救助股，并抄送县财政局。",
    "坚持以人民为中心的发展思想，统筹城乡社会救助体系建设，推进社会救助制度城乡统筹。",
    "加大政策宣传力度，充分利用广播、电视、网络等媒体，提高群众对社会救助政策的知晓率。",
)
#: (template, weight): roughly the mix of a 公示 season on a county portal
TEMPLATES = ((_p_list_row, 30), (_p_applicant, 12), (_p_contact, 12), (_p_comrade, 10),
             (_p_report, 9), (_p_travel, 5), (_p_party, 10), (_p_decoys, 10), (_p_public, 8))


def generate(seed: int = 20240601, target_bytes: int = 200_000, marks: int = 30) -> PiiCorpus:
    """About ``target_bytes`` of UTF-8 text; ``marks`` 密级标志 as standalone lines spread evenly."""
    rng = random.Random(seed)
    b = _Builder()
    b.add("关于2026年第一季度社会救助对象及政府信息公开申请办理情况的公示")
    b.line()
    templates = [t for t, _ in TEMPLATES]
    weights = [w for _, w in TEMPLATES]
    n = 0
    mark_every = max(1, target_bytes // max(marks, 1))
    placed = 0
    while b.bytes < target_bytes:
        if placed < marks and b.bytes >= placed * mark_every:
            b.gold_("secret_level", SECRET_MARKS[placed % len(SECRET_MARKS)])
            b.line()
            placed += 1
        if rng.random() < 0.25:
            b.add(rng.choice(FILLER))
            b.line()
        n += 1
        rng.choices(templates, weights)[0](b, rng, n)
        b.line()
    while placed < marks:
        b.gold_("secret_level", SECRET_MARKS[placed % len(SECRET_MARKS)])
        b.line()
        placed += 1
    return PiiCorpus("".join(b.chunks), tuple(b.gold), tuple(b.decoys), seed)


if __name__ == "__main__":
    import sys

    c = generate()
    if len(sys.argv) > 1:
        with open(sys.argv[1], "w", encoding="utf-8") as fh:
            fh.write(c.text)
    print(f"{c.size_bytes} bytes, {len(c.text)} chars, md5 {c.md5}")
    print("gold:", c.counts())
    decoys: dict[str, int] = {}
    for s in c.decoys:
        decoys[s.kind] = decoys.get(s.kind, 0) + 1
    print("decoys:", decoys)
