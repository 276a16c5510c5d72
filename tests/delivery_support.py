"""Real parts for the delivery tests: an SMTP server on loopback (aiosmtpd) that records
what it accepts and answers as told, and a workspace whose email is built and configured
to send to it."""

from __future__ import annotations

import contextlib
import json
import os
import re
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import tomllib
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from email.message import EmailMessage
from email.parser import BytesHeaderParser
from email.policy import SMTP
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from click.testing import Result
from conftest import WORKSPACES, BuiltInPlace, built_in_place
from postgresql_support import Server, running_postgresql

SECRET = "test-secret-key-for-signing-links"
SLUG = "007-huelga"
# The List-Id of tests/workspaces/email ("Boletín del Muelle" at boletin.muelle.example.org):
# the list identity its links are signed over.
LIST_ID = "boletin-del-muelle.boletin.muelle.example.org"


@dataclass(frozen=True)
class Received:
    recipient: str
    message_id: str
    data: bytes


class RecordingHandler:
    """Accepts everything unless told otherwise for an address; records each message it
    accepted (one entry per recipient)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.reset()

    def reset(self) -> None:
        with self.lock:
            self.received: list[Received] = []
            self.replies: dict[str, list[str]] = {}
            self.refuse_all: str | None = None
            self.drop_after_data: set[str] = set()
            self.on_rcpt: dict[str, object] = {}
            # the reply to every message's end of data instead of accepting it
            self.refuse_data: str | None = None
            # called once, when the next message has been received, before the reply
            self.on_data: Callable[[], object] | None = None

    def answer(self, address: str, *replies: str) -> None:
        """RCPT replies for `address`, one per attempt; the last repeats ("250 OK" accepts)."""
        with self.lock:
            self.replies[address] = list(replies)

    def copies(self) -> Counter[str]:
        with self.lock:
            return Counter(r.recipient for r in self.received)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options) -> str:  # type: ignore[no-untyped-def]
        with self.lock:
            hook = self.on_rcpt.pop(address, None)
            if self.refuse_all:
                return self.refuse_all
            queue = self.replies.get(address)
            reply = (queue.pop(0) if len(queue) > 1 else queue[0]) if queue else "250 OK"
        if callable(hook):
            hook()
        if not reply.startswith("250"):
            return reply
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope) -> str:  # type: ignore[no-untyped-def]
        if self.refuse_data:
            return self.refuse_data
        data = envelope.original_content or envelope.content
        headers = header_block(data)
        with self.lock:
            for recipient in envelope.rcpt_tos:
                self.received.append(Received(recipient, str(headers["Message-ID"]), data))
            drop = any(r in self.drop_after_data for r in envelope.rcpt_tos)
            hook, self.on_data = self.on_data, None
        if hook is not None:
            hook()
        if drop:  # the message is taken, but the reply never reaches the sender
            server.transport.close()
        return "250 2.0.0 accepted"


def header_block(message: bytes) -> EmailMessage:
    """A message's headers, parsed without the body: a header parser still reads and
    decodes the whole message, two thirds of a millisecond for one of 45 KB."""
    head = message.partition(b"\r\n\r\n")[0] + b"\r\n\r\n"
    headers = BytesHeaderParser(policy=SMTP).parsebytes(head)
    assert isinstance(headers, EmailMessage)
    return headers


class _EphemeralPortController(Controller):
    """aiosmtpd on port 0: the OS picks a free port, read back once the server listens."""

    def _trigger_server(self) -> None:
        self.port = self.server.sockets[0].getsockname()[1]
        super()._trigger_server()


@pytest.fixture(scope="session")
def smtp_controller() -> Iterator[_EphemeralPortController]:
    controller = _EphemeralPortController(RecordingHandler(), hostname="127.0.0.1", port=0)
    controller.start()
    yield controller
    controller.stop()


@pytest.fixture
def smtp(smtp_controller: _EphemeralPortController) -> RecordingHandler:
    handler = smtp_controller.handler
    assert isinstance(handler, RecordingHandler)
    handler.reset()
    return handler


DELIVERY = {
    "smtp_host": "127.0.0.1",
    "smtp_security": "none",
    "rate": 0,
    "connections": 2,
    "retry_delay": 0.05,
    "retry_window": 30,
    "timeout": 10,
}


def configure(root: Path, **settings: object) -> None:
    """Change settings in publisher.toml's [delivery] table. The built email does not
    depend on them: it stays up to date, no rebuild needed."""
    config = root / "publisher.toml"
    text, _, table = config.read_text(encoding="utf-8").partition("\n[delivery]\n")
    settings = tomllib.loads(table) | settings
    lines = [f"{key} = {_toml(value)}" for key, value in settings.items()]
    config.write_text(
        text.rstrip() + "\n\n[delivery]\n" + "\n".join(lines) + "\n", encoding="utf-8"
    )


def _toml(value: object) -> str:
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return str(value).lower() if isinstance(value, bool) else str(value)


@pytest.fixture(scope="session")
def built_email_workspace(tmp_path_factory: pytest.TempPathFactory) -> BuiltInPlace:
    """tests/workspaces/email with its email built once for the whole session, where
    `delivery_workspace` gives each test its copy."""
    return built_in_place(WORKSPACES / "email", tmp_path_factory, formats=["email"])


BACKENDS = ("sqlite", "postgresql")
# For the tests whose SQL is worth running on both: @both_backends above the test.
both_backends = pytest.mark.parametrize("backend", BACKENDS, indirect=True)


@pytest.fixture(scope="session")
def postgresql_server() -> Iterator[Server]:
    """A private PostgreSQL server for the session (skips where none is installed)."""
    with running_postgresql() as server:
        yield server


@pytest.fixture
def backend(request: pytest.FixtureRequest) -> str:
    """Where the test's list lives: SQLite unless the test is marked @both_backends."""
    return getattr(request, "param", "sqlite")


