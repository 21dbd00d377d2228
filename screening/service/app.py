"""The HTTP API (FastAPI) an OA or CMS calls before it publishes: ``create_app`` builds it.

One :class:`~screening.pipeline.Screener` per worker process, built when the app is created, so
plugins and lexicons load once and a scan costs milliseconds. Screening runs in a worker thread
under one lock per process (the work is CPU-bound; parallelism comes from ``--workers``), so the
event loop keeps receiving uploads and answering ``/v1/health`` meanwhile.

Nothing raw is logged: one line per request (method, route template, status, milliseconds,
calling system), never a token, a file name, a query string or content; uvicorn's access log is
off (see :data:`LOG_CONFIG`). An exception that escapes a handler is answered with a plain 500
(for ``/v1/gate``: ``allow: false``) and logged by its type only.
"""

from __future__ import annotations

import json
import logging
import os
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import anyio
import pluggy
from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse

from .. import __version__
from ..config import Config, load_config
from ..errors import ConfigError
from ..pipeline import Screener
from .auth import TokenAuth
from .docs import CSP, render_docs
from .errors import ApiError, api_error_handler
from .settings import TOKENS_ENV, ServiceSettings

log = logging.getLogger("screening.service")
T = TypeVar("T")

#: Environment the ``screen serve`` parent hands to each uvicorn worker (see :func:`app_from_env`).
ENV_CONFIG = "SCREENING_SERVE_CONFIG"
ENV_INSECURE = "SCREENING_SERVE_INSECURE"

LOG_CONFIG: dict[str, Any] = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(process)d] %(message)s"}},
    "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": "plain",
                            "stream": "ext://sys.stderr"}},
    "loggers": {
        "uvicorn": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
        "uvicorn.error": {"level": "INFO"},
        "uvicorn.access": {"handlers": [], "level": "CRITICAL", "propagate": False},
        "screening.service": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
    },
}

DESCRIPTION = """\
政府信息公开前保密审查服务。OA / 门户系统在发布前调用 `POST /v1/gate`：只有 `allow` 为 `true`
才可发布；`allow` 为 `false`、非 200 状态、超时或无法解析的响应，一律视为不得发布（失败即阻止）。

Pre-publication secrecy screening. Call `POST /v1/gate` before publishing: publish only when the
answer is HTTP 200 with `allow: true`; anything else (deny, another status, a timeout, a body that
does not parse) blocks. Authenticate with `Authorization: Bearer <token>`.

Uploads: `multipart/form-data` with the file in the field `file`, or the raw file as the body with
its name in `X-Filename` (percent-encoded UTF-8). Limits: `[service] max_upload_bytes` (HTTP 413)
and `upload_timeout_seconds` (HTTP 408). Errors other than decisions:
`{"error": {"code", "message", "message_en"}}`.
"""

NO_TOKENS = ConfigError(
    "未配置访问令牌，服务拒绝启动。请在 screening.toml 的 [service.tokens] 中为每个调用系统设置令牌"
    f"（如 oa = \"sha256:<令牌的 SHA-256>\"），或设置环境变量 {TOKENS_ENV}=\"oa:令牌\"；"
    "仅在本机试用时可加 --insecure-no-auth（只允许 127.0.0.1）",
    message_en="no API tokens configured; refusing to start. Set [service.tokens] in "
               f"screening.toml (oa = \"sha256:<hex>\") or {TOKENS_ENV}=\"oa:token\"; for a local "
               "trial only, --insecure-no-auth (127.0.0.1 only)")


class ServiceState:
    """What one worker process holds: the screener, its lock, settings and the auth check."""

    def __init__(self, config: Config, screener: Screener, service: ServiceSettings,
                 records_settings: Any | None, auth: TokenAuth):
        self.config = config
        self.screener = screener
        self.service = service
        self.records_settings = records_settings
        self.auth = auth
        self.lock = threading.Lock()
        self._records = None

    async def run(self, fn: Callable[..., T], *args: Any) -> T:
        """Run ``fn(*args)`` in a thread, one at a time in this process."""
        def locked() -> T:
            with self.lock:
                return fn(*args)
        return await anyio.to_thread.run_sync(locked)

    def records(self):
        """The records backend (ApiError 503 when ``[records]`` is invalid or the ledger is down)."""
        if self._records is None:
            from .backends import Records

            self._records = Records(self.config, self.records_settings)
        return self._records


