"""An editor composes an issue in the browser (Debian's Chromium, driven by Playwright):
from an empty issue to a built one, two documents placed by drag and two by keyboard alone,
with axe-core run on every composer page and screenshots of each step in
test-artifacts/compose/."""

from __future__ import annotations

import datetime as dt
import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import REPO, WORKSPACES, copy_workspace
from test_compose import serving
from validators import AXE, serious_violations

from publisher.serve.status import Status

ARTIFACTS = REPO / "test-artifacts" / "compose"


@pytest.fixture(scope="module")
def composer(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    root = copy_workspace(WORKSPACES / "compose-basic", tmp_path_factory.mktemp("ws") / "ws")
    with serving(root) as port:
        yield f"http://127.0.0.1:{port}", root


def drag(page: Any, source: Any, target: Any) -> None:
    """A person's drag with the mouse: press, move in steps, release."""
    start, end = source.bounding_box(), target.bounding_box()
    x, y = start["x"] + 20, start["y"] + start["height"] / 2
    to_x, to_y = end["x"] + 30, end["y"] + end["height"] - 6
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + 5, y + 5, steps=2)
    for step in range(1, 16):
        page.mouse.move(x + (to_x - x) * step / 15, y + (to_y - y) * step / 15)
        page.wait_for_timeout(20)
    page.wait_for_timeout(100)
    page.mouse.up()


def section_refs(page: Any, index: int) -> list[str]:
    items = page.locator(".section").nth(index).locator(".doc")
    refs: list[str] = items.evaluate_all("items => items.map(item => item.dataset.ref)")
    return refs


