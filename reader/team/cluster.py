"""A PostgreSQL cluster on this machine, made with the system's own binaries.

Used for a laptop team server (``regreader team serve DIR``) and by the test suite, which
must run against a real server.  PostgreSQL refuses to run as root, so when we are root the
cluster belongs to the ``postgres`` system user (Debian's packages make it) or ``nobody``.
The server listens on 127.0.0.1 and on a socket in the data folder; local socket
connections are trusted (the OS user owns the folder), TCP ones need a password (SCRAM)."""
from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from reader.team.errors import TeamError

SUPERUSER = "regreader_admin"


def find_bindir() -> Path | None:
    """Where initdb and pg_ctl are: $REGREADER_PG_BINDIR, pg_config's, Debian's versioned
    folders (the newest first), or PATH."""
    candidates: list[Path] = []
    if os.environ.get("REGREADER_PG_BINDIR"):
        candidates.append(Path(os.environ["REGREADER_PG_BINDIR"]))
    pg_config = shutil.which("pg_config")
    if pg_config:
        try:
            out = subprocess.run([pg_config, "--bindir"], capture_output=True, text=True, check=True)
            candidates.append(Path(out.stdout.strip()))
        except (OSError, subprocess.CalledProcessError):
            pass
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin"),
                      key=lambda p: int(p.parent.name) if p.parent.name.isdigit() else 0, reverse=True)
    candidates += versions
    initdb = shutil.which("initdb")
    if initdb:
        candidates.append(Path(initdb).resolve().parent)
    for folder in candidates:
        if (folder / "initdb").exists() and (folder / "pg_ctl").exists():
            return folder
    return None


