"""Links that cannot be turned against a list (issue 13): what the subscription endpoint,
the subscriber export and publisher.toml refuse, through the real Flask app, waitress,
SQLite files and the loopback SMTP server."""

from __future__ import annotations

import base64
import csv
import http.client
import re
import shutil
from email import message_from_bytes, policy
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from click.testing import CliRunner
from delivery_support import SLUG, RecordingHandler, add_subscribers, query, serving

from publisher.cli import main
from publisher.delivery.endpoints import OUTBOX, create_app
from publisher.delivery.send import SendRequest, send

ONE_CLICK = {"List-Unsubscribe": "One-Click"}


def invoke(root: Path, *args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, ["-C", str(root), *args])


def status_of(root: Path, address: str) -> str:
    return query(root, "SELECT status FROM subscribers WHERE address = ?", address)[0][0]


def another_list(root: Path, tmp_path: Path) -> Path:
    """A second workspace, another newsletter at another address, that signs its links
    with the same PUBLISHER_SECRET_KEY (the red team's set-up), and an empty list."""
    other = tmp_path / "another-list"
    shutil.copytree(root, other)
    (other / "subscribers.sqlite3").unlink(missing_ok=True)
    config = other / "publisher.toml"
    text = config.read_text("utf-8")
    text = text.replace('title = "Boletín del Muelle"', 'title = "Hoja Vecinal"')
    text = text.replace("https://boletin.muelle.example.org/", "https://hoja.vecinal.example.net/")
    config.write_text(text, "utf-8")
    return other


def emailed_path(data: bytes, kind: str) -> str:
    """The path and query of the first /unsubscribe/ or /confirm/ link in a message."""
    message = message_from_bytes(data, policy=policy.default)
    text = message.get_body(("plain",)).get_content()
    url = urlsplit(re.search(rf"https://\S+/{kind}/\?token=[A-Za-z0-9_.\-]+", text).group(0))
    return f"{url.path}?{url.query}"


def test_an_unsubscribe_link_of_one_list_is_refused_by_another_list_with_the_same_secret(
    delivery_workspace: Path, smtp: RecordingHandler, tmp_path: Path
) -> None:
    ours = delivery_workspace
    theirs = another_list(ours, tmp_path)
    add_subscribers(ours, {"ana@example.org": "active"})
    add_subscribers(theirs, {"victim@example.net": "active"})  # the same id, 1, on both lists
    send(ours, SendRequest(SLUG))
    [copy] = smtp.received
    link = emailed_path(copy.data, "unsubscribe")

    refused = create_app(theirs).test_client().post(link, data=ONE_CLICK)

    assert refused.status_code == 400
    assert "Este enlace no es válido" in refused.get_data(as_text=True)  # the list's language
    assert status_of(theirs, "victim@example.net") == "active"
    accepted = create_app(ours).test_client().post(link, data=ONE_CLICK)
    assert accepted.status_code == 200 and status_of(ours, "ana@example.org") == "unsubscribed"


def test_a_confirmation_link_of_one_list_is_refused_by_another_list_with_the_same_secret(
    delivery_workspace: Path, smtp: RecordingHandler, tmp_path: Path
) -> None:
    ours = delivery_workspace
    theirs = another_list(ours, tmp_path)
    add_subscribers(theirs, {"pending@example.net": "pending"})  # id 1 there, unconfirmed
    assert invoke(ours, "subscribers", "add", "me@example.org", "--double-opt-in").exit_code == 0
    [confirmation] = smtp.received
    link = emailed_path(confirmation.data, "confirm")

    client = create_app(theirs).test_client()
    assert client.get(link).status_code == 400
    refused = client.post(link, data={"confirm": "yes"})

    assert refused.status_code == 400
    assert "Este enlace no es válido" in refused.get_data(as_text=True)
    assert status_of(theirs, "pending@example.net") == "pending"


def respelled(token: str) -> str:
    """The same token with its signature written differently: the last base64 character of
    the 32-byte signature carries two unused bits, which base64 decoding ignores."""
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    return token[:-1] + alphabet[alphabet.index(token[-1]) ^ 1]


def test_a_used_confirmation_link_stays_used_when_its_signature_is_spelled_differently(
    delivery_workspace: Path, smtp: RecordingHandler
) -> None:
    root = delivery_workspace
    assert invoke(root, "subscribers", "add", "me@example.org", "--double-opt-in").exit_code == 0
    [confirmation] = smtp.received
    link = emailed_path(confirmation.data, "confirm")
    again = respelled(link)
    signature, other = link.rsplit(".", 1)[1], again.rsplit(".", 1)[1]
    assert other != signature
    assert base64.urlsafe_b64decode(other + "=") == base64.urlsafe_b64decode(signature + "=")
    client = create_app(root).test_client()

    assert client.post(link, data={"confirm": "yes"}).status_code == 200
    replayed = client.post(again, data={"confirm": "yes"})
    # the welcome, sent in the background, is done before the next test restores the list
    client.application.extensions[OUTBOX].wait()

    assert replayed.status_code == 410
    assert "Este enlace ya se ha usado" in replayed.get_data(as_text=True)
    assert query(root, "SELECT COUNT(*) FROM used_tokens") == [(1,)]


