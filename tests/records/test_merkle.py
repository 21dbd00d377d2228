"""RFC 9162 Merkle hashing and proofs: the Certificate Transparency reference vectors, trees
worked out by hand, and an independent recursive implementation of the RFC text for larger sizes."""

from __future__ import annotations

import hashlib

import pytest

from screening.records.merkle import (EMPTY_ROOT, Tree, consistency_proof, inclusion_proof,
                                      leaf_hash, node_hash, root, verify_consistency,
                                      verify_inclusion)

# The CT reference test vectors (google/certificate-transparency merkle_tree_test).
CT_LEAVES = [b"", b"\x00", b"\x10", b"\x20\x21", b"\x30\x31", b"\x40\x41\x42\x43",
             bytes(range(0x50, 0x58)), bytes(range(0x60, 0x70))]
CT_ROOTS = ["6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
            "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
            "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
            "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
            "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"]
CT_INCLUSION = {
    (0, 8): ["96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
             "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
             "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"],
    (5, 8): ["bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
             "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
             "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"],
    (2, 3): ["fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"],
    (1, 5): ["6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
             "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
             "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"],
    (0, 1): [],
}
CT_CONSISTENCY = {
    (1, 1): [],
    (1, 8): ["96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
             "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
             "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"],
    (6, 8): ["0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
             "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
             "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"],
    (2, 5): ["5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
             "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"],
}
CT_HASHES = [leaf_hash(x) for x in CT_LEAVES]


def sha(data: bytes) -> bytes:
    return hashlib.sha256(data).digest()


# An independent implementation of RFC 9162 §2.1, written from the text, recursive and slow.
def ref_mth(data: list[bytes]) -> bytes:
    n = len(data)
    if n == 0:
        return sha(b"")
    if n == 1:
        return sha(b"\x00" + data[0])
    k = 1
    while k * 2 < n:
        k *= 2
    return sha(b"\x01" + ref_mth(data[:k]) + ref_mth(data[k:]))


def ref_path(m: int, data: list[bytes]) -> list[bytes]:
    n = len(data)
    if n == 1:
        return []
    k = 1
    while k * 2 < n:
        k *= 2
    if m < k:
        return ref_path(m, data[:k]) + [ref_mth(data[k:])]
    return ref_path(m - k, data[k:]) + [ref_mth(data[:k])]


def ref_subproof(m: int, data: list[bytes], b: bool) -> list[bytes]:
    n = len(data)
    if m == n:
        return [] if b else [ref_mth(data)]
    k = 1
    while k * 2 < n:
        k *= 2
    if m <= k:
        return ref_subproof(m, data[:k], b) + [ref_mth(data[k:])]
    return ref_subproof(m - k, data[k:], False) + [ref_mth(data[:k])]


def test_leaf_and_node_hashes_carry_the_domain_prefixes():
    assert leaf_hash(b"abc") == sha(b"\x00abc")
    assert node_hash(b"L" * 32, b"R" * 32) == sha(b"\x01" + b"L" * 32 + b"R" * 32)
    assert root([]) == EMPTY_ROOT == sha(b"")


def test_hand_computed_trees_of_1_2_3_and_7_leaves():
    a, b, c, d, e, f, g = (leaf_hash(x) for x in [b"a", b"b", b"c", b"d", b"e", b"f", b"g"])
    assert root([a]) == a
    assert root([a, b]) == sha(b"\x01" + a + b)
    ab = node_hash(a, b)
    assert root([a, b, c]) == sha(b"\x01" + ab + c)              # split at 2: ((a b) c)
    cd, ef = node_hash(c, d), node_hash(e, f)
    abcd = node_hash(ab, cd)
    assert root([a, b, c, d, e, f, g]) == node_hash(abcd, node_hash(ef, g))   # split at 4, then 2


@pytest.mark.parametrize("n", range(1, 9))
def test_ct_reference_roots(n):
    assert root(CT_HASHES[:n]).hex() == CT_ROOTS[n - 1]


@pytest.mark.parametrize(("index", "n"), sorted(CT_INCLUSION))
def test_ct_reference_inclusion_proofs(index, n):
    proof = inclusion_proof(index, CT_HASHES[:n])
    assert [p.hex() for p in proof] == CT_INCLUSION[(index, n)]
    assert verify_inclusion(index, n, CT_HASHES[index], proof, bytes.fromhex(CT_ROOTS[n - 1]))


