"""`publisher serve` answers only requests addressed to this machine by name: a page on
another site whose name was made to point at 127.0.0.1 (DNS rebinding) gets nothing."""

from __future__ import annotations

import http.client
from collections.abc import Iterator

import pytest
from conftest import answering

from publisher.serve.http import PreviewServer
from publisher.serve.status import Status


@pytest.fixture(scope="module")
def port(tmp_path_factory: pytest.TempPathFactory) -> Iterator[int]:
    """The real preview server on a free port, serving a dist/ with one page: one for the
    module (requests change nothing)."""
    dist = tmp_path_factory.mktemp("hosts") / "dist"
    dist.mkdir()
    (dist / "index.html").write_text("<!DOCTYPE html><title>t</title><body>secret</body>")
    server = PreviewServer(0, dist, Status(), "https://news.example.org/")
    with answering(server) as port:
        yield port


def get(port: int, host: str | None, method: str = "GET") -> tuple[int, str]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.putrequest(method, "/", skip_host=True)
        if host is not None:
            connection.putheader("Host", host)
        connection.endheaders()
        response = connection.getresponse()
        return response.status, response.read().decode("utf-8", "replace")
    finally:
        connection.close()


@pytest.mark.parametrize(
    "host",
    ["localhost", "LocalHost:8000", "127.0.0.1", "127.0.0.1:8000", "[::1]", "[::1]:8000"],
)
def test_requests_naming_this_machine_are_answered(port: int, host: str) -> None:
    status, body = get(port, host)
    assert status == 200 and "secret" in body


@pytest.mark.parametrize(
    "host",
    [
        "attacker.example",
        f"attacker.example:{8000}",
        "localhost.attacker.example",
        "127.0.0.1.nip.io",
        "127.0.0.2",
        "localhost:80:80",
        "localhost:http",
        "[::1]x",
        "",
        None,  # no Host header at all
    ],
)
def test_requests_naming_another_host_are_refused_with_a_short_message(
    port: int, host: str | None
) -> None:
    for method in ("GET", "HEAD"):
        status, body = get(port, host, method)
        assert status in (400, 421), (host, method)
        assert "secret" not in body
    assert "localhost" in get(port, host)[1]  # the message says which addresses work
