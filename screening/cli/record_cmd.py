"""``screen record show|verify|form FILE``: the review record of a file, for people.

* ``show`` — the chain of steps in Chinese (``--lang en`` English): who, role, when (the ledger's
  time), decision and opinion, the masked findings summary, digests. Exit 0 when the file has a
  record, 1 when it has none, 4 when the file or the ledger cannot be read.
* ``verify`` — whether every signature, digest, roster and chain check holds. Exit 0 when every
  record of the file verifies (an unfinished review is reported, and still 0), 1 otherwise.
* ``form`` — the printable 政府信息公开保密审查记录 (.docx) of the file's latest record, made only
  from verified statements; a ``form`` ledger entry records the form's digests. Exit 0 written,
  1 the record does not verify or does not exist, 4 error.

The helpers at the end (records options, settings, ledger, signer) are shared by the ledger and
archive commands.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from ..config import Config
from ..errors import ScreeningError
from ..policy import EXIT_ERROR
from .options import config_option, format_option, get_config, lang_option, resolve_lang

EXIT_OK, EXIT_FAILED = 0, 1

HELP = """审查记录：查看、验证、打印。Review records of a file: show, verify, print.

\b
示例 Examples:
  screen record show 草稿.docx
  screen record verify 草稿.docx
  screen record form 草稿.docx -o 审查表.docx
"""


@click.group(name="record", help=HELP,
             short_help="查看、验证、打印审查记录。Show, verify, print review records.")
def record() -> None:
    pass


# ---------------------------------------------------------------------------------------------
# shared records options and helpers

def records_options(f: Callable) -> Callable:
    """``--home``, ``--ledger``, ``--config``, ``--lang`` for every records command."""
    f = click.option("--ledger", "ledger_url", default=None, metavar="URL",
                     help="账本地址（sqlite:///路径、文件路径或 postgresql://…），覆盖配置。"
                          "Ledger URL or path; overrides [records] ledger.")(f)
    f = click.option("--home", default=None, type=click.Path(file_okay=False), metavar="DIR",
                     help="记录目录（默认账本在其中），覆盖配置。Records home; overrides "
                          "[records] home.")(f)
    return config_option(lang_option(f))


def key_options(f: Callable) -> Callable:
    f = click.option("--passphrase-file", default=None, type=click.Path(dir_okay=False),
                     help="私钥口令文件（第一行），否则用环境变量 SCREENING_KEY_PASSPHRASE 或提示输入。"
                          "File whose first line is the key passphrase.")(f)
    return f


def records_context(config_path: str | None, home: str | None, ledger_url: str | None,
                    lang: str) -> tuple[Config, Any]:
    """Config and :class:`RecordsSettings` with the CLI overrides; errors exit 4."""
    from ..records.settings import RecordsSettings

    config = get_config(config_path, lang)
    try:
        return config, RecordsSettings.from_config(config, home=home, ledger=ledger_url)
    except ScreeningError as exc:
        fail_records(exc, lang)


def open_records_ledger(settings: Any, lang: str) -> Any:
    from ..records.ledger import open_ledger
    try:
        return open_ledger(settings)
    except ScreeningError as exc:
        fail_records(exc, lang)


def plugin_manager() -> Any:
    ctx = click.get_current_context(silent=True)
    obj = ctx.find_object(dict) if ctx is not None else None
    if obj and obj.get("pm") is not None:
        return obj["pm"]
    from ..plugins import get_plugin_manager
    return get_plugin_manager()


def load_signer(key: str, passphrase_file: str | None, config: Config, lang: str) -> Any:
    """The signer for ``--key`` (through the ``screening_signer`` hook); errors exit 4."""
    from ..records.signers import get_signer, resolve_passphrase
    try:
        passphrase = resolve_passphrase(passphrase_file, lang=lang)
        return get_signer(plugin_manager(), key, passphrase, config)
    except ScreeningError as exc:
        fail_records(exc, lang)


def fail_records(exc: ScreeningError, lang: str) -> None:
    prefix = "错误：" if lang != "en" else "error: "
    click.echo(prefix + exc.text(lang), err=True)
    raise SystemExit(EXIT_ERROR)


def digest_or_fail(path: str, lang: str) -> Any:
    from ..errors import UnreadableDocument
    from ..records.digests import digest_file
    try:
        return digest_file(path)
    except ScreeningError as exc:
        fail_records(exc, lang)
    except OSError as exc:
        fail_records(UnreadableDocument(f"无法读取文件 {path}：{exc.strerror or exc}",
                                        message_en=f"cannot read {path}: {exc.strerror or exc}"),
                     lang)


# ---------------------------------------------------------------------------------------------
# show / verify

def file_checks(ledger: Any, settings: Any, digests: Any) -> list[Any]:
    """Every review chain naming the file, verified; an SM3 that differs from the record's
    makes the chain fail (a SHA-256 match alone is not enough)."""
    from ..records.chain import chains_for, verify_chain

    checks = []
    for entries in chains_for(ledger, digests.sha256):
        check = verify_chain(ledger, entries, settings)
        subject = next((s for s in check.subjects
                        if (s.get("digest") or {}).get("sha256") == digests.sha256), None)
        if subject is not None and subject["digest"].get("sm3") != digests.sm3:
            check.ok = False
            check.allows_publication = False
            check.problems.append("文件的 SM3 摘要与记录不符")
            check.reasons.append({"code": "SM3_MISMATCH", "message": "文件的 SM3 摘要与记录不符",
                                  "message_en": "the file's SM3 digest differs from the record"})
        checks.append(check)
    return checks


def _show_or_verify(file: str, fmt: str, lang: str | None, config_path: str | None,
                    home: str | None, ledger_url: str | None, *, verify: bool) -> None:
    from ..records import view

    lang = resolve_lang(lang)
    _, settings = records_context(config_path, home, ledger_url, lang)
    digests = digest_or_fail(file, lang)
    with open_records_ledger(settings, lang) as ledger:
        try:
            checks = file_checks(ledger, settings, digests)
        except ScreeningError as exc:
            fail_records(exc, lang)
    if fmt == "json":
        click.echo(view.dumps(view.record_to_dict(file, digests.sha256, digests.sm3, checks)))
    else:
        click.echo(view.render_record(file, digests.sha256, digests.sm3, checks, lang=lang))
        if verify:
            click.echo("")
            click.echo(_verdict_line(checks, lang))
    if not checks:
        raise SystemExit(EXIT_FAILED)
    if verify and not all(c.ok for c in checks):
        raise SystemExit(EXIT_FAILED)
    raise SystemExit(EXIT_OK)


def _verdict_line(checks: list[Any], lang: str) -> str:
    en = lang == "en"
    if not checks:
        return "Not verified: no record." if en else "验证结论：没有审查记录。"
    if all(c.ok for c in checks):
        return ("Verified: every signature, digest, roster and chain check holds." if en
                else "验证结论：全部签名、摘要、名册和环节检查均通过。")
    return ("NOT verified: see the problems above." if en
            else "验证结论：未通过（见上面列出的问题）。")


SHOW_HELP = """列出文件的审查记录：每一步的签署人、角色、账本时间、意见、检测摘要和摘要值。

