"""Bytes of unknown encoding → text: UTF-8 (with or without BOM), Windows-1252, Latin-1 and
others detected by charset-normalizer; CRLF and CR line ends folded to LF."""

from __future__ import annotations

from pathlib import Path

from ..errors import PublisherError


def decode_text(data: bytes, path: Path) -> str:
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise _unreadable(path, "it contains NUL bytes, so it is not text")
    try:
        text = data.decode("utf-8-sig")
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
