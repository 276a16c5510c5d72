"""Languages and scripts: which language a document is in (py3langid), and which passages
are in another script (Arabic, Farsi, Hebrew, Greek), marked with lang/dir for every renderer."""

from __future__ import annotations

from collections import Counter
from functools import cache
from typing import Any

import regex

# Languages editors of this tool receive; restricting the model makes short texts reliable.
CANDIDATES = ["en", "es", "fr", "de", "it", "pt", "ca", "nl", "ar", "fa", "el", "he", "tr", "ru"]
_PERSIAN_LETTERS = regex.compile(r"[پچژگکی]")
# A run of one script, allowing spaces, digits and punctuation between its words.
_RUNS = {
    "Arabic": regex.compile(
        r"\p{Arabic}[\p{Arabic}\p{Mn}\p{Nd}\s،؛؟«»().,:!?\-]*\p{Arabic}|\p{Arabic}"
    ),
    "Hebrew": regex.compile(r"\p{Hebrew}[\p{Hebrew}\p{Mn}\p{Nd}\s\"'().,:!?\-]*\p{Hebrew}"),
    "Greek": regex.compile(r"\p{Greek}[\p{Greek}\p{Mn}\s().,;:!?\-]*\p{Greek}"),
}
_TAG = regex.compile(r"(<[^>]+>)")
_LETTER = regex.compile(r"\p{L}")


@cache
def _identifier() -> Any:  # a py3langid LanguageIdentifier (untyped, imported lazily)
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(CANDIDATES)
    return identifier


def detect_language(text: str) -> str:
    """BCP 47 code of the main language of `text` ('und' when there is too little text)."""
    letters = _LETTER.findall(text)
    if len(letters) < 20:
        return "und"
    language: str
    language, _ = _identifier().classify(text)
    if language == "ar" and _PERSIAN_LETTERS.search(text):
        return "fa"
    return language


def _language_of(script: str, run: str) -> tuple[str, str]:
    if script == "Arabic":
        return ("fa" if _PERSIAN_LETTERS.search(run) else "ar"), "rtl"
    if script == "Hebrew":
        return "he", "rtl"
    return "el", "ltr"


def mark_fragments(fragment: str) -> tuple[str, Counter[str]]:
    """Wrap runs of another script in <span lang dir>; a paragraph mostly in one becomes
    <div lang dir>. Only text between tags is touched."""
    found: Counter[str] = Counter()
    pieces = _TAG.split(fragment)
    for i in range(0, len(pieces), 2):  # even indexes are text, odd ones tags
        text = pieces[i]
        for script, pattern in _RUNS.items():
            if not pattern.search(text):
                continue

            def wrap(match: regex.Match[str], script: str = script) -> str:
                language, direction = _language_of(script, match.group(0))
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
