"""`publisher init`: a new workspace with one document and one issue, ready to build.

What a newsletter says about itself (title, organisation, site address, sender) is asked
for by the command, checked here by the rules `publisher.toml` is read with, and written
where the config reads it; whatever is not given stays a placeholder at example.org, and
`Created.placeholders` says which lines to edit.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from email.headerregistry import Address
from pathlib import Path

from slugify import slugify

from .config import CONFIG_NAME, name_and_address
from .errors import PublisherError
from .output import atomic_write
from .paper import everyday_page_size

DEFAULT_TITLE = "Our Newsletter"

_CONFIG = """\
# The newsletter: what stays the same from issue to issue.
title = {title}
description = {description}
base_url = {base_url}
language = {language}

[organisation]
name = {organisation}
contact = {contact}

[pdf]
page_size = {page_size}   # A3, A4, A5, A6, B5, DL, Letter, Half Letter, Legal, Tabloid or "120mm 180mm"

[email]
from = {sender}
{reply_to}mode = "auto"      # full, excerpt, or auto: excerpts once Gmail's 102 KB limit is near

# Sending to subscribers (publisher send): your mail provider's SMTP server. Take the "# "
# off these lines and fill them in. The password and the key that signs unsubscribe links
# never go in this file: the environment holds them (README: "Your first newsletter").
# [delivery]
# smtp_host = "smtp.your-provider.invalid"       # its SMTP server
# smtp_port = 587                                 # 587 with starttls, 465 with ssl
# smtp_security = "starttls"                      # starttls, ssl or none
# smtp_username = "newsletter"                    # your login at the provider
# smtp_password_env = "PUBLISHER_SMTP_PASSWORD"   # the variable that holds its password
# secret_key_env = "PUBLISHER_SECRET_KEY"         # the variable that holds the signing key
"""

# What each placeholder line is for, by its key.
_PLACEHOLDERS = {
    "base_url": "the address where the web archive will be online (links in every email)",
    "name": "the organisation that publishes the newsletter",
    "contact": "a postal address, shown in every email's footer",
    "from": "the address issues are sent from",
    "reply_to": "where replies go",
}

# Kept out of git: outputs, caches, and the subscriber list ([delivery] database,
# subscribers.sqlite3 unless renamed) with SQLite's -wal, -shm and -journal files beside it.
_GITIGNORE = """\
# Built outputs: `publisher build` makes them again
dist/
# publisher's caches and crash logs
.publisher/
# The subscriber list and SQLite's journal files (-wal, -shm, -journal): personal data,
# never to be committed or pushed with the newsletter
*.sqlite3
*.sqlite3-*
"""


@dataclass(frozen=True)
class Identity:
    """What the newsletter says about itself; None: a placeholder to edit later."""

    title: str = DEFAULT_TITLE
    organisation: str | None = None  # None: the title
    site_url: str | None = None
    sender: str | None = None  # "Name <address>" or an address
    language: str = "en"  # the newsletter's (BCP 47): its interface, dates, hyphenation


@dataclass
class Created:
    files: list[Path] = field(default_factory=list)  # written anew
    # Files already there, and what init did with them: it never overwrites one (a Hugo
    # site's documents/, a folder half set up); a .gitignore only gains lines.
    existing: list[tuple[Path, str]] = field(default_factory=list)
    # (line in publisher.toml, the line, what it is for): placeholders still to edit
    placeholders: list[tuple[int, str, str]] = field(default_factory=list)
    # The page size written, when not A4: what chose it (the machine's locale or the
    # language's region), which the editor should know before printing
    page_size_note: str | None = None


def check_name(value: str, what: str = "the title") -> str:
    """A title or organisation name as publisher.toml takes it: one line of text."""
    value = value.strip()
    if not value:
        raise ValueError(f"{what} cannot be empty")
    if any(ord(c) < 32 or ord(c) == 127 for c in value):
        raise ValueError(f"{what} must be one line of text, without control characters")
    if len(value) > 300:  # [limits] title_length's default
        raise ValueError(f"{what} is {len(value)} characters long: at most 300")
    return value


def check_site_url(value: str) -> str:
    """An absolute http(s) URL ending in '/', checked by the config's own rule (so init never
    writes a base_url the build refuses); 'news.example.org' is taken as https://."""
    from .config import check_base_url, garbled_scheme_mended

    value = value.strip()
    if meant := garbled_scheme_mended(value):  # https//…, https;//…, https:/…, http:…
        raise ValueError(f"{value!r} is not a web address: did you mean {meant}?")
    if value and "://" not in value:
        value = "https://" + value
    try:
        check_base_url(value)
    except ValueError as exc:
        message, _, hint = str(exc).partition("\n")
        raise ValueError(f"base_url {message} ({hint})") from None
    return value.rstrip("/") + "/"


