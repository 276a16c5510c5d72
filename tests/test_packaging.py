"""Packaging: the version is written once, every module publisher imports is installed with
it, and a command that needs an extra the install lacks says which one, in one message,
without a traceback."""

from __future__ import annotations

import ast
import importlib
import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

import pytest

import publisher

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def test_the_version_is_written_once_in_the_package() -> None:
    project = PYPROJECT["project"]
    assert "version" not in project and "version" in project["dynamic"]
    source = ROOT / PYPROJECT["tool"]["hatch"]["version"]["path"]
    assert source == Path(publisher.__file__)
    written = re.findall(r'^__version__ = "([^"]+)"$', source.read_text(encoding="utf-8"), re.M)
    assert written == [publisher.__version__]


def test_the_command_line_prints_that_version() -> None:
    from click.testing import CliRunner

    from publisher.cli import main

    result = CliRunner().invoke(main, ["--version"])
    assert result.exit_code == 0
    assert result.output.split() == ["publisher,", "version", publisher.__version__]


def test_every_theme_in_the_checkout_goes_into_the_wheel() -> None:
    """An installed publisher finds the default theme in publisher/theme and the others in
    publisher/themes/<name>: a theme folder left out of the wheel is a theme users lack."""
    included = PYPROJECT["tool"]["hatch"]["build"]["targets"]["wheel"]["force-include"]
    themes = sorted(p.name for p in (ROOT / "templates").iterdir() if p.is_dir())
    expected = {
        f"templates/{name}": "publisher/theme" if name == "default" else f"publisher/themes/{name}"
        for name in themes
    }
    assert {k: v for k, v in included.items() if k.startswith("templates/")} == expected


def test_the_distribution_is_not_pypis_other_publisher() -> None:
    """ "publisher" on PyPI is another project (an IPython-notebook tool, versions up to 0.11,
    with a top-level `publisher` package of its own): `pip install 'publisher[preview]'`, as
    the hints said, installed that, and `pip install -U` replaced this tool with it. The
    distribution has a name of its own; the command and the import package stay publisher."""
    assert PYPROJECT["project"]["name"] == "newsletter-publisher"
    assert PYPROJECT["project"]["scripts"] == {"publisher": "publisher.cli:main"}
    assert PYPROJECT["tool"]["hatch"]["build"]["targets"]["wheel"]["packages"] == ["publisher"]


def test_the_install_hint_of_a_pipx_install_adds_the_extra_to_its_own_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """pipx keeps each tool in a venv of its own, with the pipx_metadata.json it writes: a
    plain `pip install` adds nothing to it. `pipx inject` of the tool's own extra is refused
    as "already injected" by the pipx releases Debian and Ubuntu ship; runpip is not."""
    from publisher.extras import install_command

    venv = tmp_path / "pipx" / "venvs" / "newsletter-publisher"
    venv.mkdir(parents=True)
    (venv / "pipx_metadata.json").write_text(
        '{"main_package": {"package": "newsletter-publisher", "package_or_url":'
        ' "newsletter-publisher", "pip_args": [], "include_dependencies": false},'
        ' "python_version": "Python 3.11.2", "pipx_metadata_version": "0.4"}'
    )
    monkeypatch.setattr(sys, "prefix", str(venv))
    assert install_command("preview") == (
        "pipx runpip newsletter-publisher install 'newsletter-publisher[preview]'"
    )


def test_every_extra_is_in_the_test_extra() -> None:
    """make test and make demo install '.[test]': it must bring the whole tool."""
    extras = PYPROJECT["project"]["optional-dependencies"]
    pulled = {
        name
        for requirement in extras["test"]
        if (found := re.fullmatch(r"newsletter-publisher\[([\w,-]+)\]", requirement))
        for name in found[1].split(",")
    }
    assert pulled == set(extras) - {"test"}


def distribution(requirement: str) -> str:
    """A requirement's distribution name, normalised as pip compares them (PEP 503)."""
    name = re.match(r"[A-Za-z0-9._-]+", requirement)
    assert name, requirement
    return re.sub(r"[-_.]+", "-", name[0]).lower()


def imported_when_running(source: Path) -> set[str]:
    """The top-level modules a file imports, leaving out those under `if TYPE_CHECKING:`,
    which only the type checker reads, and its own relative imports."""
    modules: set[str] = set()

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and ast.unparse(node.test) in {
            "TYPE_CHECKING",
            "typing.TYPE_CHECKING",
        }:
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import):
            modules.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            modules.add(node.module.split(".")[0])
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(ast.parse(source.read_text(encoding="utf-8"), str(source)))
    return modules


