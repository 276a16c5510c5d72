"""Tags as editors write them: each different tag has a page of its own (C++ and C# are not
C), and a string of tags separated by commas is several tags, as Pelican reads it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import lxml.html
import pypandoc
import pytest
from playwright.sync_api import Page
from test_office_contents import edited

from publisher.build import build
from publisher.model import Document
from publisher.readers import read_document
from publisher.urls import tag_path


def read(path: Path) -> Document:
    return read_document(path, path.stem, path.parent, "en")


@pytest.mark.parametrize(
    ("tag", "path"),
    [
        ("C++", "tags/c-plus-plus/"),
        ("C#", "tags/c-sharp/"),
        ("C", "tags/c/"),
        ("F#", "tags/f-sharp/"),
        ("Notepad++", "tags/notepad-plus-plus/"),
        # ordinary tags keep the pages they had
        ("housing", "tags/housing/"),
        ("Tenants Union", "tags/tenants-union/"),
        ("Café", "tags/cafe/"),
        ("#MeToo", "tags/metoo/"),  # a hashtag's # is no sharp sign
        ("+1", "tags/1/"),
    ],
)
def test_a_tags_page_is_named_after_the_tag_as_said(tag: str, path: str) -> None:
    assert tag_path(tag) == path


def tagged(root: Path, first: str, second: str) -> Path:
    """The minimal workspace with its two articles tagged `first` and `second` (YAML)."""
    article = root / "documents" / "first-article.md"
    article.write_text(article.read_text().replace("tags: [test]", f"tags: [{first}]"))
    article = root / "documents" / "second-article.md"
    article.write_text(article.read_text().replace("date:", f"tags: [{second}]\ndate:"))
    return root


# Tags in scripts written without most vowels, which transliterate alike ("ml", "khr")
DIFFERENT_WORDS = [
    ("عمال", "عمل", "أمل"),  # Arabic: workers, work, hope
    ("کار", "کر"),  # Persian: work, deaf
    ("שביתה", "שבית"),  # Hebrew: strike, captivity
    ("✊", "✊🏽", "📣"),  # no letters at all
]


@pytest.mark.parametrize("words", DIFFERENT_WORDS, ids=["arabic", "persian", "hebrew", "emoji"])
def test_different_tags_in_any_script_have_different_pages(words: tuple[str, ...]) -> None:
    paths = [tag_path(word) for word in words]
    assert len(set(paths)) == len(words), paths
    assert all(path.isascii() and path.startswith("tags/") for path in paths)


@pytest.mark.parametrize(
    "spellings",
    [("عمال", "عُمّال"), ("أمل", "امل"), ("إضراب", "اضراب"), ("Housing", "housing")],
    ids=["vowel signs", "a hamza", "a hamza under", "case"],
)
def test_one_word_typed_two_ways_has_one_page(spellings: tuple[str, ...]) -> None:
    assert len({tag_path(spelling) for spelling in spellings}) == 1


def test_arabic_tags_that_transliterate_alike_each_list_their_own_articles(
    workspace: Callable[[str], Path],
) -> None:
    """عمال (workers), عمل (work) and أمل (hope) all transliterate as "ml": the three
    shared one topic page and one feed, titled by the first, without a warning."""
    root = tagged(workspace("minimal"), "عمال", "عمل")
    documents = root / "documents"
    (documents / "third-article.md").write_text(
        "---\ntitle: The third article\ntags: [أمل]\n---\n\nHope.\n"
    )
    manifest = root / "issues" / "001-first.yaml"
    manifest.write_text(manifest.read_text().replace("article]", "article, third-article]"))

    build(root, formats=["web", "feed"])

    dist = root / "dist"
    titles = {"عمال": "The first article", "عمل": "The second article", "أمل": "The third article"}
    for tag, title in titles.items():
        article = dist / "001-first" / title.lower().removeprefix("the ").replace(" ", "-")
        page = lxml.html.parse(str(article / "index.html")).getroot()
        (link,) = [a for a in page.iter("a") if a.text_content() == tag]
        topic = (article / link.get("href")).resolve()
        listing = lxml.html.parse(str(topic / "index.html")).getroot()
        assert f": {tag}" in (listing.findtext(".//title") or "")
        listed = [a.text_content() for a in listing.find(".//main").iter("a")]
        assert [words for words in listed if words.endswith("article")] == [title]
        assert (topic / "feed.atom").is_file()
    assert len(list((dist / "tags").glob("*/index.html"))) == 3


def test_c_plus_plus_and_c_sharp_each_have_their_own_page(
    workspace: Callable[[str], Path],
) -> None:
    root = tagged(workspace("minimal"), "C++", '"C#"')

    build(root, formats=["web"])

    dist = root / "dist"
    for folder, tag in (("c-plus-plus", "C++"), ("c-sharp", "C#")):
        page = lxml.html.parse(str(dist / "tags" / folder / "index.html")).getroot()
        assert f"Topic: {tag}" in page.findtext(".//title")
        listed = [a.text_content() for a in page.iter("a")]
        assert ("The first article" in listed) == (tag == "C++")
        assert ("The second article" in listed) == (tag == "C#")
    assert not (dist / "tags" / "c").exists()
    article = lxml.html.parse(str(dist / "001-first" / "first-article" / "index.html"))
    links = {a.text_content(): a.get("href") for a in article.iter("a")}
    assert links["C++"].endswith("tags/c-plus-plus/")


@pytest.mark.parametrize(
    ("written", "tags"),
    [
        ('housing, rent, "tenants union"', ("housing", "rent", "tenants union")),
        ("housing,rent", ("housing", "rent")),
        ('"Smith, Jones", pay', ("Smith, Jones", "pay")),  # a comma inside quotes stays
        ("tenants union", ("tenants union",)),  # no comma: one tag, spaces and all
    ],
)
def test_a_string_of_tags_is_split_on_commas(
    tmp_path: Path, written: str, tags: tuple[str, ...]
) -> None:
    path = tmp_path / "a.md"
    quoted = "'" + written.replace("'", "''") + "'"
    path.write_text(f"---\ntitle: T\ntags: {quoted}\n---\nBody\n", encoding="utf-8")
    assert read(path).tags == tags


def test_tags_written_unquoted_are_split_on_commas(tmp_path: Path) -> None:
    """Unquoted, as Jekyll and Pelican users write it: YAML reads one string."""
    path = tmp_path / "a.md"
    path.write_text(
        '---\ntitle: T\ntags: housing, rent, "tenants union"\ncategories: News, Housing\n'
        "---\nBody\n",
        encoding="utf-8",
    )
    assert read(path).tags == ("housing", "rent", "tenants union", "News")


def test_tags_written_in_two_cases_are_one_topic_listing_both_articles(
    workspace: Callable[[str], Path],
) -> None:
    """ "Housing" and "housing" have one page: each listing was written there in turn, and
    the articles of the one written first were on no topic page at all."""
    root = workspace("minimal")
    documents = root / "documents"
    first = documents / "first-article.md"
    first.write_text(first.read_text().replace("tags: [test]", "tags: [Housing]"))
    second = documents / "second-article.md"
    second.write_text(second.read_text().replace("date:", "tags: [housing]\ndate:"))

    build(root, formats=["web"])

    page = lxml.html.parse(str(root / "dist" / "tags" / "housing" / "index.html")).getroot()
    listed = [a.text_content() for a in page.iter("a")]
    assert "The first article" in listed and "The second article" in listed
    assert sorted(p.name for p in (root / "dist" / "tags").iterdir() if p.is_dir()) == ["housing"]


@pytest.mark.parametrize("suffix", ["docx", "odt"])
def test_an_office_files_keywords_are_its_tags_and_its_comments_its_summary(
    tmp_path: Path, suffix: str
) -> None:
    """File > Info's Tags and Comments in Word (Keywords and Comments in LibreOffice's
    properties), as the programs store them: Word the Tags as typed, Windows separating
    them with semicolons; LibreOffice one keyword each, or several in one as typed."""
    path = tmp_path / f"rent-strike.{suffix}"
    pypandoc.convert_text(
        "---\ntitle: Rent strike\nkeywords: [housing, Rent strike]\n"
        "description: Tenants of Block B withhold rent from 1 March.\n---\n\nWe withhold rent.\n",
        suffix,
        format="markdown",
        outputfile=str(path),
    )
    if suffix == "docx":  # as Windows Explorer writes the Tags it is given
        replace_in_zip(
            path, "docProps/core.xml", "housing, Rent strike", "housing; Rent strike; tenants"
        )
    else:  # as LibreOffice writes a keyword of its own
        replace_in_zip(
            path,
            "meta.xml",
            "<meta:keyword>housing, Rent strike</meta:keyword>",
            "<meta:keyword>housing, Rent strike</meta:keyword><meta:keyword>tenants</meta:keyword>",
        )
    document = read(path)
    assert document.tags == ("housing", "Rent strike", "tenants")
    assert document.summary == "Tenants of Block B withhold rent from 1 March."


def replace_in_zip(path: Path, part: str, old: str, new: str) -> None:
    def replaced(text: str) -> str:
        assert old in text, text
        return text.replace(old, new)

    edited(path, part, replaced)


def test_invisible_characters_pasted_from_word_are_no_part_of_a_tag_title_or_name(
    tmp_path: Path,
) -> None:
    """Word and web pages leave a zero-width space or a soft hyphen in copied words, which no
    one sees: "​ rent" was a tag of its own, beside "rent". Farsi's zero-width non-joiner is
    its spelling ("می‌خواهیم"), and stays."""
    path = tmp_path / "a.md"
    path.write_text(
        "---\ntitle: 'Rent strike\u200b at Hill\u00adside'\nauthors: ['\u200bAna Ruiz\u00ad']\n"
        "tags: [housing,\u200b rent, \u200bhousing, 'می\u200cخواهیم']\n---\n"
        "Body\n",
        encoding="utf-8",
    )
    document = read(path)
    assert document.title == "Rent strike at Hillside"
    assert document.authors == ("Ana Ruiz",)
    assert document.tags == ("housing", "rent", "می\u200cخواهیم")


def test_a_direction_mark_pasted_into_a_latin_title_is_left_out_and_kept_beside_arabic(
    tmp_path: Path,
) -> None:
    """A left-to-right or right-to-left mark (U+200E, U+200F) copied from a web page or a
    chat changes nothing in a title with no right-to-left letters, and reached the page's
    <title>, headings and feeds as an unseen character. Beside Arabic it orders the words."""
    latin = tmp_path / "cleaners.txt"
    latin.write_text("Cleaners\u00ad win\u200e their\u200b claim\u200f\n\nThey won.\n")
    assert read(latin).title == "Cleaners win their claim"
    mixed = tmp_path / "mixed.md"
    mixed.write_text("---\ntitle: 'إضراب\u200f ILO\u200e 2026'\n---\nBody\n", encoding="utf-8")
    assert read(mixed).title == "إضراب\u200f ILO\u200e 2026"


COUNT_AFTER_TAG = """tag => {
    const item = [...document.querySelectorAll(".tag-list li")]
        .find(li => li.textContent.includes(tag));
    const link = item.querySelector("a");
    const count = document.createRange();
    count.setStart(item.lastChild, item.lastChild.data.indexOf("("));
    count.setEnd(item.lastChild, item.lastChild.data.indexOf(")") + 1);
    return [link.getBoundingClientRect().right, count.getBoundingClientRect().left];
}"""


def test_an_arabic_or_farsi_topic_says_its_language_and_keeps_its_count_after_it(
    workspace: Callable[[str], Path], page: Page
) -> None:
    """On the English site's Topics page an Arabic topic read "(1) إضرابات", its count
    drawn before it, and every page spoke it with the English voice. A topic is marked
    with the language of the article that names it, set apart in its own direction; one
    whose letters run the other way from its article's ("Berth 7" in an Arabic article)
    is set apart in its own direction, its language unsaid."""
    root = tagged(workspace("minimal"), "housing", "همبستگی")
    documents = root / "documents"
    second = documents / "second-article.md"
    second.write_text(second.read_text().replace("date:", "lang: fa\ndate:", 1))
    (documents / "idrab.md").write_text(
        "---\ntitle: إضراب عمال الميناء\nlang: ar\ntags: [إضرابات, Berth 7]\n---\n\nأضرب العمال.\n"
    )
    manifest = root / "issues" / "001-first.yaml"
    manifest.write_text(manifest.read_text().replace("article]", "article, idrab]"))
    build(root, formats=["web"])
    dist = root / "dist"

    def marks(file: Path, tag: str) -> tuple[str | None, str | None]:
        """The language and direction the words `tag` are read in on the page `file`."""
        page = lxml.html.parse(str(file)).getroot()
        (words,) = [e for e in page.find(".//main").iter() if (e.text or "").strip() == tag]
        lang = words.xpath("string(ancestor-or-self::*[@lang][1]/@lang)") or None
        isolated = words.xpath("ancestor-or-self::*[ancestor::main][@dir or self::bdi][1]")
        return lang, isolated[0].get("dir", "auto") if isolated else None

    topics = dist / "tags" / "index.html"
    assert marks(topics, "إضرابات") == ("ar", "rtl")
    assert marks(topics, "همبستگی") == ("fa", "rtl")
    assert marks(topics, "Berth 7") == ("en", "auto")
    assert marks(topics, "housing") == ("en", None)  # the site's own, as it was
    topic = dist / "tags" / tag_path("إضرابات").removeprefix("tags/") / "index.html"
    assert marks(topic, "إضرابات") == ("ar", "rtl")  # in the heading "Topic: إضرابات"
    assert marks(dist / "001-first" / "idrab" / "index.html", "إضرابات") == ("ar", "rtl")
    page.unroute_all()
    page.goto(topics.as_uri())
    for tag in ("إضرابات", "همبستگی", "Berth 7", "housing"):
        link_right, count_left = page.evaluate(COUNT_AFTER_TAG, tag)
        assert count_left > link_right, f"{tag}'s count is drawn before it"
