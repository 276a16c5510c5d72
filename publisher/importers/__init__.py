"""Import: documents as editors receive them → Markdown with YAML front matter in the pool.

Plain text off blogs (`plaintext`), saved web pages (`webpage`, `saved_pages`) and Word or
OpenDocument files (`office`) are each recovered into drafts; every draft's body goes through the pipeline's
sanitiser and pandoc writes its Markdown (`markdown`). Re-importing the same bytes is
recognised by their hash and writes nothing; a file that cannot be read is reported and
the others are still imported. Every text read goes through `controls.clean_text` before a
heuristic looks at it, so no control character reaches a document.
"""

from __future__ import annotations

import hashlib
import html
import os
from collections.abc import Iterator, Set
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from ..arabic_shapes import letters_in_reading_order
from ..controls import clean_text, without_break_hints, without_idle_direction_marks
from ..errors import Problem, PublisherError
from ..jobs import Progress, Silent
from ..ligatures import letters_for_ligatures
from ..limits import DEFAULT_LIMITS
from ..output import atomic_write
from ..paths import TEXTEDIT_TEXT, is_textedit_package
from ..pool import DocumentPool, is_housekeeping, slug_for, slugged
from ..readers import fallback_title, is_picture, not_read
from ..sanitize import plain_text
from ..sites import hugo_site
from ..slugs import unique
from ..textfiles import is_web_page_source
from ..workers import workers
from .draft import Draft, headings_too_long
from .index import EDITED, stamped, unedited
from .index import imported_index as _imported_index
from .kinds import (
    ARCHIVE_SUFFIXES,
    AS_THEY_ARE,
    GZIP_SUFFIXES,
    MARKDOWN_SUFFIXES,
    MESSAGE_SUFFIXES,
    OFFICE_SUFFIXES,
    PAGE_SUFFIXES,
    PDF_SUFFIXES,
    READABLE_ATTACHMENTS,
    SAVED_PAGE_SUFFIXES,
    TEXT_SUFFIXES,
    ZIP_SUFFIXES,
)

if TYPE_CHECKING:
    from .platform_html import Fetch


@dataclass(frozen=True)
class Imported:
    """One document found in an input file, and where it went."""

    source: Path
    part: int  # 1-based position of this document in its source file
    draft: Draft
    path: Path
    # "imported", "unchanged" (already in the pool), "updated" (with the pictures a first
    # import did not fetch), "not updated: …" (edited since) or "dry run"
    status: str


@dataclass
class ImportReport:
    documents: list[Imported] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    left_out: list[Path] = field(default_factory=list)  # system and lock files: no documents
    pictures: list[Path] = field(default_factory=list)  # found in a folder given: no documents
    exports: list[Path] = field(default_factory=list)  # found in a folder given: named only


def _each_told(sources: list[Path], progress: Progress) -> Iterator[Path]:
    """`sources`, `progress` told of each as it is read (a folder of hundreds of Word files
    takes minutes)."""
    progress.expect(len(sources))
    for source in sources:
        with progress.task(f"reading {source.name}"):
            yield source


def import_files(
    inputs: list[Path],
    into: Path,
    split: bool | None = None,
    dry_run: bool = False,
    fetch: Fetch | None = None,
    progress: Progress | None = None,
) -> ImportReport:
    """Each of `inputs` as documents in `into`; `fetch` (when the editor asks:
    `--fetch-images`) brings the pictures a document shows only from the web; `progress`
    is told of each file read and each document written."""
    progress = progress or Silent()
    with ThreadPoolExecutor(max_workers=workers()) as threads:
        report, written = _read_files(inputs, into, split, dry_run, fetch, progress, threads)
        progress.expect(len(written))
        for to_write in written:  # in order: an interrupted import wrote the first ones
            with progress.task(f"writing {to_write.target.name}"):
                _write(to_write, report, dry_run)
    return report


@dataclass
class _ToWrite:
    """A document read, its text being made in a thread (a pandoc process each)."""

    row: int  # its place in the report
    text: Future[str]
    existing: Path | None
    target: Path
    media: dict[str, bytes]


