"""The 题注 under a law's title is front matter that dates the version, in every format."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from reader.core.importers import load_bytes
from reader.core.model import NodeKind
from reader.core.pipeline import parse_file, parse_source

LAW = """中华人民共和国示例法
（2001年3月1日第九届全国人民代表大会常务委员会第二十次会议通过　根据2010年6月5日第十一届全国人民代表大会常务委员会第十五次会议《关于修改〈中华人民共和国示例法〉的决定》第一次修正）
第一条　为了示例，制定本法。
第二条　本法自2001年7月1日起施行。
"""


def _parse(text: str) -> list:
    return parse_source(load_bytes("示例法.txt", text.encode("utf-8")))


def test_headnote_is_front_matter_with_dates_and_issuer() -> None:
    doc = _parse(LAW)[0]
    assert doc.title == "中华人民共和国示例法"
    assert "第一次修正" in doc.front_matter
    assert all("修正" not in n.text for n in doc.walk())  # not a preamble any more
    assert doc.nodes[0].kind == NodeKind.ARTICLE
    assert doc.issuer == "全国人民代表大会常务委员会"
    assert doc.issued == dt.date(2001, 3, 1)
    assert doc.effective == dt.date(2001, 7, 1)


def test_each_amendment_is_another_version() -> None:
    """Same title, another amendment in the 题注: another id (the Markdown path agrees)."""
    amended = LAW.replace("第一次修正）", "第一次修正　根据2020年1月2日第十三届全国人民代表大会常务委员会"
                                      "第十五次会议《关于修改〈中华人民共和国示例法〉的决定》第二次修正）")
    assert _parse(LAW)[0].id != _parse(amended)[0].id
    assert _parse(LAW)[0].id == _parse(LAW.replace("\n", "\r\n"))[0].id


def test_items_and_sentences_in_parentheses_stay_body() -> None:
    for opening in ("（一）2020年1月1日前通过审核的项目，继续执行。",
                    "（2020年1月1日前通过审核的项目，按原办法执行。）"):
        doc = _parse(f"示例管理办法\n{opening}\n第一条　为了示例，制定本办法。\n")[0]
        assert "2020年1月1日前" in "\n".join(n.full_text() for n in doc.nodes), opening


def test_real_files_of_one_law_agree_on_version(shared_dir: Path) -> None:
    """The 2008 专利法 (PDF and Word downloads) and the 2020 text are two versions; the
    行政处罚法 as PDF, Word and Markdown is one."""
    real = shared_dir / "realdocs"
    old_pdf = parse_file(real / "pdf" / "中华人民共和国专利法.pdf")[0]
    old_docx = parse_file(real / "docx" / "中华人民共和国专利法.docx")[0]
    new_txt = parse_file(real / "txt" / "中华人民共和国专利法_20201017.txt")[0]
    assert old_pdf.id == old_docx.id != new_txt.id
    assert old_pdf.issued == new_txt.issued == dt.date(1984, 3, 12)
    same = {parse_file(real / sub / name)[0].id for sub, name in (
        ("pdf", "中华人民共和国行政处罚法.pdf"), ("docx", "中华人民共和国行政处罚法.docx"),
        ("md", "2021-行政处罚法.md"))}
    assert len(same) == 1
