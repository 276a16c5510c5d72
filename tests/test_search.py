"""The web archive can be searched: a reader types words on the search page, served from
any static host, and gets the articles and editorials that hold them, in any language,
linked where they are; text in documents is only ever text there, as on their pages."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import lxml.html
import pytest
from click.testing import CliRunner
from conftest import WORKSPACES, copy_workspace, minimal_with, serving_folder

from publisher.cli import main

PICKET = """\
---
title: Picket at the depot
lang: en
---

The night shift at the Riverside depot stopped work at ten; the picket stays until the
drivers' pay offer is written down.
"""
HUELGA = """\
---
title: Huelga en el puerto
lang: es
---

Los estibadores de Cádiz paralizan la terminal de contenedores.
"""
# Text that looks like markup, as a post about a phishing email quotes it: text on every
# page, and in the search results too.
QUOTED = """\
---
title: 'A warning about <img src=x onerror="window.pwned=2"> emails'
---

The fake email said &lt;img src=x onerror="window.pwned=1"&gt; phishingword and more.
"""
# A footnote, whose back-link (↩︎) is for its page, not for an excerpt.
RENTS = """\
---
title: Rents went up again
---

Rents rose by a fifth this year.[^1]

[^1]: Survey of 40 tenantsunion members.
"""


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    documents = {"picket.md": PICKET, "huelga.md": HUELGA, "quoted.md": QUOTED, "rents.md": RENTS}
    root = minimal_with(tmp_path_factory.mktemp("search") / "ws", documents)
    result = CliRunner().invoke(main, ["-C", str(root), "build", "-f", "web"])
    assert result.exit_code == 0, result.output
    return root / "dist"


@pytest.fixture(scope="module")
def url(dist: Path) -> Iterator[str]:
    """The built archive on a static web server, in a folder of the site as on a bucket
    shared with other things (https://example.org/bulletin/), not at its root."""
    with serving_folder(dist.parent) as address:
        yield f"{address}{dist.name}/"


def results(page, url: str, words: str) -> list[tuple[str, str]]:  # page: a Playwright Page
    """(title, link) of each result the search page shows for `words`."""
    page.goto(f"{url}search/")
    page.fill("input[type=text]", words)
    # Done searching for `words`: the message names them and is no longer "Searching for
    # rents..." (three full stops in Pagefind's English, as in most of its languages), and
    # each result's title has loaded (a result stands as a loading placeholder until its
    # page's data comes). Waiting for the message alone returned while it was searching.
    page.wait_for_function(
        """words => {
            const message = document.querySelector('.pagefind-ui__message')?.textContent ?? '';
            return message.includes(words) && !/(\\.\\.\\.|…)\\s*$/.test(message)
                && !document.querySelector('.pagefind-ui__loading');
        }""",
        arg=words,
        timeout=15000,
    )
    return [
        (link.inner_text(), link.get_attribute("href"))
        for link in page.query_selector_all(".pagefind-ui__result-link")
    ]


def test_a_word_finds_the_article_that_holds_it_linked_where_it_is(url: str, page) -> None:
    found = results(page, url, "depot")
    assert [title for title, _ in found] == ["Picket at the depot"]
    page.click(".pagefind-ui__result-link")
    assert page.url == f"{url}001-first/picket/"
    assert page.title().startswith("Picket at the depot")


def test_one_search_finds_articles_in_every_language(url: str, page) -> None:
    assert [title for title, _ in results(page, url, "estibadores")] == ["Huelga en el puerto"]


def test_the_editorial_is_found_on_its_issues_page(url: str, page) -> None:
    found = results(
        page, url, "editors"
    )  # the minimal issue's editorial says "Hello from the editors."
    assert [link.rstrip("/").rsplit("/", 1)[-1] for _, link in found] == ["001-first"]


def test_text_that_looks_like_markup_stays_text_in_the_results(dist: Path, url: str, page) -> None:
    found = results(page, url, "phishingword")
    article = lxml.html.parse(str(dist / "001-first" / "quoted" / "index.html")).getroot()
    assert [title for title, _ in found] == [article.findtext(".//h1")]  # as the page has it
    excerpt = page.inner_text(".pagefind-ui__result-excerpt")
    assert "phishingword" in excerpt and "<img src=x onerror=" in excerpt  # as text
    assert page.evaluate("() => window.pwned") is None  # nothing ran
    assert not page.query_selector(".pagefind-ui__result img")


def test_a_footnotes_excerpt_has_no_back_link_arrow(url: str, page) -> None:
    """An excerpt of a footnote ended "Survey of 40 members.↩︎.": its link back to the
    call, an arrow that means nothing where there is no call to go back to."""
    assert [title for title, _ in results(page, url, "tenantsunion")] == ["Rents went up again"]
    excerpt = page.inner_text(".pagefind-ui__result-excerpt")
    assert "tenantsunion members." in excerpt and "↩" not in excerpt, excerpt


def test_screen_readers_are_told_how_many_results_a_search_found_or_that_none(
    url: str, page
) -> None:
    """Pagefind writes "1 result for depot" or "No results for …" where only sight finds
    it: a polite live region, there before the reader types (one added later goes
    unheard), says it once the search is done, and is emptied with the box."""
    page.goto(f"{url}search/")
    page.wait_for_selector("#search input")
    live = "[role=status], [aria-live=polite]"
    assert page.locator(live).count() == 1
    assert page.locator(live).inner_text() == ""
    for words, said in (("depot", "1 result for depot"), ("zzyzx", "No results for zzyzx")):
        page.fill("input[type=text]", words)
        page.wait_for_function(
            "said => document.querySelector('[role=status], [aria-live=polite]')"
            ".textContent.trim() === said",
            arg=said,
            timeout=15000,
        )
        assert page.inner_text(".pagefind-ui__message") == said  # what is shown, no more
    page.fill("input[type=text]", "")
    page.wait_for_function(
        "() => document.querySelector('[role=status], [aria-live=polite]').textContent === ''",
        timeout=15000,
    )


def test_every_page_links_the_search_page_and_it_works_without_our_server(dist: Path, page) -> None:
    for relative in ("index.html", "001-first/index.html", "001-first/picket/index.html"):
        tree = lxml.html.parse(str(dist / relative)).getroot()
        links = [a.get("href") for a in tree.xpath("//nav[@class='site-nav']/a")]
        assert any(re.fullmatch(r"(\.\./)*search/", link or "") for link in links), links
    # Opened from the disk, the page cannot fetch its index: it says how to search instead
    page.goto((dist / "search" / "index.html").as_uri())
    assert "web server" in page.inner_text("#search")


def test_an_archive_with_no_issue_yet_builds_with_a_search_that_works(tmp_path: Path, page) -> None:
    """Pagefind makes no index of nothing: the home page is always in it."""
    root = minimal_with(tmp_path / "ws", {})
    for manifest in (root / "issues").glob("*.yaml"):
        manifest.unlink()
    result = CliRunner().invoke(main, ["-C", str(root), "build", "-f", "web"])
    assert result.exit_code == 0, result.output
    with serving_folder(root / "dist") as address:
        assert results(page, address, "minimal") == [("Minimal Test Bulletin", "/")]


def test_search_engines_are_not_sent_to_the_search_page(dist: Path) -> None:
    sitemap = (dist / "sitemap.xml").read_text()
    assert "/001-first/picket/</loc>" in sitemap and "/search/" not in sitemap
    tree = lxml.html.parse(str(dist / "search" / "index.html")).getroot()
    assert tree.xpath("//meta[@name='robots']/@content") == ["noindex"]


def test_the_search_page_runs_only_the_search_scripts(dist: Path) -> None:
    tree = lxml.html.parse(str(dist / "search" / "index.html")).getroot()
    scripts = tree.xpath("//script")
    assert [s.get("src") for s in scripts] == ["../pagefind/pagefind-ui.js", "../search.js"]
    assert all(not (s.text or "").strip() for s in scripts)  # nothing inline
    assert (dist / "pagefind" / "pagefind-ui.js").is_file() and (dist / "search.js").is_file()
    assert not list(dist.glob("pagefind/pagefind-component-ui.*"))  # interfaces not used


def test_a_newsletter_can_do_without_search_and_its_scripts(tmp_path: Path) -> None:
    """`[web] search = false`: no search page, index or script, no link to them; an index
    published before is taken down with the rest of what no output makes now."""
    root = minimal_with(tmp_path / "ws", {"picket.md": PICKET})
    config = root / "publisher.toml"
    dist = root / "dist"

    def build_web(search: str) -> None:
        kept = config.read_text().split("\n[web]")[0]
        config.write_text(f"{kept}\n[web]\nsearch = {search}\n")
        result = CliRunner().invoke(main, ["-C", str(root), "build", "-f", "web"])
        assert result.exit_code == 0, result.output

    build_web("true")
    assert (dist / "search" / "index.html").is_file() and (dist / "pagefind").is_dir()
    build_web("false")

    assert (
        sorted(p.name for p in dist.iterdir() if "search" in p.name or "pagefind" in p.name) == []
    )
    pages = list(dist.rglob("*.html"))
    assert len(pages) > 5
    for page in pages:
        tree = lxml.html.parse(str(page)).getroot()
        assert tree.xpath("//script") == [], page
        assert not [href for href in tree.xpath("//a/@href") if "search" in href], page
    assert not list(dist.rglob("*.js")) and not list(dist.rglob("*.pf_*"))


SEARCH_BOX = """() => {
    const form = document.querySelector(".pagefind-ui__form");
    const box = form.getBoundingClientRect();
    const input = getComputedStyle(document.querySelector(".pagefind-ui__search-input"));
    const clear = document.querySelector(".pagefind-ui__search-clear").getBoundingClientRect();
    const glass = getComputedStyle(form, "::before");
    const glassLeft = box.left + parseFloat(glass.left), width = parseFloat(glass.width);
    return {  // each thing's distance from each side of the box
        glassLeft: glassLeft - box.left, glassRight: box.right - glassLeft - width,
        glassWidth: width,
        clearLeft: clear.left - box.left, clearRight: box.right - clear.right,
        paddingLeft: parseFloat(input.paddingLeft), paddingRight: parseFloat(input.paddingRight),
    };
}"""


@pytest.mark.parametrize("language", ["en", "fa"])
def test_the_search_box_has_its_magnifier_where_the_words_typed_start(
    tmp_path: Path, page, language: str
) -> None:
    """Pagefind places the magnifier at the left and the clear button at the right: in a
    Farsi archive, mirrored, as the words typed start on the right."""
    root = minimal_with(tmp_path / "ws", {"picket.md": PICKET})
    config = root / "publisher.toml"
    config.write_text(config.read_text().replace('language = "en"', f'language = "{language}"'))
    result = CliRunner().invoke(main, ["-C", str(root), "build", "-f", "web"])
    assert result.exit_code == 0, result.output
    with serving_folder(root / "dist") as address:
        page.goto(f"{address}search/")
        page.fill("input[type=text]", "picket")
        page.wait_for_selector(".pagefind-ui__search-clear")
        box = page.evaluate(SEARCH_BOX)
    start, end = ("Left", "Right") if language == "en" else ("Right", "Left")
    assert box[f"glass{start}"] < box[f"glass{end}"], box
    assert box[f"clear{end}"] < box[f"clear{start}"], box
    assert box[f"padding{start}"] >= box[f"glass{start}"] + box["glassWidth"], box  # clear of it


@pytest.fixture(scope="module")
def editions(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """tests/workspaces/editions (English, with Spanish and Arabic editions), built."""
    root = copy_workspace(WORKSPACES / "editions", tmp_path_factory.mktemp("editions") / "ws")
    result = CliRunner().invoke(main, ["-C", str(root), "build", "-f", "web"])
    assert result.exit_code == 0, result.output
    return root / "dist"


def linked_search_page(dist: Path, page: str) -> Path:
    """The search page the menu of `page` (a path under dist) links."""
    tree = lxml.html.parse(str(dist / page)).getroot()
    (href,) = [
        a.get("href") for a in tree.xpath("//nav[@class='site-nav']/a") if "search" in a.get("href")
    ]
    return ((dist / page).parent / href / "index.html").resolve()


@pytest.mark.parametrize(
    ("page", "language", "heading"),
    [
        ("001-editions/index.html", "en", "Search"),
        ("001-editions/es/index.html", "es", "Buscar"),
        ("001-editions/es/report/index.html", "es", "Buscar"),
        ("001-editions/ar/index.html", "ar", "بحث"),
    ],
)
def test_an_editions_menu_leads_to_a_search_page_in_its_language(
    editions: Path, page: str, language: str, heading: str
) -> None:
    search_page = linked_search_page(editions, page)
    assert search_page.is_file(), search_page
    tree = lxml.html.parse(str(search_page)).getroot()
    assert tree.get("lang") == language
    assert tree.xpath("string(//h1)") == heading
    assert tree.xpath("//meta[@name='robots']/@content") == ["noindex"]
    assert "/search/" not in (editions / "sitemap.xml").read_text()


def test_a_spanish_readers_search_answers_in_spanish_and_finds_every_language(
    editions: Path, page
) -> None:
    with serving_folder(editions) as address:
        page.goto(f"{address}search/es/")
        page.fill("input[type=text]", "rents")  # an English word, in the English report
        page.wait_for_selector(".pagefind-ui__result-link")
        message = page.locator(".pagefind-ui__message").inner_text()
        link = page.locator(".pagefind-ui__result-link").first
        link.click()
        page.wait_for_load_state()
        assert "resultado" in message, message  # Pagefind's interface speaks Spanish
        assert page.url.startswith(address) and "/report/" in page.url, page.url


def test_an_article_two_pages_carry_is_found_once_on_the_page_in_its_language(
    editions: Path, page
) -> None:
    """The Spanish strike article is carried by both issues' Spanish editions: one result,
    not two alike. The English report, which the Spanish editions carry untranslated, is
    found once too, on the English issue's page, in its language."""
    with serving_folder(editions) as address:
        assert results(page, address, "limpiadoras") == [
            ("Las limpiadoras están en huelga", "/001-editions/es/strike/")
        ]
        assert results(page, address, "rents") == [("Rents are rising", "/001-editions/report/")]


def test_an_article_in_english_is_found_on_the_english_page_of_a_british_newsletter(
    tmp_path: Path, page
) -> None:
    """`lang: en` in a newsletter written in `en-GB` is the newsletter's language: the
    search leads to the issue's own page, not to the Spanish edition that carries the
    article untranslated."""
    gatehouse = (
        "---\ntitle: Picket report\nlang: en\n---\n\nThe picket at the gatehouse held firm.\n"
    )
    root = minimal_with(tmp_path / "ws", {"gatehouse.md": gatehouse})
    config = root / "publisher.toml"
    config.write_text(config.read_text().replace('language = "en"', 'language = "en-GB"'))
    with (root / "issues" / "001-first.yaml").open("a") as manifest:
        manifest.write('editions:\n  es:\n    title: "Primero"\n    sections: [Noticias]\n')
    result = CliRunner().invoke(main, ["-C", str(root), "build", "-f", "web"])
    assert result.exit_code == 0, result.output
    assert (root / "dist" / "001-first" / "es" / "gatehouse" / "index.html").is_file()
    with serving_folder(root / "dist") as address:
        assert results(page, address, "gatehouse") == [("Picket report", "/001-first/gatehouse/")]


RESULT_LANGUAGE = """() => [...document.querySelectorAll('.pagefind-ui__result')].map(result => {
    const title = result.querySelector('.pagefind-ui__result-title');
    const excerpt = result.querySelector('.pagefind-ui__result-excerpt');
    return [title, excerpt].map(part => [
        part.closest('[lang]').getAttribute('lang'),
        part.closest('[dir]')?.getAttribute('dir') ?? 'ltr',
        getComputedStyle(part).direction,
    ]);
})"""


@pytest.mark.parametrize(
    ("words", "language", "direction"),
    [("أضربت", "ar", "rtl"), ("limpiadoras", "es", "ltr"), ("rents", "en", "ltr")],
)
def test_each_result_is_marked_in_its_pages_language_and_direction(
    editions: Path, page, words: str, language: str, direction: str
) -> None:
    """On the English search page, an Arabic article's title and excerpt read right to
    left and are spoken in Arabic: each result says its page's language, as the page does.
    The marks are not shown as the result's tags."""
    with serving_folder(editions) as address:
        assert len(results(page, address, words)) == 1
        marked = page.evaluate(RESULT_LANGUAGE)
        assert not page.query_selector(".pagefind-ui__result-tags")
    assert marked == [[[language, direction, direction]] * 2]


def test_an_untranslated_article_is_found_on_its_own_issues_page_not_an_editions(
    tmp_path: Path, page
) -> None:
    """An Arabic post in an English issue that has a Spanish edition: neither page speaks
    Arabic, and the search leads to the issue's own page, not to the Spanish edition that
    carries it with a "not yet translated" note."""
    dispute = (
        '---\ntitle: "النزاع 1029: الأجور الميناء"\n'
        "date: 2021-05-15T10:42:00+00:00\nauthor: Fatima Zahra\nlang: ar\n---\n\n"
        "العمال النقابة الإضراب الأجور. الميناء المجلس الاجتماع الأعضاء.\n"
    )
    root = minimal_with(tmp_path / "ws", {"2021-05-15-post-01029.md": dispute})
    with (root / "issues" / "001-first.yaml").open("a") as manifest:
        manifest.write('editions:\n  es:\n    title: "Primero"\n    sections: [Noticias]\n')
    result = CliRunner().invoke(main, ["-C", str(root), "build", "-f", "web"])
    assert result.exit_code == 0, result.output
    assert (root / "dist" / "001-first" / "es" / "2021-05-15-post-01029" / "index.html").is_file()
    with serving_folder(root / "dist") as address:
        assert results(page, address, "الإضراب") == [
            ("النزاع 1029: الأجور الميناء", "/001-first/2021-05-15-post-01029/")
        ]


# An Arabic statement with a line in English, as a branch writes one: the reader marks the
# line English on its pages.
STATEMENT = """\
---
title: بيان التضامن مع عمال الميناء
lang: ar
---

نعلن تضامننا الكامل مع عمال الميناء في إضرابهم.

Workers of the world, unite! This English line sits in the Arabic statement.
"""

# Of each result: its address, the language its title is marked with, the language and
# direction of the word found (its <mark>) and of the excerpt as a whole, and the words of
# the excerpt marked with a language of their own.
FOUND_WORDS = """() => [...document.querySelectorAll('.pagefind-ui__result')].map(result => {
    const title = result.querySelector('.pagefind-ui__result-title');
    const excerpt = result.querySelector('.pagefind-ui__result-excerpt');
    const found = excerpt.querySelector('mark');
    return [
        result.querySelector('.pagefind-ui__result-link').getAttribute('href'),
        title.closest('[lang]').getAttribute('lang'),
        found.closest('[lang]').getAttribute('lang'),
        getComputedStyle(found).direction,
        getComputedStyle(excerpt).direction,
        [...excerpt.querySelectorAll('[lang]')].map(words => words.textContent),
    ];
})"""


@pytest.fixture(scope="module")
def mixed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The minimal issue with the Arabic statement, and a Farsi edition that shows the
    issue's English editorial (it has none of its own), built."""
    root = minimal_with(tmp_path_factory.mktemp("mixed") / "ws", {"bayan.md": STATEMENT})
    with (root / "issues" / "001-first.yaml").open("a") as manifest:
        manifest.write('editions:\n  fa:\n    title: "نخستین شماره"\n    sections: [خبرها]\n')
    result = CliRunner().invoke(main, ["-C", str(root), "build", "-f", "web"])
    assert result.exit_code == 0, result.output
    return root / "dist"


@pytest.mark.parametrize(
    ("words", "found"),
    [
        # The English line of the Arabic statement: English, in an Arabic excerpt.
        (
            "unite",
            [
                "/001-first/bayan/",
                *("ar", "en", "ltr", "rtl"),
                ["Workers of the world, unite! This English line sits in the Arabic statement."],
            ],
        ),
        # The English editorial on the Farsi edition's page: all of the excerpt English.
        (
            "editors",
            ["/001-first/fa/", *("fa", "en", "ltr", "ltr"), ["Hello from the editors."]],
        ),
    ],
)
def test_an_excerpt_is_marked_in_the_language_of_its_words_not_of_its_page(
    mixed: Path, page, words: str, found: list[object]
) -> None:
    """The result of an English passage on a Farsi or Arabic page was marked Farsi (or
    Arabic), right to left, as a whole: shown ".This issue carries our pay survey …" and
    read out by a Farsi voice. Its words are marked as their page marks them."""
    with serving_folder(mixed) as address:
        results(page, address, words)
        marked = page.evaluate(FOUND_WORDS)
    assert found in marked, marked
