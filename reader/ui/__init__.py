"""The desktop GUI (PySide6).  Talks to ``reader.store.library.Library`` only; never to SQL
or the search index directly.  Entry point: ``reader.ui.app.run``."""
