"""What a subscriber gets once their confirmation link is followed: a welcome message and,
with `[delivery] welcome_issue = true`, their copy of the issue last sent to the list.

That copy joins the issue's send in the ledger, marked `sending` before its DATA goes out
as every copy is, so no later send or resend of the issue mails them a second one, and a
crash in between leaves it `unknown`, never silently sent again. It is the issue's edition
in their language when one was built (`<slug>/<lang>/email.eml`), else the original, and
only while `publisher send` would send it: up to date, its manifest still there.
"""

from __future__ import annotations

import logging

from ..config import Config
from ..errors import PublisherError
from .audience import edition_for
from .built import BuiltEmail, built_email
from .confirm import welcome_message, why
from .copies import Template
from .dkim_signer import DkimSigner, configured_signer, signed
from .ledger import Ledger, Recipient, message_id
from .outbox import TryLater
from .smtp import Connection
from .store import Database, Location, now_iso, open_database, transaction
from .subscribers import Subscriber, get
from .tokens import Tokens, list_identity
from .verp import default_envelope_sender, envelope_sender, returns_mailbox

log = logging.getLogger(__name__)


def welcome(config: Config, database: Location, tokens: Tokens, subscriber_id: int) -> None:
    settings = config.delivery
    # Their VERP address, as every copy of an issue has: a bounce names them.
    envelope_from = envelope_sender(settings, subscriber_id, default_envelope_sender(config))
    signer = configured_signer(config)
    db = open_database(database, wait=settings.database_timeout)
    connection = Connection(settings, settings.smtp_password())
    try:
        subscriber = get(db, subscriber_id)
        if subscriber is None or subscriber.status != "active":
            return
        message = signed(signer, welcome_message(config, subscriber, tokens))
        outcome = connection.transmit(envelope_from, subscriber.address, message)
        if settings.welcome_issue:  # its ledger row keeps a second run from sending it twice
            _latest_issue(config, db, tokens, subscriber, connection, envelope_from, signer)
        if outcome.state == "deferred":
            raise TryLater(
                f"the welcome message to {subscriber.address} was not sent yet: {why(outcome)}"
            )
        if outcome.state != "sent":
            log.warning("the welcome message to %s was not sent: %s", subscriber.address, outcome)
    finally:
        connection.close()
        db.close()


def _latest_issue(
    config: Config,
    db: Database,
    tokens: Tokens,
    subscriber: Subscriber,
    connection: Connection,
    envelope_from: str,
    signer: DkimSigner | None,
) -> None:
    """Their copy of the newest issue sent, unless they had it already: by its number, as
    an older one may be sent after it (to late confirmers); the last send of it; sends made
    before the ledger kept numbers, after those it knows."""
    send = db.execute(
        "SELECT id, issue, number FROM sends WHERE finished_at IS NOT NULL"
        " ORDER BY number IS NULL, number DESC, id DESC LIMIT 1"
    ).fetchone()
    if send is None:
        return
    send_id, slug = send["id"], send["issue"]
    built = _sendable(config, slug, send["number"], subscriber.address)
    if built is None:
        return
    mailbox = returns_mailbox(config)
    template = Template.read(built.path, mailbox)
    language = subscriber.language or config.language
    edition = edition_for(language, template.language, built.editions)
    template = Template.read(built.editions[edition], mailbox) if edition else template
    if template.list_id != list_identity(config):
        log.warning(
            "no copy of %s for %s: its built email is another list's", slug, subscriber.address
        )
        return
    recipient = Recipient(
        subscriber.id, subscriber.address, message_id(slug, config.domain), 0, None, edition
    )
    with transaction(db):
        claimed = db.execute(
            "INSERT INTO deliveries (send_id, subscriber_id, address, state, message_id,"
            " updated_at, edition) VALUES (?, ?, ?, 'sending', ?, ?, ?) ON CONFLICT DO NOTHING",
            (send_id, subscriber.id, subscriber.address, recipient.message_id, now_iso(), edition),
        ).rowcount
    if not claimed:
        return  # this send reached them already
    token = tokens.unsubscribe(subscriber.id, slug)
    message = signed(signer, template.personalise(subscriber.address, recipient.message_id, token))
    outcome = connection.transmit(envelope_from, subscriber.address, message)
    if outcome.state in ("deferred", "skipped"):
        # Nothing reached them: no row, so a later send to those who lack the issue can.
        with transaction(db):
            db.execute(
                "DELETE FROM deliveries WHERE send_id = ? AND subscriber_id = ?",
                (send_id, subscriber.id),
            )
        log.warning("the copy of %s for %s was not sent: %s", slug, subscriber.address, outcome)
        return
    ledger = Ledger(db.path, db.wait)
    try:
        ledger.record(
            send_id, recipient, outcome.state, outcome.code, outcome.text, suppress=outcome.suppress
        )
    finally:
        ledger.close()


def _sendable(config: Config, slug: str, number: int | None, address: str) -> BuiltEmail | None:
    """The issue's built emails if `publisher send` would send them now, else None, logged:
    a takedown rebuilds only the web and feeds (the quickest way offline), leaving an email
    that still carries the removed article, or no manifest at all, which no newcomer must
    be mailed. Found by its number where the ledger has it (its manifest renamed since)."""
    try:
        return built_email(config, str(number) if number is not None else slug)
    except PublisherError as refused:
        log.warning("no copy of %s for %s: %s", slug, address, refused)
        return None
