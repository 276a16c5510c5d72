"""`publisher send`: every active subscriber gets exactly one personalised copy over real SMTP
(aiosmtpd on loopback); refusals are retried, suppressed or pause the send as they should."""

from __future__ import annotations

import asyncio
import json
import os
import re
import shlex
import shutil
import threading
import time
from email import message_from_bytes, policy
from email.parser import BytesHeaderParser
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP
from click.testing import CliRunner
from delivery_support import (
    SECRET,
    SLUG,
    TOKEN_IN_URL,
    RecordingHandler,
    add_subscribers,
    both_backends,
    configure,
    dkim_key_pair,
    header_block,
    query,
)
from rich.cells import cell_len
from terminal import run_in_terminal

from publisher.build import build
from publisher.cli import main
from publisher.delivery.endpoints import create_app
from publisher.delivery.send import SendRequest, send
from publisher.delivery.settings import DeliverySettings
from publisher.delivery.smtp import Connection
from publisher.delivery.tokens import Tokens
from publisher.errors import PublisherError

ONE_CLICK = {"List-Unsubscribe": "One-Click"}  # RFC 8058's form, as mail programs post it
STATUSES = ("active", "pending", "unsubscribed", "bounced", "complained")


def invoke(root: Path, *args: str):
    return CliRunner().invoke(main, ["-C", str(root), *args])


def ledger(root: Path) -> dict[str, tuple[str, str, int]]:
    """address → (state, message_id, attempts) for the latest send."""
    rows = query(
        root,
        "SELECT address, state, message_id, attempts FROM deliveries"
        " WHERE send_id = (SELECT MAX(id) FROM sends)",
    )
    return {address: (state, message_id, attempts) for address, state, message_id, attempts in rows}


def test_a_thousand_subscribers_get_exactly_one_copy_each(
    delivery_workspace: Path, smtp: RecordingHandler
) -> None:
    root = delivery_workspace
    # Most are active; one in twenty each is pending, unsubscribed, bounced, complained.
    everyone = {
        f"reader{n:04}@example.org": STATUSES[n % 20] if n % 20 < len(STATUSES) else "active"
        for n in range(1000)
    }
    add_subscribers(root, everyone)
    active = {address for address, status in everyone.items() if status == "active"}

    result = invoke(root, "send", SLUG, "--connections", "3")

    assert result.exit_code == 0, result.output
    copies = smtp.copies()
    assert set(copies) == active and set(copies.values()) == {1}
    rows = ledger(root)
    assert set(rows) == active and {state for state, _, _ in rows.values()} == {"sent"}
    assert f"{len(active)}" in result.output  # the report's "sent" column
    assert {r.message_id for r in smtp.received} == {mid for _, mid, _ in rows.values()}
    assert len({r.message_id for r in smtp.received}) == len(active)
    for received in smtp.received:  # each copy: its own list headers and Message-ID
        headers = header_block(received.data)
        https, mailto = (uri.strip(" <>") for uri in headers["List-Unsubscribe"].split(","))
        assert https.startswith("https://") and "?token=" in https
        assert mailto.startswith("mailto:")
        assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert headers["List-Id"] and headers["To"] == received.recipient
        assert headers["Message-ID"] == rows[received.recipient][1]


def test_every_copy_carries_its_own_unsubscribe_link_in_headers_and_both_bodies(
    delivery_workspace: Path, smtp: RecordingHandler
) -> None:
    root = delivery_workspace
    add_subscribers(root, {f"lector{n}@example.org": "active" for n in range(5)})
    ids = dict(query(root, "SELECT address, id FROM subscribers"))
    template = message_from_bytes(
        (root / "dist" / SLUG / "email.eml").read_bytes(), policy=policy.default
    )
    template_bodies = {
        part.get_content_type(): part.get_content() for part in template.iter_parts()
    }
    # Links are signed over the list identity the email carries in its List-Id header.
    list_id = template["List-Id"].split("<")[-1].rstrip(">")
    tokens = Tokens(SECRET, DeliverySettings(), list_id)

    send(root, SendRequest(SLUG))

    assert len(smtp.received) == 5
    for received in smtp.received:
        message = message_from_bytes(received.data, policy=policy.default)
        assert message["To"] == received.recipient
        header = message["List-Unsubscribe"]
        https, mailto = (uri.strip(" <>") for uri in header.split(","))
        assert https.startswith("https://") and mailto.startswith("mailto:")
        assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert message["List-Id"] == template["List-Id"]
        token = TOKEN_IN_URL.search(https).group(1)
        claim = tokens.read_unsubscribe(token)
        assert (claim.subscriber_id, claim.issue) == (ids[received.recipient], SLUG)
        # a mail client that unsubscribes by mail sends the same token in its subject
        assert parse_qs(urlsplit(mailto).query)["subject"] == [f"unsubscribe {token}"]
        assert "RECIPIENT_TOKEN" not in received.data.decode("ascii")
        for part in message.iter_parts():
            expected = template_bodies[part.get_content_type()].replace("RECIPIENT_TOKEN", token)
            assert part.get_content() == expected
            assert part["Content-Transfer-Encoding"] == "quoted-printable"
        assert max(len(line) for line in received.data.split(b"\r\n")) <= 998
    assert len({r.message_id for r in smtp.received}) == 5


FARSI_SENTENCE = (
    "ما کارگران قراردادی پتروشیمی از روز ۱۵ آبان دست از کار کشیده‌ایم و خواسته‌های ما روشن است."
)


