"""The bounce tests' session fixtures (registered with pytest_plugins by the test module)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from bounce_support import AnyPortController, EnvelopeRecorder, Imap, running_dovecot


@pytest.fixture(scope="session")
def envelope_smtp() -> Iterator[tuple[EnvelopeRecorder, int]]:
    """An SMTP server on loopback that records each recipient's envelope sender."""
    handler = EnvelopeRecorder()
    controller = AnyPortController(handler, hostname="127.0.0.1", port=0)
    controller.start()
    yield handler, controller.port
    controller.stop()


@pytest.fixture(scope="session")
def dovecot() -> Iterator[Imap]:
    """A private Dovecot IMAP server on loopback, for the whole session."""
    with running_dovecot() as imap:
        yield imap
