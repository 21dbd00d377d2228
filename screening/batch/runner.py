"""The local process pool of ``screen batch``: N worker processes, one Screener each, a per-file
deadline, and a replacement for any worker that hangs or dies.

:func:`run_local` yields one :class:`~screening.batch.work.Outcome` per path, in the order the
files finish. Design (``concurrent.futures`` cannot stop a running task, so this is a small pool
of its own):

* Workers are forked (``multiprocessing`` fork context): nothing is pickled. Each worker calls
  ``factory()`` once, before it takes a file, and screens every file with that one Screener.
  ``screen batch`` passes a factory that returns the Screener it built (and warmed, see
  :func:`~screening.batch.work.warm_up`) before forking: plugins and lexicons are loaded once in
  all, every worker has exactly the setup the cache fingerprint was taken of, and a replacement
  worker starts at once. A factory that builds a new Screener works the same way; one that fails
  stops the batch with :class:`BatchError` (the plugins cannot load: no file could be screened).
* Each worker has its own pipe and gets one file at a time, so the parent always knows which file
  a worker is on and since when. Files are handed out largest first (the batch ends sooner).
* A file that runs past ``timeout`` seconds: the worker's whole process group is killed (the PDF
  reader's own child with it), the file gets ``error`` with code ``timeout``, a new worker is
  forked. A worker that dies (a crash in a C library, ``os._exit`` in a plugin, the kernel's OOM
  killer): the file gets code ``crash``, a new worker is forked. One bad file never stops a batch.
* Closing the iterator early (Ctrl-C, an error in the caller) kills every worker. Outcomes already
  yielded are the caller's to keep (the cache commits them), so a new run resumes.
* The cache is not the pool's business: the caller looks files up first
  (:func:`~screening.batch.work.from_cache`) and hands the pool only the misses.

Where ``fork`` does not exist, files are screened one by one in this process (no timeout).
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from typing import Any

from ..pipeline import Screener
from .work import Outcome, failed, screen_file

#: workers that die without a file this many times per worker slot: give up (they cannot start)
MAX_IDLE_DEATHS = 3


class BatchError(RuntimeError):
    """The pool itself cannot run (its workers die before screening anything)."""


@dataclass
class _Worker:
    process: Any
    conn: Connection
    ready: bool = False  # its Screener is built: it may get files
    task: tuple[int, str] | None = None
    started: float = 0.0
    deadline: float = field(default=float("inf"))


def run_local(paths: Sequence[str], factory: Callable[[], Screener], *, workers: int,
              timeout: float, lang: str, setup: str, tool: dict[str, Any],
              on_start: Callable[[str], None] | None = None) -> Iterator[Outcome]:
    """Screen ``paths`` with ``workers`` processes; yield an outcome per path as it finishes.

    :param factory: builds the worker's Screener (called once in each worker).
    :param setup: the cache fingerprint of that Screener
        (:func:`~screening.batch.cache.fingerprint`).
    :param tool: ``screener.tool.to_dict()``, for the reports of files that failed in a worker.
    :param on_start: called with a path when a worker starts on it (progress display).
    """
    if not paths:
        return
    if "fork" not in multiprocessing.get_all_start_methods():
        yield from _run_here(paths, factory, lang=lang, setup=setup, on_start=on_start)
        return
    pool = _Pool(factory, lang=lang, setup=setup)
    todo = deque(sorted(enumerate(paths), key=lambda ip: (-_size(ip[1]), ip[0])))
    left = len(paths)
    slots = max(1, min(workers, len(paths)))

    def assign_idle() -> None:
        for worker in list(pool.workers):
            if worker.ready and worker.task is None and todo:
                task = todo.popleft()
                if not pool.assign(worker, task, timeout):
                    todo.appendleft(task)  # the worker was gone before it got the file
                elif on_start:
                    on_start(task[1])

    try:
        for _ in range(slots):
            pool.spawn()
        while left:
            assign_idle()
            outcomes = pool.collect(tool, timeout)
            # the workers that just finished get their next file before the caller spends time
            # on these results (cache writes, output): a worker never waits for the parent
            assign_idle()
            for outcome in outcomes:
                left -= 1
                yield outcome
    finally:
        pool.close()


class _Pool:
    def __init__(self, factory: Callable[[], Screener], *, lang: str, setup: str):
        self.context = multiprocessing.get_context("fork")
        self.args = (factory, lang, setup)
        self.workers: list[_Worker] = []
        self.idle_deaths = 0

    def spawn(self) -> _Worker:
        for stream in (sys.stdout, sys.stderr):  # a child must not write the parent's buffer again
            try:
                stream.flush()
            except (AttributeError, OSError, ValueError):
                pass
        parent_end, child_end = self.context.Pipe(duplex=True)
        process = self.context.Process(target=_worker_main, args=(child_end, *self.args),
                                       daemon=True, name="screening-batch-worker")
        process.start()
        child_end.close()
        worker = _Worker(process, parent_end)
        self.workers.append(worker)
        return worker

    def assign(self, worker: _Worker, task: tuple[int, str], timeout: float) -> bool:
        """Hand ``task`` to ``worker``; ``False`` (and the worker replaced) if it is gone."""
        try:
            worker.conn.send(task)
        except OSError:
            self._replace(worker, {}, "crash")
            return False
        worker.task = task
        worker.started = time.monotonic()
        worker.deadline = worker.started + timeout
        return True

    def collect(self, tool: dict[str, Any], timeout: float) -> list[Outcome]:
        """Wait until a worker is ready, finishes, dies or runs out of time; return the outcomes
        that produced."""
        listening = [w for w in self.workers if w.task is not None or not w.ready]
        deadlines = [w.deadline for w in listening if w.task is not None]
        now = time.monotonic()
        wait_for = max(0.0, min(deadlines) - now) if deadlines else 1.0
        handles: list[Any] = [w.conn for w in listening]
        handles += [w.process.sentinel for w in self.workers]
        ready = set(wait(handles, timeout=wait_for))
        out: list[Outcome] = []
        for worker in list(self.workers):
            if worker.conn in ready and worker in listening:
                try:
                    message = worker.conn.recv()
                except (EOFError, OSError):
                    out.extend(self._replace(worker, tool, "crash"))
                    continue
                if not worker.ready:
                    self._started(worker, message)
                    continue
                worker.task = None
                worker.deadline = float("inf")
                out.append(message[1])
            elif worker.process.sentinel in ready:
                out.extend(self._replace(worker, tool, "crash"))
        now = time.monotonic()
        for worker in list(self.workers):
            if worker.task is not None and worker.deadline <= now:
                out.extend(self._replace(worker, tool, "timeout", timeout))
        return out

    def _started(self, worker: _Worker, message: tuple[str, str | None]) -> None:
        """A worker's first message: its Screener is built, or it could not be."""
        if message[0] == "failed":
            raise BatchError(f"批量检查的工作进程无法加载检测插件：{message[1]}"
                             f" / a batch worker cannot load the detector plugins: {message[1]}")
        worker.ready = True

    def _replace(self, worker: _Worker, tool: dict[str, Any], why: str,
                 timeout: float = 0.0) -> list[Outcome]:
        """Stop ``worker`` for good, fork a new one; the outcome of the file it was on, if any."""
        _kill(worker)
        status = worker.process.exitcode
        self.workers.remove(worker)
        self.spawn()
        if worker.task is None:
            self.idle_deaths += 1
            if self.idle_deaths > MAX_IDLE_DEATHS * max(1, len(self.workers)):
                raise BatchError(f"批量检查的工作进程无法启动（退出码 {status}）"
                                 f" / batch worker processes keep dying (exit status {status})")
            return []
        path = worker.task[1]
        seconds = time.monotonic() - worker.started
        if why == "timeout":
            return [failed(path, "timeout",
                           f"检查超过 {timeout:g} 秒仍未完成，已停止。文件可能过大或结构异常，"
                           "请人工检查，或用更大的 --timeout 单独重试",
                           f"screening took longer than {timeout:g} s and was stopped; the file "
                           "may be very large or malformed: check it by hand or retry it alone "
                           "with a larger --timeout", tool, seconds)]
        return [failed(path, "crash",
                       f"检查此文件时工作进程意外退出（退出状态 {status}），本文件未完成审查。"
                       "文件可能已损坏或含恶意结构，请人工检查",
                       f"the worker process died while screening this file (exit status "
                       f"{status}); it was not screened: the file may be damaged or hostile, "
                       "check it by hand", tool, seconds)]

    def close(self) -> None:
        for worker in self.workers:
            if worker.task is None:
                try:
                    worker.conn.send(None)
                except OSError:
                    pass
        deadline = time.monotonic() + 2.0
        for worker in self.workers:
            if worker.task is None:
                worker.process.join(max(0.0, deadline - time.monotonic()))
            _kill(worker)
            worker.conn.close()
        self.workers = []


