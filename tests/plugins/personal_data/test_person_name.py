"""person_name: name columns, role labels, honorifics, lists; officials, pseudonyms and policy
words that must not fire; jieba loaded lazily and quietly; precision on a labelled corpus."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from screening import Severity
from screening_plugins.personal_data.person_name import PersonNameDetector
from tests.conftest import make_document

ROOT = Path(__file__).resolve().parents[3]


def cell(text: str, t: int, r: int, c: int) -> dict:
    return {"text": text, "part": "table", "table": (t, r, c)}


def table(rows: list[list[str]], t: int = 0) -> list[dict]:
    return [cell(text, t, r, c) for r, row in enumerate(rows) for c, text in enumerate(row)]


def names(document, config, *, use_jieba: bool = True):
    findings = list(PersonNameDetector(use_jieba=use_jieba).detect(document, config))
    for f in findings:  # every finding points at its own text and says why in Chinese
        block = document.blocks[f.location.block]
        assert block.text[f.location.start:f.location.end] == f.text
        assert f.explanation and f.basis == "保护第三方合法权益"
        assert f.category.value == "personal_data" and f.detector == "personal_data.person_name"
    return findings


def summary(findings):
    return [(f.kind, f.location.part, f.text, f.severity.value, f.masked) for f in findings]


def counting(findings):
    return [f.text for f in findings if f.severity is not Severity.INFO]


# -- name columns -----------------------------------------------------------------------------------

WELFARE_LIST = [
    "2026年度城乡居民最低生活保障对象名单公示",
    ("根据《社会救助暂行办法》有关规定，经个人申请、乡镇审核、县民政局审批，下列人员纳入2026年度城乡居民"
     "最低生活保障范围，现予公示。"),
    *table([["序号", "姓 名", "性别", "身份证号码", "联系电话", "住址"],
            ["1", "王建国", "男", "110105196703150014", "13800138000", "城关镇东街社区"],
            ["2", "欧阳娜娜", "女", "350423198812050023", "13912345678", "城关镇西门村"],
            ["3", "王　芳", "女", "440106197501010037", "", "南岭乡南岭村"],
            ["4", "阿卜杜拉·买买提", "男", "320102199203140040", "", "北山镇北山村"],
            ["5", "张*", "男", "110105********0014", "", "北山镇北山村"],
            ["", "合计", "", "", "", ""]]),
    "公示期间如有异议，请向县民政局反映。监督电话：12345。",
]


def test_name_column_of_a_welfare_list(config):
    doc = make_document(*WELFARE_LIST)
    found = names(doc, config)
    assert summary(found) == [
        ("person_name", "table", "王建国", "review", "王**"),
        ("person_name", "table", "欧阳娜娜", "review", "欧阳**"),
        ("person_name", "table", "王　芳", "review", "王**"),
        ("person_name", "table", "阿卜杜拉·买买提", "review", "阿卜杜拉·***"),
        ("person_name", "table", "张*", "info", "张*"),
    ]
    first = found[0]
    assert "姓名" in first.explanation and "最低生活保障" in first.explanation
    assert "同一行有身份证号码" in first.explanation
    assert first.confidence == 0.95
    assert found[0].location.to_dict() == {"part": "table", "page": None, "block": 9,
                                           "start": 0, "end": 3}
    assert "已遮盖" in found[-1].explanation


def test_a_cell_with_several_names_and_a_header_ending_in_name(config):
    doc = make_document(*table([["户主姓名", "家庭成员", "与户主关系", "单位名称"],
                                ["李秀英", "张志强、张小雨", "配偶、长子", "城关一小"]]))
    # 户主姓名 ends in 姓名, 家庭成员 is a name header; 与户主关系 holds relations, not names;
    # 单位名称 (名称, not 姓名) holds organisations
    found = names(doc, config)
    assert summary(found) == [("person_name", "table", "李秀英", "review", "李**"),
                              ("person_name", "table", "张志强", "review", "张**"),
                              ("person_name", "table", "张小雨", "review", "张**")]
    assert [(f.location.start, f.location.end) for f in found] == [(0, 3), (0, 3), (4, 7)]
    doc = make_document(*table([["姓名", "监护人", "学校"],
                                ["张小雨", "张志强、李秀英", "城关一小"]]))
    assert counting(names(doc, config)) == ["张小雨", "张志强", "李秀英"]


def test_unknown_surname_under_a_name_column_counts_with_less_confidence(config):
    doc = make_document(*table([["姓名", "性别"], ["王建国", "男"], ["铁木真", "男"]]))
    found = names(doc, config)
    assert summary(found) == [("person_name", "table", "王建国", "review", "王**"),
                              ("person_name", "table", "铁木真", "review", "铁**")]
    assert [f.confidence for f in found] == [0.95, 0.8]


def test_form_like_table(config):
    doc = make_document(*table([["姓名", "陈丽华", "性别", "女"],
                                ["身份证号码", "320102199203140040", "联系电话", "18605916789"],
                                ["家庭住址", "城关镇东街88号", "申请事由", "因病致贫"]]))
    assert summary(names(doc, config)) == [
        ("person_name", "table", "陈丽华", "review", "陈**")]


def test_officials_table_is_public_by_design(config):
    doc = make_document(
        "县管干部任前公示",
        *table([["姓名", "性别", "出生年月", "现任职务", "拟任职务"],
                ["王建国", "男", "1975.03", "县财政局副局长", "县民政局局长"]]))
    found = names(doc, config)
    assert summary(found) == [("person_name", "table", "王建国", "info", "王**")]
    assert "依法公开" in found[0].explanation


def test_officials_table_with_id_numbers_is_not_public(config):
    doc = make_document(*table([["姓名", "现任职务", "身份证号码"],
                                ["王建国", "县财政局副局长", "110105196703150014"]]))
    assert counting(names(doc, config)) == ["王建国"]


# -- running text ---------------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("申请人：王建国，身份证号码110105196703150014。", "王建国"),
    ("联系人王秀英电话13800138000", "王秀英"),
    ("举报人：张志强反映某小区存在违章搭建问题。", "张志强"),
    ("经办人（签字）：欧阳娜娜", "欧阳娜娜"),
    ("户主张志强家住城关镇东街88号。", "张志强"),
    ("姓名：高丽，性别：女", "高丽"),                      # a word too, but delimited as a name
    ("感谢陈丽华女士对我局工作的支持。", "陈丽华"),
    ("请向任丽娟同志咨询有关事宜。", "任丽娟"),
    ("由李明同志负责联络。", "李明"),
    ("诸葛亮先生的来信已收悉。", "诸葛亮"),
    ("王建国，男，汉族，1967年3月出生，城关镇东街社区居民。", "王建国"),
    ("张志强，身份证号码440106197501010037，户籍所在地南岭乡。", "张志强"),
    ("2、李秀英 350423198812050023", "李秀英"),
    ("王建国（尿毒症）", "王建国"),
    ("低保户刘桂兰家庭人口3人。", "刘桂兰"),
    ("孤儿崔雨萱由其祖母抚养。", "崔雨萱"),
])
def test_names_next_to_context_words(config, text, expected):
    found = names(make_document(text), config)
    assert summary(found) == [
        ("person_name", "body", expected, "review", config.masking.mask("person_name", expected))]


def test_list_after_a_colon_names_its_topic(config):
    doc = make_document("2026年第一批临时救助对象公示",
                        "以下人员为临时救助对象：苏桂芳、吕大海、韩冬梅。")
    found = names(doc, config)
    assert counting(found) == ["苏桂芳", "吕大海", "韩冬梅"]
    assert all("临时救助" in f.explanation for f in found)


def test_pseudonyms_and_masked_names_are_info(config):
    doc = make_document("张某某驾驶机动车闯红灯，被处以罚款。",
                        "当事人张某于2026年1月在某小区内违规施工。",
                        "王某甲与王某乙系兄弟关系。",
                        "申请人李*（身份证号码110105********0014）的申请已按期答复。")
    found = names(doc, config)
    assert summary(found) == [
        ("person_name", "body", "张某某", "info", "张**"),
        ("person_name", "body", "张某", "info", "张*"),
        ("person_name", "body", "王某甲", "info", "王**"),
        ("person_name", "body", "王某乙", "info", "王**"),
        ("person_name", "body", "李*", "info", "李*"),
    ]
    assert "化名" in found[0].explanation


@pytest.mark.parametrize("text", [
    "请申请人于5日内补正材料。",
    "申请人应当提交身份证明。",
    "申请人向行政机关申请获取政府信息的，应当采用书面形式。",
    "申请人：",
    "欢迎社会各界公开监督。",
    "联系人：张科长",
    "联系人：县民政局办公室，电话：0591-12345678",
    "广大党员同志要积极参与。",
    "全体同志务必高度重视。",
    "各位老师、同学：",
    "要做好低保工作，确保应保尽保。",
    "全县共有低保对象1234人。",
    "县长王建国主持召开常务会议。",
    "王建国局长强调，要做好低保工作。",
    "签发人：张建华",
    "负责人：王志刚",
    "某县人民政府办公室",
    "2026年11月3日",
])
def test_words_that_are_not_names(config, text):
    assert counting(names(make_document(text), config)) == []


def test_appointment_notice_names_officials(config):
    doc = make_document(
        "县管干部任前公示",
        "经县委研究，拟任王建国同志为县民政局局长。",
        "王建国，男，1975年3月生，汉族，大学学历，现任县财政局副局长，拟任县民政局局长。",
        "经研究，决定任命刘洋同志为县教育局副局长；免去黄建国同志县农业农村局局长职务。",
        "公示期间，如有情况反映，请与县委组织部联系。联系电话：0591-12345678。")
    assert counting(names(doc, config)) == []


def test_official_with_an_id_number_is_still_a_leak(config):
    doc = make_document("王建国，男，身份证号码110105196703150014，现任县财政局副局长。")
    assert counting(names(doc, config)) == ["王建国"]


def test_penalty_decision_naming_a_company_representative(config):
    doc = make_document(
        "行政处罚决定书",
        "明市监处罚〔2026〕12号",
        "当事人：三明市某某食品贸易有限公司",
        "统一社会信用代码：91350100M000100Y43",
        "住所：三明市三元区工业中路36号",
        "法定代表人：陈建华",
        "经查，当事人于2025年10月至12月期间销售超过保质期的食品。")
    assert counting(names(doc, config)) == []


def test_penalty_decision_role_label_is_info(config):
    doc = make_document("行政处罚决定书", "当事人：陈建华，男，经营者。")
    found = names(doc, config)
    assert summary(found) == [("person_name", "body", "陈建华", "info", "陈**")]
    assert "依法公开" in found[0].explanation


def test_regulation_sample_gives_nothing(config):
    text = (ROOT / "samples" / "regulation-secrecy-review.txt").read_text(encoding="utf-8")
    doc = make_document(*[line for line in text.splitlines() if line.strip()], format="text")
    assert counting(names(doc, config)) == []


def test_full_width_and_spaced_context(config):
    doc = make_document("联系人：　李秀英，手机：１３９１２３４５６７８")
    found = names(doc, config)
    assert summary(found) == [("person_name", "body", "李秀英", "review", "李**")]
    assert found[0].location.start == 5


# -- a real .docx through the reader ---------------------------------------------------------------

def test_docx_welfare_table_read_by_the_screener(tmp_path, screener, config):
    from docx import Document as Docx

    doc = Docx()
    doc.add_paragraph("2026年度残疾人两项补贴发放对象名单公示")
    t = doc.add_table(rows=1, cols=4)
    for c, text in zip(t.rows[0].cells, ["姓名", "残疾类别", "残疾等级", "联系电话"]):
        c.text = text
    for person in [("李秀英", "肢体残疾", "二级", "13912345678"),
                   ("司马云飞", "视力残疾", "一级", "13588886666")]:
        for c, text in zip(t.add_row().cells, person):
            c.text = text
    doc.add_paragraph("联系人：县残联 张科长，电话：0591-12345678")
    path = tmp_path / "公示.docx"
    doc.save(path)
    document = screener.read(path)
    found = names(document, config)
    assert summary(found) == [("person_name", "table", "李秀英", "review", "李**"),
                              ("person_name", "table", "司马云飞", "review", "司马**")]
    assert "残疾" in found[0].explanation and "电话号码" in found[0].explanation


# -- jieba: lazy, quiet, and measured ---------------------------------------------------------------

_COLD = textwrap.dedent("""
    import sys
    from screening import Config
    from tests.conftest import make_document
    from screening_plugins.personal_data.person_name import PersonNameDetector
    from screening_plugins.personal_data.address import AddressDetector
    from screening_plugins.personal_data.special_category import SpecialCategoryDetector
    from screening_plugins.personal_data import people
    doc = make_document(*sys.argv[1:])
    for d in (PersonNameDetector(), AddressDetector(), SpecialCategoryDetector()):
        list(d.detect(doc, Config()))
    print("loaded" if people.jieba_loaded() else "cold", "jieba" in sys.modules)
