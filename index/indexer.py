"""Writing the search index: full (parallel) builds and incremental updates.

The index is a Whoosh index in its own folder (``<library>/index``) with a small
``regreader-index.json`` beside Whoosh's files that records the schema version and the
analysis fingerprint it was built with; :func:`check` compares them with this code.

Full builds go through :class:`BulkWriter`, a Whoosh ``SegmentWriter`` that inverts the
n-gram fields in memory and writes each term's postings in one go instead of pushing
every posting through Whoosh's external sorting pool — about ten million postings for
the 1,510 laws of the test corpus, where Whoosh's own path costs ~15 µs each.  With
``procs`` > 1 the documents are spread over worker processes (spawned, so it is safe from
a GUI thread), each of which writes one segment; the parent commits the segments in one
table of contents.  A build always goes into a fresh folder that then replaces the old
one, so a broken, locked or outdated index is never written into.

Incremental updates (:func:`update`) use Whoosh's ordinary writer: delete the
document's units by ``doc_id``, add the new ones, commit.
"""
from __future__ import annotations

import json
import multiprocessing
import os
import shutil
import time
import traceback
import uuid
from array import array
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Protocol

from whoosh import index as whoosh_index
from whoosh.filedb.filestore import FileStorage
from whoosh.index import TOC, clean_files
from whoosh.system import pack_uint
from whoosh.writing import SegmentWriter

from index.analysis import FINGERPRINT, fold
from index.schema import SCHEMA_VERSION, make_schema, ngram_counts
from index.units import ANNOTATION, TITLE, Unit, document_units
from reader.core.model import Document

META_FILE = "regreader-index.json"
INDEX_NAME = "MAIN"
#: The n-gram fields BulkWriter inverts itself.
NGRAM_FIELDS = ("body", "chars")

#: ``progress(done, total)``: documents indexed so far during a full build.
BuildProgress = Callable[[int, int], None]


class DocumentSource(Protocol):
    """Where a full build reads documents from: called with a list of document ids, yields
    ``(document, docver)``.  Must be picklable (it is sent to worker processes).

    A source may also have ``annotation_units(doc_ids=None, ids=None)`` returning the
    annotation units (index.units.annotation_unit) of those documents or annotation ids;
    without it the index holds no annotations."""

    def __call__(self, doc_ids: list[str]) -> Iterable[tuple[Document, str]]: ...


class IndexProblem(Exception):
    """The index cannot be used as it is (missing, outdated, unreadable): rebuild it."""


# -- what goes into the index -------------------------------------------------------------


def unit_fields(unit: Unit, doc: Document, docver: str) -> dict[str, Any]:
    """The Whoosh document of one unit (see index.schema)."""
    fields: dict[str, Any] = {
        "doc_id": unit.doc_id,
        "kind": unit.kind,
        "doctype": doc.kind or "",
        "year": str(doc.issued.year) if doc.issued else "",
        "node_id": unit.node_id,
        "label": unit.label,
        "ord": unit.ord,
        "text": unit.text,
        "body": unit.text,
        "chars": unit.text,
    }
    if unit.kind == TITLE:
        fields["docver"] = f"{doc.id}@{docver}"
    return fields


def annotation_fields(unit: Unit) -> dict[str, Any]:
    """The Whoosh document of an annotation's unit (its note and tags)."""
    return {
        "doc_id": unit.doc_id, "kind": ANNOTATION, "doctype": "", "year": "",
        "node_id": unit.node_id, "label": unit.label, "ord": unit.ord, "text": unit.text,
        "body": unit.text, "chars": unit.text,
        "ann_id": unit.ann_id, "annver": f"{unit.ann_id}@{unit.version}",
    }


def annotation_units(source: Any, doc_ids: list[str] | None = None,
                     ids: list[str] | None = None) -> list[Unit]:
    """The annotation units a source offers (none if it has no annotations)."""
    fetch = getattr(source, "annotation_units", None)
    return list(fetch(doc_ids=doc_ids, ids=ids)) if fetch is not None else []


# -- the bulk segment writer --------------------------------------------------------------


class _Inverted:
    """One n-gram field's postings, inverted in memory: term → (docnums, freqs, values)."""

    __slots__ = ("terms", "lengths", "total")

    def __init__(self) -> None:
        self.terms: dict[str, tuple[array, array]] = {}
        self.lengths = array("I")
        self.total = 0


