"""Interface strings and dates follow the issue's language, from translation catalogues, and
an Arabic issue is laid out right to left: on the web, in the email and in the EPUB."""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import lxml.etree
import lxml.html
import pytest
from babel.messages.pofile import read_po
from conftest import FIXED_EPOCH, WORKSPACES, copy_workspace
from validators import parse_eml

from publisher import i18n
from publisher.build import BuildReport, build
from publisher.templating import autonym

XHTML = "http://www.w3.org/1999/xhtml"
OPS = "http://www.idpf.org/2007/ops"
OPF = "http://www.idpf.org/2007/opf"

if TYPE_CHECKING:
    from playwright.sync_api import Browser


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> BuildReport:
    root = copy_workspace(WORKSPACES / "multilingual", tmp_path_factory.mktemp("multilingual"))
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", FIXED_EPOCH)
        return build(root, formats=["web", "email", "epub"])


def test_every_catalogue_translates_every_interface_string_with_its_placeholders() -> None:
    """Every catalogue there is. A translation's %(name)s placeholders are the original's:
    Babel's checks find one it does not have (KeyError as the page is made), not one left
    out (the address or title silently lost), which is compared here."""
    template = read_po((i18n.LOCALE_DIR / "publisher.pot").open("rb"))
    wanted = {m.id for m in template if m.id}
    catalogues = sorted(i18n.LOCALE_DIR.glob("*/LC_MESSAGES/publisher.po"))
    assert {path.parts[-3] for path in catalogues} >= {"es", "fr", "ar", "fa"}
    for path in catalogues:
        catalog = read_po(path.open("rb"), locale=path.parts[-3])
        translated = {m.id for m in catalog if m.id and m.string}
        assert wanted <= translated, (path, wanted - translated)
        assert [(m.id, errors) for m, errors in catalog.check()] == [], path
        for message in (m for m in catalog if m.id and m.string):
            placeholders = sorted(PLACEHOLDER.findall(message.id))
            assert sorted(PLACEHOLDER.findall(message.string)) == placeholders, (path, message.id)


PLACEHOLDER = re.compile(r"%\(\w+\)s")


def test_a_farsi_issue_speaks_farsi_right_to_left_and_is_not_warned_about(
    workspace: Callable[[str], Path], caplog: pytest.LogCaptureFixture
) -> None:
    root = workspace("minimal")
    settings = root / "publisher.toml"
    settings.write_text(settings.read_text().replace('language = "en"', 'language = "fa"'))
    with caplog.at_level("WARNING", logger="publisher"):
        report = build(root, formats=["web"])
    assert not [r for r in caplog.records if "not translated" in r.getMessage()]
    page = lxml.html.parse(str(report.out_dir / "001-first" / "index.html")).getroot()
    assert (page.get("lang"), page.get("dir")) == ("fa", "rtl")
    nav = [a.text_content() for a in page.xpath("//nav[@class='site-nav']/a")]
    assert nav[:3] == ["شماره‌ها", "موضوع‌ها", "زبان‌ها"]  # issues, topics, languages
    assert page.xpath("string(//h2[@id='contents-title'])") == "فهرست مطالب"
    summary = page.xpath("string(//meta[@name='description']/@content)")
    assert summary == "در این شماره: The first article؛ The second article"  # its semicolon


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "May 1, 2026"),
        ("en-GB", "1 May 2026"),
        ("es", "1 de mayo de 2026"),
        ("fr", "1 mai 2026"),
        ("ar", "1 مايو 2026"),
        ("fa", "۱۱ اردیبهشت ۱۴۰۵"),  # Iran's Solar Hijri calendar
        ("fa-AF", "۱ می ۲۰۲۶"),  # Afghanistan's months have other names: Gregorian, as CLDR's
        ("sr-Latn-XK", "1. maj 2026."),
        ("de-XX", "1. Mai 2026"),  # a region CLDR does not know: as its language writes it
        ("tlh", "May 1, 2026"),  # a language CLDR does not know: as the templates, in English
        ("x-private", "May 1, 2026"),
    ],
)
def test_dates_are_written_the_way_each_language_writes_them(language: str, expected: str) -> None:
    assert i18n.long_date(dt.date(2026, 5, 1), language) == expected


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (dt.date(2026, 11, 28), "۷ آذر ۱۴۰۵"),
        (dt.date(2026, 3, 20), "۲۹ اسفند ۱۴۰۴"),  # the last day of a common year
        (dt.date(2026, 3, 21), "۱ فروردین ۱۴۰۵"),  # Nowruz
        (dt.date(2025, 3, 20), "۳۰ اسفند ۱۴۰۳"),  # a leap year's last day
        (dt.date(2026, 1, 20), "۳۰ دی ۱۴۰۴"),
    ],
)
def test_farsi_dates_are_written_in_irans_solar_calendar(day: dt.date, expected: str) -> None:
    """Iranian readers date their days in the Solar Hijri calendar ("۷ آذر ۱۴۰۵"), as their
    articles date events; the Gregorian "۲۸ نوامبر ۲۰۲۶" read as a foreign date. The
    expected days are counted by hand from Nowruz 1405, Saturday 21 March 2026."""
    assert i18n.long_date(day, "fa") == expected
    assert i18n.long_date(day, "fa-IR") == expected
    with i18n.interface_language("fa"):
        assert i18n.long_date(day) == expected


