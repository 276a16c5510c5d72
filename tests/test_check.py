"""`publisher check`: the real validators pass the example and catch a broken output of
every format, naming the problem; a missing validator is a warning that says how to install it."""

from __future__ import annotations

import json
import re
import shutil
import zipfile
from collections.abc import Callable
from email import policy
from email.message import EmailMessage
from pathlib import Path

import pikepdf
import pymupdf
import pytest
from click.testing import CliRunner, Result
from conftest import WORKSPACES, copy_workspace
from validators import parse_eml

from publisher.build import BuildReport, build
from publisher.checks import Target, run_checks
from publisher.checks.base import Check, Finding
from publisher.cli import main
from publisher.config import load_config
from publisher.formats import select

REPO = Path(__file__).resolve().parents[1]


def photo(width: int, height: int) -> bytes:
    """A JPEG as a phone's camera writes one, `width` by `height` pixels."""
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.linear_gradient("L").resize((width, height)).convert("RGB").save(out, "JPEG")
    return out.getvalue()


def check(root: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["-C", str(root), "check", "--no-build", *args])


def test_the_example_passes_strict_checks(built_example: BuildReport) -> None:
    result = check(built_example.out_dir.parent, "--strict")
    assert result.exit_code == 0, result.output
    counts = re.search(r"^(\d+) passed, (\d+) failed$", result.output, re.M)
    assert counts, result.output
    passed, failed = map(int, counts.groups())
    assert failed == 0 and passed >= 30


def test_json_output_lists_every_finding(built_example: BuildReport) -> None:
    result = check(built_example.out_dir.parent, "--json", "--format", "feed,email")
    report = json.loads(result.output)
    assert report["ok"] and report["failed"] == 0
    assert {f["format"] for f in report["findings"]} == {"feed", "email"}
    assert all(f["status"] == "pass" for f in report["findings"])


