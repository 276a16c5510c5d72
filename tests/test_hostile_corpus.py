"""The hostile corpus: over a hundred bad or malicious inputs, each run as a real build in its
own process, bounded at 60 s and 1.5 GB. None may end in a traceback, a hang or a crash.

- A refused input exits 1 with a message naming the file (and the line where there is one),
  and leaves dist/ byte-identical to the previous good build.
- An accepted input builds, and nothing dangerous reaches any output: the outputs are
  parsed (HTML, the EPUB's XHTML, feeds, the email, the PDF's links, copied media).

Delivery and endpoint attacks are in tests/test_delivery_security.py and
tests/test_serve_hosts.py; the readers are fuzzed in tests/test_fuzz.py.
"""

from __future__ import annotations

import email
import email.policy
import hashlib
import io
import os
import re
import shutil
import signal
import subprocess
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import lxml.etree
import pikepdf
import pytest
from bounded import run_publisher, run_python
from conftest import FIXED_EPOCH, WORKSPACES, copy_workspace
from parsed_outputs import published_files
from test_security import offences, page_offences

TIME_LIMIT = 60  # seconds, per case
MEMORY_LIMIT = 1536 * 1024 * 1024  # bytes of address space, per case
MANIFEST = "issues/001-first.yaml"
GOOD_MANIFEST = (WORKSPACES / "minimal" / MANIFEST).read_text()
TRACEBACK = re.compile(r"Traceback \(most recent call last\)|^\w+(Error|Exception): ", re.M)


@dataclass(frozen=True)
class Entry:
    """An entry that is no regular file: "pipe" (a named pipe), "folder", "loop" (a link
    to itself) or "nowhere" (a link to nothing)."""

    kind: str


PIPE, FOLDER, LOOP, NOWHERE = Entry("pipe"), Entry("folder"), Entry("loop"), Entry("nowhere")
# a Path: a link to it; a callable: made when the case runs
Files = dict[str, str | bytes | Path | Entry | Callable[[], bytes]]


@dataclass(frozen=True)
class Case:
    """One hostile input: files written over the minimal workspace, and where the error
    must point (a path relative to the workspace, and ':line' when a line is expected)."""

    name: str
    files: Files
    points_at: str = ""  # e.g. "issues/001-first.yaml:5", or "" for an accepted input
    env: dict[str, str] = field(default_factory=dict)


def manifest(extra: str = "", replace: tuple[str, str] = ("", "")) -> Files:
    text = GOOD_MANIFEST.replace(*replace) if replace[0] else GOOD_MANIFEST
    return {MANIFEST: text + extra}


def config(extra: str = "", replace: tuple[str, str] = ("", "")) -> Files:
    text = (WORKSPACES / "minimal" / "publisher.toml").read_text()
    return {"publisher.toml": (text.replace(*replace) if replace[0] else text) + extra}


def document(front: str, body: str = "Body.\n", name: str = "second-article.md") -> Files:
    return {f"documents/{name}": f"---\n{front}---\n\n{body}"}


