"""One subscriber's copy of the built .eml: their unsubscribe token in the List-Unsubscribe
header and in both bodies, their address in To, a Message-ID of its own, optionally signed.

The .eml written by `publisher build --format email` is the contract: its per-recipient
parts are the literal placeholder RECIPIENT_TOKEN. Bodies are quoted-printable (mostly
ASCII text) or base64 (mostly Arabic, Farsi…), where the token cannot be found in the
encoded bytes, so each part is decoded once, the token replaced in the decoded text, and
the result encoded again, the build's way.

The message is serialised once, bodies encoded, with markers where the recipient's values
go; a copy is that serialisation with the markers replaced, a few joins of bytes. In a body
the token stands on a quoted-printable line of its own, between soft line breaks: the text
around it is then encoded once and its line breaks do not move with the token's length.
Re-serialising the whole message for every recipient cost three quarters of the time per
copy; encoding each 30 KB body again cost two thirds of what was left. A base64 body is
spliced the same way (`_Base64Body`): encoding 100 KB of it for each copy cost 2 ms.
"""

from __future__ import annotations

import binascii
import copy
import datetime as dt
import re
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.parser import BytesParser
from email.utils import format_datetime
from pathlib import Path

from ..email_wire import HEADER_FOLDING, base64_lines, crlf
from ..errors import PublisherError
from ..urls import RECIPIENT_TOKEN as PLACEHOLDER

_TOKEN = re.compile(r"^[A-Za-z0-9_.\-]+$")  # what itsdangerous' URL-safe tokens are made of
# Headers kept from the template keep the template's folding. List-Unsubscribe, which holds
# the token, is folded again as the build folds it, before each of its addresses (folded at
# 78 by the email package, a long unsubscribe URL became RFC 2047 encoded words, which no
# client reads as a URL); others we set are written on one line up to RFC 5322's 998 octets.
_SEND_POLICY = HEADER_FOLDING.clone(max_line_length=998)
_MAILTO = re.compile(r"<mailto:[^?>]*\?")
_ENCODINGS = ("quoted-printable", "base64")  # what the build writes text parts in
REQUIRED_HEADERS = ("List-Unsubscribe", "List-Unsubscribe-Post", "List-Id", "From", "Subject")


