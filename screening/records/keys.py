"""Per-person signing keys: SM2-with-SM3 (default for government use) and Ed25519.

A **public key** travels as SubjectPublicKeyInfo PEM (``-----BEGIN PUBLIC KEY-----``; for SM2
``id-ecPublicKey`` + curve ``1.2.156.10197.1.301``, which ``openssl pkey -pubin`` loads). Its
**fingerprint** is ``sha256:<hex of SHA-256 of the SPKI DER>`` — the value people compare out of
band and the roster pins.

A **private key file** (``NAME.key``) is created with mode 0600 (``os.open(..., 0o600)``, never a
``chmod`` afterwards) and is a small JSON document::

    {"format": "screening-private-key/v1", "scheme": "sm2", "name": "张三",
     "sm2_id": "1234567812345678", "public": "<SPKI PEM>", "fingerprint": "sha256:…",
     "created": "2026-…+08:00",
     "encryption": null | {"kdf": "scrypt", "n": 32768, "r": 8, "p": 1, "salt": "<b64>",
                           "cipher": "aes-256-gcm", "nonce": "<b64>"},
     "private": "<b64 of the PKCS#8 DER, AES-256-GCM-encrypted when a passphrase is set>"}

Everything but ``private`` is authenticated as AES-GCM associated data, so a swapped public part is
detected. :func:`load_private_key` also reads plain PKCS#8 / SEC 1 PEM files (an SM2 key made by
``openssl genpkey -algorithm SM2``) and PKCS#8 files for Ed25519 (encrypted or not);
:meth:`PrivateKey.to_pkcs8_pem` exports a key for OpenSSL.

Schemes: ``"sm2"`` = SM2-with-SM3, user ID ``1234567812345678`` (GM/T 0009), DER signatures;
``"ed25519"`` = RFC 8032, 64-byte signatures.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import os
import re
import secrets
from collections.abc import Mapping
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

from cryptography.exceptions import InvalidSignature, InvalidTag, UnsupportedAlgorithm
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ed25519
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from ..errors import SigningError
from . import sm2

SCHEMES = ("sm2", "ed25519")
FILE_FORMAT = "screening-private-key/v1"
PUBLIC_SUFFIX = ".pub.pem"
PRIVATE_SUFFIX = ".key"

#: scrypt cost for new files (~32 MiB, ~0.1 s); files may carry other values within the limits.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2 ** 15, 8, 1
_SCRYPT_MAX_N, _SCRYPT_MAX_R, _SCRYPT_MAX_P = 2 ** 20, 16, 4
_MAX_KEY_FILE = 64 * 1024
_BEIJING = timezone(timedelta(hours=8))
_PEM_RE = re.compile(r"-----BEGIN ([A-Z0-9 ]+)-----\s*(.*?)\s*-----END \1-----", re.S)


# -- public keys ----------------------------------------------------------------------------------

class PublicKey:
    """A verifying key. Equal (and hashed) by fingerprint, so a set of keys counts unique keys."""

    __slots__ = ("scheme", "der", "pem", "fingerprint", "_impl")

    def __init__(self, scheme: str, der: bytes, impl: Any):
        self.scheme = scheme
        self.der = der
        self.pem = pem_encode("PUBLIC KEY", der)
        self.fingerprint = fingerprint_of(der)
        self._impl = impl          # sm2: affine point; ed25519: Ed25519PublicKey

    def verify(self, data: bytes, signature: bytes) -> bool:
        """``True`` when ``signature`` is a valid signature of ``data``; never raises."""
        if not (isinstance(signature, (bytes, bytearray)) and isinstance(data, (bytes, bytearray))):
            return False
        if self.scheme == "sm2":
            return sm2.verify(self._impl, bytes(data), bytes(signature))
        try:
            self._impl.verify(bytes(signature), bytes(data))
            return True
        except (InvalidSignature, ValueError, TypeError):
            return False

    def __eq__(self, other: object) -> bool:
        return isinstance(other, PublicKey) and other.fingerprint == self.fingerprint

    def __hash__(self) -> int:
        return hash(self.fingerprint)

    def __repr__(self) -> str:
        return f"PublicKey({self.scheme}, {self.fingerprint})"


def fingerprint_of(spki_der: bytes) -> str:
    """``sha256:<hex>`` of a SubjectPublicKeyInfo DER."""
    return "sha256:" + hashlib.sha256(spki_der).hexdigest()


def pem_encode(label: str, der: bytes) -> str:
    b64 = base64.b64encode(der).decode("ascii")
    lines = [b64[i:i + 64] for i in range(0, len(b64), 64)]
    return f"-----BEGIN {label}-----\n" + "\n".join(lines) + f"\n-----END {label}-----\n"


def _pem_blocks(text: str) -> list[tuple[str, bytes]]:
    blocks = []
    for m in _PEM_RE.finditer(text):
        body = "".join(m.group(2).split())
        try:
            blocks.append((m.group(1), base64.b64decode(body, validate=True)))
        except (binascii.Error, ValueError):
            raise SigningError("密钥文件的 PEM 内容已损坏（Base64 无效）。",
                               message_en="the key's PEM content is damaged (invalid base64)")
    return blocks


def public_key_from_der(der: bytes) -> PublicKey:
    """A :class:`PublicKey` from SubjectPublicKeyInfo DER (SM2 or Ed25519 only)."""
    if sm2.is_sm2_spki(der):
        try:
            point = sm2.parse_spki(der)
        except sm2.SM2Error as exc:
            raise SigningError(f"SM2 公钥无效：{exc}", message_en=f"invalid SM2 public key: {exc}")
        canonical = sm2.spki_der(point)
        if canonical != der:
            raise SigningError("SM2 公钥编码不规范。", message_en="non-canonical SM2 public key")
        return PublicKey("sm2", der, point)
    try:
        key = serialization.load_der_public_key(der)
    except (ValueError, UnsupportedAlgorithm, TypeError) as exc:
        raise SigningError("不是可用的公钥（只支持 SM2 和 Ed25519）。",
                           message_en=f"not a usable public key (SM2 or Ed25519 only): {exc}")
    if not isinstance(key, ed25519.Ed25519PublicKey):
        raise SigningError("不支持这种公钥（只支持 SM2 和 Ed25519）。",
                           message_en="unsupported public key type (SM2 or Ed25519 only)")
    canonical = key.public_bytes(serialization.Encoding.DER,
                                 serialization.PublicFormat.SubjectPublicKeyInfo)
    if canonical != der:
        raise SigningError("Ed25519 公钥编码不规范。",
                           message_en="non-canonical Ed25519 public key")
    return PublicKey("ed25519", der, key)


def load_public_key(text_or_path: str | bytes | os.PathLike) -> PublicKey:
    """A public key from PEM text (``str`` or ``bytes`` containing ``-----BEGIN PUBLIC KEY-----``)
    or from a file path. A private key file is refused here (use :func:`load_private_key`).
    :class:`SigningError` with a clerk's message for anything else."""
    if isinstance(text_or_path, bytes):
        text = text_or_path.decode("utf-8", "replace")
        where = "（PEM 文本）"
    elif isinstance(text_or_path, str) and "-----BEGIN" in text_or_path:
        text = text_or_path
        where = "（PEM 文本）"
    else:
        path = Path(text_or_path)
        text = _read_text(path)
        where = str(path)
    if FILE_FORMAT in text:
        raise SigningError(f"{where} 是私钥，不是公钥；请给出 .pub.pem 公钥文件。",
                           message_en=f"{where} is a private key, not a public key")
    blocks = _pem_blocks(text)
    publics = [der for label, der in blocks if label == "PUBLIC KEY"]
    if len(publics) != 1:
        if not publics and _looks_private(text):
            raise SigningError(f"{where} 是私钥，不是公钥；请给出 .pub.pem 公钥文件。",
                               message_en=f"{where} is a private key, not a public key")
        raise SigningError(f"{where} 不是公钥文件（需要一个 -----BEGIN PUBLIC KEY----- 块）。",
                           message_en=f"{where} is not a public key file "
                                      "(expected one -----BEGIN PUBLIC KEY----- block)")
    return public_key_from_der(publics[0])


