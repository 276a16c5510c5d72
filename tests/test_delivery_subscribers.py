"""`publisher subscribers …` and the [delivery] settings: checked addresses, imports that
report every bad row by line and import the rest, and no way back onto the list for an
address that left it."""

from __future__ import annotations

import csv
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from delivery_support import (
    SLUG,
    RecordingHandler,
    add_subscribers,
    both_backends,
    configure,
    execute_many,
    query,
)

from publisher.cli import main

CLI = "from publisher.cli import main; main()"


def invoke(root: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["-C", str(root), *args])


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
    return path


def statuses(root: Path) -> dict[str, str]:
    return dict(query(root, "SELECT address, status FROM subscribers"))


def test_import_reports_each_bad_row_with_its_line_and_imports_the_rest(
    delivery_workspace: Path, tmp_path: Path
) -> None:
    header = ["email", "name", "language", "tags"]
    rows = [
        (["ana@example.org", "Ana Ruiz", "es", "muelle;estiba"], None),
        (["no-at-sign.example.org", "", "", ""], "must have an @-sign"),
        (["Ben@EXAMPLE.org", "Ben", "en", ""], None),
        (["dan@example..org", "", "", ""], "period"),
        # a record over 2 lines (its name a page long)
        (["eve@example.org", "Eve " * 60 + "\nTwo lines", "", ""], "at most 200 characters"),
        (["fay@example.org", "", "klingon-tlh-x", ""], "not a language code"),
        (["ANA@example.org", "", "", ""], "the same address as line 2"),
        (["chloe@example.org", "Chloé", "fr", ""], None),
        (["gil@example.org; gil@work.example.org", "Gil", "", ""], "2 addresses in one cell"),
    ]
    source = write_csv(tmp_path / "members.csv", [header] + [fields for fields, _ in rows])
    starts, line = [], 2
    for fields, _ in rows:
        starts.append(line)
        line += 1 + sum(field.count("\n") for field in fields)

    result = invoke(delivery_workspace, "subscribers", "import", str(source))

    assert result.exit_code == 1
    reported = result.output.splitlines()
    for start, (fields, reason) in zip(starts, rows, strict=True):
        at = [text for text in reported if f"members.csv:{start}:" in text]
        if reason is None:
            assert not at, result.output
        else:
            assert len(at) == 1 and fields[0] in at[0] and reason in at[0], result.output
    rejected = sum(reason is not None for _, reason in rows)
    assert f"3 added, 0 now suppressed, 0 unchanged, {rejected} rejected" in result.output
    assert statuses(delivery_workspace) == {
        "ana@example.org": "active",
        "Ben@example.org": "active",
        "chloe@example.org": "active",
    }
    assert query(delivery_workspace, "SELECT tags FROM subscribers WHERE name = 'Ana Ruiz'") == [
        ("muelle,estiba",)
    ]


@both_backends
def test_reimporting_never_resubscribes_and_never_deletes(
    delivery_workspace: Path, tmp_path: Path
) -> None:
    root = delivery_workspace
    add_subscribers(
        root,
        {
            "left@example.org": "unsubscribed",
            "bounced@example.org": "bounced",
            "stays@example.org": "active",
            "goes@example.org": "active",
        },
    )
    source = write_csv(
        tmp_path / "old-list.csv",
        [
            ["email", "status"],
            ["left@example.org", "active"],
            ["BOUNCED@example.org", ""],
            ["stays@example.org", "active"],
            ["goes@example.org", "unsubscribed"],  # the old system's suppression list
        ],
    )

    result = invoke(root, "subscribers", "import", str(source))

    assert "old-list.csv:2: left@example.org" in result.output and "never" in result.output
    assert "old-list.csv:3: BOUNCED@example.org" in result.output
    assert statuses(root) == {
        "left@example.org": "unsubscribed",
        "bounced@example.org": "bounced",
        "stays@example.org": "active",
        "goes@example.org": "unsubscribed",
    }
    assert invoke(root, "subscribers", "add", "left@example.org").exit_code == 1
    assert statuses(root)["left@example.org"] == "unsubscribed"


