"""``law_enforcement``: law-enforcement files (domain.md §5 rows 38–43): 询问笔录, 讯问笔录, 调查笔录,
谈话笔录, 证人证言, 来信来访件, 抽查名单 alone — but not where a published 处罚决定书 lists its
evidence (以上事实有…询问笔录…等证据证实: ``unless=evidence``); 卷宗, 举报人, 检查计划 with support.
Basis 属于行政执法案卷."""

from screening_plugins.trade_secrets.detector import LexiconDetector

from screening import Category

from .spec import RESTRICTED_INFO


class LawEnforcementDetector(LexiconDetector):
    name = "restricted_info.law_enforcement"
    kind = "law_enforcement"
    noun = "行政执法案卷"
    category = Category.RESTRICTED_INFO
    spec = RESTRICTED_INFO
