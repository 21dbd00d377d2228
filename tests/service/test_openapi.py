"""/openapi.json is a valid OpenAPI document, and a client generated from it alone works: the
request is built from the operation's definition (method, path, parameters, request body, security)
and the answer is validated against the response schema the document declares."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import httpx
import jsonschema
from openapi_spec_validator import validate

from .conftest import OA_TOKEN


class GeneratedClient:
    """A minimal OpenAPI client: knows nothing of this service but its /openapi.json."""

    def __init__(self, base_url: str, spec: dict, token: str):
        self.base_url = base_url
        self.spec = spec
        self.token = token
        self.operations = {op["operationId"]: (method.upper(), path, op)
                           for path, item in spec["paths"].items()
                           for method, op in item.items() if "operationId" in op}

    def call(self, operation_id: str, *, path_params: dict | None = None,
             query: dict | None = None, body: dict | None = None) -> tuple[int, Any, dict]:
        method, template, op = self.operations[operation_id]
        url = re.sub(r"\{(\w+)\}", lambda m: str((path_params or {})[m.group(1)]), template)
        headers = {}
        for requirement in op.get("security", []):
            for name in requirement:
                scheme = self.spec["components"]["securitySchemes"][name]
                assert (scheme["type"], scheme["scheme"]) == ("http", "bearer")
                headers["Authorization"] = f"Bearer {self.token}"
        params = {p["name"]: (query or {})[p["name"]] for p in op.get("parameters", [])
                  if p["in"] == "query" and p["name"] in (query or {})}
        files = data = None
        if "requestBody" in op:
            schema = op["requestBody"]["content"]["multipart/form-data"]["schema"]
            assert set(schema["required"]) <= set(body or {})
            files, data = {}, {}
            for name, value in (body or {}).items():
                prop = schema["properties"][name]
                if prop.get("format") == "binary":
                    files[name] = (Path(value).name, Path(value).read_bytes())
                else:
                    data[name] = value
        r = httpx.request(method, self.base_url + url, headers=headers, params=params,
                          files=files, data=data, timeout=60)
        declared = op["responses"][str(r.status_code)]["content"]["application/json"]["schema"]
        return r.status_code, r.json(), declared

    def check(self, instance: Any, schema: dict) -> None:
        jsonschema.Draft202012Validator(
            {**schema, "components": self.spec["components"]}).validate(instance)


def _spec(server) -> dict:
    return httpx.get(server.url + "/openapi.json").json()


def test_openapi_document_validates(server):
    spec = _spec(server)
    validate(spec)
    assert spec["openapi"].startswith("3.")
    ops = {op["operationId"]: (m, p) for p, item in spec["paths"].items() for m, op in item.items()}
    assert ops == {"scan": ("post", "/v1/scan"), "gate": ("post", "/v1/gate"),
                   "sanitize": ("post", "/v1/sanitize"), "records": ("get", "/v1/records/{sha256}"),
                   "health": ("get", "/v1/health")}
    for op_id in ("scan", "gate", "sanitize"):
        method, path = ops[op_id]
        content = spec["paths"][path][method]["requestBody"]["content"]
        assert set(content) == {"multipart/form-data", "application/octet-stream"}


def test_generated_client_scans_and_the_answer_matches_the_declared_schema(server, docs):
    client = GeneratedClient(server.url, _spec(server), OA_TOKEN)
    status, body, schema = client.call("scan", body={"file": docs["marked"]})
    assert status == 200
    client.check(body, schema)
    assert [f["kind"] for f in body["findings"]] == ["secret_level", "resident_id"]
    status, body, schema = client.call("health")
    client.check(body, schema)
    assert "classification_marks.secret_level" in body["detectors"]


def test_generated_client_gate_answer_matches_the_declared_schema(server, docs):
    client = GeneratedClient(server.url, _spec(server), OA_TOKEN)
    _, body, schema = client.call("gate", query={"lang": "en"}, body={"file": docs["clean"]})
    client.check(body, schema)
    assert body["allow"] is False


def test_a_wrong_answer_fails_the_schema_check(server):
    """The check above can fail: a report without its verdict does not validate."""
    client = GeneratedClient(server.url, _spec(server), OA_TOKEN)
    schema = client.operations["scan"][2]["responses"]["200"]["content"]["application/json"]["schema"]
    try:
        client.check({"schema": "screening.report/1", "findings": []}, schema)
    except jsonschema.ValidationError:
        return
    raise AssertionError("an incomplete report validated")


def test_docs_page_is_self_contained_and_lists_every_endpoint(server):
    """/docs works on an intranet with no internet: nothing is loaded from elsewhere."""
    r = httpx.get(server.url + "/docs")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert "default-src 'none'" in r.headers["content-security-policy"]
    page = r.text
    for path in ("/v1/scan", "/v1/gate", "/v1/sanitize", "/v1/records/{sha256}", "/v1/health"):
        assert f"<code>{path}</code>" in page
    assert "<script" not in page and "http://" not in page and "https://" not in page
