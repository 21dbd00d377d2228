"""verify_chain: a good chain, and each way a chain can be wrong (planted with append_step, which
skips record_step's checks, as a forger or a buggy client would)."""

from __future__ import annotations

import dataclasses
from datetime import datetime, timedelta

import pytest

from screening.records.chain import chains_for, latest_chain, verify_chain, verify_step
from screening.records.roster import CHINA, roster_add
from screening.records.settings import RecordsSettings
from tests.records.people import CLEAN, make_office, restate, write_doc


def codes(check) -> list[str]:
    return [r["code"] for r in check.reasons]


def check_of(office, doc):
    from screening.records.digests import digest_file
    return verify_chain(office.ledger, latest_chain(office.ledger, digest_file(doc).sha256),
                        office.settings)


def test_complete_chain(office, doc):
    d, lead, off = office.review(doc)
    check = check_of(office, doc)
    assert (check.ok, check.complete, check.allows_publication) == (True, True, True)
    assert (check.conclusion, check.case_id, check.roster_version) == ("公开", d.case_id, 4)
    assert [(s.role, s.name, s.seq) for s in check.steps] == \
        [("drafter", "张明", d.seq), ("leader", "李华", lead.seq), ("officer", "赵芳", off.seq)]
    assert check.reasons == [] and check.problems == []
    assert check.warnings == ["名册信任根未固定（未设置 [records] roster_admin）"]
    assert check.subject_allowed(check.subjects[0])
    summary = check.summary()
    assert summary["steps"][2]["envelopeSha256"] == off.digests.sha256
    assert summary["document"]["title"] == d.predicate["document"]["title"]


def test_unfinished_chain_is_ok_but_incomplete(office, doc):
    office.draft(doc)
    check = check_of(office, doc)
    assert (check.ok, check.complete, check.allows_publication) == (True, False, False)
    assert codes(check) == ["CHAIN_INCOMPLETE"]
    assert check.problems == ["审查未完成：缺少分管领导、信息公开审查人的签名步骤"]


def test_cases_grouped(office, doc, tmp_path):
    office.review(doc)
    office.draft(doc)  # a new review of the same file: a second case
    from screening.records.digests import digest_file
    sha = digest_file(doc).sha256
    groups = chains_for(office.ledger, sha)
    assert [len(g) for g in groups] == [3, 1]
    assert latest_chain(office.ledger, sha) == groups[1]
    assert chains_for(office.ledger, "0" * 64) == []


def test_missing_leader(office, doc):
    d = office.draft(doc)
    office.plant(restate(d, office.officer, role="officer", previous=d, conclusion="公开",
                         basis=[]), office.officer)
    check = check_of(office, doc)
    assert not check.ok and not check.allows_publication
    assert codes(check) == ["CHAIN_ORDER", "CHAIN_INCOMPLETE"]


def test_same_person_twice(office, doc):
    roster_add(office.ledger, office.admin.key, "李华", "officer", office.leader.key.public_key)
    d = office.draft(doc)
    lead = office.lead(doc)
    office.plant(restate(d, office.leader, role="officer", previous=lead, conclusion="公开"),
                 office.leader)
    assert codes(check_of(office, doc)) == ["SAME_PERSON"]


def test_broken_link(office, doc):
    d = office.draft(doc)
    lead = office.plant(restate(d, office.leader, role="leader", previous=d, approve=True),
                        office.leader)
    bad = restate(d, office.officer, role="officer", previous=lead, conclusion="公开")
    bad["predicate"]["previous"]["envelopeDigest"]["sm3"] = "0" * 64
    office.plant(bad, office.officer)
    assert codes(check_of(office, doc)) == ["CHAIN_BROKEN"]


def test_subjects_differ(office, doc, tmp_path):
    d = office.draft(doc)
    lead = restate(d, office.leader, role="leader", previous=d, approve=True)
    other = write_doc(tmp_path / "另一个.txt", CLEAN + "附件\n")
    from screening.records.digests import digest_file
    extra = digest_file(other)
    lead["subject"].append({"name": "另一个.txt", "digest": extra.to_dict(),
                            "annotations": {"rendition": "publish"}})
    office.plant(lead, office.leader)
    assert codes(check_of(office, doc)) == ["SUBJECTS_DIFFER", "CHAIN_INCOMPLETE"]


