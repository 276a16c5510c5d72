"""A process that imports publisher and its heavy libraries once, then forks a fresh child
for every command a test runs (as Android's zygote does for apps).

Each child is a separate publisher process, bounded in time and memory, that starts from
the same untouched state: the command runs through the real entry point, with its own
environment, working folder, stdout and stderr. What it saves is the second or two of
start-up and imports that a new interpreter pays for every case of the hostile corpus.

Protocol: one JSON request per line on stdin, one JSON answer per line on stdout.
A request is {"argv", "env", "cwd", "seconds", "memory", "stdin"} and, to run Python
rather than the `publisher` command, "code". The answer is {"returncode", "stdout",
"stderr"}; a child killed by a signal (SIGALRM at the time limit) has a negative code.
"""

from __future__ import annotations

import gc
import json
import os
import resource
import signal
import sys
import tempfile


def preload() -> None:
    """Everything a build imports, so that children (and their render workers) inherit it
    (what a child still imported, listed by comparing sys.modules before and after one build)."""
    import babel.dates
    import babel.lists
    import babel.numbers  # noqa: F401
    import css_inline  # noqa: F401
    import dateutil.parser  # noqa: F401
    import feedgen.feed  # noqa: F401
    import jinja2.ext  # noqa: F401
    import langcodes  # noqa: F401
    import lxml.html  # noqa: F401
    import mjml  # noqa: F401
    import pypandoc  # noqa: F401
    import rich.progress
    import rich.table  # noqa: F401
    import yaml  # noqa: F401

    import publisher.build
    import publisher.cli
    import publisher.renderers.email
    import publisher.renderers.epub
    import publisher.renderers.feed
    import publisher.renderers.leaflet
    import publisher.renderers.pdf
    import publisher.renderers.web  # noqa: F401
    from publisher.renderers.weasy import import_weasyprint

    import_weasyprint()  # as publisher imports it: a plain import would skip its patches


def warm_up() -> None:
    """One build of the minimal workspace in a scratch folder, so that children start with
    what a first build fills once per process (fonts, hyphenation dictionaries, compiled
    templates, cffi's parsed C types) as a long-running publisher process has it: about
    0.4 s less for every case that renders. The scratch folder is another path, so nothing
    a child reads can be answered from it."""
    import shutil
    from pathlib import Path

    from publisher.build import build

    minimal = Path(__file__).with_name("workspaces") / "minimal"
    saved = dict(os.environ)
    os.environ.update({"PUBLISHER_JOBS": "1", "SOURCE_DATE_EPOCH": "1767225600"})
    with tempfile.TemporaryDirectory(prefix="zygote-") as scratch:
        root = Path(scratch) / "minimal"
        shutil.copytree(minimal, root, ignore=shutil.ignore_patterns("dist", ".publisher"))
        build(root)
    os.environ.clear()
    os.environ.update(saved)


def child(request: dict, stdout: int, stderr: int) -> None:
    """In the forked child: bound it, give it its own files and environment, run, exit."""
    code = 1
    try:
        memory = request["memory"]
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
        signal.alarm(max(1, int(request["seconds"])))  # SIGALRM's default action ends it
        with tempfile.TemporaryFile() as given:
            given.write(request.get("stdin", "").encode("utf-8", "surrogatepass"))
            given.seek(0)
            os.dup2(given.fileno(), 0)
        sys.stdin = open(0, encoding="utf-8", errors="surrogateescape", closefd=False)  # noqa: SIM115
        os.dup2(stdout, 1)
        os.dup2(stderr, 2)
        os.environ.clear()
        os.environ.update(request["env"])
        os.chdir(request["cwd"])
        sys.argv = ["publisher", *request["argv"]]
        try:
            if "code" in request:
                exec(compile(request["code"], "<test>", "exec"), {"__name__": "__main__"})
                code = 0
            else:
                from publisher.cli import main

                main(request["argv"], prog_name="publisher")
                code = 0
        except SystemExit as exit_:
            if exit_.code is None or isinstance(exit_.code, int):
                code = exit_.code or 0
            else:
                print(exit_.code, file=sys.stderr)
    except BaseException:
        import traceback

        traceback.print_exc()
        code = 99
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


def serve() -> None:
    answers = os.fdopen(os.dup(1), "w", encoding="utf-8")
    os.dup2(2, 1)  # nothing the children or imports print can be taken for an answer
    preload()
    warm_up()
    # What the children inherit is never freed by them: their collector need not look at it
    # (nor copy the pages it writes to while looking; gc.freeze before forking, as Python's
    # documentation advises).
    gc.freeze()
    for line in sys.stdin:
        request = json.loads(line)
        with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
            pid = os.fork()
            if pid == 0:
                child(request, out.fileno(), err.fileno())
            _, status = os.waitpid(pid, 0)
            out.seek(0)
            err.seek(0)
            answer = {
                "returncode": os.waitstatus_to_exitcode(status),
                "stdout": out.read().decode("utf-8", "replace"),
                "stderr": err.read().decode("utf-8", "replace"),
            }
        answers.write(json.dumps(answer) + "\n")
        answers.flush()


if __name__ == "__main__":
    serve()
