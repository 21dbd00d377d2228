"""``GET /docs``: the API reference as one self-contained HTML page, made from ``/openapi.json``.

FastAPI's own ``/docs`` loads Swagger UI from a CDN, which an office intranet cannot reach (and
the tool makes no network calls). This page needs nothing outside itself: no script, inline CSS
only, a Content-Security-Policy that forbids loading anything. An integrator who wants Swagger UI
points their own copy at ``/openapi.json``.
"""

from __future__ import annotations

import html
import json
from typing import Any

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"

_STYLE = """
body{font-family:"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:2em auto;max-width:60em;
line-height:1.5;color:#222;padding:0 1em}
h1{font-size:1.5em}h2{font-size:1.15em;margin-top:2em;border-bottom:1px solid #ccc}
code,pre{font-family:"Noto Sans Mono CJK SC",monospace;background:#f4f4f4}
pre{padding:.6em;overflow-x:auto;white-space:pre-wrap}
.m{display:inline-block;min-width:4em;font-weight:bold;color:#fff;background:#2a6;padding:0 .4em;
border-radius:3px;text-align:center}.m.post{background:#26a}
table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ccc;padding:.2em .5em;
text-align:left;vertical-align:top}
"""


def render_docs(spec: dict[str, Any]) -> str:
    """The HTML page for an OpenAPI document."""
    info = spec.get("info", {})
    out = [
        "<!DOCTYPE html><html lang='zh-CN'><head><meta charset='utf-8'>",
        f"<meta http-equiv='Content-Security-Policy' content=\"{CSP}\">",
        f"<title>{_e(info.get('title', 'API'))}</title><style>{_STYLE}</style></head><body>",
        f"<h1>{_e(info.get('title', 'API'))} <small>{_e(info.get('version', ''))}</small></h1>",
        f"<p>{_para(info.get('description', ''))}</p>",
        "<p>机器可读的接口说明 The machine-readable spec: <a href='/openapi.json'>"
        "<code>/openapi.json</code></a>（OpenAPI 3）。每个请求都要带 "
        "<code>Authorization: Bearer 令牌</code>。Every request needs a bearer token.</p>",
    ]
    for path, operations in spec.get("paths", {}).items():
        for method, op in operations.items():
            out.append(_operation(path, method, op))
    out.append("</body></html>")
    return "".join(out)


def _operation(path: str, method: str, op: dict[str, Any]) -> str:
    parts = [f"<h2><span class='m {_e(method)}'>{_e(method.upper())}</span> <code>{_e(path)}</code>"
             f" — {_e(op.get('summary', ''))}</h2>",
             f"<p>{_para(op.get('description', ''))}</p>"]
    params = op.get("parameters") or []
    if params:
        parts.append("<table><tr><th>参数 parameter</th><th>位置 in</th><th>说明 description</th></tr>")
        for p in params:
            parts.append(f"<tr><td><code>{_e(p.get('name', ''))}</code></td><td>{_e(p.get('in', ''))}"
                         f"</td><td>{_e(p.get('description', ''))}</td></tr>")
        parts.append("</table>")
    body = (op.get("requestBody") or {}).get("content") or {}
    if body:
        parts.append("<p>请求体 request body: " + "、".join(f"<code>{_e(t)}</code>" for t in body)
                     + "</p>")
    responses = op.get("responses") or {}
    if responses:
        parts.append("<table><tr><th>状态 status</th><th>说明 description</th><th>内容 schema</th></tr>")
        for status, resp in responses.items():
            schema = next(iter((resp.get("content") or {}).values()), {}).get("schema", {})
            ref = schema.get("$ref", "").rsplit("/", 1)[-1] or (json.dumps(schema)[:80]
                                                                  if schema else "")
            parts.append(f"<tr><td>{_e(status)}</td><td>{_e(resp.get('description', ''))}</td>"
                         f"<td><code>{_e(ref)}</code></td></tr>")
        parts.append("</table>")
    return "".join(parts)


def _e(text: Any) -> str:
    return html.escape(str(text), quote=True)


def _para(text: str) -> str:
    return "<br>".join(_e(line) for line in str(text).splitlines())
