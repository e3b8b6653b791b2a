"""Ground truth at scale: the Markdown laws of shared/corpus/laws versus what the parser builds.

Three tools, deliberately independent of ``reader/`` so a parser bug cannot hide in a shared
helper:

* :func:`expected_articles` reads a corpus file the simple way (one Markdown line = one
  paragraph or item) and returns the articles a correct parser must find.
* :func:`to_pdf_like` re-typesets the same law the way the gazette PDFs in shared/seeds come
  out of a text extractor (hard wraps, blank lines, Yi-syllable punctuation, full-width
  digits, page footers with reversed page numbers …), so the plain-text path is measured on
  input that looks like the real thing, with the Markdown answer key still known.
* :func:`compare` aligns expected and parsed articles and scores labels, paragraph (款)
  counts and article text.

Reading rules of :func:`expected_articles` (decisions taken after surveying all 1,510 files):

* The body is everything after ``<!-- INFO END -->``; before it are the title (``#`` lines)
  and the history lines (题注), which are front matter, not articles.
* An article starts at a line matching ``第…条`` / ``第…条之…`` followed by a space or
  U+3000 (64,665 lines in the corpus), or with the space inside
  the label instead (``第一百二十四 条采用…``: five lines in 刑事诉讼法(2018) and its 2021
  interpretation). Its first paragraph is the rest of that line; every following non-blank
  line is a further paragraph or item line.
* An article ends at the next article, at any ``#`` heading, and at lines that are not
  article text although they are not headings either:
  - a plain-text structural heading ``第…编/分编/章/节 …`` (宪法修正案（2018年）),
  - a "lost" chapter heading: a short line of bare Chinese characters without any
    punctuation, after a finished sentence (未成年人网络保护条例 has its chapter titles
    only as plain lines such as ``网络素养促进`` and ``附 则``; 教师资格条例 and 刑事诉讼法
    (2018) have a plain ``附则``, 监狱法 a plain section title). "After a finished
    sentence" keeps the fraction of 矿产资源补偿费征收管理规定 第五条 (``核定开采回采率`` /
    ``开采回采率系数＝`` / ``实际开采回采率``, one formula over three lines) in its article;
    the price: an unlabelled title wrapped over two lines (烟草专卖法实施条例
    ``卷烟纸、滤嘴棒、烟用丝束、`` / ``烟草专用机械的生产和销售``) stays in the article before,
  - an appendix opener ``附：`` / ``附件…`` / ``附表…`` / ``附录…`` / ``附图…`` (followed by a
    colon, a space or nothing: ``附件三所列…`` is a sentence, not an opener; ``附 则`` is
    the 附则 heading),
  - notes ``注：`` / ``（注1：`` (个人所得税法 tax tables), footnotes ``① …`` (刑法),
  - Markdown tables (``|`` rows) and HTML comments (``<!-- TABLE -->``, ``<!-- FORCE BREAK -->``),
  - after the last article only: a title-like line without any sentence punctuation
    (``个人所得税税率表一（综合所得适用）``, ``人民警察警衔标志式样``), which opens a schedule.
  Lines after such a stop belong to no article until the next article line.
* Lines made only of invisible characters (U+200B lines in 民事诉讼法, 公司法 …) are blank.
* Files without any article line (81: the 12 刑法修正案 with 一、二、 amendments, 46 司法解释
  in 一、 numbering or 罪名 tables, 21 old 行政法规 with 一、 or 1. outlines) expect no article
  at all; they still count for spurious articles a parser invents.
* Items stay lines: a paragraph (款) is a line that does not open with an item marker
  （一） (一) （1） (1) 1. 1． 1、 ① ⑴ ⒈ (刑事诉讼法 interpretations number 目 with ⒈ ⒉).
  A ``一、`` line inside an article counts as a paragraph, and so does a line without a
  marker after items even when it continues the item (``本项规定的案件…``).
"""
from __future__ import annotations

import difflib
import random
import re
import unicodedata
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Self

#: Where the corpus lives, seen from this file (tests/ → repo → its parent → shared/).
CORPUS_DIR = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "laws"

