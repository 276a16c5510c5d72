"""`publisher bounces`: real bounces (flufl.bounce's 50 DSN samples from real mail servers)
and five spam complaints (ARF, as AOL, Yahoo, Outlook.com, Comcast and Mail.ru send them)
come back to the VERP address a real send gave each subscriber, from a Maildir and from a
real IMAP server (Dovecot): hard bounces and complaints suppress at once, soft bounces are
counted, nothing is counted twice, and the next send skips whoever was suppressed."""

from __future__ import annotations

import datetime as dt
import mailbox
import re
import sqlite3
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from bounce_support import EnvelopeRecorder, Imap, flufl_samples, returned_to
from click.testing import CliRunner
from delivery_support import (
    SLUG,
    add_subscribers,
    both_backends,
    configure,
    execute_many,
    list_tokens,
    query,
)

from publisher.cli import main
from publisher.config import load_config
from publisher.delivery.bounce_policy import process
from publisher.delivery.store import SCHEMA_VERSION, open_database
from publisher.delivery.verp import Verp
from publisher.errors import PublisherError

pytest_plugins = ["bounce_fixtures"]  # its SMTP and Dovecot fixtures

DATA = Path(__file__).parent / "workspaces" / "bounces"
BOUNCE_ADDRESS = "bounces@muelle.example.org"

# flufl.bounce's samples and what each says, read off the samples themselves (and matching
# flufl.bounce's own test table): True for a permanent failure, False for a delay/warning
# (a delay notice: the copy is still being retried). But for dsn_02.txt: its server gave
# up (Action: failed) on a 4.4.7 status, a host that did not answer for days, which counts
# as a soft bounce here (flufl.bounce: permanent).
PERMANENT = {
    **{f"dsn_{n:02}.txt": n not in (2, 5, 6, 7, 8, 17) for n in range(1, 19)},
    **{f"postfix_{n:02}.txt": True for n in range(1, 6)},
    "exim_01.txt": True,
    **{f"qmail_{n:02}.txt": True for n in range(1, 8)},
    **{f"smtp32_{n:02}.txt": True for n in range(1, 8)},
    **{f"simple_{n}.txt": False for n in ("03", "21", "22", "28", "35", "40")},
    # Home-made bounces marked `Auto-Submitted: auto-replied` (Mail.ru, MailEnable, Earthlink)
    **{f"simple_{n}.txt": True for n in ("39", "41", "45")},
    **{f"yahoo_{n}.txt": True for n in ("01", "02", "03", "11", "13")},
    "aol_01.txt": True,
}
HARD = [name for name, permanent in PERMANENT.items() if permanent]
SOFT = ["dsn_02.txt"]
DELAYS = [name for name, permanent in PERMANENT.items() if not permanent and name not in SOFT]
COMPLAINTS = sorted(p.name for p in (DATA / "arf").glob("*.eml"))


def invoke(root: Path, *args: str):
    return CliRunner().invoke(main, ["-C", str(root), *args])


@pytest.fixture(scope="module")
def samples(request: pytest.FixtureRequest) -> dict[str, bytes]:
    return flufl_samples(request.config, sorted(PERMANENT))


@pytest.fixture
def bounce_workspace(delivery_workspace: Path, envelope_smtp: tuple[EnvelopeRecorder, int]) -> Path:
    """The built email workspace, sending to the envelope-recording server, with VERP on."""
    handler, port = envelope_smtp
    handler.reset()
    configure(delivery_workspace, smtp_port=port, bounce_address=BOUNCE_ADDRESS)
    return delivery_workspace


def reader(n: int) -> str:
    return f"lector{n:02}@correo.example.net"


def complaint(name: str, verp: str, subscriber: str) -> bytes:
    text = (DATA / "arf" / name).read_bytes()
    return text.replace(b"VERP_ADDRESS", verp.encode()).replace(
        b"SUBSCRIBER_ADDRESS", subscriber.encode()
    )


def statuses(root: Path) -> dict[str, str]:
    return dict(query(root, "SELECT address, status FROM subscribers"))


def events(root: Path) -> list[tuple]:
    return query(
        root,
        "SELECT s.address, e.kind, e.report_id, e.diagnostic, e.decision FROM bounce_events e"
        " LEFT JOIN subscribers s ON s.id = e.subscriber_id ORDER BY e.id",
    )


def deliver(source: str, messages: list[bytes], where: Path, imap: Imap | None) -> str:
    """Puts the messages where the bounce address's mail arrives; returns the SOURCE."""
    if source == "maildir":
        box = mailbox.Maildir(where / "Maildir", create=True)
        for message in messages:
            box.add(message)
        return str(where / "Maildir")
    from imap_tools import MailBoxUnencrypted

    assert imap is not None
    folder = f"Bounces{id(messages)}"
    with MailBoxUnencrypted(imap.host, imap.port, timeout=10).login(
        imap.user, imap.password, initial_folder=None
    ) as box:
        box.folder.create(folder)
        for message in messages:
            box.append(message, folder)
    return f"imap:{folder}"


def mark_unseen(imap: Imap | None, source: str) -> int:
    """On IMAP: how many messages of the folder were unseen; then marks them all unseen."""
    if imap is None:
        return 0
    from imap_tools import AND, MailBoxUnencrypted

    with MailBoxUnencrypted(imap.host, imap.port, timeout=10).login(
        imap.user, imap.password, initial_folder=source.partition(":")[2]
    ) as box:
        unseen = len(box.uids(AND(seen=False)))
        box.flag(box.uids(), "\\Seen", False)
    return unseen


@pytest.fixture(params=["maildir", "imap"])
def source_kind(request: pytest.FixtureRequest) -> tuple[str, Imap | None]:
    if request.param == "imap":
        imap = request.getfixturevalue("dovecot")
        return "imap", imap
    return "maildir", None


