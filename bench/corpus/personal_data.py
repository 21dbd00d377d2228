"""Personal data planted in prose, tables, headers, comments, footnotes, text boxes, PDFs and text
files, and the decoys of domain.md §6 that must not fire (issue 3).

Values come from the generators of ``bench/pii_corpus.py`` with a fixed seed, so every build is the
same. Every personal value in a document is planted (the scorer counts an unplanted finding as a
false positive); ``severity`` is set only where issue 3 fixes it: ``resident_id`` and ``bank_card``
→ block, ``special_category`` tied to named people → block, and an ID masked so that the birth date
stays visible (``35042319900101****``) → review.

Decoy documents (group ``lookalike``) hold no planted item at all: IDs with bad check digits in
running text, Luhn-failing serials, amounts, dates, 文号, USCC credit codes, 11-digit archive
numbers, masked values, public hotlines and an office's published address, an appointment notice
(officials' names are public) and a penalty decision against a company. The regulation text is
already a case of ``marks.py``.
"""

from __future__ import annotations

import random
import unicodedata
from pathlib import Path

from bench.pii_corpus import (address, bad_resident_id, bank_card, doc_number, fullwidth, group4,
                              luhn_failing_serial, mobile, person_name, resident_id, ric_check,
                              uscc)

from . import Planted, case

_rng = random.Random(20260301)


def pd(kind: str, text: str, part: str, severity: str = "") -> Planted:
    if not severity and kind in ("resident_id", "bank_card"):
        severity = "block"
    return Planted("personal_data", kind, text, part, severity)


def _raw(path: Path, body, **parts) -> None:
    from tests.docbuild.docx import build_docx

    build_docx(path, body=body, **parts)


NOTICE = [
    "关于做好2026年度城乡居民医疗保险集中参保缴费工作的通知",
    "各乡镇人民政府、街道办事处，县直有关单位：",
    "为做好2026年度城乡居民基本医疗保险参保缴费工作，现将有关事项通知如下。",
    "一、参保范围：除职工基本医疗保险应参保人员以外的其他所有城乡居民。",
    "二、缴费标准：个人缴费标准为每人每年380元。",
    "某县医疗保障局",
]


# -- a 低保 公示 table: 姓名, 性别, 身份证号码, 联系电话, 住址, 银行卡号 (python-docx) -------------------

def _welfare_rows() -> list[dict[str, str]]:
    """Eight people; each row writes its values another way (domain.md §6 tricky cases)."""
    rows = []
    ids = [resident_id(_rng, x=False), resident_id(_rng, x=True),
           resident_id(_rng, x=True)[:17] + "x", "", fullwidth(resident_id(_rng)),
           bad_resident_id(_rng), resident_id(_rng), resident_id(_rng)]
    grouped = resident_id(_rng, x=True)
    ids[3] = f"{grouped[:6]} {grouped[6:10]} {grouped[10:14]} {grouped[14:]}"
    phones = [mobile(_rng) for _ in range(8)]
    phones[1] = f"+86 {phones[1][:3]} {phones[1][3:7]} {phones[1][7:]}"
    phones[2] = f"0086-{phones[2]}"
    phones[3] = f"{phones[3][:3]} {phones[3][3:7]} {phones[3][7:]}"
    phones[4] = f"{phones[4][:3]}-{phones[4][3:7]}-{phones[4][7:]}"
    cards = [bank_card(_rng, 19), bank_card(_rng, 16), group4(bank_card(_rng, 19)),
             group4(bank_card(_rng, 16)), bank_card(_rng, 19), bank_card(_rng, 19),
             group4(bank_card(_rng, 19), "-"), bank_card(_rng, 16)]
    names = [person_name(_rng) for _ in range(8)]
    names[1] = "欧阳" + names[1][-1]
    addresses = ["福州市鼓楼区五四路128号3栋2单元501室", "三明市永安市小陶镇洪田村3组12号",
                 address(_rng), "福州市仓山区阳光城小区12号楼1503室", address(_rng),
                 "三明市沙县区夏茂镇俞邦村7组21号", address(_rng), address(_rng)]
    for i in range(8):
        rows.append({"姓名": names[i], "性别": "男女"[i % 2], "身份证号码": ids[i],
                     "联系电话": phones[i], "住址": addresses[i], "银行卡号": cards[i]})
    return rows


