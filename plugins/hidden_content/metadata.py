"""``metadata``: what a file says about who wrote it and where it came from, and is never shown on
a page — document properties, PDF Info and XMP, paths in field codes, images' alt text.

Which property is what is data (lexicon ``hidden_metadata_keys``, see its header); the values that
are no finding are data too (``hidden_values``: program defaults, government bodies' names).

=====================================  ===============================================  ========
what                                   when                                             severity
=====================================  ===============================================  ========
a person (作者, 最后修改者, 经理,      the value is not a default ("Administrator",     review
PDF Author, XMP dc:creator)            "python-docx") nor a government body's name      (masked)
                                       (某县人民政府办公室)
单位 (app:Company)                     not a government body's name nor a default       review
                                       (微软中国): a drafting company, a contractor
custom properties, PDF custom Info     the key is not bookkeeping (WPS ``ICV``,         review
keys, custom XMP                       ``KSOProductBuildVer`` …)
a path (附加模板, 超链接基础地址; any  names a user's home folder or a network share;   review
property that holds one)               a plain local path → info
field codes (``w:instrText``,          a path with a user name, or INCLUDETEXT /        review
``fldSimple``)                         INCLUDEPICTURE / HYPERLINK / LINK … to a local
                                       or network file
image alt text (``descr``/``title``)   not Word's generated description, not a bare     review
                                       file name
title, subject, keywords …             not found in the visible text (left over from    info
                                       another document)
=====================================  ===============================================  ========

A custom property such as 密级=机密 is also a classification mark: the mark detectors report that
(they scan metadata blocks); this detector does not duplicate it. ``customXml`` items and
document variables are :mod:`.custom_xml`'s.
"""

from __future__ import annotations

import regex

from screening import Category, Severity, __version__

from .common import (
    LOCAL_PATH,
    UNC,
    Keys,
    Values,
    compact,
    flagged_or_part,
    mask_person,
    mask_user_in_path,
    snippet,
    user_in_path,
    whole_block,
)

_VISIBLE_PARTS = ("body", "table", "header", "footer", "footnote", "endnote", "textbox")
_LINKING_FIELDS = regex.compile(
    r"^\s*(INCLUDETEXT|INCLUDEPICTURE|INCLUDE|HYPERLINK|LINK|DDEAUTO|DDE|IMPORT|RD)\b", regex.I)
_BARE_IMAGE_NAME = regex.compile(
    r"(?i)^(?:[^\\/:]+\.(?:png|jpe?g|gif|bmp|tiff?|emf|wmf|svg|webp)|(?:图片|picture|图像|image)"
    r"\s*\d*)$")
_CLEAR = "发布前请清除文档属性（文件 → 信息 → 检查文档）"


