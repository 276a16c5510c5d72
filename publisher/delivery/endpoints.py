"""The subscription endpoint: confirm a subscription, unsubscribe, RFC 8058 one-click, and
(with `[delivery] subscribe_form = true`) self-service subscription at /subscribe/.

Only POST changes anything: mail scanners and link previewers fetch every URL in a
message, so a GET shows a page with a button. The signed token in the URL is the only
credential; no cookies are set or read, which is what one-click POSTs from mail
providers need. Unsubscribing is idempotent; a confirmation link works once. Pages speak
the subscriber's language, else the visitor's (see page.py).
"""

from __future__ import annotations

import errno
import ipaddress
import logging
import select
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any
from urllib.parse import unquote_to_bytes, urlsplit

from ..config import Config, load_config
from ..errors import PublisherError
from ..extras import needs
from ..stopping import interruption, signals_noted
from .built import named_now, shown
from .confirm import CONFIRMABLE
from .outbox import Outbox
from .page import N_, Pages, install_translations
from .settings import parse_listen
from .store import (
    Database,
    DatabaseBusy,
    now_iso,
    open_database,
    reporting_errors,
    transaction,
)
from .subscribers import SUPPRESSED, Subscriber, get, set_status, shown_address
from .tokens import NOBODY, ConfirmClaim, InvalidToken, Tokens, UnsubscribeClaim
from .welcome import welcome

with needs("serve"):
    from flask import Flask, Response, redirect, request
    from waitress.channel import HTTPChannel
    from werkzeug.exceptions import HTTPException, InternalServerError
    from werkzeug.middleware.dispatcher import DispatcherMiddleware
    from werkzeug.routing import RequestRedirect
    from werkzeug.wrappers import Response as BaseResponse  # what redirect() returns

Claim = UnsubscribeClaim | ConfirmClaim
Handler = Callable[[Database, Subscriber, Any], Response]

ONE_CLICK = ("List-Unsubscribe", "One-Click")  # RFC 8058's form field and value
OUTBOX = "publisher.outbox"  # app.extensions key: tests wait for the outbox through it
COME_BACK = 60  # seconds: Retry-After when the list was busy (a send or an import writing)

log = logging.getLogger(__name__)


def was_used(db: Database, digest: str) -> bool:
    """Whether the confirmation link of this digest has been followed (confirmed or not)."""
    return (
        db.execute("SELECT 1 FROM used_tokens WHERE digest = ?", (digest,)).fetchone() is not None
    )


