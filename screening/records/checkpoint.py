"""Signed checkpoints of the ledger and the full replay that ``screen ledger verify`` runs.

A checkpoint is a C2SP signed note (tlog-checkpoint, signing.md §2.1)::

    screening ledger                          ← origin ([records] origin)
    42                                        ← size: it covers entries 1..42
    2f0N…base64 root…=                        ← RFC 9162 Merkle root of their leaf hashes
    meta Lq8x…base64…=                        ← extension: hash of their kinds, times and digests
                                              ← blank line
    — sha256:ab12… <base64(4-byte key hint ‖ signature)>

The signature is over the text before the blank line plus its final newline (the note body). The
key name is the signer's key fingerprint; the key hint is the first 4 bytes of that fingerprint.
Several signature lines may follow (a leader or officer cosigning, :func:`cosign_checkpoint`).

Why the ``meta`` line: the leaf hash covers only an entry's body (the contract of
:class:`~.ledger.Entry`), so without it the recorded time — the time key validity is judged at —
could be edited unseen. ``meta`` = the last value of ``m_i = SHA-256(m_{i-1} ‖ seq, kind,
recorded_at, year, digests)`` over entries 1..size (``m_0`` = 32 zero bytes); see :func:`meta_hash`.

A checkpoint is appended to the ledger as a ``checkpoint`` entry whose body is the note text.
Copies kept outside the tool (the OA record, a printed register) are what make a rewrite of the
whole ledger detectable (signing.md §2.2): compare the latest checkpoint with such a copy.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from ..errors import RecordError
from .ledger import (KINDS, ZERO_HASH, Entry, Ledger, LedgerConflict, entry_chain_hash,
                     entry_leaf_hash)
from .merkle import Tree, verify_consistency

DASH = "\u2014"   # — (em dash) starts every signature line of a signed note
META_PREFIX = "meta "
MAX_NOTE_BYTES = 1 << 20
APPEND_RETRIES = 8
_SIG_LINE = re.compile(r"^\u2014 (\S+) ([A-Za-z0-9+/=]+)$")
_FINGERPRINT = re.compile(r"^sha256:([0-9a-f]{64})$")


@dataclass(frozen=True)
class Checkpoint:
    """A parsed (or just made) checkpoint. ``text`` is the complete signed note."""

    origin: str
    size: int
    root: bytes
    text: str
    signer_fingerprints: tuple[str, ...]
    meta: bytes | None = None

    @property
    def body(self) -> str:
        """The signed part: the note text up to and including the newline before the blank line."""
        return self.text.split("\n\n", 1)[0] + "\n"

    def signatures(self) -> list[tuple[str, bytes]]:
        """``(fingerprint, signature)`` of every well-formed signature line."""
        return _signature_lines(self.text.split("\n\n", 1)[1] if "\n\n" in self.text else "")


@dataclass
class LedgerCheck:
    """What :func:`verify_ledger` found. ``problems`` (Chinese; ``problems_en`` the same in English)
    make ``ok`` false; ``notes`` are facts worth telling (entries after the last checkpoint …)."""

    ok: bool
    size: int
    checkpoints: int
    problems: list[str]
    problems_en: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    notes_en: list[str] = field(default_factory=list)
    latest: Checkpoint | None = None      # the last checkpoint (compare it with the outside copy)
    uncovered: int = 0                    # entries after the last checkpoint entry


KeysForCheckpoint = Callable[[Checkpoint, Entry], Sequence["PublicKeyLike"]]


class PublicKeyLike:   # documentation of what verify_checkpoint needs (records.keys.PublicKey)
    fingerprint: str

    def verify(self, data: bytes, signature: bytes) -> bool: ...   # pragma: no cover


# -- the note format ---------------------------------------------------------------------------


def meta_line_hash(previous: bytes, entry: Entry) -> bytes:
    """One step of the metadata hash chain (see the module docstring)."""
    record = "\n".join((str(entry.seq), entry.kind, entry.recorded_at, str(entry.year),
                        ",".join(entry.digests))) + "\n"
    return hashlib.sha256(previous + record.encode("utf-8")).digest()


def meta_hash(entries: Iterable[Entry]) -> bytes:
    """The metadata hash over ``entries`` (in seq order)."""
    m = ZERO_HASH
    for e in entries:
        m = meta_line_hash(m, e)
    return m


def note_body(origin: str, size: int, root: bytes, meta: bytes | None = None) -> str:
    """The signed body of a checkpoint note."""
    _check_origin(origin)
    lines = [origin, str(size), base64.b64encode(root).decode()]
    if meta is not None:
        lines.append(META_PREFIX + base64.b64encode(meta).decode())
    return "\n".join(lines) + "\n"


def signature_line(body: str, signer) -> str:
    """``— <fingerprint> <base64(key hint ‖ signature)>`` for ``body`` signed by ``signer``."""
    fingerprint = signer.public_key.fingerprint
    m = _FINGERPRINT.match(fingerprint)
    if not m:
        raise RecordError(f"签名密钥的指纹格式不对：{fingerprint}",
                          message_en=f"unexpected key fingerprint {fingerprint}")
    sig = signer.sign(body.encode("utf-8"))
    blob = bytes.fromhex(m.group(1))[:4] + sig
    return f"{DASH} {fingerprint} {base64.b64encode(blob).decode()}\n"


def _check_origin(origin: str) -> None:
    if not origin or origin != origin.strip() or "\n" in origin or "\r" in origin:
        raise RecordError("检查点的 origin 必须是一行非空文字", message_en="a checkpoint origin must be one "
                                                                "non-empty line")


def _signature_lines(text: str) -> list[tuple[str, bytes]]:
    out = []
    for line in text.split("\n"):
        m = _SIG_LINE.match(line)
        fp = m and _FINGERPRINT.match(m.group(1))
        if not m or not fp:
            continue
        try:
            blob = base64.b64decode(m.group(2), validate=True)
        except (binascii.Error, ValueError):
            continue
        if len(blob) > 4 and blob[:4] == bytes.fromhex(fp.group(1))[:4]:
            out.append((m.group(1), blob[4:]))
    return out


def parse_checkpoint(text: str) -> Checkpoint:
    """Parse a signed note. Raises :class:`RecordError` for anything malformed."""
    def bad(why: str, why_en: str) -> RecordError:
        return RecordError(f"检查点格式不对：{why}", message_en=f"malformed checkpoint: {why_en}")

    if not isinstance(text, str):
        raise bad("不是文本", "not text")
    if len(text.encode("utf-8")) > MAX_NOTE_BYTES:
        raise bad("过长", "too long")
    if "\r" in text:
        text = text.replace("\r\n", "\n")
    if "\n\n" not in text:
        raise bad("缺少正文与签名之间的空行", "no blank line between the body and the signatures")
    body, sigs = text.split("\n\n", 1)
    lines = body.split("\n")
    if len(lines) < 3:
        raise bad("正文应有 origin、条数、根三行", "the body needs origin, size and root lines")
    origin, size_text, root_text, *extensions = lines
    if not origin or origin != origin.strip():
        raise bad("origin 为空", "empty origin")
    if not re.fullmatch(r"0|[1-9][0-9]{0,18}", size_text):
        raise bad(f"条数不是十进制数：{size_text!r}", f"size is not a decimal number: {size_text!r}")
    root = _b64_hash(root_text)
    if root is None:
        raise bad("根不是 32 字节的 base64", "root is not 32 bytes of base64")
    meta = None
    for ext in extensions:
        if not ext:
            raise bad("正文中有空行", "empty line in the body")
        if ext.startswith(META_PREFIX):
            meta = _b64_hash(ext[len(META_PREFIX):])
            if meta is None:
                raise bad("meta 行不是 32 字节的 base64", "the meta line is not 32 bytes of base64")
    sig_lines = [line for line in sigs.split("\n") if line]
    if not sig_lines:
        raise bad("没有签名行", "no signature line")
    if any(not line.startswith(DASH + " ") for line in sig_lines):
        raise bad("签名区有不是以“— ”开头的行", "a line in the signature block does not start with '— '")
    signatures = _signature_lines(sigs)
    return Checkpoint(origin=origin, size=int(size_text), root=root, text=body + "\n\n" + sigs,
                      signer_fingerprints=tuple(dict.fromkeys(fp for fp, _ in signatures)), meta=meta)


def _b64_hash(text: str) -> bytes | None:
    try:
        value = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        return None
    return value if len(value) == 32 else None


def verify_checkpoint(cp: Checkpoint, keys: Sequence[PublicKeyLike]) -> bool:
    """True when a signature line of the note verifies under one of ``keys`` (matched by
    fingerprint) and the note's body says what ``cp`` says. Never raises for bad input."""
    try:
        parsed = parse_checkpoint(cp.text)
    except RecordError:
        return False
    if (parsed.origin, parsed.size, parsed.root, parsed.meta) != (cp.origin, cp.size, cp.root, cp.meta):
        return False
    body = parsed.body.encode("utf-8")
    by_fp = {}
    for key in keys:
        fp = getattr(key, "fingerprint", None)
        if isinstance(fp, str):
            by_fp.setdefault(fp, []).append(key)
    for fingerprint, sig in parsed.signatures():
        for key in by_fp.get(fingerprint, ()):
            try:
                if key.verify(body, sig):
                    return True
            except Exception:          # a key object that raises counts as "does not verify"
                continue
    return False


