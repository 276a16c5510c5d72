"""Posts copied from a Jekyll site (or an Eleventy one) show what Jekyll's Liquid would:
`{% include %}`, `{{ site.baseurl }}` and `{% post_url %}` were mailed as written, the
pictures under `{{ site.baseurl }}/assets/` left out and `{% highlight %}` read as prose.
Elsewhere, `{{ … }}` means what it says."""

from __future__ import annotations

import io
import logging
import re
from pathlib import Path

import lxml.html
import pytest
from bounded import finishes_within
from click.testing import CliRunner
from conftest import WORKSPACES, copy_workspace
from PIL import Image

from publisher.build import build
from publisher.cli import main
from publisher.readers import read_document

POST = """---
layout: post
title: Picket line holds
---

The picket held.{% include footnote.html n=1 %} Day {{ page.day }}.

![Picket]({{ site.baseurl }}/assets/img/picket.jpg)

{% include image.html url="/assets/img/picket.jpg" description="Gate 4 at dawn" %}

{% include youtube.html id="abc123" %}

{% include button.html url="https://act.example.org/sign" text="Sign the petition" %}

See [last week]({% post_url 2026-01-03-first-week %}) and [the FAQ]({{ "/faq/" | relative_url }}).

{% comment %}Check the numbers with Ana before this goes out.{% endcomment %}

{% highlight python %}
print("hi")
{% endhighlight %}

Liquid shown as written: {% raw %}{{ site.title }}{% endraw %} and `{{ page.url }}`.
"""


