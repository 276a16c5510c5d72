"""`publisher import --fetch-images`: the pictures an export names only by their web address
are fetched when the editor asks, and only then. A real HTTP server on loopback serves them
(so the tests say --fetch-images-anywhere: plain --fetch-images refuses this machine).
"""

from __future__ import annotations

import html
import io
import json
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import lxml.html
import pytest
from click.testing import CliRunner
from conftest import answering
from PIL import Image

from publisher.cli import main
from publisher.importers.fetch import LIMIT, Fetched, ImageFetcher, Refused
from publisher.scaffold import Identity, create_workspace

FEED = (
    Path(__file__).parent
    / "exports"
    / "blogger"
    / "Takeout"
    / "Blogger"
    / "Blogs"
    / "Dockside Workers' Voice"
    / "feed.atom"
)
BLOGGER_PICTURE = "https://blogger.googleusercontent.com/img/b/R29vZ2xl/AVvXsEj4kqP9x2Lr7Tm/s"


def png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 30, 30)).save(out, "PNG")
    return out.getvalue()


PICTURE = png()


class Server:
    """Pictures and not-pictures on 127.0.0.1 (`url`), with the paths asked for."""

    def __init__(self, port: int, asked: list[str]) -> None:
        self.url, self.asked = f"http://127.0.0.1:{port}", asked


class _Pictures(BaseHTTPRequestHandler):
    asked: list[str]

    def do_GET(self) -> None:
        self.asked.append(self.path)
        if self.path == "/redirect":
            self.send_response(302)
            self.send_header("Location", "/pic.png")
            self.end_headers()
            return
        body = {
            "/pic.png": PICTURE,
            "/page.txt": b"not a picture at all",
            "/huge.png": PICTURE + b"\0" * LIMIT,
        }.get(self.path)
        self.send_response(200 if body is not None else 404)
        self.send_header("Content-Length", str(len(body or b"")))
        self.end_headers()
        self.wfile.write(body or b"")

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[Server]:
    asked: list[str] = []
    handler = type("Pictures", (_Pictures,), {"asked": asked})
    with answering(ThreadingHTTPServer(("127.0.0.1", 0), handler)) as port:
        yield Server(port, asked)


def blog(tmp_path: Path, picture: str) -> Path:
    """The Blogger fixture with its picture at `picture`, shown in both posts."""
    feed = tmp_path / "feed.atom"
    text = FEED.read_text().replace(BLOGGER_PICTURE + "1600/picket-line.jpg", picture)
    text = text.replace(BLOGGER_PICTURE + "320/picket-line.jpg", picture)
    text = text.replace("Los jornaleros", f"&lt;img src=&quot;{picture}&quot;&gt;Los jornaleros")
    feed.write_text(text)
    return feed


def run_import(tmp_path: Path, *options: str, export: Path) -> tuple[Path, dict[str, Any]]:
    """`publisher import --json OPTIONS EXPORT` in a new workspace, and its report."""
    root = tmp_path / "ws"
    create_workspace(root, Identity("Dockside Workers"))
    argv = ["-C", str(root), "import", "--json", *options, str(export)]
    result = CliRunner().invoke(main, argv)
    assert result.exit_code == 0, result.output
    (report,) = json.loads(result.output)["exports"]
    return root, report


def reasons(report: dict[str, Any]) -> set[str]:
    return {image["why"] for image in report["unfetched_images"]}


def test_no_picture_is_fetched_unless_the_editor_asks(tmp_path: Path, server: Server) -> None:
    root, report = run_import(tmp_path, export=blog(tmp_path, f"{server.url}/pic.png"))
    assert server.asked == []
    assert {i["url"] for i in report["online_images"]} == {f"{server.url}/pic.png"}
    assert not (root / "documents" / "media").exists()


