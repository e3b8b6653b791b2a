"""Page, fonts and styles after GB/T 9704 (党政机关公文格式), set on a python-docx Document.

A4, margins 37/35/28/26 mm; title 小标宋 二号 (22 pt); body 仿宋 三号 (16 pt) at a fixed
28 pt line pitch; headings 黑体 / 楷体 / 仿宋 bold by level; page numbers "— 1 —".
Every style and every run names its East Asian font (``w:eastAsia``): python-docx's
``font.name`` sets only the Latin ones, and Word then shows Chinese in the theme font.
Fonts an ordinary Windows/Office lacks (方正小标宋简体, 仿宋_GB2312, 楷体_GB2312) are
listed in the font table with an ``altName`` that every Chinese Office has (宋体, 仿宋, 楷体).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from docx.document import Document as DocxDocument
from docx.enum.section import WD_SECTION
from docx.oxml.ns import nsdecls, qn
from docx.oxml.parser import parse_xml
from docx.shared import Mm
from lxml import etree

from reader.export import ooxml

# Style ids (the names Word shows are in _STYLES).
BODY = "RRBody"  # 正文: first line indented two characters
PLAIN = "Normal"
META = "RRMeta"  # the metadata line under a document title
FRONT = "RRFront"  # front matter (令 / 印发通知) before the body
REVIEW = "RRReview"  # 审阅意见 paragraphs
NOTE = "RRNote"  # footnotes (① …) of the source
TABLE_TEXT = "RRTableText"
COVER_LINE = "RRCoverLine"
CAPTION = "RRCaption"  # "收录文件", "目录" and appendix captions
CITATION = "RRCitation"  # character style: citation text of an out-of-brief reference
HYPERLINK = "Hyperlink"
TITLE = "Title"
TOC_STYLES = ("TOC1", "TOC2", "TOC3")
PT = 20  # twips per point


@dataclass(frozen=True)
class Typography:
    """Fonts and sizes.  Defaults follow GB/T 9704; change them for house styles."""

    title: str = "方正小标宋简体"
    body: str = "仿宋_GB2312"
    heading: str = "黑体"  # 一级标题, 章, 编
    subheading: str = "楷体_GB2312"  # 二级标题, 节
    latin: str = "Times New Roman"
    page_number: str = "宋体"
    title_size: float = 22  # 二号
    body_size: float = 16  # 三号
    small_size: float = 14  # 四号: notes, review paragraphs, footnotes
    table_size: float = 12  # 小四
    line_pitch: float = 28  # fixed line spacing of the body, points
    #: fonts that may be missing → names every Chinese Windows/Office has
    fallbacks: dict[str, str] = field(default_factory=lambda: {
        "方正小标宋简体": "宋体,SimSun",
        "方正小标宋_GBK": "宋体,SimSun",
        "仿宋_GB2312": "仿宋,FangSong",
        "楷体_GB2312": "楷体,KaiTi",
        "黑体": "SimHei",
        "仿宋": "FangSong",
        "楷体": "KaiTi",
        "宋体": "SimSun",
    })

    def twips(self, points: float) -> str:
        return str(round(points * PT))

    @property
    def indent2(self) -> str:
        """Two body characters, in twips."""
        return self.twips(2 * self.body_size)


DEFAULT_TYPOGRAPHY = Typography()


def _rfonts(font: str, t: Typography) -> str:
    return (f'<w:rFonts w:ascii="{t.latin}" w:hAnsi="{t.latin}" w:eastAsia="{font}" '
            f'w:cs="{t.latin}"/>')


def _size(points: float) -> str:
    half = round(points * 2)
    return f'<w:sz w:val="{half}"/><w:szCs w:val="{half}"/>'


def _pstyle(sid: str, name: str, t: Typography, *, font: str, size: float, based: str | None = "Normal",
            ppr: str = "", bold: bool = False, colour: str = "000000", outline: int | None = None,
            extra: str = "") -> str:
    outline_xml = f'<w:outlineLvl w:val="{outline}"/>' if outline is not None else ""
    return (
        f'<w:style w:type="paragraph"{_DEFAULT if sid == "Normal" else ""} '
        f'w:customStyle="{0 if sid in _BUILTIN else 1}" w:styleId="{sid}">'
        f'<w:name w:val="{name}"/>'
        + (f'<w:basedOn w:val="{based}"/>' if based else "")
        + f'<w:next w:val="{BODY if outline is not None else sid}"/>'
        + extra
        + f"<w:pPr>{ppr}{outline_xml}</w:pPr>"
        + f"<w:rPr>{_rfonts(font, t)}{'<w:b/><w:bCs/>' if bold else ''}"
        f'<w:color w:val="{colour}"/>{_size(size)}</w:rPr></w:style>'
    )


_DEFAULT = ' w:default="1"'
_BUILTIN = {"Normal", "Title", "Heading1", "Heading2", "Heading3", "Heading4", "Heading5",
            "Heading6", "Heading7", "Heading8", "Heading9", "TOC1", "TOC2", "TOC3", "Hyperlink",
            "CommentText", "CommentReference", "Footer", "Header"}


def _styles_xml(t: Typography, text_width: int) -> list[str]:
    line = f'<w:spacing w:before="0" w:after="0" w:line="{t.twips(t.line_pitch)}" w:lineRule="exact"/>'
    indent = f'<w:ind w:firstLineChars="200" w:firstLine="{t.indent2}"/>'
    centred = '<w:jc w:val="center"/>'
    keep = "<w:keepNext/><w:keepLines/>"
    sm = t.small_size
    heading_font = [t.title, t.heading, t.subheading, t.body]
    styles = [
        _pstyle("Normal", "Normal", t, font=t.body, size=t.body_size, based=None,
                ppr=f'<w:widowControl/>{line}<w:jc w:val="both"/>',
                extra='<w:qFormat/>'),
        _pstyle(BODY, "正文缩进", t, font=t.body, size=t.body_size, ppr=indent, extra="<w:qFormat/>"),
        _pstyle(TITLE, "Title", t, font=t.title, size=t.title_size,
                ppr=f'{keep}<w:spacing w:before="{t.twips(24)}" w:after="{t.twips(12)}" '
                    f'w:line="{t.twips(t.title_size * 1.6)}" w:lineRule="exact"/>{centred}',
                extra="<w:qFormat/>"),
        _pstyle(META, "文件信息", t, font=t.subheading, size=sm,
                ppr=f'<w:spacing w:before="0" w:after="{t.twips(14)}" w:line="{t.twips(sm * 1.6)}" '
                    f'w:lineRule="exact"/>{centred}'),
        _pstyle(FRONT, "发布文字", t, font=t.subheading, size=sm, colour="404040",
                ppr=f'<w:spacing w:line="{t.twips(sm * 1.7)}" w:lineRule="exact"/>'
                    f'<w:ind w:firstLineChars="200" w:firstLine="{t.twips(2 * sm)}"/>'),
        _pstyle(REVIEW, "审阅意见", t, font=t.subheading, size=sm, colour="7B3F00",
                ppr=('<w:pBdr><w:left w:val="single" w:sz="18" w:space="6" w:color="C0504D"/></w:pBdr>'
                     '<w:shd w:val="clear" w:color="auto" w:fill="FBF3EA"/>'
                     f'<w:spacing w:before="{t.twips(3)}" w:after="{t.twips(3)}" '
                     f'w:line="{t.twips(sm * 1.5)}" w:lineRule="exact"/>'
                     f'<w:ind w:left="{t.indent2}" w:right="{t.twips(sm)}"/>')),
        _pstyle(NOTE, "注释", t, font=t.body, size=sm,
                ppr=f'<w:spacing w:line="{t.twips(sm * 1.6)}" w:lineRule="exact"/>'
                    f'<w:ind w:firstLineChars="200" w:firstLine="{t.twips(2 * sm)}"/>'),
        _pstyle(TABLE_TEXT, "表格文字", t, font=t.body, size=t.table_size,
                ppr='<w:spacing w:before="40" w:after="40" w:line="276" w:lineRule="auto"/>'
                    '<w:jc w:val="left"/>'),
        _pstyle(COVER_LINE, "封面信息", t, font=t.subheading, size=t.body_size,
                ppr=f'<w:spacing w:before="0" w:after="0" w:line="{t.twips(t.line_pitch + 4)}" '
                    f'w:lineRule="exact"/>{centred}'),
        _pstyle(CAPTION, "小标题", t, font=t.heading, size=t.body_size,
                ppr=f'{keep}<w:spacing w:before="{t.twips(18)}" w:after="{t.twips(12)}"/>{centred}'),
        _pstyle("Footer", "footer", t, font=t.page_number, size=sm,
                ppr=f'<w:spacing w:line="240" w:lineRule="auto"/>{centred}'),
        _pstyle("CommentText", "annotation text", t, font=t.body, size=10.5,
                ppr='<w:spacing w:line="240" w:lineRule="auto"/><w:jc w:val="left"/>'),
    ]
    for level in range(1, 10):
        font = heading_font[min(level, 4) - 1]
        size = t.title_size if level == 1 else t.body_size
        if level == 1:
            ppr = (f'{keep}<w:pageBreakBefore/><w:spacing w:before="0" w:after="{t.twips(6)}" '
                   f'w:line="{t.twips(t.title_size * 1.6)}" w:lineRule="exact"/>{centred}')
        else:
            ppr = (f'{keep}<w:spacing w:before="{t.twips(10)}" w:after="{t.twips(4)}" '
                   f'w:line="{t.twips(t.line_pitch)}" w:lineRule="exact"/>')
        styles.append(_pstyle(f"Heading{level}", f"heading {level}", t, font=font, size=size,
                              ppr=ppr, bold=level == 4, outline=level - 1,
                              extra="<w:uiPriority w:val=\"9\"/><w:qFormat/>"))
    for i, sid in enumerate(TOC_STYLES):
        styles.append(_pstyle(
            sid, f"toc {i + 1}", t, font=t.heading if i == 0 else t.body,
            size=t.body_size if i == 0 else sm,
            ppr=(f'<w:tabs><w:tab w:val="right" w:leader="dot" w:pos="{text_width}"/></w:tabs>'
                 f'<w:spacing w:before="{t.twips(6) if i == 0 else 0}" w:after="0" '
                 f'w:line="{t.twips(t.body_size * 1.6 if i == 0 else sm * 1.6)}" w:lineRule="exact"/>'
                 f'<w:ind w:left="{i * 2 * round(sm * PT)}"/><w:jc w:val="left"/>'),
            extra='<w:uiPriority w:val="39"/><w:unhideWhenUsed/>'))
    styles.append(
        f'<w:style w:type="character" w:styleId="{HYPERLINK}"><w:name w:val="Hyperlink"/>'
        '<w:uiPriority w:val="99"/><w:unhideWhenUsed/>'
        '<w:rPr><w:color w:val="1F4E79"/><w:u w:val="single" w:color="8EAADB"/></w:rPr></w:style>')
    styles.append(
        f'<w:style w:type="character" w:customStyle="1" w:styleId="{CITATION}"><w:name w:val="引注"/>'
        f'<w:rPr><w:color w:val="595959"/>{_size(sm)}</w:rPr></w:style>')
    styles.append(
        '<w:style w:type="character" w:styleId="CommentReference"><w:name w:val="annotation reference"/>'
        '<w:uiPriority w:val="99"/><w:unhideWhenUsed/><w:rPr><w:sz w:val="21"/><w:szCs w:val="21"/>'
        '</w:rPr></w:style>')
    return styles


def apply(document: DocxDocument, t: Typography = DEFAULT_TYPOGRAPHY) -> None:
    """Page setup, document defaults, styles, font table and settings for an export."""
    section = document.sections[0]
    _page(section)
    text_width = round((section.page_width - section.left_margin - section.right_margin) / 635)
    styles = document.styles.element
    # docDefaults: explicit fonts (the template's theme fonts would win over w:eastAsia)
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is not None:
        styles.remove(defaults)
    styles.insert(0, parse_xml(
        f"<w:docDefaults {nsdecls('w')}><w:rPrDefault><w:rPr>{_rfonts(t.body, t)}{_size(t.body_size)}"
        '<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>'
        '<w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
        "</w:pPrDefault></w:docDefaults>"))
    by_id = {s.get(qn("w:styleId")): s for s in styles.findall(qn("w:style"))}
    for xml in _styles_xml(t, text_width):
        new = parse_xml(xml.replace("<w:style ", f"<w:style {nsdecls('w')} ", 1))
        old = by_id.get(new.get(qn("w:styleId")))
        if old is not None:
            old.addprevious(new)
            styles.remove(old)
        else:
            styles.append(new)
    _font_table(document, t)
    _settings(document)


def _page(section) -> None:
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.header_distance, section.footer_distance = Mm(15), Mm(25)


def _font_table(document: DocxDocument, t: Typography) -> None:
    """Declare the Chinese fonts (GB2312 charset) with their fallbacks as ``w:altName``."""
    part = next((r.target_part for r in document.part.rels.values()
                 if r.reltype.endswith("/fontTable")), None)
    if part is None:
        return
    root = etree.fromstring(part.blob)
    known = {f.get(qn("w:name")) for f in root.findall(qn("w:font"))}
    fonts = [t.title, t.body, t.heading, t.subheading, t.page_number, *t.fallbacks]
    for name in dict.fromkeys(fonts):
        if name in known or name.isascii():
            continue
        font = etree.SubElement(root, qn("w:font"))
        font.set(qn("w:name"), name)
        alt = t.fallbacks.get(name)
        if alt:
            ooxml.sub(font, "altName", val=alt)
        ooxml.sub(font, "charset", val="86")  # GB2312
        ooxml.sub(font, "family", val="modern" if name in (t.heading, "黑体") else "roman")
        ooxml.sub(font, "pitch", val="variable")
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


#: settings.xml children that must come after w:updateFields (CT_Settings sequence)
_AFTER_UPDATE_FIELDS = ("hdrShapeDefaults", "footnotePr", "endnotePr", "compat", "docVars", "rsids",
                        "mathPr", "attachedSchema", "themeFontLang", "clrSchemeMapping",
                        "doNotIncludeSubdocsInStats", "doNotAutoCompressPictures", "forceUpgrade",
                        "captions", "readModeInkLockDown", "smartTagType", "schemaLibrary",
                        "shapeDefaults", "doNotEmbedSmartTags", "decimalSymbol", "listSeparator")


def _settings(document: DocxDocument) -> None:
    """``w:updateFields``: Word offers to update the fields (the TOC) when the file opens;
    the theme's East Asian language is Chinese (the template says Japanese)."""
    settings = document.settings.element
    if settings.find(qn("w:updateFields")) is None:
        upd = ooxml.el("updateFields", val="true")
        anchor = next((c for c in settings if etree.QName(c).localname in _AFTER_UPDATE_FIELDS), None)
        if anchor is not None:
            anchor.addprevious(upd)
        else:
            settings.append(upd)
    lang = settings.find(qn("w:themeFontLang"))
    if lang is not None:
        lang.set(qn("w:eastAsia"), "zh-CN")


