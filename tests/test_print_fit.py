"""Print that fits its paper: an issue whose short editorial shares the contents' page and
whose sections run on (unless `page_break: section`), with or without a title; a leaflet
set to fill its sides, with level columns and a QR code to the manifest's `qr:` address,
printed under it; a leaflet that runs over reported while the other formats are still
built; imposed sheets that are exactly the A4 or Letter a copy shop loads.

The leaflet workspace (a two-sided A5 leaflet in two columns, with about 1.3 pages of text
at the usual type size, and an issue of two short sections) is built once per module;
positions are read from the PDF with PyMuPDF, the QR code with zxing-cpp. Sheets are
imposed from small PDFs made here."""

from __future__ import annotations

import collections
import io
import math
import re
from pathlib import Path

import pymupdf
import pytest
import yaml
from click.testing import CliRunner
from conftest import FIXED_EPOCH, WORKSPACES, copy_workspace
from PIL import Image

from publisher.build import BuildReport
from publisher.cli import main
from publisher.imposition import impose

PT_PER_MM = 72 / 25.4
# Written out from ISO 216 and ANSI, never read from the product's tables.
A4_PT, A3_PT, LETTER_PT = (595.28, 841.89), (841.89, 1190.55), (612.0, 792.0)
A5_PT, HALF_LETTER_PT = (419.53, 595.28), (396.0, 612.0)
A6_PT = (297.64, 419.53)
LEAFLET = WORKSPACES / "leaflet"
SLUG = "001-strike-fund"
MANIFEST = yaml.safe_load((LEAFLET / "issues" / f"{SLUG}.yaml").read_text())


def build(root: Path, *options: str) -> tuple[int, str]:
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", FIXED_EPOCH)
        result = CliRunner().invoke(main, ["-C", str(root), "build", *options])
    assert "Traceback" not in result.output
    return result.exit_code, result.output


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_workspace(LEAFLET, tmp_path_factory.mktemp("leaflet"))
    code, output = build(root, "--format", "leaflet,pdf,web,feed")
    assert code == 0, output
    return root / "dist" / SLUG


@pytest.fixture(scope="module")
def leaflet(built: Path) -> Path:
    return built / f"{SLUG}-leaflet.pdf"


Line = collections.namedtuple("Line", "x0 y0 x1 y1 size text")


def lines(page: pymupdf.Page) -> list[Line]:
    """Every line of text on the page, top to bottom, with its first span's font size."""
    found = [
        Line(
            *line["bbox"],
            round(line["spans"][0]["size"], 1),
            "".join(s["text"] for s in line["spans"]),
        )
        for block in page.get_text("dict")["blocks"]
        for line in block.get("lines", [])
    ]
    return sorted(found, key=lambda line: (line.y0, line.x0))


def body_columns(pdf: pymupdf.Document) -> list[tuple[list[Line], list[Line]]]:
    """Per side, the body text's lines in the left and the right column: lines in the body's
    type size (the commonest), split at the page's middle."""
    every = [line for page in pdf for line in lines(page)]
    body = collections.Counter(line.size for line in every).most_common(1)[0][0]
    middle = pdf[0].rect.width / 2
    return [
        (
            [ln for ln in lines(page) if ln.size == body and ln.x1 < middle],
            [ln for ln in lines(page) if ln.size == body and ln.x0 > middle],
        )
        for page in pdf
    ]


def footer_top(page: pymupdf.Page) -> float:
    """The top of the organisation's footer: its rule, drawn across the text block."""
    across = [d["rect"].y0 for d in page.get_drawings() if d["rect"].width > page.rect.width / 2]
    assert across, "the footer's rule"
    return min(across)


# --- an issue that saves paper ------------------------------------------------------------


def text_above(path: Path, heading: str) -> list[str]:
    """The body text (not the running header) above a section's heading, on its page."""
    with pymupdf.open(path) as pdf:
        for page in pdf:
            found = lines(page)
            title = next((ln for ln in found if ln.text == heading and ln.size > 14), None)
            if title:
                return [ln.text for ln in found if ln.y1 <= title.y0 and ln.size > 9]
    raise AssertionError(f"no heading {heading!r}")