class MetadataDetector:
    name = "hidden_content.metadata"
    version = __version__
    category = Category.HIDDEN_CONTENT

    def detect(self, document, config):
        blocks = flagged_or_part(document, "metadata")
        if not blocks:
            return  # a plain text: no lexicon to load
        keys, values = Keys(config), Values(config)
        visible: list[str] = []
        for block in blocks:
            if block.part == "metadata":
                key = block.label
                if key.startswith(("customXml:", "docVar:")):
                    continue
                found = self.property(block, key, keys, values, config, visible, document)
            elif "field_code" in block.flags:
                found = self.field_code(block, config)
            elif "alt_text" in block.flags:
                found = self.alt_text(block, values, config)
            else:
                continue
            if found is not None:
                yield found

    # -- document properties -----------------------------------------------------------------------

    def property(self, block, key, keys, values, config, visible, document):
        kind = keys.kind(key)
        name = keys.name(key)
        value = _value_of(block.text, key)
        if kind == "tool" or not value.strip() or values.is_default(value):
            return None
        if user_in_path(value) or UNC.search(value):
            return self.path(block, name, config)
        if kind == "path":
            if LOCAL_PATH.search(value):
                return whole_block(self, block, kind="metadata", severity=Severity.INFO,
                                   config=config,
                                   explanation=f"文档属性{name}记录了本机文件路径，会随文件公开")
            return None
        if kind == "personal":
            if values.is_office(value):
                return None
            masked = mask_person(value, config)
            return whole_block(self, block, kind="metadata", severity=Severity.REVIEW,
                               config=config, masked=masked,
                               explanation=f"文档属性{name}记录了个人信息（{masked}），"
                                           f"会随文件公开；{_CLEAR}")
        if kind == "organisation":
            if values.is_office(value):
                return None
            return whole_block(self, block, kind="metadata", severity=Severity.REVIEW,
                               config=config,
                               explanation=f"文档属性{name}为「{snippet(value)}」，不是机关名称"
                                           f"（可能是代拟单位或个人电脑的登记信息），会随文件公开；"
                                           f"{_CLEAR}")
        if kind == "descriptive":
            if not visible:
                visible.append("".join(compact(b.text) for b in document.parts(*_VISIBLE_PARTS)))
            if compact(value) in visible[0]:
                return None
            return whole_block(self, block, kind="metadata", severity=Severity.INFO,
                               config=config,
                               explanation=f"文档属性{name}「{snippet(value)}」未出现在正文中"
                                           "（可能沿用了其他文件的属性），会随文件公开；请确认")
        return whole_block(self, block, kind="metadata", severity=Severity.REVIEW, config=config,
                           explanation=f"{name}会随文件公开（自定义属性多由 OA 系统或模板写入），"
                                       f"其中的信息不在页面上显示；请确认后清除")

    def path(self, block, name, config):
        masked = mask_user_in_path(block.text, config)
        what = "用户名" if user_in_path(block.text) else "内网共享路径"
        return whole_block(self, block, kind="metadata", severity=Severity.REVIEW, config=config,
                           masked=masked,
                           explanation=f"{name}中的路径含有{what}（{snippet(masked, 60)}），"
                                       f"会随文件公开；{_CLEAR}")

    # -- field codes and alt text ------------------------------------------------------------------

    def field_code(self, block, config):
        text = block.text
        if user_in_path(text):
            masked = mask_user_in_path(text, config)
            return whole_block(self, block, kind="metadata", severity=Severity.REVIEW,
                               config=config, masked=masked,
                               explanation=f"域代码中的路径含有用户名（{snippet(masked, 60)}），"
                                           "域代码不显示但随文件保存；发布前请将域转换为文字"
                                           "（选中后按 Ctrl+Shift+F9）或删除")
        linking = _LINKING_FIELDS.match(text)
        if linking and LOCAL_PATH.search(text):
            return whole_block(self, block, kind="metadata", severity=Severity.REVIEW,
                               config=config, masked=mask_user_in_path(text, config),
                               explanation=f"域代码 {linking.group(1).upper()} 引用了本机或内网文件"
                                           f"（{snippet(text, 60)}），路径随文件保存，更新域时还会"
                                           "读取该文件；发布前请将域转换为文字或删除")
        return None

    def alt_text(self, block, values, config):
        text = block.text.strip()
        if _BARE_IMAGE_NAME.match(text) or values.is_default(text):
            return None
        folded = text.casefold()
        if any(phrase in folded for phrase in values.alt_auto):
            return None
        if user_in_path(text) or UNC.search(text):
            return self.path(block, "图片的替代文字", config)
        return whole_block(self, block, kind="metadata", severity=Severity.REVIEW, config=config,
                           explanation=f"图片的替代文字（说明）「{snippet(text)}」不在页面上显示，"
                                       "但随文件保存，读屏软件和搜索引擎都能读到；"
                                       "请确认其中没有不宜公开的内容")


def _value_of(text: str, key: str) -> str:
    """The value of a property block (custom properties read ``名称：值``)."""
    if key.startswith("custom:"):
        name = key[len("custom:"):]
        if text.startswith(name + "："):
            return text[len(name) + 1:]
    return text