def page_number_footer(section, t: Typography = DEFAULT_TYPOGRAPHY, *, start: int | None = None) -> None:
    """"— 1 —" centred in the footer of ``section`` (GB/T 9704: 4号半角宋体, 一字线 each side)."""
    footer = section.footer
    footer.is_linked_to_previous = False
    p = footer.paragraphs[0]._p
    for child in list(p):
        if child.tag != qn("w:pPr"):
            p.remove(child)
    props = ooxml.rpr(font=t.page_number, size=t.small_size)
    ooxml.run(p, "— ", props)
    ooxml.simple_field(p, "PAGE", "1", props)
    ooxml.run(p, " —", props)
    if start is not None:
        sect = section._sectPr
        pg = sect.find(qn("w:pgNumType"))
        if pg is None:
            pg = ooxml.el("pgNumType")
            # after footnotePr/endnotePr/type/pgSz/pgMar/paperSrc/pgBorders/lnNumType
            anchor = next((c for c in sect if etree.QName(c).localname in
                           ("cols", "formProt", "vAlign", "noEndnote", "titlePg", "textDirection",
                            "bidi", "rtlGutter", "docGrid", "printerSettings")), None)
            if anchor is not None:
                anchor.addprevious(pg)
            else:
                sect.append(pg)
        pg.set(qn("w:start"), str(start))


def new_section(document: DocxDocument):
    """Start a new section on a new page (the body after the cover and contents)."""
    return document.add_section(WD_SECTION.NEW_PAGE)
