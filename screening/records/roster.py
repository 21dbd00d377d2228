"""The roster: who holds which review role with which public key, valid when, revoked when.

Modelled on OpenSSH ``allowed_signers`` (signing.md §5): a principal (here a person's name), their
keys with validity windows, roles in place of namespaces, and revocations. Our own JSON format,
versioned: each version is a DSSE envelope (``ROSTER_PAYLOAD_TYPE``) and a ledger entry of kind
``roster``. Version 1 is self-signed by its own administrator key (the trust root; pin it with
``[records] roster_admin = "sha256:…"``); version N+1 must be signed by an administrator key of
version N. A roster entry that does not verify or does not follow its predecessor is ignored (and
listed in :attr:`Roster.problems`), so a row appended by someone without the admin key changes
nothing.

Key validity is judged at the time the ledger recorded the signed step, never at the time the
signer claims. A revocation applies from its ``at`` time on, even when it was recorded later
(a key reported lost on Friday afternoon invalidates what it signed since Friday noon): callers
use :func:`revocation` of the current roster together with the version in force.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from functools import cached_property
from typing import Any

from ..errors import RecordError
from .statement import ROLES

CHINA = timezone(timedelta(hours=8), "Asia/Shanghai")

#: grant() reasons (Chinese) → (stable code, English).
GRANT_REASONS = {
    "不在名册": ("NOT_IN_ROSTER", "not in the roster"),
    "没有该角色": ("ROLE_NOT_GRANTED", "does not hold this role"),
    "密钥不属于此人": ("KEY_NOT_OWNED", "the key does not belong to this person"),
    "尚未生效": ("KEY_NOT_YET_VALID", "the key was not yet valid"),
    "已过期": ("KEY_EXPIRED", "the key had expired"),
    "已吊销": ("KEY_REVOKED", "the key was revoked"),
}


def now(ledger=None) -> datetime:
    """The ledger's clock when there is one (tests move it), else the system clock."""
    clock = getattr(ledger, "clock", None)
    return clock() if clock is not None else datetime.now(CHINA)


