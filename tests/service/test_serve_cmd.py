"""``screen serve --workers 2``: uvicorn runs the app factory in two processes, each with its own
screener and the configuration named on the command line."""

from __future__ import annotations

from .conftest import CONFIG, OA_TOKEN
from .server import Server


def test_two_workers_each_answer_with_the_configured_tokens(tmp_path, docs):
    srv = Server(tmp_path, CONFIG, args=["--workers", "2"]).start()
    try:
        pids = set()
        for _ in range(40):
            with srv.client(OA_TOKEN) as c:  # a new connection each time
                r = c.get("/v1/health")
                assert r.status_code == 200
                pids.add(r.json()["pid"])
            if len(pids) == 2:
                break
        assert len(pids) == 2
        with srv.client(OA_TOKEN) as c, docs["marked"].open("rb") as fh:
            report = c.post("/v1/scan", files={"file": ("m.docx", fh)}).json()
        assert [f["kind"] for f in report["findings"]] == ["secret_level", "resident_id"]
        with srv.client("not-the-token-000000") as c:
            assert c.get("/v1/health").status_code == 401
    finally:
        srv.stop()
    assert srv.proc.returncode == 0
    assert "workers=2" in srv.log()
