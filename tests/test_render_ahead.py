"""While render workers lay out PDFs, the build's own process renders the feeds and web
pages ahead, before the sizes of the files they link are known, and fills the sizes in
once they are (publisher/ahead.py). What a reader gets is exactly what rendering them
afterwards gives: the sizes of the files as written, no link to a file that was not made,
and the right number in a theme that computes with a size."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

from conftest import WORKSPACES, copy_workspace
from pooled_build import build_in_a_pool

from publisher.ahead import Ahead, filesizeformat
from publisher.build import build
from publisher.i18n import interface_language
from publisher.output import Artifact

SLUG = "001-first"


def outputs(root: Path) -> dict[str, bytes]:
    dist = root / "dist"
    return {str(p.relative_to(dist)): p.read_bytes() for p in dist.rglob("*") if p.is_file()}


def test_pages_and_feeds_rendered_ahead_are_the_bytes_a_serial_build_writes(
    tmp_path: Path,
) -> None:
    root = copy_workspace(WORKSPACES / "minimal", tmp_path / "minimal")
    pooled = build_in_a_pool(root)
    assert {"feed", "web index", f"web {SLUG}"} <= set(pooled["ahead"])
    ahead = outputs(root)

    pdf_size = (root / "dist" / SLUG / f"{SLUG}.pdf").stat().st_size
    epub_size = (root / "dist" / SLUG / f"{SLUG}.epub").stat().st_size
    feed = ahead["feed.atom"].decode()
    assert f'length="{pdf_size}"' in feed and f'length="{epub_size}"' in feed
    page = ahead[f"{SLUG}/index.html"].decode()
    assert f"({round(pdf_size / 1000, 1)} kB)" in page  # as Jinja's filesizeformat writes it
    assert not [name for name, data in ahead.items() if "\ue000".encode() in data]  # no token left

    for made in ("dist", ".publisher"):
        shutil.rmtree(root / made)
    serial = build(root)  # PUBLISHER_JOBS=1 (conftest): one output after another
    assert serial.ahead == []
    assert outputs(root) == ahead


def test_a_theme_that_computes_with_a_size_gets_the_size_of_the_file(tmp_path: Path) -> None:
    """A size still to come is no number: the page is rendered again once it is known."""
    root = copy_workspace(WORKSPACES / "minimal", tmp_path / "minimal")
    theme = root / "templates" / "web"
    theme.mkdir(parents=True)
    default = (
        Path(__file__).parents[1] / "templates" / "default" / "web" / "issue.html"
    ).read_text()
    computed = "{{ download.path.name }}: {{ download.size // 1024 }} KiB, {{ (download.size / 1024)|int }}"
    (theme / "issue.html").write_text(
        default.replace(
            "{% for download in downloads %}", "{% for download in downloads %}" + computed
        )
    )

    pooled = build_in_a_pool(root)

    assert "feed" in pooled["ahead"] and f"web {SLUG}" not in pooled["ahead"]
    pdf_size = (root / "dist" / SLUG / f"{SLUG}.pdf").stat().st_size
    page = (root / "dist" / SLUG / "index.html").read_text()
    assert f"{SLUG}.pdf: {pdf_size // 1024} KiB, {pdf_size // 1024}" in page


def test_a_leaflet_that_runs_over_is_linked_by_no_page_or_feed(tmp_path: Path) -> None:
    """Rendered ahead, the pages expected a leaflet; it could not be made, so they are
    rendered again without it."""
    root = copy_workspace(WORKSPACES / "minimal", tmp_path / "minimal")
    (root / "documents" / "long-leaflet.md").write_text(
        "---\ntitle: Far too long\n---\n\n"
        + "\n\n".join(f"Paragraph {n}: " + "words that will not fit " * 20 for n in range(40))
    )
    manifest = root / "issues" / f"{SLUG}.yaml"
    manifest.write_text(
        manifest.read_text() + "leaflet:\n  document: long-leaflet\n  page_size: A6\n"
    )

    pooled = build_in_a_pool(root, must_succeed=False)

    assert "does not fit" in pooled["refused"]
    assert not list((root / "dist").rglob("*-leaflet*"))
    for linking in ("feed.atom", "feed.rss", f"{SLUG}/index.html", "index.html"):
        assert "leaflet" not in (root / "dist" / linking).read_text().lower(), linking
    assert (root / "dist" / SLUG / f"{SLUG}.pdf").is_file()


def given_a_pdf_to_come(ahead: Ahead) -> str:
    """The token a page rendered ahead writes for the size of the PDF to come."""
    size = ahead.sizes(lambda path: None, {"i/i.pdf"})(Path("i/i.pdf"))
    return str(size)


def test_a_size_written_escaped_is_not_filled_in_but_rendered_again() -> None:
    ahead = Ahead()
    token = given_a_pdf_to_come(ahead)
    escaped = "".join(f"&#{ord(c)};" if ord(c) > 127 else c for c in token)
    ahead.rendered["feed"] = ([Artifact.text("feed.xml", f'<a length="{escaped}"/>')], 0.1, [])
    assert ahead.filled("feed", {"i/i.pdf": 1234}) is None


def test_a_size_rendered_ahead_is_filled_in_with_what_the_file_turned_out_to_be() -> None:
    ahead = Ahead()
    token = given_a_pdf_to_come(ahead)
    noted = logging.LogRecord("publisher.web", logging.WARNING, "", 0, "a note", None, None)
    ahead.rendered["feed"] = ([Artifact.text("feed.xml", f'<a length="{token}"/>')], 0.1, [noted])

    filled = ahead.filled("feed", {"i/i.pdf": 1234})

    assert filled == ([Artifact.text("feed.xml", '<a length="1234"/>')], 0.1, [noted])
    assert ahead.filled("feed", {"i/i.pdf": None}) is None  # the PDF was not made after all
    assert ahead.filled("feed", {"i/i.pdf": 1234, "i/i.epub": 99}) is None  # other files


def test_a_size_rendered_ahead_is_written_as_the_pages_language_writes_sizes() -> None:
    """A French page says "46,7 ko", a Spanish one "46,7 kB", whichever language the
    build is in when the size is filled in."""
    ahead = Ahead()
    size = ahead.sizes(lambda _: None, {"i/i.pdf"})(Path("i/i.pdf"))
    pages = {}
    for language in ("fr", "es", "en"):
        with interface_language(language):
            pages[language] = Artifact.text(f"{language}.html", f"({filesizeformat(size)})")
    ahead.rendered["web"] = (list(pages.values()), 0.1, [])

    filled = ahead.filled("web", {"i/i.pdf": 46_700})

    assert filled is not None
    # French puts a narrow no-break space between a number and its unit (CLDR)
    assert [a.data.decode() for a in filled[0]] == ["(46,7\u202fko)", "(46,7 kB)", "(46.7 kB)"]
