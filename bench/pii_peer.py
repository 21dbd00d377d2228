"""The Presidio peer, set up exactly as pii-peers.md §6 describes (offline, no spaCy model).

* ``NoOpNlpEngine`` (presidio-analyzer >= 2.2.364): no NLP model is downloaded or loaded.
* ``tldextract.extract`` is replaced by an extractor over the Public Suffix List snapshot bundled in
  tldextract (``suffix_list_urls=()``), so ``EmailRecognizer`` never goes to the network.
* Config **B** (the peer the bench compares with): the four China recognizers a Presidio user must
  hand-write — GB 11643 resident ID, UnionPay/Visa/Mastercard card with Luhn, an ASCII e-mail regex
  (Presidio's ``\\w`` regex swallows Han characters), and ``PhoneRecognizer`` for region ``CN``.
* Config **A** (optional context): every predefined ``en`` recognizer, ``score_threshold=0.3`` as
  §6 advises for side-by-side runs (its 0.01–0.05 catch-alls would dominate otherwise).

Language is ``"en"`` on purpose: with ``"zh"`` only the language-agnostic recognizers load.

Install with ``pip install -e '.[bench]'``. :func:`load` raises :class:`PresidioMissing` with that
advice when presidio-analyzer is not installed; nothing else in the project imports this module.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

INSTALL_HINT = "pip install -e '.[bench]'"

#: Presidio entity type -> the DESIGN §4 kinds it stands for (PHONE_NUMBER covers both phones).
KINDS = {
    "CN_RESIDENT_ID": ("resident_id",),
    "CN_BANK_CARD": ("bank_card",),
    "CREDIT_CARD": ("bank_card",),
    "EMAIL_ADDRESS": ("email",),
    "PHONE_NUMBER": ("mobile_phone", "landline_phone"),
    "PERSON": ("person_name",),
    "LOCATION": ("address",),
}

_W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]


class PresidioMissing(RuntimeError):
    """presidio-analyzer (>= 2.2.364, for ``NoOpNlpEngine``) is not installed."""


@dataclass(frozen=True)
class PeerResult:
    start: int
    end: int
    entity: str
    score: float


@dataclass
class Peer:
    """One configured ``AnalyzerEngine``; :meth:`analyze` runs it over a whole text in one call."""

    name: str
    engine: Any
    score_threshold: float | None = None

    def analyze(self, text: str) -> list[PeerResult]:
        results = self.engine.analyze(text=text, language="en",
                                      score_threshold=self.score_threshold)
        return [PeerResult(r.start, r.end, r.entity_type, r.score) for r in results]


def version() -> str:
    from importlib.metadata import version as v

    return v("presidio-analyzer")


def load(configs: str = "B") -> dict[str, Peer]:
    """Build the peers named in ``configs`` (``"B"``, ``"AB"``). Raises :class:`PresidioMissing`."""
    try:
        import tldextract
        from presidio_analyzer import AnalyzerEngine, Pattern, PatternRecognizer, RecognizerRegistry
        from presidio_analyzer.predefined_recognizers import PhoneRecognizer
    except ImportError as exc:
        raise PresidioMissing(
            f"未安装 Presidio（presidio-analyzer>=2.2.364），无法运行对比测试。请先执行：{INSTALL_HINT}"
            f"\nPresidio is not installed ({exc}); run: {INSTALL_HINT}") from exc
    try:
        from presidio_analyzer.nlp_engine import NoOpNlpEngine
    except ImportError as exc:
        raise PresidioMissing(
            f"presidio-analyzer {version()} 版本过旧（需要 >= 2.2.364 才有 NoOpNlpEngine）。请执行："
            f"{INSTALL_HINT}\npresidio-analyzer {version()} is too old (NoOpNlpEngine needs "
            f">= 2.2.364); run: {INSTALL_HINT}") from exc

    # EmailRecognizer calls tldextract.extract(); the default extractor downloads the Public
    # Suffix List on first use. Use the snapshot bundled inside tldextract (offline).
    tldextract.extract = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)
    logging.getLogger("presidio-analyzer").setLevel(logging.ERROR)

    class CnRic(PatternRecognizer):
        def __init__(self):
            super().__init__(
                supported_entity="CN_RESIDENT_ID", supported_language="en",
                patterns=[Pattern("ric18", r"(?<![0-9A-Za-z])[1-8]\d{5}(?:19|20)\d{2}"
                                           r"(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}"
                                           r"[\dXx](?![0-9A-Za-z])", 0.5)])

        def validate_result(self, t):  # GB 11643 / ISO 7064 MOD 11-2
            return "10X98765432"[sum(int(c) * w for c, w in zip(t[:17], _W)) % 11] == t[17].upper()

    class CnCard(PatternRecognizer):
        def __init__(self):
            super().__init__(
                supported_entity="CN_BANK_CARD", supported_language="en",
                patterns=[Pattern("card", r"(?<!\d)(?:62|4\d|5[1-5])\d{14,17}(?!\d)", 0.3)])

        def validate_result(self, t):  # Luhn
            s = sum((d if i % 2 == 0 else (2 * d - 9 if d > 4 else 2 * d))
                    for i, d in enumerate(map(int, reversed(t))))
            return s % 10 == 0

    class AsciiEmail(PatternRecognizer):  # Presidio's \w-based regex swallows adjacent Han text
        def __init__(self):
            super().__init__(
                supported_entity="EMAIL_ADDRESS", supported_language="en",
                patterns=[Pattern("email", r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+"
                                           r"(?:\.[A-Za-z0-9-]+)+", 0.5)])

    nlp = NoOpNlpEngine(models=[{"lang_code": "en", "model_name": "no_op"}])
    peers: dict[str, Peer] = {}
    if "A" in configs:
        reg_a = RecognizerRegistry(supported_languages=["en"])
        reg_a.load_predefined_recognizers(languages=["en"], nlp_engine=nlp)
        peers["A"] = Peer("Presidio-A", AnalyzerEngine(nlp_engine=nlp, registry=reg_a,
                                                        supported_languages=["en"]), 0.3)
    if "B" in configs:
        reg_b = RecognizerRegistry(supported_languages=["en"])
        for r in (CnRic(), CnCard(), AsciiEmail(),
                  PhoneRecognizer(supported_regions=("CN",), supported_language="en")):
            reg_b.add_recognizer(r)
        peers["B"] = Peer("Presidio-B", AnalyzerEngine(nlp_engine=nlp, registry=reg_b,
                                                        supported_languages=["en"]))
    return peers
