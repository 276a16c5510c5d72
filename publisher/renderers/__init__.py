"""Render: one renderer per output format, a small class on the shared base.

Which renderers exist is said once, by the formats (`publisher.formats`): adding a format is
one module here (or in a package of its own), one Format, and one template folder.
"""

from __future__ import annotations

from .base import ArchiveRenderer, IssueRenderer, RenderContext, Renderer

__all__ = ["ArchiveRenderer", "IssueRenderer", "RenderContext", "Renderer"]
