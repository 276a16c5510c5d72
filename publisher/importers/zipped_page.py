"""A web page downloaded zipped with its pictures (Google Docs' "Download → Web page
(.html, zipped)": `Name.html` and `images/image1.png`…) → the page's draft, its pictures
read from the zip; so is a TextEdit document with pictures, zipped to be sent. The zip is
opened as exports are (`ExportFiles`): bounded in size, and names that climb out of it
ignored."""

from __future__ import annotations

import zipfile
from pathlib import Path, PurePosixPath

from ..errors import PublisherError
from ..paths import is_textedit_text
from .chats import CHAT_IN_ZIP, refuse_chat
from .draft import Draft
from .exports import ExportFiles
from .webpage import recover_page

_PAGES = (".html", ".htm", ".xhtml")


def recover_zipped_page(path: Path) -> tuple[list[Draft], dict[str, bytes]]:
    if not zipfile.is_zipfile(path):
        raise PublisherError.at(
            "this .zip file is damaged (cut short?) or is no zip",
            path,
            hint="download it again",
        )
    files = ExportFiles.open(path)
    pages = [name for name in files if PurePosixPath(name).suffix.lower() in _PAGES]
    texts = [name for name in files if is_textedit_text(PurePosixPath(name))]
    if len(texts) == 1 and not pages:  # a TextEdit document with pictures, zipped to send
        from .office import recover_zipped_textedit

        return recover_zipped_textedit(path, files, texts[0])
    if CHAT_IN_ZIP in files and not pages:  # WhatsApp's export from an iPhone
        refuse_chat(files.text(CHAT_IN_ZIP), path)
    if len(pages) != 1:
        what = "no web page" if not pages else f"{len(pages)} web pages"
        raise PublisherError.at(
            f"a .zip file holding {what}, which publisher cannot import",
            path,
            hint="unzip it and import its documents one by one (.docx, .odt, .html, .txt…)",
        )
    folder = PurePosixPath(pages[0]).parent

    def picture(relative: PurePosixPath) -> bytes | None:
        name = (folder / relative).as_posix()
        return files.read(name) if name in files else None

    return recover_page(files.read(pages[0]), path, picture)
