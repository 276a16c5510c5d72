"""The EPUB as an e-reader shows it: every article in its table of contents (the nav and
the NCX), footnotes as EPUB 3 notes that readers pop up, the subtitle and byline styled.

One small issue is built once (EPUB only): an article with a lead image, a subtitle,
authors, a footnote and a paragraph in another language, then a Spanish one with a note.
Notes are marked as the EPUB 3 Structural Semantics Vocabulary (noteref, footnote) and
DPUB-ARIA (doc-noteref, doc-footnote) define them; Apple Books, Kobo and Thorium pop up
a link of epub:type "noteref" to an <aside epub:type="footnote">.
"""

from __future__ import annotations

import io
import os
import posixpath
import subprocess
import sys
import zipfile
from pathlib import Path
from urllib.parse import unquote

import lxml.etree
import pytest
from conftest import FIXED_EPOCH, WORKSPACES, copy_workspace, minimal_with
from validators import epubcheck_messages

from publisher import pandoc
from publisher.build import build
from publisher.checks import epub as epub_checks
from publisher.checks import run_checks
from publisher.checks.base import Target
from publisher.config import load_config
from publisher.renderers import epub
from publisher.sanitize import clean_html
from publisher.style import installed_families

NS = {
    "html": "http://www.w3.org/1999/xhtml",
    "epub": "http://www.idpf.org/2007/ops",
    "ncx": "http://www.daisy.org/z3986/2005/ncx/",
}
EPUB_TYPE = "{http://www.idpf.org/2007/ops}type"
ISSUE = "001-first"

PICTURED = """---
title: Cleaners walk out at the Infirmary
subtitle: A statement on the strike of the hospital cleaners
authors: [Precious Adeyemi, Tomás Ruiz]
date: 2026-01-05
image: media/picket.png
image_alt: A picket line
---

A cleaner earns less than a colleague on the same ward.[^pay]

<p lang="fr" dir="ltr">Solidarité avec les grévistes.</p>

[^pay]: Figures from the payslips of the strike committee.
"""