@pytest.mark.parametrize(("m", "n"), sorted(CT_CONSISTENCY))
def test_ct_reference_consistency_proofs(m, n):
    proof = consistency_proof(m, CT_HASHES[:n])
    assert [p.hex() for p in proof] == CT_CONSISTENCY[(m, n)]
    assert verify_consistency(m, n, bytes.fromhex(CT_ROOTS[m - 1]), bytes.fromhex(CT_ROOTS[n - 1]),
                              proof)


@pytest.mark.parametrize("n", [1, 2, 3, 7, 1000])
def test_root_equals_the_reference_implementation(n):
    data = [i.to_bytes(4, "big") * (i % 3) for i in range(n)]
    assert root([leaf_hash(x) for x in data]) == ref_mth(data)


@pytest.mark.parametrize("n", [1, 2, 3, 7, 16, 33])
def test_every_proof_equals_the_reference_and_verifies(n):
    data = [bytes([i]) * 3 for i in range(n)]
    leaves = [leaf_hash(x) for x in data]
    tree = Tree(leaves)
    r = tree.root()
    for i in range(n):
        proof = tree.inclusion_proof(i)
        assert proof == ref_path(i, data)
        assert verify_inclusion(i, n, leaves[i], proof, r)
    for m in range(0, n + 1):
        proof = tree.consistency_proof(m)
        assert proof == ([] if m in (0, n) else ref_subproof(m, data, True))
        assert verify_consistency(m, n, tree.root(m), r, proof)


def test_tree_answers_for_every_prefix_of_1000_leaves():
    data = [str(i).encode() for i in range(1000)]
    tree = Tree([leaf_hash(x) for x in data])
    for m in (1, 2, 3, 7, 500, 511, 512, 513, 999):
        assert tree.root(m) == ref_mth(data[:m])
    proof = tree.consistency_proof(7, 1000)
    assert verify_consistency(7, 1000, tree.root(7), tree.root(1000), proof)
    path = tree.inclusion_proof(700, 1000)
    assert verify_inclusion(700, 1000, tree.leaves[700], path, tree.root())


def test_bad_inclusion_proofs_are_refused():
    leaves = CT_HASHES
    r = root(leaves)
    proof = inclusion_proof(5, leaves)
    assert not verify_inclusion(5, 8, leaves[4], proof, r)             # another leaf
    assert not verify_inclusion(4, 8, leaves[5], proof, r)             # another position
    assert not verify_inclusion(5, 6, leaves[5], proof, r)             # another size
    assert not verify_inclusion(5, 8, leaves[5], proof[:-1], r)        # shortened
    assert not verify_inclusion(5, 8, leaves[5], proof + [r], r)       # lengthened
    assert not verify_inclusion(5, 8, leaves[5], [proof[0], proof[2], proof[1]], r)
    assert not verify_inclusion(8, 8, leaves[5], proof, r)             # index outside
    assert not verify_inclusion(5, 8, leaves[5], [b"short"] + proof[1:], r)


def test_bad_consistency_proofs_are_refused():
    tree = Tree(CT_HASHES)
    proof = tree.consistency_proof(6)
    r6, r8 = tree.root(6), tree.root(8)
    assert verify_consistency(6, 8, r6, r8, proof)
    assert not verify_consistency(6, 8, tree.root(5), r8, proof)       # old root of another size
    assert not verify_consistency(6, 8, r6, tree.root(7), proof)       # new root of another size
    assert not verify_consistency(5, 8, r6, r8, proof)                 # another old size
    assert not verify_consistency(6, 8, r6, r8, proof[:-1])
    assert not verify_consistency(6, 8, r6, r8, proof + [r8])
    assert not verify_consistency(8, 6, r8, r6, proof)                 # shrinking
    assert not verify_consistency(6, 6, r6, r8, [])                    # same size, other root
    assert not verify_consistency(4, 8, tree.root(4), r8, [])          # empty proof


def test_a_forked_history_is_not_consistent():
    honest = Tree(CT_HASHES)
    forked = Tree(CT_HASHES[:5] + [leaf_hash(b"rewritten")] + CT_HASHES[6:])
    proof = forked.consistency_proof(6)
    assert not verify_consistency(6, 8, honest.root(6), forked.root(8), proof)
