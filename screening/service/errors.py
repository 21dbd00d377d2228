"""Errors the HTTP layer answers with a status other than 200, and their JSON body.

Body: ``{"error": {"code": "…", "message": "中文", "message_en": "…"}}``. Messages never hold the
upload's content, its file name or a token.
"""

from __future__ import annotations

from collections.abc import Mapping

from fastapi import Request
from fastapi.responses import JSONResponse


class ApiError(Exception):
    """A request the service refuses before or instead of screening it."""

    def __init__(self, status: int, code: str, message: str, message_en: str, *,
                 headers: Mapping[str, str] | None = None, extra: Mapping | None = None):
        super().__init__(code)
        self.status = status
        self.code = code
        self.message = message
        self.message_en = message_en
        self.headers = dict(headers or {})
        self.extra = dict(extra or {})

    def body(self) -> dict:
        return {**self.extra, "error": {"code": self.code, "message": self.message,
                                        "message_en": self.message_en}}

    def response(self) -> JSONResponse:
        return JSONResponse(self.body(), status_code=self.status, headers=self.headers)


async def api_error_handler(request: Request, exc: ApiError) -> JSONResponse:
    return exc.response()


def error_schema() -> dict:
    """The OpenAPI description of the error body (used in ``responses=`` of each route)."""
    return {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}
