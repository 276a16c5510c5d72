"""pandoc is bounded: a conversion that runs too long is an error naming the document,
never a hang; quotes nested thousands deep are flattened before pandoc sees them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from publisher import pandoc
from publisher.errors import PublisherError
from publisher.readers import read_document


def test_a_conversion_over_the_time_limit_is_an_error_naming_the_document(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "slow.md"
    path.write_text("---\ntitle: Slow\n---\n\n" + "A paragraph.\n\n" * 2000)
    monkeypatch.setattr(pandoc, "TIME_LIMIT", 0.001)  # any real conversion takes longer
    with pytest.raises(PublisherError) as error:  # stopped at the limit, not converted
        read_document(path, "slow", tmp_path, "en")
    assert str(path) in str(error.value) and "took more than 0.001 s" in str(error.value)


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
