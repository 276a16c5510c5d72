"""Text details an editor would otherwise fix by hand (issue 16, item 6): a plain-text email
without Markdown syntax, quotes in each language's convention, authors joined as the
language joins them, topics in the EPUB and the feeds, and images left out cleanly."""

from __future__ import annotations

import email
import html
import logging
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from email import policy
from pathlib import Path

import pytest
from bounded import finishes_within
from conftest import FIXED_EPOCH, WORKSPACES, copy_workspace

from publisher.build import build
from publisher.i18n import format_list
from publisher.readers import read_document
from publisher.typography import NNBSP, curl_quotes, in_quotes, spaced_punctuation

SLUG = "001-first"
ARTICLE = """---
title: Bread and roses
authors: [Ana Ruiz, Bob Lee]
tags: [pay, "health & safety"]
lang: en
---

The **whole** shift walked out.[^1] The minister's war ["on terror"] came up again,
and so did the "war ["on terror"]" itself.

| Shift | Pay \\| rate |
|-------|-------------|
| Night | 12 |

A literal \\[ bracket and a star \\* stay as they are.

![A photo that is not there](media/nothere.png)

```python
print(42)
```

Write to the branch:\\
Calle Mayor 1\u0020\u0020
Madrid

The rest of the text.

[^1]: Counted by the **strike** committee.
"""
FRENCH = """---
title: Déclaration
authors: [Ana Ruiz, Bob Lee]
tags: [pay]
lang: fr
---

Contre la guerre ["on terror"], disent-ils.
"""
ARABIC_LETTER = """---
title: "Letter"
lang: en
---

عاش نضال عمال الموانئ! أرسلوا التبرعات مع الرمز `KAFR-26` عبر الرابط.
"""


@dataclass(frozen=True)
class Built:
    out: Path
    warnings: list[str]

    def read(self, name: str) -> str:
        return (self.out / SLUG / name).read_text(encoding="utf-8")


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Built]:
    """The minimal workspace with one English and one French article, built once as email,
    EPUB and feeds."""
    root = copy_workspace(WORKSPACES / "minimal", tmp_path_factory.mktemp("details"))
    (root / "documents" / "bread-and-roses.md").write_text(ARTICLE, encoding="utf-8")
    (root / "documents" / "declaration.md").write_text(FRENCH, encoding="utf-8")
    (root / "documents" / "letter.md").write_text(ARABIC_LETTER, encoding="utf-8")
    manifest = root / "issues" / "001-first.yaml"
    manifest.write_text(
        manifest.read_text()
        .replace("second-article]", "second-article, bread-and-roses, declaration, letter]")
        .replace("Hello from the editors.", 'Hello from the editors: "a war ["on want"]".')
    )
    collect = _Collect()
    logger = logging.getLogger("publisher")
    logger.addHandler(collect)
    try:
        with pytest.MonkeyPatch.context() as mp:
            mp.setenv("SOURCE_DATE_EPOCH", FIXED_EPOCH)
            report = build(root, formats=["email", "epub", "feed"])
    finally:
        logger.removeHandler(collect)
    yield Built(report.out_dir, collect.messages)


# --- the plain-text email -----------------------------------------------------------------


def test_the_plain_text_email_shows_no_markdown_syntax(built: Built) -> None:
    text = built.read("email.txt")
    assert "Bread and roses" in text and "Night" in text
    for syntax in ("[^", "**", "\\[", "\\|", "\\*", "```", "{.sourceCode"):
        assert syntax not in text, syntax
    assert "\n    print(42)\n" in text  # code indented, as mail has always shown it


def test_lines_broken_by_hand_end_the_plain_texts_lines_without_spaces(built: Built) -> None:
    """An address's lines, broken with a backslash or two spaces: the plain text ended
    each with Markdown's two spaces, which mail programs keep and quoted-printable
    writes as "=20"."""
    text = built.read("email.txt")
    assert "\nWrite to the branch:\nCalle Mayor 1\nMadrid\n" in text
    assert [line for line in text.splitlines() if line.endswith((" ", "\t"))] == []


