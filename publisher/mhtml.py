"""A web page saved as one file (MHTML: the page and its pictures as the parts of one mail
message, RFC 2557), as browsers, Word and html-docx-js write it: which part is the page.
Shared by the import of saved pages and the reading of a Word file that keeps one."""

from __future__ import annotations

from email.message import EmailMessage


def page_part(message: EmailMessage) -> EmailMessage | None:
    """The page a saved page (MHTML) holds: its `start` part, or its first HTML part; None
    when it holds none."""
    if message.get_content_type() == "text/html":
        return message
    start = str(message.get_param("start", "", header="content-type") or "").strip("<>")
    pages = [
        part
        for part in message.walk()
        if part.get_content_type() == "text/html"
        and (not start or str(part.get("Content-ID", "")).strip("<>") == start)
    ]
    return pages[0] if pages and isinstance(pages[0], EmailMessage) else None
