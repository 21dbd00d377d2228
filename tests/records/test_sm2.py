"""SM2-with-SM3: the published known-answer examples, the nonce source, the retry conditions,
strict DER, range and curve checks, and interoperability with snowland-smx and the openssl CLI."""

from __future__ import annotations

import secrets
import shutil
import subprocess

import pytest

from screening.records import sm2
from screening.records.keys import PrivateKey, load_private_key, load_public_key

C = sm2.SM2P256V1
G = (C.gx, C.gy)

# GM/T 0003.5-2012 / GB/T 32918.5-2017 Annex A: signature example on the recommended curve,
# user ID = the GM/T 0009 default 1234567812345678, message "message digest".
KAT_D = 0x3945208F7B2144B13F36E38AC6D39F95889393692860B51A42FB81EF4DF7C5B8
KAT_X = 0x09F9DF311E5421A150DD7D161E4BC5C672179FAD1833FC076BB08FF356F35020
KAT_Y = 0xCCEA490CE26775A52DC6EA718CC1AA600AED05FBF35E084A6632F6072DA9AD13
KAT_K = 0x59276E27D506861A16680F3AD9C02DCCEF3CC1FA3CDBE4CE6D54B80DEAC1BC21
KAT_ZA = "B2E14C5C79C6DF5B85F4FE7ED8DB7A262B9DA7E07CCB0EA9F4747B8CCDA8A4F3"
KAT_E = 0xF0B43E94BA45ACCAACE692ED534382EB17E6AB5A19CE7B31F4486FDFC0D28640
KAT_R = 0xF5A03B0648D2C4630EEAC513E1BB81A15944DA3827D5B74143AC7EACEEE720B3
KAT_S = 0xB1B6AA29DF212FD8763182BC0D421CA1BB9038FD1F7F42D4840B69C485BBC1AA
MSG = b"message digest"

# GB/T 32918.2-2016 Annex A (GM/T 0003.2 Annex A): the example curve over a 256-bit prime field
# (general a, not −3), user ID ALICE123@YAHOO.COM.
EXAMPLE_CURVE = sm2.Curve(
    name="gbt32918.2-annex-a",
    p=0x8542D69E4C044F18E8B92435BF6FF7DE457283915C45517D722EDB8B08F1DFC3,
    a=0x787968B4FA32C3FD2417842E73BBFEFF2F3C848B6831D7E0EC65228B3937E498,
    b=0x63E4C6D3B23B0C849CF84241484BFE48F61D59A5B16BA06E6E12D1DA27C5249A,
    n=0x8542D69E4C044F18E8B92435BF6FF7DD297720630485628D5AE74EE7C32E79B7,
    gx=0x421DEBD61B62EAB6746434EBC3CC315E32220B3BADD50BDC4C4E6C147FEDD43D,
    gy=0x0680512BCBB42C07D47349D2153B70C4E5D7FDFCBFA36EA1A85841B9E46E09A2,
)
ALICE = b"ALICE123@YAHOO.COM"


def test_gmt0003_part5_annex_a_signature_example():
    public = sm2.public_from_private(KAT_D)
    assert public == (KAT_X, KAT_Y)
    assert sm2.z_a(public).hex().upper() == KAT_ZA
    assert sm2.message_digest(public, MSG) == KAT_E
    assert sm2.sign_digest(KAT_D, KAT_E, KAT_K) == (KAT_R, KAT_S)
    der = sm2.encode_signature(KAT_R, KAT_S)
    assert sm2.verify(public, MSG, der)
    assert not sm2.verify(public, MSG + b".", der)
    assert not sm2.verify(public, MSG, der, uid=ALICE)   # the ID is bound into Z_A