def test_code_in_right_to_left_words_reads_without_markup_in_the_plain_text(
    built: Built,
) -> None:
    """Code in Arabic text is marked left-to-right in the HTML (dir="ltr"); the plain text
    showed it as Markdown's attribute: `KAFR-26`{dir="ltr"}. It is set apart left to right
    (U+2066 … U+2069), as the HTML's dir does."""
    text = built.read("email.txt")
    assert "الرمز \u2066`KAFR-26`\u2069 عبر" in text
    assert "{dir=" not in text


def test_footnotes_read_as_numbered_notes_and_bold_as_emphasis(built: Built) -> None:
    text = built.read("email.txt")
    assert "walked out.¹" in text
    assert "¹ Counted by the *strike* committee." in text
    assert "The *whole* shift" in text
    assert "Pay | rate" in text and "A literal [ bracket and a star * stay" in text


# --- quotes -------------------------------------------------------------------------------


def test_quotes_after_a_bracket_open_in_english_and_in_french_guillemets(built: Built) -> None:
    for output in ("email.txt", "email.html"):
        text = built.read(output)
        assert "war [“on terror”] came up" in text, output
        assert f"guerre [«{NNBSP}on terror{NNBSP}»]" in text, output
    assert "“war [‘on terror’]” itself" in built.read("email.txt")  # a quote in a quote


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "[“x”]"),
        ("en-GB", "[“x”]"),
        ("fr", f"[«{NNBSP}x{NNBSP}»]"),
        ("es", "[«x»]"),
        ("es-ES", "[«x»]"),
        ("es-MX", "[“x”]"),
        ("es-419", "[“x”]"),
        ("de", "[„x“]"),
        # right to left, where curly quotes are not mirrored: each faces the words (CLDR)
        ("ar", "[”x“]"),
        ("ur", "[”x“]"),
        ("fa", "[«x»]"),
    ],
)
def test_straight_quotes_take_the_languages_marks(language: str, expected: str) -> None:
    assert curl_quotes('<p>["x"]</p>', language) == f"<p>{expected}</p>"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ('<p>"a" b</p>', "<p>“a” b</p>"),
        ("<p>the “war [”on terror”]”</p>", "<p>the “war [‘on terror’]”</p>"),  # pandoc's
        ('<p>—"dash" and ("paren")</p>', "<p>—“dash” and (“paren”)</p>"),
        ("<p>don't, workers' 'own' '90s</p>", "<p>don’t, workers’ ‘own’ ’90s</p>"),
        ('<p>"a</p><p>b"</p>', "<p>“a</p><p>b”</p>"),  # each block starts afresh
        ('<p><code>"x"</code> "y"</p>', '<p><code>"x"</code> “y”</p>'),
        ("<p>&quot;a &amp; b&quot;</p>", "<p>“a &amp; b”</p>"),
    ],
)
def test_quotes_open_or_close_by_what_precedes_them(body: str, expected: str) -> None:
    assert curl_quotes(body, "en") == expected


@pytest.mark.parametrize(
    ("language", "body", "expected"),
    [
        # elision before a quote, everyday French and Italian: l'"offre", d'"effort"
        ("fr", """<p>l'"offre finale", d'"effort"</p>""",
         f"<p>l’«{NNBSP}offre finale{NNBSP}», d’«{NNBSP}effort{NNBSP}»</p>"),
        ("fr", "<p>qu’\"ils\" partent</p>", f"<p>qu’«{NNBSP}ils{NNBSP}» partent</p>"),
        ("it", """<p>dell'"Unità"</p>""", "<p>dell’«Unità»</p>"),
        # an apostrophe that ends a word, then a quote that ends: still closes
        ("en", """<p>"the workers'" and "the bosses'"</p>""",
         "<p>“the workers’” and “the bosses’”</p>"),
        ("en", """<p>"all the workers'"—they said</p>""", "<p>“all the workers’”—they said</p>"),
    ],
)  # fmt: skip
def test_a_quote_after_an_elided_word_opens(language: str, body: str, expected: str) -> None:
    assert curl_quotes(body, language) == expected


