"""publisher.toml → Config: the newsletter's identity, validated with file:line errors."""

from __future__ import annotations

from dataclasses import dataclass
from email.headerregistry import Address
from email.utils import getaddresses
from pathlib import Path

from .delivery.settings import DELIVERY_KEYS, DeliverySettings, parse_delivery
from .errors import Problem, PublisherError, near_misses
from .languages import NotALanguage, language_tag
from .limits import DEFAULT_LIMITS, LIMIT_KEYS, Limits, parse_limits
from .printing import PRINT_KEYS, PrintSettings, parse_settings
from .sourcefile import SourceData, parse_file

CONFIG_NAME = "publisher.toml"
EMAIL_MODES = ("auto", "full", "excerpt")

# table → allowed keys; "" is the top level.
_SCHEMA: dict[str, set[str]] = {
    "": {
        "title",
        "description",
        "base_url",
        "language",
        "organisation",
        "pdf",
        "email",
        "delivery",
        "documents",
        "limits",
    },
    "organisation": {"name", "contact"},
    "documents": {"strict"},
    "pdf": set(PRINT_KEYS),
    "email": {"from", "reply_to", "mode"},
    "delivery": set(DELIVERY_KEYS),
    "limits": set(LIMIT_KEYS),
}


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


def load_config(root: Path) -> Config:
    path = root / CONFIG_NAME
    if not path.is_file():
        raise PublisherError.at(
            f"no {CONFIG_NAME} here: this is not a publisher workspace",
            root,
            hint="run 'publisher init DIR' to create one, or pass --workspace",
        )
    source = parse_file(path)
    _reject_unknown_keys(source)
    data = source.data

    def text(table: str, key: str, default: str | None = None) -> str:
        section = data.get(table, {}) if table else data
        where = (table, key) if table else (key,)
        value = section.get(key, default)
        if value is None:
            name = f"{table}.{key}" if table else key
            raise source.error(f"'{name}' is required", *where[:-1], hint=f'add {key} = "…"')
        if not isinstance(value, str) or not value.strip():
            raise source.error(f"'{key}' must be a non-empty string", *where)
        if "\n" in value or "\r" in value:
            raise source.error(f"'{key}' must be a single line", *where)
        return value.strip()

    def optional_text(table: str, key: str) -> str:
        section = data.get(table, {}) if table else data
        return text(table, key) if isinstance(section, dict) and section.get(key) else ""

    base_url = text("", "base_url")
    _check_base_url(source, base_url)
    pdf = _print_settings(source)
    reply_to = optional_text("email", "reply_to")
    email_mode = text("email", "mode", "auto")
    if email_mode not in EMAIL_MODES:
        raise source.error(
            f"unknown email mode {email_mode!r}",
            "email",
            "mode",
            hint=f"use one of {', '.join(EMAIL_MODES)}",
        )
    return Config(
        root=root,
        title=text("", "title"),
        description=optional_text("", "description"),
        base_url=base_url.rstrip("/") + "/",
        language=_language(source, text("", "language", "en")),
        organisation=text("organisation", "name"),
        contact=optional_text("organisation", "contact"),
        pdf=pdf,
        email_from=_address(source, text("email", "from"), "from"),
        email_reply_to=_address(source, reply_to, "reply_to") if reply_to else None,
        email_mode=email_mode,
        delivery=_delivery_settings(source),
        strict_front_matter=_flag(source, "documents", "strict"),
        limits=parse_limits(source),
    )


def _check_base_url(source: SourceData, value: str) -> None:
    """base_url goes into List-Unsubscribe and every link: refuse anything that could end
    the URL early, add a second one, or point it at someone else's host."""
    import re
    from urllib.parse import urlsplit

    def refuse(why: str) -> PublisherError:
        return source.error(
            f"base_url {value!r} {why}",
            "base_url",
            hint='write it like base_url = "https://news.example.org/": a host (punycode for'
            " other scripts), an optional port and path, no user, query or fragment",
        )

    breaker = re.search(r'[\s<>",\\^`{|}\x00-\x1f\x7f]|[^\x00-\x7f]', value)
    if breaker:
        char = breaker.group()
        name = "a space" if char == " " else repr(char)
        if char != " " and (char.isspace() or not char.isprintable()):
            name = f"a control character (U+{ord(char):04X})"
        raise refuse(f"contains {name}, which cannot be part of a link in a header")
    url = urlsplit(value)
    if url.scheme not in ("http", "https") or not url.netloc:
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


def _language(source: SourceData, value: str) -> str:
    try:
        return language_tag(value)
    except NotALanguage as exc:
        raise source.error(str(exc), "language", hint=exc.hint) from None


def _flag(source: SourceData, table: str, key: str) -> bool:
    value = source.data.get(table, {}).get(key, False)
    if not isinstance(value, bool):
        raise source.error(f"{table}.{key} must be true or false", table, key)
    return value


def _print_settings(source: SourceData) -> PrintSettings:
    problems: list[Problem] = []

    def report(message: str, key: str, hint: str | None = None) -> None:
        problems.append(Problem(message, source.path, source.line("pdf", key), hint))

    settings = parse_settings(source.data.get("pdf", {}), report)
    if problems:
        raise PublisherError(*problems)
    return settings


def _delivery_settings(source: SourceData) -> DeliverySettings:
    problems: list[Problem] = []

    def report(message: str, key: str, hint: str | None = None) -> None:
        problems.append(Problem(message, source.path, source.line("delivery", key), hint))

    settings = parse_delivery(source.data.get("delivery", {}), report)
    if problems:
        raise PublisherError(*problems)
    return settings


def _address(source: SourceData, value: str, key: str) -> Address:
    parsed = getaddresses([value])
    if len(parsed) != 1 or "@" not in parsed[0][1]:
        raise source.error(
            f"email.{key} is not an email address: {value!r}",
            "email",
            key,
            hint='write it as "Name <address@example.org>"',
        )
    name, addr = parsed[0]
    user, _, domain = addr.rpartition("@")
    return Address(display_name=name, username=user, domain=domain)


def _reject_unknown_keys(source: SourceData) -> None:
    for table, allowed in _SCHEMA.items():
        section = source.data.get(table) if table else source.data
        if section is None:
            continue
        if not isinstance(section, dict):
            raise source.error(f"'{table}' must be a table like [{table}]", table)
        for key in section:
            if key not in allowed and not (table == "" and key in _SCHEMA):
                prefix = (table,) if table else ()
                raise source.error(
                    f"unknown setting {key!r}" + (f" in [{table}]" if table else ""),
                    *prefix,
                    key,
                    hint=near_misses(key, allowed)
                    or f"known settings: {', '.join(sorted(allowed))}",
                )
