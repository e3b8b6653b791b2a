"""Find the references a document's text makes, with what each one names.

One left-to-right scan per node text (front matter first, then the nodes in document order)
for anchors — 《title》, 本办法, 本条/前款/前两款/本章, 该法/该条, an alias, a law's short name
glued to 第 (刑法第…) — and bare pinpoints (第十七条, 第二款).  What a relative reference names
is worked out here from its position (前款 in 第二十条第二款 → 第二十条第一款); ``resolve``
turns pinpoints into node ids.  Decisions:

* lists give one Ref per element, ranges (至, 前两款) one Ref covering the range; the first
  element's words include the anchor (本办法第十六条第一款, 《规定》第二十六条);
* every 《title》 is a reference, a law or not (《广州市创新产品目录》); the document's own title
  or doc number (the 令 or 印发 notice in front matter, 法释〔2023〕4号 on its own line) is not,
  unless it is an earlier version being repealed; 《own title》第X条 is an internal one;
* a bare 第X条 is this document's; a bare 第二款 / 第三项 is of the unit just named
  (第十条第一款规定的情形和第二项) when the words between are few, else of this article;
  a bare 第X条 this document lacks, right after a citation of another law, is of that law;
* front-matter references have ``node_id`` None and offsets into ``doc.front_matter``;
* 修正案 / 关于修改《X》的决定: bare pinpoints and 本法 name the amended document (the last one
  named outside quotes: 一、修改《X》); inside the quoted new wording, 前款/本条 are counted
  from the paragraph that wording becomes (增加一款作为第四款：“…前款…” → 第三款);
* 上述, 同法 and 各该款 are not followed (the unit they name is not in the words).
"""
from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from reader.core.model import Document, Node, NodeKind
from reader.core.model import identity_key as _identity_key
from reader.core.numerals import cn_to_int
from reader.core.refs.context import Ctx, article_pin, before, here, inherit
from reader.core.refs.grammar import (
    CN_NUM,
    DOC_NUMBER,
    NO_UNIT_TAIL,
    ORDER_NUMBER,
    Chain,
    chain_is_citation,
    doc_number_at,
    law_name_before,
    parens_after,
    parse_group,
    title_end,
)
from reader.core.refs.lexicon import LAW_NAMES
from reader.core.refs.model import (
    ARTICLE,
    ATTACHMENT,
    CHAPTER,
    EXTERNAL,
    INTERNAL,
    ISSUE,
    ITEM,
    PARAGRAPH,
    PART,
    RANK,
    RELATIVE,
    REPEAL,
    SECTION,
    SUBITEM,
    SUBPART,
    Pin,
    Pinpoint,
    Ref,
)
from reader.core.refs.model import DOC_NUMBER as DOC_NUMBER_KIND
from reader.core.refs.outline import Outline
from reader.core.refs.titles import issued_title

#: ``identity_key``, remembered: the same titles are cited in document after document.
identity_key = lru_cache(maxsize=4096)(_identity_key)

_GENRES = ("实施细则|实施办法|实施条例|实施方案|实施意见|法典|法|条例|规定|办法|细则|措施|决定|解释|规则|意见|通知|方案|"
           "规划|计划|纲要|章程|准则|守则|标准|制度|公约|协定|规程|批复|答复|指引|指南|规范|条约|协议|目录|要点|清单")
