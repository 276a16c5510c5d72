"""Where things are published: the URLs (under the newsletter's base_url) and site paths
that emails, feeds, PDFs and the web archive all link to, so they always agree."""

from __future__ import annotations

import contextlib
import re
from urllib.parse import SplitResult, quote, unquote_to_bytes, urlsplit

# In what the email renderer writes (the unsubscribe link and header), delivery puts each
# subscriber's signed token in place of this.
RECIPIENT_TOKEN = "RECIPIENT_TOKEN"


def split_url(url: str) -> SplitResult:
    """`url` in its parts, as `urlsplit` gives them, for any text a document calls an
    address: `urlsplit` refuses a host with a stray bracket ("https://example.]org/",
    "http://[x/", as copied or typed), raising ValueError, which ended the build in a
    Python error. Such a host is read with its brackets percent-encoded: an address on the
    web, which no one could open."""
    try:
        return urlsplit(url)
    except ValueError:
        return urlsplit(url.replace("[", "%5B").replace("]", "%5D"))


def tag_path(tag: str) -> str:
    """Where a tag's page lives, relative to the site root.

    A `+` or `#` that ends a word is said as a word first (C++ → c-plus-plus, C# →
    c-sharp, as WordPress and Hugo themes write them): slugifying drops both, and C++,
    C# and C shared one page. A hashtag's leading `#` is still dropped (#MeToo → metoo)."""
    import hashlib

    from slugify import slugify

    spoken = _SHARP.sub(" sharp ", _PLUS.sub(" plus ", tag))
    slug = slugify(spoken)
    if not slug or _ABJAD.search(tag):
        folded = _folded(tag)
        digest = hashlib.blake2s(folded.encode(), digest_size=3).hexdigest()
        slug = f"{slugify(folded) or 'tag'}-{digest}"
    return f"tags/{slug}/"


_PLUS = re.compile(r"(?<=[\w+#])\+")  # C++, Notepad++, a+b; not the + of "+1"
_SHARP = re.compile(r"(?<=[\w+#])#")  # C#, F#; not a hashtag's # ("#MeToo")
# Scripts written without most vowels (Hebrew, Arabic and Persian, Syriac, Thaana, N'Ko…),
# whose transliteration drops letters: عمال (workers), عمل (work) and أمل (hope) all read
# "ml", and shared one page. Their tags' slugs end in six hex digits of the tag itself, as
# does a tag with no letters to spell (an emoji's: "tag").
_ABJAD = re.compile(r"[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")


def _folded(tag: str) -> str:
    """The tag as a reader tells tags apart: not by case, by marks over letters (vowel
    signs, a hamza: أمل and امل are one word typed two ways) or by spaces."""
    import unicodedata

    letters = unicodedata.normalize("NFKD", tag)
    return " ".join("".join(c for c in letters if not unicodedata.combining(c)).split()).casefold()


# The web archive's own folders beside the issues' (its listings, search, pictures, paged
# home page): an issue named after one (issues/tags.yaml) would publish into it, its pages
# and the listing's overwriting each other.
SITE_FOLDERS = frozenset(
    {"editions", "languages", "media", "media-email", "page", "pagefind", "search", "style", "tags"}
)
# The pages `serve-subscriptions` answers under base_url (delivery/endpoints.py, subscribe.py):
# the web server passes BASE_URL/unsubscribe/ to it, so an issue named so is never reached,
# or hides the page every email's unsubscribe link opens.
SUBSCRIPTION_PAGES = frozenset({"subscribe", "confirm", "unsubscribe"})


def issue_folder(slug: str, edition: str = "") -> str:
    """An issue's folder (outputs and pages): `<slug>`, or `<slug>/<lang>` for a language
    edition; the original stays where it was before editions existed."""
    return f"{slug}/{edition}" if edition else slug


def issue_url(base_url: str, folder: str) -> str:
    """The page of an issue (or of one of its editions: `folder` is Issue.folder)."""
    return f"{base_url}{quote(folder)}/"  # عدد-الإضراب/: %D8%B9…


def readable(url: str) -> str:
    """`url` as a reader types it, for print and a link's text: letters of other scripts
    as letters ("example.org/شماره-اعتصاب/"), where the address itself (links, QR codes,
    feeds) keeps them percent-encoded; a back cover printed "%D8%B4%D9%85…". Only what
    encodes letters is decoded: an encoded space, slash or `?` would change the address
    typed, and an invisible character (a bidi override) would hide what it is."""
    return _ENCODED_LETTERS.sub(_as_letters, url)


_ENCODED_LETTERS = re.compile(r"(?:%[89a-fA-F][0-9a-fA-F])+")  # bytes of non-ASCII characters
_JOINERS = str.maketrans("", "", "\u200c\u200d")  # Persian's zero-width (non-)joiner: letters


def _as_letters(encoded: re.Match[str]) -> str:
    """The characters percent-encoded in `encoded` if they are all visible, else itself."""
    try:
        decoded = unquote_to_bytes(encoded.group()).decode("utf-8")
    except UnicodeDecodeError:
        return encoded.group()
    return decoded if decoded.translate(_JOINERS).isprintable() else encoded.group()


def ascii_url(url: str) -> str:
    """`url` as browsers send it: its host in IDNA (xn--…), every character outside ASCII
    of the rest percent-encoded in UTF-8; what is ASCII already is kept as it is. For
    mail, where a link in other letters is mangled or cut at its first such letter."""
    from urllib.parse import urlunsplit

    if url.isascii():
        return url
    parts = split_url(url)
    user, at, host = parts.netloc.rpartition("@")
    name, colon, port = (
        host.rpartition(":") if host.rpartition(":")[2].isdigit() else (host, "", "")
    )
    if not name.isascii():
        import idna

        with contextlib.suppress(idna.IDNAError):  # no such host: it is encoded below
            name = idna.encode(name, uts46=True).decode("ascii")
    whole = urlunsplit(parts._replace(netloc=f"{user}{at}{name}{colon}{port}"))
    return _NOT_ASCII.sub(lambda letters: quote(letters.group(), safe=""), whole)


_NOT_ASCII = re.compile(r"[^\x00-\x7f]+")


def edition_home_folder(language: str) -> str:
    """Where an edition language's home page and feeds (feed.atom, feed.rss) live."""
    return f"editions/{language}/"


def document_url(base_url: str, issue_folder: str, document_slug: str) -> str:
    """Each document has its own page under its issue's: where emails and feeds link."""
    return f"{issue_url(base_url, issue_folder)}{quote(document_slug)}/"  # عمل: %D8%B9…


def unsubscribe_url(base_url: str) -> str:
    """A subscriber's unsubscribe page, as written into each issue's email (see RECIPIENT_TOKEN)."""
    return f"{base_url}unsubscribe/?token={RECIPIENT_TOKEN}"


def unsubscribe_mailto(address: str, token: str = RECIPIENT_TOKEN) -> str:
    """Unsubscribing by mail, for the mail clients that do it so (Apple Mail's "Unsubscribe"):
    a message to `address` whose subject carries the subscriber's signed token, which
    `publisher bounces` reads there. (A token is URL-safe: nothing in it needs escaping.)"""
    return f"mailto:{address}?subject=unsubscribe%20{token}"