def remember_password(port: int, user: str, password: str, path: Path | None = None) -> Path:
    """The libpq way to keep a password: a line in ~/.pgpass ($PGPASSFILE), mode 0600 —
    never in RegReader's settings.  Returns the file."""
    path = path or Path(os.environ.get("PGPASSFILE") or Path.home() / ".pgpass")
    existing = path.read_text() if path.exists() else ""
    if existing and not existing.endswith("\n"):
        existing += "\n"
    path.write_text(existing + f"127.0.0.1:{port}:*:{user}:{password}\n")
    path.chmod(0o600)
    return path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class LocalCluster:
    """One data folder: ``init`` once, then ``start`` / ``stop``."""

    datadir: Path
    port: int
    bindir: Path

    @classmethod
    def at(cls, datadir: str | Path, port: int | None = None) -> LocalCluster:
        bindir = find_bindir()
        if bindir is None:
            raise TeamError("PostgreSQL's server programs (initdb, pg_ctl) are not installed: on "
                            "Debian or Ubuntu `sudo apt-get install postgresql`", "no-postgres")
        folder = Path(datadir).expanduser().resolve()
        saved = folder / "regreader-port"
        if port is None:
            port = int(saved.read_text()) if saved.exists() else free_port()
        return cls(folder, port, bindir)

    @property
    def socket_dir(self) -> Path:
        return self.datadir / "socket"

    @property
    def pgdata(self) -> Path:
        return self.datadir / "data"

    def initialised(self) -> bool:
        return (self.pgdata / "PG_VERSION").exists()

    def init(self) -> None:
        """A new cluster whose superuser is ``regreader_admin`` (trusted on the socket only)."""
        self.datadir.mkdir(parents=True, exist_ok=True)
        self.socket_dir.mkdir(exist_ok=True)
        self._own(self.datadir)
        self._run("initdb", "-D", str(self.pgdata), "-U", SUPERUSER, "-E", "UTF8", "--no-locale",
                  "--auth-local=trust", "--auth-host=scram-sha-256")
        (self.datadir / "regreader-port").write_text(str(self.port))

    def start(self, listen: str = "127.0.0.1") -> None:
        """Start the server (making the cluster first if needed).  ``listen`` other than
        localhost lets colleagues in over the network — with a password (SCRAM)."""
        if not self.initialised():
            self.init()
        if self.running():
            return
        if listen not in ("127.0.0.1", "localhost"):
            hba = self.pgdata / "pg_hba.conf"
            text = hba.read_text()
            if "regreader: network" not in text:
                hba.write_text(text + "\n# regreader: network members, password required\n"
                               "host all all 0.0.0.0/0 scram-sha-256\nhost all all ::/0 scram-sha-256\n")
        options = f"-p {self.port} -k {self.socket_dir} -c listen_addresses='{listen}'"
        if os.environ.get("REGREADER_PG_FAST"):  # tests: durability is not what is tested
            options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        self._run("pg_ctl", "-D", str(self.pgdata), "-l", str(self.datadir / "server.log"),
                  "-w", "-t", "60", "-o", options, "start")

    def running(self) -> bool:
        result = subprocess.run([str(self.bindir / "pg_ctl"), "-D", str(self.pgdata), "status"],
                                capture_output=True, text=True, **self._as_owner())
        return result.returncode == 0

    def stop(self) -> None:
        if self.initialised() and self.running():
            self._run("pg_ctl", "-D", str(self.pgdata), "-m", "fast", "-w", "stop")

    def add_login(self, user: str, password: str) -> bool:
        """Create a login role with a password (False: it exists, left as it is)."""
        import psycopg
        from psycopg import sql

        with psycopg.connect(self.admin_url(), autocommit=True) as admin:
            if admin.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (user,)).fetchone():
                return False
            admin.execute(sql.SQL("CREATE ROLE {} LOGIN PASSWORD {}").format(
                sql.Identifier(user), sql.Literal(password)))
        return True

    def add_database(self, name: str) -> bool:
        """Create a database (False: it exists)."""
        import psycopg
        from psycopg import sql

        with psycopg.connect(self.admin_url(), autocommit=True) as admin:
            if admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone():
                return False
            admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        return True

    def admin_url(self, dbname: str = "postgres") -> str:
        """The superuser over the socket (trusted): for ``team init`` and for tests."""
        return f"postgresql://{SUPERUSER}@/{dbname}?host={self.socket_dir}&port={self.port}"

    def url(self, user: str, dbname: str = "regreader") -> str:
        """How a member connects: TCP on localhost, the password from ~/.pgpass."""
        return f"postgresql://{user}@127.0.0.1:{self.port}/{dbname}"

    def wait_ready(self, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if subprocess.run([str(self.bindir / "pg_isready"), "-h", str(self.socket_dir),
                               "-p", str(self.port)], capture_output=True).returncode == 0:
                return
            time.sleep(0.1)
        raise TeamError(f"{self.datadir}: the PostgreSQL server did not come up "
                        f"(see {self.datadir / 'server.log'})")

    # -- running as someone PostgreSQL accepts --------------------------------------------

    @staticmethod
    def _os_user() -> str | None:
        """None when we may run the server ourselves; else the system user to run it as."""
        if os.geteuid() != 0:
            return None
        for name in ("postgres", "nobody"):
            try:
                pwd.getpwnam(name)
                return name
            except KeyError:
                continue
        raise TeamError("PostgreSQL will not run as root and there is no 'postgres' user")

    def _as_owner(self) -> dict[str, object]:
        user = self._os_user()
        return {"user": user, "cwd": str(self.datadir)} if user else {}

    def _own(self, folder: Path) -> None:
        user = self._os_user()
        if user:
            entry = pwd.getpwnam(user)
            for path in (folder, *folder.rglob("*")):
                os.chown(path, entry.pw_uid, entry.pw_gid)
            folder.chmod(0o755)  # the socket is reached through it

    def _run(self, program: str, *args: str) -> None:
        result = subprocess.run([str(self.bindir / program), *args], capture_output=True,
                                text=True, **self._as_owner())
        if result.returncode != 0:
            raise TeamError(f"{self.datadir}: {program} failed: "
                            f"{(result.stderr or result.stdout).strip()[-800:]}")
