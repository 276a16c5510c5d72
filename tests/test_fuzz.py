"""Property tests: whatever bytes arrive as a document, front matter, manifest, config, text to
import or subscriber list, the only exception that escapes is publisher's own error type,
and it names the file.

Bounded and derandomised in `make test` (the "ci" profile in conftest.py); `make fuzz`
runs the "fuzz" profile: many more examples, new ones every run.
"""

from __future__ import annotations

import os
import string
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from publisher.config import load_config
from publisher.delivery.list_import import import_csv
from publisher.delivery.store import open_database
from publisher.errors import PublisherError
from publisher.importers.plaintext import recover
from publisher.manifest import load_manifest
from publisher.pool import DocumentPool
from publisher.readers import read_document

# Text as pasted off blogs: lines of words with the shapes the import heuristics look for
# (bullets of every level, indents, numbers, letters, rules, date lines, signatures, notes,
# questions, colons, cells between tabs or spaces, a press release's label, underlines, a mailing
# list's lines), and
# control characters, bidi overrides, entities and any other code point mixed in.
CONTROLS = "\x00\x07\x0b\x0c\x1b\x7f\x85\ufeff\ufffe\u202e\u200f\u00a0\t"
NOISE = st.sampled_from(
    [
        *CONTROLS,
        "\x1b[31m",
        "&#11;",
        "&#xFFFE;",
        "&#1",
        "<strong>",
        "</strong>",
        "<script>",
        "http://x.y/",
        "https://x.]y/",
        '<img src="http://[::1">',
    ]
) | st.characters(codec=None, exclude_categories=("Cs",))
WORD = (
    st.text(alphabet=string.ascii_letters + "áéñüçÉØßم", min_size=1, max_size=9)
    | st.sampled_from(["the", "¿Qué", "Sunday,", "February", "22,", "2026", "(1)", "[1]", "ILTT"])
    | NOISE
)
SPECIAL_LINES = [
    *("", "", "-----", "Sunday, February 22, 2026", "domingo, 22 de febrero de 2026"),
    *("International Leninist Trotskyist Tendency (ILTT), June 28, 2024", "Jo Bloggs"),
    *("Photo credit: Ana", "External links", "Content is available under CC BY-SA 4.0"),
    *("Our demands\n-----------", "** Our demands\n==========", "==========", "Unsubscribe"),
    *("View this email in your browser", "© 2026 Ana"),
    # shapes read since, each of which once ended a reading in a Python error or was near one
    *("| Rent | Rise |", "|---|:---:|", "<html><head><title>T</title>", "<!DOCTYPE html PUBLIC"),
    *("<h2>Our demands</h2>", "<ul>", "</ul>", "Notes", "[1] ONS.", "¹ ONS.", "2020,¹"),
    *("Subscribe to The Bulletin", "Launched 2 years ago", "∙", "Paid", "@ana@mastodon.social"),
    *("Mar 3, 2026, 10:32 AM · · Web", "12 boosts · 34 favorites", "Contents", "1. Rents\t3"),
]
LINE_STARTS = st.sampled_from(
    ["", "", "  ", "    ", "• ", "● ", "- ", "1. ", "(2) ", "[Note: ", "o\t", "§\t", "◦ ",
     "▪ ", "(a) ", "b) ", "c.\t", "PRESS RELEASE: "]
)  # fmt: skip
LINE = st.one_of(
    st.tuples(
        LINE_STARTS,
        st.lists(WORD, max_size=30).map(" ".join),
        st.sampled_from(["", "", ".", ":", "?", "]", " "]),
    ).map("".join),
    st.lists(WORD, min_size=2, max_size=4).map("\t".join),  # a table's row, copied
    st.lists(WORD, min_size=2, max_size=4).map("   ".join),  # or set out with spaces
    st.sampled_from(SPECIAL_LINES),
)
PASTED = st.lists(LINE, max_size=40).map("\n".join) | st.text(
    st.characters(codec=None, exclude_categories=("Cs",)) | st.sampled_from(CONTROLS), max_size=200
)
RAW_BYTES = st.binary(max_size=400)
KEYS = st.sampled_from(
    ["title", "date", "lang", "language", "tags", "authors", "author", "summary", "draft",
     "categories", "aliases", "number", "sections", "editorial", "cover", "pdf", "leaflet",
     "documents", "page_size", "margins", "bleed", "impose", "sides", "columns", "base_url",
     "from", "mode", "strict", "editions", "es", "untranslated"]
)  # fmt: skip
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(allow_nan=True, allow_infinity=True),
    st.dates().map(str),
    st.text(max_size=40),
    st.sampled_from(["2026-02-30", "0000-00-00", "en", "xx-YY", "../x", "A4", "500mm", "-3mm"]),
)
# Unquoted YAML, as people type it: impossible dates, anchors, tags, unclosed brackets.
RAW_SCALARS = st.sampled_from(
    ["2026-02-30", "2026-13-01", "12:30:61", "&a [x, x]", "*a", "*b", "[1, 2", "{a: 1",
     "!!python/object/apply:os.system ['true']", "!!binary xx", "|", ">", "@x", "`x`", "~",
     "yes", "0x1F", "1e400", ".nan", "'", '"', "- a", "? x", "%TAG", "...", "---"]
) | st.text(max_size=20)  # fmt: skip
RAW_YAML = st.lists(
    st.tuples(st.sampled_from(["", "  ", "    ", "- "]), KEYS, RAW_SCALARS), max_size=8
).map(lambda lines: "\n".join(f"{indent}{key}: {value}" for indent, key, value in lines))
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(KEYS, inner, max_size=4),
    max_leaves=12,
)