_NUM = "一二三四五六七八九十百千零〇两"
_ZHI = "(?:之[一二三四五六七八九十]+)?"
#: 第十七条 / 第十七条之一 + space; five lines split the label instead (第一百二十四 条采用…).
ARTICLE_RE = re.compile(rf"^第[{_NUM}]+(?:[ \u3000]+条{_ZHI}[ \u3000]*|条{_ZHI}[ \u3000]+)")
PLAIN_HEADING_RE = re.compile(rf"^(第[{_NUM}]+(?:分编|编|章|节))(?:[ \u3000]+(.*))?$")
ITEM_RE = re.compile(
    r"^(?:[（(][一二三四五六七八九十]+[）)]|[（(][0-9０-９]+[）)]|[0-9０-９]+[.．、]|[\u2460-\u249b])"
)
APPENDIX_RE = re.compile(r"^附(?![ \u3000]*则)(?:[件表录图][一二三四五六七八九十0-9０-９]*)?(?:[ \u3000:：]|$)")
NOTE_RE = re.compile(r"^[（(]?注[0-9０-９]*[：:]")
FOOTNOTE_RE = re.compile(r"^[\u2460-\u2473][ \u3000]")
LOST_HEADING_RE = re.compile(r"^[\u4e00-\u9fff][\u4e00-\u9fff \u3000]{1,15}$")
SENTENCE_PUNCT_RE = re.compile(r"[，。；：、？！,;:?!]")
SENTENCE_END = set("。；：！？”’）)」")
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff"
INFO_END = "<!-- INFO END -->"


# --------------------------------------------------------------------------------------
# Expected articles
# --------------------------------------------------------------------------------------


@dataclass
class ExpectedArticle:
    """One article as the Markdown states it.

    ``paragraphs`` are the article's lines in order; the first is the text after the label
    (label and its space removed), items （一） are lines of their own.
    """

    label: str
    paragraphs: list[str]
    line: int = 0  # 1-based line number in the .md file, for debugging

    @property
    def paragraph_count(self) -> int:
        """Number of 款: lines that do not open with an item marker."""
        return sum(1 for i, p in enumerate(self.paragraphs) if i == 0 or not ITEM_RE.match(p))

    @property
    def text(self) -> str:
        """Folded article text without the label (see :func:`fold`)."""
        return fold("".join(self.paragraphs))


@dataclass
class _Line:
    """A classified body line; shared by the reader and the PDF emulator so both agree."""

    kind: str  # "article" | "line" | "heading" | "stop" | "table" | "comment"
    text: str
    lineno: int
    article: int | None = None  # index into the expected article list
    label: str = ""


def _clean(line: str) -> str:
    return line.strip().strip(_INVISIBLE).strip()


def split_md(md_text: str) -> tuple[list[str], list[tuple[int, str]]]:
    """(front matter lines, [(line number, body line)]) of a corpus file."""
    lines = md_text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    end = next((i for i, l in enumerate(lines) if l.strip() == INFO_END), -1)
    front = [_clean(l) for l in lines[:end]] if end >= 0 else []
    body = [(i + 1, l) for i, l in enumerate(lines[end + 1 :], start=end + 1)]
    return [l for l in front if l], body


def _classify(md_text: str) -> list[_Line]:
    """Classify every non-blank body line, assigning article lines to their article."""
    _front, body = split_md(md_text)
    raw: list[_Line] = []
    for lineno, line in body:
        s = _clean(line)
        if not s:
            continue
        last = raw[-1] if raw else None
        after_sentence = last is None or last.kind not in ("line", "article") or last.text[-1] in SENTENCE_END
        if s.startswith("#"):
            raw.append(_Line("heading", s.lstrip("#").strip(), lineno))
        elif s.startswith("<!--"):
            raw.append(_Line("comment", s, lineno))
        elif s.startswith("|"):
            raw.append(_Line("table", s, lineno))
        elif m := ARTICLE_RE.match(s):
            raw.append(_Line("article", s, lineno, label=re.sub(r"[ \u3000]", "", m.group())))
        elif APPENDIX_RE.match(s) or NOTE_RE.match(s) or FOOTNOTE_RE.match(s):
            raw.append(_Line("stop", s, lineno))
        elif PLAIN_HEADING_RE.match(s) or (after_sentence and LOST_HEADING_RE.match(s)):
            raw.append(_Line("heading", s, lineno))
        else:
            raw.append(_Line("line", s, lineno))
    last_article = max((i for i, l in enumerate(raw) if l.kind == "article"), default=-1)
    current: int | None = None
    count = 0
    for i, item in enumerate(raw):
        if item.kind == "article":
            current = count
            count += 1
            item.article = current
        elif item.kind == "line":
            if (
                current is not None
                and i > last_article
                and not SENTENCE_PUNCT_RE.search(item.text)
                and not ITEM_RE.match(item.text)
                and len(item.text) <= 40
            ):
                item.kind = "stop"  # a schedule's title after the last article
                current = None
            else:
                item.article = current
        else:
            current = None
    return raw


