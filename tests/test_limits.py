"""Limits on what a document and the print settings may ask for, each a clear error (or, for
deep HTML, a flattened body with a warning) instead of minutes, gigabytes or a crash.

Zip bombs are read in a child process with a time and memory limit, so that a regression
fails the test instead of hanging the suite."""

from __future__ import annotations

import logging
import re
import subprocess
import sys
import zipfile
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from typing import ClassVar

import lxml.html
import pypandoc
import pytest
from bounded import finishes_within, outcome_in_child
from config_support import GOOD, config_error

from publisher.config import load_config
from publisher.errors import PublisherError
from publisher.limits import Limits
from publisher.printing import PageSize, PrintOptions, PrintSettings, parse_margins, resolve
from publisher.readers import read_document
from publisher.renderers.weasy import breakable_long_words
from publisher.sanitize import clean_html, lift_deep_lists

PUBLISHER = str(Path(sys.executable).with_name("publisher"))  # the installed command
MB = 1024 * 1024  # [limits] sizes are binary: 1 KB = 1024 bytes


def read_in_child(path: Path) -> dict[str, str]:
    """read_document in a child process limited to 30 s and 2 GB: its error, or 'ok'."""
    statement = (
        "from publisher.readers import read_document; "
        "path = Path(sys.argv[1]); read_document(path, 'x', path.parent, 'en')"
    )
    return outcome_in_child(statement, str(path))


def office_bomb(path: Path, padding_mb: int) -> Path:
    """A real DOCX or ODT (written by pandoc) whose main XML part is padded with
    `padding_mb` of spaces, which deflate to almost nothing."""
    plain = path.with_name(f"plain{path.suffix}")
    pypandoc.convert_text("Hello", path.suffix[1:], "markdown", outputfile=str(plain))
    main = "word/document.xml" if path.suffix == ".docx" else "content.xml"
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(path, "w") as office:
        for member in source.infolist():
            data = source.read(member)
            if member.filename != main:
                office.writestr(member, data, zipfile.ZIP_DEFLATED)
                continue
            head, _, tail = data.rpartition(b"</")
            info = zipfile.ZipInfo(main, member.date_time)
            info.compress_type = zipfile.ZIP_DEFLATED
            with office.open(info, "w") as part:
                part.write(head)
                for _ in range(padding_mb):
                    part.write(b" " * MB)
                part.write(b"</" + tail)
    return path


@pytest.mark.parametrize("suffix", [".docx", ".odt"])
def test_office_file_that_inflates_too_far_is_refused(tmp_path: Path, suffix: str) -> None:
    path = office_bomb(tmp_path / f"bomb{suffix}", 100)
    assert path.stat().st_size < 2 * MB
    outcome = read_in_child(path)
    assert outcome["result"] == "error", outcome
    assert outcome["message"].startswith(f"{path}: ") and "unpacks to 100" in outcome["message"]
    assert "office_inflated_size" in outcome["message"]


def test_office_file_compressed_beyond_reason_is_refused(tmp_path: Path) -> None:
    path = office_bomb(tmp_path / "squeezed.docx", 20)
    with pytest.raises(PublisherError) as error:
        read_document(path, "x", tmp_path, "en")
    assert "compressed" in str(error.value) and "office_compression_ratio" in str(error.value)


def test_office_limits_can_be_raised(tmp_path: Path) -> None:
    path = office_bomb(tmp_path / "squeezed.docx", 3)
    limits = Limits(office_compression_ratio=10_000)
    assert "Hello" in read_document(path, "x", tmp_path, "en", limits=limits).body_html


def test_document_larger_than_the_limit_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.md"
    path.write_text("# Big\n\n" + "word " * 600_000)
    with pytest.raises(PublisherError) as error:
        read_document(path, "x", tmp_path, "en")
    assert str(error.value).startswith(f"{path}: ") and "2.9 MB" in str(error.value)
    assert "document_size" in str(error.value)


def test_document_size_limit_comes_from_limits(tmp_path: Path) -> None:
    path = tmp_path / "small.md"
    path.write_text("word " * 400)
    with pytest.raises(PublisherError):
        read_document(path, "x", tmp_path, "en", limits=Limits(document_size=1024))