def picture() -> bytes:
    data = io.BytesIO()
    Image.new("RGB", (1600, 900), (200, 90, 60)).save(data, "JPEG")
    return data.getvalue()


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A workspace whose documents/ holds a Jekyll site as it was copied in."""
    root = copy_workspace(WORKSPACES / "minimal", tmp_path / "ws")
    jekyll = root / "documents" / "blog"
    (jekyll / "_posts").mkdir(parents=True)
    (jekyll / "assets" / "img").mkdir(parents=True)
    (jekyll / "_config.yml").write_text("title: Dockside\nbaseurl: /blog\n")
    (jekyll / "assets" / "img" / "picket.jpg").write_bytes(picture())
    (jekyll / "_posts" / "2026-01-10-picket-line.md").write_text(POST, encoding="utf-8")
    (jekyll / "_posts" / "2026-01-03-first-week.md").write_text(
        "---\ntitle: First week\n---\n\nWe began.\n", encoding="utf-8"
    )
    return root


def test_liquid_is_written_out_as_jekyll_would_show_it(
    site: Path, caplog: pytest.LogCaptureFixture
) -> None:
    pool = site / "documents"
    post = pool / "blog" / "_posts" / "2026-01-10-picket-line.md"
    doc = read_document(post, "picket", pool, "en")
    body = re.sub(r"\s+", " ", doc.body_html)
    assert doc.images == ("blog/assets/img/picket.jpg",)  # from the site root, twice
    assert body.count('src="blog/assets/img/picket.jpg"') == 2
    assert "<figcaption>Gate 4 at dawn</figcaption>" in body
    assert '<a href="https://www.youtube.com/watch?v=abc123"' in body
    assert re.search(r'<a href="https://act.example.org/sign"[^>]*>Sign the petition</a>', body)
    assert 'href="2026-01-03-first-week"' in body and 'href="../faq/"' in body
    assert '<pre class="sourceCode python">' in body and "print" in body
    assert "Check the numbers" not in body  # a comment is not for readers
    assert "Liquid shown as written: {{ site.title }} and <code>{{ page.url }}</code>." in body
    assert "The picket held. Day ." in body
    assert "{%" not in body.replace("{{ site.title }}", "")
    assert f"{post}:6: Liquid {{% include %}}, {{{{ page.day }}}} taken away" in caplog.text


def test_a_posts_own_and_its_sites_values_are_printed_as_jekyll_prints_them(
    site: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """`{{ page.location }}` and `{{ site.email }}` were taken away with a warning, and
    "Meet at  on ." went to every subscriber. Jekyll prints the front matter's and the
    _config.yml's values, through filters that shape them; printed as text here (the
    stars stay stars). What the site alone could print is still taken away and said."""
    jekyll = site / "documents" / "blog"
    (jekyll / "_config.yml").write_text(
        "title: Dockside\nbaseurl: /blog\nemail: strike@dockside.example\n"
        "office:\n  city: Eastharbour\n"
    )
    post = jekyll / "_posts" / "2026-03-08-rally.md"
    post.write_text(
        "---\ntitle: Rally\nlocation: Victoria *Gardens*\ntags: [housing, rent]\n---\n"
        "Meet at {{ page.location }} in {{ site.office.city | upcase }} on"
        ' {{ page.date | date: "%A %-d %B %Y" }} ({{ page.date | date_to_string }}).'
        ' Write to {{ site.email }}; tags: {{ page.tags | join: ", " }};'
        ' bring {{ page.bring | default: "a friend" }}.'
        " {{ site.data.members.count }}{{ page.title | markdownify }}\n"
    )
    with caplog.at_level(logging.WARNING, logger="publisher"):
        doc = read_document(post, "rally", site / "documents", "en")
    text = lxml.html.fromstring(doc.body_html).text_content()
    assert text == (
        "Meet at Victoria *Gardens* in EASTHARBOUR on Sunday 8 March 2026 (08 Mar 2026)."
        " Write to strike@dockside.example; tags: housing, rent; bring a friend."
    )
    [said] = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert said.startswith(
        f"{post}:6: Liquid {{{{ page.title }}}}, {{{{ site.data.members.count }}}}"
    )


def test_a_jekyll_and_an_eleventy_sites_data_files_are_printed_and_read_again_when_edited(
    site: Path, tmp_path: Path
) -> None:
    """`{{ site.data.contacts.phone }}` (Jekyll's `_data/contacts.yml`) and Eleventy's
    `{{ metadata.email }}` (`_data/metadata.json`) were taken away: the post said "Call
    ." A changed data file shows in the next build, as a changed post does."""
    blog = site / "documents" / "blog"
    (blog / "_data").mkdir()
    (blog / "_data" / "contacts.yml").write_text("phone: 0161 496 0000\n")
    week = blog / "_posts" / "2026-01-03-first-week.md"
    week.write_text("---\ntitle: First week\n---\n\nCall {{ site.data.contacts.phone }}.\n")
    manifest = next((site / "issues").glob("*.yaml"))
    manifest.write_text(manifest.read_text().replace("second-article]", "2026-01-03-first-week]"))
    build(site, formats=["web"])
    (blog / "_data" / "contacts.yml").write_text("phone: 0161 496 0999\n")
    page = next(build(site, formats=["web"]).out_dir.glob("*/*first-week*/index.html"))
    assert "Call 0161 496 0999." in page.read_text()

    eleventy = tmp_path / "documents" / "food"
    (eleventy / "_data").mkdir(parents=True)
    (eleventy / ".eleventy.js").write_text("module.exports = () => ({});\n")
    (eleventy / "_data" / "metadata.json").write_text('{"email": "food@bank.example"}')
    post = eleventy / "open.md"
    post.write_text("---\ntitle: Open\n---\nWrite to {{ metadata.email }}.\n")
    doc = read_document(post, "open", tmp_path / "documents", "en")
    assert lxml.html.fromstring(doc.body_html).text_content() == "Write to food@bank.example."


def test_a_post_named_with_a_day_that_does_not_exist_prints_no_date(
    site: Path, caplog: pytest.LogCaptureFixture
) -> None:
    post = site / "documents" / "blog" / "_posts" / "2026-02-30-rally.md"
    post.write_text("---\ntitle: Rally\n---\nOn {{ page.date | date_to_string }}.\n")
    with caplog.at_level(logging.WARNING, logger="publisher"):
        doc = read_document(post, "rally", site / "documents", "en")
    assert lxml.html.fromstring(doc.body_html).text_content() == "On ."
    assert "Liquid {{ page.date }} taken away" in caplog.text


def test_a_front_matter_key_the_text_prints_is_used_not_unknown(site: Path) -> None:
    """`turnout`, printed by `{{ page.turnout }}`, was listed among the keys "publisher
    does not use", and refused by strict front matter as unknown."""
    config = site / "publisher.toml"
    config.write_text(config.read_text() + "\n[documents]\nstrict = true\n")
    manifest = next((site / "issues").glob("*.yaml"))
    manifest.write_text(manifest.read_text().replace("second-article]", "2026-03-08-ballot]"))
    post = site / "documents" / "blog" / "_posts" / "2026-03-08-ballot.md"
    post.write_text("---\ntitle: Ballot\nturnout: 61%\n---\nTurnout was {{ page.turnout }}.\n")
    result = CliRunner().invoke(main, ["-C", str(site), "build", "-f", "web"])
    assert result.exit_code == 0, result.output
    assert "turnout" not in result.output
    page = next((site / "dist").glob("*/*ballot*/index.html")).read_text()
    assert "Turnout was 61%." in page


def test_an_edit_to_the_sites_config_shows_in_the_next_build(site: Path) -> None:
    """A post's reading is kept between builds: a value of _config.yml it prints was the
    old one until the post itself changed."""
    manifest = next((site / "issues").glob("*.yaml"))
    manifest.write_text(manifest.read_text().replace("second-article]", "2026-01-03-first-week]"))
    config = site / "documents" / "blog" / "_config.yml"
    week = site / "documents" / "blog" / "_posts" / "2026-01-03-first-week.md"
    week.write_text("---\ntitle: First week\n---\n\nWrite to {{ site.email }}.\n")
    config.write_text("title: Dockside\nemail: old@dockside.example\n")
    build(site, formats=["web"])
    config.write_text("title: Dockside\nemail: new@dockside.example\n")
    out = build(site, formats=["web"]).out_dir
    page = next(out.glob("*/*first-week*/index.html")).read_text()
    assert "new@dockside.example" in page and "old@" not in page


def test_a_post_url_leads_to_the_posts_page(site: Path) -> None:
    manifest = next((site / "issues").glob("*.yaml"))
    manifest.write_text(
        manifest.read_text().replace(
            "second-article]", "second-article, 2026-01-10-picket-line, 2026-01-03-first-week]"
        )
    )
    report = build(site, formats=["web"])
    page = next(report.out_dir.glob("*/*picket-line*/index.html")).read_text()
    (href,) = re.findall(r'<a href="([^"]+)"[^>]*>last week</a>', page)
    assert href.rstrip("/").endswith("first-week")


def test_outside_a_liquid_site_braces_mean_what_they_say(tmp_path: Path) -> None:
    """Even with a Jekyll site's `_config.yml` above the workspace (a workspace made inside
    the old site's folder): the workspace is where the search stops."""
    (tmp_path / "_config.yml").write_text("title: the old site\n")
    (tmp_path / "ws").mkdir()
    (tmp_path / "ws" / "publisher.toml").write_text("")
    hugo = tmp_path / "ws" / "documents" / "hugo"
    hugo.mkdir(parents=True)
    path = hugo / "templates.md"
    path.write_text(
        "---\ntitle: Templates\n---\n\nA Hugo page shows {{ .Title }} where {% x %} is text.\n"
    )
    body = read_document(path, "t", tmp_path / "ws" / "documents", "en").body_html
    assert "{{ .Title }}" in body and "{% x %}" in body


def test_a_comment_block_is_never_printed_even_outside_a_site(tmp_path: Path) -> None:
    """A statement copied out of a Jekyll site under another name kept its Liquid as text,
    and with it the writer's `{% comment %}` note, printed in every output. A comment block
    is the writer's note wherever it is written: left out; in code it is code."""
    path = tmp_path / "statement.md"
    path.write_text(
        "---\ntitle: Statement\n---\n\nWe strike.{% comment %}Check with Ana.\n\nNot final."
        "{% endcomment %} Join us.\n\nWritten `{% comment %}so{% endcomment %}` in Liquid.\n"
    )
    body = lxml.html.fromstring(f"<div>{read_document(path, 's', tmp_path, 'en').body_html}</div>")
    assert [p.text_content() for p in body.iter("p")] == [
        "We strike. Join us.",
        "Written {% comment %}so{% endcomment %} in Liquid.",
    ]


def test_an_eleventy_posts_nunjucks_and_inline_comments_are_never_printed(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """An Eleventy site's post may comment in Nunjucks (`{# … #}`, around a tag too) or in
    Liquid's one-line form (`{% # … %}`): both were printed, the second without a word. A
    heading's id (`{#intro}`) is no comment."""
    site = tmp_path / "food"
    site.mkdir()
    (site / ".eleventy.js").write_text("module.exports = () => ({});\n")
    path = site / "open.md"
    path.write_text(
        "---\ntitle: Open\n---\n\n## Hours {#hours}\n\nOpen daily{# not Sundays? #}."
        "{# {% include banner.html %} #}\n\nBring bags.{% # ask Ana about bags %}\n"
    )
    with caplog.at_level(logging.WARNING, logger="publisher"):
        body = read_document(path, "open", tmp_path, "en").body_html
    tree = lxml.html.fromstring(f"<div>{body}</div>")
    assert tree.xpath("//h2/@id") == ["open-hours"]
    assert [p.text_content() for p in tree.iter("p")] == ["Open daily.", "Bring bags."]
    assert "Liquid" not in caplog.text


def test_a_post_copied_out_of_its_sites_posts_folder_is_read_as_jekyll_would_show_it(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """An editor copies `_posts/2026-01-10-picket-line.md` into documents/ alone: its name
    (Jekyll's for a post, a date before the title) says it is one, and its Liquid was mailed
    as written, its code read as prose, its picture looked for under `{{ site.baseurl }}`.
    The site's root is then documents/, where the editor put its pictures."""
    root = copy_workspace(WORKSPACES / "minimal", tmp_path / "ws")
    pool = root / "documents"
    (pool / "assets" / "img").mkdir(parents=True)
    (pool / "assets" / "img" / "picket.jpg").write_bytes(picture())
    (pool / "posts").mkdir()
    post = pool / "posts" / "2026-01-10-picket-line.md"
    post.write_text(POST, encoding="utf-8")
    doc = read_document(post, "picket", pool, "en")
    body = re.sub(r"\s+", " ", doc.body_html)
    assert doc.images == ("assets/img/picket.jpg",)
    assert '<pre class="sourceCode python">' in body and "{%" not in body.replace(
        "{{ site.title }}", ""
    )
    assert 'href="2026-01-03-first-week"' in body and "Check the numbers" not in body
    assert f"{post}:6: Liquid {{% include %}}, {{{{ page.day }}}} taken away" in caplog.text


def test_thousands_of_blocks_never_closed_are_read_in_time_linear_in_the_text() -> None:
    """In a child bounded at 60 s (this takes well under a second): a search from every
    `{% raw %}` to the end of the text would take hours on 100,000 of them."""
    finishes_within(
        60,
        "import tempfile",
        "from pathlib import Path",
        "from publisher.readers.liquid import without_liquid",
        "posts = Path(tempfile.mkdtemp()) / '_posts'",
        "posts.mkdir()",
        "text = '{% raw %} a ' * 100_000 + '{% highlight go %} b ' * 50_000 + 'c'",
        "out = without_liquid(text, posts / 'post.md')",
        "assert out == ' a ' * 100_000 + ' b ' * 50_000 + 'c', out[:200]",
        "elsewhere = Path(tempfile.mkdtemp()) / 'statement.md'  # comments never closed",
        "text = '{% comment %} b ' * 100_000",
        "assert without_liquid(text, elsewhere) == text",
        "(posts / '.eleventy.js').write_text('')",
        "text = '{# a ' * 500_000 + 'c'",
        "assert without_liquid(text, posts / 'post.md') == text",
    )


def test_a_picture_from_the_site_root_is_the_sites_file(site: Path) -> None:
    """Jekyll serves `/assets/img/x.jpg` from the site's folder (its `_config.yml`'s)."""
    pool = site / "documents"
    post = pool / "blog" / "_posts" / "2026-01-10-lift.md"
    post.write_text(
        "---\ntitle: Lift broken\n---\n\n![Broken lift](/assets/img/picket.jpg)\n",
        encoding="utf-8",
    )
    doc = read_document(post, "lift", pool, "en")
    assert doc.images == ("blog/assets/img/picket.jpg",)
    assert 'alt="Broken lift"' in doc.body_html


def test_a_tag_with_a_percent_sign_in_its_words_is_read_as_a_tag(
    site: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A `%` in a tag's words ("Turnout was 78%") ended the tag there: the include was
    printed as written, braces and all, and its picture left out."""
    pool = site / "documents"
    post = pool / "blog" / "_posts" / "2026-01-11-ballot.md"
    post.write_text(
        "---\ntitle: Ballot result\n---\n\n"
        '{% include image.html url="/assets/img/picket.jpg" caption="Turnout was 78%" %}\n\n'
        '{% include callout.html content="Yes: 91% of votes cast." %}\n\n'
        "Strike dates follow.\n",
        encoding="utf-8",
    )
    doc = read_document(post, "ballot", pool, "en")
    assert doc.images == ("blog/assets/img/picket.jpg",)
    assert "<figcaption>Turnout was 78%</figcaption>" in doc.body_html
    assert "{%" not in doc.body_html and "%}" not in doc.body_html
    assert "<p>Yes: 91% of votes cast.</p>" in doc.body_html  # a note's words (see below)
    assert "taken away" not in caplog.text


KRAMDOWN = """---
title: Meeting notes
---

![Meeting](/assets/img/picket.jpg){: .img-responsive width="300"}

This is important.
{: .lead}

* Forty households
* Two blocks
{: .results}

{:refdef: style="text-align: center;"}
The end, *for now*{: .muted}.

```
{: .kept-in-code}
```
"""


def test_kramdown_attribute_lists_are_never_printed(site: Path) -> None:
    """Jekyll's Markdown (kramdown) gives blocks and spans classes with `{: .class}`:
    pandoc would print them as text."""
    pool = site / "documents"
    post = pool / "blog" / "_posts" / "2026-01-12-meeting.md"
    post.write_text(KRAMDOWN, encoding="utf-8")
    body = read_document(post, "meeting", pool, "en").body_html
    text = re.sub(r"<[^>]+>", " ", body.replace("{: .kept-in-code}", ""))
    assert "{:" not in text and "refdef" not in text, body
    assert 'width="300"' in body and 'src="blog/assets/img/picket.jpg"' in body
    assert "This is important." in body and "<em>for now</em>" in body
    assert "{: .kept-in-code}" in body  # code shows what it holds


KRAMDOWN_EXTENSIONS = """---
title: Ballot result
---

* TOC
{:toc}

## Result

Turnout was high{::comment} (check the count with Ana){:/comment} at the HQ.

{::comment}
Do not publish: the branch secretary has not seen this yet.
{:/comment}

{::nomarkdown}
<p>Every member <b>voted</b>.</p>
{:/}

*[HQ]: the union's headquarters

```
{::comment}shown in code{:/comment}
```
"""


def test_kramdown_comments_contents_and_abbreviations_are_never_printed(site: Path) -> None:
    """kramdown's comment (`{::comment}…{:/comment}`) hides an editor's note from readers:
    its marks went, its words were published. The one-item list marked `{:toc}`, where
    kramdown draws the page's contents, was printed as "• TOC"; an abbreviation's key
    (`*[HQ]: …`), shown by kramdown only as the word's tooltip, as a paragraph."""
    pool = site / "documents"
    post = pool / "blog" / "_posts" / "2026-01-12-ballot.md"
    post.write_text(KRAMDOWN_EXTENSIONS, encoding="utf-8")
    body = read_document(post, "ballot", pool, "en").body_html
    text = " ".join(re.sub(r"<[^>]+>", " ", body).split())
    assert text == (
        "Result Turnout was high at the HQ. Every member voted . {::comment}shown in code{:/comment}"
    )


def test_a_list_of_contents_goes_without_a_warning(
    site: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """minimal-mistakes' `{% include toc %}` and a Hugo theme's `{{< toc >}}` draw the
    page's contents from its headings, as every output does: each was taken away with a
    warning that publisher did not know it, which the editor could do nothing about."""
    pool = site / "documents"
    jekyll = pool / "blog" / "_posts" / "2026-01-12-report.md"
    jekyll.write_text(
        "---\ntitle: Report\n---\n\n{% include toc %}\n\n{% include toc.html %}\n\n## One\n",
        encoding="utf-8",
    )
    hugo = pool / "hugo-report.md"
    hugo.write_text("---\ntitle: Report\n---\n\n{{< toc >}}\n\n## One\n", encoding="utf-8")
    for path in (jekyll, hugo):
        body = read_document(path, "report", pool, "en").body_html
        assert body == '<h2 id="report-one">One</h2>\n', body
    assert not [r for r in caplog.records if r.levelname == "WARNING"], caplog.text


def test_a_themes_note_shows_its_content(site: Path, caplog: pytest.LogCaptureFixture) -> None:
    """documentation-theme-jekyll's notes (`{% include note.html content="…" %}`), as a
    union's handbook copied from its site holds them: the words are in the include's
    parameters, and were taken away with it. They are shown after the note's kind in
    bold, as the theme shows them, or under the note's title; a callout without a kind
    shows its content alone."""
    pool = site / "documents"
    post = pool / "blog" / "_posts" / "2026-01-12-rally.md"
    post.write_text(
        "---\ntitle: Rally\n---\n\n"
        '{% include note.html content="Bring **water** to the rally." %}\n\n'
        '{% include warning.html content="Stay with your steward." %}\n\n'
        '{% include callout.html title="Legal advice" content="Call the office." type="info" %}\n\n'
        '{% include callout.html content="Toilets at gate 3." type="primary" %}\n',
        encoding="utf-8",
    )
    body = lxml.html.fragment_fromstring(
        read_document(post, "rally", pool, "en").body_html, create_parent="div"
    )
    assert [" ".join(p.text_content().split()) for p in body.iter("p")] == [
        "Note: Bring water to the rally.",
        "Warning: Stay with your steward.",
        "Legal advice",
        "Call the office.",
        "Toilets at gate 3.",
    ]
    assert [b.text for b in body.iter("strong")] == ["Note:", "water", "Warning:", "Legal advice"]
    assert not [r for r in caplog.records if r.levelname == "WARNING"], caplog.text


def test_a_post_url_after_the_sites_baseurl_names_the_post(site: Path) -> None:
    """`{{ site.baseurl }}{% post_url … %}`, as Jekyll's docs write it for a site with a
    baseurl (and so `{% link %}`): the post, not '..2026-01-03-first-week'."""
    pool = site / "documents"
    post = pool / "blog" / "_posts" / "2026-01-12-survey.md"
    post.write_text(
        "---\ntitle: Survey\n---\n\nSee [the first week]({{ site.baseurl }}{% post_url"
        " 2026-01-03-first-week %}) and [the picket]({{site.baseurl}}{% link"
        " _posts/2026-01-10-picket-line.md %}).\n",
        encoding="utf-8",
    )
    body = read_document(post, "survey", pool, "en").body_html
    assert 'href="2026-01-03-first-week"' in body, body
    assert 'href="_posts/2026-01-10-picket-line.md"' in body, body


ELEVENTY_POST = """---
title: Food bank opens on Saturdays
layout: post.njk
---

Our food bank now opens on **Saturdays** too.

{% image "./img/food-bank.png", "Volunteers sorting food", "(min-width: 30em) 50vw, 100vw" %}

![Volunteers]({{ '/img/food-bank.png' | url }})

{% set volunteers = 25 %}
We have {{ volunteers }} volunteers.

{{ title | upcase }}: Eleventy prints its front matter's keys by name.
"""


def test_an_eleventy_posts_image_shortcode_and_url_filter_show_the_sites_picture(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """eleventy-img's `{% image "src", "alt", "sizes" %}` (its path from the site's root,
    where Eleventy runs) and Eleventy's `| url` filter name the site's picture; a front
    matter key is printed by its name; what Liquid is left is said to be Eleventy's."""
    pool = tmp_path / "documents"
    site = pool / "food"
    (site / "img").mkdir(parents=True)
    (site / "posts").mkdir()
    (site / ".eleventy.js").write_text(
        'module.exports = function(eleventyConfig) { eleventyConfig.addPassthroughCopy("img"); };\n'
    )
    Image.new("RGB", (80, 40)).save(site / "img" / "food-bank.png")
    post = site / "posts" / "food-bank.md"
    post.write_text(ELEVENTY_POST, encoding="utf-8")
    doc = read_document(post, "food-bank", pool, "en")
    assert doc.images == ("food/img/food-bank.png",)
    assert re.findall(r'<img [^>]*alt="([^"]*)"', doc.body_html) == [
        "Volunteers sorting food",
        "Volunteers",
    ]
    assert f"{post}:12,13: Liquid {{% set %}}, {{{{ volunteers }}}} taken away (Eleventy's" in (
        caplog.text
    )
    assert "Jekyll" not in caplog.text and "left out" not in caplog.text
    assert "FOOD BANK OPENS ON SATURDAYS: Eleventy prints" in doc.body_html


HEXO_POST = """---
title: Huelga general
date: 2026-03-08 10:00:00
---
La huelga empieza el lunes.

{% blockquote Ana Ruiz, Delegada https://example.org/entrevista %}
No vamos a ceder.
{% endblockquote %}

{% asset_img ruta.png La ruta de la marcha %}

{% img /images/marcha.jpg 600 '"La marcha" "Manifestantes en el puente"' %}

Lee también {% post_link asamblea 'el acta de la asamblea' %}.
Más en {% link la web del sindicato https://sindicato.example.org true "Sindicato" %}.

{% codeblock lang:bash %}
echo "solidaridad"
{% endcodeblock %}

{% iframe https://www.openstreetmap.org/export/embed.html?bbox=-3.7,40.4 100% 300 %}

{% youtube dQw4w9WgXcQ %}
"""


def test_a_hexo_posts_tags_show_what_the_site_showed(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A post copied from a Hexo site (its `_config.yml`, its posts in `source/_posts/`):
    its quote lost its author, its pictures (in the post's own folder, and in `source/`,
    which Hexo serves from its root) and its links (to another post, and `{% link %}`'s,
    read as Jekyll's tag of that name: its first word alone) and its framed map were taken
    away, its code read as prose, its video printed as typed."""
    site = tmp_path / "documents" / "blog"
    posts = site / "source" / "_posts"
    (posts / "huelga").mkdir(parents=True)
    (site / "source" / "images").mkdir()
    (site / "_config.yml").write_text("title: Sindicato\npost_asset_folder: true\n")
    Image.new("RGB", (40, 30)).save(posts / "huelga" / "ruta.png")
    Image.new("RGB", (40, 30)).save(site / "source" / "images" / "marcha.jpg")
    post = posts / "huelga.md"
    post.write_text(HEXO_POST, encoding="utf-8")
    caplog.set_level(logging.WARNING, logger="publisher")
    doc = read_document(post, "huelga", tmp_path / "documents", "es")
    tree = lxml.html.fromstring(f"<div>{doc.body_html}</div>")
    assert [p.text_content() for p in tree.xpath("./blockquote/p")] == [
        "No vamos a ceder.",
        "— Ana Ruiz, Delegada",
    ]
    assert doc.images == (
        "blog/source/_posts/huelga/ruta.png",
        "blog/source/images/marcha.jpg",
    )
    assert tree.xpath("//img/@alt") == ["La ruta de la marcha", "Manifestantes en el puente"]
    assert tree.xpath("//a[.='el acta de la asamblea']/@href") == ["asamblea"]
    assert tree.xpath("//a[.='la web del sindicato']/@href") == ["https://sindicato.example.org"]
    assert "https://www.openstreetmap.org/export/embed.html?bbox=-3.7,40.4" in tree.xpath(
        "//a/@href"
    )
    assert tree.xpath("string(//pre)") == 'echo "solidaridad"'
    assert tree.xpath("//a/@href")[-1] == "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
    assert "{%" not in doc.body_html and not caplog.records


def test_a_hexo_picture_whose_quoted_title_is_left_open_is_read_not_a_traceback(
    tmp_path: Path,
) -> None:
    """`{% img /images/x.jpg '"The march' %}`: the title's own quote never closes. Its
    words were split again as Hexo splits `'"title" "alt"'`, and the reading ended in
    shlex's ValueError."""
    site = tmp_path / "documents" / "blog"
    (site / "source" / "_posts").mkdir(parents=True)
    (site / "source" / "images").mkdir()
    (site / "_config.yml").write_text("title: Sindicato\n")
    Image.new("RGB", (40, 30)).save(site / "source" / "images" / "marcha.jpg")
    post = site / "source" / "_posts" / "marcha.md"
    post.write_text("---\ntitle: Marcha\n---\n{% img /images/marcha.jpg '\"La marcha' %}\n")
    doc = read_document(post, "marcha", tmp_path / "documents", "es")
    [alt] = lxml.html.fromstring(doc.body_html).xpath("//img/@alt")
    assert alt[1:] == "La marcha"  # after its quotation mark, set as the language sets it


def test_a_picture_whose_address_was_liquid_is_named_by_its_description_and_line(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """`![Hero]({{ page.hero }})`: the Liquid goes, leaving a picture of no address. The
    warning that it is left out names it and its line, as any picture left out, and says
    why: not "image '' left out: only images inside documents/ are used"."""
    pool = tmp_path / "documents"
    (pool / "food" / "posts").mkdir(parents=True)
    (pool / "food" / "eleventy.config.js").write_text("export default function () {}\n")
    post = pool / "food" / "posts" / "hero.md"
    post.write_text(
        "---\ntitle: Hero\n---\n\nText.\n\n![Volunteers at the stall]({{ page.hero }})\n\n"
        'More.\n\n<img alt="Our van" src="{{ page.van }}">\n\n![]({{ page.logo }})\n',
        encoding="utf-8",
    )
    body = read_document(post, "hero", pool, "en").body_html
    assert "<img" not in body
    said = [r.getMessage() for r in caplog.records if "left out" in r.getMessage()]
    assert said == [
        f"{post}:7: the picture described 'Volunteers at the stall' left out: its address is empty",
        f"{post}:11: the picture described 'Our van' left out: its address is empty",
        f"{post}:13: a picture left out: its address is empty, and it has no description",
    ]