def test_a_one_paragraph_editorial_shares_the_contents_page_and_takes_under_half_of_it(
    built: Path,
) -> None:
    """From its heading to the next section's: less than half the page."""
    with pymupdf.open(built / f"{SLUG}.pdf") as pdf:
        page = pdf[1]
        headings = {ln.text: ln for ln in lines(page) if ln.size > 12}
        first_section = MANIFEST["sections"][0]["title"]
        assert {"Contents", "Editorial", first_section} <= set(headings), headings
        extent = headings[first_section].y0 - headings["Editorial"].y0
        assert 0 < extent < page.rect.height / 2


def test_sections_run_on_unless_each_is_asked_to_start_a_page(built: Path, tmp_path: Path) -> None:
    second = MANIFEST["sections"][1]["title"]
    assert text_above(built / f"{SLUG}.pdf", second), "the section runs on after the first"

    root = copy_workspace(LEAFLET, tmp_path)
    manifest = root / "issues" / f"{SLUG}.yaml"
    manifest.write_text(manifest.read_text() + "pdf:\n  page_break: section\n")
    code, output = build(root, "--format", "pdf")
    assert code == 0, output
    assert text_above(root / "dist" / SLUG / f"{SLUG}.pdf", second) == []


def test_the_example_issue_takes_fewer_pages_than_it_did(built_example: BuildReport) -> None:
    """No. 41 took 11 pages when the contents and the editorial had a page each and every
    section started a new one."""
    with pymupdf.open(
        built_example.out_dir / "041-no-poverty-pay" / "041-no-poverty-pay.pdf"
    ) as pdf:
        assert len(pdf) <= 10


# --- a leaflet that fills its sides --------------------------------------------------------


def test_the_text_of_a_two_sided_leaflet_fills_both_sides(leaflet: Path) -> None:
    """Less than 15% of either side is left empty: the space under each column, down to the
    bottom margin (side 1) or the footer (side 2), over the columns' height."""
    with pymupdf.open(leaflet) as pdf:
        assert len(pdf) == MANIFEST["leaflet"]["sides"] == 2
        columns = body_columns(pdf)
        margin = min(line.y0 for line in lines(pdf[1]))  # the back's first line: its top margin
        bottoms = [pdf[0].rect.height - margin, footer_top(pdf[1])]
        for side, ((left, right), bottom) in enumerate(zip(columns, bottoms, strict=True), 1):
            top = min(left[0].y0, right[0].y0)
            empty = sum(bottom - column[-1].y1 for column in (left, right))
            share = empty / (2 * (bottom - top))
            assert 0 <= share < 0.15, f"side {side}: {share:.0%} empty"


def test_the_text_was_set_larger_than_usual_to_fill_them(leaflet: Path) -> None:
    """1.3 pages of text at A5's usual 10pt: filling two sides takes larger type."""
    with pymupdf.open(leaflet) as pdf:
        (left, _), _ = body_columns(pdf)
        assert 10.5 < left[0].size <= 13.0


def test_both_columns_start_at_the_same_height_on_every_side(leaflet: Path) -> None:
    with pymupdf.open(leaflet) as pdf:
        for side, (left, right) in enumerate(body_columns(pdf), start=1):
            assert left and right, f"side {side} has two columns"
            assert abs(left[0].y0 - right[0].y0) <= 1, (side, left[0], right[0])


def test_a_links_address_is_printed_at_the_foot_of_its_side(leaflet: Path) -> None:
    """ "Write to the hospital's board" links to their mail address: handed out on paper,
    the leaflet gives the address, at the foot of the side with the words, over the footer."""
    with pymupdf.open(leaflet) as pdf:
        (side,) = [page for page in pdf if re.search(r"hospital.s\sboard\d", page.get_text())]
        found = lines(side)
        words = next(ln for ln in found if re.search(r"board\d", ln.text))
        note = next(ln for ln in found if "board@porthaven-nhs.example.org" in ln.text)
        assert words.y1 < note.y0 < footer_top(side), (words, note)


