"""Documents as other tools write them: front matter of static-site generators and platform
exporters is understood as it is, and what publisher has no use for is kept, not refused."""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import minimal_with

from publisher.cli import main
from publisher.errors import PublisherError
from publisher.model import Document
from publisher.readers import read_document


def read(path: Path, strict: bool = False) -> Document:
    return read_document(path, path.stem, path.parent, "en", strict=strict)


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_hugo_yaml_aliases_are_understood_and_the_rest_kept(tmp_path: Path) -> None:
    doc = read(
        write(
            tmp_path,
            "post.md",
            "---\ntitle: Rent strike\ndate: 2026-03-05T23:30:00-05:00\n"
            "description: Forty households.\ncategories: [Housing]\ntags: [rent, housing]\n"
            "author: Ana Ruiz\naliases: [/old/]\nweight: 3\nlastmod: 2026-03-06\n---\n\nBody\n",
        )
    )
    assert doc.summary == "Forty households."
    assert doc.tags == ("rent", "housing")  # "Housing" from categories is the same tag
    assert doc.authors == ("Ana Ruiz",)
    assert doc.date == dt.date(2026, 3, 5)  # the day where it was written, not UTC's
    assert doc.aliases == ("/old/",)  # the web archive redirects from there
    assert doc.updated == dt.date(2026, 3, 6)  # lastmod: corrected the next day
    assert dict(doc.extra) == {"weight": 3}


@pytest.mark.parametrize(
    "framed", ["Contact: branch@example.org", "title: Our second statement", "Date: 3 March"]
)
def test_key_and_value_lines_between_two_rules_in_the_text_are_text(
    tmp_path: Path, framed: str
) -> None:
    """pandoc's Markdown reads such lines as a second front matter, anywhere in the text:
    a contact line set between two rules was left out of every output without a word."""
    text = f"---\ntitle: Statement\n---\n\nBefore.\n\n---\n{framed}\n---\n\nAfter.\n"
    doc = read(write(tmp_path, "statement.md", text))
    assert doc.title == "Statement"
    words = " ".join(re.sub(r"<[^>]+>", " ", doc.body_html).split())
    assert words == f"Before. {framed} After."


@pytest.mark.parametrize(
    ("dates", "date", "updated"),
    [
        ("publishDate: 2024-02-20\n", dt.date(2024, 2, 20), None),
        (
            "publishDate: 2024-02-20T09:00:00+01:00\nlastmod: 2024-03-01\n",
            dt.date(2024, 2, 20),
            dt.date(2024, 3, 1),
        ),
        ("lastmod: 2024-03-01\n", dt.date(2024, 3, 1), None),
        ("date: 2024-02-18\npublishDate: 2024-02-20\n", dt.date(2024, 2, 18), None),
    ],
)
def test_a_hugo_post_without_a_date_is_dated_as_hugo_dates_it(
    tmp_path: Path, dates: str, date: dt.date, updated: dt.date | None
) -> None:
    """Hugo dates a page that has no `date` by its `publishDate`, else its `lastmod`: such a
    post had no date in its byline, its PDF or its feeds, and was said to have front
    matter publisher does not use (publishDate)."""
    doc = read(write(tmp_path, "post.md", f"---\ntitle: Only publishDate\n{dates}---\nBody.\n"))
    assert (doc.date, doc.updated) == (date, updated)


def test_what_import_records_is_front_matter_strict_mode_accepts(tmp_path: Path) -> None:
    """An imported post's old address and original URL are keys publisher knows."""
    doc = read(
        write(
            tmp_path,
            "post.md",
            "---\ntitle: Rent strike\nsource: https://old.example/p/rent-strike\n"
            "aliases: /p/rent-strike\n---\n\nBody\n",
        ),
        strict=True,
    )
    assert doc.aliases == ("/p/rent-strike",)
    assert dict(doc.extra) == {"source": "https://old.example/p/rent-strike"}  # for templates


def test_a_lead_image_and_its_description_are_front_matter_strict_mode_accepts(
    tmp_path: Path,
) -> None:
    doc = read(
        write(
            tmp_path,
            "post.md",
            "---\ntitle: Picket\nimage: media/picket.jpg\nimage_alt: Strikers at the gate\n"
            "---\n\nBody\n",
        ),
        strict=True,
    )
    assert dict(doc.extra) == {"image": "media/picket.jpg", "image_alt": "Strikers at the gate"}


