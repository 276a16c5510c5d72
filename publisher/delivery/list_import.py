"""A subscriber list from elsewhere, imported: a CSV file or workbook as people keep them
(headings in their language, a title above them, statuses in other services' words, an
address book's group, addresses pasted from a Bcc field), or a platform's members.

Every good row is imported and every bad one named with its line, in one transaction;
nothing here puts a suppressed address back on the list (`add_in_transaction` refuses).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import shlex
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from .. import textfiles
from ..controls import clean_text, warn_bidi_override
from ..errors import Problem, PublisherError
from ..importers.decode import Decoded, encoding_name, guess_text
from ..importers.members import (
    PLATFORM_NAMES,
    Member,
    csv_reader,
    merged,
    read_members_csv,
    recognise_columns,
)
from .consent import answer, consent_column
from .list_columns import columns_by_content
from .recipients import pasted_recipients
from .store import Database, transaction
from .subscribers import (
    FORMULA,
    SUPPRESSED,
    ImportReport,
    NewSubscriber,
    add_in_transaction,
    check,
    is_address,
    visible,
)
from .vcards import contacts, is_vcard
from .workbooks import sheet_as_csv

_ADDRESS_COLUMNS = ("email", "address", "e-mail", "email_address")


_TITLE_LINES = 5  # at most this many lines of title over a list's heading


# What an import reads: ours, and from our export the record of consent and of a status.
_IMPORT_COLUMNS = {
    *_ADDRESS_COLUMNS,
    *("name", "language", "tags", "status", "consent_source", "status_source"),
    *("created_at", "confirmed_at"),
}


# Column names a list kept in Spanish, French, Arabic or Persian has (in lower case), as
# people title them and as Outlook and Google Forms write them there: the column they are.
_COLUMN_NAMES = {
    "correo": "email",
    "correo electrónico": "email",
    "dirección de correo electrónico": "email",
    "dirección de correo": "email",
    "courriel": "email",
    "adresse courriel": "email",
    "adresse e-mail": "email",
    "adresse email": "email",
    "adresse de messagerie": "email",
    "mail": "email",
    "البريد الإلكتروني": "email",
    "البريد الالكتروني": "email",  # as often typed, without the hamza
    "عنوان البريد الإلكتروني": "email",
    "ایمیل": "email",
    "نشانی ایمیل": "email",
    "پست الکترونیک": "email",
    "nombre": "name",
    "apellido": "last name",
    "apellidos": "last name",
    "nom": "name",
    "prénom": "first name",
    "nom de famille": "last name",
    "الاسم": "name",
    "اسم العائلة": "last name",
    "نام": "name",
    "نام خانوادگی": "last name",
    "idioma": "language",
    "lengua": "language",
    "langue": "language",
    "etiquetas": "tags",
    "étiquettes": "tags",
    "estado": "status",
    "statut": "status",
    # as Outlook, Google Contacts and address books export them
    "email address": "email",
    "e-mail address": "email",
    "e-mail 1 - value": "email",
    "full name": "name",
    "display name": "name",
    # a whole name in one column, as forms (Google Forms, Framaforms) and lists head it
    **dict.fromkeys(("nombre completo", "nombre y apellidos", "nombre y apellido"), "name"),
    **dict.fromkeys(("nom complet", "prénom et nom", "nom et prénom"), "name"),
    **dict.fromkeys(("الاسم الكامل", "نام کامل", "نام و نام خانوادگی"), "name"),
    # as British lists, Brevo, hand-made Mailchimp lists (merge tags) and databases head them
    **dict.fromkeys(("forename", "given name", "firstname", "first_name", "fname"), "first name"),
    **dict.fromkeys(("surname", "family name", "lastname", "last_name", "lname"), "last name"),
}


# Statuses as other newsletter services and people's own lists write them (in lower case):
# the status each is here. A word not here is refused, never guessed active.
_STATUS_WORDS = {
    **dict.fromkeys(("subscribed", "confirmed", "activo", "activa", "suscrito"), "active"),
    **dict.fromkeys(("suscrita", "abonné", "abonnée", "actif"), "active"),
    **dict.fromkeys(("unconfirmed", "pendiente", "en attente"), "pending"),
    **dict.fromkeys(
        ("baja", "dado de baja", "dada de baja", "désabonné", "désabonnée"), "unsubscribed"
    ),
    **dict.fromkeys(("désinscrit", "blocklisted", "blacklisted", "blocked"), "unsubscribed"),
    **dict.fromkeys(("cleaned", "hard bounce", "hard bounced", "rebotado"), "bounced"),
    **dict.fromkeys(("spam complaint", "complaint", "marked as spam", "spam"), "complained"),
}


# The first line Excel reads as "split at this character" and some exports write.
_SEPARATOR_LINE = re.compile(r'"?sep=(?P<separator>[^\r\n"])"?[ \t]*\r?\n', re.IGNORECASE)


def import_csv(
    db: Database, path: Path, default_status: str = "active", source: str = ""
) -> ImportReport:
    """Every good row is imported, every bad one reported with its line and reason, in one
    transaction: an interrupted import changes nothing."""
    text, sheet = _read_text(path)
    if is_vcard(text):  # an address book's group, exported
        read = contacts(text, path)
        report = import_members(db, read.members, default_status, source)
        return replace(report, read_as=[read.said])
    if pasted := pasted_recipients(text, path):  # a newsletter sent by Bcc
        report = import_members(db, pasted, default_status, source)
        said = f"read as addresses pasted from a mail program's To, Cc or Bcc field: {len(pasted)}"
        return replace(report, read_as=[said])
    reader = _rows(text)
    start = reader.line_num + 1  # after any 'sep=' line
    numbered = list(_numbered_rows(reader, path))
    records = [row for row in numbered if any(map(str.strip, row[1]))]
    at = _heading_index(records)
    heading_line, heading = records[at] if records else (start, [])
    rows = records[at + 1 :]
    read_as = [sheet] if sheet else []
    if blank := _blank_lines(numbered, records[-1][0] if records else 0):
        read_as.append(f"passed over blank line(s): {blank}")
    if at:
        titles = "; ".join(repr(" ".join(" ".join(fields).split())) for _, fields in records[:at])
        above = f"the heading (line {heading_line})"
        if any(is_address(cell) for cell in heading):
            above = f"the list, which has no heading (line {heading_line} is its first row)"
        read_as.append(f"passed over line(s) above {above}: {titles}")
    columns = [c.strip().lower() for c in heading]
    platform = recognise_columns(columns)
    columns = _name_parts([_COLUMN_NAMES.get(column, column) for column in columns])
    if platform:
        members = read_members_csv(text, str(path), platform)
        report = import_members(db, members, default_status, source, PLATFORM_NAMES[platform])
        return replace(report, read_as=read_as)
    address_column = next((c for c in _ADDRESS_COLUMNS if c in columns), None)
    found = None
    if address_column is None:
        found = columns_by_content(path, heading_line, heading, columns, rows, is_address)
        if found is None:
            raise PublisherError.at(
                "the first line must name the columns, one of them 'email' (and no column"
                " holds addresses in most rows)",
                path,
                heading_line,
                hint="for example: email,name,language,tags (or correo, courriel…)",
            )
        columns, address_column, rows = found.columns, "email", found.rows
    names = {"first name", "last name"}  # read into the name (see below)
    unknown = [column if column not in _IMPORT_COLUMNS | names else "" for column in columns]
    consent = consent_column(unknown, [fields for _, fields in rows])
    ignored = [
        column or f"column {i + 1}"  # an unnamed column is named by its place, if it holds anything
        for i, column in enumerate(columns)
        if column not in _IMPORT_COLUMNS | names
        and i != consent
        and (column or any(i < len(fields) and fields[i].strip() for _, fields in rows))
    ]
    if consent is not None:
        read_as.append(
            f"read column {heading[consent].strip()!r} as a consent question: only those who"
            " answered yes are added"
        )
    report = ImportReport(
        ignored_columns=ignored, read_as=[*read_as, *([found.said] if found else [])]
    )
    seen: dict[str, int] = {}
    with transaction(db):
        for line, fields in rows:
            if len(fields) > len(columns):
                report.rejected.append(
                    Problem(f"{len(fields)} fields but {len(columns)} columns", path, line)
                )
                continue
            values = dict(zip(columns, (_unquoted(f.strip()) for f in fields), strict=False))
            if not any(values.values()):
                continue
            if consent is not None:
                answered = _unquoted(fields[consent].strip()) if consent < len(fields) else ""
                question = heading[consent].strip()
                if not _consented(values, address_column, answered, question, report, path, line):
                    continue
            if not values.get("name"):  # an address book's First Name, Last Name
                parts = (values.get("first name", ""), values.get("last name", ""))
                values["name"] = " ".join(part for part in parts if part)
            try:
                new, dropped = _checked_row(values, address_column, default_status, source)
                new = _imported_as(new, f"{path.name}:{line}")
                warn_bidi_override(new.name, f"{path}:{line}", "name")
                key = new.address.lower()  # unique regardless of case, as in the database
                if key in seen:
                    raise ValueError(f"the same address as line {seen[key]}")
                seen[key] = line
                subscriber, outcome = add_in_transaction(db, new)
            except ValueError as exc:
                address = values.get(address_column) or "(no address)"
                where = f"{path.name}:{line}"
                kept = _suppression_alone(db, values, address_column, source, report, where)
                report.rejected.append(Problem(f"{address}: {exc}{kept}", path, line))
                continue
            report.note(subscriber, outcome)
            report.warnings.extend(Problem(why, path, line) for why in dropped)
    return report


def _consented(
    values: dict[str, str],
    address_column: str,
    answered: str,
    question: str,
    report: ImportReport,
    path: Path,
    line: int,
) -> bool:
    """Whether a form's row said yes to its consent question. A no, or no answer, is left
    out and anything else rejected, each said in `report` by its line: never mailed on a
    guess. A row that takes someone off the list is never held back by it."""
    if _status(values.get("status") or "") in SUPPRESSED:
        return True
    agreed = answer(answered) if answered else False
    if agreed:
        return True
    address = values.get(address_column) or "(no address)"
    if agreed is None:
        report.rejected.append(
            Problem(
                f"{address}: {answered!r} is not a yes or a no to {question!r}: write Yes or"
                " No in its cell (or take the row out)",
                path,
                line,
            )
        )
    else:
        said = f"answered {answered!r} to" if answered else "gave no answer to"
        report.left_out.append(Problem(f"{address} {said} {question!r}: not added", path, line))
    return False


def _heading_index(records: list[tuple[int, list[str]]]) -> int:
    """Which of a list's first lines is its heading. A list kept in a sheet for people to
    read has a title over the table (a line or two of one cell each): the heading is the
    line naming the address column among those before the first address, or else the last
    of them, unless that one is a title too (one cell over rows of more, which it could not
    name): then the first address's line, the table having no heading. 0 when an address
    comes first (no heading), when none is near the top, or when a line above would hold
    more than a title."""
    top = records[: _TITLE_LINES + 1]
    holds_address = (any(is_address(cell) for cell in fields) for _, fields in top)
    first_address = next((i for i, found in enumerate(holds_address) if found), 0)
    named = (i for i, (_, fields) in enumerate(top[:first_address]) if _names_address(fields))
    at = next(named, max(first_address - 1, 0))
    if at == first_address - 1 and _filled(top[at][1]) == 1 < _filled(top[first_address][1]):
        at = first_address  # one cell over rows of more is a title: the list has no heading
    titles = all(_filled(fields) == 1 for _, fields in records[:at])
    return at if titles else 0


def _filled(fields: list[str]) -> int:
    """Cells with anything in them: a sheet saved as CSV pads a title's row with empty ones."""
    return sum(1 for cell in fields if cell.strip())


