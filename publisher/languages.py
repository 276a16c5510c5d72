"""Language tags: every language given anywhere (front matter, file name, manifest, config)
is checked as a BCP 47 tag against the IANA registry (langcodes) and written in its
canonical form, because it lands in HTML `lang`, XML `xml:lang`, EPUB metadata and paths.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

# A translation's file name: "article.es.md", "index.pt-br.md" (Hugo's convention).
# Two-letter languages only: "minutes.new.md" must not become Newari.
_FILE_NAME_LANGUAGE = re.compile(r"^[A-Za-z]{2}(?:[-_][A-Za-z]{4})?(?:[-_](?:[A-Za-z]{2}|\d{3}))?$")
HINT = "use a BCP 47 code such as en, es, fr, ar or pt-BR"


class NotALanguage(ValueError):
    """`value` is not a language tag; `hint` says what to write instead."""

    def __init__(self, value: object, hint: str) -> None:
        super().__init__(f"{value!r} is not a language code")
        self.hint = hint


# Tags already canonical that the registry holds, answered without importing langcodes
# (a fifth of a second of every command's start): each of these ISO 639-1 languages, alone
# or with each of these regions. tests/test_languages.py checks them against langcodes.
_LANGUAGE_TABLE = """
    aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu
    cv cy da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi
    ho hr ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks
    ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl
    nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl
    sm sn so sq sr ss st su sv sw ta te tg th ti tk tn to tr ts tt tw ty ug uk ur uz ve vi
    vo wa wo xh yi yo za zh zu
"""
_REGION_TABLE = """
    AA AC AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM
    BN BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CP CR CU CV CW CX CY
    CZ DE DG DJ DK DM DO DZ EA EC EE EG EH ER ES ET EU EZ FI FJ FK FM FO FR GA GB GD GE GF
    GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU IC ID IE IL IM IN IO IQ IR
    IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA
    MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL
    NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA QM QN QO QP QQ QR QS QT
    QV QW QX QY QZ RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX
    SY SZ TA TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM UN US UY UZ VA VC VE
    VG VI VN VU WF WS XA XB XC XD XE XF XG XH XI XJ XK XL XM XN XO XP XQ XR XS XT XU XV XW
    XX XY XZ YE YT ZA ZM ZW ZZ
"""
_LANGUAGES = frozenset(_LANGUAGE_TABLE.split())
_REGIONS = frozenset(_REGION_TABLE.split())


def _plainly_canonical(text: str) -> bool:
    language, dash, region = text.partition("-")
    return language in _LANGUAGES and (not dash or region in _REGIONS)


@lru_cache(maxsize=512)
def language_tag(value: str) -> str:
    """The canonical BCP 47 form of `value` ("EN_gb" → "en-GB"), or NotALanguage."""
    text = value.strip()
    if _plainly_canonical(text):
        return text
    import langcodes

    if text and langcodes.tag_is_valid(text.replace("_", "-")):
        return langcodes.standardize_tag(text.replace("_", "-"))
    raise NotALanguage(value, _suggestion(text))


def well_formed_tag(text: str) -> bool:
    """Whether `text` is a BCP 47 tag as HTML's `lang` takes it, as written: no `_`, no
    canonical form made, no suggestion looked for (cheap enough for every attribute)."""
    if not text or "_" in text:
        return False
    if _plainly_canonical(text):
        return True
    import langcodes

    return bool(langcodes.tag_is_valid(text))


def checked_language(value: object) -> str:
    """`language_code` for a value read from a file (a manifest's, front matter's, the
    configuration's), which may not even be text: a code, or a language's name
    ("Spanish", "español"), as `publisher init` takes it."""
    if not isinstance(value, str):
        raise NotALanguage(value, HINT)
    return language_code(value)


def file_name_language(path: Path) -> str | None:
    """The language a file name carries before its extension ("article.es.md" → "es")."""
    return named_in_a_path(Path(path.stem).suffix.lstrip("."))


def named_in_a_path(part: str) -> str | None:
    """The language a part of a path names ("es", "pt-br" → "pt-BR"), as file names and
    Hugo's language folders name them: two-letter languages only (a folder `new/` must
    not be Newari); None for any other part."""
    if not _FILE_NAME_LANGUAGE.match(part):
        return None
    try:
        return language_tag(part)
    except NotALanguage:
        return None


def language_code(value: str) -> str:
    """A language tag ("es", "fr-CA"), or the tag of a language named in words ("Spanish",
    "español"), as `publisher init`, the composer and subscriber lists take it; else
    NotALanguage, with its hint."""
    try:
        return language_tag(value)
    except NotALanguage:
        if tag := named_language(value):
            return tag
        raise


@lru_cache(maxsize=256)  # once per word: a subscriber list names a language on every row
def same_language(document: str, edition: str) -> bool:
    """A document written in the edition's language (`es-MX` in `es`) needs no translation."""
    return document == edition or document.split("-")[0] == edition.split("-")[0]