class BulkWriter(SegmentWriter):
    """A SegmentWriter for new segments that writes the n-gram fields term by term.

    Only for writing fresh segments (no merging: ``commit(merge=False)`` or the parallel
    build's own commit); the other fields take Whoosh's ordinary path.
    """

    def __init__(self, ix: whoosh_index.Index, **kwargs: Any) -> None:
        super().__init__(ix, **kwargs)
        self._inv = {name: _Inverted() for name in NGRAM_FIELDS}
        self._sizes = {name: self.schema[name].size for name in NGRAM_FIELDS}

    def add_document(self, **fields: Any) -> None:
        texts = {name: fields.pop(name, None) for name in NGRAM_FIELDS}
        docnum = self.docnum
        lengths = {}
        for name, value in texts.items():
            lengths[name] = self._invert(name, docnum, fold(value or ""))
        super().add_document(**fields)
        # record the n-gram fields' lengths like add_document does for the others
        # (add_document has already finished the doc, so amend its column directly)
        pdw = self.perdocwriter
        for name, length in lengths.items():
            inv = self._inv[name]
            inv.lengths.append(length)
            if length:
                pdw._fieldlengths[name] += length
                pdw.add_column_value(f"_{name}_L", _LENGTHS_COLUMN, _length_byte(length))

    def _invert(self, name: str, docnum: int, folded: str) -> int:
        terms = self._inv[name].terms
        counts = ngram_counts(folded, self._sizes[name])
        for term, n in counts.items():
            entry = terms.get(term)
            if entry is None:
                entry = terms[term] = (array("I"), array("I"))
            entry[0].append(docnum)
            entry[1].append(n)
        return sum(counts.values())

    def _flush_segment(self) -> None:
        self.perdocwriter.close()
        fw = self.fieldwriter
        # The ordinary fields from the pool (no per-document lengths needed: not scored),
        # then the n-gram fields.  Field ids are handed out in this order, so the terms
        # table's keys (field id + term) keep increasing as it requires.
        fw.add_postings(self.schema, None, self.pool.iter_postings())
        for name in NGRAM_FIELDS:
            inv = self._inv[name]
            if inv.terms:
                fw.start_field(name, self.schema[name])
                _write_terms(fw, inv, self.docbase)
                fw.finish_field()
            inv.terms.clear()
        fw.close()


def _write_terms(fw, inv: _Inverted, docbase: int) -> None:  # noqa: ANN001
    """Write an inverted field's terms in order, a whole posting block at a time.

    Fills the W3 postings writer's block buffer directly (what ``add_posting`` does one
    posting at a time, with type checks) — tied to whoosh-reloaded 2.7's W3 codec, which
    pyproject pins.
    """
    pw = fw._postwriter
    limit = pw._blocklimit
    lengths = inv.lengths
    for term in sorted(inv.terms):
        docnums, freqs = inv.terms[term]
        fw.start_term(term.encode("utf-8"))
        n = len(docnums)
        for start in range(0, n, limit):
            ids = docnums[start:start + limit]
            fs = freqs[start:start + limit]
            vs = [pack_uint(f) for f in fs]
            lens = [lengths[d - docbase] for d in ids]
            pw._ids = ids
            pw._weights = array("f", fs)
            pw._values = vs
            pw._maxweight = float(max(fs))
            pw._minlength = min(lens)
            pw._maxlength = max(lens)
            if start + limit < n:
                pw._write_block()
        fw.finish_term()


from whoosh.codec.whoosh3 import LENGTHS_COLUMN as _LENGTHS_COLUMN  # noqa: E402
from whoosh.util.numeric import length_to_byte as _length_byte  # noqa: E402


# -- the folder ---------------------------------------------------------------------------


@dataclass(frozen=True)
class IndexMeta:
    schema_version: int
    fingerprint: str

    @classmethod
    def current(cls) -> IndexMeta:
        return cls(SCHEMA_VERSION, FINGERPRINT)


def write_meta(folder: Path) -> None:
    meta = IndexMeta.current()
    data = {"schema_version": meta.schema_version, "fingerprint": meta.fingerprint,
            "built": time.strftime("%Y-%m-%dT%H:%M:%S"), "build_id": uuid.uuid4().hex}
    tmp = folder / (META_FILE + ".tmp")
    tmp.write_text(json.dumps(data), encoding="utf-8")
    os.replace(tmp, folder / META_FILE)


