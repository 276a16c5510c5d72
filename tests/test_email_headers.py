"""The email's subject and sender read as written in every script, as a mail reader decodes
them (RFC 2047: the space between two encoded words is dropped). Python's email package,
folding a long Arabic subject, put the space between two words outside the encoded words:
"العدد الثاني" arrived as "العددالثاني"."""

from __future__ import annotations

import re
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
    # RFC 2047's limit: a longer encoded word is shown raw by strict readers.
    assert max(map(len, re.findall(r"=\?[^?]+\?[bBqQ]\?[^?]*\?=", head)), default=0) <= 75


def test_a_sender_at_an_international_domain_is_sent_in_its_ascii_form(
    workspace: Callable[[str], Path],
) -> None:
    """RFC 2047 forbids an encoded word inside an address: "nb@exämple.net" went out as
    <nb@=?utf-8?q?ex=C3=A4mple?=.net>, which no mail server delivers to. The domain's
    ASCII form (IDNA) is the same address, as subscribers' addresses are stored."""
    root = workspace("minimal")
    config = root / "publisher.toml"
    config.write_text(
        config.read_text().replace(
            'from = "Minimal Bulletin <news@minimal.example.org>"',
            'from = "Bulletin <nb@exämple.net>"\nreply_to = "Redacción <redaccion@exämple.net>"',
        )
    )
    raw = (build(root, formats=["email"]).out_dir / "001-first" / "email.eml").read_bytes()
    head = raw.split(b"\r\n\r\n", 1)[0].decode("ascii")
    fields = dict(field.split(": ", 1) for field in head.replace("\r\n ", " ").split("\r\n"))
    assert fields["From"] == "Bulletin <nb@xn--exmple-cua.net>"
    assert fields["Reply-To"].endswith(" <redaccion@xn--exmple-cua.net>")
    assert "<mailto:nb@xn--exmple-cua.net?subject=unsubscribe" in fields["List-Unsubscribe"]
    assert "=?" not in fields["List-Unsubscribe"]


def test_a_sender_whose_name_before_the_at_is_not_ascii_is_an_error_at_its_line(
    workspace: Callable[[str], Path],
) -> None:
    """No ASCII form exists for it: mail servers without SMTPUTF8 refuse it."""
    from publisher.config import load_config
    from publisher.errors import PublisherError

    root = workspace("minimal")
    config = root / "publisher.toml"
    config.write_text(
        config.read_text().replace(
            'from = "Minimal Bulletin <news@minimal.example.org>"',
            'from = "Bulletin <jörg@example.org>"',
        )
    )
    with pytest.raises(PublisherError) as error:
        load_config(root)
    assert "publisher.toml:10: email.from:" in str(error.value), error.value
    assert "'ö'" in str(error.value)


@pytest.mark.parametrize(
    "sender",
    [
        "UNISON: Eastharbour Health Branch",
        "Smith & Sons: Dockers",
        "Unite the Union, Region 4",
        "Harbour News (Local 7)",
    ],
)
def test_a_sender_name_with_a_colon_or_comma_reaches_readers_whole(
    workspace: Callable[[str], Path], sender: str
) -> None:
    """Everything before <address> in publisher.toml is the name. Read as a header is read,
    "UNISON:" was a group's name and went missing from From without a word, and the comma in
    "Unite the Union, Region 4" made two addresses, refused as "not an email address"."""
    from email import message_from_bytes, policy

    raw = built_email(workspace("minimal"), "First issue", sender, "en")
    received = message_from_bytes(raw, policy=policy.default)
    (mailbox,) = received["From"].addresses
    assert (mailbox.display_name, mailbox.addr_spec) == (sender, "news@minimal.example.org")


def test_init_takes_a_sender_name_with_a_comma() -> None:
    from publisher.scaffold import check_sender

    assert check_sender("Unite the Union, Region 4 <news@unite.example.org>") == (
        '"Unite the Union, Region 4" <news@unite.example.org>'
    )


@pytest.mark.parametrize(
    ("title", "identity"),
    [
        ('Boletín: "Dockside", News & Views', "boletin-dockside-news-views"),
        ("Dockside, News & Views", "dockside-news-views"),
        ("نشرة الميناء: أخبار، وآراء", "nshr-lmyn-khbr-wr"),
    ],
)
def test_the_list_id_reads_as_one_description_and_one_identifier(
    workspace: Callable[[str], Path], title: str, identity: str
) -> None:
    """RFC 2919: List-Id is a phrase and <id>. A title with a comma went in unquoted
    (`=?utf-8?q?Bolet=C3=ADn=3A?= "Dockside", News & Views <…>`), which a mail program
    reads as two addresses, or none."""
    from email.utils import getaddresses

    root = workspace("minimal")
    config = root / "publisher.toml"
    escaped = title.replace('"', '\\"')
    config.write_text(
        config.read_text().replace('title = "Minimal Test Bulletin"', f'title = "{escaped}"')
    )
    raw = (build(root, formats=["email"]).out_dir / "001-first" / "email.eml").read_bytes()
    head = raw.split(b"\r\n\r\n", 1)[0].decode("ascii")
    fields = dict(field.split(": ", 1) for field in head.replace("\r\n ", " ").split("\r\n"))

    [(phrase, address)] = getaddresses([fields["List-Id"]])
    assert str(make_header(decode_header(phrase))) == title
    assert address == f"{identity}.minimal.example.org"