def expected_articles(md_text: str) -> list[ExpectedArticle]:
    """The articles of a corpus Markdown file, read independently of the parser."""
    out: list[ExpectedArticle] = []
    for item in _classify(md_text):
        if item.kind == "article":
            m = ARTICLE_RE.match(item.text)
            assert m is not None
            out.append(ExpectedArticle(item.label, [item.text[m.end() :].strip()], item.lineno))
        elif item.kind == "line" and item.article is not None:
            out[item.article].paragraphs.append(item.text)
    return out


# --------------------------------------------------------------------------------------
# Folding and comparison
# --------------------------------------------------------------------------------------

_WIDTH_FOLD = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_DROP = {ord(c): None for c in _INVISIBLE}


def fold(text: str) -> str:
    """What survives any faithful PDF round trip: no whitespace, full-width ASCII forms folded.

    Width is folded because extraction makes it ambiguous: the seeds print （ as ( and ： as
    ``:``, digits come out full-width, and the normalizer turns them to ASCII. Everything
    else must come back exactly: «» must be repaired to 《》, ꎬ to ，, ꎮ to 。.
    """
    text = text.translate(_DROP).translate(_WIDTH_FOLD)
    return "".join(text.split())


def fold_label(label: str) -> str:
    return fold(label)


@dataclass
class Mismatch:
    """One difference, for humans: what kind, which article, and a short excerpt."""

    kind: str  # "missing" | "spurious" | "paragraphs" | "text" | "error"
    label: str
    detail: str = ""
    invisible: bool = False  # a paragraph count no parser can be sure of (see PdfLike)

    def __str__(self) -> str:
        note = " (break invisible in the input)" if self.invisible else ""
        return f"{self.kind} {self.label} {self.detail}{note}".strip()


@dataclass
class Score:
    """Counts that add up across files; ratios are computed on the totals."""

    files: int = 0
    expected: int = 0
    found: int = 0
    matched: int = 0
    para_ok: int = 0
    text_ok: int = 0
    errors: int = 0  # files the parser raised on
    ambiguous: int = 0  # expected articles with a paragraph break the input does not show
    para_ok_decidable: int = 0  # para_ok among the other articles
    mismatches: list[Mismatch] = field(default_factory=list, repr=False)
    name: str = ""

    def __iadd__(self, other: Score) -> Self:
        self.files += other.files
        self.expected += other.expected
        self.found += other.found
        self.matched += other.matched
        self.para_ok += other.para_ok
        self.text_ok += other.text_ok
        self.errors += other.errors
        self.ambiguous += other.ambiguous
        self.para_ok_decidable += other.para_ok_decidable
        self.mismatches.extend(other.mismatches)
        return self

    @property
    def matched_ratio(self) -> float:
        """Recall of article labels (1.0 when nothing was expected)."""
        return self.matched / self.expected if self.expected else 1.0

    @property
    def precision(self) -> float:
        return self.matched / self.found if self.found else (1.0 if not self.expected else 0.0)

    @property
    def para_ratio(self) -> float:
        """Share of expected articles found with the right number of paragraphs."""
        return self.para_ok / self.expected if self.expected else 1.0

    @property
    def para_decidable_ratio(self) -> float:
        """Paragraph-count accuracy over articles whose breaks are visible in the input."""
        n = self.expected - self.ambiguous
        return self.para_ok_decidable / n if n else 1.0

    @property
    def text_ratio(self) -> float:
        """Share of expected articles found with exactly the right text (folded)."""
        return self.text_ok / self.expected if self.expected else 1.0

    @property
    def loss(self) -> int:
        """How much is wrong, for ranking files: each miss, extra or bad article counts,
        except paragraph counts the input could not show."""
        return sum(1 for m in self.mismatches if not m.invisible) + 1000 * self.errors

    def summary(self) -> str:
        return (
            f"files {self.files}, articles {self.matched}/{self.expected} matched "
            f"({self.matched_ratio:.2%}, {self.found - self.matched} spurious), "
            f"paragraph counts {self.para_ratio:.2%}, text {self.text_ratio:.2%}"
        )


