"""``screen sanitize``: the command line, its output and exit codes."""

from __future__ import annotations

import json

from click.testing import CliRunner

from screening.cli import cli
from screening.plugins import get_plugin_manager
from tests.docbuild.docx import build_docx, corrupt_member, table

ID = "110105198001011238"
BASIS = "某保〔2024〕3号解密决定"
BODY = ["关于做好防汛工作的通知", "现就有关事项通知如下。"]


def invoke(*args):
    return CliRunner().invoke(cli, ["sanitize", *map(str, args)],
                              obj={"pm": get_plugin_manager(entrypoints=False)})


def _doc(tmp_path):
    return build_docx(tmp_path / "草稿.docx", body=[
        "机密★1年", "名单：", table([["姓名", "身份证号码"], ["张三", ID]]), *BODY],
        comments=[("李四", "请核对", "批注所在的正文")])


def test_plan_prints_and_writes_nothing(tmp_path):
    src = _doc(tmp_path)
    before = set(tmp_path.iterdir())
    res = invoke(src, "--plan")
    assert res.exit_code == 0, res.output
    assert "处理方案" in res.output and "[去标识化] 个人信息/身份证号码：110105********1238" in res.output
    assert "[删除] 隐藏内容/批注" in res.output
    assert "未提供解密依据，标志保留" in res.output and "没有解密依据" in res.output
    assert ID not in res.output
    assert set(tmp_path.iterdir()) == before


def test_plan_json(tmp_path):
    res = invoke(_doc(tmp_path), "--plan", "--format", "json")
    assert res.exit_code == 0, res.output
    d = json.loads(res.output)
    assert d["schema"] == "screening.sanitize-plan/1" and len(d["sha256"]) == 64
    assert {a["op"] for a in d["actions"]} == {"mask", "remove"}
    assert [r["kind"] for r in d["for_person"]] == ["secret_level"]
    assert ID not in res.output


def test_sanitize_writes_the_copy(tmp_path):
    src, out = _doc(tmp_path), tmp_path / "公开版.docx"
    res = invoke(src, "-o", out, "--declassified", BASIS)
    assert res.exit_code == 0, res.output
    assert "已生成副本" in res.output and "复查通过" in res.output and "SM3" in res.output
    assert "解密依据：" + BASIS in res.output
    assert out.exists() and ID.encode() not in out.read_bytes()


def test_sanitize_json_result(tmp_path):
    src, out = _doc(tmp_path), tmp_path / "out.docx"
    res = invoke(src, "-o", out, "--format", "json", "--declassified", "正式公布即解密")
    assert res.exit_code == 0, res.output
    d = json.loads(res.output)
    assert d["basis_type"] == "publication" and d["stripped_marks"][0]["masked"] == "机密★1年"
    assert d["output"]["path"] == str(out) and ID not in res.output


def test_english(tmp_path):
    res = invoke(_doc(tmp_path), "-o", tmp_path / "o.docx", "--lang", "en")
    assert res.exit_code == 0, res.output
    assert "Copy written" in res.output and "Re-scan clean" in res.output
    plan = invoke(_doc(tmp_path), "--plan", "--lang", "en").output
    assert "  [mask] personal data/resident ID number: 110105********1238 (table, page 1)" in plan
    assert ("secrecy level mark: 机密★1年 (body) — no declassification basis given: the mark "
            "stays") in plan
    assert "1 secrecy (or work-secret) mark(s) kept" in plan
    assert "：" not in plan and "（" not in plan


def test_output_equal_to_input_exits_4(tmp_path):
    src = _doc(tmp_path)
    before = src.read_bytes()
    res = invoke(src, "-o", src)
    assert res.exit_code == 4
    assert "输出文件不能与原文件相同" in res.output
    assert src.read_bytes() == before


def test_unreadable_input_exits_4(tmp_path):
    src = corrupt_member(build_docx(tmp_path / "d.docx", body=BODY))
    res = invoke(src, "-o", tmp_path / "o.docx")
    assert res.exit_code == 4 and "无法处理" in res.output
    assert not (tmp_path / "o.docx").exists()


def test_unrecognised_basis_is_a_usage_error(tmp_path):
    res = invoke(_doc(tmp_path), "-o", tmp_path / "o.docx", "--declassified", "领导同意")
    assert res.exit_code == 2 and "解密依据" in res.output
    assert not (tmp_path / "o.docx").exists()


def test_output_is_required_without_plan(tmp_path):
    res = invoke(_doc(tmp_path))
    assert res.exit_code == 2 and "-o" in res.output


def test_redact_span_and_keep_hidden(tmp_path):
    src = build_docx(tmp_path / "d.docx", body=["甲公司投标报价为一百万元。", *BODY],
                     comments=[("李四", "请核对", "批注所在的正文")])
    out = tmp_path / "o.docx"
    res = invoke(src, "-o", out, "--redact-span", "投标报价为一百万元", "--keep-hidden",
                 "--format", "json")
    assert res.exit_code == 0, res.output
    d = json.loads(res.output)
    assert [a["op"] for a in d["actions"]] == ["redact"]
    assert "一百万元".encode() not in out.read_bytes()
    assert any("comments" in n for n in __import__("zipfile").ZipFile(out).namelist())
