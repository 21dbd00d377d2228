"""The classification-mark detectors on real files through the whole pipeline: marks in the body,
a first-page header, a header watermark, a text box, a w:sym star, document properties, PDF
stamps and Info."""

from __future__ import annotations

from screening import Verdict
from tests.docbuild.docx import build_docx, para, run, sym, textbox
from tests.docbuild.pdf import build_pdf


def marks(report):
    return [(f.detector.removeprefix("classification_marks."), f.location.part, f.text,
             f.severity.value)
            for f in report.findings if f.detector.startswith("classification_marks.")]


def test_docx_marks_everywhere(tmp_path, screener):
    path = tmp_path / "通知.docx"
    build_docx(
        path,
        body=[para("000001"), para(run("机密"), sym("F0AB"), run("1年")), para("特急"),
              para("关于做好防汛工作的通知"), para("各单位：", textbox("内部资料　注意保存")),
              para("本通知不得外传。"), para("（此件不予公开）")],
        headers={"first": ["绝密★长期"]}, watermark="内部资料",
        core={"title": "秘密★1年", "keywords": "防汛;通知"},
        custom={"密级": "机密", "公开属性": "依申请公开"})
    report = screener.scan(path)
    assert report.verdict is Verdict.BLOCK
    assert marks(report) == [
        ("secret_level", "body", "机密★1年", "block"),
        ("work_secret", "textbox", "内部资料　注意保存", "review"),
        ("work_secret", "body", "不得外传", "review"),
        ("disclosure_attribute", "body", "（此件不予公开）", "block"),
        ("secret_level", "header", "绝密★长期", "block"),
        ("work_secret", "header", "内部资料", "review"),
        ("secret_level", "metadata", "秘密★1年", "block"),
        ("secret_level", "metadata", "机密", "block"),
        ("disclosure_attribute", "metadata", "依申请公开", "review"),
    ]
    by_text = {f.text: f for f in report.findings}
    assert by_text["机密★1年"].location.to_dict() == {
        "part": "body", "page": 1, "block": 1, "start": 0, "end": 5}
    assert "水印" in by_text["内部资料"].explanation


def test_pdf_marks(tmp_path, screener):
    path = build_pdf(
        tmp_path / "通知.pdf",
        [["000001", "秘密★5年", "特急", "关于做好防汛工作的通知", "各单位：",
          "本次会议材料属机密★10年，请妥善保管。"],
         ["附件", "内部资料　注意保存"]],
        info={"Title": "机密★1年"}, annotations=[(1, "机密", "Stamp")])
    report = screener.scan(path)
    assert report.verdict is Verdict.BLOCK
    assert marks(report) == [
        ("secret_level", "body", "秘密★5年", "block"),
        ("secret_level", "body", "机密★10年", "review"),
        ("secret_level", "annotation", "机密", "block"),
        ("work_secret", "body", "内部资料　注意保存", "review"),
        ("secret_level", "metadata", "机密★1年", "block"),
    ]
    assert [f.location.page for f in report.findings
            if f.detector.startswith("classification_marks.")] == [1, 1, 1, 2, None]


def test_clean_regulation_docx_passes(tmp_path, screener):
    path = tmp_path / "制度.docx"
    build_docx(path, body=[
        para("XX局政府信息公开保密审查制度"),
        para("第一条　行政机关不得公开涉及国家秘密、商业秘密、个人隐私的政府信息。"),
        para("第二条　公文应当标明公开属性：主动公开、依申请公开或者不予公开。"),
        para("第三条　密级标志的格式为“机密★10年”。"),
    ])
    report = screener.scan(path)
    assert report.verdict is Verdict.PASS
    assert [f.severity.value for f in report.findings] == ["info"]