def create_app(config: Config, pm: pluggy.PluginManager | None = None, settings: Any | None = None,
               *, service: ServiceSettings | None = None, insecure_no_auth: bool = False) -> FastAPI:
    """Build the API with its own screener.

    :param config: the office configuration; ``[service]`` is read from it unless ``service``.
    :param pm: plugin manager (default: built-ins and entry points).
    :param settings: :class:`~screening.records.settings.RecordsSettings` (default: from config).
    :param insecure_no_auth: serve without tokens (``screen serve`` allows it on loopback only).
    :raises ConfigError: no token configured and not ``insecure_no_auth``; a bad ``[service]``.
    """
    from ..batch.work import warm_up
    from .routes import router

    service = service or ServiceSettings.from_config(config)
    if not service.tokens and not insecure_no_auth:
        raise NO_TOKENS
    screener = Screener(config, pm=pm)
    warm_up(screener)
    state = ServiceState(screener.config, screener, service, settings,
                         TokenAuth(service.tokens, insecure_no_auth=insecure_no_auth))
    app = FastAPI(title="screening 保密审查服务", version=__version__, description=DESCRIPTION,
                  openapi_url="/openapi.json", docs_url=None, redoc_url=None)
    app.state.service = state

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:  # self-contained: Swagger UI would load from a CDN
        return HTMLResponse(render_docs(app.openapi()), headers={"Content-Security-Policy": CSP})

    app.add_exception_handler(ApiError, api_error_handler)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.include_router(router)
    app.add_middleware(ServiceMiddleware)
    _add_error_schemas(app)
    return app


def app_from_env() -> FastAPI:
    """The uvicorn factory (``screening.service.app:app_from_env``): each worker process builds
    its own app, with the configuration ``screen serve`` named in the environment."""
    path = os.environ.get(ENV_CONFIG) or None
    config = load_config(path)
    return create_app(config, insecure_no_auth=os.environ.get(ENV_INSECURE) == "1")


async def _validation_error(request, exc: RequestValidationError) -> JSONResponse:
    where = ", ".join(".".join(str(p) for p in e.get("loc", ())) for e in exc.errors())
    return ApiError(422, "invalid_request", f"请求参数有误：{where}",
                    f"invalid request parameters: {where}").response()


def _add_error_schemas(app: FastAPI) -> None:
    """Put the documentation-only models into the OpenAPI components once."""
    original = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema:
            return app.openapi_schema
        schema = original()
        from .schemas import MODELS

        components = schema.setdefault("components", {}).setdefault("schemas", {})
        for model in MODELS:
            js = model.model_json_schema(ref_template="#/components/schemas/{model}", by_alias=True)
            for name, sub in js.pop("$defs", {}).items():
                components.setdefault(name, sub)
            components.setdefault(model.__name__, js)
        app.openapi_schema = schema
        return schema

    app.openapi = openapi  # type: ignore[method-assign]


class ServiceMiddleware:
    """Pure ASGI: one log line per request and a last line of defence for unexpected errors."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        sent = {"status": 0}

        async def send_wrapper(message):
            if message["type"] == "http.response.start":
                sent["status"] = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_wrapper)
        except Exception as exc:  # noqa: BLE001 - never a traceback with content in the log
            log.error("internal error %s in %s %s", type(exc).__name__, scope.get("method"),
                      _route(scope))
            if not sent["status"]:
                sent["status"] = 500
                await _internal_error(scope, send)
        finally:
            caller = (scope.get("state") or {}).get("caller", "-")
            log.info("%s %s %s %.0fms caller=%s", scope.get("method"), _route(scope),
                     sent["status"] or "-", (time.perf_counter() - started) * 1000, caller)


_KNOWN = {"/v1/scan", "/v1/gate", "/v1/sanitize", "/v1/health", "/openapi.json", "/docs"}


def _route(scope) -> str:
    """The route template (``/v1/records/{sha256}``), never a raw path someone else chose."""
    route = scope.get("route")
    path = getattr(route, "path", None)
    if path:
        return path
    raw = scope.get("path", "")
    if raw in _KNOWN:
        return raw
    return "/v1/records/{sha256}" if raw.startswith("/v1/records/") else "(other)"


async def _internal_error(scope, send) -> None:
    body: dict[str, Any] = {"error": {"code": "internal", "message": "服务内部错误，本次请求未完成",
                                      "message_en": "internal error; the request was not completed"}}
    if scope.get("path") == "/v1/gate":
        from .backends import deny_body

        body = {**deny_body("INTERNAL", "服务内部错误，不能放行", "internal error; not allowed"), **body}
    data = json.dumps(body, ensure_ascii=False).encode("utf-8")
    await send({"type": "http.response.start", "status": 500,
                "headers": [(b"content-type", b"application/json"),
                            (b"content-length", str(len(data)).encode())]})
    await send({"type": "http.response.body", "body": data})


def describe_limits(service: ServiceSettings) -> str:
    """One line for the start-up log (no tokens, only their count)."""
    return (f"tokens={len(service.tokens)} max_upload_bytes={service.max_upload_bytes} "
            f"upload_timeout_seconds={service.upload_timeout_seconds:g} "
            f"temp_dir={service.temp_dir or Path('/tmp')}")
