"""Lists whose marks were typed out ("• " pasted from a web page or a phone, "3) " typed by
hand) are lists in every output, whether the document is Markdown, Word, a web page or
plain text; a lone number, a year and a separator stay as written."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import lxml.html
import pypandoc
import pytest
from click.testing import CliRunner
from conftest import build_with_warnings, minimal_with
from hypothesis import given
from hypothesis import strategies as st
from parsed_outputs import pdf_text
from validators import parse_eml

from publisher.cli import main
from publisher.importers import plaintext
from publisher.pandoc import markdown_to_html
from publisher.readers import read_document
from publisher.readers.typed_lists import markdown_as_meant, marks_beside_their_items, typed_lists

ISSUE = "001-first"
DEMANDS = ["Pay rise of 10% for all grades", "An end to zero-hours contracts", "Safe staffing"]

# Pasted into a Markdown file: the bullets' lines follow the sentence that introduces them
MARKDOWN = """\
---
title: Our demands
---

We ask the employer for:
• Pay rise of 10% for all grades
• An end to zero-hours contracts
• Safe staffing

• • •

And then:

```
• code stays code
```
"""

# Typed by hand in Word, numbered on from the points before an aside
WORD = """\
Points 1 and 2 were agreed last week.

3\\) Strike ballot in January.

4\\) Picket rota from the branch office.

1\\. Introduction

