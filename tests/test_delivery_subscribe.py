"""Self-service subscription: the form on the web archive's pages, POST /subscribe/ on
serve-subscriptions, the emailed link, the welcome, and what keeps it from being abused
(rate limits, a honeypot, an Origin check, one answer for every address).

The archive and the endpoint are served together by the real waitress server, as a web
server in front of both would; mail goes to the real loopback SMTP server."""

from __future__ import annotations

import re
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from email import message_from_bytes, policy
from email.header import decode_header, make_header
from email.message import EmailMessage
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import lxml.html
import pytest
from conftest import FIXED_EPOCH, WORKSPACES, copy_workspace
from delivery_support import (
    DELIVERY,
    SECRET,
    SLUG,
    RecordingHandler,
    add_subscribers,
    another_program_writing,
    both_backends,
    configure,
    free_port,
    list_tokens,
    query,
    running_endpoint,
    serving,
)
from flask import Flask
from flask.testing import FlaskClient
from itsdangerous import TimestampSigner
from validators import nu_html_errors
from werkzeug.middleware.shared_data import SharedDataMiddleware

from publisher.build import build
from publisher.delivery.endpoints import OUTBOX, create_app, proxy_options
from publisher.delivery.send import SendRequest, send

ARABIC_SENDER = "شبكة عمال الأرصفة في الميناء الشرقي للتضامن النقابي"


@dataclass
class Site:
    """The built archive and serve-subscriptions behind one origin, which is base_url."""

    root: Path
    url: str
    app: Flask

    def settle(self) -> None:
        """Wait until the requests already answered have done their work."""
        self.app.extensions[OUTBOX].wait()


class _Later:
    """A WSGI app set once the server's port, and so base_url, is known."""

    app = None

    def __call__(self, environ, start_response):  # type: ignore[no-untyped-def]
        return self.app(environ, start_response)


@pytest.fixture(scope="module")
def site(smtp_controller, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:  # type: ignore[no-untyped-def]
    """tests/workspaces/email with the form on, built for web and email at base_url
    http://127.0.0.1:PORT/, its issue sent once to one subscriber (so there is a latest
    issue to welcome people with)."""
    from waitress import create_server

    later = _Later()
    server = create_server(later, host="127.0.0.1", port=0, threads=4)
    url = f"http://127.0.0.1:{server.effective_port}/"
    root = copy_workspace(WORKSPACES / "email", tmp_path_factory.mktemp("subscribe-site"))
    toml = root / "publisher.toml"
    text = toml.read_text("utf-8").replace("https://boletin.muelle.example.org/", url)
    toml.write_text(text, "utf-8")
    configure(
        root, smtp_port=smtp_controller.port, subscribe_form=True, welcome_issue=True, **DELIVERY
    )
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", FIXED_EPOCH)
        mp.setenv("PUBLISHER_SECRET_KEY", SECRET)
        build(root, formats=["web", "email"])
        add_subscribers(root, {"old@example.org": "active"})
        send(root, SendRequest(SLUG, local_links=True))  # its readers are this test's
        app = create_app(root)
    later.app = SharedDataMiddleware(app, {"/": str(root / "dist")})
    with serving(server):
        yield Site(root, url, app)


@pytest.fixture
def self_service(delivery_workspace: Path) -> Path:
    """The delivery workspace (its list empty, its issue built) with the form switched on."""
    configure(delivery_workspace, subscribe_form=True)
    return delivery_workspace


@pytest.fixture
def client(self_service: Path) -> Iterator[FlaskClient]:
    app = create_app(self_service)
    yield app.test_client()
    app.extensions[OUTBOX].wait()


def settle(client: FlaskClient) -> None:
    client.application.extensions[OUTBOX].wait()


def parsed(data: bytes) -> EmailMessage:
    return message_from_bytes(data, policy=policy.default)  # type: ignore[return-value]


def mails_to(smtp: RecordingHandler, address: str) -> list[EmailMessage]:
    return [parsed(r.data) for r in smtp.received if r.recipient == address]


def link_in(message: EmailMessage, kind: str) -> str:
    body = message.get_body(("plain",)).get_content()
    return re.search(rf"https?://\S+/{kind}/\?token=\S+", body).group(0)


def path_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}"


