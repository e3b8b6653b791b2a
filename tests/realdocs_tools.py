"""Scoring real files (shared/realdocs) against an answer key the parser never wrote.

* National laws (PDF, Word, flk text, Markdown dialects) are scored against the same law in
  shared/corpus/laws, read by :func:`tests.corpus_tools.expected_articles`.  The version is
  the corpus file whose date (``名称(YYYY-MM-DD).md``) the real file names or states in its
  题注; the 民法典 is the corpus's seven parts and 附则 in order.
* Gazette PDFs carry their own gold (``gazette_K.gold.json``).
* Every file is also checked for its title (the corpus title line, the gold title).

``score_real(path)`` returns a :class:`RealScore`; ``realdocs()`` lists the files by format.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from tests.corpus_tools import (
    CORPUS_DIR,
    ExpectedArticle,
    Score,
    compare,
    error_score,
    expected_articles,
    fold,
)

REALDOCS = CORPUS_DIR.parents[1] / "realdocs"

#: The 民法典 in the corpus is one file per 编, in the Code's order.
_CIVIL_CODE = ("总则", "物权编", "合同编", "人格权编", "婚姻家庭编", "继承编", "侵权责任编", "附则")
_DATED = re.compile(r"^(?P<name>.+?)\((?P<date>\d{4}-\d{2}-\d{2})\)$")
_DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")

#: The issue's targets per format: (articles, text exact, 款).
TARGETS = {
    "pdf": (1.0, 0.995, 0.99),
    "gazette-pdf": (1.0, 0.995, 0.99),
    "docx": (1.0, 0.99, 0.99),
    "html": (1.0, 0.99, 0.99),
    "txt": (1.0, 0.99, 0.995),
    "md": (1.0, 0.99, 0.99),
}


@dataclass
class RealScore:
    """Articles scored against the reference, plus whole-document checks."""

    path: Path
    fmt: str
    score: Score
    titles_expected: list[str] = field(default_factory=list)
    titles_found: list[str] = field(default_factory=list)
    reference: str = ""
    doc_number_expected: str = ""
    doc_number_found: str = ""
    #: text mismatches where the reference's wording is not in the file at all and the
    #: parsed text is (a later version in the corpus, the source's own punctuation)
    source_differs: int = 0

    @property
    def text_faithful(self) -> int:
        """Articles whose text is exact, or exactly the file's own wording."""
        return self.score.text_ok + self.source_differs

    @property
    def titles_ok(self) -> bool:
        return [fold(t) for t in self.titles_expected] == [fold(t) for t in self.titles_found]


@dataclass
class FormatTotal:
    """One format's files added up.  The targets apply to ``text`` (exact, or exactly the
    file's own wording where it differs from the reference) and ``paragraphs`` (款 counts
    of the articles whose breaks the file shows); the strict figures are printed beside."""

    score: Score = field(default_factory=Score)
    source_differs: int = 0
    wrong_titles: list[str] = field(default_factory=list)
    wrong_numbers: list[str] = field(default_factory=list)

    def add(self, r: RealScore) -> None:
        self.score += r.score
        self.source_differs += r.source_differs
        if not r.titles_ok:
            self.wrong_titles.append(f"{r.path.name}: {r.titles_found} (want {r.titles_expected})")
        if r.doc_number_expected and r.doc_number_found != r.doc_number_expected:
            self.wrong_numbers.append(f"{r.path.name}: {r.doc_number_found!r} (want {r.doc_number_expected!r})")

    @property
    def text(self) -> float:
        s = self.score
        return (s.text_ok + self.source_differs) / s.expected if s.expected else 1.0

    @property
    def paragraphs(self) -> float:
        return self.score.para_decidable_ratio

    def meets(self, target: tuple[float, float, float]) -> bool:
        s = self.score
        return (not s.errors and not self.wrong_titles and not self.wrong_numbers
                and s.matched_ratio >= target[0] and s.precision >= target[0]
                and self.text >= target[1] and self.paragraphs >= target[2])


def realdocs(root: Path = REALDOCS) -> dict[str, list[Path]]:
    """Real files by format folder (pdf, gazette-pdf, docx, html, txt, md)."""
    out: dict[str, list[Path]] = {}
    for folder in sorted(p for p in root.iterdir() if p.is_dir()):
        files = sorted(f for f in folder.iterdir() if f.is_file() and not f.name.endswith(".gold.json"))
        out[folder.name] = files
    return out


def short_name(path: Path) -> str:
    """中华人民共和国专利法_20201017.pdf → 专利法; 2021-行政处罚法.md → 行政处罚法."""
    stem = path.stem
    stem = re.sub(r"_\d{8}$", "", stem)
    stem = re.sub(r"^\d{4}-", "", stem)
    stem = re.sub(r"-\d{4}-.*$", "", stem)
    return stem.removeprefix("中华人民共和国")


