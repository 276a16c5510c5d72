"""A document written in Google Docs and downloaded as a web page (File → Download → Web
page, a zip of the page and its pictures) is read as its author wrote it: emphasis, title,
nested lists, footnotes, pictures and links, and never the comments between editors.

PAGE is laid out as Google Docs writes it: no element but <span> in the text, everything
said by classes of one style sheet (c1, c4…), each list level a list of its own, notes and
comments as links to paragraphs at the end, links through Google's redirect."""

from __future__ import annotations

import io
import json
import logging
import re
import subprocess
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import WORKSPACES, copy_workspace
from PIL import Image

from publisher.build import build
from publisher.cli import main
from publisher.model import Document
from publisher.readers import read_document

STYLE = (
    "@import url(https://themes.googleusercontent.com/fonts/css?kit=fpjTOVmNbO4Lz34iLypt);"
    "ul.lst-kix_7x1a-1{list-style-type:none}ul.lst-kix_7x1a-0{list-style-type:none}"
    '.lst-kix_7x1a-0>li:before{content:"\\0025cf   "}.lst-kix_7x1a-1>li:before{content:"\\0025cb   "}'
    "ol.lst-kix_q2-0{list-style-type:none}.lst-kix_q2-0>li{counter-increment:lst-ctn-kix_q2-0}"
    "ol{margin:0;padding:0}table td,table th{padding:0}"
    ".c1{color:#000000;font-weight:400;text-decoration:none;vertical-align:baseline;"
    'font-size:11pt;font-family:"Arial";font-style:normal}'
    ".c4{color:#000000;font-weight:700;text-decoration:none;vertical-align:baseline;"
    'font-size:11pt;font-family:"Arial";font-style:normal}'
    ".c5{color:#000000;font-weight:400;text-decoration:none;vertical-align:baseline;"
    'font-size:11pt;font-family:"Arial";font-style:italic}'
    ".c10{vertical-align:super;font-size:11pt}.c9{color:#1155cc;text-decoration:underline}"
    ".c2{padding-top:0pt;padding-bottom:0pt;line-height:1.15;orphans:2;widows:2;text-align:left}"
    ".c7{margin-left:36pt;padding-left:0pt}.c8{margin-left:72pt;padding-left:0pt}"
    ".c3{background-color:#ffffff;max-width:451.4pt;padding:72pt 72pt 72pt 72pt}"
    ".title{padding-top:0pt;color:#000000;font-size:26pt;padding-bottom:3pt}"
    ".subtitle{padding-top:0pt;color:#666666;font-size:15pt;padding-bottom:16pt}"
    "h1{padding-top:20pt;color:#000000;font-weight:700;font-size:20pt;padding-bottom:6pt}"
)
REDIRECT = (
    "https://www.google.com/url?q=https://example.org/rent-survey&amp;sa=D&amp;"
    "source=editors&amp;ust=1764500000000000&amp;usg=AOvVaw0abcdEFGH"
)
PAGE = (
    '<html><head><meta content="text/html; charset=UTF-8" http-equiv="content-type">'
    f'<style type="text/css">{STYLE}</style></head><body class="c3 doc-content">'
    '<p class="c2 title" id="h.t1"><span class="c6">Tenants&rsquo; statement on the rent'
    " strike</span></p>"
    '<p class="c2 subtitle" id="h.s1"><span class="c1">Block B, 1 March</span></p>'
    '<p class="c2"><span class="c1">We, the tenants of </span><span class="c4">Block B</span>'
    '<span class="c1">, withhold rent from </span><span class="c5">1 March</span>'
    '<span class="c1">; rents rose 12</span><span class="c10">%</span>'
    '<span class="c1">. Read the </span><span class="c9"><a class="c9" href="'
    + REDIRECT
    + '">full survey</a></span><span class="c1">.</span>'
    '<sup><a href="#ftnt1" id="ftnt_ref1">[1]</a></sup></p>'
    '<p class="c2"><span class="c1"></span></p><p class="c2"><span class="c1">&nbsp;</span></p>'
    '<h1 class="c2" id="h.h1"><span class="c4">Our demands</span></h1>'
    '<ul class="c0 lst-kix_7x1a-0 start"><li class="c2 c7 li-bullet-0"><span class="c1">'
    'Repairs within </span><span class="c4">28 days</span></li>'
    '<li class="c2 c7 li-bullet-0"><span class="c1">No rent rise this year</span></li></ul>'
    '<ul class="c0 lst-kix_7x1a-1 start"><li class="c2 c8 li-bullet-1"><span class="c1">not'
    " even the &ldquo;inflation&rdquo; rise</span></li></ul>"
    '<ul class="c0 lst-kix_7x1a-0"><li class="c2 c7 li-bullet-0"><span class="c1">A'
    ' tenants&rsquo; committee</span><sup><a href="#cmnt1" id="cmnt_ref1">[a]</a></sup></li></ul>'
    '<h1 class="c2" id="h.h2"><span class="c4">What happens next</span></h1>'
    '<ol class="c0 lst-kix_q2-0 start" start="1"><li class="c2 c7 li-bullet-0">'
    '<span class="c1">Meeting on Thursday</span></li><li class="c2 c7 li-bullet-0">'
    '<span class="c1">Letter to the landlord</span></li></ol>'
    '<p class="c2"><span style="overflow: hidden; display: inline-block; margin: 0.00px'
    ' 0.00px; width: 602.00px; height: 338.63px;"><img alt="Tenants outside Block B"'
    ' src="images/image1.png" style="width: 602.00px; height: 338.63px;" title=""></span></p>'
    '<hr class="c11"><div><p class="c2"><a href="#ftnt_ref1" id="ftnt1">[1]</a>'
    '<span class="c1">&nbsp;Survey of 212 households, January.</span></p></div>'
    '<div class="c12"><p class="c2"><a href="#cmnt_ref1" id="cmnt1">[a]</a><span class="c1">'
    "Maria: should we name the committee members?</span></p>"
    '<p class="c2"><span class="c1">Ahmed: not yet.</span></p></div></body></html>'
)
COMMENTS = ("Maria", "Ahmed", "cmnt")