WELFARE = _welfare_rows()
_WELFARE_KINDS = {"姓名": "person_name", "身份证号码": "resident_id", "联系电话": "mobile_phone",
                  "住址": "address", "银行卡号": "bank_card"}


def _welfare_severity(value: str, kind: str) -> str:
    """Issue 3: under 身份证号码 a value with a wrong check digit is still a resident_id, at
    review (a typo still leaks birth date and region); valid IDs and cards block."""
    plain = unicodedata.normalize("NFKC", value).replace(" ", "").upper()
    if kind == "resident_id" and len(plain) == 18 and ric_check(plain[:17]) != plain[17]:
        return "review"
    return ""


@case("pd-welfare-table", ".docx", group="personal_data",
      planted=[pd(kind, row[col], "table", _welfare_severity(row[col], kind)) for row in WELFARE
               for col, kind in _WELFARE_KINDS.items()],
      lookalikes=["12345", "2026年3月1日"])
def _welfare_table(path: Path) -> None:
    from docx import Document

    doc = Document()
    doc.add_paragraph("2026年第一季度城乡最低生活保障对象公示")
    doc.add_paragraph("根据《社会救助暂行办法》规定，经个人申请、入户调查、民主评议和审核审批，"
                      "现将拟新增最低生活保障对象名单公示如下：")
    header = ["序号", "姓名", "性别", "身份证号码", "联系电话", "住址", "银行卡号"]
    table = doc.add_table(rows=1 + len(WELFARE), cols=len(header))
    for j, h in enumerate(header):
        table.cell(0, j).text = h
    for i, row in enumerate(WELFARE, 1):
        values = [str(i)] + [row[h] for h in header[1:]]
        for j, v in enumerate(values):
            table.cell(i, j).text = v
    doc.add_paragraph("公示期为2026年3月1日至3月7日。如有异议，请拨打监督电话12345。")
    doc.add_paragraph("某县民政局")
    doc.save(path)


# -- disability subsidy: a 20-digit 残疾人证号 (ID + category + grade) and the category column ----------

DISABILITY = [(person_name(_rng), resident_id(_rng) + c + g, kind)
              for c, g, kind in (("1", "2", "视力残疾二级"), ("4", "1", "肢体残疾一级"),
                                 ("5", "2", "智力残疾二级"), ("6", "1", "精神残疾一级"),
                                 ("2", "3", "听力残疾三级"))]


@case("pd-disability-table", ".docx", group="personal_data",
      planted=[p for name, cert, kind in DISABILITY for p in (
          pd("person_name", name, "table"), pd("resident_id", cert[:18], "table"),
          pd("special_category", kind, "table", "block"))],
      lookalikes=["1200.00", "900.00"])
def _disability_table(path: Path) -> None:
    from tests.docbuild.docx import table

    rows = [["序号", "姓名", "残疾人证号", "残疾类别及等级", "发放金额（元）"]]
    rows += [[str(i), name, cert, kind, "1200.00" if i % 2 else "900.00"]
             for i, (name, cert, kind) in enumerate(DISABILITY, 1)]
    _raw(path, ["2026年第一季度困难残疾人生活补贴和重度残疾人护理补贴发放名单", table(rows),
                "某县残疾人联合会"])


# -- medical assistance: a 病种 column tied to named people ------------------------------------------

MEDICAL = [(person_name(_rng), d) for d in ("尿毒症", "肺癌", "精神分裂症", "白血病", "乳腺癌")]


@case("pd-medical-aid-table", ".docx", group="personal_data",
      planted=[p for name, disease in MEDICAL for p in (
          pd("person_name", name, "table"), pd("special_category", disease, "table", "block"))],
      lookalikes=["洪田村", "8000"])
def _medical_table(path: Path) -> None:
    from tests.docbuild.docx import table

    villages = ("洪田村", "青山村", "俞邦村", "麻洋村", "陈塘村")
    rows = [["序号", "姓名", "村（社区）", "病种", "救助金额（元）"]]
    rows += [[str(i), name, villages[i - 1], disease, str(2000 * i)]
             for i, (name, disease) in enumerate(MEDICAL, 1)]
    _raw(path, ["2026年2月份城乡困难群众医疗救助对象名单", table(rows), "某县医疗保障局"])


