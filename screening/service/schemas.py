"""Pydantic models that describe the JSON bodies in the OpenAPI document (``/openapi.json``).

The handlers return plain dictionaries built by the core (``Report.to_dict()``,
``GateDecision.to_dict()``, ``SanitizeResult.to_dict()``); these models only document them, so the
service says exactly what the CLI says. ``extra="allow"`` keeps fields added later valid.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field


class _Open(BaseModel):
    model_config = ConfigDict(extra="allow")


class Location(_Open):
    part: str = Field(description="body, header, footer, comment, … (DESIGN §4)")
    page: int | None
    block: int
    start: int
    end: int
    bbox: list[float] | None = None


class Finding(_Open):
    id: str
    detector: str
    category: str
    kind: str
    severity: Literal["block", "review", "info"]
    text: str = Field(description="原文（仅在响应中返回，服务从不保存或记录）the matched text")
    masked: str
    basis: str
    confidence: float
    explanation: str
    location: Location


class ErrorInfo(_Open):
    code: str
    message: str


class PluginInfo(_Open):
    name: str
    version: str


class ToolInfo(_Open):
    version: str
    plugins: list[PluginInfo]


class Report(_Open):
    """The DESIGN.md §4 report of one document (same as ``screen scan --format json``)."""

    schema_: str = Field(alias="schema", description="screening.report/1")
    path: str = Field(description="上传时给出的文件名 the file name the client gave")
    format: str | None
    sha256: str | None
    sm3: str | None
    verdict: Literal["pass", "review", "block", "error"]
    findings: list[Finding]
    error: ErrorInfo | None
    tool: ToolInfo


class Reason(_Open):
    code: str = Field(description="NO_VALID_RECORD, UNREADABLE, NEW_BLOCK_FINDING, …")
    message: str
    message_en: str | None = None


class GateDecision(_Open):
    """Always HTTP 200 for a decision. Publish only when ``allow`` is ``true``."""

    allow: bool
    reasons: list[Reason]
    message: str = Field(description="给办理人看的中文说明 the Chinese message to show")
    record: dict[str, Any] | None = Field(description="the masked review chain that allowed it")
    decision_id: str | None = Field(description="ledger decision id; store it in the OA record")
    sha256: str | None = None


class SanitizeResponse(_Open):
    """``content_base64`` holds the sanitized file only when ``ok`` (exit code 0)."""

    ok: bool
    exit_code: int = Field(description="0 ok · 1 something remains or verification failed · 4 error")
    filename: str | None = Field(description="suggested name of the sanitized copy")
    media_type: str | None = None
    content_base64: str | None = Field(description="the sanitized file, standard base64")
    sha256: str | None = Field(description="SHA-256 of the sanitized file")
    result: dict[str, Any] | None = Field(description="the masked action list (SanitizeResult)")
    error: ErrorInfo | None = None


class ChainView(_Open):
    ok: bool
    complete: bool
    allows_publication: bool
    conclusion: str | None
    problems: list[str]
    subjects: list[dict[str, Any]]
    steps: list[dict[str, Any]]


class Records(_Open):
    sha256: str
    chains: list[ChainView]


class LedgerHealth(_Open):
    reachable: bool
    url: str | None = None
    size: int | None = None
    error: str | None = None


class Health(_Open):
    status: Literal["ok", "degraded"]
    version: str
    pid: int
    plugins: list[PluginInfo]
    readers: list[str]
    detectors: list[str]
    lexicons: list[str]
    ledger: LedgerHealth


class ErrorDetail(_Open):
    code: str
    message: str
    message_en: str


class ErrorBody(_Open):
    error: ErrorDetail


MODELS = (Report, GateDecision, SanitizeResponse, Records, Health, ErrorBody)
