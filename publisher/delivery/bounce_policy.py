"""`publisher bounces SOURCE`: read what came back, find whom each report is about, and
decide: a hard bounce or a complaint suppresses the address at once; soft bounces suppress
it once [delivery] soft_bounce_limit of them, about as many copies, arrive within
soft_bounce_days; a delay notice changes nothing (the copy may still arrive); a request to
unsubscribe sent by a mail client (List-Unsubscribe's mailto:) unsubscribes the reader its
signed token names, as the one-click link does.

Each report is one row of `bounce_events`, written in the same transaction as the status
change it causes, so every suppression names the report behind it, and a report already
recorded (by Message-ID) is skipped: reading a mailbox twice never counts anything twice.
Only one recorded as "other" (neither bounce nor complaint) is read again, and replaced if
it now reads as one: an earlier reader took real bounces for auto-replies.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field
from pathlib import Path

from ..config import load_config
from . import subscribers as subs
from .bounce_sources import read_source
from .bounces import Report, read_report, report_identity
from .settings import DeliverySettings
from .store import Database, now_iso, open_database, reporting_errors, transaction
from .tokens import InvalidToken, Tokens
from .verp import Verp, for_settings


@dataclass(frozen=True)
class Unmatched:
    report_id: str
    where: str
    why: str


@dataclass(frozen=True)
class Unread:
    """A report about a subscriber read as neither a bounce nor a complaint: listed, so a
    format nothing reads is seen rather than counted as "other" and never looked at again."""

    address: str
    report_id: str
    where: str
    diagnostic: str


@dataclass
class BounceSummary:
    source: str
    read: int = 0  # messages looked at (on IMAP: those not recognised by their headers)
    already: int = 0  # recorded by an earlier run
    kinds: dict[str, int] = field(default_factory=dict)  # new reports by kind
    suppressed: list[tuple[str, str]] = field(default_factory=list)  # (address, new status)
    unsubscribed: list[str] = field(default_factory=list)  # addresses that asked by mail
    counted: list[tuple[str, int]] = field(default_factory=list)  # soft: (address, in window)
    not_counted: list[tuple[str, str]] = field(default_factory=list)  # (address, why)
    unmatched: list[Unmatched] = field(default_factory=list)
    unread: list[Unread] = field(default_factory=list)

    def lines(self, most: int = 20) -> list[str]:
        """The editor's report: what was read, what it did, and what matched nobody."""
        new = sum(self.kinds.values())
        kinds = ", ".join(f"{self.kinds.get(k, 0)} {_KIND_WORDS[k]}" for k in _KIND_WORDS)
        lines = [f"{self.source}: {new} new report(s) ({kinds}); {self.already} read before"]
        for address, status in self.suppressed[:most]:
            lines.append(f"  suppressed {address}: {status}")
        if len(self.suppressed) > most:
            lines.append(f"  … and {len(self.suppressed) - most} more suppressed")
        for address in self.unsubscribed[:most]:
            lines.append(f"  unsubscribed {address}: asked by mail")
        if len(self.unsubscribed) > most:
            lines.append(f"  … and {len(self.unsubscribed) - most} more unsubscribed")
        for address, count in self.counted[:most]:
            lines.append(f"  soft bounce counted for {address} ({count} in the window)")
        if len(self.counted) > most:
            lines.append(f"  … and {len(self.counted) - most} more soft bounces counted")
        for address, why in self.not_counted[:most]:
            lines.append(f"  not counted for {address}: {why}")
        if len(self.not_counted) > most:
            lines.append(f"  … and {len(self.not_counted) - most} more not counted")
        for item in self.unmatched[:most]:
            lines.append(f"  mapped to nobody: {item.where} {item.report_id}: {item.why}")
        if len(self.unmatched) > most:
            lines.append(f"  … and {len(self.unmatched) - most} more mapped to nobody")
        for unread in self.unread[:most]:
            lines.append(
                f"  not read as a bounce or complaint: {unread.address}, {unread.where}"
                f" {unread.report_id}: {unread.diagnostic}"
            )
        if len(self.unread) > most:
            lines.append(
                f"  … and {len(self.unread) - most} more not read as a bounce or complaint"
            )
        lines.append(
            f"{len(self.suppressed)} suppressed, {len(self.unsubscribed)} unsubscribed,"
            f" {len(self.counted)} soft bounce(s) counted, {len(self.unmatched)} mapped to nobody"
        )
        return lines


