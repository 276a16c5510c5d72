"""The email newsletter: renders on phones and desktops in light and dark, fits Gmail's
102 KB, reads well as plain text, and is a standards-complete multipart message.

Most tests use tests/workspaces/email (Spanish, Arabic and English; an image, a footnote,
lists, a wide table) and the repository's example; the size budget uses a synthetic issue
of thirty long articles written into a temporary workspace.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import io
import itertools
import logging
import re
import subprocess
import sys
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

import lxml.html
import pytest
import yaml
from bidi import get_base_level, get_display
from click.testing import CliRunner
from conftest import FIXED_EPOCH, REPO, WORKSPACES, copy_workspace, minimal_with
from PIL import Image
from validators import nu_html_errors, parse_eml

from publisher import i18n
from publisher.build import BuildReport, build
from publisher.cli import main
from publisher.errors import PublisherError
from publisher.renderers.email.browser import WIDTHS, show_email
from publisher.renderers.email.budget import GMAIL_CLIP_BYTES
from publisher.renderers.email.content import CONTENT_WIDTH

ARTIFACTS = REPO / "test-artifacts" / "email"
SLUG = "007-huelga"


# --- what the tests read -------------------------------------------------------------------


@dataclass(frozen=True)
class BuiltEmail:
    """One built email and the inputs it was built from."""

    root: Path
    folder: Path
    slug: str

    @property
    def html_path(self) -> Path:
        return self.folder / "email.html"

    @property
    def language(self) -> str:
        """The language readers of this issue see its interface in."""
        return self.manifest.get("language") or self.config.get("language", "en")

    @property
    def html(self) -> str:
        return self.html_path.read_text()

    @property
    def tree(self) -> lxml.html.HtmlElement:
        return lxml.html.fromstring(self.html)

    @property
    def text(self) -> str:
        return (self.folder / "email.txt").read_text()

    @property
    def config(self) -> dict:
        return tomllib.loads((self.root / "publisher.toml").read_text())

    @property
    def manifest(self) -> dict:
        return yaml.safe_load((self.root / "issues" / f"{self.slug}.yaml").read_text())

    @property
    def doc_slugs(self) -> list[str]:
        return [Path(d).stem for s in self.manifest["sections"] for d in s["documents"]]

    @property
    def out(self) -> Path:
        """The output folder: the web archive there publishes the images the email links."""
        return self.folder.parent

    @property
    def media(self) -> tuple[str, Path]:
        return (self.config["base_url"], self.out)

    def front_matter(self, slug: str) -> dict:
        text = (self.root / "documents" / f"{slug}.md").read_text()
        return yaml.safe_load(text.split("---\n")[1])


def built(root: Path, out: Path, slug: str) -> BuiltEmail:
    return BuiltEmail(root, out / slug, slug)


@pytest.fixture(scope="module")
def bilingual(tmp_path_factory: pytest.TempPathFactory) -> BuiltEmail:
    root = copy_workspace(WORKSPACES / "email", tmp_path_factory.mktemp("email"))
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", FIXED_EPOCH)
        report = build(root, formats=["email", "web"])  # web: the images' copies for email
    return built(root, report.out_dir, SLUG)


@pytest.fixture(scope="module")
def examples(built_example: BuildReport) -> list[BuiltEmail]:
    return [built(REPO, built_example.out_dir, slug) for slug in built_example.issues]


@pytest.fixture(scope="module")
def every_email(bilingual: BuiltEmail, examples: list[BuiltEmail]) -> list[BuiltEmail]:
    return [bilingual, *examples]


def external_links(element: lxml.html.HtmlElement) -> list[str]:
    return [h for h in element.xpath(".//a/@href") if h.startswith(("http", "mailto:"))]


def unwrapped(text: str) -> str:
    return " ".join(text.split())


def without_marks(text: str) -> str:
    """`text` without the direction marks and isolates that set its lines' and phrases'
    directions (U+200E, U+200F, U+2066–U+2069), which no one sees."""
    return re.sub("[\u200e\u200f\u2066-\u2069]", "", text)


# --- 1. phones and desktops, light and dark ------------------------------------------------


@pytest.mark.parametrize("width", WIDTHS)
def test_no_horizontal_scrolling_and_every_article_title_visible(
    page, every_email: list[BuiltEmail], width: int
) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for built_email in every_email:
        show_email(page, built_email.html_path, width, built_email.media)
        scroll_width, viewport = page.evaluate("[document.documentElement.scrollWidth, innerWidth]")
        assert scroll_width <= viewport == width, built_email.slug
        for slug in built_email.doc_slugs:
            title = page.locator(f"h3[id='{slug}']")
            assert title.is_visible(), slug
            box = title.bounding_box()
            assert box and box["x"] >= 0 and box["x"] + box["width"] <= viewport, slug
            contents_entry = page.locator(f"a[href='#{slug}']").inner_text()
            assert unwrapped(title.inner_text()) == unwrapped(contents_entry)
        assert page.get_by_role("link", name=ui("Unsubscribe", built_email.language)).is_visible()
        # Kept for people to look at: the workspace made to strain the layout (three
        # languages, right to left, a wide table). The example's email is photographed at
        # both widths by test_covers, into test-artifacts/screenshots/.
        if built_email.slug == SLUG:
            page.screenshot(path=ARTIFACTS / f"{built_email.slug}-{width}px.png", full_page=True)


PICTURES_BLOCKED = """\
---
title: At the harbour
---

The cranes stood still.

![](media/harbour.png)

