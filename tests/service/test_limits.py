"""Upload limits (413 size, 408 time), malformed uploads, and the private temp directories."""

from __future__ import annotations

import os
import socket
import stat
import time

import httpx
import pytest

from screening.service.settings import ServiceSettings
from screening.service.uploads import display_name, private_directory, safe_suffix

from .conftest import MAX_UPLOAD, OA_TOKEN, UPLOAD_TIMEOUT


def _uploads(server):
    d = server.directory / "uploads"
    return sorted(p.name for p in d.iterdir()) if d.exists() else []


def test_oversized_multipart_is_413(oa, server):
    r = oa.post("/v1/scan", files={"file": ("big.txt", b"a" * (MAX_UPLOAD + 1))})
    assert r.status_code == 413
    assert r.json()["error"]["code"] == "too_large"
    assert "512 KiB" in r.json()["error"]["message"]


def test_oversized_raw_body_is_413_and_the_exact_limit_is_accepted(oa):
    assert oa.post("/v1/scan", content=b"a" * (MAX_UPLOAD + 1)).status_code == 413
    r = oa.post("/v1/scan", content="公开".encode() * (MAX_UPLOAD // 6),
                headers={"X-Filename": "a.txt"})
    assert r.status_code == 200 and r.json()["format"] == "text"


def test_announced_huge_body_is_refused_before_it_is_read(server):
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as s:
        s.sendall(b"POST /v1/gate HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + OA_TOKEN.encode()
                  + b"\r\nContent-Length: 10000000000\r\n\r\n")
        head = s.recv(4096)
    assert head.startswith(b"HTTP/1.1 413")


def _read_all(s: socket.socket) -> bytes:
    """Everything until the server closes the connection (it answers with Connection: close)."""
    out = b""
    while chunk := s.recv(4096):
        out += chunk
    return out


def test_slow_upload_is_408(server):
    """Headers, a few bytes, then silence: answered 408 after the upload time limit."""
    started = time.monotonic()
    with socket.create_connection(("127.0.0.1", server.port), timeout=30) as s:
        s.sendall(b"POST /v1/scan HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + OA_TOKEN.encode()
                  + b"\r\nContent-Length: 1000\r\nX-Filename: a.txt\r\n\r\nabc")
        head = _read_all(s)
    assert head.startswith(b"HTTP/1.1 408")
    assert b"upload_timeout" in head
    assert UPLOAD_TIMEOUT - 0.5 <= time.monotonic() - started < UPLOAD_TIMEOUT + 10


def test_missing_file_part_is_400(oa):
    r = oa.post("/v1/scan", files={"other": ("a.txt", b"x")})
    assert (r.status_code, r.json()["error"]["code"]) == (400, "missing_file")


def test_two_files_are_400(oa):
    r = oa.post("/v1/scan", files=[("file", ("a.txt", b"x")), ("file", ("b.txt", b"y"))])
    assert (r.status_code, r.json()["error"]["code"]) == (400, "bad_request")


def test_broken_multipart_is_400(oa):
    r = oa.post("/v1/scan", content=b"--zz\r\nnonsense", headers={
        "Content-Type": "multipart/form-data; boundary=zz"})
    assert r.status_code == 400


def test_every_request_directory_is_removed(oa, server, docs):
    with docs["marked"].open("rb") as fh:
        oa.post("/v1/scan", files={"file": ("m.docx", fh)})
    oa.post("/v1/scan", content=b"a" * (MAX_UPLOAD + 10))
    oa.post("/v1/scan", files={"other": ("a.txt", b"x")})
    oa.post("/v1/gate", content=docs["clean"].read_bytes())
    assert (server.directory / "uploads").is_dir()
    assert _uploads(server) == []


def test_private_directory_is_0700_and_removed(tmp_path):
    settings = ServiceSettings(temp_dir=tmp_path / "t")
    with private_directory(settings) as d:
        (d / "upload.docx").write_bytes(b"x")
        assert stat.S_IMODE(os.stat(d).st_mode) == 0o700
        assert d.parent == tmp_path / "t"
    assert not d.exists()
    with pytest.raises(RuntimeError), private_directory(settings) as d:
        raise RuntimeError
    assert not d.exists()


@pytest.mark.parametrize("given, name, suffix", [
    ("../../etc/passwd", "passwd", ""), ("C:\\Users\\张三\\审查稿.DOCX", "审查稿.DOCX", ".docx"),
    ("", "upload", ""), ("a.tar.gz", "a.tar.gz", ".gz"), ("x.do cx", "x.do cx", ""),
    ("bad\x00name.pdf", "badname.pdf", ".pdf")])
def test_client_names_never_become_paths(given, name, suffix):
    assert display_name(given) == name
    assert safe_suffix(display_name(given)) == suffix


def test_insecure_mode_serves_without_token(tmp_path):
    from .server import Server

    srv = Server(tmp_path, "", args=["--insecure-no-auth"]).start()
    try:
        assert httpx.get(srv.url + "/v1/health").status_code == 200
        assert "未启用令牌校验" in srv.wait_log("未启用令牌校验")
    finally:
        srv.stop()