def test_asked_each_picture_is_fetched_once_and_shown_in_its_posts(
    tmp_path: Path, server: Server
) -> None:
    root, report = run_import(
        tmp_path, "--fetch-images-anywhere", export=blog(tmp_path, f"{server.url}/pic.png")
    )
    assert server.asked == ["/pic.png"]  # two posts show it: fetched once
    for slug in ("cleaners-walk-out-at-infirmary", "huelga-en-los-invernaderos"):
        assert (root / "documents" / "media" / slug / "pic.png").read_bytes() == PICTURE
        text = (root / "documents" / f"{slug}.md").read_text()
        assert f"![](media/{slug}/pic.png)" in text and server.url not in text
    assert report["unfetched_images"] == [] and report["online_images"] == []


def test_plain_fetch_images_refuses_this_machine_and_the_local_network(
    tmp_path: Path, server: Server
) -> None:
    root, report = run_import(
        tmp_path, "--fetch-images", export=blog(tmp_path, f"{server.url}/pic.png")
    )
    assert server.asked == []
    assert reasons(report) == {
        "127.0.0.1 is on this machine or a local network: fetched only with --fetch-images-anywhere"
    }
    assert not (root / "documents" / "media").exists()


@pytest.mark.parametrize(
    ("path", "why"),
    [
        ("/page.txt", "not a picture (JPEG, PNG, GIF or WebP)"),
        ("/missing.png", "could not be fetched: the server answered 404"),
        ("/huge.png", "larger than 20 MB"),
    ],
)
def test_what_is_no_picture_here_is_said_and_the_post_imported_without_it(
    tmp_path: Path, server: Server, path: str, why: str
) -> None:
    root, report = run_import(
        tmp_path, "--fetch-images-anywhere", export=blog(tmp_path, f"{server.url}{path}")
    )
    assert len(reasons(report)) == 1 and next(iter(reasons(report))).startswith(why)
    assert not (root / "documents" / "media").exists()
    assert (
        "Cleaners at the Royal Infirmary"
        in (root / "documents" / "cleaners-walk-out-at-infirmary.md").read_text()
    )


def test_a_redirect_is_followed_to_the_picture(server: Server) -> None:
    got = ImageFetcher(anywhere=True)(f"{server.url}/redirect")
    assert got == Fetched("redirect.png", PICTURE)
    assert server.asked == ["/redirect", "/pic.png"]


@pytest.mark.parametrize(
    ("url", "why"),
    [
        ("http://10.0.0.7/camera.jpg", "10.0.0.7 is on this machine or a local network"),
        ("http://192.168.1.1/snapshot.png", "192.168.1.1 is on this machine or a local network"),
        ("http://[::1]/x.png", "::1 is on this machine or a local network"),
        ("http://169.254.169.254/latest/meta-data", "169.254.169.254 is on this machine"),
        ("file:///etc/passwd", "not a web address"),
        ("ftp://192.0.2.1/x.png", "not a web address"),
    ],
)
def test_only_public_web_addresses_are_fetched_without_anywhere(url: str, why: str) -> None:
    with pytest.raises(Refused, match=why.replace(".", r"\.")):
        ImageFetcher().check(url)


def test_a_redirect_to_the_local_network_is_refused_as_a_first_address_is() -> None:
    """From a public site to, say, a router's page: checked like the address first given."""
    import urllib.request

    from publisher.importers.fetch import _CheckedRedirects

    handler = _CheckedRedirects(ImageFetcher().check)
    request = urllib.request.Request("http://93.184.215.14/pic.png")
    with pytest.raises(Refused):
        handler.redirect_request(request, None, 302, "Found", {}, "http://192.168.1.1/x.png")


def test_a_name_answering_a_local_address_once_checked_is_not_fetched_from_there(
    server: Server, monkeypatch: pytest.MonkeyPatch
) -> None:
    """DNS rebinding: a name whose server answers a public address when it is checked, and
    this machine's the next time it is asked, as an attacker's own name server can. The
    picture is fetched from the address checked (here a public one nothing answers at: a
    test-net multicast address), never from the one answered after."""
    import socket

    resolve = socket.getaddrinfo
    asked: list[str] = []

    def rebinding(host: str, port: object, *args: object, **kwargs: object) -> Any:
        if host != "pictures.example.org":
            return resolve(host, port, *args, **kwargs)  # type: ignore[arg-type]
        asked.append(host)
        address = "233.252.0.1" if len(asked) == 1 else "127.0.0.1"
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port))]

    monkeypatch.setattr(socket, "getaddrinfo", rebinding)
    port = server.url.rsplit(":", 1)[1]
    got = ImageFetcher()(f"http://pictures.example.org:{port}/pic.png")
    assert server.asked == []
    assert isinstance(got, str) and got.startswith("could not be fetched"), got


