"""A hand-written check of the JSON report schema ``screening.report/1`` (DESIGN.md §4).

``check_report(obj)`` raises ``AssertionError`` naming the first field that is missing, extra or
of the wrong type or value. Used by the report tests and by the CLI tests on ``--format json``.
"""

from __future__ import annotations

import re

from screening.model import PARTS, Basis, Category, Severity, Verdict

HEX64 = re.compile(r"[0-9a-f]{64}")
HEX16 = re.compile(r"[0-9a-f]{16}")

REPORT_KEYS = {"schema", "path", "format", "sha256", "sm3", "verdict", "findings", "error", "tool"}
FINDING_KEYS = {"id", "detector", "category", "kind", "severity", "text", "masked", "basis",
                "confidence", "explanation", "location"}
LOCATION_KEYS = {"part", "page", "block", "start", "end"}
BASES = {b.value for b in Basis} | {""}


def _keys(where: str, obj: object, required: set[str], optional: set[str] = frozenset()) -> None:
    assert isinstance(obj, dict), f"{where}: expected an object, got {type(obj).__name__}"
    missing = required - obj.keys()
    extra = obj.keys() - required - optional
    assert not missing, f"{where}: missing keys {sorted(missing)}"
    assert not extra, f"{where}: unexpected keys {sorted(extra)}"


def _type(where: str, value: object, *types: type) -> None:
    # bool is an int in Python; JSON true/false must never stand where a number is expected
    ok = isinstance(value, types) and not (isinstance(value, bool) and bool not in types)
    names = "|".join("null" if t is type(None) else t.__name__ for t in types)
    assert ok, f"{where}: expected {names}, got {value!r}"


def check_location(where: str, loc: object) -> None:
    _keys(where, loc, LOCATION_KEYS, {"bbox"})
    assert loc["part"] in PARTS, f"{where}.part: unknown part {loc['part']!r}"
    _type(f"{where}.page", loc["page"], int, type(None))
    if loc["page"] is not None:
        assert loc["page"] >= 1, f"{where}.page: pages count from 1"
    for key in ("block", "start", "end"):
        _type(f"{where}.{key}", loc[key], int)
        assert loc[key] >= 0, f"{where}.{key}: negative"
    assert loc["start"] <= loc["end"], f"{where}: start after end"
    if "bbox" in loc:
        _type(f"{where}.bbox", loc["bbox"], list)
        assert len(loc["bbox"]) == 4, f"{where}.bbox: four numbers"
        for v in loc["bbox"]:
            _type(f"{where}.bbox[]", v, int, float)


def check_finding(where: str, f: object) -> None:
    _keys(where, f, FINDING_KEYS)
    for key in FINDING_KEYS - {"confidence", "location"}:
        _type(f"{where}.{key}", f[key], str)
    assert HEX16.fullmatch(f["id"]), f"{where}.id: 16 hex digits"
    assert f["category"] in {c.value for c in Category}, f"{where}.category: {f['category']!r}"
    assert f["severity"] in {s.value for s in Severity}, f"{where}.severity: {f['severity']!r}"
    assert f["basis"] in BASES, f"{where}.basis: {f['basis']!r} is not a reason category"
    assert f["detector"].count(".") >= 1, f"{where}.detector: '<plugin>.<detector>'"
    assert f["kind"], f"{where}.kind: empty"
    _type(f"{where}.confidence", f["confidence"], int, float)
    assert 0 <= f["confidence"] <= 1, f"{where}.confidence: outside 0..1"
    check_location(f"{where}.location", f["location"])


def check_report(obj: object) -> None:
    """Assert that ``obj`` (a parsed JSON line) is a valid ``screening.report/1`` object."""
    _keys("report", obj, REPORT_KEYS)
    assert obj["schema"] == "screening.report/1", f"report.schema: {obj['schema']!r}"
    _type("report.path", obj["path"], str)
    _type("report.format", obj["format"], str, type(None))
    for key in ("sha256", "sm3"):
        _type(f"report.{key}", obj[key], str, type(None))
        if obj[key] is not None:
            assert HEX64.fullmatch(obj[key]), f"report.{key}: 64 lowercase hex digits"
    assert obj["verdict"] in {v.value for v in Verdict}, f"report.verdict: {obj['verdict']!r}"
    _type("report.findings", obj["findings"], list)
    for i, finding in enumerate(obj["findings"]):
        check_finding(f"report.findings[{i}]", finding)
    if obj["error"] is None:
        assert obj["verdict"] != "error", "report: verdict error without an error object"
    else:
        _keys("report.error", obj["error"], {"code", "message"})
        _type("report.error.code", obj["error"]["code"], str)
        _type("report.error.message", obj["error"]["message"], str)
        assert obj["verdict"] == "error", "report: an error object makes the verdict error"
    _keys("report.tool", obj["tool"], {"version", "plugins"})
    _type("report.tool.version", obj["tool"]["version"], str)
    _type("report.tool.plugins", obj["tool"]["plugins"], list)
    for i, plugin in enumerate(obj["tool"]["plugins"]):
        _keys(f"report.tool.plugins[{i}]", plugin, {"name", "version"})
        _type(f"report.tool.plugins[{i}].name", plugin["name"], str)
        _type(f"report.tool.plugins[{i}].version", plugin["version"], str)
