"""What the hidden-content detectors share: one finding per hidden block, the value lists, paths
that name a user, and masking of the personal values that can be told apart.

Contract of every detector in this package: a finding covers a whole block (``start`` 0, ``end``
``len(block.text)``), so ``Finding.text`` is the hidden text itself and the location is the
block's part, page and (PDF) bbox. ``Finding.masked`` is the text with the personal values this
package can recognise masked by the office's policy (``config.masking``): a property whose key
holds a person's name, the user name in a path, long digit runs (ID, phone, bank card numbers);
anything else is kept as it is (personal data inside hidden text is reported again, masked, by the
personal-data detectors, which scan every block). Explanations never repeat a value this package
knows to be personal: an author (of a comment, a revision, an annotation, the document) or a user
name in a path appears masked.
"""

from __future__ import annotations

import regex

from screening import Block, Config, Finding, Severity, make_finding

KEYS_LEXICON = "hidden_metadata_keys"
VALUES_LEXICON = "hidden_values"
LEXICONS = (KEYS_LEXICON, VALUES_LEXICON)

_TRIM = regex.compile(r"^[\s\p{P}]+|[\s。．.！!：:]+$")
_SPACES = regex.compile(r"[\s\u3000]+")
#: An 18-character resident ID, an 11-digit mobile number, other runs of 12–19 digits.
_LONG_NUMBER = regex.compile(r"(?<![\dXx])(?:\d{17}[\dXx]|1[3-9]\d{9}|\d{12,19})(?![\dXx])")


def flagged_or_part(document, part: str) -> list[Block]:
    """The blocks that have a flag or are of ``part``, in order, each once: all that the
    detectors of this package look at (a document's body lines have neither)."""
    found = {b.index: b for b in document.flagged()}
    found.update((b.index, b) for b in document.parts(part))
    return [found[i] for i in sorted(found)]


def whole_block(detector, block: Block, *, kind: str, severity: Severity, explanation: str,
                config: Config, masked: str | None = None, confidence: float = 1.0) -> Finding:
    """A finding over all of ``block.text`` (basis: none of its own — what the hidden text says
    decides the ground, and the other detectors report that)."""
    return make_finding(detector, block, 0, len(block.text), kind=kind, severity=severity,
                        basis="", confidence=confidence, explanation=explanation, config=config,
                        masked=mask_numbers(block.text, config) if masked is None else masked)


def mask_numbers(text: str, config: Config) -> str:
    """``text`` with runs of digits that can only be identifiers masked (an 18-character ID as
    ``resident_id``, an 11-digit 1xx number as ``mobile_phone``, other 12–19 digit runs as
    ``bank_card``)."""

    def one(m: regex.Match[str]) -> str:
        value = m.group()
        kind = ("resident_id" if len(value) == 18 else
                "mobile_phone" if len(value) == 11 else "bank_card")
        return config.masking.mask(kind, value)

    return _LONG_NUMBER.sub(one, text)


def mask_person(value: str, config: Config) -> str:
    """A person's name or account as the masking policy shows names (e-mail addresses as
    e-mail addresses)."""
    value = value.strip()
    if "@" in value:
        return config.masking.mask("email", value)
    return config.masking.mask("person_name", value) if value else value


def snippet(text: str, limit: int = 30) -> str:
    """``text`` on one line, cut to ``limit`` characters (for explanations)."""
    flat = _SPACES.sub(" ", text).strip()
    return flat if len(flat) <= limit else flat[:limit] + "…"


def compact(text: str) -> str:
    """``text`` without any spaces (to compare a property with the visible text)."""
    return _SPACES.sub("", text)