def test_real_bounces_and_complaints_come_back_through_verp_and_suppress_their_subscribers(
    bounce_workspace: Path,
    envelope_smtp: tuple[EnvelopeRecorder, int],
    samples: dict[str, bytes],
    source_kind: tuple[str, Imap | None],
    tmp_path: Path,
) -> None:
    root, (smtp, _port), (kind, imap) = bounce_workspace, envelope_smtp, source_kind
    if imap:
        configure(
            root,
            imap_host=imap.host,
            imap_port=imap.port,
            imap_security="none",
            imap_username=imap.user,
            imap_password_env="TEST_IMAP_PASSWORD",
        )
    names = sorted(PERMANENT) + COMPLAINTS
    bystanders = [reader(90), reader(91)]
    subscriber = {name: reader(n) for n, name in enumerate(names)}
    add_subscribers(root, dict.fromkeys([*subscriber.values(), *bystanders], "active"))

    # A real send: every copy leaves with its own envelope sender on the bounce domain.
    assert invoke(root, "send", SLUG).exit_code == 0
    verp = dict(smtp.envelope_from)
    assert set(verp) == {*subscriber.values(), *bystanders}
    assert len(set(verp.values())) == len(verp)
    for address in verp.values():
        local, _, domain = address.partition("@")
        assert local.startswith("bounces+") and domain == "muelle.example.org"
        assert len(local.encode()) <= 64

    # Each real sample comes back to the VERP address of one subscriber (whose address is
    # nowhere in the sample's text); two more come back to addresses that name nobody.
    returned = [returned_to(samples[name], verp[subscriber[name]]) for name in sorted(PERMANENT)]
    returned += [complaint(name, verp[subscriber[name]], subscriber[name]) for name in COMPLAINTS]
    forged = verp[bystanders[0]].replace("bounces+", "bounces+1")  # another id, same MAC
    returned.append(returned_to(samples["dsn_01.txt"], forged, "<forged.1@mx.example.net>"))
    returned.append(
        returned_to(samples["postfix_01.txt"], BOUNCE_ADDRESS, "<plain.2@mx.example.net>")
    )
    source = deliver(kind, returned, tmp_path, imap)

    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("TEST_IMAP_PASSWORD", imap.password if imap else "")
        first = invoke(root, "bounces", source)
        unseen_after_first = mark_unseen(imap, source)
        again = invoke(root, "bounces", source)
        unseen_after_again = mark_unseen(imap, source)

    assert first.exit_code == 0, first.output
    assert (
        f"{len(returned)} new report(s) ({len(HARD) + 2} hard bounce(s),"
        f" {len(SOFT)} soft bounce(s), {len(DELAYS)} delay notice(s),"
        f" {len(COMPLAINTS)} complaint(s),"
        " 0 unsubscribe request(s), 0 other)" in first.output
    )
    assert (
        f"{len(HARD) + len(COMPLAINTS)} suppressed, 0 unsubscribed, {len(SOFT)} soft bounce(s) counted,"
        " 2 mapped to nobody" in first.output
    )
    assert "<forged.1@mx.example.net>: its VERP token was not made" in first.output
    assert "<plain.2@mx.example.net>: the failed address is not on the list" in first.output
    now = statuses(root)
    assert {subscriber[n]: now[subscriber[n]] for n in HARD} == dict.fromkeys(
        (subscriber[n] for n in HARD), "bounced"
    )
    assert {subscriber[n]: now[subscriber[n]] for n in COMPLAINTS} == dict.fromkeys(
        (subscriber[n] for n in COMPLAINTS), "complained"
    )
    assert {now[subscriber[n]] for n in SOFT + DELAYS} | {now[b] for b in bystanders} == {"active"}
    recorded = events(root)
    assert len(recorded) == len(returned)
    by_subscriber = {address: (kind_, decision) for address, kind_, _, _, decision in recorded}
    for name in SOFT:
        assert by_subscriber[subscriber[name]] == ("soft", "soft bounce 1 of 3 in 30 days")
    for name in DELAYS:
        assert by_subscriber[subscriber[name]] == (
            "other",
            "a delay notice (the message may still arrive): nothing changed",
        )
    # The report behind a decision: dsn_01.txt's Message-ID and its Status field.
    assert (
        subscriber["dsn_01.txt"],
        "hard",
        "<0G1V0070AJN2C6@msg00.seamail.go.com>",
        "5.0.0 (recipient reached disk quota)",
        "suppressed: bounced",
    ) in recorded
    reason = dict(query(root, "SELECT address, status_source FROM subscribers"))
    assert "recipient reached disk quota" in reason[subscriber["dsn_01.txt"]]
    assert "<0G1V0070AJN2C6@msg00.seamail.go.com>" in reason[subscriber["dsn_01.txt"]]
    assert "by Yahoo!-Mail-Feedback/2.0" in reason[subscriber["yahoo-cfl.eml"]]
    listed = invoke(root, "subscribers", "list", "--status", "bounced").output.splitlines()
    assert listed[0].split()[-1] == "reason"
    row = next(line for line in listed if line.startswith(subscriber["dsn_01.txt"] + " "))
    assert "hard bounce" in row and "5.0.0 (recipient reached disk quota)" in row
    complained = invoke(root, "subscribers", "list", "--status", "complained").output
    assert f"{len(COMPLAINTS)} subscriber(s)" in complained and "spam complaint" in complained

    # Read again: nothing new, nothing counted twice.
    assert again.exit_code == 0, again.output
    assert "0 new report(s)" in again.output and f"{len(returned)} read before" in again.output
    assert len(events(root)) == len(returned)
    if imap:  # read once (marked \Seen); then recognised by their headers, not downloaded,
        # except those without a Message-ID (three of flufl.bounce's), known by their digest
        anonymous = [m for m in returned if message_from_bytes(m)["Message-ID"] is None]
        assert len(anonymous) == 3
        assert (unseen_after_first, unseen_after_again) == (0, len(returned) - len(anonymous))

    # The next send reaches the soft-bounced, the delayed and the untouched.
    smtp.reset()
    assert invoke(root, "send", SLUG, "--again").exit_code == 0
    assert set(smtp.copies()) == {subscriber[n] for n in SOFT + DELAYS} | set(bystanders)


@both_backends
def test_soft_bounces_suppress_once_the_limit_is_reached_within_the_window(
    bounce_workspace: Path, tmp_path: Path
) -> None:
    root = bounce_workspace
    add_subscribers(root, {reader(1): "active"})
    config = load_config(root)
    verp = Verp(BOUNCE_ADDRESS, "test-secret-key-for-signing-links").address(1)
    box = mailbox.Maildir(tmp_path / "Maildir", create=True)
    start = dt.datetime(2026, 3, 1, 9, tzinfo=dt.UTC)
    # Four copies given up on (a full mailbox) for the same subscriber: days 0, 20, 40 and
    # 45. With 3 in 30 days, day 40 sees only two in its window (20, 40); day 45 sees
    # three (20, 40, 45).
    outcomes = []
    for day in (0, 20, 40, 45):
        full = "smtp; 452 4.2.2 Mailbox full"
        box.add(postfix_report(verp, reader(1), day, "failed", "4.2.2", full, copy=day))
        process(root, str(tmp_path / "Maildir"), now=start + dt.timedelta(days=day))
        outcomes.append(statuses(root)[reader(1)])
    assert outcomes == ["active", "active", "active", "bounced"]
    decisions = [decision for *_, decision in events(root)]
    assert decisions == [
        "soft bounce 1 of 3 in 30 days",
        "soft bounce 2 of 3 in 30 days",
        "soft bounce 2 of 3 in 30 days",
        "suppressed: bounced",
    ]
    reason = query(root, "SELECT status_source FROM subscribers")[0][0]
    assert reason.startswith("3 soft bounces in 30 days, the last 2026-04-15:")
    assert config.delivery.soft_bounce_limit == 3  # the default the test relies on


