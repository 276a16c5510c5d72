"""A picture's description (alt text) is what a screen reader says in its place. The build
names every picture that has none, with its document, its line and how to describe it in
the program the document came from; the words Word adds to a description it wrote itself
("Description automatically generated") are left out of every output, the description kept."""

from __future__ import annotations

import base64
import io
import logging
import re
import zipfile
from pathlib import Path

import pikepdf
import pypandoc
import pytest
from bounded import finishes_within
from click.testing import CliRunner
from conftest import build_with_warnings, minimal_with
from PIL import Image

from publisher.cli import main
from publisher.readers import read_document
from publisher.readers.alt_text import without_machine_words

ISSUE = "001-first"


def picture() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (240, 160), (30, 90, 160)).save(out, format="PNG")
    return out.getvalue()


def word_file(tmp_path: Path, description: str | None) -> bytes:
    """A Word file holding one picture, described as Word describes it (None: not at all):
    made by pandoc, then its description and the caption pandoc adds under it taken out,
    as Word itself saves a picture."""
    (tmp_path / "shot.png").write_bytes(picture())
    path = tmp_path / "made.docx"
    pypandoc.convert_text(
        "The picket.\n\n![PLACEHOLDER](shot.png)\n\nAfter.",
        "docx",
        format="markdown",
        outputfile=str(path),
        extra_args=["--resource-path", str(tmp_path)],
    )
    with zipfile.ZipFile(path) as made:
        entries = [(info, made.read(info)) for info in made.infolist()]
    said = b"" if description is None else f'descr="{description}"'.encode()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as word:
        for info, data in entries:
            if info.filename == "word/document.xml":
                data = data.replace(b'descr="PLACEHOLDER"', said)
                data = re.sub(rb'<w:p><w:pPr><w:pStyle w:val="ImageCaption" />.*?</w:p>', b"", data)
            word.writestr(info, data)
    return out.getvalue()


ARTICLE = """\
---
title: At the gates
---

We stood outside the gates from six.

![The picket at dawn](media/dawn.png)

Then the lorries came.

![](media/lorries.png)

<p><img src="media/gates.png" alt=""></p>
"""

LONE = """\
---
title: The banner
---

The new banner, painted by the youth section.

![](media/banner.png)
"""

WORD_SAID = "A group of people holding signs&#xA;&#xA;Description automatically generated"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    made = tmp_path_factory.mktemp("word")
    media = {f"media/{n}.png": picture() for n in ("dawn", "lorries", "gates", "banner")}
    root = minimal_with(
        tmp_path_factory.mktemp("alt") / "ws",
        {
            **media,
            "article.md": ARTICLE,
            "lone.md": LONE,
            "word-said.docx": word_file(made, WORD_SAID),
            "word-silent.docx": word_file(made, None),
        },
    )
    manifest = root / "issues" / "001-first.yaml"
    manifest.write_text(
        manifest.read_text().replace(
            "Hello from the editors.", "Hello from the editors.\n\n  ![](documents/media/dawn.png)"
        )
    )
    return build_with_warnings(root)


def said_of(warnings: list[str], name: str) -> list[str]:
    return [w for w in warnings if f"documents/{name}" in w and "no description" in w]


def test_a_picture_without_description_is_named_at_its_line_with_the_fix(
    built: tuple[Path, list[str]],
) -> None:
    dist, warnings = built
    lone = dist.parent / "documents" / "lone.md"
    assert said_of(warnings, "lone.md") == [
        f"{lone}:7: the picture media/banner.png has no description (alt text) for readers"
        " who cannot see it: write what each shows between its brackets:"
        " ![What the picture shows](picture.jpg)"
    ]


def test_each_undescribed_picture_of_a_document_is_listed_once(
    built: tuple[Path, list[str]],
) -> None:
    """An empty description counts as none: platforms write alt="" for a picture nobody
    described. The described picture is not named."""
    _, warnings = built
    [said] = said_of(warnings, "article.md")
    assert "2 pictures" in said and "media/lorries.png (line 11)" in said
    assert "media/gates.png (line 13)" in said and "dawn" not in said


