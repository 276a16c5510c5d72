"""Bytes of unknown encoding → text, and how sure the reading is; CRLF and CR line ends
folded to LF.

UTF-8 (with or without BOM) and UTF-16/UTF-32 with a BOM are read as they are. UTF-8
carrying encoded lone surrogates (broken JSON, Windows file names) is still read as UTF-8:
the surrogates are control noise that `publisher.controls` removes with a warning, not a
reason to guess another encoding and garble every accented letter. UTF-16 without a BOM is
read when one byte order gives clean text.

Anything else is a guess among what editors' machines save when they do not save UTF-8
(`EDITORS_ENCODINGS`): Windows' "ANSI" in Western Europe and the Americas (Windows-1252, of
which Latin-1 is the older subset), the Mac's before OS X (Mac Roman), Windows' Arabic
(Windows-1256). charset-normalizer, isolated to those, measures each reading's mess and
language coherence; on a short text those say little, so each reading is also checked for
what a wrong code page leaves in text of the languages editors write: letters no such
language uses (Ž for é, ˆ for à), signs inside words (‡ for á), an uppercase accented letter
inside a lowercase word (dÈjà), an en dash between lowercase letters (a–o for año), Arabic
letters inside Latin words (اa for Ça), words that are mostly accented letters (Ïðèâåò).
Only when every such reading looks wrong is charset-normalizer's unrestricted guess taken
(Windows-1251, -1253 …). A guess that another reading could still beat, or that still
looks wrong, carries a `doubt` for the import report.

`textfiles.read_text` refuses what `guess_text` guesses: documents are published as they
are, while what `publisher import` writes is for an editor to review.
"""

from __future__ import annotations

import itertools
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import regex

from ..controls import clean_text
from ..errors import PublisherError
from ..textfiles import bom_codec

if TYPE_CHECKING:
    from charset_normalizer import CharsetMatches

# Most likely first: on a tie, the earlier one is read.
EDITORS_ENCODINGS = ("cp1252", "latin_1", "mac_roman", "cp1256")
_NAMES = {
    "utf_8": "UTF-8",
    "utf_16_le": "UTF-16 (little-endian, no BOM)",
    "utf_16_be": "UTF-16 (big-endian, no BOM)",
    "cp1252": "Windows-1252",
    "latin_1": "Latin-1",
    "mac_roman": "Mac Roman",
    "cp1256": "Windows-1256 (Arabic)",
}


@dataclass(frozen=True)
class Decoded:
    """A file's text, the codec it was read with, and why to check it (None: sure)."""

    text: str
    encoding: str
    doubt: str | None = None


def decode_text(data: bytes, path: Path) -> str:
    return guess_text(data, path).text


def guess_text(data: bytes, path: Path) -> Decoded:
    """`data`, the bytes of the file at `path`, as text (see the module's docstring)."""
    decoded = _decode(data, path)
    text = decoded.text.replace("\r\n", "\n").replace("\r", "\n")
    return Decoded(text, decoded.encoding, decoded.doubt)


def _decode(data: bytes, path: Path) -> Decoded:
    if codec := bom_codec(data):
        try:
            return Decoded(data.decode(codec), codec)
        except UnicodeDecodeError as exc:
            what = codec.removesuffix("-sig").upper()
            raise _unreadable(
                path, f"it begins as {what} does, but has bad bytes at offset {exc.start}"
            ) from None
    if b"\x00" in data[:4096]:
        found = _utf16_without_bom(data)
        if found is None:
            raise _unreadable(path, "it contains NUL bytes, so it is not text")
        return found
    try:
        return Decoded(data.decode("utf-8", errors="surrogatepass"), "utf_8")
    except UnicodeDecodeError:
        pass
    return _guess(data)