def test_an_editor_composes_and_builds_an_issue_from_an_empty_one(
    browser: Any, composer: tuple[str, Path]
) -> None:
    if AXE is None:
        pytest.skip("axe-core is not in node_modules/ (make setup installs it with Ace)")
    url, root = composer
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": 1280, "height": 1000}, bypass_csp=True)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    shot = iter(range(1, 100))

    def step(name: str) -> None:
        page.screenshot(path=ARTIFACTS / f"{next(shot):02d}-{name}.png", full_page=True)

    page.goto(url + "/compose")
    step("pool")
    assert serious_violations(page) == []

    page.goto(url + "/compose/new")
    page.get_by_label("Number").fill("6")
    page.get_by_label("Date").fill("2026-03-01")
    page.get_by_label("Title", exact=True).fill("Spring news")
    page.locator("input[name='section.title']").first.fill("News")
    step("new-issue")
    assert serious_violations(page) == []

    # Two documents by drag, from the pool into the first section.
    first = page.locator(".section").first.locator(".docs")
    for count, ref in enumerate(("rent-strike", "ferry-cuts"), start=1):
        drag(page, page.locator(f"#pool .doc[data-ref='{ref}']"), first)
        first.locator(f".doc[data-ref='{ref}']").wait_for()
        assert first.locator(".doc").count() == count
    dragged = section_refs(page, 0)
    assert sorted(dragged) == ["ferry-cuts", "rent-strike"]  # where each lands: the pointer's
    step("dragged")

    # A second section and two documents by keyboard alone.
    page.locator("#add-section").focus()
    page.keyboard.press("Enter")
    page.keyboard.type("Elsewhere")  # the new section's title field has the focus
    page.locator("#add-target").focus()
    page.keyboard.press("ArrowDown")  # "2. Elsewhere"
    for ref in ("library-hours", "huelga-limpieza"):
        page.locator(f"#pool .doc[data-ref='{ref}'] [data-add]").focus()
        page.keyboard.press("Enter")
    assert section_refs(page, 1) == ["library-hours", "huelga-limpieza"]
    step("added-by-keyboard")

    # Reordered by keyboard: both sections' documents swapped.
    page.locator(f".doc[data-ref='{dragged[0]}'] [data-move='down']").focus()
    page.keyboard.press("Enter")
    assert "2 of 2" in page.locator("#status").inner_text()  # said to a screen reader
    page.locator(".doc[data-ref='huelga-limpieza'] [data-move='up']").focus()
    page.keyboard.press("Enter")
    news = dragged[::-1]
    assert section_refs(page, 0) == news
    assert section_refs(page, 1) == ["huelga-limpieza", "library-hours"]
    step("reordered")

    page.get_by_label("Editorial (Markdown)").fill("Spring is *here*.\n\nSee you at the quay.")
    page.get_by_role("button", name="Preview the editorial").click()
    page.locator("#editorial-preview em").wait_for()
    step("editorial")

    page.get_by_role("button", name="Save").click()
    page.wait_for_url("**/compose/issue/006-spring-news.yaml")
    step("saved")
    assert serious_violations(page) == []

    page.get_by_role("button", name="Build").click()
    page.locator("#task .task-state[data-running='false']").wait_for(timeout=120_000)
    assert "done" in page.locator("#task").inner_text(), page.locator("#task").inner_text()
    assert page.locator("#task nav").count() == 0  # the task's report, not a page in a page
    page.locator("#preview-body .thumbs img").first.wait_for()
    step("built")
    assert serious_violations(page) == []

    slug = "006-spring-news"
    for output in (f"{slug}.pdf", f"{slug}.epub", "email.html", "index.html"):
        assert (root / "dist" / slug / output).is_file(), output
    written = yaml.safe_load((root / "issues" / f"{slug}.yaml").read_text(encoding="utf-8"))
    assert written == {
        "number": 6,
        "title": "Spring news",
        "date": dt.date(2026, 3, 1),
        "editorial": "Spring is *here*.\n\nSee you at the quay.\n",
        "sections": [
            {"title": "News", "documents": news},
            {"title": "Elsewhere", "documents": ["huelga-limpieza", "library-hours"]},
        ],
    }

    page.goto(url + "/compose/tasks/1")
    assert serious_violations(page) == []

    # At 375 px: one column, nothing wider than the phone.
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(url + f"/compose/issue/{slug}.yaml")
    step("phone")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    assert serious_violations(page) == []

    # Changed on disk while the page is open: saving offers a reload and overwrites nothing.
    manifest = root / "issues" / f"{slug}.yaml"
    by_hand = manifest.read_text(encoding="utf-8") + "# a note added by hand\n"
    manifest.write_text(by_hand, encoding="utf-8")
    page.get_by_label("Summary").fill("A summary")
    page.get_by_role("button", name="Save").click()
    page.get_by_role("link", name="Reload the issue from disk").wait_for()
    step("conflict")
    assert serious_violations(page) == []
    with page.expect_navigation():  # the form posted without the script, as without JavaScript
        page.evaluate("HTMLFormElement.prototype.submit.call(document.getElementById('issue'))")
    assert page.locator("h1").inner_text() == "The issue changed on disk"
    assert serious_violations(page) == []
    assert manifest.read_text(encoding="utf-8") == by_hand
    assert errors == []
    context.close()


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """A composer workspace of the test's own, for a test that saves to it."""
    return copy_workspace(WORKSPACES / "compose-basic", tmp_path / "ws")


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A page in a browser context of the test's own (its dialogs, storage and routes its
    own), for the tests below; conftest's `page` is one shared by a module's looks."""
    context = browser.new_context()
    yield context.new_page()
    context.close()


def test_a_save_the_server_cannot_answer_says_so_instead_of_saving_forever(
    page: Any, root: Path
) -> None:
    with serving(root) as port:
        page.goto(f"http://127.0.0.1:{port}/compose/issue/005-winter.yaml")
        page.route(  # as a crash in the server answers: its HTML page, no JSON
            "**/compose/save",
            lambda route: route.fulfill(
                status=500, content_type="text/html", body="<h1>Something went wrong</h1>"
            ),
        )
        page.get_by_label("Title", exact=True).fill("Deep winter")
        page.get_by_role("button", name="Save").click()
        page.locator("#status", has_text="Not saved.").wait_for()
        assert "the server answered 500" in page.locator("#errors").inner_text()
        page.unroute("**/compose/save")
    # publisher serve stopped while the page was open
    page.get_by_label("Title", exact=True).fill("Deeper winter")
    page.get_by_role("button", name="Save").click()
    page.locator("#status", has_text="Not saved.").wait_for()
    assert "the server did not answer" in page.locator("#errors").inner_text()


def test_sections_moved_and_saved_twice_keep_their_titles_in_the_spanish_edition(
    page: Any, root: Path
) -> None:
    manifest = root / "issues" / "005-winter.yaml"
    edition = "editions:\n  es:\n    sections: [Vivienda, En el puerto]\n"
    manifest.write_text(manifest.read_text(encoding="utf-8") + edition, encoding="utf-8")
    with serving(root) as port:
        page.goto(f"http://127.0.0.1:{port}/compose/issue/005-winter.yaml")
        page.locator(".section").first.get_by_role("button", name="Move section down").click()
        page.locator("#status", has_text="Saved").wait_for()
        written = yaml.safe_load(manifest.read_text(encoding="utf-8"))
        assert [s["title"] for s in written["sections"]] == ["Around the port", "Housing"]
        assert written["editions"]["es"]["sections"] == ["En el puerto", "Vivienda"]
        with page.expect_response("**/compose/save"):  # a later save
            page.get_by_label("Title", exact=True).fill("Deep winter")
            page.get_by_label("Title", exact=True).blur()
    written = yaml.safe_load(manifest.read_text(encoding="utf-8"))
    assert written["title"] == "Deep winter"
    assert written["editions"]["es"]["sections"] == ["En el puerto", "Vivienda"]


def written(manifest: Path, key: str, wanted: str, seconds: float = 5) -> bool:
    """Whether the manifest's `key` says `wanted` within `seconds` (a save on its way)."""
    for _ in range(int(seconds * 10)):
        if yaml.safe_load(manifest.read_text(encoding="utf-8")).get(key) == wanted:
            return True
        time.sleep(0.1)
    return False


