"""The files that make a folder a static site generator's site, as the site was copied into
documents/ with its configuration: where Liquid means Liquid (Jekyll, Eleventy), where a
picture named from the site's root is (`resources`), which folders hold no writing (`pool`)."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from .errors import PublisherError

log = logging.getLogger(__name__)

HUGO_CONFIGS = (
    "hugo.toml", "hugo.yaml", "hugo.yml", "hugo.json",
    "config.toml", "config.yaml", "config.yml", "config.json",  # Hugo's older names, Zola's
)  # fmt: skip
JEKYLL_CONFIGS = ("_config.yml", "_config.yaml", "_config.toml")
ELEVENTY_CONFIGS = (
    ".eleventy.js", "eleventy.config.js", "eleventy.config.mjs", "eleventy.config.cjs",
)  # fmt: skip
JAVASCRIPT_SITE_CONFIGS = (  # Astro's and Docusaurus'
    "astro.config.mjs", "astro.config.js", "astro.config.ts",
    "docusaurus.config.js", "docusaurus.config.ts",
)  # fmt: skip
SITE_CONFIGS = (*HUGO_CONFIGS, *JEKYLL_CONFIGS, *ELEVENTY_CONFIGS, *JAVASCRIPT_SITE_CONFIGS)


def hugo_site(folder: Path) -> bool:
    """Whether `folder` is the root of a Hugo site: its configuration beside its content/
    (hugo.toml, or Hugo's older config.toml), or in config/_default/, where sites started
    from Docsy, Blowfish or Congo keep it."""
    default = folder / "config" / "_default"
    if any((default / name).is_file() for name in HUGO_CONFIGS):
        return True
    return (folder / "content").is_dir() and any((folder / n).is_file() for n in HUGO_CONFIGS)


def configurations(document: Path, pool: Path) -> bytes:
    """Every site configuration file in the folders from `document`'s up to `pool` (and
    in their config/_default/ and _data/), named and whole: what a post prints of its site
    (Hugo's `param`, Jekyll's `{{ site.email }}` and `{{ site.data.contacts.phone }}`)
    comes from them, so a cached reading of it is keyed by them too. b"" for a document
    of no site."""
    read = []
    for folder in document.parents:
        if not folder.is_relative_to(pool):
            break
        kept = [
            file
            for kept_in in (folder / "config" / "_default", folder / "_data")
            if kept_in.is_dir()
            for file in sorted(kept_in.iterdir())
        ]
        for file in (*kept, *(folder / name for name in SITE_CONFIGS)):
            try:
                read.append(file.relative_to(pool).as_posix().encode() + b"\0" + file.read_bytes())
            except OSError:  # no such file, a folder, or unreadable: said where it is parsed
                continue
    return b"".join(read)


def read_configuration(path: Path, unread: str) -> Any:
    """The data of a site's configuration file (TOML, YAML or JSON, by its suffix); None,
    with a warning naming it (and its line) and `unread` (what goes without it), when it
    cannot be read."""
    from .sourcefile import parse_json, parse_toml, parse_yaml

    parse = {".toml": parse_toml, ".json": parse_json}.get(path.suffix, parse_yaml)
    try:
        return parse(path.read_text(encoding="utf-8-sig"), path).data
    except PublisherError as exc:  # names the file and line
        log.warning("%s; %s", str(exc).splitlines()[0], unread)
    except (OSError, UnicodeDecodeError) as exc:
        log.warning("%s: not read (%s); %s", path, exc, unread)
    return None
