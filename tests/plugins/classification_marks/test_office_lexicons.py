"""An office extends the mark lexicons without code: from its own plugin, or from a file named in
screening.toml (``Config.lexicon_files``); and changes severities in its configuration."""

from __future__ import annotations

import pytest

from screening import Config, Entry, Lexicon, Severity, hookimpl
from screening.plugins import collect, get_plugin_manager
from screening_plugins.classification_marks import (LEXICONS, DisclosureAttributeDetector,
                                                    SecretLevelMarkDetector, WorkSecretMarkDetector)
from tests.conftest import make_document

from .helpers import FILLER, run, summary


class OfficeMarks:
    """What an office's own plugin would contain."""

    @hookimpl
    def screening_register_lexicons(self, register):
        register(Lexicon(name="work_secret_marks", source="office", entries=(
            Entry("局内参阅", "work_secret", "S", "", "scope=mark"),
            Entry("限局领导阅", "work_secret", "S", "", "scope=anywhere"),
        )))


def test_builtin_lexicons_are_registered(config):
    for name in LEXICONS:
        assert config.lexicon(name).entries, name
    assert config.lexicon("work_secret_marks").source == "screening_lexicons/work_secret_marks.txt"


def test_office_plugin_adds_work_secret_marks(config):
    pm = get_plugin_manager(entrypoints=False)
    pm.register(OfficeMarks(), name="office-marks")
    office = collect(pm, Config()).config
    doc = make_document("局内参阅", *FILLER, "本材料限局领导阅，请勿复印。", "内部资料")
    detector = WorkSecretMarkDetector()
    assert summary(run(detector, doc, office)) == [
        ("work_secret", "body", "局内参阅", "review"),
        ("work_secret", "body", "限局领导阅", "review"),
        ("work_secret", "body", "内部资料", "review")]  # the built-in entries are still there
    # the same detector instance with the default configuration: recompiled, office marks gone
    assert summary(run(detector, doc, config)) == [("work_secret", "body", "内部资料", "review")]


def test_office_lexicon_file_from_config(tmp_path, pm):
    work = tmp_path / "office_marks.txt"
    work.write_text("# 本局标志\n局内参阅\twork_secret\tS\t\tscope=mark\n", encoding="utf-8")
    stars = tmp_path / "office_stars.txt"
    stars.write_text("✪\tstar\tS\t\t本局模板使用的星号\n", encoding="utf-8")
    look = tmp_path / "office_look.txt"
    look.write_text("停车场仅供内部使用\tlookalike\t\t\t本局停车场告示\n", encoding="utf-8")
    office = collect(pm, Config(lexicon_files={
        "work_secret_marks": str(work), "secret_level_marks": str(stars),
        "mark_false_positives": str(look)})).config
    doc = make_document("机密✪10年", "局内参阅", *FILLER, "本停车场仅供内部使用，外来车辆请勿驶入。")
    assert summary(run(SecretLevelMarkDetector(), doc, office)) == [
        ("secret_level", "body", "机密✪10年", "block")]
    assert summary(run(WorkSecretMarkDetector(), doc, office)) == [
        ("work_secret", "body", "局内参阅", "review")]
    # without the office's files: no star ✪, no 局内参阅, and the notice is a finding
    default = collect(pm, Config()).config
    assert run(SecretLevelMarkDetector(), doc, default) == []
    assert summary(run(WorkSecretMarkDetector(), doc, default)) == [
        ("work_secret", "body", "仅供内部使用", "review")]


def test_severity_override_keeps_info(pm):
    office = collect(pm, Config(severity={
        "classification_mark.work_secret": Severity.BLOCK,
        "classification_mark.disclosure_attribute": Severity.BLOCK})).config
    doc = make_document("内部", *FILLER, "标注“内部资料　注意保存”的材料由办公室保管。", "（此件公开发布）")
    assert summary(run(WorkSecretMarkDetector(), doc, office)) == [
        ("work_secret", "body", "内部", "block"),
        ("work_secret", "body", "内部资料　注意保存", "info")]
    assert summary(run(DisclosureAttributeDetector(), doc, office)) == [
        ("disclosure_attribute", "body", "（此件公开发布）", "info")]


def test_detector_without_merged_lexicons_uses_the_builtin_ones():
    # run outside the plugin manager: must not silently find nothing
    [f] = run(SecretLevelMarkDetector(), make_document("秘密★1年"), Config())
    assert f.severity is Severity.BLOCK


@pytest.mark.parametrize("name", LEXICONS)
def test_lexicon_files_parse_with_known_kinds(name, config):
    kinds = {"secret_level_marks": {"level", "star", "companion", "english", "field",
                                    "citation_lead"},
             "work_secret_marks": {"work_secret", "field"},
             "disclosure_attribute_marks": {"disclosure_attribute", "field"},
             "mark_false_positives": {"lookalike", "example_cue", "quiz_cue", "definition_cue",
                                      "regulation_title"}}[name]
    lex = config.lexicon(name)
    assert {e.kind for e in lex.entries} == kinds
    for e in lex.entries:
        scope = dict(w.split("=", 1) for w in e.note.split() if "=" in w).get("scope")
        assert scope in (None, "anywhere", "mark", "top"), e
