"""PDF import (reader/core/importers/pdf*.py): layout-aware paragraphs, furniture, bad input.

Real files (../shared/realdocs) are scored against their answer keys; small PDFs are
written here byte by byte (a non-embedded STSong-Light CID font, so a page is a few
hundred bytes) and typeset by a tiny greedy line breaker, so every layout rule is tested
on input whose paragraphs are known.
"""
from __future__ import annotations

import hashlib
from array import array
import re
import zlib
from dataclasses import dataclass
from pathlib import Path

import pytest

from reader.core.errors import ImportFailure
from reader.core.importers import load, load_bytes
from reader.core.importers import pdf_guard
from reader.core.importers.pdf_chars import Line
from reader.core.importers.pdf_furniture import Page, remove_toc
from reader.core.pipeline import parse_file, parse_source
from tests.realdocs_tools import score_real

# ------------------------------------------------------------------ a tiny PDF writer

_FONT = (b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H "
         b"/DescendantFonts [<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light "
         b"/CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> "
         b"/FontDescriptor << /Type /FontDescriptor /FontName /STSong-Light /Flags 6 "
         b"/FontBBox [0 -200 1000 900] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 "
         b"/StemV 93 >> /DW 1000 /W [1 95 500 814 939 500] >>] >>")
Text = tuple[float, float, float, str]  # x, baseline y, size, text


def pdf_bytes(pages: list[list[Text]], *, images: frozenset[int] = frozenset(), trailer: bytes = b"",
              extra: tuple[bytes, ...] = (), ops: bytes = b"") -> bytes:
    """An A4 PDF whose pages show ``pages``' texts; pages numbered in ``images`` show an
    image; ``extra`` objects follow the font (object 1) and the image (object 2); ``ops``
    are drawn on every page after the texts."""
    objs: list[bytes] = [_FONT, b"<< /Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace "
                                b"/DeviceGray /BitsPerComponent 8 /Length 1 >>\nstream\n\x80\nendstream"]
    objs.extend(extra)
    pages_id = len(objs) + 2 * len(pages) + 1
    kids = []
    for number, items in enumerate(pages):
        content = [b"q 500 0 0 700 40 60 cm /Im1 Do Q"] if number in images else []
        for x, y, sz, text in items:
            content.append(b"BT /F1 %g Tf %g %g Td <%s> Tj ET" % (sz, x, y, text.encode("utf-16-be").hex().encode()))
        stream = b"\n".join(content + [ops])
        objs.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
        objs.append(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
                    b"/Resources << /Font << /F1 1 0 R >> /XObject << /Im1 2 0 R >> >> >>" % (pages_id, len(objs)))
        kids.append(len(objs))
    objs.append(b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % k for k in kids), len(kids)))
    objs.append(b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id)
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (n, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, len(objs), trailer, xref)
    return bytes(out)


# ------------------------------------------------------------------ a greedy typesetter

_NO_START = set("，。、；：？！）》”")


def _units(ch: str) -> float:
    return 0.5 if ch.isascii() else 1.0


def wrap(text: str, chars: float, indent: float = 0) -> list[str]:
    """Greedy line breaking: as many characters as fit; a stop that does not fit hangs."""
    lines, cur, used = [], "", indent
    for ch in text:
        if cur and used + _units(ch) > chars and ch not in _NO_START:
            lines.append(cur)
            cur, used = "", 0.0
        cur += ch
        used += _units(ch)
    return lines + [cur] if cur else lines


@dataclass
class Layout:
    """A GB/T 9704-like page: 16 pt text, 27 characters a line, 2-character indents."""

    em: float = 16.0
    chars: int = 27
    left: float = 79.5
    top: float = 720.0
    pitch: float = 28.9
    bottom: float = 90.0
    indent: float = 2.0
    header: str = "某某市人民政府公报　2022年第27期"
    footer: str = "— {n} —"
    spacing: float = 0.0  # extra space between paragraphs (web pages)

    def typeset(self, blocks: list[tuple[str, str]]) -> list[list[Text]]:
        """Blocks: ("body" | "center" | "right" | "note", text) → pages of texts."""
        pages: list[list[Text]] = [[]]
        notes: list[list[str]] = [[]]
        y = self.top
        width = self.chars * self.em
        for kind, text in blocks:
            if kind == "note":
                notes[-1].append(text)
                continue
            if kind == "body":
                rows = [(k == 0, ln) for k, ln in enumerate(wrap(text, self.chars, self.indent))]
            else:
                rows = [(False, text)]
            for first, row in rows:
                if y < self.bottom:
                    pages.append([])
                    notes.append([])
                    y = self.top
                w = sum(_units(c) for c in row) * self.em
                x = {"center": self.left + (width - w) / 2, "right": self.left + width - w}.get(
                    kind, self.left + (self.indent * self.em if first else 0))
                pages[-1].append((x, y, self.em, row))
                y -= self.pitch
            y -= self.spacing
        for n, (page, page_notes) in enumerate(zip(pages, notes), 1):
            if self.header:
                page.insert(0, (self.left + 150, 794, 10.5, self.header))
            for k, note in enumerate(page_notes):
                page.append((self.left, 60 + 14 * (len(page_notes) - k), 10.5, note))
            if self.footer:
                page.append((self.left + 200, 40, 14, self.footer.format(n=n)))
        return pages


