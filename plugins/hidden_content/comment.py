"""``comment``: a reviewer's comment (批注). Word keeps every comment in ``word/comments.xml``
until it is deleted; whoever receives the published file can read them. Severity ``block``.

The finding's text is the comment's text; its author (the block's label, from ``w:author``) is
named, masked, in the explanation.
"""

from __future__ import annotations

from screening import Category, Severity, __version__

from .common import mask_person, whole_block

_ANONYMOUS = ("", "未署名 anonymous")


class CommentDetector:
    name = "hidden_content.comment"
    version = __version__
    category = Category.HIDDEN_CONTENT

    def detect(self, document, config):
        for block in document.parts("comment"):
            author = block.label.strip()
            who = "未署名" if author in _ANONYMOUS else mask_person(author, config)
            yield whole_block(
                self, block, kind="comment", severity=Severity.BLOCK, config=config,
                explanation=f"文件中保存着批注（批注人：{who}），收到文件的人都能看到；"
                            "发布前须删除全部批注")