def test_french_titles_and_bodies_open_quotes_after_an_apostrophe(tmp_path: Path) -> None:
    """Pandoc's curly quotes in the body and the title's straight ones alike."""
    path = tmp_path / "welcome.fr.md"
    path.write_text(
        '---\ntitle: L\'"offre finale" rejetée\nlang: fr\n---\n'
        'La direction parle d\'"effort", mais l\'"offre finale" est une insulte.\n'
    )
    doc = read_document(path, "welcome", tmp_path, "en")
    assert doc.title == f"L’«{NNBSP}offre finale{NNBSP}» rejetée"
    assert f"d’«{NNBSP}effort{NNBSP}», mais l’«{NNBSP}offre finale{NNBSP}» est" in doc.body_html


def test_the_editorial_is_curled_in_the_issues_language(built: Built) -> None:
    assert "“a war [‘on want’]”" in built.read("email.html")  # pandoc alone: [”on want”]


def test_titles_subtitles_and_summaries_are_curled_too(tmp_path: Path) -> None:
    path = tmp_path / "gig.md"
    path.write_text(
        '---\ntitle: The "gig" economy\'s end\nsubtitle: \'"Flexible" & free\'\n'
        'summary: Riders say "no" and “non”.\nlang: fr\n---\nBody\n'
    )
    doc = read_document(path, "gig", tmp_path, "en")
    assert doc.title == f"The «{NNBSP}gig{NNBSP}» economy’s end"
    assert doc.subtitle == f"«{NNBSP}Flexible{NNBSP}» & free"
    assert doc.summary == f"Riders say «{NNBSP}no{NNBSP}» and “non”."  # as typed


def test_a_passage_in_another_language_takes_its_marks() -> None:
    body = '<p>"yes" <span lang="fr">"oui"</span> "yes"</p>'
    expected = f'<p>“yes” <span lang="fr">«{NNBSP}oui{NNBSP}»</span> “yes”</p>'
    assert curl_quotes(body, "en") == expected


def test_french_quotes_typed_with_spaces_keep_one_narrow_space() -> None:
    assert curl_quotes('<p>" oui "</p>', "fr") == f"<p>«{NNBSP}oui{NNBSP}»</p>"


@pytest.mark.parametrize(
    ("language", "body", "expected"),
    [
        # as machine translation leaves «…» (a blog's English version of a Spanish text)
        (
            "en",
            '<p>a " definitive restructuring " of the "Communist " Party</p>',
            "<p>a “definitive restructuring” of the “Communist” Party</p>",
        ),
        ("es", '<p>" Profundizar las relaciones " y</p>', "<p>«Profundizar las relaciones» y</p>"),
        ("en", "<p>pandoc’s “ curly ” ones</p>", "<p>pandoc’s “curly” ones</p>"),
        ("fr", '<p>"\u00a0oui\u00a0"</p>', f"<p>«{NNBSP}oui{NNBSP}»</p>"),  # Word's spaces
        # between two quotes the space is the sentence's
        ("en", '<p>"one" "two"</p>', "<p>“one” “two”</p>"),
    ],
)
def test_a_space_typed_just_inside_double_quotes_is_left_out(
    language: str, body: str, expected: str
) -> None:
    assert curl_quotes(body, language) == expected


# --- French spaces before punctuation -------------------------------------------------------

NBSP = "\u00a0"


