"""Writing the search index: full (parallel) builds and incremental updates.

The index is a Whoosh index in its own folder (``<library>/index``) with a small
``regreader-index.json`` beside Whoosh's files that records the schema version and the
analysis fingerprint it was built with; :func:`check` compares them with this code.

Full builds go through :class:`BulkWriter`, a Whoosh ``SegmentWriter`` that inverts
every indexed field in memory and writes each term's postings in one go instead of
pushing every posting through Whoosh's external sorting pool — about ten million
postings for the 1,510 laws of the test corpus, where Whoosh's own path costs ~15 µs
each — and puts the postings of rare terms (most bigrams) into the terms table.  With
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
from whoosh.codec.whoosh3 import W3TermInfo
from whoosh.filedb.filestore import FileStorage
from whoosh.system import pack_uint, pack_ushort
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
    """One field's postings, inverted in memory: term → (docnums, freqs), and each
    unit's length in the field (0 for fields that are not scored)."""

    __slots__ = ("terms", "lengths")

    def __init__(self) -> None:
        self.terms: dict[str, tuple[array, array]] = {}
        self.lengths = array("I")


class BulkWriter(SegmentWriter):
    """A SegmentWriter for new segments that inverts every indexed field in memory and
    writes each term's postings in one go; stored fields go straight to the per-document
    writer.  Whoosh's own ``add_document`` (a pool posting a term, a pool sort) was a
    fifth of a full build, its posting writer most of the rest.

    Only for writing fresh segments (no merging: ``commit(merge=False)`` or the parallel
    build's own commit).
    """

    def __init__(self, ix: whoosh_index.Index, **kwargs: Any) -> None:
        super().__init__(ix, **kwargs)
        schema = self.schema
        self._inv = {name: _Inverted() for name in schema.names() if schema[name].indexed}
        self._sizes = {name: schema[name].size for name in NGRAM_FIELDS}
        self._stored = frozenset(name for name in schema.names() if schema[name].stored)
        self._id_terms: dict[tuple[str, str], list[str]] = {}

    def add_document(self, **fields: Any) -> None:
        docnum = self.docnum
        pdw = self.perdocwriter
        pdw.start_doc(docnum)
        folded: dict[int, str] = {}  # the n-gram fields hold the same text: fold it once
        for name in NGRAM_FIELDS:
            value = fields.get(name) or ""
            if id(value) not in folded:
                folded[id(value)] = fold(value)
            length = self._invert(name, docnum, folded[id(value)])
            self._inv[name].lengths.append(length)
            if length:
                pdw._fieldlengths[name] += length
                pdw.add_column_value(f"_{name}_L", _LENGTHS_COLUMN, _length_byte(length))
        stored = pdw._storedfields
        for name, value in fields.items():
            if value is None:
                continue
            if name in self._stored:
                stored[name] = value
            if name in self._sizes or name not in self._inv:
                continue
            terms = self._id_terms.get((name, value))
            if terms is None:  # the terms Whoosh's field makes of the value (few distinct)
                terms = self._id_terms[(name, value)] = [
                    tbytes.decode("utf-8") for tbytes, *_ in self.schema[name].index(value)]
            postings = self._inv[name].terms
            for term in terms:
                entry = postings.get(term)
                if entry is None:
                    entry = postings[term] = (array("I"), array("I"))
                entry[0].append(docnum)
                entry[1].append(1)
        pdw.finish_doc()
        self._added = True
        self.docnum += 1

    def _invert(self, name: str, docnum: int, folded: str) -> int:
        terms = self._inv[name].terms
        counts = ngram_counts(folded, self._sizes[name])
        for term, n in counts.items():  # the hot loop of a build: ~10 million postings
            try:
                entry = terms[term]
            except KeyError:
                entry = terms[term] = (array("I"), array("I"))
            entry[0].append(docnum)
            entry[1].append(n)
        return sum(counts.values())

    def _flush_segment(self) -> None:
        self.perdocwriter.close()
        fw = self.fieldwriter
        # Field by field (the pool is empty: every indexed field is inverted here).  Field
        # ids are handed out in this order, so the terms table's keys (field id + term)
        # keep increasing as it requires.
        fw.add_postings(self.schema, None, self.pool.iter_postings())
        units = self.docnum - self.docbase
        for name, inv in self._inv.items():
            if inv.terms:
                if len(inv.lengths) < units:  # not scored: no lengths
                    inv.lengths = array("I", bytes(4 * units))
                fw.start_field(name, self.schema[name])
                _write_terms(fw, inv, self.docbase)
                fw.finish_field()
            inv.terms.clear()
        fw.close()


#: Postings of at most this many units go into the terms table itself, as Whoosh's
#: inlined postings: no block to pickle, compress and index — most bigrams are rare, and
#: writing them was most of a full build (whoosh-reloaded 2.7.5 cannot inline them
#: itself: ``set_inline`` is misspelt, so its ``inlinelimit`` must stay 1).
INLINE_MAX = 8
#: Blocks of fewer postings than this are written uncompressed (the reader goes by each
#: block's own flag): zlib costs ~40 µs a call however small the block, which was a
#: fifth of a full build, for a few bytes saved.
COMPRESS_MIN = 64


def _write_terms(fw, inv: _Inverted, docbase: int) -> None:  # noqa: ANN001
    """Write an inverted field's terms in order, a whole posting block at a time.

    Fills the W3 postings writer's block buffer directly (what ``add_posting`` does one
    posting at a time, with type checks) — tied to whoosh-reloaded 2.7's W3 codec, which
    pyproject pins.
    """
    pw = fw._postwriter
    limit, level = pw._blocklimit, pw._compression
    lengths = inv.lengths
    add_row, prefix = fw._tindex.add, pack_ushort(fw._fieldid)
    for term in sorted(inv.terms):
        docnums, freqs = inv.terms[term]
        n = len(docnums)
        if n <= INLINE_MAX:  # what finish_postings does for inlined postings
            lens = [lengths[d - docbase] for d in docnums]
            info = W3TermInfo()
            info._weight, info._df = float(sum(freqs)), n
            info._minlength, info._maxlength = min(lens), max(lens)
            info._maxweight = float(max(freqs))
            info._minid, info._maxid = docnums[0], docnums[-1]
            info.set_inlined(docnums, [float(f) for f in freqs], [pack_uint(f) for f in freqs])
            add_row(prefix + term.encode("utf-8"), info.to_bytes())
            continue
        fw.start_term(term.encode("utf-8"))
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
            pw._compression = level if len(ids) >= COMPRESS_MIN else 0
            if start + limit < n:
                pw._write_block()
        fw.finish_term()
    pw._compression = level


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


def storage_for(folder: Path) -> FileStorage:
    return FileStorage(str(folder))