def test_a_picture_fetched_over_https_from_the_address_checked_is_verified_by_its_name() -> None:
    """Connecting to the address checked rather than to the name, the certificate is still
    verified by the name: a server whose certificate is for another is refused."""
    import http.client
    import ssl
    import threading
    from http.server import HTTPServer

    import trustme

    from publisher.importers.fetch import _checked

    ca = trustme.CA()
    server = HTTPServer(("127.0.0.1", 0), type("Pictures", (_Pictures,), {"asked": []}))
    tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ca.issue_cert("pictures.example.org").configure_cert(tls)
    server.socket = tls.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    trusting = ssl.create_default_context()
    ca.configure_trust(trusting)
    connection = _checked(http.client.HTTPSConnection, lambda host, port: ["127.0.0.1"])
    try:
        named = connection("pictures.example.org", port=server.server_port, context=trusting)
        named.request("GET", "/pic.png")
        assert named.getresponse().read() == PICTURE
        other = connection("photos.example.net", port=server.server_port, context=trusting)
        with pytest.raises(ssl.SSLCertVerificationError, match="Hostname mismatch"):
            other.request("GET", "/pic.png")
    finally:
        server.shutdown()
        server.server_close()


def test_a_thumbnail_linked_to_its_full_size_is_fetched_at_full_size(
    tmp_path: Path, server: Server
) -> None:
    """Blogger shows a 320-pixel copy linked to the picture itself: print wants the picture."""
    feed = tmp_path / "feed.atom"
    text = FEED.read_text().replace(
        BLOGGER_PICTURE + "1600/picket-line.jpg", f"{server.url}/pic.png"
    )
    feed.write_text(
        text.replace(BLOGGER_PICTURE + "320/picket-line.jpg", f"{server.url}/small.png")
    )
    root, report = run_import(tmp_path, "--fetch-images-anywhere", export=feed)
    assert server.asked == ["/pic.png"]
    slug = "cleaners-walk-out-at-infirmary"
    assert (root / "documents" / "media" / slug / "pic.png").read_bytes() == PICTURE
    assert report["unfetched_images"] == []


def test_a_substack_gallery_s_pictures_are_listed_and_fetched_when_asked(server: Server) -> None:
    """Substack keeps a gallery's pictures in the JSON of an empty <div>'s data-attrs: the
    gallery went as an embed, its pictures neither listed nor fetchable."""
    from publisher.importers.platform_html import clean_post_html

    images = [
        {"type": "image/png", "src": f"{server.url}/pic.png"},
        {"src": f"{server.url}/redirect"},
    ]
    attrs = json.dumps({"gallery": {"images": images, "caption": "The march", "alt": "Marchers"}})
    post = f'<p>Before</p><div class="image-gallery-embed" data-attrs="{html.escape(attrs)}"></div>'
    assert clean_post_html(post, None).online == [i["src"] for i in images]
    fetched = clean_post_html(post, None, fetch=ImageFetcher(anywhere=True))
    assert list(fetched.fetched) == [i["src"] for i in images]
    figures = lxml.html.fragment_fromstring(fetched.html, create_parent="div").xpath("//figure")
    assert [f.xpath("string(img/@alt)") for f in figures] == ["Marchers", "Marchers"]
    assert [f.xpath("string(figcaption)") for f in figures] == ["", "The march"]


