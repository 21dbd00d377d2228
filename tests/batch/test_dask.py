"""``screen batch --scheduler``: the same batch on a Dask cluster gives the same results as the
local pool (by path and by bytes), uses the local cache, refuses results of workers with another
setup, and reports a file that runs too long as ``timeout``.

The cluster is a ``distributed.LocalCluster`` on loopback TCP, in this process (``processes=False``:
its worker threads see the same installed plugins, including a fake distribution put on
``sys.path`` by a test).
"""

from __future__ import annotations

import csv
import json
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from screening.batch.dask_runner import ScreenerSpec, run_dask
from screening.cli import cli
from screening.config import Config
from screening.plugins import LOAD_PLUGINS_ENV
from tests.batch.folder import EXPECTED, mixed_folder
from tests.fakedist import fake_dist  # noqa: F401  (fixture)

distributed = pytest.importorskip("distributed")

SLEEP_PLUGIN = '''
import time

from screening import Category, hookimpl


class SleepDetector:
    name = "sleepplug.sleep"
    version = "1.0"
    category = Category.HIDDEN_CONTENT

    def detect(self, document, config):
        if any("SLEEPFOREVER" in b.text for b in document.blocks):
            time.sleep(8)
        return []


@hookimpl
def screening_register_detectors(register, config):
    register(SleepDetector())
'''


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False,
                                  protocol="tcp", host="127.0.0.1", dashboard_address=None,
                                  scheduler_kwargs={"dashboard_address": "127.0.0.1:0"}
                                  ) as local:  # every port on loopback, none fixed
        yield local.scheduler_address


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return mixed_folder(tmp_path_factory.mktemp("dask") / "档案")


@pytest.fixture(autouse=True)
def builtins_only(monkeypatch):
    monkeypatch.setenv(LOAD_PLUGINS_ENV, "")


def run(*args):
    return CliRunner().invoke(cli, ["batch", *map(str, args)])


def test_the_dask_run_equals_the_local_run(cluster, folder, tmp_path):
    assert cluster.startswith("tcp://127.0.0.1:")
    cache = tmp_path / "cache"
    local = run(folder, "--format", "json", "--no-cache", "--cache-dir", cache)
    assert local.exit_code == 4
    assert len(local.stdout.splitlines()) == len(EXPECTED)
    remote = run(folder, "--format", "json", "--no-cache", "--cache-dir", cache,
                 "--scheduler", cluster)
    assert remote.exit_code == 4
    assert remote.stdout == local.stdout
    sent = run(folder, "--format", "json", "--no-cache", "--cache-dir", cache,
               "--scheduler", cluster, "--send-bytes")
    assert sent.stdout == local.stdout
    assert "Dask 集群" in remote.stderr


def test_the_dask_rows_equal_the_local_rows(cluster, folder, tmp_path):
    pytest.importorskip("screening.report.csv")
    cache = tmp_path / "cache"
    csvs = {}
    for name, extra in (("local", ()), ("dask", ("--scheduler", cluster)),
                        ("bytes", ("--scheduler", cluster, "--send-bytes"))):
        csvs[name] = tmp_path / f"{name}.csv"
        run(folder, "--no-cache", "--cache-dir", cache, "--report", csvs[name], *extra)
    def rows(path: Path) -> list[list[str]]:
        """The CSV's rows without its timing column (用时（秒）)."""
        table = list(csv.reader(path.read_text(encoding="utf-8-sig").splitlines()))
        timing = table[0].index("用时（秒）")
        return [row[:timing] + row[timing + 1:] for row in table]

    local = rows(csvs["local"])
    assert len(local) > len(EXPECTED) and any("people.pdf" in row[0] for row in local)
    assert rows(csvs["dask"]) == local
    assert rows(csvs["bytes"]) == local


def test_the_local_cache_serves_a_dask_run(cluster, folder, tmp_path):
    cache = tmp_path / "cache"
    first = run(folder, "--format", "json", "--cache-dir", cache, "--scheduler", cluster)
    second = run(folder, "--format", "json", "--cache-dir", cache, "--scheduler", cluster,
                 "--send-bytes")
    assert f"其中 {len(EXPECTED)} 个未改动，使用上次的结果" in second.stderr
    firsts = [json.loads(line) for line in first.stdout.splitlines()]
    seconds = [json.loads(line) for line in second.stdout.splitlines()]
    assert [r["sha256"] for r in seconds] == [r["sha256"] for r in firsts]
    assert [r["verdict"] for r in seconds] == [r["verdict"] for r in firsts]


def test_results_of_a_worker_with_another_setup_are_refused(cluster, folder):
    spec = ScreenerSpec.of(Config(), "zh")
    outcomes = list(run_dask([str(folder / "mark.docx"), str(folder / "clean.docx")],
                             scheduler=cluster, spec=spec, setup="0" * 64, tool={},
                             timeout=30))
    assert [o.item.error_code for o in outcomes] == ["worker_mismatch"] * 2
    assert outcomes[0].item.report["error"]["message"].startswith(
        "集群工作进程的检测插件、词表或配置与本机不同")


def test_a_file_that_runs_too_long_is_a_timeout(cluster, tmp_path, fake_dist, monkeypatch):  # noqa: F811
    fake_dist(dist="sleepplug", module="sleepplug_mod", source=SLEEP_PLUGIN)
    monkeypatch.setenv(LOAD_PLUGINS_ENV, "sleepplug")
    work = tmp_path / "work"
    work.mkdir()
    (work / "slow.txt").write_text("SLEEPFOREVER\n", encoding="utf-8")
    (work / "fine.txt").write_text("各单位：请按时报送。\n", encoding="utf-8")
    started = time.monotonic()
    result = run(work, "--format", "json", "--timeout", "1", "--scheduler", cluster,
                 "--cache-dir", tmp_path / "cache")
    assert time.monotonic() - started < 30  # the sleeping task is not waited for
    reports = {Path(r["path"]).name: r for r in map(json.loads, result.stdout.splitlines())}
    assert reports["slow.txt"]["error"]["code"] == "timeout"
    assert reports["fine.txt"]["verdict"] == "pass"
    assert {"name": "sleepplug", "version": "1.0"} in reports["fine.txt"]["tool"]["plugins"]
    assert result.exit_code == 4
