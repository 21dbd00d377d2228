"""Classification marks: 密级标志, 工作秘密/内部 marks and 公开属性 marks.

Detectors (names are persisted in reports and records: never rename one):

* ``classification_marks.secret_level`` — 绝密/机密/秘密 marks in every variant (kind ``secret_level``);
* ``classification_marks.secret_doc_number`` — 发文字号 with 密 (kind ``secret_level``, ``review``);
* ``classification_marks.work_secret`` — 工作秘密, 内部, 内部资料　注意保存 … (kind ``work_secret``);
* ``classification_marks.disclosure_attribute`` — 此件不予公开, 依申请公开 … (kind
  ``disclosure_attribute``).

Lexicons (data; an office adds entries with its own plugin or ``[lexicons]`` in screening.toml):
``secret_level_marks``, ``work_secret_marks``, ``disclosure_attribute_marks``,
``mark_false_positives``. Position and context rules shared by all detectors: :mod:`.position`.
"""

from screening import hookimpl, load_builtin

from .disclosure_attribute import DisclosureAttributeDetector
from .secret_doc_number import SecretDocNumberDetector
from .secret_level import SecretLevelMarkDetector
from .work_secret import WorkSecretMarkDetector

LEXICONS = ("secret_level_marks", "work_secret_marks", "disclosure_attribute_marks",
            "mark_false_positives")


@hookimpl
def screening_register_lexicons(register):
    for name in LEXICONS:
        register(load_builtin(name))


@hookimpl
def screening_register_detectors(register, config):
    register(SecretLevelMarkDetector())
    register(SecretDocNumberDetector())
    register(WorkSecretMarkDetector())
    register(DisclosureAttributeDetector())
