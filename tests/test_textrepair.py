"""Each rule of ARCHITECTURE.md "Text repair", on characters taken from the seeds."""
from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from reader.core.textrepair import display_width, repair_line


def test_yi_syllables_are_gbk_pairs_read_with_the_wrong_table() -> None:
    assert repair_line("通过ꎬ 现予公布ꎮ") == "通过，现予公布。"
    assert repair_line("更新与维护ꎻ") == "更新与维护；"
    # general rule, not a table: ꎰ (U+A3B0) is the GBK pair A3 B0 = ０ → 0
    assert repair_line("第ꎱ号") == "第1号"


def test_private_use_characters() -> None:
    assert repair_line("３\U001001b0 ４％") == "3.4%"
    assert repair_line("广东\U00100170广州") == "广东-广州"
    assert repair_line("格局\U001000b7ꎬ") == "格局①，"
    assert repair_line("\U001000bc“一城两坊”") == "⑥“一城两坊”"


def test_brackets_and_widths() -> None:
    assert repair_line("«中华人民共和国测绘法» ‹细则›") == "《中华人民共和国测绘法》〈细则〉"
    assert repair_line("自 ２０２２ 年 １０ 月 １ 日起") == "自2022年10月1日起"
    assert repair_line("５Ｇ＋工业互联网") == "5G+工业互联网"
    assert repair_line("(一) 平面控制网") == "（一）平面控制网"
    assert repair_line("包括:") == "包括："


def test_extraction_spaces_go_but_latin_words_keep_theirs() -> None:
    assert repair_line("市　 长　 郭永航") == "市长郭永航"
    assert repair_line("国道 G355 线快速化改造") == "国道G355线快速化改造"
    assert repair_line("IPv6 over Ethernet") == "IPv6 over Ethernet"


def test_article_label_keeps_one_space() -> None:
    assert repair_line("第一条　 为了加强测绘") == "第一条 为了加强测绘"
    assert repair_line("第一章　 总　 则") == "第一章 总则"


def test_display_width() -> None:
    assert display_width("第1条") == 5


@given(st.text())
def test_repair_is_idempotent(text: str) -> None:
    once = repair_line(text)
    assert repair_line(once) == once
