"""A statement that reached the editors by e-mail, saved as .eml (every mail program can:
"Save as", or drag the message out): the text the sender meant to publish, read like
pasted text, with what the message says of it.

- Forwarded ("---------- Forwarded message ---------", "Begin forwarded message:", "-----
  Original Message-----", and their Spanish and French wordings): the forwarded text is
  the document; the note of whoever forwarded it, above, is for the editors and is left
  out. The forwarded message's sender, date and subject stand in for an author, date and
  title the text does not give.
- Otherwise the message's own sender, date and subject do.
- The plain-text part is read (the HTML one when there is no other, or when the message
  holds the pictures it shows: each is kept where it stood); a signature after
  "-- " and a quoted reply ("On … wrote:" and its "> " lines) are left out.
- A message with a document attached ("please find attached our statement") is the
  covering note of what to publish: the importer reads the attachments instead
  (`attached_documents`).
"""

from __future__ import annotations

import datetime as dt
import email
import email.errors
import email.header
import email.policy
import email.utils
import re
from email.message import EmailMessage, MIMEPart
from pathlib import Path
from typing import Any

from ..controls import clean_text
from ..errors import PublisherError
from ..paths import is_zipped_textedit
from ..tree_edits import drop_keeping_tail
from .decode import encoding_name, guess_text
from .draft import Draft
from .memo_head import FORWARDED as _FORWARDED
from .memo_head import ORIGINAL_MESSAGE as _ORIGINAL_MESSAGE
from .memo_head import QUOTE_INTRO as _QUOTE_INTRO
from .memo_head import is_tagline, signature_below
from .plaintext import picture_mark, recover
from .textdates import parse_date, without_time

# The rule Outlook writes above both a forwarded message and the one a reply answers
_HEADER = re.compile(
    r"^(from|de|date|fecha|sent|enviado(?: el)?|envoy[ée]|subject|asunto|objet|to|para|[àa]|cc|bcc"
    r"|importance|importancia|attachments|datos adjuntos|pi[èe]ces jointes)\s*:\s*(.*)$",
    re.I,
)

# Outlook quotes the message a reply answers under its headers, not with ">": a rule of
# underscores (or "-----Original Message-----"), then "From: …", "Sent: …", "To: …" (in
# Spanish "De:", "Enviado el:"; in French with a space before the colon, "Envoyé :")
_REPLY_FROM = re.compile(r"^\*?(from|de|von|da|van|od)\*?\s*:\s*\S", re.I)
_REPLY_HEADER = re.compile(
    r"^\*?(sent|date|to|cc|subject|enviado(?: el)?|fecha|para|asunto|envoyé|à|objet|gesendet|datum"
    r"|an|betreff|inviato|data|a|oggetto|verzonden|aan|onderwerp)\*?\s*:\s*\S",
    re.I,
)
_SENT = re.compile(
    r"^\*?(sent|enviado(?: el)?|envoyé|gesendet|inviato|verzonden|wysłano)\*?\s*:", re.I
)
_REPLY_RULE = re.compile(r"^\s*(_{10,}|-{3,}\s*[\w' ]{5,30}\s*-{3,})\s*$")


def _outlook_headers_at(lines: list[str], at: int) -> bool:
    """Whether the message Outlook quotes under a reply or a forward starts at `lines[at]`:
    its "From:" line, followed by another header, under its rule, or under a blank line
    (or none) when its headers say "Sent:" (Outlook's word: a letter copied into a message
    says "Date:", and stays)."""
    above = lines[at - 1] if at else ""
    return bool(
        _REPLY_FROM.match(lines[at])
        and at + 1 < len(lines)
        and _REPLY_HEADER.match(lines[at + 1])
        and (
            _REPLY_RULE.match(above)
            or (not above.strip() and any(_SENT.match(h) for h in lines[at + 1 : at + 5]))
        )
    )


