"""The subscriber database's schema is upgraded in place from version 1."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from publisher.delivery.store import open_database
from publisher.errors import PublisherError

DATA = Path(__file__).parent / "workspaces" / "bounces"


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
    delivered = upgraded.execute("SELECT address, state FROM deliveries").fetchall()
    upgraded.execute(
        "INSERT INTO bounce_events (report_id, subscriber_id, kind, received_at)"
        " VALUES ('<r@x>', 1, 'hard', '2026-01-01')"
    )
    upgraded.close()
    open_database(path).close()  # opening an upgraded file again changes nothing

    assert version == 2
    assert {"subscribers", "sends", "deliveries", "used_tokens", "bounce_events"} <= tables
    assert [tuple(r) for r in rows] == [("ana@example.org", "active")]
    assert [tuple(r) for r in delivered] == [("ana@example.org", "sent")]
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
    db.execute("PRAGMA user_version = 3")
    db.close()
    with pytest.raises(PublisherError, match=r"newer publisher \(schema 3\)"):
        open_database(path)
