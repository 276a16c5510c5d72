"""A template override works from the moment it is saved, also in a process that has
already rendered with the theme's template (`publisher serve`, or two builds in a row)."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from publisher.build import build
from publisher.errors import Problem, PublisherError
from publisher.style import theme_folder
from publisher.templating import default_theme_dir, make_environment


def test_an_override_added_after_the_theme_template_was_used_takes_over(tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    env = make_environment(templates)
    theme = env.get_template("feed/entry.html")
    assert "OVERRIDE" not in theme.filename

    override = templates / "feed" / "entry.html"
    override.parent.mkdir(parents=True)
    override.write_text("OVERRIDE")
    assert env.get_template("feed/entry.html").render() == "OVERRIDE"

    override.unlink()  # and the theme's again once it is gone
    assert env.get_template("feed/entry.html").filename == theme.filename


def test_an_edited_template_is_compiled_again_by_the_next_process(tmp_path: Path) -> None:
    """Compiled templates are kept between runs; a later run must see the edit, not the
    compiled code of the earlier text (each new environment stands for a new process)."""
    templates = tmp_path / "templates"
    override = templates / "feed" / "entry.html"
    override.parent.mkdir(parents=True)
    override.write_text("first {{ 1 + 1 }}")
    assert make_environment(templates).get_template("feed/entry.html").render() == "first 2"

    make_environment.cache_clear()
    override.write_text("second {{ 2 + 2 }}")
    assert make_environment(templates).get_template("feed/entry.html").render() == "second 4"


def override_problem(root: Path, name: str, text: str, format_: str) -> Problem:
    """The one problem `publisher build --format format_` reports once the workspace's
    templates/`name` says `text`; the build writes nothing."""
    override = root / "templates" / name
    override.parent.mkdir(parents=True, exist_ok=True)
    override.write_text(text)
    with pytest.raises(PublisherError) as raised:
        build(root, formats=[format_])
    assert not (root / "dist").exists()
    [problem] = raised.value.problems
    return problem


THEME = default_theme_dir()


@pytest.mark.parametrize(
    ("name", "text", "format_", "line", "said", "hint"),
    [
        (
            "web/issue.html",
            '{% extends "web/bse.html" %}\n{% block main %}x{% endblock %}\n',
            "web",
            1,
            "there is no template 'web/bse.html'",
            "did you mean 'web/base.html'?",
        ),
        (
            "feed/entry.html",
            '<entry>\n{% include "partials/footer.html" %}\n</entry>\n',
            "feed",
            2,
            "there is no template 'partials/footer.html'",
            str(THEME),
        ),
        ("feed/entry.html", '<entry>\n{{ issue.number + "x" }}\n', "feed", 2, "'int'", ""),
        ("feed/entry.html", "<entry>\n\n{{ 1/0 }}\n", "feed", 3, "division by zero", ""),
    ],
)
def test_a_mistake_in_an_override_is_named_at_its_line(
    workspace: Callable[[str], Path],
    name: str,
    text: str,
    format_: str,
    line: int,
    said: str,
    hint: str,
) -> None:
    """A missing template, or an expression Python cannot work out, in an override ended
    the build as publisher's own crash (exit 70, a crash log) instead of the editor's
    mistake at its line."""
    root = workspace("minimal")
    problem = override_problem(root, name, text, format_)
    assert (problem.file, problem.line) == (root / "templates" / name, line)
    assert said in problem.message and problem.message.startswith("template error: ")
    assert hint in (problem.hint or "") and "delete it" in (problem.hint or "")


@pytest.mark.parametrize("name", ["pdf/print.css", "web/site.css"])
def test_an_override_including_its_own_name_is_told_to_include_the_themes(
    workspace: Callable[[str], Path], name: str
) -> None:
    """ "Include the original, add my rules" by the override's own name included the
    override itself, without end (RecursionError, exit 70)."""
    root = workspace("minimal")
    text = f'/* mine */\n{{% include "{name}" %}}\nh2 {{ color: red }}\n'
    problem = override_problem(root, name, text, name.partition("/")[0])
    assert (problem.file, problem.line) == (root / "templates" / name, 2)
    assert problem.message == f"template error: {name} includes itself"
    assert f'{{% include "default:{name}" %}}' in (problem.hint or "")


def campaign_workspace(workspace: Callable[[str], Path]) -> Path:
    """The minimal workspace with `theme = "campaign"` chosen in publisher.toml."""
    root = workspace("minimal")
    with (root / "publisher.toml").open("a") as config:
        config.write('\n[style]\ntheme = "campaign"\n')
    return root


CAMPAIGN_BAND = ".site-header {\n  background: var(--band);"  # campaign's web/site.css


def test_an_override_builds_on_the_chosen_themes_file_by_that_themes_name(
    workspace: Callable[[str], Path],
) -> None:
    """Under the campaign theme, "include the original, add my rules" had only the default
    theme's file to include (`default:`): the site lost the campaign's band and section
    bars, and `campaign:web/site.css` was "no template"."""
    root = campaign_workspace(workspace)
    override = root / "templates" / "web" / "site.css"
    override.parent.mkdir(parents=True)
    override.write_text('{% include "campaign:web/site.css" %}\n.donate { color: red }\n')
    build(root, formats=["web"])
    site = (root / "dist" / "site.css").read_text()
    assert CAMPAIGN_BAND in site and site.rstrip().endswith(".donate { color: red }")


def test_an_override_including_itself_under_a_theme_is_told_that_themes_name(
    workspace: Callable[[str], Path],
) -> None:
    """The hint gave `default:pdf/print.css`, which dropped the campaign's cover band."""
    root = campaign_workspace(workspace)
    text = '{% include "pdf/print.css" %}\nh2 { color: red }\n'
    problem = override_problem(root, "pdf/print.css", text, "pdf")
    assert (problem.file, problem.line) == (root / "templates" / "pdf" / "print.css", 1)
    assert '{% include "campaign:pdf/print.css" %}' in (problem.hint or "")