@pytest.mark.parametrize("asked", [False, True], ids=["not fetching", "fetching"])
def test_a_picture_neither_in_the_export_nor_on_the_web_is_listed_as_such(asked: bool) -> None:
    """Ghost writes its pictures at `__GHOST_URL__/content/images/…`, a placeholder for its
    site's address: one the export lacks was listed as "only online, not fetched", which
    --fetch-images cannot help, and with --fetch-images it went without a word."""
    from publisher.importers.platform_html import clean_post_html

    src = "__GHOST_URL__/content/images/2024/03/picket.jpg"
    tried: list[str] = []

    def fetch(url: str) -> str:
        tried.append(url)
        return "refused"

    post = f'<p>Before.</p><figure><img src="{src}" alt="The picket"></figure><p>After.</p>'
    cleaned = clean_post_html(post, None, fetch=fetch if asked else None)
    assert cleaned.html == "<p>Before.</p><p>After.</p>"
    assert cleaned.unfetched == [(src, "not in the export, and no web address to fetch")]
    assert cleaned.online == [] and tried == []


def rss(tmp_path: Path, picture: str) -> Path:
    """A newsletter's RSS feed, saved as a file, whose one post shows `picture`."""
    feed = tmp_path / "rss.xml"
    feed.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
        "<channel><title>Dockside Bulletin</title><link>https://dockside.example.org/</link>"
        "<description>News</description><language>en</language><item>"
        "<title>Cleaners win back pay after six weeks</title>"
        "<link>https://dockside.example.org/2026/01/cleaners-win</link>"
        '<guid isPermaLink="false">dock-1</guid>'
        "<pubDate>Sat, 10 Jan 2026 10:30:00 +0000</pubDate>"
        "<content:encoded><![CDATA[<p>After six weeks on strike the <strong>port cleaners"
        f'</strong> have won.</p><p><img src="{picture}" alt="The banner"></p>'
        "<p>Read the full report.</p>]]></content:encoded></item></channel></rss>"
    )
    return feed


def import_again(root: Path, *options: str, export: Path) -> dict[str, Any]:
    """`publisher import --json OPTIONS EXPORT` into the workspace `root`, and its report."""
    argv = ["-C", str(root), "import", "--json", *options, str(export)]
    result = CliRunner().invoke(main, argv)
    assert result.exit_code == 0, result.output
    (report,) = json.loads(result.output)["exports"]
    return report


def test_importing_again_with_fetch_images_adds_the_pictures_to_the_posts_documents(
    tmp_path: Path, server: Server
) -> None:
    """The report of the first import lists the pictures only online; importing again with
    --fetch-images, as it says, fetched them and threw them away: the post was "unchanged"."""
    feed = rss(tmp_path, f"{server.url}/pic.png")
    root, first = run_import(tmp_path, export=feed)
    assert [i["url"] for i in first["online_images"]] == [f"{server.url}/pic.png"]
    again = import_again(root, "--fetch-images-anywhere", export=feed)
    assert [p["status"] for p in again["posts"]] == ["updated"]
    slug = "cleaners-win"
    text = (root / "documents" / f"{slug}.md").read_text()
    assert f"![The banner](media/{slug}/pic.png)" in text and "port cleaners" in text
    assert (root / "documents" / "media" / slug / "pic.png").read_bytes() == PICTURE
    assert sorted(p.name for p in (root / "documents").glob("*.md")) == [
        "cleaners-win.md",
        "welcome.md",
    ]
    assert sorted(p.name for p in (root / "issues").iterdir()) == [
        "001-first-issue.yaml",
        "cleaners-win.yaml",
    ]
    assert [p["status"] for p in import_again(root, export=feed)["posts"]] == ["unchanged"]


