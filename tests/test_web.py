"""The static web archive: a page for every issue, article, topic and language; links that
all resolve; metadata for sharing and search engines; feeds per topic and language."""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path
from urllib.parse import quote, unquote, urljoin, urlsplit

import feedparser
import lxml.etree
import lxml.html
import pytest

from publisher.build import BuildReport
from publisher.config import load_config

BASE = "https://bulletin.dockside.example.org/"


def page(report: BuildReport, relative: str) -> lxml.html.HtmlElement:
    return lxml.html.parse(str(report.out_dir / relative)).getroot()


def documents(report: BuildReport) -> list[tuple[str, str]]:
    """(issue slug, document slug) for every article, read from the issue pages."""
    found = []
    for issue_page in sorted(report.out_dir.glob("*/index.html")):
        for article in page(report, str(issue_page.relative_to(report.out_dir))).xpath("//article"):
            found.append((issue_page.parent.name, article.get("id")))
    return found


def test_every_article_has_its_own_page_with_canonical_and_sharing_metadata(
    built_example: BuildReport,
) -> None:
    placed = documents(built_example)
    assert placed
    for issue, slug in placed:
        tree = page(built_example, f"{issue}/{slug}/index.html")
        url = f"{BASE}{issue}/{slug}/"
        assert tree.xpath("//link[@rel='canonical']/@href") == [url]
        assert tree.xpath("//meta[@property='og:url']/@content") == [url]
        assert tree.xpath("//meta[@property='og:type']/@content") == ["article"]
        assert tree.xpath("//h1") and tree.xpath("//main//article")
        assert tree.xpath("//meta[@property='og:title']/@content")[0].startswith(
            tree.xpath("string(//h1)").strip()
        )


def test_email_and_feed_links_land_on_article_pages(built_example: BuildReport) -> None:
    for issue, slug in documents(built_example):
        html = (built_example.out_dir / issue / "email.html").read_text()
        assert f'href="{BASE}{issue}/{slug}/"' in html
    feed = feedparser.parse(built_example.out_dir / "feed.atom")
    for entry in feed.entries:
        path = urlsplit(entry.link).path.lstrip("/")
        assert (built_example.out_dir / path / "index.html").is_file()


def unresolved_links(out_dir: Path, base: str) -> list[str]:
    """Every href, src and srcset of every page, resolved as a browser resolves it on the
    published site (against the page's own address, or its <base>), that lands on this site
    but on no file, or on no element with the #fragment's id. Written here, apart from the
    product's link check, so that the two cannot share a mistake."""
    site = urlsplit(base)
    ids: dict[Path, set[str]] = {}
    broken = []
    for page_file in sorted(out_dir.rglob("*.html")):
        relative = page_file.relative_to(out_dir).as_posix()
        tree = lxml.html.parse(str(page_file)).getroot()
        address = urljoin(base, relative)
        address = urljoin(address, (tree.xpath("//base/@href") or [address])[0])
        srcsets = [c.split()[0] for s in tree.xpath("//@srcset") for c in s.split(",") if c.strip()]
        for link in tree.xpath("//@href | //@src") + srcsets:
            url = urlsplit(urljoin(address, link.strip()))
            if (url.scheme, url.netloc) != (site.scheme, site.netloc):
                continue  # another site, mailto:, data:
            if "token=" in url.query:
                continue  # a subscriber's own link: the subscription service answers it
            target = out_dir / unquote(url.path.removeprefix(site.path))
            if target.is_dir():
                target = target / "index.html"
            if not target.is_file():
                broken.append(f"{relative}: {link} (no file {url.path})")
            elif url.fragment and target.suffix == ".html":
                if target not in ids:
                    linked = lxml.html.parse(str(target)).getroot()
                    ids[target] = set(linked.xpath("//@id | //a/@name"))
                if unquote(url.fragment) not in ids[target]:
                    broken.append(f"{relative}: {link} (no id {url.fragment!r})")
    return broken


def test_no_link_within_the_site_is_broken(built_example: BuildReport) -> None:
    """Relative links, and absolute ones to the site's own address (the feeds' and the
    email's, and canonical links), all reach a file and an id in dist/."""
    base = load_config(built_example.out_dir.parent).base_url
    pages_checked = list(built_example.out_dir.rglob("*.html"))
    assert len(pages_checked) > 10
    assert unresolved_links(built_example.out_dir, base) == []


def test_every_link_of_every_feed_entry_lands_on_a_page_and_an_id(
    built_example: BuildReport,
) -> None:
    """A feed reader resolves an entry's links against the feed's own address: a footnote's
    `#…-fn1` led to the feed file. Resolved so (feedparser, told the feed's address), every
    link to the site reaches a page and, with a #fragment, an element with that id."""
    out = built_example.out_dir
    base = load_config(out.parent).base_url
    site = urlsplit(base)
    ids: dict[Path, set[str]] = {}
    broken, fragments = [], 0
    for feed_file in sorted(out.rglob("feed.*")):
        address = urljoin(base, feed_file.relative_to(out).as_posix())
        parsed = feedparser.parse(
            feed_file.read_bytes(), response_headers={"content-location": address}
        )
        for entry in parsed.entries:
            for content in entry.get("content", []):
                tree = lxml.html.fragment_fromstring(content.value, create_parent="div")
                for link in tree.xpath("//a/@href"):
                    url = urlsplit(link)
                    if (url.scheme, url.netloc) != (site.scheme, site.netloc):
                        continue
                    target = out / unquote(url.path.removeprefix(site.path))
                    target = target / "index.html" if target.is_dir() else target
                    if not target.is_file():
                        broken.append(f"{feed_file.name}: {link}")
                    elif url.fragment:
                        fragments += 1
                        if target not in ids:
                            ids[target] = set(lxml.html.parse(str(target)).xpath("//@id"))
                        if unquote(url.fragment) not in ids[target]:
                            broken.append(f"{feed_file.name}: {link} (no id)")
    assert fragments > 0  # the example's footnotes: calls and back-links
    assert broken == []