def test_a_template_not_there_under_a_theme_is_told_that_themes_folder(
    workspace: Callable[[str], Path],
) -> None:
    """The hint gave the default theme's folder, whatever theme was chosen."""
    root = campaign_workspace(workspace)
    text = '{% include "campaign:pdf/prnt.css" %}\n'
    problem = override_problem(root, "pdf/print.css", text, "pdf")
    assert (problem.file, problem.line) == (root / "templates" / "pdf" / "print.css", 1)
    assert "there is no template 'campaign:pdf/prnt.css'" in problem.message
    assert f"in {theme_folder('campaign')}" in (problem.hint or "")
    assert "did you mean 'campaign:pdf/print.css'?" in (problem.hint or "")


def test_an_override_extending_its_own_name_is_told_to_extend_the_themes(
    workspace: Callable[[str], Path],
) -> None:
    """The error read "web/issue.html extendss itself"."""
    root = workspace("minimal")
    text = '{% extends "web/issue.html" %}{% block title %}x{% endblock %}\n'
    problem = override_problem(root, "web/issue.html", text, "web")
    assert (problem.file, problem.line) == (root / "templates" / "web" / "issue.html", 1)
    assert problem.message == "template error: web/issue.html extends itself"
    assert '{% extends "default:web/issue.html" %}' in (problem.hint or "")


MASTHEAD = (THEME / "email" / "masthead.mjml").read_text()
TITLE_TEXT = "{{ config.title }}</mj-text>"  # the masthead's line 10
COLUMN_END = "      </mj-column>\n"  # its line 18


@pytest.mark.parametrize(
    ("masthead", "element", "line", "close_before"),
    [
        (
            MASTHEAD.replace(TITLE_TEXT, "{{ config.title }}"),
            "mj-text",
            10,
            "</mj-column> on line 18",
        ),
        (MASTHEAD.replace(COLUMN_END, ""), "mj-column", 6, "</mj-section> on line 18"),
        (
            "<mj-section><mj-column><mj-text>{{ config.title }}\n</mj-column></mj-section>\n",
            "mj-text",
            1,
            "</mj-column> on line 2",
        ),
    ],
)
def test_an_email_override_with_an_element_left_open_is_named_at_its_line(
    workspace: Callable[[str], Path], masthead: str, element: str, line: int, close_before: str
) -> None:
    """One </mj-text> (or </mj-column>) deleted from a copy of the masthead: MJML's parser
    gave up with "unexpected end of stream in root template", and the error named neither
    the override nor its line, with a garbled hint."""
    assert TITLE_TEXT in MASTHEAD and COLUMN_END in MASTHEAD
    root = workspace("minimal")
    problem = override_problem(root, "email/masthead.mjml", masthead, "email")
    assert (problem.file, problem.line) == (root / "templates" / "email" / "masthead.mjml", line)
    assert problem.message == f"template error: <{element}> is not closed"
    assert problem.hint == (
        f"close it with </{element}> before {close_before}, or delete"
        f" {root / 'templates' / 'email' / 'masthead.mjml'} to use the theme's"
    )


