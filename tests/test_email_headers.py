"""The email's subject and sender read as written in every script, as a mail reader decodes
them (RFC 2047: the space between two encoded words is dropped). Python's email package,
folding a long Arabic subject, put the space between two words outside the encoded words:
"العدد الثاني" arrived as "العددالثاني"."""

from __future__ import annotations

from collections.abc import Callable
from email.header import decode_header, make_header
from pathlib import Path

import pytest

from publisher.build import build

ARABIC_TITLE = "العدد الثاني: التضامن"
ARABIC_SENDER = "شبكة عمال الأرصفة في الميناء الشرقي للتضامن النقابي"


def built_email(root: Path, title: str, sender: str, language: str) -> bytes:
    manifest = root / "issues" / "001-first.yaml"
    text = manifest.read_text().replace('title: "First issue"', f'title: "{title}"')
    manifest.write_text(f"{text}language: {language}\n")
    config = root / "publisher.toml"
    config.write_text(
        config.read_text().replace(
            'from = "Minimal Bulletin <news@minimal.example.org>"',
            f'from = "{sender} <news@minimal.example.org>"',
        )
    )
    return (build(root, formats=["email"]).out_dir / "001-first" / "email.eml").read_bytes()


@pytest.mark.parametrize(
    ("title", "sender", "language", "number"),
    [
        (ARABIC_TITLE, ARABIC_SENDER, "ar", "العدد 1"),
        ("Huelga en el hospital: las limpiadoras no están solas", "Boletín", "es", "N.º 1"),
        ("A short English title", "Minimal Bulletin", "en", "No. 1"),
    ],
)
def test_subject_and_sender_read_as_written(
    workspace: Callable[[str], Path], title: str, sender: str, language: str, number: str
) -> None:
    raw = built_email(workspace("minimal"), title, sender, language)
    head = raw.split(b"\r\n\r\n", 1)[0].decode("ascii")
    fields = dict(field.split(": ", 1) for field in head.replace("\r\n ", " ").split("\r\n"))
    subject = str(make_header(decode_header(fields["Subject"])))
    assert subject == f"Minimal Test Bulletin {number}: {title}"
    shown, address = fields["From"].rsplit(" ", 1)
    assert (str(make_header(decode_header(shown))), address) == (
        sender,
        "<news@minimal.example.org>",
    )
    assert max(len(line) for line in head.split("\r\n")) <= 78
