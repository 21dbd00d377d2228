"""gate.decide: allow only a complete, valid, approving record of these exact bytes; every other
case denied with a stable code; every decision logged."""

from __future__ import annotations

import dataclasses
import json

import pytest

from screening import Config, Severity
from screening.errors import RecordError
from screening.pipeline import Screener
from screening.plugins import get_plugin_manager
from screening.records.gate import CODES, builtin_detectors, decide
from tests.records.people import SANITIZED, WITH_PII, write_doc


def gate(office, path, **kw):
    kw.setdefault("screener", office.screener)
    kw.setdefault("settings", office.settings)
    return decide(path, ledger=office.ledger, **kw)


def codes(decision) -> list[str]:
    return [r["code"] for r in decision.reasons]


def block_ids(screener, path) -> dict[str, str]:
    return {f.kind: f.id for f in screener.scan(path).findings if f.severity.value == "block"}


def test_allow_and_log(office, doc):
    d, lead, off = office.review(doc)
    size = office.ledger.size()
    dec = gate(office, doc)
    assert (dec.allow, dec.exit_code, dec.reasons, dec.code) == (True, 0, [], "ALLOW")
    assert dec.record["caseId"] == d.case_id and dec.record["conclusion"] == "公开"
    assert [s["seq"] for s in dec.record["steps"]] == [d.seq, lead.seq, off.seq]
    assert office.ledger.size() == size + 1
    entry = office.ledger.get(size + 1)
    body = json.loads(entry.body)
    assert entry.kind == "gate" and entry.digests == (dec.sha256,)
    assert body == {"schema": "screening.gate/1", "decision_id": dec.decision_id, "allow": True,
                    "requested_by": "cli", "codes": [], "reasons": [], "input": {"sha256": dec.sha256, "sm3": dec.sm3},
                    "record": {"caseId": d.case_id, "conclusion": "公开",
                               "seqs": [d.seq, lead.seq, off.seq], "rosterVersion": 4}}
    out = dec.to_dict()
    assert (out["allow"], out["code"], out["record_id"], out["message"]) == \
        (True, "ALLOW", d.case_id, "允许发布：审查记录完整有效")


def test_unknown_file(office, doc):
    dec = gate(office, doc)
    assert (dec.allow, dec.exit_code, codes(dec)) == (False, 1, ["NO_VALID_RECORD"])
    assert dec.message() == "未找到该文件有效的保密审查记录"
    assert dec.message("en") == "no valid review record for this file"
    assert json.loads(office.ledger.get(office.ledger.size()).body)["codes"] == ["NO_VALID_RECORD"]


def test_one_changed_byte(office, doc):
    office.review(doc)
    data = bytearray(doc.read_bytes())
    data[-2] ^= 0x01
    doc.write_bytes(bytes(data))
    dec = gate(office, doc)
    assert (dec.allow, dec.exit_code, codes(dec)) == (False, 1, ["FILE_CHANGED"])
    assert "该文件在审查后被改动" in dec.message()


def test_unreadable_is_exit_4(office, tmp_path):
    dec = gate(office, tmp_path / "无此文件.txt")
    assert (dec.allow, dec.exit_code, codes(dec)) == (False, 4, ["UNREADABLE"])
    assert json.loads(office.ledger.get(office.ledger.size()).body)["codes"] == ["UNREADABLE"]
    junk = tmp_path / "图片.docx"
    junk.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    dec = gate(office, junk)
    assert dec.exit_code == 4 and codes(dec) == ["UNREADABLE", "NO_VALID_RECORD"]


def test_incomplete_and_rejected(office, doc):
    office.draft(doc)
    assert codes(gate(office, doc)) == ["CHAIN_INCOMPLETE"]
    office.lead(doc, approve=False)
    assert codes(gate(office, doc)) == ["CHAIN_INCOMPLETE", "LEADER_REJECTED"]


@pytest.mark.parametrize(("conclusion", "basis"), [("不予公开", ["属于国家秘密"]), ("需报审", [])])
def test_conclusion_denies(office, doc, conclusion, basis):
    office.draft(doc)
    office.lead(doc)
    office.conclude(doc, conclusion=conclusion, basis=basis)
    dec = gate(office, doc)
    assert codes(dec) == ["CONCLUSION_DENIES"]
    assert dec.message() == f"审查结论为“{conclusion}”，不得发布"


