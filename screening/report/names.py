"""Words for people, in Chinese and English: the ONE table of names every human-readable report
(terminal text, HTML, CSV) uses.

Each entry is a ``(zh, en)`` pair. Lookups never fail: an unknown kind or code (a third-party
plugin's) is shown as its identifier, so a new detector is reported before anyone names it here.

* :data:`CATEGORIES`, :data:`KINDS` — what was found (``classification_mark`` → 密级等标志).
* :data:`SEVERITIES`, :data:`VERDICTS` — how serious it is, and the document's verdict.
* :data:`BASES` — the legal ground with its article of 《政府信息公开条例》.
* :data:`KIND_ADVICE`, :data:`CATEGORY_ADVICE` — what the drafter should do.
* :data:`ERROR_ADVICE` — what to do when a file could not be screened.
* :data:`PARTS`, :data:`FLAGS` — where in the file (used by :mod:`screening.report.where`).
"""

from __future__ import annotations

from ..model import Finding

Words = tuple[str, str]

CATEGORIES: dict[str, Words] = {
    "classification_mark": ("密级等标志", "classification marking"),
    "personal_data": ("个人信息", "personal data"),
    "trade_secret": ("商业秘密", "trade secret"),
    "restricted_info": ("内部信息", "internal information"),
    "hidden_content": ("隐藏内容", "hidden content"),
}

KINDS: dict[str, Words] = {
    # classification_mark
    "secret_level": ("密级标志", "secrecy level mark"),
    "work_secret": ("工作秘密标志", "work-secret mark"),
    "disclosure_attribute": ("公开属性标志", "disclosure attribute mark"),
    # personal_data
    "resident_id": ("身份证号码", "resident ID number"),
    "mobile_phone": ("手机号码", "mobile phone number"),
    "landline_phone": ("固定电话号码", "landline phone number"),
    "bank_card": ("银行卡号", "bank card number"),
    "email": ("电子邮箱", "e-mail address"),
    "passport": ("护照号码", "passport number"),
    "travel_permit": ("通行证号码", "travel permit number"),
    "license_plate": ("车牌号码", "licence plate"),
    "social_security": ("社会保障号码", "social security number"),
    "person_name": ("姓名", "person's name"),
    "address": ("住址", "address"),
    "special_category": ("敏感个人信息", "special-category personal data"),
    "org_code": ("统一社会信用代码", "organisation credit code"),
    # trade_secret
    "commercial_mark": ("商业秘密标志", "trade-secret mark"),
    "technical_info": ("技术信息", "technical information"),
    "business_info": ("经营信息", "business information"),
    "bid_price": ("投标报价", "bid price"),
    # restricted_info
    "internal_process": ("内部工作流程", "internal procedure"),
    "process_draft": ("过程性信息", "deliberation or draft"),
    "ongoing_case": ("未办结案件", "ongoing case"),
    "law_enforcement": ("行政执法案卷", "law-enforcement file"),
    "personnel": ("人事管理信息", "personnel information"),
    "security": ("安全保卫信息", "security information"),
    # hidden_content
    "comment": ("批注", "comment"),
    "tracked_change": ("修订痕迹", "tracked change"),
    "hidden_text": ("隐藏文字", "hidden text"),
    "white_text": ("白色文字", "white text"),
    "tiny_text": ("极小字号文字", "tiny text"),
    "covered_text": ("被遮盖的文字", "covered text"),
    "invisible_text": ("不可见文字", "invisible text"),
    "offpage_text": ("页面外文字", "off-page text"),
    "metadata": ("文档属性", "document properties"),
    "custom_xml": ("自定义 XML 数据", "custom XML data"),
    "embedded_object": ("嵌入对象", "embedded object"),
    "annotation": ("PDF 注释", "PDF annotation"),
    "attachment": ("附件", "attachment"),
    "javascript": ("脚本", "JavaScript"),
    "prior_revision": ("早期版本", "earlier revision"),
    "image_only_page": ("图片页（无文字层）", "image-only page"),
}

SEVERITIES: dict[str, Words] = {
    "block": ("阻止", "block"),
    "review": ("需审查", "review"),
    "info": ("提示", "info"),
}

