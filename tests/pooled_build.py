"""build() with two render workers, in a process of its own: a test worker may run other
modules' threads (their servers), and a process that does renders alone
(`publisher.workers.can_fork`). What the build rendered, what publisher logged in it, and
whether it imported WeasyPrint come back, and which outputs were used as rendered ahead
(publisher/ahead.py)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

_BUILD_AND_SAY = """
import json, logging, sys
from pathlib import Path
from publisher.build import build
from publisher.errors import PublisherError

said = []
class Keep(logging.Handler):
    def emit(self, record):
        said.append(f"{record.name} {record.levelname} {record.getMessage()}")
logging.getLogger("publisher").addHandler(Keep())
logging.getLogger("publisher").setLevel(logging.INFO)
asked = json.loads(sys.argv[2])
try:
    report = build(Path(sys.argv[1]), formats=asked["formats"], force=asked["force"])
except PublisherError as exc:
    json.dump({"refused": str(exc), "said": said}, sys.stdout)
    sys.exit(1)
json.dump({
    "rendered": report.rendered,
    "ahead": report.ahead,
    "said": said,
    "weasyprint imported": "weasyprint" in sys.modules,
}, sys.stdout)
"""


def build_in_a_pool(
    root: Path,
    formats: Sequence[str] = (),
    force: bool = False,
    env: Mapping[str, str] | None = None,
    must_succeed: bool = True,
) -> dict[str, Any]:
    """The build of `root` (every format unless `formats`), with `env` added to this
    process's environment. It must succeed, unless not `must_succeed`: then a build that
    fails says why under "refused"."""
    asked = json.dumps({"formats": list(formats), "force": force})
    done = subprocess.run(
        [sys.executable, "-c", _BUILD_AND_SAY, str(root), asked],
        env={**os.environ, "PUBLISHER_JOBS": "2", **(env or {})},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0 or (not must_succeed and done.stdout), done.stderr
    built: dict[str, Any] = json.loads(done.stdout)
    return built
