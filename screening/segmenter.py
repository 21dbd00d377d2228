"""Word boundaries: jieba's segmenter, with its dictionary loaded by first character on demand.

jieba builds one Python dict of 498,113 words and word prefixes before it cuts its first
sentence: about a second of CPU in every process that needs a word boundary (a drafter's
``screen 草稿.docx`` with one name in it, and the serial start of every ``screen batch``). Yet every
lookup jieba makes while cutting a text is a substring *of that text*: ``get_DAG`` and ``calc``
try ``sentence[k:i]``, the HMM pass asks for runs of the sentence. So only the words that start
with a character of the text can ever be asked for.

:class:`WordSegmenter` keeps the dictionary on disk grouped by first character
(:class:`BucketStore`, one file memory-mapped read-only) and, before it hands a text to jieba,
merges into jieba's ``FREQ`` the groups of the characters it has not seen yet. jieba then runs
unchanged over a plain dict: the words it finds are exactly those of ``jieba.cut`` with the full
dictionary (``tests/test_segmenter.py`` compares them), the first call costs milliseconds, and a
process ends up holding the part of the dictionary its documents touch.

The grouped file is made once per user from jieba's own ``dict.txt`` (about two seconds) under
``$XDG_CACHE_HOME/screening`` (else ``~/.cache/screening``), named by jieba's version and the
dictionary file's size and time, written to a temporary file and renamed, and checked (format,
length, SHA-256) each time it is opened. Where no cache folder can be written, the dictionary is
loaded whole, as jieba would (slower, same words). Nothing is downloaded; jieba's ``jieba.dt``
and its cache in the temp folder are not touched.
"""

from __future__ import annotations

import hashlib
import logging
import marshal
import mmap
import os
import struct
import sys
import threading
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from .files import replaced_atomically

#: File names of grouped dictionaries: ``jieba-dict-<key>.bin`` (see :func:`store_path`).
STORE_PREFIX = "jieba-dict-"
#: First line of a grouped dictionary file; bump the number when the layout changes.
MAGIC = b"screening-jieba-dict/1\n"
_HEADER = struct.Struct("<Q32s")  # length of the marshalled index, SHA-256 of index + groups


class WordSegmenter:
    """jieba's ``cut``/``lcut`` and word frequencies over a dictionary loaded as texts need it.

    :param store: the grouped dictionary; ``None`` loads jieba's dictionary whole (the fallback
        where no cache folder is writable).
    """

    def __init__(self, store: BucketStore | None):
        jieba = _import_jieba()
        self._store = store
        self._lock = threading.Lock()
        self._tokenizer = jieba.Tokenizer()  # our own: jieba.dt stays as the user left it
        if store is None:
            freq, total = _read_dictionary()
            self._seen: set[str] | None = None  # everything is in memory
        else:
            freq, total = {}, store.total
            self._seen = set()
        self._tokenizer.FREQ = freq
        self._tokenizer.total = total
        self._tokenizer.initialized = True
        self._freq = freq

    @property
    def whole(self) -> bool:
        """Whether the whole dictionary is in memory (the fallback) rather than grouped on disk."""
        return self._store is None

    def _need(self, text: str) -> None:
        """Merge the dictionary groups of the characters of ``text`` not seen before."""
        seen = self._seen
        if seen is None or seen.issuperset(text):  # (a str is iterated in C, no set is made)
            return
        with self._lock:
            new = set(text)
            new.difference_update(seen)
            for ch in new:
                group = self._store.group(ch)
                if group:
                    self._freq.update(group)
            seen.update(new)

    def cut(self, text: str, HMM: bool = True) -> Iterator[str]:
        """jieba's words of ``text`` (``HMM=True``: unknown runs such as names come out whole)."""
        self._need(text)
        return self._tokenizer.cut(text, HMM=HMM)

    def lcut(self, text: str, HMM: bool = True) -> list[str]:
        """:meth:`cut` as a list."""
        self._need(text)
        return self._tokenizer.lcut(text, HMM=HMM)

    def frequency(self, word: str) -> int:
        """The word's count in jieba's dictionary (0: not a word of it, or only a prefix)."""
        self._need(word[:1])
        return self._freq.get(word, 0)

    def __len__(self) -> int:
        """How many words and prefixes are in memory (for tests and the bench)."""
        return len(self._freq)


class BucketStore:
    """A grouped dictionary file: ``MAGIC``, a header, the marshalled index
    ``{"total": int, "groups": {first character: (offset, length)}}``, then one marshalled
    ``{word: count}`` per first character. Opened read-only and memory-mapped (forked workers
    share the pages); raises ``ValueError`` if the file is not exactly what :func:`write_store`
    wrote."""

    def __init__(self, path: str | Path):
        with open(path, "rb") as f:
            self._map = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
        data = self._map
        start = len(MAGIC) + _HEADER.size
        if len(data) < start or data[:len(MAGIC)] != MAGIC:
            raise ValueError(f"{path}: not a grouped jieba dictionary")
        index_len, digest = _HEADER.unpack_from(data, len(MAGIC))
        if hashlib.sha256(memoryview(data)[start:]).digest() != digest:
            raise ValueError(f"{path}: damaged (checksum)")
        index = marshal.loads(data[start:start + index_len])
        self.total: int = index["total"]
        self._groups: Mapping[str, tuple[int, int]] = index["groups"]
        self._base = start + index_len
        end = max((o + n for o, n in self._groups.values()), default=0)
        if self._base + end != len(data):
            raise ValueError(f"{path}: damaged (length)")

    def group(self, ch: str) -> dict[str, int] | None:
        """The words and prefixes starting with ``ch`` (``None``: none)."""
        where = self._groups.get(ch)
        if where is None:
            return None
        offset, length = where
        at = self._base + offset
        return marshal.loads(self._map[at:at + length])

    def __len__(self) -> int:
        return len(self._groups)