def test_topic_and_language_pages_list_their_articles_with_feeds(
    built_example: BuildReport,
) -> None:
    languages = page(built_example, "languages/index.html").xpath("//main//li/a/@href")
    assert {"../languages/es/", "../languages/fr/"} <= set(languages) or {"es/", "fr/"} <= set(
        languages
    )
    spanish = page(built_example, "languages/es/index.html")
    assert spanish.xpath("//h1")[0].text_content().startswith("Español")
    assert all(a.get("lang") == "es" for a in spanish.xpath("//ul[@class='listing']/li/a"))
    for feed_file in [
        *built_example.out_dir.glob("tags/*/feed.atom"),
        *built_example.out_dir.glob("languages/*/feed.atom"),
    ]:
        feed = feedparser.parse(feed_file)
        assert feed.bozo == 0 and feed.entries, feed_file
        listing = page(
            built_example, str(feed_file.parent.relative_to(built_example.out_dir) / "index.html")
        )
        assert len(listing.xpath("//ul[@class='listing']/li")) == len(feed.entries)


def test_a_language_is_listed_once_whatever_regions_its_articles_name(
    built_example: BuildReport,
) -> None:
    """The example writes `lang: en` on some documents and leaves others in the newsletter's
    en-GB: readers of English read both, so they share one page and one feed."""
    index = page(built_example, "languages/index.html")
    links = index.xpath("//main//li/a")
    assert [a.get("href") for a in links] == [
        "../languages/en/",
        "../languages/es/",
        "../languages/fr/",
    ]
    assert links[0].text_content() == "English"
    english = page(built_example, "languages/en/index.html")
    languages = [a.get("lang") for a in english.xpath("//ul[@class='listing']/li/a")]
    assert sorted(set(languages)) == ["en", "en-GB"]
    assert len(languages) == 5  # every English article in the example's two issues
    assert not (built_example.out_dir / "languages/en-GB").exists()
    feed = feedparser.parse(built_example.out_dir / "languages/en/feed.atom")
    assert len(feed.entries) == 5


def test_the_language_menus_name_the_newsletters_british_english_english(
    built_example: BuildReport,
) -> None:
    """The example is en-GB with a Spanish edition: its menus offered "English (United
    Kingdom)", a region no reader chooses between when the other language is Spanish."""
    for where in ("index.html", "041-no-poverty-pay/es/index.html"):
        menu = page(built_example, where).find_class("editions")[0]
        assert [item.text_content() for item in menu.iter("li")] == ["English", "Español"]
    home = page(built_example, "index.html")
    assert home.xpath("//ol[@class='archive']//a[@hreflang='es']/text()") == ["Español"]