def _utf16_without_bom(data: bytes) -> Decoded | None:
    """UTF-16 saved without its BOM: the byte order whose reading is text (read in the
    wrong order, or as UTF-16 when it is binary, the bytes give CJK letters and controls)."""
    if len(data) % 2:
        return None
    for codec in ("utf_16_le", "utf_16_be"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if text.strip() and _oddities(text) <= len(text) // 100:
            return Decoded(text, codec)
    return None


@dataclass(frozen=True)
class _Reading:
    encoding: str
    text: str
    odd: int  # characters and words that look out of place (see `_oddities`)
    chaos: float  # charset-normalizer's mess ratio, 1.0 where it gave up on this reading
    coherence: float  # how much it reads like a language charset-normalizer knows

    def key(self) -> tuple[int, float, float, int]:
        """Fewest oddities first, then least mess, most coherence, most usual encoding."""
        preference = EDITORS_ENCODINGS.index(self.encoding)
        return self.odd, round(self.chaos, 2), -round(self.coherence, 2), preference


def _guess(data: bytes) -> Decoded:
    from charset_normalizer import from_bytes

    # threshold: Farsi's zero-width non-joiners count as mess (0.22 on a paragraph), and a
    # reading left out is one that cannot be compared.
    measured = _measures(from_bytes(data, cp_isolation=list(EDITORS_ENCODINGS), threshold=0.6))
    readings = []
    for encoding in EDITORS_ENCODINGS:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:  # Windows-1252 leaves five bytes undefined
            continue
        chaos, coherence = measured.get(encoding, (1.0, 0.0))
        readings.append(_Reading(encoding, text, _oddities(text), chaos, coherence))
    readings.sort(key=_Reading.key)
    best = readings[0]
    if best.odd:  # every usual reading looks wrong: perhaps another code page altogether
        other = from_bytes(data).best()
        if other is not None:
            text = str(other)
            odd = _oddities(text)
            if odd < best.odd:
                doubt = (
                    f"not UTF-8, nor an encoding editors' machines usually save: read as"
                    f" {encoding_name(other.encoding)}, a guess; check the text, or save it as UTF-8"
                    " and import it again"
                )
                return Decoded(text, other.encoding, doubt)
    return Decoded(best.text, best.encoding, _doubt(best, readings))


def _measures(matches: CharsetMatches) -> dict[str, tuple[float, float]]:
    """charset-normalizer's chaos and coherence for each encoding it kept; the encodings
    that give the same text share a match (`could_be_from_charset`)."""
    measured: dict[str, tuple[float, float]] = {}
    for match in matches:
        for encoding in match.could_be_from_charset:
            measured.setdefault(encoding, (match.chaos, match.coherence))
    return measured


def _doubt(best: _Reading, readings: list[_Reading]) -> str | None:
    """Why the reading `best` may be wrong, or None when no other reading comes close: one
    of the others must look wrong in at least two places (one where it is Windows-1252 that
    was read, the most common by far), or charset-normalizer must clearly prefer `best`."""
    if best.odd:
        sample = _first_odd_word(best.text)
        return (
            f"not UTF-8: read as {encoding_name(best.encoding)}, a guess, but {sample!r} looks out of"
            " place; check the text, or save it as UTF-8 and import it again"
        )
    rival = next((r for r in readings if r.text != best.text), None)
    if rival is None:
        return None
    needed = 1 if best.encoding in ("cp1252", "latin_1") else 2
    if rival.odd - best.odd >= needed or (
        rival.odd == best.odd
        and (rival.chaos - best.chaos >= 0.05 or best.coherence - rival.coherence >= 0.1)
    ):
        return None
    ours, theirs = _first_difference(best.text, rival.text)
    return (
        f"not UTF-8: read as {encoding_name(best.encoding)}, a guess; as {encoding_name(rival.encoding)} it"
        f" would have {theirs!r} for {ours!r}: check its accented letters, or save the file"
        " as UTF-8 and import it again"
    )


def encoding_name(encoding: str) -> str:
    if encoding in _NAMES:
        return _NAMES[encoding]
    if found := regex.fullmatch(r"cp(125\d)", encoding):
        return f"Windows-{found.group(1)}"
    if found := regex.fullmatch(r"iso8859_(\d+)", encoding):
        return f"ISO-8859-{found.group(1)}"
    return encoding


def _first_difference(ours: str, theirs: str) -> tuple[str, str]:
    """The first word that two readings of the same single-byte text spell differently (a
    single-byte encoding reads one byte as one character, so the two line up)."""
    at = next(i for i, (a, b) in enumerate(zip(ours, theirs, strict=False)) if a != b)
    start = max(ours.rfind(" ", 0, at), ours.rfind("\n", 0, at)) + 1
    ends = [i for i in (ours.find(" ", at), ours.find("\n", at)) if i != -1]
    end = min(ends, default=len(ours))
    return ours[start:end][:40], theirs[start:end][:40]


def _first_odd_word(text: str) -> str:
    for match in _TOKEN.finditer(text):
        if _oddities(match.group(0)):
            return match.group(0)[:40]
    return text[:40]


# --- what a wrong code page leaves in text --------------------------------------------------

_ACCENTED = "àáâãäåæçèéêëìíîïñòóôõöøùúûüÿœğş"  # fr es pt ca de it nl tr, and å/ø in names
_EXPECTED_LETTERS = frozenset(_ACCENTED + _ACCENTED.upper() + "ßıİ")
_EXPECTED_SIGNS = frozenset(
    "\u00a0\u2009\u202f\u200b\u200c\u200d\u200e\u200f\ufeff"  # spaces, joiners, direction marks
    "«»¿¡“”‘’„…–—•·°§€£¥©®™ºª×±½¼¾²³′″−"
    "،؛؟ـ٪٫٬۔"  # Arabic punctuation and signs outside the Arabic script property
)
# Letters and marks of the other scripts of editors' languages (harakat and niqqud are of the
# "inherited" script: their script extensions say which they belong to).
_OTHER_SCRIPTS = regex.compile(r"[\p{Greek}\p{Cyrillic}\p{scx=Hebrew}\p{scx=Arabic}]")
_SCRIPTS = {
    "Latin": regex.compile(r"\p{Latin}"),
    "Arabic": regex.compile(r"\p{scx=Arabic}"),  # harakat too: ً after n is Arabic in a word
    "Greek": regex.compile(r"\p{Greek}"),
    "Cyrillic": regex.compile(r"\p{Cyrillic}"),
    "Hebrew": regex.compile(r"\p{scx=Hebrew}"),
}
_TOKEN = regex.compile(r"\S*[^\x00-\x7f]\S*")  # only what holds a non-ASCII character differs
_WORD = regex.compile(r"[\p{L}\p{M}\u200c\u200d]+")
# C0 controls but tab, line ends, VT and FF (C1 controls are non-ASCII: see _odd_character)
_CONTROL = regex.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
# An en dash joins numbers and names ("1990–2000", "Paris–Berlin"), never two lowercase
# letters: "Se–alan", "a–o" are ñ in Mac Roman read as Windows-1252. (English sets em
# dashes between words without spaces: those say nothing.)
_DASH_IN_WORD = regex.compile(r"(?<=\p{Ll})–(?=\p{Ll})")
_MOST_TOKENS = 5000  # enough to tell code pages apart in a long file, and fast


def _oddities(text: str) -> int:
    """How many characters and words of `text` look like a wrong code page's work (see the
    module's docstring); controls other than tab and line ends count too."""
    odd = len(_CONTROL.findall(text)) + len(_DASH_IN_WORD.findall(text))
    for number, token in enumerate(_TOKEN.finditer(text)):
        if number == _MOST_TOKENS:
            break
        odd += sum(_odd_character(c) for c in token.group(0))
        odd += sum(_odd_word(word) for word in _WORD.findall(token.group(0)))
    return odd


@cache
def _odd_character(c: str) -> bool:
    if c.isascii():
        return False
    category = unicodedata.category(c)
    if category.startswith("L"):
        return c not in _EXPECTED_LETTERS and not _OTHER_SCRIPTS.match(c)
    if category.startswith("M"):
        return not _OTHER_SCRIPTS.match(c) and not "\u0300" <= c <= "\u036f"
    if category == "Nd":
        return False
    return c not in _EXPECTED_SIGNS


def _odd_word(word: str) -> int:
    """1 for a word an encoding garbled, or one per change of script inside it ("اa" for
    "Ça", "Rژsumژ" for "Résumé")."""
    scripts = [_script(c) for c in word]
    known = [script for script in scripts if script]
    switches = sum(a != b for a, b in itertools.pairwise(known))
    if switches:
        return switches
    letters = [c for c in word if c.isalpha()]
    for before, letter in itertools.pairwise(letters):
        if before.islower() and letter.isupper() and not letter.isascii():  # "dÈjà", "workersÕ"
            return 1
    accented = sum(not c.isascii() for c in letters)
    return int(known[:1] == ["Latin"] and len(letters) >= 4 and 2 * accented > len(letters))


@cache
def _script(c: str) -> str | None:
    return next((name for name, pattern in _SCRIPTS.items() if pattern.match(c)), None)


def _unreadable(path: Path, why: str) -> PublisherError:
    return PublisherError.at(
        f"cannot read this file as text: {why}",
        path,
        hint="export it from its program as .txt, .html, .docx or .odt",
    )


def clean_extracted(text: str, path: Path) -> str:
    """Text a converter pulled out of `path` (entities like &#11; included), without control
    characters; the warning's line number counts in the extracted text, and says so."""
    return clean_text(text, f"{path} (extracted text)")
