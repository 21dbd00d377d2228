"""``screen plugins``: what every scan in this environment runs with."""

from __future__ import annotations

import json

from click.testing import CliRunner

import screening
from screening.cli import cli
from screening.plugins import BUILTIN_PLUGINS, LOAD_PLUGINS_ENV
from tests.cli.keyword_plugin import plugin_manager
from tests.fakedist import MISSPELLED_PLUGIN, fake_dist  # noqa: F401


def test_json_lists_plugins_readers_detectors_lexicons():
    result = CliRunner().invoke(cli, ["plugins", "--format", "json"], obj={"pm": plugin_manager()})
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert set(data) == {"version", "plugins", "readers", "detectors", "lexicons"}
    assert data["version"] == screening.__version__
    plugins = {p["name"]: p for p in data["plugins"]}
    for name, _module in BUILTIN_PLUGINS:
        assert plugins[name] == {"name": name, "distribution": "screening",
                                 "version": screening.__version__}
    assert "keyword_test" in plugins
    assert [r["format"] for r in data["readers"]][:1] == ["lines"]  # sorted by priority
    assert {"pdf", "docx", "text"} <= {r["format"] for r in data["readers"]}
    detectors = {d["name"]: d for d in data["detectors"]}
    assert detectors["keyword_test.boom"] == {"name": "keyword_test.boom",
                                              "category": "hidden_content", "version": "test"}
    assert "hidden_content.image_only_page" in detectors
    for lexicon in data["lexicons"]:
        assert set(lexicon) == {"name", "entries", "source", "version"}
        assert lexicon["entries"] > 0


def test_text_lists_the_same():
    result = CliRunner().invoke(cli, ["plugins"], obj={"pm": plugin_manager()})
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0] == f"screening {screening.__version__}"
    assert any(line.startswith("插件 Plugins (") for line in lines)
    assert any(line.split()[:3] == ["readers", "screening", screening.__version__]
               for line in lines)
    assert any(line.split()[:3] == ["keyword_test.boom", "hidden_content", "test"]
               for line in lines)
    en = CliRunner().invoke(cli, ["plugins", "--lang", "en"], obj={"pm": plugin_manager()})
    assert "Detectors (" in en.output and "检测器" not in en.output


def test_third_party_plugin_is_listed_with_its_distribution(fake_dist, monkeypatch):
    fake_dist(version="1.4")
    monkeypatch.delenv(LOAD_PLUGINS_ENV, raising=False)
    data = json.loads(CliRunner().invoke(cli, ["plugins", "--format", "json"]).output)
    assert {"name": "myplug", "distribution": "myplug", "version": "1.4"} in data["plugins"]
    assert "myplug.needle" in {d["name"] for d in data["detectors"]}
    monkeypatch.setenv(LOAD_PLUGINS_ENV, "")
    data = json.loads(CliRunner().invoke(cli, ["plugins", "--format", "json"]).output)
    assert "myplug" not in {p["name"] for p in data["plugins"]}


def test_invalid_plugin_stops_every_command_with_exit_4(fake_dist, monkeypatch, tmp_path):
    fake_dist(dist="typoplug", module="typoplug_mod", source=MISSPELLED_PLUGIN)
    monkeypatch.delenv(LOAD_PLUGINS_ENV, raising=False)
    for args in (["plugins"], [str(tmp_path / "a.txt")]):
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 4, result.output
        assert result.stderr.startswith("错误：插件有误，无法加载")
        assert "screening_register_detektors" in result.stderr