def picture() -> bytes:
    data = io.BytesIO()
    Image.new("RGB", (1400, 788), (180, 40, 40)).save(data, "PNG")
    return data.getvalue()


def downloaded(folder: Path, zipped: bool = True) -> Path:
    """The document as Google Docs downloads it: `Name.html` and `images/` in a zip, or
    unzipped into `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    if not zipped:
        (folder / "images").mkdir()
        (folder / "images" / "image1.png").write_bytes(picture())
        page = folder / "TenantsStatementontherentstrike.html"
        page.write_text(PAGE, encoding="utf-8")
        return page
    path = folder / "TenantsStatementontherentstrike.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("TenantsStatementontherentstrike.html", PAGE)
        archive.writestr("images/image1.png", picture())
    return path


def flat(html: str) -> str:
    return re.sub(r"\s*(<[uo]l>)", r"\1", re.sub(r"\s+", " ", re.sub(r">\s+<", "><", html)))


@pytest.fixture
def read(tmp_path: Path) -> Document:
    """The page as the build reads a document."""
    page = downloaded(tmp_path / "documents", zipped=False)
    return read_document(page, "tenants", tmp_path / "documents", "en")


def test_bold_italic_and_superscript_styled_by_class_are_kept(read: Document) -> None:
    body = flat(read.body_html)
    assert (
        "We, the tenants of <strong>Block B</strong>, withhold rent from <em>1 March</em>" in body
    )
    assert "rose 12<sup>%</sup>" in body
    assert re.search(r"<h1[^>]*>Our demands</h1>", body)  # a heading is not made bold again
    assert "<span" not in body and 'class="c' not in body


def test_the_title_and_subtitle_paragraphs_are_the_documents_title_and_subtitle(
    read: Document,
) -> None:
    assert read.title == "Tenants’ statement on the rent strike"
    assert read.subtitle == "Block B, 1 March"
    assert "rent strike" not in read.body_html and "Block B, 1 March" not in read.body_html


def test_each_list_level_is_inside_its_item_and_a_list_split_by_it_is_one_again(
    read: Document,
) -> None:
    body = flat(read.body_html)
    assert (
        "<ul><li>Repairs within <strong>28 days</strong></li><li>No rent rise this year"
        "<ul><li>not even the “inflation” rise</li></ul></li><li>A tenants’ committee</li></ul>"
    ) in body
    assert "<ol><li>Meeting on Thursday</li><li>Letter to the landlord</li></ol>" in body


def test_footnotes_are_footnotes_and_comments_are_left_out_saying_how_many(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    page = downloaded(tmp_path / "documents", zipped=False)
    with caplog.at_level(logging.INFO, logger="publisher"):
        doc = read_document(page, "tenants", tmp_path / "documents", "en")
    body = flat(doc.body_html)
    assert re.search(r'\.<a href="#tenants-fn1" class="footnote-ref"[^>]*><sup>1</sup></a>', body)
    assert re.search(r'<li id="tenants-fn1"><p>Survey of 212 households, January\.<a', body)
    assert not any(word in doc.body_html for word in COMMENTS)
    assert "<hr" not in body.split('class="footnotes')[0]  # Google's rule above the notes
    assert f"{page}: 2 comment(s) left out" not in caplog.text  # one comment, with a reply
    assert f"{page}: 1 comment(s) left out: they are for the editors" in caplog.text


def test_links_point_at_their_address_not_through_googles_redirect(read: Document) -> None:
    assert 'href="https://example.org/rent-survey"' in read.body_html
    assert "google.com" not in read.body_html


def test_a_link_google_redirects_to_a_script_runs_nothing(tmp_path: Path) -> None:
    page = tmp_path / "p.html"
    evil = "https://www.google.com/url?q=javascript:alert(1)&amp;sa=D"
    page.write_text(PAGE.replace(REDIRECT, evil), encoding="utf-8")
    body = read_document(page, "p", tmp_path, "en").body_html
    assert 'href="javascript' not in body


def test_blank_lines_are_not_paragraphs(read: Document) -> None:
    assert "<p></p>" not in read.body_html
    assert re.search(r"<p>\s*(&nbsp;|\xa0)?\s*</p>", read.body_html) is None


def test_text_pasted_from_google_docs_keeps_its_emphasis_and_paragraphs(tmp_path: Path) -> None:
    """As the clipboard holds it (a page saved from an editor it was pasted into): inline
    styles, in a <b> that is not bold, with a line break for each empty line."""
    span = '<span style="font-size:11pt;font-family:Arial;font-weight:{};font-style:{};">{}</span>'
    paragraph = '<p dir="ltr" style="line-height:1.38;margin-top:0pt;margin-bottom:0pt;">{}</p>'
    page = tmp_path / "pasted.html"
    page.write_text(
        '<html><body><meta charset="utf-8"><b style="font-weight:normal;"'
        ' id="docs-internal-guid-3f1c2a7e-7fff-1b2c">'
        + paragraph.format(
            span.format(400, "normal", "We call on ")
            + span.format(700, "normal", "every member")
            + span.format(400, "italic", " to attend.")
        )
        + "<br>"
        + paragraph.format(span.format(400, "normal", "Second paragraph."))
        + "</b></body></html>",
        encoding="utf-8",
    )
    body = read_document(page, "pasted", tmp_path, "en").body_html
    assert "<p>We call on <strong>every member</strong> <em>to attend.</em></p>" in body
    assert "<p>Second paragraph.</p>" in body
    assert "<br" not in body and "<b>" not in body


def imported(tmp_path: Path, source: Path) -> tuple[Path, str]:
    """The Markdown file written, and what was said on stderr."""
    root = copy_workspace(WORKSPACES / "minimal", tmp_path / "ws")
    result = CliRunner().invoke(main, ["-C", str(root), "import", "--json", str(source)])
    assert result.exit_code == 0, result.output
    (row,) = json.loads(result.stdout)["files"]
    return Path(row["document"]), result.stderr


@pytest.mark.parametrize("zipped", [True, False], ids=["zip as downloaded", "unzipped"])
def test_the_download_imports_as_markdown_with_its_picture(tmp_path: Path, zipped: bool) -> None:
    written, said = imported(tmp_path, downloaded(tmp_path / "download", zipped))
    markdown = written.read_text(encoding="utf-8")
    assert "title: Tenants’ statement on the rent strike\nsubtitle: Block B, 1 March\n" in markdown
    assert "We, the tenants of **Block B**, withhold rent from *1 March*" in markdown
    assert "[full survey](https://example.org/rent-survey).[^1]" in markdown
    assert "[^1]: Survey of 212 households, January." in markdown
    assert "- No rent rise this year\n  - not even the “inflation” rise\n- A tenants" in markdown
    assert re.search(r"1\.\s+Meeting on Thursday\n2\.\s+Letter to the landlord", markdown)
    slug = written.stem
    assert f"![Tenants outside Block B](media/{slug}/image1.png)" in markdown
    assert (tmp_path / "ws" / "documents" / "media" / slug / "image1.png").read_bytes() == picture()
    assert not any(word in markdown for word in COMMENTS)
    source = "TenantsStatementontherentstrike." + ("zip" if zipped else "html")
    assert re.search(rf"{re.escape(source)}: 1 comment\(s\) left out", said), said
    assert "publisher-import-" not in said  # named as the editor knows it, not a working copy


def test_an_imported_pictures_description_is_no_caption(tmp_path: Path) -> None:
    """The picture's alt text ("Tenants outside Block B") describes it for whoever cannot
    see it: the imported draft shows it as the page did, with no caption under it."""
    written, _ = imported(tmp_path, downloaded(tmp_path / "download"))
    doc = read_document(written, written.stem, written.parent, "en")
    assert re.search(r'<img [^>]*alt="Tenants outside Block B"', doc.body_html)
    assert "<figcaption" not in doc.body_html


def test_a_link_to_one_of_its_headings_still_leads_there_once_imported(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A contents' line or "see What happens next" links to the heading by the id Google
    Docs gave it ("#h.h2"); the draft's heading is written as words alone, and the link
    pointed at the id the build gives those words."""
    link = (
        '<p class="c2"><span class="c1">See </span><span class="c9"><a class="c9"'
        ' href="#h.h2">what happens next</a></span><span class="c1">.</span></p>'
    )
    page = tmp_path / "download" / "Statement.html"
    page.parent.mkdir()
    page.write_text(PAGE.replace('<hr class="c11">', link + '<hr class="c11">'), "utf-8")
    written, _ = imported(tmp_path, page)
    with caplog.at_level(logging.WARNING, logger="publisher"):
        doc = read_document(written, written.stem, written.parent, "en")
    (heading,) = re.findall(r'<h1 id="([^"]+)">What happens next</h1>', doc.body_html)
    assert re.search(rf'<a href="#{heading}"[^>]*>what happens next</a>', doc.body_html)
    assert "does not have" not in caplog.text


