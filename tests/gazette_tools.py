"""Gazette issues made from corpus laws, as PDF text extraction gives them.

Several laws in one extract, each opened by a 政府令 or 印发通知 head and closed by
公开方式; hard wraps at 28–40 columns, indents kept or dropped, blank lines after every
line, between paragraphs or nowhere, page footers and running headers, page breaks
anywhere.  The answer key is the laws' Markdown, read by
:func:`tests.corpus_tools.expected_articles`.  Split from corpus_tools: that module reads
and scores the corpus, this one typesets it.
"""
from __future__ import annotations

import random
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from tests.corpus_tools import (
    BREAK_TOLERANCE,
    CORPUS_DIR,
    FOOTER_TEXT,
    PLAIN_HEADING_RE,
    _CLOSING,
    _FW_DIGITS,
    _INVISIBLE,
    _TOKEN_RE,
    ExpectedArticle,
    _garble,
    _law_paragraphs,
    _Para,
    _spaced_heading,
    _Tok,
    _wrap,
    corpus_files,
    expected_articles,
    split_md,
)

# --------------------------------------------------------------------------------------
# Gazette issues: several laws in one extract, as PDF text extraction varies
# --------------------------------------------------------------------------------------

#: Closing punctuation of clean extracts: never starts a line (避头).
_PLAIN_CLOSING = frozenset("，。；：、）》〉”’！？%％")
_CITIES = ("广州市", "深圳市", "珠海市", "佛山市", "东莞市", "清远市")
_HEADERS = (
    ("{city}人民政府公报",),
    ("{city}人民政府公报 {year}年第{issue}期",),
    ("{city}人民政府公报", "{year}年第{issue}期"),
    ("{city}人民政府公报", "市政府文件"),
)
_FOOTERS = ("dash", "hyphen", "of_total", "gazette", "bare", "none")  # none: no page numbers


def _plain(text: str) -> list[_Tok]:
    """Tokens of a paragraph as a clean extractor (pdftotext, pdfium) gives it: characters
    as printed, Chinese punctuation intact; digits and Latin letters half-width and
    unbreakable; a space survives only where the source has one.  A run of closing marks
    (``”，``) is set in one column, so it hangs at a line end as one mark."""
    toks: list[_Tok] = []
    for m in _TOKEN_RE.finditer(text):
        s = m.group()
        if s in _PLAIN_CLOSING and toks and toks[-1].text[-1] in _PLAIN_CLOSING:
            toks[-1].text += s
        elif m.group("space"):
            if "\u3000" in s:
                toks.append(_Tok("\u3000", 1.0))
            elif toks:
                toks[-1].gap = True
        elif m.group("num") or m.group("latin"):
            toks.append(_Tok(s, sum(0.5 if c.isascii() else 1.0 for c in s)))
        elif s not in _INVISIBLE:
            toks.append(_Tok(s, 0.5 if s.isascii() else 1.0))
    return toks


def _plain_heading(text: str) -> str:
    """``第一章 总则`` → ``第一章　总　　则`` as GB/T 9704 centres a heading."""
    m = PLAIN_HEADING_RE.match(text)
    label, title = (m.group(1), (m.group(2) or "").strip()) if m else ("", text)
    compact = re.sub(r"[ \u3000]+", "", title)
    title = compact[0] + "\u3000\u3000" + compact[1] if len(compact) == 2 else title
    return f"{label}\u3000{title}" if label and title else (label or title)


@dataclass
class GazetteLayout:
    """How one gazette file was typeset and extracted (drawn per file, see :meth:`draw`)."""

    width: int  # CJK columns of a full line
    per_page: int  # body lines per page
    first_page: int
    garbled: bool  # the seeds' font mapping (Yi-syllable punctuation, full-width digits)
    indent: str  # what extraction keeps of a first-line indent ("" when it drops it)
    blanks: str  # "every" line followed by a blank | blank lines between "paras" | "none"
    footer: str  # one of _FOOTERS ("none": pages carry no number)
    headers: tuple[str, ...]  # running headers, alternating page by page (none: ())
    furniture_blanks: bool  # blank lines around the page furniture
    stray_blank: float  # chance of a blank line after a line that stops mid-sentence
    new_page_per_document: bool

    @classmethod
    def draw(cls, rng: random.Random) -> GazetteLayout:
        garbled = rng.random() < 0.35
        footer = rng.choice(_FOOTERS)
        city = rng.choice(_CITIES)
        headers: tuple[str, ...] = ()
        if rng.random() < 0.6:
            year, issue = rng.randint(2015, 2024), rng.randint(1, 36)
            headers = tuple(h.format(city=city, year=year, issue=issue) for h in rng.choice(_HEADERS))
        return cls(
            width=rng.randint(28, 40),
            per_page=rng.randint(22, 34),
            first_page=1 if footer == "of_total" else rng.randint(1, 80),
            garbled=garbled,
            indent="" if garbled or rng.random() < 0.5 else rng.choice(("  ", "\u3000\u3000", "    ")),
            blanks=rng.choice(("every", "paras", "none")),
            footer=footer,
            headers=headers,
            furniture_blanks=rng.random() < 0.6,
            stray_blank=rng.choice((0.0, 0.0, 0.02, 0.05)),
            new_page_per_document=rng.random() < 0.5,
        )


