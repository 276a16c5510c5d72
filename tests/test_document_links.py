"""A link from one article to another (`[the survey](rent-survey.md)`, as editors write them
between files of documents/) leads to that article's page in the web archive from every
output (the EPUB's turns to the article, a chapter of the same book). Published as
written, it led nowhere in the email, the EPUB (which EPUBCheck refused) and feed readers;
a link to a file the archive does not publish loses its href, keeping its words."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import feedparser
import lxml.etree
import lxml.html
import pytest
from conftest import FIXED_EPOCH, WORKSPACES, copy_workspace
from parsed_outputs import epub_chapters
from validators import epubcheck_messages, nu_html_errors

from publisher.build import build

SLUG = "001-first"
SECOND = f"https://minimal.example.org/{SLUG}/second-article/"
LINKS = (
    "See [the second](second-article.md), [its heading](second-article.md#a-heading-inside),"
    " [a file nobody publishes](notes/plan.md) and [the web](https://example.org/).\n\n"
    # ids copied from the article's web page, its slug in front
    "Again [as its page names it](second-article.md#second-article-a-heading-inside)"
    " and [its note](second-article.md#second-article-fn1).\n"
)


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_workspace(WORKSPACES / "minimal", tmp_path_factory.mktemp("links") / "ws")
    article = root / "documents" / "first-article.md"
    article.write_text(article.read_text() + "\n" + LINKS)
    second = root / "documents" / "second-article.md"
    second.write_text(second.read_text() + "\n## A heading inside\n\nText.[^1]\n\n[^1]: A note.\n")
    manifest = root / "issues" / f"{SLUG}.yaml"
    manifest.write_text(
        manifest.read_text().replace(
            "Hello from the editors.",
            "Hello from the editors: [the second one](documents/second-article.md).",
        )
    )
    with pytest.MonkeyPatch.context() as env:
        env.setenv("SOURCE_DATE_EPOCH", FIXED_EPOCH)
        return build(root).out_dir


def links(markup: bytes | str) -> dict[str, str | None]:
    """Link text → href, for the links of LINKS."""
    tree = lxml.html.fromstring(markup)
    wanted = ("the second", "its heading", "a file nobody publishes", "the web")
    wanted += ("as its page names it", "its note")
    return {a.text_content(): a.get("href") for a in tree.iter("a") if a.text_content() in wanted}


EXPECTED = {
    "the second": SECOND,
    "its heading": f"{SECOND}#second-article-a-heading-inside",
    "the web": "https://example.org/",
    "as its page names it": f"{SECOND}#second-article-a-heading-inside",
    "its note": f"{SECOND}#second-article-fn1",
}  # "a file nobody publishes": its words alone, no link (no <a> a mail program styles as one)


def unlinked_words_kept(markup: bytes | str) -> bool:
    """The words of the link to a file nobody publishes are there, and in no <a>."""
    tree = lxml.html.fromstring(markup)
    unlinked = "a file nobody publishes"
    in_links = any(unlinked in a.text_content() for a in tree.iter("a"))
    return unlinked in tree.text_content() and not in_links


@pytest.mark.parametrize(
    "page",
    [f"{SLUG}/email.html", f"{SLUG}/first-article/index.html", f"{SLUG}/index.html"],
)
def test_email_and_web_pages_link_the_archive(dist: Path, page: str) -> None:
    markup = (dist / page).read_bytes()
    assert links(markup) == EXPECTED
    assert unlinked_words_kept(markup)


def test_the_epub_links_its_own_articles_inside_the_book_and_passes_epubcheck(
    dist: Path,
) -> None:
    """The article linked is a chapter of the same book: the link turns the page to it
    (the heading it names), where it opened the article's web page."""
    book = dist / SLUG / f"{SLUG}.epub"
    found: dict[str, str | None] = {}
    text = ""
    for root in epub_chapters(book).values():
        found |= links(lxml.etree.tostring(root))
        text += "".join(root.itertext())
    assert found == {  # pandoc writes a link without an href as its words alone
        "the second": "ch002.xhtml#second-article",
        "its heading": "ch002.xhtml#second-article-a-heading-inside",
        "the web": "https://example.org/",
        "as its page names it": "ch002.xhtml#second-article-a-heading-inside",
        "its note": "ch002.xhtml#second-article-fn1",
    }
    assert "a file nobody publishes" in text
    assert epubcheck_messages(book) == []