def test_gbt32918_part2_annex_a_example_curve():
    c = EXAMPLE_CURVE
    assert sm2.is_on_curve((c.gx, c.gy), c)
    d = 0x128B2FA8BD433C6C068C8D803DFF79792A519A55171B1B650C23661D15897263
    k = 0x6CB28D99385C175C94F94E934817663FC176D925DD72B727260DBAAE1FB2F96F
    public = sm2.public_from_private(d, c)
    assert public == (0x0AE4C7798AA0F119471BEE11825BE46202BB79E2A5844495E97C04FF4DF2548A,
                      0x7C0240F88F1CD4E16352A73C17B7F16F07353E53A176D684A9FE0C6BB798E857)
    assert sm2.z_a(public, ALICE, c).hex().upper() == \
        "F4A38489E32B45B6F876E3AC2168CA392362DC8F23459C1D1146FC3DBFB7BC9A"
    e = sm2.message_digest(public, MSG, ALICE, c)
    assert e == 0xB524F552CD82B8B028476E005C377FB19A87E6FC682D48BB5D42E3D9B9EFFE76
    r, s = sm2.sign_digest(d, e, k, c)
    assert (r, s) == (0x40F1EC59F793D9F49E09DCEF49130D4194F79FB1EED2CAA55BACDB49C4E755D1,
                      0x6FC6DAC32C5D5CF10C77DFB20F7C2EB667A457872FB09EC56327A67EC7DEEBE7)
    assert sm2.verify(public, MSG, sm2.encode_signature(r, s), ALICE, c)


def test_recommended_curve_with_alice_id_matches_snowland_smx():
    """The same d, k and message with ID ALICE123@YAHOO.COM on the recommended curve, checked
    against an independent implementation (snowland-smx)."""
    from pysmx.SM2 import Sign

    public = sm2.public_from_private(KAT_D)
    e = sm2.message_digest(public, MSG, ALICE)
    r, s = sm2.sign_digest(KAT_D, e, KAT_K)
    theirs = Sign(MSG, f"{KAT_D:064x}", f"{KAT_K:064x}", 64, uid=ALICE)
    assert theirs == r.to_bytes(32, "big") + s.to_bytes(32, "big")
    assert (r, s) == (0xB0E3E7D4AC2178F833AD73FA9D1191E41C76C8BFEDB5AD89040BA2E5184BDE58,
                      0xCC8D096578F7DD2669AC1AC42F7E722BCFA42B9E0BE0B1B5DF7CA0B53FDD5750)


def test_nonce_comes_from_secrets(monkeypatch):
    drawn = []

    def fake_randbelow(bound):
        drawn.append(bound)
        return KAT_K - 1            # sign() adds 1: k = randbelow(n-1) + 1

    monkeypatch.setattr(sm2.secrets, "randbelow", fake_randbelow)
    assert sm2.sign(KAT_D, MSG) == sm2.encode_signature(KAT_R, KAT_S)
    assert drawn == [C.n - 1]
    assert "random" not in vars(sm2)


def test_two_signatures_of_the_same_message_differ():
    d = sm2.generate_private()
    public = sm2.public_from_private(d)
    a, b = sm2.sign(d, MSG), sm2.sign(d, MSG)
    assert a != b
    assert sm2.verify(public, MSG, a) and sm2.verify(public, MSG, b)


def _x1(k):
    return sm2.base_mul(k)[0]


def test_r_zero_r_plus_k_equal_n_and_s_zero_are_retried(monkeypatch):
    d, n = KAT_D, C.n
    k1, k2 = 0x1111, 0x2222
    cases = {
        "r = 0": (-_x1(k1)) % n,
        "r + k = n": (n - k1 - _x1(k1)) % n,
        "s = 0": (k1 * pow(d, -1, n) - _x1(k1)) % n,   # k = r·d  ⇒  s = 0
    }
    for name, e in cases.items():
        assert sm2.sign_digest(d, e, k1) is None, name
        draws = iter([k1 - 1, k2 - 1])
        monkeypatch.setattr(sm2.secrets, "randbelow", lambda bound: next(draws))
        r, s = sm2.sign_digest(d, e)
        assert sm2.sign_digest(d, e, k2) == (r, s), name
        assert sm2.verify_digest(sm2.public_from_private(d), e, r, s), name


def test_point_arithmetic_agrees_between_comb_window_and_group_law():
    for _ in range(5):
        k = secrets.randbelow(C.n - 1) + 1
        assert sm2.base_mul(k) == sm2.point_mul(k, G)
    assert sm2.base_mul(C.n - 1) == (C.gx, C.p - C.gy)         # (n−1)·G = −G
    assert sm2.base_mul(C.n) is None                           # n·G = O
    assert sm2.point_mul(C.n, G) is None
    a, b = 0x1234567, 0x89ABCDEF
    assert sm2.point_mul(a, sm2.base_mul(b)) == sm2.base_mul(a * b)


