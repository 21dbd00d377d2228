"""Verifying the chain of review steps of one case: drafter → leader → officer.

A case is the set of ``review`` ledger entries with one ``caseId``. :func:`verify_chain` checks,
for every entry: the ledger row's leaf hash, the DSSE signature against the roster version in force
at the entry's ledger position (the ``keyid`` is only a hint for which key to try first), that the
statement's actor is the key's holder, and that the holder had the step's role with a valid,
unrevoked key at the time the ledger recorded the entry. Then, over the steps: order (each role
once, in order), links (each step names the previous envelope's SHA-256, SM3 and ledger position),
one case id, the same subjects, three different people, and the roster's trust root when one is
pinned. Everything read from a statement is read from the verified payload bytes only.

Every reason a chain does not permit publication is a dict ``{"code", "message", "message_en"}``
with a stable code; :attr:`ChainCheck.problems` are their Chinese messages.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from ..errors import RecordError
from . import statement as st
from .roster import Roster, grant_code, grant_reason_en, key_state, parse_time, roster_at


@dataclass(frozen=True)
class StepView:
    """One verified step. ``statement`` is parsed from the verified payload bytes; ``digests``
    are those of the envelope bytes as stored in the ledger."""

    role: str
    name: str
    fingerprint: str
    seq: int
    recorded_at: str
    envelope: Any          # dsse.Envelope
    statement: dict
    digests: Any           # digests.Digests

    @property
    def predicate(self) -> dict:
        return self.statement["predicate"]

    @property
    def subjects(self) -> list[dict]:
        return self.statement["subject"]

    @property
    def case_id(self) -> str:
        return self.predicate["caseId"]


def reason(code: str, message: str, message_en: str) -> dict[str, str]:
    return {"code": code, "message": message, "message_en": message_en}


@dataclass
class ChainCheck:
    """The result of :func:`verify_chain`.

    :param ok: every entry verified and the steps hold together (an unfinished chain can be ok).
    :param complete: drafter, leader and officer steps are all there and verified.
    :param allows_publication: ok, complete, the leader approved and the officer concluded 公开
        or 部分公开 (which subjects may go out: :meth:`subject_allowed`).
    :param reasons: why not, each ``{"code", "message", "message_en"}``.
    :param warnings: things to know that do not deny (an unpinned roster trust root).
    """

    ok: bool
    problems: list[str]
    steps: list[StepView]
    complete: bool
    conclusion: str | None
    subjects: list[dict]
    allows_publication: bool
    reasons: list[dict] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    case_id: str | None = None
    roster_version: int | None = None

    def step(self, role: str) -> StepView | None:
        return next((s for s in self.steps if s.role == role), None)

    def find_subject(self, sha256: str) -> dict | None:
        return next((s for s in self.subjects if s["digest"]["sha256"] == sha256), None)

    def subject_allowed(self, subject: Mapping[str, Any]) -> bool:
        """Whether this subject may be published under the conclusion: every subject for 公开;
        for 部分公开 only the renditions given with ``--publish`` (the sanitized copy), never the
        reviewed original."""
        if not self.allows_publication:
            return False
        if self.conclusion == "公开":
            return True
        rendition = (subject.get("annotations") or {}).get("rendition")
        return self.conclusion == "部分公开" and rendition == st.PUBLISH

    def summary(self) -> dict[str, Any]:
        """A masked summary for gate decisions and reports (no document text)."""
        drafter = self.step("drafter")
        doc = (drafter.predicate.get("document") or {}) if drafter else {}
        return {
            "caseId": self.case_id, "ok": self.ok, "complete": self.complete,
            "conclusion": self.conclusion, "rosterVersion": self.roster_version,
            "document": {"title": doc.get("title"), "docNumber": doc.get("docNumber")},
            "steps": [{"role": s.role, "name": s.name, "fingerprint": s.fingerprint,
                       "seq": s.seq, "recordedAt": s.recorded_at,
                       "envelopeSha256": s.digests.sha256} for s in self.steps],
        }


def chains_for(ledger, sha256: str) -> list[list[Any]]:
    """The review entries naming a file (by its SHA-256), grouped by case, oldest case first.
    Grouping reads the UNVERIFIED case id; :func:`verify_chain` decides what holds."""
    groups: dict[str, list[Any]] = {}
    for e in sorted(ledger.by_digest(sha256, kind="review"), key=lambda e: e.seq):
        cid = st.peek_case_id(_payload_unverified(e.body)) or f"?{e.seq}"
        groups.setdefault(cid, []).append(e)
    return sorted(groups.values(), key=lambda g: g[0].seq)


def latest_chain(ledger, sha256: str) -> list[Any] | None:
    """The case with the most recent entry for this file (a newer review supersedes an older
    one), or ``None``."""
    chains = chains_for(ledger, sha256)
    return max(chains, key=lambda g: g[-1].seq) if chains else None


def _payload_unverified(body: bytes) -> bytes:
    from .dsse import Envelope
    try:
        return Envelope.from_json(body).payload
    except Exception:  # noqa: BLE001 - grouping only
        return b""


def _identify(env, roster: Roster, payload_type: str):
    """The roster key that verifies ``env`` (keyid tried first): ``(payload, person, key)`` or
    ``None``."""
    from .dsse import verify_envelope

    hints = {keyid for keyid, _ in env.signatures}
    candidates = [(p, k) for p in roster.people for k in p.keys]
    candidates.sort(key=lambda pk: pk[1].fingerprint not in hints)
    for person, key in candidates:
        try:
            payload = verify_envelope(env, [key.public_key], payload_type)
        except RecordError:
            continue
        return payload, person, key
    return None


def verify_step(ledger, entry) -> tuple[StepView | None, list[dict], Roster | None]:
    """Verify one review entry on its own: ``(step or None, reasons, roster in force)``."""
    from .digests import digest_bytes
    from .dsse import REVIEW_PAYLOAD_TYPE, Envelope

    seq = entry.seq
    if entry.kind != "review":
        return None, [reason("NOT_A_REVIEW", f"第 {seq} 条记录不是审查步骤",
                             f"entry {seq} is not a review step")], None
    if hashlib.sha256(b"\x00" + entry.body).hexdigest() != entry.leaf_hash:
        return None, [reason("LEDGER_TAMPERED", f"第 {seq} 条记录的内容与其哈希不符（记录被改动）",
                             f"entry {seq} does not match its hash (edited)")], None
    try:
        env = Envelope.from_json(entry.body)
    except RecordError:
        return None, [reason("BAD_SIGNATURE", f"第 {seq} 条记录不是有效的签名信封",
                             f"entry {seq} is not a valid signed envelope")], None
    try:
        roster = roster_at(ledger, seq)
    except RecordError:
        return None, [reason("NO_ROSTER", f"第 {seq} 条记录签署时名册尚未建立",
                             f"no roster was in force at entry {seq}")], None
    found = _identify(env, roster, REVIEW_PAYLOAD_TYPE)
    if found is None:
        return None, [reason(
            "BAD_SIGNATURE",
            f"第 {seq} 条审查记录的签名无法用名册（第 {roster.version} 版）中的任何密钥验证：伪造、被改动或签名人不在名册",
            f"entry {seq}: the signature verifies with no key of roster version "
            f"{roster.version} (forged, altered, or signer not in the roster)")], roster
    payload, person, key = found
    try:
        statement = st.parse(payload)
    except RecordError as exc:
        return None, [reason("BAD_STATEMENT", f"第 {seq} 条记录：{exc.message}",
                             f"entry {seq}: {exc.message_en}")], roster
    pred = statement["predicate"]
    role = pred["role"]
    step = StepView(role=role, name=person.name, fingerprint=key.fingerprint, seq=seq,
                    recorded_at=entry.recorded_at, envelope=env, statement=statement,
                    digests=digest_bytes(entry.body))
    reasons: list[dict] = []
    actor = pred.get("actor") or {}
    if actor.get("fingerprint") != key.fingerprint or actor.get("name") != person.name:
        reasons.append(reason(
            "ACTOR_MISMATCH",
            f"第 {seq} 条记录自称签名人“{actor.get('name')}”，但签名密钥属于名册中的“{person.name}”",
            f"entry {seq} names {actor.get('name')!r} but was signed by {person.name!r}'s key"))
    ok, why = key_state(ledger, roster, person.name, role, key.fingerprint,
                        parse_time(entry.recorded_at))
    if not ok:
        zh_role, en_role = st.ROLE_NAMES[role]
        code = grant_code(why)
        code = {"KEY_NOT_YET_VALID": "KEY_NOT_VALID", "KEY_EXPIRED": "KEY_NOT_VALID",
                "KEY_NOT_OWNED": "ROLE_NOT_GRANTED", "NOT_IN_ROSTER": "ROLE_NOT_GRANTED"
                }.get(code, code)
        reasons.append(reason(
            code, f"{zh_role}步骤（第 {seq} 条）由 {person.name} 签名，但签名时（{entry.recorded_at}）"
                  f"其密钥{why if why != '没有该角色' else '没有该角色的授权'}",
            f"{en_role} step (entry {seq}) signed by {person.name}: at {entry.recorded_at} "
            f"{grant_reason_en(why)}"))
    return step, reasons, roster


def verify_chain(ledger, entries: Iterable[Any], settings) -> ChainCheck:
    """Verify one case (see the module docstring)."""
    reasons: list[dict] = []
    steps: list[StepView] = []
    roster: Roster | None = None
    for entry in sorted(entries, key=lambda e: e.seq):
        step, why, r = verify_step(ledger, entry)
        reasons.extend(why)
        roster = r or roster
        if step is not None:
            steps.append(step)
    reasons.extend(_structure(steps))
    warnings: list[str] = []
    if roster is not None:
        pinned = getattr(settings, "roster_admin", None)
        if pinned and pinned not in roster.root_fingerprints:
            reasons.append(reason("ROSTER_UNTRUSTED",
                                  "名册的信任根与配置中固定的管理员密钥（roster_admin）不符",
                                  "the roster's trust root does not match [records] roster_admin"))
        elif not pinned:
            warnings.append("名册信任根未固定（未设置 [records] roster_admin）")
        warnings.extend(roster.problems)
    ok = not reasons
    roles = [s.role for s in steps]
    complete = ok and roles == list(st.ROLES)
    missing = [r for r in st.ROLES if r not in roles]
    if missing:
        zh = "、".join(st.ROLE_NAMES[r][0] for r in missing)
        en = ", ".join(st.ROLE_NAMES[r][1] for r in missing)
        reasons.append(reason("CHAIN_INCOMPLETE", f"审查未完成：缺少{zh}的签名步骤",
                              f"review incomplete: no signed step of the {en}"))
    leader = next((s for s in steps if s.role == "leader"), None)
    officer = next((s for s in steps if s.role == "officer"), None)
    conclusion = officer.predicate.get("conclusion") if officer else None
    if leader is not None and leader.predicate.get("approve") is not True:
        reasons.append(reason("LEADER_REJECTED", f"分管领导 {leader.name} 未同意公开",
                              f"the leader in charge ({leader.name}) did not approve"))
    if officer is not None and conclusion not in st.PUBLISHING:
        reasons.append(reason("CONCLUSION_DENIES", f"审查结论为“{conclusion}”，不得发布",
                              f"the conclusion is {conclusion!r}: must not be published"))
    allows = complete and not reasons
    first = steps[0] if steps else None
    return ChainCheck(
        ok=ok, problems=[r["message"] for r in reasons], steps=steps, complete=complete,
        conclusion=conclusion, subjects=list(first.subjects) if first else [],
        allows_publication=allows, reasons=reasons, warnings=warnings,
        case_id=first.case_id if first else None,
        roster_version=roster.version if roster else None)


def _structure(steps: list[StepView]) -> list[dict]:
    """Order, links, case id, subjects and separation of duties over verified steps."""
    out: list[dict] = []
    roles = [s.role for s in steps]
    if roles != list(st.ROLES[:len(roles)]):
        out.append(reason("CHAIN_ORDER",
                          "审查步骤顺序不对或重复（应为拟稿人 → 分管领导 → 信息公开审查人，各一次）",
                          "steps out of order or repeated (drafter → leader → officer, once each)"))
    if len({s.case_id for s in steps}) > 1:
        out.append(reason("CHAIN_BROKEN", "各步骤的案件编号不一致",
                          "the steps name different case ids"))
    for prev, cur in pairwise(steps):
        link = cur.predicate.get("previous") or {}
        digest = link.get("envelopeDigest") or {}
        if (link.get("step") != prev.role or link.get("seq") != prev.seq
                or digest.get("sha256") != prev.digests.sha256
                or digest.get("sm3") != prev.digests.sm3):
            out.append(reason(
                "CHAIN_BROKEN",
                f"第 {cur.seq} 条记录所指的上一步不是第 {prev.seq} 条记录（链接被改动或拼接）",
                f"entry {cur.seq} does not link to entry {prev.seq} (altered or spliced)"))
    if steps:
        if steps[0].role == "drafter" and steps[0].predicate.get("previous"):
            out.append(reason("CHAIN_BROKEN", "拟稿人步骤不应有上一步",
                              "the drafter step must not have a previous step"))
        keys = [_subjects_key(s.subjects) for s in steps]
        if any(k != keys[0] for k in keys):
            out.append(reason("SUBJECTS_DIFFER", "各步骤审查的文件不一致（摘要不同）",
                              "the steps name different files (digests differ)"))
    names = [s.name for s in steps]
    fps = [s.fingerprint for s in steps]
    if len(set(names)) != len(names) or len(set(fps)) != len(fps):
        out.append(reason("SAME_PERSON", "同一人签署了两个审查步骤（三个步骤须由三个不同的人签署）",
                          "one person signed two steps (three different people are required)"))
    return out


def _subjects_key(subjects: list[dict]) -> list[tuple[str, str, str]]:
    return sorted((*st.subject_key(s), (s.get("annotations") or {}).get("rendition", ""))
                  for s in subjects)
