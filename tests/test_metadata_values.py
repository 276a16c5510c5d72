"""Front-matter values YAML reads as something else than text: a `null` or a bare `-`
names nobody, and `true`/`false` are words YAML turned into booleans. Neither becomes a
byline "None" or a topic "True": the editor is told where, and how to write it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from publisher.cli import main
from publisher.errors import PublisherError
from publisher.model import Document
from publisher.readers import read_document


def read(path: Path) -> Document:
    return read_document(path, path.stem, path.parent, "en")


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("front_matter", "line", "said"),
    [
        ("authors: [null, 42]", 3, "'authors' has an empty item (null)"),
        ("author:\n  - Ana Ruiz\n  -\n", 5, "'author' has an empty item (null)"),
        ("tags:\n  - 1\n  - housing\n  - null\n", 6, "'tags' has an empty item (null)"),
        ("categories: [news, ~]", 3, "'categories' has an empty item (null)"),
        ("tags:\n  - 1\n  - true\n", 5, "'tags' has true, which YAML reads as true or false"),
        ("tags: false", 3, "'tags' has false, which YAML reads as true or false"),
        ("author: true", 3, "'author' has true, which YAML reads as true or false"),
    ],
)
def test_a_null_or_boolean_author_or_tag_is_refused_at_its_line(
    tmp_path: Path, front_matter: str, line: int, said: str
) -> None:
    path = write(tmp_path, "a.md", f"---\ntitle: T\n{front_matter}\n---\nBody\n")
    with pytest.raises(PublisherError) as error:
        read(path)
    message = str(error.value)
    assert f"{path}:{line}: {said}" in message
    assert "hint:" in message
    assert "None" not in message and "True" not in message


def test_the_hint_for_a_boolean_tag_is_the_word_in_quotes(tmp_path: Path) -> None:
    path = write(tmp_path, "a.md", "---\ntitle: T\ntags: [open, true]\n---\nBody\n")
    with pytest.raises(PublisherError) as error:
        read(path)
    assert 'put it in quotes to keep the word: "true"' in str(error.value)


def test_quoted_words_and_numbers_are_tags_as_written(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "a.md",
        '---\ntitle: T\nauthors: ["null", Ana Ruiz]\ntags: [2026, "true", "no", housing]\n'
        "---\nBody\n",
    )
    doc = read(path)
    assert doc.authors == ("null", "Ana Ruiz")
    assert doc.tags == ("2026", "true", "no", "housing")


def test_a_build_with_a_null_author_fails_naming_the_document_line(
    workspace: Callable[[str], Path],
) -> None:
    root = workspace("minimal")
    article = root / "documents" / "first-article.md"
    article.write_text(
        article.read_text(encoding="utf-8").replace("authors: [Ana Ruiz]", "authors: [null, 42]"),
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["-C", str(root), "build"])
    assert result.exit_code == 1
    assert f"{article}:3: 'authors' has an empty item (null)" in result.output
    assert not (root / "dist" / "001-first").exists()


@pytest.mark.parametrize("field", ["title", "subtitle", "summary"])
def test_a_title_yaml_reads_as_true_or_false_is_refused_with_the_quotes_to_add(
    tmp_path: Path, field: str
) -> None:
    """It was published as "True"."""
    path = write(tmp_path, "a.md", f"---\nlang: en\n{field}: true\n---\nBody\n")
    with pytest.raises(PublisherError) as error:
        read(path)
    message = str(error.value)
    assert f"{path}:3: '{field}' is true, which YAML reads as true or false" in message
    assert f'{field}: "true"' in message