def test_a_document_the_editor_edited_is_not_written_over_by_a_later_import(
    tmp_path: Path, server: Server
) -> None:
    feed = rss(tmp_path, f"{server.url}/pic.png")
    root, _ = run_import(tmp_path, export=feed)
    document = root / "documents" / "cleaners-win.md"
    edited = document.read_text().replace("have won.", "have won every penny.")
    document.write_text(edited)
    again = import_again(root, "--fetch-images-anywhere", export=feed)
    assert document.read_text() == edited
    (post,) = again["posts"]
    assert (
        post["status"] == "not updated: edited since its import (or imported by an older publisher)"
    )
    assert {(x["kind"], x["name"], x["why"]) for x in again["left_out"]} >= {
        (
            "image",
            "pic.png",
            "saved in media/cleaners-win/, not placed: cleaners-win.md was edited since its"
            " import (or imported by an older publisher)",
        )
    }
    assert (root / "documents" / "media" / "cleaners-win" / "pic.png").read_bytes() == PICTURE


def test_fetch_images_brings_the_pictures_an_email_and_a_saved_page_show_from_the_web(
    tmp_path: Path, server: Server
) -> None:
    """--fetch-images fetched only an export's pictures: those of an .eml or a saved web page
    stayed web addresses, "only on the web", whatever the editor asked."""
    from email.message import EmailMessage

    sent = EmailMessage()
    sent["From"] = "Tenants' Union <news@example.org>"
    sent["Subject"] = "Rally on Saturday"
    sent["Date"] = "Thu, 12 Mar 2026 09:15:00 +0000"
    sent.set_content(
        "<p>Join us at the town hall on Saturday at noon, with your neighbours.</p>"
        f'<img src="{server.url}/pic.png" alt="Union logo"><p>See you.</p>',
        subtype="html",
    )
    (tmp_path / "rally.eml").write_bytes(bytes(sent))
    (tmp_path / "repairs.html").write_text(
        "<!DOCTYPE html><html><head><title>Tenants win repairs</title></head><body><article>"
        "<h1>Tenants win repairs</h1><p>After a year of letters and a week of rent strike, the"
        " landlord agreed to fix the heating in every flat of the block.</p>"
        f'<figure><img src="{server.url}/pic.png" alt="The rally"></figure>'
        "<p>The tenants' union says the next step is the lifts, broken since winter.</p>"
        "</article></body></html>"
    )
    root = tmp_path / "ws"
    create_workspace(root, Identity("Dockside Workers"))
    argv = ["-C", str(root), "import", "--json", "--fetch-images-anywhere"]
    result = CliRunner().invoke(
        main, [*argv, str(tmp_path / "rally.eml"), str(tmp_path / "repairs.html")]
    )
    assert result.exit_code == 0, result.output
    rows = {Path(row["document"]).stem: row for row in json.loads(result.output)["files"]}
    assert sorted(rows) == ["rally-on-saturday", "tenants-win-repairs"]
    documents = root / "documents"
    email_text = (documents / "rally-on-saturday.md").read_text()
    assert "![Union logo](media/rally-on-saturday/pic.png)" in email_text
    page_text = (documents / "tenants-win-repairs.md").read_text()
    assert "![The rally](media/tenants-win-repairs/pic.png)" in page_text
    assert server.url not in email_text + page_text
    assert server.asked == ["/pic.png"]  # shown by both: fetched once
    assert (documents / "media" / "rally-on-saturday" / "pic.png").read_bytes() == PICTURE
    assert (documents / "media" / "tenants-win-repairs" / "pic.png").read_bytes() == PICTURE
    assert not [doubt for row in rows.values() for doubt in row["check"] if server.url in doubt]


def test_a_picture_of_a_single_file_that_cannot_be_fetched_is_said_with_the_reason(
    tmp_path: Path, server: Server
) -> None:
    page = tmp_path / "repairs.html"
    page.write_text(
        "<!DOCTYPE html><html><head><title>Tenants win repairs</title></head><body><article>"
        "<h1>Tenants win repairs</h1><p>After a year of letters and a week of rent strike, the"
        " landlord agreed to fix the heating in every flat of the block.</p>"
        f'<figure><img src="{server.url}/missing.png" alt="The rally"></figure>'
        "<p>The tenants' union says the next step is the lifts, broken since winter.</p>"
        "</article></body></html>"
    )
    root = tmp_path / "ws"
    create_workspace(root, Identity("Dockside Workers"))
    argv = ["-C", str(root), "import", "--json", "--fetch-images-anywhere", str(page)]
    result = CliRunner().invoke(main, argv)
    assert result.exit_code == 0, result.output
    (row,) = json.loads(result.output)["files"]
    assert [doubt for doubt in row["check"] if server.url in doubt] == [
        f"picture 'The rally' is only on the web ({server.url}/missing.png): could not be"
        " fetched: the server answered 404 Not Found; outputs show no picture from the web;"
        " save it into documents/ and show it from there"
    ]
    assert (
        f"]({server.url}/missing.png)"
        in (root / "documents" / "tenants-win-repairs.md").read_text()
    )


