"""record_step: what each step records, and every refusal (nothing is recorded when refused)."""

from __future__ import annotations

import json

import pytest

from screening.errors import UnreadableDocument
from screening.records.checkpoint import parse_checkpoint
from screening.records.dsse import Envelope
from screening.records.review import StepRefused
from screening.records.roster import roster_add, roster_revoke
from tests.records.people import (CLEAN, DOC_NUMBER, SANITIZED, TITLE, WITH_PII, write_doc)


@pytest.fixture
def clean(tmp_path):
    return write_doc(tmp_path / "通知.txt", CLEAN)


@pytest.fixture
def pii(tmp_path):
    return write_doc(tmp_path / "名单.txt", WITH_PII)


def block_ids(screener, path) -> dict[str, str]:
    """kind → id of the block findings of a file."""
    return {f.kind: f.id for f in screener.scan(path).findings if f.severity.value == "block"}


def refused(office, match: str, call, *args, **kwargs):
    size = office.ledger.size()
    with pytest.raises(StepRefused, match=match):
        call(*args, **kwargs)
    assert office.ledger.size() == size, "a refused step must record nothing"


def test_drafter_step_records_statement(office, clean, screener):
    step = office.draft(clean, opinion="拟主动公开")
    assert (step.role, step.name, step.fingerprint) == ("drafter", "张明",
                                                         office.drafter.fingerprint)
    s = step.statement
    assert s["_type"] == "https://in-toto.io/Statement/v1"
    assert s["predicateType"] == "urn:screening:review:drafter:v1"
    report = screener.scan(clean)
    assert s["subject"] == [{"name": "通知.txt",
                             "digest": {"sha256": report.sha256, "sm3": report.sm3},
                             "annotations": {"rendition": "reviewed"}}]
    p = step.predicate
    assert p["document"] == {"title": TITLE, "docNumber": DOC_NUMBER, "summary": None}
    assert (p["classification"], p["decision"], p["basis"], p["opinion"]) == \
        ("非密", "公开", [], "拟主动公开")
    assert p["actor"] == {"name": "张明", "fingerprint": office.drafter.fingerprint,
                          "scheme": "sm2"}
    assert p["previous"] is None and p["rosterVersion"] == 4 and len(p["caseId"]) == 20
    assert p["findings"] == [{"sha256": report.sha256, "verdict": "pass", "counts": [],
                              "block": []}]
    assert "personal_data.identifiers" in p["tool"]["detectors"]
    entry = office.ledger.get(step.seq)
    assert entry.kind == "review" and entry.digests == (report.sha256,)
    assert Envelope.from_json(entry.body).payload_type == "application/vnd.screening.review+json"
    cp = office.ledger.get(step.seq + 1)
    assert cp.kind == "checkpoint"
    assert parse_checkpoint(cp.body.decode()).signer_fingerprints == (office.drafter.fingerprint,)


def test_drafter_refuses_public_with_block_findings(office, pii, screener):
    ids = block_ids(screener, pii)
    size = office.ledger.size()
    with pytest.raises(StepRefused) as err:
        office.draft(pii)
    assert office.ledger.size() == size
    msg = err.value.message
    assert "仍有 2 项阻止级发现未处理，不能公开" in msg
    assert f"{ids['resident_id']}  名单.txt  personal_data/resident_id  110105********002X" in msg
    assert "11010519491231002X" not in msg and "13912345678" not in msg


def test_drafter_public_with_every_disposition(office, pii, screener):
    ids = block_ids(screener, pii)
    refused(office, "仍有 1 项", office.draft, pii, dispositions={ids["resident_id"]: "删除"})
    step = office.draft(pii, dispositions={ids["resident_id"]: "删除", ids["mobile_phone"]: "公开"})
    block = {f["kind"]: f for f in step.predicate["findings"][0]["block"]}
    assert block["resident_id"]["disposition"] == "删除"
    assert block["mobile_phone"]["disposition"] == "公开"
    assert block["resident_id"]["masked"] == "110105********002X"


