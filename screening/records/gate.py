"""The publish gate: may this exact file go out?

:func:`decide` allows a file only if all of these hold (else it denies, with every reason found):

1. the file can be read and screened (else ``UNREADABLE``, exit 4);
2. its SHA-256 names a case in the ledger (else ``NO_VALID_RECORD``, or ``FILE_CHANGED`` when a
   file of the same name was reviewed with other bytes). The most recent case for the file
   decides: a newer review supersedes an older one;
3. that case verifies (:func:`~screening.records.chain.verify_chain`: signatures against the
   roster in force, roles and keys valid at the ledger's time, links, three different people)
   and is complete (drafter → leader (approved) → officer);
4. the file is a subject of the case with the same SHA-256 **and** SM3;
5. the officer's conclusion allows this subject: 公开 allows every subject, 部分公开 only the
   renditions given with ``--publish`` (the sanitized copy), never the reviewed original;
6. every required detector (``[records] required_detectors``, else every detector of the built-in
   plugins) was run for the record and is loaded now (``DETECTOR_MISSING``);
7. a fresh scan finds no block finding the record did not decide on (same finding id, kind and
   masked text: ``NEW_BLOCK_FINDING``), and none the record decided to remove (删除 / 已脱敏 /
   不予公开) that is still there (``UNRESOLVED_FINDING``).

Every decision is appended to the ledger as a ``gate`` entry (OPA decision-log style, masked:
digests, codes, case and ledger positions consulted — never document text). If the decision
cannot be logged, the file is denied (exit 4).
"""

from __future__ import annotations

import functools
import json
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import ScreeningError
from ..model import Severity, Verdict
from .chain import ChainCheck, latest_chain, reason, verify_chain

GATE_SCHEMA = "screening.gate/1"

#: Every reason code the gate can give, with its meaning (for the README and integrators).
CODES = {
    "NO_VALID_RECORD": "未找到该文件有效的保密审查记录",
    "FILE_CHANGED": "文件在审查后被改动",
    "UNREADABLE": "文件无法读取或审查",
    "CHAIN_INCOMPLETE": "审查未完成（缺少某一步骤）",
    "CHAIN_ORDER": "步骤顺序不对或重复",
    "CHAIN_BROKEN": "步骤之间的链接不符",
    "SUBJECTS_DIFFER": "各步骤的文件不一致",
    "BAD_SIGNATURE": "签名无效（伪造或被改动）",
    "BAD_STATEMENT": "记录内容格式不对",
    "ACTOR_MISMATCH": "记录自称的签名人与密钥持有人不符",
    "ROLE_NOT_GRANTED": "签名人没有该角色的授权",
    "KEY_REVOKED": "签名密钥已吊销",
    "KEY_NOT_VALID": "签名密钥不在有效期内",
    "SAME_PERSON": "同一人签署了两个步骤",
    "NO_ROSTER": "签署时名册尚未建立",
    "ROSTER_UNTRUSTED": "名册信任根与配置不符",
    "LEDGER_TAMPERED": "账本记录被改动",
    "LEADER_REJECTED": "分管领导未同意",
    "CONCLUSION_DENIES": "审查结论不允许发布本文件",
    "DETECTOR_MISSING": "缺少必需的检测器",
    "NEW_BLOCK_FINDING": "重新检查发现记录未处理的阻止级内容",
    "UNRESOLVED_FINDING": "记录决定删除或脱敏的内容仍在文件中",
    "LEDGER_UNAVAILABLE": "无法写入账本",
}


@dataclass(frozen=True)
class GateDecision:
    """One gate decision. ``reasons`` are ``{"code", "message", "message_en"}``; ``record`` is the
    masked summary of the case consulted."""

    allow: bool
    reasons: list[dict]
    decision_id: str
    sha256: str | None
    sm3: str | None
    record: dict | None
    exit_code: int
    lang: str = field(default="zh", compare=False)

    @property
    def code(self) -> str:
        return self.reasons[0]["code"] if self.reasons else "ALLOW"

    def message(self, lang: str | None = None) -> str:
        lang = lang or self.lang
        if self.allow:
            return "允许发布：审查记录完整有效" if lang != "en" else \
                "allowed: the review record is complete and valid"
        key = "message_en" if lang == "en" else "message"
        return ("；" if lang != "en" else "; ").join(r[key] for r in self.reasons)

    def to_dict(self) -> dict[str, Any]:
        return {"allow": self.allow, "code": self.code, "reasons": self.reasons,
                "message": self.message("zh"), "message_en": self.message("en"),
                "decision_id": self.decision_id,
                "record_id": (self.record or {}).get("caseId"),
                "record": self.record, "sha256": self.sha256, "sm3": self.sm3}


