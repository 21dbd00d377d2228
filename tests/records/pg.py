"""A real PostgreSQL server for the ledger tests.

``SCREENING_TEST_POSTGRES_URL`` names a role that may create databases
(``postgresql://screening_test:screening_test@127.0.0.1:5432/screening_test``; ``.ci/run`` starts
the server and exports it). Each test gets a database of its own, dropped afterwards. Without the
variable the PostgreSQL tests are skipped, saying why.

Use: ``from tests.records.pg import pg_url  # noqa: F401`` in a test module, then a ``pg_url``
argument.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from urllib.parse import unquote, urlsplit

import pytest

ENV = "SCREENING_TEST_POSTGRES_URL"
SKIP_REASON = f"PostgreSQL test server not configured: set {ENV}; .ci/run starts one"


def admin_connection(url: str):
    """A pg8000 connection to the database in ``url`` (autocommit)."""
    import pg8000.native

    parts = urlsplit(url)
    return pg8000.native.Connection(
        user=unquote(parts.username or ""), password=unquote(parts.password or "") or None,
        host=parts.hostname or "127.0.0.1", port=parts.port or 5432,
        database=unquote(parts.path.lstrip("/")), timeout=30)


def with_database(url: str, database: str) -> str:
    parts = urlsplit(url)
    return parts._replace(path="/" + database).geturl()


@pytest.fixture
def pg_url() -> Iterator[str]:
    """The URL of a fresh, empty PostgreSQL database (dropped after the test)."""
    base = os.environ.get(ENV)
    if not base:
        pytest.skip(SKIP_REASON)
    name = "screening_t_" + secrets.token_hex(6)
    admin = admin_connection(base)
    try:
        admin.run(f'CREATE DATABASE "{name}"')
        yield with_database(base, name)
    finally:
        try:
            admin.run(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        finally:
            admin.close()
