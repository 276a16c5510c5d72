"""Optional parts of the install: the servers and the browser are extras, so that a plain
`pip install newsletter-publisher` builds and checks without them. A command that needs one
says which extra to install, instead of a traceback ending in ModuleNotFoundError or
ImportError.

    with needs("serve"):
        from flask import Flask

The imports stay ordinary statements, so type checkers and linters see them as usual.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Literal

from .errors import PublisherError

Extra = Literal["serve", "preview", "webpage"]

# What each extra is for, as the message says it.
PURPOSES: dict[Extra, str] = {
    "serve": "serving a live preview or the subscription pages",
    "preview": "previewing the email in headless Chromium",
    "webpage": "importing a saved web page",
}


# The distribution's name (pyproject.toml): "publisher" on PyPI is another project, which
# `pip install 'publisher[serve]'` would install in place of this one.
DISTRIBUTION = "newsletter-publisher"


def install_command(extra: Extra) -> str:
    """The command that adds `extra` to this install. pipx keeps the tool in a venv of its own
    (named by the tool, holding pipx_metadata.json), which a plain `pip install` misses."""
    requirement = f"'{DISTRIBUTION}[{extra}]'"
    venv = Path(sys.prefix)
    if (venv / "pipx_metadata.json").is_file():
        return f"pipx runpip {venv.name} install {requirement}"
    return f"pip install {requirement}"


def _missing_module(exc: ImportError) -> str | None:
    """The top-level module whose absence made `exc`: lxml.html.clean raises a plain
    ImportError `from None` when lxml_html_clean is missing, which names it only in the
    exception it was raised during."""
    cause: BaseException | None = exc
    while cause is not None:
        if isinstance(cause, ModuleNotFoundError) and cause.name:
            return cause.name.split(".")[0]  # the package: waitress, not waitress.server
        cause = cause.__context__
    return None


@contextmanager
def needs(extra: Extra) -> Iterator[None]:
    """Turn a third-party module missing for an import in the block into a PublisherError
    that names the extra to install. A missing module of publisher's own is a bug, and an
    ImportError with no missing module behind it is not an install's: both are re-raised."""
    try:
        yield
    except ImportError as exc:
        missing = _missing_module(exc)
        if missing is None or missing == __package__:
            raise
        raise PublisherError.at(
            f"{PURPOSES[extra]} needs the {extra} extra ({missing} is not installed)",
            hint=install_command(extra),
        ) from None
