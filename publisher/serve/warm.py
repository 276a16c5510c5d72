"""What the fork server of `publisher serve` imports once, before it forks a background
build: the build, every format's renderer, and WeasyPrint. A fresh process would import
them again for every build, about a second of CPU before the first page is laid out.

Importing this module does that work; only `rebuild.py`'s fork server should. Warming is
only a head start: whatever fails here (a plugin that cannot be read, a library that will
not load) is left to the build in the child, which meets it again and reports it as any
build does. Raised here, it would end the fork server, and every background build would
fail with an EOFError instead.
"""

from __future__ import annotations

import contextlib

with contextlib.suppress(Exception):
    from ..build import build  # noqa: F401
    from ..formats import formats
    from ..renderers.weasy import import_weasyprint

    for _format in formats().values():
        _format.renderer_class()
    import_weasyprint()
