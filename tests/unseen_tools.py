"""Held-out test material: corpus laws nobody tuned the parser on, written out in the real formats.

The realdocs files (shared/realdocs) are few, and the parser has been tuned on them.  This module
takes other laws of shared/corpus/laws (a seeded pick from the held-out half of
:func:`tests.gazette_tools.gazette_halves`, minus every law realdocs, the seeds or the corpus
samples use) and writes them the way those sources publish:

* ``gazette`` — a GB/T 9704 gazette issue (python-docx → LibreOffice PDF): A4, 16 pt serif body,
  2-character first-line indents, bold 第X条, centred 黑体 title and headings, running header,
  "— N —" page numbers, 政府令 or 印发通知 front matter, 1–3 documents, 公开方式 closer;
* ``browser`` — a law web page printed by Chromium, with or without its header and footer
  (date, title, URL, page x/y);
* ``altchunk`` — a flk Word file: one ``w:altChunk`` pointing at ``word/afchunk.mht``;
* ``govcn`` — a gov.cn page of a 行政法规 with its metadata table and navigation;
* ``flktxt`` — flk text (UTF-8 BOM, CRLF, one paragraph per line, 目录), also in GB18030.

Each file gets an answer key ``<file>.gold.json`` in the shape of shared/realdocs'
``gazette_K.gold.json`` (documents → title, headings, articles with their 款/项 lines), built from
the corpus Markdown, never from the generated file, plus ``sources`` and ``furniture`` (regular
expressions of page furniture that must not reach any node).  :func:`score_unseen` scores a file.
"""
from __future__ import annotations

import html
import json
import random
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from tests.corpus_tools import (
    CORPUS_DIR,
    ITEM_RE,
    PLAIN_HEADING_RE,
    SENTENCE_END,
    ExpectedArticle,
    _classify,
    corpus_files,
    expected_articles,
    sample_files,
    split_md,
)
from tests.gazette_tools import gazette_halves

UNSEEN_SEED = "unseen-formats"
#: The issue's targets per format (answer-key ``format``): articles (recall and precision),
#: text exact, 款 (over the articles whose breaks the file shows).
TARGETS = {"gazette-pdf": (1.0, 0.995, 0.99), "pdf": (1.0, 0.995, 0.99), "docx": (1.0, 0.99, 0.99),
           "html": (1.0, 0.99, 0.99), "txt": (1.0, 0.99, 0.99)}
REALDOCS = CORPUS_DIR.parents[1] / "realdocs"
#: Laws the realdocs files, the seeds and the tuned samples hold (by short name).
_USED_ELSEWHERE = ("测绘地理信息管理办法", "社会医疗保险规定", "广清")
_CN = "零一二三四五六七八九"
_HEADING_DEPTH = {"编": 1, "分编": 2, "章": 3, "节": 4}
_CITIES = ("杭州市", "南京市", "成都市", "武汉市", "西安市", "济南市")
_MAYORS = ("王某某", "李某某", "张某某", "陈某某")


# --------------------------------------------------------------------------------------
# Laws
# --------------------------------------------------------------------------------------


@dataclass
class Heading:
    kind: str  # 编 / 分编 / 章 / 节
    label: str
    heading: str

    @property
    def depth(self) -> int:
        return _HEADING_DEPTH[self.kind]


@dataclass
class Law:
    """One corpus law: title, 题注 lines, and its body as headings and articles in order."""

    path: Path
    title: str
    notes: list[str]
    body: list[Heading | ExpectedArticle] = field(default_factory=list)
    #: the paragraphs of a document without articles (a 规定 or 通知 in 一、 outline)
    outline: list[str] = field(default_factory=list)

    @property
    def source(self) -> str:
        return str(self.path.relative_to(CORPUS_DIR))

    @property
    def headings(self) -> list[Heading]:
        return [b for b in self.body if isinstance(b, Heading)]

    @property
    def articles(self) -> list[ExpectedArticle]:
        return [b for b in self.body if isinstance(b, ExpectedArticle)]

    def gold(self) -> dict:
        """This law as one document of a gold file (gazette_K.gold.json's shape; a document
        without articles also lists its paragraphs as ``outline``)."""
        extra = {"outline": list(self.outline)} if self.outline else {}
        return extra | {
            "title": self.title,
            "headings": [{"kind": h.kind, "label": h.label, "heading": h.heading} for h in self.headings],
            "articles": [
                {"label": a.label, "number": cn_number(a.label), "lines": list(a.paragraphs)} for a in self.articles
            ],
        }