def test_an_mbox_is_read_too_and_a_report_with_no_message_id_is_not_counted_twice(
    bounce_workspace: Path, samples: dict[str, bytes], tmp_path: Path
) -> None:
    root = bounce_workspace
    add_subscribers(root, {reader(1): "active", reader(2): "active"})
    verp = Verp(BOUNCE_ADDRESS, "test-secret-key-for-signing-links")
    box = mailbox.mbox(tmp_path / "bounces.mbox", create=True)
    box.add(returned_to(samples["qmail_07.txt"], verp.address(1)))  # has no Message-ID
    box.add(complaint("outlook-jmrp.eml", verp.address(2), reader(2)))
    box.close()

    first = invoke(root, "bounces", str(tmp_path / "bounces.mbox"))
    again = invoke(root, "bounces", str(tmp_path / "bounces.mbox"))

    assert first.exit_code == 0, first.output
    assert statuses(root) == {reader(1): "bounced", reader(2): "complained"}
    assert "0 new report(s)" in again.output and "2 read before" in again.output
    assert [kind for _, kind, *_ in events(root)] == ["hard", "complaint"]
    assert events(root)[0][2].startswith("sha256:")


def test_mail_that_is_no_bounce_changes_nothing_and_says_so_without_a_traceback(
    bounce_workspace: Path, tmp_path: Path
) -> None:
    root = bounce_workspace
    add_subscribers(root, {reader(1): "active", reader(2): "active"})
    verp = Verp(BOUNCE_ADDRESS, "test-secret-key-for-signing-links")
    box = mailbox.Maildir(tmp_path / "Maildir", create=True)
    box.add(  # an out-of-office reply (RFC 3834), sent to the envelope sender
        f"From: {reader(1)}\nTo: {verp.address(1)}\nAuto-Submitted: auto-replied\n"
        "Message-ID: <ooo.1@correo.example.net>\nSubject: Fuera de la oficina\n\nVuelvo el lunes.\n"
    )
    box.add(  # no From: at all, which trips one of flufl.bounce's detectors
        f"To: {verp.address(2)}\nMessage-ID: <odd.2@correo.example.net>\n\nhello\n"
    )

    result = invoke(root, "bounces", str(tmp_path / "Maildir"))

    assert result.exit_code == 0, result.output
    assert (
        "(0 hard bounce(s), 0 soft bounce(s), 0 delay notice(s), 0 complaint(s),"
        " 0 unsubscribe request(s), 2 other)" in (result.output)
    )
    assert "Traceback" not in result.output
    assert statuses(root) == {reader(1): "active", reader(2): "active"}
    assert sorted((kind, diagnostic) for _, kind, _, diagnostic, _ in events(root)) == [
        ("other", "Fuera de la oficina"),
        ("other", "not readable as a bounce (IndexError in flufl.bounce)"),
    ]
    # Each is named, with its subscriber, rather than only counted as "other".
    listed = sorted(line for line in result.output.splitlines() if "not read as a bounce" in line)
    assert len(listed) == 2
    assert f"{reader(1)}, " in listed[0] and listed[0].endswith(
        "<ooo.1@correo.example.net>: Fuera de la oficina"
    )
    assert f"{reader(2)}, " in listed[1] and "<odd.2@correo.example.net>" in listed[1]


def global_dsn(verp: str, number: int, status_fields: bytes, encoding: str) -> bytes:
    """A DSN as Postfix sends it for mail that went out with SMTPUTF8 (RFC 6533): its
    machine-readable part is message/global-delivery-status, UTF-8 allowed in its fields."""
    return (
        (
            f"Return-Path: <>\nDelivered-To: {verp}\nTo: {verp}\n"
            "From: MAILER-DAEMON@mx.correo.example.net (Mail Delivery System)\n"
            f"Subject: Undelivered Mail Returned to Sender\nMessage-ID: <g{number}@mx.example.net>\n"
            "MIME-Version: 1.0\n"
            'Content-Type: multipart/report; report-type=delivery-status; boundary="GG"\n\n'
            "--GG\nContent-Type: text/plain; charset=us-ascii\n\n"
            "This is the mail system at host mx.correo.example.net.\n\n"
            f"--GG\nContent-Type: message/global-delivery-status\n"
            f"Content-Transfer-Encoding: {encoding}\n\n"
        ).encode()
        + status_fields
        + (
            "\n--GG\nContent-Type: message/global-headers\n\n"
            f"Return-Path: <{verp}>\nFrom: Boletín <boletin@muelle.example.org>\n"
            "Subject: Boletín 1\n\n--GG--\n"
        ).encode()
    )


def test_a_global_dsn_for_mail_sent_with_smtputf8_is_read_like_any_other_dsn(
    bounce_workspace: Path, tmp_path: Path
) -> None:
    """RFC 6533's message/global-delivery-status holds the fields of RFC 3464's
    message/delivery-status: a failed recipient is a hard bounce, a delayed one a delay
    notice."""
    root = bounce_workspace
    add_subscribers(root, {reader(1): "active", reader(2): "active"})
    verp = Verp(BOUNCE_ADDRESS, "test-secret-key-for-signing-links")
    failed = (  # 8bit, as sent where SMTPUTF8 goes
        "Reporting-MTA: dns; mx.correo.example.net\n\n"
        f"Final-Recipient: rfc822; {reader(1)}\nAction: failed\nStatus: 5.1.1\n"
        "Diagnostic-Code: smtp; 550 5.1.1 Buzón desconocido\n"
    ).encode()
    delayed = (  # quoted-printable, as sent over a 7-bit hop
        b"Reporting-MTA: dns; mx.correo.example.net\n\n"
        + f"Final-Recipient: rfc822; {reader(2)}\n".encode()
        + b"Action: delayed\nStatus: 4.2.2\nDiagnostic-Code: smtp; 452 4.2.2 Buz=C3=B3n lleno\n"
    )
    box = mailbox.Maildir(tmp_path / "Maildir", create=True)
    box.add(global_dsn(verp.address(1), 1, failed, "8bit"))
    box.add(global_dsn(verp.address(2), 2, delayed, "quoted-printable"))

    result = invoke(root, "bounces", str(tmp_path / "Maildir"))

    assert result.exit_code == 0, result.output
    assert "(1 hard bounce(s), 0 soft bounce(s), 1 delay notice(s), 0 complaint(s)" in (
        result.output
    )
    assert statuses(root) == {reader(1): "bounced", reader(2): "active"}
    assert sorted(events(root)) == [
        (
            reader(1),
            "hard",
            "<g1@mx.example.net>",
            "5.1.1; smtp; 550 5.1.1 Buzón desconocido",
            "suppressed: bounced",
        ),
        (
            reader(2),
            "other",
            "<g2@mx.example.net>",
            "4.2.2; smtp; 452 4.2.2 Buzón lleno",
            "a delay notice (the message may still arrive): nothing changed",
        ),
    ]


