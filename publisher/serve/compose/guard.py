"""The composer's two rules for requests that change files: they carry this server's CSRF
token, and they write only inside the workspace.

The preview server already answers only requests addressed to this machine by name (DNS
rebinding); the token stops a page on another site from posting forms to 127.0.0.1 through
the editor's browser, which would otherwise carry no proof of where it came from.
"""

from __future__ import annotations

import hmac
import os
import secrets
from pathlib import Path, PurePosixPath

CSRF_FIELD = "csrf"  # the form field
CSRF_HEADER = "X-CSRF-Token"  # what the composer's script sends instead


class Refused(Exception):
    """A request the composer will not carry out; the message says why (shown as is)."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def workspace_token(workspace: Path) -> str:
    """The workspace's token, kept in .publisher/ (readable by its owner alone) so that a
    composer tab left open across a restart of `publisher serve` can still save what was
    typed in it; a page on another site can read neither the file nor our pages. A token
    that cannot be kept is made for this server alone, as before."""
    path = workspace / ".publisher" / "compose-token"
    try:
        kept = path.read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        kept = ""
    if len(kept) >= 32:
        return kept
    token = secrets.token_urlsafe(32)
    try:
        path.parent.mkdir(exist_ok=True)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.fchmod(descriptor, 0o600)  # a file someone else made is ours alone again
        with os.fdopen(descriptor, "w", encoding="ascii") as file:
            file.write(token)
    except OSError:
        pass
    return token


def check_token(expected: str, given: str | None) -> None:
    if not given or not hmac.compare_digest(expected.encode(), given.encode()):
        raise Refused(
            403, "this form is out of date or came from another site: reload the page and retry"
        )


def inside(folder: Path, name: str) -> Path:
    """`folder/name`, refused when `name` is absolute, climbs out with '..', or is (or
    passes through) a link to somewhere outside `folder`."""
    relative = PurePosixPath(name.replace("\\", "/"))
    if not name or relative.is_absolute() or ".." in relative.parts or "\0" in name:
        raise Refused(400, f"{name!r} is not a name inside {folder.name}/")
    target = folder / relative
    try:
        resolved = target.resolve()
    except (OSError, RuntimeError):  # a link loop
        raise Refused(400, f"{name!r} cannot be followed") from None
    if not resolved.is_relative_to(folder.resolve()):
        raise Refused(400, f"{name!r} leads outside {folder.name}/")
    return target
