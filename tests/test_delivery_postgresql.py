"""Issue 14, part 6: the list and its send ledger in PostgreSQL. Two `publisher send`
processes share one ledger, are SIGKILLed at random points and started again, and still
nobody gets two copies, nobody is missed silently, and the ledger says exactly what the
SMTP server received. `subscribers migrate` moves a SQLite list there with its history."""

from __future__ import annotations

import random
import signal
import subprocess
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from delivery_support import (
    SLUG,
    ForkedSender,
    RecordingHandler,
    configure,
    execute_many,
    kill_seed,
    query,
    start_sender,
)
from postgresql_support import Server

from publisher.cli import main

on_postgresql = pytest.mark.parametrize("backend", ["postgresql"], indirect=True)

SUBSCRIBERS = 600
ROUNDS = 3  # each: two senders started together, each killed at its own random moment
RATE = "60"  # messages per second per sender while being killed: about a hundred per round


def subscribe(root: Path, addresses: list[str]) -> None:
    """Active subscribers straight into the list, as an import leaves them (one statement)."""
    now = "2026-01-01T00:00:00+00:00"
    execute_many(
        root,
        "INSERT INTO subscribers (address, status, created_at, updated_at, confirmed_at)"
        " VALUES (?, 'active', ?, ?, ?)",
        [(address, now, now, now) for address in addresses],
    )


@on_postgresql
def test_two_senders_killed_at_random_points_send_each_copy_at_most_once(
    delivery_workspace: Path, smtp: RecordingHandler, fork_sender: Callable[..., ForkedSender]
) -> None:
    root = delivery_workspace
    subscribers = [f"member{n:04}@example.org" for n in range(SUBSCRIBERS)]
    subscribe(root, subscribers)
    seed = kill_seed("test_two_senders_killed_at_random_points_send_each_copy_at_most_once")
    chance = random.Random(seed)
    kills = 0
    for _ in range(ROUNDS):
        senders = [fork_sender(root, "--rate", RATE) for _ in range(2)]
        moments = sorted((chance.uniform(0.0, 1.2), sender) for sender in senders)
        started = time.monotonic()
        for moment, sender in moments:  # start-up, reserving, sending, or between commits
            time.sleep(max(0.0, moment - (time.monotonic() - started)))
            if sender.poll() is None:
                sender.send_signal(signal.SIGKILL)
                kills += 1
        for sender in senders:
            sender.wait(timeout=30)
    assert kills >= 2 * ROUNDS - 2, f"only {kills} kills landed (seed {seed})"
    # Two more finish the send together: one may find it finished by the other.
    finishers = [start_sender(root, "--connections", "2", stderr=subprocess.PIPE) for _ in range(2)]
    outcomes = [
        (f.wait(timeout=90), f.stderr.read().decode() if f.stderr else "") for f in finishers
    ]
    for code, errors in outcomes:
        assert code == 0 or "already sent" in errors, f"seed {seed}: {errors}"

    rows = query(root, "SELECT address, state, message_id, claimed_by FROM deliveries")
    states = {address: state for address, state, _, _ in rows}
    message_ids = {address: message_id for address, _, message_id, _ in rows}
    copies = smtp.copies()
    unknown = {address for address, state in states.items() if state == "unknown"}
    assert query(root, "SELECT COUNT(*) FROM sends WHERE finished_at IS NOT NULL") == [(1,)]
    assert len(rows) == SUBSCRIBERS and set(states) == set(subscribers), f"seed {seed}"
    assert set(states.values()) <= {"sent", "unknown"}, f"seed {seed}: {Counter(states.values())}"
    assert {claimer for *_, claimer in rows} == {None}  # nothing left held
    # The ledger matches the server: every `sent` arrived once, with the Message-ID recorded.
    assert max(copies.values()) == 1, f"seed {seed}: a duplicate"
    for received in smtp.received:
        assert received.message_id == message_ids[received.recipient], f"seed {seed}"
    assert {a for a, s in states.items() if s == "sent"} <= set(copies), f"seed {seed}"
    # Nobody missed: only `unknown` ones may lack a copy, and those are reported.
    assert set(subscribers) - set(copies) <= unknown, f"seed {seed}"
    assert len(unknown) <= kills, f"seed {seed}: more unknown than kills"


