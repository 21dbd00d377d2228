"""Whole parts of a PDF that a sanitized copy drops (for :mod:`.pdf`): annotations (with their
pop-ups and replies), attached files, JavaScript, document metadata; and the signature check
that refuses signed files.

Each function edits the open :class:`pikepdf.Pdf` in place and returns what it removed, so the
caller can report it and the verification can check it is gone.
"""

from __future__ import annotations

from typing import Any

import pikepdf

from ..errors import SanitizeError
from ..readers.pdf_geometry import Rect
from .pdf_glyphs import Streams

#: Annotation subtypes that are part of how the page works, not notes: never removed for
#: "hidden content" unless a finding names them.
_KEEP_SUBTYPES = frozenset({"/Link", "/Widget", "/Popup"})


def check_signatures(pdf: pikepdf.Pdf) -> None:
    """Refuse a signed PDF: any edit breaks its signatures (an electronic seal, 电子印章)."""
    root = pdf.Root
    acro = root.get("/AcroForm")
    signed = False
    if isinstance(acro, pikepdf.Dictionary):
        flags = acro.get("/SigFlags")
        try:
            signed = bool(int(flags) & 1) if flags is not None else False
        except (TypeError, ValueError):
            signed = False
        for field in _fields(acro.get("/Fields"), 0):
            value = field.get("/V")
            if field.get("/FT") == "/Sig" and isinstance(value, pikepdf.Dictionary):
                signed = True
            if isinstance(value, pikepdf.Dictionary) and "/ByteRange" in value:
                signed = True
    if "/Perms" in root:
        signed = True
    if signed:
        raise SanitizeError(
            "该 PDF 带有数字签名或电子印章。任何修改都会使签名失效，因此不制作脱敏副本。"
            "请在签章前对未签章的原稿进行脱敏，或由签章单位重新出具",
            message_en="the PDF carries a digital signature or electronic seal; any edit would "
                       "break it, so no sanitized copy is made. Sanitize the unsigned original "
                       "before it is signed", code="signed_pdf")


def _fields(fields: Any, depth: int):
    if not isinstance(fields, pikepdf.Array) or depth > 20:
        return
    for field in fields:
        if isinstance(field, pikepdf.Dictionary):
            yield field
            yield from _fields(field.get("/Kids"), depth + 1)


def annotation_texts(annot: pikepdf.Dictionary, streams: Streams) -> set[str]:
    """The texts a reader block may have taken from an annotation: /Contents, a field's /V, and
    what its normal appearance shows (a stamp's text)."""
    texts: set[str] = set()
    for key in ("/Contents", "/V", "/RC"):
        value = annot.get(key)
        if isinstance(value, pikepdf.String):
            texts.add(_squash(str(value)))
    parent = annot.get("/Parent")
    if isinstance(parent, pikepdf.Dictionary) and isinstance(parent.get("/V"), pikepdf.String):
        texts.add(_squash(str(parent.V)))
    appearance = annot.get("/AP")
    normal = appearance.get("/N") if isinstance(appearance, pikepdf.Dictionary) else None
    if isinstance(normal, pikepdf.Stream):
        texts.add(_squash(_stream_text(normal, streams)))
    texts.discard("")
    return texts


def _stream_text(stream: pikepdf.Stream, streams: Streams) -> str:
    from .pdf_glyphs import PageGlyphs

    class _Holder:  # PageGlyphs wants a page; an appearance stream is a form with resources
        obj = pikepdf.Dictionary(Resources=stream.get("/Resources", pikepdf.Dictionary()),
                                 Contents=stream)

    try:
        glyphs = PageGlyphs(streams, _Holder(), 0)  # type: ignore[arg-type]
    except Exception:  # noqa: BLE001 - an unreadable appearance just gives no text
        return ""
    return "".join(g.text for g in glyphs.glyphs)


def _squash(text: str) -> str:
    return "".join(text.split())


