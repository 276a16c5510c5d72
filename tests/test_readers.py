"""Each input kind becomes the same Document: metadata as plain text, body as sanitised HTML."""

from __future__ import annotations

import datetime as dt
import html
import logging
import re
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import lxml.html
import pypandoc
import pytest
from bounded import finishes_within
from click.testing import CliRunner
from PIL import Image
from test_import import texts

from publisher.cli import main
from publisher.errors import PublisherError
from publisher.readers import read_document
from publisher.readers.press_release import release_marks_out


def read(path: Path, pool: Path | None = None):
    return read_document(path, path.stem, pool or path.parent, "en")


def said_of(caplog: pytest.LogCaptureFixture, words: str) -> list[str]:
    """What publisher logged that holds `words`."""
    return [r.getMessage() for r in caplog.records if words in r.getMessage()]


def test_notes_and_links_pandoc_cannot_resolve_are_each_warned_of_at_their_line(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A note no text refers to, and the first of two notes of one key, are in no output; a
    reference to no note, and a link to no address, are printed as typed; of two link
    addresses of one key the second is never used: each is said, at the line to fix. A
    note referred to, "[^x]" in code and a citation's "[1][2]" are no problem."""
    lines = [
        "---",
        "title: Rents",
        "---",
        "",
        "Rents rose.[^1] Wages fell.[^2] See the survey.[^a]",
        "",
        "[^1]: ONS figures.",
        "",
        "[^3]: A note whose reference was deleted.",
        "",
        "[^a]: The first survey note.",
        "",
        "[^a]: The second survey note.",
        "",
        "Search with `[^x]`. Read [the report][report], [the survey][survy], [1][2].",
        "",
        "[report]: https://example.org/report",
        "[report]: https://example.org/old-report",
    ]
    path = tmp_path / "rents.md"
    path.write_text("\n".join(lines) + "\n")
    with caplog.at_level(logging.WARNING, logger="publisher"):
        doc = read(path)
    place = re.compile(rf"{re.escape(str(path))}:(\d+): .*?\[\^?(\w+)\]")
    said = {(int(m[1]), m[2]) for r in caplog.records if (m := place.match(r.getMessage()))}
    assert said == {
        (lines.index("[^3]: A note whose reference was deleted.") + 1, "3"),
        (lines.index("[^a]: The second survey note.") + 1, "a"),
        (lines.index("Rents rose.[^1] Wages fell.[^2] See the survey.[^a]") + 1, "2"),
        (lines.index("[report]: https://example.org/old-report") + 1, "report"),
        (lines.index(next(line for line in lines if "survy" in line)) + 1, "survy"),
    }
    assert len(caplog.records) == 5
    text = html.unescape(re.sub(r"<[^>]+>", "", doc.body_html))
    assert "[^2]" in text and "reference was deleted" not in text and "first survey" not in text


def test_markdown_front_matter_becomes_typed_fields(tmp_path: Path) -> None:
    path = tmp_path / "strike.md"
    path.write_text(
        "---\ntitle: Strike!\nsubtitle: Day one\nauthors: [Ana, Ben]\ndate: 2026-02-01\n"
        "lang: es\ntags: [labour, health]\nsummary: Short.\n---\n\nBody with a note.[^1]\n\n[^1]: The note.\n"
    )
    doc = read(path)
    assert (doc.title, doc.subtitle, doc.authors) == ("Strike!", "Day one", ("Ana", "Ben"))
    assert (doc.date, doc.language, doc.tags, doc.summary) == (
        dt.date(2026, 2, 1),
        "es",
        ("labour", "health"),
        "Short.",
    )
    # Footnote ids carry the slug, so two documents in one issue never collide.
    assert 'id="strike-fn1"' in doc.body_html and 'href="#strike-fn1"' in doc.body_html


def test_single_author_and_language_default(tmp_path: Path) -> None:
    path = tmp_path / "note.md"
    path.write_text("---\ntitle: Note\nauthor: Ana\n---\n\nText\n")
    doc = read(path)
    assert doc.authors == ("Ana",) and doc.language == "en" and doc.date is None


def test_markdown_that_names_no_title_has_the_level_1_heading_it_starts_with(
    tmp_path: Path,
) -> None:
    """As Obsidian, Notion, Typora and GitHub write Markdown: no front matter, `# Title`."""
    path = tmp_path / "Rent strike statement 3f2a9c1e07b84d2c9a1b2c3d4e5f6a7b.md"
    path.write_text("# Rent strike *now*\n\nWe withhold rent.\n\n## Our demands\n\n- Repairs\n")
    doc = read(path)
    assert doc.title == "Rent strike now"
    assert ">Rent strike" not in doc.body_html and "<h2" in doc.body_html


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("---\ntitle: Given\n---\n\n# Heading\n\nText.\n", "Given"),  # the front matter's wins
        ("# Demands\n\nText.\n\n# Next steps\n\nMore.\n", "Sections"),  # sections, not a title
        ("Text first.\n\n# Heading\n\nMore.\n", "Sections"),  # not where the text starts
    ],
    ids=["front matter title", "several level-1 headings", "heading after text"],
)
def test_a_level_1_heading_is_no_title_when_the_document_names_one_or_has_sections(
    tmp_path: Path, text: str, title: str
) -> None:
    path = tmp_path / "sections.md"
    path.write_text(text)
    doc = read(path)
    assert doc.title == title
    assert doc.body_html.count("<h1") == text.count("\n# ") + text.startswith("# ")


def test_a_task_lists_items_keep_whether_they_are_done(tmp_path: Path) -> None:
    """As GitHub, HackMD and Obsidian write meeting notes: pandoc drew checkboxes, which the
    sanitiser takes out of every output, and "print" and "book" read alike."""
    path = tmp_path / "notes.md"
    path.write_text(
        "---\ntitle: Notes\n---\n\n[TOC]\n\n- [ ] print leaflets\n- [x] book the hall\n\n"
        "```\n[TOC]\n- [ ] in code\n```\n"
    )
    body = read(path).body_html
    assert "<li>☐ print leaflets</li>" in body and "<li>☒ book the hall</li>" in body
    assert "<p>[TOC]</p>" not in body  # the outputs make their own contents
    assert "[TOC]\n- [ ] in code" in body  # code stays as written