In 2024\\. a year of struggle.
"""

PAGE = """<!DOCTYPE html><html lang="en"><head><title>Solidarity</title></head><body>
<p>Messages came from:</p>
<p>•&nbsp;Glasgow</p><p>• <strong>Cádiz</strong> dockers</p>
<p dir="rtl" lang="ar">• عمال الميناء</p>
</body></html>"""


# Typed in the editorial too, where Markdown makes no list of them
EDITORIAL_LISTS = (
    "\n\n  Dates:\n  – ballot closes\n  – count\n\n  الخطوات:\n  ١. الإضراب\n  ٢. المسيرة"
)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    documents = {"demands.md": MARKDOWN, "ballot.docx": WORD, "solidarity.html": PAGE}
    root = minimal_with(tmp_path_factory.mktemp("lists") / "ws", documents)
    manifest = root / "issues" / f"{ISSUE}.yaml"
    bullets = "This month:\n  • the ballot\n  • the rota" + EDITORIAL_LISTS
    manifest.write_text(manifest.read_text().replace("Hello from the editors.", bullets))
    out, _ = build_with_warnings(root)
    return out


def lists(markup: str | bytes) -> list[tuple[str, str | None, list[str]]]:
    """(tag, start, item words) of each list in `markup`."""
    tree = lxml.html.fromstring(markup)
    return [
        (listing.tag, listing.get("start"), [" ".join(li.text_content().split()) for li in listing])
        for listing in tree.iter("ul", "ol")
        if not listing.xpath("ancestor::nav")  # the pages' own menus
    ]


def test_bullets_pasted_into_markdown_are_a_list_after_the_sentence_before_them(
    built: Path,
) -> None:
    page = (built / ISSUE / "demands" / "index.html").read_bytes()
    assert lists(page) == [("ul", None, DEMANDS)]
    body = lxml.html.fromstring(page)
    paragraphs = [" ".join(p.text_content().split()) for p in body.iter("p")]
    assert "We ask the employer for:" in paragraphs  # its own paragraph, without the items
    assert "• • •" in paragraphs  # a separator, not an item
    assert "• code stays code" in body.xpath("string(//pre)")


def test_numbers_typed_in_word_are_a_list_numbered_from_the_first(built: Path) -> None:
    page = (built / ISSUE / "ballot" / "index.html").read_bytes()
    assert lists(page) == [
        ("ol", "3", ["Strike ballot in January.", "Picket rota from the branch office."])
    ]
    text = lxml.html.fromstring(page).text_content()
    assert "1. Introduction" in text and "2024. a year" in text  # alone, a year: as written


def test_word_symbol_font_bullets_pasted_into_markdown_are_a_list(tmp_path: Path) -> None:
    """Copied out of Word, a bullet may be its Symbol font's own character (U+F0B7), which
    no other font draws: a box before each demand."""
    pasted = "We ask the employer for:\n" + "".join(f"\uf0b7\t{d}\n" for d in DEMANDS)
    root = minimal_with(tmp_path / "ws", {"demands.md": f"---\ntitle: Demands\n---\n\n{pasted}"})
    result = CliRunner().invoke(main, ["-C", str(root), "build", "-f", "web"])
    assert result.exit_code == 0, result.output
    page = (root / "dist" / ISSUE / "demands" / "index.html").read_bytes()
    assert lists(page) == [("ul", None, DEMANDS)]


@pytest.mark.parametrize("bullet", ["➢", "◆", "❖", "■", "►"])
def test_bullets_of_words_bullet_library_typed_out_are_a_list(tmp_path: Path, bullet: str) -> None:
    """Word's bullet library offers ➢, ◆, ❖ and ■ besides •; its lists copied as text keep
    them, and in a Word file, a web page or Markdown they were printed before each demand
    in paragraphs of their own, or run together in one."""
    typed = [f"{bullet} {demand}" for demand in DEMANDS]
    (tmp_path / "demands.md").write_text(
        "---\ntitle: Demands\n---\n\nWe ask the employer for:\n" + "\n".join(typed) + "\n"
    )
    pypandoc.convert_text(
        "\n\n".join(["We ask the employer for:", *typed]),
        "docx",
        format="markdown",
        outputfile=str(tmp_path / "demands.docx"),
    )
    read = [
        read_document(tmp_path / name, "d", tmp_path, "en").body_html
        for name in ("demands.md", "demands.docx")
    ]
    page = typed_lists("<p>We ask the employer for:</p>" + "".join(f"<p>{t}</p>" for t in typed))
    for body in (page, *read):
        assert lists(f"<div>{body}</div>") == [("ul", None, DEMANDS)], body


@pytest.mark.parametrize("bullet", ["▪\ufe0f", "►\ufe0f", "•\ufe0f"])
def test_bullets_a_phone_typed_as_emoji_are_a_list_in_every_kind_of_document(
    tmp_path: Path, bullet: str
) -> None:
    """A phone (and Telegram, WhatsApp) types "▪" as an emoji: the character and U+FE0F, the
    variation selector asking for its colour picture ("▪️"). The demands stayed lines of one
    paragraph, their bullets printed before them, where "▪" alone made a list."""
    typed = [f"{bullet} {demand}" for demand in DEMANDS]
    text = "We ask the employer for:\n\n" + "\n".join(typed) + "\n"
    (tmp_path / "demands.txt").write_text("Demands\n\n" + text)
    (tmp_path / "demands.md").write_text("---\ntitle: Demands\n---\n\n" + text)
    read = [
        read_document(tmp_path / name, "d", tmp_path, "en").body_html
        for name in ("demands.txt", "demands.md")
    ]
    page = typed_lists("<p>We ask the employer for:</p>" + "".join(f"<p>{t}</p>" for t in typed))
    imported = plaintext.recover("Demands\n\n" + text)[0].body_html
    for body in (*read, page, imported):
        assert lists(f"<div>{body}</div>") == [("ul", None, DEMANDS)], body


def test_word_symbol_font_bullets_in_a_pages_paragraphs_are_a_list() -> None:
    """Symbol's bullet (U+F0B7) and, two levels down in Word's lists, Wingdings' square
    (U+F0A7): the second item is a level down, inside the first."""
    body = typed_lists("<p>Messages came from:</p><p>\uf0b7 Glasgow</p><p>\uf0a7\u00a0Cádiz</p>")
    assert lists(body) == [("ul", None, ["Glasgow Cádiz"]), ("ul", None, ["Cádiz"])]


@pytest.mark.parametrize(
    ("paragraphs", "listed"),
    [
        (["(a) to campaign;", "(b) to support;", "(c) to report."], True),
        (["a) to campaign;", "b) to support;"], True),
        (["a.- calendario pactado;", "b.- comité de salud."], True),  # as Spanish types them
        (["(a) one point alone."], False),
        (["(b) to support;", "(c) to report."], False),  # not from "a"
        (["(a) to campaign;", "(c) to report."], False),  # a letter missing
    ],
)
def test_paragraphs_lettered_by_hand_are_a_lettered_list(
    paragraphs: list[str], listed: bool
) -> None:
    """A motion's resolutions typed "(a)", "(b)" in Word or a text file."""
    body = typed_lists("<p>We resolve:</p>" + "".join(f"<p>{p}</p>" for p in paragraphs))
    tree = lxml.html.fromstring(f"<div>{body}</div>")
    items = [" ".join(li.text_content().split()) for li in tree.xpath("./ol[@type='a']/li")]
    assert items == ([p.split(" ", 1)[1] for p in paragraphs] if listed else [])


@pytest.mark.parametrize("mark", ["{}.", "{})", "({})"])
def test_paragraphs_numbered_by_hand_are_a_numbered_list_however_numbered(mark: str) -> None:
    """A motion's points as typed in Word or a text file: "1.", "1)" or "(1)"."""
    points = ["To support the rent strike.", "To donate £200.", "To send a delegation."]
    typed = "".join(f"<p>{mark.format(n)} {point}</p>" for n, point in enumerate(points, 1))
    assert lists(typed_lists(f"<p>This branch resolves:</p>{typed}")) == [("ol", None, points)]


ACUERDOS = [
    "Piquetes informativos desde las seis.",
    "Manifestación a las doce.",
    "Asamblea el viernes.",
]


