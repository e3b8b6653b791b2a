"""A regulation saved as Word goes through the same splitting and structuring as text."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import docx

from reader.core.model import NodeKind
from reader.core.pipeline import parse_file


def test_word_regulation_with_order_head(tmp_path: Path) -> None:
    path = tmp_path / "order.docx"
    d = docx.Document()
    for text in [
        "广州市人民政府令", "第200号", "《广州市某某管理规定》已经2023年3月1日市人民政府第16届50次常务会议通过，现予公布，自2023年5月1日起施行。",
        "市长　郭永航", "2023年3月10日", "广州市某某管理规定", "第一章　总　则",
        "第一条　为了规范某某管理，根据有关法律、法规，结合本市实际，制定本规定。",
        "第二条　本规定适用于本市行政区域内的某某活动。", "本规定所称某某，是指……。",
        "第二章　附　则", "第三条　本规定自2023年5月1日起施行。",
    ]:
        d.add_paragraph(text)
    d.save(str(path))
    (doc,) = parse_file(path)
    assert doc.source.format == "docx"
    assert (doc.title, doc.doc_number, doc.issuer) == ("广州市某某管理规定", "广州市人民政府令第200号", "广州市人民政府")
    assert (doc.issued, doc.effective) == (date(2023, 3, 10), date(2023, 5, 1))
    assert [c.heading for c in doc.nodes] == ["总则", "附则"]
    art2 = doc.find("art_2")
    assert art2 is not None and [p.kind for p in art2.children] == [NodeKind.PARAGRAPH, NodeKind.PARAGRAPH]