def server_dsn(name: str, returned_to: str, subscriber: str) -> bytes:
    """A DSN as that server writes it (tests/workspaces/bounces/dsn/), Auto-Submitted:
    auto-replied and all (RFC 3834 asks it of them), come back to `returned_to`."""
    text = (DATA / "dsn" / f"{name}.eml").read_bytes()
    return text.replace(b"VERP_ADDRESS", returned_to.encode()).replace(
        b"SUBSCRIBER_ADDRESS", subscriber.encode()
    )


SERVERS = ("postfix", "exim", "gmail", "exchange")


def test_bounces_marked_auto_submitted_as_postfix_exim_gmail_and_exchange_mark_them_are_hard_bounces(
    bounce_workspace: Path, tmp_path: Path
) -> None:
    """Mail servers put `Auto-Submitted: auto-replied` on the bounces they write: that
    makes them no out-of-office reply. With VERP (Postfix, Gmail) and without it, matched
    by the failed address the report names (Exim, Exchange)."""
    root = bounce_workspace
    add_subscribers(root, {reader(n): "active" for n in range(1, 6)})
    verp = Verp(BOUNCE_ADDRESS, "test-secret-key-for-signing-links")
    box = mailbox.Maildir(tmp_path / "Maildir", create=True)
    box.add(server_dsn("postfix", verp.address(1), reader(1)))
    box.add(server_dsn("exim", BOUNCE_ADDRESS, reader(2)))
    box.add(server_dsn("gmail", verp.address(3), reader(3)))
    box.add(server_dsn("exchange", BOUNCE_ADDRESS, reader(4)))
    box.add(  # an out-of-office reply is still no bounce
        f"From: {reader(5)}\nTo: {verp.address(5)}\nAuto-Submitted: auto-replied\n"
        "Message-ID: <ooo.5@correo.example.net>\nSubject: Fuera de la oficina\n\nVuelvo el lunes.\n"
    )

    result = invoke(root, "bounces", str(tmp_path / "Maildir"))

    assert result.exit_code == 0, result.output
    assert (
        "(4 hard bounce(s), 0 soft bounce(s), 0 delay notice(s), 0 complaint(s),"
        " 0 unsubscribe request(s), 1 other)" in result.output
    )
    assert statuses(root) == {
        reader(1): "bounced",
        reader(2): "bounced",
        reader(3): "bounced",
        reader(4): "bounced",
        reader(5): "active",
    }
    diagnostics = {address: diagnostic for address, _, _, diagnostic, _ in events(root)}
    assert diagnostics[reader(4)] == (
        "5.1.10; smtp;550 5.1.10 RESOLVER.ADR.RecipientNotFound;"
        " Recipient not found by SMTP address lookup"
    )


def test_a_block_of_our_server_is_a_soft_bounce_not_the_end_of_the_address(
    bounce_workspace: Path, tmp_path: Path
) -> None:
    """A receiving server that refuses mail from us (X.7.x: our IP on a blocklist, our
    domain failing its checks) refuses every reader there alike: as hard bounces, one bad
    day at a blocklist unsubscribed all of a list's Gmail readers. They count towards
    soft_bounce_limit instead; an unknown user (5.1.1) stays a hard bounce."""
    root = bounce_workspace
    add_subscribers(root, {reader(n): "active" for n in range(1, 3)})
    verp = Verp(BOUNCE_ADDRESS, "test-secret-key-for-signing-links")
    box = mailbox.Maildir(tmp_path / "Maildir", create=True)
    dsn = server_dsn("postfix", "VERP", "SUBSCRIBER").decode()
    blocked = dsn.replace("Status: 5.1.1", "Status: 5.7.1").replace(
        "550 5.1.1 <SUBSCRIBER>: Recipient address\n    rejected: User unknown in virtual"
        " mailbox table",
        "554 5.7.1 Service unavailable; Client host [203.0.113.5]\n    blocked using"
        " zen.spamhaus.org",
    )
    assert blocked != dsn
    blocked = blocked.replace("4Zm7Qk1pLqz9@", "blocked1@")  # its Message-ID
    box.add(blocked.replace("VERP", verp.address(1)).replace("SUBSCRIBER", reader(1)))
    box.add(server_dsn("postfix", verp.address(2), reader(2)))

    result = invoke(root, "bounces", str(tmp_path / "Maildir"))

    assert result.exit_code == 0, result.output
    assert "(1 hard bounce(s), 1 soft bounce(s)" in result.output
    assert statuses(root) == {reader(1): "active", reader(2): "bounced"}


def test_a_full_mailbox_is_a_soft_bounce_even_when_the_server_gave_up_on_the_copy(
    bounce_workspace: Path, tmp_path: Path
) -> None:
    """Action: failed says this copy will not be retried; the Status says why: 4.x.x is a
    transient condition, and X.2.2 a full mailbox (RFC 3463), which the reader may empty.
    Both count towards soft_bounce_limit; an unknown user (5.1.1) stays a hard bounce."""
    root = bounce_workspace
    add_subscribers(root, {reader(n): "active" for n in range(1, 4)})
    verp = Verp(BOUNCE_ADDRESS, "test-secret-key-for-signing-links")
    box = mailbox.Maildir(tmp_path / "Maildir", create=True)
    dsn = server_dsn("postfix", "VERP", "SUBSCRIBER").decode()
    for n, (status, words) in enumerate(
        [("4.2.2", "452 4.2.2 Mailbox full"), ("5.2.2", "552 5.2.2 Mailbox full: quota exceeded")],
        start=1,
    ):
        full = dsn.replace("Status: 5.1.1", f"Status: {status}").replace(
            "550 5.1.1 <SUBSCRIBER>: Recipient address\n    rejected: User unknown in virtual"
            " mailbox table",
            words,
        )
        full = full.replace("4Zm7Qk1pLqz9@", f"full{n}@")  # its Message-ID
        box.add(full.replace("VERP", verp.address(n)).replace("SUBSCRIBER", reader(n)))
    box.add(server_dsn("postfix", verp.address(3), reader(3)))

    result = invoke(root, "bounces", str(tmp_path / "Maildir"))

    assert result.exit_code == 0, result.output
    assert "(1 hard bounce(s), 2 soft bounce(s)" in result.output
    assert statuses(root) == {reader(1): "active", reader(2): "active", reader(3): "bounced"}
    assert sorted((a, kind, diagnostic) for a, kind, _, diagnostic, _ in events(root)) == [
        (reader(1), "soft", "4.2.2; smtp; 452 4.2.2 Mailbox full"),
        (reader(2), "soft", "5.2.2; smtp; 552 5.2.2 Mailbox full: quota exceeded"),
        (
            reader(3),
            "hard",
            f"5.1.1; smtp; 550 5.1.1 <{reader(3)}>: Recipient address rejected: User unknown"
            " in virtual mailbox table",
        ),
    ]


