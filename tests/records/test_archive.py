"""The annual archive: layout, offline verification, and every kind of tampering found with a
Chinese reason (signing.md §6.2–6.3)."""

from __future__ import annotations

import base64
import json
import shutil

import pytest

from screening.errors import RecordError
from screening.records.archive import (MANIFEST_PAYLOAD_TYPE, export_archive, sign_manifest,
                                       verify_archive)
from screening.records.dsse import Envelope
from screening.records.ledger import entry_chain_hash, entry_leaf_hash

from .people import PLANTED
from .views_build import two_years


@pytest.fixture(scope="module")
def world(tmp_path_factory, screener):
    root = tmp_path_factory.mktemp("archive")
    ty = two_years(root, screener)
    export_archive(ty.office.ledger, 2026, root / "归档-2026", ty.office.officer.key)
    yield ty, root / "归档-2026"
    ty.office.close()


@pytest.fixture
def bundle(world, tmp_path):
    """A fresh copy of the exported bundle to damage."""
    ty, directory = world
    copy = tmp_path / "copy"
    shutil.copytree(directory, copy)
    return ty, copy


def _lines(path):
    return [json.loads(line) for line in path.read_text("utf-8").splitlines()]


def test_layout_and_contents(world):
    ty, d = world
    names = sorted(p.relative_to(d).as_posix() for p in d.rglob("*") if p.is_file())
    assert names == ["decisions.jsonl", "ledger/checkpoints.txt", "ledger/earlier.jsonl",
                     "ledger/leaves.txt", "ledger/prev-year.txt", "manifest.dsse.json",
                     "manifest.json", "records.jsonl", "roster/index.json",
                     "roster/seq-000001.dsse.json", "roster/seq-000002.dsse.json",
                     "roster/seq-000003.dsse.json", "roster/seq-000004.dsse.json", "说明.txt"]
    records = _lines(d / "records.jsonl")
    led = ty.office.ledger
    year = [e for e in led.entries() if e.year == 2026]
    assert [r["seq"] for r in records] == [e.seq for e in year] == list(range(13, 26))
    assert [base64.b64decode(r["body"]) for r in records] == [e.body for e in year]
    assert [r["kind"] for r in records].count("review") == 5
    earlier = _lines(d / "ledger/earlier.jsonl")
    assert [(r["seq"], r["kind"]) for r in earlier] == [
        (1, "roster"), (2, "roster"), (3, "roster"), (4, "roster"), (11, "review")]
    assert (d / "ledger/prev-year.txt").read_text("utf-8").startswith("# 账本第 12 条 2025-12-30")
    decisions = _lines(d / "decisions.jsonl")
    assert [(x["seq"], x["decision"]["allow"]) for x in decisions] == [(23, True), (24, False)]
    assert (d / "ledger/leaves.txt").read_text().split() == [e.leaf_hash for e in led.entries()]
    manifest = json.loads((d / "manifest.json").read_bytes())
    assert manifest["year"] == 2026 and manifest["ledger"]["first_seq"] == 13
    assert {f["path"] for f in manifest["files"]} == set(names) - {"manifest.json",
                                                                  "manifest.dsse.json"}
    env = Envelope.from_json((d / "manifest.dsse.json").read_bytes())
    assert env.payload_type == MANIFEST_PAYLOAD_TYPE
    assert env.payload == (d / "manifest.json").read_bytes()
    assert "screen archive verify" in (d / "说明.txt").read_text("utf-8")


def test_no_draft_bytes_and_no_raw_personal_value_anywhere(world):
    ty, d = world
    drafts = [p.read_bytes() for p in (ty.doc_c, ty.sanitized, ty.doc_a)]
    for path in d.rglob("*"):
        if not path.is_file():
            continue
        blobs = [path.read_bytes()]
        if path.suffix == ".jsonl":
            for line in _lines(path):
                if "body" in line:
                    body = base64.b64decode(line["body"])
                    blobs.append(body)
                    try:
                        blobs.append(Envelope.from_json(body).payload)
                    except RecordError:
                        pass
        for blob in blobs:
            for value in PLANTED.values():
                assert value.encode("utf-8") not in blob, (path, value)
            for draft in drafts:
                assert draft not in blob, path


