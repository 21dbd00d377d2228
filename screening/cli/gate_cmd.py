"""``screen gate FILE``: may this exact file be published? For the OA's pre-publish hook.

Exit 0 allowed; 1 denied, with every reason (Chinese; ``--lang en`` English); 4 the file cannot
be read or screened, or the ledger cannot be opened or written (denied too). ``--format json``
prints one JSON object on stdout (``allow``, ``code``, ``reasons``, ``message``,
``decision_id`` …) and, when denied, the one-line reason on stderr. Every decision is appended to
the ledger.
"""

from __future__ import annotations

import json
from pathlib import Path

import click

from ..errors import ScreeningError
from .options import format_option, make_screener, resolve_lang
from .record_cmd import fail_records, open_records_ledger, records_context, records_options

HELP = """发布前把关：只有经过完整、有效的三步审查（拟稿人 → 分管领导同意 → 信息公开审查人结论
允许公开）、且重新检查没有记录未处理的阻止级内容的文件才允许发布。每次决定都写入账本。

Publish gate: allow FILE only if these exact bytes (SHA-256 and SM3) are covered by a complete,
verifying drafter → leader (approved) → officer record whose conclusion allows publication,
signed by keys the roster gave those roles at that time, with every required detector, and a
fresh scan finds no block finding the record did not decide on. Every decision is logged.

\b
示例 Examples:
  screen gate 通知.docx
  screen gate 通知.docx --format json
\b
退出码 Exit codes: 0 允许发布 allowed · 1 不得发布 denied · 2 用法错误 usage
  4 文件无法读取或账本无法使用（按拒绝处理）unreadable file or ledger (denied)
"""


@click.command(help=HELP, short_help="发布前把关。Publish gate.")
@click.argument("file", type=click.Path())
@format_option("text 给人看；json 一行 JSON（供 OA 系统使用）。text for people, json for the OA.")
@records_options
def gate(file, fmt, lang, config_path, home, ledger_url):
    from ..records.gate import decide

    lang = resolve_lang(lang)
    config, settings = records_context(config_path, home, ledger_url, lang)
    screener = make_screener(config, lang)
    with open_records_ledger(settings, lang) as led:
        try:
            decision = decide(Path(file), screener=screener, ledger=led, settings=settings,
                              lang=lang)
        except ScreeningError as exc:
            fail_records(exc, lang)
    if fmt == "json":
        click.echo(json.dumps(decision.to_dict(), ensure_ascii=False))
        if not decision.allow:
            click.echo(decision.message(lang), err=True)
    else:
        click.echo(render(decision, Path(file).name, lang))
    raise SystemExit(decision.exit_code)


def render(decision, name: str, lang: str) -> str:
    en = lang == "en"
    lines = []
    if decision.allow:
        rec = decision.record or {}
        lines.append(f"{name}: ALLOWED to publish" if en else f"{name}：允许发布")
        lines.append((f"case {rec.get('caseId')}, conclusion {rec.get('conclusion')}, signed by "
                      if en else f"案件 {rec.get('caseId')}，结论 {rec.get('conclusion')}，签名人：")
                     + ("、" if not en else ", ").join(
                         f"{s['name']}（{_role(s['role'], en)}）" if not en
                         else f"{s['name']} ({_role(s['role'], en)})"
                         for s in rec.get("steps", [])))
    else:
        lines.append(f"{name}: DENIED" if en else f"{name}：不得发布")
        key = "message_en" if en else "message"
        for r in decision.reasons:
            lines.append(f"  [{r['code']}] {r[key]}")
    lines.append(f"decision id {decision.decision_id}" if en else f"决定编号 {decision.decision_id}")
    return "\n".join(lines)


def _role(role: str, en: bool) -> str:
    from ..records.statement import ROLE_NAMES

    zh, english = ROLE_NAMES.get(role, (role, role))
    return english if en else zh
