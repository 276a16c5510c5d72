"""Languages and scripts: which language a document is in (py3langid), and which passages
are in another script (Arabic, Farsi, Hebrew, Greek), marked with lang/dir for every renderer."""

from __future__ import annotations

import threading
from collections import Counter
from functools import cache
from typing import Any

import regex

from ..i18n import base_language
from ..model import ARABIC_SCRIPT_LANGUAGES

# Languages editors of this tool receive; restricting the model makes short texts reliable.
CANDIDATES = ["en", "es", "fr", "de", "it", "pt", "ca", "nl", "ar", "fa", "el", "he", "tr", "ru"]
# Letters Persian has and Arabic has not, Persian digits, and the zero-width non-joiner of
# Persian spelling (خانه‌های، می‌کنیم).
_PERSIAN = regex.compile(r"[پچژگکی۰-۹\u200c]")
# A run of one script, allowing spaces, digits and punctuation between its words. An Arabic
# run goes on through the joiners of Persian spelling (U+200C, U+200D), direction marks and
# the punctuation and digits the script shares (، ؛ ؟ ـ: Common, with Arabic among their
# script extensions), and ends on a letter, mark, digit or sign of the script (؟ included;
# a closing "." stays outside, as the sentence around it may be the one it closes).
_ARABIC_END = r"[\p{scx=Arabic}\p{Mn}]"
_RUNS = {
    "Arabic": regex.compile(
        rf"\p{{Arabic}}(?:[\p{{scx=Arabic}}\p{{Mn}}\p{{Nd}}\s\u200c-\u200f«»().,:;!?\-/%\"'“”…]*"
        rf"{_ARABIC_END})?"
    ),
    "Hebrew": regex.compile(r"\p{Hebrew}[\p{Hebrew}\p{Mn}\p{Nd}\s\"'().,:!?\-]*\p{Hebrew}"),
    "Greek": regex.compile(r"\p{Greek}[\p{Greek}\p{Mn}\s().,;:!?\-]*\p{Greek}"),
}
RIGHT_TO_LEFT_RUNS = {script: _RUNS[script] for script in ("Arabic", "Hebrew")}
_SCRIPT_LETTERS = {
    script: regex.compile(rf"(?=\p{{L}})\p{{{script}}}") for script in ("Arabic", "Hebrew", "Greek")
}
# How many letters a document's language is told from (a paragraph's), and a paragraph's
# (a sentence's); how sure py3langid must be of a document's
_LETTERS_TO_TELL, _LETTERS_TO_TELL_A_PARAGRAPH = 100, 40
_SURE = 0.99
# The characters of a paragraph read to tell its language: a long one is read from its
# start, as py3langid's time is the length it reads
_READ_OF_A_PASSAGE = 200
_ENOUGH_TO_TELL = 20_000  # characters of a long text read to tell its language (`_spread`)
_TAG = regex.compile(r"(<[^>]+>)")
_LETTER = regex.compile(r"\p{L}")


_LOADING = threading.Lock()


def _identifier() -> Any:  # a py3langid LanguageIdentifier (untyped, imported lazily)
    """py3langid's identifier for CANDIDATES, loaded once, whichever of the threads that
    read documents asks first (two loaded it side by side, at twice the cost)."""
    with _LOADING:
        return _loaded_identifier()


@cache
def _loaded_identifier() -> Any:
    from .language_model import identifier

    return identifier(CANDIDATES)


def detect_language(text: str) -> str:
    """BCP 47 code of the main language of `text` ('und' when there is too little text):
    that of the script most of its letters are in. In a text mostly in Latin (or Cyrillic)
    letters, the passages in Arabic, Hebrew or Greek script (which `mark_fragments` marks
    with their own language) are left out before py3langid reads it: its model tells Farsi
    by letters and joiners only Farsi uses, and weighs them so that one Farsi paragraph
    outweighs three times as many English letters."""
    letters = len(_LETTER.findall(text))
    if letters < 20:
        return "und"
    counts = {script: len(p.findall(text)) for script, p in _SCRIPT_LETTERS.items()}
    script, most = max(counts.items(), key=lambda item: item[1])
    if most > letters - sum(counts.values()):  # more than in Latin, Cyrillic… letters together
        passage = " ".join(m.group(0) for m in _RUNS[script].finditer(text))
        if script == "Arabic" and _classify(passage) == "fa":
            return "fa"
        return script_language(script, passage)[0]
    return _classify(_without_other_scripts(text))


def language_by_words(paragraphs: list[str], language: str) -> str | None:
    """The language a text of `paragraphs` is written in when it is plainly another than
    `language`, in the same letters (a Spanish statement pasted into an English
    newsletter): py3langid sure of it (0.99) over 100 letters at least, and hardly any
    paragraph in `language` (an English report followed by its Spanish translation is
    both, and stays `language`). None when the text is in `language` or too short to tell,
    and when `language` is none py3langid tells apart (a Basque newsletter's documents
    are Basque, not the nearest language it knows)."""
    own = base_language(language)
    if own not in CANDIDATES:
        return None
    texts = [_without_other_scripts(paragraph) for paragraph in _spread(paragraphs)]
    letters = [len(_LETTER.findall(text)) for text in texts]
    if sum(letters) < _LETTERS_TO_TELL:
        return None
    found, probability = _identifier().classify(" ".join(texts))
    if probability < _SURE or base_language(found) == own:
        return None
    in_own = sum(
        count
        for text, count in zip(texts, letters, strict=True)
        if count >= _LETTERS_TO_TELL_A_PARAGRAPH and base_language(_classify(text)) == own
    )
    return None if in_own > sum(letters) / 10 else str(found)


