"""SM2-with-SM3 signatures (GM/T 0003-2012 → GB/T 32918, GM/T 0009-2012) in pure Python.

Our own small module rather than a library call, because the parts that go wrong in the
available packages (signing.md §3.2, §3.4) are exactly the ones this module owns:

* the user ID is explicit and defaults to GM/T 0009's ``1234567812345678`` (ENTL in *bits*);
  ``e = SM3(Z_A ‖ M)`` with ``Z_A = SM3(ENTL ‖ ID ‖ a ‖ b ‖ x_G ‖ y_G ‖ x_A ‖ y_A)``;
* the nonce ``k`` comes from :mod:`secrets` (never :mod:`random`), with the ``r = 0``,
  ``r + k = n`` and ``s = 0`` retries of the standard;
* signatures go out as DER ``SEQUENCE{r INTEGER, s INTEGER}`` and only *canonical* DER comes in
  (minimal lengths, no superfluous leading zero, no negative number, nothing after the sequence);
* ``1 ≤ r, s ≤ n−1`` and a public key on the curve (not the point at infinity) are checked before
  any verification arithmetic; :func:`verify` never raises for a bad signature;
* keys travel as SubjectPublicKeyInfo (``id-ecPublicKey`` + curve OID ``1.2.156.10197.1.301``,
  uncompressed point) and PKCS#8 / SEC 1, the forms OpenSSL reads and writes.

The curve arithmetic is Jacobian-coordinate double-and-add (a fixed-base comb for ``G``, a 4-bit
window for other points); snowland-smx (``pysmx``) was checked first, but its public API works on
hex strings and its verification does not handle ``s·G = −t·P`` (the point at infinity), so it is
used only as an independent cross-check in the tests. SM3 is ``cryptography``'s (OpenSSL, C
speed). Python integers are not constant-time: an office that needs a certified module plugs its
USB key or signing server in through the ``screening_signer`` hook (signing.md §3.1, §3.5).
"""

from __future__ import annotations

import secrets
import threading
from dataclasses import dataclass

from cryptography.hazmat.primitives import hashes

#: GM/T 0009-2012 default user ID (OpenSSL's ``distid`` default).
DEFAULT_ID = b"1234567812345678"

#: OIDs (DER content octets, without tag/length)
OID_EC_PUBLIC_KEY = bytes.fromhex("2a8648ce3d0201")      # 1.2.840.10045.2.1
OID_SM2_CURVE = bytes.fromhex("2a811ccf5501822d")        # 1.2.156.10197.1.301


class SM2Error(ValueError):
    """Malformed SM2 input (a key, a DER structure). :mod:`screening.records.keys` turns it into
    a :class:`~screening.errors.SigningError` with a clerk's message."""


# -- curve ----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Curve:
    """A short Weierstrass curve ``y² = x³ + ax + b`` over GF(p) with a base point of prime order
    ``n`` (cofactor 1)."""

    name: str
    p: int
    a: int
    b: int
    n: int
    gx: int
    gy: int

    @property
    def size(self) -> int:
        """Bytes per coordinate."""
        return (self.p.bit_length() + 7) // 8

    @property
    def a_is_minus_3(self) -> bool:
        return self.a == self.p - 3


#: The SM2 recommended curve (GM/T 0003.5 / GB/T 32918.5), "sm2p256v1".
SM2P256V1 = Curve(
    name="sm2p256v1",
    p=0xFFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF00000000FFFFFFFFFFFFFFFF,
    a=0xFFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF00000000FFFFFFFFFFFFFFFC,
    b=0x28E9FA9E9D9F5E344D5A9E4BCF6509A7F39789F515AB8F92DDBCBD414D940E93,
    n=0xFFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFF7203DF6B21C6052B53BBF40939D54123,
    gx=0x32C4AE2C1F1981195F9904466A39C9948FE30BBFF2660BE1715A4589334C74C7,
    gy=0xBC3736A2F4F6779C59BDCEE36B692153D0A9877CC62A474002DF32E52139F0A0,
)

Point = tuple[int, int]                 # affine (x, y); the point at infinity is never affine
_Jac = tuple[int, int, int]             # Jacobian (X, Y, Z), x = X/Z², y = Y/Z³; Z = 0 ⇒ infinity
_INF: _Jac = (1, 1, 0)


