"""The platforms' list exports → one shape of member, keeping each person's history.

Each platform says "this person must not be mailed" in its own words: Mailchimp by file
(unsubscribed_/cleaned_ members) and UNSUB_/CLEAN_ columns, Ghost by
`subscribed_to_emails`, Substack by `email_disabled`, listmonk by `blocklisted` and an
`unsubscribed` subscription. Every one of them maps to a suppressed status here, and when
one address appears several times (subscribed in one file, unsubscribed in another) the
suppression wins: mailing someone who left is the harm an import must never do.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

SUPPRESSED = ("unsubscribed", "bounced", "complained")
_RANK = {"complained": 3, "bounced": 2, "unsubscribed": 1}
_TRUE = {"true", "1", "yes", "y", "t"}


@dataclass(frozen=True)
class Member:
    """One person on the old list as the platform recorded them."""

    address: str
    where: str  # file (and line) in the export, for the report
    name: str = ""
    language: str = ""
    tags: tuple[str, ...] = ()
    status: str = "active"  # pending, active, unsubscribed, bounced or complained
    consent_source: str = ""
    consented_at: str = ""  # ISO date or date-time the person agreed, when known
    history: str = ""  # how the platform recorded a suppression ('cleaned on …')
    platform: str = ""  # whose columns it was read from: mailchimp, ghost, substack, listmonk


PLATFORM_NAMES = {
    "mailchimp": "Mailchimp",
    "ghost": "Ghost",
    "substack": "Substack",
    "listmonk": "listmonk",
}
# Which platform column became what, for the import's report.
MAPPINGS = {
    "mailchimp": (
        ("Email Address", "address"),
        ("First Name + Last Name", "name"),
        ("TAGS", "tags"),
        ("CONFIRM_TIME (else OPTIN_TIME)", "consent date"),
        ("OPTIN_IP", "consent source"),
        ("unsubscribed_ file, UNSUB_TIME", "unsubscribed (abuse reason: complained)"),
        ("cleaned_ file, CLEAN_TIME", "bounced"),
    ),
    "ghost": (
        ("email, name", "address, name"),
        ("labels", "tags"),
        ("created_at", "consent date"),
        ("subscribed_to_emails false, deleted_at", "unsubscribed"),
        ("email_disabled", "bounced"),
    ),
    "substack": (
        ("email, name", "address, name"),
        ("plan", "tag"),
        ("created_at", "consent date"),
        ("email_disabled true", "unsubscribed"),
    ),
    "listmonk": (
        ("email, name", "address, name"),
        ("attributes' language", "language"),
        ("lists subscribed to", "tags"),
        ("created_at", "consent date"),
        ("blocklisted, disabled, unsubscribed", "unsubscribed"),
        ("unconfirmed", "pending"),
    ),
}


def header_of(text: str) -> list[str]:
    """The column names on a CSV's first line."""
    return next(csv_reader(text.partition("\n")[0]), [])


_ANY_SEPARATOR = re.compile(r"^.*[,;\t].*$", re.MULTILINE)


def csv_reader(text: str) -> Any:  # a csv.reader
    """The rows of CSV `text`, split at the separator its first line holding any uses most:
    a comma, the semicolon Excel saves with where the comma is the decimal mark (French,
    Spanish, German…), or the tab of its "Unicode Text". Not simply the first line: a title
    typed over the table ("Lista de socios 2026") holds none. No line with any: a comma."""
    found = _ANY_SEPARATOR.search(text)
    first = found[0] if found else ""
    separator = max((",", ";", "\t"), key=first.count)
    return csv.reader(io.StringIO(text, newline=""), delimiter=separator)


def recognise_columns(columns: Iterable[str]) -> str | None:
    """Which platform wrote a members CSV with these column names (None: ours or unknown)."""
    names = {c.strip().strip('"').strip().lower() for c in columns}
    # Outlook's and many a spreadsheet's lists also say "Email Address": Mailchimp's export
    # is known by the columns only it writes.
    if "email address" in names and names & {"member_rating", "optin_time", "leid", "euid"}:
        return "mailchimp"
    if "subscribed_to_emails" in names:
        return "ghost"
    if "email_disabled" in names or {"active_subscription", "plan"} <= names:
        return "substack"
    if "uuid" in names and ({"attributes", "attribs"} & names):
        return "listmonk"
    return None


