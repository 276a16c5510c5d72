"""The composer (/compose in `publisher serve`) over HTTP, as a browser's form posts reach
it: the manifest stays the editor's file, and nothing changes without this server's CSRF
token, from another Host, or outside the workspace."""

from __future__ import annotations

import datetime as dt
import html
import http.client
import io
import json
import re
import shutil
import socket
import struct
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote, urlencode

import lxml.html
import pytest
import yaml
from conftest import WORKSPACES, answering, copy_workspace

from publisher.manifest_yaml import IssueEdit, LeafletEdit, SectionEdit, edited
from publisher.serve.http import PreviewServer
from publisher.serve.status import Status, Warned

WINTER = "005-winter.yaml"


@contextmanager
def serving(workspace: Path, status: Status | None = None) -> Iterator[int]:
    """The real preview server, composer included, on a free port."""
    server = PreviewServer(
        0,
        workspace / "dist",
        status or Status(),
        "https://compose.example.org/",
        workspace=workspace,
    )
    with answering(server) as port:
        yield port


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_workspace(WORKSPACES / "compose-basic", tmp_path_factory.mktemp("ws") / "ws")


@pytest.fixture(scope="module")
def port(workspace: Path) -> Iterator[int]:
    with serving(workspace) as port:
        yield port


@pytest.fixture
def winter(workspace: Path) -> Iterator[Path]:
    """The hand-written manifest, as in the sample workspace again after each test."""
    path = workspace / "issues" / WINTER
    yield path
    shutil.copy2(WORKSPACES / "compose-basic" / "issues" / WINTER, path)


def request(
    port: int,
    method: str,
    path: str,
    fields: list[tuple[str, str]] | None = None,
    host: str = "127.0.0.1",
    raw: tuple[bytes, dict[str, str]] | None = None,
) -> tuple[int, str]:
    """`fields` go as a form; `raw` is a body and headers as the composer's script sends."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        body = urlencode(fields or []).encode()
        headers = {"Host": host, "Content-Type": "application/x-www-form-urlencoded"}
        if raw is not None:
            body, headers = raw[0], {"Host": host, **raw[1]}
        connection.request(method, path, body if method == "POST" else None, headers)
        response = connection.getresponse()
        return response.status, response.read().decode("utf-8", "replace")
    finally:
        connection.close()


class _Form(HTMLParser):
    """The fields a browser would post from the form with id `form_id`, in order."""

    def __init__(self, form_id: str) -> None:
        super().__init__()
        self.form_id, self.inside = form_id, False
        self.fields: list[tuple[str, str]] = []
        self._text: tuple[str, list[str]] | None = None
        self._select: str | None = None
        self._first: tuple[str, str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self.inside = a.get("id") == self.form_id
        if not self.inside:
            return
        if tag == "input" and "name" in a:
            self.fields.append((a["name"], a.get("value", "")))
        elif tag == "textarea":
            self._text = (a["name"], [])
        elif tag == "select":
            self._select, self._first = a["name"], None
        elif tag == "option" and self._select:
            if self._first is None:
                self._first = (self._select, a.get("value", ""))
            if "selected" in a:
                self.fields.append((self._select, a.get("value", "")))
                self._select = None

    def handle_data(self, data: str) -> None:
        if self._text:
            self._text[1].append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.inside = False
        elif tag == "textarea" and self._text:
            self.fields.append((self._text[0], "".join(self._text[1]).removeprefix("\n")))
            self._text = None
        elif tag == "select" and self._select and self._first:
            self.fields.append(self._first)  # nothing selected: the first option
            self._select = None


def form_of(page: str, form_id: str = "issue") -> list[tuple[str, str]]:
    parser = _Form(form_id)
    parser.feed(page)
    return parser.fields


def replaced(fields: list[tuple[str, str]], **values: str) -> list[tuple[str, str]]:
    return [(k, values.get(k.replace(".", "_"), v)) for k, v in fields]


def test_a_hand_written_manifest_keeps_every_comment_and_unchanged_line(
    port: int, winter: Path
) -> None:
    before = winter.read_text(encoding="utf-8").splitlines()
    status, page = request(port, "GET", f"/compose/issue/{WINTER}")
    assert status == 200
    status, _ = request(port, "POST", "/compose/save", replaced(form_of(page), title="Deep winter"))
    assert status == 303
    after = winter.read_text(encoding="utf-8").splitlines()
    assert len(after) == len(before)
    changed = [(old, new) for old, new in zip(before, after, strict=True) if old != new]
    assert changed == [('title: "Winter news"   # the masthead line', 'title: "Deep winter"   # the masthead line')]  # fmt: skip
    assert yaml.safe_load(winter.read_text())["title"] == "Deep winter"
    _, page = request(port, "GET", f"/compose/issue/{WINTER}?saved")  # where the form goes
    assert f"Saved issues/{WINTER}." in page and 'value="Deep winter"' in page


def test_moving_a_document_changes_only_the_lists_it_leaves_and_joins(
    port: int, winter: Path
) -> None:
    before = winter.read_text(encoding="utf-8")
    _, page = request(port, "GET", f"/compose/issue/{WINTER}")
    fields = form_of(page)
    fields.remove(("section.document", "library-hours"))
    fields.insert(fields.index(("section.document", "rent-strike")) + 1, ("section.document", "library-hours"))  # fmt: skip
    assert request(port, "POST", "/compose/save", fields)[0] == 303
    after = winter.read_text(encoding="utf-8")
    assert "documents: [rent-strike, library-hours] # the big story" in after
    assert "      - ferry-cuts\n" in after and "library-hours  #" not in after
    assert [line for line in before.splitlines() if line.lstrip().startswith("#")] == [
        line for line in after.splitlines() if line.lstrip().startswith("#")
    ]


def issue(number: int, *sections: tuple[str, list[str], int | None]) -> IssueEdit:
    """What the composer's form posts for an issue dated 2 June 2026 with these sections:
    (title, documents, its place in the file as loaded or None for a new one)."""
    return IssueEdit(
        number=number,
        date=dt.date(2026, 6, 2),
        title="Comments test",
        sections=tuple(SectionEdit(t, tuple(docs), origin) for t, docs, origin in sections),
    )


ANNOTATED = """\
number: 45
title: Comments test
date: 2026-06-02
sections:   # front to back
  # Lead story
  - title: News
    documents:
      - cleaners-strike-statement   # confirmed by branch
      - rent-survey-report          # waiting for final figures
      - jornaleros-huelga           # Spanish original

  # Back pages
  - title: Solidarity
    documents: [solidarity-textile-workers]  # translation pending
