"""``screen serve``: the HTTP API (FastAPI + uvicorn) for OA and portal systems.

The configuration, the tokens and the plugins are checked here, once, before uvicorn binds the
port, so a mistake is one clear message (exit 4), not a traceback per worker. Uvicorn then runs the
app factory :func:`screening.service.app.app_from_env` in each worker process; every worker builds
its own screener (plugins and lexicons loaded once per worker).
"""

from __future__ import annotations

import ipaddress
import os

import click

from ..errors import ScreeningError
from .options import config_option, fail, get_config, lang_option, resolve_lang

HELP = """启动 HTTP 服务，供 OA / 门户系统在发布前调用（发布闸门、检查、脱敏、记录查询）。

Serve the HTTP API that OA and portal systems call before publishing.

\b
接口 Endpoints（说明见 /docs，OpenAPI 见 /openapi.json）:
  POST /v1/gate      发布闸门：allow 为 true 才可发布 may it be published
  POST /v1/scan      检查报告 the screening report
  POST /v1/sanitize  脱敏副本 a sanitized copy
  GET  /v1/records/{sha256}   审查记录链 review chains
  GET  /v1/health    服务状态 health

\b
访问令牌 Tokens: screening.toml 的 [service.tokens]（如 oa = "sha256:<hex>"），或环境变量
SCREENING_API_TOKENS="oa:令牌"。未配置令牌时拒绝启动；--insecure-no-auth 仅限本机试用。

\b
示例 Examples:
  SCREENING_API_TOKENS="oa:$(cat oa.token)" screen serve --port 8765
  screen serve --host 0.0.0.0 --workers 4 --config screening.toml

\b
退出码 Exit codes: 0 正常停止 stopped · 2 用法错误 usage · 4 配置错误 configuration error
"""

_LOOPBACK_NAMES = {"localhost"}


@click.command(help=HELP, short_help="启动 HTTP 服务。Serve the HTTP API.")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="监听地址。Address to listen on.")
@click.option("--port", default=8765, show_default=True, type=click.IntRange(0, 65535),
              help="端口。Port.")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64),
              help="工作进程数（每个进程加载一次词表和插件）。Worker processes.")
@click.option("--insecure-no-auth", is_flag=True,
              help="不校验令牌（仅允许在 127.0.0.1 上本机试用）。No token check; loopback only.")
@config_option
@lang_option
def serve(host, port, workers, insecure_no_auth, config_path, lang):
    lang = resolve_lang(lang)
    if insecure_no_auth and not is_loopback(host):
        raise click.UsageError(
            "--insecure-no-auth 只能用于本机地址（127.0.0.1 / ::1）。"
            "--insecure-no-auth is allowed on a loopback address only.")
    config = get_config(config_path, lang)

    import uvicorn

    from ..service.app import (
        ENV_CONFIG,
        ENV_INSECURE,
        LOG_CONFIG,
        create_app,
        describe_limits,
    )
    from ..service.settings import ServiceSettings

    try:
        service = ServiceSettings.from_config(config)
        app = create_app(config, service=service, insecure_no_auth=insecure_no_auth)
    except ScreeningError as exc:
        fail(exc, lang)
    if insecure_no_auth:
        click.echo("警告：未启用令牌校验，仅供本机试用。warning: no authentication (local trial).",
                   err=True)
    click.echo(f"screen serve: http://{host}:{port} workers={workers} {describe_limits(service)}",
               err=True)
    common = {"host": host, "port": port, "log_config": LOG_CONFIG, "access_log": False,
              "server_header": False, "proxy_headers": False}
    if workers == 1:
        uvicorn.run(app, **common)
        return
    del app  # each worker builds its own from the factory
    os.environ[ENV_CONFIG] = os.path.abspath(config_path) if config_path else ""
    os.environ[ENV_INSECURE] = "1" if insecure_no_auth else ""
    uvicorn.run("screening.service.app:app_from_env", factory=True, workers=workers, **common)


def is_loopback(host: str) -> bool:
    if host in _LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
