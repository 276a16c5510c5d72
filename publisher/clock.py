"""The time a run of publisher works at: SOURCE_DATE_EPOCH's when it is set, so that builds
(and imports that date a post by the day) give the same result every time."""

from __future__ import annotations

import datetime as dt
import os

from .errors import PublisherError


def build_time() -> dt.datetime:
    """SOURCE_DATE_EPOCH when set (reproducible builds), otherwise now, to the second."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC)
        except ValueError:
            raise PublisherError.at(
                f"SOURCE_DATE_EPOCH={epoch!r} is not a number of seconds",
                hint="unset it, or set it to e.g. $(git log -1 --format=%ct)",
            ) from None
    return dt.datetime.now(dt.UTC).replace(microsecond=0)
