"""Feed checks: strict XML, no control characters, feedparser without bozo, Atom against the
RFC 4287 RELAX NG schema, RSS 2.0's required elements, stable and unique entry ids."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

from .base import Result, Target

_CONTROL = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_ATOM = "{http://www.w3.org/2005/Atom}"


def feeds(target: Target) -> list[Path]:
    return sorted([*target.out_dir.rglob("*.atom"), *target.out_dir.rglob("*.rss")])


def control_characters(target: Target) -> Iterator[Result]:
    for path in feeds(target):
        data = path.read_bytes()
        if match := _CONTROL.search(data):
            line = data.count(b"\n", 0, match.start()) + 1
            yield Result(
                "fail",
                f"byte {match.group(0)!r} at offset {match.start()}",
                path,
                line,
            )
        else:
            yield Result("pass", "", path)


def well_formed_xml(target: Target) -> Iterator[Result]:
    from lxml import etree

    for path in feeds(target):
        try:
            etree.parse(
                str(path), etree.XMLParser(recover=False, resolve_entities=False, no_network=True)
            )
        except etree.XMLSyntaxError as exc:
            yield Result("fail", exc.msg, path, exc.lineno)
        else:
            yield Result("pass", "", path)


def feedparser_clean(target: Target) -> Iterator[Result]:
    import feedparser

    for path in feeds(target):
        parsed = feedparser.parse(path.read_bytes())
        if parsed.bozo:
            yield Result("fail", str(parsed.get("bozo_exception")), path)
        else:
            yield Result("pass", f"{len(parsed.entries)} entries", path)


@cache
def _atom_schema() -> Any:
    from lxml import etree

    return etree.RelaxNG(etree.parse(str(Path(__file__).with_name("atom.rng"))))


def atom_schema(target: Target) -> Iterator[Result]:
    from lxml import etree

    for path in sorted(target.out_dir.rglob("*.atom")):
        try:
            document = etree.parse(str(path))
        except etree.XMLSyntaxError:
            continue  # reported by well_formed_xml
        schema = _atom_schema()
        if schema.validate(document):
            yield Result("pass", "", path)
        for error in schema.error_log:
            yield Result("fail", error.message, path, error.line)


def rss_required_elements(target: Target) -> Iterator[Result]:
    from lxml import etree

    for path in sorted(target.out_dir.rglob("*.rss")):
        try:
            channel = etree.parse(str(path)).getroot().find("channel")
        except etree.XMLSyntaxError:
            continue
        missing = [] if channel is not None else ["channel"]
        if channel is not None:
            missing += [
                f"channel/{t}" for t in ("title", "link", "description") if channel.find(t) is None
            ]
            missing += _unreadable_dates(channel, "channel: ")
            for number, item in enumerate(channel.iter("item"), start=1):
                if item.find("title") is None and item.find("description") is None:
                    missing.append(f"item {number}: title or description")
                missing += _unreadable_dates(item, f"item {number}: ")
                enclosure = item.find("enclosure")
                if enclosure is not None and not all(
                    enclosure.get(a) for a in ("url", "length", "type")
                ):
                    missing.append(f"item {number}: enclosure url, length and type")
        yield Result("fail" if missing else "pass", ", ".join(missing), path)


def _unreadable_dates(element: Any, where: str) -> list[str]:
    """RSS 2.0's dates are RFC 822's ("Fri, 01 May 2026 09:00:00 +0000"): feedparser takes
    "Friday 1st May" without a word, and a feed reader then dates the issue the day it
    fetched it."""
    from email.utils import parsedate_to_datetime

    unreadable = []
    for date in element.findall("pubDate") + element.findall("lastBuildDate"):
        try:
            parsedate_to_datetime(date.text or "")
        except (TypeError, ValueError):
            unreadable.append(f"{where}{date.tag} {date.text!r} is not an RFC 822 date")
    return unreadable


def stable_ids(target: Target) -> Iterator[Result]:
    """Entry ids are the issues' permanent URLs: unique, and unchanged by rebuilds."""
    from lxml import etree

    base = target.config.base_url
    for path in sorted(target.out_dir.rglob("*.atom")):
        try:
            root = etree.parse(str(path)).getroot()
        except etree.XMLSyntaxError:
            continue
        ids = [e.findtext(f"{_ATOM}id", "") for e in root.iter(f"{_ATOM}entry")]
        unstable = [i for i in ids if not i.startswith(base)]
        duplicated = sorted({i for i in ids if ids.count(i) > 1})
        if unstable or duplicated:
            detail = "; ".join(
                [
                    *(f"id {i!r} is not a permanent URL under {base}" for i in unstable),
                    *(f"id {i!r} is used twice" for i in duplicated),
                ]
            )
            yield Result("fail", detail, path)
        else:
            yield Result("pass", f"{len(ids)} unique permanent ids", path)