def reference_files(path: Path, head_text: str = "") -> list[Path]:
    """The corpus file(s) holding the same law in the same version; [] when none."""
    name = short_name(path)
    if name == "民法典":
        return [CORPUS_DIR / "民法典" / f"{part}.md" for part in _CIVIL_CODE]
    candidates: list[tuple[str, Path]] = []
    for f in CORPUS_DIR.rglob(f"{name}*.md"):
        m = _DATED.match(f.stem)
        base, when = (m["name"], m["date"]) if m else (f.stem, "")
        if base == name:
            candidates.append((when, f))
    if not candidates:
        return []
    stated = set(re.findall(r"_(\d{4})(\d{2})(\d{2})$", path.stem))
    stated |= {(y, f"{int(mo):02d}", f"{int(d):02d}") for y, mo, d in _DATE.findall(head_text)}
    dated = {tuple(when.split("-")): f for when, f in candidates if when}
    for key in sorted(dated, reverse=True):  # the latest version the file mentions
        if key in stated:
            return [dated[key]]
    undated = [f for when, f in candidates if not when]
    return undated[:1]  # a dated version the file never mentions is another version


def expected_from_corpus(files: list[Path]) -> tuple[list[ExpectedArticle], str]:
    """The reference's articles and its title (a volume's parts share the first title)."""
    articles: list[ExpectedArticle] = []
    title = ""
    for f in files:
        text = f.read_text(encoding="utf-8")
        articles.extend(expected_articles(text))
        first = next((ln for ln in text.splitlines() if ln.startswith("# ")), "")
        title = title or first[2:].strip()
    return articles, title


def expected_from_vuepress(md_text: str) -> tuple[list[ExpectedArticle], str]:
    """A VuePress law with no corpus twin: each ``<p id="tN">`` is article N, its
    ``<br>``-separated lines its 款 and 项; the title is the front matter's."""
    import html

    title = re.search(r"^title:\s*(.+)$", md_text, re.M)
    articles: list[ExpectedArticle] = []
    for block in re.findall(r'<p id="t\d+">(.*?)</p>', md_text, re.S):
        lines = [html.unescape(re.sub(r"<[^>]+>", "", ln)).strip() for ln in re.split(r"<br\s*/?>", block)]
        lines = [ln.replace("\u2003", " ").strip() for ln in lines if ln.strip()]
        label = re.match(r"第[一二三四五六七八九十百零〇]+条(之[一二三四五六七八九十]+)?", lines[0])
        if label:
            lines[0] = lines[0][label.end():].strip()
            articles.append(ExpectedArticle(label.group(), lines))
    return articles, title.group(1).strip() if title else ""


def expected_from_gold(gold: dict) -> tuple[list[list[ExpectedArticle]], list[str]]:
    """Per document: the gold articles (lines are 款 and 项 in order) and titles."""
    docs = [[ExpectedArticle(a["label"], list(a["lines"])) for a in d["articles"]] for d in gold["documents"]]
    return docs, [d["title"] for d in gold["documents"]]


def score_real(path: Path) -> RealScore:
    """Parse ``path`` with the product's parser and score it against its reference."""
    from reader.core.pipeline import parse_file

    fmt = path.parent.name
    gold_path = path.with_suffix(".gold.json")
    try:
        documents = parse_file(path)
        error: BaseException | None = None
    except Exception as exc:  # noqa: BLE001 - a crash is a result to report
        documents, error = [], exc
    if gold_path.is_file():
        per_doc, titles = expected_from_gold(json.loads(gold_path.read_text(encoding="utf-8")))
        expected = [a for doc in per_doc for a in doc]
        reference = gold_path.name
    else:
        refs = reference_files(path, "".join(raw_lines(path)[:60]))
        expected, title = expected_from_corpus(refs) if refs else ([], "")
        titles = [title] if title else []
        reference = ", ".join(str(r.relative_to(CORPUS_DIR)) for r in refs)
        if not refs and path.suffix == ".md":
            expected, title = expected_from_vuepress(path.read_text(encoding="utf-8"))
            titles, reference = [title], "its own <p id=tN> articles"
    if error:
        score = error_score(expected, path.name, error)
    elif not expected:  # no answer key (a version the corpus lacks, a gov.cn notice)
        score = Score(files=1, name=path.name)
    else:
        raw = raw_lines(path)
        score = compare(expected, documents, name=path.name, ambiguous=invisible_breaks(expected, raw))
    source_differs = _mark_source_differences(score, expected, documents, raw) if expected and not error else 0
    found = [d.title for d in documents]
    stated = page_metadata(path) if fmt == "html" else {}
    if stated.get("标题"):
        titles, reference = [stated["标题"]], "metadata box"
    if not titles:  # no reference title: only the count of documents is checked
        titles = found[:1]
    result = RealScore(path, fmt, score, titles, found, reference, source_differs=source_differs)
    if stated:
        result.doc_number_expected = stated.get("发文字号", "")
        result.doc_number_found = documents[0].doc_number or "" if documents else ""
    return result


