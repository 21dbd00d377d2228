"""Signed checkpoints: the C2SP signed-note text, parsing, signature checks, cosigning, and
make_checkpoint refusing to sign a tampered ledger."""

from __future__ import annotations

import base64
import hashlib

import pytest

from screening.errors import RecordError
from screening.records.checkpoint import (cosign_checkpoint, make_checkpoint, meta_hash,
                                          parse_checkpoint, verify_checkpoint)
from screening.records.ledger import open_ledger
from screening.records.merkle import root
from tests.records.ledger_build import TestSigner, drop_guards, ledger_target, pg_url, sql  # noqa: F401

ORIGIN = "某县人民政府办公室 screening ledger"


def filled(url: str, n: int = 5):
    ledger = open_ledger(url)
    for i in range(n):
        ledger.append("review", f'{{"step":{i}}}'.encode(), [hashlib.sha256(bytes([i])).hexdigest()])
    return ledger


def test_checkpoint_text_is_a_signed_note_over_the_entries(ledger_target):
    signer = TestSigner()
    with filled(ledger_target) as ledger:
        entries = list(ledger.entries())
        cp = make_checkpoint(ledger, signer, ORIGIN)
        stored = ledger.get(6)
    expected_root = root([bytes.fromhex(e.leaf_hash) for e in entries])
    lines = cp.text.split("\n")
    assert lines[:5] == [ORIGIN, "5", base64.b64encode(expected_root).decode(),
                         "meta " + base64.b64encode(meta_hash(entries)).decode(), ""]
    assert lines[5].startswith("\u2014 " + signer.public_key.fingerprint + " ")
    assert lines[6:] == [""]
    blob = base64.b64decode(lines[5].split(" ")[2])
    assert blob[:4] == bytes.fromhex(signer.public_key.fingerprint[7:15])
    body = "\n".join(lines[:4]) + "\n"
    assert signer.public_key.verify(body.encode(), blob[4:])
    assert (cp.origin, cp.size, cp.root) == (ORIGIN, 5, expected_root)
    assert cp.signer_fingerprints == (signer.public_key.fingerprint,)
    assert stored.kind == "checkpoint" and stored.body == cp.text.encode()
    assert parse_checkpoint(cp.text) == cp


def test_verify_checkpoint_needs_the_right_key_and_the_unedited_text(tmp_path):
    signer, other = TestSigner(), TestSigner()
    with filled(str(tmp_path / "l.sqlite")) as ledger:
        cp = make_checkpoint(ledger, signer, ORIGIN)
    assert verify_checkpoint(cp, [other.public_key, signer.public_key])
    assert not verify_checkpoint(cp, [other.public_key])
    assert not verify_checkpoint(cp, [])
    edited = cp.text.replace(f"{ORIGIN}\n5\n", f"{ORIGIN}\n4\n")
    assert not verify_checkpoint(parse_checkpoint(edited), [signer.public_key])
    fake = parse_checkpoint(cp.text.replace(signer.public_key.fingerprint, other.public_key.fingerprint))
    assert not verify_checkpoint(fake, [other.public_key, signer.public_key])   # hint no longer fits
    assert fake.signer_fingerprints == ()


def test_an_empty_ledger_can_be_checkpointed(tmp_path):
    with open_ledger(str(tmp_path / "l.sqlite")) as ledger:
        cp = make_checkpoint(ledger, TestSigner(), "screening ledger")
        assert cp.size == 0 and cp.root == hashlib.sha256(b"").digest()
        assert ledger.size() == 1


def test_cosigning_adds_a_second_signature_line(tmp_path):
    leader, officer = TestSigner(), TestSigner()
    with filled(str(tmp_path / "l.sqlite")) as ledger:
        cp = make_checkpoint(ledger, leader, ORIGIN)
    both = cosign_checkpoint(cp, officer)
    assert both.signer_fingerprints == (leader.public_key.fingerprint, officer.public_key.fingerprint)
    assert verify_checkpoint(both, [officer.public_key])
    assert verify_checkpoint(both, [leader.public_key])
    assert cosign_checkpoint(both, officer) == both


@pytest.mark.parametrize(("text", "words"), [
    ("origin\n5\n" + base64.b64encode(bytes(32)).decode() + "\n", "空行"),
    ("origin\n05\n" + base64.b64encode(bytes(32)).decode() + "\n\n\u2014 a b\n", "十进制"),
    ("origin\n-1\n" + base64.b64encode(bytes(32)).decode() + "\n\n\u2014 a b\n", "十进制"),
    ("origin\n5\n" + base64.b64encode(bytes(31)).decode() + "\n\n\u2014 a b\n", "32 字节"),
    ("origin\n5\n" + base64.b64encode(bytes(32)).decode() + "\n\n", "没有签名行"),
    ("origin\n5\n" + base64.b64encode(bytes(32)).decode() + "\n\n- a b\n", "不是以"),
    ("origin\n5\n\n\u2014 a b\n", "三行"),
    ("origin\n5\n" + base64.b64encode(bytes(32)).decode() + "\nmeta !!\n\n\u2014 a b\n", "meta"),
])
def test_malformed_notes_are_refused(text, words):
    with pytest.raises(RecordError) as err:
        parse_checkpoint(text)
    assert words in err.value.message


def test_an_origin_must_be_one_line(tmp_path):
    with filled(str(tmp_path / "l.sqlite")) as ledger:
        with pytest.raises(RecordError, match="origin"):
            make_checkpoint(ledger, TestSigner(), "two\nlines")


def test_a_tampered_ledger_is_not_signed(ledger_target):
    with filled(ledger_target) as ledger:
        size = ledger.size()
    sql(ledger_target, *drop_guards(ledger_target),
        "UPDATE entries SET kind = 'gate' WHERE seq = 2",
        "UPDATE entries SET leaf_hash = chain_hash WHERE seq = 3")
    with open_ledger(ledger_target) as ledger:
        with pytest.raises(RecordError) as err:
            make_checkpoint(ledger, TestSigner(), ORIGIN)
        assert "第 3 条记录的哈希不符（记录被改动）" in err.value.message
        assert ledger.size() == size


def test_an_append_while_signing_is_signed_again(tmp_path):
    url = str(tmp_path / "l.sqlite")
    ledger = filled(url)
    intruder = open_ledger(url)

    class BusySigner(TestSigner):
        calls = 0

        def sign(self, data: bytes) -> bytes:
            BusySigner.calls += 1
            if BusySigner.calls == 1:
                intruder.append("gate", b"meanwhile")          # another process appends
            return super().sign(data)

    cp = make_checkpoint(ledger, BusySigner(), ORIGIN)
    assert BusySigner.calls == 2
    assert cp.size == 6 and ledger.size() == 7
    assert ledger.get(7).body == cp.text.encode()
    ledger.close()
    intruder.close()


def test_sm2_signed_checkpoint(tmp_path):
    keys = pytest.importorskip("screening.records.keys")

    class SM2Signer:
        def __init__(self) -> None:
            self._key = keys.PrivateKey.generate("sm2")
            self.scheme = "sm2"
            self.public_key = self._key.public_key

        def sign(self, data: bytes) -> bytes:
            return self._key.sign(data)

    signer = SM2Signer()
    with filled(str(tmp_path / "l.sqlite")) as ledger:
        cp = make_checkpoint(ledger, signer, ORIGIN)
    assert verify_checkpoint(cp, [signer.public_key])
    assert not verify_checkpoint(parse_checkpoint(cp.text.replace("\n5\n", "\n6\n")), [signer.public_key])
