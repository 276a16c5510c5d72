"""Articles with tables, code, lists and mixed directions, read on a phone (375 px) and a
desktop in headless Chromium: the web page never scrolls sideways, the email keeps numbers
and words whole, a Markdown column's alignment reaches every output, an email excerpt keeps
the article's paragraphs and lists, and on a right-to-left page English words read in order.

The workspace is tests/workspaces/minimal with four documents written here (a rent table
with right-aligned figures, a French letter, an Arabic list of demands, pictures) in an
English issue and an Arabic one (`language: ar`).
"""

from __future__ import annotations

from pathlib import Path

import lxml.html
import pymupdf
import pytest
from conftest import FIXED_EPOCH, WORKSPACES, copy_workspace, show_page
from PIL import Image
from playwright.sync_api import Page

from publisher.build import BuildReport, build
from publisher.pandoc import markdown_to_html
from publisher.renderers.email.browser import show_email
from publisher.renderers.email.content import excerpt
from publisher.sanitize import clean_html

PHONE, DESKTOP = 375, 1280
ENGLISH, ARABIC = "001-first", "002-ar"
DESCRIPTION = "News and statements from our organisation."

RENT_TABLE = """\
| Ward | 2022 | 2023 | 2024 | 2025 | Change | Notes |
|------|-----:|-----:|-----:|-----:|-------:|-------|
| Quayside | £1,045 | £1,102 | £1,180 | £1,245 | +19.1% | Includes the new flats on the old timber yard, which were let at market rents from the start |
| Saltmarsh | £920 | £944 | £990 | £1,030 | +12.0% | |
| Harbour Hill | £1,300 | £1,390 | £1,460 | £1,550 | +19.2% | Survey covered fewer homes |
"""
FIGURES = ["£1,045", "£1,102", "£1,180", "£1,245", "+19.1%", "£920", "£1,550", "+19.2%"]
MEMBERS = ["Members", "12,480", "987", "6,302"]  # a right-aligned column: heading, figures

RENTS = f"""\
---
title: Rents by ward
date: 2026-01-08
---

Rents have risen in every ward.

{RENT_TABLE}
Members by branch:

| Branch | {MEMBERS[0]} |
|--------|--------:|
| Docks | {MEMBERS[1]} |
| Cleaners | {MEMBERS[2]} |
| Warehouses | {MEMBERS[3]} |

A table of many columns:

| A | B | C | D | E | F | G | H | I | J | K | L | M | N |
|---|---|---|---|---|---|---|---|---|---|---|---|---|---|
| one | two | three | four | five | six | seven | eight | nine | ten | eleven | twelve | thirteen | fourteen |

The command we ran:

```
publisher build 41 --page-size A5 --impose booklet --black-only --pdf-standard pdf/x-4 --force
```
"""

GREETING = "Chers camarades du réseau des dockers,"
LETTRE = f"""\
---
title: Déclaration de solidarité
date: 2026-01-09
lang: fr
---

{GREETING}

C’est avec une grande fierté que notre assemblée générale a adopté, à l’unanimité, la présente
déclaration de solidarité avec les travailleuses et les travailleurs du port.

Depuis plusieurs mois, nous suivons vos combats avec attention : la grève des nettoyeuses,
la lutte des locataires, et le refus des heures supplémentaires non payées sur les quais.
Nous savons ce que coûte une grève, et ce qu’elle rapporte.
"""

DEMANDS = ["دفع المكافآت المتأخرة", "إعادة العمال المفصولين", "زيادة الأجور بنسبة 20٪"]
DEMANDES = f"""\
---
title: "رسالة من عمال النسيج"
date: 2026-01-10
lang: ar
---

نطالب بـ 3 أمور:

1. {DEMANDS[0]}
2. {DEMANDS[1]}
3. {DEMANDS[2]}

نشكركم من أعماق قلوبنا على رسالتكم وتبرعاتكم.
"""

PICTURES = """\
---
title: Pictures of every shape
date: 2026-01-11
---

A large landscape picture:

![A wide blue picture](media/wide.png)

A small picture, 120 by 80 pixels:

![A small orange picture](media/small.png)

A final paragraph after the pictures.
"""

ISSUES = {
    ENGLISH: """\
number: 1
title: "Rents and letters"
date: 2026-01-12
sections:
  - title: News
    documents: [rents, lettre, demandes, pictures]
""",
    ARABIC: """\
number: 2
title: "العدد الثاني"
date: 2026-01-20
language: ar
sections:
  - title: "أخبار"
    documents: [demandes, rents]
""",
}


