"""The team server's schema: tables, the team's roles and the rules PostgreSQL enforces.

Everything lives in the ``regreader`` schema of a database the team's IT runs.  Each
person is a PostgreSQL login role; ``members`` says what they may do in the team
(reader < reviewer < editor < owner) and row-level security enforces it in the database,
whatever program connects: a reader only reads, a reviewer writes only rows they created
(their notes, replies and status changes), an editor writes any row, an owner also grants
roles.  Nobody deletes a row: a deletion is a tombstone (``deleted`` in the data) that
syncs like any edit.  The tables belong to the role that ran ``team init``; members get
rights through the group role ``regreader_team`` and never hold the owner's login.

Every write takes the next value of one sequence as its ``rev`` (set by a trigger, so a
client cannot forge it), and writers take one advisory lock for their transaction, so
revs are handed out in commit order: a reader that has seen rev N has seen everything
before it.  Every earlier value of a field is kept in ``history`` by a trigger.

Migrations only move forward; ``team init`` applies the missing ones.  A server newer than
this RegReader is refused rather than guessed at."""
from __future__ import annotations

from typing import Any

from reader.team.errors import TeamError
from reader.team.item_rules import valid_item_function
from reader.team.wire import KINDS, MAX_DOCUMENT_BYTES, MAX_ITEM_BYTES

GROUP = "regreader_team"
ROLES = ("reader", "reviewer", "editor", "owner")
#: The advisory lock key writers serialise on (any constant; "RegR").
WRITE_LOCK = 0x52656752