@pytest.fixture
def new_list(backend: str, request: pytest.FixtureRequest) -> Callable[[], str]:
    """new_list() → a `[delivery] database` value for an empty list of the test's backend."""
    if backend == "sqlite":
        return lambda: "subscribers.sqlite3"
    server = request.getfixturevalue("postgresql_server")
    return server.new_database


@pytest.fixture
def delivery_workspace(
    built_email_workspace: BuiltInPlace,
    smtp_controller: _EphemeralPortController,
    monkeypatch: pytest.MonkeyPatch,
    backend: str,
    new_list: Callable[[], str],
) -> Path:
    """A fresh copy of the built workspace, sending to the loopback server, with an empty
    subscriber list (a new PostgreSQL database for the `postgresql` backend) and the
    signing secret in the environment. Always at the same path, the one it was built at,
    so its built email is up to date."""
    root = built_email_workspace.restored()
    database = {} if backend == "sqlite" else {"database": new_list()}
    configure(root, smtp_port=smtp_controller.port, **DELIVERY, **database)
    monkeypatch.setenv("PUBLISHER_SECRET_KEY", SECRET)
    return root


CLI = "from publisher.cli import main; main()"  # `publisher` as a process of its own


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_for_port(
    port: int, seconds: float = 30, process: subprocess.Popen[bytes] | None = None
) -> None:
    """Until something listens on `port`; an AssertionError if `process` ends first."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise AssertionError(f"the server ended with status {process.returncode}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.05)
    raise AssertionError(f"nothing listens on port {port}")


@dataclass
class Endpoint:
    """`publisher serve-subscriptions` running as a process of its own."""

    process: subprocess.Popen[bytes]
    port: int
    log: Path  # its stderr: the server's log

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"


@contextlib.contextmanager
def running_endpoint(root: Path, *args: str) -> Iterator[Endpoint]:
    """serve-subscriptions for `root` on a free loopback port (unless `args` give --listen),
    killed at the end if the test did not stop it."""
    port = free_port()
    log = root / "serve-subscriptions.log"
    listen = [] if "--listen" in args else ["--listen", f"127.0.0.1:{port}"]
    with log.open("wb") as stderr:
        process = subprocess.Popen(
            [sys.executable, "-c", CLI, "-C", str(root), "serve-subscriptions", *listen, *args],
            env={**os.environ, "PUBLISHER_SECRET_KEY": SECRET},
            stdout=subprocess.DEVNULL,
            stderr=stderr,
        )
    try:
        if not listen:
            port = int(args[args.index("--listen") + 1].rpartition(":")[2])
        try:
            wait_for_port(port, process=process)
        except AssertionError as exc:
            raise AssertionError(f"{exc}: {log.read_text('utf-8')}") from None
        yield Endpoint(process, port, log)
    finally:
        process.kill()
        process.wait()


def kill_seed(test: str) -> int:
    """The randomness of a test's kill moments: the same every run (PUBLISHER_KILL_SEED=N
    tries others), and printed, so that a failure can be replayed with that seed. Kills
    still land at moments the scheduler shifts a little; the seed fixes what is asked."""
    seed = int(os.environ.get("PUBLISHER_KILL_SEED", "20260101"))
    print(f"{test}: kill moments from PUBLISHER_KILL_SEED={seed}")
    return seed


def start_sender(
    root: Path, *extra: str, stderr: int = subprocess.DEVNULL
) -> subprocess.Popen[bytes]:
    """`publisher send SLUG …` in its own process, to be killed and started again."""
    return subprocess.Popen(
        [sys.executable, "-c", CLI, "-C", str(root), "send", SLUG, *extra],
        env={**os.environ, "PUBLISHER_SECRET_KEY": SECRET},
        stdout=subprocess.DEVNULL,
        stderr=stderr,
    )


# A process that has imported `publisher send` once and forks one sender per request: the
# kill tests start a dozen senders, and each new interpreter spent half a CPU second on
# imports before it sent anything. A child is a process of its own through the real entry
# point, with its own environment, killed by its pid; the server reaps it and says how it
# ended. One JSON request per line: {"argv", "env"} → {"pid"}; {"wait": pid} → {"code"}.
_FORK_SERVER = """
import json, os, sys
import publisher.cli, publisher.delivery.send, publisher.delivery.sender
try:
    import psycopg
