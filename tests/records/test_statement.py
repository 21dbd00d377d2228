"""The in-toto statement of a review step: shape, basis list, masked findings summary."""

from __future__ import annotations

import json

import pytest

from screening.errors import RecordError
from screening.records import statement as st
from tests.records.people import PLANTED, WITH_PII, write_doc


def test_predicate_type_per_role():
    assert st.predicate_type("officer") == "urn:screening:review:officer:v1"
    with pytest.raises(RecordError, match="未知的审查角色"):
        st.predicate_type("boss")


def test_basis_from_reason_list():
    assert st.normalize_basis(["属于国家秘密", "third_party", "属于国家秘密"]) == \
        ["属于国家秘密", "保护第三方合法权益"]
    assert st.normalize_basis(['危及"三安全一稳定"']) == ["危及\u201c三安全一稳定\u201d"]
    with pytest.raises(RecordError, match="不在理由清单内"):
        st.normalize_basis(["领导不同意"])


def test_subject_has_both_digests_and_rendition():
    s = st.subject("/a/b/通知.pdf", "a" * 64, "b" * 64, st.PUBLISH)
    assert s == {"name": "通知.pdf", "digest": {"sha256": "a" * 64, "sm3": "b" * 64},
                 "annotations": {"rendition": "publish"}}


def test_findings_summary_is_masked(tmp_path, screener):
    report = screener.scan(write_doc(tmp_path / "d.txt", WITH_PII))
    rid = next(f for f in report.findings if f.kind == "resident_id")
    summary = st.findings_summary(report, {rid.id: "已脱敏"})
    assert summary["sha256"] == report.sha256
    assert summary["verdict"] == "block"
    assert {"category": "personal_data", "kind": "resident_id", "severity": "block",
            "count": 1} in summary["counts"]
    block = {f["kind"]: f for f in summary["block"]}
    assert set(block) == {"resident_id", "mobile_phone"}
    assert block["resident_id"] == {"id": rid.id, "category": "personal_data",
                                    "kind": "resident_id", "masked": "110105********002X",
                                    "part": "body", "basis": "保护第三方合法权益",
                                    "disposition": "已脱敏"}
    assert block["mobile_phone"]["disposition"] is None
    text = json.dumps(summary, ensure_ascii=False)
    for value in PLANTED.values():
        assert value not in text


def test_scrub_removes_text_members():
    assert st.scrub({"a": 1, "text": "王小明", "b": [{"text": "x", "masked": "王**"}]}) == \
        {"a": 1, "b": [{"masked": "王**"}]}


def _statement(**pred):
    base = {"caseId": "c1", "role": "drafter"}
    return st.make_statement([st.subject("d.txt", "a" * 64, "b" * 64, st.REVIEWED)],
                             "drafter", base | pred)


def test_dump_parse_round_trip():
    statement = _statement(opinion="同意")
    data = st.dump(statement)
    assert data == json.dumps(statement, ensure_ascii=False, sort_keys=True,
                              separators=(",", ":")).encode()
    assert st.parse(data) == statement
    assert st.peek_case_id(data) == "c1"
    assert st.peek_case_id(b"not json") is None


@pytest.mark.parametrize(("mutate", "message"), [
    (lambda s: s.update(_type="x"), "in-toto"),
    (lambda s: s.update(predicateType="urn:screening:review:leader:v1"), "类型或角色"),
    (lambda s: s.update(subject=[]), "没有被审查文件"),
    (lambda s: s["subject"][0]["digest"].pop("sm3"), "SHA-256 和 SM3"),
    (lambda s: s["predicate"].pop("caseId"), "案件编号"),
])
def test_parse_rejects_bad_shapes(mutate, message):
    statement = _statement()
    mutate(statement)
    with pytest.raises(RecordError, match=message):
        st.parse(st.dump(statement))


def test_case_id_is_stable():
    assert st.case_id("a" * 64, "2026-03-01T10:00:00+08:00", "n") == \
        st.case_id("a" * 64, "2026-03-01T10:00:00+08:00", "n")
    assert st.case_id("a" * 64, "t") != st.case_id("a" * 64, "t")
    assert len(st.case_id("a" * 64, "t")) == 20
