"""A web or email address written as text, in any kind of document, is a link in every
output, and print never hyphenates an address: a reader could not tell the break's hyphen
from one of the address's own. On paper a link's words lead nowhere: print gives the
address of each link whose words do not show it, at the foot of the page."""

from __future__ import annotations

import re
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import lxml.html
import pytest
from bounded import finishes_within
from conftest import build_with_warnings, minimal_with
from hypothesis import given
from hypothesis import strategies as st
from validators import parse_eml, pdftotext

from publisher.printed_links import with_link_addresses
from publisher.readers.addresses import link_addresses
from publisher.sanitize import clean_html

ISSUE = "001-first"
AGREEMENT = (
    "https://www.sindicato-hosteleria.example.org/convenios/"
    "convenio-colectivo-provincial-hosteleria-definitivo.pdf"
)
COMMITTEE = "representantes.comite.negociador@sindicato-hosteleria.example.org"

MARKDOWN = f"""\
---
title: The agreement is signed
---

Read the whole agreement at {AGREEMENT} before the meeting, and send your questions to
{COMMITTEE}. Our site is www.sindicato-hosteleria.example.org/afiliate.
"""

# Word: pandoc writes the addresses as the text they are, unlinked, as editors type them
WORD_TEXT = (
    "Minutes of the meeting: https://minutes.example.org/2026/november, and ask ana@example.coop."
)

# A page whose writer linked the address itself, with the address as the link's words
PAGE = f"""<!DOCTYPE html><html lang="en"><head><title>Linked by hand</title></head><body>
<p>The agreement: <a href="{AGREEMENT}">{AGREEMENT}</a>.</p>
<p>Our <a href="https://example.org/site">web site</a> is open.</p>
</body></html>"""

# An address in an Arabic sentence: ending in a slash, which the bidirectional algorithm
# would otherwise show at the address's other end ("/https://strike.example.org/bayan")
BAYAN = "https://strike.example.org/bayan/"
ARABIC = f"""\
---
title: بيان لجنة الإضراب
language: ar
---

اقرأوا البيان كاملاً على {BAYAN} واكتبوا إلى lajna@strike.example.org شكراً.
"""

WEB = {  # each address as its link goes, in every output but print
    AGREEMENT: AGREEMENT,
    f"mailto:{COMMITTEE}": COMMITTEE,
    "https://www.sindicato-hosteleria.example.org/afiliate": (
        "www.sindicato-hosteleria.example.org/afiliate"
    ),
    "https://minutes.example.org/2026/november": "https://minutes.example.org/2026/november",
    "mailto:ana@example.coop": "ana@example.coop",
}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The minimal workspace, on A6 paper (narrow lines, for addresses to break), with a
    Markdown document, a Word file and a web page that write addresses; built."""
    root = minimal_with(
        tmp_path_factory.mktemp("addr") / "ws",
        {
            "agreement.md": MARKDOWN,
            "minutes.docx": WORD_TEXT,
            "linked.html": PAGE,
            "bayan.md": ARABIC,
        },
        toml='\n[pdf]\npage_size = "A6"\n',
    )
    manifest = root / "issues" / f"{ISSUE}.yaml"
    manifest.write_text(
        manifest.read_text().replace(
            "Hello from",
            "Write to editors@example.org, see [the rota](https://rota.example.org/w), from",
        )
    )
    out, _ = build_with_warnings(root)
    return out


def links(markup: str | bytes) -> dict[str, str]:
    return {a.get("href"): a.text_content() for a in lxml.html.fromstring(markup).iter("a")}


def test_addresses_are_links_on_the_web_in_the_email_and_in_the_epub(built: Path) -> None:
    issue = built / ISSUE
    web = links((issue / "agreement" / "index.html").read_bytes())
    web |= links((issue / "minutes" / "index.html").read_bytes())
    email = links(parse_eml(issue / "email.eml").get_body(("html",)).get_content())
    with zipfile.ZipFile(issue / f"{ISSUE}.epub") as epub:
        book: dict[str, str] = {}
        for name in epub.namelist():
            if name.endswith(".xhtml"):
                book |= links(epub.read(name))
    for output in (web, email, book):
        assert {href: " ".join(output.get(href, "").split()) for href in WEB} == WEB
    assert email.get("mailto:editors@example.org") == "editors@example.org"  # the editorial's


def test_the_email_text_gives_each_address_once_where_it_stands(built: Path) -> None:
    text = parse_eml(built / ISSUE / "email.eml").get_body(("plain",)).get_content()
    words = " ".join(text.split())
    assert f"<{AGREEMENT}> before the meeting" in words
    assert f"<{COMMITTEE}>." in words
    assert not re.search(r"\[\d+\]: " + re.escape(AGREEMENT), text)  # not a numbered reference


def test_print_breaks_an_address_without_hyphenating_it(built: Path) -> None:
    """On A6, the long address runs over several lines: joined back, the lines give it as
    it is written (a hyphen added at a break would show inside one of its words). The
    Markdown document writes it as text, the web page as a link of its own words."""
    lines = [line.strip() for line in pdftotext(built / ISSUE / f"{ISSUE}.pdf").splitlines()]
    assert not [line for line in lines if AGREEMENT in line]  # it did have to break
    joined = "".join(lines)
    assert joined.count(AGREEMENT) == 2, joined
    assert COMMITTEE in joined and "www.sindicato-hosteleria.example.org/afiliate" in joined


def test_print_gives_the_address_of_a_link_whose_words_do_not_show_it(built: Path) -> None:
    """The web page links "web site" to https://example.org/site: the PDF prints the
    address, as a reader would type it, at the foot of the page with the words (the
    agreement, linked with its address as its words, gets none: it is printed twice, above).
    So does the editorial's link to the picket rota, on its page."""
    pdf = built / ISSUE / f"{ISSUE}.pdf"
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, check=True, text=True)
    (page,) = [" ".join(p.split()) for p in text.stdout.split("\f") if "is open" in p]
    assert re.search(r"web site\d is open", page), page  # the note's call
    assert "example.org/site" in page[page.index("is open") :]  # the note, under the text
    assert "https://example.org/site" not in page
    (editorial,) = [p for p in text.stdout.split("\f") if "see the" in p]
    assert re.search(r"see the\s+rota\d, from", editorial), editorial
    assert "rota.example.org/w" in editorial


