"""Full-text search (Whoosh, the whoosh-reloaded fork): exact wording, counted, ranked.

analysis  — the one character folding used on both sides, the n-gram analyzer, versions
units     — the search units of a document (articles, outline units, titles, …)
schema    — the Whoosh schema (one Whoosh document per unit)
indexer   — full (parallel) builds and incremental updates
query     — the query language for people
searcher  — matching, totals, BM25F ranking, snippets and highlights
manager   — the index's life cycle in a library folder (checks, repairs, rebuilds)

The Library (reader/store/library.py) is the facade: Library.search, ensure_index,
rebuild_index, index_status.
"""

#: What ``Library.search`` can search: the documents' text, the annotations' notes and
#: tags, or both (here, not in the store, so the CLI's parser needs no store to offer them).
SEARCH_SCOPES = ("text", "annotations", "all")