def remove_annotations(pdf: pikepdf.Pdf, page_no: int, text: str, subtype: str,
                       streams: Streams) -> list[Rect]:
    """Remove the annotations of page ``page_no`` that show ``text`` (their pop-ups and replies
    too); when none matches, every annotation of ``subtype`` on the page that is not a link,
    widget or pop-up. Returns the removed annotations' rectangles (empty: nothing removed)."""
    page = pdf.pages[page_no - 1].obj
    annots = page.get("/Annots")
    if not isinstance(annots, pikepdf.Array):
        return []
    wanted = _squash(text)
    items = list(annots)
    chosen = [a for a in items if isinstance(a, pikepdf.Dictionary)
              and wanted and any(wanted in t or t in wanted for t in annotation_texts(a, streams)
                                 if len(t) >= min(4, len(wanted)))]
    if not chosen and subtype:
        chosen = [a for a in items if isinstance(a, pikepdf.Dictionary)
                  and str(a.get("/Subtype", "")) == "/" + subtype
                  and str(a.get("/Subtype", "")) not in _KEEP_SUBTYPES]
    if not chosen:
        return []
    return _drop(pdf, page, chosen)


def _drop(pdf: pikepdf.Pdf, page: Any, chosen: list[Any]) -> list[Rect]:
    annots = page.Annots
    gone = {_id(a) for a in chosen}
    for annot in chosen:  # its pop-up goes with it
        popup = annot.get("/Popup")
        if isinstance(popup, pikepdf.Dictionary):
            gone.add(_id(popup))
    changed = True
    while changed:  # replies (/IRT) to a removed annotation, and their pop-ups
        changed = False
        for annot in annots:
            if not isinstance(annot, pikepdf.Dictionary) or _id(annot) in gone:
                continue
            refs = [annot.get("/IRT"), annot.get("/Parent")]
            if any(isinstance(r, pikepdf.Dictionary) and _id(r) in gone for r in refs):
                gone.add(_id(annot))
                changed = True
    rects: list[Rect] = []
    kept = pikepdf.Array()
    for annot in annots:
        if isinstance(annot, pikepdf.Dictionary) and _id(annot) in gone:
            rect = annot.get("/Rect")
            if isinstance(rect, pikepdf.Array) and len(rect) == 4:
                x0, y0, x1, y1 = (float(v) for v in rect)
                rects.append((min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)))
        else:
            kept.append(annot)
    if len(kept):
        page.Annots = kept
    else:
        del page["/Annots"]
    _unlist_fields(pdf, gone)
    return rects


def _unlist_fields(pdf: pikepdf.Pdf, gone: set[Any]) -> None:
    """Removed widgets leave the form's field list too."""
    acro = pdf.Root.get("/AcroForm")
    if not isinstance(acro, pikepdf.Dictionary):
        return

    def prune(array: Any, depth: int) -> None:
        if not isinstance(array, pikepdf.Array) or depth > 20:
            return
        keep = [f for f in array if not (isinstance(f, pikepdf.Dictionary) and _id(f) in gone)]
        if len(keep) != len(array):
            array[:] = keep  # type: ignore[index]
        for f in keep:
            if isinstance(f, pikepdf.Dictionary):
                prune(f.get("/Kids"), depth + 1)

    prune(acro.get("/Fields"), 0)


def _id(obj: Any) -> Any:
    return obj.objgen if obj.is_indirect else id(obj)


def remove_attachments(pdf: pikepdf.Pdf, name: str | None) -> tuple[list[str],
                                                                     dict[int, list[Rect]]]:
    """Remove attached files named ``name`` (``None``: all of them) from the EmbeddedFiles tree
    and the /FileAttachment annotations. Returns the names removed and, per page, the removed
    annotations' rectangles."""
    removed: list[str] = []
    for key in list(pdf.attachments.keys()):
        if name is None or key == name or _spec_name(pdf.attachments[key].obj) == name:
            del pdf.attachments[key]
            removed.append(key)
    if name is None:
        names = pdf.Root.get("/Names")
        if isinstance(names, pikepdf.Dictionary) and "/EmbeddedFiles" in names:
            del names["/EmbeddedFiles"]
    rects: dict[int, list[Rect]] = {}
    for number, page in enumerate(pdf.pages, 1):
        annots = page.obj.get("/Annots")
        if not isinstance(annots, pikepdf.Array):
            continue
        chosen = []
        for annot in annots:
            if not isinstance(annot, pikepdf.Dictionary) or \
                    annot.get("/Subtype") != "/FileAttachment":
                continue
            spec = annot.get("/FS")
            label = _spec_name(spec) if isinstance(spec, pikepdf.Dictionary) else ""
            if name is None or label == name or str(annot.get("/Contents", "")) == name:
                chosen.append(annot)
                removed.append(label or name or "")
        if chosen:
            rects[number] = _drop(pdf, page.obj, chosen)
    return removed, rects


