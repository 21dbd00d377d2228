"""sanitize_file: refusals, the result JSON the review record cites, the re-scan."""

from __future__ import annotations

import json
import os

import pytest

from screening.errors import SanitizeError
from screening.sanitize import api
from screening.sanitize.api import SanitizeOptions, same_file, sanitize_file
from screening.sanitize.plan import Outcome
from tests.docbuild.docx import build_docx, corrupt_member, table

from .build import BASIS, ID, PHONE

BODY = ["关于做好防汛工作的通知", "现就有关事项通知如下。"]


def test_result_json_has_digests_actions_and_basis_but_no_raw_values(tmp_path, screener):
    src = build_docx(tmp_path / "d.docx", body=[
        "机密★1年", "名单：", table([["姓名", "身份证号码", "手机"], ["张三", ID, PHONE]]), *BODY])
    result = sanitize_file(src, tmp_path / "out.docx", SanitizeOptions(declassified=BASIS),
                           screener)
    assert result.exit_code == 0, result.problems
    d = result.to_dict()
    dumped = json.dumps(d, ensure_ascii=False)
    assert ID not in dumped and PHONE not in dumped and "张三" not in dumped
    assert d["schema"] == "screening.sanitize/1"
    assert len(d["input"]["sha256"]) == 64 and len(d["input"]["sm3"]) == 64
    assert len(d["output"]["sha256"]) == 64 and d["output"]["sha256"] != d["input"]["sha256"]
    assert d["declassified"] == BASIS and d["basis_type"] == "decision"
    assert [(m["masked"], m["basis"]) for m in d["stripped_marks"]] == [("机密★1年", BASIS)]
    assert sorted(a["kind"] for a in d["actions"] if a["op"] == "mask") == [
        "mobile_phone", "person_name", "resident_id"]
    assert d["remaining"] == [] and d["exit_code"] == 0


@pytest.mark.parametrize("how", ["same", "relative", "symlink", "hardlink"])
def test_output_may_not_be_the_input(tmp_path, screener, how, monkeypatch):
    src = build_docx(tmp_path / "d.docx", body=BODY)
    before = src.read_bytes()
    if how == "same":
        dst = src
    elif how == "relative":
        monkeypatch.chdir(tmp_path)
        dst = tmp_path / "sub" / ".." / "d.docx"
        (tmp_path / "sub").mkdir()
    elif how == "symlink":
        dst = tmp_path / "link.docx"
        dst.symlink_to(src)
    else:
        dst = tmp_path / "hard.docx"
        os.link(src, dst)
    assert same_file(src, dst)
    with pytest.raises(SanitizeError) as exc:
        sanitize_file(src, dst, SanitizeOptions(), screener)
    assert exc.value.code == "same_file" and "原文件" in exc.value.message
    assert src.read_bytes() == before


def test_unreadable_input_is_refused_and_nothing_written(tmp_path, screener):
    src = corrupt_member(build_docx(tmp_path / "d.docx", body=BODY))
    dst = tmp_path / "out.docx"
    with pytest.raises(SanitizeError) as exc:
        sanitize_file(src, dst, SanitizeOptions(), screener)
    assert "无法处理" in exc.value.message
    assert not dst.exists()


def test_missing_input(tmp_path, screener):
    with pytest.raises(SanitizeError):
        sanitize_file(tmp_path / "nope.docx", tmp_path / "out.docx", SanitizeOptions(), screener)


@pytest.mark.parametrize("encoding, bom", [("utf-8", b""), ("gb18030", b""),
                                           ("utf-16-be", b"\xfe\xff")])
def test_a_text_file_keeps_its_encoding_and_line_breaks(tmp_path, screener, encoding, bom):
    src = tmp_path / "a.txt"
    original = "机密★1年\r\n\r\n低保对象王建国，身份证号码 110105196703150014。\r\n正文。"
    src.write_bytes(bom + original.encode(encoding))
    before = src.read_bytes()
    dst = tmp_path / "out.txt"
    result = sanitize_file(src, dst, SanitizeOptions(declassified="2026年3月1日县保密局解密决定"),
                           screener)
    assert result.exit_code == 0, result.problems
    assert src.read_bytes() == before
    out = dst.read_bytes()
    assert out.startswith(bom)
    assert out[len(bom):].decode(encoding) == (
        "\r\n\r\n****王**，身份证号码 110105********0014。\r\n正文。")
    assert sorted((a.op, a.kind) for a in result.outcome.applied) == [
        ("mask", "person_name"), ("mask", "resident_id"), ("mask", "special_category"),
        ("strip_mark", "secret_level")]


def test_what_remains_after_writing_fails_the_command(tmp_path, screener, monkeypatch):
    """A format sanitizer that leaves the text in place: the re-scan must catch it (exit 1)."""
    src = build_docx(tmp_path / "d.docx", body=["名单：", table([["姓名", "身份证号码"],
                                                               ["张三", ID]]), *BODY])

    def lazy(src_, dst_, document, plan, *, limits):
        dst_.write_bytes(src_.read_bytes())
        return Outcome(applied=plan.actions)

    monkeypatch.setattr(api, "_format_sanitizer", lambda fmt: (lazy, None))
    result = sanitize_file(src, tmp_path / "out.docx", SanitizeOptions(), screener)
    assert result.exit_code == 1
    assert {f.kind for f in result.remaining} >= {"resident_id"}
    assert any("身份证号码" in p for p in result.problems)
    assert ID not in json.dumps(result.to_dict(), ensure_ascii=False)


def test_skipped_actions_fail_the_command(tmp_path, screener, monkeypatch):
    src = build_docx(tmp_path / "d.docx", body=["名单：", table([["姓名", "身份证号码"],
                                                               ["张三", ID]]), *BODY])
    from screening.sanitize.docx import sanitize_docx

    def half(src_, dst_, document, plan, *, limits):
        out = sanitize_docx(src_, dst_, document, plan, limits=limits)
        return Outcome(applied=out.applied[1:], skipped=((out.applied[0], "测试"),))

    monkeypatch.setattr(api, "_format_sanitizer", lambda fmt: (half, None))
    result = sanitize_file(src, tmp_path / "out.docx", SanitizeOptions(), screener)
    assert result.exit_code == 1 and result.problems[0].startswith("未能处理")


def test_changed_file_between_scan_and_edit_is_refused(tmp_path, screener):
    from screening.sanitize.docx import sanitize_docx
    from screening.sanitize.plan import make_plan

    src = build_docx(tmp_path / "d.docx", body=["机密★1年", *BODY])
    report = screener.scan(src)
    plan = make_plan(report, SanitizeOptions(declassified=BASIS), screener.config)
    build_docx(src, body=["机密★1年", "另一份文件"])
    with pytest.raises(SanitizeError) as exc:
        sanitize_docx(src, tmp_path / "out.docx", report.document, plan,
                      limits=screener.config.limits)
    assert exc.value.code == "changed"
    assert not (tmp_path / "out.docx").exists()
