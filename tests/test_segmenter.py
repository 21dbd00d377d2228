"""The segmenter finds exactly jieba's words while loading only the dictionary groups it needs."""

from __future__ import annotations

import logging
import subprocess
import sys

import jieba
import pytest

from screening import segmenter
from screening.segmenter import (
    BucketStore,
    WordSegmenter,
    open_store,
    store_path,
    write_store,
)

SENTENCES = [
    "申请人张三丰于2024年3月到县人民政府办理低保手续，联系人李四。",
    "经核查，王小明同志家庭人均收入低于当地最低生活保障标准，拟纳入低保范围。",
    "本项目标底价为人民币三百万元，投标人不得泄露标底。",
    "欧阳娜娜、司马光、诸葛亮：名单见附件。",
    "党员干部要带头遵守保密纪律，黄河流域生态保护和高质量发展。",
    "ABC公司的Email是test@example.com，电话13812345678。",
    "",
    "一",
]


@pytest.fixture(scope="module")
def full():
    """jieba's own tokenizer with its whole dictionary (the reference)."""
    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    return tokenizer


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    folder = tmp_path_factory.mktemp("jieba-cache")
    made = open_store(folder)
    assert made is not None
    return made


@pytest.mark.parametrize("hmm", [True, False])
def test_words_equal_jieba_with_the_whole_dictionary(full, store, hmm):
    seg = WordSegmenter(store)
    for text in SENTENCES:
        assert seg.lcut(text, HMM=hmm) == full.lcut(text, HMM=hmm), text
        assert list(seg.cut(text, HMM=hmm)) == list(full.cut(text, HMM=hmm)), text


def test_frequencies_equal_jieba(full, store):
    seg = WordSegmenter(store)
    for word in ("党员", "干部", "黄河", "张三丰", "人民政府", "保密", "不存在的词语", "x"):
        assert seg.frequency(word) == full.FREQ.get(word, 0), word
    assert seg.frequency("党员") > 50


def test_only_the_groups_of_the_text_are_loaded(full, store):
    seg = WordSegmenter(store)
    assert len(seg) == 0
    seg.lcut("张三")
    loaded = len(seg)
    assert 0 < loaded < len(full.FREQ) // 20
    assert all(word[0] in "张三" for word in seg._freq)  # what was loaded
    seg.lcut("三张")  # nothing new
    assert len(seg) == loaded


def test_every_word_of_the_dictionary_is_in_exactly_one_group(full, store):
    assert store.total == full.total
    firsts = {word[0] for word in full.FREQ}
    assert len(store) == len(firsts)
    for ch in ("中", "张", "保", "A"):
        group = store.group(ch) or {}
        assert group == {w: n for w, n in full.FREQ.items() if w[0] == ch}
    assert store.group("\u0000") is None


def test_a_new_cache_folder_is_private(tmp_path):
    path = store_path(tmp_path / "new" / "screening")
    write_store(path, {"张": 0, "张三": 5}, 5)
    assert (path.parent.stat().st_mode & 0o777) == 0o700


def test_a_damaged_file_is_made_again(store, tmp_path):
    folder = tmp_path / "cache"
    path = store_path(folder)
    write_store(path, {"张": 0, "张三": 5}, 5)
    assert BucketStore(path).group("张") == {"张": 0, "张三": 5}
    data = bytearray(path.read_bytes())
    data[-1] ^= 0xFF
    path.write_bytes(bytes(data))
    with pytest.raises(ValueError, match="damaged"):
        BucketStore(path)
    again = open_store(folder)  # made from jieba's dictionary, not from the damaged file
    assert again is not None and again.total == store.total
    path.write_bytes(path.read_bytes()[:1000])  # truncated
    with pytest.raises(ValueError, match="damaged|not a grouped"):
        BucketStore(path)
    path.write_bytes(b"something else")
    with pytest.raises(ValueError, match="not a grouped"):
        BucketStore(path)


def test_no_writable_cache_folder_loads_the_whole_dictionary(full, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be")
    assert open_store(blocker) is None
    seg = WordSegmenter(None)
    assert seg.whole and len(seg) == len(full.FREQ)
    assert seg.lcut(SENTENCES[0]) == full.lcut(SENTENCES[0])


def test_the_file_lives_in_the_user_cache_named_by_jieba_version(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    path = store_path()
    assert path.parent == tmp_path / "screening"
    assert path.name.startswith("jieba-dict-") and path.suffix == ".bin"
    assert store_path(tmp_path / "x").name == path.name
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/cache")  # ignored, as XDG says
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert store_path().parent == tmp_path / "home" / ".cache" / "screening"


def test_making_the_file_removes_those_of_other_jieba_versions(store, tmp_path):
    folder = tmp_path / "cache"
    folder.mkdir()
    old = folder / "jieba-dict-0123456789abcdef.bin"
    old.write_bytes(b"an older jieba's grouped dictionary")
    kept = folder / "batch.sqlite3"
    kept.write_bytes(b"not ours to remove")
    made = open_store(folder)
    assert made is not None and made.total == store.total
    assert not old.exists() and kept.exists()
    assert [p.name for p in folder.glob("jieba-dict-*.bin")] == [store_path(folder).name]


def test_the_process_segmenter_is_made_once_and_leaves_jieba_dt_alone():
    before = jieba.dt.initialized
    first = segmenter.jieba_tokenizer()
    assert segmenter.jieba_tokenizer() is first and segmenter.jieba_loaded()
    assert jieba.dt.initialized == before


def test_jieba_is_imported_without_pkg_resources():
    """pkg_resources costs 0.16 s to import (and warns with recent setuptools); jieba does not
    need it."""
    code = ("import sys\n"
            "from screening import jieba_tokenizer\n"
            "assert jieba_tokenizer().lcut('申请人张三丰') == ['申请人', '张三丰']\n"
            "print('pkg_resources' in sys.modules, 'jieba' in sys.modules)\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert done.stdout.split() == ["False", "True"]
