"""The Whoosh schema of the search index, and its version.

One Whoosh document per search unit (see :mod:`index.units`):

========== ================================================================================
doc_id     ID, stored — the document; deletes and ``doc:`` filters go by it
docver     ID — on the title unit only: ``doc_id@updated@sha256``, so the index can tell
           which documents of the library it holds and in which version
kind       ID, stored — the unit's node kind, or ``title`` / ``front_matter``
doctype    ID, stored — the document's kind (法律, 规章, 规范性文件…), for ``type:``
year       ID, stored — the year of issue ("" if unknown), for ``year:``
node_id    stored — the node the unit is (None for title and front matter)
label      stored — 第十七条, （三）…
ord        stored — position in the document
text       stored — the unit's display text (snippets, verification of matches)
ann_id     ID, stored — an annotation unit's annotation id (deletes go by it)
annver     ID — on annotation units: ``ann_id@version``, so the index can tell which
           annotations it holds and in which version
body       n-gram field: folded character bigrams with their frequencies
chars      n-gram field: folded single characters with their frequencies
========== ================================================================================

The field types and the analyzer are pickled into the index, so they live at stable
import paths (``index.schema.NgramField``, ``index.analysis.NgramTokenizer``).
"""
from __future__ import annotations

from collections import Counter

from whoosh import fields
from whoosh.system import pack_uint

from index.analysis import ANALYZER_VERSION, NgramAnalyzer, bigrams, fold

#: Bump when the fields change; together with the analyzer's fingerprint it is written
#: beside the index, and a mismatch rebuilds the index.
SCHEMA_VERSION = 2  # 2: annotation units (ann_id, annver)


class NgramField(fields.TEXT):
    """A TEXT field of folded character n-grams (n = 2 or 1) with their frequencies,
    indexed without going through Whoosh's token stream: the same terms the analyzer
    makes, an order of magnitude faster to produce.

    No positions: a query is answered from the postings of its bigrams and checked on
    the stored text (see index.searcher), which is exact; positional postings made the
    index twice as slow to build and reading them three times slower.
    """

    def __init__(self, size: int = 2, stored: bool = False) -> None:
        super().__init__(analyzer=NgramAnalyzer(size), phrase=False, stored=stored)
        self.size = size

    def index(self, value, **kwargs):  # noqa: ANN001, ANN201 - Whoosh's signature
        for term, n in ngram_counts(fold(value), self.size).items():
            yield term.encode("utf-8"), n, float(n), pack_uint(n)


def ngram_counts(folded: str, size: int) -> Counter[str]:
    """Term → frequency of one folded text (bigrams, or characters for size 1)."""
    return Counter(folded if size == 1 else bigrams(folded))


def make_schema() -> fields.Schema:
    return fields.Schema(
        doc_id=fields.ID(stored=True),
        docver=fields.ID(),
        kind=fields.ID(stored=True),
        doctype=fields.ID(stored=True),
        year=fields.ID(stored=True),
        node_id=fields.STORED(),
        label=fields.STORED(),
        ord=fields.STORED(),
        text=fields.STORED(),
        ann_id=fields.ID(stored=True),
        annver=fields.ID(),
        body=NgramField(2),
        chars=NgramField(1),
    )


__all__ = ["SCHEMA_VERSION", "ANALYZER_VERSION", "NgramField", "make_schema", "ngram_counts"]