REGULATION = [
    ("center", "某某市人民政府令"),
    ("center", "第190号"),
    ("body", "《某某市测试管理办法》已经2022年7月15日市人民政府第16届14次常务会议通过，现予公布，"
             "自2022年10月1日起施行。"),
    ("right", "市长　某某某"),
    ("right", "2022年8月10日"),
    ("center", "某某市测试管理办法"),
    ("center", "第一章　总则"),
    ("body", "第一条　为了规范测试活动，保护当事人的合法权益，促进测试事业健康发展，根据有关法律、"
             "法规，结合本市实际，制定本办法。"),
    ("body", "第二条　本市行政区域内的测试活动及其监督管理，适用本办法。"),
    ("body", "法律、法规对测试活动另有规定的，从其规定。"),
    ("body", "第三条　市测试主管部门负责本办法的组织实施①，区测试主管部门按照职责分工负责本行政区域内"
             "的测试监督管理工作，有关部门按照各自职责做好相关工作。"),
    ("note", "①测试主管部门，是指市人民政府确定的负责测试工作的部门。"),
    ("body", "第四条　测试单位应当具备下列条件："),
    ("body", "（一）有独立的法人资格；"),
    ("body", "（二）有与测试活动相适应的场所、设备和专业技术人员，以及健全的质量管理制度和安全生产"
             "责任制度；"),
    ("body", "（三）法律、法规规定的其他条件。"),
    ("center", "第二章　附则"),
    ("body", "第五条　本办法自2022年10月1日起施行，有效期5年。"),
    ("body", "公开方式：主动公开"),
]


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _expected_paragraphs(blocks: list[tuple[str, str]]) -> list[str]:
    return [text for kind, text in blocks if kind != "note"]


def _fold(text: str) -> str:
    return re.sub(r"[\s\u3000]", "", text)


# ------------------------------------------------------------------ synthetic layouts

def test_gazette_layout_gives_one_line_per_paragraph(tmp_path: Path) -> None:
    """Indented paragraphs wrapped over lines and pages, centred heads, right-aligned
    signature and date, running header and page numbers, a footnote at a page bottom."""
    blocks = REGULATION * 1 + [("body", "第六条　" + "本条用于把正文推到第二页。" * 12)]
    path = _write(tmp_path, "gazette.pdf", pdf_bytes(Layout().typeset(blocks)))
    src = load(path)
    assert src.hard_breaks and src.format == "pdf"
    assert [_fold(p) for p in src.lines] == [_fold(t) for t in _expected_paragraphs(blocks)]
    assert src.lines[7].startswith("第一条\u3000为了")  # label, one full-width space, text
    assert not any("公报" in ln or re.fullmatch(r"—\s*\d+\s*—", ln) for ln in src.lines)
    assert src.meta["footnotes"] == [{"mark": "①", "text": "①测试主管部门，是指市人民政府确定的负责测试工作的部门。",
                                      "line": 11}]


def test_pages_split_mid_paragraph_are_joined(tmp_path: Path) -> None:
    long = "第一条　" + "".join(f"第{n}句话说明测试规则的适用范围。" for n in range(1, 130))
    pages = Layout().typeset([("center", "某某测试规定"), ("body", long), ("body", "第二条　本规定自公布之日起施行。")])
    assert len(pages) >= 3
    src = load(_write(tmp_path, "long.pdf", pdf_bytes(pages)))
    assert [_fold(p) for p in src.lines] == [_fold(t) for t in ("某某测试规定", long, "第二条　本规定自公布之日起施行。")]


