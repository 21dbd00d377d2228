"""Plain text (.txt, or any file whose content is text): encoding detection, one block per line.

Encodings are tried in this order, the first that decodes wins:

1. a byte-order mark: UTF-8 (``EF BB BF``), UTF-16 LE (``FF FE``), UTF-16 BE (``FE FF``);
2. strict UTF-8;
3. UTF-16 without a BOM, when NUL bytes sit in every other byte (ASCII-range text in UTF-16);
4. GB18030, a superset of GBK and GB2312 (what Chinese offices' Windows machines write).

Text that decodes to control characters (other than tab, line and page breaks) is binary, not
text: the file is refused rather than screened as garbage. Each non-empty line becomes a ``body``
block with ``page=None``, ``line`` = ordinal among the non-empty lines of the file (0-based) and
``source`` ``"line N"`` (N = the 1-based line number an editor shows). Line breaks are
``\\r\\n``, ``\\r`` or ``\\n``. Size: ``limits.max_text_chars``.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from .. import __version__
from ..config import Limits
from ..errors import UnreadableDocument
from ..model import BlockList, Document
from . import sniff_format

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
#: C0 controls other than \t \n \v \f \r, plus DEL and the C1 range: signs of a binary file.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f\x80-\x9f]")
#: More than this share of control characters means the file is not text.
MAX_CONTROL_SHARE = 0.01


class TextReader:
    """The built-in plain-text reader (``format = "text"``)."""

    format = "text"
    version = __version__
    priority = 90

    def sniff(self, head: bytes, suffix: str) -> bool:
        return sniff_format(head) == "text"

    def read(self, path: Path, limits: Limits) -> Document:
        data = _read_bytes(Path(path), limits)
        text, _encoding = decode(data)
        if len(text) > limits.max_text_chars:
            raise UnreadableDocument(
                f"文本超过 {limits.max_text_chars} 字符的上限，未审查。请拆分文件",
                message_en=f"the text has more than {limits.max_text_chars} characters",
                code="limit")
        blocks = BlockList()
        # without a carriage return the lines are the pieces between "\n" (str.split: a fifth of
        # the regex's time on a 200 KB text)
        lines = _LINE_BREAK.split(text) if "\r" in text else text.split("\n")
        blocks.add_lines(lines, "body")
        return Document(path=str(path), format="text", blocks=tuple(blocks.blocks))


READER = TextReader()


def decode(data: bytes) -> tuple[str, str]:
    """``(text, encoding)`` by the rules in the module docstring; raises
    :class:`UnreadableDocument` when no encoding fits or the result is not text."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return _checked(data.decode(encoding)), encoding
            except UnicodeDecodeError as exc:
                raise _undecodable(f"{encoding}（带 BOM）") from exc
    candidates = ["utf-8"]
    utf16 = _bomless_utf16(data)
    if utf16:
        candidates.append(utf16)
    candidates.append("gb18030")
    for encoding in candidates:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return _checked(text), encoding
    raise _undecodable("UTF-8、UTF-16、GB18030")


def _bomless_utf16(data: bytes) -> str | None:
    """``utf-16-le`` / ``utf-16-be`` when NULs fill one byte parity, else ``None``."""
    if len(data) % 2 or b"\x00" not in data:
        return None
    even, odd = data[0::2], data[1::2]
    if odd.count(0) > len(odd) * 0.3 and even.count(0) < odd.count(0):
        return "utf-16-le"
    if even.count(0) > len(even) * 0.3 and odd.count(0) < even.count(0):
        return "utf-16-be"
    return None


def _checked(text: str) -> str:
    controls = len(_CONTROL.findall(text))
    if controls and controls > len(text) * MAX_CONTROL_SHARE:
        raise UnreadableDocument(
            "文件内容不是文本（含大量控制字符），可能是二进制文件或编码无法识别。"
            "支持 .docx、.pdf 和 UTF-8/UTF-16/GB18030 文本",
            message_en="the content is not text (many control characters); it may be binary",
            code="unsupported_format")
    return text


def _undecodable(tried: str) -> UnreadableDocument:
    return UnreadableDocument(
        f"无法识别文本编码（已尝试 {tried}），未审查。请用记事本或 WPS 另存为 UTF-8 编码后再检查",
        message_en=f"cannot decode the text (tried {tried}); save it as UTF-8 and retry",
        code="encoding")


def _read_bytes(path: Path, limits: Limits) -> bytes:
    """The file's bytes; a file too large to hold ``max_text_chars`` characters (4 bytes per
    character at most in every supported encoding) is refused before it is read."""
    try:
        with path.open("rb") as fh:
            data = fh.read(limits.max_text_chars * 4 + 1)
    except OSError as exc:
        raise UnreadableDocument(f"无法打开文件 {path}：{exc.strerror or exc}",
                                 message_en=f"cannot open {path}: {exc.strerror or exc}") from exc
    if len(data) > limits.max_text_chars * 4:
        raise UnreadableDocument(
            f"文本文件过大（超过 {limits.max_text_chars} 字符的上限），未审查。请拆分文件",
            message_en=f"the text file is over the limit of {limits.max_text_chars} characters",
            code="limit")
    return data
