"""Feeds as subscribers' feed readers show them: Atom and RSS of tests/workspaces/minimal
with an issue or article added, built in the feed format alone."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import feedparser
import lxml.etree
import lxml.html
from conftest import WORKSPACES, copy_workspace

from publisher.build import build

ATOM = "{http://www.w3.org/2005/Atom}"
DC = "http://purl.org/dc/elements/1.1/"

FARSI_ISSUE = """\
number: 2
title: "شماره دوم"
date: 2026-01-20
language: fa
editorial: |
  سرمقاله این شماره.
sections:
  - title: "اخبار کارگری"
    documents: [first-article]
"""


def built_feeds(
    tmp_path: Path, manifests: dict[str, str] | None = None, toml: str = "", top: bool = False
) -> Path:
    """tests/workspaces/minimal with `manifests` (file name → YAML) added to issues/ and
    `toml` to publisher.toml (at its `top`, before its tables, or at its end), built in the
    feed format: its output folder."""
    root = copy_workspace(WORKSPACES / "minimal", tmp_path / "minimal")
    for name, text in (manifests or {}).items():
        (root / "issues" / name).write_text(text, encoding="utf-8")
    config = root / "publisher.toml"
    text = config.read_text(encoding="utf-8")
    config.write_text(toml + text if top else text + toml, encoding="utf-8")
    out = build(root, formats=["feed"]).out_dir
    for feed in ("feed.atom", "feed.rss"):
        parsed = feedparser.parse(out / feed)
        assert not parsed.bozo, parsed.get("bozo_exception")
    return out


def atom_entry(feed: Path, link: str) -> lxml.etree._Element:
    """The entry of `feed` (an Atom file) whose id is `link`."""
    root = lxml.etree.parse(str(feed)).getroot()
    [entry] = [e for e in root.iterfind(f"{ATOM}entry") if e.findtext(f"{ATOM}id") == link]
    return entry


def direction_of(element: lxml.html.HtmlElement) -> str | None:
    """The direction `element` is shown in: its nearest own or ancestor's dir."""
    marked = element.xpath("ancestor-or-self::*[@dir][1]")
    return marked[0].get("dir") if marked else None


def test_a_farsi_issue_entry_reads_right_to_left_in_a_left_to_right_reader(
    tmp_path: Path,
) -> None:
    """A feed reader shows an entry's HTML inside its own (left-to-right) page: the
    issue's own words (its editorial heading and text, its section titles) are marked
    right to left in the issue's language, while an English article keeps its own."""
    out = built_feeds(tmp_path, {"002-fa.yaml": FARSI_ISSUE})
    entry = atom_entry(out / "feed.atom", "https://minimal.example.org/002-fa/")
    content = lxml.html.fragment_fromstring(entry.findtext(f"{ATOM}content"), create_parent="body")
    for words in ("سرمقاله", "سرمقاله این شماره.", "اخبار کارگری"):
        [element] = content.xpath("//*[normalize-space(text())=$words]", words=words)
        assert direction_of(element) == "rtl", words
        assert element.xpath("ancestor-or-self::*[@lang][1]/@lang") == ["fa"], words
    [title] = content.xpath("//a[text()='The first article']")
    assert direction_of(title) == "ltr"


def entry_dates(out: Path, link: str) -> tuple[str, str]:
    """The Atom entry's <published> and the RSS item's <pubDate> of the issue at `link`."""
    published = atom_entry(out / "feed.atom", link).findtext(f"{ATOM}published")
    rss = lxml.etree.parse(str(out / "feed.rss")).getroot()
    [item] = [i for i in rss.iter("item") if i.findtext("link") == link]
    return published, item.findtext("pubDate")


def day_seen_at(instant: str, hours: float) -> dt.date:
    """The calendar day a reader at UTC+`hours` sees an Atom date on."""
    return (
        dt.datetime.fromisoformat(instant).astimezone(dt.timezone(dt.timedelta(hours=hours))).date()
    )