"""
NEWS = ["cleaners-strike-statement", "rent-survey-report", "jornaleros-huelga"]


def test_moving_a_document_up_keeps_each_documents_comment_on_its_line() -> None:
    up = ["cleaners-strike-statement", "jornaleros-huelga", "rent-survey-report"]
    after = edited(ANNOTATED, issue(45, ("News", up, 0), ("Solidarity", ["solidarity-textile-workers"], 1)))  # fmt: skip
    assert after == ANNOTATED.replace(
        "      - rent-survey-report          # waiting for final figures\n"
        "      - jornaleros-huelga           # Spanish original\n",
        "      - jornaleros-huelga           # Spanish original\n"
        "      - rent-survey-report          # waiting for final figures\n",
    )


def test_moving_a_section_up_takes_its_comments_and_its_list_style_with_it() -> None:
    after = edited(ANNOTATED, issue(45, ("Solidarity", ["solidarity-textile-workers"], 1), ("News", NEWS, 0)))  # fmt: skip
    assert after == (
        "number: 45\n"
        "title: Comments test\n"
        "date: 2026-06-02\n"
        "sections:   # front to back\n"
        "\n"
        "  # Back pages\n"
        "  - title: Solidarity\n"
        "    documents: [solidarity-textile-workers]  # translation pending\n"
        "  # Lead story\n"
        "  - title: News\n"
        "    documents:\n"
        "      - cleaners-strike-statement   # confirmed by branch\n"
        "      - rent-survey-report          # waiting for final figures\n"
        "      - jornaleros-huelga           # Spanish original\n"
    )


def test_moving_sections_and_documents_back_gives_the_file_back_byte_for_byte() -> None:
    up = ["jornaleros-huelga", "cleaners-strike-statement", "rent-survey-report"]
    moved = edited(ANNOTATED, issue(45, ("Solidarity", ["solidarity-textile-workers"], 1), ("News", up, 0)))  # fmt: skip
    assert edited(moved, issue(45, ("News", NEWS, 1), ("Solidarity", ["solidarity-textile-workers"], 0))) == ANNOTATED  # fmt: skip


def test_a_document_moved_to_another_sections_list_takes_its_comment_along() -> None:
    text = ANNOTATED.replace(
        "documents: [solidarity-textile-workers]  # translation pending",
        "documents:  # translation pending\n      - solidarity-textile-workers",
    )
    after = edited(text, issue(45, ("News", NEWS[::2], 0), ("Solidarity", ["rent-survey-report", "solidarity-textile-workers"], 1)))  # fmt: skip
    assert after.endswith(
        "      - cleaners-strike-statement   # confirmed by branch\n"
        "      - jornaleros-huelga           # Spanish original\n"
        "\n"
        "  # Back pages\n"
        "  - title: Solidarity\n"
        "    documents:  # translation pending\n"
        "      - rent-survey-report          # waiting for final figures\n"
        "      - solidarity-textile-workers\n"
    )


def test_a_removed_section_takes_its_comments_with_it() -> None:
    after = edited(ANNOTATED, issue(45, ("Solidarity", ["solidarity-textile-workers"], 1)))
    assert after == (
        "number: 45\n"
        "title: Comments test\n"
        "date: 2026-06-02\n"
        "sections:   # front to back\n"
        "\n"
        "  # Back pages\n"
        "  - title: Solidarity\n"
        "    documents: [solidarity-textile-workers]  # translation pending\n"
    )


def test_taking_out_every_section_leaves_the_issue_its_editorial_alone() -> None:
    """The composer's form with no section left saves (it was a 500): the sections go, and
    so do the editions' titles for them."""
    assert edited(ANNOTATED, issue(45)) == ("number: 45\ntitle: Comments test\ndate: 2026-06-02\n")
    no_sections = IssueEdit(47, dt.date(2026, 8, 2), "FR comments", sections=())
    assert yaml.safe_load(edited(FR_COMMENTS, no_sections)) == {
        "number": 47,
        "title": "FR comments",
        "date": dt.date(2026, 8, 2),
        "editions": {"fr": {}},
    }


FR_COMMENTS = """\
number: 47
title: "FR comments"
date: 2026-08-02
sections:
  - title: One
    documents: [welcome]
  - title: Two
    documents: [cleaners-strike-statement]
editions:
  fr:
    sections:
      - Un     # premier
      # le deuxième
      - Deux   # second
"""


def test_a_section_moved_takes_its_editions_title_with_the_comments_on_and_above_it() -> None:
    swapped = IssueEdit(
        47,
        dt.date(2026, 8, 2),
        "FR comments",
        sections=(
            SectionEdit("Two", ("cleaners-strike-statement",), 1),
            SectionEdit("One", ("welcome",), 0),
        ),
    )
    assert edited(FR_COMMENTS, swapped).endswith(
        "editions:\n"
        "  fr:\n"
        "    sections:\n"
        "      # le deuxième\n"
        "      - Deux   # second\n"
        "      - Un     # premier\n"
    )


def test_a_title_typed_as_a_quotation_is_saved_with_its_quotes() -> None:
    """Bare, the build would take its curly quotes for a word processor's and drop them."""
    from publisher.sourcefile import parse_yaml

    quoted = IssueEdit(
        47,
        dt.date(2026, 8, 2),
        "“We will not move”",
        sections=(SectionEdit("‘Hands off’", ("welcome",), 0),),
    )
    saved = parse_yaml(edited(FR_COMMENTS, quoted), Path("047.yaml")).data
    assert saved["title"] == "“We will not move”"
    assert saved["sections"][0]["title"] == "‘Hands off’"
    new = parse_yaml(edited(None, quoted), Path("047.yaml")).data
    assert (new["title"], new["sections"][0]["title"]) == ("“We will not move”", "‘Hands off’")


def test_a_section_removed_takes_its_editions_title_and_its_comments_only() -> None:
    first_only = IssueEdit(
        47, dt.date(2026, 8, 2), "FR comments", sections=(SectionEdit("One", ("welcome",), 0),)
    )
    assert edited(FR_COMMENTS, first_only).endswith(
        "editions:\n  fr:\n    sections:\n      - Un     # premier\n"
    )


def test_moving_a_section_in_the_composer_keeps_its_comments_with_it(
    port: int, winter: Path
) -> None:
    _, page = request(port, "GET", f"/compose/issue/{WINTER}")
    head, (housing, port_news) = sections_of(form_of(page))
    assert request(port, "POST", "/compose/save", [*head, *port_news, *housing])[0] == 303
    assert winter.read_text(encoding="utf-8").endswith(
        "sections:\n"
        "  - title: Around the port\n"
        "    documents:\n"
        "      - ferry-cuts\n"
        "      - library-hours  # moved here in February\n"
        "  # Lead with housing.\n"
        "  - title: Housing\n"
        "    documents: [rent-strike]   # the big story\n"
    )


NOTEPAD = 'number: 81\r\ntitle: "CRLF issue"  # from Notepad\r\ndate: 2026-07-01\r\nsections:\r\n  - title: A\r\n    documents: [quotes]\r\n'  # fmt: skip


def test_a_manifest_with_windows_line_endings_keeps_them() -> None:
    edit = IssueEdit(81, dt.date(2026, 7, 1), "CRLF issue", summary="Strike news", sections=(SectionEdit("A", ("quotes",), 0),))  # fmt: skip
    assert edited(NOTEPAD, edit) == NOTEPAD.replace(
        "sections:", "summary: Strike news\r\nsections:"
    )


def test_a_manifest_saved_from_notepad_keeps_its_windows_line_endings(
    port: int, winter: Path
) -> None:
    winter.write_bytes(winter.read_bytes().replace(b"\n", b"\r\n"))
    before = winter.read_bytes().split(b"\r\n")
    _, page = request(port, "GET", f"/compose/issue/{WINTER}")
    assert (
        request(port, "POST", "/compose/save", replaced(form_of(page), title="Deep winter"))[0]
        == 303
    )
    after = winter.read_bytes().split(b"\r\n")
    changed = [(old, new) for old, new in zip(before, after, strict=True) if old != new]
    assert changed == [(b'title: "Winter news"   # the masthead line', b'title: "Deep winter"   # the masthead line')]  # fmt: skip


FOUR_SPACES = """\
number: 82
title: Four spaces
date: 2026-07-02
sections:
    -   title: A
        documents:
            -   quotes
            -   gozaresh-fa  # Farsi
    -   title: B
        documents: [jornaleros-huelga]
"""


