"""Importing a Blogger blog: Google Takeout's zip (or the feed.atom in it, Blogger's 2018
schema) and the older "Back up content" file (blog-*.xml, the 2008 schema with settings and
template entries). The fixtures under tests/exports/blogger*/ are written as Blogger writes
them: a <div> per line and <div><br></div> for a blank one (its editor since 2010), text and
<br> (the older one), newlines alone when the blog's "convert line breaks" was on.

The Takeout export also goes through tests/test_import_platforms.py with the other
platforms: imported twice, built in every format and checked with `check --strict`.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from bounded import finishes_within
from click.testing import CliRunner
from platform_exports import imported, new_workspace, zipped

from publisher.cli import main
from publisher.errors import PublisherError
from publisher.importers.platforms import import_export

EXPORTS = Path(__file__).parent / "exports"
TAKEOUT = EXPORTS / "blogger"
FEED = TAKEOUT / "Takeout" / "Blogger" / "Blogs" / "Dockside Workers' Voice" / "feed.atom"
BACKUP = EXPORTS / "blogger-backup" / "blog-05-03-2015.xml"


def takeout_zip(into: Path, folder: Path = TAKEOUT) -> Path:
    return zipped(folder, into / "takeout-20260305T100000Z-001.zip")


def body(root: Path, slug: str) -> str:
    """The imported document's Markdown, after its front matter."""
    return (root / "documents" / f"{slug}.md").read_text(encoding="utf-8").split("---\n", 2)[2]


def test_the_takeout_zip_its_feed_and_an_old_backup_are_each_read_as_blogger(
    tmp_path: Path,
) -> None:
    for n, export in enumerate((takeout_zip(tmp_path), FEED, BACKUP)):
        _, report = imported(export, tmp_path / str(n))
        assert report.platform == "Blogger", export


def test_a_post_written_as_lines_keeps_its_paragraphs_and_line_breaks(tmp_path: Path) -> None:
    root, _ = imported(takeout_zip(tmp_path), tmp_path)
    assert body(root, "cleaners-walk-out-at-infirmary") == (
        "\nCleaners at the Royal Infirmary walked out on Monday\u00a0morning, the first strike at"
        " the hospital in thirty years.\\\n"
        "They are employed by an outside contractor on the minimum wage.\n\n"
        "**What they are asking for:**\n\n"
        "- the Real Living Wage\n"
        "- sick pay from the first day\n\n"
        "Pickets are at the main gate from 6am.\\\n"
        "Bring a flask.\n\n"
        "*Messages of support* to the branch secretary.\n\n"
        "<https://www.youtube.com/watch?v=abc123>\n"
    )
    assert body(root, "huelga-en-los-invernaderos") == (  # the older editor: text and <br>
        "\nLos jornaleros de los invernaderos del valle de Aldercombe dejaron el trabajo el"
        " martes.\n\n"
        "**Exigen** un contrato por escrito y el pago de las horas extra.\\\n"
        "La asamblea se reúne cada tarde en la plaza.\n\n"
        "*Solidaridad con los jornaleros.*\n"
    )


def test_a_post_typed_with_convert_line_breaks_on_keeps_its_lines(tmp_path: Path) -> None:
    root, _ = imported(BACKUP, tmp_path)
    assert body(root, "march-meeting") == (
        "\nThe March meeting of the union agreed three things.\\\n"
        "First, a rent strike ballot in Tower Street.\\\n"
        "Second, a stall at the market every Saturday.\n\n"
        "Everyone is welcome at the next meeting.\n"
    )


def test_the_jump_break_and_scripts_are_taken_out_and_a_video_is_linked(tmp_path: Path) -> None:
    root, _ = imported(FEED, tmp_path)
    documents = "".join(p.read_text() for p in (root / "documents").glob("*.md"))
    for gone in ("[]{", 'name="more"', "youtube.com/embed", "iframe", "alert(", "<script"):
        assert gone not in documents, gone
    assert "trbidi" not in documents
    assert "<https://www.youtube.com/watch?v=abc123>" in documents  # the video, linked


def test_each_published_post_is_an_issue_under_its_old_address_and_a_page_a_document_only(
    tmp_path: Path,
) -> None:
    root, report = imported(FEED, tmp_path)
    became = {w.post.title: (w.document.name, w.issue and w.issue.name) for w in report.written}
    assert became == {
        "Cleaners walk out at the Infirmary": (
            "cleaners-walk-out-at-infirmary.md",
            "cleaners-walk-out-at-infirmary.yaml",
        ),
        "Huelga en los invernaderos": (
            "huelga-en-los-invernaderos.md",
            "huelga-en-los-invernaderos.yaml",
        ),
        "About the branch": ("about.md", None),
    }
    front = (root / "documents" / "cleaners-walk-out-at-infirmary.md").read_text()
    assert "aliases:\n- /2026/02/cleaners-walk-out-at-infirmary.html\n" in front
    assert "tags:\n- strike\n- health\n" in front
    assert "summary: The first strike at the Infirmary in thirty years.\n" in front
    assert "authors:\n- Maureen Doyle\n" in front and "date: 2026-02-02\n" in front


