"""``image_only_page``: a PDF page without a text layer. Its content was not screened, so a person
must look at it (scanned 机密 documents are a real leak path)."""

from __future__ import annotations

from screening import Category, Severity, __version__, make_finding


class ImageOnlyPageDetector:
    name = "hidden_content.image_only_page"
    version = __version__
    category = Category.HIDDEN_CONTENT

    def detect(self, document, config):
        for block in document.parts("page"):
            if "image_only" not in block.flags:
                continue
            yield make_finding(
                self, block, 0, len(block.text), kind="image_only_page",
                severity=Severity.REVIEW, basis="", confidence=1.0,
                explanation=f"第 {block.page} 页没有文字层（扫描件或图片），其内容未经自动审查，须人工核对",
                config=config)
