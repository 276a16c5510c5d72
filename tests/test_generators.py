"""Archives of Hugo, Jekyll and Pelican copied into documents/ as they are build into every
format with no edit, the build lists the front matter it kept unused, and every
translation is marked with its own language in every output.

tests/workspaces/generators: a Hugo content folder (YAML and TOML front matter,
`.es.md`/`.fr.md` translations, a page bundle, a draft), Jekyll `_posts` and `_drafts`,
and Pelican Markdown with `Key: value` metadata. The expected values below are restated
from those files.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import feedparser
import lxml.etree
import lxml.html
import pikepdf
import pytest
from click.testing import CliRunner
from conftest import WORKSPACES, copy_workspace
from parsed_outputs import (
    ATOM,
    XML_LANG,
    compact,
    epub_chapters,
    holding,
    marked_ancestor,
    structure,
)

from publisher.cli import main

ISSUE = "001-march"
BASE = "https://voices.example.org/"
BASE_OF_MINIMAL = "https://minimal.example.org/"  # tests/workspaces/minimal's


@dataclass(frozen=True)
class Translation:
    slug: str
    language: str
    phrase: str  # from its body


TRANSLATIONS = (
    Translation("rent-strike-es", "es", "han retenido el alquiler"),  # Hugo .es.md, YAML
    Translation("rent-strike-fr", "fr", "ont retenu leur loyer"),  # Hugo .fr.md
    Translation("port-closure-es", "es", "fin del turno de noche"),  # Hugo bundle, TOML
    Translation("2026-02-12-vote-dockers", "fr", "a été annoncé mardi"),  # Jekyll, lang:
    Translation("cleaners-win-es", "es", "han ganado"),  # Pelican, Lang:
)
ids = [t.slug for t in TRANSLATIONS]


@dataclass(frozen=True)
class Built:
    root: Path
    output: str

    @property
    def dist(self) -> Path:
        return self.root / "dist"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    root = copy_workspace(WORKSPACES / "generators", tmp_path_factory.mktemp("generators"))
    result = CliRunner().invoke(main, ["-C", str(root), "build"])
    assert result.exit_code == 0, result.output
    return Built(root, result.output)


def test_every_format_is_built(built: Built) -> None:
    issue = built.dist / ISSUE
    for name in (f"{ISSUE}.pdf", f"{ISSUE}.epub", "email.html", "email.txt", "email.eml"):
        assert (issue / name).is_file(), name
    for name in ("feed.atom", "feed.rss", "index.html", "sitemap.xml"):
        assert (built.dist / name).is_file(), name


def test_the_notes_list_unused_keys_once_grouped_with_a_file_to_look_in(built: Built) -> None:
    notes = [line for line in built.output.splitlines() if "doc.extra" in line]
    assert len(notes) == 1, built.output
    assert "layout (3 files, e.g. " in notes[0], notes[0]
    assert re.search(r"params \([^,()]*/hugo/posts/port-closure/index\.md\)", notes[0]), notes[0]
    # understood, not unused (translationKey makes translations: tests/test_hugo_sites.py)
    listed = re.findall(r"(\w+) \(", notes[0].partition("doc.extra: ")[2])
    assert {"layout", "params"} <= set(listed), listed
    for understood in ("draft", "categories", "aliases", "translationKey"):
        assert understood not in listed


def test_drafts_are_left_out_with_a_note(built: Built) -> None:
    for draft in ("hugo/posts/unfinished.md", "jekyll/_drafts/pension-explainer.md"):
        assert re.search(rf"note: .*{ISSUE}.yaml: left out {draft}", built.output), draft
    page = (built.dist / ISSUE / "index.html").read_text()
    assert "Notes for the next issue" not in page and "Pensions explained" not in page


def test_generator_metadata_reaches_the_outputs(built: Built) -> None:
    feed = feedparser.parse(built.dist / "languages" / "en" / "feed.atom")
    entries = {e.title: e for e in feed.entries}
    pelican = entries["Cleaners win the living wage"]
    assert [a.name for a in pelican.authors] == ["Jo Bloggs", "Ann Other"]
    assert pelican.summary == "After eleven weeks on strike, the hospital cleaners have won."
    hugo = entries["Tenants on Quay Street begin a rent strike"]
    assert hugo.summary == "Forty households stop paying until the landlord fixes the damp."
    jekyll = entries["Dockers vote to strike over pensions"]
    assert jekyll.published.startswith("2026-02-10")
    assert (built.dist / "tags" / "strikes" / "index.html").is_file()  # Jekyll's spaced list


@pytest.mark.parametrize("translation", TRANSLATIONS, ids=ids)
def test_epub_marks_the_translation(built: Built, translation: Translation) -> None:
    chapters = epub_chapters(built.dist / ISSUE / f"{ISSUE}.epub")
    body = next(c for c in chapters.values() if translation.phrase in "".join(c.itertext()))
    marked = marked_ancestor(holding(body, translation.phrase))
    assert marked.get("lang") == marked.get(XML_LANG) == translation.language


@pytest.mark.parametrize("translation", TRANSLATIONS, ids=ids)
def test_pdf_structure_tree_marks_the_translation(built: Built, translation: Translation) -> None:
    with pikepdf.open(built.dist / ISSUE / f"{ISSUE}.pdf") as pdf:
        holders = [e for e, text in structure(pdf) if compact(translation.phrase) in compact(text)]
        assert holders, "the translation's text is in the structure tree"
        assert translation.language in {str(e.Lang) for e in holders if "/Lang" in e}


@pytest.mark.parametrize("translation", TRANSLATIONS, ids=ids)
def test_feed_entry_marks_the_translation(built: Built, translation: Translation) -> None:
    path = built.dist / "languages" / translation.language / "feed.atom"
    assert feedparser.parse(path).bozo == 0
    feed = lxml.etree.parse(str(path)).getroot()
    assert feed.get(XML_LANG) == translation.language
    entries = {e.findtext(f"{ATOM}id"): e for e in feed.iter(f"{ATOM}entry")}
    entry = entries[f"{BASE}{ISSUE}/{translation.slug}/"]
    assert entry.get(XML_LANG) == translation.language


@pytest.mark.parametrize("translation", TRANSLATIONS, ids=ids)
def test_web_page_is_in_the_translations_language(built: Built, translation: Translation) -> None:
    page = lxml.html.parse(str(built.dist / ISSUE / translation.slug / "index.html")).getroot()
    assert page.get("lang") == translation.language


@pytest.mark.parametrize("translation", TRANSLATIONS, ids=ids)
def test_email_marks_the_translation(built: Built, translation: Translation) -> None:
    email = lxml.html.parse(str(built.dist / ISSUE / "email.html")).getroot()
    assert email.get("lang") == "en"
    assert marked_ancestor(holding(email, translation.phrase)).get("lang") == translation.language


def test_a_translations_byline_date_is_in_its_language(built: Built) -> None:
    """Inside an article marked Spanish, the date is Spanish too, in every output."""
    spanish, english = "5 de marzo de 2026", "March 5, 2026"
    page = (built.dist / ISSUE / "rent-strike-es" / "index.html").read_text()
    email = (built.dist / ISSUE / "email.html").read_text()
    text = (built.dist / ISSUE / "email.txt").read_text()
    chapters = epub_chapters(built.dist / ISSUE / f"{ISSUE}.epub")
    epub = "".join("".join(c.itertext()) for c in chapters.values())
    assert spanish in page and english not in page
    for output in (email, text, epub):  # the English original, dated the same day, beside it
        assert spanish in output and english in output


PELICAN_POST = """\
Title: On the picket line at Berth 7
Date: 2024-06-03 10:20
Slug: picket-line-berth-7

