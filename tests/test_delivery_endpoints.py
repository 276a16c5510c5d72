"""The subscription endpoint: RFC 8058 one-click unsubscribe, the unsubscribe page, and
double opt-in confirmation, through the real Flask app and the real waitress server."""

from __future__ import annotations

import datetime as dt
import logging
import re
import signal
import socket
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from email import message_from_bytes, policy
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from click.testing import CliRunner
from delivery_support import (
    LIST_ID,
    SECRET,
    SLUG,
    RecordingHandler,
    add_subscribers,
    another_program_writing,
    both_backends,
    configure,
    query,
    running_endpoint,
    serving,
)
from flask.testing import FlaskClient
from itsdangerous import TimestampSigner

from publisher.cli import main
from publisher.cli.notes import ServerLog, show_server_log
from publisher.config import load_config
from publisher.delivery.endpoints import OUTBOX, create_app
from publisher.delivery.send import SendRequest, send
from publisher.delivery.settings import DeliverySettings
from publisher.delivery.store import open_database, transaction
from publisher.delivery.tokens import Tokens
from publisher.urls import SUBSCRIPTION_PAGES

ONE_CLICK = {"List-Unsubscribe": "One-Click"}


@pytest.fixture
def client(delivery_workspace: Path) -> Iterator[FlaskClient]:
    """The subscription pages' client; what they left to do in the background (a welcome
    message) is done before the next test restores the workspace under it."""
    app = create_app(delivery_workspace)
    yield app.test_client()
    app.extensions[OUTBOX].wait()


@pytest.fixture
def tokens() -> Tokens:
    return Tokens(SECRET, DeliverySettings(), LIST_ID)


def status_of(root: Path, address: str) -> str:
    return query(root, "SELECT status FROM subscribers WHERE address = ?", address)[0][0]


def subscriber_id(root: Path, address: str) -> int:
    return query(root, "SELECT id FROM subscribers WHERE address = ?", address)[0][0]


def unsubscribe_urls(smtp: RecordingHandler) -> dict[str, str]:
    """recipient → the https URL from the List-Unsubscribe header of their copy."""
    urls = {}
    for received in smtp.received:
        header = message_from_bytes(received.data, policy=policy.default)["List-Unsubscribe"]
        urls[received.recipient] = next(
            uri.strip(" <>") for uri in header.split(",") if "https://" in uri
        )
    return urls


def one_click(port: int, link: str) -> urllib.request.Request:
    """The request a mail provider makes for RFC 8058's one-click unsubscribe from the
    link in a copy: a plain POST of the exact URL, no cookies, to the server on `port`."""
    url = urlsplit(link)
    return urllib.request.Request(
        f"http://127.0.0.1:{port}{url.path}?{url.query}",
        data=b"List-Unsubscribe=One-Click",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
        method="POST",
    )


def test_every_page_serve_subscriptions_answers_is_a_name_no_issue_may_take(
    delivery_workspace: Path,
) -> None:
    """The web server passes BASE_URL/unsubscribe/ (and the others) to serve-subscriptions:
    an issue's folder of that name would be out of readers' reach (manifest.py refuses it)."""
    configure(delivery_workspace, subscribe_form=True)
    app = create_app(delivery_workspace)
    pages = {rule.rule.strip("/").partition("/")[0] for rule in app.url_map.iter_rules()}
    assert pages - {"static"} == SUBSCRIPTION_PAGES


def test_one_click_post_unsubscribes_and_repeating_it_changes_nothing(
    delivery_workspace: Path, client: FlaskClient, tokens: Tokens
) -> None:
    root = delivery_workspace
    add_subscribers(root, {"ana@example.org": "active", "ben@example.org": "active"})
    url = f"/unsubscribe/?token={tokens.unsubscribe(subscriber_id(root, 'ana@example.org'), SLUG)}"

    first = client.post(url, data=ONE_CLICK)
    again = client.post(url, data=ONE_CLICK)

    assert first.status_code == again.status_code == 200
    assert status_of(root, "ana@example.org") == "unsubscribed"
    assert status_of(root, "ben@example.org") == "active"
    assert "Set-Cookie" not in first.headers and first.headers["Referrer-Policy"] == "no-referrer"
    source = query(root, "SELECT status_source FROM subscribers WHERE address = 'ana@example.org'")
    assert source == [(f"unsubscribe link in {SLUG}",)]


