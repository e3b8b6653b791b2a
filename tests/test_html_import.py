"""Web pages (.html/.htm/.mhtml/.mht) and text saved from them: the document, not the page.

Real gov.cn pages (../shared/realdocs/html) are checked against their own metadata table,
read here straight from the markup (tests/realdocs_tools.page_metadata), and small pages
under tests/data/html cover the other shapes: navigation + metadata table + body, an
MHTML archive, a page without body text, a GBK page declaring its charset.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path

import lxml.html
import pytest

from reader.core import govmeta
from reader.core.errors import ImportFailure
from reader.core.importers import SUPPORTED, importer_for, load, load_bytes
from reader.core.importers.html import load_html
from reader.core.importers.htmlrepair import Block, repair
from reader.core.importers.mhtml import load_mhtml
from reader.core.model import NodeKind
from reader.core.pipeline import parse_file, parse_source
from tests.realdocs_tools import page_metadata

DATA = Path(__file__).parent / "data" / "html"
#: Text of the metadata box and of page furniture: never in a document's body or head.
_BOX_LABELS = ("索引号", "主题分类", "发文机关：", "成文日期", "发文字号：", "发布日期", "主题词")
_FURNITURE = ("扫一扫", "打印本页", "关闭窗口", "分享到", "当前位置", "版权所有", "相关文件", "首页")


def _gov_pages(shared_dir: Path) -> list[Path]:
    pages = sorted((shared_dir / "realdocs" / "html").glob("*.html"))
    if not pages:
        pytest.skip("no real web pages in shared/realdocs/html")
    return pages


def _all_text(doc) -> str:  # noqa: ANN001 - a Document
    return "\n".join([doc.title, doc.front_matter, *(n.text for n in doc.walk())])


# --- real gov.cn pages --------------------------------------------------------------------

def test_gov_pages_take_title_number_issuer_dates_from_the_box(shared_dir: Path) -> None:
    for page in _gov_pages(shared_dir):
        stated = page_metadata(page)
        docs = parse_file(page)
        assert len(docs) == 1, page.name
        doc = docs[0]
        assert doc.title == stated["标题"], page.name
        assert doc.doc_number == stated["发文字号"], page.name
        assert doc.issuer == stated["发文机关"], page.name
        y, m, d = (int(x) for x in stated["成文日期"].replace("年", "-").replace("月", "-").rstrip("日").split("-"))
        assert doc.issued == date(y, m, d), page.name
        src = load(page)
        assert isinstance(src.meta.get("published"), date) and src.meta["published"] >= doc.issued, page.name


def test_gov_pages_keep_box_and_furniture_out_of_the_document(shared_dir: Path) -> None:
    for page in _gov_pages(shared_dir):
        doc = parse_file(page)[0]
        text = _all_text(doc)
        for word in _BOX_LABELS + _FURNITURE:
            assert word not in text, (page.name, word)
        assert "索引号" not in "\n".join(load(page).lines)


def test_state_council_order_is_a_regulation_with_its_articles(shared_dir: Path) -> None:
    page = shared_dir / "realdocs" / "html" / "专利代理条例.html"
    if not page.is_file():
        pytest.skip("专利代理条例.html missing")
    doc = parse_file(page)[0]
    articles = [n for n in doc.walk() if n.kind is NodeKind.ARTICLE]
    assert [a.number for a in articles] == list(range(1, 33))
    assert [n.heading for n in doc.walk() if n.kind is NodeKind.CHAPTER][0] == "总则"
    assert doc.kind == "行政法规"
    assert "中华人民共和国国务院令" in doc.front_matter and "第706号" in doc.front_matter


def test_opinions_have_their_outline_and_head_outside_the_body(shared_dir: Path) -> None:
    pages = [p for p in _gov_pages(shared_dir) if p.stem.endswith(("意见", "的指"))]
    assert pages
    for page in pages:
        doc = parse_file(page)[0]
        kinds = {n.kind for n in doc.walk()}
        assert {NodeKind.LEVEL1, NodeKind.LEVEL2} <= kinds, page.name
        level1 = [n for n in doc.walk() if n.kind is NodeKind.LEVEL1]
        assert [n.number for n in level1] == list(range(1, len(level1) + 1)), page.name
        body = "\n".join(n.full_text() for n in doc.nodes)
        assert doc.doc_number not in body, page.name  # the 文号 under the title is head
        assert "各省、自治区、直辖市人民政府，国务院各部委、各直属机构：" in doc.front_matter, page.name


# --- synthetic pages ------------------------------------------------------------------------

def test_page_with_navigation_box_and_table() -> None:
    src = load(DATA / "gov_page.html")
    assert src.format == "html" and src.hard_breaks
    meta = src.meta
    assert meta["title"] == "某市人民政府办公厅关于印发某市行政执法公示办法的通知"
    assert meta["doc_number"] == "某府办规〔2022〕5号"
    assert meta["issuer"] == "某市人民政府办公厅"
    assert meta["issued"] == date(2022, 3, 15) and meta["published"] == date(2022, 3, 18)
    assert meta["index_no"] == "11440100MB2C92181N/2022-00123"
    assert meta["subject"] == "综合政务" and meta["keywords"] == ["行政执法", "公示"]
    text = "\n".join(src.lines)
    for junk in ("首页", "当前位置", "机构概况", "分享到", "打印本页", "关闭窗口", "相关文件",
                 "网站标识码", "var share", ".nav", "索 引 号", "主 题 词"):
        assert junk not in text, junk
    assert src.lines[0] == meta["title"]
    assert "类别\t内容\t时限" in src.lines and "事前公示\t执法主体、依据\t7日" in src.lines
    assert src.lines[src.lines.index("第二条　行政执法机关应当公示下列信息：") + 1] == "（一）执法主体；"
    doc = parse_file(DATA / "gov_page.html")[0]
    assert (doc.title, doc.doc_number, doc.issuer, doc.issued) == (
        meta["title"], meta["doc_number"], meta["issuer"], meta["issued"])
    assert [n.label for n in doc.walk() if n.kind is NodeKind.ARTICLE] == ["第一条", "第二条", "第三条", "第四条"]


def test_box_as_label_value_lines_and_title_outside_the_content() -> None:
    page = """<html><head><title>关于做好防汛工作的通知 - 某县人民政府</title></head><body>
    <ul class="xxgk-info"><li><b>索引号：</b>001/2023-7</li><li><b>发布机构：</b><span>某县人民政府办公室</span></li>
    <li>成文日期：2023年6月1日</li><li>文　　号：某府办〔2023〕7号</li></ul>
    <div class="title">关于做好防汛工作的通知</div>
    <div id="zoom"><p>各乡镇人民政府：</p><p>一、压实责任。各乡镇要落实防汛责任。</p>
    <p>二、加强值守。汛期实行24小时值班。</p><p>某县人民政府办公室</p><p>2023年6月1日</p></div>
    <div class="ewm">扫一扫在手机打开当前页</div></body></html>"""
    src = load_bytes("p.html", page.encode("utf-8"))
    assert src.meta["doc_number"] == "某府办〔2023〕7号" and src.meta["issuer"] == "某县人民政府办公室"
    assert src.meta["issued"] == date(2023, 6, 1) and src.meta["index_no"] == "001/2023-7"
    assert src.lines[0] == "关于做好防汛工作的通知" == src.meta["title"]
    assert "索引号" not in "\n".join(src.lines) and "扫一扫" not in "\n".join(src.lines)
    doc = parse_source(src)[0]
    assert [n.label for n in doc.walk() if n.kind is NodeKind.LEVEL1] == ["一、", "二、"]


def test_content_of_an_unknown_site_is_found_by_its_text() -> None:
    body = "".join(f"<p>（{n}）第{n}项措施的具体内容，各单位应当认真落实，确保取得实效。</p>" for n in "一二三四五六")
    page = f"""<html><head><title>某市关于加强示例管理的若干措施｜某市人民政府</title></head><body>
    <div class="wrap"><div class="left"><p>热点专题</p><p>政务服务便民入口</p><p>市长信箱</p></div>
    <div class="right"><div class="bt">某市关于加强示例管理的若干措施</div><div class="nr">{body}</div></div></div>
    <div class="bottom">主办：某市人民政府办公室　联系我们　网站地图</div></body></html>"""
    src = load_bytes("p.html", page.encode("utf-8"))
    assert src.meta["title"] == "某市关于加强示例管理的若干措施"
    assert src.lines[0] == "某市关于加强示例管理的若干措施" and len(src.lines) == 7
    assert all(ln.startswith("（") for ln in src.lines[1:])


def test_law_page_paragraphs_follow_the_drafting_rules() -> None:
    """Two articles in one <p>, a break inside a sentence, a chapter heading glued to an
    article, a 目录 of links, the title in an <h1> outside the content."""
    src = load(DATA / "npc_law.html")
    assert src.lines == [
        "中华人民共和国示例法",
        "（2020年1月1日第十三届全国人民代表大会常务委员会第十五次会议通过）",
        "第一章　总　　则",
        "第一条　为了示例，制定本法。",
        "第二条　本法适用于示例活动。",
        "第三条　示例活动应当遵守法律。",
        "违反本法规定的，依法承担责任。",
        "第二章　附　　则",
        "第四条　本法自2020年3月1日起施行。",
    ]
    assert src.meta["title"] == "中华人民共和国示例法"
    doc = parse_file(DATA / "npc_law.html")[0]
    third = next(n for n in doc.walk() if n.label == "第三条")
    assert [c.kind for c in third.children] == [NodeKind.PARAGRAPH, NodeKind.PARAGRAPH]


def test_gbk_page_declaring_its_charset() -> None:
    data = (DATA / "gbk_meta.html").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    src = load(DATA / "gbk_meta.html")
    assert src.meta["encoding"] == "gb18030"
    assert src.lines[0] == "关于做好示例工作的通知"  # from <title>, shown above the content
    assert "一、提高认识。各单位要高度重视。" in src.lines
    doc = parse_file(DATA / "gbk_meta.html")[0]
    assert doc.title == "关于做好示例工作的通知" and doc.issuer == "某省人民政府办公厅"


def test_page_whose_declared_charset_is_wrong_is_still_read() -> None:
    page = "<html><head><meta charset='gbk'></head><body><p>第一条　为了测试，制定本办法。</p></body></html>"
    src = load_bytes("p.html", page.encode("utf-8"))
    assert src.lines == ["第一条　为了测试，制定本办法。"]
    assert any("declares gb18030" in w for w in src.meta["warnings"])  # type: ignore[union-attr]


def test_mhtml_archive_quoted_printable_gb2312() -> None:
    assert importer_for("a.mht") is load_mhtml and importer_for("a.MHTML") is load_mhtml
    assert importer_for("a.htm") is load_html
    assert {".html", ".htm", ".mhtml", ".mht"} <= set(SUPPORTED)
    src = load(DATA / "saved_page.mhtml")
    assert src.format == "mhtml" and src.meta["encoding"] == "gb18030"
    assert src.lines == ["示例条例", "第一条　为了规范示例活动，制定本条例。", "第二条　本条例自2021年1月1日起施行。"]
    doc = parse_file(DATA / "saved_page.mhtml")[0]
    assert doc.title == "示例条例" and len([n for n in doc.walk() if n.kind is NodeKind.ARTICLE]) == 2


def test_undeclared_gbk_page_and_plain_page_named_mht() -> None:
    page = "<html><body><div><p>第一条　为了测试，制定本办法。</p></div></body></html>"
    src = load_bytes("p.htm", page.encode("gbk"))
    assert src.meta["encoding"] == "gb18030" and src.lines == ["第一条　为了测试，制定本办法。"]
    src = load_bytes("p.mht", page.encode("utf-8"))  # a page saved with the archive's suffix
    assert src.lines == ["第一条　为了测试，制定本办法。"]


def test_mhtml_without_a_page_is_refused() -> None:
    mime = (b"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"b\"\r\n\r\n--b\r\n"
            b"Content-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n\r\niVBORw0KGgo=\r\n--b--\r\n")
    with pytest.raises(ImportFailure, match="no web page"):
        load_bytes("x.mht", mime)


def test_hidden_text_is_left_out_unless_it_is_all_there_is() -> None:
    page = ("<html><body><div style='display:none'>分享到微信朋友圈</div>"
            "<div id='zoom'><p>第一条　为了测试，制定本办法。</p></div></body></html>")
    assert load_bytes("p.html", page.encode("utf-8")).lines == ["第一条　为了测试，制定本办法。"]
    page = "<html><body><div id='zoom' style='display: none'><p>第一条　为了测试，制定本办法。</p></div></body></html>"
    assert load_bytes("p.html", page.encode("utf-8")).lines == ["第一条　为了测试，制定本办法。"]


def test_page_without_body_text_is_refused() -> None:
    with pytest.raises(ImportFailure, match="no body text"):
        load(DATA / "no_body.html")
    with pytest.raises(ImportFailure, match="empty"):
        load_bytes("x.html", b"   ")


# --- the metadata box in text ---------------------------------------------------------------

_BOX = ["索引号：000014349/2018-00216", "主题分类：公安、安全、司法\\司法", "发文机关：国务院办公厅",
        "成文日期：2018年12月04日", "标　　题：国务院办公厅关于全面推行行政规范性文件合法性审核机制的指导意见",
        "发文字号：国办发〔2018〕115号", "发布日期：2018年12月20日", "主题词："]
_OPINION = ["国务院办公厅关于全面推行行政规范性文件", "合法性审核机制的指导意见", "国办发〔2018〕115号",
            "各省、自治区、直辖市人民政府，国务院各部委、各直属机构：",
            "制定行政规范性文件是行政机关依法履行职能的重要方式。现提出以下意见。",
            "一、总体要求", "（一）指导思想。以习近平新时代中国特色社会主义思想为指导。",
            "（二）主要目标。进一步明确规范性文件合法性审核的范围。",
            "二、严格落实工作措施", "（三）明确审核范围。各地区、各部门要结合工作实际。",
            "国务院办公厅", "2018年12月4日", "（此件公开发布）"]


def test_box_lines_of_a_text_become_metadata() -> None:
    doc = parse_source(load_bytes("意见.txt", "\n".join(_BOX + [""] + _OPINION).encode("utf-8")))[0]
    assert doc.title == "国务院办公厅关于全面推行行政规范性文件合法性审核机制的指导意见"
    assert (doc.doc_number, doc.issuer, doc.issued) == ("国办发〔2018〕115号", "国务院办公厅", date(2018, 12, 4))
    text = _all_text(doc)
    assert "索引号" not in text and "主题分类" not in text and "发布日期" not in text
    assert [n.label for n in doc.walk() if n.kind is NodeKind.LEVEL1] == ["一、", "二、"]


def test_standalone_opinion_without_box_reads_head_and_signature() -> None:
    doc = parse_source(load_bytes("意见.txt", "\n".join(_OPINION).encode("utf-8")))[0]
    assert doc.title == "国务院办公厅关于全面推行行政规范性文件合法性审核机制的指导意见"
    assert doc.doc_number == "国办发〔2018〕115号"
    assert doc.issuer == "国务院办公厅"
    assert doc.issued == date(2018, 12, 4)


def test_box_needs_several_labels_and_reads_several_per_line() -> None:
    assert govmeta.pairs_in_line("索 引 号：001/2022-1　主题分类：综合政务") == [
        ("index_no", "001/2022-1"), ("subject", "综合政务")]
    assert govmeta.pairs_in_line("第一条　标题：应当简明") is None
    meta, taken = govmeta.box_in_lines(["标题：某办法", "第一条　为了规范……"])
    assert meta == {} and taken == []
    meta, taken = govmeta.box_in_lines(["\ufeff发文机关：某市人民政府", "发文字号：", "某府〔2022〕1号",
                                        "成文日期：2022.3.5", "", "正文"])
    assert meta == {"issuer": "某市人民政府", "doc_number": "某府〔2022〕1号", "issued": date(2022, 3, 5)}
    assert taken == [0, 1, 2, 3]
    assert govmeta.label_key("标　　题：") == "title" and govmeta.label_key("标题") is None
    listing = lxml.html.fromstring(
        "<div><table><tr><th>索引号</th><th>文件名称</th><th>发文字号</th><th>成文日期</th></tr>"
        "<tr><td>001/2022-1</td><td>某办法</td><td>某府〔2022〕1号</td><td>2022-01-05</td></tr></table></div>")
    assert govmeta.find_box(listing) == ({}, None)  # a list of documents, not a box
    assert govmeta.label_key("发文字号") == "doc_number"


# --- paragraph repair -------------------------------------------------------------------------

def test_repair_splits_units_only_after_a_sentence_end() -> None:
    assert repair([Block("第九条　前款规定的情形除外。第十条规定的期限，自通知之日起计算。")]) == [
        "第九条　前款规定的情形除外。第十条规定的期限，自通知之日起计算。"]  # a citation
    assert repair([Block("第一条　甲。第二条乙。第三条　丙。第二章　丁")]) == [
        "第一条　甲。", "第二条乙。", "第三条　丙。", "第二章　丁"]
    assert repair([Block("依照本法第五条、第六条的规定。")]) == ["依照本法第五条、第六条的规定。"]


def test_repair_joins_soft_breaks_inside_a_sentence_only() -> None:
    blocks = [Block("第一条　为了规范"), Block("示例活动，制定本法。", soft=True),
              Block("本法所称示例，是指", soft=True), Block("（一）甲；", soft=True),
              Block("某市人民政府办公厅"), Block("2022年3月15日", soft=True),
              Block("国务院关于支持自由贸易试验区"), Block("深化改革创新若干措施的通知", soft=True),
              Block("第二章　附则", soft=False), Block("第二条　本法自公布之日起", soft=False),
              Block("施行。", soft=False)]
    assert repair(blocks) == [
        "第一条　为了规范示例活动，制定本法。", "本法所称示例，是指", "（一）甲；",
        "某市人民政府办公厅", "2022年3月15日",
        "国务院关于支持自由贸易试验区", "深化改革创新若干措施的通知",
        "第二章　附则", "第二条　本法自公布之日起", "施行。"]
    history = [Block("（1990年6月28日第七届全国人民代表大会常务委员会第十四次会议通过"),
               Block("根据2009年8月27日第十一届全国人民代表大会常务委员会第十次会议《关于修改部分法律的决定》", soft=True),
               Block("第一次修正）", soft=True)]
    assert repair(history) == [
        "（1990年6月28日第七届全国人民代表大会常务委员会第十四次会议通过",
        "根据2009年8月27日第十一届全国人民代表大会常务委员会第十次会议《关于修改部分法律的决定》第一次修正）"]