def cn_number(label: str) -> int:
    """第一百二十三条 → 123 (the main number; 之一 is not counted)."""
    digits = re.match(r"第([零一二三四五六七八九十百千两〇]+)", label)
    total, unit_value, current = 0, 0, 0
    for ch in digits.group(1) if digits else "":
        if ch in "十百千":
            unit_value = {"十": 10, "百": 100, "千": 1000}[ch]
            total += (current or 1) * unit_value
            current = 0
        else:
            current = _CN.index(ch) if ch in _CN else 2 if ch == "两" else 0
    return total + current


def read_law(path: Path) -> Law | None:
    """The law in ``path``, or None when its body holds anything but labelled headings and
    articles (tables, appendices, preambles, unlabelled headings): those would need an answer
    key beyond articles."""
    text = path.read_text(encoding="utf-8")
    front, _ = split_md(text)
    if not front or not front[0].startswith("# "):
        return None
    articles = iter(expected_articles(text))
    law = Law(path, front[0][2:].strip(), [ln for ln in front[1:] if not ln.startswith("#")])
    for item in _classify(text):
        if item.kind == "article":
            law.body.append(next(articles))
        elif item.kind == "heading":
            m = PLAIN_HEADING_RE.match(item.text)
            if not m:
                return None
            kind = re.sub(r"^第[^编章节]+", "", m.group(1))
            law.body.append(Heading(kind, m.group(1), re.sub(r"[ \u3000]", "", m.group(2) or "")))
        elif item.kind != "line" or item.article is None:
            return None
    return law if law.articles and all(_plain_lines(a) for a in law.articles) else None


def _plain_lines(article: ExpectedArticle) -> bool:
    """Every line a finished sentence, and no unmarked line between two items: the corpus's
    reading rule counts such a line as a 款, while a typesetter (and the parser) may rightly
    take it as the item's continuation — an answer key must not depend on that choice."""
    if any(p[-1] not in SENTENCE_END for p in article.paragraphs):
        return False
    marks = "".join("i" if ITEM_RE.match(p) else "p" for p in article.paragraphs)
    return not re.search(r"ip+i", marks)


def _excluded_names() -> set[str]:
    names = set(_USED_ELSEWHERE)
    if REALDOCS.is_dir():
        for f in REALDOCS.rglob("*"):
            if f.suffix == ".json":
                names |= {d["title"] for d in json.loads(f.read_text(encoding="utf-8"))["documents"]}
            elif f.is_file():
                stem = re.sub(r"^\d{4}-|_\d{8}$|-\d{4}-.*$", "", f.stem)
                names.add(stem.removeprefix("中华人民共和国"))
    return {n for n in names if n}


def read_outline(path: Path) -> Law | None:
    """A document without articles (一、 outlines) as its title and paragraphs; None when it
    has articles, tables or markup."""
    text = path.read_text(encoding="utf-8")
    front, body = split_md(text)
    lines = [ln.strip().lstrip("#").strip() for _, ln in body if ln.strip()]
    if not front or expected_articles(text) or not lines or any(ln[0] in "|<" for ln in lines):
        return None
    return Law(path, front[0][2:].strip(), [], outline=lines)


def read_document(path: Path) -> Law | None:
    """A law (:func:`read_law`) or an article-free document (:func:`read_outline`)."""
    return read_law(path) or read_outline(path)


def held_out_outlines() -> list[Law]:
    """行政法规 without any article (一、 outlines; outside both halves of the gazette split)
    and outside the corpus samples, as plain documents: a gazette issue carries such
    notices between its regulations."""
    sampled = set(sample_files())
    excluded = _excluded_names()
    out = []
    for f in sorted(set(corpus_files()) - sampled):
        if f.relative_to(CORPUS_DIR).parts[0] != "行政法规" or any(name in f.stem for name in excluded):
            continue
        doc = read_outline(f)
        if doc:
            out.append(doc)
    return out


def held_out_laws(folders: tuple[str, ...], lo: int, hi: int) -> list[Law]:
    """Readable held-out laws of ``folders`` with lo–hi articles, in corpus order."""
    _tune, held = gazette_halves()
    sampled = set(sample_files())
    excluded = _excluded_names()
    out = []
    for f in sorted(set(held) - sampled):
        if f.relative_to(CORPUS_DIR).parts[0] not in folders:
            continue
        if any(name in f.stem for name in excluded):
            continue
        law = read_law(f)
        if law and lo <= len(law.articles) <= hi:
            out.append(law)
    return out


def pick_laws(rng: random.Random, folders: tuple[str, ...], n: int, lo: int = 8, hi: int = 90,
              want: str = "") -> list[Law]:
    """n laws chosen by ``rng``; with ``want`` ("章", "节", "项") the first one has it."""
    pool = held_out_laws(folders, lo, hi)
    rng.shuffle(pool)
    if want:
        pool.sort(key=lambda law: not _has(law, want))
    return pool[:n]


