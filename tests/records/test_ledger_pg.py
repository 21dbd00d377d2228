"""PostgreSQL specifics, against a real server (tests/records/pg.py): TRUNCATE refused, UPDATE,
DELETE, TRUNCATE revoked from PUBLIC, the server's clock, schemas, two writers, clear errors.
The ledger contract itself runs on both backends in test_ledger_sqlite.py."""

from __future__ import annotations

import secrets
import ssl
from datetime import datetime, timedelta
from urllib.parse import urlsplit

import pytest

from screening.errors import RecordError
from screening.records.ledger import SHANGHAI, open_ledger
from screening.records.ledger_pg import connect_args
from tests.records.ledger_build import pg_url, sql  # noqa: F401
from tests.records.pg import SKIP_REASON
from tests.records.test_ledger_sqlite import run_two_writers


@pytest.mark.parametrize("table", ["entries", "entry_digests", "ledger_meta"])
def test_truncate_is_refused(pg_url, table):
    with open_ledger(pg_url) as ledger:
        ledger.append("gate", b"x", ["ab" * 32])
    with pytest.raises(Exception, match="entry is append-only"):
        sql(pg_url, f"TRUNCATE {table} CASCADE")
    with open_ledger(pg_url) as ledger:
        assert ledger.size() == 1 and ledger.get(1).digests == ("ab" * 32,)


def test_public_has_no_update_delete_truncate(pg_url):
    open_ledger(pg_url).close()
    rows = sql(pg_url, "SELECT c.relname, c.relacl::text FROM pg_class c "
                       "WHERE c.relname IN ('entries', 'entry_digests', 'ledger_meta') ORDER BY 1")
    assert [r[0] for r in rows] == ["entries", "entry_digests", "ledger_meta"]
    for _, acl in rows:
        assert acl is not None                         # REVOKE ran: the ACL is explicit
        assert not any(item.startswith("=") for item in acl.strip("{}").split(","))   # nothing for PUBLIC


def test_recorded_at_is_the_server_clock_in_shanghai_time(pg_url):
    with open_ledger(pg_url) as ledger:
        entry = ledger.append("gate", b"x")
    server_now = sql(pg_url, "SELECT clock_timestamp()")[0][0]
    moment = datetime.fromisoformat(entry.recorded_at)
    assert moment.utcoffset() == timedelta(hours=8) and entry.recorded_at.endswith("+08:00")
    assert timedelta(0) <= server_now - moment < timedelta(seconds=30)
    assert entry.year == moment.astimezone(SHANGHAI).year


def test_schemas_hold_separate_ledgers(pg_url):
    with open_ledger(pg_url + "?schema=office_a") as a, open_ledger(pg_url + "?schema=office_b") as b:
        a.append("gate", b"a1")
        a.append("gate", b"a2")
        b.append("gate", b"b1")
        assert [e.body for e in a.entries()] == [b"a1", b"a2"]
        assert [e.body for e in b.entries()] == [b"b1"]
    names = {r[0] for r in sql(pg_url, "SELECT nspname FROM pg_namespace")}
    assert {"office_a", "office_b"} <= names


def test_two_processes_appending_keep_seq_gap_free(pg_url):
    entries = run_two_writers(pg_url)
    assert [e.seq for e in entries] == list(range(1, 121))
    assert {e.body.decode() for e in entries} == {f"{t}-{i}" for t in "AB" for i in range(60)}


def test_dropped_triggers_come_back_when_the_ledger_is_opened(pg_url):
    open_ledger(pg_url).close()
    sql(pg_url, "DROP TRIGGER entries_no_update_delete ON entries",
        "DROP TRIGGER entries_no_truncate ON entries")
    open_ledger(pg_url).close()
    names = {r[0] for r in sql(pg_url, "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")}
    assert {"entries_no_update_delete", "entries_no_truncate"} <= names


def test_a_wrong_password_is_a_clear_error_without_the_password(pg_url):
    wrong = pg_url.replace(":screening_test@", ":Wr0ngPw@", 1)
    if wrong == pg_url:
        pytest.skip("the test URL does not carry the password this test replaces")
    with pytest.raises(RecordError) as err:
        open_ledger(wrong)
    assert err.value.message.startswith("无法连接 PostgreSQL 账本 postgresql://")
    assert "Wr0ngPw" not in err.value.message and "Wr0ngPw" not in err.value.message_en
    assert ":***@" in err.value.message


def test_an_unreachable_server_is_a_record_error():
    with pytest.raises(RecordError, match="无法连接 PostgreSQL 账本"):
        open_ledger("postgresql://u:pw@127.0.0.1:1/db")


def test_url_parts_become_connection_arguments():
    args, schema = connect_args("postgresql://us%40er:p%3Aw@db.example:6543/led%20ger?schema=s1")
    assert (args["user"], args["password"], args["host"], args["port"], args["database"], schema) == \
        ("us@er", "p:w", "db.example", 6543, "led ger", "s1")
    assert "ssl_context" not in args
    args, _ = connect_args("postgresql://u@x/db?host=/run/postgresql&sslmode=require")
    assert args["unix_sock"] == "/run/postgresql/.s.PGSQL.5432" and "host" not in args
    assert args["ssl_context"].verify_mode == ssl.CERT_NONE
    args, _ = connect_args("postgresql://u@x/db?sslmode=verify-full")
    assert args["ssl_context"].verify_mode == ssl.CERT_REQUIRED
    with pytest.raises(RecordError, match="sslmode"):
        connect_args("postgresql://u@x/db?sslmode=sometimes")
    with pytest.raises(RecordError, match="缺少用户名"):
        connect_args("postgresql://x/db")


def test_the_skip_reason_says_how_to_get_a_server():
    assert SKIP_REASON == ("PostgreSQL test server not configured: set SCREENING_TEST_POSTGRES_URL; "
                           ".ci/run starts one")


def test_an_insert_select_only_role_appends_but_cannot_change_anything(pg_url):
    """The recommended deployment: the owner creates the schema (first open), the application
    connects as a role with INSERT and SELECT only."""
    if not sql(pg_url, "SELECT rolcreaterole FROM pg_roles WHERE rolname = current_user")[0][0]:
        pytest.skip("the test role may not create roles (CREATEROLE; .ci/run grants it)")
    role = "screening_app_" + secrets.token_hex(4)
    open_ledger(pg_url).close()
    sql(pg_url, f"CREATE ROLE {role} LOGIN PASSWORD 'app-pw'",
        f"GRANT SELECT, INSERT ON entries, entry_digests, ledger_meta TO {role}")
    parts = urlsplit(pg_url)
    app_url = parts._replace(netloc=f"{role}:app-pw@{parts.hostname}:{parts.port or 5432}").geturl()
    try:
        with open_ledger(app_url) as ledger:
            assert ledger.append("gate", b"x", ["cd" * 32]).seq == 1
            assert ledger.by_digest("cd" * 32)[0].body == b"x"
        for statement in ("UPDATE entries SET kind = 'gate'", "DELETE FROM entries",
                          "TRUNCATE entries", "DROP TRIGGER entries_no_update_delete ON entries"):
            with pytest.raises(Exception, match="permission denied|must be owner"):
                sql(app_url, statement)
    finally:
        sql(pg_url, f"REVOKE ALL ON entries, entry_digests, ledger_meta FROM {role}", f"DROP ROLE {role}")