def test_a_manifest_indented_by_four_keeps_its_indentation() -> None:
    sections = (SectionEdit("A", ("quotes", "gozaresh-fa"), 0), SectionEdit("B", ("jornaleros-huelga",), 1))  # fmt: skip
    edit = IssueEdit(82, dt.date(2026, 7, 2), "Four spaces", summary="Strike news", sections=sections)  # fmt: skip
    assert edited(FOUR_SPACES, edit) == FOUR_SPACES.replace("sections:", "summary: Strike news\nsections:")  # fmt: skip
    leaflet = LeafletEdit("quotes", sides=2)
    assert edited(FOUR_SPACES, replace(edit, leaflet=leaflet)).endswith(
        "leaflet:\n    document: quotes\n    sides: 2\n"
    )


BULLETINS = tuple(f"branch-bulletin-{n:03d}" for n in range(1, 131))


def test_a_long_documents_list_is_written_one_document_a_line() -> None:
    new = edited(None, issue(50, ("Branch bulletins", list(BULLETINS), None)))
    assert new.endswith("    documents:\n" + "".join(f"      - {name}\n" for name in BULLETINS))
    grown = edited(ANNOTATED, issue(45, ("News", NEWS, 0), ("Solidarity", ["solidarity-textile-workers", *BULLETINS], 1)))  # fmt: skip
    assert grown.endswith(
        "    documents:".ljust(45) + "# translation pending\n"  # the column it had
        "      - solidarity-textile-workers\n" + "".join(f"      - {n}\n" for n in BULLETINS)
    )
    assert max(len(line) for line in new.splitlines() + grown.splitlines()) < 80


# The sections four spaces from their key, the documents under a section two from theirs
# (no one indentation of ruamel.yaml's), with whole-line comments; saved on Windows.
LISTS_OWN_WAY = """\
number: 83
title: Lists their own way
date: 2026-07-09
sections:
    # first section
    - title: A
      documents:
        # lead
        - quotes
        - gozaresh-fa  # Farsi
    - title: B
      documents: [jornaleros-huelga]
""".replace("\n", "\r\n")


@pytest.mark.parametrize("comments", [True, False])
def test_a_manifest_keeps_how_far_each_of_its_lists_is_indented(comments: bool) -> None:
    """Only a summary added: the sections were rewritten two spaces in (the comments left
    where they were), or without comments the documents moved from 8 spaces to 10."""
    uncommented = re.sub(r" *# (first section|lead)\r\n", "", LISTS_OWN_WAY)
    text = LISTS_OWN_WAY if comments else uncommented
    sections = (SectionEdit("A", ("quotes", "gozaresh-fa"), 0), SectionEdit("B", ("jornaleros-huelga",), 1))  # fmt: skip
    edit = IssueEdit(83, dt.date(2026, 7, 9), "Lists their own way", summary="Strike news", sections=sections)  # fmt: skip
    summary = "summary: Strike news\r\nsections:"
    assert edited(text, edit) == text.replace("sections:", summary)
    added = (SectionEdit("A", ("quotes", "gozaresh-fa", "strike-fund"), 0), sections[1])
    assert edited(text, replace(edit, sections=added)) == text.replace(
        "sections:", summary
    ).replace("- gozaresh-fa  # Farsi\r\n", "- gozaresh-fa  # Farsi\r\n        - strike-fund\r\n")


def test_a_manifest_the_build_would_refuse_is_not_written(port: int, winter: Path) -> None:
    before = winter.read_bytes()
    _, page = request(port, "GET", f"/compose/issue/{WINTER}")
    fields = [*form_of(page), ("section.document", "no-such-document")]
    status, answer = request(port, "POST", "/compose/save", fields)
    assert status == 422
    assert "no document 'no-such-document' in documents/" in html.unescape(answer)
    assert f"issues/{WINTER}" in answer  # named as the build names it
    assert str(winter.parent) not in html.unescape(answer)  # as the editor knows it
    assert winter.read_bytes() == before


@pytest.mark.parametrize("impossible", ["2026-02-30", "2026-13-01"])
def test_a_manifest_whose_date_does_not_exist_opens_as_written_to_be_mended(
    port: int, winter: Path, impossible: str
) -> None:
    """A day that is not in the calendar is the build's to refuse and the editor's to
    mend here, as any other value the build refuses: the form shows the file as written,
    beside the problem, and saving the day mended changes that line alone."""
    before = winter.read_text(encoding="utf-8")
    winter.write_text(before.replace("date: 2026-02-10", f"date: {impossible}"), encoding="utf-8")
    status, page = request(port, "GET", f"/compose/issue/{WINTER}")
    assert status == 200, page
    said = html.unescape(page)
    assert "The build refuses this issue as its file is; mend it here:" in said
    assert f"issues/{WINTER}:4: date '{impossible}' is not a valid date" in said
    fields = form_of(page)
    assert ("date", impossible) in fields and ("title", "Winter news") in fields
    assert ("section.document", "library-hours") in fields

    status, answer = request(port, "POST", "/compose/save", replaced(fields, date="2026-02-27"))
    assert status == 303, answer
    assert winter.read_text(encoding="utf-8") == before.replace("2026-02-10", "2026-02-27")


def test_a_file_changed_on_disk_since_the_page_loaded_is_not_overwritten(
    port: int, winter: Path
) -> None:
    _, page = request(port, "GET", f"/compose/issue/{WINTER}")
    by_hand = winter.read_text(encoding="utf-8").replace("More soon.", "Edited by hand.")
    winter.write_text(by_hand, encoding="utf-8")
    status, answer = request(port, "POST", "/compose/save", replaced(form_of(page), title="X"))
    assert status == 409
    assert "changed on disk" in answer and f"/compose/issue/{WINTER}" in answer  # reload
    assert winter.read_text(encoding="utf-8") == by_hand


@pytest.mark.parametrize("token", [None, "", "forged-token"])
def test_a_post_without_this_servers_csrf_token_is_refused(
    port: int, winter: Path, token: str | None
) -> None:
    before = winter.read_bytes()
    _, page = request(port, "GET", f"/compose/issue/{WINTER}")
    fields = [(k, v) for k, v in replaced(form_of(page), title="Forged") if k != "csrf"]
    if token is not None:
        fields.append(("csrf", token))
    for action in ("save", "build", "markdown"):
        status, _ = request(port, "POST", f"/compose/{action}", fields)
        assert status == 403, action
    assert winter.read_bytes() == before


def test_a_page_left_open_across_a_restart_of_the_server_still_saves(tmp_path: Path) -> None:
    """An editor's tab outlives `publisher serve` (Ctrl-C, a closed terminal, the laptop
    asleep): what was typed in it must still save, not be refused as a forgery and lost."""
    workspace = copy_workspace(WORKSPACES / "compose-basic", tmp_path / "ws")
    with serving(workspace) as port:
        _, page = request(port, "GET", f"/compose/issue/{WINTER}")
    typed = replaced(form_of(page), title="Typed before the restart")
    with serving(workspace) as port:
        status, answer = request(port, "POST", "/compose/save", typed)
    assert status == 303, answer  # saved, and back to the form
    assert "Typed before the restart" in (workspace / "issues" / WINTER).read_text()
    kept = workspace / ".publisher" / "compose-token"
    assert kept.stat().st_mode & 0o077 == 0  # the owner's alone


@pytest.mark.parametrize("host", ["attacker.example", "127.0.0.1.nip.io", "localhost.evil"])
def test_the_composer_refuses_another_host(port: int, winter: Path, host: str) -> None:
    before = winter.read_bytes()
    _, page = request(port, "GET", f"/compose/issue/{WINTER}")
    fields = replaced(form_of(page), title="Rebound")
    assert request(port, "GET", "/compose", host=host)[0] == 421
    assert request(port, "POST", "/compose/save", fields, host=host)[0] == 421
    assert winter.read_bytes() == before


