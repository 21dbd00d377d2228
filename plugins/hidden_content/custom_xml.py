"""``custom_xml``: data an OA system or a template stores in the package and no page shows —
``customXml/item*.xml`` (文号, 密级, 拟稿人, 审批意见 …) and document variables
(``w:docVar`` in ``settings.xml``). Severity ``review``; the text of the finding is the whole item
(``name: value`` lines, as the reader gives them); the explanation lists its fields.

Not findings: an item whose lines only name a style or a schema (the empty bibliography item
Word and python-docx put in every document; SharePoint content-type schemas) and bookkeeping
variables (WPS ``commondata``): lexicons ``hidden_values`` (``custom_xml_ignore``,
``custom_xml_schema``) and ``hidden_metadata_keys`` (``tool``).
"""

from __future__ import annotations

from screening import Category, Severity, __version__

from .common import Keys, Values, whole_block


class CustomXmlDetector:
    name = "hidden_content.custom_xml"
    version = __version__
    category = Category.HIDDEN_CONTENT

    def detect(self, document, config):
        keys = values = None
        for block in document.parts("metadata"):
            key = block.label
            if key.startswith("customXml:"):
                values = values or Values(config)
                fields = _fields(block.text, values)
                if not fields:
                    continue
                yield whole_block(
                    self, block, kind="custom_xml", severity=Severity.REVIEW, config=config,
                    explanation=f"自定义 XML 数据（{block.source or key}）保存了 {len(fields)} 项"
                                f"信息：{_summary(fields)}。这些信息不在页面上显示，但随文件公开；"
                                "请确认后清除（检查文档 → 自定义 XML 数据）")
            elif key.startswith("docVar:"):
                keys = keys or Keys(config)
                if keys.kind(key) == "tool":
                    continue
                name = key[len("docVar:"):]
                yield whole_block(
                    self, block, kind="custom_xml", severity=Severity.REVIEW, config=config,
                    explanation=f"文档变量“{name}”（多由 OA 系统或模板写入）不在页面上显示，"
                                "但随文件公开；请确认后清除")


def _fields(text: str, values: Values) -> list[str]:
    """The names of the fields of an item that carry a value (``name: value`` or
    ``element@attribute: value`` lines), without style and schema lines."""
    lines = [line for line in text.splitlines() if line.strip()]
    if lines and values.has("custom_xml_schema", lines[0].split("@", 1)[0].split(":", 1)[0]):
        return []
    fields = []
    for line in lines:
        name, sep, value = line.partition(": ")
        if not sep or not value.strip() or values.has("custom_xml_ignore", name):
            continue
        fields.append(name.split("@", 1)[-1])
    return fields


def _summary(fields: list[str], limit: int = 6) -> str:
    unique = list(dict.fromkeys(fields))
    shown = "、".join(unique[:limit])
    return shown + (f" 等 {len(unique)} 项" if len(unique) > limit else "")
