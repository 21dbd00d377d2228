"""personal_data.email: addresses next to Han characters, ＠/#/[at]/(at) forms, mailto:,
institutional domains (info), masked addresses."""

from __future__ import annotations

import pytest

from screening import Severity
from tests.conftest import make_document

from .identifier_helpers import kinds, run, summary


def test_never_swallows_neighbouring_han(config):
    doc = make_document("邮箱zhangsan@163.com联系")
    (f,) = run(doc, config)
    assert summary([f]) == [("email", "body", "zhangsan@163.com", "review", "z*******@163.com")]
    assert f.location.start == 2


@pytest.mark.parametrize("written, masked", [
    ("li.wei_88@sina.com.cn", "l*.***_**@sina.com.cn"),
    ("zhangsan＠163.com", "z*******＠163.com"),
    ("ｚｈａｎｇｓａｎ＠１６３．ｃｏｍ", "ｚ*******＠１６３．ｃｏｍ"),
    ("zhangsan#163.com", "z*******#163.com"),
    ("zhangsan[at]163.com", "z*******[at]163.com"),
    ("zhangsan(at)163.com", "z*******(at)163.com"),
    ("zhangsan [at] 163.com", "z******* [at] 163.com"),
    ("Wang.Fang@Example.org", "W***.****@Example.org"),
])
def test_written_forms(config, written, masked):
    doc = make_document(f"电子邮箱：{written}。")
    assert summary(run(doc, config)) == [("email", "body", written, "review", masked)]


def test_qq_number_is_named(config):
    (f,) = run(make_document("QQ邮箱123456789@qq.com"), config)
    assert "QQ 号" in f.explanation


def test_mailto_link_reports_the_address(config):
    doc = make_document({"text": 'HYPERLINK "mailto:wangfang@126.com"', "part": "body",
                         "flags": frozenset({"field_code"})})
    assert kinds(run(doc, config)) == [("email", "wangfang@126.com", "review")]


def test_hash_needs_a_personal_webmail_domain(config):
    doc = make_document("话题#2024.com 与 C#program.net 及 abc#example.com")
    assert run(doc, config) == []


@pytest.mark.parametrize("written", ["xxgk@sm.gov.cn", "bgs@fujian.gov.cn", "gov@gov.cn"])
def test_institutional_mailbox_is_info(config, written):
    (f,) = run(make_document(f"信息公开邮箱：{written}"), config)
    assert (f.text, f.severity, f.masked) == (written, Severity.INFO, written)


def test_masked_address_is_info(config):
    (f,) = run(make_document("邮箱z***@163.com"), config)
    assert (f.text, f.severity) == ("z***@163.com", Severity.INFO)


@pytest.mark.parametrize("decoy", ["a@b", "user@localhost", "@163.com", "见附件@", "x@1.2"])
def test_not_addresses(config, decoy):
    assert run(make_document(f"说明：{decoy}。"), config) == []


@pytest.mark.parametrize("local, found", [
    ("a" * 64, True), ("a" * 65, False), (".abc", False), ("-abc", False), ("+abc", False)])
def test_local_part_limits(config, local, found):
    """At most 64 characters, never starting with ".", "-" or "+"."""
    found_texts = [f.text for f in run(make_document(f"说明：{local}@163.com。"), config)]
    assert found_texts == ([f"{local}@163.com"] if found else [])
