"""Receive one uploaded file into a private temporary directory, within size and time limits.

Two ways to send a file (both documented in the OpenAPI description):

* ``multipart/form-data`` with the file in the part named ``file`` (its ``filename`` is the
  document's name) and, for ``/v1/sanitize``, option fields next to it;
* any other content type: the raw body is the file, its name in the ``X-Filename`` header
  (percent-encoded UTF-8, e.g. ``X-Filename: %E9%80%9A%E7%9F%A5.docx``).

The body is streamed to disk as it arrives, never held whole in memory. Each request gets its own
directory from :func:`tempfile.mkdtemp` (mode 0700, under ``[service] temp_dir`` when set); the file
inside (``in/<name>``) keeps the client's base name when it is a plain one (no directories, no
leading dot, at most 200 bytes), so the gate sees the name the CLI would; else ``upload<suffix>``.
The directory is removed when the request ends, whatever happened. Limits:

* more than ``max_upload_bytes`` of file → HTTP 413 (a body announced larger by ``Content-Length``
  is refused before it is read; one that turns out larger is drained a little, then refused, so the
  client sees the answer rather than a reset connection);
* the whole body not arrived within ``upload_timeout_seconds`` → HTTP 408.
"""

from __future__ import annotations

import asyncio
import os
import re
import shutil
import tempfile
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO
from urllib.parse import unquote

from python_multipart.multipart import MultipartParser, parse_options_header
from starlette.requests import ClientDisconnect, Request

from .errors import ApiError
from .settings import ServiceSettings

MiB = 1024 * 1024
#: Room for multipart boundaries, part headers and option fields on top of the file itself.
FORM_OVERHEAD = 1 * MiB
#: Option fields of one request, all together.
MAX_FIELD_BYTES = 256 * 1024
#: How much of an oversized body is read and thrown away before answering 413.
DRAIN_BYTES = 16 * MiB
FILE_FIELD = "file"
_SUFFIX = re.compile(r"\.[a-z0-9]{1,8}")


@dataclass
class Upload:
    """A received file. ``filename`` is the client's name (for the report only, never logged)."""

    path: Path
    filename: str
    size: int
    directory: Path
    fields: dict[str, list[str]] = field(default_factory=dict)

    def field(self, name: str) -> str | None:
        values = self.fields.get(name)
        return values[-1] if values else None


@contextmanager
def private_directory(settings: ServiceSettings) -> Iterator[Path]:
    """A fresh directory only this process's user can enter, removed afterwards."""
    parent = settings.temp_dir
    if parent is not None:
        os.makedirs(parent, mode=0o700, exist_ok=True)
    directory = Path(tempfile.mkdtemp(prefix="screening-", dir=parent))
    try:
        yield directory
    finally:
        shutil.rmtree(directory, ignore_errors=True)


@asynccontextmanager
async def receive_upload(request: Request, settings: ServiceSettings) -> AsyncIterator[Upload]:
    """Stream the request's file into a private directory; yield it; remove the directory."""
    limit = settings.max_upload_bytes
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit + FORM_OVERHEAD + DRAIN_BYTES:
        raise too_large(limit)
    content_type = request.headers.get("content-type", "")
    with private_directory(settings) as directory:
        receiver = _Receiver(request, settings)
        if content_type.lower().startswith("multipart/form-data"):
            upload = await _receive_multipart(receiver, content_type, directory, limit)
        else:
            name = unquote(request.headers.get("x-filename", ""), errors="replace")
            upload = await _receive_raw(receiver, directory, limit, name)
        yield upload


def too_large(limit: int) -> ApiError:
    return ApiError(413, "too_large",
                    f"上传的文件超过上限（{_size(limit)}），请拆分或压缩后再提交",
                    f"the upload exceeds the limit ({_size(limit)})",
                    headers={"Connection": "close"})