def test_the_build_notes_only_front_matter_it_does_not_use(
    caplog: pytest.LogCaptureFixture,
) -> None:
    from publisher.build_notes import note_front_matter

    def doc(name: str, **extra: str) -> Document:
        return Document(name, name, "", Path(f"{name}.md"), "en", extra=extra)

    documents = {
        Path("a.md"): doc("a", image="media/a.jpg", image_alt="A", source="https://x.example/"),
        Path("b.md"): doc("b", image="media/b.jpg", weight="3"),
    }
    with caplog.at_level(logging.INFO, logger="publisher"):
        note_front_matter([], documents)
    assert "weight (b.md)" in caplog.text
    assert not any(key in caplog.text for key in ("image", "source"))


def test_the_note_on_unused_front_matter_names_the_files_to_look_in(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """It said "slug (1 file)": which of a hundred files, the editor had to search for."""
    from publisher.build_notes import note_front_matter

    documents = {
        Path(name): Document(name, name, "", Path("/ws/documents") / name, "en", extra=extra)
        for name, extra in [
            ("rent-strike.md", {"slug": "rent-strike", "weight": 2}),
            ("cleaners.md", {"weight": 1}),
            ("picket.md", {"weight": 3}),
        ]
    }
    with caplog.at_level(logging.INFO, logger="publisher"):
        note_front_matter([], documents)
    assert "weight (3 files, e.g. /ws/documents/cleaners.md)" in caplog.text
    assert "slug (/ws/documents/rent-strike.md)" in caplog.text


def test_hugo_toml_front_matter(tmp_path: Path) -> None:
    doc = read(
        write(
            tmp_path,
            "post.md",
            '+++\ntitle = "Night shift cut"\ndate = 2026-03-01T08:00:00Z\n'
            'tags = ["port"]\n[params]\n  featured = true\n+++\n\nThe body.\n',
        )
    )
    assert (doc.title, doc.date, doc.tags) == ("Night shift cut", dt.date(2026, 3, 1), ("port",))
    assert doc.extra == {"params": {"featured": True}}
    assert "+++" not in doc.body_html and "The body." in doc.body_html


def test_broken_toml_front_matter_names_the_file_line(tmp_path: Path) -> None:
    path = write(tmp_path, "post.md", '+++\ntitle = "Fine"\ndate = tomorrow\n+++\n\nBody\n')
    with pytest.raises(PublisherError) as error:
        read(path)
    assert f"{path}:3:" in str(error.value)


HUGO_JSON = """\
{
  "title": "Night shift cut",
  "date": "2026-03-01T08:00:00Z",
  "tags": ["port", "nights"],
  "params": {
    "featured": true
  }
}

The body.
"""


def test_hugo_json_front_matter(tmp_path: Path) -> None:
    """Hugo's third form: a JSON object opening the file, its `}` on a line of its own."""
    doc = read(write(tmp_path, "post.md", HUGO_JSON))
    assert (doc.title, doc.date, doc.tags) == (
        "Night shift cut",
        dt.date(2026, 3, 1),
        ("port", "nights"),
    )
    assert doc.extra == {"params": {"featured": True}}
    assert "title" not in doc.body_html and "The body." in doc.body_html


def test_broken_json_front_matter_names_the_file_line(tmp_path: Path) -> None:
    broken = HUGO_JSON.replace('"tags": ["port", "nights"],', '"tags": ["port", "nights"]')
    path = write(tmp_path, "post.md", broken)
    with pytest.raises(PublisherError) as error:
        read(path)
    assert f"{path}:5:" in str(error.value) and "JSON" in str(error.value)


@pytest.mark.parametrize(
    "front_matter",
    ["title: [Draft\n", "title: [Draft\ndate: 2026-03-01\n", "tags: {rent, housing\n"],
    ids=["last line", "before another key", "a mapping"],
)
def test_a_bracket_never_closed_in_front_matter_is_named_at_its_own_line(
    tmp_path: Path, front_matter: str
) -> None:
    """YAML gives up where it runs out of text or meets the next key: the error named the
    closing `---` (or the next key's line) and suggested nothing for it."""
    path = write(tmp_path, "post.md", f"---\n{front_matter}---\n\nBody\n")
    with pytest.raises(PublisherError) as error:
        read(path)
    said = " ".join(str(error.value).split())
    assert f"{path}:2: not valid YAML" in said
    written = front_matter.split("\n")[0]
    key, value = written.split(": ")
    assert f'hint: put the value in quotes: {key}: "{value}"' in said


def test_pelican_metadata_lines(tmp_path: Path) -> None:
    doc = read(
        write(
            tmp_path,
            "cleaners-win-es.md",
            "Title: Las limpiadoras ganan\nDate: 2026-01-15 10:20\nCategory: Victorias\n"
            "Tags: salud, empleo\nAuthors: Jo Bloggs, Ann Other\nLang: es\n"
            "Summary: Tras once semanas,\n    han ganado.\nSlug: cleaners-win\n\nTras once semanas.\n",
        )
    )
    assert (doc.title, doc.date, doc.language) == (
        "Las limpiadoras ganan",
        dt.date(2026, 1, 15),
        "es",
    )
    assert doc.tags == ("salud", "empleo", "Victorias")
    assert doc.authors == ("Jo Bloggs", "Ann Other")
    assert doc.summary == "Tras once semanas, han ganado."
    assert doc.extra == {"slug": "cleaners-win"}
    assert "Title:" not in doc.body_html


@pytest.mark.parametrize("name", ["convocatoria.txt", "convocatoria.md"])
def test_metadata_lines_typed_without_rules_give_their_fields_and_dates_as_people_write_them(
    tmp_path: Path, name: str
) -> None:
    """Pelican's `Key: value` lines opening a `.txt` too, with a date in words as Pelican
    reads one: a `.txt`'s lines were its title ("Title: Huelga general Date: …"), its
    language unsaid; Markdown's "Date: 3 de marzo de 2026" stopped the build."""
    doc = read(
        write(
            tmp_path,
            name,
            "Title: Huelga general\nDate: 3 de marzo de 2026\nLang: es\n\nNos vemos en la plaza.\n",
        )
    )
    assert (doc.title, doc.date, doc.language) == ("Huelga general", dt.date(2026, 3, 3), "es")
    assert doc.body_html.strip() == "<p>Nos vemos en la plaza.</p>"


def test_a_plain_texts_language_line_alone_opening_it_is_its_language(tmp_path: Path) -> None:
    doc = read(write(tmp_path, "aviso.txt", "Lang: es\n\nHuelga\n\nNos vemos en la plaza.\n"))
    assert (doc.title, doc.language) == ("Huelga", "es")
    assert doc.body_html == "<p>Nos vemos en la plaza.</p>"


def test_a_plain_text_memos_heading_lines_stay_its_text(tmp_path: Path) -> None:
    """Keys no document has among them ("To:", "From:"): a memo's head, not metadata."""
    memo = "Date: 3 March 2026\nTo: All members\nFrom: Branch secretary\n\nThe ballot opens.\n"
    doc = read(write(tmp_path, "memo.txt", memo))
    words = f"{doc.title} {doc.body_html}"
    assert all(line in words for line in memo.strip().split("\n") if line)


def test_a_date_line_that_names_no_day_is_refused_at_its_line(tmp_path: Path) -> None:
    path = write(tmp_path, "aviso.txt", "Title: Huelga\nDate: next Tuesday\n\nNos vemos.\n")
    with pytest.raises(PublisherError) as raised:
        read(path)
    assert str(raised.value).startswith(f"{path}:2: date 'next Tuesday' is not a date")


def test_a_text_opening_with_a_label_is_not_taken_for_metadata(tmp_path: Path) -> None:
    doc = read(write(tmp_path, "note.md", "Note: the meeting moved.\nSee you there.\n"))
    assert "Note: the meeting moved." in doc.body_html
    assert doc.title == "Note"  # from the file name, as for any document without one


def test_jekyll_post_date_and_tags_from_its_conventions(tmp_path: Path) -> None:
    doc = read(
        write(
            tmp_path,
            "_posts/2026-02-10-dockers-vote.md",
            "---\nlayout: post\ntitle: Dockers vote\ncategories: news strikes\n"
            "excerpt: A 91 per cent vote.\n---\nBody\n",
        )
    )
    assert doc.date == dt.date(2026, 2, 10)
    assert doc.tags == ("news", "strikes")
    assert doc.summary == "A 91 per cent vote."


def test_wordpress_placeholder_category_is_no_tag(tmp_path: Path) -> None:
    doc = read(write(tmp_path, "p.md", "---\ntitle: T\ncategories: [Uncategorized]\n---\nB\n"))
    assert doc.tags == ()


def test_more_marker_ends_the_summary(tmp_path: Path) -> None:
    doc = read(
        write(tmp_path, "p.md", "---\ntitle: T\n---\nFirst *part*.\n\n<!--more-->\n\nRest.\n")
    )
    assert doc.summary == "First part."
    assert "Rest." in doc.body_html and "more" not in doc.body_html


def test_a_more_marker_straight_under_a_paragraph_ends_it(tmp_path: Path) -> None:
    """As Hugo's Markdown (CommonMark) reads it; pandoc's ran the text after it on in the
    summary's paragraph. In fenced code it is code."""
    text = "---\ntitle: T\n---\nFirst part.\n<!--more-->\nRest.\n\n```\nx\n<!--more-->\ny\n```\n"
    doc = read(write(tmp_path, "p.md", text))
    assert doc.summary == "First part."
    assert re.findall(r"<p>(.*?)</p>", doc.body_html) == ["First part.", "Rest."]
    assert "x\n&lt;!--" in doc.body_html and "&gt;\ny</code>" in doc.body_html


@pytest.mark.parametrize(
    ("front_matter", "place"),
    [
        ("draft: true", "post.md"),
        ("published: false", "post.md"),
        ("status: draft", "post.md"),
        # WordPress's posts readers could not see, as exports and migrations write them
        ("status: pending", "post.md"),
        ("status: private", "post.md"),
        ("status: Trash", "post.md"),
        # kept behind a password on WordPress, as jekyll-import writes it
        ("status: publish\npassword: solidarity", "post.md"),
        ("layout: post", "_drafts/post.md"),
    ],
)
def test_drafts_are_recognised(tmp_path: Path, front_matter: str, place: str) -> None:
    doc = read(write(tmp_path, place, f"---\ntitle: T\n{front_matter}\n---\nB\n"))
    assert doc.draft
    assert "password" not in doc.extra  # nothing a template could print


def test_language_from_translation_file_name(tmp_path: Path) -> None:
    assert read(write(tmp_path, "rent-strike.es.md", "---\ntitle: T\n---\nB\n")).language == "es"
    assert read(write(tmp_path, "index.pt-br.md", "---\ntitle: T\n---\nB\n")).language == "pt-BR"
    # front matter says it outright; a word that is no two-letter language is no language
    assert read(write(tmp_path, "a.es.md", "---\nlang: fr\n---\nB\n")).language == "fr"
    assert read(write(tmp_path, "minutes.new.md", "---\ntitle: T\n---\nB\n")).language == "en"


@pytest.mark.parametrize("key", ["lang", "language", "locale"])
def test_language_is_a_checked_bcp47_tag(tmp_path: Path, key: str) -> None:
    doc = read(write(tmp_path, "a.md", f"---\ntitle: T\n{key}: EN_gb\n---\nB\n"))
    assert doc.language == "en-GB"
    named = read(write(tmp_path, "b.md", f"---\ntitle: T\n{key}: Spanish\n---\nB\n"))
    assert named.language == "es"  # a language's name, as publisher init takes it
    path = write(tmp_path, "c.md", f"---\ntitle: T\n{key}: Spansh\n---\nB\n")
    with pytest.raises(PublisherError) as error:
        read(path)
    assert f"{path}:3:" in str(error.value) and "did you mean 'es' (Spanish)" in str(error.value)


def test_a_date_written_in_words_is_refused_with_it_written_as_a_date_should_be(
    tmp_path: Path,
) -> None:
    path = write(tmp_path, "a.md", "---\ntitle: T\ndate: 1 mars 2026\n---\nB\n")
    with pytest.raises(PublisherError) as error:
        read(path)
    assert f"{path}:3:" in str(error.value)
    assert "hint: write it as YYYY-MM-DD: date: 2026-03-01" in str(error.value)


def test_impossible_date_names_the_line_the_key_and_the_months_length(tmp_path: Path) -> None:
    path = write(tmp_path, "a.md", "---\ntitle: T\ndate: 2026-02-30\n---\nB\n")
    with pytest.raises(PublisherError) as error:
        read(path)
    assert f"{path}:3: date '2026-02-30' is not a valid date" in str(error.value)
    assert "hint: February 2026 has 28 days" in str(error.value)


@pytest.mark.parametrize(
    ("value", "said"),
    [
        ("2026-01-05T25:99:00", "hour must be in 0..23"),
        ("2026-01-05 10:61:00 +01:00", "minute must be in 0..59"),
        ("2026-01-05t10:00:75Z", "second must be in 0..59"),
        ("2026-04-08T25:00", "hour must be in 0..23"),  # no seconds: YAML's text, not a time
        ("2026-04-08 09:60 +02:00", "minute must be in 0..59"),
    ],
)
def test_impossible_time_names_the_dates_own_line(tmp_path: Path, value: str, said: str) -> None:
    path = write(
        tmp_path,
        "a.md",
        f"---\ntitle: T\nauthor: Ana\ndate: {value}\ntags: [x]\n---\nB\n",
    )
    with pytest.raises(PublisherError) as error:
        read(path)
    assert f"{path}:4: date '{value}' is not a valid date: {said}" in str(error.value)
    assert "hours go from 0 to 23, minutes and seconds from 0 to 59" in str(error.value)


def test_an_impossible_date_after_a_good_one_is_named_at_its_own_line(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "a.md",
        "---\ntitle: T\nlastmod: 2026-01-05T10:00:00\nnote: on 2026-01-05 we met\n"
        "date: 2026-01-05T24:00:00\n---\nB\n",
    )
    with pytest.raises(PublisherError) as error:
        read(path)
    assert f"{path}:5:" in str(error.value)


def test_misspelt_key_is_kept_with_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = write(tmp_path, "a.md", "---\ntitle: T\ntilte: T\n---\nB\n")
    with caplog.at_level(logging.WARNING, logger="publisher"):
        doc = read(path)
    assert doc.extra == {"tilte": "T"}
    assert f"{path}:3:" in caplog.text and "did you mean 'title'" in caplog.text


HUGO_OWN_KEYS = """\
---
title: AGM
date: 2024-04-01
publishDate: 2024-04-02
expiryDate: 2024-12-31
images: [agm.png]
weight: 10
url: /agm/
slug: agm
type: notice
layout: single
linkTitle: AGM
---
Our AGM.
"""


def test_a_generators_own_keys_are_no_typos(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Hugo's `publishDate` is no misspelt `published` (Jekyll's yes-or-no: following that
    hint would unpublish the post), nor are `images`, `url`, `type`… anyone's typos."""
    path = write(tmp_path, "agm.md", HUGO_OWN_KEYS)
    with caplog.at_level(logging.WARNING, logger="publisher"):
        doc = read(path)
    assert "did you mean" not in caplog.text
    assert doc.extra["publishDate"] == "2024-04-02" and doc.extra["weight"] == 10


def test_one_misspelt_key_in_many_files_is_said_once_with_their_count(tmp_path: Path) -> None:
    from conftest import WORKSPACES, copy_workspace

    from publisher.build import build

    root = copy_workspace(WORKSPACES / "minimal", tmp_path / "ws")
    for name in ("first-article", "second-article"):
        path = root / "documents" / f"{name}.md"
        path.write_text(path.read_text().replace("---\n", "---\nsumary: Short.\n", 1))
    for number in range(3):
        write(root / "documents", f"other-{number}.md", "---\ntitle: O\nsumary: S\n---\nB\n")
    manifest = root / "issues" / "001-first.yaml"
    manifest.write_text(
        manifest.read_text().replace("second-article]", "second-article, other-0, other-1]")
    )
    with caplog_of("publisher") as said:
        build(root, formats=["web"])
    typos = [message for message in said if "sumary" in message]
    assert len(typos) == 1, typos
    assert "4 files" in typos[0] and "did you mean 'summary'" in typos[0], typos
    assert "first-article.md:2" in typos[0], typos


@contextlib.contextmanager
def caplog_of(name: str) -> Iterator[list[str]]:
    """The warnings logger `name` says while the block runs."""
    said: list[str] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            if record.levelno >= logging.WARNING:
                said.append(record.getMessage())

    handler = Keep()
    logging.getLogger(name).addHandler(handler)
    try:
        yield said
    finally:
        logging.getLogger(name).removeHandler(handler)


def test_strict_refuses_unknown_keys(tmp_path: Path) -> None:
    path = write(tmp_path, "a.md", "---\ntitle: T\nweight: 3\n---\nB\n")
    with pytest.raises(PublisherError) as error:
        read(path, strict=True)
    assert f"{path}:3:" in str(error.value) and "'weight'" in str(error.value)


@pytest.mark.parametrize(
    ("where", "text"),
    [
        ("publisher.toml", 'language = "englsh"\n'),
        ("issues/001-first.yaml", 'language: "en\\" onload=\\"alert(1)"\n'),
        ("issues/001-first.yaml", "language: ../../etc/x\n"),
    ],
)
def test_languages_in_config_and_manifest_are_checked(
    workspace: Callable[[str], Path], where: str, text: str
) -> None:
    root = workspace("minimal")
    path = root / where
    lines = [line for line in path.read_text().splitlines() if not line.startswith("language")]
    path.write_text(text + "\n".join(lines) + "\n")  # first: TOML's top-level keys come first
    line = 1
    result = CliRunner().invoke(main, ["-C", str(root), "build"])
    assert result.exit_code == 1
    assert f"{where}:{line}:" in result.output and "language code" in result.output
    assert not (root / "dist").exists()


def test_a_web_pages_own_meta_tags_are_not_front_matter(tmp_path: Path) -> None:
    doc = read(
        write(
            tmp_path,
            "page.html",
            '<html><head><title>T</title><meta name="viewport" content="width=device-width">'
            "</head><body><p>B</p></body></html>",
        )
    )
    assert doc.extra == {}


# YAML 1.1 read these as true and false; YAML 1.2, ruamel (the composer's) and publisher
# read them as the words written.
@pytest.mark.parametrize("word", ["Yes", "No", "ON", "off"])
def test_a_title_of_yes_or_no_is_published_as_written_not_as_true_or_false(
    tmp_path: Path, word: str
) -> None:
    doc = read(write(tmp_path, "post.md", f"---\ntitle: {word}\nsummary: {word}\n---\n\nBody\n"))
    assert (doc.title, doc.summary) == (word, word)


def test_lang_no_is_norwegian(tmp_path: Path) -> None:
    doc = read(write(tmp_path, "innlegg.md", "---\ntitle: Streik\nlang: no\n---\n\nTekst\n"))
    assert doc.language == "no"


@pytest.mark.parametrize(
    ("said", "draft"),
    [
        ("draft: yes", True),
        ("draft: on", True),
        ("draft: 1", True),
        ("draft: no", False),
        ("draft: 0", False),
        ('draft: ""', False),
        ("published: no", True),
        ("published: 2024-05-01", False),  # some exporters' date of publication
        ("status: publish", False),  # WordPress's word for published
        ("status: scheduled", False),  # Ghost's, due on its date
        ("password: ''", False),  # jekyll-import's for every post with none
        ("password:", False),
    ],
)
def test_drafts_said_with_yes_and_no_are_still_drafts(
    tmp_path: Path, said: str, draft: bool
) -> None:
    doc = read(write(tmp_path, "post.md", f"---\ntitle: T\n{said}\n---\n\nBody\n"))
    assert doc.draft is draft


@pytest.mark.parametrize("said", ["draft: sí", "draft: oui", "draft: maybe", "published: non"])
def test_a_draft_flag_neither_yes_nor_no_stops_the_build_at_its_line(
    tmp_path: Path, said: str
) -> None:
    """Read as "not a draft", `draft: sí` published a text its editor was holding back."""
    path = write(tmp_path, "post.md", f"---\ntitle: T\n{said}\n---\n\nBody\n")
    with pytest.raises(PublisherError) as error:
        read(path)
    key, value = said.split(": ")
    assert str(error.value).startswith(
        f"{path}:3: {key!r} is {value!r}, which is neither true nor false"
    )
    assert f"{key}: {'true' if key == 'draft' else 'false'} to keep" in str(error.value)


# Spaces a word processor types for ordinary ones: non-breaking (French puts one before a
# colon), narrow non-breaking, figure.
NBSP, NARROW_NBSP, FIGURE_SPACE = "\u00a0", "\u202f", "\u2007"


@pytest.mark.parametrize(
    "line",
    [
        f"title{NBSP}: Les loyers augmentent",
        f"title:{NARROW_NBSP}Les loyers augmentent",
        f"{NBSP}title: Les loyers augmentent",
        f"title{NBSP}:{NBSP}{FIGURE_SPACE}Les loyers augmentent",
    ],
)
def test_a_key_typed_with_a_word_processors_spaces_is_read(
    tmp_path: Path, line: str, caplog: pytest.LogCaptureFixture
) -> None:
    doc = read(write(tmp_path, "post.md", f"---\n{line}\ndate: 2026-03-05\n---\n\nBody\n"))
    assert doc.title == "Les loyers augmentent"
    assert doc.date == dt.date(2026, 3, 5) and dict(doc.extra) == {}
    assert not caplog.records


def test_a_list_indented_with_them_is_read_and_values_keep_theirs(tmp_path: Path) -> None:
    """Only YAML's own spaces are read as ordinary ones: a French value keeps the
    non-breaking spaces its colons are typed with."""
    text = (
        f'---\ntitle: Les loyers\nslogan: "Attention{NBSP}:{NBSP}hausse"\ntags:\n'
        f"{NBSP}{NBSP}- logement\n{NBSP}{NBSP}- loyers\nverse: |\n  Un{NBSP}:\n  {NBSP}deux\n"
        "---\n\nBody\n"
    )
    doc = read(write(tmp_path, "post.md", text))
    assert doc.tags == ("logement", "loyers")
    assert doc.extra["slogan"] == f"Attention{NBSP}:{NBSP}hausse"
    assert doc.extra["verse"] == f"Un{NBSP}:\n{NBSP}deux"


def test_toml_front_matter_typed_with_them_is_read(tmp_path: Path) -> None:
    text = f'+++\ntitle{NBSP}={NBSP}"Les loyers"\ndate = 2026-03-05\n+++\n\nBody\n'
    doc = read(write(tmp_path, "post.md", text))
    assert doc.title == "Les loyers" and doc.date == dt.date(2026, 3, 5)


@pytest.mark.parametrize("dashes", ["\u2014", "\u2013-", "\u2014\u2014\u2014", "----", "-----"])
def test_front_matter_whose_dashes_autocorrect_joined_is_read(tmp_path: Path, dashes: str) -> None:
    """Word, Google Docs and macOS turn a typed '---' into a dash; a dash too many was read
    as a table of the keys, printed in every output."""
    text = f"{dashes}\ntitle: Les loyers\ndate: 2026-03-05\n{dashes}\n\nBody\n"
    doc = read(write(tmp_path, "post.md", text))
    assert doc.title == "Les loyers" and doc.date == dt.date(2026, 3, 5)
    assert "title" not in doc.body_html


def test_prose_between_dashes_stays_text(tmp_path: Path) -> None:
    text = "\u2014\nNote: a verse about the docks\nand the tide at night\n\u2014\n\nBody\n"
    doc = read(write(tmp_path, "post.md", text))
    assert "a verse about the docks" in doc.body_html and dict(doc.extra) == {}


@pytest.mark.parametrize("bullet", ["\u2022\t", "\u2013 ", "* "])
def test_a_list_a_word_processor_bulleted_is_read(tmp_path: Path, bullet: str) -> None:
    """Word's bullet and tab, its en dash, a Markdown habit; a bullet in a block of text
    is the text's own."""
    text = (
        f"---\ntitle: Les loyers\ntags:\n{bullet}rent\n{bullet}housing\n"
        "summary: |\n  \u2022 Forty households\n---\n\nBody\n"
    )
    doc = read(write(tmp_path, "post.md", text))
    assert doc.tags == ("rent", "housing")
    assert doc.summary == "\u2022 Forty households"


def test_an_issue_whose_every_document_is_kept_from_readers_is_refused_naming_why(
    tmp_path: Path,
) -> None:
    """Its hint named only `draft: true` and `published: false`: an editor whose posts came
    from WordPress with a password or `status: private` looked for lines they did not have."""
    root = minimal_with(tmp_path, {})
    for name, line in (
        ("first-article.md", "password: members"),
        ("second-article.md", "status: private"),
    ):
        path = root / "documents" / name
        path.write_text(path.read_text().replace("---\n", f"---\n{line}\n", 1))
    result = CliRunner().invoke(main, ["-C", str(root), "build", "-f", "web"])
    assert result.exit_code == 1, result.output
    assert "every document in this issue is marked as a draft" in result.output
    assert "a status such as private, or a password" in result.output
    assert not (root / "dist").exists()