MIGRATIONS: list[str] = [
    # 1: members, documents by content, items with revs, history, row-level security.
    f"""
    CREATE TABLE regreader.meta (key text PRIMARY KEY, value text NOT NULL);
    CREATE SEQUENCE regreader.rev;

    CREATE TABLE regreader.members (
        username   name PRIMARY KEY,
        role       text NOT NULL CHECK (role IN ('reader', 'reviewer', 'editor', 'owner')),
        display    text NOT NULL DEFAULT '' CHECK (length(display) <= 100),
        granted_by name NOT NULL DEFAULT current_user,
        granted_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE regreader.documents (
        id         text PRIMARY KEY CHECK (id ~ '^[0-9a-f]{{64}}$'),
        created_by name NOT NULL DEFAULT current_user,
        created_at timestamptz NOT NULL DEFAULT now(),
        data       jsonb NOT NULL CHECK (jsonb_typeof(data) = 'object'
                                         AND octet_length(data::text) <= {MAX_ITEM_BYTES}),
        nodes      jsonb NOT NULL CHECK (jsonb_typeof(nodes) = 'array'
                                         AND octet_length(nodes::text) <= {MAX_DOCUMENT_BYTES})
    );

    {valid_item_function()}

    -- A document is named by the hash of its text: the server checks it, so nobody can
    -- put other words under a name colleagues will ask for (reader.core.lineage.content_hash).
    CREATE FUNCTION regreader.content_hash(nodes jsonb) RETURNS text
        LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, pg_temp AS $$
        SELECT encode(sha256(convert_to(COALESCE(string_agg(
            (n ->> 2) || chr(31) || (n ->> 3) || chr(31) || (n ->> 5) || chr(31) || (n ->> 6) || chr(30),
            '' ORDER BY i), ''), 'UTF8')), 'hex')
        FROM jsonb_array_elements(nodes) WITH ORDINALITY AS u(n, i) $$;
    CREATE FUNCTION regreader.check_document() RETURNS trigger
        LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
    BEGIN
        IF regreader.content_hash(NEW.nodes) IS DISTINCT FROM NEW.id THEN
            RAISE EXCEPTION 'document % does not hash to its name', left(NEW.id, 12)
                USING ERRCODE = '23514';
        END IF;
        NEW.created_by := current_user;
        NEW.created_at := now();
        RETURN NEW;
    END $$;
    CREATE TRIGGER documents_check BEFORE INSERT ON regreader.documents
        FOR EACH ROW EXECUTE FUNCTION regreader.check_document();

    CREATE TABLE regreader.items (
        kind       text NOT NULL CHECK (kind IN {KINDS!r}),
        id         text NOT NULL CHECK (length(id) BETWEEN 1 AND 100),
        rev        bigint NOT NULL,
        created_by name NOT NULL,
        changed_by name NOT NULL,
        changed_at timestamptz NOT NULL,
        doc        text REFERENCES regreader.documents(id),
        doc2       text REFERENCES regreader.documents(id),
        data       jsonb NOT NULL CHECK (octet_length(data::text) <= {MAX_ITEM_BYTES}),
        CHECK (regreader.valid_item(kind, data)),
        CHECK (id !~ '[\x01-\x1f\x7f-\x9f]'),
        PRIMARY KEY (kind, id)
    );
    CREATE UNIQUE INDEX items_rev ON regreader.items (rev);

    CREATE TABLE regreader.history (
        id         bigserial PRIMARY KEY,
        kind       text NOT NULL,
        item_id    text NOT NULL,
        field      text NOT NULL,
        old        jsonb,
        new        jsonb,
        changed_by name NOT NULL,
        changed_at timestamptz NOT NULL,
        rev        bigint NOT NULL
    );
    CREATE INDEX history_item ON regreader.history (kind, item_id);

    -- A login's team role (NULL: not a member).  SECURITY DEFINER so the policies may read
    -- members whatever the caller's rights; inside it current_user is the owner, so the
    -- caller is passed in: my_role() runs as the caller.
    CREATE FUNCTION regreader.role_of(who name) RETURNS text
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
        AS $$ SELECT role FROM regreader.members WHERE username = who $$;
    CREATE FUNCTION regreader.my_role() RETURNS text
        LANGUAGE sql STABLE AS $$ SELECT regreader.role_of(current_user) $$;

    -- Server-kept columns: a client cannot forge who, when or in which order.
    CREATE FUNCTION regreader.stamp() RETURNS trigger
        LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
    BEGIN
        NEW.rev := nextval('regreader.rev');
        NEW.changed_by := current_user;
        NEW.changed_at := clock_timestamp();
        IF TG_OP = 'INSERT' THEN
            NEW.created_by := current_user;
        ELSE
            NEW.created_by := OLD.created_by;
            NEW.kind := OLD.kind;
            NEW.id := OLD.id;
        END IF;
        RETURN NEW;
    END $$;
    CREATE TRIGGER items_stamp BEFORE INSERT OR UPDATE ON regreader.items
        FOR EACH ROW EXECUTE FUNCTION regreader.stamp();

    -- Every field a write changed keeps its earlier value (members cannot write history).
    CREATE FUNCTION regreader.keep_history() RETURNS trigger
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
    BEGIN
        INSERT INTO regreader.history (kind, item_id, field, old, new, changed_by, changed_at, rev)
        SELECT NEW.kind, NEW.id, k, OLD.data -> k, NEW.data -> k, NEW.changed_by,
               NEW.changed_at, NEW.rev
        FROM (SELECT jsonb_object_keys(OLD.data) UNION SELECT jsonb_object_keys(NEW.data)) AS f(k)
        WHERE (OLD.data -> k) IS DISTINCT FROM (NEW.data -> k);
        RETURN NULL;
    END $$;
    CREATE TRIGGER items_history AFTER UPDATE ON regreader.items
        FOR EACH ROW EXECUTE FUNCTION regreader.keep_history();

    -- Only an owner grants; the last owner cannot be demoted.
    CREATE FUNCTION regreader.grant_role(who name, what text, display_name text DEFAULT NULL)
        RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
    BEGIN
        IF regreader.role_of(session_user) IS DISTINCT FROM 'owner'
           AND NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = session_user AND rolsuper) THEN
            RAISE EXCEPTION 'only a team owner may grant roles' USING ERRCODE = '42501';
        END IF;
        IF what NOT IN ('reader', 'reviewer', 'editor', 'owner') THEN
            RAISE EXCEPTION 'no such team role: %', what USING ERRCODE = '22023';
        END IF;
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = who AND rolcanlogin) THEN
            RAISE EXCEPTION 'no login role "%" on this server: create it first (CREATE ROLE % LOGIN)',
                who, who USING ERRCODE = '42704';
        END IF;
        IF what <> 'owner' AND EXISTS (SELECT 1 FROM regreader.members WHERE username = who
                                        AND role = 'owner')
           AND (SELECT count(*) FROM regreader.members WHERE role = 'owner') = 1 THEN
            RAISE EXCEPTION '% is the last owner of the team', who USING ERRCODE = '42501';
        END IF;
        INSERT INTO regreader.members (username, role, display, granted_by)
        VALUES (who, what, COALESCE(display_name, ''), session_user)
        ON CONFLICT (username) DO UPDATE SET role = EXCLUDED.role,
            display = COALESCE(display_name, regreader.members.display),
            granted_by = EXCLUDED.granted_by, granted_at = now();
        EXECUTE format('GRANT {GROUP} TO %I', who);
    END $$;

    ALTER TABLE regreader.members ENABLE ROW LEVEL SECURITY;
    ALTER TABLE regreader.documents ENABLE ROW LEVEL SECURITY;
    ALTER TABLE regreader.items ENABLE ROW LEVEL SECURITY;
    ALTER TABLE regreader.history ENABLE ROW LEVEL SECURITY;

    CREATE POLICY members_read ON regreader.members FOR SELECT
        USING (regreader.my_role() IS NOT NULL);
    CREATE POLICY history_read ON regreader.history FOR SELECT
        USING (regreader.my_role() IS NOT NULL);
    CREATE POLICY documents_read ON regreader.documents FOR SELECT
        USING (regreader.my_role() IS NOT NULL);
    CREATE POLICY documents_add ON regreader.documents FOR INSERT
        WITH CHECK (regreader.my_role() IN ('reviewer', 'editor', 'owner')
                    AND created_by = current_user);
    CREATE POLICY items_read ON regreader.items FOR SELECT
        USING (regreader.my_role() IS NOT NULL);
    CREATE POLICY items_add ON regreader.items FOR INSERT
        WITH CHECK (regreader.my_role() IN ('reviewer', 'editor', 'owner')
                    AND created_by = current_user);
    CREATE POLICY items_edit ON regreader.items FOR UPDATE
        USING (regreader.my_role() IN ('editor', 'owner')
               OR (regreader.my_role() = 'reviewer' AND created_by = current_user))
        WITH CHECK (regreader.my_role() IN ('editor', 'owner')
                    OR (regreader.my_role() = 'reviewer' AND created_by = current_user));

    REVOKE ALL ON ALL TABLES IN SCHEMA regreader FROM PUBLIC;
    REVOKE ALL ON FUNCTION regreader.grant_role(name, text, text) FROM PUBLIC;
    GRANT USAGE ON SCHEMA regreader TO {GROUP};
    GRANT SELECT ON regreader.meta, regreader.members, regreader.history TO {GROUP};
    GRANT SELECT, INSERT ON regreader.documents TO {GROUP};
    GRANT SELECT, INSERT, UPDATE ON regreader.items TO {GROUP};
    GRANT USAGE ON SEQUENCE regreader.rev TO {GROUP};
    GRANT EXECUTE ON FUNCTION regreader.grant_role(name, text, text) TO {GROUP};
    REVOKE ALL ON FUNCTION regreader.role_of(name) FROM PUBLIC;
    GRANT EXECUTE ON FUNCTION regreader.role_of(name), regreader.my_role() TO {GROUP}, PUBLIC;
    """,
]