@pytest.mark.parametrize(
    ("described", "undescribed", "fix"),
    [
        ("![Described](pic.png)", "![](pic.png)", "![What the picture shows](picture.jpg)"),
        (
            '{{< figure src="pic.png" alt="Described" >}}',
            '{{< figure src="pic.png" >}}',
            'alt="what the picture shows"',
        ),
    ],
)
def test_the_undescribed_one_of_a_picture_shown_twice_is_named_at_its_own_line(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, described: str, undescribed: str, fix: str
) -> None:
    """The same picture described once and shown again without a description: the warning
    named the line of the described one (7), and for Hugo's figure shortcode told to write
    Markdown's ![…](…), where its own alt="…" is what describes it."""
    (tmp_path / "pic.png").write_bytes(picture())
    post = tmp_path / "post.md"
    post.write_text(f"---\ntitle: T\n---\n\nPara.\n\n{described}\n\nMore.\n\n{undescribed}\n")
    with caplog.at_level(logging.WARNING, logger="publisher"):
        read_document(post, "post", tmp_path, "en")
    [said] = [r.getMessage() for r in caplog.records if "no description" in r.getMessage()]
    assert said.startswith(f"{post}:11: the picture pic.png has no description"), said
    assert said.endswith(fix), said


@pytest.mark.parametrize(
    ("shown", "defined"),
    [
        ("![](data:image/png;base64,{})", ""),
        # Google Docs' Markdown download: each picture named in the text, kept at its end
        ("![][image1]", "\n\n[image1]: <data:image/png;base64,{}>"),
    ],
)
def test_a_picture_kept_inside_the_text_is_named_at_the_lines_that_show_it(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, shown: str, defined: str
) -> None:
    """A picture kept inside the text (a data: address) was named "picture 1 of 2", without
    a line, though the editor sees no such number: the warning gives each line showing it,
    and never names the file the build saved it to, which the text does not hold."""
    data = base64.b64encode(picture()).decode()
    post = tmp_path / "post.md"
    place = shown.format(data)
    post.write_text(
        f"---\ntitle: T\n---\n\nPara.\n\n{place}\n\nMore.\n\n{place}\n" + defined.format(data)
    )
    with caplog.at_level(logging.WARNING, logger="publisher"):
        read_document(post, "post", tmp_path, "en")
    [said] = [r.getMessage() for r in caplog.records if "no description" in r.getMessage()]
    assert said == (
        f"{post}: 2 pictures have no description (alt text) for readers who cannot see them:"
        " the picture kept inside the text (line 7), the picture kept inside the text (line 11);"
        " write what each shows between its"
        " brackets: ![What the picture shows](picture.jpg)"
    )


def test_the_lines_of_a_thousand_pictures_kept_inside_the_text_are_found_in_linear_time() -> None:
    """In a child bounded at 10 s (this takes about a second): each picture defined at the
    text's end was looked for through the whole text, a thousand of them in 20 MB taking
    about 25 s."""
    finishes_within(
        10,
        "import base64, io",
        "from PIL import Image",
        "from publisher.readers.alt_text import _kept_inside",
        "def png(n):",
        "    out = io.BytesIO()",
        "    Image.new('RGB', (8, 8), (n % 256, n // 256, 0)).save(out, 'PNG')",
        "    return base64.b64encode(out.getvalue()).decode()",
        "shown = ''.join(f'![][image{n}]\\n\\n' for n in range(1000))",
        "words = ('word ' * 4000 + '\\n\\n') * 1000",
        "defined = ''.join(f'[image{n}]: <data:image/png;base64,{png(n)}>\\n' for n in range(1000))",
        "lines = _kept_inside(shown + words + defined)",
        "assert sorted(line for found in lines.values() for line in found) == list(range(1, 2000, 2))",
    )


def test_a_picture_of_the_editorial_is_named_at_its_line_in_the_manifest(
    built: tuple[Path, list[str]],
) -> None:
    _, warnings = built
    [said] = [w for w in warnings if "issues/001-first.yaml" in w and "no description" in w]
    assert said.startswith(f"{built[0].parent / 'issues' / '001-first.yaml'}:7: the picture")


