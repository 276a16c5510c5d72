"""What one request from the subscribe form does to the list, run on the outbox's thread.

New addresses become `pending` and get a confirmation link; a pending one gets a fresh
link (the first may be lost); someone who unsubscribed gets a link that brings them back
once followed. Active, bounced and complaining addresses get nothing. The visitor was
told the same thing in every case before any of this ran, so a link the mail server did
not take for now (greylisting, a 4xx, the server down) is tried again by the outbox
within the retry window, not dropped.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from ..config import Config
from .confirm import CONFIRMABLE, confirmation_outcomes, why
from .outbox import TryLater
from .store import Database, Location, open_database, reporting_errors
from .subscribers import Subscriber, add, check, find
from .tokens import Tokens

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Request:
    address: str  # normalised already
    language: str  # a checked language tag, or ''
    source: str  # how they asked: kept as the subscriber's consent source


def request_subscription(
    config: Config, database: Location, tokens: Tokens, request: Request
) -> Subscriber | None:
    """Returns the subscriber who was sent a link, or None when nobody was."""
    db = open_database(database, wait=config.delivery.database_timeout)
    try:
        with reporting_errors(database):  # a busy list: the outbox tries again, nothing sent yet
            subscriber = _to_confirm(db, request)
        if subscriber is None:
            return None
        [(_, outcome)] = confirmation_outcomes(config, db, [subscriber], tokens)
        if outcome.state == "deferred":
            raise TryLater(
                f"the confirmation link for {request.address} was not sent yet: {why(outcome)}"
            )
        if outcome.state != "sent":
            log.warning(
                "the confirmation link for %s was not sent: %s", request.address, why(outcome)
            )
            return None
        return subscriber
    finally:
        db.close()


def _to_confirm(db: Database, request: Request) -> Subscriber | None:
    new = check(
        request.address, language=request.language, status="pending", consent_source=request.source
    )
    subscriber: Subscriber | None
    try:
        subscriber, _outcome = add(db, new)
    except ValueError:  # suppressed: only an unsubscribed address may come back
        subscriber = find(db, new.address)
    if subscriber is None or subscriber.status not in CONFIRMABLE:
        return None
    return subscriber
