"""Team review: the local library synced with a team's PostgreSQL server (issue 16).

The local SQLite library stays the working copy; a team server is optional.  Qt-free:
the CLI, the GUI's workers and the tests all drive it through ``library.team``
(reader.store.team).  Modules: ``connection`` (libpq URLs, errors in words),
``server_schema`` (the server's tables, roles and row-level security), ``wire`` (rows
as they travel, checked), ``outbox`` (what the library has not pushed yet), ``sync``
(push and pull), ``cluster`` (a PostgreSQL cluster on this machine, for a laptop team
server and for the tests)."""
