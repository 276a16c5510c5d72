"""Old addresses (`aliases`) of the translations in an issue's language editions: each
leads to the translation's page in its edition, as an original's leads to the original's
page. A multilingual Hugo site or a platform's import gives each translation its own old
address, and those went without a redirect: only the originals' were read."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin

import lxml.html
import pytest
from conftest import WORKSPACES, build_with_warnings, copy_workspace

SITE = "https://minimal.example.org/"
DOCUMENTS = {
    "strike.md": "---\ntitle: Strike\naliases: [/2025/03/strike/]\n---\nWe strike.\n",
    "strike.es.md": (
        "---\ntitle: Huelga\naliases: [/es/2025/03/huelga/, /2025/03/strike/]\n---\nHuelga.\n"
    ),
    "rally.md": "---\ntitle: Rally\n---\nAt noon.\n",
    # the issue's page; a query, which no file can answer
    "rally.fr.md": "---\ntitle: Manif\naliases: [/001-first/, '/?p=7']\n---\nÀ midi.\n",
    # never translated: in both editions as it is, its alias the Spanish edition's page
    "notice.md": "---\ntitle: Notice\naliases: [/001-first/es/]\n---\nRead this.\n",
}
MANIFEST = """\
number: 1
title: First issue
date: 2026-03-05
sections:
  - title: News
    documents: [strike, rally, notice]
editions: [es, fr]
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    """The web archive of the issue, and the warnings the build gave."""
    root = copy_workspace(WORKSPACES / "minimal", tmp_path_factory.mktemp("aliases") / "ws")
    for old in (root / "documents").iterdir():
        old.unlink()
    for name, text in DOCUMENTS.items():
        (root / "documents" / name).write_text(text, encoding="utf-8")
    (root / "issues" / "001-first.yaml").write_text(MANIFEST, encoding="utf-8")
    return build_with_warnings(root, formats=["web"])


def redirect(out: Path, alias: str) -> tuple[str, str]:
    """Where the page at an old address sends the reader, and the address it gives search
    engines."""
    tree = lxml.html.parse(str(out / alias.strip("/") / "index.html")).getroot()
    refresh = tree.xpath("string(//meta[@http-equiv='refresh']/@content)").partition("url=")[2]
    canonical = tree.xpath("string(//link[@rel='canonical']/@href)")
    return urljoin(SITE + alias.lstrip("/"), refresh), canonical


def test_a_translations_old_address_leads_to_its_page_in_its_edition(
    built: tuple[Path, list[str]],
) -> None:
    url = f"{SITE}001-first/es/strike/"
    assert redirect(built[0], "/es/2025/03/huelga/") == (url, url)


def test_an_old_address_the_original_and_its_translation_both_give_leads_to_the_original(
    built: tuple[Path, list[str]],
) -> None:
    url = f"{SITE}001-first/strike/"
    assert redirect(built[0], "/2025/03/strike/") == (url, url)
    assert not [w for w in built[1] if "/2025/03/strike/" in w], built[1]


def test_a_translations_alias_on_a_page_or_off_the_site_gives_no_redirect_but_a_warning(
    built: tuple[Path, list[str]],
) -> None:
    out, warnings = built
    issue = lxml.html.parse(str(out / "001-first" / "index.html")).getroot()
    assert not issue.xpath("//meta[@http-equiv='refresh']")  # still the issue's page
    said = sorted(w.rpartition("/documents/")[2] for w in warnings if "rally.fr.md" in w)
    assert said == [
        "rally.fr.md:3: no redirect from alias '/001-first/': already a page\n"
        "  hint: take it out of aliases: that address is the site's own",
        "rally.fr.md:3: no redirect from alias '/?p=7': not a path on this site\n"
        "  hint: make it in the web server's or the host's redirect rules (the _redirects file"
        " of Netlify and Cloudflare Pages, Apache's RewriteRule, nginx's rewrite), and take it"
        " out of aliases",
    ]


def test_an_untranslated_articles_alias_on_an_editions_page_is_said_once(
    built: tuple[Path, list[str]],
) -> None:
    """notice.md is in the original and both editions: one document, one warning."""
    out, warnings = built
    spanish = lxml.html.parse(str(out / "001-first" / "es" / "index.html")).getroot()
    assert not spanish.xpath("//meta[@http-equiv='refresh']")
    assert [w.rpartition("/documents/")[2] for w in warnings if "notice.md" in w] == [
        "notice.md:3: no redirect from alias '/001-first/es/': already a page\n"
        "  hint: take it out of aliases: that address is the site's own"
    ]
