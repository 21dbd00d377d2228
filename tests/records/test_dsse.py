"""DSSE: PAE byte-exact, the JSON form, and every pitfall of signing.md §1.6 that applies."""

from __future__ import annotations

import base64
import json

import pytest

from screening.errors import RecordError
from screening.records.digests import digest_bytes
from screening.records.dsse import (REVIEW_PAYLOAD_TYPE, ROSTER_PAYLOAD_TYPE, Envelope,
                                    add_signature, pae, sign_envelope, verified_keys,
                                    verify_envelope)
from screening.records.keys import PrivateKey

PAYLOAD = json.dumps({"_type": "https://in-toto.io/Statement/v1", "结论": "公开"},
                     ensure_ascii=False).encode()


@pytest.fixture(scope="module", params=["sm2", "ed25519"])
def keys(request):
    return PrivateKey.generate(request.param), PrivateKey.generate(request.param)


def test_pae_is_byte_exact():
    # the example of secure-systems-lab/dsse protocol.md
    assert pae("http://example.com/HelloWorld", b"hello world") == \
        b"DSSEv1 29 http://example.com/HelloWorld 11 hello world"
    assert pae("", b"") == b"DSSEv1 0  0 "
    # lengths are in bytes, not characters
    assert pae("类型", "正文".encode()) == b"DSSEv1 6 " + "类型".encode() + b" 6 " + "正文".encode()


def test_json_round_trip_is_compact_and_sorted(keys):
    a, _ = keys
    env = sign_envelope(PAYLOAD, REVIEW_PAYLOAD_TYPE, a)
    data = env.to_json()
    doc = json.loads(data)
    assert list(doc) == ["payload", "payloadType", "signatures"]
    assert b" " not in data and b"\n" not in data
    assert doc["signatures"][0]["keyid"] == a.public_key.fingerprint
    assert base64.b64decode(doc["payload"]) == PAYLOAD
    assert Envelope.from_json(data) == env
    assert Envelope.from_json(data).to_json() == data
    assert env.digests() == digest_bytes(data)


def test_url_safe_and_unpadded_base64_are_accepted(keys):
    a, _ = keys
    env = sign_envelope(b"\xfb\xff\xfe" * 7 + PAYLOAD, REVIEW_PAYLOAD_TYPE, a)
    doc = json.loads(env.to_json())
    std = doc["payload"]
    assert "+" in std or "/" in std
    doc["payload"] = base64.urlsafe_b64encode(env.payload).decode().rstrip("=")
    doc["signatures"][0]["sig"] = base64.urlsafe_b64encode(env.signatures[0][1]).decode()
    parsed = Envelope.from_json(json.dumps(doc))
    assert parsed == env
    assert verify_envelope(parsed, [a.public_key], REVIEW_PAYLOAD_TYPE) == env.payload


@pytest.mark.parametrize("text", [
    b"not json",
    b"[]",
    b'{"payload": "e30=", "payloadType": "t"}',                                   # no signatures
    b'{"payload": "e30=", "payloadType": "", "signatures": []}',                  # empty type
    b'{"payload": "e3!0", "payloadType": "t", "signatures": []}',                 # bad base64
    b'{"payload": "e30=", "payload": "e31=", "payloadType": "t", "signatures": []}',  # duplicate
    b'{"payload": "e30=", "payloadType": "t", "signatures": [], "extra": 1}',      # unknown field
    b'{"payload": "e30=", "payloadType": "t", "signatures": [{"keyid": "k"}]}',   # no sig
    b'{"payload": "e30=", "payloadType": "t", "signatures": [{"sig": 5}]}',
    b"\xff\xfe",
])
def test_malformed_envelopes_are_record_errors(text):
    with pytest.raises(RecordError) as err:
        Envelope.from_json(text)
    assert err.value.message == "签名记录（DSSE 信封）格式已损坏。"


def test_verify_returns_the_verified_payload(keys):
    a, _ = keys
    env = sign_envelope(PAYLOAD, REVIEW_PAYLOAD_TYPE, a)
    assert verify_envelope(env, [a.public_key], REVIEW_PAYLOAD_TYPE) == PAYLOAD


def test_altered_payload_is_rejected(keys):
    a, _ = keys
    env = sign_envelope(PAYLOAD, REVIEW_PAYLOAD_TYPE, a)
    altered = Envelope(PAYLOAD.replace("公开".encode(), "不予公开".encode()), env.payload_type,
                       env.signatures)
    with pytest.raises(RecordError, match="签名无效"):
        verify_envelope(altered, [a.public_key], REVIEW_PAYLOAD_TYPE)