def test_an_issue_dated_by_the_day_is_on_that_day_for_readers_either_side_of_utc(
    tmp_path: Path,
) -> None:
    """An issue dated 10 January (no time): its entry is dated at noon UTC, the 10th for
    readers from UTC-11 to UTC+11, not at midnight, which readers in the Americas saw as
    the evening of the 9th."""
    out = built_feeds(tmp_path)
    published, pub_date = entry_dates(out, "https://minimal.example.org/001-first/")
    assert published == "2026-01-10T12:00:00+00:00"
    assert pub_date == "Sat, 10 Jan 2026 12:00:00 +0000"
    for hours in (-11, -5, 0, 5.5, 11):
        assert day_seen_at(published, hours) == dt.date(2026, 1, 10), hours


def test_the_newsletters_time_zone_dates_its_issues_by_its_own_day(tmp_path: Path) -> None:
    """time_zone = "Pacific/Auckland" (UTC+13 in January): noon UTC was 1 a.m. the next
    day there; the issue's day is now noon in Auckland, the 10th for its readers."""
    out = built_feeds(tmp_path, toml='time_zone = "Pacific/Auckland"\n', top=True)
    published, pub_date = entry_dates(out, "https://minimal.example.org/001-first/")
    assert published == "2026-01-10T12:00:00+13:00"
    assert pub_date == "Sat, 10 Jan 2026 12:00:00 +1300"
    assert day_seen_at(published, 13) == dt.date(2026, 1, 10)
    articles = lxml.etree.parse(str(out / "languages" / "en" / "feed.atom")).getroot()
    assert {e.findtext(f"{ATOM}published") for e in articles.iterfind(f"{ATOM}entry")} == {
        "2026-01-05T12:00:00+13:00",  # the articles' own dates
        "2026-01-06T12:00:00+13:00",
    }


def test_an_rss_item_names_who_wrote_it(tmp_path: Path) -> None:
    """RSS's <author> must be an e-mail address: the item names the organisation as
    feed readers read a name (Dublin Core's dc:creator, as WordPress writes it), as the
    Atom entry does in its <author>."""
    out = built_feeds(tmp_path)
    [entry] = feedparser.parse(out / "feed.rss").entries
    assert entry.author == "Test Organisation"
    rss = lxml.etree.parse(str(out / "feed.rss")).getroot()
    creators = rss.xpath("//item/dc:creator/text()", namespaces={"dc": DC})
    assert creators == ["Test Organisation"]


def test_each_feed_names_its_own_address_and_type(tmp_path: Path) -> None:
    """A feed's self link says what it is, as the W3C feed validator recommends for
    RSS's atom:link: a reader told of the Atom feed and the RSS one tells them apart."""
    out = built_feeds(tmp_path)
    site = "https://minimal.example.org/"
    rss = lxml.etree.parse(str(out / "feed.rss")).getroot()
    [own] = rss.find("channel").findall(f"{ATOM}link")
    assert dict(own.attrib) == {
        "href": site + "feed.rss",
        "rel": "self",
        "type": "application/rss+xml",
    }
    for feed in ("feed.atom", "languages/en/feed.atom"):
        atom = lxml.etree.parse(str(out / feed)).getroot()
        [own] = atom.xpath("atom:link[@rel='self']", namespaces={"atom": ATOM[1:-1]})
        assert (own.get("href"), own.get("type")) == (site + feed, "application/atom+xml")


def test_an_editions_pages_advertise_its_own_feeds_first_by_its_languages_name(
    tmp_path: Path,
) -> None:
    """A browser or feed reader offered a Spanish edition's page subscribes to the first
    feed it lists: the Spanish one, Atom and RSS, named "Español", then the newsletter's."""
    root = copy_workspace(WORKSPACES / "minimal", tmp_path / "minimal")
    manifest = root / "issues" / "001-first.yaml"
    manifest.write_text(manifest.read_text() + 'editions:\n  es:\n    title: "Primer número"\n')
    with (root / "publisher.toml").open("a") as config:
        config.write("\n[web]\nsearch = false\n")
    out = build(root, formats=["feed", "web"]).out_dir
    for page, up in (("001-first/es/index.html", "../../"), ("editions/es/index.html", "../../")):
        head = lxml.html.fromstring((out / page).read_bytes()).head
        feeds = [
            (link.get("href"), link.get("type"), link.get("title"))
            for link in head.xpath("link[@rel='alternate'][@type]")
        ]
        assert feeds == [
            (
                f"{up}editions/es/feed.atom",
                "application/atom+xml",
                "Minimal Test Bulletin (Español, Atom)",
            ),
            (
                f"{up}editions/es/feed.rss",
                "application/rss+xml",
                "Minimal Test Bulletin (Español, RSS)",
            ),
            (f"{up}feed.atom", "application/atom+xml", "Minimal Test Bulletin (Atom)"),
            (f"{up}feed.rss", "application/rss+xml", "Minimal Test Bulletin (RSS)"),
        ], page
        for href, _, _ in feeds:
            assert (out / page).parent.joinpath(href).resolve().is_file(), href