def test_every_module_publisher_imports_is_installed_with_it() -> None:
    """`pip install newsletter-publisher` (with an extra) brings what publisher imports. DKIM
    signing imported `cryptography`, which only the test extra listed: every send from a pip
    install stopped on a ModuleNotFoundError. A module that a declared package happens to bring
    today counts as undeclared: the package may stop bringing it."""
    project = PYPROJECT["project"]
    declared = {distribution(r) for r in project["dependencies"]} | {
        distribution(r)
        for extra, requirements in project["optional-dependencies"].items()
        if extra != "test"
        for r in requirements
    }
    providers = packages_distributions()
    undeclared: dict[str, list[str]] = {}
    for source in sorted((ROOT / "publisher").rglob("*.py")):
        for module in imported_when_running(source):
            if module in sys.stdlib_module_names or module == "publisher":
                continue
            found = {distribution(d) for d in providers.get(module, [])}
            if not found & declared:
                where = str(source.relative_to(ROOT))
                undeclared.setdefault(f"{module} ({', '.join(sorted(found))})", []).append(where)
    assert undeclared == {}


# A workspace with the subscription form on, so serve-subscriptions imports all it can.
WORKSPACE_CONFIG = """\
title = "Extras Test Bulletin"
base_url = "https://extras.example.org/"
language = "en"

[organisation]
name = "Test Organisation"
contact = "1 Test Street, Testtown"

[email]
from = "Extras Bulletin <news@extras.example.org>"

[delivery]
subscribe_form = true
"""


def run_without(module: str, code: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """`code` in a fresh interpreter where importing `module` fails as if not installed."""
    prelude = f"import sys\nsys.modules[{module!r}] = None\n"
    return subprocess.run(
        [sys.executable, "-c", prelude + textwrap.dedent(code)],
        cwd=cwd,
        env={**os.environ, "PUBLISHER_SECRET_KEY": "k" * 40},
        capture_output=True,
        text=True,
        timeout=60,
    )


def cli(*args: str) -> str:
    return f"from publisher.cli import main\nmain({list(args)!r})\n"


@pytest.mark.parametrize(
    ("module", "args", "extra"),
    [
        ("flask", ["serve-subscriptions"], "serve"),
        ("werkzeug.routing", ["serve-subscriptions"], "serve"),
        ("flask_limiter", ["serve-subscriptions"], "serve"),
        ("waitress", ["serve-subscriptions", "--listen", "127.0.0.1:0"], "serve"),
        ("watchfiles", ["serve", "--no-open"], "serve"),
        ("playwright.sync_api", ["preview-email", "1"], "preview"),
    ],
)
def test_a_command_names_the_extra_it_needs(
    module: str, args: list[str], extra: str, tmp_path: Path
) -> None:
    (tmp_path / "publisher.toml").write_text(WORKSPACE_CONFIG)
    result = run_without(module, cli(*args), tmp_path)
    assert result.returncode == 1, result.stderr
    package = module.split(".")[0]  # what a reader installs: waitress, not waitress.server
    assert f"needs the {extra} extra ({package} is not installed)" in result.stderr
    assert f"pip install 'newsletter-publisher[{extra}]'" in result.stderr
    assert "Traceback" not in result.stderr


def test_importing_a_web_page_names_the_webpage_extra(tmp_path: Path) -> None:
    """The import goes on with the other files; the page is reported with the extra to add."""
    (tmp_path / "page.html").write_text("<html><body><p>Text</p></body></html>")
    (tmp_path / "note.txt").write_text("A title\n\nSome text for the body.\n")
    result = run_without(
        "trafilatura", cli("import", "--dry-run", "page.html", "note.txt"), tmp_path
    )
    output = result.stdout + result.stderr
    assert "needs the webpage extra (trafilatura is not installed)" in output
    assert "pip install 'newsletter-publisher[webpage]'" in output
    assert "note" in result.stdout
    assert "Traceback" not in output


# A page as a browser's "Save Page As" keeps it.
SAVED_PAGE = """\
<html lang="en"><head><meta charset="utf-8"><title>Council votes on rent cap</title></head>
<body><article><h1>Council votes on rent cap</h1>
<p>The council voted on Tuesday to ask for powers to cap rents.</p>
<p>Tenants' groups welcomed the vote.</p></article></body></html>
"""


def test_a_web_page_import_without_lxml_html_clean_names_the_webpage_extra(
    tmp_path: Path,
) -> None:
    """lxml.html.clean, which trafilatura's text extractor imports, raises a plain ImportError
    ("now a separate project lxml_html_clean") when that package is missing: the import
    stopped as an unexpected problem (exit 70) instead of naming the extra."""
    (tmp_path / "saved.html").write_text(SAVED_PAGE, encoding="utf-8")
    result = run_without("lxml_html_clean", cli("import", "saved.html"), tmp_path)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "needs the webpage extra (lxml_html_clean is not installed)" in output
    assert "pip install 'newsletter-publisher[webpage]'" in output
    assert "Traceback" not in output and "unexpected problem" not in output


def test_the_webpage_extra_brings_lxml_html_clean_itself() -> None:
    """trafilatura's extractor (justext) asks for `lxml[html_clean]`; pip before 23.3 (as
    Python 3.11's venv has) does not match that to lxml's `html-clean` extra and installs
    lxml alone, so the extra names the package, not lxml's extra."""
    webpage = PYPROJECT["project"]["optional-dependencies"]["webpage"]
    assert "lxml-html-clean" in {distribution(requirement) for requirement in webpage}


def test_a_missing_module_of_publisher_itself_is_not_blamed_on_an_extra() -> None:
    from publisher.extras import needs

    with pytest.raises(ModuleNotFoundError), needs("serve"):
        importlib.import_module("publisher.no_such_module")


def installed_copy(tmp_path: Path) -> Path:
    """publisher/ as a wheel installs it, with the theme folders where pyproject.toml puts
    them, alone in a site-packages folder: no checkout (package.json, node_modules/,
    scripts/, templates/) around it."""
    site = tmp_path / "site-packages"
    shutil.copytree(
        ROOT / "publisher", site / "publisher", ignore=shutil.ignore_patterns("__pycache__")
    )
    included = PYPROJECT["tool"]["hatch"]["build"]["targets"]["wheel"]["force-include"]
    for source, target in included.items():
        shutil.copytree(ROOT / source, site / target)
    return site


def test_a_pip_install_is_told_how_to_install_the_validators_it_lacks(tmp_path: Path) -> None:
    """`publisher check` from a pip install said "run 'make setup' in the publisher
    checkout" for the Nu checker and Ace, and named the checkout's
    scripts/install-system-deps.sh for Chromium: a pip user has neither. The hints name the
    npm packages at the versions the tests run (package.json) and where node_modules/ must
    be, and apt's package alone."""
    site = installed_copy(tmp_path)
    workspace = tmp_path / "bulletin"
    workspace.mkdir()
    (workspace / "publisher.toml").write_text(WORKSPACE_CONFIG)
    code = """\
        from pathlib import Path
        from publisher.checks import tools
        for find in (tools.vnu_jar, tools.ace_modules, lambda _: tools.chromium()):
            try:
                find(Path.cwd())
            except tools.ToolMissing as exc:
                print(exc)
    """
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        cwd=workspace,
        env={**os.environ, "PYTHONPATH": str(site), "PATH": str(tmp_path / "no-programs")},
        capture_output=True,
        text=True,
        timeout=60,
    )
    pins = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))["devDependencies"]
    ace = " ".join(f"{name}@{pins[name]}" for name in pins if name.startswith("@daisy/"))
    where = "in the workspace (the folder with publisher.toml), which makes its node_modules/"
    assert result.stdout.splitlines() == [
        f"the Nu HTML checker is not installed: run 'npm install vnu-jar@{pins['vnu-jar']}' {where}",
        f"Ace by DAISY is not installed: run 'PUPPETEER_SKIP_DOWNLOAD=1 npm install {ace}' {where}",
        "Chromium is not installed: install it with 'apt-get install chromium'"
        " (on Debian the lighter chromium-headless-shell also does)",
    ], result.stderr