def docx_bomb() -> bytes:
    """A tiny .docx whose document.xml inflates to 100 MB (a second to make: made when its
    case runs, not by every worker that collects the corpus)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as docx:
        docx.writestr("[Content_Types].xml", "<Types/>")
        docx.writestr("word/document.xml", "<w:document>" + " " * 100_000_000 + "</w:document>")
    return buffer.getvalue()


def alias_bomb(levels: int) -> str:
    """YAML whose last key stands for 9 ** (levels + 1) values through aliases."""
    return "\n".join(
        ["a: &a [x, x, x, x, x, x, x, x, x]"]
        + [
            f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 9)}]"
            for i in range(levels)
        ]
    )


ALIAS_BOMB = alias_bomb(8)
DEEP_DIVS = "<div>" * 10_000 + "deep" + "</div>" * 10_000
BIG = "word " * 500_000  # 2.5 MB
M = MANIFEST  # where most errors must point
POOL = {"PUBLISHER_JOBS": "2"}  # cases run in one process (conftest.py says why) but these

REFUSED: list[Case] = [
    # Manifests: dates, duplicates, bombs, types, references, paths, languages.
    Case("manifest impossible date", manifest(replace=("2026-01-10", "2026-02-30")), f"{M}:3"),
    Case("manifest month 13", manifest(replace=("2026-01-10", "2026-13-01")), f"{M}:3"),
    Case("manifest date words", manifest(replace=("2026-01-10", "next Tuesday")), f"{M}:3"),
    Case("manifest duplicate key", manifest('title: "Again"\n'), f"{M}:9"),
    Case("manifest alias bomb", manifest(ALIAS_BOMB + "\n"), M),
    Case("manifest deep nesting", manifest("x: " + "[" * 500 + "]" * 500 + "\n"), M),
    Case("manifest number negative", manifest(replace=("number: 1", "number: -1")), f"{M}:1"),
    Case("manifest number text", manifest(replace=("number: 1", "number: one")), f"{M}:1"),
    Case("manifest number bool", manifest(replace=("number: 1", "number: true")), f"{M}:1"),
    Case("manifest title list", manifest(replace=('title: "First issue"', "title: [a, b]")), f"{M}:2"),
    Case("manifest no sections", manifest(replace=("sections:", "sectionz:")), M),
    Case("manifest sections text", {M: "number: 1\ntitle: T\ndate: 2026-01-10\nsections: x\n"}, f"{M}:4"),
    Case("manifest missing document", manifest(replace=("second-article]", "secnd-article]")), f"{M}:8"),
    Case("manifest document outside", manifest(replace=("second-article]", "../publisher.toml]")), f"{M}:8"),
    Case("manifest absolute document", manifest(replace=("second-article]", "/etc/passwd]")), f"{M}:8"),
    Case("empty document", {"documents/second-article.md": ""}, f"{M}:8"),
    Case("manifest document twice", manifest(replace=("second-article]", "first-article]")), f"{M}:8"),
    Case("manifest language injection", manifest("language: 'en\" onload=\"alert(1)'\n"), f"{M}:9"),
    Case("manifest language path", manifest("language: ../../etc/x\n"), f"{M}:9"),
    Case("manifest language number", manifest("language: 42\n"), f"{M}:9"),
    Case("manifest cover passwd", manifest("cover: /etc/passwd\n"), f"{M}:9"),
    Case("manifest cover outside", manifest("cover: ../../outside.png\n"), f"{M}:9"),
    Case("manifest cover missing", manifest("cover: documents/none.png\n"), f"{M}:9"),
    Case("manifest margins 500mm", manifest('pdf:\n  margins: "500mm"\n'), M),
    Case("manifest page 100 m", manifest('pdf:\n  page_size: "100000mm 100000mm"\n'), M),
    Case("manifest page unknown", manifest("pdf:\n  page_size: A9000\n"), f"{M}:10"),
    Case("manifest negative bleed", manifest('pdf:\n  bleed: "-3mm"\n'), f"{M}:10"),
    Case("manifest leaflet missing", manifest("leaflet: nope\n"), f"{M}:9"),
    Case("manifest leaflet 3 sides", manifest("leaflet:\n  document: first-article\n  sides: 3\n"), f"{M}:11"),
    Case("manifest leaflet booklet", manifest("leaflet:\n  document: first-article\n  impose: booklet\n"), f"{M}:11"),
    Case("manifest unknown key", manifest("colour: red\n"), f"{M}:9"),
    Case("manifest is a list", {M: "- a\n- b\n"}, M),
    Case("manifest empty", {M: ""}, M),
    Case("manifest binary", {M: bytes(range(256)) * 4}, M),
    Case("manifest latin-1", {M: GOOD_MANIFEST.replace("First", "Prémier").encode("latin-1")}, M),
    Case("manifest python tag", manifest("x: !!python/object/apply:os.system ['touch /tmp/pwned-publisher']\n"), f"{M}:9"),
    Case("manifest editorial list", manifest(replace=("editorial: |\n  Hello from the editors.", "editorial: [a]")), f"{M}:4"),
    Case("manifest unclosed quote", manifest('summary: "never closed\n'), M),
    Case("manifest tab indent", manifest("pdf:\n\tpage_size: A4\n"), M),
    Case("manifest broken toml", {"issues/001-first.yaml": "", "issues/002.toml": "number = \n"}, "issues/002.toml"),
    Case("two issues one number", {"issues/002-again.yaml": GOOD_MANIFEST}, "issues/002-again.yaml"),
    # Front matter and documents.
    Case("front matter impossible date", document("title: T\ndate: 2026-02-30\n"), "documents/second-article.md:3"),
    Case("front matter duplicate key", document("title: T\ntitle: U\n"), "documents/second-article.md:3"),
    Case("front matter alias bomb", document(ALIAS_BOMB + "\n"), "documents/second-article.md"),
    # a non-breaking space makes publisher mend the keys (sourcefile._strip_keys): bounded
    # too, before 9 ** 11 values are walked
    Case("front matter alias bomb pasted", document("title:\u00a0T\n" + alias_bomb(10) + "\n"), "documents/second-article.md:3"),
    Case("front matter never closed", {"documents/second-article.md": "---\ntitle: T\n\nBody\n"}, "documents/second-article.md:1"),
    Case("front matter a list", document("- a\n- b\n"), "documents/second-article.md"),
    Case("front matter language name misspelt", document("title: T\nlang: Spansh\n"), "documents/second-article.md:3"),
    Case("front matter title mapping", document("title: {a: b}\n"), "documents/second-article.md:2"),
    Case("front matter broken toml", {"documents/second-article.md": "+++\ntitle = \n+++\nB\n"}, "documents/second-article.md:2"),
    Case("front matter date words", document("title: T\ndate: someday\n"), "documents/second-article.md:3"),
    Case("front matter python tag", document("title: !!python/object/apply:os.system ['true']\n"), "documents/second-article.md:2"),
    Case("document too large", document("title: T\n", BIG), "documents/second-article.md"),
    Case("front matter title 30,000 long", document(f"title: {'x' * 30_000}\n"), "documents/second-article.md:2"),
    Case("manifest title 30,000 long", manifest(replace=("First issue", "x" * 30_000)), f"{M}:2"),
    Case("docx zip bomb", {"documents/bomb.docx": docx_bomb, **manifest(replace=("second-article]", "bomb]"))}, "documents/bomb.docx"),
    Case("docx not a zip", {"documents/bad.docx": b"PK\x03\x04 not really", **manifest(replace=("second-article]", "bad]"))}, "documents/bad.docx"),
    Case("odt garbage", {"documents/bad.odt": bytes(range(256)), **manifest(replace=("second-article]", "bad]"))}, "documents/bad.odt"),
    Case("markdown not utf-8", {"documents/second-article.md": "---\ntitle: Prémier\n---\n".encode("latin-1")}, "documents/second-article.md"),
    Case("html not utf-8", {"documents/page.html": "<p>café</p>".encode("cp1252"), **manifest(replace=("second-article]", "page]"))}, "documents/page.html"),
    Case("rtf never closed", {"documents/letter.rtf": "{\\rtf1 " + "{" * 5000 + "x", **manifest(replace=("second-article]", "letter]"))}, "documents/letter.rtf"),
    Case("html declaring a codec that is no text encoding", {"documents/page.html": '<meta charset="zlib"><p>café</p>'.encode("cp1252"), **manifest(replace=("second-article]", "page]"))}, "documents/page.html"),
    Case("whatsapp chat export", {"documents/chat.txt": "[12/03/2026, 14:33:10] Ana Ruiz: *HUELGA*\n[12/03/2026, 14:35:00] +34 600 000 000: ok\n", **manifest(replace=("second-article]", "chat]"))}, "documents/chat.txt"),
    Case("symlink to passwd", {"documents/second-article.md": Path("/etc/passwd")}, M),
    Case("document a named pipe", {"documents/second-article.md": PIPE}, f"{M}:8"),
    Case("document a folder", {"documents/second-article.md": FOLDER}, f"{M}:8"),
    Case("document a link that loops", {"documents/second-article.md": LOOP}, f"{M}:8"),
    Case("document a link to nothing", {"documents/second-article.md": NOWHERE}, f"{M}:8"),
    Case("document a link to a device", {"documents/second-article.md": Path("/dev/zero")}, f"{M}:8"),
    Case("cover a link that loops", {"documents/media/l.png": LOOP, **manifest("cover: documents/media/l.png\n")}, f"{M}:9"),
    Case("logo a link that loops", {"style/l.svg": LOOP, **config('\n[style]\nlogo = "style/l.svg"\n')}, "publisher.toml"),
    # publisher.toml and the environment.
    Case("base_url header injection", config(replace=("https://minimal.example.org/", "https://x.example/>, <mailto:evil@x.example>")), "publisher.toml:2"),
    Case("base_url ftp", config(replace=("https://minimal.example.org/", "ftp://x.example/")), "publisher.toml:2"),
    Case("base_url javascript", config(replace=("https://minimal.example.org/", "javascript:alert(1)")), "publisher.toml:2"),
    Case("base_url spaces", config(replace=("https://minimal.example.org/", "https://x.example/a b")), "publisher.toml:2"),
    Case("config language name misspelt", config(replace=('language = "en"', 'language = "englsh"')), "publisher.toml:3"),
    Case("config not toml", {"publisher.toml": "title: YAML?\n"}, "publisher.toml:1"),
    Case("config margins 500mm", config('\n[pdf]\nmargins = "500mm"\n'), "publisher.toml"),
    Case("config page 100 m", config('\n[pdf]\npage_size = "100000mm 100000mm"\n'), "publisher.toml"),
    Case("config from not address", config(replace=("Minimal Bulletin <news@minimal.example.org>", "nobody")), "publisher.toml:10"),
    Case("config from crlf", config(replace=("Minimal Bulletin <", "Minimal\\r\\nBcc: x@y.example <")), "publisher.toml:10"),
    Case("config unknown table", config("\n[colours]\nmain = 1\n"), "publisher.toml"),
    Case("config a folder", {"publisher.toml": FOLDER}, "publisher.toml"),
    Case("config a link that loops", {"publisher.toml": LOOP}, "publisher.toml"),
    Case("config strict not bool", config('\n[documents]\nstrict = "yes"\n'), "publisher.toml"),
    Case("config missing title", config(replace=('title = "Minimal Test Bulletin"', "")), "publisher.toml"),
    Case("config limit negative", config("\n[limits]\ndocument_size = -1\n"), "publisher.toml"),
    Case("source date epoch text", {}, "SOURCE_DATE_EPOCH", env={"SOURCE_DATE_EPOCH": "yesterday"}),
    Case("template syntax error", {"templates/web/base.html": "{% block %}"}, "templates/web/base.html"),
    # Language editions and their translations.
    Case("edition not a language", manifest("editions: ['xx-invalid!']\n"), f"{M}:9"),
    Case("edition tag with markup", manifest("editions: ['es\" onload=\"alert(1)']\n"), f"{M}:9"),
    Case("edition path climbing", manifest("editions: ['../../etc']\n"), f"{M}:9"),
    Case("untranslated unknown", manifest("editions: [es]\nuntranslated: drop\n"), f"{M}:10"),
    Case("translation of a missing document", {**manifest("editions: [es]\n"), **document("title: U\nlanguage: es\ntranslation_of: firts-article\n", name="uno.md")}, "documents/uno.md:4"),
    Case("translation of itself", {**manifest("editions: [es]\n"), **document("title: U\nlanguage: es\ntranslation_of: uno\n", name="uno.md")}, "documents/uno.md:4"),
    Case("translation into no language", {**manifest("editions: [es]\n"), **document("title: U\ntranslation_of: first-article\n", name="uno.md")}, "documents/uno.md"),
    Case("translations in a cycle", {**manifest("editions: [es]\n"), **document("title: A\nlanguage: es\ntranslation_of: b\n", name="a.md"), **document("title: B\nlanguage: es\ntranslation_of: a\n", name="b.md")}, "documents/a.md"),
]  # fmt: skip

ACCEPTED: list[Case] = [
    Case("control characters", document("title: A\x0bB\x1b[31m\x07\ufffe\n", "Body\x00\x85\x7f text.\n")),
    # Rendered in a pool of two, as by default: deep nesting once crashed a render worker.
    Case("translation with a script", {**manifest("editions: [es]\n"), **document("title: \"<script>alert(1)</script>\"\nlanguage: es\n", "<script>alert(2)</script><img src=x onerror=alert(3)> [j](javascript:alert(4))\n", name="first-article.es.md")}),
    Case("deeply nested html", {"documents/deep.html": DEEP_DIVS, **manifest(replace=("second-article]", "deep]"))}, env=POOL),
    Case("deeply nested quotes", document("title: Q\n", ">" * 5_000 + " deep\n"), env=POOL),
    Case("deeply nested lists", document("title: L\n", "".join("  " * i + "- x\n" for i in range(300))), env=POOL),
    Case("script in markdown", document("title: S\n", "<script>alert('s')</script>\nText.\n")),
    Case("handlers everywhere", document("title: H\n", '<p onclick="alert(1)" onmouseover="alert(2)">x</p>\n')),
    Case("javascript links", document("title: J\n", "[a](javascript:alert(1)) <a href=' JaVaScRiPt:alert(2)'>b</a>\n")),
    Case("data urls", document("title: D\n", '<a href="data:text/html;base64,PHNjcmlwdD4=">d</a> ![i](data:image/svg+xml;base64,PHN2Zz4=)\n')),
    Case("frames and objects", document("title: F\n", '<iframe src="https://evil.example/"></iframe><object data="x.swf"></object><embed src="x">\n')),
    Case("inline svg", document("title: V\n", '<svg onload="alert(1)"><use xlink:href="javascript:alert(2)"/></svg>\n')),
    Case("forms", document("title: Fo\n", '<form action="https://evil.example/"><button formaction="javascript:alert(1)">b</button></form>\n')),
    Case("style and meta", document("title: St\n", '<style>*{background:url(javascript:alert(1))}</style><meta http-equiv="refresh" content="0;url=https://evil.example/">\n')),
    Case("image passwd", document("title: P\n", "![p](/etc/passwd) ![q](file:///etc/passwd)\n")),
    Case("image climbing out", document("title: C\n", "![c](../../../../etc/passwd) ![w](../publisher.toml)\n")),
    Case("names no file can have", document("title: N\n", "[a](a%00.pdf) [b](" + "b" * 300 + ".pdf) ![c](c%00.png) ![d](" + "d" * 300 + ".png) [e](e%00.md)\n")),
    Case("image metadata service", document("title: M\n", "![m](http://169.254.169.254/latest/meta-data/)\n")),
    Case("svg image with script", {"documents/media/evil.svg": '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script><foreignObject><iframe src="https://evil.example/"/></foreignObject><image href="https://evil.example/x.png"/><rect width="10" height="10"/></svg>', **document("title: I\n", "![evil](media/evil.svg)\n")}),
    Case("editorial passwd image", manifest(replace=("Hello from the editors.", "Hello ![p](/etc/passwd) ![w](../publisher.toml)"))),
    Case("editorial remote image", manifest(replace=("Hello from the editors.", "Hello ![r](https://evil.example/track.png)"))),
    Case("editorial script", manifest(replace=("Hello from the editors.", "Hello <script>alert(1)</script> <img src=x onerror=alert(2)>"))),
    Case("pdf empty anchor", document("title: A\n", '<a href="#">top</a> and [other](other.md) and [up](../x.html)\n')),
    Case("title with markup", document("title: \"</title><script>alert(1)</script>\"\nauthors: ['<img src=x onerror=alert(1)>']\n")),
    Case("entity encoded script", document("title: \"&lt;script&gt;alert(1)&lt;/script&gt;\"\n", "&lt;script&gt;x&lt;/script&gt;\n")),
    Case("tag climbing out", document("title: T\ntags: ['../../etc', '<b>x</b>', '..']\n")),
    Case("whitespace title", document("title: '   '\n")),
    Case("bidi override title", document("title: \"evil\u202etxt.exe\"\n")),
    Case("only front matter", {"documents/second-article.md": "---\ntitle: Only\n---\n"}),
    Case("nul in markdown", {"documents/second-article.md": "---\ntitle: N\n---\nA\x00B\n"}),
    Case("html comment script", document("title: Co\n", "<!-- <script>alert(1)</script> -->\nText\n")),
    # Left out of documents/ (and of the search for translations), with a warning.
    Case("translation a link to passwd", {**manifest("editions: [es]\n"), "documents/first-article.es.md": Path("/etc/passwd")}),
    Case("images and links that loop", {"documents/media/l.png": LOOP, "documents/l.md": LOOP, **document("title: L\nimage: media/l.png\n", "![x](media/l.png) [y](l.md)\n"), **manifest(replace=("Hello from the editors.", "Hello ![l](documents/media/l.png)"))}),
    # Encodings Windows programs save in: read where they are unambiguous.
    Case("markdown as word's unicode text", {"documents/second-article.md": "---\r\ntitle: Unicode <script>x</script>\r\n---\r\nTexto «sí».\r\n".encode("utf-16")}),
    Case("notes that point at each other and nest", {"documents/page.html": '<body class="doc-content"><p>A<a href="#n1" id="r1">1</a><a href="#n2" id="r2">2</a></p><div id="n1"><p><a href="#r1">1</a> B<a href="#n2" id="r3">x</a><a href="#cmnt1" id="cmnt_ref1">c</a></p></div><div id="n2"><p><a href="#r2">2</a><a href="#r3">3</a> C<sup><a href="#r1" id="n3">^</a></sup></p><div><a href="#cmnt_ref1" id="cmnt1">c</a><ul class="lst-kix_a-3"><li>x</li></ul></div></div>' * 40, **manifest(replace=("second-article]", "page]"))}),
    Case("html page declaring windows-1252", {"documents/page.html": '<meta charset="windows-1252"><p onclick="x()">caf\u00e9 \u201cok\u201d</p><script>alert(1)</script>'.encode("cp1252"), **manifest(replace=("second-article]", "page]"))}),
    Case("rtf nested 50,000 deep", {"documents/letter.rtf": "{\\rtf1 " + "{" * 50_000 + "x" + "}" * 50_000 + "}", **manifest(replace=("second-article]", "letter]"))}),
    Case("rtf javascript link and picture", {"documents/letter.rtf": r'{\rtf1 {\field{\*\fldinst{HYPERLINK "javascript:alert(1)"}}{\fldrslt click}} {\pict\pngblip 89504e47}\par}', **manifest(replace=("second-article]", "letter]"))}),
    Case("a word of 50,000 characters", document("title: W\n", "Pasted: " + "x" * 50_000 + "\n")),
    Case("manifests that are no files", {"issues/002-pipe.yaml": PIPE, "issues/003-loop.yaml": LOOP, "issues/004.toml": FOLDER}),
    Case("unused pipe, device, loop, folder, dangling link", {**manifest("editions: [es]\n"), "documents/pipe.es.md": PIPE, "documents/zero.md": Path("/dev/zero"), "documents/loop.md": LOOP, "documents/notes.txt": FOLDER, "documents/first-article.fr.md": NOWHERE}),
]  # fmt: skip


def run_build(root: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    environment = {"SOURCE_DATE_EPOCH": FIXED_EPOCH, "PATH": "/usr/bin:/bin", "PUBLISHER_JOBS": "1"}
    environment.update(env)
    return run_publisher(
        ["-C", str(root), "build"], environment, seconds=TIME_LIMIT, memory=MEMORY_LIMIT
    )


def tree_digest(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def previous_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The minimal workspace after a good build: dist/ and .publisher/ as a user has them."""
    root = copy_workspace(WORKSPACES / "minimal", tmp_path_factory.mktemp("previous"))
    result = run_build(root, {})
    assert result.returncode == 0, result.stderr
    return root


