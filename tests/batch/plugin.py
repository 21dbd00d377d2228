"""A test plugin for the batch: planted personal values, a log of every scan, and detectors that
hang or kill their process on a trigger word.

* ``batch_test.planted`` finds 18-digit resident-ID-like numbers and 11-digit mobile numbers
  (``personal_data``, block / review) and masks them with the office's masker, so the batch tests
  have personal values whatever the built-in personal-data detectors do.
* ``batch_test.log`` appends ``<pid> <detector object id> <path>`` to the file named by
  ``$BATCH_TEST_LOG`` for every file it sees: which worker screened what with which Screener,
  and how often a file was read.
* ``SLEEPFOREVER`` in a document makes ``batch_test.sleepforever`` sleep for a minute;
  ``CRASHNOW`` makes ``batch_test.crashnow`` end its process with ``os._exit(3)``;
  ``NAPTIME`` makes ``batch_test.naptime`` sleep for 0.3 s (work that waits, not computes);
  ``SPAWNSLEEP`` starts a child process ``sleep 60`` (as the PDF reader starts its own child),
  writes the child's pid to ``$BATCH_TEST_LOG.child`` and sleeps.
"""

from __future__ import annotations

import os
import subprocess
import time

import regex

from screening import Basis, Category, Severity, hookimpl, make_finding

NAME = "batch_test"
LOG_ENV = "BATCH_TEST_LOG"

_PLANTED = (
    (regex.compile(r"(?<!\d)\d{17}[\dX](?!\d)"), "resident_id", Severity.BLOCK),
    (regex.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)"), "mobile_phone", Severity.REVIEW),
)


class PlantedDetector:
    name = f"{NAME}.planted"
    version = "test"
    category = Category.PERSONAL_DATA

    def detect(self, document, config):
        for block in document.blocks:
            for pattern, kind, severity in _PLANTED:
                for m in pattern.finditer(block.text):
                    yield make_finding(self, block, m.start(), m.end(), kind=kind,
                                       severity=severity, basis=Basis.THIRD_PARTY.value,
                                       confidence=0.9,
                                       explanation=f"测试号码 {m.group()}（第 {block.index} 块）",
                                       config=config, masked=config.masking.mask(kind, m.group()))


class LogDetector:
    name = f"{NAME}.log"
    version = "test"
    category = Category.HIDDEN_CONTENT

    def detect(self, document, config):
        log = os.environ.get(LOG_ENV)
        if log and os.path.exists(document.path):  # not the batch's in-memory warm-up document
            with open(log, "a", encoding="utf-8") as fh:
                fh.write(f"{os.getpid()} {id(self)} {os.path.basename(document.path)}\n")
        return []


class TriggerDetector:
    version = "test"
    category = Category.HIDDEN_CONTENT

    def __init__(self, word: str, action):
        self.name = f"{NAME}.{word.lower()}"
        self.word = word
        self.action = action

    def detect(self, document, config):
        if any(self.word in b.text for b in document.blocks):
            self.action()
        return []


class BatchTestPlugin:
    @hookimpl
    def screening_register_detectors(self, register, config):
        register(PlantedDetector())
        register(LogDetector())
        register(TriggerDetector("SLEEPFOREVER", lambda: time.sleep(60)))
        register(TriggerDetector("CRASHNOW", lambda: os._exit(3)))
        register(TriggerDetector("NAPTIME", lambda: time.sleep(0.3)))
        register(TriggerDetector("SPAWNSLEEP", _spawn_and_sleep))


def _spawn_and_sleep() -> None:
    child = subprocess.Popen(["sleep", "60"])
    with open(os.environ[LOG_ENV] + ".child", "w", encoding="utf-8") as fh:
        fh.write(str(child.pid))
    time.sleep(60)


def plugin_manager():
    """The built-ins except ``personal_data`` (the planted detector stands in for it, so that the
    batch tests count exact findings whatever the personal-data detectors find), plus this
    plugin; no entry points."""
    from screening.plugins import get_plugin_manager

    pm = get_plugin_manager(entrypoints=False, blocked=["personal_data"])
    pm.register(BatchTestPlugin(), name=NAME)
    return pm


def log_lines(path) -> list[tuple[int, int, str]]:
    """The scan log as ``(pid, detector id, file name)``; empty if nothing was logged."""
    try:
        text = open(path, encoding="utf-8").read()
    except FileNotFoundError:
        return []
    return [(int(p), int(i), name) for p, i, name in
            (line.split(" ", 2) for line in text.splitlines())]