def test_a_title_typed_just_before_leaving_the_page_is_saved(page: Any, root: Path) -> None:
    manifest = root / "issues" / "005-winter.yaml"
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.type), dialog.accept()))
    with serving(root) as port:
        page.goto(f"http://127.0.0.1:{port}/compose/issue/005-winter.yaml")
        page.get_by_label("Title", exact=True).fill("Deep winter")
        page.get_by_role("link", name="Documents and issues").click()  # at once
        page.wait_for_url("**/compose/")
        assert written(manifest, "title", "Deep winter")
        assert dialogs == []  # saved: nothing to ask
        page.goto(f"http://127.0.0.1:{port}/compose/issue/005-winter.yaml")
        page.get_by_label("Summary").fill("Cold and getting colder")
        page.close(run_before_unload=True)  # the tab closed while the summary has the focus
        assert written(manifest, "summary", "Cold and getting colder")
        page = page.context.new_page()
        page.goto(f"http://127.0.0.1:{port}/compose/issue/005-winter.yaml")
        posted: list[str] = []
        page.on(
            "request",
            lambda r: posted.append(r.url.rpartition("/")[2]) if r.method == "POST" else None,
        )
        page.locator("#sections .doc").first.get_by_role("button", name="Next section").click()
        with page.expect_response("**/compose/tasks/*"):
            page.get_by_role("button", name="Check").click()  # at once: the issue as shown
        assert posted[:2] == ["save", "check"]


def test_leaving_a_page_whose_changes_were_refused_asks_first(page: Any, root: Path) -> None:
    dialogs: list[str] = []
    leave = False
    page.on(
        "dialog",
        lambda dialog: (
            dialogs.append(dialog.type),
            (dialog.accept if leave else dialog.dismiss)(),
        ),
    )
    with serving(root) as port:
        page.goto(f"http://127.0.0.1:{port}/compose/issue/005-winter.yaml")
        page.get_by_label("Number").fill("five")  # the build refuses it
        page.get_by_role("button", name="Save").click()
        page.locator("#status", has_text="Not saved.").wait_for()
        page.get_by_role("link", name="Documents and issues").click()
        page.wait_for_timeout(500)
        assert dialogs == ["beforeunload"]
        assert page.url.endswith("/compose/issue/005-winter.yaml")  # stayed
        leave = True
        page.goto(f"http://127.0.0.1:{port}/compose/new")
        leave = False
        page.get_by_label("Title", exact=True).fill("Spring news")
        page.get_by_role("link", name="Documents and issues").click()
        page.wait_for_timeout(500)
        assert dialogs == ["beforeunload"] * 3  # a new issue, never saved