def test_gazette_pdf_splits_into_documents_with_titles(tmp_path: Path) -> None:
    second = [("center", "某某市人民政府令"), ("center", "第191号"),
              ("body", "《某某市样例管理规定》已经2022年7月15日市人民政府第16届14次常务会议通过，现予公布，"
                       "自2022年10月1日起施行。"),
              ("right", "市长　某某某"), ("right", "2022年8月10日"),
              ("center", "某某市样例管理规定"),
              ("body", "第一条　为了规范样例管理，制定本规定。"),
              ("body", "第二条　本规定自2022年10月1日起施行。"),
              ("body", "公开方式：主动公开")]
    path = _write(tmp_path, "issue.pdf", pdf_bytes(Layout().typeset(REGULATION + second)))
    docs = parse_file(path)
    assert [d.title for d in docs] == ["某某市测试管理办法", "某某市样例管理规定"]
    assert [d.doc_number for d in docs] == ["某某市人民政府令第190号", "某某市人民政府令第191号"]
    articles = [n for n in docs[0].walk() if n.kind.value == "article"]
    assert [a.label for a in articles] == ["第一条", "第二条", "第三条", "第四条", "第五条"]
    notes = [n for n in articles[2].walk() if n.kind.value == "footnote"]
    assert [n.text for n in notes] == ["①测试主管部门，是指市人民政府确定的负责测试工作的部门。"]


def test_browser_print_headers_footers_and_ragged_lines(tmp_path: Path) -> None:
    """Chrome's print: date and title on top, URL and n/m at the bottom; no indents,
    paragraphs set apart by space; ragged right edge."""
    body = [("left", "中华人民共和国测试法")] + [
        ("body", f"第{n}条　" + "本法所称测试，是指依照本法规定进行的各类测试活动" * (k % 3 + 1) + "。")
        for k, n in enumerate("一二三四五六七八九十" * 4)]
    layout = Layout(indent=0, header="", footer="", spacing=10, chars=50, left=34, em=10.7, pitch=16)
    pages = layout.typeset(body)
    for n, page in enumerate(pages, 1):
        page.insert(0, (20, 825, 8, "2024/5/1 10:23"))
        page.insert(1, (260, 825, 8, "中华人民共和国测试法"))
        page.append((20, 12, 8, "https://flk.npc.gov.cn/detail?id=123"))
        page.append((550, 12, 8, f"{n}/{len(pages)}"))
    src = load(_write(tmp_path, "browser.pdf", pdf_bytes(pages)))
    assert [_fold(p) for p in src.lines] == [_fold(t) for _k, t in body]
    assert len(pages) >= 2


def test_table_rows_become_tab_joined_cells(tmp_path: Path) -> None:
    rows = [("序号", "事项", "期限"), ("1", "受理申请", "5日"), ("2", "审查决定", "20日")]
    page: list[Text] = [(79.5, 720, 16, "第一条　办理期限如下表。")]
    for k, row in enumerate(rows):
        for x, cell in zip((79.5, 200, 400), row):
            page.append((x, 690 - 28.9 * k, 16, cell))
    page.append((79.5, 690 - 28.9 * 3, 16, "第二条　本规定自公布之日起施行。"))
    src = load(_write(tmp_path, "table.pdf", pdf_bytes([page])))
    assert src.lines == ["第一条\u3000办理期限如下表。", "序号\t事项\t期限", "1\t受理申请\t5日",
                         "2\t审查决定\t20日", "第二条\u3000本规定自公布之日起施行。"]


def test_table_of_contents_is_dropped(tmp_path: Path) -> None:
    toc = [(79.5, 760, 22, "目录")] + [
        (79.5, 720 - 28.9 * k, 16, f"{entry}{'.' * 30}{page}")
        for k, (entry, page) in enumerate([("第一章　总则", 2), ("第二章　附则", 3)])]
    blocks = [("center", "第一章　总则"), ("body", "第一条　为了测试目录，制定本规定。"),
              ("center", "第二章　附则"), ("body", "第二条　本规定自公布之日起施行。")]
    src = load(_write(tmp_path, "toc.pdf", pdf_bytes([toc] + Layout(header="").typeset(blocks))))
    assert src.lines == ["第一章\u3000总则", "第一条\u3000为了测试目录，制定本规定。", "第二章\u3000附则",
                         "第二条\u3000本规定自公布之日起施行。"]
    assert "目录" in src.meta["removed"]


