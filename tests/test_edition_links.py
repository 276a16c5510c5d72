"""Links between articles in an issue with language editions: a link to an article (from
another, or from the editorial) leads to that article's page in the edition it is read in,
in every output, whichever of the article's files the editor named (the original,
`call.md`, or a translation, `call.es.md`, or the original of a translation named
otherwise). Such a link lost its href in the Spanish edition, silently, as soon as the
article it named was translated."""

from __future__ import annotations

import re
from pathlib import Path

import feedparser
import lxml.etree
import lxml.html
import pytest
from conftest import WORKSPACES, build_with_warnings, copy_workspace
from parsed_outputs import epub_chapters, pdf_link_uris

SITE = "https://minimal.example.org/"
ISSUE = "001-first"
DOCUMENTS = {
    "strike.md": "---\ntitle: Strike\n---\nSee [the call](call.md) and [the rally](rally.md).\n",
    "strike.es.md": (
        "---\ntitle: Huelga\n---\n"
        "Véase [la convocatoria](call.md), [su texto](call.es.md#demands)"
        " y [la marcha](rally.md); [en inglés](call.md#why).\n"
    ),
    "call.md": "---\ntitle: Call\n---\nMarch!\n\n## Demands\n\nPay.\n\n## Why\n\nBecause.\n",
    "call.es.md": (
        "---\ntitle: Convocatoria\n---\n¡Marcha!\n\n## Demands {#demands}\n\nSalario.\n\n"
        "## Las reivindicaciones\n\nTodas.\n"
    ),
    "call.fr.md": "---\ntitle: Appel\n---\nMarchez !\n",
    "rally.md": "---\ntitle: Rally\n---\nAt noon.\n",
    "marcha.md": "---\ntitle: Marcha\nlang: es\ntranslation_of: rally\n---\nA mediodía.\n",
    # never translated: shown in English in the Spanish edition
    "notice.md": (
        "---\ntitle: Notice\n---\nRead [the call again](call.es.md).\n\n"
        "And [the old plan](plans/old.md).\n\n"
        "Lee [las reivindicaciones](call.es.md#las-reivindicaciones).\n"
    ),
}
MANIFEST = """\
number: 1
title: First issue
date: 2026-03-05
editorial: |
  Start with [the strike call](documents/call.md), then [the new plan](documents/plans/new.md).
sections:
  - title: News
    documents: [strike, call, rally, notice]
editions:
  es:
    editorial: |
      Empiece por [la convocatoria de huelga](documents/call.md) y [el plan](documents/plans/new.md).
  fr:
    title: Premier numéro
"""


def page(edition: str, slug: str) -> str:
    return f"{SITE}{ISSUE}/{edition + '/' if edition else ''}{slug}/"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    """The issue built in every format, and the warnings the build gave."""
    root = copy_workspace(WORKSPACES / "minimal", tmp_path_factory.mktemp("edition-links") / "ws")
    for old in (root / "documents").iterdir():
        old.unlink()
    for name, text in DOCUMENTS.items():
        (root / "documents" / name).write_text(text, encoding="utf-8")
    (root / "issues" / f"{ISSUE}.yaml").write_text(MANIFEST, encoding="utf-8")
    return build_with_warnings(root)


def hrefs(markup: bytes | str, words: str) -> list[str | None]:
    tree = lxml.html.fromstring(markup)
    return [a.get("href") for a in tree.iter("a") if a.text_content() == words]


# words of a link → where it leads, in each edition
SPANISH = {
    "la convocatoria": page("es", "call"),
    "su texto": page("es", "call") + "#call-demands",
    "la marcha": page("es", "rally"),
    "en inglés": page("", "call") + "#call-why",  # the English call's heading
}
ENGLISH = {
    "the call": page("", "call"),
    "the rally": page("", "rally"),
    "the call again": page("", "call"),  # notice.md names call.es.md
}


