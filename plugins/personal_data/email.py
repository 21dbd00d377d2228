"""``email``: e-mail addresses, also the forms sites use to dodge harvesters (domain.md §6.11).

=====================================================  =========  ================================
what                                                   severity   note
=====================================================  =========  ================================
``local@domain.tld``; ``＠`` (NFKC); ``[at]``,          review     the local part is ASCII only,
``(at)``, ``［at］``; ``mailto:`` links                            so 邮箱zhangsan@163.com never
                                                                  swallows 邮箱
``local#domain`` with a personal webmail domain        review     ``zhangsan#163.com`` (lexicon
                                                                  ``pd_email_domains``)
an institutional domain (``*.gov.cn``)                 info       the office's published mailbox
already masked ``z***@163.com``                        info
=====================================================  =========  ================================

A local part of 5–11 digits at qq.com is also a QQ number (said in the explanation).
"""

from __future__ import annotations

from collections.abc import Iterator

import re

from screening import Normalized, Severity

from .recognizer import Candidate, Pattern, Recognizer, Scan

#: globals: reading ``Severity.X`` goes through ``EnumType.__getattr__``'s hook in 3.11 (~90 ns)
_REVIEW, _INFO = Severity.REVIEW, Severity.INFO

_LOCAL = r"[A-Za-z0-9_*](?:[A-Za-z0-9._%+\-*]{0,63})"
#: Where an address can be: the at sign or what stands for it (a space may precede [at]).
_ANCHOR = re.compile(r"@|#| ?(?i:\[at\]|\(at\))")
_SIGN = re.compile(r"[@#]")
#: The characters of a local part (:data:`_LOCAL`).
_LOCAL_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._%+-*"
_DOMAIN = r"[A-Za-z0-9](?:[A-Za-z0-9\-]{0,62})(?:\.[A-Za-z0-9\-]{1,63})*\.[A-Za-z]{2,10}"


class EmailRecognizer(Recognizer):
    name = "personal_data.email"
    kind = "email"
    priority = 60
    PATTERNS = (
        Pattern("email", rf"(?<![A-Za-z0-9._%+\-*])(?P<value>(?P<local>{_LOCAL})"
                         rf"(?P<at>@|#| ?(?i:\[at\]|\(at\)) ?)(?P<domain>{_DOMAIN}))"
                         r"(?![A-Za-z0-9\-])"),
    )

    def find(self, scan: Scan) -> Iterator[Candidate]:
        """Anchored on the ``@`` (``#``, ``[at]``): the address pattern is tried only where a
        local part ends at one, instead of at every letter of the text."""
        text = scan.plain.text
        signs = "@" in text or "#" in text
        if "(" in text or "[" in text:
            lower = text.lower()
            words = "(at)" in lower or "[at]" in lower
        else:
            words = False
        if not (signs or words):
            return
        pattern = self.PATTERNS[0]
        compiled = scan.settings.compiled(pattern)
        # without an (at) or [at], the anchors are exactly the @ and # signs (a faster scan)
        for anchor in (_ANCHOR if words else _SIGN).finditer(text):
            at = anchor.start()
            # the local part ending at the anchor is the run of its characters right before it
            # (64 at most; str.rstrip, where a regex search would try every start in those 64);
            # a run that starts with ".", "%", "+" or "-" is no address and fails the match
            head = text[max(0, at - 64):at]
            local = len(head) - len(head.rstrip(_LOCAL_CHARS))
            if not local:
                continue
            m = compiled.match(text, at - local)
            if m is not None and m.start("at") <= at < m.end("at"):
                candidate = self.judge(scan, scan.plain, m, pattern, None)
                if candidate is not None:
                    yield candidate

    def judge(self, scan: Scan, view: Normalized, m: re.Match[str], pattern: Pattern,
              valid: bool | None) -> Candidate | None:
        start, end = m.span("value")
        local, at, domain = m["local"], m["at"].strip(), m["domain"].lower()
        settings = scan.settings
        if local.startswith((".", "-")) or local.endswith("."):
            return None
        if at == "#" and domain not in settings.email_personal:
            return None
        if "*" in local:
            return self.candidate(scan, view, start, end, _INFO, 0.8, "已遮盖的电子邮箱")
        if domain in settings.email_public_set or domain.endswith(settings.email_public_under):
            return self.candidate(scan, view, start, end, _INFO, 0.8,
                                  "机关单位邮箱（政府域名），通常为公开的工作邮箱")
        why = "电子邮箱地址"
        if at != "@":
            why += f"（以\u201c{at}\u201d代替@书写）"
        if domain in ("qq.com", "vip.qq.com", "foxmail.com") and local.isdigit() \
                and 5 <= len(local) <= 11:
            why += "，邮箱前缀即 QQ 号"
        elif domain in settings.email_personal:
            why += "，个人邮箱域名"
        return self.candidate(scan, view, start, end, _REVIEW, 0.9, why)
