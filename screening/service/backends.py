"""What the routes call beyond the scanner: the gate and records (``screening.records``) and
sanitize (``screening.sanitize.api``). A ledger that cannot be reached (or a broken ``[records]``
configuration) answers 503 — for the gate that is still ``allow: false``.

Everything here runs in a worker thread under the worker's lock (see ``app.ServiceState.run``);
a ledger is opened per call and closed after it (SQLite connections are not shared between
threads; PostgreSQL connections are cheap next to a scan).
"""

from __future__ import annotations

import base64
import hashlib
import json
from pathlib import Path
from typing import Any

from ..config import Config
from ..errors import ScreeningError
from ..pipeline import Screener
from ..records import chain, gate
from ..records.ledger import open_ledger
from ..records.settings import RecordsSettings, redact_url
from ..sanitize import api as sanitize_api
from .errors import ApiError
from .uploads import Upload, safe_suffix

MEDIA_TYPES = {
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".pdf": "application/pdf",
    ".txt": "text/plain; charset=utf-8",
}


def deny_body(code: str, message: str, message_en: str) -> dict[str, Any]:
    """A deny the service makes itself (no ledger entry): the gate's shape, ``allow`` false."""
    return {"allow": False, "reasons": [{"code": code, "message": message, "message_en": message_en}],
            "message": message, "record": None, "decision_id": None, "sha256": None}


# -- records ---------------------------------------------------------------------------------------

class Records:
    """The records part: settings, ledger, gate decisions, chain views."""

    def __init__(self, config: Config, settings: Any | None):
        try:
            self.settings = settings or RecordsSettings.from_config(config)
        except ScreeningError as exc:
            raise ApiError(503, exc.code, exc.message, exc.message_en,
                           extra=deny_body("GATE_UNAVAILABLE", exc.message, exc.message_en)) from None

    def open(self):
        try:
            return open_ledger(self.settings)
        except ScreeningError as exc:
            raise ApiError(503, "ledger_unavailable", f"审查记录库无法访问：{exc.message}",
                           f"the ledger cannot be reached: {exc.message_en}",
                           extra=deny_body("LEDGER_UNAVAILABLE",
                                           f"审查记录库无法访问，不能放行：{exc.message}",
                                           f"the ledger cannot be reached; not allowed: "
                                           f"{exc.message_en}")) from None

    def decide(self, path: Path, screener: Screener, lang: str, caller: str) -> dict[str, Any]:
        ledger = self.open()
        try:
            decision = gate.decide(path, ledger=ledger, screener=screener,
                                   settings=self.settings, lang=lang, requested_by=caller)
        finally:
            ledger.close()
        return decision.to_dict()

    def chains(self, sha256: str) -> list[dict[str, Any]]:
        ledger = self.open()
        try:
            return [chain_view(chain.verify_chain(ledger, entries, self.settings))
                    for entries in chain.chains_for(ledger, sha256)]
        finally:
            ledger.close()

    def health(self) -> dict[str, Any]:
        url = redact_url(self.settings.ledger_url)
        try:
            ledger = open_ledger(self.settings)
        except Exception as exc:  # noqa: BLE001 - reported, not raised
            message = exc.message if isinstance(exc, ScreeningError) else type(exc).__name__
            return {"reachable": False, "url": url, "size": None, "error": message}
        try:
            return {"reachable": True, "url": url, "size": ledger.size(), "error": None}
        except Exception as exc:  # noqa: BLE001
            return {"reachable": False, "url": url, "size": None, "error": type(exc).__name__}
        finally:
            ledger.close()


def chain_view(check: chain.ChainCheck) -> dict[str, Any]:
    """A :class:`~screening.records.chain.ChainCheck` as JSON. Statements hold masked values
    only (records are built that way); the envelope itself is cited by its digests."""
    view = check.summary()
    view.update(allows_publication=bool(check.allows_publication), problems=list(check.problems),
                subjects=list(check.subjects), reasons=list(check.reasons),
                warnings=list(check.warnings))
    return view


# -- sanitize --------------------------------------------------------------------------------------

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


def sanitize_options(upload: Upload) -> sanitize_api.SanitizeOptions:
    """:class:`SanitizeOptions` from the form fields: ``mask``, ``remove_hidden`` (true/false),
    ``declassified`` (the declassification basis), ``redact_span`` (repeatable), ``plan`` (the
    JSON of a plan file)."""
    kwargs: dict[str, Any] = {}
    for name in ("mask", "remove_hidden"):
        value = upload.field(name)
        if value is None:
            continue
        v = value.strip().lower()
        if v not in _TRUE | _FALSE:
            raise ApiError(400, "bad_option", f"选项 {name} 只能是 true 或 false",
                           f"option {name} must be true or false")
        kwargs[name] = v in _TRUE
    declassified = (upload.field("declassified") or "").strip()
    if declassified:
        kwargs["declassified"] = declassified
    spans = tuple(s for s in upload.fields.get("redact_span", []) if s.strip())
    if spans:
        kwargs["redact_spans"] = spans
    plan = upload.field("plan")
    if plan:
        try:
            json.loads(plan)
        except ValueError:
            raise ApiError(400, "bad_option", "选项 plan 不是有效的 JSON", "option plan is not JSON") from None
        plan_path = upload.directory / "plan.json"
        plan_path.write_text(plan, encoding="utf-8")
        kwargs["plan_file"] = plan_path
    return sanitize_api.SanitizeOptions(**kwargs)


def sanitize(upload: Upload, options: sanitize_api.SanitizeOptions,
             screener: Screener) -> dict[str, Any]:
    """Run sanitize; the copy is returned (base64) only when nothing remains (exit code 0)."""
    suffix = safe_suffix(upload.filename) or upload.path.suffix
    dst = upload.directory / ("sanitized" + suffix)
    stem = Path(upload.filename).stem or "upload"
    out_name = f"{stem}.sanitized{suffix}"
    body: dict[str, Any] = {"ok": False, "exit_code": 4, "filename": None, "media_type": None,
                            "content_base64": None, "sha256": None, "result": None, "error": None}

    def public(text: str) -> str:  # the client's names, never the private directory
        return text.replace(str(upload.path), upload.filename).replace(str(dst), out_name)

    try:
        result = sanitize_api.sanitize_file(upload.path, dst, options, screener)
    except ScreeningError as exc:
        body["error"] = {"code": exc.code, "message": public(exc.message),
                         "message_en": public(exc.message_en)}
        return body
    data = result.to_dict()
    for key, name in (("input", upload.filename), ("output", out_name)):
        if isinstance(data.get(key), dict) and "path" in data[key]:
            data[key] = {**data[key], "path": name}
    data["problems"] = [public(p) for p in data.get("problems", [])]
    body["exit_code"] = int(result.exit_code)
    body["result"] = data
    if result.exit_code == 0 and dst.is_file():
        content = dst.read_bytes()
        body.update(ok=True, filename=out_name,
                    media_type=MEDIA_TYPES.get(suffix, "application/octet-stream"),
                    content_base64=base64.b64encode(content).decode("ascii"),
                    sha256=hashlib.sha256(content).hexdigest())
    return body