@contextmanager
def folder() -> Iterator[Path]:
    # Hypothesis runs many examples per test: one fresh folder each, not pytest's tmp_path.
    with tempfile.TemporaryDirectory(prefix="publisher-fuzz-") as name:
        yield Path(name)


def names_a_file(error: PublisherError) -> bool:
    return all(problem.file is not None for problem in error.problems)


def yaml_document(data: dict[str, object]) -> str:
    import yaml

    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


# `make fuzz` multiplies every bound below (explicit max_examples outrank the profile's).
SCALE = int(os.environ.get("PUBLISHER_FUZZ_SCALE", "1"))
SLOW = settings(max_examples=25 * SCALE, suppress_health_check=[HealthCheck.too_slow])


@SLOW
@given(
    body=st.one_of(RAW_BYTES, PASTED.map(lambda t: t.encode("utf-8", "surrogatepass"))),
    suffix=st.sampled_from([".md", ".txt", ".html", ".adoc", ".tex"]),
)
def test_any_document_bytes(body: bytes, suffix: str) -> None:
    with folder() as pool:
        path = pool / f"doc{suffix}"
        path.write_bytes(body)
        try:
            document = read_document(path, "doc", pool, "en")
        except PublisherError as error:
            assert names_a_file(error), error
        else:
            assert document.title and document.language


@SLOW
@given(front=st.dictionaries(KEYS | st.text(max_size=10), VALUES, max_size=6), body=PASTED)
def test_any_front_matter(front: dict[str, object], body: str) -> None:
    with folder() as pool:
        path = pool / "doc.md"
        path.write_text(f"---\n{yaml_document(front)}---\n{body}\n", encoding="utf-8")
        try:
            read_document(path, "doc", pool, "en")
        except PublisherError as error:
            assert names_a_file(error), error


@SLOW
@given(text=PASTED | RAW_YAML, fence=st.sampled_from(["---", "+++", "Title: x", ""]))
def test_any_front_matter_text(text: str, fence: str) -> None:
    """Broken YAML, TOML and Pelican headers, not only well-formed ones."""
    with folder() as pool:
        path = pool / "doc.md"
        closing = {"Title: x": "", "": ""}.get(fence, fence)
        path.write_text(f"{fence}\n{text}\n{closing}\nBody\n", encoding="utf-8")
        try:
            read_document(path, "doc", pool, "en")
        except PublisherError as error:
            assert names_a_file(error), error


