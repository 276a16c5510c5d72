"""A Hugo site's content/ copied into documents/ builds as Hugo would show it: its `ref`
and `relref` shortcodes lead to the article they name, resolved as Hugo resolves them (from
the content root, with or without a leading slash or an extension, a bare file name
searched, a bundle by its folder); a folder named by a language (`fr/`) holds that
language's translations, and `translationKey` joins translations; a translation marked as
a draft is said to be one."""

from __future__ import annotations

import datetime as dt
import logging
import shutil
from pathlib import Path

import lxml.html
import pytest
from click.testing import CliRunner
from conftest import WORKSPACES

from publisher.build import build
from publisher.cli import main
from publisher.errors import PublisherError
from publisher.pool import DocumentPool
from publisher.readers import read_document
from publisher.translations import Translation, find_translations

SITE = "https://minimal.example.org/"
ISSUE = "001-first"

RENT_STRIKE = """\
+++
title = "Rent strike"
+++

From the root [one]({{< ref "posts/first-meeting.md" >}}).
With a slash [two]({{< ref "/posts/first-meeting.md" >}}).
Beside it [three]({{< relref "first-meeting.md" >}}).
Without an extension [four]({{< ref "posts/first-meeting" >}}).
A bare name [five]({{< ref "first-meeting" >}}).
An anchor [six]({{< relref "/posts/first-meeting.md#agenda" >}}).
As HTML <a href="{{< relref "posts/first-meeting" >}}">seven</a>.

Nowhere [eight]({{< ref "posts/no-such-meeting.md" >}}).
"""
FIRST_MEETING = """\
---
title: First meeting
translationKey: first-meeting
---
Back to [the strike]({{< ref "/posts/rent-strike" >}}).

## Agenda

Rent.
"""
FIRST_MEETING_FR = """\
---
title: Première réunion
translationKey: first-meeting
---
Retour à [la grève]({{< ref "/posts/rent-strike" >}}).
"""


def workspace(
    root: Path,
    files: dict[str, str],
    manifest_extra: str = "",
    documents: str = "rent-strike, posts/first-meeting",
) -> Path:
    """A workspace holding `files` in documents/ and one issue of `documents` (its two
    posts)."""
    (root / "issues").mkdir(parents=True)
    shutil.copy(WORKSPACES / "minimal" / "publisher.toml", root)  # base_url is SITE
    for name, text in files.items():
        path = root / "documents" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (root / "issues" / f"{ISSUE}.yaml").write_text(
        "number: 1\ntitle: First\ndate: 2026-03-05\nsections:\n  - title: News\n"
        f"    documents: [{documents}]\n" + manifest_extra,
        encoding="utf-8",
    )
    return root


HUGO = {
    "posts/rent-strike/index.md": RENT_STRIKE,
    "posts/first-meeting.md": FIRST_MEETING,
}


def links(path: Path) -> dict[str, str | None]:
    tree = lxml.html.fromstring(path.read_bytes())
    return {a.text_content(): a.get("href") for a in tree.iter("a") if a.text_content()}


@pytest.fixture(scope="module")
def hugo_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    """The web pages of the Hugo posts, and the build's warnings."""
    root = workspace(tmp_path_factory.mktemp("hugo") / "ws", HUGO)
    warnings: list[str] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            if record.levelno >= logging.WARNING:
                warnings.append(record.getMessage())

    logger = logging.getLogger("publisher")
    handler = Keep()
    logger.addHandler(handler)
    try:
        return build(root, formats=["web"]).out_dir, warnings
    finally:
        logger.removeHandler(handler)


MEETING = f"{SITE}{ISSUE}/first-meeting/"


def test_ref_and_relref_lead_to_the_article_as_hugo_resolves_them(
    hugo_site: tuple[Path, list[str]],
) -> None:
    found = links(hugo_site[0] / ISSUE / "rent-strike" / "index.html")
    wanted = ("one", "two", "three", "four", "five", "six", "seven")
    assert {words: found.get(words) for words in wanted} == {
        "one": MEETING,
        "two": MEETING,
        "three": MEETING,
        "four": MEETING,
        "five": MEETING,
        "six": MEETING + "#first-meeting-agenda",
        "seven": MEETING,
    }


def test_a_ref_from_the_content_root_leads_to_the_article_when_content_itself_was_copied(
    tmp_path: Path,
) -> None:
    """`ref "/posts/x"` names a page from Hugo's content root; copied with the content/
    folder itself (documents/content/posts/…), the root is no longer documents/. The article
    whose path ends so is the one it names, as for a bare relative path."""
    root = workspace(tmp_path / "ws", {f"content/{name}": text for name, text in HUGO.items()})
    manifest = root / "issues" / f"{ISSUE}.yaml"
    manifest.write_text(manifest.read_text().replace("posts/first-meeting]", "first-meeting]"))
    out = build(root, formats=["web"]).out_dir
    found = links(out / ISSUE / "rent-strike" / "index.html")
    assert (found["two"], found["six"]) == (MEETING, MEETING + "#first-meeting-agenda")
    back = links(out / ISSUE / "first-meeting" / "index.html")
    assert back["the strike"] == f"{SITE}{ISSUE}/rent-strike/"