@pytest.mark.parametrize(
    "name", ["../publisher.toml", "../issues/../../x.yaml", "/tmp/composer-outside.yaml"]
)
def test_a_manifest_name_outside_issues_is_refused(port: int, workspace: Path, name: str) -> None:
    _, page = request(port, "GET", f"/compose/issue/{WINTER}")
    fields = [(k, name if k == "file" else v) for k, v in form_of(page)]
    fields = [(k, "new" if k == "digest" else v) for k, v in fields]
    status, answer = request(port, "POST", "/compose/save", fields)
    assert status == 400, answer
    assert not Path("/tmp/composer-outside.yaml").exists()
    assert (workspace / "publisher.toml").read_text().startswith("title =")


@pytest.mark.parametrize("name", [".hidden.yaml", "._005-winter.yaml", "~$005-winter.yaml"])
def test_a_hidden_manifest_name_is_refused(port: int, workspace: Path, name: str) -> None:
    """A hidden file in issues/ is no issue (the build passes it over, as in documents/):
    the composer neither saves one nor opens one."""
    (workspace / "issues" / "._005-winter.yaml").write_bytes(b"\x00\x05\x16\x07Mac OS X")
    try:
        _, page = request(port, "GET", f"/compose/issue/{WINTER}")
        fields = [(k, name if k == "file" else v) for k, v in form_of(page)]
        fields = [(k, "new" if k == "digest" else v) for k, v in fields]
        status, answer = request(port, "POST", "/compose/save", fields)
        assert status == 400, answer
        assert not (workspace / "issues" / ".hidden.yaml").exists()
        assert not (workspace / "issues" / "~$005-winter.yaml").exists()
        assert request(port, "GET", f"/compose/issue/{quote(name)}")[0] == 400
        assert "._005-winter" not in request(port, "GET", "/compose")[1]
    finally:
        (workspace / "issues" / "._005-winter.yaml").unlink()


def test_a_manifest_that_links_outside_the_workspace_is_refused(
    port: int, workspace: Path, tmp_path: Path
) -> None:
    outside = tmp_path / "outside.yaml"
    outside.write_text("number: 99\n", encoding="utf-8")
    link = workspace / "issues" / "linked.yaml"
    link.symlink_to(outside)
    try:
        assert request(port, "GET", "/compose/issue/linked.yaml")[0] == 400
        _, page = request(port, "GET", f"/compose/issue/{WINTER}")
        fields = [(k, "linked.yaml" if k == "file" else v) for k, v in form_of(page)]
        import hashlib

        digest = hashlib.sha256(outside.read_bytes()).hexdigest()
        fields = [(k, digest if k == "digest" else v) for k, v in fields]
        status, _ = request(port, "POST", "/compose/save", fields)
        assert status == 400
        assert outside.read_text(encoding="utf-8") == "number: 99\n"
    finally:
        link.unlink()


def test_the_pool_lists_each_document_with_where_it_is_used_and_filters(port: int) -> None:
    status, page = request(port, "GET", "/compose")
    assert status == 200
    assert "Huelga de limpieza en el puerto" in page and "005-winter" in page
    assert "Documents (5 of 5)" in page
    _, spanish = request(port, "GET", "/compose?language=es")
    assert "Documents (1 of 5)" in spanish and "Huelga de limpieza" in spanish
    _, searched = request(port, "GET", "/compose?q=ferry")
    assert "Ferry timetable cut again" in searched and "Library keeps" not in searched


def test_the_editorial_preview_is_sanitised_markdown(port: int) -> None:
    _, page = request(port, "GET", "/compose")
    token = dict(form_of(page.replace('<meta name="csrf-token" content=', '<form id="t"><input name="csrf" value='), "t"))["csrf"]  # fmt: skip
    text = "Hello *there*\n\n<script>alert(1)</script>"
    status, html = request(
        port, "POST", "/compose/markdown", [("csrf", token), ("editorial", text)]
    )
    assert status == 200
    assert "<em>there</em>" in html and "<script" not in html


def test_the_editorial_preview_lists_typed_points_as_the_build_does(port: int) -> None:
    """ "– the rota" and "١." lines: the build lists them, and the preview showed them as
    paragraphs with their marks."""
    text = "Dates:\n– ballot closes\n– count\n\n١. الإضراب\n٢. المسيرة"
    fields = [("csrf", token_of(port)), ("editorial", text), ("language", "")]
    status, answer = request(port, "POST", "/compose/markdown", fields)
    assert status == 200
    tree = lxml.html.fromstring(answer)
    items = [[li.text_content() for li in found.iter("li")] for found in tree.iter("ul", "ol")]
    assert items == [["ballot closes", "count"], ["الإضراب", "المسيرة"]], answer


def token_of(port: int) -> str:
    _, page = request(port, "GET", "/compose")
    found = re.search(r'<meta name="csrf-token" content="([^"]+)">', page)
    assert found
    return found.group(1)


def finished_task(port: int, url: str) -> str:
    """The task's report once it has ended."""
    for _ in range(600):
        status, part = request(port, "GET", url + "?part")
        assert status == 200
        if 'data-running="false"' in part:
            return html.unescape(part)
        time.sleep(0.1)
    raise AssertionError(f"{url} still running after 60 s")


def test_a_dropped_file_goes_through_publisher_import_and_its_report_is_shown(
    port: int, workspace: Path
) -> None:
    text = b"Harbour notes\n\nThe cranes are back on the quay this week.\n"
    dropped = (text, {"Content-Type": "text/plain", "X-CSRF-Token": token_of(port)})
    forged = (text, {"Content-Type": "text/plain", "X-CSRF-Token": "forged"})
    assert request(port, "POST", "/compose/import?name=notes.txt", raw=forged)[0] == 403
    status, answer = request(port, "POST", "/compose/import?name=../../notes.txt", raw=dropped)
    assert status == 202
    report = finished_task(port, json.loads(answer)["task"])
    imported = workspace / "documents" / "harbour-notes.md"
    try:
        assert "Import: notes.txt: done" in report
        assert "documents/harbour-notes.md" in report and "imported" in report
        assert str(workspace) not in report  # named as the editor knows it
        assert imported.is_file() and "cranes are back" in imported.read_text(encoding="utf-8")
        assert not (workspace.parent / "notes.txt").exists()
    finally:
        imported.unlink(missing_ok=True)


@pytest.mark.parametrize(
    ("name", "kind"),
    [("notes.md", "a Markdown"), ("notes.rst", "a reStructuredText"), ("notes.mdx", "an MDX")],
)
def test_a_dropped_document_that_needs_no_import_is_added_as_it_is_never_over_another(
    port: int, workspace: Path, name: str, kind: str
) -> None:
    text = b"Harbour notes\n=============\n\nThe cranes are back.\n"
    headers = {"Content-Type": "text/plain", "X-CSRF-Token": token_of(port)}
    added = workspace / "documents" / name
    stem, suffix = name.split(".")
    second = workspace / "documents" / f"{stem}-2.{suffix}"
    try:
        status, answer = request(port, "POST", f"/compose/import?name={name}", raw=(text, headers))
        assert status == 202
        report = finished_task(port, json.loads(answer)["task"])
        assert f"added as documents/{name}: {kind} file is a document as it is" in report
        assert added.read_bytes() == text
        # The same name dropped again (README: "under a free name, x-2.md"): it was refused.
        newer = text.replace(b"back.", b"back, and the ferry too.")
        status, answer = request(port, "POST", f"/compose/import?name={name}", raw=(newer, headers))
        assert status == 202, answer
        report = finished_task(port, json.loads(answer)["task"])
        assert f"added as documents/{stem}-2.{suffix}: {kind} file is" in report
        assert added.read_bytes() == text and second.read_bytes() == newer
    finally:
        added.unlink(missing_ok=True)
        second.unlink(missing_ok=True)


