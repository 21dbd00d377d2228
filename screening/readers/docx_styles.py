"""Run formatting for the .docx reader: is a run hidden, white or tiny, and symbol fonts.

Only the properties that can hide text are resolved: ``w:vanish``, ``w:color``, ``w:sz``, run
shading and highlight (what lies behind white text) and the ASCII font (Wingdings). They come
from, in rising precedence, the document defaults, the paragraph style, the character style and
direct formatting; each style's ``w:basedOn`` chain is followed (cycles cut). The nearest explicit
value wins: the toggle-property XOR of ECMA-376 §17.7.3 is not modelled (its only effect would be
to call some hidden-by-two-styles text visible, and visible text is screened anyway).
"""

from __future__ import annotations

from lxml import etree

from .ooxml import W

W_VAL = W + "val"
W_RPR = W + "rPr"

Props = dict  # keys: vanish, color, sz, shd, highlight, font

#: Wingdings codes (low byte) with a Unicode equivalent worth keeping: the stars (0xAB is the ★
#: of 机密★1年) and a few bullets. Other symbol codes become U+F0xx (private use), which the mark
#: detectors treat as a possible star.
WINGDINGS = {0xAA: "\u2726", 0xAB: "\u2605", 0xAC: "\u2736", 0xAD: "\u2734", 0xAE: "\u2739",
             0xAF: "\u2735", 0xB5: "\u272a", 0xB6: "\u2730", 0x6C: "\u25cf", 0x9F: "\u2022",
             0xA7: "\u25aa", 0xFC: "\u2713", 0xFB: "\u2717"}

_HIGHLIGHT_DARK = {"black", "blue", "red", "green", "magenta", "darkBlue", "darkCyan",
                   "darkGreen", "darkMagenta", "darkRed", "darkYellow", "darkGray"}
_FLAG_LABELS = {"hidden": "隐藏文字 hidden text", "white": "白色文字 white text",
                "tiny": "极小文字 tiny text"}
_TAGS = {W + "vanish": "vanish", W + "color": "color", W + "sz": "sz", W + "shd": "shd",
         W + "highlight": "highlight", W + "rFonts": "font", W + "rStyle": "style"}


def on(el: etree._Element) -> bool:
    """An OOXML on/off element (``<w:vanish/>``, ``<w:vanish w:val="0"/>``)."""
    return el.get(W_VAL) not in ("0", "false", "off")


def on_attr(value: str | None) -> bool:
    return value in ("1", "true", "on")


def fill(shd: etree._Element) -> str | None:
    """The colour a ``w:shd`` paints (``None`` for none/auto)."""
    color = shd.get(W + "fill")
    if shd.get(W_VAL) == "solid":
        color = shd.get(W + "color") or color
    return color if color and color.lower() != "auto" else None


def run_props(rpr: etree._Element) -> tuple[Props, str | None]:
    """The properties of a ``w:rPr`` that matter here, and its character style id."""
    props: Props = {}
    style = None
    for c in rpr:
        key = _TAGS.get(c.tag)  # type: ignore[arg-type]
        if key is None:
            continue
        if key == "vanish":
            props["vanish"] = on(c)
        elif key == "sz":
            try:
                props["sz"] = int(c.get(W_VAL) or "")
            except ValueError:
                pass
        elif key == "shd":
            props["shd"] = fill(c)
        elif key == "font":
            props["font"] = c.get(W + "ascii") or c.get(W + "hAnsi")
        elif key == "style":
            style = c.get(W_VAL)
        else:
            props[key] = c.get(W_VAL)
    return props, style


