"""Importing WeasyPrint without probing the system for its libraries.

WeasyPrint opens GLib, Pango, HarfBuzz and fontconfig through cffi, asking for each by the
names it has on Windows, macOS and Linux in turn. For every name the dynamic loader cannot
open as it is, cffi calls `ctypes.util.find_library`, which on Linux runs `ldconfig -p`
and then gcc and ld: over 300 processes and 0.2 s per import. The Linux names WeasyPrint
also tries (`libpango-1.0.so.0` …) are the sonames Debian's packages install, and dlopen
finds those itself. So while WeasyPrint is imported, find_library says "not found" at once
and cffi moves on to the soname. Where that fails (a system whose libraries only
find_library can locate), WeasyPrint is imported again the usual way.
"""

from __future__ import annotations

import ctypes.util
import sys
from types import ModuleType


def import_weasyprint() -> ModuleType:
    if (module := sys.modules.get("weasyprint")) is not None:
        return module
    find_library = ctypes.util.find_library
    ctypes.util.find_library = lambda name: None
    try:
        import weasyprint
    except OSError:
        for name in [m for m in sys.modules if m.partition(".")[0] == "weasyprint"]:
            del sys.modules[name]
        ctypes.util.find_library = find_library
        import weasyprint
    finally:
        ctypes.util.find_library = find_library
    return weasyprint