Dockers at Berth 7 walked out on Monday over the pay offer.

![Picket line]({static}/images/picket.png)

Read the [statement]({filename}/statement.rst) and [older news]({filename}2023-old.md).
"""

PELICAN_STATEMENT = """\
Our statement on the Berth 7 dispute
####################################

:date: 2024-06-02 12:00

We support the dockers at Berth 7.

.. image:: {static}/images/picket.png
   :alt: Dockers on the picket line

See `the picket report <{filename}/posts/2024-picket-line.md>`_.
"""


def test_a_pelican_sites_static_and_filename_links_lead_to_its_pictures_and_articles(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Pelican's `{static}/x` and `{filename}/x.md` name a file of its content folder (a
    leading `/`) or beside the post: the picture is shown, the article linked to its page,
    and a document the issue leaves out is words, with a warning, as any link to one."""
    from io import BytesIO

    from PIL import Image

    from publisher.build import build

    root = copy_workspace(WORKSPACES / "minimal", tmp_path / "ws")
    site = root / "documents" / "docks"
    (site / "content" / "images").mkdir(parents=True)
    (site / "content" / "posts").mkdir()
    (site / "pelicanconf.py").write_text('SITENAME = "Dock Workers"\nPATH = "content"\n')
    png = BytesIO()
    Image.new("RGB", (800, 450), (40, 90, 160)).save(png, "PNG")
    (site / "content" / "images" / "picket.png").write_bytes(png.getvalue())
    (site / "content" / "posts" / "2024-picket-line.md").write_text(PELICAN_POST)
    (site / "content" / "posts" / "2023-old.md").write_text("Title: Old news\n\nOld.\n")
    (site / "content" / "statement.rst").write_text(PELICAN_STATEMENT)
    manifest = root / "issues" / "001-first.yaml"
    manifest.write_text(
        manifest.read_text().replace("second-article]", "2024-picket-line, statement]")
    )
    report = build(root, formats=["web"])
    issue = report.out_dir / "001-first"
    post = lxml.html.parse(str(issue / "2024-picket-line" / "index.html")).getroot()
    statement = lxml.html.parse(str(issue / "statement" / "index.html")).getroot()
    for page in (post, statement):
        [src] = page.xpath("//article//img/@src")
        assert src.endswith("docks/content/images/picket.png"), src
    assert post.xpath("//a[.='statement']/@href") == [f"{BASE_OF_MINIMAL}001-first/statement/"]
    assert post.xpath("//a[.='older news']/@href") == []  # not in the issue: words
    assert "older news" in post.xpath("string(//article)")
    assert statement.xpath("//a[.='the picket report']/@href") == [
        f"{BASE_OF_MINIMAL}001-first/2024-picket-line/"
    ]
    assert "left out" not in caplog.text
    assert "2023-old.md" in caplog.text  # the link the issue cannot lead anywhere


def test_pelicans_path_setting_and_its_older_static_marks_name_the_content_folder(
    tmp_path: Path,
) -> None:
    """pelicanconf.py's PATH is where `{static}/…` starts; `|static|` is Pelican 3's mark,
    and a path with no leading `/` is the post's folder's."""
    from io import BytesIO

    from PIL import Image

    from publisher.readers import read_document

    pool = tmp_path / "documents"
    site = pool / "docks"
    (site / "writing" / "images").mkdir(parents=True)
    (site / "pelicanconf.py").write_text('PATH = "writing"\nSTATIC_PATHS = ["images"]\n')
    png = BytesIO()
    Image.new("RGB", (80, 40)).save(png, "PNG")
    (site / "writing" / "images" / "gate.png").write_bytes(png.getvalue())
    (site / "writing" / "images" / "crowd.png").write_bytes(png.getvalue())
    post = site / "writing" / "gate.md"
    post.write_text(
        "Title: Gate 4\n\n![Gate](|static|/images/gate.png)\n\n![Crowd]({attach}images/crowd.png)\n"
    )
    doc = read_document(post, "gate", pool, "en")
    assert doc.images == ("docks/writing/images/gate.png", "docks/writing/images/crowd.png")