@pytest.mark.parametrize(
    ("body", "printed"),
    [
        # the words lead somewhere the page does not say: the address, as a reader types it
        (
            '<p>Sign <a href="https://act.example.org/pay?ref=nl">the petition</a> today.</p>',
            '<p>Sign <a href="https://act.example.org/pay?ref=nl">the petition</a><span'
            ' class="footnote link-address"><a href="https://act.example.org/pay?ref=nl"'
            ' class="uri" dir="ltr">act.example.org/pay?ref=nl</a></span> today.</p>',
        ),
        (
            '<p><a href="https://example.org/">Our site</a></p>',
            '<p><a href="https://example.org/">Our site</a><span class="footnote link-address">'
            '<a href="https://example.org/" class="uri" dir="ltr">example.org</a></span></p>',
        ),
        (
            '<p><a href="mailto:sec%40x.org?subject=Strike">Write</a> or'
            ' <a href="tel:+44-20-7946-0000">call</a></p>',
            '<p><a href="mailto:sec%40x.org?subject=Strike">Write</a><span class="footnote'
            ' link-address"><a href="mailto:sec%40x.org?subject=Strike" class="uri" dir="ltr">'
            'sec@x.org</a></span> or <a href="tel:+44-20-7946-0000">call</a><span class="footnote'
            ' link-address"><a href="tel:+44-20-7946-0000" class="uri" dir="ltr">'
            "+44-20-7946-0000</a></span></p>",
        ),
        # letters of other scripts as letters, not %D8%A8…
        (
            '<p><a href="https://x.org/%D8%A8%D9%8A%D8%A7%D9%86">البيان</a></p>',
            '<p><a href="https://x.org/%D8%A8%D9%8A%D8%A7%D9%86">البيان</a><span class="footnote'
            ' link-address"><a href="https://x.org/%D8%A8%D9%8A%D8%A7%D9%86" class="uri"'
            ' dir="ltr">x.org/بيان</a></span></p>',
        ),
        # a note has no notes: the address in brackets, inside it
        (
            '<p>A claim.</p><section id="fn" class="footnotes"><ol><li id="fn1"><p>See'
            ' <a href="https://law.example.org/c/1">the judgment</a>.</p></li></ol></section>',
            '<p>A claim.</p><section id="fn" class="footnotes"><ol><li id="fn1"><p>See'
            ' <a href="https://law.example.org/c/1">the judgment</a><span class="link-address">'
            ' (<a href="https://law.example.org/c/1" class="uri" dir="ltr">law.example.org/c/1'
            "</a>)</span>.</p></li></ol></section>",
        ),
    ],
)
def test_print_gives_a_links_address_after_it(body: str, printed: str) -> None:
    assert with_link_addresses(body) == printed