SCHEMA_VERSION = len(MIGRATIONS)


def server_version(conn: Any) -> int:
    """The schema version of the team database (0: not a RegReader team database yet)."""
    schema = conn.execute("SELECT oid, has_schema_privilege(oid, 'USAGE'), current_user"
                          " FROM pg_namespace WHERE nspname = 'regreader'").fetchone()
    if schema is None:
        return 0
    if not schema[1]:
        raise TeamError(f"{schema[2]} is not a member of this team: a team owner runs "
                        f"`regreader team grant {schema[2]} reviewer`", "not-member")
    if not conn.execute("SELECT to_regclass('regreader.meta') IS NOT NULL").fetchone()[0]:
        return 0
    row = conn.execute("SELECT value FROM regreader.meta WHERE key = 'schema_version'").fetchone()
    try:
        return int(row[0]) if row else 0
    except ValueError:
        return -1


def check_version(conn: Any) -> None:
    """Refuse a server this RegReader cannot work with, in words that say what to do."""
    version = server_version(conn)
    if version == 0:
        raise TeamError("this database is not a RegReader team server: the team owner runs "
                        "`regreader team init URL` first", "not-team")
    if version < 0:
        raise TeamError("the team server's schema version is not a number: it was not made by "
                        "RegReader; nothing was changed", "schema-foreign")
    if version > SCHEMA_VERSION:
        raise TeamError(f"the team server has schema {version}, this RegReader knows up to "
                        f"{SCHEMA_VERSION}: please upgrade RegReader; nothing was changed", "schema-newer")
    if version < SCHEMA_VERSION:
        raise TeamError(f"the team server has schema {version} and this RegReader needs "
                        f"{SCHEMA_VERSION}: the team owner runs `regreader team init URL` to "
                        "upgrade it", "schema-older")


def init(conn: Any, owner: str | None, display: str = "") -> list[int]:
    """Create or upgrade the schema (one transaction each) and make ``owner`` a team owner.

    Run with the database owner's (or a superuser's) login — once, by whoever administers
    the database; desktops connect later as members and never with this login."""
    with conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK,))
        version = server_version(conn)
        if version < 0 or version > SCHEMA_VERSION:
            check_version(conn)
        if not conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (GROUP,)).fetchone():
            conn.execute(f"CREATE ROLE {GROUP} NOLOGIN")
        if version == 0:
            conn.execute("CREATE SCHEMA IF NOT EXISTS regreader")
        applied = []
        for number in range(version + 1, SCHEMA_VERSION + 1):
            conn.execute(MIGRATIONS[number - 1])
            conn.execute("INSERT INTO regreader.meta (key, value) VALUES ('schema_version', %s)"
                         " ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value", (str(number),))
            applied.append(number)
    if owner:
        with conn.transaction():
            conn.execute("SELECT regreader.grant_role(%s, 'owner', %s)", (owner, display or None))
    return applied