def prepared(case: Case, previous: Path, target: Path) -> Path:
    shutil.copytree(previous, target, symlinks=True)
    for relative, content in case.files.items():
        path = target / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if callable(content):
            content = content()
        if isinstance(content, (Path, Entry)):
            path.unlink(missing_ok=True)
        if isinstance(content, Path):
            path.symlink_to(content)
        elif content == PIPE:
            os.mkfifo(path)
        elif content == FOLDER:
            path.mkdir()
        elif content == LOOP:
            path.symlink_to(path.name)
        elif content == NOWHERE:
            path.symlink_to("gone.md")
        elif isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return target


@pytest.mark.parametrize("case", REFUSED, ids=[c.name for c in REFUSED])
def test_refused_with_a_message_naming_the_file_and_dist_untouched(
    case: Case, previous_build: Path, tmp_path: Path
) -> None:
    root = prepared(case, previous_build, tmp_path / "ws")
    before = tree_digest(root / "dist")
    result = run_build(root, case.env)
    assert not TRACEBACK.search(result.stderr + result.stdout), result.stderr
    assert result.returncode == 1, (result.returncode, result.stderr)
    where = case.points_at if case.points_at.isupper() else f"{root}/{case.points_at}"
    # "file:" or, where a line is expected, exactly "file:LINE:"; among all problems listed
    named = rf"^(error: |\s*){re.escape(where)}{'=' if case.points_at.isupper() else ':'}"
    assert re.search(named, result.stderr, re.M), result.stderr
    assert tree_digest(root / "dist") == before, "a failed build changed dist/"
    assert not Path("/tmp/pwned-publisher").exists()


