"""How the messages publisher writes go on the wire: their headers' folding and their text
parts' transfer encoding. One definition for the email renderer (the .eml), `publisher
check` (Gmail's size budget) and delivery (each subscriber's copy, confirmation links,
welcomes), which does not import the renderers: jinja2 and the rest cost a sender process a
tenth of a second."""

from __future__ import annotations

import binascii
import re
from email.header import Header
from email.message import EmailMessage
from email.policy import EmailPolicy
from email.utils import formataddr


class _HeaderFolding(EmailPolicy):
    """SMTP's policy, folding headers at 76 columns: a folded line is a space and an
    encoded word, which then stays within the 75 characters RFC 2047 allows and strict
    readers decode (longer ones they show raw, =?utf-8?b?…?=; at 78 columns the email
    package wrote words of 76). List-Unsubscribe is folded before its addresses only:
    the email package would make a URL longer than a line (a welcome's, with its token)
    encoded words, which no client reads as a link."""

    def fold_binary(self, name: str, value: str) -> bytes:
        if name.lower() == "list-unsubscribe" and str(value).isascii():
            addresses = str(value).replace(", <", f",{self.linesep} <")  # one a line
            return f"{name}:{self.linesep} {addresses}{self.linesep}".encode("ascii")
        return super().fold_binary(name, value)


# Every message publisher writes: the issue's .eml, confirmation links, welcomes.
HEADER_FOLDING = _HeaderFolding(linesep="\r\n", max_line_length=76)


def transfer_encoded(text: str) -> tuple[str, bytes]:
    """A text part as it goes on the wire: (its Content-Transfer-Encoding, its body in
    UTF-8, lines ended by CRLF). Quoted-printable or base64, whichever writes this text
    smaller, judged on all of it (the email package looks at its first lines only):
    English stays readable quoted-printable, a tenth larger than itself; Farsi and Arabic
    go base64, a third larger, where quoted-printable writes each letter in six characters
    (=D8=A7) and tripled them. Not 8bit: the .eml is written before any server is known,
    and one without 8BITMIME would need it encoded again."""
    data = crlf(text).encode()
    if not data.endswith(b"\r\n"):
        data += b"\r\n"  # MIME ends a part with a line end
    quoted = binascii.b2a_qp(data, istext=True)
    base64 = base64_lines(data)
    return ("quoted-printable", quoted) if len(quoted) <= len(base64) else ("base64", base64)


def set_text(message: EmailMessage, text: str, subtype: str = "plain") -> None:
    """`message`'s content: `text` in UTF-8, encoded as `transfer_encoded` says, for the
    issue's parts and for confirmations and welcomes alike (left to the email package, an
    Arabic subscriber's went quoted-printable, three times the text's size)."""
    encoding, body = transfer_encoded(text)
    message["Content-Type"] = f'text/{subtype}; charset="utf-8"'
    message["Content-Transfer-Encoding"] = encoding
    message.set_payload(body.decode("ascii"))


def base64_lines(data: bytes) -> bytes:
    """`data` in base64 lines of 76 characters, each ended by CRLF (RFC 2045 6.8)."""
    encoded = binascii.b2a_base64(data, newline=False)
    return b"".join(encoded[start : start + 76] + b"\r\n" for start in range(0, len(encoded), 76))


def crlf(text: str) -> str:
    """Text parts end their lines in CRLF on the wire."""
    return _LINE_ENDS.sub("\r\n", text)


_LINE_ENDS = re.compile(r"\r\n|\r|\n")


def subject_encoded_again(raw: bytes, subject: str) -> bytes:
    """`raw` with a subject that is not ASCII encoded by the email package's older encoder.
    The newer one, folding a long subject, puts the space between two words outside the
    encoded words, where mail readers drop it (RFC 2047, 6.2): an Arabic subject read
    "العددالثاني" for "العدد الثاني". (`email.header.Header` keeps spaces inside them.)"""
    if subject.isascii():
        return raw
    return _written_again(raw, "Subject", _encoded_words(subject, "Subject"))


def list_id(title: str, identity: str) -> str:
    """RFC 2919's List-Id: the title as one phrase (in quotes when it has a comma, a colon
    or quotes of its own, which a phrase cannot have bare), then <identity>. One not in
    ASCII is written by `list_id_encoded_again`."""
    return formataddr((title, identity))


def list_id_encoded_again(raw: bytes, title: str, identity: str) -> bytes:
    """`raw` with a List-Id whose title is not ASCII written as one phrase of encoded words.
    The email package encoded only the words not in ASCII and left the rest bare, a comma
    and quotes too: `=?utf-8?q?Bolet=C3=ADn=3A?= "Dockside", News <…>`, two addresses or
    none to a mail program."""
    if title.isascii():
        return raw
    return _written_again(raw, "List-Id", f"{_encoded_words(title, 'List-Id')} <{identity}>")


def _encoded_words(text: str, name: str) -> str:
    """`text` as RFC 2047 encoded words folded onto lines of their own, by the older encoder
    (`email.header.Header`), whose words keep the spaces between words inside them and
    whose Q encoding leaves only letters, digits and !*+-/ bare, as a phrase allows."""
    return Header(text, "utf-8", header_name=name).encode(linesep="\r\n")


def _written_again(raw: bytes, name: str, value: str) -> bytes:
    """`raw` with its header `name` (and its folded lines) written as `name: value`."""
    head, blank, body = raw.partition(b"\r\n\r\n")
    lines: list[bytes] = []
    in_header = False
    start = f"{name.lower()}:".encode("ascii")
    for line in head.split(b"\r\n"):
        if line[:1] in (b" ", b"\t"):  # a folded line of the header before
            if not in_header:
                lines.append(line)
            continue
        in_header = line.lower().startswith(start)
        if in_header:
            line = f"{name}: {value}".encode("ascii")
        lines.append(line)
    return b"\r\n".join(lines) + blank + body
