"""Notes written in Obsidian build as Obsidian shows them: wiki links lead to the notes they
name, embedded pictures are found where the vault keeps them, ==highlights== are marked,
callouts are quotes with a title, and %%comments%%, which Obsidian never shows, are
published nowhere."""

from __future__ import annotations

import io
import re
from pathlib import Path

import lxml.html
import pytest
from conftest import WORKSPACES, copy_workspace
from PIL import Image

from publisher.build import BuildReport, build
from publisher.readers import read_document


def picture() -> bytes:
    data = io.BytesIO()
    Image.new("RGB", (1600, 900), (30, 90, 160)).save(data, "PNG")
    return data.getvalue()


NOTE = """---
tags: [housing]
---
# Tenants meeting

We met on Tuesday.%%Ask Ana before publishing the numbers.%% Forty came.

%%
The landlord's agent was there: not for the newsletter.

Nor this.
%%

==Bring your rent book.==

> [!note] Next meeting
> Thursday at 7pm, community hall.

> [!warning]
> Bring ID.

- Repairs %%not agreed yet%% now
- `printf("%%d")` stays as typed

![[photo.png]]

![[photo.png|Tenants outside Block B]]

![[photo.png|300]]
"""


@pytest.fixture
def vault(tmp_path: Path) -> Path:
    """documents/ as an Obsidian vault: notes in a folder, pictures in attachments/."""
    pool = tmp_path / "documents"
    (pool / "notes").mkdir(parents=True)
    (pool / "attachments").mkdir()
    (pool / "attachments" / "photo.png").write_bytes(picture())
    (pool / "notes" / "Tenants meeting.md").write_text(NOTE, encoding="utf-8")
    return pool


def read(vault: Path) -> str:
    doc = read_document(vault / "notes" / "Tenants meeting.md", "meeting", vault, "en")
    assert doc.title == "Tenants meeting"
    return doc.body_html


def test_comments_are_left_out_in_a_line_across_paragraphs_and_in_lists(vault: Path) -> None:
    body = read(vault)
    assert "We met on Tuesday. Forty came." in re.sub(r"\s+", " ", body)
    for hidden in ("Ask Ana", "landlord", "Nor this", "not agreed", "%%"):
        assert hidden not in body.replace('printf("%%d")', "")
    assert "<li>Repairs now</li>" in body
    assert "<code>printf(&quot;%%d&quot;)</code>" in body or '<code>printf("%%d")</code>' in body


def test_a_comment_never_closed_hides_nothing(tmp_path: Path) -> None:
    """Obsidian would hide the rest of the note; a typo must not take the end of a
    statement with it: the text stays, %% and all, for the editor to see."""
    path = tmp_path / "typo.md"
    path.write_text("We are 100%% sure.\n\nThe strike starts [[Monday]].\n", encoding="utf-8")
    body = read_document(path, "typo", tmp_path, "en").body_html
    assert "We are 100%% sure." in body and "The strike starts" in body


def test_callouts_are_quotes_with_their_title_and_highlights_are_marked(vault: Path) -> None:
    flat = re.sub(r"\s+", " ", read(vault))
    assert (
        "<blockquote> <p><strong>Next meeting</strong></p> <p>Thursday at 7pm, community"
        " hall.</p> </blockquote>"
    ) in flat
    assert "<blockquote> <p><strong>Warning</strong></p> <p>Bring ID.</p> </blockquote>" in flat
    assert "<mark>Bring your rent book.</mark>" in flat and "[!" not in flat


def test_embedded_pictures_are_found_in_the_vault_with_no_caption_that_is_a_name(
    vault: Path,
) -> None:
    root = lxml.html.fragment_fromstring(read(vault), create_parent="div")
    images = root.xpath("//img")
    assert [image.get("src") for image in images] == ["attachments/photo.png"] * 3
    assert [image.get("alt") for image in images] == [None, "Tenants outside Block B", None]
    assert [" ".join(f.text_content().split()) for f in root.xpath("//figcaption")] == [
        "Tenants outside Block B"
    ]


def test_a_picture_the_vault_has_twice_is_left_out_saying_which_to_write(
    vault: Path, caplog: pytest.LogCaptureFixture
) -> None:
    (vault / "photo.png").write_bytes(picture())
    assert "<img" not in read(vault)
    assert (
        "image 'photo.png' left out: 2 files of that name in documents/ (attachments/photo.png,"
        " photo.png): write which, as in ![[attachments/photo.png]]"
    ) in caplog.text


def built_with_note(root: Path, note: str, folder: str = "") -> BuildReport:
    """The workspace `root` with the note "Tenants meeting" (in `folder` of documents/) in
    its issue, built for the web."""
    (root / "documents" / folder).mkdir(exist_ok=True)
    (root / "documents" / folder / "Tenants meeting.md").write_text(note, encoding="utf-8")
    manifest = next((root / "issues").glob("*.yaml"))
    manifest.write_text(
        manifest.read_text().replace("second-article]", "second-article, Tenants meeting]")
    )
    return build(root, formats=["web"])


