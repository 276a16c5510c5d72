"""Every output format, each one object: what it is called, how it is rendered and checked,
what it offers for download. The rest of publisher asks this module and keeps no list of
its own (the `--format` default, the check registry, the preview server's stages, feed
enclosures, the WeasyPrint warm-up).

Formats are the built-ins below plus any an installed package registers, as MkDocs and
Sphinx take plugins, in the `publisher.formats` entry-point group:

    [project.entry-points."publisher.formats"]
    zine = "publisher_zine:FORMAT"          # a Format, like the ones below

Renderers and checks are named as "module:attribute" and imported when used, so reading
this module (as `publisher --help` does) imports no renderer and no validator.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from .errors import PublisherError, near_misses

if TYPE_CHECKING:
    from importlib.metadata import EntryPoint

    from .checks.base import CheckFunction, Target
    from .manifest import IssueManifest
    from .model import Issue
    from .renderers.base import Renderer

ENTRY_POINT_GROUP = "publisher.formats"

Stage = Literal["issue", "archive"]  # per issue (<out>/<slug>/), or over all issues


@dataclass(frozen=True)
class Offer:
    """A file of each issue that readers download, and the feed and web pages link to."""

    suffix: str  # the file is <slug>/<slug><suffix> (<slug>/<lang>/… in an edition)
    media_type: str
    label: str  # what the link says, translated in the catalogues ("leaflet (PDF)")
    # An Issue field: the file is made only for issues where it is set ("leaflet").
    only_with: str = ""

    def path(self, slug: str, edition: str = "") -> Path:
        from .urls import issue_folder

        return Path(issue_folder(slug, edition)) / f"{slug}{self.suffix}"

    def saved_as(self, slug: str, edition: str = "") -> str:
        """The name a browser saves the file under: an edition's has its language added,
        so that the original and its editions, named alike in their folders, do not clash
        in one Downloads folder ("041-x.epub" and "041-x-es.epub", not "041-x (1).epub")."""
        return f"{slug}-{edition}{self.suffix}" if edition else f"{slug}{self.suffix}"

    def made_for(self, issue: Issue | IssueManifest) -> bool:
        """Whether the format's job for `issue` makes this file (when it succeeds)."""
        return not self.only_with or getattr(issue, self.only_with) is not None


@dataclass(frozen=True)
class CheckSpec:
    """One property of the format's outputs, checked by a function of a Target."""

    name: str  # as `publisher check` shows it
    function: str  # "module:function"
    external: bool = False  # runs a validator program (seconds, not milliseconds): started first

    def load(self) -> CheckFunction:
        loaded: CheckFunction = _load(self.function)
        return loaded


@dataclass(frozen=True)
class Format:
    name: str  # the --format name; the renderer's `name`, its template folder
    description: str
    renderer: str  # "module:Class", a Renderer subclass
    stage: Stage
    checks: tuple[CheckSpec, ...]
    # "module:function": the files its checks read (Target → paths); a folder in them stands
    # for the names of the files in it (checks that look files up by name, as links do)
    check_inputs: str
    settings_table: str | None = None  # the publisher.toml table it reads, e.g. "pdf"
    delivery_keys: tuple[str, ...] = ()  # [delivery] keys that shape its outputs
    download: Offer | None = None
    needs_weasyprint: bool = False  # the build imports WeasyPrint early when it is due
    foreground: bool = False  # `publisher serve` builds it at once, before the slow ones
    message_file: str | None = None  # in <out>/<slug>/: the message `publisher send` sends
    impositions: tuple[str, ...] = ()  # the --impose values that fold or gang up its PDF
    noun: str = ""  # its output in a sentence: "--impose 2up imposes the leaflet"

    def renderer_class(self) -> type[Renderer]:
        loaded: type[Renderer] = _load(self.renderer)
        return loaded

    def inputs(self, target: Target) -> list[Path]:
        files: Callable[[Target], list[Path]] = _load(self.check_inputs)
        return files(target)

    def outputs(self, issue: IssueManifest, edition: str = "") -> list[Path]:
        """The files the format makes for the issue (or for one of its language editions),
        relative to the output folder: its download, its message. `publisher check` expects
        the original's whatever the output folder holds; which editions are made, and
        whether one has the leaflet, only assembling the issue tells."""
        from .urls import issue_folder

        made = (
            [self.download.path(issue.slug, edition)]
            if self.download and self.download.made_for(issue)
            else []
        )
        if self.message_file:
            made.append(Path(issue_folder(issue.slug, edition)) / self.message_file)
        return made


def _load(reference: str) -> Any:
    module, _, attribute = reference.partition(":")
    return getattr(importlib.import_module(module), attribute)


_EXTERNAL = {"epub:epubcheck", "epub:accessibility", "web:nu_html_checker"}


def _built_in(name: str, checks: Iterable[tuple[str, str]], inputs: str, **rest: Any) -> Format:
    """A format of publisher's own: its renderer, checks and inputs in the usual modules."""
    renderers = {"pdf": "pdf:PdfRenderer", "leaflet": "leaflet:LeafletRenderer"}
    renderers |= {"email": "email:EmailRenderer", "epub": "epub:EpubRenderer"}
    renderers |= {"feed": "feed:FeedRenderer", "web": "web:WebRenderer"}
    return Format(
        name=name,
        renderer=f"publisher.renderers.{renderers[name]}",
        checks=tuple(
            CheckSpec(check, f"publisher.checks.{ref}", external=ref in _EXTERNAL)
            for check, ref in checks
        ),
        check_inputs=f"publisher.checks.{inputs}",
        **rest,
    )


