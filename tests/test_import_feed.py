"""Importing a newsletter's or blog's own feed, saved as a file: the export every platform
has. The fixtures under tests/exports/feeds/ are written as the platforms write them:
Substack's RSS (saved from /feed, so with no extension: the full text in content:encoded,
the subtitle as description, its subscribe widget and share button inside), a WordPress
feed of excerpts ("[…]"), and a Hugo site's Atom feed in French.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from platform_exports import imported, new_workspace

from publisher.cli import main
from publisher.errors import PublisherError
from publisher.importers.platforms import PlatformReport, import_export, recognise
from publisher.readers import read_document

FEEDS = Path(__file__).parent / "exports" / "feeds"
LATEST = (
    "older posts",
    "a feed holds only the latest: the platform's own export has the whole archive",
)


def test_a_substack_feed_saved_from_the_browser_becomes_its_posts_and_issues(
    tmp_path: Path,
) -> None:
    root, report = imported(FEEDS / "feed", tmp_path)
    assert report.platform == "Feed"
    became = {w.post.title: (w.document.name, w.issue and w.issue.name) for w in report.written}
    assert became == {
        "The crane drivers' lockout": (
            "the-crane-drivers-lockout.md",
            "the-crane-drivers-lockout.yaml",
        ),
        "La huelga del puerto": ("huelga-del-puerto.md", "huelga-del-puerto.yaml"),
    }
    lockout = read_document(
        root / "documents" / "the-crane-drivers-lockout.md", "x", root / "documents", "en"
    )
    assert lockout.subtitle == "Week three, and the port is quiet"
    assert lockout.authors == ("Rosa Kelly",) and str(lockout.date) == "2026-03-02"
    assert lockout.aliases == ("https://dockside.substack.com/p/the-crane-drivers-lockout",)
    assert "Collections continue every Friday" in lockout.body_html
    for gone in ("Subscribe", "Type your email", "Share", "<form", "<input"):
        assert gone not in lockout.body_html, gone
    spanish = (root / "documents" / "huelga-del-puerto.md").read_text()
    assert "lang: es\n" in spanish


def test_an_entry_whose_feed_holds_only_its_opening_is_left_out_and_said(
    tmp_path: Path,
) -> None:
    root, report = imported(FEEDS / "excerpts.rss", tmp_path)
    assert report.written == []
    assert {(x.kind, x.name, x.why) for x in report.left_out} == {
        (
            "post",
            "Rent strike ballot in Tower Street",
            "only its opening is in the feed; its text is on the site",
        ),
        (LATEST[0], "before 2026-03-03", LATEST[1]),
    }
    assert sorted(p.name for p in (root / "documents").iterdir()) == ["welcome.md"]


ONE_POST = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
    "<channel><title>Dockside Bulletin</title><link>https://dockside.example.org/</link>"
    "<description>News</description>{item}</channel></rss>"
)
ITEM = (
    "<item><title>Cleaners win back pay after six weeks</title>"
    "<link>https://dockside.example.org/2026/01/cleaners-win</link>"
    '<guid isPermaLink="false">dock-1</guid>{date}'
    "<content:encoded><![CDATA[<p>After six weeks on strike the port cleaners have won"
    " their back pay.</p>]]></content:encoded></item>"
)


@pytest.mark.parametrize(
    ("date", "older"),
    [
        ("<pubDate>Sat, 10 Jan 2026 10:30:00 +0000</pubDate>", "before 2026-01-10"),
        ("", "not in this feed"),
    ],
    ids=["dated", "undated"],
)
def test_a_feed_whose_only_post_is_imported_says_older_posts_are_not_in_it_without_a_count(
    tmp_path: Path, date: str, older: str
) -> None:
    """The report said "older posts: 1 in this feed, left out" of the one post it had just
    imported: the count was the feed's posts, read as that of those left out."""
    feed = tmp_path / "rss.xml"
    feed.write_text(ONE_POST.format(item=ITEM.format(date=date)))
    _, report = imported(feed, tmp_path)
    assert [w.status for w in report.written] == ["imported"]
    assert [(x.kind, x.name, x.why) for x in report.left_out] == [(LATEST[0], older, LATEST[1])]