def test_the_qr_code_decodes_to_the_manifests_address_printed_under_it(leaflet: Path) -> None:
    import zxingcpp

    url = MANIFEST["leaflet"]["qr"]
    with pymupdf.open(leaflet) as pdf:
        back = pdf[-1]
        pixels = back.get_pixmap(dpi=200)
        image = Image.open(io.BytesIO(pixels.tobytes("png")))
        (code,) = zxingcpp.read_barcodes(image)
        assert code.text == url
        scale = 72 / 200
        qr_bottom = code.position.bottom_left.y * scale
        qr_left = code.position.top_left.x * scale
        under = [ln for ln in lines(back) if ln.y0 >= qr_bottom - 1 and ln.x1 > qr_left]
        assert url.removeprefix("https://") in "".join(ln.text for ln in under), under
        # The issue's own page is still named, in words.
        assert "Read online: https://fit.example.org/" in " ".join(ln.text for ln in lines(back))


def test_a_spanish_leaflet_names_its_issues_page_and_its_code_in_spanish(tmp_path: Path) -> None:
    """The footer's words around the issue's address, and the code's name read out to a
    screen reader, are in the issue's language: they were English on every leaflet."""
    root = copy_workspace(LEAFLET, tmp_path / "ws")
    manifest = root / "issues" / f"{SLUG}.yaml"
    manifest.write_text(manifest.read_text().replace("date:", "language: es\ndate:", 1))
    code, output = build(root, "--format", "leaflet")
    assert code == 0, output
    with pymupdf.open(root / "dist" / SLUG / f"{SLUG}-leaflet.pdf") as pdf:
        words = " ".join(ln.text for ln in lines(pdf[-1]))
        tagged = pdf.tobytes().decode("latin-1")
    assert "Leer en línea: https://fit.example.org/" in words, words
    assert "Read more online" not in words
    assert "QR code for" not in tagged


def test_the_leaflet_is_offered_on_the_issue_page_and_as_a_feed_enclosure(
    built: Path, leaflet: Path
) -> None:
    import feedparser
    import lxml.html

    page = lxml.html.parse(str(built / "index.html")).getroot()
    assert leaflet.name in page.xpath("//ul[@class='downloads']//a/@href")
    (entry,) = feedparser.parse(built.parent / "feed.atom").entries
    (enclosure,) = [e for e in entry.enclosures if e.href.endswith(leaflet.name)]
    assert (enclosure.type, int(enclosure.length)) == ("application/pdf", leaflet.stat().st_size)


# --- a leaflet that runs over --------------------------------------------------------------


PROSE = (
    "The cleaners of Porthaven General walked out three weeks ago and they are still out,"
    " because the contractor will not pay what the work is worth and the town knows it."
)


def with_body(root: Path, paragraphs: int) -> Path:
    """The leaflet's document with `paragraphs` of plain prose (a word is a word of it)."""
    text = root / "documents" / "strike-fund.md"
    head, _, _ = text.read_text().partition("\n---\n")
    text.write_text(f"{head}\n---\n\n" + "\n\n".join([PROSE] * paragraphs) + "\n")
    return text


def test_the_text_a_leaflet_is_tried_without_keeps_its_words_apart() -> None:
    """What is tried in a layout is the text an editor's cut leaves: "Strike is" after a
    word in italics, not "Strikeis", which sets as one word and measures another text."""
    from publisher.tree_edits import without_last_words

    body = "<p>Pay now.</p>\n<p><em>Strike</em> is on today</p>"
    assert without_last_words(body, 1) == "<p>Pay now.</p>\n<p><em>Strike</em> is on</p>"
    assert without_last_words(body, 5) == "<p>Pay</p><p><em></em></p>"


def test_a_list_a_leaflet_is_tried_without_loses_its_emptied_items() -> None:
    """An emptied item's bullet still takes a line: the cut takes the item with its words."""
    from publisher.tree_edits import without_last_words

    body = "<p>It pays for:</p>\n<ul>\n<li>bus fares</li>\n<li>hot food</li>\n</ul>"
    assert without_last_words(body, 2) == "<p>It pays for:</p>\n<ul>\n<li>bus fares</li>\n</ul>"
    assert without_last_words(body, 4) == "<p>It pays for:</p>\n"


