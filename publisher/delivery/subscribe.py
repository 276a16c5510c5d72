"""Self-service subscription: GET /subscribe/ shows the form, POST /subscribe/ asks for a
confirmation link (double opt-in, always).

The answer never says whether the address was on the list: every well-formed request
gets the same page at once, and the list is looked at later, on the outbox's thread.
Abuse is bounded by flask-limiter (per address and per client IP or IPv6 /64, counted in
this process's memory: one serve-subscriptions process, and the counts restart with it), a
honeypot field, and a check that the form was posted from the newsletter's own site.
Nobody is subscribed without following the emailed link, whatever is posted.
"""

from __future__ import annotations

import ipaddress
from functools import partial
from urllib.parse import urlsplit

from ..config import Config
from ..extras import needs
from .outbox import Outbox
from .page import HONEYPOT, N_, Pages, checked_language
from .signup import Request, request_subscription
from .store import Location
from .subscribers import normalise_address, shown_address
from .tokens import Tokens

with needs("serve"):
    from flask import Flask, Response, request
    from flask_limiter import Limiter

# A person subscribes once; a shared office or school address may see a few people do so.
PER_CLIENT = "5 per minute;30 per hour"
PER_ADDRESS = "3 per hour;5 per day"  # confirmation links one address can be sent


def add_subscribe_routes(
    app: Flask, config: Config, pages: Pages, outbox: Outbox, tokens: Tokens, database: Location
) -> None:
    limiter = Limiter(_client_key, app=app, storage_uri="memory://", headers_enabled=True)
    site = _origin(config.base_url)

    def form_page(
        status: int, language: str, heading: str, text: str, refused: str | None = None
    ) -> Response:
        values = {"address": refused or ""}
        return pages(
            status,
            heading,
            text,
            language=language,
            values=values,
            form="subscribe",
            refused=refused,
        )

    @app.get("/subscribe/")
    def subscribe_form() -> Response:
        return form_page(
            200,
            pages.language(request.args.get("lang", "")),
            N_("Subscribe to %(title)s"),
            N_("Each issue by email. We will send you a link to confirm your address first."),
        )

    @app.post("/subscribe/")
    @limiter.limit(PER_CLIENT)
    @limiter.limit(PER_ADDRESS, key_func=_address_key)
    def subscribe() -> Response:
        language = pages.language(request.form.get("language", ""))
        origin = _sent_from(request.headers.get("Origin"), request.headers.get("Referer"))
        if origin is not None and origin.lower() != site:
            return pages(
                403,
                N_("Nothing changed"),
                N_(
                    "This form was sent from another website. To subscribe, use the form at %(url)s"
                ),
                language=language,
                values={"url": f"{config.base_url}subscribe/"},
            )
        typed = request.form.get("email", "").strip()
        try:
            address = normalise_address(typed)
        except ValueError:
            return form_page(
                400,
                language,
                N_("Check the address"),
                N_("“%(address)s” is not an email address we can write to."),
                refused=typed[:254],
            )
        if not request.form.get(HONEYPOT):
            asked = Request(
                address, checked_language(language), f"subscribe form, from {request.remote_addr}"
            )
            work = partial(request_subscription, config, database, tokens, asked)
            outbox.submit(work, f"subscription request for {address}")
        return pages(
            200,
            N_("Check your inbox"),
            N_(
                "Unless %(address)s is subscribed already, a message with a link is on its"
                " way to it. Follow the link to confirm; until then, we send nothing else."
            ),
            language=language,
            values={"address": shown_address(address)},
        )

    @app.errorhandler(429)
    def too_many(_error: Exception) -> Response:
        return pages(
            429,
            N_("Too many requests"),
            N_(
                "Too many subscription requests came from here or for this address. Try again later."
            ),
            language=pages.language(request.form.get("language", "")),
        )


def _client_key() -> str:
    """Whom PER_CLIENT counts: an IPv4 address, or an IPv6 address's /64, the least a home,
    an office or a server is given (RFC 6177): one machine can use any of its 2^64 addresses."""
    remote = request.remote_addr or ""
    try:
        client = ipaddress.ip_address(remote)
    except ValueError:
        return remote
    if isinstance(client, ipaddress.IPv6Address) and client.ipv4_mapped is None:
        return str(ipaddress.IPv6Network((client, 64), strict=False))
    return remote


def _address_key() -> str:
    typed = request.form.get("email", "").strip()
    try:
        return normalise_address(typed).lower()
    except ValueError:
        return typed.lower()


def _sent_from(origin: str | None, referer: str | None) -> str | None:
    """The site a form was sent from: its Origin, else its Referer's (a browser that leaves
    Origin out may send the page's address); None when the request names neither (a
    script or an old browser: the rate limits still hold)."""
    if origin is not None or not referer:
        return origin
    try:
        return _origin(referer)
    except (KeyError, ValueError):  # not an http(s) address: from no page of ours
        return "null"


def _origin(url: str) -> str:
    """What a browser sends as Origin for a page at `url`: scheme://host[:port], lower case."""
    parts = urlsplit(url)
    default = {"http": 80, "https": 443}[parts.scheme]
    port = f":{parts.port}" if parts.port and parts.port != default else ""
    host = f"[{parts.hostname}]" if ":" in (parts.hostname or "") else parts.hostname
    return f"{parts.scheme}://{host}{port}".lower()
