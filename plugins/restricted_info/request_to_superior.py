"""``process_draft`` for a whole document: a 请示 addressed to a superior (domain.md §5: "a document
whose 文种 is 请示 … addressed to a superior is process information by default"; 条例第十六条第二款
names 请示报告).

A 请示 is an upward document by definition (《党政机关公文处理工作条例》第八条). The detector looks for
a title in the first lines of page 1 that ends in an ``upward_doctype`` of ``secrecy_context``
(``关于…的请示``) followed, within three lines, by a 主送 line (a short line ending in a colon) that
does not address subordinates (``downward_prefix``: 各乡镇…). The finding is the word 请示 in the
title. A 请示 merely mentioned in running text (经请示市政府同意) is not this.
"""

from __future__ import annotations

from collections.abc import Iterator

from screening_plugins.trade_secrets.analysis import compiled
from screening_plugins.trade_secrets.context import in_top_lines
from screening_plugins.trade_secrets.detector import where

from screening import (
    Category,
    Config,
    Document,
    Finding,
    Severity,
    __version__,
    compact,
    make_finding,
)
from screening import block_texts

from .spec import RESTRICTED_INFO

_TRAILING = "()（）。 "


class RequestToSuperiorDetector:
    name = "restricted_info.request_to_superior"
    kind = "process_draft"
    category = Category.RESTRICTED_INFO
    version = __version__

    def detect(self, document: Document, config: Config) -> Iterator[Finding]:
        cues = compiled(RESTRICTED_INFO, config).cues
        texts = block_texts(document)
        body = [b for b in document.blocks if b.part == "body" and in_top_lines(b)]
        for i, block in enumerate(body):
            norm = texts.of(block)
            text = norm.text.rstrip(_TRAILING)
            if len(compact(text)) > 80 or text.endswith("。"):
                continue
            m = cues.upward.search(text)
            if m is None:
                continue
            addressee = next((b for b in body[i + 1:i + 4]
                              if _is_addressee(texts.of(b).text)), None)
            if addressee is None:
                continue
            to = compact(texts.of(addressee).text).rstrip(":")
            if cues.downward.search(to):
                continue
            start, end = norm.span(m.start(), m.end())
            yield make_finding(
                self, block, start, end, kind=self.kind, severity=Severity.REVIEW,
                basis=RESTRICTED_INFO.default_basis["process_draft"], confidence=0.8,
                explanation=(f"{where(block)}的标题表明本文为请示，主送“{to}”（上级机关），属于请示报告等"
                             "过程性信息（条例第十六条第二款），一般不予公开；请确认后不公开或待批复后依规公开"),
                config=config)
            return


def _is_addressee(text: str) -> bool:
    c = compact(text)
    return 2 <= len(c) <= 40 and c.endswith(":")