@pytest.mark.parametrize("mark", ["{}.-", "{}-", "{} -", "{}º.-", "{}º", "{}.ª", "{}°)", "{}º -"])
def test_points_numbered_with_a_dash_or_as_ordinals_as_spanish_and_french_texts_do_are_a_list(
    tmp_path: Path, mark: str
) -> None:
    """ "1.- Piquetes…", "2 - Manifestación…", "1º.- Readmisión…", "1° Les salaires": in a
    Word or web document, a Markdown file, a .txt in documents/ and `publisher import`,
    they were lines of text."""
    typed = [f"{mark.format(n)} {point}" for n, point in enumerate(ACUERDOS, 1)]
    intro = "La asamblea del jueves acordó por amplia mayoría la huelga. Estos son los acuerdos:"
    (tmp_path / "acuerdos.md").write_text(
        "---\ntitle: Acuerdos\n---\n" + intro + "\n" + "\n".join(typed)
    )
    (tmp_path / "acuerdos.txt").write_text("Acuerdos\n\n" + intro + "\n\n" + "\n".join(typed))
    read = [
        read_document(tmp_path / f"acuerdos{s}", "a", tmp_path, "es").body_html
        for s in (".md", ".txt")
    ]
    imported = plaintext.recover("Acuerdos\n\n" + intro + "\n\n" + "\n".join(typed) + "\n")[0]
    paragraphs = typed_lists(f"<p>{intro}</p>" + "".join(f"<p>{point}</p>" for point in typed))
    for body in (paragraphs, *read, imported.body_html):
        assert lists(f"<div>{body}</div>") == [("ol", None, ACUERDOS)], body


def test_a_score_at_a_lines_start_stays_as_written() -> None:
    score = ["3 - 0 para los huelguistas.", "4 - 1 en la segunda votación."]
    body = typed_lists("".join(f"<p>{line}</p>" for line in score))
    assert lists(f"<div>{body}</div>") == [] and "3 - 0 para" in body


@pytest.mark.parametrize("dash", ["-", "–", "—", "*"])
def test_items_dashed_by_hand_are_a_list_in_word_web_markdown_and_text(
    tmp_path: Path, dash: str
) -> None:
    """Typed "- Pay rise" in Word with its AutoFormat off, or pasted from mail: each item
    was a paragraph with its dash printed, and Markdown ran en- and em-dashed lines into
    one ("We ask the employer for: – Pay rise – …"). A dash alone signs the statement."""
    items = [f"{dash} {demand}" for demand in DEMANDS]
    intro, signed = "We ask the employer for:", f"{dash} Ana Ruiz, branch secretary"
    closing = "In solidarity,"
    escaped = ["\\" + item if item[0] in "-*" else item for item in (*items, signed)]
    paths = {
        "demands.md": "---\ntitle: Demands\n---\n" + "\n".join([intro, *items, "", closing]),
        "demands.txt": "Demands\n\n" + "\n".join([intro, "", *items, "", closing, "", signed]),
        "demands.docx": "\n\n".join([intro, *escaped[:-1], closing, escaped[-1]]),
    }
    for name, text in paths.items():
        if name.endswith(".docx"):
            pypandoc.convert_text(text, "docx", format="markdown", outputfile=str(tmp_path / name))
        else:
            (tmp_path / name).write_text(text)
    read = [read_document(tmp_path / name, "d", tmp_path, "en").body_html for name in paths]
    page = typed_lists("".join(f"<p>{line}</p>" for line in [intro, *items, closing, signed]))
    for body in (page, *read):
        tree = lxml.html.fromstring(f"<div>{body}</div>")
        assert lists(f"<div>{body}</div>") == [("ul", None, DEMANDS)], body
        paragraphs = [" ".join(p.text_content().split()) for p in tree.iter("p")]
        # (Markdown makes a list of "- Ana Ruiz" on its own: its file ends at the closing);
        # read, a hyphen or en dash typed for the signing dash is set as one (test_dashes.py)
        read_signed = "—" + signed[1:] if body != page and dash in "-–" else signed
        assert paragraphs[-1] == (closing if body == read[0] else read_signed), body


def test_an_interviews_dashed_turns_stay_turns_of_speech() -> None:
    """ "— ¿Cuándo empezó la huelga?" / "— En enero.": dashed as Spanish and French set
    dialogue, told from a dashed list by the question among them."""
    turns = ["— ¿Cuándo empezó la huelga?", "— En enero, después de la asamblea.", "— Seguimos."]
    body = typed_lists("".join(f"<p>{turn}</p>" for turn in turns))
    assert lists(f"<div>{body}</div>") == [] and "<p>— Seguimos.</p>" in body
    listed = typed_lists("<p>– huelga</p><p>– asamblea</p>" + "".join(f"<p>{t}</p>" for t in turns))
    assert lists(f"<div>{listed}</div>") == [("ul", None, ["huelga", "asamblea"])]  # turns after
    markdown = markdown_to_html(markdown_as_meant("Hablamos con ella.\n" + "\n".join(turns)))
    paragraphs = [
        " ".join(p.text_content().split())
        for p in lxml.html.fromstring(f"<div>{typed_lists(markdown)}</div>").iter("p")
    ]
    assert paragraphs == ["Hablamos con ella.", *turns]