def _write(document: _ToWrite, report: ImportReport, dry_run: bool) -> None:
    """Write `document` (unless its text is what the pool has), and say so in its row."""
    row = report.documents[document.row]
    text = document.text.result()
    existing, target = document.existing, document.target  # the same path when it exists
    if existing is not None and existing.read_text(encoding="utf-8") == text:
        report.documents[document.row] = replace(row, status="unchanged")
        return
    if not dry_run:
        for name, image in document.media.items():
            atomic_write(target.parent / "media" / target.stem / Path(name).name, image)
        atomic_write(target, text.encode("utf-8"))
    status = "dry run" if dry_run else "updated" if existing else "imported"
    report.documents[document.row] = replace(row, status=status)


def _read_files(
    inputs: list[Path],
    into: Path,
    split: bool | None,
    dry_run: bool,
    fetch: Fetch | None,
    progress: Progress,
    threads: ThreadPoolExecutor,
) -> tuple[ImportReport, list[_ToWrite]]:
    """Each of `inputs` read, one after another (which slug each document takes depends on
    those before it), its documents' texts being made in `threads` meanwhile: their rows
    in the report, and what is to be written."""
    report = ImportReport()
    written: list[_ToWrite] = []
    known = _imported_index(into)
    taken = {slug_for(p) for p in DocumentPool.scan(into).files}
    this_run: dict[str, list[Imported]] = {}  # by their file's hash, for copies given with it
    given = list(_files_given(inputs, report.problems, report.exports))
    for source in _each_told(given, progress):
        if is_housekeeping(source):
            report.left_out.append(source)
            continue
        if source not in inputs and is_picture(source):  # an inbox's photos: no failure
            report.pictures.append(source)
            continue
        try:
            data = _bytes_of(source)
            digest = hashlib.sha256(data).hexdigest()
            if digest in this_run:
                report.documents += [_copy_of(row, source) for row in this_run[digest]]
                continue
            # (an empty file is no document of any kind: not "no zip", as a .docx was)
            drafts, media = _recover(source, data, split) if data.strip() else ([], {})
        except PublisherError as exc:
            report.problems += exc.problems
            continue
        except OSError as exc:
            report.problems.append(Problem(f"cannot open this file: {exc.strerror}", source))
            continue
        if not drafts:
            why = "the file is empty" if not data.strip() else "no text was found in it"
            hint = "check it is the file you meant; an empty one may not have been saved"
            report.problems.append(Problem(f"nothing to import: {why}", source, hint=hint))
            continue
        start = len(report.documents)
        for part, draft in enumerate(drafts, start=1):
            if max(len(draft.title), len(draft.subtitle)) > DEFAULT_LIMITS.title_length:
                _title_kept_as_text(draft)  # a paragraph as a heading, or styled as a title
            if not draft.title:
                text = plain_text(draft.body_html)  # its names as the text writes them
                draft.title = fallback_title(source, text) + (
                    f" ({part})" if len(drafts) > 1 else ""
                )
            existing = known.get((digest, part))
            fetched = _web_pictures(draft, fetch, media.keys()) if fetch or not existing else {}
            if existing is not None and not fetched:
                report.documents.append(Imported(source, part, draft, existing, "unchanged"))
                continue
            if existing is not None and not unedited(existing):
                _kept_as_edited(draft, existing, fetched, dry_run)
                status = f"not updated: {EDITED}"
                report.documents.append(Imported(source, part, draft, existing, status))
                continue
            target = existing or into / f"{_unique_slug(draft.title, taken)}.md"
            made = threads.submit(_document_text, draft, source, digest, part, target.stem)
            written.append(_ToWrite(len(report.documents), made, existing, target, media | fetched))
            report.documents.append(Imported(source, part, draft, target, "to write"))
        this_run[digest] = report.documents[start:]
    return report, written


