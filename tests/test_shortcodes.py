"""A post copied from a Hugo site: its shortcodes show what Hugo would show, never
`{{< figure … >}}` in a subscriber's email."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

import lxml.html
import pytest
from bounded import finishes_within
from click.testing import CliRunner

from publisher.cli import main
from publisher.readers import read_document
from publisher.readers.shortcodes import without_shortcodes

POST = """\
+++
title = "Dockers walk out"
+++

The strike began at dawn.

{{< figure src="media/picket.png" caption="Pickets at [Gate 4], 6 am" >}}

{{< youtube dQw4w9WgXcQ >}}

{{< notice warning >}}
Bring **warm clothes**: the picket lasts all night.
{{< /notice >}}

{{< highlight bash >}}
echo "solidarity"
{{< /highlight >}}

```go
// as written: {{< youtube abc >}}
```

Hugo's manual writes {{</* figure src="x" */>}} to show the text.
"""


def paragraphs(body: lxml.html.HtmlElement) -> list[str]:
    """The words of each paragraph of `body`, white space single."""
    return [" ".join(p.text_content().split()) for p in body.iter("p")]


def read(tmp_path: Path, text: str):  # -> Document
    (tmp_path / "media").mkdir(exist_ok=True)
    (tmp_path / "media" / "picket.png").write_bytes(PNG)
    path = tmp_path / "post.md"
    path.write_text(text)
    return read_document(path, "post", tmp_path, "en")


# A 1×1 PNG: the figure's picture must be a file in the pool to be kept.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d4944415478da63f8cfc0f01f0005000201a1ea3e5a0000000049454e44ae426082"
)


def test_built_in_shortcodes_show_what_hugo_shows(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    body = read(tmp_path, POST).body_html
    assert "caption=" not in body and "{{&lt; youtube dQw" not in body
    assert '<img src="media/picket.png" alt="Pickets at [Gate 4], 6 am"' in body
    assert "<figcaption>Pickets at [Gate 4], 6 am</figcaption>" in body
    assert 'href="https://www.youtube.com/watch?v=dQw4w9WgXcQ"' in body
    assert '<code class="sourceCode bash">' in body and "solidarity" in body
    # A theme's shortcode: its tags go, what it wraps stays; one warning with the lines.
    assert "<strong>warm clothes</strong>" in body and "notice" not in body
    [warning] = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert "post.md: Hugo shortcodes publisher does not know" in warning
    assert "notice (line 11, 13)" in warning


def test_shortcodes_in_code_and_escaped_ones_are_shown_as_written(tmp_path: Path) -> None:
    body = read(tmp_path, POST).body_html
    assert "// as written: {{&lt; youtube abc &gt;}}" in body
    assert "writes {{&lt; figure src=" in body and "*/" not in body


def test_a_figure_with_a_caption_and_alt_text_keeps_both(tmp_path: Path) -> None:
    """The caption is shown under the picture; the alt text is what a screen reader says
    (and a reader with images off sees)."""
    alt = 'Six cleaners holding a "No to poverty pay" banner'
    doc = read(
        tmp_path, f'{{{{< figure src="media/picket.png" caption="Dawn" alt=\'{alt}\' >}}}}\n'
    )
    figure = lxml.html.fragment_fromstring(doc.body_html, create_parent="div")
    [img] = figure.xpath("//figure/img")
    assert img.get("alt") == alt
    assert figure.xpath("string(//figure/figcaption)") == "Dawn"


def test_a_figure_with_alt_text_alone_has_no_caption_and_its_link_is_kept(
    tmp_path: Path,
) -> None:
    """Hugo's figure shows a caption only from `caption` or `title`, and wraps the picture
    in a link to `link`: the alt text was also printed under the picture (a screen reader
    said it twice), and the link was dropped without a word."""
    doc = read(
        tmp_path,
        '{{< figure src="media/picket.png" alt="A photo" link="https://example.org/big.jpg" >}}'
        '\n\n{{< figure src="media/picket.png" alt="Gate 4" caption="Dawn"'
        ' link="https://example.org/gate.jpg" >}}\n\n'
        '{{< figure src="media/picket.png" alt="Alone" >}}\n',
    )
    body = lxml.html.fragment_fromstring(doc.body_html, create_parent="div")
    assert [caption.text_content().strip() for caption in body.iter("figcaption")] == ["Dawn"]
    linked = [(a.get("href"), a.xpath("string(.//img/@alt)")) for a in body.xpath("//a")]
    assert linked == [
        ("https://example.org/big.jpg", "A photo"),
        ("https://example.org/gate.jpg", "Gate 4"),
    ]
    assert body.xpath("//img/@alt") == ["A photo", "Gate 4", "Alone"]


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ('{{< youtube id="abc" >}}', "<https://www.youtube.com/watch?v=abc>"),
        ("{{< vimeo 146022717 >}}", "<https://vimeo.com/146022717>"),
        ('{{< x user="union" id="123" >}}', "<https://x.com/union/status/123>"),
        ('{{< tweet user="union" id="123" >}}', "<https://x.com/union/status/123>"),
        ("{{< instagram BWNjjyYFxVx >}}", "<https://www.instagram.com/p/BWNjjyYFxVx/>"),
        ("{{< gist spf13 7896402 >}}", "<https://gist.github.com/spf13/7896402>"),
        ('{{< gist spf13 7896402 "img.html" >}}', "<https://gist.github.com/spf13/7896402>"),
        ("{{% comment %}} check the figures {{% /comment %}}", ""),
        ('[our statement]({{< ref "statement.md" >}})', "[our statement](statement.md)"),
        ('{{% figure src="a.jpg" alt="A" %}}', '![](a.jpg){alt="A"}'),
        ('{{< figure src="a.jpg" title="[x]" />}}', "![\\[x\\]](a.jpg)"),
        (
            '{{< figure src="a.jpg" caption="Dawn" alt="Say \\"no\\"" >}}',
            '![Dawn](a.jpg){alt="Say \\"no\\""}',
        ),
    ],
)
def test_each_built_in_shortcode_as_markdown(written: str, shown: str) -> None:
    assert without_shortcodes(f"Before {written} after", Path("post.md")) == f"Before {shown} after"


def test_a_comment_shortcodes_note_is_never_published(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Hugo's `comment` shortcode holds the writer's note, which Hugo never shows: it was
    taken for a theme's unknown shortcode, its tags taken away and the note printed in every
    output. Never closed (Hugo stops there), the rest of its paragraph goes, as with an HTML
    comment never closed, said at its line; what follows is kept."""
    text = (
        '+++\ntitle = "Strike"\n+++\n\nPublic text.\n\n{{< comment >}}\nTODO: ask Ana,'
        " the figures are wrong.\n{{< /comment >}}\n\nPay {{% comment %}}(not final){{% /comment"
        " %}} rises.\n\nKept {{< comment >}} call Ana {{< youtube abc >}}\nat home\n\nThe end.\n"
    )
    with caplog.at_level(logging.WARNING, logger="publisher"):
        body = lxml.html.fromstring(f"<div>{read(tmp_path, text).body_html}</div>")
    assert [p.text_content() for p in body.iter("p")] == [
        "Public text.",
        "Pay rises.",
        "Kept",
        "The end.",
    ]
    assert [r.getMessage() for r in caplog.records] == [
        f"{tmp_path / 'post.md'}:13: a comment shortcode not closed: the rest of its paragraph"
        " is left out of the outputs (close it with {{% /comment %}})"
    ]