VERDICTS: dict[str, Words] = {
    "pass": ("通过", "pass"),
    "review": ("需人工审查", "needs review"),
    "block": ("不得发布（阻止）", "must not be published (blocked)"),
    "error": ("无法审查", "could not be screened"),
}

_OGI = ("《政府信息公开条例》", "Regulations on Open Government Information")

#: basis value → ((zh name, en name), (zh article, en article))
BASES: dict[str, tuple[Words, Words]] = {
    "属于国家秘密": (("属于国家秘密", "state secret"), ("第十四条", "Art. 14")),
    "其他法律行政法规禁止公开": (
        ("其他法律行政法规禁止公开", "disclosure prohibited by other laws or regulations"),
        ("第十四条", "Art. 14")),
    "危及\u201c三安全一稳定\u201d": (
        ("危及\u201c三安全一稳定\u201d",
         "would endanger national, public or economic security or social stability"),
        ("第十四条", "Art. 14")),
    "保护第三方合法权益": (
        ("保护第三方合法权益", "protects a third party's lawful rights"),
        ("第十五条", "Art. 15")),
    "属于三类内部事务信息": (
        ("属于三类内部事务信息", "internal-affairs information"),
        ("第十六条第一款", "Art. 16(1)")),
    "属于四类过程性信息": (
        ("属于四类过程性信息", "process information"), ("第十六条第二款", "Art. 16(2)")),
    "属于行政执法案卷": (
        ("属于行政执法案卷", "law-enforcement case file"), ("第十六条第二款", "Art. 16(2)")),
    "属于行政查询事项": (
        ("属于行政查询事项", "administrative query matter"),
        ("第三十六条第（七）项", "Art. 36(7)")),
}

NO_BASIS: Words = ("无（如不公开，须在审查记录中写明依据）",
                   "none of its own (if withheld, the record must state the ground)")

_SANITIZE = ("处理后重新检查", "then screen the file again")

