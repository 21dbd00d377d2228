"""The batch cache: what the setup fingerprint covers, masking of what is stored, what is not
stored, and the round trip through SQLite."""

from __future__ import annotations

import json
import time

import pytest

from screening import Config
from screening.batch.cache import Cache, cacheable, entry_key, file_sha256, fingerprint
from screening.batch.model import BatchItem, mask_report, report_json
from screening.batch.work import failed, from_cache, screen_file
from screening.config import config_from_dict
from screening.pipeline import Screener
from screening.plugins import get_plugin_manager
from tests.batch.folder import MOBILE, RESIDENT_ID
from tests.batch.plugin import plugin_manager

TOOL = {"version": "0", "plugins": []}


@pytest.fixture(scope="module")
def screener():
    return Screener(pm=plugin_manager())


@pytest.fixture
def people(tmp_path):
    path = tmp_path / "名单.txt"
    path.write_text(f"机密★1年\n张三 {RESIDENT_ID} 电话 {MOBILE}\n", encoding="utf-8")
    return path


def test_masked_report_and_patches_give_back_the_single_file_json(screener, people):
    report = screener.scan(people).to_dict()
    masked, patches = mask_report(report)
    kinds = [(f["kind"], f["text"]) for f in masked["findings"]]
    assert kinds == [("secret_level", "机密★1年"), ("resident_id", "110105********1238"),
                     ("mobile_phone", "138****5678")]
    assert patches == (
        {},
        {"text": RESIDENT_ID, "explanation": f"测试号码 {RESIDENT_ID}（第 1 块）"},
        {"text": MOBILE, "explanation": f"测试号码 {MOBILE}（第 1 块）"})
    assert masked["findings"][1]["explanation"] == "测试号码 110105********1238（第 1 块）"
    assert RESIDENT_ID not in json.dumps(masked) and MOBILE not in json.dumps(masked)
    item = BatchItem(path=str(people), report=masked)
    assert report_json(item, patches) == report
    assert report_json(item) == masked


def test_the_fingerprint_covers_what_changes_a_result(tmp_path):
    pm = get_plugin_manager(entrypoints=False)
    base = fingerprint(Screener(Config(), pm=pm), "zh")
    assert fingerprint(Screener(Config(), pm=get_plugin_manager(entrypoints=False)), "zh") == base
    lexicon = tmp_path / "office.txt"
    lexicon.write_text("内部参阅\twork_secret\tS\n", encoding="utf-8")
    changed = {
        "severity": {"severity": {"classification_mark.work_secret": "block"}},
        "allow": {"allow": {"texts": ["0591-12345678"]}},
        "masking": {"masking": {"mobile_phone": [3, 2]}},
        "limits": {"limits": {"max_pdf_pages": 10}},
        "lexicon": {"lexicons": {"work_secret_marks": str(lexicon)}},
        "plugin section": {"my_plugin": {"threshold": 3}},
    }
    seen = {base}
    for what, table in changed.items():
        value = fingerprint(Screener(config_from_dict(table), pm=pm), "zh")
        assert value not in seen, what
        seen.add(value)
    assert fingerprint(Screener(Config(), pm=pm), "en") not in seen
    assert fingerprint(Screener(Config(), pm=plugin_manager()), "zh") not in seen
    lexicon.write_text("内部参阅\twork_secret\tS\n内部资料\twork_secret\tS\n", encoding="utf-8")
    config = config_from_dict(changed["lexicon"])
    assert fingerprint(Screener(config, pm=pm), "zh") not in seen  # same file, new content


def test_round_trip_keeps_the_masked_item_and_takes_the_new_path(screener, people, tmp_path):
    setup = fingerprint(screener, "zh")
    outcome = screen_file(screener, str(people), lang="zh", setup=setup)
    assert outcome.key == entry_key(setup, file_sha256(people), "名单.txt")
    cache = Cache(tmp_path / "cache")
    cache.put(outcome.key, setup, outcome.item)
    cache.commit()
    moved = tmp_path / "moved"
    moved.mkdir()
    copy = moved / "名单.txt"
    copy.write_bytes(people.read_bytes())
    hits, misses = from_cache(cache, setup, [str(copy), str(people)])
    assert misses == [] and [h.item.path for h in hits] == [str(copy), str(people)]
    hit = hits[0]
    assert hit.item.cached and hit.key is None and hit.patches is None
    assert hit.item.path == hit.item.report["path"] == str(copy)
    assert {**hit.item.report, "path": None} == {**outcome.item.report, "path": None}
    assert hit.item.rows == outcome.item.rows
    renamed = moved / "名单2.txt"
    copy.rename(renamed)
    missing = tmp_path / "gone.txt"
    assert from_cache(cache, setup, [str(renamed), str(missing)]) == (
        [], [str(renamed), str(missing)])  # the name is part of the key
    assert from_cache(cache, "other", [str(people)])[1] == [str(people)]
    cache.close()
    raw = b"".join(f.read_bytes() for f in (tmp_path / "cache").iterdir())
    assert RESIDENT_ID.encode() not in raw and MOBILE.encode() not in raw
    assert "110105********1238".encode() in raw


def test_results_of_the_moment_are_not_stored(screener, tmp_path):
    assert not cacheable(failed("a", "timeout", "", "", TOOL).item, 120)
    assert not cacheable(failed("a", "crash", "", "", TOOL).item, 120)

    def with_error(code: str, seconds: float) -> BatchItem:
        report = {"sha256": "0" * 64, "error": {"code": code, "message": ""}}
        return BatchItem(path="a", report=report, seconds=seconds)

    assert cacheable(with_error("limit", 0.2), 120)        # a zip bomb: refused at once
    assert not cacheable(with_error("limit", 110.0), 120)  # may have been the PDF time limit
    assert cacheable(with_error("encrypted", 110.0), 120)
    assert not cacheable(with_error("internal", 0.1), 120)
    missing = screen_file(screener, str(tmp_path / "missing.txt"), lang="zh", setup="s")
    assert missing.item.error_code == "not_found" and missing.key is None


def test_prune_removes_old_entries_of_other_setups(tmp_path):
    cache = Cache(tmp_path)
    item = BatchItem(path="a.txt", report={"sha256": "0" * 64, "path": "a.txt"})
    cache.put("k1", "old", item)
    cache.put("k2", "new", item)
    cache.commit()
    assert cache.prune("new", older_than=3600) == 0
    time.sleep(0.01)
    assert cache.prune("new", older_than=0) == 1
    assert len(cache) == 1
