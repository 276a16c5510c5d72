"""Notes a word processor or a wiki wrote into a web page (a call linking to the note, the
note linking back) are read as footnotes, whoever wrote them; links that only look alike
stay links. (Google Docs' and Word's notes: test_google_docs.py, test_word_pages.py.)"""

from __future__ import annotations

import re
from pathlib import Path

from bounded import finishes_within
from hypothesis import example, given, settings
from hypothesis import strategies as st

from publisher.readers import read_document
from publisher.readers.pagenotes import notes_as_footnotes


def read(tmp_path: Path, page: str) -> str:
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    return re.sub(r"\s+", " ", read_document(path, "p", tmp_path, "en").body_html)


LIBREOFFICE = (
    '<!DOCTYPE html><html><head><meta name="generator" content="LibreOffice 7.4.7.2 (Linux)"/>'
    '<title>Letter</title></head><body lang="en-GB" dir="ltr">'
    '<p>We withhold rent.<a class="sdfootnoteanc" name="sdfootnote1anc"'
    ' href="#sdfootnote1sym"><sup>1</sup></a> And more.<a class="sdendnoteanc"'
    ' name="sdendnote1anc" href="#sdendnote1sym"><sup>i</sup></a></p>'
    '<div id="sdendnote1"><p class="sdendnote-western"><a class="sdendnotesym"'
    ' name="sdendnote1sym" href="#sdendnote1anc">i</a>An endnote.</p></div>'
    '<div id="sdfootnote1"><p class="sdfootnote-western"><a class="sdfootnotesym"'
    ' name="sdfootnote1sym" href="#sdfootnote1anc">1</a>The note.</p>'
    '<p class="sdfootnote-western">Second paragraph.</p></div></body></html>'
)


def test_libreoffices_footnotes_and_endnotes_are_notes_in_the_order_of_their_calls(
    tmp_path: Path,
) -> None:
    body = read(tmp_path, LIBREOFFICE)
    assert re.search(
        r'rent\.<a href="#p-fn1" class="footnote-ref"[^>]*><sup>1</sup></a> And more\.'
        r'<a href="#p-fn2" class="footnote-ref"',
        body,
    )
    assert re.search(r'<li id="p-fn1"><p>The note\.</p> ?<p>Second paragraph\.<a', body)
    assert re.search(r'<li id="p-fn2"><p>An endnote\.<a', body)
    assert "sdfootnote" not in body and ">i<" not in body


def test_a_wikis_numbered_references_are_notes_under_their_heading(tmp_path: Path) -> None:
    body = read(
        tmp_path,
        '<html><body><p>Claim.<sup id="cite_ref-1" class="reference"><a href="#cite_note-1">'
        '[1]</a></sup> Agreed.</p><h2>References</h2><ol class="references">'
        '<li id="cite_note-1"><span class="mw-cite-backlink"><a href="#cite_ref-1">^</a></span>'
        ' <span class="reference-text">The minutes, 3 May.</span></li></ol></body></html>',
    )
    assert re.search(
        r'Claim\.<a href="#p-fn1" class="footnote-ref"[^>]*><sup>1</sup></a> Agreed', body
    )
    assert re.search(r'<li id="p-fn1">.*The minutes, 3 May\.', body)
    assert "[1]" not in body and ">^<" not in body


def test_notes_inside_the_post_they_belong_to_are_notes_and_the_post_stays(
    tmp_path: Path,
) -> None:
    body = read(
        tmp_path,
        '<html><body><div class="post"><p>The vote was close.<a href="#note1" id="ref1">1</a>'
        ' We won.</p><p>Next week: the rally.</p><p id="note1"><a href="#ref1">1.</a> 52 to 48.'
        "</p></div></body></html>",
    )
    assert re.search(
        r'close\.<a href="#p-fn1" class="footnote-ref"[^>]*><sup>1</sup></a> We won', body
    )
    assert "<p>Next week: the rally.</p>" in body
    assert re.search(r'<li id="p-fn1"><p>52 to 48\.<a', body)


