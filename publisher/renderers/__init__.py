"""Render: one renderer per output format, registered here and nowhere else.

Adding a format is one module in this package, one line below, and one template folder.
"""

from __future__ import annotations

from .base import ArchiveRenderer, IssueRenderer, RenderContext, Renderer
from .email import EmailRenderer
from .epub import EpubRenderer
from .feed import FeedRenderer
from .leaflet import LeafletRenderer
from .pdf import PdfRenderer
from .web import WebRenderer

REGISTRY: dict[str, type[Renderer]] = {
    renderer.name: renderer
    for renderer in (
        PdfRenderer,
        LeafletRenderer,
        EmailRenderer,
        EpubRenderer,
        FeedRenderer,
        WebRenderer,
    )
}

__all__ = ["REGISTRY", "ArchiveRenderer", "IssueRenderer", "RenderContext", "Renderer"]
