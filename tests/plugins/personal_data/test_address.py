"""address: personal addresses down to number, building, unit, room or 村民小组; agencies'
addresses, venue addresses and 乡镇/村-level addresses must not fire; recall in context."""

from __future__ import annotations

from pathlib import Path

import pytest

from screening import Severity
from screening_plugins.personal_data.address import AddressDetector
from tests.conftest import make_document

ROOT = Path(__file__).resolve().parents[3]


def cell(text: str, t: int, r: int, c: int) -> dict:
    return {"text": text, "part": "table", "table": (t, r, c)}


def table(rows: list[list[str]], t: int = 0) -> list[dict]:
    return [cell(text, t, r, c) for r, row in enumerate(rows) for c, text in enumerate(row)]


def addresses(document, config):
    findings = list(AddressDetector().detect(document, config))
    for f in findings:
        block = document.blocks[f.location.block]
        assert block.text[f.location.start:f.location.end] == f.text
        assert f.explanation and f.basis == "保护第三方合法权益"
        assert f.detector == "personal_data.address" and f.kind == "address"
    return findings


def summary(findings):
    return [(f.kind, f.location.part, f.text, f.severity.value, f.masked) for f in findings]


def counting(findings):
    return [f.text for f in findings if f.severity is not Severity.INFO]


@pytest.mark.parametrize("text, expected, masked", [
    ("家庭住址：城关镇东街88号3栋2单元501室", "城关镇东街88号3栋2单元501室", "城关镇东街**号*栋*单元***室"),
    ("户籍地址为南岭乡南岭村3组12号。", "南岭乡南岭村3组12号", "南岭乡南岭村*组**号"),
    ("现住址：三明市三元区列东街88号6栋1单元302室", "三明市三元区列东街88号6栋1单元302室",
     "三明市三元区列东街**号*栋*单元***室"),
    ("户主张志强家住城关镇东街88号3栋2单元501室。", "城关镇东街88号3栋2单元501室",
     "城关镇东街**号*栋*单元***室"),
    ("居住地：福州市鼓楼区五四路128号", "福州市鼓楼区五四路128号", "福州市鼓楼区五四路***号"),
    ("住址：城关镇幸福小区12号楼1503室", "城关镇幸福小区12号楼1503室", "城关镇幸福小区**号楼****室"),
    ("住址：城关镇东街88-1号", "城关镇东街88-1号", "城关镇东街**-*号"),
    ("住址：上海市黄浦区福州路200弄12号", "上海市黄浦区福州路200弄12号", "上海市黄浦区福州路***弄**号"),
    ("住址：城关镇东街８８号", "城关镇东街８８号", "城关镇东街**号"),
    ("住址：南岭乡南岭村三组", "南岭乡南岭村三组", "南岭乡南岭村*组"),
])
def test_labelled_personal_addresses(config, text, expected, masked):
    found = addresses(make_document(text), config)
    assert summary(found) == [("address", "body", expected, "review", masked)]
    assert found[0].confidence == 0.9


def test_person_in_the_same_sentence(config):
    doc = make_document("王建国，身份证号码110105196703150014，地址：城关镇东街88号。")
    found = addresses(doc, config)
    assert summary(found) == [("address", "body", "城关镇东街88号", "review", "城关镇东街**号")]
    assert "个人" in found[0].explanation


def test_weak_label_after_a_person_in_the_lines_above(config):
    doc = make_document("政府信息公开申请答复书", "申请人：李秀英", "身份证号码：350423198812050023",
                        "通讯地址：三明市三元区列东街88号")
    assert counting(addresses(doc, config)) == ["三明市三元区列东街88号"]


def test_residential_detail_without_a_label(config):
    doc = make_document("经核查，幸福小区5栋501室存在私搭乱建问题。",
                        "南岭村3组12号至15号农户已完成改厕。")
    assert counting(addresses(doc, config)) == ["幸福小区5栋501室", "南岭村3组12号"]