@both_backends
def test_an_address_bounced_or_complained_by_mistake_is_reactivated_with_the_editors_reason(
    delivery_workspace: Path, smtp: RecordingHandler, tmp_path: Path
) -> None:
    """A reader marked bounced by a refusal of our own account (a sending quota), or
    complained by a click on "spam" they say was a slip, could not be put back on the list
    by any command. Only the editor's explicit reactivate does it, with a reason kept;
    an address that unsubscribed stays off: only its owner brings it back."""
    root = delivery_workspace
    add_subscribers(
        root,
        {
            "m025@dockmembers.org": "bounced",
            "m026@dockmembers.org": "complained",
            "m027@dockmembers.org": "unsubscribed",
        },
    )
    execute_many(
        root,
        "UPDATE subscribers SET status_source = ? WHERE address = ?",
        [
            (
                "SMTP 550 5.4.5 Daily user sending limit exceeded. - gsmtp",
                "m025@dockmembers.org",
            ),
            ("spam complaint 2026-11-30: abuse report by Yahoo", "m026@dockmembers.org"),
        ],
    )
    import_again = write_csv(
        tmp_path / "members.csv", [["email", "status"], ["m025@dockmembers.org", "active"]]
    )
    assert invoke(root, "subscribers", "import", str(import_again)).exit_code == 1
    refused = invoke(root, "subscribers", "add", "m025@dockmembers.org")
    assert refused.exit_code == 1
    assert "publisher subscribers reactivate m025@dockmembers.org" in refused.output

    bounced = invoke(
        root,
        "subscribers",
        "reactivate",
        "M025@dockmembers.org",
        "--reason",
        "Gmail's quota refused us, not the reader",
    )
    complained = invoke(root, "subscribers", "reactivate", "m026@dockmembers.org")
    unsubscribed = invoke(root, "subscribers", "reactivate", "m027@dockmembers.org")
    unknown = invoke(root, "subscribers", "reactivate", "nobody@dockmembers.org")

    assert bounced.exit_code == 0, bounced.output
    assert "m025@dockmembers.org: active again (was bounced)" in bounced.output
    assert complained.exit_code == 0, complained.output
    assert "m026@dockmembers.org: active again (was complained)" in complained.output
    assert unsubscribed.exit_code == 1
    said = " ".join(unsubscribed.output.split())
    assert "m027@dockmembers.org unsubscribed" in said and "only they can" in said
    assert unknown.exit_code == 1 and "is not on the list" in unknown.output
    assert statuses(root) == {
        "m025@dockmembers.org": "active",
        "m026@dockmembers.org": "active",
        "m027@dockmembers.org": "unsubscribed",
    }
    history = dict(query(root, "SELECT address, status_source FROM subscribers"))
    assert history["m025@dockmembers.org"].startswith(
        "reactivated by an editor: Gmail's quota refused us, not the reader (was bounced:"
        " SMTP 550 5.4.5 Daily user sending limit exceeded. - gsmtp)"
    )
    assert history["m026@dockmembers.org"].startswith(
        "reactivated by an editor: no reason given (was complained: spam complaint"
    )
    assert invoke(root, "send", SLUG).exit_code == 0
    assert smtp.copies() == {"m025@dockmembers.org": 1, "m026@dockmembers.org": 1}


@both_backends
def test_add_remove_list_and_an_export_that_restores_the_list(
    delivery_workspace: Path,
    tmp_path: Path,
    new_list: Callable[[], str],
) -> None:
    root = delivery_workspace
    added = invoke(root, "subscribers", "add", "Zoe@Example.ORG", "--name", "Zoé", "--tag", "Docks")
    assert added.exit_code == 0 and "Zoe@example.org: added, active" in added.output
    assert "unchanged" in invoke(root, "subscribers", "add", "zoe@example.org").output
    bad = invoke(root, "subscribers", "add", "zoe@@example.org")
    assert bad.exit_code == 1 and "Traceback" not in bad.output
    assert invoke(root, "subscribers", "add", "yan@example.org").exit_code == 0
    removed = invoke(root, "subscribers", "remove", "YAN@example.org")
    assert removed.exit_code == 0 and "unsubscribed" in removed.output
    listing = invoke(root, "subscribers", "list", "--status", "active")
    assert "Zoe@example.org" in listing.output and "yan@" not in listing.output
    exported = tmp_path / "export.csv"
    assert invoke(root, "subscribers", "export", str(exported)).exit_code == 0
    # UTF-8 as Excel knows it (its own "CSV UTF-8"): the byte order mark, then the text
    assert exported.read_bytes().startswith(b"\xef\xbb\xbfemail,") and "Zoé" in exported.read_text(
        "utf-8-sig"
    )

    fresh = tmp_path / "fresh"
    fresh.mkdir()
    (fresh / "publisher.toml").write_text((root / "publisher.toml").read_text("utf-8"), "utf-8")
    configure(fresh, database=new_list())  # an empty list, of the same kind
    restored = invoke(fresh, "subscribers", "import", str(exported))

    assert restored.exit_code == 0, restored.output
    assert (
        statuses(fresh)
        == statuses(root)
        == {
            "Zoe@example.org": "active",
            "yan@example.org": "unsubscribed",
        }
    )
    assert query(fresh, "SELECT name, tags FROM subscribers WHERE status = 'active'") == [
        ("Zoé", "docks")
    ]