def named_language(text: str) -> str | None:
    """The tag of the language `text` names, in English or in one of the languages our
    users write ("Spanish", "español", "espanol", "arabe" → 'es', 'es', 'es', 'ar'); None
    when none."""
    return _language_names().get(_folded(text))


def _folded(name: str) -> str:
    """A language's name as compared: in lower case, without accents ("Español" is typed
    "espanol" on an English keyboard), its spaces single."""
    letters = unicodedata.normalize("NFKD", " ".join(name.split()).casefold())
    return "".join(letter for letter in letters if not unicodedata.combining(letter))


@lru_cache(maxsize=1)
def _language_names() -> dict[str, str]:
    """Each language's name (`_folded`) in English and in the languages our users write,
    and the names people use that CLDR does not give, → its tag."""
    from babel import Locale

    names: dict[str, str] = {}
    for code in ("en", "es", "fr", "de", "pt", "it", "ar", "fa"):
        for tag, name in Locale(code).languages.items():
            # "Brazilian Portuguese": pt_BR, as BCP 47 writes it; the first language so named
            names.setdefault(_folded(name), str(tag).replace("_", "-"))
    return {**names, **{_folded(name): tag for name, tag in _OTHER_NAMES.items()}}


# Names people use that CLDR does not give: "Farsi" is Persian in English as Iranians say it,
# "castellano" Spanish as Spain and much of South America call it.
_OTHER_NAMES = {
    **dict.fromkeys(("farsi", "parsi", "fārsi"), "fa"),
    **dict.fromkeys(("castellano", "castilian", "español de españa"), "es"),
    **dict.fromkeys(("portuguese (brazil)", "português do brasil", "português (brasil)"), "pt-BR"),
}


def described(tag: str) -> str:
    """A language tag for an editor's eyes: "Persian (fa)", "English (United States, en-US)",
    or the tag CLDR does not name."""
    from babel import Locale, UnknownLocaleError

    try:
        name = Locale.parse(tag.replace("-", "_")).get_display_name("en")
    except (ValueError, UnknownLocaleError):
        return tag
    if not name:
        return tag
    return f"{name[:-1]}, {tag})" if name.endswith(")") else f"{name} ({tag})"


def _suggestion(text: str) -> str:
    """'did you mean …?' when `text` is a language's name ("Spanish", "español"), or one
    misspelt ("Spansh")."""
    import difflib

    if tag := named_language(text):
        return f"did you mean {tag!r}? {HINT}"
    names = _language_names()
    if near := difflib.get_close_matches(_folded(text), names, n=1, cutoff=0.8):
        from babel import Locale

        tag = names[near[0]]
        name = Locale("en").languages.get(tag.replace("-", "_"), near[0].title())
        return f"did you mean {tag!r} ({name})? {HINT}"  # "Espanl": 'es' (Spanish)
    return HINT


def language_folder(relative: Path) -> Path | None:
    """The folder naming `relative`'s language (`languages.named_in_a_path`), relative to
    documents/: a top-level one (`fr/`), or one right inside a `content/` folder
    (`content/fr/`, `site/content/fr/`: Hugo's `contentDir` per language)."""
    parts = relative.parts[:-1]
    for index, part in enumerate(parts):
        if (index == 0 or parts[index - 1].lower() == "content") and named_in_a_path(part):
            return Path(*parts[: index + 1])
    return None


def outside_language_folder(relative: Path) -> Path:
    """`relative` without its language folder (`content/fr/news/x.md` → `content/news/x.md`)."""
    folder = language_folder(relative)
    if folder is None:
        return relative
    return Path(*folder.parts[:-1], *relative.parts[len(folder.parts) :])


def folder_language(relative: Path) -> str | None:
    """The language of the folder `relative` is in (`fr/`, `content/pt-br/`), as Hugo's
    translation by content directory has it (`language_folder`)."""
    folder = language_folder(relative)
    return named_in_a_path(folder.name) if folder is not None else None
