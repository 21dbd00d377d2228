"""``screen keys``: per-person signing keys.

``screen keys new NAME`` makes a key pair (SM2-with-SM3 by default, or Ed25519): the private key
file ``NAME.key`` is created with mode 0600 and, unless ``--no-passphrase``, encrypted with a
passphrase; the public key ``NAME.pub.pem`` goes to the roster administrator, and its fingerprint
is compared out of band. ``screen keys show FILE`` prints the scheme and fingerprint of a public or
private key file (no passphrase needed).
"""

from __future__ import annotations

import json
from pathlib import Path

import click

from ..errors import ScreeningError
from ..policy import EXIT_USAGE
from ..records.keys import SCHEMES, key_file_info, load_public_key, new_key
from ..records.signers import PASSPHRASE_ENV, resolve_passphrase
from .options import fail, format_option, lang_option, resolve_lang

SCHEME_NAMES = {"sm2": ("SM2（国密，SM3 摘要，用户标识 1234567812345678）",
                        "SM2 (SM3 digest, user ID 1234567812345678)"),
                "ed25519": ("Ed25519", "Ed25519")}


@click.group(short_help="签名密钥：生成、查看。Signing keys: make, show.")
def keys() -> None:
    """每位审查人（拟稿人、分管领导、保密/公开工作机构负责人）各有一把签名密钥。

    Each reviewer (drafter, leader in charge, disclosure officer) has a personal signing key.

    \b
    screen keys new 张三                  生成 SM2 密钥对（提示输入口令）
    screen keys new 张三 --scheme ed25519  生成 Ed25519 密钥对
    screen keys show 张三.pub.pem         查看算法和指纹
    """


@keys.command(name="new", short_help="生成密钥对。Make a key pair.")
@click.argument("name")
@click.option("--scheme", type=click.Choice(SCHEMES), default="sm2", show_default=True,
              help="签名算法：sm2（国密，默认）或 ed25519。Signature scheme.")
@click.option("--dir", "directory", type=click.Path(file_okay=False), default=".",
              show_default=True, help="密钥文件存放目录。Where to write the key files.")
@click.option("--passphrase-file", type=click.Path(exists=True, dir_okay=False), default=None,
              help="从文件第一行读取口令。Read the passphrase from the file's first line.")
@click.option("--no-passphrase", is_flag=True, default=False,
              help="私钥不加密（不推荐）。Do not encrypt the private key (not recommended).")