def test_wiki_links_lead_to_the_notes_they_name(tmp_path: Path) -> None:
    root = copy_workspace(WORKSPACES / "minimal", tmp_path / "ws")
    report = built_with_note(
        root,
        "# Tenants meeting\n\nSee [[first-article|the first article]] and [[second-article]].\n",
    )
    page = next(report.out_dir.glob("*/tenants-meeting/index.html")).read_text()
    links = re.findall(r'<a href="([^"]+)"[^>]*>(the first article|second-article)</a>', page)
    assert [(href.rstrip("/").rsplit("/", 1)[-1], text) for href, text in links] == [
        ("first-article", "the first article"),
        ("second-article", "second-article"),
    ]


def test_a_link_to_a_notes_heading_or_block_leads_to_it_in_obsidians_words(
    tmp_path: Path,
) -> None:
    """[[Note#Strike votes]] led to the note's page at "#second-article-Strike votes", an
    id it does not have (pandoc's is `strike-votes`); [[Note#^line-1]] to a block whose
    identifier was gone; both said "Note#…" as typed. They lead to the heading and the
    block, in Obsidian's words ("Note › Strike votes", the note's name for a block); a
    link in the note to its own heading ([[#Our demands]]) too."""
    root = copy_workspace(WORKSPACES / "minimal", tmp_path / "ws")
    second = root / "documents" / "second-article.md"
    second.write_text(
        second.read_text() + "\nWe stopped work. ^line-1\n\n## Strike votes\n\nNinety per cent.\n"
    )
    report = built_with_note(
        root,
        "# Tenants meeting\n\nSee [[second-article#Strike votes]], [[second-article#^line-1]],"
        " [[second-article#^line-1|the stoppage]] and [[#Our demands]].\n\n## Our demands\n",
    )
    page = next(report.out_dir.glob("*/tenants-meeting/index.html")).read_text()
    links = lxml.html.fromstring(page).xpath("//a[contains(@class, 'wikilink')]")
    assert [(a.get("href").rsplit("/", 1)[-1], a.text_content()) for a in links] == [
        ("#second-article-strike-votes", "second-article › Strike votes"),
        ("#second-article-block-line-1", "second-article"),
        ("#second-article-block-line-1", "the stoppage"),
        ("#tenants-meeting-our-demands", "Our demands"),
    ]
    shown = next(report.out_dir.glob("*/second-article/index.html")).read_text()
    ids = lxml.html.fromstring(shown).xpath("//@id")
    assert {"second-article-strike-votes", "second-article-block-line-1"} <= set(ids)


def test_a_picture_is_looked_for_by_its_name_only_not_as_a_pattern_nor_in_the_trash(
    vault: Path, caplog: pytest.LogCaptureFixture
) -> None:
    (vault / ".trash").mkdir()
    (vault / ".trash" / "photo.png").write_bytes(picture())  # deleted in Obsidian
    (vault / "notes" / "Pattern.md").write_text("![[*.png]] ![[..]]\n", encoding="utf-8")
    assert read(vault).count('src="attachments/photo.png"') == 3
    body = read_document(vault / "notes" / "Pattern.md", "pattern", vault, "en").body_html
    assert "<img" not in body
    assert "image '*.png' left out: there is no file documents/notes/*.png" in caplog.text


@pytest.mark.parametrize(
    ("name", "title"),
    [
        ("Meeting Notes 2024-10.md", "Meeting Notes 2024-10"),  # typed as a title: as it is
        ("AGM  minutes – March.md", "AGM minutes\u00a0– March"),  # the dash tied to "minutes"
        ("rent-strike_update.md", "Rent strike update"),  # a slug: made readable
    ],
)
def test_a_note_without_a_title_is_titled_by_its_name_as_typed(
    tmp_path: Path, name: str, title: str
) -> None:
    """Obsidian names a note by its title: "Meeting Notes 2024-10" was printed as "Meeting
    notes 2024 10", its capitals and date's hyphen lost."""
    path = tmp_path / name
    path.write_text("Forty tenants came.\n", encoding="utf-8")
    assert read_document(path, "note", tmp_path, "en").title == title


def test_an_embedded_pdf_or_note_is_a_link_to_it(tmp_path: Path) -> None:
    """Obsidian shows an embedded PDF (`![[report.pdf]]`) or note (`![[first-article]]`)
    inside the note. pandoc made the PDF an <embed>, left out as "a video or sound file",
    and the note a picture "in no format": both lost with a wrong warning. Each is now a
    link, as `[[…]]` is: the PDF offered as a download, the note leading to its page."""
    root = copy_workspace(WORKSPACES / "minimal", tmp_path / "ws")
    (root / "documents" / "report.pdf").write_bytes(b"%PDF-1.4\n% the rent survey\n%%EOF\n")
    report = built_with_note(
        root,
        "# Tenants meeting\n\nThe survey:\n\n![[report.pdf]]\n\nThe notes: ![[first-article]]\n",
    )
    assert not report.failed
    folder = next(report.out_dir.glob("*/tenants-meeting/"))
    page = lxml.html.parse(str(folder / "index.html")).getroot()
    article = page.xpath("//article")[0]
    links = {a.text_content(): a.get("href") for a in article.iter("a")}
    download = links["report.pdf"].removeprefix("https://minimal.example.org/")
    assert (report.out_dir / download).read_bytes().startswith(b"%PDF-1.4")
    assert links["first-article"].rstrip("/").endswith("first-article")
    assert not article.xpath(".//embed | .//img | .//figure")