def test_a_ref_to_a_page_bundle_by_its_folder_leads_to_its_page(
    hugo_site: tuple[Path, list[str]],
) -> None:
    found = links(hugo_site[0] / ISSUE / "first-meeting" / "index.html")
    assert found["the strike"] == f"{SITE}{ISSUE}/rent-strike/"


def test_a_ref_to_no_article_keeps_its_words_with_a_warning_naming_the_file_and_line(
    hugo_site: tuple[Path, list[str]],
) -> None:
    out, warnings = hugo_site
    page = out / ISSUE / "rent-strike" / "index.html"
    assert "eight" not in links(page)  # no link, not even one without an address
    assert "eight" in lxml.html.fromstring(page.read_bytes()).text_content()
    (warning,) = [w for w in warnings if "no-such-meeting" in w]
    assert "documents/posts/rent-strike/index.md:13: " in warning, warning


LANGUAGE_FOLDER = {
    **HUGO,
    "fr/posts/first-meeting.md": FIRST_MEETING_FR,
}


def test_a_document_in_a_language_folder_translates_the_one_at_the_same_path(
    tmp_path: Path,
) -> None:
    root = workspace(tmp_path / "ws", LANGUAGE_FOLDER)
    pool = DocumentPool.scan(root / "documents")
    assert find_translations(pool) == {
        Path("posts/first-meeting.md"): {
            "fr": Translation(
                Path("posts/first-meeting.md"), "fr", Path("fr/posts/first-meeting.md"), ""
            )
        }
    }


def test_the_french_edition_publishes_the_language_folders_article_in_french(
    tmp_path: Path,
) -> None:
    root = workspace(tmp_path / "ws", LANGUAGE_FOLDER, "editions: [fr]\n")
    out = build(root, formats=["web"]).out_dir
    tree = lxml.html.fromstring((out / ISSUE / "fr" / "first-meeting" / "index.html").read_bytes())
    [article] = tree.xpath("//article[@id='first-meeting']")
    assert article.get("lang") == "fr"
    assert "Nous nous sommes réunis" not in article.text_content()  # the original is English
    assert "Retour à" in article.text_content()
    strike = links(out / ISSUE / "fr" / "first-meeting" / "index.html")["la grève"]
    assert strike == f"{SITE}{ISSUE}/fr/rent-strike/"
    listed = CliRunner().invoke(main, ["-C", str(root), "list", "--translations"])
    assert "edition fr: 1 of 2 ready" in listed.output, listed.output


def test_a_document_of_a_language_folder_listed_itself_is_in_that_language(
    tmp_path: Path,
) -> None:
    root = workspace(
        tmp_path / "ws",
        {"fr/posts/first-meeting.md": FIRST_MEETING_FR, **HUGO},
        documents="rent-strike, fr/posts/first-meeting",
    )
    out = build(root, formats=["web"]).out_dir
    tree = lxml.html.fromstring((out / ISSUE / "first-meeting" / "index.html").read_bytes())
    [article] = tree.xpath("//article[@id='first-meeting']")
    assert article.get("lang") == "fr"


def test_a_folder_named_like_a_language_that_mirrors_nothing_is_no_language(
    tmp_path: Path,
) -> None:
    """A union's `uk/` (United Kingdom) folder of its own documents is not Ukrainian: only
    a folder holding documents at paths also found outside it is a language folder."""
    uk_news = "---\ntitle: Strike at the depot\n---\nThe depot in Leeds is out.\n"
    root = workspace(
        tmp_path / "ws", {"uk/depot.md": uk_news, **HUGO}, documents="rent-strike, uk/depot"
    )
    out = build(root, formats=["web"]).out_dir
    tree = lxml.html.fromstring((out / ISSUE / "depot" / "index.html").read_bytes())
    [article] = tree.xpath("//article[@id='depot']")
    assert article.get("lang") in (None, "en")


def test_translation_key_joins_a_translation_named_otherwise(tmp_path: Path) -> None:
    files = {**HUGO, "fr/posts/premiere-reunion.md": FIRST_MEETING_FR}
    root = workspace(tmp_path / "ws", files, "editions: [fr]\n")
    pool = DocumentPool.scan(root / "documents")
    (translation,) = find_translations(pool)[Path("posts/first-meeting.md")].values()
    assert (translation.language, translation.path) == ("fr", Path("fr/posts/premiere-reunion.md"))
    out = build(root, formats=["web"]).out_dir
    tree = lxml.html.fromstring((out / ISSUE / "fr" / "first-meeting" / "index.html").read_bytes())
    [article] = tree.xpath("//article[@id='first-meeting']")
    assert (article.get("lang"), "Retour à" in article.text_content()) == ("fr", True)
    # the untranslated strike's ref to first-meeting leads to the French page
    strike = links(out / ISSUE / "fr" / "rent-strike" / "index.html")
    assert strike["one"] == f"{SITE}{ISSUE}/fr/first-meeting/"