def passage_language(text: str) -> str | None:
    """The language py3langid is sure (`_SURE`) a paragraph of `text` is in, read in its
    letters outside Arabic, Hebrew and Greek script; None when it is not sure, as it
    never is of a name, a slogan or a short heading (under `_LETTERS_TO_TELL_A_PARAGRAPH`
    letters it is not asked). Its first `_READ_OF_A_PASSAGE` characters tell it, as well
    as all of it."""
    words = _without_other_scripts(text[: _READ_OF_A_PASSAGE * 2])
    if len(_LETTER.findall(words)) < _LETTERS_TO_TELL_A_PARAGRAPH:
        return None
    found, probability = _identifier().classify(words[:_READ_OF_A_PASSAGE])
    return str(found) if probability >= _SURE else None


def _spread(paragraphs: list[str]) -> list[str]:
    """`paragraphs`, or of a long text every so many of them, evenly from its start to its
    end, `_ENOUGH_TO_TELL` characters or so: telling a 1 MB document's language took a
    second, and the paragraphs read so tell it as well (and its two halves in two
    languages)."""
    total = sum(len(paragraph) for paragraph in paragraphs)
    return paragraphs[:: -(-total // _ENOUGH_TO_TELL)] if total > _ENOUGH_TO_TELL else paragraphs


def _without_other_scripts(text: str) -> str:
    """`text` without its passages in Arabic, Hebrew or Greek script, which
    `mark_fragments` marks apart."""
    for pattern in _RUNS.values():
        text = pattern.sub(" ", text)
    return text


def _classify(text: str) -> str:
    language: str
    language, _ = _identifier().classify(text)
    return language


# The languages written in each script `_RUNS` finds, as documents declare them.
_SCRIPT_LANGUAGES = {
    "Arabic": ARABIC_SCRIPT_LANGUAGES,
    "Hebrew": frozenset({"he", "yi"}),
    "Greek": frozenset({"el"}),
}


def run_language(script: str, run: str, language: str) -> str:
    """The language a run of `script` is in, in a text in `language`: Farsi where it has
    letters only Persian has; otherwise `language` when that is written in the script (a
    Farsi word with no such letter, in a Farsi document, is Farsi, not Arabic), else the
    script's first language."""
    told = script_language(script, run)[0]
    if told == "fa" or base_language(language) not in _SCRIPT_LANGUAGES[script]:
        return told
    return language


def script_language(script: str, run: str) -> tuple[str, str]:
    """The language and direction a run of `script` (Arabic, Hebrew, Greek) is in: Farsi
    where it has letters only Persian has."""
    if script == "Arabic":
        return ("fa" if _PERSIAN.search(run) else "ar"), "rtl"
    if script == "Hebrew":
        return "he", "rtl"
    return "el", "ltr"


def mark_fragments(fragment: str, language: str = "") -> tuple[str, Counter[str]]:
    """Wrap runs of another script in <span lang dir>; a paragraph mostly in one becomes
    <div lang dir>. Only text between tags is touched. Runs in the document's own
    `language` are its text, not passages: an Arabic statement is not marked Arabic
    paragraph by paragraph (its front matter's `lang` says it once)."""
    own = base_language(language)
    found: Counter[str] = Counter()
    pieces = _TAG.split(fragment)
    for i in range(0, len(pieces), 2):  # even indexes are text, odd ones tags
        text = pieces[i]
        for script, pattern in _RUNS.items():
            if not pattern.search(text):
                continue

            def wrap(match: regex.Match[str], script: str = script) -> str:
                language = run_language(script, match.group(0), own)
                if language == own:
                    return match.group(0)
                direction = script_language(script, match.group(0))[1]
                found[f"{language} passages"] += 1
                return f'<span lang="{language}" dir="{direction}">{match.group(0)}</span>'

            text = pattern.sub(wrap, text)
        pieces[i] = text
    return _promote_paragraphs("".join(pieces)), found


_WHOLE_PARAGRAPH = regex.compile(
    r'<p>\s*<span lang="(\w+)" dir="(\w+)">((?:(?!</span>).)*)</span>\s*([^<]{0,3})</p>',
    regex.DOTALL,
)


def _promote_paragraphs(fragment: str) -> str:
    """A paragraph that is one marked run becomes a marked block, so it is aligned as a whole."""
    return _WHOLE_PARAGRAPH.sub(
        lambda m: (
            f'<div lang="{m.group(1)}" dir="{m.group(2)}"><p>{m.group(3)}{m.group(4)}</p></div>'
        ),
        fragment,
    )
