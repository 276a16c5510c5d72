"""The subscription endpoint: confirm a subscription, unsubscribe, and RFC 8058 one-click.

Only POST changes anything: mail scanners and link previewers fetch every URL in a
message, so a GET shows a page with a button. The signed token in the URL is the only
credential; no cookies are set or read, which is what one-click POSTs from mail
providers need. Unsubscribing is idempotent; a confirmation link works once.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from flask import Flask, Response, redirect, render_template, request
from werkzeug.routing import RequestRedirect

from ..config import Config, load_config
from .settings import parse_listen
from .store import open_database, transaction
from .subscribers import SUPPRESSED, Subscriber, get, set_status
from .tokens import ConfirmClaim, InvalidToken, Tokens, UnsubscribeClaim

Claim = UnsubscribeClaim | ConfirmClaim
Handler = Callable[[sqlite3.Connection, Subscriber, Any], Response]

ONE_CLICK = ("List-Unsubscribe", "One-Click")  # RFC 8058's form field and value


def create_app(root: Path) -> Flask:
    """The WSGI app for the workspace at `root` (its publisher.toml and subscriber list)."""
    config = load_config(root)
    tokens = Tokens.for_list(config)
    database = config.delivery.database_path(root)
    wait = config.delivery.database_timeout
    open_database(database, wait=wait).close()  # create it now, so a bad path fails at start-up
    app = Flask(__name__, template_folder="pages")
    app.config["MAX_CONTENT_LENGTH"] = 16 * 1024  # the forms here are a few bytes

    def page(status: int, heading: str, text: str, button: str = "", **form: str) -> Response:
        field_name, field_value = ONE_CLICK if button else ("", "")
        html = render_template(
            "page.html",
            newsletter=config.title,
            contact=config.contact,
            heading=heading,
            text=text,
            button=button,
            field_name=form.get("field_name", field_name),
            field_value=form.get("field_value", field_value),
        )
        return Response(html, status, content_type="text/html; charset=utf-8")

    def with_subscriber(read: Callable[[str], Claim], handle: Handler) -> Response:
        """Check the token (4xx if it is forged or expired), find its subscriber, handle."""
        token = request.args.get("token", "")
        try:
            claim = read(token)
        except InvalidToken as exc:
            if exc.expired:
                why = "This link has expired"
            else:  # forged, altered, or made by another list that shares the secret key
                why = f"This link was not made for {config.title}, or it was changed on the way"
            return page(
                410 if exc.expired else 400,
                "This link has expired" if exc.expired else "This link is not valid",
                f"{why}. Use the link in a recent issue, or write to us.",
            )
        db = open_database(database, wait=wait)
        try:
            subscriber = get(db, claim.subscriber_id)
            if subscriber is None:
                return page(404, "Not on our list", "This address is not on our list.")
            return handle(db, subscriber, claim)
        finally:
            db.close()

    @app.before_request
    def redirect_within_base_url() -> Response | None:
        """Werkzeug's own redirects (a missing or doubled slash) are built from the request's
        Host, which anyone can set: send them to the same path under base_url instead."""
        routing = request.routing_exception
        if not isinstance(routing, RequestRedirect):
            return None
        target = urlsplit(routing.new_url)
        path = target.path.removeprefix(request.script_root).lstrip("/")
        query = f"?{target.query}" if target.query else ""
        return redirect(f"{config.base_url}{path}{query}", routing.code)

    @app.get("/unsubscribe/")
    def unsubscribe_page() -> Response:
        def show(db: sqlite3.Connection, subscriber: Subscriber, claim: Claim) -> Response:
            if subscriber.status in SUPPRESSED:
                return page(
                    200, "You are unsubscribed", f"{subscriber.address} gets no more mail from us."
                )
            return page(
                200,
                "Unsubscribe?",
                f"Stop sending {config.title} to {subscriber.address}.",
                button="Unsubscribe",
            )

        return with_subscriber(tokens.read_unsubscribe, show)

    @app.post("/unsubscribe/")
    def unsubscribe() -> Response:
        if request.form.get(ONE_CLICK[0]) != ONE_CLICK[1]:
            return page(400, "Nothing changed", "This request did not ask to unsubscribe.")

        def apply(
            db: sqlite3.Connection, subscriber: Subscriber, claim: UnsubscribeClaim
        ) -> Response:
            with transaction(db):
                current = get(db, subscriber.id)
                if current and current.status not in SUPPRESSED:
                    set_status(
                        db, subscriber.id, "unsubscribed", f"unsubscribe link in {claim.issue}"
                    )
            return page(
                200, "You are unsubscribed", f"{subscriber.address} gets no more mail from us."
            )

        return with_subscriber(tokens.read_unsubscribe, apply)

    @app.get("/confirm/")
    def confirm_page() -> Response:
        def show(db: sqlite3.Connection, subscriber: Subscriber, claim: Claim) -> Response:
            if subscriber.status != "pending":
                return page(200, "Nothing to confirm", _status_text(subscriber))
            return page(
                200,
                "Confirm your subscription",
                f"Send {config.title} to {subscriber.address}.",
                button="Confirm",
                field_name="confirm",
                field_value="yes",
            )

        return with_subscriber(tokens.read_confirm, show)

    @app.post("/confirm/")
    def confirm() -> Response:
        if request.form.get("confirm") != "yes":
            return page(400, "Nothing changed", "This request did not ask to confirm.")

        def apply(db: sqlite3.Connection, subscriber: Subscriber, claim: ConfirmClaim) -> Response:
            with transaction(db):
                used = db.execute(
                    "INSERT OR IGNORE INTO used_tokens (digest, used_at) VALUES (?, datetime('now'))",
                    (claim.digest,),
                ).rowcount
                current = get(db, subscriber.id)
                if not used:
                    return page(410, "This link has been used", _status_text(current or subscriber))
                if current and current.status == "pending":
                    set_status(db, subscriber.id, "active", "confirmed by link")
                    return page(
                        200, "Subscribed", f"{config.title} will come to {subscriber.address}."
                    )
            return page(409, "Nothing to confirm", _status_text(current or subscriber))

        return with_subscriber(tokens.read_confirm, apply)

    @app.after_request
    def harden(response: Response) -> Response:
        # The token in the URL must not leak through Referer or caches.
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["Cache-Control"] = "no-store"
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Content-Security-Policy"] = (
            "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'"
        )
        return response

    return app


def _status_text(subscriber: Subscriber) -> str:
    if subscriber.status == "active":
        return f"{subscriber.address} is subscribed."
    if subscriber.status == "pending":
        return f"{subscriber.address} has not confirmed yet."
    return f"{subscriber.address} is {subscriber.status} and gets no mail from us."


def serve(root: Path, listen: str | None = None) -> None:
    """Serve the app with waitress until interrupted."""
    from waitress import serve as waitress_serve

    config: Config = load_config(root)
    app = create_app(root)
    host, port = parse_listen(listen or config.delivery.listen)
    logging.getLogger(__name__).info(
        "serving on http://%s:%d/; have the web server pass %sunsubscribe/ and %sconfirm/ here",
        host,
        port,
        config.base_url,
        config.base_url,
    )
    waitress_serve(app, host=host, port=port, threads=4, ident="publisher")
