"""The words print options are chosen from: named page sizes, impositions, PDF standards,
page breaks. Apart from printing.py, which parses and stacks the settings, so that
`publisher --help` lists the choices without importing that machinery."""

from __future__ import annotations

# Trimmed page sizes in millimetres: ISO 216's A and B series, DL (ISO 269: a third of A4,
# the usual flyer beside A5) and the usual North American sizes (Half Letter, ANSI's
# Statement: a Letter sheet folded, as zines and booklets there are).
PAGE_SIZES: dict[str, tuple[float, float]] = {
    "A3": (297, 420),
    "A4": (210, 297),
    "A5": (148, 210),
    "A6": (105, 148),
    "B5": (176, 250),
    "DL": (99, 210),
    "Letter": (215.9, 279.4),
    "Half Letter": (139.7, 215.9),
    "Legal": (215.9, 355.6),
    "Tabloid": (279.4, 431.8),
}
# Other names a size goes by: a word processor's and ANSI's (spaces, hyphens and case
# are not part of a name: half-letter, HalfLetter and half letter are Half Letter)
PAGE_SIZE_ALIASES = {
    "statement": "Half Letter",
    "ledger": "Tabloid",
    "usletter": "Letter",
    "uslegal": "Legal",
}


def page_size_named(text: str) -> str | None:
    """The name in PAGE_SIZES that `text` is, written in any case, with or without spaces,
    hyphens or underscores ("a5", "half-letter"), or by another of its names; else None."""
    key = _name_key(text)
    found = {_name_key(name): name for name in PAGE_SIZES}.get(key)
    return found or PAGE_SIZE_ALIASES.get(key)


def _name_key(text: str) -> str:
    return "".join(c for c in text.casefold() if c not in " -_")


# Where everyday paper is Letter, not A4: the regions CLDR's paperSize "US-Letter" names
# (Unicode TR35, supplemental measurementData); the rest of the world prints on A4.
LETTER_REGIONS = frozenset(
    ("BZ", "CA", "CL", "CO", "CR", "GT", "MX", "NI", "PA", "PH", "PR", "SV", "US", "VE")
)


def everyday_page_size(region: str | None) -> str:
    """The paper a printer in `region` (ISO 3166 code) holds: Letter or A4."""
    return "Letter" if region and region.upper() in LETTER_REGIONS else "A4"


IMPOSITIONS = ("booklet", "2up", "3up", "4up", "none")
PAGE_BREAKS = ("section", "none")  # where the booklet starts a new page (besides the covers)
# PDF/UA for screens and screen readers, PDF/A for archives, PDF/X for print shops. PDF/X-1a
# is not offered: it wants every colour in CMYK, and WeasyPrint writes RGB.
STANDARDS = ("pdf/ua-1", "pdf/a-3b", "pdf/x-4")