def _names_address(fields: list[str]) -> bool:
    """Whether a heading names an address column (in any of the words a list uses)."""
    names = (cell.strip().lower() for cell in fields)
    return any(_COLUMN_NAMES.get(name, name) in _ADDRESS_COLUMNS for name in names)


def _status(value: str) -> str:
    """A status cell as one of ours, when it is one in other words."""
    word = " ".join(value.split()).lower()
    return _STATUS_WORDS.get(word, word)


def _suppression_alone(
    db: Database,
    values: dict[str, str],
    address_column: str,
    source: str,
    report: ImportReport,
    where: str,
) -> str:
    """A rejected row that takes someone off the list still does, by its address alone:
    a bad tag or language, or the address's second row, must not keep mailing a person
    who left (as on the platforms' exports, a suppression anywhere wins). What it did, to
    add to the row's reason ('' if nothing)."""
    status = _status(values.get("status") or "")
    if status not in SUPPRESSED:
        return ""
    try:
        new = check(values.get(address_column, ""), status=status, consent_source=source)
    except ValueError:  # the address itself is wrong: there is no one to take off
        return ""
    new = _imported_as(new, where)
    subscriber, outcome = add_in_transaction(db, new)
    report.note(subscriber, outcome)
    return f" (the address is {status} all the same)"