@pytest.mark.parametrize("paragraphs", [13, 14, 18])
def test_cutting_the_words_a_leaflet_that_runs_over_is_told_to_cut_makes_it_fit(
    tmp_path: Path, paragraphs: int
) -> None:
    """ "cut about 26 words" was measured at the words per line of the whole side, headline
    and all, and assumed every word cut saves its share of a line: an editor who cut them
    found it still ran over."""
    root = copy_workspace(LEAFLET, tmp_path)
    manifest = root / "issues" / f"{SLUG}.yaml"
    manifest.write_text(manifest.read_text().replace("sides: 2", "sides: 1"))
    text = with_body(root, paragraphs)
    code, output = build(root, "--format", "leaflet")
    assert code == 1 and "does not fit on one side of A5" in output
    told = int(re.search(r"cut about (\d+) words", output)[1])  # type: ignore[index]
    kept = re.match(rf"(?s)(.*?)(\s+\S+){{{told}}}\s*$", text.read_text())
    assert kept  # the last `told` words off the end, as an editor cuts them
    text.write_text(kept[1] + "\n")

    code, output = build(root, "--format", "leaflet")

    assert code == 0, output
    assert (root / "dist" / SLUG / f"{SLUG}-leaflet.pdf").is_file()


def one_column_one_side(root: Path) -> None:
    manifest = root / "issues" / f"{SLUG}.yaml"
    text = manifest.read_text().replace("sides: 2", "sides: 1").replace("  columns: 2\n", "")
    manifest.write_text(text)


def test_a_leaflet_of_prose_is_not_told_to_set_two_columns_when_they_do_not_make_it_fit(
    tmp_path: Path,
) -> None:
    """Prose in two columns takes as much room as in one (more, with the gap between
    them): "or set columns: 2" sent the editor to a leaflet that ran over by more."""
    root = copy_workspace(LEAFLET, tmp_path)
    one_column_one_side(root)
    with_body(root, 16)
    code, output = build(root, "--format", "leaflet")
    assert code == 1 and "does not fit on one side of A5" in output
    assert "cut about" in output and "columns" not in output


@pytest.mark.parametrize(("paragraphs", "two_sides_hold_it"), [(16, True), (40, False)])
def test_a_one_sided_leaflet_is_told_to_set_sides_2_only_when_two_sides_hold_it(
    tmp_path: Path, paragraphs: int, two_sides_hold_it: bool
) -> None:
    """A one-sided A5 leaflet that runs over: "or set sides: 2" is said when, set on two
    sides, it fits, and not when it runs over them too (it sent the editor to a second
    failure, "does not fit on two sides")."""
    root = copy_workspace(LEAFLET, tmp_path)
    one_column_one_side(root)
    with_body(root, paragraphs)
    code, output = build(root, "--format", "leaflet")
    assert code == 1 and "does not fit on one side of A5" in output
    assert ("set sides: 2" in output) is two_sides_hold_it

    manifest = root / "issues" / f"{SLUG}.yaml"
    manifest.write_text(manifest.read_text().replace("sides: 1", "sides: 2"))
    code, output = build(root, "--format", "leaflet")
    assert (code == 0) is two_sides_hold_it, output


def test_a_leaflet_of_short_lines_told_to_set_two_columns_fits_in_them(tmp_path: Path) -> None:
    """A rota of short lines leaves most of a wide column empty: in two it takes half the
    height, and the hint that says so is true."""
    root = copy_workspace(LEAFLET, tmp_path)
    one_column_one_side(root)
    days = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")
    places = ("6am at gate A", "9am by ward 3", "noon in the canteen", "4pm at gate B")
    text = root / "documents" / "strike-fund.md"
    head, _, _ = text.read_text().partition("\n---\n")
    rota = [f"{day} {place}." for day in days for place in places] * 2
    text.write_text(f"{head}\n---\n\n" + "\n\n".join(rota) + "\n")
    code, output = build(root, "--format", "leaflet")
    assert code == 1 and "or set columns: 2" in output

    manifest = root / "issues" / f"{SLUG}.yaml"
    manifest.write_text(manifest.read_text() + "  columns: 2\n")
    code, output = build(root, "--format", "leaflet")

    assert code == 0, output


