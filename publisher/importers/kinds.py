"""The kinds of file `publisher import` tells apart by their names' endings: a module of
its own, so the platforms' recognition and the document import share them without
importing each other."""

TEXT_SUFFIXES = (".txt", ".text", "")
PAGE_SUFFIXES = (".html", ".htm", ".xhtml")
OFFICE_SUFFIXES = (".docx", ".odt", ".rtf")
MARKDOWN_SUFFIXES = (".md", ".markdown")
# Documents as they are, needing no import: MDX, reStructuredText, Org, AsciiDoc, LaTeX
AS_THEY_ARE = {
    ".mdx": "an MDX",
    ".rst": "a reStructuredText",
    ".org": "an Org",
    ".adoc": "an AsciiDoc",
    ".asciidoc": "an AsciiDoc",
    ".tex": "a LaTeX",
}
MESSAGE_SUFFIXES = (".eml",)  # a message saved from a mail program
ARCHIVE_SUFFIXES = (".mbox",)  # a mail folder exported (a list's archive: a .txt, told apart)
# a web page saved as one file, with its pictures: MHTML, Safari's web archive
SAVED_PAGE_SUFFIXES = (".mhtml", ".mht", ".webarchive")
PDF_SUFFIXES = (".pdf",)
ZIP_SUFFIXES = (".zip",)
# one file gzipped: Mailman's monthly archive ("2026-March.txt.gz"), HyperKitty's ".mbox.gz"
GZIP_SUFFIXES = (".gz",)
# A message's attachments imported in place of its text ("please find attached …").
READABLE_ATTACHMENTS = (*OFFICE_SUFFIXES, *PAGE_SUFFIXES, *PDF_SUFFIXES, ".txt", ".text")