except ImportError:
    pass
for line in sys.stdin:
    request = json.loads(line)
    if "wait" in request:
        status = os.waitpid(request["wait"], 0)[1]
        answer = {"code": os.waitstatus_to_exitcode(status)}
    else:
        pid = os.fork()
        if pid == 0:
            quiet = os.open(os.devnull, os.O_RDWR)
            for stream in (0, 1, 2):
                os.dup2(quiet, stream)
            os.environ.clear()
            os.environ.update(request["env"])
            code = 1
            try:
                publisher.cli.main(request["argv"])
            except SystemExit as exit:
                code = exit.code if isinstance(exit.code, int) else 1
            finally:
                os._exit(code)
        answer = {"pid": pid}
    print(json.dumps(answer), flush=True)
"""


class ForkedSender:
    """`publisher send` forked by the server: killed by its pid, its end asked of the server."""

    def __init__(self, server: subprocess.Popen[str], pid: int) -> None:
        self._server, self.pid = server, pid
        self.returncode: int | None = None

    def poll(self) -> int | None:
        if self.returncode is None and _state(self.pid) == "Z":  # ended, not yet reaped
            self.wait()
        return self.returncode

    def send_signal(self, signal: int) -> None:
        os.kill(self.pid, signal)

    def wait(self, timeout: float | None = None) -> int:
        """Its exit code (negative: the signal that ended it); TimeoutExpired as Popen's."""
        deadline = None if timeout is None else time.monotonic() + timeout
        while self.returncode is None and _state(self.pid) != "Z":
            if deadline is not None and time.monotonic() > deadline:
                raise subprocess.TimeoutExpired(f"publisher send (pid {self.pid})", timeout or 0)
            time.sleep(0.01)
        if self.returncode is None:
            self.returncode = int(_ask(self._server, {"wait": self.pid})["code"])
        return self.returncode


