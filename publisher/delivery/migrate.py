"""`publisher subscribers migrate --to DATABASE`: the whole list, with its history, copied
into an empty database (typically from the workspace's SQLite file to PostgreSQL).

Everything goes in one transaction on the target, read from one consistent snapshot of the
source (its writers wait meanwhile), and the row counts of every table are compared
before the commit: a copy is complete or not there at all. A target that holds anything
is refused, so a second run can never mix two lists.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..config import load_config
from ..errors import PublisherError
from .location import PostgresUrl, is_postgres_url
from .schema import IDENTITY_TABLES, TABLES
from .store import Location, dialect, open_database, reporting_errors, transaction


@dataclass
class Migration:
    source: Location
    target: Location
    counts: dict[str, int] = field(default_factory=dict)  # rows copied, per table


def migrate(root: Path, target: str) -> Migration:
    settings = load_config(root, list_only=True).delivery
    source_location = settings.database_path(root)
    if is_postgres_url(target):
        target_location: Location = PostgresUrl(target, settings.database_password_env)
    else:
        target_location = root / target
    if str(target_location) == str(source_location):
        raise PublisherError.at(
            f"the list is in {source_location} already",
            hint="give --to another database: a postgresql://… URL or a new SQLite file",
        )
    migration = Migration(source_location, target_location)
    with reporting_errors(source_location):
        source = open_database(source_location, wait=settings.database_timeout)
    try:
        with reporting_errors(target_location):
            destination = open_database(target_location, wait=settings.database_timeout)
            try:
                migration.counts = _copy(source, destination, target_location)
            finally:
                destination.close()
    finally:
        source.close()
    return migration


def _copy(source: Any, destination: Any, where: Location) -> dict[str, int]:
    with transaction(source), transaction(destination):
        used = [table for table in TABLES if _count(destination, table)]
        if used:
            raise PublisherError.at(
                f"{where} is not empty: it has {', '.join(used)}",
                hint="migrate into a new, empty database (createdb NAME), never one in use",
            )
        expected = {table: _count(source, table) for table in TABLES}
        for table in TABLES:
            names = [
                column[0] for column in source.execute(f"SELECT * FROM {table} LIMIT 0").description
            ]
            rows = source.tuples(f"SELECT {', '.join(names)} FROM {table}")
            if rows:
                marks = ", ".join("?" for _ in names)
                destination.executemany(
                    f"INSERT INTO {table} ({', '.join(names)}) VALUES ({marks})", rows
                )
        if dialect(destination) == "postgresql":
            for table in IDENTITY_TABLES:  # the next id after the copied ones
                destination.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'),"
                    f" COALESCE(MAX(id), 0) + 1, false) FROM {table}"
                )
        copied = {table: _count(destination, table) for table in TABLES}
        if copied != expected:  # raising here rolls the whole copy back
            raise PublisherError.at(
                f"the copy into {where} does not match the list: {copied} for {expected}",
                hint="nothing was written; report this as a bug",
            )
    return copied


def _count(db: Any, table: str) -> int:
    return int(db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])
