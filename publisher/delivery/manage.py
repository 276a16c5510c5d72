"""What `publisher subscribers …` does, given a workspace: open its list, change it, and send
confirmation links to new pending subscribers (double opt-in)."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from ..config import Config, load_config
from ..errors import PublisherError
from ..output import atomic_write
from . import subscribers as subs
from .list_import import import_csv
from .store import Database as Connection
from .store import open_database, reporting_errors, transaction


@dataclass
class Added:
    subscriber: subs.Subscriber
    outcome: str  # added, updated, unchanged
    unconfirmed: list[tuple[str, str]] = field(default_factory=list)  # confirmation not sent


@contextmanager
def subscriber_list(root: Path) -> Iterator[tuple[Config, Connection]]:
    config = load_config(root, list_only=True)
    path = config.delivery.database_path(root)
    with reporting_errors(path):
        db = open_database(path, wait=config.delivery.database_timeout)
        try:
            yield config, db
        finally:
            db.close()


def add(
    root: Path,
    address: str,
    name: str = "",
    language: str = "",
    tags: tuple[str, ...] = (),
    source: str = "",
    double_opt_in: bool = False,
) -> Added:
    """With `double_opt_in`, someone who unsubscribed is emailed a link, as the subscribe
    form does for them: they stay off the list unless they follow it themselves."""
    with subscriber_list(root) as (config, db):
        confirm = _confirmer(config, db) if double_opt_in else None
        try:
            new = subs.check(
                address, name, language, tags, "pending" if double_opt_in else "active", source
            )
            subscriber, outcome = subs.add(db, new)
        except ValueError as exc:
            back = _unsubscribed(db, address) if confirm else None
            if back is None:
                raise PublisherError.at(f"cannot add {address}: {exc}") from None
            subscriber, outcome = back, "sent a link to come back"
        added = Added(subscriber, outcome)
        if subscriber.status in ("pending", "unsubscribed") and confirm:
            added.unconfirmed = confirm(db, [subscriber])
            if added.unconfirmed and subscriber.status == "unsubscribed":
                added.outcome = "unchanged"
        return added


def _unsubscribed(db: Connection, address: str) -> subs.Subscriber | None:
    """The subscriber at `address` if they unsubscribed: the one status a link may undo."""
    try:
        found = subs.find(db, subs.normalise_address(address))
    except ValueError:
        return None
    return found if found is not None and found.status == "unsubscribed" else None


def import_file(
    root: Path, path: Path, double_opt_in: bool = False, source: str = ""
) -> tuple[subs.ImportReport, list[tuple[str, str]]]:
    """The report, and the new pending subscribers whose confirmation could not be sent."""
    with subscriber_list(root) as (config, db):
        confirm = _confirmer(config, db) if double_opt_in else None
        status = "pending" if double_opt_in else "active"
        report = import_csv(db, path, status, source or f"import of {path.name}")
        pending = [s for s in report.added if s.status == "pending"]
        return report, confirm(db, pending) if confirm and pending else []


def remove(root: Path, address: str) -> subs.Subscriber:
    with subscriber_list(root) as (_config, db):
        return subs.remove(db, address)


def reactivate(root: Path, address: str, reason: str) -> tuple[subs.Subscriber, str]:
    """The subscriber back on the list and the status they had ('' if on it already); the
    bounces reported before now no longer count towards soft_bounce_limit."""
    from .bounce_policy import count_bounces_from_now

    with subscriber_list(root) as (_config, db), transaction(db):
        subscriber, was = subs.reactivate(db, address, reason)
        if was:
            count_bounces_from_now(db, subscriber, reason)
        return subscriber, was


@contextmanager
def listing(
    root: Path, status: str | None = None
) -> Iterator[tuple[Iterator[subs.Listed], dict[str, int]]]:
    """The subscribers (with `status`), streamed a page at a time while the list is open,
    and the length of the longest value of each text field among them."""
    with subscriber_list(root) as (_config, db):
        yield subs.stream_subscribers(db, status), subs.widest(db, status)


def export(root: Path, path: Path) -> int:
    """Every subscriber, whatever their status, so the file can restore the list: the CSV
    that `subscribers list --format csv` prints, written atomically."""
    count, data = exported(root)
    atomic_write(path, data)  # names a file it cannot write
    return count


def exported(root: Path) -> tuple[int, bytes]:
    """How many subscribers there are, and the file `export` writes of them."""
    from .listing import write_csv

    with subscriber_list(root) as (_config, db):
        text = io.StringIO(newline="")
        count = write_csv(subs.stream_subscribers(db), text)
    # With a byte order mark, as Excel's own "CSV UTF-8" has: opened in Excel without
    # one, every accented and Arabic name reads garbled ("ZoÃ©"). Imports pass over it.
    return count, text.getvalue().encode("utf-8-sig")


Confirm = Callable[[Connection, list[subs.Subscriber]], list[tuple[str, str]]]


def _confirmer(config: Config, db: Connection) -> Confirm:
    """Checks the secrets double opt-in needs before anything changes."""
    from .confirm import send_confirmations
    from .dkim_signer import configured_signer
    from .tokens import Tokens

    tokens = Tokens.for_list(config, db)
    config.delivery.smtp_password()
    configured_signer(config)  # a selector without its key, or a bad key
    return partial(send_confirmations, config, tokens=tokens)
