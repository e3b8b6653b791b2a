"""Why a file could not be imported, in the interface's language.

The core states its reasons in plain English (``ImportFailure.reason``), because the command
line prints them and tests match them; the window's import report shows them in Chinese
through these translatable templates.  A template's groups (a number, a file's suffix, a
nested reason) are carried over, themselves translated when a phrase or template knows
them.  In the English interface, and for a reason no template knows, the core's own words
are shown as they are: a reason is never dropped.
"""
from __future__ import annotations

import re

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from reader.ui.pattern_text import fill

_N = "ImportReasons"  # the translation context (spelled out below too: lupdate reads literals)

#: Fixed wordings that appear as parts of reasons: kinds of file, codecs, operating-system errors.
_PHRASES = {
    "a PDF document": QT_TRANSLATE_NOOP("ImportReasons", "一个 PDF 文档"),
    "a zip archive (e.g. .docx, .xlsx)": QT_TRANSLATE_NOOP("ImportReasons", "一个 zip 压缩包（如 .docx、.xlsx）"),
    "an old Office document (e.g. .doc, .xls)": QT_TRANSLATE_NOOP("ImportReasons", "一个旧版 Office 文档（如 .doc、.xls）"),
    "a PNG image": QT_TRANSLATE_NOOP("ImportReasons", "一张 PNG 图片"),
    "a JPEG image": QT_TRANSLATE_NOOP("ImportReasons", "一张 JPEG 图片"),
    "a GIF image": QT_TRANSLATE_NOOP("ImportReasons", "一张 GIF 图片"),
    "a gzip archive": QT_TRANSLATE_NOOP("ImportReasons", "一个 gzip 压缩包"),
    "an RTF document": QT_TRANSLATE_NOOP("ImportReasons", "一个 RTF 文档"),
    "an Excel workbook": QT_TRANSLATE_NOOP("ImportReasons", "一个 Excel 工作簿"),
    "a PowerPoint file": QT_TRANSLATE_NOOP("ImportReasons", "一个 PowerPoint 文件"),
    "a Word template": QT_TRANSLATE_NOOP("ImportReasons", "一个 Word 模板"),
    "a macro-enabled Word document": QT_TRANSLATE_NOOP("ImportReasons", "一个启用宏的 Word 文档"),
    "UTF-8 or GB18030/GBK": QT_TRANSLATE_NOOP("ImportReasons", "UTF-8 或 GB18030/GBK"),
    "truncated data": QT_TRANSLATE_NOOP("ImportReasons", "数据不完整"),
    "illegal encoding": QT_TRANSLATE_NOOP("ImportReasons", "非法编码"),
    "illegal UTF-16 surrogate": QT_TRANSLATE_NOOP("ImportReasons", "非法的 UTF-16 代理项"),
    "code point not in range(0x110000)": QT_TRANSLATE_NOOP("ImportReasons", "码位超出 Unicode 范围"),
    "embedded null byte": QT_TRANSLATE_NOOP("ImportReasons", "含有 NUL 字符"),
    "no document body": QT_TRANSLATE_NOOP("ImportReasons", "没有文档正文"),
    "Document is empty": QT_TRANSLATE_NOOP("ImportReasons", "文档是空的"),
    "Permission denied": QT_TRANSLATE_NOOP("ImportReasons", "没有访问权限"),
    "No such file or directory": QT_TRANSLATE_NOOP("ImportReasons", "文件或文件夹不存在"),
    "Not a directory": QT_TRANSLATE_NOOP("ImportReasons", "路径中有一段不是文件夹"),
    "Is a directory": QT_TRANSLATE_NOOP("ImportReasons", "这是一个文件夹"),
    "File name too long": QT_TRANSLATE_NOOP("ImportReasons", "文件名太长"),
    "Too many levels of symbolic links": QT_TRANSLATE_NOOP("ImportReasons", "符号链接层级过多"),
    "Input/output error": QT_TRANSLATE_NOOP("ImportReasons", "读写错误（磁盘或网络故障）"),
    "Operation not permitted": QT_TRANSLATE_NOOP("ImportReasons", "不允许的操作"),
}

_EMPTY = QT_TRANSLATE_NOOP("ImportReasons", "文件是空的")

