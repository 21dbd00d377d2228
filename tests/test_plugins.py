"""The plugin manager factory: no import-time side effects, built-ins first, third-party plugins
from entry points (restricted by SCREENING_LOAD_PLUGINS), blocking, duplicates, validation."""

from __future__ import annotations

import subprocess
import sys

import pluggy
import pytest

from screening import Config, PluginError
from screening.pipeline import Screener
from screening.plugins import (BUILTIN_PLUGINS, LOAD_PLUGINS_ENV, collect, get_plugin_manager,
                               plugin_version)
from tests.cli.keyword_plugin import NAME as KEYWORD, KeywordPlugin
from tests.conftest import make_document
from tests.fakedist import BROKEN_PLUGIN, MISSPELLED_PLUGIN, fake_dist  # noqa: F401


def test_importing_screening_registers_nothing():
    """Importing the package, the CLI and the factory builds no manager and loads no plugin."""
    code = (
        "import gc, sys, pluggy\n"
        "import screening, screening.plugins, screening.pipeline, screening.cli\n"
        "managers = [o for o in gc.get_objects() if isinstance(o, pluggy.PluginManager)]\n"
        "assert managers == [], managers\n"
        "loaded = sorted(m for m in sys.modules if m.startswith('screening_plugins'))\n"
        "assert loaded == [], loaded\n"
        "print('ok')\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"


def test_two_managers_are_independent():
    a = get_plugin_manager(entrypoints=False)
    b = get_plugin_manager(entrypoints=False)
    assert a is not b
    a.register(KeywordPlugin(), name=KEYWORD)
    a.set_blocked("hidden_content")
    assert a.get_plugin(KEYWORD) is not None and b.get_plugin(KEYWORD) is None
    assert b.get_plugin("hidden_content") is not None and not b.is_blocked("hidden_content")
    names_b = {d.name for d in collect(b, Config()).detectors}
    assert not any(n.startswith(KEYWORD) for n in names_b)
    assert "hidden_content.image_only_page" in names_b


def test_builtins_are_registered_by_name():
    pm = get_plugin_manager(entrypoints=False)
    for name, module in BUILTIN_PLUGINS:
        assert pm.get_plugin(name).__name__ == module
        assert plugin_version(pm, name)[0] == "screening"


# -- entry points and SCREENING_LOAD_PLUGINS ---------------------------------------------------

@pytest.mark.parametrize("env, loaded", [
    (None, True),             # unset: every installed distribution
    ("myplug", True),
    ("MyPlug", True),         # distribution names compare canonically
    (" other-dist , myplug ", True),
    ("", False),              # empty: no third-party plugin at all
    ("other-dist", False),
])
def test_load_plugins_env_restricts_distributions(fake_dist, monkeypatch, env, loaded):
    fake_dist()
    if env is None:
        monkeypatch.delenv(LOAD_PLUGINS_ENV, raising=False)
    else:
        monkeypatch.setenv(LOAD_PLUGINS_ENV, env)
    pm = get_plugin_manager()
    assert (pm.get_plugin("myplug") is not None) is loaded
    detectors = {d.name for d in collect(pm, Config()).detectors}
    assert ("myplug.needle" in detectors) is loaded


def test_third_party_plugin_runs_and_is_versioned(fake_dist, monkeypatch):
    fake_dist(version="2.3.1")
    monkeypatch.delenv(LOAD_PLUGINS_ENV, raising=False)
    pm = get_plugin_manager()
    assert plugin_version(pm, "myplug") == ("myplug", "2.3.1")
    screener = Screener(Config(), pm=pm)
    assert {"name": "myplug", "version": "2.3.1"} in [p.to_dict() for p in screener.tool.plugins]
    found = screener.detect(make_document("第一段", "本段含 NEEDLE 一词"))
    needle = [f for f in found if f.detector == "myplug.needle"]
    assert [(f.text, f.kind, f.location.block, f.location.start) for f in needle] == \
        [("NEEDLE", "internal_process", 1, 4)]


def test_only_argument_overrides_the_environment(fake_dist, monkeypatch):
    fake_dist()
    monkeypatch.setenv(LOAD_PLUGINS_ENV, "")
    assert get_plugin_manager(only=["myplug"]).get_plugin("myplug") is not None
    monkeypatch.delenv(LOAD_PLUGINS_ENV)
    assert get_plugin_manager(only=[]).get_plugin("myplug") is None
    assert get_plugin_manager(entrypoints=False).get_plugin("myplug") is None


def test_broken_third_party_plugin_fails_loudly(fake_dist, monkeypatch):
    fake_dist(dist="brokenplug", module="brokenplug_mod", source=BROKEN_PLUGIN)
    monkeypatch.delenv(LOAD_PLUGINS_ENV, raising=False)
    with pytest.raises(PluginError, match="brokenplug") as info:
        get_plugin_manager()
    assert "无法加载" in info.value.message and "failed to load" in info.value.message_en
    monkeypatch.setenv(LOAD_PLUGINS_ENV, "")
    assert get_plugin_manager().get_plugin("brokenplug") is None  # not asked to load: no error


# -- blocking, duplicates, validation ------------------------------------------------------------

def test_blocked_builtin_is_absent():
    pm = get_plugin_manager(entrypoints=False, blocked=["hidden_content"])
    assert pm.get_plugin("hidden_content") is None and pm.is_blocked("hidden_content")
    reg = collect(pm, Config())
    assert "hidden_content.image_only_page" not in {d.name for d in reg.detectors}
    assert "hidden_content" not in {p.name for p in reg.plugins}


def test_blocked_entry_point_plugin_is_absent(fake_dist, monkeypatch):
    fake_dist()
    monkeypatch.delenv(LOAD_PLUGINS_ENV, raising=False)
    pm = get_plugin_manager(blocked=["myplug"])
    assert pm.get_plugin("myplug") is None
    assert "myplug.needle" not in {d.name for d in collect(pm, Config()).detectors}


class _Twice:
    """Registers two detectors under one name."""

    @pluggy.HookimplMarker("screening")
    def screening_register_detectors(self, register, config):
        from tests.cli.keyword_plugin import BoomDetector

        register(BoomDetector())
        register(BoomDetector())


def test_duplicate_detector_name_raises():
    pm = get_plugin_manager(entrypoints=False)
    pm.register(_Twice(), name="twice")
    with pytest.raises(PluginError, match="keyword_test.boom") as info:
        collect(pm, Config())
    assert info.value.message == "检测器名称重复：keyword_test.boom"


def test_duplicate_across_plugins_raises():
    pm = get_plugin_manager(entrypoints=False)
    pm.register(KeywordPlugin(), name=KEYWORD)
    pm.register(KeywordPlugin(), name="keyword_copy")
    with pytest.raises(PluginError, match="检测器名称重复"):
        collect(pm, Config())


class _Misspelled:
    @pluggy.HookimplMarker("screening")
    def screening_register_detektors(self, register, config):
        pass


def test_check_pending_catches_a_misspelled_hook():
    pm = get_plugin_manager(entrypoints=False)
    pm.register(_Misspelled(), name="misspelled")
    with pytest.raises(pluggy.PluginValidationError, match="screening_register_detektors"):
        pm.check_pending()


def test_factory_rejects_a_misspelled_hook_from_an_entry_point(fake_dist, monkeypatch):
    fake_dist(dist="typoplug", module="typoplug_mod", source=MISSPELLED_PLUGIN)
    monkeypatch.delenv(LOAD_PLUGINS_ENV, raising=False)
    with pytest.raises(pluggy.PluginValidationError, match="unknown hook"):
        get_plugin_manager()


class _WrongArgument:
    @pluggy.HookimplMarker("screening")
    def screening_register_readers(self, register, config):  # the spec has no ``config``
        pass


def test_implementation_with_an_unknown_argument_is_rejected():
    pm = get_plugin_manager(entrypoints=False)
    with pytest.raises(pluggy.PluginValidationError, match="config"):
        pm.register(_WrongArgument(), name="wrong")