def statuses(root: Path, address: str) -> list[str]:
    return [
        row[0] for row in query(root, "SELECT status FROM subscribers WHERE address = ?", address)
    ]


def main_text(html: str) -> str:
    return lxml.html.fromstring(html).xpath("string(//main)").strip()


def test_a_reader_subscribes_with_the_archive_form_and_the_emailed_link(
    site: Site, browser, smtp: RecordingHandler
) -> None:
    page = browser.new_page()
    page.goto(f"{site.url}{SLUG}/index.html")  # a Spanish issue: its form speaks Spanish
    page.fill("#subscribe-email", "lectora@example.org")
    with page.expect_navigation():
        page.click("form.subscribe button")
    assert page.locator("h1").inner_text() == "Revisa tu correo"
    first_answer = page.locator("main").inner_html()
    site.settle()

    [confirmation] = mails_to(smtp, "lectora@example.org")
    assert confirmation["Subject"] == "Confirma tu suscripción a Boletín del Muelle"
    assert statuses(site.root, "lectora@example.org") == ["pending"]
    page.goto(link_in(confirmation, "confirm"))  # a GET changes nothing: a button does
    assert statuses(site.root, "lectora@example.org") == ["pending"]
    with page.expect_navigation():
        page.click("form button")
    assert page.locator("h1").inner_text() == "Suscripción confirmada"
    assert statuses(site.root, "lectora@example.org") == ["active"]

    site.settle()  # the welcome, the issue last sent to the list, and its ledger row
    _confirmation, welcome, issue = mails_to(smtp, "lectora@example.org")
    assert welcome["Subject"] == "Te damos la bienvenida a Boletín del Muelle"
    one_click, by_mail = (uri.strip("<> ") for uri in welcome["List-Unsubscribe"].split(","))
    token = one_click.partition("/unsubscribe/?token=")[2]
    assert token and by_mail == f"mailto:boletin@muelle.example.org?subject=unsubscribe%20{token}"
    assert issue["Subject"] == mails_to_list_subject(site.root)
    assert (
        issue["Message-ID"]
        == query(
            site.root,
            "SELECT message_id FROM deliveries WHERE address = 'lectora@example.org' AND state = 'sent'",
        )[0][0]
    )

    # The same address again: the same page, no second subscriber, no more mail.
    smtp.reset()
    page.goto(f"{site.url}{SLUG}/index.html")
    page.fill("#subscribe-email", "lectora@example.org")
    with page.expect_navigation():
        page.click("form.subscribe button")
    assert page.locator("main").inner_html() == first_answer
    site.settle()
    assert statuses(site.root, "lectora@example.org") == ["active"]
    assert smtp.received == []
    page.close()


def mails_to_list_subject(root: Path) -> str:
    return str(parsed((root / "dist" / SLUG / "email.eml").read_bytes())["Subject"])


def test_twenty_requests_a_minute_from_one_address_are_refused_after_the_fifth(
    self_service: Path, smtp: RecordingHandler
) -> None:
    from waitress import create_server

    app = create_app(self_service)
    codes, refused = [], None
    with serving(create_server(app, host="127.0.0.1", port=0, threads=2)) as port:
        for n in range(20):
            body = urlencode({"email": f"reader{n}@example.org"}).encode()
            request = urllib.request.Request(f"http://127.0.0.1:{port}/subscribe/", body)
            try:
                with urllib.request.urlopen(request, timeout=10) as response:
                    codes.append(response.status)
            except urllib.error.HTTPError as exc:
                codes.append(exc.code)
                refused = exc
    app.extensions[OUTBOX].wait()

    assert codes == [200] * 5 + [429] * 15
    assert refused is not None and int(refused.headers["Retry-After"]) > 0
    assert refused.headers["Content-Type"].startswith("text/html")
    html = refused.read().decode()
    assert "<h1>Demasiadas solicitudes</h1>" in html  # the list's language, Spanish
    assert len(smtp.received) == 5


