"""A zip opener for untrusted packages (.docx, .xlsx, OFD): check first, inflate under a cap.

:func:`open_package` reads only the central directory and refuses the file before anything is
parsed when it breaks a limit of :class:`~screening.config.Limits` (sanitize.md §7, after Apache
POI's ``ZipSecureFile``):

* more than ``zip_max_entries`` members;
* two members with the same name (also when they differ only in case: OPC part names are
  case-insensitive) — a scanner and a viewer could otherwise see different documents;
* an absolute name, a drive letter, a ``..`` or empty component, a backslash or a control
  character in a name;
* an encrypted member;
* a member whose declared uncompressed size exceeds ``zip_max_entry_bytes``, or whose compression
  ratio exceeds ``zip_max_ratio`` when it is larger than ``zip_ratio_grace_bytes``;
* declared sizes adding up to more than ``zip_max_total_bytes``.

:meth:`SafeZip.read` inflates a member itself (stored or deflated) in chunks and never produces
more than the member's declared size plus one byte, so a header that lies about the size is caught
while inflating, not after the memory is gone. The same per-member, ratio and total limits are
enforced on the bytes actually produced. CRC and the local header's name are checked.

Errors: a damaged or truncated zip → :class:`UnreadableDocument` (code ``corrupt``), a limit →
code ``limit``, an encrypted member → code ``encrypted``. Messages are in Chinese and say which
limit was hit.
"""

from __future__ import annotations

import posixpath
import re
import struct
import zipfile
import zlib
from collections import Counter
from pathlib import Path
from typing import BinaryIO

from ..config import Limits
from ..errors import UnreadableDocument

_CHUNK = 256 * 1024
_LOCAL_HEADER = struct.Struct("<4s5H3L2H")   # signature … name length, extra length
_LOCAL_SIGNATURE = b"PK\x03\x04"
_BAD_NAME = re.compile(r"[\x00-\x1f\\]|^[A-Za-z]:")


def _corrupt(detail: str, detail_en: str) -> UnreadableDocument:
    return UnreadableDocument(
        f"文件已损坏或不完整（{detail}），无法读取。请从原始来源重新获取或在 Word/WPS 中重新保存后再检查",
        message_en=f"the file is damaged or incomplete ({detail_en}); get it again or re-save it",
        code="corrupt")


def _limit(detail: str, detail_en: str) -> UnreadableDocument:
    return UnreadableDocument(
        f"文件超出安全限制：{detail}。可能是恶意构造的文件（压缩炸弹），已拒绝读取；"
        "如确属正常文件，请联系管理员调整 [limits] 配置",
        message_en=f"the file exceeds a safety limit: {detail_en}; refused (possible zip bomb)",
        code="limit")


def _unsafe(detail: str, detail_en: str) -> UnreadableDocument:
    """A package built to deceive (same code as a limit: the file is refused as hostile)."""
    return UnreadableDocument(
        f"文件未通过安全检查：{detail}。可能是恶意构造的文件，已拒绝读取；请在 Word/WPS 中重新保存后再检查",
        message_en=f"the file failed a safety check: {detail_en}; refused", code="limit")


def _mib(n: int) -> str:
    return f"{n / 2**20:.1f} MiB"


