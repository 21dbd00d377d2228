"""``technical_info``: a third party's technical information (SPC 法释〔2020〕7号 Art. 1; domain.md
§4.2 rows 6–21, 54–58, 62–63): 技术秘密, 专有技术, 源代码, 工艺规程, 药品注册资料 alone; 配方, 配比,
工艺参数 with a number or percentage, in the company's voice, or with a second term."""

from .detector import LexiconDetector
from .spec import TRADE_SECRETS


class TechnicalInfoDetector(LexiconDetector):
    name = "trade_secrets.technical_info"
    kind = "technical_info"
    noun = "技术信息"
    spec = TRADE_SECRETS