""")


def _cold_run(*paragraphs: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", _COLD, *paragraphs], cwd=ROOT,
                          capture_output=True, text=True, timeout=120, check=True)


def test_jieba_is_not_loaded_for_a_clean_notice():
    run = _cold_run("关于做好2026年防汛工作的通知", "各乡镇人民政府，县直各单位：",
                    "为切实做好今年防汛工作，现将有关事项通知如下。", "申请人应当提交身份证明。",
                    "县应急管理局", "2026年5月6日")
    assert run.stdout.split() == ["cold", "False"]


def test_jieba_is_not_loaded_for_a_masked_name_after_a_label():
    run = _cold_run("申请人：苏*，已受理。")   # a run of the surname alone: no word to look up
    assert run.stdout.split() == ["cold", "False"]


def test_jieba_loads_quietly_when_a_boundary_is_ambiguous():
    run = _cold_run("由李明同志负责联络。")
    assert run.stdout.split() == ["loaded", "True"]
    assert run.stderr == ""   # no "Building prefix dict" chatter


#: a labelled corpus of running text: (sentence, names that must be reported at review)
NAME_CORPUS = [
    ("申请人王秀兰于2026年3月5日通过信函方式提出政府信息公开申请。", ["王秀兰"]),
    ("联系人：李秀英，联系电话：13912345678。", ["李秀英"]),
    ("监护人：陈丽华（系该生母亲）", ["陈丽华"]),
    ("被申请人：刘德明，男，1970年5月出生。", ["刘德明"]),
    ("投诉人：赵小燕称其于4月购买的商品存在质量问题。", ["赵小燕"]),
    ("委托代理人：周文斌，某律师事务所律师。", ["周文斌"]),
    ("信访人 黄玉梅 来访反映土地补偿问题。", ["黄玉梅"]),
    ("户名：何永红 开户行：县农商银行", ["何永红"]),
    ("马国强先生来信反映的问题已转交相关部门办理。", ["马国强"]),
    ("对吴桂芝老师的来信，我局高度重视。", ["吴桂芝"]),
    ("李秀英（女）自愿放弃申请。", ["李秀英"]),
    ("陈丽华，手机18605916789。", ["陈丽华"]),
    ("获奖人员名单：杨帆、黄晓明、徐静。", ["杨帆", "黄晓明", "徐静"]),
    ("尿毒症患者胡德顺已纳入医疗救助。", ["胡德顺"]),
    ("李秀英患有精神障碍，", ["李秀英"]),
    ("申请人蒋文博要求公开2025年度征地补偿资金发放情况。", ["蒋文博"]),
    ("监护人石磊与被监护人石小雨系父女关系。", ["石磊", "石小雨"]),
    ("戴佳琪同学在竞赛中获得一等奖。", ["戴佳琪"]),
    ("3. 熊建军 13588886666", ["熊建军"]),
    ("残疾人汪德福享受两项补贴。", ["汪德福"]),
    ("慕容雪，女，汉族。", ["慕容雪"]),
    ("特此感谢热心市民雷振华先生。", ["雷振华"]),
    ("5 钱小红 350423199105050021 肢体残疾三级", ["钱小红"]),
    ("刑满释放人员郝建设已纳入安置帮教。", ["郝建设"]),
    ("举报人的合法权益受法律保护。", []),
    ("联系人及联系方式见附件。", []),
    ("新入职同志要加强学习。", []),
    ("女同志比例达到40%。", []),
    ("提名林志强同志为县人民政府副县长人选。", []),
    ("县委书记李国庆到南岭乡调研。", []),
    ("副县长陈明主持会议并讲话。", []),
    ("审核人：罗晓峰 审批人：宋建华", []),
    ("金秋十月，丰收在望。", []),
    ("于是，工作组进村入户开展调查。", []),
    ("万元以上大额支出须集体研究。", []),
    ("张贴公告并拍照留存。", []),
    ("请联系人于三日内回复。", []),
    ("各乡镇要建立低保对象动态管理台账。", []),
    ("向社会公开征求意见。", []),
    ("学生资助政策宣传月活动。", []),
]


@pytest.mark.parametrize("use_jieba", [True, False])
def test_precision_and_recall_on_the_labelled_corpus(config, use_jieba):
    tp = fp = fn = 0
    for text, expected in NAME_CORPUS:
        found = counting(names(make_document(text), config, use_jieba=use_jieba))
        tp += sum(1 for f in found if f in expected)
        fp += sum(1 for f in found if f not in expected)
        fn += sum(1 for e in expected if e not in found)
    assert tp / (tp + fp) >= 0.97 and tp / (tp + fn) >= 0.95, (tp, fp, fn)


def test_named_row_tells_the_identifier_detectors_a_list_names_people(config):
    from screening_plugins.personal_data.people import named_row

    doc = make_document("联系电话：13800138000",
                        *table([["姓名", "手机"], ["王建国", "13800138000"], ["", "13912345678"]]))
    assert [named_row(doc, config, b) for b in doc.blocks] == [
        False, False, False, True, True, False, False]


# -- already sanitized text (what `screen sanitize` writes must re-scan clean) ---------------------

def test_a_masked_name_after_a_role_label_is_info_and_never_crashes(config):
    # 申请人：苏* — the masked name ends the block; the role cue's guess must stay inside it
    found = names(make_document("申请人：苏*", format="text"), config)
    assert summary(found) == [("person_name", "body", "苏*", "info", "苏*")]


def test_a_list_whose_names_are_all_masked_is_still_a_list(config):
    # the header 性别 right of 姓名 is not a form's value cell once every name is masked
    doc = make_document(*table([["姓名", "性别", "身份证号码"],
                                ["王**", "男", "110105********0014"],
                                ["李**", "女", "350423********0023"]]))
    found = names(doc, config)
    assert summary(found) == [("person_name", "table", "王**", "info", "王**"),
                              ("person_name", "table", "李**", "info", "李**")]


def test_a_name_a_label_found_is_not_looked_for_again_before_later_cues(config, monkeypatch):
    from screening import normalize
    from screening_plugins.personal_data.name_finder import NameFinder, NameHit, name_finder

    finder = name_finder(config)
    asked = []
    before_cue = NameFinder._before_cue
    monkeypatch.setattr(NameFinder, "_before_cue", lambda self, text, e, cue, word: (
        asked.append(cue), before_cue(self, text, e, cue, word))[1])
    record = normalize("姓名：王建国，性别：男，身份证号码：110105196703150014").text
    assert finder.find(record) == [NameHit(3, 6, "name", "A", "role", "姓名", True)]
    assert asked == ["identifier"]      # not "gender": the label found the name before 性别
    assert finder.find(normalize("当事人夏洋萍，身份证号350423198812050023").text) == [
        NameHit(3, 6, "name", "A", "role", "当事人", True)]
    # without a label the gender still finds him
    assert finder.find(normalize("王建国，男，汉族，城关镇居民。").text) == [
        NameHit(0, 3, "name", "A", "gender", "男", True)]


def test_a_line_that_starts_with_a_name_is_a_row_only_in_a_text_with_a_long_number(config):
    from screening_plugins.personal_data.name_finder import NameHit, name_finder

    finder = name_finder(config)
    row = NameHit(0, 3, "name", "A", "row", "", True)
    assert finder.find("王建国 13800138000") == [row]
    assert finder.find("王建国 138 0013 8000") == []  # no run of seven digits anywhere
    assert finder.find("王建国 138 0013 8000\n档案编号1234567") == [row]
