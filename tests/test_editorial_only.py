"""An issue may be its editorial alone (a call to a strike, a short notice): it is built in
every format with no empty contents list, and its summary is the editorial's opening. An
issue with neither sections nor an editorial is still refused, saying both ways out."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import feedparser
import pytest
from click.testing import CliRunner
from conftest import build_with_warnings
from validators import parse_eml, pdftotext

from publisher.cli import main

CALL = """\
number: 1
title: "Strike on Monday"
date: 2026-01-10
editorial: |
  Everyone out on Monday. Meet at the depot at seven, and bring a flask.

  Bring a friend too.
"""


@pytest.fixture
def called(workspace: Callable[[str], Path]) -> tuple[Path, list[str]]:
    root = workspace("minimal")
    (root / "issues" / "001-first.yaml").write_text(CALL)
    return build_with_warnings(root)


def test_an_issue_of_its_editorial_alone_is_built_in_every_format(
    called: tuple[Path, list[str]],
) -> None:
    out, warnings = called
    assert warnings == []
    issue = out / "001-first"
    for text in (
        pdftotext(issue / "001-first.pdf"),
        parse_eml(issue / "email.eml").get_body(("plain",)).get_content(),
        (issue / "index.html").read_text(),
    ):
        assert "Meet at the depot" in text
        assert "In this issue" not in text and "Contents" not in text
    assert "In this issue" not in (issue / "email.html").read_text()
    assert (issue / "001-first.epub").stat().st_size > 0


def test_its_summary_is_the_editorials_opening(called: tuple[Path, list[str]]) -> None:
    out, _ = called
    feed = feedparser.parse((out / "feed.atom").read_bytes())
    opening = "Everyone out on Monday. Meet at the depot at seven, and bring a flask."
    assert feed.entries[0].summary == opening
    page = (out / "001-first" / "index.html").read_text()
    assert re.search(r'<meta name="description" content="([^"]*)"', page)[1] == opening


def test_an_issue_with_neither_sections_nor_an_editorial_says_both_ways_out(
    workspace: Callable[[str], Path],
) -> None:
    root = workspace("minimal")
    (root / "issues" / "001-first.yaml").write_text(CALL.split("editorial:")[0])
    result = CliRunner().invoke(main, ["-C", str(root), "build"])
    assert result.exit_code == 1
    assert "001-first.yaml" in result.output
    assert "at least one section (or the issue needs an editorial)" in result.output
