"""The personal-data evaluation: the seeded generator of bench/pii_corpus.py (exact gold spans,
decoys that fail their validators), the scorer and the screen side of bench/pii_bench.py (no
timing asserted, no Presidio needed), and the quality-corpus cases of bench/corpus/personal_data.py
(every planted value stands in the part it claims, as the readers see it)."""

from __future__ import annotations

import json
import re
import sys
import unicodedata

import pytest

from bench import pii_bench
from bench.pii_bench import Hit, score, screen_hits, text_document
from bench.pii_corpus import (MOBILE_PREFIXES, SECRET_MARKS, generate, luhn_valid, org_code_check,
                              ric_check, ric_valid, uscc_valid)

SMALL = 24_000


@pytest.fixture(scope="module")
def small():
    return generate(seed=7, target_bytes=SMALL, marks=4)


def _plain(text: str) -> str:
    """NFKC without spaces and hyphens (how a validator sees a written value)."""
    return re.sub(r"[\s\-]", "", unicodedata.normalize("NFKC", text))


# -- the generator ---------------------------------------------------------------------------------

def test_validators_on_published_vectors():
    assert ric_check("11010519491231002") == "X"                 # domain.md §6.1
    assert ric_valid("11010519491231002X") and ric_valid("11010519491231002x")
    assert not ric_valid("110105194912310021")
    assert uscc_valid("91110000600037341L") and not uscc_valid("91110000600037341M")
    assert org_code_check("60003734") == "1"                      # domain.md §6.4
    assert luhn_valid("4111111111111111") and not luhn_valid("4111111111111112")


def test_same_seed_same_text_other_seed_other_text(small):
    again = generate(seed=7, target_bytes=SMALL, marks=4)
    assert again.text == small.text and again.gold == small.gold and again.decoys == small.decoys
    assert generate(seed=8, target_bytes=SMALL, marks=4).md5 != small.md5


def test_gold_and_decoy_spans_are_exact_and_disjoint(small):
    spans = sorted([*small.gold, *small.decoys], key=lambda s: s.start)
    for s in spans:
        assert small.text[s.start:s.end] == s.text, s
        assert "\n" not in s.text
    for a, b in zip(spans, spans[1:]):
        assert a.end <= b.start, (a, b)


def test_gold_values_are_what_they_claim(small):
    kinds = {s.kind for s in small.gold}
    assert {"resident_id", "bank_card", "mobile_phone", "landline_phone", "email", "person_name",
            "address", "secret_level"} <= kinds
    for s in small.gold:
        v = _plain(s.text)
        if s.kind == "resident_id":
            assert ric_valid(v), s
        elif s.kind == "bank_card":
            assert len(v) in (16, 19) and v.startswith("62") and luhn_valid(v), s
        elif s.kind == "mobile_phone":
            v = re.sub(r"^(\+86|0086)", "", v)
            assert len(v) == 11 and v[:3] in MOBILE_PREFIXES, s
        elif s.kind == "landline_phone":
            assert re.fullmatch(r"\(?0\d{2,3}\)?[2-8]\d{6,7}", v), s
        elif s.kind == "email":
            assert re.fullmatch(r"[a-z0-9._]+@[a-z0-9]+\.[a-z.]+", v), s
        elif s.kind == "secret_level":
            assert s.text in SECRET_MARKS
            line_start = small.text.rfind("\n", 0, s.start) + 1
            assert small.text[line_start:small.text.index("\n", s.end)] == s.text  # own line
        elif s.kind == "address":
            assert s.text.endswith(("号", "室")) and ("市" in s.text or "县" in s.text), s
        elif s.kind == "person_name":
            assert 2 <= len(s.text) <= 4, s


def test_variant_forms_are_planted():
    forms = {(s.kind, s.form) for s in generate(target_bytes=60_000).gold}
    assert {("resident_id", "x-lower"), ("resident_id", "grouped"), ("resident_id", "fullwidth"),
            ("bank_card", "grouped"), ("bank_card", "16-digit"), ("bank_card", "19-digit"),
            ("mobile_phone", "+86"), ("mobile_phone", "0086"), ("mobile_phone", "hyphenated"),
            ("email", "glued"), ("email", "fullwidth-at")} <= forms


