"""A real PostgreSQL for the team tests: one cluster for the session (the system's own
binaries, started by reader.team.cluster as the test suite's server), a fresh team
database per test, and login roles whose passwords live in a .pgpass file — the libpq way
RegReader expects, never in the library.

Without PostgreSQL's server programs the tests are skipped — except where
REGREADER_REQUIRE_POSTGRES is set (CI installs them and sets it), so a CI that lost its
server fails instead of passing quietly."""
from __future__ import annotations

import itertools
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import pytest

from reader.store.library import Library
from reader.team.cluster import LocalCluster, find_bindir, remember_password
from reader.team.server_schema import init

PASSWORDS = {"alice": "alice-secret", "bob": "bob-secret", "carol": "carol-secret",
             "dave": "dave-secret", "mallory": "mallory-secret"}
_numbers = itertools.count(1)


@dataclass
class Server:
    cluster: LocalCluster
    dbname: str

    def url(self, user: str) -> str:
        return self.cluster.url(user, self.dbname)

    @property
    def admin_url(self) -> str:
        return self.cluster.admin_url(self.dbname)

    def admin(self):  # a superuser connection (autocommit) for setting up and spying
        import psycopg

        return psycopg.connect(self.admin_url, autocommit=True)


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[LocalCluster]:
    pytest.importorskip("psycopg")
    if find_bindir() is None:
        if os.environ.get("REGREADER_REQUIRE_POSTGRES"):
            pytest.fail("PostgreSQL's server programs are required (REGREADER_REQUIRE_POSTGRES)")
        pytest.skip("PostgreSQL's server programs (initdb, pg_ctl) are not installed")
    folder = Path(tempfile.mkdtemp(prefix="regreader-pg-"))
    cluster = LocalCluster.at(folder)
    os.environ["REGREADER_PG_FAST"] = "1"
    cluster.start()
    cluster.wait_ready()
    old = os.environ.get("PGPASSFILE")
    os.environ["PGPASSFILE"] = str(folder / "pgpass")
    for user, password in PASSWORDS.items():
        cluster.add_login(user, password)
        remember_password(cluster.port, user, password)
    try:
        yield cluster
    finally:
        if old is None:
            os.environ.pop("PGPASSFILE", None)
        else:
            os.environ["PGPASSFILE"] = old
        cluster.stop()
        shutil.rmtree(folder, ignore_errors=True)


def new_database(cluster: LocalCluster) -> str:
    name = f"team{next(_numbers)}"
    cluster.add_database(name)
    return name


@pytest.fixture()
def server(pg_cluster: LocalCluster) -> Server:
    """A team database: alice owns it, bob is a reviewer, carol an editor, dave a reader;
    mallory has a login but is no member."""
    import psycopg

    server = Server(pg_cluster, new_database(pg_cluster))
    with psycopg.connect(server.admin_url) as conn:
        init(conn, "alice", "Alice")
        for user, role in (("bob", "reviewer"), ("carol", "editor"), ("dave", "reader")):
            conn.execute("SELECT regreader.grant_role(%s, %s, NULL)", (user, role))
        conn.commit()
    return server


@pytest.fixture()
def open_library(tmp_path: Path) -> Iterator:
    """``open_library(name)``: a new library folder under tmp_path, closed afterwards."""
    opened: list[Library] = []

    def make(name: str) -> Library:
        library = Library.open(tmp_path / name)
        opened.append(library)
        return library

    yield make
    for library in opened:
        library.close()
