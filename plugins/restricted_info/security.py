"""``security``: security and state-secret matters (《政府信息公开条例》第十四条; domain.md §5 rows 4–5,
41, 44–47, 54, 56–63): 密件, 涉密文件, 密电, 稳控, 答问口径, 领导行程, 安保方案, 警力部署, 部队番号,
要害部位, 内部统计数据 alone; 维稳, 口径, 储备, 坐标, 试题 with support (坐标 and 储备 also with a
number). 统计口径 and the like are look-alikes. Basis 属于国家秘密."""

from screening_plugins.trade_secrets.detector import LexiconDetector

from screening import Category

from .spec import RESTRICTED_INFO


class SecurityDetector(LexiconDetector):
    name = "restricted_info.security"
    kind = "security"
    noun = "安全保卫"
    category = Category.RESTRICTED_INFO
    spec = RESTRICTED_INFO