def create_app(root: Path) -> Flask:
    """The WSGI app for the workspace at `root` (its publisher.toml and subscriber list)."""
    config = load_config(root, list_only=True)
    config.delivery.secret_key()  # a missing key fails first
    database = config.delivery.database_path(root)
    wait = config.delivery.database_timeout
    db = open_database(database, wait=wait)  # created now, so a bad path fails at start-up
    try:
        tokens = Tokens.for_list(config, db)
    finally:
        db.close()
    app = Flask(__name__, template_folder="pages")
    also_under_base_path(app, config.base_url)
    app.config["MAX_CONTENT_LENGTH"] = 16 * 1024  # the forms here are a few bytes
    install_translations(app)
    page = Pages(config)
    outbox = Outbox(config.delivery.retry_delay, config.delivery.retry_window)
    app.extensions[OUTBOX] = outbox
    if config.delivery.subscribe_form:
        from .subscribe import add_subscribe_routes

        config.delivery.smtp_password()  # a missing password fails at start-up, not per request
        add_subscribe_routes(app, config, page, outbox, tokens, database)

    def with_subscriber(
        read: Callable[[str], Claim],
        handle: Handler,
        expired: Callable[[], Response] | None = None,
    ) -> Response:
        """Check the token (4xx if it is forged or expired: `expired`'s page, if given),
        find its subscriber, handle."""
        token = request.args.get("token", "")
        try:
            claim = read(token)
        except InvalidToken as exc:
            if exc.expired and expired is not None:
                return expired()
            if exc.expired:
                return page(
                    410,
                    N_("This link has expired"),
                    N_("Use the link in a recent issue, or write to us."),
                )
            # forged, altered, or made by another list that shares the secret key
            return page(
                400,
                N_("This link is not valid"),
                N_(
                    "This link was not made for %(title)s, or it was changed on the way."
                    " Use the link in a recent issue, or write to us."
                ),
            )
        if claim.subscriber_id == NOBODY:  # `send --to`'s: the link of a test copy
            return page(
                200,
                N_("This was a test copy"),
                N_(
                    "Its unsubscribe link is nobody's, so nothing changed. The copies"
                    " subscribers get have their own."
                ),
            )
        with reporting_errors(database):
            db = open_database(database, wait=wait)
            try:
                subscriber = get(db, claim.subscriber_id)
                if subscriber is None:
                    return page(404, N_("Not on our list"), N_("This address is not on our list."))
                return handle(db, subscriber, claim)
            finally:
                db.close()

    def expired_confirmation() -> Response:
        """An expired confirmation link: the way to a new one (no issue holds one), the
        subscribe form when the list has one."""
        if config.delivery.subscribe_form:
            again = N_("Subscribe again at %(url)s and we will send you a new link.")
            values = {"url": f"{config.base_url}subscribe/"}
            return page(410, N_("This link has expired"), again, values=values)
        again = N_("Write to us and we will send you a new link.")
        return page(410, N_("This link has expired"), again)

    def answer(
        subscriber: Subscriber, status: int, heading: str, text: str, **options: Any
    ) -> Response:
        """A page about `subscriber`, in their language when the list knows it."""
        return page(
            status,
            heading,
            text,
            language=page.language(subscriber.language),
            values={"address": shown_address(subscriber.address)},
            **options,
        )

    def status_page(subscriber: Subscriber, status: int, heading: str) -> Response:
        return answer(subscriber, status, heading, _status_text(subscriber))

    unnamed: list[str] = []  # the proxy whose requests name no visitor, once said

    @app.before_request
    def say_when_no_visitor_is_named() -> None:
        """A web server that sends no X-Forwarded-For makes every visitor the same client,
        with one limit of subscription requests for the whole site: said once."""
        proxy = request.remote_addr or ""
        trusted = proxy == config.delivery.trusted_proxy or _loopback(proxy)
        if trusted and "X-Forwarded-For" not in request.headers and not unnamed:
            unnamed.append(proxy)
            log.warning(
                "requests from %s name no visitor in X-Forwarded-For, so all share one limit"
                " of subscription requests: have the web server send it (nginx:"
                " proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;)",
                proxy,
            )

    @app.before_request
    def redirect_within_base_url() -> BaseResponse | None:
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
        def show(db: Database, subscriber: Subscriber, claim: Claim) -> Response:
            if subscriber.status in SUPPRESSED:
                return status_page(subscriber, 200, N_("You are unsubscribed"))
            return answer(
                subscriber,
                200,
                N_("Unsubscribe?"),
                N_("Stop sending %(title)s to %(address)s."),
                button=N_("Unsubscribe"),
                field=ONE_CLICK,
            )

        return with_subscriber(tokens.read_unsubscribe, show)

    @app.post("/unsubscribe/")
    def unsubscribe() -> Response:
        if request.form.get(ONE_CLICK[0]) != ONE_CLICK[1]:
            return page(400, N_("Nothing changed"), N_("This request did not ask to unsubscribe."))

        def apply(db: Database, subscriber: Subscriber, claim: UnsubscribeClaim) -> Response:
            with transaction(db):
                current = get(db, subscriber.id)
                if current and current.status not in SUPPRESSED:
                    issue = shown(named_now(config, claim.issue), claim.issue)
                    set_status(db, subscriber.id, "unsubscribed", f"unsubscribe link in {issue}")
            return answer(
                subscriber,
                200,
                N_("You are unsubscribed"),
                N_("%(address)s gets no more mail from us."),
            )

        return with_subscriber(tokens.read_unsubscribe, apply)

    @app.get("/confirm/")
    def confirm_page() -> Response:
        def show(db: Database, subscriber: Subscriber, claim: ConfirmClaim) -> Response:
            if subscriber.status not in CONFIRMABLE:
                return status_page(subscriber, 200, N_("Nothing to confirm"))
            if claim.predates(subscriber.updated_at) or was_used(db, claim.digest):
                return status_page(subscriber, 410, N_("This link has been used"))
            return answer(
                subscriber,
                200,
                N_("Confirm your subscription"),
                N_("Send %(title)s to %(address)s."),
                button=N_("Confirm"),
                field=("confirm", "yes"),
            )

        return with_subscriber(tokens.read_confirm, show, expired_confirmation)

    @app.post("/confirm/")
    def confirm() -> Response:
        if request.form.get("confirm") != "yes":
            return page(400, N_("Nothing changed"), N_("This request did not ask to confirm."))

        def apply(db: Database, subscriber: Subscriber, claim: ConfirmClaim) -> Response:
            with transaction(db):
                used = db.execute(
                    "INSERT INTO used_tokens (digest, used_at) VALUES (?, ?)"
                    " ON CONFLICT DO NOTHING",
                    (claim.digest, now_iso()),
                ).rowcount
                current = get(db, subscriber.id) or subscriber
                if not used:
                    return status_page(current, 410, N_("This link has been used"))
                if current.status not in CONFIRMABLE:
                    return status_page(current, 409, N_("Nothing to confirm"))
                if claim.predates(current.updated_at):  # sent for a request since answered
                    return status_page(current, 410, N_("This link has been used"))
                came_back = current.status == "unsubscribed"
                source = "subscribed again: confirmed by link" if came_back else "confirmed by link"
                set_status(db, subscriber.id, "active", source)
            response = answer(
                subscriber, 200, N_("Subscribed"), N_("%(title)s will come to %(address)s.")
            )
            # On the outbox's thread: a slow mail server does not hold up the answer, and
            # stopping the server waits for the welcome rather than cutting it off.
            job = partial(welcome, config, database, tokens, subscriber.id)
            outbox.submit(job, f"welcome message to {subscriber.address}")
            return response

        return with_subscriber(tokens.read_confirm, apply, expired_confirmation)

    @app.errorhandler(HTTPException)
    def refused(exc: HTTPException) -> Response:
        """Werkzeug's own answers (a wrong path, method or size; a bug's 500) on the
        newsletter's page, in the visitor's language, with their headers (405's Allow)."""
        code = exc.code or 500
        if code == 404:
            heading, text = (
                N_("Page not found"),
                N_("Use the link in a recent issue, or write to us."),
            )
        elif code >= 500:
            heading, text = N_("Something went wrong"), N_("Try again later, or write to us.")
        else:
            heading, text = N_("Nothing changed"), N_("This request is not one these pages answer.")
        response = page(code, heading, text)
        for name, value in exc.get_headers():
            if name.lower() != "content-type":
                response.headers[name] = value
        return response

    @app.errorhandler(PublisherError)
    def failed(exc: PublisherError) -> Response:
        """A problem with the list that an editor must fix (a damaged file, a database that
        cannot be reached), logged as such, not as publisher's bug."""
        log.error("%s %s from %s: 500: %s", request.method, _path(), request.remote_addr, exc)
        return refused(InternalServerError())

    @app.errorhandler(DatabaseBusy)
    def come_back(exc: DatabaseBusy) -> Response:
        """Nothing was changed, and the same request can work in a moment: 503 with
        Retry-After, which mail providers' one-click retries heed."""
        log.error(
            "%s %s from %s: 503: another program held the subscriber database %s for over"
            " %g s ([delivery] database_timeout)",
            request.method,
            _path(),
            request.remote_addr,
            exc.problems[0].file,
            wait,
        )
        response = page(
            503,
            N_("Nothing changed"),
            N_("Our list is busy for a moment. Try again in a minute."),
        )
        response.headers["Retry-After"] = str(COME_BACK)
        return response

    @app.after_request
    def log_refusal(response: Response) -> Response:
        """One line for each request refused (4xx): a 404 says a web server passes the wrong
        paths, a run of 429s an attack. Errors (5xx) are logged, with their cause, where they
        are answered. The path only: the query holds a subscriber's token."""
        if 400 <= response.status_code < 500:
            log.warning(
                "%s %s from %s: %d",
                request.method,
                _path(),
                request.remote_addr,
                response.status_code,
            )
        return response

    @app.after_request
    def harden(response: Response) -> Response:
        # A token in the URL must not leak through Referer or caches. The subscribe form has
        # none, and its POST must carry an Origin, which no-referrer would make "null".
        subscribing = request.path.rstrip("/").endswith("/subscribe")
        response.headers["Referrer-Policy"] = "same-origin" if subscribing else "no-referrer"
        response.headers["Cache-Control"] = "no-store"
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Content-Security-Policy"] = (
            "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'"
        )
        return response

    return app


