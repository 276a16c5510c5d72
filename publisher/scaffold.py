"""`publisher init`: a new workspace with one document and one issue, ready to build."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from slugify import slugify

from .config import CONFIG_NAME
from .errors import PublisherError
from .output import atomic_write

_CONFIG = """\
# The newsletter: what stays the same from issue to issue.
title = "{title}"
description = "News and statements from our organisation."
base_url = "https://{slug}.example.org/"
language = "en"

[organisation]
name = "{title}"
contact = "Postal address · contact@{slug}.example.org"

[pdf]
page_size = "A4"   # A4, A5, A6, Letter, Legal, Tabloid or "120mm 180mm"

[email]
from = "{title} <newsletter@{slug}.example.org>"
reply_to = "editors@{slug}.example.org"
mode = "auto"      # full, excerpt, or auto: excerpts once Gmail's 102 KB limit is near
"""

_DOCUMENT = """\
---
title: Welcome to {title}
authors: [The editors]
date: {date}
summary: What this newsletter is for.
tags: [news]
---

This is the first document in your pool. Documents live in `documents/` as Markdown,
Word (`.docx`), OpenDocument (`.odt`), HTML or plain text files.

## What next

- Write or drop more documents into `documents/`.
- List them in an issue manifest in `issues/`.
- Run `publisher build` and look in `dist/`.
"""

_ISSUE = """\
number: 1
title: "Our first issue"
date: {date}
editorial: |
  Welcome to the first issue. Edit `issues/001-first-issue.yaml` to change what it holds.
sections:
  - title: News
    documents: [welcome]
"""

_TEMPLATES = """\
Put files here to override the default theme by name, e.g. `pdf/print.css` or
`email/newsletter.mjml`. See the default theme's README for what templates receive.
"""


def create_workspace(directory: Path, title: str) -> list[Path]:
    if (directory / CONFIG_NAME).exists():
        raise PublisherError.at(
            f"{directory / CONFIG_NAME} already exists", hint="choose an empty folder"
        )
    slug = slugify(title) or "newsletter"
    today = dt.date.today().isoformat()
    values = {"title": title.replace('"', "'"), "slug": slug, "date": today}
    files = {
        CONFIG_NAME: _CONFIG,
        "documents/welcome.md": _DOCUMENT,
        "issues/001-first-issue.yaml": _ISSUE,
        "templates/README.md": _TEMPLATES,
        ".gitignore": "dist/\n.publisher/\n",
    }
    created = []
    for name, text in files.items():
        path = directory / name
        atomic_write(path, text.format(**values).encode("utf-8"))
        created.append(path)
    return created
