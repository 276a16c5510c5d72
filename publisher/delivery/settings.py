"""The [delivery] table of publisher.toml → DeliverySettings, each bad value reported with its key.

Secrets are never in the file: it names the environment variables that hold them.
"""

from __future__ import annotations

import ipaddress
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import PublisherError
from ..settings_schema import (
    Report,
    Setting,
    Table,
    choice,
    flag,
    number,
    single_line,
    then,
    whole_number,
)
from .location import PostgresUrl, is_postgres_url, url_password

SECURITY_MODES = ("starttls", "ssl", "none")
_DEFAULT_PORTS = {"starttls": 587, "ssl": 465, "none": 25}
_ENV_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_LISTEN = re.compile(r"^(?P<host>\[[0-9a-fA-F:]+\]|[A-Za-z0-9.\-]+):(?P<port>\d{1,5})$")
_DNS_LABELS = re.compile(
    r"^[A-Za-z0-9]([A-Za-z0-9\-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9\-]*[A-Za-z0-9])?)*$"
)


@dataclass(frozen=True)
class DeliverySettings:
    """How to reach the SMTP server, how hard to push it, and where subscribers live."""

    database: str = "subscribers.sqlite3"  # relative to the workspace, or postgresql://…
    database_password_env: str = "PUBLISHER_DATABASE_PASSWORD"  # PostgreSQL, beside PGPASSWORD
    database_password_in_url: bool = False  # allow a password inside `database` (not advised)
    smtp_host: str = "localhost"
    smtp_port: int = 0  # 0: the usual port for smtp_security
    smtp_security: str = "starttls"
    smtp_username: str = ""
    smtp_password_env: str = "PUBLISHER_SMTP_PASSWORD"
    secret_key_env: str = "PUBLISHER_SECRET_KEY"
    envelope_from: str = ""  # bounces go here; default: [email] from
    rate: float = 10.0  # messages per second; 0 = as fast as the server accepts
    connections: int = 2
    retry_delay: float = 60.0  # seconds before the first retry; doubles each time
    retry_window: float = 4 * 3600.0  # seconds after the first attempt to keep retrying
    pause_after_failures: int = 20
    timeout: float = 60.0  # seconds to wait for each SMTP reply
    database_timeout: float = 10.0  # seconds to wait for another program writing to the list
    listen: str = "127.0.0.1:8080"
    trusted_proxy: str = ""  # the web server in front, when not on this machine: its IP address
    unsubscribe_link_days: int = 365
    confirm_link_hours: int = 72
    dkim_selector: str = ""
    dkim_domain: str = ""  # default: the From address's domain
    dkim_key_env: str = "PUBLISHER_DKIM_KEY"
    bounce_address: str = ""  # VERP: each copy's envelope sender is bounces+TOKEN@domain
    soft_bounce_limit: int = 3  # soft bounces within soft_bounce_days that suppress an address
    soft_bounce_days: int = 30
    imap_host: str = ""  # where `publisher bounces imap` reads the bounce address's mail
    imap_port: int = 0  # 0: 993 for ssl, 143 otherwise
    imap_security: str = "ssl"
    imap_username: str = ""
    imap_password_env: str = "PUBLISHER_IMAP_PASSWORD"
    imap_folder: str = "INBOX"
    subscribe_form: bool = False  # self-service: a form on the web pages, POST BASE_URL/subscribe/
    welcome_issue: bool = False  # a newly confirmed subscriber also gets the issue last sent

    @property
    def port(self) -> int:
        return self.smtp_port or _DEFAULT_PORTS[self.smtp_security]

    def database_path(self, root: Path) -> Path | PostgresUrl:
        """The SQLite file, or the PostgreSQL database the list lives in."""
        if is_postgres_url(self.database):
            return PostgresUrl(self.database, self.database_password_env)
        return root / self.database

    @property
    def shared_database(self) -> bool:
        """PostgreSQL: several programs, on several machines, may send at once."""
        return is_postgres_url(self.database)

    def smtp_password(self) -> str | None:
        """From the environment; None when no username is configured (no authentication)."""
        if not self.smtp_username:
            return None
        return _secret(self.smtp_password_env, "the SMTP password", "smtp_password_env")

    def secret_key(self) -> str:
        key = _secret(
            self.secret_key_env,
            "the key that signs subscription links",
            "secret_key_env",
            # a new terminal without the export: making a new key would break the links sent
            keep=" (the key you made before, if you sent with one: a new key breaks the"
            " unsubscribe links already sent)",
        )
        if len(key) < 16:
            raise PublisherError.at(
                f"${self.secret_key_env} is too short to sign links safely ({len(key)} characters)",
                hint="use at least 16 random characters: "
                "python3 -c 'import secrets; print(secrets.token_urlsafe(32))'",
            )
        return key

    @property
    def imap_port_or_default(self) -> int:
        return self.imap_port or (993 if self.imap_security == "ssl" else 143)

    def imap_password(self) -> str:
        return _secret(self.imap_password_env, "the IMAP password", "imap_password_env")

    def dkim_key(self) -> bytes | None:
        """The PEM private key from the environment, or None when DKIM is not configured."""
        if not self.dkim_selector:
            return None
        return _secret(self.dkim_key_env, "the DKIM private key (PEM)", "dkim_key_env").encode()


