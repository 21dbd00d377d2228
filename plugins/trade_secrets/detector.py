"""The detector shape both lexicon plugins use: one kind, findings from the shared analysis.

A subclass names itself (``name``, ``kind``, ``category``), says which :class:`.analysis.Spec` it
reads. What the drafter should do is the report's (``screening/report/names.py``,
KIND_ADVICE). It may widen a hit to the whole mark
(:meth:`LexiconDetector.widen`, used by ``commercial_mark``).
"""

from __future__ import annotations

from collections.abc import Iterator

from screening import (
    Block,
    Category,
    Config,
    Document,
    Finding,
    Normalized,
    Severity,
    __version__,
    make_finding,
)
from screening import block_texts

from .analysis import Decision, Spec, analyse

_PART_NAMES = {
    "body": "正文", "table": "表格", "header": "页眉", "footer": "页脚", "footnote": "脚注",
    "endnote": "尾注", "comment": "批注", "revision": "修订内容", "textbox": "文本框",
    "hidden": "隐藏文字", "metadata": "文档属性", "page": "页面", "annotation": "PDF 注释",
    "attachment": "附件", "filename": "文件名",
}


def where(block: Block) -> str:
    """A clerk's description of the block's place: ``第1页第3行``, ``表格第2行第3列``, ``页眉``."""
    if block.table is not None:
        _, r, c = block.table
        return f"表格第{r + 1}行第{c + 1}列"
    name = _PART_NAMES.get(block.part, block.part)
    if block.part == "body" and block.line is not None:
        return f"第{block.page}页第{block.line + 1}行" if block.page else f"第{block.line + 1}行"
    if block.page and block.part != "filename":
        return f"第{block.page}页的{name}"
    return name


class LexiconDetector:
    """Base class of the lexicon detectors of ``trade_secrets`` and ``restricted_info``."""

    name = ""
    kind = ""
    noun = ""            # 技术信息 …: how the explanation names what was found
    category = Category.TRADE_SECRET
    spec: Spec
    version = __version__

    def widen(self, text: str, start: int, end: int, block: Block) -> tuple[int, int]:
        """The span to report for a hit at ``text[start:end]`` (normalised text)."""
        return start, end

    def detect(self, document: Document, config: Config) -> Iterator[Finding]:
        decisions = [d for d in analyse(document, config, self.spec) if d.kind == self.kind]
        if not decisions:
            return
        texts = block_texts(document)
        for d in decisions:
            yield self._finding(d, texts.of(d.block), config)

    def _finding(self, d: Decision, norm: Normalized, config: Config) -> Finding:
        s, e = (d.start, d.end) if d.cancelled else self.widen(norm.text, d.start, d.end, d.block)
        start, end = norm.span(s, e)
        found = d.block.text[start:end]
        if d.cancelled:
            explanation = (f"{where(d.block)}的{self.noun}用语“{found}”{d.reason}，"
                           "视为引用或概念，不作为发现项")
        else:
            explanation = f"{where(d.block)}出现{self.noun}用语“{found}”（{d.reason}）"
        return make_finding(self, d.block, start, end, kind=self.kind, severity=d.severity,
                            basis=d.basis, confidence=d.confidence, explanation=explanation,
                            config=config)


__all__ = ["LexiconDetector", "Severity", "where"]
