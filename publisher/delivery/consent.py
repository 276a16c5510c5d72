"""A sign-up form's consent question among a list's columns ("Can we email you the
newsletter?", "¿Podemos enviarte el boletín?"): a Google Form or Framaforms sheet keeps
whoever answered, those who said no too. Its "No" must keep a person off the list, where an
unknown column would only be ignored and everyone in the sheet mailed."""

from __future__ import annotations

import re
from collections.abc import Sequence

# Words a heading asks for consent with: to be emailed, to get the newsletter, to agree.
_ASKS = re.compile(
    r"consent|opt[- ]?in|agree|permission|newsletter|subscri|(e-?)?mail (you|u)\b"
    r"|contact you|receive|acepto|bolet[ií]n|enviar(te|le)|recibir|suscrib"
    r"|accepte|lettre d.information|recevoir|abonn|موافق|النشرة|خبرنامه",
    re.IGNORECASE,
)
# Answers, by their first words (in lower case): what forms' Yes/No and checkbox options say.
_YES = {
    *("yes", "y", "yeah", "yep", "true", "1", "x", "✓", "✔", "ok", "okay", "sure", "agree"),
    *("agreed", "i agree", "i consent", "i accept", "sí", "si", "acepto", "claro"),
    *("oui", "j'accepte", "d'accord", "ja", "sim", "نعم", "بله", "آره", "موافقم"),
}
_NO = {"no", "n", "nope", "false", "0", "non", "nein", "não", "nao", "لا", "نه", "خیر"}


def answer(cell: str) -> bool | None:
    """True for a yes, False for a no, None for anything else ("maybe", a sentence)."""
    words = re.findall(r"[\w'’✓✔]+", cell.casefold().replace("’", "'"))
    for said in (" ".join(words[:2]), " ".join(words[:1])):
        if said in _YES:
            return True
        if said in _NO:
            return False
    return None


def consent_column(columns: Sequence[str], rows: Sequence[list[str]]) -> int | None:
    """The column that asks for consent: a heading in its words, most of its answers a yes
    or a no (so "What would you like in the newsletter?" stays a question, not consent)."""
    for index, heading in enumerate(columns):
        if not _ASKS.search(heading):
            continue
        cells = [r[index].strip() for r in rows if index < len(r) and r[index].strip()]
        if cells and 2 * sum(answer(cell) is not None for cell in cells) > len(cells):
            return index
    return None
