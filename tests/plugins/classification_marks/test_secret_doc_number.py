"""classification_marks.secret_doc_number: 发文字号 with 密 (domain.md §1.4, §5 rows 5–6)."""

from __future__ import annotations

import pytest

from screening import Basis, Severity
from screening_plugins.classification_marks.secret_doc_number import SecretDocNumberDetector
from tests.conftest import make_document

from .helpers import FILLER, run, summary

DETECTOR = SecretDocNumberDetector()


@pytest.mark.parametrize("number", [
    "国办密〔2020〕3号", "川委密电〔2019〕12号", "厅密字〔2021〕5号", "湘政办密［2020］7号",
    "湘政办密[2020]7号", "湘政办密（2020）7号", "市委密电", "中办密〔2010〕第5号", "国办密﹝2020﹞3号",
])
def test_secret_document_number_is_review(number, config):
    doc = make_document(*FILLER, f"现将{number}文件精神传达如下。")
    findings = run(DETECTOR, doc, config)
    assert summary(findings) == [("secret_level", "body", number, "review")]
    f = findings[0]
    assert f.detector == "classification_marks.secret_doc_number"
    assert f.basis == Basis.STATE_SECRET.value
    assert f.location.start == 2
    assert f.explanation.startswith("第1页第11行出现带“密”字的")
    assert f"“{number}”" in f.explanation


def test_lead_in_words_are_not_part_of_the_number(config):
    doc = make_document("根据国办密〔2020〕3号文件要求，转发市委密电，请遵照执行。")
    findings = run(DETECTOR, doc, config)
    assert [(f.text, f.location.start, f.location.end) for f in findings] == [
        ("国办密〔2020〕3号", 2, 13), ("市委密电", 20, 24)]


def test_cited_in_brackets_after_a_title_still_counts(config):
    doc = make_document("《关于做好有关工作的通知》（国办密〔2020〕3号）已收悉。")
    assert summary(run(DETECTOR, doc, config)) == [
        ("secret_level", "body", "国办密〔2020〕3号", "review")]


@pytest.mark.parametrize("text", [
    "市保密办〔2020〕3号", "X市保密局关于印发《保密工作要点》的通知（市保密〔2021〕2号）",
    "国保密发〔2019〕1号", "数据加密电路", "一份密电", "密电码本", "涉密〔2020〕事项", "国办发〔2020〕3号",
    "市委办公室关于做好保密工作的通知",
])
def test_not_a_secret_document_number(text, config):
    assert run(DETECTOR, make_document(text), config) == []


def test_example_in_training_text_is_info(config):
    [f] = run(DETECTOR, make_document("例如国办密〔2020〕3号即为涉密文件的发文字号。"), config)
    assert (f.text, f.severity) == ("国办密〔2020〕3号", Severity.INFO)
