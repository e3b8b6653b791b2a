"""Kind of instrument (法律 … 规范性文件) and 文号/令号, on synthetic heads and on real files."""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from reader.core.doc_kind import KINDS, document_kind
from reader.core.importers import load
from reader.core.importers.base import SourceText
from reader.core.pipeline import _CORPUS_KINDS, parse_file, parse_source
from reader.core.split import doc_number_in
from tests.seeds import parse_seed


@pytest.mark.parametrize("lines, number", [
    (["国办发明电〔2018〕15号"], "国办发明电〔2018〕15号"),
    (["国发〔2019〕5号"], "国发〔2019〕5号"),
    (["国办函〔2019〕12号"], "国办函〔2019〕12号"),
    (["国函〔2018〕159号"], "国函〔2018〕159号"),
    (["中华人民共和国国务院令", "第706号"], "中华人民共和国国务院令第706号"),
    (["中华人民共和国国务院令第706号"], "中华人民共和国国务院令第706号"),
    (["国令第706号"], "国令第706号"),
    (["中华人民共和国主席令", "第十二号"], "中华人民共和国主席令第12号"),
    (["中华人民共和国主席令（第十二号）"], "中华人民共和国主席令第12号"),
    (["主席令第十二号"], "主席令第12号"),
    (["广州市人民政府令", "第190号"], "广州市人民政府令第190号"),
    (["中华人民共和国交通运输部令", "2019年第1号"], "中华人民共和国交通运输部令2019年第1号"),
    (["国家市场监督管理总局令第12号"], "国家市场监督管理总局令第12号"),
    (["中国人民银行令［2019］第3号"], "中国人民银行令〔2019〕第3号"),
    (["穗府办规〔2022〕12号"], "穗府办规〔2022〕12号"),
    (["国发[2019]5号"], "国发〔2019〕5号"),
    (["国发［2019］5号"], "国发〔2019〕5号"),
    (["国发(2019)5号"], "国发〔2019〕5号"),
    (["国发（2019）第5号"], "国发〔2019〕5号"),
    (["国发 〔2019〕 ５ 号    签发人：张三"], "国发〔2019〕5号"),
    (["根据国发〔2018〕1号文件精神，现通知如下：", "穗府〔2020〕3号"], "穗府〔2020〕3号"),
    (["关于印发《某办法》的通知（国发〔2019〕1号）"], None),
])
def test_doc_number_forms_are_normalised(lines: list[str], number: str | None) -> None:
    assert doc_number_in(lines) == number


@pytest.mark.parametrize("title, number, issuer, lines, kind", [
    ("中华人民共和国宪法", None, None, [], "宪法"),
    ("中华人民共和国某某法", "中华人民共和国主席令第12号", None, [], "法律"),
    ("中华人民共和国某某法", None, None,
     ["（2019年4月23日第十三届全国人民代表大会常务委员会第十次会议通过）"], "法律"),
    ("专利代理条例", "国令第706号", None, [], "行政法规"),
    ("某某条例", None, None, ["中华人民共和国国务院令", "第706号", "《某某条例》已经国务院常务会议通过"], "行政法规"),
    ("某某条例", None, None, ["（1998年11月29日中华人民共和国国务院令第253号发布）"], "行政法规"),
    ("某某办法", None, None, ["（1999年5月12日国务院批准 1999年5月25日民政部令第14号发布）"], "行政法规"),
    ("某某规定", "中华人民共和国交通运输部令2019年第1号", None, [], "部门规章"),
    ("某某办法", "国家市场监督管理总局令第12号", None, [], "部门规章"),
    ("某某办法", "中国人民银行令〔2019〕第3号", None, [], "部门规章"),
    ("中华人民共和国某某法", None, None, ["（2019年4月23日第十三届全国人民代表大会常务委员会第十次", "会议通过）"], "法律"),
    ("某某办法", None, None, ["（2008年7月17日经人力资源和社会保障部第6次部务会议通过）"], "部门规章"),
    ("广州市某某办法", "广州市人民政府令第190号", None, [], "地方政府规章"),
    ("广东省某某条例", None, None,
     ["（2004年9月24日广东省第十届人民代表大会常务委员会第十三次会议通过）"], "地方性法规"),
    ("某某市某某条例", None, None, ["广东省第十三届人民代表大会常务委员会公告", "（第10号）"], "地方性法规"),
    ("最高人民法院关于某某的解释", "法释〔2021〕1号", None, [], "司法解释"),
    ("人民检察院某某规则", None, None,
     ["（2019年12月2日最高人民检察院第十三届检察委员会第二十八次会议通过）"], "司法解释"),
    ("最高人民法院关于某某的规定", None, "最高人民法院", [], "司法解释"),
    ("监察机关监督执法工作规定", None, None, ["国家监察委员会公告", "（第2号）"], "监察法规"),
    ("国务院办公厅关于某某的指导意见", "国办发〔2019〕6号", "国务院办公厅", [], "规范性文件"),
    ("国务院关于某某的通知", "国发〔2018〕38号", "国务院", [], "规范性文件"),
    ("某某措施", "穗府办规〔2022〕12号", None, [], "规范性文件"),
    ("某某发展规划（2021—2025年）", "穗府办〔2022〕20号", None, [], "规划"),
    ("关于做好某某工作的通知", None, None, [], "通知"),
    # a 令 cited inside a notice's sentence proves nothing about the notice
    ("关于某某的实施意见", "穗府办〔2022〕1号", None,
     ["为贯彻落实《某某条例》（国务院令第706号）和有关规定，结合本市实际，现提出如下实施意见。"], "规范性文件"),
    # a city bureau's meeting adopts no rule
    ("某某管理办法", "穗建规字〔2022〕8号", None, ["（2022年3月1日广州市住房和城乡建设局局务会议审议通过）"],
     "规范性文件"),
])
def test_kind_rules(title: str, number: str | None, issuer: str | None, lines: list[str], kind: str) -> None:
    assert document_kind(title, number, issuer, lines) == kind