def _files_given(inputs: list[Path], problems: list[Problem], exports: list[Path]) -> list[Path]:
    """`inputs` with each folder among them (not a document's own, as TextEdit's .rtfd is)
    in place of the files in it and its subfolders, hidden folders aside, as documents/
    has them: an editor's inbox, month by month. Each file once, however often given; a
    folder that cannot be opened is one of the `problems`. A platform's export or members
    list found in a folder goes to `exports`, neither read as documents nor imported: its
    posts become issues and its rows subscribers only when the editor names it."""
    files: list[Path] = []
    for given in inputs:
        if not given.is_dir() or _one_document(given):
            files.append(given)
            continue
        if _in_hugo_content(given):  # one refusal, not one per post
            problems.append(_hugo_content(given))
            continue
        found: list[Path] = []
        for top, folders, names in os.walk(given, onerror=lambda exc: _unopened(exc, problems)):
            here = Path(top)
            generator = _site_generator(here)
            if generator:  # its layouts, themes and built pages are no documents either
                problems.append(_site_source(generator, here))
                folders.clear()
                continue
            found += [here / name for name in [*folders, *names] if _one_document(here / name)]
            folders[:] = [f for f in folders if not (f.startswith(".") or _one_document(here / f))]
            inside = [here / name for name in [*folders, *names]]
            exports += [path for path in inside if _is_export(path)]
            folders[:] = [f for f in folders if here / f not in exports]
            found += [here / name for name in names if here / name not in exports]
        if not found and not exports and not _site_generator(given):
            problems.append(Problem("nothing to import: the folder holds no file", given))
        files += sorted(found)
    return list(dict.fromkeys(files))


def _site_generator(folder: Path) -> str | None:
    """The generator whose site's source `folder` is (Hugo, Jekyll), known by its
    configuration, or None: a site's writing is Markdown that needs no import, and the
    rest of it (layouts, themes, built pages, CSS) no documents."""
    if hugo_site(folder) or any((folder / f"hugo.{k}").is_file() for k in ("toml", "yaml", "json")):
        return "Hugo"
    return "Jekyll" if (folder / "_config.yml").is_file() else None


def _site_source(generator: str, folder: Path) -> Problem:
    """The one refusal of a site's source folder, saying where its writing goes."""
    content = f"content/ {_WITH_STATIC}" if generator == "Hugo" else "_posts/ and its pages"
    return Problem(
        f"a {generator} site's source: its writing is Markdown, which needs no import",
        folder,
        hint=f"copy its {content} into documents/ as it is: it builds without edits",
    )


# Hugo serves the pictures a post names from the site's root (/images/x.png) from static/
_WITH_STATIC = "(and its static/, where its pictures named from the site's root are)"


def _in_hugo_content(folder: Path) -> bool:
    """Whether `folder` is a Hugo site's content/ or a folder in it (a section, a page
    bundle: `content/posts/strike/`, its name and pictures the document's)."""
    return any(
        parent.name == "content" and hugo_site(parent.parent)
        for parent in (folder, *folder.parents)
    )


def _hugo_content(folder: Path) -> Problem:
    """The one refusal of a Hugo site's content folder, saying to copy it whole: copied
    post by post, a bundle's index.md loses its folder's name and its pictures."""
    return Problem(
        "a Hugo site's content: its writing is Markdown, which needs no import",
        folder,
        hint="copy the folder into documents/ as it is, with the site's static/ folder"
        " (where its pictures named from the site's root are), or the whole site: it builds"
        " without edits",
    )


def _is_export(path: Path) -> bool:
    """Whether `path`, found in a folder, is what `publisher import` would take, named, as a
    platform's export or members list (a photo or a lock file is none, and is not read)."""
    from .platforms import recognise

    if is_housekeeping(path) or is_picture(path):
        return False
    try:
        return recognise(path) is not None
    except PublisherError:  # unreadable: the document import reports it by name
        return False


def _one_document(path: Path) -> bool:
    """Whether `path` is a folder that is one document, its pictures inside it."""
    return is_textedit_package(path) or path.suffix.lower() == ".textbundle"


def _unopened(error: OSError, problems: list[Problem]) -> None:
    problems.append(Problem(f"cannot open this folder: {error.strerror}", Path(error.filename)))


