"""Every hook does what its spec says, is documented in docs/hooks.md with its exact signature,
and has a ``test_hook_<name>`` here (the two meta-tests, after datasette's
test_plugin_hooks_have_tests / test_plugin_hooks_are_documented)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from screening import Config, Entry, Lexicon, hookimpl, hookspecs
from screening.config import config_from_dict
from screening.model import Verdict
from screening.pipeline import Screener
from screening.plugins import collect, get_plugin_manager
from tests.cli.keyword_plugin import NAME as KEYWORD, KeywordPlugin, LinesReader

ROOT = Path(__file__).resolve().parent.parent
HOOKS_MD = ROOT / "docs" / "hooks.md"


def hookspec_signatures() -> dict[str, str]:
    """``{name: "name(args) -> return"}`` of every ``@hookspec`` in screening/hookspecs.py,
    written as in the source."""
    tree = ast.parse(Path(hookspecs.__file__).read_text(encoding="utf-8"))
    out = {}
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and any(
                ast.unparse(d).split("(")[0] == "hookspec" for d in node.decorator_list):
            returns = f" -> {ast.unparse(node.returns)}" if node.returns else ""
            out[node.name] = f"{node.name}({ast.unparse(node.args)}){returns}"
    return out


def doc_sections() -> dict[str, str]:
    text = HOOKS_MD.read_text(encoding="utf-8")
    parts = re.split(r"^## ", text, flags=re.M)
    return {p.split("\n", 1)[0].strip(): p for p in parts[1:]}


def test_hookspecs_are_found():
    specs = hookspec_signatures()
    assert "screening_register_detectors" in specs
    assert set(specs) == {n for n in dir(hookspecs) if n.startswith("screening_")}


@pytest.mark.parametrize("name, signature", sorted(hookspec_signatures().items()))
def test_every_hookspec_is_documented_with_its_signature(name, signature):
    sections = doc_sections()
    assert name in sections, f"docs/hooks.md has no section '## {name}'"
    assert f"```python\n{signature}\n```" in sections[name], \
        f"docs/hooks.md section {name} does not show the exact signature:\n{signature}"


def test_every_documented_hook_exists():
    documented = {n for n in doc_sections() if n.startswith("screening_")}
    assert documented == set(hookspec_signatures())


@pytest.mark.parametrize("name", sorted(hookspec_signatures()))
def test_every_hookspec_has_a_test(name):
    assert callable(globals().get(f"test_hook_{name}")), f"write test_hook_{name} in {__file__}"


# -- one test per hook -----------------------------------------------------------------------------

def _manager(*plugins) -> object:
    pm = get_plugin_manager(entrypoints=False)
    for i, plugin in enumerate(plugins):
        pm.register(plugin, name=f"test_plugin_{i}")
    return pm


def test_hook_screening_register_readers(tmp_path):
    class Plugin:
        @hookimpl
        def screening_register_readers(self, register):
            register(LinesReader())

    screener = Screener(Config(), pm=_manager(Plugin()))
    assert [r.format for r in screener.registry.readers][:1] == ["lines"]  # priority 0 first
    path = tmp_path / "note.lines"
    path.write_text("第一行\n\n第三行\n", encoding="utf-8")
    doc = screener.read(path)
    assert [(b.text, b.part, b.line) for b in doc.blocks] == [("第一行", "body", 0),
                                                           ("第三行", "body", 1)]
    # another suffix is not sniffed by it: the built-ins decide (content, not suffix)
    other = tmp_path / "note.bin"
    other.write_bytes(b"\x00\x01\x02\x03" * 10)
    assert screener.scan(other).error.code == "unsupported_format"


def test_hook_screening_register_detectors(tmp_path):
    seen_config = []

    class Plugin:
        @hookimpl
        def screening_register_detectors(self, register, config):
            seen_config.append(config)
            KeywordPlugin().screening_register_detectors(register, config)

        @hookimpl
        def screening_register_readers(self, register):
            register(LinesReader())

    office = config_from_dict({"severity": {"restricted_info.process_draft": "block"}})
    screener = Screener(office, pm=_manager(Plugin()))
    assert seen_config == [screener.config]
    assert seen_config[0].severity["restricted_info.process_draft"].value == "block"
    names = {d.name for d in screener.registry.detectors}
    assert {f"{KEYWORD}.restricted_info", f"{KEYWORD}.boom"} <= names
    path = tmp_path / "a.lines"
    path.write_text("甲\n乙 REVIEWWORD\n", encoding="utf-8")
    r = screener.scan(path)
    assert [(f.kind, f.severity.value, f.location.block) for f in r.findings] == \
        [("process_draft", "block", 1)]  # the office override applied by make_finding
    assert r.verdict is Verdict.BLOCK
    path.write_text("BOOM\n", encoding="utf-8")
    failed = screener.scan(path)
    assert failed.verdict is Verdict.ERROR and failed.error.code == "plugin_error"
    assert f"{KEYWORD}.boom" in failed.error.message


def test_hook_screening_register_lexicons(tmp_path):
    class Builtin:
        @hookimpl
        def screening_register_lexicons(self, register):
            register(Lexicon("office_terms", (Entry("甲项目", "internal_process"),), "builtin"))

    class Office:
        @hookimpl
        def screening_register_lexicons(self, register):
            register(Lexicon("office_terms", (Entry("乙项目", "internal_process"),), "office"))

    extra = tmp_path / "more.txt"
    extra.write_text("# office file\n丙项目\tinternal_process\n", encoding="utf-8")
    config = config_from_dict({"lexicons": {"office_terms": str(extra)}})
    reg = collect(_manager(Builtin(), Office()), config)
    terms = reg.config.lexicon("office_terms").terms()
    assert sorted(terms[:2]) == ["乙项目", "甲项目"]  # both plugins' terms
    assert terms[2] == "丙项目"  # the office's file is merged after the plugins
    assert reg.lexicons["office_terms"].terms() == terms
    assert reg.config.lexicon("nothing").entries == ()


def test_hook_screening_filter_finding(tmp_path):
    asked = []

    class Quiet:
        @hookimpl
        def screening_filter_finding(self, finding, document, config):
            asked.append((finding.text, document.format, config.lang))
            return None

    class PublicWords:
        @hookimpl
        def screening_filter_finding(self, finding):
            return "known public word" if finding.text == "BLOCKWORD" else None

    pm = _manager(KeywordPlugin(), Quiet(), PublicWords())
    screener = Screener(config_from_dict({}, lang="en"), pm=pm)
    path = tmp_path / "a.lines"
    path.write_text("BLOCKWORD\nREVIEWWORD\n", encoding="utf-8")
    r = screener.scan(path)
    assert [f.text for f in r.findings] == ["REVIEWWORD"]
    assert [(f.text, f.suppressed_by) for f in r.suppressed] == [("BLOCKWORD", "known public word")]
    assert r.verdict is Verdict.REVIEW  # the suppressed block does not count
    assert ("REVIEWWORD", "text", "en") in asked
    # the config allow-list is applied before the hook is asked
    allow = Screener(config_from_dict({"allow": {"texts": ["REVIEWWORD"]}}), pm=pm).scan(path)
    assert [(f.text, f.suppressed_by) for f in allow.suppressed] == [
        ("BLOCKWORD", "known public word"), ("REVIEWWORD", "allow-list")]
    assert allow.verdict is Verdict.PASS


def test_hook_screening_signer(tmp_path):
    from screening.errors import SigningError
    from screening.records.dsse import REVIEW_PAYLOAD_TYPE, sign_envelope, verify_envelope
    from screening.records.keys import PrivateKey, new_key
    from screening.records.signers import LocalSigner, get_signer

    device_key = PrivateKey.generate("sm2")
    asked = []

    class UKey:
        """An office's USB-key plugin: answers for ``ukey:…`` keys only."""

        @hookimpl
        def screening_signer(self, key, passphrase, config):
            asked.append((key, passphrase, config.lang))
            return device_key if key.startswith("ukey:") else None

    pm = _manager(UKey())
    config = config_from_dict({}, lang="en")
    signer = get_signer(pm, "ukey:张三", b"123456", config)
    assert signer is device_key and asked == [("ukey:张三", b"123456", "en")]
    env = sign_envelope(b"{}", REVIEW_PAYLOAD_TYPE, signer)
    assert verify_envelope(env, [device_key.public_key], REVIEW_PAYLOAD_TYPE) == b"{}"
    # a file path: the plugin declines, the built-in (asked last) loads the file
    private, public = new_key("李四", tmp_path, "ed25519")
    local = get_signer(pm, str(private), None, config)
    assert isinstance(local, LocalSigner) and local.public_key.pem == public.read_text()
    assert len(asked) == 2
    # without the plugin nobody handles ukey:
    with pytest.raises(SigningError):
        get_signer(_manager(), "ukey:张三", None, config)
