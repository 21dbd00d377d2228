"""JSON Lines report: exactly the DESIGN.md §4 schema, one object per line."""

from __future__ import annotations

import copy
import json
import re

import pytest

from screening import Basis, Block, Category, Document, Severity
from screening.model import ErrorInfo
from screening.report import json as json_report
from tests.conftest import make_document
from tests.report.build import finding, report
from tests.report.schema import check_report

DOC = make_document("000012", "机密★1年", "王建国 110105196703150014\n第二行")
MARK = finding(DOC, 1, "机密★1年", category=Category.CLASSIFICATION_MARK, kind="secret_level",
               severity=Severity.BLOCK, basis=Basis.STATE_SECRET.value,
               explanation="GB/T 9704 mark in line 2 of page 1")
ID = finding(DOC, 2, "110105196703150014\n第二", category=Category.PERSONAL_DATA,
             kind="resident_id", severity=Severity.BLOCK, basis=Basis.THIRD_PARTY.value,
             masked="110105********0014\n第二")


def test_block_report_is_one_line_of_the_schema():
    line = json_report.render(report(DOC, [MARK, ID], path="d.docx"))
    assert "\n" not in line
    obj = json.loads(line)
    check_report(obj)
    assert obj["verdict"] == "block"
    assert obj["path"] == "d.docx" and obj["format"] == "docx"
    assert obj["findings"][0] == {
        "id": MARK.id, "detector": "classification_mark.secret_level",
        "category": "classification_mark", "kind": "secret_level", "severity": "block",
        "text": "机密★1年", "masked": "机密★1年", "basis": "属于国家秘密", "confidence": 0.99,
        "explanation": "GB/T 9704 mark in line 2 of page 1",
        "location": {"part": "body", "page": 1, "block": 1, "start": 0, "end": 5}}
    assert obj["findings"][1]["text"] == "110105196703150014\n第二"
    assert obj["findings"][1]["masked"] == "110105********0014\n第二"
    assert "机密★1年" in line  # UTF-8, not \u escapes


def test_error_report_has_code_and_message_only():
    obj = json.loads(json_report.render(report(None, [], path="a.doc", error=ErrorInfo(
        "legacy_office", "旧版 Word 文件", "legacy Word file"))))
    check_report(obj)
    assert obj["error"] == {"code": "legacy_office", "message": "旧版 Word 文件"}
    assert obj["verdict"] == "error" and obj["findings"] == [] and obj["format"] is None


def test_pdf_location_carries_bbox():
    b = Block(text="机密★1年", part="body", index=0, page=1, line=1,
              bbox=(72.0, 96.123, 140.5, 110.0))
    doc = Document(path="m.pdf", format="pdf", blocks=(b,))
    f = finding(doc, 0, "机密★1年", category=Category.CLASSIFICATION_MARK, kind="secret_level",
                severity=Severity.BLOCK, basis=Basis.STATE_SECRET.value)
    obj = json.loads(json_report.render(report(doc, [f], path="m.pdf")))
    check_report(obj)
    assert obj["findings"][0]["location"]["bbox"] == [72.0, 96.12, 140.5, 110.0]


def test_suppressed_findings_are_not_in_the_json():
    from dataclasses import replace

    r = report(DOC, [], suppressed=[replace(MARK, suppressed_by="allow-list")])
    obj = json.loads(json_report.render(r))
    check_report(obj)
    assert obj["findings"] == [] and obj["verdict"] == "pass"


GOOD = json.loads(json_report.render(report(DOC, [MARK], path="d.docx")))


def _broken(path: tuple, value=None, delete: bool = False) -> dict:
    obj = copy.deepcopy(GOOD)
    target = obj
    for key in path[:-1]:
        target = target[key]
    if delete:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return obj


@pytest.mark.parametrize("obj, message", [
    (_broken(("sm3",), delete=True), "missing keys ['sm3']"),
    (_broken(("extra",), 1), "unexpected keys ['extra']"),
    (_broken(("schema",), "screening.report/2"), "report.schema"),
    (_broken(("verdict",), "ok"), "report.verdict"),
    (_broken(("sha256",), "abc"), "report.sha256"),
    (_broken(("error",), {"code": "x", "message": "y"}), "makes the verdict error"),
    (_broken(("findings", 0, "confidence"), True), "confidence"),
    (_broken(("findings", 0, "confidence"), 1.5), "outside 0..1"),
    (_broken(("findings", 0, "category"), "secrets"), "category"),
    (_broken(("findings", 0, "basis"), "因为"), "reason category"),
    (_broken(("findings", 0, "location", "page"), "1"), "location.page"),
    (_broken(("findings", 0, "location", "part"), "sidebar"), "unknown part"),
    (_broken(("findings", 0, "location", "end"), None), "location.end"),
    (_broken(("tool", "plugins", 0, "version"), 1), "plugins[0].version"),
])
def test_schema_check_catches_every_kind_of_mistake(obj, message):
    with pytest.raises(AssertionError, match=re.escape(message)):
        check_report(obj)
