"""``tracked_change``: text a tracked change removed but the file still keeps — deletions
(``w:del``) and the sources of moves (``w:moveFrom``). Anyone can show it again with "拒绝修订"
or read it from the XML. Severity ``block``.

Inserted text (``w:ins``, ``w:moveTo``) is part of the visible text and is screened there; an
insertion alone is no finding. The revision's author and date (the block's label) are named in the
explanation, the author masked.
"""

from __future__ import annotations

import regex

from screening import Category, Severity, __version__

from .common import mask_person, whole_block

#: The reader's label: ``删除 deleted：<author> <date>`` / ``移走 moved from：<author> <date>``.
_LABEL = regex.compile(r"^[^：]*：\s*(?P<who>.*?)\s*(?P<date>\d{4}-\d{2}-\d{2}(?:T[\d:.]+Z?)?)?$")


class TrackedChangeDetector:
    name = "hidden_content.tracked_change"
    version = __version__
    category = Category.HIDDEN_CONTENT

    def detect(self, document, config):
        for block in document.parts("revision"):
            if "deleted" in block.flags:
                what = "修订中删除的文字仍保存在文件中"
            elif "moved" in block.flags:
                what = "修订中移走的文字（移动前的原文）仍保存在文件中"
            else:
                continue  # an insertion is visible text
            yield whole_block(self, block, kind="tracked_change", severity=Severity.BLOCK,
                              config=config, explanation=f"{what}{_who(block.label, config)}，"
                                                         "拒绝修订或查看文件内容即可看到；"
                                                         "发布前须接受或拒绝全部修订")


def _who(label: str, config) -> str:
    m = _LABEL.match(label)
    if not m:
        return ""
    who = m.group("who").strip()
    parts = []
    if who and who != "未署名":
        parts.append(f"修订人：{mask_person(who, config)}")
    if m.group("date"):
        parts.append(f"时间：{m.group('date')[:10]}")
    return f"（{'，'.join(parts)}）" if parts else ""