@pytest.mark.parametrize(
    "body",
    [
        '<p><a href="https://x.org/a">https://x.org/a</a> <a href="mailto:a@x.org">A@x.org</a></p>',
        '<p><a href="https://www.x.org/join/">x.org/join</a>, at www.x.org</p>',
        '<p>See <a href="https://x.org/a">our page: www.x.org/a</a></p>',
        '<h2><a href="https://x.org/a">A heading</a></h2>',  # contents and bookmarks
        '<p><a href="https://x.org/a"><img src="logo.png" alt=""></a></p>',  # no words
        '<p><a href="#fn1" class="footnote-ref">1</a> <a href="#top">top</a> <a href="x/">x</a></p>',
        '<p><a href="javascript:alert(1)">x</a> <a>no address</a></p>',
    ],
)
def test_print_adds_no_address_a_link_shows_already_or_that_is_no_address(body: str) -> None:
    assert with_link_addresses(body) == body


def test_an_address_in_right_to_left_text_reads_left_to_right(built: Path, browser: Any) -> None:
    """Every output marks an address link left-to-right, and a reader of the web page
    sees the address as written: its first character left of its last."""
    issue = built / ISSUE
    with zipfile.ZipFile(issue / f"{ISSUE}.epub") as epub:
        book = [epub.read(n) for n in epub.namelist() if n.endswith(".xhtml")]
    outputs = [
        (issue / "bayan" / "index.html").read_bytes(),
        parse_eml(issue / "email.eml").get_body(("html",)).get_content(),
        *book,
    ]
    for markup in outputs:
        for link in lxml.html.fromstring(markup).iter("a"):
            if link.get("href") in (BAYAN, "mailto:lajna@strike.example.org"):
                assert link.get("dir") == "ltr", lxml.html.tostring(link)
    page = browser.new_page()
    try:
        page.goto((issue / "bayan" / "index.html").as_uri())
        assert page.evaluate(_FIRST_LEFT_OF_LAST, BAYAN) is True
    finally:
        page.close()


# Whether the link to `href` shows its first character left of its last, as a reader sees it.
_FIRST_LEFT_OF_LAST = """href => {
    const words = document.querySelector(`a[href="${href}"]`).firstChild;
    const at = i => {
        const range = document.createRange();
        range.setStart(words, i);
        range.setEnd(words, i + 1);
        return range.getBoundingClientRect().left;
    };
    return at(0) < at(words.length - 1);
}"""


@pytest.mark.parametrize(
    ("written", "linked"),
    [
        # the sentence's punctuation and quotes are not the address's
        (
            "<p>See “https://x.org/a”, then «https://y.fr/b».</p>",
            ["https://x.org/a", "https://y.fr/b"],
        ),
        (
            "<p>Read https://x.org/report… and https://x.org/a, ثم</p>",
            ["https://x.org/report", "https://x.org/a"],
        ),
        (
            "<p>(see https://x.org/a) and https://x.org/b?c=1&amp;d=2.</p>",
            ["https://x.org/a", "https://x.org/b?c=1&d=2"],
        ),
        # a bare domain with a generic ending or a path; www. always; emails
        (
            "<p>ourunion.org, sindicato.es/afiliate, WWW.CGT.ES</p>",
            ["https://ourunion.org", "https://sindicato.es/afiliate", "https://WWW.CGT.ES"],
        ),
        (
            "<p>ana.gil+news@x.org; b@y.co.uk.</p>",
            ["mailto:ana.gil+news@x.org", "mailto:b@y.co.uk"],
        ),
        # what a paste from Word leaves unseen after an address is not the address's
        (
            "<p>https://x.org/a\u200b and ana@x.org\u2060\ufeff, www.y.org/b\u00ad.</p>",
            ["https://x.org/a", "mailto:ana@x.org", "https://www.y.org/b"],
        ),
    ],
)
def test_the_address_and_only_the_address_is_linked(written: str, linked: list[str]) -> None:
    assert list(links(link_addresses(written))) == linked


