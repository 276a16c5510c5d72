"""Where things are published: the URLs (under the newsletter's base_url) and site paths
that emails, feeds, PDFs and the web archive all link to, so they always agree."""

from __future__ import annotations

# In what the email renderer writes (the unsubscribe link and header), delivery puts each
# subscriber's signed token in place of this.
RECIPIENT_TOKEN = "RECIPIENT_TOKEN"


def tag_path(tag: str) -> str:
    """Where a tag's page lives, relative to the site root."""
    from slugify import slugify

    return f"tags/{slugify(tag) or 'tag'}/"


def issue_url(base_url: str, slug: str) -> str:
    return f"{base_url}{slug}/"


def document_url(base_url: str, issue_slug: str, document_slug: str) -> str:
    """Each document has its own page under its issue's: where emails and feeds link."""
    return f"{issue_url(base_url, issue_slug)}{document_slug}/"


def tag_url(base_url: str, tag: str) -> str:
    return f"{base_url}{tag_path(tag)}"


def language_url(base_url: str, language: str) -> str:
    return f"{base_url}languages/{language}/"


def unsubscribe_url(base_url: str) -> str:
    """A subscriber's unsubscribe page, as written into each issue's email (see RECIPIENT_TOKEN)."""
    return f"{base_url}unsubscribe/?token={RECIPIENT_TOKEN}"