# What a post copied from a static site prints of its front matter and its site's
# configuration: Hugo's shortcodes, Jekyll's and Eleventy's Liquid, MDX's expressions;
# a docs site's admonitions, a HedgeDoc pad's embeds and tags, Hexo's tag plugins,
# another newsletter service's mail-merge tags, Zola's shortcodes
SITE_KEY = st.sampled_from(["title", "date", "tags", "location", "a.b", "params.x", "", "-"])
SITE_FILTER = st.sampled_from(
    ["", " | upcase", ' | date: "%B %-d, %Y"', " | date_to_string", ' | join: ", "',
     ' | default: "x"', " | default: page.title", " | append: 3", " | markdownify", " | escape"]
)  # fmt: skip
SITE_MARKUP = st.one_of(
    st.tuples(
        st.sampled_from(["{{ page.", "{{ site.", "{{ ", "{{ site.data."]), SITE_KEY, SITE_FILTER
    ).map(lambda parts: f"{parts[0]}{parts[1]}{parts[2]} }}}}"),
    SITE_KEY.map(lambda key: f'{{{{< param {key} >}}}} {{{{% param "{key}" %}}}}'),
    SITE_KEY.map(lambda key: f"{{frontmatter.{key}}} {{frontMatter.{key}}}"),
    st.text(max_size=20).map(lambda text: f'{{{{< button href="{text}" >}}}}go{{{{< /button >}}}}'),
    st.text(max_size=20).map(lambda text: f'{{{{< details summary="{text}" >}}}}\nx'),
    st.text(max_size=20).map(lambda text: f'{{{{< qr text="{text}" />}}}}'),
    st.text(max_size=20).map(lambda text: f'{{% include button.html url="{text}" text="go" %}}'),
    st.sampled_from(["{{< /details >}}", "{{< /button >}}", "{{< /qr >}}", "\n\n", " "]),
    st.just("{{ page.date | date_to_string }}"),
    st.text(max_size=15).map(lambda text: f"{{%youtube {text} %}} [name={text}] [color={text}]"),
    st.sampled_from(["\n:::tip[x]\n", "\n:::\n", "\n::: details y\n", "\n:::: note\n", "\n```\n"]),
    st.sampled_from(['\n!!! note "x"\n    ', "\n??? tip\n\t", "\n    ", '\n!!! a b ""\n']),
    st.sampled_from(['\n=== "x"\n    ', '\n===+ ""\n']),
    st.sampled_from(
        ["*|FNAME|*", '{first_name, "x"}', "[Name,fallback=]", "{{ subscriber.x }}", ", *|A|*,"]
    ),
    st.text(max_size=15).map(lambda text: f'{{{{ youtube(id="{text}") }}}} {{% note({text}) %}}'),
    st.sampled_from(["{% end %}", "{{ gist(url='https://g') }}", "{{ f(a=(1)) }}"]),
    st.tuples(
        st.sampled_from(["asset_img", "asset_link", "post_link", "img", "blockquote", "codeblock"]),
        st.text(max_size=15),
    ).map(lambda tag: f"{{% {tag[0]} {tag[1]} %}} x {{% end{tag[0]} %}}"),
    WORD,
)

SITE_POSTS = (
    *("blog/_posts/2026-02-30-x.md", "blog/_posts/2026-01-10-x.md", "eleventy/posts/x.md"),
    *("site/content/posts/x.es.md", "site/content/x.md", "astro/x.mdx"),
)


@SLOW
@given(
    front=st.dictionaries(SITE_KEY, VALUES, max_size=5),
    site=st.dictionaries(SITE_KEY | st.just("params") | st.just("languages"), VALUES, max_size=5),
    body=st.lists(SITE_MARKUP, max_size=12).map(" ".join),
)
def test_any_site_value_a_post_prints(
    front: dict[str, object], site: dict[str, object], body: str
) -> None:
    """Whatever the front matter and the site's configuration hold, and whatever names the
    post's shortcodes and Liquid give, the post is read or refused naming its file."""
    with folder() as pool:
        (pool / "blog").mkdir()
        (pool / "blog" / "_config.yml").write_text(yaml_document(site), encoding="utf-8")
        (pool / "blog" / "_data").mkdir()
        for name in ("title", "a", "params"):  # what `{{ site.data.title.… }}` names
            (pool / "blog" / "_data" / f"{name}.yml").write_text(yaml_document(site))
        (pool / "eleventy").mkdir()
        (pool / "eleventy" / ".eleventy.js").write_text("module.exports = () => ({});\n")
        (pool / "site" / "content").mkdir(parents=True)
        (pool / "site" / "hugo.yaml").write_text(yaml_document(site), encoding="utf-8")
        for place in SITE_POSTS:
            path = pool / place
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(f"---\n{yaml_document(front)}---\n{body}\n", encoding="utf-8")
            try:
                read_document(path, "x", pool, "en")
            except PublisherError as error:
                assert names_a_file(error), error


@settings(max_examples=150 * SCALE)
@given(manifest=st.dictionaries(KEYS, VALUES, max_size=8) | PASTED | RAW_YAML)
def test_any_manifest(manifest: dict[str, object] | str) -> None:
    with folder() as root:
        (root / "documents").mkdir()
        (root / "documents" / "first.md").write_text("---\ntitle: First\n---\nBody\n")
        path = root / "issues" / "001.yaml"
        path.parent.mkdir()
        text = manifest if isinstance(manifest, str) else yaml_document(manifest)
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        try:
            load_manifest(path, DocumentPool.scan(root / "documents"), root)
        except PublisherError as error:
            assert names_a_file(error), error


TOML_VALUES = st.recursive(
    st.one_of(
        st.booleans(),
        st.integers(min_value=-(2**63), max_value=2**63 - 1),
        st.text(max_size=30),
        st.sampled_from(["A4", "500mm", "https://x.example/", "en", "Spanish", "a <b@c>"]),
    ),
    lambda inner: st.lists(inner, max_size=3),
    max_leaves=6,
)