def _imported_as(new: NewSubscriber, where: str) -> NewSubscriber:
    """A row that takes someone off the list, its reason where the file said so
    ('imported from members.ods:7 as unsubscribed') when it gives none of its own:
    `subscribers list` shows it as why they are off, and "added" read as the opposite."""
    if new.status not in SUPPRESSED or new.status_source != "added":
        return new
    return replace(new, status_source=f"imported from {where} as {new.status}")


def _rows(text: str) -> Any:  # a csv.reader
    """The rows of a CSV file, split at the separator a first line like Excel's 'sep=;'
    declares (that line passed over, the lines still counted), else at the one its first
    line uses most."""
    declared = _SEPARATOR_LINE.match(text)
    if declared is None:
        return csv_reader(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=declared["separator"])
    next(reader)
    return reader


def _name_parts(columns: list[str]) -> list[str]:
    """A name column beside a surname column is the given name (Spanish: Nombre,
    Apellidos), beside a given-name column the surname (French: Prénom, Nom), so that
    both parts make the name."""
    if "name" in columns and ("first name" in columns) != ("last name" in columns):
        part = "last name" if "first name" in columns else "first name"
        return [part if column == "name" else column for column in columns]
    return columns


def import_members(
    db: Database,
    members: Iterable[Member],
    default_status: str = "active",
    source: str = "",
    platform: str = "",
) -> ImportReport:
    """Members read from a platform's export, with their history: one row per address
    (a suppression anywhere wins), each refused row reported with where it came from and
    why, in one transaction."""
    kept, duplicates = merged(members)
    report = ImportReport(platform=platform)
    report.merged = [f"{m.where}: {m.address}: {why}" for m, why in duplicates]
    with transaction(db):
        for member in kept:
            file, _, line = member.where.rpartition(":")
            where = (Path(file), int(line)) if line.isdigit() else (Path(member.where), None)
            named = f"{where[0].name}:{line}" if line.isdigit() else member.where
            try:
                status = member.status
                if default_status == "pending" and status == "active":
                    status = "pending"
                new = check(
                    member.address,
                    member.name,
                    member.language,
                    member.tags,
                    status,
                    member.consent_source or source,
                )
                new = replace(
                    new,
                    consented_at=member.consented_at,
                    status_source=member.history or new.status_source,
                )
                new = _imported_as(new, named)
                warn_bidi_override(new.name, member.where, "name")
                subscriber, outcome = add_in_transaction(db, new)
            except ValueError as exc:
                values = {"email": member.address, "status": member.status}
                done = _suppression_alone(db, values, "email", member.consent_source, report, named)
                report.rejected.append(
                    Problem(f"{member.address or '(no address)'}: {exc}{done}", *where)
                )
                continue
            report.note(subscriber, outcome)
    return report