def test_the_feed_entry_links_the_archive(dist: Path) -> None:
    feed = lxml.etree.parse(str(dist / "feed.atom"))
    [content] = feed.xpath("//*[local-name()='content']")
    assert links(content.text) == EXPECTED
    assert unlinked_words_kept(content.text)


def test_the_pages_with_an_unlinked_link_are_valid_html(dist: Path) -> None:
    """A link's rel goes with its href: <a rel> without one is not HTML."""
    pages = [dist / SLUG / "first-article" / "index.html", dist / SLUG / "index.html"]
    assert nu_html_errors(pages) == []


@pytest.mark.parametrize("page", [f"{SLUG}/email.html", f"{SLUG}/index.html"])
def test_the_editorials_link_to_an_article_leads_to_its_page(dist: Path, page: str) -> None:
    """The editorial's paths are the workspace's, as its pictures' are."""
    tree = lxml.html.fromstring((dist / page).read_bytes())
    hrefs = [a.get("href") for a in tree.iter("a") if a.text_content() == "the second one"]
    assert hrefs == [SECOND]


def test_a_dead_link_in_a_document_of_two_issues_is_warned_of_for_each_by_name(
    workspace: Callable[[str], Path], caplog: pytest.LogCaptureFixture
) -> None:
    """The same document in two issues gave two warnings word for word alike: which issue
    each was about, the editor could not tell."""
    root = workspace("minimal")
    article = root / "documents" / "first-article.md"
    text = article.read_text()
    article.write_text(text + "\nSee [the old plan](plans/old.md).\n")
    line = len(text.splitlines()) + 2
    (root / "issues" / "002-again.yaml").write_text(
        "number: 2\ntitle: Again\ndate: 2026-02-10\nsections:\n"
        "  - title: News\n    documents: [first-article]\n"
    )
    build(root, formats=["web"])
    warned = [r.getMessage() for r in caplog.records if "plans/old.md" in r.getMessage()]
    assert sorted(warned) == [
        f"{article}:{line}: the link to 'plans/old.md' in issue {slug} leads to no article,"
        " picture or file the web archive publishes: its words stay, unlinked"
        for slug in ("001-first", "002-again")
    ]


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("www.example.net/page", "https://www.example.net/page"),
        ("unison.org.uk/join", "https://unison.org.uk/join"),
    ],
)
def test_a_web_address_written_without_https_is_warned_of_with_the_address_to_write(
    workspace: Callable[[str], Path], caplog: pytest.LogCaptureFixture, written: str, meant: str
) -> None:
    """Without its https:// a web address is a file of the workspace's, which there is
    none of: the words were unlinked with a warning that did not say why, nor the fix."""
    root = workspace("minimal")
    article = root / "documents" / "first-article.md"
    article.write_text(article.read_text() + f"\nJoin us at [our page]({written}).\n")

    build(root, formats=["web"])

    [warned] = [r.getMessage() for r in caplog.records if written in r.getMessage()]
    assert warned.endswith(
        f"leads to no article, picture or file the web archive publishes: its words stay,"
        f" unlinked; a web address starts with https://: write {meant}"
    ), warned


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("second-artcle.md", "second-article.md"),  # a letter left out
        ("Second-Articel.md", "second-article.md"),  # two swapped, capitals
        ("../documents/second-article.txt", "second-article.md"),  # another extension
        ("documents/second-articel.md", "second-article.md"),  # from the workspace's folder
    ],
)
def test_a_misspelt_link_to_an_article_is_warned_of_with_the_link_meant(
    workspace: Callable[[str], Path], caplog: pytest.LogCaptureFixture, written: str, meant: str
) -> None:
    root = workspace("minimal")
    article = root / "documents" / "first-article.md"
    article.write_text(article.read_text() + f"\nSee [the second]({written}).\n")

    build(root, formats=["web"])

    [warned] = [r.getMessage() for r in caplog.records if written in r.getMessage()]
    assert warned.endswith(f"its words stay, unlinked; did you mean {meant!r}?"), warned