def svg_offences(data: bytes) -> list[str]:
    """What in an SVG image could run or fetch something: scripts, handlers, embedded
    HTML, references to anything but its own fragments or an inline raster image."""
    found = []
    parser = lxml.etree.XMLParser(resolve_entities=False, no_network=True)
    for element in lxml.etree.fromstring(data, parser).iter():
        local = lxml.etree.QName(element).localname if isinstance(element.tag, str) else ""
        if local in ("script", "foreignObject", "iframe"):
            found.append(f"<{local}>")
        for attribute, value in element.attrib.items():
            attribute = lxml.etree.QName(attribute).localname
            if attribute.startswith("on"):
                found.append(f"{attribute}= on <{local}>")
            if attribute in ("href", "src") and not value.startswith(("#", "data:image/")):
                found.append(f"{attribute}={value[:40]} on <{local}>")
    return found


def leaks(root: Path) -> list[str]:
    """What a reader's software could run or fetch, or what the editor never meant to publish."""
    found: list[str] = []
    for name, data in published_files(root / "dist").items():
        if b"root:x:0:0" in data or str(root).encode() in data:
            found.append(f"{name}: a file or path from the editor's machine")
        if name.endswith((".html", ".xhtml")):
            found += [f"{name}: {o}" for o in page_offences(name, data)]
        elif name.endswith(".svg"):
            found += [f"{name}: {o}" for o in svg_offences(data)]
        elif name.endswith((".atom", ".rss")):
            for element in lxml.etree.fromstring(data).iter():
                if element.text and "<" in element.text:
                    found += [f"{name}: {o}" for o in offences(element.text)]
        elif name.endswith(".eml"):
            message = email.message_from_bytes(data, policy=email.policy.default)
            html = message.get_body(("html",)).get_content()
            found += [f"{name}: {o}" for o in offences(html)]
        elif name.endswith(".pdf"):
            with pikepdf.open(io.BytesIO(data)) as pdf:
                for page in pdf.pages:
                    for annot in page.get("/Annots", []):
                        uri = str(annot.get("/A", {}).get("/URI", ""))
                        if uri and not uri.startswith(("https://", "http://", "mailto:")):
                            found.append(f"{name}: link to {uri}")
                if "/JavaScript" in pdf.Root.get("/Names", {}) or "/OpenAction" in pdf.Root:
                    found.append(f"{name}: script")
    return found