def test_a_zip_of_several_pages_or_none_is_refused_by_name(tmp_path: Path) -> None:
    two, none = tmp_path / "two.zip", tmp_path / "pictures.zip"
    with zipfile.ZipFile(two, "w") as archive:
        archive.writestr("a.html", PAGE)
        archive.writestr("b.html", PAGE)
    with zipfile.ZipFile(none, "w") as archive:
        archive.writestr("images/image1.png", picture())
    root = copy_workspace(WORKSPACES / "minimal", tmp_path / "ws")
    result = CliRunner().invoke(main, ["-C", str(root), "import", str(two), str(none)])
    assert result.exit_code == 1
    assert f"{two}: a .zip file holding 2 web pages, which publisher cannot import" in result.output
    assert f"{none}: a .zip file holding no web page" in result.output
    assert "Traceback" not in result.output


def test_no_output_of_a_build_carries_the_comments(tmp_path: Path) -> None:
    root = copy_workspace(WORKSPACES / "minimal", tmp_path / "ws")
    downloaded(root / "documents", zipped=False).rename(root / "documents" / "tenants.html")
    manifest = next((root / "issues").glob("*.yaml"))
    manifest.write_text(manifest.read_text().replace("second-article]", "second-article, tenants]"))
    report = build(root)
    assert not report.failed and report.rendered
    texts = []
    for path in report.out_dir.rglob("*"):
        if path.suffix == ".pdf":
            texts.append(
                subprocess.run(["pdftotext", path, "-"], capture_output=True, text=True).stdout
            )
        elif path.suffix == ".epub":
            with zipfile.ZipFile(path) as book:
                texts += [book.read(n).decode("utf-8", "replace") for n in book.namelist()]
        elif path.is_file():
            texts.append(path.read_bytes().decode("utf-8", "replace"))
    published = "\n".join(texts)
    assert "Survey of 212 households" in published and "Block B" in published
    assert not any(word in published for word in COMMENTS)