# The anchor words after their first character, shared by _MASTER and _FAST.
_SELF_TAIL = rf"(?:{_GENRES})(?=第)"
_BEN_REL_TAIL = r"(?:分编|编(?![辑写制号])|章(?!程)|节(?![约能日省])|条(?![例件])|款(?!项)|项(?!目)|目(?![标录的前]))"
_QIAN_COUNT = r"[两二三四五六七八九十]"
_QIAN_TAIL = r"(?:款(?!项)|条(?![件例])|项(?!目))"
_GAI_REL_TAIL = r"(?:条(?![例款件])|款(?!项))"
_THAT_TAIL = r"(?:法典|法(?![人律规定院官庭医])|条例|规定|办法|决定|解释|细则)"
_MASTER = re.compile(
    r"(?P<title>《)"
    rf"|(?P<self>本{_SELF_TAIL})"
    rf"|(?P<rel>本{_BEN_REL_TAIL}|前(?P<n>{_QIAN_COUNT})?{_QIAN_TAIL}|该{_GAI_REL_TAIL})"
    rf"|(?P<that>该{_THAT_TAIL})"
    rf"|(?P<num>第(?=[{CN_NUM}\d（(]))"
    r"|(?P<att>附件)"
)
# The characters that may follow an anchor's first one.
_AFTER_BEN = "[法条规办细措决解意通方计纲章准守标制公协目要清实节款项编分]"
_AFTER_QIAN = "[两二三四五六七八九十款条项]"
_AFTER_GAI = "[法条款规办决解细]"
_AFTER_DI = r"[零〇一二三四五六七八九十百千两\d（(]"
# Where an anchor may start: its first character and the one after it.
_CANDIDATE = re.compile(rf"《|本(?={_AFTER_BEN})|前(?={_AFTER_QIAN})|该(?={_AFTER_GAI})|第(?={_AFTER_DI})|附(?=件)")
# Where one does start: a candidate _MASTER matches at, and not a 第 that cannot begin a
# pinpoint (第三方, 第九届) — the other hits would be looked at for nothing.  Each branch opens
# with its character, so the search skips ahead fast; the rest are lookaheads, so an anchor
# inside another's words is still found.
_FAST = re.compile(r"《|附(?=件)"
                   rf"|第(?={_AFTER_DI})(?!{NO_UNIT_TAIL})"
                   rf"|本(?={_AFTER_BEN})(?={_SELF_TAIL}|{_BEN_REL_TAIL})"
                   rf"|前(?={_AFTER_QIAN})(?={_QIAN_COUNT}?{_QIAN_TAIL})"
                   rf"|该(?={_AFTER_GAI})(?={_GAI_REL_TAIL}|{_THAT_TAIL})")
#: A text without an anchor or 号 (a doc number's last character) has nothing to find.
_WORTH_SCANNING = re.compile(_FAST.pattern + "|号")
#: Characters before 本 / 前 that make a word of it (基本, 成本, 目前, 提前): not an anchor.
_NOT_BEN = frozenset("基根资成样版日原文剧课账书副正范标蓝读底老血手话拓抄善孤摹稿刊译注工脚母节")
_NOT_QIAN = frozenset("目当提此事眼空跟面门上超史年日月天期先战产婚会赛饭睡午节向")  # 以前款 is 以 + 前款
_SKIP_KINDS = frozenset({NodeKind.ARTICLE, NodeKind.PART, NodeKind.SUBPART, NodeKind.CHAPTER, NodeKind.SECTION,
                         NodeKind.ATTACHMENT})
_ARTICLE, _ATTACHMENT = NodeKind.ARTICLE, NodeKind.ATTACHMENT  # (NodeKind.X is a slow look-up)
# After a bare pinpoint in a document without articles, what shows it cites (第一条规定的…).
_CITING_FOLLOW = re.compile(r"[规的、，。；：和或及与至中所第之以有关等）”明要内外]")
_ATT_NUMBERED = re.compile(r"附件\s?(\d{1,2}|[一二三四五六七八九十]{1,3})(?![\d一二三四五六七八九十])")
_ATT_LIST = re.compile(r"附件[:：]\s*")
_ATT_ENTRY = re.compile(r"(\d{1,2})[.．、]\s*([^\n]*?)\s*(?=\n|\d{1,2}[.．、]|$)")
_AMENDMENT = re.compile(r"修正案(?:（[^）]*）|\([^)]*\))?$|^.*关于修改.*的决定$")
_AMENDED = re.compile(r"关于修改[《〈]([^》〉]+)[》〉]")
_SENTENCE_END = "。；\n"
_PARENT = {PARAGRAPH: ARTICLE, ITEM: PARAGRAPH}
_PROMULGATED = re.compile(r"\s?(?:公布|发布|颁布)")
_REVISED = re.compile(r"\s?(?:第[一二三四五六七八九十]+次)?(?:修订|修正)")  # history: 国务院令第773号第二次修订
_GAP_BREAK = re.compile(r"[，,。；;：:\n]")
_SUBJECT_NAME = re.compile(r"(?:适用|执行|实施|关于)(?:修改后的|修正后的)?([\u4e00-\u9fff]{2,16}?(?:法典|法|条例|通则|总则))")
_CONTAINER_UNIT = {NodeKind.PART: PART, NodeKind.SUBPART: SUBPART, NodeKind.CHAPTER: CHAPTER,
                   NodeKind.SECTION: SECTION}