def test_a_leaflet_of_a_list_that_runs_over_is_told_how_many_words_to_cut(
    tmp_path: Path,
) -> None:
    """A list's emptied items still print their bullets, a line each: cutting words only
    from the end of a list of 70 items looked like it could not help ("even without its
    text"). Cut by whole items, the words told fit."""
    root = copy_workspace(LEAFLET, tmp_path)
    one_column_one_side(root)
    text = root / "documents" / "strike-fund.md"
    head, _, _ = text.read_text().partition("\n---\n")
    needs = [f"- Bus fares for picket {n}, to the gate and home again" for n in range(1, 71)]
    text.write_text(f"{head}\n---\n\nWhat your pound pays for:\n\n" + "\n".join(needs) + "\n")

    code, output = build(root, "--format", "leaflet")

    assert code == 1 and "does not fit on one side of A5" in output
    assert "even without its text" not in " ".join(output.split())
    told = int(re.search(r"cut about (\d+) words", output)[1])  # type: ignore[index]
    per_item = len(needs[0].split()) - 1  # its bullet is no word
    kept = needs[: len(needs) - math.ceil(told / per_item)]  # whole items, from the end
    text.write_text(f"{head}\n---\n\nWhat your pound pays for:\n\n" + "\n".join(kept) + "\n")
    code, output = build(root, "--format", "leaflet")
    assert code == 0, output


def test_a_leaflet_whose_headline_and_quote_run_over_is_told_so_not_to_cut_its_words(
    tmp_path: Path,
) -> None:
    root = copy_workspace(LEAFLET, tmp_path)
    manifest = root / "issues" / f"{SLUG}.yaml"
    quote = "Every pound keeps a picket line standing, and every picket line keeps a job. " * 6
    manifest.write_text(
        manifest.read_text()
        .replace("sides: 2", "sides: 1")
        .replace("page_size: A5", "page_size: A6")
        .replace('"Every pound keeps a picket line standing."', f'"{quote.strip()}"')
    )
    text = root / "documents" / "strike-fund.md"
    head, _, _ = text.read_text().partition("\n---\n")
    title = "The longest strike in the history of the docks enters week twelve and " * 4
    subtitle = "Give to the strike fund: every pound pays for a day on the picket line. " * 3
    head = re.sub(r"subtitle: .*", f'subtitle: "{subtitle.strip()}"', head)
    head = re.sub(r"title: .*", f'title: "{title[:295].strip()}"', head, count=1)
    text.write_text(f"{head}\n---\n\nJoin us.\n")

    code, output = build(root, "--format", "leaflet")

    assert code == 1 and "does not fit on one side of A6" in output
    assert "cut about" not in output
    assert "shorten the headline, standfirst or pull quote" in " ".join(output.split())


def test_a_leaflet_that_runs_over_is_named_and_every_other_format_is_built(
    tmp_path: Path,
) -> None:
    root = copy_workspace(LEAFLET, tmp_path)
    text = root / "documents" / "strike-fund.md"
    head, _, body = text.read_text().partition("\n---\n")
    text.write_text(f"{head}\n---\n{body}\n{body}\n{body}")  # four pages' worth
    code, output = build(root, "--format", "leaflet,email,epub,web,feed")
    assert code == 1
    assert "strike-fund.md" in output and "does not fit on two sides of A5" in output
    assert "cut about" in output and "words" in output
    out = root / "dist"
    for built in (
        f"{SLUG}/email.html",
        f"{SLUG}/email.eml",
        f"{SLUG}/{SLUG}.epub",
        f"{SLUG}/index.html",
        "index.html",
        "feed.atom",
        "feed.rss",
    ):
        assert (out / built).is_file(), built
    assert not list(out.rglob("*-leaflet*.pdf"))
    for linking in ("feed.atom", "feed.rss", f"{SLUG}/index.html"):
        assert f"{SLUG}-leaflet.pdf" not in (out / linking).read_text(), linking


