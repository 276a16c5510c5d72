"""publisher.toml → Config: the newsletter's identity, validated with file:line errors."""

from __future__ import annotations

import os
import re
import shlex
from dataclasses import dataclass, field
from email.headerregistry import Address
from email.utils import getaddresses, unquote
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import PublisherError, near_misses
from .i18n import CALENDARS
from .languages import NotALanguage, checked_language
from .limits import DEFAULT_LIMITS, LIMITS_TABLE, Limits
from .paths import no_file
from .printing import PRINT_TABLE, PrintSettings
from .settings_schema import (
    Problems,
    Setting,
    SettingsTables,
    Table,
    check,
    choice,
    flag,
    registered_tables,
    single_line,
    text,
    whole_number,
)
from .sourcefile import parse_file
from .style import DEFAULT_STYLE, STYLE_TABLE, Style, read_style

if TYPE_CHECKING:
    from .delivery.settings import DeliverySettings

CONFIG_NAME = "publisher.toml"
EMAIL_MODES = ("auto", "full", "excerpt")


@dataclass(frozen=True)
class Config:
    """Everything about the newsletter that does not change from issue to issue."""

    root: Path
    title: str
    description: str
    base_url: str  # always ends with "/"
    language: str
    organisation: str
    contact: str
    pdf: PrintSettings  # the [pdf] table: the first layer of print options
    email_from: Address
    email_reply_to: Address | None
    email_mode: str  # one of EMAIL_MODES: articles in full, as excerpts, or as fits Gmail
    delivery: DeliverySettings  # the [delivery] table: subscribers, SMTP, the web endpoint
    # [documents] strict: refuse front matter keys publisher does not use (default: keep them)
    strict_front_matter: bool = False
    limits: Limits = DEFAULT_LIMITS  # [limits]: how large a document may be
    style: Style = DEFAULT_STYLE  # [style]: theme, logo, accent colour, fonts, masthead line
    web_search: bool = True  # [web] search: the archive's search page and its index
    feed_entries: int = 20  # [feed] entries: the newest issues (or articles) each feed holds
    time_zone: str = "UTC"  # an IANA name: where the newsletter's dates (days) are noon
    calendar: str = CALENDARS[0]  # Farsi dates in Iran's calendar, or all Gregorian
    # Tables other packages register (entry points `publisher.settings`), by name; [delivery]
    # is registered too but kept in its own field above, which every delivery module reads.
    tables: SettingsTables = field(default_factory=SettingsTables)

    @property
    def page_size(self) -> str:
        return self.pdf.page_size.name if self.pdf.page_size else "A4"

    @property
    def documents_dir(self) -> Path:
        return self.root / "documents"

    @property
    def issues_dir(self) -> Path:
        return self.root / "issues"

    @property
    def templates_dir(self) -> Path:
        return self.root / "templates"

    @property
    def dist_dir(self) -> Path:
        return self.root / "dist"

    @property
    def domain(self) -> str:
        from urllib.parse import urlsplit

        return urlsplit(self.base_url).hostname or "localhost"


def load_config(root: Path, list_only: bool = False) -> Config:
    """The workspace's settings, checked. `list_only`: for the commands that deal only with
    the subscriber list (bounces, serve-subscriptions, subscribers), which run on a mail or
    web server that has publisher.toml and the list but not the logo or fonts [style]
    names: the files [style] names are not required then."""
    path = root / CONFIG_NAME
    if os.path.lexists(path) and (what := no_file(path)):
        raise PublisherError.at(
            f"{CONFIG_NAME} is {what}", path, hint="it must be the workspace's settings file"
        )
    if not root.is_dir():
        raise PublisherError.at(
            "no such folder", root, hint="give the workspace's folder: publisher -C DIR …"
        )
    if not path.is_file():
        above = next((p for p in root.resolve().parents if (p / CONFIG_NAME).is_file()), None)
        hint = (
            f"the workspace is {above}: run the command there,"
            f" or {shlex.join(['publisher', '-C', str(above)])} …"
            if above
            else "run 'publisher init DIR' to create one, or give its folder: publisher -C DIR …"
        )
        raise PublisherError.at(
            f"no {CONFIG_NAME} here: this is not a publisher workspace", root, hint=hint
        )
    source = parse_file(path)
    registered = registered_tables()
    if "delivery" not in registered:  # installed metadata older than pyproject.toml
        raise PublisherError.at(
            "publisher's [delivery] table is not registered",
            hint="reinstall publisher (pip install -e . in its folder) so its entry points are",
        )
    schema = CONFIG_TABLE.with_settings(
        **{name: Setting(table=t) for name, t in registered.items()}
    )
    problems = Problems(source)
    values: dict[str, Any] = check(schema, source.data, problems, toml=True)
    style_problems = Problems(source) if list_only else problems  # the former ignored
    pixels = values.get("limits", DEFAULT_LIMITS).image_pixels
    style = read_style(
        values.get("style", {}), root, style_problems, values.get("title", ""), pixels
    )
    problems.raise_any()
    organisation, email = values["organisation"], values["email"]
    tables = {name: values[name] for name in registered if name != "delivery"}
    return Config(
        root=root,
        title=values["title"],
        description=values.get("description", ""),
        base_url=values["base_url"].rstrip("/") + "/",
        language=values.get("language", "en"),
        organisation=organisation["name"],
        contact=organisation.get("contact", ""),
        pdf=values["pdf"],
        email_from=email["from"],
        email_reply_to=email.get("reply_to"),
        email_mode=email.get("mode", "auto"),
        delivery=values["delivery"],
        strict_front_matter=values["documents"].get("strict", False),
        limits=values["limits"],
        style=style,
        web_search=values["web"].get("search", True),
        feed_entries=values["feed"].get("entries", Config.feed_entries),
        time_zone=values.get("time_zone", Config.time_zone),
        calendar=values.get("calendar", Config.calendar),
        tables=SettingsTables(tables),
    )