def test_html_page_title_and_meta(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(
        '<!DOCTYPE html><html><head><title>Page title</title><meta name="author" content="Ana">'
        '<meta name="date" content="2026-03-04"></head><body><p>Hello <em>there</em>.</p></body></html>'
    )
    doc = read(path)
    assert (doc.title, doc.authors, doc.date) == ("Page title", ("Ana",), dt.date(2026, 3, 4))
    assert "<em>there</em>" in doc.body_html


HEADLINE = "Tenants win repairs"


@pytest.mark.parametrize(
    ("tab_title", "title"),
    [
        (f"{HEADLINE} | Riverside Tenants Union", HEADLINE),  # Drupal, Wix
        (f"{HEADLINE} – Riverside Tenants Union", HEADLINE),  # WordPress
        (f"Riverside News: {HEADLINE}", HEADLINE),  # Blogger
        (f"{HEADLINE}: what we won", f"{HEADLINE}: what we won"),  # a colon opens a subtitle
    ],
)
def test_a_saved_pages_title_is_its_headline_without_the_sites_name(
    tmp_path: Path, tab_title: str, title: str
) -> None:
    """The browser tab's title names the site; the headline over the article is the page's
    own, and is printed once, as the title."""
    path = tmp_path / "page.html"
    path.write_text(
        f"<!DOCTYPE html><html><head><title>{tab_title}</title></head><body>"
        "<h1>Tenants win <em>repairs</em></h1><p>After six weeks, the landlord agreed.</p>"
        "</body></html>"
    )
    doc = read(path)
    assert doc.title == title and "landlord agreed" in doc.body_html
    assert ("<h1" in doc.body_html) == (title != HEADLINE)  # the headline again: not twice


@pytest.mark.parametrize("suffix", ["docx", "odt"])
def test_office_files_keep_their_properties(tmp_path: Path, suffix: str) -> None:
    source = "---\ntitle: Office file\nauthor: Ana Ruiz\ndate: 2026-01-20\nlang: fr\n---\n\nBonjour **tout** le monde.\n"
    path = tmp_path / f"office.{suffix}"
    pypandoc.convert_text(source, suffix, format="markdown", outputfile=str(path))
    doc = read(path)
    assert (doc.title, doc.authors, doc.date) == (
        "Office file",
        ("Ana Ruiz",),
        dt.date(2026, 1, 20),
    )
    assert "<strong>tout</strong>" in doc.body_html
    assert "Office file" not in doc.body_html  # the title is not repeated as a paragraph
    if suffix == "odt":
        assert doc.language == "fr"


WORD_MEMO = (
    "**MEMORANDUM**\n\n**TO:** All members\n\n**FROM:** Branch secretary\n\n"
    "**DATE:** 3 March 2026\n\n**RE:** Strike ballot opens Monday\n\n"
    "The ballot opens on Monday. Every member should vote.\n"
)


@pytest.mark.parametrize("suffix", ["docx", "odt"])
def test_a_memo_typed_in_a_word_processor_is_titled_by_its_subject_and_dated_by_its_date(
    tmp_path: Path, suffix: str
) -> None:
    """Word's memo templates, a paragraph a label: the file name was its title ("Memo"),
    or its bold "MEMORANDUM" (`bold_title`), and its date went unread."""
    path = tmp_path / f"memo.{suffix}"
    pypandoc.convert_text(WORD_MEMO, suffix, format="markdown", outputfile=str(path))
    doc = read(path)
    assert (doc.title, doc.date) == ("Strike ballot opens Monday", dt.date(2026, 3, 3))
    body = lxml.html.fromstring(f"<div>{doc.body_html}</div>")
    assert [" ".join(p.text_content().split()) for p in body.iter("p")] == [
        "MEMORANDUM",
        "TO: All members",
        "FROM: Branch secretary",
        "The ballot opens on Monday. Every member should vote.",
    ]


def test_a_word_files_own_title_is_kept_over_a_memos_subject(tmp_path: Path) -> None:
    path = tmp_path / "memo.docx"
    typed = f"---\ntitle: Ballot circular\n---\n\n{WORD_MEMO}"
    pypandoc.convert_text(typed, "docx", format="markdown", outputfile=str(path))
    doc = read(path)
    assert doc.title == "Ballot circular"
    assert "Strike ballot opens Monday" in doc.body_html


@pytest.mark.parametrize(
    ("typed", "day"),
    [
        ("3 March 2026", dt.date(2026, 3, 3)),
        ("March 3, 2026", dt.date(2026, 3, 3)),
        ("3 de marzo de 2026", dt.date(2026, 3, 3)),
        ("le 3 mars 2026", dt.date(2026, 3, 3)),
    ],
)
def test_a_date_typed_in_words_in_the_date_style_is_the_documents_date(
    tmp_path: Path, typed: str, day: dt.date
) -> None:
    """Word's Date style holds the date as the editor typed it, in words more often than
    not: it is the document's date, as a date line under an imported text's title is."""
    path = tmp_path / "dated.docx"
    source = f"---\ntitle: Dated words\ndate: {typed}\n---\n\nBody.\n"
    pypandoc.convert_text(source, "docx", format="markdown", outputfile=str(path))
    assert read(path).date == day


def test_a_date_style_paragraph_that_is_no_day_is_told_to_the_editor(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A Date paragraph that says no day ("Spring 2026") is in no output, as pandoc takes
    it for the date: the editor is told, rather than its words vanishing."""
    path = tmp_path / "seasonal.docx"
    source = "---\ntitle: Seasonal\ndate: Spring 2026\n---\n\nBody.\n"
    pypandoc.convert_text(source, "docx", format="markdown", outputfile=str(path))
    assert read(path).date is None
    assert "'Spring 2026'" in caplog.text and "seasonal.docx" in caplog.text


@pytest.mark.parametrize(
    ("name", "content"),
    [
        (
            "demands.html",
            "<html><head><title>Demands</title></head><body><p>We ask for:</p>"
            "<p>• Pay rise&#14; now</p><p>• Safe staffing</p></body></html>",
        ),
        ("demands.txt", "Demands\n\nWe ask for:\n\n• Pay rise&#1 now\n\n• Safe staffing\n"),
        ("demands.txt", "Demands\n\nWe ask for:\n\n• Pay rise&#xFFFE; now\n\n• Safe staffing\n"),
    ],
    ids=["web page", "text file, the reference without its ';'", "a non-character"],
)
def test_a_typed_lists_item_with_a_control_character_is_read_without_it(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, name: str, content: str
) -> None:
    """A bullet paragraph holding a character reference to a control character (as a web
    editor's paste can leave): the list is made of the text without it."""
    path = tmp_path / name
    path.write_text(content)
    doc = read(path)
    assert re.findall(r"<li>(.*?)</li>", doc.body_html) == ["Pay rise now", "Safe staffing"]
    assert "removed invisible control characters (U+" in caplog.text


def test_a_link_to_unsubscribe_someone_is_named_at_its_line(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Pasted with a received newsletter's footer, a link carrying who it unsubscribes: any
    reader who follows it unsubscribes them. A link to a page about unsubscribing is not."""
    personal = "https://riverside.us1.list-manage.com/unsubscribe?u=9f8e&id=a1b2c3&e=77aa"
    path = tmp_path / "statement.md"
    path.write_text(
        "---\ntitle: Their statement\n---\n\nWe reprint the Riverside tenants' statement.\n\n"
        f"You can update your preferences or [unsubscribe from this list]({personal}).\n\n"
        "How to stop a letting agent's emails: https://example.org/unsubscribe\n"
    )
    read(path)
    said = said_of(caplog, "unsubscribe someone")
    assert said == [
        f"{path}:7: a link to unsubscribe someone from a mailing list ({personal}): it carries"
        " who they are, and any reader who follows it would unsubscribe them; take it out"
    ]


def test_a_heading_that_skips_a_level_is_named_at_its_line_with_the_level_to_give_it(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A screen reader user moves through an article by its headings and hears each one's
    level: "Pay by grade" at level 4 under "Results" at level 2 reads as part of a level
    that is not there. The build said nothing; `publisher check` failed only the web page,
    at its line in dist/. Headings that go back up any number of levels are fine."""
    path = tmp_path / "report.md"
    path.write_text(
        "---\ntitle: Branch report\n---\n\nOur survey of 412 members.\n\n"
        "## Results\n\nPay falls behind rents.\n\n#### Pay by grade\n\nCleaners earn least.\n\n"
        "##### By shift\n\nNights pay more.\n\n## Method\n\nOnline and on paper.\n\n"
        "### Who answered\n\n412 members.\n"
    )
    read(path)
    said = said_of(caplog, "level")
    assert said == [
        f'{path}:11: the heading "Pay by grade" is at level 4 under one at level 2: screen'
        " reader users, who move through an article by its headings, hear a level skipped;"
        " make it level 3 (### in Markdown)"
    ]


def test_the_lines_of_thousands_of_headings_are_found_in_time_linear_in_their_number() -> None:
    """In a child bounded at 10 s (this takes well under a second): each heading's line
    was found by counting the text's lines from its start, as the square of their number
    (5,000 headings took 0.7 s, 20,000 over 10 s)."""
    finishes_within(
        10,
        "from publisher.textfiles import line_of",
        "text = ''.join(f'## Part {n}\\n\\nText.\\n\\n' for n in range(50_000))",
        "lines = [1]",
        "for n in range(50_000): lines.append(line_of(text, f'## Part {n}\\n', start=lines[-1]))",
        "assert lines[1:] == list(range(1, 200_000, 4)), lines[:5]",
    )


def test_a_table_without_a_header_row_is_named_at_its_line(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A grid table with no header row (and an HTML table without <th>, as Word's often
    come): the build said nothing, and `publisher check` then failed the PDF "UA-15-003
    on page 3: Table has 4 data cell(s) and no header cell", naming no document or line.
    A table with its headings is fine."""
    path = tmp_path / "rota.md"
    path.write_text(
        "---\ntitle: Picket rota\n---\n\nWho stands at the gate.\n\n"
        "+--------+-------+\n| Monday | Ana   |\n+--------+-------+\n| Friday | Bea   |\n"
        "+--------+-------+\n\n"
        "| Day | Who |\n|-----|-----|\n| Sunday | Carl |\n\n"
        "<table>\n<tr><td>Tuesday</td><td>Dan</td></tr>\n</table>\n"
    )
    read(path)
    said = said_of(caplog, "header")
    assert said == [
        f'{path}:{line}: the table that starts "{words}" has no header row: screen reader'
        " users hear each value without its column's heading, and PDF/UA checks refuse it;"
        " give it a row of headings"
        for line, words in ((8, "Monday Ana"), (18, "Tuesday Dan"))
    ]


def test_a_word_files_heading_that_skips_a_level_is_named_by_its_words_and_style(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "report.docx"
    markdown = "Our survey.\n\n# Results\n\nPay falls.\n\n### Pay by grade\n\nCleaners.\n"
    pypandoc.convert_text(markdown, "docx", format="markdown", outputfile=str(path))
    read(path)
    said = said_of(caplog, "level")
    assert said == [
        f'{path}: the heading "Pay by grade" is at level 3 under one at level 1: screen'
        " reader users, who move through an article by its headings, hear a level skipped;"
        " make it level 2 (the Heading 2 style)"
    ]


def test_a_link_whose_words_say_nothing_of_where_it_leads_is_named_at_its_line(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A screen reader lists a page's links by their words: "click here", "here", "here"
    say nothing of where each leads (WCAG 2.4.4), in English, Spanish, French or Arabic
    alike. The build said nothing. Links whose words say where they lead are not named."""
    path = tmp_path / "report.md"
    path.write_text(
        "---\ntitle: Branch report\n---\n\n"
        "For the full method, [click here](https://example.org/method).\n\n"
        "Read more [here](https://example.org/a) and [here](https://example.org/b).\n\n"
        "Las cifras, [aquí](https://example.org/es). Le texte est [ici](https://example.org/fr).\n\n"
        "للمزيد [اضغط هنا](https://example.org/ar).\n\n"
        "See [the council's own figures](https://example.org/council) and"
        " <https://example.org/join>.[^1]\n\n[^1]: Survey run online.\n"
    )
    read(path)
    said = said_of(caplog, "says nothing")
    advice = (
        "says nothing of where it leads to screen reader users, who hear a page's links"
        ' listed by their words: link the words that say it (not "click here": "the'
        " survey's method\")"
    )
    assert said == [
        f'{path}:5: the link "click here" (https://example.org/method) {advice}',
        f'{path}:7: the link "here" (https://example.org/a) {advice}',
        f'{path}:7: the link "here" (https://example.org/b) {advice}',
        f'{path}:9: the link "aquí" (https://example.org/es) {advice}',
        f'{path}:9: the link "ici" (https://example.org/fr) {advice}',
        f'{path}:11: the link "اضغط هنا" (https://example.org/ar) {advice}',
    ]


def test_plain_text_first_line_is_title_and_stray_tags_are_formatting(tmp_path: Path) -> None:
    path = tmp_path / "copied.txt"
    path.write_text(
        "A title copied off a blog\n\nFirst\u00a0paragraph with <strong>bold</strong> words.\n\n"
        "\u00a0\n\nSecond <script>alert(1)</script>paragraph.\n"
    )
    doc = read(path)
    assert doc.title == "A title copied off a blog"
    assert doc.body_html == (
        "<p>First paragraph with <strong>bold</strong> words.</p>\n<p>Second paragraph.</p>"
    )


def test_a_plain_texts_lines_broken_by_hand_stay_lines_and_its_wrapped_lines_are_joined(
    tmp_path: Path,
) -> None:
    """An address, a signature's name and role: short lines that were one line each were
    run together ("Sindicato de Inquilinas Calle Mayor 12 28013 Madrid"), as the lines of
    prose wrapped at 72 columns are."""
    prose = (
        "Write to us, or come to the office on any weekday between ten and four, where"
        " someone from the committee will always be glad to talk about the strike, the fund"
        " and the next meeting of the branch, which is open to every member."
    )
    address = ["Sindicato de Inquilinas", "Calle Mayor 12", "28013 Madrid"]
    path = tmp_path / "contact.txt"
    path.write_text("Contact\n\n" + textwrap.fill(prose, 72) + "\n\n" + "\n".join(address) + "\n")

    body = lxml.html.fromstring(f"<div>{read(path).body_html}</div>")

    wrapped, written = body.xpath("./p")
    assert " ".join(wrapped.text_content().split()) == prose and not wrapped.xpath(".//br")
    assert [line.strip() for line in written.xpath("./text()")] == address


@pytest.mark.parametrize("bullet", ["-", "*"])
def test_a_plain_texts_items_typed_with_dashes_or_stars_are_a_list_and_a_signing_dash_is_not(
    tmp_path: Path, bullet: str
) -> None:
    """ "- Bring water" as plain text writes bullets was a paragraph per item, its dash
    printed; one such line alone ("- Ana Ruiz" under a statement) signs it."""
    items = [
        "Bring water.",
        "Bring sun cream and a hat, as the route is long and it will be hot at noon when"
        " the march reaches the square.",
    ]
    typed = "\n".join(
        textwrap.fill(f"{bullet} {item}", 72, subsequent_indent="  ") for item in items
    )
    path = tmp_path / "march.txt"
    signed = f"{bullet} Ana Ruiz, branch secretary"
    path.write_text(f"March\n\nWhat to bring:\n\n{typed}\n\nSee you there.\n\n{signed}\n")

    body = lxml.html.fromstring(f"<div>{read(path).body_html}</div>")

    assert [" ".join(li.text_content().split()) for li in body.xpath("./ul/li")] == items
    set_dash = signed.replace("- ", "— ", 1)  # a hyphen typed for the dash (test_dashes.py)
    assert body.xpath("./p/text()")[-1] == set_dash


@pytest.mark.parametrize(
    ("line", "marked"),
    [(3, "Read [the report](report.pdf)."), (5, "See ![A picket](picket.jpg).")],
)
def test_a_plain_text_marked_as_markdown_is_warned_of_at_its_line_with_the_name_to_give_it(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, line: int, marked: str
) -> None:
    """Its pictures' marks and links to files are printed, as a .txt is read as plain text:
    the editor is told to name it .md. A hashtag ("#RentStrike") and "5**2" are no marks; its headings and bold
    are read (test_a_plain_texts_headings_and_bold_marked_as_chats_and_markdown_mark_them)."""
    lines = ["Rent strike", "", "#RentStrike and 5**2 = 25", "", "Text."]
    lines.insert(line - 1, marked)
    path = tmp_path / "notes.txt"
    path.write_text("\n".join(lines) + "\n")
    with caplog.at_level(logging.WARNING, logger="publisher"):
        read(path)
    said = said_of(caplog, "Markdown")
    assert said == [
        f"{path}:{line}: marked as Markdown ({marked!r}): read as plain text, its"
        " marks are printed; name it notes.md to have it read as Markdown"
    ]


def test_a_plain_text_copied_out_of_a_pdf_leaves_its_page_numbers_and_running_heads_out(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """As `publisher import` leaves them out: each page's "Página 1 de 3" and running head
    were paragraphs between the text's."""
    page = "Boletín del Sindicato de Limpieza      {}"
    path = tmp_path / "informe.txt"
    path.write_text(
        "Informe anual\n\nLa asamblea aprobó ayer la huelga indefinida.\n\n"
        f"{page.format(1)}\nPágina 1 de 3\n\nReclamamos la subida salarial pactada.\n\n"
        f"{page.format(2)}\nPágina 2 de 3\n\nY el fin de la temporalidad.\n\n"
        f"{page.format(3)}\nPágina 3 de 3\n"
    )
    with caplog.at_level(logging.INFO, logger="publisher"):
        doc = read(path)
    body = lxml.html.fromstring(f"<div>{doc.body_html}</div>")
    assert [p.text_content() for p in body.iter("p")] == [
        "La asamblea aprobó ayer la huelga indefinida.",
        "Reclamamos la subida salarial pactada.",
        "Y el fin de la temporalidad.",
    ]
    assert said_of(caplog, "running heads") == [
        f"{path}: 6 line(s) of page numbers and running heads left out, as copied out of a PDF"
    ]


@pytest.mark.parametrize(
    ("counts", "under"),
    [
        (("12", "3"), True),  # likes over comments
        (("3", "3"), True),  # both 3
        (("1", "12K", "5"), True),  # and restacks
        (("12", "3"), False),  # over the post alone: they come back nowhere
        (("140", "27"), False),
    ],
)
def test_a_posts_counts_over_it_are_said_to_be_its_platforms_not_a_pdfs(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, counts: tuple[str, ...], under: bool
) -> None:
    """A Substack post pasted whole has its counts of likes and comments and "Share" over
    it, and under it too: they were left out, but said to be a PDF's page numbers and
    running heads, which a PDF numbers upwards, never one straight under a greater one."""
    bar = "\n\n".join([*counts, "Share"])
    path = tmp_path / "ballot.txt"
    path.write_text(
        "Why we are balloting\n\nMembers vote on action this month\n\nAna Ruiz\nMar 3, 2026"
        f"\n\n{bar}\n\nThe ballot opens on Monday.\n\nVote yes before the deadline.\n"
        + (f"\n{bar}\n" if under else "")
    )
    with caplog.at_level(logging.INFO, logger="publisher"):
        doc = read(path)
    assert texts(doc, "//p") == ["The ballot opens on Monday.", "Vote yes before the deadline."]
    assert said_of(caplog, "running heads") == []
    assert said_of(caplog, "a platform's buttons") == [
        f"{path}: {(len(counts) + 1) * (2 if under else 1)} line(s) of a platform's buttons,"
        " reading time, related posts or comment form left out"
    ]


@pytest.mark.parametrize(
    "report",
    [
        "Annual report\n\n2025\n\nThe assembly approved the strike.\n\n1\n\n"
        "We ask for the agreed pay rise.\n\n2\n\nAnd an end to temporary contracts.\n\n3\n",
        # numbered at the head of each page, the first under the cover's year
        "Annual report\n\n2025\n\n1\n\nThe assembly approved the strike.\n\n2\n\n"
        "We ask for the agreed pay rise.\n\n3\n\nAnd an end to temporary contracts.\n",
    ],
    ids=["numbered at the foot", "at the head"],
)
def test_a_pdfs_page_numbers_are_left_out_with_a_number_of_its_text_alone_on_a_line(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, report: str
) -> None:
    """Page numbers count up, once a page: a year alone on a line among them leaves them
    page numbers still, straight over the first one too."""
    path = tmp_path / "report.txt"
    path.write_text(report)
    with caplog.at_level(logging.INFO, logger="publisher"):
        doc = read(path)
    paragraphs = texts(doc, "//p")
    assert not {"1", "2", "3"} & set(paragraphs), paragraphs
    assert said_of(caplog, "running heads")


def test_thousands_of_page_numbers_are_told_in_time_linear_in_their_number() -> None:
    """In a child bounded at 8 s (this takes about a second): whether numbers alone
    on their lines were a PDF's page numbers was told by finding each number's lines among
    all of them, as the square of their number (9,999 pages numbered at head and foot took
    over 10 s). Each number twice in a row, as a header's and a footer's, counting up: all
    page numbers."""
    finishes_within(
        8,
        "from publisher.importers.pdftext import from_pdf",
        "text = '\\n\\n'.join(f'{n}\\n\\nText.\\n\\n{n}' for n in range(1, 10_000))",
        "left, removed, _, _ = from_pdf(text)",
        "assert removed == 2 * 9_999, removed",
    )


# Copied out of a PDF's narrow justified columns: words hyphenated at line ends
PDF_COLUMN_ES = (
    "La asamblea de trabajadoras de la limpieza\ndel hospital aprobó ayer por amplia mayoría\n"
    "la huelga indefinida a partir del próximo\nlunes, tras seis meses de negociación sin\n"
    "resultados con la dirección del centro sani-\ntario y la consejería de sanidad. Reclamamos\n"
    "la subida salarial pactada en el convenio, el\nfin de la temporalidad abusiva y la readmi-\n"
    "sión inmediata de las compañeras despedidas\npor organizarse en el sindicato."
)
PDF_COLUMN_EN = (
    "The assembly of cleaners at the hos-\npital voted yesterday by a large ma-\n"
    "jority for an indefinite strike from\nnext Monday, after six months of nego-\n"
    "tiations with the management. The self-\nemployed cleaners join the strike too.\n\n"
    "Self-employed workers are welcome at\nevery picket."
)


@pytest.mark.parametrize(
    ("column", "language", "paragraphs"),
    [
        (PDF_COLUMN_ES, "es", [" ".join(PDF_COLUMN_ES.replace("-\n", "").split())]),
        (
            PDF_COLUMN_EN,
            "en",
            [
                "The assembly of cleaners at the hospital voted yesterday by a large majority"
                " for an indefinite strike from next Monday, after six months of negotiations"
                " with the management. The self-employed cleaners join the strike too.",
                "Self-employed workers are welcome at every picket.",
            ],
        ),
    ],
)
def test_a_plain_text_copied_out_of_a_pdfs_columns_is_paragraphs_of_whole_words(
    tmp_path: Path, column: str, language: str, paragraphs: list[str]
) -> None:
    """Its lines were lines of one paragraph, broken where the PDF's column was, with
    the hyphens of words broken there ("sani-" / "tario"), as `publisher import` had it
    too. A compound the text writes with its hyphen elsewhere keeps it ("self-employed")."""
    path = tmp_path / "comunicado.txt"
    path.write_text(f"Comunicado\n\n{column}\n")
    doc = read_document(path, "comunicado", tmp_path, language)
    tree = lxml.html.fromstring(f"<div>{doc.body_html}</div>")
    assert [" ".join(p.text_content().split()) for p in tree.iter("p")] == paragraphs
    assert not tree.xpath("//br")


@pytest.mark.parametrize("hyphen", ["\u2010", "\u00ad"], ids=["U+2010", "soft hyphen"])
@pytest.mark.parametrize("suffix", [".txt", ".md"])
def test_words_a_pdf_broke_with_its_own_hyphen_or_a_soft_one_are_whole(
    tmp_path: Path, hyphen: str, suffix: str
) -> None:
    """Some PDFs' text is copied with the typesetter's hyphen (U+2010) or a soft hyphen
    (U+00AD) where a word broke: "sani‐" / "tario" stayed two lines."""
    path = tmp_path / f"comunicado{suffix}"
    path.write_text(f"Comunicado\n\n{PDF_COLUMN_ES.replace('-' + chr(10), hyphen + chr(10))}\n")
    doc = read_document(path, "comunicado", tmp_path, "es")
    assert " ".join(PDF_COLUMN_ES.replace("-\n", "").split()) in doc.body_html
    assert "<br>" not in doc.body_html


def test_markdown_pasted_from_a_pdfs_columns_has_its_words_whole(tmp_path: Path) -> None:
    """Markdown runs a paragraph's lines together: "centro sani- tario" was printed, in a
    document and in an editorial (the composer's too). Code stays as written."""
    from publisher.readers.markdown import editorial_markdown_html

    code = "```\nmargin-\ntop: 0\n```\n"
    path = tmp_path / "comunicado.md"
    path.write_text(f"---\ntitle: Comunicado\n---\n\n{PDF_COLUMN_ES}\n\n{code}")
    whole = " ".join(PDF_COLUMN_ES.replace("-\n", "").split())
    for body in (
        read_document(path, "comunicado", tmp_path, "es").body_html,
        editorial_markdown_html(f"{PDF_COLUMN_ES}\n\n{code}", "editorial-"),
    ):
        tree = lxml.html.fromstring(f"<div>{body}</div>")
        assert [" ".join(p.text_content().split()) for p in tree.iter("p")] == [whole]
        assert tree.findtext(".//code") == "margin-\ntop: 0"


@pytest.mark.parametrize("suffix", [".docx", ".html"])
def test_a_pdfs_column_pasted_into_word_a_paragraph_to_a_line_is_its_paragraphs(
    tmp_path: Path, suffix: str
) -> None:
    """Word, LibreOffice and Google Docs paste a PDF's text a paragraph to a line: every
    output printed the column's lines, with the hyphens of the words broken there. Short
    paragraphs of a list after it, with no word broken, stay paragraphs."""
    lines = PDF_COLUMN_EN.split("\n")
    markdown = "\n\n".join([*lines, "Pan", "Techo", "Trabajo"])
    path = tmp_path / f"statement{suffix}"
    pypandoc.convert_text(
        markdown, suffix[1:], format="markdown", outputfile=str(path), extra_args=["-s"]
    )
    doc = read_document(path, "statement", tmp_path, "en")
    tree = lxml.html.fromstring(f"<div>{doc.body_html}</div>")
    assert [" ".join(p.text_content().split()) for p in tree.iter("p")] == [
        "The assembly of cleaners at the hospital voted yesterday by a large majority for an"
        " indefinite strike from next Monday, after six months of negotiations with the"
        " management. The self-employed cleaners join the strike too.",
        "Self-employed workers are welcome at every picket.",
        "Pan",
        "Techo",
        "Trabajo",
    ]


def test_short_paragraphs_with_no_word_broken_as_a_pdf_breaks_them_stay_paragraphs(
    tmp_path: Path,
) -> None:
    """A poem's lines, an address, a list: one compound broken at a line's end ("long-")
    is no PDF's hyphenation."""
    from publisher.readers.pdf_lines import pdf_lines_joined

    body = "".join(
        f"<p>{line}</p>\n"
        for line in ["We plan for the long-", "term and ask", "for a rent freeze", "now."]
    )
    assert pdf_lines_joined(body) == body


def test_words_broken_beside_runs_of_hundreds_of_thousands_of_letters_are_joined_in_time(
    tmp_path: Path,
) -> None:
    """A picture pasted as its base64 text beside a PDF's broken words: looking for the
    text's compounds, and for a broken word's first part, from each letter of a run took
    18 s at 20,000 letters and four times as long at twice as many. Bounded at 20 s (it
    takes well under one at 400,000)."""
    run = "a" * 400_000
    path = tmp_path / "pasted.txt"
    path.write_text(f"Title\n\n{run} b cc-\ndd e\n{run} f gg-\nhh i\n{run} xx-\nyy.\n")
    finishes_within(
        20,
        "from pathlib import Path",
        "from publisher.readers import read_document",
        f"path = Path({str(path)!r})",
        "doc = read_document(path, 'pasted', path.parent, 'en')",
        "assert 'ccdd' in doc.body_html and 'xxyy' in doc.body_html, doc.body_html[-200:]",
    )


def test_a_plain_text_wrapped_at_its_compounds_hyphens_as_mail_wraps_keeps_them(
    tmp_path: Path,
) -> None:
    """Mail programs wrap at hyphens and never hyphenate: two compounds broken so in a
    note of twenty lines are compounds, not a PDF's hyphenation."""
    lines = [
        "The branch met on Tuesday and",
        "agreed that we plan for the long-",
        "term and ask for a rent freeze.",
        *(["Every member had a say."] * 15),
        "We also voted for a full-",
        "scale campaign before the winter.",
    ]
    path = tmp_path / "note.txt"
    path.write_text("Note\n\n" + "\n".join(lines) + "\n")
    doc = read(path)
    assert "plan for the long-term" in doc.body_html and "for a full-scale" in doc.body_html


def test_a_plain_texts_front_matter_gives_its_fields_as_markdowns_does(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """`---`, `lang: es`, `---` at the top of a .txt, as the build advises saying a
    document's language or keeping its old address: its lines were its title
    ("--- title: … ---"), the language and the address unsaid. Lines after it count from
    the file's first."""
    path = tmp_path / "convocatoria.txt"
    path.write_text(
        "---\ntitle: Huelga general\nlang: es\ndate: 2026-12-14\naliases: [/huelga/]\n---\n"
        "\nNos vemos en la plaza.\n\n![Recorrido](mapa.png)\n"
    )
    with caplog.at_level(logging.WARNING, logger="publisher"):
        doc = read(path)
    assert (doc.title, doc.language, doc.date) == ("Huelga general", "es", dt.date(2026, 12, 14))
    assert doc.aliases == ("/huelga/",)
    assert "---" not in doc.body_html and "Nos vemos en la plaza." in doc.body_html
    assert said_of(caplog, "marked as Markdown")[0].startswith(f"{path}:10: ")


@pytest.mark.parametrize(
    "front", ["---\ntitle: Strike ballot\n---\n", "Title: Strike ballot\nLang: en\n"]
)
@pytest.mark.parametrize("typed", ["Strike ballot", "STRIKE BALLOT", "*Strike ballot*"])
def test_a_plain_texts_title_typed_again_under_its_front_matter_is_printed_once(
    tmp_path: Path, front: str, typed: str
) -> None:
    """As a Markdown heading that repeats the title is: it was printed twice."""
    path = tmp_path / "ballot.txt"
    path.write_text(f"{front}\n{typed}\n\nThe ballot opens on Monday.\n\nStrike ballot\n")
    doc = read(path)
    assert doc.title == "Strike ballot"
    body = lxml.html.fromstring(f"<div>{doc.body_html}</div>")
    assert [p.text_content() for p in body] == ["The ballot opens on Monday.", "Strike ballot"]


def test_a_plain_texts_broken_front_matter_is_named_at_its_line(tmp_path: Path) -> None:
    path = tmp_path / "convocatoria.txt"
    path.write_text('---\ntitle: "Huelga general\nlang: es\n---\n\nNos vemos.\n')
    with pytest.raises(PublisherError) as raised:
        read(path)
    assert str(raised.value).startswith(f"{path}:2: not valid YAML")


@pytest.mark.parametrize(
    ("opening", "title"),
    [
        (
            "---\nNota: la asamblea se aplaza al jueves\n---\n",
            "Nota: la asamblea se aplaza al jueves",
        ),
        (
            "---\nNota: la asamblea: jueves a las 18:00\n---\n",
            "Nota: la asamblea: jueves a las 18:00",
        ),
        ("---\nSolo texto\n---\n", "Solo texto"),  # no YAML at all
        ("---\n- Piquetes a las seis\n- Manifestación a las doce\n---\n", "Aviso"),
    ],
)
def test_prose_between_two_rules_opening_a_plain_text_stays_text(
    tmp_path: Path, opening: str, title: str
) -> None:
    """The rules over and under it part it from nothing: they were read as the title's
    words, printed as dashes ("— Solo texto —")."""
    path = tmp_path / "aviso.txt"
    path.write_text(f"{opening}\nNos vemos en la plaza a las doce.\n")
    doc = read(path)
    assert doc.title == title
    assert "Nos vemos en la plaza" in doc.body_html and "—" not in doc.body_html
    body = lxml.html.fromstring(f"<div>{doc.body_html}</div>")
    assert body[0].tag != "hr"


@pytest.mark.parametrize(("mark", "tag"), [("- ", "ul"), ("• ", "ul"), ("{}. ", "ol")])
def test_a_plain_text_opening_with_a_list_is_titled_by_its_file_name_not_its_first_item(
    tmp_path: Path, mark: str, tag: str
) -> None:
    """Its first item was the title, "— Piquetes a las seis", and the second a paragraph."""
    path = tmp_path / "aviso.txt"
    items = ("Piquetes a las seis", "Manifestación a las doce")
    typed = (f"{mark.format(number)}{item}\n" for number, item in enumerate(items, 1))
    path.write_text("".join(typed) + "\nNos vemos en la plaza.\n")
    doc = read(path)
    assert doc.title == "Aviso"
    body = lxml.html.fromstring(f"<div>{doc.body_html}</div>")
    assert body[0].tag == tag and [li.text_content() for li in body[0]] == list(items)


def test_a_plain_texts_headings_and_bold_marked_as_chats_and_markdown_mark_them(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """WhatsApp's and Telegram's *bold*, _italic_ and ~struck~, Markdown's **bold**, ##
    headings and [links](https://…), as text drafted in a chat, a Markdown editor or a
    chatbot keeps them, are read as `publisher import` reads them: they were printed. A
    mark inside a word (file_name, 5*3*2) or an address (…/_bases_/…) is none."""
    path = tmp_path / "huelga.txt"
    path.write_text(
        "*HUELGA EL LUNES*\n\nPiquete a las *6:00* en la _puerta principal_, con ~pancartas~"
        " banderas. Ver file_name y 5*3*2.\n\n## Qué pedimos\n\nUn **aumento** del 5%."
        " [Firma aquí](https://act.example.org/_firma_/p?a=1&b=2) o en"
        " https://act.example.org/_bases_/p.\n"
    )
    with caplog.at_level(logging.WARNING, logger="publisher"):
        doc = read(path)
    assert doc.title == "HUELGA EL LUNES"
    body = lxml.html.fromstring(f"<div>{doc.body_html}</div>")
    assert [(e.tag, e.text_content()) for e in body.iter("strong", "em", "s", "h2")] == [
        ("strong", "6:00"),
        ("em", "puerta principal"),
        ("s", "pancartas"),
        ("h2", "Qué pedimos"),
        ("strong", "aumento"),
    ]
    assert "file_name y 5*3*2." in body.text_content() and "*" not in doc.title
    assert [(a.text_content(), a.get("href")) for a in body.iter("a")] == [
        ("Firma aquí", "https://act.example.org/_firma_/p?a=1&b=2"),
        ("https://act.example.org/_bases_/p", "https://act.example.org/_bases_/p"),
    ]
    assert said_of(caplog, "Markdown") == []


def test_a_chats_marks_round_an_address_mark_it_and_the_link_ends_before_them(
    tmp_path: Path,
) -> None:
    """A chat's "*Sign: https://…*" printed its stars, and "_More at https://…/info_" its
    underscore, with a link to "…/info_", which is no page. An address ending in a mark
    no word opened keeps it (…/a_b_)."""
    path = tmp_path / "aviso.txt"
    path.write_text(
        "Aviso\n\n*Firma la petición: https://act.example.org/p*\n\n"
        "_Más info en https://example.org/info_\n\n"
        "*Firma [aquí](https://act.example.org/_firma_/p) hoy* o https://x.org/a_b_\n"
    )
    body = lxml.html.fromstring(f"<div>{read(path).body_html}</div>")
    assert [(e.tag, e.text_content()) for e in body.iter("strong", "em")] == [
        ("strong", "Firma la petición: https://act.example.org/p"),
        ("em", "Más info en https://example.org/info"),
        ("strong", "Firma aquí hoy"),
    ]
    assert [a.get("href") for a in body.iter("a")] == [
        "https://act.example.org/p",
        "https://example.org/info",
        "https://act.example.org/_firma_/p",
        "https://x.org/a_b_",
    ]
    assert "*" not in body.text_content() and "_M" not in body.text_content()


def test_a_line_of_marks_nothing_closes_is_read_in_time_linear_in_its_length() -> None:
    """In a child bounded at 10 s (this takes well under a second): from each opening mark
    nothing closed, the closing was looked for to the line's end: 8 s for 60 kB of "_a "."""
    finishes_within(
        10,
        "from publisher.importers.textmarks import inline",
        "out = inline('*now* ' + '_a *b ~c __d **e ' * 40_000)",
        "assert out.startswith('<strong>now</strong> _a *b') and out.count('<') == 2, out[:60]",
    )


def test_a_plain_texts_markdown_mark_is_named_at_its_line_after_words_a_pdf_broke(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Joining the words a PDF broke ("hos-" / "pital") takes lines away: the line named
    is the one the editor sees."""
    path = tmp_path / "notes.txt"
    path.write_text(
        "Notes\n\nThe cleaners at the hospital voted to strike, and the porters at the hos-\n"
        "pital.\n\n[Our demands](demands.md)\n"
    )
    with caplog.at_level(logging.WARNING, logger="publisher"):
        read(path)
    assert said_of(caplog, "marked as Markdown")[0].startswith(f"{path}:6: ")


def test_a_markdown_link_typed_with_a_space_before_its_address_is_warned_of_with_the_fix(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """ "[the petition] (https://…)" is no link to Markdown: its brackets and address were
    printed without a word said. In code, and before words in brackets, it is no link."""
    path = tmp_path / "call.md"
    path.write_text(
        "---\ntitle: Call\n---\nSign [the petition] (https://act.example.org/p) today.\n\n"
        "`[code] (https://x.example.org)`\n\nSee [1] (page 4).\n"
    )
    with caplog.at_level(logging.WARNING, logger="publisher"):
        read(path)
    said = said_of(caplog, "space before its address")
    assert said == [
        f"{path}:4: a link typed with a space before its address,"
        " '[the petition] (https://act.example.org/p)': it is printed as typed; take the space"
        " out: [the petition](https://act.example.org/p)"
    ]


@pytest.mark.parametrize(
    "above",
    ["Thank you all for coming to the meeting.", "First line of a paragraph\nand its second."],
    ids=["under a sentence", "under a paragraph of two lines"],
)
def test_dashes_typed_under_a_paragraph_are_a_rule_and_under_a_short_line_a_heading(
    tmp_path: Path, above: str
) -> None:
    """ "---" straight under text, as plain text separates two parts: Markdown made the
    sentence a heading, and pandoc printed "—" inside the paragraph of two lines. Under
    a short line with no stop, it underlines a heading as Markdown has it."""
    path = tmp_path / "report.md"
    path.write_text(
        f"---\ntitle: Report\n---\n{above}\n---\nNext part.\n\nOur demands\n---\nPay.\n"
    )
    body = lxml.html.fromstring(f"<div>{read(path).body_html}</div>")
    assert [child.tag for child in body] == ["p", "hr", "p", "h2", "p"]
    assert " ".join(body[0].text_content().split()) == " ".join(above.split())
    assert body[3].text_content() == "Our demands"


@pytest.mark.parametrize(
    ("typed", "tags"),
    [
        ("***", ["p", "hr", "p"]),
        ("* * *", ["p", "hr", "p"]),
        ("___", ["p", "hr", "p"]),
        ("- - -", ["p", "hr", "p"]),
        ("## What we ask", ["p", "h2", "p"]),
        ("> We regret any inconvenience.", ["p", "blockquote", "p"]),
    ],
)
def test_a_rule_heading_or_quotation_typed_straight_under_text_is_one(
    tmp_path: Path, typed: str, tags: list[str]
) -> None:
    """As CommonMark (GitHub, Obsidian) reads them with no blank line above: pandoc's
    Markdown printed them inside the paragraph ("Thank you all. *** Next.", "… # Heading"),
    and "- - -" made the text around it a table of broken words."""
    path = tmp_path / "report.md"
    path.write_text(f"---\ntitle: Report\n---\nThank you all for coming\n{typed}\n\nNext part.\n")
    body = lxml.html.fromstring(f"<div>{read(path).body_html}</div>")
    assert [child.tag for child in body] == tags
    assert body[0].text_content() == "Thank you all for coming"


@pytest.mark.parametrize(
    "table",
    ["| Centre | Yes |\n|---|---:|\n| North | 412 |", "Centre | Yes\n--- | ---:\n| North | 412 |"],
    ids=["piped", "without outer pipes"],
)
def test_a_pipe_table_typed_straight_under_text_and_over_it_is_a_table(
    tmp_path: Path, table: str
) -> None:
    """Pasted under "Results:" with no blank line, and text straight under it: pandoc's
    Markdown read it all as one paragraph, its delimiter row printed as "|—|—:|"."""
    path = tmp_path / "ballot.md"
    path.write_text(f"---\ntitle: Ballot\n---\nResults:\n{table}\nA clear majority.\n")
    body = lxml.html.fromstring(f"<div>{read(path).body_html}</div>")
    assert [child.tag for child in body] == ["p", "table", "p"]
    assert [" ".join(c.text_content().split()) for c in body.xpath(".//td")] == ["North", "412"]


MULTILINE_TABLE = """\
-------------------------------------------
 Branch      Motion
------------ ------------------------------
 North       To strike from Monday, with
             pay from the fund.

 South       To join the march.
-------------------------------------------
"""


def test_a_tables_lines_of_dashes_stay_the_tables_not_rules(tmp_path: Path) -> None:
    """A simple or multiline table's dashes (`publisher import` writes such tables) sit
    straight under text ending in a stop: read as rules, the table fell apart."""
    simple = "  Branch   Votes\n  -------- -------\n  North        412\n  South         38\n"
    path = tmp_path / "ballot.md"
    path.write_text(f"---\ntitle: Ballot\n---\n{MULTILINE_TABLE}\n{simple}")
    body = lxml.html.fromstring(f"<div>{read(path).body_html}</div>")
    assert [child.tag for child in body] == ["table", "table"]
    assert " ".join(body.xpath("string((.//table)[1]//tbody/tr[1]/td[2])").split()) == (
        "To strike from Monday, with pay from the fund."
    )


PASTED_POST = (
    "Tenants say no to rent rise\nLandlord letter arrives on the first day of the month\n\n"
    "Dozens of tenants of Mill Court met in the community hall on Tuesday night and voted"
    " to refuse the increase the landlord announced by letter last week.\n\n"
    "The association will write back before Friday.\n"
)


@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["lf", "crlf"])
@pytest.mark.parametrize(
    ("text", "subtitle", "opening"),
    [
        (PASTED_POST, "Landlord letter arrives on the first day of the month", "Dozens of"),
        # a short text under it: as `publisher import` reads it, the second line opens it
        (
            "Tenants say no to rent rise\nLandlord letter arrives\n\nDozens of tenants met.\n",
            "",
            "Landlord letter arrives",
        ),
        # a sentence under it opens the text
        (
            "Tenants say no to rent rise\nThe landlord wrote to every flat on Monday.\n\n"
            "We met on Tuesday and voted to refuse the increase. Every household in the block"
            " signed the letter we sent back, and we will meet again next week to plan.\n",
            "",
            "The landlord wrote to every flat on Monday.",
        ),
        (
            "Short Notice\nThe meeting is moved to Tuesday at 7pm in the hall.\n\n"
            "Please tell your neighbours.\n",
            "",
            "The meeting is moved to Tuesday at 7pm in the hall.",
        ),
    ],
    ids=["over a paragraph", "over a short line", "over a sentence", "short notice"],
)
def test_plain_texts_second_line_is_its_subtitle_or_its_text_never_part_of_the_title(
    tmp_path: Path, newline: str, text: str, subtitle: str, opening: str
) -> None:
    """A blog post pasted into a .txt, its subtitle or its opening sentence on the line under
    its title: the title was both lines joined, "Tenants say no to rent rise Landlord letter
    arrives"; `publisher import` reads the file the same way."""
    from publisher.importers import import_files

    path = tmp_path / "pasted.txt"
    path.write_bytes(text.replace("\n", newline).encode())
    doc = read(path)
    assert (doc.title, doc.subtitle) == (text.split("\n")[0], subtitle)
    assert doc.body_html.startswith(f"<p>{opening}")
    (row,) = import_files([path], tmp_path / "documents").documents
    imported = read(row.path)
    assert (imported.title, imported.subtitle) == (doc.title, subtitle)
    assert imported.body_html.startswith(f"<p>{opening}")


@pytest.mark.parametrize(
    ("text", "title", "day"),
    [
        # a blog's date over the post's title, as its page prints them
        (
            "Sunday, February 22, 2026\n\nPeru: Down with the Regime!\n\nThe defeat of the"
            " party in July, by a middle-class electoral movement, opened a new period.\n",
            "Peru: Down with the Regime!",
            dt.date(2026, 2, 22),
        ),
        (
            "<strong>22/02/2026</strong>\n\nRent strike ballot\n\nWe voted yes.\n\nMore.\n",
            "Rent strike ballot",
            dt.date(2026, 2, 22),
        ),
        # the date under the title; a letter's place and date
        (
            "Rent strike ballot\n\n3 March 2026\n\nWe voted yes.\n",
            "Rent strike ballot",
            dt.date(2026, 3, 3),
        ),
        (
            "Carta a la dirección\n\nMadrid, 3 de marzo de 2026\n\nEstimada señora:\n",
            "Carta a la dirección",
            dt.date(2026, 3, 3),
        ),
        # no date line: a year, a heading that starts with a date
        ("2026\n\nThe year we won\n\nWe won.\n", "2026", None),
        ("1 May 2026: the day we won\n\nWe won.\n", "1 May 2026: the day we won", None),
    ],
)
def test_a_plain_texts_date_line_over_or_under_its_title_is_its_date(
    tmp_path: Path, text: str, title: str, day: dt.date | None
) -> None:
    """A post copied off a blog, dated over or under its title: the date line was the
    document's title ("Sunday, February 22, 2026") or its subtitle, and it was undated."""
    path = tmp_path / "post.txt"
    path.write_text(text)
    doc = read(path)
    assert (doc.title, doc.date) == (title, day)
    assert day is None or "2026" not in doc.subtitle + doc.body_html  # printed once, as a date


@pytest.mark.parametrize(
    ("headline", "asked"),
    [("May Day 2026: Eastharbour Stands Together", False), ("Friday 1 May 2026", True)],
)
def test_a_headline_with_a_year_and_no_day_is_no_date_and_costs_no_date_parsing(
    tmp_path: Path, headline: str, asked: bool
) -> None:
    """A year with no day beside it is no date, so dateparser is not asked: its first
    question in a process took a third of a second (its languages' and time zones' patterns
    compiled), half the time it took to read the example's leaflet, for no date. Read in a
    process of its own, as a build reads its documents; a date line still is asked."""
    path = tmp_path / "leaflet.txt"
    path.write_text(f"{headline}\n\nThis May Day we march.\n\nJoin us.\n")
    probe = (
        "import sys\nfrom pathlib import Path\nfrom publisher.readers import read_document\n"
        "doc = read_document(Path(sys.argv[1]), 'leaflet', Path(sys.argv[1]).parent, 'en')\n"
        "print(doc.date, 'dateparser' in sys.modules)\n"
    )
    ran = subprocess.run(
        [sys.executable, "-c", probe, str(path)], capture_output=True, text=True, check=True
    )
    assert ran.stdout.split() == (["2026-05-01", "True"] if asked else ["None", "False"])


@pytest.mark.parametrize(
    "line", ["3 hours ago · 2026", "Posted 3 days ago 2026", "Hace 2 días, 2026"]
)
def test_a_date_line_counted_from_today_gives_no_date(tmp_path: Path, line: str) -> None:
    """ "3 hours ago" is a day counted from the moment the page was copied, which the
    text does not say: it was read as counted from the build, so the same text was dated
    differently each day (SOURCE_DATE_EPOCH or not)."""
    path = tmp_path / "post.txt"
    path.write_text(f"Rent strike ballot\n\n{line}\n\nWe voted yes.\n")
    assert read(path).date is None


def test_plain_texts_underlined_headings_are_headings_and_its_rules_rules(tmp_path: Path) -> None:
    """A line underlined with "=" or "-" is a heading; a line of dashes alone a rule."""
    path = tmp_path / "bulletin.txt"
    path.write_text(
        "Riverside Bulletin\n==================\n\nDear members.\n\n"
        "Rent strike: what we won\n------------------------\nRepairs in all 40 flats.\n\n"
        "-----\n\nSolidarity.\n"
    )
    doc = read(path)
    assert doc.title == "Riverside Bulletin"
    assert doc.body_html == (
        '<p>Dear members.</p>\n<h2 id="bulletin-rent-strike-what-we-won">Rent strike: what we won'
        "</h2>\n<p>Repairs in all 40 flats.</p>\n<hr>\n<p>Solidarity.</p>"
    )


def test_a_plain_texts_lines_in_capitals_over_its_text_are_headings(tmp_path: Path) -> None:
    """ "QUÉ PEDIMOS" over a paragraph, as statements and leaflets set their headings and
    `publisher import` reads them; a slogan in capitals over the name that signs the text,
    and a line in capitals that ends a sentence, stay paragraphs."""
    path = tmp_path / "boletin.txt"
    path.write_text(
        "Boletín de la sección sindical\n\nLa sección convoca huelga los días 14 y 15.\n\n"
        "QUÉ PEDIMOS\n\nLa subida salarial firmada.\n\n"
        "CÓMO PARTICIPAR\n\n• Acude a la asamblea.\n• Trae a una compañera.\n\n"
        "NO NOS CALLARÁN.\n\nNos vemos el jueves.\n\n"
        "¡SOLIDARIDAD!\n\nLa Sección Sindical\n"
    )
    doc = read(path)
    tree = lxml.html.fromstring(f"<div>{doc.body_html}</div>")
    assert [h.text_content() for h in tree.iter("h2")] == ["QUÉ PEDIMOS", "CÓMO PARTICIPAR"]
    paragraphs = [p.text_content() for p in tree.iter("p")]
    assert {"NO NOS CALLARÁN.", "¡SOLIDARIDAD!", "La Sección Sindical"} <= set(paragraphs)


LONG_PARAGRAPH = (
    "Tenants in all four blocks met on Thursday and voted to keep withholding the rent until"
    " the landlord carries out the repairs the council ordered in March."
)


def test_posts_copied_into_one_plain_text_keep_their_titles_as_headings(tmp_path: Path) -> None:
    """Posts copied off a blog into one file, as the corpus's blog dump is: the first
    post's title is the document's; each later one's, under the rule or the blog's date
    header that parts it from the post before, is a heading (it was a paragraph like any
    other, in every output and its contents)."""
    path = tmp_path / "posts.txt"
    path.write_text(
        f"Sunday, February 22, 2026\n\nRent strike: week four\n\n{LONG_PARAGRAPH}\n\n"
        f"-----\n\nThe landlord answers!\n\nA letter of 3 March\n\n{LONG_PARAGRAPH}\n\n"
        f"Tuesday, February 10, 2026\n\nWhy we withhold the rent\n\n{LONG_PARAGRAPH}\n"
    )
    doc = read(path)
    tree = lxml.html.fromstring(f"<div>{doc.body_html}</div>")
    assert doc.title == "Rent strike: week four"
    assert [(h.get("id"), h.text_content()) for h in tree.iter("h2")] == [
        ("posts-the-landlord-answers", "The landlord answers!"),
        ("posts-why-we-withhold-the-rent", "Why we withhold the rent"),
    ]
    paragraphs = [p.text_content() for p in tree.iter("p")]
    assert {"A letter of 3 March", "Tuesday, February 10, 2026"} <= set(paragraphs)


@pytest.mark.parametrize(
    "after_the_rule",
    [
        "Ana Ruiz\n\nSecretary, Riverside Tenants",  # the signature, set apart by a rule
        "Thank you\n\nSee you on Thursday.",  # a short paragraph, not a post
        f"Next meeting\n\n-----\n\n{LONG_PARAGRAPH}",  # a rule again before its text
    ],
)
def test_a_short_line_under_a_rule_over_no_long_text_stays_a_paragraph(
    tmp_path: Path, after_the_rule: str
) -> None:
    path = tmp_path / "letter.txt"
    path.write_text(f"Rent strike\n\n{LONG_PARAGRAPH}\n\n-----\n\n{after_the_rule}\n")
    assert "<h2" not in read(path).body_html


def test_a_plain_texts_passage_quoted_as_mail_quotes_is_a_quotation_never_its_title(
    tmp_path: Path,
) -> None:
    """ "> " before each line, ">" alone between paragraphs: one quotation, as `publisher
    import` reads it (the marks were printed, or only the title lost them)."""
    path = tmp_path / "reply.txt"
    path.write_text(
        "> Not one eviction more\n\nThe council wrote back:\n\n> We have received your letter.\n"
        ">\n> We regret any inconvenience.\n\nWe will not wait.\n"
    )
    doc = read(path)
    assert doc.title != "Not one eviction more"
    assert doc.body_html == (
        "<blockquote><p>Not one eviction more</p></blockquote>\n<p>The council wrote back:</p>\n"
        "<blockquote><p>We have received your letter.</p><p>We regret any inconvenience.</p>"
        "</blockquote>\n<p>We will not wait.</p>"
    )


@pytest.mark.parametrize("separator", ["---", "----", "- - -", "___", "* * *", "———", "═════"])
def test_a_plain_texts_short_rule_of_dashes_underscores_stars_or_box_lines_is_a_rule(
    tmp_path: Path, separator: str
) -> None:
    path = tmp_path / "bulletin.txt"
    path.write_text(f"Riverside Bulletin\n\nDear members.\n\n{separator}\n\nSolidarity.\n")
    assert read(path).body_html == "<p>Dear members.</p>\n<hr>\n<p>Solidarity.</p>"


def test_each_heading_of_plain_text_can_be_linked_to_as_a_markdown_ones_can(
    tmp_path: Path,
) -> None:
    """Its id is its words, after the document's name; the same words again get "-1"."""
    path = tmp_path / "bulletin.txt"
    headings = ["What we want", "Qué hacer ahora", "ما العمل؟", "What we want"]
    underlines = ["=" * 12, "=" * 15, "=" * 9, "-" * 12]  # as long as what is seen
    path.write_text(
        "Riverside Bulletin\n\n"
        + "".join(
            f"{h}\n{line}\n\nA paragraph.\n\n" for h, line in zip(headings, underlines, strict=True)
        )
    )
    ids = re.findall(r'<h2 id="([^"]+)"', read(path).body_html)
    assert ids == [
        "bulletin-what-we-want",
        "bulletin-qué-hacer-ahora",
        "bulletin-ما-العمل",
        "bulletin-what-we-want-1",
    ]


def test_a_bullet_with_its_teaser_indented_under_it_keeps_the_teaser_on_a_line_of_its_own(
    tmp_path: Path,
) -> None:
    """A blog's "• Title" over an indented teaser is one item of two lines, as `publisher
    import` reads it; a bullet's hard-wrapped line is no teaser and runs on."""
    path = tmp_path / "popular.txt"
    path.write_text(
        "Popular posts\n\nThis week on the blog.\n\n"
        "• The Tishreen Uprising\n   Iraq's workers rose in October 2019 and…\n"
        "• A point that goes on and on, and that the mail program sent wrapped at\n"
        "  seventy characters\n"
    )
    items = lxml.html.fromstring(read(path).body_html).findall(".//li")
    assert [item.xpath("text()") for item in items] == [
        ["The Tishreen Uprising", "Iraq’s workers rose in October 2019 and…"],
        [
            "A point that goes on and on, and that the mail program sent wrapped at seventy"
            " characters"
        ],
    ]


def test_a_spreadsheets_cells_pasted_into_markdown_are_its_table(tmp_path: Path) -> None:
    """Excel and Google Sheets copy a range as lines of tab-separated cells: pandoc read
    them as one paragraph, "Branch Votes Turnout North 120 64% …". Fenced code and lines
    that start with a tab (indented code, a Makefile's recipe) stay as written."""
    path = tmp_path / "ballot.md"
    path.write_text(
        "---\ntitle: Ballot\n---\n\nThe results:\n\n"
        "Branch\tVotes\tTurnout\nNorth\t120\t64%\nSouth\t98\t51%\n\n"
        "```\n\nkeep\tas\ncode\there\n\n```\n\n\tcc\t-o strike\n\tcc\t-o ballot\n\n"
        "That is all: see [the note][1].\n\n[1]: https://example.org/note\n"
    )
    doc = read(path)
    table = lxml.html.fromstring(doc.body_html).find(".//table")
    assert [[cell.text_content().strip() for cell in row] for row in table.iter("tr")] == [
        ["Branch", "Votes", "Turnout"],
        ["North", "120", "64%"],
        ["South", "98", "51%"],
    ]
    assert [th.text_content().strip() for th in table.iter("th")] == ["Branch", "Votes", "Turnout"]
    assert "keep    as" in doc.body_html and "cc  -o ballot" in doc.body_html
    assert doc.body_html.count("<table") == 1
    assert 'href="https://example.org/note"' in doc.body_html  # the lines after it still read


def test_plain_text_saved_by_word_keeps_a_paragraph_per_line(tmp_path: Path) -> None:
    """Word's "Save as Plain Text" writes a paragraph per line, no blank lines, UTF-16."""
    path = tmp_path / "statement.txt"
    lines = [
        "Statement on the rent strike",
        "We have been on rent strike for four weeks now, and every week more tenants join us"
        " in the buildings of the estate.",
        "We ask the council to freeze the rents and to meet the tenants union before the end"
        " of the month, as it promised.",
    ]
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-16")
    doc = read(path)
    assert doc.title == "Statement on the rent strike"
    assert doc.body_html == f"<p>{lines[1]}</p>\n<p>{lines[2]}</p>"


def test_non_utf8_markdown_is_refused_at_its_line_and_column_with_how_to_save_it(
    tmp_path: Path,
) -> None:
    """Notepad's "ANSI" (Windows-1252): refused, not guessed, where the editor can find it."""
    path = tmp_path / "latin.md"
    path.write_bytes("---\ntitle: Café\n---\n\nThe «piquete» said “no”.\n".encode("cp1252"))
    with pytest.raises(PublisherError) as error:
        read(path)
    [problem] = error.value.problems
    assert (problem.file, problem.line) == (path, 2)
    assert "byte 0xE9 at column 11" in problem.message
    assert problem.hint and "UTF-8" in problem.hint and "publisher import" not in problem.hint


# Statements in the scripts whose letters UTF-16 writes with no byte over 0x7F (U+03xx to
# U+06xx): without its BOM such a file is valid UTF-8, NULs and control characters.
NON_LATIN = {
    "arabic": "---\r\ntitle: مرحبا بكم\r\n---\r\n\r\nعمال الميناء في إضراب منذ يوم الاثنين.\r\n",
    "cyrillic": "---\r\ntitle: Привет всем\r\n---\r\n\r\nДокеры бастуют с понедельника.\r\n",
    "greek": "---\r\ntitle: Γεια σας\r\n---\r\n\r\nΟι λιμενεργάτες απεργούν από τη Δευτέρα.\r\n",
    "hebrew": "---\r\ntitle: שלום לכולם\r\n---\r\n\r\nעובדי הנמל שובתים מיום שני.\r\n",
}


@pytest.mark.parametrize("script", NON_LATIN)
@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_saved_without_a_bom_is_refused_by_name_with_how_to_save_it(
    tmp_path: Path, script: str, encoding: str
) -> None:
    """An editor whose program saves UTF-16 with no BOM got the article published with its
    letters turned into others ("E1-(‘ (CE" for مرحبا بكم) and a warning of removed NULs."""
    path = tmp_path / "welcome.md"
    path.write_bytes(NON_LATIN[script].encode(encoding))
    with pytest.raises(PublisherError) as error:
        read(path)
    [problem] = error.value.problems
    assert problem.file == path
    byte_order = "little-endian" if encoding == "utf-16-le" else "big-endian"
    assert f"UTF-16 ({byte_order}) saved without a byte order mark" in problem.message
    assert problem.hint and "UTF-8" in problem.hint


def test_a_manifest_saved_as_utf16_without_a_bom_is_refused_by_name(
    workspace: Callable[[str], Path],
) -> None:
    """Its title was mailed as "‘D9// “D#HD" for "مرحبا بكم"."""
    root = workspace("minimal")
    manifest = root / "issues" / "001-first.yaml"
    text = manifest.read_text().replace('"First issue"', '"العدد الأول"')
    manifest.write_bytes(text.encode("utf-16-le"))
    result = CliRunner().invoke(main, ["-C", str(root), "build", "-f", "web"])
    assert result.exit_code == 1
    said = " ".join(result.output.split())
    assert "001-first.yaml: not UTF-8 text: UTF-16 (little-endian) saved without" in said, said
    assert "NUL" not in said and not (root / "dist").exists()


def test_utf8_with_a_stray_nul_pasted_in_is_still_read_as_utf8(tmp_path: Path) -> None:
    path = tmp_path / "notes.md"
    path.write_bytes(
        "---\ntitle: Notes\n---\n\nThe picket\x00 starts at six, café open.\n".encode()
    )
    assert read(path).body_html.strip() == "<p>The picket starts at six, café open.</p>"


# Word's and Excel's "Unicode Text", Notepad's "UTF-16 LE", and the BOM Windows puts on UTF-8.
UNICODE_WITH_BOM = ["utf-16", "utf-16-be", "utf-32", "utf-8-sig"]
ARTICLE = (
    "---\r\ntitle: Huelga en el almacén\r\nlang: es\r\n---\r\n\r\n"
    "Los trabajadores dijeron «¡basta!» — y en árabe: «كفى».\r\n"
)


@pytest.mark.parametrize("encoding", UNICODE_WITH_BOM)
def test_unicode_saved_with_a_bom_reads_as_its_utf8_twin(tmp_path: Path, encoding: str) -> None:
    twin, saved = tmp_path / "twin" / "huelga.md", tmp_path / "saved" / "huelga.md"
    for path, data in [(twin, ARTICLE.encode("utf-8")), (saved, _with_bom(ARTICLE, encoding))]:
        path.parent.mkdir()
        path.write_bytes(data)
    expected, got = read(twin), read(saved)
    assert (got.title, got.language, got.body_html) == (
        "Huelga en el almacén",
        "es",
        expected.body_html,
    )
    assert "«¡basta!»" in got.body_html and "كفى" in got.body_html


def _with_bom(text: str, encoding: str) -> bytes:
    """`text` as a Windows program saves it: its encoding's BOM, then the text."""
    if encoding == "utf-16-be":
        return b"\xfe\xff" + text.encode("utf-16-be")
    return text.encode(encoding)  # Python's utf-16, utf-32 and utf-8-sig write the BOM


def test_a_web_page_is_read_in_the_encoding_its_meta_declares(tmp_path: Path) -> None:
    """As a browser reads it: a page saved from Word or a browser in Windows-1252 says so."""
    path = tmp_path / "saved-page.html"
    path.write_bytes(
        b'<html><head><meta http-equiv="Content-Type" content="text/html;'
        b' charset=iso-8859-1"><title>Declaraci\xf3n</title></head>'
        b"<body><p>\x93No\x94 \x96 dijeron las limpiadoras.</p></body></html>"
    )
    doc = read(path)
    assert doc.title == "Declaración"  # ISO-8859-1 read as browsers do: Windows-1252
    assert "“No”\u00a0– dijeron" in doc.body_html


@pytest.mark.parametrize("declared", ["utf-8", "base64", "no-such-encoding"])
def test_a_page_its_declaration_does_not_fit_is_refused_at_its_line(
    tmp_path: Path, declared: str
) -> None:
    path = tmp_path / "page.html"
    path.write_bytes(f'<meta charset="{declared}">\n<p>caf\xe9</p>'.encode("latin-1"))
    with pytest.raises(PublisherError) as error:
        read(path)
    [problem] = error.value.problems
    assert (problem.file, problem.line) == (path, 2) and "byte 0xE9 at column 7" in problem.message


def test_rich_text_reads_with_its_info_and_leaves_out_embedded_pictures_with_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """TextEdit's and WordPad's default format. A picture in it has no name to publish it
    by: it is left out, and the editor told how to keep it."""
    path = tmp_path / "carta.rtf"
    path.write_text(
        r"{\rtf1\ansi{\info{\title Carta abierta}{\author Ana}}\pard Firmamos {\i todas}."
        r"{\pict\pngblip\picw1\pich1 89504e470d0a1a0a}\par Segunda.\par}"
    )
    doc = read(path)
    assert (doc.title, doc.authors) == ("Carta abierta", ("Ana",))
    assert "Firmamos <em>todas</em>." in doc.body_html and "<img" not in doc.body_html
    assert "1 picture(s) embedded in it left out: save it as .docx" in caplog.text


def test_rich_text_lists_as_wordpad_writes_them_are_lists(tmp_path: Path) -> None:
    """WordPad types each item's bullet or number out ({\\pntext …\\tab}); a dialogue's
    dash and a heading's lone number are no lists."""
    path = tmp_path / "demandas.rtf"
    bullet = r"{\pntext\f1\'B7\tab}"
    path.write_text(
        r"{\rtf1\ansi{\fonttbl{\f0 Calibri;}{\f1\fcharset2 Symbol;}}"
        r"\pard 1. Demandas\par "
        rf"\pard{bullet}{{\*\pn\pnlvlblt\pnf1{{\pntxtb\'B7}}}}\fi-360\li720 Salario digno\par "
        rf"{bullet}Baja pagada\par "
        r"\pard \'96 Dijo ella.\par "
        r"\pard{\pntext 1.\tab}Piquete\par {\pntext 2.\tab}Marcha\par}"
    )
    body = " ".join(read(path).body_html.split())
    assert body == (
        "<p>1. Demandas</p> <ul> <li>Salario digno</li> <li>Baja pagada</li> </ul>"
        " <p>— Dijo ella.</p> <ol> <li>Piquete</li> <li>Marcha</li> </ol>"
    )


def test_rich_text_from_wordpad_keeps_what_follows_each_letter_it_writes_by_number(
    tmp_path: Path,
) -> None:
    """WordPad writes each letter outside the file's code page as its number and a "?" for
    old readers to show instead (`\\u1606?`); pandoc took the "?" for the end of the number
    and skipped the character after it, as it did any mark after a formatting word
    (`\\b0,`): spaces, commas and letters were lost. One letter's stand-in written as a
    byte (`\\'3f`, as Word writes it) or two stand-ins under `\\uc2` are still skipped."""
    path = tmp_path / "statement.rtf"
    path.write_bytes(
        b"{\\rtf1\\ansi\\ansicpg1252\\uc1{\\fonttbl{\\f0 Arial;}}\r\n"
        b"\\pard\\b Statement\\b0, read out\\par\r\n"
        b"\\pard\\rtlpar\\u1606?\\u1581?\\u1606? \\u1606?\\u1602?\\u1601? \\u1605?\\u1593?.\\par\r\n"
        b"\\pard \\u171? Nous ne l\\u226?cherons rien \\u187?, a dit Fatou.\\par\r\n"
        b"\\pard Word: \\u1606\\'3f\\u1581\\'3f {\\uc2\\u8230??}\\par}"
    )
    paragraphs = re.findall(r"<p[^>]*>(.*?)</p>", read(path).body_html)
    assert [re.sub(r"<[^>]+>", "", paragraph) for paragraph in paragraphs] == [
        "Statement, read out",
        "نحن نقف مع.",
        "« Nous ne lâcherons rien », a dit Fatou.",
        "Word: نح …",
    ]


@pytest.mark.parametrize(
    "opening",
    [
        # Arabic Windows: the file's code page is Arabic
        b"{\\rtf1\\ansi\\ansicpg1256\\deff0\\nouicompat\\deflang1025{\\fonttbl"
        b"{\\f0\\fnil\\fcharset178 Arial;}{\\f1\\fnil\\fcharset0 Calibri;}}",
        # Western Windows: the Arabic font's character set says so
        b"{\\rtf1\\ansi\\ansicpg1252\\deff1\\nouicompat\\deflang1033{\\fonttbl"
        b"{\\f0\\fnil\\fcharset178 Arial;}{\\f1\\fnil\\fcharset0 Calibri;}}",
    ],
)
def test_rich_text_in_arabic_as_wordpad_saves_it_reads_as_arabic(
    tmp_path: Path, opening: bytes, caplog: pytest.LogCaptureFixture
) -> None:
    """WordPad writes each letter as a byte of its code page (\\'c8), which pandoc read
    as Western ("ÈíÇä"); a letter Word writes by number keeps its byte as a stand-in, not
    printed. Latin text beside it in a Western font is as it was."""
    path = tmp_path / "bayan.rtf"
    path.write_bytes(
        opening + b"\r\n{\\*\\generator Riched20 10.0.19041}\\viewkind4\\uc1 \r\n"
        b"\\pard\\rtlpar\\qr\\f0\\rtlch\\'c8\\'ed\\'c7\\'e4 \\'da\\'e3\\'c7\\'e1"
        b" \\'c7\\'e1\\'e4\\'d9\\'c7\\'dd\\'c9\\par\r\n"
        b"\\pard\\ltrpar\\f1 Caf\\'e9 workers {\\f0\\u1576\\'c8}\\par\r\n}"
    )
    paragraphs = re.findall(r"<p[^>]*>(.*?)</p>", read(path).body_html)
    assert [re.sub(r"<[^>]+>", "", paragraph) for paragraph in paragraphs] == [
        "بيان عمال النظافة",
        "Café workers ب",
    ]
    assert "code page" not in caplog.text


def test_rich_text_in_a_code_page_of_two_bytes_a_letter_is_warned_of(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Japanese Windows writes each letter as two bytes of its code page (932), which
    pandoc reads as Western letters: the editor is told before printing them."""
    path = tmp_path / "tsuchi.rtf"
    path.write_bytes(
        b"{\\rtf1\\ansi\\ansicpg932\\deff0{\\fonttbl{\\f0\\fcharset128 MS Mincho;}}"
        b"\\f0 \\'93\\'fa\\'96\\'7b\\par}"
    )
    read(path)
    assert "tsuchi.rtf: written in code page 932, whose letters may come out wrong" in caplog.text


# The opening of a file TextEdit saves (every Cocoa program's RTF), a style sheet whose
# heading style has "page break before", which is no page break where it is defined
TEXTEDIT = (
    b"{\\rtf1\\ansi\\ansicpg1252\\cocoartf2761\n\\cocoatextscaling0\\cocoaplatform0"
    b"{\\fonttbl\\f0\\fswiss\\fcharset0 Helvetica;\\f1\\fswiss\\fcharset0 Helvetica-Bold;\n}\n"
    b"{\\stylesheet{\\s1\\pagebb heading 1;}}\n"
    b"\\paperw11900\\paperh16840\\margl1440\\margr1440\\vieww11520\\viewh8400\\viewkind0\n"
    b"\\pard\\tx566\\tx1133\\pardirnatural\\partightenfactor0\n\n"
)


def test_rich_text_from_textedit_keeps_its_paragraphs_and_page_breaks(tmp_path: Path) -> None:
    """TextEdit ends each paragraph with a backslash before the line's end (a paragraph
    mark, says the RTF specification; pandoc read a line break, making the file one
    paragraph), and a page break (Word's too) is a new page, not the words either side of
    it run together. An escaped backslash before a line's end is a backslash."""
    path = tmp_path / "rally.rtf"
    path.write_bytes(
        TEXTEDIT + b"\\f1\\b\\fs36 \\cf0 Rally on Saturday\\\n"
        b"\\f0\\b0\\fs24 \\\nMeet at the caf\xe9 at noon.\\\r\n"
        b"Bring C:\\\\\nbanners\\\n"
        b"Front ends.\\page Back page.\\\n"
        b"\\pard\\pagebb\\f0 Chapter two.\\\n}"  # "page break before": not read (yet)
    )
    doc = read(path)
    assert doc.title == "Rally on Saturday"  # bold where the text opens
    assert re.findall(r"<p>(.*?)</p>|<div (class=\"page-break\")>", doc.body_html) == [
        ("Meet at the café at noon.", ""),
        ("Bring C:\\banners", ""),
        ("Front ends.", ""),
        ("", 'class="page-break"'),
        ("Back page.", ""),
        ("Chapter two.", ""),
    ]


def test_a_textedit_document_with_pictures_is_one_document_named_by_its_package(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """TextEdit saves a document holding a picture as a package, `Rally.rtfd/`: its text
    in TXT.rtf, the picture beside it, named where it stands (pandoc printed the name).
    The package names the document ("rally", as a manifest lists it), not "TXT"."""
    from conftest import WORKSPACES, copy_workspace
    from PIL import Image

    from publisher.build import build

    root = copy_workspace(WORKSPACES / "minimal", tmp_path / "ws")
    package = root / "documents" / "Rally.rtfd"
    package.mkdir()
    Image.new("RGB", (400, 300), "red").save(package / "march #1 on city hall.jpg")
    (package / "TXT.rtf").write_bytes(
        TEXTEDIT + b"\\f0\\fs24 \\cf0 March with us.\\\n"
        b"{{\\NeXTGraphic march #1 on city hall.jpg \\width8000 \\height6000"
        b" \\appleattachmentpadding0 \\appleembedtype0 \\appleaqc\n}\xac}\\\n"
        b"Last year.\\\n}"
    )
    manifest = root / "issues" / "001-first.yaml"
    manifest.write_text(manifest.read_text().replace("second-article]", "second-article, rally]"))

    report = build(root, formats=["web"])

    page = (report.out_dir / "001-first" / "rally" / "index.html").read_text()
    assert '<h1 class="article-title">Rally</h1>' in page
    body = re.findall(r"<p>(.*?)</p>", page[page.index("article-body") :])[:3]
    assert body == [
        "March with us.",
        '<img src="../../media/Rally.rtfd/march%20%231%20on%20city%20hall.jpg" alt="">',
        "Last year.",
    ]
    assert (report.out_dir / "media" / "Rally.rtfd" / "march #1 on city hall.jpg").is_file()
    assert "right-click it) and save it as .docx" in caplog.text  # how to describe it


def test_a_textbundle_is_one_document_named_by_its_folder(tmp_path: Path) -> None:
    """Bear, Ulysses and iA Writer export a note with its pictures as a TextBundle,
    `Rally.textbundle/` (the text in text.md, pictures in assets/): one document, named
    "rally" as a manifest lists it, not "text", with its pictures."""
    from conftest import WORKSPACES, copy_workspace
    from PIL import Image

    from publisher.build import build

    root = copy_workspace(WORKSPACES / "minimal", tmp_path / "ws")
    bundle = root / "documents" / "Rally.textbundle"
    (bundle / "assets").mkdir(parents=True)
    Image.new("RGB", (400, 300), "blue").save(bundle / "assets" / "crowd.jpg")
    (bundle / "info.json").write_text('{"version": 2, "type": "net.daringfireball.markdown"}')
    (bundle / "text.md").write_text("Join us on Saturday.\n\n![The crowd](assets/crowd.jpg)\n")
    manifest = root / "issues" / "001-first.yaml"
    manifest.write_text(manifest.read_text().replace("second-article]", "second-article, rally]"))

    report = build(root, formats=["web"])

    page = (report.out_dir / "001-first" / "rally" / "index.html").read_text()
    assert '<h1 class="article-title">Rally</h1>' in page
    assert '<img src="../../media/Rally.textbundle/assets/crowd.jpg" alt="The crowd">' in page


@pytest.mark.parametrize("styled", ["Title", "P1"], ids=["in the style", "formatted by hand"])
def test_a_libreoffice_files_title_and_subtitle_paragraphs_are_its_title_and_subtitle(
    tmp_path: Path, styled: str
) -> None:
    """Writer's Title and Subtitle paragraph styles (a title centred by hand is in an
    automatic style based on Title): the document's title and subtitle, not its first
    paragraphs under its file name; only where the text opens, after any empty lines."""
    from test_office_contents import edited, with_automatic_styles

    path = tmp_path / "leaflet-v3.odt"
    pypandoc.convert_text(
        '::: {custom-style="Title"}\nRally on *Saturday*\n:::\n\n'
        '::: {custom-style="Subtitle"}\nBring your banners\n:::\n\n'
        'Meet at noon.\n\n::: {custom-style="Title"}\nNot a title here\n:::\n',
        "odt",
        format="markdown",
        outputfile=str(path),
    )
    automatic = (
        '<style:style style:name="P1" style:family="paragraph" style:parent-style-name="Title">'
        '<style:paragraph-properties fo:text-align="center" /></style:style>'
    )
    edited(
        path,
        "content.xml",
        lambda text: with_automatic_styles(text, automatic).replace(
            '<text:p text:style-name="Title">Rally',
            f'<text:p text:style-name="Standard" /><text:p text:style-name="{styled}">Rally',
            1,
        ),
    )

    doc = read(path)

    assert (doc.title, doc.subtitle) == ("Rally on Saturday", "Bring your banners")
    assert re.findall(r"<p>(.*?)</p>", doc.body_html) == ["Meet at noon.", "Not a title here"]
    later = tmp_path / "notes.odt"  # a text that opens otherwise has none
    pypandoc.convert_text(
        'Meet at noon.\n\n::: {custom-style="Title"}\nNot a title here\n:::\n',
        "odt",
        format="markdown",
        outputfile=str(later),
    )
    assert (read(later).title, read(later).subtitle) == ("Notes", "")


def test_unclosed_front_matter_is_reported_at_line_one(tmp_path: Path) -> None:
    path = tmp_path / "open.md"
    path.write_text("---\ntitle: Never closed\n\nBody\n")
    with pytest.raises(
        PublisherError, match=r"open\.md:1: front matter starts with '---' but never ends"
    ):
        read(path)


def test_images_are_confined_to_the_pool(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    pool = tmp_path / "documents"
    (pool / "media").mkdir(parents=True)
    (pool / "media" / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (tmp_path / "outside.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    path = pool / "sub" / "article.md"
    path.parent.mkdir()
    path.write_text(
        "![Inside](../media/photo.png)\n\n![Outside](../../outside.png)\n\n"
        "![Remote](https://tracker.example/p.gif)\n\n![Missing](nope.png)\n"
    )
    with caplog.at_level(logging.WARNING):
        doc = read(path, pool)
    assert doc.images == ("media/photo.png",)
    assert 'src="media/photo.png"' in doc.body_html
    assert "outside.png" not in doc.body_html and "tracker.example" not in doc.body_html
    assert not any(alt in doc.body_html for alt in ("Outside", "Remote", "Missing"))
    assert len([r for r in caplog.records if "left out" in r.getMessage()]) == 3


IMAGES_AMONG_THEIR_WORDS = {
    "its address in the title": (
        '---\ntitle: Warn xss\n---\n\nThe rally.\n\n<img src="x" alt="a">\n',
        ["7: image 'x' left out:"],
    ),
    "its address inside a link's": (
        "# Rally\n\nSee [the file](file:///etc/passwd).\n\n![](/etc/passwd)\n",
        ["5: image '/etc/passwd' left out:"],
    ),
    "linked before it is shown": (
        "# Rally\n\n[The photo](rally.png) is below.\n\n![The march](rally.png)\n\n"
        "And again:\n\n![The march again](<rally.png>)\n",
        [
            "5: image 'rally.png' left out: there is no file documents/rally.png",
            "9: image 'rally.png' left out: there is no file documents/rally.png",
        ],
    ),
    "shown by a reference, and named in the front matter": (
        "---\ntitle: Rally\nthumbnail: rally.png\n---\n\n![The march][march]\n\n"
        "[march]: rally.png\n",
        ["8: image 'rally.png' left out:"],
    ),
}


@pytest.mark.parametrize(
    "text,said", IMAGES_AMONG_THEIR_WORDS.values(), ids=IMAGES_AMONG_THEIR_WORDS
)
def test_an_image_left_out_is_named_at_its_own_line(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, text: str, said: list[str]
) -> None:
    """It was named at the first line holding its address as text anywhere: the title of
    the front matter ("Warn xss" holds "x"), or a link whose address holds it."""
    pool = tmp_path / "documents"
    path = pool / "rally.md"
    pool.mkdir()
    path.write_text(text)
    with caplog.at_level(logging.WARNING):
        read(path, pool)
    warned = [m for m in caplog.messages if "left out" in m]
    assert len(warned) == len(said)
    for message, beginning in zip(warned, said, strict=True):
        assert message.startswith(f"{path}:{beginning}"), message


def test_a_lead_image_at_a_web_address_is_said_to_be_on_the_web_with_what_to_do(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """It was 'left out: only images inside documents/ are used', as if it were a file
    elsewhere on the disk: what to do was for the editor to guess."""
    from publisher.resources import lead_image

    pool = tmp_path / "documents"
    path = pool / "article.md"
    pool.mkdir()
    path.write_text(
        "---\ntitle: Rents frozen\nimage: https://dockside.example.org/media/rally.jpg\n---\n\n"
        "The council froze rents.\n"
    )
    with caplog.at_level(logging.WARNING):
        assert lead_image(read(path, pool), pool) == ""
    said = " ".join(r.getMessage() for r in caplog.records)
    assert (
        f"{path}:3: image 'https://dockside.example.org/media/rally.jpg' left out: pictures are"
        " not fetched from the web: download it into documents/ and link it by its name"
    ) in said


def test_an_image_named_on_a_mac_is_found_by_the_name_typed_in_the_text(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # On disk "é" is "e" and a combining accent (NFD, as macOS names files), in the text one
    # character (NFC): the same name to anyone who reads it, and so to publisher.
    pool = tmp_path / "documents"
    (pool / "me\u0301dia").mkdir(parents=True)
    (pool / "me\u0301dia" / "cafe\u0301.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    path = pool / "article.md"
    path.write_text("![Le café](m\u00e9dia/caf\u00e9.png)\n", encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        doc = read(path, pool)
    assert doc.images == ("me\u0301dia/cafe\u0301.png",)  # as the file is spelled
    assert not caplog.records


MODEL_LETTER = (
    "Dear <Name>,\n\nWrite to <your MP> before Friday and sign it <your name here>; the"
    " claim form is at <strike-fund>.\n\nYours, <NAME>\n"
)
PLACEHOLDERS = ("<Name>", "<your MP>", "<your name here>", "<strike-fund>", "<NAME>")


@pytest.mark.parametrize("suffix", [".md", ".txt"])
def test_a_model_letters_placeholders_are_kept_as_written(tmp_path: Path, suffix: str) -> None:
    """Markdown and pasted text write placeholders in angle brackets; read as tags they
    were taken out with the words in them ("Dear ,")."""
    path = tmp_path / f"letter{suffix}"
    path.write_text(
        ("---\ntitle: Model letter\n---\n\n" if suffix == ".md" else "Model letter\n\n")
        + MODEL_LETTER
    )
    doc = read(path)
    text = html.unescape(re.sub(r"<[^>]+>", "", doc.body_html))
    assert [p for p in PLACEHOLDERS if p not in text] == []


def test_a_text_of_many_unclosed_angle_brackets_is_read_in_time_linear_in_its_length() -> None:
    """In a child bounded at 10 s (this takes well under a second): from each "<" of "<a
    <a <a …", a tag's end was looked for to the text's end (a .txt of 10,000 took 38 s),
    and where one came, all from the first "<a" was one tag, which the sanitiser took out
    with the words in it."""
    finishes_within(
        10,
        "from publisher.sanitize import unknown_tags_as_text",
        "assert unknown_tags_as_text('<a ' * 100_000) == '<a ' * 100_000",
        "out = unknown_tags_as_text('x <a <b <Name> <b>y</b>')",
        "assert out == 'x <a <b &lt;Name&gt; <b>y</b>', out",
    )


def test_html_word_markup_and_a_sites_components_in_markdown_are_still_markup(
    tmp_path: Path,
) -> None:
    path = tmp_path / "marked.md"
    path.write_text(
        "Text <mark>marked</mark>, <kbd>Ctrl</kbd> and <o:p></o:p> a<br>break.\n\n"
        '<Callout type="info">Words a component held.</Callout> <Badge text="new" />\n'
    )
    body = read(path).body_html
    assert "<mark>marked</mark>" in body and "<kbd>Ctrl</kbd>" in body and "<br>" in body
    assert "Words a component held." in body
    assert not [name for name in ("o:p", "Callout", "Badge") if name in body]


def test_a_title_with_a_placeholder_keeps_it_and_a_tag_with_attributes_still_goes(
    tmp_path: Path,
) -> None:
    path = tmp_path / "t.md"
    path.write_text(
        '---\ntitle: "Letter to <MP>"\nsubtitle: "Hi <x onclick=alert(1)>there"\n---\n\nText.\n'
    )
    doc = read(path)
    assert (doc.title, doc.subtitle) == ("Letter to <MP>", "Hi there")


def test_backslashes_and_latex_commands_are_text_no_output_would_show_as_latex(
    tmp_path: Path,
) -> None:
    """Read as raw LaTeX, a Windows path lost all after its drive and \\textbf{…} its words."""
    path = tmp_path / "paths.md"
    path.write_text(
        "Save it in C:\\Users\\ana\\Documents\\newsletter on the drive.\n\n"
        "The \\textbf{bold} word.\n"
    )
    text = html.unescape(re.sub(r"<[^>]+>", "", read(path).body_html))
    assert "C:\\Users\\ana\\Documents\\newsletter on the drive." in text
    assert "\\textbf{bold} word." in text


@pytest.mark.parametrize("ending", ["\r\n", "\r"], ids=["Windows CR LF", "CR alone"])
def test_lines_ended_as_windows_or_old_macs_end_them_are_lines(tmp_path: Path, ending: str) -> None:
    markdown = tmp_path / "statement.md"
    markdown.write_bytes(
        ending.join(
            ["---", "title: Statement", "date: 2026-05-01", "---", "", "One.", "", "Two.", ""]
        ).encode()
    )
    doc = read(markdown)
    assert (doc.title, str(doc.date), doc.body_html.strip()) == (
        "Statement",
        "2026-05-01",
        "<p>One.</p>\n<p>Two.</p>",
    )
    text = tmp_path / "notice.txt"
    text.write_bytes(ending.join(["A notice", "", "First.", "", "Second.", ""]).encode())
    doc = read(text)
    assert (doc.title, doc.body_html.strip()) == ("A notice", "<p>First.</p>\n<p>Second.</p>")


PELICAN_POST = """\
Strike at the depot
###################

:date: 2026-03-05 10:20
:modified: 2026-03-06 18:40
:tags: strikes, night shift
:category: News
:authors: Ana Lima, Ben Okafor
:summary: Drivers walked out at dawn.

Drivers at the **Northgate depot** walked out at dawn.

- pay
- rotas
"""

ORG_NOTE = """\
#+TITLE: Rent strike update
#+AUTHOR: Tenants Committee
#+DATE: <2026-03-05 Thu>
#+FILETAGS: :housing:rent:

* The latest
Tenants in *Tower Street* are withholding rent.
"""


def test_a_pelican_post_in_restructuredtext_reads_as_pelican_reads_it(tmp_path: Path) -> None:
    path = tmp_path / "strike-at-the-depot.rst"
    path.write_text(PELICAN_POST)
    doc = read(path)
    assert (doc.title, doc.authors, str(doc.date), doc.summary) == (
        "Strike at the depot",
        ("Ana Lima", "Ben Okafor"),
        "2026-03-05",
        "Drivers walked out at dawn.",
    )
    assert set(doc.tags) == {"strikes", "night shift", "News"}
    assert "<strong>Northgate depot</strong>" in doc.body_html and "<li>rotas</li>" in doc.body_html


def test_an_org_document_has_its_title_author_day_and_file_tags(tmp_path: Path) -> None:
    path = tmp_path / "update.org"
    path.write_text(ORG_NOTE)
    doc = read(path)
    assert (doc.title, doc.authors, str(doc.date), doc.tags) == (
        "Rent strike update",
        ("Tenants Committee",),
        "2026-03-05",
        ("housing", "rent"),
    )
    assert "<strong>Tower Street</strong>" in doc.body_html


def test_a_file_an_rst_or_org_document_includes_is_named_as_left_out_at_its_line(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """pandoc reads no file but the document (it runs sandboxed): Sphinx's shared snippets
    are not taken in, and the editor is told where."""
    (tmp_path / "footer.rst").write_text("Shared footer text.\n")
    rst = tmp_path / "page.rst"
    rst.write_text("Page\n====\n\n.. include:: footer.rst\n\nAfter.\n")
    org = tmp_path / "notes.org"
    org.write_text('#+TITLE: Notes\n\n#+INCLUDE: "footer.org"\n\nText.\n')
    caplog.set_level(logging.WARNING, logger="publisher")
    assert "Shared footer" not in read(rst).body_html and "After." in read(rst).body_html
    read(org)
    said = [r.getMessage() for r in caplog.records]
    assert f"{rst}:4: footer.rst left out" in said[0] and "put that file's text" in said[0]
    assert any(f"{org}:3: footer.org left out" in message for message in said)


def test_an_asciidoc_and_a_latex_document_have_their_title_authors_and_day(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """An Antora handbook page and a report written in Overleaf were refused ("a .tex
    file, which publisher cannot read"). pandoc reads both: each header's title, authors
    and date are the document's; a file either takes in is named as left out."""
    adoc = tmp_path / "handbook.adoc"
    adoc.write_text(
        "= Know your rights\nAna Ruiz\n:revdate: 2026-03-05\n\n== At the door\n\n"
        "Ask for *their* name.\n\ninclude::footer.adoc[]\n"
    )
    tex = tmp_path / "report.tex"
    tex.write_text(
        "\\documentclass{article}\n\\title{Damp in \\emph{every} flat}\n"
        "\\author{Ana Ruiz \\and Bo Li}\n\\date{2026-03-06}\n\\begin{document}\n\\maketitle\n"
        "\\section{Findings}\nRents rose \\textbf{sharply}.\\footnote{Council data.}\n"
        "\\input{tables}\n\\end{document}\n"
    )
    caplog.set_level(logging.WARNING, logger="publisher")
    handbook, report = read(adoc), read(tex)
    assert (handbook.title, handbook.authors, str(handbook.date)) == (
        "Know your rights",
        ("Ana Ruiz",),
        "2026-03-05",
    )
    assert (report.title, report.authors, str(report.date)) == (
        "Damp in every flat",
        ("Ana Ruiz", "Bo Li"),
        "2026-03-06",
    )
    assert re.search(r"<h(\d)[^>]*>At the door</h\1>", handbook.body_html)
    assert "<strong>sharply</strong>" in report.body_html and "Council data." in report.body_html
    said = [r.getMessage() for r in caplog.records]
    assert any(f"{adoc}:9: footer.adoc left out" in message for message in said), said
    assert any(f"{tex}:9: tables left out" in message for message in said), said


def test_a_table_read_from_another_file_is_refused_with_why_and_what_to_do(
    tmp_path: Path,
) -> None:
    (tmp_path / "figures.csv").write_text("a,b\n1,2\n")
    rst = tmp_path / "report.rst"
    rst.write_text("Report\n======\n\n.. csv-table:: Figures\n   :file: figures.csv\n")
    with pytest.raises(PublisherError) as error:
        read(rst)
    assert str(rst) in str(error.value) and "put that file's text in the document" in str(
        error.value
    )


ASTRO_POST = """\
---
title: Our rent strike, one year on
date: 2026-03-01
---
import { Image } from 'astro:assets';
import hero from './assets/hero.jpg';
import Callout from '../../components/Callout.astro';
import { YouTube } from 'astro-embed';

export const meta = {
  featured: true,
};

{/* TODO: the council's reply,
   when it comes */}

# {frontmatter.title}

<Image src={hero} alt="Tenants outside the town hall" />

A year ago **412 households** stopped paying rent.

<Callout type={"tip"} title={'Join us'}>Meetings are on Tuesdays.</Callout>

<YouTube id="dQw4w9WgXcQ" />

We raised {props.total} pounds.

```js
import rent from './rent.js';
```
"""


def test_an_mdx_post_reads_as_the_page_its_site_makes_of_it(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """As Astro, Docusaurus and Next.js sites keep their posts: Markdown with JSX."""
    from PIL import Image

    (tmp_path / "assets").mkdir()
    Image.new("RGB", (80, 40)).save(tmp_path / "assets" / "hero.jpg")
    path = tmp_path / "one-year-on.mdx"
    path.write_text(ASTRO_POST)
    caplog.set_level(logging.WARNING, logger="publisher")
    doc = read(path)
    assert (doc.title, str(doc.date), doc.images) == (
        "Our rent strike, one year on",
        "2026-03-01",
        ("assets/hero.jpg",),
    )
    body = doc.body_html
    text = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())
    assert text.startswith("Tenants outside the town hall A year ago 412 households")
    assert "Meetings are on Tuesdays." in text and "TODO" not in text and "featured" not in text
    assert 'href="https://www.youtube.com/watch?v=dQw4w9WgXcQ"' in body
    assert "import rent from './rent.js'" in text  # code stays code
    assert "astro:assets" not in text and "Callout" not in body
    assert f"{path}:27: {{props.total}} and any other JavaScript expression" in caplog.text


def test_an_mdx_posts_front_matter_values_are_printed_as_text_as_its_site_prints_them(
    tmp_path: Path,
) -> None:
    """`{frontmatter.title}` was set in as Markdown: a title's stars made italics and its
    `<now>` a tag, a list printed as Python writes one (`['a', 'b']`), a bool `True`; and
    Docusaurus' `{frontMatter.open}` was printed as written."""
    path = tmp_path / "rent.mdx"
    path.write_text(
        "---\ntitle: Rent *strike* <now> [1]\ntags: [housing, rent]\nopen: true\n---\n"
        "{frontmatter.title}: {frontmatter.tags}, open {frontMatter.open}.\n"
    )
    doc = read(path)
    body = doc.body_html
    assert "<em>" not in body and "open" not in doc.extra  # printed: used, not unknown
    assert html.unescape(re.sub(r"<[^>]+>", "", body)).strip() == (
        "Rent *strike* <now> [1]: housing,rent, open true."
    )


FIGURE_POST = """\
---
title: Climate march
---
import Figure from '../components/Figure.astro';
import Newsletter from '../components/Newsletter.astro';

Before.

<Figure src="./march.png" alt="Marchers on the bridge" caption="Saturday's march" />

After the march.

<Newsletter list="climate" />

Sign up at the office.
"""


def test_an_mdx_figure_component_is_a_picture_with_its_caption_and_no_component_swallows_text(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Astro's and Docusaurus' own `<Figure … />` is a picture with its caption; a component
    publisher does not know is left out, said with its line, and never opens an HTML element
    (`<figure>`) that would take in the paragraphs after it."""
    from PIL import Image

    Image.new("RGB", (80, 40)).save(tmp_path / "march.png")
    path = tmp_path / "climate-march.mdx"
    path.write_text(FIGURE_POST)
    caplog.set_level(logging.WARNING, logger="publisher")
    doc = read(path)
    assert doc.images == ("march.png",)
    tree = lxml.html.fromstring(f"<div>{doc.body_html}</div>")
    [figure] = tree.xpath("//figure")
    assert figure.xpath("string(.//img/@alt)") == "Marchers on the bridge"
    assert figure.xpath("normalize-space(.//figcaption)") == "Saturday’s march"  # typeset
    paragraphs = [p.text_content() for p in tree.xpath("./p")]
    assert paragraphs == ["Before.", "After the march.", "Sign up at the office."]
    assert f"{path}: MDX components" in caplog.text and "Newsletter (line 13)" in caplog.text
    assert "JavaScript expression" not in caplog.text  # the picture's {alt="…"} is none


DOCUSAURUS_TABS = """\
---
title: Strike notice
---
import Tabs from '@theme/Tabs';
import TabItem from '@theme/TabItem';

<Tabs groupId="language">
  <TabItem value="en" label="English" default>
    The strike starts on **Monday** at six.
  </TabItem>
  <TabItem value="es" label="Español">
    La huelga empieza el **lunes** a las seis.

    - Piquete en la puerta 4
    - Caja de resistencia
  </TabItem>
  <TabItem value="sh" label="Shell">
    ```sh
    publisher build
    ```
  </TabItem>
  <TabItem value="npm" label="npm">

    Run this:

```bash
npm install publisher
```

    Then build.

  </TabItem>
</Tabs>

<Callout type="tip" title="Join us">Meetings are on Tuesdays.</Callout>

<Abbr title="Trades Union Congress">TUC</Abbr> called it.
"""


def test_an_mdx_components_paragraphs_and_titles_read_as_its_site_shows_them(
    tmp_path: Path,
) -> None:
    """Docusaurus' tabs as its own documentation writes them, indented, without a blank
    line: the tabs' texts were one paragraph with no word of which language each was
    ("The strike starts on Monday at six. La huelga empieza el lunes…"). Each tab's
    label is a bold line above its text, its list a list and its code code; a callout's
    title too; an abbreviation's title stays the hover text it is."""
    path = tmp_path / "notice.mdx"
    path.write_text(DOCUSAURUS_TABS)
    tree = lxml.html.fromstring(f"<div>{read(path).body_html}</div>")
    blocks = [(child.tag, " ".join(child.text_content().split())) for child in tree]
    assert blocks == [
        ("p", "English"),
        ("p", "The strike starts on Monday at six."),
        ("p", "Español"),
        ("p", "La huelga empieza el lunes a las seis."),
        ("ul", "Piquete en la puerta 4 Caja de resistencia"),
        ("p", "Shell"),
        ("div", "publisher build"),  # highlighted code: <div class="sourceCode"><pre>
        ("p", "npm"),
        ("p", "Run this:"),
        ("div", "npm install publisher"),
        ("p", "Then build."),  # the tab goes on after its code, unindented
        ("p", "Join us"),
        ("p", "Meetings are on Tuesdays."),
        ("p", "TUC called it."),
    ]
    assert [s.text for s in tree.xpath("./p/strong[1]")] == [
        "English", "Monday", "Español", "lunes", "Shell", "npm", "Join us"
    ]  # fmt: skip
    assert tree.xpath("string(.//pre)") == "publisher build"
    assert tree.xpath("//abbr/@title") == ["Trades Union Congress"]


def test_a_component_named_as_a_mathml_or_svg_element_keeps_its_words(tmp_path: Path) -> None:
    """Starlight's and Mintlify's `<Card title="…">…</Card>`: the sanitiser (ammonia) drops
    an element named as one of MathML's or SVG's (card, list, set, union, path, line…)
    with what it holds, where it keeps what any other unknown one holds. The card's words
    were lost, and a title's "<union>" words too."""
    path = tmp_path / "cards.mdx"
    path.write_text(
        "---\ntitle: Join the <union>dockers' union</union>\n---\n"
        "<CardGrid>\n"
        '  <Card title="Join">Membership is £1 a week.</Card>\n'
        "  <Card>Stewards wear orange.</Card>\n"
        "</CardGrid>\n\n"
        "<List>Bring water.</List> <Set>Meet at noon.</Set> <Path>Gate 4.</Path>\n"
    )
    document = read(path)
    tree = lxml.html.fromstring(f"<div>{document.body_html}</div>")
    assert [" ".join(p.text_content().split()) for p in tree.xpath("./p")] == [
        "Join",
        "Membership is £1 a week.",
        "Stewards wear orange.",
        "Bring water. Meet at noon. Gate 4.",
    ]
    assert document.title == "Join the dockers’ union"


def test_a_components_tag_over_several_lines_or_with_script_props_is_read_as_a_tag(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Older Docusaurus tabs name their labels in `<Tabs values={[…]}>`, a tag Prettier
    wraps over several lines: it was printed as text ("<Tabs defaultValue=”apple”
    values={[ {label: ‘Apple’ …"), and each tab's text had no label. A prop's arrow
    function (`onClick={() => go()}`) ended the tag at its ">" and was said to be printed
    as written. Now each tag is a tag, and a tab named by its value has its label."""
    path = tmp_path / "fruit.mdx"
    path.write_text(
        '---\ntitle: Fruit\n---\n\n<Tabs\n  defaultValue="apple"\n  values={[\n'
        "    {label: 'Apple', value: 'apple'},\n    {value: 'orange', label: 'Orange'},\n  ]}>\n"
        '  <TabItem value="apple">This is an apple.</TabItem>\n'
        '  <TabItem value="orange">This is an orange.</TabItem>\n</Tabs>\n\n'
        "<Callout\n  style={{color: 'red'}}\n  title=\"Join us\"\n  onClick={() => { go(1) }}>\n"
        "Meetings on Tuesdays.\n</Callout>\n"
    )
    caplog.set_level(logging.WARNING, logger="publisher")
    tree = lxml.html.fromstring(f"<div>{read(path).body_html}</div>")
    assert [" ".join(child.text_content().split()) for child in tree] == [
        "Apple",
        "This is an apple.",
        "Orange",
        "This is an orange.",
        "Join us",
        "Meetings on Tuesdays.",
    ]
    assert not caplog.records, caplog.text


def test_an_mdx_text_of_tags_never_closed_is_read_in_time_linear_in_it() -> None:
    """In a child bounded at 60 s (this takes a few seconds): looking from every "<A" to
    the text's end for its "/>" took 28 s for 60 KB, and hours for these 3.6 MB; from
    every "{/*" for its "*/}", 16 s for 100 KB."""
    finishes_within(
        60,
        "from pathlib import Path",
        "from publisher.readers.mdx import markdown_of_mdx",
        "texts = ('<A ' * 300_000, '<A{' * 300_000, '<A b=\"' * 300_000, '{/* ' * 100_000)",
        "for text in texts:",
        "    markdown_of_mdx(text, {}, Path('post.mdx'), 1, set())",
    )


DOCUSAURUS_GUIDE = """\
---
title: Tenant rights guide
sidebar_position: 2
---
import Tabs from '@theme/Tabs';

:::danger Eviction notice
If you receive a notice, call us **immediately**.
:::

:::tip

Keep every letter your landlord sends.

:::

::::info[Repairs]
Write to your landlord first.

:::warning
Keep a copy.
:::
::::

```md
:::note
shown as written
:::
```

Starlight's, as Astro writes them:

:::note[Volunteers]
We need stewards for the next march.
:::
"""


@pytest.mark.parametrize("suffix", [".mdx", ".md"])
def test_docusaurus_and_starlight_admonitions_are_quotes_with_their_title_or_kind(
    tmp_path: Path, suffix: str
) -> None:
    """`:::danger Title`, `:::note[Title]` and `:::tip` (Docusaurus', Starlight's) are drawn
    as an Obsidian callout is: a quote whose first line is its title in bold, or its kind;
    nested ones (`::::` around `:::`) nest; in code they stay as written. In a `.md` too,
    as Docusaurus and Starlight read them there: its titled ones printed their colons."""
    path = tmp_path / f"guide{suffix}"
    path.write_text(DOCUSAURUS_GUIDE)
    tree = lxml.html.fromstring(f"<div>{read(path).body_html}</div>")
    quotes = [
        [" ".join(child.text_content().split()) for child in quote]
        for quote in tree.xpath("./blockquote")
    ]
    assert quotes == [
        ["Eviction notice", "If you receive a notice, call us immediately."],
        ["Tip", "Keep every letter your landlord sends."],
        ["Repairs", "Write to your landlord first.", "Warning Keep a copy."],
        ["Volunteers", "We need stewards for the next march."],
    ]
    assert [q.xpath("string(./p[1]/strong)") for q in tree.xpath("//blockquote")] == [
        "Eviction notice",
        "Tip",
        "Repairs",
        "Warning",
        "Volunteers",
    ]
    assert ":::note\nshown as written\n:::" in tree.xpath("string(//pre)")
    assert "Starlight’s, as Astro writes them:" in tree.text_content()
    assert ":::" not in tree.text_content().replace(tree.xpath("string(//pre)"), "")


def test_vitepress_and_hedgedoc_boxes_are_quotes_with_their_title_or_kind(
    tmp_path: Path,
) -> None:
    """VitePress' `::: details Title` and HedgeDoc's `:::spoiler Title` and `:::success`, as
    a statement drafted in a pad or a handbook page arrive: no colons printed, no title
    lost, the folded text shown (print and mail cannot fold)."""
    path = tmp_path / "pad.md"
    path.write_text(
        "---\ntitle: Pad\n---\n\n::: details Who to call\nAna, 0600 000 000.\n:::\n\n"
        ":::spoiler Press contacts\nOnly for the press team.\n:::\n\n"
        ":::success\nThe hall is booked.\n:::\n"
    )
    tree = lxml.html.fromstring(f"<div>{read(path).body_html}</div>")
    quotes = [[p.text_content() for p in quote] for quote in tree.xpath("./blockquote")]
    assert quotes == [
        ["Who to call", "Ana, 0600 000 000."],
        ["Press contacts", "Only for the press team."],
        ["Success", "The hall is booked."],
    ]


PANDOC_CALLOUTS = """\
---
title: March notes
---

::: {.callout-warning title="Bring water"}
The march is long.
:::

::: {.callout-note}

## Meeting point

The square, at ten.
:::

::: {.warning title='Stay together'}
Walk in groups.
:::

::: {.callout-important collapse="true"}
Stewards wear orange.
:::

:::tip Banners
Bring your branch's.

::: {.columns}
Two columns of words.
:::

Still the tip's.
:::

::: {.note}
An editor's note, publisher's own.
:::
"""


def test_pandoc_and_quarto_callouts_are_quotes_with_their_title_or_kind(tmp_path: Path) -> None:
    """A callout written as a pandoc div (Quarto's `::: {.callout-warning title="…"}`, or
    its title as the heading it opens with; `{.warning title="…"}`) kept its title only
    in an attribute no output shows: it is a quote under its title in bold, or its kind,
    as Docusaurus' are. Another div inside a box keeps its own closing `:::`, which
    closed the box, leaving the rest of it outside and a `:::` printed."""
    path = tmp_path / "notes.md"
    path.write_text(PANDOC_CALLOUTS)
    tree = lxml.html.fromstring(f"<div>{read(path).body_html}</div>")
    quotes = [
        [" ".join(child.text_content().split()) for child in quote]
        for quote in tree.xpath("./blockquote")
    ]
    assert quotes == [
        ["Bring water", "The march is long."],
        ["Meeting point", "The square, at ten."],
        ["Stay together", "Walk in groups."],
        ["Important", "Stewards wear orange."],
        ["Banners", "Bring your branch’s.", "Two columns of words.", "Still the tip’s."],
    ]
    assert [q.xpath("string(./p[1]/strong)") for q in tree.xpath("./blockquote")] == [
        "Bring water",
        "Meeting point",
        "Stay together",
        "Important",
        "Banners",
    ]
    assert not tree.xpath("//h2")  # the heading was the callout's title
    assert (
        tree.xpath("string(./div[@class='note'])").strip() == "An editor’s note, publisher’s own."
    )
    assert ":::" not in tree.text_content()


def test_boxes_opened_one_in_another_thousands_deep_are_read_in_bounded_time() -> None:
    """In a child bounded at 60 s (a second here): each line of a box is quoted once for
    each box it is in, so 100,000 `:::tip` one in another made a text of gigabytes and
    minutes; 1,200 MkDocs boxes indented one in another ran out of Python's stack."""
    finishes_within(
        60,
        "from publisher.readers.admonitions import admonitions_as_callouts",
        "from publisher.readers.admonitions import indented_admonitions_as_callouts",
        "out = admonitions_as_callouts(':::tip\\n' * 100_000 + 'deep')",
        "assert len(out) < 5_000_000 and out.endswith('deep'), len(out)",
        "text = ''.join(' ' * 4 * k + '!!! note\\n' for k in range(1_200)) + ' ' * 4_800 + 'deep'",
        "assert indented_admonitions_as_callouts(text).endswith('deep')",
    )


def test_mkdocs_admonitions_are_quotes_with_their_title_and_their_text_not_code(
    tmp_path: Path,
) -> None:
    """Material for MkDocs' `!!! warning "Title"` over lines indented four spaces printed
    its marks as a paragraph, and its second paragraph as a block of code. Nested ones
    nest, a folded `??? note` is shown open, `""` is a box with no title; "!!! STRIKE
    TOMORROW" over a paragraph stays words; in code, all stay as typed."""
    path = tmp_path / "handbook.md"
    path.write_text(
        "---\ntitle: Handbook\n---\n\nBefore.\n"
        '!!! warning "Bring ID"\n    The police may ask for it.\n\n    Keep it on you.\n\n'
        "    !!! tip\n        Nested tip.\n\n"
        '??? note\n    Folded note.\n\n!!! info ""\n    No title.\n\n'
        "!!! STRIKE TOMORROW\n\nAll out at 6.\n\n```\n!!! note\n    kept\n```\n"
    )
    tree = lxml.html.fromstring(f"<div>{read(path).body_html}</div>")
    quotes = [
        [" ".join(child.text_content().split()) for child in quote]
        for quote in tree.xpath("./blockquote")
    ]
    assert quotes == [
        ["Bring ID", "The police may ask for it.", "Keep it on you.", "Tip Nested tip."],
        ["Note", "Folded note."],
        ["No title."],
    ]
    assert [p.text_content() for p in tree.xpath("./p")] == [
        "Before.",
        "!!! STRIKE TOMORROW",
        "All out at 6.",
    ]
    assert tree.xpath("string(//pre)") == "!!! note\n    kept"


def test_mkdocs_content_tabs_are_each_under_its_title(tmp_path: Path) -> None:
    """Material for MkDocs' content tabs (`=== "English"` over indented lines), as a site
    shows one statement in several languages: each tab's text was a block of code under
    a paragraph of its marks. In print and mail, each comes under its title in turn."""
    path = tmp_path / "statement.md"
    path.write_text(
        '---\ntitle: Statement\n---\n\n=== "English"\n    We stand *together*.\n\n'
        '=== "Español"\n    Estamos juntas.\n\n    !!! note\n        Traducción de Ana.\n'
    )
    tree = lxml.html.fromstring(f"<div>{read(path).body_html}</div>")
    assert [" ".join(child.text_content().split()) for child in tree] == [
        "English",
        "We stand together.",
        "Español",
        "Estamos juntas.",
        "Note Traducción de Ana.",
    ]
    assert tree.xpath("string(./p[1]/strong)") == "English" and not tree.xpath("//pre")


def test_a_zola_posts_shortcodes_show_what_the_site_showed(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A post copied from a Zola site mailed `{{ youtube(id="…") }}` and a theme's
    `{% note(…) %}` as typed. Zola's own are links to what they show; a theme's loses its
    tags, keeps its words and is named with its line; in code, all stay as typed."""
    path = tmp_path / "rally.md"
    path.write_text(
        '+++\ntitle = "Rally"\n+++\n\nWatch {{ youtube(id="dQw4w9WgXcQ", autoplay=true) }}\n\n'
        '{% note(kind="warning") %}\nBring *water*.\n{% end %}\n\n'
        "{{ vimeo(id='146022717') }} {{ streamable(id=\"92ok4\") }}"
        ' {{ gist(url="https://gist.github.com/ana/abc") }}{{ counter(n=3) }}\n\n'
        '```\n{{ youtube(id="kept") }}\n```\n'
    )
    caplog.set_level(logging.WARNING, logger="publisher")
    tree = lxml.html.fromstring(f"<div>{read(path).body_html}</div>")
    assert tree.xpath("//a/@href") == [
        "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        "https://vimeo.com/146022717",
        "https://streamable.com/92ok4",
        "https://gist.github.com/ana/abc",
    ]
    assert tree.xpath("string(./p[2])") == "Bring water."
    assert tree.xpath("string(//pre)") == '{{ youtube(id="kept") }}'
    [said] = [r.getMessage() for r in caplog.records]
    assert said.endswith("taken away (what they wrap is kept): note (line 7); counter (line 11)")


def test_a_zola_themes_box_keeps_its_title_above_what_it_wraps(tmp_path: Path) -> None:
    """A theme's box titled `title="…"` (a note's heading, a tab's language) lost its title
    with its tags; on lines of its own it is a bold line above what it wraps, as Hugo's.
    Inside a sentence, a title would cut it in two: none is shown."""
    path = tmp_path / "rally.md"
    path.write_text(
        '+++\ntitle = "Rally"\n+++\n\n{% note(kind="info", title="Stewards") %}\n'
        "Stewards wear *orange*.\n{% end %}\n\n"
        'A {% tip(title="an old word") %}scab{% end %} crossed the line.\n'
    )
    tree = lxml.html.fromstring(f"<div>{read(path).body_html}</div>")
    assert [p.text_content() for p in tree.xpath("./p")] == [
        "Stewards",
        "Stewards wear orange.",
        "A scab crossed the line.",
    ]
    assert tree.xpath("string(./p[1]/strong)") == "Stewards"


def test_an_eleventy_posts_nunjucks_call_is_not_named_a_zola_shortcode(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """`{{ year() }}` in a post from an Eleventy site is taken away as Zola's calls are (the
    syntax is the same): the warning called it a Zola shortcode, which sent the editor
    looking for a Zola site they never had."""
    path = tmp_path / "report.md"
    path.write_text("---\ntitle: Report\n---\n\nCopyright {{ year() }} the branch.\n")
    caplog.set_level(logging.WARNING, logger="publisher")
    assert "year" not in read(path).body_html
    [said] = [r.getMessage() for r in caplog.records]
    assert said == (
        f"{path}: template calls publisher does not know (a Zola site's shortcodes, an Eleventy"
        " site's Nunjucks functions), taken away (what they wrap is kept): year (line 5)"
    )


MERGE_TAGGED = (
    "Dear *|FNAME|*,\n\n"
    'Thanks for joining, *|FNAME|*. Hi {first_name, "friend"}! Write to'
    " {{ subscriber.email }} any time.\n\n"
    "¡Hola {{ contact.FIRSTNAME }}!\n\n"
    "[Name,fallback=compa], bienvenida. *|UNSUB|*\n\n"
    "عزيزي *|FNAME|*،\n"
)


@pytest.mark.parametrize("suffix", [".md", ".txt"])
def test_mail_merge_tags_of_another_service_are_taken_out_or_their_fallback_printed(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, suffix: str
) -> None:
    """A letter copied from Mailchimp, Ghost, Brevo, ConvertKit or Sendy went to every
    subscriber as "Dear |FNAME|," (its stars italics) and linked `subscriber.email` as a
    web site. publisher sends all the same text: each tag goes, a fallback is printed, a
    greeting left with no name goes whole, and the editor is told the line."""
    path = tmp_path / f"welcome{suffix}"
    head = "---\ntitle: Welcome\n---\n\n" if suffix == ".md" else "Welcome\n\n"
    code = "\n```\n*|FNAME|* in code stays\n```\n" if suffix == ".md" else ""
    path.write_text(head + MERGE_TAGGED + code)
    caplog.set_level(logging.WARNING, logger="publisher")
    tree = lxml.html.fromstring(f"<div>{read(path).body_html}</div>")
    assert [p.text_content() for p in tree.iter("p")] == [
        "Thanks for joining. Hi friend! Write to any time.",
        "compa, bienvenida.",
    ]
    assert not tree.xpath("//a") and not tree.xpath("//em") and not tree.xpath("//strong")
    assert tree.xpath("string(//pre)") == ("*|FNAME|* in code stays" if code else "")
    [said] = [r.getMessage() for r in caplog.records if "mail-merge" in r.getMessage()]
    line = 5 if suffix == ".md" else 3  # "Dear *|FNAME|*,", under the title
    assert said.startswith(f"{path}:{line}: mail-merge tags taken out (*|FNAME|*, *|UNSUB|*,")


@pytest.mark.parametrize(
    ("service", "greeting", "later"),
    [
        ("Campaign Monitor", "Hi [firstname,fallback=],", "[firstname,fallback=friend]"),
        ("ActiveCampaign", "Hello %FIRSTNAME%,", "%FIRSTNAME%"),
        ("Constant Contact", "Dear [[FIRSTNAME]],", '[[FIRSTNAME OR "friend"]]'),
        ("MailPoet", "Hi [subscriber:firstname],", "[subscriber:firstname | default:friend]"),
    ],
)
def test_other_services_merge_tags_are_taken_out_or_their_fallback_printed(
    tmp_path: Path, service: str, greeting: str, later: str
) -> None:
    """A letter copied from Campaign Monitor, ActiveCampaign, Constant Contact or MailPoet
    (WordPress's) printed its tags as typed, Constant Contact's as a link to nowhere: a
    greeting with no name goes, a fallback is printed, as for the services before."""
    path = tmp_path / "welcome.md"
    path.write_text(f"---\ntitle: Welcome\n---\n\n{greeting}\n\nThanks, {later}, for joining.\n")
    tree = lxml.html.fromstring(f"<div>{read(path).body_html}</div>")
    thanks = "Thanks, friend, for joining." if "friend" in later else "Thanks for joining."
    assert [p.text_content() for p in tree.iter("p")] == [thanks], service
    assert not tree.xpath("//a")


def test_a_letter_saved_from_mailchimp_as_a_page_loses_its_merge_tags_and_their_links(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """The same letter, saved as a web page into documents/: "Dear *|FNAME|*," went out,
    and its "Unsubscribe" led to `*|UNSUB|*`, no page. publisher's own footer carries each
    subscriber's unsubscribe link."""
    path = tmp_path / "welcome.html"
    path.write_text(
        "<html><head><title>Welcome</title></head><body><p>Dear *|FNAME|*,</p>"
        "<p>Thanks for joining, *|FNAME|*. Hi {first_name, &quot;friend&quot;}!</p>"
        "<pre><code>*|FNAME|* in code</code></pre>"
        '<p><a href="*|UNSUB|*">Unsubscribe</a> <a href="https://x.org/">Our site</a></p>'
        "</body></html>"
    )
    caplog.set_level(logging.WARNING, logger="publisher")
    tree = lxml.html.fromstring(f"<div>{read(path).body_html}</div>")
    assert [" ".join(p.text_content().split()) for p in tree.iter("p")] == [
        "Thanks for joining. Hi friend!",
        "Our site",
    ]
    assert tree.xpath("//a/@href") == ["https://x.org/"]
    assert tree.xpath("string(//pre)") == "*|FNAME|* in code"
    [said] = [r.getMessage() for r in caplog.records if "mail-merge" in r.getMessage()]
    assert said.startswith(f"{path}: mail-merge tags taken out (*|FNAME|*, *|UNSUB|*,")


@pytest.mark.parametrize("suffix", [".txt", ".md"])
def test_ligatures_of_text_copied_from_a_pdf_are_spelled_out(tmp_path: Path, suffix: str) -> None:
    """Text copied out of a PDF keeps its typesetter's ligatures as characters of their own
    ("ﬁnancial" with U+FB01): `publisher import` spelled them out, but a file put straight
    into documents/ kept them, in its title and tags too, so the web archive's search found
    no "financial" and the PDF could not hyphenate the word."""
    path = tmp_path / f"report{suffix}"
    text = "The ﬁnancial ofﬁce reported ﬂat wages, aﬄuent and eﬀective."
    head = "---\ntitle: The ﬁnancial report\ntags: [ﬁnance]\n---\n\n"
    path.write_text((head if suffix == ".md" else "The ﬁnancial report\n\n") + text + "\n")
    document = read(path)
    assert document.title == "The financial report"
    assert "The financial office reported flat wages, affluent and effective." in document.body_html
    if suffix == ".md":
        assert document.tags == ("finance",)


@pytest.mark.parametrize("suffix", [".txt", ".md"])
def test_a_mailchimp_letters_conditional_content_is_what_every_subscriber_was_sent(
    tmp_path: Path, suffix: str, caplog: pytest.LogCaptureFixture
) -> None:
    """A letter copied out of Mailchimp's editor sends some subscribers words of their own
    (`*|IF:…|*` … `*|ELSE:|*` … `*|END:IF|*`): both were printed to everyone, the
    stewards' ballot code with them, the first tag read as italics. What everyone else was
    sent is kept, said at the condition's line; an `*|IFNOT:…|*`'s words are everyone's,
    its `*|ELSE:|*`'s the some's."""
    path = tmp_path / f"ballot{suffix}"
    head = "---\ntitle: Ballot\n---\n\n" if suffix == ".md" else "Ballot\n\n"
    path.write_text(
        head + "The ballot opens.\n\n*|IF:MEMBERTYPE=steward|*\nStewards: the code is 7731.\n"
        "*|ELSE:|*\nAsk your steward for the code.\n*|END:IF|*\n\n"
        "*|IFNOT:ARCHIVE_PAGE|*Vote yes.*|ELSE:|*Read on the site.*|END:IF|*\n"
    )
    caplog.set_level(logging.WARNING, logger="publisher")
    tree = lxml.html.fromstring(f"<div>{read(path).body_html}</div>")
    assert [" ".join(p.text_content().split()) for p in tree.iter("p")] == [
        "The ballot opens.",
        "Ask your steward for the code.",
        "Vote yes.",
    ]
    line = len(head.splitlines()) + 3
    assert said_of(caplog, "some subscribers only") == [
        f"{path}:{line}: what the newsletter service sent some subscribers only"
        " (*|IF:MEMBERTYPE=steward|*…) left out: publisher sends every subscriber the same"
        " text, and keeps what the others were sent"
    ]


def test_a_kit_or_brevo_letters_conditions_on_the_subscriber_are_what_everyone_was_sent(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Kit's Liquid and Brevo's tags greet a subscriber by name when there is one
    (`{% if subscriber.first_name != blank %}Hi {{ subscriber.first_name }},{% else %}Hi
    there,{% endif %}`) and show some their own words: the tags were printed as typed, and
    both greetings. What a subscriber with no name, or none of the tags, was sent is kept;
    a condition about anything else (a site's `{% if page.x %}`) is left as written, and
    so is one in code."""
    path = tmp_path / "letter.md"
    path.write_text(
        "---\ntitle: Letter\n---\n\n{% if subscriber.first_name != blank %}Hi"
        " {{ subscriber.first_name }},{% else %}Hi there,{% endif %}\n\n"
        '{% if subscriber.tags contains "Steward" %}Stewards: the code is 7731.{% endif %}'
        "The ballot opens.\n\n{%- if contact.FIRSTNAME -%}Bonjour {{ contact.FIRSTNAME }}"
        "{%- else -%}Bonjour{%- endif -%}, camarades.\n\nIn code: `{% if subscriber.x %}`.\n\n"
        "{% if page.x %}Site words.{% endif %}\n"
    )
    caplog.set_level(logging.WARNING, logger="publisher")
    tree = lxml.html.fromstring(f"<div>{read(path).body_html}</div>")
    assert [" ".join(p.text_content().split()) for p in tree.iter("p")] == [
        "Hi there,",
        "The ballot opens.",
        "Bonjour, camarades.",
        "In code: {% if subscriber.x %}.",
        "{% if page.x %}Site words.{% endif %}",
    ]
    [said] = said_of(caplog, "some subscribers only")
    assert said.startswith(
        f"{path}:5: what the newsletter service sent some subscribers only"
        " ({% if subscriber.first_name != blank %}…)"
    )


def test_what_a_saved_page_or_email_hides_is_left_out_and_a_fold_is_kept(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A newsletter saved from the mail program as HTML hides its preview text (styled
    `display: none`, or no height shown), and a page may hide a draft (`hidden`) or keep a
    `<template>`: a browser shows none of them, and each was printed, the preview text
    over the title. They are left out, said; an answer folded behind its question's button
    (`aria-controls`) is the reader's to open, and stays."""
    path = tmp_path / "letter.html"
    path.write_text(
        "<html><head><title>Ballot</title></head><body>"
        '<div style="display:none;max-height:0;overflow:hidden">The ballot opens Monday</div>'
        '<span style="color:#fff;max-height: 0px; overflow: hidden;">&#847; &#847;</span>'
        '<h1>Ballot</h1><p>Vote <span style="display: none">(draft)</span>yes. The ballot'
        " opens on Monday at the union office: bring your card, and ask your steward if no"
        " paper came.</p>"
        "<div hidden><p>Check the figures with Ana.</p></div><template><p>Name</p></template>"
        '<h3><button aria-controls="pay" aria-expanded="false">Strike pay?</button></h3>'
        '<div id="pay" hidden><p>Weekly.</p></div></body></html>'
    )
    caplog.set_level(logging.INFO, logger="publisher")
    document = read(path)
    tree = lxml.html.fromstring(f"<div>{document.body_html}</div>")
    assert document.title == "Ballot"
    assert [" ".join(p.text_content().split()) for p in tree.iter("p", "h3")] == [
        "Vote yes. The ballot opens on Monday at the union office: bring your card, and ask"
        " your steward if no paper came.",
        "Strike pay?",
        "Weekly.",
    ]
    assert said_of(caplog, "hides") == [
        f"{path}: what the page hides (5 parts) is left out, as a browser shows it"
    ]


def test_thousands_of_hidden_parts_are_left_out_in_time_linear_in_the_page() -> None:
    """In a child bounded at 10 s (this takes a second or two): each element was looked
    for among those already found hidden, so 32,000 hidden spans took 35 s."""
    finishes_within(
        10,
        "import lxml.html",
        "from publisher.readers.hidden_text import hidden_page_parts_removed",
        "hidden = '<span hidden>x <b>y</b></span>' * 32_000",
        "page = '<html><body>' + '<p>four words of text</p>' * 96_000 + hidden + '</body></html>'",
        "assert hidden_page_parts_removed(lxml.html.document_fromstring(page)) == 32_000",
    )


def test_a_page_that_hides_most_of_its_words_until_a_script_shows_them_keeps_them(
    tmp_path: Path,
) -> None:
    """A theme that shows its page once a script has run (behind a "Loading" screen) hides
    the whole article until then: saved before the script ran, the page would lose every
    word but "Loading". Hiding most of a page's words is a script's doing, not the
    writer's: nothing is left out."""
    path = tmp_path / "statement.html"
    path.write_text(
        "<html><head><title>Statement</title></head><body><div>Loading</div>"
        '<div style="display:none"><h1>Statement</h1><p>We strike on Monday.</p></div>'
        "</body></html>"
    )
    tree = lxml.html.fromstring(f"<div>{read(path).body_html}</div>")
    assert [p.text_content() for p in tree.iter("p")] == ["We strike on Monday."]


WORDPRESS_CODE = (
    "The strike began on Monday.\n\n"
    '[caption id="attachment_12" align="aligncenter" width="300"]Pickets at gate 4[/caption]\n\n'
    "[embed]https://www.youtube.com/watch?v=dQw4w9WgXcQ[/embed]\n\n"
    '[contact-form-7 id="5" title="Contact"]\n\n[vc_row][vc_column]Solidarity [sic].'
    '[vc_btn title="Donate" link="url:https%3A%2F%2Fexample.org%2Fdonate|target:_blank"]'
    "[/vc_column][/vc_row]\n\n"
    '[pdf-embedder url="https://example.org/wp-content/uploads/strike-ballot.pdf"]\n\n'
    'Press [button] to vote, or [su_button url="https://example.org/vote"]vote online[/su_button].\n'
)


@pytest.mark.parametrize("suffix", [".txt", ".md"])
def test_wordpress_shortcodes_in_a_copied_post_show_what_the_site_showed(
    tmp_path: Path, suffix: str
) -> None:
    """A post copied out of WordPress's code editor printed `[caption id=…]`, linked the
    video to an address ending in `[/embed]` (no such page), and printed the contact
    form's tag; a page builder's button went with its layout, unseen, and a plugin's PDF
    or button printed as typed. As the site showed it: the caption's words, the video's
    address as a link, no form, the page builder's layout gone, each button a link with its
    words, the PDF a link to it; "[sic]" and a "[button]" in a sentence are the writer's."""
    path = tmp_path / f"strike{suffix}"
    path.write_text(
        ("---\ntitle: Strike\n---\n\n" if suffix == ".md" else "Strike\n\n") + WORDPRESS_CODE
    )
    tree = lxml.html.fromstring(f"<div>{read(path).body_html}</div>")
    assert [p.text_content() for p in tree.iter("p")] == [
        "The strike began on Monday.",
        "Pickets at gate 4",
        "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        "Solidarity [sic].",
        "Donate",
        "strike-ballot.pdf",
        "Press [button] to vote, or vote online.",
    ]
    assert tree.xpath("//a/@href") == [
        "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        "https://example.org/donate",
        "https://example.org/wp-content/uploads/strike-ballot.pdf",
        "https://example.org/vote",
    ]


@pytest.mark.parametrize("suffix", [".txt", ".md"])
def test_a_copied_posts_shortcodes_publisher_cannot_draw_are_said_at_their_lines(
    tmp_path: Path, suffix: str, caplog: pytest.LogCaptureFixture
) -> None:
    """A plugin's shortcode publisher cannot draw (TablePress's table, a theme's team grid)
    was printed as typed without a word, and the table it stood for missed. It is kept as
    typed and said once, with each of its lines; the shortcodes publisher shows as the site
    did, "[sic]", a "[button]" in a sentence and code are not named."""
    path = tmp_path / f"strike{suffix}"
    head = "---\ntitle: Strike\n---\n\n" if suffix == ".md" else "Strike\n\n"
    path.write_text(
        head
        + WORDPRESS_CODE
        + "\n[table id=1 /]\n\n`[table id=2 /]`\n\n[team columns=3]Organisers[/team]\n\n"
        + "[table id=1 /]\n"
    )
    caplog.set_level(logging.WARNING, logger="publisher")
    body = read(path).body_html
    assert body.count("[table id=1 /]") == 2
    line = len(head.splitlines()) + len(WORDPRESS_CODE.splitlines()) + 2
    assert said_of(caplog, "shortcodes") == [
        f"{path}: shortcodes publisher cannot draw (a WordPress plugin drew them on the site),"
        f" printed as typed: [table id=1 /] (line {line}, {line + 6}); [team columns=3]"
        f" (line {line + 4}); write in what they showed, or take them out"
    ]


@pytest.mark.parametrize("suffix", [".txt", ".md"])
def test_a_copied_posts_words_for_members_only_are_left_out_said_at_their_line(
    tmp_path: Path, suffix: str, caplog: pytest.LogCaptureFixture
) -> None:
    """A post copied out of a union's WordPress kept what its membership plugin showed
    signed-in members only (`[restrict]…[/restrict]`), printed to all with the tags round
    it. The words go, with a warning at their line saying how to publish them."""
    path = tmp_path / f"offer{suffix}"
    head = "---\ntitle: Offer\n---\n\n" if suffix == ".md" else "Offer\n\n"
    path.write_text(
        head + 'Pay rises 4%.\n\n[restrict level="1"]Members: the ballot code is 7731.'
        "[/restrict]\n\nVote yes.\n"
    )
    caplog.set_level(logging.WARNING, logger="publisher")
    tree = lxml.html.fromstring(f"<div>{read(path).body_html}</div>")
    assert [p.text_content() for p in tree.iter("p")] == ["Pay rises 4%.", "Vote yes."]
    line = len(head.splitlines()) + 3
    assert said_of(caplog, "membership") == [
        f"{path}:{line}: what a membership plugin showed the site's members only ([restrict]…)"
        " left out: the issue is published to all; copy the words out of the shortcode to"
        " publish them"
    ]


def test_thousands_of_wordpress_shortcodes_never_closed_are_read_in_time_linear_in_the_text() -> (
    None
):
    """In a child bounded at 10 s (this takes a tenth of one): from each `[embed` or
    `[contact-form` the search for its end, or its closing tag, went to the text's end;
    8,000 of them took 10 s, 80,000 would take 15 minutes."""
    finishes_within(
        10,
        "from publisher.importers.wp_shortcodes import shortcodes_as_text, shortcodes_shown",
        "for text in ('[embed] a ' * 80_000, '[contact-form a ' * 80_000, '[toc a=1 ' * 80_000,",
        "             '[pullquote] a ' * 80_000, '[su_spoiler title=\"a\"' * 80_000):",
        "    assert shortcodes_as_text(text) == shortcodes_shown(text)",
        "assert shortcodes_as_text('[embed] a ' * 3) == ' a ' * 3",
    )


def test_thousands_of_shortcodes_publisher_cannot_draw_are_said_briefly_in_linear_time() -> None:
    """In a child bounded at 10 s (this takes well under one): each shortcode's line was
    counted from the text's start, and every line named, so 20,000 took 2 s and a warning
    of 120 KB; 80,000 would take half a minute. The first five are named, with their first
    ten lines each."""
    finishes_within(
        10,
        "import logging",
        "from pathlib import Path",
        "from publisher.importers.wp_shortcodes import shortcodes_as_text",
        "said = []",
        "handler = logging.Handler()",
        "handler.emit = lambda record: said.append(record.getMessage())",
        "logging.getLogger('publisher').addHandler(handler)",
        "text = 'a [x a=1] b\\n' * 80_000 + ''.join(f'[y{n} a=1]\\n' for n in range(7))",
        "assert shortcodes_as_text(text, Path('post.md')) == text",
        "[warning] = said",
        "assert '[x a=1] (line 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 and 79990 more)' in warning",
        "assert '[y3 a=1] (line 80004); and 3 more;' in warning, warning",
    )


def test_a_hedgedoc_pads_embeds_are_links_and_its_tags_say_who_and_when(
    tmp_path: Path,
) -> None:
    """A statement drafted in a HedgeDoc pad printed `{%youtube dQw4w9WgXcQ %}` and
    `[name=Ana] [time=…]` as typed. The pad showed the video, and who wrote the line when;
    the issue links the video and says who in brackets. In code, they stay as typed."""
    path = tmp_path / "pad.md"
    path.write_text(
        "---\ntitle: Pad\n---\n\nComments by Friday. [name=Ana] [time=Mon, Mar 2, 2026]\n\n"
        "{%youtube dQw4w9WgXcQ %}\n\n{%gist ana/abc123 %}\n\n> A quote [color=#e66]\n\n"
        "```\n{%vimeo 1 %} [name=kept]\n```\n"
    )
    tree = lxml.html.fromstring(f"<div>{read(path).body_html}</div>")
    assert [p.text_content() for p in tree.iter("p")] == [
        "Comments by Friday. (Ana, Mon, Mar 2, 2026)",
        "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        "https://gist.github.com/ana/abc123",
        "A quote",
    ]
    assert tree.xpath("//a/@href") == [
        "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        "https://gist.github.com/ana/abc123",
    ]
    assert tree.xpath("string(//pre)") == "{%vimeo 1 %} [name=kept]"


@pytest.mark.parametrize("kind", ["docx", "odt", "rtf"])
def test_a_word_processed_files_short_bold_first_paragraph_is_its_title(
    tmp_path: Path, kind: str
) -> None:
    """As most statements are typed in Word, LibreOffice or TextEdit: no title property, no
    Title style, the first line made bold. It is the title, not a paragraph under the file's
    name."""
    path = tmp_path / f"statement-final-v2.{kind}"
    text = "**Rent strike at *number 12***\n\nWe withhold rent until the damp is fixed.\n"
    pypandoc.convert_text(text, kind, format="markdown", outputfile=str(path))
    doc = read(path)
    assert doc.title == "Rent strike at number 12"
    assert re.findall(r"<p>(.*?)</p>", doc.body_html) == [
        "We withhold rent until the damp is fixed."
    ]


STATEMENT_UNDER_A_BOLD_TITLE = (
    "**Statement on the port closure**\n\n"
    '::: {custom-style="Subtitle"}\nThe branch responds to the employers\n:::\n\n'
    '::: {custom-style="Author"}\nAna Ruiz\n:::\n\n'
    '::: {custom-style="Date"}\n3 March 2026\n:::\n\n'
    "The employers announced the closure on Monday.\n"
)


@pytest.mark.parametrize("kind", ["docx", "odt"])
@pytest.mark.parametrize("title", ["in bold", "in the Title style"])
def test_a_titles_subtitle_author_and_date_typed_in_their_styles_are_its_own(
    tmp_path: Path, kind: str, title: str
) -> None:
    """A statement typed from a template: the title, then lines in the Subtitle, Author and
    Date styles. pandoc reads those styles only under a title in the Title style, and not
    at all in a LibreOffice file: they were printed as the text's first paragraphs, and the
    article had no subtitle, author or date."""
    path = tmp_path / f"statement.{kind}"
    text = STATEMENT_UNDER_A_BOLD_TITLE
    if title == "in the Title style":
        text = text.replace(
            "**Statement on the port closure**",
            '::: {custom-style="Title"}\nStatement on the port closure\n:::',
        )
    pypandoc.convert_text(text, kind, format="markdown", outputfile=str(path))
    if kind == "odt":  # LibreOffice names whoever Tools > Options > User Data names
        from test_office_contents import edited

        edited(path, "meta.xml", lambda xml: xml.replace("creator></", "creator>Front desk</"))
    doc = read(path)
    assert (doc.title, doc.subtitle) == (
        "Statement on the port closure",
        "The branch responds to the employers",
    )
    assert (doc.authors, doc.date) == (("Ana Ruiz",), dt.date(2026, 3, 3))
    assert re.findall(r"<p>(.*?)</p>", doc.body_html) == [
        "The employers announced the closure on Monday."
    ]


def test_lines_in_the_subtitle_style_further_down_stay_in_the_text(tmp_path: Path) -> None:
    """Only the lines right under the bold title are its subtitle, author and date."""
    path = tmp_path / "statement.docx"
    text = STATEMENT_UNDER_A_BOLD_TITLE.replace(
        "**Statement on the port closure**\n\n",
        "**Statement on the port closure**\n\nRead out at the gate.\n\n",
    )
    pypandoc.convert_text(text, "docx", format="markdown", outputfile=str(path))
    doc = read(path)
    assert (doc.title, doc.subtitle, doc.authors) == ("Statement on the port closure", "", ())
    assert re.findall(r"<p>(.*?)</p>", doc.body_html)[:2] == [
        "Read out at the gate.",
        "The branch responds to the employers",
    ]


# docProps/core.xml as Word saves it once File > Info's Title is filled in
WORD_CORE_PROPERTIES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<cp:coreProperties'
    ' xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"'
    ' xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"'
    ' xmlns:dcmitype="http://purl.org/dc/dcmitype/"'
    ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>{title}</dc:title>'
    "<dc:creator>Ana Ruiz</dc:creator><cp:lastModifiedBy>Ana Ruiz</cp:lastModifiedBy>"
    '<cp:revision>3</cp:revision><dcterms:created xsi:type="dcterms:W3CDTF">'
    '2026-03-02T09:14:00Z</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">'
    "2026-03-03T11:02:00Z</dcterms:modified></cp:coreProperties>"
)


@pytest.mark.parametrize(
    ("title", "opening"),
    [
        ("Rent strike: tenants win repairs", ""),
        ("همبستگی با کارگران خدماتی", ""),
        # typed again over the text, in bold, as a template has it: once is enough
        ("Rent strike: tenants win repairs", "**Rent strike: tenants win repairs**\n\n"),
    ],
)
def test_a_word_files_title_property_is_its_title(tmp_path: Path, title: str, opening: str) -> None:
    """File > Info's Title, which pandoc does not read (it reads a paragraph styled Title):
    the document was titled from its file's name."""
    from test_office_contents import edited

    path = tmp_path / "statement-final-v2.docx"
    text = f"{opening}After six weeks of withheld rent, the landlord agreed to fix the damp.\n"
    pypandoc.convert_text(text, "docx", format="markdown", outputfile=str(path))
    edited(path, "docProps/core.xml", lambda _: WORD_CORE_PROPERTIES.format(title=title))
    doc = read(path)
    assert doc.title == title
    assert re.findall(r"<p[^>]*>(.*?)</p>", doc.body_html) == [
        "After six weeks of withheld rent, the landlord agreed to fix the damp."
    ]


# docProps/custom.xml as Word saves File > Info > Properties > Advanced Properties >
# Custom: a date at midnight where it was typed, in UTC (here typed in UTC+1)
WORD_CUSTOM_PROPERTIES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<Properties'
    ' xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"'
    ' xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="aliases">'
    "<vt:lpwstr>/041-no-poverty-pay/rent-survey-report/ /2025/rent-survey/</vt:lpwstr>"
    '</property><property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="3"'
    ' name="updated"><vt:filetime>2026-03-05T23:00:00Z</vt:filetime></property>'
    '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="4" name="Status">'
    "<vt:lpwstr>Draft</vt:lpwstr></property></Properties>"
)
# meta.xml's properties as LibreOffice saves File > Properties > Custom Properties
ODT_CUSTOM_PROPERTIES = (
    '<meta:user-defined meta:name="aliases">/041-no-poverty-pay/rent-survey-report/'
    " /2025/rent-survey/</meta:user-defined>"
    '<meta:user-defined meta:name="updated" meta:value-type="date">2026-03-06T00:00:00'
    "</meta:user-defined>"
)


@pytest.mark.parametrize("kind", ["docx", "odt"])
def test_an_office_files_custom_properties_give_its_old_addresses_and_its_correction_day(
    tmp_path: Path, kind: str
) -> None:
    """A Word or LibreOffice article renamed, or corrected, could not say so: no front
    matter, and its custom properties `aliases` and `updated` were left unread, so its old
    address led nowhere and its correction went unsaid. Word's own Status property (a
    preset name, "Draft" while it is being written) is no `status: draft`."""
    from test_office_contents import edited

    path = tmp_path / f"tenants-survey.{kind}"
    text = "---\ntitle: Tenants survey\ndate: 2026-03-01\n---\n\nNine in ten flats have damp.\n"
    pypandoc.convert_text(text, kind, format="markdown", outputfile=str(path))
    if kind == "docx":
        edited(path, "docProps/custom.xml", lambda _: WORD_CUSTOM_PROPERTIES)
    else:
        edited(
            path,
            "meta.xml",
            lambda xml: xml.replace("</office:meta>", ODT_CUSTOM_PROPERTIES + "</office:meta>"),
        )
    doc = read(path)
    assert doc.aliases == ("/041-no-poverty-pay/rent-survey-report/", "/2025/rent-survey/")
    assert doc.updated == dt.date(2026, 3, 6)
    assert not doc.draft


WORD_PRESS_RELEASE = """**PRESS RELEASE**\\
**FOR IMMEDIATE RELEASE**

23 November 2026

**Tenants block eviction on Calle Mayor**

Neighbours prevented the eviction of the Ramirez family from number 14 on Monday morning.

ENDS

**Notes to editors**

Photos of the action are available on request.
"""


@pytest.mark.parametrize("kind", ["docx", "odt", "rtf"])
def test_a_word_processed_press_release_reads_as_its_headline_and_text(
    tmp_path: Path, kind: str, caplog: pytest.LogCaptureFixture
) -> None:
    """Its labels, its date line and its end mark are for journalists: the labels were
    the title. The notes after the end stay, and the build says what it left out."""
    path = tmp_path / f"press-release.{kind}"
    pypandoc.convert_text(WORD_PRESS_RELEASE, kind, format="markdown", outputfile=str(path))
    caplog.set_level(logging.WARNING, logger="publisher")
    doc = read(path)
    assert doc.title == "Tenants block eviction on Calle Mayor"
    assert doc.date == dt.date(2026, 11, 23)
    text = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", doc.body_html)).split())
    assert text == (
        "Neighbours prevented the eviction of the Ramirez family from number 14 on Monday"
        " morning. Notes to editors Photos of the action are available on request."
    )
    assert "left out 'PRESS RELEASE', 'FOR IMMEDIATE RELEASE', its end mark" in caplog.text
    assert "notes for journalists after the press release's end are kept" in caplog.text


def test_a_table_pasted_into_a_text_file_is_a_table(tmp_path: Path) -> None:
    """Cells copied out of a spreadsheet into a .txt in documents/: a tab between them."""
    path = tmp_path / "rents.txt"
    path.write_text(
        "Rent survey\n\nWe asked 412 households.\n\nArea\tAverage rent\nDocklands\t£950\n"
        "Old Town\t£820\n\nMore text.\n",
        encoding="utf-8",
    )
    doc = read(path)
    assert doc.title == "Rent survey"
    rows = re.findall(r"<tr>(.*?)</tr>", doc.body_html)
    cells = [re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row) for row in rows]
    assert cells == [["Area", "Average rent"], ["Docklands", "£950"], ["Old Town", "£820"]]
    assert re.findall(r"<p>(.*?)</p>", doc.body_html) == ["We asked 412 households.", "More text."]


def test_a_table_set_out_with_spaces_in_a_text_file_is_a_table(tmp_path: Path) -> None:
    """Columns lined up with spaces, copied off a web page (a browser copies a run of
    spaces as a space and a non-breaking one by turns)."""
    rows = "  Yes    1,204   87%\n  No       180   13%\n  Spoilt     3    0%\n"
    copied = rows.replace("  ", " \u00a0")
    path = tmp_path / "ballot.txt"
    path.write_text(
        f"Ballot result\n\nMembers voted.\n\n{copied}\nMore text.\n",
        encoding="utf-8",
    )
    rows = re.findall(r"<tr>(.*?)</tr>", read(path).body_html)
    cells = [re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row) for row in rows]
    assert cells == [["Yes", "1,204", "87%"], ["No", "180", "13%"], ["Spoilt", "3", "0%"]]


def test_a_press_release_kept_as_a_web_page_reads_as_its_headline_and_text(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Saved from the organisation's site (or from Word or Google Docs as a web page) into
    documents/: its labels, date line and end mark are left out as a Word file's are."""
    path = tmp_path / "press-release.html"
    path.write_text(
        "<html><head><title>Tenants block eviction on Calle Mayor</title></head><body>"
        "<p><b>PRESS RELEASE</b><br><b>FOR IMMEDIATE RELEASE</b></p><p>23 November 2026</p>"
        "<h1>Tenants block eviction on Calle Mayor</h1><p>Neighbours prevented the"
        " eviction.</p><p>ENDS</p><p>Photos on request.</p></body></html>",
        encoding="utf-8",
    )
    caplog.set_level(logging.WARNING, logger="publisher")
    doc = read(path)
    assert doc.date == dt.date(2026, 11, 23)
    text = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", doc.body_html)).split())
    assert text == "Neighbours prevented the eviction. Photos on request."
    assert "left out 'PRESS RELEASE', 'FOR IMMEDIATE RELEASE', its end mark" in caplog.text


def test_a_label_on_the_headlines_line_is_no_part_of_the_title(tmp_path: Path) -> None:
    """Typed in bold in Word, or a web page's title and heading: "PRESS RELEASE: …"."""
    word = tmp_path / "release.docx"
    pypandoc.convert_text(
        "**PRESS RELEASE: Tenants block eviction**\n\nNeighbours came.\n",
        "docx",
        format="markdown",
        outputfile=str(word),
    )
    page = tmp_path / "release.html"
    page.write_text(
        "<html><head><title>Press release - Tenants block eviction</title></head><body>"
        "<h1>Press release - Tenants block eviction</h1><p>Neighbours came.</p></body></html>",
        encoding="utf-8",
    )
    for path in (word, page):
        doc = read(path)
        assert doc.title == "Tenants block eviction", path
        assert re.findall(r"<(?:p|h1)>(.*?)</(?:p|h1)>", doc.body_html) == ["Neighbours came."]


@pytest.mark.parametrize(
    "label",
    [
        "PRESS RELEASE",
        "FOR IMMEDIATE RELEASE",
        "NOT FOR PUBLICATION BEFORE MONDAY",
        "NOTA DE PRENSA",
        "PARA DIFUSIÓN INMEDIATA",
        "PARA PUBLICACIÓN INMEDIATA",
        "COMMUNIQUÉ DE PRESSE",
        "POUR DIFFUSION IMMÉDIATE",
        "EMBARGADO HASTA EL LUNES",
        "بيان صحفي",
        "للنشر الفوري",
        "بیانیه مطبوعاتی",
        "برای انتشار فوری",
    ],
)
def test_each_label_alone_marks_a_word_processed_press_release(label: str) -> None:
    """Whatever the one label a release carries, its body is read as a release: the
    quick look for a release's words before reading it (`_SIGNS`) knew "release",
    "prensa" and "presse", not "PARA DIFUSIÓN INMEDIATA" or "EMBARGADO"."""
    release = release_marks_out(f"<p>{label}</p><p>Los vecinos frenaron el desahucio.</p>")
    assert release is not None and release.labels == (label,)


def test_an_embargoed_release_says_so_and_a_title_naming_a_release_stays(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "nota.docx"
    text = (
        "EMBARGADO HASTA EL 24 DE NOVIEMBRE\n\nNOTA DE PRENSA\n\n"
        "Madrid, 23 de noviembre de 2026\n\n**Nuestra nota de prensa sobre el desahucio**\n\n"
        "Los vecinos frenaron el desahucio.\n\nFIN\n"
    )
    pypandoc.convert_text(text, "docx", format="markdown", outputfile=str(path))
    caplog.set_level(logging.WARNING, logger="publisher")
    doc = read(path)
    assert doc.title == "Nuestra nota de prensa sobre el desahucio"
    assert doc.date == dt.date(2026, 11, 23)
    assert re.findall(r"<p>(.*?)</p>", doc.body_html) == ["Los vecinos frenaron el desahucio."]
    assert "says 'EMBARGADO HASTA EL 24 DE NOVIEMBRE': publish it only then" in caplog.text


def test_a_farsi_press_release_in_word_reads_as_its_headline(tmp_path: Path) -> None:
    path = tmp_path / "bayanie.docx"
    text = (
        "**بیانیه مطبوعاتی**\n\nتهران، ۲ آذر ۱۴۰۵\n\n**کارگران بندر اعتصاب کردند**\n\n"
        "کارگران بندر از صبح دوشنبه دست از کار کشیدند.\n\nپایان\n"
    )
    pypandoc.convert_text(text, "docx", format="markdown", outputfile=str(path))
    doc = read(path)
    assert doc.title == "کارگران بندر اعتصاب کردند"
    assert doc.date == dt.date(2026, 11, 23)
    assert re.findall(r"<p>(.*?)</p>", doc.body_html) == [
        "کارگران بندر از صبح دوشنبه دست از کار کشیدند."
    ]


def test_a_statement_that_names_no_release_keeps_its_last_word(tmp_path: Path) -> None:
    path = tmp_path / "statement.docx"
    text = "**Solidarity**\n\nThe strike goes on until it is won.\n\nFIN\n"
    pypandoc.convert_text(text, "docx", format="markdown", outputfile=str(path))
    assert re.findall(r"<p>(.*?)</p>", read(path).body_html)[-1] == "FIN"


@pytest.mark.parametrize("last", ["END", "End."])
def test_a_story_that_names_no_release_keeps_its_closing_end(
    tmp_path: Path, last: str, caplog: pytest.LogCaptureFixture
) -> None:
    """A report or a story may close with "END" or "End.": without a press release's
    label, only "ENDS", the end mark of press releases alone, is one. It was left out as
    a press release's end mark."""
    path = tmp_path / "picket.docx"
    text = f"# Picket report\n\nWe stood at the gate until dark.\n\n{last}\n"
    pypandoc.convert_text(text, "docx", format="markdown", outputfile=str(path))
    caplog.set_level(logging.WARNING, logger="publisher")
    assert re.findall(r"<p>(.*?)</p>", read(path).body_html)[-1] == last
    assert "press release" not in caplog.text


def test_end_closes_a_labelled_press_release(tmp_path: Path) -> None:
    path = tmp_path / "press-release.docx"
    text = WORD_PRESS_RELEASE.replace("\nENDS\n", "\nEND\n")
    pypandoc.convert_text(text, "docx", format="markdown", outputfile=str(path))
    assert "END" not in read(path).body_html


def test_a_bold_title_under_a_logo_is_the_title_and_the_logo_stays(tmp_path: Path) -> None:
    """A letterhead's logo, a picture alone in the first paragraph, above the bold title."""
    from PIL import Image

    Image.new("RGB", (80, 40), "red").save(tmp_path / "logo.png")
    path = tmp_path / "statement.docx"
    text = "![](logo.png){width=2cm}\n\n**Rent strike at number 12**\n\nWe withhold rent.\n"
    pypandoc.convert_text(
        text,
        "docx",
        format="markdown",
        outputfile=str(path),
        extra_args=[f"--resource-path={tmp_path}"],
    )
    doc = read(path)
    assert doc.title == "Rent strike at number 12"
    assert re.findall(r"<p>(.*?)</p>", doc.body_html, re.S)[-1] == "We withhold rent."
    assert doc.body_html.lstrip().startswith("<p><img") and "Rent strike" not in doc.body_html


@pytest.mark.parametrize(
    ("text", "suffix"),
    [
        ("---\ntitle: Given\n---\n\n**Rent strike**\n\nText.\n", "docx"),  # it has one
        ("**We will not pay.**\n\nText.\n", "docx"),  # a sentence in bold
        ("**Rent** strike\n\nText.\n", "docx"),  # bold in part
        ("Text.\n\n**Rent strike**\n\nMore.\n", "docx"),  # not where the text opens
        ("**Rent strike**\n", "docx"),  # nothing under it
        ("**Rent strike**\n\nText.\n", "md"),  # Markdown has `#` for a title
    ],
    ids=["title property", "sentence", "bold in part", "later", "alone", "markdown"],
)
def test_a_bold_paragraph_is_no_title_unless_it_opens_a_word_processed_text_as_one(
    tmp_path: Path, text: str, suffix: str
) -> None:
    path = tmp_path / f"statement.{suffix}"
    if suffix == "md":
        path.write_text(text)
    else:
        pypandoc.convert_text(text, suffix, format="markdown", outputfile=str(path))
    doc = read(path)
    assert doc.title == ("Given" if "title:" in text else "Statement")
    assert "<strong>" in doc.body_html


def test_a_heading_that_only_repeats_the_title_is_not_printed_twice(tmp_path: Path) -> None:
    path = tmp_path / "statement.md"
    path.write_text("---\ntitle: \"We won't pay\"\n---\n\n# We won't   pay\n\nText.\n")
    doc = read(path)
    assert (doc.title, doc.body_html.strip()) == ("We won\u2019t pay", "<p>Text.</p>")


def test_a_saved_page_with_pictures_loaded_late_shows_them_once_each(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Placeholders in `src`, the picture in data-src (lazysizes), data-lazy-src (WordPress
    plugins) or srcset alone; a <noscript> copy for browsers without the script."""
    from PIL import Image

    for name in ("picket.jpg", "march.jpg", "rally.jpg"):
        Image.new("RGB", (40, 30)).save(tmp_path / name)
    path = tmp_path / "saved.html"
    path.write_text(
        "<html><head><title>Saved</title></head><body><p>Photos:</p>"
        '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" data-src="picket.jpg" alt="Picket">'
        '<img src="/wp-content/plugins/lazy/placeholder.svg" data-lazy-src="march.jpg" alt="March">'
        '<noscript><img src="march.jpg" alt="March"></noscript>'
        '<img srcset="rally.jpg 1x, rally@2x.jpg 2x" alt="Rally"></body></html>'
    )
    caplog.set_level(logging.WARNING, logger="publisher")
    doc = read(path)
    assert doc.images == ("picket.jpg", "march.jpg", "rally.jpg")
    assert doc.body_html.count("<img") == 3
    assert "left out" not in caplog.text


def test_a_table_written_without_its_optional_end_tags_is_a_table(tmp_path: Path) -> None:
    """HTML lets a page leave out </td>, </tr> and </tbody> (hand-written pages, old CMSs
    do): the table keeps its rows and cells, as a browser shows it."""
    path = tmp_path / "vote.html"
    path.write_text(
        '<html><head><meta charset="utf-8"><title>T</title></head><body>'
        "<p>Result of the vote:</p><table><tr><td>Votes for<td>42<tr><td>Votes against<td>3"
        "</table><p>Thanks to all.</p></body></html>"
    )
    root = lxml.html.fragment_fromstring(read(path).body_html, create_parent="div")
    rows = [[cell.text_content() for cell in row.iter("td")] for row in root.iter("tr")]
    assert rows == [["Votes for", "42"], ["Votes against", "3"]]
    assert [p.text_content() for p in root.iter("p")] == ["Result of the vote:", "Thanks to all."]


def test_hostile_markup_in_a_table_without_end_tags_yields_no_script(tmp_path: Path) -> None:
    path = tmp_path / "hostile.html"
    path.write_text(
        "<html><body><table><tr><td><script>alert(1)</script>Votes"
        '<td><img src="x.png" onerror="alert(2)"><a href="javascript:alert(3)">42</a>'
        "<tr><td><iframe src=https://evil.example/></iframe>3<td><svg onload=alert(4)>"
        "</table></body></html>"
    )
    body = read(path).body_html
    root = lxml.html.fragment_fromstring(body, create_parent="div")
    assert [element.tag for element in root.iter("script", "iframe", "svg")] == []
    assert "alert" not in body and "onerror" not in body and "onload" not in body
    assert len(list(root.iter("td"))) >= 3


def test_unclosed_comments_in_markdown_are_warned_of_at_their_lines_and_kept_out(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """An editor's note opened with <!-- and never closed was printed in every output
    ("‹!– TODO: check the figures with Ana"), without a word, and so was every one after
    the first; a closed one is hidden."""
    path = tmp_path / "strike.md"
    path.write_text(
        "---\ntitle: Strike\n---\n\nBefore.\n\n<!-- TODO: check the figures with Ana\n\n"
        "After.\n\n`<!--` opens a comment in HTML.\n\n```html\n<!-- in code\n```\n\n"
        "Then. <!-- TODO: ask Sam about the date\n\nLast.\n"
    )
    caplog.set_level(logging.WARNING, logger="publisher")
    body = read(path).body_html
    assert "TODO" not in body and "Ana" not in body and "Sam" not in body
    assert "After." in body and "in code" in body and "opens a comment" in body
    assert "<p>Then.</p>" in body and "Last." in body
    said = said_of(caplog, "comment")
    assert said == [
        f"{path}:{line}: an HTML comment not closed: its paragraph is left out of the outputs"
        " (close it with -->)"
        for line in (7, 17)
    ]


def test_a_mathml_formula_in_markdown_is_kept_as_its_text_and_warned_of_at_its_line(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Inline MathML went with no word: "The formula  holds." A formula that is its
    characters in a row reads as them; one laid out (a fraction) would not ("12")."""
    path = tmp_path / "proof.md"
    path.write_text(
        "---\ntitle: Proof\n---\n\nThe formula <math><mi>x</mi><mo>=</mo><mn>2</mn></math>"
        " holds.\n\nHalf is <math><mfrac><mn>1</mn><mn>2</mn></mfrac></math> of it.\n\n"
        "`<math>` in code is code.\n"
    )
    caplog.set_level(logging.WARNING, logger="publisher")
    body = read(path).body_html
    assert "The formula x=2 holds." in body and "Half is  of it." in body
    assert "12" not in body and "&lt;math&gt;" in body  # the one in code
    said = said_of(caplog, "MathML")
    assert said == [
        f"{path}:5: a formula in MathML shown as its text, 'x=2': outputs show no MathML;"
        " check it reads right",
        f"{path}:7: a formula in MathML left out: outputs show no MathML; write it as text"
        " (1/2) or show it as a picture",
    ]


@pytest.mark.parametrize("tag", ["select", "template"])
def test_an_element_never_closed_in_markdown_keeps_the_text_after_it_and_is_warned_of(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, tag: str
) -> None:
    """An unclosed <select> or <template> took every word after it out of the outputs."""
    path = tmp_path / "form.md"
    path.write_text(
        f"---\ntitle: Form\n---\n\nChoose <{tag}><option>one</option> here.\n\n"
        "The meeting is on Saturday at noon.\n"
    )
    caplog.set_level(logging.WARNING, logger="publisher")
    body = read(path).body_html
    assert "Choose" in body and "The meeting is on Saturday at noon." in body
    assert f"<{tag}" not in body
    said = said_of(caplog, "never closed")
    assert said == [
        f"{path}:5: <{tag}> is never closed: the tag is left out and the text after it kept"
        f" (close it with </{tag}>, or take it out)"
    ]


@pytest.mark.parametrize(
    ("name", "text"),
    [
        # front matter's closing line typed twice
        ("doubled.md", "---\ntitle: Rents\n---\n---\n\nRents rose.\n\nWages fell.\n"),
        # a post's closing rules, kept from the blog it was copied from
        ("closing.md", "Rents rose.\n\nWages fell.\n\n-----\n\n* * *\n"),
        ("page.html", "<p>Rents rose.</p><hr/><p>Wages fell.</p><HR class=end>\n"),
    ],
)
def test_a_rule_before_the_text_begins_or_after_it_ends_is_left_out(
    tmp_path: Path, name: str, text: str
) -> None:
    """It drew a line between the title and the first paragraph, or after the last, where
    it separates nothing; a rule between two paragraphs stays."""
    path = tmp_path / name
    path.write_text(text)
    body = lxml.html.fragment_fromstring(read(path).body_html, create_parent="div")
    tags = [child.tag for child in body]
    assert tags[0] == tags[-1] == "p"
    assert [child.text_content() for child in body if child.tag == "p"] == [
        "Rents rose.",
        "Wages fell.",
    ]


def test_a_rule_between_two_paragraphs_stays(tmp_path: Path) -> None:
    path = tmp_path / "parts.md"
    path.write_text("Part one.\n\n---\n\nPart two.\n")
    body = lxml.html.fragment_fromstring(read(path).body_html, create_parent="div")
    assert [child.tag for child in body] == ["p", "hr", "p"]


NBSP = "\u00a0"
PASTED = "The cleaners at the depot voted to strike on Monday after a year without a rise"


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("pasted.html", f"<p>{PASTED.replace(' ', '&nbsp;')}.</p>"),
        ("pasted.md", f"{PASTED.replace(' ', NBSP)}.\n"),
        # a web editor's: a no-break space after every other word, and numeric references
        ("editor.html", f"<p>{PASTED.replace(' ', '&#160;')}.</p>"),
    ],
)
def test_words_each_tied_to_the_next_by_no_break_spaces_are_spaced(
    tmp_path: Path, name: str, text: str
) -> None:
    """Pasted from a web editor or a PDF viewer, every space was a no-break one: the
    paragraph was one word, broken inside words across the PDF's lines ("ove r")."""
    path = tmp_path / name
    path.write_text(text)
    paragraph = lxml.html.fragment_fromstring(read(path).body_html, create_parent="div")[0]
    assert paragraph.text_content() == f"{PASTED}."


@pytest.mark.parametrize(
    "tied",
    [
        f"a 10{NBSP}000{NBSP}km march",  # numbers and their units
        f"as M.{NBSP}Dupont said under Art.{NBSP}5{NBSP}§{NBSP}2 today",
        f"to Rosa{NBSP}Luxemburg{NBSP}Platz{NBSP}station",  # four words tied: a name
        f"Date:{NBSP}{NBSP}{NBSP}Monday, the{NBSP}{NBSP}first",  # room made with several
    ],
)
def test_no_break_spaces_that_tie_a_few_words_stay(tmp_path: Path, tied: str) -> None:
    path = tmp_path / "tied.md"
    path.write_text(f"We walk: {tied}.\n")
    paragraph = lxml.html.fragment_fromstring(read(path).body_html, create_parent="div")[0]
    assert paragraph.text_content() == f"We walk: {tied}."


def test_french_spaces_before_punctuation_stay_in_a_paragraph_of_tied_words(
    tmp_path: Path,
) -> None:
    path = tmp_path / "greve.md"
    typed = "Les salariés du dépôt ont voté la grève lundi : « Non ! »"
    path.write_text(f"---\nlang: fr\n---\n\n{typed.replace(' ', NBSP)}\n")
    paragraph = lxml.html.fragment_fromstring(read(path).body_html, create_parent="div")[0]
    narrow = "\u202f"  # French's before ! and inside « », by the Imprimerie nationale
    assert paragraph.text_content() == (
        f"Les salariés du dépôt ont voté la grève lundi{NBSP}: «{narrow}Non{narrow}!{narrow}»"
    )


def test_code_keeps_its_no_break_spaces(tmp_path: Path) -> None:
    path = tmp_path / "code.md"
    code = NBSP.join(["a", "b", "c", "d", "e", "f"])
    path.write_text(f"Type `{code}` here.\n")
    code_element = lxml.html.fragment_fromstring(read(path).body_html, create_parent="div")[0][0]
    assert code_element.tag == "code" and code_element.text == code


def test_emoji_typed_by_name_are_the_emoji_they_name(tmp_path: Path) -> None:
    """As GitHub, Slack and Discourse show them: `:fist:` printed as typed in every output."""
    path = tmp_path / "rally.md"
    path.write_text("Meet at 10:30: bring signs :fist: :+1: and :not-an-emoji: too.\n")
    paragraph = lxml.html.fragment_fromstring(read(path).body_html, create_parent="div")[0]
    assert paragraph.text_content() == "Meet at 10:30: bring signs ✊ 👍 and :not-an-emoji: too."


def with_title_property(path: Path, title: str) -> None:
    """`path` (a Word or OpenDocument file) with `title` in its properties alone, as a file
    saved with Save As from another keeps the other's: on no page."""
    import zipfile

    part = "docProps/core.xml" if path.suffix == ".docx" else "meta.xml"
    with zipfile.ZipFile(path) as office:
        parts = [(item, office.read(item.filename)) for item in office.infolist()]
    with zipfile.ZipFile(path, "w") as office:
        for item, data in parts:
            if item.filename == part:
                data = re.sub(rb"<dc:title>.*?</dc:title>", b"", data)
                closing = b"</office:meta>" if path.suffix == ".odt" else b"</cp:coreProperties>"
                data = data.replace(closing, f"<dc:title>{title}</dc:title>".encode() + closing)
            office.writestr(item, data)


@pytest.mark.parametrize("suffix", ["docx", "odt"])
def test_a_title_property_the_opening_heading_contradicts_is_not_the_title(
    tmp_path: Path, suffix: str, caplog: pytest.LogCaptureFixture
) -> None:
    """Last month's statement saved as this month's kept last month's title in File >
    Properties, and published it over this month's heading."""
    path = tmp_path / f"statement.{suffix}"
    source = "# April statement: the strike goes on\n\nThe tenants voted again.\n"
    pypandoc.convert_text(source, suffix, format="markdown", outputfile=str(path))
    with_title_property(path, "March statement on rents")
    doc = read(path)
    assert doc.title == "April statement: the strike goes on"
    assert "<h1" not in doc.body_html and "The tenants voted again." in doc.body_html
    (said,) = said_of(caplog, "title property")
    assert "'March statement on rents', its opening heading 'April statement" in said


@pytest.mark.parametrize("suffix", ["docx", "odt"])
def test_a_title_property_stays_the_title_beside_a_heading_of_its_words_or_of_sections(
    tmp_path: Path, suffix: str
) -> None:
    for name, source, heading in [
        ("same", "# Rent strike: the ballot\n\nWe won.\n", None),
        ("sections", "# Why\n\nBecause.\n\n# How\n\nTogether.\n", "Why"),
    ]:
        path = tmp_path / f"{name}.{suffix}"
        pypandoc.convert_text(source, suffix, format="markdown", outputfile=str(path))
        with_title_property(path, "Rent strike: the ballot")
        doc = read(path)
        assert doc.title == "Rent strike: the ballot"
        assert (heading is None) == ("<h1" not in doc.body_html)  # the same words: not twice


def test_a_web_pages_blank_paragraphs_make_no_gaps(tmp_path: Path) -> None:
    """Word's web pages space their text with `<p><o:p>&nbsp;</o:p></p>` and WordPress's
    classic editor with `<p>&nbsp;</p>`: each was an empty paragraph, a gap a line high in
    every output. They go; a picture alone in a paragraph and code's blank lines stay."""
    path = tmp_path / "statement.htm"
    path.write_text(
        "<html><head><title>Statement</title></head><body>"
        '<p class="MsoNormal">The committee met.<o:p></o:p></p>'
        '<p class="MsoNormal"><o:p>&nbsp;</o:p></p><p>&nbsp;</p><p> <br> </p>'
        '<p><img src="gate.png" alt="The gate"></p><p>&#160;</p>'
        "<pre>turn  time\n\n night 22:00</pre><p>It rejected the offer.</p></body></html>",
        encoding="utf-8",
    )
    Image.new("RGB", (40, 30)).save(tmp_path / "gate.png")
    tree = lxml.html.fromstring(f"<div>{read(path).body_html}</div>")
    assert [p.text_content() for p in tree.iter("p")] == [
        "The committee met.",
        "",  # the picture's
        "It rejected the offer.",
    ]
    assert tree.xpath("//img/@alt") == ["The gate"]
    assert tree.xpath("string(//pre)") == "turn  time\n\n night 22:00"


def test_a_hugo_posts_block_attributes_are_never_printed(tmp_path: Path) -> None:
    """Hugo's Markdown (Goldmark) gives a block a class or an id on the line under it
    (`{.lead}`, `{#intro .lead}`): pandoc printed it as words of the paragraph, or as a
    paragraph. A heading's own attributes, a span's and code's text are kept as ever."""
    path = tmp_path / "strike.md"
    path.write_text(
        "---\ntitle: Strike\n---\n\nIntro paragraph.\n{.lead}\n\n## Vote {#vote .big}\n\n"
        "[Yes]{.x} it is.\n\n{#close .muted}\n\n```\n{.kept}\n```\n",
        encoding="utf-8",
    )
    body = read(path).body_html
    assert [line for line in body.splitlines() if line] == [
        "<p>Intro paragraph.</p>",
        '<h2 class="big" id="strike-vote">Vote</h2>',
        '<p><span class="x">Yes</span> it is.</p>',
        "<pre><code>{.kept}</code></pre>",
    ]


def test_a_web_pages_folded_text_is_open_and_a_quotes_source_said_as_one(
    tmp_path: Path,
) -> None:
    """A page's <details> (a "Read the rules" fold) became its summary as a plain
    paragraph, as if one of the text's own; a quote's source (<cite>, after its words) one
    more line of the quote. The summary is bold over the text it folded, the source
    "— Maria"; a title cited within a sentence stays in it, in italics as browsers set it
    (it was set upright)."""
    path = tmp_path / "rally.html"
    path.write_text(
        "<html><head><title>Rally</title></head><body><p>Intro.</p>"
        "<details><summary>Strike pay rules</summary><p>Claim by Friday.</p></details>"
        "<blockquote><p>Not a penny less.</p><cite>Maria, cleaner</cite></blockquote>"
        "<p>As <cite>The Ragged Trousered Philanthropists</cite> says.</p></body></html>",
        encoding="utf-8",
    )
    tree = lxml.html.fromstring(f"<div>{read(path).body_html}</div>")
    assert [lxml.html.tostring(p, encoding="unicode").strip() for p in tree.iter("p")] == [
        "<p>Intro.</p>",
        "<p><strong>Strike pay rules</strong></p>",
        "<p>Claim by Friday.</p>",
        "<p>Not a penny less.</p>",
        "<p>— Maria, cleaner</p>",
        "<p>As <em>The Ragged Trousered Philanthropists</em> says.</p>",
    ]


@pytest.mark.parametrize("suffix", [".docx", ".odt"])
def test_an_office_files_blank_paragraphs_make_no_gaps(tmp_path: Path, suffix: str) -> None:
    """Text pasted from a web page into Word or LibreOffice brings its blank
    paragraphs (a no-break space each), which pandoc keeps: gaps in every output."""
    path = tmp_path / f"statement{suffix}"
    pypandoc.convert_text(
        "<p>The committee met.</p><p>&nbsp;</p><p>&nbsp;</p><p>It rejected the offer.</p>",
        suffix.lstrip("."),
        format="html",
        outputfile=str(path),
        extra_args=["--standalone"],
    )
    paragraphs = lxml.html.fromstring(f"<div>{read(path).body_html}</div>").xpath("//p")
    assert [p.text_content() for p in paragraphs] == [
        "The committee met.",
        "It rejected the offer.",
    ]


def test_a_mailchimp_campaign_saved_as_a_web_page_reads_as_its_subscribers_read_it(
    tmp_path: Path,
) -> None:
    """A campaign from Mailchimp's archive, saved into documents/ to publish again: its
    preheader ("View this email in your browser"), social links and footer (the old list's
    copyright line and unsubscribe links) were published with its text. Its blocks alone
    are read now, as `publisher import` reads them."""
    page = Path(__file__).parent / "exports" / "mailchimp" / "campaign-bulletin-14.html"
    path = tmp_path / "lockout.html"
    path.write_bytes(page.read_bytes())
    doc = read(path)
    text = " ".join(lxml.html.fromstring(f"<div>{doc.body_html}</div>").text_content().split())
    assert text.startswith("The crane drivers have now been locked out for three weeks.")
    assert text.endswith("Collections continue every Friday at the main gate. Give to the fund")
    for furniture in ("View this email", "Twitter", "Copyright", "unsubscribe", "preferences"):
        assert furniture not in text, furniture


SAVED_POST = (
    "<!DOCTYPE html><html><head><title>Cleaners win back pay - Dockside</title>{site}</head>"
    '<body><nav class="main-menu"><a href="/">Dockside</a> <button>Subscribe</button></nav>'
    "<article><h1>Cleaners win back pay</h1><p>The cleaners have won back every hour of"
    ' pay.</p></article><div class="comments"><p>Great news! — Bo</p></div>'
    "<footer>© 2026 Dockside · Privacy · Terms</footer></body></html>"
)


@pytest.mark.parametrize(
    ("site", "said"),
    [
        ('<meta property="og:site_name" content="Dockside">', " (Dockside)"),
        (
            '<link rel="canonical" href="https://dockside.example.org/p/pay">',
            " (dockside.example.org)",
        ),
        ("", None),  # a document written as HTML, a menu and all: the editor's own
    ],
)
def test_a_page_saved_from_a_website_is_named_with_how_to_keep_its_article_alone(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, site: str, said: str | None
) -> None:
    """ "Save page as" on a blog's post, put in documents/: the site's menu, buttons,
    comments and footer were published with the article, without a word."""
    path = tmp_path / "pay.html"
    path.write_text(SAVED_POST.format(site=site), encoding="utf-8")
    caplog.set_level(logging.WARNING, logger="publisher")
    read(path)
    warned = said_of(caplog, "a page saved from a website")
    if said is None:
        assert not warned
        return
    assert warned == [
        f"{path}: a page saved from a website{said}: its menus, buttons and comments are"
        " published with its article; 'publisher import pay.html' makes a document of the"
        " article alone, for you to review"
    ]


WEB_PAGE_SOURCE = (
    '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>Statement</title>'
    "</head>\n<body>\n<h1>Statement on the strike</h1>\n<p>The union calls on all members"
    " to join the picket lines on Monday.</p>\n<script>alert('hi')</script>\n</body></html>\n"
)


SOURCES_SAVED_AS_TEXT = {
    "doctype": WEB_PAGE_SOURCE,
    "a byte order mark and blank lines first": "\ufeff\n\n" + WEB_PAGE_SOURCE,
    "<HTML>, no doctype": WEB_PAGE_SOURCE.split("\n", 1)[1].replace("<html", "<HTML", 1),
}


@pytest.mark.parametrize("saved", SOURCES_SAVED_AS_TEXT)
def test_a_txt_holding_a_web_pages_source_is_read_as_the_page_and_named_as_one(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, saved: str
) -> None:
    """A page's source saved as text (or pasted into a .txt) was read as lines of text: its
    tags were taken out of each line, which left the head's title and a row of empty
    paragraphs (and a line of nothing but a document's tags ended the build in a Python
    error). It is read as the .html it is, and the file named."""
    source = SOURCES_SAVED_AS_TEXT[saved]
    (tmp_path / "statement.txt").write_text(source)
    (tmp_path / "page").mkdir()
    (tmp_path / "page" / "statement.html").write_text(source)
    with caplog.at_level(logging.WARNING):
        as_text = read_document(tmp_path / "statement.txt", "statement", tmp_path, "en")
    as_page = read_document(
        tmp_path / "page" / "statement.html", "statement", tmp_path / "page", "en"
    )
    assert (as_text.title, as_text.body_html) == (as_page.title, as_page.body_html)
    assert "<p></p>" not in as_text.body_html and "script" not in as_text.body_html
    assert any("name it statement.html" in said for said in said_of(caplog, "web page"))


def test_a_mailing_lists_archive_in_documents_is_refused_naming_the_import(
    tmp_path: Path,
) -> None:
    """Mailman's monthly archive saved into documents/ was read as one text: every message's
    headers, its members' names and addresses, published as lines of an article."""
    from test_import_layouts import MAILMAN_ARCHIVE

    (tmp_path / "2026-March.txt").write_text(MAILMAN_ARCHIVE, encoding="utf-8")
    with pytest.raises(PublisherError) as raised:
        read_document(tmp_path / "2026-March.txt", "2026-march", tmp_path, "en")
    [problem] = raised.value.problems
    assert problem.file == tmp_path / "2026-March.txt"
    assert problem.message.startswith("a mailing list's archive")
    assert problem.hint is not None and "'publisher import 2026-March.txt'" in problem.hint


def test_a_text_opening_with_from_and_a_year_over_a_label_is_no_archive(tmp_path: Path) -> None:
    (tmp_path / "gaza.txt").write_text(
        "From Gaza to Eastharbour, 2024\nStatement: the branch stands with the dockers of"
        " Gaza.\n\nWe will not load the ships.\n",
        encoding="utf-8",
    )
    doc = read_document(tmp_path / "gaza.txt", "gaza", tmp_path, "en")
    assert doc.title == "From Gaza to Eastharbour, 2024"
