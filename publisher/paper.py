"""The words print options are chosen from: named page sizes, impositions, PDF standards,
page breaks. Apart from printing.py, which parses and stacks the settings, so that
`publisher --help` lists the choices without importing that machinery."""

from __future__ import annotations

# Trimmed page sizes in millimetres (ISO 216 and the usual North American sizes).
PAGE_SIZES: dict[str, tuple[float, float]] = {
    "A4": (210, 297),
    "A5": (148, 210),
    "A6": (105, 148),
    "Letter": (215.9, 279.4),
    "Legal": (215.9, 355.6),
    "Tabloid": (279.4, 431.8),
}
IMPOSITIONS = ("booklet", "2up", "4up", "none")
PAGE_BREAKS = ("section", "none")  # where the booklet starts a new page (besides the covers)
# PDF/UA for screens and screen readers, PDF/A for archives, PDF/X for print shops. PDF/X-1a
# is not offered: it wants every colour in CMYK, and WeasyPrint writes RGB.
STANDARDS = ("pdf/ua-1", "pdf/a-3b", "pdf/x-4")
