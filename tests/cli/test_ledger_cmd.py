"""``screen ledger verify|checkpoint`` on SQLite and PostgreSQL: intact → 0; an edited row, a
deleted row, a rewritten chain → 1 with the reason in Chinese."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from screening.cli import cli
from screening.records.keys import load_private_key, load_public_key, new_key
from screening.records.ledger import open_ledger
from screening.records.roster import roster_add, roster_init
from tests.records.ledger_build import (drop_guards, ledger_target, pg_url,  # noqa: F401
                                        rewrite_from, sql)


@pytest.fixture
def office(ledger_target, tmp_path):  # noqa: F811 - the imported fixture
    """A roster (admin + one officer), three gate-like entries, and the officer's key file."""
    keys = tmp_path / "keys"
    admin_key, _ = new_key("admin", keys, scheme="ed25519")
    officer_key, officer_pub = new_key("officer", keys, scheme="sm2")
    outsider_key, _ = new_key("outsider", keys, scheme="ed25519")
    with open_ledger(ledger_target) as led:
        roster_init(led, load_private_key(admin_key), "某县人民政府办公室")
        roster_add(led, load_private_key(admin_key), "赵芳", "officer",
                   load_public_key(officer_pub))
        for i in range(3):
            led.append("gate", json.dumps({"allow": False, "n": i}).encode(), ["a" * 64])
    return {"url": ledger_target, "officer": officer_key, "admin": admin_key,
            "outsider": outsider_key}


def run(office, *args):
    return CliRunner().invoke(cli, [*args, "--ledger", office["url"]])


def test_checkpoint_then_verify_ok(office):
    result = run(office, "ledger", "checkpoint", "--key", str(office["officer"]))
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "已签署检查点：账本第 6 条，覆盖第 1–5 条记录"
    assert lines[2:4] == ["screening ledger", "5"]
    assert lines[-1].startswith("— sha256:")
    result = run(office, "ledger", "verify")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0].startswith("账本完整")
    assert "共 6 条记录，1 个签名检查点验证通过" in result.output.splitlines()[0]
    data = json.loads(run(office, "ledger", "verify", "--format", "json").output)
    assert (data["ok"], data["size"], data["checkpoints"]) == (True, 6, 1)
    assert data["latest_checkpoint"]["size"] == 5


def test_admin_key_may_sign_an_outsider_may_not(office):
    assert run(office, "ledger", "checkpoint", "--key", str(office["admin"])).exit_code == 0
    result = run(office, "ledger", "checkpoint", "--key", str(office["outsider"]))
    assert result.exit_code == 4
    assert "这把密钥不在名册中，不能签署检查点" in result.output


def _checkpointed(office):
    assert run(office, "ledger", "checkpoint", "--key", str(office["officer"])).exit_code == 0
    with open_ledger(office["url"]) as led:
        return list(led.entries())


def test_an_edited_row_is_found(office):
    _checkpointed(office)
    url = office["url"]
    sql(url, *drop_guards(url),
        "UPDATE entries SET body = " + ("X'7b7d'" if url.startswith("sqlite") else
                                        "'\\x7b7d'::bytea") + " WHERE seq = 4")
    result = run(office, "ledger", "verify")
    assert result.exit_code == 1
    assert result.output.splitlines()[0].startswith("账本被改动")
    assert "第 4 条记录的哈希不符（记录被改动）" in result.output
    data = json.loads(run(office, "ledger", "verify", "--format", "json").output)
    assert data["ok"] is False and data["problems"]


def test_a_deleted_row_is_found(office):
    _checkpointed(office)
    url = office["url"]
    sql(url, *drop_guards(url), "DELETE FROM entries WHERE seq = 4")
    result = run(office, "ledger", "verify")
    assert result.exit_code == 1
    assert "第 4 条" in result.output


def test_a_rewritten_chain_is_found(office):
    entries = _checkpointed(office)
    url = office["url"]
    sql(url, *drop_guards(url), *rewrite_from(url, entries, 4, b'{"allow":true}'))
    result = run(office, "ledger", "verify")
    assert result.exit_code == 1
    assert "  - 第 6 条检查点（覆盖第 1–5 条）的根不符：第 1–5 条之间的记录链被重写" in \
        result.output.splitlines()


def test_unreachable_ledger_is_exit_4(tmp_path):
    result = CliRunner().invoke(cli, ["ledger", "verify", "--ledger",
                                      "postgresql://u:secret@127.0.0.1:1/none"])
    assert result.exit_code == 4
    assert "secret" not in result.output