class Values:
    """The ``hidden_values`` lexicon, looked up by kind (built once per detector call)."""

    def __init__(self, config: Config):
        lexicon = config.lexicon(VALUES_LEXICON)
        self._terms: dict[str, set[str]] = {}
        self.office_suffixes: list[tuple[str, int]] = []
        for entry in lexicon.entries:
            self._terms.setdefault(entry.kind, set()).add(_key(entry.term))
            if entry.kind == "office_suffix":
                self.office_suffixes.append((entry.term, 4 if entry.strength == "W" else 3))
        self.alt_auto = [_key(e.term) for e in lexicon.by_kind("alt_auto")]

    def has(self, kind: str, value: str) -> bool:
        return _key(value) in self._terms.get(kind, ())

    def is_default(self, value: str) -> bool:
        return self.has("default", value)

    def is_office(self, value: str) -> bool:
        """A government body's own name: all Han (brackets and ``·`` allowed), long enough, and
        ending in an office suffix (某县人民政府办公室, 某县财政局)."""
        name = _key(value)
        if not regex.fullmatch(r"[\p{Han}（）()·]+", name):
            return False
        han = len(regex.findall(r"\p{Han}", name))
        return any(name.endswith(suffix) and han >= minimum
                   for suffix, minimum in self.office_suffixes)


def _key(value: str) -> str:
    return _TRIM.sub("", value.strip()).casefold()


class Keys:
    """The ``hidden_metadata_keys`` lexicon: the kind and the clerk's name of a property key."""

    def __init__(self, config: Config):
        self._exact: dict[str, tuple[str, str]] = {}
        self._prefix: list[tuple[str, str, str]] = []
        for entry in config.lexicon(KEYS_LEXICON).entries:
            if entry.term.endswith("*"):
                self._prefix.append((entry.term[:-1], entry.kind, entry.note))
            else:
                self._exact[entry.term] = (entry.kind, entry.note)

    def kind(self, key: str) -> str:
        """``personal``, ``organisation``, ``descriptive``, ``path``, ``tool`` or ``custom``."""
        found = self._exact.get(key)
        if found:
            return found[0]
        for prefix, kind, _ in self._prefix:
            if key.startswith(prefix):
                return kind
        scheme = key.split(":", 1)[0]
        return "tool" if scheme in ("core", "app", "settings") else "custom"

    def name(self, key: str) -> str:
        """The property's name for a clerk: ``作者（core:creator）``, ``自定义属性“密级”``."""
        found = self._exact.get(key)
        if found and found[1]:
            return f"{found[1]}（{key}）"
        scheme, _, rest = key.partition(":")
        if scheme == "custom":
            return f"自定义属性“{rest}”"
        if scheme == "docVar":
            return f"文档变量“{rest}”"
        if scheme == "info":
            return f"PDF 文档信息“{rest}”"
        if scheme == "xmp":
            return f"XMP 元数据“{rest}”"
        return key


# -- paths -----------------------------------------------------------------------------------------

#: A user's home folder in a path: Windows ``C:\Users\<name>``, ``Documents and Settings``, macOS
#: ``/Users/<name>``, Unix ``/home/<name>``, also inside ``file:///`` links. A path starting with
#: ``/`` counts only where a path can start (not ``https://host/home/…``).
_USER_DIR = regex.compile(
    r"(?i)(?:\b[a-z]:[\\/]+|file:/+(?:[a-z]:[\\/]+)?|(?:^|(?<=[\s\"'(=]))/)"
    r"(?:users|documents and settings|home)[\\/]+([^\\/:*?\"<>|\r\n]+)")
_GENERIC_USERS = {"public", "default", "default user", "all users", "administrator", "admin",
                  "user", "owner", "guest", "shared"}
#: A local or network file: a drive letter, a UNC share, a ``file:`` URL.
LOCAL_PATH = regex.compile(r"(?i)(?:\b[a-z]:[\\/]|\\\\[^\\\s\"]+\\|file:/)")
UNC = regex.compile(r"\\\\[^\\\s\"]+\\")


def user_in_path(text: str) -> tuple[int, int] | None:
    """Where the user name of a home-folder path stands in ``text`` (start, end), or ``None``
    (also for generic accounts such as ``Public`` or ``Administrator``)."""
    for m in _USER_DIR.finditer(text):
        name = m.group(1).strip()
        if name and name.casefold() not in _GENERIC_USERS:
            return m.start(1), m.end(1)
    return None


def mask_user_in_path(text: str, config: Config) -> str:
    """``text`` with every home-folder user name masked as a name."""
    out, last = [], 0
    for m in _USER_DIR.finditer(text):
        name = m.group(1)
        if name.strip().casefold() in _GENERIC_USERS:
            continue
        out.append(text[last:m.start(1)])
        out.append(mask_person(name, config))
        last = m.end(1)
    out.append(text[last:])
    return mask_numbers("".join(out), config)