def test_notes_that_share_one_block_at_the_end_are_each_a_note(tmp_path: Path) -> None:
    body = read(
        tmp_path,
        '<html><body><p>Rent<a href="#fn1" id="r1">1</a> and pay<a href="#fn2" id="r2">2</a>.'
        '</p><div class="notes"><p id="fn1"><a href="#r1">1.</a> One.</p><p id="fn2">'
        '<a href="#r2">2.</a> Two.</p></div></body></html>',
    )
    assert re.search(r'Rent<a href="#p-fn1" class="footnote-ref".*pay<a href="#p-fn2"', body)
    assert re.search(
        r'<li id="p-fn1"><p>One\.<a[^>]*>↩︎</a></p></li> ?<li id="p-fn2"><p>Two\.', body
    )


def test_links_within_a_page_that_only_look_like_notes_stay_links(tmp_path: Path) -> None:
    body = read(
        tmp_path,
        '<html><body><div id="top"><p>Contents: <a href="#pay">Pay</a>, <a href="#hours">Hours'
        '</a></p></div><h2 id="pay">Pay</h2><p>Text. <a href="#top">Back to the top</a></p>'
        '<h2 id="hours">Hours</h2><p>See <a href="#pay">pay</a>.</p>'
        '<p>Two links to each other: <a href="#y" id="z">here</a> <a href="#z" id="y">and'
        ' here</a>, and one to itself: <a href="#x" id="x">there</a>.</p></body></html>',
    )
    assert "footnote" not in body
    assert "Two links to each other: " in body and "and one to itself: " in body
    assert body.count('href="#p-pay"') == 2 and 'href="#p-top"' in body


_MARKS = st.sampled_from(
    [f'<a href="#n{k}" id="r{k}">{k}</a>' for k in range(1, 4)]  # calls
    + [f'<a href="#r{k}" id="n{k}">^</a>' for k in range(1, 4)]  # links back
    + ["text "]
)


def _wrapped(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    tags = st.sampled_from(["div", "p", "li", "sup", "span", "section", "aside", "ul"])
    ids = st.sampled_from(["", ' id="n1"', ' id="n2"', ' id="r1"'])
    return st.builds(
        lambda tag, id_, inner: f"<{tag}{id_}>{''.join(inner)}</{tag}>",
        tags,
        ids,
        st.lists(children, min_size=1, max_size=4),
    )


@settings(deadline=None)
@given(st.lists(st.recursive(_MARKS, _wrapped, max_leaves=30), min_size=1, max_size=5))
@example(  # found by fuzzing: a note whose element the first note had already taken
    [
        '<a href="#r2" id="n2">^</a><div id="n3"><aside id="n2"><a href="#n4" id="r4">4</a>'
        '</aside><p id="n4"><a href="#n2" id="r2">2</a></p></div>'
    ]
)
def test_notes_however_tangled_never_stop_the_reading(parts: list[str]) -> None:
    """Calls and links back inside each other's notes, ids given twice: the first of these
    stopped the build on lxml's AssertionError."""
    page = f"<html><body>{''.join(parts)}</body></html>"
    result = notes_as_footnotes(page)
    assert result.count('role="doc-noteref"') == result.count('<li id="page-note-')


def test_thousands_of_links_to_one_element_are_read_in_time_linear_in_the_page() -> None:
    """In a child bounded at 60 s (this takes about a second): reading the element's links
    again for each link to it would take many minutes for 50,000."""
    finishes_within(
        60,
        "from publisher.readers.pagenotes import notes_as_footnotes",
        "n = 50_000",
        "page = ('<html><body>' + '<p><a href=\"#end\">x</a></p>' * n + '<div id=\"end\">'",
        "        + '<a href=\"#other\">y</a>' * n + '</div></body></html>')",
        "assert notes_as_footnotes(page) == page",
    )
