"""``screen ledger verify|checkpoint``: is the ledger intact, and anchor it with a signed
checkpoint.

* ``verify`` replays every leaf and chain hash and every signed checkpoint (Merkle root and
  signature by a key the roster allowed at the time). Exit 0 intact, 1 tampered (an edited,
  deleted or reordered row, a rewritten chain), 4 the ledger cannot be opened.
* ``checkpoint --key K`` appends a checkpoint (origin, size, Merkle root) signed by K, which must
  be a roster person's key valid now or a roster administrator key, and prints the note so a copy
  can go outside the tool (the OA record, the printed register). Exit 0, 4 on error.
"""

from __future__ import annotations

from datetime import datetime

import click

from ..errors import RecordError, ScreeningError
from .options import format_option, resolve_lang
from .record_cmd import (EXIT_FAILED, EXIT_OK, fail_records, key_options, load_signer,
                         open_records_ledger, records_context, records_options)

HELP = """账本：检查是否被改动，生成签名检查点。The ledger: verify it, sign a checkpoint.

\b
示例 Examples:
  screen ledger verify
  screen ledger verify --format json
  screen ledger checkpoint --key 张三.key
"""


@click.group(name="ledger", help=HELP,
             short_help="检查账本、签名检查点。Verify the ledger, sign checkpoints.")
def ledger() -> None:
    pass


VERIFY_HELP = """重算每条记录的哈希和每个签名检查点，检查账本是否被改动、删除或重写。

Replay every leaf and chain hash and every signed checkpoint: detects an edited, deleted or
reordered row and a rewritten chain.

\b
退出码 Exit codes: 0 完整 intact · 1 被改动 tampered · 4 无法打开 cannot open
"""


@ledger.command(name="verify", help=VERIFY_HELP, short_help="检查账本。Verify the ledger.")
@format_option("text 给人看；json 一行 JSON。text for people, json for programs.")
@records_options
def verify(fmt, lang, config_path, home, ledger_url):
    from ..records import view
    from ..records.checkpoint import verify_ledger
    from ..records.roster import checkpoint_keys

    lang = resolve_lang(lang)
    _, settings = records_context(config_path, home, ledger_url, lang)
    with open_records_ledger(settings, lang) as led:
        try:
            check = verify_ledger(led, checkpoint_keys(led), origin=settings.origin)
        except ScreeningError as exc:
            fail_records(exc, lang)
        url = led.url
    if fmt == "json":
        click.echo(view.dumps(view.ledger_check_to_dict(check, url=url)))
    else:
        click.echo(view.render_ledger_check(check, url=url, lang=lang))
    raise SystemExit(EXIT_OK if check.ok else EXIT_FAILED)


CHECKPOINT_HELP = """生成并签署一个检查点（账本条数和 Merkle 根），打印其文本以便另存于账本之外
（OA 流程记录、纸质登记簿）。签名密钥须是名册中当前有效的人员密钥或名册管理员密钥。

Sign a checkpoint (size and Merkle root) with --key and print it, so a copy can be kept outside
the tool. The key must be a roster person's key valid now, or a roster administrator key.

\b
退出码 Exit codes: 0 已签署 signed · 4 错误（密钥不在名册等）error
"""


@ledger.command(name="checkpoint", help=CHECKPOINT_HELP,
                short_help="签署检查点。Sign a checkpoint.")
@click.option("--key", required=True, help="签名私钥文件（或插件支持的密钥地址）。Signing key.")
@key_options
@records_options
def checkpoint(key, passphrase_file, lang, config_path, home, ledger_url):
    from ..records.checkpoint import make_checkpoint

    lang = resolve_lang(lang)
    config, settings = records_context(config_path, home, ledger_url, lang)
    signer = load_signer(key, passphrase_file, config, lang)
    with open_records_ledger(settings, lang) as led:
        try:
            _check_allowed(led, signer)
            cp = make_checkpoint(led, signer, settings.origin)
            seq = led.size()
        except ScreeningError as exc:
            fail_records(exc, lang)
    en = lang == "en"
    click.echo(f"Checkpoint signed: ledger entry #{seq}, covers entries 1–{cp.size}" if en else
               f"已签署检查点：账本第 {seq} 条，覆盖第 1–{cp.size} 条记录")
    click.echo("")
    click.echo(cp.text, nl=not cp.text.endswith("\n"))
    raise SystemExit(EXIT_OK)


def _check_allowed(led, signer) -> None:
    """Refuse a key the roster does not allow to sign checkpoints now (a checkpoint signed by it
    would make ``ledger verify`` fail)."""
    from ..records.roster import current_roster, revocation

    roster = current_roster(led)
    fingerprint = signer.public_key.fingerprint
    if any(k.fingerprint == fingerprint for k in roster.admin_keys):
        return
    owner = roster.owner_of(fingerprint)
    if owner is None:
        raise RecordError(f"这把密钥不在名册中，不能签署检查点：{fingerprint}",
                          message_en=f"the key is not in the roster: {fingerprint}")
    person, grant = owner
    state = grant.state_at(datetime.now().astimezone())
    if not state and revocation(led, fingerprint) is not None:
        state = "已吊销"
    if state:
        raise RecordError(f"{person.name} 的密钥{state}，不能签署检查点",
                          message_en=f"{person.name}'s key is not valid now; no checkpoint")