_UNIT_OF = {"款": PARAGRAPH, "条": ARTICLE, "项": ITEM, "目": SUBITEM, "章": CHAPTER, "节": SECTION, "编": PART,
            "分编": SUBPART}
_THAT_GENRE = {"该法": "法", "该法典": "法典", "该条例": "条例", "该规定": "规定", "该办法": "办法", "该决定": "决定",
               "该解释": "解释", "该细则": "细则"}


@dataclass
class _State:
    """What earlier text established: aliases, the last title and the last pinpoint named."""

    aliases: dict[str, tuple[str, str | None]] = field(default_factory=dict)
    bare_aliases: list[str] = field(default_factory=list)
    titles: list[tuple[str, str | None]] = field(default_factory=list)
    last: Ref | None = None  # the last pinpointed reference (for 该条 / 该款)
    default: tuple[str, str | None] | None = None  # amendment documents: the amended document


class _Detector:
    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.own = identity_key(doc.title)
        inner = issued_title(doc.title)
        self.own_inner = identity_key(inner) if inner else ""
        self.own_number = identity_key(doc.doc_number) if doc.doc_number else ""
        self.state = _State()
        self.amendment = bool(_AMENDMENT.search(doc.title))
        if self.amendment:
            m = _AMENDED.search(doc.title)
            amended = m.group(1) if m else re.sub(r"修正案.*$", "", doc.title)
            self.state.default = (amended, None)
        self._has_articles: bool | None = None
        self._outline: Outline | None = None
        self._text_first = 0
        self._quotes: list[tuple[int, int]] = []
        self._quote_open = False
        # amendment documents: the article of the amended document being changed, and which of
        # its paragraphs the quoted new wording is (将第十条第二款修改为：“…前款…”)
        self._amend_art: Pin | None = None
        self._amend_para = 1
        self._amend_node: str | None = None
        self._attachments: int | None = None
        self.refs: list[Ref] = []

    @cached_property
    def subject(self) -> str | None:
        """The law the title says this document is about (asked only for documents without articles)."""
        return _subject(self.doc.title)

    @property
    def has_articles(self) -> bool:
        if self._has_articles is None:
            self._has_articles = any(n.kind is NodeKind.ARTICLE for n in self.doc.walk())
        return self._has_articles

    @property
    def attachments(self) -> int:
        if self._attachments is None:
            self._attachments = sum(1 for n in self.doc.nodes if n.kind is NodeKind.ATTACHMENT)
        return self._attachments

    # ---- walking ---------------------------------------------------------------------------

    def run(self) -> list[Ref]:
        if self.doc.front_matter:
            self.scan(self.doc.front_matter, Ctx())
        self._walk()
        return self.refs

    def _walk(self) -> None:
        """Every node in document order, with the context of the units around it.

        Most texts name nothing: those without an anchor or a doc number are not scanned at all
        (an amendment's all are: its quotations span paragraphs)."""
        worth = _always if self.amendment else _WORTH_SCANNING.search
        self._visit(self.doc.nodes, Ctx(), {}, worth)

    def _visit(self, nodes: list[Node], ctx: Ctx, articles: dict[str, list[Pin]],
               worth: Callable[[str], object]) -> None:
        """``nodes`` and their subtrees in order; one mutable context, put back after each unit
        that changes it.  A plain loop per list of siblings: most nodes are leaves (paragraphs)."""
        skip = _SKIP_KINDS
        for node in nodes:
            kind = node.kind
            if kind not in skip:  # a paragraph, item, outline unit…: only its text matters
                text = node.text
                if text and worth(text):
                    ctx.node_id = node.id
                    self.scan(text, ctx)
                if node.children:
                    self._visit(node.children, ctx, articles, worth)
                continue
            if kind is _ARTICLE:  # the commonest unit: only what it changes is put back
                article, before = ctx.article, ctx.seen
                seen = articles.get(ctx.scope)
                if seen is None:
                    seen = articles[ctx.scope] = []
                ctx.article = pin = article_pin(node)
                ctx.seen = (seen, len(seen))
                seen.append(pin)
                if node.children:
                    self._visit(node.children, ctx, articles, worth)
                ctx.article, ctx.seen = article, before
                continue
            saved = ctx.save()
            if kind is _ATTACHMENT:
                ctx.restore(Ctx(node.id).save())
            else:
                unit = _CONTAINER_UNIT[kind]
                keep = tuple(p for p in ctx.container if RANK[p.unit] < RANK[unit])
                ctx.container = keep + (Pin(unit, node.number or 0),)
            if node.children:
                self._visit(node.children, ctx, articles, worth)
            ctx.restore(saved)

    # ---- one text --------------------------------------------------------------------------

    def scan(self, text: str, ctx: Ctx) -> None:
        if self.amendment:  # the new wording an amendment quotes may run over several paragraphs
            self._quotes, self._quote_open = _quote_spans(text, self._quote_open)
            if self._amend_art is not None and text.startswith("“") and ctx.node_id != self._amend_node \
                    and _CANDIDATE.search(text):  # (a paragraph with an anchor-like word is counted)
                self._amend_para += 1  # the quoted wording goes on: its next paragraph
                self._amend_node = ctx.node_id
        hits = _FAST.finditer(text)
        hit = next(hits, None)
        if hit is None:
            if "号" in text:
                self._text_first = len(self.refs)
                self._doc_numbers(text, ctx, len(self.refs), [])
                self._relations(text, self._text_first)
            return
        first = self._text_first = len(self.refs)
        covered: list[tuple[int, int]] = []
        pos = 0
        for f in itertools.chain((hit,), hits):
            i = f.start()
            if i < pos:
                continue
            c = text[i]
            # 第, 《 and 附件 hits are always the num / title / att anchors: no need to match them
            if c == "第":
                pos = self._bare(text, i, ctx)
            elif c == "《":
                pos = self._title(text, i, ctx, covered)
            elif c == "附":
                pos = self._attachment(text, i, ctx)
            else:
                pos = self._word(text, i, ctx, pos)
        if "号" in text:
            self._doc_numbers(text, ctx, first, covered)
        if "废止" in text or "印发" in text:
            self._relations(text, first)

    def _word(self, text: str, i: int, ctx: Ctx, pos: int) -> int:
        """An anchor word starting with 本 / 前 / 该 at ``i``; returns where scanning goes on."""
        m = _MASTER.match(text, i)
        if m is None:
            return pos
        group = m.lastgroup
        if group == "that":
            return self._that(text, m, ctx)
        quotes = self._quotes
        inside_quote = bool(quotes) and any(a <= i < b for a, b in quotes)
        if group == "self":
            return self._self(text, m, ctx, inside_quote)
        # a relative word: 本条, 前款, 该条…
        if i and text[i - 1] in (_NOT_BEN if text[i] == "本" else _NOT_QIAN if text[i] == "前" else ()):
            return pos
        if inside_quote:
            return self._amended_relative(text, m, ctx)
        return self._relative(text, m, ctx)

    def _add(self, ref: Ref) -> None:
        self.refs.append(ref)
        if ref.pinpoint:
            self.state.last = ref

    def _emit(self, text: str, chains: list[Chain], anchor: int, base: Pinpoint, ctx: Ctx, kind: str,
              title: str | None = None, number: str | None = None, hint: str = "", scope: str | None = None) -> int:
        """One Ref per chain; the first one's words start at the anchor."""
        prev = base
        end = anchor
        ref_scope = (ctx.scope if scope is None else scope) if kind in (INTERNAL, RELATIVE) else ""
        for k, ch in enumerate(chains):
            path = inherit(prev, ch.pins)
            to = inherit(path, ch.to.pins) if ch.to else ()
            prev = to or path
            start = anchor if k == 0 else ch.start
            self._add(Ref(ctx.node_id, start, ch.end, text[start:ch.end], kind, target_title=title,
                          target_doc_number=number, pinpoint=path, pinpoint_end=to, scope=ref_scope, hint=hint))
            end = ch.end
        if self.amendment and kind == EXTERNAL and self.state.default and title == self.state.default[0] \
                and not any(a <= anchor < b for a, b in self._quotes):
            first = inherit(base, chains[0].pins)
            art = next((p for p in first if p.unit == ARTICLE), None)
            if art is not None:
                self._amend_art = art
                self._amend_para = next((p.number for p in first if p.unit == PARAGRAPH), 1)
                self._amend_node = ctx.node_id
        return end

    # ---- anchors ---------------------------------------------------------------------------

    def _title(self, text: str, i: int, ctx: Ctx, covered: list[tuple[int, int]]) -> int:
        e = title_end(text, i)
        if e < 0:
            return i + 1
        content = text[i + 1:e - 1].strip()
        if not content:
            return e
        after, number, alias = parens_after(text, e)
        covered.append((i, after))
        key = identity_key(content)
        target: str | None = content
        if key in self.state.aliases:
            target, alias_number = self.state.aliases[key]
            number = number or alias_number
        elif self._is_self(content) and not (number and self.own_number and identity_key(number) != self.own_number) \
                and not _repealed_after(text, after):
            target = None  # (with another doc number, or repealed here, it is an earlier version)
        if alias and target:
            self.state.aliases[identity_key(alias)] = (target, number)
            if len(alias) >= 2:
                self.state.bare_aliases.append(alias)
        chains = parse_group(text, e) if text.startswith("第", e) else []
        if target is None:  # the document's own title
            if chains:
                return self._emit(text, chains, i, (), ctx, INTERNAL)
            return after
        self._remember(target, number, i)
        if chains:
            return self._emit(text, chains, i, (), ctx, EXTERNAL, target, number)
        self._add(Ref(ctx.node_id, i, e, text[i:e], EXTERNAL, target_title=target, target_doc_number=number))
        return after

    def _remember(self, title: str, number: str | None, at: int) -> None:
        self.state.titles.append((title, number))
        if self.amendment and not any(a <= at < b for a, b in self._quotes):
            self.state.default = (title, number)  # 一、修改《X》: what follows amends X

    def _is_self(self, title: str) -> bool:
        key = identity_key(title)
        if key == self.own or (self.own_inner and key == self.own_inner):
            return True
        inner = issued_title(title)
        return bool(inner) and identity_key(inner) == self.own

    def _self(self, text: str, m: re.Match[str], ctx: Ctx, inside_quote: bool) -> int:
        i = m.start()
        if i and text[i - 1] in _NOT_BEN:
            return i + 1
        chains = parse_group(text, m.end())
        if not chains:
            return m.end()
        if inside_quote and self.state.default:
            title, number = self.state.default
            return self._emit(text, chains, i, (), ctx, EXTERNAL, title, number)
        return self._emit(text, chains, i, (), ctx, INTERNAL)

    def _that(self, text: str, m: re.Match[str], ctx: Ctx) -> int:
        word = m.group()
        genre = _THAT_GENRE[word]
        found = next((t for t in reversed(self.state.titles)
                      if t[0].endswith(genre) and not (genre == "法" and t[0].endswith("办法"))), None)
        if found is None:
            return m.end()
        title, number = found
        chains = parse_group(text, m.end()) if text.startswith("第", m.end()) else []
        if chains:
            return self._emit(text, chains, m.start(), (), ctx, EXTERNAL, title, number)
        if word in ("该法", "该法典", "该条例"):
            self._add(Ref(ctx.node_id, m.start(), m.end(), word, EXTERNAL, target_title=title, target_doc_number=number))
        return m.end()

    def _relative(self, text: str, m: re.Match[str], ctx: Ctx) -> int:
        word = m.group()
        i, e = m.start(), m.end()
        head, unit = word[0], _UNIT_OF.get(word[-2:], _UNIT_OF.get(word[-1]))
        count = cn_to_int(m.group("n")) if m.group("n") else 1
        kind, title, number, scope = RELATIVE, None, None, ctx.scope
        path: Pinpoint = ()
        to: Pinpoint = ()
        note = ""
        if head == "本":
            path = here(ctx, unit)
            if not path and unit == ARTICLE and ctx.article is None and ctx.outline:
                path = ctx.outline  # 本条 in a numbered clause of measures without articles: that clause
            if not path:
                return e
        elif head == "前":
            prev = self._previous()
            if prev is not None and prev.end == i and unit in (PARAGRAPH, ITEM) and \
                    (prev.pinpoint_end or prev.pinpoint)[-1].unit == _PARENT[unit]:
                # 刑法第三百零七条之一前三款, 本条前两款: the first paragraphs of the unit just named,
                # one reference with it
                base = prev.pinpoint_end or prev.pinpoint
                prev.pinpoint = base + (Pin(unit, 1),)
                prev.pinpoint_end = base + (Pin(unit, count or 1),) if (count or 1) > 1 else ()
                prev.end, prev.text = e, text[prev.start:e]
                return e
            else:
                path, to, note = before(ctx, unit, count or 1)
                if not path and not note:
                    return e
        else:  # 该条 / 该款: the unit last named
            last = self.state.last
            if last is None:
                return e
            keep = RANK[unit]
            path = tuple(p for p in (last.pinpoint_end or last.pinpoint) if RANK[p.unit] <= keep)
            if not path or path[-1].unit != unit:
                return e
            kind, title, number, scope = last.kind, last.target_title, last.target_doc_number, last.scope
        chains = parse_group(text, e) if text.startswith("第", e) else []
        if chains and not note:
            base = to or path
            return self._emit(text, chains, i, base, ctx, kind, title, number, scope=scope)
        self._add(Ref(ctx.node_id, i, e, word, kind, target_title=title, target_doc_number=number, pinpoint=path,
                      pinpoint_end=to, note=note, scope=scope if kind in (INTERNAL, RELATIVE) else ""))
        return e

    def _amended_relative(self, text: str, m: re.Match[str], ctx: Ctx) -> int:
        """前款 / 前两款 / 本条 / 本款 inside the new wording an amendment quotes: of the amended
        article, counted from the paragraph the wording becomes."""
        word, e = m.group(), m.end()
        if self._amend_art is None or self.state.default is None or word[0] == "该":
            return e
        unit = _UNIT_OF.get(word[-1])
        count = cn_to_int(m.group("n")) if m.group("n") else 1
        art, para = self._amend_art, self._amend_para
        path: Pinpoint = ()
        to: Pinpoint = ()
        if word[0] == "本" and unit == ARTICLE:
            path = (art,)
        elif word[0] == "本" and unit == PARAGRAPH:
            path = (art, Pin(PARAGRAPH, para))
        elif word[0] == "前" and unit == PARAGRAPH and count and para - count >= 1:
            path = (art, Pin(PARAGRAPH, para - count))
            to = (art, Pin(PARAGRAPH, para - 1)) if count > 1 else ()
        if not path:
            return e
        title, number = self.state.default
        chains = parse_group(text, e) if text.startswith("第", e) else []
        if chains:
            return self._emit(text, chains, m.start(), to or path, ctx, EXTERNAL, title, number)
        self._add(Ref(ctx.node_id, m.start(), e, word, EXTERNAL, target_title=title, target_doc_number=number,
                      pinpoint=path, pinpoint_end=to))
        return e

    def _bare(self, text: str, i: int, ctx: Ctx) -> int:
        chains = parse_group(text, i)
        if not chains:
            return i + 1
        end = chains[-1].end
        aliases = self.state.bare_aliases
        alias = next((a for a in aliases if text.startswith(a, i - len(a))), None) if aliases else None
        if alias:
            title, number = self.state.aliases[identity_key(alias)]
            return self._emit(text, chains, i - len(alias), (), ctx, EXTERNAL, title, number)
        name = law_name_before(text, i)
        if name is False:
            return end
        if name:
            start, short, base = name
            self._remember(short, None, start)
            return self._emit(text, chains, start, base, ctx, EXTERNAL, short)
        first = chains[0].pins[0]
        if not chain_is_citation(text, chains[0].end, first.unit) and len(chains) == 1:
            return end
        if first.unit == CHAPTER and text.startswith("《", chains[0].end):
            return end  # 第13章《未成年人监护条例》: a chapter number of an ordinance
        if self.state.default:
            title, number = self.state.default
            base: Pinpoint = ()
            if RANK[first.unit] > RANK[ARTICLE] and self._amend_art is not None:
                base = (self._amend_art,)  # 增加一款作为第四款: of the article being amended
            return self._emit(text, chains, i, base, ctx, EXTERNAL, title, number)
        if not self.has_articles and end < len(text) and not _CITING_FOLLOW.match(text, end):
            return end
        rank = RANK[first.unit]
        prev = self._previous()
        if rank == RANK[ARTICLE]:
            own = self.outline.article(first, ctx.scope)
            if own is None and prev is not None and prev.kind == EXTERNAL:
                # 证券法第六十七条…，第七十五条规定的: the law just cited, this document has no such article
                return self._emit(text, chains, i, (), ctx, EXTERNAL, prev.target_title, prev.target_doc_number)
            if own is None and self.subject and not self.has_articles:
                return self._emit(text, chains, i, (), ctx, EXTERNAL, self.subject)
            return self._emit(text, chains, i, (), ctx, INTERNAL)
        if rank < RANK[ARTICLE]:
            base = tuple(p for p in ctx.container if RANK[p.unit] < rank)
            return self._emit(text, chains, i, base, ctx, INTERNAL)
        # 第二款 / 第三项 / 第二目: of the unit just named, or of this article
        here: Pinpoint = ()
        hint = ""
        if ctx.article is not None:
            if rank in (RANK[PARAGRAPH], RANK[ITEM]):
                here = (ctx.article,)
                hint = ctx.node_id or "" if rank == RANK[ITEM] else ""
            elif ctx.item is not None and ctx.paragraph is not None:
                here = (ctx.article, Pin(PARAGRAPH, ctx.paragraph), Pin(ITEM, ctx.item))
        if prev is not None:
            path = prev.pinpoint_end or prev.pinpoint
            above = tuple(p for p in path if RANK[p.unit] < rank)
            if above and above[0].unit == ARTICLE or (above and prev.kind == EXTERNAL):
                gap = text[prev.end:i]
                glued = len(gap) <= 8 and not _GAP_BREAK.search(gap)
                missing = not here or self.outline.locate(inherit(here, chains[0].pins), ctx.scope, hint)[0] is None
                if glued or missing:
                    kind = RELATIVE if prev.kind in (INTERNAL, RELATIVE) else prev.kind
                    return self._emit(text, chains, i, above, ctx, kind, prev.target_title, prev.target_doc_number,
                                      scope=prev.scope)
        if not here:
            return end
        return self._emit(text, chains, i, here, ctx, RELATIVE, hint=hint)

    def _previous(self) -> Ref | None:
        """The last pinpointed reference in the text being scanned."""
        for r in reversed(self.refs[self._text_first:]):
            if r.pinpoint:
                return r
        return None

    @property
    def outline(self) -> Outline:
        if self._outline is None:
            self._outline = Outline.of(self.doc)
        return self._outline

    def _attachment(self, text: str, i: int, ctx: Ctx) -> int:
        m = _ATT_NUMBERED.match(text, i)
        if m:
            n = cn_to_int(m.group(1)) or 0
            self._add(Ref(ctx.node_id, i, m.end(), m.group(), ATTACHMENT, pinpoint=(Pin(ATTACHMENT, n),)))
            return m.end()
        m = _ATT_LIST.match(text, i)
        if m:
            entries = list(_entries(text, m.end()))
            if entries:
                for s, e, n in entries:
                    self._add(Ref(ctx.node_id, s, e, text[s:e], ATTACHMENT, pinpoint=(Pin(ATTACHMENT, n),)))
                return entries[-1][1]
            line_end = text.find("\n", m.end())
            line_end = len(text) if line_end < 0 else line_end
            if self.attachments == 1 and m.end() < line_end:
                self._add(Ref(ctx.node_id, m.end(), line_end, text[m.end():line_end], ATTACHMENT,
                              pinpoint=(Pin(ATTACHMENT, 1),)))
            return line_end
        before = text[max(0, i - 2):i]
        after = text[i + 2:i + 3]
        if before.endswith(("见", "（", "(")) or after in ("）", ")"):
            if self.attachments == 1:
                self._add(Ref(ctx.node_id, i, i + 2, "附件", ATTACHMENT, pinpoint=(Pin(ATTACHMENT, 1),)))
            else:
                self._add(Ref(ctx.node_id, i, i + 2, "附件", ATTACHMENT,
                              note="which attachment is not said" if self.attachments else "document has no attachment"))
        return i + 2

    # ---- after the scan --------------------------------------------------------------------

    def _doc_numbers(self, text: str, ctx: Ctx, first: int, covered: list[tuple[int, int]]) -> None:
        if "号" not in text:
            return
        spans = covered + [(r.start, r.end) for r in self.refs[first:]]
        found: list[Ref] = []
        for pattern, order in ((DOC_NUMBER, False), (ORDER_NUMBER, True)):
            if not _may_match(text, order):
                continue  # (the patterns are slow to fail: they try every position)
            for m in pattern.finditer(text):
                got = doc_number_at(text, m, order)
                if not got:
                    continue
                start, number = got
                end = m.end()
                if any(a < end and start < b for a, b in spans):
                    continue
                if self.own_number and identity_key(number) == self.own_number:
                    continue
                if _alone_on_line(text, start, end) or _PROMULGATED.match(text, end) \
                        or (ctx.node_id is None and order and _REVISED.match(text, end)):
                    continue  # 法释〔2023〕4号 on a line of its own, 国务院令第487号公布: the document's own
                found.append(Ref(ctx.node_id, start, end, number, DOC_NUMBER_KIND, target_doc_number=number))
                spans.append((start, end))
        if found:
            self.refs[first:] = sorted(self.refs[first:] + found, key=lambda r: r.start)

    def _relations(self, text: str, first: int) -> None:
        """…《X》同时废止 → repeal; 现将《X》印发 / 印发《X》 → issue."""
        if "废止" not in text and "印发" not in text:
            return
        for r in self.refs[first:]:
            if r.kind not in (EXTERNAL, DOC_NUMBER_KIND) or r.pinpoint:
                continue
            s = max(text.rfind(c, 0, r.start) for c in _SENTENCE_END) + 1
            e = min((k for k in (text.find(c, r.end) for c in _SENTENCE_END) if k >= 0), default=len(text))
            head, tail = text[s:r.start], text[r.end:e]
            clause = re.split(r"[，,]", tail, maxsplit=1)[0]
            if "废止" in clause or head.endswith(("废止", "废止了")):
                r.kind = REPEAL
            elif "印发" in clause or head.endswith("印发"):
                r.kind = ISSUE


