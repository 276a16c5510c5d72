"""A statement drafted together in an Etherpad pad (Riseup's, Framasoft's…) and exported as
HTML reads as paragraphs: Etherpad ends every line with <br> and marks a paragraph only by
a blank line, so pandoc read the whole pad as one paragraph."""

from __future__ import annotations

import re
from pathlib import Path

from bounded import finishes_within

from publisher.importers import import_files
from publisher.readers import read_document

HEAD = (
    '<!doctype html>\n<html lang="en">\n<head>\n<title>statement-rent-strike</title>\n'
    '<meta name="generator" content="Etherpad">\n<meta name="author" content="Etherpad">\n'
    '<meta charset="utf-8">\n</head>\n<body>\n'
)
PAD = HEAD + (
    "<strong>Statement on the rent strike</strong><br><br>We, the tenants of Block B, have"
    " voted to withhold rent from 1 March.<br>The landlord has ignored us for two years.<br>"
    '<br>Our demands:<br><ul class="bullet"><li>Repairs within 28 days</li><li>No rent rise'
    "</li></ul><br>Come to the meeting on <em>Thursday</em>.<br><br>In solidarity,<br>The"
    " Tenants' Committee<br>\n</body>\n</html>\n"
)


def flat(html: str) -> str:
    return re.sub(r"\s*\n\s*", "", html)


def test_blank_lines_end_paragraphs_lines_stay_lines_and_lists_stay_lists(tmp_path: Path) -> None:
    path = tmp_path / "statement-rent-strike.html"
    path.write_text(PAD, encoding="utf-8")
    doc = read_document(path, "pad", tmp_path, "en")
    assert flat(doc.body_html) == (
        "<p>We, the tenants of Block B, have voted to withhold rent from 1 March.<br>"
        "The landlord has ignored us for two years.</p><p>Our demands:</p>"
        "<ul><li>Repairs within 28 days</li><li>No rent rise</li></ul>"
        "<p>Come to the meeting on <em>Thursday</em>.</p>"
        "<p>In solidarity,<br>The Tenants’ Committee</p>"
    )
    assert doc.title == "Statement on the rent strike"  # not the pad's name


def test_a_first_line_that_is_not_bold_alone_stays_text_and_the_pad_names_it(
    tmp_path: Path,
) -> None:
    path = tmp_path / "pad.html"
    path.write_text(
        HEAD + "<strong>Note:</strong> the meeting moved.<br><br>See you there.<br></body></html>",
        encoding="utf-8",
    )
    doc = read_document(path, "pad", tmp_path, "en")
    assert doc.title == "statement-rent-strike"
    assert flat(doc.body_html) == (
        "<p><strong>Note:</strong> the meeting moved.</p><p>See you there.</p>"
    )


def test_a_pad_is_imported_whole_as_paragraphs(tmp_path: Path) -> None:
    source = tmp_path / "statement-rent-strike.html"
    source.write_text(PAD, encoding="utf-8")
    report = import_files([source], tmp_path / "documents")
    assert not report.problems
    markdown = report.documents[0].path.read_text(encoding="utf-8")
    assert "title: Statement on the rent strike\n" in markdown
    assert (
        "We, the tenants of Block B, have voted to withhold rent from 1 March.\\\n"
        "The landlord has ignored us for two years.\n\nOur demands:\n\n- Repairs within 28 days"
    ) in markdown
    assert "In solidarity,\\\nThe Tenants’ Committee" in markdown


def test_a_pad_of_a_hundred_thousand_lines_is_read_in_time_linear_in_its_length() -> None:
    """In a child bounded at 20 s (this takes under a second): counting the paragraph's
    lines again at each line took over a minute."""
    finishes_within(
        20,
        "from publisher.readers.etherpad import etherpad_paragraphs",
        f"head = {HEAD!r}",
        "page = etherpad_paragraphs(head + 'a line<br>' * 100_000 + '</body></html>')",
        "assert page.count('<br>') == 99_999",
    )