def invoke(root: Path, *args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, ["-C", str(root), *args])


def table_counts(root: Path) -> dict[str, int]:
    tables = ("subscribers", "sends", "deliveries", "used_tokens", "bounce_events")
    return {table: query(root, f"SELECT COUNT(*) FROM {table}")[0][0] for table in tables}


def test_a_sqlite_list_moves_to_postgresql_with_its_history_once(
    delivery_workspace: Path, smtp: RecordingHandler, postgresql_server: Server
) -> None:
    root = delivery_workspace  # SQLite
    for address in ("ana@example.org", "ben@example.org", "Carla@Example.org"):
        assert invoke(root, "subscribers", "add", address).exit_code == 0
    assert invoke(root, "subscribers", "remove", "ben@example.org").exit_code == 0
    assert invoke(root, "send", SLUG).exit_code == 0
    now = "2026-02-01T00:00:00+00:00"
    execute_many(root, "INSERT INTO used_tokens (digest, used_at) VALUES (?, ?)", [("d1", now)])
    execute_many(
        root,
        "INSERT INTO bounce_events (report_id, subscriber_id, kind, received_at, decision)"
        " VALUES (?, 1, 'soft', ?, 'soft bounce 1 of 3 in 30 days')",
        [("<r1@mx.example.net>", now)],
    )
    before = table_counts(root)
    history = (
        "SELECT s.address, s.status, s.status_source, d.state, d.message_id"
        " FROM subscribers s LEFT JOIN deliveries d ON d.subscriber_id = s.id ORDER BY s.id"
    )
    rows_before = query(root, history)
    url = postgresql_server.new_database()

    moved = invoke(root, "subscribers", "migrate", "--to", url)
    assert moved.exit_code == 0, moved.output
    assert "subscribers: 3 row(s)" in moved.output and "deliveries: 2 row(s)" in moved.output
    configure(root, database=url)
    assert (
        table_counts(root)
        == before
        == {
            "subscribers": 3,
            "sends": 1,
            "deliveries": 2,
            "used_tokens": 1,
            "bounce_events": 1,
        }
    )
    assert query(root, history) == rows_before
    # The moved list works: the issue counts as sent, the next subscriber gets the next id.
    assert "already sent" in invoke(root, "send", SLUG).output
    assert invoke(root, "subscribers", "add", "CARLA@example.org").output.endswith(
        "unchanged, active\n"
    )
    assert invoke(root, "subscribers", "add", "dan@example.org").exit_code == 0
    assert query(root, "SELECT id FROM subscribers WHERE address = 'dan@example.org'") == [(4,)]

    again = invoke(root, "subscribers", "migrate", "--to", url)  # from PostgreSQL, into itself
    assert again.exit_code == 1 and "already" in again.output
    configure(root, database="subscribers.sqlite3")
    second = invoke(root, "subscribers", "migrate", "--to", url)
    assert second.exit_code == 1 and "is not empty" in second.output, second.output
    assert "Traceback" not in second.output
    configure(root, database=url)
    assert table_counts(root)["subscribers"] == 4  # the refused copy changed nothing


def test_a_password_in_the_database_url_is_refused_and_never_shown(
    delivery_workspace: Path,
) -> None:
    root = delivery_workspace
    configure(root, database="postgresql://editor:s3cret-pw@db.example.org/news")
    refused = invoke(root, "subscribers", "list")
    assert refused.exit_code == 1 and "Traceback" not in refused.output
    assert "delivery.database: the URL holds a password" in refused.output
    assert "PGPASSWORD" in refused.output and "s3cret-pw" not in refused.output


def test_a_server_that_cannot_be_reached_is_named_without_a_traceback(
    delivery_workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = delivery_workspace
    monkeypatch.setenv("PUBLISHER_DATABASE_PASSWORD", "s3cret-pw")
    configure(root, database="postgresql://editor@127.0.0.1:1/news", database_timeout=2)
    for command in (("subscribers", "list"), ("send", SLUG)):
        failed = invoke(root, *command)
        assert failed.exit_code == 1 and "Traceback" not in failed.output, failed.output
        assert "cannot use the subscriber database postgresql://editor@127.0.0.1:1/news" in (
            failed.output
        )
        assert "s3cret-pw" not in failed.output
