"""Trade secrets of third parties (《政府信息公开条例》第十五条; domain.md §4).

Detectors (names are persisted in reports and records: never rename one), each one kind, all with
basis 保护第三方合法权益 and severity ``review`` (the agency decides, after consulting the owner in
writing under Art. 32):

* ``trade_secrets.commercial_mark`` — 核心商密▲…, 普通商密▲…, 本文件含商业秘密, 不同意公开, CONFIDENTIAL;
* ``trade_secrets.technical_info`` — 技术秘密, 专有技术, 源代码, 配方 + 比例, 工艺参数 + 数值 …;
* ``trade_secrets.business_info`` — 客户名单, 供货渠道, 底价, 成本 + 金额, 银行流水 …;
* ``trade_secrets.bid_price`` — 标底, 评标委员会成员名单, 投标报价 + 金额 ….

Lexicons (data; an office adds terms with its own plugin registering a lexicon of the same name, or
with ``[lexicons]`` in screening.toml): ``trade_secrets`` (terms: strong ones fire alone, weak ones
need support), ``trade_secrets_allow`` (allow terms and look-alikes), ``secrecy_context`` (context
words, shared with ``restricted_info``). The engine — one Aho-Corasick automaton per lexicon
(:mod:`.matcher`), context (:mod:`.context`), one decision pass per document (:mod:`.analysis`) —
is shared with the ``restricted_info`` plugin.
"""

from screening import hookimpl, load_builtin

from .bid_price import BidPriceDetector
from .business_info import BusinessInfoDetector
from .commercial_mark import CommercialMarkDetector
from .spec import LEXICONS
from .technical_info import TechnicalInfoDetector


@hookimpl
def screening_register_lexicons(register):
    for name in LEXICONS:
        register(load_builtin(name))


@hookimpl
def screening_register_detectors(register, config):
    register(CommercialMarkDetector())
    register(TechnicalInfoDetector())
    register(BusinessInfoDetector())
    register(BidPriceDetector())
