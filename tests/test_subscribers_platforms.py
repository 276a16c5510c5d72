"""A list brought over from Substack, Ghost, Mailchimp or listmonk keeps each person's
history, and nobody who left the old list can be put back on the new one: not by the
import, not by `subscribers import`, not by `subscribers add`.

The fixtures under tests/exports/ are written in each platform's export format; the
statuses expected of them are spelled out here, one address at a time.
"""

from __future__ import annotations

import csv
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from delivery_support import both_backends, configure, query

from publisher.cli import main
from publisher.delivery import manage
from publisher.delivery.store import open_database
from publisher.errors import PublisherError
from publisher.importers.platforms import import_export, subscribe_into
from publisher.scaffold import Identity, create_workspace

EXPORTS = Path(__file__).parent / "exports"

# What each fixture says of each person, read off the files by hand.
EXPECTED = {
    "substack": {
        "ana.ruiz@example.org": "active",
        "ben.okafor@example.org": "active",
        "carla.mendes@example.org": "unsubscribed",  # email_disabled
        "dmitri@example.net": "unsubscribed",
    },
    "ghost": {
        "rosa.kelly@example.org": "active",
        "ines.navarro@example.org": "active",
        "tom.hale@example.org": "unsubscribed",  # subscribed_to_emails false
        "sam.ode@example.org": "unsubscribed",  # FALSE
    },
    "mailchimp": {
        "ana.ruiz@example.org": "active",
        "ben.okafor@example.org": "active",
        "joe.bloggs@example.org": "unsubscribed",  # subscribed file too, other case
        "mia.chen@example.org": "unsubscribed",
        "lee.park@example.org": "complained",  # UNSUB_REASON: Abuse complaint
        "old.address@example.org": "bounced",  # cleaned
    },
    "listmonk": {
        "pat.lee@example.org": "active",  # in the CSV and the JSON
        "nour.haddad@example.org": "active",
        "spam.reporter@example.org": "unsubscribed",  # blocklisted
        "ola.berg@example.org": "unsubscribed",  # unsubscribed from its only list
        "yuki.sato@example.org": "pending",  # unconfirmed
    },
}
SUPPRESSED = ("unsubscribed", "bounced", "complained")


def new_workspace(root: Path) -> Path:
    create_workspace(root, Identity("The Dockside Bulletin"))
    return root


def statuses(root: Path) -> dict[str, str]:
    db = open_database(root / "subscribers.sqlite3")
    try:
        return {a.lower(): s for a, s in db.tuples("SELECT address, status FROM subscribers")}
    finally:
        db.close()


def row(root: Path, address: str) -> dict[str, str]:
    db = open_database(root / "subscribers.sqlite3")
    try:
        found = db.execute("SELECT * FROM subscribers WHERE address = ?", (address,)).fetchone()
        assert found is not None
        return dict(found)
    finally:
        db.close()


def invoke(root: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["-C", str(root), *args])


@pytest.fixture(params=sorted(EXPECTED))
def imported(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[str, Path]:
    """A new workspace with one platform's export imported, list and all."""
    platform: str = request.param
    root = new_workspace(tmp_path / "ws")
    import_export(EXPORTS / platform, root, subscribe=subscribe_into(root))
    return platform, root


def test_every_status_the_platform_recorded_is_kept(imported: tuple[str, Path]) -> None:
    platform, root = imported
    assert statuses(root) == EXPECTED[platform]


def test_no_one_who_left_comes_back_through_subscribers_add(imported: tuple[str, Path]) -> None:
    platform, root = imported
    gone = [a for a, s in EXPECTED[platform].items() if s in SUPPRESSED]
    assert gone
    for address in gone:
        result = invoke(root, "subscribers", "add", address.upper(), "--name", "Back Again")
        assert result.exit_code != 0, result.output
        assert "never puts an address back" in result.output
        with pytest.raises(PublisherError):
            manage.add(root, address)
    assert statuses(root) == EXPECTED[platform]


def test_no_one_who_left_comes_back_through_subscribers_import(
    imported: tuple[str, Path], tmp_path: Path
) -> None:
    platform, root = imported
    gone = [a for a, s in EXPECTED[platform].items() if s in SUPPRESSED]
    ours = tmp_path / "members.csv"
    with ours.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(
            [["email", "name", "status"], *([a, "Back Again", "active"] for a in gone)]
        )

    result = invoke(root, "subscribers", "import", str(ours))

    assert result.exit_code == 1
    assert result.output.count("never puts an address back") == len(gone)
    assert statuses(root) == EXPECTED[platform]


def test_the_platforms_own_files_put_no_one_back_either(
    imported: tuple[str, Path], tmp_path: Path
) -> None:
    """Each members file of the export, given to `subscribers import` again (Mailchimp's
    subscribed file still lists joe.bloggs, who unsubscribed in the other file)."""
    platform, root = imported
    for path in sorted((EXPORTS / platform).glob("*.csv")):
        if path.name == "campaigns.csv":
            continue
        invoke(root, "subscribers", "import", str(path))
    assert statuses(root) == EXPECTED[platform]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("mailchimp/unsubscribed_members_export_5f2a9c1e07.csv", ["complained", "unsubscribed"]),
        ("mailchimp/cleaned_members_export_5f2a9c1e07.csv", ["bounced"]),
        ("ghost/member-export-2026-03-05.csv", ["active", "unsubscribed"]),
        ("substack/email_list.dockside.csv", ["active", "unsubscribed"]),
        ("listmonk/subscribers.csv", ["active", "unsubscribed"]),
    ],
)
def test_subscribers_import_reads_each_platforms_columns(
    name: str, expected: list[str], tmp_path: Path
) -> None:
    root = new_workspace(tmp_path / "ws")
    invoke(root, "subscribers", "import", str(EXPORTS / name))
    assert sorted(set(statuses(root).values())) == expected


