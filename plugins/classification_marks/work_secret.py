"""``work_secret``: 工作秘密 and 内部 marks (domain.md §1.4, §5 rows 11–18).

Marks such as ``内部``, ``内部事项　注意保管`` (named in 《工作秘密管理暂行办法》), ``内部资料　注意保存``,
``警务工作秘密``, ``仅供内部使用``, ``不得外传``, ``会后收回``, ``此件发至县级``. Which of them count in
running text and which only in mark position is data (``lexicons/work_secret_marks.txt``): ``内部``
inside 内部控制 or 工作秘密 as a legal concept in a sentence never fires.

Severity ``review``: a 工作秘密 is not a state secret, and an office may have lifted it.
Basis 其他法律行政法规禁止公开: the 保守国家秘密法 (2024) 第六十四条 gives 工作秘密 legal protection
(matters that are not state secrets but whose leak would have an adverse effect), so disclosing one
is prohibited by law, which is that reason category of the annual disclosure report.
"""

from __future__ import annotations

from screening import Basis, Severity

from .phrase_marks import PhraseMarkDetector


class WorkSecretMarkDetector(PhraseMarkDetector):
    name = "classification_marks.work_secret"
    kind = "work_secret"
    lexicon_name = "work_secret_marks"
    default_severity = Severity.REVIEW
    default_basis = Basis.LAW_PROHIBITS.value

    def noun(self) -> str:
        return "工作秘密（内部）标志"

    def advice(self, severity: Severity) -> str:
        return ("依《保守国家秘密法》第六十四条，工作秘密受法律保护，不得擅自公开；"
                "请确认该事项已解除工作秘密，或删去相关内容后再公开")