# (pattern, translatable template with {0}… for the groups) — the source strings are Chinese
_TEMPLATES: list[tuple[re.Pattern[str], str]] = [(re.compile(p, re.S), t) for p, t in (
    # reading the file (reader/core/importers/files.py, discover.py, __init__.py)
    (r"file not found", QT_TRANSLATE_NOOP("ImportReasons", "找不到文件")),
    (r"file is empty", _EMPTY),
    (r"cannot read file \((.+)\)", QT_TRANSLATE_NOOP("ImportReasons", "无法读取文件（{0}）")),
    (r"cannot read folder \((.+)\)", QT_TRANSLATE_NOOP("ImportReasons", "无法读取文件夹（{0}）")),
    (r"invalid file name \((.+)\)", QT_TRANSLATE_NOOP("ImportReasons", "文件名无效（{0}）")),
    (r"is a directory", QT_TRANSLATE_NOOP("ImportReasons", "这是文件夹，不是文件")),
    (r"not a regular file", QT_TRANSLATE_NOOP("ImportReasons", "不是普通文件（可能是管道或设备）")),
    (r"file is too large \((\d+) MB; at most (\d+) MB\)",
     QT_TRANSLATE_NOOP("ImportReasons", "文件太大（{0} MB，最多 {1} MB）")),
    (r"unsupported format '(.*)' \(supported: (.+)\)",
     QT_TRANSLATE_NOOP("ImportReasons", "不支持的格式 '{0}'（支持：{1}）")),
    (r"old \.doc format is not supported; save as \.docx",
     QT_TRANSLATE_NOOP("ImportReasons", "不支持旧版 .doc 格式；请在 Word 中另存为 .docx")),
    (r"no document found in the file", QT_TRANSLATE_NOOP("ImportReasons", "文件中没有找到法规文件")),
    # text (txt.py)
    (r"binary file, not text \(looks like (.+)\)",
     QT_TRANSLATE_NOOP("ImportReasons", "不是文本文件（看起来是{0}）")),
    (r"binary file, not text: contains NUL bytes; if it is UTF-16 text, save it with a BOM",
     QT_TRANSLATE_NOOP("ImportReasons", "不是文本文件（含有 NUL 字节；如果是 UTF-16 文本，请带 BOM 保存）")),
    (r"binary file, not text: (\d+) control characters",
     QT_TRANSLATE_NOOP("ImportReasons", "不是文本文件（含有 {0} 个控制字符）")),
    (r"binary file, not text", QT_TRANSLATE_NOOP("ImportReasons", "不是文本文件")),
    (r"cannot decode text: not valid (.+), first bad byte at (\d+); save it as UTF-8",
     QT_TRANSLATE_NOOP("ImportReasons", "无法解码文本：不是有效的 {0} 编码（第一个错误字节在第 {1} 字节）；请另存为 UTF-8")),
    (r"cannot decode text: not valid (.+); save it as UTF-8",
     QT_TRANSLATE_NOOP("ImportReasons", "无法解码文本：不是有效的 {0} 编码；请另存为 UTF-8")),
    (r"not valid (\S+) text despite its byte-order mark \((.+) at byte (\d+)\)",
     QT_TRANSLATE_NOOP("ImportReasons", "虽有字节顺序标记（BOM），却不是有效的 {0} 文本（第 {2} 字节：{1}）")),
    # Word (docx.py)
    (r"document contains no text", QT_TRANSLATE_NOOP("ImportReasons", "文档中没有文字")),
    (r"not a valid \.docx file \(unpacks to over (\d+) MB: a zip bomb\?\)",
     QT_TRANSLATE_NOOP("ImportReasons", "不是有效的 .docx 文件（解压后超过 {0} MB，可能是压缩炸弹）")),
    (r"not a valid \.docx file \(not a zip archive\)",
     QT_TRANSLATE_NOOP("ImportReasons", "不是有效的 .docx 文件（不是 zip 压缩包）")),
    (r"the document is password-protected; remove the password in Word and save again",
     QT_TRANSLATE_NOOP("ImportReasons", "文档设有密码；请在 Word 中取消密码后重新保存")),
    (r"not a Word document \(no document part in the archive\)",
     QT_TRANSLATE_NOOP("ImportReasons", "不是 Word 文档（压缩包中没有文档正文部件）")),
    (r"not a Word document \(content type (.+)\)",
     QT_TRANSLATE_NOOP("ImportReasons", "不是 Word 文档（内容类型为 {0}）")),
    (r"not a Word document but (.+); save it as a \.docx document",
     QT_TRANSLATE_NOOP("ImportReasons", "不是 Word 文档，而是{0}；请另存为 .docx 文档")),
    (r"corrupt \.docx file \((.+)\)", QT_TRANSLATE_NOOP("ImportReasons", "损坏的 .docx 文件（{0}）")),
    (r"Strict Open XML \.docx is not supported; save as a regular Word document \(\.docx\)",
     QT_TRANSLATE_NOOP("ImportReasons", "不支持 Strict Open XML 格式的 .docx；请另存为普通 Word 文档（.docx）")),
    (r"an imported part \(altChunk\) is missing from the document",
     QT_TRANSLATE_NOOP("ImportReasons", "文档中缺少一个嵌入的部件（altChunk）")),
    (r"an imported part (\S+) \((.+)\) is not text and was left out",
     QT_TRANSLATE_NOOP("ImportReasons", "嵌入的部件 {0}（{1}）不是文字，未导入")),
    (r"an imported part (\S+) was left out: (.+)",
     QT_TRANSLATE_NOOP("ImportReasons", "嵌入的部件 {0} 未导入：{1}")),
    # PDF (pdf_guard.py, pdf.py)
    (r"not a PDF file \(no %PDF header\)", QT_TRANSLATE_NOOP("ImportReasons", "不是 PDF 文件（没有 %PDF 文件头）")),
    (r"damaged or truncated PDF \(the file is cut short: no end-of-file marker\); download or copy it again",
     QT_TRANSLATE_NOOP("ImportReasons", "PDF 文件损坏或不完整（文件被截断，没有文件结束标记）；请重新下载或复制")),
    (r"PDF too large: its compressed streams expand to over (\d+) MB; split it or save a smaller copy",
     QT_TRANSLATE_NOOP("ImportReasons", "PDF 太大：压缩的内容解压后超过 {0} MB；请拆分或另存一个较小的副本")),
    (r"the PDF is password-protected; open it with the password and save an unprotected copy",
     QT_TRANSLATE_NOOP("ImportReasons", "PDF 设有密码；请用密码打开后另存一个不加密的副本")),
    (r"the PDF uses an unsupported encryption scheme; save an unprotected copy",
     QT_TRANSLATE_NOOP("ImportReasons", "PDF 使用了不支持的加密方式；请另存一个不加密的副本")),
    (r"damaged PDF \(it cannot be opened: no readable pages\); download or copy it again",
     QT_TRANSLATE_NOOP("ImportReasons", "PDF 文件损坏（无法打开，没有可读的页面）；请重新下载或复制")),
    (r"PDF has too many pages \((\d+); at most (\d+)\)",
     QT_TRANSLATE_NOOP("ImportReasons", "PDF 页数太多（{0} 页，最多 {1} 页）")),
    (r"scanned PDF without a text layer \((\d+) pages\); run OCR first",
     QT_TRANSLATE_NOOP("ImportReasons", "扫描版 PDF，没有文字层（{0} 页）；请先做文字识别（OCR）")),
    (r"PDF contains no text \((\d+) empty pages\)",
     QT_TRANSLATE_NOOP("ImportReasons", "PDF 中没有文字（{0} 个空白页）")),
    (r"PDF contains no text besides page headers, footers and contents",
     QT_TRANSLATE_NOOP("ImportReasons", "PDF 中除页眉、页脚和目录外没有文字")),
    (r"damaged PDF \(page (\d+) cannot be read\)", QT_TRANSLATE_NOOP("ImportReasons", "PDF 文件损坏（第 {0} 页无法读取）")),
    # web pages (html.py, mhtml.py)
    (r"the web page has no body text \(only navigation, metadata or images\)",
     QT_TRANSLATE_NOOP("ImportReasons", "网页没有正文（只有导航、元数据或图片）")),
    (r"not a readable web page \((.+)\)", QT_TRANSLATE_NOOP("ImportReasons", "无法读取的网页（{0}）")),
    (r"the web archive holds no web page \(no text/html part\)",
     QT_TRANSLATE_NOOP("ImportReasons", "网页存档中没有网页（没有 text/html 部分）")),
    (r"the web archive's page is empty", QT_TRANSLATE_NOOP("ImportReasons", "网页存档中的网页是空的")),
)]

#: A list of file suffixes (".txt, .md, .docx"), listed with the interface's separator.
_SUFFIXES = re.compile(r"\.\w+(?:, \.\w+)+")
_LIST_SEPARATOR = QT_TRANSLATE_NOOP("ImportReasons", "、")

def translate(reason: str) -> str:
    """``reason`` (as the core wrote it) in the interface's language."""
    if QCoreApplication.translate(_N, _EMPTY) != _EMPTY:
        return reason  # another language's catalogue is installed: the core's own (English) words
    return _worded(reason)


def _worded(text: str) -> str:
    """A whole reason or a part of one: a fixed phrase, a template's wording, or as it is."""
    if text in _PHRASES:
        return QCoreApplication.translate(_N, _PHRASES[text])
    if _SUFFIXES.fullmatch(text):
        return QCoreApplication.translate(_N, _LIST_SEPARATOR).join(text.split(", "))
    filled = fill(_TEMPLATES, _N, text, _worded)
    return text if filled is None else filled