def test_export_verifies_with_the_trust_root(world):
    ty, d = world
    check = verify_archive(d, trust=[ty.office.admin.fingerprint])
    assert check.ok, check.problems
    assert (check.year, check.entries, check.records, check.complete_records) == (2026, 13, 2, 2)
    assert check.checkpoints == 7          # six of 2026 + the last of 2025
    assert check.signers == [f"{ty.office.officer.name}（信息公开审查人）"]
    assert check.trust_pinned and check.problems == []
    assert check.notes == []               # entry 25 is a checkpoint covering 1–24


def test_without_trust_it_says_the_root_is_not_pinned(world):
    _, d = world
    check = verify_archive(d)
    assert check.ok and not check.trust_pinned
    assert check.notes[0].startswith("未用 --trust 核对名册信任根（未固定信任根）")


def test_wrong_trust_root_fails(world):
    ty, d = world
    check = verify_archive(d, trust=[ty.office.officer.fingerprint])
    assert not check.ok
    assert check.problems == ["名册的信任根与 --trust 给出的指纹不符（名册可能被整体替换）"]


def test_one_changed_byte_in_records_is_found(bundle):
    _, d = bundle
    path = d / "records.jsonl"
    lines = path.read_text("utf-8").splitlines(keepends=True)
    record = json.loads(lines[10])                       # seq 23, the gate's allow
    body = record["body"]
    i = body.index("e", 20)
    changed = lines[10].replace(body, body[:i] + "f" + body[i + 1:])
    assert len(changed) == len(lines[10]) and changed != lines[10]
    lines[10] = changed
    path.write_text("".join(lines), "utf-8")
    check = verify_archive(d)
    assert not check.ok
    assert check.problems[:3] == ["文件 records.jsonl 与清单中的摘要不符（文件被改动）",
                                  "第 23 条记录的哈希不符（记录被改动）",
                                  "第 23 条记录的链哈希不符（记录链被改写）"]


def test_a_deleted_line_is_found(bundle):
    _, d = bundle
    path = d / "records.jsonl"
    lines = path.read_text("utf-8").splitlines(keepends=True)
    del lines[11]                                        # seq 24, the gate's denial
    path.write_text("".join(lines), "utf-8")
    check = verify_archive(d)
    assert not check.ok
    assert "文件 records.jsonl 与清单中的摘要不符（文件被改动）" in check.problems
    assert "第 24 条记录缺失（记录被删除）" in check.problems


def test_a_changed_manifest_is_found(bundle):
    _, d = bundle
    path = d / "manifest.json"
    manifest = json.loads(path.read_bytes())
    manifest["year"] = 2025
    path.write_text(json.dumps(manifest, ensure_ascii=False), "utf-8")
    check = verify_archive(d)
    assert not check.ok
    assert "manifest.dsse.json 签署的内容与 manifest.json 不一致" in check.problems


def test_an_added_file_and_a_missing_file_are_found(bundle):
    _, d = bundle
    (d / "extra.txt").write_text("x")
    (d / "roster" / "seq-000002.dsse.json").unlink()
    check = verify_archive(d)
    assert not check.ok
    assert "清单中没有登记的文件：extra.txt" in check.problems
    assert "缺少文件：roster/seq-000002.dsse.json" in check.problems
    assert "名册文件 roster/seq-000002.dsse.json 与账本记录不一致" in check.problems