def _looks_private(text: str) -> bool:
    return "PRIVATE KEY" in text or FILE_FORMAT in text


def _read_text(path: Path) -> str:
    try:
        if path.stat().st_size > _MAX_KEY_FILE:
            raise SigningError(f"{path} 太大，不是密钥文件。",
                               message_en=f"{path} is too large for a key")
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SigningError(f"找不到密钥文件：{path}", message_en=f"key file not found: {path}")
    except UnicodeDecodeError:
        raise SigningError(f"{path} 不是文本格式的密钥文件。",
                           message_en=f"{path} is not a text key file")
    except OSError as exc:
        raise SigningError(f"无法读取密钥文件 {path}：{exc.strerror}",
                           message_en=f"cannot read key file {path}: {exc.strerror}")


# -- private keys and signers ---------------------------------------------------------------------

@runtime_checkable
class Signer(Protocol):
    """What a review step, a checkpoint or a roster version needs: ``sign(data) -> signature``
    (SM2: DER ``SEQUENCE{r,s}``; Ed25519: 64 bytes) and the matching public key."""

    scheme: str
    public_key: PublicKey

    def sign(self, data: bytes) -> bytes: ...


class PrivateKey:
    """A signing key held in memory. It is itself a :class:`Signer`."""

    __slots__ = ("scheme", "public_key", "_secret")

    def __init__(self, scheme: str, secret: Any, public_key: PublicKey):
        self.scheme = scheme
        self._secret = secret          # sm2: int d; ed25519: Ed25519PrivateKey
        self.public_key = public_key

    @classmethod
    def generate(cls, scheme: str = "sm2") -> PrivateKey:
        if scheme == "sm2":
            return _sm2_private(sm2.generate_private())
        if scheme == "ed25519":
            return _ed25519_private(ed25519.Ed25519PrivateKey.generate())
        raise SigningError(f"不支持的签名算法：{scheme}（可选 sm2、ed25519）",
                           message_en=f"unknown signature scheme {scheme!r} (sm2 or ed25519)")

    def sign(self, data: bytes) -> bytes:
        if self.scheme == "sm2":
            return sm2.sign(self._secret, bytes(data), public=self.public_key._impl)
        return self._secret.sign(bytes(data))

    def pkcs8_der(self) -> bytes:
        """Unencrypted PKCS#8 DER (what the key file stores, encrypted or not)."""
        if self.scheme == "sm2":
            return sm2.pkcs8_der(self._secret)
        return self._secret.private_bytes(serialization.Encoding.DER,
                                          serialization.PrivateFormat.PKCS8,
                                          serialization.NoEncryption())

    def to_pkcs8_pem(self) -> str:
        """Unencrypted PKCS#8 PEM for OpenSSL (``openssl pkeyutl -sign -inkey``). Handle with the
        same care as the key file."""
        return pem_encode("PRIVATE KEY", self.pkcs8_der())

    def __repr__(self) -> str:
        return f"PrivateKey({self.scheme}, {self.public_key.fingerprint})"


