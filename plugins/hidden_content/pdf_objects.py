"""What a PDF carries besides its pages: annotations, scripts, earlier revisions.

* ``annotation`` (``review``): the text of notes, free text, stamps and form-field values
  (part ``annotation``; label ``subtype`` or ``subtype/author``). A reviewer's sticky note is the
  PDF's comment: it travels with the file and any reader shows it in the comments pane.
* ``javascript`` (``review``): a document or page script (flag ``javascript``). Scripts in a
  published file can run when it is opened, send data or change what is shown; a government
  release has no use for them. Not ``block``: a form's harmless calculation script is common, and
  a person decides.
* ``prior_revision`` (``block``): text of an earlier revision that an incremental update kept in
  the file (flag ``prior_revision``): "deleted" text that anyone can restore by cutting the file at
  an earlier ``%%EOF``.
"""

from __future__ import annotations

from screening import Category, Severity, __version__

from .common import mask_person, snippet, whole_block


class AnnotationDetector:
    name = "hidden_content.annotation"
    version = __version__
    category = Category.HIDDEN_CONTENT

    def detect(self, document, config):
        for block in document.parts("annotation"):
            subtype, _, author = block.label.partition("/")
            by = f"，作者：{mask_person(author, config)}" if author.strip() else ""
            where = f"第 {block.page} 页" if block.page else "PDF"
            yield whole_block(
                self, block, kind="annotation", severity=Severity.REVIEW, config=config,
                explanation=f"{where}的注释（{subtype or '注释'}{by}）中有文字「{snippet(block.text)}」，"
                            "注释随文件公开，阅读器的注释面板里都能看到；请确认后删除注释")


class JavaScriptDetector:
    name = "hidden_content.javascript"
    version = __version__
    category = Category.HIDDEN_CONTENT

    def detect(self, document, config):
        for block in document.flagged():
            if "javascript" in block.flags:
                where = f"（{block.label}）" if block.label else ""
                yield whole_block(
                    self, block, kind="javascript", severity=Severity.REVIEW, config=config,
                    masked=block.text,
                    explanation=f"PDF 含 JavaScript 脚本{where}，打开文件时可能自动运行；"
                                "公开发布的文件不应含脚本，请重新导出为不含脚本的 PDF")


class PriorRevisionDetector:
    name = "hidden_content.prior_revision"
    version = __version__
    category = Category.HIDDEN_CONTENT

    def detect(self, document, config):
        for block in document.flagged():
            if "prior_revision" in block.flags:
                which = f"（{block.label}）" if block.label else ""
                yield whole_block(
                    self, block, kind="prior_revision", severity=Severity.BLOCK, config=config,
                    explanation=f"PDF 以增量方式保存过，早期版本{which}中的这段文字仍保存在文件中，"
                                "可被恢复；须从原文件重新完整导出 PDF（不要在原 PDF 上修改后保存）")
