"""The server's check of a shared item, written in SQL from the same table of fields the
client checks with (reader.team.wire.FIELDS).

Every client refuses a pull that holds a malformed row, so a malformed row on the server
would stop the whole team's sync; the database therefore refuses it at the door, whoever
sends it.  The rules are generated once, into the migration that creates the function: a
later change to FIELDS needs a new migration (CREATE OR REPLACE FUNCTION) like any other
schema change."""
from __future__ import annotations

from typing import Any

from reader.team.wire import FIELDS


def _field(name: str, kind: Any, limit: Any) -> str:
    v, t = f"(data -> '{name}')", f"jsonb_typeof(data -> '{name}')"
    text = f"(data ->> '{name}')"
    if kind is str:
        rule = f"{t} = 'string' AND length({text}) <= {limit}"
    elif kind is int:
        rule = (f"CASE WHEN {t} = 'number' AND {text} ~ '^[0-9]{{1,10}}$'"
                f" THEN {text}::numeric < 2147483648 ELSE false END")
    elif kind is float:
        rule = f"CASE WHEN {t} = 'number' THEN {text}::numeric BETWEEN 0 AND 1 ELSE false END"
    elif kind == "opt":
        rule = f"{t} = 'null' OR ({t} = 'string' AND length({text}) <= {limit})"
    elif kind == "hash":
        rule = f"{t} = 'string' AND {text} ~ '^[0-9a-f]{{64}}$'"
    elif kind == "id":
        rule = (f"{t} = 'string' AND length({text}) BETWEEN 1 AND 100"
                f" AND {text} !~ '[\\x01-\\x1f\\x7f-\\x9f]'")
    elif kind == "enum":
        rule = f"{t} = 'string' AND {text} IN ({', '.join(repr(x) for x in limit)})"
    elif kind == "color":
        rule = f"{t} = 'string' AND {text} ~ '^#[0-9a-fA-F]{{6}}$'"
    elif kind == "tags":
        rule = (f"CASE WHEN {t} = 'array' THEN jsonb_array_length({v}) <= 100 AND NOT EXISTS ("
                f"SELECT 1 FROM jsonb_array_elements({v}) AS e(tag) WHERE jsonb_typeof(tag) <> 'string'"
                f" OR length(tag #>> '{{}}') NOT BETWEEN 1 AND {limit}) ELSE false END")
    else:  # pragma: no cover - FIELDS holds only the kinds above
        raise ValueError(kind)
    return f"COALESCE(({rule}), false)"


def valid_item_function() -> str:
    """``CREATE FUNCTION regreader.valid_item(kind, data)``: true when ``data`` is a
    well-formed item of ``kind``."""
    cases = "\n".join(
        f"        WHEN '{kind}' THEN " + "\n            AND ".join(_field(n, k, lim) for n, (k, lim) in fields.items())
        for kind, fields in FIELDS.items())
    # PL/pgSQL, not SQL: a CHECK calls it once a row, and PL/pgSQL keeps its plan where an
    # SQL function is planned again for each call (10,000 rows: 1 s instead of 6.5 s).
    return ("CREATE FUNCTION regreader.valid_item(kind text, data jsonb) RETURNS boolean\n"
            "        LANGUAGE plpgsql IMMUTABLE SET search_path = pg_catalog, pg_temp AS $$\n"
            f"    BEGIN RETURN jsonb_typeof(data) = 'object' AND CASE kind\n{cases}\n"
            "        ELSE false END; END $$;")
