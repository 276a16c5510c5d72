"""Text garbled by a wrong encoding on its way to the editor → the text it was (ftfy).

A web page, an email or a spreadsheet often hands on UTF-8 text that a program before it
read as Windows-1252 or Latin-1 ("mojibake"): "donâ€™t" for "don’t", "FranÃ§ois" for
"François", Arabic as "Ù…Ø±Ø­Ø¨Ø§". Published so, every accented letter, curly quote and
Arabic word is two or three wrong characters in every output and every inbox. ftfy undoes
exactly that, and leaves text alone that merely looks odd; only its encoding repairs are
used: quotes stay curly, wide letters, ligatures and entities as written. Each repair is
said with the file, line and an example: the file itself keeps the garbling until the
editor corrects it.
"""

from __future__ import annotations

import logging
import re
from functools import cache
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

# A UTF-8 lead byte read as Windows-1252 or Latin-1 (Â to ô), then a continuation byte read
# so: every mojibake of UTF-8 holds one. Text without one is not handed to ftfy at all (its
# import and its own test would cost a build 0.2 s and 0.3 s a megabyte).
_SUSPECT = re.compile("[\u00c2-\u00f4][\u0080-\u00bf€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ]")
_SHOWN = 40  # characters of a line an example shows at most


def repaired(text: str, source: Path | str, first_line: int | None = 1) -> str:
    """`text` with its mojibake undone, and a warning naming `source` and the first line
    repaired (counted from `first_line`; None: `text` has no lines of the file's own)."""
    if not _SUSPECT.search(text):
        return text
    import ftfy
    from ftfy.badness import is_bad

    if not is_bad(text):
        return text
    fixed: str = ftfy.fix_text(text, _config())
    if fixed == text:
        return text
    old_lines, new_lines = text.split("\n"), fixed.split("\n")
    lines = zip(old_lines, new_lines, strict=False)  # ftfy keeps the lines a text has
    changed = [i for i, (was, now) in enumerate(lines) if was != now] or [0]
    first = changed[0]
    if first_line is None:  # an office file's text: its lines are not the editor's
        where, more = str(source), ""
    else:
        where = f"{source}:{first + first_line}"
        more = f", also on {len(changed) - 1} more line(s)" if len(changed) > 1 else ""
    was, now = _example(old_lines[first], new_lines[first] if first < len(new_lines) else "")
    log.warning(
        "%s: repaired text garbled by a wrong encoding ('%s' reads '%s')%s; correct the file"
        " too, or the next program to read it shows it garbled",
        where,
        was,
        now,
        more,
    )
    return fixed


def _example(old: str, new: str) -> tuple[str, str]:
    """The first word (or stretch of the line) that differs, as it was and as it reads."""
    old_words, new_words = old.split(), new.split()
    if len(old_words) == len(new_words):
        for was, now in zip(old_words, new_words, strict=True):
            if was != now:
                return was[:_SHOWN], now[:_SHOWN]
    return old.strip()[:_SHOWN], new.strip()[:_SHOWN]


@cache
def _config() -> Any:  # an ftfy TextFixerConfig (ftfy imported lazily)
    from ftfy import TextFixerConfig

    return TextFixerConfig(
        unescape_html=False,
        remove_terminal_escapes=False,
        fix_latin_ligatures=False,
        fix_character_width=False,
        uncurl_quotes=False,
        fix_line_breaks=False,
        fix_surrogates=False,
        remove_control_chars=False,
        normalization=None,
        explain=False,
    )
