"""Build the PDFs the tests need: Chinese text with reportlab's built-in CID font ``STSong-Light``
(no system fonts), then document structures (Info, XMP, annotations, attachments, encryption,
optional-content layers, scripts) with pikepdf (a test-only dependency), incremental updates and
hostile files written byte by byte.

A page is a list of items drawn in order (paint order matters: a box drawn after a line covers
it). A ``str`` is a line at the next line slot; a painter (:func:`text`, :func:`box`) draws
something at an explicit place::

    build_pdf(path, [["身份证号：110105196703150014",
                      box(span("身份证号：110105196703150014", 5, line=0)),
                      text("内部资料", line=2, color=WHITE)]])

Every builder returns the path it wrote.
"""

from __future__ import annotations

import io
import re
import zlib
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import pikepdf
from PIL import Image
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

FONT = "STSong-Light"
FONT_SIZE = 12
LEFT = 72
TOP = 770
LEADING = 20

pdfmetrics.registerFont(UnicodeCIDFont(FONT))

BLACK = (0.0, 0.0, 0.0)
WHITE = (1.0, 1.0, 1.0)

Rect = tuple[float, float, float, float]
#: Draws something on the current page.
Painter = Callable[[canvas.Canvas], None]


def baseline(line: int) -> float:
    """The baseline y of line slot ``line`` (0 = the first line at the top)."""
    return TOP - line * LEADING


def span(line_text: str, start: int = 0, end: int | None = None, *, line: int, x: float = LEFT,
         size: float = FONT_SIZE, pad: float = 1.5) -> Rect:
    """``(x0, y0, x1, y1)`` (PDF user space, y up) around ``line_text[start:end]`` drawn at line
    slot ``line``: from the font's descent to its ascent, ``pad`` points wider on every side."""
    end = len(line_text) if end is None else end
    x0 = x + pdfmetrics.stringWidth(line_text[:start], FONT, size)
    x1 = x + pdfmetrics.stringWidth(line_text[:end], FONT, size)
    ascent, descent = pdfmetrics.getAscentDescent(FONT, size)
    y = baseline(line)
    return (x0 - pad, y + descent - pad, x1 + pad, y + ascent + pad)


def text(value: str, *, line: int, x: float = LEFT, color: tuple[float, float, float] = BLACK,
         size: float = FONT_SIZE, mode: int = 0, alpha: float | None = None, scale: float = 1.0,
         layer: str | None = None, form: bool = False) -> Painter:
    """A painter for one line of text at line slot ``line``.

    :param mode: the text render mode (3: neither filled nor stroked, i.e. invisible). It is
        reset afterwards: ``Tr`` outlives ``BT … ET`` (sanitize.md §3.3).
    :param alpha: the fill alpha (an ExtGState ``ca``).
    :param scale: a ``cm`` scale around the text (12 pt × 0.04 shows as 0.48 pt).
    :param layer: the property name of an optional-content layer (see ``layers`` of
        :func:`build_pdf`): the text is drawn inside ``/OC /<layer> BDC … EMC``.
    :param form: draw the text inside a form XObject (``Do``), placed and scaled from outside.
    """
    def draw(pdf: canvas.Canvas) -> None:
        pdf.setFillColorRGB(*color)
        if alpha is not None:
            pdf.setFillAlpha(alpha)
        obj = pdf.beginText(0, 0)
        obj.setFont(FONT, size)
        obj.setTextRenderMode(mode)
        obj.textOut(value)
        if mode:
            obj.setTextRenderMode(0)
        pdf.drawText(obj)

    def paint(pdf: canvas.Canvas) -> None:
        pdf.saveState()
        if layer:
            pdf.addLiteral(f"/OC /{layer} BDC")
        pdf.translate(x, baseline(line))
        pdf.scale(scale, scale)
        if form:
            name = f"text{id(paint)}"
            pdf.beginForm(name)
            draw(pdf)
            pdf.endForm()
            pdf.doForm(name)
        else:
            draw(pdf)
        if layer:
            pdf.addLiteral("EMC")
        pdf.restoreState()
    return paint


