"""``screen roster init|add|revoke|show``: who may sign which review step, with which key.

Every change is a new roster version, signed with the administrator's key (``--key``) and
appended to the ledger; ``show`` prints the version in force. Exit codes: 0 done, 1 refused (not
the administrator, a key already held by someone else, nothing to revoke), 2 usage, 4 the key,
configuration or ledger cannot be used.
"""

from __future__ import annotations

import json

import click

from ..errors import RecordError, ScreeningError
from .options import format_option, resolve_lang
from .record_cmd import (EXIT_FAILED, EXIT_OK, fail_records, key_options, load_signer,
                         open_records_ledger, records_context, records_options)

ROLE_CHOICE = click.Choice(["drafter", "leader", "officer"])
ROLE_ZH = {"drafter": "拟稿人", "leader": "分管领导", "officer": "信息公开审查人"}

HELP = """审查人员名册：谁可以以哪个角色、用哪把密钥签署审查步骤。每次修改形成新版本，由名册管理员签名并写入账本。

The roster: who may sign which review step with which key. Every change is a new version
signed by the roster administrator and appended to the ledger.

\b
示例 Examples:
  screen roster init --key keys/admin.key --office 某县人民政府办公室
  screen roster add 张明 --role drafter --pub keys/zhangming.pub.pem --key keys/admin.key
  screen roster add 李华 --role leader --pub keys/lihua.pub.pem --valid-until 2026-12-31 --key keys/admin.key
  screen roster revoke 张明 --reason U盾丢失 --key keys/admin.key
  screen roster show

\b
退出码 Exit codes: 0 完成 done · 1 被拒绝 refused · 2 用法错误 usage · 4 错误 error
"""


@click.group(help=HELP, short_help="审查人员名册。The roster of reviewers.")
def roster() -> None:
    pass


def _admin_key(f):
    f = key_options(f)
    return click.option("--key", required=True,
                        help="名册管理员的签名私钥。The roster administrator's key.")(f)


def _run(action, lang: str):
    try:
        return action()
    except RecordError as exc:
        click.echo(("被拒绝：" if lang != "en" else "refused: ") + exc.text(lang), err=True)
        raise SystemExit(EXIT_FAILED) from None
    except ScreeningError as exc:
        fail_records(exc, lang)


def _check_time(value: str | None, option: str, lang: str) -> None:
    from ..records.roster import parse_time

    try:
        parse_time(value)
    except RecordError as exc:
        raise click.BadParameter(exc.text(lang), param_hint=option) from None


def _done(r, lang: str, what_zh: str, what_en: str) -> None:
    if lang == "en":
        click.echo(f"{what_en}: roster version {r.version} (ledger entry #{r.entry_seq})")
    else:
        click.echo(f"{what_zh}：名册第 {r.version} 版（账本第 {r.entry_seq} 条）")


@roster.command(short_help="建立名册（第 1 版）。Create the roster (version 1).")
@click.option("--office", required=True, help="机关名称。The office's name.")
@_admin_key
@records_options
def init(office, key, passphrase_file, lang, config_path, home, ledger_url):
    """建立名册第 1 版，由 --key 的管理员密钥自签名（信任根）。请把显示的指纹写入配置
    [records] roster_admin 并打印存档。

    Create roster version 1, self-signed by the administrator key (the trust root). Pin the
    printed fingerprint as [records] roster_admin and keep a printed copy.
    """
    from ..records.roster import roster_init

    lang = resolve_lang(lang)
    config, settings = records_context(config_path, home, ledger_url, lang)
    signer = load_signer(key, passphrase_file, config, lang)
    with open_records_ledger(settings, lang) as led:
        r = _run(lambda: roster_init(led, signer, office), lang)
    _done(r, lang, "已建立名册", "roster created")
    fp = signer.public_key.fingerprint
    if lang == "en":
        click.echo(f"trust root (admin key): {fp}")
        click.echo(f'pin it in screening.toml:  [records] roster_admin = "{fp}"')
    else:
        click.echo(f"信任根（管理员密钥指纹）：{fp}")
        click.echo(f'请写入 screening.toml 固定信任根：[records] roster_admin = "{fp}"，并打印存档')
    raise SystemExit(EXIT_OK)


@roster.command(short_help="给某人授予角色和公钥。Grant a role and key.")
@click.argument("name")
@click.option("--role", required=True, type=ROLE_CHOICE,
              help="drafter 拟稿人 · leader 分管领导 · officer 信息公开审查人。")
@click.option("--pub", "pub", required=True, type=click.Path(dir_okay=False),
              help="此人的公钥文件（screen keys new 生成的 NAME.pub.pem）。Public key file.")
@click.option("--valid-from", default=None, metavar="DATE",
              help="生效日期，如 2026-01-01。Valid from (date or ISO time).")
@click.option("--valid-until", default=None, metavar="DATE",
              help="失效日期（当天仍有效），如 2026-12-31。Valid until (inclusive).")