KIND_ADVICE: dict[str, Words] = {
    "secret_level": (
        "涉密文件不得公开。确已解密的，须取得解密依据（解密决定文号、保密期限届满或正式公布即解密）并记录后，去除全部密级标志再公开",
        "A classified document must not be published. If it has been declassified, record the "
        "basis (decision number, expired period, or declassified on publication) and remove "
        "every mark before publishing"),
    "work_secret": (
        "标有工作秘密或内部的文件不得公开发布。请确认标志是否已解除，否则不予公开",
        "A document marked as a work secret or internal must not be published. Confirm the "
        "marking has been lifted; otherwise do not publish it"),
    "disclosure_attribute": (
        "请核对公开属性标注与发布方式是否一致；不一致时请重新审定公开属性",
        "Check that the disclosure attribute matches how the document is to be published; "
        "if not, have the attribute decided again"),
    "resident_id": (
        "身份证号码不得公开。请删除，或按规定遮盖（如 110105********0014）；" + _SANITIZE[0],
        "Resident ID numbers must not be published. Delete or mask them "
        "(e.g. 110105********0014); " + _SANITIZE[1]),
    "bank_card": ("银行卡号不得公开，请删除或遮盖；" + _SANITIZE[0],
                  "Bank card numbers must not be published; delete or mask them; " + _SANITIZE[1]),
    "mobile_phone": (
        "个人手机号码一般不公开，请删除或遮盖为\u201c138****1234\u201d；名单中的手机号码必须处理",
        "Private mobile numbers are generally not published; delete them or mask them as "
        "\u201c138****1234\u201d; in a list of people they must be removed"),
    "landline_phone": (
        "个人住宅电话请删除或遮盖；单位公开的办公、咨询、监督电话可保留（可在配置中列为本机关号码）",
        "Delete or mask private landline numbers; an office's published numbers may stay (list "
        "them in the configuration as the office's own numbers)"),
    "passport": ("护照号码不得公开，请删除或遮盖；" + _SANITIZE[0],
                 "Passport numbers must not be published; delete or mask them; " + _SANITIZE[1]),
    "travel_permit": ("通行证号码不得公开，请删除或遮盖；" + _SANITIZE[0],
                      "Travel permit numbers must not be published; delete or mask them; "
                      + _SANITIZE[1]),
    "license_plate": (
        "与个人关联的车牌号码请删除或遮盖（如\u201c苏D4***0\u201d）；单位公务用车可保留",
        "Delete or mask licence plates linked to a person (e.g. \u201c苏D4***0\u201d); an "
        "agency's own vehicles may stay"),
    "social_security": ("社会保障卡号、医保卡号不得公开，请删除或遮盖；" + _SANITIZE[0],
                        "Social security and medical insurance card numbers must not be "
                        "published; delete or mask them; " + _SANITIZE[1]),
    "org_code": ("统一社会信用代码属公开登记信息，一般无需处理；个体工商户的，勿同时公开经营者身份证号等",
                 "Organisation credit codes are public registry data; for a sole trader do not "
                 "publish the owner's ID number alongside"),
    "person_name": (
        "确认公开姓名有依据（如公示、处罚决定）；否则删除或遮盖为\u201c张*\u201d",
        "Confirm there is a ground to publish the name (a public notice, a penalty decision); "
        "otherwise delete it or mask it as \u201c张*\u201d"),
    "special_category": (
        "健康、残疾、救助、未成年人等敏感个人信息一般不得公开，请删除或取得本人书面同意",
        "Health, disability, welfare or minors' data is generally not published; delete it or "
        "obtain the person's written consent"),
    "commercial_mark": (
        "标有商业秘密的内容不得公开，须征求权利人意见（条例第三十二条）或删除",
        "Content marked as a trade secret must not be published; consult the owner in writing "
        "(Art. 32) or delete it"),
    "bid_price": (
        "投标报价属商业秘密，仅公开规定须公开的中标信息，其余删除",
        "Bid prices are trade secrets; publish only the award data the rules require"),
    "ongoing_case": ("案件尚未办结，相关信息暂不公开",
                     "The case is still open; do not publish it yet"),
    "technical_info": (
        "可能属于第三方的技术秘密，须书面征求权利人意见（条例第三十二条），或删除、区分处理",
        "May be a third party's technical secret; consult the owner in writing (Art. 32), or "
        "delete it or publish the rest only"),
    "business_info": (
        "可能属于第三方的经营信息（商业秘密），须书面征求权利人意见（条例第三十二条），或删除、区分处理",
        "May be a third party's confidential business information; consult the owner in "
        "writing (Art. 32), or delete it or publish the rest only"),
    "internal_process": ("属于内部事务信息（条例第十六条第一款），可以不予公开；请删除或不公开",
                         "Internal-affairs information (Art. 16(1)) may be withheld; delete it "
                         "or do not publish"),
    "process_draft": (
        "属于讨论记录、过程稿、请示报告等过程性信息（条例第十六条第二款），请删除或待定稿后公开",
        "Process information (deliberations, drafts, requests; Art. 16(2)); delete it or "
        "publish the final version"),
    "law_enforcement": ("属于行政执法案卷信息（条例第十六条第二款），笔录、证言和举报人信息须删除",
                        "Law-enforcement file (Art. 16(2)); records of questioning, witness "
                        "statements and informants must be removed"),
    "personnel": ("考察材料、任免建议、处分建议等人事管理信息不得公开，请删除",
                  "Personnel matters (appraisals, proposed appointments or sanctions) must not "
                  "be published; delete them"),
    "security": ("可能涉及国家秘密或安全保卫事项，请报定密责任人确认；确认前不得公开",
                 "May concern a state secret or security arrangements; have the classification "
                 "officer decide before publishing"),
    "comment": (
        "删除全部批注后再发布（审阅 → 删除 → 删除文档中的所有批注）",
        "Delete all comments before publishing (Review → Delete → Delete All Comments)"),
    "tracked_change": (
        "接受或拒绝全部修订后再发布（审阅 → 接受所有修订）；删除的文字仍保存在文件中",
        "Accept or reject all tracked changes before publishing; deleted text is still in the "
        "file"),
    "hidden_text": ("隐藏文字看不见但仍在文件中，请删除后再发布",
                    "Hidden text is not shown but is still in the file; delete it"),
    "white_text": ("白色文字看不见但仍在文件中，请删除后再发布",
                   "White text is not seen but is still in the file; delete it"),
    "tiny_text": ("极小字号的文字仍在文件中，请删除后再发布",
                  "Tiny text is still in the file; delete it"),
    "covered_text": (
        "被遮盖的文字并未删除，复制即可得到原文；须真正删除文字后重新生成文件",
        "Covered text was not removed and can be copied out; really delete it and export again"),
    "invisible_text": (
        "不可见模式的文字仍可复制、搜索，请在原文件中删除后重新导出 PDF",
        "Invisible text can still be copied and searched; delete it in the source file and "
        "export the PDF again"),
    "offpage_text": (
        "页面可见区域外的文字仍在文件中，请在原文件中删除后重新导出 PDF",
        "Text outside the visible page is still in the file; delete it in the source file and "
        "export the PDF again"),
    "custom_xml": (
        "自定义 XML 数据和文档变量（OA 字段等）会随文件公开，请清除（文件 → 信息 → 检查文档）",
        "Custom XML data and document variables (OA fields) travel with the file; remove them "
        "(File → Info → Inspect Document)"),
    "embedded_object": (
        "嵌入的对象打开文件即可取出；确认可以公开，否则删除该对象后另存",
        "An embedded object can be taken out of the file; confirm it may be published, or "
        "delete it and save again"),
    "annotation": (
        "PDF 注释随文件公开，请删除全部注释后重新导出",
        "PDF annotations travel with the file; delete them and export again"),
    "attachment": (
        "PDF 附件打开即可取出；确认可以公开，否则删除附件后重新导出",
        "A PDF attachment can be taken out of the file; confirm it may be published, or remove "
        "it and export again"),
    "metadata": (
        "文档属性（作者、标题、备注等）会随文件公开，请清除（文件 → 信息 → 检查文档）",
        "Document properties (author, title, comments) travel with the file; remove them "
        "(File → Info → Inspect Document)"),
    "prior_revision": ("PDF 保存了早期版本，请重新完整导出 PDF",
                       "The PDF keeps an earlier revision; export a fresh PDF"),
    "javascript": ("PDF 含脚本，请重新导出为不含脚本的 PDF",
                   "The PDF contains scripts; export it again without them"),
    "image_only_page": ("该页为图片，请人工核对其内容",
                        "This page is an image; check its content by eye"),
}

