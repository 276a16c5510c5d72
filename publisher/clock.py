"""The time a run of publisher works at: SOURCE_DATE_EPOCH's when it is set, so that builds
(and imports that date a post by the day) give the same result every time; and the instant
a date given only as a day stands for where a time is needed (feeds)."""

from __future__ import annotations

import datetime as dt
import os

from .errors import PublisherError


def build_time() -> dt.datetime:
    """SOURCE_DATE_EPOCH when set (reproducible builds), otherwise now, to the second."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:  # digits only, as `date +%s` writes them: -5 made issues of 1969
            if not (epoch.isascii() and epoch.isdigit()):
                raise ValueError(epoch)
            return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC)
        except (ValueError, OverflowError, OSError):  # the others: past what time_t holds
            raise PublisherError.at(
                f"SOURCE_DATE_EPOCH={epoch!r} is not a number of seconds",
                hint="unset it, or set it to e.g. $(git log -1 --format=%ct)",
            ) from None
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def day_instant(day: dt.date, time_zone: str = "UTC") -> dt.datetime:
    """`day` as an instant for a format that needs one (Atom, RSS): noon in the newsletter's
    `time_zone` (publisher.toml's, an IANA name; never the machine's, so builds stay the
    same). Midnight UTC was the evening before for readers in the Americas; noon is the same
    calendar day for readers up to 11 hours either side of the zone."""
    from zoneinfo import ZoneInfo

    zone = dt.UTC if time_zone == "UTC" else ZoneInfo(time_zone)
    return dt.datetime(day.year, day.month, day.day, 12, tzinfo=zone)
