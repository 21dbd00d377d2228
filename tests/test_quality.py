"""The quality harness as a regression test: the targets of bench/quality.py hold, and the
regulation-style text (which names 国家秘密, 工作秘密, 密级, 不予公开 as concepts) passes in every
encoding and format an office uses."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document

from bench import quality
from bench.corpus import build_all, load_cases, score

REGULATION = Path(__file__).resolve().parents[1] / "samples" / "regulation-secrecy-review.txt"


@pytest.fixture(scope="module")
def corpus_score(screener, tmp_path_factory):
    built = build_all(tmp_path_factory.mktemp("corpus"), load_cases())
    return score([(c, screener.scan(path)) for c, path in built])


def test_quality_targets_hold(corpus_score):
    assert quality.failures(corpus_score) == [], quality.table(corpus_score)


def test_every_hiding_place_and_variant_is_planted(corpus_score):
    # guards against the corpus silently shrinking
    assert corpus_score.planted["classification_mark/secret_level"] >= 60
    parts = {item.part for c in load_cases() for item in c.planted}
    assert {"body", "header", "footer", "textbox", "table", "hidden", "revision", "comment",
            "footnote", "endnote", "metadata"} <= parts


def test_scorer_counts_a_miss_and_a_false_positive(screener, tmp_path):
    """The harness itself can fail: a planted item nobody finds, a finding nobody planted."""
    from bench.corpus import Case, Planted

    path = tmp_path / "x.txt"
    path.write_text("机密★1年\n正文", encoding="utf-8")
    wrong = Case("x", ".txt", lambda p: None, planted=(Planted("classification_mark",
                                                                "secret_level", "绝密★30年"),))
    s = score([(wrong, screener.scan(path))])
    assert s.found == {} and len(s.missed) == 1
    assert [(fp[1], fp[2]) for fp in s.false_positives] == [("secret_level", "机密★1年")]
    assert quality.failures(s)


@pytest.mark.parametrize("fmt", ["docx", "utf-8", "gb18030"])
def test_regulation_text_passes(screener, tmp_path, fmt):
    text = REGULATION.read_text(encoding="utf-8")
    if fmt == "docx":
        path = tmp_path / "保密审查制度.docx"
        doc = Document()
        for line in text.splitlines():
            doc.add_paragraph(line)
        doc.save(path)
    else:
        path = tmp_path / f"保密审查制度-{fmt}.txt"
        path.write_bytes(text.encode(fmt))
    report = screener.scan(path)
    assert report.error is None
    assert [(f.kind, f.text, f.severity.value) for f in report.findings
            if f.severity.value != "info"] == []
    assert report.verdict.value == "pass"