def test_verify_survives_the_point_at_infinity():
    """Public key G (d = 1) and r = n − 2s: s·G + (r+s)·G = (r+2s)·G = O. A correct verifier
    rejects; one that assumes s·G ≠ −t·P crashes or accepts. Repeated so that both the window
    and the cached per-key comb paths run."""
    for s in range(12345, 12351):
        r = (C.n - 2 * s) % C.n
        assert not sm2.verify(G, MSG, sm2.encode_signature(r, s))


def test_frequently_used_key_takes_the_cached_path_with_the_same_answers():
    d = sm2.generate_private()
    public = sm2.public_from_private(d)
    messages = [b"m%d" % i for i in range(8)]
    sigs = [sm2.sign(d, m, public=public) for m in messages]
    for round_ in range(2):
        for i, m in enumerate(messages):
            assert sm2.verify(public, m, sigs[i])
            assert not sm2.verify(public, m, sigs[(i + 1) % len(sigs)])
    assert (C, public) in sm2._KEY_COMBS


def test_range_checks():
    public = (KAT_X, KAT_Y)
    for r, s in [(0, KAT_S), (KAT_R, 0), (C.n, KAT_S), (KAT_R, C.n), (KAT_R + C.n, KAT_S)]:
        assert not sm2.verify(public, MSG, sm2.encode_signature(r, s))
    # r + s = n  ⇒  t = 0
    assert not sm2.verify(public, MSG, sm2.encode_signature(KAT_R, C.n - KAT_R))


def test_public_key_must_be_on_the_curve():
    der = sm2.encode_signature(KAT_R, KAT_S)
    assert not sm2.verify((KAT_X, KAT_Y ^ 1), MSG, der)
    assert not sm2.verify((KAT_X + C.p, KAT_Y), MSG, der)
    with pytest.raises(sm2.SM2Error):
        sm2.decode_point(b"\x04" + KAT_X.to_bytes(32, "big") + (KAT_Y ^ 1).to_bytes(32, "big"))
    with pytest.raises(sm2.SM2Error):                       # compressed form is refused
        sm2.decode_point(b"\x02" + KAT_X.to_bytes(32, "big"))


def _int(body: bytes) -> bytes:
    return bytes([0x02, len(body)]) + body


def test_only_canonical_der_is_accepted():
    public = (KAT_X, KAT_Y)
    good = sm2.encode_signature(KAT_R, KAT_S)
    assert good[:4] == bytes.fromhex("30460221") and sm2.verify(public, MSG, good)
    r, s = KAT_R.to_bytes(32, "big"), KAT_S.to_bytes(32, "big")
    bad = {
        "raw r||s": r + s,
        "trailing byte": good + b"\x00",
        "extra leading zero": b"\x30\x47" + _int(b"\x00\x00" + r) + _int(b"\x00" + s),
        "negative (no 00 pad)": b"\x30\x44" + _int(r) + _int(s),
        "long-form length": b"\x30\x81\x46" + good[2:],
        "three integers": b"\x30\x49" + good[2:] + _int(b"\x01"),
        "wrong outer tag": b"\x31" + good[1:],
        "truncated": good[:-1],
        "empty": b"",
    }
    for name, sig in bad.items():
        assert not sm2.verify(public, MSG, sig), name
        with pytest.raises(sm2.SM2Error):
            sm2.decode_signature(sig)
    assert sm2.decode_signature(good) == (KAT_R, KAT_S)


def test_sign_and_verify_with_snowland_smx_both_ways():
    from pysmx.SM2 import Sign, Verify

    d = sm2.generate_private()
    x, y = sm2.public_from_private(d)
    pa = f"{x:064x}{y:064x}"
    ours = sm2.sign(d, b"\xe5\x85\xac\xe5\xbc\x80 disclosure")
    r, s = sm2.decode_signature(ours)
    assert Verify(f"{r:064x}{s:064x}", b"\xe5\x85\xac\xe5\xbc\x80 disclosure", pa, 64,
                  uid=sm2.DEFAULT_ID)
    raw = Sign(b"the same", f"{d:064x}", f"{secrets.randbelow(C.n - 1) + 1:064x}", 64,
               uid=sm2.DEFAULT_ID)
    theirs = sm2.encode_signature(int.from_bytes(raw[:32], "big"), int.from_bytes(raw[32:], "big"))
    assert sm2.verify((x, y), b"the same", theirs)
    assert not sm2.verify((x, y), b"the same!", theirs)