@dataclass
class Gazette:
    """A rendered gazette file and its answer key.

    ``expected`` holds each document's articles (:func:`expected_articles` of its law);
    ``ambiguous`` indexes the concatenation of ``expected`` like :attr:`PdfLike.ambiguous`:
    articles with a paragraph break the extract does not show (no kept indent, no blank
    line between paragraphs, the paragraph's last line within :data:`BREAK_TOLERANCE` of
    full and the next paragraph without a marker).
    """

    text: str
    layout: GazetteLayout
    names: list[str]
    expected: list[list[ExpectedArticle]]
    ambiguous: set[int] = field(default_factory=set)

    @property
    def articles(self) -> list[ExpectedArticle]:
        return [a for doc in self.expected for a in doc]


def _front_matter(title: str, rng: random.Random, tokens: Callable[[str], list[_Tok]]) -> list[_Para]:
    """A 政府令 head or an 印发 notice, as split.py's document openers expect them."""
    city = rng.choice(_CITIES)
    year = rng.randint(2010, 2024)
    signed = f"{year}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日"
    if rng.random() < 0.5:
        lines = [
            (f"{city}人民政府令", 0, "centre"),
            (f"第{rng.randint(1, 220)}号", 0, "centre"),
            (f"《{title}》已经{signed}市人民政府第{rng.randint(12, 16)}届{rng.randint(1, 90)}次常务会议"
             f"通过，现予公布，自{year + 1}年1月1日起施行。", 2, "left"),
            ("市\u3000\u3000长\u3000\u3000" + rng.choice(("郭永航", "温国辉", "王伟中")), 0, "right"),
            (signed, 0, "right"),
        ]
    else:
        issuer = f"{city}人民政府办公厅"
        lines = [
            (f"{issuer}文件", 0, "centre"),
            (f"穗府办规〔{year}〕{rng.randint(1, 40)}号", 0, "centre"),
            (f"{issuer}关于印发{title}的通知", 0, "centre"),
            ("各区人民政府，市政府各部门、各直属机构：", 0, "left"),
            (f"《{title}》已经市人民政府同意，现印发给你们，请认真贯彻执行。执行中遇到的问题，"
             "请径向市司法局反映。", 2, "left"),
            (issuer, 0, "right"),
            (signed, 0, "right"),
        ]
    return [_Para(tokens(text), indent, None, True, align) for text, indent, align in lines]


def _furniture_line(layout: GazetteLayout, page: int, pages: int) -> str | None:
    style = layout.footer
    if style == "none":
        return None
    if style == "dash":
        return f"— {page} —"
    if style == "hyphen":
        return f"- {page} -"
    if style == "of_total":
        return f"第 {page} 页 共 {pages} 页"
    if style == "gazette":
        if layout.garbled:
            return f"{str(page)[::-1].translate(_FW_DIGITS)}{' ' if page % 2 == 0 else ''}{FOOTER_TEXT}"
        return f"{page}（本文与正式文件同等效力）"
    return str(page)


