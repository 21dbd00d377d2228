"""Test helpers for the review records: a county office with three people, their keys, a roster,
a ledger, and reviewed files. Used by the records and CLI tests (R3) and the record view / form /
archive tests (R4).

    office = make_office(tmp_path, screener)                 # SM2; scheme="ed25519" for Ed25519
    doc = write_doc(tmp_path / "通知.txt", CLEAN)
    steps = office.review(doc)                               # drafter → leader → officer, 公开
    office.ledger, office.settings, office.drafter.key_path …

Planted personal values (the test that greps stored files uses them) are in :data:`PLANTED`; the
people's names never occur in the documents.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from screening.records.chain import verify_step
from screening.records.keys import load_private_key, load_public_key, new_key
from screening.records.ledger import open_ledger
from screening.records.review import append_step, record_step
from screening.records.roster import roster_add, roster_init
from screening.records.settings import RecordsSettings, sqlite_url
from screening.records.statement import predicate_type


def resident_id(base17: str) -> str:
    """A GB 11643 number with its check digit."""
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    total = sum(int(c) * w for c, w in zip(base17, weights, strict=True))
    return base17 + "10X98765432"[total % 11]


#: Raw personal values planted in :data:`WITH_PII`; no stored file may contain them.
PLANTED = {"resident_id": resident_id("11010519491231002"), "mobile": "13912345678",
           "name": "王小明"}

TITLE = "关于做好春季防汛工作的通知"
DOC_NUMBER = "某县政办发〔2026〕3号"
CLEAN = f"{TITLE}\n各乡镇人民政府：\n请认真做好春季防汛准备工作，确保安全度汛。\n某县人民政府办公室\n"
WITH_PII = (f"{TITLE}\n各乡镇人民政府：\n请认真做好春季防汛准备工作。联系人：{PLANTED['name']}，"
            f"电话 {PLANTED['mobile']}，身份证号 {PLANTED['resident_id']}。\n某县人民政府办公室\n")
#: What a sanitized copy of WITH_PII looks like (until `screen sanitize` writes it).
SANITIZED = (f"{TITLE}\n各乡镇人民政府：\n请认真做好春季防汛准备工作。联系人：王**，"
             "电话 139****5678，身份证号 110105********002X。\n某县人民政府办公室\n")

NAMES = {"drafter": "张明", "leader": "李华", "officer": "赵芳"}


def write_doc(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@dataclass
class Member:
    """One person: name, role, key files and the loaded private key (a Signer)."""

    name: str
    role: str
    key_path: Path
    pub_path: Path
    key: Any

    @property
    def fingerprint(self) -> str:
        return self.key.public_key.fingerprint


def make_member(directory: Path, name: str, role: str, scheme: str = "sm2",
                file_stem: str | None = None) -> Member:
    """Key files for one person (no passphrase) in ``directory``."""
    key_path, pub_path = new_key(file_stem or f"{role}-{len(list(directory.glob('*.key')))}",
                                 directory, scheme=scheme)
    return Member(name, role, key_path, pub_path, load_private_key(key_path))


@dataclass
class Office:
    """A ledger with a roster (admin + drafter, leader, officer) and helpers to take steps."""

    root: Path
    scheme: str
    settings: RecordsSettings
    ledger: Any
    screener: Any
    admin: Member
    members: dict[str, Member] = field(default_factory=dict)

    @property
    def drafter(self) -> Member:
        return self.members["drafter"]

    @property
    def leader(self) -> Member:
        return self.members["leader"]

    @property
    def officer(self) -> Member:
        return self.members["officer"]

    def add_person(self, name: str, role: str, *, valid_from=None, valid_until=None) -> Member:
        """A new person with a new key, added to the roster with ``role``."""
        m = make_member(self.root / "keys", name, role, self.scheme)
        roster_add(self.ledger, self.admin.key, name, role, load_public_key(m.pub_path),
                   valid_from, valid_until)
        return m

    def step(self, role: str, files: Sequence[Path], *, member: Member | None = None,
             now: datetime | None = None, **fields: Any):
        m = member or self.members[role]
        return record_step(ledger=self.ledger, settings=self.settings, screener=self.screener,
                           role=role, signer=m.key, files=list(files), signer_name=m.name,
                           now=now, **fields)

    def draft(self, doc: Path, *, publish: Sequence[Path] = (), decision: str = "公开",
              basis: Sequence[str] = (), dispositions: Mapping[str, str] | None = None,
              member: Member | None = None, **fields: Any):
        fields.setdefault("title", TITLE)
        fields.setdefault("doc_number", DOC_NUMBER)
        fields.setdefault("classification", "非密")
        return self.step("drafter", [doc, *publish], member=member, decision=decision,
                         basis=basis, dispositions=dispositions or {}, **fields)

    def lead(self, doc: Path, *, approve: bool = True, member: Member | None = None, **fields):
        return self.step("leader", [doc], member=member, approve=approve, **fields)

    def conclude(self, doc: Path, *, conclusion: str = "公开", basis: Sequence[str] = (),
                 member: Member | None = None, **fields):
        return self.step("officer", [doc], member=member, decision=conclusion, basis=basis,
                         **fields)

    def review(self, doc: Path, *, publish: Sequence[Path] = (), decision: str = "公开",
               conclusion: str | None = None, basis: Sequence[str] = (),
               dispositions: Mapping[str, str] | None = None) -> list:
        """All three steps; returns the three StepViews."""
        d = self.draft(doc, publish=publish, decision=decision, basis=basis,
                       dispositions=dispositions)
        lead = self.lead(doc, opinion="同意")
        off = self.conclude(doc, conclusion=conclusion or decision, basis=basis,
                            opinion="经审查，同意")
        return [d, lead, off]

    def plant(self, statement: Mapping[str, Any], member: Member):
        """Sign and append a statement WITHOUT the checks of record_step (what a forger or a
        buggy client could put into the ledger); returns the verified StepView, or ``None`` when
        the entry does not verify on its own (a forged signature)."""
        entry = append_step(self.ledger, self.settings, member.key, statement)
        return verify_step(self.ledger, entry)[0]

    def close(self) -> None:
        self.ledger.close()


def restate(step, member: Member, *, role: str | None = None, previous=None,
            **changes: Any) -> dict:
    """A copy of ``step``'s statement re-attributed to ``member`` (actor name and fingerprint),
    optionally as another role, linked to ``previous`` (a StepView), with predicate changes."""
    statement = copy.deepcopy(step.statement)
    pred = statement["predicate"]
    if role is not None:
        pred["role"] = role
        statement["predicateType"] = predicate_type(role)
    pred["actor"] = {"name": member.name, "fingerprint": member.fingerprint,
                     "scheme": member.key.public_key.scheme}
    if previous is not None:
        pred["previous"] = {"step": previous.role, "seq": previous.seq,
                            "envelopeDigest": previous.digests.to_dict()}
    pred.update(changes)
    return statement


def make_office(root: Path, screener, *, scheme: str = "sm2",
                office_name: str = "某县人民政府办公室", names: Mapping[str, str] = NAMES,
                clock=None, ledger_url: str | None = None) -> Office:
    """Keys for an administrator and three people, a fresh ledger (SQLite under ``root``, or
    ``ledger_url``, e.g. a PostgreSQL test database), and a roster giving each person one
    role."""
    keys = root / "keys"
    keys.mkdir(parents=True, exist_ok=True)
    settings = RecordsSettings(home=root,
                               ledger_url=ledger_url or sqlite_url(root / "ledger.sqlite"))
    ledger = open_ledger(settings, clock=clock)
    admin = make_member(keys, "管理员", "admin", scheme, file_stem="admin")
    roster_init(ledger, admin.key, office_name)
    office = Office(root, scheme, settings, ledger, screener, admin)
    for role, name in names.items():
        m = make_member(keys, name, role, scheme, file_stem=role)
        roster_add(ledger, admin.key, name, role, load_public_key(m.pub_path))
        office.members[role] = m
    return office