def test_a_link_to_a_missing_file_is_not_taken_for_a_web_address(
    workspace: Callable[[str], Path], caplog: pytest.LogCaptureFixture
) -> None:
    root = workspace("minimal")
    article = root / "documents" / "first-article.md"
    article.write_text(article.read_text() + "\nSee [the notes](notes.md).\n")

    build(root, formats=["web"])

    [warned] = [r.getMessage() for r in caplog.records if "notes.md" in r.getMessage()]
    assert "https://" not in warned


# Last month's article and this month's, linking it as editors do ("as we reported");
# issue 1 has a Spanish edition with the article translated, issue 3 a draft of its own.
EARLIER = {
    "old.md": "---\ntitle: Old report\ndate: 2026-01-01\nlang: en\n---\n\nOld text.\n",
    "old.es.md": "---\ntitle: Informe\ndate: 2026-01-01\nlang: es\n---\n\nTexto.\n",
    "unfinished.md": "---\ntitle: Not yet\ndraft: true\n---\n\nLater.\n",
    "new.md": (
        "---\ntitle: New piece\ndate: 2026-02-01\nlang: en\n---\n\n"
        "As [we reported](old.md) last month, and [will report](unfinished.md).\n"
    ),
    "new.es.md": (
        "---\ntitle: Nueva\ndate: 2026-02-01\nlang: es\n---\n\n"
        "Como [informamos](old.es.md) el mes pasado.\n"
    ),
}
ISSUES = {
    "001-one.yaml": "number: 1\ntitle: One\ndate: 2026-01-05\neditions: [es]\n"
    "sections:\n  - title: A\n    documents: [old]\n",
    "002-two.yaml": "number: 2\ntitle: Two\ndate: 2026-02-05\neditions: [es]\n"
    "sections:\n  - title: A\n    documents: [new]\n",
    "003-three.yaml": "number: 3\ntitle: Three\ndate: 2026-03-05\n"
    "sections:\n  - title: A\n    documents: [unfinished, old]\n",
}
OLD_PAGE = "https://minimal.example.org/001-one/old/"


def earlier_issues(root: Path) -> Path:
    """The minimal workspace with EARLIER's documents and ISSUES' manifests only."""
    for folder, files in (("documents", EARLIER), ("issues", ISSUES)):
        for old in (root / folder).iterdir():
            old.unlink()
        for name, text in files.items():
            (root / folder / name).write_text(text, encoding="utf-8")
    return root


def words_linked(markup: bytes | str, words: str) -> list[str | None]:
    tree = lxml.html.fromstring(markup)
    return [a.get("href") for a in tree.iter("a") if a.text_content() == words]


def test_a_link_to_an_article_of_an_earlier_issue_leads_to_its_page_in_every_output(
    workspace: Callable[[str], Path],
) -> None:
    """It was unlinked, with a warning that it led to nothing of the issue, although the
    web archive publishes it, in the issue where it was first published."""
    out = build(earlier_issues(workspace("minimal")), formats=["web", "feed", "email", "epub"])
    folder = out.out_dir / "002-two"
    book = b"".join(lxml.etree.tostring(c) for c in epub_chapters(folder / "002-two.epub").values())
    [entry] = [e for e in feedparser.parse(out.out_dir / "feed.atom").entries if "Two" in e.title]
    outputs = {
        "web": (folder / "new" / "index.html").read_bytes(),
        "email": (folder / "email.html").read_bytes(),
        "epub": b"<div>" + book + b"</div>",
        "feed": entry.content[0].value,
    }
    assert {name: words_linked(markup, "we reported") for name, markup in outputs.items()} == {
        name: [OLD_PAGE] for name in outputs
    }
    # a draft is published in no issue: its link stays unlinked
    assert words_linked(outputs["web"], "will report") == []