@pytest.mark.parametrize("name", ["strike/index.html", "index.html", "email.html"])
def test_the_spanish_editions_links_lead_to_the_spanish_pages(
    built: tuple[Path, list[str]], name: str
) -> None:
    markup = (built[0] / ISSUE / "es" / name).read_bytes()
    assert {words: hrefs(markup, words) for words in SPANISH} == {
        words: [url] for words, url in SPANISH.items()
    }


@pytest.mark.parametrize("name", ["index.html", "email.html"])
def test_the_originals_links_lead_to_the_original_pages_whichever_file_they_name(
    built: tuple[Path, list[str]], name: str
) -> None:
    markup = (built[0] / ISSUE / name).read_bytes()
    assert {words: hrefs(markup, words) for words in ENGLISH} == {
        words: [url] for words, url in ENGLISH.items()
    }


def test_an_untranslated_article_links_the_translated_page_in_the_spanish_edition(
    built: tuple[Path, list[str]],
) -> None:
    """notice.md is shown in English in the Spanish edition; it names call.es.md."""
    spanish = (built[0] / ISSUE / "es" / "notice" / "index.html").read_bytes()
    assert hrefs(spanish, "the call again") == [page("es", "call")]
    english = (built[0] / ISSUE / "notice" / "index.html").read_bytes()
    assert hrefs(english, "the call again") == [page("", "call")]


@pytest.mark.parametrize("name", ["call/index.html", "index.html"])
def test_a_link_to_a_heading_of_a_translation_finds_the_heading_on_the_spanish_page(
    built: tuple[Path, list[str]], name: str
) -> None:
    """`call.es.md#demands` leads to the heading of the Spanish call: the page it leads to
    gives the id the link names (the translation's ids were its own file's, `call-es-…`)."""
    markup = (built[0] / ISSUE / "es" / "strike" / "index.html").read_bytes()
    [link] = hrefs(markup, "su texto")
    _, fragment = str(link).split("#")
    shown = lxml.html.fromstring((built[0] / ISSUE / "es" / name).read_bytes())
    heading = shown.get_element_by_id(fragment)
    assert heading.text_content() == "Demands"


# edition, article, words of a link naming a heading of one language's text → the page
# showing that text (the link's own edition shows the other language's there)
ACROSS = {
    ("es", "strike", "en inglés"): page("", "call"),
    ("", "notice", "las reivindicaciones"): page("es", "call"),
    ("es", "notice", "las reivindicaciones"): page("es", "call"),
    ("fr", "notice", "las reivindicaciones"): page("es", "call"),
}


@pytest.mark.parametrize(("edition", "slug", "words"), ACROSS)
def test_a_link_to_a_heading_of_a_text_in_one_language_leads_to_the_page_showing_it(
    built: tuple[Path, list[str]], edition: str, slug: str, words: str
) -> None:
    """`call.es.md#las-reivindicaciones` from the English edition led to the English call,
    which has no such heading (and `call.md#why` from the Spanish one to the Spanish call)."""
    out = built[0]
    markup = (out / ISSUE / edition / slug / "index.html").read_bytes()
    [link] = hrefs(markup, words)
    address, _, fragment = str(link).partition("#")
    assert address == ACROSS[(edition, slug, words)]
    shown = lxml.html.fromstring((out / address.removeprefix(SITE) / "index.html").read_bytes())
    assert shown.get_element_by_id(fragment).tag == "h2"


def test_the_spanish_plain_text_email_gives_the_spanish_pages(
    built: tuple[Path, list[str]],
) -> None:
    """Each link's words are followed by a reference, [1], given below: `  [1]: URL`."""
    text = " ".join((built[0] / ISSUE / "es" / "email.txt").read_text(encoding="utf-8").split())
    notes = dict(re.findall(r"\[(\d+)\]: (\S+)", text))
    found = {
        words: notes.get(number)
        for words in SPANISH
        for number in re.findall(rf"{words} \[(\d+)\]", text) or [""]
    }
    assert found == SPANISH


