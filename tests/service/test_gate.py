"""POST /v1/gate and GET /v1/records/{sha256} against the real server and a real ledger.

The office (roster, three reviewers) writes into the SQLite ledger the server reads
(``[records] home = "home"`` in the server's config), with R3's test helpers."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from tests.records.people import PLANTED, SANITIZED, WITH_PII, write_doc

from .conftest import OA_TOKEN
from .server import REPO, Server


def _gate(client, path: Path, name: str | None = None, **params) -> httpx.Response:
    with path.open("rb") as fh:
        return client.post("/v1/gate", params=params, files={"file": (name or path.name, fh)})


def _cli_gate(server, path: Path) -> dict:
    r = subprocess.run([sys.executable, "-m", "screening", "gate", str(path), "--format", "json",
                        "--config", str(server.config)], capture_output=True, text=True,
                       env={**os.environ, "PYTHONPATH": str(REPO)}, timeout=120, check=False)
    return {**json.loads(r.stdout), "exit_code": r.returncode}


def test_a_reviewed_file_is_allowed(oa, reviewed, office):
    size = office.ledger.size()
    r = _gate(oa, reviewed)
    assert r.status_code == 200
    d = r.json()
    assert (d["allow"], d["reasons"]) == (True, [])
    assert d["message"] == "允许发布：审查记录完整有效"
    assert d["sha256"] == hashlib.sha256(reviewed.read_bytes()).hexdigest()
    assert [s["role"] for s in d["record"]["steps"]] == ["drafter", "leader", "officer"]
    assert d["record"]["conclusion"] == "公开"
    # the decision is in the ledger, under the id the caller got
    assert office.ledger.size() == size + 1
    entry = office.ledger.get(size + 1)
    assert entry.kind == "gate" and json.loads(entry.body)["decision_id"] == d["decision_id"]


def test_one_changed_byte_is_denied(oa, reviewed, tmp_path):
    changed = tmp_path / reviewed.name
    changed.write_bytes(reviewed.read_bytes() + b" ")
    d = _gate(oa, changed).json()
    assert d["allow"] is False
    assert [r["code"] for r in d["reasons"]] == ["FILE_CHANGED"]


def test_an_unknown_file_is_denied_with_200(oa, docs):
    r = _gate(oa, docs["clean"])
    assert r.status_code == 200
    d = r.json()
    assert (d["allow"], [x["code"] for x in d["reasons"]]) == (False, ["NO_VALID_RECORD"])
    assert d["message"] == "未找到该文件有效的保密审查记录"
    assert d["decision_id"]


def test_english_reasons(oa, docs):
    d = _gate(oa, docs["clean"], lang="en").json()
    assert d["reasons"][0]["message_en"] == "no valid review record for this file"


@pytest.mark.parametrize("name, data", [("empty.docx", b""), ("photo.docx", b"\x89PNG\r\n\x1a\n")])
def test_an_unreadable_upload_is_denied_unreadable_with_200(oa, tmp_path, name, data):
    p = tmp_path / name
    p.write_bytes(data)
    r = _gate(oa, p)
    assert r.status_code == 200
    d = r.json()
    assert d["allow"] is False
    assert "UNREADABLE" in [x["code"] for x in d["reasons"]]


def test_decisions_equal_the_cli(server, oa, reviewed, docs, tmp_path):
    changed = tmp_path / reviewed.name
    changed.write_bytes(reviewed.read_bytes().replace("确保".encode(), "务必".encode()))
    for path in (reviewed, changed, docs["clean"], docs["marked"]):
        api = _gate(oa, path).json()
        cli = _cli_gate(server, path)
        assert (api["allow"], [r["code"] for r in api["reasons"]]) == \
            (cli["allow"], [r["code"] for r in cli["reasons"]]), path.name
        assert api["decision_id"] != cli["decision_id"]


def test_records_of_a_reviewed_file(oa, reviewed):
    sha = hashlib.sha256(reviewed.read_bytes()).hexdigest()
    r = oa.get(f"/v1/records/{sha.upper()}")
    assert r.status_code == 200
    body = r.json()
    assert body["sha256"] == sha
    (chain,) = body["chains"]
    assert (chain["ok"], chain["complete"], chain["allows_publication"], chain["conclusion"]) == \
        (True, True, True, "公开")
    assert [s["role"] for s in chain["steps"]] == ["drafter", "leader", "officer"]
    assert chain["problems"] == []


def test_partial_publication_records_and_gate(oa, office, tmp_path):
    """部分公开: the sanitized rendition may go out, the reviewed original may not; the records
    view holds masked values only."""
    doc = write_doc(tmp_path / "名单.txt", WITH_PII)
    sanitized = write_doc(tmp_path / "名单-脱敏.txt", SANITIZED)
    report = office.screener.scan(doc)
    dispositions = {f.id: "已脱敏" for f in report.findings if f.severity.value == "block"}
    assert dispositions
    office.review(doc, publish=[sanitized], decision="部分公开", basis=["保护第三方合法权益"],
                  dispositions=dispositions)
    assert _gate(oa, sanitized).json()["allow"] is True
    d = _gate(oa, doc).json()
    assert (d["allow"], [r["code"] for r in d["reasons"]][:1]) == (False, ["CONCLUSION_DENIES"])
    sha = hashlib.sha256(doc.read_bytes()).hexdigest()
    r = oa.get(f"/v1/records/{sha}")
    assert r.status_code == 200
    (chain,) = r.json()["chains"]
    assert (chain["complete"], chain["conclusion"]) == (True, "部分公开")
    assert {s["annotations"]["rendition"] for s in chain["subjects"]} == {"reviewed", "publish"}
    for value in PLANTED.values():
        assert value not in r.text and value not in d["message"]


def test_records_unknown_is_404_and_a_bad_digest_422(oa):
    r = oa.get("/v1/records/" + "ab" * 32)
    assert (r.status_code, r.json()["chains"]) == (404, [])
    r = oa.get("/v1/records/not-a-digest")
    assert (r.status_code, r.json()["error"]["code"]) == (422, "invalid_request")


def test_health_reports_the_ledger(oa):
    h = oa.get("/v1/health").json()
    assert h["status"] == "ok"
    assert h["ledger"]["reachable"] is True and h["ledger"]["size"] >= 1


def test_unreachable_ledger_denies_and_health_says_degraded(tmp_path):
    """A ledger that cannot be reached: the gate answers allow false (HTTP 503), never allow."""
    cfg = (f'[service.tokens]\noa = "{OA_TOKEN}"\n[records]\n'
           'ledger = "postgresql://nobody:pw-never-shown@127.0.0.1:1/none"\n')
    srv = Server(tmp_path, cfg).start()
    try:
        with srv.client(OA_TOKEN) as c:
            r = c.post("/v1/gate", files={"file": ("a.txt", "公开".encode())})
            assert r.status_code == 503
            d = r.json()
            assert d["allow"] is False
            assert [x["code"] for x in d["reasons"]] == ["LEDGER_UNAVAILABLE"]
            h = c.get("/v1/health").json()
            assert (h["status"], h["ledger"]["reachable"]) == ("degraded", False)
            assert "pw-never-shown" not in json.dumps(h, ensure_ascii=False)
    finally:
        srv.stop()
    assert "pw-never-shown" not in srv.log()
