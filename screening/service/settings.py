"""The ``[service]`` section of ``screening.toml``: who may call, how big and how slow an upload may be.

Example::

    [service]
    max_upload_bytes = 67108864        # 64 MiB; larger uploads get HTTP 413
    upload_timeout_seconds = 60        # the whole body must arrive within this time, else HTTP 408
    temp_dir = "/var/tmp/screening"    # where each request's private directory (0700) is made

    [service.tokens]                   # one bearer token per calling system
    oa = "sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"  # hashed (preferred)
    portal = "a-long-random-token-of-at-least-16-characters"                   # or plain

Tokens may also come from the environment: ``SCREENING_API_TOKENS="oa:tok1,portal:tok2"`` (added to
the configured ones; the environment wins for a name in both).
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from ..config import Config
from ..errors import ConfigError

MiB = 1024 * 1024
TOKENS_ENV = "SCREENING_API_TOKENS"
MIN_TOKEN_CHARS = 16
_HASHED = re.compile(r"sha256:([0-9a-fA-F]{64})")
_NAME = re.compile(r"[A-Za-z0-9_.\-]{1,64}")
_KEYS = {"tokens", "max_upload_bytes", "upload_timeout_seconds", "temp_dir"}


@dataclass(frozen=True)
class ServiceSettings:
    """What the HTTP service needs beyond the screening configuration.

    :param tokens: calling system name → SHA-256 digest of its bearer token (plain tokens from the
        configuration are hashed on load; the raw token is never kept).
    :param max_upload_bytes: the largest file accepted (HTTP 413 above).
    :param upload_timeout_seconds: the time the whole request body may take to arrive (HTTP 408).
    :param temp_dir: parent of the per-request private directories (``None``: the system's).
    """

    tokens: Mapping[str, bytes] = field(default_factory=lambda: MappingProxyType({}))
    max_upload_bytes: int = 64 * MiB
    upload_timeout_seconds: float = 60.0
    temp_dir: Path | None = None

    @classmethod
    def from_config(cls, config: Config, env: Mapping[str, str] | None = None) -> ServiceSettings:
        env = os.environ if env is None else env
        section = dict(config.raw.get("service", {}) or {})
        unknown = set(section) - _KEYS
        if unknown:
            raise ConfigError(f"配置 [service] 中有未知项：{sorted(unknown)}",
                              message_en=f"unknown [service] keys: {sorted(unknown)}")
        tokens: dict[str, bytes] = {}
        configured = section.get("tokens", {}) or {}
        if not isinstance(configured, Mapping):
            raise ConfigError("配置 [service.tokens] 应为“系统名 = 令牌”的表",
                              message_en="[service.tokens] must be a table of name = token")
        for name, value in configured.items():
            tokens[_check_name(str(name))] = token_digest(str(value), source="[service.tokens]")
        for name, value in parse_env_tokens(env.get(TOKENS_ENV, "")).items():
            tokens[name] = value
        try:
            max_upload = int(section.get("max_upload_bytes", cls.max_upload_bytes))
            timeout = float(section.get("upload_timeout_seconds", cls.upload_timeout_seconds))
        except (TypeError, ValueError) as exc:
            raise ConfigError(f"配置 [service] 的上限必须是数字：{exc}",
                              message_en=f"[service] limits must be numbers: {exc}") from exc
        if max_upload <= 0 or timeout <= 0:
            raise ConfigError("配置 [service] 的上限必须大于 0",
                              message_en="[service] limits must be greater than 0")
        temp = section.get("temp_dir")
        temp_dir = None
        if temp:
            temp_dir = Path(str(temp))
            if not temp_dir.is_absolute() and config.source:
                temp_dir = Path(config.source).parent / temp_dir
        return cls(tokens=MappingProxyType(tokens), max_upload_bytes=max_upload,
                   upload_timeout_seconds=timeout, temp_dir=temp_dir)


def token_digest(value: str, *, source: str) -> bytes:
    """The SHA-256 digest a token is compared by: ``sha256:<hex>`` as given, else of the text."""
    value = value.strip()
    m = _HASHED.fullmatch(value)
    if m:
        return bytes.fromhex(m.group(1))
    if len(value) < MIN_TOKEN_CHARS:
        raise ConfigError(
            f"{source} 中的令牌太短（至少 {MIN_TOKEN_CHARS} 个字符），请用随机生成的长令牌",
            message_en=f"a token in {source} is too short (at least {MIN_TOKEN_CHARS} characters)")
    return hashlib.sha256(value.encode("utf-8")).digest()


def parse_env_tokens(text: str) -> dict[str, bytes]:
    """``"name:token,name:token"`` → name → digest. ConfigError for a malformed item."""
    out: dict[str, bytes] = {}
    for item in (part.strip() for part in text.split(",")):
        if not item:
            continue
        name, sep, token = item.partition(":")
        if not sep or not token:
            raise ConfigError(f"环境变量 {TOKENS_ENV} 的格式应为 名称:令牌,名称:令牌",
                              message_en=f"{TOKENS_ENV} must look like name:token,name:token")
        out[_check_name(name.strip())] = token_digest(token, source=TOKENS_ENV)
    return out


def _check_name(name: str) -> str:
    if not _NAME.fullmatch(name):
        raise ConfigError(f"调用系统名称 {name!r} 只能含字母、数字、点、下划线和连字符",
                          message_en=f"caller name {name!r} may hold only letters, digits, . _ -")
    return name
