"""``screen sanitize IN -o OUT``: a publishable copy (区分处理, 解密后去除标志; DESIGN.md §5).

Exit codes: 0 the copy is written and its re-scan finds nothing of what was to be removed (or
``--plan``: the plan was printed); 1 the copy was written but something remains or could not be
removed (listed); 2 usage error (also an unrecognised ``--declassified`` basis); 4 the input
cannot be read, the output would overwrite it, or the format cannot be sanitized (nothing
written).
"""

from __future__ import annotations

import json
from pathlib import Path

import click

from ..errors import SanitizeError, ScreeningError
from ..policy import EXIT_PASS
from ..report.names import category_name, kind_name, part_name
from ..sanitize.api import SanitizeOptions, SanitizeResult, plan_file, sanitize_file
from ..sanitize.plan import Action, Plan, parse_basis
from .options import (
    config_option,
    fail,
    format_option,
    get_config,
    lang_option,
    make_screener,
    resolve_lang,
)

HELP = """生成可公开的副本：个人信息去标识化，删除批注、修订、隐藏文字和文档属性；
只有写明解密依据时才去除国家秘密标志。原文件不会被修改。

Write a publishable copy of IN to OUT: personal data masked, hidden content removed, and
classification marks stripped only with a declassification basis. IN is never modified.

\b
退出码 Exit codes:
  0  副本已生成，复查无遗留（--plan：已列出方案）copy written and clean
  1  副本已生成，但仍有内容未能去除（已列出）something remains
  2  用法错误（含无法识别的解密依据）usage error
  4  无法处理：文件无法读取、输出会覆盖原文件、格式不支持 nothing written

\b
示例 Examples:
  screen sanitize 草稿.docx -o 公开版.docx
  screen sanitize 草稿.docx -o 公开版.docx --declassified "某保〔2024〕3号解密决定"
  screen sanitize 草稿.docx --plan
  screen sanitize 草稿.docx -o 公开版.docx --redact-span "某某科技有限公司报价"
"""

_OPS = {"mask": ("去标识化", "mask"), "remove": ("删除", "remove"),
        "strip_mark": ("去除标志", "strip mark"), "redact": ("人工指定删除", "redact")}


@click.command(help=HELP, short_help="生成可公开的副本。Write a publishable copy.")
@click.argument("src", type=click.Path(path_type=Path))
@click.option("-o", "--output", "dst", type=click.Path(path_type=Path), default=None,
              help="副本的文件名（不能与原文件相同）。Output file (never the input).")
@click.option("--mask/--no-mask", default=True, show_default=True,
              help="按脱敏规则遮盖个人信息。Mask personal data by the masking policy.")
@click.option("--remove-hidden/--keep-hidden", default=True, show_default=True,
              help="删除批注、修订（接受插入）、隐藏/白色/极小文字、个人属性、自定义 XML。"
                   "Remove comments, revisions, hidden/white/tiny text, personal properties, "
                   "custom XML.")
@click.option("--declassified", metavar="BASIS", default=None,
              help="解密依据：解密决定文号/日期、“保密期限届满”或“正式公布即解密”；"
                   "不写则不去除密级标志。Declassification basis; without it marks stay.")
@click.option("--redact-span", "redact_spans", multiple=True, metavar="TEXT",
              help="另外删除这段文字（出现处全部删除，可多次使用）。Also remove this text "
                   "everywhere (repeatable).")
@click.option("--plan-file", "plan_path", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              default=None, help='JSON 处理清单 {"findings": [编号], "spans": [文字]}。'
                                 "JSON file naming finding ids and texts to remove.")
@click.option("--plan", "plan_only", is_flag=True,
              help="只列出将做的处理，不写文件。Print the plan only; write nothing.")
@format_option("text：给人看；json：一个 JSON 对象（供审查记录引用）。text for people; "
               "json: one object (cited by the review record).")
