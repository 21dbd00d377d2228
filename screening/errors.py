"""The few errors the tool raises. Each message is written for a clerk and says what to do next.

The CLI maps them to the exit codes of DESIGN.md §4: unreadable or unsupported input and internal
errors → 4. A document that raised one of these gets the verdict ``error``, never ``pass``.
"""

from __future__ import annotations


class ScreeningError(Exception):
    """Base class. ``code`` is stable and machine-readable (it goes into the JSON report)."""

    code = "screening_error"

    def __init__(self, message: str, *, message_en: str | None = None, code: str | None = None):
        super().__init__(message)
        self.message = message
        self.message_en = message_en or message
        if code:
            self.code = code

    def text(self, lang: str = "zh") -> str:
        return self.message_en if lang == "en" else self.message


class UnreadableDocument(ScreeningError):
    """The file could not be read completely: truncated, encrypted, empty, over a safety limit."""

    code = "unreadable"


class UnsupportedFormat(ScreeningError):
    """No reader handles this kind of file (a legacy .doc/.wps, an image, an archive …)."""

    code = "unsupported_format"


class PluginError(ScreeningError):
    """A plugin is broken: it raised, returned nonsense, or a required detector is missing."""

    code = "plugin_error"


class ConfigError(ScreeningError):
    """The office configuration (screening.toml) is invalid."""

    code = "config_error"


class SigningError(ScreeningError):
    """A key could not be made, loaded or used (wrong passphrase, unknown scheme, bad key file)."""

    code = "signing_error"


class RecordError(ScreeningError):
    """A review record, the roster or the ledger does not hold together: a signature that does not
    verify, a missing step, a key without the role, an edited ledger row."""

    code = "record_error"


class SanitizeError(ScreeningError):
    """A sanitized copy could not be made safely (a signed PDF, an output that would overwrite the
    input, text that is still there after removal)."""

    code = "sanitize_error"
