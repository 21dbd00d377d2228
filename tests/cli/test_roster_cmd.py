"""``screen roster init|add|revoke|show`` through the real click commands."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from screening.cli import cli


@pytest.fixture
def env(tmp_path, monkeypatch, pm):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("SCREENING_LANG", raising=False)
    home = tmp_path / "home"

    def run(*args):
        return CliRunner().invoke(cli, [*map(str, args), "--home", str(home)]
                                  if args[0] == "roster" else list(map(str, args)),
                                  obj={"pm": pm})

    for name in ("admin", "zm", "lh"):
        assert run("keys", "new", name, "--no-passphrase", "--dir", "keys").exit_code == 0
    return run


def test_init_add_show_revoke(env):
    r = env("roster", "init", "--key", "keys/admin.key", "--office", "某县人民政府办公室")
    assert r.exit_code == 0, r.output
    assert r.stdout.startswith("已建立名册：名册第 1 版（账本第 1 条）\n信任根（管理员密钥指纹）：sha256:")
    assert '[records] roster_admin = "sha256:' in r.stdout
    r = env("roster", "add", "张明", "--role", "drafter", "--pub", "keys/zm.pub.pem",
            "--valid-from", "2026-01-01", "--valid-until", "2030-12-31", "--key", "keys/admin.key")
    assert r.exit_code == 0, r.output
    assert r.stdout.startswith("已授予 张明 拟稿人角色：名册第 2 版（账本第 2 条）\n公钥指纹 sha256:")
    r = env("roster", "add", "李华", "--role", "leader", "--pub", "keys/lh.pub.pem",
            "--key", "keys/admin.key")
    assert r.exit_code == 0
    r = env("roster", "show")
    assert r.exit_code == 0
    lines = r.stdout.splitlines()
    assert lines[0].startswith("某县人民政府办公室 审查人员名册 第 3 版（账本第 3 条，")
    assert lines[1].startswith("信任根（未固定，请设置 roster_admin）：sha256:")
    assert "  张明  拟稿人" in lines and "  李华  分管领导" in lines
    assert any(line.endswith("有效期 2026-01-01 至 2030-12-31") for line in lines)
    r = env("roster", "revoke", "张明", "--reason", "U盾丢失", "--key", "keys/admin.key")
    assert (r.exit_code, r.stdout) == (0, "已吊销 张明 的密钥：名册第 4 版（账本第 4 条）\n")
    data = json.loads(env("roster", "show", "--format", "json").stdout)
    assert data["version"] == 4 and data["pinned"] is None
    zm = next(p for p in data["people"] if p["name"] == "张明")
    assert zm["roles"] == ["drafter"] and zm["keys"][0]["revoked"]["reason"] == "U盾丢失"
    en = env("roster", "show", "--lang", "en").stdout
    assert "REVOKED" in en and "trust root (NOT pinned)" in en


def test_refusals_exit_1(env):
    assert env("roster", "show").exit_code == 1
    assert env("roster", "init", "--key", "keys/admin.key", "--office", "某县").exit_code == 0
    r = env("roster", "init", "--key", "keys/admin.key", "--office", "某县")
    assert r.exit_code == 1 and "被拒绝：名册已经建立" in r.stderr
    r = env("roster", "add", "张明", "--role", "drafter", "--pub", "keys/zm.pub.pem",
            "--key", "keys/zm.key")
    assert r.exit_code == 1 and "不是名册管理员" in r.stderr
    r = env("roster", "revoke", "无此人", "--key", "keys/admin.key")
    assert r.exit_code == 1 and "名册中没有 无此人" in r.stderr


def test_errors_exit_4_usage_2(env):
    assert env("roster", "init", "--key", "keys/admin.key", "--office", "某县").exit_code == 0
    r = env("roster", "add", "张明", "--role", "drafter", "--pub", "keys/none.pem",
            "--key", "keys/admin.key")
    assert r.exit_code == 4 and r.stderr.startswith("错误：")
    r = env("roster", "add", "张明", "--role", "drafter", "--pub", "keys/zm.pub.pem",
            "--key", "keys/none.key")
    assert r.exit_code == 4
    r = env("roster", "add", "张明", "--role", "boss", "--pub", "keys/zm.pub.pem",
            "--key", "keys/admin.key")
    assert r.exit_code == 2
    r = env("roster", "add", "张明", "--role", "drafter", "--pub", "keys/zm.pub.pem",
            "--valid-from", "下周", "--key", "keys/admin.key")
    assert r.exit_code == 2 and "时间格式不对" in r.stderr


def test_pinned_trust_root(env, tmp_path):
    r = env("roster", "init", "--key", "keys/admin.key", "--office", "某县")
    fp = r.stdout.splitlines()[1].split("：", 1)[1]
    (tmp_path / "screening.toml").write_text(f'[records]\nroster_admin = "{fp}"\n',
                                            encoding="utf-8")
    assert env("roster", "show").stdout.splitlines()[1] == f"信任根（已固定）：{fp}"
    (tmp_path / "screening.toml").write_text(
        '[records]\nroster_admin = "sha256:' + "1" * 64 + '"\n', encoding="utf-8")
    assert "信任根与配置 roster_admin 不符" in env("roster", "show").stdout