def postfix_report(
    verp: str,
    subscriber: str,
    number: int,
    action: str,
    status: str,
    diagnostic: str,
    copy: int = 0,
) -> str:
    """A Postfix DSN come back to `verp` about a copy sent to `subscriber` (each `copy` its
    own Message-ID), with a Message-ID of its own (`number`): a delay notice ("delayed"),
    as Postfix sends after 4 hours, or a copy given up on ("failed")."""
    dsn = server_dsn("postfix", verp, subscriber).decode()
    if action == "delayed":
        dsn = dsn.replace(
            "Subject: Undelivered Mail Returned to Sender",
            "Subject: Delayed Mail (still being retried)",
        ).replace(
            "I'm sorry to have to inform you that your message could not\n"
            "be delivered to one or more recipients. It's attached below.",
            "####################################################################\n"
            "# THIS IS A WARNING ONLY.  YOU DO NOT NEED TO RESEND YOUR MESSAGE. #\n"
            "####################################################################\n\n"
            "Your message could not be delivered for more than 4 hour(s).\n"
            "It will be retried until it is 5 day(s) old.",
        )
    reply = (
        f"550 5.1.1 <{subscriber}>: Recipient address\n    rejected: User unknown in virtual"
        " mailbox table"
    )
    changed = (
        dsn.replace("Action: failed", f"Action: {action}")
        .replace("Status: 5.1.1", f"Status: {status}")
        .replace(reply, diagnostic)
        .replace("4Zm7Qk1pLqz9@", f"report{number}@")  # its Message-ID
        .replace("Message-ID: <177252555901.6.", f"Message-ID: <177252555901.{copy}.")
    )
    assert changed.count(diagnostic) == 1 and f"report{number}@" in changed
    return changed


def test_delay_notices_are_reported_and_never_counted_as_bounces(
    bounce_workspace: Path, tmp_path: Path
) -> None:
    """ "Delayed Mail (still being retried)" says the copy may still arrive: three of them
    about one copy counted as three soft bounces and unsubscribed the reader."""
    root = bounce_workspace
    add_subscribers(root, {reader(1): "active"})
    verp = Verp(BOUNCE_ADDRESS, "test-secret-key-for-signing-links").address(1)
    box = mailbox.Maildir(tmp_path / "Maildir", create=True)
    timed_out = "smtp; 451 4.4.1 connection timed out"
    for number in (1, 2, 3):
        box.add(postfix_report(verp, reader(1), number, "delayed", "4.4.1", timed_out))

    result = invoke(root, "bounces", str(tmp_path / "Maildir"))
    again = invoke(root, "bounces", str(tmp_path / "Maildir"))

    assert result.exit_code == 0, result.output
    assert "(0 hard bounce(s), 0 soft bounce(s), 3 delay notice(s), 0 complaint(s)" in (
        result.output
    )
    assert (
        f"  not counted for {reader(1)}: a delay notice (the message may still arrive)"
        in result.output.splitlines()
    )
    assert "0 suppressed, 0 unsubscribed, 0 soft bounce(s) counted" in result.output
    assert statuses(root) == {reader(1): "active"}
    assert [(kind, decision) for _, kind, _, _, decision in events(root)] == [
        ("other", "a delay notice (the message may still arrive): nothing changed")
    ] * 3
    assert "0 new report(s)" in again.output and "3 read before" in again.output


def test_soft_bounces_about_one_copy_count_once(bounce_workspace: Path, tmp_path: Path) -> None:
    """Several reports that one copy was given up on (the relay's and the reader's server's)
    are one failure: each counted towards soft_bounce_limit, and three unsubscribed the
    reader after one issue."""
    root = bounce_workspace
    add_subscribers(root, {reader(1): "active"})
    verp = Verp(BOUNCE_ADDRESS, "test-secret-key-for-signing-links").address(1)
    box = mailbox.Maildir(tmp_path / "Maildir", create=True)
    full = "smtp; 452 4.2.2 Mailbox full"
    for number in (1, 2, 3):
        box.add(postfix_report(verp, reader(1), number, "failed", "4.2.2", full))

    result = invoke(root, "bounces", str(tmp_path / "Maildir"))

    assert result.exit_code == 0, result.output
    assert "(0 hard bounce(s), 3 soft bounce(s)" in result.output
    assert statuses(root) == {reader(1): "active"}
    assert sorted(decision for *_, decision in events(root)) == [
        "soft bounce 1 of 3 in 30 days",
        "soft bounce about a copy already counted: not counted again",
        "soft bounce about a copy already counted: not counted again",
    ]
    assert "1 soft bounce(s) counted" in result.output


@both_backends
def test_a_soft_bounce_read_before_the_upgrade_and_a_relays_report_about_its_copy_count_once(
    bounce_workspace: Path, tmp_path: Path
) -> None:
    """publisher before version 7 of the list did not keep which copy a soft bounce was
    about: the reader's server's report, read then, and a relay's about the same copy, read
    after the upgrade, counted as two ("2 in the window")."""
    root = bounce_workspace
    add_subscribers(root, {reader(1): "active"})
    assert invoke(root, "send", SLUG).exit_code == 0
    copy = query(root, "SELECT message_id FROM deliveries")[0][0]
    read_then = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    full = "smtp; 452 4.2.2 Mailbox full"
    execute_many(  # the row the older publisher wrote: the columns it had
        root,
        "INSERT INTO bounce_events (report_id, subscriber_id, kind, received_at, address,"
        " diagnostic, decision) VALUES (?, ?, 'soft', ?, ?, ?, ?)",
        [
            (
                "<report1@mx.correo.example.net>",
                1,
                read_then,
                reader(1),
                full,
                "soft bounce 1 of 3 in 30 days",
            )
        ],
    )
    verp = Verp(BOUNCE_ADDRESS, "test-secret-key-for-signing-links").address(1)
    box = mailbox.Maildir(tmp_path / "Maildir", create=True)
    relay = postfix_report(verp, reader(1), 2, "failed", "4.2.2", full)
    box.add(relay.replace("<177252555901.0.4082@boletin.muelle.example.org>", copy))

    result = invoke(root, "bounces", str(tmp_path / "Maildir"))

    assert result.exit_code == 0, result.output
    assert f"not counted for {reader(1)}: soft bounce about a copy already counted" in (
        result.output
    )
    assert "0 soft bounce(s) counted" in result.output