@pytest.mark.parametrize(
    ("written", "title"),
    [
        (
            "&lt;b&gt;Rally&lt;/b&gt; at the &lt;script&gt;alert(1)&lt;/script&gt;town hall",
            "Rally at the town hall",
        ),
        ("<![CDATA[<script>alert(1)</script>Rents <b>frozen</b>]]>", "Rents frozen"),
        ("Rally &lt;3 and rents &lt; wages", "Rally <3 and rents < wages"),
    ],
    ids=["escaped tags", "tags in CDATA", "no tags"],
)
def test_a_feed_titles_markup_is_left_out_of_the_documents_title(
    tmp_path: Path, written: str, title: str
) -> None:
    """feedparser marks a title holding a tag it does not take for HTML's (<script>) as
    plain text: the document was titled '<b>Rally</b> at the <script>…' as written."""
    item = ITEM.format(date="").replace("Cleaners win back pay after six weeks", written)
    feed = tmp_path / "rss.xml"
    feed.write_text(ONE_POST.format(item=item))
    _, report = imported(feed, tmp_path)
    (post,) = report.written
    assert post.post.title == title
    assert f"title: {title}\n" in post.document.read_text()


def test_an_atom_feed_keeps_its_language_lists_and_tags_and_loses_its_scripts(
    tmp_path: Path,
) -> None:
    root, _ = imported(FEEDS / "atom.xml", tmp_path)
    text = (root / "documents" / "assemblee-generale.md").read_text()
    front, body = text.split("---\n", 2)[1:]
    assert "lang: fr\n" in front and "tags:\n- assemblée\n" in front
    assert "authors:\n- Claire Martin\n" in front
    assert "summary" not in front  # Hugo's summary is the text's first sentence, no summary
    assert "1.  Gel des loyers" in body and "## Les motions" in body
    assert "alert(" not in body and "script" not in body


def test_a_mailchimp_archive_feed_gives_each_campaign_without_its_template(
    tmp_path: Path,
) -> None:
    """The feed carries the campaign as mailed: preheader, header, social and footer blocks
    around the text. The document is the campaign as its saved page imports."""
    _, report = imported(FEEDS / "campaign-archive.rss", tmp_path)
    (written,) = report.written
    page = tmp_path / "page" / "campaign-bulletin-14.html"
    page.parent.mkdir()
    page.write_bytes((FEEDS.parent / "mailchimp" / "campaign-bulletin-14.html").read_bytes())
    _, saved = imported(page, tmp_path / "saved")
    assert saved.platform == "Mailchimp"
    as_feed = written.document.read_text().split("---\n", 2)[2]
    as_page = saved.written[0].document.read_text().split("---\n", 2)[2]
    assert as_feed == as_page
    for gone in ("unsubscribe", "View this email", "All rights reserved", "third week"):
        assert gone not in as_feed, gone