# -- prose: an application reply (申请人：…) --------------------------------------------------------

APPLICANT = person_name(_rng)
APP_ID = resident_id(_rng, x=True)
APP_MOBILE = mobile(_rng)
APP_MOBILE_TEXT = f"+86 {APP_MOBILE[:3]} {APP_MOBILE[3:7]} {APP_MOBILE[7:]}"
APP_EMAIL = "wangxiuying1978@163.com"
APP_EMAIL_2 = "lihua1990＠qq.com"
APP_ADDRESS = "三明市三元区列东街88号6栋1单元302室"
APP_LANDLINE = "0598-8224567"


@case("pd-application-reply", ".docx", group="personal_data",
      planted=[pd("person_name", APPLICANT, "body"), pd("resident_id", APP_ID, "body"),
               pd("mobile_phone", APP_MOBILE_TEXT, "body"), pd("email", APP_EMAIL, "body"),
               pd("email", APP_EMAIL_2, "body"), pd("address", APP_ADDRESS, "body"),
               pd("landline_phone", APP_LANDLINE, "body")],
      lookalikes=["三政信复〔2026〕15号", "2026年2月3日"])
def _application_reply(path: Path) -> None:
    _raw(path, [
        "政府信息公开申请答复书",
        "三政信复〔2026〕15号",
        f"申请人：{APPLICANT}",
        f"身份证号码：{APP_ID}",
        f"联系电话：{APP_MOBILE_TEXT}",
        f"家庭电话：{APP_LANDLINE}",
        f"通讯地址：{APP_ADDRESS}",
        f"请将答复发送至{APP_EMAIL}邮箱，备用邮箱{APP_EMAIL_2}。",
        "您于2026年2月3日通过信函方式提出政府信息公开申请，要求公开本单位2025年度征地补偿安置方案。"
        "经审查，现答复如下：您申请公开的信息属于主动公开范围，已在本机关门户网站公开。",
        "某县人民政府办公室",
    ])


# -- prose: people with 同志/先生/女士, passports, permits, plates -----------------------------------

ELDER = person_name(_rng)
ELDER_ADDRESS = "福州市晋安区鼓屏路66号2栋3单元701室"
REPORTER = person_name(_rng)
TRAVELLER = person_name(_rng)
DRIVER_MOBILE = mobile(_rng)
DRIVER_MOBILE_TEXT = f"{DRIVER_MOBILE[:3]}-{DRIVER_MOBILE[3:7]}-{DRIVER_MOBILE[7:]}"
PASSPORT, PASSPORT_NEW = "E52837461", "EH3927105"
PERMIT_C, PERMIT_H = "C61748293", "H1034826500"
PLATE, PLATE_EV = "闽A·7K2Q9", "闽GD36815"


@case("pd-prose-people", ".docx", group="personal_data",
      planted=[pd("person_name", ELDER, "body"), pd("address", ELDER_ADDRESS, "body"),
               pd("person_name", REPORTER, "body"), pd("license_plate", PLATE, "body"),
               pd("license_plate", PLATE_EV, "body"),
               pd("mobile_phone", DRIVER_MOBILE_TEXT, "body"),
               pd("person_name", TRAVELLER, "body"), pd("passport", PASSPORT, "body"),
               pd("passport", PASSPORT_NEW, "body"), pd("travel_permit", PERMIT_C, "body"),
               pd("travel_permit", PERMIT_H, "body")])
def _prose_people(path: Path) -> None:
    _raw(path, [
        "社区网格工作情况通报",
        f"3月5日，社区工作人员走访慰问了独居老人{ELDER}同志，其家住{ELDER_ADDRESS}，"
        "工作人员详细了解了老人的生活情况。",
        f"举报人{REPORTER}先生反映，车牌号为{PLATE}的小型轿车和车牌号为{PLATE_EV}的新能源汽车"
        f"长期占用小区消防通道，车主联系手机{DRIVER_MOBILE_TEXT}。",
        f"{TRAVELLER}女士因私出境探亲，原护照号码{PASSPORT}已过期，新护照号码{PASSPORT_NEW}，"
        f"往来港澳通行证号码{PERMIT_C}；其配偶持港澳居民来往内地通行证，号码{PERMIT_H}。",
        "某街道办事处",
    ])


# -- headers, footers, comments, footnotes, text boxes ---------------------------------------------

