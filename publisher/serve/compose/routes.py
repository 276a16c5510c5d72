"""The composer's pages and actions under /compose, answered for the preview server.

The preview server's handler passes each /compose request here and writes the Response
back; it has already refused foreign Host headers. Every POST must carry the server's CSRF
token, and every file name taken from a request is confined to its folder (guard.py).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import tempfile
import traceback
from dataclasses import dataclass, field
from html import escape
from http.cookies import CookieError, SimpleCookie
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, parse_qsl, quote, unquote

import jinja2
from ruamel.yaml.error import YAMLError

from ...config import Config, load_config
from ...errors import Problem, PublisherError
from ...importers.kinds import AS_THEY_ARE, MARKDOWN_SUFFIXES
from ...manifest import (
    LONGEST_SLUG,
    is_manifest_name,
    load_manifest,
    manifest_paths,
    manifest_slug,
)
from ...manifest_yaml import IssueEdit, as_written
from ...model import text_direction
from ...output import atomic_write
from ...pool import DocumentPool, slug_for, slugged
from ...readers import is_picture
from ...readers.markdown import front_matter_fields
from ...slugs import unique
from ...sourcefile import parse_file
from ..status import Status
from .form import (
    FormValues,
    form_values,
    issue_edit,
    language_code,
    posted_values,
    written_values,
)
from .guard import CSRF_FIELD, CSRF_HEADER, Refused, check_token, inside, workspace_token
from .pool_listing import PoolEntry, pool_entries
from .saving import NEW, Conflict, Leaving, digest_of, save
from .tasks import Task, Tasks
from .thumbnails import thumbnails

ROOT = "/compose"
HERE = Path(__file__).parent
STATIC = {  # every file /compose/static/ serves, by name: nothing else can be asked for
    "compose.js": "text/javascript; charset=utf-8",
    "compose.css": "text/css; charset=utf-8",
    "Sortable.min.js": "text/javascript; charset=utf-8",
    "Sortable.LICENSE.txt": "text/plain; charset=utf-8",
}
# The composer's pages run only the package's own scripts, styles and frames, and only
# its own pages may frame them: a page on another site framing one faintly over buttons of
# its own would have the editor's clicks press "Remove" or "Build" here (clickjacking).
POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
    " frame-src 'self'; frame-ancestors 'self'; object-src 'none'; base-uri 'none';"
    " form-action 'self'"
)
UPLOAD_LIMIT = 20 * 1024 * 1024  # bytes a dropped file may have
LEAVING = "publisher-leaving"  # cookie: the save an issue's page sent as it went (compose.js)
_EDITABLE = (".yaml", ".yml")


@dataclass
class Response:
    status: int
    body: bytes
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)


class Composer:
    def __init__(self, workspace: Path, status: Status) -> None:
        self.workspace = workspace.resolve()
        self.status = status
        self.token = workspace_token(self.workspace)
        self.tasks = Tasks(self.workspace)
        self.leaving = Leaving()
        self.pages = jinja2.Environment(
            loader=jinja2.FileSystemLoader(HERE / "templates"),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )

    # Entry points ---------------------------------------------------------------------

    def get(self, path: str, query: str, cookie: str = "") -> Response:
        """`cookie`: the request's Cookie header, which names the save a page sent as it
        was reloaded (only that issue's page gets it): the page waits for that save."""
        left = _cookie(cookie, LEAVING)
        try:
            response = self._get(  # an issue named in Arabic comes percent-encoded
                unquote(path.removeprefix(ROOT).strip("/")),
                parse_qs(query, keep_blank_values=True),
                left,
            )
            if left:  # waited for once
                response.headers["Set-Cookie"] = f"{LEAVING}=; Max-Age=0; Path={path}"
            return response
        except Refused as exc:
            return self._page(exc.status, "message.html", title="Refused", message=str(exc))
        except PublisherError as exc:
            return self._page(200, "message.html", title="The workspace has problems", message=exc)
        except Exception as exc:  # the server stays up; the terminal shows the traceback
            return self._bug(exc)

    def post(self, path: str, query: str, headers: dict[str, str], body: bytes) -> Response:
        json_wanted = "application/json" in headers.get("accept", "")
        route = path.removeprefix(ROOT).strip("/")
        try:
            # An import's body is the file dropped, whatever type it is sent as (curl's
            # --data-binary says a form): its token comes in the header.
            content_type = "" if route == "import" else headers.get("content-type", "")
            fields = _form_fields(content_type, body)
            given = headers.get(CSRF_HEADER.lower()) or dict(fields).get(CSRF_FIELD)
            check_token(self.token, given)
            return self._post(route, parse_qs(query), fields, body)
        except Refused as exc:
            if json_wanted:
                return _json(exc.status, {"ok": False, "errors": [str(exc)]})
            return self._page(exc.status, "message.html", title="Refused", message=str(exc))
        except PublisherError as exc:
            if json_wanted:
                return _json(422, {"ok": False, "errors": [str(p) for p in exc.problems]})
            return self._page(422, "message.html", title="The workspace has problems", message=exc)
        except Exception as exc:
            if json_wanted:  # the script shows the message instead of waiting for a page
                return _json(500, {"ok": False, "errors": [_bug_message(exc)]})
            return self._bug(exc)

    # GET ------------------------------------------------------------------------------

    def _get(self, route: str, query: dict[str, list[str]], left: str = "") -> Response:
        first = {key: values[0] for key, values in query.items()}
        if route == "":
            return self._pool_page(first)
        if route == "new":
            return self._editor(None)
        kind, _, rest = route.partition("/")
        if kind == "issue":
            return self._editor(rest, saved="saved" in query, left=left)
        if kind == "tasks" and rest.isdecimal():
            return self._task_page(int(rest), "part" in query)
        if kind == "previews":
            return self._page(200, "previews.html", **self._previews(rest))
        if kind == "thumbs":
            return self._thumbnail(rest)
        if kind == "static" and rest in STATIC:
            return Response(200, (HERE / "static" / rest).read_bytes(), STATIC[rest])
        raise Refused(404, "there is no such page in the composer")

    def _pool_page(self, query: dict[str, str]) -> Response:
        config = load_config(self.workspace)
        pool = DocumentPool.scan(config.documents_dir, config.language)
        entries = pool_entries(config, pool)
        q, language, tag = query.get("q", ""), query.get("language", ""), query.get("tag", "")
        shown = [e for e in entries if e.matches(q, language, tag)]
        return self._page(
            200,
            "pool.html",
            entries=shown,
            total=len(entries),
            q=q,
            language=language,
            tag=tag,
            languages=sorted({e.language for e in entries}),
            tags=sorted({t for e in entries for t in e.tags}),
            issues=self._issue_files(config),
        )

    def _issue_files(self, config: Config) -> list[dict[str, str]]:
        issues = []
        for path in manifest_paths(config.issues_dir):
            try:
                data = parse_file(path).data
            except PublisherError:
                data = {}
            issues.append(
                {
                    "file": path.name,
                    "number": str(data.get("number", "?")),
                    "title": str(data.get("title", "")),
                    "date": str(data.get("date", "")),
                    "editable": str(path.suffix in _EDITABLE),
                }
            )
        return sorted(issues, key=lambda i: i["date"], reverse=True)

    def _editor(
        self,
        file: str | None,
        values: FormValues | None = None,
        errors: list[str] | None = None,
        digest: str | None = None,
        status: int = 200,
        saved: bool = False,
        left: str = "",
    ) -> Response:
        """The issue's page; `left` names the save its page sent as it was reloaded: the
        file is read once that save ended, and the page says if it was refused."""
        refused = self.leaving.wait(left) if left else []
        config = load_config(self.workspace)
        pool = DocumentPool.scan(config.documents_dir, config.language)
        entries = pool_entries(config, pool)
        intro = "Not saved:"
        if file:
            path = self._manifest_path(config, file)
            if not path.is_file():
                raise Refused(404, f"there is no issues/{file}")
            digest = digest or digest_of(path)
            if values is None:
                values, errors = self._loaded(path, pool)
                intro = "The build refuses this issue as its file is; mend it here:"
                if refused and not errors:
                    errors, intro = refused, "What was typed before the page was left is not saved:"
        else:
            digest = digest or NEW
            values = values or FormValues(
                number=str(self._next_number(config)),
                date=dt.date.today().isoformat(),
                sections=(),
            )
        titles = {e.path.as_posix(): e for e in entries} | {e.ref: e for e in entries}
        slug = manifest_slug(Path(file)) if file else ""
        return self._page(
            status,
            "editor.html",
            file=file or "",
            digest=digest,
            values=values,
            errors=errors or [],
            errors_intro=intro,
            entries=entries,
            known=titles,
            notes=self._notes(slug, entries),
            build_errors=self.status.errors,
            saved=saved,
            address=_test_address(config),
            **(
                self._previews(slug)
                if slug
                else {"slug": "", "thumbs": [], "version": "", "built": False}
            ),
        )

    def _loaded(self, path: Path, pool: DocumentPool) -> tuple[FormValues, list[str]]:
        """The manifest's values for the form; one the build refuses comes as written, with
        its problems, for the editor to mend here: a date that does not exist too, which the
        build's reading of the file refuses (a file that is not YAML at all cannot be
        shown: the page says what is wrong with it)."""
        try:
            raw = _raw(path)
            return form_values(load_manifest(path, pool, self.workspace), raw), []
        except PublisherError as exc:
            problems = [problem.named_from(self.workspace) for problem in exc.problems]
            return written_values(_as_written(path, exc)), [str(problem) for problem in problems]

    def _previews(self, slug: str) -> dict[str, Any]:
        slug = _issue_folder(slug)
        pdf = self.workspace / "dist" / slug / f"{slug}.pdf"
        folder = self.workspace / ".publisher" / "compose-thumbnails"
        pages = thumbnails(pdf, folder) if slug else {}
        built = (self.workspace / "dist" / slug / "index.html").is_file()
        # The PDF's version in the pictures' addresses: a browser shows the picture it has
        # for an address, however often the page is replaced, so a rebuild needs new ones.
        version = next(iter(pages.values())).parent.name if pages else ""
        return {"slug": slug, "thumbs": list(pages), "version": version, "built": built}

    def _thumbnail(self, rest: str) -> Response:
        slug, _, page = rest.partition("/")
        if not re.fullmatch(r"[0-9]{1,6}\.png", page):
            raise Refused(404, "no such page")
        slug = _issue_folder(slug)
        pdf = self.workspace / "dist" / slug / f"{slug}.pdf"
        folder = self.workspace / ".publisher" / "compose-thumbnails"
        picture = thumbnails(pdf, folder).get(int(page.removesuffix(".png")))
        if picture is None:
            raise Refused(404, "that page is not built")
        return Response(200, picture.read_bytes(), "image/png")

    def _task_page(self, task_id: int, part: bool) -> Response:
        task = self.tasks.get(task_id)
        if task is None:
            raise Refused(404, "no such task")
        return self._page(200, "task-part.html" if part else "task.html", task=task)

    def _notes(self, slug: str, entries: list[PoolEntry]) -> dict[str, list[str]]:
        """The last build's notes, warnings and errors for each document, by its path: lines
        naming it."""
        lines = [line for _, error in self.status.errors for line in error.splitlines()]
        lines += self.status.warnings
        if slug and (task := self.tasks.latest("build", slug)) and not task.running:
            lines += task.lines
        notes: dict[str, list[str]] = {}
        for entry in entries:
            name = entry.path.as_posix()
            found = [line.strip() for line in lines if re.search(rf"\b{re.escape(name)}\b", line)]
            if found:
                notes[name] = list(dict.fromkeys(found))
        return notes

    # POST -----------------------------------------------------------------------------

    def _post(
        self, route: str, query: dict[str, list[str]], fields: list[tuple[str, str]], body: bytes
    ) -> Response:
        values = dict(fields)
        if route == "save":
            return self._save(fields, "application/json" in values.get("_accept", ""))
        if route == "markdown":
            return self._markdown(values.get("editorial", ""), values.get("language", ""))
        if route == "import":
            return self._import(query.get("name", [""])[0], body)
        if route in ("build", "check", "send"):
            config = load_config(self.workspace)
            path = self._manifest_path(config, values.get("file", ""))
            slug = manifest_slug(path)
            if not path.is_file():
                raise Refused(404, "save the issue first")
            if route == "build":
                task = self.tasks.start("build", slug, ["build", slug])
            elif route == "check":
                task = self.tasks.start("check", slug, ["check", slug, "--json"])
            else:
                address = values.get("to", "").strip()
                if not re.fullmatch(r"[^@\s]+@[^@\s]+", address):
                    raise Refused(400, "give the address to send the test copy to")
                task = self.tasks.start("send", slug, ["send", slug, "--to", address])
            return _see_other(f"{ROOT}/tasks/{task.id}")
        raise Refused(404, "there is no such action in the composer")

    def _save(self, fields: list[tuple[str, str]], as_json: bool) -> Response:
        values = dict(fields)
        config = load_config(self.workspace)
        file = values.get("file", "")
        edit = issue_edit(fields)
        if not file:
            file = f"{_new_stem(edit)}.yaml"
        path = self._manifest_path(config, file)
        expected = values.get("digest", "") or NEW
        left = values.get("_leaving", "")  # sent as the page went: its reload waits for it
        try:
            if problems := _not_ready(edit, path, taken=expected == NEW and path.exists()):
                raise PublisherError(*problems)
            digest = save(self.workspace, path, edit, expected)
        except Conflict:
            message = (
                f"issues/{file} was changed on disk since this page loaded it, and was not"
                " overwritten. Reload it to see the changes (yours here are not saved)."
            )
            if left:
                self.leaving.ended(left, [message])
            if as_json:
                url = f"{ROOT}/issue/{quote(file)}"
                return _json(409, {"ok": False, "conflict": True, "errors": [message], "url": url})
            return self._page(409, "conflict.html", file=file, message=message)
        except PublisherError as exc:  # its files named as the editor knows them: issues/…
            errors = [str(problem.named_from(self.workspace)) for problem in exc.problems]
            if left:
                self.leaving.ended(left, errors)
            if as_json:
                return _json(422, {"ok": False, "errors": errors})
            shown = file if values.get("file") else None
            return self._editor(shown, posted_values(fields), errors, expected, 422)
        if left:
            self.leaving.ended(left, [])
        url = f"{ROOT}/issue/{quote(file)}"
        if as_json:
            return _json(200, {"ok": True, "digest": digest, "file": file, "url": url})
        return _see_other(url + "?saved")

    def _markdown(self, text: str, language: str) -> Response:
        """The editorial as the build will show it: pandoc, then the one sanitising policy,
        in the issue's language (the newsletter's when the form gives none) and its
        direction, so Arabic or Farsi reads right to left here too, and each paragraph
        written the other way is marked so, as the build marks it."""
        from ...readers import with_text_mended
        from ...readers.markdown import editorial_markdown_html
        from ...sanitize import clean_html

        lang = language_code(language.strip()) or load_config(self.workspace).language
        html = ""
        if text.strip():
            html = with_text_mended(
                clean_html(editorial_markdown_html(text, id_prefix="preview-")), lang
            )
        wrapped = f'<div lang="{escape(lang)}" dir="{text_direction(lang)}">{html}</div>'
        return Response(200, wrapped.encode("utf-8"))

    def _import(self, name: str, body: bytes) -> Response:
        """A dropped file, imported by `publisher import` from a folder outside the workspace."""
        base = Path(name.replace("\\", "/")).name
        if not base or base.startswith(".") or len(body) > UPLOAD_LIMIT:
            raise Refused(400, "give a file to import, of at most 20 MB")
        if Path(base).suffix.lower() in (*MARKDOWN_SUFFIXES, *AS_THEY_ARE):
            return self._add_document(base, body)
        if is_picture(Path(base)):
            return self._add_picture(base, body)
        folder = Path(tempfile.mkdtemp(prefix="publisher-import-"))
        dropped = inside(folder, base)
        dropped.write_bytes(body)
        task = self.tasks.start(
            "import",
            base,
            ["import", "--json", str(dropped)],
            after=lambda: shutil.rmtree(folder, ignore_errors=True),
            unsaid=f"{folder}{os.sep}",  # the editor dropped "notes.pdf", not /tmp/…/notes.pdf
        )
        return _json(202, {"ok": True, "task": f"{ROOT}/tasks/{task.id}"})

    def _add_document(self, name: str, body: bytes) -> Response:
        """A Markdown (MDX, reStructuredText, Org) file is a document as it is (`publisher
        import` refuses it, telling the editor to copy it into documents/, which a browser
        cannot): it goes there, never over a document of the same name. A name whose slug
        another document has (`x.md` again, `x.markdown` beside `x.md`, `X.md`) would make
        every issue naming that slug fail to build: it is added under a free slug, as
        `publisher import` names what it imports. One whose front matter the build refuses
        is not added: the editor mends it where they wrote it and drops it again."""
        config = load_config(self.workspace)
        if problems := _front_matter_problems(name, body, config.language):
            said = "; ".join(str(problem) for problem in problems)
            raise Refused(422, f"{name} was not added: {said}; mend it and drop it again")
        documents = config.documents_dir
        target = inside(documents, name)
        lines = []
        owners = {slug_for(path): path for path in DocumentPool.scan(documents).files}
        slug = slug_for(Path(name))
        if slug in owners:
            free = unique(slug, set(owners))
            owner = owners[slug].as_posix()
            lines.append(f"documents/{owner} is named {slug} already: issues naming {slug} mean it")
            name = f"{free}{Path(name).suffix}"
            target = inside(documents, name)
        if target.exists():  # one the pool leaves out (a link out of documents/…): left alone
            raise Refused(409, f"documents/{name} exists already: rename the file to add it too")
        atomic_write(target, body)
        kind = AS_THEY_ARE.get(Path(name).suffix.lower(), "a Markdown")
        lines.insert(0, f"added as documents/{name}: {kind} file is a document as it is")
        task = self.tasks.finished("import", name, lines)
        return _json(202, {"ok": True, "task": f"{ROOT}/tasks/{task.id}"})

    def _add_picture(self, name: str, body: bytes) -> Response:
        """A picture is no document (`publisher import` refuses it, telling the editor to
        copy it into documents/, which a browser cannot): it goes into documents/media/,
        named as a Markdown image can name it without escapes, never over another, and
        the report says how the editorial and a document show it."""
        media = load_config(self.workspace).documents_dir / "media"
        media.mkdir(parents=True, exist_ok=True)
        stem, suffix = Path(name).stem, Path(name).suffix.lower()
        taken = {path.stem for path in media.iterdir() if path.suffix.lower() == suffix}
        free = f"{unique(slugged(stem) or 'picture', taken)}{suffix}"
        atomic_write(inside(media, free), body)
        lines = [
            f"added as documents/media/{free}: a picture, shown where an issue or document"
            " names it",
            f"in the editorial: ![what it shows](documents/media/{free})",
            f"in a document in documents/: ![what it shows](media/{free})",
        ]
        task = self.tasks.finished("import", name, lines)
        return _json(202, {"ok": True, "task": f"{ROOT}/tasks/{task.id}"})

    # Helpers --------------------------------------------------------------------------

    def _manifest_path(self, config: Config, file: str) -> Path:
        """issues/`file`, if that names a manifest the composer edits: a hidden name is none
        (the build would pass it over, and a save there would be lost)."""
        path = inside(config.issues_dir, file)
        if (
            path.parent != config.issues_dir
            or path.suffix not in _EDITABLE
            or not is_manifest_name(path)
        ):
            raise Refused(400, f"{file!r} is not an issue manifest the composer edits (.yaml)")
        return path

    def _next_number(self, config: Config) -> int:
        numbers = [0]
        for path in manifest_paths(config.issues_dir):
            try:
                number = parse_file(path).data.get("number")
            except PublisherError:
                continue
            if isinstance(number, int):
                numbers.append(number)
        return max(numbers) + 1

    def _bug(self, exc: Exception) -> Response:
        message = _bug_message(exc)
        return self._page(500, "message.html", title="Something went wrong", message=message)

    def _page(self, status: int, template: str, **values: Any) -> Response:
        html = self.pages.get_template(template).render(
            csrf=self.token, build=self.status.last.build, root=ROOT, **values
        )
        return Response(status, html.encode("utf-8"), headers={"Content-Security-Policy": POLICY})


def _front_matter_problems(name: str, body: bytes, language: str) -> list[Problem]:
    """Why the build would refuse the front matter of the file `name` holding `body`, read
    by its rules (from a copy outside the workspace), its lines named in the file `name`."""
    with tempfile.TemporaryDirectory(prefix="publisher-drop-") as folder:
        copy = Path(folder) / name
        copy.write_bytes(body)
        return [
            problem.named_from(Path(folder)) for problem in front_matter_fields(copy, language)[1]
        ]


def _issue_folder(slug: str) -> str:
    """An issue's folder in dist/ as an address names it (decoded): one name, never a way
    out of dist/ ('../../issues')."""
    if "/" in slug or "\\" in slug or slug.startswith(".") or "\0" in slug:
        raise Refused(404, "there is no such issue")
    return slug


def _new_stem(edit: IssueEdit) -> str:
    """A new issue's file name, from its number and title: cut at a word within the slug
    the build takes (a long title made one the build refused, or the file system)."""
    named = f"{str(edit.number).zfill(3)} {edit.title}"
    return slugged(named, max_length=LONGEST_SLUG, word_boundary=True) or "issue"


def _not_ready(edit: IssueEdit, path: Path, taken: bool) -> list[Problem]:
    """What the editor must do before the issue can be saved, in the page's own words: a
    field by its label, a section by its place and title, never a line of a file the page
    has not written yet, nor a hint in YAML the editor never sees."""
    problems = []
    if not isinstance(edit.number, int):
        problems.append(Problem("Number: write a whole number, in figures (12, not twelve)"))
    if not isinstance(edit.date, dt.date):
        problems.append(Problem("Date: pick the day the issue comes out"))
    for place, section in enumerate(edit.sections, 1):
        if not section.title:
            problems.append(Problem(f"Section {place} needs a title"))
        if not section.documents:
            problems.append(
                Problem(
                    f"section {place} ({section.title or 'no title yet'}) has no documents yet",
                    hint="add a document to it, or remove the section",
                )
            )
    if taken:  # a new issue named as one saved already: not a change made on disk
        problems.append(
            Problem(
                f"another issue is saved as issues/{path.name} already",
                hint="give this issue another number or title",
            )
        )
    return problems


def _form_fields(content_type: str, body: bytes) -> list[tuple[str, str]]:
    """A form's fields, as a browser posts them (none for a body of another type)."""
    if not content_type.startswith("application/x-www-form-urlencoded"):
        return []
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise Refused(400, "not a form: the body is not form fields in UTF-8") from None
    return parse_qsl(text, keep_blank_values=True)


def _bug_message(exc: Exception) -> str:
    """What the page says of an error the composer did not foresee: its kind alone, never
    its message or repr, which may hold what the request sent (a UnicodeDecodeError's
    repr held a dropped picture's every byte); the terminal gets the traceback."""
    traceback.print_exc()
    return (
        f"internal error (a bug in publisher): {type(exc).__name__};"
        " the terminal shows the traceback"
    )


def _cookie(header: str, name: str) -> str:
    """The value of the cookie `name` in a Cookie header ("" without one)."""
    cookies: SimpleCookie = SimpleCookie()
    try:
        cookies.load(header)
    except CookieError:  # another site's cookie for 127.0.0.1 the library cannot read
        return ""
    morsel = cookies.get(name)
    return morsel.value if morsel else ""


def _raw(path: Path) -> dict[str, Any]:
    return parse_file(path).data


def _as_written(path: Path, refused: PublisherError) -> dict[str, Any]:
    """The manifest's data as the composer's round trip reads it (a date that does not
    exist as its text), or `refused` raised again when it is no mapping of YAML."""
    try:
        data = as_written(path.read_bytes().decode("utf-8", "replace"))
    except (YAMLError, ValueError):
        raise refused from None
    if not isinstance(data, dict):
        raise refused
    return data


def _test_address(config: Config) -> str:
    """Where "send a test copy to me" goes unless the editor types another address."""
    return str((config.email_reply_to or config.email_from).addr_spec)


def _json(status: int, value: dict[str, Any]) -> Response:
    return Response(status, json.dumps(value).encode("utf-8"), "application/json")


def _see_other(location: str) -> Response:
    return Response(303, b"", headers={"Location": location})


__all__ = ["ROOT", "Composer", "Response", "Task"]
