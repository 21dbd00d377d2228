"""What people read about a review record and the ledger: text (Chinese, English with
``lang="en"``) and JSON renderings of a :class:`~screening.records.chain.ChainCheck` and of a
:class:`~screening.records.checkpoint.LedgerCheck`.

Everything shown is taken from statements parsed from **verified** envelope bytes
(``StepView.statement``) and from the ledger (``seq``, ``recorded_at``: the trusted order and
time; ``signedAt`` is the signer's own claim and is shown only as such). Findings appear as the
record stores them: masked text and counts, never a raw value.

:func:`step_facts` turns one step into plain facts; the printable form (:mod:`.form`) and the
archive use the same function, so a field is read in one place.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from ..report.names import Words, basis_words, kind_name, pick, severity_word

#: role → (zh, en); the zh names are the ones printed on the paper form.
ROLE_NAMES: dict[str, Words] = {
    "drafter": ("承办人（拟稿人）", "drafter"),
    "leader": ("分管领导", "leader in charge"),
    "officer": ("信息公开审查人", "disclosure officer"),
}
ROLE_ORDER = ("drafter", "leader", "officer")

#: decision words → English (the Chinese words are the record's own values).
DECISIONS: dict[str, str] = {
    "公开": "disclose", "部分公开": "disclose in part", "不予公开": "withhold",
    "需报审": "refer upward for review",
}
CLASSIFICATIONS: dict[str, str] = {
    "非密": "not classified", "工作秘密": "work secret", "秘密": "secret (秘密)",
    "机密": "confidential (机密)", "绝密": "top secret (绝密)",
}
WITHHOLDING = ("不予公开", "部分公开")


@dataclass(frozen=True)
class FindingItem:
    """One block finding as the record keeps it (masked)."""

    id: str
    kind: str
    masked: str
    severity: str = "block"
    disposition: str = ""


@dataclass(frozen=True)
class FindingsSummary:
    """The masked findings summary of one step: counts and the block findings."""

    by_severity: dict[str, int] = field(default_factory=dict)
    by_kind: dict[str, int] = field(default_factory=dict)
    items: tuple[FindingItem, ...] = ()

    @property
    def total(self) -> int:
        if self.by_severity:
            return sum(self.by_severity.values())
        return sum(self.by_kind.values())


@dataclass(frozen=True)
class StepFacts:
    """Plain facts of one verified review step."""

    role: str
    name: str
    fingerprint: str
    seq: int
    recorded_at: str          # ledger time (trusted)
    signed_at: str            # the signer's own claim
    case_id: str
    title: str
    doc_number: str
    summary: str
    classification: str      # drafter
    decision: str            # drafter: proposed decision; officer: conclusion; leader: 同意/不同意
    approve: bool | None     # leader
    basis: tuple[str, ...]
    opinion: str
    findings: FindingsSummary
    sanitize: dict | None
    roster_version: int | None
    envelope_sha256: str
    envelope_sm3: str
    tool_version: str

    @property
    def date(self) -> str:
        """The ledger date, ``2026-11-28``."""
        return self.recorded_at[:10]


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def findings_summary(raw: Any) -> FindingsSummary:
    """Read the statement's masked findings summary: one summary per subject (a list) or one
    summary, each ``{"counts": [{"category", "kind", "severity", "count"}], "block": [{"id",
    "kind", "masked", "disposition", …}]}`` (records/statement.py); counts of several subjects
    are added up."""
    summaries = raw if isinstance(raw, list) else [raw]
    by_severity: dict[str, int] = {}
    by_kind: dict[str, int] = {}
    items: list[FindingItem] = []
    for summary in summaries:
        if not isinstance(summary, Mapping):
            continue
        counts = summary.get("counts")
        rows = counts if isinstance(counts, list) else []
        for row in rows:
            if not isinstance(row, Mapping):
                continue
            n = row.get("count")
            if not isinstance(n, int) or isinstance(n, bool):
                continue
            severity, kind = _text(row.get("severity")), _text(row.get("kind"))
            by_severity[severity] = by_severity.get(severity, 0) + n
            by_kind[kind] = by_kind.get(kind, 0) + n
        for item in summary.get("block") or ():
            if not isinstance(item, Mapping):
                continue
            items.append(FindingItem(
                id=_text(item.get("id")), kind=_text(item.get("kind")),
                masked=_text(item.get("masked")),
                severity=_text(item.get("severity") or "block"),
                disposition=_text(item.get("disposition"))))
    return FindingsSummary(by_severity=by_severity, by_kind=by_kind, items=tuple(items))


def _first(mapping: Any, *keys: str) -> Any:
    if not isinstance(mapping, Mapping):
        return None
    for key in keys:
        if key in mapping and mapping[key] is not None:
            return mapping[key]
    return None


def _decision(predicate: Mapping, role: str) -> tuple[str, bool | None]:
    approve = predicate.get("approve")
    approve = approve if isinstance(approve, bool) else None
    if role == "leader" and approve is not None:
        return ("同意" if approve else "不同意"), approve
    value = _first(predicate, "conclusion", "decision")
    if isinstance(value, Mapping):   # {"disclosure": "公开", ...}
        value = _first(value, "disclosure", "decision", "conclusion")
    return _text(value), approve


def step_facts(step: Any) -> StepFacts:
    """Facts of a ``StepView`` (duck-typed: role, name, fingerprint, seq, recorded_at,
    statement, digests)."""
    statement = step.statement if isinstance(step.statement, Mapping) else {}
    predicate = statement.get("predicate") or {}
    document = predicate.get("document") or {}
    actor = predicate.get("actor") or {}
    role = _text(step.role or predicate.get("role"))
    decision, approve = _decision(predicate, role)
    basis = predicate.get("basis") or ()
    if isinstance(basis, str):
        basis = (basis,)
    conclusion = predicate.get("conclusion")
    if not basis and isinstance(conclusion, Mapping):
        basis = conclusion.get("basis") or ()
    tool = predicate.get("tool") or {}
    digests = getattr(step, "digests", None)
    roster_version = predicate.get("rosterVersion")
    return StepFacts(
        role=role,
        name=_text(step.name or actor.get("name")),
        fingerprint=_text(step.fingerprint or actor.get("fingerprint")),
        seq=int(step.seq),
        recorded_at=_text(step.recorded_at),
        signed_at=_text(predicate.get("signedAt")),
        case_id=_text(predicate.get("caseId")),
        title=_text(document.get("title")),
        doc_number=_text(document.get("docNumber")),
        summary=_text(document.get("summary")),
        classification=_text(predicate.get("classification")),
        decision=decision,
        approve=approve,
        basis=tuple(_text(b) for b in basis),
        opinion=_text(predicate.get("opinion")),
        findings=findings_summary(_first(predicate, "findings", "findingsSummary")),
        sanitize=predicate.get("sanitize") if isinstance(predicate.get("sanitize"), Mapping)
        else None,
        roster_version=roster_version if isinstance(roster_version, int) else None,
        envelope_sha256=_text(getattr(digests, "sha256", "")),
        envelope_sm3=_text(getattr(digests, "sm3", "")),
        tool_version=_text(tool.get("version") if isinstance(tool, Mapping) else ""),
    )


# ---------------------------------------------------------------------------------------------
# words

def role_name(role: str, lang: str = "zh") -> str:
    words = ROLE_NAMES.get(role)
    return pick(words, lang) if words else role


def decision_word(decision: str, lang: str = "zh") -> str:
    if lang != "en" or not decision:
        return decision
    if decision in ("同意", "不同意"):
        return f"{'approved' if decision == '同意' else 'rejected'} ({decision})"
    english = DECISIONS.get(decision)
    return f"{english} ({decision})" if english else decision


def classification_word(value: str, lang: str = "zh") -> str:
    if lang != "en" or not value:
        return value
    english = CLASSIFICATIONS.get(value)
    return f"{english}" if english else value


def findings_lines(summary: FindingsSummary, lang: str = "zh") -> list[str]:
    """``发现 3 项：阻止 2 · 需人工审查 1`` then per kind, then each block finding (masked)."""
    en = lang == "en"
    if not summary.total and not summary.items:
        return ["No findings" if en else "未发现需处理的内容"]
    lines = []
    if summary.by_severity:
        parts = [f"{severity_word(s, lang)} {n}" for s, n in _severity_order(summary.by_severity)]
        lines.append((f"{summary.total} findings: " if en else f"发现 {summary.total} 项：")
                     + " · ".join(parts))
    if summary.by_kind:
        parts = [f"{kind_name(k, lang)} {n}" for k, n in
                 sorted(summary.by_kind.items(), key=lambda kv: (-kv[1], kv[0]))]
        lines.append(("By kind: " if en else "按种类：") + ("; " if en else "；").join(parts))
    for item in summary.items:
        where = f"{kind_name(item.kind, lang)} “{item.masked}”" if item.masked \
            else kind_name(item.kind, lang)
        disposition = item.disposition or ("none" if en else "无")
        lines.append(f"{severity_word(item.severity, lang)}: {where} — "
                     f"{'disposition' if en else '处理'}: {disposition}" if en else
                     f"{severity_word(item.severity, lang)}：{where}，处理：{disposition}")
    return lines


def _severity_order(counts: Mapping[str, int]) -> list[tuple[str, int]]:
    order = {"block": 0, "review": 1, "info": 2}
    return sorted(counts.items(), key=lambda kv: (order.get(kv[0], 9), kv[0]))


def short_fingerprint(fingerprint: str) -> str:
    """``sha256:1a2b3c4d…9e8f`` for a terminal line (the form and JSON carry the whole)."""
    head, _, hexes = fingerprint.partition(":")
    if len(hexes) <= 20:
        return fingerprint
    return f"{head}:{hexes[:12]}…{hexes[-8:]}"


# ---------------------------------------------------------------------------------------------
# record (chains of one file)

def _status(check: Any, lang: str) -> str:
    en = lang == "en"
    if not check.ok:
        return "FAILED — the record does not verify" if en else "未通过验证（记录不可信）"
    if not check.complete:
        return "valid so far, review not complete" if en else "签名有效，但审查尚未完成"
    if check.allows_publication:
        return "valid, complete, publication allowed" if en else "有效、完整，结论允许发布"
    return "valid and complete, publication not allowed" if en \
        else "有效、完整，结论不允许发布"


def render_chain(check: Any, *, lang: str = "zh", number: int | None = None) -> str:
    """One review chain (drafter → leader → officer) as lines of text."""
    en = lang == "en"
    steps = [step_facts(s) for s in check.steps]
    first = steps[0] if steps else None
    head = (f"Record {number}" if en else f"审查记录 {number}") if number else \
        ("Record" if en else "审查记录")
    lines = [f"{head}: {_status(check, lang)}"]
    if first is not None:
        lines.append(f"  {'Record id' if en else '记录编号'}: {first.case_id or '—'}")
        lines.append(f"  {'Title' if en else '信息名称'}: {first.title or '—'}")
        if first.doc_number:
            lines.append(f"  {'Document number' if en else '文号'}: {first.doc_number}")
        if first.summary:
            lines.append(f"  {'Summary' if en else '内容摘要'}: {first.summary}")
    if check.conclusion:
        lines.append(f"  {'Conclusion' if en else '审查结论'}: "
                     f"{decision_word(check.conclusion, lang)}")
    for facts in steps:
        lines.extend(_step_lines(facts, lang))
    missing = [r for r in ROLE_ORDER if r not in {f.role for f in steps}]
    for role in missing:
        lines.append(f"  [{role_name(role, lang)}] "
                     + ("not signed yet" if en else "尚未签署"))
    if check.subjects:
        lines.append("  Files covered (subjects):" if en else "  审查对象（文件摘要）：")
        for subject in check.subjects:
            digest = subject.get("digest") or {}
            lines.append(f"    {subject.get('name', '')}")
            lines.append(f"      SHA-256 {digest.get('sha256', '—')}")
            lines.append(f"      SM3     {digest.get('sm3', '—')}")
    if check.problems:
        if check.ok:
            lines.append("  Why it may not be published:" if en else "  不能发布的原因：")
        else:
            lines.append("  Problems:" if en else "  问题：")
        lines.extend(f"    - {p}" for p in _messages(check, lang))
    warnings = list(getattr(check, "warnings", ()) or ())
    if warnings:
        lines.append("  Notes:" if en else "  提示：")
        lines.extend(f"    - {w}" for w in warnings)
    return "\n".join(lines)


def _messages(check: Any, lang: str) -> list[str]:
    """The problems, in English when the chain gives ``message_en`` for each."""
    reasons = list(getattr(check, "reasons", ()) or ())
    extra = list(check.problems[len(reasons):]) if len(check.problems) > len(reasons) else []
    if lang == "en" and reasons and len(reasons) <= len(check.problems):
        return [r.get("message_en") or r.get("message", "") for r in reasons] + extra
    return list(check.problems)


def _step_lines(facts: StepFacts, lang: str) -> list[str]:
    en = lang == "en"
    lines = [(f"  [{role_name(facts.role, lang)}] {facts.name}"
              f"  {'ledger #' if en else '账本第 '}{facts.seq}{'' if en else ' 条'}"
              f"  {facts.recorded_at}")]
    pad = "      "
    if facts.role == "drafter" and facts.classification:
        lines.append(f"{pad}{'Classification' if en else '定密意见'}: "
                     f"{classification_word(facts.classification, lang)}")
    if facts.decision:
        label = {"drafter": ("拟公开意见", "Proposed decision"),
                 "leader": ("审核意见", "Review"),
                 "officer": ("审查结论", "Conclusion")}.get(facts.role, ("决定", "Decision"))
        lines.append(f"{pad}{pick(label, lang)}: {decision_word(facts.decision, lang)}")
    if facts.basis:
        lines.append(f"{pad}{'Basis' if en else '依据'}: "
                     + ("; " if en else "；").join(basis_words(b, lang) for b in facts.basis))
    if facts.opinion:
        lines.append(f"{pad}{'Opinion' if en else '意见'}: {facts.opinion}")
    if facts.role == "drafter" or facts.findings.total or facts.findings.items:
        found = findings_lines(facts.findings, lang)
        lines.append(f"{pad}{'Screening' if en else '自动检测'}: {found[0]}")
        lines.extend(f"{pad}  {line}" for line in found[1:])
    if facts.sanitize:
        lines.append(f"{pad}{'Sanitized copy' if en else '区分处理'}: "
                     + _sanitize_text(facts.sanitize, lang))
    lines.append(f"{pad}{'Key' if en else '密钥'}: {short_fingerprint(facts.fingerprint)}")
    lines.append(f"{pad}{'Envelope SHA-256' if en else '签名记录 SHA-256'}: "
                 f"{facts.envelope_sha256}")
    if facts.signed_at:
        lines.append(f"{pad}{'Signer stated time' if en else '签署人自述时间'}: {facts.signed_at}")
    return lines


def _sanitize_text(result: Mapping, lang: str) -> str:
    """A short line from the sanitize JSON result (counts only)."""
    en = lang == "en"
    parts = []
    for key in ("removed", "masked", "changes", "actions"):
        value = result.get(key)
        if isinstance(value, int):
            parts.append(f"{key} {value}")
        elif isinstance(value, (list, tuple)):
            parts.append(f"{key} {len(value)}")
    output = result.get("output") or {}
    if isinstance(output, Mapping) and output.get("sha256"):
        parts.append(f"SHA-256 {output['sha256']}")
    return ", ".join(parts) if parts else ("recorded" if en else "已记录")


def render_record(name: str, sha256: str, sm3: str, checks: Sequence[Any], *,
                  lang: str = "zh") -> str:
    """``screen record show``/``verify``: every chain whose subjects include the file."""
    en = lang == "en"
    lines = [f"{'File' if en else '文件'}: {name}",
             f"  SHA-256 {sha256}", f"  SM3     {sm3}"]
    if not checks:
        lines.append("No review record for this file (this exact content)." if en
                     else "没有这个文件（此内容）的审查记录。")
        return "\n".join(lines)
    for number, check in enumerate(checks, 1):
        lines.append("")
        lines.append(render_chain(check, lang=lang, number=number if len(checks) > 1 else None))
    return "\n".join(lines)


def chain_to_dict(check: Any) -> dict:
    """JSON-ready form of a ChainCheck (the facts of each step, never the raw envelope)."""
    steps = []
    for step in check.steps:
        facts = step_facts(step)
        item = asdict(facts)
        item["findings"] = {"by_severity": facts.findings.by_severity,
                            "by_kind": facts.findings.by_kind,
                            "items": [asdict(i) for i in facts.findings.items]}
        item["envelope"] = {"sha256": facts.envelope_sha256, "sm3": facts.envelope_sm3}
        del item["envelope_sha256"], item["envelope_sm3"]
        steps.append(item)
    return {"ok": bool(check.ok), "complete": bool(check.complete),
            "case_id": getattr(check, "case_id", None),
            "conclusion": check.conclusion, "allows_publication": bool(check.allows_publication),
            "subjects": list(check.subjects), "problems": list(check.problems),
            "reasons": list(getattr(check, "reasons", ()) or ()),
            "warnings": list(getattr(check, "warnings", ()) or ()), "steps": steps}


def record_to_dict(name: str, sha256: str, sm3: str, checks: Sequence[Any]) -> dict:
    return {"schema": "screening.record/1", "path": name, "sha256": sha256, "sm3": sm3,
            "ok": bool(checks) and all(c.ok for c in checks),
            "records": [chain_to_dict(c) for c in checks]}


# ---------------------------------------------------------------------------------------------
# ledger

def render_ledger_check(check: Any, *, url: str = "", lang: str = "zh") -> str:
    """The result of ``verify_ledger``; the latest checkpoint's size and root are printed so a
    person can compare them with the copy kept outside the tool."""
    en = lang == "en"
    where = "" if not url else (f" ({_redact_url(url)})" if en else f"（{_redact_url(url)}）")
    if check.ok:
        head = (f"Ledger intact{where}: {check.size} entries, {check.checkpoints} signed "
                "checkpoints verified" if en else
                f"账本完整{where}：共 {check.size} 条记录，{check.checkpoints} 个签名检查点验证通过")
    else:
        head = (f"Ledger TAMPERED{where}: {check.size} entries, {len(check.problems)} problems"
                if en else
                f"账本被改动{where}：共 {check.size} 条记录，发现 {len(check.problems)} 个问题")
    lines = [head]
    problems = list(getattr(check, "problems_en", None) or ()) if en else []
    lines.extend(f"  - {p}" for p in (problems if len(problems) == len(check.problems)
                                      else check.problems))
    notes = list(getattr(check, "notes_en" if en else "notes", None) or ())
    lines.extend(f"  · {n}" for n in notes)
    latest = getattr(check, "latest", None)
    if latest is not None:
        root = base64.b64encode(latest.root).decode("ascii")
        lines.append(f"  Latest checkpoint: {latest.size} entries, root {root} "
                     "(compare with the copy kept outside)" if en else
                     f"  最新检查点：覆盖 {latest.size} 条，根 {root}（请与账本之外保存的副本核对）")
    return "\n".join(lines)


def ledger_check_to_dict(check: Any, *, url: str = "") -> dict:
    latest = getattr(check, "latest", None)
    return {"schema": "screening.ledger-check/1", "ok": bool(check.ok), "size": check.size,
            "checkpoints": check.checkpoints, "problems": list(check.problems),
            "problems_en": list(getattr(check, "problems_en", None) or ()),
            "notes": list(getattr(check, "notes", None) or ()),
            "uncovered": getattr(check, "uncovered", 0),
            "latest_checkpoint": None if latest is None else {
                "origin": latest.origin, "size": latest.size,
                "root": base64.b64encode(latest.root).decode("ascii"), "text": latest.text},
            "ledger": _redact_url(url)}


def _redact_url(url: str) -> str:
    """Never print a database password: ``postgresql://user:***@host/db``."""
    scheme, sep, rest = url.partition("://")
    if not sep or "@" not in rest:
        return url
    creds, _, host = rest.rpartition("@")
    user = creds.split(":", 1)[0]
    return f"{scheme}://{user}:***@{host}" if ":" in creds else url


def dumps(obj: Any) -> str:
    """One line of JSON, Chinese kept readable."""
    return json.dumps(obj, ensure_ascii=False, sort_keys=True)


def join_problems(problems: Iterable[str]) -> str:
    return "；".join(problems)