def box(rect: Rect, *, color: tuple[float, float, float] = BLACK, alpha: float | None = None,
        as_lines: bool = False) -> Painter:
    """A painter for a filled box ``(x0, y0, x1, y1)``: an ``re`` operator, or with ``as_lines``
    a closed path of line segments (``m l l l h f``), as some redaction tools draw it."""
    def paint(pdf: canvas.Canvas) -> None:
        x0, y0, x1, y1 = rect
        pdf.saveState()
        pdf.setFillColorRGB(*color)
        if alpha is not None:
            pdf.setFillAlpha(alpha)
        if as_lines:
            path = pdf.beginPath()
            path.moveTo(x0, y0)
            path.lineTo(x1, y0)
            path.lineTo(x1, y1)
            path.lineTo(x0, y1)
            path.close()
            pdf.drawPath(path, fill=1, stroke=0)
        else:
            pdf.rect(x0, y0, x1 - x0, y1 - y0, fill=1, stroke=0)
        pdf.restoreState()
    return paint


def build_pdf(path: str | Path, pages: Sequence[Sequence[str | Painter]], *,
              info: Mapping[str, str] | None = None, xmp: str | bytes | None = None,
              annotations: Sequence[tuple[int, str] | tuple[int, str, str]] = (),
              attachments: Mapping[str, bytes] | None = None,
              image_only_pages: Sequence[int] = (),
              encrypt_user_password: str | None = None,
              encrypt_owner_password: str | None = None,
              layers: Mapping[str, tuple[str, bool]] | None = None,
              crop_box: Rect | None = None) -> Path:
    """Write an A4 PDF: ``pages[i]`` are the items of page ``i + 1``: lines (``str``, top to
    bottom) and painters, drawn in order.

    :param info: the Info dictionary, exactly (reportlab's defaults are removed); custom keys
        allowed (``{"Department": "办公室"}``).
    :param xmp: a complete XMP packet, stored as the catalog's /Metadata stream (see
        :func:`xmp_packet`).
    :param annotations: ``(page, contents)`` for a /Text note, or ``(page, contents, subtype)``
        with subtype ``Text``, ``FreeText`` or ``Stamp``.
    :param attachments: embedded files ``{name: data}`` (the EmbeddedFiles name tree).
    :param image_only_pages: 1-based pages that show an image and no text (their line lists
        must be empty).
    :param encrypt_user_password: AES-256 encryption that needs this password to open.
    :param encrypt_owner_password: an owner password; alone it gives a PDF that opens without
        a password (only permissions restricted).
    :param layers: optional-content groups ``{property name: (layer name, visible)}``: every page
        gets them as ``/Properties``; a layer with ``visible=False`` is in ``/OCProperties/D/OFF``.
    :param crop_box: a ``/CropBox`` for every page.
    """
    path = Path(path)
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, invariant=1)
    for number, lines in enumerate(pages, 1):
        if number in image_only_pages:
            assert not lines, f"image-only page {number} must have no lines"
            pdf.drawImage(ImageReader(_picture()), LEFT, 400, width=400, height=300)
        pdf.setFont(FONT, FONT_SIZE)
        slot = 0
        for item in lines:
            if isinstance(item, str):
                pdf.drawString(LEFT, baseline(slot), item)
                slot += 1
            else:
                item(pdf)
        pdf.showPage()
    pdf.save()
    with pikepdf.open(io.BytesIO(buffer.getvalue())) as doc:
        for key in list(doc.docinfo.keys()):
            del doc.docinfo[key]
        for key, value in (info or {}).items():
            doc.docinfo[pikepdf.Name("/" + key)] = pikepdf.String(value)
        if xmp is not None:
            data = xmp.encode("utf-8") if isinstance(xmp, str) else xmp
            doc.Root.Metadata = doc.make_stream(data, Type=pikepdf.Name.Metadata,
                                                Subtype=pikepdf.Name.XML)
        for spec in annotations:
            page_no, contents = spec[0], spec[1]
            subtype = spec[2] if len(spec) > 2 else "Text"
            _annotate(doc, doc.pages[page_no - 1], contents, subtype)
        for name, data in (attachments or {}).items():
            doc.attachments[name] = pikepdf.AttachedFileSpec(doc, data, filename=name)
        if layers:
            _add_layers(doc, layers)
        if crop_box is not None:
            for page in doc.pages:
                page.obj.CropBox = pikepdf.Array(list(crop_box))
        encryption = None
        if encrypt_user_password is not None or encrypt_owner_password is not None:
            encryption = pikepdf.Encryption(user=encrypt_user_password or "",
                                            owner=encrypt_owner_password or "owner-secret", R=6)
        doc.save(path, encryption=encryption or False, fix_metadata_version=False)
    return path