def test_address_column_of_a_list_of_people(config):
    doc = make_document(*table([["姓名", "身份证号码", "家庭住址"],
                                ["王建国", "110105196703150014", "城关镇东街88号3栋2单元501室"],
                                ["李秀英", "350423198812050023", "南岭乡南岭村"]]))
    found = addresses(doc, config)
    assert summary(found) == [("address", "table", "城关镇东街88号3栋2单元501室", "review",
                               "城关镇东街**号*栋*单元***室")]
    assert "家庭住址" in found[0].explanation


def test_address_column_of_a_list_of_organisations_is_public(config):
    doc = make_document(*table([["单位名称", "地址", "联系电话"],
                                ["县民政局", "城关镇东街88号", "0591-12345678"]]))
    found = addresses(doc, config)
    assert summary(found) == [("address", "table", "城关镇东街88号", "info", "城关镇东街**号")]


def test_form_like_table(config):
    doc = make_document(*table([["姓名", "陈丽华", "家庭住址", "城关镇东街88号3栋2单元501室"]]))
    assert counting(addresses(doc, config)) == ["城关镇东街88号3栋2单元501室"]


@pytest.mark.parametrize("text, expected", [
    ("地址：某县某路1号（县政府大楼）", "某县某路1号"),
    ("办公地址：城关镇人民路1号", "城关镇人民路1号"),
    ("单位地址：城关镇人民路1号，邮政编码350003。", "城关镇人民路1号"),
    ("县民政局位于城关镇东街88号县民政局三楼。", "城关镇东街88号"),
    ("现住址：城关镇东街**号", "城关镇东街**号"),
    ("受理地址：城关镇人民路1号政务服务中心一楼", "城关镇人民路1号"),
])
def test_agency_and_masked_addresses_are_info(config, text, expected):
    found = addresses(make_document(text), config)
    assert [(f.text, f.severity.value) for f in found] == [(expected, "info")]


def test_company_seat_in_a_penalty_decision_is_info(config):
    doc = make_document("行政处罚决定书", "当事人：三明市某某食品贸易有限公司",
                        "统一社会信用代码：91350100M000100Y43", "住所：三明市三元区工业中路36号",
                        "法定代表人：陈建华")
    found = addresses(doc, config)
    assert summary(found) == [("address", "body", "三明市三元区工业中路36号", "info",
                               "三明市三元区工业中路**号")]


@pytest.mark.parametrize("text", [
    "南岭乡南岭村",
    "住址：城关镇东街社区",
    "家庭住址：南岭乡南岭村",
    "本局地址：城关镇东街88号",
    "会议在城关镇人民路1号召开。",
    "根据国发〔2024〕3号文件精神。",
    "2026年第3号公告",
    "分成3组讨论，每组10人。",
    "第三单元练习题",
    "受理地点：县政务服务中心3楼5号窗口",
    "公示时间为2026年11月3日至11月9日。",
    "咨询电话：0591-12345678，投诉举报电话：12315。",
])
def test_not_personal_addresses(config, text):
    assert counting(addresses(make_document(text), config)) == []


def test_regulation_sample_gives_nothing(config):
    text = (ROOT / "samples" / "regulation-secrecy-review.txt").read_text(encoding="utf-8")
    doc = make_document(*[line for line in text.splitlines() if line.strip()], format="text")
    assert addresses(doc, config) == []


def test_docx_list_read_by_the_screener(tmp_path, screener, config):
    from docx import Document as Docx

    doc = Docx()
    doc.add_paragraph("2026年度危房改造补助对象公示")
    t = doc.add_table(rows=1, cols=3)
    for c, text in zip(t.rows[0].cells, ["户主姓名", "现住址", "补助金额（元）"]):
        c.text = text
    for row in [("张志强", "南岭乡南岭村3组12号", "20000"), ("李秀英", "南岭乡南岭村", "15000")]:
        for c, text in zip(t.add_row().cells, row):
            c.text = text
    doc.add_paragraph("监督电话：0591-12345678。办公地址：城关镇人民路1号。")
    path = tmp_path / "公示.docx"
    doc.save(path)
    found = addresses(screener.read(path), config)
    assert summary(found) == [
        ("address", "table", "南岭乡南岭村3组12号", "review", "南岭乡南岭村*组**号"),
        ("address", "body", "城关镇人民路1号", "info", "城关镇人民路*号")]