_DELAYED = "a delay notice (the message may still arrive)"
_REPEATED = "soft bounce about a copy already counted: not counted again"

_KIND_WORDS = {
    "hard": "hard bounce(s)",
    "soft": "soft bounce(s)",
    "delay": "delay notice(s)",  # kind "other" in bounce_events
    "complaint": "complaint(s)",
    "unsubscribe": "unsubscribe request(s)",  # kind "other" in bounce_events
    "other": "other",
}


def process(root: Path, source: str, now: dt.datetime | None = None) -> BounceSummary:
    """Reads SOURCE and applies the policy; `now` is when the reports count as received."""
    config = load_config(root, list_only=True)
    settings = config.delivery
    verp = for_settings(settings)
    path = settings.database_path(root)
    summary = BounceSummary(source)
    with reporting_errors(path):
        db = open_database(path, wait=settings.database_timeout)
        # needs the secret: only if asked; outside _apply's transaction (it writes)
        tokens = functools.cache(lambda: Tokens.for_list(config, db))
        try:

            def known(message_id: str) -> bool:  # an IMAP message recognised by its headers
                seen = _settled(db, message_id)
                summary.already += seen
                return seen

            for returned in read_source(source, settings, known):
                summary.read += 1
                if _settled(db, report_identity(returned.message, returned.raw)):
                    summary.already += 1
                    continue
                report = read_report(returned.message, returned.raw)
                reader = tokens() if report.unsubscribe_token else None
                _apply(db, report, returned.where, verp, reader, settings, now, summary)
        finally:
            db.close()
    return summary


def _apply(
    db: Database,
    report: Report,
    where: str,
    verp: Verp | None,
    tokens: Tokens | None,
    settings: DeliverySettings,
    now: dt.datetime | None,
    summary: BounceSummary,
) -> None:
    received = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
    received_at = received.isoformat(timespec="seconds")
    stored = "other" if report.kind == "delay" else report.kind  # see BOUNCE_KINDS
    with transaction(db):
        recorded = _recorded(db, report.report_id)
        if recorded is not None and (recorded != "other" or stored == "other"):
            summary.already += 1
            return
        if recorded is not None:  # misread as "other" by an earlier reader: read anew
            db.execute("DELETE FROM bounce_events WHERE report_id = ?", (report.report_id,))
        if report.unsubscribe_token and tokens is not None:
            subscriber, issue, why = _asking(db, report, tokens)
            address = subscriber.address if subscriber else ""
            decision = _unsubscribe(db, report, subscriber, issue, summary)
        else:
            subscriber, address, why = _whom(db, report, verp)
            decision = _decide(db, report, subscriber, received, settings, summary)
        if subscriber is None:
            decision = f"mapped to nobody: {why}"
            summary.unmatched.append(Unmatched(report.report_id, where, why))
        elif report.kind == "other" and not report.unsubscribe_token:
            summary.unread.append(
                Unread(subscriber.address, report.report_id, where, report.diagnostic)
            )
        db.execute(
            "INSERT INTO bounce_events (report_id, subscriber_id, kind, received_at, address,"
            " diagnostic, decision, original_message_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                report.report_id,
                subscriber.id if subscriber else None,
                stored,
                received_at,
                address,
                report.diagnostic,
                decision,
                report.original_id,
            ),
        )
    kind = "unsubscribe" if report.unsubscribe_token else report.kind
    summary.kinds[kind] = summary.kinds.get(kind, 0) + 1