def subscribed(url: str, address: str, visitor: str) -> int:
    """The status of `visitor`'s (their X-Forwarded-For) subscribe form sent for `address`
    through the web server in front of serve-subscriptions at `url`."""
    body = urlencode({"email": address}).encode()
    request = urllib.request.Request(f"{url}subscribe/", body, {"X-Forwarded-For": visitor})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return int(response.status)
    except urllib.error.HTTPError as exc:
        return exc.code


def test_behind_the_local_web_server_each_visitor_has_their_own_limit(self_service: Path) -> None:
    """serve-subscriptions listens on loopback behind a web server, so every request comes
    from 127.0.0.1; the visitor is the one its X-Forwarded-For names."""
    from waitress import create_server

    app = create_app(self_service)
    server = create_server(app, host="127.0.0.1", port=0, **proxy_options("127.0.0.1"))

    with serving(server) as port:
        url = f"http://127.0.0.1:{port}/"
        first = [subscribed(url, f"one-{n}@example.org", "198.51.100.1") for n in range(6)]
        second = subscribed(url, "two@example.org", "198.51.100.2")
    app.extensions[OUTBOX].wait()

    assert (first, second) == ([200] * 5 + [429], 200)
    consent = query(self_service, "SELECT DISTINCT consent_source FROM subscribers")
    assert sorted(consent) == [
        ("subscribe form, from 198.51.100.1",),
        ("subscribe form, from 198.51.100.2",),
    ]


def subscribe_from(url: str, visitor: str | None, n: int) -> int:
    """A subscribe request the web server passes on for `visitor` (None: it names nobody)."""
    body = urlencode({"email": f"reader{n}@example.org"}).encode()
    headers = {"X-Forwarded-For": visitor} if visitor else {}
    try:
        with urllib.request.urlopen(urllib.request.Request(f"{url}subscribe/", body, headers)):
            return 200
    except urllib.error.HTTPError as exc:
        return exc.code


def test_a_web_server_on_another_machine_named_in_trusted_proxy_gets_each_visitor_their_limit(
    self_service: Path,
) -> None:
    """In a container (listening on 0.0.0.0) or behind a proxy on another host, the
    visitor's address in X-Forwarded-For was ignored: the whole site shared one limit of
    5 a minute, and every consent was recorded as from the proxy."""
    configure(self_service, trusted_proxy="127.0.0.1")  # the proxy, as the container sees it
    port = free_port()

    with running_endpoint(self_service, "--listen", f"0.0.0.0:{port}") as endpoint:
        codes = [subscribe_from(endpoint.url, f"198.51.100.{n}", n) for n in range(1, 9)]

    assert codes == [200] * 8
    consent = query(self_service, "SELECT consent_source FROM subscribers ORDER BY id")
    assert consent[0] == ("subscribe form, from 198.51.100.1",)


def test_the_log_says_when_every_visitor_would_share_the_web_servers_limit(
    self_service: Path,
) -> None:
    """Listening on all addresses with no trusted_proxy, or behind a web server that sends
    no X-Forwarded-For, every visitor is the proxy: nothing said so."""
    with running_endpoint(self_service, "--listen", f"0.0.0.0:{free_port()}"):
        pass
    everywhere = (self_service / "serve-subscriptions.log").read_text("utf-8")
    with running_endpoint(self_service) as endpoint:
        codes = [subscribe_from(endpoint.url, None, n) for n in range(3)]
    unnamed = endpoint.log.read_text("utf-8")

    assert "[delivery] trusted_proxy" in everywhere and "0.0.0.0" in everywhere
    assert "trusted_proxy" not in unnamed
    assert codes == [200] * 3
    [said] = [line for line in unnamed.splitlines() if "X-Forwarded-For" in line]
    assert "warning: requests from 127.0.0.1 name no visitor in X-Forwarded-For" in said
    assert "proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for" in said