def test_a_leaflet_of_a_document_with_no_text_is_warned_of_naming_the_document(
    tmp_path: Path,
) -> None:
    """A document of front matter only (its text not yet written, or lost in a copy),
    chosen as the leaflet, printed a headline on a blank page without a word."""
    root = copy_workspace(LEAFLET, tmp_path)
    text = root / "documents" / "strike-fund.md"
    text.write_text(
        '---\ntitle: "Keep the cleaners\' strike going"\nlang: en\ntags: [strike]\n---\n\n'
    )
    code, output = build(root, "--format", "leaflet")
    said = " ".join(output.split())
    assert f"{text}: the leaflet's document has no text" in said, output
    assert code == 0 and (root / "dist" / SLUG / f"{SLUG}-leaflet.pdf").is_file()  # still made


def test_a_leaflet_of_a_picture_alone_is_not_warned_of_as_having_no_text(
    tmp_path: Path,
) -> None:
    """A poster (a picture, no words under it) is a leaflet as meant."""
    root = copy_workspace(LEAFLET, tmp_path)
    Image.new("RGB", (600, 800), (200, 40, 40)).save(root / "documents" / "poster.png")
    text = root / "documents" / "strike-fund.md"
    text.write_text('---\ntitle: "Strike!"\n---\n\n![](poster.png)\n')
    code, output = build(root, "--format", "leaflet")
    assert code == 0 and "has no text" not in output, output


# --- sheets a copy shop loads --------------------------------------------------------------


def pages_of(size: tuple[float, float], count: int) -> bytes:
    """A PDF of `count` pages of `size`, each saying its number."""
    with pymupdf.open() as pdf:
        for number in range(1, count + 1):
            page = pdf.new_page(width=size[0], height=size[1])
            page.insert_text((size[0] / 2, size[1] / 2), f"page {number}", fontsize=20)
        return pdf.tobytes()


@pytest.mark.parametrize(
    ("page", "sheet"),
    [(A5_PT, A4_PT[::-1]), (HALF_LETTER_PT, LETTER_PT[::-1]), (A4_PT, A3_PT[::-1])],
    ids=["A5 on A4", "half-letter on Letter", "A4 on A3"],
)
def test_a_booklet_is_imposed_on_exactly_the_standard_sheet_with_its_pages_centred(
    page: tuple[float, float], sheet: tuple[float, float]
) -> None:
    with pymupdf.open(stream=impose(pages_of(page, 6), "booklet")) as sides:
        assert len(sides) == 4
        for side in sides:
            assert (side.rect.width, side.rect.height) == pytest.approx(sheet, abs=0.01)
            numbers = sorted(side.search_for("page"), key=lambda r: r.x0)
            left, right = (r.x0 for r in numbers) if len(numbers) == 2 else (None, None)
            if left is not None:  # both pages of the spread: the fold is the sheet's middle
                assert right - left == pytest.approx(page[0], abs=0.01)
                assert (left + right) / 2 == pytest.approx(sheet[0] / 2, abs=0.01)


def behind(point: pymupdf.Point, sheet: pymupdf.Rect) -> pymupdf.Point:
    """Where on the back of a sheet printed double-sided, flipped on its short edge, is the
    point behind `point` of its front: turned over about the line across the middle of its
    long sides, the back reads upright."""
    if sheet.width > sheet.height:  # landscape: the short edges are left and right
        return pymupdf.Point(sheet.width - point.x, point.y)
    return pymupdf.Point(point.x, sheet.height - point.y)


@pytest.mark.parametrize("page", [A6_PT, A5_PT, HALF_LETTER_PT], ids=["A6", "A5", "half-letter"])
def test_a_booklet_printed_flipping_on_the_short_edge_has_each_page_behind_the_one_before(
    page: tuple[float, float],
) -> None:
    """As README tells the printer (double-sided, flip on the short edge): on every sheet
    page 2 is behind page 1, 4 behind 3, and so on; an A6 booklet too, whose spread an A4
    sheet holds either way round (on a portrait sheet page 2 was behind page 7)."""
    with pymupdf.open(stream=impose(pages_of(page, 8), "booklet")) as sides:
        assert len(sides) == 4
        for front, back in (sides[0:2], sides[2:4]):
            for number in (1, 2, 3, 4, 5, 6, 7, 8):
                found = front.search_for(f"page {number}")
                if not found:
                    continue
                other = number + 1 if number % 2 else number - 1
                letter = found[0].tl + pymupdf.Point(5, 10)  # inside its first letter
                spot = behind(letter, front.rect)
                there = back.get_textbox(
                    pymupdf.Rect(spot.x - 20, spot.y - 25, spot.x + 90, spot.y + 25)
                )
                assert f"page {other}" in there, (number, other, there)