def test_spki_and_pkcs8_structure():
    d = KAT_D
    spki = sm2.spki_der(sm2.public_from_private(d))
    assert spki.hex().startswith("3059301306072a8648ce3d020106082a811ccf5501822d03420004")
    assert sm2.parse_spki(spki) == (KAT_X, KAT_Y)
    assert sm2.parse_pkcs8(sm2.pkcs8_der(d)) == d
    assert sm2.parse_sec1(sm2.sec1_der(d)) == d
    with pytest.raises(sm2.SM2Error):
        sm2.parse_spki(spki + b"\x00")


# -- the openssl command line (explicit distid) ---------------------------------------------------

OPENSSL = shutil.which("openssl")
needs_openssl = pytest.mark.skipif(OPENSSL is None, reason="openssl CLI not installed")
DISTID = "distid:1234567812345678"


def _openssl(*args, **kw):
    return subprocess.run([OPENSSL, *args], capture_output=True, timeout=60, **kw)


@needs_openssl
def test_openssl_verifies_ours_and_we_verify_openssl(tmp_path):
    key = PrivateKey.generate("sm2")
    (tmp_path / "key.pem").write_text(key.to_pkcs8_pem())
    (tmp_path / "pub.pem").write_text(key.public_key.pem)
    message = "关于某某事项的通知 — 审查记录".encode() * 40
    (tmp_path / "msg").write_bytes(message)

    (tmp_path / "ours.sig").write_bytes(key.sign(message))
    ok = _openssl("pkeyutl", "-verify", "-rawin", "-digest", "sm3", "-pkeyopt", DISTID,
                  "-pubin", "-inkey", str(tmp_path / "pub.pem"), "-in", str(tmp_path / "msg"),
                  "-sigfile", str(tmp_path / "ours.sig"))
    assert ok.returncode == 0, ok.stderr
    (tmp_path / "other").write_bytes(message + b"x")
    bad = _openssl("pkeyutl", "-verify", "-rawin", "-digest", "sm3", "-pkeyopt", DISTID,
                   "-pubin", "-inkey", str(tmp_path / "pub.pem"), "-in", str(tmp_path / "other"),
                   "-sigfile", str(tmp_path / "ours.sig"))
    assert bad.returncode != 0

    signed = _openssl("pkeyutl", "-sign", "-rawin", "-digest", "sm3", "-pkeyopt", DISTID,
                      "-inkey", str(tmp_path / "key.pem"), "-in", str(tmp_path / "msg"))
    assert signed.returncode == 0, signed.stderr
    assert key.public_key.verify(message, signed.stdout)
    assert not key.public_key.verify(message + b"x", signed.stdout)


@needs_openssl
def test_openssl_reads_our_keys_and_we_read_its_keys(tmp_path):
    key = PrivateKey.generate("sm2")
    (tmp_path / "pub.pem").write_text(key.public_key.pem)
    out = _openssl("pkey", "-pubin", "-in", str(tmp_path / "pub.pem"), text=True)
    assert out.returncode == 0 and out.stdout == key.public_key.pem
    (tmp_path / "key.pem").write_text(key.to_pkcs8_pem())
    derived = _openssl("pkey", "-in", str(tmp_path / "key.pem"), "-pubout", text=True)
    assert derived.returncode == 0 and derived.stdout == key.public_key.pem

    gen = _openssl("genpkey", "-algorithm", "SM2", "-out", str(tmp_path / "gen.pem"))
    assert gen.returncode == 0, gen.stderr
    theirs = load_private_key(tmp_path / "gen.pem")
    assert theirs.scheme == "sm2"
    assert theirs.to_pkcs8_pem() == (tmp_path / "gen.pem").read_text()   # byte-identical PKCS#8
    sec1 = _openssl("ec", "-in", str(tmp_path / "gen.pem"), "-out", str(tmp_path / "sec1.pem"))
    assert sec1.returncode == 0
    assert load_private_key(tmp_path / "sec1.pem").public_key == theirs.public_key
    pub = _openssl("pkey", "-in", str(tmp_path / "gen.pem"), "-pubout", text=True)
    assert load_public_key(pub.stdout) == theirs.public_key