def test_visitors_from_one_ipv6_network_share_a_limit_as_one_ipv4_address_does(
    self_service: Path,
) -> None:
    """An IPv6 home or server has a /64 of its own, 2^64 addresses: forty requests from
    2001:db8:1:2::1 to ::40 each got their confirmation mail, as if from forty visitors."""
    from waitress import create_server

    app = create_app(self_service)
    server = create_server(app, host="127.0.0.1", port=0, **proxy_options("127.0.0.1"))

    with serving(server) as port:
        url = f"http://127.0.0.1:{port}/"
        one_network = [
            subscribed(url, f"v6-{n}@example.org", f"2001:db8:1:2::{n:x}") for n in range(1, 8)
        ]
        next_network = subscribed(url, "v6-next@example.org", "2001:db8:1:3::1")
    app.extensions[OUTBOX].wait()

    assert (one_network, next_network) == ([200] * 5 + [429] * 2, 200)
    consent = query(self_service, "SELECT consent_source FROM subscribers ORDER BY id")
    assert consent[0] == ("subscribe form, from 2001:db8:1:2::1",)  # the visitor's own address


def test_one_address_gets_at_most_three_links_an_hour_whoever_asks(
    client: FlaskClient, smtp: RecordingHandler
) -> None:
    codes = [
        client.post(
            "/subscribe/",
            data={"email": "target@example.org"},
            environ_base={"REMOTE_ADDR": f"192.0.2.{n}"},
        ).status_code
        for n in range(1, 6)
    ]
    settle(client)

    assert codes == [200, 200, 200, 429, 429]
    assert len(mails_to(smtp, "target@example.org")) == 3  # pending: each asks for a new link


def test_the_answer_is_the_same_for_new_pending_active_and_unsubscribed_addresses(
    self_service: Path, client: FlaskClient, smtp: RecordingHandler
) -> None:
    add_subscribers(
        self_service,
        {
            "pending@example.org": "pending",
            "active@example.org": "active",
            "gone@example.org": "unsubscribed",
            "bounced@example.org": "bounced",
        },
    )
    answers = {}
    for who in ("new", "pending", "active", "gone", "bounced"):
        response = client.post("/subscribe/", data={"email": f"{who}@example.org"})
        assert response.status_code == 200
        answers[who] = main_text(response.get_data(as_text=True)).replace(who, "X")
    settle(client)

    assert len(set(answers.values())) == 1, answers
    assert sorted(r.recipient for r in smtp.received) == [
        "gone@example.org",  # can come back, by following the link
        "new@example.org",
        "pending@example.org",
    ]
    assert statuses(self_service, "new@example.org") == ["pending"]
    assert statuses(self_service, "gone@example.org") == ["unsubscribed"]  # until confirmed
    consent = query(
        self_service, "SELECT consent_source FROM subscribers WHERE address = 'new@example.org'"
    )
    assert consent == [("subscribe form, from 127.0.0.1",)]


def test_an_address_at_an_international_domain_is_written_in_its_letters_on_the_page_and_in_the_mail(
    self_service: Path, client: FlaskClient, smtp: RecordingHandler
) -> None:
    """Mail goes to the ASCII form servers need (xn--…); a person reads the domain as typed."""
    typed = "lectora@sindicato-españa.es"
    ascii_form = "lectora@" + "sindicato-españa.es".encode("idna").decode()  # the standard's

    answer = client.post("/subscribe/", data={"email": typed})
    settle(client)
    [confirmation] = mails_to(smtp, ascii_form)
    assert client.post(path_of(link_in(confirmation, "confirm")), data={"confirm": "yes"})
    settle(client)  # the welcome
    [_, welcome] = mails_to(smtp, ascii_form)

    page = main_text(answer.get_data(as_text=True))
    assert typed in page and "xn--" not in page
    for message in (confirmation, welcome):
        body = message.get_body(("plain",)).get_content()
        assert typed in body and "xn--" not in body