def _bytes_of(source: Path) -> bytes:
    """What `source` holds: of a TextEdit document with pictures (a folder), its text. A
    TextBundle is refused, saying where it goes."""
    if source.suffix.lower() == ".textbundle":
        raise PublisherError.at(
            "a TextBundle (from Bear, Ulysses, iA Writer…): Markdown, which needs no import",
            source,
            hint="copy the folder into documents/ as it is: it is one document, named by the"
            " folder, with its pictures",
        )
    return (source / TEXTEDIT_TEXT if is_textedit_package(source) else source).read_bytes()


def _copy_of(row: Imported, source: Path) -> Imported:
    """`row`'s document, for a `source` with the same bytes as the file it came from (a
    synced folder's "Statement (1).docx"): one document, not one per copy, and its checks
    said once."""
    draft = replace(row.draft, unsure=[])
    status = f"same file as {row.source.name}: not imported again"
    return Imported(source, row.part, draft, row.path, status)


def _kept_as_edited(draft: Draft, document: Path, fetched: dict[str, bytes], dry: bool) -> None:
    """The pictures this import fetched for a `document` the editor has edited since its
    import: saved beside it for them to place (never over their text), and said."""
    folder = document.parent / "media" / document.stem
    named = {Path(key).name: data for key, data in fetched.items()}  # key: 'media/<name>'
    gained = {name: data for name, data in named.items() if not (folder / name).exists()}
    if not dry:
        for name, data in gained.items():
            atomic_write(folder / name, data)
    draft.unsure += [
        f"picture {name} saved in media/{document.stem}/, not placed: {document.name} was {EDITED}"
        for name in gained
    ]


def _web_pictures(draft: Draft, fetch: Fetch | None, taken: Set[str]) -> dict[str, bytes]:
    """The pictures the draft shows from the web, fetched when `fetch` is given and shown
    from 'media/<name>' (their names not among `taken`); each one not fetched is listed:
    outputs show no picture from the web, so the editor must save it."""
    from ..tree_edits import body_html, body_tree
    from .fetch import Fetched, media_key

    if "<img" not in draft.body_html:
        return {}
    root = body_tree(draft.body_html)
    fetched: dict[str, bytes] = {}
    keys: dict[str, str] = {}  # address → its key, for a picture shown twice
    listed: set[str] = set()
    for image in root.iter("img"):
        src = image.get("src", "")
        if not src.startswith(("https://", "http://")):
            continue
        got = fetch(src) if fetch is not None and src not in keys else None
        if isinstance(got, Fetched):
            keys[src] = media_key(got.name, taken | fetched.keys())
            fetched[keys[src]] = got.data
            draft.found["pictures fetched from the web"] += 1
        if src in keys:
            image.set("src", keys[src])
        elif src not in listed:
            listed.add(src)
            why = f": {got};" if got else ":"  # why `fetch` did not bring it
            draft.unsure.append(
                f"picture {image.get('alt', '')!r} is only on the web ({src}){why} outputs"
                " show no picture from the web; save it into documents/ and show it from there"
            )
    if fetched:
        draft.body_html = body_html(root)
    return fetched


def _recover_attachments(
    message: Path, attached: list[tuple[str, bytes]], split: bool | None
) -> tuple[list[Draft], dict[str, bytes]]:
    """Each attachment recovered as the file on its own would be; what is wrong with one is
    said of the message and the attachment's name (the editor has no other copy of it),
    after every attachment has been tried."""
    import tempfile

    drafts: list[Draft] = []
    media: dict[str, bytes] = {}
    problems: list[Problem] = []
    with tempfile.TemporaryDirectory(prefix="publisher-attachments-") as folder:
        for name, content in attached:
            path = Path(folder) / name
            path.write_bytes(content)
            try:
                found, images = _recover(path, content, split)
            except PublisherError as exc:
                problems += [_in_attachment(problem, message, name) for problem in exc.problems]
                continue
            for draft in found:
                draft.found["e-mail attachment"] += 1
                # the file's, not the message's
                draft.title = draft.title or fallback_title(path, plain_text(draft.body_html))
            drafts += found
            media |= images
    if problems:
        raise PublisherError(*problems)
    return drafts, media


def _in_attachment(problem: Problem, message: Path, name: str) -> Problem:
    where = f"attachment '{name}'" + (f", line {problem.line}" if problem.line else "")
    return Problem(f"{where}: {problem.message}", message, hint=problem.hint)