def test_wrapped_word_before_an_outline_mark_continues_in_an_indented_file(tmp_path: Path) -> None:
    """统一、 cut after 统: the next line opens with 一、 but has no first-line indent, in a
    file whose paragraphs have one, so it goes on with the article."""
    article = "第五十二条　平时特殊情况，是指发生危及国家主权、统一、领土完整和安全的武装冲突以及其他突发性事件。"
    assert wrap(article, 27, 2)[1].startswith("一、")
    blocks = [("center", "某某测试条例"), ("body", "第五十一条　本条例所称测试，是指依照本条例进行的各类测试活动。"),
              ("body", article), ("body", "第五十三条　测试单位应当具备下列条件："), ("body", "一、有独立的法人资格；"),
              ("body", "二、有相应的场所。")]
    src = load(_write(tmp_path, "indented.pdf", pdf_bytes(Layout(header="").typeset(blocks))))
    assert [_fold(p) for p in src.lines] == [_fold(t) for _k, t in blocks]


def test_wrapped_word_before_an_outline_mark_continues_without_indents(tmp_path: Path) -> None:
    """Book layout (no indents, no spacing): a full line that stops mid-word (…健全统) goes on
    with 一、开放…; a full line ending a clause (…下列原则：) is followed by a real item."""
    first = "第四条　国家制定并实施与市场经济相适应竞争规则，健全统一、开放、竞争、有序的市场体系。"
    intro = "第五条　经营者依法实施经营者集中的，应当遵循下列原则："
    assert wrap(first, 27)[1].startswith("一、") and len(wrap(intro, 27)) == 1 and len(intro) == 27
    blocks = [("body", "第三条　本法所称经营者，是指从事商品生产、经营或者提供服务的自然人、法人和非法人组织。"),
              ("body", first), ("body", intro), ("body", "一、公平；"), ("body", "二、公开。"),
              ("body", "第六条　本法自公布之日起施行。")]
    pages = Layout(indent=0, header="", footer="").typeset(blocks)
    src = load(_write(tmp_path, "book.pdf", pdf_bytes(pages)))
    assert [_fold(p) for p in src.lines] == [_fold(t) for _k, t in blocks]


def test_line_short_by_a_narrow_label_space_is_no_paragraph_end(tmp_path: Path) -> None:
    """A browser sets a narrow space after 第X条, so an article's first line ends ~0.8
    character short of the edge; the next character did not fit there.  PDFium reports a
    glyph's ink, which may be narrower than its square (here 门, drawn 80 % wide), yet a
    Chinese character takes a whole square when lines are broken."""
    em, left, pitch, gap = 16.0, 40.0, 24.0, 10.0
    head = "县级以上人民政府应当将粮食安全保障工作的有关部"
    rest = wrap("门应当根据粮食安全保障目标、任务等，编制粮食安全保障相关专项规划，按照程序批准后实施。", 27)
    around = [wrap(f"第{n}条　国家建立健全粮食安全保障投入机制，采取财政、金融等支持政策加强粮食安全保障工作。", 27)
              for n in "四六"]
    assert len(head) == 23 and all(len(rows[0]) == 27 for rows in around)
    page: list[Text] = []
    y = 760.0
    for rows in around[:1]:
        for row in rows:
            page.append((left, y, em, row))
            y -= pitch
    y -= gap
    page += [(left, y, em, "第五条"), (left + 3.22 * em, y, em, head)]
    narrow = b"BT /F1 16 Tf 80 Tz %g %g Td <%s> Tj ET" % (left + 0.1 * em, y - pitch, "门".encode("utf-16-be").hex().encode())
    page.append((left + em, y - pitch, em, rest[0][1:]))
    y -= 2 * pitch
    for row in rest[1:]:
        page.append((left, y, em, row))
        y -= pitch
    y -= gap
    for row in around[1]:
        page.append((left, y, em, row))
        y -= pitch
    src = load(_write(tmp_path, "browser.pdf", pdf_bytes([page], ops=narrow)))
    assert [_fold(p) for p in src.lines] == [_fold("".join(around[0])), _fold("第五条" + head + "".join(rest)),
                                             _fold("".join(around[1]))]


def test_centred_heading_wrapped_onto_a_second_line_is_one_heading(tmp_path: Path) -> None:
    """A chapter heading at body size too long for the line: its first line is full, the
    rest is centred below at the normal distance.  Two centred lines with room to spare on
    the first (令 and its number, a title and its chapter) stay apart."""
    heading = "第一章　外商投资经营国际海上运输及其辅助性业务的特别规定"
    rows = wrap(heading, 27)
    assert len(rows) == 2 and len(rows[0]) == 27
    blocks = [("center", "某某市人民政府令"), ("center", "第190号"), ("center", "某某测试条例"),
              ("center", rows[0]), ("center", rows[1]),
              ("body", "第一条　外商在中国境内投资经营国际海上运输业务，适用本条例。"),
              ("center", "第二章　附则"), ("body", "第二条　本条例自公布之日起施行。")]
    src = load(_write(tmp_path, "heading.pdf", pdf_bytes(Layout(header="").typeset(blocks))))
    expected = [t for _k, t in blocks[:3]] + [heading] + [t for _k, t in blocks[5:]]
    assert [_fold(p) for p in src.lines] == [_fold(t) for t in expected]


