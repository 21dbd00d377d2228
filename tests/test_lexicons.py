"""The lexicon helpers every term-list detector shares: note options and the compiled cache."""

from __future__ import annotations

from screening import CompiledCache, Entry, Lexicon


def test_note_options_are_the_key_value_words():
    entry = Entry("投标报价", "bid_price", "W", "", "needs=amount,voice 说明 unless=award 备注=x")
    assert entry.options() == {"needs": "amount,voice", "unless": "award"}
    assert Entry("标底").options() == {}


def test_the_cache_builds_once_per_lexicon_objects_and_keeps_a_few():
    built = []

    def build(*lexicons):
        built.append(lexicons)
        return len(built)

    cache = CompiledCache(build, size=2)
    a, b, c = (Lexicon(name, ()) for name in "abc")
    assert cache.get(a) == 1 and cache.get(a) == 1
    assert cache.get(b) == 2 and cache.get(a) == 1 and cache.get(b) == 2  # two kept
    assert cache.get(c) == 3 and cache.get(a) == 4  # the oldest build went
    assert cache.get(Lexicon("c", ())) == 5  # an equal but other object: another configuration
    assert cache.get(a, b) == 6 and cache.get(a, b) == 6 and cache.get(b, a) == 7
