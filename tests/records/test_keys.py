"""Key files: mode 0600 from creation, passphrase encryption, clear errors, public-key loading and
fingerprints."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import stat
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519

from screening.errors import SigningError
from screening.records import sm2
from screening.records.keys import (PrivateKey, PublicKey, key_file_info, load_private_key,
                                    load_public_key, new_key)

SCHEMES = ["sm2", "ed25519"]


@pytest.fixture
def umask_zero():
    """A permissive umask: the 0600 must come from os.open, not from the environment."""
    old = os.umask(0)
    yield
    os.umask(old)


@pytest.mark.parametrize("scheme", SCHEMES)
def test_new_key_writes_owner_only_private_key_and_public_pem(tmp_path, umask_zero, scheme,
                                                              monkeypatch):
    def no_chmod(*args, **kwargs):
        raise AssertionError("chmod after creation")

    monkeypatch.setattr(os, "chmod", no_chmod)
    monkeypatch.setattr(Path, "chmod", no_chmod)
    private, public = new_key("张三", tmp_path / "keys", scheme, passphrase=b"correct horse")
    assert (private.name, public.name) == ("张三.key", "张三.pub.pem")
    assert stat.S_IMODE(private.stat().st_mode) == 0o600
    pub = load_public_key(public)
    assert pub.scheme == scheme
    assert pub.fingerprint == "sha256:" + hashlib.sha256(pub.der).hexdigest()
    key = load_private_key(private, b"correct horse")
    assert key.scheme == scheme and key.public_key == pub
    assert pub.verify(b"data", key.sign(b"data"))
    assert not pub.verify(b"datA", key.sign(b"data"))


@pytest.mark.parametrize("scheme", SCHEMES)
def test_encrypted_file_holds_no_plain_key_material(tmp_path, scheme):
    private, _ = new_key("a", tmp_path, scheme, passphrase=b"pw")
    key = load_private_key(private, b"pw")
    raw = private.read_bytes()
    der = key.pkcs8_der()
    secret_bytes = der[-32:] if scheme == "ed25519" else sm2.parse_pkcs8(der).to_bytes(32, "big")
    for needle in (der, secret_bytes, base64.b64encode(der), secret_bytes.hex().encode()):
        assert needle not in raw
    doc = json.loads(raw)
    assert doc["encryption"]["kdf"] == "scrypt" and doc["encryption"]["cipher"] == "aes-256-gcm"


@pytest.mark.parametrize("scheme", SCHEMES)
def test_wrong_or_missing_passphrase_is_a_clear_signing_error(tmp_path, scheme):
    private, _ = new_key("a", tmp_path, scheme, passphrase=b"right")
    with pytest.raises(SigningError) as wrong:
        load_private_key(private, b"wrong")
    assert wrong.value.message.startswith("口令不正确")
    assert "wrong passphrase" in wrong.value.message_en
    with pytest.raises(SigningError) as missing:
        load_private_key(private)
    assert "有口令保护" in missing.value.message


def test_unencrypted_key_and_passphrase_rules(tmp_path):
    private, _ = new_key("plain", tmp_path, "sm2")
    assert json.loads(private.read_text())["encryption"] is None
    assert load_private_key(private).scheme == "sm2"
    with pytest.raises(SigningError, match="口令不能为空"):
        new_key("empty", tmp_path, "sm2", passphrase=b"")
    assert not (tmp_path / "empty.key").exists()


def test_swapped_public_part_is_detected(tmp_path):
    a, _ = new_key("a", tmp_path, "sm2")
    b, _ = new_key("b", tmp_path, "sm2", passphrase=b"pw")
    other = PrivateKey.generate("sm2").public_key
    for path, passphrase in ((a, None), (b, b"pw")):
        doc = json.loads(path.read_text())
        doc["public"] = other.pem
        doc["fingerprint"] = other.fingerprint
        path.write_text(json.dumps(doc))
        with pytest.raises(SigningError) as err:
            load_private_key(path, passphrase)
        # the plain file: public part does not match the key; the encrypted one: GCM tag fails
        assert err.value.message.startswith(("密钥文件已损坏", "口令不正确"))


def test_never_overwrites_and_checks_names(tmp_path):
    new_key("a", tmp_path, "ed25519")
    before = (tmp_path / "a.key").read_bytes()
    with pytest.raises(SigningError, match="不会覆盖"):
        new_key("a", tmp_path, "sm2")
    assert (tmp_path / "a.key").read_bytes() == before
    for bad in ("../x", "a/b", "", ".hidden", "a:b"):
        with pytest.raises(SigningError):
            new_key(bad, tmp_path, "sm2")
    with pytest.raises(SigningError, match="不支持的签名算法"):
        new_key("c", tmp_path, "rsa")


def test_load_public_key_from_text_bytes_and_path(tmp_path):
    key = PrivateKey.generate("sm2")
    path = tmp_path / "k.pub.pem"
    path.write_text(key.public_key.pem)
    for source in (key.public_key.pem, key.public_key.pem.encode(), path, str(path)):
        loaded = load_public_key(source)
        assert isinstance(loaded, PublicKey) and loaded == key.public_key
    assert load_public_key(key.public_key.pem).pem == key.public_key.pem
    assert {load_public_key(path), key.public_key} == {key.public_key}   # equal by fingerprint


def test_load_public_key_refuses_everything_else(tmp_path):
    private, _ = new_key("p", tmp_path, "sm2")
    with pytest.raises(SigningError, match="是私钥"):
        load_public_key(private)
    with pytest.raises(SigningError, match="找不到"):
        load_public_key(tmp_path / "missing.pem")
    p256 = ec.generate_private_key(ec.SECP256R1()).public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo).decode()
    with pytest.raises(SigningError, match="只支持 SM2 和 Ed25519"):
        load_public_key(p256)
    with pytest.raises(SigningError):
        load_public_key("-----BEGIN PUBLIC KEY-----\n!!!\n-----END PUBLIC KEY-----\n")
    off_curve = sm2.spki_der((sm2.SM2P256V1.gx, sm2.SM2P256V1.gy))[:-1] + b"\x00"
    pem = "-----BEGIN PUBLIC KEY-----\n" + base64.b64encode(off_curve).decode() + \
          "\n-----END PUBLIC KEY-----\n"
    with pytest.raises(SigningError, match="SM2 公钥无效"):
        load_public_key(pem)


def test_public_key_verify_never_raises():
    for scheme in SCHEMES:
        pub = PrivateKey.generate(scheme).public_key
        for junk in (b"", b"\x30\x00", b"x" * 64, b"x" * 200, "text", None):
            assert pub.verify(b"data", junk) is False


def test_pkcs8_pem_files_for_both_schemes(tmp_path):
    ed = ed25519.Ed25519PrivateKey.generate()
    enc = ed.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                           serialization.BestAvailableEncryption(b"pw"))
    (tmp_path / "ed.pem").write_bytes(enc)
    assert load_private_key(tmp_path / "ed.pem", b"pw").scheme == "ed25519"
    with pytest.raises(SigningError, match="口令不正确"):
        load_private_key(tmp_path / "ed.pem", b"nope")
    with pytest.raises(SigningError, match="有口令保护"):
        load_private_key(tmp_path / "ed.pem")
    sm = PrivateKey.generate("sm2")
    (tmp_path / "sm.pem").write_text(sm.to_pkcs8_pem())
    assert load_private_key(tmp_path / "sm.pem").public_key == sm.public_key
    (tmp_path / "pub.pem").write_text(sm.public_key.pem)
    with pytest.raises(SigningError, match="是公钥"):
        load_private_key(tmp_path / "pub.pem")
    (tmp_path / "junk.key").write_text("not a key")
    with pytest.raises(SigningError, match="不是可识别的私钥文件"):
        load_private_key(tmp_path / "junk.key")


def test_key_file_info_without_passphrase(tmp_path):
    private, public = new_key("张三", tmp_path, "sm2", passphrase=b"pw")
    fp = load_public_key(public).fingerprint
    assert key_file_info(private) == {"kind": "private", "scheme": "sm2", "fingerprint": fp,
                                      "encrypted": True, "name": "张三",
                                      "public": public.read_text()}
    info = key_file_info(public)
    assert (info["kind"], info["scheme"], info["fingerprint"]) == ("public", "sm2", fp)