def test_bad_dispositions(office, pii, screener):
    ids = block_ids(screener, pii)
    refused(office, "处理方式“忽略”无效", office.draft, pii,
            dispositions={ids["resident_id"]: "忽略"})
    refused(office, "没有编号为 0000 的阻止级发现", office.draft, pii, dispositions={"0000": "公开"})


@pytest.mark.parametrize("decision", ["不予公开", "部分公开"])
def test_withholding_needs_basis(office, pii, tmp_path, decision):
    publish = [write_doc(tmp_path / "脱敏.txt", SANITIZED)]
    refused(office, f"意见为“{decision}”时须用 --basis", office.draft, pii, publish=publish,
            decision=decision)
    step = office.draft(pii, publish=publish, decision=decision, basis=["third_party"])
    assert step.predicate["basis"] == ["保护第三方合法权益"]


def test_basis_outside_the_list_refused(office, pii):
    with pytest.raises(Exception, match="不在理由清单内"):
        office.draft(pii, decision="不予公开", basis=["不想公开"])


def test_partial_needs_a_rendition_without_open_findings(office, pii, tmp_path, screener):
    refused(office, "部分公开须用 --publish", office.draft, pii, decision="部分公开",
            basis=["third_party"])
    half = write_doc(tmp_path / "半成品.txt", WITH_PII.replace("王小明", "王**"))
    refused(office, "仍有 2 项阻止级发现未处理，不能部分公开", office.draft, pii, publish=[half],
            decision="部分公开", basis=["third_party"])
    san = write_doc(tmp_path / "脱敏.txt", SANITIZED)
    step = office.draft(pii, publish=[san], decision="部分公开", basis=["third_party"])
    assert [s["annotations"]["rendition"] for s in step.subjects] == ["reviewed", "publish"]
    assert [s["name"] for s in step.subjects] == ["名单.txt", "脱敏.txt"]
    assert office.ledger.get(step.seq).digests == tuple(s["digest"]["sha256"]
                                                       for s in step.subjects)


@pytest.mark.parametrize(("fields", "match"), [
    ({"title": " "}, "--title"),
    ({"doc_number": None}, "--doc-number"),
    ({"classification": "内部"}, "定密意见"),
    ({"decision": "同意"}, "公开意见"),
])
def test_drafter_fields_required(office, clean, fields, match):
    refused(office, match, office.draft, clean, **fields)


def test_summary_instead_of_doc_number(office, clean):
    step = office.draft(clean, doc_number=None, summary="春季防汛工作安排")
    assert step.predicate["document"]["summary"] == "春季防汛工作安排"


def test_unreadable_file(office, tmp_path):
    with pytest.raises(UnreadableDocument):
        office.draft(tmp_path / "无此文件.txt")


def test_key_without_role_refused(office, clean):
    refused(office, "李华 不能以拟稿人身份签名：没有该角色", office.draft, clean,
            member=office.leader)
    # a name that does not match the key's holder
    office.members["drafter"].name = "李华"
    refused(office, "李华 不能以拟稿人身份签名：密钥不属于此人", office.draft, clean)


def test_revoked_key_refused(office, clean):
    roster_revoke(office.ledger, office.admin.key, "张明", reason="U盾丢失")
    refused(office, "已吊销", office.draft, clean)


def test_leader_links_to_drafter(office, clean):
    d = office.draft(clean)
    lead = office.lead(clean, opinion="同意")
    p = lead.predicate
    assert lead.role == "leader" and p["approve"] is True and p["opinion"] == "同意"
    assert p["previous"] == {"step": "drafter", "seq": d.seq,
                             "envelopeDigest": d.digests.to_dict()}
    assert p["caseId"] == d.case_id and lead.subjects == d.subjects
    assert p["document"] == d.predicate["document"]


def test_leader_needs_a_drafter_step(office, clean):
    refused(office, "找不到 通知.txt 的拟稿人审查记录", office.lead, clean)


def test_leader_refused_when_file_changed(office, clean):
    office.draft(clean)
    clean.write_text(CLEAN + "补充一句。\n", encoding="utf-8")
    refused(office, "找不到 通知.txt 的拟稿人审查记录", office.lead, clean)


