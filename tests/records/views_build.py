"""Synthetic verified chains for the view and form tests: StepViews whose statements have the
exact shape records/statement.py and records/review.py produce (no signing needed to render)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

from screening.model import Severity
from screening.records.chain import ChainCheck, StepView
from screening.records.checkpoint import make_checkpoint
from screening.records.digests import Digests
from screening.records.gate import decide

from .people import CLEAN, SANITIZED, WITH_PII, Office, make_office, write_doc

SHA = "a" * 64
SM3 = "b" * 64
SAN_SHA, SAN_SM3 = "c" * 64, "d" * 64
FP = {"drafter": "sha256:" + "1" * 64, "leader": "sha256:" + "2" * 64,
      "officer": "sha256:" + "3" * 64}
NAMES = {"drafter": "李拟稿", "leader": "赵领导", "officer": "王审查"}
SUBJECTS = [
    {"name": "通知.docx", "digest": {"sha256": SHA, "sm3": SM3},
     "annotations": {"rendition": "reviewed"}},
    {"name": "通知-脱敏.docx", "digest": {"sha256": SAN_SHA, "sm3": SAN_SM3},
     "annotations": {"rendition": "publish"}},
]
FINDINGS = [{
    "sha256": SHA, "verdict": "block",
    "counts": [{"category": "personal_data", "kind": "mobile_phone", "severity": "block",
                "count": 1},
               {"category": "personal_data", "kind": "person_name", "severity": "review",
                "count": 2}],
    "block": [{"id": "f1", "category": "personal_data", "kind": "mobile_phone",
               "masked": "138****5678", "part": "body", "basis": "保护第三方合法权益",
               "disposition": "已脱敏"}],
}]


def step(role: str, seq: int, predicate: dict) -> StepView:
    base = {"caseId": "case-2026-0001", "role": role,
            "document": {"title": "关于某某事项的通知", "docNumber": "某府办发〔2026〕12号",
                         "summary": None},
            "actor": {"name": NAMES[role], "fingerprint": FP[role], "scheme": "sm2"},
            "opinion": None, "findings": FINDINGS, "tool": {"version": "0.9.0"},
            "previous": None, "signedAt": "2026-03-02T09:00:00+08:00", "rosterVersion": 2}
    base.update(predicate)
    statement = {"_type": "https://in-toto.io/Statement/v1", "subject": SUBJECTS,
                 "predicateType": f"urn:screening:review:{role}:v1", "predicate": base}
    digit = str(seq % 10)
    return StepView(role=role, name=NAMES[role], fingerprint=FP[role], seq=seq,
                    recorded_at=f"2026-03-0{seq % 9 + 1}T10:00:00.000000+08:00",
                    envelope=None, statement=statement,
                    digests=Digests(sha256=digit * 64, sm3=("e" + digit) * 32))


def synthetic_check(*, roles=("drafter", "leader", "officer"), conclusion="部分公开",
                    ok=True) -> ChainCheck:
    predicates = {
        "drafter": {"classification": "非密", "decision": "部分公开",
                    "basis": ["保护第三方合法权益"], "opinion": "删去个人手机号后公开"},
        "leader": {"approve": True, "opinion": "同意"},
        "officer": {"conclusion": conclusion, "basis": ["保护第三方合法权益"],
                    "opinion": "涉及个人信息的部分不予公开"},
    }
    steps = [step(role, seq, predicates[role]) for seq, role in zip((4, 6, 8), roles)]
    complete = ok and list(roles) == ["drafter", "leader", "officer"]
    problems = [] if ok else ["第 6 条记录的签名无效"]
    return ChainCheck(ok=ok, problems=problems, steps=steps, complete=complete,
                      conclusion=conclusion if "officer" in roles else None,
                      subjects=list(SUBJECTS),
                      allows_publication=complete and conclusion in ("公开", "部分公开"),
                      case_id="case-2026-0001", roster_version=2)


# ---------------------------------------------------------------------------------------------
# a real office whose ledger spans two years (for the archive, view and command tests)

CHINA = timezone(timedelta(hours=8))


class Clock:
    """A ledger clock the test moves; each call advances one second."""

    def __init__(self, moment: datetime):
        self.moment = moment

    def set(self, moment: datetime) -> None:
        self.moment = moment

    def __call__(self) -> datetime:
        self.moment += timedelta(seconds=1)
        return self.moment


@dataclass
class TwoYears:
    """Roster and doc A reviewed in December 2025; doc B drafted in 2025 and finished in 2026;
    doc C (personal data planted) partly disclosed in 2026 with a sanitized copy that passed
    the gate; one gate denial of an unreviewed file."""

    office: Office
    clock: Clock
    doc_a: Path
    doc_b: Path
    doc_c: Path
    sanitized: Path
    unreviewed: Path


def two_years(root: Path, screener) -> TwoYears:
    clock = Clock(datetime(2025, 12, 30, 9, 0, tzinfo=CHINA))
    office = make_office(root, screener, clock=clock)
    docs = root / "docs"
    doc_a = write_doc(docs / "通知A.txt", CLEAN)
    doc_b = write_doc(docs / "通知B.txt", CLEAN.replace("春季", "夏季"))
    doc_c = write_doc(docs / "通知C.txt", WITH_PII)
    sanitized = write_doc(docs / "通知C-脱敏.txt", SANITIZED)
    unreviewed = write_doc(docs / "未审.txt", CLEAN.replace("春季", "秋季"))
    office.review(doc_a)
    office.draft(doc_b)
    clock.set(datetime(2026, 1, 5, 9, 0, tzinfo=CHINA))
    office.lead(doc_b, opinion="同意")
    office.conclude(doc_b, conclusion="公开", opinion="同意公开")
    report = screener.scan(doc_c)
    dispositions = {f.id: "已脱敏" for f in report.findings if f.severity is Severity.BLOCK}
    assert dispositions, "the planted values must give block findings"
    office.review(doc_c, publish=[sanitized], decision="部分公开", basis=["保护第三方合法权益"],
                  dispositions=dispositions)
    for path in (sanitized, unreviewed):
        decide(path, screener=screener, ledger=office.ledger, settings=office.settings)
    make_checkpoint(office.ledger, office.officer.key, office.settings.origin)
    return TwoYears(office, clock, doc_a, doc_b, doc_c, sanitized, unreviewed)
