"""The subscriber list: add, remove, reactivate, list and export (importing a list from
elsewhere is list_import.py's).

Addresses are checked and normalised by email-validator and unique regardless of case.
Nothing is ever deleted: removing someone marks them `unsubscribed`, and nothing an editor
does (add, import) puts an unsubscribed, bounced or complained address back on the list.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from ..controls import strip_controls
from ..errors import Problem, PublisherError
from ..languages import NotALanguage, language_code
from .store import SUBSCRIBER_STATUSES, Database, now_iso, transaction

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
# A tag: any visible text but the commas and semicolons that separate tags, as platforms
# name their tags, labels and lists ("Members & Friends", "Docks/Port", "Boletín (ES)").
_TAG = re.compile(r"^[^,;\x00-\x1f\x7f]{1,100}$")
_NAMED_ADDRESS = re.compile(r'"?(?P<name>[^"<>]*?)"?\s*<(?P<address>[^<>]+)>')
_MAILTO = re.compile(r"^mailto:", re.IGNORECASE)
# A cell a spreadsheet would run as a formula (OWASP, CSV injection), after any quotes that
# neutralised it already: export prefixes one more quote, import takes exactly one away.
FORMULA = re.compile(r"^'*[=+\-@\t\r]")


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
        """Count one row by what `add_in_transaction` did with it: added, updated or unchanged."""
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
    # the separator after an address copied out of Outlook's To line ("ana@example.org;")
    visible = _MAILTO.sub("", visible).rstrip(";, ")
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
    tags = tuple(dict.fromkeys(t.strip().lower() for t in map(visible, tags) if t.strip()))
    # A cell's line breaks (Alt+Enter in a spreadsheet: "Ana\nRuiz") are spaces: a name is
    # written on one line, in a greeting or a header.
    name, consent_source = (" ".join(visible(value).split()) for value in (name, consent_source))
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


def is_address(cell: str) -> bool:
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


def visible(value: str) -> str:
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
        return add_in_transaction(db, new)


# Someone who left may come back, but only by their own hand: following a link.
_COMING_BACK = (
    ": if they asked to come back, 'publisher subscribers add %s --double-opt-in'"
    " emails them a link that does it once they follow it"
)


def add_in_transaction(db: Database, new: NewSubscriber) -> tuple[Subscriber, str]:
    """`add`'s work in the caller's transaction (an import's: one for all its rows)."""
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


def quoted_cell(cell: str) -> str:
    """A cell a spreadsheet shows as text: a leading quote stops it being run as a formula."""
    return "'" + cell if FORMULA.match(cell) else cell
