"""Where the subscriber list lives: a SQLite file in the workspace, or a PostgreSQL URL.

Kept apart from postgres.py so that reading publisher.toml never imports psycopg.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

SCHEMES = ("postgresql://", "postgres://")


def is_postgres_url(text: str) -> bool:
    return text.startswith(SCHEMES)


def url_password(text: str) -> str | None:
    try:
        return urlsplit(text).password
    except ValueError:
        return None


@dataclass(frozen=True)
class PostgresUrl:
    """A PostgreSQL database, and the environment variable that may hold its password.
    Shown (in messages, in `str`) without any password or query the URL carries."""

    url: str
    password_env: str = ""

    def __str__(self) -> str:
        parts = urlsplit(self.url)
        host = parts.hostname or ""
        if ":" in host:
            host = f"[{host}]"
        if parts.port:
            host = f"{host}:{parts.port}"
        user = f"{parts.username}@" if parts.username else ""
        return urlunsplit((parts.scheme, user + host, parts.path, "", ""))