THREAD_QUOTED = (
    "an earlier mail of the thread is quoted from here, as a mail program quotes the mail a"
    " reply answers: it is published as text, with the addresses it names; keep only the"
    " text to publish"
)


def quoted_mail_line(text: str) -> int | None:
    """The line (from 1) where an earlier mail of a thread starts in text pasted from a
    mail program ("From: Karim Haddad <karim@…>" / "Sent: …" / "To: …" / "Subject: RE: …"
    under the text, as Outlook quotes the mail a reply answers; "On Mon, 2 Mar 2026, Karim
    <karim@…> wrote:" over "> " lines, as Gmail and others do): published, its senders'
    and recipients' addresses are. None without one, or with nothing of the text's own
    over it (a memo's own "From:" and "To:" under its title)."""
    lines = text.split("\n")
    if (at := len(_without_outlook_reply(lines))) < len(lines):
        while not _REPLY_FROM.match(lines[at]):  # past the blank lines and the rule over it
            at += 1
        return at + 1
    opening = text.lstrip().partition("\n\n")[0].split("\n")
    if any(_REPLY_FROM.match(line) for line in opening):  # a reply with its head: the
        return None  # mail it quotes "> " is left out with the head (`memo_head`)
    for at, line in enumerate(lines[:-1]):
        if _QUOTE_INTRO.match(line.strip()) and lines[at + 1].lstrip().startswith(">"):
            return at + 1 if _says_something(lines[:at]) else None
    return None


def _says_something(lines: list[str]) -> bool:
    """Whether `lines` hold text of a reply's own, a sentence at least, over the mail it
    quotes: a memo's own "From:" and "To:" under its title hold none."""
    return any(len(line) >= 40 for line in lines)


def _without_outlook_reply(lines: list[str]) -> list[str]:
    """`lines` without the message Outlook quotes under a reply. Only after text of the
    reply's own, a sentence at least: a memo's own "From:" and "To:" under its title stay."""
    for at in range(1, len(lines) - 1):
        if _outlook_headers_at(lines, at):
            kept = lines[:at]
            while kept and (not kept[-1].strip() or _REPLY_RULE.match(kept[-1])):
                kept.pop()
            if _says_something(kept):
                return kept
    return lines


def _tagline(lines: list[str]) -> bool:
    """Whether the last line is a mail program's, on its own after a blank line."""
    alone = len(lines) == 1 or not lines[-2].strip()
    return alone and is_tagline(lines[-1])


# A reply's subject (Re:, and its Outlook translations)
_REPLY_SUBJECT = re.compile(r"^\s*(re|aw|sv|antw|odp|res|r)\s*:", re.I)
_ORIGINAL = re.compile(_ORIGINAL_MESSAGE, re.I)
_SUBJECT_TAG = re.compile(r"^((fwd?|fw|tr|rv|re|enc|wg)\s*:\s*)+", re.I)
# A forward's subject, as mail programs write it in English, French, Spanish, Portuguese and
# German: Outlook marks a forward with no rule of words, only its subject says it is one
_FORWARD_SUBJECT = re.compile(r"^\s*(fwd?|fw|tr|rv|enc|wg)\s*:", re.I)
# A line ending in a hyphen after a word, the next going on with a word: mail programs wrap
# at spaces and hyphens and never hyphenate, so the hyphen is the compound's ("front-line").
_WRAPPED_AT_HYPHEN = re.compile(r"(?<=[^\W\d_]{2})-\n[ \t]*(?=[^\W\d_])")