def _recover(source: Path, data: bytes, split: bool | None) -> tuple[list[Draft], dict[str, bytes]]:
    suffix = source.suffix.lower()
    if suffix in PAGE_SUFFIXES:
        from .webpage import recover_page

        return recover_page(data, source)
    if suffix in SAVED_PAGE_SUFFIXES:
        from .saved_pages import recover_saved_page

        return recover_saved_page(data, source)
    if suffix in GZIP_SUFFIXES:
        return _recover_gunzipped(source, data, split)
    if suffix in ZIP_SUFFIXES:  # a page downloaded zipped with its pictures (Google Docs)
        from .zipped_page import recover_zipped_page

        return recover_zipped_page(source)
    if suffix in OFFICE_SUFFIXES:
        from .office import recover_office

        return recover_office(source)
    if is_textedit_package(source):
        from .office import recover_textedit_package

        return recover_textedit_package(source)
    if suffix in ARCHIVE_SUFFIXES:  # a mail program's folder, exported
        from .mail_archive import recover_archive

        return recover_archive(source)
    if suffix in MESSAGE_SUFFIXES:
        from .mailmessage import attached_documents, parsed, recover_message

        message = parsed(data)
        if attached := attached_documents(message, READABLE_ATTACHMENTS):
            return _recover_attachments(source, attached, split)
        return recover_message(message, source)
    if suffix in TEXT_SUFFIXES:
        from .chats import one_message, refuse_chat
        from .decode import guess_text
        from .mail_archive import is_mail_archive, recover_archive
        from .mailmessage import recover_saved_message

        # a mailing list's archive (Mailman's monthly .txt): `mailbox` reads it as bytes,
        # so it is told by its first line (ASCII), before its whole text is decoded
        if is_mail_archive(data[:1024].decode("latin-1")):
            return recover_archive(source)
        decoded = guess_text(data, source)
        if is_web_page_source(decoded.text):  # saved or pasted as text: read as the page
            from .webpage import recover_page

            return recover_page(data, source)
        refuse_chat(decoded.text, source)
        drafts = recover_saved_message(decoded.text, source)
        if drafts is None:
            drafts = _recover_text(one_message(decoded.text), source, split)
        if decoded.doubt:
            for draft in drafts:
                draft.unsure.insert(0, decoded.doubt)
        return drafts, {}
    if suffix in PDF_SUFFIXES:
        from .pdfdocument import pdf_text

        text, furniture, damage = pdf_text(data, source)
        drafts = _recover_text(text, source, split, furniture)
        for draft in drafts:
            draft.found["PDF"] += 1
            if damage:
                draft.unsure.insert(0, f"the PDF is damaged ({damage}): check the text against it")
        return drafts, {}
    if suffix in MARKDOWN_SUFFIXES:  # refused unless it keeps pictures inside its text
        from .embedded_pictures import recover_markdown

        return recover_markdown(source, data)
    if suffix in AS_THEY_ARE:  # read as they are, as Markdown is
        hint = "copy it into documents/ as it is"
        raise PublisherError.at(
            f"{AS_THEY_ARE[suffix]} file: it needs no import", source, hint=hint
        )
    kind, hint = not_read(source)
    raise PublisherError.at(f"{kind}, which publisher cannot import", source, hint=hint)


def _recover_gunzipped(
    source: Path, data: bytes, split: bool | None
) -> tuple[list[Draft], dict[str, bytes]]:
    """A file downloaded gzipped (a mailing list's month: Mailman's "2026-March.txt.gz",
    HyperKitty's ".mbox.gz") read as the file it holds, named by the .gz without its
    ending; what is wrong with it is said of the .gz, the file the editor has."""
    import tempfile

    from .gunzip import gunzipped

    inner = gunzipped(data, source)
    with tempfile.TemporaryDirectory(prefix="publisher-gunzipped-") as folder:
        unpacked = Path(folder) / source.stem
        unpacked.write_bytes(inner)
        try:
            return _recover(unpacked, inner, split) if inner.strip() else ([], {})
        except PublisherError as exc:
            raise PublisherError(*(replace(p, file=source) for p in exc.problems)) from None