def xmp_packet(properties: Mapping[str, str], *, custom: Mapping[str, str] | None = None) -> str:
    """An XMP packet as Acrobat writes one. ``properties`` keys: ``dc:title``,
    ``dc:description`` (language alternatives), ``dc:creator`` (an ordered list), ``dc:subject``
    (a bag), ``pdf:Keywords`` and ``xmp:CreatorTool`` (simple). ``custom`` properties go into the
    namespace ``http://example.gov.cn/ns/office/1.0/`` with prefix ``office``, in attribute form.
    """
    def alt(value: str) -> str:
        return f'<rdf:Alt><rdf:li xml:lang="x-default">{_xml(value)}</rdf:li></rdf:Alt>'

    def seq(value: str, kind: str) -> str:
        return f"<rdf:{kind}><rdf:li>{_xml(value)}</rdf:li></rdf:{kind}>"

    elements = []
    for name, value in properties.items():
        if name in ("dc:title", "dc:description"):
            body = alt(value)
        elif name == "dc:creator":
            body = seq(value, "Seq")
        elif name == "dc:subject":
            body = seq(value, "Bag")
        else:
            body = _xml(value)
        elements.append(f"<{name}>{body}</{name}>")
    attributes = "".join(f' office:{k}="{_xml(v)}"' for k, v in (custom or {}).items())
    return (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">\n'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
        '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"'
        ' xmlns:pdf="http://ns.adobe.com/pdf/1.3/" xmlns:xmp="http://ns.adobe.com/xap/1.0/"'
        f' xmlns:office="http://example.gov.cn/ns/office/1.0/"{attributes}>\n'
        + "\n".join(elements) +
        '\n</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end="w"?>')


def many_pages_pdf(path: str | Path, n: int, lines_per_page: int = 30) -> Path:
    """``n`` pages of ``lines_per_page`` Chinese lines each: ``第 P 页第 L 行：…``."""
    pages = [[f"第 {p} 页第 {i + 1} 行：关于加强政府信息公开工作的通知正文内容"
              for i in range(lines_per_page)] for p in range(1, n + 1)]
    return build_pdf(path, pages)


def truncated_pdf(path: str | Path, keep: float = 0.6) -> Path:
    """A three-page PDF cut after ``keep`` of its bytes (an interrupted download)."""
    source = Path(path).with_suffix(".whole.pdf")
    build_pdf(source, [["第一页"], ["第二页"], ["第三页"]])
    data = source.read_bytes()
    source.unlink()
    Path(path).write_bytes(data[: int(len(data) * keep)])
    return Path(path)


def corrupt_pdf(path: str | Path) -> Path:
    """A file with a PDF header and end marker but nothing a parser can use in between."""
    Path(path).write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 20 + b"\n%%EOF\n")
    return Path(path)


def flate_bomb_pdf(path: str | Path, inflated_mib: int = 400) -> Path:
    """A one-page PDF whose content stream inflates to ``inflated_mib`` MiB of spaces (~1000:1,
    ~400 KiB on disk for 400 MiB). Compressed chunk by chunk: building it stays small."""
    deflater = zlib.compressobj(9)
    chunk = b" " * (1 << 20)
    stream = b"".join(deflater.compress(chunk) for _ in range(inflated_mib)) + deflater.flush()
    return raw_pdf(path, [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream
        + b"\nendstream",
    ])