def cosign_checkpoint(cp: Checkpoint, signer) -> Checkpoint:
    """The same checkpoint with one more signature line (a leader or officer cosigning).

    The cosigned text is a new note; store it where copies are kept (it is not a ledger entry)."""
    if signer.public_key.fingerprint in cp.signer_fingerprints:
        return cp
    text = cp.text if cp.text.endswith("\n") else cp.text + "\n"
    return parse_checkpoint(text + signature_line(cp.body, signer))


# -- making a checkpoint ------------------------------------------------------------------------


def make_checkpoint(ledger: Ledger, signer, origin: str) -> Checkpoint:
    """Sign the current state (entries 1..size) and append the note as a ``checkpoint`` entry.

    Refuses (:class:`RecordError`) to sign a ledger whose entries do not replay — hashes, chain,
    order, earlier checkpoints' roots — so a signature never endorses a tampered history. If
    another process appends meanwhile, it signs again over the new state.
    """
    _check_origin(origin)
    for _ in range(APPEND_RETRIES):
        replay = _Replay(keys_for_checkpoint=None)
        for entry in ledger.entries():
            replay.add(entry)
        check = replay.finish()
        if check.problems:
            raise RecordError("账本未通过校验，不能签检查点：" + "；".join(check.problems),
                              message_en="the ledger does not verify; no checkpoint signed: "
                                         + "; ".join(check.problems_en))
        size = len(replay.tree)
        body = note_body(origin, size, replay.tree.root(size), replay.metas[size])
        text = body + "\n" + signature_line(body, signer)
        try:
            ledger.append("checkpoint", text.encode("utf-8"), expect_size=size)
        except LedgerConflict:
            continue
        return parse_checkpoint(text)
    raise RecordError("账本写入过于频繁，检查点多次重试仍未写入，请稍后再试",
                      message_en="the ledger is too busy; the checkpoint could not be appended, "
                                 "try again later")


