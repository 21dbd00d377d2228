"""``bid_price``: tendering secrets (招标投标法 Arts. 22, 37; domain.md §4.2 rows 32–37): 标底, the
list of the 评标委员会, 潜在投标人名单 alone; 投标报价 and 报价明细 with an amount or a second term.
招标控制价, 最高投标限价, 中标金额 and the winning price in an award notice are published by law
(allow terms and ``unless=award``)."""

from .detector import LexiconDetector
from .spec import TRADE_SECRETS


class BidPriceDetector(LexiconDetector):
    name = "trade_secrets.bid_price"
    kind = "bid_price"
    noun = "招投标保密信息"
    spec = TRADE_SECRETS