def test_pictures_that_did_not_come_with_the_page_are_left_out_by_name(tmp_path: Path) -> None:
    download = tmp_path / "download"
    (download / "images").mkdir(parents=True)
    (tmp_path / "private.png").write_bytes(picture())
    (download / "images" / "link.png").symlink_to(tmp_path / "private.png")
    pictures = "".join(
        f'<img alt="" src="{src}">' for src in ("../private.png", "/etc/passwd", "images/link.png")
    )
    page = download / "Page.html"
    page.write_text(PAGE.replace('<hr class="c11">', f"<p>{pictures}</p><hr>"), encoding="utf-8")
    written, said = imported(tmp_path, page)
    assert not (written.parent / "media").exists()
    assert "![" not in written.read_text(encoding="utf-8").replace("![Tenants", "")
    for src in ("../private.png", "/etc/passwd", "images/link.png"):
        assert f"Page.html: picture {src} left out: it did not come with the page" in said


def test_a_damaged_zip_is_named_with_what_to_do(tmp_path: Path) -> None:
    cut_short = tmp_path / "Statement.zip"
    cut_short.write_bytes(downloaded(tmp_path / "download").read_bytes()[:1500])
    root = copy_workspace(WORKSPACES / "minimal", tmp_path / "ws")
    result = CliRunner().invoke(main, ["-C", str(root), "import", str(cut_short)])
    assert result.exit_code == 1
    assert f"{cut_short}: this .zip file is damaged (cut short?) or is no zip" in result.output
    assert "download it again" in result.output