def _spec_name(spec: Any) -> str:
    if not isinstance(spec, pikepdf.Dictionary):
        return ""
    for key in ("/UF", "/F"):
        if isinstance(spec.get(key), pikepdf.String):
            return str(spec[key])
    return ""


def remove_javascript(pdf: pikepdf.Pdf) -> int:
    """Remove every script: the /Names/JavaScript tree, a JavaScript /OpenAction, additional
    actions (/AA) of the catalog, pages, annotations and fields, and JavaScript actions of
    annotations (/A, chained /Next). Returns how many places were cleaned."""
    count = 0
    root = pdf.Root
    names = root.get("/Names")
    if isinstance(names, pikepdf.Dictionary) and "/JavaScript" in names:
        del names["/JavaScript"]
        count += 1
    action = root.get("/OpenAction")
    if isinstance(action, pikepdf.Dictionary) and _is_script(action):
        del root["/OpenAction"]
        count += 1
    for holder in [root, *(p.obj for p in pdf.pages)]:
        if "/AA" in holder:
            del holder["/AA"]
            count += 1
    for page in pdf.pages:
        annots = page.obj.get("/Annots")
        if not isinstance(annots, pikepdf.Array):
            continue
        for annot in annots:
            if not isinstance(annot, pikepdf.Dictionary):
                continue
            if "/AA" in annot:
                del annot["/AA"]
                count += 1
            act = annot.get("/A")
            if isinstance(act, pikepdf.Dictionary) and _is_script(act):
                del annot["/A"]
                count += 1
    acro = root.get("/AcroForm")
    if isinstance(acro, pikepdf.Dictionary):
        for field in _fields(acro.get("/Fields"), 0):
            if "/AA" in field:
                del field["/AA"]
                count += 1
    return count


def _is_script(action: pikepdf.Dictionary, depth: int = 0) -> bool:
    """A JavaScript action, or one that chains to one (/Next)."""
    if depth > 20:
        return True
    if action.get("/S") == "/JavaScript" or "/JS" in action:
        return True
    following = action.get("/Next")
    if isinstance(following, pikepdf.Dictionary):
        return _is_script(following, depth + 1)
    if isinstance(following, pikepdf.Array):
        return any(isinstance(a, pikepdf.Dictionary) and _is_script(a, depth + 1)
                   for a in following)
    return False


def remove_info_key(pdf: pikepdf.Pdf, key: str) -> bool:
    """Remove one Info key (``Title``); True if it was there."""
    if "/Info" not in pdf.trailer:
        return False
    info = pdf.trailer.Info
    name = "/" + key
    if name in info:
        del info[name]
        return True
    return False


def remove_xmp(pdf: pikepdf.Pdf) -> bool:
    """Remove the catalog's XMP packet (never read through ``open_metadata``: it would copy XMP
    values back into Info, sanitize.md §3.3)."""
    if "/Metadata" in pdf.Root:
        del pdf.Root["/Metadata"]
        return True
    return False


def clean_metadata(pdf: pikepdf.Pdf) -> int:
    """Remove the Info dictionary, the XMP packet, per-page /Metadata, /PieceInfo (an
    application's private copy of the document) and page thumbnails. Returns how many went."""
    count = 0
    if "/Info" in pdf.trailer:
        del pdf.trailer["/Info"]
        count += 1
    count += remove_xmp(pdf)
    for holder in [pdf.Root, *(p.obj for p in pdf.pages)]:
        for key in ("/PieceInfo", "/Metadata", "/Thumb"):
            if key in holder:
                del holder[key]
                count += 1
    return count
