"""Build findings and reports directly, as the pipeline would, for the renderer tests."""

from __future__ import annotations

from dataclasses import dataclass

from screening import Category, Config, Document, Severity, make_finding
from screening.model import ErrorInfo, Finding, PluginInfo, Report, ToolInfo, Verdict
from screening.policy import verdict_of

TOOL = ToolInfo(version="0.1.0", plugins=(PluginInfo("classification_marks", "0.1.0"),))


@dataclass
class FakeDetector:
    name: str
    category: Category
    version: str = "test"


def finding(document: Document, block: int, text: str, *, category: Category, kind: str,
            severity: Severity, basis: str = "", explanation: str = "",
            masked: str | None = None) -> Finding:
    """A finding on the first occurrence of ``text`` in block ``block``."""
    b = document.blocks[block]
    start = b.text.index(text)
    det = FakeDetector(f"{category.value}.{kind}", category)
    return make_finding(det, b, start, start + len(text), kind=kind, severity=severity,
                        basis=basis, confidence=0.99, explanation=explanation, config=Config(),
                        masked=masked)


def report(document: Document | None, findings: list[Finding] = (), *, path: str = "草稿.docx",
           suppressed: list[Finding] = (), error: ErrorInfo | None = None) -> Report:
    verdict = Verdict.ERROR if error else verdict_of(findings)
    return Report(path=path, format=document.format if document else None,
                  sha256="0" * 64, sm3="1" * 64, verdict=verdict, findings=tuple(findings),
                  tool=TOOL, error=error, suppressed=tuple(suppressed), document=document)