def test_the_markdown_download_builds_with_its_pictures_in_every_format(tmp_path: Path) -> None:
    """Google Docs' "Download → Markdown" keeps every picture inside the text, as a `data:`
    address (by reference, `![][image1]`, defined at the end). Copied into documents/, its
    pictures were left out of every output; now each is saved once beside Word's pictures,
    in documents/media/<document>/, and shown like any picture there. An SVG kept so is
    sanitised like an SVG file: its script runs nowhere."""
    import base64

    root = copy_workspace(WORKSPACES / "minimal", tmp_path / "ws")
    red = base64.b64encode(picture()).decode()
    svg = base64.b64encode(
        b'<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20" onload="alert(1)">'
        b'<script>alert(2)</script><rect width="40" height="20" fill="blue"/></svg>'
    ).decode()
    text = (
        "# Rent strike\n\nThe march set off at noon.\n\n![][image1]\n\nBlock B joined.\n\n"
        f"![The banner of Block B](data:image/png;base64,{red})\n\n"
        f"![A blue flag](data:image/svg+xml;base64,{svg})\n\n"
        f"[image1]: <data:image/png;base64,{red}>\n"
    )
    download = root / "documents" / "rent-strike.md"
    download.write_text(text, encoding="utf-8")
    manifest = next((root / "issues").glob("*.yaml"))
    manifest.write_text(manifest.read_text().replace("second-article]", "rent-strike]"))

    report = build(root)

    assert not report.failed and report.rendered
    assert download.read_text(encoding="utf-8") == text  # the editor's file as it was
    saved = sorted((root / "documents" / "media" / "rent-strike").iterdir())
    assert [p.suffix for p in saved] == sorted([".png", ".svg"])  # the red one, once
    assert [p.read_bytes() for p in saved if p.suffix == ".png"] == [picture()]
    page = (next(report.out_dir.glob("*/rent-strike/")) / "index.html").read_text(encoding="utf-8")
    shown = re.findall(r'<img[^>]*\ssrc="([^"]+)"', page)
    assert len(shown) == 3 and all(not src.startswith("data:") for src in shown)
    folder = next(report.out_dir.glob("*/rent-strike/"))
    assert all((folder / src).resolve().is_file() for src in shown)
    pdf = next(report.out_dir.glob("*/*.pdf"))
    listed = subprocess.run(["pdfimages", "-list", pdf], capture_output=True, text=True).stdout
    assert "1400   788" in listed
    with zipfile.ZipFile(next(report.out_dir.glob("*/*.epub"))) as book:
        pictures = [n for n in book.namelist() if n.endswith((".png", ".svg"))]
        assert len(pictures) >= 2
        published = " ".join(book.read(n).decode("utf-8", "replace") for n in book.namelist())
    email = next(report.out_dir.glob("*/email.html")).read_text(encoding="utf-8")
    mailed = re.findall(r'<img[^>]*\ssrc="https://minimal\.example\.org/([^"]+)"', email)
    assert len(mailed) == 3 and all((report.out_dir / src).is_file() for src in mailed)
    for output in (page, published, email):
        assert "alert(" not in output