def test_an_address_reactivated_after_soft_bounces_starts_counting_them_afresh(
    bounce_workspace: Path, tmp_path: Path
) -> None:
    """The soft bounces that suppressed an address before the editor put it back count no
    more: else the next one, about the next issue, suppressed it again at once."""
    root = bounce_workspace
    add_subscribers(root, {reader(1): "active"})
    verp = Verp(BOUNCE_ADDRESS, "test-secret-key-for-signing-links").address(1)
    full = "smtp; 452 4.2.2 Mailbox full"
    box = mailbox.Maildir(tmp_path / "Maildir", create=True)
    for copy in (1, 2, 3):
        box.add(postfix_report(verp, reader(1), copy, "failed", "4.2.2", full, copy=copy))
    assert invoke(root, "bounces", str(tmp_path / "Maildir")).exit_code == 0
    assert statuses(root) == {reader(1): "bounced"}

    reactivated = invoke(
        root, "subscribers", "reactivate", reader(1), "--reason", "mailbox emptied, she wrote"
    )
    box.add(postfix_report(verp, reader(1), 4, "failed", "4.2.2", full, copy=4))
    result = invoke(root, "bounces", str(tmp_path / "Maildir"))

    assert reactivated.exit_code == 0, reactivated.output
    assert result.exit_code == 0, result.output
    assert f"soft bounce counted for {reader(1)} (1 in the window)" in result.output
    assert statuses(root) == {reader(1): "active"}


def test_a_yahoo_bounce_is_recorded_with_yahoos_reply_not_its_subject(
    bounce_workspace: Path, tmp_path: Path
) -> None:
    """Yahoo writes its reply as "554: delivery error: …", a colon after the code: the
    reason recorded, and shown by `subscribers list --status bounced`, was the bounce's
    subject, "Failure Notice"."""
    root = bounce_workspace
    add_subscribers(root, {"lector01@yahoo.com": "active"})
    verp = Verp(BOUNCE_ADDRESS, "test-secret-key-for-signing-links").address(1)
    reply = (
        "554: delivery error: dd This user doesn't have a yahoo.com account"
        " (lector01@yahoo.com) [0] - mta1234.mail.gq1.yahoo.com"
    )
    box = mailbox.Maildir(tmp_path / "Maildir", create=True)
    box.add(
        f"Return-Path: <>\nDelivered-To: {verp}\nFrom: MAILER-DAEMON@yahoo.com\n"
        f"To: {verp}\nSubject: Failure Notice\nDate: Tue, 3 Mar 2026 08:12:45 +0000\n"
        "Message-ID: <1772525565.123456.1@mta1234.mail.gq1.yahoo.com>\n\n"
        "Sorry, we were unable to deliver your message to the following address.\n\n"
        f"<lector01@yahoo.com>:\n{reply}\n\n"
        "--- Below this line is a copy of the message.\n\n"
        "From: Boletin <boletin@muelle.example.org>\nTo: lector01@yahoo.com\n"
        "Subject: Huelga en el muelle\n\nHola.\n"
    )

    result = invoke(root, "bounces", str(tmp_path / "Maildir"))

    assert result.exit_code == 0, result.output
    assert [(kind, diagnostic) for _, kind, _, diagnostic, _ in events(root)] == [("hard", reply)]
    reason = query(root, "SELECT status_source FROM subscribers")[0][0]
    assert reply in reason


def test_bounces_and_serve_subscriptions_run_on_a_server_with_only_the_settings_and_the_list(
    bounce_workspace: Path, tmp_path: Path
) -> None:
    """The mail or web server has publisher.toml and subscribers.sqlite3, not the logo or the
    fonts [style] names: the commands that deal only with the list do not look for them."""
    from publisher.delivery.endpoints import create_app

    add_subscribers(bounce_workspace, {reader(1): "active"})
    server = tmp_path / "server"
    server.mkdir()
    settings = (bounce_workspace / "publisher.toml").read_text("utf-8")
    head, _, delivery = settings.partition("\n[delivery]\n")
    (server / "publisher.toml").write_text(
        head + '\n[style]\nlogo = "documents/media/logo.svg"\nbody_font = "fonts/Body.ttf"\n'
        "\n[delivery]\n" + delivery,
        "utf-8",
    )
    (server / "subscribers.sqlite3").write_bytes(
        (bounce_workspace / "subscribers.sqlite3").read_bytes()
    )
    verp = Verp(BOUNCE_ADDRESS, "test-secret-key-for-signing-links")
    box = mailbox.Maildir(tmp_path / "Maildir", create=True)
    box.add(server_dsn("postfix", verp.address(1), reader(1)))

    bounced = invoke(server, "bounces", str(tmp_path / "Maildir"))
    listed = invoke(server, "subscribers", "list")
    pages = create_app(server).test_client()

    assert bounced.exit_code == 0, bounced.output
    assert f"suppressed {reader(1)}: bounced" in bounced.output
    assert listed.exit_code == 0 and reader(1) in listed.output
    assert pages.get("/unsubscribe/?token=not.a.token").status_code == 400
    assert invoke(server, "build").exit_code == 1  # a build does need them
    assert "style.logo: there is no file" in invoke(server, "build").output


def test_bounces_once_misread_as_auto_replies_are_read_again_and_counted(
    bounce_workspace: Path, tmp_path: Path
) -> None:
    """An earlier publisher recorded these bounces as "other" (auto-replies) by their
    Message-ID: reading the mailbox again reads them now, once."""
    root = bounce_workspace
    add_subscribers(root, {reader(1): "active", reader(2): "active"})
    verp = Verp(BOUNCE_ADDRESS, "test-secret-key-for-signing-links")
    box = mailbox.Maildir(tmp_path / "Maildir", create=True)
    box.add(server_dsn("postfix", verp.address(1), reader(1)))
    box.add(server_dsn("exim", BOUNCE_ADDRESS, reader(2)))
    execute_many(
        root,
        "INSERT INTO bounce_events (report_id, subscriber_id, kind, received_at, address,"
        " diagnostic, decision) VALUES (?, ?, 'other', '2026-03-03T08:20:00+00:00', ?, ?, ?)",
        [
            (
                "<20260303081241.4Zm7Qk1pLqz9@mx.muelle.example.org>",
                1,
                verp.address(1),
                "Undelivered Mail Returned to Sender",
                "not a bounce or a complaint: nothing changed",
            ),
            (
                "<E1vx8Kq-000Ab1-0T@mail.muelle.example.org>",
                None,
                "",
                "Mail delivery failed: returning message to sender",
                "mapped to nobody: it names no address of this list",
            ),
        ],
    )

    first = invoke(root, "bounces", str(tmp_path / "Maildir"))
    again = invoke(root, "bounces", str(tmp_path / "Maildir"))

    assert first.exit_code == 0, first.output
    assert "2 new report(s) (2 hard bounce(s)" in first.output
    assert statuses(root) == {reader(1): "bounced", reader(2): "bounced"}
    assert [kind for _, kind, *_ in events(root)] == ["hard", "hard"]
    assert "0 new report(s)" in again.output and "2 read before" in again.output
    assert len(events(root)) == 2


