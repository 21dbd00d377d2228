"""Every hook of ``screening``. Plugins implement them with ``@screening.hookimpl``.

All hooks are prefixed ``screening_``. Things (readers, detectors, lexicons) are contributed through
a host-owned ``register`` callback, so the host decides about duplicates and keeps a record of who
registered what. Arguments may be left out of an implementation (pluggy passes only those named).

Later issues add hooks for sanitizers, signers and commands; add them here, typed and documented,
with a test in ``tests/test_hookspecs.py``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pluggy

if TYPE_CHECKING:
    from .config import Config
    from .detector import Detector
    from .lexicons import Lexicon
    from .model import Document, Finding
    from .readers import Reader
    from .records.keys import Signer

hookspec = pluggy.HookspecMarker("screening")
hookimpl = pluggy.HookimplMarker("screening")


@hookspec
def screening_register_readers(register: Callable[[Reader], None]) -> None:
    """Register readers that turn files into :class:`~screening.model.Document` s.

    A reader has a ``format`` name (``"docx"``), a ``version``, a ``priority`` (lower is asked
    first), ``sniff(head: bytes, suffix: str) -> bool`` deciding from the first 8 KiB of the file
    (content first, suffix only as a hint) and ``read(path, limits) -> Document``. The first reader
    whose ``sniff`` accepts the file reads it.

    :param register: call ``register(reader)`` once per reader.
    """


@hookspec
def screening_register_detectors(register: Callable[[Detector], None], config: Config) -> None:
    """Register detectors.

    A detector has a stable ``name`` (``"<plugin>.<detector>"``, persisted in reports and records:
    never rename one), a ``version``, a ``category`` and ``detect(document, config) ->
    Iterable[Finding]``. Detectors see blocks, never files. A detector that raises makes the
    document ``error`` (never ``pass``).

    :param register: call ``register(detector)`` once per detector.
    :param config: the office configuration, frozen.
    """


@hookspec
def screening_register_lexicons(register: Callable[[Lexicon], None]) -> None:
    """Register term lists (data, not code): mark variants, trade-secret terms, office terms.

    Lexicons with the same ``name`` are merged in registration order, so an office plugin can add
    terms to a built-in list. Detectors get them through ``config.lexicon(name)``.

    :param register: call ``register(lexicon)`` once per lexicon.
    """


@hookspec
def screening_filter_finding(finding: Finding, document: Document, config: Config) -> str | None:
    """Decide whether a finding is suppressed (an allow-list, a known public value …).

    Every implementation is asked; the first non-empty reason wins. Suppressed findings do not
    count for the verdict but stay in the report's ``suppressed`` list for audit.

    :param finding: the finding as the detector made it.
    :param document: the document it was found in (for context).
    :param config: the office configuration.
    :return: a short reason (``"allow-list: 12345"``) to suppress, or ``None`` to keep it.
    """


@hookspec(firstresult=True)
def screening_signer(key: str, passphrase: bytes | None, config: Config) -> Signer | None:
    """Return the signer for ``--key`` (a review step, a checkpoint, a roster version, the archive
    manifest), or ``None`` when this plugin does not handle that key.

    The first non-``None`` answer wins and plugins registered later are asked first, so an office
    plugin can route signing to its own device: ``--key ukey:张三`` to a USB key (GM/T 0016 SKF),
    ``--key https://signing-server/…`` to a signing server (GM/T 0029). The built-in
    implementation (``screening.records.signers``) answers last and loads a local private key file;
    it leaves ``scheme:…`` keys to plugins. A signer has ``scheme`` (``"sm2"`` = SM2-with-SM3 with
    the GM/T 0009 user ID ``1234567812345678``, or ``"ed25519"``), ``public_key``
    (:class:`~screening.records.keys.PublicKey`) and ``sign(data: bytes) -> bytes`` (SM2: DER
    ``SEQUENCE{r, s}``; Ed25519: 64 bytes). Every signature is checked against ``public_key``
    before anything is recorded.

    :param key: what the user passed to ``--key`` (a file path by default).
    :param passphrase: from ``--passphrase-file``, ``SCREENING_KEY_PASSPHRASE`` or the prompt;
        ``None`` when none was given.
    :param config: the office configuration (``config.raw`` holds e.g. a ``[signer]`` section).
    :return: a signer, or ``None`` to let the next plugin answer.
    """