def _has(law: Law, feature: str) -> bool:
    if feature == "项":
        item = re.compile(r"[（(][一二三四五六七八九十]+[）)]")
        return any(item.match(p) for a in law.articles for p in a.paragraphs)
    return any(h.kind == feature for h in law.headings)


def _spaced(heading: str) -> str:
    """总则 → 总　　则 (two-character headings are spread in print)."""
    return f"{heading[0]}\u3000\u3000{heading[1]}" if len(heading) == 2 else heading


def _note_line(law: Law) -> str:
    """The 题注 as one parenthesised line, as flk and the printed pages give it."""
    return "（" + "\u3000".join(re.sub(r"\s+", "", n) for n in law.notes) + "）" if law.notes else ""


def _key(laws: list[Law], fmt: str, furniture: list[str], layout: str) -> dict:
    """The answer key; ``layout`` names the generator's choices, to route a failure."""
    return {"format": fmt, "sources": [law.source for law in laws], "layout": layout, "furniture": furniture,
            "documents": [law.gold() for law in laws]}


def _write_key(path: Path, key: dict) -> None:
    path.with_suffix(".gold.json").write_text(json.dumps(key, ensure_ascii=False, indent=1), encoding="utf-8")


# --------------------------------------------------------------------------------------
# 1. Gazette PDF (python-docx → LibreOffice)
# --------------------------------------------------------------------------------------

SERIF = "Noto Serif CJK SC"
SANS = "Noto Sans CJK SC"


def _font(run, name: str, size: float, bold: bool = False) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt

    run.font.name = name
    run.font.size = Pt(size)
    run.font.bold = bold
    rpr = run._element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    fonts.set(qn("w:eastAsia"), name)


def _para(doc, text: str = "", align: str = "justify", indent: bool = True, font: str = SERIF,
          size: float = 16, bold_prefix: str = "", bold: bool = False, page_break: bool = False):
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
    from docx.shared import Pt

    p = doc.add_paragraph()
    fmt = p.paragraph_format
    fmt.alignment = {"justify": WD_ALIGN_PARAGRAPH.JUSTIFY, "centre": WD_ALIGN_PARAGRAPH.CENTER,
                     "right": WD_ALIGN_PARAGRAPH.RIGHT, "left": WD_ALIGN_PARAGRAPH.LEFT}[align]
    fmt.first_line_indent = Pt(2 * size) if indent else None
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(28.9)
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.page_break_before = page_break
    if bold_prefix:
        _font(p.add_run(bold_prefix), SANS if font == SANS else SERIF, size, bold=True)
    if text:
        _font(p.add_run(text), font, size, bold=bold)
    return p