CATEGORY_ADVICE: dict[str, Words] = {
    "classification_mark": (
        "带有密级或限制公开标志的文件不得按原样公开，请核实标志和审定结果",
        "A document with a secrecy or restriction mark must not be published as it is; check "
        "the mark and the decision"),
    "personal_data": (
        "公开个人信息须有依据；没有依据的请删除或遮盖，" + _SANITIZE[0],
        "Publishing personal data needs a ground; otherwise delete or mask it; " + _SANITIZE[1]),
    "trade_secret": (
        "可能涉及第三方商业秘密，须征求第三方意见（条例第三十二条）或删除",
        "May be a third party's trade secret; consult the third party (Art. 32) or delete it"),
    "restricted_info": (
        "属于内部事务或过程性信息的，一般不主动公开；请确认后删除或不予公开",
        "Internal-affairs or process information is generally not published; confirm and "
        "delete it or withhold the document"),
    "hidden_content": (
        "文件中有看不见但仍保存着的内容，请删除后另存；" + _SANITIZE[0],
        "The file carries content that is not shown; remove it and save again; " + _SANITIZE[1]),
}

#: error code → (what it means, what to do). Readers may add codes; see :func:`error_advice`.
ERROR_ADVICE: dict[str, Words] = {
    "not_found": ("请核对路径和文件名（含空格的文件名须加引号）",
                  "Check the path and the file name (quote names with spaces)"),
    "empty": ("请确认选择了正确的文件", "Check that you picked the right file"),
    "is_directory": ("检查文件夹请用 `screen batch 文件夹`",
                     "Use `screen batch FOLDER` for a folder"),
    "encrypted": ("请提供未加密（无打开密码）的文件",
                  "Provide the file without encryption or password"),
    "legacy_office": ("请在 Word 或 WPS 中打开，另存为 .docx 后再检查",
                      "Open it in Word or WPS, save it as .docx and screen it again"),
    "unsupported_zip": ("请解压，或另存为 .docx 后分别检查其中的文件",
                        "Unpack it, or save it as .docx, and screen the files inside"),
    "unsupported_format": ("请提供 .docx、.pdf 或文本文件；其他格式请先转换",
                           "Provide a .docx, .pdf or text file; convert other formats first"),
    "limit": (
        "文件可能已损坏或含恶意结构，已拒绝读取。请从原始来源重新获取；如确为正常的大文件，请管理员调整"
        " screening.toml 的 [limits]",
        "The file may be damaged or crafted to attack readers and was refused. Get it again from "
        "its source; if it is a genuine large file, ask the administrator to raise [limits]"),
    "plugin_error": (
        "检测插件出错，本文件未完成审查。请将此信息报告管理员"
        "（`screen plugins` 可查看已加载的插件）",
        "A detector plugin failed and the file was not screened completely. Report this to the "
        "administrator (`screen plugins` lists what is loaded)"),
    "internal": ("程序内部错误，本文件未完成审查。请将此信息报告管理员",
                 "Internal error; the file was not screened completely. Report it"),
    "incomplete": ("未能读取的部分须人工检查，或修复文件（另存一份）后重新检查",
                   "Check the unread parts by eye, or repair the file (save a new copy) and retry"),
    "corrupt": ("请从原始来源重新获取，或在 Word/WPS 中打开并重新保存后再检查",
                "Get the file again from its source, or open and re-save it in Word/WPS"),
    "damaged": ("请从原始系统重新导出或重新下载后再检查",
                "Export or download the file again and retry"),
    "encoding": ("请用记事本或 WPS 另存为 UTF-8 编码的文本后再检查",
                 "Save the text as UTF-8 and retry"),
    "unreadable": ("文件可能已损坏。请用 Word/WPS 打开后另存一份，再检查",
                   "The file may be damaged. Open it in Word/WPS, save a new copy and retry"),
    # screen sanitize
    "same_file": ("原文件不得修改：请用 -o 指定另一个文件名",
                  "The original is never modified: give another file name with -o"),
    "bad_output": ("请给出已存在的文件夹中的一个文件名作为 -o",
                   "Give a file name in an existing folder as -o"),
    "changed": ("文件在检查过程中被改动，请关闭正在编辑它的程序后重新执行",
                "The file changed while it was processed; close the program editing it and retry"),
    "bad_basis": ("解密依据须为解密决定文号或日期、“保密期限届满”或“正式公布即解密”",
                  "The declassification basis must be a decision number or date, "
                  "保密期限届满 (period expired) or 正式公布即解密 (declassified on publication)"),
    "bad_plan_file": ("处理方案文件格式有误，请用 `screen sanitize --plan --format json` 生成后修改",
                      "The plan file is invalid; make one with `screen sanitize --plan --format "
                      "json` and edit it"),
    "no_document": ("文件未能检查，无法生成处理方案；请先用 `screen 文件` 查看原因",
                    "The file could not be screened, so there is no plan; run `screen FILE` to "
                    "see why"),
    "signed_pdf": ("该 PDF 带有电子签名或签章，修改会使签名失效：请对未签名的版本处理后重新签章",
                   "The PDF is signed and any change breaks the signature: sanitize the unsigned "
                   "version and sign it again"),
    "ambiguous_part": ("文件结构异常（部件重复或引用不明），未写出副本。请在 Word/WPS 中另存后重试",
                       "The file's structure is ambiguous (duplicate or unclear parts); nothing "
                       "was written. Re-save it in Word/WPS and retry"),
    "unreadable_part": ("文件中有部件无法读取，未写出副本。请在 Word/WPS 中另存后重试",
                        "A part of the file cannot be read; nothing was written. Re-save it in "
                        "Word/WPS and retry"),
    "write_failed": ("副本无法写出：请检查输出文件夹是否可写、磁盘空间是否足够",
                     "The copy could not be written: check that the output folder is writable "
                     "and the disk has space"),
}

