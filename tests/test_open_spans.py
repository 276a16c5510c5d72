"""`<span>` tags a Markdown paragraph never closes (HTML pasted with its closing tags lost):
read at once, and as the spans closed at the paragraph's end read. pandoc tried each open
one as a span to its `</span>`, in time doubling with each: 20 in a paragraph failed the
document after pandoc's 30 s."""

from __future__ import annotations

from pathlib import Path

from publisher.readers import read_document

OPEN = (
    'Pasted:</span> <span class="underline">fair pay <span class="mark">now <span lang="fr">'
    'salaire égal <span id="demand">for all <span style="color:red">the cleaners'
)


def read(folder: Path, text: str) -> str:
    folder.mkdir()
    path = folder / "statement.md"
    path.write_text(text)
    return read_document(path, "statement", folder, "en").body_html


def test_a_paragraph_of_spans_never_closed_is_read_whole(tmp_path: Path) -> None:
    words = [f"word{n}" for n in range(24)]
    text = "# Strike\n\n" + " ".join(f'<span class="c{n}">{w}' for n, w in enumerate(words))
    body = read(tmp_path / "ws", text + " and the end.\n\nNext paragraph.\n")
    assert all(word in body for word in words)
    assert "and the end." in body and "<p>Next paragraph.</p>" in body


def test_spans_left_open_read_as_the_same_spans_closed_at_the_paragraphs_end(
    tmp_path: Path,
) -> None:
    """Underlined and marked as a closed span is, its id given the document's prefix (left
    open, both stayed as written, and an id could clash with another document's). A
    closing tag that closes nothing, before them, closes none of them."""
    opened = read(tmp_path / "open", f"# Strike\n\n{OPEN}.\nStill the paragraph.\n\nNext.\n")
    closed = read(
        tmp_path / "closed",
        f"# Strike\n\n{OPEN}.\nStill the paragraph.{'</span>' * 5}\n\nNext.\n",
    )
    assert opened == closed
    assert "<u>fair pay <mark>now" in opened and 'id="statement-demand"' in opened
    assert 'lang="fr"' in opened and "<p>Next.</p>" in opened


def test_spans_in_code_and_over_a_headings_underline_are_left_as_written(tmp_path: Path) -> None:
    text = (
        "# Notes\n\n"
        "Marked <span class='mark'>Heading\n================\n\n"
        "```\n<span class='x'>\n\n<span>\n```\n\n"
        "    <span>indented code\n\n"
        "Write `<span>` for a span, and more.\n"
    )
    body = read(tmp_path / "ws", text)
    assert "<pre><code>&lt;span class='x'&gt;\n\n&lt;span&gt;</code></pre>" in body
    assert "<code>&lt;span&gt;indented code</code>" in body
    assert "<code>&lt;span&gt;</code> for a span, and more.</p>" in body
    assert '<h1 id="statement-marked-heading">' in body  # still a heading over its "="
    assert "&lt;/span" not in body