def test_a_param_shortcode_shows_the_value_the_pages_front_matter_gives(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """`{{< param "location" >}}` was taken away with a warning, and the sentence lost the
    place. It is the page's front matter's value (keys in any capitals, dotted, or under
    `params`), set as text; one the page does not give is still named in the warning."""
    post = tmp_path / "rally.md"
    post.write_text(
        "---\ntitle: Rally\nLocation: Plaza *Mayor* [1]\nvenue:\n  city: Madrid\n"
        "params:\n  union: CCOO\nopen: true\n---\n\n"
        'Meet at {{< param "location" >}} in {{< param venue.city >}} with'
        " {{% param union %}} (open: {{< param open >}}){{< param speakers >}}.\n"
    )
    with caplog.at_level(logging.WARNING, logger="publisher"):
        doc = read_document(post, "rally", tmp_path, "en")
    text = lxml.html.fromstring(doc.body_html).text_content()
    assert text == "Meet at Plaza *Mayor* [1] in Madrid with CCOO (open: true)."
    assert not doc.extra.keys() & {"Location", "venue", "params", "open"}  # used, not unknown
    [warning] = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert warning.endswith("param speakers (line 11)")


def test_hugos_details_and_qr_show_what_they_hold_open(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Hugo's `details` (0.140) and `qr` (0.141) were a theme's to this reader: `details`
    lost its summary, `qr` its address, each with a warning. Print and mail cannot fold
    a text away: the summary is a bold line above what it wraps. A code is its picture
    (see the next test) and its text, a link to tap on a screen."""
    post = tmp_path / "rally.md"
    post.write_text(
        "---\ntitle: Rally\n---\n"
        '{{< details summary="What to bring" >}}\nWater and a *hat*.\n{{< /details >}}\n\n'
        "{{% details %}}\nStewards wear orange.\n{{% /details %}}\n\n"
        'Sign: {{< qr text="https://act.example.org/sign" />}}\n\n'
        "Call: {{< qr >}}+44 20 7946 0000{{< /qr >}}\n"
    )
    with caplog.at_level(logging.WARNING, logger="publisher"):
        doc = read_document(post, "rally", tmp_path, "en")
    body = lxml.html.fragment_fromstring(doc.body_html, create_parent="div")
    assert paragraphs(body) == [
        "What to bring",
        "Water and a hat.",
        "Details",
        "Stewards wear orange.",
        "Sign: https://act.example.org/sign",
        "Call: +44 20 7946 0000",
    ]
    assert body.xpath("//img/@alt") == [
        "QR code: https://act.example.org/sign",
        "QR code: +44 20 7946 0000",
    ]
    assert [b.text for b in body.iter("strong")] == ["What to bring", "Details"]
    assert body.xpath("//a/@href") == ["https://act.example.org/sign"]
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]


def test_a_themes_button_is_a_link_to_where_it_leads(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A campaign post's call to action, as Blowfish and Congo write it (`{{< button
    href="…" >}}Sign the petition{{< /button >}}`) or Hextra (`text=`, `link=`): its
    words were kept and its address lost, so the email asked readers to sign and gave
    them nowhere to. A theme's block that wraps paragraphs still loses only its tags."""
    post = tmp_path / "petition.md"
    post.write_text(
        "---\ntitle: Petition\n---\n"
        '{{< button href="https://act.example.org/sign" target="_self" >}}Sign the'
        " petition{{< /button >}}\n\n"
        '{{< hextra/hero-button text="Read the [full] demands" link="https://example.org/d" >}}\n\n'
        '{{< notice url="https://example.org/n" >}}\nFirst.\n\nSecond.\n{{< /notice >}}\n'
    )
    with caplog.at_level(logging.WARNING, logger="publisher"):
        doc = read_document(post, "petition", tmp_path, "en")
    body = lxml.html.fragment_fromstring(doc.body_html, create_parent="div")
    links = [(a.text_content(), a.get("href")) for a in body.iter("a")]
    assert links == [
        ("Sign the petition", "https://act.example.org/sign"),
        ("Read the [full] demands", "https://example.org/d"),
    ]
    assert [p.text_content() for p in body.iter("p")][2:] == ["First.", "Second."]
    [said] = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert said.endswith("taken away (what they wrap is kept): notice (line 8, 12)"), said


def test_a_themes_box_keeps_its_title_above_what_it_wraps(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A theme's box shows a title a reader reads: an expand's label, a tab's language, a
    note's heading. They were taken away with the box's tags, so two tabs' texts came one
    after the other with nothing saying which is which. The title is a bold line above
    what the box wraps, as `details`' summary; a kind or an icon named first (`warning`,
    Blowfish's `"circle-info"`) is no title, and a tag inside a sentence (a tooltip) does
    not cut it in two."""
    post = tmp_path / "strike.md"
    post.write_text(
        "---\ntitle: Strike\n---\n"
        '{{% expand "Read the full statement" %}}\nThe branch agreed.\n{{% /expand %}}\n\n'
        '{{< tabs "languages" >}}\n{{< tab "English" >}}\nStrike on Monday.\n{{< /tab >}}\n'
        '{{< tab header="Español" >}}\nHuelga el lunes.\n{{< /tab >}}\n{{< /tabs >}}\n\n'
        '{{% notice warning "Bring water" %}}\nIt will be hot.\n{{% /notice %}}\n\n'
        '{{< alert "circle-info" >}}\nStewards wear orange.\n{{< /alert >}}\n\n'
        '{{% alert title="Legal advice" color="warning" %}}\nCall the office.\n{{% /alert %}}\n\n'
        'A {{< tooltip title="an old word" >}}scab{{< /tooltip >}} crossed the line.\n\n'
        '{{% details "First aid" open %}}\nFirst aid at gate 2.\n{{% /details %}}\n\n'
        '{{< details title="Toilets" closed="true" >}}\nToilets at gate 3.\n'
        "{{< /details >}}\n\n{{% details open %}}\nWater at gate 1.\n{{% /details %}}\n"
    )
    with caplog.at_level(logging.WARNING, logger="publisher"):
        doc = read_document(post, "strike", tmp_path, "en")
    body = lxml.html.fragment_fromstring(doc.body_html, create_parent="div")
    assert paragraphs(body) == [
        "Read the full statement",
        "The branch agreed.",
        "English",
        "Strike on Monday.",
        "Español",
        "Huelga el lunes.",
        "Bring water",
        "It will be hot.",
        "Stewards wear orange.",
        "Legal advice",
        "Call the office.",
        "A scab crossed the line.",
        "First aid",
        "First aid at gate 2.",
        "Toilets",
        "Toilets at gate 3.",
        "Details",
        "Water at gate 1.",
    ]
    assert [b.text for b in body.iter("strong")] == [
        "Read the full statement",
        "English",
        "Español",
        "Bring water",
        "Legal advice",
        "First aid",
        "Toilets",
        "Details",
    ]
    [said] = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert "expand (line 4, 6); tabs (line 8, 15); tab" in said, said


def test_hextras_tabs_keep_their_labels_and_each_tab_its_own_block(tmp_path: Path) -> None:
    """Hextra names its tabs on the tabs around them (`items="English,Español"`), or each
    with `name=`, and its documentation writes a short tab on one line, `{{< tab >}}…{{<
    /tab >}}`: the labels were lost, and two such tabs' texts were one paragraph, the
    statement in two languages run together with nothing saying which is which."""
    doc = read(
        tmp_path,
        "---\ntitle: Strike\n---\n\n"
        '{{< tabs items="English,Español" >}}\n\n'
        "  {{< tab >}}The strike starts on Monday.{{< /tab >}}\n"
        "  {{< tab >}}La huelga empieza el lunes.{{< /tab >}}\n\n{{< /tabs >}}\n\n"
        '{{< tabs items="English,Français" >}}\n{{< tab >}}\nBring water.\n{{< /tab >}}\n'
        '{{< tab name="En français" >}}\nApportez de l\'eau.\n{{< /tab >}}\n{{< /tabs >}}\n\n'
        "{{< tab >}}A tab of no tabs.{{< /tab >}}\nThe line under it.\n\n"
        'A {{< tooltip "an old word" >}}scab{{< /tooltip >}} crossed the line.\n',
    )
    body = lxml.html.fragment_fromstring(doc.body_html, create_parent="div")
    assert paragraphs(body) == [
        "English",
        "The strike starts on Monday.",
        "Español",
        "La huelga empieza el lunes.",
        "English",
        "Bring water.",
        "En français",
        "Apportez de l’eau.",
        "A tab of no tabs.",
        "The line under it.",
        "A scab crossed the line.",
    ]
    assert [b.text for b in body.iter("strong")] == ["English", "Español", "English", "En français"]


SITE_PARAMS = {
    "hugo.toml": (
        'title = "Rent strike"\n[params]\nLocation = "Victoria Gardens"\n'
        'venue.city = "Eastharbour"\n'
        '[languages.es.params]\nlocation = "Plaza *Mayor*"\n'
    ),
    "config/_default/params.yaml": (  # beside its hugo.toml, as Docsy's sites keep them
        "location: Victoria Gardens\nvenue:\n  city: Eastharbour\n"
    ),
}


@pytest.mark.parametrize("config", list(SITE_PARAMS))
def test_a_param_the_page_does_not_give_is_the_sites_as_hugo_falls_back_to_it(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, config: str
) -> None:
    """`{{< param location >}}` naming the site's `[params]` (in hugo.toml, or alone in
    config/_default/params.yaml) was taken away, and "Meet at ." went to every
    subscriber. Hugo's `.Param` falls back to the site's, its language's first; the
    page's own still comes before both."""
    site = tmp_path / "site"
    (site / config).parent.mkdir(parents=True, exist_ok=True)
    (site / config).write_text(SITE_PARAMS[config])
    (site / config).with_name("hugo.toml").touch()
    posts = site / "content" / "posts"
    posts.mkdir(parents=True)
    sentence = "Meet at {{< param location >}} in {{< param venue.city >}}."
    written = {
        "rally.md": f"---\ntitle: Rally\n---\n{sentence}\n",
        "rally.es.md": f"---\ntitle: Mitin\n---\n{sentence}\n",
        "march.md": f"---\ntitle: March\nlocation: the docks\n---\n{sentence}\n",
    }
    for name, text in written.items():
        (posts / name).write_text(text)

    def text(name: str) -> str:
        doc = read_document(posts / name, Path(name).stem, tmp_path, "en")
        return lxml.html.fromstring(doc.body_html).text_content()

    with caplog.at_level(logging.WARNING, logger="publisher"):
        assert text("rally.md") == "Meet at Victoria Gardens in Eastharbour."
        assert text("march.md") == "Meet at the docks in Eastharbour."
        spanish = "Plaza *Mayor*" if config == "hugo.toml" else "Victoria Gardens"
        assert text("rally.es.md") == f"Meet at {spanish} in Eastharbour."
    assert not [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]


def test_a_site_configuration_that_does_not_parse_is_named_with_what_goes_without_it(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    site = tmp_path / "site"
    (site / "content").mkdir(parents=True)
    (site / "hugo.toml").write_text('[params]\nlocation = "Victoria Gardens\n')
    post = site / "content" / "rally.md"
    post.write_text("---\ntitle: Rally\n---\nMeet at {{< param location >}}.\n")
    with caplog.at_level(logging.WARNING, logger="publisher"):
        doc = read_document(post, "rally", tmp_path, "en")
    assert lxml.html.fromstring(doc.body_html).text_content() == "Meet at ."
    said = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert said[0].startswith(f"{site / 'hugo.toml'}:2: not valid TOML"), said
    assert said[0].endswith("param shortcodes naming the site's parameters are taken away")
    assert said[1].endswith("param location (line 4)"), said


def test_thousands_of_shortcodes_never_closed_are_read_in_time_linear_in_the_text() -> None:
    """In a child bounded at 60 s (bench/ has the timings; this takes about a second): a
    search that looked from every "{{<" to the end of the text would take hours."""
    finishes_within(
        60,
        "from pathlib import Path",
        "from publisher.readers.shortcodes import without_shortcodes",
        "text = '{{< x ' * 100_000 + '{{< highlight go >}}' * 20_000 + '{{< y >}}\\n' * 50_000",
        "out = without_shortcodes(text, Path('post.md'))",
        "assert out == '{{< x ' * 100_000 + '\\n' * 50_000, out[:200]",
    )


def test_a_line_of_thousands_of_boxes_is_read_in_time_linear_in_it() -> None:
    """In a child bounded at 60 s (about 10 s here): whether each box had its line to itself
    was seen by looking to the line's start and end from each, hours for a line of them."""
    finishes_within(
        60,
        "from pathlib import Path",
        "from publisher.readers.shortcodes import without_shortcodes",
        "text = '{{< expand >}}x{{< /expand >}} ' * 250_000",
        "out = without_shortcodes(text, Path('post.md'))",
        "assert out == 'x ' * 250_000, out[:200]",
    )


def test_a_hugo_post_builds_without_a_shortcode_in_any_output(
    workspace: Callable[[str], Path],
) -> None:
    root = workspace("minimal")
    (root / "documents" / "media").mkdir()
    (root / "documents" / "media" / "picket.png").write_bytes(PNG)
    (root / "documents" / "second-article.md").write_text(POST)
    result = CliRunner().invoke(main, ["-C", str(root), "build", "--format", "email,feed,web"])
    assert result.exit_code == 0, result.output
    dist = root / "dist"
    for output in [
        dist / "001-first" / "email.txt",
        dist / "001-first" / "email.html",
        dist / "feed.atom",
    ]:
        text = output.read_text()
        assert "youtube dQw" not in text and "notice warning" not in text, output


def test_hugos_qr_code_prints_as_a_code_a_phone_reads(tmp_path: Path) -> None:
    """A rally post's `{{< qr text="…" />}}` is for a leaflet's reader to scan: it was
    printed as its address alone. The printed issue shows the code, and a reader scanning
    the page gets the address."""
    import subprocess

    import zxingcpp
    from conftest import WORKSPACES, copy_workspace
    from PIL import Image

    root = copy_workspace(WORKSPACES / "minimal", tmp_path / "ws")
    (root / "documents" / "rally.md").write_text(
        '---\ntitle: Rally\n---\nSign the petition:\n\n{{< qr text="https://act.example.org/sign" />}}\n'
    )
    manifest = next((root / "issues").glob("*.yaml"))
    manifest.write_text(manifest.read_text().replace("second-article]", "rally]"))
    result = CliRunner().invoke(main, ["-C", str(root), "build", "-f", "pdf"])
    assert result.exit_code == 0, result.output
    pdf = next((root / "dist").glob("*/*.pdf"))
    subprocess.run(["pdftoppm", "-r", "150", "-png", pdf, tmp_path / "page"], check=True)
    read = [
        code.text
        for page in sorted(tmp_path.glob("page-*.png"))
        for code in zxingcpp.read_barcodes(Image.open(page))
    ]
    assert read == ["https://act.example.org/sign"]