def is_on_curve(point: Point, curve: Curve = SM2P256V1) -> bool:
    """``True`` when ``point`` has coordinates in ``[0, p)`` and satisfies the curve equation."""
    x, y = point
    p = curve.p
    if not (0 <= x < p and 0 <= y < p):
        return False
    return (y * y - (x * x * x + curve.a * x + curve.b)) % p == 0


def _double(P: _Jac, c: Curve) -> _Jac:
    X1, Y1, Z1 = P
    if Z1 == 0 or Y1 == 0:
        return _INF
    p = c.p
    YY = Y1 * Y1 % p
    S = 4 * X1 * YY % p
    ZZ = Z1 * Z1 % p
    if c.a_is_minus_3:
        M = 3 * (X1 - ZZ) * (X1 + ZZ) % p
    else:
        M = (3 * X1 * X1 + c.a * ZZ * ZZ) % p
    X3 = (M * M - 2 * S) % p
    Y3 = (M * (S - X3) - 8 * YY * YY) % p
    Z3 = 2 * Y1 * Z1 % p
    return (X3, Y3, Z3)


def _add_affine(P: _Jac, Q: Point, c: Curve) -> _Jac:
    """Jacobian + affine (mixed addition), with the equal / opposite cases handled."""
    X1, Y1, Z1 = P
    x2, y2 = Q
    if Z1 == 0:
        return (x2, y2, 1)
    p = c.p
    Z1Z1 = Z1 * Z1 % p
    H = (x2 * Z1Z1 - X1) % p
    R = (y2 * Z1 * Z1Z1 - Y1) % p
    if H == 0:
        return _double(P, c) if R == 0 else _INF
    HH = H * H % p
    HHH = H * HH % p
    V = X1 * HH % p
    X3 = (R * R - HHH - 2 * V) % p
    Y3 = (R * (V - X3) - Y1 * HHH) % p
    Z3 = Z1 * H % p
    return (X3, Y3, Z3)


def _add(P: _Jac, Q: _Jac, c: Curve) -> _Jac:
    """Jacobian + Jacobian, with the equal / opposite / infinity cases handled."""
    X1, Y1, Z1 = P
    X2, Y2, Z2 = Q
    if Z1 == 0:
        return Q
    if Z2 == 0:
        return P
    p = c.p
    Z1Z1 = Z1 * Z1 % p
    Z2Z2 = Z2 * Z2 % p
    U1 = X1 * Z2Z2 % p
    U2 = X2 * Z1Z1 % p
    S1 = Y1 * Z2 * Z2Z2 % p
    S2 = Y2 * Z1 * Z1Z1 % p
    H = (U2 - U1) % p
    R = (S2 - S1) % p
    if H == 0:
        return _double(P, c) if R == 0 else _INF
    HH = H * H % p
    HHH = H * HH % p
    V = U1 * HH % p
    X3 = (R * R - HHH - 2 * V) % p
    Y3 = (R * (V - X3) - S1 * HHH) % p
    Z3 = Z1 * Z2 * H % p
    return (X3, Y3, Z3)


def _to_affine(P: _Jac, c: Curve) -> Point | None:
    X, Y, Z = P
    if Z == 0:
        return None
    zi = pow(Z, -1, c.p)
    zi2 = zi * zi % c.p
    return (X * zi2 % c.p, Y * zi2 * zi % c.p)


def _batch_affine(points: list[_Jac], c: Curve) -> list[Point]:
    """Many Jacobian points (none at infinity) to affine with one inversion (Montgomery)."""
    p = c.p
    prefix = []
    acc = 1
    for _, _, Z in points:
        prefix.append(acc)
        acc = acc * Z % p
    inv = pow(acc, -1, p)
    out: list[Point] = [(0, 0)] * len(points)
    for i in range(len(points) - 1, -1, -1):
        X, Y, Z = points[i]
        zi = inv * prefix[i] % p
        inv = inv * Z % p
        zi2 = zi * zi % p
        out[i] = (X * zi2 % p, Y * zi2 * zi % p)
    return out


_W = 4                       # window width (bits) for both the comb and the variable-base window
_WMASK = (1 << _W) - 1


_COMB: dict[Curve, list[list[Point]]] = {}


def _comb_table(c: Curve) -> list[list[Point]]:
    """``table[i][j-1] = j·16^i·G`` (affine), built once per curve on first use."""
    cached = _COMB.get(c)
    if cached is None:
        cached = _COMB[c] = _build_comb((c.gx, c.gy), c)
    return cached


