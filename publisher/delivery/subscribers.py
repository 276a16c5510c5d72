"""The subscriber list: add, remove, list, import and export.

Addresses are checked and normalised by email-validator and unique regardless of case.
Nothing is ever deleted: removing someone marks them `unsubscribed`, and nothing an editor
does (add, import) puts an unsubscribed, bounced or complained address back on the list.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import shlex
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, NamedTuple

from .. import textfiles
from ..controls import clean_text, strip_controls, warn_bidi_override
from ..errors import Problem, PublisherError
from ..importers.members import (
    PLATFORM_NAMES,
    Member,
    csv_reader,
    merged,
    read_members_csv,
    recognise_columns,
)
from ..languages import NotALanguage, language_code
from .consent import answer, consent_column
from .list_columns import columns_by_content
from .recipients import pasted_recipients
from .store import SUBSCRIBER_STATUSES, Database, now_iso, transaction
from .vcards import contacts, is_vcard
from .workbooks import sheet_as_csv

SUPPRESSED = ("unsubscribed", "bounced", "complained")
# What an editor may undo, a mail server's or a reader's slip: never "unsubscribed", which
# only the person can undo (their consent, GDPR and CAN-SPAM), by subscribing again.
REACTIVATABLE = ("bounced", "complained")
EXPORT_COLUMNS = (
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
)
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
# A tag: any visible text but the commas and semicolons that separate tags, as platforms
# name their tags, labels and lists ("Members & Friends", "Docks/Port", "Boletín (ES)").
_TAG = re.compile(r"^[^,;\x00-\x1f\x7f]{1,100}$")
_NAMED_ADDRESS = re.compile(r'"?(?P<name>[^"<>]*?)"?\s*<(?P<address>[^<>]+)>')
_MAILTO = re.compile(r"^mailto:", re.IGNORECASE)
# The first line Excel reads as "split at this character" and some exports write.
_SEPARATOR_LINE = re.compile(r'"?sep=(?P<separator>[^\r\n"])"?[ \t]*\r?\n', re.IGNORECASE)
# A cell a spreadsheet would run as a formula (OWASP, CSV injection), after any quotes that
# neutralised it already: export prefixes one more quote, import takes exactly one away.
_FORMULA = re.compile(r"^'*[=+\-@\t\r]")


def _without_single_quotes(name: str) -> str:
    return name[1:-1].strip() if len(name) > 1 and name[0] == name[-1] == "'" else name


@dataclass(frozen=True)
class Subscriber:
    id: int
    address: str
    name: str
    language: str
    tags: tuple[str, ...]
    status: str
    consent_source: str
    created_at: str
    updated_at: str
    confirmed_at: str | None
    status_source: str

    @classmethod
    def from_row(cls, row: Any) -> Subscriber:
        return cls(
            row["id"],
            row["address"],
            row["name"],
            row["language"],
            tuple(t for t in row["tags"].split(",") if t),
            row["status"],
            row["consent_source"],
            row["created_at"],
            row["updated_at"],
            row["confirmed_at"],
            row["status_source"],
        )


@dataclass(frozen=True)
class NewSubscriber:
    """One checked row, ready to insert."""

    address: str
    name: str = ""
    language: str = ""
    tags: tuple[str, ...] = ()
    status: str = "active"
    consent_source: str = ""
    consented_at: str = ""  # when they agreed, as the old platform recorded it
    joined_at: str = ""  # when they joined, as our export recorded it
    status_source: str = "added"  # how the status came about ('unsubscribed on Mailchimp …')


@dataclass
class ImportReport:
    added: list[Subscriber] = field(default_factory=list)
    updated: list[Subscriber] = field(default_factory=list)  # newly suppressed by the file
    unchanged: int = 0
    rejected: list[Problem] = field(default_factory=list)
    # rows whose answer to the form's consent question was no, or none: not imported
    left_out: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)  # rows imported with a cell left out
    ignored_columns: list[str] = field(default_factory=list)
    platform: str = ""  # the platform whose export this was ('' for our own columns)
    merged: list[str] = field(default_factory=list)  # one address on several rows: what won
    # How the file was read, in words: which sheet, which lines above the heading were
    # passed over, which columns a heading that did not say was read as
    read_as: list[str] = field(default_factory=list)

    def note(self, subscriber: Subscriber, outcome: str) -> None:
        """Count one row by what `_add` did with it: added, updated or unchanged."""
        if outcome == "added":
            self.added.append(subscriber)
        elif outcome == "updated":
            self.updated.append(subscriber)
        else:
            self.unchanged += 1

    def by_status(self) -> dict[str, int]:
        """How many of each status this import added or newly suppressed."""
        counts: dict[str, int] = {}
        for subscriber in (*self.added, *self.updated):
            counts[subscriber.status] = counts.get(subscriber.status, 0) + 1
        return counts


class SeveralAddresses(ValueError):
    """A text given as one address that holds several: a person's home and work address
    kept in one cell, or two typed after `send --to`."""

    def __init__(self, addresses: list[str]) -> None:
        super().__init__(
            f"{len(addresses)} addresses in one cell: give each its own row, or keep one"
        )
        self.addresses = addresses


def normalise_address(text: str) -> str:
    """The address as we store and send to it (ASCII domain), or ValueError with the reason.
    Invisible format characters are left out: a right-to-left spreadsheet's direction marks
    (U+200F, U+202A…), the zero-width space or soft hyphen of a copy from a web page are
    never part of an address, and no one reading the list can see why it was refused."""
    from email_validator import EmailNotValidError, validate_email

    visible = "".join(c for c in text if unicodedata.category(c) != "Cf").strip()
    visible = _MAILTO.sub("", visible)
    if len(several := [part for part in re.split(r"[\s,;/]+", visible) if "@" in part]) > 1:
        raise SeveralAddresses(several)
    try:
        checked = validate_email(visible, check_deliverability=False, allow_smtputf8=False)
    except EmailNotValidError as exc:
        raise ValueError(str(exc)) from None
    return checked.ascii_email or checked.normalized


def shown_address(address: str) -> str:
    """The address as its owner writes it: an international domain stored in the ASCII
    form mail servers need (`ana@xn--sindicato-espaa-2nb.es`) shown in its letters
    (`ana@sindicato-españa.es`), on a page or in a list a person reads."""
    local, at, domain = address.rpartition("@")
    if "xn--" not in domain.lower():
        return address
    try:
        return f"{local}{at}{domain.encode('ascii').decode('idna')}"
    except UnicodeError:
        return address  # no punycode the codec reads: as stored


def check(
    address: str,
    name: str = "",
    language: str = "",
    tags: Iterable[str] | str = (),
    status: str = "active",
    consent_source: str = "",
) -> NewSubscriber:
    """Every field checked; ValueError says what is wrong. An address written with its
    owner's name, as mail programs copy it ("Ana Ruiz <ana@example.org>"), is the address,
    and the name theirs unless one is given."""
    named = _NAMED_ADDRESS.fullmatch(address.strip())
    if named:  # Outlook quotes the name in single quotes: 'Ana Ruiz' <ana@example.org>
        address, name = named["address"], name or _without_single_quotes(named["name"].strip())
    if isinstance(tags, str):
        tags = [tags]
    tags = [part for tag in tags for part in re.split(r"[,;]", tag)]  # how tags are kept
    tags = tuple(dict.fromkeys(t.strip().lower() for t in map(_visible, tags) if t.strip()))
    # A cell's line breaks (Alt+Enter in a spreadsheet: "Ana\nRuiz") are spaces: a name is
    # written on one line, in a greeting or a header.
    name, consent_source = (" ".join(_visible(value).split()) for value in (name, consent_source))
    for value, what in ((name, "name"), (consent_source, "consent source")):
        if len(value) > 200:
            raise ValueError(f"the {what} must be at most 200 characters")
    if language:
        language = _language(language)
    bad_tags = [t for t in tags if not _TAG.match(t)]
    if bad_tags:
        raise ValueError(f"{bad_tags[0]!r} is not a tag (at most 100 characters, no , or ;)")
    status = status.strip().lower()  # as a spreadsheet capitalises it: Unsubscribed
    if status not in SUBSCRIBER_STATUSES:
        raise ValueError(f"unknown status {status!r}: use one of {', '.join(SUBSCRIBER_STATUSES)}")
    return NewSubscriber(
        normalise_address(address), name.strip(), language, tags, status, consent_source.strip()
    )


def _is_address(cell: str) -> bool:
    """Whether a cell is an address as `check` reads one (alone, or with its owner's name)."""
    try:
        check(cell)
    except ValueError:
        return False
    return True


def _language(value: str) -> str:
    """A language code, or the code of the language a form or spreadsheet names in words
    ("Spanish", "español", "Français"): the subscriber said which, and is not turned away
    for how it was written."""
    try:
        return language_code(value)
    except NotALanguage as exc:
        raise ValueError(f"{exc}: {exc.hint}") from None


def _visible(value: str) -> str:
    """A field without the control characters a paste from a spreadsheet may carry; a
    typed line break (vertical tab) is a space here, a real one is still refused below."""
    return strip_controls(value.replace("\x0b", " ").replace("\x0c", " "))[0]


def find(db: Database, address: str) -> Subscriber | None:
    row = db.execute("SELECT * FROM subscribers WHERE address = ?", (address,)).fetchone()
    return Subscriber.from_row(row) if row else None


def get(db: Database, subscriber_id: int) -> Subscriber | None:
    row = db.execute("SELECT * FROM subscribers WHERE id = ?", (subscriber_id,)).fetchone()
    return Subscriber.from_row(row) if row else None


def add(db: Database, new: NewSubscriber) -> tuple[Subscriber, str]:
    """Insert, or apply a suppression; returns the row and what happened:
    'added', 'updated' (now suppressed), 'unchanged' (already there), or raises ValueError
    when the row would put a suppressed address back on the list."""
    with transaction(db):
        return _add(db, new)


# Someone who left may come back, but only by their own hand: following a link.
_COMING_BACK = (
    ": if they asked to come back, 'publisher subscribers add %s --double-opt-in'"
    " emails them a link that does it once they follow it"
)


def _add(db: Database, new: NewSubscriber) -> tuple[Subscriber, str]:
    existing = find(db, new.address)
    now = now_iso()
    if existing is None:
        db.execute(
            "INSERT INTO subscribers (address, name, language, tags, status, consent_source,"
            " status_source, created_at, updated_at, confirmed_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                new.address,
                new.name,
                new.language,
                ",".join(new.tags),
                new.status,
                new.consent_source,
                new.status_source,
                new.joined_at or now,
                now,
                new.consented_at or (now if new.status == "active" else None),
            ),
        )
        added = find(db, new.address)
        assert added is not None
        return added, "added"
    if existing.status in SUPPRESSED and new.status not in SUPPRESSED:
        mistaken = (
            f" (if that was a mistake: 'publisher subscribers reactivate {existing.address}')"
            if existing.status in REACTIVATABLE
            else ""
        )
        raise ValueError(
            f"{existing.address} is {existing.status} (since {existing.updated_at[:10]});"
            f" publisher never puts an address back on the list by an add or an import{mistaken}"
            + (_COMING_BACK % existing.address if existing.status == "unsubscribed" else "")
        )
    if new.status in SUPPRESSED and existing.status not in SUPPRESSED:
        source = new.status_source if new.status_source != "added" else "import"
        set_status(db, existing.id, new.status, source)
        updated = get(db, existing.id)
        assert updated is not None
        return updated, "updated"
    return existing, "unchanged"