def test_a_rewritten_and_resigned_bundle_fails_on_the_checkpoints(bundle):
    """Someone with the officer's key turns the denial into an allow, recomputes every hash
    and re-signs the manifest: the signed checkpoint roots still give it away."""
    ty, d = bundle
    records = _lines(d / "records.jsonl")
    target = next(r for r in records if r["seq"] == 24)
    decision = json.loads(base64.b64decode(target["body"]))
    decision["allow"] = True
    target["body"] = base64.b64encode(json.dumps(decision).encode()).decode()
    leaves = (d / "ledger/leaves.txt").read_text().split()
    manifest = json.loads((d / "manifest.json").read_bytes())
    previous = bytes.fromhex(manifest["ledger"]["prev_chain_hash"])
    for r in records:
        leaf = entry_leaf_hash(base64.b64decode(r["body"]))
        r["leaf_hash"] = leaf.hex()
        leaves[r["seq"] - 1] = leaf.hex()
        previous = entry_chain_hash(previous, leaf)
        r["chain_hash"] = previous.hex()
    (d / "records.jsonl").write_text(
        "".join(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n" for r in records))
    (d / "ledger/leaves.txt").write_text("".join(h + "\n" for h in leaves))
    decisions = _lines(d / "decisions.jsonl")
    decisions[1]["decision"] = decision
    (d / "decisions.jsonl").write_text(
        "".join(json.dumps(x, ensure_ascii=False, sort_keys=True) + "\n" for x in decisions))
    from screening.records.digests import digest_bytes
    for f in manifest["files"]:
        data = (d / f["path"]).read_bytes()
        dg = digest_bytes(data)
        f.update(size=len(data), sha256=dg.sha256, sm3=dg.sm3)
    manifest["ledger"]["last_chain_hash"] = records[-1]["chain_hash"]
    payload = json.dumps(manifest, ensure_ascii=False, sort_keys=True).encode()
    (d / "manifest.json").write_bytes(payload)
    (d / "manifest.dsse.json").write_bytes(
        sign_manifest(payload, [ty.office.officer.key]).to_json())
    check = verify_archive(d, trust=[ty.office.admin.fingerprint])
    assert not check.ok
    assert check.problems == [
        "第 25 条检查点（覆盖第 1–24 条）的根不符：第 1–24 条之间的记录链被重写"]


def test_independent_checkpoint_copy(world, tmp_path):
    ty, d = world
    last = [e for e in ty.office.ledger.entries(kind="checkpoint")][-1]
    check = verify_archive(d, checkpoint_text=last.body.decode())
    assert check.ok and "与独立副本的检查点（前 24 条）一致" in check.notes
    forged = last.body.decode().replace("\n24\n", "\n23\n", 1)
    assert forged != last.body.decode()
    check = verify_archive(d, checkpoint_text=forged)
    assert check.problems == ["独立副本的检查点与归档不符（记录链被重写）"]


def test_export_refusals(world, tmp_path):
    ty, d = world
    led = ty.office.ledger
    with pytest.raises(RecordError, match="输出目录已存在且不为空"):
        export_archive(led, 2026, d, ty.office.officer.key)
    with pytest.raises(RecordError, match="账本中没有 2024 年度的记录"):
        export_archive(led, 2024, tmp_path / "a", ty.office.officer.key)
    with pytest.raises(RecordError, match="没有 officer 角色，不能签署年度归档"):
        export_archive(led, 2026, tmp_path / "b", ty.office.drafter.key)
    assert not (tmp_path / "a").exists() and not (tmp_path / "b").exists()


def test_cosigned_export_of_the_earlier_year(world, tmp_path):
    ty, _ = world
    out = tmp_path / "归档-2025"
    result = export_archive(ty.office.ledger, 2025, out, ty.office.officer.key,
                            cosigners=[ty.office.admin.key, ty.office.leader.key])
    assert result.signers == (ty.office.officer.name, "名册管理员", ty.office.leader.name)
    check = verify_archive(out, trust=[ty.office.admin.fingerprint])
    assert check.ok, check.problems
    assert check.notes[-1].endswith("（账本第 11 条起）在本年度末尚未完成")
    assert sorted(check.signers) == sorted([f"{ty.office.officer.name}（信息公开审查人）",
                                            f"{ty.office.leader.name}（分管领导）", "名册管理员"])
    # doc B's review was finished in 2026: in 2025 it is an unfinished (but valid) record
    assert (check.records, check.complete_records) == (2, 1)
    assert not (out / "ledger" / "prev-year.txt").exists()
