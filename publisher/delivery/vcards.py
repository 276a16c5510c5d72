"""A list kept as contacts: a group exported from a phone's or a mail program's address
book as a vCard file (.vcf: iPhone and macOS Contacts, Google Contacts, Android, Outlook,
Thunderbird), read with vobject. Each contact's name and preferred e-mail address become a
member; contacts with no address (a phone number alone) are named, not imported."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import PublisherError
from ..importers.members import Member

_NAMED = 5  # contacts without an address named in the report; the rest counted


def is_vcard(text: str) -> bool:
    return text.lstrip().upper().startswith("BEGIN:VCARD")


@dataclass(frozen=True)
class Contacts:
    members: list[Member]
    said: str  # what was read, in words for the report


def contacts(text: str, path: Path) -> Contacts:
    """The contacts of a vCard file, each named in messages by the line its card begins on."""
    import vobject

    starts = [n for n, line in enumerate(text.splitlines(), 1) if is_vcard(line)]
    members: list[Member] = []
    without: list[str] = []
    cards = vobject.readComponents(text, allowQP=True)  # Android's and Outlook's vCard 2.1
    for start in starts:
        try:
            card = next(cards)
            name = _name(card)
            emails = card.contents.get("email", [])
            address = next((e for e in emails if _preferred(e)), emails[0]).value if emails else ""
        except StopIteration:
            break
        # vobject's own errors (whose line numbers count CRLF twice), and what decoding a
        # damaged property raises: a wrong charset, quoted-printable or base64
        except (vobject.base.VObjectError, ValueError, LookupError, TypeError) as exc:
            why = str(exc.args[0]) if exc.args else type(exc).__name__
            raise PublisherError.at(
                f"this contact cannot be read: {why}",
                path,
                start,
                hint="export the contacts again, or save the list as CSV (email,name)",
            ) from None
        if address:
            members.append(Member(str(address).strip(), f"{path}:{start}", name))
        else:
            without.append(name or f"line {start}")
    said = f"read {len(members)} contact(s) with an e-mail address"
    if without:
        named = ", ".join(without[:_NAMED]) + (
            f" and {len(without) - _NAMED} more" if len(without) > _NAMED else ""
        )
        said += f"; {len(without)} without one not imported: {named}"
    return Contacts(members, said)


def _name(card: Any) -> str:
    """The name shown (FN), else the structured name's given and family parts."""
    shown = card.getChildValue("fn")
    if shown and str(shown).strip():
        return " ".join(str(shown).split())
    structured = card.getChildValue("n")
    if structured is None or isinstance(structured, str):  # none, or not read as a name
        return " ".join(str(structured or "").replace(";", " ").split())
    parts = (structured.given, structured.family)
    words = (word for part in parts for word in ([part] if isinstance(part, str) else part))
    return " ".join(" ".join(words).split())


def _preferred(email: Any) -> bool:
    """Marked as the address to use: TYPE=pref (vCard 3.0), PREF (2.1), PREF=1 (4.0)."""
    marks = [*email.params.get("TYPE", []), *email.singletonparams]
    return "PREF" in email.params or any(str(mark).lower() == "pref" for mark in marks)