def test_two_columns_are_read_column_by_column(tmp_path: Path) -> None:
    left = [(40, 760 - 20 * k, 12, f"左栏第{k + 1}行内容") for k in range(12)]
    right = [(320, 760.5 - 20 * k, 12, f"右栏第{k + 1}行内容") for k in range(12)]
    src = load(_write(tmp_path, "cols.pdf", pdf_bytes([left + right])))
    text = "".join(src.lines)
    assert text.index("左栏第12行") < text.index("右栏第1行")


def test_rotated_watermark_is_left_out(tmp_path: Path) -> None:
    mark = "内部资料".encode("utf-16-be").hex().encode()
    watermark = b"BT /F1 40 Tf 0.7071 0.7071 -0.7071 0.7071 200 300 Tm <%s> Tj ET" % mark
    data = pdf_bytes([[(79.5, 720, 16, "第一条　水印不是正文。")]], ops=watermark)
    assert load_bytes("watermark.pdf", data).lines == ["第一条\u3000水印不是正文。"]


# ------------------------------------------------------------------ bad input

def _reason(name: str, data: bytes) -> str:
    with pytest.raises(ImportFailure) as info:
        load_bytes(name, data)
    return info.value.reason


def test_scanned_pdf_is_refused_with_advice() -> None:
    reason = _reason("scan.pdf", pdf_bytes([[], [], []], images=frozenset({0, 1, 2})))
    assert reason == "scanned PDF without a text layer (3 pages); run OCR first"


def test_pdf_with_empty_pages_only_is_refused() -> None:
    assert _reason("blank.pdf", pdf_bytes([[], []])) == "PDF contains no text (2 empty pages)"


def test_scanned_pages_inside_a_text_pdf_are_reported() -> None:
    text = [(79.5, 720.0, 16.0, "第一条　有文字的一页。")]
    src = load_bytes("mixed.pdf", pdf_bytes([text, [], text, []], images=frozenset({1})))
    assert src.lines == ["第一条\u3000有文字的一页。", "第一条\u3000有文字的一页。"]
    assert src.meta["warnings"] == ["pages without a text layer (scanned images, not imported): 2"]