@settings(max_examples=150 * SCALE)
@given(
    top=st.dictionaries(KEYS, TOML_VALUES, max_size=5),
    tables=st.dictionaries(
        st.sampled_from(["organisation", "pdf", "email", "delivery", "documents", "limits"]),
        st.dictionaries(KEYS | st.sampled_from(["name", "contact", "smtp_port"]), TOML_VALUES),
        max_size=4,
    ),
)
def test_any_config(top: dict[str, object], tables: dict[str, dict[str, object]]) -> None:
    import tomli_w

    with folder() as root:
        data: dict[str, object] = {**top, **tables}
        (root / "publisher.toml").write_text(tomli_w.dumps(data), encoding="utf-8")
        try:
            load_config(root)
        except PublisherError as error:
            assert names_a_file(error), error


@settings(max_examples=150 * SCALE)
@given(
    text=PASTED,
    split=st.sampled_from([None, True, False]),
    footer=st.sampled_from(["", "\n\nCopyright © 2026 Ana\nUnsubscribe (http://x.y/u)"]),
)
def test_import_recovers_something_from_any_text(
    text: str, split: bool | None, footer: str
) -> None:
    """The heuristics never fail: whatever the text (and a mailing list's footer under it),
    drafts come back."""
    for draft in recover(text + footer, split):
        assert isinstance(draft.body_html, str)


CSV_CELLS = st.text(
    alphabet=st.characters(codec="utf-8") | st.sampled_from(list(',;"\n\r\t=+-@\x0b\x1b')),
    max_size=30,
)


@settings(max_examples=60 * SCALE)
@given(
    header=st.lists(
        st.sampled_from(["email", "name", "language", "tags", "status", "x"]), max_size=5
    ),
    rows=st.lists(st.lists(CSV_CELLS, max_size=6), max_size=6),
)
def test_any_subscriber_csv(header: list[str], rows: list[list[str]]) -> None:
    import csv

    with folder() as root:
        path = root / "list.csv"
        with path.open("w", newline="", encoding="utf-8") as handle:
            csv.writer(handle).writerows([header, *rows])
        imports_or_names_the_file(path)


def imports_or_names_the_file(path: Path) -> None:
    """The subscriber list at `path` imports, or is refused naming the file."""
    db = open_database(path.with_name("subscribers.sqlite"), synced=False)
    try:
        import_csv(db, path)
    except PublisherError as error:
        assert names_a_file(error), error
    finally:
        db.close()


# Property lines as address books write them, and any of them with any value
VCARD_LINES = st.sampled_from(
    [
        "VERSION:3.0",
        "VERSION:2.1",
        "FN:Ana Ruiz",
        "N:Ruiz;Ana;;;",
        "EMAIL;TYPE=INTERNET;TYPE=pref:ana@example.org",
        "EMAIL;PREF=1:ben@example.org",
        "FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:G=C3=B3mez",
        "PHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQ",
        " folded",
        "END:VCARD",
        "BEGIN:VCARD",
    ]
) | st.tuples(
    st.sampled_from(["EMAIL", "FN", "N", "item1.EMAIL;type=pref", "FN;ENCODING=QUOTED-PRINTABLE"]),
    CSV_CELLS,
).map(":".join)


@settings(max_examples=60 * SCALE)
@given(cards=st.lists(st.lists(VCARD_LINES, max_size=6), min_size=1, max_size=4))
def test_any_contacts_file(cards: list[list[str]]) -> None:
    with folder() as root:
        path = root / "contacts.vcf"
        text = "".join("\r\n".join(["BEGIN:VCARD", *lines, "END:VCARD", ""]) for lines in cards)
        path.write_text(text, encoding="utf-8", newline="")
        imports_or_names_the_file(path)


NUMBER_LIKE = st.from_regex(
    r"[-+]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][-+]?[0-9]+)?|0o[0-7]+|0x[0-9a-fA-F]+|\.(inf|nan)",
    fullmatch=True,
)


@settings(max_examples=300 * SCALE)
@given(text=st.text(st.characters(exclude_categories=("Cs",))) | NUMBER_LIKE)
def test_any_text_written_as_yaml_reads_back_as_written(text: str) -> None:
    """What `publisher import` writes in front matter and manifests (`dump_yaml`) is read
    back by the build (`yaml_loader`, YAML 1.2) as the text it was."""
    import yaml

    from publisher.sourcefile import dump_yaml
    from publisher.yaml_text import yaml_loader

    assert yaml.load(dump_yaml({"title": [text]}), Loader=yaml_loader()) == {"title": [text]}