def _page_field(paragraph, before: str, after: str) -> None:
    """``before`` PAGE ``after`` as a live field, the way Word numbers pages."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    _font(paragraph.add_run(before), SERIF, 14)
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None)):
        run = paragraph.add_run()
        _font(run, SERIF, 14)
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        else:
            el = OxmlElement("w:instrText" if text == " PAGE " else "w:t")
            el.set(qn("xml:space"), "preserve")
            el.text = text
        run._element.append(el)
    _font(paragraph.add_run(after), SERIF, 14)


@dataclass
class GazetteStyle:
    city: str
    issue: str  # 2023年第5期
    dash: str  # "—" (GB/T 9704's 一字线) or "-"
    mirrored: bool  # odd pages' numbers on the right, even on the left
    header_issue: bool  # the issue number beside the gazette's name in the header

    @property
    def header(self) -> str:
        name = f"{self.city}人民政府公报"
        return f"{name}\u3000\u3000{self.issue}" if self.header_issue else name

    def furniture(self) -> list[str]:
        d = re.escape(self.dash)
        out = [re.escape(f"{self.city}人民政府公报"), rf"{d}\s*\d+\s*{d}", "公开方式"]
        return out + ([re.escape(self.issue)] if self.header_issue else [])


def _gazette_furniture(doc, style: GazetteStyle) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm

    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.header_distance, section.footer_distance = Mm(20), Mm(20)
    footers = [(section.footer, WD_ALIGN_PARAGRAPH.CENTER)]
    if style.mirrored:
        doc.settings.odd_and_even_pages_header_footer = True
        footers = [(section.footer, WD_ALIGN_PARAGRAPH.RIGHT), (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)]
    headers = [section.header] + ([section.even_page_header] if style.mirrored else [])
    for header in headers:
        p = header.paragraphs[0]
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _font(p.add_run(style.header), SERIF, 10.5)
    for footer, align in footers:
        p = footer.paragraphs[0]
        p.alignment = align
        _page_field(p, f"{style.dash} ", f" {style.dash}")


def _cn_date(rng: random.Random, year: int) -> tuple[str, str]:
    """Two dates of ``year``, the second after the first (adoption, effect)."""
    month = rng.randint(1, 9)
    return f"{year}年{month}月{rng.randint(1, 28)}日", f"{year}年{month + rng.randint(1, 3)}月1日"


def _decree(doc, law: Law, style: GazetteStyle, rng: random.Random, number: int) -> str:
    adopted, effective = _cn_date(rng, 2023)
    _para(doc, f"{style.city}人民政府令", "centre", False, SANS, 22, page_break=True)
    _para(doc, f"第{number}号", "centre", False, SERIF, 16)
    _para(doc)
    _para(doc, f"《{law.title}》已经{adopted}市人民政府第16届{rng.randint(10, 60)}次常务会议通过，"
               f"现予公布，自{effective}起施行。")
    _para(doc, f"市长\u3000\u3000{rng.choice(_MAYORS)}\u3000\u3000", "right", False)
    _para(doc, f"{adopted}\u3000\u3000", "right", False)
    _para(doc)
    return f"（{adopted}{style.city}人民政府令第{number}号公布\u3000自{effective}起施行）"


def _notice(doc, law: Law, style: GazetteStyle, rng: random.Random, number: int) -> str:
    adopted, _ = _cn_date(rng, 2023)
    prefix = style.city[0]
    _para(doc, f"{style.city}人民政府办公厅文件", "centre", False, SANS, 22, page_break=True)
    _para(doc, f"{prefix}政办规〔2023〕{number}号", "centre", False)
    _para(doc, f"{style.city}人民政府办公厅关于印发{law.title}的通知", "centre", False, SANS, 22)
    _para(doc, "各区、县（市）人民政府，市政府各部门、各直属单位：", "left", False)
    _para(doc, f"《{law.title}》已经市人民政府同意，现印发给你们，请认真贯彻执行。")
    _para(doc, f"{style.city}人民政府办公厅\u3000\u3000", "right", False)
    _para(doc, f"{adopted}\u3000\u3000", "right", False)
    _para(doc)
    return ""


def _law_body(doc, law: Law, note: str, gap: str) -> None:
    """Title, the decree's 题注 (when given), headings and articles; ``gap`` separates the
    bold label from the text (a full-width space, or spaces typed by hand)."""
    _para(doc, law.title, "centre", False, SANS, 22)
    if note:
        _para(doc, note, "centre", False, SERIF, 14)
    _para(doc)
    for block in law.body:
        if isinstance(block, Heading):
            font = SANS if block.depth <= 3 else SERIF
            _para(doc, f"{block.label}\u3000{_spaced(block.heading)}", "centre", False, font, 16,
                  bold=block.depth > 3)
            continue
        first, *rest = block.paragraphs
        _para(doc, first, bold_prefix=block.label + gap, font=SERIF)
        for line in rest:
            _para(doc, line)
    _para(doc, "公开方式：主动公开", "left", False)


def _outline_body(doc, law: Law, rng: random.Random) -> None:
    """A notice in 一、 outline: title, paragraphs, issuer and date, 公开方式."""
    _para(doc, law.title, "centre", False, SANS, 22, page_break=True)
    _para(doc)
    for line in law.outline:
        outline_heading = re.match(r"^[一二三四五六七八九十]+、", line) and len(line) <= 30
        _para(doc, line, font=SANS if outline_heading else SERIF)
    _para(doc)
    _para(doc, "国务院\u3000\u3000", "right", False)
    year = re.search(r"\((\d{4})-", law.path.stem)
    signed = f"{year[1] if year else 1990}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日"
    _para(doc, signed + "\u3000\u3000", "right", False)
    _para(doc, "公开方式：主动公开", "left", False)


def build_gazette_docx(laws: list[Law], style: GazetteStyle, rng: random.Random, out: Path) -> None:
    from docx import Document

    doc = Document()
    _gazette_furniture(doc, style)
    for k, law in enumerate(laws):
        if law.outline:
            _outline_body(doc, law, rng)
            continue
        front = _decree if rng.random() < 0.5 else _notice
        note = front(doc, law, style, rng, rng.randint(150, 260))
        if k == 0:  # the very first paragraph must not break before the first page
            doc.paragraphs[0].paragraph_format.page_break_before = False
        _law_body(doc, law, note if rng.random() < 0.6 else "", rng.choice(("\u3000", "  ")))
    doc.save(str(out))


def soffice_pdf(docx: Path, outdir: Path) -> Path:
    """LibreOffice's PDF of ``docx`` (the gazette producer: Writer → LibreOffice 7.4)."""
    with tempfile.TemporaryDirectory() as home:
        subprocess.run(["soffice", f"-env:UserInstallation=file://{home}/lo", "--headless",
                        "--convert-to", "pdf", "--outdir", str(outdir), str(docx)],
                       check=True, capture_output=True, timeout=300, env={"HOME": home, "PATH": "/usr/bin:/bin"})
    return outdir / (docx.stem + ".pdf")