def test_a_languages_feed_of_articles_is_newest_first(tmp_path: Path) -> None:
    """Articles dated by their own day, carried in an issue in the order its sections put
    them: the language's feed, like the newsletter's, gives the newest first."""
    root = copy_workspace(WORKSPACES / "minimal", tmp_path / "minimal")
    dated = {"asamblea": "2026-01-02", "huelga": "2026-01-08", "piquete": "2026-01-05"}
    for slug, day in dated.items():
        (root / "documents" / f"{slug}.md").write_text(
            f"---\ntitle: {slug.title()}\nlang: es\ndate: {day}\ntags: [huelgas]\n---\n\nTexto.\n",
            encoding="utf-8",
        )
    manifest = root / "issues" / "001-first.yaml"
    manifest.write_text(
        manifest.read_text().replace(
            "second-article]", "second-article, asamblea, huelga, piquete]"
        )
    )
    out = build(root, formats=["feed"]).out_dir
    for feed in ("languages/es/feed.atom", "tags/huelgas/feed.atom"):
        parsed = feedparser.parse(out / feed)
        assert [entry.title for entry in parsed.entries] == ["Huelga", "Piquete", "Asamblea"]


def test_an_article_renamed_with_its_old_address_in_aliases_keeps_its_feed_entry(
    tmp_path: Path,
) -> None:
    """A renamed article was a new entry in the topic and language feeds (its id is its
    page's address): readers were shown an article they had read as new. With `aliases:`
    naming its old page, the entry keeps the old id, as WordPress keeps a post's guid,
    and links the new page."""
    root = copy_workspace(WORKSPACES / "minimal", tmp_path / "minimal")
    old = "https://minimal.example.org/001-first/first-article/"
    documents = root / "documents"
    text = (documents / "first-article.md").read_text(encoding="utf-8")
    (documents / "first-article.md").unlink()
    (documents / "renamed-article.md").write_text(
        text.replace("date:", "aliases: [/001-first/first-article/]\ndate:", 1), encoding="utf-8"
    )
    manifest = root / "issues" / "001-first.yaml"
    manifest.write_text(manifest.read_text().replace("first-article,", "renamed-article,"))

    out = build(root, formats=["feed"]).out_dir

    for feed in ("languages/en/feed.atom", "tags/test/feed.atom"):
        entry = atom_entry(out / feed, old)
        [link] = entry.iterfind(f"{ATOM}link")
        assert link.get("href") == "https://minimal.example.org/001-first/renamed-article/"


def test_an_article_reads_the_same_in_every_feed_and_each_edition_copy_names_its_own_issue(
    tmp_path: Path,
) -> None:
    """An article's entry is made once per build for every topic and language feed that
    carries it (it was made again for each, the most of a rebuild's time on a big
    archive): the Spanish translation reads the same in the site's and the Spanish
    edition's feeds of its topic and language, while the English text each edition shows
    untranslated is an entry of its own there, its links to that edition's pages."""
    root = copy_workspace(WORKSPACES / "editions", tmp_path / "editions")
    out = build(root, formats=["feed"]).out_dir
    site = "https://editions.example.org/001-editions/"

    def content(feed: str, link: str) -> str:
        text = atom_entry(out / feed / "feed.atom", link).findtext(f"{ATOM}content")
        assert text
        return text

    translated = [
        content(feed, f"{site}es/strike/")
        for feed in ("tags/huelgas", "languages/es", "editions/es/tags/huelgas")
    ]
    assert translated[0] == translated[1] == translated[2]
    assert f'<a href="{site}es/">' in translated[0]

    for edition in ("", "es/", "ar/"):
        folder = f"editions/{edition}" if edition else ""
        report = f"{site}{edition}report/"
        text = content(f"{folder}languages/en", report)
        assert f'<a href="{report}">' in text, edition  # its heading's link
        assert f'<a href="{site}{edition}">' in text, edition  # "From" its issue