def check_base_url(value: str) -> str:
    """base_url goes into List-Unsubscribe and every link: refuse anything that could end
    the URL early, add a second one, or point it at someone else's host (ValueError
    "why\nhow"). `publisher init` checks the URL it writes with this rule too. Returned
    with its path percent-encoded (`_path_percent_encoded`), as links are made from it."""
    from urllib.parse import urlsplit

    def refuse(why: str) -> ValueError:
        return ValueError(
            f"{value!r} {why}\n"
            'write it like base_url = "https://news.example.org/": a host (punycode for'
            " other scripts), an optional port and path, no user, query or fragment"
        )

    url_text = _path_percent_encoded(value)
    breaker = re.search(r'[\s<>",\\^`{|}\x00-\x1f\x7f]|[^\x00-\x7f]', url_text)
    if breaker:
        char = breaker.group()
        name = "a space" if char == " " else repr(char)
        if char != " " and (char.isspace() or not char.isprintable()):
            name = f"a control character (U+{ord(char):04X})"
        raise refuse(f"contains {name}, which cannot be part of a link in a header")
    try:
        url = urlsplit(value)
    except ValueError:  # "https://[bulletin.example.org/": Python's "Invalid IPv6 URL"
        raise refuse("has a bracket where its host name is") from None
    if url.scheme not in ("http", "https") or not url.netloc:
        if meant := _meant_base_url(value):  # written without https://, or it typed wrong
            raise ValueError(
                f'{value!r} must be an absolute http(s) URL\nwrite it in full: base_url = "{meant}"'
            )
        raise refuse("must be an absolute http(s) URL")
    if "@" in url.netloc:
        raise refuse("has a user name or password in it")
    if not url.hostname:
        raise refuse("has no host name")
    try:
        good_port = url.port is None or url.port > 0
    except ValueError:  # not a number, or above 65535
        good_port = False
    if not good_port or url.netloc.endswith(":"):
        raise refuse("has a port that is not a number from 1 to 65535")
    if "?" in value or "#" in value:
        raise refuse("has a query or fragment ('?' or '#'): links are made by adding to it")
    return url_text


_SCHEME = re.compile(r"(?i)https?://[^/:;]")
_GARBLED_SCHEME = re.compile(r"(?i)(https?)[:;/]+(?=[^:;/])")  # not httpbin.org: no : ; or /


def garbled_scheme_mended(value: str) -> str | None:
    """`https//news.example.org`, `https;//…`, `https:/…` or `http:…` with its scheme as
    meant, ending in '/'; None for a value whose scheme is right, or has none."""
    garbled = _GARBLED_SCHEME.match(value)
    if not garbled or _SCHEME.match(value):
        return None
    return f"{garbled[1].lower()}://{value[garbled.end() :].rstrip('/')}/"


def _meant_base_url(value: str) -> str | None:
    """The base_url meant by one written without its scheme (`news.example.org`, as an
    address bar shows it) or with it typed wrong, when that one is right; else None."""
    if "://" in value:  # `https:///news/` is a URL with no host, not a scheme typed wrong
        return None
    meant = garbled_scheme_mended(value)
    if meant is None and value.strip("/"):
        meant = f"https://{value.strip('/')}/"
    if meant is None:
        return None
    try:
        check_base_url(meant)
    except ValueError:
        return None
    return meant


