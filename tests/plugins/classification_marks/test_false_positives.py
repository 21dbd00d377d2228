"""Look-alikes (domain.md §1.7, §0.7): ordinary words, quotations, quiz text and regulation text
never give a review or block finding from any classification-mark detector."""

from __future__ import annotations

import pytest

from screening import Config
from screening.plugins import collect
from tests.conftest import make_document

from .helpers import FILLER, counting, run

LOOK_ALIKES = [
    "秘书长主持会议，秘书处负责记录。", "机要秘书", "信息安全包括机密性、完整性和可用性。",
    "推进机密计算技术在政务云中的应用。", "加强机密数据分类分级保护。",
    "不得公开涉及国家秘密、商业秘密、个人隐私的政府信息。", "依法保护商业秘密。",
    "各单位要严格保守工作秘密。", "揭开宇宙起源的秘密", "成功的秘密在于坚持。", "成功的秘密·第10年",
    "选举采用无记名秘密投票方式。", "电影《绝密行动》今日上映。", "据报道，警方查获一批机密文件。",
    "服务评价：★★★★★", "★★★★★", "五星级酒店", "★重点任务：推进项目建设", "☆ 工作亮点",
    "秘密★★★", "新印章启用前须报市局备案。", "会议开始前请将手机调至静音。",
    "要加强内部控制和内部审计。", "办公楼内部装修工程已完工。", "打破体制内部的壁垒。",
    "车辆内部严禁吸烟。", "XX局保密审查制度", "关于印发《XX局保密审查制度》的通知",
    "一份文件为机密级，保密期限10年，应标注为：机密★10年", "A.秘密10年 B.秘密* C.秘密*10年",
    "护照加急办理需另付加急费。", "数据加密/解密模块", "本次活动揭秘城市发展历程。",
    "对涉及国家秘密的信息不予公开；依申请公开的政府信息，按照申请办理。",
    "保密工作、保密宣传和保密知识培训", "《中华人民共和国保守国家秘密法》", "涉密人员管理规定",
    "密级：公开", "密级：无", "非密", "不涉密",
]


@pytest.fixture(scope="module")
def detectors(pm):
    registry = collect(pm, Config())
    found = [d for d in registry.detectors if d.name.startswith("classification_marks.")]
    assert {d.name for d in found} == {
        "classification_marks.secret_level", "classification_marks.secret_doc_number",
        "classification_marks.work_secret", "classification_marks.disclosure_attribute"}
    return found


def all_findings(detectors, document, config):
    return [f for d in detectors for f in run(d, document, config)]


@pytest.mark.parametrize("text", LOOK_ALIKES)
def test_look_alike_in_running_text(text, detectors, config):
    assert counting(all_findings(detectors, make_document(*FILLER, text), config)) == []


@pytest.mark.parametrize("text", LOOK_ALIKES)
def test_look_alike_as_first_line(text, detectors, config):
    doc = make_document(text, "各有关单位：")
    assert counting(all_findings(detectors, doc, config)) == []


@pytest.mark.parametrize("text", ["秘书长", "机密计算", "内部控制", "商业秘密", "国家秘密",
                                  "★★★★★", "保密审查制度"])
def test_look_alike_in_header(text, detectors, config):
    doc = make_document({"text": text, "part": "header"})
    assert counting(all_findings(detectors, doc, config)) == []


REGULATION = """XX市XX局政府信息公开保密审查制度
第一条　为规范本局政府信息公开保密审查工作，防止国家秘密、工作秘密和商业秘密泄露，根据《中华人民共和国保守国家秘密法》《中华人民共和国政府信息公开条例》，制定本制度。
第二条　本制度所称保密审查，是指对拟公开的政府信息是否涉及国家秘密、工作秘密、商业秘密和个人隐私进行审查。
第三条　行政机关不得公开涉及国家秘密、商业秘密、个人隐私的政府信息。
第四条　标有密级（绝密、机密、秘密）的文件，以及标注“内部资料　注意保存”“此件不予公开”的文件，不得公开。
第五条　公文应当在附注处标明公开属性：主动公开、依申请公开或者不予公开。对涉及国家秘密的信息不予公开；依申请公开的政府信息，按照申请办理。
第六条　涉密文件的密级标志格式为“机密★10年”，不得擅自去除密级标志；密级分为绝密、机密、秘密三级。
第七条　会议材料需要会后收回的，应当在首页注明。内部刊物、内部资料不得在政府网站发布，严禁外传。
第八条　工作秘密的确定、变更和解除，按照《工作秘密管理暂行办法》执行。经审查不予公开的，应当说明理由；属于依申请公开的，告知申请人。
第九条　保密知识测试题示例：某文件为秘密级、保密期限5年，其标志应写成秘密★5年。
第十条　本制度自印发之日起施行。""".splitlines()


def test_regulation_text_gives_nothing_at_review_or_block(detectors, config):
    findings = all_findings(detectors, make_document(*REGULATION), config)
    assert counting(findings) == []
    # the example marks it quotes are reported as info, so a reviewer can see them
    assert {f.text for f in findings} >= {"机密★10年", "秘密★5年", "此件不予公开"}


def test_regulation_text_as_text_file(detectors, config):
    blocks = [{"text": t, "page": None, "line": i} for i, t in enumerate(REGULATION)]
    assert counting(all_findings(detectors, make_document(*blocks, format="text"), config)) == []


def test_a_marked_regulation_is_still_marked(detectors, config):
    doc = make_document("内部", *REGULATION)
    assert [(f.kind, f.text, f.severity.value) for f in counting(
        all_findings(detectors, doc, config))] == [("work_secret", "内部", "review")]
