"""Bytes of unknown encoding → text: UTF-8 (with or without BOM), Windows-1252, Latin-1 and
others detected by charset-normalizer; CRLF and CR line ends folded to LF.

UTF-8 carrying encoded lone surrogates (broken JSON, Windows file names) is still read as
UTF-8: the surrogates are control noise that `publisher.controls` removes with a warning,
not a reason to guess another encoding and garble every accented letter."""

from __future__ import annotations

from pathlib import Path

from ..controls import clean_text
from ..errors import PublisherError


def decode_text(data: bytes, path: Path) -> str:
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise _unreadable(path, "it contains NUL bytes, so it is not text")
    try:
        text = data.decode("utf-8-sig", errors="surrogatepass")
    except UnicodeDecodeError:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        if best is None:
            raise _unreadable(path, "no text encoding fits its bytes") from None
        text = str(best)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _unreadable(path: Path, why: str) -> PublisherError:
    return PublisherError.at(
        f"cannot read this file as text: {why}",
        path,
        hint="export it from its program as .txt, .html, .docx or .odt",
    )


def clean_extracted(text: str, path: Path) -> str:
    """Text a converter pulled out of `path` (entities like &#11; included), without control
    characters; the warning's line number counts in the extracted text, and says so."""
    return clean_text(text, f"{path} (extracted text)")
