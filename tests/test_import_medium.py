"""Importing a Medium account's stories: the zip of "Download your information" (or its
folder), whose posts/ holds each story as the h-entry page Medium writes. The fixture under
tests/exports/medium/ has Medium's markup: the title and subtitle repeated as the story's
first lines, a divider opening each part, a card linking another story, an embedded video,
the footer, a draft and a response.

The export also goes through tests/test_import_platforms.py with the other platforms:
imported twice, built in every format and checked with `check --strict`.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from platform_exports import imported, zipped

from publisher.importers import import_files
from publisher.readers import read_document

EXPORT = Path(__file__).parent / "exports" / "medium"
STORY = EXPORT / "posts" / "2026-01-12_Cleaners-win-back-pay-3f2a9b1c7d4e.html"


def as_downloaded(into: Path) -> Path:
    return zipped(EXPORT, into / "medium-export-4f6a1c.zip")


def markdown(root: Path, slug: str) -> str:
    return (root / "documents" / f"{slug}.md").read_text(encoding="utf-8")


def test_the_zip_as_downloaded_and_its_folder_are_read_as_medium(tmp_path: Path) -> None:
    for n, export in enumerate((as_downloaded(tmp_path), EXPORT)):
        _, report = imported(export, tmp_path / str(n))
        assert report.platform == "Medium"
        assert {w.post.title for w in report.written} == {
            "Cleaners win back pay",
            "La huelga del puerto",
        }


def test_a_story_is_its_text_without_the_title_lines_dividers_cards_and_footer(
    tmp_path: Path,
) -> None:
    root, _ = imported(EXPORT, tmp_path)
    text = markdown(root, "cleaners-win-back-pay").split("---\n", 2)[2]
    assert text.startswith("\nThe cleaners at the Royal Infirmary have won back")
    assert "# Cleaners win back pay" not in text and "Six months of organising" not in text
    rules = [line for line in text.splitlines() if set(line) == {"-"}]
    assert len(rules) == 1  # the rule between its two parts, none before the first
    assert "[The strike begins](https://medium.com/@dockside.bulletin/the-strike-begins-" in text
    for gone in ("medium.com</a>", "mixtape", "iframe", "Canonical link", "Exported from"):
        assert gone not in text, gone
    assert "<https://www.youtube.com/watch?v=abc123>" in text  # the video, linked
    assert "> We were invisible until we stopped." in text


def test_a_story_keeps_its_subtitle_author_date_and_address(tmp_path: Path) -> None:
    root, _ = imported(EXPORT, tmp_path)
    story = read_document(
        root / "documents" / "cleaners-win-back-pay.md", "x", root / "documents", "en"
    )
    assert story.title == "Cleaners win back pay"
    assert story.subtitle == "Six months of organising at the Infirmary"
    assert story.authors == ("Rosa Kelly",) and str(story.date) == "2026-01-12"
    assert story.extra["source"] == (
        "https://medium.com/@dockside.bulletin/cleaners-win-back-pay-3f2a9b1c7d4e"
    )
    assert story.summary == ""  # Medium's preview was the subtitle, kept as such
    assert story.aliases == ()  # medium.com's addresses cannot redirect to the new archive


def test_medium_s_preview_of_a_story_without_a_subtitle_is_not_its_summary(
    tmp_path: Path,
) -> None:
    root, _ = imported(EXPORT, tmp_path)
    front = markdown(root, "la-huelga-del-puerto").split("---\n", 2)[1]
    assert "summary" not in front and "lang: es" in front


def test_a_story_on_a_custom_domain_keeps_its_old_address_for_a_redirect(
    tmp_path: Path,
) -> None:
    export = tmp_path / "export"
    shutil.copytree(EXPORT, export)
    page = export / "posts" / STORY.name
    page.write_text(
        page.read_text().replace(
            "https://medium.com/@dockside.bulletin/cleaners-win-back-pay-3f2a9b1c7d4e",
            "https://bulletin.dockside.example.org/cleaners-win-back-pay-3f2a9b1c7d4e",
        )
    )
    root, _ = imported(export, tmp_path)
    assert "aliases:\n- /cleaners-win-back-pay-3f2a9b1c7d4e\n" in markdown(
        root, "cleaners-win-back-pay"
    )


def test_drafts_and_responses_are_left_out_and_said(tmp_path: Path) -> None:
    _, report = imported(EXPORT, tmp_path)
    assert {(x.name, x.why) for x in report.left_out} == {
        ("Notes on the ballot", "a draft: never published"),
        (
            "Solidarity from the dockers! We will be there on Monday.",
            "a response to another story, not a story",
        ),
    }


def test_each_story_is_an_issue_named_without_medium_s_id(tmp_path: Path) -> None:
    _, report = imported(as_downloaded(tmp_path), tmp_path)
    assert sorted((w.document.name, w.issue and w.issue.name) for w in report.written) == [
        ("cleaners-win-back-pay.md", "cleaners-win-back-pay.yaml"),
        ("la-huelga-del-puerto.md", "la-huelga-del-puerto.yaml"),
    ]


def test_pages_with_microformats_from_elsewhere_are_not_taken_for_medium(
    tmp_path: Path,
) -> None:
    """An h-entry page in a posts/ folder is any IndieWeb blog's; Medium's says so at its foot."""
    export = tmp_path / "site"
    (export / "posts").mkdir(parents=True)
    page = STORY.read_text().replace('<a href="https://medium.com">Medium</a>', "my blog")
    (export / "posts" / "first.html").write_text(page)
    from publisher.importers.platforms import recognise

    assert recognise(export) is None


def test_a_story_given_alone_is_read_as_the_export_reads_it(tmp_path: Path) -> None:
    """A story's page taken out of the export and imported by itself went through the
    reader of saved web pages, which keeps what it judges an article's main text: its
    title repeated, its picture's caption lost, its last part at risk. It is read as the
    export is, its picture left where it is online, as a saved page's is."""
    report = import_files([STORY], tmp_path / "documents")
    assert not report.problems
    (row,) = report.documents
    text = row.path.read_text(encoding="utf-8")
    front, body = text.split("\n---\n", 1)
    assert "title: Cleaners win back pay" in front
    assert "subtitle: Six months of organising at the Infirmary" in front
    assert "- Rosa Kelly" in front and "date: 2026-01-12" in front
    assert "Cleaners win back pay" not in body  # the title lines are not the text
    assert "The picket on the last day." in body  # the caption
    assert "https://cdn-images-1.medium.com/max/800/1*Xq3vTz8pLrKd5nB2mW9cHA.jpeg" in body
    assert "[The strike begins](https://medium.com/@dockside.bulletin/" in body  # a card
    assert "What comes next" in body and "sick pay from the first day" in body  # last part
    assert "Canonical link" not in body and "Exported from" not in body


