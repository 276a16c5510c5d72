"""A link copied out of a received email or a social network goes through someone else's
redirect (Outlook's Safe Links, Facebook's, Google's): every output leads straight to its
address instead, and shows the address where the words were the redirect's."""

from __future__ import annotations

import zipfile
from pathlib import Path
from urllib.parse import quote

import lxml.html
import pytest
from click.testing import CliRunner
from conftest import build_with_warnings, minimal_with
from test_metadata_docx_language import office_file
from validators import parse_eml, pdftotext

from publisher.cli import main
from publisher.readers import read_document
from publisher.readers.redirects import redirected_to

ISSUE = "001-first"
PETITION = "https://www.example.org/petition?ref=mail&lang=en"


def safe_link(address: str, region: str = "eur02") -> str:
    """`address` as Microsoft 365's Safe Links rewrites it in a received message."""
    return (
        f"https://{region}.safelinks.protection.outlook.com/?url={quote(address, safe='')}"
        "&data=05%7C02%7Cana%40union.example%7C8f0e2b1c%7C84df9e7fe9f640afb435aaaaaaaaaaaa"
        "%7C1%7C0%7C638700000000000000%7CUnknown%7CTWFpbGZsb3d8eyJFbXB0eU1hcGkiOnRydWV9%7C0"
        "&sdata=q2bTq%2Bk0xYz%3D&reserved=0"
    )


FACEBOOK = f"https://l.facebook.com/l.php?u={quote('https://union.example/march', safe='')}&h=AT3x"
SHARED = f"https://l.facebook.com/l.php?u={quote('https://union.example/sign', safe='')}&h=AT9"

# pasted from Outlook as text: the rewritten address is the text
MARKDOWN = f"""\
---
title: Sign the petition
---

Sign it today: {safe_link(PETITION)}
"""

WORD = f"Read [the statement]({safe_link('https://union.example/statement.html', 'nam11')})."

PAGE = f"""<!DOCTYPE html><html lang="en"><head><title>From Facebook</title></head><body>
<p>See <a href="{FACEBOOK}">the march</a>.</p></body></html>"""


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = minimal_with(
        tmp_path_factory.mktemp("redirects") / "ws",
        {"petition.md": MARKDOWN, "statement.docx": WORD, "march.html": PAGE},
    )
    manifest = root / "issues" / f"{ISSUE}.yaml"
    manifest.write_text(
        manifest.read_text().replace(
            "Hello from the editors.", f"Hello from the editors: [our petition]({SHARED})."
        )
    )
    out, _ = build_with_warnings(root)
    return out


def links(markup: str | bytes) -> dict[str, str]:
    return {a.get("href"): a.text_content() for a in lxml.html.fromstring(markup).iter("a")}


WANTED = {
    PETITION: PETITION,  # the words were the rewritten address: they are the address now
    "https://union.example/statement.html": "the statement",
    "https://union.example/march": "the march",
}


def test_every_output_links_the_address_and_never_the_redirect(built: Path) -> None:
    issue = built / ISSUE
    web: dict[str, str] = {}
    for slug in ("petition", "statement", "march"):
        web |= links((issue / slug / "index.html").read_bytes())
    email = parse_eml(issue / "email.eml").get_body(("html",)).get_content()
    with zipfile.ZipFile(issue / f"{ISSUE}.epub") as epub:
        book: dict[str, str] = {}
        for name in epub.namelist():
            if name.endswith(".xhtml"):
                book |= links(epub.read(name))
    for found in (web, links(email), book):
        assert {href: found.get(href) for href in WANTED} == WANTED
    assert links(email).get("https://union.example/sign") == "our petition"  # the editorial's
    everything = [
        (issue / "index.html").read_text(),
        email,
        str(book),
        pdftotext(issue / f"{ISSUE}.pdf"),
    ]
    everything.append((built / "feed.atom").read_text())
    for output in everything:
        assert "safelinks" not in output and "l.facebook.com" not in output


def test_the_email_text_and_print_give_the_address_not_the_redirect(built: Path) -> None:
    text = parse_eml(built / ISSUE / "email.eml").get_body(("plain",)).get_content()
    assert f"<{PETITION}>" in " ".join(text.split())
    printed = "".join(
        line.strip() for line in pdftotext(built / ISSUE / f"{ISSUE}.pdf").splitlines()
    )
    assert PETITION in printed