class Template:
    """The built .eml, parsed once; threads may share it."""

    def __init__(self, message: EmailMessage, source: Path) -> None:
        self._message = message
        self.source = source
        self._headers = {
            name: str(value).strip() for name, value in message.items() if PLACEHOLDER in str(value)
        }
        self._parts = [(part, part.get_content()) for part in _text_parts(message)]
        self._skeleton: list[bytes] | None = None  # [literal, marker, literal, …, literal]
        self._base64: dict[bytes, _Base64Body] = {}  # by their markers in the skeleton

    @classmethod
    def read(cls, path: Path, unsubscribe_mailbox: str = "") -> Template:
        """With `unsubscribe_mailbox`, the List-Unsubscribe header's mailto: (written to the
        From address by the build) is sent there instead: where `publisher bounces` reads."""
        message = BytesParser(policy=policy.SMTP).parsebytes(path.read_bytes())
        assert isinstance(message, EmailMessage)
        header = str(message["List-Unsubscribe"] or "")
        if unsubscribe_mailbox and _MAILTO.search(header):
            message.replace_header(
                "List-Unsubscribe", _MAILTO.sub(f"<mailto:{unsubscribe_mailbox}?", header)
            )
        template = cls(message, path)
        problems = [f"it has no {name} header" for name in REQUIRED_HEADERS if name not in message]
        if "List-Unsubscribe" not in template._headers:
            problems.append(f"its List-Unsubscribe header has no {PLACEHOLDER}")
        for part, text in template._parts:
            if PLACEHOLDER not in text:
                problems.append(f"its {part.get_content_type()} part has no unsubscribe link")
            if part["Content-Transfer-Encoding"] not in _ENCODINGS:
                problems.append(
                    f"its {part.get_content_type()} part is neither quoted-printable nor base64"
                )
        if not template._parts:
            problems.append("it has no text or HTML part")
        if problems:
            raise PublisherError.at(
                "the built email cannot be personalised: " + "; ".join(problems),
                path,
                hint="rebuild it with 'publisher build ISSUE --format email'",
            )
        return template

    @property
    def subject(self) -> str:
        return str(self._message["Subject"])

    @property
    def language(self) -> str:
        """The edition's language (Content-Language), "" when the build did not say."""
        return str(self._message["Content-Language"] or "").strip()

    @property
    def list_id(self) -> str:
        """The identifier inside List-Id's angle brackets, which links are signed over."""
        value = str(self._message["List-Id"])
        return value[value.rfind("<") + 1 :].rstrip(">").strip()

    @property
    def html(self) -> str:
        """The HTML body as built (RECIPIENT_TOKEN where each reader's token goes)."""
        return next(
            (text for part, text in self._parts if part.get_content_subtype() == "html"), ""
        )

    @property
    def sender(self) -> Address:
        addresses: tuple[Address, ...] = self._message["From"].addresses
        return addresses[0]

    @property
    def reply_to(self) -> Address | None:
        header = self._message["Reply-To"]
        return header.addresses[0] if header and header.addresses else None

    def copy(self) -> Template:
        return Template(copy.deepcopy(self._message), self.source)

    def proof(self, language: str) -> Template:
        """A test copy's template: its Subject marked as a test in `language` (the
        newsletter's, which its editors read), so that a proof, in an inbox or forwarded,
        is never taken for the issue."""
        from ..i18n import gettext, interface_language

        proof = self.copy()
        with interface_language(language):
            # a test copy's Subject: the after a mark that it is only a test
            marked = gettext("[Test] %(subject)s") % {"subject": self.subject}
        proof._message.replace_header("Subject", marked)
        return proof

    def personalise(
        self,
        to: str,
        message_id: str,
        token: str,
        date: dt.datetime | None = None,
        name: str = "",
    ) -> bytes:
        """`to` is the bare address. The sender gives no `name`: names stay out of headers,
        where they could carry whatever a CSV import put in them. Safe to call from several
        threads at once: nothing is changed once the serialisation is made."""
        if not _TOKEN.match(token):
            raise ValueError(f"not a URL-safe token: {token!r}")
        skeleton = self._skeleton
        if skeleton is None:  # two threads may both make it; it is the same either way
            skeleton = self._skeleton = self._serialise_with_markers()
        values = {
            _TO: _to_header(to, name),
            _MESSAGE_ID: message_id.encode(),
            _DATE: format_datetime(date or dt.datetime.now(dt.UTC)).encode(),
            _TOKEN_MARK: token.encode(),
            _BODY_TOKEN: b"=\r\n".join(_token_lines(token.encode())),
        }
        pieces = skeleton[:]
        for index in range(1, len(pieces), 2):
            marker = pieces[index]
            if marker in values:
                pieces[index] = values[marker]
            else:  # a base64 body, by its marker
                pieces[index] = self._base64[marker].with_token(token.encode())
        return b"".join(pieces)

    def _serialise_with_markers(self) -> list[bytes]:
        """The message as bytes, split into [literal, marker, literal, marker, …, literal]."""
        message = copy.deepcopy(self._message)
        for name, value in self._headers.items():
            message.replace_header(name, value.replace(PLACEHOLDER, _MARK % _TOKEN_MARK.decode()))
        message.replace_header("To", _MARK % _TO.decode())
        message.replace_header("Message-ID", _MARK % _MESSAGE_ID.decode())
        message.replace_header("Date", _EPOCH)  # a Date header holds only a date
        for number, part in enumerate(_text_parts(message)):  # in the order of self._parts
            part.set_payload(_MARK % f"{_PART.decode()}{number}")  # Content-* headers stay
        serialised = message.as_bytes(policy=_SEND_POLICY)
        date = f"\r\nDate: {format_datetime(_EPOCH)}\r\n".encode()
        assert serialised.count(date) == 1, "the template's Date header was not found"
        serialised = serialised.replace(date, f"\r\nDate: {_MARK % _DATE.decode()}\r\n".encode())
        to = f"\r\nTo: {_MARK % _TO.decode()}\r\n".encode()  # the marker stands for the line
        assert serialised.count(to) == 1, "the template's To header was not found"
        serialised = serialised.replace(to, f"\r\n{_MARK % _TO.decode()}".encode())
        pieces = _MARKERS.split(serialised)
        skeleton = [pieces[0]]
        for marker, literal in zip(pieces[1::2], pieces[2::2], strict=True):
            if marker.startswith(_PART):  # a body part, by its number: encoded here, once
                part, text = self._parts[int(marker.removeprefix(_PART))]
                if part["Content-Transfer-Encoding"] == "base64":  # encoded for each copy
                    self._base64[marker] = _Base64Body(text)
                    skeleton += [marker, literal]
                    continue
                body = _encoded_around_tokens(text)
                skeleton[-1] += body[0]
                skeleton += body[1:]
                skeleton[-1] += literal
            else:
                skeleton += [marker, literal]
        return skeleton


