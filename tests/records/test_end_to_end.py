"""The issue's "Must show": three people (SM2, and again Ed25519) — keys, roster, three steps; the
gate allows the reviewed file and its sanitized rendition and denies an unreviewed file, a file
changed after review, a step signed without the role or with a revoked key, a forged or altered
envelope, a chain missing the leader and a 不予公开 conclusion. Nothing stored holds a raw
personal value."""

from __future__ import annotations

import base64
import json

import pytest

from screening.records.dsse import Envelope
from screening.records.gate import decide
from screening.records.roster import roster_revoke
from tests.records.people import (CLEAN, PLANTED, SANITIZED, WITH_PII, make_office, restate,
                                  write_doc)
from tests.records.pg import pg_url  # noqa: F401


def codes(decision) -> list[str]:
    return [r["code"] for r in decision.reasons]


@pytest.mark.parametrize("scheme", ["sm2", "ed25519"])
def test_must_show(tmp_path, screener, scheme):
    office = make_office(tmp_path / "office", screener, scheme=scheme)
    docs = tmp_path / "docs"

    def gate(path):
        return decide(path, screener=screener, ledger=office.ledger, settings=office.settings)

    # 1. a clean notice and a second rendition of it, published as they are (公开)
    notice = write_doc(docs / "通知.txt", CLEAN)
    web = write_doc(docs / "通知-网站版.txt", CLEAN + "（网站发布版）\n")
    office.review(notice, publish=[web])
    assert gate(notice).allow and gate(web).allow

    # 2. a list with personal data: 部分公开, the sanitized copy goes out, the original does not
    roll = write_doc(docs / "名单.txt", WITH_PII)
    clean_roll = write_doc(docs / "名单-脱敏.txt", SANITIZED)
    disp = {f.id: "已脱敏" for f in screener.scan(roll).findings if f.severity.value == "block"}
    office.review(roll, publish=[clean_roll], decision="部分公开", basis=["保护第三方合法权益"],
                  dispositions=disp)
    assert gate(clean_roll).allow
    assert codes(gate(roll))[0] == "CONCLUSION_DENIES"

    # 3. an unreviewed file
    assert codes(gate(write_doc(docs / "未审.txt", CLEAN + "未审\n"))) == ["NO_VALID_RECORD"]

    # 4. a file changed after review (one byte)
    changed = write_doc(docs / "改动.txt", CLEAN + "改动\n")
    office.review(changed)
    assert gate(changed).allow
    changed.write_bytes(changed.read_bytes().replace("改动".encode(), "改過".encode()))
    assert codes(gate(changed)) == ["FILE_CHANGED"]

    # 5. a step signed by someone without that role (the drafter signs as leader)
    no_role = write_doc(docs / "越权.txt", CLEAN + "越权\n")
    d = office.draft(no_role)
    lead = office.plant(restate(d, office.drafter, role="leader", previous=d, approve=True),
                        office.drafter)
    office.plant(restate(d, office.officer, role="officer", previous=lead, conclusion="公开"),
                 office.officer)
    assert "ROLE_NOT_GRANTED" in codes(gate(no_role))

    # 6. a step signed with a revoked key; what the key signed before stays valid
    roster_revoke(office.ledger, office.admin.key, office.leader.name, reason="U盾丢失")
    assert gate(notice).allow
    revoked = write_doc(docs / "吊销.txt", CLEAN + "吊销\n")
    d = office.draft(revoked)
    with pytest.raises(Exception, match="已吊销"):
        office.lead(revoked)
    lead = office.plant(restate(d, office.leader, role="leader", previous=d, approve=True),
                        office.leader)
    office.plant(restate(d, office.officer, role="officer", previous=lead, conclusion="公开"),
                 office.officer)
    assert codes(gate(revoked)) == ["KEY_REVOKED"]
    new_leader = office.add_person("钱伟", "leader")

    # 7. a forged record made in a second ledger (its own roster with look-alike people) and
    #    inserted into the real one
    forged = write_doc(docs / "伪造.txt", CLEAN + "伪造\n")
    other = make_office(tmp_path / "attacker", screener, scheme=scheme)
    other.review(forged)
    assert decide(forged, screener=screener, ledger=other.ledger,
                  settings=other.settings).allow
    for e in other.ledger.entries(kind="review"):
        office.ledger.append("review", e.body, e.digests)
    other.close()
    dec = gate(forged)
    assert not dec.allow and codes(dec)[0] == "BAD_SIGNATURE"

    # 8. 不予公开, then an altered copy of the officer's envelope saying 公开 appended
    withheld = write_doc(docs / "不公开.txt", CLEAN + "第八件\n")
    d = office.draft(withheld, decision="不予公开", basis=["属于四类过程性信息"])
    office.lead(withheld, member=new_leader)
    off = office.conclude(withheld, conclusion="不予公开", basis=["属于四类过程性信息"])
    assert codes(gate(withheld)) == ["CONCLUSION_DENIES"]
    env = Envelope.from_json(office.ledger.get(off.seq).body)
    statement = json.loads(env.payload)
    statement["predicate"]["conclusion"] = "公开"
    tampered = Envelope(payload=json.dumps(statement, ensure_ascii=False).encode(),
                        payload_type=env.payload_type, signatures=env.signatures)
    office.ledger.append("review", tampered.to_json(), [s["digest"]["sha256"]
                                                        for s in statement["subject"]])
    dec = gate(withheld)
    assert not dec.allow and "BAD_SIGNATURE" in codes(dec)

    # 9. a chain missing the leader
    no_leader = write_doc(docs / "缺领导.txt", CLEAN + "缺领导\n")
    d = office.draft(no_leader)
    office.plant(restate(d, office.officer, role="officer", previous=d, conclusion="公开"),
                 office.officer)
    assert codes(gate(no_leader)) == ["CHAIN_ORDER", "CHAIN_INCOMPLETE"]

    # 10. nothing stored holds a raw personal value: ledger files, envelopes, gate decisions
    office.close()
    stored = b"".join(p.read_bytes() for p in (tmp_path / "office").glob("ledger.sqlite*"))
    assert stored
    from screening.records.ledger import open_ledger
    with open_ledger(office.settings) as led:
        texts = [e.body.decode("utf-8") for e in led.entries()]
        payloads = [base64.b64decode(json.loads(e.body)["payload"]).decode("utf-8")
                    for e in led.entries(kind="review")]
    assert any("110105********002X" in p for p in payloads)  # the masked value is recorded
    for value in PLANTED.values():
        assert value.encode() not in stored, value
        assert not any(value in t for t in texts + payloads), value


def test_on_postgresql(tmp_path, screener, pg_url):  # noqa: F811
    """The same records on a PostgreSQL ledger: allow, a changed file, a forged step."""
    office = make_office(tmp_path / "office", screener, ledger_url=pg_url)
    try:
        doc = write_doc(tmp_path / "通知.txt", CLEAN)
        d = office.review(doc)[0]

        def gate(path):
            return decide(path, screener=screener, ledger=office.ledger,
                          settings=office.settings)

        assert gate(doc).allow
        other = write_doc(tmp_path / "缺领导.txt", CLEAN + "缺领导\n")
        d = office.draft(other)
        office.plant(restate(d, office.officer, role="officer", previous=d, conclusion="公开"),
                     office.officer)
        assert codes(gate(other)) == ["CHAIN_ORDER", "CHAIN_INCOMPLETE"]
        doc.write_text(CLEAN + "改\n", encoding="utf-8")
        assert codes(gate(doc)) == ["FILE_CHANGED"]
        assert [e.kind for e in office.ledger.entries(kind="gate")] == ["gate"] * 3
    finally:
        office.close()