@pytest.mark.parametrize(
    ("url", "address"),
    [
        (safe_link(PETITION), PETITION),
        (safe_link("mailto:branch@union.example", "gbr01"), "mailto:branch@union.example"),
        # Safe Links around Google's redirect around Facebook's
        (
            safe_link(f"https://www.google.com/url?q={quote(FACEBOOK, safe='')}&sa=D"),
            "https://union.example/march",
        ),
        ("https://www.google.co.uk/url?url=https%3A%2F%2Fx.org%2Fa&sa=t", "https://x.org/a"),
        (
            "https://linkprotect.cudasvc.com/url?a=https%3a%2f%2fx.org%2fb&c=E,1,abc",
            "https://x.org/b",
        ),
        ("https://lm.facebook.com/l.php?u=https%3A%2F%2Fx.org%2Fc&h=AT1", "https://x.org/c"),
        ("https://l.instagram.com/?u=https%3A%2F%2Fx.org%2Fd&e=AT2", "https://x.org/d"),
        ("https://www.youtube.com/redirect?q=https%3A%2F%2Fx.org%2Fe&v=abc", "https://x.org/e"),
        # not redirects, or not to an address anyone could follow: left as they are
        ("https://www.example.org/?url=https%3A%2F%2Fx.org", None),
        ("https://www.google.com/search?q=https%3A%2F%2Fx.org", None),
        (safe_link("javascript:alert(1)"), None),
        ("https://protect-eu.mimecast.com/s/AbCdEfGh?domain=x.org", None),
        ("https://eur02.safelinks.protection.outlook.com/?data=05%7C02", None),
        ("https://[eur02.safelinks.protection.outlook.com/?url=https%3A%2F%2Fx.org", None),
    ],
)
def test_a_known_redirect_gives_its_address_and_nothing_else_is_one(
    url: str, address: str | None
) -> None:
    assert redirected_to(url) == address


def test_a_draft_imported_from_pasted_text_gives_the_address(tmp_path: Path) -> None:
    """What the editor reviews after `publisher import` is the real address, the sentence's
    full stop after it kept."""
    root = tmp_path / "ws"
    assert CliRunner().invoke(main, ["init", str(root)]).exit_code == 0
    pasted = tmp_path / "statement.txt"
    pasted.write_text(
        f"Sign the petition\n\nSign it at {safe_link(PETITION)}. Or write to us: {FACEBOOK}\n"
    )
    result = CliRunner().invoke(main, ["-C", str(root), "import", str(pasted)])
    assert result.exit_code == 0, result.output
    [draft] = (root / "documents").glob("sign-the-petition*.md")
    text = draft.read_text()
    assert f"Sign it at {PETITION}." in text and "https://union.example/march" in text
    assert "safelinks" not in text and "l.facebook.com" not in text


GOOGLE = (
    "https://www.google.com/url?q=https://union.example/sign&sa=D&source=editors"
    "&ust=1772700000000000&usg=AOvVaw0example"
)


@pytest.mark.parametrize("suffix", ["md", "docx"])
def test_a_link_whose_words_are_formatted_leads_to_its_address(tmp_path: Path, suffix: str) -> None:
    """Google Docs underlines every link's words (its export says so of each), and an
    editor bolds a link as often as not: such a link went on through Google's redirect,
    or Outlook's Safe Links, while a link of plain words beside it did not. Words that
    were the wrapped address, bold, show the address."""
    path = office_file(
        tmp_path / f"rally.{suffix}",
        "---\ntitle: Rally\n---\n\n"
        f"Join [**the rally**]({safe_link('https://union.example/rally')}),"
        f" [[sign it]{{.underline}}]({GOOGLE}), [plainly]({GOOGLE})"
        f" or [***{safe_link(PETITION)}***]({safe_link(PETITION)}).\n",
    )
    body = read_document(path, path.stem, tmp_path, "en").body_html
    assert [
        (a.get("href"), a.text_content())
        for a in lxml.html.fragment_fromstring(body, create_parent="div").iter("a")
    ] == [
        ("https://union.example/rally", "the rally"),
        ("https://union.example/sign", "sign it"),
        ("https://union.example/sign", "plainly"),
        (PETITION, PETITION),
    ]
    assert "<strong>the rally</strong>" in body