def test_an_arabic_subscribers_confirmation_and_welcome_subjects_are_encoded_words_any_reader_decodes(
    self_service: Path, smtp: RecordingHandler
) -> None:
    """RFC 2047 allows an encoded word 75 characters at most: a longer one is shown raw
    (=?utf-8?b?…?=) by strict and older readers. A reader drops the space between two
    encoded words, so a space between two words must be inside one."""
    config = self_service / "publisher.toml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            'from = "Boletín del Muelle <', f'from = "{ARABIC_SENDER} <'
        ),
        encoding="utf-8",
    )
    client = create_app(self_service).test_client()
    client.post("/subscribe/", data={"email": "nadia@example.org", "language": "ar"})
    settle(client)
    [confirmation] = [r.data for r in smtp.received]
    assert client.post(path_of(link_in(parsed(confirmation), "confirm")), data={"confirm": "yes"})
    settle(client)  # the welcome
    [_, welcome] = [r.data for r in smtp.received]

    subjects = {
        confirmation: "يُرجى تأكيد اشتراكك في Boletín del Muelle",
        welcome: "مرحباً بك في Boletín del Muelle",
    }
    for raw, subject in subjects.items():
        head = raw.split(b"\r\n\r\n", 1)[0].decode("ascii")
        words = re.findall(r"=\?[^?]+\?[bBqQ]\?[^?]*\?=", head)
        assert words and max(len(word) for word in words) <= 75, words
        fields = dict(field.split(": ", 1) for field in head.replace("\r\n ", " ").split("\r\n"))
        assert str(make_header(decode_header(fields["Subject"]))) == subject
        shown, address = fields["From"].rsplit(" ", 1)
        assert (str(make_header(decode_header(shown))), address) == (
            ARABIC_SENDER,
            "<boletin@muelle.example.org>",
        )
    # The welcome's unsubscribe link stays a link, not encoded words.
    unsubscribe = fields["List-Unsubscribe"]
    assert re.fullmatch(r"<https://\S+/unsubscribe/\?token=[\w.-]+>, <mailto:\S+>", unsubscribe)


def test_an_arabic_subscribers_confirmation_and_welcome_go_in_the_smaller_encoding(
    self_service: Path, smtp: RecordingHandler
) -> None:
    """Written in Arabic, they went quoted-printable (=D8=B7=D9=84…), some three times the
    text's size; they are encoded as the issue's emails are, base64 here, a third larger.
    An English subscriber's stay quoted-printable, readable as they are."""
    client = create_app(self_service).test_client()
    for address, language in (("nadia@example.org", "ar"), ("ann@example.org", "en")):
        client.post("/subscribe/", data={"email": address, "language": language})
        settle(client)
        [confirmation] = mails_to(smtp, address)
        assert client.post(path_of(link_in(confirmation, "confirm")), data={"confirm": "yes"})
        settle(client)

    sent = [("nadia@example.org", "base64"), ("ann@example.org", "quoted-printable")]
    for address, encoding in sent:
        raws = [r.data for r in smtp.received if r.recipient == address]
        assert len(raws) == 2  # the confirmation and the welcome
        for raw in raws:
            message = parsed(raw)
            assert message["Content-Transfer-Encoding"] == encoding, message["Subject"]
            text = message.get_body(("plain",)).get_content()
            assert len(raw.split(b"\r\n\r\n", 1)[1]) < 1.5 * len(text.encode()), text
    arabic = mails_to(smtp, "nadia@example.org")[0].get_body(("plain",)).get_content()
    assert "تأكيد" in arabic or "اشتراك" in arabic


def test_an_arabic_subscriber_is_told_the_newsletter_will_reach_them_as_arabic_says_it(
    self_service: Path, smtp: RecordingHandler
) -> None:
    """A newsletter (نشرة) is feminine: "ستصلك", where the page and the welcome said
    "سيصلك", as of a man."""
    client = create_app(self_service).test_client()
    client.post("/subscribe/", data={"email": "nadia@example.org", "language": "ar"})
    settle(client)
    [confirmation] = mails_to(smtp, "nadia@example.org")
    page = client.post(path_of(link_in(confirmation, "confirm")), data={"confirm": "yes"})
    settle(client)  # the welcome
    [_, welcome] = mails_to(smtp, "nadia@example.org")
    said = "ستصلك Boletín del Muelle على العنوان nadia@example.org."
    assert said in main_text(page.get_data(as_text=True))
    assert said in welcome.get_body(("plain",)).get_content()