def _numbered_rows(reader: Any, path: Path) -> Iterator[tuple[int, list[str]]]:
    """Each record with the line it starts on (a quoted field may span lines)."""
    end = reader.line_num
    while True:
        try:
            fields = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise PublisherError.at(f"not valid CSV: {exc}", path, end + 1) from None
        start, end = end + 1, reader.line_num
        yield start, fields


def _blank_lines(numbered: list[tuple[int, list[str]]], last: int) -> str:
    """The blank lines before `last` (the last line holding anything), as "2, 5-6": an
    editor missing someone sees where the list had a gap. A sheet's empty area after its
    last row is not a gap."""
    lines = [line for line, fields in numbered if line < last and not any(map(str.strip, fields))]
    spans: list[list[int]] = []
    for line in lines:
        if spans and spans[-1][1] == line - 1:
            spans[-1][1] = line
        else:
            spans.append([line, line])
    return ", ".join(str(a) if a == b else f"{a}-{b}" for a, b in spans)


def _checked_row(
    values: dict[str, str], address_column: str, default_status: str, source: str
) -> tuple[NewSubscriber, list[str]]:
    """The row's subscriber, and what was left out of it (a date that is none)."""
    status = _status(values.get("status") or default_status)
    if default_status == "pending" and status == "active":
        status = "pending"  # double opt-in: everyone new confirms first
    new = check(
        values.get(address_column, ""),
        values.get("name", ""),
        values.get("language", ""),
        values.get("tags", ""),
        status,
        values.get("consent_source") or source,
    )
    history = visible(values.get("status_source", "")).strip()
    if "\n" in history or len(history) > 200:
        raise ValueError("the status source must be one line of at most 200 characters")
    dropped: list[str] = []
    confirmed = "" if status == "pending" else _iso_time(values, "confirmed_at", dropped)
    joined = _iso_time(values, "created_at", dropped)
    subscriber = replace(
        new, consented_at=confirmed, joined_at=joined, status_source=history or new.status_source
    )
    return subscriber, dropped


