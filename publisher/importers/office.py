"""Word, OpenDocument and Rich Text files → one draft through the regular readers (pandoc,
with the file's own properties); embedded images are extracted for the pool's media folder.
Control characters (Word's Shift+Enter is a vertical tab) are removed by the reader, with
a warning naming the file as given."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from ..model import Document
from ..readers import Reader, fallback_title, read_document
from ..readers.pandoc_formats import DocxReader, OdtReader, RtfReader
from .draft import Draft
from .officeshape import shape_from_body
from .scripts import mark_fragments


def recover_office(path: Path) -> tuple[list[Draft], dict[str, bytes]]:
    """The draft, and its images keyed by the path its body uses for them ('media/…')."""
    with tempfile.TemporaryDirectory(prefix="publisher-import-") as tmp:
        pool = Path(tmp)
        copy = pool / path.name
        shutil.copyfile(path, copy)
        readers: dict[str, Reader] = {
            ".docx": DocxReader(media_dir=pool),
            ".odt": OdtReader(media_dir=pool),
            ".rtf": RtfReader(),
        }
        reader = readers[copy.suffix.lower()]  # STATEMENT.DOCX, as Windows may name it
        document = read_document(
            copy, "", pool, default_language="und", reader=reader, shown_as=path
        )
        media = {image: (pool / image).read_bytes() for image in document.images}
    return [draft_of(document, path, media)], media


def draft_of(document: Document, path: Path, media: dict[str, bytes]) -> Draft:
    """A document read by the regular readers as a draft to review, its shape recovered."""
    has_title = document.title != fallback_title(path)
    draft = Draft(
        title=document.title if has_title else "",
        subtitle=document.subtitle,
        authors=list(document.authors),
        date=document.date,
        language="" if document.language == "und" else document.language,
    )
    draft.body_html = document.body_html
    draft.found["paragraphs"] = document.body_html.count("<p>")
    draft.found["headings"] = sum(document.body_html.count(f"<h{n}") for n in range(1, 7))
    draft.found["lists"] = _outer_lists(document.body_html)
    draft.found["footnotes"] = document.body_html.count('class="footnote-ref"')
    draft.found["images"] = len(media)
    if not has_title:
        draft.unsure.append("the file has no title property: the title is a guess, check it")
    shape_from_body(draft)
    # Passages in other scripts are marked once the document's own language is known (a
    # file without the property has it from its text): they are not its own paragraphs.
    draft.body_html, fragments = mark_fragments(draft.body_html, draft.language)
    draft.found.update(fragments)
    return draft


def _outer_lists(body: str) -> int:
    """How many lists the body has, not counting those inside another's items or its notes."""
    if "<ul" not in body and "<ol" not in body:
        return 0
    import lxml.html

    root = lxml.html.fragment_fromstring(body, create_parent="div")
    return len(root.xpath("//ul[not(ancestor::li)] | //ol[not(ancestor::li or ancestor::section)]"))