def test_a_translation_key_shared_by_two_documents_without_a_language_is_a_problem(
    tmp_path: Path,
) -> None:
    files = {
        "posts/first-meeting.md": FIRST_MEETING,
        "posts/premiere-reunion.md": FIRST_MEETING_FR,  # no language in its path
    }
    root = workspace(tmp_path / "ws", files)
    with pytest.raises(PublisherError) as caught:
        find_translations(DocumentPool.scan(root / "documents"))
    (problem,) = caught.value.problems
    assert "first-meeting" in problem.message and "premiere-reunion.md" in problem.message
    assert (problem.file, problem.line) == (root / "documents/posts/premiere-reunion.md", 3)


DRAFT_FR = '+++\ntitle = "Grève des loyers"\ndraft = true\n+++\nBrouillon.\n'


def test_list_says_a_draft_translation_is_a_draft_not_ready(tmp_path: Path) -> None:
    files = {**HUGO, "posts/rent-strike/index.fr.md": DRAFT_FR}
    root = workspace(tmp_path / "ws", files, "editions: [fr]\n")
    result = CliRunner().invoke(main, ["-C", str(root), "list", "--translations"])
    assert result.exit_code == 0, result.output
    assert "edition fr: 0 of 2 ready" in result.output, result.output
    (line,) = [line for line in result.output.splitlines() if "rent-strike " in line]
    assert line.split()[1] == "draft", line


