"""YAML written by hand is parsed with limits: an alias bomb, a deep nest or a repeated key
is a clear error naming the file and line, never a hang.

Each hostile document is parsed in a child process with a time and memory limit, so that a
regression fails the test instead of hanging the suite."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from bounded import outcome_in_child

from publisher.errors import PublisherError
from publisher.sourcefile import parse_yaml

LAUGHS = [
    "a: &a [x,x,x,x,x,x,x,x,x]",
    *(
        f"{name}: &{name} [{','.join([f'*{prev}'] * 9)}]"
        for prev, name in zip("abcdefgh", "bcdefghi", strict=True)
    ),
]
PUBLISHER = str(Path(sys.executable).with_name("publisher"))  # the installed command
BOMB = "\n".join(LAUGHS) + "\n"  # about 400 bytes that stand for 9**9 strings


def parse_in_child(text: str, name: str = "x.yaml", first_line: int = 1) -> dict[str, str]:
    """parse_yaml in a child process limited to 30 s and 2 GB: its error, or 'ok'."""
    statement = (
        "from publisher.sourcefile import parse_yaml; "
        f"parse_yaml(sys.stdin.read(), Path({name!r}), {first_line})"
    )
    return outcome_in_child(statement, stdin=text)


def test_alias_bomb_is_refused_quickly_with_file_and_line() -> None:
    outcome = parse_in_child(BOMB, "issues/042.yaml")
    assert outcome["result"] == "error"
    assert outcome["message"].startswith("issues/042.yaml:")
    assert "alias" in outcome["message"]


def test_alias_bomb_in_front_matter_counts_lines_from_the_file() -> None:
    outcome = parse_in_child(BOMB, "documents/a.md", first_line=2)
    line = int(outcome["message"].split(":")[1])
    assert 2 <= line <= len(LAUGHS) + 1


def test_a_few_aliases_are_fine(tmp_path: Path) -> None:
    text = "base: &base {size: A5, marks: true}\nleaflet: *base\npdf: *base\n"
    data = parse_yaml(text, tmp_path / "x.yaml").data
    assert data["leaflet"] == data["pdf"] == {"size": "A5", "marks": True}


def test_deep_nesting_is_refused() -> None:
    text = "".join(f"{'  ' * depth}k{depth}:\n" for depth in range(200)) + "  " * 200 + "v\n"
    outcome = parse_in_child(text)
    assert outcome["result"] == "error" and "nested" in outcome["message"]


def test_too_many_values_are_refused() -> None:
    outcome = parse_in_child("tags:\n" + "".join(f"  - t{n}\n" for n in range(20_000)))
    assert outcome["result"] == "error" and outcome["message"].startswith("x.yaml:")


@pytest.mark.parametrize(
    ("text", "where", "message"),
    [
        ("title: A\nnumber: 1\n\n\ntitle: B\n", 5, "'title' is given twice (lines 1 and 5)"),
        ("{a: 1, b: 2, a: 3}\n", 1, "'a' is given twice (lines 1 and 1)"),
        ("pdf:\n  margins: 1mm\n  bleed: 3mm\n  margins: 2mm\n", 4, "'margins' is given twice"),
    ],
)
def test_a_key_given_twice_names_both_lines(
    tmp_path: Path, text: str, where: int, message: str
) -> None:
    with pytest.raises(PublisherError) as error:
        parse_yaml(text, tmp_path / "x.yaml")
    assert f"x.yaml:{where}: " in str(error.value) and message in str(error.value)


def test_a_key_given_twice_in_front_matter_counts_lines_from_the_file(tmp_path: Path) -> None:
    with pytest.raises(PublisherError) as error:
        parse_yaml("title: A\ntitle: B\n", tmp_path / "a.md", first_line=2)
    assert "a.md:3: " in str(error.value) and "(lines 2 and 3)" in str(error.value)


def test_same_text_of_another_type_is_not_a_repeated_key(tmp_path: Path) -> None:
    assert parse_yaml('1: a\n"1": b\n', tmp_path / "x.yaml").data == {1: "a", "1": "b"}


def test_impossible_date_in_a_manifest_names_the_line(
    workspace: Callable[[str], Path],
) -> None:
    root = workspace("minimal")
    manifest = root / "issues" / "001-first.yaml"
    manifest.write_text(manifest.read_text().replace("2026-01-10", "2026-02-30"))
    done = subprocess.run(
        [PUBLISHER, "-C", str(root), "build", "-f", "feed"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert f"{manifest}:3: " in done.stderr and "day is out of range" in done.stderr


def test_import_is_not_stopped_by_odd_front_matter_already_in_the_pool(tmp_path: Path) -> None:
    """`publisher import` reads the pool's front matter to spot re-imports; a hand-edited
    `imported:` entry is not its business to fail on."""
    pool = tmp_path / "documents"
    pool.mkdir()
    (pool / "edited.md").write_text("---\nimported: {sha256: abc, part: two}\n---\nBody\n")
    (pool / "listed.md").write_text("---\nimported: [a, b]\n---\nBody\n")
    pasted = tmp_path / "pasted.txt"
    pasted.write_text("A title\n\nA paragraph of text that is long enough to be a body.\n")
    publisher = Path(sys.executable).with_name("publisher")
    result = subprocess.run(
        [str(publisher), "import", "--into", str(pool), str(pasted)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert (pool / "a-title.md").is_file()
