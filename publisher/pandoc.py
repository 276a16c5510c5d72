"""The one place publisher talks to pandoc (through pypandoc, imported lazily: it is slow)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import PublisherError

_TEMPLATE = Path(__file__).with_name("pandoc-meta-body.txt")
_SPLIT = "\n<!--publisher:body-->\n"
_PLAIN_TEXT_FILTER = Path(__file__).with_name("plain-text.lua")


@dataclass(frozen=True)
class Converted:
    meta: dict[str, Any]
    body_html: str


def to_html(
    source: str | Path, from_format: str, *, id_prefix: str = "", media_dir: Path | None = None
) -> Converted:
    """Convert a file (Path) or text (str) to an HTML5 fragment plus pandoc's metadata.

    With `media_dir`, embedded images are extracted there and referenced relative to it."""
    args = ["--standalone", f"--template={_TEMPLATE}", "--wrap=none"]
    if id_prefix:
        args.append(f"--id-prefix={id_prefix}")
    if media_dir:
        args.append("--extract-media=.")
    output = _run(source, from_format, "html5", args, cwd=media_dir)
    meta_json, _, body = output.partition(_SPLIT)
    return Converted(json.loads(meta_json or "{}"), body)


def markdown_to_html(text: str, *, id_prefix: str = "") -> str:
    return to_html(text, "markdown", id_prefix=id_prefix).body_html


def html_to_text(html: str, columns: int = 72) -> str:
    """Readable plain text: Markdown-flavoured, headings underlined, links as numbered
    references listed after each top-level block (wrap each article in a <div>)."""
    return _run(
        html,
        "html",
        "markdown-raw_html-native_divs-native_spans-fenced_divs-bracketed_spans-link_attributes"
        "-header_attributes-smart-escaped_line_breaks",
        [
            f"--columns={columns}",
            "--markdown-headings=setext",
            f"--lua-filter={_PLAIN_TEXT_FILTER}",
            "--reference-links",
            "--reference-location=block",
        ],
    )


def convert_text(text: str, from_format: str, to_format: str, args: list[str]) -> str:
    return _run(text, from_format, to_format, args)


def html_to_epub(html: str, output: Path, args: list[str]) -> None:
    """Not sandboxed, so pandoc can read the stylesheet, cover and images: safe because
    document bodies only reference images inside documents/ (`resources.confine_images`)."""
    _run(html, "html", "epub3", args, outputfile=output, sandbox=False)


def _run(
    source: str | Path,
    from_format: str,
    to_format: str,
    args: list[str],
    outputfile: Path | None = None,
    sandbox: bool = True,
    cwd: Path | None = None,
) -> str:
    import pypandoc

    try:
        options = {
            "format": from_format,
            "extra_args": args,
            "outputfile": str(outputfile) if outputfile else None,
            "sandbox": sandbox,
            "cworkdir": str(cwd) if cwd else None,
        }
        if isinstance(source, Path):
            return pypandoc.convert_file(str(source), to_format, **options)
        return pypandoc.convert_text(source, to_format, **options)
    except RuntimeError as exc:
        where = source if isinstance(source, Path) else None
        raise PublisherError.at(
            f"pandoc could not convert this {from_format} input: {str(exc).strip()[:500]}",
            where,
            hint="check the file opens in its own program; re-save it if it is damaged",
        ) from None
