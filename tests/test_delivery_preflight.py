"""Issue 14, part 1: `publisher send` finds a wrong SMTP setting at once and says which, and
`--dry-run` talks to the server as a send would (EHLO, STARTTLS, AUTH) and reports what a
send would use and whom it would reach. Real servers on loopback: aiosmtpd (plain, and
with STARTTLS and AUTH), a socket that never answers, an HTTP server for --check-online."""

from __future__ import annotations

import io
import re
import shutil
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import WORKSPACES, copy_workspace, serving_folder
from delivery_support import (
    SLUG,
    SMTP_PASSWORD,
    SMTP_USER,
    RecordingHandler,
    SecureServer,
    add_subscribers,
    configure,
    configure_secure,
    query,
)
from rich.console import Console

from publisher.build import build
from publisher.cli import main
from publisher.delivery.console import SendProgressBar


def invoke(root: Path, *args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, ["-C", str(root), *args])


def closed_port() -> int:
    """A loopback port with nothing listening on it."""
    with socket.socket() as unused:
        unused.bind(("127.0.0.1", 0))
        return unused.getsockname()[1]


def nothing_sent(root: Path, server: RecordingHandler) -> bool:
    return not server.received and query(root, "SELECT COUNT(*) FROM deliveries") == [(0,)]


def subscribers_of_several_languages_and_tags(root: Path) -> None:
    add_subscribers(root, {"ana@example.org": "active", "ben@example.org": "active"})
    add_subscribers(root, {"carla@example.org": "active", "gone@example.org": "unsubscribed"})
    for address, language, tags in (
        ("ana@example.org", "es", "muelle"),
        ("ben@example.org", "ar", "muelle,salud"),
        ("carla@example.org", "", ""),
    ):
        _set(root, address, language, tags)


def _set(root: Path, address: str, language: str, tags: str) -> None:
    import sqlite3

    from publisher.config import load_config

    db = sqlite3.connect(load_config(root).delivery.database_path(root))
    with db:
        db.execute(
            "UPDATE subscribers SET language = ?, tags = ? WHERE address = ?",
            (language, tags, address),
        )
    db.close()


@pytest.mark.parametrize("dry_run", [False, True], ids=["send", "dry-run"])
def test_a_port_with_nothing_listening_stops_at_once_naming_host_and_port(
    delivery_workspace: Path, smtp: RecordingHandler, dry_run: bool
) -> None:
    root = delivery_workspace
    port = closed_port()
    configure(root, smtp_port=port)
    add_subscribers(root, {"a@example.org": "active", "b@example.org": "active"})

    result = invoke(root, "send", SLUG, *(["--dry-run"] if dry_run else []))

    assert result.exit_code == 1
    assert f"the SMTP server 127.0.0.1:{port} cannot be reached" in result.output
    assert "ConnectionRefusedError" in result.output
    assert "hint: check smtp_host and smtp_port" in result.output
    assert "Traceback" not in result.output
    assert query(root, "SELECT COUNT(*) FROM sends") == [(0,)]  # nothing queued


def test_a_test_copy_to_a_closed_port_names_host_and_port(
    delivery_workspace: Path, smtp: RecordingHandler
) -> None:
    port = closed_port()
    configure(delivery_workspace, smtp_port=port)

    result = invoke(delivery_workspace, "send", SLUG, "--to", "editor@example.org")

    assert result.exit_code == 1
    assert f"127.0.0.1:{port} cannot be reached" in result.output