def test_sitemap_lists_every_page_search_engines_may_show(built_example: BuildReport) -> None:
    sitemap = lxml.etree.parse(str(built_example.out_dir / "sitemap.xml"))
    urls: set[str] = set(
        sitemap.xpath(  # type: ignore[arg-type]
            "//s:loc/text()", namespaces={"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
        )
    )
    pages, copies = set(), set()
    for path in built_example.out_dir.rglob("index.html"):
        tree = lxml.html.parse(str(path)).getroot()
        if tree.xpath("//meta[@name='robots'][@content='noindex']"):
            continue
        url = BASE + str(path.parent.relative_to(built_example.out_dir)).removeprefix(".")
        # the original article, shown untranslated in an edition, the site's topic page
        # listing just what the edition's does and the edition's listing only originals it
        # shows untranslated: their canonicals are listed
        if tree.xpath("//link[@rel='canonical']/@href") != [quote(url.rstrip("/") + "/", ":/")]:
            copies.add(url)
        else:
            pages.add(url)
    assert {urlsplit(url).path for url in copies} == {
        "/041-no-poverty-pay/es/jornaleros-huelga",
        "/041-no-poverty-pay/es/interview-warehouse-steward",
        "/tags/sanidad",  # only the Spanish translation carries these: editions/es/tags/…
        "/tags/salarios-bajos",
        "/tags/externalizacion",
        "/editions/es/tags/agricultura",  # only the Spanish original, shown as written
        "/editions/es/tags/trabajadores-migrantes",
        "/editions/es/languages/en",  # only the interview, not translated yet
    }
    assert BASE + "search" not in pages  # the search page is kept off
    assert {u.rstrip("/") for u in urls} == {p.rstrip("/") for p in pages}
    assert "Sitemap: " + BASE + "sitemap.xml" in (built_example.out_dir / "robots.txt").read_text()


def test_a_site_in_a_folder_is_told_where_crawlers_read_robots_txt(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Crawlers read robots.txt only at the host's root: under base_url
    https://example.org/news/ the build's robots.txt, and its Sitemap line, is published
    at /news/robots.txt, where none reads it, without a word. The build says where the
    line goes, or to submit the sitemap; a site at the host's root is told nothing."""
    import logging

    from conftest import build_with_warnings, minimal_with

    def notes(base_url: str) -> list[str]:
        root = minimal_with(tmp_path / base_url.split("/")[-2], {})
        toml = root / "publisher.toml"
        toml.write_text(toml.read_text().replace("https://minimal.example.org/", base_url))
        caplog.clear()
        with caplog.at_level(logging.INFO, logger="publisher"):
            out, _ = build_with_warnings(root, ["web"])
        assert f"Sitemap: {base_url}sitemap.xml" in (out / "robots.txt").read_text()
        return [
            record.getMessage() for record in caplog.records if "robots.txt" in record.getMessage()
        ]

    assert notes("https://example.org/news/") == [
        "robots.txt is read only at the host's root, https://example.org/robots.txt, not"
        " in this site's folder: add the line 'Sitemap: https://example.org/news/sitemap.xml'"
        " there, or submit that sitemap in Google Search Console and Bing Webmaster Tools"
    ]
    assert notes("https://example.org/") == []


SITEMAP = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
# An article corrected after its issue went out, as Hugo's front matter dates it
CORRECTED = """\
---
title: Rent strike enters its third week
date: 2026-01-02T09:30:00+00:00
lastmod: 2026-02-20T16:05:00+00:00
tags: [housing]
---

Tenants of the Riverside blocks withheld rent again; the landlord has not answered.
"""


def test_sitemap_tells_search_engines_when_each_page_last_changed(tmp_path: Path) -> None:
    """<lastmod>: an article's page changed when it was published in its issue, or when it
    was corrected since (`updated`, Hugo's `lastmod`); an issue's page and a listing's,
    when the newest of what they show did."""
    from conftest import build_with_warnings, minimal_with

    out, _ = build_with_warnings(
        minimal_with(tmp_path / "ws", {"corrected.md": CORRECTED}), ["web"]
    )
    sitemap = lxml.etree.parse(str(out / "sitemap.xml"))
    changed = {
        entry.findtext("s:loc", namespaces=SITEMAP).removeprefix("https://minimal.example.org/"): (
            entry.findtext("s:lastmod", namespaces=SITEMAP)
        )
        for entry in sitemap.iterfind("s:url", namespaces=SITEMAP)
    }
    assert changed["001-first/corrected/"] == "2026-02-20"
    assert changed["001-first/first-article/"] == "2026-01-10"  # the issue's day
    assert changed["001-first/"] == "2026-02-20"
    assert changed[""] == "2026-02-20"
    assert changed["tags/housing/"] == "2026-02-20"
    assert changed["tags/test/"] == "2026-01-10"
    assert None not in changed.values(), changed


@pytest.mark.parametrize(("limit", "value"), [("SITEMAP_URLS", 4), ("SITEMAP_BYTES", 600)])
def test_a_sitemap_too_big_for_search_engines_is_split_under_a_sitemap_index(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, limit: str, value: int
) -> None:
    """Search engines read at most 50,000 addresses or 50 MB from one sitemap: past that,
    sitemap.xml (which robots.txt names) is an index of several, each within both, that
    together list every page once. Here the limits are made small enough for a small
    archive to reach them."""
    from conftest import build_with_warnings, minimal_with

    from publisher.renderers import web

    documents = {"corrected.md": CORRECTED}
    whole, _ = build_with_warnings(minimal_with(tmp_path / "whole", documents), ["web"])
    every_page = lxml.etree.parse(str(whole / "sitemap.xml")).xpath(
        "//s:loc/text()", namespaces=SITEMAP
    )
    monkeypatch.setattr(web, limit, value)
    out, _ = build_with_warnings(minimal_with(tmp_path / "split", documents), ["web"])

    index = lxml.etree.parse(str(out / "sitemap.xml")).getroot()
    assert index.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}sitemapindex"
    parts = index.findall("s:sitemap", namespaces=SITEMAP)
    assert len(parts) > 1
    listed = []
    for part in parts:
        address = part.findtext("s:loc", namespaces=SITEMAP)
        assert address.startswith("https://minimal.example.org/sitemap-"), address
        file = out / address.removeprefix("https://minimal.example.org/")
        urls = lxml.etree.parse(str(file)).xpath("//s:url", namespaces=SITEMAP)
        assert len(urls) <= 4 if limit == "SITEMAP_URLS" else file.stat().st_size <= value
        assert part.findtext("s:lastmod", namespaces=SITEMAP) == max(
            url.findtext("s:lastmod", namespaces=SITEMAP) for url in urls
        )
        listed += [url.findtext("s:loc", namespaces=SITEMAP) for url in urls]
    assert sorted(listed) == sorted(every_page)
    assert "Sitemap: https://minimal.example.org/sitemap.xml" in (out / "robots.txt").read_text()


def pay_article(day: int) -> str:
    """A post as a WordPress import writes it, on the `pay` topic."""
    return (
        f'---\ntitle: "Pay claim, week {day}"\ndate: 2026-01-{day:02d}T10:00:00+00:00\n'
        f"author: Branch Secretary 4\ntags: [pay]\n---\n\nThe pay claim, week {day}.\n"
    )


def listed(page: lxml.html.HtmlElement) -> list[str]:
    """The titles an archive listing page lists (a topic's articles, the home's issues)."""
    return [
        a.text_content()
        for a in page.xpath("//ul[@class='listing']/li/a | //ol[@class='archive']/li/a")
    ]


def test_long_listings_are_split_into_pages_linked_newer_and_older(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A topic of 250 articles, an English page of 2,120, a home page of 300 issues were
    each one page tens of thousands of pixels tall. Listings show PER_PAGE a page, the
    newest issue's first (topic/page/2/ … as Hugo and WordPress address them), each linking
    the newer and older ones (rel=prev/next too), titled with its number, in the sitemap,
    and valid HTML. Here two a page, for a small archive to reach it."""
    from conftest import build_with_warnings, minimal_with
    from validators import nu_html_errors

    from publisher.renderers import web

    monkeypatch.setattr(web, "PER_PAGE", 2)
    days = (2, 3, 4, 5, 6)
    root = minimal_with(tmp_path / "ws", {f"pay-{day}.md": pay_article(day) for day in days})
    for number in (2, 3):
        (root / "issues" / f"00{number}-more.yaml").write_text(
            f"number: {number}\ntitle: Issue {number}\ndate: 2026-02-0{number}\n"
            "sections:\n  - title: News\n    documents: [second-article]\n"
        )
    out, warnings = build_with_warnings(root, ["web"])
    assert warnings == []

    topic = out / "tags" / "pay"
    pages = [topic / "index.html", topic / "page/2/index.html", topic / "page/3/index.html"]
    trees = [page_of(page) for page in pages]
    assert [listed(tree) for tree in trees] == [  # as the issue has them
        ["Pay claim, week 2", "Pay claim, week 3"],
        ["Pay claim, week 4", "Pay claim, week 5"],
        ["Pay claim, week 6"],
    ]
    links = [
        {rel: tree.xpath(f"//head/link[@rel='{rel}']/@href") for rel in ("prev", "next")}
        for tree in trees
    ]
    assert links == [
        {"prev": [], "next": ["page/2/"]},
        {"prev": ["../../"], "next": ["../3/"]},
        {"prev": ["../2/"], "next": []},
    ]
    for tree, link in zip(trees, links, strict=True):  # the same, as links readers follow
        pager = tree.xpath("//nav[@class='pager']//a")
        assert [(a.get("rel"), a.get("href")) for a in pager] == [
            (rel, href[0]) for rel, href in link.items() if href
        ]
    assert trees[1].findtext(".//title").startswith("Topic: pay · Page 2 of 3")
    assert trees[1].xpath("//link[@rel='canonical']/@href") == [
        "https://minimal.example.org/tags/pay/page/2/"
    ]

    home = [page_of(out / "index.html"), page_of(out / "page" / "2" / "index.html")]
    assert [listed(tree) for tree in home] == [
        ["No. 3: Issue 3", "No. 2: Issue 2"],
        ["No. 1: First issue"],
    ]
    assert home[1].xpath("//ol[@class='archive']/@start") == ["1"]  # its number, counted down
    assert not home[1].xpath("//*[@class='latest']")  # the latest issue is the first page's

    sitemap = (out / "sitemap.xml").read_text()
    for address in ("tags/pay/page/3/", "languages/en/page/4/", "page/2/"):
        assert f"<loc>https://minimal.example.org/{address}</loc>" in sitemap
    assert nu_html_errors([*pages, out / "page" / "2" / "index.html"]) == []
    assert unresolved_links(out, "https://minimal.example.org/") == []


def test_pages_are_accessible_and_self_contained(built_example: BuildReport) -> None:
    for path in Path(built_example.out_dir).rglob("*.html"):
        if path.name == "email.html":
            continue
        tree = lxml.html.parse(str(path)).getroot()
        assert tree.get("lang") and tree.xpath("//a[@class='skip-link'][@href='#main']"), path
        assert (
            tree.xpath("//header") and tree.xpath("//main[@id='main']") and tree.xpath("//footer")
        ), path
        levels = [int(h.tag[1]) for h in tree.iter("h1", "h2", "h3", "h4", "h5", "h6")]
        assert (
            levels and levels[0] == 1 and all(b - a <= 1 for a, b in itertools.pairwise(levels))
        ), (
            path,
            levels,
        )
        if path.relative_to(built_example.out_dir).parts[0] != "search":  # tests/test_search.py
            assert not tree.xpath("//script"), path
        external = [
            u
            for u in tree.xpath("//link/@href|//img/@src")
            if urlsplit(u).netloc and not u.startswith(BASE)
        ]
        assert external == [], path


def test_a_site_built_without_its_feeds_links_none_until_they_are_built(tmp_path: Path) -> None:
    """`publisher build -f web`: no page links a feed that is not there; once the feeds
    are built, every page links them (the pages are rendered again for it)."""
    from conftest import WORKSPACES, copy_workspace

    from publisher.build import build

    root = copy_workspace(WORKSPACES / "minimal", tmp_path / "ws")
    out = root / "dist"
    base = load_config(root).base_url

    def feed_links() -> set[str]:
        return {
            str(p.relative_to(out))
            for p in out.rglob("*.html")
            if any("feed." in (h or "") for h in page_of(p).xpath("//@href"))
        }

    build(root, formats=["web"])
    assert not list(out.rglob("feed.*"))
    assert unresolved_links(out, base) == []
    assert feed_links() == set()

    build(root)
    assert unresolved_links(out, base) == []
    web_pages = {str(p.relative_to(out)) for p in out.rglob("*.html") if p.name != "email.html"}
    assert feed_links() == web_pages


def test_each_feed_holds_the_newest_issues_and_articles_as_many_as_configured(
    tmp_path: Path,
) -> None:
    """Twenty-two weekly issues: each feed carries the newest twenty (or `[feed] entries`),
    not every issue's full text for ever; the web archive still lists all of them."""
    from conftest import WORKSPACES, copy_workspace

    from publisher.build import build

    root = copy_workspace(WORKSPACES / "minimal", tmp_path / "ws")
    for number in range(2, 23):
        day = dt.date(2026, 1, 10) + dt.timedelta(weeks=number - 1)
        (root / "documents" / f"week-{number}.md").write_text(
            f"---\ntitle: Week {number}\ndate: {day}\ntags: [test]\n---\n\nNews.\n"
        )
        (root / "issues" / f"{number:03}-week.yaml").write_text(
            f"number: {number}\ntitle: Week {number}\ndate: {day}\n"
            f"sections:\n  - title: News\n    documents: [week-{number}]\n"
        )
    out = root / "dist"

    def titles(feed: str) -> list[str]:
        parsed = feedparser.parse(out / feed)
        assert parsed.bozo == 0, parsed.bozo_exception
        return [entry.title for entry in parsed.entries]

    build(root, formats=["feed", "web"])
    newest = [f"No. {n}: Week {n}" for n in range(22, 2, -1)]
    assert titles("feed.atom") == titles("feed.rss") == newest
    assert titles("tags/test/feed.atom") == [f"Week {n}" for n in range(22, 2, -1)]
    assert len(page_of(out / "index.html").xpath("//a[contains(@href, 'week')]")) >= 21

    with (root / "publisher.toml").open("a") as config:
        config.write("\n[feed]\nentries = 2\n")
    build(root, formats=["feed"])
    assert titles("feed.atom") == titles("feed.rss") == newest[:2]
    assert titles("languages/en/feed.atom") == ["Week 22", "Week 21"]


def page_of(path: Path) -> lxml.html.HtmlElement:
    return lxml.html.parse(str(path)).getroot()


def test_an_article_named_editorial_keeps_its_id_apart_from_the_issues_editorial(
    tmp_path: Path,
) -> None:
    """An editor's letter kept as documents/editorial.md shared its id with the issue's
    editorial: the issue page held it twice, and its line in the contents led to the
    editorial."""
    from conftest import WORKSPACES, copy_workspace

    from publisher.build import build

    root = copy_workspace(WORKSPACES / "minimal", tmp_path / "ws")
    (root / "documents" / "editorial.md").write_text(
        "---\ntitle: Letter from the chair\n---\n\nDear members.\n"
    )
    manifest = root / "issues" / "001-first.yaml"
    manifest.write_text(manifest.read_text().replace("second-article]", "editorial]"))
    report = build(root, formats=["web"])
    issue = page(report, "001-first/index.html")
    ids = [str(i) for i in issue.xpath("//@id")]
    assert sorted(ids) == sorted(set(ids)), [i for i in ids if ids.count(i) > 1]
    (letter,) = issue.xpath("//nav[@class='contents']//a[. = 'Letter from the chair']/@href")
    (target,) = issue.xpath("//*[@id=$id]", id=letter.split("#")[-1])
    assert "Dear members." in target.text_content()
    (editorial,) = issue.xpath("//nav[@class='contents']//a[. = 'Editorial']/@href")
    (target,) = issue.xpath("//*[@id=$id]", id=editorial.split("#")[-1])
    assert "Hello from the editors." in target.text_content()  # the manifest's editorial


def test_an_article_dated_after_its_issue_is_never_updated_before_it_was_published(
    tmp_path: Path,
) -> None:
    """An article feed entry's <updated> was its issue's date, though its <published> (the
    article's own date) came later: RFC 4287's updated is never before published."""
    from conftest import WORKSPACES, copy_workspace

    from publisher.build import build

    root = copy_workspace(WORKSPACES / "minimal", tmp_path / "ws")
    second = root / "documents" / "second-article.md"
    second.write_text(second.read_text().replace("date: 2026-01-06", "date: 2026-01-20"))
    build(root, formats=["web", "feed"])
    entries = feedparser.parse(root / "dist" / "languages" / "en" / "feed.atom").entries
    dated = {e.title: (e.published_parsed[:3], e.updated_parsed[:3]) for e in entries}
    assert dated["The second article"] == ((2026, 1, 20), (2026, 1, 20))
    assert dated["The first article"] == ((2026, 1, 5), (2026, 1, 10))  # its issue's day


@pytest.mark.parametrize("key", ["updated", "lastmod", "last_modified_at", "modified"])
def test_an_article_corrected_after_its_issue_says_so_and_its_feed_entries_are_updated(
    tmp_path: Path, key: str
) -> None:
    """An editor corrects an article after the issue went out and dates the correction in
    its front matter as their generator taught them (Hugo's lastmod, Jekyll's
    last_modified_at, Pelican's modified): its page says when, and the feeds' entries
    change their <updated>, so feed readers show it again."""
    from conftest import WORKSPACES, copy_workspace

    from publisher.build import build

    root = copy_workspace(WORKSPACES / "minimal", tmp_path / "ws")
    first = root / "documents" / "first-article.md"
    first.write_text(
        first.read_text().replace("date: 2026-01-05", f"date: 2026-01-05\n{key}: 2026-02-03")
    )
    build(root, formats=["web", "feed"])
    build(root, formats=["web"], force=True)  # the article read again, from the cache
    article = page_of(root / "dist" / "001-first" / "first-article" / "index.html")
    assert article.xpath("string(//*[@class='byline'])").endswith("· updated February 3, 2026")
    assert article.xpath("//meta[@property='article:modified_time']/@content") == ["2026-02-03"]
    entries = feedparser.parse(root / "dist" / "languages" / "en" / "feed.atom").entries
    dated = {e.title: (e.published_parsed[:3], e.updated_parsed[:3]) for e in entries}
    assert dated["The first article"] == ((2026, 1, 5), (2026, 2, 3))
    assert dated["The second article"] == ((2026, 1, 6), (2026, 1, 10))  # as it was
    issues = feedparser.parse(root / "dist" / "feed.atom")
    assert [(e.published_parsed[:3], e.updated_parsed[:3]) for e in issues.entries] == [
        ((2026, 1, 10), (2026, 2, 3))
    ]
    assert issues.feed.updated_parsed[:3] == (2026, 2, 3)


def test_an_issue_with_an_article_taken_down_is_dated_updated_in_feeds_and_sitemap(
    tmp_path: Path,
) -> None:
    """An article taken out of a sent issue changed the issue's feed entry, but its
    <updated> and the sitemap's <lastmod> kept the day of publication: feed readers kept
    the cached full text, with what was taken down. `updated:` in the manifest dates it,
    as a document's does (no manifest key did: 'unknown key', 'did you mean date?')."""
    from conftest import WORKSPACES, build_with_warnings, copy_workspace

    from publisher.build import build

    root = copy_workspace(WORKSPACES / "minimal", tmp_path / "ws")
    manifest = root / "issues" / "001-first.yaml"
    build(root, formats=["web", "feed"])
    manifest.write_text(
        manifest.read_text()
        .replace("[first-article, second-article]", "[first-article]")
        .replace("date: 2026-01-10", "date: 2026-01-10\nupdated: 2026-02-03")
    )
    _, warnings = build_with_warnings(root, ["web", "feed"])

    (gone,) = [w for w in warnings if " are gone: " in w]
    assert "001-first/second-article/" in gone
    assert "updated:" not in gone  # the editor dated it in the same edit
    issues = feedparser.parse(root / "dist" / "feed.atom")
    assert [(e.published_parsed[:3], e.updated_parsed[:3]) for e in issues.entries] == [
        ((2026, 1, 10), (2026, 2, 3))
    ]
    sitemap = lxml.etree.parse(str(root / "dist" / "sitemap.xml"))
    changed = {
        entry.findtext("s:loc", namespaces=SITEMAP).removeprefix("https://minimal.example.org/"): (
            entry.findtext("s:lastmod", namespaces=SITEMAP)
        )
        for entry in sitemap.iterfind("s:url", namespaces=SITEMAP)
    }
    assert changed["001-first/"] == changed[""] == "2026-02-03"
    assert changed["001-first/first-article/"] == "2026-01-10"  # its text is as it was


def test_an_article_taken_down_from_an_issue_not_dated_again_is_told_the_date_to_give(
    tmp_path: Path,
) -> None:
    """The warning of an article taken down asks for the manifest's `updated:`, with the
    day's date, only while the manifest's date is not new: set in the same edit, or
    unchanged since an earlier take-down (feed readers have that date already)."""
    from conftest import WORKSPACES, build_with_warnings, copy_workspace

    root = copy_workspace(WORKSPACES / "minimal", tmp_path / "ws")
    manifest = root / "issues" / "001-first.yaml"
    manifest.write_text(
        manifest.read_text().replace("date: 2026-01-10", "date: 2026-01-10\nupdated: 2026-01-20")
    )
    build_with_warnings(root, ["web", "feed"])
    manifest.write_text(
        manifest.read_text().replace("[first-article, second-article]", "[first-article]")
    )
    _, warnings = build_with_warnings(root, ["web", "feed"])

    (gone,) = [w for w in warnings if " are gone: " in w]
    assert "date it with `updated: 2026-01-01` in the manifest of 001-first" in gone


def test_an_article_reused_in_a_later_issue_names_its_first_publication_as_canonical(
    tmp_path: Path,
) -> None:
    """A statement put in No. 2 again, as it first went out in No. 1: two indexable
    copies of the same words, neither pointing to the other. The later page's canonical
    (and og:url) is the first, which alone is in the sitemap."""
    from conftest import WORKSPACES, copy_workspace

    from publisher.build import build

    root = copy_workspace(WORKSPACES / "minimal", tmp_path / "ws")
    (root / "issues" / "002-second.yaml").write_text(
        "number: 2\ntitle: Two\ndate: 2026-01-17\nsections:\n"
        "  - title: Again\n    documents: [first-article]\n"
    )
    build(root, formats=["web"])

    first = "https://minimal.example.org/001-first/first-article/"
    for issue in ("001-first", "002-second"):
        page = page_of(root / "dist" / issue / "first-article" / "index.html")
        assert page.xpath("//link[@rel='canonical']/@href") == [first], issue
        assert page.xpath("//meta[@property='og:url']/@content") == [first], issue
    sitemap = lxml.etree.parse(str(root / "dist" / "sitemap.xml"))
    listed = sitemap.xpath("//s:loc/text()", namespaces=SITEMAP)
    assert first in listed
    assert "https://minimal.example.org/002-second/first-article/" not in listed
    assert "https://minimal.example.org/002-second/" in listed


def test_an_update_on_the_day_of_publication_is_no_update(tmp_path: Path) -> None:
    """Hugo writes lastmod on the day an article is published too: nothing to tell."""
    from conftest import WORKSPACES, copy_workspace

    from publisher.build import build

    root = copy_workspace(WORKSPACES / "minimal", tmp_path / "ws")
    first = root / "documents" / "first-article.md"
    first.write_text(
        first.read_text().replace("date: 2026-01-05", "date: 2026-01-05\nlastmod: 2026-01-05")
    )
    build(root, formats=["web"])
    article = page_of(root / "dist" / "001-first" / "first-article" / "index.html")
    assert "updated" not in article.xpath("string(//*[@class='byline'])")
    assert not article.xpath("//meta[@property='article:modified_time']")


def test_an_article_reprinted_in_a_later_issue_is_listed_once_where_it_first_appeared(
    tmp_path: Path,
) -> None:
    """Its topic's page listed it twice and its topic's feed had two entries of two ids:
    feed readers showed it again as new."""
    from conftest import WORKSPACES, copy_workspace

    from publisher.build import build

    root = copy_workspace(WORKSPACES / "minimal", tmp_path / "ws")
    (root / "issues" / "002-second.yaml").write_text(
        "number: 2\ntitle: Second\ndate: 2026-02-10\nsections:\n"
        "  - title: Again\n    documents: [first-article]\n"
    )
    build(root, formats=["web", "feed"])
    topic = page_of(root / "dist" / "tags" / "test" / "index.html")
    links = [str(a) for a in topic.xpath("//main//a[. = 'The first article']/@href")]
    assert len(links) == 1 and "001-first/first-article/" in links[0]
    for feed in ("tags/test/feed.atom", "languages/en/feed.atom"):
        entries = feedparser.parse(root / "dist" / feed).entries
        ids = [e.id for e in entries if e.title == "The first article"]
        assert ids == ["https://minimal.example.org/001-first/first-article/"], feed


OLD_ADDRESSES = {
    "/site.css": "the build writes that file",
    "/robots.txt": "the build writes that file",
    "/feed.atom": "the build writes that file",
    "/001-first/001-first.pdf": "the build writes that file",
    "/001-first/email.eml": "the build writes that file",
    "/style/logo.svg": "the build writes that folder",
    "/media/photo.jpg": "the build writes that folder",
    "/search/": "already a page",
    "//evil.example/x/": "not a path on this site",
}


def test_an_old_address_naming_a_file_the_build_writes_gives_a_warning_not_a_failed_build(
    tmp_path: Path,
) -> None:
    """`aliases: ["/site.css"]` failed the whole build ("dist/site.css: could not write this
    file: Is a directory"); `/search/` replaced the search page without a word, and
    `//evil.example/x/` (another site's address) wrote a redirect at dist/x/."""
    from conftest import build_with_warnings, minimal_with

    listed = ", ".join(f'"{alias}"' for alias in [*OLD_ADDRESSES, "/p/old-post"])
    root = minimal_with(
        tmp_path / "ws", {"moved.md": f"---\ntitle: B\naliases: [{listed}]\n---\n\nBody.\n"}
    )
    out, warnings = build_with_warnings(root, ["web"])
    said = [w.rpartition("moved.md:3: ")[2].partition("\n")[0] for w in warnings if "moved" in w]
    assert said == [
        f"no redirect from alias {alias!r}: {why}" for alias, why in OLD_ADDRESSES.items()
    ]
    assert "url=../../001-first/moved/" in (out / "p" / "old-post" / "index.html").read_text()
    assert (out / "site.css").is_file() and not (out / "x").exists()
    assert "refresh" not in (out / "search" / "index.html").read_text()


def test_an_old_wordpress_address_is_warned_of_at_its_line_with_where_to_redirect_it(
    tmp_path: Path,
) -> None:
    """`aliases: ["/?p=123"]` (WordPress's address of a post, common in a site brought over
    from it) is no page the build can write: the warning named the file, but not the line,
    nor where such a redirect is made instead."""
    from conftest import build_with_warnings, minimal_with

    note = '---\ntitle: Note\ndate: 2026-01-08\naliases:\n  - "/?p=123"\n---\n\nBody.\n'
    root = minimal_with(tmp_path / "ws", {"note-1.md": note})
    _, warnings = build_with_warnings(root, ["web"])
    [said] = [w for w in warnings if "note-1.md" in w]
    where = root / "documents" / "note-1.md"
    message, hint = said.split("\n  hint: ")
    assert message == f"{where}:5: no redirect from alias '/?p=123': not a path on this site"
    assert "the web server's or the host's redirect rules" in hint
    assert "_redirects" in hint  # the file Netlify and Cloudflare Pages read them from


def test_old_addresses_under_the_sites_folder_redirect_where_readers_type_them(
    tmp_path: Path,
) -> None:
    """A site at https://example.org/newsletter/ is served from dist/: an old address
    https://example.org/newsletter/2015/x/ (or /newsletter/2015/x/, as the browser showed
    it) was written at dist/newsletter/2015/x/, served at /newsletter/newsletter/2015/x/,
    and one outside the folder at a page it never was: both without a word."""
    from conftest import build_with_warnings, minimal_with

    aliases = [
        "https://example.org/newsletter/2015/full-url/",
        "/newsletter/2015/03/rally-report/",
        "/2016/site-root/",  # Hugo's rule: a path is from the site's root, base_url
        "https://example.org/2014/root-of-host/",
        "https://old.example.net/newsletter/2013/old-domain/",
    ]
    listed = ", ".join(f'"{alias}"' for alias in aliases)
    root = minimal_with(
        tmp_path / "ws",
        {"moved.md": f"---\ntitle: B\naliases: [{listed}]\n---\n\nBody.\n"},
    )
    toml = root / "publisher.toml"
    toml.write_text(
        toml.read_text().replace(
            'base_url = "https://minimal.example.org/"',
            'base_url = "https://example.org/newsletter/"',
        )
    )
    out, warnings = build_with_warnings(root, ["web"])
    for page in ("2015/full-url", "2015/03/rally-report", "2016/site-root", "2013/old-domain"):
        assert "001-first/moved/" in (out / page / "index.html").read_text(), page
    assert not (out / "newsletter").exists() and not (out / "2014").exists()
    said = [w.rpartition("moved.md:3: ")[2] for w in warnings if "moved.md" in w]
    assert len(said) == 1 and said[0].startswith(
        "no redirect from alias 'https://example.org/2014/root-of-host/': outside this"
        " site's folder /newsletter/"
    )


def test_a_missing_address_gets_the_sites_own_not_found_page_in_its_language(
    tmp_path: Path,
) -> None:
    """Static hosts (GitHub Pages, Netlify, Cloudflare Pages) answer a missing address with
    /404.html: there was none, so readers of a mistyped or old link got the host's page, no
    way home. The host serves it at any depth, so its links start from base_url's folder."""
    from conftest import build_with_warnings, minimal_with

    root = minimal_with(tmp_path / "ws", {})
    toml = root / "publisher.toml"
    toml.write_text(
        toml.read_text()
        .replace(
            'base_url = "https://minimal.example.org/"',
            'base_url = "https://bulletin.example.net/news/"',
        )
        .replace('language = "en"', 'language = "es"')
    )
    out, _ = build_with_warnings(root, ["web"])

    not_found = page_of(out / "404.html")
    assert not_found.get("lang") == "es"
    assert not_found.xpath("string(//h1)") == "Página no encontrada"
    assert not_found.xpath("//meta[@name='robots']/@content") == ["noindex"]
    assert not not_found.xpath("//link[@rel='canonical']")
    links = not_found.xpath("//@href | //@src")
    assert "/news/site.css" in links and "/news/" in links and "/news/search/" in links
    assert all(link.startswith(("/news/", "https://", "#")) for link in links), links
    assert "404" not in (out / "sitemap.xml").read_text()
    assert unresolved_links(out, "https://bulletin.example.net/news/") == []


# Open Graph's language_TERRITORY: the page's own region, else the newsletter's (en-GB) for
# its language, else the region its language is most spoken in (CLDR's likely subtags).
OG_LOCALES = {"en-GB": "en_GB", "en": "en_GB", "es": "es_ES", "fr": "fr_FR", "ar": "ar_EG"}


def test_every_page_names_its_open_graph_locale_with_a_territory(
    built_example: BuildReport,
) -> None:
    """og:locale was the bare language ("es", "ar"), which Facebook's sharing debugger
    flags: Open Graph wants es_ES. An issue read in other editions lists theirs as
    og:locale:alternate."""
    seen = set()
    alternates_seen = 0
    for path in sorted(built_example.out_dir.rglob("*.html")):
        tree = lxml.html.parse(str(path)).getroot()
        locale = tree.xpath("//meta[@property='og:locale']/@content")
        if not tree.xpath("//meta[@property='og:title']"):
            continue  # a redirect, the email
        language = tree.get("lang")
        assert locale == [OG_LOCALES[language]], (path, language, locale)
        seen.add(language)
        others = {
            OG_LOCALES[code]
            for code in tree.xpath("//link[@rel='alternate']/@hreflang")
            if code != "x-default"
        } - {locale[0]}
        alternate = tree.xpath("//meta[@property='og:locale:alternate']/@content")
        assert sorted(alternate) == sorted(others), path
        alternates_seen += bool(alternate)
    assert {"en-GB", "en", "es", "fr"} <= seen and alternates_seen


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        pytest.param("عُمَّال الميناء", "عمال-الميناء", id="Arabic with its short vowels marked"),
        pytest.param("عـــمال", "عمال", id="Arabic drawn out with tatweel"),
        pytest.param("שָׁלוֹם עוֹלָם", "שלום-עולם", id="Hebrew with its points"),
        pytest.param("ñandú café", "nandu-cafe", id="Latin, transliterated as before"),
    ],
)
def test_an_arabic_or_hebrew_name_is_addressed_by_its_letters_without_vowel_marks(
    name: str, slug: str
) -> None:
    """A title or file name written with its vowel marks (a Quran verse, a poem, a name
    spelt out for learners) or drawn out with tatweel is the same word as without them:
    the marks are no letters to the slug, which split the word at each of them
    ("ع-م-ال" for عُمَّال)."""
    from publisher.pool import slugged

    assert slugged(name) == slug