def test_what_follows_a_card_is_kept_whole(tmp_path: Path) -> None:
    """Medium classes each block by the one before it: the paragraph after a card is
    `graf-after--mixtapeEmbed`, which names a card but is none (it was taken for one, or
    for an embed to remove, and lost)."""
    after = (
        '<p name="cc" id="cc" class="graf graf--p graf-after--mixtapeEmbed">The next meeting'
        ' is on <a href="https://dockside.example.org/meeting" class="markup--anchor">Thursday'
        "</a> at 7pm in the community centre.</p>"
        '<p name="dd" id="dd" class="graf graf--p graf-after--p">Bring a friend.</p>'
    )
    card_end = '/160/160/1*abc.jpeg);"></a></div>'  # the end of the story's card
    page = STORY.read_text()
    assert card_end in page
    story = tmp_path / "story.html"
    story.write_text(page.replace(card_end, card_end + after, 1))
    report = import_files([story], tmp_path / "documents")
    (row,) = report.documents
    body = row.path.read_text(encoding="utf-8").split("\n---\n", 1)[1]
    assert "[The strike begins](https://medium.com/@dockside.bulletin/" in body  # the card
    assert (
        "The next meeting is on [Thursday](https://dockside.example.org/meeting) at 7pm in"
        " the community centre." in " ".join(body.split())
    )
    assert "Bring a friend." in body
