"""A telephone number written as a link (`[phone](tel:+441234567890)`) stays a link in every
output: a union's contact line needs one that readers can tap. Until then the sanitiser
allowed only http(s) and mailto, and every output printed the words with the link gone.

tests/workspaces/minimal, its first article given a tel: link and its issue a leaflet; each
output is parsed (HTML, EPUB XHTML, the Atom feed, the email's MIME parts, PDF annotations).
"""

from __future__ import annotations

import email
import email.policy
import zipfile
from pathlib import Path

import lxml.etree
import lxml.html
import pytest
from conftest import FIXED_EPOCH, WORKSPACES, copy_workspace
from parsed_outputs import pdf_link_uris

from publisher.build import build
from publisher.sanitize import clean_html

SLUG = "001-first"
TEL = "tel:+441234567890"
LINK = f"Call the branch on [01234 567890]({TEL})."


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Built once: the tests only read the outputs."""
    root = copy_workspace(WORKSPACES / "minimal", tmp_path_factory.mktemp("tel") / "ws")
    article = root / "documents" / "first-article.md"
    article.write_text(article.read_text(encoding="utf-8") + f"\n{LINK}\n", encoding="utf-8")
    manifest = root / "issues" / f"{SLUG}.yaml"
    manifest.write_text(
        manifest.read_text(encoding="utf-8") + "leaflet:\n  document: first-article\n",
        encoding="utf-8",
    )
    with pytest.MonkeyPatch.context() as env:
        env.setenv("SOURCE_DATE_EPOCH", FIXED_EPOCH)
        return build(root).out_dir


def hrefs(markup: str | bytes) -> list[str]:
    return [str(h) for h in lxml.html.fromstring(markup).xpath("//a/@href")]


def test_the_sanitiser_keeps_a_tel_link_and_still_drops_unsafe_ones() -> None:
    cleaned = clean_html(f'<a href="{TEL}">call</a> <a href="javascript:alert(1)">x</a>')
    assert hrefs(cleaned) == [TEL]


def test_a_tel_link_stays_a_link_in_every_output(dist: Path) -> None:
    issue = dist / SLUG
    assert TEL in hrefs((issue / "first-article" / "index.html").read_bytes()), "web article"
    assert TEL in hrefs((issue / "index.html").read_bytes()), "web issue page"
    assert TEL in hrefs((issue / "email.html").read_bytes()), "email.html"
    message = email.message_from_bytes(
        (issue / "email.eml").read_bytes(), policy=email.policy.default
    )
    assert isinstance(message, email.message.EmailMessage)
    html_part = message.get_body(("html",))
    text_part = message.get_body(("plain",))
    assert html_part is not None and text_part is not None
    assert TEL in hrefs(html_part.get_content()), "email HTML part"
    assert "+441234567890" in text_part.get_content(), "email text part"
    with zipfile.ZipFile(issue / f"{SLUG}.epub") as epub:
        chapters = [epub.read(n) for n in epub.namelist() if n.endswith(".xhtml")]
    assert any(TEL in hrefs(chapter) for chapter in chapters), "EPUB"
    feed = lxml.etree.parse(dist / "feed.atom")
    contents = feed.xpath("//*[local-name()='content']/text()")
    assert any(TEL in hrefs(content) for content in contents if content.strip()), "Atom feed"
    assert TEL in pdf_link_uris(issue / f"{SLUG}.pdf"), "PDF"
    assert TEL in pdf_link_uris(issue / f"{SLUG}-leaflet.pdf"), "leaflet"


def test_check_passes_an_email_with_a_tel_link(dist: Path) -> None:
    """The email check's safe links are the outputs' own: it called tel: unsafe."""
    from publisher.checks import email as email_checks
    from publisher.checks.base import Target
    from publisher.config import load_config

    target = Target(load_config(dist.parent), dist, (SLUG,))
    [result] = email_checks.safe_html(target)
    assert result.status == "pass", result.detail