class Styles:
    """Run properties from ``styles.xml`` (``None``: no styles part)."""

    def __init__(self, root: etree._Element | None = None):
        self.defaults: Props = {}
        self.own: dict[str, tuple[str | None, Props]] = {}
        self.default_paragraph: str | None = None
        self._resolved: dict[str, Props] = {}
        self._paragraph_base: dict[str | None, Props] = {}
        if root is None:
            return
        rpr = root.find(f"{W}docDefaults/{W}rPrDefault/{W_RPR}")
        if rpr is not None:
            self.defaults = run_props(rpr)[0]
        for style in root.iter(W + "style"):
            sid = style.get(W + "styleId")
            if not sid:
                continue
            based = style.find(W + "basedOn")
            rpr = style.find(W_RPR)
            self.own[sid] = (based.get(W_VAL) if based is not None else None,
                             run_props(rpr)[0] if rpr is not None else {})
            if style.get(W + "type") == "paragraph" and on_attr(style.get(W + "default")):
                self.default_paragraph = sid

    def resolved(self, sid: str | None) -> Props:
        """A style's properties with its ``basedOn`` chain applied."""
        if not sid or sid not in self.own:
            return {}
        if sid not in self._resolved:
            chain, seen, current = [], set(), sid
            while current and current in self.own and current not in seen:
                seen.add(current)
                chain.append(self.own[current][1])
                current = self.own[current][0]
            props: Props = {}
            for own in reversed(chain):
                props.update(own)
            self._resolved[sid] = props
        return self._resolved[sid]

    def paragraph_base(self, pstyle: str | None) -> Props:
        """What every run of a paragraph with style ``pstyle`` starts from (an unknown style
        falls back to the default paragraph style, as in Word)."""
        if pstyle not in self._paragraph_base:
            sid = pstyle if pstyle in self.own else self.default_paragraph
            self._paragraph_base[pstyle] = {**self.defaults, **self.resolved(sid)}
        return self._paragraph_base[pstyle]


def _rgb(value: str | None) -> tuple[int, int, int] | None:
    if not value or len(value) != 6:
        return None
    try:
        n = int(value, 16)
    except ValueError:
        return None
    return n >> 16, (n >> 8) & 0xFF, n & 0xFF


def near_white(value: str | None) -> bool:
    """Every channel ≥ 0xF0 (``auto`` and theme-only colours are not white)."""
    rgb = _rgb(value)
    return rgb is not None and min(rgb) >= 0xF0


def dark(value: str | None) -> bool:
    """A background dark enough for white text to be read on it."""
    rgb = _rgb(value)
    return rgb is not None and (0.299 * rgb[0] + 0.587 * rgb[1] + 0.114 * rgb[2]) < 160


def hiding_flags(props: Props, background: str | None) -> frozenset[str]:
    """How a run with these properties is hidden: ``hidden``, ``white``, ``tiny`` (empty when
    it is visible). ``background``: paragraph, cell or page colour behind the run."""
    flags = []
    if props.get("vanish"):
        flags.append("hidden")
    sz = props.get("sz")
    if sz is not None and sz <= 4:
        flags.append("tiny")
    if near_white(props.get("color")) and not (
            dark(props.get("shd")) or props.get("highlight") in _HIGHLIGHT_DARK
            or dark(background)):
        flags.append("white")
    return frozenset(flags)


def flag_label(flags: frozenset[str]) -> str:
    return "、".join(_FLAG_LABELS[f] for f in ("hidden", "white", "tiny") if f in flags)


def symbol(font: str | None, code: int) -> str:
    """The character a symbol-font code stands for; U+F0xx (private use) when unknown."""
    low = code & 0xFF if code < 0x100 or 0xF000 <= code <= 0xF0FF else None
    if low is not None and (font or "").strip().lower() == "wingdings" and low in WINGDINGS:
        return WINGDINGS[low]
    return chr(0xF000 + code) if code < 0x100 else chr(code)


def is_wingdings(props: Props) -> bool:
    return (props.get("font") or "").strip().lower() == "wingdings"


def wingdings_text(text: str) -> str:
    """Text typed in the Wingdings font: each 8-bit or U+F0xx character shows a symbol."""
    return "".join(symbol("wingdings", ord(ch)) if ord(ch) < 0x100 or 0xF000 <= ord(ch) <= 0xF0FF
                   else ch for ch in text)