def _settings(values: dict[str, Any], report: Report) -> DeliverySettings:
    """The checked values as settings; a password written into the database URL refused."""
    if url_password(values.get("database", "")) and not values.get("database_password_in_url"):
        report(
            "the URL holds a password, and publisher.toml is often shared",
            "database",
            hint="take it out of the URL and set PGPASSWORD, a line in ~/.pgpass, or the"
            " variable [delivery] database_password_env names"
            " (or, if you must, database_password_in_url = true)",
        )
        values.pop("database")
    return DeliverySettings(**values)


def parse_listen(text: str) -> tuple[str, int]:
    """HOST:PORT (an IPv6 host in brackets) → (host, port), or ValueError."""
    match = _LISTEN.match(text)
    if not match or not 0 < int(match.group("port")) < 65536:
        raise ValueError(f"{text!r} is not HOST:PORT\nfor example 127.0.0.1:8080")
    return match.group("host").strip("[]"), int(match.group("port"))


def _at_least_one(value: float) -> None:
    if value == 0:
        raise ValueError("must be at least 1")


def _port(value: int) -> None:
    if value > 65535:
        raise ValueError(f"{value} is not a TCP port")


def _env_name(value: str) -> None:
    if not _ENV_NAME.match(value):
        raise ValueError(
            f"{value!r} is not an environment variable name\n"
            "name the variable that holds the secret, e.g. PUBLISHER_SMTP_PASSWORD"
        )


def _host(value: str) -> None:
    if value and not _DNS_LABELS.match(value):
        raise ValueError(f"{value!r} is not a host or domain name")


def _ip_address(value: str) -> None:
    if value:
        try:
            ipaddress.ip_address(value)
        except ValueError:
            raise ValueError(
                f"{value!r} is not an IP address\nfor example 172.17.0.1, the address the web"
                " server in front connects from"
            ) from None


def _bare_address(value: str) -> None:
    if value and ("@" not in value or " " in value or "<" in value):
        raise ValueError(f"{value!r} is not a bare address\nfor example bounces@example.org")


def _database(value: str) -> None:
    if is_postgres_url(value):
        _check_postgres_url(value)
    elif not value or Path(value).is_absolute() or ".." in Path(value).parts:
        raise ValueError(
            f"{value!r} is not a file name inside the workspace\n"
            'for example database = "subscribers.sqlite3"'
            ' or "postgresql://publisher@db.example.org/newsletter"'
        )


def _text(value: Any) -> str:
    try:
        return single_line(value)
    except ValueError:
        raise ValueError(f"{value!r} is not a single-line string") from None


_COUNT = whole_number(0)
_SECONDS = number(0)
_MODE = choice(SECURITY_MODES, "mode")


def _bounce_address(value: str) -> None:
    if value:
        _check_bounce_address(value)


def _check_postgres_url(value: str) -> None:
    """A URL libpq can read, naming a host or a socket and a database."""
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 - a bad port raises here
    except ValueError as exc:
        raise ValueError(
            f"{value!r} is not a PostgreSQL URL: {exc}\n"
            "for example postgresql://publisher@db.example.org/newsletter"
        ) from None
    if not parts.path.strip("/"):
        raise ValueError(
            f"{value!r} names no database\n"
            "add it after the host: postgresql://publisher@db.example.org/newsletter"
        )


