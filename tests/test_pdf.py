"""Print-ready PDFs: the issue booklet and the leaflet, as a print shop and a volunteer with
an office printer would check them. Page boxes and structure are read with pikepdf, text
and its position with poppler (pdftotext, pdffonts), pixels with pdftoppm, the QR code
with zxing-cpp. The print workspace is built once per module; expectations come from its
manifests, config and documents."""

from __future__ import annotations

import datetime as dt
import io
import itertools
import logging
import math
import re
import subprocess
import types
from collections.abc import Callable
from pathlib import Path

import lxml.etree
import pikepdf
import pymupdf
import pytest
import yaml
from click.testing import CliRunner
from conftest import FIXED_EPOCH, REPO, WORKSPACES, copy_workspace, minimal_with
from pdf_ua import (
    annotations,
    read_aloud,
    structure,
    tagged,
    text_drawn_as_artifacts,
    validator_errors,
)
from PIL import Image
from pooled_build import build_in_a_pool
from validators import pdffonts

from publisher.build import BuildReport, build
from publisher.cli import main
from publisher.config import load_config
from publisher.errors import PublisherError
from publisher.imposition import impose
from publisher.model import Document, Issue, Section
from publisher.output import Artifact
from publisher.renderers import RenderContext
from publisher.renderers.pdf import PdfRenderer
from publisher.renderers.pdf_tags import link_words

PT_PER_MM = 72 / 25.4
# Expected sheet sizes written out from ISO 216 and ANSI, never read from the product's
# table, so that a wrong size there fails here: A4 is 595.28 × 841.89 pt, A5 419.53 × 595.28,
# A6 297.64 × 419.53.
STANDARD_MM = {"A4": (210.0, 297.0), "A5": (148.0, 210.0), "A6": (105.0, 148.0)}
# The papers a print shop or an office printer takes, in points (short side, long side),
# in the order the README says a booklet's sheet is chosen: A4, US Letter, A3, Tabloid.
STANDARD_SHEETS_PT = ((595.28, 841.89), (612.0, 792.0), (841.89, 1190.55), (792.0, 1224.0))
PRINT = WORKSPACES / "print"
RALLY, PLAIN = "001-rally", "002-plain"
MANIFEST = yaml.safe_load((PRINT / "issues" / f"{RALLY}.yaml").read_text())
PLAIN_MANIFEST = yaml.safe_load((PRINT / "issues" / f"{PLAIN}.yaml").read_text())
CONFIG = load_config(PRINT)


# --- building ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> BuildReport:
    """The print workspace as its config and manifests say: A5 booklet with bleed and marks
    imposed for saddle stitch, a two-sided A5 leaflet 2up, an A6 leaflet 4up."""
    root = copy_workspace(PRINT, tmp_path_factory.mktemp("print"))
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", FIXED_EPOCH)
        return build(root, formats=["pdf", "leaflet"])