def raw_pdf(path: str | Path, objects: Sequence[bytes]) -> Path:
    """Write objects ``1 0 obj`` … (object 1 is the catalog) with a correct xref table."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    Path(path).write_bytes(bytes(out))
    return Path(path)


def add_javascript(path: str | Path, script: str, *, where: str = "open") -> Path:
    """Add a JavaScript action: ``where`` = ``open`` (the catalog's /OpenAction), ``names``
    (the document-level /Names/JavaScript tree, named ``init``), ``page`` (page 1's /AA /O,
    run when the page opens) or ``link`` (a /Link annotation on page 1 whose /A runs it)."""
    with pikepdf.open(path, allow_overwriting_input=True) as doc:
        action = doc.make_indirect(pikepdf.Dictionary(
            Type=pikepdf.Name.Action, S=pikepdf.Name.JavaScript, JS=pikepdf.String(script)))
        if where == "open":
            doc.Root.OpenAction = action
        elif where == "names":
            if "/Names" not in doc.Root:
                doc.Root.Names = pikepdf.Dictionary()
            doc.Root.Names.JavaScript = pikepdf.Dictionary(
                Names=pikepdf.Array([pikepdf.String("init"), action]))
        elif where == "page":
            doc.pages[0].obj.AA = pikepdf.Dictionary(O=action)
        elif where == "link":
            _add_annot(doc, doc.pages[0], pikepdf.Dictionary(
                Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Link,
                Rect=pikepdf.Array([72, 700, 200, 720]), A=action))
        else:
            raise ValueError(where)
        doc.save(path)
    return Path(path)


def add_stamp(path: str | Path, page: int, appearance: str, *, contents: str = "",
              author: str = "审核人") -> Path:
    """Add a /Stamp annotation whose appearance stream (/AP /N) shows ``appearance`` in the
    document's Chinese font (what a viewer shows; /Contents is often empty for stamps)."""
    with pikepdf.open(path, allow_overwriting_input=True) as doc:
        target = doc.pages[page - 1]
        name, font = _cjk_font(target)
        stream = doc.make_stream(
            f"BT /{name} 12 Tf 2 6 Td <{appearance.encode('utf-16-be').hex()}> Tj ET".encode(),
            Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Form,
            BBox=pikepdf.Array([0, 0, 120, 24]),
            Resources=pikepdf.Dictionary(Font=pikepdf.Dictionary({"/" + name: font})))
        annot = pikepdf.Dictionary(
            Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Stamp,
            Rect=pikepdf.Array([380, 640, 500, 664]), T=pikepdf.String(author), F=4,
            AP=pikepdf.Dictionary(N=stream))
        if contents:
            annot.Contents = pikepdf.String(contents)
        _add_annot(doc, target, annot)
        doc.save(path)
    return Path(path)


def add_file_annotation(path: str | Path, page: int, name: str, data: bytes) -> Path:
    """Attach ``data`` as ``name`` through a /FileAttachment annotation on ``page`` (not in the
    EmbeddedFiles tree)."""
    with pikepdf.open(path, allow_overwriting_input=True) as doc:
        spec = pikepdf.AttachedFileSpec(doc, data, filename=name)
        _add_annot(doc, doc.pages[page - 1], pikepdf.Dictionary(
            Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.FileAttachment,
            Rect=pikepdf.Array([500, 700, 520, 720]), FS=spec.obj, T=pikepdf.String("经办人")))
        doc.save(path)
    return Path(path)


def incremental_update(path: str | Path, *, info: Mapping[str, str] | None = None,
                       pages: Mapping[int, Sequence[str]] | None = None) -> Path:
    """Append an incremental update, as a viewer's "save" does: new objects, a new xref section
    and a trailer with /Prev after the first ``%%EOF``; the earlier revision stays in the file.

    :param info: the new Info dictionary (replaces the old one).
    :param pages: ``{page: lines}``: the page's content is replaced by these lines (black text,
        the line slots of :func:`build_pdf`).
    """
    path = Path(path)
    data = path.read_bytes()
    with pikepdf.open(path) as doc:
        root = doc.trailer.Root.objgen
        info_ref = doc.trailer.Info.objgen if "/Info" in doc.trailer else None
        size = int(doc.trailer.Size)
        contents = {}
        for number, lines in (pages or {}).items():
            page = doc.pages[number - 1]
            font, _ = _cjk_font(page)
            ops = "".join(f"BT /{font} {FONT_SIZE} Tf 1 0 0 1 {LEFT} {baseline(i)} Tm "
                          f"<{line.encode('utf-16-be').hex()}> Tj ET\n"
                          for i, line in enumerate(lines))
            contents[page.obj.Contents.objgen] = ops.encode("ascii")
    objects: dict[tuple[int, int], bytes] = {}
    for ref, ops in contents.items():
        objects[ref] = b"<< /Length %d >>\nstream\n" % len(ops) + ops + b"\nendstream"
    if info is not None:
        if info_ref is None:
            info_ref, size = (size, 0), size + 1
        objects[info_ref] = b"<< " + b" ".join(
            b"/%s <feff%s>" % (key.encode(), value.encode("utf-16-be").hex().encode())
            for key, value in info.items()) + b" >>"
    prev = int(re.findall(rb"startxref\s+(\d+)", data)[-1])
    out = bytearray(data if data.endswith(b"\n") else data + b"\n")
    offsets = {}
    for (number, gen), body in sorted(objects.items()):
        offsets[(number, gen)] = len(out)
        out += b"%d %d obj\n" % (number, gen) + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n"
    for (number, gen), offset in sorted(offsets.items()):
        out += b"%d 1\n%010d %05d n \n" % (number, offset, gen)
    trailer = b"/Size %d /Root %d %d R /Prev %d" % (size, *root, prev)
    if info_ref is not None:
        trailer += b" /Info %d %d R" % info_ref
    out += b"trailer\n<< " + trailer + b" >>\nstartxref\n%d\n%%%%EOF\n" % xref
    path.write_bytes(bytes(out))
    return path


def _add_layers(doc: pikepdf.Pdf, layers: Mapping[str, tuple[str, bool]]) -> None:
    groups = {key: doc.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.OCG,
                                                         Name=pikepdf.String(name)))
              for key, (name, _) in layers.items()}
    for page in doc.pages:
        resources = page.obj.Resources
        resources.Properties = pikepdf.Dictionary({"/" + k: v for k, v in groups.items()})
    off = [groups[key] for key, (_, visible) in layers.items() if not visible]
    doc.Root.OCProperties = pikepdf.Dictionary(
        OCGs=pikepdf.Array(list(groups.values())),
        D=pikepdf.Dictionary(Order=pikepdf.Array(list(groups.values())),
                             OFF=pikepdf.Array(off)))