def test_an_unsubscribe_from_an_issue_sent_before_arabic_names_kept_their_letters_names_it(
    delivery_workspace: Path, client: FlaskClient, tokens: Tokens
) -> None:
    """A copy of عدد-الإضراب sent as 'dd-ldrb' carries that name in its unsubscribe link:
    the subscriber list says the issue by the name its editors see now, the old beside it."""
    root = delivery_workspace
    (manifest,) = (root / "issues").glob("*.yaml")
    manifest.rename(root / "issues" / "عدد-الإضراب.yaml")
    add_subscribers(root, {"ana@example.org": "active"})
    token = tokens.unsubscribe(subscriber_id(root, "ana@example.org"), "dd-ldrb")

    assert client.post(f"/unsubscribe/?token={token}", data=ONE_CLICK).status_code == 200
    source = query(root, "SELECT status_source FROM subscribers WHERE address = 'ana@example.org'")
    assert source == [("unsubscribe link in عدد-الإضراب (dd-ldrb)",)]


def test_a_one_click_while_another_program_writes_to_the_list_is_told_to_come_back_and_then_works(
    delivery_workspace: Path, tokens: Tokens
) -> None:
    """A send, an import or a sqlite3 session holding the list past database_timeout made
    the one-click a 500 in Werkzeug's English: a mail provider does not retry that."""
    root = delivery_workspace
    configure(root, database_timeout=0.3)
    add_subscribers(root, {"ana@example.org": "active"})
    url = f"/unsubscribe/?token={tokens.unsubscribe(subscriber_id(root, 'ana@example.org'), SLUG)}"
    client = create_app(root).test_client()

    with another_program_writing(root):
        busy = client.post(url, data=ONE_CLICK)

    assert busy.status_code == 503 and int(busy.headers["Retry-After"]) > 0
    html = busy.get_data(as_text=True)
    assert '<html lang="es"' in html and "<h1>No ha cambiado nada</h1>" in html
    assert status_of(root, "ana@example.org") == "active"
    assert client.post(url, data=ONE_CLICK).status_code == 200
    assert status_of(root, "ana@example.org") == "unsubscribed"


def test_a_newsletter_under_a_folder_of_its_site_answers_the_links_a_web_server_passes_whole(
    delivery_workspace: Path, tokens: Tokens, caplog: pytest.LogCaptureFixture
) -> None:
    """base_url https://boletin.muelle.example.org/boletin/ and nginx's plain `location /boletin/ {
    proxy_pass http://127.0.0.1:8080; }` pass /boletin/unsubscribe/ on as it is: every
    link of every issue got Werkzeug's 404."""
    root = delivery_workspace
    config = root / "publisher.toml"
    text = config.read_text("utf-8")
    config.write_text(
        text.replace(
            "https://boletin.muelle.example.org/", "https://boletin.muelle.example.org/boletin/"
        )
    )
    add_subscribers(root, {"ana@example.org": "active", "ben@example.org": "active"})
    ana = tokens.unsubscribe(subscriber_id(root, "ana@example.org"), SLUG)
    ben = tokens.unsubscribe(subscriber_id(root, "ben@example.org"), SLUG)
    client = create_app(root).test_client()

    page = client.get(f"/boletin/unsubscribe/?token={ana}")
    assert page.status_code == 200 and "<button" in page.get_data(as_text=True)
    assert client.post(f"/boletin/unsubscribe/?token={ana}", data=ONE_CLICK).status_code == 200
    # A web server that strips the folder, as the start-up note asked, is answered as before.
    assert client.post(f"/unsubscribe/?token={ben}", data=ONE_CLICK).status_code == 200
    assert (
        status_of(root, "ana@example.org") == status_of(root, "ben@example.org") == "unsubscribed"
    )
    slashless = client.get(f"/boletin/unsubscribe?token={ana}")
    assert slashless.status_code == 308
    assert (
        slashless.headers["Location"]
        == f"https://boletin.muelle.example.org/boletin/unsubscribe/?token={ana}"
    )
    client.get("/boletin/unsubscribe/old/")  # logged as the path that was asked for
    assert "GET /boletin/unsubscribe/old/ from 127.0.0.1: 404" in caplog.messages


