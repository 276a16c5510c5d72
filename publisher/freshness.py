"""Are the outputs older than what they are made from? (Used before checking or sending.)

Sources are the config, the manifests, the document pool, the workspace's templates and the
theme; a change to any of them can change any output, so the comparison is deliberately
coarse: the newest source against the oldest output.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from .config import CONFIG_NAME, Config
from .templating import default_theme_dir


def newest_source(config: Config) -> float:
    files = [config.root / CONFIG_NAME]
    for folder in (
        config.issues_dir,
        config.documents_dir,
        config.templates_dir,
        default_theme_dir(),
    ):
        if folder.is_dir():
            files += [p for p in folder.rglob("*") if p.is_file()]
    return max(p.stat().st_mtime for p in files if p.exists())


def stale(outputs: Iterable[Path], config: Config) -> bool:
    """True when an output is missing or older than the newest source."""
    times = []
    for output in outputs:
        if not output.is_file():
            return True
        times.append(output.stat().st_mtime)
    return not times or min(times) < newest_source(config)
