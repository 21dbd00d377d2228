"""What the trade_secrets plugin matches: its lexicons, the basis of each kind, default supports."""

from screening import Basis

from .analysis import Spec

KINDS = ("commercial_mark", "technical_info", "business_info", "bid_price")

TRADE_SECRETS = Spec(
    plugin="trade_secrets",
    terms="trade_secrets",
    allow="trade_secrets_allow",
    default_basis={kind: Basis.THIRD_PARTY.value for kind in KINDS},
    default_needs=frozenset({"amount", "voice", "pair", "mark"}),
)

LEXICONS = ("trade_secrets", "trade_secrets_allow", "secrecy_context")
