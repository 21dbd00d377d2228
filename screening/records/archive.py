"""The annual archive bundle (signing.md §6.2) and its offline verification (§6.3).

Layout of ``screen archive export --year 2026 -o DIR``::

    DIR/
      说明.txt                    how to verify, in Chinese (English after)
      manifest.json              every other file: path, size, sha256, sm3; the year, ledger range
      manifest.dsse.json         DSSE over manifest.json: the officer's key (+ optional co-signers)
      records.jsonl              EVERY ledger entry of the year in seq order: seq, kind,
                                 recorded_at, digests, leaf_hash, chain_hash, body (verbatim
                                 bytes, base64) — review envelopes, roster versions, gate
                                 decisions, checkpoints, sanitize and form entries
      decisions.jsonl            the year's gate decisions, readable (masked; a copy of the
                                 bodies in records.jsonl)
      ledger/leaves.txt          the leaf hash of every entry 1 … last (checkpoint roots are
                                 recomputed from these; the year's are recomputed from bodies)
      ledger/checkpoints.txt     every signed checkpoint of the year (signed-note text)
      ledger/prev-year.txt       the last checkpoint before the year (links the years), if any
      ledger/earlier.jsonl       entries before the year the year needs: every roster version,
                                 and earlier steps of a review finished this year
      roster/seq-NNNNNN.dsse.json  every roster version envelope in force up to the year's end
      roster/index.json          seq, recorded_at and file of each roster version

No draft bytes: records hold digests and masked summaries only. Open formats, no compression or
encryption (DA/T 70). :func:`verify_archive` needs the directory alone: manifest digests and
signature, leaf and chain hash replay, checkpoint roots and signatures, every review chain
verified like ``screen record verify`` against the roster versions in the bundle; ``trust``
(``--trust sha256:…``) pins the roster's root key to an independent copy.
"""

from __future__ import annotations

import base64
import binascii
import json
import os
import shutil
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from ..errors import RecordError
from .ledger import ZERO_HASH, Entry, Ledger, entry_chain_hash, entry_leaf_hash

MANIFEST_PAYLOAD_TYPE = "application/vnd.screening.archive-manifest+json"
SCHEMA = "screening.archive/1"
MANIFEST, MANIFEST_DSSE = "manifest.json", "manifest.dsse.json"
RECORDS, DECISIONS, README = "records.jsonl", "decisions.jsonl", "说明.txt"
LEAVES, CHECKPOINTS = "ledger/leaves.txt", "ledger/checkpoints.txt"
PREV_YEAR, EARLIER = "ledger/prev-year.txt", "ledger/earlier.jsonl"
ROSTER_DIR, ROSTER_INDEX = "roster", "roster/index.json"
ROLE_WORDS = {"drafter": "拟稿人", "leader": "分管领导", "officer": "信息公开审查人"}


# ---------------------------------------------------------------------------------------------
# export

@dataclass(frozen=True)
class ExportResult:
    directory: Path
    year: int
    entries: int
    reviews: int
    decisions: int
    checkpoints: int
    signers: tuple[str, ...]        # names (roster) of the manifest signers


def _entry_line(e: Entry) -> str:
    return json.dumps({"seq": e.seq, "kind": e.kind, "recorded_at": e.recorded_at,
                       "year": e.year, "digests": list(e.digests), "leaf_hash": e.leaf_hash,
                       "chain_hash": e.chain_hash,
                       "body": base64.b64encode(e.body).decode("ascii")},
                      ensure_ascii=False, sort_keys=True) + "\n"


def _checkpoint_text(entries: Iterable[Entry]) -> str:
    out = []
    for e in entries:
        note = e.body.decode("utf-8", "replace")
        out.append(f"# 账本第 {e.seq} 条 {e.recorded_at}\n{note}"
                   + ("" if note.endswith("\n") else "\n"))
    return "\n".join(out)


