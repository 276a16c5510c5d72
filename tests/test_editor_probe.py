"""What an editor who never writes YAML meets: `publisher serve` stopped with Ctrl+C at any
moment, the composer's answers when an issue cannot be saved yet, and the commands' output
read in a terminal. Each test is a defect found by trying the commands as an editor would."""

from __future__ import annotations

import fcntl
import html
import json
import os
import pty
import re
import signal
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pikepdf
import pytest
from click.testing import CliRunner
from PIL import Image
from test_compose import finished_task, form_of, replaced, request, serving, token_of
from test_serve import running_server

from publisher.cli import main

Fields = list[tuple[str, str]]

CLI = "from publisher.cli import main; main()"


def interrupted_serve(root: Path, delay: float) -> tuple[int, str]:
    """`publisher serve` in `root`, sent Ctrl+C (SIGINT to its process group, as a
    terminal does) `delay` seconds after it says "building…"; its exit code and output."""
    process = subprocess.Popen(
        [sys.executable, "-c", CLI, "-C", str(root), "serve", "--port", "0", "--no-open"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    assert process.stdout is not None
    output = [process.stdout.readline()]
    assert output[0].startswith("building"), output
    time.sleep(delay)
    os.killpg(process.pid, signal.SIGINT)
    try:
        rest, _ = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
    return process.returncode, "".join(output) + rest


# serve's background build as its own process, whose interpreter takes a second to tidy up
# once the build is over (as it removes a temporary folder, or many)
ENDING_BACKGROUND_BUILD = """
import atexit, sys, time
from multiprocessing import Pipe
from pathlib import Path
from publisher.serve.rebuild import build_in_background

atexit.register(time.sleep, 1.5)
result, sender = Pipe(duplex=False)
build_in_background(Path(sys.argv[1]), (), ("feed",), sender)
print("built", result.recv()[0], flush=True)
"""


def test_a_background_build_stopped_as_it_ends_ends_quietly(
    workspace: Callable[[str], Path],
) -> None:
    """serve stops its background build (SIGTERM) when Ctrl+C stops serve; one that has
    sent its result is ending anyway. Stopped while its interpreter tidied up, it printed a
    SystemExit's traceback into serve's output (seen once in a full run, from a temporary
    folder's removal)."""
    child = subprocess.Popen(
        [sys.executable, "-c", ENDING_BACKGROUND_BUILD, str(workspace("minimal"))],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    assert child.stdout is not None
    assert child.stdout.readline() == "built None\n"
    child.send_signal(signal.SIGTERM)
    rest, _ = child.communicate(timeout=30)
    assert "Traceback" not in rest and child.returncode == 0, rest


@pytest.mark.parametrize("delay", [0.2, 0.4, 0.6, 0.8, 1.0, 1.3])
def test_ctrl_c_while_serve_starts_stops_it_without_a_traceback(
    workspace: Callable[[str], Path], delay: float
) -> None:
    """The first second of `serve` (its first build, the background builder warming up) is
    when an editor who started the wrong workspace presses Ctrl+C: it stops, saying so."""
    code, output = interrupted_serve(workspace("minimal"), delay)
    assert "Traceback" not in output
    assert "unexpected problem" not in output
    assert code in (0, 130), output  # stopped in its loop, or as it started (128 + SIGINT)
    assert output.rstrip().endswith(("stopped", "Aborted!")), output


# `publisher serve` whose first build swallows a Ctrl+C, as a library does when it arrives
# while lxml's extension module is imported (the test above met it one time in ten on a
# busy machine).
SWALLOWED_CTRL_C = """
import os, signal
from publisher.serve import rebuild

build_first = rebuild.Rebuilder.rebuild

def rebuild_losing_ctrl_c(self):
    try:
        os.kill(os.getpid(), signal.SIGINT)
        sum(range(100000))  # the handler runs here, and its KeyboardInterrupt is lost
    except KeyboardInterrupt:
        pass
    build_first(self)

rebuild.Rebuilder.rebuild = rebuild_losing_ctrl_c
from publisher.cli import main
main()
"""


# `publisher serve` whose first build is interrupted inside an object's finaliser, as the
# Ctrl+C test above met once in a full run (inside the `regex` module's `__del__`, as its
# patterns were collected): Python prints what a finaliser raises as "Exception ignored"
# with its traceback.
CTRL_C_IN_A_FINALISER = """
import os, signal
from publisher.serve import rebuild

build_first = rebuild.Rebuilder.rebuild

class Finalised:
    def __del__(self):
        os.kill(os.getpid(), signal.SIGINT)
        sum(range(100000))  # the handler runs here, inside __del__

def rebuild_interrupted_in_a_finaliser(self):
    Finalised()  # collected at once
    build_first(self)

rebuild.Rebuilder.rebuild = rebuild_interrupted_in_a_finaliser
from publisher.cli import main
main()
"""


@pytest.mark.parametrize(
    "script",
    [SWALLOWED_CTRL_C, CTRL_C_IN_A_FINALISER],
    ids=["swallowed by a library", "inside a finaliser"],
)
def test_a_ctrl_c_the_first_build_cannot_act_on_at_once_still_stops_serve_quietly(
    workspace: Callable[[str], Path], script: str
) -> None:
    serve = ["-C", workspace("minimal"), "serve", "--port", "0", "--no-open"]
    process = subprocess.Popen(
        [sys.executable, "-c", script, *serve],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        output, _ = process.communicate(timeout=60)
    finally:
        process.kill()
    assert "Traceback" not in output and "Exception ignored" not in output, output
    assert process.returncode == 0, output
    assert output.rstrip().endswith("stopped") and "watching" not in output, output


@pytest.fixture
def composer(workspace: Callable[[str], Path]) -> Iterator[tuple[int, Path]]:
    """The composer of a fresh copy of the sample workspace (issue 5, in 005-winter.yaml)."""
    root = workspace("compose-basic")
    with serving(root) as port:
        yield port, root


def new_issue(port: int, number: str, title: str, *sections: tuple[str, list[str]]) -> Fields:
    """The new-issue form as an editor fills it in: number, title, and sections."""
    _, page = request(port, "GET", "/compose/new")
    fields = [(k, v) for k, v in form_of(page) if not k.startswith("section.")]
    fields = replaced(fields, number=number, title=title)
    for section, documents in sections:
        fields += [("section.title", section), *(("section.document", d) for d in documents)]
    return fields


def test_a_section_without_documents_is_named_by_its_title_not_a_line_of_yaml(
    composer: tuple[int, Path],
) -> None:
    """An editor adds a section to fill later: the page says which section needs a
    document, not a line of an issues/*.yaml they never saw and that is not written."""
    port, root = composer
    fields = new_issue(port, "6", "Spring", ("Housing", ["rent-strike"]), ("Reportajes", []))
    status, page = request(port, "POST", "/compose/save", fields)
    assert status == 422
    said = html.unescape(page)
    assert "section 2 (Reportajes) has no documents yet" in said
    assert "add a document to it, or remove the section" in said
    assert ".yaml:" not in said  # no file and line: nothing was written
    assert sorted(p.name for p in (root / "issues").iterdir()) == ["005-winter.yaml"]


def test_a_new_issue_named_as_a_saved_one_is_not_called_a_change_made_on_disk(
    composer: tuple[int, Path],
) -> None:
    """Number 5 and title "Winter news" make the name of the issue saved already: the
    editor is told to choose another number or title, not to reload someone else's issue
    (which would throw away what they typed), and the saved issue is left as it was."""
    port, root = composer
    winter = (root / "issues" / "005-winter.yaml").read_bytes()
    fields = new_issue(port, "5", "Winter", ("Housing", ["ferry-cuts"]))
    fields.append(("_accept", "application/json"))
    status, answer = request(port, "POST", "/compose/save", fields)
    assert status == 422
    reply = json.loads(answer)
    assert not reply.get("conflict")
    assert any("issues/005-winter.yaml" in error for error in reply["errors"])
    assert any("another number or title" in error for error in reply["errors"])
    assert not any("changed on disk" in error for error in reply["errors"])
    assert (root / "issues" / "005-winter.yaml").read_bytes() == winter


def in_terminal(args: list[str], columns: int) -> str:
    """What `publisher ARGS` shows in a terminal `columns` wide (a pseudo-terminal), its
    colours taken out."""
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 40, columns, 0, 0))
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    process = subprocess.Popen(
        [sys.executable, "-c", CLI, *args],
        stdin=follower,
        stdout=follower,
        stderr=follower,
        env={**env, "TERM": "xterm"},
    )
    os.close(follower)
    shown = bytearray()
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal's other end closed: the command has ended
            break
        if not chunk:
            break
        shown += chunk
    os.close(leader)
    process.wait(timeout=60)
    return re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", shown.decode("utf-8", "replace"))


def test_checks_table_fits_the_terminal_and_what_failed_is_listed_whole_below_it(
    workspace: Callable[[str], Path],
) -> None:
    """In a terminal 100 columns wide, the table is 100 columns wide (at 160, every row
    wrapped into two broken lines), and each failure is said again under it with its file
    and line in full, not lost among the passes or cut short in a narrow column."""
    root = workspace("minimal")
    (root / "documents" / "media").mkdir()
    Image.new("RGB", (40, 30), "red").save(root / "documents" / "media" / "red.png")
    article = root / "documents" / "first-article.md"
    article.write_text(article.read_text() + "\n![](media/red.png)\n")
    built = CliRunner().invoke(main, ["-C", str(root), "build", "-f", "web,feed"])
    assert built.exit_code == 0, built.output

    shown = in_terminal(["-C", str(root), "check", "--no-build", "-f", "web"], 100)
    table = [line for line in shown.splitlines() if line[:1] in "┏┃┡│└"]
    assert table and max(len(line) for line in table) <= 100, shown
    listed = shown.split("To look at:")[-1]
    assert "fail: dist/001-first/index.html:" in listed, shown
    assert "web, image alt text" in listed and "has no alt" in listed, shown
    assert re.search(r"^\d+ passed, [1-9]\d* failed", shown, re.M), shown


def test_an_issue_deleted_while_serve_runs_leaves_dist_and_the_preview(
    workspace: Callable[[str], Path],
) -> None:
    """An editor withdraws an issue by deleting its manifest while previewing: its pages,
    PDF and email go from dist/ (which they may sync to the web server) as
    `publisher build` takes them away, and the preview answers 404 for it."""
    root = workspace("minimal")
    first = root / "issues" / "001-first.yaml"
    second = root / "issues" / "002-withdrawn.yaml"
    second.write_text(
        first.read_text().replace("number: 1", "number: 2").replace("First", "Withdrawn")
    )
    withdrawn = root / "dist" / "002-withdrawn"
    with running_server(root) as server:
        server.wait_for_line(r"built pdf\b.* in [\d.]+ s$", 60)
        assert (withdrawn / "002-withdrawn.pdf").is_file(), server.log()
        assert server.get("/002-withdrawn/").status == 200
        second.unlink()
        deadline = time.monotonic() + 30
        while withdrawn.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not withdrawn.exists(), sorted(p.name for p in withdrawn.iterdir())
        assert server.get("/002-withdrawn/").status == 404
        assert (root / "dist" / "001-first" / "001-first.pdf").is_file()


UNFINISHED = '---\ntitle: "Half written"\n{mark}\n---\n\nTo be finished.\n'


@pytest.mark.parametrize("mark", ["draft: true", "published: false", "status: draft"])
def test_list_marks_the_documents_issues_leave_out_as_drafts(
    workspace: Callable[[str], Path], mark: str
) -> None:
    """An issue that lists a draft leaves it out: `publisher list` says which ones are."""
    root = workspace("minimal")
    (root / "documents" / "half-written.md").write_text(UNFINISHED.format(mark=mark))
    result = CliRunner().invoke(main, ["-C", str(root), "list"])
    assert result.exit_code == 0, result.output
    listed = result.output.splitlines()
    half_written = next(line for line in listed if " half-written.md" in line)
    first_article = next(line for line in listed if " first-article.md" in line)
    assert half_written.endswith("(draft)"), result.output
    assert "(draft)" not in first_article, result.output


@pytest.mark.parametrize("mark", ["draft: sí", "published: non"])
def test_list_names_a_draft_flag_the_build_would_stop_at_with_its_line(
    workspace: Callable[[str], Path], mark: str
) -> None:
    """`draft: sí` was listed as an ordinary document: neither a draft nor a problem until
    the build stopped at it."""
    root = workspace("minimal")
    path = root / "documents" / "half-written.md"
    path.write_text(UNFINISHED.format(mark=mark))
    result = CliRunner().invoke(main, ["-C", str(root), "list"])
    assert result.exit_code == 0, result.output
    listed = result.output.splitlines()
    half_written = next(line for line in listed if " half-written.md" in line)
    assert half_written.endswith("half-written.md  (front matter: line 3)"), result.output
    key, value = mark.split(": ")
    assert f"{path}:3: {key!r} is {value!r}, which is neither true nor false" in listed


def test_the_composer_shows_which_documents_are_drafts(composer: tuple[int, Path]) -> None:
    """Added to an issue, a draft would be left out of it: the pool says so beside it."""
    port, root = composer
    (root / "documents" / "half-written.md").write_text(UNFINISHED.format(mark="draft: true"))
    for page in ("/compose", "/compose/new"):
        status, shown = request(port, "GET", page)
        assert status == 200
        text = " ".join(re.sub(r"<[^>]+>", " ", html.unescape(shown)).split())
        assert "Half written (draft: issues leave it out)" in text, page
        assert "Tenants begin a rent strike (draft" not in text, page


def test_a_new_issues_first_save_is_confirmed_on_the_page_it_opens(
    browser: Any, composer: tuple[int, Path]
) -> None:
    """Save on a new issue opens the issue's own page: that page says it was saved, as
    every later save does, rather than leaving the editor to wonder."""
    port, root = composer
    page = browser.new_page()
    try:
        page.goto(f"http://127.0.0.1:{port}/compose/new")
        page.fill("input[name=number]", "6")
        page.fill("input[name=title]", "Spring")
        page.fill("input[name='section.title']", "Housing")
        page.locator("#pool li.doc", has_text="rent strike").locator("button[data-add]").click()
        page.click("button.primary")
        page.wait_for_url("**/compose/issue/006-spring.yaml*")
        page.wait_for_load_state()
        assert "Saved issues/006-spring.yaml" in page.inner_text("#status")
    finally:
        page.close()
    assert (root / "issues" / "006-spring.yaml").is_file()


def test_the_list_of_commands_says_what_each_does_without_cutting_it_short() -> None:
    """`publisher --help` is where an editor looks for the command they need: each
    command's first sentence is there whole, not cut at 45 characters with '...'."""
    shown = CliRunner().invoke(main, ["--help"], terminal_width=80).output
    commands = shown.split("Commands:")[1].split("Examples:")[0]
    assert "..." not in commands, commands
    said = " ".join(commands.split())
    assert (
        "build Build ISSUES (slug, number or manifest file; default: every issue) in every format."
        in said
    )
    assert (
        "serve Serve dist/ on 127.0.0.1 for previewing, rebuilding as the sources change;" in said
    )


def test_an_issue_naming_a_document_that_is_gone_opens_in_the_composer_to_be_mended(
    composer: tuple[int, Path],
) -> None:
    """A document renamed on disk leaves its issue naming one that is gone. The composer
    opens the issue all the same, says what the build refuses, and the editor removes the
    missing document there and saves: no YAML to open, and the file keeps its comments."""
    port, root = composer
    winter = root / "issues" / "005-winter.yaml"
    (root / "documents" / "library-hours.md").rename(root / "documents" / "library.md")
    status, page = request(port, "GET", "/compose/issue/005-winter.yaml")
    assert status == 200
    said = html.unescape(page)
    assert "no document 'library-hours' in documents/" in said
    fields = form_of(page)
    assert ("section.document", "library-hours") in fields  # shown, to be removed
    assert ("title", "Winter news") in fields

    fields.remove(("section.document", "library-hours"))
    status, _ = request(port, "POST", "/compose/save", fields)
    assert status == 303
    mended = winter.read_text(encoding="utf-8")
    assert "library-hours" not in mended
    assert "# Lead with housing." in mended and "# the big story" in mended
    assert request(port, "GET", "/compose/issue/005-winter.yaml")[0] == 200


@pytest.mark.parametrize(
    ("typed", "code"), [("Spanish", "es"), ("español", "es"), ("العربية", "ar")]
)
def test_the_composer_takes_a_language_by_its_name_as_publisher_init_does(
    composer: tuple[int, Path], typed: str, code: str
) -> None:
    """An editor types the language's name, as `publisher init` lets them: the manifest
    gets its code (BCP 47), rather than the page refusing to save."""
    port, root = composer
    _, page = request(port, "GET", "/compose/issue/005-winter.yaml")
    status, _ = request(port, "POST", "/compose/save", replaced(form_of(page), language=typed))
    assert status == 303
    written = (root / "issues" / "005-winter.yaml").read_text(encoding="utf-8")
    assert f"\nlanguage: {code}\n" in written


@pytest.mark.parametrize(
    ("options", "said"),
    [
        (["--impose", "2up"], "--impose 2up imposes leaflets, and no issue built has one"),
        (["-f", "pdf", "--impose", "4up"], "--impose 4up imposes the leaflet, which --format pdf"),
        (
            ["-f", "leaflet", "--impose", "booklet"],
            "--impose booklet imposes the issue's PDF, which --format leaflet",
        ),
    ],
)
def test_an_imposition_the_build_cannot_make_is_said_not_ignored_in_silence(
    workspace: Callable[[str], Path], options: list[str], said: str
) -> None:
    """Asked for sheets to print that this build makes none of (2-up leaflets of issues
    without a leaflet, a booklet of no PDF), the editor is told why none were written."""
    root = workspace("minimal")  # its one issue has no leaflet
    result = CliRunner().invoke(main, ["-C", str(root), "build", *options])
    assert result.exit_code == 0, result.output
    assert f"warning: {said}" in result.output
    assert not list((root / "dist").rglob("*-2up.pdf")) and not list(
        (root / "dist").rglob("*-4up.pdf")
    )


def test_print_choices_are_taken_in_any_case(workspace: Callable[[str], Path]) -> None:
    """ "Booklet" and "PDF/A-3b" as an editor types them (the README writes PDF/A-3b): the
    build makes the booklet, in the standard asked for, rather than refusing the case."""
    root = workspace("minimal")
    options = ["-f", "pdf", "--impose", "Booklet", "--pdf-standard", "PDF/A-3b"]
    result = CliRunner().invoke(main, ["-C", str(root), "build", *options])
    assert result.exit_code == 0, result.output
    booklet = root / "dist" / "001-first" / "001-first-booklet.pdf"
    assert booklet.is_file()
    with pikepdf.open(root / "dist" / "001-first" / "001-first.pdf") as pdf:
        meta = pdf.open_metadata()
        assert (meta.get("pdfaid:part"), meta.get("pdfaid:conformance")) == ("3", "B")


def test_a_markdown_file_dropped_on_the_composer_joins_the_documents_as_it_is(
    composer: tuple[int, Path],
) -> None:
    """`publisher import` refuses Markdown ("copy it into documents/ as it is"), which an
    editor in the browser cannot do: the composer puts it there, byte for byte, and never
    over a document of the same name."""
    port, root = composer
    text = b"---\ntitle: Notas del piquete\nlanguage: es\n---\n\nLlegamos a las seis.\n"

    def drop(name: str, body: bytes) -> tuple[int, str]:
        headers = {"Content-Type": "text/markdown", "Accept": "application/json"}
        headers["X-CSRF-Token"] = token_of(port)  # as the composer's script sends it
        return request(port, "POST", f"/compose/import?name={name}", raw=(body, headers))

    status, answer = drop("notas-piquete.md", text)
    assert status == 202, answer
    report = finished_task(port, json.loads(answer)["task"])
    assert "done" in report and "documents/notas-piquete.md" in report
    assert (root / "documents" / "notas-piquete.md").read_bytes() == text
    _, pool = request(port, "GET", "/compose")
    assert "Notas del piquete" in pool

    status, answer = drop("notas-piquete.md", b"# Another text\n")  # named as one there
    assert status == 202, answer
    report = finished_task(port, json.loads(answer)["task"])
    assert "documents/notas-piquete-2.md" in report  # under a free name, as README says
    assert (root / "documents" / "notas-piquete-2.md").read_bytes() == b"# Another text\n"
    assert (root / "documents" / "notas-piquete.md").read_bytes() == text


def test_an_import_report_names_the_file_as_the_editor_dropped_it(
    composer: tuple[int, Path],
) -> None:
    """The composer imports a dropped file from a temporary folder: the report says what
    is wrong with "acta.pdf", not with a path in /tmp the editor never saw."""
    port, _ = composer
    headers = {"Content-Type": "application/pdf", "X-CSRF-Token": token_of(port)}
    status, answer = request(
        port, "POST", "/compose/import?name=acta.pdf", raw=(b"%PDF-1.4\n", headers)
    )
    assert status == 202, answer
    report = finished_task(port, json.loads(answer)["task"])
    assert "acta.pdf: this PDF cannot be read" in report, report
    assert "publisher-import-" not in report, report
    assert "<table" not in report  # no empty table of documents imported


def test_list_shows_the_documents_when_an_issue_names_one_that_is_gone(
    workspace: Callable[[str], Path],
) -> None:
    """ "no document 'first-article' in documents/ — 'publisher list' shows the documents
    there are", says the build after a rename: `publisher list` must then show them, not
    stop on the same error. It still ends with the error, and fails."""
    root = workspace("minimal")
    (root / "documents" / "first-article.md").rename(root / "documents" / "opening.md")
    result = CliRunner().invoke(main, ["-C", str(root), "list"])
    assert result.exit_code == 1
    assert " opening.md" in result.output and " second-article.md" in result.output
    assert "001-first.yaml:" in result.output and "no document 'first-article'" in result.output
    assert "Traceback" not in result.output


def test_a_refused_build_says_why_where_the_running_task_cannot_hide_it(
    browser: Any, composer: tuple[int, Path]
) -> None:
    """Build pressed while a check runs is refused (one task at a time): the editor reads
    the server's reason, not "Refused: Conflict" written where the check's progress at
    once writes over it."""
    port, _ = composer
    checking = [("csrf", token_of(port)), ("file", "005-winter.yaml")]
    assert request(port, "POST", "/compose/check", checking)[0] == 303  # builds, then checks
    context = browser.new_context(bypass_csp=True)  # for wait_for_function's script
    page = context.new_page()
    try:
        page.goto(f"http://127.0.0.1:{port}/compose/issue/005-winter.yaml")
        page.click("form[action$='/build'] button")
        page.wait_for_function(
            "document.querySelector('#status').textContent.includes('another task is running')"
        )
    finally:
        context.close()
    finished_task(port, "/compose/tasks/1")  # the check ends before the workspace goes


ARABIC_TITLE = "إضراب عمال النظافة!"  # a strike of the cleaners!


def test_arabic_and_farsi_text_runs_right_to_left_in_the_composer(
    browser: Any, composer: tuple[int, Path]
) -> None:
    """In a page laid out left to right, an Arabic title (its '!' last) must still read
    right to left: the title a document has, and what the editor types in the fields
    (HTML's dir=auto: the direction of the text's first strong letter)."""
    port, root = composer
    article = f'---\ntitle: "{ARABIC_TITLE}"\nlanguage: ar\n---\n\nنص.\n'
    (root / "documents" / "idrab.md").write_text(article, encoding="utf-8")
    context = browser.new_context()
    page = context.new_page()
    try:
        page.goto(f"http://127.0.0.1:{port}/compose/new")
        title = page.locator("#pool .doc-title", has_text=ARABIC_TITLE)
        assert title.evaluate("e => e.matches(':dir(rtl)')")
        for field in ("title", "summary", "section.title"):
            page.fill(f"input[name='{field}']", ARABIC_TITLE)
            assert page.eval_on_selector(f"input[name='{field}']", "e => e.matches(':dir(rtl)')")
        page.fill("#editorial", "فقرة أولى.")
        assert page.eval_on_selector("#editorial", "e => e.matches(':dir(rtl)')")
        page.goto(f"http://127.0.0.1:{port}/compose")
        cell = page.locator("table.pool span", has_text=ARABIC_TITLE)
        assert cell.evaluate("e => e.matches(':dir(rtl)')")
    finally:
        context.close()


def test_check_without_building_fails_when_nothing_is_built(
    workspace: Callable[[str], Path],
) -> None:
    """`check --no-build` before any build checked nothing: every check warned "build this
    format first" and the command passed. It fails, saying what to run."""
    root = workspace("minimal")
    result = CliRunner().invoke(main, ["-C", str(root), "check", "--no-build"])
    assert result.exit_code == 1, result.output
    assert "nothing is built there to check" in result.output
    assert "publisher build" in result.output


def test_serve_help_tells_of_the_composer() -> None:
    """An editor who never writes YAML learns from `publisher serve --help` that the
    server has a page to compose issues in."""
    shown = CliRunner().invoke(main, ["serve", "--help"], terminal_width=100).output
    said = " ".join(shown.split())
    assert "/compose page makes and edits issues in the browser, without writing YAML" in said