def test_a_farsi_newsletter_set_to_the_gregorian_calendar_dates_by_it(tmp_path: Path) -> None:
    """`calendar = "gregorian"` in publisher.toml: Farsi dates as before ("۲۸ نوامبر ۲۰۲۶"),
    for a newsletter whose readers date by it (the diaspora's, a union's abroad)."""
    statement = "---\ntitle: بیانیه\ndate: 2026-11-28\n---\n\nمتن.\n"
    dates = {}
    for calendar in ("", 'calendar = "gregorian"\n'):
        root = copy_workspace(WORKSPACES / "minimal", tmp_path / (calendar[:5] or "solar"))
        settings = root / "publisher.toml"
        toml = settings.read_text().replace('language = "en"', f'language = "fa"\n{calendar}')
        settings.write_text(toml)
        (root / "documents" / "bayan.md").write_text(statement, encoding="utf-8")
        manifest = root / "issues" / "001-first.yaml"
        manifest.write_text(manifest.read_text().replace("second-article]", "bayan]"))
        out = build(root, formats=["web", "feed", "email", "epub"]).out_dir
        page = lxml.html.parse(str(out / "001-first" / "bayan" / "index.html")).getroot()
        (time,) = page.xpath("//*[@class='byline']/time")
        assert time.get("datetime") == "2026-11-28"  # machine dates stay ISO 8601
        dates[calendar] = time.text_content()
        text = (out / "001-first" / "email.txt").read_text(encoding="utf-8")
        assert dates[calendar] in text
        assert "<updated>2026-01-10T" in (out / "feed.atom").read_text(encoding="utf-8")
        with zipfile.ZipFile(out / "001-first" / "001-first.epub") as epub:
            package = epub.read("EPUB/content.opf").decode()
        assert '<dc:date id="epub-date">2026-01-10</dc:date>' in package
    assert dates == {"": "۷ آذر ۱۴۰۵", 'calendar = "gregorian"\n': "۲۸ نوامبر ۲۰۲۶"}


@pytest.mark.parametrize(
    ("tag", "read_as"),
    [
        ("en-GB", "en"),
        ("en", "en"),
        ("es-419", "es"),  # Latin American Spanish
        ("pt_BR", "pt"),  # as Word and gettext spell it
        ("sr-Latn-RS", "sr-Latn"),  # a script is kept: Serbian in Latin letters is not Cyrillic
        ("zh-Hant", "zh-Hant"),
        ("ckb", "ckb"),
        ("x-private", "x"),
    ],
)
def test_regional_variants_are_read_as_their_language_but_scripts_stay_apart(
    tag: str, read_as: str
) -> None:
    """How the archive's language pages group articles (BCP 47: language-Script-REGION)."""
    assert i18n.reading_language(tag) == read_as