def test_each_sections_buttons_say_which_section_they_move(page: Any, root: Path) -> None:
    """Heard by a screen reader, three "Move section up" buttons are one and the same: each
    names its section, and follows the title as it is retyped."""
    with serving(root) as port:
        page.goto(f"http://127.0.0.1:{port}/compose/issue/005-winter.yaml")
        second = page.locator(".section").nth(1)
        up = second.get_by_role("button", name=re.compile(r"^Move section up\s*: Around the port$"))
        assert up.count() == 1
        second.get_by_label("Section title").fill("At the docks")
        remove = second.get_by_role("button", name=re.compile(r"^Remove section\s*: At the docks$"))
        assert remove.count() == 1


def test_find_shows_only_the_documents_it_matches(page: Any, root: Path) -> None:
    with serving(root) as port:
        page.goto(f"http://127.0.0.1:{port}/compose/issue/005-winter.yaml")
        page.get_by_label("Find").fill("ferry")
        shown = page.locator("#pool .doc").evaluate_all(
            "items => items.filter(i => i.checkVisibility()).map(i => i.dataset.ref)"
        )
        assert shown == ["ferry-cuts"]
        page.get_by_label("Find").focus()
        page.keyboard.press("Tab")  # past Add to…
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.closest('.doc').dataset.ref") == "ferry-cuts"


def test_the_editorial_preview_turns_right_to_left_with_the_issues_language(
    page: Any, root: Path
) -> None:
    with serving(root) as port:
        page.goto(f"http://127.0.0.1:{port}/compose/new")
        page.get_by_label("Editorial (Markdown)").fill("مرحبا *بكم*.")
        page.get_by_role("button", name="Preview the editorial").click()
        paragraph = page.locator("#editorial-preview p")
        page.locator("#editorial-preview [lang='en'] em").wait_for()  # the newsletter's
        direction = "e => getComputedStyle(e).direction"
        assert page.locator("#editorial-preview > div").evaluate(direction) == "ltr"
        # An Arabic paragraph in an English issue reads right to left, as the outputs set it
        assert paragraph.evaluate(direction) == "rtl"
        page.get_by_label("Language").fill("العربية")  # its name, as the form takes it
        page.locator("#editorial-preview > div[dir='rtl'][lang='ar'] em").wait_for()
        assert paragraph.evaluate(direction) == "rtl"


def test_a_save_while_a_document_is_dragged_saves_the_issue_as_it_is(page: Any, root: Path) -> None:
    manifest = root / "issues" / "005-winter.yaml"
    page.set_viewport_size({"width": 1280, "height": 1000})
    with serving(root) as port:
        page.goto(f"http://127.0.0.1:{port}/compose/issue/005-winter.yaml")
        page.get_by_label("Title", exact=True).fill("Deep winter")
        page.get_by_label("Title", exact=True).blur()  # saved in 800 ms: while the drag goes on
        dragged = page.locator("#sections .doc[data-ref='ferry-cuts']")
        dragged.scroll_into_view_if_needed()
        box = dragged.bounding_box()
        x, y = box["x"] + 20, box["y"] + box["height"] / 2
        page.mouse.move(x, y)
        page.mouse.down()
        page.mouse.move(x + 10, y + 10, steps=5)
        page.mouse.move(x + 30, y + 80, steps=20)  # held there, below library-hours
        page.locator("#status", has_text="aved").wait_for()
        status = page.locator("#status").inner_text()
        page.mouse.up()
        assert status.startswith("Saved"), page.locator("#errors").inner_text()
    assert yaml.safe_load(manifest.read_text(encoding="utf-8"))["title"] == "Deep winter"


