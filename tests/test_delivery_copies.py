"""A subscriber's copy is the built .eml with their values in it, and nothing else changed:
compared, part by part, with what Python's email package makes of the same message."""

from __future__ import annotations

import datetime as dt
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from email.utils import format_datetime
from pathlib import Path

import pytest
from conftest import BuiltInPlace

from publisher.delivery.copies import PLACEHOLDER, Template

DATE = dt.datetime(2026, 3, 5, 9, 30, tzinfo=dt.UTC)
RECIPIENTS = [
    ("ann@example.org", "a.B-c_1"),
    ("o'neil+news@example.co.uk", "T" * 150),  # a token longer than a quoted-printable line
    ('"two words"@example.org', "x"),
]


def parsed(data: bytes) -> EmailMessage:
    message = BytesParser(policy=policy.default).parsebytes(data)
    assert isinstance(message, EmailMessage)
    return message


def expected(eml: Path, to: str, message_id: str, token: str) -> EmailMessage:
    """The email package's own edit of the built message for this recipient."""
    message = parsed(eml.read_bytes())
    for name, value in list(message.items()):
        if PLACEHOLDER in str(value):
            message.replace_header(name, str(value).replace(PLACEHOLDER, token))
    message.replace_header("To", to)
    message.replace_header("Message-ID", message_id)
    message.replace_header("Date", format_datetime(DATE))
    return message


def headers(message: EmailMessage) -> list[tuple[str, str]]:
    """Names and values in order, with folding whitespace read as one space."""
    return [(name, " ".join(str(value).split())) for name, value in message.items()]


def texts(message: EmailMessage) -> list[tuple[str, str]]:
    return [
        (part.get_content_type(), part.get_content())
        for part in message.walk()
        if part.get_content_maintype() == "text"
    ]


@pytest.mark.parametrize(("to", "token"), RECIPIENTS, ids=["plain", "long token", "quoted"])
def test_a_copy_is_the_built_message_with_the_recipients_values(
    built_email_workspace: BuiltInPlace, to: str, token: str
) -> None:
    eml = next((built_email_workspace.kept / "dist").glob("*/email.eml"))
    template = Template.read(eml)
    for _ in range(2):  # the second copy comes from what the first left behind
        data = template.personalise(to, "<copy-1@example.org>", token, DATE)
        copy, want = parsed(data), expected(eml, to, "<copy-1@example.org>", token)
        assert headers(copy) == headers(want)
        assert texts(copy) == [
            (kind, text.replace(PLACEHOLDER, token)) for kind, text in texts(want)
        ]
        lines = data.split(b"\r\n")
        assert b"\n" not in b"".join(lines) and b"\r" not in b"".join(lines), "bare CR or LF"
        assert max(map(len, lines)) <= 998
        assert PLACEHOLDER.encode() not in data
