"""Word, OpenDocument and Rich Text files → one draft through the regular readers (pandoc,
with the file's own properties); embedded images are extracted for the pool's media folder.
Control characters (Word's Shift+Enter is a vertical tab) are removed by the reader, with
a warning naming the file as given."""

from __future__ import annotations

import shutil
import sys
import tempfile
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path, PurePosixPath
from urllib.parse import quote

from ..limits import DEFAULT_LIMITS
from ..model import Document
from ..paths import TEXTEDIT_TEXT
from ..readers import Reader, fallback_title, read_document
from ..readers.pandoc_formats import DocxReader, OdtReader, RtfReader
from ..sanitize import plain_text
from .draft import Draft
from .exports import ExportFiles
from .officeshape import shape_from_body
from .scripts import mark_fragments


def recover_office(path: Path) -> tuple[list[Draft], dict[str, bytes]]:
    """The draft, and its images keyed by the path its body uses for them ('media/…')."""
    readers: dict[str, Callable[[Path], Reader]] = {
        ".docx": lambda pool: DocxReader(media_dir=pool),
        ".odt": lambda pool: OdtReader(media_dir=pool),
        ".rtf": lambda pool: RtfReader(),
    }
    # STATEMENT.DOCX, as Windows may name it
    drafts, media = draft_in_scratch(path, {path.name: path}, readers[path.suffix.lower()])
    if path.suffix.lower() == ".odt":  # pandoc names them as the file keeps them: Pictures/
        _pictures_in_media(drafts, "Pictures")
    return drafts, media


def recover_textedit_package(path: Path) -> tuple[list[Draft], dict[str, bytes]]:
    """A document TextEdit saved with its pictures (`Rally.rtfd/`): its text, TXT.rtf,
    read with the pictures beside it."""
    pictures = sorted(p for p in path.iterdir() if p.is_file() and p.name != TEXTEDIT_TEXT)
    files: dict[str, bytes | Path] = {f"{path.name}/{TEXTEDIT_TEXT}": path / TEXTEDIT_TEXT}
    files |= {f"{path.name}/{picture.name}": picture for picture in pictures}
    return _textedit_draft(path, path.name, files)


def recover_zipped_textedit(
    path: Path, files: ExportFiles, text: str
) -> tuple[list[Draft], dict[str, bytes]]:
    """The TextEdit document whose text is `text` ('Rally.rtfd/TXT.rtf') in the zip
    `path`, as Mail and the Finder zip one to send it, read with its pictures."""
    package = PurePosixPath(text).parent
    inside: dict[str, bytes | Path] = {f"{package.name}/{TEXTEDIT_TEXT}": files.read(text)}
    for name in files:
        if PurePosixPath(name).parent == package and name != text:
            inside[f"{package.name}/{PurePosixPath(name).name}"] = files.read(name)
    return _textedit_draft(path, package.name, inside)


def _textedit_draft(
    path: Path, package: str, files: dict[str, bytes | Path]
) -> tuple[list[Draft], dict[str, bytes]]:
    drafts, media = draft_in_scratch(path, files, lambda pool: RtfReader())
    _pictures_in_media(drafts, quote(package))
    return drafts, media


def _pictures_in_media(drafts: list[Draft], folder: str) -> None:
    """The drafts' pictures, which their body finds in `folder`, found in media/ as a Word
    file's are, which the import names after the document and saves them in."""
    for draft in drafts:
        draft.body_html = draft.body_html.replace(f'src="{folder}/', 'src="media/')


# A title or subtitle too long for one (a paragraph styled Title) is read whole: the import
# keeps it as the text's first paragraph (`_title_kept_as_text`), not refused as the build does
_ANY_TITLE = replace(DEFAULT_LIMITS, title_length=sys.maxsize)


def draft_in_scratch(
    path: Path, files: dict[str, bytes | Path], reader: Callable[[Path], Reader]
) -> tuple[list[Draft], dict[str, bytes]]:
    """`path` read by the regular readers as a draft, from a scratch pool: `files` written
    into it (the copy to read first, then what it uses, by their paths in the pool: bytes,
    or a file copied as it is), the copy read by `reader(pool)`, named as `path` in what it
    says. With the draft, the pictures its body uses, keyed by the path it gives them."""
    with tempfile.TemporaryDirectory(prefix="publisher-import-") as tmp:
        pool = Path(tmp)
        for name, content in files.items():
            (pool / name).parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, Path):
                shutil.copyfile(content, pool / name)
            else:
                (pool / name).write_bytes(content)
        copy = pool / next(iter(files))
        document = read_document(
            copy, "", pool, "und", reader(pool), shown_as=path, limits=_ANY_TITLE
        )
        media = {image: (pool / image).read_bytes() for image in document.images}
    return [draft_of(document, path, media)], media


def draft_of(document: Document, path: Path, media: dict[str, bytes]) -> Draft:
    """A document read by the regular readers as a draft to review, its shape recovered."""
    has_title = document.title != fallback_title(path, plain_text(document.body_html))
    draft = Draft(
        title=document.title if has_title else "",
        subtitle=document.subtitle,
        authors=list(document.authors),
        date=document.date,
        tags=list(document.tags),
        summary=document.summary,
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