@lang_option
@config_option
def sanitize(src, dst, mask, remove_hidden, declassified, redact_spans, plan_path, plan_only, fmt,
             lang, config_path):
    lang = resolve_lang(lang)
    if declassified is not None:
        try:
            parse_basis(declassified)
        except SanitizeError as exc:
            raise click.BadParameter(exc.text(lang), param_hint="--declassified")
    if dst is None and not plan_only:
        raise click.UsageError("请用 -o 指定副本的文件名，或用 --plan 只查看处理方案"
                               if lang != "en" else "give -o OUTPUT, or --plan")
    options = SanitizeOptions(mask=mask, remove_hidden=remove_hidden, declassified=declassified,
                              redact_spans=tuple(redact_spans),
                              plan_file=plan_path)
    screener = make_screener(get_config(config_path, lang), lang)
    try:
        if plan_only:
            report, plan = plan_file(src, options, screener)
            if fmt == "json":
                click.echo(json.dumps({"schema": "screening.sanitize-plan/1", "input": str(src),
                                       "sha256": report.sha256, "sm3": report.sm3,
                                       **plan.to_dict()}, ensure_ascii=False))
            else:
                click.echo(render_plan(plan, str(src), lang))
            raise SystemExit(EXIT_PASS)
        result = sanitize_file(src, dst, options, screener)
    except ScreeningError as exc:
        fail(exc, lang)
    if fmt == "json":
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False))
    else:
        click.echo(render_result(result, lang))
    raise SystemExit(result.exit_code)


def _where(a: Action, lang: str) -> str:
    loc = a.location
    page = (f"，第 {loc.page} 页" if lang != "en" else f", page {loc.page}") if loc.page else ""
    return f"{part_name(loc.part, lang)}{page}"


def render_plan(plan: Plan, path: str, lang: str = "zh") -> str:
    zh = lang != "en"
    lines = [f"处理方案：{path}" if zh else f"Plan for {path}"]
    if not plan.actions:
        lines.append("  （无需修改）" if zh else "  (nothing to change)")
    for a in plan.actions:
        op = _OPS[a.op][0 if zh else 1]
        what = (f"{category_name(a.category, lang)}/{kind_name(a.kind, lang)}"
                if a.category != "redact" else ("人工指定" if zh else "named span"))
        lines.append(f"  [{op}] {what}：{a.masked}（{_where(a, lang)}）" if zh else
                     f"  [{op}] {what}: {a.masked} ({_where(a, lang)})")
    if plan.declassified:
        lines.append(f"解密依据：{plan.declassified}" if zh else
                     f"Declassification basis: {plan.declassified}")
    if plan.for_person:
        lines.append("需人工处理（不自动修改）：" if zh else "For a person (not changed):")
        for row in plan.for_person:
            what = f"{category_name(row['category'], lang)}/{kind_name(row['kind'], lang)}"
            part = part_name(row["location"]["part"], lang)
            lines.append(f"  {what}：{row['masked']}（{part}）— {row['reason']}" if zh else
                         f"  {what}: {row['masked']} ({part}) — "
                         f"{row.get('reason_en') or row['reason']}")
    notes = plan.notes if zh else (plan.notes_en or plan.notes)
    if notes:
        lines.append("说明：" if zh else "Notes:")
        lines.extend(f"  {n}" for n in notes)
    return "\n".join(lines)


def render_result(result: SanitizeResult, lang: str = "zh") -> str:
    zh = lang != "en"
    out = result.output or {}
    lines = [render_plan(result.plan, result.input["path"], lang), ""]
    lines.append(f"已生成副本：{out.get('path')}" if zh else f"Copy written: {out.get('path')}")
    lines.append(f"  原文件 SHA-256 {result.input['sha256']}  SM3 {result.input['sm3']}" if zh
                 else f"  input  SHA-256 {result.input['sha256']}  SM3 {result.input['sm3']}")
    lines.append(f"  副本   SHA-256 {out.get('sha256')}  SM3 {out.get('sm3')}" if zh
                 else f"  output SHA-256 {out.get('sha256')}  SM3 {out.get('sm3')}")
    applied = len(result.outcome.applied) if result.outcome else 0
    lines.append(f"  已处理 {applied} 处" if zh else f"  {applied} actions applied")
    if result.outcome and result.outcome.rasterised_pages:
        pages = "、".join(str(p) for p in result.outcome.rasterised_pages)
        lines.append(f"  以下页面已转为图片：{pages}" if zh else f"  pages rasterised: {pages}")
    if result.problems:
        lines.append("复查未通过，以下内容仍在副本中或未能处理：" if zh else
                     "Re-scan failed; still in the copy or not done:")
        lines.extend(f"  {p}" for p in result.problems)
    else:
        lines.append("复查通过：副本中已无计划去除的内容" if zh else
                     "Re-scan clean: nothing planned for removal is left")
    return "\n".join(lines)