![A small badge of the union](media/badge.png)
"""


@pytest.mark.parametrize("loaded", [False, True])
def test_a_phone_does_not_scroll_sideways_whether_pictures_load_or_not(
    page, tmp_path: Path, loaded: bool
) -> None:
    """With pictures blocked (as many mail programs start) a picture took the width its
    width attribute gives (552 px) on a 320 px phone, and the email scrolled sideways:
    only a picture shown was held to the column. Shown or not, each is held to the
    column, and a picture narrower than it is not stretched."""
    pictures = {}
    for name, size in (("harbour", (1600, 1000)), ("badge", (200, 100))):
        png = io.BytesIO()
        Image.new("RGB", size, (30, 90, 160)).save(png, format="PNG")
        pictures[f"media/{name}.png"] = png.getvalue()
    root = minimal_with(tmp_path / "ws", {**pictures, "harbour.md": PICTURES_BLOCKED})
    out = build(root, formats=["email", "web"]).out_dir  # web: the pictures' copies
    media = ("https://minimal.example.org/", out) if loaded else None
    html = out / "001-first" / "email.html"
    show_email(page, html, 320, media)
    scroll_width, viewport = page.evaluate("[document.documentElement.scrollWidth, innerWidth]")
    assert scroll_width <= viewport == 320
    if loaded:
        show_email(page, html, 600, media)
        badge = page.locator("img[alt='A small badge of the union']").bounding_box()
        assert badge and badge["width"] == 200


# Every element with text of its own: WCAG contrast of its colour against the first
# background behind it (4.5:1, or 3:1 for large text). Hidden text (the preheader) is skipped.
LOW_CONTRAST = """() => {
  const rgb = (c) => c.match(/[\\d.]+/g).map(Number);
  const lum = ([r, g, b]) => [r, g, b].map((v) => {
    v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  }).reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
  const background = (el) => {
    for (; el; el = el.parentElement) {
      const c = rgb(getComputedStyle(el).backgroundColor);
      if (c.length < 4 || c[3] > 0) return c;
    }
    return [255, 255, 255];
  };
  const failures = [];
  for (const el of document.body.querySelectorAll("*")) {
    const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
    if (!own || !el.checkVisibility({opacityProperty: true, visibilityProperty: true})) continue;
    const style = getComputedStyle(el);
    const [a, b] = [lum(rgb(style.color)), lum(background(el))];
    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    const size = parseFloat(style.fontSize), bold = parseInt(style.fontWeight) >= 700;
    const needed = size >= 24 || (size >= 18.66 && bold) ? 3 : 4.5;
    if (ratio < needed) failures.push(`${ratio.toFixed(2)} ${style.color}: ${el.textContent.trim().slice(0, 40)}`);
  }
  return failures;
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_all_text_is_legible_in_light_and_dark_colour_schemes(
    page, every_email: list[BuiltEmail], scheme: str
) -> None:
    for built_email in every_email:
        meta = built_email.tree.xpath("//meta[@name='color-scheme']/@content")
        assert meta == ["light dark"]
        show_email(page, built_email.html_path, 600, built_email.media, scheme)
        body = page.evaluate("getComputedStyle(document.body).backgroundColor")
        assert page.evaluate(LOW_CONTRAST) == [], (built_email.slug, body)
        if scheme == "dark":  # the dark scheme really applies, not just survives
            assert body == "rgb(18, 18, 18)"


@pytest.mark.parametrize("theme", ["default", "campaign"])
def test_a_bright_accent_leaves_every_text_legible_the_footers_links_on_its_band(
    page, tmp_path: Path, theme: str
) -> None:
    """A red accent (#e63946) was darkened until it read on white (#cf333f), and the
    footer's "View in browser" and "Unsubscribe" links took it on the footer's band
    (#f1efe9), where it read at 4.35:1, under WCAG AA's 4.5:1."""
    style = f'\n[style]\ntheme = "{theme}"\naccent = "#e63946"\n'
    root = minimal_with(tmp_path / "ws", {}, toml=style)
    out = build(root, formats=["email"]).out_dir
    show_email(page, out / "001-first" / "email.html", 600, ("https://minimal.example.org/", out))
    assert page.evaluate(LOW_CONTRAST) == []
    footer = page.get_by_role("link", name="Unsubscribe")
    assert footer.is_visible()


def test_the_band_colour_set_once_colours_the_page_and_the_footer_links_ink(
    page, tmp_path: Path
) -> None:
    """The band's colour was written three times in newsletter.mjml and once more in
    email.css, which picks the footer links' ink to read on it: a theme that changed the
    band left the links in an ink chosen for the old one (4.06:1 on #d4d4d4)."""
    root = minimal_with(tmp_path / "ws", {}, toml='\n[style]\naccent = "#e63946"\n')
    colours = root / "templates" / "email" / "colours.j2"
    colours.parent.mkdir(parents=True)
    colours.write_text('{% set band = "#d4d4d4" %}\n')
    out = build(root, formats=["email"]).out_dir
    show_email(page, out / "001-first" / "email.html", 600, ("https://minimal.example.org/", out))
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(212, 212, 212)"
    assert page.evaluate(LOW_CONTRAST) == []


def test_an_email_printed_from_a_dark_screen_is_dark_ink_on_white_paper(
    page, bilingual: BuiltEmail
) -> None:
    """Mail programs that follow the dark scheme (Apple Mail) printed it as on screen: pale
    ink (#ebe8e3) on paper the printer leaves white."""
    show_email(page, bilingual.html_path, 600, bilingual.media, "dark")
    page.emulate_media(media="print", color_scheme="dark")
    body = page.evaluate("getComputedStyle(document.body).backgroundColor")
    ink = page.evaluate("getComputedStyle(document.querySelector('.card .article-title a')).color")
    illegible = page.evaluate(LOW_CONTRAST)
    page.emulate_media(media="screen")

    assert body != "rgb(18, 18, 18)" and ink != "rgb(235, 232, 227)", (body, ink)
    assert illegible == []


# --- 2. the size budget --------------------------------------------------------------------


def test_the_example_emails_are_under_gmails_clipping_size(examples: list[BuiltEmail]) -> None:
    for built_email in examples:
        assert len(built_email.html.encode()) < GMAIL_CLIP_BYTES
        assert "Continue reading “" not in built_email.html  # all in full


def write_long_issue(root: Path, articles: int = 30, paragraphs: int = 12) -> list[str]:
    """Replace the minimal workspace's issue by one of `articles` long Markdown articles."""
    words = [
        "the",
        "dockers",
        "met",
        "at",
        "the",
        "gate",
        "before",
        "dawn",
        "and",
        "voted",
        "to",
        "stay",
        "out",
        "until",
        "the",
        "port",
        "authority",
        "agreed",
        "to",
        "talk",
        "about",
        "pay",
        "parity",
        "rotas",
        "sick",
        "pay",
        "and",
        "safety",
    ]
    slugs = []
    for n in range(1, articles + 1):
        body = [
            f"Article {n}, paragraph {p}: "
            + " ".join(words[(n + p + i) % len(words)] for i in range(110))
            + "."
            for p in range(paragraphs)
        ]
        body.insert(paragraphs // 2, f"## Part two of article {n}")
        body.append(f"Final line of article {n}, with [a link](https://example.org/reports/{n}).")
        slug = f"long-{n:02}"
        (root / "documents" / f"{slug}.md").write_text(
            f"---\ntitle: Long article number {n}\nauthors: [Writer {n}]\n---\n\n"
            + "\n\n".join(body)
            + "\n"
        )
        slugs.append(slug)
    (root / "issues" / "001-first.yaml").write_text(
        "number: 1\ntitle: Thirty long articles\ndate: 2026-01-10\n"
        f"sections:\n  - title: News\n    documents: [{', '.join(slugs)}]\n"
    )
    return slugs


# A Persian union's statement, as the tester's issue 13 held it: sixty paragraphs of Farsi.
FARSI_SENTENCE = (
    "ما کارگران قراردادی پتروشیمی از روز ۱۵ آبان دست از کار کشیده‌ایم و خواسته‌های ما روشن است."
)


def write_farsi_issue(root: Path, paragraphs: int = 60) -> None:
    """Replace the minimal workspace's issue by one long Farsi document in a Farsi issue."""
    body = "\n\n".join(" ".join([FARSI_SENTENCE] * 5) for _ in range(paragraphs))
    (root / "documents" / "fa-long.md").write_text(
        f'---\ntitle: "گزارش"\nlang: fa\n---\n\n{body}\n', encoding="utf-8"
    )
    (root / "issues" / "001-first.yaml").write_text(
        'number: 13\ntitle: "خبرنامه"\ndate: 2026-12-02\nlanguage: fa\n'
        "sections:\n  - title: گزارش\n    documents: [fa-long]\n",
        encoding="utf-8",
    )


def sent_parts(eml: bytes) -> dict[str, tuple[str, bytes]]:
    """content type → (Content-Transfer-Encoding, the body as written): what goes on the
    wire between a part's headers and the next boundary, read from the file's bytes."""
    boundary = re.search(rb'boundary="([^"]+)"', eml)
    assert boundary, eml[:2000]
    parts = {}
    for chunk in eml.split(b"\r\n--" + boundary.group(1))[1:-1]:
        head, _, body = chunk.partition(b"\r\n\r\n")
        kind = re.search(rb"Content-Type: (\S+);", head)
        cte = re.search(rb"Content-Transfer-Encoding: (\S+)", head)
        assert kind and cte, head
        parts[kind.group(1).decode()] = (cte.group(1).decode(), body)
    return parts


def gmail_row(root: Path) -> str:
    """`publisher check`'s Gmail row for the built issue: the size it reports."""
    from publisher.checks import run_checks
    from publisher.checks.base import Target
    from publisher.config import load_config

    target = Target(load_config(root), root / "dist", ("001-first",))
    (finding,) = run_checks(target, ["email"], only=("HTML under Gmail's 102 KB",))
    return finding.detail


def test_a_farsi_issue_goes_out_base64_and_is_measured_as_it_goes_out(
    workspace: Callable[[str], Path], caplog: pytest.LogCaptureFixture
) -> None:
    """Gmail clips by the message as sent. Quoted-printable wrote each Farsi letter as six
    characters (=D8=A7): the 64.7 KB the build reported went out as 159 KB, clipped."""
    root = workspace("minimal")
    write_farsi_issue(root)
    caplog.set_level(logging.INFO, logger="publisher")

    report = build(root, formats=["email"])

    folder = report.out_dir / "001-first"
    parts = sent_parts((folder / "email.eml").read_bytes())
    for kind, written in (("text/plain", "email.txt"), ("text/html", "email.html")):
        cte, body = parts[kind]
        assert cte == "base64", kind
        assert len(body) < 1.4 * len((folder / written).read_bytes()), kind
    sent = len(parts["text/html"][1])
    (note,) = [r.getMessage() for r in caplog.records if "email HTML" in r.getMessage()]
    assert note.startswith(f"001-first: email HTML {sent / 1024:.1f} KB, "), note
    assert gmail_row(root) == f"{sent / 1024:.1f} KB"


def set_email_mode(root: Path, mode: str) -> None:
    config = root / "publisher.toml"
    config.write_text(config.read_text() + f'mode = "{mode}"\n')  # [email] is the last table


def test_thirty_long_articles_fall_back_to_excerpts_under_the_budget_in_auto_mode(
    workspace: Callable[[str], Path], caplog: pytest.LogCaptureFixture
) -> None:
    root = workspace("minimal")
    slugs = write_long_issue(root)
    sources = sum(len((root / "documents" / f"{s}.md").read_bytes()) for s in slugs)
    assert sources > 2 * GMAIL_CLIP_BYTES  # in full they could never fit
    caplog.set_level(logging.INFO, logger="publisher")

    report = build(root, formats=["email"])

    email_ = built(root, report.out_dir, "001-first")
    html, tree = email_.html, email_.tree
    cte, sent = sent_parts((email_.folder / "email.eml").read_bytes())["text/html"]
    assert cte == "quoted-printable"  # English: smaller so than base64, and readable
    assert len(html.encode()) < len(sent) <= GMAIL_CLIP_BYTES  # Gmail counts it as sent
    continued = tree.xpath("//a[starts-with(., 'Continue reading “')]/@href")
    in_full = [s for s in slugs if f"Final line of article {int(s[-2:])}," in html]
    assert in_full == slugs[: len(in_full)] and 0 < len(in_full) < len(slugs)
    base = email_.config["base_url"]
    assert len(continued) == len(slugs) - len(in_full)
    for href, slug in zip(continued, slugs[len(in_full) :], strict=True):  # its place online
        assert href.startswith(f"{base}001-first/") and slug in href
    for n in range(len(in_full) + 1, len(slugs) + 1):  # excerpts: the opening, no more
        assert f"Article {n}, paragraph 0: " in html
        assert f"Article {n}, paragraph 1: " not in html
        assert f"Part two of article {n}<" not in html
    assert f"Long article number {len(slugs)}" in email_.text  # every title, text part too
    (note,) = [r.getMessage() for r in caplog.records if "email HTML" in r.getMessage()]
    assert note == (
        f"001-first: email HTML {len(sent) / 1024:.1f} KB, mode auto: "
        f"{len(in_full)} of {len(slugs)} articles in full, the rest as excerpts"
    )
    assert gmail_row(root) == f"{len(sent) / 1024:.1f} KB"


def test_full_mode_keeps_every_article_and_warns_that_gmail_will_clip(
    workspace: Callable[[str], Path], caplog: pytest.LogCaptureFixture
) -> None:
    root = workspace("minimal")
    slugs = write_long_issue(root, articles=12)
    set_email_mode(root, "full")
    report = build(root, formats=["email"])
    html = (report.out_dir / "001-first" / "email.html").read_text()
    assert len(html.encode()) > GMAIL_CLIP_BYTES
    assert all(f"Final line of article {int(s[-2:])}," in html for s in slugs)
    (warning,) = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert "mode full" in warning.getMessage() and "Gmail clips" in warning.getMessage()


def test_excerpt_mode_excerpts_every_article_in_both_parts(
    workspace: Callable[[str], Path],
) -> None:
    root = workspace("minimal")
    set_email_mode(root, "excerpt")
    report = build(root, formats=["email"])
    email_ = built(root, report.out_dir, "001-first")
    continued = email_.tree.xpath("//a[starts-with(., 'Continue reading “')]")
    assert len(continued) == len(email_.doc_slugs)
    assert "A heading inside" not in email_.html  # first-article's body beyond its opening
    assert "A heading inside" not in email_.text
    assert email_.text.count("Continue reading online:") == len(email_.doc_slugs)


def test_email_mode_is_validated_with_file_and_line(workspace: Callable[[str], Path]) -> None:
    root = workspace("minimal")
    set_email_mode(root, "sometimes")
    line = len((root / "publisher.toml").read_text().splitlines())
    with pytest.raises(PublisherError) as error:
        build(root, formats=["email"])
    assert f"publisher.toml:{line}:" in str(error.value)
    assert "auto, full, excerpt" in str(error.value)


# --- 3. the MIME message -------------------------------------------------------------------


def test_eml_is_two_quoted_printable_utf8_parts_plain_text_first(bilingual: BuiltEmail) -> None:
    message = parse_eml(bilingual.folder / "email.eml")
    assert message.get_content_type() == "multipart/alternative"
    parts = list(message.iter_parts())
    assert [p.get_content_type() for p in parts] == ["text/plain", "text/html"]
    for part in parts:
        assert part.get_content_charset() == "utf-8"
        assert part["Content-Transfer-Encoding"] == "quoted-printable"
    # MIME canonicalises line ends to CRLF and ends a part with one; the rest is the file.
    assert parts[0].get_content().replace("\r\n", "\n") == bilingual.text
    assert parts[1].get_content().replace("\r\n", "\n") == bilingual.html + "\n"


def test_eml_has_every_header_and_no_line_over_998_octets(bilingual: BuiltEmail) -> None:
    raw = (bilingual.folder / "email.eml").read_bytes()
    assert max(len(line) for line in raw.split(b"\r\n")) <= 998
    message = parse_eml(bilingual.folder / "email.eml")
    config, manifest = bilingual.config, bilingual.manifest
    domain = config["base_url"].split("/")[2]

    number = ui("No. %(number)s", manifest["language"], number=manifest["number"])
    assert message["Subject"] == f"{config['title']} {number}: {manifest['title']}"
    head = raw.split(b"\r\n\r\n")[0]
    assert head.isascii() and b"Subject: =?utf-8?" in head  # RFC 2047 encoded words
    assert email.utils.parseaddr(message["From"]) == email.utils.parseaddr(config["email"]["from"])
    assert email.utils.parseaddr(message["Reply-To"]) == email.utils.parseaddr(
        config["email"]["reply_to"]
    )
    assert message["Date"].datetime == dt.datetime.fromtimestamp(int(FIXED_EPOCH), dt.UTC)
    assert re.fullmatch(rf"<{SLUG}\.[0-9a-f]+@{re.escape(domain)}>", message["Message-ID"])
    assert message["List-Id"].endswith(f".{domain}>")
    unsubscribe = [u.strip(" <>") for u in message["List-Unsubscribe"].split(",")]
    assert unsubscribe[0] == f"{config['base_url']}unsubscribe/?token=RECIPIENT_TOKEN"
    assert unsubscribe[1].startswith(f"mailto:{email.utils.parseaddr(config['email']['from'])[1]}")
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_a_title_with_a_line_break_is_refused_not_smuggled_into_a_header(
    workspace: Callable[[str], Path],
) -> None:
    root = workspace("email")
    manifest = root / "issues" / f"{SLUG}.yaml"
    lines = manifest.read_text().splitlines()
    line = next(i for i, text in enumerate(lines, 1) if text.startswith("title:"))
    lines[line - 1] = 'title: "¡Huelga!\\r\\nBcc: todos@example.org"'  # YAML escapes
    manifest.write_text("\n".join(lines) + "\n")
    with pytest.raises(PublisherError) as error:
        build(root, formats=["email"])
    assert f"{SLUG}.yaml:{line}: 'title' must be a single line" in str(error.value)
    assert not (root / "dist").exists()


@pytest.mark.parametrize("key", ["from", "reply_to"])
def test_a_name_with_a_line_break_is_refused_with_file_and_line(
    workspace: Callable[[str], Path], key: str
) -> None:
    root = workspace("email")
    config = root / "publisher.toml"
    lines = config.read_text().splitlines()
    line = next(i for i, text in enumerate(lines, 1) if text.startswith(f"{key} ="))
    lines[line - 1] = f'{key} = "Boletín\\r\\nBcc: todos@example.org <boletin@muelle.example.org>"'
    config.write_text("\n".join(lines) + "\n")
    with pytest.raises(PublisherError) as error:
        build(root, formats=["email"])
    assert f"publisher.toml:{line}:" in str(error.value)
    assert "single line" in str(error.value)


def test_a_link_to_an_address_in_other_letters_is_sent_in_its_ascii_form(
    tmp_path: Path,
) -> None:
    """A web address written in Arabic letters (or at an international domain) went into
    both parts as written: Outlook mangles such links and mail programs stop linking a
    plain-text address at its first letter outside ASCII. The email carries the same
    address percent-encoded (its host as xn--…), as browsers send it; its words stay."""
    root = minimal_with(
        tmp_path / "links",
        {
            "links.md": "---\ntitle: Links\nlang: en\n---\n\nRead [the workers' page]"
            "(https://example.net/عمال/?q=إضراب#نص) and <https://bücher.example/straße>.\n"
        },
    )
    out = build(root, formats=["email"]).out_dir / "001-first"

    links = lxml.html.parse(out / "email.html").getroot().xpath("//a/@href")
    workers = "https://example.net/%D8%B9%D9%85%D8%A7%D9%84/?q=%D8%A5%D8%B6%D8%B1%D8%A7%D8%A8#%D9%86%D8%B5"
    books = "https://xn--bcher-kva.example/stra%C3%9Fe"
    assert workers in links and books in links
    text = (out / "email.txt").read_text()
    assert workers in text and books in text
    assert "the workers’ page" in text and "https://bücher.example/straße" in text  # the words


CODE = """\
---
title: Scripts
---

Run this:

```python
def total(shifts):
    return sum(shifts)

print(total([8, 8]))
```
"""


def test_a_code_block_keeps_its_lines_in_the_html_part(tmp_path: Path) -> None:
    """Every program in the HTML part ran on one line ("def total(shifts):    return…"):
    MRML dropped the line breaks pandoc writes between a code block's lines. The block
    reads line for line as written, blank line too, as on the web page."""
    root = minimal_with(tmp_path / "ws", {"scripts.md": CODE})
    out = build(root, formats=["email"]).out_dir / "001-first"

    (code,) = lxml.html.parse(out / "email.html").getroot().xpath("//pre")
    assert code.text_content().splitlines() == [
        "def total(shifts):",
        "    return sum(shifts)",
        "",
        "print(total([8, 8]))",
    ]


# --- 4. the plain-text part ----------------------------------------------------------------


def test_plain_text_has_every_title_and_every_link_target_of_the_html(
    every_email: list[BuiltEmail],
) -> None:
    for built_email in every_email:
        tree, text = built_email.tree, unwrapped(built_email.text)
        for title in tree.xpath("//*[@class='article-title']"):
            assert unwrapped(title.text_content()) in text
        for href in external_links(tree):
            assert href.removeprefix("mailto:") in text, href
        # Links within the message (contents, footnotes) have nothing to point at in plain
        # text: the contents list and the notes are there instead. They must not dangle.
        ids = set(tree.xpath("//@id"))
        for href in tree.xpath("//a/@href[starts-with(., '#')]"):
            assert href[1:] in ids, href


def article_chunks(built_email: BuiltEmail) -> dict[str, str]:
    """The text part cut into articles: from each title to the next heading of its level
    (the headings with two blank lines above them), each by its words."""
    lines = without_marks(built_email.text).splitlines()
    starts = [i for i in range(2, len(lines)) if lines[i] and not lines[i - 1] + lines[i - 2]]
    chunks = {}
    for start, end in zip(starts, [*starts[1:], len(lines)], strict=True):
        chunks[lines[start]] = "\n".join(lines[start:end])
    return chunks


def test_plain_text_lists_each_articles_links_as_numbered_references_under_it(
    bilingual: BuiltEmail,
) -> None:
    chunks = article_chunks(bilingual)
    for slug in bilingual.doc_slugs:
        title = bilingual.tree.xpath(f"//h3[@id='{slug}']")[0]
        article = title.getparent()  # the <div lang dir> around the article
        online = title.xpath("./a/@href")[0]
        wanted = {h for h in external_links(article) if h != online}
        chunk = chunks[unwrapped(title.text_content())]
        defined = dict(re.findall(r"^\s*\[(\d+)\]: (\S+)$", chunk, re.MULTILINE))
        used = set(re.findall(r"\[(\d+)\](?!:)", chunk))
        assert used == set(defined), slug  # every marker is explained under the article
        # a link whose words are its address (an email address, a web address written out)
        # stays inline, as <address>, rather than being given a number
        addresses = {
            a.get("href")
            for a in article.iter("a")
            if a.get("href") in wanted
            and unwrapped(a.text_content())
            in (a.get("href"), a.get("href").removeprefix("mailto:"))
        }
        assert set(defined.values()) == wanted - addresses, slug
        assert all(f"<{h.removeprefix('mailto:')}>" in unwrapped(chunk) for h in addresses)
    assert (
        "¹ Datos del comité de huelga" in chunks["Los estibadores paran el puerto de Cádiz"]
    )  # the note, numbered


def test_plain_text_is_wrapped_with_headings_on_lines_of_their_own_and_lists_kept(
    bilingual: BuiltEmail,
) -> None:
    text = bilingual.text
    lines = text.splitlines()
    url = re.compile(r"<?(https?|mailto):\S+")
    for line in lines:
        if len(line) > 78:  # only a URL, a code line or a right-to-left paragraph may not wrap
            assert url.search(line) or line.startswith(("    ", "\u200f")), line
    prose = [
        line
        for line in lines
        if not url.search(line)
        and " " in line.strip()
        and not line.startswith("    ")
        and not line.startswith("\u200f")
    ]
    assert 60 <= max(map(len, prose)) <= 78  # wrapped, not one line per paragraph
    titles = [bilingual.front_matter(slug)["title"] for slug in bilingual.doc_slugs]
    for title in titles + [section["title"] for section in bilingual.manifest["sections"]]:
        at = without_marks(text).splitlines().index(title)  # an Arabic one marked right to left
        assert lines[at - 2 : at] == ["", ""] and lines[at + 1] == "", title
    html_items = bilingual.tree.xpath("//h3[@class='article-title']/..//li[not(ancestor::section)]")
    assert html_items
    for item in html_items:
        first_words = " ".join(item.text_content().split()[:3])
        assert re.search(
            rf"^\s*(-|\d+\.)\s+{re.escape(first_words)}", without_marks(text), re.MULTILINE
        )


SURVEY = """\
---
title: "Branch report: pay survey"
authors: ["Research group"]
---

Our survey of 412 members shows pay falling behind rents.

## Results

#### Pay by grade

Cleaners earn least.
"""


def test_plain_text_headings_are_lines_of_their_own_without_markup_characters(
    tmp_path: Path,
) -> None:
    """Readers saw, and screen readers could read out as symbols, Markdown's
    `### Results` and `##### Pay by grade`, and `====`/`----` under the issue's, the
    sections' and the articles' titles. A heading is now its words alone on a line, a
    blank line above and below it (two above the newsletter's own headings and the
    articles' titles), as readers know headings in a mail's text part."""
    root = minimal_with(tmp_path / "ws", {"survey.md": SURVEY})
    text = (build(root, formats=["email"]).out_dir / "001-first" / "email.txt").read_text()
    lines = text.splitlines()
    for heading in ("Results", "Pay by grade", "Branch report: pay survey", "News"):
        assert heading in lines, heading
        at = lines.index(heading)
        assert lines[at - 1] == "" and lines[at + 1] == "", heading
    for heading in ("In this issue", "News", "Branch report: pay survey"):
        assert lines[lines.index(heading) - 2] == "", heading
    assert not [line for line in lines if line.lstrip().startswith("#")]
    underlines = [
        below
        for above, below in itertools.pairwise(lines)
        if above.strip() and set(below.strip()) in ({"="}, {"-"})
    ]
    assert underlines == []


PAY_TABLE = """\
---
title: "Branch report: pay survey"
---

| Grade | Hourly pay | Change |
|-------|-----------:|-------:|
| Cleaner | £11.44 | +2% |
| Porter | £11.90 | |

Table: Hourly pay by grade, 2026

<table>
<tr><td>Monday</td><td>Picket at the depot</td></tr>
<tr><td>Tuesday</td><td>Rally</td></tr>
</table>

<table>
<thead><tr><th>Depot</th><th>Shift</th><th>Out</th></tr></thead>
<tbody>
<tr><td rowspan="2">Leeds</td><td>Day</td><td>40</td></tr>
<tr><td>Night</td><td>12</td></tr>
</tbody>
</table>
"""


def test_plain_text_reads_a_table_row_by_row_each_value_after_its_column_heading(
    tmp_path: Path,
) -> None:
    """Pandoc's columns came with a rule line of dashes under the headings and the caption
    after them as `  : Hourly pay by grade, 2026`; a screen reader read the rows as runs
    of figures, the headings far above them. The caption now comes first, as a line of
    its own, then each row as an item of a list, each value after its column's heading
    (an empty cell left out, a cell merged down given once, under its own column's
    heading); a table without headings gives its values in order."""
    root = minimal_with(tmp_path / "ws", {"survey.md": PAY_TABLE})
    text = (build(root, formats=["email"]).out_dir / "001-first" / "email.txt").read_text()
    lines = text.splitlines()
    caption = lines.index("Hourly pay by grade, 2026")
    assert lines[caption + 1 : caption + 5] == [
        "",
        "- Grade: Cleaner; Hourly pay: £11.44; Change: +2%",
        "- Grade: Porter; Hourly pay: £11.90",
        "",
    ]
    assert "- Monday; Picket at the depot" in lines and "- Tuesday; Rally" in lines
    leeds = lines.index("- Depot: Leeds; Shift: Day; Out: 40")
    assert lines[leeds + 1] == "- Shift: Night; Out: 12"
    assert not [line for line in lines if re.fullmatch(r"\s*-+( +-+)+\s*|\s*: .*", line)]


KIT_TABLE = """\
---
title: "Safety kit"
---

<table>
<thead><tr><th>Depot</th><th>Kit handed out</th></tr></thead>
<tbody>
<tr><td>Leeds</td><td><ul><li>Gloves</li><li>Boots</li></ul></td></tr>
</tbody>
</table>
"""


def test_plain_text_gives_a_list_in_a_table_cell_as_its_items_apart(tmp_path: Path) -> None:
    """A table copied from Word keeps a list in a cell; its items ran together in the
    row's line ("GlovesBoots")."""
    root = minimal_with(tmp_path / "ws", {"kit.md": KIT_TABLE})
    text = (build(root, formats=["email"]).out_dir / "001-first" / "email.txt").read_text()
    assert "- Depot: Leeds; Kit handed out: Gloves, Boots" in text.splitlines()


STEPS = """\
---
title: "Building the bulletin"
---

1. Open a terminal
2. Type the command

```
publisher build
```

- It writes the dist folder

```
ls dist
```
"""


def test_plain_text_has_a_blank_line_between_a_list_and_the_code_after_it(
    tmp_path: Path,
) -> None:
    """A line `&nbsp;` stood between a list and a code block under it: what pandoc writes
    there so that Markdown does not read the code as part of the list's last item."""
    root = minimal_with(tmp_path / "ws", {"steps.md": STEPS})
    text = (build(root, formats=["email"]).out_dir / "001-first" / "email.txt").read_text()
    lines = text.splitlines()
    typed = lines.index("2.  Type the command")
    assert lines[typed + 1 : typed + 4] == ["", "    publisher build", ""]
    written = lines.index("- It writes the dist folder")
    assert lines[written + 1 : written + 3] == ["", "    ls dist"]
    assert "&nbsp;" not in text


ROTA = """\
<html><head><title>Rota</title></head><body>
<table>
<tr><th>Day</th><th>Shifts</th></tr>
<tr><td>Monday</td><td><table><tr><th>Time</th><th>Who</th></tr><tr><td>06:00</td><td>Ana</td></tr><tr><td>14:00</td><td>Bea</td></tr></table></td></tr>
<tr><td>Tuesday</td><td><table><tr><th>Time</th><th>Who</th></tr><tr><td>06:00</td><td>Carl</td></tr></table></td></tr>
</table>
</body></html>
"""

WAGES = """\
---
title: "الأجور"
language: ar
---

| الفئة | الأجر |
|-------|-------|
| عامل | 3000 ج.م |

<table>
<thead><tr><th>الفرع</th><th>المناطق</th></tr></thead>
<tbody><tr><td>الشمال</td><td><ul><li>القاهرة</li><li>الإسكندرية</li></ul></td></tr></tbody>
</table>
"""


def test_plain_text_sets_the_rows_of_a_table_in_a_cell_apart_in_brackets(tmp_path: Path) -> None:
    """A table in a cell (a rota from a web page or Word) ran its rows into the row's line
    with commas, its values' semicolons the same as the outer row's: "Shifts: Time: 06:00;
    Who: Ana, Time: 14:00; Who: Bea"."""
    root = minimal_with(tmp_path / "ws", {"rota.html": ROTA})
    text = (build(root, formats=["email"]).out_dir / "001-first" / "email.txt").read_text()
    lines = text.splitlines()
    assert "- Day: Monday; Shifts: (Time: 06:00; Who: Ana), (Time: 14:00; Who: Bea)" in lines
    assert "- Day: Tuesday; Shifts: (Time: 06:00; Who: Carl)" in lines


def test_plain_text_marks_struck_words_as_struck(tmp_path: Path) -> None:
    """A chat's correction ("bring ~placards~ banners") or a page's <del>: printed as any
    other words, the text part said the reverse of the HTML part."""
    page = "<p>Bring <s>placards</s> banners; the offer is <del>5%</del> 3%.</p>"
    root = minimal_with(tmp_path / "ws", {"correction.html": page})
    text = (build(root, formats=["email"]).out_dir / "001-first" / "email.txt").read_text()
    assert "Bring ~~placards~~ banners; the offer is ~~5%~~ 3%." in " ".join(text.split())


def test_plain_text_gives_an_arabic_tables_rows_arabic_punctuation(tmp_path: Path) -> None:
    """An Arabic article's table read "الفئة: عامل; الأجر: 3000 ج.م": a Latin semicolon in
    Arabic text, where the Arabic one (؛) belongs, and the cell's list items apart by ","."""
    root = minimal_with(tmp_path / "ws", {"wages.md": WAGES})
    text = (build(root, formats=["email"]).out_dir / "001-first" / "email.txt").read_text()
    lines = text.splitlines()
    assert "- الفئة: عامل؛ الأجر: 3000 ج.م" in lines
    assert "- الفرع: الشمال؛ المناطق: القاهرة، الإسكندرية" in lines
    assert "; " not in text.partition("الأجور")[2].partition("Read online")[0]


PAY_CLAIM = """\
---
title: "مطالب الأجور"
language: ar
---

نطالب بزيادة الأجور كما في الجدول الإنجليزي:

| Grade | Now, per hour | Claim |
|-------|---------------|-------|
| A | £11.44 | £13.15 |
| الفئة ب | £10.90 | £12.60 |
"""


def test_plain_text_keeps_a_latin_rows_semicolons_in_an_arabic_article(tmp_path: Path) -> None:
    """An English table quoted in an Arabic article read "Grade: A؛ Now, per hour: £11.44؛
    Claim: £13.15": Arabic semicolons between English words. A row in Latin script keeps
    ";"; a row in Arabic script in it keeps "؛"."""
    root = minimal_with(tmp_path / "ws", {"claim.md": PAY_CLAIM})
    text = (build(root, formats=["email"]).out_dir / "001-first" / "email.txt").read_text()
    lines = [line.strip("\u200e\u200f ") for line in text.splitlines()]
    assert "- Grade: A; Now, per hour: £11.44; Claim: £13.15" in lines, text
    assert "- Grade: الفئة ب؛ Now, per hour: £10.90؛ Claim: £12.60" in lines, text


def test_plain_text_has_the_same_contents_and_footer(bilingual: BuiltEmail) -> None:
    text, config = unwrapped(without_marks(bilingual.text)), bilingual.config
    titles = [bilingual.front_matter(slug)["title"] for slug in bilingual.doc_slugs]
    language = bilingual.manifest["language"]
    contents = re.search(
        rf"{ui('In this issue', language)} (.*?) {ui('Editorial', language)}", text
    )
    assert contents and contents.group(1) == " ".join(f"- {t}" for t in titles)
    for fact in (
        config["organisation"]["name"],
        config["organisation"]["contact"],
        f"{config['base_url']}{SLUG}/",
        f"{config['base_url']}unsubscribe/?token=RECIPIENT_TOKEN",
    ):
        assert fact in text


def test_plain_text_gives_each_picture_its_caption_and_credit(
    workspace: Callable[[str], Path],
) -> None:
    """A caption (and the photographer's credit in it) is text the HTML part shows under
    its picture; the plain-text part showed only the alt text, or nothing without one."""
    root = workspace("email")
    note = root / "documents" / "nota-redaccion.md"
    note.write_text(
        note.read_text()
        + '\n![La asamblea del martes. Foto: Jo Bloggs](media/puerto.png){alt="Cientos de'
        ' estibadores en asamblea"}\n'
        + '\n<figure><img src="media/puerto.png" alt=""><figcaption>El muelle vacío.'
        " Foto: Ana Ruiz</figcaption></figure>\n"
    )
    report = build(root, formats=["email"])
    text = unwrapped((report.out_dir / SLUG / "email.txt").read_text())
    assert "(Cientos de estibadores en asamblea) La asamblea del martes. Foto: Jo Bloggs" in text
    assert "(El muelle vacío. Foto: Ana Ruiz)" in text
    # a caption that is its picture's alt text too is said once
    assert text.count("Grúas paradas en el muelle de poniente al amanecer") == 1


PICTURES = """\
---
title: On the picket line
---

![Workers on the picket line holding banners](media/banners.png)

![عمال يحملون لافتات أمام البوابة](media/gate.png)

![](media/harbour.png)

The picket held all day.
"""


@pytest.mark.parametrize("language", ["en-GB", "ar"])
def test_plain_text_gives_a_pictures_description_once_and_an_undescribed_one_no_line(
    tmp_path: Path, language: str
) -> None:
    """A picture whose caption is its description is said once, in brackets. In an Arabic
    issue, the plain-text part said it twice (as the alt text, then as the caption), and
    a picture without a description left a line holding only a direction mark."""
    png = io.BytesIO()
    Image.new("RGB", (400, 300), (30, 90, 160)).save(png, format="PNG")
    pictures = {f"media/{name}.png": png.getvalue() for name in ("banners", "gate", "harbour")}
    root = minimal_with(tmp_path / "ws", {**pictures, "picket.md": PICTURES})
    manifest = root / "issues" / "001-first.yaml"
    manifest.write_text(manifest.read_text() + f"language: {language}\n")
    text = (build(root, formats=["email"]).out_dir / "001-first" / "email.txt").read_text()
    for description in (
        "Workers on the picket line holding banners",
        "عمال يحملون لافتات أمام البوابة",
    ):
        assert text.count(description) == 1, text
        assert f"({description})" in text
    lines = text.splitlines()
    assert all(line.strip("\u200e\u200f ") for line in lines if line), text
    (last_described,) = [at for at, line in enumerate(lines) if "(عمال" in line]
    assert "The picket held all day." in lines[last_described + 2]  # no line for the third


def test_plain_text_has_no_soft_hyphens_or_zero_width_spaces(
    workspace: Callable[[str], Path],
) -> None:
    """Pasted from Word or a web page, a text carries soft hyphens and zero-width spaces,
    hints the HTML part and the PDF use; mail programs show them in plain text as hyphens
    or boxes inside words. Farsi's zero-width non-joiner is spelling, and stays."""
    root = workspace("email")
    note = root / "documents" / "nota-redaccion.md"
    note.write_text(
        note.read_text()
        + "\nLa asamblea de la Mieter\u00adversammlung votó la huelga\u200b/\u200bel paro.\n"
        + "\n[ما می\u200cخواهیم]{lang=fa dir=rtl}\n"
    )
    report = build(root, formats=["email"])
    text = (report.out_dir / SLUG / "email.txt").read_text()
    assert "\u00ad" not in text and "\u200b" not in text
    assert "Mieterversammlung votó la huelga/el paro." in text
    assert "می\u200cخواهیم" in text


STRIKE_AR = """\
---
title: "إضراب عمال الميناء"
lang: ar
---

بدأ الإضراب يوم الاثنين 1 يونيو 2026 في الساعة 6:00 صباحاً، عندما توقف 300 عامل عن العمل في
Berth 7 التابع لشركة Northline Distribution Ltd. وقال المتحدث باسم الشبكة: "لن نعود إلى العمل".

للمزيد من المعلومات زوروا موقعنا https://bulletin.example.org/ar/ أو راسلونا على news@example.org.

## مطالبنا

1. زيادة الأجور بنسبة 12%.
2. الاعتراف بالنقابة (Unite the Union) رسمياً.
"""


def test_an_arabic_issues_plain_text_reads_right_to_left_in_mail_programs(
    tmp_path: Path,
) -> None:
    """A mail program sets plain text line by line, each the way its first letter runs
    (Unicode's bidirectional algorithm; some judge the whole message by its first line).
    The Arabic issue's first line opens with the newsletter's English name, and a line of
    an Arabic paragraph wrapped before "Ltd." ran left to right; an address in an Arabic
    line was drawn "</https://…/ar>". Each line of Arabic now starts with a right-to-left
    mark, a paragraph is one line the mail program wraps, and an address is a
    left-to-right run. An English article's lines read left to right as before."""
    root = minimal_with(tmp_path / "ws", {"idrab.md": STRIKE_AR})
    manifest = root / "issues" / "001-first.yaml"
    manifest.write_text(
        manifest.read_text()
        .replace('title: "First issue"', 'title: "عدد خاص"\nlanguage: ar')
        .replace("Hello from the editors.", "يصدر هذا العدد باللغة العربية لأول مرة.")
    )
    report = build(root, formats=["email"])
    lines = (report.out_dir / "001-first" / "email.txt").read_text().splitlines()
    shown = [line for line in lines if line.strip()]
    right_to_left = [line for line in shown if get_base_level(line) == 1]
    assert shown[0] in right_to_left and shown[0].endswith("عدد خاص"), shown[0]
    (statement,) = [line for line in lines if "بدأ الإضراب" in line]
    assert statement in right_to_left and "وقال المتحدث" in statement  # not wrapped before it
    for arabic in ("للمزيد من المعلومات", "مطالبنا", "Unite the Union", "يصدر هذا العدد"):
        assert any(arabic in line for line in right_to_left), arabic
    (address,) = [line for line in lines if "للمزيد من المعلومات" in line]
    assert "<https://bulletin.example.org/ar/>" in get_display(address)
    assert "<news@example.org>" in get_display(address)
    assert all(
        "<https://minimal.example.org/" in get_display(line)
        for line in right_to_left
        if "minimal.example.org" in line
    )
    read_online = [line for line in shown if ui("Read online:", "ar") in line]
    assert len(read_online) == 3 and set(read_online) <= set(right_to_left)  # as the HTML's
    english = [line for line in shown if "A paragraph with *emphasis*" in line]
    assert english and english[0] not in right_to_left and "\u200f" not in english[0]


PAY_TABLE_AR = """\
---
title: "مطالب العمال"
lang: ar
---

| المطلب | الحالة |
|---|---|
| أجر عادل | مرفوض |
"""


def test_an_arabic_issues_plain_text_sets_each_line_the_way_its_own_words_run(
    tmp_path: Path,
) -> None:
    """In an Arabic issue, the contents entry of an English article, every row and the
    caption of its table, and the web addresses listed under it opened with a
    right-to-left mark: a mail program set "- Branch report: pay survey" as
    "Branch report: pay survey -" and moved "Grade:" and the figures to the far side of
    each row. Each line now opens with the mark of the way its own words run."""
    root = minimal_with(tmp_path / "ws", {"survey.md": PAY_TABLE, "matalib.md": PAY_TABLE_AR})
    manifest = root / "issues" / "001-first.yaml"
    manifest.write_text(
        manifest.read_text().replace('title: "First issue"', 'title: "عدد خاص"\nlanguage: ar')
    )
    report = build(root, formats=["email"])
    lines = (report.out_dir / "001-first" / "email.txt").read_text().splitlines()

    def opening(words: str) -> str:
        [line] = [line for line in lines if words in line]
        return line[0]

    for english in (
        "- Branch report: pay survey",
        "Hourly pay by grade, 2026",
        "- Grade: Cleaner; Hourly pay: £11.44; Change: +2%",
        "- Grade: Porter; Hourly pay: £11.90",
        "- Monday; Picket at the depot",
        "- Depot: Leeds; Shift: Day; Out: 40",
        "- The first article",
        ": https://example.org/page",  # the first article's link, listed under it
    ):
        assert opening(english) == "\u200e", english
    for arabic in ("- مطالب العمال", "- المطلب: أجر عادل؛ الحالة: مرفوض", "عدد خاص"):
        assert opening(arabic) == "\u200f", arabic


def test_an_arabic_editions_plain_text_sets_a_section_title_left_in_english_left_to_right(
    tmp_path: Path,
) -> None:
    """An edition that gives no title of its own to a section keeps the original's
    ("News"), which the HTML part marks English, left to right; the plain-text part
    opened its line with the edition's right-to-left mark."""
    root = minimal_with(tmp_path / "ws", {})
    manifest = root / "issues" / "001-first.yaml"
    manifest.write_text(manifest.read_text() + "editions: [ar]\n")
    report = build(root, formats=["email"])
    lines = (report.out_dir / "001-first" / "ar" / "email.txt").read_text().splitlines()
    assert "\u200eNews" in lines
    assert f"\u200f{ui('In this issue', 'ar')}" in lines


ARABIC_IN_ENGLISH = """\
---
title: Mixed
lang: en
---

This is an English introduction.

وقف العمال أمام بوابة المصنع مطالبين بأجر عادل وعقود مكتوبة. لقد طالبنا بحقوقنا منذ سنوات ولم يستمع إلينا أحد في الإدارة.

In كفر المناسج 3,000 workers struck, the report said.
"""


@pytest.mark.parametrize("language", ["en-GB", "ar"])
def test_plain_text_sets_arabic_in_an_english_article_right_to_left_in_mail_programs(
    tmp_path: Path, language: str
) -> None:
    """The HTML part marks an Arabic paragraph of an English article, and an Arabic name
    in one of its sentences, right to left. In an English issue, the plain-text part
    wrapped the paragraph at 72 columns unmarked: a mail program set its lines from the
    left, the closing full stop at the start of the sentence. In both languages, "In كفر
    المناسج 3,000 workers" was shown with the figure before the name. The paragraph is
    now one line opening right to left, as an Arabic issue's, and the name set apart."""
    root = minimal_with(tmp_path / "ws", {"mixed.md": ARABIC_IN_ENGLISH})
    manifest = root / "issues" / "001-first.yaml"
    manifest.write_text(manifest.read_text() + f"language: {language}\n")
    report = build(root, formats=["email"])
    lines = (report.out_dir / "001-first" / "email.txt").read_text().splitlines()
    (paragraph,) = [line for line in lines if "وقف العمال" in line]
    assert paragraph.rstrip().endswith("أحد في الإدارة.")  # the whole paragraph, one line
    assert paragraph.startswith("\u200f") and get_base_level(paragraph) == 1
    (sentence,) = [line for line in lines if "3,000 workers struck" in line]
    assert get_base_level(sentence) == 0
    shown = get_display(sentence)
    assert shown.index("3,000") > shown.index(get_display("كفر المناسج")), shown
    (english,) = [line for line in lines if "English introduction" in line]
    assert get_base_level(english) == 0


def ui(text: str, language: str, **values: object) -> str:
    """An interface string as readers of `language` see it (from the catalogues)."""
    with i18n.interface_language(language):
        return i18n.gettext(text) % values if values else i18n.gettext(text)


# --- 5. the Nu HTML checker ----------------------------------------------------------------

# What MJML must emit for Outlook, which the HTML standard does not know. Nothing else.
MJML_NEEDS = {
    # <html xmlns:v xmlns:o>: the VML and Office namespaces that Outlook's conditional
    # comments (<o:OfficeDocumentSettings>, VML backgrounds) rely on.
    r"Attribute “xmlns:[vo]” not allowed here\.",
    # MJML's reset `table, td { mso-table-lspace: 0pt; mso-table-rspace: 0pt }` stops
    # Outlook adding space beside every table; vendor properties the CSS checker rejects.
    r"CSS: “mso-table-[lr]space”: Property “mso-table-[lr]space” doesn't exist\.",
}


def test_nu_html_checker_finds_nothing_but_what_mjml_needs_for_outlook(
    every_email: list[BuiltEmail],
) -> None:
    errors = nu_html_errors([e.html_path for e in every_email])
    unexplained = [e for e in errors if not any(re.search(p, e) for p in MJML_NEEDS)]
    assert unexplained == []


# --- 6. what the HTML carries --------------------------------------------------------------


def test_header_preheader_contents_and_footer(bilingual: BuiltEmail) -> None:
    tree, config, manifest = bilingual.tree, bilingual.config, bilingual.manifest
    preheader = tree.xpath("//body/div[contains(@style, 'display:none')]")[0]
    assert preheader.text_content().strip(FILLER) == manifest["summary"]
    masthead = unwrapped(tree.text_content())
    date = manifest["date"]
    language = manifest["language"]
    number = ui("No. %(number)s", language, number=manifest["number"])
    assert f"{number} · {i18n.long_date(date, language)}" in masthead
    assert manifest["title"] in masthead and config["title"] in masthead
    contents = tree.xpath("//td[contains(@class, 'contents')]//a/@href")
    assert contents == [f"#{slug}" for slug in bilingual.doc_slugs]
    footer = unwrapped(tree.xpath("//td[contains(@class, 'footer')]")[0].text_content())
    assert config["organisation"]["name"] in footer and config["organisation"]["contact"] in footer
    links = {
        a.text_content(): a.get("href") for a in tree.xpath("//td[contains(@class, 'footer')]//a")
    }
    assert links[ui("View in browser", language)] == f"{config['base_url']}{SLUG}/"
    unsubscribe = f"{config['base_url']}unsubscribe/?token=RECIPIENT_TOKEN"
    assert links[ui("Unsubscribe", language)] == unsubscribe


FILLER = "\u200c\u00a0"  # what pads the inbox preview: zero-width non-joiner, no-break space


@pytest.mark.parametrize(
    "summary",
    ["العدد الأول: إضراب الميناء وما يأتي بعده.", "La huelga sigue: una carta desde Tánger."],
)
def test_the_inbox_preview_shows_the_summary_and_then_nothing_of_the_body(
    tmp_path: Path, summary: str
) -> None:
    """Mail programs show the first 100 to 150 characters of the text after the subject:
    after a short summary they went on into the body, "View this issue in your browser
    Boletín del Muelle N.º 7…". What follows the summary shows as blank now."""
    root = copy_workspace(WORKSPACES / "email", tmp_path / "email")
    manifest = root / "issues" / f"{SLUG}.yaml"
    text = manifest.read_text(encoding="utf-8")
    manifest.write_text(
        re.sub(r"(?m)^summary: .*$", f'summary: "{summary}"', text), encoding="utf-8"
    )
    out = build(root, [SLUG], formats=["email"]).out_dir

    body = lxml.html.fromstring((out / SLUG / "email.html").read_text()).find("body")
    shown = re.sub(r"[ \t\r\n]+", " ", body.text_content()).lstrip()[:150]
    assert shown.startswith(summary)
    assert set(shown.removeprefix(summary)) <= set(FILLER), shown


def test_each_article_has_byline_direction_and_read_online_link(bilingual: BuiltEmail) -> None:
    base = bilingual.config["base_url"]
    for slug in bilingual.doc_slugs:
        meta = bilingual.front_matter(slug)
        title = bilingual.tree.xpath(f"//h3[@id='{slug}']")[0]
        article = title.getparent()
        assert article.get("lang") == meta["lang"]
        assert article.get("dir") == ("rtl" if meta["lang"] == "ar" else "ltr")
        byline = article.xpath(".//p[@class='byline']")[0].text_content()
        assert all(author in byline for author in meta["authors"])
        (online,) = title.xpath("./a/@href")  # the article's place in the web archive
        assert online.startswith(f"{base}{SLUG}/") and slug in online
        read_online = ui(
            "Read “%(title)s” online", bilingual.manifest["language"], title=meta["title"]
        )
        assert article.getparent().xpath(f".//a[.='{read_online}']/@href") == [online]


def test_a_screen_reader_moves_through_issue_sections_and_articles_by_heading(
    every_email: list[BuiltEmail],
) -> None:
    """The issue's title is the email's one <h1>, each section's title an <h2> (the
    editorial's too), each article's an <h3> under it, its own headings below that: a
    screen reader's list of headings is the issue's contents, levels never skipped."""
    for built_email in every_email:
        tree, manifest = built_email.tree, built_email.manifest
        headings = tree.xpath("//h1 | //h2 | //h3 | //h4 | //h5 | //h6")
        levels = [int(h.tag[1]) for h in headings]
        assert levels[0] == 1 and levels.count(1) == 1, built_email.slug
        assert all(b <= a + 1 for a, b in itertools.pairwise(levels)), built_email.slug
        if manifest.get("title"):
            assert unwrapped(headings[0].text_content()) == manifest["title"]
        sections = [unwrapped(h.text_content()) for h in tree.xpath("//h2[not(@id)]")]
        assert sections == [s["title"] for s in manifest["sections"]], built_email.slug
        for slug in built_email.doc_slugs:
            (title,) = tree.xpath(f"//*[@id='{slug}']")
            assert title.tag == "h3", slug


def test_each_read_online_link_names_its_article(every_email: list[BuiltEmail]) -> None:
    """A screen reader's list of the email's links tells one article's link from another:
    its words (which Gmail and Outlook keep, where they drop aria-label) name it."""
    for built_email in every_email:
        language = built_email.language
        tree = built_email.tree
        more = tree.xpath("//p[@class='more']/a")
        assert len(more) == len(built_email.doc_slugs)
        for slug, link in zip(built_email.doc_slugs, more, strict=True):
            (title,) = tree.xpath(f"//*[@id='{slug}']")
            named = unwrapped(title.text_content())
            assert unwrapped(link.text_content()) == ui(
                "Read “%(title)s” online", language, title=named
            ), slug
            assert link.get("href") == title.xpath("./a/@href")[0]


def test_images_are_absolute_sized_and_described_and_nothing_tracks(
    bilingual: BuiltEmail,
) -> None:
    images = bilingual.tree.xpath("//img")
    assert images
    site, out = bilingual.media
    for img in images:
        src = img.get("src")
        # A copy for email, published by the web archive: JPEG or PNG, at most 1,200 px wide.
        assert src.startswith(f"{site}media-email/") and src.endswith((".jpg", ".png"))
        with Image.open(out / unquote(src.removeprefix(site))) as picture:
            copy_width, copy_height = picture.size
        assert copy_width <= 1200
        width = min(copy_width, CONTENT_WIDTH)
        assert int(img.get("width")) == width
        assert abs(int(img.get("height")) - copy_height * width / copy_width) <= 1
        assert img.get("alt")
    html = bilingual.html
    assert "<script" not in html and "<link" not in html and "@import" not in html


def test_an_image_that_cannot_be_read_is_left_out_with_a_warning(
    workspace: Callable[[str], Path], caplog: pytest.LogCaptureFixture
) -> None:
    root = workspace("email")
    (root / "documents" / "media" / "broken.png").write_bytes(b"not a picture")
    note = root / "documents" / "nota-redaccion.md"
    note.write_text(note.read_text() + "\n![Un cartel de la huelga](media/broken.png)\n")
    report = build(root, formats=["email"])
    html = (report.out_dir / SLUG / "email.html").read_text()
    assert "broken.png" not in html and "Un cartel de la huelga" not in html
    assert any("broken.png" in r.getMessage() for r in caplog.records if r.levelname == "WARNING")


# --- 7. the command line -------------------------------------------------------------------


def test_build_reports_the_email_size_and_mode(workspace: Callable[[str], Path]) -> None:
    root = workspace("minimal")
    result = CliRunner().invoke(main, ["-C", str(root), "build", "--format", "email"])
    assert result.exit_code == 0, result.output
    eml = (root / "dist" / "001-first" / "email.eml").read_bytes()
    size = len(sent_parts(eml)["text/html"][1])  # the HTML part as it goes out
    assert (
        f"note: 001-first: email HTML {size / 1024:.1f} KB, mode auto: every article in full"
        in result.stderr
    )


def test_preview_email_writes_phone_and_desktop_screenshots(
    workspace: Callable[[str], Path], tmp_path: Path
) -> None:
    root = workspace("email")
    out = tmp_path / "previews"
    # A process of its own, as a user runs it (and beside this module's open browser).
    publisher = Path(sys.executable).with_name("publisher")
    result = subprocess.run(
        [publisher, "-C", root, "preview-email", "7", "--out", out], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert f"{out / 'email-375px.png'}" in result.stdout
    for width in WIDTHS:
        with Image.open(out / f"email-{width}px.png") as shot:
            assert shot.format == "PNG" and shot.width == width and shot.height > width
    assert not (root / "dist").exists()  # the email itself was built in a scratch folder