@pytest.mark.parametrize(
    "written",
    [
        "<p>Edit README.md and notes.py, sindicato.es alone, at 10:30, ratio 3:1, e.g. v1.2.3.</p>",
        "<p>Run <code>curl https://x.org/api</code></p><pre>http://p.org/x</pre>",
        "<h2>www.heading.org, at <em>www.heading.org</em></h2>",
        "<pre><code>$ curl</code> http://p.org/x</pre>",
        '<p><a href="#top"><strong>www.inside-a-link.org</strong></a></p>',
        '<p><a href="https://x.org/elsewhere">www.shown.org</a> ftp://files.org //cdn.x.org/a</p>',
        "<p>C:\\Users\\ana\\report.docx, @handle and #tag, x@y</p>",
        # words joined by a dot whose last is a generic ending no one writes bare
        "<p>Fill in first.name and user.name, as on the.web.</p>",
    ],
)
def test_what_is_no_address_or_is_code_a_heading_or_a_link_stays_as_it_was(written: str) -> None:
    assert [href for href in links(link_addresses(written)) if href] == [
        href for href in links(written) if href
    ]


def test_a_link_leads_where_its_address_is_written_without_what_a_paste_left_unseen() -> None:
    """A zero-width space or soft hyphen inside a hand-made link's address sends the reader
    nowhere; a joiner inside a Persian path is part of the word and stays."""
    persian = "https://x.org/\u0646\u0627\u0645\u0647\u200c\u0647\u0627"
    body = clean_html(
        '<p><a href="https://x.org/re\u200bport\u00ad">report</a>'
        f' <a href="{persian}\u200c">نامه‌ها</a> <img src="/pic\ufeff.png" alt="a"></p>'
    )
    tree = lxml.html.fromstring(body)
    assert [a.get("href") for a in tree.iter("a")] == ["https://x.org/report", persian]
    assert [img.get("src") for img in tree.iter("img")] == ["/pic.png"]


def test_a_link_whose_words_are_its_address_is_marked_as_one_and_others_are_not() -> None:
    body = link_addresses(
        '<p><a href="https://x.org/a">https://x.org/a</a> <a href="https://x.org">our site</a>'
        ' <a href="mailto:a@x.org">a@x.org</a> <a href="https://y.org" class="uri">https://y.org</a></p>'
    )
    marks = [(a.get("class"), a.get("dir")) for a in lxml.html.fromstring(body).iter("a")]
    assert marks == [("uri", "ltr"), (None, None), ("email", "ltr"), ("uri", "ltr")]


def test_a_paragraph_of_thousands_of_addresses_is_linked_in_time_linear_in_its_length() -> None:
    """In a child bounded at 10 s (this takes about a second): putting each link in its
    place by counting to it took as the square of their number: minutes for these."""
    finishes_within(
        10,
        "from publisher.readers.addresses import link_addresses",
        "words = ' '.join(f'see https://x.org/{n} or a{n}@x.org' for n in range(14_000))",
        "out = link_addresses(f'<p>{words}</p>')",
        "assert out.count('<a ') == 28_000, out[:200]",
    )


PIECES = [
    "https://",
    "http://",
    "www.",
    "x.org",
    "a@b.org",
    "/p",
    "?q=1",
    "&amp;",
    " ",
    ".",
    ",",
    "«",
    "»",
    "“",
    "”",
    "…",
    "(",
    ")",
    "é",
    "ثم",
    "&lt;",
    "README.md",
    "\u00a0",
    "<em>",
    "</em>",
]


@given(st.lists(st.sampled_from(PIECES), max_size=30))
def test_linking_keeps_every_word_and_links_only_web_and_mail(pieces: list[str]) -> None:
    written = f"<p>{''.join(pieces)}</p>"
    body = link_addresses(written)
    tree = lxml.html.fragment_fromstring(body, create_parent="div")
    assert (
        tree.text_content()
        == lxml.html.fragment_fromstring(written, create_parent="div").text_content()
    )
    assert all(h.startswith(("https://", "http://", "mailto:")) for h in tree.xpath("//a/@href"))
