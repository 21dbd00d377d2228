"""`verify_ledger` catches an edited row, a deleted row, reordered rows and a rewritten chain —
each done the way an insider with database access would (drop the trigger, change the table) —
on SQLite and on PostgreSQL."""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta

import pytest

from screening.errors import RecordError
from screening.records.checkpoint import make_checkpoint, verify_ledger
from screening.records.ledger import open_ledger
from tests.records.ledger_build import (TestSigner, blob, drop_guards, ledger_target,  # noqa: F401
                                        pg_url, rewrite_from, sql)

ORIGIN = "screening ledger"
EDITED = b'{"step":"edited"}'


def build(url: str, signer: TestSigner) -> list:
    """Entries 1–6, checkpoint 7 (covers 1–6), entries 8–10, checkpoint 11 (covers 1–10), 12."""
    with open_ledger(url) as ledger:
        for i in range(6):
            ledger.append("review", f'{{"step":{i}}}'.encode(), [hashlib.sha256(bytes([i])).hexdigest()])
        make_checkpoint(ledger, signer, ORIGIN)
        for i in range(3):
            ledger.append("gate", f'{{"allow":{i}}}'.encode())
        make_checkpoint(ledger, signer, ORIGIN)
        ledger.append("gate", b'{"allow":9}')
        return list(ledger.entries())


def verify(url: str, signer: TestSigner):
    with open_ledger(url) as ledger:
        return verify_ledger(ledger, lambda cp, entry: [signer.public_key], origin=ORIGIN)


@pytest.fixture
def signer() -> TestSigner:
    return TestSigner()


def test_an_intact_ledger_verifies(ledger_target, signer):
    build(ledger_target, signer)
    check = verify(ledger_target, signer)
    assert (check.ok, check.size, check.checkpoints, check.problems) == (True, 12, 2, [])
    assert check.latest.size == 10 and check.uncovered == 1
    assert check.notes == ["最后一个检查点之后还有 1 条记录（只受记录链保护，下一个检查点会覆盖它们）"]


def test_an_edited_row_is_caught(ledger_target, signer):
    build(ledger_target, signer)
    sql(ledger_target, *drop_guards(ledger_target),
        f"UPDATE entries SET body = {blob(ledger_target, EDITED)} WHERE seq = 5")
    check = verify(ledger_target, signer)
    assert not check.ok
    assert check.problems == [
        "第 5 条记录的哈希不符（记录被改动）",
        "第 7 条检查点（覆盖第 1–6 条）的根与记录不符（见上面所列的改动）",
        "第 11 条检查点（覆盖第 1–10 条）的根与记录不符（见上面所列的改动）",
    ]
    assert check.problems_en[0] == "entry 5: hash mismatch (the entry was edited)"


def test_a_deleted_row_is_caught(ledger_target, signer):
    build(ledger_target, signer)
    sql(ledger_target, *drop_guards(ledger_target), "DELETE FROM entries WHERE seq = 9")
    check = verify(ledger_target, signer)
    assert not check.ok
    assert check.problems == [
        "第 9 条记录缺失（记录被删除）",
        "第 11 条检查点（覆盖第 1–10 条）的根与记录不符（见上面所列的改动）",
    ]


def test_a_deleted_row_renumbered_away_is_caught(ledger_target, signer):
    build(ledger_target, signer)
    sql(ledger_target, *drop_guards(ledger_target), "DELETE FROM entries WHERE seq = 12",
        "DELETE FROM entries WHERE seq = 9",
        "UPDATE entries SET seq = seq - 1 WHERE seq = 10",
        "UPDATE entries SET seq = seq - 1 WHERE seq = 11")
    check = verify(ledger_target, signer)
    assert not check.ok
    assert check.problems[0] == "第 9 条记录的链哈希不符（记录被删除、插入或调换了顺序）"
    assert "第 10 条检查点（覆盖第 1–10 条）覆盖了它自己或之后的记录，不可能（检查点被改动）" in check.problems