def test_an_interview_typed_with_hyphens_stays_turns_and_a_list_of_questions_a_list(
    tmp_path: Path,
) -> None:
    """Typed with hyphens where no em dash is to hand, an interview's questions and answers
    tell it from a list; a list of questions alone (a leaflet's FAQ) is a list."""
    turns = ["- ¿Cuándo empezó?", "- En enero.", "- ¿Y ahora?", "- Seguimos."]
    questions = ["- ¿Cuándo es la huelga?", "- ¿Quién puede ir?", "- ¿Dónde empieza?"]
    text = tmp_path / "entrevista.txt"
    text.write_text("Entrevista\n\nHablamos con ella.\n\n" + "\n".join(turns) + "\n")
    for body, last in (
        (typed_lists("".join(f"<p>{turn}</p>" for turn in turns)), "<p>- Seguimos.</p>"),
        # read, the hyphen typed for the dialogue dash is set as one (test_dashes.py)
        (read_document(text, "e", tmp_path, "es").body_html, "<p>— Seguimos.</p>"),
    ):
        assert lists(f"<div>{body}</div>") == [] and last in body, body
    body = typed_lists("".join(f"<p>{question}</p>" for question in questions))
    assert lists(f"<div>{body}</div>") == [("ul", None, [q[2:] for q in questions])]


@pytest.mark.parametrize("mark", ["- ", "* ", "+ ", "{}. ", "{}) "])
@pytest.mark.parametrize("intro", ["We ask the employer for:", "What we ask the employer for"])
def test_a_markdown_list_straight_under_a_paragraphs_line_is_a_list(
    tmp_path: Path, mark: str, intro: str
) -> None:
    """As GitHub, Obsidian and Notion write lists, with no blank line above: pandoc's
    Markdown ran the items into the paragraph ("We ask the employer for: - Pay rise …")."""
    path = tmp_path / "demands.md"
    items = "\n".join(mark.format(n) + demand for n, demand in enumerate(DEMANDS, 1))
    path.write_text(f"---\ntitle: Demands\n---\n{intro}\n{items}\n")
    body = read_document(path, "demands", tmp_path, "en").body_html
    assert lists(f"<div>{body}</div>") == [("ol" if "{}" in mark else "ul", None, DEMANDS)]


@pytest.mark.parametrize(
    "wrapped",
    [
        "The strike began in\n2026. Since then the branch has doubled.",
        "The vote was 120 to\n40. The motion passed.",
        "We met the council and\n- as we expected - they refused.",
    ],
)
def test_a_wrapped_paragraphs_line_that_opens_like_a_list_item_stays_text(
    tmp_path: Path, wrapped: str
) -> None:
    path = tmp_path / "report.md"
    path.write_text(f"---\ntitle: Report\n---\n{wrapped}\n")
    body = read_document(path, "report", tmp_path, "en").body_html
    assert lists(f"<div>{body}</div>") == []
    dashed = " ".join(wrapped.split()).replace(" - ", " – ")  # tests/test_dashes.py
    assert " ".join(lxml.html.fromstring(body).text_content().split()) == dashed


@pytest.mark.parametrize(
    ("before", "after"),
    [("", "\u00a0"), ("", "\u202f"), ("\u200b", " "), ("\ufeff", " "), ("\u2060", "\u00a0")],
    ids=["no-break space", "narrow no-break space", "zero-width space", "BOM", "word joiner"],
)
def test_markdown_marks_pasted_with_invisible_characters_are_marks(
    tmp_path: Path, before: str, after: str
) -> None:
    """Pasted from Word, Google Docs or a Mac's Notes, "-", "1." and "##" kept a no-break
    space after them, or an invisible character before: Markdown read no list and no
    heading, and printed the marks."""
    bullets = "\n".join(f"{before}-{after}{demand}" for demand in DEMANDS)
    numbers = "\n".join(f"{before}{n}.{after}{demand}" for n, demand in enumerate(DEMANDS, 1))
    path = tmp_path / "demands.md"
    path.write_text(
        f"---\ntitle: Demands\n---\n{before}##{after}What we ask\n\n{bullets}\n\nAgain:\n\n"
        f"{numbers}\n\n```\n-\u00a0as typed\n```\n"
    )
    body = read_document(path, "demands", tmp_path, "en").body_html
    tree = lxml.html.fromstring(f"<div>{body}</div>")
    assert [" ".join(h.text_content().split()) for h in tree.xpath("./h2")] == ["What we ask"]
    assert lists(f"<div>{body}</div>") == [("ul", None, DEMANDS), ("ol", None, DEMANDS)]
    assert tree.xpath("string(.//code)") == "-\u00a0as typed"  # code stays as written