def set_status(db: Database, subscriber_id: int, status: str, source: str) -> bool:
    """Change a status (in the caller's transaction); True if it changed."""
    now = now_iso()
    confirmed = now if status == "active" else None
    return (
        db.execute(
            "UPDATE subscribers SET status = ?, status_source = ?, updated_at = ?,"
            " confirmed_at = COALESCE(?, confirmed_at) WHERE id = ? AND status != ?",
            (status, source, now, confirmed, subscriber_id, status),
        ).rowcount
        == 1
    )


def remove(db: Database, address: str) -> Subscriber:
    """Unsubscribe on the subscriber's behalf; the row stays, so no import can bring it back."""
    try:
        normalised = normalise_address(address)
    except ValueError as exc:
        raise PublisherError.at(f"{address!r} is not an email address: {exc}") from None
    with transaction(db):
        subscriber = find(db, normalised)
        if subscriber is None:
            raise PublisherError.at(
                f"{normalised} is not on the list", hint="'publisher subscribers list' shows it"
            )
        if subscriber.status not in SUPPRESSED:
            set_status(db, subscriber.id, "unsubscribed", "removed by an editor")
    removed = get(db, subscriber.id)
    assert removed is not None
    return removed


def reactivate(db: Database, address: str, reason: str) -> tuple[Subscriber, str]:
    """Put back on the list, on the editor's word, an address bounced or complained by
    mistake (a refusal of our own server taken for the reader's, a "spam" click the reader
    says was a slip), in the caller's transaction. The subscriber and the status they had
    ('' when already on the list). Their former status and its reason stay in their
    history (status_source); their consent date stays theirs."""
    try:
        normalised = normalise_address(address)
    except ValueError as exc:
        raise PublisherError.at(f"{address!r} is not an email address: {exc}") from None
    subscriber = find(db, normalised)
    if subscriber is None:
        raise PublisherError.at(
            f"{normalised} is not on the list", hint="'publisher subscribers list' shows it"
        )
    if subscriber.status not in SUPPRESSED:
        return subscriber, ""
    if subscriber.status not in REACTIVATABLE:
        raise PublisherError.at(
            f"{subscriber.address} {subscriber.status} ({subscriber.status_source}): only they"
            " can put themselves back on the list",
            hint="the subscribe page ('publisher serve-subscriptions') emails them a link that"
            " brings them back once they follow it",
        )
    history = (
        f"reactivated by an editor: {reason.strip() or 'no reason given'}"
        f" (was {subscriber.status}: {subscriber.status_source})"
    )
    db.execute(
        "UPDATE subscribers SET status = 'active', status_source = ?, updated_at = ? WHERE id = ?",
        (history[:500], now_iso(), subscriber.id),
    )
    reactivated = get(db, subscriber.id)
    assert reactivated is not None
    return reactivated, subscriber.status