@pytest.fixture(scope="module")
def built_minimal(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from conftest import WORKSPACES, copy_workspace

    root = copy_workspace(WORKSPACES / "minimal", tmp_path_factory.mktemp("minimal"))
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", "1767225600")
        build(root)
    return root


@pytest.fixture
def broken(built_minimal: Path, tmp_path: Path) -> Callable[[], Path]:
    """A fresh copy of the built minimal workspace, to break one output of."""

    def copy() -> Path:
        target = tmp_path / "ws"
        shutil.copytree(built_minimal, target)
        return target

    return copy


def failures(root: Path, format_: str, *only: str) -> list[str]:
    """The failures of `format_`'s checks (those named in `only`, when it names some)."""
    target = Target(load_config(root), root / "dist", ("001-first",))
    findings = run_checks(target, [format_], only=only)
    return [f"{f.check}: {f.detail} @ {f.where(root)}" for f in findings if f.status == "fail"]


def edit_in_book(epub: Path, ending: str, edit: Callable[[bytes], bytes]) -> None:
    """`epub` with `edit` made to the file in it whose name ends in `ending`."""
    with zipfile.ZipFile(epub) as old:
        entries = [(info, old.read(info)) for info in old.infolist()]
    with zipfile.ZipFile(epub, "w") as new:
        for info, data in entries:
            new.writestr(info, edit(data) if info.filename.endswith(ending) else data)


def test_epub_with_a_missing_manifest_item_fails_epubcheck(broken: Callable[[], Path]) -> None:
    root = broken()
    epub = root / "dist" / "001-first" / "001-first.epub"
    stylesheet = rb'<item id="[^"]*" href="styles/stylesheet1.css"[^>]*/>'
    edit_in_book(epub, ".opf", lambda opf: re.sub(stylesheet, b"", opf))  # forget it
    found = failures(root, "epub", "epubcheck")  # not Ace: this EPUB's text is unchanged
    assert any("epubcheck" in f and "stylesheet1.css" in f for f in found), found


def test_two_epubcheck_findings_on_one_line_say_where_each_is(broken: Callable[[], Path]) -> None:
    """Two note calls leading nowhere in one paragraph were two identical rows, naming the
    line of the chapter they are on: each now names its column too."""
    root = broken()
    epub = root / "dist" / "001-first" / "001-first.epub"
    calls = b'<p><a href="#nowhere-one">1</a> and <a href="#nowhere-two">2</a></p>'
    edit_in_book(epub, "ch002.xhtml", lambda page: page.replace(b"</body>", calls + b"</body>", 1))
    found = [f for f in failures(root, "epub", "epubcheck") if "RSC-012" in f]
    assert len(found) == 2 and len(set(found)) == 2, found
    assert all(re.search(r"ch002\.xhtml:\d+:\d+", f) for f in found), found


def test_an_epubcheck_finding_names_the_article_it_is_in(broken: Callable[[], Path]) -> None:
    """A duplicate id in a chapter was "RSC-005 …ch002.xhtml:24:31: Duplicate ID", placed
    at dist/…/001-first.epub:24 (the chapter's line, on the zip file), naming no article."""
    root = broken()
    epub = root / "dist" / "001-first" / "001-first.epub"
    twice = b'<p id="share">Second body.</p><p id="share">Again.</p>'
    edit_in_book(epub, "ch002.xhtml", lambda page: page.replace(b"<p>Second body.</p>", twice))
    found = [f for f in failures(root, "epub", "epubcheck") if "RSC-005" in f]
    assert found and all('in "The second article"' in f for f in found), found
    assert all(f.endswith("@ dist/001-first/001-first.epub") for f in found), found


def test_a_pdf_whose_title_has_an_emoji_is_checked_like_any_other(
    broken: Callable[[], Path],
) -> None:
    """poppler writes a character beyond the Basic Multilingual Plane in the PDF's title or
    subject as two halves of a surrogate pair, which is not UTF-8: the trim-box check
    stopped on UnicodeDecodeError ("could not run") for an issue titled "… 🏠 …"."""
    root = broken()
    path = root / "dist" / "001-first" / "001-first.pdf"
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        pdf.docinfo["/Title"] = "Rent & wages: the cost of living 🏠 bites"
        pdf.docinfo["/Subject"] = "In this issue: 🔥✊🏽"
        pdf.save(path)
    assert failures(root, "pdf") == []


def test_a_pdf_with_text_cut_off_above_a_pages_top_fails(broken: Callable[[], Path]) -> None:
    """A footnote taller than its page was drawn from above the page's top down: the words
    of the line across the top edge, cut in half, are text outside the trim box, as those
    past its foot or sides are (their coordinates, negative, were passed over)."""
    root = broken()
    path = root / "dist" / "001-first" / "001-first.pdf"
    with pymupdf.open(path) as opened:  # the highest word of page 2, from the page's top
        _, top, _, bottom, *_ = min(opened[1].get_text("words"), key=lambda word: word[1])
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        up = pdf.make_stream(f"1 0 0 1 0 {(top + bottom) / 2:.2f} cm".encode())
        pdf.pages[1].contents_add(up, prepend=True)  # its line drawn across the top edge
        pdf.save(path)
    found = failures(root, "pdf", "text inside the trim box")
    assert len(found) == 1 and "page 2" in found[0], found


def test_a_pdf_ua_fault_names_the_article_printed_on_its_page(tmp_path: Path) -> None:
    """ "UA-15-003 on page 3: Table has 4 data cell(s) and no header cell" left the editor
    to find which article page 3 holds, in an issue of twenty."""
    root = copy_workspace(WORKSPACES / "minimal", tmp_path / "ws")
    second = root / "documents" / "second-article.md"
    filler = "\n\n".join(["A long paragraph that fills the page. " * 12] * 8)
    table = "<table><tr><td>Rent</td><td>600</td></tr><tr><td>Pay</td><td>1200</td></tr></table>"
    second.write_text(f"{second.read_text()}\n{filler}\n\n{table}\n")
    build(root, formats=["pdf"])
    with pymupdf.open(root / "dist" / "001-first" / "001-first.pdf") as opened:
        (page,) = [n for n, p in enumerate(opened, start=1) if "Rent" in p.get_text().split()]
    (found,) = failures(root, "pdf", "PDF/UA-1 (pdfua)")
    assert f"UA-15-003 on page {page}, in “The second article”: Table has" in found, found


def test_a_word_is_placed_in_the_article_printed_around_it(built_minimal: Path) -> None:
    """Where a check finds a word (cut off by the trim box), it names the article the word
    is printed in: the last to begin above it, by the PDF's outline."""
    from publisher.checks.pdf import Articles

    path = built_minimal / "dist" / "001-first" / "001-first.pdf"
    with pymupdf.open(path) as opened:
        page = opened[1]  # the editorial and both articles begin on it
        height = page.rect.height
        heights = {w[4]: height - (w[1] + w[3]) / 2 for w in page.get_text("words")}
    with pikepdf.open(path) as pdf:
        articles, last = Articles.of(pdf), len(pdf.pages)
    assert articles.at(last) == f" on page {last}"  # the colophon's: no article's
    assert articles.at(2, heights["editors."]) == " on page 2, in “Editorial”"
    assert articles.at(2, heights["emphasis"]) == " on page 2, in “The first article”"
    assert articles.at(2, heights["body."]) == " on page 2, in “The second article”"


@pytest.mark.parametrize(
    ("broken_by", "rule"),
    [
        ("its language", "UA-06-001"),  # a screen reader cannot tell which voice to read in
        ("its structure tree", "UA-01-005"),  # no reading order, headings or figures at all
    ],
)
def test_a_pdf_that_claims_pdf_ua_but_breaks_its_rules_fails(
    broken: Callable[[], Path], broken_by: str, rule: str
) -> None:
    root = broken()
    path = root / "dist" / "001-first" / "001-first.pdf"
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        del pdf.Root["/Lang" if broken_by == "its language" else "/StructTreeRoot"]
        pdf.save(path)
    found = failures(root, "pdf", "PDF/UA-1 (pdfua)")
    assert len(found) == 1 and rule in found[0] and "001-first.pdf" in found[0], found


Findings = dict[str, list[dict[str, object]]]


def web_findings(root: Path, *args: str) -> Findings:
    """`publisher check --format web`'s findings, by check."""
    result = check(root, "--json", "--format", "web", *args)
    by_check: dict[str, list[dict[str, object]]] = {}
    for finding in json.loads(result.output)["findings"]:
        by_check.setdefault(finding["check"], []).append(finding)
    return by_check


@pytest.fixture(scope="module")
def checked_web(
    built_minimal: Path, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, Findings]:
    """A copy of the built minimal workspace whose web pages were checked once (the Nu
    checker is the slow part), and what was found; tests copy it on."""
    root = tmp_path_factory.mktemp("checked") / "ws"
    shutil.copytree(built_minimal, root)
    found = web_findings(root)
    assert {f["status"] for f in found["Nu HTML checker"]} == {"pass"}
    return root, found


def test_findings_of_unchanged_outputs_are_remembered(
    checked_web: tuple[Path, Findings], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = shutil.copytree(checked_web[0], tmp_path / "ws")
    monkeypatch.setenv("PATH", "/nowhere")  # no Java now: only a remembered finding can pass
    assert web_findings(root) == checked_web[1]
    not_run = web_findings(root, "--no-cache")["Nu HTML checker"]
    assert [f["detail"] for f in not_run] == [
        "not run: Java is not installed: install it with 'apt-get install default-jre-headless'"
    ]


def test_a_changed_output_is_checked_again(
    checked_web: tuple[Path, Findings], tmp_path: Path
) -> None:
    root = shutil.copytree(checked_web[0], tmp_path / "ws")
    page = root / "dist" / "index.html"
    page.write_bytes(page.read_bytes().replace(b"</body>", b"<blink>x</blink></body>"))
    failed = [f for f in web_findings(root)["Nu HTML checker"] if f["status"] == "fail"]
    assert failed and all(
        f["file"] == "dist/index.html" and "“blink”" in str(f["detail"]) for f in failed
    ), failed


def test_a_file_the_pages_link_to_is_looked_for_again_when_removed_or_put_back(
    checked_web: tuple[Path, Findings], tmp_path: Path
) -> None:
    """The remembered link findings were keyed on the pages alone: a stylesheet removed
    by a sync passed unseen, and once put back it kept failing until --no-cache."""
    root = shutil.copytree(checked_web[0], tmp_path / "ws")
    stylesheet = root / "dist" / "site.css"
    kept = stylesheet.read_bytes()
    stylesheet.unlink()
    links = web_findings(root)["internal links"]
    assert any(
        f["status"] == "fail" and "site.css → no such file" in str(f["detail"]) for f in links
    ), links
    stylesheet.write_bytes(kept)
    links = web_findings(root)["internal links"]
    assert {f["status"] for f in links} == {"pass"}, links


def test_atom_feed_with_a_control_character_fails(broken: Callable[[], Path]) -> None:
    root = broken()
    feed = root / "dist" / "feed.atom"
    feed.write_bytes(feed.read_bytes().replace(b"<title>", b"<title>\x07", 1))
    found = failures(root, "feed")
    assert any(
        f.startswith("no control characters: byte b'\\x07'") and "feed.atom:" in f for f in found
    ), found


def test_piped_findings_are_whole_plain_lines_and_json_gives_file_and_line_apart(
    broken: Callable[[], Path],
) -> None:
    """`check | grep fail` gave box-drawing rows with the detail cut short and paths folded
    mid-name; --json's "file" was "dist/…/index.html:78" beside "line": 78."""
    root = broken()
    page = root / "dist" / "001-first" / "index.html"
    gone = "../" + "-".join(["the-cleaners-strike-statement-in-full"] * 6) + "/"
    page.write_text(page.read_text().replace("</main>", f'<p><a href="{gone}">on</a></p></main>'))
    piped = check(root, "--format", "web").stdout.splitlines()
    assert not [line for line in piped if any(mark in line for mark in "│┃─━┏└")], piped
    (row,) = [line for line in piped if line.split()[:4] == ["web", "internal", "links", "fail"]]
    assert f"{gone} → no such file" in row and "dist/001-first/index.html:" in row, row
    report = json.loads(check(root, "--format", "web", "--json").stdout)
    failed = [f for f in report["findings"] if f["status"] == "fail"]
    (found,) = [f for f in failed if f["check"] == "internal links"]
    assert found["file"] == "dist/001-first/index.html" and isinstance(found["line"], int), found


def test_a_picture_without_a_description_fails_the_email_and_epub_checks(tmp_path: Path) -> None:
    """`![](media/rally.jpg)` failed the web page's and the PDF's checks, but the email's
    <img alt=""> passed "safe, absolute HTML" and the EPUB's passed EPUBCheck and Ace."""
    from conftest import minimal_with

    article = "---\ntitle: Rally\n---\n\nWe marched.\n\n![](media/rally.jpg)\n"
    root = minimal_with(tmp_path / "ws", {"media/rally.jpg": photo(800, 600), "rally.md": article})
    build(root, formats=["email", "epub"])
    found = failures(root, "email", "safe, absolute HTML") + failures(root, "epub", *EPUB_OWN)
    assert [f for f in found if f.startswith("safe, absolute HTML:") and "rally" in f], found
    described = [f for f in found if f.startswith("pictures described:")]
    assert len(described) == 1 and '"Rally"' in described[0], found


EPUB_OWN = ("pictures described", "every article in the contents")  # not the validators'


def test_a_template_fault_on_every_page_is_one_row_naming_each_pages_source(
    workspace: Callable[[str], Path],
) -> None:
    """An unclosed element in a template override made a Nu HTML checker row for every
    page and fault, each naming only its dist/ page: the sources were named nowhere."""
    root = workspace("minimal")
    override = root / "templates" / "partials" / "article.html"
    override.parent.mkdir(parents=True)
    theirs = (REPO / "templates" / "default" / "partials" / "article.html").read_text()
    header = '  <header class="article-header">'
    override.write_text(theirs.replace(header, '  <div class="kicker"><span>From us\n' + header))
    build(root, formats=["web"])
    piped = check(root, "--format", "web").stdout
    rows = [line for line in piped.splitlines() if "Unclosed element “span”." in line]
    assert len(rows) == 2 and "4 places" in rows[0], piped  # the table's, and To look at's
    for source in ("issues/001-first.yaml", "documents/first-article.md"):
        assert f"({source})" in piped, piped
    report = json.loads(check(root, "--format", "web", "--json").stdout)
    article = "dist/001-first/second-article/index.html"
    assert {f["source"] for f in report["findings"] if f["file"] == article} == {
        "documents/second-article.md"
    }


def test_a_broken_link_in_a_document_is_named_in_the_document_not_blamed_on_a_template(
    workspace: Callable[[str], Path],
) -> None:
    """A document's link to a page of the site's own address that is not there: the issue's
    page shows the document too, so it failed on two pages, and check said "alike in 2
    files: from a template they share, probably", and named the issue's manifest."""
    root = workspace("minimal")
    (root / "documents" / "second-article.md").write_text(
        "---\ntitle: The second article\ndate: 2026-01-06\n---\n\n"
        "Read more at https://minimal.example.org/mill-court\n"
    )
    build(root, formats=["web"])
    result = check(root, "--format", "web")
    assert result.exit_code == 1
    said = result.stdout.split("To look at:")[1]
    assert "https://minimal.example.org/mill-court → no such file" in said, said
    assert "template" not in said, said
    assert "alike in 2 files, all made from documents/second-article.md: mend it there" in said
    assert "(issues/001-first.yaml)" not in said, said
    (issue_page,) = [line for line in said.splitlines() if "at dist/001-first/index.html:" in line]
    assert issue_page.endswith("(documents/second-article.md:6)"), said  # the link's line


UNDESCRIBED = """\
---
title: Harbour
---

We met at dawn.

## The quay

#### At the gate

![](media/dawn.jpg)
"""


def test_a_documents_fault_on_the_issues_page_and_in_the_email_is_named_at_its_line(
    tmp_path: Path,
) -> None:
    """A picture without a description, and a heading two levels under the one before,
    written in a document, failed on the issue's page, which shows the document whole: the
    row named the issue's manifest. The email's row named nothing, and the document's
    own page the document without its line. Each names the document at the line the
    picture or the heading is written on, as the build's warnings do."""
    from conftest import minimal_with

    root = minimal_with(
        tmp_path / "ws", {"media/dawn.jpg": photo(800, 600), "harbour.md": UNDESCRIBED}
    )
    build(root, formats=["web", "email"])
    written = UNDESCRIBED.splitlines()
    picture, heading = (
        written.index("![](media/dawn.jpg)") + 1,
        written.index("#### At the gate") + 1,
    )
    report = json.loads(check(root, "--format", "web,email", "--json").stdout)
    failed = [f for f in report["findings"] if f["status"] == "fail"]
    for file, name in [
        ("dist/001-first/index.html", "image alt text"),
        ("dist/001-first/harbour/index.html", "image alt text"),
        ("dist/001-first/email.eml", "safe, absolute HTML"),
    ]:
        (found,) = [f for f in failed if (f["file"], f["check"]) == (file, name)]
        assert (found["source"], found["source_line"]) == ("documents/harbour.md", picture), found
    nu = [f for f in failed if f["check"] == "Nu HTML checker" and "skipping" in f["detail"]]
    for found in nu:  # when the Nu checker is installed
        assert (found["source"], found["source_line"]) == ("documents/harbour.md", heading), found
    table = check(root, "--format", "web,email").stdout
    assert "dist/001-first/index.html:" in table
    assert f"(documents/harbour.md:{picture})" in table
    assert "(issues/001-first.yaml)" not in table.split("To look at:")[1]


def test_an_rss_date_a_reader_cannot_read_fails(broken: Callable[[], Path]) -> None:
    """`<pubDate>Friday 1st May</pubDate>`, edited by hand in dist/, passed every feed
    check: feedparser reads it without complaint, and feed readers then date it now."""
    root = broken()
    feed = root / "dist" / "feed.rss"
    text = feed.read_text()
    feed.write_text(re.sub(r"<pubDate>[^<]*</pubDate>", "<pubDate>Friday 1st May</pubDate>", text))
    found = failures(root, "feed", "RSS 2.0 required elements")
    assert [f for f in found if "'Friday 1st May' is not an RFC 822 date" in f], found


def test_web_page_with_a_broken_internal_link_fails(broken: Callable[[], Path]) -> None:
    root = broken()
    page = root / "dist" / "001-first" / "index.html"
    page.write_text(
        page.read_text().replace(
            "</main>", '<p><a href="../002-missing/">next</a> <a href="#nowhere">up</a></p></main>'
        )
    )
    found = failures(root, "web", "internal links")
    assert any(
        "../002-missing/ → no such file" in f and "001-first/index.html:" in f for f in found
    ), found
    assert any("#nowhere → no element with id 'nowhere'" in f for f in found), found


def test_links_from_the_sites_root_are_checked_against_the_output_folder(
    broken: Callable[[], Path],
) -> None:
    """The not-found page (404.html, served at any address) links from the site's root
    (/site.css): the check looked for /site.css on the computer's disk and failed it."""
    root = broken()
    page = root / "dist" / "001-first" / "index.html"
    page.write_text(
        page.read_text().replace(
            "</main>",
            '<p><a href="/001-first/">this</a> <a href="/002-missing/">next</a></p></main>',
        )
    )
    found = failures(root, "web", "internal links")
    assert [f for f in found if "001-first/index.html:" in f and "/002-missing/" in f], found
    assert not [f for f in found if "404.html" in f or "/001-first/ →" in f], found


def test_email_over_gmails_clipping_size_fails(broken: Callable[[], Path]) -> None:
    root = broken()
    path = root / "dist" / "001-first" / "email.eml"
    original = parse_eml(path)
    message = EmailMessage(policy=policy.SMTP)
    for name, value in original.items():
        if name.lower() not in ("content-type", "mime-version", "content-transfer-encoding"):
            message[name] = value
    plain, html_part = original.get_body(("plain",)), original.get_body(("html",))
    assert plain and html_part
    message.set_content(plain.get_content())
    html = html_part.get_content()
    message.add_alternative(
        html.replace("</body>", "<p>padding</p>" * 10_000 + "</body>"), subtype="html"
    )
    path.write_bytes(message.as_bytes())
    found = failures(root, "email")
    assert any(f.startswith("HTML under Gmail's 102 KB") and "email.eml" in f for f in found), found


def test_pdf_with_a_font_that_is_not_embedded_fails(broken: Callable[[], Path]) -> None:
    root = broken()
    path = root / "dist" / "001-first" / "001-first.pdf"
    pdf = pikepdf.new()
    font = pdf.make_indirect(
        pikepdf.Dictionary(
            Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name.Helvetica
        )
    )
    page = pdf.add_blank_page(page_size=(595, 842))
    page.Resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font))
    page.Contents = pdf.make_stream(b"BT /F1 24 Tf 72 700 Td (Not embedded) Tj ET")
    pdf.save(path)
    found = failures(root, "pdf")
    assert any(f.startswith("fonts embedded: not embedded: Helvetica") for f in found), found


