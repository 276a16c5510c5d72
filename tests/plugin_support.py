"""A format plugin as pip would install it: its module, and a dist-info folder whose
entry_points.txt registers the module's FORMAT in the `publisher.formats` group, on sys.path
for the duration of a block only (so no other test module's builds meet it)."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from publisher.formats import formats


def issue_format(name: str, description: str, renderer: str) -> str:
    """The source of a format plugin module: `renderer` (its imports and its renderer
    class, `<Name>Renderer`) and the FORMAT that registers it as `name`."""
    return f"""
from pathlib import Path

from publisher.formats import Format
from publisher.output import Artifact
from publisher.renderers.base import IssueRenderer
{renderer}

FORMAT = Format(
    name="{name}",
    description="{description}",
    renderer="{name}_format:{name.title()}Renderer",
    stage="issue",
    checks=(),
    check_inputs="{name}_format:nothing",
)


def nothing(target):
    return []
"""


def plugin_written(folder: Path, name: str, module: str) -> None:
    """Format `name`'s `module` (source text) and its dist-info in `folder`: installed for
    any process with `folder` on its path."""
    module_name = f"{name}_format"
    (folder / f"{module_name}.py").write_text(module)
    info = folder / f"{name}-0.dist-info"
    info.mkdir(exist_ok=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 0\n")
    (info / "entry_points.txt").write_text(f"[publisher.formats]\n{name} = {module_name}:FORMAT\n")


@contextmanager
def format_installed(folder: Path, name: str, module: str) -> Iterator[None]:
    """Format `name`, whose FORMAT is in `module` (source text), installed in `folder`."""
    module_name = f"{name}_format"
    plugin_written(folder, name, module)
    sys.path.insert(0, str(folder))
    importlib.invalidate_caches()
    formats.cache_clear()
    try:
        yield
    finally:
        sys.path.remove(str(folder))
        sys.modules.pop(module_name, None)
        formats.cache_clear()