def _whom(
    db: Database, report: Report, verp: Verp | None
) -> tuple[subs.Subscriber | None, str, str]:
    """The subscriber, the address that told us, and why nobody when nobody. A report that
    came to a VERP address is about that subscriber or, if its token is not ours, nobody;
    only a report that came to no VERP address is matched by the failed address it names."""
    ours = [a for a in report.delivered_to if verp and verp.is_ours(a)]
    for address in ours:
        subscriber_id = verp.subscriber(address) if verp else None
        if subscriber_id is not None:
            subscriber = subs.get(db, subscriber_id)
            if subscriber is not None:
                return subscriber, address, ""
            return None, address, f"no subscriber {subscriber_id} on this list"
    if any("+" in a.partition("@")[0] for a in ours):
        return None, ours[0], "its VERP token was not made with this list's key"
    for address in report.failed:
        subscriber = _find(db, address)
        if subscriber is not None:
            return subscriber, address, ""
    if report.failed:
        return None, report.failed[0], "the failed address is not on the list"
    return None, ours[0] if ours else "", "it names no address of this list"


def _asking(
    db: Database, report: Report, tokens: Tokens
) -> tuple[subs.Subscriber | None, str, str]:
    """The subscriber an unsubscribe request's token names, the issue whose email it came
    from, and why nobody when nobody. The token says whom, not the From address, which
    anyone can write and which may be an alias."""
    try:
        claim = tokens.read_unsubscribe(report.unsubscribe_token)
    except InvalidToken as exc:
        return None, "", f"its unsubscribe token: {exc}"
    subscriber = subs.get(db, claim.subscriber_id)
    if subscriber is None:
        return None, claim.issue, f"no subscriber {claim.subscriber_id} on this list"
    return subscriber, claim.issue, ""


def _unsubscribe(
    db: Database,
    report: Report,
    subscriber: subs.Subscriber | None,
    issue: str,
    summary: BounceSummary,
) -> str:
    """What an unsubscribe request does, in words for the events table."""
    if subscriber is None:
        return ""
    if subscriber.status in subs.SUPPRESSED:
        return f"already {subscriber.status}: nothing changed"
    source = f"asked by mail, from the email of {issue} (report {report.report_id})"
    subs.set_status(db, subscriber.id, "unsubscribed", source[:500])
    summary.unsubscribed.append(subscriber.address)
    return "unsubscribed: asked by mail"


def _find(db: Database, address: str) -> subs.Subscriber | None:
    try:
        return subs.find(db, subs.normalise_address(address))
    except ValueError:
        return None


def _decide(
    db: Database,
    report: Report,
    subscriber: subs.Subscriber | None,
    received: dt.datetime,
    settings: DeliverySettings,
    summary: BounceSummary,
) -> str:
    """What the report does to the subscriber, in words for the events table."""
    if subscriber is None:
        return ""
    if report.kind == "other":
        return "not a bounce or a complaint: nothing changed"
    if report.kind == "delay":
        summary.not_counted.append((subscriber.address, _DELAYED))
        return f"{_DELAYED}: nothing changed"
    if subscriber.status in subs.SUPPRESSED:
        return f"already {subscriber.status}: nothing changed"
    date = received.date().isoformat()
    if report.kind == "soft":
        window_starts = (received - dt.timedelta(days=settings.soft_bounce_days)).isoformat(
            timespec="seconds"
        )
        since = _counting_since(db, subscriber.id, window_starts)
        counted = _copies_counted(db, subscriber.id, since)
        copy = report.original_id or _last_copy(
            db, subscriber.id, received.isoformat(timespec="seconds")
        )
        if copy in counted:
            summary.not_counted.append((subscriber.address, _REPEATED))
            return _REPEATED
        count = len(counted) + 1  # copies, not reports: those about one copy count once
        if count < settings.soft_bounce_limit:
            summary.counted.append((subscriber.address, count))
            return f"soft bounce {count} of {settings.soft_bounce_limit} in {settings.soft_bounce_days} days"
        status = "bounced"
        reason = (
            f"{count} soft bounces in {settings.soft_bounce_days} days, the last {date}:"
            f" {report.diagnostic}"
        )
    else:
        status = "complained" if report.kind == "complaint" else "bounced"
        what = "spam complaint" if report.kind == "complaint" else "hard bounce"
        reason = f"{what} {date}: {report.diagnostic}"
    subs.set_status(db, subscriber.id, status, f"{reason} (report {report.report_id})"[:500])
    summary.suppressed.append((subscriber.address, status))
    return f"suppressed: {status}"


