"""The one report of a platform import: what was found, where each thing went, what was
left out and why: a table that fits 80 columns, or JSON for scripts."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..i18n import base_language
from .crossposts import SAME_WORDS

if TYPE_CHECKING:
    from rich.console import Console

    from .platforms import PlatformReport

WIDTH = 80


def _by_post(pairs: list[tuple[str, str]]) -> dict[str, list[str]]:
    grouped: dict[str, list[str]] = {}
    for title, name in pairs:
        grouped.setdefault(title, []).append(name)
    return grouped


def rows(report: PlatformReport, root: Path) -> list[tuple[str, str, str]]:
    """(what was found, what became of it, why or where) for every line of the table."""
    lines: list[tuple[str, str, str]] = []
    for written in report.written:
        became = _relative(written.document, root)
        if written.issue is not None:
            became += f" + {_relative(written.issue, root)}"
        detail = written.status + (f", {written.images} image(s)" if written.images else "")
        if written.post.note:
            detail += f", {written.post.note}"
        if written.issue is not None and written.post.emailed:
            detail += f", emailed by {report.platform} already: send asks for --again"
        if written.post.restricted:
            detail += f", {written.post.restricted} on {report.platform}: in no issue, not"
            detail += " published until one lists it"
        elif written.issue is None and written.status != SAME_WORDS:
            detail += ", never sent: in no issue until one lists it"
        lines.append((f"post: {written.post.title}", became, detail))
    for left in report.left_out:
        lines.append((f"{left.kind}: {left.name}", "left out", left.why))
    for title, names in _by_post(report.undescribed).items():  # one line a post: they add up
        pictures = ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
        why = f"{pictures}: no words for who cannot see them; write them in ![…] (check asks)"
        lines.append((f"image in: {title}", "needs alt text", why))
    for title, name in report.undescribed_leads:
        why = (
            f"{name}: no words for who cannot see it; write them as image_alt: in its front matter"
        )
        lines.append((f"lead image of: {title}", "needs alt text", why))
    for title, url, why in report.unfetched:
        lines.append((f"image in: {title}", "left out", f"{why}: {url}{_words(report, url)}"))
    for title, url in report.online_images:
        why = f"only online, not fetched: {url}{_words(report, url)}"
        lines.append((f"image in: {title}", "left out", why))
    note = language_note(report)
    if note is not None:
        lines.append(("language", f"{_posts_language(report)}: every post", note))
    for column, ours in report.mapped:
        lines.append((f"column: {column}", ours, "subscriber list"))
    counts = report.subscribers
    if counts is not None:
        done = "to import (dry run)" if report.dry_run else "imported"
        for status, number in sorted(counts.by_status.items()):
            lines.append((f"subscribers: {status}", f"{number} {done}", "with their history"))
        if counts.unchanged:
            lines.append(("subscribers", f"{counts.unchanged} unchanged", "already on the list"))
        for member, why in counts.duplicates:
            lines.append((f"duplicate: {member.address}", "merged", f"{member.where}, {why}"))
        for problem in counts.refused:
            lines.append(("subscriber", "refused", str(problem)))
    return lines


def _words(report: PlatformReport, url: str) -> str:
    """What the post said of a picture left out, its alt text and caption: the words it
    would need again."""
    alt, caption = report.image_words.get(url, ("", ""))
    return (f"; its alt text: {alt}" if alt else "") + (
        f"; its caption: {caption}" if caption else ""
    )


def language_note(report: PlatformReport) -> str | None:
    """What to consider when a workspace just made in one language took in posts all in
    another: publisher.toml's language is the web archive's, the feeds' and the list's
    pages', so the editor is told, and publisher.toml is left as it is."""
    language = _posts_language(report)
    if not report.new_workspace or language is None:
        return None
    if base_language(language) == base_language(report.language):
        return None
    from ..templating import language_name

    return (
        f'publisher.toml has language = "{report.language}": if the newsletter is in'
        f' {language_name(language)}, set language = "{language}" there'
    )


def _posts_language(report: PlatformReport) -> str | None:
    """The one language of every post this import wrote, if they share one."""
    languages = {w.language for w in report.written if w.status != "unchanged"}
    return languages.pop() if len(languages) == 1 else None


def summary(report: PlatformReport) -> str:
    issues = sum(w.issue is not None for w in report.written)
    new = sum(w.status in ("imported", "updated") for w in report.written)
    parts = [
        f"{report.platform}: {len(report.written)} post(s) ({new} written, {issues} issue(s))",
        f"{len(report.left_out)} left out",
        f"{len(report.online_images)} online image(s) listed",
    ]
    if report.unfetched:
        parts.append(f"{len(report.unfetched)} image(s) could not be fetched")
    if report.subscribers is not None:
        imported = sum(report.subscribers.by_status.values())
        parts.append(
            f"{report.members_found} subscriber row(s): {imported} imported,"
            f" {len(report.subscribers.refused)} refused"
        )
    return "; ".join(parts) + (" (dry run: nothing written)" if report.dry_run else "")


def as_json(report: PlatformReport, root: Path) -> dict[str, Any]:
    counts = report.subscribers
    return {
        "source": str(report.source),
        "platform": report.platform,
        "dry_run": report.dry_run,
        "posts": [
            {
                "title": w.post.title,
                "date": w.post.date.isoformat() if w.post.date else None,
                "document": _relative(w.document, root),
                "issue": _relative(w.issue, root) if w.issue else None,
                "status": w.status,
                "images": w.images,
                "language": w.language,
                "aliases": w.post.aliases,
                "source": w.post.source or None,
                "restricted": w.post.restricted or None,
                "emailed": w.post.emailed,
                "note": w.post.note or None,
            }
            for w in report.written
        ],
        "left_out": [{"kind": x.kind, "name": x.name, "why": x.why} for x in report.left_out],
        "online_images": [
            {"post": t, "url": u, **_words_json(report, u)} for t, u in report.online_images
        ],
        "undescribed_images": [{"post": t, "image": n} for t, n in report.undescribed]
        + [{"post": t, "image": n, "lead": True} for t, n in report.undescribed_leads],
        "unfetched_images": [
            {"post": t, "url": u, "why": w, **_words_json(report, u)}
            for t, u, w in report.unfetched
        ],
        "language_note": language_note(report),
        "mapped": [{"column": column, "to": ours} for column, ours in report.mapped],
        "subscribers": None
        if counts is None
        else {
            "found": report.members_found,
            "imported": dict(Counter(counts.by_status)),
            "unchanged": counts.unchanged,
            "merged": [
                {"address": m.address, "where": m.where, "why": why} for m, why in counts.duplicates
            ],
            "refused": [
                {"file": str(p.file) if p.file else None, "line": p.line, "why": p.message}
                for p in counts.refused
            ],
        },
    }


def _words_json(report: PlatformReport, url: str) -> dict[str, str]:
    """A left-out picture's alt text and caption, for scripts ("" for none)."""
    alt, caption = report.image_words.get(url, ("", ""))
    return {"alt": alt, "caption": caption}


def print_report(report: PlatformReport, root: Path, console: Console) -> None:
    from rich.table import Table

    table = Table(width=min(WIDTH, console.width))
    for header in ("found", "became", "why / where"):
        table.add_column(header, overflow="fold")
    for found, became, why in rows(report, root):
        table.add_row(found, became, why)
    console.print(table)
    console.print(summary(report), highlight=False, width=min(WIDTH, console.width))


def _relative(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)
