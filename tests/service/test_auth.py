"""Bearer tokens: the three ways to configure them, 401s, and refusing to start without any."""

from __future__ import annotations

import hashlib
import subprocess

import httpx
import pytest

from screening.config import config_from_dict
from screening.errors import ConfigError
from screening.service.auth import TokenAuth
from screening.service.settings import ServiceSettings

from .conftest import CMS_TOKEN, OA_TOKEN, PORTAL_TOKEN
from .server import REPO, serve_command


@pytest.mark.parametrize("token, caller", [(OA_TOKEN, "oa"), (PORTAL_TOKEN, "portal"),
                                           (CMS_TOKEN, "cms")])
def test_each_configured_token_is_accepted(server, token, caller):
    with server.client(token) as c:
        r = c.get("/v1/health")
    assert r.status_code == 200
    log = server.wait_log("GET /v1/health 200", f"caller={caller}")  # written after the response
    assert "GET /v1/health 200" in log and f"caller={caller}" in log


@pytest.mark.parametrize("path, method", [("/v1/scan", "POST"), ("/v1/gate", "POST"),
                                          ("/v1/sanitize", "POST"), ("/v1/health", "GET"),
                                          ("/v1/records/" + "0" * 64, "GET")])
def test_no_token_is_401_with_www_authenticate(server, path, method):
    r = httpx.request(method, server.url + path, content=b"x")
    assert r.status_code == 401
    assert r.headers["www-authenticate"] == 'Bearer realm="screening"'
    assert r.json()["error"]["code"] == "unauthorized"


@pytest.mark.parametrize("header", [f"Bearer {OA_TOKEN}x", f"Bearer {OA_TOKEN[:-1]}",
                                    "Bearer sha256:" + hashlib.sha256(PORTAL_TOKEN.encode()).hexdigest(),
                                    f"Basic {OA_TOKEN}"])
def test_wrong_token_is_401(server, header):
    r = httpx.post(server.url + "/v1/gate", content=b"x", headers={"Authorization": header})
    assert r.status_code == 401
    assert r.headers["www-authenticate"].startswith('Bearer realm="screening"')
    assert OA_TOKEN not in r.text


def test_openapi_and_docs_need_no_token(server):
    assert httpx.get(server.url + "/openapi.json").status_code == 200
    assert httpx.get(server.url + "/docs").status_code == 200


def _settings(raw: dict, env: str = "") -> ServiceSettings:
    return ServiceSettings.from_config(config_from_dict(raw), env={"SCREENING_API_TOKENS": env})


def test_token_sources_and_hashing():
    s = _settings({"service": {"tokens": {"oa": OA_TOKEN, "portal": "sha256:" + "ab" * 32}}},
                  env=f"cms:{CMS_TOKEN}, oa:{PORTAL_TOKEN}")
    assert sorted(s.tokens) == ["cms", "oa", "portal"]
    assert s.tokens["oa"] == hashlib.sha256(PORTAL_TOKEN.encode()).digest()  # env wins
    assert s.tokens["portal"] == bytes.fromhex("ab" * 32)
    auth = TokenAuth(s.tokens)
    assert (auth.caller(CMS_TOKEN), auth.caller(PORTAL_TOKEN), auth.caller(OA_TOKEN)) == \
        ("cms", "oa", None)
    assert auth.caller("") is None and auth.caller(None) is None


@pytest.mark.parametrize("raw, env", [({"service": {"tokens": {"oa": "short"}}}, ""),
                                      ({}, "oa"), ({}, "oa:"), ({}, "o a:" + OA_TOKEN),
                                      ({"service": {"unknown": 1}}, ""),
                                      ({"service": {"max_upload_bytes": 0}}, "")])
def test_bad_service_settings_are_config_errors(raw, env):
    with pytest.raises(ConfigError):
        _settings(raw, env)


def _serve(tmp_path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    import os

    full = {k: v for k, v in os.environ.items() if k != "SCREENING_API_TOKENS"}
    full["PYTHONPATH"] = str(REPO)
    full.update(env or {})
    return subprocess.run(serve_command("--port", "1", *args), cwd=tmp_path, env=full,
                          capture_output=True, text=True, timeout=120, check=False)


def test_refuses_to_start_without_tokens(tmp_path):
    r = _serve(tmp_path)
    assert r.returncode == 4
    assert "未配置访问令牌，服务拒绝启动" in r.stderr
    assert "--insecure-no-auth" in r.stderr


def test_insecure_mode_only_on_loopback(tmp_path):
    r = _serve(tmp_path, "--host", "0.0.0.0", "--insecure-no-auth")
    assert r.returncode == 2
    assert "--insecure-no-auth" in r.stderr


def test_a_short_env_token_stops_the_start(tmp_path):
    r = _serve(tmp_path, env={"SCREENING_API_TOKENS": "oa:abc"})
    assert r.returncode == 4
    assert "令牌太短" in r.stderr and "abc" not in r.stderr