def make_gazette(out: Path, seed: str, n_docs: int, want: str = "", notice: bool = False) -> Path:
    """A gazette issue of n_docs regulations, and with ``notice`` a notice in 一、 outline
    among them (its answer key: the title, no articles)."""
    rng = random.Random(f"{UNSEEN_SEED}:gazette:{seed}")
    laws = pick_laws(rng, ("行政法规", "部门规章"), n_docs, 6, 60, want)
    if notice:
        laws.insert(rng.randrange(1, len(laws) + 1), rng.choice(held_out_outlines()))
    style = GazetteStyle(rng.choice(_CITIES), f"2023年第{rng.randint(1, 24)}期", rng.choice("—-"),
                         rng.random() < 0.5, rng.random() < 0.5)
    with tempfile.TemporaryDirectory() as tmp:
        docx = Path(tmp) / (out.stem + ".docx")
        build_gazette_docx(laws, style, rng, docx)
        shutil.move(str(soffice_pdf(docx, Path(tmp))), out)
    _write_key(out, _key(laws, "gazette-pdf", style.furniture(), repr(style)))
    return out


# --------------------------------------------------------------------------------------
# 2. Browser-printed law pages, 3. flk altChunk Word files
# --------------------------------------------------------------------------------------

def _page_css(rng: random.Random) -> str:
    """Paper, margins and type vary between sites and printers: the line width (what a full
    line is) must come from the page, not from one site's numbers."""
    paper = rng.choice(("A4", "letter", "A4"))
    return (f"@page{{size:{paper};margin:{rng.choice((10, 15, 20))}mm}}"
            f"body{{font-family:'Noto Sans CJK SC',sans-serif;font-size:{rng.choice((14, 15, 16, 17))}px;"
            f"line-height:{rng.choice((1.5, 1.7, 1.9))};margin:{rng.choice((0, 24))}px}}"
            "h1{text-align:center;font-size:26px}h2,h3{font-size:19px;text-align:center}")


def law_html(law: Law, mode: str, toc: bool) -> str:
    """A law web page as the Markdown converters write it: h1 title, 题注 paragraph with
    ``<br />`` lines, optional 目录, h2/h3 headings, and the articles in one of three ways
    (``mode``): one ``<p>`` per article with its 款 and 项 as ``<br />`` lines, one ``<p>`` per
    款 or 项, or a whole chapter in one ``<p>`` (flk pages do that too)."""
    e = html.escape
    parts = [f"<h1>{e(law.title)}</h1>"]
    if law.notes:
        parts.append("<p>（" + "<br />\n".join(e(n) for n in law.notes) + "）</p>")
    if toc and law.headings:
        parts.append("<p><em><strong>目\u3000\u3000录</strong></em></p>")
        links = [f'<a href="#{e(h.label)}">{e(h.label)} {e(h.heading)}</a>' for h in law.headings]
        parts.append("<p>" + "<br />\n".join(links) + "</p>")
    chapter: list[str] = []
    for block in law.body:
        if isinstance(block, Heading):
            if chapter:
                parts.append("<p>" + "<br />\n".join(chapter) + "</p>")
                chapter = []
            tag = "h2" if block.depth <= 3 else "h3"
            parts.append(f'<{tag} id="{e(block.label)}">{e(block.label)} {e(_spaced(block.heading))}</{tag}>')
            continue
        lines = [e(f"{block.label} {block.paragraphs[0]}"), *map(e, block.paragraphs[1:])]
        if mode == "article":
            parts.append("<p>" + "<br />\n".join(lines) + "</p>")
        elif mode == "paragraph":
            parts.extend(f"<p>{ln}</p>" for ln in lines)
        else:
            chapter.extend(lines)
    if chapter:
        parts.append("<p>" + "<br />\n".join(chapter) + "</p>")
    return "\n".join(parts)


def chromium_pdf(page: Path, out: Path, header_footer: bool) -> None:
    with tempfile.TemporaryDirectory() as profile:
        args = ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                f"--user-data-dir={profile}", f"--print-to-pdf={out}"]
        if not header_footer:
            args.append("--no-pdf-header-footer")
        subprocess.run([*args, page.as_uri()], check=True, capture_output=True, timeout=300)


