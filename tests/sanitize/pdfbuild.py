"""PDF builders for the sanitizer tests that :mod:`tests.docbuild.pdf` does not have: a table,
a form XObject shared by two pages, justified Latin text (character and word spacing), a Type3
font page, a signed PDF; and helpers that build :class:`Action` s by hand from a read
document (so these tests do not depend on ``make_plan``)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pikepdf
from reportlab.pdfgen import canvas

from screening.model import Block, Document, Location
from screening.sanitize.plan import Action, Plan
from tests.docbuild.pdf import FONT, FONT_SIZE, LEFT, Painter, baseline, build_pdf


def table(rows: Sequence[Sequence[str]], *, top_line: int = 2, widths: Sequence[float] = (
        90, 150, 150)) -> Painter:
    """A ruled table whose rows sit on line slots ``top_line``, ``top_line + 1`` …"""
    def paint(pdf: canvas.Canvas) -> None:
        pdf.saveState()
        pdf.setLineWidth(0.8)
        xs = [LEFT]
        for w in widths:
            xs.append(xs[-1] + w)
        ys = [baseline(top_line + i) + 15 for i in range(len(rows) + 1)]
        for y in ys:
            pdf.line(xs[0], y, xs[-1], y)
        for x in xs:
            pdf.line(x, ys[0], x, ys[-1])
        pdf.setFont(FONT, FONT_SIZE)
        for r, row in enumerate(rows):
            for c, cell in enumerate(row):
                pdf.drawString(xs[c] + 4, baseline(top_line + r), cell)
        pdf.restoreState()
    return paint


def justified(value: str, *, line: int, char_space: float = 0.6, word_space: float = 3.0,
              font: str = "Helvetica", size: float = 11, horizontal_scale: float = 100
              ) -> Painter:
    """One line in a standard Latin font with ``Tc``/``Tw``/``Tz`` set, as justified text
    is drawn (the cut must compensate all three)."""
    def paint(pdf: canvas.Canvas) -> None:
        obj = pdf.beginText(LEFT, baseline(line))
        obj.setFont(font, size)
        obj.setCharSpace(char_space)
        obj.setWordSpace(word_space)
        obj.setHorizScale(horizontal_scale)
        obj.textOut(value)
        pdf.drawText(obj)
    return paint


def shared_form_pdf(path: str | Path, shown: str, *, body: Sequence[str] = ("正文",)) -> Path:
    """Two pages that draw the same form XObject (a letterhead line ``shown``) with ``Do``, at
    different places, plus their own ``body`` lines."""
    path = Path(path)

    def define_and_draw(pdf: canvas.Canvas) -> None:
        pdf.beginForm("letterhead")
        pdf.setFont(FONT, FONT_SIZE)
        pdf.drawString(0, 0, shown)
        pdf.endForm()
        pdf.saveState()
        pdf.translate(LEFT, baseline(4))
        pdf.doForm("letterhead")
        pdf.restoreState()

    def draw_again(pdf: canvas.Canvas) -> None:
        pdf.saveState()
        pdf.translate(LEFT + 20, baseline(6))
        pdf.doForm("letterhead")
        pdf.restoreState()

    return build_pdf(path, [[*body, define_and_draw], [*body, draw_again]])


def type3_pdf(path: str | Path, value: str, *, before: str = "编号") -> Path:
    """A page whose ``value`` (digits and letters) is drawn in a Type3 font (each glyph a small
    filled box) with a /ToUnicode map, after a normal line ``before``."""
    path = build_pdf(path, [[before]])
    chars = sorted(set(value))
    with pikepdf.open(path, allow_overwriting_input=True) as doc:
        procs = pikepdf.Dictionary()
        names = []
        for i, ch in enumerate(chars):
            name = f"g{i}"
            names.append(pikepdf.Name("/" + name))
            procs[pikepdf.Name("/" + name)] = doc.make_stream(
                f"600 0 0 0 500 700 d1 50 0 {400 + i * 5} {600 - i * 10} re f".encode())
        first = 1
        cmap = ("/CIDInit /ProcSet findresource begin 12 dict begin begincmap "
                "/CMapName /T3 def 1 begincodespacerange <00> <FF> endcodespacerange "
                f"{len(chars)} beginbfchar "
                + " ".join(f"<{first + i:02X}> <{ord(ch):04X}>" for i, ch in enumerate(chars))
                + " endbfchar endcmap CMapName currentdict /CMap defineresource pop end end")
        font = doc.make_indirect(pikepdf.Dictionary(
            Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type3,
            FontBBox=pikepdf.Array([0, 0, 600, 700]),
            FontMatrix=pikepdf.Array([0.001, 0, 0, 0.001, 0, 0]),
            CharProcs=procs, FirstChar=first, LastChar=first + len(chars) - 1,
            Widths=pikepdf.Array([600] * len(chars)),
            Encoding=pikepdf.Dictionary(Type=pikepdf.Name.Encoding, Differences=pikepdf.Array(
                [first, *names])),
            Resources=pikepdf.Dictionary(),
            ToUnicode=doc.make_stream(cmap.encode())))
        page = doc.pages[0]
        page.obj.Resources.Font.T3 = font
        codes = bytes(first + chars.index(ch) for ch in value)
        page.contents_add(doc.make_stream(
            b"BT /T3 12 Tf 1 0 0 1 %d %d Tm <" % (LEFT, baseline(1)) + codes.hex().encode()
            + b"> Tj ET"))
        doc.save(path)
    return path


def sign(path: str | Path) -> Path:
    """Make ``path`` look signed: an AcroForm with SigFlags 3 and a signature field whose value
    has a /ByteRange (the bytes are not a real signature; the sanitizer must refuse anyway)."""
    with pikepdf.open(path, allow_overwriting_input=True) as doc:
        value = doc.make_indirect(pikepdf.Dictionary(
            Type=pikepdf.Name.Sig, Filter=pikepdf.Name("/Adobe.PPKLite"),
            ByteRange=pikepdf.Array([0, 100, 200, 300]), Contents=pikepdf.String(b"\0" * 16)))
        widget = doc.make_indirect(pikepdf.Dictionary(
            Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Widget, FT=pikepdf.Name.Sig,
            T=pikepdf.String("签名1"), V=value, Rect=pikepdf.Array([0, 0, 0, 0]),
            P=doc.pages[0].obj))
        doc.pages[0].obj.Annots = doc.make_indirect(pikepdf.Array([widget]))
        doc.Root.AcroForm = pikepdf.Dictionary(Fields=pikepdf.Array([widget]), SigFlags=3)
        doc.save(path)
    return Path(path)


# -- plans by hand ----------------------------------------------------------------------------------


def block_with(document: Document, needle: str, *, part: str | None = None,
               page: int | None = None, nth: int = 0) -> Block:
    """The ``nth`` block containing ``needle`` (optionally of ``part`` / on ``page``)."""
    found = [b for b in document.blocks if needle in b.text
             and (part is None or b.part == part) and (page is None or b.page == page)]
    assert len(found) > nth, f"no block with {needle!r}: {[b.text for b in document.blocks]}"
    return found[nth]


def mask(document: Document, value: str, keep: tuple[int, int] = (6, 4), *,
         kind: str = "resident_id", page: int | None = None, nth: int = 0,
         occurrence: int = 0) -> Action:
    """A ``mask`` action for ``value`` in its block keeping ``keep`` (first, last) characters."""
    block = block_with(document, value, page=page, nth=nth)
    start = -1
    for _ in range(occurrence + 1):
        start = block.text.index(value, start + 1)
    first, last = keep
    hidden = (first, len(value) - last)
    masked = value[:first] + "*" * (hidden[1] - hidden[0]) + value[hidden[1]:]
    return Action("mask", f"f{block.index}-{start}", "personal_data", kind,
                  Location.of(block, start, start + len(value)), value, masked, masked,
                  (hidden,), reason="脱敏")


def remove_block(block: Block, *, op: str = "remove", kind: str = "hidden_text",
                 whole_part: bool = False, category: str = "hidden_content") -> Action:
    """An action removing the whole of ``block``."""
    return Action(op, f"f{block.index}", category, kind,  # type: ignore[arg-type]
                  Location.of(block, 0, len(block.text)), block.text, "", "",
                  ((0, len(block.text)),), whole_part=whole_part, reason="删除")


def plan_of(*actions: Action, remove_hidden: bool = True) -> Plan:
    return Plan(tuple(actions), remove_hidden=remove_hidden)


def embedded_truetype_pdf(path: str | Path, lines: Sequence[str]) -> Path:
    """Latin lines in an embedded TrueType subset (reportlab's bundled Vera): a simple font with
    its own code assignment, /Widths and /ToUnicode, as many producers write them."""
    import reportlab
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    font = Path(reportlab.__file__).parent / "fonts" / "Vera.ttf"
    pdfmetrics.registerFont(TTFont("Vera", str(font)))
    pdf = canvas.Canvas(str(path), invariant=1)
    pdf.setFont("Vera", 12)
    for i, line in enumerate(lines):
        pdf.drawString(LEFT, baseline(i), line)
    pdf.save()
    return Path(path)