def _size(n: int) -> str:
    return f"{n / MiB:g} MiB" if n >= MiB else f"{n / 1024:g} KiB"


class _Receiver:
    """The request body as chunks, with the overall deadline of the upload."""

    def __init__(self, request: Request, settings: ServiceSettings):
        self.request = request
        self.timeout = settings.upload_timeout_seconds
        self.deadline = asyncio.get_running_loop().time() + self.timeout
        self.total = 0

    async def chunks(self) -> AsyncIterator[bytes]:
        loop = asyncio.get_running_loop()
        stream = self.request.stream().__aiter__()
        while True:
            remaining = self.deadline - loop.time()
            if remaining <= 0:
                raise self._timeout()
            try:
                chunk = await asyncio.wait_for(stream.__anext__(), remaining)
            except StopAsyncIteration:
                return
            except TimeoutError:
                raise self._timeout() from None
            except ClientDisconnect:
                raise ApiError(400, "disconnected", "上传中断：客户端断开了连接",
                               "the client disconnected during the upload") from None
            if chunk:
                self.total += len(chunk)
                yield chunk

    async def drain(self, chunks: AsyncIterator[bytes], limit: int) -> None:
        """Read (and drop) what is left of an oversized body, up to :data:`DRAIN_BYTES` more."""
        start = self.total
        try:
            async for _ in chunks:
                if self.total - start > DRAIN_BYTES:
                    break
        except ApiError:
            pass
        raise too_large(limit)

    def _timeout(self) -> ApiError:
        return ApiError(408, "upload_timeout",
                        f"上传超时：{self.timeout:g} 秒内未收到完整文件",
                        f"upload timed out: the file did not arrive within {self.timeout:g} s",
                        headers={"Connection": "close"})


async def _receive_raw(receiver: _Receiver, directory: Path, limit: int, name: str) -> Upload:
    filename = display_name(name)
    path = stored_path(directory, filename)
    size = 0
    chunks = receiver.chunks()
    with _create(path) as fh:
        async for chunk in chunks:
            size += len(chunk)
            if size > limit:
                break
            fh.write(chunk)
    if size > limit:
        await receiver.drain(chunks, limit)
    return Upload(path=path, filename=filename, size=size, directory=directory)


async def _receive_multipart(receiver: _Receiver, content_type: str, directory: Path,
                             limit: int) -> Upload:
    _, params = parse_options_header(content_type)
    boundary = params.get(b"boundary")
    if not boundary:
        raise ApiError(400, "bad_request", "multipart 请求缺少 boundary",
                       "multipart request without a boundary")
    form = _Form(directory, limit)
    parser = MultipartParser(boundary, form.callbacks())
    chunks = receiver.chunks()
    try:
        async for chunk in chunks:
            parser.write(chunk)
            if form.over_limit:
                break
            if form.field_bytes > MAX_FIELD_BYTES:
                raise ApiError(413, "too_large", "表单字段过大", "form fields too large",
                               headers={"Connection": "close"})
        if not form.over_limit:
            parser.finalize()
    except ApiError:
        raise
    except Exception as exc:  # noqa: BLE001 - python-multipart's parse errors: a malformed request
        raise ApiError(400, "bad_request", "multipart 请求格式有误，无法解析",
                       f"malformed multipart request ({type(exc).__name__})") from None
    finally:
        form.close()
    if form.over_limit:
        await receiver.drain(chunks, limit)
    if form.path is None:
        raise ApiError(400, "missing_file", "请求中没有文件：请把文件放在名为 file 的表单字段中",
                       "no file in the request: send it in the multipart field named 'file'")
    return Upload(path=form.path, filename=form.filename, size=form.size, directory=directory,
                  fields=form.fields)