def check(folder: Path) -> whoosh_index.Index:
    """Open the index in ``folder``, or raise IndexProblem saying why it cannot be used."""
    try:
        meta = json.loads((folder / META_FILE).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise IndexProblem("missing") from None
    except (OSError, ValueError) as exc:
        raise IndexProblem(f"unreadable ({exc})") from exc
    if meta.get("schema_version") != SCHEMA_VERSION:
        raise IndexProblem(f"schema version {meta.get('schema_version')} (this is {SCHEMA_VERSION})")
    if meta.get("fingerprint") != FINGERPRINT:
        raise IndexProblem(f"analyzer {meta.get('fingerprint')} (this is {FINGERPRINT})")
    try:
        ix = whoosh_index.open_dir(str(folder), indexname=INDEX_NAME)
        ix.schema  # reads the table of contents
    except Exception as exc:  # noqa: BLE001 - any failure to open means: rebuild
        raise IndexProblem(f"cannot be opened ({type(exc).__name__}: {exc})") from exc
    return ix


# -- full builds --------------------------------------------------------------------------


def build(
    folder: Path,
    source: DocumentSource,
    doc_ids: list[str],
    weights: dict[str, int] | None = None,
    progress: BuildProgress | None = None,
    cancel: Callable[[], bool] | None = None,
    procs: int = 1,
) -> None:
    """Build a fresh index of ``doc_ids`` (read through ``source``) and put it in
    ``folder``, replacing whatever is there only once the new index is complete.

    ``weights`` (document id → text size) balances the work between ``procs`` worker
    processes.  Raises ``BuildCancelled`` if ``cancel()`` turns true; the old folder is
    then left as it was.
    """
    folder = Path(folder)
    doc_ids = list(dict.fromkeys(doc_ids))
    folder.parent.mkdir(parents=True, exist_ok=True)
    tmp = folder.parent / f"{folder.name}.building-{uuid.uuid4().hex[:8]}"
    tmp.mkdir()
    try:
        ix = whoosh_index.create_in(str(tmp), make_schema(), indexname=INDEX_NAME)
        procs = max(1, min(procs, len(doc_ids)))
        segments = None
        if procs > 1:
            try:
                segments = _build_parallel(tmp, source, doc_ids, weights or {}, progress,
                                           cancel, procs)
            except WorkerFailed:
                # e.g. no importable __main__ for spawned processes (an interactive
                # session): start over in this process
                shutil.rmtree(tmp, ignore_errors=True)
                tmp.mkdir()
                ix = whoosh_index.create_in(str(tmp), make_schema(), indexname=INDEX_NAME)
        if segments is None:
            segments = _build_in_process(ix, source, doc_ids, progress, cancel)
        parent = SegmentWriter(ix)  # holds the lock while the segments are committed
        try:
            parent._close_segment()
            parent._commit_toc(segments)
        finally:
            parent._finish()
        write_meta(tmp)
        _replace(folder, tmp)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


class BuildCancelled(Exception):
    """A full build was cancelled by the caller; the index was left untouched."""


class WorkerFailed(RuntimeError):
    """A worker process of a parallel build died or failed."""


def _replace(folder: Path, new: Path) -> None:
    old = folder.parent / f"{folder.name}.old-{uuid.uuid4().hex[:8]}"
    if folder.exists():
        os.replace(folder, old)
    os.replace(new, folder)
    shutil.rmtree(old, ignore_errors=True)


def remove_leftovers(folder: Path) -> None:
    """Delete half-built and replaced index folders a crash may have left beside ``folder``."""
    for path in folder.parent.glob(f"{folder.name}.building-*"):
        shutil.rmtree(path, ignore_errors=True)
    for path in folder.parent.glob(f"{folder.name}.old-*"):
        shutil.rmtree(path, ignore_errors=True)


def _add_documents(writer: SegmentWriter, pairs: Iterable[tuple[Document, str]]) -> Iterator[str]:
    for doc, docver in pairs:
        for unit in document_units(doc):
            writer.add_document(**unit_fields(unit, doc, docver))
        yield doc.id


def _build_in_process(ix, source, doc_ids, progress, cancel):  # noqa: ANN001, ANN202
    writer = BulkWriter(ix, _lk=False, compound=False)
    try:
        done = 0
        for _ in _add_documents(writer, source(doc_ids)):
            done += 1
            if progress is not None:
                progress(done, len(doc_ids))
            if cancel is not None and cancel():
                raise BuildCancelled()
        for unit in annotation_units(source, doc_ids=doc_ids):
            writer.add_document(**annotation_fields(unit))
        segment = writer._finalize_segment() if writer._added else None
    except BaseException:
        writer.cancel()
        raise
    return [segment] if segment is not None and segment.doc_count_all() else []


def _split(doc_ids: list[str], weights: dict[str, int], parts: int) -> list[list[str]]:
    """Greedy balance by text size (largest first to the lightest part), order kept."""
    loads = [0] * parts
    chunks: list[list[str]] = [[] for _ in range(parts)]
    for doc_id in sorted(doc_ids, key=lambda d: -weights.get(d, 1)):
        i = loads.index(min(loads))
        chunks[i].append(doc_id)
        loads[i] += weights.get(doc_id, 1)
    order = {d: n for n, d in enumerate(doc_ids)}
    return [sorted(c, key=order.__getitem__) for c in chunks if c]


def _build_parallel(tmp, source, doc_ids, weights, progress, cancel, procs):  # noqa: ANN001, ANN202
    ctx = multiprocessing.get_context("spawn")  # fork is unsafe from a threaded (GUI) process
    messages = ctx.Queue()
    stop = ctx.Event()
    workers = [
        ctx.Process(target=_worker, args=(str(tmp), source, chunk, messages, stop), daemon=True)
        for chunk in _split(doc_ids, weights, procs)
    ]
    for w in workers:
        w.start()
    segments, done, finished = [], 0, 0
    try:
        while finished < len(workers):
            try:
                kind, payload = messages.get(timeout=1.0)
            except Exception:  # noqa: BLE001 - queue.Empty: check the workers are alive
                if any(not w.is_alive() and w.exitcode not in (0, None) for w in workers):
                    raise WorkerFailed("an index worker process died") from None
                if cancel is not None and cancel():
                    raise BuildCancelled() from None
                continue
            if kind == "doc":
                done += payload
                if progress is not None:
                    progress(done, len(doc_ids))
                if cancel is not None and cancel():
                    raise BuildCancelled()
            elif kind == "segment":
                finished += 1
                if payload is not None:
                    segments.append(payload)
            else:  # "error"
                raise WorkerFailed(f"index worker failed:\n{payload}")
    except BaseException:
        stop.set()
        for w in workers:
            w.join(timeout=5)
            if w.is_alive():
                w.terminate()
        raise
    for w in workers:
        w.join()
    return segments


def _worker(folder: str, source: DocumentSource, doc_ids: list[str], messages, stop) -> None:  # noqa: ANN001
    """One worker process: index ``doc_ids`` into one new segment of the index in ``folder``."""
    try:
        ix = whoosh_index.open_dir(folder, indexname=INDEX_NAME)
        writer = BulkWriter(ix, _lk=False, compound=False)
        pending = 0
        for _ in _add_documents(writer, source(doc_ids)):
            pending += 1
            if pending >= 10:
                messages.put(("doc", pending))
                pending = 0
            if stop.is_set():
                writer.cancel()
                return
        for unit in annotation_units(source, doc_ids=doc_ids):
            writer.add_document(**annotation_fields(unit))
        if pending:
            messages.put(("doc", pending))
        segment = writer._finalize_segment() if writer._added else None
        messages.put(("segment", segment))
    except BaseException:  # noqa: BLE001 - reported to the parent, which raises
        messages.put(("error", traceback.format_exc()))


# -- incremental updates ------------------------------------------------------------------


def update(
    ix: whoosh_index.Index,
    remove_ids: Iterable[str],
    add: Iterable[tuple[Document, str]],
    timeout: float = 10.0,
    remove_annotations: Iterable[str] = (),
    add_annotations: Iterable[Unit] = (),
) -> None:
    """Delete every unit of ``remove_ids`` and add the units of ``add``, in one commit;
    the same for annotation units (by annotation id).  Deleting a document's units
    deletes its annotation units too: pass those that stay in ``add_annotations``.

    Raises whoosh's LockError if another writer holds the index for ``timeout`` seconds.
    """
    writer = ix.writer(timeout=timeout, delay=0.05)
    try:
        for doc_id in remove_ids:
            writer.delete_by_term("doc_id", doc_id)
        for doc, docver in add:
            writer.delete_by_term("doc_id", doc.id)
            for unit in document_units(doc):
                writer.add_document(**unit_fields(unit, doc, docver))
        for ann_id in remove_annotations:
            writer.delete_by_term("ann_id", ann_id)
        for unit in add_annotations:
            writer.delete_by_term("ann_id", unit.ann_id)
            writer.add_document(**annotation_fields(unit))
    except BaseException:
        writer.cancel()
        raise
    writer.commit()


def indexed_versions(reader) -> dict[str, str]:  # noqa: ANN001
    """``doc_id → docver`` of every document the index holds (from the ``docver`` terms)."""
    return _versions(reader, "docver")


def indexed_annotation_versions(reader) -> dict[str, str]:  # noqa: ANN001
    """``ann_id → version`` of every annotation unit the index holds."""
    return _versions(reader, "annver")


def _versions(reader, fieldname: str) -> dict[str, str]:  # noqa: ANN001
    """``id → version`` from the live ``id@version`` terms of a field."""
    out: dict[str, str] = {}
    for term in reader.lexicon(fieldname):
        text = term.decode("utf-8") if isinstance(term, bytes) else term
        # deleted units keep their terms until a merge: ask the postings
        if reader.postings(fieldname, text).is_active():
            key, _, version = text.partition("@")
            out[key] = version
    return out


def storage_for(folder: Path) -> FileStorage:
    return FileStorage(str(folder))