def test_actor_mismatch(office, doc):
    d = office.draft(doc)
    lead = restate(d, office.leader, role="leader", previous=d, approve=True)
    lead["predicate"]["actor"]["name"] = "赵芳"
    office.plant(lead, office.leader)
    assert codes(check_of(office, doc)) == ["ACTOR_MISMATCH", "CHAIN_INCOMPLETE"]


def test_role_not_granted(office, doc):
    d = office.draft(doc)
    office.plant(restate(d, office.drafter, role="leader", previous=d, approve=True),
                 office.drafter)
    check = check_of(office, doc)
    assert "ROLE_NOT_GRANTED" in codes(check) and not check.ok
    msg = next(r["message"] for r in check.reasons if r["code"] == "ROLE_NOT_GRANTED")
    assert "分管领导步骤" in msg and "由 张明 签名" in msg and "没有该角色的授权" in msg


def test_key_expired_at_ledger_time(tmp_path, screener, doc):
    now = [datetime(2026, 3, 1, 9, 0, tzinfo=CHINA)]
    office = make_office(tmp_path / "o", screener, clock=lambda: now[0])
    temp = office.add_person("周杰", "leader", valid_until="2026-03-31")
    d = office.draft(doc)
    now[0] = datetime(2026, 4, 1, 9, 0, tzinfo=CHINA)
    # record_step refuses; a planted step is caught by verify_chain at the ledger's time
    with pytest.raises(Exception, match="已过期"):
        office.lead(doc, member=temp)
    office.plant(restate(d, temp, role="leader", previous=d, approve=True), temp)
    assert codes(check_of(office, doc)) == ["KEY_NOT_VALID", "CHAIN_INCOMPLETE"]
    office.close()


def test_signer_self_asserted_time_is_ignored(tmp_path, screener, doc):
    now = [datetime(2026, 4, 1, 9, 0, tzinfo=CHINA)]
    office = make_office(tmp_path / "o", screener, clock=lambda: now[0])
    temp = office.add_person("周杰", "leader", valid_until="2026-03-31")
    d = office.draft(doc)
    backdated = restate(d, temp, role="leader", previous=d, approve=True,
                        signedAt=(now[0] - timedelta(days=30)).isoformat())
    office.plant(backdated, temp)
    assert "KEY_NOT_VALID" in codes(check_of(office, doc))
    office.close()


def test_forged_signature(office, doc):
    from screening.records.keys import PrivateKey
    from tests.records.people import Member
    d = office.draft(doc)
    outsider = Member("李华", "leader", doc, doc, PrivateKey.generate("sm2"))
    office.plant(restate(d, outsider, role="leader", previous=d, approve=True), outsider)
    check = check_of(office, doc)
    assert codes(check) == ["BAD_SIGNATURE", "CHAIN_INCOMPLETE"]
    assert "无法用名册（第 4 版）中的任何密钥验证" in check.problems[0]


def test_edited_row_detected(office, doc):
    d = office.draft(doc)
    entry = office.ledger.get(d.seq)
    edited = dataclasses.replace(entry, body=entry.body.replace(b'"payload":"', b'"payload":"e'))
    step, reasons, _ = verify_step(office.ledger, edited)
    assert step is None and [r["code"] for r in reasons] == ["LEDGER_TAMPERED"]


def test_pinned_trust_root(office, doc):
    office.review(doc)
    from screening.records.digests import digest_file
    entries = latest_chain(office.ledger, digest_file(doc).sha256)
    good = dataclasses.replace(office.settings, roster_admin=office.admin.fingerprint)
    check = verify_chain(office.ledger, entries, good)
    assert check.allows_publication and check.warnings == []
    bad = RecordsSettings(home=office.root, ledger_url=office.settings.ledger_url,
                          roster_admin="sha256:" + "1" * 64)
    assert codes(verify_chain(office.ledger, entries, bad)) == ["ROSTER_UNTRUSTED"]


def test_rejected_and_withheld(office, doc, tmp_path):
    office.draft(doc)
    office.lead(doc, approve=False)
    check = check_of(office, doc)
    assert check.ok and codes(check) == ["CHAIN_INCOMPLETE", "LEADER_REJECTED"]
    other = write_doc(tmp_path / "二.txt", CLEAN + "二\n")
    office.review(other, decision="不予公开", basis=["属于四类过程性信息"])
    check = check_of(office, other)
    assert check.ok and check.complete and not check.allows_publication
    assert codes(check) == ["CONCLUSION_DENIES"]
    assert not check.subject_allowed(check.subjects[0])