def saved_page(tmp_path: Path, picture: str) -> Path:
    """A web page as a browser saves it, showing `picture` from the web."""
    page = tmp_path / "repairs.html"
    page.write_text(
        "<!DOCTYPE html><html><head><title>Tenants win repairs</title></head><body><article>"
        "<h1>Tenants win repairs</h1><p>After a year of letters and a week of rent strike, the"
        " landlord agreed to fix the heating in every flat of the block.</p>"
        f'<figure><img src="{picture}" alt="The rally"></figure>'
        "<p>The tenants' union says the next step is the lifts, broken since winter.</p>"
        "</article></body></html>"
    )
    return page


def import_file(root: Path, *options: str, file: Path) -> dict[str, Any]:
    """`publisher import --json OPTIONS FILE` into the workspace `root`: the file's row."""
    result = CliRunner().invoke(main, ["-C", str(root), "import", "--json", *options, str(file)])
    assert result.exit_code == 0, result.output
    (row,) = json.loads(result.output)["files"]
    answer: dict[str, Any] = row
    return answer


def test_importing_a_file_again_with_fetch_images_adds_the_pictures_to_its_document(
    tmp_path: Path, server: Server
) -> None:
    """The first import said the picture was only on the web; importing the file again
    with --fetch-images, as it says, fetched nothing: the document was "unchanged"."""
    page = saved_page(tmp_path, f"{server.url}/pic.png")
    root = tmp_path / "ws"
    create_workspace(root, Identity("Dockside Workers"))
    documents, slug = root / "documents", "tenants-win-repairs"
    first = import_file(root, file=page)
    assert first["status"] == "imported" and server.url in (documents / f"{slug}.md").read_text()
    again = import_file(root, "--fetch-images-anywhere", file=page)
    assert (again["status"], again["document"]) == ("updated", str(documents / f"{slug}.md"))
    text = (documents / f"{slug}.md").read_text()
    assert f"![The rally](media/{slug}/pic.png)" in text and server.url not in text
    assert "landlord agreed to fix the heating" in text
    assert (documents / "media" / slug / "pic.png").read_bytes() == PICTURE
    assert sorted(p.name for p in documents.glob("*.md")) == [f"{slug}.md", "welcome.md"]
    assert import_file(root, "--fetch-images-anywhere", file=page)["status"] == "unchanged"
    assert import_file(root, file=page)["status"] == "unchanged"


def test_a_file_whose_document_the_editor_edited_is_not_written_over_by_a_later_import(
    tmp_path: Path, server: Server
) -> None:
    page = saved_page(tmp_path, f"{server.url}/pic.png")
    root = tmp_path / "ws"
    create_workspace(root, Identity("Dockside Workers"))
    import_file(root, file=page)
    document = root / "documents" / "tenants-win-repairs.md"
    edited = document.read_text().replace("broken since winter", "broken since November")
    document.write_text(edited)
    again = import_file(root, "--fetch-images-anywhere", file=page)
    assert document.read_text() == edited
    edited_since = "edited since its import (or imported by an older publisher)"
    assert again["status"] == f"not updated: {edited_since}"
    assert (
        f"picture pic.png saved in media/tenants-win-repairs/, not placed:"
        f" tenants-win-repairs.md was {edited_since}"
    ) in again["check"]
    picture = root / "documents" / "media" / "tenants-win-repairs" / "pic.png"
    assert picture.read_bytes() == PICTURE