def read_members_csv(
    text: str, name: str, platform: str | None = None, file_status: str = ""
) -> list[Member]:
    """Every row of a platform's members CSV (`file_status`: what the file itself says,
    for Mailchimp's per-status files)."""
    reader = csv_reader(text)
    header = [c.strip() for c in next(reader, [])]
    platform = platform or recognise_columns(header)
    members = []
    for fields in reader:
        if not any(f.strip() for f in fields):
            continue
        row = {k.lower(): v.strip() for k, v in zip(header, fields, strict=False)}
        member = member_from_row(platform or "", row, f"{name}:{reader.line_num}", file_status)
        if member is not None:
            members.append(member)
    return members


def member_from_row(
    platform: str, row: dict[str, str], where: str, file_status: str = ""
) -> Member | None:
    """One CSV row (lower-cased column names) as a member; None when it has no address."""
    read = _READERS.get(platform, _ours)
    member = read(row, where, file_status)
    if member is None:
        return None
    return replace(member, platform=platform, consented_at=iso_time(member.consented_at))


def _ours(row: dict[str, str], where: str, file_status: str) -> Member | None:
    address = row.get("email") or row.get("address") or row.get("e-mail") or ""
    return Member(
        address,
        where,
        row.get("name", ""),
        row.get("language", ""),
        _split(row.get("tags", "")),
        row.get("status") or file_status or "active",
        row.get("consent_source", ""),
    )


def _mailchimp(row: dict[str, str], where: str, file_status: str) -> Member | None:
    status, history = file_status or "active", ""
    if row.get("clean_time"):
        status, history = "bounced", f"cleaned by Mailchimp on {row['clean_time'][:10]}"
    elif row.get("unsub_time") or file_status == "unsubscribed":
        reason = " ".join(filter(None, (row.get("unsub_reason"), row.get("unsub_reason_other"))))
        complained = any(w in reason.lower() for w in ("abuse", "spam", "complain"))
        status = "complained" if complained else "unsubscribed"
        history = f"unsubscribed on Mailchimp {row.get('unsub_time', '')[:10]}".strip()
        history += f" ({reason})" if reason else ""
    elif file_status == "cleaned":
        status, history = "bounced", "cleaned by Mailchimp"
    name = " ".join(filter(None, (row.get("first name"), row.get("last name"))))
    return Member(
        row.get("email address", ""),
        where,
        name,
        row.get("language", ""),
        _quoted_tags(row.get("tags", "")),
        status,
        "Mailchimp" + (f" sign-up from {row['optin_ip']}" if row.get("optin_ip") else ""),
        row.get("confirm_time") or row.get("optin_time") or "",
        history,
    )


def _ghost(row: dict[str, str], where: str, file_status: str) -> Member | None:
    status, history = "active", ""
    if row.get("deleted_at"):
        status, history = "unsubscribed", f"deleted on Ghost {row['deleted_at'][:10]}"
    elif row.get("email_disabled", "").lower() in _TRUE:
        status, history = "bounced", "email disabled by Ghost (bounces or spam reports)"
    elif row.get("subscribed_to_emails", "").lower() not in _TRUE:
        status, history = "unsubscribed", "not subscribed to emails on Ghost"
    return Member(
        row.get("email", ""),
        where,
        row.get("name", ""),
        row.get("language", ""),
        _split(row.get("labels", "")),
        status,
        "Ghost member",
        row.get("created_at", ""),
        history,
    )