def _sm2_private(d: int) -> PrivateKey:
    point = sm2.public_from_private(d)
    der = sm2.spki_der(point)
    return PrivateKey("sm2", d, PublicKey("sm2", der, point))


def _ed25519_private(key: ed25519.Ed25519PrivateKey) -> PrivateKey:
    pub = key.public_key()
    der = pub.public_bytes(serialization.Encoding.DER,
                           serialization.PublicFormat.SubjectPublicKeyInfo)
    return PrivateKey("ed25519", key, PublicKey("ed25519", der, pub))


def _from_pkcs8(der: bytes, scheme: str | None = None) -> PrivateKey:
    """A key from unencrypted PKCS#8 DER (SM2 or Ed25519)."""
    if scheme in (None, "sm2"):
        try:
            return _sm2_private(sm2.parse_pkcs8(der))
        except sm2.SM2Error:
            if scheme == "sm2":
                raise SigningError("私钥内容不是有效的 SM2 私钥。",
                                   message_en="the private key is not a valid SM2 key")
    try:
        key = serialization.load_der_private_key(der, password=None)
    except (ValueError, TypeError, UnsupportedAlgorithm):
        raise SigningError("私钥内容无法识别（只支持 SM2 和 Ed25519）。",
                           message_en="unrecognised private key (SM2 or Ed25519 only)")
    if not isinstance(key, ed25519.Ed25519PrivateKey):
        raise SigningError("不支持这种私钥（只支持 SM2 和 Ed25519）。",
                           message_en="unsupported private key type (SM2 or Ed25519 only)")
    return _ed25519_private(key)