_ERROR_ALIASES = (
    (("encrypt", "password"), "encrypted"),
    (("limit", "too_large", "too_many", "bomb", "ratio", "timeout", "memory", "depth"), "limit"),
    (("legacy", "ole"), "legacy_office"),
    (("unsupported",), "unsupported_format"),
    (("plugin", "detector"), "plugin_error"),
)

PARTS: dict[str, Words] = {
    "body": ("正文", "body"), "table": ("表格", "table"), "header": ("页眉", "header"),
    "footer": ("页脚", "footer"), "footnote": ("脚注", "footnote"), "endnote": ("尾注", "endnote"),
    "comment": ("批注", "comment"), "revision": ("修订", "tracked change"),
    "textbox": ("文本框", "text box"), "hidden": ("隐藏文字", "hidden text"),
    "metadata": ("文档属性", "document properties"), "page": ("页面", "page"),
    "annotation": ("注释", "annotation"), "attachment": ("附件", "attachment"),
    "filename": ("文件名", "file name"),
}

FLAGS: dict[str, Words] = {
    "hidden": ("隐藏", "hidden"), "white": ("白色文字", "white"), "tiny": ("极小字号", "tiny"),
    "covered": ("被遮盖", "covered"), "deleted": ("删除的文字", "deleted text"),
    "inserted": ("插入的文字", "inserted text"), "moved": ("移动的文字", "moved text"),
    "offpage": ("页面外", "off the page"), "invisible": ("不可见", "invisible"),
    "field_code": ("域代码", "field code"), "alt_text": ("图片替代文字", "image alt text"),
    "custom_xml": ("自定义 XML", "custom XML"), "watermark": ("水印", "watermark"),
    "image_only": ("仅有图片", "image only"), "embedded": ("嵌入对象", "embedded object"),
    "attachment_text": ("附件中的文字", "text inside an attachment"),
    "javascript": ("脚本", "script"), "prior_revision": ("早期版本", "earlier revision"),
    "layer_hidden": ("隐藏图层", "hidden layer"),
}


