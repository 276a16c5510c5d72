"""`publisher serve`, against the real server: the command runs as a subprocess on a free
port in a copy of the minimal workspace, and every check is a real HTTP request."""

from __future__ import annotations

import contextlib
import html
import http.client
import io
import json
import os
import queue
import re
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import lxml.html
import pytest
import watchfiles
from click.testing import CliRunner
from conftest import FIXED_EPOCH, WORKSPACES, answering, copy_workspace
from PIL import Image

from publisher.cli import main
from publisher.config import load_config
from publisher.readers import read_document
from publisher.serve.http import PreviewServer
from publisher.serve.rebuild import Rebuilder
from publisher.serve.status import Status

CLI = "from publisher.cli import main; main()"
DOCUMENT = "first-article"  # the document the tests edit
EMAIL_WIDTHS = {"375", "600"}  # phone and desktop


@dataclass
class Response:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")


@dataclass
class Server:
    root: Path
    process: subprocess.Popen[str]
    lines: queue.Queue[str]
    port: int = 0
    output: list[str] = field(default_factory=list)

    @property
    def issue(self) -> str:
        return next((self.root / "issues").glob("*.yaml")).stem

    @property
    def article(self) -> str:
        """The edited document's page: dist/<issue>/<document>/index.html."""
        return f"/{self.issue}/{DOCUMENT}/"

    @property
    def source(self) -> Path:
        return self.root / "documents" / f"{DOCUMENT}.md"

    def connection(self, timeout: float = 10) -> http.client.HTTPConnection:
        return http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)

    def get(self, path: str) -> Response:
        """GET `path` exactly as given: http.client does not normalise '..' away."""
        connection = self.connection()
        try:
            connection.request("GET", path)
            response = connection.getresponse()
            return Response(response.status, response.headers, response.read())
        finally:
            connection.close()

    def wait_for(self, path: str, condition: Callable[[str], bool], timeout: float = 15) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            response = self.get(path)
            if response.status == 200 and condition(response.text):
                return response.text
            time.sleep(0.05)
        raise AssertionError(f"{path} did not change in {timeout} s:\n{self.log()}")

    def wait_for_line(self, pattern: str, timeout: float) -> re.Match[str]:
        deadline = time.monotonic() + timeout
        while (left := deadline - time.monotonic()) > 0:
            try:
                line = self.lines.get(timeout=left)
            except queue.Empty:
                break
            self.output.append(line)
            if found := re.search(pattern, line):
                return found
        raise AssertionError(f"no line matching {pattern!r} in {timeout} s:\n{self.log()}")

    def log(self) -> str:
        while not self.lines.empty():
            self.output.append(self.lines.get_nowait())
        return "".join(self.output)


