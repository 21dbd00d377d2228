"""Hidden content: what a viewer does not show but the published file still carries.

Detectors (names are persisted in reports and records: never rename one), one finding per hidden
block, ``text`` = the hidden text (see :mod:`.common` for the masking rules):

* ``hidden_content.comment`` — comments (block);
* ``hidden_content.tracked_change`` — tracked deletions and move sources (block);
* ``hidden_content.covered_text`` / ``hidden_text`` / ``white_text`` / ``tiny_text`` /
  ``invisible_text`` / ``offpage_text`` — text hidden by formatting or geometry
  (:mod:`.stored_text`);
* ``hidden_content.metadata`` — personal and leftover document properties, paths in field codes,
  image alt text (review; descriptive leftovers info);
* ``hidden_content.custom_xml`` — OA data in customXml items and document variables (review);
* ``hidden_content.embedded_object`` (.docx) / ``attachment`` (PDF) — embedded files (review);
* ``hidden_content.annotation``, ``javascript`` (review), ``prior_revision`` (block) — PDF;
* ``hidden_content.image_only_page`` — a PDF page without a text layer (review).

Personal data and marks inside hidden content are reported in their own categories by the other
plugins, which scan every block (part ``comment``, ``revision``, ``hidden``, ``attachment`` …).

Lexicons (data): ``hidden_metadata_keys`` (what each property is), ``hidden_values`` (defaults,
government bodies' name endings, placeholder and generated texts).
"""

from screening import hookimpl, load_builtin

from .comment import CommentDetector
from .common import LEXICONS
from .custom_xml import CustomXmlDetector
from .embedded import AttachmentDetector, EmbeddedObjectDetector
from .image_only_page import ImageOnlyPageDetector
from .metadata import MetadataDetector
from .pdf_objects import AnnotationDetector, JavaScriptDetector, PriorRevisionDetector
from .stored_text import KINDS, StoredTextDetector
from .tracked_change import TrackedChangeDetector


@hookimpl
def screening_register_lexicons(register):
    for name in LEXICONS:
        register(load_builtin(name))


@hookimpl
def screening_register_detectors(register, config):
    register(CommentDetector())
    register(TrackedChangeDetector())
    for kind in KINDS:
        register(StoredTextDetector(kind))
    register(MetadataDetector())
    register(CustomXmlDetector())
    register(EmbeddedObjectDetector())
    register(AttachmentDetector())
    register(AnnotationDetector())
    register(JavaScriptDetector())
    register(PriorRevisionDetector())
    register(ImageOnlyPageDetector())
