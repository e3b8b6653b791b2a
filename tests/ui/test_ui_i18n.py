"""The English catalogue covers every interface string, and the compiled .qm is current."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from PySide6.QtCore import QTranslator

from reader.ui.i18n import I18N_DIR
from tests.conftest import REPO

TS = I18N_DIR / "regreader_en.ts"
QM = I18N_DIR / "regreader_en.qm"
_TR = re.compile(r"""self\.tr\(\s*(["'])((?:\\.|(?!\1).)*)\1\s*\)""")


def catalogue() -> dict[tuple[str, str], tuple[str, str | None]]:
    """(context, source) → (translation, type) of every live message."""
    out = {}
    for context in ET.parse(TS).getroot().iter("context"):
        name = context.find("name").text
        for message in context.iter("message"):
            translation = message.find("translation")
            kind = translation.get("type")
            if kind not in ("vanished", "obsolete"):
                out[(name, message.find("source").text or "")] = (translation.text or "", kind)
    return out


def sources_in_code() -> set[str]:
    found = set()
    for path in (REPO / "reader" / "ui").glob("*.py"):
        for m in _TR.finditer(path.read_text(encoding="utf-8")):
            found.add(m.group(2).encode().decode("unicode_escape").encode("latin-1").decode("utf-8"))
    return found


def test_every_string_is_translated() -> None:
    cat = catalogue()
    missing = sorted(sources_in_code() - {source for _ctx, source in cat})
    assert not missing, f"run pyside6-lupdate (see reader/ui/i18n.py): {missing}"
    unfinished = sorted(s for (_c, s), (text, kind) in cat.items() if kind == "unfinished" or not text)
    assert not unfinished, f"translate these in {TS.name}: {unfinished}"


def test_compiled_catalogue_loads_and_matches() -> None:
    translator = QTranslator()
    assert translator.load(str(QM))
    for (context, source), (text, _kind) in catalogue().items():
        assert translator.translate(context, source) == text, \
            f"{QM.name} is stale: run pyside6-lrelease ({context}: {source!r})"