RESOLUTIONS = ["Picket every gate from 6am.", "March from Atocha to Sol at noon."]
BLOCS = ["The union bloc at the front.", "The tenant bloc behind it."]
LAST = "Meet on Friday to take stock."


@pytest.mark.parametrize(("number", "letter"), [("{})", "{})"), ("({})", "({})"), ("{}.", "{}.")])
def test_points_lettered_under_a_numbered_item_are_a_list_inside_it(
    tmp_path: Path, number: str, letter: str
) -> None:
    """A motion's "2)" with its "a)", "b)" under it, and "3)" after them, as typed in Word
    or a text file: "a)" and "b)" were a list of their own between two lists, and "3)", a
    list of one, was left as typed."""
    typed = [number.format(n) + " " + point for n, point in enumerate(RESOLUTIONS, 1)]
    typed += [letter.format(c) + " " + point for c, point in zip("ab", BLOCS, strict=True)]
    typed += [number.format(3) + " " + LAST]
    body = typed_lists("<p>We agreed:</p>" + "".join(f"<p>{point}</p>" for point in typed))
    text = tmp_path / "motion.txt"
    text.write_text("Motion\n\nWe agreed:\n\n" + "\n".join(typed) + "\n")
    for listed in (body, read_document(text, "motion", tmp_path, "en").body_html):
        tree = lxml.html.fromstring(f"<div>{listed}</div>")
        top = tree.xpath("./ol/li")
        assert [" ".join(li.text_content().split()) for li in top] == [
            RESOLUTIONS[0],
            " ".join([RESOLUTIONS[1], *BLOCS]),
            LAST,
        ], listed
        assert [
            " ".join(li.text_content().split()) for li in top[1].xpath("./ol[@type='a']/li")
        ] == BLOCS


@pytest.mark.parametrize("between", ["\n", "\n\n"], ids=["tight", "spaced"])
def test_markdown_points_lettered_between_numbered_items_go_inside_the_item_above(
    tmp_path: Path, between: str
) -> None:
    """Typed in Markdown without indenting the points: pandoc read a numbered list, a
    lettered one and a second numbered one from 2. Between two lists that each count from
    1, a lettered list stays one of its own."""
    lettered = [f"{c}) {b}" for c, b in zip("ab", BLOCS, strict=True)]
    typed = between.join(["1. " + RESOLUTIONS[0], *lettered, "2. " + RESOLUTIONS[1], "3. " + LAST])
    apart = "\n\n".join(["1. " + RESOLUTIONS[0], *lettered, "1. " + LAST])
    path = tmp_path / "motion.md"
    path.write_text(f"---\ntitle: Motion\n---\nWe resolve:\n\n{typed}\n\nAnd:\n\n{apart}\n")
    body = read_document(path, "motion", tmp_path, "en").body_html
    tree = lxml.html.fromstring(f"<div>{body}</div>")
    first = tree.xpath("./ol[not(@type='a')][1]/li")
    assert [" ".join(li.text_content().split()) for li in first] == [
        " ".join([RESOLUTIONS[0], *BLOCS]),
        RESOLUTIONS[1],
        LAST,
    ]
    assert [" ".join(li.text_content().split()) for li in tree.xpath("./ol[@type='a']/li")] == BLOCS


def test_lettered_points_under_a_lone_number_are_still_a_lettered_list() -> None:
    """ "1)" alone is no list (it may be a heading's number): the "a)", "b)" under it stay
    the list they were, and "1)" as typed."""
    body = typed_lists(
        "<p>1) We resolve:</p>"
        + "".join(f"<p>{c}) {b}</p>" for c, b in zip("ab", BLOCS, strict=True))
    )
    assert lists(f"<div>{body}</div>") == [("ol", None, BLOCS)]
    assert body.startswith("<p>1) We resolve:</p>")


