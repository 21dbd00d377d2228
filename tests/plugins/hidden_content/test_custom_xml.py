"""``custom_xml``: OA data in customXml items and document variables (review); the empty
bibliography item every Word file has, schema items and WPS bookkeeping are not findings."""

from __future__ import annotations

from screening_plugins.hidden_content.custom_xml import CustomXmlDetector

from tests.conftest import make_document
from tests.docbuild.docx import build_docx

from .helpers import findings, hidden, run, summary

OA_ITEM = ('<oa:公文 xmlns:oa="urn:example:oa" oa:密级="内部"><oa:文号>县绿委办〔2026〕2号</oa:文号>'
           "<oa:拟稿人>周晓梅</oa:拟稿人><oa:审批意见>同意，但选址需再议</oa:审批意见></oa:公文>")
BIBLIOGRAPHY = ('<b:Sources xmlns:b="http://schemas.openxmlformats.org/officeDocument/2006/'
                'bibliography" SelectedStyle="/APA.XSL" StyleName="APA"/>')


def test_oa_item_is_review_with_its_fields_listed(screener, tmp_path):
    report = screener.scan(build_docx(tmp_path / "x.docx", body=["正文"],
                                      custom_xml=[BIBLIOGRAPHY, OA_ITEM]))
    text = "公文@密级: 内部\n文号: 县绿委办〔2026〕2号\n拟稿人: 周晓梅\n审批意见: 同意，但选址需再议"
    assert [h for h in hidden(report) if h[0] == "custom_xml"] == [
        ("custom_xml", "metadata", text, "review")]
    (finding,) = findings(report, "custom_xml")
    assert "customXml/item2.xml" in finding.explanation
    assert "4 项信息：密级、文号、拟稿人、审批意见" in finding.explanation


def test_empty_bibliography_item_is_no_finding(screener, tmp_path):
    report = screener.scan(build_docx(tmp_path / "x.docx", body=["正文"],
                                      custom_xml=[BIBLIOGRAPHY]))
    assert hidden(report) == [] and report.verdict.value == "pass"


def test_python_docx_default_package_is_no_finding(screener, tmp_path):
    from docx import Document

    doc = Document()  # carries customXml/item1.xml (an empty bibliography)
    doc.add_paragraph("正文")
    doc.save(tmp_path / "d.docx")
    assert hidden(screener.scan(tmp_path / "d.docx")) == []


def test_schema_item_is_no_finding(config):
    document = make_document("正文", {
        "text": "contentTypeSchema@contentTypeName: 文档\ncontentTypeSchema@versionID: 0x0101\n"
                "element@name: TaxCatchAll", "part": "metadata", "label": "customXml:item3.xml",
        "source": "customXml/item3.xml", "flags": frozenset({"custom_xml"})})
    assert run(CustomXmlDetector(), document, config) == []


def test_document_variables_are_review_and_wps_commondata_is_not(screener, tmp_path):
    settings = ('<w:docVars><w:docVar w:name="流程状态" w:val="待分管领导审批"/>'
                '<w:docVar w:name="commondata" w:val="eyJoZGlkIjoiMSJ9"/></w:docVars>')
    report = screener.scan(build_docx(tmp_path / "v.docx", body=["正文"], settings_extra=settings))
    assert hidden(report) == [("custom_xml", "metadata", "流程状态：待分管领导审批", "review")]
    assert "文档变量“流程状态”" in findings(report, "custom_xml")[0].explanation


def test_custom_properties_are_not_custom_xml(config):
    document = make_document("正文", {"text": "密级：机密", "part": "metadata",
                                      "label": "custom:密级", "flags": frozenset({"custom_xml"})})
    assert summary(run(CustomXmlDetector(), document, config)) == []