def test_documents_named_in_arabic_keep_their_letters_in_their_addresses(tmp_path: Path) -> None:
    """عمال.md ("workers") and عمل.md ("work") were both 'ml' (Arabic does not write its
    short vowels, so transliteration leaves the consonants): the build refused the issue,
    and إضراب-عمال-الميناء.md was published at the meaningless /drb-ml-lmyn/. Their
    addresses now keep their letters, as WordPress's and Hugo's do; the old one still leads
    there, and a manifest naming it still finds the document. Latin names stay as they were."""
    from conftest import build_with_warnings, minimal_with

    text = "---\ntitle: {}\n---\n\nنص.\n"
    root = minimal_with(
        tmp_path / "ws",
        {
            "عمال.md": text.format("العمال"),
            "عمل.md": text.format("العمل"),
            "إضراب-عمال-الميناء.md": text.format("إضراب عمال الميناء"),
            "ñandú-café.md": "---\ntitle: Café\n---\n\nText.\n",
        },
    )
    manifest = root / "issues" / "001-first.yaml"  # made before: it names the old slug
    manifest.write_text(manifest.read_text().replace("إضراب-عمال-الميناء,", "drb-ml-lmyn,"))
    out, _ = build_with_warnings(root, ["web", "feed"])

    issue = out / "001-first"
    for slug in ("عمال", "عمل", "إضراب-عمال-الميناء", "nandu-cafe"):
        assert (issue / slug / "index.html").is_file(), slug
    old = (issue / "drb-ml-lmyn" / "index.html").read_text()
    assert "url=../../001-first/إضراب-عمال-الميناء/" in old
    assert not (issue / "ml").exists()  # two articles' old address, which never was a page
    encoded = "https://minimal.example.org/001-first/%D8%B9%D9%85%D9%84/"  # عمل
    assert f"<loc>{encoded}</loc>" in (out / "sitemap.xml").read_text()
    assert f'href="{encoded}"' in (out / "feed.atom").read_text()
    canonical = page_of(issue / "عمل" / "index.html").xpath("//link[@rel='canonical']/@href")
    assert canonical == [encoded]
    assert unresolved_links(out, "https://minimal.example.org/") == []


