"""Real parts for the bounce tests: flufl.bounce's own DSN samples (read from its source
distribution, downloaded once into pytest's cache), an SMTP server that records each
message's envelope sender, and a private Dovecot IMAP server on loopback."""

from __future__ import annotations

import importlib.metadata
import os
import pwd
import re
import shutil
import socket
import subprocess
import sys
import tarfile
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from delivery_support import RecordingHandler

DOVECOT = shutil.which("dovecot") or (
    "/usr/sbin/dovecot" if Path("/usr/sbin/dovecot").exists() else None
)


# --- flufl.bounce's samples ----------------------------------------------------------------


def flufl_samples(config: pytest.Config, names: list[str]) -> dict[str, bytes]:
    """The named files of tests/data/ in flufl.bounce's sdist, of the installed version.
    They are Apache-2.0 but not in the wheel: the sdist is downloaded from PyPI once and
    kept in pytest's cache (or the system's temporary folder without one), never copied
    into this repository."""
    version = importlib.metadata.version("flufl.bounce")
    cache: pytest.Cache | None = getattr(config, "cache", None)
    if cache is not None:
        folder = cache.mkdir("flufl-bounce-sdist")
    else:
        folder = Path(tempfile.gettempdir()) / f"publisher-tests-{os.geteuid()}-flufl-bounce"
        folder.mkdir(exist_ok=True)
    sdist = folder / f"flufl_bounce-{version}.tar.gz"
    if not sdist.exists():
        _download_sdist(version, folder, sdist)
    prefix = f"flufl_bounce-{version}/tests/data/"
    with tarfile.open(sdist) as archive:
        return {name: archive.extractfile(prefix + name).read() for name in names}  # type: ignore[union-attr]


def _download_sdist(version: str, folder: Path, sdist: Path) -> None:
    with tempfile.TemporaryDirectory(dir=folder) as download:
        command = [sys.executable, "-m", "pip", "download", "--quiet", "--no-binary", ":all:"]
        command += ["--no-deps", "--dest", download, f"flufl.bounce=={version}"]
        result = subprocess.run(command, capture_output=True, text=True, timeout=180)
        fetched = Path(download) / sdist.name
        if result.returncode != 0 or not fetched.exists():
            pytest.skip(
                f"cannot download flufl.bounce {version}'s source distribution, whose test"
                f" data are the real DSN samples: {result.stderr.strip()[-300:]}"
            )
        fetched.replace(sdist)  # atomic: a parallel worker sees all of it or nothing


def returned_to(raw: bytes, address: str, message_id: str | None = None) -> bytes:
    """`raw` as the bounce address's mailbox receives it when it came back to `address`:
    the delivery agent's Return-Path and Delivered-To on top, To: rewritten; the rest
    byte for byte. A new Message-ID makes it another report."""
    newline = b"\r\n" if b"\r\n" in raw[:200] else b"\n"
    if raw.startswith(b"From "):  # an mbox envelope line: not part of the message
        raw = raw.partition(newline)[2]
    head, separator, body = raw.partition(newline + newline)
    kept = [
        line
        for line in _header_fields(head.split(newline))
        if not re.match(
            rb"(?i)(to|return-path" + (rb"|message-id" if message_id else b"") + rb"):", line[0]
        )
    ]
    lines = [b"Return-Path: <>", b"Delivered-To: " + address.encode()]
    lines += [part for field in kept for part in field]
    lines.append(b"To: " + address.encode())
    if message_id:
        lines.append(b"Message-ID: " + message_id.encode())
    return newline.join(lines) + separator + body


def _header_fields(lines: list[bytes]) -> list[list[bytes]]:
    """Header lines grouped into fields (a field's continuation lines start with a space)."""
    fields: list[list[bytes]] = []
    for line in lines:
        if line[:1] in (b" ", b"\t") and fields:
            fields[-1].append(line)
        else:
            fields.append([line])
    return fields


# --- an SMTP server that also records MAIL FROM ---------------------------------------------