@pytest.mark.parametrize(
    ("bullets", "shape"),
    [
        ("•◦◦•", [["A", "B", "C"], ["D"]]),
        ("•◦▪•", [["A", "B", "C"], ["D"]]),
        ("◦◦◦◦", [["A"], ["B"], ["C"], ["D"]]),
        ("•●•●", [["A"], ["B"], ["C"], ["D"]]),
    ],
    ids=["a level down", "two levels down", "one bullet", "bullets of no level"],
)
def test_a_typed_lists_lower_levels_are_lists_inside_its_items(
    tmp_path: Path, bullets: str, shape: list[list[str]]
) -> None:
    """ "◦" or "▪" under "•" is a level down, in a Markdown document as in a page's
    paragraphs (as Word and browsers draw them); a list with one bullet stays one list.
    `shape`: the letters each top-level item holds, its lower levels' with it."""
    items = [f"{bullet} {letter}" for bullet, letter in zip(bullets, "ABCD", strict=True)]
    paragraphs = typed_lists("<p>We ask:</p>" + "".join(f"<p>{i}</p>" for i in items))
    markdown = markdown_as_meant("We ask:\n" + "\n".join(items))
    for body in (paragraphs, markdown_to_html(markdown)):
        top = lxml.html.fromstring(f"<div>{body}</div>").xpath("./ul/li")
        assert [re.findall(r"[A-D]", li.text_content()) for li in top] == shape, body


def test_bullets_typed_in_the_editorial_are_a_list(built: Path) -> None:
    assert ("ul", None, ["the ballot", "the rota"]) in lists(
        (built / ISSUE / "index.html").read_bytes()
    )


def test_dashed_and_arabic_numbered_points_in_the_editorial_are_lists(built: Path) -> None:
    """They were paragraphs, dashes and numbers printed: the editorial, written in the
    manifest, was not read as documents are."""
    found = lists((built / ISSUE / "index.html").read_bytes())
    assert ("ul", None, ["ballot closes", "count"]) in found
    assert ("ol", None, ["الإضراب", "المسيرة"]) in found


# As WordPress writes lines typed one under the other, and Word a line broken with Shift+Enter
LINES = """<!DOCTYPE html><html lang="en"><head><title>Demands</title></head><body>
<p>We ask the employer for:<br />\n• Pay rise of 10% for all grades<br />\n• An end to
zero-hours contracts<br />\n• Safe staffing</p>
<p>Agreed:<br />\n1) Strike ballot in January.<br />\n2) Picket rota from the branch office.</p>
<p>Calle Mayor 12<br />\n28013 Madrid<br />\n3. planta</p>
<p>Points 1. and<br />\n3. were left for the next meeting.</p>
<p>Rooms:<br />\n1. floor: the office<br />\n3. floor: the hall</p>
</body></html>"""


def test_items_typed_on_lines_of_one_paragraph_are_a_list(tmp_path: Path) -> None:
    """A web page's "We ask:<br>• Pay<br>• Hours" printed its bullets in one paragraph;
    an address, and lines whose numbers make no list, stay lines."""
    path = tmp_path / "demands.html"
    path.write_text(LINES)
    body = read_document(path, "demands", tmp_path, "en").body_html
    assert lists(f"<div>{body}</div>") == [
        ("ul", None, DEMANDS),
        ("ol", None, ["Strike ballot in January.", "Picket rota from the branch office."]),
    ]
    paragraphs = [" ".join(p.text_content().split()) for p in lxml.html.fromstring(body).iter("p")]
    assert paragraphs == [
        "We ask the employer for:",
        "Agreed:",
        "Calle Mayor 12 28013 Madrid 3. planta",
        "Points 1. and 3. were left for the next meeting.",
        "Rooms: 1. floor: the office 3. floor: the hall",  # 1 and 3: no list
    ]
    assert body.count("<br>") == 5  # the lines of those, as broken


@pytest.mark.parametrize(
    ("mark", "tag"), [("•", "ul"), ("\uf0b7", "ul"), ("▪", "ul"), ("{}.", "ol"), ("({})", "ol")]
)
def test_marks_copied_out_of_a_pdf_apart_from_their_items_are_a_list(
    tmp_path: Path, mark: str, tag: str
) -> None:
    """A PDF's text copies each bullet or number on a line of its own, its item's words
    under it: a .txt printed the marks as lines, Markdown ran bulleted items into one,
    and `publisher import` kept them as lines. A bullet alone between two blank lines (a
    section's separator) stays."""
    items = "".join(f"{mark.format(n)}\n{demand}\n" for n, demand in enumerate(DEMANDS, 1))
    text = f"We ask the employer for:\n\n{items}\n•\n\nIn solidarity, the branch.\n"
    (tmp_path / "demands.txt").write_text("Demands\n\n" + text)
    (tmp_path / "demands.md").write_text("---\ntitle: Demands\n---\n\n" + text)
    read = [
        read_document(tmp_path / n, "d", tmp_path, "en").body_html
        for n in ("demands.txt", "demands.md")
    ]
    imported = plaintext.recover("Demands\n\n" + text)[0].body_html
    for body in (*read, imported):
        assert lists(f"<div>{body}</div>") == [(tag, None, DEMANDS)], body
        tree = lxml.html.fromstring(f"<div>{body}</div>")
        assert "In solidarity, the branch." in tree.xpath("string(./p[last()])"), body


