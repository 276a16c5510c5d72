"""Attribute values HTML does not allow, as pasted HTML gives them ("last tuesday" for a
date, "abc" for a number, an id with spaces), are dropped, the element kept: each failed
the Nu HTML checker on the web pages or EPUBCheck on the EPUB. Values as the HTML standard
allows them stay as written."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import article_page
from validators import nu_html_errors

from publisher.sanitize import clean_html

DROPPED = [
    # (their words a date: a <time> giving none goes, below)
    '<p><time datetime="last tuesday">2026-03-03</time> we struck.</p>',
    '<p><time datetime="2026-02-30">2026-03-03</time> we struck.</p>',
    '<p><time datetime="2026-13">2026-03</time> we struck.</p>',
    '<ol start="abc"><li>Pay</li></ol>',
    '<ol type="z"><li>Pay</li></ol>',
    '<table><tbody><tr><td colspan="abc">Mill</td><td rowspan="-1">650</td></tr></tbody></table>',
    '<table><tbody><tr><td colspan="0">Mill</td><th scope="left">Rent</th></tr></tbody></table>',
    '<blockquote cite="not an address">Quoted.</blockquote>',
    '<blockquote cite="javascript:alert(1)">Quoted.</blockquote>',
    '<p><q cite="https://example.org/speech">Quoted</q></p>',  # pandoc's EPUB puts it on a span
]


@pytest.mark.parametrize("written", DROPPED)
def test_a_value_html_does_not_allow_is_dropped_and_its_element_kept(written: str) -> None:
    cleaned = clean_html(written)
    for attribute in ("datetime", "start", "type", "colspan", "rowspan", "scope", "cite"):
        assert f" {attribute}=" not in cleaned, cleaned
    assert cleaned.count("<") == written.count("<"), cleaned  # every element still there


KEPT = [
    '<p><time datetime="2026-03-03">3 March</time></p>',
    '<p><time datetime="2026-03">March</time> and <time datetime="2026">this year</time></p>',
    '<p><time datetime="2026-03-03T06:00">dawn</time>, <time datetime="06:00">six</time></p>',
    '<p><time datetime="2026-03-03T06:00:00+01:00">dawn</time></p>',
    '<p><time datetime="2026-03-03T06:00Z">dawn</time> <time datetime="2026-W10">week</time></p>',
    '<p><time datetime="PT2H30M">two and a half hours</time></p>',
    '<ol start="3" type="a"><li>Pay</li></ol>',
    '<ol start="-1" type="I"><li>Pay</li></ol>',
    '<table><tbody><tr><td colspan="2">Mill</td><th scope="row">Rent</th></tr>'
    '<tr><td>£650</td><td>£700</td><td rowspan="0">Damp</td></tr></tbody></table>',
    '<blockquote cite="https://example.org/speech">Quoted.</blockquote>',
]


@pytest.mark.parametrize("written", KEPT)
def test_a_value_html_allows_stays_as_written(written: str) -> None:
    assert clean_html(written) == written


def test_a_numbered_list_counting_down_says_so_as_html_does() -> None:
    assert clean_html('<ol reversed="yes"><li>Pay</li></ol>') == '<ol reversed=""><li>Pay</li></ol>'


def test_an_id_with_spaces_is_hyphened_and_an_empty_one_dropped() -> None:
    assert clean_html('<p id="our demands">Pay</p>') == '<p id="our-demands">Pay</p>'
    assert clean_html('<p id=" ">Pay</p>') == "<p>Pay</p>"


@pytest.mark.parametrize(
    ("written", "cleaned"),
    [
        ("<p>On <time>Tuesday</time> we struck.</p>", "<p>On Tuesday we struck.</p>"),
        ('<p>On <time datetime="soon">Tuesday</time>.</p>', "<p>On Tuesday.</p>"),
        ("<p>On <time>2026-03-03</time>.</p>", "<p>On <time>2026-03-03</time>.</p>"),
        ("<p><time><b>2026-03-03</b></time></p>", "<p><b>2026-03-03</b></p>"),
        ("<p><bdo>no direction</bdo></p>", "<p>no direction</p>"),
        ('<p><bdo dir="rtl">backwards</bdo></p>', '<p><bdo dir="rtl">backwards</bdo></p>'),
    ],
)
def test_a_time_that_gives_no_time_and_a_bdo_no_direction_keep_only_their_words(
    written: str, cleaned: str
) -> None:
    assert clean_html(written) == cleaned


@pytest.mark.parametrize(
    ("written", "cleaned"),
    [
        ('<p>Rents <a href="https://x.org/"></a>up</p>', "<p>Rents up</p>"),
        ('<h2>Rents <a class="anchor" href="#rents"><svg><path d="M0"/></svg></a></h2>',
         "<h2>Rents </h2>"),
        ('<p><a href="https://x.org/" title="a>b"> </a>up</p>', "<p> up</p>"),
        ('<p><a id="top" href="#top"></a>Top</p>',
         '<p><a id="top" href="#top" rel="noopener noreferrer"></a>Top</p>'),
        ('<p><a href="https://x.org/"><img src="a.png" alt="A"></a></p>',
         '<p><a href="https://x.org/" rel="noopener noreferrer"><img src="a.png" alt="A"></a></p>'),
    ],
)  # fmt: skip
def test_a_link_that_holds_nothing_goes_unless_an_id_names_it(written: str, cleaned: str) -> None:
    """A screen reader stops on it and can say nothing of it (Ace failed the EPUB)."""
    assert clean_html(written) == cleaned


def test_the_web_page_of_pasted_html_with_bad_values_passes_the_nu_html_checker(
    tmp_path: Path,
) -> None:
    text = "# Odd values\n\n" + "\n\n".join(DROPPED) + "\n\n<p id='has space'>Text</p>\n\n"
    text += "<p>On <time>Tuesday</time>, <bdo>plain</bdo>.</p>\n\n"
    text += '<ol reversed="yes"><li>Pay</li></ol>\n'
    page = article_page(tmp_path / "site", "odd.md", text)
    assert "Tuesday" in page.read_text(encoding="utf-8")
    assert nu_html_errors([page]) == []
