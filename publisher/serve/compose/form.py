"""The composer's issue form → an IssueEdit, and a manifest → the form's values.

Sections travel as a flat, ordered list of fields: a `section.title` opens a section and the
`section.document` fields after it belong to it. Moving a document in the page is moving its
field, so the order the editor sees is the order posted, with or without JavaScript. A
section's `section.origin` is its place in the file the page loaded (empty: a new one), so
that its titles in the language editions follow it when it moves.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from ...controls import strip_controls
from ...languages import NotALanguage, language_tag, named_language
from ...manifest import IssueManifest
from ...manifest_yaml import IssueEdit, LeafletEdit, SectionEdit
from ...pool import slug_for

Fields = list[tuple[str, str]]  # as posted, in order


def issue_edit(fields: Fields) -> IssueEdit:
    fields = [(key, _typed(key, value)) for key, value in fields]
    values = {key: value for key, value in fields}  # single fields: the last one counts
    sections: list[tuple[str, list[str], list[int]]] = []  # title, documents, origin
    for key, value in fields:
        if key == "section.title":
            sections.append((value.strip(), [], []))
        elif key == "section.document" and value.strip():
            if not sections:
                sections.append(("", [], []))
            sections[-1][1].append(value.strip())
        elif key == "section.origin" and value.strip().isdecimal() and sections:
            sections[-1][2][:] = [int(value)]
    document = values.get("leaflet.document", "").strip()
    leaflet = (
        LeafletEdit(
            document,
            _whole(values.get("leaflet.sides", "")),
            _whole(values.get("leaflet.columns", "")),
            values.get("leaflet.standfirst", "").strip(),
            values.get("leaflet.pull_quote", "").strip(),
        )
        if document
        else None
    )
    number = values.get("number", "").strip()
    date = values.get("date", "").strip()
    return IssueEdit(
        number=int(number) if number.isdecimal() else number,
        date=_date(date),
        title=values.get("title", "").strip(),
        language=language_code(values.get("language", "").strip()),
        summary=values.get("summary", "").strip(),
        editorial=values.get("editorial", ""),
        sections=tuple(
            SectionEdit(title, tuple(docs), origin[0] if origin else None)
            for title, docs, origin in sections
        ),
        leaflet=leaflet,
    )


def _typed(key: str, value: str) -> str:
    """A field without the control characters pasting leaves (Word's Shift+Enter is a
    vertical tab), which YAML cannot hold: in the editorial a line break, as its writer
    meant, elsewhere a space, as the build reads them in a manifest."""
    return strip_controls(value, line_breaks=key == "editorial")[0]


def language_code(text: str) -> str:
    """A language's name ("Spanish", "español", "العربية") as its code, as `publisher init`
    takes it; a code, or what is neither, as typed (the build's check judges that)."""
    try:
        language_tag(text)
    except NotALanguage:
        return named_language(text) or text
    return text


def _whole(text: str) -> int | None:
    return int(text) if text.strip().isdecimal() else None


def _date(text: str) -> dt.date | str:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return text


@dataclass(frozen=True)
class FormSection:
    title: str
    documents: tuple[tuple[str, str], ...]  # (reference as written, relative path)
    origin: str = ""  # its place in the file as loaded; "": a section added in the page


@dataclass(frozen=True)
class FormValues:
    """What the editor page shows in its fields."""

    number: str
    date: str
    title: str = ""
    language: str = ""
    summary: str = ""
    editorial: str = ""
    sections: tuple[FormSection, ...] = ()
    leaflet: dict[str, str] = field(default_factory=dict)


def form_values(manifest: IssueManifest, raw: dict[str, Any]) -> FormValues:
    """The loaded manifest as the form shows it. References are kept as `raw` (the file's
    data) writes them, slug or path, so a list the editor leaves alone stays byte for byte."""
    raw_sections = raw.get("sections") or []
    sections = []
    for index, section in enumerate(manifest.sections):
        written = raw_sections[index].get("documents", []) if index < len(raw_sections) else []
        pairs = tuple(
            (str(written[i]) if i < len(written) else slug_for(path), path.as_posix())
            for i, path in enumerate(section.documents)
        )
        sections.append(FormSection(section.title, pairs, str(index)))
    leaflet: dict[str, str] = {}
    if manifest.leaflet:
        given = raw.get("leaflet")
        given = given if isinstance(given, dict) else {"document": given}
        leaflet = {
            "document": str(given.get("document", "")),
            "sides": str(given.get("sides", "")),
            "columns": str(given.get("columns", "")),
            "standfirst": manifest.leaflet.standfirst,
            "pull_quote": manifest.leaflet.pull_quote,
        }
    return FormValues(
        number=str(manifest.number),
        date=manifest.date.isoformat(),
        title=manifest.title,
        language=manifest.language or "",
        summary=manifest.summary,
        editorial=manifest.editorial,
        sections=tuple(sections),
        leaflet=leaflet,
    )


def written_values(raw: dict[str, Any]) -> FormValues:
    """A manifest the build refuses (a document renamed or deleted since, a bad date…), as
    its file writes it: shown beside the problems, so that the editor can mend it here."""
    written = raw.get("sections")
    form_sections = []
    for index, section in enumerate(written if isinstance(written, list) else []):
        fields = section if isinstance(section, dict) else {}
        documents = fields.get("documents") or []
        listed = documents if isinstance(documents, list) else [documents]
        refs = tuple((str(ref), str(ref)) for ref in listed)
        form_sections.append(FormSection(str(fields.get("title") or ""), refs, str(index)))
    given = raw.get("leaflet")
    leaflet = given if isinstance(given, dict) else {"document": given} if given else {}
    return FormValues(
        number=str(raw.get("number", "")),
        date=str(raw.get("date", "")),
        title=str(raw.get("title") or ""),
        language=str(raw.get("language") or ""),
        summary=str(raw.get("summary") or ""),
        editorial=str(raw.get("editorial") or ""),
        sections=tuple(form_sections),
        leaflet={key: str(value) for key, value in leaflet.items() if value is not None},
    )


def posted_values(fields: Fields) -> FormValues:
    """The form as it was posted, to show again beside the problems that stopped saving."""
    edit = issue_edit(fields)
    values = {key: value for key, value in fields}
    return FormValues(
        number=str(edit.number),
        date=str(edit.date),
        title=edit.title,
        language=edit.language,
        summary=edit.summary,
        editorial=edit.editorial,
        sections=tuple(
            FormSection(
                s.title,
                tuple((ref, ref) for ref in s.documents),
                "" if s.origin is None else str(s.origin),
            )
            for s in edit.sections
        ),
        leaflet={k.removeprefix("leaflet."): v for k, v in values.items() if k.startswith("leaf")},
    )