def site_root_note(url: str) -> str | None:
    """What a site URL at the root of a registered domain means, or None for any other:
    "riverside-tenants.org" at "Site URL" is most often the organisation's website, and
    the web archive's pages would be all of it (its home page the list of issues)."""
    from urllib.parse import urlsplit

    from publicsuffixlist import PublicSuffixList

    parts = urlsplit(url)
    host = parts.hostname or ""
    domain = host.removeprefix("www.")
    if parts.path not in ("", "/") or PublicSuffixList().privatesuffix(domain) != domain:
        return None
    return (
        f"{url} is the home page of {host}: the web archive would be the whole site there."
        " If that is your organisation's website, give a folder of it"
        f" ({url.rstrip('/')}/newsletter/) or an address of its own (https://news.{domain}/)"
    )


def check_sender(value: str, name: str = "") -> str:
    """'Name <address>' (the name is `name` when the value has none; no name without
    either), the address checked as subscribers' addresses are: it is every issue's From."""
    from .delivery.subscribers import normalise_address

    try:
        display, address = name_and_address(value)
    except ValueError:
        raise ValueError(f"{value!r} is not an email address, e.g. news@example.org") from None
    try:
        address = normalise_address(address)
    except ValueError as exc:
        raise ValueError(f"{address!r} is not an email address: {exc}") from None
    display = display or name
    return str(
        Address(display_name=check_name(display, "the name") if display else "", addr_spec=address)
    )


def check_language(value: str) -> str:
    """A language tag ("es", "fr-CA") or a language's name ("Spanish", "español")."""
    from .languages import NotALanguage, language_code

    try:
        return language_code(value)
    except NotALanguage as exc:
        raise ValueError(f"{exc} (write a code such as en, es, fr, ar, or fr-CA)") from None


def placeholder(identity: Identity) -> Identity:
    """The values written for what `identity` leaves out (the site and sender at example.org)."""
    slug = slugify(identity.title) or "newsletter"
    return Identity(
        identity.title,
        identity.title,
        f"https://{slug}.example.org/",
        str(Address(display_name=identity.title, addr_spec=f"newsletter@{slug}.example.org")),
        identity.language,
    )


_DOCUMENT = """\
---
title: {welcome}
authors: [{editors}]
date: {date}
{english}summary: {summary}
tags: [news]
---

{pool}

## {what_next}

- {write}
- {list}
- {run}
"""

_ISSUE = """\
number: 1
title: {issue_title}
date: {date}
editorial: |
  {editorial}
sections:
  - title: {news}
    documents: [welcome]
"""