# Markers in the serialised template: NUL never occurs in a message, so a marker cannot
# collide with its text; the serialisation is split at them with one regular expression.
_MARK = "\x00%s\x00"
_MARKERS = re.compile(rb"\x00([A-Z_0-9]+)\x00")
_TO, _MESSAGE_ID, _DATE, _TOKEN_MARK, _PART = b"TO", b"MESSAGE_ID", b"DATE", b"TOKEN", b"PART_"
_BODY_TOKEN = b"BODY_TOKEN"  # the token as quoted-printable lines, between soft breaks
_EPOCH = dt.datetime(1900, 1, 1, tzinfo=dt.UTC)
_DOT_ATOM = re.compile(r"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+@[A-Za-z0-9.-]+$")
_TO_POLICY = policy.SMTP  # To is folded at 78 columns, a name in it RFC 2047-encoded


def _to_header(address: str, name: str) -> bytes:
    """The whole To line. A plain address (every copy the sender makes) is written as it
    is: folding has nowhere to break it. Anything else is folded by the email package."""
    if not name and _DOT_ATOM.match(address):
        return b"To: " + address.encode() + b"\r\n"
    value = str(Address(display_name=name, addr_spec=address))
    return _TO_POLICY.fold_binary("To", value)


def _encoded_around_tokens(text: str) -> list[bytes]:
    """A body part's quoted-printable encoding, split where the token goes: [encoded,
    _BODY_TOKEN, encoded, …, encoded]. Each stretch of text between tokens is encoded on its
    own, from the start of a line; one that ends mid-line ends in a soft break, as does the
    token's line. Lines stay within RFC 2045's 76 characters: binascii writes at most 75
    and a soft break adds one."""
    stretches = crlf(text).split(PLACEHOLDER)
    encoded = [b""]
    for number, stretch in enumerate(stretches):
        last = number == len(stretches) - 1
        if number:
            encoded += [_BODY_TOKEN, b"" if last and not stretch else b"=\r\n"]
        if not stretch:
            continue
        mid_line = not stretch.endswith("\r\n")
        if mid_line:  # encoded as a whole line, for the same escapes at its end
            line_ended = _quoted_printable(stretch + "\r\n").removesuffix(b"\r\n")
            encoded[-1] += line_ended if last else line_ended + b"=\r\n"
        else:
            encoded[-1] += _quoted_printable(stretch)
    return encoded


class _Base64Body:
    """A base64 body with the token in it, made as the quoted-printable ones are: the text
    between tokens is encoded once, in whole groups of three bytes, and for each copy only
    the few bytes round each token are encoded, on lines of their own. RFC 2045 lets a line
    be shorter than 76 characters; each is whole groups of four, so even a decoder that
    reads line by line reads it."""

    def __init__(self, text: str) -> None:
        self._stretches = crlf(text).encode().split(PLACEHOLDER.encode())
        # For each stretch, by how many of its first bytes are encoded with the token
        # before it (0 to 2, to make whole groups): the rest's whole groups encoded, and
        # the bytes left over, encoded with the next token.
        self._encoded = [
            {skip: _whole_groups(stretch[skip:]) for skip in range(min(3, len(stretch) + 1))}
            for stretch in self._stretches
        ]

    def with_token(self, token: bytes) -> bytes:
        pieces, carried = [], b""
        for number, stretch in enumerate(self._stretches):
            if number:
                carried += token
            skip = -len(carried) % 3
            if skip > len(stretch):  # too short to make a whole group: carried on whole
                carried += stretch
                continue
            if carried := carried + stretch[:skip]:
                pieces.append(base64_lines(carried))
            encoded, carried = self._encoded[number][skip]
            pieces.append(encoded)
        if carried:
            pieces.append(base64_lines(carried))  # the end: padded
        return b"".join(pieces)


def _whole_groups(data: bytes) -> tuple[bytes, bytes]:
    """`data`'s whole groups of three bytes in base64 lines, and the bytes left over."""
    end = len(data) - len(data) % 3
    return base64_lines(data[:end]), data[end:]


def _token_lines(token: bytes) -> list[bytes]:
    """A token on quoted-printable lines of at most 75 characters: its characters are
    all written as themselves, so a long one only needs soft breaks."""
    return [token[start : start + 75] for start in range(0, len(token), 75)] or [b""]


def _text_parts(message: EmailMessage) -> list[EmailMessage]:
    """The parts a recipient's token goes into: every text leaf, in the message's order."""
    return [
        part
        for part in message.walk()
        if part.get_content_maintype() == "text" and not part.is_multipart()
    ]


def _quoted_printable(text: str) -> bytes:
    """A body part as the SMTP policy writes it. Its text, read with that policy, already has
    CRLF line ends, which the encoder keeps. binascii's encoder is the C one behind the
    stdlib's quopri: the same encoding as email.quoprimime, twenty times faster on 70 KB."""
    return binascii.b2a_qp(text.encode(), istext=True)