def _document_with_a_picture(folder: Path, width: int, height: int) -> Path:
    """A document showing a one-bit picture of `width` × `height` (a few KB on disk)."""
    from PIL import Image

    (folder / "media").mkdir()
    Image.new("1", (width, height), 1).save(folder / "media" / "poster.png", optimize=True)
    path = folder / "scan.md"
    path.write_text("# The poster\n\n![The poster](media/poster.png)\n\nSee above.\n")
    return path


def test_a_picture_of_more_pixels_than_the_limit_is_left_out_with_its_size_said(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = _document_with_a_picture(tmp_path, 10_000, 9_000)  # 90 million: the default is 89
    document = read_document(path, "x", tmp_path, "en")
    assert document.images == () and "<img" not in document.body_html
    assert "See above." in document.body_html
    said = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert said == [
        f"{path}:3: image 'media/poster.png' left out: 10,000 × 9,000 pixels (90 million), more"
        " than the 89 million an image may have: scale it down (3,500 pixels across fill an"
        " A4 page at 400 ppi), or raise image_pixels under [limits]"
    ]


def test_a_picture_over_pillows_own_limit_is_left_out_the_same_way(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = _document_with_a_picture(tmp_path, 14_000, 14_000)  # Pillow refuses over 179 million
    document = read_document(path, "x", tmp_path, "en")
    assert document.images == ()
    [said] = [r.getMessage() for r in caplog.records if "left out" in r.getMessage()]
    assert "left out: 196 million pixels, more than the 89 million an image may have" in said


def test_a_picture_inside_a_word_file_is_held_to_the_limit_too(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    source = _document_with_a_picture(tmp_path, 10_000, 9_000)
    documents = tmp_path / "documents"
    documents.mkdir()
    pypandoc.convert_file(
        str(source), "docx", outputfile=str(documents / "scan.docx"), cworkdir=str(tmp_path)
    )
    document = read_document(documents / "scan.docx", "scan", documents, "en")
    assert document.images == () and "<img" not in document.body_html
    [said] = [r.getMessage() for r in caplog.records if "left out" in r.getMessage()]
    named = re.escape(f"{documents / 'scan.docx'}: image ") + r"'media/rId\d+\.png'"
    assert re.match(named + re.escape(" left out: 10,000 × 9,000 pixels (90 million)"), said)


def test_a_picture_within_a_raised_limit_is_kept(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = _document_with_a_picture(tmp_path, 10_000, 9_000)
    document = read_document(path, "x", tmp_path, "en", limits=Limits(image_pixels=100_000_000))
    assert document.images == ("media/poster.png",)
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]


def test_in_print_a_word_too_long_to_lay_out_in_good_time_gets_a_break_every_20_characters() -> (
    None
):
    address = "https://example.org/" + "y" * 3_000
    body = f'<p>See <a href="{address}">{"z" * 2_500}</a> and {"x" * 2_001}.</p>'
    printed = lxml.html.fragment_fromstring(breakable_long_words(body))
    assert printed.xpath("//a/@href") == [address]  # addresses are not text: left whole
    link = printed.xpath("//a")[0]
    assert [len(piece) for piece in link.text.split("\u200b")] == [20] * 125
    assert "x" * 21 not in link.tail and "x" * 20 in link.tail
    assert printed.text_content().replace("\u200b", "") == f"See {'z' * 2_500} and {'x' * 2_001}."


@pytest.mark.parametrize(
    "run",
    [
        "<b>x</b>" * 2_500,  # a word through inline tags: a page's markup pasted on one line
        "ab\u00a0" * 1_000,  # words tied by no-break spaces, where no line may break
        "cd\u202f" * 1_000,  # narrow no-break spaces (French's)
    ],
    ids=["inline tags", "no-break spaces", "narrow no-break spaces"],
)
def test_in_print_a_word_runs_on_through_inline_tags_and_no_break_spaces(run: str) -> None:
    """WeasyPrint lays out such a run as one word: a page of 25,000 <b>x</b> in a row took
    it over 100 s."""
    printed = lxml.html.fragment_fromstring(breakable_long_words(f"<p>Before {run} after</p>"))
    pieces = printed.text_content().removeprefix("Before ").removesuffix(" after").split("\u200b")
    assert {len(piece) for piece in pieces} == {20}
    assert len(pieces) == len(lxml.html.fragment_fromstring(f"<p>{run}</p>").text_content()) / 20


def test_in_print_a_word_ends_with_its_block_written_with_no_space_after_it() -> None:
    """A minified page's list items or table cells, with no space between their tags, are
    words of their own: a break in one would split "solidarity" across two lines."""
    body = "<ul>" + "<li>solidarity</li>" * 500 + "</ul><table><tr>" + "<td>2026</td>" * 600
    body += "</tr></table><p>One<br>two</p>"
    assert breakable_long_words(body) is body


def test_words_of_up_to_2000_characters_are_printed_as_written() -> None:
    body = f"<p>A long address: {'a' * 2_000} and text.</p>"
    assert breakable_long_words(body) is body


class _Depth(HTMLParser):
    VOID: ClassVar[set[str]] = {"br", "hr", "img", "wbr", "col"}

    def __init__(self) -> None:
        super().__init__()
        self.depth = self.deepest = 0

    def handle_starttag(self, tag: str, attrs: object) -> None:
        if tag not in self.VOID:
            self.depth += 1
            self.deepest = max(self.deepest, self.depth)

    def handle_endtag(self, tag: str) -> None:
        self.depth -= 1


def depth_of(html: str) -> int:
    parser = _Depth()
    parser.feed(html)
    return parser.deepest


def test_deep_html_is_flattened_keeping_its_text() -> None:
    deep = "<p>top</p>" + "<div><em>" * 5000 + "deep &amp; text" + "</em></div>" * 5000
    cleaned = clean_html(deep)
    assert depth_of(cleaned) == 64
    assert "deep &amp; text" in cleaned and cleaned.startswith("<p>top</p>")


def test_a_page_of_unclosed_angle_brackets_is_measured_in_time_linear_in_its_length() -> None:
    """In a child bounded at 10 s (this takes well under a second): the depth of a raw
    page is measured before pandoc reads it, and from each "<" of "<a <a …" a tag's end
    was looked for to the page's end: 20 s for a page of 5,000 "<http://a"."""
    finishes_within(
        10,
        "from publisher.sanitize import flatten_deep_html",
        "page = '<div>' * 100 + 'deep' + '</div>' * 100 + '<p>' + '<a <http://x ' * 100_000",
        "out, unwrapped = flatten_deep_html(page, 64)",
        "assert unwrapped == 36 and out.count('<div>') == 64 and 'deep' in out, unwrapped",
        "assert out.endswith('<a <http://x ' * 100_000)",
    )


def test_shallow_html_is_left_alone() -> None:
    html = '<div class="a"><p>One <a href="https://x.org/?a=1&amp;b=2">link</a><br>two</p></div>'
    assert clean_html(html) == html.replace('">link', '" rel="noopener noreferrer">link')


def test_deep_html_document_is_flattened_with_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "deep.html"
    path.write_text("<p>top</p>" + "<div>" * 1000 + "deep text" + "</div>" * 1000)
    with caplog.at_level(logging.WARNING, logger="publisher"):
        document = read_document(path, "x", tmp_path, "en", limits=Limits(html_depth=32))
    assert depth_of(document.body_html) == 32 and "deep text" in document.body_html
    assert str(path) in caplog.text and "nested" in caplog.text


def list_levels(html: str) -> int:
    """How many lists deep the deepest list item is."""
    deepest = level = 0
    for tag in re.finditer(r"<(/?)(ul|ol)\b", html):
        level += -1 if tag.group(1) else 1
        deepest = max(deepest, level)
    return deepest


def test_lists_deeper_than_nine_levels_keep_every_item_in_order_at_the_ninth(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Word, LibreOffice and Google Docs stop at nine levels: deeper items move up, none lost."""
    path = tmp_path / "outline.md"
    path.write_text("".join("  " * i + f"- item {i} text\n" for i in range(14)))
    with caplog.at_level(logging.WARNING, logger="publisher"):
        document = read_document(path, "x", tmp_path, "en")
    items = re.findall(r"item (\d+) text", document.body_html)
    assert items == [str(i) for i in range(14)]
    assert list_levels(document.body_html) == 9
    assert depth_of(document.body_html) <= 18  # ul and li for each level: nothing left inside
    assert str(path) in caplog.text and "moved up" in caplog.text


def test_text_and_a_second_list_after_a_lifted_list_stay_in_their_place() -> None:
    html = "<ul><li>a<ul><li>b</li></ul>c<ul><li>d</li></ul></li></ul>"
    assert lift_deep_lists(html, levels=1) == (
        "<ul><li>a</li><li>b</li><li>c</li><li>d</li></ul>",
        2,
    )


def test_a_nine_level_outline_is_left_as_written(tmp_path: Path) -> None:
    path = tmp_path / "outline.md"
    path.write_text("".join("  " * i + f"- item {i}\n" for i in range(9)))
    document = read_document(path, "x", tmp_path, "en")
    assert list_levels(document.body_html) == 9


def test_limits_table_is_read(tmp_path: Path) -> None:
    (tmp_path / "publisher.toml").write_text(
        GOOD
        + '[limits]\ndocument_size = "5MB"\noffice_compression_ratio = 400\n'
        + "image_pixels = 120_000_000\n"
    )
    limits = load_config(tmp_path).limits
    assert (limits.document_size, limits.office_compression_ratio, limits.image_pixels) == (
        5_242_880,
        400,
        120_000_000,
    )  # 5 × 1024 × 1024
    assert limits.html_depth == 64  # the default, for a key left out


def test_bad_limit_names_its_line(tmp_path: Path) -> None:
    message = config_error(tmp_path, GOOD + '[limits]\nhtml_depth = 64\ndocument_size = "lots"\n')
    assert "publisher.toml:9: limits.document_size: 'lots' is not a size" in message
    message = config_error(tmp_path, GOOD + "[limits]\nhtml_dept = 64\n")
    assert "publisher.toml:8: unknown setting 'html_dept' in [limits]" in message
    message = config_error(tmp_path, GOOD + "[limits]\nimage_pixels = 500_000_000\n")
    assert (
        "publisher.toml:8: limits.image_pixels: 500,000,000 is more than the 178,956,970"
        " pixels Pillow (which reads the images) allows" in message
    )


def test_absurd_page_size_is_refused_at_its_line(tmp_path: Path) -> None:
    message = config_error(tmp_path, GOOD + '[pdf]\npage_size = "100000mm 100000mm"\n')
    assert "publisher.toml:8: pdf.page_size:" in message and "1500mm" in message


def test_margins_that_leave_no_text_area_are_refused_at_their_line(tmp_path: Path) -> None:
    message = config_error(tmp_path, GOOD + '[pdf]\npage_size = "A4"\nmargins = "500mm"\n')
    assert "publisher.toml:9: pdf.margins:" in message and "A4" in message


def test_margins_leaving_no_text_area_on_the_resolved_page_are_refused() -> None:
    defaults = PrintOptions(PageSize("A4", 210, 297), margins=(20, 18, 22, 18))
    config = PrintSettings(margins=parse_margins("500mm"))
    with pytest.raises(PublisherError) as error:
        resolve(defaults, config, PrintSettings(), impositions=("booklet",))
    assert "margins" in str(error.value) and "A4" in str(error.value)


def test_command_line_page_size_is_checked(workspace: Callable[[str], Path]) -> None:
    root = workspace("minimal")
    done = subprocess.run(
        [PUBLISHER, "-C", str(root), "build", "-f", "pdf", "--page-size", "100000mm 100000mm"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 1 and "--page-size:" in done.stderr and "1500mm" in done.stderr


def test_a_title_longer_than_the_limit_is_refused_at_its_line(tmp_path: Path) -> None:
    """A 30,000-character title took WeasyPrint 100 s: it is set on every page."""
    path = tmp_path / "long.md"
    path.write_text("---\nauthors: [Ana]\ntitle: " + "x" * 301 + "\n---\nBody\n")
    with pytest.raises(PublisherError) as error:
        read_document(path, "long", tmp_path, "en")
    assert f"{path}:3:" in str(error.value) and "301 characters" in str(error.value)
    path.write_text("---\ntitle: " + "x" * 300 + "\n---\nBody\n")
    assert len(read_document(path, "long", tmp_path, "en").title) == 300
    path.write_text("---\ntitle: " + "x" * 350 + "\n---\nBody\n")
    roomy = read_document(path, "long", tmp_path, "en", limits=Limits(title_length=400))
    assert len(roomy.title) == 350
