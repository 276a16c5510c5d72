"""What the fork server of `publisher serve` imports once, before it forks a background
build: the build, every format's renderer, and WeasyPrint. A fresh process would import
them again for every build, about a second of CPU before the first page is laid out.

Importing this module does that work; only `rebuild.py`'s fork server should.
"""

from __future__ import annotations

from ..build import build  # noqa: F401
from ..formats import formats
from ..renderers.weasy import import_weasyprint

for _format in formats().values():
    _format.renderer_class()
import_weasyprint()