_REACTIVATED = "reactivated by an editor"  # the decision of a bounce_events row that resets


def count_bounces_from_now(db: Database, subscriber: subs.Subscriber, reason: str) -> None:
    """The soft bounces reported so far stop counting (an editor put the address back on
    the list): recorded as an event of its own, in the caller's transaction, so that the
    next soft bounce is the first, not the one over the limit."""
    now = now_iso()
    db.execute(
        "INSERT INTO bounce_events (report_id, subscriber_id, kind, received_at, address,"
        " diagnostic, decision) VALUES (?, ?, 'other', ?, ?, ?, ?)",
        (
            f"reactivated:{subscriber.id}:{now}",
            subscriber.id,
            now,
            subscriber.address,
            reason.strip()[:300],
            f"{_REACTIVATED}: bounces before this no longer count",
        ),
    )


def _counting_since(db: Database, subscriber_id: int, window_starts: str) -> str:
    """Since when soft bounces count: the window's start, or the address's reactivation
    if that came later."""
    reactivated = db.one(
        "SELECT MAX(received_at) FROM bounce_events WHERE subscriber_id = ? AND decision LIKE ?",
        (subscriber_id, f"{_REACTIVATED}:%"),
    )[0]
    return max(window_starts, reactivated or "")


def _copies_counted(db: Database, subscriber_id: int, since: str) -> set[str]:
    """The copies the soft bounces in the window are about: a relay and the reader's server
    may each report one copy given up on, which is one failure. A report that names no copy
    (read by publisher before the list kept it, or quoting no Message-ID) is taken as about
    the last copy sent to the reader before it came, else as one of its own."""
    rows = db.execute(
        "SELECT report_id, received_at, original_message_id FROM bounce_events"
        " WHERE subscriber_id = ? AND kind = 'soft' AND received_at > ?",
        (subscriber_id, since),
    ).fetchall()
    return {
        str(named or _last_copy(db, subscriber_id, str(received_at)) or report_id)
        for report_id, received_at, named in rows
    }


def _last_copy(db: Database, subscriber_id: int, before: str) -> str:
    """The Message-ID of the last copy sent to the subscriber before `before` (ISO time):
    the one a soft bounce that names none is most likely about; "" if none was."""
    row = db.execute(
        "SELECT d.message_id FROM sends s JOIN deliveries d ON d.send_id = s.id"
        " WHERE d.subscriber_id = ? AND d.state IN ('sent', 'unknown') AND s.started_at <= ?"
        " ORDER BY s.started_at DESC, s.id DESC LIMIT 1",
        (subscriber_id, before),
    ).fetchone()
    return str(row[0]) if row else ""


def _settled(db: Database, report_id: str) -> bool:
    """Whether a report is recorded as what it is: one recorded as "other" may be a bounce
    an earlier reader did not recognise, and is read again (but a delay notice, known by
    what it did, is what it is)."""
    return _recorded(db, report_id) not in (None, "other")


def _recorded(db: Database, report_id: str) -> str | None:
    """The kind a report was recorded as (a delay notice's: delay), None if it never was."""
    row = db.execute(
        "SELECT kind, decision FROM bounce_events WHERE report_id = ?", (report_id,)
    ).fetchone()
    if row is None:
        return None
    return "delay" if str(row[1]).startswith(_DELAYED) else str(row[0])
