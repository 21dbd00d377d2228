"""``internal_process``: internal affairs (《政府信息公开条例》第十六条第一款; domain.md §5 rows 33–34,
52–53, 55): internal forms (签报, 呈批件, 办文单, 发文稿纸, 处理笺, 拟办意见) alone; 审核意见, 核稿,
内部工作流程, 后勤管理 with a second term or in mark position. Basis 属于三类内部事务信息."""

from screening_plugins.trade_secrets.detector import LexiconDetector

from screening import Category

from .spec import RESTRICTED_INFO


class InternalProcessDetector(LexiconDetector):
    name = "restricted_info.internal_process"
    kind = "internal_process"
    noun = "内部事务"
    category = Category.RESTRICTED_INFO
    spec = RESTRICTED_INFO