# -- verifying the whole ledger -----------------------------------------------------------------


def verify_ledger(ledger: Ledger,
                  keys_for_checkpoint: Callable[[Checkpoint, Entry], Sequence[PublicKeyLike]],
                  *, origin: str | None = None) -> LedgerCheck:
    """Replay the whole ledger: every leaf and chain hash, seq continuity, time order, every
    checkpoint's root and metadata hash against the entries it covers, its signature (keys from
    ``keys_for_checkpoint(checkpoint, entry)``) and its consistency with the checkpoint before.

    Catches an edited row, a deleted row, reordered rows, and a rewritten chain (an edit with every
    later hash recomputed) up to the last checkpoint. ``origin``: when given, a checkpoint of
    another origin is noted. Never raises for a damaged ledger; a ledger that cannot be read raises
    :class:`RecordError`.
    """
    replay = _Replay(keys_for_checkpoint=keys_for_checkpoint, origin=origin)
    for entry in ledger.entries():
        replay.add(entry)
    return replay.finish()


def _cover(size: int) -> str:
    return "覆盖第 1 条" if size == 1 else f"覆盖第 1–{size} 条" if size else "覆盖 0 条"


def _cover_en(size: int) -> str:
    return "covering entry 1" if size == 1 else f"covering entries 1–{size}" if size else "empty"


