"""Where the real inputs live, for tests that read them."""
from __future__ import annotations

from pathlib import Path

import re

from reader.core.model import Document
from reader.core.numerals import cn_to_int, int_to_cn
from reader.core.pipeline import parse_file

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "resources" / "samples"
CORPUS = REPO.parent / "shared" / "corpus" / "laws"


def seed(prefix: str) -> Path:
    return next(SEEDS.glob(f"{prefix}_*.txt"))


def parse_seed(prefix: str) -> list[Document]:
    return parse_file(seed(prefix))


def by_title(docs: list[Document], fragment: str) -> Document:
    return next(d for d in docs if fragment in d.title)


_ARTICLE = re.compile(r"^第([一二三四五六七八九十百零]+)条　")


def amend_surveying_regulation(text: str) -> str:
    """The 测绘 regulation of the gazette file, amended: a new 第十七条 inserted (the old
    第十七条 onwards renumbered), wording changed in the old 第十七条第二款, its third
    paragraph's first sentence deleted."""
    lines = text.split("\n")
    start = next(i for i, ln in enumerate(lines) if ln.startswith("第十六条") and i < 400)
    end = next(i for i, ln in enumerate(lines) if ln.startswith("第一条") and i > start)  # next document
    for i in range(start, end):
        m = _ARTICLE.match(lines[i])
        if m and cn_to_int(m.group(1)) >= 17:
            lines[i] = f"第{int_to_cn(cn_to_int(m.group(1)) + 1)}条　" + lines[i][m.end():]
    at = next(i for i in range(start, end) if lines[i].startswith("第十八条"))
    lines[at:at] = ["第十七条　 测绘单位应当建立健全测绘成果质量管理制度ꎬ 对其完成的测绘成果质量负", "",
                    "责ꎮ", ""]
    _edit_paragraph(lines, "测绘项目实行招投标的ꎬ", "测绘项目实行招投标的ꎬ", "测绘项目依法实行招标投标的ꎬ")
    _edit_paragraph(lines, "中标的测绘单位不得转让", "中标的测绘单位不得转让、 转包中标的测绘项目ꎮ ", "")
    return "\n".join(lines)


def _edit_paragraph(lines: list[str], opening: str, old: str, new: str) -> None:
    """Edit a paragraph of the extract and wrap it again at its width, as a corrected
    extract would be (one line per row of the page, a blank line between rows)."""
    first = next(i for i, ln in enumerate(lines) if ln.startswith(opening))
    last = next(i for i in range(first, len(lines)) if lines[i].rstrip().endswith("ꎮ"))
    rows = [ln for ln in lines[first:last + 1] if ln.strip()]
    text = "".join(rows)
    assert text.count(old) == 1, old
    text = text.replace(old, new)
    first_width, width = len(rows[0]), max(len(r) for r in rows[1:])  # the first row is indented
    wrapped = [text[:first_width]] + [text[p:p + width] for p in range(first_width, len(text), width)]
    lines[first:last + 1] = "\n\n".join(wrapped).split("\n")
