"""POST /v1/scan against the real server: exact findings, both upload forms, hostile uploads."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

import pytest

from screening import Config
from screening.pipeline import Screener
from tests.docbuild import docx as dx
from tests.docbuild.pdf import build_pdf, truncated_pdf

from .conftest import ID_NUMBER, PERSON_IN_NAME


def summary(report: dict) -> list[tuple]:
    return [(f["kind"], f["location"]["part"], f["text"], f["severity"], f["masked"])
            for f in report["findings"]]


MARKED = [("secret_level", "body", "机密★1年", "block", "机密★1年"),
          ("resident_id", "body", ID_NUMBER, "block", "110105********002X")]


def test_multipart_scan_reports_exact_findings(oa, docs):
    with docs["marked"].open("rb") as fh:
        r = oa.post("/v1/scan", files={"file": ("通知.docx", fh)})
    assert r.status_code == 200
    report = r.json()
    assert report["schema"] == "screening.report/1"
    assert report["path"] == "通知.docx"
    assert report["format"] == "docx"
    assert report["verdict"] == "block"
    assert summary(report) == MARKED
    assert report["error"] is None
    assert report["tool"]["version"]


def test_raw_body_with_percent_encoded_name(oa, docs):
    data = docs["marked"].read_bytes()
    r = oa.post("/v1/scan", content=data, headers={"Content-Type": "application/octet-stream",
                                                    "X-Filename": quote("审查稿.docx")})
    assert r.status_code == 200
    assert r.json()["path"] == "审查稿.docx"
    assert summary(r.json()) == MARKED


def test_report_equals_the_cli_report_for_the_same_bytes(oa, docs, pm):
    """The service says what ``screen scan --format json`` says (path aside)."""
    expected = Screener(Config(), pm=pm).scan(docs["marked"]).to_dict()
    with docs["marked"].open("rb") as fh:
        got = oa.post("/v1/scan", files={"file": ("marked.docx", fh)}).json()
    expected.pop("path"), got.pop("path")
    assert got == expected


def test_clean_document_passes(oa, docs):
    with docs["clean"].open("rb") as fh:
        r = oa.post("/v1/scan", files={"file": ("clean.docx", fh)})
    assert (r.status_code, r.json()["verdict"], r.json()["findings"]) == (200, "pass", [])


def test_pdf_scan(oa, tmp_path):
    pdf = build_pdf(tmp_path / "n.pdf", [["关于开展安全检查的通知", "秘密★6个月", "正文内容。"]])
    with pdf.open("rb") as fh:
        r = oa.post("/v1/scan", files={"file": ("n.pdf", fh, "application/pdf")})
    report = r.json()
    assert (report["format"], report["verdict"]) == ("pdf", "block")
    assert [(f["kind"], f["text"], f["location"]["page"]) for f in report["findings"]] == [
        ("secret_level", "秘密★6个月", 1)]


def _hostile(tmp_path: Path) -> dict[str, tuple[str, bytes]]:
    ok = dx.build_docx(tmp_path / "ok.docx", body=[dx.para("正文")])
    pdf = build_pdf(tmp_path / "ok.pdf", [["正文一行", "正文二行"] * 10])
    enc = build_pdf(tmp_path / "enc.pdf", [["机密★1年"]], encrypt_user_password="secret")
    return {
        "zip_bomb": ("bomb.docx", dx.zip_bomb(tmp_path / "bomb.docx").read_bytes()),
        "truncated_pdf": ("t.pdf", truncated_pdf(pdf).read_bytes()),
        "encrypted_pdf": ("enc.pdf", enc.read_bytes()),
        "empty": ("empty.docx", b""),
        "wrong_extension": ("photo.docx", b"\x89PNG\r\n\x1a\n" + b"\0" * 200),
        "truncated_docx": ("half.docx", dx.truncated(ok).read_bytes()),
    }


HOSTILE_CODES = {"zip_bomb": "limit", "truncated_pdf": "damaged", "encrypted_pdf": "encrypted",
                 "empty": "empty", "wrong_extension": "unsupported_format",
                 "truncated_docx": "corrupt"}


@pytest.mark.parametrize("case", sorted(HOSTILE_CODES))
def test_hostile_upload_is_an_error_report_and_the_worker_lives_on(oa, server, docs, tmp_path,
                                                                    case):
    name, data = _hostile(tmp_path)[case]
    before = oa.get("/v1/health").json()["pid"]
    r = oa.post("/v1/scan", files={"file": (name, data)})
    assert r.status_code == 200
    report = r.json()
    assert report["verdict"] == "error"
    assert report["findings"] == []
    assert report["error"]["code"] == HOSTILE_CODES[case], report["error"]
    assert str(server.directory) not in report["error"]["message"]
    # the same worker answers the next request, correctly
    with docs["marked"].open("rb") as fh:
        again = oa.post("/v1/scan", files={"file": ("marked.docx", fh)})
    assert summary(again.json()) == MARKED
    assert oa.get("/v1/health").json()["pid"] == before


def test_name_and_content_never_reach_the_log(server, oa, docs):
    """Nothing raw in the server's log: not the token, not the planted ID, not the file name."""
    with docs["marked"].open("rb") as fh:
        assert oa.post("/v1/scan", files={"file": (PERSON_IN_NAME, fh)}).status_code == 200
    data = docs["marked"].read_bytes()
    oa.post("/v1/scan", content=data, headers={"X-Filename": quote(PERSON_IN_NAME)})
    oa.post("/v1/gate", content=data, headers={"X-Filename": quote(PERSON_IN_NAME)})
    from .conftest import CMS_TOKEN, OA_TOKEN, PORTAL_TOKEN

    log = server.wait_log("POST /v1/gate 200")
    assert "POST /v1/scan 200" in log and "POST /v1/gate 200" in log  # the log is there and is written
    for secret in (OA_TOKEN, PORTAL_TOKEN, CMS_TOKEN, ID_NUMBER, "110105", "张三丰",
                   quote("张三丰")):
        assert secret not in log
