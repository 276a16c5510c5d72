"""A list pasted from a mail program's To, Cc or Bcc field, as a newsletter sent by Bcc
keeps it, is imported as its people: each address with the name beside it."""

from __future__ import annotations

from pathlib import Path

import pytest
from delivery_support import import_file, names_stored

PEOPLE = {
    "ana@example.org": "Ruiz, Ana",
    "ben@example.org": "Ben Okafor",
    "carla@example.org": "",
    "zoe@example.org": "Zoé Lefèvre",
    "nadia@example.org": "نادية",
}
PASTED = {
    "gmail": '"Ruiz, Ana" <ana@example.org>, Ben Okafor <ben@example.org>, carla@example.org,\n'
    "Zoé Lefèvre <zoe@example.org>, نادية <nadia@example.org>\n",
    "outlook": "Ruiz, Ana <ana@example.org>; Ben Okafor <ben@example.org>; carla@example.org;"
    " Zoé Lefèvre <zoe@example.org>; نادية <nadia@example.org>; \n",
}


@pytest.mark.parametrize("program", PASTED)
def test_addresses_pasted_from_a_mail_programs_bcc_field_are_imported_with_their_names(
    delivery_workspace: Path, tmp_path: Path, program: str
) -> None:
    pasted = tmp_path / "bcc.txt"
    pasted.write_text(PASTED[program], encoding="utf-8")

    result = import_file(delivery_workspace, pasted)

    assert result.exit_code == 0, result.output
    assert names_stored(delivery_workspace) == PEOPLE
    assert "read as addresses pasted from a mail program's To, Cc or Bcc field" in result.output


def test_a_mistyped_address_among_them_is_refused_by_its_line(
    delivery_workspace: Path, tmp_path: Path
) -> None:
    pasted = tmp_path / "bcc.txt"
    pasted.write_text(
        "ana@example.org, Ben <ben@example..org>\ncarla@example.org, dan@example.org\n"
    )

    result = import_file(delivery_workspace, pasted)

    assert result.exit_code == 1 and "Traceback" not in result.output
    assert f"rejected {pasted}:1: ben@example..org" in " ".join(result.output.split())
    assert set(names_stored(delivery_workspace)) == {
        "ana@example.org",
        "carla@example.org",
        "dan@example.org",
    }
