"""An issue whose manifest gives no summary is summed up by its titles, in the issue's own
language: the words around them are the interface's, translated as the navigation is."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import feedparser
import pytest

from publisher.build import build

MANIFEST = """\
number: 1
title: "Primero"
date: 2026-01-10
{language}
sections:
  - title: News
    documents: [first-article, second-article]
"""


@pytest.mark.parametrize(
    ("language", "summary"),
    [
        ("es", "En este número: The first article; The second article"),
        ("fr", "Dans ce numéro : The first article ; The second article"),
        ("ar", "في هذا العدد: The first article؛ The second article"),
        ("es-MX", "En este número: The first article; The second article"),
        ("", "In this issue: The first article; The second article"),
        ("de", "In this issue: The first article; The second article"),  # no catalogue
    ],
)
def test_the_automatic_summary_is_in_the_issues_language(
    workspace: Callable[[str], Path], language: str, summary: str
) -> None:
    root = workspace("minimal")
    said = f"language: {language}" if language else ""
    (root / "issues" / "001-first.yaml").write_text(MANIFEST.format(language=said))

    build(root, formats=["feed"])

    feed = feedparser.parse((root / "dist" / "feed.atom").read_bytes())
    assert [entry.summary for entry in feed.entries] == [summary]


def test_a_summary_the_manifest_gives_is_kept(workspace: Callable[[str], Path]) -> None:
    root = workspace("minimal")
    manifest = MANIFEST.format(language="language: es\nsummary: Dos artículos.")
    (root / "issues" / "001-first.yaml").write_text(manifest)

    build(root, formats=["feed"])

    feed = feedparser.parse((root / "dist" / "feed.atom").read_bytes())
    assert [entry.summary for entry in feed.entries] == ["Dos artículos."]