def _recover_text(text: str, source: Path, split: bool | None, furniture: int = 0) -> list[Draft]:
    """Plain text (typed, pasted, or a PDF's) recovered into drafts, with what a PDF's
    layout left in it out (`furniture`: lines already left out)."""
    from ..readers.markdown import unclosed_comment_left_out
    from .contents_list import contents_as_headings
    from .mailmessage import THREAD_QUOTED, quoted_mail_line
    from .pdftext import from_pdf
    from .plaintext import recover

    text, ligatures = letters_for_ligatures(clean_text(text, source, line_breaks=True))
    text = unclosed_comment_left_out(text, source, 1)  # it hid the rest of the text
    thread = quoted_mail_line(text)  # "From: Karim <karim@…>" / "Sent: …" under the text
    text, shapes = letters_in_reading_order(text)
    text, contents = contents_as_headings(text)  # "Contents" / "Findings....3": headings
    text, more_furniture, joined, moved = from_pdf(text)
    drafts = recover(text, split, typeset=joined > 0)  # its words hyphenated: a PDF's
    if drafts and contents:
        drafts[0].found[_CONTENTS] += contents
    furniture += more_furniture
    if drafts and (furniture or joined or ligatures or shapes.reordered or moved):
        drafts[0].found["page headers and numbers left out"] += furniture
        drafts[0].found["words broken at line ends joined"] += joined
        drafts[0].found["right-to-left lines' closing marks put at their ends"] += moved
        drafts[0].found["ligatures (ﬁ, ﬂ) spelled out"] += ligatures
        drafts[0].found[_REORDERED] += len(shapes.reordered)
    if drafts and thread:
        drafts[0].unsure.append(f"line {thread}: {THREAD_QUOTED}")
    if drafts and shapes.left:
        drafts[0].unsure.append(
            f"{len(shapes.left)} line(s) of Arabic in the order a PDF draws them read"
            f" backwards (line {shapes.left[0]} first): copy them again from the original"
        )
    return drafts


def _title_kept_as_text(draft: Draft) -> None:
    """`draft` with its title or subtitle, too long for one (a paragraph set as a page's
    heading, or styled as Word's Title), opening its text (`headings_too_long`), a title
    that goes a guess to make: the build refuses a title over `title_length`, so the
    document written would not have been read."""
    limit = DEFAULT_LIMITS.title_length
    lengths = {"title": len(draft.title), "subtitle": len(draft.subtitle)}
    draft.title, draft.subtitle, long = headings_too_long(draft.title, draft.subtitle, limit)
    for which, length in lengths.items():
        if length > limit:
            guess = ", and the title a guess: give it one" if which == "title" else ""
            draft.unsure.append(
                f"its {which} ({length:,} characters) is too long for one: it opens the text"
                + guess
            )
    draft.body_html = "".join(f"<p>{html.escape(words)}</p>\n" for words in long) + draft.body_html


_CONTENTS = "entries of a table of contents left out, the headings it lists made headings"
_REORDERED = "lines of Arabic copied in the order a PDF draws them put in reading order"


def _document_text(draft: Draft, source: Path, digest: str, part: int, slug: str) -> str:
    from .draft import body_markdown, front_matter

    body = draft.body_html.replace('src="media/', f'src="media/{slug}/')
    meta = {
        "title": _seen(draft.title),
        "subtitle": _seen(draft.subtitle),
        "authors": draft.authors,
        "date": draft.date,
        "lang": draft.language if draft.language not in ("", "und") else None,
        "tags": draft.tags,
        "summary": draft.summary,
        "imported": {"from": source.name, "part": part, "sha256": digest},
    }
    return stamped(front_matter(meta) + body_markdown(body))


def _seen(text: str) -> str:
    """A title as the editor sees it: without the soft hyphens, zero-width spaces and idle
    direction marks a copy left in it, which the front matter would otherwise keep."""
    return without_idle_direction_marks(without_break_hints(text))


def _unique_slug(title: str, taken: set[str]) -> str:
    base = (
        slugged(title, max_length=60, word_boundary=True, replacements=[["'", ""], ["’", ""]])
        or "document"
    )
    return unique(base, taken)