def _state(pid: int) -> str:
    """A process's state letter (Z: ended, not yet reaped)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return "Z"


def _ask(server: subprocess.Popen[str], request: dict[str, object]) -> dict[str, object]:
    assert server.stdin is not None and server.stdout is not None
    server.stdin.write(json.dumps(request) + "\n")
    server.stdin.flush()
    answer: dict[str, object] = json.loads(server.stdout.readline())
    return answer


@pytest.fixture(scope="session")
def fork_sender() -> Iterator[Callable[..., ForkedSender]]:
    """fork_sender(root, *extra) → `publisher send SLUG …` as a process of its own, forked
    from one that has imported it already, to be killed and started again."""
    server = subprocess.Popen(
        [sys.executable, "-c", _FORK_SERVER],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )

    def start(root: Path, *extra: str) -> ForkedSender:
        env = {**os.environ, "PUBLISHER_SECRET_KEY": SECRET}
        argv = ["-C", str(root), "send", SLUG, *extra]
        return ForkedSender(server, int(_ask(server, {"argv": argv, "env": env})["pid"]))

    yield start
    assert server.stdin is not None
    server.stdin.close()
    server.wait(timeout=30)


def add_subscribers(root: Path, statuses: dict[str, str], **fields: dict[str, str]) -> None:
    """Subscribers straight into the database, as `publisher subscribers import` leaves them;
    `fields`: more of each one's fields by address, e.g. language={address: "es"}."""
    from publisher.config import load_config
    from publisher.delivery import subscribers as subs
    from publisher.delivery.store import open_database

    # Unsynced: a test never loses power, and a thousand synced commits cost a second.
    db = open_database(load_config(root).delivery.database_path(root), synced=False)
    try:
        for address, status in statuses.items():
            given = {name: values[address] for name, values in fields.items() if address in values}
            subs.add(db, subs.check(address, status=status, **given))
    finally:
        db.close()


def list_tokens(root: Path):  # type: ignore[no-untyped-def]
    """The workspace's tokens, as its send and subscription pages make them."""
    from publisher.config import load_config
    from publisher.delivery.store import open_database
    from publisher.delivery.tokens import Tokens

    config = load_config(root)
    db = open_database(config.delivery.database_path(root))
    try:
        return Tokens.for_list(config, db)
    finally:
        db.close()


def query(root: Path, sql: str, *args: object) -> list[tuple]:
    """Plain tuples from the workspace's list, SQLite file or PostgreSQL database."""
    from publisher.config import load_config
    from publisher.delivery.store import open_database

    db = open_database(load_config(root).delivery.database_path(root))
    try:
        return db.tuples(sql, args)
    finally:
        db.close()