@pytest.mark.parametrize(
    ("code", "among", "shown"),
    [
        ("en-GB", ("en-GB", "es"), "English"),
        ("es", ("en-GB", "es"), "Español"),
        ("pt-BR", ("pt-BR", "pt-PT"), "Português (Brasil)"),  # two Portuguese: told apart
        ("pt-PT", ("pt-BR", "pt-PT"), "Português (Portugal)"),
        ("sr-Latn", ("sr-Cyrl", "sr-Latn"), "Srpski (latinica)"),
        ("fa", ("en", "fa"), "فارسی"),
        ("tlh", (), "tlh"),  # a language CLDR does not know: its code
    ],
)
def test_a_language_switcher_names_each_language_in_itself_and_its_region_only_to_tell_apart(
    code: str, among: tuple[str, ...], shown: str
) -> None:
    """Names as CLDR writes them in each language itself."""
    assert autonym(code, among) == shown


def test_a_newsletter_in_a_language_cldr_does_not_know_is_built_dated_in_english(
    tmp_path: Path,
) -> None:
    """Klingon is a language tag like any other; babel has no dates for it, and the build
    stopped on "an unexpected problem" (UnknownLocaleError) as it dated the issue."""
    root = copy_workspace(WORKSPACES / "minimal", tmp_path / "minimal")
    settings = root / "publisher.toml"
    settings.write_text(settings.read_text().replace('language = "en"', 'language = "tlh"'))
    report = build(root, formats=["email", "web"])
    page = (report.out_dir / "001-first" / "index.html").read_text(encoding="utf-8")
    assert 'lang="tlh"' in page and "January 10, 2026" in page


def test_an_article_in_english_is_dated_as_a_british_issue_dates_it() -> None:
    """The example's statement says `lang: en`; its newsletter is en-GB: "18 February
    2026", as the rest of the issue, not the American "February 18, 2026"."""
    with i18n.interface_language("en-GB"):
        assert i18n.long_date(dt.date(2026, 2, 18), "en") == "18 February 2026"
        assert i18n.long_date(dt.date(2026, 2, 18), "es") == "18 de febrero de 2026"
    with i18n.interface_language("es-MX"):
        assert i18n.long_date(dt.date(2026, 2, 18), "en") == "February 18, 2026"
    # A Spanish or Arabic edition of the en-GB newsletter dates it the newsletter's way too.
    for edition in ("es", "ar"):
        with i18n.interface_language(edition), i18n.newsletter_language("en-GB"):
            assert i18n.long_date(dt.date(2026, 2, 18), "en") == "18 February 2026"
    with i18n.interface_language("es"), i18n.newsletter_language("en-US"):
        assert i18n.long_date(dt.date(2026, 2, 18), "en") == "February 18, 2026"


def test_an_english_article_in_a_spanish_edition_is_dated_as_the_newsletter_dates_it(
    built_example: BuildReport,
) -> None:
    """The interview (`lang="en"`) left in English in the Spanish edition of the en-GB
    example: its page, the edition's page and email date it "24 February 2026", as the
    original's do, not the American "February 24, 2026"."""
    edition = built_example.out_dir / "041-no-poverty-pay" / "es"
    for page in ("interview-warehouse-steward/index.html", "index.html", "email.html"):
        html = (edition / page).read_text(encoding="utf-8")
        assert "24 February 2026" in html, page
        assert "February 24, 2026" not in html, page


def test_an_arabic_issue_page_speaks_arabic_and_reads_right_to_left(built: BuildReport) -> None:
    page = lxml.html.parse(str(built.out_dir / "012-tadamun" / "index.html")).getroot()
    assert (page.get("lang"), page.get("dir")) == ("ar", "rtl")
    nav = [a.text_content() for a in page.xpath("//nav[@class='site-nav']/a")]
    assert nav[:3] == ["الأعداد", "المواضيع", "اللغات"]
    assert page.xpath("string(//h2[@id='contents-title'])") == "المحتويات"
    assert "15 مايو 2026" in page.xpath("string(//p[@class='issue-meta'])")