def _starter_words(identity: Identity) -> dict[str, str]:
    """The sample document's and issue's words, in the newsletter's language where
    publisher has a catalogue for it (es, fr, ar, fa), else in English; YAML's values
    quoted (JSON strings are YAML's)."""
    from . import i18n

    with i18n.interface_language(identity.language):
        _ = i18n.gettext
        quoted = {
            "welcome": i18n.pgettext("starter document", "Welcome to %(title)s")
            % {"title": identity.title},
            "editors": _("The editors"),
            "summary": _("What this newsletter is for."),
            "issue_title": _("Our first issue"),
            "news": _("News"),
        }
        words = {
            "pool": _(
                "This is the first document in your pool. Documents live in `documents/` as "
                "Markdown, Word (`.docx`), OpenDocument (`.odt`), HTML or plain text files."
            ),
            "what_next": _("What next"),
            "write": _("Write or drop more documents into `documents/`."),
            "list": _("List them in an issue manifest in `issues/`."),
            "run": _("Run `publisher build` and look in `dist/`."),
            "editorial": _(
                "Welcome to the first issue. Edit `issues/001-first-issue.yaml` to change "
                "what it holds."
            ),
            "postal_address": _("Postal address"),
            "description": _("News and statements from our organisation."),
        }
    return words | {key: json.dumps(value, ensure_ascii=False) for key, value in quoted.items()}


_TEMPLATES = """\
Put files here to override the theme by name. The default theme's files are in

    {default}

and the campaign theme's (`[style] theme = "campaign"` in publisher.toml), which replace
some of the default's, in

    {campaign}

Both are folders of publisher's install: installing publisher or Python again can move them
(`pip show newsletter-publisher` gives the Location that holds publisher/ now).

Copy the one to change to the same path here (its `pdf/print.css` to
`templates/pdf/print.css`, its `email/newsletter.mjml` to `templates/email/newsletter.mjml`)
and edit it: a file at another path here overrides nothing. The README.md in the default
theme's folder says what each template receives.
"""


def create_workspace(directory: Path, identity: Identity | None = None) -> Created:
    """The workspace's files, `identity` in publisher.toml; a file already there is kept as
    it is, but an existing .gitignore gains the lines it lacks."""
    if (directory / CONFIG_NAME).exists():
        raise PublisherError.at(
            f"{directory / CONFIG_NAME} already exists", hint="choose an empty folder"
        )
    identity = _checked(identity or Identity())
    defaults = placeholder(identity)
    slug = slugify(identity.title) or "newsletter"
    sender = identity.sender or defaults.sender
    assert sender is not None
    address = name_and_address(sender)[1]
    words = _starter_words(identity)
    page_size, region_from = regional_page_size(identity.language, os.environ)
    config = _CONFIG.format(
        title=_toml(identity.title),
        description=_toml(words["description"]),
        base_url=_toml(identity.site_url or defaults.site_url or ""),
        organisation=_toml(identity.organisation or identity.title),
        contact=_toml(f"{words['postal_address']} · {address}"),
        sender=_toml(sender),
        language=_toml(identity.language),
        reply_to="" if identity.sender else f'reply_to = "editors@{slug}.example.org"\n',
        page_size=_toml(page_size),
    )
    from .i18n import available_languages, base_language
    from .style import theme_folder

    # Without a catalogue for the newsletter's language the sample document is in English,
    # and says so
    in_english = base_language(identity.language) not in available_languages()
    english = "lang: en\n" if in_english else ""
    values = {**words, "date": dt.date.today().isoformat(), "english": english}
    files = {
        CONFIG_NAME: config,
        "documents/welcome.md": _DOCUMENT.format(**values),
        "issues/001-first-issue.yaml": _ISSUE.format(**values),
        "templates/README.md": _TEMPLATES.format(
            default=theme_folder("default"), campaign=theme_folder("campaign")
        ),
    }
    created = Created()
    if page_size != "A4":
        created.page_size_note = (
            f"PDF pages are {page_size}, the paper printers hold in {region_from};"
            " [pdf] page_size in publisher.toml sets another"
        )
    for name, text in files.items():
        path = directory / name
        if os.path.lexists(path):
            created.existing.append((path, "already there, left as it was"))
        else:
            atomic_write(path, text.encode("utf-8"))
            created.files.append(path)
    _add_gitignore(directory / ".gitignore", created)
    for number, line in enumerate(config.splitlines(), 1):
        key = line.partition(" =")[0]
        if key in _PLACEHOLDERS and (".example.org" in line or words["postal_address"] in line):
            created.placeholders.append((number, line, _PLACEHOLDERS[key]))
    return created