# ---- helpers --------------------------------------------------------------------------------

def _always(text: str) -> bool:
    """Every text is worth scanning (an amendment's: its quotations span paragraphs)."""
    return True


def _subject(title: str) -> str | None:
    """The law a document without articles of its own is about (罪名的意见 → 刑法), if its title says."""
    m = re.search(r"《([^》]+)》", title)
    if m:
        return m.group(1)
    for m in _SUBJECT_NAME.finditer(title):
        name = m.group(1)
        for k in range(len(name) - 1):
            if name[k:] in LAW_NAMES:
                return name[k:]
    return None


def _repealed_after(text: str, pos: int) -> bool:
    """…《X》同时废止 / 即行废止: the clause after a title repeals it."""
    end = min((k for k in (text.find(c, pos) for c in "。；，\n") if k >= 0), default=len(text))
    return "废止" in text[pos:end]


def _may_match(text: str, order: bool) -> bool:
    """Whether ``text`` has the character an order number (…令) or a doc number (〔2019〕) needs."""
    if order:
        return "令" in text
    return "〔" in text or "[" in text or "［" in text


def _alone_on_line(text: str, start: int, end: int) -> bool:
    a = text.rfind("\n", 0, start) + 1
    b = text.find("\n", end)
    b = len(text) if b < 0 else b
    return not text[a:start].strip(" （(") and not text[end:b].strip(" ）)")