def _build_comb(point: Point, c: Curve) -> list[list[Point]]:
    """``table[i][j-1] = j·16^i·P`` (affine) for a point of order n (~5 ms)."""
    windows = (c.n.bit_length() + _W - 1) // _W
    jac: list[_Jac] = []
    base: _Jac = (point[0], point[1], 1)
    for _ in range(windows):
        row = [base]
        for _ in range(_WMASK - 1):
            row.append(_add(row[-1], base, c))
        jac.extend(row)
        base = _add(row[-1], base, c)   # 15·base + base = 16·base
    flat = _batch_affine(jac, c)
    return [flat[i * _WMASK:(i + 1) * _WMASK] for i in range(windows)]


#: Comb tables of public keys that verify often (a roster has a handful of keys; an archive audit
#: verifies thousands of signatures by them). Built on a key's 4th verification; at most 64 kept.
_KEY_COMBS: dict[tuple[Curve, Point], list[list[Point]]] = {}
_KEY_USES: dict[tuple[Curve, Point], int] = {}
_KEY_COMB_AFTER, _KEY_COMB_MAX = 3, 64
_KEY_LOCK = threading.Lock()


def _key_comb(point: Point, c: Curve) -> list[list[Point]] | None:
    slot = (c, point)
    table = _KEY_COMBS.get(slot)
    if table is not None:
        return table
    with _KEY_LOCK:
        if len(_KEY_USES) > 4 * _KEY_COMB_MAX:
            _KEY_USES.clear()
        uses = _KEY_USES[slot] = _KEY_USES.get(slot, 0) + 1
    if uses <= _KEY_COMB_AFTER:
        return None
    table = _build_comb(point, c)          # the point was validated by the caller
    with _KEY_LOCK:
        while len(_KEY_COMBS) >= _KEY_COMB_MAX:
            _KEY_COMBS.pop(next(iter(_KEY_COMBS)))
        _KEY_COMBS[slot] = table
    return table


def _mul_comb(k: int, table: list[list[Point]], c: Curve) -> _Jac:
    """``k·P`` from P's comb table: one mixed addition per non-zero 4-bit digit (k < n)."""
    acc = _INF
    i = 0
    while k:
        d = k & _WMASK
        if d:
            acc = _add_affine(acc, table[i][d - 1], c)
        k >>= _W
        i += 1
    return acc


def _mul_base(k: int, c: Curve) -> _Jac:
    """``k·G`` with the fixed-base comb: one mixed addition per 4-bit digit, no doublings."""
    return _mul_comb(k, _comb_table(c), c)


def _mul(k: int, P: Point, c: Curve) -> _Jac:
    """``k·P`` for an arbitrary affine point: 4-bit fixed window, MSB first."""
    if k == 0:
        return _INF
    jac = [(P[0], P[1], 1)]
    for _ in range(_WMASK - 1):
        jac.append(_add_affine(jac[-1], P, c))
    if any(z == 0 for _, _, z in jac):    # small-order point: cannot happen with cofactor 1
        acc = _INF
        for bit in bin(k)[2:]:
            acc = _double(acc, c)
            if bit == "1":
                acc = _add_affine(acc, P, c)
        return acc
    table = _batch_affine(jac, c)
    acc = _INF
    shift = (k.bit_length() + _W - 1) // _W * _W
    while shift:
        shift -= _W
        for _ in range(_W):
            acc = _double(acc, c)
        d = (k >> shift) & _WMASK
        if d:
            acc = _add_affine(acc, table[d - 1], c)
    return acc


def base_mul(k: int, curve: Curve = SM2P256V1) -> Point | None:
    """``k·G`` in affine coordinates (``None`` for the point at infinity)."""
    return _to_affine(_mul_base(k % curve.n, curve), curve)


def point_mul(k: int, point: Point, curve: Curve = SM2P256V1) -> Point | None:
    """``k·P`` in affine coordinates (``None`` for the point at infinity)."""
    return _to_affine(_mul(k, point, curve), curve)


# -- keys -----------------------------------------------------------------------------------------

def generate_private(curve: Curve = SM2P256V1) -> int:
    """A private key ``d`` uniformly in ``[1, n−2]`` (``d + 1`` must be invertible mod n)."""
    return secrets.randbelow(curve.n - 2) + 1