def render_gazette(md_texts: Sequence[str], seed: int | str = 0, names: Sequence[str] = ()) -> Gazette:
    """Typeset several corpus laws as one gazette issue and extract it as text.

    Each law becomes a document with a 政府令 or 印发通知 head, its title (history lines in
    half the documents), its body and the closer ``公开方式：主动公开``.  Per file (seeded)
    the extraction varies as real extractors do: width 28–40 columns, clean or
    seed-garbled characters, first-line indents kept (two spaces, two full-width spaces,
    four spaces; centred and right-aligned lines then keep their offsets) or dropped,
    blank lines after every line, between paragraphs or nowhere, page footers
    (``— 3 —``, ``- 3 -``, ``第 3 页 共 9 页``, ``13（本文与正式文件同等效力）``, a bare
    number, or none), running headers (one, or two alternating), page breaks anywhere — mid-
    paragraph and mid-sentence — and stray blank lines inside wrapped sentences.
    """
    rng = random.Random(f"gazette:{seed}")
    layout = GazetteLayout.draw(rng)
    tokens = _garble if layout.garbled else _plain
    heading = _spaced_heading if layout.garbled else _plain_heading
    closing = _CLOSING if layout.garbled else _PLAIN_CLOSING
    expected: list[list[ExpectedArticle]] = []
    paras: list[_Para] = []
    doc_starts: set[int] = set()
    for md_text in md_texts:
        offset = sum(len(e) for e in expected)
        expected.append(expected_articles(md_text))
        front, _body = split_md(md_text)
        title = next((line.lstrip("#").strip() for line in front if line.startswith("#")), "")
        doc_starts.add(len(paras))
        paras.extend(_front_matter(title, rng, tokens))
        for p in _law_paragraphs(md_text, tokens, heading, history=rng.random() < 0.5):
            if p.article is not None:
                p.article += offset
            paras.append(p)
        paras.append(_Para(tokens("公开方式：主动公开"), 0, None, True))

    # physical lines: (text, columns used, paragraph index, first line, last line)
    lines: list[tuple[str, float, int, bool, bool]] = []
    for k, p in enumerate(paras):
        wrapped = _wrap(p.toks, layout.width, p.indent, closing)
        for j, (text, used) in enumerate(wrapped):
            lines.append((text, used, k, j == 0, j == len(wrapped) - 1))
    pages: list[list[int]] = [[]]
    for i, (_t, _u, k, first, _l) in enumerate(lines):
        new_doc = first and k in doc_starts and k > 0 and layout.new_page_per_document
        if len(pages[-1]) == layout.per_page or (new_doc and pages[-1]):
            pages.append([])
        pages[-1].append(i)
    page_of = {i: n for n, page in enumerate(pages) for i in page}

    ambiguous: set[int] = set()
    ends = {k: i for i, (_t, _u, k, _f, last) in enumerate(lines) if last}
    for k, p in enumerate(paras[:-1]):
        nxt = paras[k + 1]
        if nxt.marker or k not in ends or layout.indent:
            continue
        i = ends[k]
        _text, used, _k, first, _last = lines[i]
        cap = layout.width - p.indent if first else layout.width
        shown = layout.blanks == "paras" and page_of[i] == page_of.get(i + 1, -1)
        if used >= cap - BREAK_TOLERANCE and not shown:
            ambiguous.update(a for a in (p.article, nxt.article) if a is not None)

    out: list[str] = []

    def blank() -> None:
        if out and out[-1] != "":
            out.append("")

    def furniture(text: str) -> None:
        if layout.furniture_blanks or layout.blanks == "every":
            blank()
        out.append(_offset(text, layout, "centre"))
        if layout.furniture_blanks or layout.blanks == "every":
            out.append("")

    for n, page in enumerate(pages):
        number = layout.first_page + n
        page_top = len(out)
        if layout.headers:
            furniture(layout.headers[n % len(layout.headers)])
        for i in page:
            text, used, k, first, last = lines[i]
            p = paras[k]
            if layout.blanks == "paras" and first:
                blank()
            if layout.indent:
                text = _offset(text, layout, p.align, used) if p.align != "left" else (
                    layout.indent + text if first and p.indent else text)
            out.append(text)
            if layout.blanks == "every":
                out.append("")
            elif not last and rng.random() < layout.stray_blank and text[-1:] not in "。；：ꎮꎻ:":
                out.append("")
        footer = _furniture_line(layout, number, len(pages))
        if footer is not None:
            furniture(footer)
        elif n + 1 < len(pages) and (layout.furniture_blanks or layout.blanks == "every"):
            blank()  # the page's end shows only as the blank space before the next page's top
        if layout.garbled and not layout.indent and page_top < len(out):
            top = next(j for j in range(page_top, len(out)) if out[j])
            out[top] = " " + out[top]
    text = "\n".join(out).rstrip("\n") + "\n"
    return Gazette(text, layout, list(names), expected, ambiguous)


def _offset(text: str, layout: GazetteLayout, align: str, used: float | None = None) -> str:
    """Centred and right-aligned lines keep their offset only when extraction keeps layout."""
    if not layout.indent:
        return text
    if used is None:
        used = sum(0.5 if c.isascii() else 1.0 for c in text)
    spare = max(0.0, layout.width - used)
    return " " * round(spare if align == "centre" else 2 * spare) + text


#: Seed of the split of the corpus into laws to tune the parser on and laws held out.
GAZETTE_SPLIT_SEED = "gazette-extracts-split"


def gazette_halves(root: Path = CORPUS_DIR) -> tuple[list[Path], list[Path]]:
    """(tuning, held-out): the laws with at least one article, split in two by a seeded
    shuffle, so figures can be reported on laws nobody tuned the parser on."""
    laws = [f for f in corpus_files(root) if expected_articles(f.read_text(encoding="utf-8"))]
    random.Random(GAZETTE_SPLIT_SEED).shuffle(laws)
    half = len(laws) // 2
    return laws[:half], laws[half:]


def sample_gazettes(laws: Sequence[Path], n: int, name: str, root: Path = CORPUS_DIR) -> Iterator[Gazette]:
    """n gazette files (:func:`render_gazette`) of 1–3 consecutive laws of ``laws``
    (cycling if they run out), seeded by ``name``."""
    rng = random.Random(f"{GAZETTE_SPLIT_SEED}:{name}")
    pos = 0
    for g in range(n):
        picks = [laws[(pos + k) % len(laws)] for k in range(rng.choice((1, 2, 2, 3)))]
        pos += len(picks)
        names = [str(f.relative_to(root)) for f in picks]
        yield render_gazette([f.read_text(encoding="utf-8") for f in picks], seed=f"{name}:{g}", names=names)