def pick(words: Words, lang: str) -> str:
    return words[1] if lang == "en" else words[0]


def _lookup(table: dict[str, Words], key: str, lang: str) -> str:
    words = table.get(key)
    return pick(words, lang) if words else key


def category_name(category: str, lang: str = "zh") -> str:
    return _lookup(CATEGORIES, category, lang)


def kind_name(kind: str, lang: str = "zh") -> str:
    return _lookup(KINDS, kind, lang)


def severity_word(severity: str, lang: str = "zh") -> str:
    return _lookup(SEVERITIES, severity, lang)


def verdict_word(verdict: str, lang: str = "zh") -> str:
    return _lookup(VERDICTS, verdict, lang)


def part_name(part: str, lang: str = "zh") -> str:
    return _lookup(PARTS, part, lang)


def flag_word(flag: str, lang: str = "zh") -> str:
    return _lookup(FLAGS, flag, lang)


def basis_words(basis: str, lang: str = "zh") -> str:
    """``属于国家秘密 — 《政府信息公开条例》第十四条``; English keeps the Chinese category name
    (it is the term of the annual disclosure report)."""
    if not basis:
        return pick(NO_BASIS, lang)
    entry = BASES.get(basis)
    if entry is None:
        return basis
    name, article = entry
    if lang == "en":
        return f"{name[1]} ({basis}) — {_OGI[1]}, {article[1]}"
    return f"{basis} — {_OGI[0]}{article[0]}"


def advice(finding: Finding, lang: str = "zh") -> str:
    """What the drafter should do about ``finding``: per kind, else per category."""
    if finding.kind == "disclosure_attribute":
        special = _disclosure_advice(finding.text)
        if special:
            return pick(special, lang)
    words = KIND_ADVICE.get(finding.kind) or CATEGORY_ADVICE.get(finding.category.value)
    if words is None:
        return "请人工核对" if lang != "en" else "Check it by eye"
    return pick(words, lang)


def _disclosure_advice(text: str) -> Words | None:
    if "不予公开" in text or "免于公开" in text or "不公开" in text:
        return ("此件标注为不予公开，不能按主动公开发布，请重新审定公开属性",
                "This document is marked as not to be disclosed; it cannot be published "
                "proactively. Have its disclosure attribute decided again")
    if "依申请公开" in text:
        return ("此件标注为依申请公开，不能按主动公开发布；如需主动公开，请重新审定公开属性",
                "This document is marked for disclosure on request only; to publish it "
                "proactively, have its disclosure attribute decided again")
    return None


def error_advice(code: str, lang: str = "zh") -> str:
    """What to do about an error ``code`` (exact code first, then by the words in it)."""
    words = ERROR_ADVICE.get(code)
    if words is None:
        lowered = code.lower()
        for needles, alias in _ERROR_ALIASES:
            if any(n in lowered for n in needles):
                words = ERROR_ADVICE[alias]
                break
        else:
            words = ERROR_ADVICE["unreadable"]
    return pick(words, lang)