def test_a_file_linked_by_its_name_alone_is_found_in_the_vault(tmp_path: Path) -> None:
    """Obsidian finds `[[report.pdf]]` anywhere in the vault (its attachments/ folder, as
    it saves files dropped into a note), as it finds a picture: the link led nowhere and
    its words were left unlinked, with a warning. Two files of that name: as before."""
    root = copy_workspace(WORKSPACES / "minimal", tmp_path / "ws")
    (root / "documents" / "attachments").mkdir()
    (root / "documents" / "attachments" / "survey.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    for folder in ("a", "b"):  # twice in the vault: which one is not for publisher to guess
        (root / "documents" / folder).mkdir()
        (root / "documents" / folder / "minutes.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    note = "# Tenants meeting\n\nThe survey: ![[survey.pdf]] ([[survey.pdf|the same]]).\n\n"
    report = built_with_note(root, note + "The minutes: [[minutes.pdf]].\n", "notes")
    page = next(report.out_dir.glob("*/tenants-meeting/index.html"))
    article = lxml.html.parse(str(page)).getroot().xpath("//article")[0]
    links = [(a.text_content(), a.get("href")) for a in article.iter("a")]
    assert links == [
        ("survey.pdf", "https://minimal.example.org/media/attachments/survey.pdf"),
        ("the same", "https://minimal.example.org/media/attachments/survey.pdf"),
    ]
    assert (report.out_dir / "media" / "attachments" / "survey.pdf").is_file()
    assert "The minutes: minutes.pdf." in " ".join(article.text_content().split())


def test_a_blocks_identifier_is_not_printed(tmp_path: Path) -> None:
    """Obsidian adds `^id` to a paragraph, an item or (on a line of its own) a table that
    another note links to, and never shows it: it was printed at the end of each."""
    path = tmp_path / "meeting.md"
    path.write_text(
        "We met on Tuesday. ^meeting-1\n\n- Point one ^p1\n- Point two\n\n"
        "| Ward | Votes |\n|---|---|\n| North | 40 |\n\n^votes\n\n"
        "Two to the power 3 is 2 ^ 3, or 2^3^.\n",
        encoding="utf-8",
    )
    body = read_document(path, "meeting", tmp_path, "en").body_html
    tree = lxml.html.fragment_fromstring(body, create_parent="div")
    assert [" ".join(p.text_content().split()) for p in tree.xpath(".//p | .//li")] == [
        "We met on Tuesday.",
        "Point one",
        "Point two",
        "Two to the power 3 is 2 ^ 3, or 23.",
    ]
    assert "^" not in tree.xpath("string(//table)") and "^" not in "".join(tree.xpath("//@id"))
    # each is its block's anchor, for a link to it; the table's, the line under it
    assert tree.xpath("normalize-space(//*[@id='meeting-block-meeting-1'])") == "We met on Tuesday."
    assert tree.xpath("normalize-space(//li[*/@id='meeting-block-p1'])") == "Point one"
    assert tree.xpath("//*[@id='meeting-block-votes']//td/text()") == ["North", "40"]


def test_a_query_block_is_left_out_naming_its_lines(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Obsidian shows a Dataview or Tasks query as the list it makes from the vault; the
    query ("LIST FROM #housing") was printed as code to every subscriber. It goes, with a
    warning naming its lines; a query shown inside other code, and other code, stay."""
    path = tmp_path / "cases.md"
    path.write_text(
        "Our open cases:\n\n```dataview\nLIST FROM #housing\n```\n\n~~~~tasks\nnot done\n~~~~\n\n"
        "````markdown\n```dataview\nshown as code\n```\n````\n\nEnd.\n",
        encoding="utf-8",
    )
    body = read_document(path, "cases", tmp_path, "en").body_html
    tree = lxml.html.fragment_fromstring(body, create_parent="div")
    assert [p.text_content() for p in tree.iter("p")] == ["Our open cases:", "End."]
    assert tree.xpath("string(//pre)") == "```dataview\nshown as code\n```"
    assert "LIST FROM" not in body and "not done" not in body
    assert f"{path}: Obsidian's query blocks (dataview, tasks) left out (lines 3, 7)" in caplog.text


def test_a_query_never_closed_takes_nothing_with_it(tmp_path: Path) -> None:
    """A query block whose closing fence was never typed holds the rest of the note, as
    Markdown reads it: left out, it took the end of the statement with it."""
    path = tmp_path / "cases.md"
    path.write_text("Our cases:\n\n```dataview\nLIST FROM #housing\n\nWe win.\n")
    body = read_document(path, "cases", tmp_path, "en").body_html
    assert "We win." in body and "LIST FROM #housing" in body