def also_under_base_path(app: Flask, base_url: str) -> None:
    """Answer BASE_PATH/unsubscribe/ as well as /unsubscribe/ when base_url is a folder of
    its site: a web server's plain `proxy_pass` (nginx's, in `location /newsletter/`) passes
    the whole path on, and one that strips the folder passes the rest."""
    path = urlsplit(base_url).path.rstrip("/")
    if path:  # as WSGI gives a path: its bytes, each as one character
        mount = unquote_to_bytes(path).decode("latin-1")
        app.wsgi_app = DispatcherMiddleware(app.wsgi_app, {mount: app.wsgi_app})  # type: ignore[method-assign]


def _path() -> str:
    """The request's path as the web server passed it (with base_url's folder, if it did), for
    the log; never its query, which holds a subscriber's token."""
    return request.script_root + request.path


def _status_text(subscriber: Subscriber) -> str:
    if subscriber.status == "active":
        return N_("%(address)s is subscribed.")
    if subscriber.status == "pending":
        return N_("%(address)s has not confirmed yet.")
    return N_("%(address)s gets no mail from us.")


def serve(root: Path, listen: str | None = None) -> None:
    """Serve the app with waitress until interrupted."""
    with needs("serve"):
        from waitress.server import create_server

    config: Config = load_config(root, list_only=True)
    host, port = _listen_address(listen, config)
    app = create_app(root)
    try:
        try:
            server = create_server(
                app,
                host=host,
                port=port,
                threads=4,
                ident="publisher",
                **SERVER_LIMITS,
                **proxy_options(host, config.delivery.trusted_proxy),
            )
        except OSError as exc:  # the port taken, the address not this machine's
            raise PublisherError.at(
                f"cannot listen on {host}:{port}: {exc.strerror or exc}",
                hint=_PORT_TAKEN if exc.errno == errno.EADDRINUSE else _NOT_OUR_ADDRESS,
            ) from None
        paths = ["unsubscribe/", "confirm/"] + (
            ["subscribe/"] if config.delivery.subscribe_form else []
        )
        folder = urlsplit(config.base_url).path
        log.info(
            "serving on http://%s:%d/; have the web server pass %s here%s",
            host,
            port,
            ", ".join(config.base_url + path for path in paths),
            f" ({folder} in the path or not)" if folder != "/" else "",
        )
        if not (config.delivery.trusted_proxy or _loopback(host)):
            log.warning(
                "listening on %s, with no [delivery] trusted_proxy: a visitor is the address"
                " that connects, so behind a web server or proxy every visitor shares its limit"
                " of subscription requests; set trusted_proxy to the address it connects from",
                host,
            )
        serve_until_stopped(server)
    finally:
        app.extensions[OUTBOX].close()  # the work the answered requests left, done