def test_a_link_to_another_issues_draft_is_warned_of_as_a_draft_left_out_of_that_issue(
    workspace: Callable[[str], Path], caplog: pytest.LogCaptureFixture
) -> None:
    """The warning said the link led to "no article, picture or file of issue 002-two", the
    issue the link is in, as if the editor had forgotten to list it there: it is a draft,
    which issue 3 leaves out."""
    root = earlier_issues(workspace("minimal"))
    build(root, formats=["web"])
    warned = [r.getMessage() for r in caplog.records if "'unfinished.md'" in r.getMessage()]
    assert warned == [
        f"{root / 'documents' / 'new.md'}:7: the link to 'unfinished.md' in issue 002-two"
        " leads to a draft, left out of issue 003-three: its words stay, unlinked"
    ]


def test_a_link_to_an_earlier_issue_leads_to_its_spanish_page_from_the_spanish_edition(
    workspace: Callable[[str], Path],
) -> None:
    out = build(earlier_issues(workspace("minimal")), formats=["web"]).out_dir
    spanish = (out / "002-two" / "es" / "new" / "index.html").read_bytes()
    assert words_linked(spanish, "informamos") == ["https://minimal.example.org/001-one/es/old/"]


def test_a_link_to_a_heading_of_an_earlier_issues_translation_leads_to_its_edition(
    workspace: Callable[[str], Path], caplog: pytest.LogCaptureFixture
) -> None:
    """From the English issue 2, `old.es.md#las-cifras` led to the English page of issue
    1's article, which has no such heading: it is on the Spanish page. `old.fr.md`, which
    no edition shows, still leads to the article, without the heading, and is said."""
    root = earlier_issues(workspace("minimal"))
    documents = root / "documents"
    (documents / "old.es.md").write_text(EARLIER["old.es.md"] + "\n## Las cifras\n\nMuchas.\n")
    (documents / "old.fr.md").write_text(
        "---\ntitle: Rapport\nlang: fr\n---\n\nTexte.\n\n## Les chiffres\n\nBeaucoup.\n"
    )
    (documents / "new.md").write_text(
        EARLIER["new.md"]
        + "\nSee [las cifras](old.es.md#las-cifras) and [les chiffres](old.fr.md#les-chiffres).\n"
    )
    out = build(root, formats=["web", "email"]).out_dir
    email = (out / "002-two" / "email.html").read_bytes()
    assert words_linked(email, "las cifras") == [
        "https://minimal.example.org/001-one/es/old/#old-las-cifras"
    ]
    spanish = lxml.html.fromstring((out / "001-one" / "es" / "old" / "index.html").read_bytes())
    assert spanish.get_element_by_id("old-las-cifras").text_content() == "Las cifras"
    assert words_linked(email, "les chiffres") == [OLD_PAGE]
    warned = [r.getMessage() for r in caplog.records if "old.fr.md" in r.getMessage()]
    assert warned == [
        f"{documents / 'new.md'}:9: the link to 'old.fr.md#les-chiffres' in issue 002-two"
        " names a heading of a file no page of the web archive shows: it leads to the"
        " article's page, not to the heading"
    ]


