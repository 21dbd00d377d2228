"""The in-toto Statement v1 of one review step (signing.md §1.7, domain.md §7.3).

A statement names its subjects (every file that will be published, each with SHA-256 and SM3) and
carries a predicate with the record fields of the step. This module builds and parses statements
and the masked findings summary; it signs nothing (see :mod:`screening.records.review`).

What a predicate may hold is decided here, once: the findings summary is built from
``Finding.masked`` and never from ``Finding.text``, and a sanitize result is scrubbed of any
``text`` field before it is cited.
"""

from __future__ import annotations

import hashlib
import json
import re
import secrets
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from ..errors import RecordError
from ..model import Basis, Report, Severity

STATEMENT_TYPE = "https://in-toto.io/Statement/v1"
ROLES = ("drafter", "leader", "officer")
PREDICATE_PREFIX = "urn:screening:review:"

#: The disclosure decisions of a drafter and conclusions of an officer (domain.md §7.2).
DECISIONS = ("公开", "部分公开", "不予公开", "需报审")
#: Decisions that withhold something and therefore need a basis (DESIGN.md §4).
WITHHOLDING = ("部分公开", "不予公开")
#: Conclusions under which something may be published.
PUBLISHING = ("公开", "部分公开")
#: The drafter's classification opinion (定密意见).
CLASSIFICATIONS = ("非密", "工作秘密", "秘密", "机密", "绝密")
#: What the drafter decided about one block finding.
DISPOSITIONS = ("公开", "删除", "已脱敏", "不予公开")
#: The withholding reasons of DESIGN.md §4 (the annual report's categories).
BASES = tuple(b.value for b in Basis)

#: ``annotations.rendition`` of a subject: the file that was reviewed, or a further file given
#: with ``--publish`` (for example the sanitized copy).
REVIEWED, PUBLISH = "reviewed", "publish"

ROLE_NAMES = {"drafter": ("拟稿人", "drafter"), "leader": ("分管领导", "leader in charge"),
              "officer": ("信息公开审查人", "disclosure officer")}


def predicate_type(role: str) -> str:
    """``urn:screening:review:<role>:v1``."""
    if role not in ROLES:
        raise RecordError(f"未知的审查角色：{role}（应为 drafter、leader 或 officer）",
                          message_en=f"unknown review role {role!r} (drafter, leader, officer)")
    return f"{PREDICATE_PREFIX}{role}:v1"


def normalize_basis(values: Iterable[str]) -> list[str]:
    """Map each ``--basis`` value to a DESIGN §4 reason. Accepts the Chinese reason itself or the
    :class:`~screening.model.Basis` member name (``state_secret``). Unknown → RecordError."""
    out: list[str] = []
    known = {_plain(b.value): b.value for b in Basis}
    known.update({b.name.lower(): b.value for b in Basis})
    for raw in values:
        v = raw.strip()
        value = known.get(_plain(v)) or known.get(v.lower())
        if value is None:
            raise RecordError(
                f"不予公开的依据“{v}”不在理由清单内。可用：" + "；".join(BASES),
                message_en=f"basis {v!r} is not one of the listed reasons: "
                           + ", ".join(b.name.lower() for b in Basis))
        if value not in out:
            out.append(value)
    return out


def _plain(text: str) -> str:
    return re.sub(r"[\s\"'\u201c\u201d\u300c\u300d]", "", text)


def subject(name: str, sha256: str, sm3: str, rendition: str) -> dict[str, Any]:
    """One in-toto ResourceDescriptor: the file's base name, both digests, and whether it is the
    reviewed file or a further rendition to publish."""
    return {"name": Path(name).name, "digest": {"sha256": sha256, "sm3": sm3},
            "annotations": {"rendition": rendition}}


def findings_summary(report: Report, dispositions: Mapping[str, str] | None = None
                     ) -> dict[str, Any]:
    """The masked findings summary of one subject: counts per category/kind/severity and every
    block finding with its id, kind, masked text and the drafter's disposition (``None``: none).
    """
    dispositions = dispositions or {}
    counts = Counter((f.category.value, f.kind, f.severity.value) for f in report.findings)
    block = [
        {"id": f.id, "category": f.category.value, "kind": f.kind, "masked": f.masked,
         "part": f.location.part, "basis": f.basis, "disposition": dispositions.get(f.id)}
        for f in report.findings if f.severity is Severity.BLOCK]
    return {
        "sha256": report.sha256, "verdict": report.verdict.value,
        "counts": [{"category": c, "kind": k, "severity": s, "count": n}
                   for (c, k, s), n in sorted(counts.items())],
        "block": block,
    }


