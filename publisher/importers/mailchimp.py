"""Mailchimp: the audience export zip (`subscribed_members_export_….csv`,
`unsubscribed_members_export_….csv`, `cleaned_members_export_….csv`, columns
"Email Address", "First Name", "Last Name", OPTIN_TIME, CONFIRM_TIME, TAGS, and
UNSUB_TIME/UNSUB_REASON or CLEAN_TIME), and campaign archive pages saved as HTML.

Campaigns were all sent. Their send dates come from the campaign report
(`campaigns.csv`: Title, Subject, Send Date; in the folder, or named beside the pages)
matched by subject, else from a date at the start of the file name; a campaign with neither becomes a document, not an issue. A
campaign exported from the editor is titled `*|MC:SUBJECT|*`, a merge tag: its title is
then its first heading (else its file's name). The
body is the campaign's text, image and button blocks, without preheader, header, social
and footer blocks; a template without those blocks keeps its body, layout tables unwrapped.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from pathlib import Path, PurePosixPath

import lxml.etree
import lxml.html

from .exports import ExportFiles, LeftOut, PlatformExport, Post
from .members import read_members_csv
from .platform_html import MERGE_TAG, inner_html

_FILE_STATUS = {"subscribed": "active", "unsubscribed": "unsubscribed", "cleaned": "cleaned"}
_MEMBERS = re.compile(
    r"(?:^|/)(subscribed|unsubscribed|cleaned)_(?:members|segment)_export[^/]*\.csv$"
)
# What a block holds: text, a picture, a button (the button a call to action or furniture
# as `platform_html` tells), a video (a thumbnail linking it)
_CONTENT = re.compile(
    r"\b(mce(?:Text|Image|Button)|mcn(?:TextContent|Image|ButtonContent|VideoContent))\b"
)
_FURNITURE = re.compile(r"preheader|footer|header|follow|share|social", re.I)
_SEND_DATE_FORMATS = ("%b %d, %Y %I:%M %p", "%b %d, %Y", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d")
_CAMPAIGN = re.compile(
    rb'class="[^"]*\b(mcnTextContent|mceText)\b|og:url"\s+content="https?://[\w.-]*campaign-archive\.com/'
)
_LAYOUT_TAGS = ("table", "tbody", "thead", "tr", "td", "th", "center")
# What in a block is a block of text itself: without one, the block's words are a paragraph,
# not run on into the next block's ("Pickets at gate 4.Strike fund: …")
_BLOCK_INSIDE = (
    ".//p | .//div | .//h1 | .//h2 | .//h3 | .//h4 | .//h5 | .//h6 | .//ul | .//ol"
    " | .//blockquote | .//table | .//pre"
)
_CELLS = ("td", "th", "center")


def recognises(files: ExportFiles) -> bool:
    return any(_MEMBERS.search(n) for n in files) or any(
        _is_campaign(files.read(n)) for n in files.named("*.html")
    )


def _is_campaign(page: bytes) -> bool:
    """Mailchimp's template blocks, or the campaign archive's own address: a page that
    merely links to an archive or embeds a signup form is a saved web page, not this."""
    return bool(_CAMPAIGN.search(page))


def read(files: ExportFiles) -> PlatformExport:
    export = PlatformExport("Mailchimp", files=files)
    for name in sorted(files):  # subscribed before unsubscribed: the report reads in order
        match = _MEMBERS.search(name)
        if match:
            status = _FILE_STATUS[match.group(1)]
            text = files.text(name)
            export.members += read_members_csv(text, files.where(name), "mailchimp", status)
    dates = _send_dates(files)
    for name in sorted(files.named("*.html")):
        try:
            page = lxml.html.fromstring(files.read(name))
        except lxml.etree.ParserError:  # nothing in it: a download cut short
            empty = LeftOut(
                "issue", PurePosixPath(name).stem, "its page is empty: nothing to import"
            )
            export.left_out.append(empty)
            continue
        body = _body(page)
        title = MERGE_TAG.sub("", page.findtext(".//title") or "").strip()
        title = title or _first_heading(body) or PurePosixPath(name).stem
        date = dates.get(title) or _file_date(name)
        og_url = page.xpath("string(//meta[@property='og:url']/@content)")
        post = Post(
            title=title,
            body_html=body,
            key=name,
            date=date,
            source=str(og_url),
            sent=date is not None,
            emailed=title in dates,  # campaigns.csv lists the campaigns sent
            base=name.rpartition("/")[0],
        )
        if date is None:
            export.left_out.append(
                LeftOut("issue", title, "no send date (campaigns.csv, file name): a document only")
            )
        export.posts.append(post)
    return export


def campaign_body(markup: str) -> str:
    """A campaign's text, image and button blocks from its HTML (as its archive's feed carries it),
    or the HTML as it is when it holds no Mailchimp block."""
    if not _CONTENT.search(markup):
        return markup
    return _body(lxml.html.document_fromstring(markup))


def campaign_page(page: str) -> str | None:
    """A campaign saved as a web page into documents/, as the page of its blocks alone, its
    <head> (and so its title) kept: what subscribers read, without the template's preheader,
    header and footer ("View this email in your browser", the old list's address and its
    unsubscribe link). None for any other page."""
    if not _is_campaign(page.encode("utf-8", "replace")):
        return None
    tree = lxml.html.document_fromstring(page)
    head = tree.find("head")
    kept = "" if head is None else lxml.html.tostring(head, encoding="unicode")
    return f"<html>{kept}<body>{_body(tree)}</body></html>"


def _body(page: lxml.html.HtmlElement) -> str:
    blocks = [
        element
        for element in page.iter()
        if isinstance(element.tag, str)
        and _CONTENT.search(element.get("class", ""))
        and not any(_furniture(a) for a in (element, *element.iterancestors()))
    ]
    blocks = [b for b in blocks if not any(a in blocks for a in b.iterancestors())]
    if blocks:
        parts = []
        for block in blocks:
            if block.tag == "img":  # with the link around it: to a petition, a video
                linked = block.getparent()
                shown = linked if linked is not None and linked.tag == "a" else block
                parts.append(lxml.html.tostring(shown, encoding="unicode", with_tail=False))
            elif block.xpath(_BLOCK_INSIDE):
                parts.append(inner_html(block))
            else:  # words alone in the block's cell (a caption's): a paragraph of their own
                parts.append(f"<p>{inner_html(block)}</p>")
        return "".join(parts)
    body = page.find(".//body")
    if body is None:
        return ""
    for element in list(body.iter()):
        if isinstance(element.tag, str) and _furniture(element) and element.getparent() is not None:
            element.drop_tree()
    for element in list(body.iter(*_LAYOUT_TAGS)):
        if element.tag in _CELLS:
            element.tag = "div"  # a cell is a block of its own: its text stays apart
        else:
            element.drop_tag()
    return inner_html(body)


def _first_heading(body: str) -> str:
    """The words of the body's first heading: the title of a campaign titled by none (the
    document's reader takes the heading that repeats its title out of its text)."""
    if not body.strip():
        return ""
    root = lxml.html.fragment_fromstring(body, create_parent="div")
    return " ".join(str(root.xpath("string((.//h1 | .//h2)[1])")).split())