@contextlib.contextmanager
def another_program_writing(root: Path) -> Iterator[None]:
    """The workspace's SQLite list held by another program's write (a sqlite3 session's
    BEGIN EXCLUSIVE, a long import) until the block ends."""
    from publisher.config import load_config

    holder = sqlite3.connect(load_config(root).delivery.database_path(root), isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        yield
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def execute_many(root: Path, sql: str, rows: list[tuple]) -> None:
    """One statement for each row, in one transaction, on the workspace's list."""
    from publisher.config import load_config
    from publisher.delivery.store import open_database, transaction

    db = open_database(load_config(root).delivery.database_path(root))
    try:
        with transaction(db):
            db.executemany(sql, rows)
    finally:
        db.close()


TOKEN_IN_URL = re.compile(r"/unsubscribe/\?token=([A-Za-z0-9_.\-]+)")


class serving:
    """Runs a waitress server in a thread for the duration of a `with` block."""

    def __init__(self, server) -> None:  # type: ignore[no-untyped-def]
        self.server = server
        self.thread = threading.Thread(target=server.run, daemon=True)

    def __enter__(self) -> int:
        self.thread.start()
        return int(self.server.effective_port)

    def __exit__(self, *exc: object) -> None:
        self.server.task_dispatcher.shutdown()  # lets the last request finish first
        # Sockets are closed by the server's own thread: closing them under its running
        # select() fails there with EBADF. With none left open, its loop ends.
        try:
            self.server.trigger.pull_trigger(self._close_everything)
        except OSError:
            # Its pipe was closed already (seen once in a full run, after every request
            # had its answer; by what, not found). The loop cannot be woken: its
            # sockets are closed from here, and its select() ends it.
            self._close_everything()
        self.thread.join(timeout=5)

    def _close_everything(self) -> None:
        for dispatcher in list(self.server._map.values()):
            with contextlib.suppress(OSError):  # the trigger, its pipe closed already
                dispatcher.close()


# A server like a real submission server: STARTTLS, then AUTH (only over TLS) -------------

SMTP_USER = "boletin"
SMTP_PASSWORD = "correct horse battery staple"


@dataclass(frozen=True)
class SecureServer:
    controller: _EphemeralPortController
    handler: RecordingHandler
    ca_file: Path  # the test CA that signed its certificate for 127.0.0.1


def _authenticate(server, session, envelope, mechanism, auth_data) -> AuthResult:  # type: ignore[no-untyped-def]
    ok = isinstance(auth_data, LoginPassword) and (auth_data.login, auth_data.password) == (
        SMTP_USER.encode(),
        SMTP_PASSWORD.encode(),
    )
    return AuthResult(success=ok, handled=False)  # not handled: aiosmtpd answers 535


@pytest.fixture(scope="session")
def smtp_starttls(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SecureServer]:
    """A second loopback server that requires STARTTLS (its certificate, for 127.0.0.1, from
    a test CA made by trustme) and offers AUTH only after it, for SMTP_USER/SMTP_PASSWORD."""
    import ssl

    import trustme

    ca = trustme.CA()
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.1").configure_cert(context)
    ca_file = tmp_path_factory.mktemp("smtp-ca") / "ca.pem"
    ca.cert_pem.write_to_path(str(ca_file))
    handler = RecordingHandler()
    controller = _EphemeralPortController(
        handler,
        hostname="127.0.0.1",
        port=0,
        tls_context=context,
        require_starttls=True,
        authenticator=_authenticate,
        auth_require_tls=True,
    )
    controller.start()
    yield SecureServer(controller, handler, ca_file)
    controller.stop()


@pytest.fixture
def secure_smtp(smtp_starttls: SecureServer, monkeypatch: pytest.MonkeyPatch) -> SecureServer:
    """The STARTTLS server, emptied, its CA trusted by this process (SSL_CERT_FILE) and the
    password in the environment, as an editor's shell would have it."""
    smtp_starttls.handler.reset()
    monkeypatch.setenv("SSL_CERT_FILE", str(smtp_starttls.ca_file))
    monkeypatch.setenv("PUBLISHER_SMTP_PASSWORD", SMTP_PASSWORD)
    return smtp_starttls


def configure_secure(root: Path, server: SecureServer) -> None:
    """Send through the STARTTLS server, logging in."""
    configure(
        root,
        smtp_port=server.controller.port,
        smtp_security="starttls",
        smtp_username=SMTP_USER,
    )


def import_file(root: Path, path: Path) -> Result:
    """`publisher subscribers import PATH` in the workspace `root`."""
    from click.testing import CliRunner

    from publisher.cli import main

    return CliRunner().invoke(main, ["-C", str(root), "subscribers", "import", str(path)])


def names_stored(root: Path) -> dict[str, str]:
    """Each subscriber's address and name."""
    return dict(query(root, "SELECT address, name FROM subscribers"))


def dkim_key_pair() -> tuple[bytes, bytes]:
    """A fresh RSA key: (private key PEM, the DNS TXT record publishing its public half)."""
    import base64

    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    private = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    public = key.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return private, b"v=DKIM1; k=rsa; p=" + base64.b64encode(public)