@pytest.mark.parametrize(
    ("format_", "output"),
    [("pdf", "001-first.pdf"), ("epub", "001-first.epub"), ("email", "email.eml")],
)
def test_an_output_missing_from_the_output_folder_fails_the_check(
    broken: Callable[[], Path], format_: str, output: str
) -> None:
    """A file the issue should have, deleted (or never written: a build that failed for
    it): the format's checks, which read the files that are there, had nothing against it."""
    root = broken()
    (root / "dist" / "001-first" / output).unlink()
    result = check(root, "--format", format_)
    assert result.exit_code == 1, result.output
    assert f"fail: dist/001-first/{output}: {format_}, output built" in result.output
    assert "missing: 'publisher build' makes it" in result.output


@pytest.mark.parametrize(
    ("format_", "output"),
    [("email", "001-editions/es/email.eml"), ("leaflet", "002-omitted/es/002-omitted-leaflet.pdf")],
)
def test_an_output_of_a_language_edition_missing_from_the_output_folder_fails_the_check(
    tmp_path: Path, format_: str, output: str
) -> None:
    """The Spanish edition's email, removed from dist/ by hand, passed `check --no-build`:
    only the original's outputs were looked for."""
    from conftest import WORKSPACES, copy_workspace

    root = copy_workspace(WORKSPACES / "editions", tmp_path / "ws")
    build(root, formats=[format_])
    assert check(root, "--format", format_).exit_code == 0  # each edition's are there
    (root / "dist" / output).unlink()
    result = check(root, "--format", format_)
    assert result.exit_code == 1, result.output
    assert f"fail: dist/{output}: {format_}, output built" in result.output


