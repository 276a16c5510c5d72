"""pandoc is bounded: a conversion that runs too long is an error naming the document,
never a hang; quotes nested thousands deep are flattened before pandoc sees them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import minimal_with

from publisher import pandoc
from publisher.build import build
from publisher.errors import PublisherError
from publisher.readers import read_document


def test_a_conversion_over_the_time_limit_is_an_error_naming_the_document(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "sources.md"
    path.write_text(footnoted(20_000))  # pandoc works ~10 s of CPU time on it
    monkeypatch.setattr(pandoc, "TIME_LIMIT", 1)
    with pytest.raises(PublisherError) as error:  # stopped at the limit, not converted
        read_document(path, "sources", tmp_path, "en")
    assert str(path) in str(error.value) and "took more than 1 s" in str(error.value)


def pretend_pandoc(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, script: str) -> None:
    """A program run in pandoc's place: a shell script that waits as a pandoc would that is
    starved of the processor, or blocked."""
    program = tmp_path / "pandoc"
    program.write_text("#!/bin/sh\n" + script)
    program.chmod(0o755)
    monkeypatch.setattr(pandoc, "pandoc_path", lambda: str(program))


def test_a_conversion_slowed_by_a_busy_machine_is_not_stopped_within_its_cpu_time_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The limit counts the work pandoc does, not the clock: a valid document converted while
    other builds took the processor failed one time and passed the next."""
    pretend_pandoc(tmp_path, monkeypatch, "sleep 2\ncat\n")  # 2 s waiting, no CPU time
    monkeypatch.setattr(pandoc, "TIME_LIMIT", 1)
    assert pandoc.convert_text("Hello", "markdown", "html5", []) == "Hello"


def test_a_pandoc_that_waits_forever_is_stopped_by_the_clock_naming_the_document(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pretend_pandoc(tmp_path, monkeypatch, "exec sleep 600\n")
    monkeypatch.setattr(pandoc, "TIME_LIMIT", 1)
    monkeypatch.setattr(pandoc, "WAITING_FACTOR", 2)
    path = tmp_path / "stuck.md"
    path.write_text("---\ntitle: Stuck\n---\n\nText.\n")
    with pytest.raises(PublisherError) as error:
        read_document(path, "stuck", tmp_path, "en")
    assert str(error.value).startswith(f"{path}: pandoc had not converted")
    assert "after 2 s" in str(error.value)


def test_quotes_nested_thousands_deep_are_flattened_and_said(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "deep.md"
    path.write_text("---\ntitle: Deep\n---\n\n" + ">" * 5000 + " the bottom\n")
    document = read_document(path, "deep", tmp_path, "en")
    assert "the bottom" in document.body_html
    assert document.body_html.count("<blockquote") <= 32
    assert f"{path}: quotes or lists nested too deep were flattened" in caplog.text


def test_lists_nested_hundreds_deep_are_flattened(tmp_path: Path) -> None:
    path = tmp_path / "deep.md"
    path.write_text("".join("  " * i + "- level\n" for i in range(900)) + "- the end\n")
    document = read_document(path, "deep", tmp_path, "en")
    assert "the end" in document.body_html and document.body_html.count("<ul") <= 64


def test_a_page_nested_thousands_deep_is_cut_down_before_pandoc(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """pandoc took 20 s over 10,000 nested <div>s, and over 30 s on a busy machine."""
    path = tmp_path / "deep.html"
    path.write_text(
        "<html><head><title>Deep</title><meta name='author' content='Ana'></head><body>"
        + "<div>" * 10_000
        + "the bottom"
        + "</div>" * 10_000
        + "<img src='x.png' alt='x'/><p>after</p></body></html>"
    )
    document = read_document(path, "deep", tmp_path, "en")
    assert (document.title, document.authors) == ("Deep", ("Ana",))
    assert "the bottom" in document.body_html and "after" in document.body_html
    unwrapped = re.search(rf"{re.escape(str(path))}: (\d+) elements nested too deep", caplog.text)
    assert unwrapped and int(unwrapped.group(1)) > 9_000


def footnoted(notes: int) -> str:
    """A document as an editor's Markdown holds footnotes: calls in the text, notes after."""
    calls = " ".join(f"Claim {n}.[^{n}]" for n in range(notes))
    return (
        "---\ntitle: Sources\n---\n\n"
        + calls
        + "\n\n"
        + "".join(f"[^{n}]: Source {n}.\n" for n in range(notes))
    )


def test_an_issue_whose_epub_takes_too_long_fails_naming_it_and_the_document_with_most_notes(
    tmp_path: Path,
) -> None:
    """The book of a whole issue has its own limit, [limits] render_seconds, not the 30 s
    one document gets: a document of 20,000 footnotes (600 KB, within the size limit)
    failed with "pandoc took more than 30 s to convert this html input" on a busy machine,
    naming nothing. Here a book of 4,000 footnotes, which takes pandoc ~3 s of CPU time,
    stands for one too long to make."""
    root = minimal_with(
        tmp_path / "ws",
        {"sources.md": footnoted(4000)},
        toml="\n[limits]\nrender_seconds = 1\n",
    )
    with pytest.raises(PublisherError) as error:
        build(root, formats=["epub"])
    message = str(error.value)
    assert message.startswith(f"{root / 'issues' / '001-first.yaml'}: its EPUB was not made")
    assert "more than 1 s" in message
    assert f"{root / 'documents' / 'sources.md'} has 4,000 footnotes" in message
    assert "render_seconds under [limits]" in message