SPANISH = """---
title: Los jornaleros dicen basta
language: es
date: 2026-01-06
---

Los jornaleros del valle paran.[^jornal]

[^jornal]: Según el sindicato del valle.
"""


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The minimal issue with a pictured article (its first) and a Spanish one, as an EPUB."""
    from PIL import Image

    root = copy_workspace(WORKSPACES / "minimal", tmp_path_factory.mktemp("epub") / "minimal")
    documents = root / "documents"
    (documents / "media").mkdir()
    Image.new("RGB", (1200, 800), (30, 90, 160)).save(documents / "media" / "picket.png")
    (documents / "first-article.md").write_text(PICTURED, encoding="utf-8")
    (documents / "second-article.md").write_text(SPANISH, encoding="utf-8")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", FIXED_EPOCH)
        report = build(root, formats=["epub"])
    return report.out_dir / ISSUE / f"{ISSUE}.epub"


def _parts(path: Path) -> dict[str, lxml.etree._Element]:
    with zipfile.ZipFile(path) as epub:
        return {
            name: lxml.etree.fromstring(epub.read(name))
            for name in epub.namelist()
            if name.endswith((".xhtml", ".ncx"))
        }


def _texts(tree: lxml.etree._Element, xpath: str) -> list[str]:
    found = tree.xpath(xpath, namespaces=NS)
    assert isinstance(found, list)
    return [
        " ".join(str(e.xpath("string()")).split())
        for e in found
        if isinstance(e, lxml.etree._Element)
    ]


def _chapter_with(parts: dict[str, lxml.etree._Element], text: str) -> lxml.etree._Element:
    return next(
        tree
        for name, tree in parts.items()
        if "/ch" in name and text in str(tree.xpath("string(//html:body)", namespaces=NS))
    )


def _article(chapter: lxml.etree._Element, title: str) -> lxml.etree._Element:
    """The element of class "article" whose heading is `title`."""
    found = chapter.xpath(
        "//html:div[contains(@class, 'article')][.//*[self::html:h2 or self::html:h3] = $t]",
        t=title,
        namespaces=NS,
    )
    assert isinstance(found, list) and isinstance(found[-1], lxml.etree._Element)
    return found[-1]


def test_an_article_with_a_lead_image_is_in_the_epubs_table_of_contents(book: Path) -> None:
    parts = _parts(book)
    nav = _texts(parts["EPUB/nav.xhtml"], "//html:nav[@epub:type='toc']//html:a")
    ncx = _texts(parts["EPUB/toc.ncx"], "//ncx:navPoint/ncx:navLabel/ncx:text")
    for contents in (nav, ncx):
        assert "Cleaners walk out at the Infirmary" in contents
        assert "Los jornaleros dicen basta" in contents
    chapter = _chapter_with(parts, "Cleaners walk out")
    article = _article(chapter, "Cleaners walk out at the Infirmary")
    assert article.xpath(".//html:img/@alt", namespaces=NS) == ["A picket line"]  # still shown


def test_a_footnote_is_an_epub_3_note_that_e_readers_pop_up(book: Path) -> None:
    chapter = _chapter_with(_parts(book), "Cleaners walk out")
    article = _article(chapter, "Cleaners walk out at the Infirmary")
    calls = article.xpath(".//html:a[@epub:type='noteref']", namespaces=NS)
    assert isinstance(calls, list) and len(calls) == 1
    call = calls[0]
    assert isinstance(call, lxml.etree._Element)
    assert call.get("role") == "doc-noteref"
    document, _, target = str(call.get("href")).partition("#")
    assert document in ("", "ch002.xhtml")  # in the chapter of its call
    notes = chapter.xpath("//*[@id=$id]", id=target)
    assert isinstance(notes, list) and len(notes) == 1
    note = notes[0]
    assert isinstance(note, lxml.etree._Element)
    assert (note.tag, note.get(EPUB_TYPE), note.get("role")) == (
        "{http://www.w3.org/1999/xhtml}aside",
        "footnote",
        "doc-footnote",
    )
    text = " ".join(str(note.xpath("string()")).split())
    assert text == "1. Figures from the payslips of the strike committee."  # no "↩" in it
    assert epubcheck_messages(book) == []


def test_the_title_page_names_the_publisher_once_and_dates_the_issue_in_words(
    book: Path,
) -> None:
    title_page = _parts(book)["EPUB/text/title_page.xhtml"]
    lines = _texts(title_page, "//html:section[@epub:type='titlepage']/*")
    assert lines == [
        "Minimal Test Bulletin No. 1: First issue",
        "Test Organisation",
        "January 10, 2026",  # CLDR's long date in English (the workspace's "en")
    ]
    with zipfile.ZipFile(book) as epub:
        package = lxml.etree.fromstring(epub.read("EPUB/content.opf"))
    dc = {"dc": "http://purl.org/dc/elements/1.1/"}
    assert package.xpath("//dc:creator/text()", namespaces=dc) == ["Test Organisation"]
    assert package.xpath("//dc:date/text()", namespaces=dc) == ["2026-01-10"]


def test_each_chapter_is_titled_by_its_heading_not_its_file_name(book: Path) -> None:
    parts = _parts(book)
    titles = [_texts(tree, "/html:html/html:head/html:title") for name, tree in parts.items()]
    chapters = sorted(
        _texts(tree, "/html:html/html:head/html:title")[0]
        for name, tree in parts.items()
        if "/text/ch" in name
    )
    assert chapters == ["About", "Editorial", "News"]
    assert not [title for title in titles if any(".xhtml" in t for t in title)]


def test_a_note_is_in_the_language_of_its_article(book: Path) -> None:
    chapter = _chapter_with(_parts(book), "Los jornaleros")
    note = chapter.xpath("//html:aside[@epub:type='footnote']", namespaces=NS)
    assert isinstance(note, list) and note
    spanish = note[-1]
    assert isinstance(spanish, lxml.etree._Element)
    assert "Según el sindicato" in str(spanish.xpath("string()"))
    language = "string(.//html:p[contains(., 'Según')]/ancestor-or-self::*[@lang][1]/@lang)"
    assert spanish.xpath(language, namespaces=NS) == "es"


def test_the_subtitle_and_byline_carry_the_classes_the_stylesheet_styles(book: Path) -> None:
    article = _article(
        _chapter_with(_parts(book), "Cleaners walk out"), "Cleaners walk out at the Infirmary"
    )
    subtitle = _texts(article, ".//*[contains(@class, 'subtitle')]")
    byline = _texts(article, ".//*[contains(@class, 'byline')]")
    assert subtitle == ["A statement on the strike of the hospital cleaners"]
    assert len(byline) == 1 and "Precious Adeyemi" in byline[0] and "Tomás Ruiz" in byline[0]
    with zipfile.ZipFile(book) as epub:
        css = "".join(epub.read(n).decode() for n in epub.namelist() if n.endswith(".css"))
    assert ".subtitle {" in css and ".byline {" in css


def test_a_paragraph_in_another_language_keeps_its_language_and_direction(book: Path) -> None:
    chapter = _chapter_with(_parts(book), "Cleaners walk out")
    french = chapter.xpath(
        "//html:p[contains(., 'Solidarité')]/ancestor-or-self::*[@lang][1]", namespaces=NS
    )
    assert isinstance(french, list) and len(french) == 1
    element = french[0]
    assert isinstance(element, lxml.etree._Element)
    assert (element.get("lang"), element.get("dir")) == ("fr", "ltr")


def test_the_contents_check_passes_a_book_with_every_article_in_its_contents(
    book: Path,
) -> None:
    results = list(epub_checks.contents(_target(book)))
    assert [(r.status, r.file) for r in results] == [("pass", book)]


def test_the_contents_check_fails_a_book_whose_nav_and_ncx_leave_an_article_out(
    book: Path, tmp_path: Path
) -> None:
    """As pandoc's contents left out every article that began with its lead image, while
    EPUBCheck passed the book."""
    broken = tmp_path / ISSUE / f"{ISSUE}.epub"
    broken.parent.mkdir()
    _without_entry(book, broken, "Los jornaleros dicen basta")
    results = list(epub_checks.contents(_target(broken)))
    assert [r.status for r in results] == ["fail", "fail"]
    assert all("Los jornaleros dicen basta" in r.detail for r in results)
    assert {r.detail.rpartition(" is not in the ")[2] for r in results} == {
        "table of contents (nav)",
        "NCX table of contents",
    }


def _target(book: Path) -> Target:
    return Target(load_config(WORKSPACES / "minimal"), book.parents[1], (ISSUE,))


def _without_entry(source: Path, target: Path, title: str) -> None:
    """A copy of the EPUB whose nav and NCX no longer list `title`."""
    with zipfile.ZipFile(source) as book, zipfile.ZipFile(target, "w") as copy:
        for info in book.infolist():
            data = book.read(info)
            if info.filename.endswith(("nav.xhtml", ".ncx")):
                tree = lxml.etree.fromstring(data)
                for entry in tree.xpath(
                    "//html:li[html:a = $t] | //ncx:navPoint[ncx:navLabel/ncx:text = $t]",
                    t=title,
                    namespaces=NS,
                ):
                    assert isinstance(entry, lxml.etree._Element)
                    parent = entry.getparent()
                    assert parent is not None
                    parent.remove(entry)
                data = lxml.etree.tostring(tree, xml_declaration=True, encoding="UTF-8")
            copy.writestr(info, data, compress_type=info.compress_type)


def test_a_note_is_written_the_same_every_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A note keeps its article's language and direction in one order: the notes filter
    wrote them in the order of a Lua table, which changes from one run of pandoc to the
    next, so a build with SOURCE_DATE_EPOCH gave other bytes now and then."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", FIXED_EPOCH)
    note = pandoc.to_html("Los jornaleros paran.[^1]\n\n[^1]: Según el sindicato.", "markdown")
    body = clean_html(note.body_html)  # as documents have it: without pandoc's roles
    html = (
        '<html lang="en"><head><title>Issue</title></head><body>'
        f'<div class="article" lang="es" dir="ltr">{body}</div></body></html>'
    )
    args = [f"--lua-filter={epub.NOTES_FILTER}", "--metadata=identifier:urn:uuid:1"]
    written = set()
    for run in range(8):  # a filter with no order would agree by chance once in 2⁷
        pandoc.html_to_epub(html, tmp_path / f"{run}.epub", args, time_limit=60)
        with zipfile.ZipFile(tmp_path / f"{run}.epub") as book:
            chapters = [n for n in book.namelist() if n.endswith(".xhtml")]
            written.add(b"".join(book.read(n) for n in chapters))
    (chapter,) = written
    assert b'<aside id="fn1"' in chapter and "Según el sindicato".encode() in chapter


def test_articles_of_one_title_and_articles_named_as_a_section_keep_every_id_apart(
    tmp_path: Path,
) -> None:
    """Two statements of one title (its slug and the slug pandoc gave the second heading
    were the same), a document named "news" in the section News and one named
    "editorial" beside the editorial: the EPUB held ids twice, so its contents led to the
    wrong article and EPUBCheck said the contents were out of reading order (NAV-011)."""
    root = copy_workspace(WORKSPACES / "minimal", tmp_path / "minimal")
    documents = root / "documents"
    for slug, title in [
        ("statement", "Statement"),
        ("statement-1", "Statement"),
        ("statement-2", "Statement"),
        ("news", "News"),
        ("editorial", "Editorial"),
    ]:
        (documents / f"{slug}.md").write_text(f"---\ntitle: {title}\n---\n\nThe {slug}.\n")
    manifest = root / "issues" / "001-first.yaml"
    manifest.write_text(
        manifest.read_text().replace(
            "documents: [first-article, second-article]",
            "documents: [statement, statement-1, statement-2, news, editorial]",
        )
    )
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", FIXED_EPOCH)
        report = build(root, formats=["epub"])
    path = report.out_dir / ISSUE / f"{ISSUE}.epub"
    parts = _parts(path)
    for name, tree in parts.items():
        ids = [str(i) for i in tree.xpath("//@id")]
        assert sorted(ids) == sorted(set(ids)), (name, [i for i in ids if ids.count(i) > 1])
    for link in parts["EPUB/nav.xhtml"].xpath(
        "//html:nav[@epub:type='toc']//html:a", namespaces=NS
    ):
        chapter, _, target = str(link.get("href")).partition("#")
        heading = parts[f"EPUB/{chapter}"].xpath("//*[@id=$t]", t=target)[0]
        assert " ".join(heading.xpath("string()").split()).startswith(link.xpath("string()"))
    assert [m for m in epubcheck_messages(path) if "NAV-011" in m or "RSC-005" in m] == []


BALLOTS = """---
title: Counting the ballots
---