class _Replay:
    """One pass over the entries in seq order (see :func:`verify_ledger`)."""

    def __init__(self, keys_for_checkpoint, origin: str | None = None):
        self.keys_for_checkpoint = keys_for_checkpoint
        self.origin = origin
        self.tree = Tree()
        self.metas: list[bytes] = [ZERO_HASH]
        self.problems: list[str] = []
        self.problems_en: list[str] = []
        self.notes: list[str] = []
        self.notes_en: list[str] = []
        self.expected = 1
        self.prev_chain = ZERO_HASH
        self.prev_time = None
        self.bad_seqs: list[int] = []         # seqs with a local problem (sorted as found)
        self.chain_run: list[int] = []        # consecutive chain-hash mismatches, reported as one
        self.checkpoints = 0
        self.last_good: Checkpoint | None = None   # the last checkpoint whose root matched
        self.last_cp: Checkpoint | None = None
        self.last_cp_seq = 0
        self.size = 0

    def problem(self, zh: str, en: str, seq: int | None = None) -> None:
        self.problems.append(zh)
        self.problems_en.append(en)
        if seq is not None:
            self.bad_seqs.append(seq)

    def _flush_chain_run(self) -> None:
        run = self.chain_run
        if not run:
            return
        span = f"第 {run[0]} 条" if len(run) == 1 else f"第 {run[0]}–{run[-1]} 条"
        span_en = f"entry {run[0]}" if len(run) == 1 else f"entries {run[0]}–{run[-1]}"
        self.problem(f"{span}记录的链哈希不符（记录被删除、插入或调换了顺序）",
                     f"{span_en}: chain hash mismatch (an entry was deleted, inserted or reordered)")
        self.chain_run = []

    def add(self, e: Entry) -> None:
        gap = e.seq > self.expected
        if e.seq != self.expected:
            self._flush_chain_run()
            if gap:
                a, b = self.expected, e.seq - 1
                span = f"第 {a} 条" if a == b else f"第 {a}–{b} 条"
                span_en = f"entry {a}" if a == b else f"entries {a}–{b}"
                self.problem(f"{span}记录缺失（记录被删除）", f"{span_en} missing (deleted)", a)
                for missing in range(a, b + 1):     # keep leaf index = seq - 1
                    self.tree.append(ZERO_HASH)
                    self.metas.append(ZERO_HASH)
            else:                                   # cannot happen with a primary key; be safe
                self.problem(f"第 {e.seq} 条记录重复或次序错乱", f"entry {e.seq} duplicated or out of order",
                             e.seq)
                return
        self.expected = e.seq + 1
        self.size = e.seq
        leaf = entry_leaf_hash(e.body)
        if leaf.hex() != e.leaf_hash:
            self.problem(f"第 {e.seq} 条记录的哈希不符（记录被改动）",
                         f"entry {e.seq}: hash mismatch (the entry was edited)", e.seq)
        try:
            stored_leaf = bytes.fromhex(e.leaf_hash)
            stored_chain = bytes.fromhex(e.chain_hash)
        except ValueError:
            stored_leaf, stored_chain = leaf, b""
        if entry_chain_hash(self.prev_chain, stored_leaf) != stored_chain:
            if not gap:
                self.chain_run.append(e.seq)
                self.bad_seqs.append(e.seq)
        else:
            self._flush_chain_run()
        self.prev_chain = stored_chain      # resynchronise: report each break once
        self._check_meta(e)
        self.tree.append(leaf)
        self.metas.append(meta_line_hash(self.metas[-1], e))
        if e.kind == "checkpoint":
            self._checkpoint(e)

    def _check_meta(self, e: Entry) -> None:
        if e.kind not in KINDS:
            self.problem(f"第 {e.seq} 条记录的类型未知：{e.kind!r}（记录被改动）",
                         f"entry {e.seq}: unknown kind {e.kind!r} (edited)", e.seq)
        try:
            moment = e.recorded_datetime
        except ValueError:
            self.problem(f"第 {e.seq} 条记录的时间无法解析（记录被改动）",
                         f"entry {e.seq}: unreadable time (edited)", e.seq)
            return
        if moment.tzinfo is None or str(moment.year) != e.recorded_at[:4] or e.year != moment.year:
            self.problem(f"第 {e.seq} 条记录的年份与记录时间不符（记录被改动）",
                         f"entry {e.seq}: year does not match the recorded time (edited)", e.seq)
        if self.prev_time is not None and moment < self.prev_time:
            self.problem(f"第 {e.seq} 条记录的时间早于前一条（时间被改动或记录调换了顺序）",
                         f"entry {e.seq}: recorded before the entry preceding it (time edited or "
                         "entries reordered)", e.seq)
        self.prev_time = moment

    def _checkpoint(self, e: Entry) -> None:
        self.checkpoints += 1
        try:
            cp = parse_checkpoint(e.body.decode("utf-8"))
        except (RecordError, UnicodeDecodeError) as exc:
            msg = getattr(exc, "message", str(exc))
            self.problem(f"第 {e.seq} 条检查点无法解析：{msg}",
                         f"checkpoint entry {e.seq} cannot be parsed: {getattr(exc, 'message_en', exc)}",
                         e.seq)
            return
        where = f"第 {e.seq} 条检查点（{_cover(cp.size)}）"
        where_en = f"checkpoint entry {e.seq} ({_cover_en(cp.size)})"
        if self.origin is not None and cp.origin != self.origin:
            self.notes.append(f"{where}的 origin 是“{cp.origin}”，不是配置的“{self.origin}”")
            self.notes_en.append(f"{where_en} has origin {cp.origin!r}, not the configured "
                                 f"{self.origin!r}")
        previous, self.last_cp, self.last_cp_seq = self.last_cp, cp, e.seq
        if cp.size >= e.seq:
            self.problem(f"{where}覆盖了它自己或之后的记录，不可能（检查点被改动）",
                         f"{where_en} covers itself or later entries (edited)", e.seq)
            return
        if previous is not None and cp.size < previous.size:
            self.problem(f"{where}的条数少于之前的检查点（{previous.size} 条）：账本被截短后重签",
                         f"{where_en} covers fewer entries than the checkpoint before it "
                         f"({previous.size}): the ledger was cut and re-signed", e.seq)
        start = self.last_good.size + 1 if self.last_good and self.last_good.size < cp.size else 1
        explained = any(s <= cp.size or s == e.seq for s in self.bad_seqs)
        root_ok = self.tree.root(cp.size) == cp.root
        meta_ok = cp.meta is None or self.metas[cp.size] == cp.meta
        if not root_ok:
            if explained:
                self.problem(f"{where}的根与记录不符（见上面所列的改动）",
                             f"{where_en}: root mismatch (see the changes above)", None)
            else:
                self.problem(f"{where}的根不符：第 {start}–{cp.size} 条之间的记录链被重写",
                             f"{where_en}: root mismatch — the chain of entries {start}–{cp.size} "
                             "was rewritten", None)
        elif not meta_ok:
            self.problem(f"{where}记下的类型、时间或文件摘要与记录不符：第 {start}–{cp.size} 条之间的"
                         "记录元数据被改动",
                         f"{where_en}: kinds, times or file digests of entries {start}–{cp.size} "
                         "were edited", None)
        elif cp.meta is None:
            self.notes.append(f"{where}没有 meta 行，记录的类型和时间不受它保护")
            self.notes_en.append(f"{where_en} has no meta line; kinds and times are not covered")
        if root_ok and self.last_good is not None and self.last_good.size <= cp.size:
            proof = self.tree.consistency_proof(self.last_good.size, cp.size)
            if not verify_consistency(self.last_good.size, cp.size, self.last_good.root, cp.root, proof):
                self.problem(f"{where}与之前的检查点不一致（账本分叉）",
                             f"{where_en} is inconsistent with the checkpoint before it (a fork)")
        if root_ok and meta_ok:
            self.last_good = cp
        if self.keys_for_checkpoint is None:
            return
        try:
            keys = list(self.keys_for_checkpoint(cp, e))
        except RecordError as exc:
            self.problem(f"{where}的签名无法核对：{exc.message}",
                         f"{where_en}: signature cannot be checked: {exc.message_en}")
            return
        except Exception as exc:          # fail closed: a broken callback never passes
            self.problem(f"{where}的签名无法核对：{exc}",
                         f"{where_en}: signature cannot be checked: {exc}")
            return
        if not verify_checkpoint(cp, keys):
            self.problem(f"{where}的签名无法验证（签名人当时不在名册，或检查点被改动）",
                         f"{where_en}: signature does not verify (signer not on the roster at the "
                         "time, or the checkpoint was edited)")

    def finish(self) -> LedgerCheck:
        self._flush_chain_run()
        last = self.last_cp
        uncovered = self.size - self.last_cp_seq if last else self.size
        if self.checkpoints == 0 and self.size:
            self.notes.append("账本还没有签名检查点：记录链被整体重写时无法发现")
            self.notes_en.append("the ledger has no signed checkpoint yet: a rewrite of the whole "
                                 "chain would go unnoticed")
        elif uncovered > 0 and last is not None:
            self.notes.append(f"最后一个检查点之后还有 {uncovered} 条记录（只受记录链保护，下一个检查点会覆盖它们）")
            self.notes_en.append(f"{uncovered} entries after the last checkpoint (protected by the "
                                 "chain only until the next checkpoint)")
        return LedgerCheck(ok=not self.problems, size=self.size, checkpoints=self.checkpoints,
                           problems=self.problems, problems_en=self.problems_en, notes=self.notes,
                           notes_en=self.notes_en, latest=last, uncovered=max(0, uncovered))