class EnvelopeRecorder(RecordingHandler):
    """The tests' recording handler, also keeping each recipient's envelope sender."""

    def reset(self) -> None:
        super().reset()
        self.envelope_from: dict[str, str] = {}
        self.envelopes: list[tuple[str, str]] = []  # (recipient, MAIL FROM) of every message

    async def handle_DATA(self, server, session, envelope) -> str:  # type: ignore[no-untyped-def]
        with self.lock:
            for recipient in envelope.rcpt_tos:
                self.envelope_from[recipient] = envelope.mail_from
                self.envelopes.append((recipient, envelope.mail_from))
        return await super().handle_DATA(server, session, envelope)


class AnyPortController(Controller):
    def _trigger_server(self) -> None:
        self.port = self.server.sockets[0].getsockname()[1]
        super()._trigger_server()


# --- a private Dovecot ------------------------------------------------------------------------


@dataclass(frozen=True)
class Imap:
    host: str
    port: int
    user: str
    password: str


_CONFIG = """\
base_dir = {root}/run
state_dir = {root}/state
instance_name = publisher-test-{port}
log_path = {root}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
auth_failure_delay = 0
default_internal_user = {internal}
default_internal_group = {internal_group}
default_login_user = {login}
first_valid_uid = {uid}
last_valid_uid = {uid}
mail_location = maildir:{root}/home/%u/Maildir
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {root}/passwd
}}
userdb {{
  driver = static
  args = uid={uid} gid={gid} home={root}/home/%u
}}
service imap-login {{
  chroot =
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
service anvil {{
  chroot =
}}
service stats {{
  chroot =
}}
"""


@contextmanager
def running_dovecot() -> Iterator[Imap]:
    """Dovecot on 127.0.0.1 with one passwd-file user, plain login, no TLS. As a normal
    user everything runs as that user; as root (CI) its processes run as Debian's
    `dovecot` and `dovenull` users, which must be able to reach the folder."""
    if DOVECOT is None:
        pytest.skip("Dovecot is not installed (Debian: apt-get install dovecot-imapd)")
    root = Path(tempfile.mkdtemp(prefix="publisher-dovecot-"))
    try:
        port = _free_port()
        if os.geteuid() == 0:
            internal, login = pwd.getpwnam("dovecot"), pwd.getpwnam("dovenull")
        else:
            internal = login = pwd.getpwuid(os.geteuid())
        for folder in ("run", "state", "home"):
            (root / folder).mkdir()
        os.chmod(root, 0o755)
        if os.geteuid() == 0:
            os.chown(root / "home", internal.pw_uid, internal.pw_gid)
        password = "imap-test-password"
        (root / "passwd").write_text(f"bounces:{{PLAIN}}{password}\n")
        config = root / "dovecot.conf"
        config.write_text(
            _CONFIG.format(
                root=root,
                port=port,
                internal=internal.pw_name,
                internal_group=_group(internal.pw_gid),
                login=login.pw_name,
                uid=internal.pw_uid,
                gid=internal.pw_gid,
            )
        )
        with (root / "stderr.log").open("wb") as log:
            master = subprocess.Popen(  # -F: in the foreground, so we hold its process
                [DOVECOT, "-F", "-c", str(config)], stdout=log, stderr=subprocess.STDOUT
            )
        try:
            _wait_for(port, root, master)
            yield Imap("127.0.0.1", port, "bounces", password)
        finally:
            master.terminate()
            master.wait(timeout=10)
    finally:
        shutil.rmtree(root, ignore_errors=True)


def _group(gid: int) -> str:
    import grp

    return grp.getgrgid(gid).gr_name


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_for(port: int, root: Path, master: subprocess.Popen) -> None:  # type: ignore[type-arg]
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and master.poll() is None:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1) as conn:
                if conn.recv(100).startswith(b"* OK"):
                    return
        except OSError:
            time.sleep(0.05)
    logs = [root / "stderr.log", root / "dovecot.log"]
    raise RuntimeError(
        "Dovecot did not start: " + " ".join(p.read_text() for p in logs if p.exists())
    )