def test_payload_type_is_authenticated_and_checked_after_the_signature(keys):
    a, b = keys
    roster = sign_envelope(PAYLOAD, ROSTER_PAYLOAD_TYPE, a)
    # a validly signed envelope of another type: rejected for its type
    with pytest.raises(RecordError, match="记录类型不符"):
        verify_envelope(roster, [a.public_key], REVIEW_PAYLOAD_TYPE)
    # relabelling the type breaks the signature (PAE covers it) — reported as a signature failure
    relabelled = Envelope(roster.payload, REVIEW_PAYLOAD_TYPE, roster.signatures)
    with pytest.raises(RecordError, match="签名无效"):
        verify_envelope(relabelled, [a.public_key], REVIEW_PAYLOAD_TYPE)
    # an untrusted signer with the wrong type: the signature failure comes first
    with pytest.raises(RecordError, match="签名无效"):
        verify_envelope(roster, [b.public_key], REVIEW_PAYLOAD_TYPE)


def test_duplicate_signature_does_not_meet_threshold_two(keys):
    a, b = keys
    env = sign_envelope(PAYLOAD, ROSTER_PAYLOAD_TYPE, a)
    doubled = Envelope(env.payload, env.payload_type, env.signatures * 2)
    with pytest.raises(RecordError, match="需要 2 把不同可信密钥的有效签名，只有 1 把"):
        verify_envelope(doubled, [a.public_key, b.public_key], ROSTER_PAYLOAD_TYPE, threshold=2)
    # two different signatures by the same key (fresh nonces) still count once
    twice = add_signature(env, a)
    if a.scheme == "sm2":
        assert twice.signatures[0][1] != twice.signatures[1][1]
    with pytest.raises(RecordError, match="只有 1 把"):
        verify_envelope(twice, [a.public_key, b.public_key], ROSTER_PAYLOAD_TYPE, threshold=2)
    # the same key listed twice among the trusted keys counts once as well
    with pytest.raises(RecordError, match="只有 1 把"):
        verify_envelope(twice, [a.public_key, a.public_key], ROSTER_PAYLOAD_TYPE, threshold=2)
    both = add_signature(env, b)
    assert verify_envelope(both, [a.public_key, b.public_key], ROSTER_PAYLOAD_TYPE,
                           threshold=2) == PAYLOAD
    assert verified_keys(both, [b.public_key, a.public_key]) == (a.public_key, b.public_key)


def test_keyid_is_only_a_hint(keys):
    a, b = keys
    env = sign_envelope(PAYLOAD, REVIEW_PAYLOAD_TYPE, a)
    sig = env.signatures[0][1]
    # signed by A, keyid claims B: with only B trusted, it fails
    claims_b = Envelope(env.payload, env.payload_type, ((b.public_key.fingerprint, sig),))
    with pytest.raises(RecordError, match="签名无效"):
        verify_envelope(claims_b, [b.public_key], REVIEW_PAYLOAD_TYPE)
    # with A trusted it verifies — as A, once, whatever the keyid says
    assert verified_keys(claims_b, [b.public_key, a.public_key]) == (a.public_key,)
    with pytest.raises(RecordError, match="只有 1 把"):
        verify_envelope(claims_b, [a.public_key, b.public_key], REVIEW_PAYLOAD_TYPE, threshold=2)
    # no keyid at all is fine
    anonymous = Envelope(env.payload, env.payload_type, (("", sig),))
    assert verify_envelope(anonymous, [b.public_key, a.public_key], REVIEW_PAYLOAD_TYPE) == PAYLOAD


def test_untrusted_key_and_no_signatures_fail(keys):
    a, b = keys
    env = sign_envelope(PAYLOAD, REVIEW_PAYLOAD_TYPE, a)
    with pytest.raises(RecordError, match="签名无效"):
        verify_envelope(env, [b.public_key], REVIEW_PAYLOAD_TYPE)
    with pytest.raises(RecordError, match="签名无效"):
        verify_envelope(env, [], REVIEW_PAYLOAD_TYPE)
    unsigned = Envelope(env.payload, env.payload_type, ())
    with pytest.raises(RecordError, match="签名无效"):
        verify_envelope(unsigned, [a.public_key], REVIEW_PAYLOAD_TYPE)
    with pytest.raises(ValueError):
        verify_envelope(env, [a.public_key], REVIEW_PAYLOAD_TYPE, threshold=0)


def test_mixed_schemes_count_as_different_keys():
    sm, ed = PrivateKey.generate("sm2"), PrivateKey.generate("ed25519")
    env = add_signature(sign_envelope(PAYLOAD, ROSTER_PAYLOAD_TYPE, sm), ed)
    assert verify_envelope(env, [ed.public_key, sm.public_key], ROSTER_PAYLOAD_TYPE,
                           threshold=2) == PAYLOAD