def test_a_dash_exports_to_standard_output_and_imports_from_standard_input(
    delivery_workspace: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`subscribers export - | ssh … subscribers import -`: `-` wrote everyone's address
    to a file named `-` in the folder (one a `git add .` takes along), and import said
    "File '-' does not exist"."""
    root = delivery_workspace
    add_subscribers(root, {"ana@example.org": "active", "ben@example.org": "unsubscribed"})
    monkeypatch.chdir(tmp_path)

    exported = CliRunner().invoke(main, ["-C", str(root), "subscribers", "export", "-"])

    assert exported.exit_code == 0, exported.output
    assert exported.stdout_bytes.startswith(b"\xef\xbb\xbfemail,")
    assert b"ana@example.org" in exported.stdout_bytes
    assert "2 subscriber(s) written to standard output" in exported.stderr
    assert list(tmp_path.iterdir()) == []

    fresh = tmp_path / "fresh"
    fresh.mkdir()
    (fresh / "publisher.toml").write_text((root / "publisher.toml").read_text("utf-8"), "utf-8")
    imported = CliRunner().invoke(
        main,
        ["-C", str(fresh), "subscribers", "import", "-"],
        input=exported.stdout_bytes + b"no-at-sign.example.org,,,\n",
    )

    assert imported.exit_code == 1, imported.output  # the bad row, by its line
    assert "standard input:4: no-at-sign.example.org" in imported.output
    assert statuses(fresh) == {"ana@example.org": "active", "ben@example.org": "unsubscribed"}


def test_a_list_restored_from_its_export_keeps_when_each_subscriber_joined(
    delivery_workspace: Path, tmp_path: Path
) -> None:
    """The export is the list's backup: restored, a subscriber of 2019 is one of 2019, not
    of the day of the restore (the date shows how long someone has read the newsletter,
    and is part of the record of their consent)."""
    exported = write_csv(
        tmp_path / "export.csv",
        [
            ["email", "status", "created_at", "confirmed_at"],
            ["old@example.org", "active", "2019-05-01T10:00:00+00:00", "2019-05-01T10:05:00+00:00"],
            ["new@example.org", "active", "", ""],
        ],
    )
    restored = invoke(delivery_workspace, "subscribers", "import", str(exported))

    assert restored.exit_code == 0, restored.output
    joined = dict(query(delivery_workspace, "SELECT address, created_at FROM subscribers"))
    assert joined["old@example.org"] == "2019-05-01T10:00:00+00:00"
    assert joined["new@example.org"] >= time.strftime("%Y-%m-%d", time.gmtime(time.time() - 86400))


def test_a_join_date_that_is_no_date_is_left_out_with_a_warning_and_the_person_imported(
    delivery_workspace: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A date as a spreadsheet shows it (12/03/2021: March or December?) cost the person
    their place on the list; it is the date that is dropped, said by line. A date with no
    time zone is stored as UTC, as every other is, so the dates compare."""
    dates = tmp_path / "dates.csv"
    dates.write_text(
        "email,name,created_at\n"
        "d1@example.org,D One,12/03/2021\n"
        "d2@example.org,D Two,2021-03-12\n"
        "d3@example.org,D Three,2021-03-12T09:30:00+02:00\n"
        "d4@example.org,D Four,last spring\n",
        encoding="utf-8",
    )
    with monkeypatch.context() as zone:  # not UTC: the machine's zone plays no part
        zone.setenv("TZ", "America/Sao_Paulo")
        time.tzset()
        result = invoke(delivery_workspace, "subscribers", "import", str(dates))
    time.tzset()

    assert result.exit_code == 0, result.output
    shown = " ".join(result.output.split())
    assert f"warning {dates}:2: created_at '12/03/2021' is not a date (ISO 8601)" in shown
    assert f"warning {dates}:5: created_at 'last spring' is not a date (ISO 8601)" in shown
    assert "4 added" in shown and "0 rejected" in shown
    joined = dict(query(delivery_workspace, "SELECT address, created_at FROM subscribers"))
    assert joined["d1@example.org"] >= time.strftime("%Y-%m-%d", time.gmtime(time.time() - 86400))
    assert joined["d2@example.org"] == "2021-03-12T00:00:00+00:00"
    assert joined["d3@example.org"] == "2021-03-12T07:30:00+00:00"


def test_a_csv_excel_saved_in_windows_1252_is_read_so_and_said(
    delivery_workspace: Path, tmp_path: Path
) -> None:
    """Excel on Windows saves "CSV (Comma delimited)" in the code page of Western Europe
    and the Americas, not UTF-8: such a list was refused until saved again."""
    excel = tmp_path / "members.csv"
    rows = "Nom;Prénom;E-mail\nDupont;René;rene@example.org\nMartínez;Ana;ana@example.es\n"
    excel.write_bytes(rows.encode("cp1252"))
    result = invoke(delivery_workspace, "subscribers", "import", str(excel))
    assert result.exit_code == 0, result.output
    assert "read as Windows-1252, not UTF-8" in " ".join(result.output.split())
    names = dict(query(delivery_workspace, "SELECT address, name FROM subscribers"))
    assert names == {"rene@example.org": "René Dupont", "ana@example.es": "Ana Martínez"}


def test_a_pdf_named_csv_is_refused_as_a_pdf_not_read_in_a_guessed_encoding(
    delivery_workspace: Path, tmp_path: Path
) -> None:
    """Not UTF-8 either, and with no NUL byte in its opening to tell it from text."""
    pdf = tmp_path / "members.csv"
    pdf.write_bytes(b"%PDF-1.7\n" + "email,name\nana@example.org,Ana Peña\n".encode("cp1252"))
    result = invoke(delivery_workspace, "subscribers", "import", str(pdf))
    assert result.exit_code == 1 and "members.csv: a PDF, named .csv" in result.output
    assert statuses(delivery_workspace) == {}


def test_a_csv_that_is_not_utf8_or_has_no_email_column_is_one_clear_error(
    delivery_workspace: Path, tmp_path: Path
) -> None:
    """Not UTF-8, and too short to tell its encoding: one letter reads as well in Mac
    Roman as in Windows-1252, and a name garbled in every greeting is not to be guessed."""
    doubtful = tmp_path / "doubtful.csv"
    doubtful.write_bytes(
        "email,name\nana@example.org,Ana\nbea@example.org,Bea Café\n".encode("mac_roman")
    )
    no_column = write_csv(tmp_path / "names.csv", [["name"], ["Ana"]])

    for path, expected in [(doubtful, "doubtful.csv:3: not UTF-8"), (no_column, "names.csv:1:")]:
        result = invoke(delivery_workspace, "subscribers", "import", str(path))
        assert result.exit_code == 1 and expected in result.output, result.output
        assert "Traceback" not in result.output
        assert "CSV UTF-8" in result.output or path == no_column  # how to save it from Excel
    assert statuses(delivery_workspace) == {}


@pytest.mark.parametrize(
    ("text", "said", "names"),
    [
        pytest.param(
            "ana@example.org\nben@example.org\n",
            "no heading: read the addresses from column 1",
            {"ana@example.org": "", "ben@example.org": ""},
            id="a column of addresses",
        ),
        pytest.param(
            "Ana Ruiz,ana@example.org\nBen Okafor,ben@example.org\nنادية,nadia@example.org\n",
            "from column 2 and the names from column 1",
            {
                "ana@example.org": "Ana Ruiz",
                "ben@example.org": "Ben Okafor",
                "nadia@example.org": "نادية",
            },
            id="names and addresses",
        ),
        pytest.param(
            "Ana Ruiz,ana@example.org\ncara@example.org\n",
            "from column 2 and the names from column 1",
            {"ana@example.org": "Ana Ruiz", "cara@example.org": ""},
            id="an address alone on its line, under names and addresses",
        ),
        pytest.param(
            "Ana Ruiz;ana@example.org\nBen;ben@example.org\ncara@example.org\n",
            "from column 2 and the names from column 1",
            {"ana@example.org": "Ana Ruiz", "ben@example.org": "Ben", "cara@example.org": ""},
            id="an address alone on its line, semicolons",
        ),
        pytest.param(
            "ana@example.org;+34 600 000 000\nben@example.org;\n",
            "ignored column(s): column 2",
            {"ana@example.org": "", "ben@example.org": ""},
            id="addresses and phone numbers",
        ),
        pytest.param(
            "E-Mail-Adresse;Vorname\nana@example.org;Ana\nben@example.org;Ben\n",
            "read the addresses from column 'E-Mail-Adresse'",
            {"ana@example.org": "", "ben@example.org": ""},
            id="a heading in german",
        ),
        pytest.param(  # it ended the import in a Python error (IndexError)
            "Nombre;Apellido\nAna;Ruiz;ana@example.org\nBen;Okafor;ben@example.org\n",
            "read the addresses from column 3, which the heading leaves unnamed",
            {"ana@example.org": "Ana Ruiz", "ben@example.org": "Ben Okafor"},
            id="addresses past the heading's last column",
        ),
    ],
)
def test_a_list_whose_first_line_names_no_email_column_is_read_by_what_its_cells_hold(
    delivery_workspace: Path, tmp_path: Path, text: str, said: str, names: dict[str, str]
) -> None:
    path = tmp_path / "list.csv"
    path.write_text(text, encoding="utf-8")

    result = invoke(delivery_workspace, "subscribers", "import", str(path))

    assert result.exit_code == 0, result.output
    assert said in " ".join(result.output.split()), result.output  # which column, in words
    assert dict(query(delivery_workspace, "SELECT address, name FROM subscribers")) == names


def test_addresses_side_by_side_with_no_heading_are_refused_not_half_imported(
    delivery_workspace: Path, tmp_path: Path
) -> None:
    path = tmp_path / "pasted.csv"
    path.write_text("ana@example.org\nben@example.org,cai@example.org\n", encoding="utf-8")

    result = invoke(delivery_workspace, "subscribers", "import", str(path))

    assert result.exit_code == 1, result.output
    assert "pasted.csv:2: column 1 holds the addresses" in result.output
    assert "Traceback" not in result.output
    assert statuses(delivery_workspace) == {}


# The same columns as a list kept in Spanish or in French names them.
SPANISH = ["Correo electrónico", "Nombre", "Idioma", "Etiquetas"]
FRENCH = ["Courriel", "Nom", "Langue", "Étiquettes"]
# A list as spreadsheets save it: a comma-separated original, then what Excel writes in a
# country where the comma is the decimal mark (semicolons), and as "Unicode Text" (tabs).
LIST = [
    ["email", "name", "language", "tags"],
    ["zoe@example.org", "Zoé Lefèvre", "fr", "docks"],
    ["nadia@example.org", "نادية", "ar", "salud;docks"],
]


@pytest.mark.parametrize(
    "saved",
    [
        pytest.param(lambda rows: _joined(rows, ";").encode("utf-8-sig"), id="excel csv utf-8 (;)"),
        pytest.param(lambda rows: _joined(rows, "\t").encode("utf-16"), id="excel unicode text"),
        pytest.param(
            lambda rows: _joined([SPANISH, *rows[1:]], ";").encode("utf-8"),
            id="kept in spanish",
        ),
        pytest.param(
            lambda rows: _joined([FRENCH, *rows[1:]], ";").encode("utf-8"),
            id="kept in french",
        ),
    ],
)
def test_a_list_saved_by_excel_imports_as_its_comma_separated_original(
    delivery_workspace: Path, tmp_path: Path, saved: Any
) -> None:
    original = write_csv(tmp_path / "original.csv", LIST)
    assert invoke(delivery_workspace, "subscribers", "import", str(original)).exit_code == 0
    columns = "SELECT address, name, language, tags FROM subscribers"
    before = query(delivery_workspace, columns)
    execute_many(
        delivery_workspace, "DELETE FROM subscribers WHERE address = ?", [r[:1] for r in before]
    )

    excel = tmp_path / "excel.csv"
    excel.write_bytes(saved(LIST))
    result = invoke(delivery_workspace, "subscribers", "import", str(excel))

    assert result.exit_code == 0 and "2 added" in result.output, result.output
    after = query(delivery_workspace, columns)
    assert sorted(after) == sorted(before) and len(before) == 2


def _joined(rows: list[list[str]], separator: str) -> str:
    """Rows as a spreadsheet writes them with `separator`, quoting a cell that holds it."""
    quoted = (f'"{cell}"' if separator in cell else cell for row in rows for cell in row)
    cells = list(quoted)
    width = len(rows[0])
    lines = [separator.join(cells[i : i + width]) for i in range(0, len(cells), width)]
    return "\r\n".join(lines) + "\r\n"


def test_delivery_settings_are_checked_with_file_and_line(workspace) -> None:  # type: ignore[no-untyped-def]
    root = workspace("minimal")
    config = root / "publisher.toml"
    text = config.read_text("utf-8")
    table = '\n[delivery]\nsmtp_security = "tls"\nrate = -1\nsmtp_password = "hunter2"\n'
    config.write_text(text + table, "utf-8")
    line = len(text.splitlines()) + 2

    unknown = invoke(root, "subscribers", "list")
    assert unknown.exit_code == 1
    assert f"publisher.toml:{line + 3}: unknown setting 'smtp_password'" in unknown.output
    assert "smtp_password_env" in unknown.output  # the near miss names the right key

    config.write_text(text + table.replace('smtp_password = "hunter2"\n', ""), "utf-8")
    bad = invoke(root, "subscribers", "list")
    assert f"publisher.toml:{line + 1}: delivery.smtp_security: unknown mode 'tls'" in bad.output
    assert f"publisher.toml:{line + 2}: delivery.rate: -1 is not a number" in bad.output
    assert "starttls, ssl, none" in bad.output and "Traceback" not in bad.output


def test_a_locked_subscriber_database_is_waited_for_then_named_in_one_clear_error(
    delivery_workspace: Path,
) -> None:
    root = delivery_workspace
    configure(root, database_timeout=1)  # seconds
    add_subscribers(root, {"ana@example.org": "active"})
    other_program = sqlite3.connect(root / "subscribers.sqlite3", isolation_level=None)
    other_program.execute("BEGIN IMMEDIATE")  # holds the write lock, like a long import
    try:
        added = invoke(root, "subscribers", "add", "ben@example.org")
        sent = invoke(root, "send", SLUG)
    finally:
        other_program.execute("ROLLBACK")
        other_program.close()

    for result in (added, sent):
        assert result.exit_code == 1 and "Traceback" not in result.output, result.output
        assert f"{root / 'subscribers.sqlite3'}: " in result.output, result.output
        assert "another program" in result.output and "hint: " in result.output
    assert "waiting up to 1 s" in added.output
    assert invoke(root, "subscribers", "add", "ben@example.org").exit_code == 0
    assert statuses(root) == {"ana@example.org": "active", "ben@example.org": "active"}


def test_a_command_that_finds_the_database_locked_goes_on_once_the_lock_is_let_go(
    delivery_workspace: Path,
) -> None:
    """It waits rather than failing at once: the lock is let go only after the command has
    said it is waiting, and the command then does its work."""
    root = delivery_workspace
    configure(root, database_timeout=120)
    add_subscribers(root, {"ana@example.org": "active"})
    other_program = sqlite3.connect(root / "subscribers.sqlite3", isolation_level=None)
    other_program.execute("BEGIN IMMEDIATE")
    command = subprocess.Popen(
        [sys.executable, "-c", CLI, "-C", str(root), "subscribers", "add", "ben@example.org"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        said = next((line for line in command.stderr or () if "waiting up to 120 s" in line), "")
        # It says so just before it waits: give it the time to get there (a command that
        # did not wait would have failed by then; no duration is asserted).
        time.sleep(0.5)
    finally:
        other_program.execute("ROLLBACK")
        other_program.close()
    output, errors = command.communicate(timeout=120)
    assert said, errors
    assert command.returncode == 0, output + errors
    assert statuses(root) == {"ana@example.org": "active", "ben@example.org": "active"}


def test_an_export_that_cannot_be_written_names_the_file(
    delivery_workspace: Path, tmp_path: Path
) -> None:
    in_the_way = tmp_path / "a-file"
    in_the_way.write_text("not a folder")
    target = in_the_way / "export.csv"
    result = invoke(delivery_workspace, "subscribers", "export", str(target))
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert f"error: {target}: could not write this file" in result.output


@pytest.mark.parametrize(
    "header",
    [
        ["Email address", "Name"],  # a spreadsheet's, which Mailchimp's export was taken for
        ["E-mail Address", "First Name", "Last Name"],  # Outlook's contacts
        ["First Name", "Last Name", "Email Address"],
        ["Forename", "Surname", "Email"],  # as British lists head them
        ["EMAIL", "FIRSTNAME", "LASTNAME"],  # Brevo's export
        ["email", "first_name", "last_name"],
        ["Given Name", "Family Name", "E-mail Address"],
        ["Email", "FNAME", "LNAME"],  # Mailchimp's merge tags, in a list made for it
    ],
)
def test_an_address_books_list_keeps_its_names(
    delivery_workspace: Path, tmp_path: Path, header: list[str]
) -> None:
    """Names were dropped without a word (the list was read as Mailchimp's export), or the
    list was refused for want of a column called 'email'."""
    people = {"kim@example.org": ["Kim", "Okafor"], "ana@example.org": ["Ana", "Ruiz"]}
    rows = []
    for address, (first, last) in people.items():
        cells = {"email address": address, "e-mail address": address, "name": f"{first} {last}"}
        cells |= {"email": address}
        cells |= dict.fromkeys(("first name", "forename", "firstname", "first_name"), first)
        cells |= dict.fromkeys(("given name", "fname"), first)
        cells |= dict.fromkeys(("last name", "surname", "lastname", "last_name"), last)
        cells |= dict.fromkeys(("family name", "lname"), last)
        rows.append([cells[column.lower()] for column in header])
    listed = write_csv(tmp_path / "contacts.csv", [header, *rows])

    result = invoke(delivery_workspace, "subscribers", "import", str(listed))

    assert result.exit_code == 0, result.output
    assert "Mailchimp" not in result.output
    names = dict(query(delivery_workspace, "SELECT address, name FROM subscribers"))
    assert names == {"kim@example.org": "Kim Okafor", "ana@example.org": "Ana Ruiz"}


@pytest.mark.parametrize("written", ["kim@example.org;", "kim@example.org,", "kim@example.org ; "])
def test_an_address_copied_with_outlooks_separator_after_it_is_added(
    delivery_workspace: Path, written: str
) -> None:
    """Outlook's To line ends each address with ";": one copied from it was refused as
    having an invalid character after the @-sign."""
    result = invoke(delivery_workspace, "subscribers", "add", written)
    assert result.exit_code == 0, result.output
    assert statuses(delivery_workspace) == {"kim@example.org": "active"}


def test_a_name_written_on_two_lines_of_its_cell_is_kept_on_one(
    delivery_workspace: Path, tmp_path: Path
) -> None:
    """A spreadsheet cell's line break (Alt+Enter) refused the whole subscriber."""
    listed = write_csv(
        tmp_path / "list.csv",
        [["Email", "Name"], ["ana@example.org", "Ana\nRuiz Gil"], ["kim@example.org", "Kim\r\n"]],
    )

    result = invoke(delivery_workspace, "subscribers", "import", str(listed))

    assert result.exit_code == 0, result.output
    names = dict(query(delivery_workspace, "SELECT address, name FROM subscribers"))
    assert names == {"ana@example.org": "Ana Ruiz Gil", "kim@example.org": "Kim"}


# Statuses as other newsletter services and people's own lists write them, in a list's
# status column: the status each is here. A suppression must never come back active.
STATUS_WORDS = {
    "SUBSCRIBED": "active",  # EmailOctopus, MailerLite
    "Confirmed": "active",
    "activo": "active",
    "abonné": "active",
    "unconfirmed": "pending",
    "Unsubscribed": "unsubscribed",
    "dado de baja": "unsubscribed",
    "désabonné": "unsubscribed",
    "blocklisted": "unsubscribed",
    "cleaned": "bounced",  # Mailchimp's word for an address that bounces
    "hard bounce": "bounced",
    "spam complaint": "complained",
}


def test_a_status_in_another_services_words_is_read_as_ours(
    delivery_workspace: Path, tmp_path: Path
) -> None:
    words = enumerate([*STATUS_WORDS, "inactive"])
    rows = [[f"person{i}@example.org", word, ""] for i, word in words]
    rows.append(["left@example.org", "Dado de baja", "?!"])  # refused, yet gone
    source = write_csv(tmp_path / "export.csv", [["Email", "Status", "Language"], *rows])

    result = invoke(delivery_workspace, "subscribers", "import", str(source))

    expected = {f"person{i}@example.org": ours for i, ours in enumerate(STATUS_WORDS.values())}
    assert statuses(delivery_workspace) == {**expected, "left@example.org": "unsubscribed"}
    unknown = len(STATUS_WORDS) + 2  # the line of 'inactive', which says nothing sure
    assert result.exit_code == 1 and f"export.csv:{unknown}:" in result.output
    assert "unknown status 'inactive'" in result.output


def test_people_an_older_publisher_imported_as_left_show_that_as_their_reason(
    delivery_workspace: Path,
) -> None:
    """A row of a file that took someone off the list was recorded with the reason "added"
    by publisher before its list's version 8: after the upgrade `subscribers list` still
    said "added", and a reactivation kept "(was bounced: added)" in the history."""
    root = delivery_workspace
    path = root / "subscribers.sqlite3"
    query(root, "SELECT 1")  # the list made, then given the rows and version it had then
    older = sqlite3.connect(path)
    with older:
        older.executemany(  # as `subscribers import members.csv` left them
            "INSERT INTO subscribers (address, name, status, consent_source, status_source,"
            " created_at, updated_at) VALUES (?, ?, ?, 'import of members.csv', 'added', ?, ?)",
            [
                (address, name, status, "2026-11-20T09:00:00+00:00", "2026-11-20T09:00:00+00:00")
                for address, name, status in [
                    ("ana@members.org", "Ana", "active"),
                    ("yan@members.org", "Yan", "unsubscribed"),
                    ("xia@members.org", "Xia", "bounced"),
                ]
            ],
        )
        older.execute("ALTER TABLE sends DROP COLUMN key_fingerprint")  # version 9's
        older.execute("PRAGMA user_version = 7")
    older.close()

    left = invoke(root, "subscribers", "list", "--status", "unsubscribed")
    back = invoke(root, "subscribers", "reactivate", "xia@members.org")

    assert "imported from members.csv as unsubscribed" in " ".join(left.output.split())
    assert back.exit_code == 0, back.output
    reasons = dict(query(root, "SELECT address, status_source FROM subscribers"))
    assert reasons["ana@members.org"] == "added"
    assert reasons["xia@members.org"].endswith(
        "(was bounced: imported from members.csv as bounced)"
    )


def test_people_imported_as_left_show_where_that_came_from_as_their_reason(
    delivery_workspace: Path, tmp_path: Path
) -> None:
    """`subscribers list --status …` shows why each suppressed address is off the list:
    for a row of a file that said so, it said "added", which reads as the opposite."""
    listed = tmp_path / "socios.csv"
    listed.write_text(
        "Correo;Nombre;Estado\n"
        "ana@example.org;Ana;activo\n"
        "fleur@example.org;Fleur;Dado de baja\n"
        "gil@example.org;Gil;bounced\n"
        "hana@example.org;Hana;activo\n"
        "hana@example.org;Hana;unsubscribed\n",  # refused (her second row), gone all the same
        encoding="utf-8",
    )
    invoke(delivery_workspace, "subscribers", "import", str(listed))

    left = invoke(delivery_workspace, "subscribers", "list", "--status", "unsubscribed")
    bounced = invoke(delivery_workspace, "subscribers", "list", "--status", "bounced")

    shown = " ".join((left.output + bounced.output).split())
    assert "imported from socios.csv:3 as unsubscribed" in shown, shown
    assert "imported from socios.csv:4 as bounced" in shown, shown
    assert "added" not in shown
    reasons = dict(query(delivery_workspace, "SELECT address, status_source FROM subscribers"))
    assert reasons == {
        "ana@example.org": "added",
        "fleur@example.org": "imported from socios.csv:3 as unsubscribed",
        "gil@example.org": "imported from socios.csv:4 as bounced",
        "hana@example.org": "imported from socios.csv:6 as unsubscribed",
    }


# A Google Form's responses sheet, downloaded as CSV (File > Download > .csv): the sheet's
# name in the file's, a timestamp first, each question's whole text as its column's heading.
RIVERSIDE_FORM = (
    "Timestamp,Email address,Full name,Which building?,Can we email you the newsletter?\r\n"
    "11/22/2026 18:30:02,ivy@example.net,Ivy Chen,Riverside House,No\r\n"
    "11/22/2026 18:41:45,omar@example.net,Omar Haddad,Mill Court,Yes\r\n"
    '11/23/2026 09:05:10,rosa@example.net,Rosa Díaz,Riverside House,"Yes, please"\r\n'
    "11/23/2026 10:12:44,tom@example.net,Tom Reed,Mill Court,\r\n"
)


def test_a_form_s_no_to_its_consent_question_leaves_that_person_off_the_list(
    delivery_workspace: Path, tmp_path: Path
) -> None:
    root = delivery_workspace
    sheet = tmp_path / "Riverside members - Sheet1.csv"
    sheet.write_text(RIVERSIDE_FORM, "utf-8", newline="")

    result = invoke(root, "subscribers", "import", str(sheet))

    assert result.exit_code == 0, result.output
    assert statuses(root) == {"omar@example.net": "active", "rosa@example.net": "active"}
    said = " ".join(result.output.split())
    question = "'Can we email you the newsletter?'"
    assert f"left out {sheet}:2: ivy@example.net answered 'No' to {question}" in said, said
    assert f"left out {sheet}:5: tom@example.net gave no answer to {question}" in said, said
    assert f"read column {question} as a consent question: only those who answered yes" in said
    assert "ignored column(s): timestamp, which building?" in said, said
    assert "2 added" in said and "2 left out" in said


def test_a_consent_answer_that_is_neither_yes_nor_no_is_refused_at_its_line(
    delivery_workspace: Path, tmp_path: Path
) -> None:
    root = delivery_workspace
    sheet = write_csv(
        tmp_path / "inscripciones.csv",
        [
            ["Marca temporal", "Correo electrónico", "Nombre", "¿Podemos enviarte el boletín?"],
            ["22/11/2026 18:30:02", "lucia@example.net", "Lucía Pérez", "Sí"],
            ["22/11/2026 18:35:10", "pablo@example.net", "Pablo Gil", "No"],
            ["22/11/2026 18:40:51", "marta@example.net", "Marta Ruiz", "Quizás"],
        ],
    )

    result = invoke(root, "subscribers", "import", str(sheet))

    assert result.exit_code == 1
    assert statuses(root) == {"lucia@example.net": "active"}
    said = " ".join(result.output.split())
    assert f"left out {sheet}:3: pablo@example.net answered 'No'" in said, said
    assert f"rejected {sheet}:4: marta@example.net: 'Quizás' is not a yes or a no" in said, said
