"""Dashes typed as hyphens are printed as dashes, whichever file the text came in.

Pandoc made `--` an en dash in Markdown only, so the same statement printed "2010--2020"
from a `.txt` or a web page; and a dash typed as a spaced hyphen, as blogs and mail write
it, stayed a hyphen everywhere, which a justified line could leave at the start of a line
as if it were a bullet.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from bounded import finishes_within

from publisher.build import build
from publisher.readers import read_document

NBSP = "\u00a0"
TITLE = "Ballot opens -- vote yes"
TEXT = (
    "The ballot opens on Monday - and every member should vote. Pay fell 12% in"
    " 2010--2020, and the offer - a 2% rise - is an insult --- we say no."
)
SET_TITLE = f"Ballot opens{NBSP}– vote yes"
SET_TEXT = (
    f"The ballot opens on Monday{NBSP}– and every member should vote. Pay fell 12% in"
    f" 2010–2020, and the offer{NBSP}– a 2% rise{NBSP}– is an insult{NBSP}— we say no."
)

AS_TYPED = {
    "ballot.txt": f"{TITLE}\n\n{TEXT}\n",
    "ballot.md": f"---\ntitle: {TITLE}\n---\n\n{TEXT}\n",
    "ballot.html": f"<html><head><title>{TITLE}</title></head><body><p>{TEXT}</p></body></html>",
}


def text_of(body: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", body)).strip()


@pytest.mark.parametrize("name", sorted(AS_TYPED))
def test_the_same_text_gets_the_same_dashes_from_every_kind_of_file(
    tmp_path: Path, name: str
) -> None:
    """`--` an en dash, `---` an em dash, a spaced hyphen an en dash; each dash between
    spaced words tied to the word before it, so that no line starts with it."""
    path = tmp_path / name
    path.write_text(AS_TYPED[name])

    document = read_document(path, "ballot", tmp_path, "en")

    assert document.title == SET_TITLE
    assert text_of(document.body_html) == SET_TEXT


DOTS_TITLE = "Still waiting..."
DOTS_TEXT = 'We waited... and waited. Then they said "maybe..." and left....'
SET_DOTS_TITLE = "Still waiting…"
SET_DOTS_TEXT = "We waited… and waited. Then they said “maybe…” and left…."


@pytest.mark.parametrize(
    "typed",
    [
        f"{DOTS_TITLE}\n\n{DOTS_TEXT}\n",
        f"---\ntitle: {DOTS_TITLE}\n---\n\n{DOTS_TEXT}\n",
        f"<html><head><title>{DOTS_TITLE}</title></head><body><p>{DOTS_TEXT}</p></body></html>",
    ],
    ids=["txt", "md", "html"],
)
def test_the_same_text_gets_the_same_ellipses_from_every_kind_of_file(
    tmp_path: Path, typed: str, request: pytest.FixtureRequest
) -> None:
    """Three dots are one character, as pandoc's `smart` set them in Markdown only; a
    fourth is the sentence's full stop."""
    name = f"waiting.{request.node.callspec.id}"
    path = tmp_path / name
    path.write_text(typed)

    document = read_document(path, "waiting", tmp_path, "en")

    assert document.title == SET_DOTS_TITLE
    assert text_of(document.body_html) == SET_DOTS_TEXT


def test_dots_that_are_no_ellipsis_stay_as_typed(tmp_path: Path) -> None:
    """A table of contents' leaders, an address and code."""
    typed = (
        "<p>Pay claim .......... 5</p><p>Read https://union.example.org/a...b now.</p>"
        "<p>Run <code>ls ...</code> first.</p>"
    )
    body = body_of(tmp_path, "dots.html", f"<html><head><title>Dots</title></head><body>{typed}")

    def words(markup: str) -> list[str]:
        return html.unescape(re.sub(r"<[^>]+>", " ", markup)).split()

    assert words(body) == words(typed)


