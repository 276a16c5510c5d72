"""With a DKIM key configured, every copy is signed, the signature verifies with dkimpy, and
it covers the List-Unsubscribe headers (RFC 8058 §4) as well as From, Subject, Date and
Message-ID."""

from __future__ import annotations

import re
from email import message_from_bytes, policy
from pathlib import Path

import dkim
import pytest
from click.testing import CliRunner
from conftest import BuiltInPlace
from delivery_support import SLUG, RecordingHandler, add_subscribers, configure, dkim_key_pair

from publisher.cli import main
from publisher.delivery.dkim_signer import DkimSigner
from publisher.delivery.endpoints import OUTBOX, create_app
from publisher.delivery.preflight import dkim_findings
from publisher.delivery.send import SendRequest, send

SELECTOR, DOMAIN = "bulletin2026", "muelle.example.org"
COVERED = {
    "from",
    "subject",
    "date",
    "message-id",
    "list-id",
    "list-unsubscribe",
    "list-unsubscribe-post",
}


@pytest.fixture(scope="module")
def key_pair() -> tuple[bytes, bytes]:
    """A fresh RSA key: (private key PEM, the DNS TXT record publishing its public half)."""
    return dkim_key_pair()


def test_every_copy_is_signed_and_the_signature_covers_the_unsubscribe_headers(
    delivery_workspace: Path,
    smtp: RecordingHandler,
    key_pair: tuple[bytes, bytes],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    private, record = key_pair
    root = delivery_workspace
    configure(root, dkim_selector=SELECTOR, dkim_domain=DOMAIN)
    monkeypatch.setenv("PUBLISHER_DKIM_KEY", private.decode())
    add_subscribers(root, {f"r{n}@example.org": "active" for n in range(3)})
    looked_up: list[bytes] = []

    def dns(name: bytes, timeout: int = 5) -> bytes | None:
        looked_up.append(name)
        return record if name == f"{SELECTOR}._domainkey.{DOMAIN}.".encode() else None

    send(root, SendRequest(SLUG))

    assert len(smtp.received) == 3
    for received in smtp.received:
        assert dkim.verify(received.data, dnsfunc=dns), received.recipient
        signature = received.data.split(b"\r\n\r\n")[0].decode()
        tag = re.search(r"\bh=([^;]+)", signature.replace("\r\n", ""))
        assert tag, signature
        signed = tag.group(1)
        assert {name.strip().lower() for name in signed.split(":")} >= COVERED
        # Someone swapping the unsubscribe link (the first token= is the header's) breaks it.
        forged = re.sub(rb"token=[A-Za-z0-9_.\-]+", b"token=forged", received.data, count=1)
        assert forged != received.data and not dkim.verify(forged, dnsfunc=dns)
    assert set(looked_up) == {f"{SELECTOR}._domainkey.{DOMAIN}.".encode()}


def test_the_confirmation_link_and_the_welcome_are_signed_as_the_issue_is(
    delivery_workspace: Path,
    smtp: RecordingHandler,
    key_pair: tuple[bytes, bytes],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Under DMARC p=reject an unsigned confirmation never arrives: nobody could sign up."""
    private, record = key_pair
    root = delivery_workspace
    configure(root, dkim_selector=SELECTOR, dkim_domain=DOMAIN)
    monkeypatch.setenv("PUBLISHER_DKIM_KEY", private.decode())

    def dns(name: bytes, timeout: int = 5) -> bytes | None:
        return record if name == f"{SELECTOR}._domainkey.{DOMAIN}.".encode() else None

    added = CliRunner().invoke(
        main, ["-C", str(root), "subscribers", "add", "nadia@example.org", "--double-opt-in"]
    )
    assert added.exit_code == 0, added.output
    [confirmation] = smtp.received
    assert confirmation.data.startswith(b"DKIM-Signature:")
    assert dkim.verify(confirmation.data, dnsfunc=dns)

    body = message_from_bytes(confirmation.data, policy=policy.default).get_content()
    link = re.search(r"/confirm/\?token=\S+", body)
    assert link, body
    app = create_app(root)
    assert app.test_client().post(link.group(0), data={"confirm": "yes"}).status_code == 200
    app.extensions[OUTBOX].wait()
    [_, welcome] = smtp.received
    assert dkim.verify(welcome.data, dnsfunc=dns)


def test_a_configured_selector_without_its_key_stops_before_sending(
    delivery_workspace: Path, smtp: RecordingHandler, monkeypatch: pytest.MonkeyPatch
) -> None:
    from publisher.errors import PublisherError

    configure(delivery_workspace, dkim_selector=SELECTOR)
    monkeypatch.delenv("PUBLISHER_DKIM_KEY", raising=False)
    add_subscribers(delivery_workspace, {"a@example.org": "active"})
    with pytest.raises(PublisherError, match="PUBLISHER_DKIM_KEY"):
        send(delivery_workspace, SendRequest(SLUG))
    assert not smtp.received


@pytest.mark.parametrize("line_ends", ["CRLF", "a bare LF in the body"])
def test_the_signature_is_the_one_dkimpy_makes(
    built_email_workspace: BuiltInPlace,
    key_pair: tuple[bytes, bytes],
    monkeypatch: pytest.MonkeyPatch,
    line_ends: str,
) -> None:
    """Only the RSA step is not dkimpy's (it is OpenSSL's, ten times faster); RSA PKCS#1
    v1.5 signatures are deterministic, so at the same second the headers are identical."""
    from publisher.delivery.copies import Template
    from publisher.delivery.dkim_signer import DKIM_HEADERS, DkimSigner

    private, _ = key_pair
    eml = next((built_email_workspace.kept / "dist").glob("*/email.eml"))
    message = Template.read(eml).personalise("ann@example.org", "<1@example.org>", "a.B-c_1")
    if line_ends != "CRLF":
        head, body = message.split(b"\r\n\r\n", 1)
        message = head + b"\r\n\r\n" + body.replace(b"\r\n", b"\n", 1)
    monkeypatch.setattr(dkim.time, "time", lambda: 1767225600.5)
    expected = dkim.sign(
        message,
        SELECTOR.encode(),
        DOMAIN.encode(),
        private,
        include_headers=[name.encode() for name in DKIM_HEADERS],
    )
    signed = DkimSigner(SELECTOR, DOMAIN, private).sign(message, now=1767225600)
    assert signed == expected + message


def test_a_key_that_is_not_rsa_pem_is_named_as_the_problem() -> None:
    from publisher.errors import PublisherError

    with pytest.raises(PublisherError, match="cannot DKIM-sign with the configured key"):
        DkimSigner(SELECTOR, DOMAIN, b"-----BEGIN PRIVATE KEY-----\nnot a key\n")


@pytest.mark.parametrize(
    ("dkim_domain", "warned"),
    [
        ("mailer.example.net", "is not under"),  # a mailing service's own domain
        (DOMAIN, ""),  # the From address's: boletin@muelle.example.org
        ("example.org", ""),  # a parent of it: DMARC's relaxed alignment
        ("news.example.org", ""),  # a sibling under the same registered domain: the same
        ("org", "is a public suffix"),  # no one's registered domain: it never aligns
    ],
)
def test_the_dry_run_names_the_dkim_domain_and_selector_and_warns_when_from_is_elsewhere(
    delivery_workspace: Path,
    smtp: RecordingHandler,
    key_pair: tuple[bytes, bytes],
    monkeypatch: pytest.MonkeyPatch,
    dkim_domain: str,
    warned: str,
) -> None:
    """DMARC passes on DKIM only when d= and the From address share their registered
    (organizational) domain, and Gmail and Yahoo require DMARC of bulk senders: copies signed
    for another domain go to spam or bounce, and neither the dry run nor the send said so.
    A sibling subdomain was warned of though it aligns; a public suffix was not."""
    root = delivery_workspace
    configure(root, dkim_selector=SELECTOR, dkim_domain=dkim_domain)
    monkeypatch.setenv("PUBLISHER_DKIM_KEY", key_pair[0].decode())
    add_subscribers(root, {"a@example.org": "active"})

    result = CliRunner().invoke(main, ["-C", str(root), "send", SLUG, "--dry-run"])

    assert result.exit_code == 0, result.output
    said = " ".join(result.output.split())
    assert f"DKIM d={dkim_domain} s={SELECTOR}" in said, said
    assert f"{SELECTOR}._domainkey.{dkim_domain}" in said  # where its public key must be
    if warned:
        assert f"warning: DKIM d={dkim_domain} {warned}" in said, said
        assert f"set [delivery] dkim_domain to {DOMAIN} (or leave it out)" in said, said
    else:
        assert "warning: DKIM" not in said, said
    assert not smtp.received


@pytest.mark.parametrize(
    ("sender", "dkim_domain", "warned"),
    [
        ("news.sindicato.es", "mail.sindicato.es", False),
        ("bulletin.unite.org.uk", "mail.unite.org.uk", False),
        ("bulletin.unite.org.uk", "unite.org.uk", False),
        ("bulletin.unite.org.uk", "org.uk", True),  # a public suffix, registered by no one
        ("bulletin.unite.org.uk", "gmb.org.uk", True),  # another union's registered domain
    ],
)
def test_dkim_aligns_when_d_and_from_share_their_registered_domain(
    key_pair: tuple[bytes, bytes], sender: str, dkim_domain: str, warned: bool
) -> None:
    """DMARC's relaxed alignment compares organizational domains, found with the Public
    Suffix List (unite.org.uk under org.uk): not whether one domain is a parent of the
    other."""
    signer = DkimSigner(SELECTOR, dkim_domain, key_pair[0])
    _, warnings = dkim_findings(signer, sender)
    assert bool(warnings) == warned, warnings


def test_the_dry_run_says_when_copies_are_not_dkim_signed(
    delivery_workspace: Path, smtp: RecordingHandler
) -> None:
    add_subscribers(delivery_workspace, {"a@example.org": "active"})

    result = CliRunner().invoke(main, ["-C", str(delivery_workspace), "send", SLUG, "--dry-run"])

    assert result.exit_code == 0, result.output
    assert "DKIM not signed ([delivery] dkim_selector is not set)" in " ".join(
        result.output.split()
    )


def test_a_key_that_cannot_be_read_names_the_variable_it_came_from(
    delivery_workspace: Path, smtp: RecordingHandler, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ "Unable to load PEM file" did not say where the key was read from."""
    configure(delivery_workspace, dkim_selector=SELECTOR, dkim_key_env="BULLETIN_DKIM_KEY")
    monkeypatch.setenv("BULLETIN_DKIM_KEY", "-----BEGIN PRIVATE KEY-----\nnot a key\n")
    add_subscribers(delivery_workspace, {"a@example.org": "active"})

    result = CliRunner().invoke(main, ["-C", str(delivery_workspace), "send", SLUG, "--dry-run"])

    assert result.exit_code != 0
    said = " ".join(result.output.split())
    assert "cannot DKIM-sign with the key in $BULLETIN_DKIM_KEY:" in said, said
    assert not smtp.received


def test_a_send_signed_for_another_domain_than_from_warns_and_goes_on(
    delivery_workspace: Path,
    smtp: RecordingHandler,
    key_pair: tuple[bytes, bytes],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    root = delivery_workspace
    configure(root, dkim_selector=SELECTOR, dkim_domain="mailer.example.net")
    monkeypatch.setenv("PUBLISHER_DKIM_KEY", key_pair[0].decode())
    add_subscribers(root, {"a@example.org": "active"})

    result = CliRunner().invoke(main, ["-C", str(root), "send", SLUG])

    assert result.exit_code == 0, result.output
    assert "DKIM d=mailer.example.net is not under the From address's" in " ".join(
        result.output.split()
    )
    assert [r.recipient for r in smtp.received] == ["a@example.org"]