def test_an_issue_named_in_arabic_keeps_its_letters_and_its_old_pages_lead_there(
    tmp_path: Path,
) -> None:
    """issues/عدد-الإضراب.yaml was published at the meaningless dd-ldrb/, its files named
    dd-ldrb.pdf. Its folder, pages and files now keep its letters, as its documents' do
    (percent-encoded in feeds and the sitemap); every page it had at dd-ldrb/ leads to its
    page now, and `publisher build dd-ldrb` still builds it."""
    from click.testing import CliRunner
    from conftest import build_with_warnings, minimal_with

    from publisher.cli import main

    article = "---\ntitle: إضراب عمال الميناء\nlang: ar\n---\n\nأضرب عمال الميناء.\n"
    root = minimal_with(tmp_path / "ws", {"إضراب-عمال-الميناء.md": article})
    manifest = root / "issues" / "001-first.yaml"
    manifest = manifest.rename(root / "issues" / "dd-ldrb.yaml")  # its name as published then
    out, _ = build_with_warnings(root, ["web"])
    old_pages = sorted(p.relative_to(out) for p in (out / "dd-ldrb").rglob("index.html"))
    manifest.rename(root / "issues" / "عدد-الإضراب.yaml")
    out, warnings = build_with_warnings(root, ["web", "feed", "pdf"])

    issue = out / "عدد-الإضراب"
    assert (issue / "عدد-الإضراب.pdf").is_file()
    assert (issue / "إضراب-عمال-الميناء" / "index.html").is_file()
    assert len(old_pages) == 5  # the issue's, its three articles', one's older address
    for old in old_pages:
        refresh = page_of(out / old).xpath("//meta[@http-equiv='refresh']/@content")
        target = refresh[0].partition("url=")[2]
        lands = (out / old).parent / target / "index.html"
        assert lands.resolve().is_relative_to(issue.resolve()) and lands.is_file(), old
    assert not [w for w in warnings if "gone" in w]
    encoded = f"{'https://minimal.example.org/'}%D8%B9%D8%AF%D8%AF-%D8%A7%D9%84%D8%A5%D8%B6%D8%B1%D8%A7%D8%A8/"
    assert f"<loc>{encoded}</loc>" in (out / "sitemap.xml").read_text()
    for name in ("feed.atom", "feed.rss"):
        feed = feedparser.parse(out / name)
        assert feed.bozo == 0, feed.bozo_exception
        (entry,) = feed.entries
        assert entry.link == encoded
        (pdf,) = [link.href for link in entry.enclosures]
        assert pdf == f"{encoded}{encoded.split('/')[-2]}.pdf"
    assert unresolved_links(out, "https://minimal.example.org/") == []
    again = CliRunner().invoke(main, ["-C", str(root), "build", "dd-ldrb", "--format", "web"])
    assert again.exit_code == 0, again.output