@pytest.mark.parametrize(
    "typed",
    [
        "Call 0161 - 555 - 0199 or 0161-555-0199 with questions.",  # a telephone number
        "Twelve members less four: 12 - 4 = 8.",  # a sum
        "Build it with publisher build --format pdf and check it.",  # a command's option
        "Read https://union.example.org/pay--claim and write to a--b@union.example.org now.",
        "Long-term, full-scale, twenty-one: hyphens inside words.",
    ],
)
def test_hyphens_that_are_not_dashes_stay_as_typed(tmp_path: Path, typed: str) -> None:
    path = tmp_path / "notes.txt"
    path.write_text(f"Notes\n\n{typed}\n")

    document = read_document(path, "notes", tmp_path, "en")

    assert text_of(document.body_html) == typed


def body_of(folder: Path, name: str, typed: str) -> str:
    """The body of a document `name` holding `typed`, as read."""
    (folder / name).write_text(typed)
    return read_document(folder / name, Path(name).stem, folder, "en").body_html


def test_an_interview_typed_with_hyphens_is_set_with_dialogue_dashes(tmp_path: Path) -> None:
    """Turns of speech typed with a hyphen (`typed_lists.spoken`: no list) open with an em
    dash, as Spanish and French print dialogue; an aside's closing dash before a full stop
    is a dash as its opening one is."""
    body = body_of(
        tmp_path,
        "entrevista.txt",
        "---\nlang: es\n---\nEntrevista a María\n\n- ¿Cuándo empezó la huelga?\n"
        "- En enero - responde María -. Y no vamos a parar.\n- ¿Qué pedís?\n"
        "- Lo de siempre: salario digno.\n",
    )

    paragraphs = [text_of(p) for p in re.findall(r"<p\b.*?</p>", body, re.S)]
    assert paragraphs == [
        "— ¿Cuándo empezó la huelga?",
        f"— En enero{NBSP}– responde María{NBSP}–. Y no vamos a parar.",
        "— ¿Qué pedís?",
        "— Lo de siempre: salario digno.",
    ]


def test_turns_of_speech_alone_are_set_too(tmp_path: Path) -> None:
    """With no other dash in the text to set."""
    body = body_of(tmp_path, "turnos.txt", "Turnos\n\n- ¿Vienes?\n- Sí.\n- ¿Cuándo?\n- Mañana.\n")
    assert text_of(body).count("— ") == 4


def test_a_line_signed_with_two_hyphens_opens_with_an_em_dash(tmp_path: Path) -> None:
    body = body_of(tmp_path, "signed.txt", f"Signed\n\n{TEXT}\n\n-- The Branch Committee\n")
    assert text_of(body).endswith("\n— The Branch Committee")


def test_dashes_set_once_are_set_again_the_same(tmp_path: Path) -> None:
    """What `publisher import` writes (its text with dashes set) reads the same when the
    build reads it again: "-- Ana" was "– Ana", then "— Ana"; "a --;" "a –;", then "a –;"
    tied. Texts of letters, digits, dashes, spaces and punctuation, drawn at random from a
    fixed seed."""
    import random

    from publisher.dashes import dashed

    draw = random.Random(81)
    characters = [*"ab1 -–—.,;)¿\u00a0", "<em>", "</em>"]
    for _ in range(20_000):
        body = "<p>" + "".join(draw.choices(characters, k=draw.randint(0, 20))) + "</p>"
        once = dashed(body, "en")
        assert dashed(once, "en") == once, body


def test_a_line_opening_with_a_minus_sign_keeps_it(tmp_path: Path) -> None:
    body = body_of(tmp_path, "scores.txt", "Scores\n\n- 5 points for the council.\n")
    assert text_of(body) == "- 5 points for the council."


def test_code_keeps_its_hyphens(tmp_path: Path) -> None:
    body = body_of(
        tmp_path,
        "howto.md",
        "---\ntitle: How to\n---\n\nRun `publisher build - --force -- x` then:\n\n"
        "```\ngit log -- a - b\n```\n",
    )

    assert "<code>publisher build - --force -- x</code>" in body
    assert "git log -- a - b" in body


def test_a_dash_already_typed_between_spaced_words_is_tied_to_the_word_before_it(
    tmp_path: Path,
) -> None:
    """As Word's autocorrect types it: with a breaking space before it."""
    body = body_of(tmp_path, "word.txt", "Word\n\nThe offer – a 2% rise — is an insult.\n")

    assert text_of(body) == f"The offer{NBSP}– a 2% rise{NBSP}— is an insult."


