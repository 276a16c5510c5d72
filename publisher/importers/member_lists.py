"""A platform's members CSV on its own (Ghost's member export, Substack's email list, one
of Mailchimp's audience files), recognised by its columns: the list without the archive."""

from __future__ import annotations

from .exports import ExportFiles, PlatformExport
from .members import PLATFORM_NAMES, header_of, read_members_csv, recognise_columns


def recognises(files: ExportFiles) -> bool:
    """Only a members CSV named on its own: one found in a folder of documents (Downloads,
    an inbox) is no export of the folder, and its rows no subscribers until named."""
    return not files.origin.is_dir() and bool(_lists(files))


def _lists(files: ExportFiles) -> dict[str, str]:
    """Each members CSV of the export → the platform whose columns it has."""
    found = {}
    for name in files.named("*.csv"):
        platform = recognise_columns(header_of(files.text(name)))
        if platform:
            found[name] = platform
    return found


def read(files: ExportFiles) -> PlatformExport:
    lists = _lists(files)
    names = sorted({PLATFORM_NAMES[p] for p in lists.values()})
    export = PlatformExport(", ".join(names) + " members", files=files)
    for name, platform in lists.items():
        export.members += read_members_csv(files.text(name), files.where(name), platform)
    return export