def make_browser_pdf(out: Path, seed: str, header_footer: bool, want: str = "", hi: int = 120) -> Path:
    rng = random.Random(f"{UNSEEN_SEED}:browser:{seed}")
    (law,) = pick_laws(rng, _NATIONAL, 1, 10, hi, want)
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / f"{law.title}.html"
        mode, toc, css = rng.choice(("article", "paragraph")), rng.random() < 0.7, _page_css(rng)
        body = law_html(law, mode, toc)
        page.write_text(f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{html.escape(law.title)}'
                        f"</title><style>{css}</style></head><body>{body}</body></html>", encoding="utf-8")
        chromium_pdf(page, out, header_footer)
    furniture = [r"file://", r"\d{1,2}/\d{1,2}/\d{2}, \d{1,2}:\d{2}", r"(?<![\d/])\d{1,3}/\d{1,3}(?![\d/])"]
    _write_key(out, _key([law], "pdf", furniture if header_footer else [r"目\s*录"],
                          f"{mode} per <p>, 目录 {toc}, {css.split('h1')[0]}"))
    return out


_NATIONAL = ("行政法", "经济法", "社会法", "宪法相关法", "民法商法", "诉讼与非诉讼程序法")
_DOCUMENT_XML = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document
  xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"
  xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
  <w:body>
    <w:altChunk r:id="htmlChunk" />
    <w:sectPr>
      <w:pgSz w:w="12240" w:h="15840" w:orient="portrait" />
      <w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" w:header="720" w:footer="720" w:gutter="0"/>
    </w:sectPr>
  </w:body>
</w:document>
"""
_CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
  <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml" />
  <Override PartName="/word/document.xml" ContentType=
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
  <Override PartName="/word/afchunk.mht" ContentType="message/rfc822"/>
</Types>
"""
_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
  <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>
"""
_DOC_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
  <Relationship Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/aFChunk"
    Target="/word/afchunk.mht" Id="htmlChunk" />
</Relationships>
"""
_MHT_STYLE = ("table { border-collapse: collapse; width: 100%; }\n"
              "        table td, table th { border: 1px solid #ccc; padding: 2px; }")


def _mht(body: str) -> bytes:
    """The MIME page flk puts in a Word file: declared quoted-printable, written as raw
    UTF-8 with only ``=`` escaped (what the real files hold)."""
    page = (f'<html><head><meta charset="utf-8" /><style>\n        {_MHT_STYLE}\n    </style></head>'
            f"<body>{body}\n</body></html>").replace("=", "=3D")
    head = ('MIME-Version: 1.0\nContent-Type: multipart/related;\n    type="text/html";\n'
            '    boundary="----=mhtDocumentPart"\n\n\n------=mhtDocumentPart\nContent-Type: text/html;\n'
            '    charset="utf-8"\nContent-Transfer-Encoding: quoted-printable\n'
            "Content-Location: file:///C:/fake/document.html\n\n")
    return (head + page + "\n\n\n\n------=mhtDocumentPart--\n").encode("utf-8")


def _code_blocks(body: str, rng: random.Random) -> str:
    """flk's pages put some chapters in ``<pre><code>`` (one article or 款 a line); do that
    for one chapter of a per-款 page."""
    chunks = re.split(r"(?=<h2)", body)
    if len(chunks) < 3:
        return body
    k = rng.randrange(1, len(chunks))
    head, _, rest = chunks[k].partition("\n")
    lines = [html.unescape(re.sub(r"</?p>", "", ln)) for ln in rest.splitlines() if ln.strip()]
    chunks[k] = head + "\n<pre><code>" + "\n".join(html.escape(ln, quote=False) for ln in lines) + "\n</code></pre>\n"
    return "".join(chunks)


def make_altchunk(out: Path, seed: str, want: str = "", hi: int = 120) -> Path:
    import zipfile

    rng = random.Random(f"{UNSEEN_SEED}:altchunk:{seed}")
    (law,) = pick_laws(rng, _NATIONAL, 1, 10, hi, want)
    mode = rng.choice(("article", "paragraph", "chapter"))
    body = law_html(law, mode, toc=True)
    if mode == "paragraph":
        body = _code_blocks(body, rng)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", _CONTENT_TYPES)
        z.writestr("_rels/.rels", _RELS)
        z.writestr("word/_rels/document.xml.rels", _DOC_RELS)
        z.writestr("word/document.xml", _DOCUMENT_XML)
        z.writestr("word/afchunk.mht", _mht(body))
    _write_key(out, _key([law], "docx", [r"目\s*录"], f"{mode} per <p>"))
    return out


# --------------------------------------------------------------------------------------
# 4. gov.cn pages of 行政法规
# --------------------------------------------------------------------------------------