def test_a_farsi_issue_arrives_base64_with_each_subscribers_own_unsubscribe_links(
    delivery_workspace: Path, smtp: RecordingHandler, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A mostly Farsi part is sent base64 (quoted-printable tripled it), where the token
    cannot be written into the template's bytes: every copy's bodies still decode to the
    subscriber's own link, and its DKIM signature holds."""
    import dkim

    root = delivery_workspace
    body = "\n\n".join(" ".join([FARSI_SENTENCE] * 5) for _ in range(60))
    (root / "documents" / "fa-long.md").write_text(
        f'---\ntitle: "گزارش"\nlang: fa\n---\n\n{body}\n', encoding="utf-8"
    )
    (root / "issues" / "013-fa.yaml").write_text(
        'number: 13\ntitle: "خبرنامه"\ndate: 2026-12-02\nlanguage: fa\n'
        "sections:\n  - title: گزارش\n    documents: [fa-long]\n",
        encoding="utf-8",
    )
    build(root, ["013-fa"], formats=["email"])
    private, record = dkim_key_pair()
    configure(root, dkim_selector="sel1", dkim_domain="example.net")
    monkeypatch.setenv("PUBLISHER_DKIM_KEY", private.decode())
    add_subscribers(root, {f"khaneh{n}@example.net": "active" for n in range(3)})
    ids = dict(query(root, "SELECT address, id FROM subscribers"))
    template = message_from_bytes((root / "dist" / "013-fa" / "email.eml").read_bytes())
    list_id = str(template["List-Id"]).split("<")[-1].rstrip(">")
    tokens = Tokens(SECRET, DeliverySettings(), list_id)

    send(root, SendRequest("013-fa"))

    assert len(smtp.received) == 3
    for received in smtp.received:
        assert dkim.verify(received.data, dnsfunc=lambda name, timeout=5: record)
        message = message_from_bytes(received.data, policy=policy.default)
        for part in message.iter_parts():
            assert part["Content-Transfer-Encoding"] == "base64"
            text = part.get_content()
            assert FARSI_SENTENCE in text and "RECIPIENT_TOKEN" not in text
            [token] = set(TOKEN_IN_URL.findall(text))
            claim = tokens.read_unsubscribe(token)
            assert (claim.subscriber_id, claim.issue) == (ids[received.recipient], "013-fa")
        assert max(len(line) for line in received.data.split(b"\r\n")) <= 998


def test_lines_that_start_with_a_dot_arrive_as_they_were_made(
    smtp: RecordingHandler, smtp_controller: Controller
) -> None:
    # SMTP ends a message at a line holding only a dot: the sender doubles every line's
    # leading dot, and the server takes it off again.
    message = b"Subject: dots\r\n\r\n.\r\n..two\r\n.one\r\nno dot.\r\n.\r\n.last"
    settings = DeliverySettings(
        smtp_host="127.0.0.1", smtp_port=smtp_controller.port, smtp_security="none"
    )
    connection = Connection(settings, None)
    try:
        outcome = connection.transmit("news@example.org", "reader@example.org", message)
    finally:
        connection.close()

    assert outcome.state == "sent"
    assert [r.data for r in smtp.received] == [message + b"\r\n"]


@both_backends
def test_temporary_refusals_are_retried_and_permanent_ones_suppress_the_address(
    delivery_workspace: Path, smtp: RecordingHandler
) -> None:
    root = delivery_workspace
    add_subscribers(
        root,
        {"busy@example.org": "active", "full@example.org": "active", "gone@example.org": "active"}
        | {f"ok{n}@example.org": "active" for n in range(5)},
    )
    smtp.answer("busy@example.org", "451 4.7.1 greylisted", "451 4.7.1 greylisted", "250 OK")
    smtp.answer("full@example.org", "552 5.2.2 mailbox full", "250 OK")
    smtp.answer("gone@example.org", "550 5.1.1 no such user")

    report = send(root, SendRequest(SLUG))

    assert report.counts == {"sent": 7, "failed": 1}
    rows = ledger(root)
    assert rows["busy@example.org"][0] == "sent" and rows["busy@example.org"][2] == 3
    assert rows["full@example.org"][0] == "sent" and rows["full@example.org"][2] == 2
    assert rows["gone@example.org"][0] == "failed"
    assert smtp.copies()["busy@example.org"] == 1 and "gone@example.org" not in smtp.copies()
    status = dict(query(root, "SELECT address, status FROM subscribers"))
    assert status["gone@example.org"] == "bounced" and status["busy@example.org"] == "active"


def test_a_deferral_past_the_retry_window_fails_without_suppressing(
    delivery_workspace: Path, smtp: RecordingHandler, smtp_controller
) -> None:
    root = delivery_workspace
    configure(root, retry_window=0.2)
    add_subscribers(root, {"busy@example.org": "active"})
    smtp.answer("busy@example.org", "450 4.2.0 mailbox busy")

    report = send(root, SendRequest(SLUG))

    assert report.counts == {"failed": 1}
    assert "retry window" in report.failed[0][1]
    assert query(root, "SELECT status FROM subscribers") == [("active",)]


def test_a_copy_whose_next_retry_would_fall_after_the_window_is_tried_as_it_closes(
    delivery_workspace: Path, smtp: RecordingHandler, smtp_controller
) -> None:
    """A greylisting server takes the copy on its second try: with the next backoff
    past retry_window's end, the copy failed at once, well before the window closed;
    its last try is now when the window closes."""
    root = delivery_workspace
    configure(root, retry_delay=60, retry_window=0.5)
    add_subscribers(root, {"grey@example.org": "active"})
    smtp.answer("grey@example.org", "451 4.7.1 Greylisted, try again later", "250 OK")

    report = send(root, SendRequest(SLUG))

    assert report.counts == {"sent": 1}
    assert ledger(root)["grey@example.org"][2] == 2
    assert smtp.copies() == {"grey@example.org": 1}


def test_an_address_deferred_past_the_retry_window_is_reported_failed_and_new_tries_it_again(
    delivery_workspace: Path, smtp: RecordingHandler, smtp_controller
) -> None:
    """The send was to it: the report must not say it was left out of the send, but that it
    is still on the list and how to try it again; and that way does try it again."""
    root = delivery_workspace
    configure(root, retry_window=0.2)
    add_subscribers(root, {"busy@example.org": "active", "ok@example.org": "active"})
    smtp.answer("busy@example.org", "450 4.2.0 mailbox busy")

    first = invoke(root, "send", SLUG)
    smtp.answer("busy@example.org", "450 4.2.0 mailbox busy")
    new_still_busy = invoke(root, "send", SLUG, "--new")
    smtp.answer("busy@example.org", "250 OK")
    new_taken = invoke(root, "send", SLUG, "--new")

    for result in (first, new_still_busy):
        said = " ".join(result.output.split())
        assert result.exit_code == 0, result.output
        assert "failed busy@example.org: 450 4.2.0 mailbox busy" in said
        assert "have not had" not in said and "was not to them" not in said
        assert (
            "1 failed address(es) were refused only for now, until the retry window closed,"
            f" and are still on the list: to try them again, run 'publisher send {SLUG} --new'"
        ) in said
    assert new_taken.exit_code == 0, new_taken.output
    assert "failed address(es)" not in new_taken.output
    assert smtp.copies() == {"ok@example.org": 1, "busy@example.org": 1}


def test_failures_in_a_row_pause_the_send_and_a_later_run_resumes(
    delivery_workspace: Path, smtp: RecordingHandler, smtp_controller
) -> None:
    root = delivery_workspace
    configure(root, connections=1, pause_after_failures=4)
    add_subscribers(root, {f"r{n}@example.org": "active" for n in range(10)})
    smtp.refuse_all = "451 4.3.2 system not accepting messages"

    result = invoke(root, "send", SLUG)

    assert result.exit_code == 1
    assert "paused after 4 failures in a row" in result.output
    assert "publisher send 007-huelga' again to resume" in result.output
    assert not smtp.received
    smtp.refuse_all = None
    result = invoke(root, "send", SLUG)
    assert result.exit_code == 0, result.output
    assert set(smtp.copies().values()) == {1} and len(smtp.copies()) == 10


def test_the_last_few_deferred_copies_are_retried_until_the_window_closes_without_pausing(
    delivery_workspace: Path, smtp: RecordingHandler, smtp_controller
) -> None:
    """A handful of readers greylisted or with full mailboxes, spread through the list:
    after the main pass only their retries were left, each failed retry counted as a
    failure in a row, and the send paused (exit 1, 'run it again') long before
    retry_window, again at every run. A retry refused again is what the window is for."""
    root = delivery_workspace
    configure(root, connections=1, pause_after_failures=3, retry_window=0.5)
    add_subscribers(root, {f"r{n:02}@example.org": "active" for n in range(20)})
    for n in (3, 10, 17):
        smtp.answer(f"r{n:02}@example.org", "451 4.7.1 Greylisted, try again later")
    smtp.answer("r12@example.org", "552 5.2.2 Mailbox full", "250 OK")

    result = invoke(root, "send", SLUG)

    assert result.exit_code == 0, result.output
    assert "paused" not in result.output
    rows = ledger(root)
    assert {n for n, row in rows.items() if row[0] == "failed"} == {
        "r03@example.org",
        "r10@example.org",
        "r17@example.org",
    }
    assert all(rows[f"r{n:02}@example.org"][2] > 2 for n in (3, 10, 17))
    assert rows["r12@example.org"][:1] == ("sent",)
    assert len(smtp.copies()) == 17


def test_a_cluster_of_unknown_users_at_one_domain_is_bounced_without_pausing_the_send(
    delivery_workspace: Path, smtp: RecordingHandler, smtp_controller
) -> None:
    """A list sorted by domain, with a run of readers at an employer's closed domain, and
    then a few greylisted: each address the server said does not exist counted as a
    failure in a row, and the send paused with most of the list still queued. A refusal
    of one address says nothing of our server or account."""
    root = delivery_workspace
    configure(root, connections=1, pause_after_failures=4)
    closed = [f"worker{n}@closed-works.example.net" for n in range(5)]
    grey = [f"reader{n}@greylisting.example.net" for n in range(3)]
    add_subscribers(
        root,
        {"first@aaa.example.org": "active"}
        | dict.fromkeys(closed + grey, "active")
        | {f"reader{n}@zzz.example.org": "active" for n in range(3)},
    )
    for address in closed:
        smtp.answer(address, f"550 5.1.1 <{address}>: Recipient address rejected: User unknown")
    for address in grey:
        smtp.answer(address, f"451 4.7.1 <{address}>: Greylisted, try again later", "250 OK")

    result = invoke(root, "send", SLUG)

    assert result.exit_code == 0, result.output
    assert "paused" not in result.output
    status = dict(query(root, "SELECT address, status FROM subscribers"))
    assert {address for address, state in status.items() if state == "bounced"} == set(closed)
    assert len(smtp.copies()) == 7 and set(smtp.copies().values()) == {1}


def test_a_resumed_send_whose_retries_are_all_refused_pauses_again(
    delivery_workspace: Path, smtp: RecordingHandler, smtp_controller
) -> None:
    """Retries refused again do not pause a send the server takes copies in; one that
    resumes with nothing but retries, and the server still refusing, pauses again rather
    than waiting out the retry window."""
    root = delivery_workspace
    configure(root, connections=1, pause_after_failures=3)
    add_subscribers(root, {f"r{n}@example.org": "active" for n in range(3)})
    smtp.refuse_all = "451 4.3.2 System not accepting network messages"

    first = invoke(root, "send", SLUG)
    resumed = invoke(root, "send", SLUG)

    for result in (first, resumed):
        assert result.exit_code == 1
        assert "paused after 3 failures in a row" in result.output
    assert {row[2] for row in ledger(root).values()} == {2}


@pytest.mark.parametrize(
    "refusal",
    [
        "554 5.7.1 <r0@example.org>: Relay access denied",  # Postfix, no login configured
        "550 5.7.1 Unable to relay",  # Exchange
        "530 5.7.0 Authentication required",
        "550 relaying denied",  # an old server without enhanced codes
    ],
)
def test_a_relay_refusing_us_suppresses_nobody_and_a_later_run_reaches_everyone(
    delivery_workspace: Path, smtp: RecordingHandler, smtp_controller, refusal: str
) -> None:
    """A relay that will not pass on our mail refuses every address alike: the fault is the
    sender's settings, not the readers'. Each refused address was marked bounced, and
    every send paused only after unsubscribing the first twenty readers of the list."""
    root = delivery_workspace
    configure(root, connections=1, pause_after_failures=4)
    add_subscribers(root, {f"r{n}@example.org": "active" for n in range(10)})
    smtp.refuse_all = refusal

    result = invoke(root, "send", SLUG)

    assert result.exit_code == 1
    assert "paused after 4 failures in a row" in result.output
    assert set(dict(query(root, "SELECT address, status FROM subscribers")).values()) == {"active"}
    smtp.refuse_all = None
    result = invoke(root, "send", SLUG)
    assert result.exit_code == 0, result.output
    assert set(smtp.copies().values()) == {1} and len(smtp.copies()) == 10


@pytest.mark.parametrize(
    ("stage", "refusal"),
    [
        ("RCPT", "550 5.4.5 Daily user sending limit exceeded. - gsmtp"),  # Gmail's quota
        (  # Postfix's reject_sender_login_mismatch, checked at RCPT
            "RCPT",
            "553 <bounces@dockside.example.org>: Sender address rejected: not owned by user"
            " bulletin",
        ),
        (  # Amazon SES in its sandbox, after the message
            "DATA",
            "554 Message rejected: Email address is not verified. The following identities"
            " failed the check in region EU-WEST-1: bulletin@dockside.example.org",
        ),
    ],
)
def test_an_account_refused_for_its_quota_or_sender_suppresses_nobody_however_often_resumed(
    delivery_workspace: Path, smtp: RecordingHandler, smtp_controller, stage: str, refusal: str
) -> None:
    """A sending quota used up, a sender the login may not use, an account still in a
    sandbox: the server refuses us, every reader alike. Each run marked the readers it
    reached bounced for good before it paused, and each resume as many more."""
    root = delivery_workspace
    configure(root, connections=1, pause_after_failures=4)
    add_subscribers(root, {f"r{n}@example.org": "active" for n in range(10)})
    if stage == "RCPT":
        smtp.refuse_all = refusal
    else:
        smtp.refuse_data = refusal

    first = invoke(root, "send", SLUG)
    resumed = invoke(root, "send", SLUG)

    for result in (first, resumed):
        assert result.exit_code == 1
        assert "paused after 4 failures in a row" in result.output
    assert set(dict(query(root, "SELECT address, status FROM subscribers")).values()) == {"active"}
    smtp.refuse_all = smtp.refuse_data = None
    result = invoke(root, "send", SLUG)
    assert result.exit_code == 0, result.output
    assert smtp.copies() == {f"r{n}@example.org": 1 for n in range(10)}


def test_a_message_refused_after_its_data_fails_for_that_reader_who_stays_on_the_list(
    delivery_workspace: Path, smtp: RecordingHandler
) -> None:
    """A refusal after the message, with the one reader accepted already, is about the
    message, not the address: the reader was marked bounced for it."""
    root = delivery_workspace
    add_subscribers(root, {"reader@example.org": "active"})
    smtp.refuse_data = "554 Transaction failed: Duplicate header 'Message-ID'."  # SES

    report = send(root, SendRequest(SLUG))

    assert report.counts == {"failed": 1}
    assert "554 Transaction failed: Duplicate header 'Message-ID'." in report.failed[0][1]
    assert query(root, "SELECT status FROM subscribers") == [("active",)]


@both_backends
def test_who_got_the_issue_is_listed_per_reader_with_reply_message_id_and_time_afterwards(
    delivery_workspace: Path, smtp: RecordingHandler
) -> None:
    """After a send, re-running it only said how many were sent; the failed and unknown
    readers were shown once, cut at twenty. `publisher deliveries ISSUE` reads the ledger:
    every reader's state, the server's reply, the copy's Message-ID and when."""
    import csv
    import io

    root = delivery_workspace
    add_subscribers(
        root,
        {
            "ana@example.org": "active",
            "busy@example.org": "active",
            "gone@example.org": "active",
            "lost@example.org": "active",
        },
    )
    smtp.answer("busy@example.org", "451 4.7.1 greylisted, try again later", "250 OK")
    smtp.answer("gone@example.org", "550 5.1.1 <gone@example.org>: Recipient address rejected")
    smtp.drop_after_data = {"lost@example.org"}
    assert invoke(root, "send", SLUG).exit_code == 0

    listed = invoke(root, "deliveries", "7", "--format", "csv")
    failed = invoke(root, "deliveries", SLUG, "--state", "failed", "--format", "csv")
    table = invoke(root, "deliveries", SLUG)
    never = invoke(root, "deliveries", "8")

    assert listed.exit_code == 0, listed.output
    rows = {row["address"]: row for row in csv.DictReader(io.StringIO(listed.output))}
    assert {a: (r["state"], r["attempts"]) for a, r in rows.items()} == {
        "ana@example.org": ("sent", "1"),
        "busy@example.org": ("sent", "2"),
        "gone@example.org": ("failed", "1"),
        "lost@example.org": ("unknown", "1"),
    }
    assert rows["gone@example.org"]["reply"] == (
        "550 5.1.1 <gone@example.org>: Recipient address rejected"
    )
    assert rows["busy@example.org"]["reply"] == "250 2.0.0 accepted"
    assert rows["lost@example.org"]["reply"].startswith("no reply after the message")
    received = {r.recipient: r.message_id for r in smtp.received}
    assert rows["ana@example.org"]["message_id"] == received["ana@example.org"]
    assert rows["lost@example.org"]["message_id"] == received["lost@example.org"]
    assert all(re.match(r"20\d\d-\d\d-\d\dT\d\d:\d\d", r["time"]) for r in rows.values())
    assert {r["issue"] for r in rows.values()} == {SLUG}
    assert failed.exit_code == 0, failed.output
    assert [row["address"] for row in csv.DictReader(io.StringIO(failed.output))] == [
        "gone@example.org"
    ]
    assert table.exit_code == 0, table.output
    for address in rows:
        assert address in table.output
    assert "550 5.1.1" in table.output and "4 copies" in table.output
    assert never.exit_code == 1 and "no issue '8'" in never.output


def test_deliveries_of_no_issue_says_so_and_of_an_issue_not_sent_yet_says_that(
    delivery_workspace: Path,
) -> None:
    """`deliveries 99` said "issue 99 has not been sent" of an issue there is not, where
    build, send and check say "no issue '99'" and list the issues."""
    root = delivery_workspace
    manifest = (root / "issues" / f"{SLUG}.yaml").read_text("utf-8")
    (root / "issues" / "008-puerto.yaml").write_text(manifest.replace("number: 7", "number: 8"))

    unknown = invoke(root, "deliveries", "99")
    unsent = invoke(root, "deliveries", "8")

    assert unknown.exit_code == 1
    assert "no issue '99'" in unknown.output and "issues: 007-huelga, 008-puerto" in unknown.output
    assert unsent.exit_code == 1 and "issue 8 has not been sent" in unsent.output


def test_deliveries_keep_each_address_whole_in_a_terminal_and_are_plain_lines_piped(
    delivery_workspace: Path, smtp: RecordingHandler
) -> None:
    """`publisher deliveries` split an address over two lines of its box table in an
    80-column terminal ("bad@dead-domain.o", "rg"), and piped (`| grep`, `| cat`) it was
    still a box table: `subscribers list` does neither."""
    root = delivery_workspace
    long = "carl.johansson-whitfield@dockside-workers-network.example.org"  # 61 characters
    add_subscribers(root, {long: "active", "bad@dead-domain.org": "active"})
    smtp.answer(
        "bad@dead-domain.org",
        "550 5.1.1 <bad@dead-domain.org>: Recipient address rejected: User unknown in virtual"
        " mailbox table",
    )
    assert invoke(root, "send", SLUG).exit_code == 0

    piped = invoke(root, "deliveries", SLUG).output.splitlines()
    shown = run_in_terminal("-C", str(root), "deliveries", SLUG, columns=80).splitlines()

    addresses = {long, "bad@dead-domain.org"}
    assert piped[1].split()[:5] == ["address", "state", "tries", "reply", "time"]
    assert {line.split()[0] for line in piped[2:4]} == addresses
    refused = next(line for line in piped if line.startswith("bad@dead-domain.org "))
    assert "User unknown in virtual mailbox table" in refused  # the reply on its line
    assert piped[-1].startswith("2 copies")
    assert not any(mark in line for line in piped + shown for mark in "│┃─━")
    assert max(cell_len(line) for line in shown) <= 80
    assert addresses <= {line.split(" ")[0] for line in shown}


def test_the_server_gone_mid_send_defers_and_pauses_then_resumes(
    delivery_workspace: Path,
) -> None:
    """A server that goes away after the send has begun (the one at the start is refused
    at once: tests/test_delivery_preflight.py) only defers; a run of those pauses."""
    from delivery_support import _EphemeralPortController

    root = delivery_workspace
    handler = RecordingHandler()
    server = _EphemeralPortController(handler, hostname="127.0.0.1", port=0)
    server.start()
    port = server.port
    configure(root, smtp_port=port, connections=1, pause_after_failures=3)
    add_subscribers(root, {f"r{n}@example.org": "active" for n in range(6)})
    # At r1 the server stops listening and closes the connection with a 421: every later
    # attempt finds nothing at the port.
    handler.on_rcpt["r1@example.org"] = lambda: server.server.close()
    handler.answer("r1@example.org", "421 4.3.2 shutting down", "250 OK")

    try:
        report = send(root, SendRequest(SLUG))
    finally:
        server.stop()

    assert report.paused and f"127.0.0.1:{port} cannot be reached" in report.paused
    assert report.counts.get("sent") == 1 and not report.complete
    restarted = _EphemeralPortController(handler, hostname="127.0.0.1", port=port)
    restarted.start()
    try:
        report = send(root, SendRequest(SLUG))
    finally:
        restarted.stop()
    assert report.counts == {"sent": 6}
    assert handler.copies() == {f"r{n}@example.org": 1 for n in range(6)}


@both_backends
def test_a_lost_reply_after_the_message_is_unknown_and_never_resent_silently(
    delivery_workspace: Path, smtp: RecordingHandler
) -> None:
    root = delivery_workspace
    add_subscribers(root, {"a@example.org": "active", "b@example.org": "active"})
    smtp.drop_after_data = {"a@example.org"}

    first = send(root, SendRequest(SLUG))

    assert first.counts == {"sent": 1, "unknown": 1}
    assert [address for address, _ in first.unknown] == ["a@example.org"]
    with pytest.raises(PublisherError, match="already sent"):
        send(root, SendRequest(SLUG))
    assert smtp.copies() == {"a@example.org": 1, "b@example.org": 1}
    # The editor decides to send the unknown one again: same Message-ID, so it can be spotted.
    smtp.drop_after_data = set()
    again = send(root, SendRequest(SLUG, resend_unknown=True))
    assert again.counts == {"sent": 2}
    copies = [r.message_id for r in smtp.received if r.recipient == "a@example.org"]
    assert len(copies) == 2 and copies[0] == copies[1]


@both_backends
def test_an_unsubscribe_during_the_send_is_honoured(
    delivery_workspace: Path, smtp: RecordingHandler
) -> None:
    from publisher.delivery import manage

    root = delivery_workspace
    add_subscribers(root, {f"r{n:02}@example.org": "active" for n in range(20)})
    # While the first message is being accepted, the last subscriber unsubscribes.
    smtp.on_rcpt["r00@example.org"] = lambda: manage.remove(root, "r19@example.org")

    report = send(root, SendRequest(SLUG, connections=1))

    assert report.counts == {"sent": 19, "skipped": 1}
    assert "r19@example.org" not in smtp.copies() and len(smtp.copies()) == 19


@pytest.mark.parametrize("backend", ["postgresql"], indirect=True)
def test_a_connection_left_with_nothing_waits_for_its_fellows_not_for_its_poll(
    delivery_workspace: Path, smtp: RecordingHandler, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With PostgreSQL one connection reserves the whole short list; the other, with nothing,
    waits while rows are held. It is woken when they are settled: the send ends then, not
    when its look at the ledger comes round (made an hour here; the bound is a minute)."""
    from publisher.delivery import sender

    root = delivery_workspace
    add_subscribers(root, {f"r{n}@example.org": "active" for n in range(4)})
    monkeypatch.setattr(sender, "_IDLE_POLL", 3600.0)
    reports: list[object] = []
    sending = threading.Thread(
        target=lambda: reports.append(send(root, SendRequest(SLUG, connections=2))), daemon=True
    )

    sending.start()
    sending.join(timeout=60)

    assert not sending.is_alive(), "a connection slept through the end of the send"
    assert [report.counts for report in reports] == [{"sent": 4}]  # type: ignore[attr-defined]


@both_backends
def test_an_issue_whose_manifest_was_renamed_after_its_send_is_not_sent_to_everyone_again(
    delivery_workspace: Path, smtp: RecordingHandler
) -> None:
    """The ledger knows an issue by its manifest's name: renamed after the send (a typo in
    the name mended), issue No. 7 looked new and would have gone to everyone again."""
    root = delivery_workspace
    add_subscribers(root, {"a@example.org": "active", "b@example.org": "active"})
    send(root, SendRequest(SLUG))
    (root / "issues" / f"{SLUG}.yaml").rename(root / "issues" / "007-huelga-general.yaml")
    build(root)

    with pytest.raises(PublisherError, match=f"No. 7 was sent already as {SLUG}") as refused:
        send(root, SendRequest("007-huelga-general"))
    assert "--again" not in str(refused.value.problems[0].hint)  # everyone twice is no way
    assert smtp.copies() == {"a@example.org": 1, "b@example.org": 1}
    again = send(root, SendRequest("007-huelga-general", again=True))
    assert again.counts == {"sent": 2}


@both_backends
def test_new_after_a_manifest_rename_goes_only_to_readers_who_had_the_issue_under_neither_name(
    delivery_workspace: Path, smtp: RecordingHandler
) -> None:
    """`send --new` after the manifest was renamed was refused as if it would mail everyone
    again, with --again (which does) as the hint: a reader who joined since never got it."""
    root = delivery_workspace
    add_subscribers(root, {"a@example.org": "active"})
    assert invoke(root, "send", SLUG).exit_code == 0
    (root / "issues" / f"{SLUG}.yaml").rename(root / "issues" / "007-huelga-general.yaml")
    build(root)
    add_subscribers(root, {"b@example.org": "active"})

    refused = invoke(root, "send", "007-huelga-general")
    assert refused.exit_code == 1 and f"No. 7 was sent already as {SLUG}" in refused.output
    hint = refused.output.partition("hint:")[2]
    assert "--new" in hint and "1 active subscriber(s)" in hint and "--again" not in hint

    sent = invoke(root, "send", "007-huelga-general", "--new")
    assert sent.exit_code == 0, sent.output
    assert smtp.copies() == {"a@example.org": 1, "b@example.org": 1}
    nobody = invoke(root, "send", "7", "--new")  # by its number, after that send
    assert nobody.exit_code == 0, nobody.output
    assert "has had issue" in " ".join(nobody.output.split())
    assert smtp.copies() == {"a@example.org": 1, "b@example.org": 1}


def test_a_moved_workspace_sends_the_email_its_build_says_is_up_to_date(
    delivery_workspace: Path, smtp: RecordingHandler, tmp_path: Path
) -> None:
    """A workspace moved to another folder (a new machine, a backup restored, a synced
    folder at another path): its build said "up to date", and send said the email was out
    of date and to build it again, for ever."""
    root = delivery_workspace
    add_subscribers(root, {"a@example.org": "active"})
    build_email = ("build", SLUG, "--format", "email")
    invoke(root, *build_email)  # as configured to send
    past = time.time() - 60  # inputs older than a clock tick: the no-op build stamps
    for path in root.rglob("*"):
        if path.relative_to(root).parts[0] not in ("dist", ".publisher"):
            os.utime(path, (past, past))
    assert " 0 output(s) rendered" in invoke(root, *build_email).output
    assert (root / ".publisher" / "up-to-date.json").is_file()

    moved = Path(shutil.move(root, tmp_path / "moved"))
    assert " 0 output(s) rendered" in invoke(moved, *build_email).output
    sent = invoke(moved, "send", SLUG)

    assert sent.exit_code == 0, sent.output
    assert smtp.copies() == {"a@example.org": 1}


def test_a_workspace_copied_with_new_file_times_sends_its_unchanged_email(
    delivery_workspace: Path, smtp: RecordingHandler, tmp_path: Path
) -> None:
    """`cp -r` (a synced folder, a backup restored) gives the built email a new time: send
    refused it as out of date though nothing had changed."""
    root = delivery_workspace
    add_subscribers(root, {"a@example.org": "active"})
    invoke(root, "build", SLUG, "--format", "email")
    copy = Path(shutil.copytree(root, tmp_path / "copy", copy_function=shutil.copyfile))

    sent = invoke(copy, "send", SLUG)

    assert sent.exit_code == 0, sent.output
    assert smtp.copies() == {"a@example.org": 1}


class PerConnectionLimit(RecordingHandler):
    """A relay that takes `limit` messages on a connection and answers the next one's end
    of data with a 421, closing the connection (Exim's smtp_accept_max_per_connection,
    many providers' relays)."""

    def __init__(self, limit: int) -> None:
        super().__init__()
        self.limit = limit
        self.closed = 0  # 421s given
        self.connections = 0  # that sent a message

    async def handle_DATA(self, server, session, envelope) -> str:  # type: ignore[no-untyped-def]
        if not hasattr(session, "taken"):
            self.connections += 1
        taken = getattr(session, "taken", 0)
        if taken >= self.limit:
            with self.lock:
                self.closed += 1
            asyncio.get_running_loop().call_later(0.01, server.transport.close)
            return "421 4.7.0 Too many messages on this connection"
        session.taken = taken + 1
        return await super().handle_DATA(server, session, envelope)


def test_a_relay_limiting_messages_per_connection_gets_every_copy_at_the_full_rate(
    delivery_workspace: Path,
) -> None:
    """A relay that closes each connection with a 421 after a few messages: every 421
    halved the rate for good (a 2,000 send took hours); the copy it refused waited for
    its retry. Now a 421 on a connection that carried messages is answered by connecting
    again, and the limit, once the server has shown it twice, by reconnecting before it."""
    from delivery_support import _EphemeralPortController

    root = delivery_workspace
    handler = PerConnectionLimit(3)
    server = _EphemeralPortController(handler, hostname="127.0.0.1", port=0)
    server.start()
    configure(root, smtp_port=server.port, connections=1)
    add_subscribers(root, {f"r{n:02}@example.org": "active" for n in range(20)})

    try:
        report = send(root, SendRequest(SLUG, rate=200))
    finally:
        server.stop()

    assert report.counts == {"sent": 20}
    assert report.rate_changes == []
    assert handler.copies() == {f"r{n:02}@example.org": 1 for n in range(20)}
    assert {attempts for _, _, attempts in ledger(root).values()} == {1}
    assert handler.closed == 2  # then the limit is known: each connection closed before it
    assert handler.connections == 7  # r00-r02, r03-r05, …, r18-r19


def test_421_from_a_fresh_connection_halves_the_rate_which_a_run_of_successes_restores(
    delivery_workspace: Path, smtp: RecordingHandler
) -> None:
    """The server refuses even a new connection's first message with a 421: the rate
    halves; then every success counts, and the rate steps back to the one configured
    (it stayed halved for good)."""
    root = delivery_workspace
    add_subscribers(root, {f"r{n:02}@example.org": "active" for n in range(80)})
    slow_down = "421 4.7.0 too many messages, slow down"
    smtp.answer("r01@example.org", slow_down, slow_down, "250 OK")

    result = invoke(root, "send", SLUG, "--rate", "200", "--connections", "1")

    assert result.exit_code == 0, result.output
    said = " ".join(result.output.split())
    assert "the server asked us to slow down: now 100.00 msg/s" in said
    assert "the server kept up again: back to 200.00 msg/s" in said
    assert smtp.copies() == {f"r{n:02}@example.org": 1 for n in range(80)}


def test_421s_to_several_connections_at_once_slow_the_send_down_once(
    delivery_workspace: Path,
) -> None:
    """A server that refuses every connection at the same moment (it is overloaded,
    restarting) asks once: each connection that heard it halved the rate again."""
    from delivery_support import _EphemeralPortController

    class RefusesThreeAtOnce(RecordingHandler):
        def __init__(self) -> None:
            super().__init__()
            self.waiting = 0
            self.all_there = asyncio.Event()

        async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # type: ignore[no-untyped-def]
            if self.all_there.is_set() and self.waiting >= 3:
                return await super().handle_RCPT(server, session, envelope, address, rcpt_options)
            self.waiting += 1
            if self.waiting == 3:
                self.all_there.set()
            await self.all_there.wait()
            return "421 4.3.2 System shutting down"

    root = delivery_workspace
    handler = RefusesThreeAtOnce()
    server = _EphemeralPortController(handler, hostname="127.0.0.1", port=0)
    server.start()
    configure(root, smtp_port=server.port)
    add_subscribers(root, {f"r{n:02}@example.org": "active" for n in range(3)})

    try:
        report = send(root, SendRequest(SLUG, rate=200, connections=3))
    finally:
        server.stop()

    assert report.counts == {"sent": 3}
    assert report.rate_changes == [100.0]


TOO_MANY_CONNECTIONS = "421 4.7.0 Too many concurrent connections, try later"


class RefusesSomeConnections(Controller):
    """A server that limits concurrent connections (Postfix's
    smtpd_client_connection_count_limit, a provider's relay): the connections numbered in
    `refused` (counting from 1, once `counting` is set) hear a 421 at `step`, the greeting
    or the reply to EHLO, and are closed."""

    def __init__(
        self, step: str, refused: set[int], handler: RecordingHandler | None = None
    ) -> None:
        super().__init__(handler or RecordingHandler(), hostname="127.0.0.1", port=0)
        self.step, self.refused = step, refused
        self.counting = False
        self.opened = 0

    def _trigger_server(self) -> None:
        self.port = self.server.sockets[0].getsockname()[1]
        super()._trigger_server()

    def factory(self) -> SMTP:
        refuse = ""
        if self.counting:
            self.opened += 1
            refuse = self.step if self.opened in self.refused else ""
        return _RefusingSMTP(self.handler, refuse)


class _RefusingSMTP(SMTP):
    def __init__(self, handler: RecordingHandler, refuse: str) -> None:
        super().__init__(handler)
        self.refuse = refuse

    async def _handle_client(self) -> None:
        if self.refuse == "greeting":
            await self._refuse()
        else:
            await super()._handle_client()

    async def smtp_EHLO(self, hostname: str) -> None:
        if self.refuse == "EHLO":
            await self._refuse()
        else:
            await super().smtp_EHLO(hostname)

    async def _refuse(self) -> None:
        await self.push(TOO_MANY_CONNECTIONS)
        assert self.transport is not None
        self.transport.close()


@pytest.mark.parametrize("step", ["greeting", "EHLO"])
def test_421_to_a_new_connection_halves_the_rate_and_its_copy_goes_on_the_next_at_once(
    delivery_workspace: Path, step: str
) -> None:
    """A server that refuses a connection or two because too many are open: the rate
    never halved, and the copies waiting on the refused connections were put off for
    the retry delay (a 1 s send took a minute). Now the rate halves and those copies go
    out on the next connection that opens."""
    root = delivery_workspace
    server = RefusesSomeConnections(step, refused={3, 4})
    server.start()
    server.counting = True
    configure(root, smtp_port=server.port, retry_delay=60)
    addresses = {f"r{n:02}@example.org": "active" for n in range(20)}
    add_subscribers(root, addresses)

    try:
        report = send(root, SendRequest(SLUG, rate=20, connections=2))
    finally:
        server.stop()

    assert report.counts == {"sent": 20}
    assert server.opened >= 5  # the two refused, and a connection opened after them
    assert report.rate_changes[0] == 10.0
    assert server.handler.copies() == dict.fromkeys(addresses, 1)
    # The copies of the refused connections went before those still queued: put off for
    # the retry delay (60 s), they were the last two received.
    retried = {
        a for a, tries in query(root, "SELECT address, attempts FROM deliveries") if tries > 1
    }
    received = [copy.recipient for copy in server.handler.received]
    assert retried and max(received.index(address) for address in retried) < len(received) - 4


def test_a_server_that_goes_on_refusing_new_connections_pauses_the_send(
    delivery_workspace: Path,
) -> None:
    """Copies whose connection was refused go again at once, but not for ever: a run of
    refused connections pauses the send, even after copies were taken (the first
    connection closes after three)."""
    root = delivery_workspace
    server = RefusesSomeConnections("greeting", set(range(3, 1000)), PerConnectionLimit(3))
    server.start()
    server.counting = True
    configure(root, smtp_port=server.port, connections=1, pause_after_failures=3)
    add_subscribers(root, {f"r{n:02}@example.org": "active" for n in range(20)})

    try:
        report = send(root, SendRequest(SLUG, rate=40))
    finally:
        server.stop()

    assert report.paused and "Too many concurrent connections" in report.paused
    assert report.counts == {"sent": 3, "deferred": 2, "queued": 15}


def test_send_refuses_an_issue_already_sent_unless_told_and_a_stale_build(
    delivery_workspace: Path, smtp: RecordingHandler
) -> None:
    root = delivery_workspace
    add_subscribers(root, {"a@example.org": "active"})
    assert invoke(root, "send", SLUG).exit_code == 0

    refused = invoke(root, "send", SLUG)
    assert refused.exit_code == 1 and "already sent" in refused.output
    assert "--again" in refused.output and "Traceback" not in refused.output
    again = invoke(root, "send", SLUG, "--again")
    assert again.exit_code == 0, again.output
    assert smtp.copies() == {"a@example.org": 2}


def hinted_command(output: str) -> list[str]:
    """The command a refusal's hint tells the editor to run, as arguments for `main`."""
    match = re.search(r"hint: .*'publisher ([^']+)'", output)
    assert match, output
    return shlex.split(match.group(1))


def test_a_touched_document_is_not_stale_an_edited_one_is_until_the_hinted_build(
    delivery_workspace: Path, smtp: RecordingHandler
) -> None:
    root = delivery_workspace
    add_subscribers(root, {"a@example.org": "active"})
    document = root / "documents" / "huelga-estibadores.md"
    later = (root / "dist" / SLUG / "email.eml").stat().st_mtime + 60
    os.utime(document, (later, later))  # `touch`: newer than the build, the same content

    touched = invoke(root, "send", SLUG)
    assert touched.exit_code == 0, touched.output
    assert smtp.copies() == {"a@example.org": 1}

    document.write_text(document.read_text("utf-8") + "\nFe de erratas publicada.\n", "utf-8")
    stale = invoke(root, "send", SLUG, "--again")
    assert stale.exit_code == 1 and "out of date" in stale.output
    assert smtp.copies() == {"a@example.org": 1}
    command = hinted_command(stale.output)
    assert command == ["build", SLUG, "--format", "email"]
    assert "--force" not in stale.output  # the hinted command is enough

    rebuilt = invoke(root, *command)
    assert rebuilt.exit_code == 0, rebuilt.output
    fixed = invoke(root, "send", SLUG, "--again")
    assert fixed.exit_code == 0, fixed.output
    assert smtp.copies() == {"a@example.org": 2}
    latest = message_from_bytes(smtp.received[-1].data, policy=policy.default)
    assert "Fe de erratas publicada." in latest.get_body(("plain",)).get_content()


def test_delivery_settings_never_ask_for_a_rebuild_settings_of_the_message_do(
    delivery_workspace: Path, smtp: RecordingHandler
) -> None:
    root = delivery_workspace
    # Everything about how mail is sent and where the list is kept, all changed at once.
    configure(
        root,
        database="lists/members.sqlite3",
        connections=1,
        rate=25,
        timeout=5,
        retry_delay=1,
        retry_window=60,
        pause_after_failures=3,
        database_timeout=2,
        envelope_from="rebotes@muelle.example.org",
        listen="127.0.0.1:8099",
        unsubscribe_link_days=30,
    )
    add_subscribers(root, {"a@example.org": "active"})

    sent = invoke(root, "send", SLUG)
    assert sent.exit_code == 0, sent.output
    assert smtp.copies() == {"a@example.org": 1}

    config = root / "publisher.toml"
    config.write_text(
        config.read_text("utf-8").replace("redaccion@muelle", "cartas@muelle"), "utf-8"
    )  # Reply-To is in every copy: the built email no longer matches
    stale = invoke(root, "send", SLUG, "--again")
    assert stale.exit_code == 1 and "out of date" in stale.output
    assert invoke(root, *hinted_command(stale.output)).exit_code == 0
    assert invoke(root, "send", SLUG, "--again").exit_code == 0
    reply_to = BytesHeaderParser(policy=policy.default).parsebytes(smtp.received[-1].data)
    assert reply_to["Reply-To"].addresses[0].addr_spec == "cartas@muelle.example.org"


def test_a_test_copy_and_a_dry_run_leave_the_ledger_alone(
    delivery_workspace: Path, smtp: RecordingHandler
) -> None:
    root = delivery_workspace
    add_subscribers(root, {"a@example.org": "active", "b@example.org": "active"})

    dry = invoke(root, "send", SLUG, "--dry-run")
    test_copy = invoke(root, "send", SLUG, "--to", "Editor@Example.org")

    assert dry.exit_code == 0 and "dry run" in dry.output
    assert test_copy.exit_code == 0, test_copy.output
    assert smtp.copies() == {"Editor@example.org": 1}
    assert query(root, "SELECT COUNT(*) FROM sends") == [(0,)]
    assert invoke(root, "send", SLUG).exit_code == 0
    assert smtp.copies() == {"Editor@example.org": 1, "a@example.org": 1, "b@example.org": 1}


def test_an_unfinished_next_issue_leaves_the_built_one_to_send(
    delivery_workspace: Path, smtp: RecordingHandler
) -> None:
    root = delivery_workspace
    add_subscribers(root, {"a@example.org": "active"})
    (root / "issues" / "008-siguiente.yaml").write_text(
        'title: "Siguiente"\nnumber: 8\ndate: 2026-05-01\nsections:\n  - title: Portada\n'
        "    documents: [huelga-estibadores, articulo-por-escribir]\n"
    )

    dry = invoke(root, "send", SLUG, "--dry-run")
    sent = invoke(root, "send", SLUG)

    assert dry.exit_code == 0, dry.output
    assert "no document 'articulo-por-escribir'" in dry.output
    assert sent.exit_code == 0, sent.output
    assert smtp.copies() == {"a@example.org": 1}
    assert invoke(root, "send", "008-siguiente").exit_code == 1


def test_missing_secrets_are_named_not_shown(
    delivery_workspace: Path, smtp: RecordingHandler, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("PUBLISHER_SECRET_KEY")
    result = invoke(delivery_workspace, "send", SLUG)
    assert result.exit_code == 1 and "PUBLISHER_SECRET_KEY" in result.output
    assert "Traceback" not in result.output and not smtp.received


# The key a volunteer makes again the next week, README's line run in a new terminal.
NEXT_WEEKS_KEY = "Xq3v9KfL2mWb7RtYc1NzPd8HsJ4gUe6A"


def _unsubscribe_token(smtp: RecordingHandler) -> str:
    """The token of the unsubscribe link in the latest copy received."""
    return TOKEN_IN_URL.findall(smtp.received[-1].data.decode("ascii"))[0]


def test_a_new_secret_key_is_refused_while_links_already_sent_need_the_old_one(
    delivery_workspace: Path, smtp: RecordingHandler, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = delivery_workspace
    add_subscribers(root, {"ivy@example.net": "active"})
    assert invoke(root, "send", SLUG).exit_code == 0
    sent_link = _unsubscribe_token(smtp)

    monkeypatch.setenv("PUBLISHER_SECRET_KEY", NEXT_WEEKS_KEY)
    dry_run = invoke(root, "send", SLUG, "--again", "--dry-run")
    real = invoke(root, "send", SLUG, "--again")

    for refused in (dry_run, real):
        assert refused.exit_code == 1, refused.output
        assert "$PUBLISHER_SECRET_KEY is not the key" in refused.output
        assert f"issue {SLUG}" in refused.output and "--new-key" in refused.output
        assert "Traceback" not in refused.output
    assert smtp.copies() == {"ivy@example.net": 1}
    with pytest.raises(PublisherError, match="PUBLISHER_SECRET_KEY is not the key"):
        create_app(root)  # serve-subscriptions: every link sent would have been a 400
    stored = str(query(root, "SELECT * FROM sends"))
    assert SECRET not in stored and NEXT_WEEKS_KEY not in stored

    monkeypatch.setenv("PUBLISHER_SECRET_KEY", SECRET)
    pages = create_app(root).test_client()
    unsubscribe = pages.post(f"/unsubscribe/?token={sent_link}", data=ONE_CLICK)
    assert unsubscribe.status_code == 200
    assert query(root, "SELECT status FROM subscribers") == [("unsubscribed",)]


def test_a_lost_secret_key_is_replaced_only_when_told_and_the_new_one_is_kept_after(
    delivery_workspace: Path, smtp: RecordingHandler, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = delivery_workspace
    add_subscribers(root, {"ivy@example.net": "active"})
    assert invoke(root, "send", SLUG).exit_code == 0

    monkeypatch.setenv("PUBLISHER_SECRET_KEY", NEXT_WEEKS_KEY)
    replaced = invoke(root, "send", SLUG, "--again", "--new-key")
    assert replaced.exit_code == 0, replaced.output
    new_link = _unsubscribe_token(smtp)
    again = invoke(root, "send", SLUG, "--again")
    assert again.exit_code == 0, again.output
    assert smtp.copies() == {"ivy@example.net": 3}

    monkeypatch.setenv("PUBLISHER_SECRET_KEY", SECRET)  # the old one found, too late
    old = invoke(root, "send", SLUG, "--again")
    assert old.exit_code == 1 and "is not the key" in old.output
    monkeypatch.setenv("PUBLISHER_SECRET_KEY", NEXT_WEEKS_KEY)
    pages = create_app(root).test_client()
    assert pages.post(f"/unsubscribe/?token={new_link}", data=ONE_CLICK).status_code == 200


# An issue named in Arabic letters: before they were kept, its slug (and so its name in the
# ledger) was their transliteration. A manifest named so stands in for that workspace: the
# ledger it leaves is the one `publisher send` wrote then, by a real send.
ARABIC = "عدد-الإضراب"
TRANSLITERATED = "dd-ldrb"


def named(root: Path, name: str) -> None:
    """The issue's manifest given `name`, its email built again."""
    (manifest,) = (root / "issues").glob("*.yaml")
    manifest.rename(root / "issues" / f"{name}.yaml")
    build(root, formats=["email"])


@both_backends
def test_an_issue_sent_before_arabic_names_kept_their_letters_is_not_sent_again(
    delivery_workspace: Path, smtp: RecordingHandler
) -> None:
    """Sent as dd-ldrb, عدد-الإضراب is the same issue to the ledger: sending it again is
    refused as before (not taken for a renamed manifest, which asked to name it dd-ldrb
    again), and --new reaches only who has not had it."""
    root = delivery_workspace
    add_subscribers(root, {"a@example.org": "active", "b@example.org": "active"})
    named(root, TRANSLITERATED)
    assert send(root, SendRequest(TRANSLITERATED)).counts == {"sent": 2}
    named(root, ARABIC)
    add_subscribers(root, {"c@example.org": "active"})

    refused = invoke(root, "send", ARABIC)
    assert refused.exit_code == 1
    assert f"issue {ARABIC} ({TRANSLITERATED}) was already sent (2 sent" in refused.output
    assert "1 active subscriber(s) have not had it" in refused.output
    new = invoke(root, "send", ARABIC, "--new")

    assert new.exit_code == 0, new.output
    assert smtp.copies() == {"a@example.org": 1, "b@example.org": 1, "c@example.org": 1}
    assert query(root, "SELECT DISTINCT issue FROM sends") == [(TRANSLITERATED,)]


def test_a_send_interrupted_before_arabic_names_kept_their_letters_goes_on_where_it_stopped(
    delivery_workspace: Path, smtp: RecordingHandler
) -> None:
    """A send of dd-ldrb paused halfway (the server refusing for now) is finished by
    `publisher send عدد-الإضراب`, or by the old name: each reader gets one copy."""
    root = delivery_workspace
    configure(root, connections=1, pause_after_failures=2)
    everyone = {f"r{n}@example.org": "active" for n in range(6)}
    add_subscribers(root, everyone)
    named(root, TRANSLITERATED)

    def refuse_from_now() -> None:
        smtp.refuse_all = "451 4.3.2 system not accepting messages"

    smtp.on_data = refuse_from_now
    paused = send(root, SendRequest(TRANSLITERATED))
    assert paused.paused and paused.counts.get("sent") == 1
    named(root, ARABIC)
    smtp.refuse_all = None

    resumed = invoke(root, "send", ARABIC)

    assert resumed.exit_code == 0, resumed.output
    assert smtp.copies() == {address: 1 for address in everyone}
    assert query(root, "SELECT issue, finished_at IS NOT NULL FROM sends") == [(TRANSLITERATED, 1)]
    again = invoke(root, "send", TRANSLITERATED)  # its old name names it still
    assert again.exit_code == 1 and "was already sent (6 sent" in again.output


def test_an_old_name_two_arabic_issues_shared_sends_neither(
    delivery_workspace: Path, smtp: RecordingHandler
) -> None:
    """عمال.yaml (workers) and عمل.yaml (work) were both 'ml' before their letters were kept:
    `publisher send ml` is refused naming both, not sent (or tried) as one picked."""
    root = delivery_workspace
    add_subscribers(root, {"a@example.org": "active"})
    (manifest,) = (root / "issues").glob("*.yaml")
    text = manifest.read_text(encoding="utf-8")
    (root / "issues" / "عمال.yaml").write_text(text, encoding="utf-8")
    manifest.rename(root / "issues" / "عمل.yaml")
    (root / "issues" / "عمل.yaml").write_text(
        re.sub(r"(?m)^number: .*$", "number: 99", text), encoding="utf-8"
    )
    build(root, formats=["email"])

    for extra in (["--dry-run"], []):
        refused = invoke(root, "send", "ml", *extra)
        assert refused.exit_code == 1, refused.output
        assert "'ml' names more than one issue" in refused.output
        assert "عمال" in refused.output and "عمل" in refused.output
    assert not smtp.received


def test_an_issue_named_in_arabic_goes_out_with_message_ids_in_ascii(
    delivery_workspace: Path, smtp: RecordingHandler
) -> None:
    """A header is ASCII: the issue's name in each copy's Message-ID is percent-encoded, as
    in its address (the build stopped on the email with UnicodeEncodeError)."""
    root = delivery_workspace
    add_subscribers(root, {"a@example.org": "active", "b@example.org": "active"})
    named(root, ARABIC)

    assert invoke(root, "send", ARABIC).exit_code == 0
    test_copy = invoke(root, "send", TRANSLITERATED, "--to", "editor@example.org")

    assert test_copy.exit_code == 0, test_copy.output
    encoded = "%D8%B9%D8%AF%D8%AF-%D8%A7%D9%84%D8%A5%D8%B6%D8%B1%D8%A7%D8%A8"
    assert len(smtp.received) == 3
    for received in smtp.received:
        received.data.decode("ascii").partition("\r\n\r\n")[0]  # headers: ASCII only
        assert re.fullmatch(rf"<[\w.]*{encoded}@[\w.-]+>", received.message_id)
    assert query(root, "SELECT DISTINCT issue FROM sends") == [(ARABIC,)]
    view_online = f"https://boletin.muelle.example.org/{encoded}/"
    assert (
        view_online
        in message_from_bytes(smtp.received[0].data, policy=policy.default)
        .get_body(("plain",))
        .get_content()
    )


def test_a_reader_who_joins_after_a_send_made_before_arabic_names_kept_their_letters_gets_it(
    delivery_workspace: Path, smtp: RecordingHandler
) -> None:
    """The ledger's last send is dd-ldrb's; its email is built in عدد-الإضراب/ now, and a
    newcomer is welcomed with it (there was no dd-ldrb/email.eml to find)."""
    from delivery_support import list_tokens

    from publisher.config import load_config
    from publisher.delivery.welcome import welcome

    root = delivery_workspace
    add_subscribers(root, {"a@example.org": "active"})
    named(root, TRANSLITERATED)
    send(root, SendRequest(TRANSLITERATED))
    named(root, ARABIC)
    configure(root, welcome_issue=True)
    add_subscribers(root, {"new@example.org": "active"})
    config = load_config(root)
    (newcomer,) = query(root, "SELECT id FROM subscribers WHERE address = 'new@example.org'")

    welcome(config, config.delivery.database_path(root), list_tokens(root), newcomer[0])

    assert smtp.copies() == {"a@example.org": 1, "new@example.org": 2}  # welcome and issue
    assert invoke(root, "send", ARABIC, "--new").exit_code == 0  # no one is left to have it
    assert smtp.copies() == {"a@example.org": 1, "new@example.org": 2}


def welcome_newcomer(root: Path) -> None:
    """A reader who confirmed their address after the last send, welcomed with its issue."""
    from delivery_support import list_tokens

    from publisher.config import load_config
    from publisher.delivery.welcome import welcome

    configure(root, welcome_issue=True)
    add_subscribers(root, {"new@example.org": "active"})
    config = load_config(root)
    (newcomer,) = query(root, "SELECT id FROM subscribers WHERE address = 'new@example.org'")
    welcome(config, config.delivery.database_path(root), list_tokens(root), newcomer[0])


@both_backends
def test_a_newcomer_is_welcomed_with_the_newest_issue_though_an_older_one_was_sent_since(
    delivery_workspace: Path, smtp: RecordingHandler
) -> None:
    """No. 7 sent after No. 8 went out (to readers who confirmed late): newcomers were
    welcomed with No. 7, the last send's issue, not the newest."""
    root = delivery_workspace
    older = (root / "issues" / f"{SLUG}.yaml").read_text("utf-8")
    (root / "issues" / "008-despues.yaml").write_text(
        older.replace("number: 7", "number: 8").replace("date: 2026-04-14", "date: 2026-05-14")
    )
    build(root, formats=["email"])
    add_subscribers(root, {"a@example.org": "active"})
    send(root, SendRequest("008-despues"))
    add_subscribers(root, {"late@example.org": "active"})
    send(root, SendRequest(SLUG))  # late confirmers: its first send, after No. 8

    welcome_newcomer(root)

    welcomed = query(
        root,
        "SELECT sends.issue FROM deliveries JOIN sends ON sends.id = deliveries.send_id"
        " WHERE deliveries.address = 'new@example.org'",
    )
    assert welcomed == [("008-despues",)]


def test_a_reader_who_joins_after_an_article_is_taken_down_gets_no_copy_of_the_old_email(
    delivery_workspace: Path, smtp: RecordingHandler, caplog: pytest.LogCaptureFixture
) -> None:
    """The article left the manifest and only the web was built again (the quickest way
    offline): the built email still carries it, and must not reach anyone else."""
    root = delivery_workspace
    add_subscribers(root, {"a@example.org": "active"})
    send(root, SendRequest(SLUG))
    manifest = root / "issues" / f"{SLUG}.yaml"
    text = manifest.read_text("utf-8")
    manifest.write_text(text.replace("[risala-tanja, nota-redaccion]", "[risala-tanja]"), "utf-8")

    welcome_newcomer(root)

    [welcome_only] = [r for r in smtp.received if r.recipient == "new@example.org"]
    assert b"nota-redaccion" not in welcome_only.data
    assert query(root, "SELECT address FROM deliveries") == [("a@example.org",)]
    assert any("out of date" in m and "build it again" in m for m in caplog.messages)


def test_a_reader_who_joins_after_an_issue_s_manifest_is_deleted_gets_no_copy_of_it(
    delivery_workspace: Path, smtp: RecordingHandler, caplog: pytest.LogCaptureFixture
) -> None:
    root = delivery_workspace
    add_subscribers(root, {"a@example.org": "active"})
    send(root, SendRequest(SLUG))
    (root / "issues" / f"{SLUG}.yaml").unlink()

    welcome_newcomer(root)

    assert smtp.copies() == {"a@example.org": 1, "new@example.org": 1}  # the welcome alone
    assert query(root, "SELECT address FROM deliveries") == [("a@example.org",)]
    assert any(f"no copy of {SLUG}" in m and "no issue" in m for m in caplog.messages)


def test_an_issue_its_old_platform_emailed_is_not_sent_to_everyone_again_unless_told(
    delivery_workspace: Path, smtp: RecordingHandler
) -> None:
    """An issue imported from Ghost that Ghost had emailed (its `emails` row) looked new to
    the ledger: `send` queued it for everyone, who had it already from Ghost."""
    root = delivery_workspace
    add_subscribers(root, {"a@example.org": "active", "b@example.org": "active"})
    post = {
        "id": "p1",
        "uuid": "u1",
        "title": "Picket line report",
        "slug": "picket-line-report",
        "html": "<p>Six hours at the gate.</p>",
        "type": "post",
        "status": "published",
        "visibility": "public",
        "email_recipient_filter": "all",
        "newsletter_id": "n1",
        "created_at": "2025-03-01T08:00:00.000Z",
        "published_at": "2025-03-02T07:30:00.000Z",
    }
    emails = [{"id": "e1", "post_id": "p1", "status": "submitted", "email_count": 120}]
    export = root.parent / "site.ghost.2025-03-15-10-00-00.json"
    meta = {"exported_on": 1742032800000, "version": "5.80.0"}
    data = {"posts": [post], "emails": emails}
    export.write_text(json.dumps({"db": [{"meta": meta, "data": data}]}))
    try:
        assert invoke(root, "import", str(export)).exit_code == 0
    finally:
        export.unlink()
    build(root, ["picket-line-report"], formats=["email"])

    for command in (["--dry-run"], []):
        refused = invoke(root, "send", "picket-line-report", *command)
        assert refused.exit_code == 1, refused.output
        said = " ".join(refused.output.split())
        assert "issue picket-line-report was sent already by Ghost" in said
        assert "--again" in said and "Traceback" not in said
    assert smtp.copies() == {}
    again = send(root, SendRequest("picket-line-report", again=True))
    assert again.counts == {"sent": 2}