def test_a_wrong_path_method_or_size_and_a_broken_list_get_the_newsletters_own_page(
    delivery_workspace: Path, tokens: Tokens
) -> None:
    """A 404, 405, 413 or 500 was Werkzeug's page in English, whatever the newsletter's
    language, unlike every other answer of the subscription pages."""
    root = delivery_workspace
    add_subscribers(root, {"ana@example.org": "active"})
    url = f"/unsubscribe/?token={tokens.unsubscribe(subscriber_id(root, 'ana@example.org'), SLUG)}"
    client = create_app(root).test_client()

    missing = client.get("/unsubscribe/old-link/")
    put = client.put(url, data=ONE_CLICK)
    huge = client.post(url, data={**ONE_CLICK, "padding": "x" * 20_000})
    (root / "subscribers.sqlite3").write_bytes(b"not a database, overwritten by mistake" * 100)
    broken = client.post(url, data=ONE_CLICK)

    assert [r.status_code for r in (missing, put, huge, broken)] == [404, 405, 413, 500]
    assert "POST" in put.headers["Allow"]
    for answer in (missing, put, huge, broken):
        html = answer.get_data(as_text=True)
        assert answer.headers["Content-Type"] == "text/html; charset=utf-8"
        assert '<html lang="es"' in html and "Boletín del Muelle" in html, html
    assert "<h1>Página no encontrada</h1>" in missing.get_data(as_text=True)
    assert "<h1>No ha cambiado nada</h1>" in put.get_data(as_text=True)
    assert "<h1>No ha cambiado nada</h1>" in huge.get_data(as_text=True)
    assert "<h1>Algo ha fallado</h1>" in broken.get_data(as_text=True)


def test_get_shows_a_page_with_a_button_and_changes_nothing(
    delivery_workspace: Path, client: FlaskClient, tokens: Tokens
) -> None:
    root = delivery_workspace
    add_subscribers(root, {"ana@example.org": "active"})
    url = f"/unsubscribe/?token={tokens.unsubscribe(subscriber_id(root, 'ana@example.org'), SLUG)}"

    page = client.get(url)

    assert page.status_code == 200 and status_of(root, "ana@example.org") == "active"
    html = page.get_data(as_text=True)
    assert '<form method="post">' in html and "<button" in html and "ana@example.org" in html
    assert 'name="List-Unsubscribe" value="One-Click"' in html
    # Its markup is checked by the Nu HTML checker with the other subscription pages, in one
    # run: test_delivery_subscribe.py::test_subscription_pages_pass_the_nu_html_checker…
    # A POST without RFC 8058's body is refused and changes nothing either.
    assert client.post(url, data={}).status_code == 400
    assert status_of(root, "ana@example.org") == "active"


def test_an_address_at_an_international_domain_is_shown_in_its_letters(
    delivery_workspace: Path, client: FlaskClient, tokens: Tokens
) -> None:
    """Stored in the ASCII form mail servers need (xn--…), it was shown so on the page and
    in `subscribers list`: its owner would not know it for theirs."""
    root = delivery_workspace
    ascii_domain = "sindicato-españa.es".encode("idna").decode()  # the standard's codec
    add_subscribers(root, {"ana@sindicato-españa.es": "active"})
    stored = f"ana@{ascii_domain}"
    url = f"/unsubscribe/?token={tokens.unsubscribe(subscriber_id(root, stored), SLUG)}"

    html = client.get(url).get_data(as_text=True)

    assert "ana@sindicato-españa.es" in html and ascii_domain not in html
    listed = CliRunner().invoke(main, ["-C", str(root), "subscribers", "list"]).output
    assert listed.splitlines()[1].split()[0] == "ana@sindicato-españa.es"
    exported = CliRunner().invoke(main, ["-C", str(root), "subscribers", "list", "--format", "csv"])
    assert stored in exported.output  # the data as stored, for other programs


