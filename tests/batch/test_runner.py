"""The local pool: every path gets exactly one outcome; an interrupted run resumes from the cache;
a timeout kills the worker's whole process group; workers that cannot start stop the batch."""

from __future__ import annotations

import multiprocessing
import os
import time
from functools import partial
from pathlib import Path

import pytest

from screening import Config
from screening.batch.cache import Cache, fingerprint
from screening.batch.runner import BatchError, run_local
from screening.batch.work import from_cache
from screening.pipeline import Screener
from tests.batch.plugin import LOG_ENV, log_lines, plugin_manager


@pytest.fixture
def files(tmp_path):
    folder = tmp_path / "files"
    folder.mkdir()
    paths = []
    for i in range(6):
        path = folder / f"{i}.txt"
        path.write_text(f"第 {i} 号通知 电话 1381234567{i}\n", encoding="utf-8")
        paths.append(str(path))
    return paths


def _same(screener):
    return screener


def pool(paths, build_in_worker=False, **kwargs):
    """The pool as ``screen batch`` runs it: the workers keep the Screener built here (or, with
    ``build_in_worker``, each builds its own from the same plugin manager)."""
    pm = plugin_manager()
    screener = Screener(Config(), pm=pm)
    options = {"workers": 2, "timeout": 30.0, "lang": "zh", "setup": fingerprint(screener, "zh"),
               "tool": screener.tool.to_dict(), **kwargs}
    factory = partial(Screener, Config(), pm=pm) if build_in_worker else partial(_same, screener)
    return run_local(paths, factory, **options), options["setup"]


def test_every_path_gets_one_outcome(files):
    outcomes, _ = pool(files + files[:1], workers=3, build_in_worker=True)
    got = sorted(o.item.path for o in outcomes)
    assert got == sorted(files + files[:1])
    assert {o.item.verdict for o in pool(files)[0]} == {"review"}
    assert multiprocessing.active_children() == []


def test_files_run_in_parallel(tmp_path):
    """Files that wait (0.3 s each) finish in about half the time with two workers: the pool
    hands out files without waiting for one another (a machine's CPU share does not matter)."""
    paths = []
    for i in range(8):
        path = tmp_path / f"{i}.txt"
        path.write_text("NAPTIME\n", encoding="utf-8")
        paths.append(str(path))
    seconds = {}
    for workers in (1, 2, 4):
        started = time.monotonic()
        outcomes, _ = pool(paths, workers=workers)
        assert sorted(o.item.path for o in outcomes) == sorted(paths)
        seconds[workers] = time.monotonic() - started
    assert seconds[1] >= 8 * 0.3
    assert seconds[2] < 0.75 * seconds[1], seconds
    assert seconds[4] < 0.85 * seconds[2], seconds


def test_an_interrupted_run_resumes_from_the_cache(files, tmp_path, monkeypatch):
    log = tmp_path / "scans.log"
    monkeypatch.setenv(LOG_ENV, str(log))
    cache = Cache(tmp_path / "cache")
    outcomes, setup = pool(files)
    done = []
    for outcome in outcomes:
        cache.put(outcome.key, setup, outcome.item)
        done.append(outcome.item.path)
        if len(done) == 2:
            break  # Ctrl-C in the CLI: the generator is closed
    outcomes.close()
    cache.commit()
    assert multiprocessing.active_children() == []
    assert len(log_lines(log)) <= 4  # at most the two workers' files in flight besides
    before = len(log_lines(log))
    hits, misses = from_cache(cache, setup, files)
    assert sorted(h.item.path for h in hits) == sorted(done)
    assert all(h.item.cached for h in hits)
    second, _ = pool(misses)
    assert sorted(o.item.path for o in second) == sorted(set(files) - set(done))
    assert len(log_lines(log)) == before + 4


def test_a_timeout_kills_the_workers_children_too(files, tmp_path, monkeypatch):
    log = tmp_path / "scans.log"
    monkeypatch.setenv(LOG_ENV, str(log))
    Path(files[0]).write_text("SPAWNSLEEP\n", encoding="utf-8")
    outcomes, _ = pool(files, timeout=1.0)
    by_path = {o.item.path: o.item for o in outcomes}
    assert by_path[files[0]].error_code == "timeout"
    assert all(by_path[p].verdict == "review" for p in files[1:])
    child = int(Path(str(log) + ".child").read_text())
    deadline = time.monotonic() + 5
    while _alive(child) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _alive(child), "the worker's own child survived the timeout"


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().split(")")[-1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def _broken_factory():
    raise RuntimeError("plugins cannot load")


def test_workers_that_cannot_start_stop_the_batch(files):
    screener = Screener(Config(), pm=plugin_manager())
    with pytest.raises(BatchError,
                       match="工作进程无法加载检测插件：RuntimeError: plugins cannot load"):
        list(run_local(files, _broken_factory, workers=2, timeout=5, lang="zh", setup="x",
                       tool=screener.tool.to_dict()))
    assert multiprocessing.active_children() == []


def _dying_factory():
    os._exit(7)


def test_workers_that_die_at_start_stop_the_batch(files):
    with pytest.raises(BatchError, match="工作进程无法启动（退出码 7）"):
        list(run_local(files, _dying_factory, workers=2, timeout=5, lang="zh", setup="x",
                       tool={}))
    assert multiprocessing.active_children() == []


def test_no_paths_no_workers():
    assert list(run_local([], _broken_factory, workers=2, timeout=5, lang="zh", setup="x",
                          tool={})) == []
    assert os.getpid()
