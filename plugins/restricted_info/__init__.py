"""Restricted information: internal affairs, process information, law-enforcement files and
security matters (《政府信息公开条例》第十四条、第十六条; domain.md §5).

Detectors (names are persisted in reports and records: never rename one), severity ``review``:

* ``restricted_info.internal_process`` — 签报, 呈批件, 办文单, 拟办意见 … (属于三类内部事务信息);
* ``restricted_info.process_draft`` — 讨论记录, 内部讨论稿, 领导批示, 未经审定 … (属于四类过程性信息);
* ``restricted_info.request_to_superior`` — a 请示 addressed to a superior (kind ``process_draft``);
* ``restricted_info.ongoing_case`` — 正在调查, 专案组, 问题线索 … (属于行政执法案卷);
* ``restricted_info.law_enforcement`` — 询问笔录, 证人证言, 来信来访件 … (属于行政执法案卷);
* ``restricted_info.personnel`` — 考察材料, 任免建议, 处分建议 … (属于三类内部事务信息);
* ``restricted_info.security`` — 涉密文件, 密电, 稳控, 答问口径, 安保方案 … (属于国家秘密).

Marks (工作秘密, 内部, 会后收回, 不得外传, 此件不予公开) are the classification_marks plugin's.
Lexicons: ``restricted_info`` (terms), ``restricted_info_allow`` (征求意见稿 and look-alikes such as
统计口径), ``secrecy_context`` (shared with trade_secrets). The matching engine is
``screening_plugins.trade_secrets`` (:mod:`~screening_plugins.trade_secrets.analysis`).
"""

from screening import hookimpl, load_builtin

from .internal_process import InternalProcessDetector
from .law_enforcement import LawEnforcementDetector
from .ongoing_case import OngoingCaseDetector
from .personnel import PersonnelDetector
from .process_draft import ProcessDraftDetector
from .request_to_superior import RequestToSuperiorDetector
from .security import SecurityDetector
from .spec import LEXICONS


@hookimpl
def screening_register_lexicons(register):
    for name in LEXICONS:
        register(load_builtin(name))


@hookimpl
def screening_register_detectors(register, config):
    register(InternalProcessDetector())
    register(ProcessDraftDetector())
    register(RequestToSuperiorDetector())
    register(OngoingCaseDetector())
    register(LawEnforcementDetector())
    register(PersonnelDetector())
    register(SecurityDetector())