def test_redirects_lead_to_base_url_whatever_host_the_request_names(
    delivery_workspace: Path,
) -> None:
    from waitress import create_server

    app = create_app(delivery_workspace)
    with serving(create_server(app, host="127.0.0.1", port=0, threads=2)) as port:
        for method, path, expected in [
            ("GET", "/unsubscribe?token=abc", "unsubscribe/?token=abc"),
            ("POST", "/confirm?token=abc", "confirm/?token=abc"),
            ("GET", "//unsubscribe//?token=abc", "unsubscribe/?token=abc"),
        ]:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            headers = {"Host": "evil.example.com", "X-Forwarded-Host": "evil.example.com"}
            connection.request(method, path, headers=headers)
            response = connection.getresponse()
            connection.close()

            assert 300 <= response.status < 400, (path, response.status)
            location = response.headers["Location"]
            assert location == f"https://boletin.muelle.example.org/{expected}", path


def with_base_url(root: Path, value: str) -> None:
    """Line 2 of the minimal workspace's publisher.toml, as TOML (escapes allowed)."""
    config = root / "publisher.toml"
    lines = config.read_text("utf-8").splitlines()
    assert lines[1].startswith("base_url = ")
    lines[1] = f'base_url = "{value}"'
    config.write_text("\n".join(lines) + "\n", "utf-8")


@pytest.mark.parametrize(
    ("value", "why"),
    [
        ("https://news.example.org/>, <mailto:list@evil.example>", "<"),  # a second target
        ("https://news.example.org/ x", "space"),
        ("https://news.example.org/\\ttab", "control"),
        ('https://news.example.org/\\"q', '"'),
        ("https://news.example.org/a,b", ","),
        ("https://news.example.org/\\u0007", "control"),
        ("https://editor:pw@news.example.org/", "user"),
        ("https://news.example.org@evil.example/", "user"),
        ("https://news.example.org/?x=1", "query"),
        ("https://news.example.org/#top", "fragment"),
        ("https:///news/", "host"),
        ("https://news.example.org:99999/", "port"),
        ("ftp://news.example.org/", "http"),
        ("news.example.org", "http"),
    ],
)
def test_a_base_url_that_could_break_a_header_or_a_link_is_refused_with_file_and_line(
    workspace, value: str, why: str
) -> None:  # type: ignore[no-untyped-def]
    root = workspace("minimal")
    with_base_url(root, value)

    result = invoke(root, "subscribers", "list")

    assert result.exit_code == 1 and "Traceback" not in result.output, result.output
    assert "publisher.toml:2: base_url" in result.output, result.output
    assert why in result.output and "hint: " in result.output, result.output


@pytest.mark.parametrize(
    "value",
    [
        "https://news.example.org",
        "http://localhost:8080/bulletin/",
        "https://xn--bcher-kva.example/",
    ],
)
def test_plain_http_and_https_base_urls_are_accepted(workspace, value: str) -> None:  # type: ignore[no-untyped-def]
    root = workspace("minimal")
    with_base_url(root, value)

    assert invoke(root, "subscribers", "list").exit_code == 0


FORMULAS = {
    "=cmd@example.org": "=cmd|' /C calc'!A0",
    "+1+1@example.org": "+1+1",
    "minus@example.org": "-2+3",
    "at@example.org": "@SUM(1+1)",
    "quoted@example.org": "'=already quoted",
    "plain@example.org": "Ana O'Neill",
}


def test_export_neutralises_formulas_and_importing_the_export_restores_every_value(
    delivery_workspace: Path, tmp_path: Path
) -> None:
    root = delivery_workspace
    for address, name in FORMULAS.items():
        added = invoke(root, "subscribers", "add", address, "--name", name, "--tag", "-docks")
        assert added.exit_code == 0, added.output
    exported = tmp_path / "export.csv"
    assert invoke(root, "subscribers", "export", str(exported)).exit_code == 0

    with exported.open(newline="", encoding="utf-8") as handle:
        cells = [cell for row in list(csv.reader(handle))[1:] for cell in row]
    assert not [cell for cell in cells if cell[:1] in ("=", "+", "-", "@", "\t", "\r")]
    assert "'=cmd|' /C calc'!A0" in cells and "'-docks" in cells

    fresh = tmp_path / "fresh"
    fresh.mkdir()
    shutil.copy(root / "publisher.toml", fresh / "publisher.toml")
    restored = invoke(fresh, "subscribers", "import", str(exported))
    assert restored.exit_code == 0, restored.output
    assert dict(query(fresh, "SELECT address, name FROM subscribers")) == FORMULAS
    assert query(fresh, "SELECT DISTINCT tags FROM subscribers") == [("-docks",)]
