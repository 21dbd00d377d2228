"""``screen archive export|verify``: the annual bundle of review records and its offline check
(signing.md §6.2–6.3; layout in :mod:`screening.records.archive`).

* ``export --year 2026 -o DIR --key K`` writes the bundle of the year to the new directory DIR,
  its manifest signed by K (the disclosure officer's key; ``--cosign-key`` adds a roster
  administrator's or leader's signature). Exit 0, 4 on error.
* ``verify DIR [--trust sha256:…] [--checkpoint FILE]`` checks the bundle with nothing but the
  directory: exit 0 every check holds, 1 a problem (listed in Chinese), 4 the directory cannot
  be read.
"""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import ScreeningError
from .options import format_option, lang_option, resolve_lang
from .record_cmd import (EXIT_FAILED, EXIT_OK, fail_records, key_options, load_signer,
                         open_records_ledger, records_context, records_options)

HELP = """年度归档：导出并签名、离线核验。Annual archive: export (signed) and verify offline.

\b
示例 Examples:
  screen archive export --year 2026 -o 归档-2026 --key 王五.key
  screen archive verify 归档-2026 --trust sha256:…
"""


@click.group(name="archive", help=HELP,
             short_help="年度归档导出与核验。Annual archive export and verify.")
def archive() -> None:
    pass


EXPORT_HELP = """导出某年度的全部审查记录、判定记录、检查点和名册版本，清单由信息公开审查人签名。
不含草稿原文。

Export the year's review records, gate decisions, checkpoints and roster versions into the new
directory DIR, with a manifest (SHA-256 and SM3 of every file) signed by the disclosure
officer's --key. No draft bytes.

\b
退出码 Exit codes: 0 已导出 exported · 4 错误 error（目录已存在、密钥不是信息公开审查人 …）
"""


@archive.command(name="export", help=EXPORT_HELP, short_help="导出年度归档。Export a year.")
@click.option("--year", required=True, type=click.IntRange(2000, 2999), help="年度。Year.")
@click.option("-o", "--output", required=True, type=click.Path(file_okay=False),
              help="新的输出目录。New output directory.")
@click.option("--key", required=True,
              help="信息公开审查人的签名私钥。The disclosure officer's signing key.")
@click.option("--cosign-key", "cosign_keys", multiple=True,
              help="联署密钥（名册管理员或分管领导），可重复。Co-signing key (roster admin or "
                   "leader); repeatable.")
@click.option("--cosign-passphrase-file", default=None, type=click.Path(dir_okay=False),
              help="联署密钥的口令文件。Passphrase file of the co-signing keys.")
@key_options
@records_options
def export(year, output, key, cosign_keys, cosign_passphrase_file, passphrase_file, lang,
           config_path, home, ledger_url):
    from ..records.archive import export_archive

    lang = resolve_lang(lang)
    config, settings = records_context(config_path, home, ledger_url, lang)
    signer = load_signer(key, passphrase_file, config, lang)
    cosigners = [load_signer(k, cosign_passphrase_file, config, lang) for k in cosign_keys]
    with open_records_ledger(settings, lang) as led:
        try:
            result = export_archive(led, year, Path(output), signer, cosigners=cosigners)
        except ScreeningError as exc:
            fail_records(exc, lang)
    signers = "、".join(result.signers)
    if lang == "en":
        click.echo(f"Archive of {year} written to {result.directory}: {result.entries} ledger "
                   f"entries ({result.reviews} review steps, {result.decisions} gate decisions, "
                   f"{result.checkpoints} checkpoints); manifest signed by {signers}")
    else:
        click.echo(f"已导出 {year} 年度归档到 {result.directory}：账本记录 {result.entries} 条"
                   f"（审查步骤 {result.reviews}、发布判定 {result.decisions}、检查点 "
                   f"{result.checkpoints}）；清单签名人：{signers}")
    raise SystemExit(EXIT_OK)


VERIFY_HELP = """离线核验年度归档：文件摘要、清单签名、记录哈希链与检查点、每份审查记录。
只需归档目录本身。

Verify an annual archive offline, from the directory alone: file digests, the manifest
signature, leaf and chain hashes and checkpoints, and every review record.

\b
退出码 Exit codes: 0 通过 verified · 1 有问题 problems found · 4 无法读取 unreadable
"""


@archive.command(name="verify", help=VERIFY_HELP, short_help="核验年度归档。Verify an archive.")
@click.argument("directory", type=click.Path())
@click.option("--trust", multiple=True, metavar="sha256:…",
              help="名册管理员密钥指纹（来自纸质登记簿等独立副本），可重复。Roster admin key "
                   "fingerprint from an independent copy; repeatable.")
@click.option("--checkpoint", "checkpoint_file", default=None,
              type=click.Path(dir_okay=False),
              help="检查点的独立副本（文本），与归档比对。An independent copy of a checkpoint.")
@format_option("text 给人看；json 一行 JSON。text for people, json for programs.")
@lang_option
def verify(directory, trust, checkpoint_file, fmt, lang):
    from ..errors import RecordError
    from ..records.archive import verify_archive
    from ..records.view import dumps

    lang = resolve_lang(lang)
    try:
        text = None
        if checkpoint_file is not None:
            try:
                text = Path(checkpoint_file).read_text("utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                raise RecordError(f"无法读取检查点文件 {checkpoint_file}：{exc}",
                                  message_en=f"cannot read {checkpoint_file}: {exc}") from exc
        check = verify_archive(directory, trust=trust, checkpoint_text=text)
    except ScreeningError as exc:
        fail_records(exc, lang)
    if fmt == "json":
        click.echo(dumps(check.to_dict()))
    else:
        click.echo(render(check, directory, lang))
    raise SystemExit(EXIT_OK if check.ok else EXIT_FAILED)


def render(check, directory: str, lang: str) -> str:
    en = lang == "en"
    if check.ok:
        head = (f"Archive verified: {directory} (year {check.year})" if en
                else f"归档核验通过：{directory}（{check.year} 年度）")
    else:
        head = (f"Archive FAILED verification: {directory}: {len(check.problems)} problems" if en
                else f"归档核验未通过：{directory}，发现 {len(check.problems)} 个问题")
    lines = [head]
    if en:
        lines.append(f"  ledger entries {check.entries}, review records {check.records} "
                     f"({check.complete_records} complete), checkpoints verified "
                     f"{check.checkpoints}")
        lines.append(f"  manifest signed by: {', '.join(check.signers) or 'nobody valid'}")
        lines.append(f"  trust root pinned with --trust: {'yes' if check.trust_pinned else 'no'}")
    else:
        lines.append(f"  账本记录 {check.entries} 条，审查记录 {check.records} 份"
                     f"（完成三级审查 {check.complete_records} 份），检查点验证通过 "
                     f"{check.checkpoints} 个")
        lines.append(f"  清单签名人：{'、'.join(check.signers) or '无有效签名'}")
        lines.append(f"  信任根已用 --trust 核对：{'是' if check.trust_pinned else '否'}")
    if check.problems:
        lines.append("  Problems:" if en else "  问题：")
        lines.extend(f"    - {p}" for p in check.problems)
    if check.notes:
        lines.append("  Notes:" if en else "  提示：")
        lines.extend(f"    - {n}" for n in check.notes)
    return "\n".join(lines)
