"""Optional parts of the install: the servers and the browser are extras, so that a plain
`pip install publisher` builds and checks without them. A command that needs one says which
extra to install, instead of a traceback ending in ModuleNotFoundError.

    with needs("serve"):
        from flask import Flask

The imports stay ordinary statements, so type checkers and linters see them as usual.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Literal

from .errors import PublisherError

Extra = Literal["serve", "preview", "webpage"]

# What each extra is for, as the message says it.
PURPOSES: dict[Extra, str] = {
    "serve": "serving a live preview or the subscription pages",
    "preview": "previewing the email in headless Chromium",
    "webpage": "importing a saved web page",
}


def install_command(extra: Extra) -> str:
    return f"pip install 'publisher[{extra}]'"


@contextmanager
def needs(extra: Extra) -> Iterator[None]:
    """Turn a missing third-party module imported in the block into a PublisherError that
    names the extra to install. A missing module of publisher's own is a bug: it is re-raised."""
    try:
        yield
    except ModuleNotFoundError as exc:
        missing = (exc.name or "a module").split(".")[
            0
        ]  # the package: waitress, not waitress.server
        if missing == __package__:
            raise
        raise PublisherError.at(
            f"{PURPOSES[extra]} needs the {extra} extra ({missing} is not installed)",
            hint=install_command(extra),
        ) from None