@_admin_key
@records_options
def add(name, role, pub, valid_from, valid_until, key, passphrase_file, lang, config_path, home,
        ledger_url):
    """授予 NAME 角色和公钥（新人员、新增角色，或换用新密钥）。

    Give NAME a role with a public key (a new person, a new role, or a key rotation).
    """
    from ..records.keys import load_public_key
    from ..records.roster import roster_add

    lang = resolve_lang(lang)
    _check_time(valid_from, "--valid-from", lang)
    _check_time(valid_until, "--valid-until", lang)
    config, settings = records_context(config_path, home, ledger_url, lang)
    try:
        public_key = load_public_key(pub)
    except ScreeningError as exc:
        fail_records(exc, lang)
    signer = load_signer(key, passphrase_file, config, lang)
    with open_records_ledger(settings, lang) as led:
        r = _run(lambda: roster_add(led, signer, name, role, public_key, valid_from,
                                    valid_until), lang)
    _done(r, lang, f"已授予 {name} {ROLE_ZH[role]}角色", f"granted {name} the {role} role")
    click.echo(("key " if lang == "en" else "公钥指纹 ") + public_key.fingerprint)
    raise SystemExit(EXIT_OK)


@roster.command(short_help="吊销某人的密钥。Revoke a person's key.")
@click.argument("name")
@click.option("--fingerprint", default=None, help="只吊销这把密钥（默认吊销此人全部密钥）。"
                                                  "Revoke only this key (default: all).")
@click.option("--reason", default="", help="原因，如“U盾丢失”。Reason.")
@click.option("--at", "at", default=None, metavar="TIME",
              help="自何时起无效（默认现在），如 2026-03-01T12:00:00+08:00。From when (default now).")
@_admin_key
@records_options
def revoke(name, fingerprint, reason, at, key, passphrase_file, lang, config_path, home,
           ledger_url):
    """吊销 NAME 的密钥：此后（账本时间）用它签署的步骤一律无效。

    Revoke NAME's key: steps it signed from then on (ledger time) are invalid.
    """
    from ..records.roster import roster_revoke

    lang = resolve_lang(lang)
    _check_time(at, "--at", lang)
    config, settings = records_context(config_path, home, ledger_url, lang)
    signer = load_signer(key, passphrase_file, config, lang)
    with open_records_ledger(settings, lang) as led:
        r = _run(lambda: roster_revoke(led, signer, name, fingerprint, reason, at), lang)
    _done(r, lang, f"已吊销 {name} 的密钥", f"revoked {name}'s key")
    raise SystemExit(EXIT_OK)


@roster.command(short_help="显示现行名册。Show the roster in force.")
@format_option("text 给人看；json 现行名册全文。text for people, json for programs.")
@records_options
def show(fmt, lang, config_path, home, ledger_url):
    """显示现行名册：版本、机关、信任根、人员、角色、密钥指纹、有效期和吊销。

    Show the roster in force. Exit 0, or 1 when there is no roster yet.
    """
    from ..records.roster import current_roster

    lang = resolve_lang(lang)
    _, settings = records_context(config_path, home, ledger_url, lang)
    with open_records_ledger(settings, lang) as led:
        r = _run(lambda: current_roster(led), lang)
    if fmt == "json":
        data = r.to_dict() | {"entry_seq": r.entry_seq,
                              "root_fingerprints": list(r.root_fingerprints),
                              "pinned": settings.roster_admin in r.root_fingerprints
                              if settings.roster_admin else None,
                              "problems": list(r.problems)}
        click.echo(json.dumps(data, ensure_ascii=False))
        raise SystemExit(EXIT_OK)
    click.echo(render(r, settings, lang))
    raise SystemExit(EXIT_OK)


def render(r, settings, lang: str) -> str:
    en = lang == "en"
    pinned = settings.roster_admin
    lines = [f"Roster of {r.office}, version {r.version} (ledger entry #{r.entry_seq}, "
             f"effective {r.effective})" if en else
             f"{r.office} 审查人员名册 第 {r.version} 版（账本第 {r.entry_seq} 条，{r.effective} 起）"]
    root = "、".join(r.root_fingerprints)
    if pinned and pinned in r.root_fingerprints:
        lines.append(("trust root (pinned): " if en else "信任根（已固定）：") + root)
    elif pinned:
        lines.append(("TRUST ROOT DOES NOT MATCH roster_admin: " if en
                      else "信任根与配置 roster_admin 不符：") + root)
    else:
        lines.append(("trust root (NOT pinned): " if en else "信任根（未固定，请设置 roster_admin）：")
                     + root)
    lines.append(("administrators: " if en else "管理员密钥：")
                 + ", ".join(k.fingerprint for k in r.admin_keys))
    if not r.people:
        lines.append("(no people yet)" if en else "（尚无人员）")
    for p in r.people:
        roles = ", ".join(p.roles) if en else "、".join(ROLE_ZH[x] for x in p.roles)
        lines.append(f"  {p.name}  {roles}")
        for k in p.keys:
            if k.valid_from or k.valid_until:
                window = (f"valid {k.valid_from or '…'} to {k.valid_until or '…'}" if en
                          else f"有效期 {k.valid_from or '不限'} 至 {k.valid_until or '不限'}")
            else:
                window = "no time limit" if en else "有效期不限"
            state = ""
            if k.revoked_at:
                state = (f"  REVOKED {k.revoked_at} {k.revoked_reason}" if en
                         else f"  已吊销 {k.revoked_at} {k.revoked_reason}")
            lines.append(f"    {k.scheme} {k.fingerprint}  {window}{state}")
    for p in r.problems:
        lines.append(("warning: " if en else "注意：") + p)
    return "\n".join(lines)