def parsed_articles(documents: object) -> list[object]:
    """Every ARTICLE node of the parse result, in document order (a Document or a list)."""
    from reader.core.model import NodeKind  # the model is the contract, not the parser

    docs = documents if isinstance(documents, (list, tuple)) else [documents]
    return [n for d in docs for n in d.walk() if n.kind == NodeKind.ARTICLE]


def _paragraph_count(article: object) -> int:
    from reader.core.model import NodeKind

    return sum(1 for c in article.children if c.kind == NodeKind.PARAGRAPH)


def _article_text(article: object) -> str:
    """Folded full text of an article node, label removed wherever the parser kept it."""
    text = fold(article.full_text())
    label = fold(article.label or "")
    if label and text.startswith(label):
        text = text[len(label) :]
    caption = getattr(article, "heading", "")
    for printed in (f"【{fold(caption)}】", f"({fold(caption)})"):  # a 条旨 is no 款 text
        if caption and text.startswith(printed):
            text = text[len(printed) :]
    return text


def _diff_excerpt(want: str, got: str, context: int = 12) -> str:
    i = next((k for k, (a, b) in enumerate(zip(want, got)) if a != b), min(len(want), len(got)))
    lo = max(0, i - context)
    return f"at {i}: want …{want[lo:i + context]}… got …{got[lo:i + context]}… (len {len(want)} vs {len(got)})"


def compare(
    expected: Sequence[ExpectedArticle],
    documents: object,
    name: str = "",
    ambiguous: Collection[int] = (),
) -> Score:
    """Align expected and parsed articles by label (in order) and score them.

    Sequence alignment (difflib, no autojunk) tolerates articles the parser missed or
    invented without shifting every later pair; repeated numbering (a decision followed by
    the regulation it issues) aligns in order. ``ambiguous`` (from :class:`PdfLike`) lists
    expected articles whose paragraph count no parser can be sure of.
    """
    found = parsed_articles(documents)
    score = Score(files=1, expected=len(expected), found=len(found), name=name)
    score.ambiguous = sum(1 for i in set(ambiguous) if 0 <= i < len(expected))
    want = [fold_label(e.label) for e in expected]
    got = [fold_label(a.label) for a in found]
    matcher = difflib.SequenceMatcher(None, want, got, autojunk=False)
    pairs: list[tuple[int, int]] = []
    for block in matcher.get_matching_blocks():
        pairs.extend((block.a + k, block.b + k) for k in range(block.size))
    seen_want = {i for i, _ in pairs}
    seen_got = {j for _, j in pairs}
    for i, e in enumerate(expected):
        if i not in seen_want:
            score.mismatches.append(Mismatch("missing", e.label, f"md line {e.line}"))
    for j, a in enumerate(found):
        if j not in seen_got:
            score.mismatches.append(Mismatch("spurious", a.label, fold(a.full_text())[:30]))
    score.matched = len(pairs)
    for i, j in pairs:
        e, a = expected[i], found[j]
        n_want, n_got = e.paragraph_count, _paragraph_count(a)
        if n_want == n_got:
            score.para_ok += 1
            score.para_ok_decidable += i not in ambiguous
        else:
            score.mismatches.append(
                Mismatch("paragraphs", e.label, f"want {n_want} got {n_got}", invisible=i in ambiguous)
            )
        t_want, t_got = e.text, _article_text(a)
        if t_want == t_got:
            score.text_ok += 1
        else:
            score.mismatches.append(Mismatch("text", e.label, _diff_excerpt(t_want, t_got)))
    return score