@format_option("text 或 json。text or json.")
@lang_option
def new(name, scheme, directory, passphrase_file, no_passphrase, fmt, lang):
    """生成密钥对：私钥 NAME.key（权限 0600，默认用口令加密）和公钥 NAME.pub.pem，并显示公钥指纹。

    Make a key pair: private key NAME.key (mode 0600, passphrase-encrypted) and public key
    NAME.pub.pem; prints the public key and its fingerprint.

    \b
    口令来源 Passphrase from: --passphrase-file F，环境变量 SCREENING_KEY_PASSPHRASE，
    或在终端提示输入（输入两次）。非交互使用时必须给出口令或 --no-passphrase。

    \b
    退出码 Exit codes: 0 已生成 made · 2 用法错误 usage · 4 无法生成 error
    """
    lang = resolve_lang(lang)
    zh = lang != "en"
    if no_passphrase and passphrase_file:
        raise click.UsageError("--passphrase-file 与 --no-passphrase 不能同时使用。"
                               if zh else "--passphrase-file and --no-passphrase exclude each other")
    try:
        if no_passphrase:
            passphrase = None
        else:
            import os
            import sys

            interactive = sys.stdin.isatty()
            if passphrase_file is None and not os.environ.get(PASSPHRASE_ENV) and not interactive:
                click.echo(("错误：请用 --passphrase-file 给出口令，或用 --no-passphrase 明确表示不加密。"
                            if zh else "error: give --passphrase-file, or --no-passphrase to "
                                       "leave the key unencrypted"), err=True)
                raise SystemExit(EXIT_USAGE)
            passphrase = resolve_passphrase(passphrase_file, prompt=interactive, confirm=True,
                                            lang=lang)
        private_path, public_path = new_key(name, Path(directory), scheme, passphrase)
        public = load_public_key(public_path)
    except ScreeningError as exc:
        fail(exc, lang)
    data = {"name": name.strip(), "scheme": scheme, "private_key": str(private_path.resolve()),
            "public_key": str(public_path.resolve()), "fingerprint": public.fingerprint,
            "encrypted": passphrase is not None, "public_pem": public.pem}
    if fmt == "json":
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    if zh:
        click.echo(f"已生成 {SCHEME_NAMES[scheme][0]} 密钥对：")
        click.echo(f"  私钥：{data['private_key']}（仅本人可读；"
                   f"{'已用口令加密' if data['encrypted'] else '未加密，请妥善保管'}）")
        click.echo(f"  公钥：{data['public_key']}")
        click.echo(f"  指纹：{public.fingerprint}")
        click.echo(f"  核对用（念给名册管理员听）：{spoken(public.fingerprint)}")
        click.echo("")
        click.echo(public.pem, nl=False)
        click.echo("")
        click.echo("请把公钥文件交给名册管理员，并当面或电话核对上面的指纹；私钥和口令不要交给任何人。")
    else:
        click.echo(f"Made an {SCHEME_NAMES[scheme][1]} key pair:")
        click.echo(f"  private key: {data['private_key']} (owner-only; "
                   f"{'passphrase-encrypted' if data['encrypted'] else 'NOT encrypted'})")
        click.echo(f"  public key:  {data['public_key']}")
        click.echo(f"  fingerprint: {public.fingerprint}")
        click.echo(f"  to read aloud: {spoken(public.fingerprint)}")
        click.echo("")
        click.echo(public.pem, nl=False)
        click.echo("")
        click.echo("Give the public key file to the roster administrator and compare the "
                   "fingerprint in person or by phone; never share the private key or passphrase.")


@keys.command(name="show", short_help="查看密钥的算法和指纹。Show scheme and fingerprint.")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--pem", is_flag=True, default=False,
              help="同时显示公钥 PEM。Also print the public key PEM.")
@format_option("text 或 json。text or json.")
@lang_option
def show(file, pem, fmt, lang):
    """显示公钥或私钥文件的算法和公钥指纹（不需要口令）。

    Print the scheme and public-key fingerprint of a public or private key file (no passphrase
    needed).

    \b
    退出码 Exit codes: 0 · 4 不是可用的密钥文件 not a usable key file
    """
    lang = resolve_lang(lang)
    try:
        info = key_file_info(file)
    except ScreeningError as exc:
        fail(exc, lang)
    if fmt == "json":
        out = {k: v for k, v in info.items() if k != "public" or pem}
        click.echo(json.dumps(out, ensure_ascii=False, indent=2))
        return
    zh = lang != "en"
    kind = {"public": ("公钥", "public key"), "private": ("私钥", "private key")}[info["kind"]]
    if zh:
        click.echo(f"文件：{file}（{kind[0]}"
                   + ("，已用口令加密" if info["encrypted"] else "") + "）")
        if info.get("name"):
            click.echo(f"名称：{info['name']}")
        click.echo(f"算法：{SCHEME_NAMES[info['scheme']][0]}")
        click.echo(f"指纹：{info['fingerprint']}")
        click.echo(f"核对用：{spoken(info['fingerprint'])}")
    else:
        click.echo(f"file: {file} ({kind[1]}" + (", passphrase-encrypted" if info["encrypted"]
                                                  else "") + ")")
        if info.get("name"):
            click.echo(f"name: {info['name']}")
        click.echo(f"scheme: {SCHEME_NAMES[info['scheme']][1]}")
        click.echo(f"fingerprint: {info['fingerprint']}")
        click.echo(f"to read aloud: {spoken(info['fingerprint'])}")
    if pem:
        click.echo(info["public"], nl=False)


def spoken(fingerprint: str) -> str:
    """The fingerprint's hex in groups of four, upper case, for reading aloud."""
    hexpart = fingerprint.split(":", 1)[-1].upper()
    return " ".join(hexpart[i:i + 4] for i in range(0, len(hexpart), 4))