def _path_percent_encoded(value: str) -> str:
    """`value` with letters of other scripts in its path percent-encoded, as a browser sends
    them ("/نشرة/" → "/%D9%86%D8%B4%D8%B1%D8%A9/"): a link in a header is ASCII, and the
    folder is the same. Its host is left to the check: it has an ASCII form (punycode) of
    its own, not this one."""
    from urllib.parse import quote, urlsplit

    try:
        path = urlsplit(value).path
    except ValueError:  # a stray bracket in its host: the check says so
        return value
    if path.isascii() or "//" not in value:
        return value
    encoded = re.sub(r"[^\x00-\x7f]+", lambda letters: quote(letters.group()), path)
    start = value.index("/", value.index("//") + 2)  # where the path begins, after the host
    return value[:start] + value[start:].replace(path, encoded, 1)


def _language(value: Any) -> str:
    try:
        return checked_language(text(value))
    except NotALanguage as exc:
        raise ValueError(f"{exc}\n{exc.hint}") from None


def _time_zone(value: Any) -> str:
    """An IANA time zone name ("America/Mexico_City"), as the tz database spells it."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

    name = text(value)
    try:
        if name != "UTC":  # UTC needs no tz database
            ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        hint = near_misses(name, available_timezones()) or (
            'write its IANA name, like "Europe/London" or "America/Mexico_City"'
        )
        raise ValueError(f"{name!r} is not a time zone\n{hint}") from None
    return name


def _sender(value: Any) -> Address:
    """The From address: required, so never empty."""
    return _address(text(value))


def _reply_to(value: Any) -> Address | None:
    """Reply-To: optional, so "" is no address."""
    return _address(line) if (line := single_line(value)) else None


def name_and_address(value: str) -> tuple[str, str]:
    """ "Name <address@example.org>" as people write it in a setting: everything before the
    <…> is the name, colons and commas included (a quoted name is unquoted). Read as a
    header is read (getaddresses), "UNISON: Branch" is a group called UNISON whose name
    disappears, and "Unite, Region 4" two addresses; the email package quotes such a name
    when it writes the header, so it arrives whole."""
    value = value.strip()
    name, bracket, rest = value.rpartition("<")
    if bracket and rest.endswith(">"):
        name, addr = unquote(name.strip()), rest[:-1].strip()
    else:
        name, addr = "", value
    if "<" in name or ">" in name or getaddresses([addr]) != [("", addr)] or "@" not in addr:
        raise ValueError(
            f'{value!r} is not an email address\nwrite it as "Name <address@example.org>"'
        )
    return name, addr


def _address(value: str) -> Address:
    """An address as people write it: "Name <address@example.org>", or a bare one. One at
    an international domain is kept in its ASCII form (xn--…), read as subscribers' are
    (delivery.subscribers.normalise_address, which config does not import): in a header
    the email package would write the domain as an RFC 2047 encoded word, which is
    forbidden inside an address and which no mail server delivers to."""
    name, addr = name_and_address(value)
    if not addr.isascii():  # a letter before the @ that is not ASCII has no such form
        from email_validator import EmailNotValidError, validate_email

        try:
            checked = validate_email(addr, check_deliverability=False, allow_smtputf8=False)
        except EmailNotValidError as exc:
            raise ValueError(str(exc)) from None
        addr = checked.ascii_email or addr
    user, _, domain = addr.rpartition("@")
    return Address(display_name=name, username=user, domain=domain)


CONFIG_TABLE = Table(
    {
        "title": Setting(text, required='add title = "…"'),
        "description": Setting(single_line),
        "base_url": Setting(
            lambda value: check_base_url(text(value)), required='add base_url = "https://…/"'
        ),
        "language": Setting(_language),
        # where the newsletter is: a day (an issue's date) is noon there in the feeds
        "time_zone": Setting(_time_zone),
        # how dates are written for readers (machine dates are ISO 8601 whatever it says)
        "calendar": Setting(choice(CALENDARS, "calendar")),
        "organisation": Setting(
            table=Table(
                {
                    "name": Setting(text, required='add name = "…" under [organisation]'),
                    "contact": Setting(single_line),
                }
            )
        ),
        "pdf": Setting(table=PRINT_TABLE),
        "email": Setting(
            table=Table(
                {
                    "from": Setting(_sender, required='add from = "Name <news@example.org>"'),
                    "reply_to": Setting(_reply_to),
                    "mode": Setting(choice(EMAIL_MODES, "email mode")),
                }
            )
        ),
        # strict: refuse front matter keys publisher does not use (default: keep them)
        "documents": Setting(table=Table({"strict": Setting(flag)})),
        # search = false: no search page, index or script (a site with no JavaScript at all)
        "web": Setting(table=Table({"search": Setting(flag)})),
        # entries: the newest issues each feed holds (articles, in a topic's or language's
        # feed), as blogs and newsletter platforms keep theirs: every issue's full text in
        # every poll would grow the feed by each issue's size, for ever
        "feed": Setting(table=Table({"entries": Setting(whole_number(1))})),
        "limits": Setting(table=LIMITS_TABLE),
        "style": Setting(table=STYLE_TABLE),
    }
)
