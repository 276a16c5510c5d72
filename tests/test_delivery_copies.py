"""A subscriber's copy is the built .eml with their values in it, and nothing else changed:
compared, part by part, with what Python's email package makes of the same message."""

from __future__ import annotations

import datetime as dt
import re
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


def header_lines(data: bytes, name: bytes) -> list[bytes]:
    """The physical lines of header `name`, folded as they go on the wire."""
    head = data.split(b"\r\n\r\n", 1)[0]
    found = re.search(rb"(?:^|\r\n)(" + name + rb":.*?)(?=\r\n(?![ \t])|$)", head, re.DOTALL)
    assert found, name
    return found.group(1).split(b"\r\n")


def test_a_copys_unsubscribe_header_is_folded_as_the_built_emails_is(
    built_email_workspace: BuiltInPlace,
) -> None:
    """The built .eml folds List-Unsubscribe before each of its addresses; a subscriber's
    copy, their token in the link, went out with it all on one line of some 300
    characters. Now each address is on a line of its own, as in the .eml."""
    eml = next((built_email_workspace.kept / "dist").glob("*/email.eml"))
    token = "WzEsIjA0MSJd.awJObA.wSKEgg98cxlCeALN53RdTTskg1gbWrV2IB49cHB51OQ"  # itsdangerous'
    data = Template.read(eml).personalise("ann@example.org", "<1@example.org>", token, DATE)

    built = header_lines(eml.read_bytes(), b"List-Unsubscribe")
    assert len(built) > 1  # folded before its addresses
    want = [line.replace(PLACEHOLDER.encode(), token.encode()) for line in built]
    assert header_lines(data, b"List-Unsubscribe") == want