def test_an_old_name_two_arabic_issues_shared_is_refused_and_leads_nowhere(
    tmp_path: Path,
) -> None:
    """issues/عمال.yaml (workers) and issues/عمل.yaml (work) both transliterated to 'ml'.
    That name cannot say which issue it means: `publisher build ml` is refused naming both
    (neither is built), and no page at ml/ sends readers to one of them."""
    from click.testing import CliRunner
    from conftest import build_with_warnings, minimal_with

    from publisher.cli import main

    root = minimal_with(tmp_path / "ws", {})
    first = root / "issues" / "001-first.yaml"
    (root / "issues" / "عمال.yaml").write_text(first.read_text(), encoding="utf-8")
    second = first.read_text().replace("number: 1", "number: 2")
    (root / "issues" / "عمل.yaml").write_text(second, encoding="utf-8")
    first.unlink()
    out, _ = build_with_warnings(root, ["web"])

    assert (out / "عمال" / "index.html").is_file() and (out / "عمل" / "index.html").is_file()
    assert not (out / "ml").exists()
    refused = CliRunner().invoke(main, ["-C", str(root), "build", "ml", "--format", "web"])
    assert refused.exit_code == 1
    assert "'ml'" in refused.output and "عمال" in refused.output and "عمل" in refused.output
    assert "Traceback" not in refused.output
    named = CliRunner().invoke(main, ["-C", str(root), "build", "عمل", "--format", "web"])
    assert named.exit_code == 0, named.output


