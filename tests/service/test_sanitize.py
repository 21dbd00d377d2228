"""POST /v1/sanitize against the real server: the copy comes back as base64 with the masked
action list; options are multipart fields; what cannot be sanitized is reported, not crashed on."""

from __future__ import annotations

import base64
import hashlib
import io
import zipfile

import pytest

from screening import Config
from screening.pipeline import Screener
from tests.docbuild.docx import build_docx, para

from .conftest import ID_NUMBER


@pytest.fixture(scope="module")
def draft(tmp_path_factory):
    d = tmp_path_factory.mktemp("sanitize")
    return build_docx(d / "征求意见稿.docx", body=[
        para("关于开展安全检查的通知"), para(f"联系人身份证号码：{ID_NUMBER}，请核对。")],
        comments=[("审稿人", "此处请再核实", "请各单位按时报送。")])


def _copy_findings(tmp_path, body) -> list[tuple[str, str]]:
    out = tmp_path / body["filename"]
    out.write_bytes(base64.b64decode(body["content_base64"]))
    assert hashlib.sha256(out.read_bytes()).hexdigest() == body["sha256"]
    return [(f.kind, f.severity.value, f.masked) for f in Screener(Config()).scan(out).findings]


def test_default_sanitize_masks_and_removes_hidden_content(oa, draft, tmp_path):
    with draft.open("rb") as fh:
        r = oa.post("/v1/sanitize", files={"file": (draft.name, fh)})
    assert r.status_code == 200
    body = r.json()
    assert (body["ok"], body["exit_code"], body["error"]) == (True, 0, None)
    assert body["filename"] == "征求意见稿.sanitized.docx"
    assert body["media_type"].endswith("wordprocessingml.document")
    ops = sorted((a["op"], a["kind"], a["masked"]) for a in body["result"]["actions"])
    assert ops == [("mask", "resident_id", "110105********002X"), ("remove", "comment", "此处请再核实")]
    assert body["result"]["input"]["path"] == draft.name
    assert body["result"]["input"]["sha256"] == hashlib.sha256(draft.read_bytes()).hexdigest()
    assert ID_NUMBER not in r.text
    assert _copy_findings(tmp_path, body) == [("resident_id", "info", "110105********002X")]


def test_options_are_form_fields(oa, draft, tmp_path):
    with draft.open("rb") as fh:
        r = oa.post("/v1/sanitize", files={"file": (draft.name, fh)},
                    data={"mask": "false", "redact_span": ["安全检查"]})
    body = r.json()
    assert body["ok"] is True
    assert body["result"]["mask"] is False
    found = _copy_findings(tmp_path, body)
    assert ("resident_id", "block", "110105********002X") in found  # not masked this time
    copy = (tmp_path / body["filename"]).read_bytes()
    xml = zipfile.ZipFile(io.BytesIO(copy)).read("word/document.xml").decode()
    assert "安全检查" not in xml and "关于开展" in xml


def test_bad_option_is_400(oa, draft):
    with draft.open("rb") as fh:
        r = oa.post("/v1/sanitize", files={"file": (draft.name, fh)}, data={"mask": "maybe"})
    assert (r.status_code, r.json()["error"]["code"]) == (400, "bad_option")


@pytest.mark.parametrize("name, data", [("empty.docx", b""), ("x.docx", b"PK\x03\x04broken")])
def test_unreadable_upload_is_reported_not_crashed(oa, server, name, data):
    r = oa.post("/v1/sanitize", files={"file": (name, data)})
    assert r.status_code == 200
    body = r.json()
    assert (body["ok"], body["exit_code"], body["content_base64"]) == (False, 4, None)
    assert body["error"]["code"]
    assert str(server.directory) not in r.text
    assert oa.get("/v1/health").status_code == 200


def test_raw_body_uses_the_defaults(oa, draft):
    r = oa.post("/v1/sanitize", content=draft.read_bytes(),
                headers={"X-Filename": "draft.docx"})
    body = r.json()
    assert (body["ok"], body["filename"], body["result"]["mask"]) == (True, "draft.sanitized.docx",
                                                                      True)