def error_score(
    expected: Sequence[ExpectedArticle], name: str, exc: BaseException, ambiguous: Collection[int] = ()
) -> Score:
    """The score of a file the parser raised on: everything expected is missing."""
    return Score(
        files=1,
        expected=len(expected),
        ambiguous=len(set(ambiguous)),
        errors=1,
        name=name,
        mismatches=[Mismatch("error", "", f"{type(exc).__name__}: {exc}"[:200])],
    )


# --------------------------------------------------------------------------------------
# PDF-extract emulation
# --------------------------------------------------------------------------------------

FOOTER_TEXT = "(本文与正式文件同等效力)"
_FW_DIGITS = str.maketrans("0123456789", "０１２３４５６７８９")
_FW_ASCII = {cp: cp + 0xFEE0 for cp in range(0x21, 0x7F)}
#: Chinese punctuation that the gazette PDFs' font maps to Yi syllables: the character's
#: GBK bytes read as one code point. 。 is typeset as the full-width full stop ．.
_YI_SOURCE = {"，": "，", "。": "．", "；": "；", "？": "？", "！": "！"}
_YI = {k: chr(int.from_bytes(v.encode("gbk"), "big")) for k, v in _YI_SOURCE.items()}
_CLOSING = set(_YI.values()) | set("、:)»›”’％")
_OPENING = set("(«‹“‘")
_OPEN_MAP = {"《": "«", "〈": "‹", "（": "(", "(": "(", "“": "“", "‘": "‘"}
_CLOSE_MAP = {"》": "»", "〉": "›", "）": ")", ")": ")", "”": "”", "’": "’"}
#: A paragraph's last line this close to full (in columns) hides the paragraph break: a
#: wrapped line can fall as short when a number or Latin word does not fit (and real
#: typesetting squeezes punctuation), so no parser can tell the two apart.
BREAK_TOLERANCE = 2.0
_DECIMAL_POINT = "\U001001b0"
_DASH = "\U00100170"
_TOKEN_RE = re.compile(
    r"(?P<num>[0-9０-９]+(?:[.．][0-9０-９]+)*)|(?P<latin>[A-Za-zＡ-Ｚａ-ｚ]+)|(?P<space>\s+)|.", re.DOTALL
)


@dataclass
class _Tok:
    """One unbreakable piece of an extracted line.

    Widths are in CJK columns: every glyph takes one, except digits and Latin letters,
    which are half-width in the PDF (the extractor hands them over as full-width
    characters) — a rule a parser can infer from the text when it judges line lengths.
    """

    text: str
    width: float
    gap: bool = False  # the extractor puts a space after it


def _garble(text: str) -> list[_Tok]:
    """Tokens of one paragraph as the extractor renders them (before wrapping)."""
    toks: list[_Tok] = []

    def gap_before() -> None:
        if toks and toks[-1].text not in _OPENING:
            toks[-1].gap = True

    def attach() -> None:  # punctuation and closing marks stick to what precedes them
        if toks:
            toks[-1].gap = False

    for m in _TOKEN_RE.finditer(text):
        s = m.group()
        c = s[0]
        if m.group("space"):
            if "\u3000" in s:  # a full-width space is a glyph: 第一条　 / 总　 则
                toks.append(_Tok("\u3000", 1.0, True))
            elif toks:
                toks[-1].gap = True
        elif m.group("num"):
            digits = unicodedata.normalize("NFKC", s).replace(".", _DECIMAL_POINT + " ")
            gap_before()
            nxt = text[m.end() : m.end() + 1]
            toks.append(_Tok(digits.translate(_FW_DIGITS), 0.5 * len(s), gap=nxt not in "%％‰℃"))
        elif m.group("latin"):
            gap_before()
            toks.append(_Tok(unicodedata.normalize("NFKC", s).translate(_FW_ASCII), 0.5 * len(s), True))
        elif c in _YI:
            attach()
            toks.append(_Tok(_YI[c], 1.0, True))
        elif c in "：:":
            attach()
            toks.append(_Tok(":", 1.0, True))
        elif c == "、":
            attach()
            toks.append(_Tok("、", 1.0, True))
        elif c == "．":
            toks.append(_Tok(".", 1.0, True))  # 1．: an item number, typeset as a plain dot
        elif c in _OPEN_MAP:
            gap_before()
            toks.append(_Tok(_OPEN_MAP[c], 1.0))
        elif c in _CLOSE_MAP:
            attach()
            toks.append(_Tok(_CLOSE_MAP[c], 1.0, True))
        elif c == "-":
            toks.append(_Tok(_DASH, 1.0))
        elif c == "%":
            attach()
            toks.append(_Tok("％", 1.0, True))
        elif c in _INVISIBLE:
            continue
        else:
            toks.append(_Tok(c, 1.0))
    return toks