def test_a_misspelled_block_in_an_override_is_named_with_the_blocks_there_are(
    workspace: Callable[[str], Path],
) -> None:
    """`{% block mian %}` in a copy of web/issue.html filled no block of web/base.html: the
    issue's page came out with an empty <main>, and build and check passed."""
    root = workspace("minimal")
    issue_page = (THEME / "web" / "issue.html").read_text()
    assert issue_page.splitlines()[4] == "{% block main %}"
    misspelled = issue_page.replace("{% block main %}", "{% block mian %}")
    problem = override_problem(root, "web/issue.html", misspelled, "web")
    assert (problem.file, problem.line) == (root / "templates" / "web" / "issue.html", 5)
    assert problem.message.startswith("template error: block 'mian' is not in web/base.html")
    assert "head, main, og_image" in problem.message
    assert "did you mean 'main'?" in (problem.hint or "")


def test_an_override_may_add_blocks_inside_the_blocks_it_fills(tmp_path: Path) -> None:
    """A block of its own inside one of the parent's is a new place for a template that
    extends this one, not a misspelling."""
    templates = tmp_path / "templates"
    override = templates / "web" / "issue.html"
    override.parent.mkdir(parents=True)
    override.write_text(
        '{% extends "web/base.html" %}\n{% block head %}{% block extra %}x{% endblock %}'
        "{% endblock %}\n"
    )
    assert make_environment(templates).get_template("web/issue.html").blocks.keys() >= {"extra"}


def test_a_misspelled_mjml_element_in_an_email_override_is_named(
    workspace: Callable[[str], Path],
) -> None:
    """<mj-txt> for <mj-text> in a copy of the masthead went into the email as it was,
    in a cell of font-size 0: the newsletter's name vanished, and build and check passed."""
    root = workspace("minimal")
    masthead = (THEME / "email" / "masthead.mjml").read_text().splitlines(keepends=True)
    assert masthead[9].lstrip().startswith("<mj-text align=")
    masthead[9] = masthead[9].replace("mj-text", "mj-txt")
    problem = override_problem(root, "email/masthead.mjml", "".join(masthead), "email")
    assert (problem.file, problem.line) == (root / "templates" / "email" / "masthead.mjml", 10)
    assert problem.message == "template error: <mj-txt> is not an MJML element"
    assert "did you mean 'mj-text'?" in (problem.hint or "")


def test_an_mjml_element_the_engine_does_not_support_is_named_at_its_line(
    workspace: Callable[[str], Path],
) -> None:
    """<mj-html-attributes> is MJML's, but MRML (the engine publisher renders MJML with)
    refused the email whole: "the email's MJML cannot be read (unexpected element in root
    template at position 16:34)", told to close elements, no line named."""
    root = workspace("minimal")
    newsletter = (THEME / "email" / "newsletter.mjml").read_text().splitlines(keepends=True)
    head = next(n for n, line in enumerate(newsletter) if "<mj-head>" in line)
    newsletter.insert(
        head + 1,
        '    <mj-html-attributes><mj-selector path=".card">'
        '<mj-html-attribute name="data-x">1</mj-html-attribute>'
        "</mj-selector></mj-html-attributes>\n",
    )
    problem = override_problem(root, "email/newsletter.mjml", "".join(newsletter), "email")

    override = root / "templates" / "email" / "newsletter.mjml"
    assert (problem.file, problem.line) == (override, head + 2)
    assert "<mj-html-attributes>" in problem.message
    assert "does not support" in problem.message and "MRML" in problem.message
    assert "close" not in (problem.hint or "")


@pytest.mark.parametrize(
    ("colours", "line", "said"),
    [
        ('{# ours #}\n{% set band = "red" %}\n', 2, "the band to 'red', not a colour written"),
        ("{# ours #}\n{% set band = nearly_white %}\n", 2, "the band to a name that is not"),
        ("{# ours: the band left out #}\n", None, "no band colour"),
        ("{# ours #}\n\n{% set band = 1 / 0 %}\n", 3, "division by zero"),
    ],
)
def test_an_email_band_colour_that_is_not_rrggbb_is_named_at_its_line(
    workspace: Callable[[str], Path], colours: str, line: int | None, said: str
) -> None:
    """email.css picks the footer links' ink to read on the band: a colour it cannot read
    stopped the build with a crash report, the override named nowhere."""
    root = workspace("minimal")
    problem = override_problem(root, "email/colours.j2", colours, "email")
    assert (problem.file, problem.line) == (root / "templates" / "email" / "colours.j2", line)
    assert problem.message.startswith("template error: ") and said in problem.message


