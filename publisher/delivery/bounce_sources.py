"""Where returned mail is read from: a Maildir, an mbox file, or a folder on an IMAP server.

Every source is only read: what has been processed is remembered in the subscriber
database by Message-ID, so a message read twice is never counted twice, and a crash
between reading and recording loses nothing. On IMAP, messages already remembered are
recognised from their headers and not downloaded again; the rest are marked \\Seen.
"""

from __future__ import annotations

import email
import mailbox
import ssl
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from email.message import Message
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import PublisherError
from .settings import DeliverySettings

if TYPE_CHECKING:
    from imap_tools.mailbox import BaseMailBox

IMAP = "imap"  # SOURCE for the folder [delivery] imap_folder; "imap:FOLDER" for another


@dataclass(frozen=True)
class Returned:
    """One message as read from the source."""

    message: Message
    raw: bytes
    where: str  # for the editor: the file or the IMAP folder and UID


Known = Callable[[str], bool]  # is this Message-ID processed already?


def describe(source: str) -> str:
    return source if is_imap(source) else str(Path(source))


def is_imap(source: str) -> bool:
    return source == IMAP or source.startswith(IMAP + ":")


def read_source(source: str, settings: DeliverySettings, known: Known) -> Iterator[Returned]:
    """Every message of the source; on IMAP, only those `known` does not recognise."""
    if is_imap(source):
        folder = source.partition(":")[2] or settings.imap_folder
        return _imap(settings, folder, known)
    path = Path(source)
    if path.is_dir():
        if not (path / "cur").is_dir() or not (path / "new").is_dir():
            raise PublisherError.at(
                "this folder is not a Maildir (it has no cur/ and new/ folders)",
                path,
                hint="give the Maildir of the bounce address, an mbox file, or 'imap'",
            )
        return _local(mailbox.Maildir(path, factory=None, create=False), path)
    if path.is_file():
        _check_mbox(path)
        return _local(mailbox.mbox(path, factory=None, create=False), path)
    raise PublisherError.at(
        "no such Maildir or mbox file",
        path,
        hint="give the Maildir folder or mbox file the bounce address's mail is delivered to,"
        " or 'imap' to read [delivery] imap_folder on imap_host",
    )


def _check_mbox(path: Path) -> None:
    try:
        with path.open("rb") as handle:
            first = handle.readline()
    except OSError as exc:
        raise PublisherError.at(f"cannot read the file: {exc.strerror}", path) from None
    if first and not first.startswith(b"From "):
        raise PublisherError.at(
            "not an mbox file: its first line does not start with 'From '",
            path,
            1,
            hint="give a Maildir folder, an mbox file, or 'imap'",
        )


def _local(box: mailbox.Mailbox, path: Path) -> Iterator[Returned]:
    try:
        for key in box.iterkeys():
            try:
                raw = box.get_bytes(key)
            except (KeyError, FileNotFoundError):  # taken away by a mail client meanwhile
                continue
            yield Returned(email.message_from_bytes(raw), raw, f"{path} ({key})")
    except OSError as exc:
        raise PublisherError.at(f"cannot read the mailbox: {exc}", path) from None
    finally:
        box.close()


def _imap(settings: DeliverySettings, folder: str, known: Known) -> Iterator[Returned]:
    from imap_tools import AND

    with _imap_folder(settings, folder) as box:
        where = f"{settings.imap_host}:{settings.imap_port_or_default}/{folder}"
        heads = box.fetch(AND(all=True), mark_seen=False, headers_only=True, bulk=500)
        new = [m.uid for m in heads if m.uid and not _known(m.obj, known)]
        for start in range(0, len(new), 100):
            for message in box.fetch(uid_list=new[start : start + 100], mark_seen=True, bulk=True):
                raw = message.obj.as_bytes()
                yield Returned(message.obj, raw, f"{where} (UID {message.uid})")


def _known(headers: Message, known: Known) -> bool:
    message_id = " ".join(str(headers.get("Message-ID", "")).split())
    return bool(message_id) and known(message_id)


@contextmanager
def _imap_folder(settings: DeliverySettings, folder: str) -> Iterator[BaseMailBox]:
    """A logged-in connection on `folder`; every failure a PublisherError naming the server."""
    from imap_tools import MailBox, MailBoxStartTls, MailBoxUnencrypted
    from imap_tools.errors import ImapToolsError, MailboxFolderSelectError, MailboxLoginError

    host, port = settings.imap_host, settings.imap_port_or_default
    if not host:
        raise PublisherError.at(
            "no IMAP server is configured",
            hint='set [delivery] imap_host (and imap_username) in publisher.toml, e.g. imap_host = "mail.example.org"',
        )
    if not settings.imap_username:
        raise PublisherError.at(
            "no IMAP user is configured", hint="set [delivery] imap_username in publisher.toml"
        )
    password = settings.imap_password()
    server = f"the IMAP server {host}:{port}"
    box: BaseMailBox | None = None
    try:
        if settings.imap_security == "ssl":
            box = MailBox(host, port, timeout=settings.timeout, ssl_context=_tls())
        elif settings.imap_security == "starttls":
            box = MailBoxStartTls(host, port, timeout=settings.timeout, ssl_context=_tls())
        else:
            box = MailBoxUnencrypted(host, port, timeout=settings.timeout)
        box.login(settings.imap_username, password, initial_folder=None)
        box.folder.set(folder)
        yield box
    except MailboxLoginError as exc:
        raise PublisherError.at(
            f"{server} refused our login as {settings.imap_username}: {_reply(exc)}",
            hint=f"check [delivery] imap_username and ${settings.imap_password_env}",
        ) from None
    except MailboxFolderSelectError as exc:
        raise PublisherError.at(
            f"{server} has no folder {folder!r} for {settings.imap_username}: {_reply(exc)}",
            hint="check [delivery] imap_folder, or name the folder: 'publisher bounces imap:FOLDER'",
        ) from None
    except (TimeoutError, ImapToolsError, OSError, ssl.SSLError) as exc:
        raise PublisherError.at(
            f"cannot read mail from {server}: {type(exc).__name__}: {exc}",
            hint="check [delivery] imap_host, imap_port and imap_security",
        ) from None
    except Exception as exc:  # imaplib's own errors (abort, error) are not OSErrors
        if type(exc).__module__ != "imaplib":
            raise
        raise PublisherError.at(
            f"cannot read mail from {server}: {exc}",
            hint="check [delivery] imap_host, imap_port and imap_security",
        ) from None
    finally:
        if box is not None:
            with suppress(Exception):  # the connection may be gone already: nothing to tell
                box.logout()


def _tls() -> ssl.SSLContext:
    return ssl.create_default_context()


def _reply(exc: Exception) -> str:
    data = getattr(exc, "command_result", (None, [b""]))[1]
    parts = data if isinstance(data, list) else [data]
    return " ".join(p.decode("utf-8", "replace") if isinstance(p, bytes) else str(p) for p in parts)
