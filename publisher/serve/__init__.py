"""`publisher serve`: the outputs on 127.0.0.1, rebuilt as the sources change, and the
browser reloaded after each build.

The main thread builds and watches; the web server answers from its own threads.
"""

from __future__ import annotations

import errno
import signal
import threading
import webbrowser
from pathlib import Path
from types import FrameType

import click

from ..cache import Cache
from ..config import CONFIG_NAME, load_config
from ..errors import PublisherError
from ..extras import needs
from .http import PREFIX, PreviewServer
from .rebuild import Rebuilder
from .status import Status
from .watching import SourceFilter

with needs("serve"):
    import watchfiles

SOURCES = ("documents", "issues", "templates", CONFIG_NAME)
TICK_MS = 200  # how often the watch loop looks in on the background build
# How often the HTTP server looks for a stop: Ctrl-C waits this out (socketserver's 0.5 s
# default was a noticeable pause), and twenty idle wake-ups a second cost nothing measurable.
STOP_POLL_SECONDS = 0.05


def serve(root: Path, port: int = 8000, open_browser: bool = True) -> None:
    """Serve until Ctrl+C or SIGTERM."""
    config = load_config(root)
    status = Status()
    try:
        cache = Cache.for_workspace(config.root)
        server = PreviewServer(
            port, config.dist_dir, status, config.base_url, cache, workspace=config.root
        )
    except OSError as exc:
        if exc.errno != errno.EADDRINUSE:
            raise
        raise PublisherError.at(
            f"port {port} on 127.0.0.1 is in use",
            hint="pass another with --port, or --port 0 for any free one",
        ) from None
    rebuilder = Rebuilder(root, status, config.dist_dir)
    _stop_asked.clear()
    restore = signal.signal(signal.SIGTERM, _interrupt)
    restore_int = signal.getsignal(signal.SIGINT)
    if restore_int is signal.default_int_handler:
        signal.signal(signal.SIGINT, _interrupt)
    try:
        click.echo("building…")
        rebuilder.rebuild()
        _stop_if_asked()
        threading.Thread(
            target=server.serve_forever,
            kwargs={"poll_interval": STOP_POLL_SECONDS},
            name="http",
            daemon=True,
        ).start()
        try:
            url = f"http://127.0.0.1:{server.server_port}/"
            click.echo(f"serving {config.dist_dir} at {url}")
            click.echo(f"previews of each issue's email and PDF: {url}{PREFIX.lstrip('/')}")
            click.echo(f"compose an issue in the browser: {url}compose")
            if open_browser:
                webbrowser.open(url)
            _watch(root, rebuilder)
        finally:
            status.close()
            server.shutdown()
    except KeyboardInterrupt:
        pass
    finally:
        signal.signal(signal.SIGTERM, restore)
        signal.signal(signal.SIGINT, restore_int)
        rebuilder.close()
        server.server_close()
    click.echo("stopped")


def _watch(root: Path, rebuilder: Rebuilder) -> None:
    """Rebuild after every change to the sources; changes made during a build come together.
    "watching …" is said once the sources are watched (an edit saved before then goes
    unseen): at the watch's first answer, at most TICK_MS after it began."""
    announced = False
    sources = SourceFilter(root)  # what the build reads: not hidden files, nor editors' scratch
    while True:
        watched = _sources(root)
        for changes in watchfiles.watch(
            *watched, watch_filter=sources, rust_timeout=TICK_MS, yield_on_timeout=True
        ):
            _stop_if_asked()
            if not announced:
                click.echo(f"watching {', '.join(p.name for p in watched)}; Ctrl+C to stop")
                announced = True
            rebuilder.poll()
            now = _sources(root)
            changed = {Path(path) for _, path in changes} | (set(now) ^ set(watched))
            if changed:
                rebuilder.changed(changed)
            # An editor that saves publisher.toml by renaming a new file over it ends the
            # watch on the old one, and a folder made since is not watched yet: start anew.
            if now != watched or root / CONFIG_NAME in changed:
                break


def _sources(root: Path) -> tuple[Path, ...]:
    return tuple(root / name for name in SOURCES if (root / name).exists())


# Ctrl+C or SIGTERM, noted before it raises KeyboardInterrupt: a library may swallow the
# exception (one raised while lxml's extension module is imported is lost), and serve went
# on to watch as if never told to stop. The watch looks at it every TICK_MS.
_stop_asked = threading.Event()


def _interrupt(signum: int, frame: FrameType | None) -> None:
    _stop_asked.set()
    if not _in_finaliser(frame):
        raise KeyboardInterrupt


def _in_finaliser(frame: FrameType | None) -> bool:
    """Whether the interrupted code is an object's `__del__` (or is called from one): an
    exception raised there is printed as "Exception ignored in…" with its traceback, and
    lost; the build or the watch stops at its next look at `_stop_asked` instead."""
    while frame is not None:
        if frame.f_code.co_name == "__del__":
            return True
        frame = frame.f_back
    return False


def _stop_if_asked() -> None:
    if _stop_asked.is_set():
        raise KeyboardInterrupt