Show the review record of FILE: each step's signer, role, ledger time, decision, opinion,
masked findings summary and digests.

\b
退出码 Exit codes: 0 有记录 shown · 1 没有记录 no record · 4 无法读取 unreadable
"""

VERIFY_HELP = """验证文件的审查记录：签名、摘要、名册和环节是否全部成立。

Verify every signature, digest, roster and chain check of FILE's review record.

\b
退出码 Exit codes: 0 通过 verified · 1 未通过或没有记录 failed / no record · 4 无法读取 unreadable
"""


@record.command(name="show", help=SHOW_HELP, short_help="查看审查记录。Show the record.")
@click.argument("file", type=click.Path())
@format_option("text 给人看；json 一行 JSON。text for people, json for programs.")
@records_options
def show(file, fmt, lang, config_path, home, ledger_url):
    _show_or_verify(file, fmt, lang, config_path, home, ledger_url, verify=False)


@record.command(name="verify", help=VERIFY_HELP, short_help="验证审查记录。Verify the record.")
@click.argument("file", type=click.Path())
@format_option("text 给人看；json 一行 JSON。text for people, json for programs.")
@records_options
def verify(file, fmt, lang, config_path, home, ledger_url):
    _show_or_verify(file, fmt, lang, config_path, home, ledger_url, verify=True)


# ---------------------------------------------------------------------------------------------
# form

FORM_HELP = """打印用的《政府信息公开保密审查记录》（.docx），只依据验证通过的电子记录生成，
并在账本中登记生成的审查表的摘要。

Write the printable review record form (.docx) of FILE's latest record, made only from verified
statements; the form's digests are entered in the ledger.

\b
退出码 Exit codes: 0 已生成 written · 1 记录未通过验证或没有记录 no valid record · 4 错误 error
"""


@record.command(name="form", help=FORM_HELP, short_help="生成审查表。Write the printable form.")
@click.argument("file", type=click.Path())
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False),
              help="输出的 .docx 文件。Output .docx file.")
@records_options
def form(file, output, lang, config_path, home, ledger_url):
    from ..records import view
    from ..records.chain import latest_chain, verify_chain
    from ..records.digests import digest_file
    from ..records.form import write_form

    lang = resolve_lang(lang)
    if Path(output).resolve() == Path(file).resolve():
        raise click.UsageError("输出文件不能是被审查的文件本身。The output must not be FILE.")
    _, settings = records_context(config_path, home, ledger_url, lang)
    digests = digest_or_fail(file, lang)
    en = lang == "en"
    with open_records_ledger(settings, lang) as ledger:
        try:
            entries = latest_chain(ledger, digests.sha256)
            if entries is None:
                click.echo("No review record for this file; no form was made." if en
                           else "这个文件没有审查记录，未生成审查表。", err=True)
                raise SystemExit(EXIT_FAILED)
            check = verify_chain(ledger, entries, settings)
            if not check.ok:
                click.echo(view.render_chain(check, lang=lang), err=True)
                click.echo("The record does not verify; no form was made." if en
                           else "审查记录未通过验证，未生成审查表。", err=True)
                raise SystemExit(EXIT_FAILED)
            write_form(check, output)
            form_digests = digest_file(output)
            body = json.dumps({"schema": "screening.form/1", "caseId": check.case_id,
                               "steps": [s.seq for s in check.steps],
                               "subject": {"sha256": digests.sha256, "sm3": digests.sm3},
                               "form": form_digests.to_dict(), "name": Path(output).name},
                              ensure_ascii=False, sort_keys=True).encode("utf-8")
            entry = ledger.append("form", body, [digests.sha256, form_digests.sha256])
        except ScreeningError as exc:
            fail_records(exc, lang)
    if en:
        click.echo(f"Form written: {output} (SHA-256 {form_digests.sha256}, ledger #{entry.seq})")
    else:
        click.echo(f"已生成审查表：{output}（SHA-256 {form_digests.sha256}，账本第 {entry.seq} 条）")
    if not check.complete:
        click.echo("Note: the review is not complete; the form says so." if en
                   else "注意：审查尚未完成，审查表上已注明。")
    raise SystemExit(EXIT_OK)