def test_decoys_fail_their_validators(small):
    seen = set()
    for d in small.decoys:
        v, seen = _plain(d.text), seen | {d.kind}
        if d.kind == "bad_resident_id":
            assert len(v) == 18 and v.isdigit() and not ric_valid(v), d
        elif d.kind == "luhn_failing_serial":
            assert len(v) in (16, 19) and v.startswith("62") and not luhn_valid(v), d
        elif d.kind == "uscc":
            assert uscc_valid(v) and not ric_valid(v), d
        elif d.kind == "archive_number":
            assert len(v) == 11 and v.isdigit() and v[:2] not in {f"1{i}" for i in "3456789"}, d
        elif d.kind.startswith("masked_"):
            assert "*" in v
        elif d.kind == "doc_number":
            assert re.fullmatch(r"\w+〔\d{4}〕\d+号", d.text), d
    assert {"bad_resident_id", "luhn_failing_serial", "uscc", "archive_number", "amount", "date",
            "doc_number"} <= seen


def test_full_size_corpus():
    c = generate()
    assert 200_000 <= c.size_bytes < 201_000
    counts = c.counts()
    assert counts["secret_level"] == 30
    for kind, least in (("resident_id", 300), ("bank_card", 250), ("mobile_phone", 250),
                        ("landline_phone", 120), ("email", 250), ("person_name", 600),
                        ("address", 300)):
        assert counts[kind] >= least, (kind, counts[kind])


# -- the scorer ------------------------------------------------------------------------------------

def test_scorer_counts_found_decoys_wrong_kind_and_wrong_spans(small):
    ids = [g for g in small.gold if g.kind == "resident_id"]
    emails = [g for g in small.gold if g.kind == "email"]
    decoy = next(d for d in small.decoys if d.kind == "bad_resident_id")
    filler = small.text.index("为深入贯彻") if "为深入贯彻" in small.text else None
    hits = [Hit(ids[0].start, ids[0].end, ("resident_id",), "ID"),
            Hit(ids[0].start + 2, ids[0].end - 2, ("resident_id",), "ID"),   # same item twice
            Hit(ids[1].start, ids[1].end, ("bank_card",), "CARD"),          # wrong kind
            Hit(emails[0].start - 2, emails[0].end, ("email",), "EMAIL"),  # overlap is enough
            Hit(decoy.start, decoy.end, ("bank_card",), "CARD")]           # on a decoy
    if filler is not None:
        hits.append(Hit(filler, filler + 4, ("person_name",), "NAME"))
    s = score(small, hits)
    assert s.found == {"resident_id": 1, "email": 1}
    assert s.found_forms[f"resident_id/{ids[0].form}"] == 1
    assert s.decoys_hit == {"bad_resident_id": 1}
    assert s.wrong_kind == 1
    assert s.wrong_other == (1 if filler is not None else 0)
    assert s.reported == len(hits)


def test_scorer_all_gold_hits_find_everything(small):
    s = score(small, [Hit(g.start, g.end, (g.kind,), g.kind) for g in small.gold])
    assert s.found == small.counts() and s.decoys_total == 0 and s.wrong_other == 0


# -- the screen side -------------------------------------------------------------------------------

def test_screen_side_maps_findings_back_to_the_corpus(screener, small, tmp_path):
    path = tmp_path / "corpus.txt"
    path.write_text(small.text, encoding="utf-8")
    report = screener.scan(path)
    assert report.error is None
    hits = screen_hits(small, report.document, report.findings)
    counted = [f for f in report.findings if f.severity.value in ("review", "block")]
    assert len(hits) == len(counted) > 0                                    # the marks at least
    for h, f in zip(hits, counted):
        assert small.text[h.start:h.end] == f.text and h.kinds == (f.kind,)
    # the in-memory document the detect timing uses is the document the text reader makes
    doc = text_document(small.text)
    assert [b.text for b in doc.blocks] == [b.text for b in report.document.blocks]
    s = score(small, hits)
    marks = [g for g in small.gold if g.kind == "secret_level"]
    assert s.found.get("secret_level", 0) == sum(
        any(h.start < g.end and g.start < h.end and "secret_level" in h.kinds for h in hits)
        for g in marks) >= 1