def _check_bounce_address(value: str) -> None:
    """A bare address whose local part leaves room for '+' and a VERP token (64 octets)."""
    local, _, domain = value.rpartition("@")
    if not local or not _DNS_LABELS.match(domain) or not re.fullmatch(r"[A-Za-z0-9._\-]+", local):
        raise ValueError(f"{value!r} is not a bare address\nfor example bounces@example.org")
    if len(local) > 24:
        raise ValueError(
            f"the local part {local!r} is too long: a VERP token needs room in its 64 octets\n"
            "use at most 24 characters before the @, e.g. bounces@example.org"
        )


def _secret(variable: str, what: str, key: str, keep: str = "") -> str:
    value = os.environ.get(variable, "")
    if not value.strip():
        raise PublisherError.at(
            f"{what} is not set: the environment variable ${variable} is empty",
            hint=f"export {variable}=…{keep} before running publisher "
            f"(publisher.toml names the variable in [delivery] {key}, never the secret)",
        )
    return value.strip()


def _secret_elsewhere(key: str, default: str) -> str:
    """The hint for a secret written into publisher.toml, which is often shared or kept in
    version control: the setting that names its environment variable instead."""
    return (
        f"secrets never go in publisher.toml: take the line out and set the environment"
        f" variable, export {default}=… before running publisher (another variable's name"
        f" goes in [delivery] {key})"
    )


# The [delivery] table, registered in pyproject.toml's `publisher.settings` entry points:
# publisher.toml reads it without config.py importing this package.
DELIVERY_TABLE = Table(
    {
        "database": Setting(then(_text, _database)),
        "database_password_env": Setting(then(_text, _env_name)),
        "database_password_in_url": Setting(flag),
        "smtp_host": Setting(then(_text, _host)),
        "smtp_port": Setting(then(_COUNT, _port)),
        "smtp_security": Setting(_MODE),
        "smtp_username": Setting(_text),
        "smtp_password_env": Setting(then(_text, _env_name)),
        "secret_key_env": Setting(then(_text, _env_name)),
        "envelope_from": Setting(then(_text, _bare_address)),
        "rate": Setting(_SECONDS),
        "connections": Setting(then(_COUNT, _at_least_one)),
        "retry_delay": Setting(_SECONDS),
        "retry_window": Setting(_SECONDS),
        "pause_after_failures": Setting(then(_COUNT, _at_least_one)),
        "timeout": Setting(then(_SECONDS, _at_least_one)),
        "database_timeout": Setting(_SECONDS),
        "listen": Setting(then(_text, parse_listen)),
        "trusted_proxy": Setting(then(_text, _ip_address)),
        "unsubscribe_link_days": Setting(_COUNT),
        "confirm_link_hours": Setting(_COUNT),
        "dkim_selector": Setting(then(_text, _host)),
        "dkim_domain": Setting(then(_text, _host)),
        "dkim_key_env": Setting(then(_text, _env_name)),
        "bounce_address": Setting(then(_text, _bounce_address)),
        "soft_bounce_limit": Setting(then(_COUNT, _at_least_one)),
        "soft_bounce_days": Setting(then(_COUNT, _at_least_one)),
        "imap_host": Setting(then(_text, _host)),
        "imap_port": Setting(then(_COUNT, _port)),
        "imap_security": Setting(_MODE),
        "imap_username": Setting(_text),
        "imap_password_env": Setting(then(_text, _env_name)),
        "imap_folder": Setting(_text),
        "subscribe_form": Setting(flag),
        "welcome_issue": Setting(flag),
    },
    make=_settings,
    expected_elsewhere={
        secret: _secret_elsewhere(f"{secret}_env", default)
        for secret, default in (
            ("smtp_password", DeliverySettings.smtp_password_env),
            ("imap_password", DeliverySettings.imap_password_env),
            ("database_password", DeliverySettings.database_password_env),
            ("secret_key", DeliverySettings.secret_key_env),
            ("dkim_key", DeliverySettings.dkim_key_env),
        )
    },
)
