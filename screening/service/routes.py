"""The endpoints (``/v1/…``). Each answers JSON; see the OpenAPI document at ``/openapi.json``."""

from __future__ import annotations

import logging
import os
from dataclasses import replace
from typing import Annotated, Any, Literal

import anyio
from fastapi import APIRouter, Depends, Header, Path, Query, Request
from fastapi.responses import JSONResponse
from fastapi.security import HTTPAuthorizationCredentials

from .. import __version__
from ..model import ErrorInfo, Report
from . import backends
from .auth import bearer_scheme, unauthorized
from .errors import error_schema
from .uploads import receive_upload

router = APIRouter(prefix="/v1")
log = logging.getLogger("screening.service")

_FILE = {"type": "string", "format": "binary",
         "description": "文件本身（.docx、.pdf 或文本）the file (.docx, .pdf or text)"}
UPLOAD_BODY = {"requestBody": {"required": True, "content": {
    "multipart/form-data": {"schema": {"type": "object", "required": ["file"],
                                       "properties": {"file": _FILE}}},
    "application/octet-stream": {"schema": _FILE}}}}
SANITIZE_BODY = {"requestBody": {"required": True, "content": {
    "multipart/form-data": {"schema": {"type": "object", "required": ["file"], "properties": {
        "file": _FILE,
        "mask": {"type": "string", "enum": ["true", "false"], "default": "true",
                 "description": "按遮盖规则遮盖个人信息 mask personal data"},
        "remove_hidden": {"type": "string", "enum": ["true", "false"], "default": "true",
                          "description": "删除批注、修订、隐藏文字、属性 remove hidden content"},
        "declassified": {"type": "string",
                         "description": "解密依据（文号/日期）；给出时才删除密级标志 declassification basis"},
        "redact_span": {"type": "array", "items": {"type": "string"},
                        "description": "要删除的原文（可重复）literal text to remove (repeatable)"},
        "plan": {"type": "string", "description": "处理计划 JSON（同 --plan-file）a plan file's JSON"},
    }}},
    "application/octet-stream": {"schema": _FILE}}}}


def _ref(name: str, description: str) -> dict:
    return {"description": description,
            "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{name}"}}}}


_ERRORS = {
    401: {"description": "缺少或错误的令牌 missing or wrong token", "content": error_schema()},
    408: {"description": "上传超时 upload too slow", "content": error_schema()},
    413: {"description": "文件过大 upload too large", "content": error_schema()},
    422: {"description": "请求有误 invalid request", "content": error_schema()},
}

XFilename = Header(None, alias="X-Filename",
                   description="原始上传时的文件名（百分号编码的 UTF-8）the file name of a raw-body "
                               "upload, percent-encoded UTF-8")


async def authenticate(request: Request,
                       credentials: Annotated[HTTPAuthorizationCredentials | None,
                                              Depends(bearer_scheme)]) -> str:
    """The calling system's name; 401 otherwise (see :mod:`screening.service.auth`)."""
    auth = request.app.state.service.auth
    token = credentials.credentials if credentials is not None else None
    name = auth.caller(token)
    if name is None:
        raise unauthorized(missing=not token)
    request.state.caller = name
    return name


@router.post("/scan", operation_id="scan", summary="检查一个文件 Screen one file",
             response_class=JSONResponse, openapi_extra=UPLOAD_BODY,
             responses={200: _ref("Report", "DESIGN §4 报告（同 screen scan --format json）"), **_ERRORS})
async def scan(request: Request, caller: str = Depends(authenticate),
               x_filename: str | None = XFilename) -> JSONResponse:
    """The report of one file: verdict pass / review / block / error and every finding. A file
    that cannot be read (damaged, encrypted, empty, over a reader limit) is an ``error`` report,
    still HTTP 200."""
    state = request.app.state.service
    async with receive_upload(request, state.service) as upload:
        report: Report = await state.run(state.screener.scan, upload.path)
        report = replace(report, path=upload.filename, document=None)
        if report.error is not None:  # never show the private directory
            report = replace(report, error=ErrorInfo(
                report.error.code, report.error.message.replace(str(upload.path), upload.filename),
                report.error.message_en.replace(str(upload.path), upload.filename)))
    return JSONResponse(report.to_dict())


@router.post("/gate", operation_id="gate", summary="发布闸门：能否发布 May this file be published",
             response_class=JSONResponse, openapi_extra=UPLOAD_BODY,
             responses={200: _ref("GateDecision", "决定（允许或拒绝）a decision, allow or deny"),
                        503: _ref("GateDecision", "闸门不可用，allow 为 false the gate is unavailable"),
                        **_ERRORS})
