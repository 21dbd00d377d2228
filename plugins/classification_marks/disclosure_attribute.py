"""``disclosure_attribute``: 公开属性 marks (domain.md §0.4, §1.5, §5 rows 19–20).

The disclosure decision fixed when the document was drafted, printed in the 附注 position
(``（此件不予公开）``, ``（此件依申请公开）``, ``（此件公开发布）``) or kept as an OA field
(``公开属性：主动公开``). Not a secrecy mark, and never one to strip silently:

* ``此件不予公开``, ``此件不公开``, ``不予公开``, ``免于公开``, ``不公开发布`` → ``block``: a document
  decided as not to be disclosed is about to be published; it must be re-reviewed;
* ``此件依申请公开``, ``依申请公开`` → ``review``: it must not go to the 主动公开 channel without a
  decision;
* ``此件公开发布``, ``公开属性：主动公开`` → ``info``: it confirms the intent.

The bare words count only in mark position or as a field value; in running text they are regulation
language ("对涉及国家秘密的信息不予公开", "依申请公开的政府信息"). Basis is empty: the review record
states the ground for withholding.
"""

from __future__ import annotations

from screening import Severity

from .phrase_marks import PhraseMarkDetector

_ADVICE = {
    Severity.BLOCK: "该文件的公开属性为不予公开，不得发布；如确需公开，须重新进行保密审查并变更公开属性",
    Severity.REVIEW: "该文件为依申请公开，不应在主动公开渠道发布；须有公开决定后方可发布",
    Severity.INFO: "公开属性标明可以公开，仅供参考",
}


class DisclosureAttributeDetector(PhraseMarkDetector):
    name = "classification_marks.disclosure_attribute"
    kind = "disclosure_attribute"
    lexicon_name = "disclosure_attribute_marks"
    default_severity = Severity.REVIEW
    default_basis = ""

    def noun(self) -> str:
        return "公开属性标志"

    def advice(self, severity: Severity) -> str:
        return _ADVICE[severity]