_P = '<p align="" style="margin-top: 0px; margin-bottom: 0px; text-indent: 2em; text-align: justify;">'
_C = '<p style="margin-top: 0px; margin-bottom: 0px; text-align: center;">'
_R = '<p style="margin-top: 0px; margin-bottom: 0px; text-align: right;">'
_NAV = ('<div id="div_div"><div id="qr_container" style="margin:auto; position:relative;">扫一扫在手机打开当前页'
        '</div></div><table width="650" style="border-top:1px solid #333333;margin-top:18px;"><tbody><tr>'
        '<td height="60" align="center"><a href="#" onclick="javascript:window.print()">【打印】</a> '
        '<a href="#" onclick="window.close()">【关闭窗口】</a></td></tr></tbody></table>')


def _decree_number(law: Law, rng: random.Random) -> int:
    stated = re.findall(r"国务院令第(\d+)号", "".join(law.notes))
    return int(stated[-1]) if stated else rng.randint(600, 780)


def govcn_page(law: Law, rng: random.Random, style: str) -> str:
    e = html.escape
    number = _decree_number(law, rng)
    year = rng.randint(2015, 2019)
    written = f"{year}年{rng.randint(1, 12):02d}月{rng.randint(1, 28):02d}日"
    published = written[:-3] + f"{min(28, int(written[-3:-1]) + rng.randint(1, 5)):02d}日"
    meta = [("索 引 号：", f"000014349/{year}-{rng.randint(100, 999):05d}", "主题分类：", "综合政务\\\\其他"),
            ("发文机关：", "国务院", "成文日期：", written),
            ("发文字号：", f"国令第{number}号", "发布日期：", published)]
    rows = []
    for a, b, c, d in meta[:2]:
        rows.append(f"<tr><td><b>{a}</b></td><td>{b}</td><td><b>{c}</b></td><td>{d}</td></tr>")
    rows.append(f'<tr><td><b>标\u3000\u3000题：</b></td><td colspan="3">{e(law.title)}</td></tr>')
    a, b, c, d = meta[2]
    rows.append(f"<tr><td><b>{a}</b></td><td>{b}</td><td><b>{c}</b></td><td>{d}</td></tr>")
    body = [f'{_C}<span style="font-size: 18pt; font-weight: bold;">中华人民共和国国务院令</span></p>',
            f'{_C}<span style="font-family: 楷体, 楷体_GB2312;">第{number}号</span></p>', f"{_C}<br> </p>",
            f"{_P}现公布《{e(law.title)}》，自{published[:5]}{rng.randint(1, 12)}月1日起施行。</p>",
            f"{_R}\u3000\u3000总理\u3000\u3000{rng.choice(_MAYORS)} &nbsp; &nbsp; &nbsp;</p>",
            f"{_R}{written.replace('年0', '年').replace('月0', '月')}&nbsp;&nbsp;&nbsp;&nbsp;</p>", f"{_P}<br> </p>",
            f'{_C}<span style="font-size: 18pt; font-weight: bold;">{e(law.title)}</span></p>']
    if law.notes:
        body.append(f'{_P}<span style="font-family: 楷体, 楷体_GB2312;">{e(_note_line(law))}</span></p>')
    body += _govcn_body(law, style)
    return ('<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>'
            f"{e(law.title)}_国务院文件_中国政府网</title></head>\n<body>\n"
            '<div class="wrap" style=" font-family:宋体"><table width="930" style="border:1px solid #999999;">'
            '<tbody><tr><td><table width="860" class="bd1"><tbody>' + "".join(rows) + "</tbody></table>"
            '<table width="860" class="bd1"><tbody><tr><td width="70" valign="top"><b>主 题 词：</b></td>'
            "<td></td><td></td><td></td></tr></tbody></table></td></tr></tbody></table><br>"
            '<table width="930"><tbody><tr><td width="675" valign="top"><table width="650"><tbody><tr>'
            '<td class="b12c" id="UCAP-CONTENT">' + " ".join(body) + "</td></tr><tr><td></td></tr></tbody></table>"
            "<!--/enpcontent-->" + _NAV + '</td><td valign="top"><iframe id="frame_content" '
            'src="http://www.gov.cn/zhengce/index.htm" width="100%" height="1150"></iframe></td></tr>'
            "</tbody></table></div>\n</body></html>\n")


