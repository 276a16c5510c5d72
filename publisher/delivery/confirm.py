"""Double opt-in: a pending subscriber gets one email with a signed, expiring, single-use
link; following it (and pressing the button on the page) makes them active, and a welcome
message tells them so. Both are written in the subscriber's language when we have it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

from ..config import Config
from ..email_wire import (
    HEADER_FOLDING,
    list_id,
    list_id_encoded_again,
    set_text,
    subject_encoded_again,
)
from ..i18n import gettext, interface_language
from ..urls import unsubscribe_mailto
from .dkim_signer import configured_signer, signed
from .smtp import Connection, Outcome
from .store import Database, now_iso, transaction
from .subscribers import Subscriber, shown_address
from .tokens import Tokens, list_identity
from .verp import returns_mailbox

# Statuses a confirmation link can make active: someone who unsubscribed may come back by
# asking again and following the new link; a bounced or complaining address may not.
CONFIRMABLE = ("pending", "unsubscribed")
WELCOME = "welcome"  # the "issue" named in the welcome message's unsubscribe link


def confirm_url(config: Config, token: str) -> str:
    return f"{config.base_url}confirm/?token={token}"


def unsubscribe_url(config: Config, token: str) -> str:
    return f"{config.base_url}unsubscribe/?token={token}"


def confirmation_message(config: Config, subscriber: Subscriber, url: str) -> bytes:
    names = {"title": config.title, "address": shown_address(subscriber.address)}
    with interface_language(subscriber.language or config.language):
        subject = gettext("Please confirm your subscription to %(title)s") % names
        body = [
            gettext("Someone, hopefully you, asked for %(title)s to be sent to %(address)s.")
            % names,
            gettext("To confirm, open this link and press the button on the page:"),
            url,
            gettext(
                "The link works once, for %(hours)s hours. If you did not ask for this,"
                " ignore this message: you will not hear from us again."
            )
            % {"hours": config.delivery.confirm_link_hours},
        ]
    return _message(config, subscriber, "confirm", subject, body)


def welcome_message(config: Config, subscriber: Subscriber, tokens: Tokens) -> bytes:
    """Sent once the link is followed; it carries a working unsubscribe link (one-click too)."""
    token = tokens.unsubscribe(subscriber.id, WELCOME)
    url = unsubscribe_url(config, token)
    names = {"title": config.title, "address": shown_address(subscriber.address)}
    with interface_language(subscriber.language or config.language):
        subject = gettext("Welcome to %(title)s") % names
        body = [
            gettext("You are subscribed: %(title)s will come to %(address)s.") % names,
            gettext("To stop receiving it, open this link:"),
            url,
        ]
    headers = {
        "List-Id": list_id(config.title, list_identity(config)),
        "List-Unsubscribe": f"<{url}>, <{unsubscribe_mailto(returns_mailbox(config), token)}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }
    return _message(config, subscriber, "welcome", subject, body, headers)


def _message(
    config: Config,
    subscriber: Subscriber,
    kind: str,
    subject: str,
    paragraphs: list[str],
    headers: dict[str, str] | None = None,
) -> bytes:
    message = EmailMessage(policy=policy.SMTP)
    message["Subject"] = subject
    message["From"] = config.email_from
    if config.email_reply_to:
        message["Reply-To"] = config.email_reply_to
    message["To"] = Address(addr_spec=subscriber.address)
    message["Date"] = format_datetime(dt.datetime.now(dt.UTC))
    message["Message-ID"] = make_msgid(kind, config.domain)
    message["Auto-Submitted"] = "auto-generated"
    for name, value in (headers or {}).items():
        message[name] = value
    signature = "\n".join(line for line in (config.organisation, config.contact) if line)
    message["MIME-Version"] = "1.0"
    set_text(message, "\n\n".join([*paragraphs, signature]) + "\n")
    # Folded as the headers are: on one line of up to 998 octets, an Arabic subject
    # was one encoded word of 122 characters, which strict readers showed raw.
    raw = subject_encoded_again(message.as_bytes(policy=HEADER_FOLDING), subject)
    return list_id_encoded_again(raw, config.title, list_identity(config))


def send_confirmations(
    config: Config, db: Database, pending: list[Subscriber], tokens: Tokens
) -> list[tuple[str, str]]:
    """Send each pending subscriber their link; returns (address, why) for those that failed,
    who stay pending and get a new link when added or imported again."""
    return [
        (subscriber.address, why(outcome))
        for subscriber, outcome in confirmation_outcomes(config, db, pending, tokens)
        if outcome.state != "sent"
    ]


def confirmation_outcomes(
    config: Config, db: Database, pending: list[Subscriber], tokens: Tokens
) -> Iterator[tuple[Subscriber, Outcome]]:
    """Each pending subscriber's link sent, and what the server said: the subscribe form
    tries a `deferred` one again later, as the visitor was told it is on its way."""
    settings = config.delivery
    signer = configured_signer(config)
    connection = Connection(settings, settings.smtp_password())
    envelope_from = settings.envelope_from or config.email_from.addr_spec
    try:
        for subscriber in pending:
            url = confirm_url(config, tokens.confirm(subscriber.id))
            # Unsigned, it would be refused under DMARC p=reject: nobody could sign up.
            message = signed(signer, confirmation_message(config, subscriber, url))
            outcome = connection.transmit(envelope_from, subscriber.address, message)
            if outcome.state == "sent":
                with transaction(db):
                    db.execute(
                        "UPDATE subscribers SET confirmation_sent_at = ? WHERE id = ?",
                        (now_iso(), subscriber.id),
                    )
            yield subscriber, outcome
    finally:
        connection.close()


def why(outcome: Outcome) -> str:
    """The server's reply, or what kept us from one."""
    return f"{outcome.code or ''} {outcome.text}".strip()