def unsubscribe_mailto(copy: bytes) -> tuple[str, str]:
    """The address and subject of the mailto: URI in a copy's List-Unsubscribe header, as a
    mail client that unsubscribes by mail (Apple Mail does) reads them."""
    header = str(message_from_bytes(copy, policy=policy.default)["List-Unsubscribe"])
    (mailto,) = re.findall(r"<(mailto:[^>]+)>", header)
    parts = urlsplit(mailto)
    return unquote(parts.path), parse_qs(parts.query)["subject"][0]


def request_by_mail(sender: str, to: str, subject: str, number: int) -> bytes:
    """The message a mail client sends for a mailto: unsubscribe."""
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = sender, to, subject
    message["Message-ID"] = f"<unsubscribe.{number}@correo.example.net>"
    message.set_content("")
    return message.as_bytes()


def test_an_unsubscribe_sent_by_mail_from_the_list_unsubscribe_header_unsubscribes_its_reader(
    bounce_workspace: Path, envelope_smtp: tuple[EnvelopeRecorder, int], tmp_path: Path
) -> None:
    """Mail clients that unsubscribe by mail rather than by the one-click link (Apple Mail's
    "Unsubscribe" does) send a message to the header's mailto: address: it goes where
    `publisher bounces` reads, and its signed token says whom, whoever sends it."""
    root, (smtp, _port) = bounce_workspace, envelope_smtp
    add_subscribers(root, {reader(1): "active", reader(2): "active", reader(3): "active"})
    assert invoke(root, "send", SLUG).exit_code == 0
    copies = {r.recipient: r.data for r in smtp.received}
    to, subject = unsubscribe_mailto(copies[reader(1)])
    assert to == BOUNCE_ADDRESS
    _, other_subject = unsubscribe_mailto(copies[reader(2)])
    assert other_subject != subject  # each copy asks for its own reader
    tampered = subject[:-3] + ("aaa" if not subject.endswith("aaa") else "bbb")
    source = deliver(
        "maildir",
        [
            request_by_mail(f"Ana <{reader(1)}>", to, subject, 1),
            request_by_mail(reader(3), to, tampered, 2),  # reader 3 tries to unsubscribe 2
        ],
        tmp_path,
        None,
    )

    first = invoke(root, "bounces", source)
    again = invoke(root, "bounces", source)

    assert first.exit_code == 0, first.output
    assert statuses(root) == {reader(1): "unsubscribed", reader(2): "active", reader(3): "active"}
    assert f"unsubscribed {reader(1)}: asked by mail" in first.output
    assert "2 unsubscribe request(s)" in first.output and "1 unsubscribed," in first.output
    assert "mapped to nobody" in first.output and "not valid" in first.output
    assert "0 new report(s)" in again.output and "2 read before" in again.output
    (why,) = query(root, f"SELECT status_source FROM subscribers WHERE address = '{reader(1)}'")
    assert why[0].startswith(f"asked by mail, from the email of {SLUG}")


def test_the_dry_run_reports_the_per_subscriber_envelope_senders_the_send_then_uses(
    bounce_workspace: Path, envelope_smtp: tuple[EnvelopeRecorder, int]
) -> None:
    """With a bounce address no copy goes out from envelope_from: the dry run must say so,
    and show one of the addresses the send really gives in MAIL FROM."""
    root, (smtp, _port) = bounce_workspace, envelope_smtp
    add_subscribers(root, {reader(1): "active", reader(2): "active"})

    dry = invoke(root, "send", SLUG, "--dry-run")
    assert invoke(root, "send", SLUG).exit_code == 0

    assert dry.exit_code == 0, dry.output
    said = " ".join(dry.output.split())
    assert "envelope sender bounces+<id>-<token>@muelle.example.org, one per subscriber" in said
    used = smtp.envelope_from  # recipient → the MAIL FROM their copy came with
    assert set(used) == {reader(1), reader(2)}
    assert any(f"({address}'s: {used[address]})" in said for address in used)
    assert "envelope sender boletin@muelle.example.org" not in said


def test_the_welcome_message_and_issue_leave_from_the_new_subscribers_verp_address(
    bounce_workspace: Path, envelope_smtp: tuple[EnvelopeRecorder, int]
) -> None:
    """Their bounces name the subscriber as every copy's do: a mistyped address that
    confirmed (a forwarder) bounces the welcome, and must be suppressed like any other."""
    from publisher.delivery.welcome import welcome

    root, (smtp, _port) = bounce_workspace, envelope_smtp
    add_subscribers(root, {reader(1): "active"})
    assert invoke(root, "send", SLUG).exit_code == 0
    configure(root, welcome_issue=True)
    add_subscribers(root, {reader(2): "active"})  # as their confirmation leaves them
    smtp.reset()
    config = load_config(root)

    welcome(config, config.delivery.database_path(root), list_tokens(root), 2)

    verp = Verp(BOUNCE_ADDRESS, "test-secret-key-for-signing-links")
    assert smtp.envelopes == [(reader(2), verp.address(2)), (reader(2), verp.address(2))]
    subjects = [str(message_from_bytes(r.data)["Subject"]) for r in smtp.received]
    assert len(set(subjects)) == 2  # the welcome, then the issue


def test_without_a_bounce_address_copies_keep_the_configured_envelope_sender(
    delivery_workspace: Path, envelope_smtp: tuple[EnvelopeRecorder, int]
) -> None:
    smtp, port = envelope_smtp
    smtp.reset()
    configure(delivery_workspace, smtp_port=port)
    add_subscribers(delivery_workspace, {reader(1): "active", reader(2): "active"})
    assert invoke(delivery_workspace, "send", SLUG).exit_code == 0
    assert set(smtp.envelope_from.values()) == {"boletin@muelle.example.org"}
    # where returned mail comes, unsubscribe requests by mail go too
    assert unsubscribe_mailto(smtp.received[0].data)[0] == "boletin@muelle.example.org"