def test_a_word_files_picture_is_named_by_its_place_with_words_fixes(
    built: tuple[Path, list[str]],
) -> None:
    _, warnings = built
    [said] = said_of(warnings, "word-silent.docx")
    assert "picture 1 of 1 has no description" in said and "Edit Alt Text" in said
    assert said_of(warnings, "word-said.docx") == []


def test_words_note_that_it_wrote_a_description_is_left_out_of_every_output(
    built: tuple[Path, list[str]],
) -> None:
    dist, _ = built
    wanted = 'alt="A group of people holding signs"'
    page = (dist / ISSUE / "word-said" / "index.html").read_text()
    email = (dist / ISSUE / "email.html").read_text()
    with zipfile.ZipFile(dist / ISSUE / f"{ISSUE}.epub") as epub:
        book = "".join(epub.read(n).decode() for n in epub.namelist() if n.endswith(".xhtml"))
    for output in (page, email, book):
        assert wanted in output
        assert "automatically" not in output
    with pikepdf.open(dist / ISSUE / f"{ISSUE}.pdf") as pdf:
        alts = [
            str(o.Alt) for o in pdf.objects if isinstance(o, pikepdf.Dictionary) and "/Alt" in o
        ]
    assert "A group of people holding signs" in alts
    assert not any("automatically" in alt for alt in alts)


def test_the_pdf_of_an_issue_with_an_undescribed_picture_fails_pdf_ua(
    built: tuple[Path, list[str]],
) -> None:
    """What the warning is for: `publisher check` fails such a PDF, naming the rule."""
    dist, _ = built
    result = CliRunner().invoke(
        main, ["-C", str(dist.parent), "check", "--no-build", "--format", "pdf"]
    )
    assert result.exit_code != 0 and "UA-13-004" in result.output, result.output


@pytest.mark.parametrize(
    ("written", "kept"),
    [
        (
            "A group of people holding signs Description automatically generated",
            "A group of people holding signs",
        ),
        (
            "A screenshot of a computer\n\nDescription automatically generated with low confidence",
            "A screenshot of a computer",
        ),
        ("A diagram of a network AI-generated content may be incorrect.", "A diagram of a network"),
        (
            "Interfaz de usuario gráfica, AplicaciónEl contenido generado por IA puede ser"
            " incorrecto.",
            "Interfaz de usuario gráfica, Aplicación",
        ),
        ("Un ratón Descripción generada automáticamente con confianza media", "Un ratón"),
        (
            "Une image contenant texte, Police\n\nDescription générée automatiquement",
            "Une image contenant texte, Police",
        ),
        (
            "Une image contenant carte Le contenu généré par l’IA peut être incorrect.",
            "Une image contenant carte",
        ),
        (
            "Ein Bild, das Text enthält. Automatisch generierte Beschreibung",
            "Ein Bild, das Text enthält",
        ),
        (
            "Ein Bild, das Text enthält. KI-generierte Inhalte können fehlerhaft sein.",
            "Ein Bild, das Text enthält",
        ),
        ("Description automatically generated", ""),
        # a writer's own words about a description are theirs
        (
            "The description was automatically generated by the council's camera",
            "The description was automatically generated by the council's camera",
        ),
    ],
)
def test_words_machine_note_goes_and_the_description_stays(written: str, kept: str) -> None:
    from html import escape

    body = f'<p><img src="media/x.png" alt="{escape(written)}"></p>'
    assert without_machine_words(body) == f'<p><img src="media/x.png" alt="{escape(kept)}"></p>'


def test_a_description_of_thousands_of_dots_and_spaces_is_read_in_time_linear_in_its_length() -> (
    None
):
    """A hostile description: looking for Word's note from every dot took time as the
    square of its length (8,000 ". " in 15 s, 64,000 in minutes)."""
    finishes_within(
        10,
        "from publisher.readers.alt_text import without_machine_words",
        "body = '<img src=\"x\" alt=\"' + '. ' * 64_000 + 'x\">'",
        "assert without_machine_words(body) == body",
    )
