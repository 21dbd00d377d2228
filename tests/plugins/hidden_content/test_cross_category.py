"""Marks and personal data inside hidden content are reported in their own category too, at the
hidden part; and the hidden-content plugin registers what its package documents."""

from __future__ import annotations

from screening import Category
from tests.docbuild.docx import build_docx, dele, para, run


def _by_category(report):
    return sorted((f.category.value, f.kind, f.location.part, f.text, f.severity.value)
                  for f in report.findings)


def test_a_mark_in_a_comment_is_a_comment_and_a_secret_level_mark(screener, tmp_path):
    path = build_docx(tmp_path / "c.docx", body=["关于植树活动的通知"],
                      comments=[("审核人", "机密★1年", None)])
    assert _by_category(screener.scan(path)) == [
        ("classification_mark", "secret_level", "comment", "机密★1年", "block"),
        ("hidden_content", "comment", "comment", "机密★1年", "block")]


def test_a_mark_in_deleted_and_hidden_text_is_reported_at_that_part(screener, tmp_path):
    path = build_docx(tmp_path / "c.docx", body=[para(dele("秘密★5年")), "正文",
                                                 para("正文二", run("绝密★长期", vanish=True))])
    assert _by_category(screener.scan(path)) == [
        ("classification_mark", "secret_level", "hidden", "绝密★长期", "block"),
        ("classification_mark", "secret_level", "revision", "秘密★5年", "block"),
        ("hidden_content", "hidden_text", "hidden", "绝密★长期", "block"),
        ("hidden_content", "tracked_change", "revision", "秘密★5年", "block")]


def test_a_mark_inside_an_embedded_document_is_found_at_the_attachment(screener, tmp_path):
    from tests.docbuild.docx import docx_bytes

    path = build_docx(tmp_path / "e.docx", body=["正文"],
                      embeddings={"inner.docx": docx_bytes(body=["机密★10年", "附件正文"])})
    assert ("classification_mark", "secret_level", "attachment", "机密★10年", "block") in \
        _by_category(screener.scan(path))


def test_every_documented_detector_is_registered(screener):
    names = {d.name for d in screener.registry.detectors
             if d.category is Category.HIDDEN_CONTENT}
    assert names == {f"hidden_content.{k}" for k in (
        "comment", "tracked_change", "covered_text", "hidden_text", "white_text", "tiny_text",
        "invisible_text", "offpage_text", "metadata", "custom_xml", "embedded_object",
        "attachment", "annotation", "javascript", "prior_revision", "image_only_page")}
    assert {"hidden_metadata_keys", "hidden_values"} <= set(screener.config.lexicons)


def test_every_hidden_kind_has_a_name_and_advice():
    from screening.report import names

    for kind in ("comment", "tracked_change", "hidden_text", "white_text", "tiny_text",
                 "covered_text", "invisible_text", "offpage_text", "metadata", "custom_xml",
                 "embedded_object", "annotation", "attachment", "javascript", "prior_revision",
                 "image_only_page"):
        assert kind in names.KINDS and kind in names.KIND_ADVICE, kind


def test_an_id_number_in_hidden_text_and_a_comment_is_personal_data_there_too(screener, tmp_path):
    rid = "110105198001010016"
    path = build_docx(tmp_path / "p.docx", body=["正文", para("说明", run(f"身份证号{rid}", vanish=True))],
                      comments=[("张三", f"申请人身份证号{rid}", None)])
    found = {(f.category.value, f.kind, f.location.part, f.text, f.masked)
             for f in screener.scan(path).findings}
    masked = "110105********0016"
    assert {("hidden_content", "hidden_text", "hidden", f"身份证号{rid}", f"身份证号{masked}"),
            ("hidden_content", "comment", "comment", f"申请人身份证号{rid}", f"申请人身份证号{masked}"),
            ("personal_data", "resident_id", "hidden", rid, masked),
            ("personal_data", "resident_id", "comment", rid, masked)} <= found