def parse_time(value: str | datetime | date | None, *, end: bool = False) -> datetime | None:
    """A roster or ledger time. A bare date means the start of that day in China (``end``: the
    end of that day, i.e. the next day's start, exclusive). Naive times are China time."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        dt = value
    elif isinstance(value, date):
        dt = datetime.combine(value + timedelta(days=1) if end else value, time(0))
    else:
        text = str(value).strip()
        try:
            if len(text) == 10:
                d = date.fromisoformat(text)
                dt = datetime.combine(d + timedelta(days=1) if end else d, time(0))
            else:
                dt = datetime.fromisoformat(text)
        except ValueError as exc:
            raise RecordError(f"时间格式不对：{text}（应为 2026-01-31 或 2026-01-31T09:00:00+08:00）",
                              message_en=f"bad time {text!r} (use 2026-01-31 or ISO 8601)"
                              ) from exc
    return dt if dt.tzinfo else dt.replace(tzinfo=CHINA)


@dataclass(frozen=True)
class KeyGrant:
    """One public key of a person, with its validity window and revocation."""

    scheme: str
    public: str            # SubjectPublicKeyInfo PEM
    fingerprint: str       # sha256:<hex>
    valid_from: str | None = None
    valid_until: str | None = None
    revoked_at: str | None = None
    revoked_reason: str = ""

    @cached_property
    def public_key(self):
        from .keys import load_public_key
        return load_public_key(self.public)

    def state_at(self, at: datetime) -> str:
        """'' when valid at ``at``, else the Chinese reason (尚未生效 / 已过期 / 已吊销)."""
        start = parse_time(self.valid_from)
        stop = parse_time(self.valid_until, end=True)
        revoked = parse_time(self.revoked_at)
        if revoked is not None and at >= revoked:
            return "已吊销"
        if start is not None and at < start:
            return "尚未生效"
        if stop is not None and at >= stop:
            return "已过期"
        return ""

    def to_dict(self) -> dict[str, Any]:
        return {"scheme": self.scheme, "public": self.public, "fingerprint": self.fingerprint,
                "valid_from": self.valid_from, "valid_until": self.valid_until,
                "revoked": ({"at": self.revoked_at, "reason": self.revoked_reason}
                            if self.revoked_at else None)}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> KeyGrant:
        rev = d.get("revoked") or {}
        return cls(scheme=d["scheme"], public=d["public"], fingerprint=d["fingerprint"],
                   valid_from=d.get("valid_from"), valid_until=d.get("valid_until"),
                   revoked_at=rev.get("at"), revoked_reason=rev.get("reason", ""))


@dataclass(frozen=True)
class Person:
    name: str
    roles: tuple[str, ...]
    keys: tuple[KeyGrant, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "roles": list(self.roles),
                "keys": [k.to_dict() for k in self.keys]}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Person:
        roles = tuple(d.get("roles", ()))
        if not isinstance(d.get("name"), str) or not set(roles) <= set(ROLES):
            raise RecordError("名册中的人员记录格式不对", message_en="bad person entry in roster")
        return cls(name=d["name"], roles=roles,
                   keys=tuple(KeyGrant.from_dict(k) for k in d.get("keys", ())))


@dataclass(frozen=True)
class Roster:
    """One verified roster version.

    :param entry_seq: the ledger position of the roster entry (0 for a version not yet stored).
    :param admin: the keys allowed to sign the next version.
    :param root_fingerprints: the administrator fingerprints of version 1 (the trust root).
    :param problems: roster entries of the ledger that were ignored (bad signature, wrong version).
    """

    version: int
    effective: str
    office: str
    people: tuple[Person, ...]
    admin_keys: tuple[KeyGrant, ...]
    entry_seq: int = 0
    root_fingerprints: tuple[str, ...] = ()
    envelope_sha256: str = ""
    problems: tuple[str, ...] = field(default=(), compare=False)

    @property
    def admin(self) -> tuple:
        """The administrator :class:`~screening.records.keys.PublicKey` s."""
        return tuple(k.public_key for k in self.admin_keys)

    def person(self, name: str) -> Person | None:
        return next((p for p in self.people if p.name == name), None)

    def owner_of(self, fingerprint: str) -> tuple[Person, KeyGrant] | None:
        """The person holding a key, by fingerprint."""
        for p in self.people:
            for k in p.keys:
                if k.fingerprint == fingerprint:
                    return p, k
        return None

    def grant(self, name: str, role: str, fingerprint: str, at: datetime) -> tuple[bool, str]:
        """Whether ``name`` held ``role`` with key ``fingerprint`` at ``at``: ``(True, "")`` or
        ``(False, reason)`` with the reason one of :data:`GRANT_REASONS`."""
        person = self.person(name)
        if person is None:
            return False, "不在名册"
        key = next((k for k in person.keys if k.fingerprint == fingerprint), None)
        if key is None:
            return False, "密钥不属于此人"
        if role not in person.roles:
            return False, "没有该角色"
        state = key.state_at(at)
        return (not state), state

    def all_keys(self) -> list[KeyGrant]:
        return [k for p in self.people for k in p.keys]

    def to_dict(self) -> dict[str, Any]:
        return {"version": self.version, "effective": self.effective, "office": self.office,
                "admin": [k.to_dict() for k in self.admin_keys],
                "people": [p.to_dict() for p in self.people]}

    @classmethod
    def from_dict(cls, d: dict[str, Any], **extra: Any) -> Roster:
        try:
            version = int(d["version"])
            admin = tuple(KeyGrant.from_dict(k) for k in d["admin"])
            people = tuple(Person.from_dict(p) for p in d.get("people", ()))
        except (KeyError, TypeError, ValueError) as exc:
            raise RecordError("名册格式不对", message_en="malformed roster") from exc
        if not admin:
            raise RecordError("名册没有管理员密钥", message_en="roster without an admin key")
        return cls(version=version, effective=str(d.get("effective", "")),
                   office=str(d.get("office", "")), people=people, admin_keys=admin, **extra)


def grant_reason_en(reason: str) -> str:
    return GRANT_REASONS.get(reason, ("", reason))[1]


def grant_code(reason: str) -> str:
    return GRANT_REASONS.get(reason, ("ROLE_NOT_GRANTED", ""))[0]


# -- reading versions from the ledger --------------------------------------------------------------

_CACHE: dict[tuple, list[Roster]] = {}


def versions(ledger) -> list[Roster]:
    """Every valid roster version in ledger order (verified; cached by content)."""
    entries = list(ledger.entries(kind="roster"))
    key = (ledger.url, tuple((e.seq, e.leaf_hash) for e in entries))
    cached = _CACHE.get(key)
    if cached is None:
        cached = _verify_versions(entries)
        if len(_CACHE) > 64:
            _CACHE.clear()
        _CACHE[key] = cached
    return cached


def _verify_versions(entries) -> list[Roster]:
    from .dsse import ROSTER_PAYLOAD_TYPE, Envelope, verify_envelope
    from .keys import load_public_key

    out: list[Roster] = []
    problems: list[str] = []
    for e in entries:
        try:
            env = Envelope.from_json(e.body)
            prev = out[-1] if out else None
            if prev is None:  # version 1 signs itself: its own admin keys (the trust root)
                claimed = json.loads(env.payload)
                keys = [load_public_key(k["public"]) for k in claimed["admin"]]
            else:
                keys = list(prev.admin)
            payload = verify_envelope(env, keys, ROSTER_PAYLOAD_TYPE)
            data = json.loads(payload)
            expected = 1 if prev is None else prev.version + 1
            if int(data.get("version", 0)) != expected:
                raise RecordError(f"版本号应为 {expected}")
            root = (tuple(k["fingerprint"] for k in data["admin"]) if prev is None
                    else prev.root_fingerprints)
            for k in data["admin"]:
                if load_public_key(k["public"]).fingerprint != k["fingerprint"]:
                    raise RecordError("管理员密钥指纹不符")
            roster = Roster.from_dict(data, entry_seq=e.seq, root_fingerprints=root,
                                      envelope_sha256=env.digests().sha256)
            for k in roster.all_keys():
                if k.public_key.fingerprint != k.fingerprint:
                    raise RecordError("人员密钥指纹不符")
        except Exception as exc:  # noqa: BLE001 - any defect: this entry is not a roster version
            detail = exc.message if isinstance(exc, RecordError) else type(exc).__name__
            problems.append(f"第 {e.seq} 条名册记录无效，已忽略（{detail}）")
            continue
        out.append(roster)
    if problems:
        out = [_with_problems(r, problems) for r in out]
    return out


def _with_problems(r: Roster, problems: list[str]) -> Roster:
    from dataclasses import replace
    return replace(r, problems=tuple(problems))


def roster_at(ledger, seq: int) -> Roster:
    """The roster version in force at ledger position ``seq`` (the last valid version recorded
    before it). RecordError when there was none."""
    found = None
    for r in versions(ledger):
        if r.entry_seq < seq:
            found = r
    if found is None:
        raise RecordError("该记录之前名册尚未建立", message_en="no roster was in force at that time")
    return found


def current_roster(ledger) -> Roster:
    vs = versions(ledger)
    if not vs:
        raise RecordError("名册尚未建立。请先运行 screen roster init",
                          message_en="no roster yet; run screen roster init first")
    return vs[-1]


def revocation(ledger, fingerprint: str) -> tuple[str, str] | None:
    """``(at, reason)`` when the CURRENT roster marks this key revoked, else ``None``."""
    vs = versions(ledger)
    if not vs:
        return None
    hit = vs[-1].owner_of(fingerprint)
    if hit and hit[1].revoked_at:
        return hit[1].revoked_at, hit[1].revoked_reason
    return None


def key_state(ledger, roster: Roster, name: str, role: str, fingerprint: str,
              at: datetime) -> tuple[bool, str]:
    """:meth:`Roster.grant` of the version in force, plus a revocation the current roster
    records with a time at or before ``at``."""
    ok, reason = roster.grant(name, role, fingerprint, at)
    if ok:
        rev = revocation(ledger, fingerprint)
        if rev is not None and at >= parse_time(rev[0]):
            return False, "已吊销"
    return ok, reason


# -- changing the roster ---------------------------------------------------------------------------

def _store(ledger, admin, data: dict[str, Any]) -> Roster:
    from .dsse import ROSTER_PAYLOAD_TYPE, sign_envelope

    payload = json.dumps(data, ensure_ascii=False, sort_keys=True,
                         separators=(",", ":")).encode("utf-8")
    env = sign_envelope(payload, ROSTER_PAYLOAD_TYPE, admin)
    entry = ledger.append("roster", env.to_json(), ())
    roster = next((r for r in versions(ledger) if r.entry_seq == entry.seq), None)
    if roster is None:  # pragma: no cover - we just signed it
        raise RecordError("名册新版本未能通过验证", message_en="the new roster version did not verify")
    return roster


def _key_dict(public_key, valid_from=None, valid_until=None) -> dict[str, Any]:
    return KeyGrant(scheme=public_key.scheme, public=public_key.pem,
                    fingerprint=public_key.fingerprint,
                    valid_from=_iso(valid_from), valid_until=_iso(valid_until, end=True)).to_dict()


def _iso(value, *, end: bool = False) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, str):
        parse_time(value, end=end)  # validate
        return value
    if isinstance(value, datetime):
        return parse_time(value).isoformat(timespec="seconds")
    return value.isoformat()


def _next(ledger, admin) -> dict[str, Any]:
    cur = current_roster(ledger)
    if admin.public_key.fingerprint not in {k.fingerprint for k in cur.admin_keys}:
        raise RecordError("此密钥不是名册管理员，不能修改名册",
                          message_en="this key is not a roster administrator")
    data = cur.to_dict()
    data["version"] = cur.version + 1
    data["effective"] = now(ledger).isoformat(timespec="seconds")
    data["previous"] = {"version": cur.version, "seq": cur.entry_seq,
                        "sha256": cur.envelope_sha256}
    return data


def roster_init(ledger, admin, office: str) -> Roster:
    """Version 1, self-signed by ``admin`` (the trust root)."""
    if versions(ledger):
        raise RecordError("名册已经建立，不能重复初始化（用 screen roster add 修改）",
                          message_en="the roster already exists")
    data = {"version": 1, "effective": now(ledger).isoformat(timespec="seconds"), "office": office,
            "admin": [_key_dict(admin.public_key)], "people": [], "previous": None}
    return _store(ledger, admin, data)


def roster_add(ledger, admin, name: str, role: str, public_key, valid_from=None,
               valid_until=None) -> Roster:
    """Give ``name`` the ``role`` with ``public_key`` (a new person, a new role, or a new key for
    a rotation; a key already held by someone else is refused)."""
    if role not in ROLES:
        raise RecordError(f"未知的角色：{role}（drafter、leader 或 officer）",
                          message_en=f"unknown role {role!r}")
    name = name.strip()
    if not name:
        raise RecordError("姓名不能为空", message_en="empty name")
    data = _next(ledger, admin)
    fp = public_key.fingerprint
    people = data["people"]
    for p in people:
        if p["name"] != name and any(k["fingerprint"] == fp for k in p["keys"]):
            raise RecordError(f"此密钥已属于 {p['name']}，一把密钥只能属于一个人",
                              message_en="this key already belongs to someone else")
    person = next((p for p in people if p["name"] == name), None)
    if person is None:
        person = {"name": name, "roles": [], "keys": []}
        people.append(person)
    if role not in person["roles"]:
        person["roles"].append(role)
    key = next((k for k in person["keys"] if k["fingerprint"] == fp), None)
    if key is None:
        person["keys"].append(_key_dict(public_key, valid_from, valid_until))
    else:
        if key.get("revoked"):
            raise RecordError("此密钥已吊销，不能再用", message_en="this key has been revoked")
        if valid_from is not None:
            key["valid_from"] = _iso(valid_from)
        if valid_until is not None:
            key["valid_until"] = _iso(valid_until, end=True)
    return _store(ledger, admin, data)


def roster_revoke(ledger, admin, name: str, fingerprint: str | None = None, reason: str = "",
                  at: datetime | str | None = None) -> Roster:
    """Revoke ``name``'s key (``fingerprint``) or all their keys, from ``at`` (default now)."""
    data = _next(ledger, admin)
    person = next((p for p in data["people"] if p["name"] == name), None)
    if person is None:
        raise RecordError(f"名册中没有 {name}", message_en=f"{name} is not in the roster")
    # default: now, to the microsecond (a step recorded earlier in the same second stays valid)
    when = parse_time(at) if at is not None else now(ledger)
    hits = 0
    for k in person["keys"]:
        if fingerprint and k["fingerprint"] != fingerprint:
            continue
        if not k.get("revoked"):
            k["revoked"] = {"at": when.isoformat(timespec="microseconds" if at is None
                                                 else "seconds"), "reason": reason}
            hits += 1
    if not hits:
        raise RecordError("没有可吊销的密钥（指纹不符或已吊销）",
                          message_en="no key to revoke (wrong fingerprint or already revoked)")
    return _store(ledger, admin, data)


def checkpoint_keys(ledger) -> Callable[[Any, Any], Sequence[Any]]:
    """For :func:`~screening.records.checkpoint.verify_ledger`: the keys allowed to sign the
    checkpoint stored as ``entry`` — any roster person's key valid at that time, or an
    administrator key of the version in force."""

    def keys(checkpoint, entry) -> list:
        try:
            roster = roster_at(ledger, entry.seq)
        except RecordError:
            return []
        at = parse_time(entry.recorded_at)
        out = list(roster.admin)
        for p in roster.people:
            for k in p.keys:
                if not k.state_at(at):
                    rev = revocation(ledger, k.fingerprint)
                    if rev is None or at < parse_time(rev[0]):
                        out.append(k.public_key)
        return out

    return keys