# -- key files ------------------------------------------------------------------------------------

_NAME_BAD = re.compile(r"[\\/\x00-\x1f\x7f:*?\"<>|]")


def check_key_name(name: str) -> str:
    """A key name usable as a file name on every office PC (Chinese names are fine)."""
    name = name.strip()
    if not name or name in (".", "..") or name.startswith(".") or _NAME_BAD.search(name) \
            or len(name.encode("utf-8")) > 120:
        raise SigningError(f"密钥名称不可用作文件名：{name!r}（不能含 / \\ : * ? \" < > | 或以点开头）",
                           message_en=f"key name cannot be used as a file name: {name!r}")
    return name


def _scrypt(passphrase: bytes, salt: bytes, n: int, r: int, p: int) -> bytes:
    return Scrypt(salt=salt, length=32, n=n, r=r, p=p).derive(passphrase)


def _aad(header: Mapping[str, Any]) -> bytes:
    return json.dumps(header, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def private_key_document(key: PrivateKey, name: str, passphrase: bytes | None = None,
                         *, created: datetime | None = None) -> bytes:
    """The bytes of a private key file (see the module docstring)."""
    if passphrase is not None and len(passphrase) == 0:
        raise SigningError("口令不能为空；不加密请用 --no-passphrase。",
                           message_en="the passphrase is empty; use --no-passphrase for none")
    header: dict[str, Any] = {
        "format": FILE_FORMAT,
        "scheme": key.scheme,
        "name": name,
        "public": key.public_key.pem,
        "fingerprint": key.public_key.fingerprint,
        "created": (created or datetime.now(_BEIJING)).isoformat(timespec="seconds"),
        "encryption": None,
    }
    if key.scheme == "sm2":
        header["sm2_id"] = sm2.DEFAULT_ID.decode()
    plain = key.pkcs8_der()
    if passphrase is None:
        private = plain
    else:
        salt, nonce = secrets.token_bytes(16), secrets.token_bytes(12)
        header["encryption"] = {"kdf": "scrypt", "n": SCRYPT_N, "r": SCRYPT_R, "p": SCRYPT_P,
                                "salt": _b64(salt), "cipher": "aes-256-gcm", "nonce": _b64(nonce)}
        secret = _scrypt(passphrase, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)
        private = AESGCM(secret).encrypt(nonce, plain, _aad(header))
    doc = dict(header, private=_b64(private))
    return (json.dumps(doc, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def write_private_file(path: Path, data: bytes) -> None:
    """Create ``path`` with mode 0600 from the start (``O_EXCL``: never overwrite a key)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags, 0o600)
    except FileExistsError:
        raise SigningError(f"密钥文件已存在，不会覆盖：{path}",
                           message_en=f"key file exists, not overwritten: {path}")
    except OSError as exc:
        raise SigningError(f"无法创建密钥文件 {path}：{exc.strerror}",
                           message_en=f"cannot create key file {path}: {exc.strerror}")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
    except OSError:
        path.unlink(missing_ok=True)
        raise


def new_key(name: str, directory: Path, scheme: str = "sm2",
            passphrase: bytes | None = None) -> tuple[Path, Path]:
    """Make a key pair: ``directory/NAME.key`` (mode 0600, passphrase-encrypted when given) and
    ``directory/NAME.pub.pem``. Refuses to overwrite either file."""
    name = check_key_name(name)
    if scheme not in SCHEMES:
        raise SigningError(f"不支持的签名算法：{scheme}（可选 sm2、ed25519）",
                           message_en=f"unknown signature scheme {scheme!r} (sm2 or ed25519)")
    directory = Path(directory)
    try:
        directory.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as exc:
        raise SigningError(f"无法创建目录 {directory}：{exc.strerror}",
                           message_en=f"cannot create directory {directory}: {exc.strerror}")
    private_path = directory / f"{name}{PRIVATE_SUFFIX}"
    public_path = directory / f"{name}{PUBLIC_SUFFIX}"
    if public_path.exists() or private_path.exists():
        raise SigningError(f"同名密钥已存在，不会覆盖：{private_path}",
                           message_en=f"a key with this name exists, not overwritten: {private_path}")
    key = PrivateKey.generate(scheme)
    write_private_file(private_path, private_key_document(key, name, passphrase))
    try:
        with open(public_path, "x", encoding="utf-8") as fh:
            fh.write(key.public_key.pem)
    except OSError as exc:
        private_path.unlink(missing_ok=True)
        raise SigningError(f"无法写入公钥文件 {public_path}：{exc}",
                           message_en=f"cannot write public key file {public_path}: {exc}")
    return private_path, public_path


def key_file_info(path: str | os.PathLike) -> dict[str, Any]:
    """What can be said about a key file without its passphrase: ``{"kind": "public"|"private",
    "scheme", "fingerprint", "encrypted": bool, "name": str | None}``. For an encrypted file the
    public part is read from the (authenticated-on-use) header."""
    path = Path(path)
    text = _read_text(path)
    if not _looks_private(text):
        pub = load_public_key(text if "-----BEGIN" in text else path)
        return {"kind": "public", "scheme": pub.scheme, "fingerprint": pub.fingerprint,
                "encrypted": False, "name": None, "public": pub.pem}
    doc = _parse_document(text, path)
    if doc is not None:
        pub = load_public_key(str(doc["public"]))
        if pub.fingerprint != doc.get("fingerprint") or pub.scheme != doc.get("scheme"):
            raise _damaged(path)
        if doc.get("encryption") is None:
            _load_document(doc, path, None)    # unencrypted: check the key matches its header
        return {"kind": "private", "scheme": pub.scheme, "fingerprint": pub.fingerprint,
                "encrypted": doc.get("encryption") is not None, "name": doc.get("name"),
                "public": pub.pem}
    key = load_private_key(path)
    return {"kind": "private", "scheme": key.scheme, "fingerprint": key.public_key.fingerprint,
            "encrypted": False, "name": None, "public": key.public_key.pem}


def _damaged(path: Path) -> SigningError:
    return SigningError(f"密钥文件已损坏或被改动：{path}",
                        message_en=f"key file is damaged or altered: {path}")


def _parse_document(text: str, path: Path) -> dict[str, Any] | None:
    """The JSON key document, ``None`` when the file is PEM instead."""
    if FILE_FORMAT not in text:
        return None
    try:
        doc = json.loads(text)
    except ValueError:
        raise _damaged(path)
    if not isinstance(doc, dict) or doc.get("format") != FILE_FORMAT:
        raise _damaged(path)
    return doc


def load_private_key(path: str | os.PathLike, passphrase: bytes | None = None) -> PrivateKey:
    """Load a private key file: our JSON format (:func:`new_key`), or PEM ``PRIVATE KEY`` /
    ``ENCRYPTED PRIVATE KEY`` (PKCS#8) / ``EC PRIVATE KEY`` or ``SM2 PRIVATE KEY`` (SEC 1, SM2).
    :class:`SigningError` with a clerk's message for a missing file, a wrong or missing passphrase, a damaged file or an
    unknown format."""
    path = Path(path)
    text = _read_text(path)
    doc = _parse_document(text, path)
    if doc is not None:
        return _load_document(doc, path, passphrase)
    blocks = _pem_blocks(text)
    labels = [label for label, _ in blocks]
    if "PUBLIC KEY" in labels and len(blocks) == 1:
        raise SigningError(f"{path} 是公钥，签名需要私钥文件（.key）。",
                           message_en=f"{path} is a public key; signing needs the private key file")
    for label, der in blocks:
        if label == "PRIVATE KEY":
            return _from_pkcs8(der)
        if label in ("EC PRIVATE KEY", "SM2 PRIVATE KEY"):
            try:
                return _sm2_private(sm2.parse_sec1(der))
            except sm2.SM2Error:
                raise SigningError(f"{path} 不是 SM2 私钥（只支持 SM2 和 Ed25519）。",
                                   message_en=f"{path} is not an SM2 private key")
        if label == "ENCRYPTED PRIVATE KEY":
            if passphrase is None:
                raise _need_passphrase(path)
            try:
                key = serialization.load_der_private_key(der, password=passphrase)
            except ValueError:
                raise _wrong_passphrase(path)
            except (TypeError, UnsupportedAlgorithm):
                raise SigningError(f"{path}：无法解密这种加密私钥（SM2 请用 screen keys new 生成）。",
                                   message_en=f"{path}: cannot decrypt this encrypted key")
            if not isinstance(key, ed25519.Ed25519PrivateKey):
                raise SigningError("不支持这种私钥（只支持 SM2 和 Ed25519）。",
                                   message_en="unsupported private key type (SM2 or Ed25519 only)")
            return _ed25519_private(key)
    raise SigningError(f"{path} 不是可识别的私钥文件。",
                       message_en=f"{path} is not a recognised private key file")


def _need_passphrase(path: Path) -> SigningError:
    return SigningError(f"私钥 {path} 有口令保护，请提供口令（--passphrase-file 或环境变量 "
                        "SCREENING_KEY_PASSPHRASE）。",
                        message_en=f"private key {path} is passphrase-protected; give the passphrase "
                                   "(--passphrase-file or SCREENING_KEY_PASSPHRASE)")


def _wrong_passphrase(path: Path) -> SigningError:
    return SigningError(f"口令不正确，无法打开私钥 {path}。",
                        message_en=f"wrong passphrase for private key {path}")


def _load_document(doc: Mapping[str, Any], path: Path, passphrase: bytes | None) -> PrivateKey:
    scheme = doc.get("scheme")
    if scheme not in SCHEMES:
        raise SigningError(f"{path}：不支持的签名算法 {scheme!r}",
                           message_en=f"{path}: unknown signature scheme {scheme!r}")
    if scheme == "sm2" and doc.get("sm2_id", sm2.DEFAULT_ID.decode()) != sm2.DEFAULT_ID.decode():
        raise SigningError(f"{path}：SM2 用户标识不是 GM/T 0009 默认值 1234567812345678。",
                           message_en=f"{path}: SM2 user ID is not the GM/T 0009 default")
    header = {k: v for k, v in doc.items() if k != "private"}
    try:
        blob = _unb64(doc["private"])
    except (KeyError, TypeError, ValueError):
        raise _damaged(path)
    enc = doc.get("encryption")
    if enc is None:
        plain = blob
    else:
        if passphrase is None:
            raise _need_passphrase(path)
        try:
            if enc["kdf"] != "scrypt" or enc["cipher"] != "aes-256-gcm":
                raise ValueError("unknown kdf/cipher")
            n, r, p = int(enc["n"]), int(enc["r"]), int(enc["p"])
            if not (2 <= n <= _SCRYPT_MAX_N and n & (n - 1) == 0 and 1 <= r <= _SCRYPT_MAX_R
                    and 1 <= p <= _SCRYPT_MAX_P):
                raise ValueError("scrypt parameters out of range")
            salt, nonce = _unb64(enc["salt"]), _unb64(enc["nonce"])
            if len(nonce) != 12 or len(salt) < 16:
                raise ValueError("bad salt/nonce")
        except (KeyError, TypeError, ValueError):
            raise _damaged(path)
        secret = _scrypt(passphrase, salt, n, r, p)
        try:
            plain = AESGCM(secret).decrypt(nonce, blob, _aad(header))
        except InvalidTag:
            raise _wrong_passphrase(path)
    key = _from_pkcs8(plain, scheme)
    public = key.public_key
    if public.pem != doc.get("public") or public.fingerprint != doc.get("fingerprint"):
        raise _damaged(path)
    return key


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    if not isinstance(text, str):
        raise TypeError("not base64 text")
    return base64.b64decode(text, validate=True)