def write_workspace(root: Path, email_mode: str) -> Path:
    copy_workspace(WORKSPACES / "minimal", root)
    config = root / "publisher.toml"
    text = config.read_text().replace(
        'language = "en"', f'language = "en"\ndescription = "{DESCRIPTION}"'
    )
    config.write_text(text + f'mode = "{email_mode}"\n')  # [email] is the last table
    documents = root / "documents"
    for name, source in [
        ("rents", RENTS),
        ("lettre", LETTRE),
        ("demandes", DEMANDES),
        ("pictures", PICTURES),
    ]:
        (documents / f"{name}.md").write_text(source)
    (documents / "media").mkdir()
    Image.new("RGB", (1200, 600), "royalblue").save(documents / "media" / "wide.png")
    Image.new("RGB", (120, 80), "orange").save(documents / "media" / "small.png")
    for old in (root / "issues").iterdir():
        old.unlink()
    for slug, manifest in ISSUES.items():
        (root / "issues" / f"{slug}.yaml").write_text(manifest)
    return root


def build_workspace(
    tmp_path_factory: pytest.TempPathFactory, email_mode: str, formats: list[str]
) -> BuildReport:
    root = write_workspace(tmp_path_factory.mktemp(f"phones-{email_mode}"), email_mode)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", FIXED_EPOCH)
        return build(root, formats=formats)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> BuildReport:
    """Every article in full; the PDF for the figures' columns and the pages' downloads."""
    return build_workspace(tmp_path_factory, "full", ["pdf", "email", "web"])


@pytest.fixture(scope="module")
def excerpted(tmp_path_factory: pytest.TempPathFactory) -> BuildReport:
    return build_workspace(tmp_path_factory, "excerpt", ["email"])


def page_width(page: Page) -> int:
    width: int = page.evaluate("document.documentElement.scrollWidth")
    return width


CELL = "td:not(:has(table))"  # a table cell of the article, not one of MJML's around it


# --- a Markdown column's alignment, everywhere ---------------------------------------------


def cell_styles(markdown: str) -> list[str | None]:
    """The `style` of each cell of the first body row, after pandoc and the sanitiser."""
    tree = lxml.html.fragment_fromstring(
        clean_html(markdown_to_html(markdown, id_prefix="")), create_parent="div"
    )
    return [cell.get("style") for cell in tree.xpath("(.//tbody/tr)[1]/td")]


def test_a_markdown_columns_alignment_survives_the_sanitiser() -> None:
    table = "| left | right | centre | default |\n|:--|--:|:-:|---|\n| a | 1 | b | c |\n"
    assert cell_styles(table) == [
        "text-align: left",
        "text-align: right",
        "text-align: center",
        None,
    ]


def test_a_cells_style_keeps_its_alignment_and_nothing_else() -> None:
    kept = {
        "text-align: right;": "text-align: right",
        "TEXT-ALIGN:Center": "text-align: center",
        "width: 20%; text-align: right; background: url(https://tracker.example/x.png)": (
            "text-align: right"
        ),
        "position: fixed; top: 0; width: 100%; height: 100%": None,
        "text-align: expression(alert(1))": None,
        'text-align: right" onmouseover="alert(1)': None,
    }
    for style, expected in kept.items():
        cleaned = clean_html(f"<table><tr><td style='{style}'>1</td></tr></table>")
        (cell,) = lxml.html.fragment_fromstring(cleaned, create_parent="div").xpath(".//td")
        assert (cell.get("style"), set(cell.attrib) - {"style"}) == (expected, set()), style
    assert clean_html('<p style="text-align: right">x</p>') == "<p>x</p>"  # cells only


def test_right_aligned_figures_are_right_aligned_on_the_web_and_in_the_email(
    page: Page, built: BuildReport
) -> None:
    align = "e => getComputedStyle(e).textAlign"
    show_page(page, built.out_dir / ENGLISH / "rents" / "index.html", PHONE)
    for figure in FIGURES:
        assert page.locator(CELL, has_text=figure).first.evaluate(align) == "right", figure
    assert page.locator(CELL, has_text="Includes the new flats").evaluate(align) != "right"
    show_email(page, built.out_dir / ENGLISH / "email.html", 600)
    for figure in FIGURES:
        assert page.locator(CELL, has_text=figure).first.evaluate(align) == "right", figure