_QUOTE_MARKS = re.compile("[“”]")


def _quote_spans(text: str, open_at_start: bool = False) -> tuple[list[tuple[int, int]], bool]:
    """Spans of “quoted” text, and whether a quotation is still open at the end.  A quotation
    open from an earlier paragraph goes on (a paragraph opening with “ continues it)."""
    if not open_at_start and "“" not in text:
        return [], False
    spans: list[tuple[int, int]] = []
    depth, start = (1, 0) if open_at_start and not text.startswith("“") else (0, 0)
    for m in _QUOTE_MARKS.finditer(text):  # (only the marks matter: jump from one to the next)
        k = m.start()
        if m.group() == "“":
            if depth == 0:
                start = k
            depth += 1
        elif depth:
            depth -= 1
            if depth == 0:
                spans.append((start, k + 1))
    if depth:
        spans.append((start, len(text)))
    return spans, bool(depth)


def _entries(text: str, pos: int):
    """1.title 2.title … after 附件：(one per line or run together)."""
    expected = 1
    while True:
        m = _ATT_ENTRY.match(text, pos)
        if not m or int(m.group(1)) != expected or not m.group(2):
            return
        yield m.start(), m.start(2) + len(m.group(2)), expected
        expected += 1
        pos = m.end()
        while pos < len(text) and text[pos] in "\n ":
            pos += 1


def detect(doc: Document) -> list[Ref]:
    """Every reference in ``doc``, in document order (front matter first)."""
    return _Detector(doc).run()