def test_the_build_says_why_an_article_with_a_draft_translation_is_shown_untranslated(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    files = {**HUGO, "posts/rent-strike/index.fr.md": DRAFT_FR}
    root = workspace(tmp_path / "ws", files, "editions: [fr]\n")
    with caplog.at_level(logging.INFO, logger="publisher"):
        build(root, formats=["web"])
    said = [r.getMessage() for r in caplog.records if "index.fr.md" in r.getMessage()]
    assert len(said) == 1 and "draft" in said[0], said
    assert "posts/rent-strike/index.md" in said[0], said


PARAMS = """\
+++
title = "Rent strike"
date = 2026-03-05
[params]
  author = "Ana Ruiz"
  summary = "Forty households stop paying."
  mood = "determined"
+++
Forty households withheld their rent.
"""


def test_a_pages_own_fields_under_hugos_params_table_are_read(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Since Hugo 0.123 a page's own fields go under `params`: the author is the byline,
    the summary the description, and what publisher does not read stays for templates."""
    root = workspace(tmp_path / "ws", {**HUGO, "posts/rent-strike/index.md": PARAMS})
    with caplog.at_level(logging.INFO, logger="publisher"):
        out = build(root, formats=["web"]).out_dir
    page = lxml.html.parse(str(out / ISSUE / "rent-strike" / "index.html")).getroot()
    assert page.xpath("string(//p[@class='byline']//*[@class='authors'])") == "Ana Ruiz"
    description = page.xpath("string(//meta[@name='description']/@content)")
    assert description == "Forty households stop paying."
    unused = [r.getMessage() for r in caplog.records if "does not use" in r.getMessage()]
    assert unused and all("params" in said and "author" not in said for said in unused), unused


def test_a_wrong_value_under_params_is_named_at_its_own_line(tmp_path: Path) -> None:
    wrong = PARAMS.replace(
        '  author = "Ana Ruiz"\n', '  author = "Ana Ruiz"\n  lang = "Klingonish"\n'
    )
    root = workspace(tmp_path / "ws", {**HUGO, "posts/rent-strike/index.md": wrong})
    with pytest.raises(PublisherError) as caught:
        build(root, formats=["web"])
    (problem,) = caught.value.problems
    assert (problem.file.name, problem.line) == ("index.md", 6), problem


CAPITALISED = """\
---
Title: "Rent strike"
Date: 2026-03-05
Tags: [housing]
Summary: "Forty households stop paying."
---
Forty households withheld their rent.
"""


def test_front_matter_keys_in_capitals_are_read_as_hugo_reads_them(tmp_path: Path) -> None:
    """Hugo reads `Title:` as `title:`: a site written so built there, and here its posts
    were titled by their file names, undated and untagged, with a typo warning each."""
    root = workspace(tmp_path / "ws", {**HUGO, "posts/rent-strike/index.md": CAPITALISED})
    out = build(root, formats=["web"]).out_dir
    page = lxml.html.parse(str(out / ISSUE / "rent-strike" / "index.html")).getroot()
    assert page.xpath("string(//h1)").strip() == "Rent strike"
    assert page.xpath("string(//time/@datetime)") == "2026-03-05"
    assert page.xpath("string(//meta[@name='description']/@content)") == (
        "Forty households stop paying."
    )
    assert page.xpath("//p[@class='tags']//a/text()") == ["housing"]


def test_a_wrong_value_under_a_capitalised_key_is_named_at_its_line(tmp_path: Path) -> None:
    wrong = CAPITALISED.replace("Tags: [housing]\n", "Tags: [housing]\nLang: Klingonish\n")
    root = workspace(tmp_path / "ws", {**HUGO, "posts/rent-strike/index.md": wrong})
    with pytest.raises(PublisherError) as caught:
        build(root, formats=["web"])
    (problem,) = caught.value.problems
    assert (problem.file.name, problem.line) == ("index.md", 5), problem
    assert "Klingonish" in problem.message


MARCH_EN = """\
---
title: "Thousands march for housing"
date: 2024-05-12
translationKey: march-2024
---
More than 5,000 people marched through the city centre on Saturday.
"""
MARCH_ES = """\
---
title: "Miles de personas marchan por la vivienda"
date: 2024-05-12
translationKey: march-2024
---
Más de 5.000 personas marcharon por el centro el sábado.
"""
MARCH_FR = """\
---
title: "Des milliers de personnes manifestent pour le logement"
date: 2024-05-12
translationKey: march-2024
---
Plus de 5 000 personnes ont défilé samedi dans le centre-ville.
"""


@pytest.mark.parametrize("copied_as", ["", "content/"])
def test_every_language_in_its_own_folder_pairs_the_translations_of_a_translation_key(
    tmp_path: Path, copied_as: str
) -> None:
    """Hugo's `contentDir` per language (content/en/, content/es/, content/fr/), copied
    with or without content/ itself: the document in the newsletter's language, which the
    issue names, is the original; the others, each in its folder's language, translate it."""
    files = {
        f"{copied_as}en/news/housing-march.md": MARCH_EN,
        f"{copied_as}es/news/marcha-vivienda.md": MARCH_ES,
        f"{copied_as}fr/news/marche-logement.md": MARCH_FR,
    }
    root = workspace(tmp_path / "ws", files, "editions: [es, fr]\n", documents="housing-march")
    listed = CliRunner().invoke(main, ["-C", str(root), "list", "--translations"])
    assert "edition es: 1 of 1 ready" in listed.output, listed.output
    assert "edition fr: 1 of 1 ready" in listed.output, listed.output
    out = build(root, formats=["web"]).out_dir
    for language, words in (("es", "Más de 5.000"), ("fr", "Plus de 5 000")):
        page = out / ISSUE / language / "housing-march" / "index.html"
        [article] = lxml.html.fromstring(page.read_bytes()).xpath("//article")
        assert (article.get("lang"), words in article.text_content()) == (language, True)


SAME_EN = "---\ntitle: Same path post\n---\nEnglish.\n"
SAME_ES = "---\ntitle: Mismo camino\n---\nEspañol.\n"


HUGO_CONTENT_DIRS = (
    '[languages.en]\ncontentDir = "content/en"\n[languages.es]\ncontentDir = "content/es"\n'
)


@pytest.mark.parametrize(
    ("english", "spanish", "config"),
    [
        ("en/posts/same.md", "es/posts/same.md", {}),
        ("content/en/posts/same.md", "content/es/posts/same.md", {}),
        (
            "s/content/en/posts/same.md",
            "s/content/es/posts/same.md",
            {"s/hugo.toml": HUGO_CONTENT_DIRS},
        ),
        ("posts/same.md", "es/posts/same.md", {}),  # Hugo's translation by content directory
    ],
)
def test_documents_at_one_path_in_each_languages_folder_are_translations_of_each_other(
    tmp_path: Path, english: str, spanish: str, config: dict[str, str]
) -> None:
    """Hugo's `contentDir` per language, each language's post at the same path
    (content/en/posts/same.md, content/es/posts/same.md), no translationKey: Hugo takes
    them for translations. The issue naming `same` stopped ("matches several documents"),
    and named by its path the Spanish edition showed the English text as untranslated."""
    files = {**config, english: SAME_EN, spanish: SAME_ES}
    root = workspace(tmp_path / "ws", files, "editions: [es]\n", documents="same")
    listed = CliRunner().invoke(main, ["-C", str(root), "list", "--translations"])
    assert "edition es: 1 of 1 ready" in listed.output, listed.output
    out = build(root, formats=["web"]).out_dir
    for language, words in (("en", "English."), ("es", "Español.")):
        edition = "" if language == "en" else f"{language}/"
        page = out / ISSUE / f"{edition}same" / "index.html"
        [article] = lxml.html.fromstring(page.read_bytes()).xpath("//article")
        assert (article.get("lang"), article.text_content().count(words)) == (language, 1)


HOUSING_FA = """\
---
title: "مسکن: یک گزارش"
date: 2025-03-02
---
اجاره‌ها ۲۰ درصد افزایش یافت و مستأجران در میدان شهر گرد آمدند.
"""
HUGO_LANGUAGES = """\
defaultContentLanguage = "es"
[languages.es]
contentDir = "content/es"
[languages.fa]
contentDir = "content/fa"
"""


def test_a_document_in_a_language_folder_of_hugos_content_is_in_that_language(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A site whose every language has its own `contentDir` (content/es/, content/fa/),
    its posts named each in its language, shares no path between them: its folders were
    not taken as languages, a Spanish article was published as English (lang="en") and a
    Persian one said to be "read as Persian by its letters" on every build."""
    files = {
        "site/hugo.toml": HUGO_LANGUAGES,
        "site/content/es/posts/vivienda.md": MARCH_ES,
        "site/content/fa/posts/maskan.md": HOUSING_FA,
    }
    root = workspace(tmp_path / "ws", files, documents="vivienda, maskan")
    with caplog.at_level(logging.INFO, logger="publisher"):
        out = build(root, formats=["web"]).out_dir
    for slug, language in (("vivienda", "es"), ("maskan", "fa")):
        tree = lxml.html.fromstring((out / ISSUE / slug / "index.html").read_bytes())
        [article] = tree.xpath(f"//article[@id='{slug}']")
        assert article.get("lang") == language
    assert not [r.getMessage() for r in caplog.records if "by its letters" in r.getMessage()]


def test_a_content_folder_per_language_beside_the_newsletters_own_needs_no_configuration(
    tmp_path: Path,
) -> None:
    """content/en/ and content/es/ copied without the site's hugo.toml: the folder in the
    newsletter's own language says the others beside it are languages too."""
    english = "---\ntitle: Welcome\n---\n\nHello.\n"
    files = {"content/en/posts/welcome.md": english, "content/es/posts/vivienda.md": MARCH_ES}
    root = workspace(tmp_path / "ws", files, documents="welcome, vivienda")
    out = build(root, formats=["web"]).out_dir
    tree = lxml.html.fromstring((out / ISSUE / "vivienda" / "index.html").read_bytes())
    [article] = tree.xpath("//article[@id='vivienda']")
    assert article.get("lang") == "es"


def test_a_unions_uk_and_eu_news_in_content_are_not_ukrainian_or_basque(tmp_path: Path) -> None:
    """`content/uk/` and `content/eu/` of an English newsletter's own (its UK and EU news),
    with no Hugo configuration naming them as languages' content folders: their articles
    were published as Ukrainian and Basque (lang="uk", "1 березня 2026 р.")."""
    news = "---\ntitle: Pay talks resume\ndate: 2026-03-01\n---\n\nPay talks resumed on Monday.\n"
    files = {"content/uk/pay-talks.md": news, "content/eu/platform-work.md": news}
    root = workspace(tmp_path / "ws", files, documents="pay-talks, platform-work")
    out = build(root, formats=["web"]).out_dir
    for slug in ("pay-talks", "platform-work"):
        tree = lxml.html.fromstring((out / ISSUE / slug / "index.html").read_bytes())
        [article] = tree.xpath(f"//article[@id='{slug}']")
        assert article.get("lang") in (None, "en"), slug


# A 1×1 PNG
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d4944415478da63f8cfc0f01f0005000201a1ea3e5a0000000049454e44ae426082"
)
BANNER = """\
---
title: Rally
---
{{< figure src="/images/rally-banner.png" caption="At the town hall" >}}

![Our rally banner](/images/rally-banner.png)

![Gone](/images/gone.png)

![Gone again](/images/gone.png)
"""


def test_a_picture_from_the_site_root_is_the_file_in_hugos_static_folder(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Hugo serves `/images/x.png` from the site's static/ folder (beside its hugo.toml);
    a picture that is not there is said to be missing where it was looked for."""
    pool = tmp_path / "documents"
    site = pool / "hugo-site"
    (site / "static" / "images").mkdir(parents=True)
    (site / "content" / "posts").mkdir(parents=True)
    (site / "hugo.toml").write_text('title = "Riverside"\n', encoding="utf-8")
    (site / "static" / "images" / "rally-banner.png").write_bytes(PNG)
    post = site / "content" / "posts" / "rally.md"
    post.write_text(BANNER, encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="publisher"):
        doc = read_document(post, "rally", pool, "en")
    assert doc.images == ("hugo-site/static/images/rally-banner.png",)
    assert doc.body_html.count('src="hugo-site/static/images/rally-banner.png"') == 2
    said = [r.getMessage() for r in caplog.records if "gone.png" in r.getMessage()]
    assert [message.split(": ")[0].rsplit("/")[-1] for message in said] == [
        "rally.md:8",
        "rally.md:10",
    ]
    assert "there is no file documents/hugo-site/static/images/gone.png" in said[0], said


def test_a_post_hugo_would_not_publish_on_the_issues_date_is_said_with_its_date(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Hugo leaves out a post whose `publishDate` is still to come, or whose `expiryDate`
    has passed; an issue of that date that lists it says so rather than publish it unsaid."""
    future = FIRST_MEETING.replace("translationKey", "publishDate: 2026-04-01\ntranslationKey")
    expired = RENT_STRIKE.replace(
        'title = "Rent strike"', 'title = "Rent strike"\nexpiryDate = 2026-02-01'
    )
    files = {"posts/rent-strike/index.md": expired, "posts/first-meeting.md": future}
    root = workspace(tmp_path / "ws", files)  # the issue is dated 2026-03-05
    with caplog.at_level(logging.WARNING, logger="publisher"):
        build(root, formats=["web"])
    said = [r.getMessage() for r in caplog.records if "Hugo" in r.getMessage()]
    assert any(
        "first-meeting.md:3: " in s and "publishDate 2026-04-01" in s and "2026-03-05" in s
        for s in said
    ), said
    assert any("index.md:3: " in s and "expiryDate 2026-02-01" in s for s in said), said


@pytest.mark.parametrize(
    ("config", "post", "served"),
    [
        # Astro: writing in src/content/, /images/x.png served from public/ beside src/
        ("astro.config.mjs", "src/content/blog/rally.md", "public/images/rally-banner.png"),
        # Docusaurus: from static/ beside docusaurus.config.js
        ("docusaurus.config.js", "blog/2026-03-01-rally.md", "static/images/rally-banner.png"),
    ],
)
def test_a_picture_from_the_site_root_is_where_astro_or_docusaurus_serves_it(
    tmp_path: Path, config: str, post: str, served: str
) -> None:
    pool = tmp_path / "documents"
    site = pool / "site"
    for name, data in ((config, b"export default {};\n"), (served, PNG)):
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_bytes(data)
    (site / post).parent.mkdir(parents=True, exist_ok=True)
    (site / post).write_text(
        "---\ntitle: Rally\n---\n\n![Our banner](/images/rally-banner.png)\n", encoding="utf-8"
    )
    doc = read_document(site / post, "rally", pool, "en")
    assert doc.images == (f"site/{served}",)


@pytest.mark.parametrize(
    ("lead", "picture"),
    [
        ("featured_image: cover.png", "posts/strike/cover.png"),
        ("images: [cover.png, other.png]", "posts/strike/cover.png"),
        ("params:\n  image: cover.png", "posts/strike/cover.png"),
        ("images: [/images/cover.png]", "static/images/cover.png"),  # from the site's root
    ],
)
def test_a_hugo_posts_lead_image_is_its_lead_image(tmp_path: Path, lead: str, picture: str) -> None:
    """Hugo's themes take a post's lead image from `featured_image` (Ananke) or the first of
    `images` (Hugo's own cards), often named from the site's root, served from static/:
    the picture was not shown, nor published, with no word but "kept for templates as
    doc.extra" (or, from the root, "only images inside documents/ are used")."""
    from PIL import Image

    strike = f"---\ntitle: Strike\n{lead}\n---\nWe walked out.\n"
    root = workspace(tmp_path / "ws", {**HUGO, "posts/strike/index.md": strike}, documents="strike")
    (root / "documents" / picture).parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (600, 400), (30, 90, 160)).save(root / "documents" / picture)
    out = build(root, formats=["web"]).out_dir
    page = lxml.html.fromstring((out / ISSUE / "strike" / "index.html").read_bytes())
    [article] = page.xpath("//article")
    shown = [src for src in article.xpath(".//img/@src") if "cover" in src]
    assert shown, lxml.html.tostring(article)
    assert all((out / ISSUE / "strike" / src).resolve().is_file() for src in shown), shown


LINKER = f"""\
---
title: Linker
---
The [full address]({SITE}posts/first-meeting/#agenda) of the meeting.

A [page gone]({SITE}posts/no-such-meeting/) from the old site.

The [issue]({SITE}{ISSUE}/) and [another site](https://example.net/posts/first-meeting/).
"""


def test_a_link_to_a_post_at_its_address_on_the_sites_own_host_leads_to_its_article(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A Hugo site moved to publisher keeps its domain (base_url's), and its posts link one
    another by their full address (https://our-site/posts/first-meeting/): such a link was
    kept as written, to a page the archive does not publish, unsaid. It now leads to the
    article as `/posts/first-meeting/` does; one naming no article of the site's folders
    is kept, with a warning at its line."""
    files = {**HUGO, "posts/linker.md": LINKER}
    root = workspace(tmp_path / "ws", files, documents="linker, posts/first-meeting")
    with caplog.at_level(logging.WARNING, logger="publisher"):
        out = build(root, formats=["web"]).out_dir
    found = links(out / ISSUE / "linker" / "index.html")
    assert found["full address"] == MEETING + "#first-meeting-agenda"
    assert found["page gone"] == f"{SITE}posts/no-such-meeting/"
    assert found["issue"] == f"{SITE}{ISSUE}/"
    assert found["another site"] == "https://example.net/posts/first-meeting/"
    said = [r.getMessage() for r in caplog.records if "linker.md" in r.getMessage()]
    assert len(said) == 1 and "linker.md:6: " in said[0], said
    assert "no-such-meeting" in said[0], said


@pytest.mark.parametrize(
    ("post", "alias", "redirected"),
    [
        ("content/en/posts/strike/index.md", "old-strike", "posts/old-strike"),
        ("posts/strike.md", "old-strike/", "posts/old-strike"),
        ("posts/strike.md", "../2019/strike", "2019/strike"),
        ("posts/strike.md", "/old-strike/", "old-strike"),  # from the site's root
    ],
)
def test_a_relative_alias_redirects_from_beside_the_page_as_in_hugo(
    tmp_path: Path, post: str, alias: str, redirected: str
) -> None:
    """Hugo resolves an alias that does not start with / from the folder of the page's
    address (`old-strike` of /posts/strike/ is /posts/old-strike/): its redirect was
    written at the site's root, /old-strike/, where no old link leads."""
    strike = f"---\ntitle: Strike\naliases: [{alias}]\n---\nWe walked out.\n"
    root = workspace(tmp_path / "ws", {post: strike}, documents="strike")
    out = build(root, formats=["web"]).out_dir
    tree = lxml.html.parse(str(out / redirected / "index.html")).getroot()
    refresh = tree.xpath("string(//meta[@http-equiv='refresh']/@content)")
    assert refresh.endswith(f"{ISSUE}/strike/"), refresh


OLD_SITE = {
    "site/hugo.toml": 'baseURL = "https://minimal.example.org/"\n',
    "site/content/posts/other.md": "---\ntitle: Other post\nslug: the-other\n---\nOther.\n",
    "site/content/meetings/march-meeting.md": "---\ntitle: March\nurl: /meetings/march/\n---\n.\n",
    "site/content/posts/Linker.md": f"""\
---
title: Linker
aliases: [/2019/old-linker/]
---
See [by slug](/posts/the-other/), [by url](/meetings/march/), [in full]({SITE}posts/the-other/)
and [by alias](/2019/old-linker/).
""",
}


def test_a_post_copied_from_a_hugo_site_keeps_its_hugo_address(tmp_path: Path) -> None:
    """A site moved from Hugo keeps its domain: its posts' addresses there (from their
    section and name, or `slug`, or `url`) had no redirect, and links written to them (as
    Hugo builds them), or to an old address a post keeps (`aliases`), led to no article,
    unlinked with a warning."""
    root = workspace(tmp_path / "ws", OLD_SITE, documents="linker, other, march-meeting")
    out = build(root, formats=["web"]).out_dir
    other, march = f"{SITE}{ISSUE}/other/", f"{SITE}{ISSUE}/march-meeting/"
    found = links(out / ISSUE / "linker" / "index.html")
    assert {words: found[words] for words in ("by slug", "by url", "in full", "by alias")} == {
        "by slug": other,
        "by url": march,
        "in full": other,
        "by alias": f"{SITE}{ISSUE}/linker/",
    }
    for old, page in [
        ("posts/the-other", other),
        ("meetings/march", march),
        ("posts/linker", f"{SITE}{ISSUE}/linker/"),  # Hugo's addresses are in lower case
    ]:
        tree = lxml.html.parse(str(out / old / "index.html")).getroot()
        refresh = tree.xpath("string(//meta[@http-equiv='refresh']/@content)")
        assert refresh.partition("url=")[2].endswith(page.removeprefix(SITE)), (old, refresh)
    assert not (out / "posts" / "other").exists()  # with a slug, Hugo gave it none there


PERMALINKED = {
    "site/content/posts/_index.md": "---\ntitle: Posts\n---\n",
    "site/content/posts/Rent Strike.md": "---\ntitle: Rent strike!\ndate: 2024-03-07\n---\nOn.\n",
    "site/content/posts/2024/_index.md": "---\ntitle: 2024\n---\n",
    "site/content/posts/2024/picket/index.md": (
        "---\ntitle: The picket\nslug: Picket Line\ndate: 2024-11-03T09:00:00Z\n---\nHeld.\n"
    ),
    "site/content/es/posts/huelga.md": "---\ntitle: ¡Huelga de alquileres!\ndate: 2024-03-08\n---\nSí.\n",
    "site/content/posts/archive/old.md": "---\ntitle: Old times\ndate: 2023-05-01\n---\nThen.\n",
    "site/content/about.md": "---\ntitle: About us\n---\nWho.\n",
}


@pytest.mark.parametrize(
    ("config", "written"),
    [
        ("hugo.toml", '[permalinks]\nposts = "/:year/:month/:slug/"\n'),  # before Hugo 0.112
        ("hugo.yaml", "permalinks:\n  page:\n    posts: /:year/:month/:slug/\n"),
        ("config/_default/permalinks.toml", '[page]\nposts = "/:year/:month/:slug/"\n'),
        ("config.json", '{"Permalinks": {"posts": "/:year/:month/:slug"}}'),
    ],
)
def test_a_hugo_sites_permalinks_give_its_posts_old_addresses(
    tmp_path: Path, config: str, written: str
) -> None:
    """A Hugo site with `permalinks` (posts = "/:year/:month/:slug/", in any of the places
    and forms Hugo reads it) had its posts at dated addresses: the archive redirected from
    /posts/<name>/, where no reader's bookmark led, and not from where they did."""
    files = {**PERMALINKED, f"site/{config}": written}
    root = workspace(tmp_path / "ws", files, documents="rent-strike, picket")
    pool = root / "documents"
    content = pool / "site" / "content"

    def addresses(path: Path) -> tuple[str, ...]:
        return read_document(path, path.stem, pool, "en").addresses

    assert addresses(content / "posts" / "Rent Strike.md") == ("/2024/03/rent-strike/",)
    # a slug is Hugo's `:slug`; a folder with an _index page is a section, not a pattern's
    assert addresses(content / "posts" / "2024" / "picket" / "index.md") == (
        "/2024/11/picket-line/",
    )
    assert addresses(content / "es" / "posts" / "huelga.md") == (
        "/es/2024/03/huelga-de-alquileres/",
        "/2024/03/huelga-de-alquileres/",
    )
    assert addresses(content / "about.md") == ("/about/",)  # no pattern for its section


def test_a_permalinked_posts_old_address_leads_to_its_page(tmp_path: Path) -> None:
    """`:sections` are the folders Hugo counts as sections: the top one, and one deeper
    with its own _index page; a page bundle's folder is the page's."""
    pattern = '[permalinks]\nposts = "/:sections/:year/:monthname/:title/"\n'
    files = {**PERMALINKED, "site/hugo.toml": pattern}
    root = workspace(tmp_path / "ws", files, documents="rent-strike, picket, old")
    out = build(root, formats=["web"]).out_dir
    for old, page in [
        ("posts/2024/march/rent-strike", "rent-strike"),
        ("posts/2024/2024/november/the-picket", "picket"),
        ("posts/2023/may/old-times", "old"),
    ]:
        tree = lxml.html.parse(str(out / old / "index.html")).getroot()
        refresh = tree.xpath("string(//meta[@http-equiv='refresh']/@content)")
        assert refresh.partition("url=")[2].endswith(f"{ISSUE}/{page}/"), (old, refresh)
    assert not (out / "posts" / "rent-strike").exists()  # Hugo put nothing there


def test_a_hugo_configuration_that_does_not_parse_is_named_and_the_default_addresses_kept(
    tmp_path: Path,
) -> None:
    from conftest import build_with_warnings

    files = {**PERMALINKED, "site/hugo.toml": '[permalinks]\nposts = "/:year/:slug/\n'}
    root = workspace(tmp_path / "ws", files, documents="rent-strike")
    out, warnings = build_with_warnings(root, ["web"])
    (said,) = [w for w in warnings if "hugo.toml" in w]
    assert said.startswith(f"{root / 'documents' / 'site' / 'hugo.toml'}:2: not valid TOML")
    assert "Hugo's default, /SECTION/NAME/" in said
    assert (out / "posts" / "rent-strike" / "index.html").is_file()


def test_a_change_to_the_sites_configuration_shows_in_the_next_build(tmp_path: Path) -> None:
    """A post's reading is kept between builds; its old address (`permalinks`) and the
    site's parameters it shows (`param`) come from hugo.toml, so a change there is read
    again: the next build redirected from the old pattern, and printed the old place."""
    files = {
        **PERMALINKED,
        "site/hugo.toml": '[permalinks]\nposts = "/:year/:slug/"\n[params]\nplace = "the docks"\n',
        "site/content/posts/Rent Strike.md": (
            "---\ntitle: Rent strike!\ndate: 2024-03-07\n---\nMeet at {{< param place >}}.\n"
        ),
    }
    root = workspace(tmp_path / "ws", files, documents="rent-strike")
    build(root, formats=["web"])
    config = root / "documents" / "site" / "hugo.toml"
    config.write_text('[permalinks]\nposts = "/news/:slug/"\n[params]\nplace = "the gates"\n')
    out = build(root, formats=["web"]).out_dir
    tree = lxml.html.parse(str(out / "news" / "rent-strike" / "index.html")).getroot()
    assert tree.xpath("string(//meta[@http-equiv='refresh']/@content)").endswith("rent-strike/")
    page = lxml.html.parse(str(out / ISSUE / "rent-strike" / "index.html")).getroot()
    assert "Meet at the gates." in page.text_content()


def test_a_zola_posts_internal_link_leads_to_the_post_it_names(tmp_path: Path) -> None:
    """Zola links a post by its path from content/ after `@/`: those links led nowhere,
    unlinked with a warning; they lead to the article, and to its heading."""
    files = {
        "site/config.toml": 'base_url = "https://example.org"\n',
        "site/content/blog/rally.md": (
            '+++\ntitle = "Rally"\n+++\n\nSee [the minutes](@/blog/minutes.md) and'
            " [the votes][v].\n\n[v]: @/blog/minutes.md#votes\n"
        ),
        "site/content/blog/minutes.md": '+++\ntitle = "Minutes"\n+++\n\n## Votes\n\nAll for.\n',
    }
    root = workspace(tmp_path / "ws", files, documents="rally, minutes")
    out = build(root, formats=["web"]).out_dir
    found = links(out / ISSUE / "rally" / "index.html")
    assert found["the minutes"] == f"{SITE}{ISSUE}/minutes/"
    assert found["the votes"] == f"{SITE}{ISSUE}/minutes/#minutes-votes"


def test_a_permalink_pattern_names_its_parts_as_hugo_does(tmp_path: Path) -> None:
    from publisher.readers.hugo_permalinks import HugoPage, permalink, urlize

    assert urlize("  Rent strike:  day 3 — ¡Sí! C++ & C#") == "rent-strike-day-3-sí-c++-c#"
    assert urlize("already-hyphened - word") == "already-hyphened-word"
    assert urlize("20%25 off, 100%") == "20%25-off-100"
    (tmp_path / "hugo.toml").write_text(
        "[permalinks]\nposts = '/:year/:month/:day/:weekday/:weekdayname/:yearday/:monthname"
        "/:section/:sections[1:]/:sections[last]/:sections[5]/:filename/:slugorfilename'\n"
    )
    page = HugoPage("T", "", dt.date(2024, 3, 10), "Rent Strike", ("posts", "2024"))
    assert permalink(tmp_path, page) == (  # a Sunday, the 70th day of a leap year
        "/2024/03/10/0/sunday/70/march/posts/2024/2024/rent-strike/rent-strike/"
    )
    undated = HugoPage("T", "", None, "x", ("posts",))
    assert permalink(tmp_path, undated) is None  # its address unknown: none is made up
    (tmp_path / "hugo.toml").write_text("[permalinks]\nposts = '/:year/:nosuchtoken/'\n")
    assert permalink(tmp_path, page) is None