def test_building_only_the_later_issue_links_the_earlier_ones_article(
    workspace: Callable[[str], Path],
) -> None:
    """`publisher build 2`: the other issues are not built, but the archive has them."""
    out = build(earlier_issues(workspace("minimal")), ["2"], formats=["email"]).out_dir
    assert words_linked((out / "002-two" / "email.html").read_bytes(), "we reported") == [OLD_PAGE]


def test_a_reprinted_article_is_linked_in_the_issue_reprinting_it_else_where_first_published(
    workspace: Callable[[str], Path],
) -> None:
    """Issue 3 reprints issue 1's report: issue 3's recap links it on issue 3's own page,
    issue 2 (which does not carry it) on the page of issue 1, which published it first.
    Every issue's links are resolved against the archive built once, its own laid over."""
    root = earlier_issues(workspace("minimal"))
    link = "As [the report](old.md) said.\n"
    (root / "documents" / "recap.md").write_text(f"---\ntitle: Recap\n---\n\n{link}")
    (root / "documents" / "new.md").write_text(f"---\ntitle: New piece\n---\n\n{link}")
    (root / "issues" / "003-three.yaml").write_text(
        ISSUES["003-three.yaml"].replace("[unfinished, old]", "[recap, old]")
    )
    out = build(root, formats=["email"]).out_dir
    assert {
        issue: words_linked((out / issue / "email.html").read_bytes(), "the report")
        for issue in ("002-two", "003-three")
    } == {
        "002-two": [OLD_PAGE],
        "003-three": ["https://minimal.example.org/003-three/old/"],
    }


def test_the_later_issue_is_built_again_when_the_earlier_one_stops_publishing_the_article(
    workspace: Callable[[str], Path],
) -> None:
    """Its email is out of date once issue 1 is taken out of issues/: its link led nowhere.
    Issue 3 publishes the article too; without it, no issue does."""
    root = earlier_issues(workspace("minimal"))
    email = build(root, ["2"], formats=["email"]).out_dir / "002-two" / "email.html"
    (root / "issues" / "001-one.yaml").unlink()
    build(root, ["2"], formats=["email"])
    assert words_linked(email.read_bytes(), "we reported") == [
        "https://minimal.example.org/003-three/old/"
    ]
    (root / "issues" / "003-three.yaml").unlink()
    build(root, ["2"], formats=["email"])
    assert words_linked(email.read_bytes(), "we reported") == []
    assert "we reported" in lxml.html.fromstring(email.read_bytes()).text_content()


# Drafts whose mark only their reader finds: an HTML page's <meta name="draft">, a
# reStructuredText field list's :draft: (as Pelican's sites write them)
UNFINISHED = {
    "plan.rst": ":title: The plan\n:date: 2026-01-02\n:draft: true\n\nNot yet.\n",
    "notes.html": (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<title>Notes</title>\n<meta name="draft" content="true">\n</head>\n'
        "<body>\n<p>Not yet.</p>\n</body>\n</html>\n"
    ),
}


def test_building_only_the_later_issue_leaves_unlinked_an_earlier_ones_html_or_rst_draft(
    workspace: Callable[[str], Path],
) -> None:
    """`publisher build 2` linked them, pages the archive does not have (a whole build
    leaves them out, and unlinks the links)."""
    root = earlier_issues(workspace("minimal"))
    for name, text in UNFINISHED.items():
        (root / "documents" / name).write_text(text, encoding="utf-8")
    one = root / "issues" / "001-one.yaml"
    one.write_text(ISSUES["001-one.yaml"].replace("[old]", "[old, plan, notes]"))
    new = root / "documents" / "new.md"
    new.write_text(new.read_text() + "\nSee [the plan](plan.rst) and [the notes](notes.html).\n")
    email = build(root, ["2"], formats=["email"]).out_dir / "002-two" / "email.html"
    assert [words_linked(email.read_bytes(), words) for words in ("the plan", "the notes")] == [
        [],
        [],
    ]
    assert "See the plan and the notes." in lxml.html.fromstring(email.read_bytes()).text_content()