@pytest.mark.parametrize(
    ("language", "body", "expected"),
    [
        # typed with spaces, as French is typed: the spaces made no-break, narrow before ; ! ?
        ("fr", "<p>Grève ! Pourquoi ? Parce que ; voilà : tout</p>",
         f"<p>Grève{NNBSP}! Pourquoi{NNBSP}? Parce que{NNBSP}; voilà{NBSP}: tout</p>"),
        # typed without (an English keyboard, a pasted text): put in
        ("fr", "<p>Grève! Pourquoi? Parce que; voilà: tout</p>",
         f"<p>Grève{NNBSP}! Pourquoi{NNBSP}? Parce que{NNBSP}; voilà{NBSP}: tout</p>"),
        ("fr", "<p>« oui » et «non»</p>", f"<p>«{NNBSP}oui{NNBSP}» et «{NNBSP}non{NNBSP}»</p>"),
        ("fr", "<p>«Non!»</p>", f"<p>«{NNBSP}Non{NNBSP}!{NNBSP}»</p>"),
        ("fr", "<p>Quoi?! <em>Jamais</em>!</p>", f"<p>Quoi{NNBSP}?! <em>Jamais</em>{NNBSP}!</p>"),
        # times, addresses and code are not sentences
        ("fr", "<p>À 14:30, sur https://ex.org/a?b=1</p>", "<p>À 14:30, sur https://ex.org/a?b=1</p>"),
        ("fr", "<p><code>a: b!</code></p>", "<p><code>a: b!</code></p>"),
        ("fr", "<p>Tom &amp; Jerry!</p>", f"<p>Tom &amp; Jerry{NNBSP}!</p>"),
        ("fr", "<p>Article 3: le salaire</p>", f"<p>Article 3{NBSP}: le salaire</p>"),
        # Québec keeps the colon's space and the guillemets'; Switzerland and English none
        ("fr-CA", "<p>Grève! Voilà: «oui»</p>", f"<p>Grève! Voilà{NBSP}: «{NNBSP}oui{NNBSP}»</p>"),
        ("fr-CH", "<p>Grève ! Voilà: oui</p>", "<p>Grève ! Voilà: oui</p>"),
        ("en", "<p>Strike! Why? Because: this</p>", "<p>Strike! Why? Because: this</p>"),
        ("en", '<p>Strike! <span lang="fr">Grève!</span></p>',
         f'<p>Strike! <span lang="fr">Grève{NNBSP}!</span></p>'),
    ],
)  # fmt: skip
def test_french_sets_no_break_spaces_before_two_part_punctuation(
    language: str, body: str, expected: str
) -> None:
    """So that a "!" or a "»" never starts a line alone, and the space before it does not
    stretch in a justified line."""
    assert spaced_punctuation(body, language) == expected


def test_french_titles_and_bodies_are_spaced_when_read(tmp_path: Path) -> None:
    path = tmp_path / "greve.md"
    path.write_text("---\ntitle: Grève générale!\nlang: fr\n---\nTous dehors: lundi!\n")
    doc = read_document(path, "greve", tmp_path, "en")
    assert doc.title == f"Grève générale{NNBSP}!"
    assert f"Tous dehors{NBSP}: lundi{NNBSP}!" in doc.body_html


def test_a_manifests_titles_and_summary_are_set_as_a_documents_are(tmp_path: Path) -> None:
    """Straight quotes in an issue's or a section's title stayed straight, and French
    ones had no spaces, though the same words in a document's title were curled and spaced."""
    root = copy_workspace(WORKSPACES / "minimal", tmp_path / "ws")
    (root / "issues" / "001-first.yaml").write_text(
        "number: 1\ntitle: 'Le \"plan\" social: non!'\ndate: 2026-01-10\nlanguage: fr\n"
        "summary: Pourquoi dire non?\n"
        "sections:\n  - title: Luttes!\n    documents: [first-article]\n"
    )
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", FIXED_EPOCH)
        report = build(root, formats=["web"])
    page = (report.out_dir / "001-first" / "index.html").read_text(encoding="utf-8")
    assert f"Le «{NNBSP}plan{NNBSP}» social{NBSP}: non{NNBSP}!" in page
    assert f"Luttes{NNBSP}!" in page and f"Pourquoi dire non{NNBSP}?" in page