class SafeZip:
    """An opened, checked package. Use :func:`open_package`; close it (or use ``with``)."""

    def __init__(self, path: Path, fh: BinaryIO, infos: list[zipfile.ZipInfo], limits: Limits):
        self.path = path
        self.limits = limits
        self._fh = fh
        self._infos = {i.filename: i for i in infos}
        self._lower = {i.filename.lower(): i.filename for i in infos}
        self._inflated = 0

    # -- member listing ----------------------------------------------------------------------------

    @property
    def names(self) -> list[str]:
        """Member names (files only, not directory entries), in central-directory order."""
        return [n for n, i in self._infos.items() if not i.is_dir()]

    def find(self, name: str) -> str | None:
        """The stored name of member ``name`` (case-insensitive, as OPC part names are)."""
        name = name.lstrip("/")
        if name in self._infos:
            return name
        return self._lower.get(name.lower())

    def __contains__(self, name: str) -> bool:
        return self.find(name) is not None

    # -- reading -----------------------------------------------------------------------------------

    def read(self, name: str) -> bytes:
        """The uncompressed bytes of a member, inflated under the limits. ``KeyError`` if absent."""
        stored = self.find(name)
        if stored is None:
            raise KeyError(name)
        info = self._infos[stored]
        try:
            return self._read(info)
        except (OSError, ValueError, EOFError, struct.error) as exc:
            raise _corrupt(f"{stored} 无法读取", f"{stored}: {exc}") from exc

    def _read(self, info: zipfile.ZipInfo) -> bytes:
        stored = info.filename
        if info.header_offset < 0:
            raise _corrupt(f"{stored} 的位置记录错误", f"{stored}: bad header offset")
        self._fh.seek(info.header_offset)
        header = self._fh.read(_LOCAL_HEADER.size)
        if len(header) < _LOCAL_HEADER.size:
            raise _corrupt(f"{stored} 的本地文件头不完整", f"{stored}: truncated local header")
        fields = _LOCAL_HEADER.unpack(header)
        if fields[0] != _LOCAL_SIGNATURE:
            raise _corrupt(f"{stored} 的本地文件头错误", f"{stored}: bad local header")
        local_name = self._fh.read(fields[9])
        if local_name.decode("utf-8" if info.flag_bits & 0x800 else "cp437", "replace") != \
                info.orig_filename:
            raise _corrupt(f"{stored} 的文件名与目录不一致", f"{stored}: local name differs")
        self._fh.seek(fields[10], 1)
        if info.compress_type == zipfile.ZIP_STORED:
            data = self._copy_stored(info)
        elif info.compress_type == zipfile.ZIP_DEFLATED:
            data = self._inflate(info)
        else:
            raise UnreadableDocument(
                f"{stored} 使用了不支持的压缩方式（{info.compress_type}），无法读取",
                message_en=f"{stored}: unsupported compression method {info.compress_type}",
                code="corrupt")
        if zlib.crc32(data) != info.CRC:
            raise _corrupt(f"{stored} 校验和（CRC）错误", f"{stored}: bad CRC")
        return data

    def _copy_stored(self, info: zipfile.ZipInfo) -> bytes:
        if info.compress_size != info.file_size:
            raise _corrupt(f"{info.filename} 的大小记录不一致", f"{info.filename}: size mismatch")
        data = self._fh.read(info.file_size)
        if len(data) != info.file_size:
            raise _corrupt(f"{info.filename} 数据不完整", f"{info.filename}: truncated data")
        self._count(info, len(data), len(data), done=True)
        self._inflated += len(data)
        return data

    def _inflate(self, info: zipfile.ZipInfo) -> bytes:
        """Inflate chunk by chunk; never ask zlib for more than declared + 1 bytes."""
        inflater = zlib.decompressobj(-zlib.MAX_WBITS)
        out: list[bytes] = []
        produced = consumed = 0
        remaining = info.compress_size
        allowance = info.file_size + 1
        try:
            while not inflater.eof:
                data = inflater.unconsumed_tail
                if not data:
                    if remaining <= 0:
                        raise _corrupt(f"{info.filename} 压缩数据不完整",
                                       f"{info.filename}: truncated deflate stream")
                    data = self._fh.read(min(_CHUNK, remaining))
                    if not data:
                        raise _corrupt(f"{info.filename} 数据不完整（文件被截断）",
                                       f"{info.filename}: unexpected end of file")
                    remaining -= len(data)
                    consumed += len(data)
                piece = inflater.decompress(data, min(_CHUNK, allowance - produced))
                produced += len(piece)
                out.append(piece)
                self._count(info, produced, consumed)
        except zlib.error as exc:
            raise _corrupt(f"{info.filename} 压缩数据错误", f"{info.filename}: {exc}") from exc
        if produced != info.file_size:
            raise _corrupt(f"{info.filename} 解压后大小与记录不符",
                           f"{info.filename}: inflated size differs from the directory")
        self._count(info, produced, consumed, done=True)
        self._inflated += produced
        return b"".join(out)

    def _count(self, info: zipfile.ZipInfo, produced: int, consumed: int, *,
               done: bool = False) -> None:
        """Enforce the limits on what was actually produced so far (headers can lie). The ratio
        is judged on the whole member (``done``): a run of blanks inflates steeply for a while
        even in an honest file."""
        lim = self.limits
        name = info.filename
        if produced > info.file_size:
            raise _limit(f"{name} 解压后超过其声明的大小 {info.file_size} 字节（文件头被篡改）",
                         f"{name} inflates beyond its declared size of {info.file_size} bytes")
        if produced > lim.zip_max_entry_bytes:
            raise _limit(f"{name} 解压后超过单个部件上限 {_mib(lim.zip_max_entry_bytes)}",
                         f"{name} exceeds the per-member limit {_mib(lim.zip_max_entry_bytes)}")
        if done and produced > lim.zip_ratio_grace_bytes and \
                produced > lim.zip_max_ratio * max(consumed, 1):
            raise _limit(f"{name} 实际压缩比超过 {lim.zip_max_ratio}:1（文件头被篡改）",
                         f"{name} actual compression ratio exceeds {lim.zip_max_ratio}:1")
        if self._inflated + produced > lim.zip_max_total_bytes:
            raise _limit(f"解压总量超过上限 {_mib(lim.zip_max_total_bytes)}",
                         f"total inflated size exceeds {_mib(lim.zip_max_total_bytes)}")

    def close(self) -> None:
        self._fh.close()

    def __enter__(self) -> SafeZip:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_package(path: str | Path, limits: Limits) -> SafeZip:
    """Open ``path`` as a zip and check its central directory against ``limits``."""
    p = Path(path)
    try:
        fh = p.open("rb")
    except OSError as exc:
        raise UnreadableDocument(f"无法打开文件 {p}：{exc.strerror or exc}",
                                 message_en=f"cannot open {p}: {exc.strerror or exc}") from exc
    try:
        try:
            with zipfile.ZipFile(fh) as zf:
                infos = zf.infolist()
        except (zipfile.BadZipFile, EOFError, ValueError, OverflowError, OSError,
                struct.error) as exc:
            raise _corrupt("ZIP 目录无法读取", f"zip directory unreadable: {exc}") from exc
        except NotImplementedError as exc:
            raise _corrupt("ZIP 格式不受支持", f"unsupported zip feature: {exc}") from exc
        _check_directory(infos, limits)
    except BaseException:
        fh.close()
        raise
    return SafeZip(p, fh, infos, limits)


