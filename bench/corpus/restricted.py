"""Restricted information planted in prose and tables (internal affairs, process information,
law-enforcement files, security matters), a 请示 to a superior, weak terms with support, and the
look-alikes that must not be reported at review or block."""

from __future__ import annotations

from . import Planted
from .trade_secrets import plant_lines, plant_strong, plant_text

G = "restricted"


def ri(kind: str, text: str, part: str = "body") -> Planted:
    return Planted("restricted_info", kind, text, part, "review")


plant_strong("ri", "restricted_info", "restricted_info",
             "经查，{term}已由办公室留存，请各处室知悉。", "办公室留存的{term}")

plant_lines("ri-weak-supported", [
    "会议纪要（送审稿）请各位领导审阅。",
    "请将卷宗和举报人信息一并移交。",
    "粮食储备数量为3.2万吨。",
    "请核稿后报审核意见。",
], [ri("process_draft", "会议纪要"), ri("process_draft", "送审稿"),
    ri("law_enforcement", "卷宗"), ri("law_enforcement", "举报人"),
    ri("security", "储备"), ri("internal_process", "核稿"), ri("internal_process", "审核意见")],
    group=G)

plant_text("ri-request", "某县自然资源局\n关于调整2026年度用地计划的请示\n县人民政府：\n"
           "现将有关情况报告如下。\n", [ri("process_draft", "请示")], group=G)

plant_text("ri-draft-title", "某县乡村振兴三年行动方案（修改稿）\n一、总体要求\n",
           [ri("process_draft", "修改稿")], group=G)

plant_lines("ri-lookalike-weak-alone", [
    "经请示市政府同意，现将有关事项通知如下。",
    "会议纪要已按规定主动公开。",
    "按照统计口径，全县常住人口52万人。",
    "做好维稳工作，加强人才储备。",
    "在调查中发现，部分企业存在违规行为。",
], group="lookalike")

plant_lines("ri-lookalike-consultation", [
    "现将《某县物业管理条例（征求意见稿）》公开征求意见。",
    "附件：某县物业管理办法（讨论稿）",
], group="lookalike")

plant_lines("ri-lookalike-penalty", ["行政处罚决定书"] + [
    "我局于2026年3月1日对当事人立案调查。",
    "以上事实有现场检查笔录、当事人询问笔录、证人证言等证据证实。",
], group="lookalike")

plant_lines("ri-lookalike-appointment", ["干部任前公示"] + [
    "经民主测评、组织考察，拟任以下同志为副局长。",
], group="lookalike")

plant_lines("ri-lookalike-law", [
    "行政机关在履行行政管理职能过程中形成的讨论记录、过程稿、磋商信函、请示报告等过程性信息，可以不予公开。",
    "本规定所称涉密载体，是指以文字、数据等方式记载国家秘密信息的纸介质、磁介质等各类物品。",
    "严禁泄露领导行程和安保方案。",
], group="lookalike")