BUILT_IN: tuple[Format, ...] = (
    _built_in(
        "pdf",
        description="the issue as a print-ready PDF booklet",
        stage="issue",
        settings_table="pdf",
        download=Offer(".pdf", "application/pdf", "PDF"),
        needs_weasyprint=True,
        impositions=("booklet",),
        noun="the issue's PDF",
        checks=[
            ("fonts embedded", "pdf:fonts_embedded"),
            ("page boxes", "pdf:page_boxes"),
            ("PDF/UA-1 (pdfua)", "pdf:pdf_ua_when_claimed"),
            ("PDF/X output intent and boxes", "pdf:pdfx_when_claimed"),
            ("text inside the trim box", "pdf:text_inside_trim"),
        ],
        inputs="pdf:pdfs",
    ),
    _built_in(
        "leaflet",
        description="the issue's leaflet document as a one-sheet handout PDF",
        stage="issue",
        settings_table="pdf",
        # for those who print their own
        download=Offer("-leaflet.pdf", "application/pdf", "leaflet (PDF)", only_with="leaflet"),
        needs_weasyprint=True,
        impositions=("2up", "3up", "4up"),
        noun="the leaflet",
        checks=[("one sheet", "pdf:leaflet_one_sheet")],
        inputs="pdf:leaflets",
    ),
    _built_in(
        "email",
        description="HTML email with a plain-text part, and a ready-to-send .eml",
        stage="issue",
        settings_table="email",
        foreground=True,
        message_file="email.eml",
        checks=[
            ("HTML under Gmail's 102 KB", "email:html_size"),
            ("plain-text and HTML parts", "email:parts"),
            ("required headers", "email:headers"),
            ("lines within 998 octets", "email:line_length"),
            ("safe, absolute HTML", "email:safe_html"),
        ],
        inputs="email:emails",
    ),
    _built_in(
        "epub",
        description="the issue as an EPUB 3 e-book",
        stage="issue",
        download=Offer(".epub", "application/epub+zip", "EPUB"),
        checks=[
            ("epubcheck", "epub:epubcheck"),
            ("accessibility (Ace)", "epub:accessibility"),
            ("every article in the contents", "epub:contents"),
            ("pictures described", "epub:pictures_described"),
        ],
        inputs="epub:epubs",
    ),
    _built_in(
        "feed",
        description="Atom and RSS feeds of the newest issues",
        stage="archive",
        foreground=True,
        checks=[
            ("well-formed XML", "feed:well_formed_xml"),
            ("no control characters", "feed:control_characters"),
            ("feedparser", "feed:feedparser_clean"),
            ("Atom schema (RFC 4287)", "feed:atom_schema"),
            ("RSS 2.0 required elements", "feed:rss_required_elements"),
            ("stable entry ids", "feed:stable_ids"),
        ],
        inputs="feed:feeds",
    ),
    _built_in(
        "web",
        description="the static web archive: issues, articles, tags, languages, search",
        stage="archive",
        delivery_keys=("subscribe_form",),
        foreground=True,
        checks=[
            ("Nu HTML checker", "web:nu_html_checker"),
            ("internal links", "web:internal_links"),
            ("image alt text", "web:image_alt_text"),
        ],
        inputs="web:inputs",
    ),
)


@cache
def formats() -> dict[str, Format]:
    """Every format by name: the built-ins in their order, then those packages register."""
    from .plugins import registered

    found = {f.name: f for f in BUILT_IN}
    for entry, plugin in registered(ENTRY_POINT_GROUP, Format, _origin):
        if plugin.name in found:
            raise PublisherError.at(
                f"{_origin(entry)} registers the format {plugin.name!r} a second time",
                hint="uninstall one of the packages, or give the new format its own name",
            )
        found[plugin.name] = plugin
    return found


def _origin(entry: EntryPoint) -> str:
    return f"the {ENTRY_POINT_GROUP} entry point {entry.name!r} ({entry.value})"


def mail_format() -> Format:
    """The format whose output `publisher send` sends: the first with a message file."""
    return next(f for f in formats().values() if f.message_file)


def select(names: Sequence[str]) -> list[Format]:
    """The formats named (every one when none), in registration order; an unknown name is
    refused with the nearest known one. Names are read in any case (`-f PDF`)."""
    known = formats()
    names = [name.strip().lower() for name in names]
    if unknown := [name for name in names if name not in known]:
        raise PublisherError.at(
            f"unknown format {unknown[0]!r}",
            hint=near_misses(unknown[0], set(known)) or f"formats: {', '.join(known)}",
        )
    return [f for name, f in known.items() if not names or name in names]


def __getattr__(name: str) -> dict[str, Format]:
    """`FORMATS`: formats(), read when asked for (entry points are found at first use)."""
    if name == "FORMATS":
        return formats()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