def _decision_line(e: Entry) -> str:
    try:
        decision = json.loads(e.body)
    except (UnicodeDecodeError, json.JSONDecodeError):
        decision = None
    return json.dumps({"seq": e.seq, "recorded_at": e.recorded_at, "decision": decision},
                      ensure_ascii=False, sort_keys=True) + "\n"


def _case_of(e: Entry) -> str | None:
    from .statement import peek_case_id
    try:
        env = _envelope(e.body)
    except RecordError:
        return None
    return peek_case_id(env.payload)


def _envelope(body: bytes):
    from .dsse import Envelope
    return Envelope.from_json(body)


def export_archive(ledger: Ledger, year: int, out: Path | str, signer: Any, *,
                   cosigners: Sequence[Any] = (), now: datetime | None = None) -> ExportResult:
    """Write the bundle of ``year`` to the new directory ``out``.

    ``signer`` must be a key the current roster gives the officer role (valid now);
    ``cosigners`` are roster administrator or leader keys. RecordError when the year has no
    entry, the ledger does not hold together, the directory exists, or a key has no such role.
    """
    from .roster import current_roster, versions

    out = Path(out)
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise RecordError(f"输出目录已存在且不为空：{out}（请换一个新目录）",
                          message_en=f"output directory exists and is not empty: {out}")
    year_entries = list(ledger.entries(year=year))
    if not year_entries:
        raise RecordError(f"账本中没有 {year} 年度的记录，无可归档。",
                          message_en=f"the ledger holds no entry of {year}; nothing to archive")
    first, last = year_entries[0].seq, year_entries[-1].seq
    if [e.seq for e in year_entries] != list(range(first, last + 1)):
        raise RecordError(f"{year} 年度的账本记录不连续（记录缺失），请先运行 screen ledger verify",
                          message_en=f"the {year} ledger entries have gaps; run screen ledger verify")
    at = now or datetime.now().astimezone()
    roster = current_roster(ledger)
    names = [_check_key(roster, signer, ("officer",), at, admin_ok=False)]
    names += [_check_key(roster, c, ("leader",), at, admin_ok=True) for c in cosigners]
    if len({s.public_key.fingerprint for s in (signer, *cosigners)}) != 1 + len(cosigners):
        raise RecordError("归档签名的密钥重复：每人只签一次", message_en="a key signs the manifest twice")

    leaves: list[str] = []
    earlier: list[Entry] = []
    prev_checkpoint: Entry | None = None
    cases = {c for c in (_case_of(e) for e in year_entries if e.kind == "review") if c}
    prev_chain = ZERO_HASH.hex()
    for e in ledger.entries():
        if e.seq > last:
            break
        if e.seq < first:
            if e.kind == "roster" or (e.kind == "review" and _case_of(e) in cases):
                earlier.append(e)
            if e.kind == "checkpoint":
                prev_checkpoint = e
            prev_chain = e.chain_hash
        leaves.append(e.leaf_hash)
    if len(leaves) != last:
        raise RecordError("账本记录不连续（记录缺失），请先运行 screen ledger verify",
                          message_en="the ledger has gaps; run screen ledger verify")
    previous = bytes.fromhex(prev_chain)
    for e in year_entries:
        leaf = entry_leaf_hash(e.body)
        chained = entry_chain_hash(previous, leaf)
        if leaf.hex() != e.leaf_hash or chained.hex() != e.chain_hash:
            raise RecordError(f"第 {e.seq} 条记录的哈希不符（账本被改动），不能归档；"
                              "请先运行 screen ledger verify",
                              message_en=f"entry {e.seq} does not match its hash; the ledger was "
                                         "altered; run screen ledger verify")
        previous = chained

    rosters = [e for e in (*earlier, *year_entries) if e.kind == "roster"]
    version_of = {r.entry_seq: r.version for r in versions(ledger)}
    out.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".archive-{year}-", dir=out.parent))
    try:
        files: dict[str, bytes] = {
            RECORDS: "".join(_entry_line(e) for e in year_entries).encode("utf-8"),
            DECISIONS: "".join(_decision_line(e) for e in year_entries
                               if e.kind == "gate").encode("utf-8"),
            LEAVES: "".join(f"{h}\n" for h in leaves).encode("ascii"),
            CHECKPOINTS: _checkpoint_text(e for e in year_entries
                                          if e.kind == "checkpoint").encode("utf-8"),
            EARLIER: "".join(_entry_line(e) for e in earlier).encode("utf-8"),
            ROSTER_INDEX: (json.dumps(
                [{"seq": e.seq, "recorded_at": e.recorded_at, "version": version_of.get(e.seq),
                  "file": _roster_file(e.seq)} for e in rosters],
                ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8"),
        }
        if prev_checkpoint is not None:
            files[PREV_YEAR] = _checkpoint_text([prev_checkpoint]).encode("utf-8")
        for e in rosters:
            files[_roster_file(e.seq)] = e.body
        files[README] = _readme(year, roster, first, last).encode("utf-8")
        for rel, data in files.items():
            _write(work / rel, data)
        manifest = {
            "schema": SCHEMA, "year": year, "office": roster.office,
            "created_at": at.isoformat(timespec="seconds"),
            "tool": _tool_version(),
            "ledger": {"first_seq": first, "last_seq": last, "prev_chain_hash": prev_chain,
                       "last_chain_hash": year_entries[-1].chain_hash},
            "files": [_file_entry(rel, data) for rel, data in sorted(files.items())],
        }
        payload = json.dumps(manifest, ensure_ascii=False, sort_keys=True,
                             indent=1).encode("utf-8") + b"\n"
        _write(work / MANIFEST, payload)
        _write(work / MANIFEST_DSSE, sign_manifest(payload, [signer, *cosigners]).to_json())
        if out.exists():
            out.rmdir()
        os.replace(work, out)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    return ExportResult(directory=out, year=year, entries=len(year_entries),
                        reviews=sum(e.kind == "review" for e in year_entries),
                        decisions=sum(e.kind == "gate" for e in year_entries),
                        checkpoints=sum(e.kind == "checkpoint" for e in year_entries),
                        signers=tuple(names))


def sign_manifest(payload: bytes, signers: Sequence[Any]):
    """One DSSE envelope over ``payload`` with a signature of each signer."""
    from .dsse import Envelope, sign_envelope
    sigs = []
    for s in signers:
        sigs.extend(sign_envelope(payload, MANIFEST_PAYLOAD_TYPE, s).signatures)
    return Envelope(payload=payload, payload_type=MANIFEST_PAYLOAD_TYPE, signatures=tuple(sigs))


def _check_key(roster: Any, signer: Any, roles: Sequence[str], at: datetime, *,
               admin_ok: bool) -> str:
    fingerprint = signer.public_key.fingerprint
    if admin_ok and any(k.fingerprint == fingerprint for k in roster.admin_keys):
        return "名册管理员"
    owner = roster.owner_of(fingerprint)
    if owner is None:
        raise RecordError(f"签名密钥不在名册中：{fingerprint}",
                          message_en=f"the signing key is not in the roster: {fingerprint}")
    person, key = owner
    if not set(roles) & set(person.roles):
        need = "、".join(roles)
        raise RecordError(f"{person.name} 没有 {need} 角色，不能签署年度归档",
                          message_en=f"{person.name} does not hold the role {', '.join(roles)}")
    state = key.state_at(at)
    if state:
        raise RecordError(f"{person.name} 的密钥{state}，不能签署年度归档",
                          message_en=f"{person.name}'s key is not valid now")
    return person.name


def _roster_file(seq: int) -> str:
    return f"{ROSTER_DIR}/seq-{seq:06d}.dsse.json"


def _file_entry(rel: str, data: bytes) -> dict:
    from .digests import digest_bytes
    d = digest_bytes(data)
    return {"path": rel, "size": len(data), "sha256": d.sha256, "sm3": d.sm3}


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def _tool_version() -> str:
    try:
        from importlib.metadata import version
        return version("screening")
    except Exception:  # noqa: BLE001 - not installed as a distribution
        return "unknown"


def _readme(year: int, roster: Any, first: int, last: int) -> str:
    roots = "、".join(roster.root_fingerprints) or "（无）"
    return f"""政府信息公开保密审查记录 {year} 年度归档
==========================================

本目录是 {roster.office or '本单位'} {year} 年度的保密审查电子记录归档（账本第 {first}–{last} 条），
由信息公开审查人用其个人密钥对清单（manifest.json）签名。不含任何草稿原文，只有摘要、
签名记录和已脱敏的检测摘要。文件均为公开格式（JSON、文本），未压缩、未加密。

核验方法（离线，只需本工具）：

1. 从独立渠道（纸质登记簿、OA 流程记录、档案室）取得名册管理员密钥指纹（信任根）和
   年末检查点。本归档中记录的信任根为：
   {roots}
   （请务必与独立副本核对，不能只相信本文件。）
2. 运行：
   screen archive verify 本目录 --trust sha256:名册管理员密钥指纹
   如有年末检查点的独立副本，可加 --checkpoint 检查点.txt
   退出码 0 表示全部通过；1 表示有问题（会逐条列出原因）；4 表示目录无法读取。
3. 该命令会：重新计算每个文件的 SHA-256 和 SM3 并与 manifest.json 比对；验证
   manifest.dsse.json 的签名（签名人须是名册中的信息公开审查人）；重算 records.jsonl 中每条
   记录的叶哈希和链哈希、每个检查点的 Merkle 根并验证检查点签名；按当时有效的名册验证
   每一份审查记录（拟稿人 → 分管领导 → 信息公开审查人）的签名、角色和环节。
4. 如需核对已发布的文件，计算其 SHA-256（sha256sum 文件）或 SM3
   （openssl dgst -sm3 文件），在 records.jsonl 或 screen record show 的输出中查找。

文件说明：records.jsonl 为该年度全部账本记录（原样字节，base64）；decisions.jsonl 为发布
闸门的判定记录；ledger/ 为检查点和叶哈希；roster/ 为名册各版本的签名文件。

Annual archive of the secrecy-review records of {year} (ledger entries {first}–{last}).
Verify offline with: screen archive verify THIS_DIR --trust sha256:<roster admin fingerprint>
(exit 0 = all checks hold, 1 = problems listed, 4 = unreadable). Compare the trust root above
with an independent copy (printed register, OA record).
"""


# ---------------------------------------------------------------------------------------------
# verification

@dataclass
class ArchiveCheck:
    """The result of :func:`verify_archive`; ``problems`` and ``notes`` are Chinese."""

    ok: bool
    year: int | None = None
    entries: int = 0
    records: int = 0
    complete_records: int = 0
    checkpoints: int = 0
    signers: list[str] = field(default_factory=list)
    trust_pinned: bool = False
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"schema": "screening.archive-check/1", "ok": self.ok, "year": self.year,
                "entries": self.entries, "records": self.records,
                "complete_records": self.complete_records, "checkpoints": self.checkpoints,
                "signers": self.signers, "trust_pinned": self.trust_pinned,
                "problems": self.problems, "notes": self.notes}


class ArchiveLedger(Ledger):
    """A read-only ledger over the entries of a bundle (the year and the earlier ones it
    needs), so review chains and rosters are verified by the same code as a live ledger."""

    def __init__(self, directory: Path, entries: Sequence[Entry]):
        super().__init__(f"archive:{directory}")
        self._entries = sorted(entries, key=lambda e: e.seq)

    def _append(self, kind, body, digests, expect_size):
        raise RecordError("归档是只读的", message_en="an archive is read-only")

    def _fetch(self, start, kind, year, limit):
        out = []
        for e in self._entries:
            if e.seq >= start and (kind is None or e.kind == kind) \
                    and (year is None or e.year == year):
                out.append(e)
                if len(out) >= limit:
                    break
        return out

    def _by_digest(self, sha256, kind):
        return [e for e in self._entries if sha256 in e.digests
                and (kind is None or e.kind == kind)]

    def _last(self):
        return self._entries[-1] if self._entries else None

    def close(self) -> None:
        pass


def _read_entries(directory: Path, rel: str, problems: list[str]) -> list[Entry]:
    path = directory / rel
    if not path.is_file():
        return []
    out = []
    for number, line in enumerate(path.read_bytes().split(b"\n"), 1):
        if not line.strip():
            continue
        try:
            d = json.loads(line)
            out.append(Entry(seq=int(d["seq"]), kind=str(d["kind"]),
                             body=base64.b64decode(d["body"], validate=True),
                             digests=tuple(d.get("digests") or ()), year=int(d["year"]),
                             recorded_at=str(d["recorded_at"]), leaf_hash=str(d["leaf_hash"]),
                             chain_hash=str(d["chain_hash"])))
        except (ValueError, KeyError, TypeError, binascii.Error):
            problems.append(f"{rel} 第 {number} 行无法读取（格式被破坏）")
    return out


def _check_manifest(directory: Path, check: ArchiveCheck) -> dict | None:
    from .digests import digest_bytes
    try:
        payload = (directory / MANIFEST).read_bytes()
        manifest = json.loads(payload)
        files = manifest["files"]
        ledger_info = manifest["ledger"]
        int(ledger_info["first_seq"]), int(ledger_info["last_seq"])
        check.year = int(manifest["year"])
    except FileNotFoundError:
        check.problems.append("缺少 manifest.json（不是完整的归档目录）")
        return None
    except (ValueError, KeyError, TypeError):
        check.problems.append("manifest.json 无法读取（格式被破坏）")
        return None
    listed = set()
    for item in files:
        rel = str(item.get("path", ""))
        listed.add(rel)
        target = (directory / rel).resolve()
        if directory.resolve() not in target.parents or not target.is_file():
            check.problems.append(f"缺少文件：{rel}")
            continue
        data = target.read_bytes()
        d = digest_bytes(data)
        if len(data) != item.get("size") or d.sha256 != item.get("sha256") \
                or d.sm3 != item.get("sm3"):
            check.problems.append(f"文件 {rel} 与清单中的摘要不符（文件被改动）")
    for path in sorted(directory.rglob("*")):
        rel = path.relative_to(directory).as_posix()
        if path.is_file() and rel not in listed and rel not in (MANIFEST, MANIFEST_DSSE):
            check.problems.append(f"清单中没有登记的文件：{rel}")
    manifest["_payload"] = payload
    return manifest


def _check_signature(directory: Path, payload: bytes, roster: Any, check: ArchiveCheck) -> None:
    from .dsse import Envelope, verified_keys
    try:
        env = Envelope.from_json((directory / MANIFEST_DSSE).read_bytes())
    except FileNotFoundError:
        check.problems.append("缺少 manifest.dsse.json（清单没有签名）")
        return
    except RecordError as exc:
        check.problems.append(f"manifest.dsse.json 无法读取：{exc.message}")
        return
    if env.payload != payload or env.payload_type != MANIFEST_PAYLOAD_TYPE:
        check.problems.append("manifest.dsse.json 签署的内容与 manifest.json 不一致")
        return
    holders: dict[str, tuple[str, tuple[str, ...]]] = {}
    for person in roster.people:
        for key in person.keys:
            if not key.revoked_at:
                holders[key.fingerprint] = (person.name, person.roles)
    admin = {k.fingerprint for k in roster.admin_keys}
    keys = [k.public_key for p in roster.people for k in p.keys if k.fingerprint in holders]
    keys += [k.public_key for k in roster.admin_keys]
    officer = False
    for key in verified_keys(env, keys):
        if key.fingerprint in holders:
            name, roles = holders[key.fingerprint]
            words = "、".join(ROLE_WORDS.get(r, r) for r in roles)
            check.signers.append(f"{name}（{words}）")
            officer = officer or "officer" in roles
        elif key.fingerprint in admin:
            check.signers.append("名册管理员")
    if not officer:
        check.problems.append("清单没有名册中信息公开审查人的有效签名")


def _replay(entries: list[Entry], leaves: list[str], prev_chain: str, first: int, last: int,
            check: ArchiveCheck) -> None:
    expected = first
    previous = _hex32(prev_chain)
    for e in entries:
        if e.seq != expected:
            if e.seq > expected:
                gap = f"{expected}" if e.seq == expected + 1 else f"{expected}–{e.seq - 1}"
                check.problems.append(f"第 {gap} 条记录缺失（记录被删除）")
            else:
                check.problems.append(f"第 {e.seq} 条记录顺序不对或重复（记录被移动）")
            expected = e.seq
        leaf = entry_leaf_hash(e.body)
        if leaf.hex() != e.leaf_hash or not (0 < e.seq <= len(leaves)) \
                or leaves[e.seq - 1] != leaf.hex():
            check.problems.append(f"第 {e.seq} 条记录的哈希不符（记录被改动）")
        chained = entry_chain_hash(previous, leaf)
        if chained.hex() != e.chain_hash:
            check.problems.append(f"第 {e.seq} 条记录的链哈希不符（记录链被改写）")
        previous = bytes.fromhex(e.chain_hash) if _is_hex32(e.chain_hash) else chained
        expected = e.seq + 1
    if expected != last + 1:
        check.problems.append(f"第 {expected}–{last} 条记录缺失（记录被删除）")


def _hex32(value: str) -> bytes:
    return bytes.fromhex(value) if _is_hex32(value) else ZERO_HASH


def _is_hex32(value: Any) -> bool:
    try:
        return isinstance(value, str) and len(bytes.fromhex(value)) == 32
    except ValueError:
        return False


def _check_checkpoints(ledger: ArchiveLedger, year_entries: list[Entry], prev_text: str | None,
                       leaves: list[str], check: ArchiveCheck) -> int:
    """Verify each checkpoint of the year (and the previous year's last) against the leaves and
    the roster keys; return the highest size covered by a verified checkpoint."""
    from .checkpoint import parse_checkpoint, verify_checkpoint
    from .merkle import root
    from .roster import checkpoint_keys

    keys_for = checkpoint_keys(ledger)
    raw = [bytes.fromhex(h) if _is_hex32(h) else ZERO_HASH for h in leaves]
    covered = 0
    items: list[tuple[Entry, str]] = [(e, e.body.decode("utf-8", "replace"))
                                      for e in year_entries if e.kind == "checkpoint"]
    if prev_text:
        prev = _prev_entry(prev_text, ledger, leaves, check)
        if prev is not None:
            items.insert(0, prev)
    for e, text in items:
        try:
            cp = parse_checkpoint(text)
        except RecordError as exc:
            check.problems.append(f"第 {e.seq} 条检查点无法读取：{exc.message}")
            continue
        if cp.size > len(raw) or cp.size >= e.seq:
            check.problems.append(f"第 {e.seq} 条检查点的大小 {cp.size} 不合理")
            continue
        if root(raw[:cp.size]) != cp.root:
            check.problems.append(f"第 {e.seq} 条检查点（覆盖第 1–{cp.size} 条）的根不符："
                                  f"第 1–{cp.size} 条之间的记录链被重写")
            continue
        if not verify_checkpoint(cp, keys_for(cp, e)):
            check.problems.append(f"第 {e.seq} 条检查点的签名无效或签名人不在名册")
            continue
        check.checkpoints += 1
        covered = max(covered, cp.size)
    return covered


def _prev_entry(text: str, ledger: ArchiveLedger, leaves: list[str],
                check: ArchiveCheck) -> tuple[Entry, str] | None:
    """``ledger/prev-year.txt``: ``# 账本第 N 条 TIME`` then the note."""
    head, _, note = text.partition("\n")
    parts = head.split()
    try:
        seq = int(parts[2])
        recorded_at = parts[4]
    except (IndexError, ValueError):
        check.problems.append("ledger/prev-year.txt 格式不对")
        return None
    candidates = [note, note[:-1]] if note.endswith("\n") else [note]
    note = next((n for n in candidates if 0 < seq <= len(leaves)
                 and entry_leaf_hash(n.encode("utf-8")).hex() == leaves[seq - 1]), "")
    if not note:
        check.problems.append("上一年度的检查点（ledger/prev-year.txt）与账本不符")
        return None
    entry = Entry(seq=seq, kind="checkpoint", body=note.encode("utf-8"), digests=(),
                  year=int(recorded_at[:4]), recorded_at=recorded_at, leaf_hash=leaves[seq - 1],
                  chain_hash="")
    return entry, note


def verify_archive(directory: Path | str, *, trust: Sequence[str] = (),
                   checkpoint_text: str | None = None) -> ArchiveCheck:
    """Check a bundle offline (signing.md §6.3). Never raises for a damaged bundle: every
    defect is a Chinese line in ``problems``."""
    from .roster import current_roster

    directory = Path(directory)
    check = ArchiveCheck(ok=False)
    if not directory.is_dir():
        raise RecordError(f"归档目录不存在：{directory}",
                          message_en=f"no such archive directory: {directory}")
    manifest = _check_manifest(directory, check)
    if manifest is None:
        return check
    info = manifest["ledger"]
    first, last = int(info["first_seq"]), int(info["last_seq"])
    year_entries = _read_entries(directory, RECORDS, check.problems)
    earlier = _read_entries(directory, EARLIER, check.problems)
    check.entries = len(year_entries)
    leaves = [h.strip() for h in _read_text(directory, LEAVES).splitlines() if h.strip()]
    if len(leaves) != last:
        check.problems.append(f"ledger/leaves.txt 应有 {last} 行，实有 {len(leaves)} 行")
    _replay(year_entries, leaves, str(info.get("prev_chain_hash", "")), first, last, check)
    for e in earlier:
        if not (0 < e.seq < first and e.seq <= len(leaves)) \
                or entry_leaf_hash(e.body).hex() != leaves[e.seq - 1]:
            check.problems.append(f"ledger/earlier.jsonl 中第 {e.seq} 条记录与账本不符")
    if year_entries and year_entries[-1].chain_hash != info.get("last_chain_hash"):
        check.problems.append("最后一条记录的链哈希与签名清单不符（记录链被改写）")
    _check_copies(directory, year_entries, earlier, check)

    ledger = ArchiveLedger(directory, [*earlier, *year_entries])
    try:
        roster = current_roster(ledger)
    except RecordError as exc:
        check.problems.append(f"归档中没有有效的名册：{exc.message}")
        return _finish(check)
    check.notes.extend(roster.problems)
    if trust:
        check.trust_pinned = bool(set(trust) & set(roster.root_fingerprints))
        if not check.trust_pinned:
            check.problems.append("名册的信任根与 --trust 给出的指纹不符（名册可能被整体替换）")
    else:
        check.notes.append("未用 --trust 核对名册信任根（未固定信任根）；归档中的信任根为 "
                           + "、".join(roster.root_fingerprints))
    _check_signature(directory, manifest["_payload"], roster, check)
    covered = _check_checkpoints(ledger, year_entries,
                                 _read_text(directory, PREV_YEAR) or None, leaves, check)
    uncovered = [e.seq for e in year_entries if e.seq > covered and e.kind != "checkpoint"]
    if uncovered:
        lo, hi = uncovered[0], uncovered[-1]
        span = f"{lo}" if lo == hi else f"{lo}–{hi}"
        check.notes.append(f"第 {span} 条尚无签名检查点覆盖（可用 screen ledger checkpoint 补签）")
    if checkpoint_text is not None:
        _check_independent(checkpoint_text, leaves, check)
    _check_chains(ledger, year_entries, trust, check)
    return _finish(check)


def _finish(check: ArchiveCheck) -> ArchiveCheck:
    check.ok = not check.problems
    return check


def _read_text(directory: Path, rel: str) -> str:
    try:
        return (directory / rel).read_text("utf-8")
    except (FileNotFoundError, UnicodeDecodeError):
        return ""


def _check_copies(directory: Path, year_entries: list[Entry], earlier: list[Entry],
                  check: ArchiveCheck) -> None:
    """decisions.jsonl, checkpoints.txt and roster/ are readable copies: they must equal what
    records.jsonl / earlier.jsonl hold."""
    decisions = "".join(_decision_line(e) for e in year_entries if e.kind == "gate")
    if _read_text(directory, DECISIONS) != decisions:
        check.problems.append("decisions.jsonl 与账本记录不一致")
    cps = _checkpoint_text(e for e in year_entries if e.kind == "checkpoint")
    if _read_text(directory, CHECKPOINTS) != cps:
        check.problems.append("ledger/checkpoints.txt 与账本记录不一致")
    for e in (*earlier, *year_entries):
        if e.kind != "roster":
            continue
        path = directory / _roster_file(e.seq)
        if not path.is_file() or path.read_bytes() != e.body:
            check.problems.append(f"名册文件 {_roster_file(e.seq)} 与账本记录不一致")


def _check_independent(text: str, leaves: list[str], check: ArchiveCheck) -> None:
    from .checkpoint import parse_checkpoint
    from .merkle import root
    lines = text.splitlines()
    note = "\n".join(line for line in lines if not line.startswith("# ")) + "\n"
    try:
        cp = parse_checkpoint(note.lstrip("\n"))
    except RecordError as exc:
        check.problems.append(f"独立副本的检查点无法读取：{exc.message}")
        return
    if cp.size > len(leaves):
        check.problems.append(f"独立副本的检查点（{cp.size} 条）超出本归档的范围")
    elif root([bytes.fromhex(h) for h in leaves[:cp.size]]) != cp.root:
        check.problems.append("独立副本的检查点与归档不符（记录链被重写）")
    else:
        check.notes.append(f"与独立副本的检查点（前 {cp.size} 条）一致")


def _check_chains(ledger: ArchiveLedger, year_entries: list[Entry], trust: Sequence[str],
                  check: ArchiveCheck) -> None:
    from .chain import verify_chain
    from .settings import RecordsSettings

    groups: dict[str, list[Entry]] = {}
    for e in ledger.entries(kind="review"):
        case = _case_of(e)
        groups.setdefault(case or f"#{e.seq}", []).append(e)
    year_seqs = {e.seq for e in year_entries}
    settings = RecordsSettings(home=Path(ledger.url[len("archive:"):]), ledger_url=ledger.url,
                               roster_admin=trust[0] if trust else None)
    for case, entries in groups.items():
        if not any(e.seq in year_seqs for e in entries):
            continue
        check.records += 1
        try:
            result = verify_chain(ledger, entries, settings)
        except RecordError as exc:
            check.problems.append(f"审查记录 {case}：{exc.message}")
            continue
        # the trust root is reported once for the bundle; an unfinished or withheld record is
        # a valid record (the gate, not the archive, decides publication)
        problems = [r.get("message", "") for r in result.reasons
                    if r.get("code") not in ("ROSTER_UNTRUSTED", "CHAIN_INCOMPLETE",
                                             "LEADER_REJECTED", "CONCLUSION_DENIES")]
        if not result.ok and problems:
            check.problems.append(f"审查记录 {case}（账本第 {entries[0].seq} 条起）："
                                  + "；".join(problems))
        elif not result.ok and not trust:
            check.problems.append(f"审查记录 {case}（账本第 {entries[0].seq} 条起）未通过验证")
        elif result.complete:
            check.complete_records += 1
        else:
            check.notes.append(f"审查记录 {case}（账本第 {entries[0].seq} 条起）在本年度末尚未完成")
