"""Helpers for the ledger tests: a tiny Ed25519 signer with the ``Signer`` protocol, raw SQL
against either backend (to tamper the way an insider with database access would), and a
``ledger_target`` fixture that runs a test once on SQLite and once on PostgreSQL."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ed25519

from tests.records.pg import admin_connection, pg_url  # noqa: F401  (fixture re-exported)


class TestPublicKey:
    """``scheme``, ``fingerprint`` (sha256 of the SPKI DER) and ``verify`` like records.keys."""

    __test__ = False

    def __init__(self, key: ed25519.Ed25519PublicKey):
        self._key = key
        self.scheme = "ed25519"
        der = key.public_bytes(serialization.Encoding.DER,
                               serialization.PublicFormat.SubjectPublicKeyInfo)
        self.fingerprint = "sha256:" + hashlib.sha256(der).hexdigest()

    def verify(self, data: bytes, signature: bytes) -> bool:
        try:
            self._key.verify(signature, data)
        except InvalidSignature:
            return False
        return True


class TestSigner:
    """An Ed25519 signer with the records ``Signer`` protocol (scheme, public_key, sign)."""

    __test__ = False

    def __init__(self) -> None:
        self._key = ed25519.Ed25519PrivateKey.generate()
        self.scheme = "ed25519"
        self.public_key = TestPublicKey(self._key.public_key())

    def sign(self, data: bytes) -> bytes:
        return self._key.sign(data)


def sql(url: str, *statements: str) -> list:
    """Run raw statements on the ledger's database, as its owner, committing; the last result."""
    result: list = []
    if url.startswith("sqlite://"):
        db = sqlite3.connect(url[len("sqlite://"):], isolation_level=None)
        try:
            for stmt in statements:
                result = db.execute(stmt).fetchall()
        finally:
            db.close()
        return result
    db = admin_connection(url)
    try:
        for stmt in statements:
            result = db.run(stmt) or []
    finally:
        db.close()
    return result


def drop_guards(url: str) -> list[str]:
    """The statements that remove the append-only triggers of the ``entries`` table."""
    if url.startswith("sqlite://"):
        return ["DROP TRIGGER entries_no_update", "DROP TRIGGER entries_no_delete"]
    return ["DROP TRIGGER entries_no_update_delete ON entries"]


@pytest.fixture(params=["sqlite", "postgresql"])
def ledger_target(request, tmp_path: Path) -> str:
    """A ledger URL: a new SQLite file, or a fresh PostgreSQL database (skipped when unset)."""
    if request.param == "sqlite":
        return "sqlite://" + str(tmp_path / "ledger.sqlite")
    return request.getfixturevalue("pg_url")


def blob(url: str, data: bytes) -> str:
    """A SQL literal for ``data`` in the ledger's dialect."""
    return f"X'{data.hex()}'" if url.startswith("sqlite://") else f"'\\x{data.hex()}'::bytea"


def rewrite_from(url: str, entries: list, seq: int, new_body: bytes) -> list[str]:
    """Statements an insider would run to replace entry ``seq``'s body and recompute every later
    leaf and chain hash, so the chain alone looks intact (triggers must be dropped first)."""
    out = []
    prev = bytes.fromhex(entries[seq - 2].chain_hash) if seq > 1 else bytes(32)
    for e in entries[seq - 1:]:
        body = new_body if e.seq == seq else e.body
        leaf = hashlib.sha256(b"\x00" + body).digest()
        chain = hashlib.sha256(prev + leaf).digest()
        out.append(f"UPDATE entries SET body = {blob(url, body)}, leaf_hash = '{leaf.hex()}', "
                   f"chain_hash = '{chain.hex()}' WHERE seq = {e.seq}")
        prev = chain
    return out
