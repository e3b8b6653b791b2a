"""SQLite library of documents; ``reader.store.library.Library`` is the facade to use."""
