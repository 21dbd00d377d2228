"""``embedded_object`` (.docx) and ``attachment`` (PDF): files carried inside the document.

Readers list each object as an ``attachment`` block with flag ``embedded`` (text = its name) and,
when they could read it (.docx/.xlsx/.pdf/text inside a .docx, readable PDF attachments), its text
as ``attachment`` blocks with flag ``attachment_text`` — the other detectors scan those, so a name
or a mark inside an embedded table is reported in its own category. These detectors name each
object (severity ``review``: someone must decide whether it may go out with the document) and say
whether its content was screened; an object whose content could not be read (an OLE object, a
picture, nesting deeper than the reader goes) must be opened and checked by a person.

The text blocks of an object are the ``attachment_text`` blocks with the object's ``source``
(.docx) or whose label is the object's name (PDF).
"""

from __future__ import annotations

import posixpath

from screening import Category, Severity, __version__

from .common import whole_block


def _read_objects(document) -> tuple[set[str], set[str]]:
    """Sources and labels of the attachment text blocks (what was read)."""
    sources, labels = set(), set()
    for block in document.parts("attachment"):
        if "attachment_text" in block.flags:
            sources.add(block.source)
            labels.add(block.label)
    return sources, labels


def _was_read(block, sources: set[str], labels: set[str]) -> bool:
    name = block.text.strip()
    return (bool(block.source) and block.source in sources) or name in labels \
        or posixpath.basename(name) in labels


class _ObjectDetector:
    version = __version__
    category = Category.HIDDEN_CONTENT
    kind = ""

    def wanted(self, document) -> bool:
        raise NotImplementedError

    def explain(self, block, read: bool) -> str:
        raise NotImplementedError

    def detect(self, document, config):
        if not self.wanted(document):
            return
        sources, labels = _read_objects(document)
        for block in document.parts("attachment"):
            if "embedded" not in block.flags:
                continue
            yield whole_block(self, block, kind=self.kind, severity=Severity.REVIEW,
                              config=config, masked=block.text,
                              explanation=self.explain(block, _was_read(block, sources, labels)))


_READ = "其中的文字已一并审查，发现的问题另行列出；请确认该对象可以随文件公开，否则删除"
_UNREAD = "其内容未能自动审查（格式不支持或嵌套过深），请打开核对后决定保留或删除"


class EmbeddedObjectDetector(_ObjectDetector):
    """Objects embedded in an Office document (OLE objects, packages, altChunk, macros)."""

    name = "hidden_content.embedded_object"
    kind = "embedded_object"

    def wanted(self, document) -> bool:
        return document.format != "pdf"

    def explain(self, block, read: bool) -> str:
        name = posixpath.basename(block.text.strip()) or block.text
        if block.label.startswith("宏代码"):
            return (f"文件含宏代码（{name}），宏可能收集或携带信息；"
                    "发布前请另存为不含宏的 .docx 或 PDF")
        if block.label.startswith("altChunk"):
            return (f"文件含合并内容（altChunk：{name}），Word 打开时作为正文显示；"
                    + (_READ if read else _UNREAD))
        return f"文件中嵌入了对象“{name}”，打开文件即可取出；" + (_READ if read else _UNREAD)


class AttachmentDetector(_ObjectDetector):
    """Files attached to a PDF (the EmbeddedFiles tree and file-attachment annotations)."""

    name = "hidden_content.attachment"
    kind = "attachment"

    def wanted(self, document) -> bool:
        return document.format == "pdf"

    def explain(self, block, read: bool) -> str:
        where = f"第 {block.page} 页的附件注释" if block.page else "PDF 附件"
        return f"{where}中带有文件“{block.text.strip()}”，打开 PDF 即可取出；" + (
            _READ if read else _UNREAD)
