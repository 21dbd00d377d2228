"""Where the review records live and who anchors them: the ``[records]`` section of ``screening.toml``.

Example::

    [records]
    home = "/srv/screening"                 # default: $SCREENING_HOME, else $XDG_DATA_HOME/screening,
                                            #          else ~/.local/share/screening
    ledger = "postgresql://screening:pw@db.example:5432/screening"
                                            # or "sqlite:///srv/screening/ledger.sqlite", or a path;
                                            # default: <home>/ledger.sqlite
    origin = "某某县人民政府办公室 screening ledger"   # first line of every signed checkpoint
    required_detectors = ["secret_level_mark", "resident_id"]   # default: every built-in detector
    roster_admin = "sha256:3f1c…"           # pins the roster's trust root (the admin key fingerprint)

Relative paths are resolved against the directory of the configuration file (the current
directory when there is none). Nothing here touches the disk: :func:`open_ledger` creates the
ledger when it is first opened.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ..config import Config
from ..errors import ConfigError

DEFAULT_ORIGIN = "screening ledger"
LEDGER_FILENAME = "ledger.sqlite"
KNOWN_KEYS = frozenset({"home", "ledger", "origin", "required_detectors", "roster_admin"})
_FINGERPRINT = re.compile(r"sha256:[0-9a-f]{64}")


@dataclass(frozen=True)
class RecordsSettings:
    """The resolved ``[records]`` settings (see the module docstring)."""

    home: Path
    ledger_url: str
    origin: str = DEFAULT_ORIGIN
    required_detectors: tuple[str, ...] = ()
    roster_admin: str | None = None

    @classmethod
    def from_config(cls, config: Config, *, home: str | Path | None = None,
                    ledger: str | None = None) -> RecordsSettings:
        """Read ``config.raw["records"]``. ``home`` and ``ledger`` are the CLI's ``--home`` and
        ``--ledger`` overrides: they win over the file, and a new home moves the default ledger
        with it. Raises :class:`ConfigError` with the offending key."""
        raw = config.raw.get("records", {})
        if not isinstance(raw, Mapping):
            raise ConfigError("配置 [records] 必须是一个表（[records] 段）",
                              message_en="[records] must be a table")
        unknown = set(raw) - KNOWN_KEYS
        if unknown:
            raise ConfigError(f"配置 [records] 中有未知项：{sorted(unknown)}（可用：{sorted(KNOWN_KEYS)}）",
                              message_en=f"unknown [records] keys: {sorted(unknown)} "
                                         f"(known: {sorted(KNOWN_KEYS)})")
        base = Path(config.source).parent if config.source else Path.cwd()
        if home is not None:
            home_path = _path(str(home), Path.cwd())
        elif "home" in raw:
            home_path = _path(_string(raw, "home"), base)
        else:
            home_path = default_home()
        if ledger is not None:
            url = ledger_url(ledger, Path.cwd())
        elif "ledger" in raw:
            url = ledger_url(_string(raw, "ledger"), base)
        else:
            url = sqlite_url(home_path / LEDGER_FILENAME)
        origin = _string(raw, "origin") if "origin" in raw else DEFAULT_ORIGIN
        _check_origin(origin)
        return cls(home=home_path, ledger_url=url, origin=origin,
                   required_detectors=_detectors(raw.get("required_detectors", [])),
                   roster_admin=_fingerprint(raw.get("roster_admin")))


def default_home(environ: Mapping[str, str] | None = None) -> Path:
    """``$SCREENING_HOME``, else ``$XDG_DATA_HOME/screening``, else ``~/.local/share/screening``.

    A relative ``$XDG_DATA_HOME`` is ignored, as the XDG specification says."""
    env = os.environ if environ is None else environ
    if env.get("SCREENING_HOME"):
        return Path(env["SCREENING_HOME"]).expanduser().resolve()
    xdg = env.get("XDG_DATA_HOME", "")
    if xdg and Path(xdg).is_absolute():
        return Path(xdg) / "screening"
    return Path.home() / ".local" / "share" / "screening"


def sqlite_url(path: Path) -> str:
    """``sqlite:///abs/path`` for an absolute path."""
    return "sqlite://" + str(path)


