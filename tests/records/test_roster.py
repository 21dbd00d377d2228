"""The roster: versions signed by the previous version's admin, grants judged at a given time,
revocations, and rows that do not verify are ignored."""

from __future__ import annotations

import json
from datetime import datetime

import pytest

from screening.errors import RecordError
from screening.records.dsse import ROSTER_PAYLOAD_TYPE, Envelope, sign_envelope
from screening.records.keys import PrivateKey
from screening.records.ledger import open_ledger
from screening.records.roster import (CHINA, checkpoint_keys, current_roster, key_state,
                                      parse_time, roster_add, roster_at, roster_init,
                                      roster_revoke)


@pytest.fixture
def ledger(tmp_path):
    with open_ledger(tmp_path / "ledger.sqlite") as led:
        yield led


@pytest.fixture(scope="module")
def admin():
    return PrivateKey.generate("ed25519")


@pytest.fixture(scope="module")
def alice():
    return PrivateKey.generate("sm2")


def at(text: str) -> datetime:
    return parse_time(text)


def test_no_roster_yet(ledger):
    with pytest.raises(RecordError, match="名册尚未建立"):
        current_roster(ledger)


def test_init_is_self_signed_and_once(ledger, admin):
    r = roster_init(ledger, admin, "某县人民政府办公室")
    assert (r.version, r.office, r.people) == (1, "某县人民政府办公室", ())
    assert r.root_fingerprints == (admin.public_key.fingerprint,)
    assert [k.fingerprint for k in r.admin] == [admin.public_key.fingerprint]
    assert ledger.get(r.entry_seq).kind == "roster"
    with pytest.raises(RecordError, match="已经建立"):
        roster_init(ledger, admin, "又一个")


def test_add_grants_role_at_time(ledger, admin, alice):
    roster_init(ledger, admin, "某县")
    fp = alice.public_key.fingerprint
    r = roster_add(ledger, admin, "张明", "drafter", alice.public_key,
                   valid_from="2026-01-01", valid_until="2026-06-30")
    assert r.version == 2
    assert r.grant("张明", "drafter", fp, at("2026-03-01T10:00:00+08:00")) == (True, "")
    assert r.grant("张明", "leader", fp, at("2026-03-01")) == (False, "没有该角色")
    assert r.grant("李华", "drafter", fp, at("2026-03-01")) == (False, "不在名册")
    assert r.grant("张明", "drafter", "sha256:" + "0" * 64, at("2026-03-01")) == \
        (False, "密钥不属于此人")
    assert r.grant("张明", "drafter", fp, at("2025-12-31T23:59:59+08:00")) == (False, "尚未生效")
    # valid_until is inclusive: the whole last day
    assert r.grant("张明", "drafter", fp, at("2026-06-30T23:59:00+08:00")) == (True, "")
    assert r.grant("张明", "drafter", fp, at("2026-07-01T00:00:00+08:00")) == (False, "已过期")


def test_second_role_and_key_not_shared(ledger, admin, alice):
    roster_init(ledger, admin, "某县")
    roster_add(ledger, admin, "张明", "drafter", alice.public_key)
    r = roster_add(ledger, admin, "张明", "officer", alice.public_key)
    assert r.person("张明").roles == ("drafter", "officer")
    assert len(r.person("张明").keys) == 1
    with pytest.raises(RecordError, match="已属于 张明"):
        roster_add(ledger, admin, "李华", "leader", alice.public_key)


def test_only_admin_may_change(ledger, admin, alice):
    roster_init(ledger, admin, "某县")
    with pytest.raises(RecordError, match="不是名册管理员"):
        roster_add(ledger, alice, "张明", "drafter", alice.public_key)
    assert current_roster(ledger).version == 1


def test_unknown_role_refused(ledger, admin, alice):
    roster_init(ledger, admin, "某县")
    with pytest.raises(RecordError, match="未知的角色"):
        roster_add(ledger, admin, "张明", "boss", alice.public_key)


