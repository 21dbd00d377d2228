"""``process_draft``: process information (《政府信息公开条例》第十六条第二款; domain.md §5 rows 23–32):
讨论记录, 会议记录, 内部讨论稿, 领导批示, 未经审定, 仅供讨论 alone; 讨论稿/送审稿/草案 unless the
document is published for consultation; 会议纪要 and 请示 only with support. 征求意见稿 is an allow
term (published for consultation on purpose). A 请示 addressed to a superior as a whole:
:mod:`.request_to_superior`. Basis 属于四类过程性信息."""

from screening_plugins.trade_secrets.detector import LexiconDetector

from screening import Category

from .spec import RESTRICTED_INFO


class ProcessDraftDetector(LexiconDetector):
    name = "restricted_info.process_draft"
    kind = "process_draft"
    noun = "过程性信息"
    category = Category.RESTRICTED_INFO
    spec = RESTRICTED_INFO