@functools.lru_cache(maxsize=1)
def builtin_detectors() -> tuple[str, ...]:
    """Names of every detector the built-in plugins register (the default required set)."""
    from ..config import Config
    from ..plugins import collect, get_plugin_manager

    registry = collect(get_plugin_manager(entrypoints=False), Config())
    return tuple(sorted(d.name for d in registry.detectors))


def required_detectors(settings) -> tuple[str, ...]:
    return tuple(getattr(settings, "required_detectors", ()) or ()) or builtin_detectors()


def decide(path: Path, *, screener, ledger, settings, lang: str = "zh",
           requested_by: str = "cli") -> GateDecision:
    """Decide for one file and log the decision (see the module docstring). ``requested_by``
    names the caller in the decision log (``cli``, or the API token's system name)."""
    from .digests import digest_file

    decision_id = uuid.uuid4().hex
    path = Path(path)
    reasons: list[dict] = []
    record: dict | None = None
    check: ChainCheck | None = None
    try:
        d = digest_file(path)
        sha256, sm3 = d.sha256, d.sm3
    except (ScreeningError, OSError) as exc:
        msg = exc.message if isinstance(exc, ScreeningError) else str(exc)
        msg_en = exc.message_en if isinstance(exc, ScreeningError) else str(exc)
        return _log(ledger, GateDecision(
            False, [reason("UNREADABLE", f"无法读取文件：{msg}", f"cannot read the file: {msg_en}")],
            decision_id, None, None, None, 4, lang), requested_by)

    report = screener.scan(path)
    if report.verdict is Verdict.ERROR or report.sha256 != sha256:
        err = report.error
        reasons.append(reason("UNREADABLE",
                              f"文件无法完整审查：{err.message if err else '读取时文件被改动'}",
                              "the file cannot be screened completely: "
                              f"{(err.message_en or err.message) if err else 'changed while read'}"))
    entries = latest_chain(ledger, sha256)
    if entries is None:
        reasons.append(_unknown(ledger, path))
    else:
        check = verify_chain(ledger, entries, settings)
        record = check.summary()
        reasons.extend(check.reasons)
        subject = check.find_subject(sha256)
        if subject is not None and subject["digest"]["sm3"] != sm3:
            reasons.append(reason("FILE_CHANGED", "文件的 SM3 摘要与审查记录不符",
                                  "the file's SM3 digest differs from the record"))
        elif subject is not None and check.allows_publication and not check.subject_allowed(subject):
            reasons.append(reason(
                "CONCLUSION_DENIES",
                "审查结论为部分公开：只有经处理（脱敏）后的文本可以发布，本文件是被审查的原稿",
                "the conclusion is 部分公开: only the redacted rendition may be published, "
                "this is the reviewed original"))
        if check.steps:
            reasons.extend(_detectors(check, screener, settings))
            if report.verdict is not Verdict.ERROR:
                reasons.extend(_findings(check, report, sha256))
    allow = not reasons
    exit_code = 0 if allow else (4 if any(r["code"] == "UNREADABLE" for r in reasons) else 1)
    return _log(ledger, GateDecision(allow, reasons, decision_id, sha256, sm3, record, exit_code,
                                     lang), requested_by)


def _unknown(ledger, path: Path) -> dict:
    """NO_VALID_RECORD, or FILE_CHANGED when a file of this name was reviewed (other bytes)."""
    from .chain import _payload_unverified

    for e in ledger.entries(kind="review"):
        try:
            names = {s.get("name") for s in json.loads(_payload_unverified(e.body))["subject"]}
        except Exception:  # noqa: BLE001, S112 - a hint only
            continue
        if path.name in names:
            return reason("FILE_CHANGED",
                          f"该文件在审查后被改动：审查记录中的“{path.name}”与本文件的摘要不同",
                          f"the file changed after review: the recorded {path.name!r} has "
                          "other digests")
    return reason("NO_VALID_RECORD", "未找到该文件有效的保密审查记录",
                  "no valid review record for this file")


