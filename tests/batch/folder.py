"""The mixed folder the batch tests screen, built on the fly.

``mixed_folder(root)`` writes, under ``root``::

    mark.docx           a secrecy mark on line 1            → block (classification_marks)
    clean.docx          an ordinary notice                  → pass
    people.pdf          a planted resident ID and mobile    → block (tests.batch.plugin)
    sub/gb18030.txt     GB18030 text with a planted mobile  → review
    sub/deeper/plain.txt  plain text                        → pass
    bomb.docx           a zip bomb                          → error (limit)
    encrypted.pdf       needs a password                    → error (encrypted)
    truncated.docx      cut in half                         → error (corrupt)
    picture.png         an image                            → skipped (not a document)
    ~$lock.docx         a Word lock file                    → skipped (temporary)
    .hidden.txt         a hidden file                       → skipped (hidden)
    empty.txt           0 bytes                             → skipped (empty)

:data:`EXPECTED` maps each screened file (relative path) to ``(verdict, error code)``.
The planted values are in :data:`PLANTED` (they must never appear in anything stored).
"""

from __future__ import annotations

from pathlib import Path

from tests.docbuild.docx import _png, build_docx, truncated, zip_bomb
from tests.docbuild.pdf import build_pdf

RESIDENT_ID = "110105198001011238"
MOBILE = "13812345678"
MOBILE_2 = "13987654321"
PLANTED = (RESIDENT_ID, MOBILE, MOBILE_2)

EXPECTED: dict[str, tuple[str, str | None]] = {
    "bomb.docx": ("error", "limit"),
    "clean.docx": ("pass", None),
    "encrypted.pdf": ("error", "encrypted"),
    "mark.docx": ("block", None),
    "people.pdf": ("block", None),
    "sub/deeper/plain.txt": ("pass", None),
    "sub/gb18030.txt": ("review", None),
    "truncated.docx": ("error", "corrupt"),
}
SKIPPED = {"not_document": 1, "temporary": 1, "hidden": 1, "empty": 1}


def mixed_folder(root: Path) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "sub" / "deeper").mkdir(parents=True)
    build_docx(root / "mark.docx", body=["机密★1年", "关于开展冬季安全生产大检查的通知"])
    build_docx(root / "clean.docx", body=["关于开展冬季安全生产大检查的通知",
                                          "各单位：现将有关事项通知如下。"])
    build_pdf(root / "people.pdf", [["关于公布获奖人员名单的公告",
                                     f"张三 身份证号 {RESIDENT_ID} 电话 {MOBILE}"]])
    (root / "sub" / "gb18030.txt").write_bytes(
        f"关于开展检查的通知\n联系人：李四，手机 {MOBILE_2}\n".encode("gb18030"))
    (root / "sub" / "deeper" / "plain.txt").write_text("各科室：请按时报送材料。\n",
                                                       encoding="utf-8")
    zip_bomb(root / "bomb.docx", size=8 * 1024 * 1024)
    build_pdf(root / "encrypted.pdf", [["第一页"]], encrypt_user_password="pw")
    truncated(root / "truncated.docx")
    (root / "picture.png").write_bytes(_png())
    build_docx(root / "~$lock.docx", body=["机密★1年"])
    (root / ".hidden.txt").write_text(f"身份证 {RESIDENT_ID}\n", encoding="utf-8")
    (root / "empty.txt").write_bytes(b"")
    return root