def ledger_url(value: str, base: Path) -> str:
    """Normalise a ``[records] ledger`` value: a ``sqlite:///`` URL or a plain path becomes
    ``sqlite:///<absolute path>``; a ``postgresql://`` (or ``postgres://``) URL is checked and
    kept. Anything else raises :class:`ConfigError`."""
    value = value.strip()
    if not value:
        raise ConfigError("配置 [records] ledger 不能为空",
                          message_en="[records] ledger must not be empty")
    scheme = value.split(":", 1)[0].lower() if "://" in value else ""
    if scheme == "sqlite":
        rest = value[len("sqlite://"):]
        if not rest.startswith("/"):
            raise ConfigError(f"配置 [records] ledger 的 SQLite 地址须为 sqlite:///绝对路径：{value}",
                              message_en=f"[records] ledger: a SQLite URL must be "
                                         f"sqlite:///absolute/path: {value}")
        return sqlite_url(Path("/" + rest.lstrip("/")))
    if scheme in ("postgresql", "postgres"):
        check_postgres_url(value)
        return value
    if scheme:
        raise ConfigError(f"配置 [records] ledger 只支持 sqlite:/// 或 postgresql:// 地址，"
                          f"或一个文件路径：{redact_url(value)}",
                          message_en=f"[records] ledger must be sqlite:///…, postgresql://… or a "
                                     f"file path: {redact_url(value)}")
    return sqlite_url(_path(value, base))


def check_postgres_url(url: str) -> None:
    """Raise :class:`ConfigError` unless ``url`` names a host (or socket) and a database."""
    try:
        parts = urlsplit(url)
        _ = parts.port                                # raises ValueError for a bad port
    except ValueError as exc:
        raise ConfigError(f"PostgreSQL 地址格式不对：{redact_url(url)}（{exc}）",
                          message_en=f"malformed PostgreSQL URL {redact_url(url)}: {exc}") from exc
    if not parts.path.strip("/"):
        raise ConfigError(f"PostgreSQL 地址缺少数据库名：{redact_url(url)}"
                          "（格式 postgresql://用户:密码@主机:端口/数据库）",
                          message_en=f"PostgreSQL URL without a database name: {redact_url(url)} "
                                     "(postgresql://user:password@host:port/database)")
    if not parts.hostname and "host=" not in parts.query:
        raise ConfigError(f"PostgreSQL 地址缺少主机：{redact_url(url)}",
                          message_en=f"PostgreSQL URL without a host: {redact_url(url)}")


def redact_url(url: str) -> str:
    """The URL with its password replaced by ``***`` (for messages and ``Ledger.url``)."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return re.sub(r"//([^:/@]*):[^@]*@", r"//\1:***@", url)
    if parts.password is None:
        return url
    netloc = parts.netloc
    userinfo, _, hostport = netloc.rpartition("@")
    user = userinfo.split(":", 1)[0]
    return parts._replace(netloc=f"{user}:***@{hostport}").geturl()


def _string(raw: Mapping[str, Any], key: str) -> str:
    value = raw[key]
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(f"配置 [records] {key} 必须是非空字符串",
                          message_en=f"[records] {key} must be a non-empty string")
    return value


def _path(value: str, base: Path) -> Path:
    p = Path(value).expanduser()
    return (p if p.is_absolute() else base / p).resolve()


def _check_origin(origin: str) -> None:
    if origin != origin.strip() or "\n" in origin or "\r" in origin or not origin:
        raise ConfigError("配置 [records] origin 必须是一行文字，首尾不能有空格",
                          message_en="[records] origin must be one line without leading or "
                                     "trailing spaces")


def _detectors(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ConfigError("配置 [records] required_detectors 必须是检测器名称的列表，如 "
                          '["secret_level_mark", "resident_id"]',
                          message_en="[records] required_detectors must be a list of detector "
                                     'names, e.g. ["secret_level_mark", "resident_id"]')
    return tuple(dict.fromkeys(v.strip() for v in value))


def _fingerprint(value: Any) -> str | None:
    if value is None:
        return None
    text = value.strip().lower() if isinstance(value, str) else ""
    if not _FINGERPRINT.fullmatch(text):
        raise ConfigError("配置 [records] roster_admin 必须是名册管理员公钥的指纹 sha256:<64 位十六进制>"
                          "（screen keys new 打印的那一行）",
                          message_en="[records] roster_admin must be the roster administrator's key "
                                     "fingerprint sha256:<64 hex digits> (as printed by "
                                     "screen keys new)")
    return text
