"""Who signs: the ``screening_signer`` hook, its built-in local-file implementation, and the
passphrase sources of the CLI.

:func:`get_signer` asks the plugins (``firstresult``): an office plugin registered after the
built-ins is asked first, so it can route ``--key ukey:…`` or ``--key https://signing-server/…``
to a USB key (SKF) or a signing server (GM/T 0029) — a certified module, which this pure-Python
SM2 is not (signing.md §3.1). The built-in answers last, for keys that are local file paths, and
leaves ``scheme:…`` keys to the plugins.

This module is a built-in plugin (``("signers", "screening.records.signers")`` in
``screening.plugins.BUILTIN_PLUGINS``).
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pluggy

from ..errors import ScreeningError, SigningError
from ..hookspecs import hookimpl

if TYPE_CHECKING:
    from ..config import Config
    from .keys import PrivateKey, PublicKey, Signer

# .keys (and the SM2 arithmetic under it) is imported where a key is used: this module is a
# built-in plugin, loaded by every `screen` run, and a drafter's scan signs nothing.

__all__ = ["LocalSigner", "get_signer", "resolve_passphrase", "screening_signer",
           "PASSPHRASE_ENV"]

#: Environment variable holding the passphrase (for scripts; a file or the prompt is safer).
PASSPHRASE_ENV = "SCREENING_KEY_PASSPHRASE"

_URI = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]+:")   # ukey:…, https://…, pkcs11:… (not C:\…)


class LocalSigner:
    """Signs with a private key loaded from a file on this computer."""

    def __init__(self, key: PrivateKey, path: Path | None = None):
        self._key = key
        self.path = path
        self.scheme: str = key.scheme
        self.public_key: PublicKey = key.public_key

    def sign(self, data: bytes) -> bytes:
        return self._key.sign(data)

    def __repr__(self) -> str:
        return f"LocalSigner({self.scheme}, {self.public_key.fingerprint}, {self.path})"


def is_key_uri(key: str) -> bool:
    """``True`` for ``scheme:…`` keys meant for a plugin (``ukey:…``, ``https://…``); a Windows
    drive path (``C:\\keys\\a.key``) is a file."""
    return bool(_URI.match(key))


@hookimpl(trylast=True)
def screening_signer(key: str, passphrase: bytes | None, config: Config) -> Signer | None:
    """Built-in: ``key`` is a private key file path. ``scheme:…`` keys are left to plugins."""
    if is_key_uri(key):
        return None
    from .keys import load_private_key

    path = Path(key).expanduser()
    return LocalSigner(load_private_key(path, passphrase), path)


def get_signer(pm: pluggy.PluginManager, key: str, passphrase: bytes | None,
               config: Config) -> Signer:
    """The signer for ``--key``. :class:`SigningError` when no plugin answers, a plugin fails, or
    its answer is not a usable signer."""
    from .keys import SCHEMES, PublicKey

    if not key:
        raise SigningError("请用 --key 指定签名私钥。", message_en="give the signing key with --key")
    try:
        signer = pm.hook.screening_signer(key=key, passphrase=passphrase, config=config)
    except ScreeningError:
        raise
    except Exception as exc:
        raise SigningError(f"签名插件出错：{exc}",
                           message_en=f"the signer plugin failed: {exc}") from exc
    if signer is None:
        raise SigningError(f"没有插件能处理这个签名密钥：{key}（本机密钥请给出私钥文件路径）",
                           message_en=f"no plugin handles the signing key {key!r} "
                                      "(for a local key give the private key file path)")
    if not (isinstance(getattr(signer, "public_key", None), PublicKey)
            and getattr(signer, "scheme", None) in SCHEMES
            and signer.scheme == signer.public_key.scheme
            and callable(getattr(signer, "sign", None))):
        raise SigningError("签名插件返回的签名器不可用（缺少 scheme、public_key 或 sign）。",
                           message_en="the signer plugin returned an unusable signer")
    return signer


def resolve_passphrase(passphrase_file: str | os.PathLike | None = None, *,
                       prompt: bool | None = None, confirm: bool = False,
                       lang: str = "zh") -> bytes | None:
    """The passphrase for a key, from (in order): ``--passphrase-file F`` (its first line),
    ``$SCREENING_KEY_PASSPHRASE``, a hidden prompt when stdin is a terminal (``prompt=None``
    decides by ``isatty``), else ``None`` (no passphrase). An empty answer means none."""
    if passphrase_file is not None:
        try:
            data = Path(passphrase_file).read_bytes()
        except OSError as exc:
            raise SigningError(f"无法读取口令文件 {passphrase_file}：{exc.strerror}",
                               message_en=f"cannot read passphrase file {passphrase_file}: "
                                          f"{exc.strerror}")
        line = data.split(b"\n", 1)[0].rstrip(b"\r")
        if not line:
            raise SigningError(f"口令文件 {passphrase_file} 是空的。",
                               message_en=f"passphrase file {passphrase_file} is empty")
        return line
    env = os.environ.get(PASSPHRASE_ENV)
    if env:
        return env.encode("utf-8")
    if prompt is None:
        prompt = sys.stdin.isatty()
    if not prompt:
        return None
    import click

    text = "私钥口令（直接回车表示无口令）" if lang != "en" else "Key passphrase (Enter for none)"
    value = click.prompt(text, hide_input=True, default="", show_default=False,
                         confirmation_prompt=("再输入一次" if lang != "en" else "Repeat")
                         if confirm else False)
    return value.encode("utf-8") if value else None