def test_booklet_sheets_with_room_round_the_pages_have_cut_marks_at_their_edges() -> None:
    small = (130 * PT_PER_MM, 190 * PT_PER_MM)  # two of them leave 37 mm across A4, 20 down
    with pymupdf.open(stream=impose(pages_of(small, 4), "booklet")) as sides:
        side = sides[0]
        assert (side.rect.width, side.rect.height) == pytest.approx(A4_PT[::-1], abs=0.01)
        x_cuts = {round(d["rect"].x0, 1) for d in side.get_drawings() if d["rect"].width < 1}
        y_cuts = {round(d["rect"].y0, 1) for d in side.get_drawings() if d["rect"].height < 1}
        margin_x = (A4_PT[1] - 2 * small[0]) / 2
        margin_y = (A4_PT[0] - small[1]) / 2
        assert sorted(x_cuts) == pytest.approx([margin_x, A4_PT[1] - margin_x], abs=0.2)
        assert sorted(y_cuts) == pytest.approx([margin_y, A4_PT[0] - margin_y], abs=0.2)


def test_half_letter_leaflets_go_two_up_on_letter() -> None:
    with pymupdf.open(stream=impose(pages_of(HALF_LETTER_PT, 2), "2up")) as sides:
        for side in sides:
            assert (side.rect.width, side.rect.height) == pytest.approx(LETTER_PT[::-1], abs=0.01)


def described(pdf: bytes) -> bytes:
    """`pdf` with the document info and language WeasyPrint gives an Arabic issue's PDF."""
    with pymupdf.open(stream=pdf) as doc:
        doc.set_metadata(
            {
                "title": "نشرة الميناء العدد ٤٢",
                "author": "Dockside Workers' Union",
                "subject": "In this issue: the weavers' strike",
                "keywords": "strike, weavers",
                "creator": "publisher",
            }
        )
        doc.xref_set_key(doc.pdf_catalog(), "Lang", "(ar)")
        return doc.tobytes()


@pytest.mark.parametrize(
    ("layout", "pages", "right_to_left"),
    [("booklet", 8, False), ("booklet", 8, True), ("2up", 2, False)],
    ids=["booklet", "right-bound booklet", "2up"],
)
def test_imposed_sheets_carry_the_title_author_and_language_of_their_pdf(
    layout: str, pages: int, right_to_left: bool
) -> None:
    """A print queue, a file manager and a screen reader name the sheets by their title
    and read them in their language, as they do the issue's PDF, not "Untitled"."""
    source = described(pages_of(A5_PT, pages))
    with pymupdf.open(stream=impose(source, layout, right_to_left=right_to_left)) as sheets:
        info = sheets.metadata
        assert info["title"] == "نشرة الميناء العدد ٤٢"
        assert info["author"] == "Dockside Workers' Union"
        assert info["subject"] == "In this issue: the weavers' strike"
        assert info["keywords"] == "strike, weavers"
        assert sheets.xref_get_key(sheets.pdf_catalog(), "Lang") == ("string", "ar")


# --- what the manifest says ---------------------------------------------------------------


def manifest_without(key: str, tmp_path: Path, extra: str = "") -> Path:
    """The workspace with `key`'s line taken out of the issue's manifest, `extra` added."""
    root = copy_workspace(LEAFLET, tmp_path)
    manifest = root / "issues" / f"{SLUG}.yaml"
    kept = [ln for ln in manifest.read_text().splitlines() if not ln.startswith(f"{key}:")]
    manifest.write_text("\n".join(kept) + "\n" + extra)
    return root


