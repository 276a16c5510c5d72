"""Packaging: the version is written once."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import publisher

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def test_the_version_is_written_once_in_the_package() -> None:
    project = PYPROJECT["project"]
    assert "version" not in project and "version" in project["dynamic"]
    source = ROOT / PYPROJECT["tool"]["hatch"]["version"]["path"]
    assert source == Path(publisher.__file__)
    written = re.findall(r'^__version__ = "([^"]+)"$', source.read_text(encoding="utf-8"), re.M)
    assert written == [publisher.__version__]


def test_the_command_line_prints_that_version() -> None:
    from click.testing import CliRunner

    from publisher.cli import main

    result = CliRunner().invoke(main, ["--version"])
    assert result.exit_code == 0
    assert result.output.split() == ["publisher,", "version", publisher.__version__]