@both_backends
def test_someone_who_unsubscribed_comes_back_only_by_following_the_new_link(
    self_service: Path, client: FlaskClient, smtp: RecordingHandler
) -> None:
    add_subscribers(self_service, {"gone@example.org": "unsubscribed"})
    client.post("/subscribe/", data={"email": "gone@example.org"})
    settle(client)
    [confirmation] = mails_to(smtp, "gone@example.org")
    link = path_of(link_in(confirmation, "confirm"))

    assert client.post(link, data={"confirm": "yes"}).status_code == 200
    settle(client)  # the welcome
    assert statuses(self_service, "gone@example.org") == ["active"]
    source = query(
        self_service, "SELECT status_source FROM subscribers WHERE address = 'gone@example.org'"
    )
    assert source == [("subscribed again: confirmed by link",)]
    [_, welcome] = mails_to(smtp, "gone@example.org")  # welcome_issue is off by default
    # The welcome's own unsubscribe link works, one-click too.
    one_click = welcome["List-Unsubscribe"].split(",")[0].strip("<> ")
    client.post(path_of(one_click), data={"List-Unsubscribe": "One-Click"})
    assert statuses(self_service, "gone@example.org") == ["unsubscribed"]


def test_an_expired_confirmation_link_leads_back_to_the_form_for_a_new_one(
    self_service: Path, client: FlaskClient, smtp: RecordingHandler, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No issue holds a confirmation link: "use the link in a recent issue" sent a reader
    who had never had one looking for it."""
    client.post("/subscribe/", data={"email": "tarde@example.org", "language": "en"})
    settle(client)
    [confirmation] = mails_to(smtp, "tarde@example.org")
    now = TimestampSigner.get_timestamp(None)  # type: ignore[arg-type]
    monkeypatch.setattr(TimestampSigner, "get_timestamp", lambda self: now + 8 * 86400)

    answer = client.get(path_of(link_in(confirmation, "confirm")) + "&lang=en")

    assert answer.status_code == 410
    said = main_text(answer.get_data(as_text=True))
    assert "https://boletin.muelle.example.org/subscribe/" in said and "recent issue" not in said
    assert statuses(self_service, "tarde@example.org") == ["pending"]


def test_a_bot_that_fills_every_field_of_the_archive_form_gets_the_usual_answer_and_no_mail(
    site: Site, self_service: Path, client: FlaskClient, smtp: RecordingHandler
) -> None:
    form = lxml.html.parse(str(site.root / "dist" / SLUG / "index.html")).find(
        ".//form[@class='subscribe']"
    )
    filled = {
        field.name: "bot@example.org" if field.get("type") == "email" else (field.value or "x")
        for field in form.inputs
        if field.name
    }
    assert "homepage" in filled  # the trap the endpoint knows

    answer = client.post("/subscribe/", data=filled)
    settle(client)

    assert answer.status_code == 200
    assert "Revisa tu correo" in answer.get_data(as_text=True)
    assert smtp.received == [] and statuses(self_service, "bot@example.org") == []


def test_a_form_posted_from_another_site_is_refused_and_changes_nothing(
    self_service: Path, client: FlaskClient, smtp: RecordingHandler
) -> None:
    ours = {"Origin": "https://boletin.muelle.example.org"}
    theirs = {"Origin": "https://evil.example.com"}
    # A browser that leaves Origin out may still say which page the form was on.
    our_page = {"Referer": "https://boletin.muelle.example.org/subscribe/?lang=es"}
    their_page = {"Referer": "https://evil.example.com/free-prize.html"}

    refused = client.post("/subscribe/", data={"email": "victim@example.org"}, headers=theirs)
    accepted = client.post("/subscribe/", data={"email": "reader@example.org"}, headers=ours)
    refused_too = client.post("/subscribe/", data={"email": "v2@example.org"}, headers=their_page)
    accepted_too = client.post("/subscribe/", data={"email": "r2@example.org"}, headers=our_page)
    settle(client)

    assert (refused.status_code, accepted.status_code) == (403, 200)
    assert (refused_too.status_code, accepted_too.status_code) == (403, 200)
    assert sorted(r.recipient for r in smtp.received) == ["r2@example.org", "reader@example.org"]
    assert statuses(self_service, "victim@example.org") == statuses(self_service, "v2@example.org")
    assert statuses(self_service, "v2@example.org") == []


def test_a_greylisting_mail_server_gets_the_link_and_the_welcome_on_a_later_try(
    self_service: Path, client: FlaskClient, smtp: RecordingHandler
) -> None:
    """The visitor is told a link is on its way before it is sent: one the server put off
    (greylisting's 451, a server down) was logged and dropped, the address pending for ever."""
    greylisted = "451 4.7.1 Greylisted, please try again later"
    smtp.answer("lectora@example.org", greylisted, "250 OK")

    answer = client.post("/subscribe/", data={"email": "lectora@example.org"})
    assert "Revisa tu correo" in answer.get_data(as_text=True)
    [confirmation] = arriving(smtp, "lectora@example.org", 1)  # retry_delay is 0.05 s here

    smtp.answer("lectora@example.org", greylisted, "250 OK")
    assert client.post(path_of(link_in(confirmation, "confirm")), data={"confirm": "yes"})
    [_, welcome] = arriving(smtp, "lectora@example.org", 2)
    assert welcome["Subject"] == "Te damos la bienvenida a Boletín del Muelle"
    assert statuses(self_service, "lectora@example.org") == ["active"]


def test_a_subscription_asked_for_while_another_program_writes_to_the_list_gets_its_link_after(
    self_service: Path, smtp: RecordingHandler
) -> None:
    """The visitor was told a link is on its way: a list held past database_timeout (a
    send, an import, a sqlite3 session) made the job fail once, unlogged and never retried,
    and nobody was written down or mailed."""
    configure(self_service, database_timeout=0.2)
    app = create_app(self_service)

    with another_program_writing(self_service):
        answer = app.test_client().post("/subscribe/", data={"email": "lectora@example.org"})
        time.sleep(1)  # the outbox tries, waits its 0.2 s, and tries again, all in vain
        assert smtp.received == []

    assert "Revisa tu correo" in answer.get_data(as_text=True)
    [confirmation] = arriving(smtp, "lectora@example.org", 1)  # retry_delay is 0.05 s here
    assert "/confirm/?token=" in link_in(confirmation, "confirm")
    assert statuses(self_service, "lectora@example.org") == ["pending"]
    app.extensions[OUTBOX].wait()


def arriving(smtp: RecordingHandler, address: str, count: int) -> list[EmailMessage]:
    """The mail to `address` once `count` messages have come, within ten seconds."""
    deadline = time.monotonic() + 10
    while len(mails_to(smtp, address)) < count and time.monotonic() < deadline:
        time.sleep(0.02)
    return mails_to(smtp, address)


def test_a_bad_address_shows_the_form_again_and_sends_nothing(
    client: FlaskClient, smtp: RecordingHandler
) -> None:
    answer = client.post("/subscribe/", data={"email": "not an address", "language": "fr"})
    settle(client)

    assert answer.status_code == 400
    page = lxml.html.fromstring(answer.get_data(as_text=True))
    assert page.get("lang") == "fr" and page.xpath("string(//h1)") == "Vérifiez l’adresse"
    assert page.xpath("//form//input[@type='email']")
    assert smtp.received == []


def test_a_refused_address_stays_in_the_field_marked_invalid_and_tied_to_the_message(
    client: FlaskClient, smtp: RecordingHandler
) -> None:
    """The field came back empty, and nothing but the eye linked the message to it."""
    typed = 'ana@exmaple"><img src=x onerror=alert(1)>'
    answer = client.post("/subscribe/", data={"email": typed, "language": "fr"})
    settle(client)

    assert answer.status_code == 400
    page = lxml.html.fromstring(answer.get_data(as_text=True))
    [field] = page.xpath("//input[@id='email']")
    assert (field.get("value"), field.get("aria-invalid")) == (typed, "true")
    [message] = page.xpath(f"//*[@id='{field.get('aria-describedby')}']")
    assert message.get("role") == "alert" and typed in message.text_content()
    assert page.xpath("//img") == [] and smtp.received == []


def test_a_refused_address_brings_the_reader_back_to_the_field_with_the_reason_read_out(
    site: Site, browser
) -> None:
    from playwright.sync_api import expect

    page = browser.new_page()
    page.goto(f"{site.url}subscribe/")
    page.fill("#email", "ana@exmaple")
    with page.expect_navigation():
        page.click("form button")

    assert page.locator("h1").inner_text() == "Revisa la dirección"
    assert page.evaluate("document.activeElement.id") == "email"
    field = page.locator("#email")
    expect(field).to_have_value("ana@exmaple")
    expect(field).to_have_accessible_description(
        "«ana@exmaple» no es una dirección de correo a la que podamos escribir."
    )
    page.close()


def test_a_browser_that_accepts_any_language_gets_the_newsletters_own_unless_it_names_one_we_have(
    self_service: Path, client: FlaskClient, smtp: RecordingHandler
) -> None:
    """`*` in Accept-Language means "anything else will do", not "the first language you
    have": it gave Arabic, right to left, to a German reader, who was signed up as Arabic."""
    expected = {
        "*": "es",  # the newsletter's own language
        "de-DE,de;q=0.9,*;q=0.5": "es",
        "nl, *;q=0.1": "es",
        "fr;q=0.4, *": "fr",  # a language we have, named: it is theirs
    }
    for accept, language in expected.items():
        form = client.get("/subscribe/", headers={"Accept-Language": accept})
        page = lxml.html.fromstring(form.get_data(as_text=True))
        assert (page.get("lang"), page.get("dir")) == (language, "ltr"), accept
        assert page.xpath("string(//input[@name='language']/@value)") == language, accept

    answer = client.post(
        "/subscribe/", data={"email": "leser@example.org"}, headers={"Accept-Language": "de, *"}
    )
    settle(client)
    assert lxml.html.fromstring(answer.get_data(as_text=True)).get("lang") == "es"
    [confirmation] = mails_to(smtp, "leser@example.org")
    assert confirmation["Subject"] == "Confirma tu suscripción a Boletín del Muelle"
    stored = query(
        self_service, "SELECT language FROM subscribers WHERE address = 'leser@example.org'"
    )
    assert stored == [("es",)]


def test_without_subscribe_form_there_is_no_subscribe_endpoint(delivery_workspace: Path) -> None:
    client = create_app(delivery_workspace).test_client()
    assert client.get("/subscribe/").status_code == 404
    assert client.post("/subscribe/", data={"email": "a@example.org"}).status_code == 404


def test_subscription_pages_pass_the_nu_html_checker_in_arabic_right_to_left(
    site: Site, self_service: Path, client: FlaskClient, tmp_path: Path
) -> None:
    """One run of the checker (it costs seconds) for every page a subscriber sees."""
    form = client.get("/subscribe/", headers={"Accept-Language": "ar"})
    answer = client.post("/subscribe/", data={"email": "qari@example.org", "language": "ar"})
    refused = client.post("/subscribe/", data={"email": "x", "language": "ar"})
    assert (form.status_code, answer.status_code, refused.status_code) == (200, 200, 400)
    add_subscribers(self_service, {"ana@example.org": "active"})
    token = list_tokens(self_service).unsubscribe(1, SLUG)
    unsubscribe = client.get(f"/unsubscribe/?token={token}")
    assert unsubscribe.status_code == 200 and "<button" in unsubscribe.get_data(as_text=True)
    arabic = lxml.html.fromstring(form.get_data(as_text=True))
    assert (arabic.get("lang"), arabic.get("dir")) == ("ar", "rtl")
    assert arabic.xpath("string(//h1)") == "اشترك في Boletín del Muelle"
    assert form.headers["Referrer-Policy"] == "same-origin"  # so the POST carries its Origin

    pages = {
        "subscribe.html": form,
        "answer.html": answer,
        "refused.html": refused,
        "unsubscribe.html": unsubscribe,
    }
    for name, response in pages.items():
        (tmp_path / name).write_text(response.get_data(as_text=True), encoding="utf-8")
    archive_page = site.root / "dist" / SLUG / "index.html"
    assert nu_html_errors([archive_page, *(tmp_path / name for name in pages)]) == []
