"""A private PostgreSQL server for the tests: initdb in a temporary folder, `postgres` in the
foreground on a free loopback port, one fresh database per test.

PostgreSQL refuses to run as root, so as root (CI, containers) the server runs as Debian's
`postgres` user (setpriv, no shell, no sudo); a normal developer runs it as themselves.
Without a PostgreSQL installation the tests that need it skip, saying how to install one.
"""

from __future__ import annotations

import glob
import itertools
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

INSTALL = "Debian: apt-get install postgresql (scripts/install-system-deps.sh)"


def _bin_dir() -> Path | None:
    """Debian keeps the server's programs out of PATH, one folder per major version."""
    found = shutil.which("initdb")
    if found:
        return Path(found).parent
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=_major, reverse=True)
    return Path(versions[0]).parent if versions else None


def _major(path: str) -> int:
    version = Path(path).parts[-3]
    return int(version) if version.isdigit() else 0


@dataclass
class Server:
    """A running server that trusts every local connection as its superuser."""

    host: str
    port: int
    user: str
    _names: Iterator[int] = field(default_factory=lambda: itertools.count(1))

    def url(self, database: str) -> str:
        return f"postgresql://{self.user}@{self.host}:{self.port}/{database}"

    def new_database(self) -> str:
        """The URL of a new, empty database (made from template0: nothing in it)."""
        import psycopg

        name = f"test_{os.getpid()}_{next(self._names)}"
        with psycopg.connect(self.url("postgres"), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}" TEMPLATE template0')
        return self.url(name)


def _run_as() -> tuple[list[str], pwd.struct_passwd]:
    """The prefix that runs a program as the server's user, and that user."""
    if os.geteuid() != 0:
        return [], pwd.getpwuid(os.geteuid())
    try:
        user = pwd.getpwnam("postgres")
    except KeyError:
        pytest.skip("running as root and there is no 'postgres' user to run PostgreSQL as")
    prefix = ["setpriv", f"--reuid={user.pw_uid}", f"--regid={user.pw_gid}", "--clear-groups"]
    return prefix, user


@contextmanager
def running_postgresql() -> Iterator[Server]:
    bin_dir = _bin_dir()
    if bin_dir is None:
        pytest.skip(f"PostgreSQL is not installed ({INSTALL})")
    try:
        import psycopg
    except ImportError:
        pytest.skip("psycopg is not installed (pip install 'psycopg[binary]')")
    prefix, user = _run_as()
    root = Path(tempfile.mkdtemp(prefix="publisher-postgresql-"))
    try:
        os.chmod(root, 0o755)
        data, sockets = root / "data", root / "run"
        sockets.mkdir()
        os.chown(sockets, user.pw_uid, user.pw_gid)
        os.chown(root, user.pw_uid, user.pw_gid)
        subprocess.run(
            [
                *prefix,
                bin_dir / "initdb",
                "-D",
                data,
                "-U",
                user.pw_name,
                "-A",
                "trust",
                "--no-sync",
                "--no-instructions",
                "-E",
                "UTF8",
                "--locale",
                "C.UTF-8",
            ],
            check=True,
            capture_output=True,
        )
        port = _free_port()
        # fsync off: the tests kill publisher's processes, never the server or the machine.
        settings = {"fsync": "off", "full_page_writes": "off", "max_connections": "60"}
        options = [x for k, v in settings.items() for x in ("-c", f"{k}={v}")]
        with (root / "server.log").open("wb") as log:
            server = subprocess.Popen(
                [
                    *prefix,
                    bin_dir / "postgres",
                    "-D",
                    data,
                    "-h",
                    "127.0.0.1",
                    "-p",
                    str(port),
                    "-k",
                    sockets,
                    *options,
                ],
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        try:
            _wait_for(psycopg, Server("127.0.0.1", port, user.pw_name), server, root)
            yield Server("127.0.0.1", port, user.pw_name)
        finally:
            server.send_signal(signal.SIGINT)  # fast shutdown: ends open sessions
            server.wait(timeout=20)
    finally:
        shutil.rmtree(root, ignore_errors=True)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_for(psycopg: Any, server: Server, process: subprocess.Popen, root: Path) -> None:  # type: ignore[type-arg]
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and process.poll() is None:
        try:
            psycopg.connect(server.url("postgres"), connect_timeout=2).close()
            return
        except psycopg.OperationalError:
            time.sleep(0.05)
    log = (root / "server.log").read_text(errors="replace")[-2000:]
    raise RuntimeError(f"PostgreSQL did not start:\n{log}")