@pytest.fixture
def silent_server() -> Iterator[int]:
    """A port that accepts connections (the kernel does) but never says a word."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        yield listener.getsockname()[1]


def test_a_server_that_never_answers_stops_the_send_after_the_timeout(
    delivery_workspace: Path, smtp: RecordingHandler, silent_server: int
) -> None:
    root = delivery_workspace
    configure(root, smtp_port=silent_server, timeout=1)
    add_subscribers(root, {"a@example.org": "active"})

    result = invoke(root, "send", SLUG)

    assert result.exit_code == 1
    assert f"127.0.0.1:{silent_server} did not answer within 1 s" in result.output
    assert query(root, "SELECT COUNT(*) FROM sends") == [(0,)]


def test_the_dry_run_reports_ehlo_starttls_auth_and_the_recipients(
    delivery_workspace: Path, secure_smtp: SecureServer
) -> None:
    root = delivery_workspace
    configure_secure(root, secure_smtp)
    subscribers_of_several_languages_and_tags(root)

    result = invoke(root, "send", SLUG, "--dry-run")

    assert result.exit_code == 0, result.output
    out = " ".join(result.output.split())
    port = secure_smtp.controller.port
    assert f"SMTP server 127.0.0.1:{port} (starttls)" in out
    assert re.search(r"connect 220 \S+", out)
    assert re.search(r"EHLO 250 \S+; offers .*STARTTLS", out)
    assert re.search(r"STARTTLS 220 .*; TLSv1\.[23]", out)
    assert "AUTH PLAIN" in out or "AUTH LOGIN" in out  # offered after STARTTLS only
    assert f"AUTH 235 2.7.0 Authentication successful (as {SMTP_USER})" in out
    assert "From Boletín del Muelle <boletin@muelle.example.org>" in out
    assert "envelope sender boletin@muelle.example.org" in out
    assert "base_url https://boletin.muelle.example.org/" in out
    assert "recipients 3 " in out
    assert "by language ar 1, es 1, es (not set) 1" in out
    assert "by tag muelle 2, salud 1, (no tag) 1" in out
    # The test workspace's names are in example.org: reserved for examples, so warned about.
    assert "warning: the sender (From) boletin@muelle.example.org is a placeholder" in out
    assert "[email] from: set it in publisher.toml" in out  # shown as written, not as markup
    assert "warning: base_url https://boletin.muelle.example.org/ is a placeholder" in out
    assert "dry run: nothing sent" in out
    assert nothing_sent(root, secure_smtp.handler)


def test_a_real_send_logs_in_over_starttls_and_a_wrong_password_stops_it_at_once(
    delivery_workspace: Path, secure_smtp: SecureServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = delivery_workspace
    configure_secure(root, secure_smtp)
    add_subscribers(root, {"a@example.org": "active", "b@example.org": "active"})
    monkeypatch.setenv("PUBLISHER_SMTP_PASSWORD", "not the password")

    refused = invoke(root, "send", SLUG)

    port = secure_smtp.controller.port
    assert refused.exit_code == 1
    assert f"the SMTP server 127.0.0.1:{port} refused our login as 'boletin': 535" in (
        refused.output
    )
    assert "PUBLISHER_SMTP_PASSWORD" in refused.output and "not the password" not in (
        refused.output
    )
    assert nothing_sent(root, secure_smtp.handler)

    monkeypatch.setenv("PUBLISHER_SMTP_PASSWORD", SMTP_PASSWORD)
    sent = invoke(root, "send", SLUG)
    assert sent.exit_code == 0, sent.output
    assert secure_smtp.handler.copies() == {"a@example.org": 1, "b@example.org": 1}


def test_starttls_asked_of_a_server_without_it_is_named_with_the_fix(
    delivery_workspace: Path, smtp: RecordingHandler
) -> None:
    root = delivery_workspace
    configure(root, smtp_security="starttls")  # the plain test server offers no STARTTLS
    add_subscribers(root, {"a@example.org": "active"})

    result = invoke(root, "send", SLUG, "--dry-run")

    assert result.exit_code == 1
    assert "does not offer STARTTLS" in result.output
    assert 'smtp_security = "ssl"' in result.output
    assert re.search(r"EHLO\s+250", result.output)  # the steps that worked are shown
    assert nothing_sent(root, smtp)


@pytest.mark.parametrize("dry_run", [False, True], ids=["send", "dry-run"])
def test_a_login_asked_of_a_server_that_offers_no_auth_says_so_with_the_fix(
    delivery_workspace: Path,
    smtp: RecordingHandler,
    monkeypatch: pytest.MonkeyPatch,
    dry_run: bool,
) -> None:
    """Postfix on 587 offers AUTH only after STARTTLS: without it, EHLO lists no AUTH."""
    root = delivery_workspace
    configure(root, smtp_username=SMTP_USER)  # the plain test server offers no AUTH
    monkeypatch.setenv("PUBLISHER_SMTP_PASSWORD", SMTP_PASSWORD)
    add_subscribers(root, {"a@example.org": "active"})

    result = invoke(root, "send", SLUG, *(["--dry-run"] if dry_run else []))

    said = " ".join(result.output.split())
    assert result.exit_code == 1
    assert "offers no login we can use" in said
    assert "use smtp_security = starttls or ssl" in said and "remove smtp_username" in said
    assert "closed the connection" not in said and "the server is running" not in said
    assert nothing_sent(root, smtp)


@pytest.mark.parametrize("dry_run", [False, True], ids=["send", "dry-run"])
def test_a_server_that_wants_starttls_first_stops_the_send_before_anything_is_queued(
    delivery_workspace: Path, secure_smtp: SecureServer, dry_run: bool
) -> None:
    """smtp_security = "none" with a server that takes mail only after STARTTLS (a common
    first set-up): the dry run said nothing was wrong; the send recorded every reader
    queued, then stopped blaming the envelope sender and [email] from."""
    root = delivery_workspace
    configure(root, smtp_port=secure_smtp.controller.port)  # smtp_security = "none"
    add_subscribers(root, {"a@example.org": "active", "b@example.org": "active"})

    result = invoke(root, "send", SLUG, *(["--dry-run"] if dry_run else []))

    said = " ".join(result.output.split())
    assert result.exit_code == 1
    assert "530 Must issue a STARTTLS command first" in said
    assert 'set smtp_security = "starttls" in [delivery]' in said
    assert "refuses our envelope sender" not in said and "[email] from /" not in said
    assert nothing_sent(root, secure_smtp.handler)
    assert query(root, "SELECT COUNT(*) FROM sends") == [(0,)]


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")
def test_a_server_that_wants_a_login_first_names_the_settings_to_log_in_with(
    delivery_workspace: Path,
) -> None:
    """A relay that takes mail only from a logged-in user, reached without smtp_username."""
    from aiosmtpd.smtp import AuthResult
    from delivery_support import _EphemeralPortController

    handler = RecordingHandler()
    server = _EphemeralPortController(
        handler,
        hostname="127.0.0.1",
        port=0,
        auth_required=True,
        auth_require_tls=False,
        authenticator=lambda *_: AuthResult(success=False),
    )
    server.start()
    root = delivery_workspace
    configure(root, smtp_port=server.port)
    add_subscribers(root, {"a@example.org": "active"})

    try:
        dry_run = invoke(root, "send", SLUG, "--dry-run")
        sent = invoke(root, "send", SLUG)
    finally:
        server.stop()

    for result in (dry_run, sent):
        said = " ".join(result.output.split())
        assert result.exit_code == 1
        assert "takes mail only from a logged-in user: 530 5.7.0 Authentication required" in said
        assert "set smtp_username in [delivery]" in said and "PUBLISHER_SMTP_PASSWORD" in said
    assert nothing_sent(root, handler)


def test_the_progress_bar_appears_only_once_the_server_accepts_a_message() -> None:
    screen = io.StringIO()
    console = Console(file=screen, force_terminal=True, width=100)
    with SendProgressBar(console) as bar:
        bar.begin(3)
        bar.settled("deferred")
        assert screen.getvalue() == ""
        bar.settled("sent")
        bar.settled("sent")
    assert "2/3" in screen.getvalue() or "sending" in screen.getvalue()


# --check-online: one HEAD request for the issue's page under base_url ----------------------


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """A web server on loopback serving a folder (empty at first): base_url and folder."""
    folder = tmp_path_factory.mktemp("site")
    with serving_folder(folder) as url:
        yield url, folder


@pytest.fixture(scope="module")
def workspace_on_site(
    site: tuple[str, Path], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Path]:
    """The email workspace published at the loopback site, its email built for it."""
    root = copy_workspace(WORKSPACES / "email", tmp_path_factory.mktemp("online"))
    config = root / "publisher.toml"
    text = config.read_text("utf-8")
    config.write_text(text.replace("https://boletin.muelle.example.org/", site[0]), "utf-8")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", "1767225600")
        build(root, [SLUG], ["email"])
    yield root
    shutil.rmtree(root, ignore_errors=True)


def test_check_online_warns_until_the_issue_page_is_published(
    workspace_on_site: Path,
    site: tuple[str, Path],
    smtp: RecordingHandler,
    smtp_controller,  # type: ignore[no-untyped-def]
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    root, (base_url, folder) = workspace_on_site, site
    monkeypatch.setenv("PUBLISHER_SECRET_KEY", "test-secret-key-for-signing-links")
    configure(root, smtp_host="127.0.0.1", smtp_port=smtp_controller.port, smtp_security="none")
    add_subscribers(root, {"a@example.org": "active"})

    before = invoke(root, "send", SLUG, "--dry-run", "--check-online")
    without = invoke(root, "send", SLUG, "--dry-run")
    (folder / SLUG).mkdir()
    (folder / SLUG / "index.html").write_text("<!doctype html><title>007</title>", "utf-8")
    after = invoke(root, "send", SLUG, "--dry-run", "--check-online")

    assert before.exit_code == 0, before.output
    page = f"{base_url}{SLUG}/"
    assert f"the issue's web page is not online: {page} answers 404" in " ".join(
        before.output.split()
    )
    assert "not online" not in without.output  # no request unless asked
    assert after.exit_code == 0 and "not online" not in after.output
    assert f"base_url {base_url} is a placeholder" not in " ".join(after.output.split())
    assert not smtp.received


def test_an_email_linking_to_this_machine_is_warned_of_by_a_dry_run_and_not_sent_to_the_list(
    workspace_on_site: Path,
    site: tuple[str, Path],
    smtp: RecordingHandler,
    smtp_controller,  # type: ignore[no-untyped-def]
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """base_url http://127.0.0.1:…/ (left from trying the archive locally) makes every link,
    image and unsubscribe page in the email dead for subscribers: the dry run says so, the
    send refuses, and --local-links sends to a list whose readers are on this machine."""
    root, (base_url, _) = workspace_on_site, site
    monkeypatch.setenv("PUBLISHER_SECRET_KEY", "test-secret-key-for-signing-links")
    configure(root, smtp_host="127.0.0.1", smtp_port=smtp_controller.port, smtp_security="none")
    add_subscribers(root, {"lectora@example.org": "active"})

    dry = invoke(root, "send", SLUG, "--dry-run")
    refused = invoke(root, "send", SLUG)

    assert dry.exit_code == 0, dry.output
    said = " ".join(dry.output.split())
    assert f"warning: base_url {base_url} is this machine's own address" in said, said
    assert refused.exit_code != 0
    said = " ".join(refused.output.split())
    assert f"base_url {base_url} is this machine's own address" in said, said
    assert "--local-links" in said
    assert nothing_sent(root, smtp)

    local = invoke(root, "send", SLUG, "--local-links")
    assert local.exit_code == 0, local.output
    assert "lectora@example.org" in [r.recipient for r in smtp.received]  # the module's list


def test_pictures_and_pages_the_email_links_to_that_are_not_built_are_named_before_a_send(
    delivery_workspace: Path, smtp: RecordingHandler
) -> None:
    """`publisher build 007 --format email` (the hint send gives) writes the email alone: its
    pictures and the issue's pages are made by the web build. Sent so, readers got broken
    images and links to pages that were not there, and neither --dry-run nor send said so.
    Not a refusal: the archive may be built and published from another machine."""
    root = delivery_workspace
    add_subscribers(root, {"lectora@example.org": "active"})

    dry = invoke(root, "send", SLUG, "--dry-run")
    proof = invoke(root, "send", SLUG, "--to", "editor@example.net")

    for result in (dry, proof):
        assert result.exit_code == 0, result.output
        said = " ".join(result.output.split())
        assert "the email links to under base_url are not built in dist/" in said, said
        for missing in (f"{SLUG}/", "media-email/media/puerto", f"{SLUG}/huelga-estibadores/"):
            assert missing in said, said
        assert f"'publisher build {SLUG} --format email,web'" in said, said
        assert "caja/" not in said  # the organisation's own page, not one the build makes
    assert [r.recipient for r in smtp.received] == ["editor@example.net"]

    invoke(root, "build", SLUG, "--format", "web")
    built = invoke(root, "send", SLUG, "--dry-run")
    assert built.exit_code == 0, built.output
    assert "not built" not in built.output


def test_a_send_to_the_list_warns_of_pictures_not_built_and_goes_on(
    delivery_workspace: Path, smtp: RecordingHandler
) -> None:
    root = delivery_workspace
    add_subscribers(root, {"lectora@example.org": "active"})

    sent = invoke(root, "send", SLUG)

    assert sent.exit_code == 0, sent.output
    assert "media-email/media/puerto" in " ".join(sent.output.split())
    assert [r.recipient for r in smtp.received] == ["lectora@example.org"]


def test_init_s_postal_address_placeholder_is_warned_of_by_the_dry_run_test_copy_and_send(
    delivery_workspace: Path, smtp: RecordingHandler
) -> None:
    """`publisher init --language es` writes contact = "Dirección postal · …" and asks for it
    to be edited before sending: the postal address every email's footer shows (and the
    law on bulk mail asks for). Left as it was, nothing said so when the issue went out."""
    root = delivery_workspace
    add_subscribers(root, {"lectora@example.org": "active"})
    warning = "[organisation] contact in publisher.toml is still the placeholder"
    assert warning not in " ".join(invoke(root, "send", SLUG, "--dry-run").output.split())

    config = root / "publisher.toml"
    config.write_text(
        config.read_text("utf-8").replace(
            'contact = "Calle del Puerto 4, 11006 Cádiz · ',
            'contact = "Dirección postal · ',
        ),
        "utf-8",
    )
    build(root, [SLUG], ["email"])
    dry = invoke(root, "send", SLUG, "--dry-run")
    proof = invoke(root, "send", SLUG, "--to", "editor@example.net")
    sent = invoke(root, "send", SLUG)

    for result in (dry, proof, sent):
        assert result.exit_code == 0, result.output
        said = " ".join(result.output.split())
        assert f"warning: {warning} 'Dirección postal'" in said, said
        assert f"'publisher build {SLUG} --format email'" in said, said
    assert [r.recipient for r in smtp.received] == ["editor@example.net", "lectora@example.org"]
