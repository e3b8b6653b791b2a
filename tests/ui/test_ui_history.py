"""Back/forward history: browser semantics across documents."""
from __future__ import annotations

from reader.ui.docinfo import Location
from reader.ui.history import History


def test_back_and_forward() -> None:
    h = History()
    assert h.back() is None and h.forward() is None
    h.visit(Location("a", None))
    h.visit(Location("a", "art_5"))
    h.visit(Location("b", "art_1"))
    assert h.back() == Location("a", "art_5")
    assert h.back() == Location("a", None)
    assert not h.can_back()
    assert h.forward() == Location("a", "art_5")
    h.visit(Location("c", None))  # a new jump drops the forward entries
    assert not h.can_forward()
    assert h.back() == Location("a", "art_5")


def test_update_current_remembers_where_the_reader_went() -> None:
    h = History()
    h.visit(Location("a", "art_1"))
    h.update_current(Location("a", "art_9"))  # scrolled on
    h.update_current(Location("b", "art_2"))  # another document: not this entry
    h.visit(Location("b", None))
    assert h.back() == Location("a", "art_9")


def test_repeat_visit_and_forget_and_limit() -> None:
    h = History(limit=3)
    h.visit(Location("a"))
    h.visit(Location("a"))
    assert len(h) == 1
    for name in "bcd":
        h.visit(Location(name))
    assert len(h) == 3 and h.current == Location("d")
    h.forget("d")
    assert h.current == Location("c") and not h.can_forward()