def test_reordered_rows_are_caught(ledger_target, signer):
    entries = build(ledger_target, signer)
    e3, e4 = entries[2], entries[3]
    sql(ledger_target, *drop_guards(ledger_target),
        f"UPDATE entries SET body = {blob(ledger_target, e4.body)}, leaf_hash = '{e4.leaf_hash}', "
        f"chain_hash = '{e4.chain_hash}' WHERE seq = 3",
        f"UPDATE entries SET body = {blob(ledger_target, e3.body)}, leaf_hash = '{e3.leaf_hash}', "
        f"chain_hash = '{e3.chain_hash}' WHERE seq = 4")
    check = verify(ledger_target, signer)
    assert not check.ok
    assert check.problems == [
        "第 3–5 条记录的链哈希不符（记录被删除、插入或调换了顺序）",
        "第 7 条检查点（覆盖第 1–6 条）的根与记录不符（见上面所列的改动）",
        "第 11 条检查点（覆盖第 1–10 条）的根与记录不符（见上面所列的改动）",
    ]


def test_a_rewritten_chain_is_caught_by_the_signed_checkpoint(ledger_target, signer):
    entries = build(ledger_target, signer)
    sql(ledger_target, *drop_guards(ledger_target),
        *rewrite_from(ledger_target, entries, 9, b'{"allow":true}'))
    check = verify(ledger_target, signer)
    assert not check.ok
    assert check.problems == ["第 11 条检查点（覆盖第 1–10 条）的根不符：第 7–10 条之间的记录链被重写"]
    assert check.problems_en == ["checkpoint entry 11 (covering entries 1–10): root mismatch — the "
                                 "chain of entries 7–10 was rewritten"]


def test_a_rewritten_chain_before_the_first_checkpoint(ledger_target, signer):
    entries = build(ledger_target, signer)
    sql(ledger_target, *drop_guards(ledger_target),
        *rewrite_from(ledger_target, entries, 2, b'{"step":"forged"}'))
    check = verify(ledger_target, signer)
    assert check.problems == ["第 7 条检查点（覆盖第 1–6 条）的根不符：第 1–6 条之间的记录链被重写",
                              "第 11 条检查点（覆盖第 1–10 条）的根不符：第 1–10 条之间的记录链被重写"]


def test_a_rewrite_after_the_last_checkpoint_is_only_noted(ledger_target, signer):
    """The limit of any self-kept log (signing.md §2.2): after the last checkpoint only the chain
    protects, and a recomputed chain passes — the README says to checkpoint and copy it out."""
    entries = build(ledger_target, signer)
    sql(ledger_target, *drop_guards(ledger_target),
        *rewrite_from(ledger_target, entries, 12, b'{"allow":"forged"}'))
    check = verify(ledger_target, signer)
    assert check.ok and check.uncovered == 1


def test_an_edited_time_is_caught_by_the_checkpoint_meta_line(ledger_target, signer):
    entries = build(ledger_target, signer)
    earlier = (datetime.fromisoformat(entries[2].recorded_at) - timedelta(microseconds=1)).isoformat()
    sql(ledger_target, *drop_guards(ledger_target),
        f"UPDATE entries SET recorded_at = '{earlier}' WHERE seq = 3")
    check = verify(ledger_target, signer)
    assert check.problems == [
        "第 7 条检查点（覆盖第 1–6 条）记下的类型、时间或文件摘要与记录不符：第 1–6 条之间的记录元数据被改动",
        "第 11 条检查点（覆盖第 1–10 条）记下的类型、时间或文件摘要与记录不符：第 1–10 条之间的记录元数据被改动",
    ]


def test_a_time_moved_before_the_previous_entry_is_caught(ledger_target, signer):
    build(ledger_target, signer)
    sql(ledger_target, *drop_guards(ledger_target),
        "UPDATE entries SET recorded_at = '2001-01-01T00:00:00.000000+08:00', year = 2001 WHERE seq = 12")
    check = verify(ledger_target, signer)
    assert check.problems == ["第 12 条记录的时间早于前一条（时间被改动或记录调换了顺序）"]