async def gate(request: Request, caller: str = Depends(authenticate),
               lang: Literal["zh", "en"] = Query("zh", description="reasons' language"),
               x_filename: str | None = XFilename) -> JSONResponse:
    """Allowed only if the exact bytes have a complete, valid review chain permitting publication
    and a fresh scan finds nothing at ``block`` the record did not decide on. Every decision is
    HTTP 200 and is appended to the ledger (``decision_id``); a file that cannot be read is
    ``allow: false`` with reason ``UNREADABLE``. Treat anything but HTTP 200 with ``allow: true``
    as deny."""
    state = request.app.state.service
    async with receive_upload(request, state.service) as upload:
        backend = state.records()  # after the body: a 503 then reaches the client cleanly
        decision = await state.run(backend.decide, upload.path, state.screener, lang, caller)
    log.info(
        "gate decision=%s allow=%s reasons=%s caller=%s", decision.get("decision_id"),
        decision.get("allow"), ",".join(r.get("code", "?") for r in decision.get("reasons", [])),
        caller)
    return JSONResponse(decision)


@router.post("/sanitize", operation_id="sanitize",
             summary="生成脱敏副本 Make a sanitized copy", response_class=JSONResponse,
             openapi_extra=SANITIZE_BODY,
             responses={200: _ref("SanitizeResponse", "副本（base64）和处理清单 the copy and its actions"),
                        **_ERRORS})
async def sanitize(request: Request, caller: str = Depends(authenticate),
                   x_filename: str | None = XFilename) -> JSONResponse:
    """The sanitized copy as standard base64 in ``content_base64`` and the masked action list in
    ``result`` (the same JSON ``screen sanitize --format json`` prints). The copy is returned only
    when ``ok`` (exit code 0): when something remains after re-screening or verification failed
    (exit code 1) or the file could not be processed (4), ``content_base64`` is null. Options are
    multipart fields; a raw-body upload uses the defaults."""
    state = request.app.state.service
    async with receive_upload(request, state.service) as upload:
        options = backends.sanitize_options(upload)
        body = await state.run(backends.sanitize, upload, options, state.screener)
    return JSONResponse(body)


@router.get("/records/{sha256}", operation_id="records",
            summary="文件的审查记录链 The review chains of a file",
            responses={200: _ref("Records", "记录链（已遮盖）masked chains"),
                       404: _ref("Records", "没有该文件的记录 no record for this digest"), **_ERRORS})
async def records(request: Request, caller: str = Depends(authenticate),
                  sha256: str = Path(pattern="^[0-9a-fA-F]{64}$",
                                     description="文件的 SHA-256 the file's SHA-256 (hex)")
                  ) -> JSONResponse:
    """Every review chain whose subjects include this digest, verified now (signatures, roster,
    step order), with masked values only. 404 when there is none."""
    state = request.app.state.service
    backend = state.records()
    digest = sha256.lower()
    chains = await state.run(backend.chains, digest)
    return JSONResponse({"sha256": digest, "chains": chains}, status_code=200 if chains else 404)


@router.get("/health", operation_id="health", summary="服务状态 Health",
            responses={200: _ref("Health", "插件、版本、记录库 plugins, versions, ledger"),
                       401: _ERRORS[401]})
async def health(request: Request, caller: str = Depends(authenticate)) -> JSONResponse:
    """Plugins, readers, detectors and lexicons this worker loaded; whether the ledger answers.
    ``status`` is ``degraded`` when the ledger cannot be reached (the gate then denies)."""
    state = request.app.state.service
    registry = state.screener.registry
    ledger: dict[str, Any] = {"reachable": False, "url": None, "size": None, "error": None}
    try:
        backend = state.records()
    except backends.ApiError as exc:
        ledger["error"] = exc.message
    else:
        ledger = await anyio.to_thread.run_sync(backend.health)
    body = {"status": "ok" if ledger["reachable"] else "degraded",
            "version": __version__, "pid": os.getpid(),
            "plugins": [p.to_dict() for p in registry.plugins],
            "readers": [getattr(r, "format", type(r).__name__) for r in registry.readers],
            "detectors": [d.name for d in registry.detectors],
            "lexicons": sorted(state.screener.config.lexicons),
            "ledger": ledger}
    return JSONResponse(body)