# As a person writes front matter by hand: a quote and a bracket left open.
BROKEN_FRONT_MATTER = b"""---
title: "Broken front matter
date: 2026-13-45
tags: [a, b
---

Body text of the note about the picket.
"""


def test_a_dropped_document_the_build_would_refuse_is_not_added_and_its_line_is_named(
    port: int, workspace: Path
) -> None:
    headers = {  # as compose.js sends it
        "Content-Type": "text/markdown",
        "X-CSRF-Token": token_of(port),
        "Accept": "application/json",
    }
    dropped = (BROKEN_FRONT_MATTER, headers)
    status, answer = request(port, "POST", "/compose/import?name=picket-notes.md", raw=dropped)
    assert status == 422
    said = " ".join(json.loads(answer)["errors"])
    assert "picket-notes.md was not added:" in said
    assert "picket-notes.md:2: not valid YAML" in said
    assert str(workspace) not in said and "/tmp" not in said  # the editor's name for it
    assert not (workspace / "documents" / "picket-notes.md").exists()


def test_a_document_the_build_refuses_is_marked_in_the_list_and_no_issue_saves_it(
    port: int, workspace: Path, winter: Path
) -> None:
    broken = workspace / "documents" / "picket-notes.md"
    broken.write_bytes(BROKEN_FRONT_MATTER)  # copied into documents/ by hand
    before = winter.read_bytes()
    try:
        _, page = request(port, "GET", f"/compose/issue/{WINTER}")
        listed = html.unescape(page.split('<li class="doc" data-ref="picket-notes"')[1])
        listed = listed.partition("</li>")[0]
        assert "documents/picket-notes.md:2: not valid YAML" in listed
        assert str(workspace) not in listed
        fields = [*form_of(page), ("section.document", "picket-notes")]
        status, answer = saved_as_the_script_saves(port, fields)
    finally:
        broken.unlink()
    assert status == 422
    said = "\n".join(answer["errors"])
    assert "documents/picket-notes.md:2: not valid YAML" in said
    assert str(workspace) not in said
    assert winter.read_bytes() == before


def jpeg() -> bytes:
    """A photo as a phone saves it: a JPEG."""
    from PIL import Image

    picture = io.BytesIO()
    Image.new("RGB", (8, 6), (200, 40, 40)).save(picture, "JPEG")
    return picture.getvalue()


def test_a_dropped_picture_goes_into_documents_media_with_how_to_show_it(
    port: int, workspace: Path
) -> None:
    photo = jpeg()
    headers = {"Content-Type": "image/jpeg", "X-CSRF-Token": token_of(port)}
    media = workspace / "documents" / "media"
    added = [media / "photo-rally.jpg", media / "photo-rally-2.jpg"]
    try:
        for name, path in zip(("photo-rally.jpg", "Photo Rally.JPG"), added, strict=True):
            url = f"/compose/import?name={quote(name)}"
            status, answer = request(port, "POST", url, raw=(photo, headers))
            assert status == 202, answer
            report = finished_task(port, json.loads(answer)["task"])
            assert f"Import: {name}: done" in report
            assert f"added as documents/media/{path.name}: a picture" in report
            assert f"![what it shows](documents/media/{path.name})" in report  # the editorial
            assert f"![what it shows](media/{path.name})" in report  # a document in documents/
            assert str(workspace) not in report
            assert path.read_bytes() == photo  # the second beside the first, never over it
    finally:
        for path in added:
            path.unlink(missing_ok=True)


def test_a_test_copy_that_cannot_be_sent_says_why(port: int) -> None:
    fields = [("csrf", token_of(port)), ("file", WINTER), ("to", "me@example.org")]
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    form = {"Content-Type": "application/x-www-form-urlencoded"}
    connection.request("POST", "/compose/send", urlencode(fields), form)
    response = connection.getresponse()
    connection.close()
    assert response.status == 303
    report = finished_task(port, response.headers["Location"])
    assert "Test copy: 005-winter: failed" in report
    assert "issue 005-winter has no built email yet" in report  # the command's own words


def test_the_leaflet_is_written_as_a_person_would_and_removed_again(
    port: int, winter: Path
) -> None:
    _, page = request(port, "GET", f"/compose/issue/{WINTER}")
    fields = replaced(form_of(page), leaflet_document="may-day", leaflet_sides="2")
    assert request(port, "POST", "/compose/save", fields)[0] == 303
    text = winter.read_text(encoding="utf-8")
    assert text.endswith("leaflet:\n  document: may-day\n  sides: 2\n")
    _, page = request(port, "GET", f"/compose/issue/{WINTER}")
    assert '<option value="may-day" selected>' in page
    assert (
        request(port, "POST", "/compose/save", replaced(form_of(page), leaflet_document=""))[0]
        == 303
    )
    assert winter.read_text(encoding="utf-8") == (
        WORKSPACES / "compose-basic" / "issues" / WINTER
    ).read_text(encoding="utf-8")


def test_the_last_builds_errors_are_shown_next_to_their_document(
    port: int, workspace: Path
) -> None:
    status = Status()
    error = f"{workspace}/documents/ferry-cuts.md:2: not valid YAML: found a tab"
    with serving(workspace, status) as other:
        status.finished("preview", error)
        _, page = request(other, "GET", f"/compose/issue/{WINTER}")
    chunks = page.split('<li class="doc" data-ref="')[1:]
    items: dict[str, str] = {}
    for chunk in chunks:  # the issue's documents come first, then the pool's
        items.setdefault(chunk.partition('"')[0], html.unescape(chunk))
    assert "not valid YAML: found a tab" in items["ferry-cuts"]
    assert "not valid YAML" not in items["rent-strike"]
    assert "The last build failed" in page


def test_what_the_last_builds_warned_of_is_shown_next_to_its_document(
    port: int, workspace: Path
) -> None:
    status = Status()
    said = "documents/ferry-cuts.md:7: the picture media/ferry.jpg has no description (alt text)"
    with serving(workspace, status) as other:
        status.finished("preview", warnings=(Warned(None, said),))
        _, page = request(other, "GET", f"/compose/issue/{WINTER}")
    items = {
        chunk.partition('"')[0]: html.unescape(chunk)
        for chunk in reversed(page.split('<li class="doc" data-ref="')[1:])
    }
    assert "media/ferry.jpg has no description" in items["ferry-cuts"]
    assert "no description" not in items["rent-strike"]


def saved_as_the_script_saves(port: int, fields: list[tuple[str, str]]) -> tuple[int, dict]:
    """A save as compose.js posts it: the token in a header, the answer asked for as JSON."""
    body = urlencode([*fields, ("_accept", "application/json")]).encode()
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "Accept": "application/json",
        "X-CSRF-Token": token_of(port),
    }
    status, answer = request(port, "POST", "/compose/save", raw=(body, headers))
    return status, json.loads(answer)