STOP_SECONDS = 20  # at most, to answer the requests in hand once told to stop


def serve_until_stopped(server: Any) -> None:
    """waitress's loop until Ctrl-C, SIGTERM or SIGHUP; then the requests it has taken are
    answered and the stop is raised (KeyboardInterrupt: exit status 130, 143, 129).
    waitress's own run() took the signal where it came and cancelled every request queued
    for its threads: a service restart left visitors without an answer, a 502 behind nginx."""
    with signals_noted(server.trigger.pull_trigger) as arrived:
        while not arrived:
            _poll(server, server.adj.asyncore_loop_timeout)
        log.info("stopping: answering the requests in hand first")
        _answer_in_hand(server, time.monotonic() + STOP_SECONDS)
    server.task_dispatcher.shutdown()
    server.asyncore.close_all(server._map)  # idle connections, and the loop's own pipe
    raise interruption(arrived[0])


def _answer_in_hand(server: Any, deadline: float) -> None:
    """Stop listening, having taken the connections the kernel completed already (their
    clients have sent their requests), then serve until none has a request unanswered."""
    while not server.in_connection_overflow and select.select([server.socket], [], [], 0)[0]:
        server.handle_accept()
    server.del_channel()
    server.socket.close()
    while _in_hand(server._map) and time.monotonic() < deadline:
        _poll(server, 0.05)