def test_a_warning_about_the_sources_is_a_check_warning_that_fails_strict(
    tmp_path: Path,
) -> None:
    """A link to a file no page publishes was said on stderr while `check` built first,
    and the report went on: "warnings": 0, "ok": true, and --strict passed."""
    from conftest import minimal_with

    article = "---\ntitle: Links\n---\n\nSee [the hospital report](hospital-report.md).\n"
    root = minimal_with(tmp_path / "ws", {"links.md": article})
    args = ["-C", str(root), "check", "--format", "feed", "--strict", "--json"]
    result = CliRunner().invoke(main, args)
    report = json.loads(result.stdout)
    assert result.exit_code == 1 and not report["ok"] and report["warnings"] == 1, report
    (warning,) = [f for f in report["findings"] if f["status"] == "warn"]
    assert "the link to 'hospital-report.md'" in warning["detail"], warning
    assert warning["file"] == "documents/links.md" and warning["line"] == 5, warning


def test_a_warning_of_an_output_built_before_is_a_check_warning_every_time(
    tmp_path: Path,
) -> None:
    """A picture too small for print was said when the PDF was laid out; the next `check`,
    with the PDF up to date, said nothing and passed --strict."""
    from conftest import minimal_with

    article = "---\ntitle: Rally\n---\n\nWe marched.\n\n![The rally](media/rally.jpg)\n"
    root = minimal_with(tmp_path / "ws", {"media/rally.jpg": photo(320, 200), "rally.md": article})
    for _ in range(2):
        result = CliRunner().invoke(main, ["-C", str(root), "check", "--format", "pdf", "--strict"])
        assert result.exit_code == 1, result.output
        assert "rally.jpg prints at" in result.stdout
    assert "building first" not in result.stderr  # the second check built nothing
    assert "rally.jpg prints at" in check(root, "--format", "pdf").stdout  # --no-build too