def write_store(path: str | Path, freq: Mapping[str, int], total: int) -> None:
    """Write ``freq`` grouped by first character to ``path`` (atomically: temp file + rename)."""
    groups: dict[str, dict[str, int]] = {}
    for word, count in freq.items():
        groups.setdefault(word[0], {})[word] = count
    blobs, where, offset = [], {}, 0
    for ch, words in groups.items():
        blob = marshal.dumps(words)
        where[ch] = (offset, len(blob))
        blobs.append(blob)
        offset += len(blob)
    index = marshal.dumps({"total": total, "groups": where})
    body = hashlib.sha256(index)
    for blob in blobs:
        body.update(blob)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    with replaced_atomically(path, prefix=path.name + ".", suffix=".tmp") as f:
        f.write(MAGIC)
        f.write(_HEADER.pack(len(index), body.digest()))
        f.write(index)
        for blob in blobs:
            f.write(blob)


def store_path(folder: str | Path | None = None) -> Path:
    """Where the grouped dictionary of the installed jieba lives (named by jieba's version, its
    ``dict.txt``'s size and modification time, and Python's version and marshal format, so an
    upgrade of either makes a new one)."""
    jieba = _import_jieba()
    source = Path(_dictionary_file())
    st = source.stat()
    key = hashlib.sha256(f"{MAGIC!r} {jieba.__version__} {st.st_size} {st.st_mtime_ns} "
                         f"{sys.version_info[:2]} {marshal.version}".encode()).hexdigest()[:16]
    if folder is None:
        from .config import user_cache_dir

        folder = user_cache_dir()
    return Path(folder) / f"{STORE_PREFIX}{key}.bin"


def open_store(folder: str | Path | None = None) -> BucketStore | None:
    """The grouped dictionary, made first if missing or damaged; ``None`` if it cannot be
    written (the caller loads the dictionary whole)."""
    path = store_path(folder)
    try:
        return BucketStore(path)
    except (OSError, ValueError, EOFError, KeyError, TypeError):
        pass  # missing (the usual first run) or damaged: make it again
    try:
        freq, total = _read_dictionary()
        write_store(path, freq, total)
        _remove_others(path)
        return BucketStore(path)
    except (OSError, ValueError, EOFError, KeyError, TypeError) as exc:
        logging.getLogger(__name__).info("jieba dictionary cache unavailable (%s): "
                                         "loading it whole", exc)
        return None


def _remove_others(path: Path) -> None:
    """Remove the grouped dictionaries of other jieba versions next to ``path`` (best effort:
    another process may be using one; its open map stays valid)."""
    for other in path.parent.glob(STORE_PREFIX + "*.bin"):
        if other != path:
            try:
                other.unlink()
            except OSError:
                pass


def _dictionary_file() -> str:
    jieba = _import_jieba()
    return os.path.join(os.path.dirname(os.path.abspath(jieba.__file__)), "dict.txt")


def _read_dictionary() -> tuple[dict[str, int], int]:
    """jieba's words and prefixes with their counts, as jieba itself builds them."""
    jieba = _import_jieba()
    with open(_dictionary_file(), "rb") as f:
        freq, total = jieba.Tokenizer.gen_pfdict(f)
    return freq, total


_SEGMENTER: WordSegmenter | None = None
_SEGMENTER_LOCK = threading.Lock()


def jieba_tokenizer() -> WordSegmenter:
    """The process's :class:`WordSegmenter`, made on first use, quietly (jieba's own logger would
    print to stderr). Thread-safe; forked batch workers inherit it and what it has loaded."""
    global _SEGMENTER
    if _SEGMENTER is None:
        with _SEGMENTER_LOCK:
            if _SEGMENTER is None:
                jieba = _import_jieba()
                jieba.setLogLevel(logging.WARNING)
                _SEGMENTER = WordSegmenter(open_store())
    return _SEGMENTER


def _import_jieba() -> Any:
    """``import jieba`` without the ``pkg_resources`` it tries first (0.16 s of the 0.19 s its
    import costs, and a deprecation warning with recent setuptools): jieba falls back to opening
    its files by path, and this module reads ``dict.txt`` by path anyway. (For the moment of the
    import, another thread importing ``pkg_resources`` for the first time would fail; ``screen
    batch`` and ``screen serve`` make the segmenter while they start, before any thread runs.)"""
    if "jieba" in sys.modules or "pkg_resources" in sys.modules:
        import jieba
        return jieba
    sys.modules["pkg_resources"] = None  # type: ignore[assignment]  # "import" raises ImportError
    try:
        import jieba
    finally:
        del sys.modules["pkg_resources"]
    return jieba


def jieba_loaded() -> bool:
    """Whether this process has made its segmenter (tests check that clean text never does)."""
    return _SEGMENTER is not None