@pytest.mark.parametrize(
    ("field", "typed", "said"),
    [
        ("number", "forty-five", "Number: write a whole number, in figures (12, not twelve)"),
        ("number", "5", "Number 5 is taken: issues/005-winter.yaml has it"),
        ("date", "", "Date: pick the day the issue comes out"),
        ("section.title", "", "Section 1 needs a title"),
    ],
)
@pytest.mark.parametrize("new", [True, False])
def test_what_stops_a_save_is_said_in_the_pages_own_words(
    port: int, workspace: Path, winter: Path, field: str, typed: str, said: str, new: bool
) -> None:
    """Named by the page's field, never by a line of a file not written yet, by the
    workspace's absolute path, or with a hint in YAML."""
    if field == "number" and typed == "5" and not new:
        typed, said = "6", ""  # its own number: nothing taken
    _, page = request(port, "GET", "/compose/new" if new else f"/compose/issue/{WINTER}")
    fields = form_of(page)
    if new:
        fields += [("title", "Spring"), ("section.title", "News"), ("section.origin", "")]
        fields += [("section.document", "ferry-cuts")]
    if field == "section.title":
        at = next(i for i, (key, _) in enumerate(fields) if key == field)
        fields[at] = (field, typed)
    else:
        fields = replaced(fields, **{field: typed})
    before = {path.name: path.read_bytes() for path in (workspace / "issues").iterdir()}
    status, answer = saved_as_the_script_saves(port, fields)
    if not said:
        assert status == 200
        return
    assert (status, answer["errors"]) == (422, [said])
    assert {path.name: path.read_bytes() for path in (workspace / "issues").iterdir()} == before


def test_a_line_break_pasted_from_word_is_saved_as_a_line_break_and_later_saves_work(
    port: int, winter: Path
) -> None:
    _, page = request(port, "GET", f"/compose/issue/{WINTER}")
    pasted = "Pasted from Word:\x0bsecond line.\n\nA bell\x07 rang.\u2028Last line."
    status, answer = saved_as_the_script_saves(port, replaced(form_of(page), editorial=pasted))
    assert status == 200, answer
    text = winter.read_text(encoding="utf-8")
    assert "\x0b" not in text and "\x07" not in text and "\u2028" not in text
    assert yaml.safe_load(text)["editorial"] == (
        "Pasted from Word:\nsecond line.\n\nA bell rang.\nLast line.\n"
    )
    _, page = request(port, "GET", f"/compose/issue/{WINTER}")
    status, answer = saved_as_the_script_saves(port, replaced(form_of(page), title="Later"))
    assert status == 200, answer
    assert yaml.safe_load(winter.read_text(encoding="utf-8"))["title"] == "Later"


def test_a_control_character_in_a_title_is_saved_as_a_space(port: int, winter: Path) -> None:
    _, page = request(port, "GET", f"/compose/issue/{WINTER}")
    fields = replaced(form_of(page), title="Winter\x0bnews\x1b", section_title="Port\x0bnews")
    status, answer = saved_as_the_script_saves(port, fields)
    assert status == 200, answer
    written = yaml.safe_load(winter.read_text(encoding="utf-8"))
    assert written["title"] == "Winter news"
    assert [s["title"] for s in written["sections"]] == ["Port news", "Port news"]


def test_a_manifest_with_a_control_character_on_disk_is_still_edited(
    port: int, winter: Path
) -> None:
    by_hand = winter.read_text(encoding="utf-8").replace("More soon.", "More\x0bsoon.\x07")
    winter.write_text(by_hand, encoding="utf-8")
    status, page = request(port, "GET", f"/compose/issue/{WINTER}")
    assert status == 200
    status, answer = saved_as_the_script_saves(port, replaced(form_of(page), title="Thaw"))
    assert status == 200, answer
    written = winter.read_text(encoding="utf-8")
    assert yaml.safe_load(written)["title"] == "Thaw" and "# the masthead line" in written
    assert "\x0b" not in written and "\x07" not in written
    assert "# Keep the editorial short: it shares the contents page." in written


def test_a_save_the_workspace_stops_answers_the_script_in_json(
    port: int, workspace: Path, winter: Path
) -> None:
    _, page = request(port, "GET", f"/compose/issue/{WINTER}")
    toml = workspace / "publisher.toml"
    before = toml.read_text(encoding="utf-8")
    toml.write_text(before + "\n[email\n", encoding="utf-8")  # a bracket left open
    try:
        status, answer = saved_as_the_script_saves(port, replaced(form_of(page), title="X"))
    finally:
        toml.write_text(before, encoding="utf-8")
    assert status == 422
    assert answer["ok"] is False
    assert any("publisher.toml" in error for error in answer["errors"])


def test_a_save_whose_page_was_closed_meanwhile_leaves_no_traceback_in_the_terminal(
    port: int, winter: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    """The browser closed (the tab, the window) while a save was on its way: the save is
    written, and the answer nobody waits for any more was a BrokenPipeError's traceback."""
    _, page = request(port, "GET", f"/compose/issue/{WINTER}")
    body = urlencode([*replaced(form_of(page), title="Closed tab"), ("_accept", "json")])
    head = (
        f"POST /compose/save HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
        "Content-Type: application/x-www-form-urlencoded\r\nAccept: application/json\r\n"
        f"X-CSRF-Token: {token_of(port)}\r\nContent-Length: {len(body)}\r\n\r\n"
    )
    capfd.readouterr()
    browser = socket.create_connection(("127.0.0.1", port))
    browser.sendall(head.encode() + body.encode())
    # Closed at once, as a browser closes a tab: a reset, not a goodbye.
    browser.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    browser.close()
    for _ in range(100):
        if "Closed tab" in winter.read_text(encoding="utf-8"):
            break
        time.sleep(0.05)
    time.sleep(0.3)  # the answer written, or not, by now
    assert yaml.safe_load(winter.read_text(encoding="utf-8"))["title"] == "Closed tab"
    assert "Traceback" not in capfd.readouterr().err
    assert request(port, "GET", f"/compose/issue/{WINTER}")[0] == 200  # and it serves on


SPANISH_EDITION = """\
editions:
  es:
    title: Noticias de invierno
    sections: [Vivienda, En el puerto]   # in the sections' order
"""


def sections_of(fields: list[tuple[str, str]]) -> tuple[list, list[list]]:
    """The form's fields before its sections, and each section's fields, in order."""
    head: list[tuple[str, str]] = []
    sections: list[list[tuple[str, str]]] = []
    for key, value in fields:
        if key == "section.title":
            sections.append([])
        if key.startswith("section.") and sections:
            sections[-1].append((key, value))
        else:
            head.append((key, value))
    return head, sections


def edition_titles(path: Path) -> list[str]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))["editions"]["es"]["sections"]


def test_moving_a_section_moves_its_title_in_each_edition_too(port: int, winter: Path) -> None:
    winter.write_text(winter.read_text(encoding="utf-8") + SPANISH_EDITION, encoding="utf-8")
    _, page = request(port, "GET", f"/compose/issue/{WINTER}")
    head, (housing, port_news) = sections_of(form_of(page))
    assert request(port, "POST", "/compose/save", [*head, *port_news, *housing])[0] == 303
    assert edition_titles(winter) == ["En el puerto", "Vivienda"]
    assert "sections: [En el puerto, Vivienda]   # in the sections' order" in winter.read_text()


def test_removing_a_section_removes_its_title_in_each_edition_too(port: int, winter: Path) -> None:
    winter.write_text(winter.read_text(encoding="utf-8") + SPANISH_EDITION, encoding="utf-8")
    _, page = request(port, "GET", f"/compose/issue/{WINTER}")
    head, (_, port_news) = sections_of(form_of(page))
    assert request(port, "POST", "/compose/save", [*head, *port_news])[0] == 303
    assert edition_titles(winter) == ["En el puerto"]