def tool_info(screener: Any) -> dict[str, Any]:
    """Tool version, plugins and detectors of the screener that made the step's scan."""
    return {"version": screener.tool.version,
            "plugins": [p.to_dict() for p in screener.tool.plugins],
            "detectors": sorted(d.name for d in screener.registry.detectors)}


def scrub(value: Any) -> Any:
    """A copy of a JSON value without any ``text`` member (raw matched text never goes into a
    record, even if a sanitize result carried it)."""
    if isinstance(value, Mapping):
        return {k: scrub(v) for k, v in value.items() if k != "text"}
    if isinstance(value, list | tuple):
        return [scrub(v) for v in value]
    return value


def case_id(first_sha256: str, signed_at: str, nonce: str | None = None) -> str:
    """Case id of a new review: SHA-256 of the first subject's digest, the drafter's time and a
    random nonce (two reviews of one file in the same second are two cases); 20 hex digits."""
    nonce = secrets.token_hex(8) if nonce is None else nonce
    return hashlib.sha256(f"{first_sha256}|{signed_at}|{nonce}".encode()).hexdigest()[:20]


def make_statement(subjects: Sequence[Mapping[str, Any]], role: str,
                   predicate: Mapping[str, Any]) -> dict[str, Any]:
    return {"_type": STATEMENT_TYPE, "subject": [dict(s) for s in subjects],
            "predicateType": predicate_type(role), "predicate": dict(predicate)}


def dump(statement: Mapping[str, Any]) -> bytes:
    """The exact bytes that are signed: compact UTF-8 JSON with sorted keys."""
    return json.dumps(statement, ensure_ascii=False, sort_keys=True,
                      separators=(",", ":")).encode("utf-8")


def parse(payload: bytes) -> dict[str, Any]:
    """Parse and check the shape of a statement from VERIFIED payload bytes. RecordError if it is
    not a review statement of this tool."""
    try:
        st = json.loads(payload.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise RecordError("审查记录内容不是有效的 JSON", message_en="statement is not valid JSON"
                          ) from exc
    if not isinstance(st, dict) or st.get("_type") != STATEMENT_TYPE:
        raise RecordError("审查记录不是 in-toto Statement v1",
                          message_en="not an in-toto Statement v1")
    pred = st.get("predicate")
    role = pred.get("role") if isinstance(pred, dict) else None
    if role not in ROLES or st.get("predicateType") != predicate_type(role):
        raise RecordError("审查记录的类型或角色不对", message_en="wrong predicate type or role")
    subs = st.get("subject")
    if not isinstance(subs, list) or not subs:
        raise RecordError("审查记录没有被审查文件", message_en="statement has no subject")
    for s in subs:
        d = s.get("digest") if isinstance(s, dict) else None
        if not (isinstance(d, dict) and _hex(d.get("sha256"), 64) and _hex(d.get("sm3"), 64)):
            raise RecordError("审查记录中的文件摘要不完整（需要 SHA-256 和 SM3）",
                              message_en="subject without both sha256 and sm3 digests")
    if not isinstance(pred.get("caseId"), str) or not pred["caseId"]:
        raise RecordError("审查记录没有案件编号", message_en="statement has no caseId")
    return st


def peek_case_id(payload: bytes) -> str | None:
    """The caseId of an UNVERIFIED payload, for grouping only (never for a decision)."""
    try:
        return str(json.loads(payload.decode("utf-8"))["predicate"]["caseId"])
    except Exception:  # noqa: BLE001 - grouping only, never a decision
        return None


def subject_key(s: Mapping[str, Any]) -> tuple[str, str]:
    d = s["digest"]
    return d["sha256"], d["sm3"]


def _hex(value: Any, length: int) -> bool:
    return (isinstance(value, str) and len(value) == length
            and all(c in "0123456789abcdef" for c in value))
