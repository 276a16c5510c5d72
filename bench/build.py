"""Benchmark: publisher's builds next to the floor of the same work done directly.

    .venv/bin/python bench/build.py            # the example issue and archives of 100/300/1,000 documents
    .venv/bin/python bench/build.py --quick    # the example issue and a 100-document archive only

It prints one table: cold build, no-op rebuild, one-document-changed rebuild, `publisher
--help` start-up and peak memory, each with its ratio to the floor: the same content pushed
through pandoc, WeasyPrint and feedgen directly, with no pipeline around it, in the same run.
Every build runs in a fresh process, so start-up is included and memory is its own.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
EPOCH = "1767225600"

# Runs one build in a fresh process and reports its time, jobs and peak memory.
BUILD_ONCE = """
import json, resource, sys, time
from pathlib import Path
started = time.perf_counter()
from publisher.build import build
report = build(Path(sys.argv[1]), force=sys.argv[2] == "force")
seconds = time.perf_counter() - started
peak_kb = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
print(json.dumps({"seconds": seconds, "rendered": report.rendered, "job_seconds": report.seconds, "peak_mb": peak_kb / 1024}))
"""

# The floor: pandoc for each document, one WeasyPrint PDF, one pandoc EPUB, one feedgen feed.
FLOOR = """
import json, sys, tempfile, time
from pathlib import Path
started = time.perf_counter()
import pypandoc, weasyprint
from feedgen.feed import FeedGenerator
feed = FeedGenerator(); feed.id("https://example.org/"); feed.title("Feed"); feed.link(href="https://example.org/"); feed.description("Feed")
for number, issue in enumerate(json.loads(sys.argv[1])):
    documents = [Path(p) for p in issue]
    bodies = [pypandoc.convert_file(str(d), "html5", format="markdown" if d.suffix in (".md", ".txt") else d.suffix.lstrip(".")) for d in documents]
    html = "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>Issue</title></head><body>" + "".join(f"<article>{b}</article>" for b in bodies) + "</body></html>"
    weasyprint.HTML(string=html).write_pdf()
    with tempfile.TemporaryDirectory() as tmp:
        pypandoc.convert_text(html, "epub3", format="html", outputfile=f"{tmp}/issue.epub", extra_args=["--metadata=title:Issue"])
    entry = feed.add_entry(); entry.id(f"https://example.org/{number}/"); entry.title("Issue"); entry.link(href=f"https://example.org/{number}/"); entry.content(html, type="html")
feed.atom_str(); feed.rss_str()
print(json.dumps({"seconds": time.perf_counter() - started}))
"""


def run(code: str, *args: str) -> dict:
    env = {"SOURCE_DATE_EPOCH": EPOCH, "PATH": "/usr/bin:/bin", "HOME": str(Path.home())}
    out = subprocess.run(
        [PYTHON, "-c", code, *args], capture_output=True, text=True, env=env, cwd=REPO
    )
    if out.returncode:
        sys.exit(f"benchmark step failed:\n{out.stderr[-2000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def help_startup() -> float:
    times = []
    for _ in range(7):
        started = time.perf_counter()
        subprocess.run(
            [str(REPO / ".venv" / "bin" / "publisher"), "--help"], capture_output=True, check=True
        )
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def example_workspace(root: Path) -> Path:
    root.mkdir(parents=True)
    for name in ("publisher.toml", "documents", "issues"):
        source = REPO / name
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, root / name)
    # The example issue alone: the benchmark's unit of "an issue, all formats".
    for manifest in (root / "issues").glob("*.yaml"):
        if not manifest.name.startswith("041"):
            manifest.unlink()
    return root


WORDS = [
    "workers",
    "union",
    "strike",
    "wages",
    "rent",
    "harbour",
    "dockers",
    "solidarity",
    "meeting",
    "council",
    "picket",
    "contract",
    "hospital",
    "cleaners",
    "outsourcing",
    "pay",
    "demand",
    "march",
    "rally",
    "leaflet",
    "statement",
    "report",
    "members",
    "branch",
    "committee",
    "vote",
    "shift",
    "hours",
    "safety",
    "housing",
    "tenants",
    "landlord",
    "repairs",
    "school",
    "transport",
]


def generated_archive(root: Path, documents: int, per_issue: int = 10) -> Path:
    """`documents` Markdown articles in issues of `per_issue`, deterministic text."""
    rng = random.Random(documents)
    (root / "documents").mkdir(parents=True)
    (root / "issues").mkdir()
    shutil.copy2(REPO / "publisher.toml", root / "publisher.toml")
    for n in range(documents):
        paragraphs = [
            " ".join(rng.choice(WORDS) for _ in range(rng.randint(60, 120))).capitalize() + "."
            for _ in range(rng.randint(4, 9))
        ]
        tags = sorted(rng.sample(WORDS[:12], 2))
        (root / "documents" / f"doc-{n:04d}.md").write_text(
            f"---\ntitle: Article {n} on {rng.choice(WORDS)}\nauthors: [Author {n % 37}]\n"
            f"date: 2026-01-{1 + n % 28:02d}\ntags: [{', '.join(tags)}]\n---\n\n"
            + "\n\n## A section\n\n".join(paragraphs)
            + "\n"
        )
    for issue in range(documents // per_issue):
        refs = ", ".join(f"doc-{issue * per_issue + k:04d}" for k in range(per_issue))
        (root / "issues" / f"{issue + 1:03d}-issue.yaml").write_text(
            f"number: {issue + 1}\ntitle: Issue {issue + 1}\ndate: 2026-{1 + issue // 28 % 12:02d}-{1 + issue % 28:02d}\n"
            f"sections:\n  - title: Articles\n    documents: [{refs}]\n"
        )
    return root


def issue_documents(root: Path, manifest_prefix: str) -> list[Path]:
    """The document files an issue's manifest lists, for the floor to convert."""
    import yaml

    manifest = yaml.safe_load(next((root / "issues").glob(f"{manifest_prefix}*.yaml")).read_text())
    stems = [ref for section in manifest["sections"] for ref in section["documents"]]
    return [next((root / "documents").glob(f"{stem}.*")) for stem in stems]