def test_truncated_and_damaged_pdfs_are_refused() -> None:
    data = pdf_bytes(Layout().typeset(REGULATION))
    assert "truncated" in _reason("cut.pdf", data[: len(data) // 2])
    assert "not a PDF" in _reason("fake.pdf", b"<html>not a pdf</html>" * 10)
    assert _reason("empty.pdf", b"") == "file is empty"
    garbled = b"%PDF-1.4\n" + bytes(range(256)) * 20 + b"\n%%EOF\n"
    assert "damaged PDF" in _reason("garbled.pdf", garbled)


def _rc4(key: bytes, data: bytes) -> bytes:
    s = list(range(256))
    j = 0
    for i in range(256):
        j = (j + s[i] + key[i % len(key)]) % 256
        s[i], s[j] = s[j], s[i]
    i = j = 0
    out = bytearray()
    for byte in data:
        i = (i + 1) % 256
        j = (j + s[i]) % 256
        s[i], s[j] = s[j], s[i]
        out.append(byte ^ s[(s[i] + s[j]) % 256])
    return bytes(out)


def test_password_protected_pdf_is_refused() -> None:
    """Standard security handler, revision 2 (40-bit RC4), user password "secret"."""
    pad = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")
    owner = _rc4(hashlib.md5(b"owner" + pad[:27]).digest()[:5], b"secret" + pad[:26])
    file_id = b"0123456789abcdef"
    key = hashlib.md5(b"secret" + pad[:26] + owner + (-44).to_bytes(4, "little", signed=True) + file_id).digest()[:5]
    encrypt = b"<< /Filter /Standard /V 1 /R 2 /O <%s> /U <%s> /P -44 >>" % (owner.hex().encode(), _rc4(key, pad).hex().encode())
    data = pdf_bytes([[(79.5, 720, 16, "机密")]], extra=(encrypt,),
                     trailer=b"/Encrypt 3 0 R /ID [<%s> <%s>] " % (file_id.hex().encode(), file_id.hex().encode()))
    assert "password-protected" in _reason("secret.pdf", data)


def test_decompression_bomb_is_refused_before_reading(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf_guard, "MAX_INFLATED", 4 * 2**20)
    packer = zlib.compressobj(9)
    bomb = b"".join(packer.compress(b"\0" * 2**20) for _ in range(8)) + packer.flush()
    stream = b"<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream" % (len(bomb), bomb)
    data = pdf_bytes([[(79.5, 720, 16, "第一条　正文。")]], extra=(stream,))
    assert len(data) < 64 * 1024
    assert "expand to over 4 MB" in _reason("bomb.pdf", data)
    monkeypatch.setattr(pdf_guard, "MAX_INFLATED", 16 * 2**20)
    assert load_bytes("bomb.pdf", data).lines == ["第一条\u3000正文。"]


def test_too_many_pages_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf_guard, "MAX_PAGES", 2)
    assert "too many pages (3" in _reason("many.pdf", pdf_bytes([[(80, 700, 16, "一页")]] * 3))


# ------------------------------------------------------------------ real files

_SAME_TEXT = ("中华人民共和国民法典.pdf", "中华人民共和国公务员法.pdf", "中华人民共和国行政处罚法.pdf",
              "中华人民共和国证券法.pdf")


@pytest.mark.parametrize("k", range(4))
def test_gazette_pdfs_meet_the_gold(shared_dir: Path, k: int) -> None:
    path = shared_dir / "realdocs" / "gazette-pdf" / f"gazette_{k}.pdf"
    r = score_real(path)
    s = r.score
    shown = [str(m) for m in s.mismatches][:5]
    assert r.titles_ok, (r.titles_found, r.titles_expected)
    assert s.errors == 0 and s.matched_ratio == 1.0 and s.precision == 1.0, shown
    assert s.text_ratio >= 0.99 and s.para_ratio >= 0.99, shown


def test_gazette_pdfs_together_meet_the_targets(shared_dir: Path) -> None:
    from tests.corpus_tools import Score

    total = Score()
    for k in range(4):
        total += score_real(shared_dir / "realdocs" / "gazette-pdf" / f"gazette_{k}.pdf").score
    assert total.matched_ratio == 1.0 and total.text_ratio >= 0.995 and total.para_ratio >= 0.99


@pytest.mark.parametrize("name", _SAME_TEXT)
def test_browser_printed_laws_meet_the_targets(shared_dir: Path, name: str) -> None:
    r = score_real(shared_dir / "realdocs" / "pdf" / name)
    s = r.score
    shown = [str(m) for m in s.mismatches][:5]
    assert r.titles_ok, r.titles_found
    assert s.matched_ratio == 1.0 and s.precision == 1.0, shown
    assert s.text_ratio >= 0.995 and s.para_ratio >= 0.99, shown


def test_book_typeset_criminal_law(shared_dir: Path) -> None:
    """编/章/节, 之一 articles, label gaps, a two-column 目录, hanging stops.  The corpus holds
    the Criminal Law as amended in 2023 (修正案十二); the book is the 2020 text, so the
    articles amended in 2023 (第一百六十五、一百六十六、一百六十九、三百八十七、三百九十、
    三百九十一、三百九十三条) differ in wording: they are the only ones allowed to."""
    r = score_real(shared_dir / "realdocs" / "pdf" / "刑法-2020-书籍排版.pdf")
    s = r.score
    assert r.titles_ok and s.matched_ratio == 1.0 and s.precision == 1.0
    amended = {"第一百六十五条", "第一百六十六条", "第一百六十九条", "第三百八十七条", "第三百九十条", "第三百九十一条",
               "第三百九十三条"}
    other = [str(m) for m in s.mismatches if m.kind == "text" and m.label not in amended]
    assert not other, other
    assert s.para_ratio >= 0.98, [str(m) for m in s.mismatches if m.kind == "paragraphs"]


def test_real_pdfs_leak_no_furniture(shared_dir: Path) -> None:
    furniture = re.compile(r"^[-—–\s]*\d{1,3}[-—–\s]*$|人民政府公报$|^\d+/\d+$|\.{6,}|^目录$|Laosheng|https?://")
    for path in sorted((shared_dir / "realdocs").glob("*/*.pdf")):
        src = load(path)
        leaked = [ln for ln in src.lines if furniture.search(ln.replace(" ", ""))]
        assert not leaked, (path.name, leaked[:3])
        first_article = next(k for k, ln in enumerate(src.lines) if re.match(r"第[一二三四五六七八九十]+条", ln))
        headings = [ln for ln in src.lines[:first_article] if re.match(r"\*?第[一二三四五六七八九十]+[编章节]", ln)]
        assert len(headings) <= 3, (path.name, headings[:6])  # 编, 章, 节 of article 1; no 目录 left
        if "gazette" in path.name:
            assert sum("人民政府公报" in r for r in src.meta["removed"]) >= 20


def test_parse_source_keeps_gazette_documents_apart(shared_dir: Path) -> None:
    src = load(shared_dir / "realdocs" / "gazette-pdf" / "gazette_1.pdf")
    docs = parse_source(src)
    assert [d.title for d in docs] == ["中华人民共和国合伙企业登记管理办法", "法规汇编编辑出版管理规定",
                                       "中华人民共和国外国人入境出境管理条例"]
    assert docs[1].doc_number == "广州市人民政府令第191号"


def test_contents_without_leaders_and_wide_label_gaps(tmp_path: Path) -> None:
    """A 目录 whose entries end in bare page numbers; book layout: no indents, the label
    set apart from its text by several spaces' width."""
    toc = [(79.5, 760, 22, "目录"), (79.5, 720, 16, "第一章　总则　1"), (79.5, 691, 16, "第二章　附则　2")]
    body: list[Text] = [(79.5, 760, 22, "第一章　总则"),
                        (79.5, 720, 16, "第一条"), (160, 720, 16, "为了测试书籍排版，制定本规定。"),
                        (79.5, 691, 16, "第二条"), (160, 691, 16, "本规定所称书籍排版，是指标签与正文之间"),
                        (79.5, 662, 16, "留有较宽空白的排版方式。"),
                        (79.5, 620, 22, "第二章　附则"),
                        (79.5, 580, 16, "第三条"), (160, 580, 16, "本规定自公布之日起施行。")]
    src = load(_write(tmp_path, "book.pdf", pdf_bytes([toc, body])))
    assert src.lines == ["第一章\u3000总则", "第一条\u3000为了测试书籍排版，制定本规定。",
                         "第二条\u3000本规定所称书籍排版，是指标签与正文之间留有较宽空白的排版方式。",
                         "第二章\u3000附则", "第三条\u3000本规定自公布之日起施行。"]


def test_small_print_colophon_stays_in_the_document(tmp_path: Path) -> None:
    blocks = REGULATION + [("body", "抄送：市委各部门，市人大常委会办公厅。"),
                           ("body", "某某市人民政府办公厅　2022年8月22日印发")]
    pages = Layout().typeset(blocks)
    last = pages[-1]
    for k, (x, y, size, text) in enumerate(last):
        if text.startswith(("抄送", "某某市人民政府办公厅")):
            last[k] = (x, y - 200, 14, text)  # small print at the page bottom
    src = load(_write(tmp_path, "colophon.pdf", pdf_bytes(pages)))
    assert "抄送：市委各部门，市人大常委会办公厅。" in [p.replace(" ", "") for p in src.lines]
    assert not any("without a mark" in w for w in src.meta["warnings"])


def test_word_style_footnote_with_raised_number(tmp_path: Path) -> None:
    """Word prints the mark as a raised small digit and the note in small print below a
    gap; the note leaves the body, the digit becomes the mark the note attaches by."""
    page: list[Text] = [(79.5, 720, 16, "第一条　本办法所称主管部门"), (79.5 + 13 * 16, 726, 9, "1"),
                        (79.5 + 13 * 16 + 5, 720, 16, "，是指市人民政府确定的部门。"),
                        (79.5, 691.1, 16, "第二条　本办法自公布之日起施行。"),
                        (79.5, 80, 9, "1"), (86, 76, 10.5, "主管部门由市人民政府另行公布。")]
    src = load(_write(tmp_path, "word.pdf", pdf_bytes([page])))
    assert [_fold(p) for p in src.lines] == ["第一条本办法所称主管部门①，是指市人民政府确定的部门。",
                                             "第二条本办法自公布之日起施行。"]
    assert src.meta["footnotes"] == [{"mark": "①", "text": "①主管部门由市人民政府另行公布。", "line": 1}]
    (doc,) = parse_source(src)
    notes = [n for n in doc.walk() if n.kind.value == "footnote"]
    assert [n.text for n in notes] == ["①主管部门由市人民政府另行公布。"]


def test_gazette_issue_contents_with_groups_and_bracketed_pages(tmp_path: Path) -> None:
    toc = [(250, 760, 22, "目　录"), (79.5, 720, 16, "市政府令"),
           (79.5, 691, 16, "某某市测试管理办法" + "…" * 12 + "（1）"),
           (79.5, 662, 16, "市政府办公厅文件"),
           (79.5, 633, 16, "某某市人民政府办公厅关于印发某某方案的通知" + "…" * 4 + "（5）")]
    pages = [toc] + Layout(header="").typeset(REGULATION)
    src = load(_write(tmp_path, "issue.pdf", pdf_bytes(pages)))
    assert src.lines[:2] == ["某某市人民政府令", "第190号"]
    assert len(src.meta["removed"]) >= 5


def test_library_imports_good_pdfs_and_reports_bad_ones(tmp_path: Path) -> None:
    from reader.store.library import Library

    good = _write(tmp_path, "good.pdf", pdf_bytes(Layout().typeset(REGULATION)))
    scan = _write(tmp_path, "scan.pdf", pdf_bytes([[]], images=frozenset({0})))
    cut = _write(tmp_path, "cut.pdf", good.read_bytes()[:2000])
    with Library.open(tmp_path / "lib") as library:
        report = library.import_files([scan, good, cut])
        failed = {Path(f.file).name: f.reason for f in report.failures}
        assert set(failed) == {"scan.pdf", "cut.pdf"}
        assert "run OCR first" in failed["scan.pdf"] and "truncated" in failed["cut.pdf"]
        assert [d.title for d in library.documents()] == ["某某市测试管理办法"]


def test_contents_heading_followed_by_the_body_keeps_its_headings(tmp_path: Path) -> None:
    """目录 directly over the body's own headings: the 'entries' never come back in the
    body, so they are the body, and nothing is taken for a table of contents."""
    page: list[Text] = [(250, 760, 22, "目录"), (200, 720, 16, "第一章　总则"), (200, 691, 16, "第一节　一般规定"),
                        (111.5, 662, 16, "第一条　为了测试目录，制定本规定。"),
                        (111.5, 633, 16, "第二条　本规定自公布之日起施行。")]
    src = load(_write(tmp_path, "no-toc.pdf", pdf_bytes([page])))
    assert [_fold(p) for p in src.lines] == ["目录", "第一章总则", "第一节一般规定", "第一条为了测试目录，制定本规定。",
                                            "第二条本规定自公布之日起施行。"]


def _line(text: str, y: float, page: int = 0, em: float = 16) -> Line:
    n = max(1, len(text))
    return Line(text, array("f", [79.5 + em * k for k in range(n)]), array("f", [79.5 + em * (k + 1) for k in range(n)]),
                y, y + em * 0.88, y - em * 0.12, em, page)


def test_contents_heading_spaced_with_ideographic_spaces() -> None:
    """目　　录 set with full-width spaces (as an extractor that keeps them gives it) is a
    目录 heading; leaderless entries end where the body prints the first one again."""
    texts = ["目\u3000\u3000录", "第一章\u3000总则", "第二章\u3000附则", "第一章\u3000总则", "第一条\u3000为了测试目录，制定本规定。",
             "第二章\u3000附则", "第二条\u3000本规定自公布之日起施行。"]
    page = Page(0, 595, 842, [_line(t, 760 - 29 * k) for k, t in enumerate(texts)])
    removed = remove_toc([page])
    assert removed == texts[:3]
    assert [ln.text for ln in page.lines] == texts[3:]


@pytest.mark.parametrize(("pages", "size"), [(3, 10.5), (4, 10.5), (4, 16)])
def test_short_file_with_alternating_running_headers(tmp_path: Path, pages: int, size: float) -> None:
    """Odd and even pages carry different small headers set apart above the text (book
    style: title on recto pages, right-aligned; part title on verso pages, left-aligned).
    Two occurrences on alternating pages are enough; the title opening page 1 stays.  At body
    size a line atop page 1 may be a title, so only the verso header goes.  (A header printed
    once only, as on page 2 of 3, cannot be told from the text by repetition.)"""
    long = "第一条　" + "".join(f"第{n}句话说明测试规则的适用范围。" for n in range(1, 40 * pages - 20))
    layout = Layout(header="", footer="")
    typeset = layout.typeset([("center", "某某测试规定"), ("body", long)])
    assert len(typeset) == pages
    for n, page in enumerate(typeset, 1):
        odd = n % 2 == 1
        if odd or pages == 4:
            text = "某某测试规定释义" if odd else "第一部分　条文"
            x = layout.left + layout.chars * layout.em - len(text) * size if odd else layout.left
            page.insert(0, (x, 780, size, text))
    src = load(_write(tmp_path, "alternating.pdf", pdf_bytes(typeset)))
    assert "某某测试规定" in [_fold(p) for p in src.lines]
    gone = ("第一部分", "释义") if size < layout.em else ("第一部分",)
    assert not any(g in ln for g in gone for ln in src.lines), src.lines
