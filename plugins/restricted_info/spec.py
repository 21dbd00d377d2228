"""What the restricted_info plugin matches: its lexicons, the basis of each kind (DESIGN.md §4,
《政府信息公开条例》第十四条、第十六条), default supports."""

from screening_plugins.trade_secrets.analysis import Spec

from screening import Basis

BASIS = {
    "internal_process": Basis.INTERNAL_AFFAIRS.value,   # 第十六条第一款
    "personnel": Basis.INTERNAL_AFFAIRS.value,
    "process_draft": Basis.PROCESS_INFO.value,          # 第十六条第二款
    "ongoing_case": Basis.ENFORCEMENT_FILE.value,
    "law_enforcement": Basis.ENFORCEMENT_FILE.value,
    "security": Basis.STATE_SECRET.value,               # 第十四条
}

RESTRICTED_INFO = Spec(
    plugin="restricted_info",
    terms="restricted_info",
    allow="restricted_info_allow",
    default_basis=BASIS,
    default_needs=frozenset({"pair", "mark"}),
)

#: ``secrecy_context`` is registered by trade_secrets (one copy); without that plugin the built-in
#: file is read directly (analysis.lexicon).
LEXICONS = ("restricted_info", "restricted_info_allow")