# A locale as the C library's variables name it: en_US.UTF-8, es_MX, fr_CA.utf8@euro
_LOCALE_REGION = re.compile(r"^[A-Za-z]{2,3}_([A-Za-z]{2})(?![A-Za-z])")


def regional_page_size(language: str, environ: Mapping[str, str]) -> tuple[str, str]:
    """The page size a new workspace prints on, and why: the region of the machine's locale
    for paper (LC_ALL, else LC_PAPER, else LANG, as the C library reads them), or when that
    names none (C.UTF-8) the region of the newsletter's language (es-MX, fr-CA). An editor
    in Chicago or Mexico City printing A4 pages got them shrunk or cut on Letter paper, as
    word processors there never do. Only init asks: a build reads publisher.toml alone, the
    same on every machine."""
    import langcodes

    for name in ("LC_ALL", "LC_PAPER", "LANG"):
        if value := environ.get(name):
            if found := _LOCALE_REGION.match(value):
                region = found.group(1).upper()
                return everyday_page_size(region), f"{region}: your locale is {value}"
            break
    region = langcodes.Language.get(language).territory
    return everyday_page_size(region), f"{region}: the newsletter's language is {language}"


def postal_placeholder(contact: str) -> str | None:
    """The "Postal address" init wrote in [organisation] contact, if it is still there (in
    any language init writes it in: the newsletter's may have changed since); None when the
    contact has been written. Every email's footer shows it as the sender's address."""
    from . import i18n

    words = {i18n.gettext_in(code, "Postal address") for code in i18n.available_languages()}
    parts = (part.strip() for part in contact.split("·"))
    return next((part for part in parts if part in words), None)


def _checked(identity: Identity) -> Identity:
    """`identity` with every value checked (the command checks them as they are given)."""
    try:
        return Identity(
            check_name(identity.title),
            check_name(identity.organisation, "the organisation")
            if identity.organisation
            else None,
            check_site_url(identity.site_url) if identity.site_url else None,
            check_sender(identity.sender, identity.title) if identity.sender else None,
            check_language(identity.language),
        )
    except ValueError as exc:
        raise PublisherError.at(f"cannot create the workspace: {exc}") from None


def _toml(value: str) -> str:
    """A TOML basic string: JSON's escapes are TOML's, and DEL is escaped too."""
    return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")


def _add_gitignore(path: Path, created: Created) -> None:
    """Our .gitignore, or the one already there with the lines it lacks added. One that is
    not UTF-8 (Notepad's UTF-16) is left as it was: lines added in another encoding would
    garble it, and git reads it as UTF-8 anyway."""
    ours = [line for line in _GITIGNORE.splitlines() if line and not line.startswith("#")]
    try:
        existing = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        atomic_write(path, _GITIGNORE.encode("utf-8"))
        created.files.append(path)
        return
    except UnicodeDecodeError:
        created.existing.append(
            (
                path,
                "already there, left as it was: it is not UTF-8 text, as git reads it; save"
                f" it as UTF-8 and add {', '.join(ours)} to keep outputs and subscribers out",
            )
        )
        return
    missing = [line for line in ours if line not in existing.splitlines()]
    if missing:
        added = "\n".join(missing)
        text = existing.rstrip("\n") + "\n\n# Added by publisher init\n" + added + "\n"
        atomic_write(path, text.encode("utf-8"))
    said = f"added {', '.join(missing)}" if missing else "it has publisher's lines"
    created.existing.append((path, f"already there, its lines kept; {said}"))