def check_private(d: int, curve: Curve = SM2P256V1) -> None:
    if not 1 <= d <= curve.n - 2:
        raise SM2Error("SM2 private key out of range [1, n-2]")


def public_from_private(d: int, curve: Curve = SM2P256V1) -> Point:
    check_private(d, curve)
    point = base_mul(d, curve)
    assert point is not None  # 1 ≤ d < n
    return point


def check_public(point: Point, curve: Curve = SM2P256V1) -> None:
    """Raise :class:`SM2Error` unless ``point`` is a valid public key (on the curve; the point at
    infinity has no affine form; cofactor 1, so every curve point is in the group)."""
    if not is_on_curve(point, curve):
        raise SM2Error("SM2 public key is not a point on the curve")


def encode_point(point: Point, curve: Curve = SM2P256V1) -> bytes:
    """Uncompressed SEC 1 encoding ``04 ‖ x ‖ y``."""
    size = curve.size
    return b"\x04" + point[0].to_bytes(size, "big") + point[1].to_bytes(size, "big")


def decode_point(data: bytes, curve: Curve = SM2P256V1) -> Point:
    """Parse ``04 ‖ x ‖ y`` and check the point is on the curve (compressed forms are refused)."""
    size = curve.size
    if len(data) != 1 + 2 * size or data[0] != 4:
        raise SM2Error("SM2 public key must be an uncompressed point (04 || x || y)")
    point = (int.from_bytes(data[1:1 + size], "big"), int.from_bytes(data[1 + size:], "big"))
    check_public(point, curve)
    return point


# -- Z_A, sign, verify ----------------------------------------------------------------------------

def _sm3(data: bytes) -> bytes:
    h = hashes.Hash(hashes.SM3())
    h.update(data)
    return h.finalize()


def z_a(public: Point, uid: bytes = DEFAULT_ID, curve: Curve = SM2P256V1) -> bytes:
    """``Z_A = SM3(ENTL ‖ ID ‖ a ‖ b ‖ x_G ‖ y_G ‖ x_A ‖ y_A)``; ENTL = ID length in bits."""
    entl = len(uid) * 8
    if entl >= 1 << 16:
        raise SM2Error("SM2 user ID too long")
    size = curve.size
    parts = [entl.to_bytes(2, "big"), uid]
    parts += [v.to_bytes(size, "big") for v in (curve.a, curve.b, curve.gx, curve.gy, *public)]
    return _sm3(b"".join(parts))


def message_digest(public: Point, message: bytes, uid: bytes = DEFAULT_ID,
                   curve: Curve = SM2P256V1) -> int:
    """``e = SM3(Z_A ‖ M)`` as an integer."""
    return int.from_bytes(_sm3(z_a(public, uid, curve) + message), "big")


def sign_digest(d: int, e: int, k: int | None = None,
                curve: Curve = SM2P256V1) -> tuple[int, int] | None:
    """The raw signature steps A3–A7 for digest ``e``. With ``k`` given (known-answer tests only)
    returns ``None`` when that ``k`` must be rejected; without it, draws ``k`` from :mod:`secrets`
    until ``r ≠ 0``, ``r + k ≠ n`` and ``s ≠ 0``."""
    check_private(d, curve)
    n = curve.n
    inv = pow(1 + d, -1, n)
    while True:
        kk = k if k is not None else secrets.randbelow(n - 1) + 1
        if not 1 <= kk <= n - 1:
            raise SM2Error("nonce out of range")
        x1 = _to_affine(_mul_base(kk, curve), curve)[0]
        r = (e + x1) % n
        if r != 0 and r + kk != n:
            s = inv * (kk - r * d) % n
            if s != 0:
                return r, s
        if k is not None:
            return None


def sign(d: int, message: bytes, uid: bytes = DEFAULT_ID, *, public: Point | None = None,
         curve: Curve = SM2P256V1) -> bytes:
    """Sign ``message`` with private key ``d``: DER ``SEQUENCE{r, s}``. ``public`` (= d·G) saves a
    point multiplication when the caller has it."""
    if public is None:
        public = public_from_private(d, curve)
    e = message_digest(public, message, uid, curve)
    rs = sign_digest(d, e, curve=curve)
    assert rs is not None
    return encode_signature(*rs)


