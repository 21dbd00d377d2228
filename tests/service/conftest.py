"""One real ``screen serve`` for the service tests (started once per session), and the documents
they upload. Tokens: ``oa`` plain in the config, ``portal`` hashed in the config, ``cms`` from
``SCREENING_API_TOKENS``."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from tests.docbuild.docx import build_docx, para

from .server import Server

OA_TOKEN = "oa-token-7f3a9c1e5b2d4068aa"
PORTAL_TOKEN = "portal-token-0c8e2f6a9d31b547"
CMS_TOKEN = "cms-token-5e1d7b3f9a2c4e60"
ID_NUMBER = "11010519491231002X"          # GB 11643 reference value: a planted personal value
PERSON_IN_NAME = "张三丰的申请.docx"        # a file name that must never reach the log
MAX_UPLOAD = 512 * 1024
UPLOAD_TIMEOUT = 3

CONFIG = f"""\
[service]
max_upload_bytes = {MAX_UPLOAD}
upload_timeout_seconds = {UPLOAD_TIMEOUT}
temp_dir = "uploads"

[service.tokens]
oa = "{OA_TOKEN}"
portal = "sha256:{hashlib.sha256(PORTAL_TOKEN.encode()).hexdigest()}"

[records]
home = "home"
"""


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    srv = Server(tmp_path_factory.mktemp("serve"), CONFIG,
                 env={"SCREENING_API_TOKENS": f"cms:{CMS_TOKEN}"})
    srv.start()
    yield srv
    srv.stop()


@pytest.fixture
def oa(server):
    with server.client(OA_TOKEN) as client:
        yield client


@pytest.fixture(scope="session")
def docs(tmp_path_factory) -> dict[str, Path]:
    """Documents built for these tests, by role."""
    d = tmp_path_factory.mktemp("docs")
    out = {
        "marked": build_docx(d / "marked.docx", body=[
            para("关于开展安全检查的通知"), para("机密★1年"),
            para(f"联系人身份证号码：{ID_NUMBER}，请核对。")]),
        "clean": build_docx(d / "clean.docx", body=[
            para("关于开展安全检查的通知"), para("各单位：请于本月底前完成自查。")]),
    }
    return {k: Path(v) for k, v in out.items()}


@pytest.fixture(scope="session")
def office(server):
    """R3's test office (roster, three reviewers) writing into the ledger the server reads."""
    from screening.pipeline import Screener
    from tests.records.people import make_office

    office = make_office(server.directory / "home", Screener())
    yield office
    office.close()


@pytest.fixture(scope="session")
def reviewed(office, tmp_path_factory) -> Path:
    """A text file with a complete drafter → leader → officer record concluding 公开."""
    from tests.records.people import CLEAN, write_doc

    doc = write_doc(tmp_path_factory.mktemp("reviewed") / "通知.txt", CLEAN)
    office.review(doc)
    return doc
