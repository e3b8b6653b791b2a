"""Library schema: an ordered list of migrations and the code that applies them.

The library holds user data that cannot be rebuilt (annotations, links), so the
schema only ever moves forward, one numbered migration at a time, each in its own
transaction.  A library written by a newer RegReader is refused rather than guessed at.
"""
from __future__ import annotations

import sqlite3
from datetime import datetime, timezone

from reader.core.errors import UserError

# Migration N (1-based) is MIGRATIONS[N - 1].  Append only; never edit a released one.
MIGRATIONS: list[str] = [
    # 1: documents and their node trees.
    """
    CREATE TABLE documents (
        id            TEXT PRIMARY KEY,
        title         TEXT NOT NULL,
        kind          TEXT NOT NULL,
        doc_number    TEXT,
        issuer        TEXT,
        issued        TEXT,            -- ISO date or NULL
        effective     TEXT,
        expires       TEXT,
        status        TEXT NOT NULL DEFAULT '',
        source_file   TEXT NOT NULL,   -- absolute path of the file it was imported from
        source_sha256 TEXT NOT NULL,
        source_format TEXT NOT NULL,
        front_matter  TEXT NOT NULL DEFAULT '',
        warnings      TEXT NOT NULL DEFAULT '[]',  -- JSON list of strings
        imported      TEXT NOT NULL,   -- UTC ISO timestamp of the first import
        updated       TEXT NOT NULL    -- UTC ISO timestamp of the last re-import
    );
    CREATE INDEX documents_source ON documents(source_file);

    CREATE TABLE nodes (
        doc_id    TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        node_id   TEXT NOT NULL,
        parent_id TEXT,                -- node_id of the parent, NULL at top level
        ord       INTEGER NOT NULL,    -- position in document order (pre-order walk)
        kind      TEXT NOT NULL,
        label     TEXT NOT NULL DEFAULT '',
        number    INTEGER,
        heading   TEXT NOT NULL DEFAULT '',
        text      TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (doc_id, node_id),
        UNIQUE (doc_id, ord)
    );

    CREATE TABLE meta (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );
    """,
    # 2: the user's work — annotations, links, categories — and the log of re-anchoring.
    # No foreign key to documents: removing or re-importing a document never deletes a
    # user's note (an annotation on a removed document waits for it to come back).
    """
    CREATE TABLE categories (
        name     TEXT PRIMARY KEY,
        color    TEXT NOT NULL,         -- #rrggbb
        meaning  TEXT NOT NULL DEFAULT '',
        ord      INTEGER NOT NULL DEFAULT 0,
        modified TEXT NOT NULL,
        deleted  TEXT                   -- soft delete: UTC ISO time, NULL while in use
    );

    CREATE TABLE annotations (
        id            TEXT PRIMARY KEY,  -- uuid
        doc_id        TEXT NOT NULL,
        node_id       TEXT NOT NULL,
        span_start    INTEGER NOT NULL,  -- offsets in the node's own text (0, 0: whole clause)
        span_end      INTEGER NOT NULL,
        quote         TEXT NOT NULL DEFAULT '',
        prefix        TEXT NOT NULL DEFAULT '',
        suffix        TEXT NOT NULL DEFAULT '',
        node_hash     TEXT NOT NULL DEFAULT '',
        kind          TEXT NOT NULL CHECK (kind IN ('highlight', 'note', 'clause_note')),
        category      TEXT NOT NULL DEFAULT '',
        note          TEXT NOT NULL DEFAULT '',
        status        TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved')),
        author        TEXT NOT NULL DEFAULT '',
        created       TEXT NOT NULL,
        modified      TEXT NOT NULL,
        deleted       TEXT,
        anchor_state  TEXT NOT NULL DEFAULT 'ok' CHECK (anchor_state IN ('ok', 'moved', 'orphan')),
        anchor_method TEXT NOT NULL DEFAULT 'created',
        anchor_score  REAL NOT NULL DEFAULT 1.0
    );
    CREATE INDEX annotations_doc ON annotations(doc_id, node_id);

    CREATE TABLE annotation_tags (
        annotation_id TEXT NOT NULL REFERENCES annotations(id),
        tag           TEXT NOT NULL,
        ord           INTEGER NOT NULL,
        PRIMARY KEY (annotation_id, tag)
    );
    CREATE INDEX annotation_tags_tag ON annotation_tags(tag);

    CREATE TABLE links (
        id         TEXT PRIMARY KEY,     -- uuid
        src_doc    TEXT NOT NULL,
        src_node   TEXT NOT NULL,
        src_start  INTEGER NOT NULL DEFAULT 0,
        src_end    INTEGER NOT NULL DEFAULT 0,
        src_quote  TEXT NOT NULL DEFAULT '',   -- '' for a whole node
        src_prefix TEXT NOT NULL DEFAULT '',
        src_suffix TEXT NOT NULL DEFAULT '',
        src_hash   TEXT NOT NULL DEFAULT '',
        src_state  TEXT NOT NULL DEFAULT 'ok',
        src_method TEXT NOT NULL DEFAULT 'created',
        src_score  REAL NOT NULL DEFAULT 1.0,
        dst_doc    TEXT NOT NULL,
        dst_node   TEXT NOT NULL,
        dst_start  INTEGER NOT NULL DEFAULT 0,
        dst_end    INTEGER NOT NULL DEFAULT 0,
        dst_quote  TEXT NOT NULL DEFAULT '',
        dst_prefix TEXT NOT NULL DEFAULT '',
        dst_suffix TEXT NOT NULL DEFAULT '',
        dst_hash   TEXT NOT NULL DEFAULT '',
        dst_state  TEXT NOT NULL DEFAULT 'ok',
        dst_method TEXT NOT NULL DEFAULT 'created',
        dst_score  REAL NOT NULL DEFAULT 1.0,
        relation   TEXT NOT NULL,
        note       TEXT NOT NULL DEFAULT '',
        author     TEXT NOT NULL DEFAULT '',
        created    TEXT NOT NULL,
        modified   TEXT NOT NULL,
        deleted    TEXT
    );
    CREATE INDEX links_src ON links(src_doc, src_node);
    CREATE INDEX links_dst ON links(dst_doc, dst_node);

    CREATE TABLE anchor_log (
        id        INTEGER PRIMARY KEY AUTOINCREMENT,
        at        TEXT NOT NULL,
        reason    TEXT NOT NULL,         -- reimport | import | reattach
        item      TEXT NOT NULL,         -- annotation | link
        item_id   TEXT NOT NULL,
        side      TEXT NOT NULL DEFAULT '',  -- a link's end: src | dst
        doc_id    TEXT NOT NULL,
        old_node  TEXT, old_start INTEGER, old_end INTEGER, old_quote TEXT,
        new_node  TEXT, new_start INTEGER, new_end INTEGER, new_quote TEXT,
        method    TEXT NOT NULL,         -- unchanged | node | document | fuzzy | orphan | manual
        score     REAL NOT NULL,
        state     TEXT NOT NULL          -- the anchor state afterwards
    );
    CREATE INDEX anchor_log_item ON anchor_log(item_id);
    """,
    # 3: cross-references the texts make (reader.core.refs) — derived data, rebuilt from the
    # documents whenever needed (reader.store.references).  refs: one row per reference;
    # ref_targets: every unit a resolved reference leads to (a range gives several), for
    # "cited by"; ref_keys: the keys an unresolved (or inexact) reference to another document
    # could be found under, so importing that document later resolves it.
    """
    CREATE TABLE refs (
        id                INTEGER PRIMARY KEY,
        doc_id            TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        node_id           TEXT,            -- NULL: the document's front matter
        span_start        INTEGER NOT NULL,
        span_end          INTEGER NOT NULL,
        text              TEXT NOT NULL,
        kind              TEXT NOT NULL,
        target_title      TEXT,
        target_doc_number TEXT,
        target_doc_id     TEXT,
        target_node_id    TEXT,
        resolved          INTEGER NOT NULL DEFAULT 0,
        exact             INTEGER NOT NULL DEFAULT 1,
        note              TEXT NOT NULL DEFAULT '',
        data              TEXT NOT NULL    -- JSON: the rest of the Ref (pinpoint, range, scope…)
    );
    CREATE INDEX refs_doc ON refs(doc_id, node_id);
    CREATE INDEX refs_target ON refs(target_doc_id, target_node_id);

    CREATE TABLE ref_targets (
        ref_id  INTEGER NOT NULL REFERENCES refs(id) ON DELETE CASCADE,
        doc_id  TEXT NOT NULL,
        node_id TEXT NOT NULL DEFAULT ''  -- '' for the document as a whole
    );
    CREATE INDEX ref_targets_target ON ref_targets(doc_id, node_id);
    CREATE INDEX ref_targets_ref ON ref_targets(ref_id);

    CREATE TABLE ref_keys (
        ref_id INTEGER NOT NULL REFERENCES refs(id) ON DELETE CASCADE,
        key    TEXT NOT NULL,   -- a normalised cited title, or 'no:' + a normalised doc number
        edge   TEXT NOT NULL DEFAULT ''  -- first two + last two characters, for inexact titles
    );
    CREATE INDEX ref_keys_key ON ref_keys(key);
    CREATE INDEX ref_keys_edge ON ref_keys(edge);
    CREATE INDEX ref_keys_ref ON ref_keys(ref_id);
    """,
    # 4: versions (reader.store.versions).  Each version of a document is a row of
    # documents with its own tree; versions of one document share a lineage (the id of the
    # first version stored).  Every existing document is its own lineage and current.
    # title_key, version_date / version_verb / in_force_from come from the title and 题注
    # (NULL: not yet derived — filled in when the library opens); content_hash tells a new
    # version from the same text in another file ('' : not yet computed — done when needed).  anchor_log learns the version an item left (old_doc)
    # and what the reader is told about it (outcome: unchanged | moved | changed | orphan).
    """
    ALTER TABLE documents ADD COLUMN lineage TEXT;
    UPDATE documents SET lineage = id;
    ALTER TABLE documents ADD COLUMN is_current INTEGER NOT NULL DEFAULT 1;
    ALTER TABLE documents ADD COLUMN version_date TEXT;
    ALTER TABLE documents ADD COLUMN version_verb TEXT;
    ALTER TABLE documents ADD COLUMN in_force_from TEXT;
    ALTER TABLE documents ADD COLUMN content_hash TEXT NOT NULL DEFAULT '';
    ALTER TABLE documents ADD COLUMN title_key TEXT;
    ALTER TABLE documents ADD COLUMN import_seq INTEGER NOT NULL DEFAULT 0;
    UPDATE documents SET import_seq = rowid;
    CREATE INDEX documents_lineage ON documents(lineage);
    CREATE INDEX documents_title_key ON documents(title_key);
    ALTER TABLE anchor_log ADD COLUMN old_doc TEXT;
    ALTER TABLE anchor_log ADD COLUMN outcome TEXT NOT NULL DEFAULT '';
    """,
    # 5: review — replies under an annotation (soft-deleted like it), the status 'answered'
    # and a log of every status change (who, when).  SQLite cannot change a CHECK in place,
    # so annotations is rebuilt: a new table, every row copied, the old one dropped, the
    # new one renamed (annotation_tags' REFERENCES annotations(id) then names the new
    # table; renaming the old one away would have dragged that reference along).  It runs
    # with foreign keys off (in REBUILDS): dropping a referenced table with them on would
    # fail, and migrate() checks the keys before it commits.
    """
    CREATE TABLE annotations_new (
        id            TEXT PRIMARY KEY,  -- uuid
        doc_id        TEXT NOT NULL,
        node_id       TEXT NOT NULL,
        span_start    INTEGER NOT NULL,  -- offsets in the node's own text (0, 0: whole clause)
        span_end      INTEGER NOT NULL,
        quote         TEXT NOT NULL DEFAULT '',
        prefix        TEXT NOT NULL DEFAULT '',
        suffix        TEXT NOT NULL DEFAULT '',
        node_hash     TEXT NOT NULL DEFAULT '',
        kind          TEXT NOT NULL CHECK (kind IN ('highlight', 'note', 'clause_note')),
        category      TEXT NOT NULL DEFAULT '',
        note          TEXT NOT NULL DEFAULT '',
        status        TEXT NOT NULL DEFAULT 'open'
                      CHECK (status IN ('open', 'answered', 'resolved')),
        author        TEXT NOT NULL DEFAULT '',
        created       TEXT NOT NULL,
        modified      TEXT NOT NULL,
        deleted       TEXT,
        anchor_state  TEXT NOT NULL DEFAULT 'ok' CHECK (anchor_state IN ('ok', 'moved', 'orphan')),
        anchor_method TEXT NOT NULL DEFAULT 'created',
        anchor_score  REAL NOT NULL DEFAULT 1.0
    );
    INSERT INTO annotations_new (id, doc_id, node_id, span_start, span_end, quote, prefix,
        suffix, node_hash, kind, category, note, status, author, created, modified, deleted,
        anchor_state, anchor_method, anchor_score)
    SELECT id, doc_id, node_id, span_start, span_end, quote, prefix, suffix, node_hash, kind,
        category, note, status, author, created, modified, deleted, anchor_state,
        anchor_method, anchor_score FROM annotations;
    DROP TABLE annotations;
    ALTER TABLE annotations_new RENAME TO annotations;
    CREATE INDEX annotations_doc ON annotations(doc_id, node_id);

    CREATE TABLE replies (
        id            TEXT PRIMARY KEY,  -- uuid
        annotation_id TEXT NOT NULL REFERENCES annotations(id),
        author        TEXT NOT NULL DEFAULT '',
        text          TEXT NOT NULL,
        created       TEXT NOT NULL,
        modified      TEXT NOT NULL,
        deleted       TEXT               -- soft delete, as annotations
    );
    CREATE INDEX replies_annotation ON replies(annotation_id);

    CREATE TABLE status_log (
        id            INTEGER PRIMARY KEY AUTOINCREMENT,
        annotation_id TEXT NOT NULL REFERENCES annotations(id),
        status        TEXT NOT NULL CHECK (status IN ('open', 'answered', 'resolved')),
        author        TEXT NOT NULL DEFAULT '',
        at            TEXT NOT NULL,
        UNIQUE (annotation_id, at, status, author)  -- an import adds only what is new
    );
    """,
    # 6: team sync (reader.team).  team_state: the server, the cursor, the last sync.
    # team_outbox: items changed here since they were last pushed — filled by triggers, so
    # no write path can forget it; the stamp changes with every write, so a push removes
    # only entries nobody touched meanwhile (an upsert: a trigger's OR REPLACE would yield to
    # the conflict clause of the statement that fired it).  team_mute is 1 while a pull writes (what
    # comes from the server is not sent back).  team_base: each item as the server last
    # had it (rev, data), for the field-level merge.  team_conflicts: what a merge flagged.
    """
    CREATE TABLE team_state (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE team_mute (muted INTEGER NOT NULL);
    INSERT INTO team_mute (muted) VALUES (0);
    CREATE TABLE team_outbox (
        kind    TEXT NOT NULL,
        item_id TEXT NOT NULL,
        stamp   INTEGER NOT NULL,
        PRIMARY KEY (kind, item_id)
    ) WITHOUT ROWID;
    CREATE TABLE team_base (
        kind    TEXT NOT NULL,
        item_id TEXT NOT NULL,
        rev     INTEGER NOT NULL,
        data    TEXT NOT NULL,    -- JSON as the server stores it
        PRIMARY KEY (kind, item_id)
    ) WITHOUT ROWID;
    CREATE TABLE team_conflicts (
        id        TEXT PRIMARY KEY,
        kind      TEXT NOT NULL,
        item_id   TEXT NOT NULL,
        reason    TEXT NOT NULL,
        author    TEXT NOT NULL DEFAULT '',
        at        TEXT NOT NULL,
        dismissed TEXT
    );
    CREATE INDEX team_conflicts_item ON team_conflicts(item_id);
    CREATE TRIGGER team_annotation_added AFTER INSERT ON annotations
        WHEN (SELECT muted FROM team_mute) = 0
        BEGIN INSERT INTO team_outbox VALUES ('annotation', NEW.id, random())
            ON CONFLICT (kind, item_id) DO UPDATE SET stamp = excluded.stamp; END;
    CREATE TRIGGER team_annotation_changed AFTER UPDATE ON annotations
        WHEN (SELECT muted FROM team_mute) = 0
        BEGIN INSERT INTO team_outbox VALUES ('annotation', NEW.id, random())
            ON CONFLICT (kind, item_id) DO UPDATE SET stamp = excluded.stamp; END;
    CREATE TRIGGER team_tag_added AFTER INSERT ON annotation_tags
        WHEN (SELECT muted FROM team_mute) = 0
        BEGIN INSERT INTO team_outbox VALUES ('annotation', NEW.annotation_id, random())
            ON CONFLICT (kind, item_id) DO UPDATE SET stamp = excluded.stamp; END;
    CREATE TRIGGER team_tag_removed AFTER DELETE ON annotation_tags
        WHEN (SELECT muted FROM team_mute) = 0
        BEGIN INSERT INTO team_outbox VALUES ('annotation', OLD.annotation_id, random())
            ON CONFLICT (kind, item_id) DO UPDATE SET stamp = excluded.stamp; END;
    CREATE TRIGGER team_reply_added AFTER INSERT ON replies
        WHEN (SELECT muted FROM team_mute) = 0
        BEGIN INSERT INTO team_outbox VALUES ('reply', NEW.id, random())
            ON CONFLICT (kind, item_id) DO UPDATE SET stamp = excluded.stamp; END;
    CREATE TRIGGER team_reply_changed AFTER UPDATE ON replies
        WHEN (SELECT muted FROM team_mute) = 0
        BEGIN INSERT INTO team_outbox VALUES ('reply', NEW.id, random())
            ON CONFLICT (kind, item_id) DO UPDATE SET stamp = excluded.stamp; END;
    CREATE TRIGGER team_link_added AFTER INSERT ON links
        WHEN (SELECT muted FROM team_mute) = 0
        BEGIN INSERT INTO team_outbox VALUES ('link', NEW.id, random())
            ON CONFLICT (kind, item_id) DO UPDATE SET stamp = excluded.stamp; END;
    CREATE TRIGGER team_link_changed AFTER UPDATE ON links
        WHEN (SELECT muted FROM team_mute) = 0
        BEGIN INSERT INTO team_outbox VALUES ('link', NEW.id, random())
            ON CONFLICT (kind, item_id) DO UPDATE SET stamp = excluded.stamp; END;
    CREATE TRIGGER team_category_added AFTER INSERT ON categories
        WHEN (SELECT muted FROM team_mute) = 0
        BEGIN INSERT INTO team_outbox VALUES ('category', NEW.name, random())
            ON CONFLICT (kind, item_id) DO UPDATE SET stamp = excluded.stamp; END;
    CREATE TRIGGER team_category_changed AFTER UPDATE ON categories
        WHEN (SELECT muted FROM team_mute) = 0
        BEGIN INSERT INTO team_outbox VALUES ('category', NEW.name, random())
            ON CONFLICT (kind, item_id) DO UPDATE SET stamp = excluded.stamp; END;
    CREATE TRIGGER team_status_logged AFTER INSERT ON status_log
        WHEN (SELECT muted FROM team_mute) = 0
        BEGIN INSERT INTO team_outbox VALUES ('status', CAST(NEW.id AS TEXT), random())
            ON CONFLICT (kind, item_id) DO UPDATE SET stamp = excluded.stamp; END;
    INSERT OR IGNORE INTO team_outbox SELECT 'category', name, random() FROM categories;
    INSERT OR IGNORE INTO team_outbox SELECT 'annotation', id, random() FROM annotations;
    INSERT OR IGNORE INTO team_outbox SELECT 'reply', id, random() FROM replies;
    INSERT OR IGNORE INTO team_outbox SELECT 'link', id, random() FROM links;
    INSERT OR IGNORE INTO team_outbox SELECT 'status', CAST(id AS TEXT), random() FROM status_log;
    """,
]