def test_same_person_cannot_sign_two_steps(office, clean):
    roster_add(office.ledger, office.admin.key, "张明", "leader",
               office.drafter.key.public_key)
    office.draft(clean)
    refused(office, "三个步骤须由三个不同的人签署", office.lead, clean, member=office.drafter)


def test_steps_in_order_once(office, clean):
    office.draft(clean)
    refused(office, r"缺少上一步（分管领导）", office.conclude, clean)
    office.lead(clean)
    other = office.add_person("钱伟", "leader")
    refused(office, "本案已有分管领导签名的步骤", office.lead, clean, member=other)
    office.conclude(clean)
    third = office.add_person("孙丽", "officer")
    refused(office, "本案已有信息公开审查人签名的步骤", office.conclude, clean, member=third)


def test_officer_after_rejection_refused(office, clean):
    office.draft(clean)
    lead = office.lead(clean, approve=False, opinion="请修改")
    assert lead.predicate["approve"] is False
    refused(office, "分管领导未同意", office.conclude, clean)


def test_officer_conclusion(office, pii, tmp_path):
    san = write_doc(tmp_path / "脱敏.txt", SANITIZED)
    office.draft(pii, publish=[san], decision="部分公开", basis=["third_party"])
    office.lead(pii)
    refused(office, "须用 --basis", office.conclude, pii, conclusion="不予公开")
    refused(office, "审查结论须为", office.conclude, pii, conclusion="同意")
    # 公开 would publish the original whose block findings nobody decided on
    refused(office, "拟稿人未对这些发现作出处理", office.conclude, pii, conclusion="公开")
    off = office.conclude(pii, conclusion="部分公开", basis=["保护第三方合法权益"])
    assert (off.predicate["conclusion"], off.predicate["basis"]) == \
        ("部分公开", ["保护第三方合法权益"])
    assert [f["sha256"] for f in off.predicate["findings"]] == \
        [s["digest"]["sha256"] for s in off.subjects]


def test_later_steps_find_renditions(office, pii, tmp_path):
    san = write_doc(tmp_path / "脱敏.txt", SANITIZED)
    office.draft(pii, publish=[san], decision="部分公开", basis=["third_party"])
    moved = tmp_path / "elsewhere" / "脱敏副本.txt"
    moved.parent.mkdir()
    san.rename(moved)
    refused(office, "找不到审查记录中列出的文件.*脱敏.txt", office.lead, pii)
    lead = office.step("leader", [pii, moved], approve=True)
    assert len(lead.subjects) == 2


def test_sanitize_result_is_scrubbed_and_bound(office, pii, tmp_path, screener):
    san = write_doc(tmp_path / "脱敏.txt", SANITIZED)
    src, out = screener.scan(pii), screener.scan(san)
    result = {"input": {"sha256": src.sha256}, "output": {"sha256": out.sha256},
              "remaining": [{"kind": "person_name", "text": "王小明", "masked": "王**"}]}
    step = office.draft(pii, publish=[san], decision="部分公开", basis=["third_party"],
                        sanitize_result=result)
    assert step.predicate["sanitize"] == {"input": {"sha256": src.sha256},
                                          "output": {"sha256": out.sha256},
                                          "remaining": [{"kind": "person_name",
                                                         "masked": "王**"}]}
    assert "王小明" not in json.dumps(step.statement, ensure_ascii=False)
    assert step.subjects[1]["annotations"] == {"rendition": "publish", "sanitized": True}
    assert step.subjects[0]["annotations"] == {"rendition": "reviewed"}


def test_sanitize_result_of_other_files_refused(office, pii, tmp_path, screener):
    san = write_doc(tmp_path / "脱敏.txt", SANITIZED)
    refused(office, "原文件不是本次审查的文件", office.draft, pii, publish=[san],
            decision="部分公开", basis=["third_party"], sanitize_result={"input": {"sha256": "0"}})
    refused(office, "请用 --publish 给出 --sanitize-result 中的处理后文件", office.draft, pii,
            publish=[san], decision="部分公开", basis=["third_party"],
            sanitize_result={"output": {"sha256": "0" * 64}})
