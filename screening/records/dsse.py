"""DSSE envelopes (secure-systems-lab/dsse v1.0.0) — what every review step and roster version is.

* ``PAE(type, body) = "DSSEv1" SP LEN(type) SP type SP LEN(body) SP body`` (LEN = ASCII decimal
  byte length) is what is signed, so the payload type is authenticated too.
* :func:`verify_envelope` checks the signatures over the PAE *first*, counting **unique keys**
  (a signature repeated, or two signatures by one key, count once — GHSA-r7vq-6425-j94w); the
  ``keyid`` is only a hint for which key to try first, never a reason to accept; the payload type
  is compared only after a signature held; the caller gets back the payload bytes that were
  verified and must parse only those (signing.md §1.1, §1.6).
* ``to_json`` is compact with sorted keys: those bytes are what the ledger stores and what the
  next step's ``previous.envelopeDigest`` is computed over. ``from_json`` accepts standard and
  URL-safe base64 (the spec requires both) and refuses anything else ambiguous: duplicate JSON
  keys, unknown fields, missing fields.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..errors import RecordError, SigningError
from .digests import Digests, digest_bytes
from .keys import PublicKey, Signer

REVIEW_PAYLOAD_TYPE = "application/vnd.screening.review+json"
ROSTER_PAYLOAD_TYPE = "application/vnd.screening.roster+json"

_MAX_ENVELOPE = 16 * 1024 * 1024
_B64_CHARS = re.compile(r"[A-Za-z0-9+/\-_]*={0,2}")


def pae(payload_type: str, payload: bytes) -> bytes:
    """DSSE v1 Pre-Authentication Encoding."""
    t = payload_type.encode("utf-8")
    return b"DSSEv1 %d %s %d %s" % (len(t), t, len(payload), payload)


@dataclass(frozen=True)
class Envelope:
    """A DSSE envelope. ``signatures`` = ``((keyid, signature bytes), ...)``."""

    payload: bytes
    payload_type: str
    signatures: tuple[tuple[str, bytes], ...]

    def to_json(self) -> bytes:
        doc = {
            "payload": base64.b64encode(self.payload).decode("ascii"),
            "payloadType": self.payload_type,
            "signatures": [{"keyid": keyid, "sig": base64.b64encode(sig).decode("ascii")}
                           for keyid, sig in self.signatures],
        }
        return json.dumps(doc, sort_keys=True, separators=(",", ":"),
                          ensure_ascii=False).encode("utf-8")

    @classmethod
    def from_json(cls, data: bytes | str) -> Envelope:
        """Parse an envelope; :class:`RecordError` ("记录格式已损坏") for anything malformed."""
        if isinstance(data, str):
            data = data.encode("utf-8")
        if len(data) > _MAX_ENVELOPE:
            raise _malformed("too large")
        try:
            doc = json.loads(data.decode("utf-8"), object_pairs_hook=_no_duplicates)
        except (UnicodeDecodeError, ValueError) as exc:
            raise _malformed(str(exc))
        if not isinstance(doc, dict) or set(doc) - {"payload", "payloadType", "signatures"}:
            raise _malformed("unexpected fields")
        payload, ptype, sigs = doc.get("payload"), doc.get("payloadType"), doc.get("signatures")
        if not isinstance(payload, str) or not isinstance(ptype, str) or not ptype \
                or not isinstance(sigs, list):
            raise _malformed("payload, payloadType and signatures are required")
        signatures = []
        for item in sigs:
            if not isinstance(item, dict) or set(item) - {"keyid", "sig"} or "sig" not in item:
                raise _malformed("bad signature entry")
            keyid = item.get("keyid", "")
            if not isinstance(keyid, str) or not isinstance(item["sig"], str):
                raise _malformed("bad signature entry")
            signatures.append((keyid, b64decode(item["sig"])))
        return cls(payload=b64decode(payload), payload_type=ptype, signatures=tuple(signatures))

    def digests(self) -> Digests:
        """SHA-256 and SM3 of :meth:`to_json` (how the next step and the archive refer to it)."""
        return digest_bytes(self.to_json())


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise ValueError(f"duplicate key {key!r}")
        out[key] = value
    return out


def _malformed(detail: str) -> RecordError:
    return RecordError("签名记录（DSSE 信封）格式已损坏。",
                       message_en=f"malformed signed record (DSSE envelope): {detail}")


def b64decode(text: str) -> bytes:
    """Standard or URL-safe base64, padded or not (DSSE requires accepting both alphabets)."""
    if not _B64_CHARS.fullmatch(text):
        raise _malformed("invalid base64")
    text = text.rstrip("=").replace("-", "+").replace("_", "/")
    if len(text) % 4 == 1:
        raise _malformed("invalid base64 length")
    try:
        return base64.b64decode(text + "=" * (-len(text) % 4), validate=True)
    except (binascii.Error, ValueError):
        raise _malformed("invalid base64")


def sign_envelope(payload: bytes, payload_type: str, signer: Signer) -> Envelope:
    """Sign ``PAE(payload_type, payload)``; ``keyid`` = the signer's fingerprint. The signature is
    checked against the signer's public key before it is returned, so a broken signer (a device
    answering with another key) fails here, not at the auditor's."""
    if not payload_type:
        raise ValueError("payload_type is required")
    message = pae(payload_type, payload)
    try:
        signature = signer.sign(message)
    except SigningError:
        raise
    except Exception as exc:
        raise SigningError(f"签名失败：{exc}", message_en=f"signing failed: {exc}") from exc
    public = signer.public_key
    if not (isinstance(signature, (bytes, bytearray)) and public.verify(message, bytes(signature))):
        raise SigningError("签名器给出的签名与其公钥不符，未写入记录（请检查 U 盾或签名服务）。",
                           message_en="the signer's signature does not match its public key; "
                                      "nothing was recorded")
    return Envelope(payload=bytes(payload), payload_type=payload_type,
                    signatures=((public.fingerprint, bytes(signature)),))


