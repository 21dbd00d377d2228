"""``screen batch --scheduler tcp://HOST:PORT``: the same batch on an existing Dask cluster.

The cluster's workers must have ``screening`` (and the office's plugins) installed: ``pip install
'screening[dask]'``. Nothing but the file (or its path), the office configuration and the
results travel; the cache stays on the machine that runs ``screen batch``.

* **One Screener per worker process**: :func:`worker_screener` keeps it in a module-level table
  keyed by the :class:`ScreenerSpec` (configuration table, language, which plugins to load), so a
  worker builds it on its first file and reuses it for every later file of every batch.
* **Same results as the local run, or an error**: every result carries the fingerprint of the
  worker's Screener (:func:`~screening.batch.cache.fingerprint`). A worker with other plugin
  versions, lexicons or settings than this machine gets ``error`` (code ``worker_mismatch``) for
  its files instead of a result that differs silently.
* **Where the files are**: by default workers open the same paths (a shared mount, the same
  absolute paths); ``--send-bytes`` reads each file here and sends its bytes, and the worker
  screens a temporary copy with the same name (the name can matter to readers and detectors).
* **Cache**: looked up here before anything is sent. The SHA-256 of each file is computed by the
  workers (on the mount) or here (``--send-bytes``).
* **Timeout and crashes**: a file that runs past the time limit is reported as ``timeout``; Dask
  cannot stop a running task, so its thread runs on in the worker until it ends (a PDF's own
  reader child is still killed by the PDF time limit). A file whose worker dies is retried by
  Dask on another worker; when that fails too, it is reported as ``crash``.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import threading
from collections import deque
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ..config import Config, config_from_dict
from ..pipeline import Screener
from ..plugins import get_plugin_manager
from .cache import Cache, entry_key, file_sha256, fingerprint, plain
from .work import Outcome, failed, screen_file

#: how long to try to reach the scheduler
CONNECT_SECONDS = 20

_SCREENERS: dict[str, tuple[Screener, str]] = {}
_REBUILT: set[tuple[str, str]] = set()
_SCREENERS_LOCK = threading.Lock()


@dataclass(frozen=True)
class ScreenerSpec:
    """How a worker builds its Screener: plain data that pickles.

    :param config: the office configuration table as read from screening.toml (``{}``: defaults).
    :param source: the file it came from (relative lexicon paths are resolved from its folder; the
        workers need the same paths).
    :param entrypoints: load third-party plugins from entry points, as ``screen`` does.
    """

    config: Mapping[str, Any]
    source: str = ""
    lang: str = "zh"
    entrypoints: bool = True
    only: tuple[str, ...] | None = None
    blocked: tuple[str, ...] = ()

    @classmethod
    def of(cls, config: Config, lang: str, **plugins: Any) -> ScreenerSpec:
        return cls(config=plain(config.raw), source=config.source, lang=lang, **plugins)

    @property
    def key(self) -> str:
        blob = json.dumps([self.config, self.source, self.lang, self.entrypoints, self.only,
                           self.blocked], ensure_ascii=False, sort_keys=True, default=str)
        return hashlib.sha256(blob.encode()).hexdigest()

    def build(self) -> Screener:
        base = Path(self.source).parent if self.source else None
        config = config_from_dict(self.config, source=self.source, base=base, lang=self.lang)
        pm = get_plugin_manager(entrypoints=self.entrypoints, only=self.only,
                                blocked=self.blocked)
        return Screener(config, pm=pm)


def worker_screener(spec: ScreenerSpec, expected: str | None = None) -> tuple[Screener, str]:
    """This process's Screener for ``spec`` and its fingerprint, built on first use. When its
    fingerprint is not ``expected``, it is built once more (plugins or lexicons may have been
    installed since), once per expected fingerprint; the caller compares the result again."""
    with _SCREENERS_LOCK:
        entry = _SCREENERS.get(spec.key)
        stale = (entry is not None and expected is not None and entry[1] != expected
                 and (spec.key, expected) not in _REBUILT)
        if stale:
            _REBUILT.add((spec.key, expected))
        if entry is None or stale:
            screener = spec.build()
            entry = _SCREENERS[spec.key] = (screener, fingerprint(screener, spec.lang))
        return entry


def digest_task(path: str) -> str | None:
    """Runs on a worker: the SHA-256 of a file on its mount."""
    return file_sha256(path)


def screen_task(spec: ScreenerSpec, path: str, data: bytes | None, timeout: float,
                expected: str) -> Outcome:
    """Runs on a worker: screen ``path`` (or ``data``, a copy of it) within ``timeout`` seconds
    with the Screener whose fingerprint should be ``expected``."""
    screener, setup = worker_screener(spec, expected)
    box: dict[str, Any] = {}

    def work() -> None:
        folder = tempfile.mkdtemp(prefix="screening-batch-") if data is not None else None
        try:
            target = path
            if folder is not None:
                target = os.path.join(folder, os.path.basename(path))
                with open(target, "wb") as fh:
                    fh.write(data)  # type: ignore[arg-type]
            outcome = screen_file(screener, target, lang=spec.lang, setup=setup,
                                  name=os.path.basename(path))
            box["outcome"] = _moved(outcome, target, path) if folder else outcome
        except Exception as exc:
            box["error"] = exc
        finally:
            if folder is not None:
                shutil.rmtree(folder, ignore_errors=True)

    thread = threading.Thread(target=work, name="screening-batch-file", daemon=True)
    thread.start()
    thread.join(timeout)
    tool = screener.tool.to_dict()
    if thread.is_alive():
        return replace(failed(path, "timeout",
                              f"检查超过 {timeout:g} 秒仍未完成，已停止等待。"
                              "文件可能过大或结构异常，请人工检查",
                              f"screening took longer than {timeout:g} s; gave up waiting. The "
                              "file may be very large or malformed: check it by hand", tool,
                              timeout), setup=setup)
    if "error" in box:
        exc = box["error"]
        return replace(failed(path, "internal",
                              f"内部错误（{type(exc).__name__}: {exc}），本文件未完成审查",
                              f"internal error ({type(exc).__name__}: {exc}); the file was not "
                              "screened", tool), setup=setup)
    return replace(box["outcome"], setup=setup)


def _moved(outcome: Outcome, temporary: str, path: str) -> Outcome:
    """The outcome of a temporary copy, told about the original path."""
    report = dict(outcome.item.report)
    report["path"] = path
    if report.get("error"):
        report["error"] = {k: v.replace(temporary, path) for k, v in report["error"].items()}
    return replace(outcome, item=replace(outcome.item, path=path, report=report))


def run_dask(paths: Sequence[str], *, scheduler: str, spec: ScreenerSpec, setup: str,
             tool: dict[str, Any], timeout: float, cache: Cache | None = None,
             send_bytes: bool = False, on_start: Callable[[str], None] | None = None
             ) -> Iterator[Outcome]:
    """Screen ``paths`` on the cluster at ``scheduler``; yield outcomes as they finish.

    :param setup: this machine's fingerprint; results from workers with another one are errors.
    :param cache: look files up here first (and nothing is sent for a hit).
    """
    from .runner import BatchError

    try:
        from distributed import Client, as_completed
    except ImportError as exc:
        raise BatchError("使用 --scheduler 需要安装 Dask：pip install 'screening[dask]' / "
                         "--scheduler needs Dask: pip install 'screening[dask]'") from exc
    try:
        client = Client(scheduler, set_as_default=False, timeout=CONNECT_SECONDS)
    except (OSError, TimeoutError, ValueError) as exc:
        raise BatchError(f"无法连接 Dask 集群 {scheduler}（{exc}），请检查地址和网络 / cannot "
                         f"connect to the Dask scheduler {scheduler} ({exc})") from exc
    with client:
        todo = list(paths)
        if cache is not None and todo:
            todo = []
            digests = (map(file_sha256, paths) if send_bytes else
                       client.gather(client.map(digest_task, list(paths), pure=False)))
            for path, sha256 in zip(paths, digests):
                hit = sha256 and cache.get(entry_key(setup, sha256, os.path.basename(path)), path)
                if hit:
                    yield Outcome(hit)
                else:
                    todo.append(path)
        window = max(8, 4 * sum(client.nthreads().values()))
        queue = deque(todo)
        in_flight: dict[Any, str] = {}
        running = as_completed(loop=client.loop)

        def fill() -> list[Outcome]:
            """Keep ``window`` files on the cluster (bytes are read only when sent)."""
            unreadable = []
            while queue and len(in_flight) < window:
                path = queue.popleft()
                data = _read(path) if send_bytes else None
                if send_bytes and data is None:
                    unreadable.append(failed(path, "not_found",
                                             f"无法读取文件 {path}，请检查路径和权限",
                                             f"cannot read {path}; check the path and "
                                             "permissions", tool))
                    continue
                future = client.submit(screen_task, spec, path, data, timeout, setup, pure=False)
                in_flight[future] = path
                running.add(future)
                if on_start:
                    on_start(path)
            return unreadable

        yield from fill()
        for future in running:
            yield _checked(future, in_flight.pop(future), setup, tool)
            yield from fill()


def _checked(future: Any, path: str, setup: str, tool: dict[str, Any]) -> Outcome:
    try:
        outcome: Outcome = future.result()
    except Exception as exc:  # KilledWorker after retries, a worker without screening …
        return failed(path, "crash",
                      f"集群工作进程检查此文件时失败（{type(exc).__name__}），本文件未完成审查",
                      f"the cluster worker failed on this file ({type(exc).__name__}: {exc}); "
                      "it was not screened", tool)
    if outcome.setup != setup:
        return failed(path, "worker_mismatch",
                      "集群工作进程的检测插件、词表或配置与本机不同，结果不可比，本文件未采用其结果。"
                      "请在所有工作节点安装相同版本并使用相同配置",
                      "the cluster worker has other detector plugins, lexicons or settings than "
                      "this machine; its result was not used. Install the same versions and "
                      "configuration on every worker", tool)
    return outcome


def _read(path: str) -> bytes | None:
    try:
        with open(path, "rb") as fh:
            return fh.read()
    except OSError:
        return None