CONTACT = person_name(_rng)
CONTACT_MOBILE = mobile(_rng)
FOOTER_EMAIL = "zhangjianguo_88@126.com"


@case("pd-header-footer", ".docx", group="personal_data",
      planted=[pd("person_name", CONTACT, "header"), pd("mobile_phone", CONTACT_MOBILE, "header"),
               pd("email", FOOTER_EMAIL, "footer")])
def _header_footer(path: Path) -> None:
    from docx import Document

    doc = Document()
    doc.sections[0].header.paragraphs[0].text = f"联系人：{CONTACT}　手机：{CONTACT_MOBILE}"
    doc.sections[0].footer.paragraphs[0].text = f"材料报送邮箱：{FOOTER_EMAIL}"
    for line in NOTICE:
        doc.add_paragraph(line)
    doc.save(path)


COMMENT_ID = resident_id(_rng, x=False)
COMMENT_MOBILE = mobile(_rng)


@case("pd-comment", ".docx", group="personal_data",
      planted=[pd("resident_id", COMMENT_ID, "comment"),
               pd("mobile_phone", COMMENT_MOBILE, "comment")])
def _comment(path: Path) -> None:
    _raw(path, NOTICE, comments=[("审核人", f"请再核对申请人身份证号{COMMENT_ID}及手机{COMMENT_MOBILE}",
                                  "二、缴费标准：个人缴费标准为每人每年380元。")])


FOOTNOTE_NAME = person_name(_rng)
FOOTNOTE_MOBILE = mobile(_rng)


@case("pd-footnote", ".docx", group="personal_data",
      planted=[pd("person_name", FOOTNOTE_NAME, "footnote"),
               pd("mobile_phone", FOOTNOTE_MOBILE, "footnote")])
def _footnote(path: Path) -> None:
    from tests.docbuild.docx import footnote_ref, para

    _raw(path, [*NOTICE[:3], para("本次参保缴费情况由各村统一汇总", footnote_ref(1)), *NOTICE[3:]],
         footnotes=[f"申请人{FOOTNOTE_NAME}，联系电话{FOOTNOTE_MOBILE}。"])


TEXTBOX_NAME = person_name(_rng)
TEXTBOX_ID = resident_id(_rng)


@case("pd-textbox", ".docx", group="personal_data",
      planted=[pd("person_name", TEXTBOX_NAME, "textbox"),
               pd("resident_id", TEXTBOX_ID, "textbox")])
def _textbox(path: Path) -> None:
    from tests.docbuild.docx import para, textbox

    _raw(path, [para(textbox(f"申请人：{TEXTBOX_NAME}", f"身份证号码：{TEXTBOX_ID}")), *NOTICE])


# -- a PDF: a 公示 in prose lines, then a table printed as lines -------------------------------------

PDF_PEOPLE = [(person_name(_rng), resident_id(_rng), mobile(_rng)) for _ in range(3)]
PDF_NAME, PDF_ID, PDF_MOBILE = person_name(_rng), resident_id(_rng, x=True), mobile(_rng)
PDF_ADDRESS = "三明市三元区新市中路168号4栋2单元602室"
PDF_CARD = group4(bank_card(_rng, 19))
PDF_PARTY, PDF_EMAIL = person_name(_rng), "chen.jie27@sina.com"


@case("pd-pdf", ".pdf", group="personal_data",
      planted=[pd("person_name", PDF_NAME, "body"), pd("resident_id", PDF_ID, "body"),
               pd("mobile_phone", PDF_MOBILE, "body"), pd("address", PDF_ADDRESS, "body"),
               pd("bank_card", PDF_CARD, "body"), pd("person_name", PDF_PARTY, "body"),
               pd("email", PDF_EMAIL, "body")]
      + [p for name, rid, phone in PDF_PEOPLE for p in (
          pd("person_name", name, "body"), pd("resident_id", rid, "body"),
          pd("mobile_phone", phone, "body"))])