def verify_digest(public: Point, e: int, r: int, s: int, curve: Curve = SM2P256V1) -> bool:
    """Steps B1–B7 for digest ``e``; ``False`` for anything out of range."""
    n = curve.n
    if not (1 <= r <= n - 1 and 1 <= s <= n - 1):
        return False
    if not is_on_curve(public, curve):
        return False
    t = (r + s) % n
    if t == 0:
        return False
    table = _key_comb(public, curve)
    tp = _mul_comb(t, table, curve) if table is not None else _mul(t, public, curve)
    point = _to_affine(_add(_mul_base(s, curve), tp, curve), curve)
    if point is None:
        return False
    return (e + point[0]) % n == r


def verify(public: Point, message: bytes, signature: bytes, uid: bytes = DEFAULT_ID,
           curve: Curve = SM2P256V1) -> bool:
    """``True`` only for a canonical-DER signature that verifies; never raises."""
    try:
        r, s = decode_signature(signature)
        if not is_on_curve(public, curve):
            return False
        return verify_digest(public, message_digest(public, message, uid, curve), r, s, curve)
    except (SM2Error, TypeError, ValueError):
        return False


# -- DER ------------------------------------------------------------------------------------------

def der(tag: int, content: bytes) -> bytes:
    """One DER TLV with a minimal definite length."""
    n = len(content)
    if n < 0x80:
        return bytes([tag, n]) + content
    length = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([tag, 0x80 | len(length)]) + length + content


