"""A gzipped file's content, unpacked in memory up to a bound: a mailing list's month is
a few megabytes, while a small hostile .gz can unpack to gigabytes (a gzip bomb)."""

from __future__ import annotations

import gzip
import io
import zlib
from pathlib import Path

from ..errors import PublisherError
from ..limits import MB

# far above a list's month of messages (Mailman's are kilobytes to a few megabytes)
UNPACKED_AT_MOST = 64 * MB


def gunzipped(data: bytes, source: Path) -> bytes:
    """What the gzip file `source` (its bytes `data`) holds, refused when it is damaged or
    unpacks to more than UNPACKED_AT_MOST bytes."""
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as unpacking:
            inner = unpacking.read(UNPACKED_AT_MOST + 1)
    except (OSError, EOFError, zlib.error) as exc:  # not gzip, cut short, or corrupt
        raise PublisherError.at(
            f"a damaged or unfinished gzip file ({exc})",
            source,
            hint="download it again, or unpack it (gunzip) and import what it holds",
        ) from None
    if len(inner) > UNPACKED_AT_MOST:
        raise PublisherError.at(
            f"a gzip file that unpacks to over {UNPACKED_AT_MOST // MB} MB, far more than"
            " documents to publish",
            source,
            hint="unpack it (gunzip) and import the documents it holds one by one",
        )
    return inner