def test_revoke_from_time_even_if_recorded_later(ledger, admin, alice):
    roster_init(ledger, admin, "某县")
    r2 = roster_add(ledger, admin, "张明", "drafter", alice.public_key)
    fp = alice.public_key.fingerprint
    r3 = roster_revoke(ledger, admin, "张明", reason="U盾丢失", at="2026-03-01T12:00:00+08:00")
    key = r3.person("张明").keys[0]
    assert (key.revoked_at, key.revoked_reason) == ("2026-03-01T12:00:00+08:00", "U盾丢失")
    # the version in force before the revocation still says yes; key_state applies it
    assert r2.grant("张明", "drafter", fp, at("2026-03-02"))[0]
    assert key_state(ledger, r2, "张明", "drafter", fp, at("2026-03-02")) == (False, "已吊销")
    assert key_state(ledger, r2, "张明", "drafter", fp, at("2026-03-01T11:59:00+08:00")) == \
        (True, "")
    with pytest.raises(RecordError, match="没有可吊销"):
        roster_revoke(ledger, admin, "张明")
    with pytest.raises(RecordError, match="名册中没有"):
        roster_revoke(ledger, admin, "无此人")


def test_roster_at_position(ledger, admin, alice):
    r1 = roster_init(ledger, admin, "某县")
    r2 = roster_add(ledger, admin, "张明", "drafter", alice.public_key)
    assert roster_at(ledger, r2.entry_seq).version == 1
    assert roster_at(ledger, r2.entry_seq + 1).version == 2
    with pytest.raises(RecordError):
        roster_at(ledger, r1.entry_seq)


def _append_roster(ledger, signer, data) -> None:
    payload = json.dumps(data, ensure_ascii=False).encode()
    ledger.append("roster", sign_envelope(payload, ROSTER_PAYLOAD_TYPE, signer).to_json())


def test_row_signed_by_outsider_is_ignored(ledger, admin, alice):
    roster_init(ledger, admin, "某县")
    r2 = roster_add(ledger, admin, "张明", "drafter", alice.public_key)
    # an outsider appends version 3 making themselves admin and officer, signed by their own key
    outsider = PrivateKey.generate("ed25519")
    forged = r2.to_dict() | {"version": 3}
    forged["admin"] = [{"scheme": "ed25519", "public": outsider.public_key.pem,
                        "fingerprint": outsider.public_key.fingerprint}]
    _append_roster(ledger, outsider, forged)
    cur = current_roster(ledger)
    assert cur.version == 2
    assert cur.problems and "已忽略" in cur.problems[0]
    # an altered copy of a genuine version (payload changed, old signature kept) is ignored too
    env = Envelope.from_json(ledger.get(r2.entry_seq).body)
    data = json.loads(env.payload) | {"version": 3, "office": "伪造"}
    tampered = Envelope(payload=json.dumps(data).encode(), payload_type=env.payload_type,
                        signatures=env.signatures)
    ledger.append("roster", tampered.to_json())
    assert current_roster(ledger).office == "某县"


def test_version_must_follow(ledger, admin):
    r1 = roster_init(ledger, admin, "某县")
    _append_roster(ledger, admin, r1.to_dict() | {"version": 5})
    assert current_roster(ledger).version == 1


def test_checkpoint_keys_are_valid_people_and_admin(ledger, admin, alice):
    roster_init(ledger, admin, "某县")
    roster_add(ledger, admin, "张明", "drafter", alice.public_key)
    entry = ledger.append("gate", b"{}")
    keys = checkpoint_keys(ledger)(None, entry)
    assert {k.fingerprint for k in keys} == {admin.public_key.fingerprint,
                                            alice.public_key.fingerprint}
    roster_revoke(ledger, admin, "张明", at=datetime(2000, 1, 1, tzinfo=CHINA))
    entry = ledger.append("gate", b"{}")
    assert {k.fingerprint for k in checkpoint_keys(ledger)(None, entry)} == \
        {admin.public_key.fingerprint}


def test_bad_time_refused():
    with pytest.raises(RecordError, match="时间格式不对"):
        parse_time("明天")