def test_a_number_alone_on_its_line_that_counts_nothing_stays_on_its_line() -> None:
    """ "… set out in chapter" / "3." / "Then …": a sentence's line ending, no item."""
    for text in ("We met as set out in chapter\n3.\nThen we voted.\n", "1.\nPay\n3.\nHours\n"):
        assert marks_beside_their_items(text) == text


def test_a_web_pages_bullet_paragraphs_are_a_list_keeping_each_items_language(
    built: Path,
) -> None:
    page = (built / ISSUE / "solidarity" / "index.html").read_bytes()
    assert lists(page) == [("ul", None, ["Glasgow", "Cádiz dockers", "عمال الميناء"])]
    item = lxml.html.fromstring(page).xpath("//li[@lang='ar']")
    assert item and item[0].get("dir") == "rtl"


def test_the_lists_are_lists_in_the_email_and_the_epub_too(built: Path) -> None:
    html = parse_eml(built / ISSUE / "email.eml").get_body(("html",)).get_content()
    text = parse_eml(built / ISSUE / "email.eml").get_body(("plain",)).get_content()
    with zipfile.ZipFile(built / ISSUE / f"{ISSUE}.epub") as epub:
        book = [
            found
            for name in epub.namelist()
            if name.endswith(".xhtml")
            for found in lists(epub.read(name))
        ]
    for found in (lists(html), book):
        assert ("ul", None, DEMANDS) in found
        assert (
            "ol",
            "3",
            ["Strike ballot in January.", "Picket rota from the branch office."],
        ) in found
    lines = [line.strip() for line in text.splitlines()]
    for demand in DEMANDS:
        assert f"- {demand}" in lines or f"* {demand}" in lines, lines


# A strike committee's letter in Arabic, its demands numbered as its writers number them
DEMANDS_AR = ["تطبيق الحد الأدنى للأجور.", "صرف الأرباح المتأخرة.", "عودة الزملاء المفصولين."]
LETTER_AR = """\
---
title: رسالة من عمال النسيج
lang: ar
---

## مطالبنا

١. تطبيق الحد الأدنى للأجور.

٢. صرف الأرباح المتأخرة.

٣. عودة الزملاء المفصولين.

وقع على هذه الرسالة ٣٬٠٠٠ عامل.
"""


def test_a_list_numbered_in_arabic_indic_digits_keeps_them_in_every_output(
    tmp_path: Path,
) -> None:
    """ "١.", "٢.", "٣." typed in an Arabic letter: a list, counted in those digits in the PDF
    (where they printed 1. 2. 3.), the web page, the email (its text part too, where they
    read 1. 2. 3.) and the EPUB."""
    root = minimal_with(tmp_path / "ws", {"risala.md": LETTER_AR})
    out, _ = build_with_warnings(root)
    pdf = pdf_text(out / ISSUE / f"{ISSUE}.pdf")
    for number, demand in zip("١٢٣", DEMANDS_AR, strict=True):  # each item's printed line
        [line] = [line for line in pdf.splitlines() if demand in line]
        assert number in line and not re.search("[0-9]", line), line
    email = parse_eml(out / ISSUE / "email.eml").get_body(("html",)).get_content()
    for markup in ((out / ISSUE / "risala" / "index.html").read_text(), email):
        assert ("ol", None, DEMANDS_AR) in lists(markup)
        [listing] = lxml.html.fromstring(markup).xpath("//ol[li[contains(., 'تطبيق')]]")
        assert "list-style-type: arabic-indic" in listing.get("style", "")
    for text in (
        parse_eml(out / ISSUE / "email.eml").get_body(("plain",)).get_content(),
        (out / ISSUE / "email.txt").read_text(encoding="utf-8"),
    ):
        for number, demand in zip("١٢٣", DEMANDS_AR, strict=True):
            [line] = [line for line in text.splitlines() if demand in line]
            assert line.lstrip("\u200f ").startswith(f"{number}. "), line
    with zipfile.ZipFile(out / ISSUE / f"{ISSUE}.epub") as epub:  # pandoc drops a list's style
        book = {name: epub.read(name) for name in epub.namelist()}
    [chapter] = [text for name, text in book.items() if "تطبيق".encode() in text]
    assert ("ol", None, DEMANDS_AR) in lists(chapter)
    [listing] = lxml.html.fromstring(chapter).xpath("//ol[li[contains(., 'تطبيق')]]")
    counted = listing.getparent().get("class", "")
    rule = rf"\.{counted} > ol:not\(\[type\]\) {{ list-style-type: arabic-indic; }}"
    assert any(
        re.search(rule, text.decode()) for name, text in book.items() if name.endswith(".css")
    )