def test_a_pip_install_is_told_where_each_themes_files_are(tmp_path: Path) -> None:
    """The default theme's README placed the campaign theme in templates/campaign/, which a
    wheel install has not (it is publisher/themes/campaign/), and the templates/README.md
    that `publisher init` writes named the default theme's folder only."""
    site = installed_copy(tmp_path)
    package = site / "publisher"
    result = subprocess.run(
        [sys.executable, "-c", cli("init", "bulletin")],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(site)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    written = (tmp_path / "bulletin" / "templates" / "README.md").read_text(encoding="utf-8")
    assert f"\n    {package / 'theme'}\n" in written
    assert f"\n    {package / 'themes' / 'campaign'}\n" in written
    assert "pip show newsletter-publisher" in written  # where they are after a reinstall

    theme_readme = (package / "theme" / "README.md").read_text(encoding="utf-8")
    campaign = re.search(r"`([^`]*campaign/)`", theme_readme)  # the first folder it names
    assert campaign, theme_readme[:800]
    assert (package / "theme" / campaign[1]).resolve() == package / "themes" / "campaign"


def test_after_make_demo_readers_are_sent_to_publisher_serve_not_to_the_disk() -> None:
    """`make demo` and the README said to open dist/index.html: from the disk every link of
    the archive (030-issue-30/, ../) is a folder, and the browser listed its files."""
    recipe = re.search(r"^demo:.*\n((?:\t.*\n)+)", (ROOT / "Makefile").read_text(), re.M)
    assert recipe and "publisher serve" in recipe.group(1)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    after = re.search(r"After\s+`make demo`, (.*?)\. ", readme, re.S)
    assert after and "publisher serve" in after.group(1).partition(",")[0], after
    assert "open `dist/index.html`" not in readme