def measure(root: Path, issues: list[list[Path]]) -> dict:
    floor = run(FLOOR, json.dumps([[str(p) for p in issue] for issue in issues]))["seconds"]
    cold = run(BUILD_ONCE, str(root), "cold")
    noop = run(BUILD_ONCE, str(root), "cold")
    changed_doc = sorted((root / "documents").glob("*"))[0]
    changed_doc.write_text(changed_doc.read_text() + "\nOne more sentence.\n")
    changed = run(BUILD_ONCE, str(root), "cold")
    archive_jobs = {k: v for k, v in changed["job_seconds"].items() if k in ("feed", "web index")}
    return {
        "floor": floor,
        "cold": cold,
        "noop": noop,
        "changed": changed,
        "feeds+index": sum(archive_jobs.values()),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="only the example and 100 documents")
    options = parser.parse_args()
    sizes = [100] if options.quick else [100, 300, 1000]
    rows = []
    with tempfile.TemporaryDirectory(prefix="publisher-bench-") as tmp:
        example = example_workspace(Path(tmp) / "example")
        rows.append(("example issue", measure(example, [issue_documents(example, "041")])))
        for size in sizes:
            archive = generated_archive(Path(tmp) / f"archive-{size}", size)
            manifests = sorted((archive / "issues").glob("*.yaml"))
            issues = [issue_documents(archive, manifest.stem) for manifest in manifests]
            rows.append((f"archive, {size} documents", measure(archive, issues)))
    startup = help_startup()

    print(
        f"\n{'workspace':28} {'floor':>8} {'cold':>9} {'×floor':>7} {'no-op':>8} {'rendered':>9} "
        f"{'1 changed':>10} {'rendered':>9} {'feeds+index':>12} {'peak MB':>8}"
    )
    for name, m in rows:
        print(
            f"{name:28} {m['floor']:7.2f}s {m['cold']['seconds']:8.2f}s {m['cold']['seconds'] / m['floor']:6.2f}× "
            f"{m['noop']['seconds']:7.2f}s {len(m['noop']['rendered']):9d} {m['changed']['seconds']:9.2f}s "
            f"{len(m['changed']['rendered']):9d} {m['feeds+index']:11.2f}s "
            f"{max(m['cold']['peak_mb'], m['changed']['peak_mb']):8.0f}"
        )
    print(f"\n`publisher --help` start-up (median of 7): {startup:.3f} s")
    example_changed = rows[0][1]["changed"]["rendered"]
    print(f"example, one document changed, re-rendered: {', '.join(example_changed)}")
    if len(rows) > 1:
        print(
            f"largest archive, one document changed, re-rendered: {', '.join(rows[-1][1]['changed']['rendered'])}"
        )


if __name__ == "__main__":
    main()