def test_an_issue_without_a_title_is_known_by_its_number_and_date(tmp_path: Path) -> None:
    import datetime as dt

    from publisher.config import load_config
    from publisher.manifest import load_manifest
    from publisher.model import Document, Issue, Section
    from publisher.pool import DocumentPool
    from publisher.printing import PageSize, PrintOptions
    from publisher.renderers import RenderContext
    from publisher.renderers.pdf import PdfRenderer

    root = manifest_without("title", tmp_path)
    config = load_config(root)
    path = root / "issues" / f"{SLUG}.yaml"
    manifest = load_manifest(path, DocumentPool.scan(config.documents_dir), root)
    assert manifest.title == ""
    doc = Document("note", "A note", "<p>Text.</p>", root / "documents" / "note.md", "en")
    issue = Issue(SLUG, 1, "", manifest.date, "en", "", (Section("News", (doc,)),), path)
    ctx = RenderContext(config, config.templates_dir, dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
    assert ctx.issue_title(issue) == f"{config.title} No. 1"
    paper = PrintOptions(PageSize("A4", 210, 297), margins=(20, 20, 20, 20))
    cover = PdfRenderer().render_template(
        ctx, "issue.html", issue=issue, paper=paper, cover_url=None
    )
    title = re.search(r'<h1 class="issue-title">([^<]*)</h1>', cover)
    assert title and title.group(1) == "No. 1"
    assert '<time datetime="2026-06-01">' in cover.partition("</section>")[0], "dated"


@pytest.mark.parametrize("written", ["donate.example.org", "https://[donate.example.org/"])
def test_a_qr_target_that_is_not_a_web_address_is_named_with_its_line(
    tmp_path: Path, written: str
) -> None:
    """A host with a stray bracket was refused in Python's words, "Invalid IPv6 URL"."""
    root = copy_workspace(LEAFLET, tmp_path)
    manifest = root / "issues" / f"{SLUG}.yaml"
    text = manifest.read_text()
    manifest.write_text(text.replace(MANIFEST["leaflet"]["qr"], written))
    code, output = build(root, "--format", "leaflet")
    assert code == 1
    line = next(n for n, ln in enumerate(text.splitlines(), 1) if ln.strip().startswith("qr:"))
    assert f"{SLUG}.yaml:{line}" in output and "'qr' must be a web address" in output


WORD = "Supercalifragilisticexpialidociousantidisestablishmentarianismpneumonoultramicroscopic"
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
WIDE = f"""---
title: The {WORD} statement
---

| Ward | {" | ".join(MONTHS)} | Total | Change |
|{"---|" * 15}
| Quayside | {" | ".join(f"{1045 + n * 7:,}.00" for n in range(12))} | 12,956.00 | +7.25% |
"""


def test_a_long_word_in_a_title_and_a_table_of_many_columns_stay_on_the_page(
    tmp_path: Path,
) -> None:
    """The title ran off the page's edge and the table was cut off after its twelfth column,
    and the build said nothing: every word is now inside the page."""
    root = copy_workspace(WORKSPACES / "minimal", tmp_path / "ws")
    (root / "documents" / "wide.md").write_text(WIDE)
    manifest = root / "issues" / "001-first.yaml"
    text = manifest.read_text().replace("second-article]", "second-article, wide]")
    manifest.write_text(text + "pdf:\n  page_size: A5\n")
    result = CliRunner().invoke(
        main, ["-C", str(root), "build", "-f", "pdf"], env={"SOURCE_DATE_EPOCH": FIXED_EPOCH}
    )
    assert result.exit_code == 0, result.output
    with pymupdf.open(root / "dist" / "001-first" / "001-first.pdf") as pdf:
        everywhere = pymupdf.INFINITE_RECT()  # words off the page too (clipped by default)
        words = [(p.number, p.rect, w) for p in pdf for w in p.get_text("words", clip=everywhere)]
    outside = [w[4] for _, rect, w in words if w[2] > rect.width + 0.5 or w[0] < -0.5]
    assert outside == []
    found = " ".join(w[4] for _, _, w in words)
    assert "+7.25%" in found.replace(" ", "")
