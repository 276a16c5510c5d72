"""Feeds as subscribers' feed readers show them: Atom and RSS of tests/workspaces/minimal
with an issue or article added, built in the feed format alone."""

from __future__ import annotations

from pathlib import Path

import feedparser
import lxml.etree
import lxml.html
from conftest import WORKSPACES, copy_workspace

from publisher.build import build

ATOM = "{http://www.w3.org/2005/Atom}"

FARSI_ISSUE = """\
number: 2
title: "شماره دوم"
date: 2026-01-20
language: fa
editorial: |
  سرمقاله این شماره.
sections:
  - title: "اخبار کارگری"
    documents: [first-article]
"""


def built_feeds(tmp_path: Path, manifests: dict[str, str] | None = None, toml: str = "") -> Path:
    """tests/workspaces/minimal with `manifests` (file name → YAML) added to issues/ and
    `toml` to publisher.toml, built in the feed format: its output folder."""
    root = copy_workspace(WORKSPACES / "minimal", tmp_path / "minimal")
    for name, text in (manifests or {}).items():
        (root / "issues" / name).write_text(text, encoding="utf-8")
    with (root / "publisher.toml").open("a", encoding="utf-8") as config:
        config.write(toml)
    out = build(root, formats=["feed"]).out_dir
    for feed in ("feed.atom", "feed.rss"):
        parsed = feedparser.parse(out / feed)
        assert not parsed.bozo, parsed.get("bozo_exception")
    return out


def atom_entry(feed: Path, link: str) -> lxml.etree._Element:
    """The entry of `feed` (an Atom file) whose id is `link`."""
    root = lxml.etree.parse(str(feed)).getroot()
    [entry] = [e for e in root.iterfind(f"{ATOM}entry") if e.findtext(f"{ATOM}id") == link]
    return entry


def direction_of(element: lxml.html.HtmlElement) -> str | None:
    """The direction `element` is shown in: its nearest own or ancestor's dir."""
    marked = element.xpath("ancestor-or-self::*[@dir][1]")
    return marked[0].get("dir") if marked else None


def test_a_farsi_issue_entry_reads_right_to_left_in_a_left_to_right_reader(
    tmp_path: Path,
) -> None:
    """A feed reader shows an entry's HTML inside its own (left-to-right) page: the
    issue's own words (its editorial heading and text, its section titles) are marked
    right to left in the issue's language, while an English article keeps its own."""
    out = built_feeds(tmp_path, {"002-fa.yaml": FARSI_ISSUE})
    entry = atom_entry(out / "feed.atom", "https://minimal.example.org/002-fa/")
    content = lxml.html.fragment_fromstring(entry.findtext(f"{ATOM}content"), create_parent="body")
    for words in ("سرمقاله", "سرمقاله این شماره.", "اخبار کارگری"):
        [element] = content.xpath("//*[normalize-space(text())=$words]", words=words)
        assert direction_of(element) == "rtl", words
        assert element.xpath("ancestor-or-self::*[@lang][1]/@lang") == ["fa"], words
    [title] = content.xpath("//a[text()='The first article']")
    assert direction_of(title) == "ltr"
