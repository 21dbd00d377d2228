"""``screen review FILE --as drafter|leader|officer --key K …``: sign one review step.

Each step runs a fresh scan of every file named in the record, signs an in-toto statement (DSSE)
with the person's key and appends it to the ledger, then signs a checkpoint. Exit codes: 0
recorded, 1 refused (nothing recorded: findings without a disposition, a missing or invalid
previous step, a key without the role, the same person twice …), 2 usage, 4 a file, key,
configuration or ledger that cannot be used.
"""

from __future__ import annotations

import json
from pathlib import Path

import click

from ..errors import RecordError, ScreeningError
from .options import format_option, make_screener, resolve_lang
from .record_cmd import (EXIT_FAILED, EXIT_OK, fail_records, key_options, load_signer,
                         open_records_ledger, records_context, records_options)

CLASSIFICATIONS = ("非密", "工作秘密", "秘密", "机密", "绝密")
DECISIONS = ("公开", "部分公开", "不予公开", "需报审")
ROLE_ZH = {"drafter": "拟稿人", "leader": "分管领导", "officer": "信息公开审查人"}

HELP = """签署一个审查步骤：拟稿人提出定密和公开意见 → 分管领导审核 → 信息公开审查人作出结论。

Sign one review step: the drafter proposes → the leader in charge approves or rejects → the
disclosure officer concludes. Each step scans the files again, signs the record with the
person's key and appends it to the ledger.

\b
拟稿人 drafter:
  screen review 通知.docx --as drafter --key keys/drafter.key --title 关于……的通知
      --doc-number 某县政办发〔2026〕3号 --classification 非密 --decision 公开
  （仍有阻止级发现时：--disposition 编号=公开|删除|已脱敏|不予公开，或 --decision 部分公开
    --basis 保护第三方合法权益 --publish 通知-脱敏.docx）
分管领导 leader:
  screen review 通知.docx --as leader --key keys/leader.key --approve --opinion 同意
信息公开审查人 officer:
  screen review 通知.docx --as officer --key keys/officer.key --conclude 公开

\b
不予公开、部分公开须给出依据 --basis（可多次）：属于国家秘密；其他法律行政法规禁止公开；
危及“三安全一稳定”；保护第三方合法权益；属于三类内部事务信息；属于四类过程性信息；
属于行政执法案卷；属于行政查询事项。

\b
退出码 Exit codes: 0 已记录 recorded · 1 被拒绝（未记录）refused · 2 用法错误 usage
  4 文件、密钥、配置或账本无法使用 error
"""

_DRAFTER_ONLY = ("title", "doc_number", "summary", "classification", "decision", "dispositions",
                 "sanitize_result")
_OPTION_NAMES = {"title": "--title", "doc_number": "--doc-number", "summary": "--summary",
                 "classification": "--classification", "decision": "--decision",
                 "dispositions": "--disposition", "sanitize_result": "--sanitize-result",
                 "approve": "--approve/--reject", "conclude": "--conclude", "basis": "--basis"}


@click.command(help=HELP, short_help="签署审查步骤。Sign a review step.")
@click.argument("file", type=click.Path())
@click.option("--as", "role", required=True, type=click.Choice(["drafter", "leader", "officer"]),
              help="本步骤的角色。The role of this step.")
@click.option("--key", required=True, help="本人的签名私钥。Your signing key.")
@key_options
@click.option("--name", default=None,
              help="签名人姓名（默认按密钥指纹从名册中查找）。Your name (default: from the roster).")
@click.option("--title", default=None, help="被审查信息的标题。Title (drafter).")
@click.option("--doc-number", default=None, help="文号。Document number (drafter).")
@click.option("--summary", default=None, help="内容摘要（无文号时）。Content summary (drafter).")
@click.option("--classification", type=click.Choice(CLASSIFICATIONS), default=None,
              help="定密意见。Classification opinion (drafter).")
@click.option("--decision", type=click.Choice(DECISIONS), default=None,
              help="公开意见。Disclosure decision (drafter).")
@click.option("--conclude", type=click.Choice(DECISIONS), default=None,
              help="审查结论。Conclusion (officer).")
@click.option("--approve/--reject", "approve", default=None,
              help="同意 / 不同意（分管领导）。Approve or reject (leader).")
@click.option("--basis", multiple=True, help="不予公开或部分公开的依据（可多次）。Basis (repeatable).")
@click.option("--opinion", default=None, help="意见。Opinion.")
@click.option("--publish", multiple=True, type=click.Path(),
              help="同时发布的其他文本，如脱敏后的文件（可多次）。Further renditions to publish.")
@click.option("--disposition", "dispositions", multiple=True, metavar="ID=处理",
              help="阻止级发现的处理：编号=公开|删除|已脱敏|不予公开（可多次）。"
                   "Disposition of a block finding (drafter, repeatable).")
@click.option("--sanitize-result", default=None, metavar="JSON",
              help="screen sanitize --format json 的结果（文件或 JSON 文本）。Sanitize result (drafter).")
