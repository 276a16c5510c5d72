"""One Jinja environment: the workspace's templates/ first, the theme second, autoescape on."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2
from markupsafe import Markup

from . import i18n, urls
from .ahead import filesizeformat
from .model import ARABIC_SCRIPT_LANGUAGES, Issue, text_direction
from .numerals import counter_style
from .resources import (
    LOGO_EMAIL_PATH,
    SHARE_PICTURE_PATH,
    cover_email_path,
    cover_path,
    email_copy_path,
    lead_image,
    logo_path,
    prefix_images,
    web_font_path,
)
from .style import THEMES, theme_folder
from .tree_edits import boxed_tables
from .typography import in_quotes

if TYPE_CHECKING:
    from lxml.html import HtmlElement

_HEADING = re.compile(r"<(/?)h([1-6])\b")


def default_theme_dir() -> Path:
    """The bundled theme: inside the installed package, or templates/default in a checkout."""
    return theme_folder("default")


def theme_chain(theme: str) -> list[Path]:
    """The folders a theme's templates are found in, first to last: its own, then those of
    the default theme it builds on (a theme holds only the files that differ)."""
    return list(dict.fromkeys([theme_folder(theme), default_theme_dir()]))


def named_theme(template: str) -> tuple[str, str] | None:
    """`campaign:pdf/print.css` → ("campaign", "pdf/print.css"): a template asked for by
    its theme's name, the theme's file whatever overrides it; None for any other name."""
    theme, colon, name = template.partition(":")
    return (theme, name) if colon and theme in THEMES else None


class _WorkspaceFirst(jinja2.BaseLoader):
    """The workspace's templates/, then the chosen theme, then the default theme it builds
    on; `campaign:name` (`default:name`) is that theme's file whatever overrides it, so an
    override (and a theme's stylesheet) can include the file it replaces and add only what
    differs. A theme template Jinja has cached is out of date as soon as something earlier
    in the chain overrides it (Jinja only checks the file it loaded, so an override added
    while `publisher serve` runs, or between two builds in one process, would otherwise be
    ignored)."""

    def __init__(self, workspace_templates: Path, theme: str = "default") -> None:
        self.theme = theme
        self.folders = list(dict.fromkeys([workspace_templates, *theme_chain(theme)]))
        self.loaders = [jinja2.FileSystemLoader(folder) for folder in self.folders]

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str | None, Callable[[], bool] | None]:
        if named := named_theme(template):
            theme, name = named
            try:
                return _first_found(theme_chain(theme), environment, name)[1:]
            except jinja2.TemplateNotFound:
                raise jinja2.TemplateNotFound(template) from None  # named as written
        index, source, filename, uptodate = _first_found(self.folders, environment, template)
        if index == 0:  # the workspace's own: the editor's mistakes in it are named
            _check_override(environment, template, source, filename, self.theme)
        return source, filename, uptodate

    def list_templates(self) -> list[str]:
        return sorted({name for loader in self.loaders for name in loader.list_templates()})


def _first_found(
    folders: list[Path], environment: jinja2.Environment, template: str
) -> tuple[int, str, str | None, Callable[[], bool]]:
    """Template `template` from the first of `folders` that has it, and which one that
    is; up to date while it is unchanged and no folder before it gains the template."""
    for index, folder in enumerate(folders):
        try:
            source, filename, uptodate = jinja2.FileSystemLoader(folder).get_source(
                environment, template
            )
        except jinja2.TemplateNotFound:
            continue
        overrides = [earlier / template for earlier in folders[:index]]

        def not_overridden(
            overrides: list[Path] = overrides, uptodate: Callable[[], bool] | None = uptodate
        ) -> bool:
            return not any(p.is_file() for p in overrides) and (uptodate is None or uptodate())

        return index, source, filename, not_overridden
    raise jinja2.TemplateNotFound(template)


def _check_override(
    environment: jinja2.Environment,
    template: str,
    source: str,
    filename: str | None,
    theme: str = "default",
) -> None:
    """An override of the workspace's that Jinja would take without a word but that cannot
    work: one that includes (or extends) its own name, meaning the theme's file ("include
    the original, add my rules"), includes itself without end; a block misspelled in one
    that extends a template fills none of its blocks, and is never shown; an email
    template's element MJML does not know is lost from the email."""
    from jinja2 import nodes

    from .errors import PublisherError, near_misses

    tree = environment.parse(source, template, filename)
    uses: list[nodes.Extends | nodes.Include] = [*tree.find_all(nodes.Extends)]
    uses += tree.find_all(nodes.Include)
    for node in uses:
        if isinstance(node.template, nodes.Const) and node.template.value == template:
            extending = isinstance(node, nodes.Extends)
            tag, does = ("extends", "extends") if extending else ("include", "includes")
            raise PublisherError.at(
                f"template error: {template} {does} itself",
                Path(filename) if filename else None,
                node.lineno,
                f"to build on the {theme} theme's {template}, write"
                f' {{% {tag} "{theme}:{template}" %}}',
            )
    if template.endswith(".mjml"):
        from .renderers.email.elements import MJML_ELEMENTS, unknown_elements

        if unknown := next(unknown_elements(environment, source), None):
            element, line = unknown
            raise PublisherError.at(
                f"template error: <{element}> is not an MJML element",
                Path(filename) if filename else None,
                line,
                " ".join(
                    filter(
                        None, [near_misses(element, set(MJML_ELEMENTS), n=1), _MJML_ELEMENTS_ONLY]
                    )
                ),
            )
    extends = next(tree.find_all(nodes.Extends), None)
    if extends is None or not isinstance(extends.template, nodes.Const):
        return
    parent = str(extends.template.value)
    given = _blocks_of(environment, parent, set())
    if given is None:
        return  # a parent that is not there: Jinja names it as it renders
    for block in _outer_blocks(tree):
        if block.name not in given:
            raise PublisherError.at(
                f"template error: block {block.name!r} is not in {parent}"
                f" (its blocks: {', '.join(sorted(given))})",
                Path(filename) if filename else None,
                block.lineno,
                " ".join(filter(None, [near_misses(block.name, given, n=1), _FILLS_ONLY_BLOCKS])),
            )


_MJML_ELEMENTS_ONLY = (
    "MJML (https://documentation.mjml.io) passes an element it does not know into the"
    " email as it is, where mail programs show nothing of it"
)
_FILLS_ONLY_BLOCKS = (
    "a template that extends another shows only what it puts in that one's blocks:"
    " spelled otherwise, a block is never shown"
)


def _outer_blocks(node: jinja2.nodes.Node) -> Iterator[jinja2.nodes.Block]:
    """The blocks a template that extends another fills: those not inside another of its
    blocks (a block inside one is new, a place for a template extending this one)."""
    for child in node.iter_child_nodes():
        if isinstance(child, jinja2.nodes.Block):
            yield child
        else:
            yield from _outer_blocks(child)


def _blocks_of(environment: jinja2.Environment, name: str, seen: set[str]) -> set[str] | None:
    """The names of the blocks of template `name` and of the templates it extends: those a
    template extending it can fill. None for a template that is not there, or that extends
    one that is not."""
    from jinja2 import nodes

    if name in seen or environment.loader is None:
        return set()  # extending goes round in a circle: Jinja's to report
    seen.add(name)
    try:
        source, filename, _ = environment.loader.get_source(environment, name)
    except jinja2.TemplateNotFound:
        return None
    tree = environment.parse(source, name, filename)
    blocks = {block.name for block in tree.find_all(nodes.Block)}
    for parent in tree.find_all(nodes.Extends):
        if isinstance(parent.template, nodes.Const) and isinstance(parent.template.value, str):
            above = _blocks_of(environment, parent.template.value, seen)
            if above is None:
                return None
            blocks |= above
    return blocks


def stray_overrides(workspace_templates: Path, theme: str = "default") -> list[str]:
    """Warnings for the files in the workspace's templates/ that override nothing but are
    a theme file put in the wrong place (`templates/print.css`, `templates/Web/site.css`,
    `templates/default/pdf/print.css`): Jinja never asks for them, so the build used the
    theme's without a word. A file named like no theme file is the workspace's own (a
    partial its overrides include), a theme's README.md is no template, and a theme folder
    inside templates/ (a checkout of publisher) is a theme, not a misplaced copy."""
    if not workspace_templates.is_dir():
        return []
    chain = _WorkspaceFirst(workspace_templates, theme)
    given = {n for loader in chain.loaders[1:] for n in loader.list_templates() if _template(n)}
    misplaced = {}
    for name in chain.loaders[0].list_templates():
        top = name.partition("/")[0]
        if name in given or theme_folder(top).resolve() == (workspace_templates / top).resolve():
            continue
        if _template(name) and (meant := _meant(name, given)):
            misplaced[name] = meant
    copies = _theme_copies(misplaced)
    warnings = [
        f"{workspace_templates / folder}/ holds copies of the theme's templates at their paths"
        " in the theme, so none of them is used: to change a template, copy just that file to"
        f" its path in {workspace_templates}/ (as {workspace_templates / misplaced[example]}"
        f" for {workspace_templates / example})"
        for folder, example in copies.items()
    ]
    for name, meant in misplaced.items():
        if not any(name.startswith(folder + "/") for folder in copies):
            warnings.append(
                f"{workspace_templates / name} overrides no template of the theme, so it is"
                f" not used: did you mean {workspace_templates / meant}?"
            )
    return warnings


def _template(name: str) -> bool:
    """Whether a theme's file `name` is one a build renders: a theme's README.md is its
    documentation, and no workspace's copy of it is meant as an override."""
    return not name.lower().endswith(".md")


def _theme_copies(misplaced: dict[str, str]) -> dict[str, str]:
    """The folders inside templates/ that hold a copy of a theme (`cp -r` of the theme, or
    of a checkout's templates/): several templates at their paths in the theme below one
    folder, a single mistake told once rather than once for each of its dozens of files.
    Each folder with one of its files, the one to show in the example."""
    below: dict[str, list[str]] = {}
    for name, meant in sorted(misplaced.items()):
        if name.lower().endswith("/" + meant.lower()):
            below.setdefault(name[: -len(meant) - 1], []).append(name)
    return {folder: names[0] for folder, names in below.items() if len(names) > 1}


def _meant(name: str, given: set[str]) -> str | None:
    """The theme's template a misplaced `name` is a copy of: the same path in other capitals,
    the end of its path (`default/pdf/print.css`), or the only one of its file name."""
    lowered = {template.lower(): template for template in given}
    if name.lower() in lowered:
        return lowered[name.lower()]
    ending = [t for t in given if name.lower().endswith("/" + t.lower())]
    same_name = [
        t for t in given if t.rpartition("/")[2].lower() == name.rpartition("/")[2].lower()
    ]
    found = ending or same_name
    return found[0] if len(found) == 1 else None


def _compiled_templates() -> jinja2.BytecodeCache:
    """Compiled templates kept between runs (Jinja's private per-user folder in /tmp):
    compiling the theme costs a build 0.4 s of CPU, loading it a few milliseconds. Jinja
    checks each template's source, so an edited template is compiled again; the file names
    carry this module's digest, because the options below shape the compiled code too."""
    import hashlib

    options = hashlib.sha256(Path(__file__).read_bytes() + jinja2.__version__.encode())
    return jinja2.FileSystemBytecodeCache(pattern=f"publisher-{options.hexdigest()[:16]}-%s.cache")


@cache  # one per process, workspace and theme; templates reload by themselves when edited
def make_environment(workspace_templates: Path, theme: str = "default") -> jinja2.Environment:
    env = jinja2.Environment(
        loader=_WorkspaceFirst(workspace_templates, theme),
        bytecode_cache=_compiled_templates(),
        autoescape=jinja2.select_autoescape(
            enabled_extensions=("html", "xml", "mjml"), default_for_string=True, default=True
        ),
        undefined=jinja2.StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.install_gettext_callables(i18n.gettext, i18n.ngettext, newstyle=True)  # type: ignore[attr-defined]
    for name in ("gettext", "ngettext"):  # `_` calls the first
        env.globals[name] = _numbers_in_digits(env.globals[name])
    env.filters["counter_style"] = counter_style
    env.filters["number"] = i18n.number  # a count, in the interface language's digits
    env.filters["translated"] = lambda message, language: i18n.gettext_in(language, message)
    env.filters["nest_headings"] = nest_headings
    env.filters["filesizeformat"] = filesizeformat  # also a size still to come (ahead.py)
    env.filters["long_date"] = i18n.long_date
    env.filters["format_list"] = i18n.format_list
    env.filters["issue_name"] = issue_name
    env.filters["images_at"] = images_at
    env.filters["scrolling_tables"] = scrolling_tables
    env.filters["notes_named"] = notes_named
    env.filters["captions_said_once"] = captions_said_once
    env.filters["language_name"] = language_name
    env.filters["autonym"] = autonym
    env.filters["og_locale"] = i18n.open_graph_locale
    env.globals["interface_language"] = i18n.current_language
    env.globals["arabic_script_languages"] = sorted(ARABIC_SCRIPT_LANGUAGES)
    env.filters["direction"] = text_direction
    env.filters["in_its_language"] = in_its_language
    env.filters["topic_in_its_language"] = topic_in_its_language
    env.filters["scripts_marked"] = scripts_marked
    env.filters["in_quotes"] = in_quotes
    env.filters["tag_path"] = urls.tag_path
    env.filters["readable"] = urls.readable  # an address as printed, not as linked
    documents = workspace_templates.parent / "documents"  # the workspace's pool, beside templates/
    env.globals["lead_image"] = lambda doc: lead_image(doc, documents)
    # Where the web archive publishes covers, email copies and the logo (Open Graph, <img>)
    env.globals["cover_path"] = cover_path
    env.globals["cover_email_path"] = cover_email_path
    env.globals["email_copy_path"] = email_copy_path
    env.globals["logo_path"] = logo_path
    env.globals["logo_email_path"] = str(LOGO_EMAIL_PATH)
    env.globals["share_picture_path"] = str(SHARE_PICTURE_PATH)
    env.globals["web_font_path"] = web_font_path
    return env


def _numbers_in_digits(translate: Any) -> Callable[..., Any]:
    """Jinja's new-style `gettext` or `ngettext`, with the integers it puts in the message
    as text (`%(number)s`) in the interface language's digits: `_("No. %(number)s",
    number=41)` is "شمارهٔ ۴۱" in Farsi (numerals.py). Other values, and numbers a
    template's message formats itself (`%(count)d`), go in as they are."""

    @jinja2.pass_context
    def with_digits(context: jinja2.runtime.Context, *args: object, **values: object) -> Any:
        if len(args) == 3:  # ngettext's count, which its %(num)s writes too
            values.setdefault("num", args[2])
        messages = " ".join(a for a in args[:2] if isinstance(a, str))
        written = {k: _in_digits(v) if f"%({k})s" in messages else v for k, v in values.items()}
        return context.call(translate, *args, **written)  # Markup, when autoescaping

    return with_digits


def _in_digits(value: object) -> object:
    if isinstance(value, int) and not isinstance(value, bool):
        return i18n.number(value)
    return value


def issue_name(issue: Issue, numbered: bool = True, around: str = "") -> str:
    """'No. 41: No to poverty pay' (or the title alone, `numbered=False`); an issue without
    a title is 'No. 41' either way. In the interface language of the moment, and its digits.
    With `around`, the language of the page it goes on, Markup with the title marked in its
    own language where that is another (`in_its_language`): the words around it are the
    interface's."""
    number = i18n.gettext("No. %(number)s") % {"number": i18n.number(issue.number)}
    if not issue.title:
        return number
    title: str = issue.title
    if around:
        title = in_its_language(title, issue.title_language or issue.language, around)
    if not numbered:
        return title
    # French puts a space before the colon ("N° 7 : Grève"): the catalogues say how
    message = i18n.gettext("%(number)s: %(title)s")
    return (Markup(message) if around else message) % {"number": number, "title": title}


def in_its_language(text: str, language: str, around: str = "") -> Markup:
    """`text` marked as written in `language` (a title an edition left untranslated, an
    issue's title or summary on a page in another language), so that it is read in its
    language and set in its direction; as it is when `language` is "" or `around`, the
    language of the text it goes in."""
    if not language or language == around:
        return Markup.escape(text)
    return Markup('<span lang="{}" dir="{}">{}</span>').format(
        language, text_direction(language), text
    )


def topic_in_its_language(tag: str, language: str, around: str) -> Markup:
    """A topic (tag) as the article in `language` that names it writes it, on a page in
    `around`: marked with its language and direction (`in_its_language`), so a screen
    reader reads it in its language and a count or comma after it stays after it (an
    Arabic topic on an English page read "(1) إضرابات"). A topic whose letters run the
    other way from its article's ("Berth 7" in an Arabic article) is set apart in its own
    direction (<bdi>), its language unknown."""
    from .readers.directions import opening_direction

    if opening_direction(tag) not in ("", text_direction(language)):
        return Markup("<bdi>{}</bdi>").format(tag)
    if i18n.reading_language(language) == i18n.reading_language(around):
        return Markup.escape(tag)  # an "en" article's topic on an "en-GB" page
    return in_its_language(tag, language, around)


def scripts_marked(text: str, language: str) -> Markup:
    """Plain `text` in `language` with its runs in another script (Arabic, Hebrew, Greek)
    marked with their language and direction: a Farsi title in an English summary is set
    in its own direction, and upright (partials/upright.css) where the summary is italic."""
    from .importers.scripts import mark_fragments

    marked, _ = mark_fragments(str(Markup.escape(text)), language)
    return Markup(marked)


def nest_headings(html: str, top: int) -> Markup:
    """Shift a body's headings so its highest one becomes <h{top}>. HTML stops at h6: a
    heading shifted deeper is a paragraph with the heading role and its level
    (`aria-level`, which screen readers announce), so levels 5, 6 and 7 stay three levels
    rather than three h6.

    Bodies are sanitised HTML, so tags are well-formed and a regex over them is safe.
    """
    levels = [int(m.group(2)) for m in _HEADING.finditer(html)]
    if not levels:
        return Markup(html)
    shift = top - min(levels)

    def shifted(tag: re.Match[str]) -> str:
        closing, level = tag.group(1), int(tag.group(2)) + shift
        if level <= 6:
            return f"<{closing}h{level}"
        return f"<{closing}p" if closing else f'<p role="heading" aria-level="{level}"'

    return Markup(_HEADING.sub(shifted, html))


def images_at(html: str, prefix: str) -> Markup:
    """Point a body's images (paths inside documents/) at where this output publishes them."""
    return Markup(prefix_images(html, prefix)) if prefix else Markup(html)


def notes_named(html: str) -> Markup:
    """`html` with its footnotes' links given their roles and names (`note_links`)."""
    from .note_links import notes_named as named

    return Markup(named(str(html)))


def captions_said_once(html: str) -> Markup:
    """`html` with a caption that repeats its picture's alt text hidden from screen
    readers (`figure_captions`)."""
    from .figure_captions import captions_said_once as said_once

    return Markup(said_once(str(html)))


def scrolling_tables(html: str) -> Markup:
    """Each table of `html` in a box of its own that scrolls sideways (`boxed_tables`), one
    a keyboard reaches and a screen reader names: on a phone, a table wider than the
    screen is scrolled with the arrow keys as with a finger (WCAG 2.1.1)."""
    return Markup(boxed_tables(str(html), _scroll_region))


def _scroll_region(table: HtmlElement) -> dict[str, str]:
    """A table's box as a named region in the tab order: named by the table's caption,
    else "Table" in the language the table is written in."""
    caption = " ".join(table.xpath("string(caption)").split())
    language = next((e.get("lang") for e in table.iterancestors() if e.get("lang")), None)
    label = caption or i18n.gettext_in(language or i18n.current_language(), "Table")
    return {"class": "table-scroll", "role": "region", "tabindex": "0", "aria-label": label}


def language_name(code: str) -> str:
    """'es' → 'Español (Spanish)': a language's own name, and its name in the reader's language."""
    from babel import Locale, UnknownLocaleError

    try:
        locale = Locale.parse(code.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return code
    reader = i18n.babel_locale()
    own, translated = locale.get_display_name(locale), locale.get_display_name(reader)
    own = own[:1].upper() + own[1:] if own else translated
    if not own:
        return code
    return own if own == translated or not translated else f"{own} ({translated})"


def own_name(code: str) -> str:
    """A language's name in itself, as a sentence of it writes it: 'español', 'English';
    the code itself for a language CLDR does not know."""
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(code.replace("-", "_")).get_display_name() or code
    except (UnknownLocaleError, ValueError):
        return code


def autonym(code: str, among: Iterable[str] = ()) -> str:
    """'es' → 'Español', 'en-GB' → 'English': a language's name in itself, as a language
    switcher shows it; its region or script only where another of `among` (the
    switcher's languages) is the same language ('Português (Brasil)' beside
    'Português (Portugal)')."""
    read = i18n.reading_language(code)
    twins = any(other != code and i18n.reading_language(other) == read for other in among)
    named = code if twins else read
    own = own_name(named)
    return own if own == named else own[:1].upper() + own[1:]