def test_several_deleted_rows_are_reported_once(ledger_target, signer):
    build(ledger_target, signer)
    sql(ledger_target, *drop_guards(ledger_target), "DELETE FROM entries WHERE seq >= 8 AND seq <= 10")
    check = verify(ledger_target, signer)
    assert check.problems == ["第 8–10 条记录缺失（记录被删除）",
                              "第 11 条检查点（覆盖第 1–10 条）的根与记录不符（见上面所列的改动）"]


def test_changed_file_digests_are_caught_by_the_checkpoint_meta_line(ledger_target, signer):
    build(ledger_target, signer)
    other = hashlib.sha256(b"another file").hexdigest()
    guards = (["DROP TRIGGER entry_digests_no_update"] if ledger_target.startswith("sqlite://")
              else ["DROP TRIGGER entry_digests_no_update_delete ON entry_digests"])
    sql(ledger_target, *guards, f"UPDATE entry_digests SET sha256 = '{other}' WHERE seq = 2")
    check = verify(ledger_target, signer)
    assert check.problems[0] == ("第 7 条检查点（覆盖第 1–6 条）记下的类型、时间或文件摘要与记录不符："
                                 "第 1–6 条之间的记录元数据被改动")


def test_a_checkpoint_signed_by_an_unknown_key_fails(ledger_target, signer):
    build(ledger_target, signer)
    stranger = TestSigner()
    with open_ledger(ledger_target) as ledger:
        check = verify_ledger(ledger, lambda cp, entry: [stranger.public_key])
    assert check.problems == [
        "第 7 条检查点（覆盖第 1–6 条）的签名无法验证（签名人当时不在名册，或检查点被改动）",
        "第 11 条检查点（覆盖第 1–10 条）的签名无法验证（签名人当时不在名册，或检查点被改动）",
    ]


def test_a_failing_key_callback_fails_closed(tmp_path, signer):
    url = str(tmp_path / "l.sqlite")
    build(url, signer)

    def keys(cp, entry):
        if entry.seq == 7:
            raise RecordError("名册尚未建立", message_en="no roster yet")
        raise ValueError("boom")

    with open_ledger(url) as ledger:
        check = verify_ledger(ledger, keys)
    assert check.problems == ["第 7 条检查点（覆盖第 1–6 条）的签名无法核对：名册尚未建立",
                              "第 11 条检查点（覆盖第 1–10 条）的签名无法核对：boom"]


def test_the_callback_sees_the_checkpoint_and_its_entry(tmp_path, signer):
    url = str(tmp_path / "l.sqlite")
    build(url, signer)
    seen = []
    with open_ledger(url) as ledger:
        verify_ledger(ledger, lambda cp, entry: seen.append((cp.size, entry.seq)) or [signer.public_key])
    assert seen == [(6, 7), (10, 11)]


def test_an_unparseable_checkpoint_is_a_problem(tmp_path, signer):
    url = str(tmp_path / "l.sqlite")
    with open_ledger(url) as ledger:
        ledger.append("gate", b"x")
        ledger.append("checkpoint", b"not a note")
        check = verify_ledger(ledger, lambda cp, entry: [signer.public_key])
    assert check.problems == ["第 2 条检查点无法解析：检查点格式不对：缺少正文与签名之间的空行"]


def test_no_checkpoint_yet_is_noted(tmp_path, signer):
    with open_ledger(str(tmp_path / "l.sqlite")) as ledger:
        ledger.append("gate", b"x")
        check = verify_ledger(ledger, lambda cp, entry: [])
    assert check.ok and check.notes == ["账本还没有签名检查点：记录链被整体重写时无法发现"]


def test_another_origin_is_noted(tmp_path, signer):
    with open_ledger(str(tmp_path / "l.sqlite")) as ledger:
        ledger.append("gate", b"x")
        make_checkpoint(ledger, signer, "old office name")
        check = verify_ledger(ledger, lambda cp, entry: [signer.public_key], origin=ORIGIN)
    assert check.ok
    assert check.notes == ["第 2 条检查点（覆盖第 1 条）的 origin 是“old office name”，不是配置的“screening ledger”"]