def _wrap(toks: list[_Tok], width: int, indent: int,
          closing: Collection[str] = _CLOSING) -> list[tuple[str, float]]:
    """Greedy line breaking at ``width`` columns (the first line indented by ``indent``);
    closing punctuation never starts a line, it hangs one column into the margin (避头)."""
    lines: list[tuple[str, float]] = []
    cur: list[_Tok] = []
    used = 0.0
    cap = width - indent
    for tok in toks:
        overflow = cur and used + tok.width > cap
        if overflow and tok.text[0] in closing and used + tok.width <= cap + 1:
            cur.append(tok)
            lines.append((_join(cur), used + tok.width))
            cur, used, cap = [], 0.0, width
            continue
        if overflow:
            lines.append((_join(cur), used))
            cur, used, cap = [], 0.0, width
        cur.append(tok)
        used += tok.width
    if cur:
        lines.append((_join(cur), used))
    return lines


def _join(toks: list[_Tok]) -> str:
    return "".join(t.text + (" " if t.gap else "") for t in toks).rstrip(" ")


def _spaced_heading(text: str) -> str:
    """``第一章 总则`` → ``第一章　 总　 则`` as the gazettes print headings."""
    m = PLAIN_HEADING_RE.match(text)
    label, title = (m.group(1), (m.group(2) or "").strip()) if m else ("", text)
    compact = re.sub(r"[ \u3000]+", "", title)
    title = compact[0] + "\u3000 " + compact[1] if len(compact) == 2 else re.sub(r"[ \u3000]+", " ", title)
    return f"{label}\u3000 {title}" if label and title else (label or title)


@dataclass
class PdfLike:
    """A rendered law plus what the harness needs to know about its ambiguities.

    ``ambiguous`` holds indices (into :func:`expected_articles`) of articles where a
    paragraph ends on a line within :data:`BREAK_TOLERANCE` of full and the next paragraph
    opens with no marker: the break is invisible in the extract, so no parser can be
    blamed for joining them (or for splitting elsewhere around them).
    """

    text: str
    width: int
    ambiguous: set[int] = field(default_factory=set)


@dataclass
class _Para:
    """One paragraph to typeset: its tokens, the columns its first line is indented, the
    expected article it belongs to, whether it opens with a visible marker (a heading, a
    label, an item number: the break before it shows), and how it is aligned."""

    toks: list[_Tok]
    indent: int
    article: int | None
    marker: bool
    align: str = "left"  # "left" | "centre" | "right"


