"""A periodical whose issues have no title: every output names the issue by its number
alone ("No. 1"), never "No. 1: " with nothing after it, nor "No. 1: Issue #1"."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from publisher.build import build


def test_an_issue_without_a_title_is_named_by_its_number_everywhere(
    workspace: Callable[[str], Path],
) -> None:
    root = workspace("minimal")
    manifest = root / "issues" / "001-first.yaml"
    manifest.write_text(re.sub(r"(?m)^title:.*\n", "", manifest.read_text()))
    report = build(root, formats=["email", "feed", "web"])
    dist = report.out_dir
    outputs = [
        dist / "index.html",
        *sorted(dist.glob("001-*/index.html")),
        *sorted(dist.glob("001-*/*/index.html")),
        *sorted(dist.glob("001-*/email.*")),
        *sorted(dist.glob("*.atom")),
        *sorted(dist.glob("*.rss")),
    ]
    assert len(outputs) >= 6
    for path in outputs:
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"No\. 1:\s*(<|$|\")", text, re.M), path
        assert "None" not in text, path
    assert "No. 1" in (dist / "index.html").read_text()
