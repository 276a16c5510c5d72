"""What a small organisation meets sending to its list, found by trying it: a send stopped
the way servers and SSH sessions stop programs, and subscriber files as people keep them."""

from __future__ import annotations

import os
import shlex
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
import zipfile
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from delivery_support import (
    CLI,
    SECRET,
    SLUG,
    RecordingHandler,
    add_subscribers,
    configure,
    free_port,
    import_file,
    query,
    wait_for_port,
)

from publisher.cli import main

SUBSCRIBERS = [f"member{n}@example.org" for n in range(6)]


def start_send(root: Path) -> subprocess.Popen[str]:
    """`publisher send` in a process of its own, its output kept, as a terminal runs it."""
    return subprocess.Popen(
        [sys.executable, "-c", CLI, "-C", str(root), "send", SLUG],
        env={**os.environ, "PUBLISHER_SECRET_KEY": SECRET},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def signal_then_reply_slowly(sender: subprocess.Popen[Any], stop: signal.Signals) -> None:
    """The server has the message: the sender is told to stop, and waits for the reply a
    while, as for a busy server's queue."""
    sender.send_signal(stop)
    time.sleep(0.5)


@pytest.mark.parametrize(
    "stop",
    [signal.SIGINT, signal.SIGTERM, signal.SIGHUP],
    ids=["Ctrl-C", "SIGTERM from systemd, timeout or a shutdown", "SIGHUP as an SSH session drops"],
)
def test_a_send_told_to_stop_finishes_the_copy_in_flight_exits_as_stopped_and_says_how_to_resume(
    delivery_workspace: Path, smtp: RecordingHandler, stop: signal.Signals
) -> None:
    """The signal arrives while the server holds a copy, before its reply: the copy is
    finished and recorded as sent, never left `unknown` for the editor to guess about, and
    running the send again gives everyone else theirs, nobody two. One connection, as a
    small organisation's provider often allows."""
    root = delivery_workspace
    configure(root, connections=1)
    add_subscribers(root, dict.fromkeys(SUBSCRIBERS, "active"))
    sender = start_send(root)
    smtp.on_data = partial(signal_then_reply_slowly, sender, stop)
    output, _ = sender.communicate(timeout=60)

    # stopped, not killed (-15, -1): 130, 143 or 129, as any interrupted command exits
    assert sender.returncode == 128 + stop, output
    assert f"publisher send {SLUG}' again" in output
    states = dict(query(root, "SELECT address, state FROM deliveries"))
    assert set(states.values()) == {"sent", "queued"}  # none `sending`, none `unknown`
    assert {a for a, s in states.items() if s == "sent"} == set(smtp.copies())

    assert start_send(root).wait(timeout=60) == 0
    assert smtp.copies() == dict.fromkeys(SUBSCRIBERS, 1)


def test_a_language_written_as_a_word_is_imported_as_its_code(
    delivery_workspace: Path, tmp_path: Path
) -> None:
    """A sign-up form's "Preferred language" column holds names, in the language of the
    form: each person was rejected ("'Spanish' is not a language code: did you mean
    'es'?") and left off the list."""
    members = tmp_path / "form-responses.csv"
    members.write_text(
        "Email,Idioma\n"
        "ana@example.org,Spanish\n"
        "bea@example.org,español\n"
        "chloe@example.org,Français\n"
        "dalia@example.org,العربية\n"
        "eve@example.org,en-GB\n",
        encoding="utf-8",
    )

    result = import_file(delivery_workspace, members)

    assert result.exit_code == 0, result.output
    assert "5 added" in result.output
    languages = dict(query(delivery_workspace, "SELECT address, language FROM subscribers"))
    assert languages == {  # ISO 639-1 codes; a code is kept as it is
        "ana@example.org": "es",
        "bea@example.org": "es",
        "chloe@example.org": "fr",
        "dalia@example.org": "ar",
        "eve@example.org": "en-GB",
    }


def test_a_language_that_is_no_language_still_rejects_the_row_by_line(
    delivery_workspace: Path, tmp_path: Path
) -> None:
    members = tmp_path / "members.csv"
    members.write_text("email,language\nana@example.org,Klingonish\n", encoding="utf-8")

    result = import_file(delivery_workspace, members)

    assert result.exit_code == 1
    assert "members.csv:2: ana@example.org: 'Klingonish' is not a language code" in result.output


@pytest.mark.parametrize(
    ("header", "separator"),
    [
        # Outlook's contacts export in Spanish, and a list kept in Spanish
        (["Nombre", "Apellidos", "Dirección de correo electrónico"], ";"),
        (["Nombre", "Apellido", "Correo"], ","),
        # Outlook's contacts export in French
        (["Prénom", "Nom", "Adresse de messagerie"], ";"),
        # a list kept in Arabic, and in Persian
        (["الاسم", "اسم العائلة", "البريد الإلكتروني"], ","),
        (["نام", "نام خانوادگی", "ایمیل"], ","),
    ],
    ids=["outlook es", "kept in spanish", "outlook fr", "kept in arabic", "kept in persian"],
)
def test_a_list_with_its_columns_titled_in_its_language_imports_with_whole_names(
    delivery_workspace: Path, tmp_path: Path, header: list[str], separator: str
) -> None:
    """Refused for want of a column called 'email', or imported with half of each name
    (Prénom dropped, Nom kept; Apellidos dropped)."""
    people = [("Ana", "Ruiz", "ana@example.org"), ("Samir", "Haddad", "samir@example.org")]
    members = tmp_path / "contacts.csv"
    lines = [separator.join(row) for row in [header, *people]]
    members.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8-sig")

    result = import_file(delivery_workspace, members)

    assert result.exit_code == 0, result.output
    names = dict(query(delivery_workspace, "SELECT address, name FROM subscribers"))
    assert names == {"ana@example.org": "Ana Ruiz", "samir@example.org": "Samir Haddad"}


@pytest.mark.parametrize(
    "name_column",
    [
        "Nombre completo",
        "Nombre y apellidos",
        "Nom complet",
        "Prénom et nom",
        "الاسم الكامل",
        "نام و نام خانوادگی",
    ],
)
def test_a_whole_name_column_titled_as_forms_title_it_gives_each_name(
    delivery_workspace: Path, tmp_path: Path, name_column: str
) -> None:
    """A form's list heads its one name column in the form's language: it was ignored
    ("ignored column(s): nombre completo") and every subscriber imported without a name."""
    members = tmp_path / "respuestas.csv"
    members.write_text(
        f"Correo electrónico,{name_column}\nana@example.org,Ana Ruiz Gómez\n", encoding="utf-8"
    )

    result = import_file(delivery_workspace, members)

    assert result.exit_code == 0, result.output
    assert "ignored" not in result.output
    names = dict(query(delivery_workspace, "SELECT address, name FROM subscribers"))
    assert names == {"ana@example.org": "Ana Ruiz Gómez"}


def test_addresses_as_people_paste_them_are_imported_as_the_plain_address(
    delivery_workspace: Path, tmp_path: Path
) -> None:
    """Each was rejected, the invisible ones with a reason no one could see in the cell:
    direction marks an Arabic or Persian sheet puts around an address (U+200F, U+202A …
    U+202C), a zero-width space and a soft hyphen from a web page, an address with its
    owner's name as a mail program copies it (Outlook in single quotes), and a mailto: link."""
    members = tmp_path / "members.csv"
    members.write_text(
        "email,name\n"
        "\u200fsami@example.org\u200f,سامي\n"
        "\u202ahind@example.org\u202c,\n"
        "\u200bzoe@example.org,Zoé\n"
        "pa\u00adblo@example.org,Pablo\n"
        '"Ana Ruiz <ana@example.org>",\n'
        '"""Ben Cole"" <ben@example.org>",Benjamin Cole\n'
        "mailto:carla@example.org,Carla\n"
        '"dan@example.org, eva@example.org",Dan and Eva\n'
        "'Fran O'Neil' <fran@example.org>,\n",
        encoding="utf-8",
    )

    result = import_file(delivery_workspace, members)

    assert result.exit_code == 1  # two addresses in one cell are still one bad row
    assert "members.csv:9: dan@example.org, eva@example.org: " in result.output
    assert "8 added" in result.output and "1 rejected" in result.output
    names = dict(query(delivery_workspace, "SELECT address, name FROM subscribers"))
    assert names == {
        "sami@example.org": "سامي",
        "hind@example.org": "",
        "zoe@example.org": "Zoé",
        "pablo@example.org": "Pablo",
        "ana@example.org": "Ana Ruiz",
        "ben@example.org": "Benjamin Cole",  # the name column's, where it has one
        "carla@example.org": "Carla",
        "fran@example.org": "Fran O'Neil",  # Outlook's quotes are not her name's
    }


def test_a_platforms_zip_of_lists_is_sent_to_publisher_import(
    delivery_workspace: Path, tmp_path: Path
) -> None:
    """Mailchimp exports an audience as a ZIP of CSV files, one per status."""
    export = tmp_path / "audience_export.zip"
    with zipfile.ZipFile(export, "w") as archive:
        archive.writestr("subscribed_members_export.csv", "Email Address\nana@example.org\n")
        archive.writestr("unsubscribed_members_export.csv", "Email Address\nben@example.org\n")

    result = import_file(delivery_workspace, export)

    assert result.exit_code == 1
    assert "audience_export.zip: this is a ZIP archive of lists" in result.output
    assert "publisher import audience_export.zip" in result.output
    assert query(delivery_workspace, "SELECT address FROM subscribers") == []


def test_the_import_named_for_a_zip_of_lists_works_pasted_into_a_shell(
    delivery_workspace: Path, tmp_path: Path
) -> None:
    """A download named as browsers name a second copy, with a space and brackets."""
    export = tmp_path / "audience_export (1).zip"
    with zipfile.ZipFile(export, "w") as archive:
        archive.writestr("subscribed_members_export.csv", "Email Address\nana@example.org\n")

    result = import_file(delivery_workspace, export)

    assert result.exit_code == 1
    [command] = [
        line.partition("whole: ")[2] for line in result.output.splitlines() if "whole: " in line
    ]
    assert shlex.split(command) == ["publisher", "import", "audience_export (1).zip"]


def test_an_email_built_before_publisher_was_updated_names_the_update_as_a_cause(
    delivery_workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After `pip install -U publisher` the refusal blamed only the editor's files ("a
    document … or publisher.toml changed"), which nobody had touched."""
    import publisher.jobs

    updated = publisher.jobs.versions_digest() + "-updated"
    monkeypatch.setattr(publisher.jobs, "versions_digest", lambda: updated)

    result = CliRunner().invoke(main, ["-C", str(delivery_workspace), "send", SLUG, "--dry-run"])

    assert result.exit_code == 1
    assert "is out of date" in result.output
    assert "publisher or a tool it uses" in result.output
    assert f"publisher build {SLUG} --format email" in result.output


def test_a_list_restored_from_its_export_keeps_each_consent_and_why_each_left(
    delivery_workspace: Path, tmp_path: Path
) -> None:
    """The export is the list's backup, yet restoring it dated every consent to the
    restore and gave everyone who had left the reason "added"."""
    root = delivery_workspace
    members = tmp_path / "members.csv"
    members.write_text("email\nana@example.org\nben@example.org\n", encoding="utf-8")
    assert import_file(root, members).exit_code == 0
    assert CliRunner().invoke(main, ["-C", str(root), "subscribers", "remove", "ben@example.org"])
    history = "SELECT address, status, confirmed_at, status_source FROM subscribers"
    before = query(root, history)
    exported = tmp_path / "backup.csv"
    CliRunner().invoke(main, ["-C", str(root), "subscribers", "export", str(exported)])
    time.sleep(1.1)  # the restore is a second later: its own time would show
    configure(root, database="restored.sqlite3")

    result = import_file(root, exported)

    assert result.exit_code == 0, result.output
    assert query(root, history) == before
    assert dict((a, s) for a, _, _, s in before)["ben@example.org"] == "removed by an editor"


def serve_subscriptions(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", CLI, "-C", str(root), "serve-subscriptions", *args],
        env={**os.environ, "PUBLISHER_SECRET_KEY": SECRET},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_serve_subscriptions_on_a_port_in_use_says_so_instead_of_crashing(
    delivery_workspace: Path,
) -> None:
    """A second serve-subscriptions (or anything on the port) was "an unexpected problem"
    with a crash log, after a note that it was serving."""
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = serve_subscriptions(delivery_workspace, "--listen", f"127.0.0.1:{port}")

    assert result.returncode == 1
    assert f"cannot listen on 127.0.0.1:{port}" in result.stderr
    assert "unexpected" not in result.stderr and "serving on" not in result.stderr


@pytest.mark.parametrize("listen", ["8080", "localhost", "127.0.0.1:99999"])
def test_serve_subscriptions_with_a_listen_that_is_no_address_says_how_to_write_it(
    delivery_workspace: Path, listen: str
) -> None:
    result = serve_subscriptions(delivery_workspace, "--listen", listen)

    assert result.returncode == 1
    assert f"--listen {listen!r} is not HOST:PORT" in result.stderr
    assert "127.0.0.1:8080" in result.stderr and "unexpected" not in result.stderr


def test_a_status_written_with_a_capital_takes_effect(
    delivery_workspace: Path, tmp_path: Path
) -> None:
    """ "Unsubscribed" (as a spreadsheet capitalises it) was an unknown status: the row was
    rejected and the person, already on the list, stayed active and kept getting mail."""
    root = delivery_workspace
    add_subscribers(root, {"left@example.org": "active"})
    members = tmp_path / "members.csv"
    members.write_text(
        "Email,Status\nleft@example.org,Unsubscribed\nnew@example.org,Active\n",
        encoding="utf-8",
    )

    result = import_file(root, members)

    assert result.exit_code == 0, result.output
    statuses = dict(query(root, "SELECT address, status FROM subscribers"))
    assert statuses == {"left@example.org": "unsubscribed", "new@example.org": "active"}


def test_a_double_opt_in_import_keeps_an_active_row_written_with_a_capital_pending(
    delivery_workspace: Path, tmp_path: Path
) -> None:
    """Everyone new confirms first with --double-opt-in, however the file writes 'active'."""
    root = delivery_workspace
    members = tmp_path / "members.csv"
    members.write_text("email,status\nnew@example.org,ACTIVE\n", encoding="utf-8")

    result = CliRunner().invoke(
        main, ["-C", str(root), "subscribers", "import", str(members), "--double-opt-in"]
    )

    assert query(root, "SELECT address, status FROM subscribers") == [
        ("new@example.org", "pending")
    ], result.output


def test_a_row_that_unsubscribes_someone_does_so_even_when_another_of_its_fields_is_bad(
    delivery_workspace: Path, tmp_path: Path
) -> None:
    """The row was rejected for its tag, its language or for repeating an address, and the
    person the file said had left stayed active and kept getting the newsletter."""
    root = delivery_workspace
    people = ["ana@example.org", "ben@example.org", "carla@example.org", "dan@example.org"]
    add_subscribers(root, dict.fromkeys(people, "active"))
    members = tmp_path / "members.csv"
    too_long = "a tag that goes on " * 6  # 114 characters
    members.write_text(
        "email,status,tags,language\n"
        f"ana@example.org,unsubscribed,{too_long},\n"
        "ben@example.org,unsubscribed,,Klingonish\n"
        "carla@example.org,active,,\n"
        "CARLA@example.org,unsubscribed,,\n"
        f"dan@example.org,active,{too_long},\n",
        encoding="utf-8",
    )

    result = import_file(root, members)

    assert result.exit_code == 1  # each bad row is still reported by line
    for line in (2, 3, 5, 6):
        assert f"members.csv:{line}:" in result.output
    assert "3 now suppressed" in result.output
    statuses = dict(query(root, "SELECT address, status FROM subscribers"))
    assert statuses == {
        "ana@example.org": "unsubscribed",
        "ben@example.org": "unsubscribed",
        "carla@example.org": "unsubscribed",
        "dan@example.org": "active",  # a bad row that unsubscribes nobody changes nothing
    }


def test_a_platforms_members_keep_tags_named_as_platforms_name_them(
    delivery_workspace: Path, tmp_path: Path
) -> None:
    """A Mailchimp member tagged "Members & Friends" or "Docks/Port" was rejected, and so
    left off the list, for a character in a tag's name."""
    export = tmp_path / "subscribed_members_export.csv"
    export.write_text(
        "Email Address,First Name,Last Name,MEMBER_RATING,OPTIN_TIME,CONFIRM_TIME,TAGS\n"
        "ana@example.org,Ana,Ruiz,2,2024-01-01 00:00:00,2024-01-02 00:00:00,"
        '"""Members & Friends"",""Docks/Port"""\n'
        "ben@example.org,Ben,Cole,2,2024-01-01 00:00:00,2024-01-02 00:00:00,"
        '"""Boletín (ES)"""\n',
        encoding="utf-8",
    )

    result = import_file(delivery_workspace, export)

    assert result.exit_code == 0, result.output
    tags = dict(query(delivery_workspace, "SELECT address, tags FROM subscribers"))
    assert tags == {
        "ana@example.org": "members & friends,docks/port",
        "ben@example.org": "boletín (es)",
    }
    send = CliRunner().invoke(
        main, ["-C", str(delivery_workspace), "send", SLUG, "--dry-run", "--tag", "Docks/Port"]
    )
    assert "recipients" in send.output and "1 (tag docks/port)" in send.output, send.output


def test_a_platforms_unsubscribed_member_is_unsubscribed_even_when_the_row_is_rejected(
    delivery_workspace: Path, tmp_path: Path
) -> None:
    """Mailchimp's unsubscribed member whose name a form let run on for a page was
    rejected, and stayed active on the list an earlier import had put them on."""
    root = delivery_workspace
    add_subscribers(root, {"left@example.org": "active"})
    export = tmp_path / "unsubscribed_members_export.csv"
    export.write_text(
        "Email Address,First Name,Last Name,MEMBER_RATING,OPTIN_TIME,CONFIRM_TIME,UNSUB_TIME\n"
        f'left@example.org,"{"Ana " * 60}María",Ruiz,2,2024-01-01 00:00:00,2024-01-02 00:00:00,'
        "2025-03-04 10:00:00\n",
        encoding="utf-8",
    )

    result = import_file(root, export)

    assert "left@example.org: the name must be at most 200" in result.output  # still reported
    statuses = dict(query(root, "SELECT address, status FROM subscribers"))
    assert statuses == {"left@example.org": "unsubscribed"}


def test_a_send_to_a_tag_resumed_without_it_says_who_has_not_had_the_issue(
    delivery_workspace: Path, smtp: RecordingHandler
) -> None:
    """A send to the 'docks' tag, stopped and run again as `publisher send ISSUE`, finished
    with its own recipients (rightly) and said nothing of everyone else, who never got the
    issue: the editor took the table of copies sent for the whole list."""
    root = delivery_workspace
    configure(root, connections=1)
    docks = ["ana@example.org", "ben@example.org", "carla@example.org"]
    add_subscribers(root, dict.fromkeys(docks, "active"), tags=dict.fromkeys(docks, "docks"))
    add_subscribers(root, {"dan@example.org": "active", "eve@example.org": "active"})
    tagged = subprocess.Popen(
        [sys.executable, "-c", CLI, "-C", str(root), "send", SLUG, "--tag", "docks"],
        env={**os.environ, "PUBLISHER_SECRET_KEY": SECRET},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    # The reply waits while the signal is taken: sent at once, a busy machine's sender had
    # finished every copy before its main thread saw the Ctrl-C.
    smtp.on_data = partial(signal_then_reply_slowly, tagged, signal.SIGINT)
    assert tagged.wait(timeout=60) == 128 + signal.SIGINT  # stopped, as README says

    resumed = CliRunner().invoke(main, ["-C", str(root), "send", SLUG])

    assert resumed.exit_code == 0, resumed.output
    assert set(smtp.copies()) == set(docks)
    assert "2 active subscriber(s) have not had 007-huelga" in resumed.output
    assert f"publisher send {SLUG} --new" in resumed.output
    again = CliRunner().invoke(main, ["-C", str(root), "send", SLUG])
    assert "2 active subscriber(s) have not had it" in again.output
    assert CliRunner().invoke(main, ["-C", str(root), "send", SLUG, "--new"]).exit_code == 0
    assert smtp.copies() == dict.fromkeys([*docks, "dan@example.org", "eve@example.org"], 1)


def test_serve_subscriptions_stopped_by_the_service_manager_still_sends_the_confirmation(
    delivery_workspace: Path, smtp: RecordingHandler
) -> None:
    """systemd stops (SIGTERM) the endpoint while a visitor's confirmation link is being
    sent: it was killed at once, the link never went out, and the visitor, told to check
    their inbox, waited for nothing."""
    root = delivery_workspace
    configure(root, subscribe_form=True)
    port = free_port()
    listen = ["--listen", f"127.0.0.1:{port}"]
    server = subprocess.Popen(
        [sys.executable, "-c", CLI, "-C", str(root), "serve-subscriptions", *listen],
        env={**os.environ, "PUBLISHER_SECRET_KEY": SECRET},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for_port(port)
        # the stop comes while the SMTP server is accepting the link's recipient
        smtp.on_rcpt["new@example.org"] = partial(signal_then_reply_slowly, server, signal.SIGTERM)
        form = urllib.parse.urlencode({"email": "new@example.org"}).encode()
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/subscribe/", form, timeout=30):
            pass
        code = server.wait(timeout=60)
    finally:
        server.kill()
        server.wait()

    assert code == 143  # stopped as an interrupted command is (128 + 15), not killed (-15)
    assert smtp.copies() == {"new@example.org": 1}
    assert query(root, "SELECT status FROM subscribers") == [("pending",)]
    sent = query(root, "SELECT confirmation_sent_at FROM subscribers")
    assert sent[0][0] is not None


def test_a_test_copy_says_where_it_went(delivery_workspace: Path, smtp: RecordingHandler) -> None:
    """ "test copy sent: 250 …" did not say to whom, after a typo in --to or a shell
    variable left empty by mistake."""
    result = CliRunner().invoke(
        main, ["-C", str(delivery_workspace), "send", SLUG, "--to", "Editor@Example.org"]
    )

    assert result.exit_code == 0, result.output
    assert "test copy sent to Editor@example.org: 250" in result.output
    assert smtp.copies() == {"Editor@example.org": 1}


def test_a_csv_whose_first_line_names_its_separator_for_excel_imports(
    delivery_workspace: Path, tmp_path: Path
) -> None:
    """Exports made for Excel begin with 'sep=;' (the separator Excel is to split at): the
    file was refused for want of an 'email' column on its first line."""
    members = tmp_path / "export-for-excel.csv"
    members.write_text(
        "sep=;\r\nemail;name;tags\r\nana@example.org;Ana Ruiz;docks\r\nnot-an-address;Ben;\r\n",
        encoding="utf-8",
    )

    result = import_file(delivery_workspace, members)

    assert "export-for-excel.csv:4: not-an-address" in result.output  # lines as in the file
    assert "1 added" in result.output
    assert query(delivery_workspace, "SELECT address, name, tags FROM subscribers") == [
        ("ana@example.org", "Ana Ruiz", "docks")
    ]
