"""A list kept as a contacts group, exported from an address book as a vCard file, is
imported as its members: each contact's name and preferred address, as the programs
people keep contacts in write them."""

from __future__ import annotations

from pathlib import Path

import pytest
from delivery_support import import_file, names_stored


def card(*lines: str) -> str:
    return "\r\n".join(("BEGIN:VCARD", *lines, "END:VCARD")) + "\r\n"


# Each as its program exports a contact with two addresses, the second marked preferred
# where the format can say so.
EXPORTS = {
    "iphone or mac": card(
        "VERSION:3.0",
        "PRODID:-//Apple Inc.//iPhone OS 17.4//EN",
        "N:Ruiz;Ana;;;",
        "FN:Ana Ruiz",
        "item1.EMAIL;type=INTERNET:ana@work.example.org",
        "item1.X-ABLabel:_$!<Work>!$_",
        "item2.EMAIL;type=INTERNET;type=pref:ana@example.org",
        "TEL;type=CELL;type=VOICE:+34 600 000 000",
    ),
    "google contacts": card(
        "VERSION:3.0",
        "FN:Ana Ruiz",
        "N:Ruiz;Ana;;;",
        "EMAIL;TYPE=INTERNET;TYPE=WORK:ana@work.example.org",
        "EMAIL;TYPE=INTERNET;TYPE=HOME;TYPE=pref:ana@example.org",
        "CATEGORIES:myContacts,Union",
    ),
    "outlook (vcard 2.1)": card(
        "VERSION:2.1",
        "N;LANGUAGE=es:Ruiz;Ana",
        "FN:Ana Ruiz",
        "EMAIL;INTERNET:ana@work.example.org",
        "EMAIL;PREF;INTERNET:ana@example.org",
    ),
    "thunderbird (vcard 4.0)": card(
        "VERSION:4.0",
        "FN:Ana Ruiz",
        "EMAIL:ana@work.example.org",
        "EMAIL;PREF=1:ana@example.org",
    ),
}
ANDROID = card(  # vCard 2.1: a name beyond ASCII in quoted-printable, a long one broken
    "VERSION:2.1",
    "N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:G=C3=B3mez;Carla;;;",
    "FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Carla G=C3=B3mez =C3=81lvarez de la =",
    "Fuente",
    "EMAIL;HOME:carla@example.org",
)
PHONE_ONLY = card(
    "VERSION:3.0", "N:Okafor;Ben;;;", "FN:Ben Okafor", "TEL;TYPE=CELL:+44 7700 900000"
)
NAME_ONLY = card("VERSION:3.0", "N:Lefèvre;Zoé;;;", "EMAIL:zoe@example.org")  # no FN


@pytest.mark.parametrize("program", EXPORTS)
def test_each_contact_is_imported_with_its_name_and_preferred_address(
    delivery_workspace: Path, tmp_path: Path, program: str
) -> None:
    contacts = tmp_path / "Union.vcf"
    contacts.write_text(EXPORTS[program] + ANDROID + PHONE_ONLY + NAME_ONLY, newline="")

    result = import_file(delivery_workspace, contacts)

    assert result.exit_code == 0, result.output
    assert names_stored(delivery_workspace) == {
        "ana@example.org": "Ana Ruiz",
        "carla@example.org": "Carla Gómez Álvarez de la Fuente",
        "zoe@example.org": "Zoé Lefèvre",
    }
    shown = " ".join(result.output.split())
    assert "read 3 contact(s) with an e-mail address; 1 without one not imported: Ben Okafor" in (
        shown
    )
    assert "3 added" in shown


@pytest.mark.parametrize(
    "damaged",
    ["EMAIL ben@example.org", "FN;CHARSET=UTF-9;ENCODING=QUOTED-PRINTABLE:Ben =C3=93"],
    ids=["a line with no colon", "a character set that does not exist"],
)
def test_a_contact_that_cannot_be_read_is_named_by_the_line_it_begins_on(
    delivery_workspace: Path, tmp_path: Path, damaged: str
) -> None:
    contacts = tmp_path / "contacts.vcf"
    broken = card("VERSION:2.1", "N:Okafor;Ben", "EMAIL:ben@example.org", damaged)
    contacts.write_text(ANDROID + broken, newline="")

    result = import_file(delivery_workspace, contacts)

    assert result.exit_code == 1 and "Traceback" not in result.output
    assert f"{contacts}:8: this contact cannot be read" in result.output
    assert names_stored(delivery_workspace) == {}  # nothing, as for a CSV file that is not CSV