def _detectors(check: ChainCheck, screener, settings) -> list[dict]:
    required = set(required_detectors(settings))
    last = check.steps[-1]
    recorded = set((last.predicate.get("tool") or {}).get("detectors") or ())
    loaded = {d.name for d in screener.registry.detectors}
    out = []
    if required - recorded:
        names = "、".join(sorted(required - recorded))
        out.append(reason("DETECTOR_MISSING", f"审查时未运行必需的检测器：{names}",
                          f"required detectors were not run for the record: {names}"))
    if required - loaded:
        names = "、".join(sorted(required - loaded))
        out.append(reason("DETECTOR_MISSING", f"当前未加载必需的检测器：{names}",
                          f"required detectors are not loaded now: {names}"))
    return out


def _findings(check: ChainCheck, report, sha256: str) -> list[dict]:
    last = check.steps[-1]
    decided: dict[tuple[str, str, str], str | None] = {}
    for summary in last.predicate.get("findings") or []:
        if summary.get("sha256") == sha256:
            for f in summary.get("block", []):
                decided[(f.get("id"), f.get("kind"), f.get("masked"))] = f.get("disposition")
    new, unresolved = [], []
    for f in report.findings:
        if f.severity is not Severity.BLOCK:
            continue
        key = (f.id, f.kind, f.masked)
        if key not in decided or decided[key] is None:
            new.append(f)
        elif decided[key] != "公开":
            unresolved.append((f, decided[key]))
    from ..report.names import kind_name

    out = []
    if new:
        zh = "；".join(f"{kind_name(f.kind)} {f.masked}" for f in new)
        en = "; ".join(f"{kind_name(f.kind, 'en')} {f.masked}" for f in new)
        out.append(reason("NEW_BLOCK_FINDING",
                          f"重新检查发现 {len(new)} 项审查记录未处理的阻止级内容：{zh}",
                          f"a fresh scan found {len(new)} block finding(s) the record did not "
                          f"decide on: {en}"))
    if unresolved:
        zh = "；".join(f"{kind_name(f.kind)} {f.masked}（记录为{disp}）" for f, disp in unresolved)
        en = "; ".join(f"{kind_name(f.kind, 'en')} {f.masked} (recorded: {disp})"
                       for f, disp in unresolved)
        out.append(reason("UNRESOLVED_FINDING",
                          f"审查记录决定删除、脱敏或不予公开的内容仍在文件中：{zh}",
                          f"content the record decided to remove is still in the file: {en}"))
    return out


def _log(ledger, decision: GateDecision, requested_by: str) -> GateDecision:
    """Append the decision; a decision that cannot be logged is a denial (exit 4)."""
    from dataclasses import replace

    from ..errors import RecordError

    rec = decision.record or {}
    body = {
        "schema": GATE_SCHEMA, "decision_id": decision.decision_id, "allow": decision.allow,
        "requested_by": requested_by,
        "codes": [r["code"] for r in decision.reasons],
        "reasons": [r["message"] for r in decision.reasons],
        "input": {"sha256": decision.sha256, "sm3": decision.sm3},
        "record": {"caseId": rec.get("caseId"), "conclusion": rec.get("conclusion"),
                   "seqs": [s["seq"] for s in rec.get("steps", [])],
                   "rosterVersion": rec.get("rosterVersion")},
    }
    data = json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    try:
        ledger.append("gate", data.encode("utf-8"),
                      [decision.sha256] if decision.sha256 else [])
    except (RecordError, OSError) as exc:
        msg = getattr(exc, "message", str(exc))
        return replace(decision, allow=False, exit_code=4, reasons=[*decision.reasons, reason(
            "LEDGER_UNAVAILABLE", f"无法把决定写入账本（{msg}），按拒绝处理",
            f"the decision could not be logged ({getattr(exc, 'message_en', msg)}); denied")])
    return decision


__all__ = ["CODES", "GateDecision", "builtin_detectors", "decide", "required_detectors"]