@pytest.mark.parametrize("case", ACCEPTED, ids=[c.name for c in ACCEPTED])
def test_accepted_builds_and_leaks_nothing(
    case: Case, previous_build: Path, tmp_path: Path
) -> None:
    root = prepared(case, previous_build, tmp_path / "ws")
    result = run_build(root, case.env)
    assert not TRACEBACK.search(result.stderr + result.stdout), result.stderr
    assert result.returncode == 0, (result.returncode, result.stderr)
    assert leaks(root) == []
    assert "evil.example" not in result.stderr or "left out" in result.stderr


def test_the_corpus_has_over_a_hundred_cases() -> None:
    assert len(REFUSED) + len(ACCEPTED) >= 100
    assert len({c.name for c in REFUSED + ACCEPTED}) == len(REFUSED) + len(ACCEPTED)


def test_the_memory_limit_stops_a_real_bomb() -> None:
    """The bound itself works: a child that tries to hold 4 GB is stopped, not the machine."""
    result = run_python("x = bytearray(4 * 1024**3)", memory=MEMORY_LIMIT)
    assert result.returncode != 0 and "MemoryError" in result.stderr


def test_the_time_limit_stops_a_hang() -> None:
    result = run_python("import time\ntime.sleep(30)", seconds=1)
    assert result.returncode == -signal.SIGALRM