def _govcn_body(law: Law, style: str) -> list[str]:
    """The law's headings and articles as gov.cn pages write them: ``css`` — one ``<p>`` per
    款 indented by CSS, bold labels; ``fullwidth`` — older pages, indented by two U+3000 in
    the text; ``br`` — a chapter's paragraphs as ``<br>`` lines of one ``<p>``."""
    e = html.escape
    out: list[str] = []
    lines: list[str] = []
    for block in law.body:
        if isinstance(block, Heading):
            if lines:
                out.append("<p>" + "<br>".join(lines) + "</p>")
                lines = []
            out += [f"{_P}<br> </p>", f'{_C}<span style="font-weight: bold;">{e(block.label)}\u3000'
                    f"{e(_spaced(block.heading))}</span></p>", f"{_P}<br> </p>"]
            continue
        first = f"{e(block.label)}\u3000{e(block.paragraphs[0])}"
        if style == "css":
            label = f'<span style="font-weight: bold;">{e(block.label)}</span>'
            out.append(f"{_P}{label}\u3000{e(block.paragraphs[0])}</p>")
            out.extend(f"{_P}{e(p)}</p>" for p in block.paragraphs[1:])
        elif style == "fullwidth":
            out.extend(f"<p>\u3000\u3000{t}</p>" for t in [first, *map(e, block.paragraphs[1:])])
        else:
            lines.extend(f"\u3000\u3000{t}" for t in [first, *map(e, block.paragraphs[1:])])
    if lines:
        out.append("<p>" + "<br>".join(lines) + "</p>")
    return out


def make_govcn(out: Path, seed: str, want: str = "") -> Path:
    rng = random.Random(f"{UNSEEN_SEED}:govcn:{seed}")
    (law,) = pick_laws(rng, ("行政法规",), 1, 10, 80, want)
    style = rng.choice(("css", "fullwidth", "br"))
    out.write_text(govcn_page(law, rng, style), encoding="utf-8")
    navigation = ["扫一扫", "打印", "关闭窗口", "索引号", "主题分类", "发布日期"]
    _write_key(out, _key([law], "html", navigation, style))
    return out


# --------------------------------------------------------------------------------------
# 5. flk text
# --------------------------------------------------------------------------------------


def flk_text(law: Law) -> str:
    lines = ["", law.title, ""]
    if law.notes:
        lines += [_note_line(law), ""]
    if law.headings:
        lines.append("目\u3000\u3000录")
        lines += [f"{h.label}\u3000{_spaced(h.heading)}" for h in law.headings]
        lines.append("")
    for block in law.body:
        if isinstance(block, Heading):
            lines += ["", f"{block.label}\u3000{_spaced(block.heading)}", ""]
        else:
            lines.append(f"{block.label}\u3000{block.paragraphs[0]}")
            lines.extend(block.paragraphs[1:])
    return "\r\n".join(lines) + "\r\n"


def make_flk_txt(out: Path, seed: str, encoding: str = "utf-8-sig", want: str = "", hi: int = 120) -> Path:
    rng = random.Random(f"{UNSEEN_SEED}:txt:{seed}")
    (law,) = pick_laws(rng, _NATIONAL, 1, 10, hi, want)
    out.write_bytes(flk_text(law).encode(encoding))
    _write_key(out, _key([law], "txt", [r"目\s*录"], encoding))
    return out


def tools_missing() -> list[str]:
    return [t for t in ("soffice", "chromium") if not shutil.which(t)]





def generate_all(out: Path, small: bool = False, rounds: int = 1) -> list[Path]:
    """Every format into ``out``.  ``small``: the nine small files committed under
    tests/data/unseen; otherwise ``rounds`` files per format and variant, each round drawing
    other laws and other layouts."""
    out.mkdir(parents=True, exist_ok=True)
    if small:
        return [
            make_gazette(out / "gazette_a.pdf", "a", 2, "章"),
            make_gazette(out / "gazette_b.pdf", "b", 1, "项", notice=True),
            make_browser_pdf(out / "browser_a.pdf", "a", True, "章", 60),
            make_browser_pdf(out / "browser_b.pdf", "b", False, "节", 60),
            make_altchunk(out / "altchunk_a.docx", "a", "章", 60),
            make_altchunk(out / "altchunk_b.docx", "b", "项", 60),
            make_govcn(out / "govcn_a.html", "a", "章"),
            make_govcn(out / "govcn_b.html", "b", "项"),
            make_flk_txt(out / "flk_a.txt", "a", "utf-8-sig", "章", 60),
        ]
    files = []
    for r in range(rounds):
        want = ("章", "节", "项", "")[r % 4]
        files += [
            make_gazette(out / f"gazette_{r}.pdf", f"full{r}", 1 + r % 3, want, notice=r % 2 == 1),
            make_browser_pdf(out / f"browser_{r}.pdf", f"full{r}", True, want, 400),
            make_browser_pdf(out / f"browser_{r}_bare.pdf", f"bare{r}", False, want, 400),
            make_altchunk(out / f"altchunk_{r}.docx", f"full{r}", want, 400),
            make_govcn(out / f"govcn_{r}.html", f"full{r}", want),
            make_flk_txt(out / f"flk_{r}.txt", f"full{r}", "utf-8-sig", want, 400),
            make_flk_txt(out / f"flk_{r}_gb18030.txt", f"gb{r}", "gb18030", want, 400),
        ]
    return files