def test_right_aligned_figures_end_at_the_same_edge_in_the_pdf(built: BuildReport) -> None:
    with pymupdf.open(built.out_dir / ENGLISH / f"{ENGLISH}.pdf") as pdf:
        words = [word for page in pdf for word in page.get_text("words")]
    left = {word[4]: word[0] for word in words}
    right = {word[4]: word[2] for word in words}
    assert max(right[w] for w in MEMBERS) - min(right[w] for w in MEMBERS) < 1
    assert max(left[w] for w in MEMBERS) - min(left[w] for w in MEMBERS) > 3


# --- the web page on a phone ---------------------------------------------------------------


def box_of(page: Page, selector: str) -> list[dict]:
    """Where each element matching `selector` is drawn, and how far its content reaches."""
    boxes: list[dict] = page.eval_on_selector_all(
        selector,
        """elements => elements.map(e => {
            const box = e.getBoundingClientRect();
            return {left: box.left, right: box.right,
                    clientWidth: e.clientWidth, scrollWidth: e.scrollWidth};
        })""",
    )
    return boxes


@pytest.mark.parametrize("width", [PHONE, DESKTOP])
def test_a_wide_table_and_long_code_scroll_in_their_own_box_not_the_whole_page(
    page: Page, built: BuildReport, width: int
) -> None:
    show_page(page, built.out_dir / ENGLISH / "rents" / "index.html", width)
    assert page_width(page) <= width, f"the page scrolls sideways at {width} px"
    tables, code = box_of(page, "main [role=region]:has(table)"), box_of(page, "main pre")
    assert len(tables) == 3 and len(code) == 1
    for box in [*tables, *code]:
        assert box["left"] >= 0 and box["right"] <= width
    if width == PHONE:  # what does not fit scrolls inside its box
        many_columns, command = tables[2], code[0]
        assert many_columns["scrollWidth"] > many_columns["clientWidth"]
        assert command["scrollWidth"] > command["clientWidth"]


# --- the email: numbers and words whole ----------------------------------------------------

# Each whitespace-separated word in the article's table cells (not MJML's layout tables),
# and how many lines it is drawn on.
WORDS_IN_CELLS = """() => {
  const words = [];
  for (const cell of document.querySelectorAll('td, th')) {
    if (cell.closest('table').getAttribute('role') === 'presentation') continue;
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node; (node = walker.nextNode());) {
      for (const match of node.textContent.matchAll(/\\S+/g)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const tops = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
        words.push([match[0], tops.size]);
      }
    }
  }
  return words;
}"""


@pytest.mark.parametrize("width", [PHONE, 600])
def test_email_table_figures_and_short_words_are_never_broken_across_lines(
    page: Page, built: BuildReport, width: int
) -> None:
    email = built.out_dir / ENGLISH / "email.html"
    show_email(page, email, width)
    assert page_width(page) <= width, "the email scrolls sideways"
    lines_of: dict[str, set[int]] = {}
    for word, lines in page.evaluate(WORDS_IN_CELLS):
        lines_of.setdefault(word, set()).add(lines)
    assert set(FIGURES) <= set(lines_of)
    broken = {word: lines for word, lines in lines_of.items() if lines != {1}}
    assert broken == {}, f"broken across lines at {width} px"
    if width == PHONE:  # the long note still wraps, in its column: over two lines high
        (note,) = page.locator(CELL, has_text="Includes the new flats").all()
        assert note.evaluate("e => e.getBoundingClientRect().height") > 40


# --- email excerpts ------------------------------------------------------------------------


def excerpt_of(report: BuildReport, slug: str) -> lxml.html.HtmlElement:
    """The excerpted article's box in the email: its title's <div> in the article body."""
    tree = lxml.html.fromstring((report.out_dir / ENGLISH / "email.html").read_text())
    (title,) = tree.xpath(f"//h3[@id='{slug}']")
    return title.getparent()


def blocks(element: lxml.html.HtmlElement) -> list[str]:
    """The text of each paragraph and list item, as a reader sees them apart."""
    return [" ".join(e.text_content().split()) for e in element.xpath(".//p | .//li")]