def test_spanish_and_french_issue_pages_use_their_catalogues(built: BuildReport) -> None:
    spanish = lxml.html.parse(str(built.out_dir / "010-huelga" / "index.html")).getroot()
    assert spanish.xpath("string(//h2[@id='contents-title'])") == "Índice"
    assert spanish.xpath("string(//p[@class='issue-meta'])").startswith(
        "N.º 10 · 1 de mayo de 2026"
    )
    french = lxml.html.parse(str(built.out_dir / "011-solidarite" / "index.html")).getroot()
    assert french.xpath("string(//h2[@id='contents-title'])") == "Sommaire"


def test_a_french_issue_is_named_with_frances_space_before_the_colon(built: BuildReport) -> None:
    """French typography puts a space before a colon: "N° 11 : Solidarité internationale"."""
    page = lxml.html.parse(str(built.out_dir / "011-solidarite" / "index.html")).getroot()
    assert page.findtext(".//title").startswith("Solidarité internationale ·")
    subject = parse_eml(built.out_dir / "011-solidarite" / "email.eml")["Subject"]
    assert subject.endswith("N° 11 : Solidarité internationale"), subject
    downloads = page.xpath("//a[@download]/text()")
    assert "Télécharger EPUB" in downloads, downloads  # not "le EPUB": French elides "l'EPUB"
    epub = built.out_dir / "011-solidarite" / "011-solidarite.epub"
    size = f"{epub.stat().st_size / 1000:.1f}".replace(".", ",")
    assert f"({size}\u202fko)" in page.text_content()  # French writes "5,6 ko", not "5.6 kB"


def test_the_email_speaks_the_issues_language(built: BuildReport) -> None:
    message = parse_eml(built.out_dir / "010-huelga" / "email.eml")
    assert "N.º 10" in message["Subject"]
    html = message.get_body(("html",)).get_content()
    text = message.get_body(("plain",)).get_content()
    for phrase in ("En este número", "Leer «", "Darse de baja", "1 de mayo de 2026"):
        assert phrase in html, phrase
    assert "En este número" in text and "Darse de baja:" in text
    arabic = lxml.html.fromstring(
        parse_eml(built.out_dir / "012-tadamun" / "email.eml")
        .get_body(("html",))
        .get_content()
        .encode()
    )
    assert (arabic.get("lang"), arabic.get("dir")) == ("ar", "rtl")
    assert "إلغاء الاشتراك" in arabic.text_content()


def test_the_epub_colophon_speaks_the_issues_language(built: BuildReport) -> None:
    with zipfile.ZipFile(built.out_dir / "011-solidarite" / "011-solidarite.epub") as epub:
        text = " ".join(epub.read(n).decode() for n in epub.namelist() if n.endswith(".xhtml"))
    assert "À propos" in text and "Publié par Red de Trabajadores Portuarios" in text


def test_an_arabic_colophon_separates_the_issues_number_from_its_date_with_arabic_commas(
    built: BuildReport,
) -> None:
    with zipfile.ZipFile(built.out_dir / "012-tadamun" / "012-tadamun.epub") as epub:
        text = " ".join(epub.read(n).decode() for n in epub.namelist() if n.endswith(".xhtml"))
    assert "العدد 12، 15 مايو 2026." in text  # "،", not the Latin comma


def landmarks(epub_path: Path) -> dict[str, str]:
    """An EPUB's landmarks (an e-reader's "go to" menu): label by epub:type, each checked
    to lead to a file of the book."""
    with zipfile.ZipFile(epub_path) as epub:
        nav = lxml.etree.fromstring(epub.read("EPUB/nav.xhtml"))
        names = epub.namelist()
    links = nav.xpath("//x:nav[@id='landmarks']//x:a", namespaces={"x": XHTML})
    for link in links:
        target = link.get("href").split("#")[0]
        assert not target or f"EPUB/{target}" in names, target
    return {link.get(f"{{{OPS}}}type"): link.text for link in links}


