"""read → detect → filter → decide. Knows no format and no detector.

A :class:`Screener` collects the plugins once (readers, detectors, lexicons) and then screens any
number of files; the batch and the HTTP service keep one per worker. Whatever goes wrong with one
file becomes that file's ``error`` report; nothing here ever turns a failure into ``pass``.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

import pluggy

from . import __version__
from .config import Config
from .errors import PluginError, ScreeningError, UnreadableDocument, UnsupportedFormat
from .model import Document, ErrorInfo, Finding, Report, Severity, ToolInfo, Verdict
from .plugins import Registry, collect, get_plugin_manager
from .policy import verdict_of
from .readers import HEAD_BYTES, sniff_format
from .text import forget



class Screener:
    """Screens files with one set of plugins and one configuration."""

    def __init__(self, config: Config | None = None, pm: pluggy.PluginManager | None = None):
        self.pm = pm or get_plugin_manager()
        self.registry: Registry = collect(self.pm, config or Config())
        self.config: Config = self.registry.config
        self.tool = ToolInfo(version=__version__, plugins=self.registry.plugins)

    # -- reading ---------------------------------------------------------------------------------

    def read(self, path: str | Path) -> Document:
        """Read a file with the reader its content calls for. Raises a :class:`ScreeningError`."""
        p = Path(path)
        limits = self.config.limits
        try:
            size = p.stat().st_size
            with p.open("rb") as fh:
                head = fh.read(HEAD_BYTES)
        except FileNotFoundError as exc:
            raise UnreadableDocument(f"找不到文件 {p}，请检查路径和文件名",
                                     message_en=f"file not found: {p}; check the path and name",
                                     code="not_found") from exc
        except IsADirectoryError as exc:
            raise UnreadableDocument(f"{p} 是文件夹，请用 screen batch 检查文件夹",
                                     message_en=f"{p} is a folder; use screen batch",
                                     code="is_directory") from exc
        except OSError as exc:
            raise UnreadableDocument(f"无法打开文件 {p}：{exc.strerror or exc}",
                                     message_en=f"cannot open {p}: {exc.strerror or exc}") from exc
        if size == 0:
            raise UnreadableDocument("文件为空（0 字节），没有可审查的内容",
                                     message_en="the file is empty (0 bytes)", code="empty")
        if size > limits.max_file_bytes:
            raise UnreadableDocument(
                f"文件过大（{size // 2**20} MiB，上限 {limits.max_file_bytes // 2**20} MiB）",
                message_en=f"file too large ({size // 2**20} MiB, limit "
                           f"{limits.max_file_bytes // 2**20} MiB)", code="too_large")
        suffix = p.suffix.lower()
        for reader in self.registry.readers:
            if reader.sniff(head, suffix):
                return reader.read(p, limits)
        raise _unsupported(sniff_format(head), suffix)

    # -- screening -------------------------------------------------------------------------------

    def detect(self, document: Document) -> list[Finding]:
        """Run every detector. A detector that raises is a :class:`PluginError` (never a pass)."""
        findings: list[Finding] = []
        try:
            for det in self.registry.detectors:
                try:
                    findings.extend(det.detect(document, self.config))
                except ScreeningError:
                    raise
                except Exception as exc:
                    raise PluginError(
                        f"检测器 {det.name} 出错（{type(exc).__name__}: {exc}），本文件未完成审查",
                        message_en=f"detector {det.name} failed ({type(exc).__name__}: {exc}); "
                                   "the file was not screened completely") from exc
        finally:
            forget(document)  # what the detectors shared about it (screening.text.document_memo)
        findings.sort(key=_finding_order)
        return findings

    def filter(self, findings: Iterable[Finding], document: Document
               ) -> tuple[list[Finding], list[Finding]]:
        """Split findings into (kept, suppressed) by the config allow-list and filter hooks."""
        from dataclasses import replace

        allow = self.config.allow_texts
        hook = self.pm.hook.screening_filter_finding
        ask = bool(hook.get_hookimpls())  # no filter plugin: no hook call per finding
        if not (allow or ask):
            return list(findings), []  # nothing could suppress one
        kept, suppressed = [], []
        for f in findings:
            reason = None
            if f.text.strip() in allow:
                reason = "allow-list"
            elif ask:
                reasons = hook(finding=f, document=document, config=self.config)
                reason = next((r for r in reasons if r), None)
            if reason:
                suppressed.append(replace(f, suppressed_by=reason))
            else:
                kept.append(f)
        return kept, suppressed

    def scan(self, path: str | Path) -> Report:
        """Screen one file. Never raises for a bad file: the report says ``error`` instead."""
        p = Path(path)
        sha256 = sm3 = None
        fmt = None
        try:
            sha256, sm3 = file_digests(p)
            document = self.read(p)
            fmt = document.format
            findings = self.detect(document)
            kept, suppressed = self.filter(findings, document)
        except ScreeningError as exc:
            return self._error(p, fmt, sha256, sm3, exc.code, exc.message, exc.message_en)
        except MemoryError:
            return self._error(p, fmt, sha256, sm3, "limit", "读取文件时内存超出上限，已拒绝",
                               "memory limit exceeded while reading; refused")
        except Exception as exc:  # internal error: fail closed, keep the batch alive
            return self._error(p, fmt, sha256, sm3, "internal",
                               f"内部错误（{type(exc).__name__}: {exc}），本文件未完成审查",
                               f"internal error ({type(exc).__name__}: {exc}); "
                               "the file was not screened completely")
        complete = not document.problems
        report = Report(
            path=str(path), format=fmt, sha256=sha256, sm3=sm3,
            verdict=verdict_of(kept, complete=complete), findings=tuple(kept), tool=self.tool,
            suppressed=tuple(suppressed), document=document,
            error=None if complete else ErrorInfo(
                "incomplete", "以下部分未能读取，审查不完整：" + "；".join(document.problems),
                "some parts could not be read; screening incomplete: "
                + "; ".join(document.problems)))
        return report

    def _error(self, p: Path, fmt: str | None, sha256: str | None, sm3: str | None, code: str,
               message: str, message_en: str = "") -> Report:
        return Report(path=str(p), format=fmt, sha256=sha256, sm3=sm3, verdict=Verdict.ERROR,
                      findings=(), tool=self.tool, error=ErrorInfo(code, message, message_en))


_NEGATIVE_RANK = {s: -s.rank for s in Severity}


def _finding_order(f: Finding) -> tuple[int, int, int]:
    """Document order; at one place the most severe first."""
    loc = f.location
    return loc.block, loc.start, _NEGATIVE_RANK[f.severity]


def file_digests(path: Path) -> tuple[str | None, str | None]:
    """SHA-256 and SM3 of a file's bytes (``None`` if it cannot be read): the one digest of
    :mod:`screening.records.digests`, which the records, the gate and sanitize use too."""
    from .records.digests import digest_file

    try:
        d = digest_file(path)
    except UnreadableDocument:
        return None, None
    return d.sha256, d.sm3


def _unsupported(kind: str, suffix: str) -> UnsupportedFormat:
    if kind == "ole":
        return UnsupportedFormat(
            "这是旧版 Word/WPS 文件（.doc/.wps，OLE 格式），暂不支持。请在 Word 或 WPS 中另存为 .docx 后再检查",
            message_en="this is a legacy Word/WPS file (.doc/.wps, OLE); save it as .docx and retry",
            code="legacy_office")
    if kind == "zip":
        return UnsupportedFormat(
            "这是 ZIP 压缩包或非 Word 的 Office 文件，不是 .docx。请解压或另存为 .docx 后检查其中文件",
            message_en="this is a zip archive or a non-Word Office file, not a .docx",
            code="unsupported_zip")
    what = {"binary": "二进制文件（如图片、压缩包）"}.get(kind, kind)
    return UnsupportedFormat(
        f"不支持的文件类型（{what}，扩展名 {suffix or '无'}）。支持 .docx、.pdf 和文本文件",
        message_en=f"unsupported file type ({kind}, suffix {suffix or 'none'}); "
                   "supported: .docx, .pdf, text", code="unsupported_format")


def cpu_count() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
