"""``ongoing_case``: cases still open (domain.md §5 rows 35–37): 正在调查, 正在核查, 查处中, 专案组,
案件线索, 问题线索, 举报线索 alone; 调查中, 立案调查, 初核 with support (a published 处罚决定书 says
立案调查 on purpose). Basis 属于行政执法案卷."""

from screening_plugins.trade_secrets.detector import LexiconDetector

from screening import Category

from .spec import RESTRICTED_INFO


class OngoingCaseDetector(LexiconDetector):
    name = "restricted_info.ongoing_case"
    kind = "ongoing_case"
    noun = "未办结案件"
    category = Category.RESTRICTED_INFO
    spec = RESTRICTED_INFO