def test_partial_allows_only_the_rendition(office, tmp_path, screener):
    pii = write_doc(tmp_path / "名单.txt", WITH_PII)
    san = write_doc(tmp_path / "名单-脱敏.txt", SANITIZED)
    disp = {i: "已脱敏" for i in block_ids(screener, pii).values()}
    office.review(pii, publish=[san], decision="部分公开", basis=["third_party"],
                  dispositions=disp)
    assert gate(office, san).allow
    dec = gate(office, pii)
    assert codes(dec) == ["CONCLUSION_DENIES", "UNRESOLVED_FINDING"]
    assert "本文件是被审查的原稿" in dec.reasons[0]["message"]
    assert "身份证号码 110105********002X（记录为已脱敏）" in dec.reasons[1]["message"]


def test_disposition_public_allows_the_finding(office, tmp_path, screener):
    pii = write_doc(tmp_path / "名单.txt", WITH_PII)
    disp = {i: "公开" for i in block_ids(screener, pii).values()}
    office.review(pii, dispositions=disp)
    assert gate(office, pii).allow


def test_removal_promised_but_not_done(office, tmp_path, screener):
    pii = write_doc(tmp_path / "名单.txt", WITH_PII)
    disp = {i: "删除" for i in block_ids(screener, pii).values()}
    office.review(pii, dispositions=disp)
    dec = gate(office, pii)
    assert codes(dec) == ["UNRESOLVED_FINDING"]


def test_new_block_finding(office, tmp_path):
    pii = write_doc(tmp_path / "名单.txt", WITH_PII)
    lenient = Screener(Config(severity={"personal_data.resident_id": Severity.REVIEW,
                                        "personal_data.mobile_phone": Severity.REVIEW}),
                       pm=get_plugin_manager(entrypoints=False))
    office.screener = lenient
    office.review(pii)
    assert gate(office, pii, screener=lenient).allow
    office.screener = None
    dec = gate(office, pii, screener=Screener(Config(), pm=get_plugin_manager(entrypoints=False)))
    assert codes(dec) == ["NEW_BLOCK_FINDING"]
    assert "重新检查发现 2 项审查记录未处理的阻止级内容：手机号码 139****5678；" \
           "身份证号码 110105********002X" == dec.reasons[0]["message"]


def test_detector_missing(office, doc):
    office.review(doc)
    assert "personal_data.identifiers" in builtin_detectors()
    settings = dataclasses.replace(office.settings, required_detectors=("extra.detector",))
    dec = gate(office, doc, settings=settings)
    assert codes(dec) == ["DETECTOR_MISSING", "DETECTOR_MISSING"]
    assert dec.reasons[0]["message"] == "审查时未运行必需的检测器：extra.detector"
    assert dec.reasons[1]["message"] == "当前未加载必需的检测器：extra.detector"
    partial = Screener(Config(), pm=get_plugin_manager(entrypoints=False,
                                                       blocked=["hidden_content"]))
    dec = gate(office, doc, screener=partial)
    assert codes(dec) == ["DETECTOR_MISSING"]
    assert dec.reasons[0]["message"].startswith("当前未加载必需的检测器：hidden_content.")


def test_record_made_without_a_detector(office, doc):
    office.screener = Screener(Config(), pm=get_plugin_manager(entrypoints=False,
                                                               blocked=["hidden_content"]))
    office.review(doc)
    dec = gate(office, doc, screener=Screener(Config(), pm=get_plugin_manager(entrypoints=False)))
    assert codes(dec) == ["DETECTOR_MISSING"]
    assert dec.reasons[0]["message"].startswith("审查时未运行必需的检测器：hidden_content.")


def test_newer_review_supersedes(office, doc):
    office.review(doc)
    assert gate(office, doc).allow
    office.review(doc, decision="不予公开", basis=["属于四类过程性信息"])
    assert codes(gate(office, doc)) == ["CONCLUSION_DENIES"]


class _BrokenLedger:
    def __init__(self, inner):
        self.inner = inner

    def __getattr__(self, name):
        return getattr(self.inner, name)

    def append(self, *a, **kw):
        raise RecordError("磁盘已满", message_en="disk full")


def test_decision_that_cannot_be_logged_is_denied(office, doc):
    office.review(doc)
    dec = decide(doc, screener=office.screener, ledger=_BrokenLedger(office.ledger),
                 settings=office.settings)
    assert (dec.allow, dec.exit_code, codes(dec)) == (False, 4, ["LEDGER_UNAVAILABLE"])


def test_every_code_has_a_meaning():
    assert {"NO_VALID_RECORD", "FILE_CHANGED", "CHAIN_INCOMPLETE", "BAD_SIGNATURE",
            "ROLE_NOT_GRANTED", "KEY_REVOKED", "CONCLUSION_DENIES", "NEW_BLOCK_FINDING",
            "DETECTOR_MISSING", "UNREADABLE"} <= set(CODES)