def der_int(value: int) -> bytes:
    if value < 0:
        raise SM2Error("negative INTEGER")
    body = value.to_bytes(value.bit_length() // 8 + 1, "big")   # leading 00 when the top bit is set
    return der(0x02, body)


def der_read(data: bytes, pos: int = 0) -> tuple[int, bytes, int]:
    """Read one TLV at ``pos`` strictly (single-byte tag, definite minimal length):
    ``(tag, content, end)``."""
    if pos + 2 > len(data):
        raise SM2Error("DER truncated")
    tag = data[pos]
    if tag & 0x1F == 0x1F:
        raise SM2Error("DER multi-byte tag")
    first = data[pos + 1]
    pos += 2
    if first < 0x80:
        length = first
    else:
        count = first & 0x7F
        if count == 0 or count > 4 or pos + count > len(data):
            raise SM2Error("DER bad length")
        length = int.from_bytes(data[pos:pos + count], "big")
        if length < 0x80 or data[pos] == 0:
            raise SM2Error("DER non-minimal length")
        pos += count
    end = pos + length
    if end > len(data):
        raise SM2Error("DER truncated")
    return tag, data[pos:end], end


def der_read_int(content: bytes) -> int:
    """A non-negative INTEGER's content, minimal."""
    if not content:
        raise SM2Error("DER empty INTEGER")
    if content[0] & 0x80:
        raise SM2Error("DER negative INTEGER")
    if len(content) > 1 and content[0] == 0 and not content[1] & 0x80:
        raise SM2Error("DER non-minimal INTEGER")
    return int.from_bytes(content, "big")


def der_sequence(data: bytes, expect_tag: int = 0x30) -> list[tuple[int, bytes]]:
    """The ``(tag, content)`` children of a constructed value that fills ``data`` exactly."""
    tag, content, end = der_read(data)
    if tag != expect_tag or end != len(data):
        raise SM2Error("DER: unexpected structure")
    children = []
    pos = 0
    while pos < len(content):
        t, c, pos = der_read(content, pos)
        children.append((t, c))
    return children


def encode_signature(r: int, s: int) -> bytes:
    """DER ``SEQUENCE{r INTEGER, s INTEGER}``."""
    return der(0x30, der_int(r) + der_int(s))


def decode_signature(data: bytes) -> tuple[int, int]:
    """Parse a canonical DER ``SEQUENCE{r, s}``; :class:`SM2Error` for anything else."""
    if not isinstance(data, (bytes, bytearray)) or len(data) > 80:
        raise SM2Error("not an SM2 signature")
    children = der_sequence(bytes(data))
    if len(children) != 2 or any(t != 0x02 for t, _ in children):
        raise SM2Error("SM2 signature must be SEQUENCE{INTEGER, INTEGER}")
    return der_read_int(children[0][1]), der_read_int(children[1][1])


# -- SubjectPublicKeyInfo, PKCS#8, SEC 1 ----------------------------------------------------------

_ALGORITHM = der(0x30, der(0x06, OID_EC_PUBLIC_KEY) + der(0x06, OID_SM2_CURVE))


def spki_der(public: Point) -> bytes:
    """SubjectPublicKeyInfo ``SEQUENCE{SEQUENCE{id-ecPublicKey, sm2p256v1}, BIT STRING 04‖x‖y}``"""
    return der(0x30, _ALGORITHM + der(0x03, b"\x00" + encode_point(public)))


def is_sm2_spki(data: bytes) -> bool:
    """Whether a DER SubjectPublicKeyInfo names the SM2 curve (without validating the point)."""
    try:
        children = der_sequence(data)
        return len(children) == 2 and der(0x30, children[0][1]) == _ALGORITHM
    except SM2Error:
        return False


def parse_spki(data: bytes) -> Point:
    """The public point of an SM2 SubjectPublicKeyInfo (strict DER; the point is validated)."""
    children = der_sequence(data)
    if len(children) != 2 or children[0][0] != 0x30 or der(0x30, children[0][1]) != _ALGORITHM:
        raise SM2Error("not an SM2 public key (id-ecPublicKey with curve 1.2.156.10197.1.301)")
    tag, bits = children[1]
    if tag != 0x03 or not bits or bits[0] != 0:
        raise SM2Error("SM2 public key: bad BIT STRING")
    return decode_point(bits[1:])


def _ec_private_key(d: int, public: Point, with_params: bool) -> bytes:
    body = der_int(1) + der(0x04, d.to_bytes(SM2P256V1.size, "big"))
    if with_params:
        body += der(0xA0, der(0x06, OID_SM2_CURVE))
    body += der(0xA1, der(0x03, b"\x00" + encode_point(public)))
    return der(0x30, body)


def pkcs8_der(d: int) -> bytes:
    """Unencrypted PKCS#8 ``PrivateKeyInfo`` the way OpenSSL 3 writes an SM2 key."""
    public = public_from_private(d)
    return der(0x30, der_int(0) + _ALGORITHM + der(0x04, _ec_private_key(d, public, False)))


def sec1_der(d: int) -> bytes:
    """SEC 1 ``ECPrivateKey`` with the curve parameters (``-----BEGIN EC PRIVATE KEY-----``)."""
    return _ec_private_key(d, public_from_private(d), True)


def _parse_ec_private_key(data: bytes, need_params: bool) -> int:
    children = der_sequence(data)
    if len(children) < 2 or children[0] != (0x02, b"\x01") or children[1][0] != 0x04:
        raise SM2Error("not an EC private key")
    raw = children[1][1]
    if len(raw) != SM2P256V1.size:
        raise SM2Error("SM2 private key must be 32 bytes")
    d = int.from_bytes(raw, "big")
    check_private(d)
    seen_params = False
    for tag, content in children[2:]:
        if tag == 0xA0:
            if content != der(0x06, OID_SM2_CURVE):
                raise SM2Error("EC private key is not on the SM2 curve")
            seen_params = True
        elif tag == 0xA1:
            t, bits, end = der_read(content)
            if t != 0x03 or end != len(content) or not bits or bits[0] != 0:
                raise SM2Error("EC private key: bad public key")
            if decode_point(bits[1:]) != public_from_private(d):
                raise SM2Error("EC private key: public key does not match")
        else:
            raise SM2Error("EC private key: unexpected field")
    if need_params and not seen_params:
        raise SM2Error("EC private key names no curve")
    return d


def parse_pkcs8(data: bytes) -> int:
    """``d`` from an unencrypted SM2 PKCS#8 ``PrivateKeyInfo``."""
    children = der_sequence(data)
    if len(children) < 3 or children[0] != (0x02, b"\x00") or children[2][0] != 0x04:
        raise SM2Error("not a PKCS#8 private key")
    if children[1][0] != 0x30 or der(0x30, children[1][1]) != _ALGORITHM:
        raise SM2Error("not an SM2 private key")
    return _parse_ec_private_key(children[2][1], need_params=False)


def parse_sec1(data: bytes) -> int:
    """``d`` from a SEC 1 ``ECPrivateKey`` that names the SM2 curve."""
    return _parse_ec_private_key(data, need_params=True)