Count the yes votes on the branch's ballot file:

```bash
grep -c yes ballots.csv   # count the yes votes
```

Then send the count to the regional office in one go:

```bash
curl --data-urlencode "count=$(grep -c yes ballots.csv)" https://union.example.org/regional-office/ballots/submit
```
"""


def test_a_code_block_passes_the_epub_checks_and_its_long_lines_wrap_on_a_small_screen(
    tmp_path: Path, page
) -> None:
    """A block tagged with its language (```bash) was coloured by pandoc in colours Ace
    failed for contrast, and a line wider than the page was cut off: a paged e-reader
    cannot scroll it (Ace: scrollable-region-focusable)."""
    root = minimal_with(tmp_path / "ws", {"ballots.md": BALLOTS})
    out = build(root, formats=["epub"]).out_dir
    findings = run_checks(Target(load_config(root), out, (ISSUE,)), ["epub"])
    assert [(f.check, f.detail) for f in findings if f.status != "pass"] == []
    with zipfile.ZipFile(out / ISSUE / f"{ISSUE}.epub") as book:
        book.extractall(tmp_path / "book")
    chapter = next(
        path
        for path in sorted((tmp_path / "book" / "EPUB" / "text").glob("ch*.xhtml"))
        if "regional-office" in path.read_text(encoding="utf-8")
    )
    page.set_viewport_size({"width": 500, "height": 800})
    page.goto(chapter.as_uri())
    assert page.evaluate("document.documentElement.scrollWidth") <= 500
    assert "regional-office/ballots/submit" in page.inner_text("pre >> nth=1")


def _notes_of(article: lxml.etree._Element) -> list[tuple[str, str, str]]:
    """Each note call in `article`: its number, and the number and words of the note it
    leads to (found in `article`, whose number leads back to the call)."""
    found = []
    for call in article.xpath(".//html:a[@epub:type='noteref']", namespaces=NS):
        target = call.get("href").split("#")[1]
        [note] = article.xpath(".//html:aside[@id=$id]", id=target, namespaces=NS)
        assert (note.get(EPUB_TYPE), note.get("role")) == ("footnote", "doc-footnote")
        [back] = note.xpath(".//html:a[@role='doc-backlink']", namespaces=NS)
        assert back.get("href").split("#")[1] == call.get("id")
        words = " ".join(str(note.xpath("string()")).split())
        found.append((call.xpath("string()"), back.xpath("string()"), words))
    return found


def test_each_articles_notes_are_numbered_from_one_at_its_end_with_their_way_back(
    book: Path,
) -> None:
    """Two articles of one section, a note each: the second's was numbered 2, and both
    notes were gathered after both articles, unnumbered, with no way back to the text."""
    chapter = _chapter_with(_parts(book), "Cleaners walk out")
    english = _article(chapter, "Cleaners walk out at the Infirmary")
    spanish = _article(chapter, "Los jornaleros dicen basta")
    assert _notes_of(english) == [
        ("1", "1", "1. Figures from the payslips of the strike committee.")
    ]
    assert _notes_of(spanish) == [("1", "1", "1. Según el sindicato del valle.")]


def test_notes_are_numbered_in_the_digits_of_their_article(tmp_path: Path) -> None:
    """A Farsi and an Arabic article in one section: the calls were "۱" and "2"."""
    root = minimal_with(
        tmp_path / "ws",
        {
            "farsi.md": "---\ntitle: اعتصاب\nlanguage: fa\n---\n\nکارگران.[^1]\n\n"
            "[^1]: به گفته سندیکا.\n",
            "arabic.md": "---\ntitle: إضراب\nlanguage: ar\n---\n\nالعمال.[^1]\n\n"
            "[^1]: حسب النقابة.\n",
        },
    )
    path = build(root, formats=["epub"]).out_dir / ISSUE / f"{ISSUE}.epub"
    chapter = _chapter_with(_parts(path), "اعتصاب")
    assert _notes_of(_article(chapter, "اعتصاب")) == [("۱", "۱", "۱. به گفته سندیکا.")]
    assert _notes_of(_article(chapter, "إضراب")) == [("1", "1", "1. حسب النقابة.")]
    assert epubcheck_messages(path) == []


def test_notes_of_a_document_named_in_its_letters_lead_to_them_and_back(tmp_path: Path) -> None:
    """A document named in Hebrew or Arabic letters keeps them in its notes' ids; pandoc
    gave its calls' targets percent-encoded, so a call led nowhere (epubcheck's RSC-012)
    and its note had no way back."""
    root = minimal_with(
        tmp_path / "ws",
        {
            "שביתה.md": "---\ntitle: שביתה\nlanguage: he\n---\n\nהעובדים שובתים.[^a] עוד.[^b]\n\n"
            "[^a]: הערה ראשונה.\n[^b]: הערה שנייה.\n",
        },
    )
    path = build(root, formats=["epub"]).out_dir / ISSUE / f"{ISSUE}.epub"
    chapter = _chapter_with(_parts(path), "שביתה")
    assert _notes_of(_article(chapter, "שביתה")) == [
        ("1", "1", "1. הערה ראשונה."),
        ("2", "2", "2. הערה שנייה."),
    ]
    assert epubcheck_messages(path) == []


def test_notes_of_a_document_named_from_a_year_lead_to_them_and_back(tmp_path: Path) -> None:
    """A document whose name starts with a digit (a Hugo page bundle 2024-strike/): pandoc
    gives its calls' targets an "id_" in front, as an XML id cannot start with a digit, but
    its notes kept the id as written, so a call led nowhere (epubcheck's RSC-012)."""
    root = minimal_with(
        tmp_path / "ws",
        {"2024-strike.md": "---\ntitle: Year slug\n---\n\nText.[^1]\n\n[^1]: The note.\n"},
    )
    path = build(root, formats=["epub"]).out_dir / ISSUE / f"{ISSUE}.epub"
    chapter = _chapter_with(_parts(path), "Year slug")
    assert _notes_of(_article(chapter, "Year slug")) == [("1", "1", "1. The note.")]
    assert epubcheck_messages(path) == []


def with_cover_picture(root: Path, title_lines: str) -> Path:
    """The workspace's issue with a cover picture (a plain blue one) and `title_lines` in
    place of its title line."""
    from PIL import Image

    (root / "documents" / "media").mkdir()
    Image.new("RGB", (1200, 800), (30, 90, 160)).save(root / "documents" / "media" / "cover.png")
    manifest = root / "issues" / "001-first.yaml"
    manifest.write_text(
        manifest.read_text(encoding="utf-8")
        .replace('title: "First issue"', title_lines)
        .replace("date:", "cover: documents/media/cover.png\ndate:"),
        encoding="utf-8",
    )
    return root


@pytest.mark.parametrize(
    "title",
    [
        "Cleaners, porters and caterers at the Royal Infirmary vote to strike for the living wage",
        "عمال النظافة والحمالون والطهاة في المستشفى الملكي يصوتون على الإضراب من أجل أجر معيشي",
    ],
)
def test_the_epub_cover_shows_the_whole_of_a_long_issue_title(
    tmp_path: Path, title: str, epub_cover_drawings: list[lxml.etree._Element]
) -> None:
    """The cover kept three lines of 24 characters and dropped the rest ("for the living
    wage") without a word."""
    root = with_cover_picture(minimal_with(tmp_path / "ws", {}), f'title: "{title}"')
    build(root, formats=["epub"])
    [cover] = epub_cover_drawings
    svg = "{http://www.w3.org/2000/svg}"
    lines = [str(t.text) for t in cover.iter(f"{svg}text") if t.get("font-weight") == "700"]
    shown = " ".join(lines[1:])  # after the newsletter's name
    assert shown == title
    [picture] = [i for i in cover.iter(f"{svg}image")]
    assert float(picture.get("height")) >= 600  # the picture still shows


@pytest.mark.parametrize(
    ("masthead", "theme"),
    [
        (
            "News, statements and reports from the docks, warehouses and depots of the whole"
            " Eastharbour estuary",
            "default",
        ),
        ("نشرة النقابة: أخبار وبيانات من المصانع والموانئ في كل مكان من البلاد", "campaign"),
    ],
)
def test_the_epub_cover_shows_the_whole_of_a_long_masthead_line(
    tmp_path: Path, masthead: str, theme: str, epub_cover_drawings: list[lxml.etree._Element]
) -> None:
    """The masthead line was one line of 38 px whatever its length: a long one ran off
    both edges of the cover, where the PDF, email and web wrap it."""
    from PIL import Image

    style = f'\n[style]\ntheme = "{theme}"\naccent = "#1b1b3a"\nmasthead = "{masthead}"\n'
    root = with_cover_picture(minimal_with(tmp_path / "ws", {}, style), 'title: "Strike"')
    path = build(root, formats=["epub"]).out_dir / ISSUE / f"{ISSUE}.epub"
    [cover] = epub_cover_drawings
    texts = [str(t.text) for t in cover.iter("{http://www.w3.org/2000/svg}text")]
    shown = [t for t in texts if t in masthead]
    assert " ".join(shown) == masthead
    with zipfile.ZipFile(path) as book:
        [jpeg] = [n for n in book.namelist() if n.endswith(".jpg")]
        with Image.open(io.BytesIO(book.read(jpeg))) as drawn:
            picture = drawn.convert("L")
    assert picture.size == (1200, 1800)
    for y in range(0, 700):  # the masthead, above the issue's title: nothing at the edges
        edges = [picture.getpixel((x, y)) for x in (*range(0, 20), *range(1180, 1200))]
        assert max(edges) - min(edges) < 40, f"the masthead is cut at row {y}"


def font_named(family: str, target: Path, installed: str = "DejaVu Sans Mono:style=Bold") -> Path:
    """A font file of a family no installed font has, as a workspace bundles one it
    downloaded: the `installed` font fontconfig finds (DejaVu Sans Mono Bold, a monospace:
    its I's are wide), renamed."""
    from fontTools.ttLib import TTFont

    source = subprocess.run(
        ["fc-match", "--format", "%{file}", installed],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    font = TTFont(source)
    for record in font["name"].names:
        if record.nameID in (1, 4, 16):
            record.string = family if record.nameID != 4 else f"{family} Bold"
        elif record.nameID == 6:
            record.string = family.replace(" ", "") + "-Bold"
    target.parent.mkdir(parents=True, exist_ok=True)
    font.save(target)
    return target


def test_the_epub_cover_is_drawn_in_a_font_file_the_workspace_bundles(
    tmp_path: Path, epub_cover_drawings: list[lxml.etree._Element]
) -> None:
    """heading_font = "fonts/….otf" set the PDF's cover in that font, and the EPUB's cover
    in Noto Sans Bold: librsvg looks fonts up with fontconfig, which knew only the
    installed ones."""
    from PIL import Image

    style = '\n[style]\nheading_font = "fonts/ProbeMono-Bold.ttf"\n'
    root = with_cover_picture(minimal_with(tmp_path / "ws", {}, style), 'title: "IIIIIIIIII"')
    font_named("Probe Mono", root / "fonts" / "ProbeMono-Bold.ttf")
    path = build(root, formats=["epub"]).out_dir / ISSUE / f"{ISSUE}.epub"
    with zipfile.ZipFile(path) as book:
        [jpeg] = [n for n in book.namelist() if n.endswith(".jpg")]
        with Image.open(io.BytesIO(book.read(jpeg))) as drawn:
            picture = drawn.convert("L")
    [cover] = epub_cover_drawings
    [title] = [t for t in cover.iter("{http://www.w3.org/2000/svg}text") if t.text == "IIIIIIIIII"]
    middle = round(float(title.get("y")) - float(title.get("font-size")) / 3)
    ink = [x for x in range(1200) if picture.getpixel((x, middle)) < 100]
    # ten I's 80 px high: 480 px across in a monospace, under 300 px in Noto Sans Bold
    assert ink[-1] - ink[0] > 400, ink[-1] - ink[0]


def title_ink_width(epub: Path, cover: lxml.etree._Element, title: str) -> int:
    """How wide the ink of the cover's `title` line is in the EPUB's cover JPEG (px), at
    the row `cover` (the drawing) sets it."""
    from PIL import Image

    with zipfile.ZipFile(epub) as book:
        [jpeg] = [n for n in book.namelist() if n.endswith(".jpg")]
        with Image.open(io.BytesIO(book.read(jpeg))) as drawn:
            picture = drawn.convert("L")
    [line] = [t for t in cover.iter("{http://www.w3.org/2000/svg}text") if t.text == title]
    middle = round(float(line.get("y")) - float(line.get("font-size")) / 3)
    ink = [x for x in range(1200) if picture.getpixel((x, middle)) < 100]
    return ink[-1] - ink[0]


def test_a_bundled_font_replaced_under_its_name_redraws_the_cover(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A cover is drawn once for the same drawing and font files in a process; a font file
    replaced under its name (`publisher serve` running, a font updated) is a new cover."""
    from publisher.renderers import epub as renderer

    drawings: list[bytes] = []
    draw = renderer.svg_to_png
    monkeypatch.setattr(
        renderer, "svg_to_png", lambda svg, *a: drawings.append(svg) or draw(svg, *a)
    )
    style = '\n[style]\nheading_font = "fonts/ProbeMono-Bold.ttf"\n'
    root = with_cover_picture(minimal_with(tmp_path / "ws", {}, style), 'title: "IIIIIIIIII"')
    font = font_named("Probe Mono", root / "fonts" / "ProbeMono-Bold.ttf")
    epub = build(root, formats=["epub"]).out_dir / ISSUE / f"{ISSUE}.epub"
    cover = lxml.etree.fromstring(drawings[-1])
    wide = title_ink_width(epub, cover, "IIIIIIIIII")
    narrow = font_named("Probe Mono", tmp_path / "narrow.ttf", "Noto Sans:style=Bold")
    font.write_bytes(narrow.read_bytes())
    build(root, formats=["epub"])
    assert drawings[-1] == drawings[0]  # the same drawing, in another font file
    assert title_ink_width(epub, cover, "IIIIIIIIII") < wide - 150, wide  # a proportional face


def test_the_epub_embeds_only_the_faces_its_text_uses_cut_to_its_letters(
    tmp_path: Path,
) -> None:
    """`body_font = "Noto Serif"`, `heading_font = "Noto Sans"` embedded all eight files
    whole (bold italic, which nothing used, too): 4.5 MB in a 100 KB book. And an Arabic
    article had no face drawing its letters."""
    from fontTools.ttLib import TTFont

    if not {"Noto Serif", "Noto Sans", "Noto Naskh Arabic"} <= installed_families():
        pytest.skip("the Noto fonts are not installed (fonts-noto-core)")
    arabic = "---\ntitle: إضراب العمال\nlanguage: ar\n---\n\nالعمال يضربون من أجل الأجر.\n"
    root = minimal_with(
        tmp_path / "ws",
        {"arabic.md": arabic},
        '\n[style]\nbody_font = "Noto Serif"\nheading_font = "Noto Sans"\n',
    )
    path = build(root, formats=["epub"]).out_dir / ISSUE / f"{ISSUE}.epub"
    with zipfile.ZipFile(path) as book:
        fonts = {
            Path(name).name: TTFont(io.BytesIO(book.read(name)))
            for name in book.namelist()
            if name.startswith("EPUB/fonts/")
        }
        css = "".join(book.read(n).decode() for n in book.namelist() if n.endswith(".css"))
    assert sorted(fonts) == [
        "NotoNaskhArabic-Bold.ttf",  # the article's title
        "NotoNaskhArabic-Regular.ttf",  # its text
        "NotoSans-Bold.ttf",  # headings
        "NotoSerif-Bold.ttf",  # the colophon's newsletter name
        "NotoSerif-Italic.ttf",  # *emphasis*
        "NotoSerif-Regular.ttf",
    ]
    for name, font in fonts.items():
        assert len(font.getGlyphOrder()) < 250, name  # Noto Serif has 2,800
    letters = {ord(c) for c in "The first article emphasis"}
    assert letters <= set(fonts["NotoSerif-Regular.ttf"].getBestCmap())
    assert {ord(c) for c in "العمال"} <= set(fonts["NotoNaskhArabic-Regular.ttf"].getBestCmap())
    assert "NotoSerif-BoldItalic.ttf" not in css and '"Noto Naskh Arabic"' in css
    assert path.stat().st_size < 300_000
    assert epubcheck_messages(path) == []


def test_older_readers_find_the_cover_by_the_opf_and_ncx_cover_meta(tmp_path: Path) -> None:
    """EPUB 3 marks the cover with `properties="cover-image"`; Calibre, Kindle conversion
    and older readers look for EPUB 2's `<meta name="cover">` naming its manifest item.
    The package had none, and the NCX's named "cover_svg", an item the book lacks."""
    from PIL import Image

    root = minimal_with(tmp_path / "ws", {})
    (root / "documents" / "media").mkdir()
    Image.new("RGB", (1200, 800), (30, 90, 160)).save(root / "documents" / "media" / "cover.png")
    manifest = root / "issues" / "001-first.yaml"
    manifest.write_text(
        manifest.read_text(encoding="utf-8").replace(
            "date:", "cover: documents/media/cover.png\ndate:"
        ),
        encoding="utf-8",
    )
    path = build(root, formats=["epub"]).out_dir / ISSUE / f"{ISSUE}.epub"
    opf = {"opf": "http://www.idpf.org/2007/opf"}
    with zipfile.ZipFile(path) as book:
        package = lxml.etree.fromstring(book.read("EPUB/content.opf"))
        ncx = lxml.etree.fromstring(book.read("EPUB/toc.ncx"))
    [cover_id] = package.xpath("//opf:item[@properties='cover-image']/@id", namespaces=opf)
    assert package.xpath("//opf:metadata/opf:meta[@name='cover']/@content", namespaces=opf) == [
        cover_id
    ]
    assert ncx.xpath("//ncx:head/ncx:meta[@name='cover']/@content", namespaces=NS) in (
        [],
        [cover_id],
    )
    assert epubcheck_messages(path) == []


def test_the_epubs_title_and_description_keep_their_letters_in_a_c_locale(
    tmp_path: Path,
) -> None:
    """Cron jobs, CI containers and systemd units often run with LC_ALL=C: pandoc read the
    title and description given to it on its command line as ASCII, and the book's
    package said "Bolet��n" and "almac��n" (PDF, email and web pages were right)."""
    title = "Boletín N.º 1: العمال"
    root = minimal_with(tmp_path / "ws", {})
    manifest = root / "issues" / "001-first.yaml"
    manifest.write_text(
        manifest.read_text(encoding="utf-8").replace(
            'title: "First issue"', f'title: "{title}"\nsummary: "Huelga en el almacén"'
        ),
        encoding="utf-8",
    )
    env = {
        "PATH": os.environ["PATH"],
        "PYTHONPATH": str(Path(__file__).parents[1]),
        "LC_ALL": "C",
        "SOURCE_DATE_EPOCH": FIXED_EPOCH,
    }
    command = [sys.executable, "-m", "publisher", "-C", str(root), "build", "--format", "epub"]
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    opf = {"dc": "http://purl.org/dc/elements/1.1/"}
    with zipfile.ZipFile(root / "dist" / ISSUE / f"{ISSUE}.epub") as book:
        package = lxml.etree.fromstring(book.read("EPUB/content.opf"))
        nav = lxml.etree.fromstring(book.read("EPUB/nav.xhtml"))
    [dc_title] = package.xpath("//dc:title/text()", namespaces=opf)
    assert title in str(dc_title)
    assert package.xpath("//dc:description/text()", namespaces=opf) == ["Huelga en el almacén"]
    assert title in str(nav.xpath("string(//html:title)", namespaces=NS))


def test_the_epub_names_its_newsletter_as_a_series_and_its_number_as_the_place_in_it(
    tmp_path: Path,
) -> None:
    """Issue 12 said only "Minimal Test Bulletin No. 12: First issue" in its title: Calibre,
    Apple Books and Kobo could not group the issues as one series, and sorted by title "No.
    12" came before "No. 2". EPUB 3 names the series by `belongs-to-collection` (Apple
    Books, Thorium); Calibre and a Kobo's sideloaded books read `calibre:series`."""
    root = minimal_with(tmp_path / "ws", {})
    manifest = root / "issues" / "001-first.yaml"
    manifest.write_text(
        manifest.read_text(encoding="utf-8").replace("number: 1\n", "number: 12\n"),
        encoding="utf-8",
    )
    path = build(root, formats=["epub"]).out_dir / ISSUE / f"{ISSUE}.epub"
    with zipfile.ZipFile(path) as book:
        package = lxml.etree.fromstring(book.read("EPUB/content.opf"))
    opf = {"opf": "http://www.idpf.org/2007/opf"}
    [series] = package.xpath("//opf:meta[@property='belongs-to-collection']", namespaces=opf)
    assert series.text == "Minimal Test Bulletin"
    refines = {
        str(meta.get("property")): meta.text
        for meta in package.xpath(
            "//opf:meta[@refines=$r]", r=f"#{series.get('id')}", namespaces=opf
        )
    }
    assert refines == {"collection-type": "series", "group-position": "12"}
    calibre = {
        str(meta.get("name")): meta.get("content")
        for meta in package.xpath("//opf:meta[starts-with(@name, 'calibre:')]", namespaces=opf)
    }
    assert calibre == {"calibre:series": "Minimal Test Bulletin", "calibre:series_index": "12"}
    assert epubcheck_messages(path) == []


def test_the_epub_cover_is_a_picture_every_e_reader_shows_with_the_title_drawn_in(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The cover was an SVG whose words were live text in fonts the book does not carry:
    Kobo's thumbnails, Send to Kindle and Google Play Books want a JPEG or PNG cover, and
    an e-reader drawing the SVG set an Arabic title in whatever font it had. Now the
    drawing is a JPEG, the same bytes every build, shown on the cover page too."""
    from PIL import Image

    title = "عمال النظافة يصوتون على الإضراب من أجل أجر معيشي"
    root = with_cover_picture(minimal_with(tmp_path / "ws", {}), f'title: "{title}"\nlanguage: ar')
    monkeypatch.setenv("SOURCE_DATE_EPOCH", FIXED_EPOCH)
    covers = []
    for run in ("first", "second"):
        path = (
            build(root, formats=["epub"], out_dir=tmp_path / run).out_dir / ISSUE / f"{ISSUE}.epub"
        )
        with zipfile.ZipFile(path) as book:
            package = lxml.etree.fromstring(book.read("EPUB/content.opf"))
            opf = {"opf": "http://www.idpf.org/2007/opf"}
            [item] = package.xpath("//opf:item[@properties='cover-image']", namespaces=opf)
            covers.append(book.read(f"EPUB/{item.get('href')}"))
            page = lxml.etree.fromstring(book.read("EPUB/text/cover.xhtml"))
            names = book.namelist()
        assert item.get("media-type") == "image/jpeg"
        shown = page.xpath("//@*[local-name()='href' or local-name()='src']")
        assert [str(s).removeprefix("../") for s in shown if "media/" in s] == [item.get("href")]
        assert not [n for n in names if n.endswith(".svg")]  # no drawing left to set in fonts
        assert epubcheck_messages(path) == []
    assert covers[0] == covers[1]
    with Image.open(io.BytesIO(covers[0])) as cover:
        assert (cover.format, cover.size) == ("JPEG", (1200, 1800))
        assert cover.convert("RGB").getpixel((600, 1700)) == pytest.approx((30, 90, 160), abs=6)


def test_a_link_to_another_article_of_the_issue_turns_the_books_page_to_it(
    tmp_path: Path,
) -> None:
    """`[the Tishreen piece](tishreen.md)` led out of the book to the article's page on
    the web although the article is a chapter of the same book: an e-reader opened a
    browser (or nothing, offline). Now it jumps to the article (a heading of it, when the
    link names one); an address outside the book stays as it is."""
    root = minimal_with(
        tmp_path / "ws",
        {
            "port.md": "---\ntitle: Port strike\n---\n\nSee [the Tishreen piece](tishreen.md), "
            "[their vote](tishreen.md#the-vote), [the dockers](إضراب.md) and "
            "[our site](https://minimal.example.org/).\n",
            "tishreen.md": "---\ntitle: Tishreen mill\n---\n\nThe mill.\n\n## The vote\n\n"
            "They voted.\n",
            "إضراب.md": "---\ntitle: إضراب الميناء\nlanguage: ar\n---\n\nالعمال يضربون.\n",
        },
    )
    path = build(root, formats=["epub"]).out_dir / ISSUE / f"{ISSUE}.epub"
    parts = _parts(path)
    chapter_name, chapter = next(
        (name, tree)
        for name, tree in parts.items()
        if "Tishreen piece" in str(tree.xpath("string()"))
    )
    article = _article(chapter, "Port strike")
    links = {
        str(a.xpath("string()")): str(a.get("href"))
        for a in article.xpath(".//html:a[@href]", namespaces=NS)
    }
    assert links["our site"] == "https://minimal.example.org/"
    leads_to = {}
    for words in ("the Tishreen piece", "their vote", "the dockers"):
        document, _, target = links[words].partition("#")
        assert not document.startswith(("http:", "https:")), links[words]
        opened = parts[
            posixpath.join(
                posixpath.dirname(chapter_name), document or posixpath.basename(chapter_name)
            )
        ]
        [element] = opened.xpath("//*[@id=$id]", id=unquote(target))
        leads_to[words] = " ".join(
            str(
                element.xpath("string(.//*[self::html:h2 or self::html:h3][1])", namespaces=NS)
            ).split()
        )
    assert leads_to == {
        "the Tishreen piece": "Tishreen mill",
        "their vote": "The vote",
        "the dockers": "إضراب الميناء",
    }
    assert epubcheck_messages(path) == []


def test_the_ncx_says_how_deep_its_contents_nest(book: Path) -> None:
    """Sections hold their articles, two levels of navPoints: the NCX's dtb:depth said 1,
    and EPUB 2 reading systems that size their contents by it showed the first level."""
    ncx = _parts(book)["EPUB/toc.ncx"]
    deepest = max(
        len(point.xpath("ancestor-or-self::ncx:navPoint", namespaces=NS))
        for point in ncx.xpath("//ncx:navPoint", namespaces=NS)
    )
    assert deepest == 2  # the section News, and its two articles in it
    assert ncx.xpath("//ncx:head/ncx:meta[@name='dtb:depth']/@content", namespaces=NS) == ["2"]


OPF = {"opf": "http://www.idpf.org/2007/opf"}

# A report with two charts: one described, as an editor writes one, and one not.
CHARTS = """---
title: Pay survey results
date: 2026-01-07
---

![Hourly pay by grade: cleaners £11.44, porters £11.90](media/pay.png)

Most members answered.

{second}
"""


def _accessibility(path: Path) -> dict[str, list[str]]:
    """The book's schema.org accessibility metadata and conformance claims, by property."""
    with zipfile.ZipFile(path) as book:
        package = lxml.etree.fromstring(book.read("EPUB/content.opf"))
    found: dict[str, list[str]] = {}
    for meta in package.iterfind("opf:metadata/opf:meta[@property]", OPF):
        name = meta.get("property", "")
        if name.startswith(("schema:access", "dcterms:conformsTo", "a11y:")):
            found.setdefault(name, []).append(" ".join((meta.text or "").split()))
    return found


SPANISH_QUOTE = """\
---
title: "Solidarity from Cádiz"
---

The dockers of Cádiz sent a message: [¡Estamos con vosotros!]{lang=es}
"""


@pytest.mark.parametrize(
    ("documents", "marked"),
    [({}, False), ({"cadiz.md": SPANISH_QUOTE}, True)],
    ids=["one language", "a passage in spanish"],
)
def test_the_epub_summary_says_passages_in_other_languages_are_marked_only_when_it_has_some(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, documents: dict[str, str], marked: bool
) -> None:
    """Every book's summary said "Passages in other languages are marked with their
    language and writing direction.", an English book with none in another too."""
    root = minimal_with(tmp_path / "ws", documents)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", FIXED_EPOCH)
    path = build(root, formats=["epub"]).out_dir / ISSUE / f"{ISSUE}.epub"
    [said] = _accessibility(path)["schema:accessibilitySummary"]
    assert ("Passages in other languages are marked" in said) is marked, said


@pytest.mark.parametrize(
    ("documents", "modes", "sufficient", "alternatives", "summary"),
    [
        ({}, ["textual"], ["textual"], False, ""),
        (
            {"survey.md": CHARTS.format(second="")},
            ["textual", "visual"],
            ["textual", "textual,visual"],
            True,
            "Images carry text alternatives.",
        ),
        (
            {"survey.md": CHARTS.format(second="![](media/rents.png)")},
            ["textual", "visual"],
            ["textual,visual"],
            False,
            "Some images have no text alternative.",
        ),
    ],
    ids=["no pictures", "every picture described", "a picture not described"],
)
def test_the_epubs_accessibility_metadata_is_true_to_its_pictures(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    documents: dict[str, str],
    modes: list[str],
    sufficient: list[str],
    alternatives: bool,
    summary: str,
) -> None:
    """Every book said its images carry text alternatives and that text alone conveys it,
    with no picture at all or with a chart nobody described (alt=""), and never that it has
    pictures to see (accessMode "visual"). A reader choosing a book by its metadata, and
    a shop listing it, were told what was not so."""
    from PIL import Image

    root = minimal_with(tmp_path / "ws", documents)
    (root / "documents" / "media").mkdir(exist_ok=True)
    for name in ("pay.png", "rents.png"):
        Image.new("RGB", (600, 400), (30, 90, 160)).save(root / "documents" / "media" / name)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", FIXED_EPOCH)
    path = build(root, formats=["epub"]).out_dir / ISSUE / f"{ISSUE}.epub"
    found = _accessibility(path)

    assert found["schema:accessMode"] == modes
    assert found["schema:accessModeSufficient"] == sufficient
    assert ("alternativeText" in found["schema:accessibilityFeature"]) is alternatives
    assert {"readingOrder", "structuralNavigation", "tableOfContents"} <= set(
        found["schema:accessibilityFeature"]
    )
    assert found["schema:accessibilityHazard"] == ["none"]
    [said] = found["schema:accessibilitySummary"]
    assert said.startswith("A text publication with a navigable table of contents")
    assert summary in said
    assert ("Images carry text alternatives." in said) is alternatives
    # No claim of conformance to EPUB Accessibility and WCAG: nobody has evaluated the book.
    assert "dcterms:conformsTo" not in found and "a11y:certifiedBy" not in found
    assert epubcheck_messages(path) == []