@format_option("text 给人看；json 一行 JSON。text for people, json for programs.")
@records_options
def review(file, role, key, passphrase_file, name, title, doc_number, summary, classification,
           decision, conclude, approve, basis, opinion, publish, dispositions, sanitize_result,
           fmt, lang, config_path, home, ledger_url):
    from ..records.review import StepRefused, record_step
    from ..records.roster import current_roster

    lang = resolve_lang(lang)
    given = {"title": title, "doc_number": doc_number, "summary": summary,
             "classification": classification, "decision": decision,
             "dispositions": dispositions, "sanitize_result": sanitize_result,
             "approve": approve, "conclude": conclude, "basis": basis}
    _check_options(role, given, lang)
    disp = _parse_dispositions(dispositions, lang)
    sanitized = _parse_sanitize(sanitize_result, lang) if sanitize_result else None
    config, settings = records_context(config_path, home, ledger_url, lang)
    signer = load_signer(key, passphrase_file, config, lang)
    screener = make_screener(config, lang)
    with open_records_ledger(settings, lang) as led:
        try:
            if name is None:
                owner = current_roster(led).owner_of(signer.public_key.fingerprint)
                if owner is None:
                    raise StepRefused("此密钥不在名册中，不能签署审查步骤。请联系名册管理员",
                                      message_en="this key is not in the roster")
                name = owner[0].name
            step = record_step(
                ledger=led, settings=settings, screener=screener, role=role, signer=signer,
                files=[Path(file), *map(Path, publish)], title=title, doc_number=doc_number,
                summary=summary, classification=classification,
                decision=decision if role == "drafter" else conclude, basis=basis,
                opinion=opinion, approve=approve, dispositions=disp, sanitize_result=sanitized,
                signer_name=name)
        except RecordError as exc:
            click.echo(("被拒绝，未记录：" if lang != "en" else "refused, nothing recorded: ")
                       + exc.text(lang), err=True)
            raise SystemExit(EXIT_FAILED) from None
        except ScreeningError as exc:
            fail_records(exc, lang)
    _print(step, fmt, lang)
    raise SystemExit(EXIT_OK)


def _check_options(role: str, given: dict, lang: str) -> None:
    zh = lang != "en"
    allowed = {"drafter": {*_DRAFTER_ONLY, "basis"}, "leader": {"approve"},
               "officer": {"conclude", "basis"}}[role]
    wrong = [_OPTION_NAMES[k] for k, v in given.items()
             if k not in allowed and v not in (None, (), "")]
    if wrong:
        raise click.UsageError(f"--as {role} 不能使用 {'、'.join(wrong)}" if zh else
                               f"--as {role} does not take {', '.join(wrong)}")
    need = {"drafter": [("title", "--title"), ("classification", "--classification"),
                        ("decision", "--decision")],
            "leader": [("approve", "--approve 或 --reject" if zh else "--approve or --reject")],
            "officer": [("conclude", "--conclude")]}[role]
    missing = [opt for k, opt in need if given[k] in (None, "")]
    if role == "drafter" and not (given["doc_number"] or given["summary"]):
        missing.append("--doc-number 或 --summary" if zh else "--doc-number or --summary")
    if missing:
        raise click.UsageError(f"--as {role} 须给出 {'、'.join(missing)}" if zh else
                               f"--as {role} needs {', '.join(missing)}")


def _parse_dispositions(values, lang: str) -> dict[str, str]:
    out = {}
    for v in values:
        fid, sep, what = v.partition("=")
        if not sep or not fid.strip() or not what.strip():
            raise click.UsageError(f"--disposition 应为 编号=处理，而不是 {v}" if lang != "en"
                                   else f"--disposition must be ID=VALUE, not {v}")
        out[fid.strip()] = what.strip()
    return out


def _parse_sanitize(value: str, lang: str) -> dict:
    from ..errors import UnreadableDocument

    path = Path(value)
    try:
        text = path.read_text(encoding="utf-8") if path.is_file() else value
        data = json.loads(text)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        fail_records(UnreadableDocument(f"--sanitize-result 不是有效的 JSON：{exc}",
                                        message_en=f"--sanitize-result is not valid JSON: {exc}"),
                     lang)
    if not isinstance(data, dict):
        fail_records(UnreadableDocument("--sanitize-result 应是一个 JSON 对象",
                                        message_en="--sanitize-result must be a JSON object"),
                     lang)
    return data


def _print(step, fmt: str, lang: str) -> None:
    pred = step.predicate
    if fmt == "json":
        click.echo(json.dumps({
            "recorded": True, "role": step.role, "name": step.name,
            "fingerprint": step.fingerprint, "seq": step.seq, "recorded_at": step.recorded_at,
            "case_id": step.case_id, "envelope": step.digests.to_dict(),
            "subjects": step.subjects,
            "decision": pred.get("decision") or pred.get("conclusion"),
            "approve": pred.get("approve")}, ensure_ascii=False))
        return
    en = lang == "en"
    what = {"drafter": pred.get("decision"), "officer": pred.get("conclusion"),
            "leader": ("同意" if pred.get("approve") else "不同意") if not en else
            ("approved" if pred.get("approve") else "rejected")}[step.role]
    if en:
        click.echo(f"Recorded the {step.role} step of {step.name}: {what} "
                   f"(ledger entry #{step.seq}, case {step.case_id}, {step.recorded_at})")
    else:
        click.echo(f"已记录{ROLE_ZH[step.role]} {step.name} 的审查步骤：{what}"
                   f"（账本第 {step.seq} 条，案件编号 {step.case_id}，{step.recorded_at}）")
    for s in step.subjects:
        click.echo(f"  {s['name']}  SHA-256 {s['digest']['sha256']}  SM3 {s['digest']['sm3']}")
    nxt = {"drafter": ("下一步：分管领导 screen review FILE --as leader --key … --approve",
                       "next: the leader, screen review FILE --as leader --key … --approve"),
           "leader": ("下一步：信息公开审查人 screen review FILE --as officer --key … --conclude 公开",
                      "next: the officer, screen review FILE --as officer --key … --conclude 公开"),
           "officer": ("发布前检查：screen gate FILE", "before publishing: screen gate FILE")}
    if step.role != "leader" or pred.get("approve"):
        click.echo(nxt[step.role][1 if en else 0])