def _furniture(element: lxml.html.HtmlElement) -> bool:
    return bool(_FURNITURE.search(f"{element.get('id', '')} {element.get('class', '')}"))


def is_campaign_report(path: Path) -> bool:
    """Whether `path` is the campaign report (campaigns.csv, however renamed), by its
    columns: it holds no posts, only their send dates."""
    if path.suffix.lower() != ".csv" or not path.is_file():
        return False
    with path.open(encoding="utf-8-sig", errors="replace", newline="") as table:
        columns = set(next(csv.reader(table), []))
    return "Send Date" in columns and bool(columns & {"Subject", "Title"})


def _send_dates(files: ExportFiles) -> dict[str, dt.date]:
    dates: dict[str, dt.date] = {}
    for name in files.named("campaigns.csv") + files.named("*/campaigns.csv"):
        for row in csv.DictReader(io.StringIO(files.text(name), newline="")):
            subject = (row.get("Subject") or row.get("Title") or "").strip()
            day = _parse_date((row.get("Send Date") or "").strip())
            if subject and day:
                dates[subject] = day
    return dates


def _parse_date(text: str) -> dt.date | None:
    for pattern in _SEND_DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


def _file_date(name: str) -> dt.date | None:
    match = re.match(r"(\d{4}-\d{2}-\d{2})", PurePosixPath(name).name)
    return dt.date.fromisoformat(match.group(1)) if match else None
