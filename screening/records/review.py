"""Recording one signed review step: drafter (拟稿人), leader in charge (分管领导), disclosure
officer (信息公开审查人).

:func:`record_step` runs a fresh scan of every subject file, checks that the step may be taken
(:class:`StepRefused` otherwise, with a clerk's message), builds the in-toto statement with the
masked findings summary, signs it as a DSSE envelope, appends it to the ledger (kind ``review``,
indexed by the subjects' SHA-256) and ends with a checkpoint signed by the same signer.

Refusals:

* the drafter decides 公开 while a block finding of a subject has no disposition, or 部分公开
  while a block finding of a ``--publish`` rendition has none, or withholds (不予公开, 部分公开)
  without a basis from the reason list of DESIGN.md §4;
* the leader or officer step has no verified previous step for the file, the file changed since,
  the previous step is not the one before this role, or the leader rejected;
* the officer concludes 公开/部分公开 while a block finding nobody decided on remains in a file
  that would go out;
* the signer's key does not hold the role in the roster now, or the same person signed an
  earlier step of the case (three different people).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from ..errors import RecordError, UnreadableDocument
from ..model import Report, Severity, Verdict
from . import statement as st
from .chain import StepView, latest_chain, verify_chain, verify_step
from .roster import current_roster, key_state


class StepRefused(RecordError):
    """The step may not be taken as asked (exit 1 in the CLI); nothing was recorded."""

    code = "step_refused"


def _refuse(zh: str, en: str) -> StepRefused:
    return StepRefused(zh, message_en=en)


def record_step(*, ledger, settings, screener, role: str, signer, files: Sequence[Path],
                title: str | None = None, doc_number: str | None = None,
                summary: str | None = None, classification: str | None = None,
                decision: str | None = None, basis: Sequence[str] = (),
                opinion: str | None = None, approve: bool | None = None,
                dispositions: Mapping[str, str] | None = None,
                sanitize_result: dict | None = None, signer_name: str,
                now: datetime | None = None, case_id: str | None = None) -> StepView:
    """Take one review step (see the module docstring). ``files[0]`` is the reviewed file; for
    the drafter, ``files[1:]`` are further renditions to publish (``--publish``); for the leader
    and officer they help find subject files that are not next to ``files[0]``. ``decision`` is
    the drafter's decision or the officer's conclusion. Returns the verified step."""
    st.predicate_type(role)
    if not files:
        raise _refuse("没有给出要审查的文件", "no file given")
    at = now or ledger.clock()
    signed_at = at.isoformat(timespec="seconds")
    fp = signer.public_key.fingerprint
    roster = current_roster(ledger)
    ok, why = key_state(ledger, roster, signer_name, role, fp, at)
    if not ok:
        zh_role, en_role = st.ROLE_NAMES[role]
        owner = roster.owner_of(fp)
        who = f"（此密钥属于名册中的 {owner[0].name}）" if owner and owner[0].name != signer_name else ""
        raise _refuse(f"{signer_name} 不能以{zh_role}身份签名：{why}{who}。请联系名册管理员",
                      f"{signer_name} cannot sign as {en_role}: {st_reason_en(why)}")
    basis_list = st.normalize_basis(basis)
    paths = [Path(f) for f in files]

    if role == "drafter":
        _check_drafter_fields(title, doc_number, summary, classification, decision, basis_list)
        subjects, reports = _new_subjects(screener, paths)
        if sanitize_result:
            _bind_sanitize(sanitize_result, subjects)
        chosen = _check_dispositions(dispositions or {}, reports)
        _require_decided(decision, subjects, reports, chosen, role)
        previous = None
        document = {"title": title.strip(), "docNumber": _clean(doc_number),
                    "summary": _clean(summary)}
        case = case_id or st.case_id(subjects[0]["digest"]["sha256"], signed_at)
    else:
        check, prev_step = _previous(ledger, settings, role, paths[0])
        if any(s.fingerprint == fp or s.name == signer_name for s in check.steps):
            raise _refuse(f"{signer_name} 已签署本案的前一步骤；三个步骤须由三个不同的人签署",
                          f"{signer_name} already signed a step of this case; three different "
                          "people must sign")
        subjects = check.subjects
        reports = _scan_subjects(screener, _locate(subjects, paths))
        chosen = _inherited_dispositions(check.step("drafter"))
        if role == "leader":
            if approve is None:
                raise _refuse("分管领导须选择 --approve（同意）或 --reject（不同意）",
                              "the leader must choose --approve or --reject")
        else:
            if decision not in st.DECISIONS:
                raise _refuse("审查结论须为：" + "、".join(st.DECISIONS),
                              "the conclusion must be one of: " + ", ".join(st.DECISIONS))
            if decision in st.WITHHOLDING and not basis_list:
                raise _refuse(f"结论为“{decision}”时须用 --basis 给出依据：" + "；".join(st.BASES),
                              f"{decision} needs a --basis from the reason list")
            _require_decided(decision, subjects, reports, chosen, role)
        previous = {"step": prev_step.role, "seq": prev_step.seq,
                    "envelopeDigest": prev_step.digests.to_dict()}
        document = dict(check.step("drafter").predicate.get("document") or {})
        case = check.case_id

    predicate: dict[str, Any] = {
        "caseId": case, "role": role, "document": document,
        "actor": {"name": signer_name, "fingerprint": fp, "scheme": signer.public_key.scheme},
        "opinion": _clean(opinion),
        "findings": [st.findings_summary(r, chosen) for r in reports],
        "tool": st.tool_info(screener),
        "previous": previous, "signedAt": signed_at, "rosterVersion": roster.version,
    }
    if role == "drafter":
        predicate.update(classification=classification, decision=decision, basis=basis_list,
                         sanitize=st.scrub(sanitize_result) if sanitize_result else None)
    elif role == "leader":
        predicate["approve"] = bool(approve)
    else:
        predicate.update(conclusion=decision, basis=basis_list)
    statement = st.make_statement(subjects, role, predicate)
    entry = append_step(ledger, settings, signer, statement)
    step, reasons, _ = verify_step(ledger, entry)
    if step is None:  # pragma: no cover - we checked the roster before signing
        raise RecordError("刚记录的步骤未能通过验证：" + "；".join(r["message"] for r in reasons),
                          message_en="the step just recorded does not verify")
    return step


def append_step(ledger, settings, signer, statement: Mapping[str, Any]):
    """Sign a statement, append it (kind ``review``, indexed by the subjects' SHA-256) and make a
    checkpoint signed by the same signer; returns the ledger entry. No checks: :func:`record_step`
    makes them (tests use this to plant steps that the gate must refuse)."""
    from .checkpoint import make_checkpoint
    from .dsse import REVIEW_PAYLOAD_TYPE, sign_envelope

    env = sign_envelope(st.dump(statement), REVIEW_PAYLOAD_TYPE, signer)
    sha256s = [s["digest"]["sha256"] for s in statement["subject"]]
    entry = ledger.append("review", env.to_json(), sha256s)
    make_checkpoint(ledger, signer, settings.origin)
    return entry


def st_reason_en(why: str) -> str:
    from .roster import grant_reason_en
    return grant_reason_en(why)


def _clean(value: str | None) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def _check_drafter_fields(title, doc_number, summary, classification, decision, basis) -> None:
    if not _clean(title):
        raise _refuse("须用 --title 给出被审查信息的标题", "--title is required")
    if not (_clean(doc_number) or _clean(summary)):
        raise _refuse("须给出文号（--doc-number）或内容摘要（--summary）",
                      "give --doc-number or --summary")
    if classification not in st.CLASSIFICATIONS:
        raise _refuse("定密意见须为：" + "、".join(st.CLASSIFICATIONS),
                      "--classification must be one of: " + ", ".join(st.CLASSIFICATIONS))
    if decision not in st.DECISIONS:
        raise _refuse("公开意见须为：" + "、".join(st.DECISIONS),
                      "--decision must be one of: " + ", ".join(st.DECISIONS))
    if decision in st.WITHHOLDING and not basis:
        raise _refuse(f"意见为“{decision}”时须用 --basis 给出依据：" + "；".join(st.BASES),
                      f"{decision} needs a --basis from the reason list")


def _scan(screener, path: Path) -> Report:
    report = screener.scan(path)
    if report.verdict is Verdict.ERROR:
        msg = report.error.message if report.error else "无法读取"
        msg_en = (report.error.message_en or report.error.message) if report.error else "unreadable"
        raise UnreadableDocument(f"{path.name}：{msg}（未记录审查）",
                                 message_en=f"{path.name}: {msg_en} (nothing recorded)")
    return report


def _scan_subjects(screener, paths: Sequence[Path]) -> list[Report]:
    return [_scan(screener, p) for p in paths]


def _new_subjects(screener, paths: Sequence[Path]) -> tuple[list[dict], list[Report]]:
    subjects, reports, seen = [], [], set()
    for i, path in enumerate(paths):
        report = _scan(screener, path)
        key = (report.sha256, report.sm3)
        if key in seen:
            continue
        seen.add(key)
        subjects.append(st.subject(path.name, report.sha256, report.sm3,
                                   st.REVIEWED if i == 0 else st.PUBLISH))
        reports.append(report)
    return subjects, reports


def _bind_sanitize(result: Mapping[str, Any], subjects: list[dict]) -> None:
    """A sanitize result must be about these files: its input the reviewed file, its output one
    of the ``--publish`` renditions, which is then annotated ``sanitized``. Digests that the
    result does not carry are not checked."""
    src = (result.get("input") or {}).get("sha256")
    if src and src != subjects[0]["digest"]["sha256"]:
        raise _refuse("--sanitize-result 的原文件不是本次审查的文件（SHA-256 不符）",
                      "the sanitize result's input is not the reviewed file")
    out = (result.get("output") or {}).get("sha256")
    if out:
        hit = next((s for s in subjects[1:] if s["digest"]["sha256"] == out), None)
        if hit is None:
            raise _refuse("请用 --publish 给出 --sanitize-result 中的处理后文件（未找到摘要相同的文件）",
                          "give the sanitized output named in the result with --publish")
        hit["annotations"]["sanitized"] = True


def _check_dispositions(dispositions: Mapping[str, str], reports: Sequence[Report]
                        ) -> dict[str, str]:
    ids = {f.id for r in reports for f in r.findings if f.severity is Severity.BLOCK}
    for fid, value in dispositions.items():
        if value not in st.DISPOSITIONS:
            raise _refuse(f"发现 {fid} 的处理方式“{value}”无效，应为：" + "、".join(st.DISPOSITIONS),
                          f"disposition {value!r} of {fid} must be one of "
                          + ", ".join(st.DISPOSITIONS))
        if fid not in ids:
            raise _refuse(f"没有编号为 {fid} 的阻止级发现（用 screen FILE --format json 查看编号）",
                          f"no block finding with id {fid}")
    return dict(dispositions)


def _inherited_dispositions(drafter: StepView | None) -> dict[str, str]:
    out: dict[str, str] = {}
    for summary in (drafter.predicate.get("findings") or []) if drafter else []:
        for f in summary.get("block", []):
            if f.get("disposition"):
                out[f["id"]] = f["disposition"]
    return out


def _require_decided(decision: str, subjects: Sequence[dict], reports: Sequence[Report],
                     chosen: Mapping[str, str], role: str) -> None:
    """Refuse 公开/部分公开 while a block finding of a file that would go out has no disposition."""
    if decision not in st.PUBLISHING:
        return
    out_subjects = [i for i, s in enumerate(subjects)
                    if decision == "公开" or s["annotations"]["rendition"] == st.PUBLISH]
    if decision == "部分公开" and not out_subjects:
        raise _refuse("部分公开须用 --publish 给出处理后（脱敏）的文本",
                      "部分公开 needs the redacted rendition given with --publish")
    open_items = [(subjects[i]["name"], f) for i in out_subjects for f in reports[i].findings
                  if f.severity is Severity.BLOCK and f.id not in chosen]
    if open_items:
        lines = [f"  {fid_line(name, f)}" for name, f in open_items]
        hint = ("请逐项用 --disposition 编号=公开|删除|已脱敏|不予公开 说明处理，或改为部分公开/不予公开"
                if role == "drafter" else "拟稿人未对这些发现作出处理，不能作出公开结论")
        raise _refuse(f"仍有 {len(open_items)} 项阻止级发现未处理，不能{decision}：\n"
                      + "\n".join(lines) + "\n" + hint,
                      f"{len(open_items)} block finding(s) without a disposition; cannot "
                      f"decide {decision}:\n" + "\n".join(lines))


def fid_line(name: str, f) -> str:
    """One undecided finding for a message: id, file, kind and MASKED text."""
    return f"{f.id}  {name}  {f.category.value}/{f.kind}  {f.masked}"


def _previous(ledger, settings, role: str, path: Path):
    from .digests import digest_file

    d = digest_file(path)
    chain = latest_chain(ledger, d.sha256)
    zh_role = st.ROLE_NAMES[role][0]
    if chain is None:
        raise _refuse(f"找不到 {path.name} 的拟稿人审查记录（文件未经审查，或在审查后被改动）",
                      f"no drafter step for {path.name} (not reviewed, or changed since)")
    check = verify_chain(ledger, chain, settings)
    if not check.ok:
        raise _refuse("前面的审查步骤未通过验证，不能继续：\n  " + "\n  ".join(check.problems),
                      "the previous steps do not verify:\n  "
                      + "\n  ".join(r["message_en"] for r in check.reasons))
    subject = check.find_subject(d.sha256)
    if subject is None or subject["digest"]["sm3"] != d.sm3:
        raise _refuse(f"{path.name} 的 SM3 摘要与审查记录不符", f"{path.name}: SM3 differs")
    roles = [s.role for s in check.steps]
    want = list(st.ROLES[:st.ROLES.index(role)])
    if roles != want:
        if role in roles:
            raise _refuse(f"本案已有{zh_role}签名的步骤，不能重复签署",
                          f"this case already has a {role} step")
        missing = [st.ROLE_NAMES[r][0] for r in want if r not in roles]
        raise _refuse(f"缺少上一步（{'、'.join(missing)}），不能进行{zh_role}审查",
                      f"the previous step is missing ({', '.join(r for r in want if r not in roles)})")
    leader = check.step("leader")
    if role == "officer" and leader is not None and leader.predicate.get("approve") is not True:
        raise _refuse("分管领导未同意，本案不能作出审查结论；请拟稿人修改后重新提交",
                      "the leader rejected; the drafter must start a new review")
    return check, check.steps[-1]


def _locate(subjects: Sequence[dict], given: Sequence[Path]) -> list[Path]:
    """Find each subject's file: among the given files (by digest), else under the subject's name
    next to the first one or in the current folder (digest checked: a file of that name with
    other bytes is not it). StepRefused lists what is missing."""
    from .digests import digest_file

    by_digest: dict[tuple[str, str], Path] = {}
    for p in given:
        d = digest_file(p)
        by_digest[(d.sha256, d.sm3)] = p
    out, missing = [], []
    for s in subjects:
        key = st.subject_key(s)
        path = by_digest.get(key)
        for folder in (given[0].parent, Path.cwd()):
            if path is not None:
                break
            candidate = folder / s["name"]
            if candidate.is_file():
                d = digest_file(candidate)
                if (d.sha256, d.sm3) == key:
                    path = candidate
        if path is None:
            missing.append(s["name"])
        else:
            out.append(path)
    if missing:
        raise _refuse("找不到审查记录中列出的文件（或其内容已改动）：" + "、".join(missing)
                      + "。请用 --publish 给出这些文件",
                      "cannot find (unchanged) files named in the record: " + ", ".join(missing)
                      + "; give them with --publish")
    return out
