"""A web page saved as one file (MHTML: Chrome's and Edge's "Webpage, Single File", Word's
"Single File Web Page"; Safari's web archive) is imported as its page is, with the pictures
saved inside it; a page saved as "Webpage, Complete", with those in the folder beside it."""

from __future__ import annotations

import io
import plistlib
from email.mime.image import MIMEImage
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from pathlib import Path

import pytest
from bounded import finishes_within
from PIL import Image
from test_import import html_of, import_one
from test_readers import SOURCES_SAVED_AS_TEXT

from publisher.importers import import_files

ARTICLE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Dockers win their strike – Port News</title><meta name="author" content="Ana Gil"></head>
<body><nav><a href="/">Home</a> | <a href="/news">News</a></nav><article>
<h1>Dockers win their strike</h1>
<p>After eleven days on the picket line, the dockers of the port won every demand: pay,
hours and safety. The employer gave in on Friday night, after a mass meeting voted on.</p>
<figure><img src="https://port.example.org/img/picket.png" alt="The picket at gate 3">
<figcaption>The picket at gate 3</figcaption></figure>
<p>“We held together, and we won,” said the branch secretary. The return to work is on
Monday, with back pay for the strike days agreed in writing.</p>
<figure><img src="https://cdn.example.net/ad.png" alt="Not saved with the page"></figure>
<p>The union holds a celebration at the hall on Saturday, from six; families welcome.</p>
</article><footer>© Port News · Share on Facebook</footer></body></html>"""

# Word's "Single File Web Page": Windows-1252, quoted-printable, pictures in Name_files/
WORD_PAGE = """<html xmlns:o="urn:schemas-microsoft-com:office:office"
xmlns:w="urn:schemas-microsoft-com:office:word"><head>
<meta http-equiv=Content-Type content="text/html; charset=windows-1252">
<meta name=Generator content="Microsoft Word 15"><title>Statement</title></head>
<body lang=EN-GB><div class=WordSection1>
<p class=MsoTitle>Statement on the closure</p>
<p class=MsoNormal>We oppose the closure of the depot – every job counts.</p>
<p class=MsoNormal><img width=40 height=30 src="Statement_files/image001.png"
alt="The depot gates"></p>
<p class=MsoNormal>Signed, the branch committee.</p></div></body></html>"""


def png(colour: str) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), colour).save(out, "PNG")
    return out.getvalue()


def saved_page(html: str, charset: str, location: str, pictures: dict[str, bytes]) -> bytes:
    """The page and its pictures as one MHTML file, as browsers and Word write it."""
    archive = MIMEMultipart("related", type="text/html")
    archive["Snapshot-Content-Location"] = location
    page = MIMEText(html, "html", charset)
    page["Content-Location"] = location
    archive.attach(page)
    for address, data in pictures.items():
        picture = MIMEImage(data, "png")
        picture["Content-Location"] = address
        archive.attach(picture)
    return archive.as_bytes()


def test_a_browsers_saved_page_is_imported_with_the_pictures_saved_in_it(
    tmp_path: Path,
) -> None:
    teal = png("teal")
    data = saved_page(
        ARTICLE,
        "utf-8",
        "https://port.example.org/news/dockers-win",
        {"https://port.example.org/img/picket.png": teal},
    )
    (doc,) = import_one(tmp_path, data, "Dockers win their strike.mhtml")
    assert doc.title == "Dockers win their strike" and doc.authors == ("Ana Gil",)
    text = " ".join(html_of(doc).text_content().split())
    assert "eleven days on the picket line" in text and "families welcome" in text
    assert "Share on Facebook" not in text and "Home" not in text  # the site's, not the article's
    # the saved picture is in documents/; the other stays its web address in the draft
    # (never fetched), for the editor to see to
    (image,) = doc.images
    assert (tmp_path / "documents" / image).read_bytes() == teal
    assert "](https://cdn.example.net/ad.png)" in doc.source.read_text()


def test_a_page_saved_with_its_files_folder_is_imported_with_its_pictures(tmp_path: Path) -> None:
    """Chrome's and Firefox's "Webpage, Complete": the page, and beside it a folder named
    after it, `<name>_files/`, holding its pictures, which the page shows by addresses in
    that folder (escaped: spaces as %20, "é" as %C3%A9)."""
    name = "Dockers win their strike – Port News"
    folder = tmp_path / "in" / f"{name}_files"
    folder.mkdir(parents=True)
    teal = png("teal")
    (folder / "picket.png").write_bytes(teal)
    escaped = "Dockers%20win%20their%20strike%20%E2%80%93%20Port%20News_files"
    page = ARTICLE.replace("https://port.example.org/img/", f"{escaped}/")
    (doc,) = import_one(tmp_path, page, f"{name}.html")
    (image,) = doc.images
    assert image.startswith("media/dockers-win-their-strike/")
    assert (tmp_path / "documents" / image).read_bytes() == teal
    assert "_files/" not in doc.source.read_text()


def test_a_picture_without_a_caption_is_imported_without_one(tmp_path: Path) -> None:
    """A WordPress image block with no caption (<figure class="wp-block-image"><img alt>)
    is its picture alone: its description (alt text) is for readers who cannot see it,
    not a caption printed under it. A caption the page gives stays one."""
    page = ARTICLE.replace(
        '<figure><img src="https://cdn.example.net/ad.png" alt="Not saved with the page">',
        '<figure class="wp-block-image size-large"><img src="https://port.example.org/img/'
        'gate.png" alt="Dockers at the gate, fists raised">',
    )
    pictures = {
        f"https://port.example.org/img/{name}": png("teal") for name in ("picket.png", "gate.png")
    }
    data = saved_page(page, "utf-8", "https://port.example.org/news/dockers-win", pictures)
    (doc,) = import_one(tmp_path, data, "Dockers win their strike.mhtml")
    shown = html_of(doc)
    assert shown.xpath("//img/@alt") == [
        "The picket at gate 3",
        "Dockers at the gate, fists raised",
    ]
    assert [" ".join(c.text_content().split()) for c in shown.iter("figcaption")] == [
        "The picket at gate 3"
    ]


def test_a_word_single_file_web_page_is_read_whole_with_its_pictures(tmp_path: Path) -> None:
    red = png("red")
    data = saved_page(
        WORD_PAGE,
        "windows-1252",
        "file:///C:/Users/ana/Documents/Statement.htm",
        {"file:///C:/Users/ana/Documents/Statement_files/image001.png": red},
    )
    (doc,) = import_one(tmp_path, data, "Statement.mht")
    text = " ".join(html_of(doc).text_content().split())
    assert "the depot – every job counts" in text and "branch committee" in text
    (image,) = doc.images
    assert (tmp_path / "documents" / image).read_bytes() == red


def test_pictures_of_the_same_name_from_different_places_are_each_kept(tmp_path: Path) -> None:
    """Sites name pictures alike (photo.png in each year's folder); one already named as the
    third picture a page holds would be named by a counter (3-photo.png) is no trouble either."""
    pictures = {
        "https://port.example.org/3-photo.png": png("purple"),
        "https://port.example.org/2025/photo.png": png("green"),
        "https://port.example.org/2026/photo.png": png("orange"),
    }
    figures = "".join(
        f'<figure><img src="{address}" alt="Picture {n}"><figcaption>Picture {n}</figcaption>'
        "</figure>"
        for n, address in enumerate(pictures)
    )
    page = ARTICLE.replace(
        '<figure><img src="https://cdn.example.net/ad.png"',
        figures + '<figure><img src="https://cdn.example.net/ad.png"',
    )
    teal = png("teal")
    saved = {"https://port.example.org/img/picket.png": teal, **pictures}
    data = saved_page(page, "utf-8", "https://port.example.org/news/x", saved)
    source = tmp_path / "page.mhtml"
    source.write_bytes(data)
    # in a bounded child: renaming the second photo.png as the third picture once looped
    finishes_within(
        30,
        "from pathlib import Path",
        "from publisher.importers import import_files",
        f"import_files([Path({str(source)!r})], Path({str(tmp_path / 'documents')!r}))",
    )
    (doc,) = import_one(tmp_path, data, "page.mhtml")  # written already: read back
    shown = [(tmp_path / "documents" / image).read_bytes() for image in doc.images]
    assert shown == [teal, *pictures.values()]  # each shows its own, in the page's order


def web_archive(html: bytes, encoding: str, address: str, pictures: dict[str, bytes]) -> bytes:
    """The page and its pictures as Safari saves them: a binary property list."""
    main = {
        "WebResourceData": html,
        "WebResourceMIMEType": "text/html",
        "WebResourceTextEncodingName": encoding,
        "WebResourceURL": address,
        "WebResourceFrameName": "",
    }
    resources = [
        {"WebResourceData": data, "WebResourceMIMEType": "image/png", "WebResourceURL": url}
        for url, data in pictures.items()
    ]
    archive = {"WebMainResource": main, "WebSubresources": resources}
    return plistlib.dumps(archive, fmt=plistlib.FMT_BINARY)


def test_safaris_web_archive_is_imported_with_its_pictures(tmp_path: Path) -> None:
    teal = png("teal")
    data = web_archive(
        ARTICLE.encode(),
        "UTF-8",
        "https://port.example.org/news/dockers-win",
        {"https://port.example.org/img/picket.png": teal},
    )
    (doc,) = import_one(tmp_path, data, "Dockers win their strike.webarchive")
    assert doc.title == "Dockers win their strike"
    assert "eleven days on the picket line" in html_of(doc).text_content()
    (image,) = doc.images
    assert (tmp_path / "documents" / image).read_bytes() == teal


# A page in KOI8-R with no <meta charset>: guessed, it read as Arabic letters
RUSSIAN = """<html><head><title>Докеры победили</title></head><body><article>
<h1>Докеры победили</h1><p>После одиннадцати дней забастовки докеры порта добились всех
своих требований: зарплаты, рабочего времени и безопасности. Работа возобновится в
понедельник, с оплатой дней забастовки.</p></article></body></html>"""


def test_a_saved_page_is_read_in_the_encoding_the_file_names(tmp_path: Path) -> None:
    data = web_archive(RUSSIAN.encode("koi8_r"), "KOI8-R", "https://port.example.org/ru", {})
    (doc,) = import_one(tmp_path, data, "dokery.webarchive")
    assert doc.title == "Докеры победили"
    assert "добились всех своих требований" in " ".join(html_of(doc).text_content().split())


@pytest.mark.parametrize(
    ("name", "content", "said"),
    [
        ("page.mhtml", b"just some text, no page", "not a web page saved as one file (MHTML)"),
        (
            "page.mhtml",
            b'Content-Type: multipart/related; boundary="b"\n\n--b\nContent-Type: image/png\n\nx\n--b--\n',
            "without its page",
        ),
        ("page.webarchive", b"bplist00 cut short", "not a web archive Safari can open"),
        (
            "page.webarchive",
            plistlib.dumps({"WebSubresources": []}, fmt=plistlib.FMT_BINARY),
            "not a web archive Safari can open",
        ),
    ],
)
def test_a_file_that_holds_no_page_is_refused_by_name(
    tmp_path: Path, name: str, content: bytes, said: str
) -> None:
    source = tmp_path / name
    source.write_bytes(content)
    report = import_files([source], tmp_path / "documents")
    (problem,) = report.problems
    assert problem.file == source and said in problem.message
    assert not (tmp_path / "documents").exists() or not list((tmp_path / "documents").iterdir())


def test_a_saved_page_dropped_into_documents_says_to_import_it() -> None:
    from publisher.readers import not_read

    for name in ("news.mhtml", "news.webarchive"):
        kind, hint = not_read(Path(name))
        assert "saved as one file" in kind and "publisher import" in hint


@pytest.mark.parametrize("saved", SOURCES_SAVED_AS_TEXT)
def test_a_txt_holding_a_web_pages_source_is_imported_as_the_page(
    tmp_path: Path, saved: str
) -> None:
    """A page's source saved as text was imported as lines of text: the head's title was
    the first paragraph, the page's heading a second title under the file's name ("G3"),
    and an empty page's source an empty document. It is imported as the .html it is."""
    source = SOURCES_SAVED_AS_TEXT[saved]
    (as_text,) = import_one(tmp_path / "text", source, "statement.txt")
    (as_page,) = import_one(tmp_path / "page", source, "statement.html")
    assert (as_text.title, as_text.body_html) == (as_page.title, as_page.body_html)
    assert as_text.title == "Statement on the strike"


def test_a_txt_holding_an_empty_web_pages_source_is_refused_as_the_page_is(
    tmp_path: Path,
) -> None:
    source = tmp_path / "empty.txt"
    source.write_text(
        "<!DOCTYPE html>\n<html><head><title>Rally</title></head><body></body></html>"
    )
    report = import_files([source], tmp_path / "documents")
    assert [p.message for p in report.problems] == ["no main text found in this page"]
    assert not (tmp_path / "documents").exists() or not any((tmp_path / "documents").iterdir())