def _iso_time(values: dict[str, str], column: str, dropped: list[str]) -> str:
    """When someone joined or agreed, as our export writes it (ISO 8601), in UTC as every
    date on the list is, so they compare: a list restored from its export keeps the
    evidence of each consent, since when each person reads, and why each person left. A
    date that is none (12/03/2021: March or December?) is left out and said in `dropped`:
    the person is still imported."""
    value = values.get(column, "").strip()
    if not value:
        return ""
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        dropped.append(f"{column} {value!r} is not a date (ISO 8601): left out")
        return ""
    if moment.tzinfo is None:  # no zone said: taken as UTC, which our export writes
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC).isoformat()


def _unquoted(cell: str) -> str:
    """The value `quoted_cell` was given, so an export imports as it was."""
    return cell[1:] if cell.startswith("'") and FORMULA.match(cell) else cell


def _read_text(path: Path) -> tuple[str, str]:
    """The list as CSV text, and which sheet of a workbook it is ('' for a CSV file)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise PublisherError.at(f"cannot read the file: {exc.strerror}", path) from None
    if data.startswith(_WORKBOOKS):  # Excel's or LibreOffice's own file, not text
        _refuse_archive_of_lists(data, path)
        sheet = sheet_as_csv(data, path)
        return clean_text(sheet.text, path), sheet.said
    if legacy := _in_an_editors_encoding(data, path):
        return clean_text(legacy.text, path), (
            f"read as {encoding_name(legacy.encoding)}, not UTF-8 (as Excel saves 'CSV (Comma"
            " delimited)'): check the names with accents"
        )
    return clean_text(textfiles.decoded(data, path, _SAVE_CSV_AS_UTF8), path), ""


def _in_an_editors_encoding(data: bytes, path: Path) -> Decoded | None:
    """`data` read in the encoding it was saved in, when that is not UTF-8 (nor UTF-16) and
    the reading is sure: Excel on Windows saves "CSV (Comma delimited)" in Windows-1252, and
    a list of members was refused until saved again. A doubtful guess is refused as before:
    a name garbled in every greeting is worse than a list saved again."""
    if textfiles.not_text(data) or textfiles.bom_codec(data) or b"\x00" in data[:4096]:
        return None  # refused or read as `textfiles.decoded` says
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        guessed = guess_text(data, path)
        return guessed if guessed.doubt is None else None
    return None


def _refuse_archive_of_lists(data: bytes, path: Path) -> None:
    """A ZIP of CSV files is a platform's export (Mailchimp's audience, Substack's), which
    `publisher import` reads whole, statuses and all."""
    import zipfile

    try:
        names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return
    if any(name.lower().endswith(".csv") for name in names):
        raise PublisherError.at(
            "this is a ZIP archive of lists, as Mailchimp and Substack export them, not a CSV file",
            path,
            hint="unpack it and import each CSV file, or import it whole:"
            f" {shlex.join(['publisher', 'import', path.name])}",
        )


# How workbooks begin: a ZIP archive (.xlsx, .ods, .numbers), an OLE2 compound file (.xls).
_WORKBOOKS = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")


_SAVE_CSV_AS_UTF8 = (
    "save it as UTF-8 (Excel: Save as, CSV UTF-8 (Comma delimited); LibreOffice: Character"
    " set Unicode (UTF-8))"
)