def test_bench_screen_only_run_prints_tables_and_json(screener):
    result = pii_bench.run(seed=3, size=12_000, runs=1, peers="", screener=screener)
    assert set(result.tools) == {"screen"}
    assert set(result.throughput_kb_s) == {"screen scan", "screen read", "screen detect"}
    assert result.ratio == {}
    assert result.detectors == [d.name for d in screener.registry.detectors]
    text = pii_bench.tables(result)
    for word in ("resident_id", "person_name", "secret_level", "诱饵命中", "吞吐量"):
        assert word in text
    assert json.loads(json.dumps(pii_bench.asdict(result)))["corpus"]["seed"] == 3


def test_bench_without_presidio_says_how_to_install(monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "presidio_analyzer", None)          # import fails
    assert pii_bench.main(["--size", "5000", "--runs", "1"]) == 2
    err = capsys.readouterr().err
    assert "pip install -e '.[bench]'" in err and "Presidio" in err


# -- the quality corpus ----------------------------------------------------------------------------

def _compact(text: str) -> str:
    return re.sub(r"[\s\u3000]", "", text)


@pytest.fixture(scope="module")
def pd_cases(tmp_path_factory):
    from bench.corpus import build_all, load_cases

    cases = [c for c in load_cases() if c.name.startswith("pd-")]
    return build_all(tmp_path_factory.mktemp("pd"), cases)


def test_quality_corpus_plants_enough(pd_cases):
    planted = [p for c, _ in pd_cases for p in c.planted]
    assert len(planted) >= 100
    kinds = {p.kind for p in planted}
    assert {"resident_id", "bank_card", "mobile_phone", "landline_phone", "email", "passport",
            "travel_permit", "license_plate", "person_name", "address",
            "special_category"} <= kinds
    assert {p.part for p in planted} >= {"body", "table", "header", "footer", "comment",
                                         "footnote", "textbox"}
    assert {path.suffix for _, path in pd_cases} == {".docx", ".pdf", ".txt"}
    for p in planted:
        if p.kind in ("resident_id", "bank_card"):
            assert p.severity in ("block", "review")
    lookalike = [c for c, _ in pd_cases if c.group == "lookalike"]
    assert len(lookalike) >= 4 and all(not c.planted for c in lookalike)


def test_every_planted_value_stands_in_its_part(screener, pd_cases):
    for c, path in pd_cases:
        doc = screener.read(path)
        assert not doc.problems, (c.name, doc.problems)
        for item in c.planted:
            where = [b for b in doc.blocks if _compact(item.text) in _compact(b.text)]
            assert where, (c.name, item)
            assert item.part in {b.part for b in where}, (c.name, item, {b.part for b in where})
        for text in c.lookalikes:
            assert any(_compact(text) in _compact(b.text) for b in doc.blocks), (c.name, text)


def test_welfare_table_puts_each_value_under_its_header(screener, pd_cases):
    from screening.tables import TableIndex

    from bench.corpus.personal_data import WELFARE

    path = next(p for c, p in pd_cases if c.name == "pd-welfare-table")
    doc = screener.read(path)
    index = TableIndex(doc)
    cells = [b for b in doc.blocks if b.table is not None]
    got = {(index.header_of(b), b.text) for b in cells}
    for row in WELFARE:
        for header in ("姓名", "身份证号码", "联系电话", "住址", "银行卡号"):
            assert (header, row[header]) in got


def test_detector_seconds_times_every_detector_once_per_round_on_a_fresh_document(screener):
    """Per-detector costs are measured as the pipeline runs them (in order, one document), so
    work one detector shares with the others is counted once; the shared normalised texts have
    their own row, and the document's memo is emptied after each round."""
    document = text_document(generate(seed=5, target_bytes=6_000).text)
    seconds = pii_bench.detector_seconds(screener, document, runs=2)
    assert list(seconds) == [pii_bench.SHARED] + [d.name for d in screener.registry.detectors]
    assert all(t >= 0 for t in seconds.values())
    assert document.memo == {}
    assert pii_bench.fresh(document).memo is not document.memo
