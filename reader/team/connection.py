"""Connecting to the team server the libpq way, and saying what went wrong in words.

A connection string is anything libpq takes: ``postgresql://user@host/db?sslmode=verify-full``,
``service=team`` (pg_service.conf) or ``host=… dbname=…``.  Passwords come from where libpq
looks — ~/.pgpass, a service file, $PGPASSWORD, a client certificate — never from
RegReader's settings, so a connection string that carries one is refused."""
from __future__ import annotations

from typing import Any

from reader.team.errors import TeamError

CONNECT_TIMEOUT = 10  # seconds: an unreachable server is reported, not waited on forever
#: Statements may wait this long for a lock before the sync gives up (and rolls back).
LOCK_TIMEOUT = "30s"
#: A network that goes silent mid-sync is noticed (TCP keepalives, unacknowledged data)
#: instead of leaving a worker waiting forever; the URL may set its own.
NETWORK = {"keepalives": 1, "keepalives_idle": 15, "keepalives_interval": 5,
           "keepalives_count": 3, "tcp_user_timeout": 60_000}


def _psycopg() -> Any:
    try:
        import psycopg
    except ImportError as exc:  # pragma: no cover - psycopg is a dependency
        raise TeamError("team sync needs psycopg: pip install 'psycopg[binary]'") from exc
    return psycopg


def parse(url: str) -> dict[str, str]:
    """The connection string's parts; TeamError if libpq would not take it or it holds a
    password."""
    psycopg = _psycopg()
    text = url.strip()
    if not text:
        raise TeamError("no team server given: a postgresql:// URL or service=NAME", "bad-url")
    try:
        parts = psycopg.conninfo.conninfo_to_dict(text)
    except psycopg.ProgrammingError as exc:
        raise TeamError(f"not a PostgreSQL connection string: {_first_line(exc)}", "bad-url") from exc
    if parts.get("password"):
        raise TeamError("the connection string contains a password, and RegReader never "
                        "stores one: put it in ~/.pgpass (or a pg_service.conf service) and "
                        "connect without it", "password-in-url")
    return {k: str(v) for k, v in parts.items()}


def describe(url: str) -> str:
    """user@host:port/dbname for people (no secrets: parse refuses passwords)."""
    parts = parse(url)
    if "service" in parts and "host" not in parts:
        return f"service={parts['service']}"
    host = parts.get("host") or "localhost"
    if host.startswith("/"):
        host = "localhost"
    port = f":{parts['port']}" if parts.get("port") else ""
    user = f"{parts['user']}@" if parts.get("user") else ""
    return f"{user}{host}{port}/{parts.get('dbname', '')}"


def connect(url: str, application: str = "RegReader") -> Any:
    """An open connection (not autocommit), or TeamError in words."""
    psycopg = _psycopg()
    given = parse(url)
    extra = {k: v for k, v in NETWORK.items() if k not in given}
    if "connect_timeout" not in given:
        extra["connect_timeout"] = CONNECT_TIMEOUT
    try:
        conn = psycopg.connect(url, application_name=application, **extra)
    except psycopg.OperationalError as exc:
        code = "auth" if _auth_failed(str(exc)) else "unreachable"
        raise TeamError(f"cannot reach the team server {describe(url)}: {reason(exc)}", code) from exc
    conn.execute(f"SET lock_timeout = '{LOCK_TIMEOUT}'")
    conn.commit()
    return conn


def reason(exc: BaseException) -> str:
    """A server or network error as one sentence for the user."""
    psycopg = _psycopg()
    text = _first_line(exc)
    if isinstance(exc, psycopg.errors.InsufficientPrivilege):
        return f"the server refused: your team role does not allow this ({text})"
    if _auth_failed(text):
        return (f"{text} — put the password in ~/.pgpass (host:port:database:user:password, "
                "mode 0600) or in a pg_service.conf service")
    if isinstance(exc, psycopg.OperationalError):
        return f"the connection failed or was lost ({text}); nothing half-done was kept, sync again"
    return text


def from_psycopg(exc: BaseException) -> TeamError:
    """A server or network error as a TeamError with its code."""
    psycopg = _psycopg()
    if isinstance(exc, psycopg.errors.InsufficientPrivilege):
        code = "refused"
    elif isinstance(exc, psycopg.OperationalError):
        code = "auth" if _auth_failed(str(exc)) else "lost"
    else:
        code = "server"
    return TeamError(reason(exc), code)


def _auth_failed(text: str) -> bool:
    return "password authentication failed" in text or "no password supplied" in text


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__
