"""The Java adapters in examples/oa compile (Java 17, java.net.http only, vendor classes stubbed in
tests/service/java/stubs) and, run against the real server, block on anything but allow:true —
deny, a wrong token, no server, a timeout, and answers that are not a clean ``"allow": true``."""

from __future__ import annotations

import http.server
import shutil
import socket
import subprocess
import threading
from pathlib import Path

import pytest

from .conftest import OA_TOKEN
from .server import REPO, free_port

JAVA_DIR = Path(__file__).parent / "java"
pytestmark = pytest.mark.skipif(not (shutil.which("javac") and shutil.which("java")),
                                reason="needs a JDK (javac) for the adapter examples")


@pytest.fixture(scope="module")
def classes(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("java")
    sources = [*sorted((REPO / "examples" / "oa").glob("*.java")),
               *sorted((JAVA_DIR / "stubs").rglob("*.java")), JAVA_DIR / "GateHarness.java"]
    r = subprocess.run(["javac", "--release", "17", "-encoding", "UTF-8", "-Xlint:all", "-Werror",
                        "-d", str(out), *map(str, sources)], capture_output=True, text=True,
                       timeout=300, check=False)
    assert r.returncode == 0, r.stderr
    return out


def run_adapters(classes: Path, url: str, token: str, file: Path, *, timeout: int = 20
                 ) -> dict[str, list[str]]:
    r = subprocess.run(["java", "-Dfile.encoding=UTF-8", "-Dstdout.encoding=UTF-8",
                        f"-Dscreening.url={url}", f"-Dscreening.token={token}",
                        f"-Dscreening.timeoutSeconds={timeout}", f"-Dstub.file={file}",
                        f"-Dstub.name={file.name}", "-cp", str(classes), "GateHarness"],
                       capture_output=True, timeout=120, check=False)
    assert r.returncode == 0, r.stderr.decode()
    lines = r.stdout.decode("utf-8").splitlines()
    return {line.split("\t")[0]: line.split("\t")[1:] for line in lines}


def test_adapters_allow_a_reviewed_file(classes, server, reviewed):
    out = run_adapters(classes, server.url, OA_TOKEN, reviewed)
    assert out["ecology"] == ["1", ""]
    assert out["seeyon"] == ["PASS"]


def test_adapters_block_an_unreviewed_file_with_the_gate_message(classes, server, docs):
    out = run_adapters(classes, server.url, OA_TOKEN, docs["clean"])
    code, message = out["ecology"]
    assert code == "0"
    assert message.startswith("clean.docx：未找到该文件有效的保密审查记录（决定编号 ")
    assert out["seeyon"][0] == "BLOCK" and "未找到该文件有效的保密审查记录" in out["seeyon"][1]


def test_adapters_block_on_a_wrong_token(classes, server, reviewed):
    out = run_adapters(classes, server.url, "wrong-token-0000000000", reviewed)
    assert out["ecology"] == ["0", "通知.txt：保密审查服务返回 HTTP 401，不得发布：访问令牌无效"]
    assert out["seeyon"][0] == "BLOCK"


def test_adapters_block_when_no_server_answers(classes, reviewed):
    out = run_adapters(classes, f"http://127.0.0.1:{free_port()}", OA_TOKEN, reviewed)
    assert out["ecology"][0] == "0" and "ConnectException" in out["ecology"][1]
    assert out["seeyon"][0] == "BLOCK"


def test_adapters_block_on_a_timeout(classes, reviewed):
    with socket.socket() as silent:  # accepts, reads, never answers
        silent.bind(("127.0.0.1", 0))
        silent.listen(4)
        port = silent.getsockname()[1]
        out = run_adapters(classes, f"http://127.0.0.1:{port}", OA_TOKEN, reviewed, timeout=1)
    assert out["ecology"][0] == "0" and "HttpTimeoutException" in out["ecology"][1]
    assert out["seeyon"][0] == "BLOCK"


class _Fixed(http.server.BaseHTTPRequestHandler):
    body = b""

    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(self.body)))
        self.end_headers()
        self.wfile.write(self.body)

    def log_message(self, *args):
        pass


@pytest.mark.parametrize("body, allowed", [
    (b'{"allow": true, "message": "ok", "decision_id": "d1"}', True),   # the control: can pass
    (b'{"allow": "true", "message": "ok"}', False),                     # a string, not a boolean
    (b'{"allow": false, "record": {"allow": true}}', False),            # nested allow is not allow
    (b'{"allow": true, "allow": false}', False),                        # repeated key
    (b'{"allow": true} trailing', False),                               # not one JSON value
    (b'<html>allow: true</html>', False),                               # not JSON
    (b'', False),
])
def test_only_a_clean_top_level_allow_true_passes(classes, reviewed, body, allowed):
    handler = type("H", (_Fixed,), {"body": body})
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    t = threading.Thread(target=srv.serve_forever, daemon=True)
    t.start()
    try:
        out = run_adapters(classes, f"http://127.0.0.1:{srv.server_port}", OA_TOKEN, reviewed)
    finally:
        srv.shutdown()
        srv.server_close()
    assert (out["ecology"][0] == "1") is allowed
    assert (out["seeyon"] == ["PASS"]) is allowed