def test_a_leaflet_the_manifest_calls_for_but_never_built_fails_the_check(
    broken: Callable[[], Path],
) -> None:
    root = broken()
    manifest = root / "issues" / "001-first.yaml"
    manifest.write_text(manifest.read_text() + "leaflet:\n  document: first-article\n")
    result = check(root, "--format", "leaflet", "--strict")
    assert result.exit_code == 1, result.output
    assert "fail: dist/001-first/001-first-leaflet.pdf: leaflet, output built" in result.output
    assert "no leaflet in these issues" not in result.output


def test_a_missing_validator_is_a_warning_with_install_advice(
    built_minimal: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    bin_dir = tmp_path / "bin"  # a PATH with poppler but without Java
    bin_dir.mkdir()
    for tool in ("pdffonts", "pdftotext"):
        (bin_dir / tool).symlink_to(shutil.which(tool) or tool)
    monkeypatch.setenv("PATH", str(bin_dir))
    result = check(built_minimal, "--format", "epub,pdf")
    assert result.exit_code == 0, result.output  # warnings alone do not fail…
    assert "Java is not installed" in result.output and "default-jre-headless" in result.output
    assert "fonts embedded" in result.output  # …and the other checks still ran
    assert (
        check(built_minimal, "--format", "epub,pdf", "--strict").exit_code == 1
    )  # …unless --strict


def test_stale_outputs_are_rebuilt_before_checking(built_minimal: Path, tmp_path: Path) -> None:
    root = tmp_path / "ws"
    shutil.copytree(built_minimal, root)
    (root / "documents" / "second-article.md").write_text(
        "---\ntitle: Rewritten\n---\n\nNew words.\n"
    )
    result = CliRunner().invoke(main, ["-C", str(root), "check", "--format", "feed"])
    assert result.exit_code == 0, result.output
    assert "building first" in result.output
    assert "Rewritten" in (root / "dist" / "feed.atom").read_text()


def test_checking_one_format_builds_only_that_format_first(
    built_minimal: Path, tmp_path: Path
) -> None:
    """`check -f email` after an edit laid out the PDF and the EPUB again too (22 s for
    the example), though only the email was to be checked."""
    root = shutil.copytree(built_minimal, tmp_path / "ws")
    pdf = root / "dist" / "001-first" / "001-first.pdf"
    before = pdf.read_bytes(), pdf.stat().st_mtime_ns
    article = root / "documents" / "second-article.md"
    article.write_text(article.read_text() + "\nA line added since.\n")
    result = CliRunner().invoke(main, ["-C", str(root), "check", "--format", "email"])
    assert result.exit_code == 0, result.output
    assert "A line added since." in parse_eml(root / "dist" / "001-first" / "email.eml").as_string()
    assert (pdf.read_bytes(), pdf.stat().st_mtime_ns) == before


def test_an_unfinished_next_issue_leaves_the_built_one_to_check(
    built_minimal: Path, tmp_path: Path
) -> None:
    """Issue 2 begun, a document it lists not written yet: issue 1 is checked, with or
    without building first, issue 2 said to be left out."""
    root = shutil.copytree(built_minimal, tmp_path / "ws")
    (root / "issues" / "002-next.yaml").write_text(
        'title: "Next"\nnumber: 2\ndate: 2026-05-01\nsections:\n  - title: "News"\n'
        "    documents: [first-article, article-not-written-yet]\n"
    )
    for checked in (
        check(root, "1", "-f", "feed"),
        CliRunner().invoke(main, ["-C", str(root), "check", "1", "-f", "feed"]),
    ):
        assert checked.exit_code == 0, checked.output
        assert "no document 'article-not-written-yet'" in checked.output
        assert "left out issue 002-next until its manifest is fixed" in checked.output


def test_format_given_twice_checks_both(built_minimal: Path) -> None:
    result = check(built_minimal, "-f", "feed", "-f", "email")
    assert result.exit_code == 0, result.output
    checked = {line.split()[0] for line in result.output.splitlines()[1:] if line[:1].isalpha()}
    assert {"feed", "email"} <= checked


def test_building_first_keeps_a_pdf_built_with_its_own_print_options(
    workspace: Callable[[str], Path],
) -> None:
    """The README's print-shop PDF (`build 42 --page-size A5 --bleed 3mm --marks
    --pdf-standard pdf/x-4`), then `check`: the web pages, which link the PDF by its size,
    were stale, so check built the issue first with publisher.toml's options, laid out an A4
    PDF/UA over the shop's file and checked that one."""
    root = workspace("minimal")
    run = CliRunner().invoke
    assert run(main, ["-C", str(root), "build"]).exit_code == 0
    options = ["--page-size", "A5", "--bleed", "3mm", "--marks", "--pdf-standard", "pdf/x-4"]
    shop = run(main, ["-C", str(root), "build", "1", "--format", "pdf", *options])
    assert shop.exit_code == 0, shop.output
    pdf = root / "dist" / "001-first" / "001-first.pdf"
    made = pdf.read_bytes()

    result = run(main, ["-C", str(root), "check", "1", "--format", "pdf,web"])

    assert result.exit_code == 0, result.output
    assert "building first" in result.output  # the pages that link it, with its new size
    assert pdf.read_bytes() == made
    with pikepdf.open(pdf) as opened:
        trim = [float(v) for v in opened.pages[0].obj["/TrimBox"]]
    a5 = (148 * 72 / 25.4, 210 * 72 / 25.4)  # ISO 216, in points
    assert trim[2] - trim[0] == pytest.approx(a5[0], abs=0.1)
    assert trim[3] - trim[1] == pytest.approx(a5[1], abs=0.1)
    assert re.search(r"TrimBox and BleedBox on all \d+ pages", result.output)


def test_building_first_says_when_a_pdf_built_with_its_own_options_is_laid_out_again(
    workspace: Callable[[str], Path],
) -> None:
    """Its document changed since: it is built again, with publisher.toml's options, and
    the editor is told the print shop's file is gone."""
    root = workspace("minimal")
    run = CliRunner().invoke
    options = ["--page-size", "A5", "--pdf-standard", "pdf/x-4", "--bleed", "3mm"]
    assert run(main, ["-C", str(root), "build", "1", *options]).exit_code == 0
    article = root / "documents" / "second-article.md"
    article.write_text(article.read_text() + "\nA line added since.\n")

    result = run(main, ["-C", str(root), "check", "1", "--format", "pdf"])

    assert result.exit_code == 0, result.output
    said = re.findall(r"(\S+): its sources changed since", " ".join(result.stderr.split()))
    assert said == ["001-first/001-first.pdf"]  # not the pages, which print options do not shape
    assert "warn: dist/001-first/001-first.pdf: sources, build warning" in result.stdout
    with pikepdf.open(root / "dist" / "001-first" / "001-first.pdf") as opened:
        media = [float(v) for v in opened.pages[0].obj["/MediaBox"]]
    assert media[2:] == pytest.approx([595.28, 841.89], abs=0.1)  # A4 (ISO 216), no bleed


def test_validator_programs_start_first_and_findings_keep_the_registry_order(
    built_minimal: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """EPUBCheck, Ace and the Nu checker take seconds where the others take milliseconds:
    started first, the quick checks run beside them rather than before them. (The tests
    render with one worker, so the order they start in is the order they were queued.)"""
    import publisher.checks

    started: list[str] = []

    def recorded(check: Check, target: Target) -> list[Finding]:
        started.append(check.name)
        return [Finding(check.format, check.name, "pass", "", None)]

    monkeypatch.setattr(publisher.checks, "_run", recorded)
    target = Target(load_config(built_minimal), built_minimal / "dist", ("001-first",))
    findings = run_checks(target)
    programs = {"epubcheck", "accessibility (Ace)", "Nu HTML checker"}
    assert set(started[: len(programs)]) == programs
    registry = [check.name for check in publisher.checks.registry(select(()))]
    assert [finding.check for finding in findings] == registry


def test_checking_one_issue_leaves_the_pages_of_the_others_out(tmp_path: Path) -> None:
    """`publisher check 2` checks the archive's own pages and issue 2's, not a fault in
    issue 1's pages: that is `publisher check 1`'s (or a check of everything)."""
    from conftest import WORKSPACES, copy_workspace

    root = copy_workspace(WORKSPACES / "minimal", tmp_path / "ws")
    first = (root / "issues" / "001-first.yaml").read_text()
    second = first.replace("number: 1", "number: 2").replace("2026-01-10", "2026-02-10")
    (root / "issues" / "002-second.yaml").write_text(second.replace("First issue", "Second"))
    build(root)
    page = root / "dist" / "001-first" / "index.html"
    page.write_text(page.read_text().replace("</main>", '<a href="gone.html">x</a></main>'))

    def web_failures(*issues: str) -> list[str]:
        result = check(root, "--format", "web", "--json", *issues)
        found = json.loads(result.output)["findings"]
        return [f"{f['check']} {f['file'].split(':')[0]}" for f in found if f["status"] == "fail"]

    assert web_failures("2") == []
    assert web_failures("1") == ["internal links dist/001-first/index.html"]
    assert web_failures() == ["internal links dist/001-first/index.html"]


# Links whose address no output may keep: the words stay, the link goes
DROPPED_LINKS = """\
---
title: Links that lead nowhere
---

A [script](javascript:alert(1)), a [file on a disk](file:///C:/Users/ana/report.pdf), a
[data page](data:text/html;base64,PHA+eDwvcD4=), a [missing article](nowhere.md), an
[empty one](), <a href="vbscript:x" title="t">an old script</a> and <a href=" JaVaScRiPt:x">a
disguised one</a>.
"""


def test_pages_whose_links_were_taken_away_are_still_valid_html(tmp_path: Path) -> None:
    """nh3 gave every link a `rel`, also one whose address it took away; `rel` without an
    `href` is invalid, and the Nu checker failed the page."""
    from conftest import build_with_warnings, minimal_with

    root = minimal_with(tmp_path / "ws", {"nowhere-links.md": DROPPED_LINKS})
    build_with_warnings(root)
    page = (root / "dist" / "001-first" / "nowhere-links" / "index.html").read_text()
    assert "disguised one" in page and "javascript" not in page.lower()
    failed = [
        f for f in web_findings(root, "--no-build")["Nu HTML checker"] if f["status"] == "fail"
    ]
    assert failed == []


def test_a_checks_passes_are_one_row_and_a_failure_its_own_row_in_full(
    broken: Callable[[], Path],
) -> None:
    """80 issues checked made a table of 2,835 rows of passes, a failure lost among them."""
    root = broken()
    feeds = sorted((root / "dist").rglob("feed.atom")) + sorted((root / "dist").rglob("feed.rss"))
    feed = root / "dist" / "feed.atom"
    feed.write_bytes(feed.read_bytes().replace(b"<title>", b"<title>\x07", 1))
    result = check(root, "--format", "feed")
    assert result.exit_code == 1
    rows = [re.split(r"\s{2,}", line.strip()) for line in result.stdout.splitlines()]
    control = [row for row in rows if row[1:2] == ["no control characters"]]
    assert len(feeds) > 2 and len(control) == 2, result.output
    assert control[0][:3] == ["feed", "no control characters", "fail"]
    assert control[0][-1] == "dist/feed.atom:4"
    assert control[1] == ["feed", "no control characters", "pass", f"{len(feeds) - 1} file(s)"]

    every = check(root, "--format", "feed", "-v")
    listed = [line for line in every.stdout.splitlines() if "  no control characters  " in line]
    assert len(listed) == len(feeds), every.output