def test_the_themes_email_templates_use_only_mjml_elements(tmp_path: Path) -> None:
    """Copied unchanged into the workspace, the theme's MJML is taken as it is."""
    templates = tmp_path / "templates"
    for name in ("email/newsletter.mjml", "email/masthead.mjml"):
        override = templates / name
        override.parent.mkdir(parents=True, exist_ok=True)
        override.write_text((THEME / name).read_text())
        assert make_environment(templates).get_template(name).filename == str(override)


@pytest.mark.parametrize(
    ("misplaced", "meant"),
    [
        ("default/pdf/print.css", "pdf/print.css"),
        ("print.css", "pdf/print.css"),
        ("Web/site.css", "web/site.css"),
    ],
)
def test_an_override_in_the_wrong_place_is_warned_of(
    workspace: Callable[[str], Path], misplaced: str, meant: str, caplog: pytest.LogCaptureFixture
) -> None:
    """A copy of a theme file put beside its place in templates/ overrides nothing: the
    build used the theme's, without a word."""
    root = workspace("minimal")
    copy = root / "templates" / misplaced
    copy.parent.mkdir(parents=True)
    copy.write_text((THEME / meant).read_text() + "\nh2 { color: red; }\n")
    (root / "templates" / "partials").mkdir()
    (root / "templates" / "partials" / "my-footer.html").write_text("<p>ours</p>\n")
    build(root, formats=["feed"])
    said = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    assert said == [
        f"{copy} overrides no template of the theme, so it is not used:"
        f" did you mean {root / 'templates' / meant}?"
    ]


def warnings_of_build(root: Path, caplog: pytest.LogCaptureFixture) -> list[str]:
    """The warnings `publisher build --format feed` gives for the workspace at `root`."""
    build(root, formats=["feed"])
    return [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]


def test_a_copy_of_the_theme_folder_in_templates_is_warned_of_once(
    workspace: Callable[[str], Path], caplog: pytest.LogCaptureFixture
) -> None:
    """`cp -r <publisher>/templates/default templates/` gave a warning for each of the
    theme's 33 files, its README.md told "did you mean templates/README.md?"."""
    root = workspace("minimal")
    templates = root / "templates"
    templates.mkdir()
    (templates / "README.md").write_text("# Templates\n\nPut a copy of a theme file here.\n")
    shutil.copytree(THEME, templates / "default")
    assert (templates / "default" / "README.md").is_file()
    assert warnings_of_build(root, caplog) == [
        f"{templates / 'default'}/ holds copies of the theme's templates at their paths in"
        " the theme, so none of them is used: to change a template, copy just that file to"
        f" its path in {templates}/ (as {templates / 'email' / 'colours.j2'} for"
        f" {templates / 'default' / 'email' / 'colours.j2'})"
    ]


def test_a_copy_of_a_checkouts_templates_is_warned_of_once_for_each_theme(
    workspace: Callable[[str], Path], caplog: pytest.LogCaptureFixture
) -> None:
    """A workspace made by copying publisher's example (its templates/ with the default
    and campaign themes in it) was warned of 39 files on every build."""
    root = workspace("minimal")
    templates = root / "templates"
    for theme in ("default", "campaign"):
        shutil.copytree(theme_folder(theme), templates / theme)
    said = warnings_of_build(root, caplog)
    assert [w.partition(" holds copies ")[0] for w in said] == [
        f"{templates / 'campaign'}/",
        f"{templates / 'default'}/",
    ]
    assert not [w for w in said if "README" in w]


def test_a_themes_readme_is_not_taken_for_a_misplaced_template(
    workspace: Callable[[str], Path], caplog: pytest.LogCaptureFixture
) -> None:
    """A theme's README.md is no template: one copied beside the workspace's own was told
    "did you mean templates/README.md?"."""
    root = workspace("minimal")
    notes = root / "templates" / "campaign" / "README.md"
    notes.parent.mkdir(parents=True)
    notes.write_text((theme_folder("campaign") / "README.md").read_text())
    assert warnings_of_build(root, caplog) == []
