"""Which Chromium does headless work (Ace's accessibility check, email previews): Debian's
`chromium-headless-shell` where it is installed, else the full browser.

The headless shell is the same Blink without the desktop browser around it: it starts in
a third of the time and uses about a quarter less CPU for the same pages, with identical
results (Ace's reports are equal field for field). It never opens a window, so it is only
for work nobody watches.
"""

from __future__ import annotations

import shutil
from pathlib import Path

HEADLESS_FIRST = ("chromium-headless-shell", "chromium", "chromium-browser", "google-chrome")
_SYSTEM_DEPS = Path(__file__).resolve().parents[1] / "scripts" / "install-system-deps.sh"


def install_hint() -> str:
    """Where none is found: apt's packages (Ubuntu has no headless shell package: chromium
    serves there), and the checkout's script only where there is a checkout."""
    hint = (
        "install it with 'apt-get install chromium'"
        " (on Debian the lighter chromium-headless-shell also does)"
    )
    if _SYSTEM_DEPS.is_file():
        hint += "; scripts/install-system-deps.sh installs both"
    return hint


def executable() -> str | None:
    """The first of HEADLESS_FIRST on PATH, or None."""
    for name in HEADLESS_FIRST:
        if found := shutil.which(name):
            return found
    return None
