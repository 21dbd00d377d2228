"""Trade secrets planted in prose and tables, weak terms with their support, and the look-alikes,
allow terms and law quotes that must not be reported at review or block (issue "Trade secrets,
restricted information and work secrets")."""

from __future__ import annotations

from pathlib import Path

from docx import Document

from screening import load_builtin

from . import Planted, case

# -- builders shared with restricted.py: every strong term of a lexicon in prose and tables -------

OPENING = ["关于有关材料报送情况的说明", "县人民政府办公室：", "现将有关情况说明如下。"]
CLOSING = ["特此说明。", "某县有关部门", "2026年3月1日"]


def strong_terms(lexicon: str) -> list[tuple[str, str]]:
    """``(kind, term)`` of every strong Han term of a built-in lexicon, in file order."""
    return [(e.kind, e.term) for e in load_builtin(lexicon).entries
            if e.strength == "S" and e.kind and not e.term.isascii()]


def docx(path: Path, lines: list[str], table: list[tuple[str, str]] = ()) -> None:
    doc = Document()
    for line in [*OPENING, *lines, *CLOSING]:
        doc.add_paragraph(line)
    if table:
        t = doc.add_table(rows=len(table) + 1, cols=2)
        t.cell(0, 0).text, t.cell(0, 1).text = "序号", "材料名称"
        for i, (_, text) in enumerate(table, 1):
            t.cell(i, 0).text = str(i)
            t.cell(i, 1).text = text
    doc.save(path)


def plant_strong(prefix: str, category: str, lexicon: str, template: str, cell: str,
                 per_doc: int = 12) -> None:
    """Every strong term in prose (``template.format(term=…)``), every third also in a table cell
    (``cell.format(term=…)``)."""
    terms = strong_terms(lexicon)
    for n, i in enumerate(range(0, len(terms), per_doc)):
        chunk = terms[i:i + per_doc]
        cells = chunk[::3]
        planted = [Planted(category, k, t, "body", "review") for k, t in chunk]
        planted += [Planted(category, k, t, "table", "review") for k, t in cells]
        lines = [template.format(term=t) for _, t in chunk]
        rows = [(k, cell.format(term=t)) for k, t in cells]
        case(f"{prefix}-strong-{n:02d}", ".docx", planted=planted, group=prefix)(
            lambda path, lines=lines, rows=rows: docx(path, lines, rows))


def plant_lines(name: str, lines: list[str], planted: list[Planted] = (), *,
                group: str) -> None:
    case(name, ".docx", planted=planted, group=group)(lambda path: docx(path, lines))


def plant_text(name: str, text: str, planted: list[Planted] = (), *, group: str) -> None:
    case(name, ".txt", planted=planted, group=group)(
        lambda path: path.write_text(text, encoding="utf-8"))


# -- the trade-secret cases ------------------------------------------------------------------------

G = "trade_secrets"


def ts(kind: str, text: str, part: str = "body") -> Planted:
    return Planted("trade_secret", kind, text, part, "review")


# every strong term of lexicons/trade_secrets.txt, in prose and (every third) in a table cell
plant_strong("ts", "trade_secret", "trade_secrets",
             "经核查，该企业报送的材料中附有{term}，已按规定单独封存。", "企业报送的{term}")

# weak terms with their support
plant_lines("ts-weak-supported", [
    "该产品原料配比为甲组分35%、乙组分65%。",
    "反应温度控制在180℃左右。",
    "第二名投标人的投标报价为3,560,000元。",
    "经测算，该企业单位成本为12.5元/件。",
    "我公司的生产工艺和设计图纸不宜对外提供。",
    "请企业补充报送工艺流程和实验数据。",
], [ts("technical_info", "原料配比"), ts("technical_info", "反应温度"),
    ts("bid_price", "投标报价"), ts("business_info", "单位成本"),
    ts("technical_info", "生产工艺"), ts("technical_info", "设计图纸"),
    ts("technical_info", "工艺流程"), ts("technical_info", "实验数据")], group=G)

plant_text("ts-mark-line", "株机公司普通商密▲5年\n关于某型机车配件的技术说明\n一、产品概况\n",
           [ts("commercial_mark", "株机公司普通商密▲5年")], group=G)

# look-alikes: weak terms alone, allow terms, award notices, law quotes, definitions, titles, quiz
plant_lines("ts-lookalike-weak-alone", [
    "各地要优化生产工艺，降低成本，提高资源利用效率。",
    "投标人应当按照招标文件的要求编制投标报价。",
    "推广测土配方施肥技术，全县配方肥施用面积达到35%。",
    "深入推进价格改革，2026年居民用水价格上调0.3元。",
    "鼓励企业开放源代码，突破关键核心技术。",
    "企业财务报表应当按照会计准则编制。",
], group="lookalike")

plant_lines("ts-lookalike-allow", [
    "本项目招标控制价为400万元，最高投标限价为398万元。",
    "中标金额：356万元；成交金额以合同为准；预算金额为400万元。",
    "本项目不设标底。供应商的统一社会信用代码、法定代表人、注册资本见附件。",
], group="lookalike")

plant_lines("ts-lookalike-award", ["某县政府采购项目中标结果公告"] + [
    "中标人投标报价为356万元，报价明细见附件。",
    "合同价款为356万元，付款条件见合同。",
], group="lookalike")

plant_lines("ts-lookalike-law", [
    "不得公开涉及国家秘密、商业秘密、个人隐私的政府信息。",
    "行政机关认为申请公开的政府信息含有商业秘密的，应当书面征求第三方的意见。",
    "招标人设有标底的，标底必须保密。",
    "依照《中华人民共和国反不正当竞争法》，任何单位不得侵犯他人的技术秘密和客户名单。",
    "本办法所称技术秘密，是指不为公众所知悉、具有商业价值的技术信息。",
    "严禁泄露标底和评标委员会成员名单。",
], group="lookalike")

plant_text("ts-lookalike-regulation",
           "某县公共资源交易中心标底管理办法\n"
           "第一条　为规范标底编制和管理，制定本办法。\n"
           "第二条　标底由招标人委托有资质的机构编制，客户名单等商业秘密依法保护。\n",
           group="lookalike")

plant_lines("ts-lookalike-quiz", [
    "保密知识测试：下列哪一项属于商业秘密？A.标底 B.招标控制价 C.中标金额",
], group="lookalike")