def test_the_spanish_epub_turns_to_the_spanish_articles_and_the_pdf_links_their_pages(
    built: tuple[Path, list[str]],
) -> None:
    """The articles are chapters of the Spanish book: its links turn the page to them."""
    folder = built[0] / ISSUE / "es"
    found: dict[str, list[str | None]] = {}
    for chapter in epub_chapters(folder / f"{ISSUE}.epub").values():
        markup = lxml.etree.tostring(chapter)
        for words in SPANISH:
            found.setdefault(words, []).extend(hrefs(markup, words))
    assert found["la convocatoria"] == ["ch002.xhtml#call"]  # the Spanish call's <div>
    assert found["la marcha"] == ["ch002.xhtml#rally"]
    [heading] = found["su texto"]  # in the Spanish call (at its heading, where found)
    assert heading is not None and heading.startswith("ch002.xhtml#call")
    assert set(SPANISH.values()) <= set(pdf_link_uris(folder / f"{ISSUE}.pdf"))


# edition → the words of the editorial's link to call.md there, and where it leads
EDITORIAL = {
    "": ("the strike call", page("", "call")),
    "es": ("la convocatoria de huelga", page("es", "call")),
    "fr": ("the strike call", page("fr", "call")),  # the original's editorial, inherited
}


@pytest.mark.parametrize("edition", EDITORIAL)
def test_the_editorials_link_to_a_translated_article_leads_to_its_page_in_each_edition(
    built: tuple[Path, list[str]], edition: str
) -> None:
    """In the web page, the email and the feed entry of the edition; the edition's EPUB
    turns its page to the article, a chapter of the same book."""
    out = built[0]
    folder = out / ISSUE / edition if edition else out / ISSUE
    words, url = EDITORIAL[edition]
    book = [
        lxml.etree.tostring(chapter) for chapter in epub_chapters(folder / f"{ISSUE}.epub").values()
    ]
    feed = out / "editions" / edition / "feed.atom" if edition else out / "feed.atom"
    [entry] = feedparser.parse(feed).entries
    outputs = {
        "web": (folder / "index.html").read_bytes(),
        "email": (folder / "email.html").read_bytes(),
        "epub": b"<div>" + b"".join(book) + b"</div>",
        "feed": entry.content[0].value,
    }
    assert {name: hrefs(markup, words) for name, markup in outputs.items()} == {
        name: ["ch002.xhtml#call" if name == "epub" else url] for name in outputs
    }


def test_a_link_an_editions_own_editorial_cannot_keep_is_named_at_its_line_there(
    built: tuple[Path, list[str]],
) -> None:
    """The Spanish editorial is on line 12 of the manifest, the original's on line 5: both
    name documents/plans/new.md, which is no file."""
    named = [w for w in built[1] if "'documents/plans/new.md'" in w]
    places = sorted(re.sub(r": the link .* unlinked", "", w.split("/issues/")[1]) for w in named)
    assert places == [
        f"{ISSUE}.yaml:12 (in the es edition)",
        f"{ISSUE}.yaml:5",
        f"{ISSUE}.yaml:5 (in the fr edition)",  # the original's editorial, inherited
    ]


def test_a_link_to_no_article_is_unlinked_with_a_warning_naming_the_document_and_line(
    built: tuple[Path, list[str]],
) -> None:
    out, warnings = built
    page = lxml.html.fromstring((out / ISSUE / "notice" / "index.html").read_bytes())
    assert hrefs(lxml.html.tostring(page), "the old plan") == []  # no link of any kind
    assert "the old plan" in page.text_content()  # its words stay
    named = [w for w in warnings if "plans/old.md" in w]
    # said once, of the original: the Spanish edition shows the same English text
    assert len(named) == 1, warnings
    assert re.search(r"documents/notice\.md:6: ", named[0]), named[0]
    assert not [w for w in warnings if "call" in w or "rally" in w], warnings
