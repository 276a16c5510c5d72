"""Check: every built output validated by the real validator for its format.

A check is one function from a `Target` (the output folder and its issues) to findings;
adding one is a function in the format's module and one line in REGISTRY. A validator
that is not installed yields a warning that says how to install it; the others still run.
"""

from __future__ import annotations

from collections.abc import Sequence

from . import email, epub, feed, pdf, web
from .base import Check, Finding, Target, ToolMissing

REGISTRY: tuple[Check, ...] = (
    Check("epub", "epubcheck", epub.epubcheck),
    Check("epub", "accessibility (Ace)", epub.accessibility),
    Check("web", "Nu HTML checker", web.nu_html_checker),
    Check("web", "internal links", web.internal_links),
    Check("web", "image alt text", web.image_alt_text),
    Check("feed", "well-formed XML", feed.well_formed_xml),
    Check("feed", "no control characters", feed.control_characters),
    Check("feed", "feedparser", feed.feedparser_clean),
    Check("feed", "Atom schema (RFC 4287)", feed.atom_schema),
    Check("feed", "RSS 2.0 required elements", feed.rss_required_elements),
    Check("feed", "stable entry ids", feed.stable_ids),
    Check("email", "HTML under Gmail's 102 KB", email.html_size),
    Check("email", "plain-text and HTML parts", email.parts),
    Check("email", "required headers", email.headers),
    Check("email", "lines within 998 octets", email.line_length),
    Check("email", "safe, absolute HTML", email.safe_html),
    Check("pdf", "fonts embedded", pdf.fonts_embedded),
    Check("pdf", "page boxes", pdf.page_boxes),
    Check("pdf", "tagged structure", pdf.tagged_when_claimed),
    Check("pdf", "text inside the trim box", pdf.text_inside_trim),
)
FORMATS = tuple(dict.fromkeys(check.format for check in REGISTRY))

__all__ = ["FORMATS", "REGISTRY", "Finding", "Target", "run_checks"]


def run_checks(target: Target, formats: Sequence[str] = ()) -> list[Finding]:
    findings: list[Finding] = []
    for check in REGISTRY:
        if formats and check.format not in formats:
            continue
        try:
            found = list(check.run(target))
        except ToolMissing as missing:
            found = [Finding(check.format, check.name, "warn", f"not run: {missing}")]
        except Exception as exc:  # a validator that crashes is a failed check, not a crash
            found = [
                Finding(
                    check.format, check.name, "fail", f"could not run: {type(exc).__name__}: {exc}"
                )
            ]
        if not found:
            found = [
                Finding(
                    check.format, check.name, "warn", "nothing to check: build this format first"
                )
            ]
        findings += found
    return findings