def page_metadata(path: Path) -> dict[str, str]:
    """The label → value cells of a gov.cn page's metadata box, read straight from the
    table (标题, 发文字号, 发文机关, 成文日期 …)."""
    import lxml.html

    root = lxml.html.parse(str(path)).getroot()
    out: dict[str, str] = {}
    for td in root.iter("td"):
        label = re.sub(r"\s", "", td.text_content()).rstrip("：:")
        nxt = td.getnext()
        if label in ("标题", "发文字号", "发文机关", "成文日期", "发布日期") and nxt is not None:
            out.setdefault(label, nxt.text_content().strip())
    return out


# --------------------------------------------------------------------------------------
# What the file itself shows, read without the product's parser
# --------------------------------------------------------------------------------------


def raw_lines(path: Path) -> list[str]:
    """The file's text as its own line breaks give it (PDF text lines, the <p>/<br> of a
    web page or of a Word file's altChunk, text and Markdown lines), folded."""
    import zipfile

    suffix = path.suffix.lower()
    if suffix == ".pdf":
        import pypdfium2 as pdfium

        pdf = pdfium.PdfDocument(str(path))
        text = "\n".join(page.get_textpage().get_text_range() for page in pdf)
    elif suffix == ".docx":
        with zipfile.ZipFile(path) as z:
            names = [n for n in z.namelist() if n.endswith((".mht", ".mhtml", ".htm", ".html"))]
            text = _html_text(_mime_html(z.read(names[0]))) if names else z.read("word/document.xml").decode()
    elif suffix in (".html", ".htm"):
        text = _html_text(path.read_bytes().decode("utf-8", "replace"))
    else:
        data = path.read_bytes()
        text = data.decode("utf-8-sig") if data[:3] == b"\xef\xbb\xbf" else data.decode("utf-8", "replace")
        if suffix == ".md":
            text = _html_text("<pre>" + re.sub(r"<br\s*/?>|</p>", "\n", text) + "</pre>")
    return [f for f in (fold(line) for line in re.split(r"\r\n|[\r\n]", text)) if f]


def _mime_html(data: bytes) -> str:
    import email

    msg = email.message_from_bytes(data)
    for part in msg.walk():
        if part.get_content_type() == "text/html":
            return part.get_payload(decode=True).decode(part.get_content_charset() or "utf-8", "replace")
    return data.decode("utf-8", "replace")


def _html_text(html_text: str) -> str:
    import lxml.html

    root = lxml.html.fromstring(html_text or "<p></p>")
    for br in root.iter("br"):
        br.tail = "\n" + (br.tail or "")
    for block in root.iter("p", "div", "tr", "li", "h1", "h2", "h3", "h4"):
        block.tail = "\n" + (block.tail or "")
    return root.text_content()


def invisible_breaks(expected: list[ExpectedArticle], raw: list[str]) -> set[int]:
    """Articles whose 款 count the file cannot show: the end of one paragraph and the start
    of the next stand on one line of the file (flk's text merges some 款), or the file has
    other wording altogether (a version the reference does not hold)."""
    joined = "\n".join(raw)
    flat = "".join(raw)
    out: set[int] = set()
    for i, article in enumerate(expected):
        if article.text not in flat:  # another wording (version): its 款 cannot be judged
            out.add(i)
            continue
        for a, b in zip(article.paragraphs, article.paragraphs[1:]):
            seam = fold(a)[-8:] + fold(b)[:8]
            if len(seam) >= 10 and seam in joined:
                out.add(i)
                break
    return out


def _mark_source_differences(score: Score, expected: list[ExpectedArticle], documents: list, raw: list[str]) -> int:
    """Text mismatches the file explains: the reference's wording is nowhere in the file,
    while every sentence of the parsed article is.  Marked invisible; their count returned."""
    from tests.corpus_tools import _article_text, parsed_articles

    flat = "".join(raw)
    by_label = {fold(a.label): a for a in parsed_articles(documents)}
    wanted = {fold(e.label): e for e in expected}
    count = 0
    for m in score.mismatches:
        if m.kind != "text" or fold(m.label) not in by_label or fold(m.label) not in wanted:
            continue
        got = _article_text(by_label[fold(m.label)])
        pieces = [p for p in re.split(r"[。；：，]", got) if len(p) >= 4]
        if wanted[fold(m.label)].text not in flat and all(p in flat for p in pieces):
            m.invisible = True
            m.detail += " [the file's own wording]"
            count += 1
    return count
