"""``screen keys new`` / ``screen keys show``: files, modes, passphrase sources, output, exit
codes."""

from __future__ import annotations

import json
import os
import stat

import pytest
from click.testing import CliRunner

from screening.cli import cli
from screening.records.keys import load_private_key, load_public_key
from screening.records.signers import PASSPHRASE_ENV


@pytest.fixture(autouse=True)
def no_env_passphrase(monkeypatch):
    monkeypatch.delenv(PASSPHRASE_ENV, raising=False)
    monkeypatch.delenv("SCREENING_LANG", raising=False)


def run(*args, **kw):
    return CliRunner().invoke(cli, list(args), **kw)


@pytest.mark.parametrize("scheme", ["sm2", "ed25519"])
def test_new_with_passphrase_file(tmp_path, scheme):
    pw = tmp_path / "pw.txt"
    pw.write_text("长口令 horse battery\n", encoding="utf-8")
    result = run("keys", "new", "张三", "--scheme", scheme, "--dir", str(tmp_path / "k"),
                 "--passphrase-file", str(pw))
    assert result.exit_code == 0, result.output
    private, public = tmp_path / "k" / "张三.key", tmp_path / "k" / "张三.pub.pem"
    assert stat.S_IMODE(private.stat().st_mode) == 0o600
    pub = load_public_key(public)
    assert pub.scheme == scheme
    assert f"  指纹：{pub.fingerprint}\n" in result.output
    assert pub.pem in result.output
    assert "已用口令加密" in result.output
    key = load_private_key(private, "长口令 horse battery".encode())
    assert key.public_key == pub


def test_new_json_and_english(tmp_path):
    result = run("keys", "new", "li", "--dir", str(tmp_path), "--no-passphrase",
                 "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    pub = load_public_key(tmp_path / "li.pub.pem")
    assert data == {"name": "li", "scheme": "sm2", "private_key": str(tmp_path / "li.key"),
                    "public_key": str(tmp_path / "li.pub.pem"), "fingerprint": pub.fingerprint,
                    "encrypted": False, "public_pem": pub.pem}
    en = run("keys", "new", "wang", "--dir", str(tmp_path), "--no-passphrase", "--lang", "en")
    assert en.exit_code == 0
    assert "Made an SM2 (SM3 digest, user ID 1234567812345678) key pair:" in en.output
    assert "NOT encrypted" in en.output and "指纹" not in en.output


def test_new_takes_the_passphrase_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv(PASSPHRASE_ENV, "env-secret")
    result = run("keys", "new", "zhao", "--dir", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert load_private_key(tmp_path / "zhao.key", b"env-secret").scheme == "sm2"


def test_new_without_a_passphrase_source_is_a_usage_error(tmp_path):
    result = run("keys", "new", "a", "--dir", str(tmp_path))      # stdin is not a terminal
    assert result.exit_code == 2
    assert "--no-passphrase" in result.output
    assert not (tmp_path / "a.key").exists()
    pw = tmp_path / "pw"
    pw.write_text("x")
    both = run("keys", "new", "a", "--dir", str(tmp_path), "--no-passphrase",
               "--passphrase-file", str(pw))
    assert both.exit_code == 2


def test_new_refuses_to_overwrite(tmp_path):
    assert run("keys", "new", "a", "--dir", str(tmp_path), "--no-passphrase").exit_code == 0
    before = (tmp_path / "a.key").read_bytes()
    again = run("keys", "new", "a", "--dir", str(tmp_path), "--no-passphrase")
    assert again.exit_code == 4
    assert "不会覆盖" in again.output
    assert (tmp_path / "a.key").read_bytes() == before


def test_show_public_and_private_files(tmp_path):
    pw = tmp_path / "pw"
    pw.write_text("secret")
    run("keys", "new", "张三", "--scheme", "ed25519", "--dir", str(tmp_path),
        "--passphrase-file", str(pw))
    fp = load_public_key(tmp_path / "张三.pub.pem").fingerprint
    for name, kind in (("张三.pub.pem", "公钥"), ("张三.key", "私钥，已用口令加密")):
        result = run("keys", "show", str(tmp_path / name))
        assert result.exit_code == 0, result.output
        assert f"（{kind}）" in result.output
        assert "算法：Ed25519\n" in result.output
        assert f"指纹：{fp}\n" in result.output
    data = json.loads(run("keys", "show", str(tmp_path / "张三.key"), "--format", "json").output)
    assert data == {"kind": "private", "scheme": "ed25519", "fingerprint": fp,
                    "encrypted": True, "name": "张三"}
    en = run("keys", "show", str(tmp_path / "张三.pub.pem"), "--lang", "en", "--pem")
    assert f"fingerprint: {fp}\n" in en.output and "-----BEGIN PUBLIC KEY-----" in en.output


def test_show_rejects_what_is_not_a_key(tmp_path):
    (tmp_path / "note.txt").write_text("hello")
    result = run("keys", "show", str(tmp_path / "note.txt"))
    assert result.exit_code == 4
    assert "错误：" in result.output
    missing = run("keys", "show", str(tmp_path / "none.pem"))
    assert missing.exit_code == 4 and "找不到密钥文件" in missing.output


def test_private_key_is_not_world_readable_under_a_permissive_umask(tmp_path):
    old = os.umask(0)
    try:
        assert run("keys", "new", "u", "--dir", str(tmp_path), "--no-passphrase").exit_code == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "u.key").stat().st_mode) == 0o600