def add_signature(env: Envelope, signer: Signer) -> Envelope:
    """The same envelope with one more signature (a multi-signed roster version)."""
    extra = sign_envelope(env.payload, env.payload_type, signer)
    return Envelope(payload=env.payload, payload_type=env.payload_type,
                    signatures=env.signatures + extra.signatures)


def verified_keys(env: Envelope, keys: Sequence[PublicKey]) -> tuple[PublicKey, ...]:
    """The distinct trusted keys with a valid signature over the envelope's PAE, in the order of
    the signatures. Each signature counts for at most one key and each key at most once; the
    ``keyid`` only decides which key is tried first."""
    message = pae(env.payload_type, env.payload)
    trusted: dict[str, PublicKey] = {}
    for key in keys:
        trusted.setdefault(key.fingerprint, key)
    found: dict[str, PublicKey] = {}
    for keyid, sig in env.signatures:
        hinted = trusted.get(keyid)
        order = ([hinted] if hinted else []) + [k for k in trusted.values() if k is not hinted]
        for key in order:
            if key.fingerprint in found:
                continue
            if key.verify(message, sig):
                found[key.fingerprint] = key
                break
    return tuple(found.values())


def verify_envelope(env: Envelope, keys: Sequence[PublicKey], payload_type: str,
                    threshold: int = 1) -> bytes:
    """Verify and return the payload bytes that were signed (parse only these).

    :param keys: the trusted keys (from the roster, never from the envelope).
    :param payload_type: the type the caller expects; checked after the signatures.
    :param threshold: how many *different* trusted keys must have signed.
    :raises RecordError: too few unique trusted keys signed, or the payload type is not the
        expected one.
    """
    if threshold < 1:
        raise ValueError("threshold must be at least 1")
    good = verified_keys(env, keys)
    if len(good) < threshold:
        if threshold == 1:
            raise RecordError("签名无效：记录没有可信密钥的有效签名（记录可能被改动或伪造）。",
                              message_en="invalid signature: no valid signature by a trusted key "
                                         "(the record may have been altered or forged)")
        raise RecordError(f"签名不足：需要 {threshold} 把不同可信密钥的有效签名，"
                          f"只有 {len(good)} 把。",
                          message_en=f"not enough signatures: {threshold} different trusted keys "
                                     f"required, {len(good)} found")
    if env.payload_type != payload_type:
        raise RecordError(f"记录类型不符：应为 {payload_type}，实为 {env.payload_type}。",
                          message_en=f"wrong payload type: expected {payload_type}, "
                                     f"got {env.payload_type}")
    return env.payload
