"""The signer hook: the built-in loads local key files; an office plugin answers first; failures
are SigningErrors; passphrase sources; a lying signer is caught before anything is recorded."""

from __future__ import annotations

import pytest

from screening import Config, hookimpl
from screening.errors import SigningError
from screening.plugins import BUILTIN_PLUGINS, get_plugin_manager
from screening.records.dsse import REVIEW_PAYLOAD_TYPE, sign_envelope
from screening.records.keys import PrivateKey, new_key
from screening.records.signers import (PASSPHRASE_ENV, LocalSigner, get_signer, is_key_uri,
                                       resolve_passphrase)


def _pm(*plugins):
    pm = get_plugin_manager(entrypoints=False)
    for i, plugin in enumerate(plugins):
        pm.register(plugin, name=f"office_{i}")
    return pm


class DeviceSigner:
    """Stands in for a USB key: holds its own key, reached through ``ukey:NAME``."""

    def __init__(self, scheme="sm2"):
        self._key = PrivateKey.generate(scheme)
        self.scheme = scheme
        self.public_key = self._key.public_key

    def sign(self, data: bytes) -> bytes:
        return self._key.sign(data)


class OfficePlugin:
    def __init__(self, accept_everything=False):
        self.device = DeviceSigner()
        self.accept_everything = accept_everything
        self.calls = []

    @hookimpl
    def screening_signer(self, key, passphrase, config):
        self.calls.append((key, passphrase, config))
        if self.accept_everything or key.startswith("ukey:"):
            return self.device
        return None


def test_signers_is_a_builtin_plugin():
    assert ("signers", "screening.records.signers") in BUILTIN_PLUGINS


@pytest.mark.parametrize("scheme", ["sm2", "ed25519"])
def test_builtin_loads_a_local_key_file(tmp_path, scheme):
    private, public = new_key("张三", tmp_path, scheme, passphrase=b"pw")
    signer = get_signer(_pm(), str(private), b"pw", Config())
    assert isinstance(signer, LocalSigner) and signer.scheme == scheme
    assert signer.path == private
    assert signer.public_key.pem == public.read_text()
    assert signer.public_key.verify(b"msg", signer.sign(b"msg"))
    with pytest.raises(SigningError, match="口令不正确"):
        get_signer(_pm(), str(private), b"nope", Config())


def test_office_plugin_takes_precedence_over_the_builtin(tmp_path):
    private, _ = new_key("a", tmp_path, "sm2")
    office = OfficePlugin(accept_everything=True)
    config = Config()
    signer = get_signer(_pm(office), str(private), b"pin", config)
    assert signer is office.device                       # asked first, its answer wins
    assert office.calls == [(str(private), b"pin", config)]


def test_plugin_declining_falls_back_to_the_builtin(tmp_path):
    private, _ = new_key("a", tmp_path, "ed25519")
    office = OfficePlugin()
    signer = get_signer(_pm(office), str(private), None, Config())
    assert isinstance(signer, LocalSigner) and len(office.calls) == 1
    assert get_signer(_pm(office), "ukey:张三", b"123456", Config()) is office.device


def test_unhandled_key_uri_and_missing_file_are_signing_errors(tmp_path):
    with pytest.raises(SigningError, match="没有插件能处理"):
        get_signer(_pm(), "ukey:张三", None, Config())
    with pytest.raises(SigningError, match="找不到密钥文件"):
        get_signer(_pm(), str(tmp_path / "nobody.key"), None, Config())
    with pytest.raises(SigningError, match="--key"):
        get_signer(_pm(), "", None, Config())


def test_key_uri_versus_windows_path():
    assert is_key_uri("ukey:张三") and is_key_uri("https://sign.example/zhangsan")
    assert not is_key_uri("C:\\keys\\张三.key") and not is_key_uri("keys/张三.key")


def test_a_broken_plugin_is_a_signing_error():
    class Raises:
        @hookimpl
        def screening_signer(self, key):
            raise RuntimeError("device unplugged")

    class Junk:
        @hookimpl
        def screening_signer(self, key):
            return "not a signer"

    with pytest.raises(SigningError, match="device unplugged"):
        get_signer(_pm(Raises()), "ukey:x", None, Config())
    with pytest.raises(SigningError, match="签名器不可用"):
        get_signer(_pm(Junk()), "ukey:x", None, Config())


def test_a_signer_answering_with_another_key_is_caught():
    class Lying(DeviceSigner):
        def __init__(self):
            super().__init__()
            self.public_key = PrivateKey.generate("sm2").public_key

    with pytest.raises(SigningError, match="与其公钥不符"):
        sign_envelope(b"{}", REVIEW_PAYLOAD_TYPE, Lying())


def test_passphrase_sources(tmp_path, monkeypatch):
    monkeypatch.delenv(PASSPHRASE_ENV, raising=False)
    f = tmp_path / "pw.txt"
    f.write_bytes("口令 one\r\nsecond line\n".encode())
    assert resolve_passphrase(f) == "口令 one".encode()
    monkeypatch.setenv(PASSPHRASE_ENV, "from-env")
    assert resolve_passphrase(f) == "口令 one".encode()           # the file wins
    assert resolve_passphrase(None, prompt=False) == b"from-env"
    monkeypatch.delenv(PASSPHRASE_ENV)
    assert resolve_passphrase(None, prompt=False) is None
    (tmp_path / "empty").write_bytes(b"\n")
    with pytest.raises(SigningError, match="是空的"):
        resolve_passphrase(tmp_path / "empty")
    with pytest.raises(SigningError, match="无法读取口令文件"):
        resolve_passphrase(tmp_path / "missing")