def _kill(worker: _Worker) -> None:
    """Kill the worker and its process group (the PDF reader's child), then reap it."""
    process = worker.process
    if process.exitcode is None and process.pid:
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            process.kill()
    process.join(5.0)


def _worker_main(conn: Connection, factory: Callable[[], Screener], lang: str, setup: str
                 ) -> None:
    """A worker: one Screener, then files until the parent sends ``None`` or goes away."""
    try:
        os.setpgrp()  # its own process group: a timeout kills its PDF child too; no Ctrl-C
    except OSError:
        pass
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        screener = factory()
    except Exception as exc:  # a plugin that cannot load: say so once, do not take files
        conn.send(("failed", f"{type(exc).__name__}: {exc}"))
        return
    conn.send(("ready", None))
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        index, path = task
        conn.send((index, _screen(screener, path, lang, setup)))


def _screen(screener: Screener, path: str, lang: str, setup: str) -> Outcome:
    started = time.perf_counter()
    try:
        return screen_file(screener, path, lang=lang, setup=setup)
    except Exception as exc:  # the screener never raises for a file; this is a bug around it
        return failed(path, "internal",
                      f"内部错误（{type(exc).__name__}: {exc}），本文件未完成审查",
                      f"internal error ({type(exc).__name__}: {exc}); the file was not "
                      "screened", screener.tool.to_dict(), time.perf_counter() - started)


def _run_here(paths: Sequence[str], factory: Callable[[], Screener], *, lang: str, setup: str,
              on_start: Callable[[str], None] | None) -> Iterator[Outcome]:
    screener = factory()
    for path in paths:
        if on_start:
            on_start(path)
        yield _screen(screener, path, lang, setup)


def _size(path: str) -> int:
    try:
        return os.stat(path).st_size
    except OSError:
        return 0
