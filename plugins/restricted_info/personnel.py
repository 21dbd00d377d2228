"""``personnel``: personnel matters (domain.md §5 rows 48–51): 考察材料, 人事调整方案, 任免建议,
干部档案, 处分建议, 问责建议 alone; 拟任, 民主测评, 纪律审查 with support and never in a 公示 or
通报 (a 任前公示 names 拟任 on purpose: ``unless=announcement``). Basis 属于三类内部事务信息."""

from screening_plugins.trade_secrets.detector import LexiconDetector

from screening import Category

from .spec import RESTRICTED_INFO


class PersonnelDetector(LexiconDetector):
    name = "restricted_info.personnel"
    kind = "personnel"
    noun = "人事管理"
    category = Category.RESTRICTED_INFO
    spec = RESTRICTED_INFO