class _Form:
    """python-multipart callbacks: the ``file`` part goes to disk, other parts are small fields."""

    def __init__(self, directory: Path, limit: int):
        self.directory = directory
        self.limit = limit
        self.path: Path | None = None
        self.filename = ""
        self.size = 0
        self.over_limit = False
        self.fields: dict[str, list[str]] = {}
        self.field_bytes = 0
        self._fh: BinaryIO | None = None
        self._headers: dict[bytes, bytes] = {}
        self._header_field = b""
        self._header_value = b""
        self._name: str | None = None
        self._value = bytearray()
        self._is_file = False

    def callbacks(self) -> dict:
        return {"on_part_begin": self._part_begin, "on_part_data": self._part_data,
                "on_part_end": self._part_end, "on_header_field": self._header_field_data,
                "on_header_value": self._header_value_data, "on_header_end": self._header_end,
                "on_headers_finished": self._headers_finished}

    def _part_begin(self) -> None:
        self._headers = {}
        self._header_field = self._header_value = b""
        self._name = None
        self._value = bytearray()
        self._is_file = False

    def _header_field_data(self, data: bytes, start: int, end: int) -> None:
        self._header_field += data[start:end]

    def _header_value_data(self, data: bytes, start: int, end: int) -> None:
        self._header_value += data[start:end]

    def _header_end(self) -> None:
        self._headers[self._header_field.strip().lower()] = self._header_value.strip()
        self._header_field = self._header_value = b""

    def _headers_finished(self) -> None:
        _, params = parse_options_header(self._headers.get(b"content-disposition", b""))
        name = params.get(b"name", b"").decode("utf-8", "replace")
        self._name = name
        if name == FILE_FIELD:
            if self.path is not None:
                raise ApiError(400, "bad_request", "每个请求只能上传一个文件",
                               "one file per request")
            self._is_file = True
            self.filename = display_name(_filename(params))
            self.path = stored_path(self.directory, self.filename)
            self._fh = _create(self.path)

    def _part_data(self, data: bytes, start: int, end: int) -> None:
        n = end - start
        if self._is_file:
            self.size += n
            if self.size > self.limit:
                self.over_limit = True
                self.close()
                return
            if self._fh is not None:
                self._fh.write(data[start:end])
        else:
            self.field_bytes += n
            if self.field_bytes <= MAX_FIELD_BYTES:
                self._value += data[start:end]

    def _part_end(self) -> None:
        if self._is_file:
            self.close()
        elif self._name:
            self.fields.setdefault(self._name, []).append(self._value.decode("utf-8", "replace"))

    def close(self) -> None:
        if self._fh is not None:
            self._fh.close()
            self._fh = None


def _create(path: Path) -> BinaryIO:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    return os.fdopen(fd, "wb")


def _filename(params: dict[bytes, bytes]) -> str:
    """The part's ``filename``: raw UTF-8 as browsers, curl and the Java adapters send it
    (RFC 7578 §4.2; ``filename*`` is not used in multipart/form-data)."""
    return params.get(b"filename", b"").decode("utf-8", "replace")


def display_name(name: str) -> str:
    """The base name a client gave (no directories, no control characters), or ``upload``."""
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if ch.isprintable()).strip()
    return name[:255] or "upload"


def stored_path(directory: Path, filename: str) -> Path:
    """Where the upload is written: ``directory/in/<filename>`` for a plain name, else
    ``directory/in/upload<suffix>``. Outputs of a request (a sanitized copy) go elsewhere in
    ``directory``, so no client name can collide with them."""
    inbox = directory / "in"
    inbox.mkdir(mode=0o700, exist_ok=True)
    plain = (not filename.startswith(".") and "/" not in filename and "\x00" not in filename
             and len(filename.encode("utf-8")) <= 200)
    return inbox / (filename if plain else "upload" + safe_suffix(filename))


def safe_suffix(name: str) -> str:
    """The lower-case extension of ``name`` when it is short and plain (``.docx``), else ``""``."""
    suffix = Path(name).suffix.lower()
    return suffix if _SUFFIX.fullmatch(suffix) else ""