def _law_paragraphs(md_text: str, tokens: Callable[[str], list[_Tok]] = _garble,
                    heading: Callable[[str], str] = _spaced_heading, history: bool = True) -> list[_Para]:
    """The paragraphs of a corpus law as a gazette prints them: title (and history lines),
    headings, articles (label, a full-width space, text), items, tables as spaced rows."""
    front, _body = split_md(md_text)
    paras: list[_Para] = []
    for line in front:
        if line.startswith("#"):
            paras.append(_Para(tokens(line.lstrip("#").strip()), 0, None, True, "centre"))
        elif history:
            paras.append(_Para(tokens(line), 2, None, True))
    for item in _classify(md_text):
        if item.kind == "comment" or not item.text:
            continue
        if item.kind == "heading":
            paras.append(_Para(tokens(heading(item.text)), 0, None, True, "centre"))
        elif item.kind == "table":
            cells = [c.strip() for c in item.text.strip("|").split("|")]
            if all(re.fullmatch(r":?-+:?", c) for c in cells if c):
                continue
            paras.append(_Para(tokens("  ".join(c for c in cells if c)), 0, None, True))
        elif item.kind == "article":
            m = ARTICLE_RE.match(item.text)
            assert m is not None
            toks = [_Tok(c, 1.0) for c in item.label] + [_Tok("\u3000", 1.0, True)]
            paras.append(_Para(toks + tokens(item.text[m.end() :]), 2, item.article, True))
        else:
            marker = bool(ITEM_RE.match(item.text)) or item.kind == "stop"
            paras.append(_Para(tokens(item.text), 2, item.article, marker))
    return paras


def render_pdf_like(md_text: str, seed: int | str = 0) -> PdfLike:
    """Typeset a corpus law like the gazette extracts in shared/seeds (see :func:`to_pdf_like`)."""
    rng = random.Random(f"pdf-like:{seed}")
    width = rng.randint(35, 39)
    per_page = rng.randint(26, 30)
    page = rng.randint(1, 60)
    dash_style = rng.random() < 0.25
    paras = [(p.toks, p.indent, p.article, p.marker) for p in _law_paragraphs(md_text)]

    out: list[str] = []
    ambiguous: set[int] = set()
    on_page = 0
    page_start = True

    def footer() -> None:
        nonlocal page, on_page, page_start
        if dash_style:
            out.append(f"\n\n\n— {page} —\n\n")
        else:
            digits = str(page)[::-1].translate(_FW_DIGITS)
            out.append(f"\n\n{digits}{' ' if page % 2 == 0 else ''}{FOOTER_TEXT}\n")
        page += 1
        on_page = 0
        page_start = True

    for k, (toks, indent, article, _marker) in enumerate(paras):
        lines = _wrap(toks, width, indent)
        if not lines:
            continue
        # The break is invisible when the paragraph's last line is as full as its line
        # could be (a first line is indented) and the next paragraph opens with no marker.
        cap = width - indent if len(lines) == 1 else width
        if k + 1 < len(paras) and not paras[k + 1][3] and lines[-1][1] >= cap - BREAK_TOLERANCE:
            for a in (article, paras[k + 1][2]):
                if a is not None:
                    ambiguous.add(a)
        for text, _w in lines:
            if on_page == per_page:
                footer()
            if page_start:
                out.append(" " + text)
                page_start = False
            else:
                out.append("\n\n" + text)
            on_page += 1
    footer()
    return PdfLike("".join(out).rstrip("\n") + "\n", width, ambiguous)


def to_pdf_like(md_text: str, seed: int | str = 0) -> str:
    """A corpus law as a PDF text extractor would give it (deterministic per seed).

    Modelled on shared/seeds/003: every paragraph hard-wrapped at a fixed width (35–39 CJK
    columns; digits and Latin letters count half), a blank line between physical lines,
    ``第一条　 `` after article labels, headings ``第一章　 总　 则``, digits and Latin
    letters full-width with spaces around them, ，。；？！ as Yi syllables (ꎬ ꎮ ꎻ ꎿ ꎡ) followed
    by a space, ： as ``: ``, 《》 as «», （） as ( ) with outer spaces, decimal points as
    U+1001B0, page footers every 26–30 lines (``１２(本文与正式文件同等效力)`` with the page
    number's digits reversed, or ``— 12 —`` in a quarter of the files) and the first line of
    each page led by a space. Title and history lines come first, as front matter.
    """
    return render_pdf_like(md_text, seed).text


# --------------------------------------------------------------------------------------
# Corpus files
# --------------------------------------------------------------------------------------


def corpus_files(root: Path = CORPUS_DIR) -> list[Path]:
    """All corpus laws, sorted for determinism."""
    return sorted(root.rglob("*.md"))