def test_a_new_section_has_no_title_in_an_edition_until_it_is_translated(
    port: int, winter: Path, caplog: pytest.LogCaptureFixture
) -> None:
    winter.write_text(winter.read_text(encoding="utf-8") + SPANISH_EDITION, encoding="utf-8")
    _, page = request(port, "GET", f"/compose/issue/{WINTER}")
    head, (housing, port_news) = sections_of(form_of(page))
    port_news.remove(("section.document", "library-hours"))
    new = [("section.title", "Libraries"), ("section.document", "library-hours")]
    assert request(port, "POST", "/compose/save", [*head, *housing, *new, *port_news])[0] == 303
    assert edition_titles(winter) == ["Vivienda", "", "En el puerto"]
    _, page = request(port, "GET", f"/compose/issue/{WINTER}")
    caplog.clear()
    assert request(port, "POST", "/compose/save", form_of(page))[0] == 303
    assert "section title" not in caplog.text  # the build takes it as it is


@pytest.mark.parametrize("name", ["rent-strike.markdown", "Rent-Strike.md", "rent strike.rst"])
def test_a_dropped_document_named_as_another_is_added_under_a_free_name(
    port: int, workspace: Path, name: str
) -> None:
    text = b"Rent strike, day two\n====================\n\nThe tenants are holding out.\n"
    dropped = (text, {"Content-Type": "text/plain", "X-CSRF-Token": token_of(port)})
    before = {p.name for p in (workspace / "documents").iterdir()}
    suffix = Path(name).suffix
    added = workspace / "documents" / f"rent-strike-2{suffix}"
    try:
        url = f"/compose/import?name={quote(name)}"
        status, answer = request(port, "POST", url, raw=dropped)
        assert status == 202, answer
        report = finished_task(port, json.loads(answer)["task"])
        assert f"added as documents/rent-strike-2{suffix}" in report
        assert "documents/rent-strike.md is named rent-strike already" in report
        assert added.read_bytes() == text
        assert {p.name for p in (workspace / "documents").iterdir()} - before == {added.name}
        status, page = request(port, "GET", f"/compose/issue/{WINTER}")
        assert status == 200 and "matches several documents" not in html.unescape(page)
    finally:
        added.unlink(missing_ok=True)
        for path in (workspace / "documents").iterdir():
            if path.name not in before:
                path.unlink()


LONG_TITLE = (
    "The general strike in the port, day by day: the cleaners, the ferry crews, the dockers"
    " and the library workers, who stood with whom, what was won and what was lost, and what"
    " comes next for every union in the city this year"
)


@pytest.mark.parametrize(
    "title", [LONG_TITLE, f"{LONG_TITLE}, and how the next one will be organised, street by street"]
)
@pytest.mark.parametrize("as_script", [False, True])
def test_a_new_issue_with_a_long_title_is_saved_under_a_shortened_name(
    port: int, workspace: Path, title: str, as_script: bool
) -> None:
    """A title of 222 characters was refused, asking to "rename the manifest" the editor had
    not got; one of 280 was an internal error (File name too long)."""
    _, page = request(port, "GET", "/compose/new")
    fields = replaced(form_of(page), number="70", title=title)
    fields += [("section.title", "The strike"), ("section.document", "rent-strike")]
    before = set((workspace / "issues").iterdir())
    try:
        if as_script:
            status, answer = saved_as_the_script_saves(port, fields)
            assert status == 200 and answer["ok"], answer
        else:
            assert request(port, "POST", "/compose/save", fields)[0] == 303
        (saved,) = set((workspace / "issues").iterdir()) - before
        assert saved.name.startswith("070-the-general-strike-in-the-port-day-by-day")
        assert saved.suffix == ".yaml" and len(saved.stem) <= 200  # manifest.LONGEST_SLUG
        assert yaml.safe_load(saved.read_text(encoding="utf-8"))["title"] == title
        status, page = request(port, "GET", f"/compose/issue/{quote(saved.name)}")
        assert status == 200 and "The build refuses" not in page
    finally:
        for path in set((workspace / "issues").iterdir()) - before:
            path.unlink()


def test_a_new_issue_titled_in_arabic_is_named_in_its_letters_and_opens_with_its_pages(
    port: int, workspace: Path
) -> None:
    """The build names an issue whose manifest is named in Arabic by its letters; the
    composer named the file in transliteration ('071-drb-ml-lmyn'), and could not open a
    manifest named in Arabic, nor find its PDF, whose address comes percent-encoded."""
    if shutil.which("pdftoppm") is None:
        pytest.skip("poppler's pdftoppm is not installed")
    _, page = request(port, "GET", "/compose/new")
    fields = replaced(form_of(page), number="71", title="إضراب عمال الميناء", language="ar")
    fields += [("section.title", "أخبار"), ("section.document", "rent-strike")]
    before = set((workspace / "issues").iterdir())
    try:
        assert request(port, "POST", "/compose/save", fields)[0] == 303
        (saved,) = set((workspace / "issues").iterdir()) - before
        assert saved.name == "071-إضراب-عمال-الميناء.yaml"
        built = workspace / "dist" / saved.stem
        built.mkdir(parents=True)
        (built / "index.html").write_text("<title>إضراب</title>", encoding="utf-8")
        (built / f"{saved.stem}.pdf").write_bytes(blank_pdf(2))
        status, editor = request(port, "GET", f"/compose/issue/{quote(saved.name)}")
        assert status == 200 and "إضراب عمال الميناء" in editor
        pictures = [html.unescape(s) for s in re.findall(r'<img src="([^"]+)"', editor)]
        assert len(pictures) == 2
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        connection.request("GET", quote(pictures[0], safe="/?=&"))
        response = connection.getresponse()
        assert response.status == 200 and response.read().startswith(b"\x89PNG")
        connection.close()
        assert request(port, "GET", "/compose/previews/..%2f..%2fissues")[0] == 404  # no way out
    finally:
        for path in set((workspace / "issues").iterdir()) - before:
            path.unlink()
        shutil.rmtree(workspace / "dist", ignore_errors=True)


def blank_pdf(pages: int) -> bytes:
    """A PDF of `pages` blank pages, as a build leaves dist/<issue>/<issue>.pdf."""
    import io

    import pikepdf

    pdf = pikepdf.new()
    for _ in range(pages):
        pdf.add_blank_page()
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def thumbnail_addresses(port: int) -> list[str]:
    _, part = request(port, "GET", "/compose/previews/005-winter")
    return [html.unescape(src) for src in re.findall(r'<img src="([^"]+)"', part)]


def test_the_pdf_pages_shown_change_when_the_pdf_is_rebuilt(port: int, workspace: Path) -> None:
    if shutil.which("pdftoppm") is None:
        pytest.skip("poppler's pdftoppm is not installed")
    built = workspace / "dist" / "005-winter"
    built.mkdir(parents=True)
    try:
        (built / "index.html").write_text("<title>Winter news</title>", encoding="utf-8")
        (built / "005-winter.pdf").write_bytes(blank_pdf(1))
        first = thumbnail_addresses(port)
        assert len(first) == 1
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        connection.request("GET", first[0])
        response = connection.getresponse()
        assert response.status == 200 and response.read().startswith(b"\x89PNG")
        connection.close()
        time.sleep(0.01)
        (built / "005-winter.pdf").write_bytes(blank_pdf(2))  # rebuilt
        again = thumbnail_addresses(port)
        assert len(again) == 2 and again[0] != first[0]  # a browser asks for it again
    finally:
        shutil.rmtree(workspace / "dist", ignore_errors=True)


