"""A copy is made by filling the recipient's values into the serialised template, not by
serialising the message again; what the email package reads back from those bytes is still
the template with the recipient's values in it: headers folded as RFC 5322 wants, bodies
valid quoted-printable or base64 wherever the token falls."""

from __future__ import annotations

import datetime as dt
import re
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from publisher.delivery.copies import Template
from publisher.urls import RECIPIENT_TOKEN as PLACEHOLDER

DATE = dt.datetime(2026, 3, 5, 9, 30, tzinfo=dt.UTC)
TOKEN = "WzEsIjA0MSJd.awJObA.wSKEgg98cxlCeALN53RdTTskg1gbWrV2IB49cHB51OQ"


def template_of(tmp: Path, plain: str, html: str, cte: str = "quoted-printable") -> Template:
    """A built email as the renderer makes one: both parts quoted-printable, or both base64
    (mostly Arabic or Farsi text)."""
    message = EmailMessage(policy=policy.SMTP)
    message["From"] = "Bulletin <bulletin@example.org>"
    message["To"] = "subscriber@example.org"
    message["Subject"] = "No. 41"
    message["Date"] = "Thu, 05 Mar 2026 09:30:00 +0000"
    message["Message-ID"] = "<template@example.org>"
    message["List-Id"] = "Bulletin <bulletin.example.org>"
    message["List-Unsubscribe"] = f"<https://example.org/unsubscribe/?token={PLACEHOLDER}>"
    message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message.set_content(plain, cte=cte)
    message.add_alternative(html, subtype="html", cte=cte)
    path = tmp / "email.eml"
    path.write_bytes(message.as_bytes())
    return Template.read(path)


def parsed(data: bytes) -> EmailMessage:
    message = BytesParser(policy=policy.default).parsebytes(data)
    assert isinstance(message, EmailMessage)
    return message


def texts(message: EmailMessage) -> list[str]:
    return [part.get_content() for part in message.walk() if part.get_content_maintype() == "text"]


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Template:
    link = f'<a href="https://example.org/unsubscribe/?token={PLACEHOLDER}">unsubscribe</a>'
    return template_of(
        tmp_path_factory.mktemp("copy"),
        f"Read it online.\n\nUnsubscribe: https://example.org/u/?token={PLACEHOLDER}\n",
        "<html><body>"
        + "<p>A long paragraph, all on one line.</p>" * 50
        + link
        + "</body></html>\n",
    )


@pytest.mark.parametrize(
    ("address", "name"),
    [
        ("ann@example.org", ""),
        ("a" * 64 + "@" + "very-long-subdomain-" * 8 + "example.org", ""),
        ('"two words"@example.org', ""),
        ("jose@example.org", "José Ñúñez de la Fuente y Compañía Internacional de Transportes"),
        ("ann@example.org", 'Ann "the Docker" O\'Neil, Secretary'),
    ],
    ids=["plain", "long address", "quoted local part", "non-ASCII name", "specials in name"],
)
def test_the_to_header_reads_back_as_the_recipient_and_is_folded_as_rfc_5322_wants(
    template: Template, address: str, name: str
) -> None:
    data = template.personalise(address, "<1@example.org>", TOKEN, DATE, name=name)
    head = data.split(b"\r\n\r\n")[0]
    head.decode("ascii")  # non-ASCII names are encoded words, never raw bytes
    to = parsed(data)["To"]
    assert [(a.display_name, a.addr_spec) for a in to.addresses] == [(name, address)]
    folded = re.search(rb"\r\n(To: .*?)\r\n(?![ \t])", head, re.DOTALL)
    assert folded
    for line in folded.group(1).split(b"\r\n"):  # over 78 only with nowhere to fold
        assert len(line) <= 78 or b" " not in line.removeprefix(b"To: ").strip(), folded.group(1)
    assert not to.defects


# Text round the token: line ends, spaces and dots at their edges, '=' and non-ASCII.
_PIECES = st.sampled_from(
    ["\n", " ", ".", "=", "a", "é", "\t", "word ", "کارگران ", PLACEHOLDER, "x" * 90]
)


@settings(max_examples=60, deadline=None)
@given(
    plain=st.lists(_PIECES, max_size=40).map("".join),
    token=st.integers(1, 160).map(lambda n: ("aZ0_.-" * 27)[:n]),  # all it may hold
    cte=st.sampled_from(["quoted-printable", "base64"]),
)
def test_bodies_decode_to_the_text_with_the_token_wherever_it_falls(
    tmp_path_factory: pytest.TempPathFactory, plain: str, token: str, cte: str
) -> None:
    plain = f"{plain}{PLACEHOLDER}"  # a built email's parts always hold the link
    template = template_of(tmp_path_factory.mktemp("body"), plain, f"<p>{plain}</p>", cte)
    data = template.personalise("ann@example.org", "<1@example.org>", token, DATE)
    copy = parsed(data)
    want = [
        text.replace(PLACEHOLDER, token) for text in texts(parsed(template.source.read_bytes()))
    ]
    assert texts(copy) == want
    body = data.split(b"\r\n\r\n", 1)[1]
    assert max(map(len, body.split(b"\r\n"))) <= 76
    assert all(not part.defects for part in copy.walk())
