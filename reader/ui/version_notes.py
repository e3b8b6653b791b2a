"""What the annotations panel tells about notes that followed a new version of their
document: moved to another article, the words they marked changed, or not found — with the
labels the reader knows (第五条, 原第十一条, 2018年10月26日修正), gathered from the Library's
``versions.follow_notes`` log."""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

#: Outcomes the panel marks (``unchanged`` needs no word).
SHOWN = ("moved", "changed", "orphan")


@dataclass(frozen=True)
class FollowInfo:
    """One note's last move between versions, in the reader's terms."""

    outcome: str  # moved | changed | orphan
    from_doc: str  # the version it was on
    old_place: str  # 第十一条 (in that version)
    new_place: str  # 第五条 (in the current one; '' for an orphan)
    old_quote: str
    version: str  # the label of the version it was on ('' when unknown)


def follow_infos(library: Any, doc_ids: Iterable[str],
                 info_of: Callable[[str], Any]) -> dict[str, FollowInfo]:
    """Annotation id → FollowInfo for the notes now on ``doc_ids`` that moved, changed or
    were lost when they followed a new version.  ``info_of(doc_id)`` gives a DocInfo (or
    None) to name places; link ends (``id:side``) are left to the links panel."""
    versions = getattr(library, "versions", None)
    if versions is None:
        return {}
    out: dict[str, FollowInfo] = {}
    for doc_id in doc_ids:
        try:
            notes = versions.follow_notes(doc_id)
        except Exception:  # noqa: BLE001 - removed meanwhile: nothing to tell
            continue
        shown = {k: n for k, n in notes.items() if ":" not in k and n.outcome in SHOWN}
        if not shown:
            continue
        labels = _labels(versions, doc_id)
        here = info_of(doc_id)
        for key, note in shown.items():
            there = info_of(note.from_doc)
            out[key] = FollowInfo(
                note.outcome, note.from_doc, _place(there, note.old_node),
                _place(here, note.new_node) if note.new_node else "", note.old_quote,
                labels.get(note.from_doc, ""))
    return out


def _labels(versions: Any, doc_id: str) -> dict[str, str]:
    try:
        return {v.id: v.label for v in versions.list(doc_id)}
    except Exception:  # noqa: BLE001
        return {}


def _place(info: Any, node_id: str | None) -> str:
    """第十一条第二款 where the tree knows the node, else the bare node id."""
    if not node_id:
        return ""
    label = info.cite_label(node_id) if info is not None and info.node(node_id) is not None else ""
    return label or node_id


__all__ = ["FollowInfo", "SHOWN", "follow_infos"]