def _cjk_font(page: pikepdf.Page) -> tuple[str, pikepdf.Object]:
    """The resource name and object of the page's STSong-Light font."""
    for name, font in page.obj.Resources.Font.items():
        if FONT in str(font.get("/BaseFont", "")):
            return name.lstrip("/"), font
    raise AssertionError("the page has no STSong-Light font")


def _add_annot(doc: pikepdf.Pdf, page: pikepdf.Page, annot: pikepdf.Dictionary) -> None:
    annots = page.obj.get("/Annots")
    if annots is None:
        page.obj.Annots = doc.make_indirect(pikepdf.Array())
        annots = page.obj.Annots
    annots.append(doc.make_indirect(annot))


def _annotate(doc: pikepdf.Pdf, page: pikepdf.Page, contents: str, subtype: str) -> None:
    annot = pikepdf.Dictionary(
        Type=pikepdf.Name.Annot, Subtype=pikepdf.Name("/" + subtype),
        Rect=pikepdf.Array([400, 700, 500, 740]), Contents=pikepdf.String(contents),
        T=pikepdf.String("审核人"), F=4)
    if subtype == "FreeText":
        annot.DA = pikepdf.String("0 0 0 rg /Helv 10 Tf")
    _add_annot(doc, page, annot)


def _picture() -> Image.Image:
    """A small grey "scan" with some structure (not a flat colour)."""
    image = Image.new("L", (80, 60), 255)
    for x in range(80):
        for y in range(0, 60, 6):
            image.putpixel((x, y), (x * 3) % 256)
    return image


def _xml(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace(
        '"', "&quot;")