def test_every_page_shown_of_a_pdf_of_ten_pages_or_more_is_its_picture(
    port: int, workspace: Path
) -> None:
    """pdftoppm names the pictures of a PDF of 10 pages or more page-01.png…: pages 1 to 9
    were broken images, their addresses answered 404."""
    if shutil.which("pdftoppm") is None:
        pytest.skip("poppler's pdftoppm is not installed")
    built = workspace / "dist" / "005-winter"
    built.mkdir(parents=True)
    try:
        (built / "index.html").write_text("<title>Winter news</title>", encoding="utf-8")
        (built / "005-winter.pdf").write_bytes(blank_pdf(14))
        _, part = request(port, "GET", "/compose/previews/005-winter")
        alts = re.findall(r'<img src="[^"]+" alt="([^"]+)"', part)
        assert alts == [f"Page {n} of the PDF" for n in range(1, 13)]  # the first 12
        for address in thumbnail_addresses(port):
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            connection.request("GET", address)
            response = connection.getresponse()
            assert response.status == 200, address
            assert response.read().startswith(b"\x89PNG"), address
            connection.close()
    finally:
        shutil.rmtree(workspace / "dist", ignore_errors=True)


@pytest.mark.parametrize(
    ("language", "lang", "direction"),
    [("ar", "ar", "rtl"), ("Persian", "fa", "rtl"), ("es", "es", "ltr"), ("", "en", "ltr")],
)
def test_the_editorial_preview_is_in_the_issues_language_and_direction(
    port: int, language: str, lang: str, direction: str
) -> None:
    fields = [("csrf", token_of(port)), ("editorial", "مرحبا *بكم*"), ("language", language)]
    status, answer = request(port, "POST", "/compose/markdown", fields)
    assert status == 200
    assert answer.startswith(f'<div lang="{lang}" dir="{direction}">')
    assert "<em>بكم</em>" in answer


def test_an_arabic_paragraph_of_an_english_editorial_is_previewed_right_to_left(
    port: int,
) -> None:
    editorial = (
        "Este número… ¡la lucha sigue!\n\nالتضامن مع عمال النظافة في المستشفى واجب على كل نقابي.\n"
    )
    fields = [("csrf", token_of(port)), ("editorial", editorial), ("language", "")]
    status, answer = request(port, "POST", "/compose/markdown", fields)
    assert status == 200
    assert answer.startswith('<div lang="en" dir="ltr">')  # the newsletter's language
    assert '<p dir="rtl" lang="ar">التضامن مع عمال النظافة' in answer  # as the outputs set it
    assert "<p>Este número… ¡la lucha sigue!</p>" in answer


def test_a_word_or_web_page_document_is_listed_as_the_last_build_read_it(tmp_path: Path) -> None:
    """The composer reads no Word, OpenDocument or HTML file (that needs pandoc): it listed
    them by file name and in the newsletter's language even once built ("Declaration
    solidarite · en-GB" for a French declaration); it lists what the build found."""
    from publisher.build import build
    from publisher.config import load_config
    from publisher.pool import DocumentPool
    from publisher.serve.compose.pool_listing import pool_entries

    root = copy_workspace(WORKSPACES / "minimal", tmp_path / "ws")
    (root / "documents" / "declaration-solidarite.html").write_text(
        '<html lang="fr"><head><title>Déclaration de solidarité</title>'
        '<meta name="date" content="2026-01-08"></head>'
        "<body><p>Les dockers de Port-Aurèle sont avec vous.</p></body></html>",
        encoding="utf-8",
    )
    manifest = root / "issues" / "001-first.yaml"
    manifest.write_text(manifest.read_text().replace("second-article]", "declaration-solidarite]"))

    def listed() -> tuple[str, str, str]:
        config = load_config(root)
        (entry,) = [
            e
            for e in pool_entries(config, DocumentPool.scan(config.documents_dir))
            if e.ref == "declaration-solidarite"
        ]
        return entry.title, entry.language, entry.date

    assert listed() == ("Declaration solidarite", "en", "")  # not read yet: its name
    build(root, formats=["web"])
    assert listed() == ("Déclaration de solidarité", "fr", "2026-01-08")


def test_the_pool_names_the_editions_that_publish_a_translation(tmp_path: Path) -> None:
    """A translation an edition uses is in an issue: the list must not call it "not used
    yet", or an editor tidying the pool deletes a live translation."""
    workspace = copy_workspace(WORKSPACES / "editions", tmp_path / "ws")
    with serving(workspace) as port:
        status, page = request(port, "GET", "/compose")
    assert status == 200
    row = next(r for r in page.split("<tr") if "strike.es.md" in r)
    assert "not used yet" not in row
    assert "001-editions (es)" in row and "002-omitted (es)" in row


def headers_of(port: int, path: str) -> http.client.HTTPMessage:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
        return response.headers
    finally:
        connection.close()


@pytest.mark.parametrize(
    "path", ["/compose", "/compose/new", f"/compose/issue/{WINTER}", "/__publisher/", "/"]
)
def test_no_other_site_can_show_the_composer_or_a_preview_in_a_frame(port: int, path: str) -> None:
    """A page on another site framed the composer, faint, over buttons of its own: one click
    there pressed "Remove" here, and autosave wrote it (clickjacking)."""
    headers = headers_of(port, path)
    assert headers["X-Frame-Options"] == "SAMEORIGIN"
    if path.startswith("/compose"):
        policy = [part.strip() for part in headers["Content-Security-Policy"].split(";")]
        assert "frame-ancestors 'self'" in policy


def test_a_dropped_file_sent_as_a_form_is_imported_as_the_file_it_is(
    port: int, workspace: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    """curl --data-binary sends a picture as a form (application/x-www-form-urlencoded):
    it answered 500 with the picture's every byte, and a traceback. An import's body is
    the file, whatever type it is sent as."""
    photo = jpeg()
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "Accept": "application/json",
        "X-CSRF-Token": token_of(port),
    }
    added = workspace / "documents" / "media" / "picture.jpg"
    try:
        status, answer = request(
            port, "POST", "/compose/import?name=picture.jpg", raw=(photo, headers)
        )
        assert status == 202, answer[:300]
        assert "added as documents/media/picture.jpg" in finished_task(
            port, json.loads(answer)["task"]
        )
        assert added.read_bytes() == photo
    finally:
        added.unlink(missing_ok=True)
    assert "Traceback" not in capfd.readouterr().err


def test_a_form_that_is_not_utf_8_is_refused_without_its_body_said_back(
    port: int, winter: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    before = winter.read_bytes()
    body = jpeg()
    for accept in ("application/json", "text/html"):
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Accept": accept,
            "X-CSRF-Token": token_of(port),
        }
        status, answer = request(port, "POST", "/compose/save", raw=(body, headers))
        assert status == 400, answer[:300]
        assert "not a form" in answer
        assert len(answer) < 4000 and "\\xff\\xd8" not in answer and "\\\\xff" not in answer
    assert winter.read_bytes() == before
    assert "Traceback" not in capfd.readouterr().err


def test_an_internal_error_is_named_by_its_kind_never_with_what_the_request_sent() -> None:
    """The page says a bug happened and what kind; the request's body stays out of it (a
    UnicodeDecodeError's repr is the whole body it could not decode)."""
    from publisher.serve.compose.routes import _bug_message

    body = jpeg()
    try:
        body.decode("utf-8")
    except UnicodeDecodeError as exc:
        said = _bug_message(exc)
    assert said.startswith("internal error (a bug in publisher): UnicodeDecodeError")
    assert "xff" not in said and len(said) < 200