def _substack(row: dict[str, str], where: str, file_status: str) -> Member | None:
    status, history = "active", ""
    if row.get("email_disabled", "").lower() in _TRUE:
        status, history = "unsubscribed", "turned emails off on Substack"
    plan = row.get("plan", "")
    return Member(
        row.get("email", ""),
        where,
        row.get("name", ""),
        "",
        (plan.lower(),) if plan else (),
        status,
        "Substack subscriber",
        row.get("created_at") or row.get("subscription_created_at") or "",
        history,
    )


def _listmonk(row: dict[str, str], where: str, file_status: str) -> Member | None:
    attributes = _json_object(row.get("attributes") or row.get("attribs") or "")
    return listmonk_member(
        {**row, "attribs": attributes, "lists": _json_list(row.get("lists", ""))}, where
    )


def listmonk_member(record: dict[str, Any], where: str) -> Member:
    """A listmonk subscriber (a CSV row with its JSON cells read, or an API record)."""
    attributes = record.get("attribs") or {}
    lists = [x for x in record.get("lists") or [] if isinstance(x, dict)]
    states = {str(x.get("subscription_status", "")) for x in lists}
    own = str(record.get("subscription_status", ""))
    status, history = "active", ""
    if record.get("status") == "blocklisted":
        status, history = "unsubscribed", "blocklisted on listmonk"
    elif record.get("status") == "disabled":
        status, history = "unsubscribed", "disabled on listmonk"
    elif own == "unsubscribed" or (states and states <= {"unsubscribed"}):
        status, history = "unsubscribed", "unsubscribed from the listmonk list"
    elif own == "unconfirmed" or (states and "confirmed" not in states and lists):
        status = "pending"
    tags = [str(x.get("name", "")) for x in lists if x.get("subscription_status") != "unsubscribed"]
    language = attributes.get("language") or attributes.get("lang") or ""
    return Member(
        str(record.get("email", "")),
        where,
        str(record.get("name", "")),
        language if isinstance(language, str) else "",
        tuple(t for t in tags if t),
        status,
        "listmonk subscriber",
        iso_time(str(record.get("created_at") or "")),
        history,
        "listmonk",
    )


_READERS = {
    "mailchimp": _mailchimp,
    "ghost": _ghost,
    "substack": _substack,
    "listmonk": _listmonk,
}


def merged(members: Iterable[Member]) -> tuple[list[Member], list[tuple[Member, str]]]:
    """One member per address (case aside), the strongest suppression winning, and each
    duplicate with what became of it."""
    kept: dict[str, Member] = {}
    duplicates: list[tuple[Member, str]] = []
    for member in members:
        key = member.address.strip().lower()
        first = kept.get(key)
        if first is None:
            kept[key] = member
            continue
        if _RANK.get(member.status, 0) > _RANK.get(first.status, 0):
            kept[key] = replace(member, tags=tuple(dict.fromkeys(first.tags + member.tags)))
            duplicates.append((first, f"also at {member.where}: kept as {member.status}"))
        else:
            duplicates.append((member, f"also at {first.where}: kept as {first.status}"))
    return list(kept.values()), duplicates


def iso_time(text: str) -> str:
    """A platform's time stamp ('2024-03-01 10:05:00', '…T10:11:12.000Z', '… +00') as
    ISO 8601 in UTC, as the list stores times ('' when it is none of those). A time
    without a zone is taken as UTC, as the platforms' exports write them."""
    try:
        moment = dt.datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        return ""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC).isoformat(timespec="seconds")


def _split(text: str) -> tuple[str, ...]:
    return tuple(t.strip() for t in text.replace(";", ",").split(",") if t.strip())


def _quoted_tags(text: str) -> tuple[str, ...]:
    """Mailchimp's TAGS cell: '"Docks","Health"'."""
    return tuple(t.strip().strip('"').strip() for t in text.split('","') if t.strip('" '))


def _json_object(text: str) -> dict[str, Any]:
    try:
        value = json.loads(text) if text else {}
    except json.JSONDecodeError:
        return {}
    return value if isinstance(value, dict) else {}


def _json_list(text: str) -> list[Any]:
    try:
        value = json.loads(text) if text else []
    except json.JSONDecodeError:
        return []
    return value if isinstance(value, list) else []
