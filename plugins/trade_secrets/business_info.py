"""``business_info``: a third party's business information (SPC 法释〔2020〕7号 Art. 1; domain.md
§4.2 rows 22–31, 38–54, 58–59, 64–65): 客户名单, 供货渠道, 底价, 银行流水 alone; 成本, 毛利率,
采购价格 with an amount, in the company's voice, or with a second term. Contract terms in an award
notice (合同价款 in a 中标公告) are public."""

from .detector import LexiconDetector
from .spec import TRADE_SECRETS


class BusinessInfoDetector(LexiconDetector):
    name = "trade_secrets.business_info"
    kind = "business_info"
    noun = "经营信息"
    spec = TRADE_SECRETS
