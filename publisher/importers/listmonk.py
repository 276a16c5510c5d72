"""listmonk's subscribers, as its export writes them: CSV (uuid, email, name, attributes
as JSON, status, created_at, updated_at) or the API's JSON (`{"data": {"results": […]}}`,
each with `attribs` and its `lists` with their subscription_status). listmonk keeps no
archive of posts to export, so this is the list alone.

`blocklisted` (and `disabled`) subscribers, and those unsubscribed from every list, are
suppressed; unconfirmed double opt-in subscriptions stay pending.
"""

from __future__ import annotations

from typing import Any

from .exports import ExportFiles, PlatformExport
from .members import header_of, listmonk_member, read_members_csv, recognise_columns


def recognises(files: ExportFiles) -> bool:
    return bool(_csv_files(files) or _json_files(files))


def _csv_files(files: ExportFiles) -> list[str]:
    return [
        name
        for name in files.named("*.csv")
        if recognise_columns(header_of(files.text(name))) == "listmonk"
    ]


def _json_files(files: ExportFiles) -> list[str]:
    found = []
    for name in files.named("*.json"):
        head = files.read(name)[:4096].decode("utf-8", "replace")
        if '"results"' in head and '"uuid"' in head and '"email"' in head:
            found.append(name)
    return found


def read(files: ExportFiles) -> PlatformExport:
    export = PlatformExport("listmonk", files=files)
    for name in _csv_files(files):
        export.members += read_members_csv(files.text(name), files.where(name), "listmonk")
    for name in _json_files(files):
        for index, record in enumerate(_records(files, name), start=1):
            export.members.append(listmonk_member(record, f"{files.where(name)}#{index}"))
    return export


def _records(files: ExportFiles, name: str) -> list[dict[str, Any]]:
    document = files.json(name)
    data = document.get("data", document) if isinstance(document, dict) else document
    results = data.get("results", []) if isinstance(data, dict) else data
    return [r for r in results if isinstance(r, dict)] if isinstance(results, list) else []