SCHEMA_VERSION = len(MIGRATIONS)
#: Migrations that rebuild a table other tables refer to → those tables: applied with
#: foreign keys off (``PRAGMA foreign_keys`` is a no-op inside a transaction, so it is set
#: around it), then the references to them are checked before the commit.
REBUILDS: dict[int, tuple[str, ...]] = {5: ("annotations",)}


def current_version(conn: sqlite3.Connection) -> int:
    """The schema version of an open library (0 for a brand-new file)."""
    has_table = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'"
    ).fetchone()
    if not has_table:
        return 0
    row = conn.execute("SELECT MAX(version) FROM schema_version").fetchone()
    return int(row[0] or 0)


def migrate(conn: sqlite3.Connection) -> list[int]:
    """Bring the schema up to SCHEMA_VERSION; return the migrations applied.

    ``conn`` must be in autocommit mode (isolation_level=None) so each migration can be
    one explicit transaction: a migration that fails leaves the previous version intact.
    """
    conn.execute(
        "CREATE TABLE IF NOT EXISTS schema_version ("
        " version INTEGER PRIMARY KEY, applied TEXT NOT NULL)"
    )
    version = current_version(conn)
    if version > SCHEMA_VERSION:
        raise UserError(
            f"the library was written by a newer RegReader (schema {version}, "
            f"this version knows up to {SCHEMA_VERSION}); please upgrade"
        )
    applied: list[int] = []
    for number in range(version + 1, SCHEMA_VERSION + 1):
        keys_on = bool(conn.execute("PRAGMA foreign_keys").fetchone()[0])
        rebuild = REBUILDS.get(number, ())
        if rebuild:
            conn.execute("PRAGMA foreign_keys = OFF")
        try:
            _apply(conn, number, rebuild)
        finally:
            if rebuild and keys_on:
                conn.execute("PRAGMA foreign_keys = ON")
        applied.append(number)
    return applied