def _check_directory(infos: list[zipfile.ZipInfo], limits: Limits) -> None:
    if len(infos) > limits.zip_max_entries:
        raise _limit(f"包含 {len(infos)} 个部件，超过上限 {limits.zip_max_entries}",
                     f"{len(infos)} members, more than {limits.zip_max_entries}")
    counts = Counter(i.filename.lower() for i in infos)
    duplicates = sorted(n for n, c in counts.items() if c > 1)
    if duplicates:
        raise _unsafe(f"部件名重复（{', '.join(duplicates[:3])}），不同软件可能读到不同内容",
                     f"duplicate member names ({', '.join(duplicates[:3])})")
    total = 0
    for info in infos:
        name = info.filename
        _check_name(info.orig_filename)
        if info.flag_bits & 0x1:
            raise UnreadableDocument(
                f"文件中的部件 {name} 已加密，无法审查。请去掉密码保护后再检查",
                message_en=f"member {name} is encrypted; remove the password and retry",
                code="encrypted")
        if info.file_size > limits.zip_max_entry_bytes:
            raise _limit(f"{name} 解压后 {_mib(info.file_size)}，超过单个部件上限 "
                         f"{_mib(limits.zip_max_entry_bytes)}",
                         f"{name} declares {_mib(info.file_size)}, over the per-member limit "
                         f"{_mib(limits.zip_max_entry_bytes)}")
        if info.file_size > limits.zip_ratio_grace_bytes and \
                info.file_size > limits.zip_max_ratio * max(info.compress_size, 1):
            ratio = info.file_size // max(info.compress_size, 1)
            raise _limit(f"{name} 压缩比 {ratio}:1，超过上限 {limits.zip_max_ratio}:1",
                         f"{name} compression ratio {ratio}:1 exceeds {limits.zip_max_ratio}:1")
        total += info.file_size
    if total > limits.zip_max_total_bytes:
        raise _limit(f"解压总量 {_mib(total)}，超过上限 {_mib(limits.zip_max_total_bytes)}",
                     f"total uncompressed size {_mib(total)} exceeds "
                     f"{_mib(limits.zip_max_total_bytes)}")


def _check_name(name: str) -> None:
    parts = name.rstrip("/").split("/")
    if (name.startswith("/") or _BAD_NAME.search(name) or ".." in parts or "" in parts
            or posixpath.isabs(name)):
        raise _unsafe(f"部件名 {name!r} 不合法（绝对路径、“..”或反斜杠），可能是恶意构造",
                     f"illegal member name {name!r} (absolute, '..' or backslash)")