def test_an_excerpt_keeps_the_greeting_apart_from_the_letter(excerpted: BuildReport) -> None:
    article = excerpt_of(excerpted, "lettre")
    paragraphs = [p for p in blocks(article) if p]
    assert GREETING in paragraphs
    assert paragraphs[paragraphs.index(GREETING) + 1].startswith("C’est avec une grande fierté")
    text = (excerpted.out_dir / ENGLISH / "email.txt").read_text()
    assert f"\n{GREETING}\n\nC’est avec" in text


def test_an_excerpt_keeps_a_short_list_as_a_list(excerpted: BuildReport) -> None:
    article = excerpt_of(excerpted, "demandes")
    assert [" ".join(li.text_content().split()) for li in article.xpath(".//ol/li")] == DEMANDS
    assert "نطالب بـ 3 أمور:" in blocks(article)
    text = (excerpted.out_dir / ENGLISH / "email.txt").read_text()
    for number, demand in enumerate(DEMANDS, 1):
        assert f"{number}.  {demand}" in text


def test_an_excerpt_never_runs_two_paragraphs_together(excerpted: BuildReport) -> None:
    article = excerpt_of(excerpted, "pictures")
    for block in blocks(article):
        assert not ("large landscape" in block and "small picture" in block), block
    assert "A large landscape picture:" in blocks(article)
    continued = article.getparent().xpath(".//p[@class='more']/a")
    title = article.xpath("string(h3)")
    assert [a.text_content() for a in continued] == [f"Continue reading “{title}” online"]


def test_an_excerpt_passes_over_an_opening_picture_and_ends_before_a_table() -> None:
    body = clean_html(
        markdown_to_html(
            "![The picket line](media/wide.png)\n\nThe strike is solid.\n\n"
            "| Day | Pickets |\n|-----|--------:|\n| Monday | 40 |\n\nAfter the table.\n",
            id_prefix="",
        )
    )
    shown = lxml.html.fragment_fromstring(excerpt(body), create_parent="div")
    assert blocks(shown) == ["The strike is solid."]
    assert shown.xpath(".//img | .//table") == []


# --- a right-to-left page ------------------------------------------------------------------


def test_on_an_arabic_page_the_english_description_keeps_its_full_stop_at_its_end(
    page: Page, built: BuildReport
) -> None:
    show_page(page, built.out_dir / ARABIC / "index.html", PHONE)
    description = page.locator(".site-description")
    assert description.inner_text() == DESCRIPTION
    first, last = description.evaluate(
        """e => {
            const text = document.createTreeWalker(e, NodeFilter.SHOW_TEXT).nextNode();
            const at = (i) => { const r = document.createRange(); r.setStart(text, i);
                                r.setEnd(text, i + 1); return r.getBoundingClientRect().left; };
            return [at(0), at(text.length - 1)];
        }"""
    )
    assert first < last, "English reads left to right: its full stop is drawn right of 'N'"


def test_on_an_arabic_page_a_download_links_words_are_not_split_by_its_size(
    page: Page, built: BuildReport
) -> None:
    for path in [f"{ARABIC}/index.html", f"{ARABIC}/rents/index.html"]:
        show_page(page, built.out_dir / path, PHONE)
        (link,) = page.locator("a[download]").all()  # the PDF
        # the size is there, in Arabic's unit (CLDR: "57.8 كيلوبايت")
        assert "كيلوبايت" in link.evaluate("a => a.parentElement.textContent")
        link_from, link_to, size_from, size_to = link.evaluate(
            """a => {
                const pieces = [...a.getClientRects()];
                const size = document.createRange();  // what follows the link: its size
                size.setStartAfter(a);
                size.setEndAfter(a.parentElement.lastChild);
                const box = size.getBoundingClientRect();
                return [Math.min(...pieces.map(r => r.left)),
                        Math.max(...pieces.map(r => r.right)), box.left, box.right];
            }"""
        )
        assert size_to <= link_from + 1 or size_from >= link_to - 1, (
            f"{path}: the file size is drawn between the link's words"
        )


@pytest.mark.parametrize("issue", [ENGLISH, ARABIC])
def test_issue_pages_with_titles_in_both_directions_stay_inside_a_phone_screen(
    page: Page, built: BuildReport, issue: str
) -> None:
    show_page(page, built.out_dir / issue / "index.html", PHONE)
    assert page_width(page) <= PHONE
    numbers = page.eval_on_selector_all(
        "nav.contents li", "items => items.map(li => getComputedStyle(li).direction)"
    )
    assert len(set(numbers)) == 1, "every number of the contents on the same side"