def test_stated_kind_is_used_only_when_the_text_says_nothing() -> None:
    assert document_kind("广东省某某办法", issuer="广东省人民政府", stated="规章") == "地方政府规章"
    assert document_kind("某某办法", issuer="交通运输部", stated="规章") == "部门规章"
    assert document_kind("某某办法", "国令第1号", stated="部门规章") == "行政法规"


def test_the_pipeline_reads_the_kind_of_a_plain_text_law() -> None:
    text = ["中华人民共和国某某法", "（2019年4月23日第十三届全国人民代表大会常务委员会第十次会议通过）",
            "第一条 为了规范某某，制定本法。", "第二条 本法自2020年1月1日起施行。"]
    (doc,) = parse_source(SourceText("某某法.txt", "txt", "0", text, hard_breaks=True))
    assert doc.kind == "法律"


def test_seed_kinds(shared_dir: Path) -> None:
    gazette = parse_seed("003") + parse_seed("004")
    kinds = {d.doc_number: d.kind for d in gazette}
    assert kinds["广州市人民政府令第190号"] == kinds["广州市人民政府令第193号"] == "地方政府规章"
    assert kinds["穗府办规〔2022〕12号"] == kinds["穗建规字〔2022〕7号"] == "规范性文件"
    assert kinds["穗府办〔2022〕26号"] == "规划"


HTML_KINDS = {
    "专利代理条例": ("行政法规", "国令第706号"),
    "国务院关于支持自由贸易试验区深化改革创新若干措施的通知": ("规范性文件", "国发〔2018〕38号"),
    "国务院关于河北雄安新区总体规划（2018—2035年）的批复": ("规范性文件", "国函〔2018〕159号"),
    "国务院办公厅关于全面推行行政规范性文件合法性审核机制的指导意见": ("规范性文件", "国办发〔2018〕115号"),
    "国务院办公厅关于有效发挥政府性融资担保基金作用切实支持小微企业和“三农”发展的指": ("规范性文件", "国办发〔2019〕6号"),
}


@pytest.mark.parametrize("name", sorted(HTML_KINDS))
def test_state_council_pages(shared_dir: Path, name: str) -> None:
    path = shared_dir / "realdocs" / "html" / f"{name}.html"
    (doc,) = parse_file(path)
    kind, number = HTML_KINDS[name]
    assert doc.kind == kind
    assert doc.doc_number in (number, number.replace("国令", "中华人民共和国国务院令"))


def test_real_laws_as_text_word_and_markdown(shared_dir: Path) -> None:
    real = shared_dir / "realdocs"
    for path in sorted((real / "txt").glob("*.txt")) + sorted((real / "docx").glob("*.docx"))[:2]:
        assert parse_file(path)[0].kind == "法律", path.name
    md = {p.stem: parse_file(p)[0].kind for p in (real / "md").glob("*.md")}
    assert md["环境保护法"] == md["2021-行政处罚法"] == "法律"
    assert md["广东省环境保护条例"] == "地方性法规"
    assert md["建设项目环境保护管理条例"] == "行政法规"
    assert md["广东省行政执法公示办法"] == "地方政府规章"


def test_corpus_files_keep_the_kind_their_folder_names(shared_dir: Path) -> None:
    laws = shared_dir / "corpus" / "laws"
    assert parse_file(next((laws / "部门规章").glob("*/*.md")))[0].kind == "部门规章"  # one level deeper
    assert parse_file(laws / "刑法" / "刑法.md")[0].kind == "法律"


def test_corpus_history_agrees_with_the_corpus_folders(shared_dir: Path) -> None:
    """The 题注 of every 10th corpus law, read by document_kind, against its folder."""
    root = shared_dir / "corpus" / "laws"
    files = sorted(root.rglob("*.md"))[::10]
    agree = Counter()
    for path in files:
        want = _CORPUS_KINDS.get(path.parent.name)
        if want is None:
            continue
        src = load(path)
        meta = src.meta
        got = document_kind(str(meta["title"]), meta.get("doc_number"), meta.get("issuer"),
                            [str(h) for h in meta.get("history") or []] + src.lines[:8])
        assert got in KINDS
        agree[want == got or {want, got} == {"法律", "宪法"}] += 1
    assert agree[True] >= 0.95 * sum(agree.values())