def test_consent_and_suppression_history_come_along(tmp_path: Path) -> None:
    root = new_workspace(tmp_path / "ws")
    import_export(EXPORTS / "mailchimp", root, subscribe=subscribe_into(root))

    ana = row(root, "ana.ruiz@example.org")
    assert ana["name"] == "Ana Ruiz"
    assert ana["tags"] == "docks,committee"
    assert ana["confirmed_at"] == "2024-03-01T10:05:00+00:00"  # CONFIRM_TIME, as stored
    assert ana["consent_source"] == "Mailchimp sign-up from 192.0.2.10"
    joe = row(root, "Joe.Bloggs@Example.org")
    assert joe["status_source"] == (
        "unsubscribed on Mailchimp 2025-09-01 (I no longer want to receive these emails)"
    )
    assert row(root, "old.address@example.org")["status_source"].startswith(
        "cleaned by Mailchimp on 2025-02-02"
    )


def test_a_later_export_can_take_someone_off_but_never_put_them_back(tmp_path: Path) -> None:
    """Imported once as subscribed, then an export where they left: suppressed. The other
    way round is refused, whatever the order of the files."""
    root = new_workspace(tmp_path / "ws")
    subscribed = tmp_path / "first"
    subscribed.mkdir()
    shutil.copy(EXPORTS / "mailchimp/subscribed_members_export_5f2a9c1e07.csv", subscribed)
    import_export(subscribed, root, subscribe=subscribe_into(root))
    assert statuses(root)["joe.bloggs@example.org"] == "active"

    import_export(EXPORTS / "mailchimp", root, subscribe=subscribe_into(root))
    assert statuses(root)["joe.bloggs@example.org"] == "unsubscribed"

    report = import_export(subscribed, root, subscribe=subscribe_into(root))
    assert statuses(root)["joe.bloggs@example.org"] == "unsubscribed"
    assert report.subscribers is not None
    assert [p.message.split(":")[0] for p in report.subscribers.refused] == [
        "Joe.Bloggs@Example.org"
    ]


@both_backends
def test_an_imported_list_keeps_its_suppressions_on_either_database(
    backend: str, new_list: Callable[[], str], tmp_path: Path
) -> None:
    """The same import on SQLite and on PostgreSQL (whose case-insensitive matching is a
    collation of its own): joe.bloggs, in two files in two cases, stays unsubscribed."""
    root = new_workspace(tmp_path / "ws")
    if backend != "sqlite":
        configure(root, database=new_list())
    import_export(EXPORTS / "mailchimp", root, subscribe=subscribe_into(root))
    import_export(EXPORTS / "mailchimp", root, subscribe=subscribe_into(root))

    found = {a.lower(): s for a, s in query(root, "SELECT address, status FROM subscribers")}
    assert found == EXPECTED["mailchimp"]
    with pytest.raises(PublisherError, match="never puts an address back"):
        manage.add(root, "JOE.BLOGGS@example.org")