def test_forged_altered_and_expired_tokens_get_4xx_and_change_nothing(
    delivery_workspace: Path,
    client: FlaskClient,
    tokens: Tokens,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    root = delivery_workspace
    add_subscribers(root, {"ana@example.org": "active"})
    ana = subscriber_id(root, "ana@example.org")
    genuine = tokens.unsubscribe(ana, SLUG)
    other_key = Tokens("a-different-secret-key-entirely", DeliverySettings(), LIST_ID).unsubscribe(
        ana, SLUG
    )
    _payload, timestamp, signature = genuine.split(".")
    altered = ".".join([tokens.unsubscribe(ana + 1, SLUG).split(".")[0], timestamp, signature])
    with monkeypatch.context() as past:
        old = TimestampSigner.get_timestamp(None)  # type: ignore[arg-type]
        past.setattr(TimestampSigner, "get_timestamp", lambda self: old - 366 * 86400)
        expired = tokens.unsubscribe(ana, SLUG)

    for token, status in [
        ("", 400),
        ("not-a-token", 400),
        (other_key, 400),
        (altered, 400),
        (genuine[:-2], 400),
        (expired, 410),
    ]:
        assert client.post(f"/unsubscribe/?token={token}", data=ONE_CLICK).status_code == status
        assert client.get(f"/unsubscribe/?token={token}").status_code == status
    assert status_of(root, "ana@example.org") == "active"
    assert client.post(f"/unsubscribe/?token={genuine}", data=ONE_CLICK).status_code == 200


@both_backends
def test_one_click_through_waitress_then_the_next_send_skips_the_address(
    delivery_workspace: Path, smtp: RecordingHandler
) -> None:
    from waitress import create_server

    root = delivery_workspace
    add_subscribers(root, {"ana@example.org": "active", "ben@example.org": "active"})
    send(root, SendRequest(SLUG))
    link = unsubscribe_urls(smtp)["ana@example.org"]
    url = urlsplit(link)
    assert url.scheme == "https" and url.path == "/unsubscribe/"

    with serving(create_server(create_app(root), host="127.0.0.1", port=0, threads=2)) as port:
        with urllib.request.urlopen(one_click(port, link), timeout=10) as response:
            assert response.status == 200 and response.headers["Set-Cookie"] is None
        forged = f"http://127.0.0.1:{port}/unsubscribe/?token=forged.token.here"
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(urllib.request.Request(forged, b"", method="POST"), timeout=10)
        assert refused.value.code == 400

    assert status_of(root, "ana@example.org") == "unsubscribed"
    smtp.reset()
    send(root, SendRequest(SLUG, again=True))
    assert set(smtp.copies()) == {"ben@example.org"}


@both_backends
def test_links_already_sent_keep_unsubscribing_after_the_newsletter_is_renamed_and_moves(
    delivery_workspace: Path, smtp: RecordingHandler
) -> None:
    """Unsubscribe must never silently stop working: a new title and a new domain change
    the List-Id the links are signed for, and the links in the issues already sent stay
    good, whichever of them is used, through the restarted serve-subscriptions."""
    from waitress import create_server

    root = delivery_workspace
    add_subscribers(root, {"ana@example.org": "active", "ben@example.org": "active"})
    send(root, SendRequest(SLUG))
    before = unsubscribe_urls(smtp)
    config = root / "publisher.toml"
    text = config.read_text("utf-8").replace('title = "Boletín del Muelle"', 'title = "El Muelle"')
    config.write_text(text, "utf-8")
    renamed = create_app(root)  # serve-subscriptions restarted after the rename
    text = text.replace("https://boletin.muelle.example.org/", "https://muelle.example.net/")
    config.write_text(text, "utf-8")

    with serving(create_server(create_app(root), host="127.0.0.1", port=0, threads=2)) as port:
        answer = urllib.request.urlopen(one_click(port, before["ana@example.org"]), timeout=10)
        with answer as response:
            assert response.status == 200
    url = urlsplit(before["ben@example.org"])
    assert renamed.test_client().post(f"{url.path}?{url.query}", data=ONE_CLICK).status_code == 200

    assert status_of(root, "ana@example.org") == "unsubscribed"
    assert status_of(root, "ben@example.org") == "unsubscribed"


@both_backends
def test_double_opt_in_confirms_once_by_post_with_the_emailed_link(
    delivery_workspace: Path, smtp: RecordingHandler, client: FlaskClient
) -> None:
    root = delivery_workspace
    result = CliRunner().invoke(
        main, ["-C", str(root), "subscribers", "add", "nuevo@example.org", "--double-opt-in"]
    )
    assert result.exit_code == 0, result.output
    assert status_of(root, "nuevo@example.org") == "pending"
    [confirmation] = smtp.received
    assert confirmation.recipient == "nuevo@example.org"
    body = message_from_bytes(confirmation.data, policy=policy.default).get_content()
    link = urlsplit(re.search(r"https://\S+/confirm/\?token=\S+", body).group(0))
    path = f"{link.path}?{link.query}"

    page = client.get(path)
    assert page.status_code == 200 and status_of(root, "nuevo@example.org") == "pending"
    assert client.post(path, data={"confirm": "yes"}).status_code == 200
    assert status_of(root, "nuevo@example.org") == "active"
    assert client.post(path, data={"confirm": "yes"}).status_code == 410  # single use
    # An unsubscribe token is no confirmation token, even for the same subscriber.
    unsubscribe = Tokens(SECRET, DeliverySettings(), LIST_ID).unsubscribe(1, SLUG)
    refused = client.post(f"/confirm/?token={unsubscribe}", data={"confirm": "yes"})
    assert refused.status_code == 400


def test_someone_who_unsubscribed_and_asks_back_is_emailed_a_link_and_returns_by_following_it(
    delivery_workspace: Path, smtp: RecordingHandler, client: FlaskClient
) -> None:
    """As the subscribe form does for them: `add --double-opt-in` only emails a link, so
    only the person can bring their address back. It was refused with no way forward."""
    root = delivery_workspace
    assert CliRunner().invoke(main, ["-C", str(root), "subscribers", "add", "fleur@example.org"])
    assert CliRunner().invoke(main, ["-C", str(root), "subscribers", "remove", "fleur@example.org"])
    assert smtp.received == []

    plain = CliRunner().invoke(main, ["-C", str(root), "subscribers", "add", "fleur@example.org"])
    assert plain.exit_code == 1 and "--double-opt-in" in plain.output, plain.output
    asked = CliRunner().invoke(
        main, ["-C", str(root), "subscribers", "add", "fleur@example.org", "--double-opt-in"]
    )
    assert asked.exit_code == 0, asked.output
    assert asked.output == "fleur@example.org: sent a link to come back, unsubscribed\n"
    assert status_of(root, "fleur@example.org") == "unsubscribed"  # until they follow it
    [confirmation] = smtp.received
    body = message_from_bytes(confirmation.data, policy=policy.default).get_content()
    link = urlsplit(re.search(r"https://\S+/confirm/\?token=\S+", body).group(0))

    assert client.post(f"{link.path}?{link.query}", data={"confirm": "yes"}).status_code == 200
    assert status_of(root, "fleur@example.org") == "active"


def test_a_confirmation_link_is_void_once_its_request_is_answered_and_says_so_when_opened(
    delivery_workspace: Path, smtp: RecordingHandler, client: FlaskClient
) -> None:
    """Someone who sent the form twice has two links: the first confirmed them, and after
    they left, the second (never opened) brought them back. A link the address's status
    changed after is over; one followed says so when opened, not only when pressed."""
    root = delivery_workspace
    added = CliRunner().invoke(
        main, ["-C", str(root), "subscribers", "add", "twice@example.org", "--double-opt-in"]
    )
    assert added.exit_code == 0, added.output
    person = subscriber_id(root, "twice@example.org")
    an_hour_ago = (dt.datetime.now(dt.UTC) - dt.timedelta(hours=1)).isoformat(timespec="seconds")
    db = open_database(load_config(root).delivery.database_path(root))
    try:  # pending since before either link was made
        with transaction(db):
            db.execute("UPDATE subscribers SET updated_at = ? WHERE id = ?", (an_hour_ago, person))
    finally:
        db.close()
    [confirmation] = smtp.received
    body = message_from_bytes(confirmation.data, policy=policy.default).get_content()
    link = urlsplit(re.search(r"https://\S+/confirm/\?token=\S+", body).group(0))
    first = f"{link.path}?{link.query}"
    with pytest.MonkeyPatch.context() as past:  # the second form's link, made before
        now = TimestampSigner.get_timestamp(None)  # type: ignore[arg-type]
        past.setattr(TimestampSigner, "get_timestamp", lambda self: now - 60)
        second = f"/confirm/?token={Tokens(SECRET, DeliverySettings(), LIST_ID).confirm(person)}"

    assert client.post(first, data={"confirm": "yes"}).status_code == 200
    assert CliRunner().invoke(main, ["-C", str(root), "subscribers", "remove", "twice@example.org"])
    opened = client.get(second)
    assert opened.status_code == 410 and b"Confirm</button>" not in opened.data
    assert client.post(second, data={"confirm": "yes"}).status_code == 410
    assert client.get(first).status_code == 410  # followed: said on opening
    assert status_of(root, "twice@example.org") == "unsubscribed"


def answer_to(request: urllib.request.Request | str, timeout: float = 30) -> int:
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return int(response.status)
    except urllib.error.HTTPError as exc:
        return exc.code


STAMPED = r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d "  # each line of the server's log begins so


def test_the_servers_log_has_a_dated_line_for_each_refused_request_and_the_cause_of_each_error(
    delivery_workspace: Path, tokens: Tokens
) -> None:
    """The log behind the web server said "warning: Exception on /unsubscribe/ [POST]"
    without its cause, nothing for a 404 or a 429, and "Task queue depth is N" for each of
    a burst of visitors; no line said when."""
    root = delivery_workspace
    configure(root, subscribe_form=True, database_timeout=0.3)
    add_subscribers(root, {"ana@example.org": "active"})
    token = tokens.unsubscribe(subscriber_id(root, "ana@example.org"), SLUG)

    with running_endpoint(root) as endpoint:
        burst = [
            threading.Thread(target=answer_to, args=(f"{endpoint.url}subscribe/",))
            for _ in range(30)
        ]
        for visitor in burst:
            visitor.start()
        for visitor in burst:
            visitor.join()
        missing = answer_to(f"{endpoint.url}unsubscribe/nowhere")
        forged = answer_to(f"{endpoint.url}unsubscribe/?token=forged.token.here")
        with another_program_writing(root):
            busy = answer_to(one_click(endpoint.port, f"https://x/unsubscribe/?token={token}"))
    log = endpoint.log.read_text("utf-8")

    assert (missing, forged, busy) == (404, 400, 503)
    # (but the store's own word, printed as every command prints it, that it waits)
    lines = [line for line in log.splitlines() if not line.startswith("waiting up to 0.3 s")]
    assert all(re.match(STAMPED, line) for line in lines), log
    assert "Task queue depth" not in log
    assert [line[20:] for line in lines if re.search(r"(GET|POST) /", line)] == [
        "warning: GET /unsubscribe/nowhere from 127.0.0.1: 404",
        "warning: GET /unsubscribe/ from 127.0.0.1: 400",
        "error: POST /unsubscribe/ from 127.0.0.1: 503: another program held the subscriber"
        f" database {root / 'subscribers.sqlite3'} for over 0.3 s ([delivery] database_timeout)",
    ]
    assert token not in log  # a link's token is its owner's credential


def test_a_bug_met_while_serving_is_one_dated_error_line_naming_a_crash_log_of_its_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Flask's "Exception on /unsubscribe/ [POST]" and the outbox's "… failed" came out as
    warnings with neither the exception nor its traceback anywhere."""
    show_server_log(tmp_path)
    try:
        try:
            {}["subscriber"]
        except KeyError:
            logging.getLogger("publisher.delivery.outbox").exception(
                "welcome message to ana@example.org failed"
            )
    finally:
        for name in ("publisher", "waitress"):
            logger = logging.getLogger(name)
            for handler in [h for h in logger.handlers if isinstance(h, ServerLog)]:
                logger.removeHandler(handler)
        logging.getLogger("waitress.queue").setLevel(logging.NOTSET)

    [line] = capsys.readouterr().err.splitlines()
    [crash_log] = (tmp_path / ".publisher").glob("crash-*.log")
    assert re.match(STAMPED, line)
    assert line[20:] == (
        "error: welcome message to ana@example.org failed (KeyError: 'subscriber');"
        f" details are in {crash_log}"
    )
    assert "Traceback (most recent call last)" in crash_log.read_text("utf-8")
    assert '{}["subscriber"]' in crash_log.read_text("utf-8")


def test_a_hundred_idle_connections_neither_lock_visitors_out_nor_stay_open(
    delivery_workspace: Path,
) -> None:
    """A hundred connections that send half a request and wait (a slow or hostile client,
    or a proxy's idle pool) filled waitress's 100 and left every visitor without an answer
    for the two minutes it let them idle."""
    configure(delivery_workspace, subscribe_form=True)
    with running_endpoint(delivery_workspace) as endpoint:
        idle = [socket.create_connection(("127.0.0.1", endpoint.port)) for _ in range(150)]
        for connection in idle:
            connection.sendall(b"GET /subscribe/ HTTP/1.1\r\nHost: x\r\n")
        try:
            # Answered, not left waiting for a free connection (a timeout fails the test)
            assert answer_to(f"{endpoint.url}subscribe/", timeout=5) == 200
            idle[0].settimeout(30)  # waitress's default would keep it two minutes
            assert idle[0].recv(1024) == b""  # closed by the server, not left open
        finally:
            for connection in idle:
                connection.close()


def posted(port: int, n: int) -> socket.socket:
    """A connection that has sent a whole subscribe request, as the web server passes it."""
    body = f"email=reader{n}%40example.org".encode()
    head = (
        "POST /subscribe/ HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
        f"X-Forwarded-For: 198.51.100.{n}\r\n"
        "Content-Type: application/x-www-form-urlencoded\r\n"
        f"Content-Length: {len(body)}\r\n\r\n"
    )
    connection = socket.create_connection(("127.0.0.1", port))
    connection.sendall(head.encode() + body)
    return connection


def status_line(connection: socket.socket) -> str:
    connection.settimeout(30)
    answer = b""
    while chunk := connection.recv(65536):
        answer += chunk
    connection.close()
    return answer.partition(b"\r\n")[0].decode()


def test_a_service_stop_answers_the_requests_already_sent_then_exits_143(
    delivery_workspace: Path, smtp: RecordingHandler
) -> None:
    """systemd's SIGTERM (a restart) while thirty visitors' requests waited for waitress's
    four threads: most got no answer at all (a 502 from nginx), 'Canceling 26 pending
    task(s)', and the process exited 0, not 143 as an interrupted command does."""
    configure(delivery_workspace, subscribe_form=True)
    with running_endpoint(delivery_workspace) as endpoint:
        sent = [posted(endpoint.port, n) for n in range(1, 31)]
        endpoint.process.send_signal(signal.SIGTERM)
        answers = [status_line(connection) for connection in sent]
        code = endpoint.process.wait(60)

    assert answers == ["HTTP/1.1 200 OK"] * 30
    assert code == 143
    assert sorted(smtp.copies()) == sorted(f"reader{n}@example.org" for n in range(1, 31))
