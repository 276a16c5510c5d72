"""A Hugo site's content/ copied into documents/: a translation marked as a draft
(`draft = true`) is said to be one, by `list --translations` and by the build, which shows
the original meanwhile."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import WORKSPACES

from publisher.build import build
from publisher.cli import main

SITE = "https://minimal.example.org/"
ISSUE = "001-first"

RENT_STRIKE = """\
+++
title = "Rent strike"
+++

From the root [one]({{< ref "posts/first-meeting.md" >}}).
With a slash [two]({{< ref "/posts/first-meeting.md" >}}).
Beside it [three]({{< relref "first-meeting.md" >}}).
Without an extension [four]({{< ref "posts/first-meeting" >}}).
A bare name [five]({{< ref "first-meeting" >}}).
An anchor [six]({{< relref "/posts/first-meeting.md#agenda" >}}).
As HTML <a href="{{< relref "posts/first-meeting" >}}">seven</a>.

Nowhere [eight]({{< ref "posts/no-such-meeting.md" >}}).
"""
FIRST_MEETING = """\
---
title: First meeting
translationKey: first-meeting
---
Back to [the strike]({{< ref "/posts/rent-strike" >}}).

## Agenda

Rent.
"""


def workspace(root: Path, files: dict[str, str], manifest_extra: str = "") -> Path:
    """A workspace holding `files` in documents/ and one issue of its two posts."""
    (root / "issues").mkdir(parents=True)
    shutil.copy(WORKSPACES / "minimal" / "publisher.toml", root)  # base_url is SITE
    for name, text in files.items():
        path = root / "documents" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (root / "issues" / f"{ISSUE}.yaml").write_text(
        "number: 1\ntitle: First\ndate: 2026-03-05\nsections:\n  - title: News\n"
        "    documents: [rent-strike, posts/first-meeting]\n" + manifest_extra,
        encoding="utf-8",
    )
    return root


HUGO = {
    "posts/rent-strike/index.md": RENT_STRIKE,
    "posts/first-meeting.md": FIRST_MEETING,
}


DRAFT_FR = '+++\ntitle = "Grève des loyers"\ndraft = true\n+++\nBrouillon.\n'


def test_list_says_a_draft_translation_is_a_draft_not_ready(tmp_path: Path) -> None:
    files = {**HUGO, "posts/rent-strike/index.fr.md": DRAFT_FR}
    root = workspace(tmp_path / "ws", files, "editions: [fr]\n")
    result = CliRunner().invoke(main, ["-C", str(root), "list", "--translations"])
    assert result.exit_code == 0, result.output
    assert "edition fr: 0 of 2 ready" in result.output, result.output
    (line,) = [line for line in result.output.splitlines() if "rent-strike " in line]
    assert line.split()[1] == "draft", line


def test_the_build_says_why_an_article_with_a_draft_translation_is_shown_untranslated(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    files = {**HUGO, "posts/rent-strike/index.fr.md": DRAFT_FR}
    root = workspace(tmp_path / "ws", files, "editions: [fr]\n")
    with caplog.at_level(logging.INFO, logger="publisher"):
        build(root, formats=["web"])
    said = [r.getMessage() for r in caplog.records if "index.fr.md" in r.getMessage()]
    assert len(said) == 1 and "draft" in said[0], said
    assert "posts/rent-strike/index.md" in said[0], said
