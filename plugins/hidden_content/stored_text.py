"""Text a viewer does not show but the file stores: one detector per way of hiding it.

==================  ==========================================  ========  =====================
kind                block flags (part ``hidden`` in .docx/PDF)  severity  where it comes from
==================  ==========================================  ========  =====================
``covered_text``    ``covered`` (bbox = the box)                block     PDF: text under an
                                                                          opaque box (a failed
                                                                          redaction)
``hidden_text``     ``hidden``; ``layer_hidden``; a ``hidden``  block     .docx ``w:vanish``
                    block without any flag (the glossary)       (review   (direct or by style),
                                                                for the   hidden shapes; PDF
                                                                glossary) layers off by default
``white_text``      ``white``                                   review    white on white
``tiny_text``       ``tiny``                                    review    ≤ 2 pt
``invisible_text``  ``invisible``                               review    PDF render mode 3
``offpage_text``    ``offpage``                                 review    PDF, outside the crop
                                                                          box
==================  ==========================================  ========  =====================

Off-page text that continues a visible line (it starts where a body line of the same page ends,
or ends where one starts, on the same baseline) is a line running over the page edge, a layout
slip rather than a hiding place: ``info``.

A block hidden in several ways at once (hidden *and* white *and* tiny) gives one finding, of the
first kind in the table above that applies; the explanation names the other ways too.

Building blocks of the glossary part (part ``hidden``, label ``glossary``, no flags) are text Word
keeps for re-use (cover pages, saved snippets); they are never shown in the document, but they are
often the prompt texts of content controls (单击或点击此处输入文字): those (lexicon
``hidden_values``, kind ``placeholder``) are no finding, the rest is ``hidden_text`` at
``review``.
"""

from __future__ import annotations

from screening import Category, Severity, __version__

from .common import Values, flagged_or_part, snippet, whole_block

#: kind → (flags that make it, severity, what the explanation says)
KINDS: dict[str, tuple[frozenset[str], Severity, str]] = {
    "covered_text": (frozenset({"covered"}), Severity.BLOCK,
                     "文字被方框遮住，但并未删除，黑框下的文字仍可复制、搜索"),
    "hidden_text": (frozenset({"hidden", "layer_hidden"}), Severity.BLOCK,
                    "文字设置为隐藏，屏幕上看不见，但仍保存在文件中"),
    "white_text": (frozenset({"white"}), Severity.REVIEW,
                   "文字为白色（或接近白色），在白色背景上看不见，但仍保存在文件中"),
    "tiny_text": (frozenset({"tiny"}), Severity.REVIEW,
                  "文字字号极小（不超过 2 磅），肉眼难以看见，但仍保存在文件中"),
    "invisible_text": (frozenset({"invisible"}), Severity.REVIEW,
                       "文字为不可见模式（PDF 渲染模式 3），页面上不显示，但可复制、搜索"),
    "offpage_text": (frozenset({"offpage"}), Severity.REVIEW,
                     "文字位于页面可见区域之外，不显示，但仍保存在文件中"),
}
ORDER = tuple(KINDS)
HIDING = frozenset().union(*(flags for flags, _, _ in KINDS.values()))
#: Flags of hidden-part blocks that other detectors handle (field codes and alt text: metadata;
#: scripts, earlier revisions: pdf_objects).
OTHERS = frozenset({"field_code", "alt_text", "javascript", "prior_revision"})
_HOW = {"hidden": "隐藏", "layer_hidden": "位于默认关闭的图层", "white": "白色", "tiny": "极小字号",
        "invisible": "不可见模式", "offpage": "位于页面之外", "covered": "被遮盖"}


def kind_of(block) -> str | None:
    """The kind a block is reported as, or ``None`` (not hidden text, or another detector's)."""
    if not block.flags and block.part != "hidden":
        return None  # the common case: visible text
    for kind in ORDER:
        if block.flags & KINDS[kind][0]:
            return kind
    if block.part == "hidden" and not block.flags & OTHERS:
        return "hidden_text"  # the glossary, or a hidden block without a known flag
    return None


class StoredTextDetector:
    """The detector of one kind of :data:`KINDS` (name ``hidden_content.<kind>``)."""

    version = __version__
    category = Category.HIDDEN_CONTENT

    def __init__(self, kind: str):
        if kind not in KINDS:
            raise ValueError(f"unknown hidden-text kind {kind!r}")
        self.kind = kind
        self.name = f"hidden_content.{kind}"

    def detect(self, document, config):
        values: Values | None = None
        lines: dict | None = None
        for block in flagged_or_part(document, "hidden"):  # kind_of is None for the rest
            if kind_of(block) != self.kind:
                continue
            if not block.flags & HIDING:
                values = values or Values(config)
                if not values.has("placeholder", block.text):
                    yield self.unshown(block, config)
                continue
            if self.kind == "offpage_text":
                lines = _lines(document) if lines is None else lines
                if _continues_a_line(block, lines):
                    yield whole_block(self, block, kind=self.kind, severity=Severity.INFO,
                                      config=config,
                                      explanation="这几个字是正文一行超出页面边缘的部分（排版溢出），"
                                                  "打印和显示时被截掉；请调整版面")
                    continue
            yield self.hidden(block, config)

    def hidden(self, block, config):
        flags, severity, what = KINDS[self.kind]
        also = [_HOW[f] for f in _HOW if f in block.flags and f not in flags]
        if also:
            what += f"（同时为{'、'.join(also)}）"
        return whole_block(self, block, kind=self.kind, severity=severity, config=config,
                           explanation=what + "；发布前须删除")

    def unshown(self, block, config):
        """A hidden-part block without a flag: the glossary (or text of unknown hiding)."""
        if block.label == "glossary":
            explanation = (f"Word 构建基块（glossary）中保存的文字「{snippet(block.text)}」"
                           "不在正文中显示，但仍随文件保存；请确认后删除")
        else:
            explanation = "文字保存在文件的隐藏部分，不在正文中显示；请确认后删除"
        return whole_block(self, block, kind=self.kind, severity=Severity.REVIEW, config=config,
                           explanation=explanation)


def _lines(document) -> dict[int | None, list[tuple[float, float, float, float]]]:
    """The boxes of the body lines, by page."""
    out: dict[int | None, list[tuple[float, float, float, float]]] = {}
    for other in document.parts("body"):
        if other.bbox is not None:
            out.setdefault(other.page, []).append(other.bbox)
    return out


def _continues_a_line(block, lines, gap: float = 2.0) -> bool:
    """``block`` (with a bbox) touches the left or right end of a body line of its page, and the
    two overlap vertically by at least half the smaller height."""
    if block.bbox is None:
        return False
    x0, top, x1, bottom = block.bbox
    for ox0, otop, ox1, obottom in lines.get(block.page, ()):
        overlap = min(bottom, obottom) - max(top, otop)
        if overlap < 0.5 * min(bottom - top, obottom - otop):
            continue
        if abs(x0 - ox1) <= gap or abs(x1 - ox0) <= gap:
            return True
    return False