def test_a_feed_reads_no_file_and_fetches_nothing_its_entities_name(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("the branch's bank details")
    hostile = tmp_path / "feed.xml"
    hostile.write_text(
        f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY s SYSTEM "file://{secret}">'
        '<!ENTITY w SYSTEM "http://127.0.0.1:9/x">]>'
        '<rss version="2.0"><channel><title>t</title><item><title>Leak &s;</title>'
        "<description><![CDATA[<p>&s; &w; A text long enough that it is no opening of any"
        " other text, ending as a text ends.</p>]]></description></item></channel></rss>"
    )
    root, _ = imported(hostile, tmp_path)
    documents = "".join(p.read_text() for p in (root / "documents").glob("*.md"))
    assert "bank details" not in documents


def test_a_damaged_feed_is_named_with_its_line_and_nothing_written(tmp_path: Path) -> None:
    damaged = tmp_path / "feed.xml"
    damaged.write_text('<?xml version="1.0"?>\n<rss version="2.0">\n<channel>\n<title>t</ti')
    root = new_workspace(tmp_path / "ws")
    before = sorted(p.relative_to(root) for p in root.rglob("*"))
    result = CliRunner().invoke(main, ["-C", str(root), "import", str(damaged)])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert f"{damaged}:4: not a feed that can be read" in result.output
    assert sorted(p.relative_to(root) for p in root.rglob("*")) == before


@pytest.mark.parametrize("name", ["feed", "excerpts.rss", "atom.xml"])
def test_a_feed_inside_a_folder_of_other_files_is_no_export(tmp_path: Path, name: str) -> None:
    """A site's folder (Jekyll's _site/, Hugo's public/) holds its feed among its pages."""
    site = tmp_path / "_site"
    site.mkdir()
    (site / name).write_bytes((FEEDS / name).read_bytes())
    (site / "index.html").write_text("<html><body><p>Home</p></body></html>")
    assert recognise(site) is None


def test_something_that_is_no_feed_is_not_taken_for_one(tmp_path: Path) -> None:
    sitemap = tmp_path / "sitemap.xml"
    sitemap.write_text(
        '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        "<url><loc>https://example.org/</loc></url></urlset>"
    )
    with pytest.raises(PublisherError, match="not an export this importer knows"):
        import_export(sitemap, new_workspace(tmp_path / "ws"))


def saved_feed(tmp_path: Path, text: str, name: str = "feed.xml") -> Path:
    """A feed, as saved from the browser, of `text`."""
    feed = tmp_path / name
    feed.write_text(text, encoding="utf-8")
    return feed


def document_of(report: PlatformReport, title: str) -> tuple[str, str]:
    """The front matter and Markdown of the document the post titled `title` became."""
    (written,) = [w for w in report.written if w.post.title == title]
    _, front, body = written.document.read_text(encoding="utf-8").split("---\n", 2)
    return front, body


def test_an_atom_entry_is_in_the_language_it_is_written_in_not_the_feeds(
    tmp_path: Path,
) -> None:
    """A feed's xml:lang is the publication's: an Arabic statement in an English feed was
    imported as English, its Arabic set apart as a left-to-right page's quotation."""
    feed = saved_feed(
        tmp_path,
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">'
        "<title>Dockside Notes</title><id>urn:uuid:dock</id>"
        "<updated>2026-01-22T10:00:00Z</updated><author><name>Dockside</name></author>"
        "<entry><title>بيان حول إضراب الإيجارات</title><id>urn:uuid:e2</id>"
        '<link href="https://notes.example.org/ar-statement"/>'
        "<updated>2026-01-22T10:00:00Z</updated>"
        '<content type="html">&lt;p&gt;نحن سكان الحي نعلن استمرار إضراب الإيجارات حتى تلبية'
        " مطالبنا.&lt;/p&gt;</content></entry>"
        "<entry><title>La grève continue</title><id>urn:uuid:e1</id>"
        '<link href="https://notes.example.org/greve"/><updated>2026-01-21T10:00:00Z</updated>'
        '<content type="html" xml:lang="fr-CA">&lt;p&gt;La grève des loyers continue jusqu’à'
        " lundi.&lt;/p&gt;</content></entry></feed>",
    )
    _, report = imported(feed, tmp_path)
    front, body = document_of(report, "بيان حول إضراب الإيجارات")
    assert "lang: ar\n" in front
    assert body == "\nنحن سكان الحي نعلن استمرار إضراب الإيجارات حتى تلبية مطالبنا.\n"
    front, _ = document_of(report, "La grève continue")
    assert "lang: fr-CA\n" in front  # the entry's own, as it says it


def test_a_feed_that_escapes_its_html_twice_gives_the_text_not_its_tags(
    tmp_path: Path,
) -> None:
    """An old CMS escapes its posts' HTML once more than RSS asks: the PDF, web and email
    showed "<p>The caf&eacute; workers…</p>", and the title "Caf&eacute; workers &amp;"."""
    feed = saved_feed(
        tmp_path,
        '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>'
        "<title>Old CMS</title><link>https://oldcms.example.org/</link><description>x"
        "</description><item><title>Caf&amp;eacute; workers &amp;amp; cooks join the strike"
        "</title><link>https://oldcms.example.org/cafe</link>"
        "<pubDate>Wed, 14 Jan 2026 10:00:00 GMT</pubDate><description>&amp;lt;p&amp;gt;The"
        " caf&amp;amp;eacute; workers &amp;amp;amp; cooks at the port joined the strike"
        " today. They say &amp;amp;quot;enough is enough&amp;amp;quot;.&amp;lt;/p&amp;gt;"
        "&amp;lt;p&amp;gt;We will report back on Friday after the meeting with management."
        "&amp;lt;/p&amp;gt;</description></item></channel></rss>",
    )
    root, report = imported(feed, tmp_path)
    front, body = document_of(report, "Café workers & cooks join the strike")
    assert "title: Café workers & cooks join the strike\n" in front
    assert body.split("\n\n") == [
        "\nThe café workers & cooks at the port joined the strike today."
        ' They say "enough is enough".',
        "We will report back on Friday after the meeting with management.\n",
    ]
    issue = (root / "issues" / "cafe.yaml").read_text(encoding="utf-8")
    assert "title: Café workers & cooks join the strike\n" in issue


def test_a_post_about_html_keeps_the_tags_it_shows_as_words(tmp_path: Path) -> None:
    feed = saved_feed(
        tmp_path,
        '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>'
        "<title>Web club</title><link>https://club.example.org/</link><description>x"
        "</description><item><title>Headings</title><link>https://club.example.org/h</link>"
        "<description>&lt;p&gt;Start each page with one &amp;lt;h1&amp;gt; heading, and"
        " nest the &amp;lt;h2&amp;gt; headings below it, never the other way round."
        "&lt;/p&gt;</description></item></channel></rss>",
    )
    _, report = imported(feed, tmp_path)
    _, body = document_of(report, "Headings")
    assert body == (
        "\nStart each page with one \\<h1\\> heading, and nest the \\<h2\\> headings below it,"
        " never the other way round.\n"
    )


@pytest.mark.parametrize(
    ("written", "day"),
    [
        ("<pubDate>Sat, 10 Jan 2026 23:30:00 -0500</pubDate>", "2026-01-10"),
        ("<pubDate>Sun, 11 Jan 2026 00:30:00 +0100</pubDate>", "2026-01-11"),
        ("<dc:date>2026-01-20T23:30:00-08:00</dc:date>", "2026-01-20"),
    ],
)
def test_a_post_is_dated_the_day_it_was_written_where_it_was_written(
    tmp_path: Path, written: str, day: str
) -> None:
    """feedparser gives dates in UTC: a post written in New York at half past eleven in the
    evening was dated the next day."""
    feed = saved_feed(
        tmp_path,
        '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"'
        ' xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Dockside Bulletin'
        "</title><link>https://dockside.example.org/</link><description>News</description>"
        "<item><title>Cleaners win back pay</title>"
        f"<link>https://dockside.example.org/cleaners-win</link>{written}<description>"
        "&lt;p&gt;After six weeks on strike the port cleaners have won all their back pay,"
        " every hour of it.&lt;/p&gt;</description></item></channel></rss>",
    )
    root, report = imported(feed, tmp_path)
    front, _ = document_of(report, "Cleaners win back pay")
    assert f"date: {day}\n" in front
    assert f"date: {day}\n" in (root / "issues" / "cleaners-win.yaml").read_text()


def wordpress_feed(tmp_path: Path, excerpt: str, content: str) -> Path:
    """A WordPress site's RSS feed (with Yoast SEO's line under each post), of one post."""
    return saved_feed(
        tmp_path,
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"'
        ' xmlns:content="http://purl.org/rss/1.0/modules/content/"'
        ' xmlns:dc="http://purl.org/dc/elements/1.1/">\n<channel>\n\t<title>Tenants Union'
        "</title>\n\t<link>https://tenants.example.org</link>\n\t<language>en-GB</language>\n"
        "\t<generator>https://wordpress.org/?v=6.4.2</generator>\n\t<item>\n\t\t<title>Rent"
        " strike: what you need to know</title>\n\t\t<link>https://tenants.example.org/2026/"
        "01/16/rent-strike-faq/</link>\n\t\t<dc:creator><![CDATA[Marc Dupont]]></dc:creator>"
        "\n\t\t<pubDate>Fri, 16 Jan 2026 10:00:00 +0000</pubDate>\n\t\t<guid"
        ' isPermaLink="false">https://tenants.example.org/?p=123</guid>\n\t\t<description>'
        f"<![CDATA[{excerpt}]]></description>\n{content}\t</item>\n</channel>\n</rss>",
    )


MORE_LINK = (
    '&#8230; <a href="https://tenants.example.org/2026/01/16/rent-strike-faq/"'
    ' class="more-link">Continue reading<span class="screen-reader-text"> &#8220;Rent'
    " strike: what you need to know&#8221;</span></a>"
)


def test_a_wordpress_feeds_summary_is_its_words_and_its_footer_is_left_out(
    tmp_path: Path,
) -> None:
    """The summary kept WordPress's excerpt HTML, its "Continue reading" link and all, for
    the email's preheader and the page's description; the text ended "The post … appeared
    first on Tenants Union.", which is the feed's."""
    content = (
        "\t\t<content:encoded><![CDATA[<p>Everything you need to know about the rent strike."
        '</p>\n<h2 class="wp-block-heading">What is it?</h2>\n<p>A rent strike is when'
        " tenants withhold rent collectively &#8211; together, not alone.</p>\n<p>The post"
        ' <a href="https://tenants.example.org/2026/01/16/rent-strike-faq/">Rent strike: what'
        ' you need to know</a> appeared first on <a href="https://tenants.example.org">'
        "Tenants Union</a>.</p>\n]]></content:encoded>\n"
    )
    feed = wordpress_feed(tmp_path, f"A guide for tenants: how to join in{MORE_LINK}", content)
    root, report = imported(feed, tmp_path)
    front, body = document_of(report, "Rent strike: what you need to know")
    assert "summary: 'A guide for tenants: how to join in…'\n" in front
    assert "summary: 'A guide for tenants: how to join in…'\n" in (
        root / "issues" / "rent-strike-faq.yaml"
    ).read_text(encoding="utf-8")
    assert body.endswith(
        "A rent strike is when tenants withhold rent collectively – together, not alone.\n"
    )
    assert "appeared first" not in body


def test_a_wordpress_feed_of_excerpts_with_continue_reading_links_is_left_out_and_said(
    tmp_path: Path,
) -> None:
    excerpt = "Everything you need to know about the rent strike. What is it?"
    _, report = imported(wordpress_feed(tmp_path, excerpt + MORE_LINK, ""), tmp_path)
    assert report.written == []
    assert [(x.name, x.why) for x in report.left_out if x.kind == "post"] == [
        (
            "Rent strike: what you need to know",
            "only its opening is in the feed; its text is on the site",
        )
    ]


def test_a_podcast_episode_links_its_recording_with_its_length_and_size(
    tmp_path: Path,
) -> None:
    """The episode's audio (its <enclosure>) went without a word: the issue was its one
    line of show notes. publisher fetches nothing from a feed: the recording is linked."""
    feed = saved_feed(
        tmp_path,
        '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"'
        ' xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"><channel>'
        "<title>Dockside Radio</title><link>https://radio.example.org</link>"
        "<description>Our podcast</description><language>es</language>"
        "<itunes:author>Dockside</itunes:author><item>"
        "<title>Episodio 12: Entrevista con las limpiadoras</title>"
        "<link>https://radio.example.org/12</link><guid>ep12</guid>"
        "<pubDate>Sun, 18 Jan 2026 10:00:00 +0000</pubDate>"
        '<enclosure url="https://radio.example.org/ep12.mp3" length="12345678"'
        ' type="audio/mpeg"/><itunes:duration>00:42:10</itunes:duration>'
        "<itunes:summary>Hablamos con tres limpiadoras del puerto sobre la huelga.</itunes:summary>"
        "<description>Hablamos con tres limpiadoras del puerto sobre la huelga.</description>"
        "</item></channel></rss>",
        name="podcast.xml",
    )
    _, report = imported(feed, tmp_path)
    _, body = document_of(report, "Episodio 12: Entrevista con las limpiadoras")
    assert body.split("\n\n") == [
        "\n[Episodio 12: Entrevista con las limpiadoras](https://radio.example.org/ep12.mp3)"
        " (MP3, 42:10, 12 MB)",
        "Hablamos con tres limpiadoras del puerto sobre la huelga.\n",
    ]


def test_a_substack_posts_picture_enclosure_is_no_recording(tmp_path: Path) -> None:
    root, _ = imported(FEEDS / "feed", tmp_path)
    text = (root / "documents" / "the-crane-drivers-lockout.md").read_text()
    assert "substack-post-media" not in text


WP_EMBED = (
    '<figure class="wp-block-embed is-type-video is-provider-youtube wp-block-embed-youtube'
    ' wp-embed-aspect-16-9 wp-has-aspect-ratio"><div class="wp-block-embed__wrapper">\n'
    '<iframe title="March on the depot" width="500" height="281"'
    ' src="https://www.youtube.com/embed/M7lc1UVf-VE?feature=oembed" frameborder="0"'
    ' allow="accelerometer; autoplay; clipboard-write; encrypted-media; gyroscope;'
    ' picture-in-picture; web-share" referrerpolicy="strict-origin-when-cross-origin"'
    " allowfullscreen></iframe>\n</div></figure>\n"
)


def test_a_video_embedded_in_a_feeds_post_becomes_a_link_to_it_named_by_its_title(
    tmp_path: Path,
) -> None:
    """feedparser's own cleaning took frames out before publisher could link them: "Watch
    the rally:" was followed by the next paragraph, the video gone without a word."""
    content = (
        '\t\t<content:encoded><![CDATA[<p>Watch the rally:</p><p><iframe width="560"'
        ' height="315" src="https://www.youtube.com/embed/dQw4w9WgXcQ" title="Rally at the'
        ' town hall"></iframe></p>\n'
        f"{WP_EMBED}<p>The repairs start in April, and the landlord pays for all of them,"
        " as the tribunal ordered last month.</p>]]></content:encoded>\n"
    )
    feed = wordpress_feed(tmp_path, "Everything you need to know about the rally.", content)
    _, report = imported(feed, tmp_path)
    _, body = document_of(report, "Rent strike: what you need to know")
    assert body.split("\n\n")[:3] == [
        "\nWatch the rally:",
        "[Rally at the town hall](https://www.youtube.com/watch?v=dQw4w9WgXcQ)",
        "[March on the depot](https://www.youtube.com/watch?v=M7lc1UVf-VE)",
    ]
    assert "The repairs start in April" in body


def test_a_feeds_hostile_markup_yields_no_script_in_the_document(tmp_path: Path) -> None:
    """The feed's HTML is cleaned by publisher's own sanitiser, not feedparser's: nothing
    executable reaches the document, its text or its front matter."""
    content = (
        '\t\t<content:encoded><![CDATA[<p>Rally on <b onmouseover="alert(1)">Friday</b>.'
        '</p><script>alert(2)</script><p><a href="javascript:alert(3)">Sign up</a></p>'
        '<iframe src="javascript:alert(4)"></iframe><svg onload="alert(5)"></svg>'
        '<p><img src="https://tenants.example.org/a.png" onerror="alert(6)" alt="Crowd"></p>'
        "<p>Bring a friend and a banner, and tell your neighbours about the meeting.</p>"
        "]]></content:encoded>\n"
    )
    excerpt = "<script>alert(7)</script>A guide for tenants: how to join in"
    feed = wordpress_feed(tmp_path, excerpt, content)
    _, report = imported(feed, tmp_path)
    text = report.written[0].document.read_text(encoding="utf-8")
    assert "Friday" in text and "Sign up" in text and "Bring a friend" in text
    for hostile in ("alert", "script", "javascript", "onmouseover", "onerror", "<svg", "<iframe"):
        assert hostile not in text, hostile


def test_an_atom_titles_hostile_markup_yields_only_its_words(tmp_path: Path) -> None:
    feed = saved_feed(
        tmp_path,
        '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
        "<title>Dockside Notes</title><id>urn:uuid:dock</id>"
        "<updated>2026-01-22T10:00:00Z</updated><author><name>Dockside</name></author>"
        '<entry><title type="html">&lt;b&gt;Rent strike&lt;/b&gt; &amp;amp; you'
        "&lt;script&gt;alert(1)&lt;/script&gt;</title><id>urn:uuid:e1</id>"
        '<link href="https://notes.example.org/strike"/><updated>2026-01-21T10:00:00Z</updated>'
        '<content type="html">&lt;p&gt;The rent strike continues until Monday.&lt;/p&gt;'
        "</content></entry></feed>",
    )
    _, report = imported(feed, tmp_path)
    front, _ = document_of(report, "Rent strike & you")
    assert "title: Rent strike & you\n" in front
