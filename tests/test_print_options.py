"""Print options are the same in publisher.toml ([pdf]), a manifest (`pdf:`, `leaflet:`) and
on the command line; every mistake is reported with where it is and how to fix it, before
anything is rendered."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from publisher.cli import main
from publisher.config import load_config
from publisher.printing import (
    PAGE_SIZES,
    PrintOptions,
    PrintSettings,
    parse_margins,
    parse_page_size,
    resolve,
)


def run(root: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["-C", str(root), "build", *args])
    return result.exit_code, result.output


def line_of(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text().splitlines(), 1) if text in line)


@pytest.fixture
def minimal(workspace: Callable[[str], Path]) -> Path:
    return workspace("minimal")


def test_config_takes_named_and_custom_sizes_and_lengths_in_any_unit(minimal: Path) -> None:
    toml = minimal / "publisher.toml"
    toml.write_text(
        toml.read_text()
        + '[pdf]\npage_size = "120mm 7in"\nmargins = "1cm 12pt"\nbleed = "0.125in"\n'
        + 'marks = true\nblack_only = true\nstandard = "pdf/a-3b"\ncreep = 0.1\n'
    )
    settings = load_config(minimal).pdf
    assert settings.page_size is not None
    assert (settings.page_size.width_mm, settings.page_size.height_mm) == (120, 7 * 25.4)
    assert settings.margins == pytest.approx((10, 12 * 25.4 / 72, 10, 12 * 25.4 / 72))
    assert settings.bleed == pytest.approx(3.175)
    assert (settings.marks, settings.black_only, settings.standard) == (True, True, "pdf/a-3b")
    assert settings.creep == 0.1


@pytest.mark.parametrize(
    ("setting", "message"),
    [
        ('bleed = "3 furlongs"', "is not a length"),
        ('page_size = "B7"', "unknown page size 'B7'"),
        ('page_size = "20mm 30mm"', "too small"),
        ('impose = "6up"', "use one of booklet, 2up, 3up, 4up, none"),
        ('marks = "yes"', "is not true or false"),
        ('bleed = "25mm"', "more than any printer asks for"),
        ('standard = "pdf/x-1a"', "use one of pdf/ua-1, pdf/a-3b, pdf/x-4"),
    ],
)
def test_bad_config_values_name_the_line_and_the_fix(
    minimal: Path, setting: str, message: str
) -> None:
    toml = minimal / "publisher.toml"
    toml.write_text(toml.read_text() + f"[pdf]\n{setting}\n")
    code, output = run(minimal)
    assert code == 1 and message in output and "Traceback" not in output
    assert f"publisher.toml:{line_of(toml, setting)}:" in output
    assert not (minimal / "dist").exists()


def test_every_manifest_print_mistake_is_reported_at_once(minimal: Path) -> None:
    manifest = minimal / "issues" / "001-first.yaml"
    manifest.write_text(
        manifest.read_text()
        + "pdf:\n  page_size: A7\n  bleeed: 3mm\n"
        + "leaflet:\n  document: secnd-article\n  sides: 3\n  colums: 2\n  impose: booklet\n"
    )
    code, output = run(minimal)
    assert code == 1 and "Traceback" not in output
    for text, expected in [
        ("page_size: A7", "unknown page size 'A7'"),
        ("bleeed", "did you mean 'bleed'"),
        ("document: secnd-article", "did you mean 'second-article'"),
    ]:
        assert f"001-first.yaml:{line_of(manifest, text)}:" in output and expected in output
    manifest.write_text(manifest.read_text().replace("secnd-article", "second-article"))
    code, output = run(minimal)
    for text, expected in [
        ("sides: 3", "leaflet.sides: must be 1 or 2"),
        ("colums", "did you mean 'columns'"),
        ("impose: booklet", "cannot be imposed as a booklet"),
    ]:
        assert f"001-first.yaml:{line_of(manifest, text)}:" in output and expected in output


@pytest.mark.parametrize(
    ("size", "layout", "message"),
    [
        ("A4", "2up", "2up needs pages no larger than A5; these are 210×297 mm"),
        ("A5", "4up", "4up needs pages no larger than A6; these are 148×210 mm"),
        ("Letter", "2up", "2up needs pages no larger than A5; these are 216×279 mm"),
    ],
)
def test_a_leaflet_too_large_for_its_copies_is_told_at_its_impose_line_before_any_layout(
    minimal: Path, size: str, layout: str, message: str
) -> None:
    """Two A5 copies fill an A4 (or Letter) sheet, four A6 ones: larger pages fit none."""
    manifest = minimal / "issues" / "001-first.yaml"
    manifest.write_text(
        manifest.read_text()
        + f"leaflet:\n  document: second-article\n  page_size: {size}\n  impose: {layout}\n"
    )
    code, output = run(minimal)
    assert code == 1 and "Traceback" not in output
    assert f"001-first.yaml:{line_of(manifest, 'impose:')}: leaflet.impose: {message}" in output
    assert not (minimal / "dist").exists()


def test_a_page_size_given_on_the_command_line_too_large_for_copies_fails_the_leaflet_only(
    minimal: Path,
) -> None:
    manifest = minimal / "issues" / "001-first.yaml"
    manifest.write_text(
        manifest.read_text() + "leaflet:\n  document: second-article\n  impose: 2up\n"
    )
    code, output = run(minimal, "--page-size", "A4", "--format", "web,leaflet")
    assert code == 1 and "Traceback" not in output
    assert "2up needs pages no larger than A5" in output
    assert "--page-size A4 sets the leaflet's page too" in output
    issue = minimal / "dist" / "001-first"
    assert (issue / "index.html").is_file()  # the other outputs are written
    assert not list(issue.glob("*leaflet*"))


def test_margins_too_wide_for_the_leaflets_page_fail_the_leaflet_only(minimal: Path) -> None:
    """--margins sets the issue's margins and the leaflet's: margins that fit the A4 issue
    but leave no text on the leaflet's A5 page fail the leaflet, as a page too large for
    its copies does, not the outputs they fit."""
    manifest = minimal / "issues" / "001-first.yaml"
    manifest.write_text(manifest.read_text() + "leaflet:\n  document: second-article\n")
    code, output = run(minimal, "--margins", "15mm 72mm", "--format", "web,leaflet")
    assert code == 1 and "Traceback" not in output
    assert "leave no room for text on the leaflet's A5 page" in output
    assert "001-first.yaml" in output and "--margins" in output
    issue = minimal / "dist" / "001-first"
    assert (issue / "index.html").is_file()  # the other outputs are written
    assert not list(issue.glob("*leaflet*"))


def test_margins_too_wide_for_the_leaflet_do_not_stop_a_build_without_it(minimal: Path) -> None:
    manifest = minimal / "issues" / "001-first.yaml"
    manifest.write_text(manifest.read_text() + "leaflet:\n  document: second-article\n")
    code, output = run(minimal, "--margins", "15mm 72mm", "--format", "web")
    assert code == 0, output
    assert (minimal / "dist" / "001-first" / "index.html").is_file()


@pytest.mark.parametrize("said", ["yes", "on", "true", "Yes"])
def test_a_manifest_turns_marks_on_with_yes_as_people_write_it(minimal: Path, said: str) -> None:
    """YAML 1.2 reads yes and on as words, not true (so a title "Yes" stays "Yes"): a
    setting that wants true or false takes them."""
    from publisher.manifest import load_manifest
    from publisher.pool import DocumentPool

    manifest = minimal / "issues" / "001-first.yaml"
    manifest.write_text(manifest.read_text() + f"pdf:\n  marks: {said}\n  black_only: no\n")
    loaded = load_manifest(manifest, DocumentPool.scan(minimal / "documents"), minimal)
    assert (loaded.pdf.marks, loaded.pdf.black_only) == (True, False)


def test_bad_command_line_values_are_one_clear_error(minimal: Path) -> None:
    code, output = run(minimal, "--bleed", "3furlongs", "--page-size", "A9")
    assert code == 1 and "Traceback" not in output
    assert "--bleed: '3furlongs' is not a length" in output
    assert "--page-size: unknown page size 'A9'" in output and "120mm 180mm" in output
    assert not (minimal / "dist").exists()


def test_later_layers_win_and_impositions_go_to_the_product_they_fit() -> None:
    defaults = PrintOptions(parse_page_size("A4"), margins=(20, 20, 20, 20))
    config = PrintSettings(page_size=parse_page_size("A5"), bleed=3.0, impose="booklet")
    manifest = PrintSettings(page_size=parse_page_size("Letter"), marks=True)
    cli = PrintSettings(bleed=0.0, impose="2up")
    issue = resolve(defaults, config, manifest, cli, impositions=("booklet",))
    leaflet = resolve(defaults, config, manifest, cli, impositions=("2up", "4up"))
    assert issue.page_size.name == leaflet.page_size.name == "Letter"
    assert (issue.bleed, issue.marks, issue.margins) == (0.0, True, defaults.margins)
    assert (issue.impose, leaflet.impose) == ("booklet", "2up")
    off = resolve(defaults, config, PrintSettings(impose="none"), impositions=("booklet",))
    assert off.impose == "none"


# ISO 216 in millimetres, DL from ISO 269; ANSI/US sizes in inches (Letter 8.5 × 11, Half
# Letter 5.5 × 8.5, Legal 8.5 × 14, Tabloid 11 × 17), written out here rather than taken
# from the code under test.
STANDARD_SIZES_MM = {
    "A3": (297, 420),
    "A4": (210, 297),
    "A5": (148, 210),
    "A6": (105, 148),
    "B5": (176, 250),
    "DL": (99, 210),
    "Letter": (8.5 * 25.4, 11 * 25.4),
    "Half Letter": (5.5 * 25.4, 8.5 * 25.4),
    "Legal": (8.5 * 25.4, 14 * 25.4),
    "Tabloid": (11 * 25.4, 17 * 25.4),
}


@pytest.mark.parametrize(("name", "size"), STANDARD_SIZES_MM.items())
def test_named_sizes_are_the_standard_ones(name: str, size: tuple[float, float]) -> None:
    parsed = parse_page_size(name.lower())
    assert parsed.name == name
    assert (parsed.width_mm, parsed.height_mm) == pytest.approx(size)


@pytest.mark.parametrize(
    ("written", "name"),
    [
        ("half-letter", "Half Letter"),
        ("HalfLetter", "Half Letter"),
        ("half_letter", "Half Letter"),
        ("Statement", "Half Letter"),  # ANSI's name, and Word's
        ("ledger", "Tabloid"),
        ("US Letter", "Letter"),
        ("dl", "DL"),
    ],
)
def test_a_size_is_known_by_its_other_names_and_however_it_is_spaced(
    written: str, name: str
) -> None:
    assert parse_page_size(written).name == name


@pytest.mark.parametrize(
    ("written", "name", "size"),
    [
        ("A4 landscape", "A4 landscape", (297, 210)),
        ("landscape a5", "A5 landscape", (210, 148)),
        ("A5 portrait", "A5", (148, 210)),
        ("Half Letter landscape", "Half Letter landscape", (215.9, 139.7)),
        ("120mm 180mm landscape", "180mm 120mm", (180, 120)),
        ("180mm 120mm portrait", "120mm 180mm", (120, 180)),
    ],
)
def test_a_size_is_turned_by_a_word_beside_it_as_css_writes_it(
    written: str, name: str, size: tuple[float, float]
) -> None:
    page = parse_page_size(written)
    assert (page.name, page.width_mm, page.height_mm) == pytest.approx((name, *size))


@pytest.mark.parametrize(
    ("written", "size"),
    [
        ("148x210mm", (148, 210)),  # A5, as a print shop's price list writes it
        ("148 × 210 mm", (148, 210)),
        ("8.5x11in", (215.9, 279.4)),  # US Letter, ANSI's inches
        ("5.5 by 8.5 in", (139.7, 215.9)),
        ("120 mm 180 mm", (120, 180)),  # each number with its unit, a space between
    ],
)
def test_a_width_and_height_are_read_as_printers_write_them(
    written: str, size: tuple[float, float]
) -> None:
    """They were "unknown page size", with the hint to write "120mm 180mm"."""
    page = parse_page_size(written)
    assert (page.width_mm, page.height_mm) == pytest.approx(size)
    assert re.fullmatch(r"[\d.]+(mm|in) [\d.]+(mm|in)", page.name), page.name  # CSS's size


@pytest.mark.parametrize(
    ("written", "margins"),
    [("2 cm", (20, 20, 20, 20)), ("20 mm 15 mm", (20, 15, 20, 15)), ("1 in", (25.4,) * 4)],
)
def test_margins_with_a_space_before_the_unit_are_the_lengths_meant(
    written: str, margins: tuple[float, ...]
) -> None:
    """ "2 cm" was read as two lengths, 2mm and "cm", and refused: "'cm' is not a length"."""
    assert parse_margins(written) == pytest.approx(margins)


@pytest.mark.parametrize(("written", "meant"), [("Leter", "Letter"), ("Tabliod", "Tabloid")])
def test_a_misspelt_size_is_answered_with_the_size_meant(written: str, meant: str) -> None:
    with pytest.raises(ValueError) as error:
        parse_page_size(written)
    assert f"did you mean {meant}? Or use one of A3, A4" in str(error.value)


def test_page_sizes_are_written_for_css_in_millimetres() -> None:
    assert parse_page_size("A5").css == "148mm 210mm"
    assert parse_page_size("letter").css == "215.9mm 279.4mm"


def test_every_named_size_is_a_standard_one() -> None:
    assert set(PAGE_SIZES) == set(STANDARD_SIZES_MM)


def test_cli_flags_are_listed_in_build_help() -> None:
    output = CliRunner().invoke(main, ["build", "--help"]).output
    for flag in ("--page-size", "--margins", "--bleed", "--marks", "--impose", "--black-only"):
        assert flag in output