def _pdf(path: Path) -> None:
    from tests.docbuild.pdf import build_pdf

    build_pdf(path, [
        ["关于拟发放2026年度高龄津贴对象的公示",
         f"申请人：{PDF_NAME}，身份证号码：{PDF_ID}，联系电话：{PDF_MOBILE}",
         f"家庭住址：{PDF_ADDRESS}",
         f"银行卡号：{PDF_CARD}",
         f"当事人{PDF_PARTY}，电子邮箱{PDF_EMAIL}。",
         "某县民政局"],
        ["附件：高龄津贴发放名单",
         "序号  姓名  身份证号码  联系电话",
         *[f"{i}  {name}  {rid}  {phone}" for i, (name, rid, phone) in enumerate(PDF_PEOPLE, 1)]],
    ])


# -- text files: UTF-8 and GB18030 -----------------------------------------------------------------

def _text_people(n: int, id_forms: tuple[str, ...]) -> list[tuple[str, str, str, str]]:
    out = []
    for form in id_forms[:n]:
        rid = resident_id(_rng, x=form == "x")
        rid = fullwidth(rid) if form == "fullwidth" else rid
        out.append((person_name(_rng), rid, mobile(_rng), address(_rng)))
    return out


TEXT_UTF8 = _text_people(3, ("plain", "x", "fullwidth"))
TEXT_GB = _text_people(3, ("plain", "x", "plain"))


def _text_lines(people) -> list[str]:
    return ["2026年度临时救助对象名单"] + [
        f"{i}. 姓名：{name}，身份证号码：{rid}，手机：{phone}，住址：{addr}"
        for i, (name, rid, phone, addr) in enumerate(people, 1)] + ["某县民政局"]


def _text_planted(people) -> list[Planted]:
    return [p for name, rid, phone, addr in people for p in (
        pd("person_name", name, "body"), pd("resident_id", rid, "body"),
        pd("mobile_phone", phone, "body"), pd("address", addr, "body"))]


@case("pd-text-utf8", ".txt", group="personal_data", planted=_text_planted(TEXT_UTF8))
def _text_utf8(path: Path) -> None:
    path.write_text("\n".join(_text_lines(TEXT_UTF8)), encoding="utf-8")


@case("pd-text-gb18030", ".txt", group="personal_data", planted=_text_planted(TEXT_GB))
def _text_gb(path: Path) -> None:
    path.write_bytes("\r\n".join(_text_lines(TEXT_GB)).encode("gb18030"))


# -- an ID masked so that the birth date stays visible (review); proper masks are info -------------

_MASKED_SOURCE = resident_id(_rng)
HALF_MASKED_ID = _MASKED_SOURCE[:14] + "****"
MASKED_ID = _MASKED_SOURCE[:6] + "********" + _MASKED_SOURCE[14:]


@case("pd-insufficient-masking", ".docx", group="personal_data",
      planted=[pd("resident_id", HALF_MASKED_ID, "body", "review")],
      lookalikes=["张*", MASKED_ID, "138****1234"])
def _insufficient_masking(path: Path) -> None:
    _raw(path, ["2026年度耕地地力保护补贴发放公示",
                f"1. 户主：张*，身份证号码：{HALF_MASKED_ID}，补贴面积3.5亩",
                f"2. 户主：李*，身份证号码：{MASKED_ID}，联系电话：138****1234，补贴面积2.1亩",
                "某镇人民政府"])


# -- decoys: nothing here may be reported at review or block ---------------------------------------

BAD_IDS = [bad_resident_id(_rng) for _ in range(3)]
BAD_SERIALS = [luhn_failing_serial(_rng, 19), luhn_failing_serial(_rng, 16)]
USCCS = [uscc(_rng) for _ in range(2)]
DOC_NUMBERS = [doc_number(_rng) for _ in range(2)]
DECOY_LINES = [
    f"根据《关于进一步规范财政资金管理的通知》（{DOC_NUMBERS[0]}）和（{DOC_NUMBERS[1]}）要求，"
    "2025年全县共拨付各类补助资金514814837.32元，比上年增长12.5%。",
    f"本批次登记流水号为{BAD_IDS[0]}，复核批次号{BAD_IDS[1]}，原始凭证号{BAD_IDS[2]}。",
    f"采购设备序列号{BAD_SERIALS[0]}，资产卡片编号{BAD_SERIALS[1]}，合同金额12,345,678.00元。",
    f"中标单位：某某建设工程有限公司，统一社会信用代码：{USCCS[0]}；监理单位统一社会信用代码{USCCS[1]}。",
    "档案编号20240315017，归档日期2024-03-15，保管期限30年，卷内文件共计138页。",
    "经脱敏处理，申请人张*（身份证号码350423********1234，联系电话138****1234）的申请已办结。",
    "2026年3月15日上午9时，县政府召开第28次常务会议，审议通过了20260315号议题。",
    "本次共受理申请人张某、李某某的申请2件，均已按期答复。",
]