def _apply(conn: sqlite3.Connection, number: int, rebuilt: tuple[str, ...]) -> None:
    """One migration in one transaction.  ``rebuilt``: the tables it rebuilds with foreign
    keys off; before committing, every reference to them must still hold as it did before
    (a violation the library already had is not the migration's doing and does not stop
    it).  Only the tables referring to them are checked: checking all would read every
    node of a large library twice."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        before = _key_violations(conn, rebuilt)
        for statement in _statements(MIGRATIONS[number - 1]):
            conn.execute(statement)
        if rebuilt:
            broken = _key_violations(conn, rebuilt) - before
            if broken:
                table, rowid, parent, _ = sorted(broken, key=repr)[0]
                raise UserError(
                    f"schema migration {number} refused, the library is unchanged: it would "
                    f"leave {len(broken)} broken reference(s) (e.g. {table} row {rowid} → {parent})")
        conn.execute(
            "INSERT INTO schema_version (version, applied) VALUES (?, ?)",
            (number, datetime.now(timezone.utc).isoformat(timespec="seconds")),
        )
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def _key_violations(conn: sqlite3.Connection, parents: tuple[str, ...]) -> set[tuple]:
    """What ``PRAGMA foreign_key_check`` reports for the tables that refer to ``parents``."""
    found: set[tuple] = set()
    if not parents:
        return found
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    for table in tables:
        keys = conn.execute(f'PRAGMA foreign_key_list("{table}")').fetchall()
        if any(key[2] in parents for key in keys):
            found |= set(conn.execute(f'PRAGMA foreign_key_check("{table}")').fetchall())
    return found


def _statements(script: str) -> list[str]:
    """Split a migration into statements (executescript would commit behind our back).

    Cut at each ``;`` that completes a statement, so ``;`` inside literals stays put."""
    statements: list[str] = []
    buffer = ""
    for piece in script.split(";"):
        buffer += piece + ";"
        if sqlite3.complete_statement(buffer):
            if buffer.strip(" \t\n;"):
                statements.append(buffer.strip())
            buffer = ""
    if buffer.strip(" \t\n;"):
        statements.append(buffer.strip())
    return statements