@pytest.fixture(scope="module")
def overridden(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Issue 1 again, with command-line options over its manifest: A4, no imposition,
    black only, PDF/A-3b."""
    root = copy_workspace(PRINT, tmp_path_factory.mktemp("cli"))
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", FIXED_EPOCH)
        result = CliRunner().invoke(
            main,
            [
                "-C",
                str(root),
                "build",
                "1",
                "--format",
                "pdf,leaflet",
                "--page-size",
                "A4",
                "--impose",
                "none",
                "--black-only",
                "--pdf-standard",
                "pdf/a-3b",
            ],
        )
    assert result.exit_code == 0, result.output
    return root / "dist" / RALLY


def out(report: BuildReport, name: str) -> Path:
    """dist/<issue>/<name>: every file an issue gets is named after its slug."""
    return report.out_dir / re.match(r"\d{3}-[a-z]+", name).group(0) / name


# --- reading PDFs ------------------------------------------------------------------------


def boxes_mm(path: Path) -> list[dict[str, list[float]]]:
    """Each page's MediaBox, BleedBox and TrimBox in millimetres."""
    with pikepdf.open(path) as pdf:
        return [
            {
                name: [float(v) / PT_PER_MM for v in page.obj.get(f"/{name}", page.MediaBox)]
                for name in ("MediaBox", "BleedBox", "TrimBox")
            }
            for page in pdf.pages
        ]


def page_count(path: Path) -> int:
    with pikepdf.open(path) as pdf:
        return len(pdf.pages)


def text_in(path: Path, page: int, box: tuple[float, float, float, float] | None = None) -> str:
    """pdftotext of one page (1-based), or of a box (x, y, w, h in points from the top
    left of the MediaBox), with whitespace folded: comparable across layouts."""
    crop = [] if box is None else ["-x", "-y", "-W", "-H"]
    values = [] if box is None else [str(round(v)) for v in box]
    args = [arg for pair in zip(crop, values, strict=True) for arg in pair]
    text = subprocess.run(
        ["pdftotext", "-f", str(page), "-l", str(page), *args, str(path), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return " ".join(text.split())


def trim_text(path: Path, page: int) -> str:
    """The text of a page's trimmed area: what is left after the guillotine."""
    media, trim = (boxes_mm(path)[page - 1][k] for k in ("MediaBox", "TrimBox"))
    x, top = (trim[0] - media[0]) * PT_PER_MM, (media[3] - trim[3]) * PT_PER_MM
    width, height = ((trim[2] - trim[0]) * PT_PER_MM, (trim[3] - trim[1]) * PT_PER_MM)
    return text_in(path, page, (x, top, width, height))


def words(path: Path) -> list[tuple[int, str, float, float, float, float]]:
    """(page, word, x0, y0, x1, y1) for every word, in points from the page's top left."""
    xhtml = subprocess.run(
        ["pdftotext", "-bbox", str(path), "-"], check=True, capture_output=True
    ).stdout
    tree = lxml.etree.fromstring(xhtml, lxml.etree.XMLParser(recover=True))
    found = []
    for number, page in enumerate(tree.iter("{*}page"), start=1):
        for word in page.iter("{*}word"):
            x0, y0, x1, y1 = (float(word.get(k)) for k in ("xMin", "yMin", "xMax", "yMax"))
            found.append((number, word.text or "", x0, y0, x1, y1))
    return found


def pixels(path: Path, tmp: Path, dpi: int = 30) -> list[Image.Image]:
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", str(path), str(tmp / "p")], check=True)
    return [Image.open(p).convert("RGB") for p in sorted(tmp.glob("p-*.png"))]


def coloured_share(image: Image.Image) -> float:
    """The share of pixels that are visibly coloured (not a shade of grey)."""
    hsv = image.convert("HSV")
    saturated = sum(1 for _, s, v in hsv.get_flattened_data() if s > 40 and v > 40)
    return saturated / (image.width * image.height)


def source_words(markdown: str) -> list[str]:
    return re.findall(r"\w[\w'’-]*", markdown)


# --- acceptance 1: page boxes -----------------------------------------------------------


def test_a5_with_3mm_bleed_and_marks_has_trimbox_a5_and_bleedbox_3mm_out(
    printed: BuildReport,
) -> None:
    width, height = STANDARD_MM[MANIFEST["pdf"]["page_size"]]
    bleed = float(MANIFEST["pdf"]["bleed"].removesuffix("mm"))
    for name in (f"{RALLY}.pdf", f"{RALLY}-leaflet.pdf"):
        for page in boxes_mm(out(printed, name)):
            trim, bleed_box, media = page["TrimBox"], page["BleedBox"], page["MediaBox"]
            assert trim[2] - trim[0] == pytest.approx(width, abs=0.01), name
            assert trim[3] - trim[1] == pytest.approx(height, abs=0.01), name
            expected = [trim[0] - bleed, trim[1] - bleed, trim[2] + bleed, trim[3] + bleed]
            assert bleed_box == pytest.approx(expected, abs=0.01), name
            # The marks sit outside the bleed, so the sheet is larger than the BleedBox.
            assert media[0] < bleed_box[0] and media[3] > bleed_box[3], name


def test_without_bleed_the_boxes_are_the_page(printed: BuildReport) -> None:
    width, height = STANDARD_MM[CONFIG.page_size]
    for page in boxes_mm(out(printed, f"{PLAIN}.pdf")):
        assert page["MediaBox"] == pytest.approx([0, 0, width, height], abs=0.01)
        assert page["TrimBox"] == page["BleedBox"] == page["MediaBox"]


# --- acceptance 2: booklet imposition -----------------------------------------------------


def assert_folds_in_order(reading: Path, booklet: Path, right_to_left: bool = False) -> None:
    """`booklet` holds `reading`'s pages so that the folded, nested sheets read in order:
    from the left, or, `right_to_left` (bound on the right), from the right."""
    pages = [trim_text(reading, n) for n in range(1, page_count(reading) + 1)]
    padded = 4 * math.ceil(len(pages) / 4)
    # Blanks go before the last page, so the back cover (the colophon) stays at the back.
    order = pages[:-1] + [""] * (padded - len(pages)) + pages[-1:]
    sides = page_count(booklet)
    assert sides == padded // 2 == 2 * math.ceil(len(pages) / 4)
    trim = boxes_mm(reading)[0]["TrimBox"]
    width, height = ((trim[2] - trim[0]) * PT_PER_MM, (trim[3] - trim[1]) * PT_PER_MM)
    # landscape, two pages side by side, on the first sheet in the README's order that holds
    # them: a DL booklet on A4, as a European copier has, though Letter is smaller still
    fitting = [(w, h) for h, w in STANDARD_SHEETS_PT if w >= 2 * width - 0.5 and h >= height - 0.5]
    paper = fitting[0]
    for side, media in enumerate((b["MediaBox"] for b in boxes_mm(booklet)), start=1):
        size = ((media[2] - media[0]) * PT_PER_MM, (media[3] - media[1]) * PT_PER_MM)
        assert size == pytest.approx(paper, abs=0.5), "the first standard sheet that fits"
        # The pair of pages centred on the sheet: the fold at its middle.
        x, y = (paper[0] - 2 * width) / 2, (paper[1] - height) / 2
        # Sheet s (0 = outermost), pages counted from 1: the front carries N'-2s and 1+2s,
        # the back 2+2s and N'-1-2s.
        sheet, back = divmod(side - 1, 2)
        left, right = (
            (2 + 2 * sheet, padded - 1 - 2 * sheet) if back else (padded - 2 * sheet, 1 + 2 * sheet)
        )
        if right_to_left:  # the spine on the right: each side is the other way round
            left, right = right, left
        assert text_in(booklet, side, (x, y, width, height)) == order[left - 1], (side, left)
        assert text_in(booklet, side, (x + width, y, width, height)) == order[right - 1], (
            side,
            right,
        )


def test_booklet_is_imposed_in_folding_order_on_the_first_standard_sheet_that_holds_it(
    printed: BuildReport,
) -> None:
    assert_folds_in_order(out(printed, f"{RALLY}.pdf"), out(printed, f"{RALLY}-booklet.pdf"))


@pytest.mark.parametrize("right_to_left", [False, True], ids=["bound left", "bound right"])
@pytest.mark.parametrize("blanks", [1, 2, 3])
def test_booklets_are_padded_with_blanks_before_the_back_cover(
    printed: BuildReport, tmp_path: Path, blanks: int, right_to_left: bool
) -> None:
    """The same booklet short of as many inner pages as it takes to need 1, 2 or 3 blanks,
    so every amount of padding shows (whatever the page count of the issue itself), bound
    on either side."""
    reading = tmp_path / "reading.pdf"
    with pikepdf.open(out(printed, f"{RALLY}.pdf")) as pdf:
        for _ in range((len(pdf.pages) + blanks) % 4):
            del pdf.pages[2]
        pdf.save(reading)
    booklet = tmp_path / "booklet.pdf"
    booklet.write_bytes(impose(reading.read_bytes(), "booklet", right_to_left=right_to_left))
    assert -page_count(reading) % 4 == blanks
    assert_folds_in_order(reading, booklet, right_to_left)


# Sizes written out from their standards: DL is ISO 269's 99 × 210 mm, Half Letter (ANSI's
# Statement) 5.5 × 8.5 in.
FLYER_SIZES_MM = {"DL": (99.0, 210.0), "half-letter": (5.5 * 25.4, 8.5 * 25.4)}


@pytest.mark.parametrize("name", FLYER_SIZES_MM)
def test_a_flyer_size_makes_its_pages_and_a_booklet_on_the_sheet_that_holds_them(
    tmp_path: Path, name: str
) -> None:
    """DL, the flyer beside A5 in Britain and Europe, and Half Letter, the folded Letter
    sheet of North American zines, were "unknown page size"; a booklet of them goes on A4
    and on Letter."""
    root = copy_workspace(PRINT, tmp_path)
    result = CliRunner().invoke(
        main,
        ["-C", str(root), "build", PLAIN, "-f", "pdf", "--page-size", name, "--impose", "booklet"],
    )
    assert result.exit_code == 0, result.output
    reading = root / "dist" / PLAIN / f"{PLAIN}.pdf"
    width, height = FLYER_SIZES_MM[name]
    for page in boxes_mm(reading):
        assert page["MediaBox"] == pytest.approx([0, 0, width, height], abs=0.01)
    assert_folds_in_order(reading, root / "dist" / PLAIN / f"{PLAIN}-booklet.pdf")


def test_a_right_to_left_booklet_is_bound_on_the_right(
    printed: BuildReport, tmp_path: Path
) -> None:
    """An Arabic or Farsi booklet opens from the right: its cover is the left half of the
    outer sheet's front, and every spread reads from the right."""
    reading = out(printed, f"{RALLY}.pdf")
    booklet = tmp_path / "booklet.pdf"
    booklet.write_bytes(impose(reading.read_bytes(), "booklet", right_to_left=True))
    assert_folds_in_order(reading, booklet, right_to_left=True)


def test_creep_moves_inner_sheets_pages_towards_the_fold(
    printed: BuildReport, tmp_path: Path
) -> None:
    reading = out(printed, f"{RALLY}.pdf").read_bytes()
    creep_mm = 1.0
    plain, crept = impose(reading, "booklet"), impose(reading, "booklet", creep_mm=creep_mm)
    with pikepdf.open(io.BytesIO(crept)) as pdf:
        sizes = {round(float(p.MediaBox[2] - p.MediaBox[0]), 1) for p in pdf.pages}
    assert len(sizes) == 1, "every side prints on the same paper"

    def first_words(pdf: bytes) -> dict[tuple[int, str], float]:
        """x of each side's words, measured from the fold (the sheet's centre)."""
        path = tmp_path / f"{len(list(tmp_path.iterdir()))}.pdf"
        path.write_bytes(pdf)
        boxes = boxes_mm(path)
        found: dict[tuple[int, str], float] = {}
        for page, word, x0, _, _, _ in words(path):
            media = boxes[page - 1]["MediaBox"]
            found.setdefault((page, word), x0 - (media[2] - media[0]) * PT_PER_MM / 2)
        return found

    before, after = first_words(plain), first_words(crept)
    for (side, word), x in before.items():
        sheet = (side - 1) // 2
        towards_fold = -1 if x > 0 else 1  # right-hand pages move left, left-hand right
        expected = x + towards_fold * sheet * creep_mm * PT_PER_MM
        assert after[(side, word)] == pytest.approx(expected, abs=0.3), (side, word)


# --- acceptance 3: scripts, fonts, tags --------------------------------------------------


def test_arabic_and_farsi_passages_come_back_from_pdftotext(printed: BuildReport) -> None:
    """Marked passages (a block in Arabic, a phrase in Farsi) and an unmarked Arabic phrase
    inside an English sentence: every word in Arabic script comes back."""
    source = (PRINT / "documents" / "many-scripts.md").read_text()
    assert re.search(r"::: \{lang=ar dir=rtl\}", source) and "{lang=fa dir=rtl}" in source
    arabic_word = r"[\u0621-\u065f\u0670-\u06d3]+"  # letters and marks, no punctuation
    expected = re.findall(arabic_word, source)
    text = subprocess.run(
        ["pdftotext", str(out(printed, f"{RALLY}.pdf")), "-"], capture_output=True, text=True
    ).stdout
    # pdftotext marks right-to-left runs with embedding controls and may set a shadda or
    # other combining mark apart: neither makes a different word.
    text = re.sub(r"[\u202a-\u202e]", " ", text)
    text = re.sub(r"\s+(?=[\u064b-\u065f\u0670])", "", text)
    found = set(re.findall(arabic_word, text))
    assert len(expected) > 20 and [w for w in expected if w not in found] == []


@pytest.mark.parametrize(
    "name",
    [f"{RALLY}.pdf", f"{RALLY}-leaflet.pdf", f"{RALLY}-booklet.pdf", f"{RALLY}-leaflet-2up.pdf"],
)
def test_every_font_is_embedded_and_subset(printed: BuildReport, name: str) -> None:
    fonts = pdffonts(out(printed, name))
    assert fonts
    assert all(f["emb"] == "yes" and f["sub"] == "yes" for f in fonts), fonts


def test_one_font_family_covers_latin_greek_cyrillic_and_arabic(printed: BuildReport) -> None:
    families = {f["name"].split("+")[-1] for f in pdffonts(out(printed, f"{RALLY}.pdf"))}
    noto = r"Noto-(Serif|Sans|Naskh-Arabic|Sans-Arabic|Color-Emoji)\b"
    assert all(re.match(noto, f) for f in families), families
    assert any("Naskh" in f for f in families) and any("Serif" in f for f in families)


def test_emoji_are_drawn_from_an_emoji_font_not_left_as_empty_boxes(printed: BuildReport) -> None:
    """Posts copied from Facebook, Telegram or WhatsApp carry emoji (✊📢); without a font
    that has them, each printed as an empty box."""
    pdf = out(printed, f"{RALLY}.pdf")
    emoji = [f for f in pdffonts(pdf) if "Emoji" in f["name"]]
    assert emoji and all(f["emb"] == "yes" for f in emoji), pdffonts(pdf)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "✊📢" in text.replace(" ", "")


UA_PDFS = [f"{RALLY}.pdf", f"{RALLY}-leaflet.pdf", f"{PLAIN}.pdf", f"{PLAIN}-leaflet.pdf"]


@pytest.mark.parametrize("name", [f"{RALLY}.pdf", f"{RALLY}-leaflet.pdf", f"{PLAIN}.pdf"])
def test_pdfs_declare_pdf_ua_1_with_metadata(printed: BuildReport, name: str) -> None:
    with pikepdf.open(out(printed, name)) as pdf:
        assert bool(pdf.Root.MarkInfo.Marked)
        assert str(pdf.Root.Lang) == "en"
        meta = pdf.open_metadata()
        assert meta.get("pdfuaid:part") == "1"
        assert str(pdf.docinfo["/Author"]) == CONFIG.organisation
        assert str(pdf.docinfo["/Title"])


@pytest.mark.parametrize("name", UA_PDFS)
def test_pdfs_pass_the_machine_checkable_pdf_ua_rules(printed: BuildReport, name: str) -> None:
    assert validator_errors(out(printed, name)) == []
    tree = structure(out(printed, name))
    assert {"/Document", "/H1", "/P"} <= set(tree.roles), tree.roles
    assert tree.figures_without_alt == []


def test_running_headers_and_page_numbers_are_printed_as_artifacts(printed: BuildReport) -> None:
    """A screen reader passes over what repeats on every page: the issue's name and the
    article's title at the top, the number at the foot are drawn as artifacts, outside the
    text it reads, and printed all the same."""
    pdf = out(printed, f"{RALLY}.pdf")
    artifacts = text_drawn_as_artifacts(pdf)
    # The cover, the back cover and a blank page before it have no number.
    numbered = [page for page in range(2, len(artifacts)) if trim_text(pdf, page)]
    assert all(artifacts[page - 1] >= 2 for page in numbered), artifacts
    height = boxes_mm(pdf)[0]["MediaBox"][3] * PT_PER_MM
    for page in numbered:
        foot = text_in(pdf, page, (0, height - 50, 1000, 50))
        assert str(page) in foot.split(), (page, foot)


def test_links_are_described_by_their_words_not_their_targets(printed: BuildReport) -> None:
    """PDF/UA asks each link for a description (/Contents), which a screen reader may read
    instead of its text: the contents' entries are the articles' titles, not their anchors
    ("many-scripts"), and a link written as an address is that address."""
    with pikepdf.open(out(printed, f"{RALLY}.pdf")) as pdf:
        links = [
            (
                str(link.Contents),
                str(link.get("/Dest", "")),
                str(link.get("/A", {}).get("/URI", "")),
            )
            for page in pdf.pages
            for link in page.get("/Annots", [])
            if link.Subtype == "/Link"
        ]
    said = {words for words, _dest, _uri in links}
    titles = {
        yaml.safe_load((PRINT / "documents" / f"{slug}.md").read_text().split("---")[1])["title"]
        for section in MANIFEST["sections"]
        for slug in section["documents"]
    }
    assert said == {"Editorial", *titles, *(uri for _words, _dest, uri in links if uri)}, links
    assert not any(words == dest for words, dest, _uri in links)


def test_each_contents_line_is_one_link_and_its_leader_dots_are_not_read(
    printed: BuildReport,
) -> None:
    """A screen reader meets each line of the contents as one link, the article's title and
    its page number, and passes over the dots leading to the number, which are printed all
    the same. It read every dot, "." "." "." (PDF/UA-1 7.1: decoration is an artifact),
    and each line was three or four links, one inside the other, each its own stop."""
    pdf = out(printed, f"{RALLY}.pdf")
    tree = tagged(pdf)
    links = [element for element in tree.walk() if element.role == "/Link"]
    assert links
    for link in links:
        inside = [element for kid in link.kids for element in kid.walk()]
        assert [e.role for e in inside if e.role == "/Link"] == [], link
        assert [e.annotations for e in inside if e.annotations] == [], link
        assert len(link.annotations) == 1, link
    held = [annotation for element in tree.walk() for annotation in element.annotations]
    assert sorted(held) == sorted(annotations(pdf))  # each link annotation in one Link, once
    said = read_aloud(pdf)
    assert "Editorial" in said
    assert [piece for piece in said if piece.strip(". ") == "" and "." in piece] == []
    printed_text = " ".join(text_in(pdf, page) for page in range(1, 4))
    assert re.search(r"Editorial ?\.{10,} ?\d", printed_text), printed_text


@pytest.mark.parametrize(
    ("link", "words"),
    [
        ('<a href="#x">Read <em>the</em>\n  report</a>', "Read the report"),
        (
            '<a href="https://x.org/give"><img src="b.png" alt="Give to the strike fund"/></a>',
            "Give to the strike fund",
        ),
        ('<a href="#fn1" aria-label="Note 1"><sup>1</sup></a>', "Note 1"),
        ('<a href="#x"><img src="b.png"/></a>', ""),
    ],
    ids=["text", "picture", "label", "nothing"],
)
def test_a_links_words_are_its_text_label_or_pictures_description(link: str, words: str) -> None:
    """What describes a link box: an empty one keeps the target WeasyPrint gave it."""
    from xml.etree import ElementTree

    box = types.SimpleNamespace(element=ElementTree.fromstring(link))
    assert link_words(box) == words


def test_headings_and_figures_are_structure_elements(printed: BuildReport) -> None:
    """The rally issue has headings on several levels and images: each is an element a
    screen reader can list, the images with their alternative text."""
    tree = structure(out(printed, f"{RALLY}.pdf"))
    assert {"/H1", "/H2", "/H3", "/Figure"} <= set(tree.roles), tree.roles
    assert tree.figures_without_alt == []


@pytest.mark.parametrize("name", UA_PDFS)
def test_every_pages_marked_content_is_reachable_from_the_structure_tree(
    printed: BuildReport, name: str
) -> None:
    tree = structure(out(printed, name))
    assert tree.problems == []
    assert tree.marked, "no marked content at all"


def test_pdf_a_3b_on_request_and_still_tagged(overridden: Path) -> None:
    for name in (f"{RALLY}.pdf", f"{RALLY}-leaflet.pdf"):
        with pikepdf.open(overridden / name) as pdf:
            meta = pdf.open_metadata()
            assert (meta.get("pdfaid:part"), meta.get("pdfaid:conformance")) == ("3", "B")
            assert "/OutputIntents" in pdf.Root and "/StructTreeRoot" in pdf.Root


# --- acceptance 4: 2up and 4up leaflets --------------------------------------------------


# Copies across and down on an A4 side, written out: two A5 side by side (the sheet turned
# landscape), three DL side by side (landscape), four A6 in a square (portrait).
GRIDS = {"2up": (2, 1), "3up": (3, 1), "4up": (2, 2)}


def assert_copies_on_a4(
    leaflet: Path, sheets: Path, layout: str, page_mm: tuple[float, float], turned: bool = False
) -> None:
    """Each side of `leaflet` as identical copies, `layout`'s grid of them centred on an A4
    side of `sheets` (`turned`: the grid turned, for pages laid landscape), with cut marks
    at the sheet's edges in line with each cut."""
    across, down = GRIDS[layout][::-1] if turned else GRIDS[layout]
    sides = page_count(leaflet)
    assert sides == page_count(sheets)
    a4 = sorted(v * PT_PER_MM for v in STANDARD_MM["A4"])
    page_w, page_h = (v * PT_PER_MM for v in page_mm)
    for side in range(1, sides + 1):
        media = [v * PT_PER_MM for v in boxes_mm(sheets)[side - 1]["MediaBox"]]
        width, height = media[2] - media[0], media[3] - media[1]
        assert sorted([width, height]) == pytest.approx(a4, abs=0.5)
        assert (width > height) == (across > down), "copies side by side: A4 landscape"
        left, top = (width - across * page_w) / 2, (height - down * page_h) / 2
        expected = trim_text(leaflet, side)
        assert expected
        for i in range(across):
            for j in range(down):
                box = (left + i * page_w, top + j * page_h, page_w, page_h)
                assert text_in(sheets, side, box) == expected, (side, i, j)
        # Cut marks: short lines at the sheet's edges, in line with each cut between copies.
        with pymupdf.open(sheets) as pdf:
            lines = [d["rect"] for d in pdf[side - 1].get_drawings()]
        for i in range(1, across):
            x = left + i * page_w
            assert any(abs(r.x0 - x) < 0.5 and r.width < 1 and r.y0 < 1 for r in lines), x
        for j in range(1, down):
            y = top + j * page_h
            assert any(abs(r.y0 - y) < 0.5 and r.height < 1 and r.x0 < 1 for r in lines), y


@pytest.mark.parametrize(("issue", "manifest"), [(RALLY, MANIFEST), (PLAIN, PLAIN_MANIFEST)])
def test_n_up_leaflet_puts_identical_copies_of_each_side_on_one_a4_side(
    printed: BuildReport, issue: str, manifest: dict
) -> None:
    layout = manifest["leaflet"]["impose"]
    leaflet = out(printed, f"{issue}-leaflet.pdf")
    sheets = out(printed, f"{issue}-leaflet-{layout}.pdf")
    assert page_count(leaflet) == manifest["leaflet"].get("sides", 1)
    page = STANDARD_MM[manifest["leaflet"]["page_size"]]
    assert_copies_on_a4(leaflet, sheets, layout, page)


def test_a_leaflet_imposed_with_fewer_copies_than_the_sheet_holds_is_told_the_fuller_one(
    tmp_path: Path,
) -> None:
    """A DL flyer set 2up wasted a third of every sheet without a word."""
    root = copy_workspace(PRINT, tmp_path)

    def built(*options: str) -> str:
        args = ["-C", str(root), "build", PLAIN, "-f", "leaflet", "--page-size", "DL", *options]
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 0, result.output
        return result.output

    assert (
        "3 copies of the DL leaflet fit on a sheet, where 2up prints 2: impose: 3up (--impose 3up)"
        " saves paper" in built("--impose", "2up")
    )
    assert "saves paper" not in built("--impose", "3up")


def test_a_landscape_leaflet_2up_is_two_copies_one_above_the_other(tmp_path: Path) -> None:
    """`page_size: A5 landscape`, as CSS writes a turned page, was an unknown page size; its
    2up goes on A4 portrait, the copies one above the other."""
    root = copy_workspace(PRINT, tmp_path)
    size = ["--page-size", "A5 landscape", "--impose", "2up"]
    result = CliRunner().invoke(main, ["-C", str(root), "build", PLAIN, "-f", "leaflet", *size])
    assert result.exit_code == 0, result.output
    folder = root / "dist" / PLAIN
    leaflet = folder / f"{PLAIN}-leaflet.pdf"
    assert boxes_mm(leaflet)[0]["MediaBox"] == pytest.approx([0, 0, 210, 148], abs=0.01)
    assert_copies_on_a4(leaflet, folder / f"{PLAIN}-leaflet-2up.pdf", "2up", (210, 148), True)


def test_a_dl_leaflet_3up_is_three_copies_across_an_a4_side(tmp_path: Path) -> None:
    """DL flyers are printed three to an A4 sheet and cut in two strokes; 3up was refused
    ("'3up' is not one of 'booklet', '2up', '4up', 'none'")."""
    root = copy_workspace(PRINT, tmp_path)
    result = CliRunner().invoke(
        main,
        ["-C", str(root), "build", PLAIN, "-f", "leaflet", "--page-size", "DL", "--impose", "3up"],
    )
    assert result.exit_code == 0, result.output
    folder = root / "dist" / PLAIN
    leaflet = folder / f"{PLAIN}-leaflet.pdf"
    assert_copies_on_a4(leaflet, folder / f"{PLAIN}-leaflet-3up.pdf", "3up", FLYER_SIZES_MM["DL"])


# --- acceptance 5: what a print shop looks at ---------------------------------------------


def assert_text_on_the_trimmed_page(path: Path) -> None:
    """Every word inside its page's TrimBox, and no page without text but an issue's blank
    before its back cover (which starts on an even page, the back of the last sheet)."""
    boxes = boxes_mm(path)
    for page, word, x0, y0, x1, y1 in words(path):
        media, trim = boxes[page - 1]["MediaBox"], boxes[page - 1]["TrimBox"]
        left, top = (trim[0] - media[0]) * PT_PER_MM, (media[3] - trim[3]) * PT_PER_MM
        right = left + (trim[2] - trim[0]) * PT_PER_MM
        bottom = top + (trim[3] - trim[1]) * PT_PER_MM
        assert left <= x0 and x1 <= right and top <= y0 and y1 <= bottom, (path, page, word)
    empty = [n for n in range(1, len(boxes) + 1) if not trim_text(path, n)]
    padded = [] if "-leaflet" in path.name else [len(boxes) - 1]
    assert empty in ([], padded), f"an empty page in {path}: {empty}"


@pytest.mark.parametrize(
    "name",
    [f"{RALLY}.pdf", f"{RALLY}-leaflet.pdf", f"{PLAIN}.pdf", f"{PLAIN}-leaflet.pdf"],
)
def test_no_text_outside_the_trimmed_page_and_no_empty_page(
    printed: BuildReport, name: str
) -> None:
    assert_text_on_the_trimmed_page(out(printed, name))


def test_body_text_stays_inside_the_margins(printed: BuildReport) -> None:
    """Long URLs wrap, images scale: nothing but the running header and the page number
    reaches into the margins of the A4 issue (config: 18mm all round)."""
    path = out(printed, f"{PLAIN}.pdf")
    margin = float(CONFIG.pdf.margins[1]) * PT_PER_MM
    width = STANDARD_MM[CONFIG.page_size][0] * PT_PER_MM
    for page, word, x0, _, x1, _ in words(path):
        assert margin - 0.5 <= x0 and x1 <= width - margin + 0.5, (page, word)


def test_long_url_wraps_inside_the_text_block(printed: BuildReport) -> None:
    path = out(printed, f"{RALLY}.pdf")
    boxes = boxes_mm(path)
    right_margin = CONFIG.pdf.margins[1]  # the manifest sets none: the config's
    pieces = [w for w in words(path) if "agency-and-direct" in w[1] or "example.org/rep" in w[1]]
    assert pieces
    for page, word, _, _, x1, _ in pieces:
        media, trim = boxes[page - 1]["MediaBox"], boxes[page - 1]["TrimBox"]
        assert x1 <= (trim[2] - right_margin - media[0]) * PT_PER_MM + 0.5, word


def test_the_issue_and_leaflet_pages_look_printable(printed: BuildReport, tmp_path: Path) -> None:
    """Rendered as a print shop previews them: every page has ink (but an issue's blank
    before its back cover, on an even page), and nothing is printed in the outer 3mm of the
    page (an office printer cannot reach it), except the leaflet's masthead, which runs off
    the top and sides on purpose."""
    for name in (f"{PLAIN}.pdf", f"{PLAIN}-leaflet.pdf"):
        folder = tmp_path / name
        folder.mkdir()
        images = pixels(out(printed, name), folder, dpi=50)
        for number, image in enumerate(images, start=1):
            grey = image.convert("L")
            padding = "leaflet" not in name and number == len(images) - 1
            assert padding or min(grey.get_flattened_data()) < 128, f"{name} page {number}"
            edge = round(3 / 25.4 * 50)
            frame = [grey.crop((0, grey.height - edge, grey.width, grey.height))]
            if "leaflet" not in name:
                frame += [
                    grey.crop((0, 0, grey.width, edge)),
                    grey.crop((0, 0, edge, grey.height)),
                    grey.crop((grey.width - edge, 0, grey.width, grey.height)),
                ]
            assert all(min(part.get_flattened_data()) > 200 for part in frame), (
                f"{name} page {number}"
            )


def test_colophon_on_the_back_cover_names_the_organisation(printed: BuildReport) -> None:
    path = out(printed, f"{RALLY}.pdf")
    back = text_in(path, page_count(path))
    for needed in (CONFIG.organisation, CONFIG.contact, f"{CONFIG.base_url}{RALLY}/"):
        assert " ".join(needed.split()) in back, needed


def headings_in(sources: list[Path]) -> set[str]:
    """Titles, headings and paragraphs that are only bold text, as written in the sources."""
    found: set[str] = set()
    for path in sources:
        text = path.read_text()
        found |= set(re.findall(r"^#+ (.+)$", text, re.M))
        found |= set(re.findall(r'^title: "?(.+?)"?$', text, re.M))
        found |= set(re.findall(r"<h\d[^>]*>(.+?)</h\d>|<p><strong>(.+?)</strong></p>", text))
    return {
        " ".join(h.split())
        for item in found
        for h in (item if isinstance(item, tuple) else (item,))
        if h
    }


def assert_no_heading_at_a_page_foot(path: Path, headings: set[str]) -> None:
    assert headings
    for number in range(1, page_count(path) + 1):
        lines = [
            " ".join(line.split())
            for line in subprocess.run(
                ["pdftotext", "-layout", "-f", str(number), "-l", str(number), str(path), "-"],
                capture_output=True,
                text=True,
            ).stdout.splitlines()
            if line.strip() and not line.strip().isdigit()
        ]
        assert not lines or lines[-1] not in headings, (path.name, number, lines[-1])


def test_no_heading_is_left_alone_at_the_foot_of_a_page(printed: BuildReport) -> None:
    headings = headings_in(sorted((PRINT / "documents").glob("*.md")))
    headings |= {s["title"] for s in MANIFEST["sections"]}
    assert_no_heading_at_a_page_foot(out(printed, f"{RALLY}.pdf"), headings)


def locate(
    found: list[tuple[int, str, float, float, float, float]], phrase: str
) -> tuple[int, float]:
    """(page, y) of the first word of `phrase` where its words follow one another."""
    wanted = phrase.split()
    for i in range(len(found) - len(wanted) + 1):
        window = found[i : i + len(wanted)]
        if [w[1] for w in window] == wanted and len({w[0] for w in window}) == 1:
            return window[0][0], window[0][3]
    raise AssertionError(f"{phrase!r} not found")


def test_footnotes_sit_at_the_foot_of_the_page_that_calls_them(printed: BuildReport) -> None:
    source = (PRINT / "documents" / "many-scripts.md").read_text()
    notes = dict(re.findall(r"^\[\^(\w+)\]: (.+?)(?=\n\n|\n\[\^|\Z)", source, re.M | re.S))
    assert notes
    note_words = {w for text in notes.values() for w in text.split()}
    found = words(out(printed, f"{RALLY}.pdf"))
    for label, text in notes.items():
        page, note_y = locate(found, " ".join(text.split()[:4]))
        # The words just before the call in the source are on the same page, above the note.
        before = re.search(rf"(\S+ \S+ \S+)\[\^{label}\]", source.replace("\n", " ")).group(1)
        call_page, call_y = locate(found, before)
        assert (call_page, call_y < note_y) == (page, True), label
        # Below the note: only notes and the page number.
        below = [w for p, w, _, y0, _, _ in found if p == page and y0 > note_y]
        assert all(w in note_words or w.isdigit() for w in below), below


def test_a_footnote_is_a_note_read_right_after_its_call(printed: BuildReport) -> None:
    """A screen reader meets each footnote where it is called: its number a Reference, then
    the note, tagged Note with an ID (PDF/UA-1 7.9), its number a label, inside the
    paragraph. The notes were loose text between two pages' sections, away from their
    article, and each call a bare number."""
    pdf = out(printed, f"{RALLY}.pdf")
    source = (PRINT / "documents" / "many-scripts.md").read_text()
    found = [
        (parent, place, kid)
        for parent in tagged(pdf).walk()
        for place, kid in enumerate(parent.kids)
        if kid.role == "/Note"
    ]
    assert len(found) == len(re.findall(r"^\[\^\w+\]:", source, re.M)), found
    ids = [note.attributes.get("/ID") for _parent, _place, note in found]
    assert all(ids) and len(set(ids)) == len(ids), ids
    with pikepdf.open(pdf) as opened:  # where a reader looks an ID up
        index = pikepdf.NameTree(opened.Root.StructTreeRoot.IDTree)
        assert [str(index[i].S) for i in ids] == ["/Note"] * len(ids)
    for parent, place, note in found:
        assert parent.role == "/P", parent
        assert place > 0 and parent.kids[place - 1].role == "/Reference", parent
        assert note.kids[0].role == "/Lbl", note
    said = " ".join(" ".join(read_aloud(pdf)).split())
    assert re.search(r"since 2021\. ?1 1\. ?Survey of 412 members", said), said
    assert re.search(r"in full\. ?2 2\. ?Printed copies are at", said), said


def test_notes_of_a_document_named_in_arabic_with_an_address_sit_at_the_page_foot(
    tmp_path: Path,
) -> None:
    """A document whose file name is in Arabic letters, an email address written in its
    text, and a note: the note was printed under the article, before the next one, while
    the same article without the address had its note at the foot of the page."""
    article = (
        '---\ntitle: "{title}"\nlanguage: ar\ndate: 2026-11-28\n---\n\n'
        "العمال مصممون على الإضراب[^1].{address}\n\n[^1]: {note}\n"
    )
    notes = {"اعتصاب-بندر.md": "حسب تقديرات اللجنة.", "bayan.md": "وفق محضر الاجتماع."}
    root = minimal_with(
        tmp_path,
        {
            "اعتصاب-بندر.md": article.format(
                title="اعتصاب البندر",
                address=" زوروا info@example.org.",
                note=notes["اعتصاب-بندر.md"],
            ),
            "bayan.md": article.format(title="بيان النقابة", address="", note=notes["bayan.md"]),
        },
    )
    with pymupdf.open(out(build(root, formats=["pdf"]), "001-first.pdf")) as pdf:
        # (page, y, word) in reading order: poppler gives Arabic words letters reversed
        found = [(page.number, w[1], w[4]) for page in pdf for w in page.get_text("words")]
    # below a note on its page: notes, their numbers ("1." or ".1") and the page number
    note_words = {"", *(w for note in notes.values() for w in note.strip(".").split())}
    for note in notes.values():
        ((page, note_y),) = [(p, y) for p, y, w in found if w == note.split()[1]]
        below = [w.strip(".") for p, y, w in found if p == page and y > note_y + 1]
        assert all(w in note_words or w.isdigit() for w in below), below


def test_hyphenation_follows_each_documents_language(printed: BuildReport) -> None:
    """Every word broken at a line end is broken where its article's language allows."""
    import pyphen

    articles = [  # in the order the booklet prints them
        ("en", (PRINT / "documents" / "many-scripts.md").read_text()),
        ("es", (PRINT / "documents" / "informe-huelga.md").read_text()),
    ]
    titles = [re.search(r'^title: "(.+)"$', text, re.M).group(1) for _, text in articles]
    lines = subprocess.run(
        ["pdftotext", "-raw", str(out(printed, f"{RALLY}.pdf")), "-"],
        capture_output=True,
        text=True,
    ).stdout.splitlines()
    # Each article's lines run from its title (after the contents page) to the next title.
    starts = [max(i for i, line in enumerate(lines) if line.startswith(t[:25])) for t in titles]
    broken = {lang: 0 for lang, _ in articles}
    for (lang, text), start, end in zip(articles, starts, [*starts[1:], len(lines)], strict=True):
        vocabulary = set(source_words(text))
        for line, following in itertools.pairwise(lines[start:end]):
            head = re.search(r"(\w+)\u2010$", line)
            tail = re.match(r"\w+", following)
            if head and tail and head.group(1) + tail.group(0) in vocabulary:
                word = head.group(1) + tail.group(0)
                assert len(head.group(1)) in pyphen.Pyphen(lang=lang).positions(word), word
                broken[lang] += 1
    assert all(broken.values()), broken


LINE_PT = 10.5 * 1.45  # a line of body text: the theme's print.css sets 10.5pt/1.45


def test_images_fit_the_text_block_with_their_caption_below(printed: BuildReport) -> None:
    source = (PRINT / "documents" / "many-scripts.md").read_text()
    caption = re.search(r"!\[([^\]]+)\]\(media/", source).group(1)
    path = out(printed, f"{RALLY}.pdf")
    with pymupdf.open(path) as pdf:  # image positions, from the MediaBox's top left
        placed = [(page.number + 1, info["bbox"]) for page in pdf for info in page.get_image_info()]
    # the one picture; emoji, which a colour font holds as pictures, stand a line high
    placed = [(page, box) for page, box in placed if box[3] - box[1] > 3 * LINE_PT]
    assert len(placed) == 1
    page, (x0, _, x1, y1) = placed[0]
    media, trim = boxes_mm(path)[page - 1]["MediaBox"], boxes_mm(path)[page - 1]["TrimBox"]
    left, right = (trim[0] - media[0]) * PT_PER_MM, (trim[2] - media[0]) * PT_PER_MM
    margin = CONFIG.pdf.margins[1] * PT_PER_MM  # the manifest sets none: the config's
    assert left + margin - 1 <= x0 and x1 <= right - margin + 1
    below = " ".join(w for p, w, _, y0, _, _ in words(path) if p == page and y1 <= y0 <= y1 + 40)
    assert " ".join(caption.split()[:5]) in below


def test_leaflet_has_headline_standfirst_pull_quote_footer_and_a_qr_code_to_the_issue(
    printed: BuildReport, tmp_path: Path
) -> None:
    import zxingcpp

    source = (PRINT / "documents" / f"{MANIFEST['leaflet']['document']}.md").read_text()
    front = yaml.safe_load(source.split("---")[1])
    leaflet = out(printed, f"{RALLY}-leaflet.pdf")
    first = text_in(leaflet, 1)
    for needed in (front["title"], front["subtitle"], MANIFEST["leaflet"]["pull_quote"]):
        assert needed in first, needed
    last = text_in(leaflet, page_count(leaflet))
    assert CONFIG.organisation in last and " ".join(CONFIG.contact.split()) in last
    image = pixels(leaflet, tmp_path, dpi=200)[-1]
    codes = zxingcpp.read_barcodes(image)
    assert [c.text for c in codes] == [f"{CONFIG.base_url}{RALLY}/"]


def test_black_only_prints_no_colour_and_no_fills(
    printed: BuildReport, overridden: Path, tmp_path: Path
) -> None:
    (tmp_path / "colour").mkdir()
    colour = pixels(out(printed, f"{RALLY}-leaflet.pdf"), tmp_path / "colour")
    assert coloured_share(colour[0]) > 0.05, "the colour leaflet has its red masthead"
    for name in (f"{RALLY}.pdf", f"{RALLY}-leaflet.pdf"):
        folder = tmp_path / name
        folder.mkdir()
        for number, image in enumerate(pixels(overridden / name, folder), start=1):
            assert coloured_share(image) == 0, f"{name} page {number}"
            if number > 1:
                continue  # the masthead is the cover's and the leaflet's front: page 1
            masthead = image.convert("L").crop((0, 0, image.width, image.height // 6))
            dark = sum(1 for v in masthead.get_flattened_data() if v < 160) / (
                masthead.width * masthead.height
            )
            assert dark < 0.3, f"{name} page {number} has a filled area at the top"


# --- options: config < manifest < command line --------------------------------------------


def test_command_line_beats_manifest_beats_config(printed: BuildReport, overridden: Path) -> None:
    def size(path: Path) -> list[float]:
        trim = boxes_mm(path)[0]["TrimBox"]
        return sorted([trim[2] - trim[0], trim[3] - trim[1]])

    assert size(out(printed, f"{RALLY}.pdf")) == pytest.approx(sorted(STANDARD_MM["A5"]), abs=0.01)
    assert size(out(printed, f"{PLAIN}.pdf")) == pytest.approx(sorted(STANDARD_MM["A4"]), abs=0.01)
    assert size(overridden / f"{RALLY}.pdf") == pytest.approx(sorted(STANDARD_MM["A4"]), abs=0.01)
    assert size(overridden / f"{RALLY}-leaflet.pdf") == pytest.approx(
        sorted(STANDARD_MM["A4"]), abs=0.01
    )
    assert sorted(p.name for p in overridden.iterdir()) == [f"{RALLY}-leaflet.pdf", f"{RALLY}.pdf"]


def test_a_leaflet_that_does_not_fit_says_by_how_much_and_writes_nothing(
    workspace: Callable[[str], Path],
) -> None:
    root = workspace("print")
    manifest = root / "issues" / f"{PLAIN}.yaml"
    manifest.write_text(manifest.read_text().replace("short-note", "rally-leaflet"))

    def overflow(*options: str) -> tuple[int, int]:
        args = ["-C", str(root), "build", "2", "--format", "leaflet", *options]
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 1 and "Traceback" not in result.output
        assert "rally-leaflet.md" in result.output
        assert "does not fit on one side of A6" in result.output
        match = re.search(r"runs over by about (\d+) lines? \((\d+)% of a page\)", result.output)
        assert match, result.output
        assert not (root / "dist").exists()
        return int(match.group(1)), int(match.group(2))

    once = overflow()
    assert once[0] > 0 and once[1] > 0
    assert overflow("--bleed", "3mm", "--marks") == once, "bleed and marks change nothing"
    doc = root / "documents" / "rally-leaflet.md"
    head, _, body = doc.read_text().partition("\n---\n")
    doc.write_text(head + "\n---\n" + body + "\n" + body)
    twice = overflow()
    assert twice[0] > once[0] and twice[1] > once[1]


# --- safety -------------------------------------------------------------------------------

HOSTILE_SOURCES = ("file:///etc/passwd", "http://169.254.169.254/latest/meta-data/", "/dev/urandom")


def test_hostile_references_are_left_out_with_a_warning_naming_the_document(
    workspace: Callable[[str], Path], caplog: pytest.LogCaptureFixture
) -> None:
    root = workspace("hostile")
    markdown = (root / "documents" / "evil-markdown.md").read_text()
    images = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", markdown)
    assert set(HOSTILE_SOURCES) <= set(images)
    with caplog.at_level(logging.WARNING, logger="publisher"):
        report = build(root, formats=["pdf"])
    about_it = [r.getMessage() for r in caplog.records if "evil-markdown.md" in r.getMessage()]
    # One warning per image left out; each names the document and the address.
    assert len(about_it) >= len(images), about_it
    for source in HOSTILE_SOURCES:  # named as written, even where the sanitiser dropped it
        assert [w for w in about_it if f"image '{source}' left out" in w], (source, about_it)
    pdf = report.out_dir / "001-hostile" / "001-hostile.pdf"
    with pikepdf.open(pdf) as opened:
        assert not any(page.get_images() for page in opened.pages)
    assert b"root:x:0:0" not in pdf.read_bytes()


def pdf_of_one_document(root: Path, slug: str, body: str) -> list[Artifact]:
    """The PDF renderer's output for an issue of one document, `body` as read."""
    config = load_config(root)
    document = Document(slug, slug.title(), body, config.documents_dir / f"{slug}.md", "en")
    issue = Issue(
        slug=f"009-{slug}",
        number=9,
        title=slug.title(),
        date=dt.date(2026, 1, 1),
        language="en",
        editorial_html="",
        sections=(Section("S", (document,)),),
        source=root / "issues" / f"009-{slug}.yaml",
    )
    ctx = RenderContext(config, config.templates_dir, dt.datetime(2026, 1, 1))
    return PdfRenderer().render(issue, ctx)


def test_the_pdf_fetcher_itself_refuses_them_and_names_the_document(
    workspace: Callable[[str], Path], caplog: pytest.LogCaptureFixture
) -> None:
    """Defence in depth: a body that somehow kept such images (reading removes them)."""
    root = workspace("minimal")
    source = load_config(root).documents_dir / "sneaky.md"
    body = "<p>Text survives.</p>" + "".join(f'<img src="{s}" alt="">' for s in HOSTILE_SOURCES)
    with caplog.at_level(logging.WARNING, logger="publisher"):
        artifacts = pdf_of_one_document(root, "sneaky", body)
    warnings = [r.getMessage() for r in caplog.records]
    for hostile in HOSTILE_SOURCES:
        expected = hostile if "://" in hostile else f"file://{hostile}"
        assert any(expected in w and str(source) in w for w in warnings), (hostile, warnings)
    with pikepdf.open(io.BytesIO(artifacts[0].data)) as pdf:
        assert not any(page.get_images() for page in pdf.pages)


@pytest.mark.parametrize(
    ("kind", "markers"),
    [("a", ["a.", "b."]), ("A", ["A.", "B."]), ("i", ["i.", "ii."]), ("I", ["I.", "II."])],
)
def test_a_lists_type_gives_its_markers_in_print(
    workspace: Callable[[str], Path], tmp_path: Path, kind: str, markers: list[str]
) -> None:
    """A motion's "(a)", "(b)" resolutions and a numbered list's second level are lettered
    lists (<ol type="a">): printed with their letters, as a browser shows them."""
    body = f'<ol type="{kind}"><li>To campaign</li><li>To report back</li></ol>'
    pdf = tmp_path / "motion.pdf"
    pdf.write_bytes(pdf_of_one_document(workspace("minimal"), "motion", body)[0].data)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    found = re.findall(r"^\s*([A-Za-z]+\.)\s*To (?:campaign|report back)", text, re.M)
    assert found == markers, text


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        (
            "---\ntitle: Motions\n---\n\nItems 1 to 4 were agreed.\n\n"
            "5. Repairs within a week\n6. A rent freeze\n",
            ["5.", "6."],
        ),
        (
            "---\ntitle: Countdown\n---\n\nOur top two wins:\n\n<ol reversed>\n"
            "<li>Repairs within a week</li>\n<li>A rent freeze</li>\n</ol>\n",
            ["2.", "1."],
        ),
    ],
    ids=["markdown list from 5", "countdown in HTML"],
)
def test_a_numbered_list_counts_in_print_as_it_is_written(
    workspace: Callable[[str], Path], text: str, numbers: list[str]
) -> None:
    """A list carried on after a paragraph ("5." in Markdown, Word's Set Numbering Value)
    counts from its number in the issue's PDF and the leaflet as it does on the web, and a
    countdown (<ol reversed>) counts down: WeasyPrint ignores both, and printed 1, 2."""
    root = workspace("minimal")
    (root / "documents" / "first-article.md").write_text(text)
    manifest = root / "issues" / "001-first.yaml"
    manifest.write_text(manifest.read_text() + "leaflet:\n  document: first-article\n")
    report = build(root, formats=["pdf", "leaflet"])
    for pdf in ("001-first.pdf", "001-first-leaflet.pdf"):
        printed = subprocess.run(
            ["pdftotext", str(out(report, pdf)), "-"], capture_output=True, text=True
        ).stdout
        found = re.findall(r"^\s*(\d+\.)\s*(?:Repairs|A rent)", printed, re.M)
        assert found == numbers, (pdf, printed)


# --- the repository's example ------------------------------------------------------------


def test_the_examples_pdfs_keep_their_text_on_the_page(built_example: BuildReport) -> None:
    pdfs = sorted(p for p in built_example.out_dir.glob("*/*.pdf") if "-2up" not in p.name)
    assert any("-leaflet" in p.name for p in pdfs), "the example has a leaflet"
    for path in pdfs:
        assert_text_on_the_trimmed_page(path)


def test_the_examples_colophon_names_organisation_contact_and_address(
    built_example: BuildReport,
) -> None:
    example = load_config(REPO)
    for path in built_example.out_dir.glob("*/*.pdf"):
        if path.stem == path.parent.name:  # the issue itself
            back = text_in(path, page_count(path))
            assert example.organisation in back and " ".join(example.contact.split()) in back
            assert f"{example.base_url}{path.parent.name}/" in back


def test_the_examples_headings_stay_with_their_text(built_example: BuildReport) -> None:
    sources = sorted(p for p in (REPO / "documents").iterdir() if p.suffix in (".md", ".html"))
    headings = headings_in(sources)
    for path in built_example.out_dir.glob("*/*.pdf"):
        if path.stem == path.parent.name:
            assert_no_heading_at_a_page_foot(path, headings)


def test_the_contents_lead_to_an_article_named_editorial_not_to_the_editorial(
    tmp_path: Path,
) -> None:
    """An editor's letter kept as documents/editorial.md shared its id with the issue's
    editorial: its line in the contents led to the editorial."""
    root = copy_workspace(WORKSPACES / "minimal", tmp_path / "minimal")
    letter = "Letter from the chair"
    (root / "documents" / "editorial.md").write_text(
        f"---\ntitle: {letter}\n---\n\n" + "The chair writes to every member. " * 150
    )
    manifest = root / "issues" / "001-first.yaml"
    manifest.write_text(
        manifest.read_text().replace(
            "[first-article, second-article]", "[first-article, editorial]"
        )
    )
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", FIXED_EPOCH)
        report = build(root, formats=["pdf"])
    path = report.out_dir / "001-first" / "001-first.pdf"
    with pymupdf.open(path) as pdf:
        linked = [
            link
            for page in pdf
            for link in page.get_links()
            if page.get_textbox(link["from"]).strip().startswith(letter)
        ]
        assert linked, f"no link to {letter!r} in the contents"
        for link in linked:
            target = pdf[link["page"]]
            (heading,) = [r for r in target.search_for(letter) if r.height > 18]  # its title
            # a named destination's point counts up from the page's foot, as PDF does
            assert abs(target.rect.height - link["to"].y - heading.y0) < 10, (link, heading)


def test_a_latex_page_break_alone_in_a_paragraph_starts_a_new_page(
    workspace: Callable[[str], Path],
) -> None:
    """As writers used to pandoc's PDFs type it; and a Windows path keeps its backslashes."""
    root = workspace("minimal")
    (root / "documents" / "first-article.md").write_text(
        "---\ntitle: Two pages\n---\n\nBefore the break, saved in C:\\Users\\ana\\Documents."
        "\n\n\\newpage\n\nAfter the break.\n"
    )
    report = build(root, formats=["pdf"])
    pdf = out(report, "001-first.pdf")
    pages = [text_in(pdf, n) for n in range(1, page_count(pdf) + 1)]
    before = [n for n, text in enumerate(pages) if "Before the break" in text]
    after = [n for n, text in enumerate(pages) if "After the break" in text]
    assert len(before) == len(after) == 1 and after[0] == before[0] + 1, pages
    assert "C:\\Users\\ana\\Documents." in pages[before[0]]
    assert "newpage" not in " ".join(pages)


def test_an_articles_one_line_sign_off_never_starts_a_page_alone(
    workspace: Callable[[str], Path],
) -> None:
    """Articles of 6 to 16 one-line paragraphs and a sign-off, each section on a page of its
    own: for one of those lengths the page is full just before the sign-off."""
    root = workspace("minimal")
    for old in (root / "documents").iterdir():
        old.unlink()
    lengths = range(6, 17)
    sections = []
    for n in lengths:
        lines = "\n\n".join(f"Point {i} of {n}." for i in range(1, n + 1))
        (root / "documents" / f"a{n}.md").write_text(
            f"---\ntitle: Article {n}\n---\n\n{lines}\n\nSigned for committee {n}.\n"
        )
        sections.append(f"  - title: Part {n}\n    documents: [a{n}]")
    (root / "issues" / "001-first.yaml").write_text(
        "number: 1\ntitle: Sign-offs\ndate: 2026-01-10\npdf:\n  page_size: A6\n"
        "  page_break: section\nsections:\n" + "\n".join(sections) + "\n"
    )
    report = build(root, formats=["pdf"])
    pdf = out(report, "001-first.pdf")
    pages = [text_in(pdf, n) for n in range(1, page_count(pdf) + 1)]
    for n in lengths:
        (page,) = [text for text in pages if f"Signed for committee {n}." in text]
        assert f"Point {n} of {n}." in page, (n, page)


def test_a_pdf_past_the_time_limit_fails_naming_the_issue_and_the_other_outputs_are_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A document of 10,000 footnotes kept WeasyPrint laying out the PDF for hours, and the
    build waiting for it. A PDF has [limits] render_seconds, in the build's own process as
    in a PDF worker; here a limit no layout meets stands for a PDF too long to lay out."""
    limited = "\n[limits]\nrender_seconds = 0.001\n"
    longest = "\n\n".join(f"Paragraph {n} of the report." for n in range(40))
    documents = {"report.md": f"---\ntitle: Report\n---\n\n{longest}\n"}
    alone = minimal_with(tmp_path / "alone", documents, limited)
    monkeypatch.setenv("PUBLISHER_JOBS", "1")
    with pytest.raises(PublisherError) as error:
        build(alone, formats=["pdf", "email"])
    pooled = minimal_with(tmp_path / "pooled", documents, limited)
    in_worker = build_in_a_pool(pooled, ["pdf", "email"], must_succeed=False)
    for root, refused in ((alone, str(error.value)), (pooled, in_worker["refused"])):
        assert refused.startswith(f"{root / 'issues' / '001-first.yaml'}: its PDF was not made")
        assert "took more than 0.001 s" in refused
        assert f"the longest document is {root / 'documents' / 'report.md'}" in refused
        assert "render_seconds under [limits]" in refused
        assert not (root / "dist" / "001-first" / "001-first.pdf").exists()
        assert (root / "dist" / "001-first" / "email.eml").is_file()


# --- stylesheet overrides ------------------------------------------------------------------


def test_mistakes_in_a_print_css_override_are_warned_of_at_their_file_and_line(
    workspace: Callable[[str], Path],
) -> None:
    """An override copied from the theme, as the README says, with a value misspelt, a colon
    left out, and a `}` left out: WeasyPrint drops each (the last, the rest of the sheet
    with it: cover, page breaks) without a word of its own. The theme's own rules, which
    WeasyPrint reads in the same sheet, give no warning."""
    root = workspace("minimal")
    theme_css = (REPO / "templates" / "default" / "pdf" / "print.css").read_text().splitlines()
    html_rule = next(n for n, line in enumerate(theme_css) if line.startswith("html {"))
    edited = [
        *theme_css[: html_rule + 1],
        ".byline { color: blu; }",  # line html_rule + 2
        "h3 { font-size 14pt; }",  # line html_rule + 3
        theme_css[html_rule + 1],  # body { margin: 0; }
        "h2 { color: red;",  # line html_rule + 5
        *theme_css[html_rule + 2 :],
    ]
    override = root / "templates" / "pdf" / "print.css"
    override.parent.mkdir(parents=True)
    override.write_text("\n".join(edited) + "\n")

    result = CliRunner().invoke(main, ["-C", str(root), "build", "--format", "pdf"])

    assert result.exit_code == 0, result.output
    # One line for each mistake, none for the theme's own rules (print-base.css)
    warned = [line for line in result.output.splitlines() if ".css" in line]
    assert len(warned) == 3, result.output
    override_line = "warning: templates/pdf/print.css:{}: "
    assert warned[0].startswith(override_line.format(html_rule + 5)), warned
    assert "'h2 { color: red;'" in warned[0] and "never closed" in warned[0]
    assert warned[1].startswith(override_line.format(html_rule + 2)), warned
    assert "`color: blu`" in warned[1]
    assert warned[2].startswith(override_line.format(html_rule + 3)), warned
    assert "'h3 { font-size 14pt; }'" in warned[2]


def test_page_size_and_margins_in_a_print_css_override_are_warned_of_with_the_setting(
    workspace: Callable[[str], Path],
) -> None:
    """`@page { size: A5; margin: 12mm 10mm }` added to a copy of the theme's print.css: the
    PDF stayed A4 with the theme's margins, without a word (the page's geometry is a print
    option, written into the page's HTML, where it wins over the stylesheet)."""
    root = workspace("minimal")
    theme_css = (REPO / "templates" / "default" / "pdf" / "print.css").read_text()
    override = root / "templates" / "pdf" / "print.css"
    override.parent.mkdir(parents=True)
    override.write_text(theme_css + "@page {\n  size: A5;\n  margin: 12mm 10mm;\n}\n")
    at = len(theme_css.splitlines()) + 2  # the line of `size: A5;`

    result = CliRunner().invoke(main, ["-C", str(root), "build", "--format", "pdf"])

    assert result.exit_code == 0, result.output
    warned = [line for line in result.output.splitlines() if ".css" in line]
    assert len(warned) == 2, result.output
    assert warned[0].startswith(f"warning: templates/pdf/print.css:{at}: `size: A5`"), warned
    assert 'page_size = "A5" under [pdf] in publisher.toml' in warned[0]
    assert warned[1].startswith(f"warning: templates/pdf/print.css:{at + 1}: `margin: 12mm 10mm`")
    assert 'margins = "12mm 10mm" under [pdf] in publisher.toml' in warned[1]


def built_with_print_css(root: Path, css: str) -> tuple[str, list[str]]:
    """`root` built as PDF with `css` as its templates/pdf/print.css override: what the
    build said, and its lines about that stylesheet."""
    override = root / "templates" / "pdf" / "print.css"
    override.parent.mkdir(parents=True, exist_ok=True)
    override.write_text(css)
    result = CliRunner().invoke(main, ["-C", str(root), "build", "--format", "pdf"])
    assert result.exit_code == 0, result.output
    return result.output, [line for line in result.output.splitlines() if "print.css" in line]


def test_a_turned_page_size_in_a_print_css_override_is_warned_of_with_a_value_pdf_takes(
    workspace: Callable[[str], Path],
) -> None:
    """`@page { size: A4 landscape }` is answered with `page_size = "A4 landscape"`, which
    [pdf] takes as CSS does (it was refused: "unknown page size"); `size: landscape` is not
    answered with `page_size = "landscape"`, which it refuses."""
    root = workspace("minimal")
    output, warned = built_with_print_css(
        root,
        '{% include "default:pdf/print.css" %}\n@page {\n  size: A4 landscape;\n}\n'
        "@page {\n  size: landscape;\n}\n",
    )
    assert len(warned) == 2, output
    assert 'page_size = "A4 landscape" under [pdf]' in warned[0], warned
    assert 'page_size = "landscape"' not in warned[1], warned
    assert "page_size under [pdf]" in warned[1] and '"120mm 180mm"' in warned[1]
    assert '"A4 landscape" turns a size' in warned[1], warned

    config = root / "publisher.toml"
    config.write_text(config.read_text() + '\n[pdf]\npage_size = "A4 landscape"\n')
    built_with_print_css(root, '{% include "default:pdf/print.css" %}\n')
    with pymupdf.open(root / "dist" / "001-first" / "001-first.pdf") as pdf:
        assert round(pdf[0].rect.width) == 842 and round(pdf[0].rect.height) == 595


def test_page_size_and_margins_inside_media_print_in_a_print_css_override_are_warned_of(
    workspace: Callable[[str], Path],
) -> None:
    """`@media print { @page { size: letter; margin: 40mm } }`, as print stylesheets are often
    written: the PDF stayed A4 with the theme's margins and nothing was said, though the same
    rule outside @media is warned of. A rule for the screen only is not the PDF's; WeasyPrint
    leaves a whole @supports out, and says so itself."""
    output, warned = built_with_print_css(
        workspace("minimal"),
        '{% include "default:pdf/print.css" %}\n'
        "@media print {\n  @page {\n    size: letter;\n    margin: 40mm;\n  }\n}\n"
        "@supports (display: grid) {\n  @page { size: A5; }\n}\n"
        "@media screen {\n  @page { size: A3; }\n}\n",
    )
    assert len(warned) == 3, output
    assert warned[0].startswith("warning: templates/pdf/print.css:8: WeasyPrint leaves out")
    assert warned[1].startswith("warning: templates/pdf/print.css:4: `size: letter`"), warned
    assert 'page_size = "letter" under [pdf]' in warned[1], warned
    assert warned[2].startswith("warning: templates/pdf/print.css:5: `margin: 40mm`"), warned
    assert 'margins = "40mm" under [pdf]' in warned[2], warned
    assert "A3" not in output


WIDE_PAGES = """{{% include "default:pdf/print.css" %}}
.wide {{ page: wide; }}
@page wide {{ size: A4 landscape{important}; }}
@page :left {{ margin-left: 25mm{important}; margin-right: 15mm{important}; }}
"""


def test_named_and_left_pages_in_a_print_css_override_apply_when_important_as_warned(
    workspace: Callable[[str], Path],
) -> None:
    """A named page (`@page wide`) and left pages' margins are not the issue's page: the
    warning sent the editor to [pdf], which cannot say them (one landscape page, a gutter),
    and the page stayed A4 portrait. It now says what makes them apply: `!important`."""
    root = workspace("minimal")
    article = root / "documents" / "first-article.md"
    article.write_text(
        article.read_text()
        + "\n\n::: wide\nThe rota for the week.\n\n| Day | Shift |\n|---|---|\n| Mon | 06:00 |\n:::\n"
    )
    output, warned = built_with_print_css(root, WIDE_PAGES.format(important=""))
    assert len(warned) == 3, output
    assert "`size: A4 landscape` in `@page wide`" in warned[0], warned
    assert "`margin-left: 25mm` in `@page :left`" in warned[1], warned
    assert all("!important" in line and "[pdf]" not in line for line in warned), warned

    output, _ = built_with_print_css(root, WIDE_PAGES.format(important=" !important"))
    assert "print.css" not in output
    with pymupdf.open(root / "dist" / "001-first" / "001-first.pdf") as pdf:
        turned = [page for page in pdf if page.rect.width > page.rect.height]
        assert [page.search_for("The rota for the week") != [] for page in turned] == [True]
        left = pdf[1]  # the second page is a left-hand page
        words = left.get_text("words")
        assert min(word[0] for word in words) == pytest.approx(25 * 72 / 25.4, abs=0.5)