def test_a_less_than_sign_in_a_title_is_a_word_kept_with_all_after_it(tmp_path: Path) -> None:
    """ "Pay rises <inflation" is words, not a tag: read as one left open to the end, the
    title lost every word after "<" in every output, the email's subject line too."""
    root = copy_workspace(WORKSPACES / "minimal", tmp_path / "ws")
    issue_title = "Pay rises <inflation, again"
    article_title = "Pay & conditions: <the real story> — 50% off?"
    (root / "issues" / "001-first.yaml").write_text(
        f"number: 1\ntitle: '{issue_title}'\ndate: 2026-01-10\n"
        "sections:\n  - title: News <now\n    documents: [first-article]\n"
    )
    article = root / "documents" / "first-article.md"
    text = article.read_text(encoding="utf-8")
    article.write_text(text.replace("The first article", f"'{article_title}'", 1))
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", FIXED_EPOCH)
        report = build(root, formats=["email", "web", "epub"])
    out = report.out_dir / SLUG
    message = email.message_from_bytes((out / "email.eml").read_bytes(), policy=policy.default)
    assert issue_title in str(message["Subject"])
    page = html.unescape((out / "index.html").read_text(encoding="utf-8"))
    assert issue_title in page and article_title in page and "News <now" in page
    with zipfile.ZipFile(next(out.glob("*.epub"))) as epub:
        names = [n for n in epub.namelist() if n.endswith((".opf", "nav.xhtml"))]
        books = html.unescape("".join(epub.read(n).decode() for n in names))
    assert issue_title in books and article_title in books


def test_a_long_run_of_spaces_is_spaced_in_time_linear_in_its_length() -> None:
    """Each space of a run tried as the start of a match made 50,000 of them take 13 s."""
    finishes_within(
        10,
        "from publisher.typography import spaced_punctuation",
        "out = spaced_punctuation('<p>' + ' ' * 2_000_000 + 'x !</p>', 'fr')",
        "assert out.endswith('x\u202f!</p>')",
    )


# --- authors ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "joined"),
    [
        ("en", "Ana, Bob, and Chen"),
        ("en-GB", "Ana, Bob and Chen"),
        ("es", "Ana, Bob y Chen"),
        ("fr", "Ana, Bob et Chen"),
        ("zz", "Ana, Bob, and Chen"),  # an unknown language: English
    ],
)
def test_author_lists_join_as_the_language_does(language: str, joined: str) -> None:
    assert format_list(["Ana", "Bob", "Chen"], language) == joined


def test_bylines_join_authors_in_their_articles_language(built: Built) -> None:
    for output in ("email.txt", "email.html"):
        text = built.read(output)
        assert "Ana Ruiz and Bob Lee" in text and "Ana Ruiz et Bob Lee" in text, output
        assert "Ana Ruiz, Bob Lee" not in text, output


# --- topics -------------------------------------------------------------------------------


def test_topics_are_epub_subjects(built: Built) -> None:
    with zipfile.ZipFile(built.out / SLUG / f"{SLUG}.epub") as epub:
        opf = epub.read("EPUB/content.opf").decode()
    subjects = [
        line.split(">")[1].split("<")[0] for line in opf.splitlines() if "dc:subject" in line
    ]
    assert subjects == ["test", "pay", "health &amp; safety"]


def test_topics_are_feed_categories(built: Built) -> None:
    import feedparser

    for name in ("feed.atom", "feed.rss"):
        feed = feedparser.parse((built.out / name).read_bytes())
        assert not feed.bozo, (name, feed.bozo_exception)
        terms = [tag.term for tag in feed.entries[0].tags]
        assert terms == ["test", "pay", "health & safety"], name
    topic = feedparser.parse((built.out / "tags" / "pay" / "feed.atom").read_bytes())
    assert {tuple(t.term for t in entry.tags) for entry in topic.entries} == {
        ("pay", "health & safety"),
        ("pay",),
    }