def test_details_and_verdicts_on_the_paths_the_anchor_scan_takes(config):
    """Anchors are scanned from the character after their number (a space, a unit, a hyphen),
    the last detail of a block is skipped when no street precedes it, and the lines above are
    read afresh for each block: the findings of each such case, as before that scan."""
    doc = make_document(
        "住址：城关镇东街3-2-501",                          # 3-2-501 without a unit
        "家庭住址：城关镇幸福小区2 单元 501室",             # a space before the unit
        "家庭住址：城关镇东街5号1-2-3号",                   # a detail ending inside 1-2-3
        "住址：城关镇东街1-2-3-4-5号",
        "咨询电话400-600-1234，住址：城关镇东街88号，邮编350003，电话0598-820-6905",
        "联系电话：400-600-1234",                           # the only detail, no street
        "通讯地址：城关镇东街1号",                          # nothing personal in the lines above
        "身份证号码：350423198812050023",
        "通讯地址：城关镇东街2号",                          # an ID number in the lines above
        "经核查，幸福小区12号存在私搭乱建问题。",           # a housing estate, no residential unit
        "三明市某某贸易有限公司，住所：三明市三元区工业中路36号",
        "住所：城关镇西门村5组8号",                         # a company in the lines above
        "住址：城关镇东街٣-٢-٥٠١")                          # digits of another script
    found = addresses(doc, config)
    assert [(f.location.block, f.text, f.severity.value, f.confidence, f.masked)
            for f in found] == [
        (0, "城关镇东街3-2-501", "review", 0.9, "城关镇东街*-*-***"),
        (1, "城关镇幸福小区2 单元", "review", 0.9, "城关镇幸福小区* 单元"),
        (2, "城关镇东街5号1-2", "review", 0.9, "城关镇东街*号1-2"),
        (3, "城关镇东街1-2-3-4", "review", 0.9, "城关镇东街*-*-*-*"),
        (4, "城关镇东街88号", "review", 0.9, "城关镇东街**号"),
        (8, "城关镇东街2号", "review", 0.7, "城关镇东街*号"),
        (9, "幸福小区12号", "review", 0.6, "幸福小区**号"),
        (10, "三明市三元区工业中路36号", "info", 0.6, "三明市三元区工业中路**号"),
        (11, "城关镇西门村5组8号", "info", 0.6, "城关镇西门村*组*号"),
        (12, "城关镇东街٣-٢-٥٠١", "review", 0.9, "城关镇东街*-*-***")]


#: personal addresses in context (a label, a list column, a person nearby): recall must be ≥ 0.9
IN_CONTEXT = [
    "家庭住址：福州市仓山区阳光城小区12号楼1503室",
    "住址：三明市永安市小陶镇洪田村3组12号",
    "现住三明市沙县区夏茂镇俞邦村7组21号",
    "户籍所在地：厦门市湖里区长安路348号16栋4单元104室",
    "申请人李秀英（身份证号码350423198812050023）居住在城关镇东街88号。",
    "住所地：城关镇西门村5组8号",
    "家住南岭乡南岭村三组十二号",
    "暂住地：福州市鼓楼区五四路128号3栋2单元501室",
    "居住地址：城关镇幸福小区5栋501室",
    "户主王建国，地址：城关镇东街88号，手机13800138000",
    "详细住址：北山镇北山村6组",
    "经常居住地：上海市黄浦区福州路200弄12号",
]


def test_recall_in_context(config):
    found = sum(bool(counting(addresses(make_document(t), config))) for t in IN_CONTEXT)
    assert found / len(IN_CONTEXT) >= 0.9, found