def test_a_verp_token_is_short_case_blind_and_unforgeable() -> None:
    verp = Verp(BOUNCE_ADDRESS, "a-list-secret-of-enough-length")
    for subscriber_id in (0, 1, 36, 123456, 2**63):
        address = verp.address(subscriber_id)
        assert len(address.partition("@")[0].encode()) <= 64
        assert verp.subscriber(address) == subscriber_id
        assert verp.subscriber(address.upper()) == subscriber_id  # a server changed its case
    address = verp.address(7)
    token = address.partition("+")[2].partition("@")[0]
    number, _, mac = token.partition("-")
    assert Verp(BOUNCE_ADDRESS, "another-lists-secret-key").subscriber(address) is None
    assert verp.subscriber(address.replace(f"+{number}-", "+8-")) is None  # someone else's id
    assert verp.subscriber(address.replace(mac, mac[::-1])) is None
    assert verp.subscriber(address.replace("muelle.example.org", "example.net")) is None
    assert verp.is_ours(BOUNCE_ADDRESS) and verp.subscriber(BOUNCE_ADDRESS) is None
    # The longest local part the settings allow still fits the 64 octets of RFC 5321.
    longest = Verp("b" * 24 + "@muelle.example.org", "a-list-secret-of-enough-length")
    assert len(longest.address(2**63).partition("@")[0]) <= 64


def test_a_version_1_database_is_upgraded_in_place_keeping_its_rows(tmp_path: Path) -> None:
    path = tmp_path / "subscribers.sqlite3"
    old = sqlite3.connect(path)
    old.executescript(
        (DATA / "schema-v1.sql").read_text()
        + """
        INSERT INTO subscribers (address, status, created_at, updated_at)
            VALUES ('ana@example.org', 'active', '2025-01-01', '2025-01-01');
        INSERT INTO sends (issue, started_at, finished_at)
            VALUES ('001', '2025-02-01', '2025-02-01');
        INSERT INTO deliveries (send_id, subscriber_id, address, state, message_id)
            VALUES (1, 1, 'ana@example.org', 'sent', '<1@example.org>');
        """
    )
    old.close()

    upgraded = open_database(path)
    version = upgraded.execute("PRAGMA user_version").fetchone()[0]
    tables = {r[0] for r in upgraded.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    rows = upgraded.execute("SELECT address, status FROM subscribers").fetchall()
    delivered = upgraded.execute("SELECT address, state, edition FROM deliveries").fetchall()
    upgraded.execute(
        "INSERT INTO bounce_events (report_id, subscriber_id, kind, received_at)"
        " VALUES ('<r@x>', 1, 'hard', '2026-01-01')"
    )
    upgraded.close()
    open_database(path).close()  # opening an upgraded file again changes nothing

    assert version == SCHEMA_VERSION
    assert {"subscribers", "sends", "deliveries", "used_tokens", "bounce_events"} <= tables
    assert "claimers" in tables
    assert [tuple(r) for r in rows] == [("ana@example.org", "active")]
    assert [tuple(r) for r in delivered] == [("ana@example.org", "sent", "")]  # the original
    assert query_file(path, "SELECT COUNT(*) FROM bounce_events") == [(1,)]


def query_file(path: Path, sql: str) -> list[tuple]:
    db = sqlite3.connect(path)
    try:
        return db.execute(sql).fetchall()
    finally:
        db.close()


def test_a_database_from_a_newer_publisher_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "subscribers.sqlite3"
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.close()
    with pytest.raises(PublisherError, match=rf"newer publisher \(schema {SCHEMA_VERSION + 1}\)"):
        open_database(path)


def test_sources_that_cannot_be_read_are_errors_that_say_what_to_give(
    bounce_workspace: Path, tmp_path: Path
) -> None:
    root = bounce_workspace
    missing = invoke(root, "bounces", str(tmp_path / "nowhere"))
    not_mbox = tmp_path / "notes.txt"
    not_mbox.write_text("Dear editor,\n")
    plain = invoke(root, "bounces", str(not_mbox))
    (tmp_path / "folder").mkdir()
    folder = invoke(root, "bounces", str(tmp_path / "folder"))
    no_imap = invoke(root, "bounces", "imap")

    assert missing.exit_code == 1 and f"{tmp_path / 'nowhere'}: no such Maildir" in missing.output
    assert plain.exit_code == 1 and f"{not_mbox}:1: not an mbox file" in plain.output
    assert folder.exit_code == 1 and "is not a Maildir" in folder.output
    assert no_imap.exit_code == 1 and "set [delivery] imap_host" in no_imap.output
    for result in (missing, plain, folder, no_imap):
        assert "Traceback" not in result.output


def test_bad_bounce_settings_are_reported_with_their_key(workspace) -> None:  # type: ignore[no-untyped-def]
    root = workspace("minimal")
    config = root / "publisher.toml"
    config.write_text(
        config.read_text()
        + '\n[delivery]\nbounce_address = "bounces+x@example.org"\nsoft_bounce_limit = 0\n'
        'imap_security = "tls"\n'
    )
    with pytest.raises(PublisherError) as caught:
        load_config(root)
    text = str(caught.value)
    assert "delivery.bounce_address: 'bounces+x@example.org' is not a bare address" in text
    assert "delivery.soft_bounce_limit: must be at least 1" in text
    assert "delivery.imap_security: unknown mode 'tls'" in text


def test_a_password_written_into_publisher_toml_is_refused_with_where_it_goes_instead(
    workspace,  # type: ignore[no-untyped-def]
) -> None:
    root = workspace("minimal")
    config = root / "publisher.toml"
    config.write_text(
        config.read_text() + '\n[delivery]\nsmtp_password = "hunter2"\nimap_password = "hunter3"\n'
    )
    with pytest.raises(PublisherError) as caught:
        load_config(root)
    text = " ".join(str(caught.value).split())
    assert "unknown setting 'smtp_password'" in text
    assert "secrets never go in publisher.toml" in text
    assert "export PUBLISHER_SMTP_PASSWORD=" in text and "export PUBLISHER_IMAP_PASSWORD=" in text
    assert "hunter2" not in text and "hunter3" not in text


def test_imap_failures_name_the_server_and_what_to_check(
    bounce_workspace: Path, dovecot: Imap, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = bounce_workspace
    configure(
        root,
        imap_host=dovecot.host,
        imap_port=dovecot.port,
        imap_security="none",
        imap_username=dovecot.user,
    )
    monkeypatch.setenv("PUBLISHER_IMAP_PASSWORD", dovecot.password)
    no_folder = invoke(root, "bounces", "imap:NoSuchFolder")
    # Last: after a failed login Dovecot makes this address wait a few seconds to log in.
    monkeypatch.setenv("PUBLISHER_IMAP_PASSWORD", "not-the-password")
    refused = invoke(root, "bounces", "imap")
    configure(root, imap_port=1)  # nothing listens there
    unreachable = invoke(root, "bounces", "imap")

    server = f"the IMAP server {dovecot.host}:{dovecot.port}"
    assert refused.exit_code == 1 and f"{server} refused our login as bounces" in refused.output
    assert "$PUBLISHER_IMAP_PASSWORD" in refused.output
    assert no_folder.exit_code == 1 and "has no folder 'NoSuchFolder'" in no_folder.output
    assert unreachable.exit_code == 1
    assert f"cannot read mail from the IMAP server {dovecot.host}:1" in unreachable.output