def test_drafts_the_bin_and_comments_are_left_out_and_said(tmp_path: Path) -> None:
    _, report = imported(BACKUP, tmp_path)
    assert {(x.name, x.why) for x in report.left_out} == {
        ("Letter to the council (draft)", "a draft: never published"),
        ("1 reader comment(s)", "comments are not imported"),
    }
    assert {w.post.title for w in report.written} == {
        "March meeting",
        "Stall this Saturday, 10am by the fountain.",
    }


def test_a_post_without_a_title_is_named_by_its_first_sentence_not_blog_post(
    tmp_path: Path,
) -> None:
    _, report = imported(BACKUP, tmp_path)
    (untitled,) = [w for w in report.written if w.post.title.startswith("Stall")]
    assert untitled.document.name == "stall-this-saturday-10am-by-the-fountain.md"
    front = untitled.document.read_text()
    assert "aliases:\n- /2015/04/blog-post.html\n" in front  # its old address still redirects
    assert "source: http://tenantsunion-aldercombe.blogspot.com/2015/04/blog-post.html" in front
    assert "authors" not in front  # Blogger's "Unknown" is no one's name


def test_a_takeout_of_two_blogs_is_refused_naming_both(tmp_path: Path) -> None:
    both = tmp_path / "both"
    blogs = both / "Takeout" / "Blogger" / "Blogs"
    for name in ("Dockside Workers' Voice", "Tenants"):
        (blogs / name).mkdir(parents=True)
        (blogs / name / "feed.atom").write_bytes(FEED.read_bytes())
    root = new_workspace(tmp_path / "ws")
    with pytest.raises(PublisherError) as caught:
        import_export(takeout_zip(tmp_path, both), root)
    message = str(caught.value)
    assert "holds 2 blogs" in message and "Tenants/feed.atom" in message
    assert "one blog's feed.atom at a time" in message
    assert not (root / "documents" / "cleaners-walk-out-at-infirmary.md").exists()


def test_a_damaged_feed_is_named_with_its_line(tmp_path: Path) -> None:
    broken = tmp_path / "feed.atom"
    lines = FEED.read_text().splitlines()
    line = next(n for n, text in enumerate(lines) if "<title>Cleaners" in text)
    lines[line] = lines[line].replace("</title>", "")  # the first post's title never closed
    broken.write_text("\n".join(lines))
    root = new_workspace(tmp_path / "ws")
    result = CliRunner().invoke(main, ["-C", str(root), "import", str(broken)])
    assert result.exit_code == 1
    assert f"{broken}:" in result.output and "not valid XML" in result.output
    assert f"title line {line + 1}" in result.output  # where the title opened
    assert "Traceback" not in result.output


def test_a_post_of_tens_of_thousands_of_lines_is_read_in_time_linear_in_its_length() -> None:
    """In a child bounded at 20 s (this takes under a second): finding each line's place
    among its siblings, or counting a paragraph's lines at each line, took a minute."""
    finishes_within(
        20,
        "from publisher.importers.platform_html import clean_post_html",
        "assert clean_post_html('<div>a line</div>' * 50_000, None).html.count('<br>') == 49_999",
        "assert clean_post_html('a line<br>' * 100_000, None).html.count('<br>') == 99_999",
    )


def test_the_blogs_public_feed_saved_from_the_browser_is_read_as_its_posts(
    tmp_path: Path,
) -> None:
    """/feeds/posts/default says no kind of entry: each is a post (none was imported)."""
    public = tmp_path / "default.xml"
    text = BACKUP.read_text()
    for kind in ("post", "comment", "settings", "template"):
        text = text.replace(
            "<category scheme='http://schemas.google.com/g/2005#kind' term="
            f"'http://schemas.google.com/blogger/2008/kind#{kind}'/>",
            "",
        )
    start = text.index("<entry><id>tag:blogger.com,1999:blog-7731950284617730112.layout")
    end = text.index("<entry>", text.index("settings.BLOG_CONVERT_LINE_BREAKS"))
    public.write_text(text[:start] + text[end:])  # a public feed has no template or settings
    _, report = imported(public, tmp_path)
    assert {w.post.title for w in report.written} == {
        "March meeting",
        "Stall this Saturday, 10am by the fountain.",
    }
    assert ("1 reader comment(s)", "comments are not imported") in {
        (x.name, x.why) for x in report.left_out
    }
