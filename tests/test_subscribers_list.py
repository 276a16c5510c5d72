"""`publisher subscribers list`: every subscriber exactly once, streamed page by page, as a
table that fits the terminal without cutting an address, as plain lines when piped, and
as CSV (formulas neutralised) or JSON holding exactly what the database holds."""

from __future__ import annotations

import csv
import io
import json
import re
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from rich.cells import cell_len
from terminal import PUBLISHER, run_in_terminal

from publisher.cli import main
from publisher.delivery.store import open_database
from publisher.delivery.subscribers import stream_subscribers

COUNT = 2500  # more than two pages of 1,000
FIELDS = [
    "email",
    "name",
    "language",
    "tags",
    "status",
    "consent_source",
    "created_at",
    "updated_at",
    "confirmed_at",
    "status_source",
]
LONG = "carl.johansson-whitfield@dockside-workers-network.example.org"  # 61 characters
NAMES = ["Ana Lima", "=SUM(A1:A9)", "+44 20 7946 0000", "Zoë Walker-Okafor", "山田 太郎"]
NAMES += ["محمد الأحمد", 'Pat "Red" O\'Brien, jr', "@handle", "", "-minus", '}, {"email": "x']


def invoke(root: Path, *args: str):
    return CliRunner().invoke(main, ["-C", str(root), *args])


@pytest.fixture(scope="module")
def listed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A workspace from `publisher init` with COUNT subscribers from `subscribers import`:
    names in several scripts and some a spreadsheet would run as formulas, tags, languages,
    three statuses and a few long addresses."""
    root = tmp_path_factory.mktemp("list") / "news"
    assert CliRunner().invoke(main, ["init", str(root)]).exit_code == 0
    members = root.parent / "members.csv"
    with members.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["email", "name", "language", "tags", "status"])
        for n in range(COUNT):
            address = LONG.replace("@", f".{n}@") if n % 250 == 0 else f"reader{n}@example.org"
            writer.writerow(
                [
                    address,
                    NAMES[n % len(NAMES)],
                    ["en", "es", "pt-BR", "ar", ""][n % 5],
                    ["", "docks", "docks;night shift", "health,outsourcing,cleaners"][n % 4],
                    ["active", "active", "unsubscribed", "bounced"][n % 4],
                ]
            )
    imported = invoke(root, "subscribers", "import", str(members))
    assert imported.exit_code == 0 and f"{COUNT} added" in imported.output, imported.output
    return root


def stored(root: Path, status: str | None = None) -> list[dict[str, object]]:
    """The subscribers as the database holds them, in the order they were added."""
    db = sqlite3.connect(root / "subscribers.sqlite3")
    try:
        rows = db.execute(
            "SELECT address, name, language, tags, status, consent_source, created_at,"
            " updated_at, confirmed_at, status_source FROM subscribers"
            + (" WHERE status = ?" if status else "")
            + " ORDER BY id",
            (status,) if status else (),
        ).fetchall()
    finally:
        db.close()
    return [dict(zip(FIELDS, row, strict=True)) for row in rows]


def test_csv_lists_exactly_the_subscribers_in_the_database(listed: Path) -> None:
    result = invoke(listed, "subscribers", "list", "--format", "csv")

    assert result.exit_code == 0, result.output
    lines = list(csv.reader(io.StringIO(result.output)))
    assert lines[0] == FIELDS
    # OWASP's CSV injection rule: a cell starting with = + - @ tab or CR gets one more quote
    assert [row[1] for row in lines[1:11]] == [
        "Ana Lima",
        "'=SUM(A1:A9)",
        "'+44 20 7946 0000",
        "Zoë Walker-Okafor",
        "山田 太郎",
        "محمد الأحمد",
        'Pat "Red" O\'Brien, jr',
        "'@handle",
        "",
        "'-minus",
    ]
    unquoted = [[re.sub(r"^'('*[=+\-@\t\r])", r"\1", cell) for cell in row] for row in lines[1:]]
    expected = [[str(v) if v is not None else "" for v in row.values()] for row in stored(listed)]
    assert unquoted == expected and len(expected) == COUNT


def test_json_lists_exactly_the_subscribers_in_the_database(listed: Path) -> None:
    every = invoke(listed, "subscribers", "list", "--format", "json")
    bounced = invoke(listed, "subscribers", "list", "--format", "json", "--status", "bounced")

    def as_json(row: dict[str, object]) -> dict[str, object]:
        return {**row, "tags": str(row["tags"]).split(",") if row["tags"] else []}

    assert json.loads(every.output) == [as_json(row) for row in stored(listed)]
    assert json.loads(bounced.output) == [as_json(row) for row in stored(listed, "bounced")]
    assert len(json.loads(bounced.output)) == COUNT // 4
    assert every.output.count("\n") == COUNT + 2  # one subscriber a line, between [ and ]


def test_pages_join_up_whatever_their_size(listed: Path) -> None:
    addresses = [row["email"] for row in stored(listed)]
    db = open_database(listed / "subscribers.sqlite3")
    try:
        for page in (1, 7, 1000, COUNT, COUNT + 1):
            assert [s.address for s in stream_subscribers(db, page=page)] == addresses, page
    finally:
        db.close()


def test_piped_the_table_is_one_plain_line_per_subscriber(listed: Path) -> None:
    result = invoke(listed, "subscribers", "list", "--status", "active")

    lines = result.output.splitlines()
    active = stored(listed, "active")
    assert lines[0].split()[:6] == ["address", "name", "lang", "tags", "status", "since"]
    assert [line.split("  ")[0] for line in lines[1:-1]] == [row["email"] for row in active]
    assert lines[-1] == f"{len(active)} subscriber(s)"


def test_in_an_80_column_terminal_every_address_shows_whole(listed: Path) -> None:
    shown = run_in_terminal("-C", str(listed), "subscribers", "list", columns=80)

    lines = shown.splitlines()
    assert max(cell_len(line) for line in lines) <= 80
    assert "…" not in shown
    first_words = {line.split(" ")[0] for line in lines}
    assert {row["email"] for row in stored(listed)} <= first_words
    assert LONG.replace("@", ".250@") in first_words
    assert lines[-1] == f"{COUNT} subscriber(s)"


def test_a_reader_that_stops_early_is_no_error(listed: Path) -> None:
    """`publisher subscribers list | head -1`: the rest is not wanted, and nothing is wrong
    (exit 0, as when the list fits in the pipe before head leaves)."""
    child = subprocess.Popen(
        [PUBLISHER, "-C", listed, "subscribers", "list", "--format", "csv"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert child.stdout is not None and child.stderr is not None
    assert child.stdout.readline() == (",".join(FIELDS) + "\n").encode()
    child.stdout.close()
    errors = child.stderr.read().decode()
    child.wait(timeout=60)

    assert child.returncode == 0 and errors == ""
    assert not list(_crash_logs(listed))


def _crash_logs(root: Path) -> Iterator[Path]:
    return (root / ".publisher").glob("crash-*.log")