# --- images left out ----------------------------------------------------------------------


def test_a_missing_image_is_named_and_leaves_no_placeholder_or_caption(built: Built) -> None:
    path = "documents/media/nothere.png"
    assert any("bread-and-roses.md" in w and path in w for w in built.warnings), built.warnings
    for output in ("email.html", "email.txt"):
        assert "A photo that is not there" not in built.read(output), output


def test_a_refused_image_is_named_by_its_source_with_what_to_do(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A picture kept in the text as data that shows no picture (cut short: here only a
    PNG's first bytes) is named as damaged, and nothing of it is saved; one on the web is
    to be saved as a file of documents/."""
    pool = tmp_path / "documents"
    pool.mkdir()
    path = pool / "refused.md"
    path.write_text(
        "Before.\n\n![A pixel](data:image/png;base64,iVBORw0KGgo=)\n\n"
        "![Remote](https://tracker.example/p.gif)\n\nAfter.\n"
    )
    with caplog.at_level(logging.WARNING, logger="publisher"):
        doc = read_document(path, "refused", pool, "en")
    warnings = [r.getMessage() for r in caplog.records]
    data, remote = sorted(warnings)
    assert data.startswith(f"{path}:3: ") and remote.startswith(f"{path}:5: ")  # the lines
    assert data.endswith(
        "image 'data:image/png;base64,iVBORw0KGgo=' left out: its data is damaged or cut"
        " short, and shows no picture"
    )
    assert not (pool / "media").exists()
    assert remote.endswith(
        "image 'https://tracker.example/p.gif' left out: pictures are not fetched from the"
        " web: download it into documents/ and link it by its name"
    )
    assert "''" not in " ".join(warnings)
    assert doc.body_html.split() == ["<p>Before.</p>", "<p>After.</p>"]


def test_an_image_the_email_cannot_read_leaves_its_figure_out(tmp_path: Path) -> None:
    from publisher.renderers.email.content import sized_images

    (tmp_path / "broken.png").write_bytes(b"not a picture")
    body = (
        '<figure><img src="broken.png" alt="A poster"><figcaption>A poster</figcaption></figure>'
        '<p>Text <img src="broken.png" alt="inline"> goes on.</p>'
    )
    shown = sized_images(body, tmp_path, "https://example.org/media/", tmp_path / "a.md")
    assert shown == "<p>Text  goes on.</p>"


def test_a_paragraph_of_many_spaced_quotes_is_curled_in_time_linear_in_its_length() -> None:
    """Leaving out the space after each opening quote once copied the rest of the paragraph:
    160,000 quotes took 20 s."""
    finishes_within(
        10,
        "from publisher.typography import curl_quotes",
        "out = curl_quotes('<p>' + '\" a \" ' * 160_000 + '</p>', 'en')",
        "assert out.startswith('<p>“a” “a”') and out.count('“a”') == 160_000",
    )


@pytest.mark.parametrize(
    ("typed", "language", "shown"),
    [
        ("Nobody should work two jobs", "en", "“Nobody should work two jobs”"),
        ("Non au plan", "fr", f"«{NNBSP}Non au plan{NNBSP}»"),
        ("نان، کار، آزادی", "fa", "«نان، کار، آزادی»"),
        ('"Nobody should work two jobs"', "en", "“Nobody should work two jobs”"),  # typed: once
        ("« Non au plan »", "fr", f"«{NNBSP}Non au plan{NNBSP}»"),  # French's spaces
        ("Non au plan!", "fr", f"«{NNBSP}Non au plan{NNBSP}!{NNBSP}»"),
    ],
)
def test_a_pull_quote_stands_in_its_languages_marks_once(
    typed: str, language: str, shown: str
) -> None:
    assert in_quotes(typed, language) == shown