@case("pd-decoys-running-text", ".docx", group="lookalike",
      lookalikes=[*BAD_IDS, *BAD_SERIALS, *USCCS, *DOC_NUMBERS, "514814837.32", "20240315017",
                  "138****1234", "350423********1234", "张*", "张某"])
def _decoys_running(path: Path) -> None:
    _raw(path, ["2025年度财政资金使用情况的通报", *DECOY_LINES, "某县财政局"])


@case("pd-decoys-running-text-txt", ".txt", group="lookalike",
      lookalikes=[*BAD_IDS, *BAD_SERIALS, *USCCS])
def _decoys_running_txt(path: Path) -> None:
    path.write_text("\n".join(DECOY_LINES), encoding="utf-8")


PUBLIC_CONTACT = [
    "关于开展2026年“3·15”国际消费者权益日宣传活动的公告",
    "消费者在购买商品或者接受服务时遇到消费纠纷，可拨打全国12315消费者投诉举报专线，"
    "或拨打政务服务便民热线12345进行投诉。",
    "政策咨询电话：0591-12345678；监督电话：0591-87112233；举报电话：0598-8222110。",
    "客服电话：400-800-1234；中国工商银行客服热线95588。",
    "办公地址：福州市鼓楼区鼓屏路58号某县市场监督管理局三楼，邮政编码：350003。",
    "联系地址：三明市三元区新市北路1号县政府大楼",
    "某县市场监督管理局",
]


@case("pd-decoys-public-contacts", ".docx", group="lookalike",
      lookalikes=["12315", "12345", "0591-12345678", "0591-87112233", "0598-8222110",
                  "400-800-1234", "95588", "福州市鼓楼区鼓屏路58号", "三明市三元区新市北路1号"])
def _public_contacts(path: Path) -> None:
    _raw(path, PUBLIC_CONTACT)


OFFICIALS = ("林志强", "陈晓燕", "黄建华")


@case("pd-appointment-notice", ".docx", group="lookalike", lookalikes=list(OFFICIALS))
def _appointment(path: Path) -> None:
    a, b, c = OFFICIALS
    _raw(path, [
        f"关于{a}等同志职务任免的通知",
        "各乡镇人民政府，县直各单位：",
        f"经县人民政府研究决定：任命{a}同志为县交通运输局局长；任命{b}同志为县民政局副局长；"
        f"免去{c}同志的县民政局副局长职务。",
        "某县人民政府",
        "2026年3月2日",
    ])


PENALISED_USCC = uscc(_rng)


@case("pd-penalty-decision", ".docx", group="lookalike",
      lookalikes=[PENALISED_USCC, "三明市三元区工业中路36号", "陈建华", "明市监处罚〔2026〕12号"])
def _penalty(path: Path) -> None:
    _raw(path, [
        "行政处罚决定书",
        "明市监处罚〔2026〕12号",
        "当事人：三明市某某食品贸易有限公司",
        f"统一社会信用代码：{PENALISED_USCC}",
        "住所：三明市三元区工业中路36号",
        "法定代表人：陈建华",
        "经查，当事人于2025年10月至12月期间销售超过保质期的食品，货值金额3260元，违法所得1180元。",
        "依据《中华人民共和国食品安全法》第一百二十四条第一款的规定，决定没收违法所得1180元，"
        "并处罚款人民币50000元。",
        "三明市市场监督管理局",
        "2026年2月20日",
    ])


def _self_check() -> None:
    """Guards the corpus itself: decoys fail their validators, planted IDs pass theirs."""
    from bench.pii_corpus import luhn_valid, ric_valid, uscc_valid

    assert not any(ric_valid(v) for v in BAD_IDS)
    assert not any(luhn_valid(v) for v in BAD_SERIALS)
    assert all(uscc_valid(v) for v in [*USCCS, PENALISED_USCC])
    assert ric_check(WELFARE[5]["身份证号码"][:17]) != WELFARE[5]["身份证号码"][17]


_self_check()