#: Files that carry the corpus's odd cases; always in the test sample (when present).
TRICKY_FILES = (
    "刑法/刑法.md",  # 第十七条之一 …, 附件一/二 after 附则, footnote ① after the last article
    "民法典/合同编.md",  # 分编 above 章, numbering starts at 第四百六十三条
    "宪法/宪法.md",  # 序言 preamble before 第一章, <!-- FORCE BREAK -->
    "宪法相关法/香港特别行政区基本法(1990-04-04).md",  # 附件一/二/三 with 一、 outlines
    "经济法/个人所得税法(2018-08-31).md",  # tax tables' titles and （注1： after the last article
    "行政法规/未成年人网络保护条例(2023-10-16).md",  # chapter titles without 第X章, U+200B lines
    "诉讼与非诉讼程序法/民事诉讼法(2023-09-01).md",  # U+200B lines between paragraphs
    "司法解释/最高人民法院关于审理企业破产案件若干问题的规定(2002-07-30).md",  # 一、 outline over 条
    "司法解释/最高人民法院、最高人民检察院关于执行《刑法》确定罪名的补充规定(2002-03-15).md",  # table, no 条
)


def sample_files(root: Path = CORPUS_DIR, target: int = 22, biggest: int = 4) -> list[Path]:
    """A deterministic sample: every folder (evenly spaced picks, ~sqrt-proportional to its
    size, at least two), the largest files, and :data:`TRICKY_FILES`."""
    files = corpus_files(root)
    by_folder: dict[str, list[Path]] = {}
    for f in files:
        by_folder.setdefault(f.relative_to(root).parts[0], []).append(f)
    weights = {k: len(v) ** 0.5 for k, v in by_folder.items()}
    scale = target / sum(weights.values())
    chosen: list[Path] = []
    for folder in sorted(by_folder):
        group = by_folder[folder]
        n = min(len(group), max(2, round(weights[folder] * scale)))
        chosen.extend(group[(2 * k + 1) * len(group) // (2 * n)] for k in range(n))
    extra = sorted(files, key=lambda p: (-p.stat().st_size, str(p)))[:biggest]
    extra += [root / name for name in TRICKY_FILES if (root / name).is_file()]
    chosen.extend(f for f in extra if f not in chosen)
    return chosen


def txt_source(md_path: Path, text: str) -> object:
    """The PDF-like text as the txt importer would hand it over (hard wraps, not breaks)."""
    import hashlib

    from reader.core.importers.base import SourceText

    data = text.encode("utf-8")
    return SourceText(
        path=str(md_path.with_suffix(".txt")),
        format="txt",
        sha256=hashlib.sha256(data).hexdigest(),
        lines=text.split("\n"),
        hard_breaks=False,
    )


def score_file(md_path: Path, route: str, root: Path = CORPUS_DIR) -> Score:
    """Parse one corpus file by ``route`` and score it.

    ``"md"``: the file itself through ``parse_file`` (the Markdown importer).
    ``"txt"``: its :func:`render_pdf_like` text (seeded by the file's name) as a txt
    SourceText through ``parse_source``.
    """
    from reader.core.pipeline import parse_file, parse_source

    md_text = md_path.read_text(encoding="utf-8")
    expected = expected_articles(md_text)
    name = str(md_path.relative_to(root)) if md_path.is_relative_to(root) else str(md_path)
    if route not in ("md", "txt"):
        raise ValueError(f"unknown route {route!r}")
    ambiguous: set[int] = set()
    try:
        if route == "md":
            docs = parse_file(md_path)
        else:
            rendered = render_pdf_like(md_text, seed=name)
            ambiguous = rendered.ambiguous
            docs = parse_source(txt_source(md_path, rendered.text))
    except Exception as exc:  # noqa: BLE001 - a crash is a result to report, not to raise
        return error_score(expected, name, exc, ambiguous)
    return compare(expected, docs, name=name, ambiguous=ambiguous)


def total(scores: Iterable[Score]) -> Score:
    out = Score(name="total")
    for s in scores:
        out += s
    return out


def worst(scores: Iterable[Score], n: int = 15) -> Iterator[Score]:
    """The n files with the most wrong, best-known first for ties (by name)."""
    ranked = sorted((s for s in scores if s.loss), key=lambda s: (-s.loss, s.name))
    yield from ranked[:n]