@pytest.mark.parametrize("after", ["", "مطالبنا:\n"], ids=["alone", "under a line"])
def test_lines_numbered_in_arabic_indic_digits_one_under_the_other_are_a_list(
    tmp_path: Path, after: str
) -> None:
    """ "١.", "٢.", "٣." lines typed one under the other in Markdown, as "1." lines and "•"
    lines typed so are a list: they were one paragraph, "١. رفع الأجور ٢. عقود دائمة …"."""
    items = ["رفع الأجور", "عقود دائمة", "السلامة في العمل"]
    typed = after + "".join(f"{n}. {item}\n" for n, item in zip("١٢٣", items, strict=True))
    letter = f"---\ntitle: رسالة\nlang: ar\n---\n\n{typed}\nوقع على هذه الرسالة ٣٬٠٠٠ عامل.\n"
    root = minimal_with(tmp_path / "ws", {"risala.md": letter})
    result = CliRunner().invoke(main, ["-C", str(root), "build", "-f", "web"])
    assert result.exit_code == 0, result.output
    page = (root / "dist" / ISSUE / "risala" / "index.html").read_bytes()
    assert lists(page) == [("ol", None, items)]
    [listing] = lxml.html.fromstring(page).xpath("//ol")
    assert "list-style-type: arabic-indic" in listing.get("style", "")


@pytest.mark.parametrize(
    "body",
    [
        "<p>1. Introduction</p><p>The text.</p>",  # a heading's number, alone
        "<p>1) One</p><p>3) Three</p>",  # not counting on by one
        "<p>2024. A year.</p><p>2025. Another.</p>",  # years
        "<p>Bullet · inside a line</p><p>•</p>",  # no mark at a start, a mark and nothing
        "<p>- - -</p><p>– – –</p>",  # separators typed with dashes
    ],
)
def test_what_is_no_typed_list_stays_as_written(body: str) -> None:
    assert typed_lists(body) == body


def test_a_run_is_broken_by_words_between_its_paragraphs() -> None:
    body = typed_lists("<div><p>• One</p>between<p>• Two</p></div>")
    assert lists(body) == [("ul", None, ["One"]), ("ul", None, ["Two"])]
    assert "between" in lxml.html.fromstring(body).text_content()


def test_a_markdown_paragraph_opening_with_a_year_is_no_list_numbered_from_it(
    tmp_path: Path,
) -> None:
    """ "2026. A year of struggle …" at a paragraph's start: Markdown made it a list numbered
    from 2026, the paragraph indented as its item. The years of a timeline one after the
    other stay its items."""
    year = "2026. A year of struggle for the union, and of victories too."
    timeline = ["2024. We organised.", "2025. We struck.", "2026. We won."]
    path = tmp_path / "review.md"
    path.write_text(
        "---\ntitle: Review\n---\n\nLooking back.\n\n"
        + year
        + "\n\nTimeline:\n\n"
        + "\n".join(timeline)
        + "\n\n```\n2026. code\n```\n"
    )
    body = read_document(path, "review", tmp_path, "en").body_html
    tree = lxml.html.fromstring(f"<div>{body}</div>")
    assert [" ".join(p.text_content().split()) for p in tree.xpath("./p")] == [
        "Looking back.",
        year,
        "Timeline:",
    ]
    assert lists(f"<div>{body}</div>") == [
        ("ol", "2024", ["We organised.", "We struck.", "We won."])
    ]
    assert tree.xpath("string(//pre)") == "2026. code"


def test_markdown_bullets_start_a_list_only_at_a_lines_start() -> None:
    assert markdown_as_meant("Intro:\n• a\n• b\n") == "Intro:\n\n- a\n- b\n"
    assert markdown_as_meant("- a\n• b") == "- a\n- b"  # one list, no blank line inside
    assert markdown_as_meant("A · B and • C\n") == "A · B and • C\n"
    assert markdown_as_meant("~~~\n• x\n~~~\n• y") == "~~~\n• x\n~~~\n\n- y"


PIECES = [
    "• ",
    "- ",
    "— ¿",
    "·\u00a0",
    "1) ",
    "(2) ",
    "3. ",
    "12. ",
    "words",
    "<strong>b</strong>",
    "• • •",
    "",
]


@given(
    st.lists(
        st.tuples(st.lists(st.sampled_from(PIECES), max_size=4), st.sampled_from(["", " ", "x"])),
        max_size=8,
    ),
    st.sampled_from(["", ' dir="rtl" lang="ar"']),
)
def test_typed_lists_keep_every_word_of_any_paragraphs(
    paragraphs: list[tuple[list[str], str]], attributes: str
) -> None:
    body = "".join(
        f"<p{attributes}>{''.join(pieces)}</p>{between}" for pieces, between in paragraphs
    )
    listed = typed_lists(f"<div>{body}</div>")
    letters = [
        re.sub(r"[^a-z]", "", lxml.html.fromstring(f"<div>{b}</div>").text_content())
        for b in (body, listed)
    ]
    assert letters[0] == letters[1]