def test_what_was_typed_just_before_a_reload_is_on_the_reloaded_page(page: Any, root: Path) -> None:
    """A reload while the Summary still has the focus: its save, sent as the page goes,
    must not lose the race with the reload's own request, each time."""
    manifest = root / "issues" / "005-winter.yaml"
    with serving(root) as port:
        page.goto(f"http://127.0.0.1:{port}/compose/issue/005-winter.yaml")
        typed = ""
        for attempt in range(6):
            typed += f" x{attempt}"
            page.get_by_label("Summary").click()
            page.keyboard.type(f" x{attempt}")
            page.reload()
            assert page.get_by_label("Summary").input_value() == typed.strip(), attempt
            assert written(manifest, "summary", typed.strip())
        page.get_by_label("Title", exact=True).fill("Deep winter")
        page.get_by_role("button", name="Save").click()
        page.locator("#status", has_text="Saved").wait_for()
    written_now = yaml.safe_load(manifest.read_text(encoding="utf-8"))
    assert (written_now["title"], written_now["summary"]) == ("Deep winter", typed.strip())


def test_a_change_refused_as_the_page_reloads_is_said_on_the_reloaded_page(
    page: Any, root: Path
) -> None:
    with serving(root) as port:
        page.goto(f"http://127.0.0.1:{port}/compose/issue/005-winter.yaml")
        page.get_by_label("Number").click()
        page.keyboard.press("End")
        page.keyboard.type("x")  # "5x": the build refuses it
        page.reload()
        assert page.get_by_label("Number").input_value() == "5"  # the file's, kept
        said = page.locator("#errors").inner_text()
        assert "What was typed before the page was left is not saved:" in said
        assert "number" in said, said


def test_a_document_the_build_cannot_read_is_marked_and_its_add_button_says_why_not(
    page: Any, root: Path
) -> None:
    (root / "documents" / "picket-notes.md").write_text(
        '---\ntitle: "Broken front matter\ndate: 2026-13-45\ntags: [a, b\n---\n\nThe picket.\n',
        encoding="utf-8",
    )
    manifest = root / "issues" / "005-winter.yaml"
    before = manifest.read_bytes()
    with serving(root) as port:
        page.goto(f"http://127.0.0.1:{port}/compose/issue/005-winter.yaml")
        listed = page.locator("#pool .doc[data-ref='picket-notes']")
        assert "documents/picket-notes.md:2: not valid YAML" in listed.inner_text()
        listed.get_by_role("button", name="Add").click()
        said = page.locator("#status").inner_text()
        assert said.startswith("Picket notes cannot be added: the build cannot read it"), said
        assert page.locator("#sections .doc[data-ref='picket-notes']").count() == 0
        page.wait_for_timeout(1000)  # past the autosave's delay
    assert manifest.read_bytes() == before


def test_a_dropped_document_is_listed_at_once_on_the_page_and_in_an_open_issue(
    page: Any, root: Path
) -> None:
    status = Status()
    with serving(root, status) as port:
        issue = page.context.new_page()  # an issue open in another tab
        issue.goto(f"http://127.0.0.1:{port}/compose/issue/005-winter.yaml")
        page.goto(f"http://127.0.0.1:{port}/compose")
        page.bring_to_front()
        page.locator("#import-files").set_input_files(
            files=[
                {
                    "name": "harbour-notes.md",
                    "mimeType": "text/markdown",
                    "buffer": b"---\ntitle: Harbour notes\n---\n\nThe cranes are back.\n",
                }
            ]
        )
        page.locator("#import-report", has_text="added as documents/harbour-notes.md").wait_for()
        page.locator("table.pool td", has_text="Harbour notes").wait_for(timeout=5000)
        assert "Documents (6 of 6)" in page.locator("#pool-heading").inner_text()
        status.finished("preview")  # serve's build after documents/ changed
        issue.locator("#pool .doc[data-ref='harbour-notes']").wait_for(timeout=5000)
