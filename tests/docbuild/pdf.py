"""Build the PDFs the tests need: Chinese text with reportlab's built-in CID font ``STSong-Light``
(no system fonts), then document structures (Info, XMP, annotations, attachments, encryption)
with pikepdf (a test-only dependency), and hostile files written byte by byte.

Every builder returns the path it wrote.
"""

from __future__ import annotations

import io
import zlib
from collections.abc import Mapping, Sequence
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


def build_pdf(path: str | Path, pages: Sequence[Sequence[str]], *,
              info: Mapping[str, str] | None = None, xmp: str | bytes | None = None,
              annotations: Sequence[tuple[int, str] | tuple[int, str, str]] = (),
              attachments: Mapping[str, bytes] | None = None,
              image_only_pages: Sequence[int] = (),
              encrypt_user_password: str | None = None,
              encrypt_owner_password: str | None = None) -> Path:
    """Write an A4 PDF: ``pages[i]`` are the lines of page ``i + 1``, top to bottom.

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
    """
    path = Path(path)
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, invariant=1)
    for number, lines in enumerate(pages, 1):
        if number in image_only_pages:
            assert not lines, f"image-only page {number} must have no lines"
            pdf.drawImage(ImageReader(_picture()), LEFT, 400, width=400, height=300)
        pdf.setFont(FONT, FONT_SIZE)
        for i, line in enumerate(lines):
            pdf.drawString(LEFT, TOP - i * LEADING, line)
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


def _annotate(doc: pikepdf.Pdf, page: pikepdf.Page, contents: str, subtype: str) -> None:
    annot = pikepdf.Dictionary(
        Type=pikepdf.Name.Annot, Subtype=pikepdf.Name("/" + subtype),
        Rect=pikepdf.Array([400, 700, 500, 740]), Contents=pikepdf.String(contents),
        T=pikepdf.String("审核人"), F=4)
    if subtype == "FreeText":
        annot.DA = pikepdf.String("0 0 0 rg /Helv 10 Tf")
    annots = page.obj.get("/Annots")
    if annots is None:
        page.obj.Annots = doc.make_indirect(pikepdf.Array())
        annots = page.obj.Annots
    annots.append(doc.make_indirect(annot))


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