class Listed(NamedTuple):
    """A subscriber as `subscribers list` shows them: the stored fields as stored (tags
    comma-separated), a plain tuple from the database. Building a `Subscriber` for each of
    100,000 rows would cost more than all the rest of the listing."""

    id: int
    address: str
    name: str
    language: str
    tags: str
    status: str
    consent_source: str
    created_at: str
    updated_at: str
    confirmed_at: str | None
    status_source: str


def stream_subscribers(
    db: Database, status: str | None = None, page: int = 1000
) -> Iterator[Listed]:
    """Every subscriber (with `status`) in id order, fetched a page at a time by keyset
    (`id > last`), so 100,000 of them never sit in memory and no read holds the database
    for the whole listing."""
    where = "id > ?" + (" AND status = ?" if status else "")
    query = f"SELECT {', '.join(Listed._fields)} FROM subscribers WHERE {where} ORDER BY id LIMIT ?"
    last = 0
    while True:
        rows = db.tuples(query, (last, status, page) if status else (last, page))
        yield from map(Listed._make, rows)
        if len(rows) < page:
            return
        last = rows[-1][0]


def widest(db: Database, status: str | None = None) -> dict[str, int]:
    """The longest address, name, language, tags (as listed: ', ' between tags) and status
    among the subscribers (with `status`), in characters, so a table can be laid out before
    its first row is read."""
    query = (
        "SELECT max(length(address)), max(length(name)), max(length(language)),"
        " max(2 * length(tags) - length(replace(tags, ',', ''))), max(length(status))"
        " FROM subscribers"
    )
    args: tuple[str, ...] = ()
    if status:
        query, args = query + " WHERE status = ?", (status,)
    values = db.one(query, args)
    fields = ("address", "name", "language", "tags", "status")
    return dict(zip(fields, (v or 0 for v in values), strict=True))


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
        if any(_is_address(cell) for cell in heading):
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
        found = columns_by_content(path, heading_line, heading, columns, rows, _is_address)
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
                subscriber, outcome = _add(db, new)
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
    holds_address = (any(_is_address(cell) for cell in fields) for _, fields in top)
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
    subscriber, outcome = _add(db, new)
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
                subscriber, outcome = _add(db, new)
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
    history = _visible(values.get("status_source", "")).strip()
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


def _quoted(cell: str) -> str:
    """A cell a spreadsheet shows as text: a leading quote stops it being run as a formula."""
    return "'" + cell if _FORMULA.match(cell) else cell


def _unquoted(cell: str) -> str:
    """The value `_quoted` was given, so an export imports as it was."""
    return cell[1:] if cell.startswith("'") and _FORMULA.match(cell) else cell


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
    return clean_text(textfiles.decoded(data, path, _SAVE_CSV_AS_UTF8), path), ""


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