def test_issue_details_on_topic_and_language_pages_are_read_in_the_pages_language(
    built_example: BuildReport,
) -> None:
    """A Spanish article's title is marked Spanish; the issue's number and date beside it
    are the page's English words, so a screen reader speaks them with its English voice."""
    for listed in ("languages/es/index.html", "tags/huelgas/index.html"):
        listing = page(built_example, listed)
        items = listing.xpath("//ul[@class='listing']/li")
        assert items, listed
        for item in items:
            (meta,) = item.xpath("span[@class='issue-meta']")
            assert meta.xpath("ancestor-or-self::*[@lang][1]/@lang") == ["en-GB"], listed
            (title,) = item.xpath("a")
            assert title.get("lang") == "es", listed


PICKET_REPORT = """---
title: "Picket report"
date: 2026-05-20
---

## Day fifteen

The picket at the Carrick depot entered its third week on Monday.[^1]

Drivers turned their lorries back at the gate rather than cross the line, and the offer of a
one-off payment was voted down by a show of hands in the canteen on Tuesday night.

[^1]: Counted from the first walkout on 4 May.
"""


def test_an_article_without_a_summary_is_described_by_its_own_opening_words(
    tmp_path: Path,
) -> None:
    """Search engines and link previews show a page's description: an article without
    `summary:` (an imported blog post, a Word file) was described by its issue's summary,
    the same for every such article (Search Console: duplicate descriptions), in the
    issue's language whatever the article's. Its own opening words describe it, cut at a
    word within about 160 characters, without its headings or footnote marks."""
    from conftest import build_with_warnings, minimal_with

    root = minimal_with(tmp_path / "ws", {"picket-report.md": PICKET_REPORT})
    manifest = root / "issues" / "001-first.yaml"
    manifest.write_text(
        manifest.read_text().replace(
            "editorial:", 'summary: "In this issue: a picket."\neditorial:'
        )
    )
    out, _ = build_with_warnings(root, ["web"])
    article = page_of(out / "001-first" / "picket-report" / "index.html")
    opening = (
        "The picket at the Carrick depot entered its third week on Monday. Drivers turned"
        " their lorries back at the gate rather than cross the line, and the offer of a…"
    )
    assert article.xpath("//meta[@name='description']/@content") == [opening]
    assert article.xpath("//meta[@property='og:description']/@content") == [opening]
    first = page_of(out / "001-first" / "first-article" / "index.html")
    assert first.xpath("//meta[@name='description']/@content") == ["A short article for tests."]
    issue = page_of(out / "001-first" / "index.html")
    assert issue.xpath("//meta[@name='description']/@content") == ["In this issue: a picket."]