@contextlib.contextmanager
def running_server(root: Path) -> Iterator[Server]:
    """`publisher serve` in `root`, stopped (and waited for) on leaving."""
    process = subprocess.Popen(
        [sys.executable, "-c", CLI, "-C", str(root), "serve", "--port", "0", "--no-open"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    lines: queue.Queue[str] = queue.Queue()
    reader = threading.Thread(target=lambda: [lines.put(line) for line in process.stdout or ()])
    reader.start()
    server = Server(root, process, lines)
    try:
        server.port = int(server.wait_for_line(r"at http://127\.0\.0\.1:(\d+)/", 60)[1])
        server.wait_for_line(r"^watching .*; Ctrl\+C to stop$", 60)  # an edit is seen from now
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        reader.join(timeout=15)


@pytest.fixture
def server(workspace: Callable[[str], Path]) -> Iterator[Server]:
    """A server of its own, for a test that edits the sources or stops it."""
    with running_server(workspace("minimal")) as started:
        yield started


@pytest.fixture(scope="module")
def reading_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """One server for the tests that only read what it serves (they may add files to
    dist/ of their own, under names no other test asks for)."""
    root = copy_workspace(WORKSPACES / "minimal", tmp_path_factory.mktemp("serve") / "minimal")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", FIXED_EPOCH)
        with running_server(root) as started:
            yield started


# The log line of the background build every server starts with (PDF, EPUB…): until it is
# there, that build may still be starting, with no process to see yet.
FIRST_BACKGROUND_BUILD = r"built pdf\b.* in [\d.]+ s$"


def next_event(stream: http.client.HTTPResponse, server: Server) -> dict[str, object]:
    """The next build the event stream announces (keep-alive comments skipped)."""
    while line := stream.readline().decode():
        if line.startswith("data: "):
            event: dict[str, object] = json.loads(line.removeprefix("data: "))
            return event
    raise AssertionError(f"the event stream ended:\n{server.log()}")


def test_an_edited_document_is_served_before_the_pdf_and_epub_are_rebuilt(
    server: Server,
) -> None:
    """What makes an edit show at once: the preview stage builds what the browser shows
    and announces it while the PDF and EPUB are still being built in the background."""
    pdf = load_config(server.root).dist_dir / server.issue / f"{server.issue}.pdf"
    server.wait_for_line(FIRST_BACKGROUND_BUILD, 60)
    before = pdf.read_bytes()
    sentence = f"Written while the server runs, {time.time_ns()}."
    assert sentence not in server.get(server.article).text

    connection = server.connection(timeout=30)
    connection.request("GET", "/__publisher/events")
    stream = connection.getresponse()
    try:
        text = server.source.read_text()
        server.source.write_text(
            text.replace("\n\nA paragraph", f"\n\n{sentence}\n\nA paragraph", 1)
        )
        event = next_event(stream, server)
        assert (event["stage"], event["ok"]) == ("preview", True), server.log()
        assert sentence in server.get(server.article).text
        assert background_builds(server.process.pid), "the PDF and EPUB are built after it"
        assert pdf.read_bytes() == before
    finally:
        connection.close()


def test_every_build_good_or_failed_is_announced_on_the_event_stream(server: Server) -> None:
    connection = server.connection(timeout=15)
    connection.request("GET", "/__publisher/events")
    stream = connection.getresponse()
    assert stream.status == 200
    assert stream.headers["Content-Type"] == "text/event-stream"

    def next_preview_build() -> dict:
        """The next event for the stage that builds what the browser shows (the background
        build of PDF and EPUB announces itself too)."""
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            line = stream.readline().decode()
            if line.startswith("data: "):
                event = json.loads(line.removeprefix("data: "))
                if event["stage"] == "preview":
                    return event
        raise AssertionError(server.log())

    try:
        text = server.source.read_text()
        server.source.write_text(text + "\nOne more line.\n")
        good = next_preview_build()
        server.source.write_text(text.replace("date: 2026-01-05", "date: someday"))
        failed = next_preview_build()
    finally:
        connection.close()

    assert good["ok"] is True
    assert failed["ok"] is False
    assert failed["build"] > good["build"]


def test_a_build_error_shows_on_every_page_until_the_next_good_build(server: Server) -> None:
    good = server.source.read_text()
    line = next(n for n, text in enumerate(good.splitlines(), 1) if text.startswith("date:"))
    bad_value = "<em>soon</em>"
    server.source.write_text(good.replace("date: 2026-01-05", f"date: {bad_value}"))

    page = server.wait_for(server.article, lambda page: "publisher-build-error" in page)
    banner = lxml.html.fromstring(page).get_element_by_id("publisher-build-error")
    banner_text = banner.text_content()
    assert f"{server.source.name}:{line}:" in banner_text
    assert bad_value in banner_text  # shown as text: escaped, never markup
    assert not banner.xpath(".//em")
    assert "A paragraph with" in page  # the last good build is still served
    for other in ("/", f"/{server.issue}/", "/__publisher/"):
        assert "publisher-build-error" in server.get(other).text, other

    server.source.write_text(good)
    page = server.wait_for(server.article, lambda page: "publisher-build-error" not in page)
    assert "A paragraph with" in page


def test_what_a_build_warns_of_shows_on_every_page_until_it_is_mended(server: Server) -> None:
    """The editor previewing in a browser sees what the terminal says: here, a picture
    with no description, named as the editor knows the file."""
    good = server.source.read_text()
    (server.root / "documents" / "media").mkdir()
    Image.new("RGB", (60, 40), "orange").save(server.root / "documents" / "media" / "banner.png")
    server.source.write_text(good + "\n![](media/banner.png)\n")

    page = server.wait_for(server.article, lambda page: "publisher-build-warnings" in page)
    notice = lxml.html.fromstring(page).get_element_by_id("publisher-build-warnings")
    said = " ".join(notice.text_content().split())
    assert f"documents/{server.source.name}:" in said and "no description (alt text)" in said
    assert str(server.root) not in said
    for other in ("/", f"/{server.issue}/"):
        assert "publisher-build-warnings" in server.get(other).text, other

    server.source.write_text(good + "\n![The new banner](media/banner.png)\n")
    server.wait_for(server.article, lambda page: "publisher-build-warnings" not in page)


def test_what_the_background_build_warns_of_is_listed_too(server: Server) -> None:
    """Print's own warnings come from the build in the background (PDF, leaflet, EPUB)."""
    manifest = server.root / "issues" / f"{server.issue}.yaml"
    long_summary = " ".join(["solidarity"] * 700)
    manifest.write_text(
        re.sub(
            r"(?m)^title: .*$",
            lambda m: f'{m[0]}\nsummary: "{long_summary}"',
            manifest.read_text(),
            count=1,
        )
    )
    page = server.wait_for(
        f"/{server.issue}/", lambda page: "the cover runs onto a second" in page, timeout=60
    )
    notice = lxml.html.fromstring(page).get_element_by_id("publisher-build-warnings")
    assert f"issues/{server.issue}.yaml: the cover runs onto" in notice.text_content()


def test_only_files_inside_dist_are_served(reading_server: Server) -> None:
    server = reading_server
    secret = (server.root / "publisher.toml").read_text()
    dist = load_config(server.root).dist_dir
    (dist / "leak").symlink_to(server.root / "publisher.toml")
    (dist / "loop").symlink_to("loop")
    for path in (
        "/../publisher.toml",
        "/%2e%2e/publisher.toml",
        f"/{server.issue}/../../publisher.toml",
        "/..%2fpublisher.toml",
        "/leak",
        "/loop",
        "/%00",
    ):
        response = server.get(path)
        assert response.status == 404, path
        assert secret not in response.text


def test_an_address_too_long_for_a_file_name_is_not_found(reading_server: Server) -> None:
    """A link mangled by a mail program or a chat (300 characters in one part) dropped the
    connection, and the terminal showed a traceback (File name too long)."""
    server = reading_server
    for path in (
        f"/{server.issue}/{'x' * 300}/",
        f"/{server.issue}/{'x' * 300}",
        f"/{'x/' * 3000}",
    ):
        response = server.get(path)
        assert response.status == 404, path
    assert server.get(f"/{server.issue}/").status == 200  # and it serves on
    assert "Traceback" not in server.log()


def test_the_composer_address_it_prints_lists_the_workspaces_documents(
    reading_server: Server,
) -> None:
    server = reading_server
    printed = r"compose an issue in the browser: http://127\.0\.0\.1:(\d+)(/\S+)"
    wait_until(lambda: re.search(printed, server.log()) is not None, server)
    port, path = re.search(printed, server.log()).groups()  # type: ignore[union-attr]
    assert int(port) == server.port
    page = server.get(path)
    assert page.status == 200, page.text
    titles = [
        read_document(p, p.stem, p.parent, "en").title
        for p in (server.root / "documents").glob("*.md")
    ]
    assert titles and all(html.escape(title) in page.text for title in titles)


def test_outputs_are_served_with_their_type_and_never_cached(reading_server: Server) -> None:
    server = reading_server
    dist = load_config(server.root).dist_dir
    issue = server.issue
    wait_until(lambda: (dist / issue / f"{issue}.epub").is_file(), server)  # background build
    for name, image_format in (("photo.png", "PNG"), ("photo.jpg", "JPEG")):
        picture = io.BytesIO()
        Image.new("RGB", (4, 4), "teal").save(picture, image_format)
        (dist / name).write_bytes(picture.getvalue())
    expected = {
        server.article: "text/html; charset=utf-8",
        "/site.css": "text/css; charset=utf-8",
        "/sitemap.xml": "application/xml",
        "/feed.atom": "application/atom+xml",
        "/feed.rss": "application/rss+xml",
        f"/{issue}/{issue}.pdf": "application/pdf",
        f"/{issue}/{issue}.epub": "application/epub+zip",
        "/photo.png": "image/png",
        "/photo.jpg": "image/jpeg",
    }
    for path, content_type in expected.items():
        response = server.get(path)
        assert response.status == 200, path
        assert response.headers["Content-Type"] == content_type, path
        assert response.headers["Cache-Control"] == "no-store", path
        if not content_type.startswith("text/html"):  # served as built, byte for byte
            assert response.body == (dist / path.lstrip("/")).read_bytes(), path
    assert server.get("/missing/").headers["Cache-Control"] == "no-store"


def test_html_gets_the_reload_script_as_served_while_dist_stays_script_free(
    reading_server: Server,
) -> None:
    server = reading_server
    dist = load_config(server.root).dist_dir
    served = server.get(server.article).text
    on_disk = (dist / server.article.strip("/") / "index.html").read_text()

    scripts = lxml.html.fromstring(served).xpath("//script/text()")
    assert len(scripts) == 1 and "/__publisher/events" in scripts[0]
    assert "<script" not in on_disk
    # as built, but links to the site itself lead to this server
    site = load_config(server.root).base_url
    local = on_disk.replace(f'href="{site}', 'href="/').replace(f'action="{site}', 'action="/')
    assert local != on_disk  # the page does link the site: its canonical address, at least
    end = local.rindex("</body>")
    assert served.startswith(local[:end]) and served.endswith(local[end:])


def test_previews_show_each_issue_email_at_phone_and_desktop_width_and_its_pdf(
    reading_server: Server,
) -> None:
    server = reading_server
    dist = load_config(server.root).dist_dir
    issue = server.issue
    index = lxml.html.fromstring(server.get("/__publisher/").text)
    links = set(index.xpath("//a/@href"))
    assert {f"/{issue}/", f"/__publisher/{issue}/email", f"/__publisher/{issue}/pdf"} <= links

    preview = lxml.html.fromstring(server.get(f"/__publisher/{issue}/email").text)
    frames = preview.xpath("//iframe")
    assert {frame.get("width") for frame in frames} == EMAIL_WIDTHS
    assert len(frames) == len(EMAIL_WIDTHS)
    for frame in frames:
        assert frame.get("src").split("?")[0] == f"/{issue}/email.html"
        shown = server.get(frame.get("src"))
        assert shown.status == 200
        email_html = (dist / issue / "email.html").read_text()
        base_url = load_config(server.root).base_url
        assert shown.text == email_html.replace(base_url, "/")  # its links lead here

    pdf = f"/{issue}/{issue}.pdf"
    wait_until(lambda: (dist / pdf.lstrip("/")).is_file(), server)
    page = lxml.html.fromstring(server.get(f"/__publisher/{issue}/pdf").text)
    assert pdf in page.xpath("//a/@href")
    assert page.xpath("//iframe/@src") == [pdf]
    assert server.get(pdf).body[:5] == b"%PDF-"


def test_stopping_the_server_stops_its_background_build(server: Server) -> None:
    """Stopped, not waited for: the build process and its workers end, and the PDF never
    gets the edit. (The server has other children, multiprocessing's fork server and
    resource tracker, which end with it anyway: the builds are the fork server's children.)"""
    pdf = load_config(server.root).dist_dir / server.issue / f"{server.issue}.pdf"
    server.wait_for_line(FIRST_BACKGROUND_BUILD, 60)
    before = pdf.read_bytes()
    server.source.write_text(server.source.read_text() + "\nAnother line.\n")

    wait_until(lambda: bool(background_builds(server.process.pid)), server)
    builds = background_builds(server.process.pid)
    running = builds | {pid for build in builds for pid in descendants(build)}
    server.process.terminate()
    assert server.process.wait(timeout=15) == 0
    wait_until(lambda: not any(alive(pid) for pid in running), server)
    assert "stopped" in server.log()
    assert pdf.read_bytes() == before
    assert [p.name for p in pdf.parent.iterdir() if p.name.startswith(".")] == []


# A background build started as `serve` starts them (its fork server, warmed up), whose
# child loads WeasyPrint and says how that went.
FORKED_BUILD = """
import sys
from publisher.serve.rebuild import _PROCESSES

def child():
    from publisher.renderers.weasy import import_weasyprint
    try:
        import_weasyprint()
    except OSError as exc:
        print("the build says:", exc)

if __name__ == "__main__":
    process = _PROCESSES.Process(target=child)
    process.start()
    process.join()
    sys.exit(process.exitcode)
"""


def test_a_library_that_will_not_load_is_the_builds_to_report_not_the_fork_servers(
    tmp_path: Path,
) -> None:
    """The fork server's warm-up meets a broken install first (here WeasyPrint's libraries
    missing). Raised there, it would end the fork server, and every background build would
    fail with an EOFError; left to the build, it is said as any build says it."""
    (tmp_path / "weasyprint").mkdir()
    (tmp_path / "weasyprint" / "__init__.py").write_text(
        "raise OSError(\"cannot load library 'libpango-1.0-0'\")\n"
    )
    script = tmp_path / "forked_build.py"  # a file: the child finds `child` in it
    script.write_text(FORKED_BUILD)
    result = subprocess.run(
        [sys.executable, str(script)],
        env={**os.environ, "PYTHONPATH": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "the build says: cannot load library 'libpango-1.0-0'" in result.stdout, result.stderr


# A background build stopped (SIGTERM: the next edit) while Python runs a finalizer, as
# WeasyPrint's FontConfiguration.__del__ or an import lock's callback: what the stop raises
# there Python prints as "Exception ignored in" with a traceback, and goes on.
STOPPED_IN_A_FINALIZER = """
import os, signal, time
from publisher.serve.rebuild import stop_on_sigterm

stop_on_sigterm()

class FontConfiguration:
    def __del__(self):
        os.kill(os.getpid(), signal.SIGTERM)
        for _ in range(100_000):  # the stop is heard here, inside the finalizer
            pass

FontConfiguration()
time.sleep(10)
print("the build went on")
"""


def test_a_background_build_stopped_during_a_finalizer_ends_without_a_traceback() -> None:
    result = subprocess.run(
        [sys.executable, "-c", STOPPED_IN_A_FINALIZER],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stderr == ""
    assert result.stdout == ""
    assert result.returncode == 1


def test_a_port_in_use_is_a_clear_error(workspace: Callable[[str], Path]) -> None:
    root = workspace("minimal")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = CliRunner().invoke(main, ["-C", str(root), "serve", "--port", str(port)])
    assert result.exit_code == 1
    assert f"port {port}" in result.output and "--port 0" in result.output
    assert not (root / "dist").exists()  # nothing built before the port was had


def wait_until(condition: Callable[[], bool], server: Server, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.05)
    raise AssertionError(f"still waiting after {timeout} s:\n{server.log()}")


def child_processes(parent: int) -> set[int]:
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == parent:
            found.add(int(stat.parent.name))
    return found


def descendants(parent: int) -> set[int]:
    children = child_processes(parent)
    return children | {pid for child in children for pid in descendants(child)}


def background_builds(server: int) -> set[int]:
    """The builds the server runs in the background: the children of its fork server
    (multiprocessing's, a child of the server beside its resource tracker)."""
    found = set()
    for pid in child_processes(server):
        try:
            command = Path(f"/proc/{pid}/cmdline").read_bytes()
        except OSError:
            continue
        if b"multiprocessing.forkserver" in command:
            found |= {child for child in child_processes(pid) if alive(child)}
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.parametrize("name", ["002-second.yaml", "002-second.YAML"])
def test_an_edited_manifest_rebuilds_its_issue_alone(
    workspace: Callable[[str], Path], name: str
) -> None:
    """Whatever case its suffix is in (Windows saves .YAML): not every issue again."""
    from publisher.serve.rebuild import scope_of

    root = workspace("minimal")
    first = (root / "issues" / "001-first.yaml").read_text()
    (root / "issues" / name).write_text(first.replace("number: 1", "number: 2"))
    scope = scope_of(root, [root / "issues" / name])
    assert (scope.every, scope.issues) == (False, frozenset({"002-second"}))


# An editorial past Gmail's 102 KB clipping, written as an editor pastes a long appeal.
LONG_EDITORIAL = "\n\n".join(
    "  The cleaners at the depot have not had a pay rise in six years. " * 40 for _ in range(45)
)


@contextlib.contextmanager
def rebuilding(root: Path) -> Iterator[tuple[Rebuilder, Status]]:
    """serve's builder and what it tells the pages, without the web server or the watch:
    the test says which files changed. Its first build is of every issue, as serve's."""
    status = Status()
    rebuilder = Rebuilder(root, status)
    try:
        rebuilder.rebuild()
        yield rebuilder, status
    finally:
        rebuilder.close()


def test_a_warning_stays_listed_while_other_issues_are_rebuilt_until_its_own_is_mended(
    workspace: Callable[[str], Path],
) -> None:
    """serve rebuilds only the issues an edit concerns: what the others warned of stays
    listed, and goes once the issue it came from is built again without it."""
    root = workspace("minimal")
    first = root / "issues" / "001-first.yaml"
    short = first.read_text()
    first.write_text(short.replace("  Hello from the editors.\n", LONG_EDITORIAL + "\n"))
    second = root / "issues" / "002-segunda.yaml"
    second.write_text(
        "number: 2\ntitle: Segunda edição\ndate: 2026-01-20\nlanguage: pt-BR\n"
        "sections:\n  - title: Notícias\n    documents: [second-article]\n"
    )

    def listed() -> tuple[bool, bool]:
        """Whether the footer lists issue 1's clipped email, and issue 2's untranslated words."""
        said = status.warnings
        clipped = any("001-first" in w and "Gmail clips" in w for w in said)
        untranslated = any(w.startswith("issues/002-segunda.yaml: publisher's own") for w in said)
        return clipped, untranslated

    with rebuilding(root) as (rebuilder, status):
        assert listed() == (True, True), status.warnings

        second.write_text(second.read_text().replace("Segunda edição", "Segunda edição!"))
        rebuilder.changed([second])
        assert listed() == (True, True), status.warnings  # issue 1 was not mended

        first.write_text(short)
        rebuilder.changed([first])
        assert listed() == (False, True), status.warnings  # mended, and issue 2 not

        second.write_text(second.read_text().replace("language: pt-BR", "language: es"))
        rebuilder.changed([second])
        assert listed() == (False, False), status.warnings


def test_the_preview_index_lists_each_issues_language_editions_with_their_pages(
    workspace: Callable[[str], Path],
) -> None:
    """Issue 1 has Spanish and Arabic editions, issue 2 a Spanish one: each is listed
    under its issue, with its title, its web page, its email and its PDF, as serve builds them."""
    root = workspace("editions")
    config = load_config(root)
    with (
        rebuilding(root) as (_, status),
        answering(PreviewServer(0, config.dist_dir, status, config.base_url)) as port,
    ):

        def get(path: str) -> tuple[int, str]:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            try:
                connection.request("GET", path)
                response = connection.getresponse()
                return response.status, response.read().decode()
            finally:
                connection.close()

        index = lxml.html.fromstring(get("/__publisher/")[1])
        rows = [" ".join(row.text_content().split()) for row in index.xpath("//tbody/tr")]
        links = set(index.xpath("//tbody//a/@href"))
        for page in (
            "/001-editions/es/",
            "/001-editions/ar/",
            "/002-omitted/es/",
            "/001-editions/es/email.html",
            "/002-omitted/es/email.html",
        ):
            assert page in links, rows
            assert get(page)[0] == 200, page
        assert "/001-editions/es/001-editions.pdf" in links  # the background build makes it
    assert any("es" in row and "Igualdad salarial ya" in row for row in rows), rows


def test_a_macs_resource_fork_in_issues_changes_no_build(workspace: Callable[[str], Path]) -> None:
    """A Mac copying a manifest to a shared drive writes `._` + its name beside it: serve's
    builds pass it over, as its watch does, and go on building."""
    root = workspace("minimal")
    fork = root / "issues" / "._001-first.yaml"
    document = root / "documents" / f"{DOCUMENT}.md"
    with rebuilding(root) as (rebuilder, status):
        fork.write_bytes(b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X        \x00\x02")
        document.write_text(document.read_text() + "\nOne more line.\n")
        rebuilder.changed([document])
        assert status.errors == []
        assert status.last.ok


@pytest.mark.parametrize(
    "name",
    [
        "001-first.yaml",
        "002-second.YML",
        "003-third.toml",
        "._001-first.yaml",
        ".001-first.yaml",
        "~$001-first.yaml",
        "001-first.yaml~",
    ],
)
def test_the_watch_sees_a_file_in_issues_if_and_only_if_it_is_an_issue(
    workspace: Callable[[str], Path], name: str
) -> None:
    """What the watch rebuilds for and what the build reads agree: a change to a hidden
    file nobody reads would rebuild for nothing, and a file the build read unseen would
    break the next build, or keep its error on every page after it is gone."""
    from publisher.manifest import manifest_paths
    from publisher.serve.watching import SourceFilter

    root = workspace("minimal")
    path = root / "issues" / name
    path.write_text("number: 9\n")
    read = path in manifest_paths(root / "issues")
    watched = SourceFilter(root)(watchfiles.Change.added, str(path))
    assert watched == read


def test_the_terminal_says_a_warning_once_until_it_is_mended(
    workspace: Callable[[str], Path],
) -> None:
    """Both stages of every build warn of the same file: the terminal says it once, and
    again only once it was mended and came back, so "built" and "failed" stay in sight."""
    root = workspace("minimal")
    stray = root / "templates" / "print.css"  # the theme's is at pdf/print.css
    stray.parent.mkdir(exist_ok=True)
    stray.write_text("body { color: teal; }\n")
    warning = "templates/print.css overrides no template of the theme"
    document = root / "documents" / f"{DOCUMENT}.md"

    def built_both_stages(server: Server) -> None:
        server.wait_for_line(r"built email\b.* in [\d.]+ s$", 60)
        server.wait_for_line(FIRST_BACKGROUND_BUILD, 60)

    with running_server(root) as server:
        server.wait_for_line(FIRST_BACKGROUND_BUILD, 60)
        for edit in range(2):
            document.write_text(document.read_text() + f"\nEdit {edit}.\n")
            built_both_stages(server)
        assert server.log().count(warning) == 1, server.log()

        stray.unlink()
        built_both_stages(server)
        stray.write_text("body { color: teal; }\n")
        built_both_stages(server)
        assert server.log().count(warning) == 2, server.log()


def test_a_first_build_that_fails_says_nothing_is_built_yet_not_the_last_good_outputs(
    workspace: Callable[[str], Path],
) -> None:
    """With no dist/ and a manifest the build refuses there are no last good outputs to
    serve: the terminal and the pages say nothing is built yet, and the address serve
    prints shows the error, not a bare "Not found". Once something is built, a failure
    serves it."""
    root = workspace("minimal")
    manifest = root / "issues" / "001-first.yaml"
    good = manifest.read_text()
    manifest.write_text(re.sub(r"(?m)^date: .*$", "date: 2026-02-30", good))
    with running_server(root) as server:
        failed = server.log()
        assert "failed after" in failed and "(nothing built yet; fix this and it builds)" in failed
        assert "serving the last good outputs" not in failed
        home = server.get("/")
        assert home.status == 503
        page = lxml.html.fromstring(home.text)
        assert page.xpath("//h1")[0].text_content() == "Nothing is built yet"
        banner = page.get_element_by_id("publisher-build-error").text_content()
        assert "nothing is built yet; fix this and it builds" in banner
        assert "2026-02-30" in banner and "last good build" not in banner

        manifest.write_text(good)
        server.wait_for("/", lambda page: "publisher-build-error" not in page)
        manifest.write_text(re.sub(r"(?m)^date: .*$", "date: 2026-13-01", good))
        line = server.wait_for_line(r"failed after", 30)
        assert "(serving the last good outputs)" in line.string
        page = server.wait_for("/", lambda page: "publisher-build-error" in page)
        assert "shows the last good build" in page


@pytest.mark.parametrize(
    ("path", "watched"),
    [
        ("documents/first-article.md", True),
        ("documents/media/4913.png", True),
        ("documents/1234", True),  # no scratch file of an editor's: rebuilt for
        ("templates/email/masthead.mjml", True),
        ("publisher.toml", True),
        ("documents/4913", False),  # Vim's test that it may write in the folder, each save
        ("documents/5036", False),  # the same, when 4913 is taken
        ("issues/4913", False),
        ("documents/first-article.md~", False),  # backups
        ("documents/.first-article.md.swp", False),  # Vim's swap file
        ("documents/#first-article.md#", False),  # Emacs's auto-save
        ("documents/.#first-article.md", False),  # Emacs's lock
        ("documents/~$Statement.docx", False),  # Word's owner file
        ("documents/.~lock.Statement.odt#", False),  # LibreOffice's lock
        ("documents/.DS_Store", False),  # a Mac's folder settings
        ("documents/.obsidian/workspace.json", False),  # a hidden folder's files
    ],
)
def test_the_watch_passes_over_editors_scratch_files(
    workspace: Callable[[str], Path], path: str, watched: bool
) -> None:
    """Saving a file in Vim makes and removes a file named 4913 beside it first: a change
    to a file no build reads rebuilt everything and reloaded the browser, twice a save."""
    from publisher.serve.watching import SourceFilter

    root = workspace("minimal")
    for change in (watchfiles.Change.added, watchfiles.Change.deleted):
        assert SourceFilter(root)(change, str(root / path)) is watched, change