def test_a_dash_beside_a_word_in_italics_is_set_too(tmp_path: Path) -> None:
    body = body_of(
        tmp_path,
        "italics.html",
        "<html><head><title>Italics</title></head><body>"
        "<p>We said <em>no</em> - <strong>twice</strong> -- and won.</p></body></html>",
    )

    assert f"<em>no</em>{NBSP}– <strong>twice</strong>{NBSP}– and won." in body


@pytest.mark.parametrize(
    ("name", "typed"),
    [
        ("repeated.md", "---\ntitle: Ballot opens - vote yes\n---\n\n# Ballot opens -- vote yes\n"),
        (
            "repeated.html",
            "<html><head><title>Ballot opens - vote yes | Union site</title></head>"
            "<body><h1>Ballot opens – vote yes</h1>",
        ),
    ],
)
def test_a_heading_repeating_the_title_with_other_dashes_is_the_title_written_twice(
    tmp_path: Path, name: str, typed: str
) -> None:
    """The heading is left out, and the page's title is its headline, however each typed
    the dash."""
    path = tmp_path / name
    path.write_text(
        typed + "\n<p>Text here.</p>\n" if name.endswith(".html") else typed + "\nText here.\n"
    )

    document = read_document(path, "repeated", tmp_path, "en")

    assert document.title == f"Ballot opens{NBSP}– vote yes"
    assert text_of(document.body_html) == "Text here."


def test_no_printed_line_starts_with_a_dash(workspace: Callable[[str], Path]) -> None:
    """In the PDF's justified lines, a dash stays at the end of the words before it: in
    paragraphs whose dash stands one letter further along each time, one of them comes
    where the line is full."""
    import pymupdf

    root = workspace("minimal")
    paragraphs = [
        f"The {'word ' * (n // 5)}{'a' * (n % 5 + 1)} - and then the rest of the sentence."
        for n in range(100)
    ]
    (root / "documents" / "first-article.md").write_text(
        "---\ntitle: Dashes\n---\n\n" + "\n\n".join(paragraphs) + "\n"
    )

    out = build(root, formats=["pdf"]).out_dir

    with pymupdf.open(out / "001-first" / "001-first.pdf") as pdf:
        lines = [
            "".join(span["text"] for span in line["spans"]).strip()
            for page in pdf
            for block in page.get_text("dict")["blocks"]
            for line in block.get("lines", [])
        ]
    assert sum(line.count("–") for line in lines) == len(paragraphs)
    assert [line for line in lines if line.startswith(("–", "-"))] == []


def test_long_runs_of_hyphens_and_spaced_hyphens_are_set_in_linear_time() -> None:
    finishes_within(
        10,
        "from publisher.dashes import dashed",
        "body = '<p>' + '-' * 1_000_000 + ' a - b' * 200_000 + ' --x' * 200_000 + '</p>'",
        "out = dashed(body, 'en')",
        "assert out.count('\u2013') == 200_000 and '-' * 1_000_000 in out",
    )


def test_dashes_and_dots_in_a_run_without_spaces_are_set_in_linear_time() -> None:
    """Each dash's word was looked for back to the text's start: 300 kB of "a--a--…" took
    minutes."""
    finishes_within(
        10,
        "from publisher.dashes import dashed",
        "body = '<p>' + 'a--' * 200_000 + ' ' + 'a...' * 200_000 + '</p>'",
        "out = dashed(body, 'en')",
        "assert out.count('\u2013') == 200_000 and out.count('\u2026') == 200_000",
    )


def test_dashes_among_thousands_of_tags_are_set_in_linear_time() -> None:
    """The character after each piece of text was looked for in a copy of all the pieces
    after it: 20,000 lines of a pasted table's "+--+" took 4 s, 300,000 pieces minutes."""
    finishes_within(
        10,
        "from publisher.dashes import dashed",
        "body = '<p>' + 'a -- b<br>' * 150_000 + '<em>c</em> -- d</p>'",
        "out = dashed(body, 'en')",
        "assert out.count('\u2013') == 150_001 and out.endswith('<em>c</em>\u00a0\u2013 d</p>')",
    )