@pytest.mark.parametrize(
    ("issue", "cover", "title_page", "contents"),
    [
        ("010-huelga", "Portada", "Portadilla", "Índice"),
        ("011-solidarite", "Couverture", "Page de titre", "Sommaire"),
        ("012-tadamun", "الغلاف", "صفحة العنوان", "المحتويات"),
    ],
    ids=["es", "fr", "ar"],
)
def test_the_epub_go_to_menu_speaks_the_issues_language(
    built: BuildReport, issue: str, cover: str, title_page: str, contents: str
) -> None:
    """pandoc names the landmarks in English in every book."""
    found = landmarks(built.out_dir / issue / f"{issue}.epub")
    assert found == {"cover": cover, "titlepage": title_page, "toc": contents}


@pytest.mark.parametrize(
    ("issue", "opening"),
    [
        ("010-huelga", "Una publicación de texto"),
        ("011-solidarite", "Une publication textuelle"),
        ("012-tadamun", "منشور نصي"),
    ],
    ids=["es", "fr", "ar"],
)
def test_the_epubs_accessibility_summary_is_in_the_issues_language(
    built: BuildReport, issue: str, opening: str
) -> None:
    """The summary a reading system reads out before the book was English under the book's
    xml:lang="es"."""
    with zipfile.ZipFile(built.out_dir / issue / f"{issue}.epub") as epub:
        package = lxml.etree.fromstring(epub.read("EPUB/content.opf"))
    summary = package.xpath(
        "string(//opf:meta[@property='schema:accessibilitySummary'])", namespaces={"opf": OPF}
    )
    assert summary.startswith(opening), summary


def test_the_cover_in_the_go_to_menu_of_a_spanish_edition(built_example: BuildReport) -> None:
    """Also in the EPUB 2 guide, which older readers go by (its contents keep the title)."""
    book = built_example.out_dir / "041-no-poverty-pay" / "es" / "041-no-poverty-pay.epub"
    assert landmarks(book) == {"titlepage": "Portadilla", "cover": "Portada", "toc": "Índice"}
    with zipfile.ZipFile(book) as epub:
        package = lxml.etree.fromstring(epub.read("EPUB/content.opf"))
    guide = package.xpath("//opf:guide/opf:reference", namespaces={"opf": OPF})
    titles = {r.get("type"): r.get("title") for r in guide}
    assert titles["cover"] == "Portada"
    assert titles["toc"].startswith("The Dockside Bulletin N.º 41")


def test_the_arabic_page_is_laid_out_right_to_left_in_a_browser(
    built: BuildReport, browser: Browser
) -> None:
    from test_web_browser import ARTIFACTS

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page = browser.new_page(viewport={"width": 375, "height": 800})
    page.goto((built.out_dir / "012-tadamun" / "index.html").as_uri())
    page.screenshot(path=ARTIFACTS / "arabic-interface-375.png", full_page=True)
    layout = page.evaluate(
        """() => {
            const title = document.querySelector('.site-title a').getBoundingClientRect();
            return {direction: getComputedStyle(document.documentElement).direction,
                    titleRight: title.right, titleLeft: title.left,
                    body: document.querySelector('main').getBoundingClientRect().right,
                    overflow: document.documentElement.scrollWidth - innerWidth};
        }"""
    )
    page.close()
    assert layout["direction"] == "rtl"
    assert abs(layout["titleRight"] - layout["body"]) < 2  # the site title starts at the right
    assert layout["overflow"] <= 0


@pytest.mark.parametrize(
    ("language", "newsletter", "expected"),
    [
        ("ar", "en", "ar_EG"),
        ("fa", "en", "fa_IR"),
        ("es", "en-GB", "es_ES"),
        ("en", "en-GB", "en_GB"),  # the newsletter's region for its own language
        ("en", "es", "en_US"),
        ("pt-BR", "en", "pt_BR"),
        ("sr-Latn", "en", "sr_RS"),
        ("es-419", "en", "es_ES"),  # Open Graph names countries, not Latin America
    ],
)
def test_open_graph_locales_name_a_territory(language: str, newsletter: str, expected: str) -> None:
    assert i18n.open_graph_locale(language, newsletter) == expected
