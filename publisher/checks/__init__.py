"""Check: every built output validated by the real validator for its format.

A check is one function from a `Target` (the output folder and its issues) to findings;
adding one is a function in the format's module and one line in REGISTRY. A validator
that is not installed yields a warning that says how to install it; the others still run.

Checks run side by side, up to one per core (the slow ones are external programs), and
their findings are remembered by the digest of the files they read: an output that did not
change is not checked again (`Cache` kind "checks").
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from ..cache import Cache, digest, files_digest, versions_digest
from ..jobs import workers
from . import email, epub, feed, pdf, tools, web
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
# The files each format's checks read: what their remembered findings are keyed by.
INPUTS: dict[str, Callable[[Target], list[Path]]] = {
    "epub": epub.epubs,
    "web": web.pages,
    "feed": feed.feeds,
    "email": email.emails,
    "pdf": pdf.pdfs,
}

__all__ = ["FORMATS", "REGISTRY", "Finding", "Target", "run_checks"]


def run_checks(
    target: Target, formats: Sequence[str] = (), cache: Cache | None = None
) -> list[Finding]:
    """Every check's findings, in REGISTRY order; with `cache`, unchanged outputs' findings
    are taken from the last run that checked them."""
    chosen = [check for check in REGISTRY if not formats or check.format in formats]
    inputs = _input_digests(target, {check.format for check in chosen}) if cache else {}
    with ThreadPoolExecutor(max_workers=workers()) as pool:
        found = pool.map(
            lambda check: _run_remembered(check, target, cache, inputs.get(check.format)), chosen
        )
        return [finding for findings in found for finding in findings]


def _input_digests(target: Target, formats: set[str]) -> dict[str, str]:
    """Per format with outputs, a digest of the files its checks read, publisher's code and
    the validators' versions: read and hashed once, for all the format's checks."""
    versions = digest(versions_digest(), tools.versions(target.config.root))
    return {
        format_: digest(versions, format_, files_digest(files, target.out_dir))
        for format_ in formats
        if (files := INPUTS[format_](target))
    }


def _run_remembered(
    check: Check, target: Target, cache: Cache | None, inputs: str | None
) -> list[Finding]:
    """`inputs` None: nothing of the format is built, so there is nothing to remember."""
    if cache is None or inputs is None:
        return _run(check, target)
    key = digest(inputs, check.name)
    out = target.out_dir
    if record := cache.load("checks", key):
        return [
            Finding(**{**row, "file": out / row["file"] if row["file"] else None})
            for row in record["findings"]
        ]
    findings = _run(check, target)
    if not any(f.detail.startswith(_NOT_RUN) for f in findings):
        rows = [
            {**dataclasses.asdict(f), "file": _relative(f.file, target) if f.file else None}
            for f in findings
        ]
        cache.store("checks", key, {"findings": rows})
    return findings


_NOT_RUN = ("not run:", "could not run:", "nothing to check:")


def _relative(path: Path, target: Target) -> str:
    return str(path.resolve().relative_to(target.out_dir.resolve()))


def _run(check: Check, target: Target) -> list[Finding]:
    try:
        found = list(check.run(target))
    except ToolMissing as missing:
        found = [Finding(check.format, check.name, "warn", f"not run: {missing}")]
    except Exception as exc:  # a validator that crashes is a failed check, not a crash
        found = [
            Finding(check.format, check.name, "fail", f"could not run: {type(exc).__name__}: {exc}")
        ]
    if not found:
        found = [
            Finding(check.format, check.name, "warn", "nothing to check: build this format first")
        ]
    return found