def _in_hand(channels: dict[int, Any]) -> bool:
    """Whether a connection has a request being read, waiting, answered or sent, or bytes
    not read yet."""
    unread = select.poll()
    for number, channel in channels.items():
        if isinstance(channel, HTTPChannel):
            if channel.requests or channel.request is not None or channel.total_outbufs_len:
                return True
            unread.register(number, select.POLLIN)
    return bool(unread.poll(0))


def _poll(server: Any, timeout: float) -> None:
    server.asyncore.loop(timeout, server.adj.asyncore_use_poll, server._map, count=1)


_PORT_TAKEN = (
    "another program (another serve-subscriptions?) is using that port: stop it, or choose"
    " another with --listen or [delivery] listen"
)
_NOT_OUR_ADDRESS = (
    "listen on one of this machine's addresses: 127.0.0.1 behind a web server on this"
    " machine (--listen or [delivery] listen)"
)


# waitress's defaults (100 connections, an idle one closed after 120 s, looked for every
# 30 s) let a hundred half-sent requests, a slow client's or an attacker's, keep every
# visitor out for two minutes. The pages answer in milliseconds: a client silent for 10 s
# has gone, and a small endpoint can hold 500 connections (a few KB each).
SERVER_LIMITS: dict[str, Any] = {
    "connection_limit": 500,
    "channel_timeout": 10,
    "cleanup_interval": 2,
}


def _listen_address(listen: str | None, config: Config) -> tuple[str, int]:
    """--listen's HOST:PORT, else [delivery] listen's (checked when publisher.toml is read)."""
    try:
        return parse_listen(listen or config.delivery.listen)
    except ValueError as exc:
        raise PublisherError.at(
            f"--listen {listen!r} is not HOST:PORT", hint="for example --listen 127.0.0.1:8080"
        ) from exc


def proxy_options(host: str, trusted_proxy: str = "") -> dict[str, Any]:
    """waitress's options for listening on `host`: the X-Forwarded-For of `trusted_proxy`
    ([delivery] trusted_proxy, the web server in front on another machine or outside a
    container) is believed; without one, that of any client when listening on a loopback
    address, where only programs on this machine, the web server in front, can connect."""
    if not (trusted_proxy or _loopback(host)):
        return {}
    return {
        "trusted_proxy": trusted_proxy or "*",
        "trusted_proxy_headers": {"x-forwarded-for"},
        "trusted_proxy_count": 1,
        "clear_untrusted_proxy_headers": True,
    }


def _loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"
