"""RFC 9162 (Certificate Transparency v2) Merkle tree hashing, inclusion and consistency proofs.

The ledger's checkpoints commit to the Merkle root of the entries' leaf hashes
(signing.md §2.1–2.3). Leaves are ``SHA-256(0x00 ‖ data)``, interior nodes
``SHA-256(0x01 ‖ left ‖ right)``, a tree of ``n`` leaves splits at the largest power of two
smaller than ``n``, and the empty tree's root is ``SHA-256("")``.

Indices here are 0-based leaf indices as in the RFC: ledger entry ``seq`` is leaf ``seq - 1``.
All hashes are raw 32-byte values. The verifiers never raise for a bad proof; they return False.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

HASH_SIZE = 32
EMPTY_ROOT = hashlib.sha256(b"").digest()


def leaf_hash(data: bytes) -> bytes:
    """``SHA-256(0x00 ‖ data)`` — the RFC 9162 leaf hash."""
    return hashlib.sha256(b"\x00" + data).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    """``SHA-256(0x01 ‖ left ‖ right)`` — the RFC 9162 interior node hash."""
    return hashlib.sha256(b"\x01" + left + right).digest()


def _split(n: int) -> int:
    """The largest power of two smaller than ``n`` (``n`` ≥ 2)."""
    return 1 << ((n - 1).bit_length() - 1)


class Tree:
    """An in-memory RFC 9162 tree over leaf hashes that answers for any size ≤ its length.

    Roots of perfect (power-of-two, aligned) subtrees are cached, so a whole replay — the root at
    every checkpoint, a consistency proof between each two — costs O(n + c·log² n), not O(n·c).
    """

    def __init__(self, leaf_hashes: Sequence[bytes] = ()):
        self.leaves: list[bytes] = list(leaf_hashes)
        self._perfect: dict[tuple[int, int], bytes] = {}

    def __len__(self) -> int:
        return len(self.leaves)

    def append(self, leaf: bytes) -> None:
        self.leaves.append(leaf)

    def _hash(self, lo: int, hi: int) -> bytes:
        """The Merkle tree hash of leaves[lo:hi] (hi > lo)."""
        n = hi - lo
        if n == 1:
            return self.leaves[lo]
        perfect = n & (n - 1) == 0
        if perfect:
            cached = self._perfect.get((lo, n))
            if cached is not None:
                return cached
        k = _split(n)
        h = node_hash(self._hash(lo, lo + k), self._hash(lo + k, hi))
        if perfect:
            self._perfect[(lo, n)] = h
        return h

    def _size(self, size: int | None) -> int:
        n = len(self.leaves) if size is None else size
        if not 0 <= n <= len(self.leaves):
            raise ValueError(f"tree size {n} outside 0..{len(self.leaves)}")
        return n

    def root(self, size: int | None = None) -> bytes:
        """The root of the first ``size`` leaves (all by default)."""
        n = self._size(size)
        return self._hash(0, n) if n else EMPTY_ROOT

    def inclusion_proof(self, index: int, size: int | None = None) -> list[bytes]:
        """The audit path (RFC 9162 §2.1.3.1) of leaf ``index`` in the tree of ``size`` leaves."""
        n = self._size(size)
        if not 0 <= index < n:
            raise ValueError(f"leaf index {index} outside a tree of {n}")
        proof: list[bytes] = []
        lo, hi, m = 0, n, index
        while hi - lo > 1:
            k = _split(hi - lo)
            if m < k:
                proof.append(self._hash(lo + k, hi))
                hi = lo + k
            else:
                proof.append(self._hash(lo, lo + k))
                lo, m = lo + k, m - k
        proof.reverse()
        return proof

    def consistency_proof(self, old_size: int, size: int | None = None) -> list[bytes]:
        """The proof (RFC 9162 §2.1.4.1) that the first ``old_size`` leaves are a prefix of the
        first ``size``."""
        n = self._size(size)
        if not 0 <= old_size <= n:
            raise ValueError(f"old size {old_size} outside a tree of {n}")
        if old_size in (0, n):
            return []
        proof: list[bytes] = []
        lo, hi, m, whole = 0, n, old_size, True
        while m != hi - lo:
            k = _split(hi - lo)
            if m <= k:
                proof.append(self._hash(lo + k, hi))
                hi = lo + k
            else:
                proof.append(self._hash(lo, lo + k))
                lo, m, whole = lo + k, m - k, False
        if not whole:
            proof.append(self._hash(lo, hi))
        proof.reverse()
        return proof


def root(leaf_hashes: Sequence[bytes]) -> bytes:
    """The Merkle tree hash of the leaves (already leaf-hashed)."""
    return Tree(leaf_hashes).root()


def inclusion_proof(index: int, leaf_hashes: Sequence[bytes]) -> list[bytes]:
    """The audit path (RFC 9162 §2.1.3.1) of leaf ``index`` in the tree of ``leaf_hashes``."""
    return Tree(leaf_hashes).inclusion_proof(index)


def verify_inclusion(index: int, size: int, leaf: bytes, proof: Sequence[bytes],
                     expected_root: bytes) -> bool:
    """Check an inclusion proof (RFC 9162 §2.1.3.2). ``leaf`` is the leaf hash."""
    if not 0 <= index < size:
        return False
    fn, sn = index, size - 1
    r = leaf
    for p in proof:
        if len(p) != HASH_SIZE or sn == 0:
            return False
        if fn & 1 or fn == sn:
            r = node_hash(p, r)
            if not fn & 1:
                while fn and not fn & 1:
                    fn >>= 1
                    sn >>= 1
        else:
            r = node_hash(r, p)
        fn >>= 1
        sn >>= 1
    return sn == 0 and r == expected_root


def consistency_proof(old_size: int, leaf_hashes: Sequence[bytes]) -> list[bytes]:
    """The proof (RFC 9162 §2.1.4.1) that the first ``old_size`` leaves are a prefix of all."""
    return Tree(leaf_hashes).consistency_proof(old_size)


def verify_consistency(old_size: int, new_size: int, old_root: bytes, new_root: bytes,
                       proof: Sequence[bytes]) -> bool:
    """Check a consistency proof (RFC 9162 §2.1.4.2) between two tree heads."""
    if not 0 <= old_size <= new_size:
        return False
    if any(len(p) != HASH_SIZE for p in proof):
        return False
    if old_size == new_size:
        return not proof and old_root == new_root
    if old_size == 0:
        return not proof    # the empty tree is a prefix of every tree
    path = list(proof)
    if old_size & (old_size - 1) == 0:     # a power of two: the old root is a node of the new tree
        path.insert(0, old_root)
    if not path:
        return False
    fn, sn = old_size - 1, new_size - 1
    while fn & 1:
        fn >>= 1
        sn >>= 1
    fr = sr = path[0]
    for c in path[1:]:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            fr = node_hash(c, fr)
            sr = node_hash(c, sr)
            if not fn & 1:
                while fn and not fn & 1:
                    fn >>= 1
                    sn >>= 1
        else:
            sr = node_hash(sr, c)
        fn >>= 1
        sn >>= 1
    return sn == 0 and fr == old_root and sr == new_root