def parsed(data: bytes) -> EmailMessage:
    message = email.message_from_bytes(data, policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    return message


def recover_message(message: EmailMessage, path: Path) -> tuple[list[Draft], dict[str, bytes]]:
    """The message's drafts, and the pictures they show, keyed 'media/<name>'. Photos
    attached to the message rather than shown in its text ("photos of the picket
    attached") follow the last draft's text, for the editor to place and describe."""
    sender, when, subject = _about(message)
    pictures = _inline_pictures(message)
    text, doubt = _text_of(message, path, pictures)
    drafts = _recover_mail(text, sender, when, subject)
    if doubt:
        for draft in drafts:
            draft.unsure.insert(0, doubt)
    shown = "".join(draft.body_html for draft in drafts)
    kept = {name: data for name, data in pictures.values() if f'src="{name}"' in shown}
    attached = _attached_pictures(message, pictures, kept)
    if attached and drafts:
        _placed_at_the_end(drafts[-1], list(attached))
    return drafts, kept | attached


def _attached_pictures(
    message: EmailMessage, inline: dict[str, tuple[str, bytes]], shown: dict[str, bytes]
) -> dict[str, bytes]:
    """The photos sent with the message that its text does not show ('media/<name>' →
    bytes): attached, or inline in a part of their own its text never refers to (as Apple
    Mail sends a photo dropped into a plain-text message)."""
    from .fetch import media_key, picture_name

    attached: dict[str, bytes] = {}
    for part in message.walk():
        cid = str(part.get("Content-ID", "")).strip().strip("<>")
        if part.get_content_maintype() != "image" or inline.get(cid, ("", b""))[0] in shown:
            continue
        data = part.get_payload(decode=True)
        name = (
            picture_name(part.get_filename() or "photo", data) if isinstance(data, bytes) else None
        )
        if name is None:
            continue
        attached[media_key(name, shown.keys() | attached.keys())] = bytes(data)
    return attached


def _placed_at_the_end(draft: Draft, names: list[str]) -> None:
    """The attached pictures `names` after the draft's text, undescribed (the build asks
    for a description of each), and a note to put them where they belong."""
    draft.body_html += "".join(f'<p><img src="{name}" alt=""></p>' for name in names)
    draft.found["pictures"] += len(names)
    draft.unsure.append(
        f"{len(names)} picture(s) attached to the message put after its text"
        f" ({', '.join(Path(name).name for name in names)}): move each where it belongs"
        " and describe it"
    )


def recover_saved_message(text: str, path: Path) -> list[Draft] | None:
    """Drafts of a message saved as text, or copied whole out of a mail program, with its
    headers on top (Outlook's "Save As > Text Only", Apple Mail's and Thunderbird's plain
    text): None for other text. A memo's "From:" and "Date:" lines are its text: a mail
    program's headers give an address, or Outlook's "Sent:"."""
    headers, body = _forwarded_headers(text)
    sender = headers.get("from", "")
    if not ("subject" in headers and ("@" in sender or "sent" in headers)):
        return None
    text = clean_text(body, path, line_breaks=True)
    when = _date(headers.get("date", ""))
    drafts = _recover_mail(text, _name(sender) or sender, when, headers["subject"])
    if attached := headers.get("attachments"):  # the text may be only their covering note
        for draft in drafts:
            draft.unsure.append(f"the message came with {attached}: import the file too")
    return drafts


def _recover_mail(text: str, sender: str, when: dt.date | None, subject: str) -> list[Draft]:
    text, sender, when, subject = _forwarded(text, sender, when, subject)
    text = _WRAPPED_AT_HYPHEN.sub("-", _without_quote_and_signature(text))
    drafts = recover(text, split=False)
    for draft in drafts:
        if not draft.title or any("no title line" in u for u in draft.unsure):
            draft.title = _SUBJECT_TAG.sub("", without_list_tag(subject)).strip() or draft.title
            draft.unsure = [u for u in draft.unsure if "no title line" not in u]
            draft.unsure.append("the title is the message's subject: check it")
        draft.authors = draft.authors or ([sender] if sender else [])
        draft.date = draft.date or when
        draft.found["e-mail message"] += 1
    return drafts


def is_reply(subject: str) -> bool:
    """Whether a message's subject says it answers another ("Re: …", "[Branch] AW: …")."""
    return _REPLY_SUBJECT.match(without_list_tag(subject)) is not None


def without_list_tag(subject: str) -> str:
    """A subject without the list's name a mailing list puts before it ("[Branch] …",
    Mailman's subject_prefix)."""
    return _LIST_TAG.sub("", subject)


_LIST_TAG = re.compile(r"^\s*\[[^\[\]]{1,40}\]\s*")


def _forwarded(
    text: str, sender: str, when: dt.date | None, subject: str
) -> tuple[str, str, dt.date | None, str]:
    """The text a message forwards, with its sender, date and subject, the forwarders'
    notes left out: that of a forward of a forward too, down to the first message. (A
    reply's "-----Original Message-----" heads the message it answers: cut there.)"""
    while True:
        if marker := _FORWARDED.search(text):
            if _REPLY_SUBJECT.match(subject) and _ORIGINAL.search(marker[0]):
                return text[: marker.start()], sender, when, subject
            rest = text[marker.end() :]
        elif _FORWARD_SUBJECT.match(subject) and (at := _outlook_forward_at(text)) is not None:
            rest = text[at:]
        else:
            return text, sender, when, subject
        headers, text = _forwarded_headers(rest)
        if not headers:  # a rule of words with no headers under it: the text follows it
            return text, sender, when, subject
        sender = _name(headers.get("from", "")) or sender
        when = _date(headers.get("date", "")) or when
        subject = headers.get("subject", "") or subject


def _outlook_forward_at(text: str) -> int | None:
    """Where the headers of the message Outlook forwards start in `text`, if they do."""
    lines = text.split("\n")
    for at in range(len(lines)):
        if _outlook_headers_at(lines, at):
            return sum(len(line) + 1 for line in lines[:at])
    return None


def attached_documents(message: EmailMessage, suffixes: tuple[str, ...]) -> list[tuple[str, bytes]]:
    """The message's attachments publisher can import (file name, bytes), in order: when it
    has any, they are what was sent to publish, and its text is the covering note. (A
    TextEdit document with pictures comes zipped, `Rally.rtfd.zip`, as Mail sends one.)"""
    found = []
    for part in message.iter_attachments():
        name = Path(part.get_filename() or "").name
        if name and (Path(name).suffix.lower() in suffixes or is_zipped_textedit(Path(name))):
            try:
                content = part.get_content()
            except LookupError:  # text in a charset Python has no codec of: read as the file's
                content = part.get_payload(decode=True)
            found.append((name, content if isinstance(content, bytes) else content.encode()))
    return found


def _inline_pictures(message: EmailMessage) -> dict[str, tuple[str, bytes]]:
    """The pictures the message's HTML shows by their Content-ID ("cid:…", as Gmail, Outlook
    and Apple Mail send a photo pasted into a message): each Content-ID → its name in the
    import ('media/<name>') and its bytes. Parts that are no picture are not among them."""
    from .fetch import media_key, picture_name

    pictures: dict[str, tuple[str, bytes]] = {}
    for part in message.walk():
        cid = str(part.get("Content-ID", "")).strip().strip("<>")
        if not cid or part.get_content_maintype() != "image":
            continue
        data = part.get_payload(decode=True)
        name = picture_name(part.get_filename() or cid, data) if isinstance(data, bytes) else None
        if name is None:
            continue
        pictures[cid] = (media_key(name, {key for key, _ in pictures.values()}), bytes(data))
    return pictures


def _text_of(
    message: EmailMessage, path: Path, pictures: dict[str, tuple[str, bytes]]
) -> tuple[str, str | None]:
    """The message's text: its plain-text part, or its HTML one when it has no other or
    when it holds pictures (the plain text only marks where they stood), each marked
    where it stood for `plaintext` to show it; and why to check it, if its charset was
    guessed (`_text_content`)."""
    body = _body(message, ("html", "plain") if pictures else ("plain", "html"))
    if body is None:
        raise PublisherError.at("this message has no text to import", path)
    content, doubt = _text_content(body, path)
    if body.get_content_subtype() == "html":
        content = _html_as_text(content, pictures)
    if not content.strip():
        raise PublisherError.at("this message has no text to import", path)
    return clean_text(content.replace("\r\n", "\n"), path, line_breaks=True), doubt


def _body(message: EmailMessage, preferred: tuple[str, ...]) -> MIMEPart | None:
    """The message's text part, by `preferred` subtype, as `get_body` finds it; a part of
    parts holding none (a broken mail program's empty multipart/related) makes that fail,
    and the first text part in the message's order is its text then."""
    try:
        return message.get_body(preferencelist=preferred)
    except AttributeError:  # Python's get_body met the empty part's text as a part
        texts = [p for p in message.walk() if p.get_content_maintype() == "text"]
        ranked = sorted(texts, key=lambda p: p.get_content_subtype() not in preferred)
        return ranked[0] if ranked else None


def _text_content(part: MIMEPart, path: Path) -> tuple[str, str | None]:
    """A text part's content, and why to check it. A charset Python has no codec of by its
    label is read as mail programs and browsers read it, by the WHATWG Encoding Standard's
    name for it (Outlook's windows-874 and iso-8859-8-i, old Apple Mail's x-mac-roman);
    one no standard names (mutt's unknown-8bit) is guessed from the bytes, as a text file
    in no known encoding is, and said to be; so is 8-bit text with no charset, which Python
    reads as ASCII (every accent a "�")."""
    data = part.get_payload(decode=True)
    data = data if isinstance(data, bytes) else b""
    charset = part.get_content_charset() or ""
    if not charset and not data.isascii():  # 8-bit text with no charset: a list's archive
        decoded = guess_text(data, path)  # (Mailman's) keeps it so; Python reads it as ASCII
        return decoded.text, decoded.doubt
    try:
        return str(part.get_content()), None
    except LookupError:
        pass
    import webencodings

    if (named := webencodings.lookup(charset)) is not None:
        return named.codec_info.decode(data, "replace")[0], None  # x-user-defined: its own
    guessed = guess_text(data, path)
    doubt = (
        f"its charset, {charset!r}, names no encoding: read as"
        f" {encoding_name(guessed.encoding)}, a guess; check its accented letters"
    )
    return guessed.text, doubt


def _html_as_text(html: str, pictures: dict[str, tuple[str, bytes]] | None = None) -> str:
    """An HTML-only message's text, as pandoc reads it: its <head> (title, style sheet) and
    scripts left out, lists kept (Word's typed-out bullets as in a saved page,
    `wordlists`), nested (`_sub_bullets_typed`), links as links (`_links_written_out`),
    a quoted reply indented, characters set in a symbol font as the symbols they show
    (`symbol_fonts`), a picture sent with it ("cid:…", `pictures`) or shown from the web
    as the mark of where it stands (`plaintext.picture_mark`), a tracking pixel left out
    (pandoc wrote "[]"). Its tables are read as the layout newsletters and mail programs
    build with them: their cells' text in order, not drawn as tables. The signature
    separator "-- " of HTML mail loses its space in a paragraph of its own: given it back."""
    import lxml.html

    from .. import pandoc
    from ..readers.symbol_fonts import symbols_mapped
    from ..readers.wordlists import with_word_lists

    try:
        root = lxml.html.document_fromstring(html)
    except lxml.etree.ParserError:  # nothing but spaces or comments
        return ""
    for part in root.iter("table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption"):
        part.tag = "div"
    with_word_lists(root)  # Outlook's bullets are Word's, typed out: lists, as in a saved page
    _sub_bullets_typed(root)
    symbols_mapped(root)  # Outlook's Wingdings smiley ("J") as the smiley
    _links_written_out(root)
    for image in list(root.iter("img")):
        src = image.get("src", "").strip()
        if src.startswith("cid:"):  # sent with the message, or not
            name = (pictures or {}).get(src[4:], (None, b""))[0]
        elif _WEB_ADDRESS.fullmatch(src) and not _tracking_pixel(image):
            name = src  # on the web: shown from there (`import_files` fetches or lists it)
        else:
            drop_keeping_tail(image)  # pandoc would print it as "[]"
            continue
        mark = picture_mark(image.get("alt", ""), name)
        image.attrib.clear()
        image.tag, image.text = "span", mark
    page = lxml.html.tostring(root, encoding="unicode")
    text = pandoc.convert_text(page, "html", "plain", ["--wrap=none"])
    text = _SUB_ITEM.sub(r"\1", text)  # "  - ◦ Paid in March": "  ◦ Paid in March"
    return re.sub(r"(?m)^--$", "-- ", text)


# The bullets of a list's second and third levels, as Word and browsers draw them, which
# the plain-text reader nests by (`typed_lists.BulletLevels`); pandoc writes "-" for all
_SUB_BULLETS = {2: "◦", 3: "▪"}
_SUB_ITEM = re.compile(rf"(?m)^( +)- (?=[{''.join(_SUB_BULLETS.values())}] )")


def _sub_bullets_typed(root: Any) -> None:
    """Each item of a bulleted list inside another's item (`root`, a message's HTML)
    opened with the bullet of its level: pandoc's plain text writes every level's bullet
    "-", which the plain-text reader took for one level."""
    for listing in root.iter("ul"):
        depth = sum(1 for above in listing.iterancestors("li"))
        if not depth:
            continue
        bullet = _SUB_BULLETS[min(depth + 1, 3)]
        for item in listing.iterchildren("li"):
            opening = item  # or the paragraph it opens with, as Outlook writes items
            if not (item.text or "").strip() and len(item) and item[0].tag in ("p", "div"):
                opening = item[0]
            opening.text = f"{bullet} {(opening.text or '').lstrip()}"


_WEB_ADDRESS = re.compile(r"https?://[^\s\"'<>⟦⟧]+")
_SIZE = re.compile(r"(?:^|;)\s*(width|height)\s*:\s*([^;]*)", re.IGNORECASE)


def _tracking_pixel(image: Any) -> bool:
    """Whether an <img> is a picture of one pixel or none, or hidden: what a newsletter
    service shows to learn the message was opened, nothing for a reader to see."""
    style = image.get("style", "")
    if re.search(r"display\s*:\s*none", style, re.IGNORECASE):
        return True
    sizes = {name: image.get(name, "") for name in ("width", "height")}
    sizes |= {name.lower(): value for name, value in _SIZE.findall(style)}
    return all(re.match(r"\s*[01](?:px)?\s*$", sizes[name]) for name in ("width", "height"))


# What a link in a message may lead to that a reader can follow
_FOLLOWED = re.compile(r"(?:https?://|mailto:)\S+$", re.IGNORECASE)
# What a link may hold and still be written as words: no picture, paragraph or line break
_NOT_WORDS = ("img", "br", "p", "div", "table", "ul", "ol", "li", "blockquote", "h1", "h2")


def _links_written_out(root: Any) -> None:
    """Each link of a message's HTML (`root`) written out as the `<a href>` tag around its
    words, which pandoc's plain text keeps as text and the plain-text reader as a link:
    pandoc kept only the words. A link whose words are its address is left to be linked
    as an address; a link around a picture or paragraphs is left as it is."""
    from html import escape

    for link in list(root.iter("a")):
        href, words = link.get("href", "").strip(), link.text_content().strip()
        if not _FOLLOWED.match(href) or not words or words in (href, href.removeprefix("mailto:")):
            continue
        if any(inner.tag in _NOT_WORDS for inner in link.iterdescendants()):
            continue
        link.attrib.clear()
        link.tag, link.text = "span", f'<a href="{escape(href)}">' + (link.text or "")
        last = link[-1] if len(link) else None
        if last is None:
            link.text += "</a>"
        else:
            last.tail = (last.tail or "") + "</a>"


def _about(message: EmailMessage) -> tuple[str, dt.date | None, str]:
    return (
        _name(str(message.get("From", ""))) or _commented_name(message),
        _date(str(message.get("Date", ""))),
        str(message.get("Subject", "")),
    )


def _commented_name(message: EmailMessage) -> str:
    """The sender's name in the old form, after the address in brackets ("karim at
    example.org (Karim Haddad)", as Mailman's archive writes every sender), which Python's
    header parser leaves out."""
    raw = next((str(value) for key, value in message.raw_items() if key.lower() == "from"), "")
    name = _name(raw)
    try:  # its words may be encoded as a header's are ("=?utf-8?q?Karim_Hadd=C3=A1d?=")
        return str(email.header.make_header(email.header.decode_header(name)))
    except (LookupError, UnicodeError, email.errors.HeaderParseError):  # a charset unknown
        return name


# Outlook's word for when it sent a message, which a letter copied into one never uses
_OUTLOOK_SENT = ("sent", "enviado", "enviado el", "envoyé", "envoye")
# Header names in Spanish and French, as ours
_HEADER_KEYS = {
    "de": "from",
    "asunto": "subject",
    "objet": "subject",
    **dict.fromkeys(("fecha", *_OUTLOOK_SENT), "date"),
    **dict.fromkeys(("datos adjuntos", "pièces jointes", "pieces jointes"), "attachments"),
}


def _forwarded_headers(text: str) -> tuple[dict[str, str], str]:
    """The forwarded message's header lines (From, Date, Subject …, in the mail program's
    language) and the text after them."""
    lines = text.lstrip("\n").split("\n")
    headers: dict[str, str] = {}
    taken = 0
    for line in lines:
        match = _HEADER.match(line.strip())
        if not match:
            break
        key = match[1].casefold()
        headers.setdefault(_HEADER_KEYS.get(key, key), match[2].strip())
        if key in _OUTLOOK_SENT:
            headers["sent"] = match[2].strip()
        taken += 1
    return headers, "\n".join(lines[taken:])


def _name(address: str) -> str:
    name, _addr = email.utils.parseaddr(address)
    return name.strip().strip("'\"") if name else ""


def _date(value: str) -> dt.date | None:
    """The date of a message's Date header, or of a forwarded one ('Wed, 11 Mar 2026 at
    18:02', as Gmail writes it)."""
    value = without_time(value)
    try:
        parsed = email.utils.parsedate_to_datetime(value)
        return parsed.date()
    except (TypeError, ValueError, IndexError):
        return parse_date(re.sub(r"^\w+,\s*", "", value))


def _without_quote_and_signature(text: str) -> str:
    """The message's own text: without the message it quotes below it, nor the signature
    under its separator ("-- ", RFC 3676; or "--", as people type it and editors strip the
    space, when what follows is a signature's few short lines, not more text)."""
    if intro := _QUOTE_INTRO.search(text):
        rest = text[intro.end() :].strip("\n").split("\n")
        # quoted as plain text quotes ("> "), or as HTML mail does (a blockquote, indented)
        if all(line.startswith((">", " ")) or not line.strip() for line in rest):
            text = text[: intro.start()]
    lines = _without_outlook_reply(text.rstrip("\n").split("\n"))
    while lines and (
        lines[-1].startswith(">")  # a reply quoted at the end, its "> On … wrote:" with it
        or not lines[-1].strip()
        or _tagline(lines)  # "Sent from my iPhone"
    ):
        lines.pop()
    if "-- " in lines:  # the signature separator (RFC 3676)
        lines = lines[: lines.index("-- ")]
    elif "--" in lines:
        at = len(lines) - 1 - lines[::-1].index("--")
        if signature_below(lines[at + 1 :]):
            lines = lines[:at]
    return "\n".join(lines)
